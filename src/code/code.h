/*
 * code.h: the inside of the coder room (src/code/), shared by its files.
 *
 * The coder turns an analysed document into events, one sentence at a time,
 * in steps, one file each:
 *
 *   cues.c      hadath's trigger and cue list, data/dict/hadath.triggers.ar.txt
 *               loaded into a hash of forms, and matched against a sentence
 *   mentions.c  actors and agents found in a sentence (through src/lex), with
 *               the cue list's person words as a fallback
 *   anaphora.c  bare head nouns (التنظيم، المدينة) that point back to an actor
 *   compose.c   an actor and its agents made into one code, and a code split
 *               into country and sector
 *   trigger.c   the candidate events of a sentence: trigger words and verbs
 *               of the PETRARCH verb dictionary
 *   modality.c  negation and hypothetical marking
 *   roles.c     source and target from Arabic clause structure
 *   evidence.c  the score that says whether a trigger reports an event
 *   coder.c     hd_code: the loop that ties them together
 *   lexicon.c   hd_lexicon_open/close: src/lex's dictionaries plus the cue list
 *
 * Memory: everything a sentence needs is carved from the document's arena
 * (hits, mentions, candidates); nothing is malloc'd per token, and the lexicon
 * is read-only once open, so any number of threads may code with it.
 */
#ifndef HD_CODE_CODE_H
#define HD_CODE_CODE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hadath.h"
#include "code/attribution.h"
#include "geo/geo.h"
#include "lex/lex.h"
#include "text/words.h"

/* ------------------------------------------------------------ cue list */

/* What a trigger says about where its actors are (see the data file). */
enum hd_syntax {
    HD_SYN_NOUN = 0,   /* construct says nothing */
    HD_SYN_NOUN_SRC,   /* construct actor = source */
    HD_SYN_NOUN_TGT,   /* construct actor = target */
    HD_SYN_VERB,       /* transitive: subject source, object target */
    HD_SYN_VERB_INTR,  /* subject source, target only by preposition */
    HD_SYN_VERB_PASS,  /* subject target */
    HD_SYN_VERB_UNACC  /* subject is the weapon: no source */
};

/* Cue classes with a meaning of their own; evidence groups come after. */
enum hd_cue_class {
    HD_CUE_TRIGGER = 0, /* not a cue: a trigger entry */
    HD_CUE_NEG,
    HD_CUE_HYPO,
    HD_CUE_HYPO_IMPERF,
    HD_CUE_LIGHT,
    HD_CUE_UNDERGO,
    HD_CUE_SRC_PREP,
    HD_CUE_TGT_PREP,
    HD_CUE_AGENT,       /* agent-XXX: sector in hd_cue_entry.sector */
    HD_CUE_GOV_PROTEST,
    HD_CUE_LINK,        /* joins an agent to the actor after it */
    HD_CUE_PREP,        /* another preposition: what follows is no subject */
    HD_CUE_NUMWORD,     /* a number word (ثلاثة، عشرات): counts like digits */
    HD_CUE_VICTIM,      /* the actor after it is a victim: مقتل X، إصابة X */
    HD_CUE_COMP,        /* a complementizer: a clause, subject first, follows */
    HD_CUE_NOT_ACTOR,   /* a word that is never an actor here (المدينة) */
    HD_CUE_DOER,        /* a trigger that names its own doer (المتظاهرون):
                           a candidate event, and still an actor */
    HD_CUE_EVIDENCE     /* groups: hd_cue_entry.group */
};

enum hd_cue_scope {
    HD_SCOPE_SENT = 0, HD_SCOPE_NEAR, HD_SCOPE_BEFORE, HD_SCOPE_AFTER,
    HD_SCOPE_PREV, HD_SCOPE_NEXT, HD_SCOPE_SELF
};

/* Form flags. */
enum {
    HD_FORM_VERB = 1u << 0,    /* a conjugated verb form */
    HD_FORM_IMPERF = 1u << 1,  /* an imperfect form (يهاجم) */
    HD_FORM_FUTURE = 1u << 2   /* with the future prefix سـ */
};

#define HD_CUE_MAX_TYPES 4
#define HD_CUE_MAX_GROUPS 48

/* The numeric params of the file (param NAME VALUE, or param TYPE:NAME
 * VALUE for one PLOVER type). */
enum hd_param {
    HD_P_THRESHOLD = 0, HD_P_ACTOR_SOURCE, HD_P_ACTOR_TARGET, HD_P_NUMBER,
    HD_P_QUESTION, HD_P_TITLE, HD_P_VERB_FORM, HD_P_LEXICON_VERB,
    HD_P_DEFINITE_NOUN, HD_P_LIGHT_VERB, HD_P_UNDERGO, HD_P_CASUALTY_COUNT,
    HD_P_PEOPLE, HD_P_ARMED, HD_P_ARMED_TARGET, HD_P_NAMED_PLACE,
    HD_P_COUNT
};

/* Params a type sets for itself only (param TYPE:NAME): they live among the
 * per-type overrides and are 0 for every other type, so adding one leaves
 * hd_cues, and with it the layout of compiled lexicons, as it is. */
enum { HD_P_CHRONICLE = HD_P_COUNT, HD_P_ALL };

#define HD_MAX_OVERRIDES 64

typedef struct hd_param_override {
    uint32_t type;            /* pool offset of the PLOVER type */
    uint8_t param;            /* hd_param */
    double value;
} hd_param_override;

/* One line of the file. Strings are offsets into hd_cues.pool. */
typedef struct hd_cue_entry {
    uint8_t cls;              /* hd_cue_class */
    uint8_t syntax;           /* triggers: hd_syntax */
    uint8_t scope;            /* cues: hd_cue_scope */
    uint8_t group;            /* evidence: group index */
    uint8_t n_types;          /* 0: every type */
    uint32_t types[HD_CUE_MAX_TYPES]; /* PLOVER type names */
    char cameo[8];            /* triggers */
    char sector[4];           /* agent-XXX; a trigger's by=XXX */
    double weight;
    uint32_t line;
    uint32_t text;            /* the line as written, for pattern output */
} hd_cue_entry;

/* One matchable form: n_words normalized words, NUL-separated in the pool. */
typedef struct hd_cue_form {
    uint32_t words;
    uint16_t n_words;
    uint16_t flags;           /* HD_FORM_* */
    uint32_t entry;           /* index into entries */
} hd_cue_form;

/* The hash maps a first word to a chain of links, one per form. */
typedef struct hd_cue_link {
    uint32_t word;            /* pool offset of the hashed word */
    uint32_t len;             /* its length */
    uint32_t form;
    uint32_t next;            /* next link with the same word, or UINT32_MAX */
} hd_cue_link;

typedef struct hd_cues {
    char *pool;
    size_t pool_len, pool_cap;
    hd_cue_entry *entries;
    size_t n_entries, cap_entries;
    hd_cue_form *forms;
    size_t n_forms, cap_forms;
    hd_cue_link *links;
    size_t n_links, cap_links;
    uint32_t *slots;          /* open addressing: chain head link + 1 */
    size_t n_slots;           /* a power of two */
    uint32_t groups[HD_CUE_MAX_GROUPS]; /* evidence group names */
    size_t n_groups;
    /* params: a value for every type, and per-type overrides */
    double params[HD_P_COUNT];
    hd_param_override overrides[HD_MAX_OVERRIDES];
    size_t n_overrides;
    int near_window, before_window, after_window, light_window, event_gap;
    char path[512];
    size_t n_lines, n_skipped; /* lines read; lines that could not be read */
    char first_error[256];    /* the first of them, "line N: why" */
    int mapped;               /* arrays in a compiled lexicon (lexfile.c) */
} hd_cues;

/* Loads path into c (zeroed or freed before). Returns 0, or -1 with err set
 * when the file cannot be read. A line that cannot be parsed is counted in
 * n_skipped (the first one recorded), never fatal. */
int hd_cues_load(hd_cues *c, const char *path, hd_error *err);
void hd_cues_free(hd_cues *c);

/* The value of param p for PLOVER type (NULL: the general value). */
double hd_cues_param(const hd_cues *c, int p, const char *type);

static inline const char *hd_cues_str(const hd_cues *c, uint32_t off)
{
    return c->pool + off;
}

/* True when entry e applies to PLOVER type t ("*" entries apply to all). */
int hd_cue_applies(const hd_cues *c, const hd_cue_entry *e, const char *type);

/* One match of a form in a sentence. */
typedef struct hd_cue_hit {
    uint32_t tok;             /* first token (doc index) */
    uint16_t len;             /* tokens covered */
    uint16_t flags;           /* the form's HD_FORM_* */
    const hd_cue_entry *e;
} hd_cue_hit;

/* Every form matching in tokens [first, end): an arena array in *out.
 * Returns the number of hits, in token order. */
size_t hd_cues_match(const hd_cues *c, hd_doc *doc, size_t first, size_t end,
                     hd_cue_hit **out);

/* The first of hits[0..n) at or after token t. hd_cues_match returns its
 * hits in token order, so the hits at t are hits[hd_hits_at(..., t)] on
 * while their tok is t: a binary search instead of a scan of the
 * sentence's hits for each token asked about. */
static inline size_t hd_hits_at(const hd_cue_hit *hits, size_t n, size_t t)
{
    if (!n || hits[0].tok >= t)
        return 0; /* a caller walking the sentence passes its place */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (hits[mid].tok < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The chains (slot values, 0: none) hd_cues_match follows for token t:
 * its key, its stem, its key less a glued و/ف. The word memo keeps them. */
void hd_cues_word(const hd_cues *c, const hd_token *t, uint32_t head[3]);

/* Is token tk the normalized word w (wn bytes): its key, its stem, or its
 * stem after the article when w is written with it? The test of the cue
 * list's words. */
static inline int hd_word_is(const hd_token *tk, const char *w, size_t wn)
{
    const char *stem = tk->key + tk->stem_off;
    if (tk->key_len == wn && hd_same_bytes(tk->key, w, wn))
        return 1;
    if (tk->stem_len == wn && hd_same_bytes(stem, w, wn))
        return 1;
    return wn > 8 && tk->stem_len == wn - 4 &&
           memcmp(w, "\xd8\xa7\xd9\x84", 4) == 0 && /* ال */
           hd_same_bytes(stem, w + 4, wn - 4);
}

/* True when token t's key or stem is exactly the given normalized word.
 * Inline, so that a literal word is measured by the compiler. */
static inline __attribute__((always_inline)) int
hd_tok_is(const hd_doc *doc, size_t t, const char *word)
{
    return t < doc->n_tokens && hd_word_is(&doc->tokens[t], word, strlen(word));
}

/* ------------------------------------------------------------- lexicon */

/* The event stage of hd_code (coder.c): triggers, roles, codes. */
int hd_code_events(const hd_lexicon *lx, hd_doc *doc, hd_error *err);

/* Looks every token of doc up in the word memo kept in the doc (words.c),
 * asking the lexicon's tables about words not seen before, and leaves
 * the answers for the matchers (text/words.h). hd_code_events_ex calls it;
 * the later stages of hd_code read what it left. Returns 0. */
int hd_words_prepare(const hd_lexicon *lx, hd_doc *doc);

/* The frozen word and key memo level threads share (see words.c): made
 * by the threads of one run, each calling sync between two documents on
 * the doc that holds its memos, with no lock; freed once they are done. */
typedef struct hd_memo_share hd_memo_share;
hd_memo_share *hd_memo_share_new(void);
void hd_memo_share_free(hd_memo_share *s);
void hd_memo_share_sync(hd_memo_share *s, hd_doc *doc);
/* The words of the newest level; 0 for none (or no share). */
size_t hd_memo_share_words(hd_memo_share *s);

/* May a walk of kind `start` (HD_LEX_START_*) of lexicon lx find a phrase
 * from token t? 0 only when the word memo says none can: hd_lex_match_*
 * would return 0, and the call is saved. */
static inline int hd_walk_may_start(const hd_lexicon *lx, const hd_doc *doc,
                                    size_t t, unsigned start)
{
    const hd_word_view *v = hd_word_view_of(doc);
    if (!v || !v->lex || v->lexicon != (const void *)lx)
        return 1;
    return v->lex[t].lone || (v->lex[t].starts & start);
}

struct hd_lexicon {
    hd_lex *lex;              /* src/lex: PETRARCH dictionaries, PLOVER */
    hd_cues cues;             /* hadath.triggers.ar.txt */
    hd_phrases reporting;     /* hadath.reporting.ar.txt: who says so */
    hd_phrases counted;       /* hadath.counted.ar.txt: what numbers count */
    hd_gazetteer *gaz;        /* geo/: GeoNames places, countries, nisbas */
    void *map;                /* the compiled lexicon the parts point into
                                 (lexfile.c), or NULL: loaded from text */
    size_t map_len;
    struct hd_model *model;   /* model/hadath.detector.txt; NULL: rules only */
    int detector;             /* enum hd_detector (src/model/model.h) */
    char model_note[256];     /* why there is no model, when there is none */
    char data_dir[512];
    uint64_t instance;        /* tells this open lexicon from any other, for
                                 memos kept across documents (words.c); 0:
                                 unknown, memo nothing across documents */
};

/* Sets how the coder decides (HD_DETECT_*): call before coding. Returns the
 * detector in force: "model" and "both" fall back to rules without a model. */
int hd_lexicon_set_detector(hd_lexicon *lx, int detector);
int hd_lexicon_detector(const hd_lexicon *lx); /* the one in force */

/* What the coder decided for one candidate trigger. */
typedef struct hd_decision {
    size_t sentence;
    const struct hd_candidate *c;
    double rule, rule_threshold; /* evidence score and the type's threshold */
    double p;                 /* model probability of the sentence; -1: none */
    double z;                 /* both: the combined logit */
    int detector;             /* HD_DETECT_* that decided */
    int accepted;
    const struct hd_evidence *why; /* the terms of rule (hooks only) */
} hd_decision;

/* Optional hooks into the event stage, for training and error listings. */
typedef struct hd_code_hooks {
    /* every candidate's decision (accepted or not) */
    void (*decision)(void *ud, const hd_doc *doc, const hd_decision *d);
    /* per sentence and trained type with a candidate: the model's feature
     * indices (hash bits HD_MODEL_HASH_BITS) and the best rule margin */
    void (*features)(void *ud, const hd_doc *doc, size_t sentence,
                     const char *type, const uint32_t *idx, size_t n,
                     double rule_margin);
    void *ud;
} hd_code_hooks;

/* hd_code_events with hooks (NULL: none). */
int hd_code_events_ex(const hd_lexicon *lx, hd_doc *doc,
                      const hd_code_hooks *hooks, hd_error *err);
/* hd_code_events_ex for a caller that needs (enum hd_code_need) all of
 * doc->actors or only the events. The candidate triggers of a sentence
 * read nothing of its mentions, so they are found first; under
 * HD_CODE_EVENTS_ONLY a sentence without any gets its mentions only when
 * a later sentence with candidates has an anaphor, which may walk back to
 * them through doc->actors (hd_anaphora_may_look_back), and otherwise
 * none: nothing else reads them. */
int hd_code_events_need(const hd_lexicon *lx, hd_doc *doc,
                        const hd_code_hooks *hooks, int need, hd_error *err);

/* ------------------------------------------------------------ mentions */

/* Where a mention's code came from. */
enum { HD_MEN_ACTOR = 1u << 0, HD_MEN_AGENT = 1u << 1, HD_MEN_CUE = 1u << 2 };

/* An actor mention: tokens [first, end) of the sentence, one composed code. */
typedef struct hd_mention {
    uint32_t first, end;
    uint8_t kinds;            /* HD_MEN_* that contributed */
    const char *code;         /* composed code (arena or lexicon) */
    const char *file;         /* dictionary line that gave the code */
    uint32_t line;
    const char *entity;       /* the named actor's dictionary entry (its
                                 primary phrase, as written), or NULL */
} hd_mention;

/* Finds the mentions of tokens [first, end) into an arena array. */
size_t hd_mentions_find(const hd_lexicon *lx, hd_doc *doc, size_t first,
                        size_t end, const hd_cue_hit *hits, size_t n_hits,
                        hd_mention **out);

/* Adds mentions for the bare head nouns of [first, end) that point back
 * to an earlier actor (التنظيم، المدينة; anaphora.c), keeping *m in token
 * order (a new arena array when any is added). Returns how many. */
size_t hd_anaphora_add(hd_doc *doc, size_t first, size_t end,
                       hd_mention **m, size_t n);
/* May hd_anaphora_add on [first, end) read doc->actors (the actors of the
 * earlier sentences)? 0 only when no token there is an anaphor. */
int hd_anaphora_may_look_back(const hd_doc *doc, size_t first, size_t end);

/* ------------------------------------------------------------- compose */

/* Composes an actor code with an agent code ("EGY" + "COP" = "EGYCOP").
 * An actor that already has its own role keeps it; code_first puts the
 * agent before the actor ([NGO~]). Either may be NULL. Result in the arena
 * (or one of the inputs). */
const char *hd_compose(hd_arena *a, const char *actor, const char *agent,
                       int code_first);

/* A dictionary code that starts with a role and no country ([CVL]) gets
 * "---" in front, like a lone agent; other codes are returned as they are. */
const char *hd_code_normalize(hd_arena *a, const char *code);

/* Splits a code into its country (first three letters, or "" for "---")
 * and its sector (the first later three-letter part that is a CAMEO role,
 * see compose.c). */
void hd_code_split(const char *code, char country[4], char sector[4]);

/* True for a three-letter CAMEO role (sector) code. */
int hd_is_sector(const char *s);

/* True for a code that is a role and no country ([OPP], [CVL], ---CVL):
 * an actor entry like that is an agent in all but name. */
int hd_is_role_code(const char *code);

/* ------------------------------------------------------------ triggers */

typedef struct hd_candidate {
    uint32_t tok, len;        /* the trigger's tokens */
    uint16_t form_flags;      /* HD_FORM_* of the trigger form */
    uint8_t syntax;           /* hd_syntax */
    uint8_t from_lexicon;     /* found by the PETRARCH verb dictionary */
    uint8_t doer;             /* from a doer line (المتظاهرون) */
    char cameo[8];
    const char *type;         /* PLOVER type, from the lexicon */
    const char *mode, *context;
    int quad;
    double prior;
    const char *pattern, *pattern_file;
    uint32_t pattern_line;
    long lex_source_tok, lex_source_len, lex_target_tok, lex_target_len;
    char implicit[8];         /* by=XXX: "---XXX", the source when none is
                                 named (protesters, suicide bombers) */
} hd_candidate;

size_t hd_triggers_find(const hd_lexicon *lx, hd_doc *doc,
                        const hd_sentence *s, const hd_cue_hit *hits,
                        size_t n_hits, hd_candidate **out);

/* Fills type, mode, context and quad of a candidate from its CAMEO code.
 * Returns 0, or -1 when PLOVER has no type for it. */
int hd_candidate_set_cameo(const hd_lexicon *lx, hd_candidate *c,
                           const char *cameo);

/* ------------------------------------------------------------ modality */

void hd_modality(const hd_doc *doc, const hd_sentence *s,
                 const hd_cue_hit *hits, size_t n_hits, const hd_candidate *c,
                 const hd_cues *cues, uint8_t *negated, uint8_t *hypothetical);

/* --------------------------------------------------------------- roles */

typedef struct hd_roles {
    int source, target;       /* mention indices, -1 when none */
    const char *implicit_source; /* a code for an unnamed source (---CVL) */
    int passive;              /* the verb was read as passive */
    int light, undergo;       /* a light / undergoing verb governs the noun */
} hd_roles;

void hd_roles_assign(const hd_doc *doc, const hd_sentence *s,
                     const hd_cue_hit *hits, size_t n_hits,
                     const hd_mention *m, size_t n_m, const hd_candidate *c,
                     const hd_cues *cues, hd_roles *out);

/* ------------------------------------------------------------ evidence */

/* Why a candidate scored what it did: every non-zero term of the sum, in
 * order (the prior first), with the cue word that carried an evidence
 * group (tok, len; len 0 for the shape terms). For --errors: a dictionary
 * author sees which line to change. */
enum { HD_EVIDENCE_MAX_TERMS = HD_CUE_MAX_GROUPS + HD_P_COUNT + 2 };
typedef struct hd_evidence_term {
    const char *name;         /* a group of the cue list, or a param name */
    double w;
    uint32_t tok, len;        /* the cue word, for a group */
} hd_evidence_term;
typedef struct hd_evidence {
    hd_evidence_term t[HD_EVIDENCE_MAX_TERMS];
    int n;
} hd_evidence;

/* The score of a candidate; its roles have been assigned. why (may be
 * NULL, as on the hot path) receives the terms. */
double hd_evidence_score(const hd_doc *doc, const hd_sentence *s,
                         const hd_cue_hit *hits, size_t n_hits,
                         const hd_mention *m, size_t n_m,
                         const hd_candidate *c, const hd_roles *r,
                         const hd_cues *cues, hd_evidence *why);

/* The name of a param (HD_P_*): "threshold", "actor_source", ... */
const char *hd_cues_param_name(int p);

/* ------------------------------------------------------------- helpers */

/* Token positions relative to a candidate, inside sentence s. */
static inline int hd_in_scope(const hd_cues *cues, int scope, size_t hit_tok,
                              size_t hit_len, const hd_candidate *c)
{
    size_t t0 = c->tok, t1 = c->tok + c->len; /* trigger [t0, t1) */
    size_t h0 = hit_tok, h1 = hit_tok + hit_len;
    switch (scope) {
    case HD_SCOPE_SENT: return 1;
    case HD_SCOPE_SELF: return h0 == t0;
    case HD_SCOPE_NEXT: return h0 == t1;
    case HD_SCOPE_PREV: return h1 <= t0 && h1 + 2 >= t0;
    case HD_SCOPE_BEFORE:
        return h1 <= t0 && h1 + (size_t)cues->before_window >= t0;
    case HD_SCOPE_AFTER:
        return h0 >= t1 && h0 <= t1 + (size_t)cues->after_window;
    case HD_SCOPE_NEAR:
        return (h1 <= t0 && h1 + (size_t)cues->near_window >= t0) ||
               (h0 >= t1 && h0 <= t1 + (size_t)cues->near_window);
    }
    return 0;
}

#endif
