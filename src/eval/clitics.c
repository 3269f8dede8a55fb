/*
 * clitics.c: scoring clitic stripping on a UD treebank (UD Arabic PUD).
 *
 * Words. A UD sentence lists syntactic words; an orthographic word is
 * rebuilt by joining consecutive tokens while the MISC column says
 * SpaceAfter=No, never across a PUNCT token (شولمان, is two words). A
 * multiword range line (7-8 للسلطة) names the word and its pieces directly
 * and wins. Only words made of Arabic letters and marks are scored.
 *
 * Gold. The leading pieces (all but the last) that normalize to و ف ب ل ك
 * are the proclitics; the trailing pieces tagged PRON (after them, and not
 * the whole word) are the pronoun suffix. PUD does not split the article:
 * الانتقال is one token, and after ل the article's lam stays on the noun
 * (للسلطة = ل + لسلطة). So the prefix metric counts و ف ب ل ك only, and the
 * stem comparison drops the article on both sides: a gold stem whose first
 * piece is Definite=Def loses its ال (or, after ل, the lam left of it when
 * the lemma does not begin with ل), and both stems lose a leading ال of a
 * stem of four letters or more.
 *
 * Prediction. The surface word goes through hd_text_normalize
 * (HD_NORM_DEFAULT), hd_text_clitic_hints and hd_text_strip_clitics, as a
 * document token does.
 *
 * Metrics, at word level: prefix precision = words whose predicted number
 * of proclitics equals the gold number, over words with a predicted
 * proclitic; recall over words with a gold proclitic. The same for the
 * suffix, comparing suffix text. Stem accuracy over all scored words.
 */
#include "eval/clitics.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "text/utf8.h"

#define KEY_CAP 512

typedef struct piece {
    long id;
    const char *form, *lemma;
    int is_punct, is_pron, definite, space_after_no;
} piece;

typedef struct range {
    long first, last;
    const char *form;
} range;

typedef struct sentence {
    hd_arena *arena;
    piece *pieces;
    size_t n, cap;
    range *ranges;
    size_t n_ranges, cap_ranges;
} sentence;

static void norm(const char *s, size_t n, char *out)
{
    size_t k = hd_text_normalize(s, n, HD_NORM_DEFAULT, out, KEY_CAP);
    if (k >= KEY_CAP)
        out[KEY_CAP - 1] = '\0';
}

static int starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

static size_t letters(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* A stem without its leading article, if what is left has two letters. */
static const char *bare(const char *s)
{
    return starts_with(s, "\xD8\xA7\xD9\x84") && letters(s) >= 4 ? s + 4 : s;
}

static int is_arabic_word(const char *s, size_t n)
{
    size_t i = 0;
    if (n == 0)
        return 0;
    while (i < n) {
        uint32_t cp;
        i += hd_utf8_decode(s, n, i, &cp);
        if (!((cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0640 && cp <= 0x065F) ||
              cp == 0x0670 || (cp >= 0x0671 && cp <= 0x06D3)))
            return 0;
    }
    return 1;
}

static int is_proclitic(const char *form)
{
    char k[KEY_CAP];
    static const char *const letters_[] = {"\xD9\x88", "\xD9\x81", "\xD8\xA8",
                                           "\xD9\x84", "\xD9\x83"};
    norm(form, strlen(form), k);
    for (size_t i = 0; i < 5; i++)
        if (strcmp(k, letters_[i]) == 0)
            return 1;
    return 0;
}

static int is_lam(const char *form)
{
    char k[KEY_CAP];
    norm(form, strlen(form), k);
    return strcmp(k, "\xD9\x84") == 0;
}

static void cat(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, "%s", s);
}

/* Scores one orthographic word: pieces p[0..m), surface text. */
static void score_word(hd_clitic_score *sc, const piece *p, size_t m,
                       const char *surface)
{
    char raw[KEY_CAP], gstem[KEY_CAP], gsfx[KEY_CAP], key[KEY_CAP];
    size_t np = 0, ns = 0, off, len, kl;
    int sfx;
    unsigned pfx, pp = 0;

    if (!is_arabic_word(surface, strlen(surface)))
        return;
    sc->words++;
    while (np + 1 < m && is_proclitic(p[np].form))
        np++;
    while (ns + 1 < m - np && p[m - 1 - ns].is_pron)
        ns++;
    raw[0] = '\0';
    for (size_t i = m - ns; i < m; i++)
        cat(raw, sizeof raw, p[i].form);
    norm(raw, strlen(raw), gsfx);
    raw[0] = '\0';
    for (size_t i = np; i < m - ns; i++)
        cat(raw, sizeof raw, p[i].form);
    norm(raw, strlen(raw), gstem);
    if (m - ns > np && p[np].definite) {
        char lemma[KEY_CAP];
        norm(p[np].lemma, strlen(p[np].lemma), lemma);
        if (starts_with(gstem, "\xD8\xA7\xD9\x84") && letters(gstem) >= 4)
            memmove(gstem, gstem + 4, strlen(gstem + 4) + 1);
        else if (np && is_lam(p[np - 1].form) &&
                 starts_with(gstem, "\xD9\x84") &&
                 !starts_with(lemma, "\xD9\x84"))
            memmove(gstem, gstem + 2, strlen(gstem + 2) + 1);
    }
    if (np || ns)
        sc->words_with_clitics++;

    kl = hd_text_normalize(surface, strlen(surface), HD_NORM_DEFAULT, key,
                           sizeof key);
    if (kl >= sizeof key)
        return;
    pfx = hd_text_strip_clitics(key, kl,
                                hd_text_clitic_hints(surface, strlen(surface)),
                                &off, &len, &sfx);
    for (unsigned b = HD_PFX_WA; b <= HD_PFX_KA; b <<= 1)
        pp += (pfx & b) != 0;
    key[off + len] = '\0';

    sc->prefix_gold += np > 0;
    sc->prefix_pred += pp > 0;
    sc->prefix_match += np > 0 && pp == np;
    sc->suffix_gold += ns > 0;
    sc->suffix_pred += sfx != HD_SFX_NONE;
    sc->suffix_match += ns > 0 && strcmp(gsfx, hd_suffix_text(sfx)) == 0;
    if (ns > 0) {
        int known = 0;
        for (int s = HD_SFX_HU; s <= HD_SFX_NA; s++)
            known |= strcmp(gsfx, hd_suffix_text(s)) == 0;
        sc->suffix_gold_other += !known;
    }
    sc->stem_match += strcmp(bare(key + off), bare(gstem)) == 0;
}

static const range *range_at(const sentence *s, long id)
{
    for (size_t i = 0; i < s->n_ranges; i++)
        if (s->ranges[i].first == id)
            return &s->ranges[i];
    return NULL;
}

static void score_sentence(hd_clitic_score *sc, const sentence *s)
{
    size_t i = 0;
    char surface[KEY_CAP];
    if (!s->n)
        return;
    sc->sentences++;
    while (i < s->n) {
        const range *r = range_at(s, s->pieces[i].id);
        size_t j = i;
        if (r) {
            while (j + 1 < s->n && s->pieces[j + 1].id <= r->last)
                j++;
            score_word(sc, &s->pieces[i], j - i + 1, r->form);
            i = j + 1;
            continue;
        }
        if (s->pieces[i].is_punct) {
            i++;
            continue;
        }
        while (s->pieces[j].space_after_no && j + 1 < s->n &&
               !s->pieces[j + 1].is_punct && !range_at(s, s->pieces[j + 1].id))
            j++;
        surface[0] = '\0';
        for (size_t k = i; k <= j; k++)
            cat(surface, sizeof surface, s->pieces[k].form);
        score_word(sc, &s->pieces[i], j - i + 1, surface);
        i = j + 1;
    }
}

/* Splits a CoNLL-U token line into its ten columns, in place. */
static int columns(char *line, char *col[10])
{
    int n = 0;
    char *p = line;
    col[n++] = p;
    while (*p && n < 10) {
        if (*p == '\t') {
            *p = '\0';
            col[n++] = p + 1;
        }
        p++;
    }
    return n == 10;
}

static int add_line(sentence *s, char *line)
{
    char *col[10], *dash;
    if (!columns(line, col))
        return -1;
    if (strchr(col[0], '.'))
        return 0; /* an empty node */
    dash = strchr(col[0], '-');
    if (dash) {
        HD_VEC_RESERVE(s->ranges, s->cap_ranges, s->n_ranges + 1);
        s->ranges[s->n_ranges++] = (range){
            strtol(col[0], NULL, 10), strtol(dash + 1, NULL, 10),
            hd_arena_strndup(s->arena, col[1], strlen(col[1]))};
        return 0;
    }
    HD_VEC_RESERVE(s->pieces, s->cap, s->n + 1);
    s->pieces[s->n++] = (piece){
        strtol(col[0], NULL, 10),
        hd_arena_strndup(s->arena, col[1], strlen(col[1])),
        hd_arena_strndup(s->arena, col[2], strlen(col[2])),
        strcmp(col[3], "PUNCT") == 0,
        strcmp(col[3], "PRON") == 0,
        strstr(col[5], "Definite=Def") != NULL,
        strstr(col[9], "SpaceAfter=No") != NULL};
    return 0;
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static void finish(hd_clitic_score *sc)
{
    sc->prefix_precision = ratio(sc->prefix_match, sc->prefix_pred);
    sc->prefix_recall = ratio(sc->prefix_match, sc->prefix_gold);
    sc->prefix_f1 = f1(sc->prefix_precision, sc->prefix_recall);
    sc->suffix_precision = ratio(sc->suffix_match, sc->suffix_pred);
    sc->suffix_recall = ratio(sc->suffix_match, sc->suffix_gold);
    sc->suffix_f1 = f1(sc->suffix_precision, sc->suffix_recall);
    sc->stem_accuracy = ratio(sc->stem_match, sc->words);
}

int hd_eval_clitics(const char *conllu_path, hd_clitic_score *out,
                    hd_error *err)
{
    FILE *f = fopen(conllu_path, "r");
    sentence s = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if (!f) {
        hd_error_set(err, conllu_path, 0, -1, "cannot open: %s",
                     strerror(errno));
        return -1;
    }
    s.arena = hd_arena_new(64 * 1024);
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (got == 0) {
            score_sentence(out, &s);
            s.n = s.n_ranges = 0;
            hd_arena_reset(s.arena);
        } else if (line[0] != '#' && add_line(&s, line) != 0) {
            hd_error_set(err, conllu_path, lineno, -1,
                         "a token line needs 10 tab-separated columns");
            rc = -1;
            break;
        }
    }
    if (rc == 0) {
        if (ferror(f)) {
            hd_error_set(err, conllu_path, lineno, -1, "read error: %s",
                         strerror(errno));
            rc = -1;
        } else {
            score_sentence(out, &s);
            finish(out);
        }
    }
    free(line);
    free(s.pieces);
    free(s.ranges);
    hd_arena_free(s.arena);
    fclose(f);
    return rc;
}
