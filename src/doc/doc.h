/* doc.h: helpers the readers share for building an hd_doc. */
#ifndef HD_DOC_DOC_H
#define HD_DOC_DOC_H

#include <stdlib.h>

#include "hadath.h"

/* The slots of hd_doc.memo: the text layer's key memo (tokenize.c) and
 * the coder's word memo (src/code/words.c). */
enum { HD_MEMO_KEYS = 0, HD_MEMO_WORDS = 1 };

/* Offsets are 32-bit: one document may not exceed this. */
#define HD_DOC_MAX 0xF0000000u

static inline int hd_doc_is_space(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

/* Length of the blank character that begins s[0..n), or 0: ASCII blanks,
 * U+00A0 (no-break space, common in copied web text), U+2000..U+200B,
 * U+200E/U+200F (direction marks), U+202F, U+205F, U+3000, U+FEFF. */
static inline size_t hd_doc_blank_at(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return 0;
    if (u[0] < 0x80)
        return hd_doc_is_space(u[0]) ? 1 : 0;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (n < 3)
        return 0;
    if (u[0] == 0xE2 && u[1] == 0x80 &&
        (u[2] <= 0x8B || u[2] == 0x8E || u[2] == 0x8F || u[2] == 0xAF))
        return 3;
    if ((u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) ||
        (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) ||
        (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF))
        return 3;
    return 0;
}

/* Length of the blank character that ends s[0..n), or 0. */
static inline size_t hd_doc_blank_before(const char *s, size_t n)
{
    if (n && (unsigned char)s[n - 1] < 0x80)
        return hd_doc_is_space((unsigned char)s[n - 1]) ? 1 : 0;
    for (size_t k = 2; k <= 3 && k <= n; k++)
        if (hd_doc_blank_at(s + n - k, k) == k)
            return k;
    return 0;
}

/* Narrows [*a, *b) of text to exclude leading and trailing blanks. */
void hd_doc_trim(const char *text, uint32_t *a, uint32_t *b);

/* Copies text into the doc's arena as doc->text. */
int hd_doc_take_text(hd_doc *doc, const char *text, size_t n, hd_error *err);
/* Makes doc->text a fresh, NUL-terminated buffer of n bytes in the doc's
 * arena and returns it for the caller to fill (records whose text is built
 * from several fields write it once, in place). NULL with err set when n is
 * over the limit. */
char *hd_doc_alloc_text(hd_doc *doc, size_t n, hd_error *err);
/* Appends a zone; empty spans are ignored. */
void hd_doc_add_zone(hd_doc *doc, uint32_t start, uint32_t end, int section);
/* One zone per non-empty line of text[start..end), trimmed. */
void hd_doc_add_paragraphs(hd_doc *doc, uint32_t start, uint32_t end,
                           int section);

#endif
