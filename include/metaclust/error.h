#ifndef METACLUST_ERROR_H
#define METACLUST_ERROR_H

/*
 * Status codes and the error record every fallible metaclust function takes
 * as its last parameter. Library code never prints: it fills a
 * `struct mc_error` and returns its status; only main.c turns it into the
 * one-line message and the exit code.
 *
 * Message format (see README "Errors"):
 *   FILE:LINE:COL: message     when a field of a CSV file is at fault
 *   FILE:LINE: message         when a line is at fault
 *   FILE: message              when a whole file is at fault
 *   BOOK.xlsx#SHEET!C7: message  when a cell of a workbook sheet is (mc_csv_error)
 *   message                    otherwise
 */

#include <stddef.h>

enum mc_status {
    MC_OK = 0,
    MC_E_USAGE,       /* bad command line: exit code 2 */
    MC_E_DATA,        /* malformed or inconsistent input data: exit code 1 */
    MC_E_IO,          /* cannot read or write a file: exit code 1 */
    MC_E_NOMEM,       /* out of memory or a size limit: exit code 1 */
    MC_E_IGRAPH,      /* igraph reported an error: exit code 1 */
    MC_E_RENDER,      /* cairo/pango failure: exit code 1 */
    MC_E_INTERRUPTED, /* SIGINT/SIGTERM: exit code 130 */
    MC_E_PARTIAL      /* a batch finished but some units failed: exit code 3 */
};

#define MC_ERROR_MSG_MAX 1024

struct mc_error {
    enum mc_status status;
    char msg[MC_ERROR_MSG_MAX];
};

/* Leaves `err` empty (MC_OK, empty message). */
void mc_error_init(struct mc_error *err);

/*
 * Records an error and returns `status`, so callers can write
 * `return mc_error_set(err, MC_E_IO, path, 0, "cannot open: %s", ...)`.
 * `file` may be NULL; `line` 0 means "no line". An existing error is
 * overwritten. `err` may be NULL (the status is still returned).
 */
enum mc_status mc_error_set(struct mc_error *err, enum mc_status status, const char *file,
                            long line, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Same, with a 1-based column (field) number; `col` 0 means "no column". */
enum mc_status mc_error_setc(struct mc_error *err, enum mc_status status, const char *file,
                             long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Prefixes the existing message with "prefix: " (for example a batch unit name). */
void mc_error_prefix(struct mc_error *err, const char *prefix);

/* The process exit code documented for a status: 0, 1, 2, 3 or 130. */
int mc_status_exit_code(enum mc_status status);

/* A short name for a status ("usage", "data", "io", ...), for reports. */
const char *mc_status_name(enum mc_status status);

#endif
