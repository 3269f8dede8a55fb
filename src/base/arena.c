/*
 * arena.c: per-document bump allocation.
 *
 * A document makes thousands of small strings (keys, metadata, spans) that
 * all die together when the document is done. Instead of malloc/free per
 * string, they are carved out of large blocks and released in one step.
 * Blocks form a singly linked list; hd_arena_reset() frees all but the first
 * block, so an arena reused for document after document settles at one block
 * and the hot path stops calling malloc. Requests larger than the block size
 * get a block of their own.
 *
 * Allocation failure aborts: hadath cannot code a document it cannot hold,
 * and every caller checking for NULL would only hide that.
 */
#include "base/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct block {
    struct block *next;
    size_t cap, used;
    _Alignas(max_align_t) unsigned char data[];
} block;

struct hd_arena {
    block *head;       /* current block: allocation happens here */
    block *first;      /* kept across resets */
    size_t block_size;
    size_t total_used; /* bytes handed out since the last reset */
};

void *hd_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "hadath: out of memory (%zu bytes)\n", n);
        abort();
    }
    return p;
}

void *hd_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "hadath: out of memory (%zu bytes)\n", n);
        abort();
    }
    return q;
}

static block *block_new(size_t cap)
{
    block *b = hd_xmalloc(sizeof *b + cap);
    b->next = NULL;
    b->cap = cap;
    b->used = 0;
    return b;
}

hd_arena *hd_arena_new(size_t block_size)
{
    hd_arena *a = hd_xmalloc(sizeof *a);
    a->block_size = block_size ? block_size : 64 * 1024;
    a->first = a->head = block_new(a->block_size);
    a->total_used = 0;
    return a;
}

void *hd_arena_alloc(hd_arena *a, size_t n)
{
    size_t need = (n + 7u) & ~(size_t)7u;
    if (need < n) { /* overflow */
        fprintf(stderr, "hadath: arena request too large\n");
        abort();
    }
    block *b = a->head;
    if (b->cap - b->used < need) {
        size_t cap = need > a->block_size ? need : a->block_size;
        block *nb = block_new(cap);
        /* Keep the current block first: later small requests still fit in
         * the larger free remainder of whichever block is head. */
        nb->next = b->next;
        b->next = nb;
        if (need <= a->block_size)
            a->head = nb;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total_used += need;
    return p;
}

char *hd_arena_strndup(hd_arena *a, const char *s, size_t n)
{
    char *p = hd_arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void hd_arena_reset(hd_arena *a)
{
    block *b = a->first->next;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    a->first->next = NULL;
    a->first->used = 0;
    a->head = a->first;
    a->total_used = 0;
}

void hd_arena_free(hd_arena *a)
{
    if (!a)
        return;
    hd_arena_reset(a);
    free(a->first);
    free(a);
}

size_t hd_arena_used(const hd_arena *a)
{
    return a->total_used;
}
