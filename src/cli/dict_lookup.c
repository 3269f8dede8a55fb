/*
 * dict_lookup.c: `hadath dict lookup`: which dictionary line reads a phrase,
 * and how.
 *
 * A person fixing a dictionary asks "why is صدر coded IRQOPP?" or "which
 * line makes هجوم a trigger here?". The answer depends on everything the
 * coder does with a sentence: normalisation and clitics, the longest match
 * across actors and agents, the cue list vetoing a word, the article date
 * picking a dated code. So the lookup does not search the files; it runs
 * the coder's own steps (the text layer, then cue matching, mentions and
 * triggers) over the text given and prints, per sentence, every actor
 * mention with its composed code and the line that gave it, every trigger
 * with its pattern line, and every cue word with its line. What it prints
 * is what `hadath code` sees.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "code/code.h"

/* The path shown: relative to the data directory when under it. */
static const char *rel_path(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (path && strncmp(path, dir, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path ? path : "-";
}

static void put_span(const hd_doc *doc, size_t tok, size_t len)
{
    size_t a = doc->tokens[tok].start, b = doc->tokens[tok + len - 1].end;
    printf("\"%.*s\"", (int)(b - a), doc->text + a);
}

static void print_mentions(const hd_lexicon *lx, const hd_doc *doc,
                           const hd_mention *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        printf("  actor    ");
        put_span(doc, m[i].first, m[i].end - m[i].first);
        printf("  %s", m[i].code ? m[i].code : "(no code)");
        if (m[i].entity)
            printf("  entry \"%s\"", m[i].entity);
        if (m[i].file)
            printf("  %s:%u", rel_path(m[i].file, lx->data_dir),
                   (unsigned)m[i].line);
        else if (m[i].kinds & HD_MEN_CUE)
            printf("  (a person word of the cue list)");
        else
            printf("  (points back to an earlier actor)");
        putchar('\n');
    }
}

static void print_triggers(const hd_lexicon *lx, const hd_doc *doc,
                           const hd_candidate *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        printf("  trigger  ");
        put_span(doc, c[i].tok, c[i].len);
        printf("  %s cameo %s  %s:%u\n", c[i].type ? c[i].type : "-",
               c[i].cameo, rel_path(c[i].pattern_file, lx->data_dir),
               (unsigned)c[i].pattern_line);
    }
}

/* A line head with its runs of blanks (columns in the file) as one. */
static void put_collapsed(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' || (i > 0 && s[i - 1] != ' '))
            putchar(s[i]);
}

/* Cue words, with their line's head (class, types, scope, weight). Trigger
 * lines are listed as triggers above. */
static void print_cues(const hd_lexicon *lx, const hd_doc *doc,
                       const hd_cue_hit *h, size_t n)
{
    const hd_cues *cues = &lx->cues;
    for (size_t i = 0; i < n; i++) {
        if (h[i].e->cls == HD_CUE_TRIGGER || h[i].e->cls == HD_CUE_DOER)
            continue;
        const char *line = hd_cues_str(cues, h[i].e->text);
        const char *colon = strstr(line, " :");
        int head = colon ? (int)(colon - line) : (int)strlen(line);
        while (head > 0 && line[head - 1] == ' ')
            head--;
        printf("  cue      ");
        put_span(doc, h[i].tok, h[i].len);
        printf("  ");
        put_collapsed(line, (size_t)head);
        printf("  %s:%u\n", rel_path(cues->path, lx->data_dir),
               (unsigned)h[i].e->line);
    }
}

int hd_cli_dict_lookup(const char *data, const char *date, char **texts,
                       int n)
{
    hd_error err;
    hd_error_clear(&err);
    hd_lexicon *lx = hd_lexicon_open(data, &err);
    if (!lx) {
        hd_cli_report(&err);
        return HD_EXIT_FAIL;
    }
    hd_doc doc;
    hd_doc_init(&doc);
    hd_text_opts o;
    hd_text_opts_default(&o);
    int rc = HD_EXIT_OK;
    for (int t = 0; t < n && rc == HD_EXIT_OK; t++) {
        hd_doc_reset(&doc);
        doc.date = date;
        if (hd_doc_set_text(&doc, texts[t], strlen(texts[t]), &err) != 0 ||
            hd_text_analyze(&doc, &o, &err) != 0) {
            hd_cli_report(&err);
            rc = HD_EXIT_FAIL;
            break;
        }
        for (size_t si = 0; si < doc.n_sentences; si++) {
            const hd_sentence *s = &doc.sentences[si];
            size_t a = s->tok_first, b = a + s->tok_count;
            printf("sentence %zu: %.*s\n", si + 1, (int)(s->end - s->start),
                   doc.text + s->start);
            hd_cue_hit *hits;
            size_t nh = hd_cues_match(&lx->cues, &doc, a, b, &hits);
            hd_mention *m;
            size_t nm = hd_mentions_find(lx, &doc, a, b, hits, nh, &m);
            nm += hd_anaphora_add(&doc, a, b, &m, nm);
            hd_candidate *c;
            size_t nc = hd_triggers_find(lx, &doc, s, hits, nh, &c);
            print_mentions(lx, &doc, m, nm);
            print_triggers(lx, &doc, c, nc);
            print_cues(lx, &doc, hits, nh);
        }
    }
    hd_doc_free(&doc);
    hd_lexicon_close(lx);
    return rc;
}
