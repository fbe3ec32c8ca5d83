#ifndef METACLUST_XLSX_READ_H
#define METACLUST_XLSX_READ_H

/*
 * Reading Excel workbooks (.xlsx: a zip of XML parts) with libzip and
 * libxml2's streaming reader, so a sheet is read wherever a CSV file is.
 *
 * A sheet is handed to the same record callback as a CSV file: the first
 * non-empty row is the header, every later row a record, row numbers as the
 * lines and `cells` set, so messages name the sheet and the cell
 * ("book.xlsx#nodes!C7: ..."). Cells are read as text: shared and inline
 * strings as written, numbers in their shortest exact form (2014, 0.5),
 * booleans as TRUE and FALSE, and numbers formatted as dates as ISO dates
 * (2014-03-31, of which a year column keeps the year). A formula cell gives
 * the value Excel saved with it; one without a saved value, and an error
 * value (#N/A), are refused with a message. Empty rows are skipped; empty
 * columns at the right of the header are counted as in a CSV file.
 *
 * A path names a sheet as "book.xlsx#Sheet" (matched case-insensitively);
 * without "#Sheet" the caller picks one (see mc_xlsx_read).
 */

#include <stdbool.h>
#include <stddef.h>

#include "metaclust/csvio.h"
#include "metaclust/error.h"

/*
 * True when `path` names a workbook: "NAME.xlsx" or "NAME.xlsx#SHEET" (any
 * case), or a file that begins like a zip archive (as a workbook without
 * its extension, or a file given as /proc/self/fd/N, does).
 */
bool mc_xlsx_is_workbook(const char *path);

/*
 * Splits "book.xlsx#Sheet" into a new copy of the file name (*file, free
 * it) and a pointer to the sheet name in `path` (*sheet, NULL without '#').
 * Returns false when out of memory.
 */
bool mc_xlsx_split(const char *path, char **file, const char **sheet);

/*
 * The names of the workbook's sheets, in workbook order, as one new array of
 * new strings (*names: free each and the array); *n receives the count.
 * Errors: MC_E_IO (missing, unreadable), MC_E_DATA (not a workbook, a
 * damaged one), MC_E_NOMEM.
 */
enum mc_status mc_xlsx_sheets(const char *file, char ***names, size_t *n, struct mc_error *err);

/*
 * Reads sheet `sheet` of workbook `file` (NULL: the sheet named `prefer`
 * when there is one, else the first) and calls `fn` per record like
 * mc_csv_read. `display` (NULL: file) names the workbook in messages; the
 * record's path is "DISPLAY#SHEET" with the sheet's own spelling. *skipped
 * (may be NULL) counts the empty trailing header columns. Errors: MC_E_IO,
 * MC_E_DATA (not a workbook, no such sheet, a damaged part, an error or
 * unsaved formula cell, a value under a column without a name, limits),
 * MC_E_NOMEM, or whatever `fn` returns. Time complexity: O(bytes).
 */
enum mc_status mc_xlsx_read(const char *file, const char *sheet, const char *prefer,
                            const char *display, const struct mc_csv_options *opt,
                            mc_csv_record_fn fn, void *ctx, struct mc_csv_skipped *skipped,
                            struct mc_error *err);

/*
 * The ISO date "YYYY-MM-DD" of an Excel date serial (days since 1899-12-30,
 * with Excel's 1900 leap-year bug; since 1904-01-01 when `date1904`) into
 * buf[16]; false when out of range (before 1900 or after 9999).
 */
bool mc_xlsx_date(double serial, bool date1904, char buf[16]);

#endif
