/*
 * slots.c: growing and joining the memos' slot tables (see slots.h).
 */
#include "base/slots.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

static size_t size_for(size_t have, size_t entries)
{
    size_t n = have ? have : 4096;
    while (n < 2 * entries)
        n *= 2;
    return n;
}

static uint64_t *slots_new(size_t n)
{
    uint64_t *s = hd_xmalloc(n * sizeof *s);
    memset(s, 0, n * sizeof *s);
    return s;
}

static void slots_copy(uint64_t *to, size_t n, const uint64_t *from,
                       size_t n_from)
{
    for (size_t i = 0; i < n_from; i++)
        if (from[i])
            hd_slots_put(to, n, from[i]);
}

void hd_slots_room(uint64_t **slots, size_t *n_slots, size_t entries)
{
    if (*n_slots && 2 * entries <= *n_slots)
        return;
    size_t n = size_for(*n_slots ? *n_slots * 2 : 0, entries);
    uint64_t *s = slots_new(n);
    slots_copy(s, n, *slots, *n_slots);
    free(*slots);
    *slots = s;
    *n_slots = n;
}

void hd_slots_join(uint64_t **slots, size_t *n_slots, size_t entries,
                   const uint64_t *a, size_t n_a,
                   const uint64_t *b, size_t n_b)
{
    size_t n = size_for(0, entries);
    uint64_t *s = slots_new(n);
    slots_copy(s, n, a, n_a);
    slots_copy(s, n, b, n_b);
    *slots = s;
    *n_slots = n;
}
