/* arena.h: bump allocation (hd_arena_* is public, in hadath.h) and the
 * abort-on-failure malloc wrappers every room uses for its growable vectors. */
#ifndef HD_BASE_ARENA_H
#define HD_BASE_ARENA_H

#include "hadath.h"

void *hd_xmalloc(size_t n);
void *hd_xrealloc(void *p, size_t n);

/* Grows a vector *vec of elements of size elem so it holds at least need
 * elements; *cap is its capacity, doubled as needed. */
#define HD_VEC_RESERVE(vec, cap, need)                                       \
    do {                                                                     \
        if ((need) > (cap)) {                                                \
            size_t hd_nc_ = (cap) ? (cap) : 16;                              \
            while (hd_nc_ < (need)) hd_nc_ *= 2;                             \
            (vec) = hd_xrealloc((vec), hd_nc_ * sizeof *(vec));              \
            (cap) = hd_nc_;                                                  \
        }                                                                    \
    } while (0)

#endif
