/*
 * fuzz_code.c: the whole coder on any text, and the events-only path
 * against the full one.
 *
 * The input is a document's text. It is analysed and coded twice with the
 * shipped dictionaries: once with HD_CODE_ALL and once with
 * HD_CODE_EVENTS_ONLY, the path `hadath code` takes, which skips the
 * sentences no event reads (src/code/pipeline.c). The promise of
 * include/hadath.h is that the events, and everything they point to, are
 * the same; so the two JSONL renderings must be byte-identical, whatever
 * the text. Any crash, sanitizer report or difference is a finding.
 *
 * The lexicon is opened once, from the repository's data/ (HD_FUZZ_DATA_DIR,
 * set by CMakeLists.txt), through the compiled lexicon as hadath does.
 */
#include "fuzz_util.h"

#include <string.h>

#include "base/buf.h"
#include "out/event.h"

static const hd_lexicon *lexicon(void)
{
    static hd_lexicon *lx;
    if (!lx) {
        hd_error err;
        lx = hd_lexicon_open(HD_FUZZ_DATA_DIR, &err);
        if (!lx) {
            fprintf(stderr, "fuzz_code: %s: %s\n", err.file, err.msg);
            abort();
        }
    }
    return lx;
}

/* Codes the text into doc with `need` and renders its events into out;
 * 0, or -1 when the text is refused before coding. */
static int code_into(hd_doc *doc, const uint8_t *data, size_t size, int need,
                     hd_buf *out)
{
    hd_error err;
    hd_doc_reset(doc);
    hd_buf_clear(out);
    if (hd_doc_set_text(doc, (const char *)data, size, &err) != 0 ||
        hd_text_analyze(doc, NULL, &err) != 0)
        return -1;
    FUZZ_CHECK(hd_code_ex(lexicon(), doc, need, &err) == 0);
    hd_out_events_jsonl(out, doc);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static hd_doc doc; /* reused on purpose: the command reuses its docs */
    static hd_buf all, events;
    static int ready;
    if (!ready) {
        hd_doc_init(&doc);
        ready = 1;
    }
    if (code_into(&doc, data, size, HD_CODE_ALL, &all) != 0)
        return 0;
    fuzz_check_doc(&doc);
    FUZZ_CHECK(code_into(&doc, data, size, HD_CODE_EVENTS_ONLY, &events) == 0);
    FUZZ_CHECK(all.len == events.len &&
               (all.len == 0 || memcmp(all.data, events.data, all.len) == 0));
    return 0;
}
