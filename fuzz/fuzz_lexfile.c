/*
 * fuzz_lexfile.c: the compiled-lexicon reader (hd_lexfile_open, the file
 * `hadath compile` writes and hadath maps).
 *
 * The input is the whole file. A truncated or corrupted file must be
 * refused with a clear error (the file name and what is wrong), never
 * crash; a file that is accepted must serve a lexicon that codes a news
 * sentence. The reader checks a header CRC and a body checksum first, so
 * random bytes mostly stop there; the seeds are real compiled files cut at
 * section boundaries, which exercise the header, the section directory and
 * the bounds checks before the checksums.
 */
#include "fuzz_util.h"

#include <string.h>

#include "code/lexfile.h"

static const char sentence[] =
    "شنت قوات سوريا الديمقراطية هجوما على تنظيم الدولة الإسلامية في الرقة.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    int status = -1;
    hd_error err;
    hd_error_clear(&err);
    hd_lexicon *lx = hd_lexfile_open(path, NULL, &status, &err);
    if (!lx) {
        FUZZ_CHECK(status == HD_LEXFILE_MISSING || status == HD_LEXFILE_STALE ||
                   status == HD_LEXFILE_BAD);
        if (status == HD_LEXFILE_BAD)
            FUZZ_CHECK(err.msg[0] != '\0');
    } else {
        hd_doc doc;
        hd_doc_init(&doc);
        if (hd_doc_set_text(&doc, sentence, sizeof sentence - 1, &err) == 0 &&
            hd_text_analyze(&doc, NULL, &err) == 0 &&
            hd_code(lx, &doc, &err) == 0)
            fuzz_check_doc(&doc);
        hd_doc_free(&doc);
        hd_lexicon_close(lx);
    }
    close(fd);
    return 0;
}
