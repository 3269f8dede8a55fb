/*
 * lines.c: reading a dictionary file line by line.
 *
 * Dictionaries are small (the largest is 350 KB), so a file is read whole
 * and its lines are cut in place: no copy per line, and line numbers that
 * every report can cite. The comment rules are PETRARCH's: `<!-- -->`
 * anywhere (also spanning lines), `#` to the end of the line, and in actor
 * and agent files the legacy TABARI `;`. A `#` is only a comment marker at
 * the start of a line or after a blank, so a word can never be cut.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex/lex_int.h"

int lex_lines_open(lex_lines *ls, const char *path, hd_error *err)
{
    memset(ls, 0, sizeof *ls);
    FILE *f = fopen(path, "rb");
    if (!f) {
        int saved = errno;
        hd_error_set(err, path, 0, -1, "cannot open: %s", strerror(saved));
        errno = saved;
        return -1;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = hd_xmalloc(cap);
    for (;;) {
        if (len + 1 >= cap)
            buf = hd_xrealloc(buf, cap *= 2);
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f), why = errno; /* EISDIR: a directory */
    fclose(f);
    if (bad) {
        free(buf);
        hd_error_set(err, path, 0, -1, "read error: %s", strerror(why));
        return -1;
    }
    buf[len] = '\0';
    ls->buf = buf;
    ls->len = len;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        ls->pos = 3;
    return 0;
}

/* Removes `<!-- ... -->` from line[0..*n), tracking a comment left open. */
static void strip_xml_comments(lex_lines *ls, char *line, size_t *n)
{
    size_t r = 0, w = 0;
    while (r < *n) {
        if (ls->in_xml_comment) {
            char *end = strstr(line + r, "-->");
            if (!end) {
                r = *n;
                break;
            }
            r = (size_t)(end - line) + 3;
            ls->in_xml_comment = 0;
        } else if (strncmp(line + r, "<!--", 4) == 0) {
            ls->in_xml_comment = 1;
            r += 4;
        } else {
            line[w++] = line[r++];
        }
    }
    line[w] = '\0';
    *n = w;
}

char *lex_lines_next(lex_lines *ls, size_t *n)
{
    if (ls->pos >= ls->len)
        return NULL;
    char *line = ls->buf + ls->pos;
    char *nl = memchr(line, '\n', ls->len - ls->pos);
    size_t len = nl ? (size_t)(nl - line) : ls->len - ls->pos;
    ls->pos += len + (nl ? 1 : 0);
    ls->lineno++;
    line[len] = '\0';
    if (len && line[len - 1] == '\r')
        line[--len] = '\0';
    if (ls->in_xml_comment || strstr(line, "<!--"))
        strip_xml_comments(ls, line, &len);
    *n = len;
    return line;
}

void lex_lines_close(lex_lines *ls)
{
    free(ls->buf);
    memset(ls, 0, sizeof *ls);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

char *lex_trim(char *s, size_t *n)
{
    size_t len = *n;
    while (len && is_blank(*s)) {
        s++;
        len--;
    }
    while (len && is_blank(s[len - 1]))
        len--;
    s[len] = '\0';
    *n = len;
    return s;
}

char *lex_cut_comment(char *line, size_t *n, int semi)
{
    char *comment = NULL;
    for (size_t i = 0; i < *n; i++) {
        int mark = line[i] == '#' || (semi && line[i] == ';');
        if (mark && (i == 0 || is_blank(line[i - 1]) || line[i] == ';' ||
                     line[i - 1] == ']')) {
            comment = line + i + 1;
            line[i] = '\0';
            *n = i;
            break;
        }
    }
    while (*n && is_blank(line[*n - 1]))
        line[--*n] = '\0';
    return comment;
}
