/*
 * batch --country: the national section of report.md, from the units' files.
 */
#include "metaclust/batch_national.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "metaclust/csvio.h"
#include "metaclust/dataset.h"
#include "metaclust/outfile.h"
#include "metaclust/util.h"

struct counter {
    const char *country; /* canonical code; NULL: count every row */
    long col;
    size_t rows;
};

static enum mc_status count_record(void *ctx, const struct mc_csv_record *rec,
                                   struct mc_error *err) {
    static const char *const country[] = {"country", NULL};
    struct counter *c = ctx;
    (void)err;
    if (rec->record == 1) {
        c->col = c->country != NULL ? mc_csv_column(rec, country) : -1;
        return MC_OK;
    }
    if (c->country == NULL || (c->col >= 0 && (size_t)c->col < rec->nfields &&
                               strcmp(rec->fields[c->col], c->country) == 0)) {
        c->rows++;
    }
    return MC_OK;
}

/* Data rows of DIR/NAME (those of `country` when given); 0 for a missing file. */
static enum mc_status count_rows(const char *outdir, const char *dir, const char *name,
                                 const char *country, size_t *n, struct mc_error *err) {
    struct counter c = {country, -1, 0};
    struct mc_csv_options co = {0};
    char *unit = mc_path_join(outdir, dir), *path = unit ? mc_path_join(unit, name) : NULL;
    enum mc_status rc = MC_OK;
    *n = 0;
    if (path == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    } else if (access(path, F_OK) == 0) {
        rc = mc_csv_read(path, NULL, &co, count_record, &c, err);
        *n = c.rows;
    }
    free(unit);
    free(path);
    return rc;
}

enum mc_status mc_batch_national_section(const char *outdir, const char *country,
                                         const struct mc_unit_row *rows, size_t n,
                                         struct mc_error *err) {
    char cc[3];
    char *path = mc_path_join(outdir, "report.md"), *text = NULL;
    size_t len = 0;
    FILE *m = NULL, *in = NULL;
    enum mc_status rc = MC_OK;

    if (path == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    if (!mc_country_canonical(country, cc)) {
        free(path);
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "--country: invalid value '%s' (expected a two-letter ISO code)",
                            country);
    }
    if ((m = open_memstream(&text, &len)) == NULL) {
        free(path);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    if ((in = fopen(path, "rb")) == NULL) {
        rc = mc_error_set(err, MC_E_IO, path, 0, "cannot open: %s", strerror(errno));
        goto out;
    }
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, in)) > 0) {
        fwrite(buf, 1, got, m);
    }
    if (ferror(in)) {
        rc = mc_error_set(err, MC_E_IO, path, 0, "read error");
        goto out;
    }
    fprintf(m,
            "\n## National lens: %s\n\n"
            "`--country %s`: every unit keeps the proposals with at least one member from %s. "
            "Each unit's proposals.md ends with the national section: every cluster from %s, "
            "the proposals it is in, its best cross-border matches, and the nearest group for "
            "those in none.\n\n"
            "| unit | proposals kept | members from %s in them | national section |\n"
            "| --- | ---: | ---: | --- |\n",
            cc, cc, cc, cc, cc);
    for (size_t i = 0; i < n && rc == MC_OK; i++) {
        size_t kept = 0, members = 0;
        if (rows[i].state != MC_UNIT_OK && rows[i].state != MC_UNIT_SKIPPED) {
            fprintf(m, "| %s | | | not run: see summary.csv |\n", rows[i].name);
            continue;
        }
        if ((rc = count_rows(outdir, rows[i].dir, "proposals.csv", NULL, &kept, err)) != MC_OK ||
            (rc = count_rows(outdir, rows[i].dir, "members.csv", cc, &members, err)) != MC_OK) {
            break;
        }
        fprintf(m, "| %s | %zu | %zu | [%s/proposals.md](%s/proposals.md#national-lens-%c%c) |\n",
                rows[i].name, kept, members, rows[i].dir, rows[i].dir, cc[0] | 0x20, cc[1] | 0x20);
    }
out:
    if (in != NULL) {
        fclose(in);
    }
    if (fclose(m) != 0 && rc == MC_OK) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    if (rc == MC_OK) {
        rc = mc_write_text_file(path, text, err);
    }
    free(text);
    free(path);
    return rc;
}
