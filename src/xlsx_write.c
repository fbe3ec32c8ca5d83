/*
 * Excel workbooks through libxlsxwriter (see include/metaclust/xlsx_write.h).
 */
#include "metaclust/xlsx_write.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "metaclust/csvio.h"
#include "metaclust/util.h"

#define EPOCH_2000 946684800LL

long long mc_xlsx_epoch(void) {
    long long v;
    return mc_source_date_epoch(&v) ? v : EPOCH_2000;
}

static enum mc_status nomem(struct mc_error *err) {
    return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (workbook)");
}

enum mc_status mc_xlsx_open(struct mc_xlsx *x, const char *path, struct mc_error *err) {
    enum mc_status rc;
    memset(x, 0, sizeof *x);
    if ((rc = mc_outfile_open(&x->out, path, err)) != MC_OK) {
        return rc;
    }
    const char *target = x->out.tmp ? x->out.tmp : x->out.path ? x->out.path : path;
    if ((x->path = strdup(path)) == NULL) {
        mc_outfile_abort(&x->out);
        return nomem(err);
    }
    lxw_workbook *wb = workbook_new(target);
    if (wb == NULL) {
        mc_xlsx_abort(x);
        return mc_error_set(err, MC_E_IO, path, 0, "cannot start the workbook");
    }
    x->wb = wb;
    lxw_doc_properties props = {.created = (time_t)mc_xlsx_epoch(), .comments = "metaclust"};
    workbook_set_properties(wb, &props);
    lxw_format *h = workbook_add_format(wb);
    if (h == NULL) {
        mc_xlsx_abort(x);
        return nomem(err);
    }
    format_set_bold(h);
    format_set_bg_color(h, 0xD9E1F2);
    format_set_bottom(h, LXW_BORDER_THIN);
    x->head = h;
    return MC_OK;
}

/* Widths, the frozen header and the filter of the sheet being written. */
static void finish_sheet(struct mc_xlsx *x) {
    lxw_worksheet *ws = x->ws;
    if (ws == NULL) {
        return;
    }
    for (size_t c = 0; c < x->n_cols; c++) {
        double w = x->width[c] + 2;
        w = w < 8 ? 8 : w > 60 ? 60 : w;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
    }
    if (x->n_cols > 0) {
        worksheet_autofilter(ws, 0, 0, (lxw_row_t)(x->row > 0 ? x->row - 1 : 0),
                             (lxw_col_t)(x->n_cols - 1));
    }
    worksheet_freeze_panes(ws, 1, 0);
    free(x->numeric);
    free(x->width);
    x->numeric = NULL;
    x->width = NULL;
    x->ws = NULL;
}

/* Display width of a UTF-8 string: its code points. */
static double text_width(const char *s) {
    size_t n = 0;
    for (; *s; s++) {
        n += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return (double)n;
}

/* "A", "B", ..., "Z", "AA", ... for column c (0-based). */
static void col_name(size_t c, char out[8]) {
    char tmp[8];
    size_t n = 0;
    do {
        tmp[n++] = (char)('A' + c % 26);
        c = c / 26;
    } while (c-- > 0 && n < 7);
    for (size_t i = 0; i < n; i++) {
        out[i] = tmp[n - 1 - i];
    }
    out[n] = '\0';
}

static enum mc_status write_cell(struct mc_xlsx *x, size_t c, const char *s, lxw_format *f,
                                 bool header, struct mc_error *err) {
    lxw_error e = LXW_NO_ERROR;
    double v;
    if (s == NULL || s[0] == '\0') {
        return MC_OK;
    }
    if (!header && x->numeric[c] && mc_parse_real(s, &v)) {
        e = worksheet_write_number(x->ws, (lxw_row_t)x->row, (lxw_col_t)c, v, f);
        double w = text_width(s);
        x->width[c] = w > x->width[c] ? (w > 12 ? 12 : w) : x->width[c];
    } else {
        e = worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)c, s, f);
        double w = text_width(s);
        x->width[c] = w > x->width[c] ? w : x->width[c];
    }
    if (e != LXW_NO_ERROR) {
        char col[8];
        col_name(c, col);
        x->failed = true;
        return mc_error_set(err, MC_E_DATA, x->path, 0, "sheet '%s', cell %s%zu: %s", x->sheet, col,
                            x->row + 1, lxw_strerror(e));
    }
    return MC_OK;
}

enum mc_status mc_xlsx_sheet(struct mc_xlsx *x, const char *name, size_t n_cols,
                             const char *const *header, const char *const *numeric,
                             struct mc_error *err) {
    enum mc_status rc = MC_OK;
    finish_sheet(x);
    lxw_error e = workbook_validate_sheet_name(x->wb, name);
    if (e != LXW_NO_ERROR) {
        x->failed = true;
        return mc_error_set(err, MC_E_DATA, x->path, 0, "cannot add sheet '%s': %s", name,
                            lxw_strerror(e));
    }
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (ws == NULL) {
        x->failed = true;
        return mc_error_set(err, MC_E_DATA, x->path, 0, "cannot add sheet '%s'", name);
    }
    x->ws = ws;
    x->sheet = name;
    x->row = 0;
    x->n_cols = n_cols;
    x->numeric = calloc(n_cols ? n_cols : 1, sizeof *x->numeric);
    x->width = calloc(n_cols ? n_cols : 1, sizeof *x->width);
    if (x->numeric == NULL || x->width == NULL) {
        x->failed = true;
        return nomem(err);
    }
    for (size_t c = 0; c < n_cols; c++) {
        for (size_t k = 0; numeric != NULL && numeric[k] != NULL; k++) {
            x->numeric[c] |= strcmp(numeric[k], header[c]) == 0;
        }
        if ((rc = write_cell(x, c, header[c], x->head, true, err)) != MC_OK) {
            return rc;
        }
    }
    x->row = 1;
    return MC_OK;
}

enum mc_status mc_xlsx_row(struct mc_xlsx *x, const char *const *cells, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    if (x->row >= LXW_ROW_MAX) {
        x->failed = true;
        return mc_error_set(err, MC_E_DATA, x->path, 0,
                            "sheet '%s': more rows than a worksheet holds (%d)", x->sheet,
                            LXW_ROW_MAX);
    }
    for (size_t c = 0; c < x->n_cols && rc == MC_OK; c++) {
        rc = write_cell(x, c, cells[c], NULL, false, err);
    }
    x->row++;
    return rc;
}

struct csv_sheet {
    struct mc_xlsx *x;
    const char *name;
    const char *const *numeric;
};

static enum mc_status csv_record(void *ctx, const struct mc_csv_record *rec, struct mc_error *err) {
    struct csv_sheet *cs = ctx;
    if (rec->record == 1) {
        return mc_xlsx_sheet(cs->x, cs->name, rec->nfields, (const char *const *)rec->fields,
                             cs->numeric, err);
    }
    return mc_xlsx_row(cs->x, (const char *const *)rec->fields, err);
}

enum mc_status mc_xlsx_sheet_from_csv(struct mc_xlsx *x, const char *name, const char *csv_path,
                                      const char *const *numeric, bool optional,
                                      struct mc_error *err) {
    struct csv_sheet cs = {x, name, numeric};
    struct mc_csv_options co = {0};
    if (optional && access(csv_path, F_OK) != 0) {
        return MC_OK;
    }
    return mc_csv_read(csv_path, NULL, &co, csv_record, &cs, err);
}

enum mc_status mc_xlsx_close(struct mc_xlsx *x, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    finish_sheet(x);
    lxw_error e = workbook_close(x->wb);
    x->wb = NULL;
    if (e != LXW_NO_ERROR) {
        rc = mc_error_set(err, MC_E_IO, x->path, 0, "cannot write the workbook: %s",
                          lxw_strerror(e));
        mc_xlsx_abort(x);
        return rc;
    }
    rc = mc_outfile_commit(&x->out, err);
    free(x->path);
    x->path = NULL;
    return rc;
}

void mc_xlsx_abort(struct mc_xlsx *x) {
    finish_sheet(x);
    if (x->wb != NULL) {
        /* libxlsxwriter has no discard: write what there is, then remove it */
        workbook_close(x->wb);
        x->wb = NULL;
    }
    mc_outfile_abort(&x->out);
    free(x->path);
    x->path = NULL;
}
