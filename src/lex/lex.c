/*
 * lex.c: loading a lexicon: which files, in which order, and the report.
 *
 * The command loads the lexicon at every start, so the whole job (some
 * 20,000 lines, three dictionaries, the synsets and two code tables) is one
 * pass over each file with no second parse: phrases go straight into the
 * trie as they are read, and only what needs the whole picture (synset
 * references, pattern verb filters, code checks) waits for the end.
 *
 * A missing required file is the one error; a missing optional file (the
 * hadath supplements, which may not exist yet) is reported as info.
 *
 * Precedence: a phrase belongs to the first file that defines it. hadath's
 * own dictionaries (dict/hadath.*.ar.txt) are read before the upstream
 * ones so that they can correct them: an upstream record whose phrase
 * hadath already has is reported (info) and not used. Within one file a
 * phrase written again adds its date restrictions to the first record.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lex/lex_int.h"

int hd_lex_files_add(hd_lex_files *f, int kind, const char *path,
                     int optional)
{
    if (f->n >= HD_LEX_MAX_FILES)
        return -1;
    f->path[f->n] = path;
    f->kind[f->n] = (uint8_t)kind;
    f->optional[f->n] = (uint8_t)(optional != 0);
    f->n++;
    return 0;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static hd_lex *lex_new(void)
{
    hd_lex *lex = hd_xmalloc(sizeof *lex);
    memset(lex, 0, sizeof *lex);
    lex->root_actor = lex_trie_new_root(&lex->trie);
    lex->root_agent = lex_trie_new_root(&lex->trie);
    lex->root_verb = lex_trie_new_root(&lex->trie);
    lex_pool_add(&lex->pool, "", 0); /* offset 0: the empty string */
    /* Sizes the Arabic dictionaries need, so loading does not regrow. */
    lex->pool.buf = lex_grow(lex->pool.buf, &lex->pool.cap, 1 << 20, 1);
    lex->trie.head = lex_grow(lex->trie.head, &lex->trie.cap_nodes, 1 << 14,
                              sizeof *lex->trie.head);
    lex->trie.terms = lex_grow(lex->trie.terms, &lex->trie.cap_terms, 1 << 14,
                               sizeof *lex->trie.terms);
    return lex;
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(hd_xmalloc(n), s, n);
}

static void load_one(hd_lex *lex, hd_lex_report *rep, int kind,
                     lex_lines *ls)
{
    lex_loader ld;
    memset(&ld, 0, sizeof ld);
    ld.lex = lex;
    ld.rep = rep;
    ld.file = (uint16_t)(lex->n_files - 1);
    ld.st = &rep->files[ld.file];
    ld.path = lex->files[ld.file];
    switch (kind) {
    case HD_LEXF_SYNSETS: lex_load_verbs(&ld, ls, 1); break;
    case HD_LEXF_VERBS: lex_load_verbs(&ld, ls, 0); break;
    case HD_LEXF_ACTORS: lex_load_actors(&ld, ls); break;
    case HD_LEXF_AGENTS: lex_load_agents(&ld, ls); break;
    case HD_LEXF_ONTOLOGY: lex_load_ontology(&ld, ls); break;
    case HD_LEXF_PLOVER: lex_load_plover(&ld, ls); break;
    default: break;
    }
}

/* Opens and loads file i; -1 when a required file cannot be read. */
static int load_file(hd_lex *lex, hd_lex_report *rep, const hd_lex_files *f,
                     size_t i, hd_error *err)
{
    hd_lex_file_stats *st = &rep->files[rep->n_files++];
    snprintf(st->path, sizeof st->path, "%s", f->path[i]);
    st->kind = f->kind[i];
    lex->files[lex->n_files++] = dup_string(f->path[i]);
    lex_lines ls;
    hd_error e;
    hd_error_clear(&e);
    if (lex_lines_open(&ls, f->path[i], &e) < 0) {
        int absent = errno == ENOENT;
        if (!f->optional[i] || !absent) {
            if (err)
                *err = e;
            return -1;
        }
        lex_loader ld = {.lex = lex, .rep = rep, .st = st,
                         .file = (uint16_t)(lex->n_files - 1)};
        lex_note(&ld, 0, HD_LEX_INFO, HD_LEXR_FILE_NOT_FOUND,
                 "optional %s file not found", hd_lex_file_kind_name(st->kind));
        return 0;
    }
    st->found = 1;
    load_one(lex, rep, f->kind[i], &ls);
    lex_lines_close(&ls);
    return 0;
}

hd_lex *hd_lex_load_files(const hd_lex_files *files, hd_lex_report *rep,
                          hd_error *err)
{
    double t0 = now_ms();
    hd_lex_report local;
    if (!rep)
        rep = &local;
    hd_lex_report_init(rep);
    if (err)
        hd_error_clear(err);
    hd_lex *lex = lex_new();
    for (size_t i = 0; i < files->n && i < HD_LEX_MAX_FILES; i++)
        if (load_file(lex, rep, files, i, err) < 0) {
            hd_lex_free(lex);
            if (rep == &local)
                hd_lex_report_free(rep);
            return NULL;
        }
    lex_sort_tables(lex);
    lex_finish_patterns(lex, rep);
    lex_vocab_build(lex);
    rep->load_ms = now_ms() - t0;
    if (rep == &local)
        hd_lex_report_free(rep);
    return lex;
}

static const struct {
    int kind, optional;
    const char *rel;
} std_files[] = {
    {HD_LEXF_SYNSETS, 0, "dict/ar/synsets.ar.txt"},
    {HD_LEXF_VERBS, 0, "dict/ar/CAMEO.ar.0.5.txt"},
    {HD_LEXF_ACTORS, 1, "dict/hadath.actors.ar.txt"},
    {HD_LEXF_ACTORS, 0, "dict/ar/actor_dict_ar_v4.txt"},
    {HD_LEXF_AGENTS, 1, "dict/hadath.agents.ar.txt"},
    {HD_LEXF_AGENTS, 0, "dict/ar/agents.all.ar_v3.txt"},
    {HD_LEXF_ONTOLOGY, 0, "dict/ar/PETR.Internal.Coding.Ontology.txt"},
    {HD_LEXF_PLOVER, 0, "plover/CAMEO2PLOVER-2021.txt"},
};
enum { N_STD = sizeof std_files / sizeof std_files[0] };

const char *hd_lex_std_file(size_t i)
{
    return i < N_STD ? std_files[i].rel : NULL;
}

hd_lex *hd_lex_load(const char *data_dir, hd_lex_report *rep, hd_error *err)
{
    enum { N = N_STD };
    char paths[N][1024];
    hd_lex_files f;
    memset(&f, 0, sizeof f);
    for (size_t i = 0; i < N; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", data_dir,
                 std_files[i].rel);
        hd_lex_files_add(&f, std_files[i].kind, paths[i],
                         std_files[i].optional);
    }
    return hd_lex_load_files(&f, rep, err);
}

void hd_lex_get_counts(const hd_lex *lex, hd_lex_counts *out)
{
    memset(out, 0, sizeof *out);
    out->actors = lex->n_actors;
    out->actor_phrases = lex->n_actor_phrases;
    out->agents = lex->n_agents;
    out->verbs = lex->n_verbs;
    out->blocks = lex->n_blocks;
    for (size_t i = 0; i < lex->n_patterns; i++)
        out->patterns += lex->patterns[i].valid;
    out->synsets = lex->n_synsets;
    out->trie_nodes = lex->trie.n_nodes;
    out->pool_bytes = lex->pool.len;
    out->plover_codes = lex->n_plover;
    out->ontology_codes = lex->n_pico;
}

void hd_lex_free(hd_lex *lex)
{
    if (!lex)
        return;
    if (lex->mapped) {
        free(lex);
        return;
    }
    lex_pool_free(&lex->pool);
    lex_trie_free(&lex->trie);
    free(lex->vocab.slots);
    free(lex->actors);
    free(lex->restrs);
    free(lex->agents);
    free(lex->blocks);
    free(lex->verbs);
    free(lex->patterns);
    free(lex->patsigs);
    free(lex->elems);
    free(lex->filters);
    free(lex->synsets);
    free(lex->plover);
    free(lex->pico);
    for (size_t i = 0; i < lex->n_files; i++)
        free(lex->files[i]);
    free(lex);
}
