/*
 * markup.h: a tolerant scanner for SGML/XML-ish markup.
 *
 * Used by the SGML and PETRARCH XML readers and by anything else that has to
 * pull elements out of news markup that is rarely well formed (gold XML in
 * eval, for one). It is not a parser: it finds an element by name inside a
 * byte range and reports where its tags and content lie, as offsets into
 * the caller's buffer. Names match case-insensitively. Nothing is allocated.
 *
 * What "tolerant" means here:
 *   - An element is closed by the first </NAME> after it, unless another
 *     <NAME ...> opens first: then it is unclosed, and it ends where the
 *     caller's policy says (at the end of the range, or at the next tag).
 *   - '<' not followed by an ASCII letter, '/', '!' or '?' is text, as is
 *     a '&' that does not start a known entity: both are kept literally.
 *   - Attribute values may be "double", 'single' or unquoted.
 *   - Comments (<!-- -->) are skipped when looking for tags.
 */
#ifndef HD_DOC_MARKUP_H
#define HD_DOC_MARKUP_H

#include <stddef.h>

/* An element: every field is an offset into the scanned buffer. */
typedef struct hd_mu_elem {
    size_t start;              /* the '<' of the open tag */
    size_t name, name_len;     /* its name as written */
    size_t attrs, attrs_end;   /* the raw attribute text of the open tag */
    size_t inner, inner_end;   /* the content */
    size_t end;                /* past the close tag (inner_end if none) */
    int closed;                /* a close tag was found */
    int empty;                 /* written <NAME ... /> */
} hd_mu_elem;

/* Where an unclosed element's content ends. */
enum hd_mu_policy {
    HD_MU_TO_END = 0,      /* at the end of the range (a container: TEXT) */
    HD_MU_TO_NEXT_TAG = 1  /* at the next tag of any name (a field: TITLE) */
};

/* One attribute of an open tag. */
typedef struct hd_mu_attr {
    size_t name, name_len;
    size_t val, val_len;       /* raw value, quotes removed, not decoded */
    int has_value;
} hd_mu_attr;

/* Finds the next open tag at or after from, before to. With name != NULL
 * only that element (case-insensitive; <DOC matches DOC, never DOCNO).
 * Fills start, name, attrs, inner (= past the open tag), empty; the close
 * is not searched yet (see hd_mu_close). Returns 1, or 0 when none. */
int hd_mu_next_open(const char *s, size_t from, size_t to, const char *name,
                    hd_mu_elem *el);

/* Finds the end of an element opened by hd_mu_next_open, searching before
 * to; fills inner_end, end, closed. */
void hd_mu_close(const char *s, size_t to, int policy, hd_mu_elem *el);

/* hd_mu_next_open followed by hd_mu_close. */
int hd_mu_find(const char *s, size_t from, size_t to, const char *name,
               int policy, hd_mu_elem *el);

/* 1 when el's name is name (case-insensitive). */
int hd_mu_is(const char *s, const hd_mu_elem *el, const char *name);

/* Iterates the attributes in s[*pos..end): returns 1 and advances *pos, or
 * 0 at the end. Start with *pos = el->attrs, end = el->attrs_end. */
int hd_mu_next_attr(const char *s, size_t *pos, size_t end, hd_mu_attr *a);

/* Finds attribute name of el; returns 1 and fills a, or 0. */
int hd_mu_get_attr(const char *s, const hd_mu_elem *el, const char *name,
                   hd_mu_attr *a);

/* Decodes the five XML entities and numeric references (&#1575; &#x627;)
 * from s[0..n) into out, which must hold n bytes: the result is never
 * longer. Unknown or broken references are copied as they are; a numeric
 * reference to a code point that cannot be in text (NUL, a surrogate, past
 * U+10FFFF) becomes U+FFFD. out may be s itself (decoding in place).
 * Returns the decoded length. */
size_t hd_mu_decode(const char *s, size_t n, char *out);

/* 1 when s[0..n) begins with prefix, compared case-insensitively (ASCII). */
int hd_mu_prefix_ci(const char *s, size_t n, const char *prefix);

#endif
