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
 * the Phoenix dictionaries use), as three letters in one number, sorted:
 * the test is a binary search, since every mention's code is split and
 * composed with it. */
#define S3(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))
static const uint32_t sectors[] = {
    S3('A', 'G', 'R'), S3('A', 'L', 'L'), S3('B', 'U', 'S'), S3('C', 'O', 'P'),
    S3('C', 'R', 'M'), S3('C', 'V', 'L'), S3('D', 'E', 'V'), S3('E', 'D', 'U'),
    S3('E', 'L', 'I'), S3('E', 'N', 'V'), S3('G', 'O', 'V'), S3('H', 'L', 'H'),
    S3('H', 'R', 'I'), S3('I', 'G', 'O'), S3('I', 'M', 'G'), S3('I', 'N', 'S'),
    S3('J', 'U', 'D'), S3('L', 'A', 'B'), S3('L', 'E', 'G'), S3('L', 'L', 'Y'),
    S3('M', 'E', 'D'), S3('M', 'I', 'L'), S3('M', 'O', 'D'), S3('N', 'G', 'M'),
    S3('N', 'G', 'O'), S3('O', 'P', 'P'), S3('P', 'R', 'E'), S3('P', 'R', 'S'),
    S3('P', 'T', 'Y'), S3('R', 'A', 'D'), S3('R', 'E', 'B'), S3('R', 'E', 'F'),
    S3('R', 'E', 'L'), S3('S', 'E', 'P'), S3('S', 'E', 'T'), S3('S', 'P', 'Y'),
    S3('U', 'A', 'F'), S3('V', 'E', 'T'), S3('W', 'M', 'N'), S3('Y', 'T', 'H')};

int hd_is_sector(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t k = S3(u[0], u[1], u[2]);
    size_t lo = 0, hi = sizeof sectors / sizeof sectors[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sectors[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sizeof sectors / sizeof sectors[0] && sectors[lo] == k;
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
