/*
 * cmd_dict.c: `hadath dict stats`, what the dictionaries gave and what they
 * did not; `dict coverage`, how much of the gold they reach; `dict lookup`
 * (dict_lookup.c), which line reads a phrase.
 *
 * Wiring and printing only: the loader (src/lex/) does the work and fills
 * an hd_lex_report. The output is for a person fixing dictionaries: per
 * file what was loaded, then the problems grouped by reason with counts,
 * and with --verbose every reported line as file:line, so an editor can
 * jump to it. Lines that were skipped do not make the exit code non-zero:
 * a dictionary with defects still loads, and the counts say how many.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/drive.h"
#include "eval/coverage.h"
#include "lex/lex.h"

void hd_cmd_dict_help(FILE *out)
{
    fprintf(out,
        "usage: hadath dict stats [--data DIR] [--verbose]\n"
        "       hadath dict coverage [--data DIR] SPANS.json...\n"
        "       hadath dict lookup [--data DIR] [--date YYYY-MM-DD] TEXT...\n\n"
        "lookup: runs the coder's matching steps over each TEXT (Arabic, one\n"
        "or more sentences) and prints, per sentence, every actor mention\n"
        "with its composed code, dictionary entry and file:line; every\n"
        "trigger with its PLOVER type, CAMEO code and pattern line; and\n"
        "every cue word (negation, evidence, not-actor, ...) with its line.\n"
        "--date picks the date-restricted codes, as an article's date does.\n\n"
        "coverage: the share of gold actor and verb mentions of span JSON\n"
        "files (../shared/eval/spans-*-dev.json) that a dictionary entry\n"
        "matches at all (an actor or agent entry on a token of an actor\n"
        "span; a verb entry on a token of a verb span).\n\n"
        "stats:\n"
        "Loads the dictionaries (DIR/dict/ar/*: verbs, synsets, actors,\n"
        "agents, the PETRARCH ontology; DIR/dict/hadath.*.ar.txt if present;\n"
        "DIR/plover/CAMEO2PLOVER-2021.txt) and prints, per file, what was\n"
        "loaded (entries, aliases, verb blocks, patterns, synsets, date\n"
        "ranges, ranges written backwards) and what was not, with the\n"
        "reasons grouped and counted. A phrase belongs to the first file\n"
        "that defines it; hadath's own files are read before the upstream\n"
        "ones, so an upstream record they replace is listed as overridden.\n\n"
        "  --data DIR    data directory (default: %s)\n"
        "  --verbose     also list every reported line as file:line: reason\n\n"
        "Exit: 0 the dictionaries loaded, even when some lines were skipped\n"
        "or taken with a warning (the report counts them); 2 usage; 3 a\n"
        "required file cannot be read.\n",
        hd_cli_data_dir());
}

/* The path shown: relative to the data directory when under it. */
static const char *short_path(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (strncmp(path, dir, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

static void print_loaded(const hd_lex_file_stats *s)
{
    switch (s->kind) {
    case HD_LEXF_SYNSETS:
        printf("  loaded: %zu synsets, %zu members", s->synsets,
               s->synset_members);
        break;
    case HD_LEXF_VERBS:
        printf("  loaded: %zu verbs in %zu blocks, %zu patterns, %zu synsets "
               "(%zu members)", s->entries, s->blocks, s->patterns,
               s->synsets, s->synset_members);
        break;
    case HD_LEXF_ACTORS:
        printf("  loaded: %zu actors, %zu aliases, %zu date ranges (%zu "
               "written backwards, taken swapped)", s->entries, s->aliases,
               s->date_ranges, s->backwards_ranges);
        break;
    case HD_LEXF_AGENTS:
        printf("  loaded: %zu agents", s->entries);
        break;
    default:
        printf("  loaded: %zu codes", s->entries);
        break;
    }
    if (s->duplicates)
        printf(", %zu phrases written again (merged)", s->duplicates);
    printf("\n");
    if (s->overridden)
        printf("  overridden: %zu lines of records whose phrase an earlier "
               "file defines\n", s->overridden);
}

static void print_files(const hd_lex_report *rep, const char *dir)
{
    for (size_t i = 0; i < rep->n_files; i++) {
        const hd_lex_file_stats *s = &rep->files[i];
        printf("%s (%s): ", short_path(s->path, dir),
               hd_lex_file_kind_name(s->kind));
        if (!s->found) {
            printf("not found (optional)\n");
            continue;
        }
        printf("%zu lines\n", s->lines);
        print_loaded(s);
        printf("  not loaded: %zu lines skipped; %zu lines taken with a "
               "warning\n", s->skipped, s->warnings);
    }
}

static void print_reasons(const hd_lex_report *rep)
{
    static const char *const level_name[] = {"", "info", "warning",
                                             "skipped"};
    printf("\nreported lines by reason:\n");
    int any = 0;
    for (int level = HD_LEX_SKIP; level >= HD_LEX_INFO; level--)
        for (int r = 0; r < HD_LEXR_COUNT; r++)
            if (rep->counts[level][r]) {
                printf("  %-8s %6zu  %s\n", level_name[level],
                       rep->counts[level][r], hd_lex_reason_name(r));
                any = 1;
            }
    if (!any)
        printf("  none\n");
}

static void print_messages(const hd_lex_report *rep, const char *dir)
{
    static const char *const level_name[] = {"", "info", "warning",
                                             "skipped"};
    printf("\n");
    for (size_t i = 0; i < rep->n_msgs; i++) {
        const hd_lex_msg *m = &rep->msgs[i];
        printf("%s:%ld: %s: %s\n", short_path(rep->files[m->file].path, dir),
               m->line, level_name[m->level], m->text);
    }
    if (rep->n_reported > rep->n_msgs)
        printf("(%zu more not listed: the report keeps the first %d)\n",
               rep->n_reported - rep->n_msgs, HD_LEX_MAX_MSGS);
}

static int stats(const char *dir, int verbose)
{
    hd_lex_report rep;
    hd_error err;
    hd_lex *lex = hd_lex_load(dir, &rep, &err);
    if (!lex) {
        hd_cli_report(&err);
        hd_lex_report_free(&rep);
        return HD_EXIT_FAIL;
    }
    hd_lex_counts c;
    hd_lex_get_counts(lex, &c);
    printf("hadath dict stats: %s\n\n", dir);
    print_files(&rep, dir);
    print_reasons(&rep);
    if (verbose)
        print_messages(&rep, dir);
    printf("\ncompiled: %zu actor phrases, %zu agents, %zu verbs, %zu "
           "patterns, %zu synsets, %zu PLOVER rows; %zu trie nodes, %zu KB "
           "of strings\n", c.actor_phrases, c.agents, c.verbs, c.patterns,
           c.synsets, c.plover_codes, c.trie_nodes, c.pool_bytes / 1024);
    printf("total: %zu lines skipped, %zu taken with a warning; loaded in "
           "%.1f ms\n", rep.by_level[HD_LEX_SKIP], rep.by_level[HD_LEX_WARN],
           rep.load_ms);
    hd_lex_free(lex);
    hd_lex_report_free(&rep);
    return HD_EXIT_OK;
}

static int coverage(const char *dir, char **files, int n)
{
    hd_error err;
    hd_error_clear(&err);
    hd_lex *lex = hd_lex_load(dir, NULL, &err);
    if (!lex) {
        hd_cli_report(&err);
        return HD_EXIT_FAIL;
    }
    int rc = HD_EXIT_OK;
    printf("%-28s %9s %8s %8s %9s %8s\n", "file", "sentences", "actors",
           "matched", "by actor", "verbs");
    for (int i = 0; i < n && rc == HD_EXIT_OK; i++) {
        hd_coverage c = {0};
        if (hd_coverage_add_file(lex, files[i], &c, &err) != 0) {
            hd_cli_report(&err);
            rc = HD_EXIT_FAIL;
            break;
        }
        const char *base = strrchr(files[i], '/');
        printf("%-28s %9zu %8zu %7.1f%% %8.1f%% %7.1f%% (%zu of %zu verb "
               "mentions)\n", base ? base + 1 : files[i], c.sentences,
               c.actor_mentions,
               hd_coverage_percent(c.actor_matched, c.actor_mentions),
               hd_coverage_percent(c.actor_by_actor, c.actor_mentions),
               hd_coverage_percent(c.verb_matched, c.verb_mentions),
               c.verb_matched, c.verb_mentions);
    }
    hd_lex_free(lex);
    return rc;
}

/* The files or texts after the action: coverage takes span files, lookup
 * Arabic text. */
static int takes_operands(const char *action)
{
    return action && (strcmp(action, "coverage") == 0 ||
                      strcmp(action, "lookup") == 0);
}

static int lookup(const char *dir, const char *date, char **texts, int n)
{
    if (!n) {
        fprintf(stderr, "hadath dict lookup: no text given\n");
        return HD_EXIT_USAGE;
    }
    if (hd_cli_check_date(date) != 0)
        return HD_EXIT_USAGE;
    return hd_cli_dict_lookup(dir, date, texts, n);
}

int hd_cmd_dict(int argc, char **argv)
{
    const char *dir = NULL, *action = NULL, *date = NULL;
    char *files[64];
    int n_files = 0;
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        if (hd_cli_is_help(argv[i])) {
            hd_cmd_dict_help(stdout);
            return HD_EXIT_OK;
        } else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else if (strcmp(argv[i], "--date") == 0 && i + 1 < argc) {
            date = argv[++i];
        } else if (strcmp(argv[i], "--verbose") == 0 ||
                   strcmp(argv[i], "-v") == 0) {
            verbose = 1;
        } else if (!action && argv[i][0] != '-') {
            action = argv[i];
        } else if (takes_operands(action) && argv[i][0] != '-' &&
                   n_files < 64) {
            files[n_files++] = argv[i];
        } else {
            fprintf(stderr, "hadath dict: unexpected '%s' (see hadath dict "
                    "--help)\n", argv[i]);
            return HD_EXIT_USAGE;
        }
    }
    if (!dir)
        dir = hd_cli_data_dir();
    if (action && strcmp(action, "lookup") == 0)
        return lookup(dir, date, files, n_files);
    if (action && strcmp(action, "coverage") == 0) {
        if (!n_files) {
            fprintf(stderr, "hadath dict coverage: no span JSON files given\n");
            return HD_EXIT_USAGE;
        }
        return coverage(dir, files, n_files);
    }
    if (!action || strcmp(action, "stats") != 0) {
        fprintf(stderr, "hadath dict: %s (see hadath dict --help)\n",
                action ? "unknown action (stats, coverage or lookup)"
                       : "missing action (stats, coverage or lookup)");
        return HD_EXIT_USAGE;
    }
    return stats(dir, verbose);
}
