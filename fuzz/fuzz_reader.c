/*
 * fuzz_reader.c: one input reader (built once per format: HD_FUZZ_FORMAT
 * is "plain", "jsonl", "sgml", "petrarch-xml", "tsv" or "auto").
 *
 * The input is the whole file, gzip or not, handed to hd_reader_open as a
 * memfd path. Every document is read to the end (bad records included:
 * the reader must go on after them) and analysed, since the zones a reader
 * lays out are what the text layer trusts. Checked: the reader stops, the
 * documents it gives satisfy the shape the text layer relies on, and every
 * error names the input.
 */
#include "fuzz_util.h"

#include <string.h>

#ifndef HD_FUZZ_FORMAT
#define HD_FUZZ_FORMAT "auto"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    int fmt = hd_format_from_name(HD_FUZZ_FORMAT);
    FUZZ_CHECK(fmt >= 0);
    hd_error err;
    hd_reader *r = hd_reader_open(path, (hd_format)fmt, &err);
    if (r) {
        hd_doc doc;
        hd_doc_init(&doc);
        int rc;
        size_t calls = 0;
        while ((rc = hd_reader_next(r, &doc, &err)) != 0) {
            /* every record takes at least a byte: no endless loop */
            FUZZ_CHECK(++calls <= size + 2);
            if (rc < 0) {
                FUZZ_CHECK(strcmp(err.file, path) == 0 && err.msg[0]);
                continue;
            }
            FUZZ_CHECK(rc == 1);
            FUZZ_CHECK(doc.body_offset <= doc.len);
            FUZZ_CHECK(doc.title.start <= doc.title.end &&
                       doc.title.end <= doc.len);
            if (hd_text_analyze(&doc, NULL, &err) == 0)
                fuzz_check_doc(&doc);
        }
        hd_reader_close(r);
        hd_doc_free(&doc);
    }
    close(fd);
    return 0;
}
