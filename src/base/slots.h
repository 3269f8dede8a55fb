/*
 * slots.h: the open-addressing index the coder's memos share.
 *
 * The word memo (code/words.c) and the key memo (text/keymemo.c) keep their
 * entries in arrays of their own and find them through a table of 64-bit
 * slots: the entry's hash >> 32 in the high half (also where probing
 * starts) and its number + 1 in the low half; 0 is an empty slot. What an
 * entry is, and when two are the same word, stays with each memo: it walks
 * the probe sequence itself. This is the part that is the same in both:
 * placing a slot value, growing the table and joining two tables into one
 * (a frozen level is its base's entries and a thread's, end to end).
 *
 * The table is a power of two, at least 4,096 slots, and kept at least
 * twice the entries, so linear probing stays short and always ends.
 */
#ifndef HD_BASE_SLOTS_H
#define HD_BASE_SLOTS_H

#include <stddef.h>
#include <stdint.h>

/* Puts slot value x where linear probing from its hash finds it; the
 * table has room. */
static inline void hd_slots_put(uint64_t *s, size_t n_slots, uint64_t x)
{
    size_t j = (size_t)(x >> 32);
    while (s[j & (n_slots - 1)])
        j++;
    s[j & (n_slots - 1)] = x;
}

/* Makes room for `entries` entries: the table doubles (from 4,096) until
 * it has twice as many slots, and its values are placed again. */
void hd_slots_room(uint64_t **slots, size_t *n_slots, size_t entries);

/* A new table for `entries` entries holding the values of tables a and b
 * (either may be empty); *slots must not own one yet. */
void hd_slots_join(uint64_t **slots, size_t *n_slots, size_t entries,
                   const uint64_t *a, size_t n_a,
                   const uint64_t *b, size_t n_b);

#endif
