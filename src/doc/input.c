/*
 * input.c: expanding input arguments into the list of files to read.
 *
 * Directories are walked depth first with entries sorted by name (byte
 * order, strcmp), so a run over a corpus directory reads the same files in
 * the same order on every machine, and its output can be diffed. Hidden
 * entries (".git", editor swap files) are skipped. Inside a directory only
 * regular files are taken; a symbolic link counts when it points at a
 * regular file, but links to directories are not followed, so a link cycle
 * cannot make the walk endless. An argument named explicitly is taken as
 * it is, whatever its type (a FIFO or /dev/stdin is a fine input), unless
 * it is a directory.
 */
#include "doc/input.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"

void hd_inputs_init(hd_inputs *in)
{
    in->paths = NULL;
    in->n = in->cap = 0;
}

void hd_inputs_free(hd_inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->paths[i]);
    free(in->paths);
    hd_inputs_init(in);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = hd_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

static void push(hd_inputs *in, char *path)
{
    HD_VEC_RESERVE(in->paths, in->cap, in->n + 1);
    in->paths[in->n++] = path;
}

static char *join(const char *dir, const char *name)
{
    size_t dn = strlen(dir), nn = strlen(name);
    int slash = dn > 0 && dir[dn - 1] != '/';
    char *p = hd_xmalloc(dn + (size_t)slash + nn + 1);
    memcpy(p, dir, dn);
    if (slash)
        p[dn] = '/';
    memcpy(p + dn + (size_t)slash, name, nn + 1);
    return p;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted, non-hidden entry names of dir (each malloc'd). */
static char **list_dir(const char *dir, size_t *count, hd_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        hd_error_set(err, dir, 0, -1, "cannot read directory: %s",
                     strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        HD_VEC_RESERVE(names, cap, n + 1);
        names[n++] = dup_str(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    *count = n;
    return names ? names : hd_xmalloc(1);
}

static int walk(hd_inputs *in, const char *dir, hd_error *err)
{
    size_t n = 0;
    char **names = list_dir(dir, &n, err);
    if (!names)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *path = join(dir, names[i]);
        struct stat st;
        if (rc == 0 && lstat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                rc = walk(in, path, err);
            } else if (S_ISREG(st.st_mode) ||
                       (S_ISLNK(st.st_mode) && stat(path, &st) == 0 &&
                        S_ISREG(st.st_mode))) {
                push(in, path);
                path = NULL;
            }
        }
        free(path);
        free(names[i]);
    }
    free(names);
    return rc;
}

int hd_inputs_add(hd_inputs *in, const char *arg, hd_error *err)
{
    struct stat st;
    if (strcmp(arg, "-") == 0) {
        push(in, dup_str(arg));
        return 0;
    }
    if (stat(arg, &st) != 0) {
        hd_error_set(err, arg, 0, -1, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        return walk(in, arg, err);
    push(in, dup_str(arg));
    return 0;
}
