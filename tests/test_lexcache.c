/*
 * test_lexcache.c: the cache of compiled lexicons stays small
 * (src/code/lexcache.c).
 *
 * What a user relies on: ~/.cache/hadath does not grow by 6.5 MB for every
 * checkout that ever ran hadath. A compiled lexicon whose data directory
 * is gone is removed when another is written; beyond a cap, the least
 * recently used go; and nothing is removed that another run may be using
 * or writing right now (a file used in the last minutes, a temporary file
 * still being written), nothing that hadath did not name, and nothing
 * outside the cache directory (HADATH_LEXICON=FILE lives where the user
 * put it). The files judged are real compiled lexicons, written from the
 * shipped dictionaries, so the data directory each records is read the way
 * hadath reads it.
 *
 * Every test runs in a private XDG_CACHE_HOME: the user's own cache is
 * never touched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "code/code.h"
#include "code/lexfile.h"

#define DATA HD_SOURCE_DIR "/data"
#define HOUR 3600

static char tmp[64];          /* the test's directory */
static char cache[128];       /* tmp/xdg/hadath: the cache directory */
static char gone_file[160];   /* a compiled lexicon of a deleted tree */
static char live_file[160];   /* a compiled lexicon of DATA */

static char *in_dir(const char *dir, const char *name)
{
    static char path[64][256]; /* a test holds a few dozen at most */
    static int k;
    k = (k + 1) % 64;
    snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
    return path[k];
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void tiny_file(const char *path)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("x", f);
    assert_int_equal(fclose(f), 0);
}

/* Sets both times of path to `ago` seconds before now. */
static void age(const char *path, long ago)
{
    struct timespec t[2];
    t[0].tv_sec = t[1].tv_sec = time(NULL) - ago;
    t[0].tv_nsec = t[1].tv_nsec = 0;
    assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

static int exists(const char *path)
{
    return access(path, F_OK) == 0;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/hd-lexcache.XXXXXX");
    if (!mkdtemp(tmp))
        return -1;
    char xdg[96];
    snprintf(xdg, sizeof xdg, "%s/xdg", tmp);
    snprintf(cache, sizeof cache, "%s/hadath", xdg);
    if (mkdir(xdg, 0755) != 0 || mkdir(cache, 0755) != 0)
        return -1;
    setenv("XDG_CACHE_HOME", xdg, 1);
    unsetenv("HADATH_LEXICON");

    /* Two real compiled lexicons, kept outside the cache: one made from a
     * tree that is then deleted, one from the shipped data directory. */
    hd_error err;
    hd_error_clear(&err);
    hd_lexicon *lx = hd_lexicon_open_text(DATA, &err);
    if (!lx) {
        fprintf(stderr, "test_lexcache: %s: %s\n", err.file, err.msg);
        return -1;
    }
    char gone[96];
    snprintf(gone, sizeof gone, "%s/deleted-checkout", tmp);
    snprintf(gone_file, sizeof gone_file, "%s/gone.lex", tmp);
    snprintf(live_file, sizeof live_file, "%s/live.lex", tmp);
    char kept_dir[sizeof lx->data_dir];
    memcpy(kept_dir, lx->data_dir, sizeof kept_dir);
    int rc = mkdir(gone, 0755);
    snprintf(lx->data_dir, sizeof lx->data_dir, "%s", gone);
    rc |= hd_lexfile_write(lx, gone_file, NULL, &err);
    rc |= rmdir(gone);
    memcpy(lx->data_dir, kept_dir, sizeof kept_dir);
    rc |= hd_lexfile_write(lx, live_file, NULL, &err);
    hd_lexicon_close(lx);
    return rc == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    return system(cmd) == 0 ? 0 : -1;
}

/* Empties the cache directory between tests. */
static int clean_cache(void **state)
{
    (void)state;
    char cmd[2 * sizeof cache + 32];
    snprintf(cmd, sizeof cmd, "rm -f '%s'/* '%s'/.[!.]*", cache, cache);
    return system(cmd) == 0 ? 0 : -1;
}

/* The data directory is recorded, absolute, and read back from the header
 * and directory alone. */
static void records_its_data_directory(void **state)
{
    (void)state;
    char dir[4096], want[4096];
    assert_int_equal(hd_lexfile_data_dir(live_file, dir, sizeof dir), 0);
    assert_non_null(realpath(DATA, want));
    assert_string_equal(dir, want);
    assert_int_equal(hd_lexfile_data_dir(gone_file, dir, sizeof dir), 0);
    assert_non_null(strstr(dir, "/deleted-checkout"));
    /* not a compiled lexicon: no directory, no crash */
    tiny_file(in_dir(tmp, "tiny.lex"));
    assert_int_equal(hd_lexfile_data_dir(in_dir(tmp, "tiny.lex"), dir,
                                         sizeof dir), -1);
    assert_int_equal(hd_lexfile_data_dir(in_dir(tmp, "none.lex"), dir,
                                         sizeof dir), -1);
}

/* A file of a deleted tree goes; everything else that must stay, stays. */
static void removes_files_of_deleted_trees(void **state)
{
    (void)state;
    const char *keep = in_dir(cache, "lexicon-000000ff.lex");
    const char *orphan = in_dir(cache, "lexicon-000000a1.lex");
    const char *young_orphan = in_dir(cache, "lexicon-000000a2.lex");
    const char *live = in_dir(cache, "lexicon-000000b1.lex");
    const char *dead_tmp = in_dir(cache, "lexicon-000000c1.lex.123.tmp");
    const char *busy_tmp = in_dir(cache, "lexicon-000000c2.lex.456.tmp");
    const char *foreign = in_dir(cache, "notes.lex");
    copy_file(live_file, keep);
    copy_file(gone_file, orphan);
    copy_file(gone_file, young_orphan);
    copy_file(live_file, live);
    tiny_file(dead_tmp);
    tiny_file(busy_tmp);
    copy_file(gone_file, foreign);
    age(keep, 30 * 24 * HOUR);
    age(orphan, 2 * HOUR);
    age(young_orphan, 60);      /* a minute ago: may still be in use */
    age(live, 30 * 24 * HOUR);
    age(dead_tmp, 2 * HOUR);    /* a writer killed two hours ago */
    age(busy_tmp, 1);           /* a writer at work */
    age(foreign, 30 * 24 * HOUR);

    assert_int_equal(hd_lexfile_prune(keep, HD_LEXFILE_CACHE_MAX), 2);
    assert_false(exists(orphan));
    assert_false(exists(dead_tmp));
    assert_true(exists(keep));
    assert_true(exists(young_orphan));
    assert_true(exists(live));
    assert_true(exists(busy_tmp));
    assert_true(exists(foreign));
}

/* Beyond the cap, the least recently used go, the file just written
 * stays, and a file used minutes ago is never among those removed. */
static void keeps_the_most_recently_used(void **state)
{
    (void)state;
    char name[40];
    const char *keep = in_dir(cache, "lexicon-000000ff.lex");
    tiny_file(keep);
    age(keep, 40 * 24 * HOUR); /* even an old keep stays */
    for (int i = 0; i < 6; i++) { /* file i was last used i days ago */
        snprintf(name, sizeof name, "lexicon-0000001%d.lex", i);
        copy_file(live_file, in_dir(cache, name));
        age(in_dir(cache, name), (long)(i + 1) * 24 * HOUR);
    }
    tiny_file(in_dir(cache, "lexicon-00000020.lex")); /* an older hadath's */
    age(in_dir(cache, "lexicon-00000020.lex"), 3 * 24 * HOUR + 60);
    tiny_file(in_dir(cache, "lexicon-00000030.lex")); /* in use now */

    /* 9 files; at most 5: keep, the one in use, then the 3 used last */
    assert_int_equal(hd_lexfile_prune(keep, 5), 4);
    assert_true(exists(keep));
    assert_true(exists(in_dir(cache, "lexicon-00000030.lex")));
    assert_true(exists(in_dir(cache, "lexicon-00000010.lex")));
    assert_true(exists(in_dir(cache, "lexicon-00000011.lex")));
    assert_true(exists(in_dir(cache, "lexicon-00000012.lex")));
    assert_false(exists(in_dir(cache, "lexicon-00000020.lex")));
    assert_false(exists(in_dir(cache, "lexicon-00000013.lex")));
    assert_false(exists(in_dir(cache, "lexicon-00000014.lex")));
    assert_false(exists(in_dir(cache, "lexicon-00000015.lex")));
    /* under the cap, a second pass removes nothing */
    assert_int_equal(hd_lexfile_prune(keep, 5), 0);
}

/* A file the user keeps elsewhere (HADATH_LEXICON=FILE): its directory
 * is not the cache, and nothing in it is touched. */
static void leaves_other_directories_alone(void **state)
{
    (void)state;
    char other[96];
    snprintf(other, sizeof other, "%s/mine", tmp);
    assert_int_equal(mkdir(other, 0755), 0);
    const char *orphan = in_dir(other, "lexicon-000000a1.lex");
    copy_file(gone_file, orphan);
    age(orphan, 30 * 24 * HOUR);
    tiny_file(in_dir(other, "lexicon-000000ff.lex"));
    assert_int_equal(hd_lexfile_prune(in_dir(other, "lexicon-000000ff.lex"),
                                      1), 0);
    assert_true(exists(orphan));
}

/* End to end: the first run on a data directory writes its compiled
 * lexicon into the cache and clears out a deleted tree's. */
static void opening_a_lexicon_prunes_the_cache(void **state)
{
    (void)state;
    const char *orphan = in_dir(cache, "lexicon-000000a1.lex");
    copy_file(gone_file, orphan);
    age(orphan, 2 * HOUR);
    char path[4200];
    assert_int_equal(hd_lexfile_default_path(DATA, path, sizeof path), 0);
    assert_false(exists(path));
    hd_error err;
    hd_error_clear(&err);
    hd_lexicon *lx = hd_lexicon_open(DATA, &err);
    assert_non_null(lx);
    hd_lexicon_close(lx);
    assert_true(exists(path));
    assert_false(exists(orphan));
    char dir[4096], want[4096];
    assert_int_equal(hd_lexfile_data_dir(path, dir, sizeof dir), 0);
    assert_non_null(realpath(DATA, want));
    assert_string_equal(dir, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records_its_data_directory),
        cmocka_unit_test_setup(removes_files_of_deleted_trees, clean_cache),
        cmocka_unit_test_setup(keeps_the_most_recently_used, clean_cache),
        cmocka_unit_test_setup(leaves_other_directories_alone, clean_cache),
        cmocka_unit_test_setup(opening_a_lexicon_prunes_the_cache,
                               clean_cache),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
