/*
 * compose.c: actor codes composed with agents, and split into country and
 * sector.
 *
 * CAMEO actor codes are strings of three-letter parts: a primary part (an
 * ISO-3 country, or a group such as IGO, IMG, NGO) and then role parts
 * (GOV, MIL, REB, COP, CVL ...), with religion, ethnicity and a unique id
 * possibly in between (IMGMUSISI: an international militarized group,
 * Muslim, id ISI). PETRARCH agents ([~COP]) append their role to the actor
 * they stand beside: الشرطة المصرية is EGY + COP = EGYCOP.
 *
 * Composition rule: an actor that already carries a role of its own keeps
 * it (مسلحي تنظيم الدولة stays IMGMUSISI, not IMGMUSISIREB: the militants of
 * ISIS are ISIS), an actor with only its primary part takes the agent's
 * role, and a lone agent gets "---" for its primary part ("---CVL": TABARI's
 * mark for an unknown country), so that splitting by position still works.
 *
 * Split rule (documented in the output too): country = the first three
 * letters, "" for "---"; sector = the first later three-letter part that is
 * a CAMEO role code (the list below), "" when there is none. So SYRREB is
 * SYR/REB, EGYCOP is EGY/COP, IMGMUSISI is IMG/"" and ---CVL is ""/CVL. This
 * is "the next three letters" of the usual reading, except that religion
 * and id parts (MUS, ISI) are not sectors and are skipped.
 */
#include "code/code.h"

#include <string.h>

/* CAMEO role codes (CAMEO manual, actor codebook; plus UAF and the codes
 * the Phoenix dictionaries use), as three letters in one number, by first
 * letter: every mention's code is split and composed with this test, so
 * it is a switch and a compare or two, not a scan of forty codes. */
#define S3(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))

int hd_is_sector(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t k = S3(u[0], u[1], u[2]);
    switch (u[0]) {
    case 'A': return k == S3('A', 'G', 'R') || k == S3('A', 'L', 'L');
    case 'B': return k == S3('B', 'U', 'S');
    case 'C': return k == S3('C', 'O', 'P') || k == S3('C', 'R', 'M') ||
                     k == S3('C', 'V', 'L');
    case 'D': return k == S3('D', 'E', 'V');
    case 'E': return k == S3('E', 'D', 'U') || k == S3('E', 'L', 'I') ||
                     k == S3('E', 'N', 'V');
    case 'G': return k == S3('G', 'O', 'V');
    case 'H': return k == S3('H', 'L', 'H') || k == S3('H', 'R', 'I');
    case 'I': return k == S3('I', 'G', 'O') || k == S3('I', 'M', 'G') ||
                     k == S3('I', 'N', 'S');
    case 'J': return k == S3('J', 'U', 'D');
    case 'L': return k == S3('L', 'A', 'B') || k == S3('L', 'E', 'G') ||
                     k == S3('L', 'L', 'Y');
    case 'M': return k == S3('M', 'E', 'D') || k == S3('M', 'I', 'L') ||
                     k == S3('M', 'O', 'D');
    case 'N': return k == S3('N', 'G', 'M') || k == S3('N', 'G', 'O');
    case 'O': return k == S3('O', 'P', 'P');
    case 'P': return k == S3('P', 'R', 'E') || k == S3('P', 'R', 'S') ||
                     k == S3('P', 'T', 'Y');
    case 'R': return k == S3('R', 'A', 'D') || k == S3('R', 'E', 'B') ||
                     k == S3('R', 'E', 'F') || k == S3('R', 'E', 'L');
    case 'S': return k == S3('S', 'E', 'P') || k == S3('S', 'E', 'T') ||
                     k == S3('S', 'P', 'Y');
    case 'U': return k == S3('U', 'A', 'F');
    case 'V': return k == S3('V', 'E', 'T');
    case 'W': return k == S3('W', 'M', 'N');
    case 'Y': return k == S3('Y', 'T', 'H');
    default: return 0;
    }
}

/* Group codes that stand first in a code, as its primary part. */
static int is_primary_group(const char *s)
{
    static const uint32_t groups[] = {
        S3('I', 'G', 'O'), S3('I', 'M', 'G'), S3('N', 'G', 'O'),
        S3('N', 'G', 'M'), S3('M', 'N', 'C'), S3('I', 'N', 'T'),
        S3('U', 'N', 'O'), S3('P', 'R', 'S')};
    const unsigned char *u = (const unsigned char *)s;
    uint32_t k = S3(u[0], u[1], u[2]);
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (groups[i] == k)
            return 1;
    return 0;
}

const char *hd_code_normalize(hd_arena *a, const char *code)
{
    if (!code || strlen(code) < 3 || !hd_is_sector(code) ||
        is_primary_group(code))
        return code;
    /* a dictionary code that starts with a role ([CVL], [GOV]) has no
     * country: mark it so, like a lone agent */
    size_t n = strlen(code);
    char buf[48];
    if (n + 3 >= sizeof buf)
        return code;
    memcpy(buf, "---", 3);
    memcpy(buf + 3, code, n + 1);
    return hd_arena_strndup(a, buf, n + 3);
}

/* Does the code have a role after its primary part? */
static int has_role(const char *code)
{
    size_t n = strlen(code);
    for (size_t i = 3; i + 3 <= n; i += 3)
        if (hd_is_sector(code + i))
            return 1;
    return 0;
}

const char *hd_compose(hd_arena *a, const char *actor, const char *agent,
                       int code_first)
{
    if (!agent || !*agent)
        return actor;
    if (!actor || !*actor) {
        char buf[32];
        size_t n = strlen(agent);
        if (n + 3 >= sizeof buf)
            return agent;
        memcpy(buf, "---", 3);
        memcpy(buf + 3, agent, n + 1);
        return hd_arena_strndup(a, buf, n + 3);
    }
    if (strlen(actor) > 3 && (has_role(actor) || strlen(actor) >= 9))
        return actor; /* a full code: PSEREBHAM, IMGMUSISI */
    char buf[48];
    size_t an = strlen(actor), gn = strlen(agent);
    if (an + gn >= sizeof buf)
        return actor;
    if (code_first) {
        memcpy(buf, agent, gn);
        memcpy(buf + gn, actor, an);
    } else {
        memcpy(buf, actor, an);
        memcpy(buf + an, agent, gn);
    }
    return hd_arena_strndup(a, buf, an + gn);
}

void hd_code_split(const char *code, char country[4], char sector[4])
{
    country[0] = sector[0] = '\0';
    if (!code)
        return;
    size_t n = strlen(code);
    if (n < 3)
        return;
    size_t from = 3;
    if (hd_is_sector(code) && !is_primary_group(code))
        from = 0; /* [CVL]: a role with no country */
    else if (memcmp(code, "---", 3) != 0) {
        memcpy(country, code, 3);
        country[3] = '\0';
    }
    for (size_t i = from; i + 3 <= n; i += 3)
        if (hd_is_sector(code + i)) {
            memcpy(sector, code + i, 3);
            sector[3] = '\0';
            return;
        }
}

int hd_is_role_code(const char *code)
{
    if (!code || !code[0] || !code[1] || !code[2])
        return 0;
    if (code[0] == '-' && code[1] == '-' && code[2] == '-')
        return 1;
    return hd_is_sector(code) && !is_primary_group(code);
}
