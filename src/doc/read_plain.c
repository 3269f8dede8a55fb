/*
 * read_plain.c: one article per file, in the layout of BBC Arabic pages
 * copied as text (the seed, raqqa.txt, is the reference).
 *
 * The document text is the file itself (minus a byte-order mark), so every
 * offset is a file offset. The layout is recovered line by line, because a
 * page copied as text keeps one paragraph per line and marks its furniture
 * with fixed Arabic phrases:
 *
 *   - The first non-empty line is the title (title zone and doc->title);
 *     doc->body_offset is where the first non-empty line after it begins.
 *   - "<caption text> مصدر الصورة <credit>" is an image caption: the text
 *     before the marker (possibly empty) is a caption zone, the short rest
 *     of the line is the photo credit, and the marker is boilerplate. The
 *     newer page layout adds "تعليق على الصورة <caption text>", on the same
 *     line after the credit or on the next line; that marker is boilerplate
 *     too. A line whose would-be credit is long is ordinary text.
 *   - A short line (at most 5 words, no sentence-final punctuation) standing
 *     between blank lines, with more article after it, is a heading: it goes
 *     to doc->headings and not into the analysed zones, since a heading like
 *     "دروع بشرية" is a label, not a sentence.
 *   - "المزيد حول هذه القصة" and the other end-of-article trailers (related
 *     stories, most read) end the body: the trailer and everything after it
 *     is boilerplate. Share-widget lines ("شارك هذه الصفحة") and separator
 *     rules ("-----", "_____") are boilerplate wherever they stand.
 *   - Every other non-empty line is one body zone.
 *
 * Invalid UTF-8 is left in the text for the text layer (which reads it as
 * U+FFFD and counts it); the reader only refuses input that looks binary.
 */
#include <string.h>

#include "doc/reader.h"

#define M_CREDIT "\xD9\x85\xD8\xB5\xD8\xAF\xD8\xB1 \xD8\xA7\xD9\x84\xD8\xB5\xD9\x88\xD8\xB1\xD8\xA9" /* مصدر الصورة */
#define M_CAPTION "\xD8\xAA\xD8\xB9\xD9\x84\xD9\x8A\xD9\x82 \xD8\xB9\xD9\x84\xD9\x89 \xD8\xA7\xD9\x84\xD8\xB5\xD9\x88\xD8\xB1\xD8\xA9" /* تعليق على الصورة */

/* Lines that end the article: everything from them on is page furniture. */
static const char *const trailers[] = {
    "المزيد حول هذه القصة", "قصص ذات صلة", "مواضيع ذات صلة",
    "موضوعات ذات صلة", "الأكثر قراءة", "الأكثر مشاهدة",
};
/* Lines that are furniture wherever they stand. */
static const char *const furniture[] = {
    "شارك هذه الصفحة", "شارك هذه القصة", "شارك هذا الموضوع",
    "شارك هذا المقال",
};

#define CREDIT_MAX_BYTES 80
#define CREDIT_MAX_WORDS 6
#define HEADING_MAX_WORDS 5

/* ------------------------------------------------------------ line tests */

static int line_is_one_of(const char *x, const hd_rd_row *l,
                          const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == l->b - l->a &&
            memcmp(x + l->a, list[i], l->b - l->a) == 0)
            return 1;
    return 0;
}

static int is_trailer(const char *x, const hd_rd_row *l)
{
    return line_is_one_of(x, l, trailers, sizeof trailers / sizeof *trailers);
}

/* A separator drawn with characters: "-----", "_____", "=====", "* * *". */
static int is_rule(const char *x, const hd_rd_row *l)
{
    size_t marks = 0;
    for (size_t i = l->a; i < l->b; i++) {
        if (strchr("-_=*~.", x[i]) && x[i])
            marks++;
        else if (x[i] != ' ' && x[i] != '\t')
            return 0;
    }
    return marks >= 3;
}

static long find_in(const char *x, size_t a, size_t b, const char *m,
                    int last)
{
    size_t k = strlen(m);
    long found = -1;
    for (size_t i = a; i + k <= b; i++)
        if (x[i] == m[0] && memcmp(x + i, m, k) == 0) {
            found = (long)i;
            if (!last)
                break;
        }
    return found;
}

static size_t word_count(const char *x, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++)
        if (!hd_doc_is_space((unsigned char)x[i]) &&
            (i == a || hd_doc_is_space((unsigned char)x[i - 1])))
            n++;
    return n;
}

static int ends_with(const char *x, size_t a, size_t b, const char *t)
{
    size_t k = strlen(t);
    return b - a >= k && memcmp(x + b - k, t, k) == 0;
}

/* Does the text end like a sentence (after any closing quotes)? */
static int ends_sentence(const char *x, size_t a, size_t b)
{
    static const char *const closers[] = {"\"", "'", ")", "]", "»", "”", "’"};
    static const char *const finals[] = {".", "!", "?", ":", ";", ",",
                                         "؟", "،", "؛", "…"};
    for (size_t i = 0; i < sizeof closers / sizeof *closers; i++)
        if (ends_with(x, a, b, closers[i])) {
            b -= strlen(closers[i]);
            i = (size_t)-1; /* strip nested closers too */
        }
    for (size_t i = 0; i < sizeof finals / sizeof *finals; i++)
        if (ends_with(x, a, b, finals[i]))
            return 1;
    return 0;
}

/* Separators between a marker and what follows: blanks , ، : - */
static size_t skip_seps(const char *x, size_t i, size_t b)
{
    for (size_t w;;) {
        if ((w = hd_doc_blank_at(x + i, b - i)) != 0)
            i += w;
        else if (i < b && (x[i] == ',' || x[i] == ':' || x[i] == '-'))
            i++;
        else if (b - i >= 2 && memcmp(x + i, "،", 2) == 0)
            i += 2;
        else
            return i;
    }
}

static size_t trim_seps_end(const char *x, size_t a, size_t b)
{
    for (size_t w;;) {
        if ((w = hd_doc_blank_before(x + a, b - a)) != 0)
            b -= w;
        else if (b > a && (x[b - 1] == ',' || x[b - 1] == ':' || x[b - 1] == '-'))
            b--;
        else if (b - a >= 2 && memcmp(x + b - 2, "،", 2) == 0)
            b -= 2;
        else
            return b;
    }
}

/* ------------------------------------------------------------ collecting */

static void push_span(hd_span **v, size_t *n, size_t *cap, size_t a, size_t b)
{
    HD_VEC_RESERVE(*v, *cap, *n + 1);
    (*v)[(*n)++] = (hd_span){(uint32_t)a, (uint32_t)b};
}

static void push_caption(hd_reader *r, hd_span text, hd_span credit)
{
    HD_VEC_RESERVE(r->caps, r->cap_caps, r->n_caps + 1);
    r->caps[r->n_caps++] = (hd_caption){text, credit};
}

static void split_lines(hd_reader *r, const char *x, size_t n)
{
    r->n_lines = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(x + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - x) : n;
        uint32_t a = (uint32_t)i, b = (uint32_t)e;
        hd_doc_trim(x, &a, &b);
        HD_VEC_RESERVE(r->lines, r->cap_lines, r->n_lines + 1);
        r->lines[r->n_lines++] = (hd_rd_row){(uint32_t)i, (uint32_t)e, a, b};
        i = e + 1;
    }
}

/* "... مصدر الصورة credit [تعليق على الصورة text]" or a line opening with
 * "تعليق على الصورة". Returns 1 when the line is a caption. *open is the
 * caption that still waits for its text, or SIZE_MAX. */
static int caption_line(hd_reader *r, hd_doc *doc, const hd_rd_row *l,
                        size_t *open)
{
    const char *x = doc->text;
    size_t lc = strlen(M_CREDIT), lt = strlen(M_CAPTION);
    long m = find_in(x, l->a, l->b, M_CREDIT, 1);
    size_t ta = l->a, tb = l->b;
    hd_span credit = {0, 0};
    if (m >= 0) {
        size_t ca = skip_seps(x, (size_t)m + lc, l->b), cb = l->b;
        long c = find_in(x, ca, l->b, M_CAPTION, 0);
        if (c >= 0)
            cb = (size_t)c;
        cb = trim_seps_end(x, ca, cb);
        if (cb == ca || cb - ca > CREDIT_MAX_BYTES ||
            word_count(x, ca, cb) > CREDIT_MAX_WORDS)
            return 0;
        credit = (hd_span){(uint32_t)ca, (uint32_t)cb};
        push_span(&r->boil, &r->n_boil, &r->cap_boil, (size_t)m, (size_t)m + lc);
        tb = (size_t)m;
        if (c >= 0) { /* the text follows the credit */
            push_span(&r->boil, &r->n_boil, &r->cap_boil, (size_t)c,
                      (size_t)c + lt);
            ta = (size_t)c + lt;
            tb = l->b;
        }
    }
    if (tb - ta >= lt && memcmp(x + ta, M_CAPTION, lt) == 0) {
        push_span(&r->boil, &r->n_boil, &r->cap_boil, ta, ta + lt);
        ta += lt;
    } else if (m < 0) {
        return 0;
    }
    ta = skip_seps(x, ta, tb);
    tb = trim_seps_end(x, ta, tb);
    hd_span text = {(uint32_t)ta, (uint32_t)tb};
    if (m < 0 && *open != SIZE_MAX)
        r->caps[*open].text = text; /* the credit came on the line before */
    else
        push_caption(r, text, credit);
    *open = m >= 0 && ta == tb ? r->n_caps - 1 : SIZE_MAX;
    hd_doc_add_zone(doc, (uint32_t)ta, (uint32_t)tb, HD_SEC_CAPTION);
    return 1;
}

static int heading_line(hd_reader *r, const char *x, size_t i, size_t last)
{
    const hd_rd_row *l = &r->lines[i];
    if (i == 0 || i + 1 >= r->n_lines || i >= last)
        return 0;
    if (r->lines[i - 1].a != r->lines[i - 1].b ||
        r->lines[i + 1].a != r->lines[i + 1].b)
        return 0;
    if (word_count(x, l->a, l->b) > HEADING_MAX_WORDS ||
        ends_sentence(x, l->a, l->b))
        return 0;
    size_t j = i + 1;
    while (j <= last && r->lines[j].a == r->lines[j].b)
        j++;
    return j <= last && !is_trailer(x, &r->lines[j]);
}

static void *arena_copy(hd_doc *doc, const void *v, size_t n, size_t size)
{
    if (!n)
        return NULL;
    void *p = hd_arena_alloc(doc->arena, n * size);
    memcpy(p, v, n * size);
    return p;
}

static void layout(hd_reader *r, hd_doc *doc)
{
    const char *x = doc->text;
    r->n_caps = r->n_heads = r->n_boil = 0;
    split_lines(r, x, doc->len);
    size_t t = 0, last = 0, open = SIZE_MAX;
    while (t < r->n_lines && r->lines[t].a == r->lines[t].b)
        t++;
    if (t == r->n_lines)
        return;
    for (size_t i = t; i < r->n_lines; i++)
        if (r->lines[i].a != r->lines[i].b)
            last = i;
    doc->title = (hd_span){r->lines[t].a, r->lines[t].b};
    hd_doc_add_zone(doc, doc->title.start, doc->title.end, HD_SEC_TITLE);
    size_t first = t + 1;
    while (first < r->n_lines && r->lines[first].a == r->lines[first].b)
        first++;
    doc->body_offset = first < r->n_lines ? r->lines[first].start : doc->len;
    for (size_t i = t + 1; i < r->n_lines; i++) {
        const hd_rd_row *l = &r->lines[i];
        if (l->a == l->b)
            continue;
        if (is_trailer(x, l)) {
            push_span(&r->boil, &r->n_boil, &r->cap_boil, l->a, r->lines[last].b);
            break;
        }
        if (line_is_one_of(x, l, furniture, sizeof furniture / sizeof *furniture) ||
            is_rule(x, l)) {
            push_span(&r->boil, &r->n_boil, &r->cap_boil, l->a, l->b);
            continue;
        }
        if (caption_line(r, doc, l, &open))
            continue;
        open = SIZE_MAX;
        if (heading_line(r, x, i, last))
            push_span(&r->heads, &r->n_heads, &r->cap_heads, l->a, l->b);
        else
            hd_doc_add_zone(doc, l->a, l->b, HD_SEC_BODY);
    }
    doc->captions = arena_copy(doc, r->caps, r->n_caps, sizeof *r->caps);
    doc->n_captions = r->n_caps;
    doc->headings = arena_copy(doc, r->heads, r->n_heads, sizeof *r->heads);
    doc->n_headings = r->n_heads;
    doc->boilerplate = arena_copy(doc, r->boil, r->n_boil, sizeof *r->boil);
    doc->n_boilerplate = r->n_boil;
}

int hd_read_plain(hd_reader *r, hd_doc *doc, hd_error *err)
{
    const char *s;
    size_t n;
    hd_rd_all(r, &s, &n);
    if (r->failed)
        return 0; /* hd_reader_next reports the read error */
    r->done = 1;  /* one document per file */
    doc->id = hd_rd_dup(doc, r->plain_id, strlen(r->plain_id));
    if (hd_doc_take_text(doc, s, n, err) != 0)
        return hd_rd_bad(r, err, "%s", err->msg);
    layout(r, doc);
    return 1;
}
