/*
 * sql_pg.c: the pg backend of sql.h. Placeholder: being written.
 */
#include "store/sql.h"

hd_sql *hd_sql_pg_open(const char *conninfo, hd_error *err)
{
    hd_error_set(err, conninfo, 0, -1, "the pg backend is not built yet");
    return NULL;
}
