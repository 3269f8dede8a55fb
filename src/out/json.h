/*
 * json.h: a streaming JSON writer onto an hd_buf.
 *
 * Output is written, never built as a tree: a document's record is appended
 * field by field. The writer tracks only whether a comma is due at each
 * nesting level. Strings are escaped per RFC 8259, and bytes that are not
 * valid UTF-8 are written as U+FFFD, so the output is always valid JSON even
 * when the input was not valid text (offsets still refer to the input).
 */
#ifndef HD_OUT_JSON_H
#define HD_OUT_JSON_H

#include <stdint.h>

#include "base/buf.h"

#define HD_JSON_DEPTH 32

typedef struct hd_json {
    hd_buf *out;
    int depth;
    uint8_t need_comma[HD_JSON_DEPTH];
} hd_json;

void hd_json_init(hd_json *j, hd_buf *out);
void hd_json_object_begin(hd_json *j);
void hd_json_object_end(hd_json *j);
void hd_json_array_begin(hd_json *j);
void hd_json_array_end(hd_json *j);
void hd_json_key_n(hd_json *j, const char *key, size_t n);
/* A key its caller knows needs no escaping: written with no test. */
void hd_json_key_plain(hd_json *j, const char *key, size_t n);
/* A literal key of letters, digits and '_' ("" ... "": literals only). */
#define HD_JSON_KEY(j, lit) hd_json_key_plain((j), "" lit "", sizeof(lit) - 1)
/* Inline so that a literal key's length is known when compiled. */
static inline void hd_json_key(hd_json *j, const char *key)
{
    hd_json_key_n(j, key, strlen(key));
}
void hd_json_string(hd_json *j, const char *s, size_t n);
void hd_json_cstring(hd_json *j, const char *s); /* NULL writes null */
void hd_json_int(hd_json *j, long long v);
void hd_json_double(hd_json *j, double v);
void hd_json_bool(hd_json *j, int v);
void hd_json_null(hd_json *j);
void hd_json_raw(hd_json *j, const char *s, size_t n); /* pre-built JSON */

/* Escapes s[0..n) as the inside of a JSON string (no quotes). */
void hd_json_escape(hd_buf *b, const char *s, size_t n);

#endif
