/*
 * queue.h: the PostgreSQL work queue of `hadath enqueue` and `hadath worker`.
 *
 * Two tables beside the store's (docs/POSTGRES.md has the protocol):
 *
 *   queue    one row per article to code: doc_id, hash (the store's content
 *            hash, 16 hex digits), payload (the document as read, in JSON),
 *            status pending | claimed | done | failed, batch_id, claimed_by,
 *            claimed_at, attempts, error; unique on (doc_id, hash), so
 *            enqueueing the same input twice adds nothing.
 *   batches  one row per batch a worker committed: worker, status,
 *            n_articles, n_done, n_failed, n_events, claimed_at,
 *            finished_at.
 *
 * A worker claims, codes, stores and marks done in ONE transaction of the
 * caller's (hd_store_begin ... hd_store_commit): claim locks the rows with
 * SELECT ... FOR UPDATE SKIP LOCKED, so other workers pass them by, and a
 * worker that dies mid-batch takes its transaction with it: the server
 * rolls it back and the rows are pending again, with nothing of them stored.
 *
 * Like the store, nothing here prints; errors are values.
 */
#ifndef HD_STORE_QUEUE_H
#define HD_STORE_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "hadath.h"
#include "store/sql.h"

/* A store error is retried this many times (another attempt, perhaps by
 * another worker) before its row is marked failed for good; an article that
 * cannot be read back or coded fails at once. */
#define HD_QUEUE_MAX_ATTEMPTS 3

typedef struct hd_queue hd_queue;

/* Creates the queue tables if missing (in their own transaction) and
 * prepares the statements on db, which stays the caller's. PostgreSQL only:
 * on another engine, NULL with err saying so. */
hd_queue *hd_queue_open(hd_sql *db, hd_error *err);
void hd_queue_close(hd_queue *q);

/* ----------------------------------------------------------- enqueue */

/* The document as a queue payload: a JSON object with its metadata, text
 * and structure (title, zones, captions, headings, boilerplate), so the
 * worker codes exactly what the reader read. Text that is not valid UTF-8
 * travels as hex ("text_hex"). Appends to out. */
void hd_queue_encode(const hd_doc *doc, hd_buf *out);

/* Rebuilds a document from a payload (doc is reset first). 0, or -1 with
 * err set when the payload is not one hd_queue_encode wrote. */
int hd_queue_decode(const char *payload, size_t n, hd_doc *doc,
                    hd_error *err);

/* Adds one document (not yet analysed) under doc_id and hash. Returns 1
 * when added, 0 when (doc_id, hash) was already queued, -1 on error.
 * Older pending versions of the same doc_id are marked done as superseded,
 * so only the newest version of an article is coded. Runs in the caller's
 * transaction, if any. */
int hd_queue_put(hd_queue *q, const hd_doc *doc, const char *doc_id,
                 uint64_t hash, hd_error *err);

/* -------------------------------------------------------------- claim */

typedef struct hd_queue_item {
    int64_t row;             /* queue.id */
    const char *doc_id;      /* into the batch's strings */
    uint64_t hash;
    const char *payload;
    size_t payload_len;
    int attempts;            /* attempts before this one */
} hd_queue_item;

typedef struct hd_queue_batch {
    int64_t id;              /* batches.id; 0 when nothing was claimed */
    hd_queue_item *items;
    size_t n, cap;
    hd_buf strings;          /* doc ids and payloads, NUL-separated */
    size_t *offsets;         /* per item: doc_id offset, payload offset */
    size_t cap_offsets;
} hd_queue_batch;

void hd_queue_batch_free(hd_queue_batch *b);

/* In the caller's open transaction: locks up to limit pending rows (oldest
 * first, skipping rows other workers hold) and records a batch for worker.
 * Returns the number claimed (0: nothing pending is free), -1 on error. */
int hd_queue_claim(hd_queue *q, const char *worker, int limit,
                   hd_queue_batch *b, hd_error *err);

/* Row outcomes, in the same transaction. error may be NULL for done. */
int hd_queue_done(hd_queue *q, const hd_queue_batch *b,
                  const hd_queue_item *it, const char *note, hd_error *err);
/* Marks rows done in one statement (the worker gathers its batch's). */
int hd_queue_done_rows(hd_queue *q, const hd_queue_batch *b,
                       const int64_t *rows, size_t n, hd_error *err);
/* retry: the failure may pass (a store error): the row goes back to pending
 * until HD_QUEUE_MAX_ATTEMPTS, then fails; otherwise it fails now. */
int hd_queue_failed(hd_queue *q, const hd_queue_batch *b,
                    const hd_queue_item *it, const char *error, int retry,
                    hd_error *err);
int hd_queue_finish(hd_queue *q, const hd_queue_batch *b, int64_t n_done,
                    int64_t n_failed, int64_t n_events, hd_error *err);

/* Savepoints around one article's store writes, so a store error undoes
 * that article alone and the batch goes on (PostgreSQL refuses every
 * statement of a transaction after an error until it rolls back). They
 * cost two round trips an article, so the worker uses them only when a
 * batch has failed once without them. */
int hd_queue_savepoint(hd_queue *q, hd_error *err);
int hd_queue_release(hd_queue *q, hd_error *err);
int hd_queue_rollback_to(hd_queue *q, hd_error *err);

/* ------------------------------------------------------------- counts */

typedef struct hd_queue_counts {
    int64_t pending, claimed, done, failed, batches;
} hd_queue_counts;

int hd_queue_counts_get(hd_queue *q, hd_queue_counts *c, hd_error *err);

/* "%016llx" of hash into out[17], and back (-1 when s is not 16 hex). */
void hd_queue_hash_hex(uint64_t hash, char out[17]);
int hd_queue_hash_parse(const char *s, uint64_t *hash);

#endif
