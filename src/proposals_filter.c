/*
 * The national lens: proposals kept by country, and the national section of
 * proposals.md.
 */
#include "metaclust/proposals_filter.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/igraph_bridge.h"
#include "metaclust/match.h"
#include "metaclust/outfile.h"
#include "metaclust/util.h"
#include "metaclust/xlsx_write.h"

enum mc_status mc_country_check(const char *code, struct mc_error *err) {
    char cc[3];
    if (!mc_country_canonical(code, cc)) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "--country: invalid value '%s' (expected a two-letter ISO code)", code);
    }
    return MC_OK;
}

enum mc_status mc_country_require(const struct mc_dataset *ds, const char *code, int32_t *country,
                                  struct mc_error *err) {
    char cc[3];
    enum mc_status rc = mc_country_check(code, err);
    if (rc != MC_OK) {
        return rc;
    }
    mc_country_canonical(code, cc);
    long c = mc_intern_find(&ds->countries, cc, 2);
    if (c < 0) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "--country: no node of the dataset is from '%s'", cc);
    }
    *country = (int32_t)c;
    return MC_OK;
}

bool mc_proposal_has_country(const struct mc_proposal *p, int32_t country) {
    for (size_t k = 0; k < p->n_countries; k++) {
        if (p->countries[k].country == country && p->countries[k].count > 0) {
            return true;
        }
    }
    return false;
}

enum mc_status mc_proposals_keep_country(const struct mc_sector_proposals *in, int32_t country,
                                         struct mc_sector_proposals *out, struct mc_error *err) {
    *out = *in;
    out->proposals = NULL;
    out->n_proposals = 0;
    if (in->n_proposals == 0) {
        return MC_OK;
    }
    if ((out->proposals = malloc(in->n_proposals * sizeof *out->proposals)) == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < in->n_proposals; i++) {
        if (mc_proposal_has_country(&in->proposals[i], country)) {
            out->proposals[out->n_proposals++] = in->proposals[i];
        }
    }
    return MC_OK;
}

void mc_proposals_view_destroy(struct mc_sector_proposals *view) {
    free(view->proposals);
    view->proposals = NULL;
    view->n_proposals = 0;
}

/* ==== The national section ==== */

/* The proposals node x is in, as "id (role), ..." into buf. */
static void proposals_of(const struct mc_sector_proposals *sp, int32_t x, char *buf, size_t sz) {
    size_t off = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sp->n_proposals && off < sz; i++) {
        const struct mc_proposal *p = &sp->proposals[i];
        for (size_t k = 0; k < p->size; k++) {
            if (p->members[k].node == x) {
                int w = snprintf(buf + off, sz - off, "%s%s (%s)", off ? ", " : "", p->id,
                                 mc_member_role_name(p->members[k].role));
                off += w > 0 ? (size_t)w : 0;
                break;
            }
        }
    }
}

/*
 * The proposal node v (a vertex, not in any) has the most tie weight to; ties
 * go to the better-ranked one. `wto` is a zeroed scratch array over vertices,
 * left zeroed. Writes "id: weight W to K members" or a note into buf.
 */
static void nearest_group(const struct mc_graph *g, const struct mc_sector_proposals *sp,
                          igraph_integer_t v, const igraph_vector_int_t *inc, double *wto,
                          char *buf, size_t sz) {
    igraph_integer_t k = igraph_vector_int_size(inc);
    long best = -1;
    double best_w = 0;
    size_t best_n = 0;
    for (igraph_integer_t j = 0; j < k; j++) {
        igraph_integer_t e = VECTOR(*inc)[j];
        wto[IGRAPH_OTHER(&g->ig, e, v)] = VECTOR(g->weight)[e];
    }
    for (size_t i = 0; i < sp->n_proposals; i++) {
        const struct mc_proposal *p = &sp->proposals[i];
        double w = 0;
        size_t n = 0;
        for (size_t m = 0; m < p->size; m++) {
            int32_t u = g->vertex_of[p->members[m].node];
            if (u >= 0 && wto[u] > 0) {
                w += wto[u];
                n++;
            }
        }
        if (w > best_w) {
            best = (long)i;
            best_w = w;
            best_n = n;
        }
    }
    for (igraph_integer_t j = 0; j < k; j++) {
        wto[IGRAPH_OTHER(&g->ig, VECTOR(*inc)[j], v)] = 0;
    }
    if (best < 0) {
        snprintf(buf, sz, "no tie to any proposal");
    } else {
        snprintf(buf, sz, "%s: weight %.4g to %zu member%s", sp->proposals[best].id, best_w, best_n,
                 best_n == 1 ? "" : "s");
    }
}

/* Markdown table cells must not hold '|' or line breaks. */
static void md_cell(FILE *f, const char *s) {
    for (; *s; s++) {
        fputc(*s == '|' ? '/' : *s == '\n' ? ' ' : *s, f);
    }
}

enum mc_status mc_national_section(FILE *f, const struct mc_graph *g,
                                   const struct mc_sector_proposals *sp, int32_t country,
                                   const struct mc_tags *active, struct mc_error *err) {
    const struct mc_dataset *ds = g->ds;
    const char *cc = mc_dataset_country_name(ds, country);
    enum mc_status rc = MC_OK;
    size_t nx = 0, kept = 0;
    double *wto = NULL;
    igraph_vector_int_t inc;
    struct mc_match_result mr;
    char props[1024], near[256];

    for (igraph_integer_t v = 0; v < g->n; v++) {
        nx += g->country[v] == country;
    }
    for (size_t i = 0; i < sp->n_proposals; i++) {
        kept += mc_proposal_has_country(&sp->proposals[i], country);
    }
    fprintf(f, "### %s: %zu cluster%s from %s, in %zu of %zu proposals\n\n",
            mc_graph_sector_name(g), nx, nx == 1 ? "" : "s", cc, kept, sp->n_proposals);
    if (nx == 0) {
        fprintf(f, "No cluster from %s in this view.\n\n", cc);
        return MC_OK;
    }
    mc_match_result_init(&mr);
    if ((rc = mc_igraph_status(igraph_vector_int_init(&inc, 0), err, "vector")) != MC_OK) {
        return rc;
    }
    if ((wto = calloc((size_t)g->n, sizeof *wto)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    fprintf(f, "| cluster | proposals (role) | best cross-border matches | nearest group |\n"
               "| --- | --- | --- | --- |\n");
    struct mc_match_options mo;
    mc_match_options_init(&mo);
    mo.top = 3;
    mo.foreign_only = true;
    for (igraph_integer_t v = 0; v < g->n && rc == MC_OK; v++) {
        if (g->country[v] != country) {
            continue;
        }
        int32_t x = g->node[v];
        proposals_of(sp, x, props, sizeof props);
        if ((rc = mc_match(g, x, active, &mo, &mr, err)) != MC_OK) {
            break;
        }
        fputs("| ", f);
        md_cell(f, ds->node_name[x]);
        if (strcmp(ds->node_name[x], ds->ids.keys[x]) != 0) {
            fprintf(f, " (`%s`)", ds->ids.keys[x]);
        }
        fputs(" | ", f);
        md_cell(f, props[0] ? props : "none");
        fputs(" | ", f);
        for (size_t i = 0; i < mr.n; i++) {
            const struct mc_candidate *c = &mr.cand[i];
            fputs(i ? ", " : "", f);
            md_cell(f, ds->node_name[c->node]);
            fprintf(f, " (%s, %.2f)", mc_dataset_country_name(ds, ds->node_country[c->node]),
                    c->score);
        }
        if (mr.n == 0) {
            fputs("none", f);
        }
        fputs(" | ", f);
        if (props[0] == '\0') {
            rc = mc_igraph_status(igraph_incident(&g->ig, &inc, v, IGRAPH_ALL), err, "incident");
            if (rc == MC_OK) {
                nearest_group(g, sp, v, &inc, wto, near, sizeof near);
                md_cell(f, near);
            }
        }
        fputs(" |\n", f);
        mc_match_result_destroy(&mr);
    }
    fputs("\n", f);
out:
    mc_match_result_destroy(&mr);
    free(wto);
    igraph_vector_int_destroy(&inc);
    return rc;
}

enum mc_status mc_proposals_workbook(const char *dir, struct mc_error *err) {
    static const char *const numeric[] = {
        "rank",      "size",   "countries", "cohesion",      "diversity",  "cross_border_share",
        "stability", "score",  "within_z",  "participation", "confidence", "shared_neighbours",
        "weight",    "groups", NULL};
    static const struct {
        const char *sheet, *file;
        bool optional;
    } sheets[] = {{"proposals", "proposals.csv", false},
                  {"members", "members.csv", false},
                  {"missing links", "missing_links.csv", false},
                  {"evidence", "evidence.csv", true},
                  {"rejected", "rejected.csv", false}};
    struct mc_xlsx x;
    char *path = mc_path_join(dir, "proposals.xlsx");
    enum mc_status rc = MC_OK;
    if (path == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    if ((rc = mc_xlsx_open(&x, path, err)) == MC_OK) {
        for (size_t i = 0; i < MC_ARRAY_SIZE(sheets) && rc == MC_OK; i++) {
            char *csv = mc_path_join(dir, sheets[i].file);
            rc = csv == NULL ? mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory")
                             : mc_xlsx_sheet_from_csv(&x, sheets[i].sheet, csv, numeric,
                                                      sheets[i].optional, err);
            free(csv);
        }
        if (rc == MC_OK) {
            rc = mc_xlsx_close(&x, err);
        } else {
            mc_xlsx_abort(&x);
        }
    }
    free(path);
    return rc;
}

/* The whole of `path` into a malloc'd string. */
static enum mc_status read_text(const char *path, char **text, size_t *len, struct mc_error *err) {
    FILE *f = fopen(path, "rb");
    FILE *m = NULL;
    char buf[65536];
    size_t n;
    *text = NULL;
    if (f == NULL) {
        return mc_error_set(err, MC_E_IO, path, 0, "cannot open: %s", strerror(errno));
    }
    if ((m = open_memstream(text, len)) == NULL) {
        fclose(f);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        fwrite(buf, 1, n, m);
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    if (fclose(m) != 0 || bad) {
        free(*text);
        *text = NULL;
        return mc_error_set(err, MC_E_IO, path, 0, "read error");
    }
    return MC_OK;
}

enum mc_status mc_proposals_publish(const char *dir, const struct mc_propose_run *run,
                                    const struct mc_view_options *view, const char *country,
                                    size_t *written, struct mc_error *err) {
    const struct mc_dataset *ds = run->ds;
    struct mc_sector_proposals *kept = NULL;
    struct mc_tags active;
    bool have_active = false;
    char *path = NULL, *text = NULL;
    size_t len = 0, total = 0, nkept = 0;
    FILE *m = NULL;
    int32_t c;
    enum mc_status rc;

    if (written != NULL) {
        *written = 0;
        for (size_t i = 0; i < run->n_sectors; i++) {
            *written += run->sectors[i].n_proposals;
        }
    }
    if (country == NULL) {
        rc = mc_proposals_write(dir, run, err);
        return rc == MC_OK ? mc_proposals_workbook(dir, err) : rc;
    }
    if ((rc = mc_country_require(ds, country, &c, err)) != MC_OK) {
        return rc;
    }
    if ((kept = calloc(run->n_sectors + 1, sizeof *kept)) == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    size_t made = 0;
    for (; made < run->n_sectors; made++) {
        if ((rc = mc_proposals_keep_country(&run->sectors[made], c, &kept[made], err)) != MC_OK) {
            goto out;
        }
        total += run->sectors[made].n_proposals;
        nkept += kept[made].n_proposals;
    }
    if (written != NULL) {
        *written = nkept;
    }
    struct mc_propose_run r2 = *run;
    r2.sectors = kept;
    if ((rc = mc_proposals_write(dir, &r2, err)) != MC_OK) {
        goto out;
    }
    /* proposals.md again, with the national section at its end */
    if ((path = mc_path_join(dir, "proposals.md")) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    if ((rc = read_text(path, &text, &len, err)) != MC_OK) {
        goto out;
    }
    if ((rc = mc_dataset_active_sectors(ds, &active, err)) != MC_OK) {
        goto out;
    }
    have_active = true;
    char *md = NULL;
    size_t mdlen = 0;
    if ((m = open_memstream(&md, &mdlen)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    fwrite(text, 1, len, m);
    const char *cc = mc_dataset_country_name(ds, c);
    fprintf(m,
            "\n## National lens: %s\n\n"
            "`--country %s`: the files keep the %zu of %zu proposals with at least one member "
            "from %s. Below, per view, every cluster from %s: the proposals it is in, its best "
            "cross-border matches (`match --foreign-only`), and for a cluster in no proposal "
            "the proposal it has the most tie weight to.\n\n",
            cc, cc, nkept, total, cc, cc);
    for (size_t i = 0; i < run->n_sectors && rc == MC_OK; i++) {
        const struct mc_sector_proposals *sp = &run->sectors[i];
        if (sp->cross_sector) {
            fprintf(m, "### cross-sector\n\nSee the cross-sector proposals above.\n\n");
            continue;
        }
        struct mc_view_options vo = *view;
        struct mc_graph g;
        vo.sector = sp->sector;
        if ((rc = mc_graph_build(&g, ds, &vo, err)) == MC_OK) {
            rc = mc_national_section(m, &g, sp, c, &active, err);
            mc_graph_destroy(&g);
        }
    }
    if (fclose(m) != 0 && rc == MC_OK) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    m = NULL;
    if (rc == MC_OK) {
        rc = mc_write_text_file(path, md, err);
    }
    free(md);
    if (rc == MC_OK) {
        rc = mc_proposals_workbook(dir, err);
    }
out:
    for (size_t i = 0; i < made; i++) {
        mc_proposals_view_destroy(&kept[i]);
    }
    free(kept);
    free(text);
    free(path);
    if (have_active) {
        mc_tags_destroy(&active);
    }
    return rc;
}
