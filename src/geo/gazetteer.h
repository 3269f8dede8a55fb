/*
 * gazetteer.h: the loaded gazetteer and its name index (internal to src/geo;
 * the public face is geo.h).
 *
 * Names are stored as normalized keys (hd_text_normalize, HD_NORM_DEFAULT),
 * words separated by one space, with head words such as محافظة and مدينة
 * taken off the front. The index is keyed on a name's first word without
 * its article (الرقة -> رقه, flagged "had the article"), so that the
 * proclitics of a text token can be peeled off the token's key by pointer
 * arithmetic alone: بالرقة, وللرقة and الرقة all reach the bucket رقه.
 */
#ifndef HD_GEO_GAZETTEER_H
#define HD_GEO_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "geo/geo.h"

/* One gazetteer row. */
typedef struct hd_gaz_place {
    uint32_t geonameid;
    uint32_t population;
    double lat, lon;
    uint32_t name_off;       /* ASCII name: its pool offset (no pointer, so
                                a compiled lexicon maps the rows as they
                                are: g->pool + name_off) */
    char cc[3];              /* ISO 3166-1 alpha-2 */
    char iso3[4];            /* countries only */
    char admin1[8];
    uint8_t resolution;      /* enum hd_resolution */
    uint8_t capital;         /* PPLC: a country's capital */
} hd_gaz_place;

/* What a name is, beyond a place name. */
enum hd_gaz_flag {
    HD_GAZ_ADJ = 1u << 0,     /* a country adjective: context, not a place */
    HD_GAZ_PHRASE = 1u << 1,  /* a name holding a place word (an actor):
                                 context, not a place */
    HD_GAZ_STOP = 1u << 2,    /* a common word, never a place */
    HD_GAZ_WEAK = 1u << 3     /* a common word too: a place only after a
                                 place cue (مدينة, في, شمال, ...) */
};

/* A distinct name and the rows it may stand for. */
typedef struct hd_gaz_name {
    uint32_t key;            /* pool offset of the normalized name */
    uint16_t key_len;
    uint16_t first_len;      /* bytes of the first word, article included */
    uint8_t n_words;
    uint8_t article;         /* the first word begins with the article */
    uint8_t flags;           /* hd_gaz_flag */
    uint8_t pad_;
    uint32_t cand;           /* index into hd_gazetteer.cands */
    uint32_t n_cand;         /* rows (indices into places), best first */
} hd_gaz_name;

struct hd_gazetteer {
    hd_gaz_place *places;
    size_t n_places;
    hd_gaz_name *names;      /* grouped by first word sans article, longest
                                names first within a group */
    size_t n_names;
    uint32_t *cands;
    size_t n_cands;
    uint32_t *slots;         /* open addressing: group start + 1, 0 = empty */
    size_t n_slots;          /* a power of two */
    char *pool;
    size_t pool_len;
    int32_t country_of[26 * 26]; /* country row of an ISO2 code, or -1 */
    size_t counts[4];        /* rows by resolution */
    int mapped;              /* arrays in a compiled lexicon (lexfile.c) */
};

/* A name found at tokens [tok_first, tok_last] of a document. */
typedef struct hd_gaz_match {
    const hd_gaz_name *name;
    uint32_t tok_first, tok_last;
    uint8_t skip;            /* letters of the first token before the name
                                (و، ب: وبالرقة -> الرقة); 0 for لل */
} hd_gaz_match;

/* The longest name starting at token i, matching no token at or after end
 * (the sentence's end). Returns 1 and fills m, or 0. Never allocates. */
int hd_gaz_match_at(const hd_gazetteer *g, const hd_doc *doc, size_t i,
                    size_t end, hd_gaz_match *m);

/* The longest country adjective starting at token i (السعودية read as
 * "Saudi", not as the country). */
int hd_gaz_adjective_at(const hd_gazetteer *g, const hd_doc *doc, size_t i,
                        size_t end, hd_gaz_match *m);

/* Can a name (or an adjective) begin with token t? 0 means hd_gaz_match_at
 * and hd_gaz_adjective_at find nothing there. */
int hd_gaz_word_may_match(const hd_gazetteer *g, const hd_token *t);

/* Row index of a country by its ISO2 or ISO3 code, or -1. */
int32_t hd_gaz_country(const hd_gazetteer *g, const char *code);

#endif
