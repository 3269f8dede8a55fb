/*
 * reader.h: what reader.c shares with the per-format readers (read_*.c).
 *
 * reader.c owns the input: a zlib stream and one reusable window of bytes
 * over it. The format readers ask it for the next line, the next
 * <NAME>...</NAME> record or the whole rest of the input, turn those bytes
 * into an hd_doc, and report bad records through hd_rd_bad(), which knows
 * the record's line and byte offset. read_common.c holds the helpers every
 * record format needs: dates, UTF-8 checks, the doc text layout of records
 * with separate fields, and the extra_json builder.
 */
#ifndef HD_DOC_READER_H
#define HD_DOC_READER_H

#include <zlib.h>

#include "doc/doc.h" /* first: it brings stdlib.h */
#include "base/buf.h"
#include "hadath.h"

/* One line of a plain file: raw [start, end) without the newline, and the
 * trimmed [a, b) (a == b for a blank line). */
typedef struct hd_rd_row {
    uint32_t start, end, a, b;
} hd_rd_row;

struct hd_reader {
    gzFile gz;
    hd_format fmt;
    char name[256];       /* path as given, or "<stdin>": errors, doc->source */
    char plain_id[256];   /* basename without ".gz": a plain document's id */

    /* The stream window: unread bytes are buf[pos..len); buf[0] is at
     * stream offset base; buf[pos] is on line `line` (1-based). */
    char *buf;
    size_t cap, pos, len;
    long long base;
    long line;
    int eof;              /* nothing more to read (end, or a read error) */
    int failed;           /* a read error: reported once, at the end */
    char fail_msg[256];
    int checked;          /* the binary-data check has run */
    int done;             /* hd_reader_next returns 0 from now on */

    /* The record being parsed: where it began, for errors. */
    long rec_line;
    long long rec_byte;
    long n_records;       /* records found by hd_rd_record */
    int skipped_text;     /* it skipped non-blank bytes between records */

    /* TSV: the header. */
    int tsv_ready;
    hd_buf tsv_header;    /* the header line, tabs replaced by NULs */
    size_t *tsv_names;    /* offsets of column names in tsv_header */
    size_t tsv_ncols, tsv_cap;
    size_t tsv_id, tsv_text; /* column indexes; tsv_id == SIZE_MAX: none */

    /* Scratch space reused from record to record. */
    hd_buf scratch;       /* decoded field text */
    hd_buf body;          /* a record's body as built */
    hd_buf extra;         /* extra_json being built */
    int extra_n;
    hd_rd_row *lines;    /* plain layout */
    size_t n_lines, cap_lines;
    hd_caption *caps;
    size_t n_caps, cap_caps;
    hd_span *heads, *boil;
    size_t n_heads, cap_heads, n_boil, cap_boil;
};

/* ---- the stream (reader.c) */

/* Returns the next line (without "\n" or a final "\r") at *s, *n; valid until
 * the next stream call. Sets rec_line/rec_byte. 0 at the end. */
int hd_rd_line(hd_reader *r, const char **s, size_t *n);
/* Returns the next record from "<NAME" (not "<NAMEX") to its "</NAME>", to
 * the next "<NAME" when unclosed, or to the end of input; text before the
 * record is skipped. Sets rec_line/rec_byte. 0 when no record is left. */
int hd_rd_record(hd_reader *r, const char *name, const char **s, size_t *n);
/* Reads the whole rest of the input. Sets rec_line/rec_byte. */
void hd_rd_all(hd_reader *r, const char **s, size_t *n);
/* Sets err for the current record ("file:line: byte N: msg"); returns -1. */
int hd_rd_bad(hd_reader *r, hd_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* At the end of a record stream: when no record was found in a non-blank
 * input, reports that once (-1, and the reader is done); else 0. */
int hd_rd_no_records(hd_reader *r, hd_error *err, const char *tag);

/* ---- the format readers: 1 doc, 0 end, -1 bad record */
int hd_read_plain(hd_reader *r, hd_doc *doc, hd_error *err);
int hd_read_jsonl(hd_reader *r, hd_doc *doc, hd_error *err);
int hd_read_sgml(hd_reader *r, hd_doc *doc, hd_error *err);
int hd_read_xml(hd_reader *r, hd_doc *doc, hd_error *err);
int hd_read_tsv(hd_reader *r, hd_doc *doc, hd_error *err);
/* The flat-object fast path of the JSONL reader: 1 (a doc), -1 (err set), or
 * 0 when it declines the line and jansson must parse it. */
int hd_jsonl_fast(hd_reader *r, hd_doc *doc, const char *s, size_t n,
                  hd_error *err);
/* 1 when line looks like a TSV header (used by format detection). */
int hd_tsv_is_header(const char *s, size_t n);

/* ---- shared record helpers (read_common.c) */

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if it is invalid. */
size_t hd_rd_utf8_len(const unsigned char *s, size_t n);
/* Dates, written as "YYYY-MM-DD" into out[11]; each returns 1 when valid.
 * iso: "YYYY-MM-DD" alone or followed by 'T' or ' ' and a time.
 * compact: exactly "YYYYMMDD".
 * rfc822: "Sun, 18 Feb 2018 20:50:44 GMT" (weekday and time optional).
 * in_id: the first run of exactly 8 digits in an id that is a valid date
 * ("AAW_ARB_20071026.0026"). */
int hd_rd_date_iso(const char *s, size_t n, char out[11]);
int hd_rd_date_compact(const char *s, size_t n, char out[11]);
int hd_rd_date_rfc822(const char *s, size_t n, char out[11]);
int hd_rd_date_in_id(const char *s, size_t n, char out[11]);
/* Copies s[0..n) into the doc's arena. */
const char *hd_rd_dup(hd_doc *doc, const char *s, size_t n);
/* Trims ASCII whitespace off both ends of *s, *n. */
void hd_rd_trim(const char **s, size_t *n);
/* Collapses every whitespace run that holds a line break into one space, in
 * place; returns the new length. For text that markup wraps across lines. */
size_t hd_rd_unwrap(char *s, size_t n);
/* Lays out a record with separate fields: doc->text = title "\n\n" body, or
 * body alone when the title is empty or blank. Sets doc->title (trimmed),
 * its HD_SEC_TITLE zone and doc->body_offset. The caller adds body zones. */
int hd_rd_record_text(hd_doc *doc, const char *title, size_t tn,
                      const char *body, size_t bn, hd_error *err);
/* extra_json: begin, add string fields (escaped; invalid UTF-8 becomes
 * U+FFFD; a repeated key is ignored), then end, which returns the object
 * text in the doc's arena, or NULL when no field was added. */
void hd_rd_extra_begin(hd_reader *r);
void hd_rd_extra_add(hd_reader *r, const char *key, size_t kn,
                     const char *val, size_t vn);
const char *hd_rd_extra_end(hd_reader *r, hd_doc *doc);

#endif
