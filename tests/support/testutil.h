/* testutil.h: small helpers shared by the tests: run the built command and
 * capture its output, read files, and find the shared material. */
#ifndef HD_TESTUTIL_H
#define HD_TESTUTIL_H

#include <stddef.h>

/* Runs `cmd` with /bin/sh, returns its stdout (malloc'd, NUL-terminated) and
 * stores its exit status in *status. */
char *tu_run(const char *cmd, int *status);
/* Reads a whole file (malloc'd, NUL-terminated), or NULL. *len may be NULL. */
char *tu_read_file(const char *path, size_t *len);
/* Path of a file under the shared material (HD_SHARED_DIR) or the repo
 * (HD_SOURCE_DIR), in a static buffer of the caller's. */
const char *tu_shared(char *buf, size_t cap, const char *rel);
const char *tu_repo(char *buf, size_t cap, const char *rel);

#endif
