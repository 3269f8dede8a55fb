/*
 * fuzz_number.c: the number parser (src/text/number.c).
 *
 * Two ways in: hd_number_parse_text on the input as a string (the number
 * at its first token), and hd_number_at / hd_number_post_qualifier at
 * every token of the analysed input, as the quantity stage calls them.
 * Checked: a parse consumes tokens inside the range it was given, its text
 * span lies inside the document, and its bounds are ordered and finite
 * where they must be.
 */
#include "fuzz_util.h"

#include <math.h>
#include <string.h>

#include "text/number.h"

static void check_number(const hd_number *n, size_t i, size_t end,
                         size_t used, size_t len)
{
    FUZZ_CHECK(n->tok_first == i && n->tok_end == i + used);
    FUZZ_CHECK(n->tok_end <= end);
    FUZZ_CHECK(n->start <= n->end && n->end <= len);
    FUZZ_CHECK(!isnan(n->value) && !isnan(n->min) && !isnan(n->max));
    FUZZ_CHECK(isfinite(n->value) && fabs(n->value) <= HD_NUMBER_MAX);
    FUZZ_CHECK(n->min <= n->max);
    FUZZ_CHECK(strcmp(hd_qualifier_name(n->qualifier), "?") != 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) /* numbers are short; keep the search on them */
        return 0;
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    hd_number n;
    int used = hd_number_parse_text(s, &n);
    FUZZ_CHECK(used >= -1);
    if (used > 0)
        FUZZ_CHECK(n.start <= n.end && n.end <= strlen(s));

    hd_doc doc;
    hd_error err;
    hd_doc_init(&doc);
    if (hd_doc_set_text(&doc, (const char *)data, size, &err) == 0 &&
        hd_text_analyze(&doc, NULL, &err) == 0) {
        for (size_t si = 0; si < doc.n_sentences; si++) {
            const hd_sentence *st = &doc.sentences[si];
            size_t end = (size_t)st->tok_first + st->tok_count;
            for (size_t i = st->tok_first; i < end; i++) {
                size_t k = hd_number_at(&doc, i, end, &n);
                if (k) {
                    check_number(&n, i, end, k, doc.len);
                    int q = 0;
                    size_t p = hd_number_post_qualifier(&doc, i + k, end, &q);
                    FUZZ_CHECK(i + k + p <= end);
                    if (p) {
                        hd_number_qualify(&n, q);
                        FUZZ_CHECK(!isnan(n.min) && !isnan(n.max));
                    }
                }
            }
        }
    }
    hd_doc_free(&doc);
    free(s);
    return 0;
}
