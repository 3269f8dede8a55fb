/*
 * sql_sqlite.h: what only the SQLite backend offers: its native handle, so
 * the store can register the "hadath" FTS5 tokenizer on the connection.
 */
#ifndef HD_STORE_SQL_SQLITE_H
#define HD_STORE_SQL_SQLITE_H

#include <sqlite3.h>

#include "store/sql.h"

/* The sqlite3 handle of a SQLite connection; NULL for any other backend. */
sqlite3 *hd_sql_sqlite_handle(hd_sql *db);

#endif
