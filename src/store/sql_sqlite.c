/*
 * sql_sqlite.c: the sqlite backend of sql.h. Placeholder: being written.
 */
#include "store/sql.h"

hd_sql *hd_sql_sqlite_open(const char *path, hd_error *err)
{
    hd_error_set(err, path, 0, -1, "the sqlite backend is not built yet");
    return NULL;
}
