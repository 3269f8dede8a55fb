/* test_text_tokenize.c: tokens, their kinds, keys and stems, on the seed
 * article and on the shapes news text throws at a tokenizer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "hadath.h"
#include "testutil.h"

typedef struct fixture {
    hd_doc doc;
    hd_text_opts opts;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    hd_doc_init(&f->doc);
    hd_text_opts_default(&f->opts);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    hd_doc_free(&f->doc);
    free(f);
    return 0;
}

static hd_doc *analyze(void **state, const char *text)
{
    fixture *f = *state;
    hd_error err;
    hd_doc_reset(&f->doc);
    assert_int_equal(hd_doc_set_text(&f->doc, text, strlen(text), &err), 0);
    assert_int_equal(hd_text_analyze(&f->doc, &f->opts, &err), 0);
    return &f->doc;
}

/* Checks token i: surface text, kind and key. */
static void tok(const hd_doc *d, size_t i, const char *surface, int kind,
                const char *key)
{
    assert_true(i < d->n_tokens);
    const hd_token *t = &d->tokens[i];
    size_t n = strlen(surface);
    if (t->end - t->start != n || memcmp(d->text + t->start, surface, n) != 0)
        fail_msg("token %zu is '%.*s', want '%s'", i,
                 (int)(t->end - t->start), d->text + t->start, surface);
    assert_int_equal(t->kind, kind);
    assert_string_equal(t->key, key);
    assert_int_equal(strlen(t->key), t->key_len);
}

static void numbers(void **state)
{
    hd_doc *d = analyze(state, "سوى 250 إلى 300 إرهابي");
    assert_int_equal(d->n_tokens, 5);
    tok(d, 1, "250", HD_TOK_NUMBER, "250");
    tok(d, 2, "إلى", HD_TOK_WORD, "الي");
    tok(d, 3, "300", HD_TOK_NUMBER, "300");

    d = analyze(state, "بين 250-300 مقاتل و1,000 مدني و3.5 مليون");
    tok(d, 1, "250-300", HD_TOK_NUMBER, "250-300");
    tok(d, 3, "و", HD_TOK_WORD, "و");
    tok(d, 4, "1,000", HD_TOK_NUMBER, "1,000");
    tok(d, 6, "و", HD_TOK_WORD, "و");
    tok(d, 7, "3.5", HD_TOK_NUMBER, "3.5");
    assert_false(d->tokens[7].space_before);

    d = analyze(state, "أكثر من ٣٠٠٠ مدني و١٢٫٥ بالمئة");
    tok(d, 2, "٣٠٠٠", HD_TOK_NUMBER, "3000");
    tok(d, 5, "١٢٫٥", HD_TOK_NUMBER, "12.5");

    /* a separator not followed by a digit ends the number */
    d = analyze(state, "عام 2017. وفي 2018، قتل 5,");
    tok(d, 1, "2017", HD_TOK_NUMBER, "2017");
    tok(d, 2, ".", HD_TOK_PUNCT, ".");
    tok(d, 4, "2018", HD_TOK_NUMBER, "2018");
    tok(d, 5, "،", HD_TOK_PUNCT, ",");
    tok(d, 7, "5", HD_TOK_NUMBER, "5");
    tok(d, 8, ",", HD_TOK_PUNCT, ",");
}

static void latin_urls_emails(void **state)
{
    hd_doc *d = analyze(state, "مصدر الصورة Reuters");
    tok(d, 2, "Reuters", HD_TOK_LATIN, "reuters");

    d = analyze(state, "تنظيم al-Qaeda في اليمن");
    tok(d, 1, "al-Qaeda", HD_TOK_LATIN, "al-qaeda");

    d = analyze(state, "المصدر: https://www.bbc.com/arabic.");
    tok(d, 2, "https://www.bbc.com/arabic", HD_TOK_URL,
        "https://www.bbc.com/arabic");
    tok(d, 3, ".", HD_TOK_PUNCT, ".");

    d = analyze(state, "(www.alarabiya.net/ar/arab-and-world/2018/02/17/شاهد-إسرائيل.html)");
    tok(d, 0, "(", HD_TOK_PUNCT, "(");
    tok(d, 1, "www.alarabiya.net/ar/arab-and-world/2018/02/17/شاهد-إسرائيل.html",
        HD_TOK_URL,
        "www.alarabiya.net/ar/arab-and-world/2018/02/17/شاهد-اسرائيل.html");
    tok(d, 2, ")", HD_TOK_PUNCT, ")");

    d = analyze(state, "راسلونا على press.office@bbc.co.uk أو arabic@afp.com.");
    tok(d, 2, "press.office@bbc.co.uk", HD_TOK_EMAIL, "press.office@bbc.co.uk");
    tok(d, 4, "arabic@afp.com", HD_TOK_EMAIL, "arabic@afp.com");
    tok(d, 5, ".", HD_TOK_PUNCT, ".");
}

static void script_changes_split(void **state)
{
    hd_doc *d = analyze(state, "في 2018م قالت BBCعربي");
    tok(d, 1, "2018", HD_TOK_NUMBER, "2018");
    tok(d, 2, "م", HD_TOK_WORD, "م");
    assert_false(d->tokens[2].space_before);
    tok(d, 4, "BBC", HD_TOK_LATIN, "bbc");
    tok(d, 5, "عربي", HD_TOK_WORD, "عربي");
}

static void punctuation_and_quotes(void **state)
{
    hd_doc *d = analyze(state, "تطلق \"معركتها الأخيرة\" و«الخلافة»...");
    tok(d, 1, "\"", HD_TOK_PUNCT, "\"");
    tok(d, 2, "معركتها", HD_TOK_WORD, "معركتها");
    tok(d, 4, "\"", HD_TOK_PUNCT, "\"");
    tok(d, 5, "و", HD_TOK_WORD, "و");
    tok(d, 6, "«", HD_TOK_PUNCT, "«");
    tok(d, 7, "الخلافة", HD_TOK_WORD, "الخلافه");
    tok(d, 8, "»", HD_TOK_PUNCT, "»");
    tok(d, 9, ".", HD_TOK_PUNCT, ".");
    tok(d, 10, ".", HD_TOK_PUNCT, ".");
    tok(d, 11, ".", HD_TOK_PUNCT, ".");
    assert_int_equal(d->n_tokens, 12);
    /* the stem of معركتها: معركت + ها */
    const hd_token *t = &d->tokens[2];
    assert_int_equal(t->suffix, HD_SFX_HA);
    assert_int_equal(t->stem_len, strlen("معركت"));
    assert_memory_equal(t->key + t->stem_off, "معركت", t->stem_len);

    d = analyze(state, "نسبة 50% و$3 «نعم» “لا” ـــ");
    tok(d, 2, "%", HD_TOK_SYMBOL, "%");
    tok(d, 4, "$", HD_TOK_SYMBOL, "$");
    tok(d, 5, "3", HD_TOK_NUMBER, "3");
    tok(d, 9, "“", HD_TOK_PUNCT, "“");
    tok(d, 11, "”", HD_TOK_PUNCT, "”");
    tok(d, 12, "ـــ", HD_TOK_PUNCT, "");
}

static void words_keep_marks_and_joiners(void **state)
{
    hd_doc *d = analyze(state, "دروعاً بـ\"بوابة دمشق\" ال\u200Cحكومة");
    tok(d, 0, "دروعاً", HD_TOK_WORD, "دروعا");
    tok(d, 1, "بـ", HD_TOK_WORD, "ب");
    tok(d, 2, "\"", HD_TOK_PUNCT, "\"");
    tok(d, 6, "ال\u200Cحكومة", HD_TOK_WORD, "الحكومه");
    assert_int_equal(d->n_tokens, 7);
    /* a joiner at the end of a word is not part of it */
    d = analyze(state, "سلو\u200F لوكالة");
    tok(d, 0, "سلو", HD_TOK_WORD, "سلو");
    tok(d, 1, "لوكالة", HD_TOK_WORD, "لوكاله");
    assert_true(d->tokens[1].space_before);
}

static void stems_on_tokens(void **state)
{
    hd_doc *d = analyze(state, "سلو لوكالة الأنباء عائلاتهم والديمقراطية");
    const hd_token *t = &d->tokens[1];
    assert_int_equal(t->prefixes, HD_PFX_LI);
    assert_memory_equal(t->key + t->stem_off, "وكاله", t->stem_len);
    t = &d->tokens[3];
    assert_int_equal(t->suffix, HD_SFX_HUM);
    assert_int_equal(t->stem_off, 0);
    assert_memory_equal(t->key, "عائلات", t->stem_len);
    t = &d->tokens[4];
    assert_int_equal(t->prefixes, HD_PFX_WA | HD_PFX_AL);
    assert_memory_equal(t->key + t->stem_off, "ديمقراطيه", t->stem_len);
    t = &d->tokens[0];
    assert_int_equal(t->prefixes, 0);
    assert_int_equal(t->stem_len, t->key_len);

    /* strip_clitics off: stems are the whole keys */
    fixture *f = *state;
    f->opts.strip_clitics = 0;
    d = analyze(state, "لوكالة عائلاتهم");
    f->opts.strip_clitics = 1;
    assert_int_equal(d->tokens[0].prefixes, 0);
    assert_int_equal(d->tokens[0].stem_len, d->tokens[0].key_len);
    assert_int_equal(d->tokens[1].suffix, HD_SFX_NONE);
}

static void norm_flags_reach_keys(void **state)
{
    fixture *f = *state;
    f->opts.norm_flags = HD_NORM_DIACRITICS;
    hd_doc *d = analyze(state, "إرهابيٌّ ٣٠٠");
    f->opts.norm_flags = HD_NORM_DEFAULT;
    tok(d, 0, "إرهابيٌّ", HD_TOK_WORD, "إرهابي");
    tok(d, 1, "٣٠٠", HD_TOK_NUMBER, "٣٠٠");
}

static void long_runs_are_cut(void **state)
{
    /* 300 letters (600 bytes) of ب, then a space and a word */
    char text[1024];
    size_t n = 0;
    for (int i = 0; i < 300; i++) {
        text[n++] = '\xD8';
        text[n++] = '\xA8';
    }
    memcpy(text + n, " \xD8\xB3\xD9\x84\xD9\x88", 7);
    n += 7;
    text[n] = '\0';
    hd_doc *d = analyze(state, text);
    assert_int_equal(d->n_tokens, 4);
    assert_int_equal(d->tokens[0].start, 0);
    for (size_t i = 0; i < 3; i++) {
        const hd_token *t = &d->tokens[i];
        assert_int_equal(t->kind, HD_TOK_WORD);
        assert_true(t->end - t->start <= HD_TOKEN_MAX);
        assert_int_equal((t->end - t->start) % 2, 0); /* whole letters */
        if (i)
            assert_int_equal(t->start, d->tokens[i - 1].end);
        assert_int_equal(t->space_before, i == 0);
    }
    assert_int_equal(d->tokens[2].end, 600);
    tok(d, 3, "سلو", HD_TOK_WORD, "سلو");

    /* a long URL stays a URL piece after piece */
    char url[700] = "https://example.com/";
    while (strlen(url) < 600)
        strcat(url, "abcdefghij/");
    d = analyze(state, url);
    assert_true(d->n_tokens >= 3);
    for (size_t i = 0; i < d->n_tokens; i++) {
        assert_int_equal(d->tokens[i].kind, HD_TOK_URL);
        assert_true(d->tokens[i].end - d->tokens[i].start <= HD_TOKEN_MAX);
    }
    assert_int_equal(d->tokens[d->n_tokens - 1].end, strlen(url));
}

static void seed_article(void **state)
{
    char path[1024];
    size_t len;
    char *text = tu_read_file(tu_shared(path, sizeof path, "seed/raqqa.txt"),
                              &len);
    assert_non_null(text);
    hd_doc *d = analyze(state, text);
    /* the title: قوات سوريا الديمقراطية تطلق "معركتها الأخيرة" في الرقة */
    tok(d, 0, "قوات", HD_TOK_WORD, "قوات");
    tok(d, 2, "الديمقراطية", HD_TOK_WORD, "الديمقراطيه");
    tok(d, 4, "\"", HD_TOK_PUNCT, "\"");
    tok(d, 9, "الرقة", HD_TOK_WORD, "الرقه");
    /* every token lies inside a zone, zones in order, keys in the arena */
    size_t z = 0;
    for (size_t i = 0; i < d->n_tokens; i++) {
        const hd_token *t = &d->tokens[i];
        while (z < d->n_zones && d->zones[z].end <= t->start)
            z++;
        assert_true(z < d->n_zones);
        assert_true(t->start >= d->zones[z].start);
        assert_true(t->end <= d->zones[z].end);
        assert_true(t->end > t->start);
        assert_true(t->stem_off + t->stem_len <= t->key_len);
        if (i && d->tokens[i - 1].end == t->start)
            assert_false(t->space_before);
    }
    /* the words the seed's coders care about have the keys they expect */
    size_t reuters = 0, numbers = 0;
    for (size_t i = 0; i < d->n_tokens; i++) {
        reuters += strcmp(d->tokens[i].key, "reuters") == 0;
        numbers += d->tokens[i].kind == HD_TOK_NUMBER;
    }
    assert_int_equal(reuters, 2);
    assert_int_equal(numbers, 5); /* 250 300 275 275 400 */
    /* analysing again gives the same tokens */
    size_t n = d->n_tokens;
    fixture *f = *state;
    hd_error err;
    assert_int_equal(hd_text_analyze(&f->doc, &f->opts, &err), 0);
    assert_int_equal(f->doc.n_tokens, n);
    free(text);
}

/* The tokenizer computes a plain word's key, hints and stem in one pass of
 * its own; they must equal what the public functions give for the surface.
 * Checked on every sentence of the assault detection set. */
static void tokens_agree_with_the_public_functions(void **state)
{
    char path[1024];
    char *tsv = tu_read_file(
        tu_shared(path, sizeof path, "eval/detect-assault-dev.tsv"), NULL);
    assert_non_null(tsv);
    size_t lines = 0, words = 0;
    char *line = strchr(tsv, '\n'); /* skip the header */
    while (line && *++line) {
        char *eol = strchr(line, '\n');
        char *text = line;
        for (int col = 0; col < 6 && text; col++) {
            text = strchr(text, '\t');
            if (text)
                text++;
        }
        if (eol)
            *eol = '\0';
        assert_non_null(text);
        hd_doc *d = analyze(state, text);
        for (size_t i = 0; i < d->n_tokens; i++) {
            const hd_token *t = &d->tokens[i];
            const char *sf = d->text + t->start;
            size_t n = t->end - t->start, off, len;
            char k[2048];
            int sfx;
            size_t kl = hd_text_normalize(sf, n, HD_NORM_DEFAULT, k, sizeof k);
            assert_int_equal(kl, t->key_len);
            assert_string_equal(k, t->key);
            if (t->kind != HD_TOK_WORD)
                continue;
            unsigned p = hd_text_strip_clitics(
                k, kl, hd_text_clitic_hints(sf, n), &off, &len, &sfx);
            assert_int_equal(p, t->prefixes);
            assert_int_equal(off, t->stem_off);
            assert_int_equal(len, t->stem_len);
            assert_int_equal(sfx, t->suffix);
            words++;
        }
        lines++;
        line = eol;
    }
    assert_true(lines > 1900);
    assert_true(words > 50000);
    free(tsv);
}

/* A word the key memo knows takes its end from the tokenizer's read-ahead
 * (tokenize.c), which guesses where the next words start; where it guesses
 * wrong (inside a URL, after a word cut or not plain, after digits or Latin
 * letters glued on) the tokens must still be those of a first reading. So
 * the same text is read with its words new (but for repeats), then again
 * with every word known, and both give the same tokens, field by field. */
static void known_words_read_ahead(void **state)
{
    char text[2048] = "BBCعربي 2018م https://example.com/سوريا/الرقة "
                      "سوريا\xE2\x80\x8Cالرقة سوريا\xD8\x9C الرقة،الرقة "
                      "«الرقة» ـــ قوات ";
    size_t n = strlen(text);
    for (int i = 0; i < 300; i++) { /* a run the size limit cuts */
        text[n++] = '\xD8';
        text[n++] = '\xA8';
    }
    strcpy(text + n, "الرقة سوريا وقوات الرقة");
    hd_doc *d = analyze(state, text);
    size_t nt = d->n_tokens;
    hd_token *first = malloc(nt * sizeof *first);
    char **keys = malloc(nt * sizeof *keys);
    for (size_t i = 0; i < nt; i++) {
        first[i] = d->tokens[i];
        keys[i] = strdup(d->tokens[i].key);
    }
    tok(d, 0, "BBC", HD_TOK_LATIN, "bbc");
    tok(d, 1, "عربي", HD_TOK_WORD, "عربي");
    tok(d, 3, "م", HD_TOK_WORD, "م");
    d = analyze(state, text);
    assert_int_equal(d->n_tokens, nt);
    for (size_t i = 0; i < nt; i++) {
        const hd_token *t = &d->tokens[i], *f = &first[i];
        if (t->start != f->start || t->end != f->end)
            fail_msg("token %zu is [%u, %u), was [%u, %u)", i, t->start,
                     t->end, f->start, f->end);
        assert_int_equal(t->kind, f->kind);
        assert_string_equal(t->key, keys[i]);
        assert_int_equal(t->key_len, f->key_len);
        assert_int_equal(t->stem_off, f->stem_off);
        assert_int_equal(t->stem_len, f->stem_len);
        assert_int_equal(t->prefixes, f->prefixes);
        assert_int_equal(t->suffix, f->suffix);
        assert_int_equal(t->space_before, f->space_before);
        free(keys[i]);
    }
    tok(d, nt - 1, "الرقة", HD_TOK_WORD, "الرقه");
    free(first);
    free(keys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(latin_urls_emails, setup, teardown),
        cmocka_unit_test_setup_teardown(script_changes_split, setup, teardown),
        cmocka_unit_test_setup_teardown(punctuation_and_quotes, setup, teardown),
        cmocka_unit_test_setup_teardown(words_keep_marks_and_joiners, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(stems_on_tokens, setup, teardown),
        cmocka_unit_test_setup_teardown(norm_flags_reach_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(long_runs_are_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(seed_article, setup, teardown),
        cmocka_unit_test_setup_teardown(tokens_agree_with_the_public_functions,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(known_words_read_ahead, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
