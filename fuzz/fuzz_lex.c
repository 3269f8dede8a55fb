/*
 * fuzz_lex.c: the dictionary loaders.
 *
 * The first byte picks which loader reads the rest as its file: one of the
 * PETRARCH kinds through hd_lex_load_files (synsets, verbs and patterns,
 * actors, agents, ontology, CAMEO2PLOVER), hadath's trigger and cue file
 * (hd_cues_load), or a phrase list (hd_phrases_load with the tags of the
 * reporting file, and of the counted-nouns file). A loader must take any
 * file: bad lines are reported and skipped, never a crash. What was loaded
 * is then matched against a short analysed news sentence, so the built
 * structures (tries, hash slots, pools) are walked too.
 */
#include "fuzz_util.h"

#include <string.h>

#include "code/attribution.h"
#include "code/code.h"
#include "lex/lex.h"

static const char sentence[] =
    "قالت مصادر إن قوات سوريا الديمقراطية شنت هجوما على تنظيم الدولة "
    "الإسلامية في الرقة وقتل 12 شخصا.";

static const char *const report_tags[] = {
    "VERB", "CIRC", "RELAY", "FRAME", "COMP", "ROLE", "ROLE_ORG", "LINK",
    "TITLE", "OUTLET", "ORG", "SOURCE", "SKIP", "MEDIUM", "STOP",
    "OUTLET_HEAD"};
static const char *const count_tags[] = {
    "civilians", "fighters", "people", "protesters", "dead", "injured",
    "arrested", "unit", "before:dead", "before:injured", "before:arrested",
    "after:dead", "after:injured", "after:arrested", "subset", "clause",
    "notnoun"};

static void walk_lex(const hd_lex *lex, const hd_doc *doc)
{
    for (size_t s = 0; s < doc->n_sentences; s++) {
        const hd_sentence *st = &doc->sentences[s];
        size_t end = (size_t)st->tok_first + st->tok_count;
        for (size_t i = st->tok_first; i < end; i++) {
            hd_lex_actor a;
            hd_lex_agent g;
            hd_lex_verb v;
            size_t k = hd_lex_match_actor(lex, doc, i, end, "2017-10-15", &a);
            FUZZ_CHECK(i + k <= end);
            k = hd_lex_match_agent(lex, doc, i, end, &g);
            FUZZ_CHECK(i + k <= end);
            k = hd_lex_match_verb(lex, doc, i, end, &v);
            FUZZ_CHECK(i + k <= end);
            if (k) {
                hd_lex_pattern_hit hit;
                hd_lex_match_pattern(lex, doc, st, i, k, &v, NULL, &hit);
            }
        }
    }
}

static void walk_phrases(const hd_phrases *p, const hd_doc *doc)
{
    for (size_t i = 0; i < doc->n_tokens; i++) {
        int tag = -1, tanwin = 0;
        size_t k = hd_phrases_match_ex(p, doc, i, doc->n_tokens, -1, &tag,
                                       &tanwin);
        FUZZ_CHECK(i + k <= doc->n_tokens);
    }
}

static void load(int which, const char *path, const hd_doc *doc)
{
    hd_error err;
    hd_error_clear(&err);
    if (which < 6) {
        static const int kinds[6] = {HD_LEXF_SYNSETS, HD_LEXF_VERBS,
                                     HD_LEXF_ACTORS, HD_LEXF_AGENTS,
                                     HD_LEXF_ONTOLOGY, HD_LEXF_PLOVER};
        hd_lex_files files;
        memset(&files, 0, sizeof files);
        hd_lex_files_add(&files, kinds[which], path, 0);
        hd_lex_report rep;
        hd_lex *lex = hd_lex_load_files(&files, &rep, &err);
        if (lex) {
            hd_lex_counts c;
            hd_lex_get_counts(lex, &c);
            walk_lex(lex, doc);
            hd_lex_free(lex);
        }
        hd_lex_report_free(&rep);
    } else if (which == 6) {
        hd_cues cues;
        memset(&cues, 0, sizeof cues);
        if (hd_cues_load(&cues, path, &err) == 0)
            FUZZ_CHECK(cues.n_skipped <= cues.n_lines);
        hd_cues_free(&cues);
    } else {
        hd_phrases p;
        memset(&p, 0, sizeof p);
        int rc = which == 7
            ? hd_phrases_load(&p, path, report_tags,
                              sizeof report_tags / sizeof *report_tags, 0, &err)
            : hd_phrases_load(&p, path, count_tags,
                              sizeof count_tags / sizeof *count_tags, 1, &err);
        if (rc == 0)
            walk_phrases(&p, doc);
        hd_phrases_free(&p);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char path[64];
    int fd = fuzz_memfile(data + 1, size - 1, path, sizeof path);
    if (fd < 0)
        return 0;
    hd_doc doc;
    hd_error err;
    hd_doc_init(&doc);
    if (hd_doc_set_text(&doc, sentence, sizeof sentence - 1, &err) == 0 &&
        hd_text_analyze(&doc, NULL, &err) == 0)
        load(data[0] % 9, path, &doc);
    hd_doc_free(&doc);
    close(fd);
    return 0;
}
