/*
 * report.c: what the loader says about the files it read.
 *
 * Dictionaries written by hand over years carry thousands of small defects;
 * the loader's promise is that none of them disappears silently. Every
 * reported line is counted by file, level and reason, and the first
 * HD_LEX_MAX_MSGS are kept with their text, so `hadath dict stats` can group
 * them and `--verbose` can list them as file:line: reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex/lex_int.h"

static const char *const reason_names[HD_LEXR_COUNT] = {
    [HD_LEXR_FILE_NOT_FOUND] = "file not found",
    [HD_LEXR_BACKWARDS_RANGE] = "date range written backwards (taken swapped)",
    [HD_LEXR_UNCERTAIN_CODE] = "code marked uncertain with '?' ('?' dropped)",
    [HD_LEXR_NO_CODE] = "no code",
    [HD_LEXR_BAD_CODE] = "malformed code",
    [HD_LEXR_BAD_DATE] = "malformed date restriction",
    [HD_LEXR_ORPHAN_RESTRICTION] = "date restriction with no actor before it",
    [HD_LEXR_ORPHAN_ALIAS] = "'+' line with no entry before it",
    [HD_LEXR_EMPTY_PHRASE] = "empty or over-long phrase",
    [HD_LEXR_NO_BRACKET] = "no [code] on the line",
    [HD_LEXR_DUPLICATE] = "phrase already defined with another code",
    [HD_LEXR_REVERSED_LINE] = "line written right-to-left (_word+)",
    [HD_LEXR_PATTERN_SYNTAX] = "pattern syntax",
    [HD_LEXR_PATTERN_OUTSIDE] = "pattern outside a verb block",
    [HD_LEXR_UNDEFINED_SYNSET] = "undefined synset",
    [HD_LEXR_IGNORED_TOKEN] = "pattern token ignored",
    [HD_LEXR_UNKNOWN_CAMEO] = "event code in neither the ontology nor CAMEO2PLOVER",
    [HD_LEXR_BAD_MAPPING] = "malformed mapping line",
    [HD_LEXR_UNKNOWN_LINE] = "line of no known shape",
    [HD_LEXR_OVERRIDDEN] = "phrase defined by an earlier file, which wins",
};

const char *hd_lex_reason_name(int reason)
{
    if (reason < 0 || reason >= HD_LEXR_COUNT)
        return "?";
    return reason_names[reason];
}

const char *hd_lex_file_kind_name(int kind)
{
    switch (kind) {
    case HD_LEXF_SYNSETS: return "synsets";
    case HD_LEXF_VERBS: return "verbs";
    case HD_LEXF_ACTORS: return "actors";
    case HD_LEXF_AGENTS: return "agents";
    case HD_LEXF_ONTOLOGY: return "ontology";
    case HD_LEXF_PLOVER: return "plover";
    default: return "?";
    }
}

void hd_lex_report_init(hd_lex_report *rep)
{
    memset(rep, 0, sizeof *rep);
}

void hd_lex_report_free(hd_lex_report *rep)
{
    free(rep->msgs);
    memset(rep, 0, sizeof *rep);
}

static void report_add(hd_lex_report *rep, uint16_t file, long line,
                       int level, int reason, const char *text)
{
    rep->n_reported++;
    rep->by_reason[reason]++;
    rep->by_level[level]++;
    rep->counts[level][reason]++;
    if (file < rep->n_files) {
        if (level == HD_LEX_SKIP)
            rep->files[file].skipped++;
        else if (level == HD_LEX_WARN)
            rep->files[file].warnings++;
    }
    if (rep->n_msgs >= HD_LEX_MAX_MSGS)
        return;
    HD_VEC_RESERVE(rep->msgs, rep->cap_msgs, rep->n_msgs + 1);
    hd_lex_msg *m = &rep->msgs[rep->n_msgs++];
    m->file = file;
    m->level = (uint8_t)level;
    m->reason = (uint8_t)reason;
    m->line = line;
    snprintf(m->text, sizeof m->text, "%s", text);
}

void lex_note(lex_loader *ld, long line, int level, int reason,
              const char *fmt, ...)
{
    char text[sizeof ((hd_lex_msg *)0)->text];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    report_add(ld->rep, ld->file, line, level, reason, text);
}
