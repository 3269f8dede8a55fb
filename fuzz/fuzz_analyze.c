/*
 * fuzz_analyze.c: the text layer end to end through hd_text_analyze:
 * tokens, keys, stems, the sentence splitter and quotation tracking.
 *
 * The input is the document text (one body zone per paragraph, as
 * hd_doc_set_text lays it out). Checked: every token, sentence and
 * quotation lies inside the text and indexes inside its vectors. The doc is
 * reused across inputs, as the command reuses it, so stale state from a
 * previous document would show.
 */
#include "fuzz_util.h"

static hd_doc *shared_doc(void)
{
    static hd_doc doc; /* reused on purpose: the command reuses its docs */
    static int ready;
    if (!ready) {
        hd_doc_init(&doc);
        ready = 1;
    }
    return &doc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hd_doc *doc = shared_doc();
    hd_error err;
    hd_doc_reset(doc);
    if (hd_doc_set_text(doc, (const char *)data, size, &err) != 0)
        return 0;
    if (hd_text_analyze(doc, NULL, &err) != 0)
        return 0;
    fuzz_check_doc(doc);
    return 0;
}
