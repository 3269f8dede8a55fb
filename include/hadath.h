/*
 * hadath.h: the whole public surface of libhadath.
 *
 * hadath reads Arabic news and writes political event data. The library is a
 * pipeline of plain C values, each stage a room of its own under src/:
 *
 *   bytes -> doc (readers: plain, JSONL, SGML, PETRARCH XML, TSV)
 *         -> text (UTF-8, normalization, tokens, clitics, sentences, quotes)
 *         -> lex / code / out (later issues)
 *
 * Shapes that everything else relies on:
 *   - Every token, sentence and span carries BYTE offsets into doc->text, the
 *     document text. For a plain file that is the file itself; for records
 *     with separate fields (JSONL, SGML, XML) it is the title, a blank line
 *     ("\n\n"), then the body text, and doc->body_offset says where the body
 *     begins, so a caller can map offsets back onto its own text field.
 *   - Every token has two strings: its surface (a slice of doc->text) and its
 *     normalized match key; the clitic-stripped stem is a slice of the key.
 *   - Everything a document allocates lives in the document's arena and in
 *     vectors that are reused from one document to the next: reset the doc,
 *     read the next one, and the steady state allocates nothing.
 *   - Errors are values: functions return a status and fill an hd_error; the
 *     library never prints and never exits (allocation failure aborts).
 *
 * Names are prefixed by room: hd_text_*, hd_doc_*, hd_reader_*, ...
 */
#ifndef HADATH_H
#define HADATH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HD_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

/* One error: where (file, line, byte) and what. Fields that do not apply are
 * "" / 0 / -1. hd_error_format() renders "file:line: byte N: msg". */
typedef struct hd_error {
    char file[256];
    long line;       /* 1-based line or record number; 0 when unknown */
    long long byte;  /* 0-based byte offset; -1 when unknown */
    char msg[384];
} hd_error;

void hd_error_clear(hd_error *e);
void hd_error_set(hd_error *e, const char *file, long line, long long byte,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* Writes the rendered error into buf (always NUL-terminated); returns buf. */
const char *hd_error_format(const hd_error *e, char *buf, size_t cap);

/* ----------------------------------------------------------------- arena */

/* A bump allocator: many small allocations, freed all at once. Reset keeps
 * the first block so a reused arena stops calling malloc. */
typedef struct hd_arena hd_arena;

hd_arena *hd_arena_new(size_t block_size);
void *hd_arena_alloc(hd_arena *a, size_t n);              /* 8-byte aligned */
char *hd_arena_strndup(hd_arena *a, const char *s, size_t n); /* NUL-ended */
void hd_arena_reset(hd_arena *a);
void hd_arena_free(hd_arena *a);
size_t hd_arena_used(const hd_arena *a);

/* ------------------------------------------------------------- text layer */

/* Normalization steps; each can be switched off. HD_NORM_DEFAULT is all of
 * them and is what match keys use. See src/text/normalize.c for the order. */
enum hd_norm_flag {
    HD_NORM_NFKC = 1u << 0,       /* fold presentation forms (utf8proc NFKC) */
    HD_NORM_DIACRITICS = 1u << 1, /* harakat, shadda, sukun, tanwin,
                                     superscript alef, tatweel */
    HD_NORM_ALEF = 1u << 2,       /* أ إ آ ٱ -> ا */
    HD_NORM_YEH = 1u << 3,        /* ى -> ي */
    HD_NORM_TEH_MARBUTA = 1u << 4,/* ة -> ه */
    HD_NORM_DIGITS = 1u << 5,     /* ٠-٩ and ۰-۹ -> 0-9 */
    HD_NORM_PUNCT = 1u << 6,      /* ، ؛ ؟ -> , ; ? */
    HD_NORM_LATIN_CASE = 1u << 7, /* ASCII A-Z -> a-z */
    HD_NORM_VARIANTS = 1u << 8,   /* loanword spellings: ديموقراطي ->
                                     ديمقراطي, اميركي -> امريكي */
    HD_NORM_DEFAULT = 0x1ffu
};

/* Normalizes n bytes of UTF-8 into out (capacity cap). Returns the length the
 * full key needs (which may exceed cap: then out holds a truncated prefix and
 * the caller retries with a larger buffer). Invalid UTF-8 becomes U+FFFD.
 * out is NUL-terminated when cap > 0. */
size_t hd_text_normalize(const char *s, size_t n, unsigned flags, char *out,
                         size_t cap);

/* Clitics stripped from a key, as bit sets (prefixes) and an id (suffix). */
enum hd_prefix {
    HD_PFX_WA = 1u << 0,  /* و */
    HD_PFX_FA = 1u << 1,  /* ف */
    HD_PFX_BI = 1u << 2,  /* ب */
    HD_PFX_LI = 1u << 3,  /* ل (and the ل of لل) */
    HD_PFX_KA = 1u << 4,  /* ك */
    HD_PFX_AL = 1u << 5   /* the article ال */
};
enum hd_suffix {
    HD_SFX_NONE = 0, HD_SFX_HU, HD_SFX_HA, HD_SFX_HUM, HD_SFX_HUMA,
    HD_SFX_HUNNA, HD_SFX_KUM, HD_SFX_NA
};

/* What the surface word knew that its normalized key has forgotten. The key
 * folds ة into ه, أ إ آ into ا and drops tanwin, yet a final ة is never the
 * pronoun ه, an ال whose alef carries a hamza is never the article (ألمانيا),
 * and the alef of tanwin (ـاً) is never the end of ها/نا/هما. */
enum hd_clitic_hint {
    HD_HINT_FINAL_TEH_MARBUTA = 1u << 0, /* the word ended in ة */
    HD_HINT_FINAL_TANWIN = 1u << 1,      /* the word ended in اً or ًا */
    HD_HINT_HAMZA_ALEF0 = 1u << 2        /* bit i+2: letter i (0..3) was أ إ آ */
};
#define HD_HINT_HAMZA_ALEF(i) (HD_HINT_HAMZA_ALEF0 << (i))

/* The hints of a surface word (UTF-8, any diacritics). */
unsigned hd_text_clitic_hints(const char *surface, size_t n);

/* The stem of a normalized key with its clitics removed, as a slice of the
 * key: key[*off .. *off + *len). hints come from hd_text_clitic_hints() on the
 * surface word (0 if unknown). Conservative: never leaves fewer than two
 * letters, and a list of exceptions (words whose first or last letters only
 * look like clitics) is kept whole. Returns the prefix set; *suffix gets the
 * stripped suffix id. See src/text/clitic.c. */
unsigned hd_text_strip_clitics(const char *key, size_t n, unsigned hints,
                               size_t *off, size_t *len, int *suffix);
/* The suffix's letters ("هم"), "" for HD_SFX_NONE. */
const char *hd_suffix_text(int suffix);

typedef enum hd_token_kind {
    HD_TOK_WORD = 1, /* Arabic (or other non-Latin) letters */
    HD_TOK_NUMBER,   /* 1,000  3.5  ٣٠٠٠  250-300 */
    HD_TOK_PUNCT,    /* . , ; : ! ? ، ؛ ؟ quotes brackets dashes */
    HD_TOK_LATIN,    /* Latin letter runs: Reuters, AFP */
    HD_TOK_URL,
    HD_TOK_EMAIL,
    HD_TOK_SYMBOL    /* anything else: %, $, U+FFFD for invalid bytes */
} hd_token_kind;

/* Tokens longer than this many bytes are cut into pieces of at most this
 * size (a 50 MB run of letters must not become one 50 MB key). */
#define HD_TOKEN_MAX 256

typedef struct hd_token {
    uint32_t start, end;        /* surface: doc->text[start..end) */
    const char *key;            /* normalized match key, NUL-terminated */
    uint32_t key_len;
    uint32_t stem_off, stem_len;/* clitic-stripped stem: key[stem_off..+len) */
    uint8_t kind;               /* hd_token_kind */
    uint8_t prefixes;           /* hd_prefix bits stripped from the stem */
    uint8_t suffix;             /* hd_suffix stripped from the stem */
    uint8_t space_before;       /* whitespace precedes the token */
} hd_token;

typedef enum hd_section {
    HD_SEC_TITLE = 1,
    HD_SEC_BODY,
    HD_SEC_CAPTION
} hd_section;

const char *hd_section_name(int section); /* "title", "body", "caption" */

typedef struct hd_sentence {
    uint32_t start, end;         /* doc->text[start..end), trimmed */
    uint32_t tok_first, tok_count;
    uint32_t paragraph;          /* index of the zone it came from */
    uint8_t section;             /* hd_section */
    /* in_quote: the sentence lies inside a quotation, i.e. it begins inside a
     * quotation opened earlier, or it opens with the quotation mark itself.
     * quote_start is the byte offset of that quotation's opening mark, or -1.
     * A sentence that merely contains a quotation after a reporting verb
     * (وقال "...") is not in_quote; its quotation is in doc->quotes. */
    uint8_t in_quote;
    int64_t quote_start;
} hd_sentence;

/* A quotation: from its opening mark to its closing mark inclusive. A
 * quotation left open runs to the end of its paragraph. */
typedef struct hd_quote {
    uint32_t start, end;
    uint32_t sentence_first, sentence_last;
} hd_quote;

/* ------------------------------------------------------- document model */

typedef struct hd_span {
    uint32_t start, end;
} hd_span;

/* The zones of the document text the analysis runs over, in text order. */
typedef struct hd_zone {
    uint32_t start, end;
    uint8_t section; /* hd_section */
} hd_zone;

/* An image caption: its text (may be empty) and the photo agency credit. */
typedef struct hd_caption {
    hd_span text;
    hd_span credit;
} hd_caption;

typedef struct hd_doc {
    hd_arena *arena;           /* owns every string below */
    /* metadata; NULL when absent */
    const char *id;
    const char *date;          /* YYYY-MM-DD */
    const char *outlet;
    const char *url;
    const char *extra_json;    /* unknown input fields, as a JSON object text
                                  ("{...}"), carried through to the output */
    const char *source;        /* file name the doc came from */
    long source_line;          /* record's line (JSONL/TSV) or 0 */
    /* text */
    const char *text;          /* NUL-terminated, len bytes */
    uint32_t len;
    hd_span title;             /* empty span when there is no title */
    uint32_t body_offset;      /* where the body field begins in text */
    hd_zone *zones; size_t n_zones;
    hd_caption *captions; size_t n_captions;
    hd_span *headings; size_t n_headings;
    hd_span *boilerplate; size_t n_boilerplate; /* kept out of the body */
    /* analysis (hd_text_analyze) */
    hd_token *tokens; size_t n_tokens;
    hd_sentence *sentences; size_t n_sentences;
    hd_quote *quotes; size_t n_quotes;
    size_t n_invalid_utf8;     /* invalid sequences decoded as U+FFFD */
    size_t n_nul;              /* NUL bytes in the text */
    /* coding (hd_code) */
    struct hd_event *events; size_t n_events;
    struct hd_actor *actors; size_t n_actors; /* every coded actor mention */
    /* what the coder found besides events (issue 4): each list in text
     * order, allocated in the arena by its stage */
    struct hd_place *places; size_t n_places;
    struct hd_date_mention *dates; size_t n_dates;
    struct hd_attribution *attributions; size_t n_attributions;
    struct hd_quantity *quantities; size_t n_quantities;
    /* private: reusable vectors; do not touch */
    size_t cap_tokens, cap_sentences, cap_quotes, cap_zones, cap_events;
    size_t cap_actors;
    /* private: per-token lookups memoized by the matchers (src/lex ...),
     * in the arena; hd_text_analyze clears them with the tokens */
    void *match_cache[4];
    /* private: memos of word lookups kept from one document to the next
     * (src/doc/doc.h names the slots), each freed by hd_doc_free with the
     * function beside it */
    void *memo[2];
    void (*memo_free[2])(void *memo);
} hd_doc;

void hd_doc_init(hd_doc *doc);
void hd_doc_reset(hd_doc *doc);  /* forget the document, keep the memory */
void hd_doc_free(hd_doc *doc);

/* Sets the document text to a copy of (text, n), with no structure: one body
 * zone per paragraph. Readers build richer structure themselves. */
int hd_doc_set_text(hd_doc *doc, const char *text, size_t n, hd_error *err);

/* Options of the text analysis. */
typedef struct hd_text_opts {
    unsigned norm_flags;  /* hd_norm_flag bits for keys; HD_NORM_DEFAULT */
    int strip_clitics;    /* compute stems; default 1 */
} hd_text_opts;

void hd_text_opts_default(hd_text_opts *o);

/* Tokenizes every zone of doc, computes keys and stems, splits sentences and
 * tracks quotations (opts NULL: the defaults). Zones must be in text order,
 * not overlapping, inside the text. Returns 0, or -1 with err set. */
int hd_text_analyze(hd_doc *doc, const hd_text_opts *opts, hd_error *err);

/* ------------------------------------------------------------ the coder */

/* The compiled dictionaries (actors, agents, verbs and patterns, CAMEO to
 * PLOVER, later places and model weights). Read-only once open: one lexicon
 * serves any number of documents and threads. */
typedef struct hd_lexicon hd_lexicon;

/* Opens the dictionaries under data_dir (the repository's or the installed
 * data/). Lines that cannot be loaded are counted, not fatal. */
hd_lexicon *hd_lexicon_open(const char *data_dir, hd_error *err);
void hd_lexicon_close(hd_lexicon *lex);

/* An actor as coded: the text it was found in and its CAMEO-style code split
 * into country (ISO-3, or IGO/IMG for international groups) and sector. */
typedef struct hd_actor {
    hd_span span;            /* in doc->text; start == end when none */
    const char *code;        /* "SYRREB", "IMGMUSISI"; NULL when unknown */
    char country[4];         /* "SYR", "IGO", "IMG"; "" when none */
    char sector[4];          /* "REB", "MIL", "GOV", "CVL", "COP"; "" */
    const char *entry_file;  /* dictionary line that gave the code */
    uint32_t entry_line;
    const char *entity;      /* one name per actor, whatever the spelling:
                                the dictionary entry's primary phrase
                                (داعش, تنظيم الدولة -> its entry), carried
                                to later mentions (التنظيم); NULL when only
                                an agent (a role word) names it */
} hd_actor;

/* A place mention resolved against the gazetteer (GeoNames). */
enum hd_resolution { HD_RES_NONE = 0, HD_RES_CITY, HD_RES_ADMIN1,
                     HD_RES_COUNTRY };

typedef struct hd_place {
    hd_span span;            /* the words in the text */
    uint32_t sentence;
    const char *name;        /* the gazetteer's name: "Ar Raqqah" */
    uint32_t geonameid;      /* 0 when unresolved */
    char country_code[3];    /* ISO 3166-1 alpha-2, as GeoNames: "SY" */
    double lat, lon;
    int resolution;          /* enum hd_resolution */
} hd_place;

/* A date expression resolved against the article date. */
enum hd_date_precision { HD_DATE_DAY = 1, HD_DATE_MONTH, HD_DATE_YEAR };

typedef struct hd_date_mention {
    hd_span span;            /* مساء السبت, يوم 27 ديسمبر الماضي */
    uint32_t sentence;
    char date[11];           /* YYYY-MM-DD, YYYY-MM or YYYY per precision */
    int precision;           /* enum hd_date_precision */
    int since;               /* منذ ...: the start of a period up to now */
} hd_date_mention;

/* Who says so: a reporting verb or framing with its speaker. Spans are
 * empty (start == end) when a part is absent. */
typedef struct hd_attribution {
    hd_span speaker;         /* طلال سلو */
    hd_span role;            /* المتحدث باسم قوات سوريا الديموقراطية */
    hd_span organisation;    /* قوات سوريا الديموقراطية */
    hd_span outlet;          /* وكالة الأنباء الفرنسية */
    hd_span cue;             /* the reporting verb or framing: قال، بحسب */
    uint32_t sentence;       /* where the cue is */
    int32_t quote;           /* index into doc->quotes, or -1 */
    hd_span scope;           /* the reported words outside the quotation:
                                the clause after the cue (قال إن ...), the
                                sentence of a framing (بحسب)... */
} hd_attribution;

/* A counted quantity: أكثر من ثلاثة آلاف مدني. */
typedef struct hd_quantity {
    hd_span span;            /* number words and the counted noun */
    uint32_t sentence;
    double value, min, max;  /* max is INFINITY for an open bound */
    int qualifier;           /* exact, about, more_than, ... (number.h) */
    hd_span of;              /* the counted noun: مدني */
    const char *category;    /* civilians, fighters, dead, injured,
                                arrested, protesters, people; or NULL */
    const char *date;        /* YYYY-MM-DD of its clause or the article */
    int32_t attribution;     /* index into doc->attributions, or -1 */
    int32_t event;           /* index into doc->events, or -1 */
} hd_quantity;

/* PLOVER quad classes. */
enum hd_quad {
    HD_QUAD_NONE = 0, HD_QUAD_VERBAL_COOP, HD_QUAD_MATERIAL_COOP,
    HD_QUAD_VERBAL_CONFLICT, HD_QUAD_MATERIAL_CONFLICT
};

/* One coded event. Strings point into the lexicon or the doc's arena. */
typedef struct hd_event {
    uint32_t sentence;       /* index into doc->sentences */
    uint32_t ordinal;        /* n-th event of its sentence: id = doc/sent/ord */
    uint8_t section;         /* hd_section of the sentence */
    char cameo[8];           /* "190", "0874" */
    const char *event_type;  /* PLOVER: "ASSAULT", "PROTEST", ... */
    const char *mode;        /* PLOVER mode or NULL */
    const char *context;     /* PLOVER contexts, comma-separated, or NULL */
    int quad;                /* enum hd_quad */
    uint8_t negated;         /* لم، لن، نفى: reported as not happening */
    uint8_t hypothetical;    /* future, conditional or intended */
    hd_actor source, target;
    hd_span trigger;         /* the verb or event noun */
    const char *pattern;     /* the dictionary pattern that fired */
    const char *pattern_file;
    uint32_t pattern_line;
    const char *date;        /* YYYY-MM-DD */
    hd_span date_text;       /* the words that gave the date, if any */
    double score;            /* detector confidence in [0,1]; 1 for rules */
    /* issue 4: where, how many, who says so */
    int32_t place;           /* index into doc->places, or -1 */
    int32_t attribution;     /* index into doc->attributions, or -1 */
    double dead, injured, arrested, size; /* PLOVER counts; -1 unknown */
} hd_event;

/* Codes every sentence of an analysed document (hd_text_analyze first) into
 * doc->events, and fills every list of what the coder found: doc->actors,
 * places, dates, attributions and quantities, each complete. Same as
 * hd_code_ex(lex, doc, HD_CODE_ALL, err). Returns 0, or -1 with err set. */
int hd_code(const hd_lexicon *lex, hd_doc *doc, hd_error *err);

/* What a caller of hd_code_ex reads besides doc->events. */
enum hd_code_need {
    /* Every list complete, as hd_code: for anything that shows or stores
     * the document's places, dates, attributions or quantities themselves
     * (hadath analyze, the store). */
    HD_CODE_ALL = 0,
    /* Only the events. doc->events and every field of each event come out
     * exactly as under HD_CODE_ALL, and so does everything an event points
     * to: its place, its attribution, the quantities whose `event` is it
     * (and their dates and attributions). The lists doc->places, dates,
     * attributions and quantities then hold only what the events need
     * (none at all for a document without events), so their lengths and
     * the indices into them (event->place, event->attribution) differ from
     * HD_CODE_ALL's; read them only through the events. doc->actors, too,
     * may lack the mentions of sentences without a candidate trigger. For
     * `hadath code`, `hadath eval` and the bench: the stages skip the
     * documents and sentences no event reads. */
    HD_CODE_EVENTS_ONLY = 1
};

/* hd_code with a choice of what to fill: need is an enum hd_code_need (any
 * other value reads as HD_CODE_ALL). */
int hd_code_ex(const hd_lexicon *lex, hd_doc *doc, int need, hd_error *err);

/* ---------------------------------------------------------------- readers */

typedef enum hd_format {
    HD_FMT_AUTO = 0,
    HD_FMT_PLAIN,        /* one article per file, BBC Arabic layout aware */
    HD_FMT_JSONL,        /* one JSON article per line */
    HD_FMT_SGML,         /* TREC <DOC> and Gigaword <DOC id= type=> */
    HD_FMT_PETRARCH_XML, /* <Sentences><Sentence date= id=><Text> */
    HD_FMT_TSV           /* the detection TSV: id, event_type, label, ... text */
} hd_format;

/* "plain", "jsonl", ...; HD_FMT_AUTO for "auto"; -1 for an unknown name. */
int hd_format_from_name(const char *name);
const char *hd_format_name(int fmt);

/* A reader streams documents out of one input (a file, or "-" for stdin;
 * .gz files are decompressed). It never holds more than one record. */
typedef struct hd_reader hd_reader;

hd_reader *hd_reader_open(const char *path, hd_format fmt, hd_error *err);
/* Reads the next document into doc (which it resets first).
 * Returns 1 for a document, 0 at the end, -1 for a bad record: err says where
 * and why, and the next call goes on after it. A fatal read error also
 * returns -1 and then 0. */
int hd_reader_next(hd_reader *r, hd_doc *doc, hd_error *err);
hd_format hd_reader_format(const hd_reader *r); /* detected format */
void hd_reader_close(hd_reader *r);

#ifdef __cplusplus
}
#endif
#endif /* HADATH_H */
