/*
 * coverage.c: dictionary coverage of gold mentions.
 *
 * Before any coder logic can be judged, one question bounds it: for the
 * actors and verbs annotators marked, does a dictionary entry match there
 * at all? This measures exactly that, with the lexicon's own lookups
 * (hd_lex_match_actor / _agent / _verb) run from every token of each
 * sentence, so it is an upper bound for the coder's recall and a direct
 * measure of what dictionary work would buy.
 *
 * Gold spans are lists of surface words. A word is found among the
 * sentence's tokens by its surface (punctuation around it trimmed), else by
 * its normalized key; a mention counts as matched when any of its tokens is
 * covered by an entry of the right kind. Identical mentions given by several
 * annotators of one item count once.
 */
#include "eval/coverage.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

enum { COV_ACTOR = 1, COV_AGENT = 2, COV_VERB = 4 };

typedef struct cov_ctx {
    const hd_lex *lex;
    hd_doc doc;
    hd_text_opts opts;
    uint8_t *mark;
    size_t cap_mark;
    char *sigs;               /* signatures of this item's mentions */
    size_t n_sigs, cap_sigs;
    hd_coverage *cov;
} cov_ctx;

double hd_coverage_percent(size_t k, size_t n)
{
    return n ? 100.0 * (double)k / (double)n : 0.0;
}

static void mark_range(uint8_t *mark, size_t i, size_t n, uint8_t bit)
{
    for (size_t k = 0; k < n; k++)
        mark[i + k] |= bit;
}

/* Marks every token some entry covers, sentence by sentence. */
static void mark_tokens(cov_ctx *c)
{
    const hd_doc *d = &c->doc;
    HD_VEC_RESERVE(c->mark, c->cap_mark, d->n_tokens + 1);
    memset(c->mark, 0, d->n_tokens + 1);
    for (size_t s = 0; s < d->n_sentences; s++) {
        size_t end = d->sentences[s].tok_first + d->sentences[s].tok_count;
        for (size_t i = d->sentences[s].tok_first; i < end; i++) {
            hd_lex_actor a;
            hd_lex_agent g;
            hd_lex_verb v;
            mark_range(c->mark, i, hd_lex_match_actor(c->lex, d, i, end,
                                                      d->date, &a), COV_ACTOR);
            mark_range(c->mark, i, hd_lex_match_agent(c->lex, d, i, end, &g),
                       COV_AGENT);
            mark_range(c->mark, i, hd_lex_match_verb(c->lex, d, i, end, &v),
                       COV_VERB);
        }
    }
}

static int is_trim_byte(const char *s, size_t n, size_t *len)
{
    static const char *const marks[] = {"\xC2\xAB", "\xC2\xBB", "\xD8\x8C",
                                        "\xD8\x9B", "\xD8\x9F"}; /* « » ، ؛ ؟ */
    if (n && s[0] && strchr("\"'()[]{}.,:;!?-", s[0])) {
        *len = 1;
        return 1;
    }
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (n >= 2 && memcmp(s, marks[k], 2) == 0) {
            *len = 2;
            return 1;
        }
    return 0;
}

/* Trims punctuation from both ends of w[0..*n). */
static const char *trim_word(const char *w, size_t *n)
{
    size_t k;
    while (*n && is_trim_byte(w, *n, &k)) {
        w += k;
        *n -= k;
    }
    for (int again = 1; again && *n;) {
        again = 0;
        for (size_t b = 1; b <= 2 && b <= *n; b++)
            if (is_trim_byte(w + *n - b, b, &k) && k == b) {
                *n -= b;
                again = 1;
                break;
            }
    }
    return w;
}

/* The marks of every token the word stands for; *found says if any. */
static uint8_t word_marks(cov_ctx *c, const char *w, size_t n, int *found)
{
    const hd_doc *d = &c->doc;
    uint8_t m = 0;
    *found = 0;
    w = trim_word(w, &n);
    if (!n)
        return 0;
    for (size_t i = 0; i < d->n_tokens; i++) {
        const hd_token *t = &d->tokens[i];
        if (t->end - t->start == n && memcmp(d->text + t->start, w, n) == 0) {
            m |= c->mark[i];
            *found = 1;
        }
    }
    if (*found)
        return m;
    char key[4 * HD_TOKEN_MAX];
    size_t kn = hd_text_normalize(w, n, HD_NORM_DEFAULT, key, sizeof key);
    for (size_t i = 0; kn < sizeof key && i < d->n_tokens; i++) {
        const hd_token *t = &d->tokens[i];
        if (t->key_len == kn && memcmp(t->key, key, kn) == 0) {
            m |= c->mark[i];
            *found = 1;
        }
    }
    return m;
}

/* Remembers a mention's signature; 0 when this item already had it. */
static int first_time(cov_ctx *c, char role, const json_t *words)
{
    char sig[2048];
    size_t len = 0;
    sig[len++] = role;
    size_t k;
    json_t *w;
    json_array_foreach(words, k, w) {
        const char *s = json_is_string(w) ? json_string_value(w) : "";
        size_t n = strlen(s);
        if (len + n + 2 >= sizeof sig)
            break;
        memcpy(sig + len, s, n);
        len += n;
        sig[len++] = '\x1f';
    }
    sig[len++] = '\0';
    for (size_t off = 0; off < c->n_sigs;) {
        if (strcmp(c->sigs + off, sig) == 0)
            return 0;
        off += strlen(c->sigs + off) + 1;
    }
    HD_VEC_RESERVE(c->sigs, c->cap_sigs, c->n_sigs + len);
    memcpy(c->sigs + c->n_sigs, sig, len);
    c->n_sigs += len;
    return 1;
}

static void mention(cov_ctx *c, const json_t *words, char role)
{
    if (!json_is_array(words) || json_array_size(words) == 0 ||
        !first_time(c, role, words))
        return;
    uint8_t m = 0;
    size_t k;
    json_t *w;
    json_array_foreach(words, k, w) {
        if (!json_is_string(w))
            continue;
        int found;
        m |= word_marks(c, json_string_value(w), json_string_length(w),
                        &found);
        c->cov->words++;
        c->cov->words_unfound += !found;
    }
    if (role == 'v') {
        c->cov->verb_mentions++;
        c->cov->verb_matched += (m & COV_VERB) != 0;
    } else {
        c->cov->actor_mentions++;
        c->cov->actor_matched += (m & (COV_ACTOR | COV_AGENT)) != 0;
        c->cov->actor_by_actor += (m & COV_ACTOR) != 0;
    }
}

static int item(cov_ctx *c, const json_t *it, const char *path, size_t idx,
                hd_error *err)
{
    const json_t *text = json_object_get(it, "text");
    const json_t *spans = json_object_get(it, "spans");
    if (!json_is_string(text) || !json_is_array(spans)) {
        hd_error_set(err, path, (long)idx + 1, -1,
                     "item %zu: no text or no spans", idx + 1);
        return -1;
    }
    hd_doc_reset(&c->doc);
    if (hd_doc_set_text(&c->doc, json_string_value(text),
                        json_string_length(text), err) != 0 ||
        hd_text_analyze(&c->doc, &c->opts, err) != 0)
        return -1;
    c->cov->sentences++;
    mark_tokens(c);
    c->n_sigs = 0;
    size_t k;
    json_t *sp;
    json_array_foreach(spans, k, sp) {
        mention(c, json_object_get(sp, "source_actor"), 's');
        mention(c, json_object_get(sp, "target_actor"), 't');
        mention(c, json_object_get(sp, "verb"), 'v');
    }
    return 0;
}

int hd_coverage_add_file(const hd_lex *lex, const char *path,
                         hd_coverage *cov, hd_error *err)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) {
        hd_error_set(err, path, je.line, je.position, "%s", je.text);
        return -1;
    }
    if (!json_is_array(root)) {
        json_decref(root);
        hd_error_set(err, path, 1, -1, "not a JSON array of items");
        return -1;
    }
    cov_ctx c;
    memset(&c, 0, sizeof c);
    c.lex = lex;
    c.cov = cov;
    hd_doc_init(&c.doc);
    hd_text_opts_default(&c.opts);
    int rc = 0;
    size_t i;
    json_t *it;
    json_array_foreach(root, i, it) {
        if (item(&c, it, path, i, err) != 0) {
            rc = -1;
            break;
        }
    }
    hd_doc_free(&c.doc);
    free(c.mark);
    free(c.sigs);
    json_decref(root);
    return rc;
}
