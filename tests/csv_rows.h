#ifndef METACLUST_TESTS_CSV_ROWS_H
#define METACLUST_TESTS_CSV_ROWS_H

/* A record callback for the reader tests (CSV and workbook): records as "line|f1|f2|..." strings.
 */

#include <stdio.h>

#include "metaclust/csvio.h"

struct collect {
    char rows[16][256];
    size_t n;
};

static inline enum mc_status on_rec(void *ctx, const struct mc_csv_record *r,
                                    struct mc_error *err) {
    (void)err;
    struct collect *c = ctx;
    if (c->n < 16) {
        char *p = c->rows[c->n];
        int off = snprintf(p, 256, "%ld", r->line);
        for (size_t i = 0; i < r->nfields && off < 250; i++) {
            off += snprintf(p + off, 256 - (size_t)off, "|%s", r->fields[i]);
        }
    }
    c->n++;
    return MC_OK;
}

#endif
