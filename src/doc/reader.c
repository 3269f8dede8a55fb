/*
 * reader.c: the input side of every reader, and the reader object itself.
 *
 * Input. Everything is read through zlib (gzdopen), so a .gz corpus and a
 * plain file take the same path, and stdin ("-") can be either. The bytes
 * land in one reusable window: unread data sits at buf[pos..len), and a
 * refill slides it to the front and reads more, growing the window only
 * when one record does not fit. A format reader therefore holds at most one
 * record (plus one read-ahead chunk), whatever the size of the input, and a
 * 50 MB line is just a window that grew to 50 MB and stays there for reuse.
 * Line numbers and byte offsets are counted as bytes are consumed, so an
 * error can say "file:line: byte N" for the record it is about. Offsets are
 * into the decompressed stream; a UTF-8 byte-order mark at its start is
 * skipped (and counted).
 *
 * Formats. Auto-detection looks at the first non-blank bytes: '{' is JSONL,
 * "<DOC" SGML, "<?xml" / "<Sentences" / "<Sentence" PETRARCH XML (after an
 * XML prologue or comments, the first element decides: <DOC is SGML), a
 * header line of tab-separated names the detection TSV, anything else plain
 * text. A record format that finds no record at all in a non-blank input
 * says so (one bad record), rather than reading nothing in silence.
 *
 * The document text of a record. For formats whose records have separate
 * title and body fields (JSONL, SGML), doc->text is the title, a blank line
 * ("\n\n"), then the body, and doc->body_offset is where the body begins, so
 * body offsets map back onto the input's own body field by subtracting it.
 * A record with no (or a blank) title has the body alone as its text and
 * body_offset 0; so do PETRARCH XML and TSV, whose records have one text.
 * JSONL copies its fields verbatim (doc->title is the trimmed title); SGML
 * and XML text is built (entities decoded, wrapped paragraphs unwrapped).
 * A plain file's text is the file itself (see read_plain.c).
 *
 * Errors. Opening failures return NULL with err naming the file. A bad
 * record makes hd_reader_next return -1 with err set, and the next call
 * goes on with the following record. Input whose first 8 KB looks binary
 * (over 1% NUL bytes, or over 10% invalid UTF-8) is reported once, as a bad
 * record at byte 0, and nothing more is read from it: the alternative is one
 * error per "line" of a binary file.
 */
#include "doc/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/markup.h"

#define CHUNK (64 * 1024)
#define SNIFF (8 * 1024)

static const char *const format_names[] = {
    "auto", "plain", "jsonl", "sgml", "petrarch-xml", "tsv",
};

int hd_format_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < (int)(sizeof format_names / sizeof *format_names); i++)
        if (strcmp(name, format_names[i]) == 0)
            return i;
    if (strcmp(name, "xml") == 0)
        return HD_FMT_PETRARCH_XML;
    return -1;
}

const char *hd_format_name(int fmt)
{
    if (fmt < 0 || fmt >= (int)(sizeof format_names / sizeof *format_names))
        return "unknown";
    return format_names[fmt];
}

/* ---------------------------------------------------------------- stream */

static void note_read_error(hd_reader *r)
{
    int zerr = Z_OK;
    const char *msg = gzerror(r->gz, &zerr);
    if (zerr == Z_OK || zerr == Z_STREAM_END)
        return;
    r->failed = 1;
    if (zerr == Z_ERRNO)
        msg = strerror(errno);
    else if (zerr == Z_BUF_ERROR)
        msg = "unexpected end of compressed data (truncated .gz file?)";
    snprintf(r->fail_msg, sizeof r->fail_msg, "read error: %s", msg);
}

/* Reads more input into the window; returns the number of bytes added (0 at
 * the end of input or after a read error). Offsets relative to pos stay
 * valid; pointers into buf do not. */
static size_t fill(hd_reader *r)
{
    if (r->eof)
        return 0;
    if (r->cap - r->len < CHUNK && r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->base += (long long)r->pos;
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->cap - r->len < CHUNK) {
        size_t nc = r->cap ? r->cap : 4 * CHUNK;
        while (nc - r->len < CHUNK)
            nc *= 2;
        r->buf = hd_xrealloc(r->buf, nc);
        r->cap = nc;
    }
    size_t want = r->cap - r->len;
    if (want > INT_MAX / 2)
        want = INT_MAX / 2;
    int got = gzread(r->gz, r->buf + r->len, (unsigned)want);
    if (got <= 0) {
        r->eof = 1;
        note_read_error(r);
        if (got < 0 && !r->failed) {
            r->failed = 1;
            snprintf(r->fail_msg, sizeof r->fail_msg, "read error");
        }
        return 0;
    }
    r->len += (size_t)got;
    return (size_t)got;
}

static size_t avail(const hd_reader *r)
{
    return r->len - r->pos;
}

/* Makes at least n bytes available when the input has them. */
static void want_bytes(hd_reader *r, size_t n)
{
    while (avail(r) < n && fill(r))
        ;
}

/* Consumes n bytes, counting the lines they end. */
static void consume(hd_reader *r, size_t n)
{
    const char *p = r->buf + r->pos, *e = p + n;
    while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        r->line++;
        p++;
    }
    r->pos += n;
}

static void mark_record(hd_reader *r)
{
    r->rec_line = r->line;
    r->rec_byte = r->base + (long long)r->pos;
}

int hd_rd_line(hd_reader *r, const char **s, size_t *n)
{
    size_t scanned = 0, len, used;
    for (;;) {
        const char *nl = memchr(r->buf + r->pos + scanned, '\n',
                                avail(r) - scanned);
        if (nl) {
            len = (size_t)(nl - (r->buf + r->pos));
            used = len + 1;
            break;
        }
        scanned = avail(r);
        if (!fill(r)) {
            /* A last line without a newline is a line, unless the input
             * broke off: then it is a fragment and the read error says so. */
            if (avail(r) == 0 || r->failed)
                return 0;
            len = used = avail(r);
            break;
        }
    }
    mark_record(r);
    *s = r->buf + r->pos;
    if (len && (*s)[len - 1] == '\r')
        len--;
    *n = len;
    r->pos += used;
    r->line++;
    return 1;
}

enum { TAG_OPEN = 1, TAG_CLOSE = 2 };

/* Classifies the '<' at rel (relative to pos) against name: TAG_OPEN for
 * "<name" + boundary, TAG_CLOSE for "</name" + boundary, else 0. Reads more
 * input when the answer lies past the window. */
static int tag_at(hd_reader *r, size_t rel, const char *name, size_t nl)
{
    want_bytes(r, rel + nl + 3);
    const char *p = r->buf + r->pos + rel;
    size_t have = avail(r) - rel;
    int kind = TAG_OPEN;
    size_t k = 1;
    if (have > 1 && p[1] == '/') {
        kind = TAG_CLOSE;
        k = 2;
    }
    if (have < k + nl || strncasecmp(p + k, name, nl) != 0)
        return 0;
    if (have == k + nl)
        return kind; /* at the end of input */
    unsigned char c = (unsigned char)p[k + nl];
    return hd_doc_is_space(c) || c == '>' || c == '/' ? kind : 0;
}

/* Finds the bytes pat at or after rel; returns their offset relative to pos,
 * or -1 at the end of input. */
static long long find_bytes(hd_reader *r, size_t rel, const char *pat)
{
    size_t k = strlen(pat);
    for (;;) {
        const char *p = memchr(r->buf + r->pos + rel, pat[0], avail(r) - rel);
        if (!p) {
            rel = avail(r);
            if (!fill(r))
                return -1;
            continue;
        }
        rel = (size_t)(p - (r->buf + r->pos));
        want_bytes(r, rel + k);
        if (avail(r) - rel < k)
            return -1;
        if (memcmp(r->buf + r->pos + rel, pat, k) == 0)
            return (long long)rel;
        rel++;
    }
}

/* Finds the next tag of name (kinds: a TAG_* mask) at or after rel, outside
 * comments; returns its offset relative to pos and sets *kind, or returns
 * -1 at the end. */
static long long find_tag(hd_reader *r, size_t rel, const char *name,
                          int kinds, int *kind)
{
    size_t nl = strlen(name);
    for (;;) {
        const char *lt = memchr(r->buf + r->pos + rel, '<', avail(r) - rel);
        if (!lt) {
            rel = avail(r);
            if (!fill(r))
                return -1;
            continue;
        }
        rel = (size_t)(lt - (r->buf + r->pos));
        want_bytes(r, rel + 4);
        if (avail(r) - rel >= 4 && memcmp(r->buf + r->pos + rel, "<!--", 4) == 0) {
            long long end = find_bytes(r, rel + 4, "-->");
            if (end < 0)
                return -1;
            rel = (size_t)end + 3;
            continue;
        }
        int k = tag_at(r, rel, name, nl);
        if (k & kinds) {
            *kind = k;
            return (long long)rel;
        }
        rel++;
    }
}

/* Consumes n bytes that lie outside any record, noting non-blank ones. */
static void skip_between(hd_reader *r, size_t n)
{
    const unsigned char *p = (const unsigned char *)r->buf + r->pos;
    for (size_t i = 0; i < n && !r->skipped_text; i++)
        r->skipped_text = !hd_doc_is_space(p[i]);
    consume(r, n);
}

int hd_rd_record(hd_reader *r, const char *name, const char **s, size_t *n)
{
    int kind = 0;
    long long start = find_tag(r, 0, name, TAG_OPEN, &kind);
    if (start < 0) {
        skip_between(r, avail(r));
        return 0;
    }
    skip_between(r, (size_t)start);
    mark_record(r);
    size_t end;
    long long next = find_tag(r, 1, name, TAG_OPEN | TAG_CLOSE, &kind);
    if (next < 0) {
        if (r->failed) { /* broken off by a read error: not a record */
            consume(r, avail(r));
            return 0;
        }
        end = avail(r);
    } else if (kind == TAG_OPEN) {
        end = (size_t)next; /* never closed: it ends where the next begins */
    } else {
        end = (size_t)next + 2 + strlen(name);
        want_bytes(r, end + 64);
        const char *p = r->buf + r->pos;
        const char *gt = memchr(p + end, '>', avail(r) - end < 64
                                                  ? avail(r) - end : 64);
        if (gt)
            end = (size_t)(gt - p) + 1;
    }
    *s = r->buf + r->pos;
    *n = end;
    consume(r, end);
    r->n_records++;
    return 1;
}

void hd_rd_all(hd_reader *r, const char **s, size_t *n)
{
    while (fill(r))
        ;
    mark_record(r);
    *s = r->buf + r->pos;
    *n = avail(r);
    consume(r, avail(r));
}

int hd_rd_bad(hd_reader *r, hd_error *err, const char *fmt, ...)
{
    char msg[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    hd_error_set(err, r->name, r->rec_line, r->rec_byte, "%s", msg);
    return -1;
}

int hd_rd_no_records(hd_reader *r, hd_error *err, const char *tag)
{
    if (r->n_records || !r->skipped_text || r->failed)
        return 0;
    r->done = 1;
    r->rec_line = 1;
    r->rec_byte = 0;
    return hd_rd_bad(r, err, "no %s record found in the input", tag);
}

/* ------------------------------------------------------------- detection */

static void skip_bom(hd_reader *r)
{
    want_bytes(r, 3);
    if (avail(r) >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
        r->pos += 3;
}

/* For input that opens with '<': the first element after any prologue
 * (<?xml ...?>, <!DOCTYPE ...>, comments) decides between SGML and XML. */
static hd_format detect_markup(const char *p, size_t n)
{
    size_t i = 0;
    int xml_decl = hd_mu_prefix_ci(p, n, "<?xml");
    while (i + 1 < n && p[i] == '<' && (p[i + 1] == '?' || p[i + 1] == '!')) {
        const char *end;
        if (n - i >= 4 && memcmp(p + i, "<!--", 4) == 0) {
            end = NULL;
            for (size_t k = i + 4; k + 3 <= n && !end; k++)
                if (memcmp(p + k, "-->", 3) == 0)
                    end = p + k + 2;
        } else {
            end = memchr(p + i, '>', n - i);
        }
        if (!end)
            break;
        i = (size_t)(end - p) + 1;
        while (i < n && hd_doc_is_space((unsigned char)p[i]))
            i++;
    }
    if (hd_mu_prefix_ci(p + i, n - i, "<DOC") &&
        (n - i == 4 || p[i + 4] == '>' || hd_doc_is_space((unsigned char)p[i + 4])))
        return HD_FMT_SGML;
    if (hd_mu_prefix_ci(p + i, n - i, "<Sentence") || xml_decl)
        return HD_FMT_PETRARCH_XML;
    return HD_FMT_AUTO; /* not decided */
}

static hd_format detect(hd_reader *r)
{
    size_t i = 0;
    for (;;) {
        while (i < avail(r) && hd_doc_is_space((unsigned char)r->buf[r->pos + i]))
            i++;
        if (i < avail(r))
            break;
        if (!fill(r))
            return HD_FMT_PLAIN;
    }
    /* the whole first line for the TSV header test; a chunk for markup */
    while (!memchr(r->buf + r->pos + i, '\n', avail(r) - i) &&
           avail(r) - i < CHUNK && fill(r))
        ;
    if (r->buf[r->pos + i] == '<')
        want_bytes(r, i + CHUNK);
    const char *p = r->buf + r->pos + i;
    size_t n = avail(r) - i;
    const char *nl = memchr(p, '\n', n);
    if (p[0] == '{')
        return HD_FMT_JSONL;
    hd_format m = p[0] == '<' ? detect_markup(p, n) : HD_FMT_AUTO;
    if (m != HD_FMT_AUTO)
        return m;
    if (hd_tsv_is_header(p, nl ? (size_t)(nl - p) : n))
        return HD_FMT_TSV;
    return HD_FMT_PLAIN;
}

/* The binary-data test on the first 8 KB; fills why and returns 1 when the
 * input does not look like text. */
static int looks_binary(hd_reader *r, char *why, size_t cap)
{
    want_bytes(r, SNIFF + 4);
    const unsigned char *p = (const unsigned char *)r->buf + r->pos;
    size_t n = avail(r), win = n < SNIFF ? n : SNIFF, nul = 0, bad = 0;
    for (size_t i = 0; i < win;) {
        if (p[i] < 0x80) {
            nul += p[i] == 0;
            i++;
            continue;
        }
        size_t k = hd_rd_utf8_len(p + i, n - i);
        if (!k) {
            bad++;
            k = 1;
        }
        i += k;
    }
    if (win == 0)
        return 0;
    /* A stray NUL or two in a short text is damage, not a binary file: the
     * text layer reads NUL as a space and counts it. */
    if (nul >= 4 && nul * 100 > win) {
        snprintf(why, cap, "looks like binary data, not text (%zu NUL bytes "
                 "in the first %zu)", nul, win);
        return 1;
    }
    if (bad * 10 > win) {
        snprintf(why, cap, "looks like binary data, not text (%zu of the first "
                 "%zu bytes are not valid UTF-8; text in another encoding "
                 "must be converted to UTF-8 first)", bad, win);
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- reader */

/* Errors and doc->source name the path as given ("<stdin>" for "-"); a plain
 * document is named after the file: its base name without ".gz" ("stdin"). */
static void set_names(hd_reader *r, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    snprintf(r->name, sizeof r->name, "%s", is_stdin ? "<stdin>" : path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(r->plain_id, sizeof r->plain_id, "%s", is_stdin ? "stdin" : base);
    size_t n = strlen(r->plain_id);
    if (n > 3 && strcmp(r->plain_id + n - 3, ".gz") == 0)
        r->plain_id[n - 3] = '\0';
}

static int open_fd(const char *path, hd_error *err)
{
    int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        hd_error_set(err, path, 0, -1, "cannot open: %s",
                     strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        hd_error_set(err, path, 0, -1, "cannot read: %s",
                     strerror(EISDIR));
        close(fd);
        return -1;
    }
    return fd;
}

hd_reader *hd_reader_open(const char *path, hd_format fmt, hd_error *err)
{
    hd_error_clear(err);
    if (!path || !*path) {
        hd_error_set(err, "", 0, -1, "no input file name given");
        return NULL;
    }
    if ((int)fmt < HD_FMT_AUTO || fmt > HD_FMT_TSV) {
        hd_error_set(err, path, 0, -1, "unknown input format %d", (int)fmt);
        return NULL;
    }
    int fd = open_fd(path, err);
    if (fd < 0)
        return NULL;
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        hd_error_set(err, path, 0, -1, "cannot read: %s",
                     errno ? strerror(errno) : "out of memory");
        close(fd);
        return NULL;
    }
    gzbuffer(gz, 128 * 1024);
    hd_reader *r = hd_xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    r->gz = gz;
    r->line = 1;
    r->tsv_id = r->tsv_text = SIZE_MAX;
    set_names(r, path);
    skip_bom(r);
    r->fmt = fmt == HD_FMT_AUTO ? detect(r) : fmt;
    return r;
}

hd_format hd_reader_format(const hd_reader *r)
{
    return r->fmt;
}

static int read_one(hd_reader *r, hd_doc *doc, hd_error *err)
{
    switch (r->fmt) {
    case HD_FMT_JSONL: return hd_read_jsonl(r, doc, err);
    case HD_FMT_SGML: return hd_read_sgml(r, doc, err);
    case HD_FMT_PETRARCH_XML: return hd_read_xml(r, doc, err);
    case HD_FMT_TSV: return hd_read_tsv(r, doc, err);
    default: return hd_read_plain(r, doc, err);
    }
}

int hd_reader_next(hd_reader *r, hd_doc *doc, hd_error *err)
{
    hd_error scratch;
    if (!err)
        err = &scratch; /* the readers write messages through it */
    hd_doc_reset(doc);
    hd_error_clear(err);
    if (r->done)
        return 0;
    if (!r->checked) {
        char why[256];
        r->checked = 1;
        if (looks_binary(r, why, sizeof why)) {
            mark_record(r);
            r->done = 1;
            return hd_rd_bad(r, err, "%s", why);
        }
    }
    doc->source = hd_rd_dup(doc, r->name, strlen(r->name));
    int rc = read_one(r, doc, err);
    if (rc == 0) {
        r->done = 1;
        if (r->failed) {
            hd_error_set(err, r->name, r->line, r->base + (long long)r->pos,
                         "%s", r->fail_msg);
            return -1;
        }
    } else if (rc < 0) { /* no half-built document escapes */
        hd_doc_reset(doc);
        doc->source = hd_rd_dup(doc, r->name, strlen(r->name));
    }
    return rc;
}

void hd_reader_close(hd_reader *r)
{
    if (!r)
        return;
    gzclose(r->gz);
    free(r->buf);
    hd_buf_free(&r->tsv_header);
    free(r->tsv_names);
    hd_buf_free(&r->scratch);
    hd_buf_free(&r->body);
    hd_buf_free(&r->extra);
    free(r->lines);
    free(r->caps);
    free(r->heads);
    free(r->boil);
    free(r);
}
