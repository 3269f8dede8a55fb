/* analyze.h: the document record that `hadath analyze` prints. */
#ifndef HD_OUT_ANALYZE_H
#define HD_OUT_ANALYZE_H

#include "base/buf.h"
#include "hadath.h"

enum {
    HD_ANALYZE_TOKENS = 1u << 0, /* each sentence's tokens */
    HD_ANALYZE_CODED = 1u << 1   /* actors, places, dates, ..., events */
};

/* Appends one JSON object (no newline) describing doc to out. */
void hd_out_analyze(hd_buf *out, const hd_doc *doc, unsigned flags);
/* Appends a readable plain-text rendering of the same, for people. */
void hd_out_analyze_text(hd_buf *out, const hd_doc *doc, unsigned flags);

#endif
