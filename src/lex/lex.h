/*
 * lex.h: the lexicon room: PETRARCH/TABARI dictionaries loaded, compiled for
 * matching, and looked up against analysed documents.
 *
 * What is loaded (hd_lex_load, from a data directory DIR):
 *   DIR/dict/ar/synsets.ar.txt            synonym sets (&NAME / +member_)
 *   DIR/dict/ar/CAMEO.ar.0.5.txt          synsets, verb blocks, patterns
 *   DIR/dict/hadath.actors.ar.txt         hadath's own actors (optional)
 *   DIR/dict/ar/actor_dict_ar_v4.txt      actors: NAME_ [CODE], +alias,
 *                                         TAB [CODE date-restriction]
 *   DIR/dict/hadath.agents.ar.txt         hadath's own agents (optional)
 *   DIR/dict/ar/agents.all.ar_v3.txt      agents: word [~REB] / [NGO~]
 *   DIR/dict/ar/PETR.Internal.Coding.Ontology.txt   CAMEO -> PICO
 *   DIR/plover/CAMEO2PLOVER-2021.txt      CAMEO -> PLOVER type, mode, context
 *
 * Every line the loader cannot take is reported in hd_lex_report (file, line,
 * reason), counted, and skipped; lines taken with a caveat (a date range
 * written backwards, a code marked uncertain with '?') are reported as
 * warnings. Nothing is dropped silently.
 *
 * A phrase belongs to the first file that defines it, and hadath's own
 * files come first so they can correct the upstream ones (lex.c).
 *
 * Matching: every dictionary word goes through the text layer exactly as a
 * document token does (hd_text_normalize with HD_NORM_DEFAULT, then
 * hd_text_strip_clitics), so a phrase and a token meet on the same key. A
 * token matches an entry word by its full key, then its stem, then its stem
 * less an inflection suffix (lemma entries match inflected text: entry
 * اميركي matches text الأميركية). See match.c for the exact rules.
 *
 * Threads: everything is built by the loader; an hd_lex is read-only after
 * that and every lookup below may run concurrently. Lookups never allocate.
 */
#ifndef HD_LEX_LEX_H
#define HD_LEX_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "hadath.h"

typedef struct hd_lex hd_lex;

/* ------------------------------------------------------------ the files */

typedef enum hd_lex_file_kind {
    HD_LEXF_SYNSETS = 1, /* a synonym-set file (synsets.ar.txt) */
    HD_LEXF_VERBS,       /* a verb dictionary: synsets, blocks, patterns */
    HD_LEXF_ACTORS,
    HD_LEXF_AGENTS,
    HD_LEXF_ONTOLOGY,    /* PETR.Internal.Coding.Ontology.txt */
    HD_LEXF_PLOVER       /* CAMEO2PLOVER-2021.txt */
} hd_lex_file_kind;

const char *hd_lex_file_kind_name(int kind); /* "verbs", "actors", ... */

#define HD_LEX_MAX_FILES 16

/* An explicit list of files, loaded in order (synsets before the verb
 * patterns that use them are resolved at the end, so order only decides
 * which of two equal phrases comes first). An optional file that does not
 * exist is reported as info ("not found"); a required one is an error. */
typedef struct hd_lex_files {
    const char *path[HD_LEX_MAX_FILES];
    uint8_t kind[HD_LEX_MAX_FILES];     /* hd_lex_file_kind */
    uint8_t optional[HD_LEX_MAX_FILES];
    size_t n;
} hd_lex_files;

/* Appends a file; returns -1 when the list is full. */
int hd_lex_files_add(hd_lex_files *f, int kind, const char *path,
                     int optional);

/* ----------------------------------------------------------- the report */

typedef enum hd_lex_level {
    HD_LEX_INFO = 1, /* nothing wrong with the data (a file not found) */
    HD_LEX_WARN,     /* the line was taken, with a caveat */
    HD_LEX_SKIP      /* the line was not taken */
} hd_lex_level;

/* Why a line was reported; the CLI groups messages by reason. */
typedef enum hd_lex_reason {
    HD_LEXR_FILE_NOT_FOUND = 0,
    HD_LEXR_BACKWARDS_RANGE,   /* 19840502-18000101: taken swapped */
    HD_LEXR_UNCERTAIN_CODE,    /* [IMG?]: '?' dropped */
    HD_LEXR_NO_CODE,           /* [ 19950518-19970602], [? >2200..] */
    HD_LEXR_BAD_CODE,          /* a code with characters a code can't have */
    HD_LEXR_BAD_DATE,          /* a restriction that is not a date */
    HD_LEXR_ORPHAN_RESTRICTION,/* a date line with no actor before it */
    HD_LEXR_ORPHAN_ALIAS,      /* a +alias / +member with no head */
    HD_LEXR_EMPTY_PHRASE,      /* nothing left to match after normalizing */
    HD_LEXR_NO_BRACKET,        /* an agent line without [code] */
    HD_LEXR_DUPLICATE,         /* same phrase, different code: first kept */
    HD_LEXR_REVERSED_LINE,     /* _word+ written for +word_ (bidi edit) */
    HD_LEXR_PATTERN_SYNTAX,    /* unbalanced ( ) { }, no '*', ... */
    HD_LEXR_PATTERN_OUTSIDE,   /* a pattern before any verb block */
    HD_LEXR_UNDEFINED_SYNSET,  /* &NAME used but never defined */
    HD_LEXR_IGNORED_TOKEN,     /* a pattern token with no meaning here */
    HD_LEXR_UNKNOWN_CAMEO,     /* a pattern code not in the ontology */
    HD_LEXR_BAD_MAPPING,       /* a CAMEO2PLOVER / ontology line */
    HD_LEXR_UNKNOWN_LINE,      /* a line of no known shape */
    HD_LEXR_OVERRIDDEN,        /* the phrase belongs to an earlier file */
    HD_LEXR_COUNT
} hd_lex_reason;

const char *hd_lex_reason_name(int reason); /* short, for grouping */

/* Per file: what was loaded and what was not. Fields that do not apply to
 * the file's kind stay 0. */
typedef struct hd_lex_file_stats {
    char path[512];
    int kind;                 /* hd_lex_file_kind */
    int found;                /* 0: optional file absent */
    size_t lines;             /* lines read */
    size_t entries;           /* actors/agents: entries; verbs: verb words;
                                 ontology/plover: code rows */
    size_t aliases;           /* actors: +alias phrases */
    size_t blocks;            /* verbs: verb blocks */
    size_t patterns;          /* verbs: patterns taken */
    size_t synsets;           /* synset definitions (&NAME) */
    size_t synset_members;    /* synset phrases (+member) */
    size_t date_ranges;       /* actors: date-restricted codes taken */
    size_t backwards_ranges;  /* ... of which written backwards */
    size_t duplicates;        /* a phrase written again in the same file:
                                 merged into its first entry */
    size_t overridden;        /* lines of records whose phrase an earlier
                                 file (hadath's own) already defines */
    size_t warnings;          /* lines taken with a caveat */
    size_t skipped;           /* lines not taken */
} hd_lex_file_stats;

typedef struct hd_lex_msg {
    uint16_t file;            /* index into hd_lex_report.files */
    uint8_t level;            /* hd_lex_level */
    uint8_t reason;           /* hd_lex_reason */
    long line;                /* 1-based; 0 for the whole file */
    char text[200];
} hd_lex_msg;

/* Stored messages are capped; counts are not. */
#define HD_LEX_MAX_MSGS 5000

typedef struct hd_lex_report {
    hd_lex_file_stats files[HD_LEX_MAX_FILES];
    size_t n_files;
    hd_lex_msg *msgs;         /* the first HD_LEX_MAX_MSGS messages */
    size_t n_msgs, cap_msgs;
    size_t n_reported;        /* all messages, stored or not */
    size_t by_reason[HD_LEXR_COUNT];
    size_t by_level[4];       /* indexed by hd_lex_level */
    size_t counts[4][HD_LEXR_COUNT]; /* [level][reason] */
    double load_ms;           /* wall time of the load */
} hd_lex_report;

void hd_lex_report_init(hd_lex_report *rep);
void hd_lex_report_free(hd_lex_report *rep);

/* ------------------------------------------------------------- loading */

/* Loads the standard files under data_dir (see the list at the top).
 * rep may be NULL; otherwise the load initializes it (free it with
 * hd_lex_report_free, also after a failed load). Returns NULL with err set
 * when a required file cannot be read; bad lines are never an error, only
 * reported. Takes some 20-30 ms for the shipped dictionaries. */
hd_lex *hd_lex_load(const char *data_dir, hd_lex_report *rep, hd_error *err);
/* The i-th file hd_lex_load reads, relative to the data directory; NULL
 * past the last (the compiled lexicon records their sizes and times). */
const char *hd_lex_std_file(size_t i);
hd_lex *hd_lex_load_files(const hd_lex_files *files, hd_lex_report *rep,
                          hd_error *err);
void hd_lex_free(hd_lex *lex);

/* Sizes of what was compiled, for stats and tests. */
typedef struct hd_lex_counts {
    size_t actors, actor_phrases, agents, verbs, blocks, patterns, synsets,
        trie_nodes, pool_bytes, plover_codes, ontology_codes;
} hd_lex_counts;
void hd_lex_get_counts(const hd_lex *lex, hd_lex_counts *out);

/* ------------------------------------------------------------ matching */

/* How an actor's code was chosen for the date asked. */
typedef enum hd_lex_date_rule {
    HD_LEX_CODE_PLAIN = 0, /* the entry has no date restrictions */
    HD_LEX_CODE_DATED,     /* a restriction covering the date */
    HD_LEX_CODE_DEFAULT,   /* no restriction applies: the [CODE] default */
    HD_LEX_CODE_NEAREST,   /* nothing applies and no default: the code of
                              the restriction nearest in time (or, without a
                              date, the most recent one); a guess, flagged */
    HD_LEX_CODE_NONE       /* no code at all (null actor) */
} hd_lex_date_rule;

typedef struct hd_lex_actor {
    const char *code;     /* NULL for a null actor (HD_LEX_CODE_NONE) */
    const char *name;     /* the entry's primary phrase, as written */
    const char *phrase;   /* the phrase that matched (primary or alias) */
    const char *file;
    long line;            /* line of the matched phrase */
    int rule;             /* hd_lex_date_rule */
    uint32_t entry;       /* stable id of the entry */
} hd_lex_actor;

typedef struct hd_lex_agent {
    const char *code;     /* "REB", "COP", "GOVPRS" ... without the '~' */
    int code_first;       /* 1 for [NGO~]: the agent code goes before the
                             actor code; 0 for [~REB]: after */
    const char *phrase;
    const char *file;
    long line;
} hd_lex_agent;

typedef struct hd_lex_verb {
    uint32_t node;        /* trie node: all verb words ending here */
    uint32_t entry;       /* the first verb word at that node */
    uint32_t block;       /* its block */
    const char *code;     /* the verb's own code, else its block's; NULL for
                             the null code [---] */
    const char *block_name;
    const char *text;     /* the verb line's word(s), as written */
    const char *file;
    long line;
} hd_lex_verb;

/* Longest match starting at token i, not past tok_end. Return the number of
 * tokens matched, 0 for none (out untouched then). date is "YYYY-MM-DD" (or
 * "YYYYMMDD") or NULL; it picks the date-restricted actor code. */
size_t hd_lex_match_actor(const hd_lex *lex, const hd_doc *doc, size_t i,
                          size_t tok_end, const char *date, hd_lex_actor *out);
size_t hd_lex_match_agent(const hd_lex *lex, const hd_doc *doc, size_t i,
                          size_t tok_end, hd_lex_agent *out);
size_t hd_lex_match_verb(const hd_lex *lex, const hd_doc *doc, size_t i,
                         size_t tok_end, hd_lex_verb *out);

/* A pattern that matched around a verb. Token indices are doc token
 * indices; -1 when the pattern has no such slot or it was left unbound. */
typedef struct hd_lex_pattern_hit {
    const char *code_active;  /* NULL for [---] */
    const char *code_passive; /* the code after ':' in [043:042], else the
                                 active code */
    const char *text;         /* the pattern line as written, comment cut */
    const char *file;
    long line;
    int score;                /* specificity: higher is more specific */
    long source_tok, source_len;   /* the $ slot */
    long target_tok, target_len;   /* the + slot */
    long compound_tok, compound_len; /* the % slot */
    size_t first_tok, last_tok;    /* span the pattern covered */
} hd_lex_pattern_hit;

/* Tries every pattern of every block the verb belongs to against the
 * sentence around the verb (the verb's tokens are verb_tok .. verb_tok +
 * verb_len). The most specific match wins, ties going to the earlier line,
 * PETRARCH style. Returns 1 with out filled, 0 when no pattern matches (the
 * verb's own code stands then). date, as above, is passed to the actor
 * lookups that fill the $ and + slots. */
int hd_lex_match_pattern(const hd_lex *lex, const hd_doc *doc,
                         const hd_sentence *sent, size_t verb_tok,
                         size_t verb_len, const hd_lex_verb *verb,
                         const char *date, hd_lex_pattern_hit *out);

/* ------------------------------------------------ one token, memoized */

/* What the walks need of one token: the vocabulary ids of its candidate
 * forms (nouns first, then verbs; match.c says which forms), whether it is
 * a lone proclitic, and which walks can take a first step on it. All of it
 * depends only on the token's kind, key, stem and clitics, so the coder's
 * word memo (src/code/words.c) computes it once per distinct word and hands
 * the matchers the results for a whole document (hd_lex_use_words); without
 * the memo, the matchers compute it per document themselves. */
#define HD_LEX_WORD_IDS 192       /* ids of one token: nouns, verbs, children */

enum hd_lex_start {
    HD_LEX_START_ACTOR = 1,       /* an actor phrase may begin here */
    HD_LEX_START_AGENT = 2,
    HD_LEX_START_VERB = 4,
    HD_LEX_START_ALL = 0xff       /* not known: try every walk */
};

typedef struct hd_lex_tok {
    uint32_t at;              /* noun ids: ids[at, at + n_noun); the verb
                                 ids follow */
    uint8_t n_noun, n_verb;
    uint8_t lone;             /* hd_prefix bit of a lone proclitic, or 0 */
    uint8_t starts;           /* hd_lex_start bits */
    uint64_t synsets;         /* the synonym sets a member may begin with
                                 this token: bit hd_lex_root_bit of each
                                 set's root (all ones: not known) */
    uint8_t n_kid[3];         /* the actor, agent and verb roots' children
                                 a first step from this token reaches, in
                                 walk order, after the verb ids; 0xff: not
                                 known (walk from the root) */
} hd_lex_tok;
#define HD_LEX_KIDS_UNKNOWN 0xff

/* How many ids hd_lex_word wrote for t: its nouns, verbs and children. */
static inline unsigned hd_lex_tok_ids(const hd_lex_tok *t)
{
    unsigned n = (unsigned)t->n_noun + t->n_verb;
    for (int r = 0; r < 3; r++)
        n += t->n_kid[r] != HD_LEX_KIDS_UNKNOWN ? t->n_kid[r] : 0;
    return n;
}

/* The bit of a trie root in hd_lex_tok.synsets (roots share the 64 bits). */
static inline uint64_t hd_lex_root_bit(uint32_t root)
{
    uint64_t h = (uint64_t)root * 0x9e3779b97f4a7c15ULL;
    return 1ULL << (h >> 58);
}

/* The first words of every synonym set's members, for hd_lex_word: made
 * once by a scan of the trie's edges, kept by the caller. */
typedef struct hd_lex_firsts hd_lex_firsts;
hd_lex_firsts *hd_lex_firsts_new(const hd_lex *lex);
void hd_lex_firsts_free(hd_lex_firsts *f);

/* Token t's ids into ids[0 .. HD_LEX_WORD_IDS) and the rest into *out
 * (out->at = 0); f (from hd_lex_firsts_new, or NULL: not known) gives
 * out->synsets. */
void hd_lex_word(const hd_lex *lex, const hd_lex_firsts *f, const hd_token *t,
                 uint32_t *ids, hd_lex_tok *out);
/* The patterns hd_lex_match_pattern tries for each verb (the verb's
 * blocks, valid patterns its filters allow, with their first-filter bits),
 * made on a verb's first match and kept by the caller, for one lexicon. */
typedef struct hd_lex_plans hd_lex_plans;
hd_lex_plans *hd_lex_plans_new(void);
void hd_lex_plans_free(hd_lex_plans *p);

/* Makes tok[i] (ids in ids[tok[i].at ...]) the lexicon's word ids of doc's
 * token i until the tokens change. tok and ids must stay valid as long;
 * plans (or NULL) is where hd_lex_match_pattern keeps its lists. firsts
 * (or NULL), of the same lexicon, lets a walk skip a node none of whose
 * edges takes any of a token's words. */
void hd_lex_use_words(const hd_lex *lex, hd_doc *doc, const hd_lex_tok *tok,
                      const uint32_t *ids, hd_lex_plans *plans,
                      const hd_lex_firsts *firsts);

/* ------------------------------------------------------ CAMEO to PLOVER */

typedef struct hd_plover {
    const char *type;        /* "ASSAULT"; NULL when dropped */
    const char *mode;        /* "firearms" or "" */
    const char *context;     /* "military,legal" (the file's "military; legal"
                                made comma-separated, as hd_event wants) or "" */
    const char *description; /* the CAMEO description from the file */
    int quad;                /* enum hd_quad (hadath.h) */
    const char *cameo;       /* the row used (may be a shorter code) */
} hd_plover;

/* Returns 1 when found (exact code, else its 3- then 2-digit parent), 0 when
 * PLOVER drops the code (CAMEO 01x, 02x: out->type NULL, quad NONE), -1 for
 * a code the table does not know. */
int hd_lex_cameo_to_plover(const hd_lex *lex, const char *cameo,
                           hd_plover *out);
/* The quad class of a PLOVER type name; HD_QUAD_NONE if unknown. */
int hd_plover_type_quad(const char *type);
const char *hd_plover_quad_name(int quad); /* "verbal cooperation", ... */

/* The PICO value (PETR.Internal.Coding.Ontology) of a CAMEO code: 1 and
 * *value set, or 0 for a code the ontology does not have. The loader uses
 * it to check that pattern and verb codes are CAMEO codes at all. */
int hd_lex_cameo_pico(const hd_lex *lex, const char *cameo, long *value);

#endif
