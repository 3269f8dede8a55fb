/*
 * eval.h: scoring hadath's coding against the gold sets (`hadath eval`).
 *
 * Three gold formats, one file each, share one shape of result:
 *   detect.c  the detection TSV (id, event_type, label, accept, reject,
 *             total, text): sentence-level precision, recall and F1 per
 *             event type;
 *   gsr.c     PETRARCH GSR XML (<Sentence><EventCoding plover= sourcecode=
 *             targetcode=/><Text>): per gold event, the share coded with the
 *             right type, type+source, type+target and in full; the matching
 *             rules live here and serve spans.c too;
 *   spans.c   the span JSON: the same four measures, where agreeing with ANY
 *             annotator's span item counts;
 *   report.c  the split rule, file kinds, error cases and the text and JSON
 *             reports.
 *
 * The coder is a callback (hd_eval_opts.code): eval sets a document's text
 * and asks the callback to analyse and code it. The command plugs in
 * hd_text_analyze + hd_code; tests plug in hand-made events; a trained
 * detector can plug in later without eval changing.
 *
 * Rules (the command's help repeats them):
 *   - Only asserted events count: an event marked negated or hypothetical is
 *     not a fact and is ignored everywhere.
 *   - Actor codes compare as two three-letter fields, literally: country
 *     (ISO-3, or the group codes the gold uses: IGO, IMG, INT, NGO, KUR, ...)
 *     and sector (CVL, MIL, ...). Gold "None" (any case) or a missing field is
 *     the empty string, and matches only an output actor whose field is
 *     empty. A span role marked "UNKNOWN" matches nothing. Longer gold
 *     codes are cut to their first three letters, as hd_actor's are.
 *   - A gold event is matched at a level when ANY asserted event of its
 *     sentence with the gold type matches at that level; "full" needs one
 *     event whose source and target both match (for spans: both match the
 *     same annotator item).
 */
#ifndef HD_EVAL_EVAL_H
#define HD_EVAL_EVAL_H

#include <stdint.h>

#include "base/buf.h"
#include "eval/clitics.h"
#include "hadath.h"

/* ------------------------------------------------------------ the split */

/* Sentences are split for held-out scoring by a stable hash of their text:
 * FNV-1a 64 over the text's bytes with leading and trailing ASCII
 * whitespace removed; validation when the hash % 5 == 0, else train. */
enum hd_eval_split {
    HD_EVAL_SPLIT_ALL = 0, HD_EVAL_SPLIT_TRAIN, HD_EVAL_SPLIT_VALIDATION
};

uint64_t hd_eval_fnv1a64(const char *s, size_t n);
/* The news corpus (--false-alarms, and the negatives `hadath train` may
 * take from it) is split by article: validation when FNV-1a 64 of the
 * article id is odd, train when even. */
int hd_eval_corpus_split_of(const char *id);
int hd_eval_split_of(const char *text, size_t n); /* TRAIN or VALIDATION */
int hd_eval_in_split(int split, const char *text, size_t n);
const char *hd_eval_split_name(int split);     /* "all", "train", ... */
int hd_eval_split_from_name(const char *name); /* -1 when unknown */

/* ------------------------------------------------------ gold structures */

/* Detection labels. */
enum hd_eval_label {
    HD_LABEL_YES = 1, HD_LABEL_EASY_NO, HD_LABEL_DIFFICULT_NO,
    HD_LABEL_AMBIGUOUS
};

int hd_eval_label_from_name(const char *s, size_t n); /* 0 when unknown */
const char *hd_eval_label_name(int label);

/* One row of the detection TSV; strings point into the caller's line. */
typedef struct hd_eval_tsv_row {
    const char *id;
    const char *event_type;
    const char *text;
    size_t text_len;
    int label;             /* hd_eval_label */
    long accept, reject, total;
} hd_eval_tsv_row;

/* Splits one TSV line (without its newline) in place at its tabs. Returns 1
 * for a row, 0 for the header line, -1 with err set (path:lineno). */
int hd_eval_tsv_parse(char *line, size_t n, const char *path, long lineno,
                      hd_eval_tsv_row *row, hd_error *err);

/* A gold actor: "" for None. unknown: the annotator marked the role
 * "UNKNOWN" (span JSON), so no output actor can agree with it. */
typedef struct hd_eval_actor {
    char country[4];
    char sector[4];
    int unknown;
} hd_eval_actor;

/* One annotation of a gold event's actors. */
typedef struct hd_eval_coding {
    hd_eval_actor source, target;
} hd_eval_coding;

/* Parses "IRQ CVL", "None None", "INT None" into an actor. */
void hd_eval_actor_parse(const char *s, size_t n, hd_eval_actor *a);

/* One gold event. XML: one per <EventCoding>, one coding. Spans: one per
 * record, one coding per annotator span item (possibly none). */
typedef struct hd_eval_gold {
    const char *id;
    const char *date;      /* NULL when absent */
    long line;             /* XML: the line of <Sentence>; JSON: record no. */
    const char *text;      /* spans: the sentence; XML: NULL (the reader's) */
    size_t text_len;
    char type[32];         /* PLOVER type */
    hd_eval_coding *codings;
    size_t n_codings;
    int visited;           /* scored already (XML join) */
} hd_eval_gold;

typedef struct hd_eval_goldset {
    hd_arena *arena;       /* every string and coding */
    hd_eval_gold *items;
    size_t n, cap;
    size_t n_sentences;    /* XML: <Sentence> elements seen */
} hd_eval_goldset;

void hd_eval_goldset_init(hd_eval_goldset *g);
void hd_eval_goldset_free(hd_eval_goldset *g);

/* Scans PETRARCH GSR XML for <Sentence> and <EventCoding> tags with the
 * tolerant markup scanner (src/doc/markup.h); the sentence text is left to
 * the PETRARCH XML reader. Returns 0 or -1 with err set (path:line). */
int hd_eval_gsr_parse(const char *path, const char *buf, size_t n,
                      hd_eval_goldset *g, hd_error *err);
/* Reads and parses a GSR XML file into g (hd_eval_goldset_init first). */
int hd_eval_gsr_load(const char *path, hd_eval_goldset *g, hd_error *err);

/* Reads the span JSON (an array of records with _id, text, event_type and
 * spans). Returns 0 or -1 with err set (path, record number). */
int hd_eval_spans_parse(const char *path, const char *buf, size_t n,
                        hd_eval_goldset *g, hd_error *err);

/* ----------------------------------------------------------- the scores */

/* P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2PR/(P+R); each is 0 when its
 * denominator is 0 (nothing predicted, no gold positives). */
double hd_eval_precision(long tp, long fp);
double hd_eval_recall(long tp, long fn);
double hd_eval_f1(double p, double r);
double hd_eval_percent(long k, long n); /* 100 k / n; 0 when n == 0 */

/* True when an event is a fact: not negated, not hypothetical, and typed. */
int hd_eval_event_asserted(const hd_event *e);

/* An output actor against a gold actor, field by field ("" = None). */
int hd_eval_actor_matches(const hd_actor *out, const hd_eval_actor *gold);

/* The levels a gold event reached. */
enum {
    HD_EVAL_M_TYPE = 1u << 0,
    HD_EVAL_M_SOURCE = 1u << 1, /* type + source */
    HD_EVAL_M_TARGET = 1u << 2, /* type + target */
    HD_EVAL_M_FULL = 1u << 3    /* type + source + target, one event */
};

/* Scores one gold event against the events coded for its sentence. */
unsigned hd_eval_match(const hd_event *events, size_t n,
                       const hd_eval_gold *gold);

/* Detection counts for one event type. */
typedef struct hd_eval_detect_stats {
    char type[32];
    long tp, fp, fn, tn;
    long fp_easy, fp_difficult; /* false positives by gold label */
    long ambiguous;             /* rows excluded as ambiguous */
} hd_eval_detect_stats;

/* Counts of the four GSR levels over n gold events. */
typedef struct hd_eval_gsr_stats {
    long n, type, source, target, full;
} hd_eval_gsr_stats;

void hd_eval_gsr_add(hd_eval_gsr_stats *s, unsigned matched);

/* ----------------------------------------------------------- a run */

/* Analyses and codes doc, whose text (and id) eval has set. Returns 0, or
 * -1 with err set: the sentence is then scored as coding nothing. */
typedef int (*hd_eval_code_fn)(void *ud, hd_doc *doc, hd_error *err);

typedef struct hd_eval_opts {
    hd_eval_code_fn code;
    void *code_ud;
    int split;             /* hd_eval_split */
    int errors;            /* collect a case for every error */
    int json;              /* cases as JSON objects (else text) */
    /* called for a sentence the coder failed on (may be NULL) */
    void (*warn)(void *ud, const hd_error *err);
    void *warn_ud;
    /* --errors: appends, one line each, the decisions behind the coding of
     * the last document for candidates of this type (trigger, pattern,
     * rule score, model probability); may be NULL */
    void (*explain)(void *ud, const hd_doc *doc, long sentence,
                    const char *type, hd_buf *out); /* sentence -1: all */
} hd_eval_opts;

enum hd_eval_kind {
    HD_EVAL_UNKNOWN = 0, HD_EVAL_DETECT, HD_EVAL_GSR, HD_EVAL_SPANS,
    HD_EVAL_CONLLU, HD_EVAL_FALSE_ALARMS
};

/* The kind of a gold file, from its extension, else its first bytes. */
int hd_eval_kind_of(const char *path, const char *head, size_t n);
const char *hd_eval_kind_name(int kind);

/* --false-alarms: the sport, culture, economy and technology articles of
 * the news corpus, where an ASSAULT or PROTEST event is a false alarm. */
#define HD_EVAL_FA_CATEGORIES 4
extern const char *const hd_eval_fa_categories[HD_EVAL_FA_CATEGORIES];

typedef struct hd_eval_fa_stats {
    long articles;         /* coded */
    long events;           /* asserted ASSAULT or PROTEST events */
    long assault, protest;
    long articles_with;    /* articles with at least one */
} hd_eval_fa_stats;

typedef struct hd_eval_result {
    const char *path;
    char name[128];        /* file name without directory and extension */
    int kind, split;
    long records;          /* rows or gold events read */
    long out_of_split;     /* of them, left out by the split */
    long sentences;        /* sentences coded */
    long events;           /* events they yielded (all, before filtering) */
    long coder_failures;   /* sentences the coder failed on */
    hd_eval_detect_stats *types; /* detection: one per event type */
    size_t n_types, cap_types;
    hd_eval_gsr_stats gsr;
    hd_clitic_score clitics; /* CoNLL-U: clitic segmentation */
    hd_eval_fa_stats fa[HD_EVAL_FA_CATEGORIES]; /* --false-alarms */
    long fa_other;         /* articles of other categories, not coded */
    char detector[96];     /* who decided: "rules", "both (model FILE)"; "" */
    hd_buf cases;          /* rendered error cases (--errors) */
    size_t n_cases;
} hd_eval_result;

void hd_eval_result_init(hd_eval_result *r, const char *path, int kind,
                         int split);
void hd_eval_result_free(hd_eval_result *r);
hd_eval_detect_stats *hd_eval_result_type(hd_eval_result *r,
                                          const char *type);

/* Reads a whole file into a malloc'd NUL-terminated buffer. */
int hd_eval_read_file(const char *path, char **buf, size_t *n,
                      hd_error *err);

/* Scores one file of a known kind into r (initialised by the caller).
 * Returns 0, or -1 with err set when the file cannot be read or parsed. */
int hd_eval_detect_file(const hd_eval_opts *o, const char *path,
                        hd_eval_result *r, hd_error *err);
int hd_eval_gsr_file(const hd_eval_opts *o, const char *path,
                     hd_eval_result *r, hd_error *err);
int hd_eval_spans_file(const hd_eval_opts *o, const char *path,
                       hd_eval_result *r, hd_error *err);
/* Codes the articles of the four categories (JSONL, .gz or not; split by
 * article id, see hd_eval_corpus_split_of) and counts their ASSAULT and
 * PROTEST events. Bad records are reported through o->warn and skipped. */
int hd_eval_false_alarms(const hd_eval_opts *o, const char *path,
                         hd_eval_result *r, hd_error *err);
/* The corpus category of a JSONL document (its extra "category" field)
 * copied into buf; "" when it has none. */
const char *hd_eval_doc_category(const hd_doc *doc, char *buf, size_t cap);

/* Runs the coder on doc; counts sentences, events and failures. */
void hd_eval_code_doc(const hd_eval_opts *o, hd_doc *doc, hd_eval_result *r);

/* Matches gold against the coded doc into r->gsr, and files an error case
 * when it is not fully matched. text is the sentence. */
void hd_eval_score_gold(const hd_eval_opts *o, hd_eval_result *r,
                        const hd_eval_gold *gold, const hd_doc *doc,
                        const char *text, size_t text_len);

/* --------------------------------------------------------- the report */

/* An error case, for a dictionary maintainer: the sentence, what hadath
 * coded for it (every event, ignored ones marked) and what the gold says. */
typedef struct hd_eval_case {
    const char *verdict;   /* "FP", "FN", "MISS" */
    const char *id;
    long line;
    const char *text;      /* the sentence */
    size_t text_len;
    const hd_doc *doc;     /* its analysis and events */
    const char *gold_type;
    int label;             /* detection label, or 0 */
    const hd_eval_coding *codings; /* GSR/spans gold actors */
    size_t n_codings;
    unsigned matched;      /* GSR/spans: HD_EVAL_M_* reached */
    const char *category;  /* false alarms: the corpus category */
    long sentence;         /* false alarms: the sentence of the doc, else -1 */
} hd_eval_case;

void hd_eval_add_case(const hd_eval_opts *o, hd_eval_result *r,
                      const hd_eval_case *c);

/* The readable report: errors and a table per file, and last the summary
 * line. */
void hd_eval_render_text(hd_buf *out, const hd_eval_result *rs, size_t n,
                         int split);
/* One JSON object on one line, ending with a newline. */
void hd_eval_render_json(hd_buf *out, const hd_eval_result *rs, size_t n,
                         int split);
/* "summary: split=all | detect-assault-dev ASSAULT F1=0.612 | ..." */
void hd_eval_summary(hd_buf *out, const hd_eval_result *rs, size_t n,
                     int split);

#endif
