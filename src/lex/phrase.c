/*
 * phrase.c: turning a dictionary phrase into match keys.
 *
 * The one rule that makes matching work both ways: a dictionary word goes
 * through exactly the functions a document token goes through,
 * hd_text_normalize(HD_NORM_DEFAULT) and then hd_text_strip_clitics, and the
 * trie stores the stem. A document token is then looked up by its key and
 * its stem (match.c), so whatever the text layer decides about a word, it
 * decides the same on both sides.
 *
 * The Arabic dictionaries often write a proclitic as a word of its own
 * (أمين_عام_ل_أمة_المتحدة_, مدير_إدارة_تعاون_و_مساعدة), because they were
 * made from segmented text. Such a lone ل ب ك و ف is not a word of the
 * phrase: it becomes a prefix the next word's token must carry (or a lone
 * token of its own; see match.c).
 */
#include <string.h>

#include "lex/lex_int.h"

static int is_sep(unsigned char c, const char *seps)
{
    if (c == ' ' || c == '\t')
        return 1;
    if (c >= 0x80 || !c)
        return 0; /* seps are ASCII; most bytes here are Arabic */
    return strchr(seps, c) != NULL;
}

/* The prefix bit of a lone clitic word (a key of one letter), or 0. */
static unsigned lone_clitic(const char *s, size_t n)
{
    if (n != 2)
        return 0;
    if (memcmp(s, "\xD9\x88", 2) == 0) return HD_PFX_WA; /* و */
    if (memcmp(s, "\xD9\x81", 2) == 0) return HD_PFX_FA; /* ف */
    if (memcmp(s, "\xD8\xA8", 2) == 0) return HD_PFX_BI; /* ب */
    if (memcmp(s, "\xD9\x84", 2) == 0) return HD_PFX_LI; /* ل */
    if (memcmp(s, "\xD9\x83", 2) == 0) return HD_PFX_KA; /* ك */
    return 0;
}

/* Normalizes and strips one raw word into out; 1 when a word was added,
 * 0 for a lone clitic or an empty word, -1 when out is full. */
static int add_word(const char *raw, size_t n, lex_phrase *out,
                    unsigned *pending)
{
    size_t room = sizeof out->buf - out->used;
    char *key = out->buf + out->used;
    size_t kn = hd_text_normalize(raw, n, HD_NORM_DEFAULT, key, room);
    if (kn + 1 > room)
        return -1;
    if (kn == 0)
        return 0;
    unsigned bit = lone_clitic(key, kn);
    if (bit) {
        *pending |= bit;
        return 0;
    }
    if (out->n == LEX_MAX_WORDS)
        return -1;
    size_t off = 0, len = kn;
    int suffix = 0;
    unsigned pfx = hd_text_strip_clitics(key, kn, hd_text_clitic_hints(raw, n), &off,
                                         &len, &suffix);
    if (len == 0) {
        off = 0;
        len = kn;
        pfx = 0;
    }
    lex_word *w = &out->w[out->n++];
    w->s = key + off;
    w->n = (uint32_t)len;
    /* A conjunction glued to a dictionary word (وزارة read as و+زارة by
     * an over-eager stripper) is not required of the text; a preposition
     * is, and so is any clitic the dictionary wrote as a word of its own. */
    w->req = (uint8_t)((pfx & (HD_PFX_BI | HD_PFX_LI | HD_PFX_KA)) |
                       (*pending & LEX_REQ_MASK));
    *pending = 0;
    out->used += kn + 1;
    return 1;
}

int lex_phrase_compile(const char *text, size_t n, const char *seps,
                       lex_phrase *out, const char **why)
{
    out->n = 0;
    out->used = 0;
    unsigned pending = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && is_sep((unsigned char)text[i], seps))
            i++;
        size_t j = i;
        while (j < n && !is_sep((unsigned char)text[j], seps))
            j++;
        if (j > i && add_word(text + i, j - i, out, &pending) < 0) {
            *why = "phrase too long";
            return -1;
        }
        i = j;
    }
    if (out->n == 0) {
        *why = "nothing left to match after normalizing";
        return -1;
    }
    return 0;
}

uint32_t lex_phrase_insert(hd_lex *lex, uint32_t root, const lex_phrase *ph)
{
    uint32_t node = root;
    for (size_t k = 0; k < ph->n; k++)
        node = lex_trie_add_child(&lex->trie, &lex->pool, node, ph->w[k].req,
                                  ph->w[k].s, ph->w[k].n);
    return node;
}

uint32_t lex_phrase_norm(hd_lex *lex, const lex_phrase *ph)
{
    char buf[LEX_PHRASE_BUF];
    size_t len = 0;
    for (size_t k = 0; k < ph->n; k++) {
        if (len + ph->w[k].n + 1 >= sizeof buf)
            break;
        if (k)
            buf[len++] = ' ';
        memcpy(buf + len, ph->w[k].s, ph->w[k].n);
        len += ph->w[k].n;
    }
    return lex_pool_intern(&lex->pool, buf, len);
}

int lex_parse_event_code(hd_lex *lex, const char *s, size_t n, uint32_t *code)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= 2 && n <= 3 && strspn(s, "-") >= n) {
        *code = LEX_NONE;
        return 0;
    }
    if (n < 2 || n > 4)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    *code = lex_pool_intern(&lex->pool, s, n);
    return 0;
}

unsigned lex_lone_clitic(const char *raw, size_t n)
{
    char key[16];
    size_t kn = hd_text_normalize(raw, n, HD_NORM_DEFAULT, key, sizeof key);
    return kn < sizeof key ? lone_clitic(key, kn) : 0;
}
