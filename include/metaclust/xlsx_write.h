#ifndef METACLUST_XLSX_WRITE_H
#define METACLUST_XLSX_WRITE_H

/*
 * Excel workbooks out, with libxlsxwriter: sheets of rows, a bold shaded
 * header row that stays in view (frozen) with an autofilter, and column
 * widths fitted to the content. Columns are text unless named numeric, so
 * ids that look like numbers ("999991334") stay text.
 *
 * Reproducible: the workbook's creation time is SOURCE_DATE_EPOCH when set,
 * else 2000-01-01T00:00:00Z (as the PDF dates of render); libxlsxwriter
 * derives the zip entries' dates from it, so the same rows give the same
 * bytes. The file is written atomically (a temporary file renamed into place).
 */

#include <stdbool.h>
#include <stddef.h>

#include "metaclust/error.h"
#include "metaclust/outfile.h"

struct mc_xlsx {
    void *wb;   /* lxw_workbook */
    void *ws;   /* the current lxw_worksheet */
    void *head; /* header format */
    struct mc_outfile out;
    char *path;
    const char *sheet;
    size_t row, n_cols;
    bool *numeric; /* per column of the current sheet */
    double *width; /* per column: the widest cell, in characters */
    bool failed;
};

/* The creation time used: SOURCE_DATE_EPOCH when it is a valid number, else 2000-01-01. */
long long mc_xlsx_epoch(void);

/* Starts a workbook at `path`. Errors: MC_E_IO (as mc_outfile_open), MC_E_NOMEM. */
enum mc_status mc_xlsx_open(struct mc_xlsx *x, const char *path, struct mc_error *err);

/*
 * Adds a sheet (name: at most 31 characters, no []:*?/\) with its header
 * row. A column is numeric when its name is in `numeric` (NULL-terminated;
 * NULL: none); its cells are written as numbers when they parse as one.
 */
enum mc_status mc_xlsx_sheet(struct mc_xlsx *x, const char *name, size_t n_cols,
                             const char *const *header, const char *const *numeric,
                             struct mc_error *err);

/* Appends a row of n_cols cells (NULL or "": empty). */
enum mc_status mc_xlsx_row(struct mc_xlsx *x, const char *const *cells, struct mc_error *err);

/*
 * A sheet from a CSV file (header first, as mc_csv_read reads it). A missing
 * file with `optional` gives no sheet.
 */
enum mc_status mc_xlsx_sheet_from_csv(struct mc_xlsx *x, const char *name, const char *csv_path,
                                      const char *const *numeric, bool optional,
                                      struct mc_error *err);

/* Writes the workbook and renames it into place; `x` is empty afterwards. */
enum mc_status mc_xlsx_close(struct mc_xlsx *x, struct mc_error *err);

/* Drops an unfinished workbook and its temporary file. Safe on a closed one. */
void mc_xlsx_abort(struct mc_xlsx *x);

#endif
