/*
 * lex_int.h: the inside of an hd_lex, shared by the files of src/lex/.
 *
 * One string pool holds every string (dictionary text and match keys), each
 * addressed by a 32-bit offset. One trie holds every phrase of every
 * dictionary: the actor, agent and verb dictionaries and each synonym set
 * have a root of their own in it. Its edges live in one open-addressing hash
 * table keyed by (parent node, required prefixes, word bytes), so a lookup
 * hashes the token's bytes in place and never builds a key. Entries are flat
 * arrays indexed by 32-bit ids. Nothing here is touched after loading.
 */
#ifndef HD_LEX_LEX_INT_H
#define HD_LEX_LEX_INT_H

#include <stdarg.h>
#include <stdint.h>

#include "base/arena.h"
#include "lex/lex.h"

#define LEX_NONE UINT32_MAX
#define LEX_MAX_WORDS 24      /* words in one phrase */
#define LEX_PHRASE_BUF 2048   /* bytes of normalized words in one phrase */
#define LEX_SIG_BITS 512      /* word bits of the pattern filter */

/* Prefix clitics an entry word can require of the text token: the ones a
 * dictionary writes as a word of their own (ل ب ك و ف) or glued to a word
 * of a pattern ((لسماح)). The article is never required. */
#define LEX_REQ_MASK (HD_PFX_WA | HD_PFX_FA | HD_PFX_BI | HD_PFX_LI | HD_PFX_KA)

/* ------------------------------------------------------------- pool */

typedef struct lex_pool {
    char *buf;
    size_t len, cap;
    uint32_t *slots;          /* intern table: offset + 1, 0 = empty */
    size_t n_slots, n_interned;
} lex_pool;

uint32_t lex_pool_add(lex_pool *p, const char *s, size_t n);
uint32_t lex_pool_intern(lex_pool *p, const char *s, size_t n);
void lex_pool_free(lex_pool *p);

/* ------------------------------------------------------------- trie */

typedef struct lex_edge {
    uint32_t parent, child;   /* child == LEX_NONE: empty slot */
    uint32_t word;            /* pool offset of the word's bytes */
    uint16_t word_len;
    uint8_t req;              /* hd_prefix bits the token must carry */
    uint8_t pad;
} lex_edge;

/* A phrase ending at a node: which entry, written where. */
typedef struct lex_term {
    uint32_t entry;
    uint32_t next;            /* next term at the same node, or LEX_NONE */
    uint32_t phrase;          /* pool offset of the phrase as written */
    uint32_t line;
    uint16_t file;
} lex_term;

typedef struct lex_trie {
    lex_edge *edges;
    size_t cap_edges, n_edges; /* cap is a power of two */
    uint32_t *head;            /* per node: first lex_term, or LEX_NONE */
    size_t n_nodes, cap_nodes;
    lex_term *terms;
    size_t n_terms, cap_terms;
} lex_trie;

uint32_t lex_trie_new_root(lex_trie *t);
/* The child of parent along the interned word (a pool offset: the word's
 * id) with the required prefixes req, or LEX_NONE. */
uint32_t lex_trie_child(const lex_trie *t, uint32_t parent, unsigned req,
                        uint32_t word);
/* Asks the cache for the edge slot lex_trie_child(t, parent, req, word)
 * reads first: walks look up several edges that do not depend on each
 * other, and the edge table is megabytes. */
void lex_trie_prefetch(const lex_trie *t, uint32_t parent, unsigned req,
                       uint32_t word);
uint32_t lex_trie_add_child(lex_trie *t, lex_pool *p, uint32_t parent,
                            unsigned req, const char *s, size_t n);
void lex_trie_add_term(lex_trie *t, uint32_t node, uint32_t entry,
                       uint32_t phrase, uint16_t file, uint32_t line);
void lex_trie_free(lex_trie *t);

/* The vocabulary: every word an edge or a pattern element requires, found
 * by its bytes. A token's candidate forms are looked up here once per
 * document (match.c); the walk then compares word ids, never bytes. */
typedef struct lex_vocab {
    uint64_t *slots;          /* tag << 32 | (pool offset + 1); 0 = empty */
    size_t n_slots, n;        /* n_slots: a power of two */
} lex_vocab;

uint64_t lex_word_hash(const char *s, size_t n);
/* A bit in 2 .. LEX_SIG_BITS-1 for a word id: pattern.c's first filter. */
static inline unsigned lex_word_bit(uint32_t word)
{
    return 2 + (unsigned)(((word * 0x9e3779b97f4a7c15ULL) >> 32) %
                          (LEX_SIG_BITS - 2));
}
void lex_vocab_build(hd_lex *lex);
/* The word's pool offset (its id), or LEX_NONE when no entry uses it. */
uint32_t lex_vocab_find(const lex_vocab *v, const char *pool, const char *s,
                        size_t n);

/* ---------------------------------------------------------- phrases */

/* A dictionary phrase as match keys: each word normalized and clitic
 * stripped like a document token; a lone clitic word (ل in أمين_عام_ل_أمة)
 * becomes a prefix the next word must carry. */
typedef struct lex_word {
    const char *s;            /* into lex_phrase.buf */
    uint32_t n;
    uint8_t req;
} lex_word;

typedef struct lex_phrase {
    lex_word w[LEX_MAX_WORDS];
    size_t n;
    char buf[LEX_PHRASE_BUF];
    size_t used;
} lex_phrase;

/* Splits text[0..n) at spaces and the characters in seps, and compiles the
 * words. Returns 0, or -1 when nothing is left or the phrase is too long
 * (*why says which). */
int lex_phrase_compile(const char *text, size_t n, const char *seps,
                       lex_phrase *out, const char **why);
/* Adds the phrase under root; returns the last node. */
uint32_t lex_phrase_insert(hd_lex *lex, uint32_t root, const lex_phrase *ph);
/* The phrase's keys joined by single spaces, interned. */
uint32_t lex_phrase_norm(hd_lex *lex, const lex_phrase *ph);
/* The prefix bit when the raw word is a lone clitic (ل ب ك و ف), else 0. */
unsigned lex_lone_clitic(const char *raw, size_t n);
/* Does node already end a phrase of this entry? */
int lex_node_has_entry(const hd_lex *lex, uint32_t node, uint32_t entry);

/* ---------------------------------------------------------- entries */

typedef struct lex_restr {
    uint32_t code;            /* pool offset */
    int32_t lo, hi;           /* YYYYMMDD, inclusive */
    uint32_t next;            /* the entry's next restriction, or LEX_NONE */
} lex_restr;

typedef struct lex_actor {
    uint32_t name;            /* primary phrase as written */
    uint32_t code;            /* default code, or LEX_NONE */
    uint32_t r_first, r_last; /* restrictions, a list in file order: a phrase
                                 written again merges into its first entry */
    uint32_t r_n;
} lex_actor;

typedef struct lex_agent {
    uint32_t code;
    uint8_t code_first;
} lex_agent;

typedef struct lex_block {
    uint32_t name, code;      /* code LEX_NONE for [---] */
    uint32_t p_first, p_n;    /* its patterns */
    uint32_t v_first, v_n;    /* its verbs */
} lex_block;

typedef struct lex_verb {
    uint32_t block;
    uint32_t code;            /* own code, else LEX_NONE: the block's */
    int has_code;             /* an own [code] was written (maybe [---]) */
    uint32_t text;            /* as written */
    uint32_t norm;            /* keys joined, for the pattern filters */
    uint32_t line;
    uint16_t file;
} lex_verb;

/* CLITIC: a proclitic written alone with no word after it in its group,
 * (ل): any token that carries it. The slots come last (pattern.c). */
enum lex_elem_kind { LEX_EL_WORD = 1, LEX_EL_SYNSET, LEX_EL_CLITIC,
                     LEX_EL_SOURCE, LEX_EL_TARGET, LEX_EL_COMPOUND };

typedef struct lex_elem {
    uint8_t kind;
    uint8_t req;              /* for WORD and SYNSET */
    uint16_t group;           /* equal groups must be adjacent in the text */
    uint32_t val;             /* WORD: pool offset; SYNSET: name, then root */
    uint32_t len;             /* WORD: byte length */
} lex_elem;

typedef struct lex_pattern {
    uint32_t block;
    uint32_t code_a, code_p;  /* LEX_NONE for --- */
    uint32_t text;
    uint32_t e_first, n_upper, n_lower; /* upper elements, then lower */
    uint32_t f_first, f_n;    /* verb filter (the trailing # v1,v2 list) */
    uint32_t line;
    uint16_t file;
    uint8_t filter_on;        /* some filter verb is a verb of the block */
    uint8_t valid;
} lex_pattern;

/* A pattern's first filter (pattern.c): the bits (lex_word_bit) of up to
 * four of its literal words. A pattern one of whose words is nowhere near
 * the verb is not tried. Bit 0 is always set (an unused place), bit 1
 * never (an invalid pattern). */
typedef struct lex_patsig {
    uint16_t bit[4];
} lex_patsig;

typedef struct lex_synset {
    uint32_t name;            /* interned "&NAME" without a trailing '_' */
    uint32_t root;
} lex_synset;

typedef struct lex_plover_row {
    char cameo[8];
    uint32_t type, mode, context, desc;
    int quad;
} lex_plover_row;

typedef struct lex_pico_row {
    char cameo[8];
    long value;
} lex_pico_row;

#define LEX_VEC(T, name) T *name; size_t n_##name, cap_##name

struct hd_lex {
    lex_pool pool;
    lex_trie trie;
    lex_vocab vocab;
    uint32_t root_actor, root_agent, root_verb;
    LEX_VEC(lex_actor, actors);
    LEX_VEC(lex_restr, restrs);
    LEX_VEC(lex_agent, agents);
    LEX_VEC(lex_block, blocks);
    LEX_VEC(lex_verb, verbs);
    LEX_VEC(lex_pattern, patterns);
    LEX_VEC(lex_patsig, patsigs); /* one per pattern */
    LEX_VEC(lex_elem, elems);
    LEX_VEC(uint32_t, filters);
    LEX_VEC(lex_synset, synsets);
    LEX_VEC(lex_plover_row, plover);
    LEX_VEC(lex_pico_row, pico);
    size_t n_actor_phrases;
    int tables_sorted;        /* plover and pico sorted by code */
    int mapped;               /* arrays and files point into a compiled
                                 lexicon (code/lexfile.c): not ours to free */
    char *files[HD_LEX_MAX_FILES]; /* paths, for hd_lex_actor.file etc. */
    size_t n_files;
};

/* Grows vec (elements of size elem, capacity *cap) to hold need; the new
 * room is zeroed (record padding reaches the compiled lexicon file). */
void *lex_grow(void *vec, size_t *cap, size_t need, size_t elem);

/* Appends one element to a LEX_VEC of lex; evaluates to its address. */
#define LEX_PUSH(lex, name)                                                  \
    ((lex)->name = lex_grow((lex)->name, &(lex)->cap_##name,                 \
                            (lex)->n_##name + 1, sizeof *(lex)->name),       \
     &(lex)->name[(lex)->n_##name++])

static inline const char *lex_str(const hd_lex *lex, uint32_t off)
{
    return off == LEX_NONE ? NULL : lex->pool.buf + off;
}

/* ----------------------------------------------------------- loading */

/* One file being loaded: where reports go. */
typedef struct lex_loader {
    hd_lex *lex;
    hd_lex_report *rep;
    hd_lex_file_stats *st;
    uint16_t file;            /* index into lex->files and rep->files */
    const char *path;
    /* verbs-file state */
    uint32_t synset;          /* current synset index, LEX_NONE */
    uint32_t block;           /* current verb block, LEX_NONE */
    uint32_t last_filter;     /* the previous pattern's comment (pool), 0 */
    uint32_t last_f_first, last_f_n;
    /* actors-file state */
    uint32_t actor;           /* current actor entry, LEX_NONE */
    int skip_record;          /* the current record is overridden */
    int actor_has_restr;
} lex_loader;

void lex_note(lex_loader *ld, long line, int level, int reason,
              const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Line iteration over a file held in memory. Strips a UTF-8 BOM, CR, and
 * `<!-- -->` comments (also over several lines). */
typedef struct lex_lines {
    char *buf;
    size_t len, pos;
    long lineno;
    int in_xml_comment;
} lex_lines;

int lex_lines_open(lex_lines *ls, const char *path, hd_error *err);
/* Next line (NUL-terminated, modifiable, comments of the XML kind removed);
 * NULL at the end. */
char *lex_lines_next(lex_lines *ls, size_t *n);
void lex_lines_close(lex_lines *ls);

/* Cuts a line at the first '#' (and at ';' when semi is set); returns the
 * comment text after the marker, or NULL. Trims trailing space. */
char *lex_cut_comment(char *line, size_t *n, int semi);
char *lex_trim(char *s, size_t *n);   /* trims both ends in place */

/* Parses a CAMEO event code ("043", "0233", "---") into the pool; returns 0
 * or -1. *code gets LEX_NONE for "---". */
int lex_parse_event_code(hd_lex *lex, const char *s, size_t n,
                         uint32_t *code);

void lex_load_verbs(lex_loader *ld, lex_lines *ls, int synsets_only);
void lex_load_actors(lex_loader *ld, lex_lines *ls);
void lex_load_agents(lex_loader *ld, lex_lines *ls);
void lex_load_plover(lex_loader *ld, lex_lines *ls);
void lex_load_ontology(lex_loader *ld, lex_lines *ls);
/* After every file: resolve synsets in patterns, the verb filters, codes. */
void lex_finish_patterns(hd_lex *lex, hd_lex_report *rep);
/* Does the CAMEO2PLOVER table have a row for exactly this code? */
int lex_plover_has(const hd_lex *lex, const char *code);
/* Sorts the code tables for binary search (after loading). */
void lex_sort_tables(hd_lex *lex);

/* ---------------------------------------------------------- matching */

/* Longest match of the phrases under root starting at token i. Returns the
 * number of tokens and *node the node reached (LEX_NONE for none). verb
 * selects the verb inflection variants instead of the noun ones. */
size_t lex_walk(const hd_lex *lex, uint32_t root, const hd_doc *doc, size_t i,
                size_t end, int verb, uint32_t *node);
/* The word ids of each token's candidate forms (match.c), memoized in the
 * document's arena (doc->match_cache[LEX_CACHE_SLOT]) on first use, or
 * handed over by the coder's word memo (hd_lex_use_words). */
#define LEX_CACHE_SLOT 0
typedef hd_lex_tok lex_tok_ids;

typedef struct lex_cache {
    const hd_lex *lex;
    const hd_token *tokens;
    size_t n;
    const lex_tok_ids *tok;
    const uint32_t *ids;
    hd_lex_plans *plans;      /* the memo's pattern lists, or NULL */
    const uint64_t *kids;     /* hd_lex_firsts' per-node edge words, or NULL */
    size_t n_kids;
} lex_cache;

const lex_cache *lex_cache_get(const hd_lex *lex, const hd_doc *doc);
/* Does token i match the word (an id) that requires prefixes req? */
int lex_token_is(const lex_cache *c, size_t i, uint32_t word, unsigned req);
/* A token that is a proclitic on its own (و لم): its hd_prefix bit, or 0. */
unsigned lex_lone_token(const hd_token *t);

#endif
