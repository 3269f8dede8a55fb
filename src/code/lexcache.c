/*
 * lexcache.c: where compiled lexicons are cached, and keeping that small.
 *
 * hd_lexicon_open writes one compiled lexicon (lexfile.c) per data
 * directory into $XDG_CACHE_HOME/hadath, or ~/.cache/hadath:
 * lexicon-HASH.lex, HASH the CRC-32 of the directory's absolute path. A
 * new hadath or a changed source rewrites that same file, so one tree
 * never has more than one; but every tree has its own, and a tree that is
 * deleted (a worktree, a test's temporary copy, an old clone) used to leave
 * its 6.5 MB behind for good. So whenever a file is written into the
 * cache, hd_lexfile_prune looks at the others:
 *
 *   - a file whose data directory (recorded in its "data_dir" section) no
 *     longer exists is removed: no run can want it, since a new tree at
 *     that path would rebuild it anyway (its sources' times differ);
 *   - of the rest, at most HD_LEXFILE_CACHE_MAX files are kept in all, the
 *     most recently used first (the later of atime and mtime: with
 *     relatime, atime still moves once a day, which tells a tree in use
 *     from an abandoned one). Files written by older hadaths record no
 *     directory and fall under this rule only;
 *   - a writer's temporary file (lexicon-HASH.lex.PID.tmp, renamed into
 *     place when complete) an hour old was left by a process killed while
 *     writing (a write takes a fraction of a second): it is removed.
 *
 * Safe under concurrent runs. Only files named as hadath names them, in
 * the cache directory itself, are ever looked at, and none used or written
 * in the last ten minutes is removed: another run may have just renamed it
 * into place, or be about to open it. Just before a file is unlinked it is
 * looked at again, and kept if it is another file by now (a run renamed a
 * new one into place since it was judged). What a lost race costs is a
 * rebuild, never a wrong answer: a run that has the file mapped keeps its
 * mapping when the name goes, and a run that opens it after finds it
 * missing and rebuilds it from the text files.
 */
#include "code/lexfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "base/arena.h"

#define RECENT_SECONDS (10 * 60)
#define ABANDONED_TMP_SECONDS (60 * 60)

/* The cache directory, not created: 0, or -1 when there is none. */
static int cache_dir(char *out, size_t cap)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && *xdg == '/')
        snprintf(out, cap, "%s/hadath", xdg);
    else if (home && *home == '/')
        snprintf(out, cap, "%s/.cache/hadath", home);
    else
        return -1;
    return 0;
}

int hd_lexfile_default_path(const char *data_dir, char *out, size_t cap)
{
    const char *env = getenv("HADATH_LEXICON");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return 0;
    }
    char abs[4096], dir[4096];
    if (!realpath(data_dir, abs) || cache_dir(dir, sizeof dir) != 0)
        return -1;
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", dir);
    char *slash = strrchr(parent, '/');
    if (slash && slash != parent) {
        *slash = '\0';
        mkdir(parent, 0755); /* ~/.cache; errors show at the next step */
    }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return -1;
    uint32_t h = (uint32_t)crc32(0, (const Bytef *)abs, (uInt)strlen(abs));
    snprintf(out, cap, "%s/lexicon-%08x.lex", dir, (unsigned)h);
    return 0;
}

/* ---------------------------------------------------------------- prune */

enum { NOT_OURS, LEXFILE, TMPFILE };

/* "lexicon-" 8 hex digits ".lex" is a compiled lexicon; followed by
 * ".PID.tmp" it is one being written (hd_lexfile_write). */
static int kind_of(const char *s)
{
    if (strncmp(s, "lexicon-", 8) != 0)
        return NOT_OURS;
    for (int i = 8; i < 16; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return NOT_OURS;
    if (strncmp(s + 16, ".lex", 4) != 0)
        return NOT_OURS;
    const char *t = s + 20;
    if (*t == '\0')
        return LEXFILE;
    if (*t++ != '.' || *t < '0' || *t > '9')
        return NOT_OURS;
    while (*t >= '0' && *t <= '9')
        t++;
    return strcmp(t, ".tmp") == 0 ? TMPFILE : NOT_OURS;
}

typedef struct cached {
    char name[24];            /* lexicon-HASH.lex */
    struct stat st;           /* as judged */
    time_t used;
} cached;

static time_t used_at(const struct stat *st)
{
    return st->st_atime > st->st_mtime ? st->st_atime : st->st_mtime;
}

/* Unlinks name unless it is another file than st says by now. */
static int remove_if_same(int dfd, const char *name, const struct stat *st)
{
    struct stat now;
    if (fstatat(dfd, name, &now, AT_SYMLINK_NOFOLLOW) != 0 ||
        now.st_dev != st->st_dev || now.st_ino != st->st_ino ||
        now.st_size != st->st_size ||
        now.st_mtim.tv_sec != st->st_mtim.tv_sec ||
        now.st_mtim.tv_nsec != st->st_mtim.tv_nsec)
        return 0;
    return unlinkat(dfd, name, 0) == 0;
}

/* True when the file records a data directory that no longer exists; a
 * file that records none, or one we may not look into, is not gone. */
static int tree_gone(const char *dir, const char *name)
{
    char path[4096 + 256 + 2], data_dir[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (hd_lexfile_data_dir(path, data_dir, sizeof data_dir) != 0)
        return 0;
    return stat(data_dir, &st) != 0 && (errno == ENOENT || errno == ENOTDIR);
}

static int by_use_desc(const void *a, const void *b)
{
    time_t x = ((const cached *)a)->used, y = ((const cached *)b)->used;
    return x > y ? -1 : x < y;
}

int hd_lexfile_prune(const char *keep, int max_files)
{
    char dir[4096], ours[4096];
    const char *slash = strrchr(keep, '/');
    if (!slash || cache_dir(ours, sizeof ours) != 0)
        return 0;
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - keep), keep);
    if (strcmp(dir, ours) != 0) /* HADATH_LEXICON=FILE elsewhere: not ours */
        return 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int dfd = dirfd(d), removed = 0, kept = 1; /* keep itself */
    time_t now = time(NULL);
    cached *old = NULL;
    size_t n_old = 0, cap_old = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        int kind = kind_of(e->d_name);
        struct stat st;
        if (kind == NOT_OURS || strcmp(e->d_name, slash + 1) == 0 ||
            fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        if (kind == TMPFILE) {
            if (now - st.st_mtime > ABANDONED_TMP_SECONDS)
                removed += remove_if_same(dfd, e->d_name, &st);
            continue;
        }
        if (now - used_at(&st) < RECENT_SECONDS) {
            kept++;
            continue;
        }
        if (tree_gone(dir, e->d_name)) {
            removed += remove_if_same(dfd, e->d_name, &st);
            continue;
        }
        HD_VEC_RESERVE(old, cap_old, n_old + 1);
        memcpy(old[n_old].name, e->d_name, 21); /* LEXFILE: 20 bytes */
        old[n_old].st = st;
        old[n_old].used = used_at(&st);
        n_old++;
    }
    if (n_old)
        qsort(old, n_old, sizeof *old, by_use_desc);
    for (size_t i = 0; i < n_old; i++) {
        if (kept < max_files)
            kept++;
        else
            removed += remove_if_same(dfd, old[i].name, &old[i].st);
    }
    free(old);
    closedir(d);
    return removed;
}
