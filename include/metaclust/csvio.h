#ifndef METACLUST_CSVIO_H
#define METACLUST_CSVIO_H

/*
 * CSV reading on libcsv, and CSV writing through csv_fwrite.
 *
 * The reader streams a file (plain or gzip, detected from its content) and
 * hands every record to a callback, the header first. It sniffs the delimiter
 * among ',' ';' and tab from the header line, strips a UTF-8 byte-order mark,
 * accepts CRLF, and rejects what it cannot read correctly with a message that
 * names the file, the physical line and, where it applies, the column:
 * UTF-16 or binary content, invalid UTF-8, unterminated quotes, a wrong
 * number of fields, oversized fields or headers.
 *
 * Two things spreadsheets write are forgiven, and counted for one warning:
 * empty columns at the right end of the header (Excel's "a;b;;;" export),
 * whose fields must then be empty in every row, and blank rows (every field
 * empty, ";;;;"), which are skipped.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "metaclust/error.h"

struct mc_csv_record {
    const char *path; /* the file, as named in messages ("book.xlsx#nodes" for a sheet) */
    long line;        /* physical line where the record starts, 1-based; a sheet's row */
    bool cells;       /* from a workbook sheet: messages name cells (C7), not line:column */
    long record;      /* record number, the header is 1 */
    size_t nfields;
    char **fields; /* NUL-terminated; blanks around unquoted fields trimmed */
    const size_t *lens;
};

/* Return MC_OK to go on; any other status stops the read and is returned. */
typedef enum mc_status (*mc_csv_record_fn)(void *ctx, const struct mc_csv_record *rec,
                                           struct mc_error *err);

struct mc_csv_options {
    size_t max_field_bytes; /* 0: default 1 MiB */
    size_t max_columns;     /* 0: default 4096 */
    bool require_rows;      /* a header-only file is an error */
};

/* What a read forgave (see above); filled by mc_csv_read when given. */
struct mc_csv_skipped {
    size_t columns; /* empty trailing header columns */
    size_t rows;    /* blank rows */
};

/*
 * Reads `path` and calls `fn` once per record. `display` is the name used in
 * messages (NULL: path). Errors: MC_E_IO (missing, unreadable, a directory),
 * MC_E_DATA (empty file, encoding, quoting, field counts), MC_E_NOMEM, or
 * whatever `fn` returns. Time complexity: O(bytes).
 */
enum mc_status mc_csv_read(const char *path, const char *display, const struct mc_csv_options *opt,
                           mc_csv_record_fn fn, void *ctx, struct mc_error *err);

/*
 * Same, also reporting what was skipped into *skipped (may be NULL). A value
 * under a trailing empty header column is an MC_E_DATA error.
 */
enum mc_status mc_csv_read_counted(const char *path, const char *display,
                                   const struct mc_csv_options *opt, mc_csv_record_fn fn, void *ctx,
                                   struct mc_csv_skipped *skipped, struct mc_error *err);

/*
 * The warning for what was skipped, "FILE: skipped 2 empty trailing columns
 * and 3 blank rows", into buf; false (buf "") when nothing was.
 */
bool mc_csv_skipped_describe(const struct mc_csv_skipped *s, const char *path, char *buf,
                             size_t bufsz);

/*
 * MC_OK when `path` exists and is no directory; else MC_E_IO naming `display`:
 * "no such file", "cannot open: ...", "is a directory, expected WHAT".
 */
enum mc_status mc_csv_check_file(const char *path, const char *display, const char *what,
                                 struct mc_error *err);

/*
 * Index of the header column whose name matches one of `names` (NULL
 * terminated; case ignored as mc_utf8_fold does), or -1.
 */
long mc_csv_column(const struct mc_csv_record *header, const char *const *names);

/*
 * Records an error about field `col` (0-based; -1: the whole record) of a
 * record: "FILE:LINE:COL: message" for a CSV file, "BOOK.xlsx#SHEET!C7:
 * message" or "BOOK.xlsx#SHEET, row 7: message" for a sheet. Returns status.
 */
enum mc_status mc_csv_error(struct mc_error *err, enum mc_status status,
                            const struct mc_csv_record *rec, long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The spreadsheet name of 0-based column i: A, B, ..., Z, AA, ... into buf[8]. */
void mc_csv_column_letters(size_t i, char buf[8]);

/* Writes "'a', 'b', 'c'" (the header's column names) into buf, truncated with "...". */
void mc_csv_describe_header(const struct mc_csv_record *header, char *buf, size_t bufsz);

/* ==== Writing ==== */

/* Writes one field, quoted when it needs to be; returns false on a write error. */
bool mc_csv_field(FILE *f, const char *s, bool first);
/* Ends a record with "\n". */
bool mc_csv_end(FILE *f);
/* Writes a whole record of n fields. */
bool mc_csv_row(FILE *f, size_t n, const char *const *fields);

#endif
