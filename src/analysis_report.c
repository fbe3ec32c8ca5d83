#include "metaclust/analysis_report.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/csvio.h"
#include "metaclust/util.h"

static bool all_digits(const char *s) {
    if (*s == '\0') {
        return false;
    }
    for (; *s; s++) {
        if (*s < '0' || *s > '9') {
            return false;
        }
    }
    return true;
}

int mc_id_cmp(const char *a, const char *b) {
    bool da = all_digits(a), db = all_digits(b);
    const char *a0 = a, *b0 = b;
    if (da != db) {
        return da ? -1 : 1;
    }
    if (da) {
        /* integers of any length: skip leading zeros, then shorter is smaller */
        while (a[0] == '0' && a[1] != '\0') {
            a++;
        }
        while (b[0] == '0' && b[1] != '\0') {
            b++;
        }
        size_t la = strlen(a), lb = strlen(b);
        if (la != lb) {
            return la < lb ? -1 : 1;
        }
    }
    int c = strcmp(a, b);
    if (c == 0) {
        c = strcmp(a0, b0); /* "007" and "7": still a total order */
    }
    return (c > 0) - (c < 0);
}

bool mc_graph_json(json_t *obj, const struct mc_graph *g) {
    return mc_json_put(obj, "dataset", json_string(g->ds->name)) &&
           mc_json_put(obj, "sector",
                       g->view.sector < 0 ? json_null() : json_string(mc_graph_sector_name(g))) &&
           mc_json_put(obj, "projection", json_string(mc_projection_name(g->view.projection))) &&
           mc_json_put(obj, "nodes", json_integer((json_int_t)g->n)) &&
           mc_json_put(obj, "edges", json_integer((json_int_t)igraph_ecount(&g->ig))) &&
           mc_json_put(obj, "total_weight", mc_json_number(g->total_weight));
}

json_t *mc_years_json(const struct mc_dataset *ds) {
    const struct mc_year_stats *y = &ds->year_stats;
    char p[48];
    json_t *o = json_object();
    bool ok =
        o && mc_json_put(o, "period", json_string(mc_period_format(&ds->years, p, sizeof p))) &&
        mc_json_put(o, "from", ds->years.from > 0 ? json_integer(ds->years.from) : json_null()) &&
        mc_json_put(o, "to", ds->years.to < LONG_MAX ? json_integer(ds->years.to) : json_null()) &&
        mc_json_put(o, "affiliations_kept", json_integer((json_int_t)y->aff_kept)) &&
        mc_json_put(o, "affiliations_outside", json_integer((json_int_t)y->aff_outside)) &&
        mc_json_put(o, "affiliations_without_year", json_integer((json_int_t)y->aff_no_year)) &&
        mc_json_put(o, "edges_kept", json_integer((json_int_t)y->edges_kept)) &&
        mc_json_put(o, "edges_outside", json_integer((json_int_t)y->edges_outside)) &&
        mc_json_put(o, "edges_without_year", json_integer((json_int_t)y->edges_no_year));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *mc_info_json(const struct mc_dataset *ds, const struct mc_graph *g,
                     const struct mc_summary *s) {
    json_t *root = json_object(), *countries = json_object(), *sectors = json_object(),
           *warnings = json_array();
    bool ok = root && countries && sectors && warnings;
    if (!ok) {
        json_decref(root);
        json_decref(countries);
        json_decref(sectors);
        json_decref(warnings);
        return NULL;
    }
    ok = mc_json_put(root, "dataset", json_string(ds->name)) &&
         mc_json_put(root, "sector",
                     g->view.sector < 0 ? json_null() : json_string(mc_graph_sector_name(g))) &&
         mc_json_put(root, "projection", json_string(mc_projection_name(g->view.projection))) &&
         (!ds->years.set || mc_json_put(root, "years", mc_years_json(ds))) &&
         mc_json_put(root, "nodes", json_integer((json_int_t)s->nodes)) &&
         mc_json_put(root, "edges", json_integer((json_int_t)s->edges)) &&
         mc_json_put(root, "total_weight", mc_json_number(s->total_weight)) &&
         mc_json_put(root, "density", json_real(s->density)) &&
         mc_json_put(root, "components", json_integer((json_int_t)s->components)) &&
         mc_json_put(root, "largest_component", json_integer((json_int_t)s->largest_component)) &&
         mc_json_put(root, "isolated", json_integer((json_int_t)s->isolated));
    /* countries: sorted by code, for stable output */
    for (size_t k = 0; ok && k < ds->countries.n; k++) {
        size_t best = SIZE_MAX;
        for (size_t c = 0; c < ds->countries.n; c++) {
            if (s->country_nodes[c] == 0 || json_object_get(countries, ds->countries.keys[c])) {
                continue;
            }
            if (best == SIZE_MAX || strcmp(ds->countries.keys[c], ds->countries.keys[best]) < 0) {
                best = c;
            }
        }
        if (best == SIZE_MAX) {
            break;
        }
        ok = mc_json_put(countries, ds->countries.keys[best],
                         json_integer((json_int_t)s->country_nodes[best]));
    }
    ok = ok && json_object_set(root, "countries", countries) == 0;
    ok = ok && mc_json_put(root, "nodes_without_country", json_integer((json_int_t)s->no_country));
    for (size_t k = 0; ok && k < s->n_sectors; k++) {
        const struct mc_sector_summary *ss = &s->sectors[k];
        json_t *o = json_object();
        ok = o && mc_json_put(o, "nodes", json_integer((json_int_t)ss->nodes)) &&
             mc_json_put(o, "edges", json_integer((json_int_t)ss->edges)) &&
             mc_json_put(o, "total_weight", mc_json_number(ss->total_weight)) &&
             mc_json_put(o, "isolated", json_integer((json_int_t)ss->isolated)) &&
             mc_json_put(o, "groups", json_integer((json_int_t)ss->groups)) &&
             mc_json_put(o, "largest_group", json_integer((json_int_t)ss->largest_group)) &&
             mc_json_put(sectors, mc_dataset_sector_name(ds, ss->sector), o);
    }
    ok = ok && json_object_set(root, "sectors", sectors) == 0;
    const struct mc_view_stats *st = &g->stats;
    ok =
        ok && mc_json_put(root, "direct_edge_rows", json_integer((json_int_t)st->direct_rows)) &&
        mc_json_put(root, "affiliation_rows", json_integer((json_int_t)st->affiliation_rows)) &&
        mc_json_put(root, "groups", json_integer((json_int_t)st->groups)) &&
        mc_json_put(root, "largest_group", json_integer((json_int_t)st->largest_group)) &&
        mc_json_put(root, "groups_skipped", json_integer((json_int_t)st->groups_skipped)) &&
        mc_json_put(root, "projected_pairs", json_integer((json_int_t)st->pairs)) &&
        mc_json_put(root, "self_loops_dropped", json_integer((json_int_t)st->self_loops_dropped)) &&
        mc_json_put(root, "duplicates_merged", json_integer((json_int_t)st->duplicates_merged)) &&
        mc_json_put(root, "zero_weight_dropped", json_integer((json_int_t)st->zero_weight_dropped));
    for (size_t i = 0; ok && i < ds->warnings.n; i++) {
        ok = json_array_append_new(warnings, json_string(ds->warnings.msg[i])) == 0;
    }
    ok = ok && json_object_set(root, "warnings", warnings) == 0;
    json_decref(countries);
    json_decref(sectors);
    json_decref(warnings);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

void mc_centrality_csv(FILE *f, const struct mc_graph *g, const struct mc_centrality *c,
                       const igraph_integer_t *order, size_t n) {
    char buf[MC_REAL_BUFSZ];
    mc_csv_field(f, "id", true);
    mc_csv_field(f, "name", false);
    mc_csv_field(f, "country", false);
    for (int m = 0; m < MC_M_COUNT; m++) {
        if (c->computed[m]) {
            mc_csv_field(f, mc_measure_name((enum mc_measure)m), false);
        }
    }
    mc_csv_end(f);
    for (size_t r = 0; r < n; r++) {
        igraph_integer_t v = order != NULL ? order[r] : (igraph_integer_t)r;
        mc_csv_field(f, mc_graph_id(g, v), true);
        mc_csv_field(f, mc_graph_name(g, v), false);
        mc_csv_field(f, mc_graph_country(g, v), false);
        for (int m = 0; m < MC_M_COUNT; m++) {
            if (c->computed[m]) {
                double x = VECTOR(c->value[m])[v];
                mc_csv_field(f, isnan(x) ? "" : mc_fmt_real(buf, x), false);
            }
        }
        mc_csv_end(f);
    }
}

void mc_comm_table_init(struct mc_comm_table *t) {
    memset(t, 0, sizeof *t);
    igraph_vector_init(&t->z, 0);
    igraph_vector_init(&t->p, 0);
}

void mc_comm_table_destroy(struct mc_comm_table *t) {
    free(t->size);
    free(t->order);
    igraph_vector_destroy(&t->z);
    igraph_vector_destroy(&t->p);
    memset(t, 0, sizeof *t);
}

struct row {
    igraph_integer_t community, v;
    const char *id;
};

static int cmp_row(const void *x, const void *y) {
    const struct row *a = x, *b = y;
    if (a->community != b->community) {
        return a->community < b->community ? -1 : 1;
    }
    return mc_id_cmp(a->id, b->id);
}

enum mc_status mc_comm_table_build(struct mc_comm_table *w, struct mc_error *err) {
    igraph_integer_t n = w->g->n, k = w->part->n_communities;
    struct row *rows = malloc((size_t)(n ? n : 1) * sizeof *rows);
    w->size = calloc((size_t)(k ? k : 1), sizeof *w->size);
    w->order = malloc((size_t)(n ? n : 1) * sizeof *w->order);
    if (rows == NULL || w->size == NULL || w->order == NULL) {
        free(rows);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        rows[v].community = VECTOR(w->part->membership)[v];
        rows[v].v = v;
        rows[v].id = mc_graph_id(w->g, v);
        w->size[rows[v].community]++;
    }
    qsort(rows, (size_t)n, sizeof *rows, cmp_row);
    for (igraph_integer_t i = 0; i < n; i++) {
        w->order[i] = rows[i].v;
    }
    free(rows);
    return mc_roles(&w->g->ig, &w->g->weight, &w->part->membership, &w->z, &w->p, err);
}

const char *mc_comm_table_role(const struct mc_comm_table *w, igraph_integer_t v) {
    return mc_role_name(mc_role_classify(VECTOR(w->z)[v], VECTOR(w->p)[v]));
}

void mc_comm_table_csv(FILE *f, const void *ctx) {
    const struct mc_comm_table *w = ctx;
    char buf[MC_REAL_BUFSZ];
    static const char *const header[] = {
        "id", "community", "community_size", "confidence", "within_z", "participation", "role"};
    mc_csv_row(f, MC_ARRAY_SIZE(header), header);
    for (igraph_integer_t i = 0; i < w->g->n; i++) {
        igraph_integer_t v = w->order[i], c = VECTOR(w->part->membership)[v];
        mc_csv_field(f, mc_graph_id(w->g, v), true);
        fprintf(f, ",%" IGRAPH_PRId ",%" IGRAPH_PRId, c, w->size[c]);
        mc_csv_field(f, mc_fmt_real(buf, VECTOR(w->res->confidence)[v]), false);
        mc_csv_field(f, mc_fmt_real(buf, VECTOR(w->z)[v]), false);
        mc_csv_field(f, mc_fmt_real(buf, VECTOR(w->p)[v]), false);
        mc_csv_field(f, mc_comm_table_role(w, v), false);
        mc_csv_end(f);
    }
}

json_t *mc_comm_table_summary(const struct mc_comm_table *w) {
    const struct mc_comm_result *r = w->res;
    const struct mc_comm_options *o = w->opt;
    igraph_integer_t n = w->g->n, nontrivial = 0, floating = 0;
    double conf = 0;
    for (igraph_integer_t c = 0; c < w->part->n_communities; c++) {
        nontrivial += w->size[c] >= 3;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        conf += VECTOR(r->confidence)[v];
        floating += VECTOR(r->confidence)[v] < MC_FLOATING;
    }
    json_t *root = json_object(), *st = json_object();
    bool ok = root && st && mc_graph_json(root, w->g) &&
              mc_json_put(root, "method", json_string(mc_comm_method_name(o->method))) &&
              mc_json_put(root, "objective",
                          o->method == MC_COMM_LEIDEN
                              ? json_string(o->objective == MC_OBJ_CPM ? "cpm" : "modularity")
                              : json_string("modularity")) &&
              mc_json_put(root, "resolution", mc_json_number(o->resolution)) &&
              mc_json_put(root, "seed", json_integer((json_int_t)o->seed)) &&
              mc_json_put(root, "runs", json_integer(r->runs)) &&
              mc_json_put(root, "runs_stop", json_string(mc_comm_stop_name(r->stop))) &&
              mc_json_put(root, "partition",
                          json_string(o->consensus && r->runs > 1 ? "consensus" : "best")) &&
              mc_json_put(root, "best_run", json_integer(r->best_run)) &&
              mc_json_put(root, "modularity", mc_json_number(w->part->modularity)) &&
              mc_json_put(root, "quality", mc_json_number(w->part->quality)) &&
              mc_json_put(root, "communities", json_integer((json_int_t)w->part->n_communities)) &&
              mc_json_put(root, "nontrivial_communities", json_integer((json_int_t)nontrivial)) &&
              mc_json_put(st, "nmi_mean", mc_json_number(r->nmi_mean)) &&
              mc_json_put(st, "nmi_min", mc_json_number(r->nmi_min)) &&
              mc_json_put(st, "vi_mean", mc_json_number(r->vi_mean)) &&
              mc_json_put(st, "vi_mean_normalized",
                          mc_json_number(n > 1 ? r->vi_mean / log((double)n) : 0)) &&
              mc_json_put(st, "mean_confidence", mc_json_number(n > 0 ? conf / (double)n : 1)) &&
              mc_json_put(st, "floating_nodes", json_integer((json_int_t)floating)) &&
              json_object_set(root, "stability", st) == 0;
    json_decref(st);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* A row to rank: by key, descending (NaN last), then by id. */
struct ranked {
    double key;
    igraph_integer_t v;
    const char *id;
};

static int cmp_ranked(const void *x, const void *y) {
    const struct ranked *a = x, *b = y;
    bool na = isnan(a->key), nb = isnan(b->key);
    if (na != nb) {
        return na ? 1 : -1;
    }
    if (!na && a->key != b->key) {
        return a->key > b->key ? -1 : 1;
    }
    return mc_id_cmp(a->id, b->id);
}

enum mc_status mc_centrality_order(const struct mc_graph *g, const struct mc_centrality *c, int by,
                                   size_t top, igraph_integer_t **order, size_t *n,
                                   struct mc_error *err) {
    size_t nrows = (size_t)g->n;
    struct ranked *rows = malloc((nrows ? nrows : 1) * sizeof *rows);
    *order = NULL;
    *n = 0;
    if (rows == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t r = 0; r < nrows; r++) {
        rows[r].v = (igraph_integer_t)r;
        rows[r].id = mc_graph_id(g, (igraph_integer_t)r);
        rows[r].key = by >= 0 ? VECTOR(c->value[by])[r] : 0;
    }
    if (by >= 0) {
        qsort(rows, nrows, sizeof *rows, cmp_ranked);
    }
    if (top > 0 && top < nrows) {
        nrows = top;
    }
    *order = malloc((nrows ? nrows : 1) * sizeof **order);
    if (*order == NULL) {
        free(rows);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t r = 0; r < nrows; r++) {
        (*order)[r] = rows[r].v;
    }
    *n = nrows;
    free(rows);
    return MC_OK;
}

json_t *mc_centrality_json(const struct mc_graph *g, const struct mc_centrality *c,
                           const struct mc_centrality_options *o, const igraph_integer_t *order,
                           size_t n) {
    json_t *root = json_object(), *measures = json_array(), *arr = json_array();
    bool ok = root && measures && arr && mc_graph_json(root, g) &&
              mc_json_put(root, "seed", json_integer((json_int_t)o->seed)) &&
              mc_json_put(root, "lengths", json_string(o->hop_lengths ? "hops" : "inverse")) &&
              mc_json_put(root, "path_sources", json_integer((json_int_t)c->betweenness_sources)) &&
              mc_json_put(root, "path_sampled", json_boolean(c->betweenness_sampled)) &&
              mc_json_put(root, "eigenvector_fallbacks",
                          json_integer((json_int_t)c->eigenvector_fallbacks));
    for (int m = 0; ok && m < MC_M_COUNT; m++) {
        if (c->computed[m]) {
            ok = json_array_append_new(measures, json_string(mc_measure_name(m))) == 0;
        }
    }
    ok = ok && json_object_set(root, "measures", measures) == 0;
    for (size_t r = 0; ok && r < n; r++) {
        igraph_integer_t v = order[r];
        json_t *o2 = json_object();
        ok = o2 && mc_json_put(o2, "id", json_string(mc_graph_id(g, v))) &&
             mc_json_put(o2, "name", json_string(mc_graph_name(g, v))) &&
             mc_json_put(o2, "country", json_string(mc_graph_country(g, v)));
        for (int m = 0; ok && m < MC_M_COUNT; m++) {
            if (c->computed[m]) {
                ok = mc_json_put(o2, mc_measure_name(m), mc_json_number(VECTOR(c->value[m])[v]));
            }
        }
        ok = ok && json_array_append_new(arr, o2) == 0;
    }
    ok = ok && json_object_set(root, "rows", arr) == 0;
    json_decref(measures);
    json_decref(arr);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

json_t *mc_comm_table_json(const struct mc_comm_table *w, json_t *summary) {
    json_t *root = json_object(), *arr = json_array();
    bool ok = root && arr && json_object_set(root, "summary", summary) == 0;
    for (igraph_integer_t i = 0; ok && i < w->g->n; i++) {
        igraph_integer_t v = w->order[i], c = VECTOR(w->part->membership)[v];
        json_t *o = json_object();
        ok = o && mc_json_put(o, "id", json_string(mc_graph_id(w->g, v))) &&
             mc_json_put(o, "community", json_integer((json_int_t)c)) &&
             mc_json_put(o, "community_size", json_integer((json_int_t)w->size[c])) &&
             mc_json_put(o, "confidence", mc_json_number(VECTOR(w->res->confidence)[v])) &&
             mc_json_put(o, "within_z", mc_json_number(VECTOR(w->z)[v])) &&
             mc_json_put(o, "participation", mc_json_number(VECTOR(w->p)[v])) &&
             mc_json_put(o, "role", json_string(mc_comm_table_role(w, v))) &&
             json_array_append_new(arr, o) == 0;
    }
    ok = ok && json_object_set(root, "rows", arr) == 0;
    json_decref(arr);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

bool mc_match_csv(FILE *f, const struct mc_graph *g, const struct mc_tags *active,
                  const struct mc_match_result *r) {
    static const char *const hdr[] = {
        "rank",       "id",      "name",  "country", "score", "link_score", "shared_neighbours",
        "sector_fit", "foreign", "reason"};
    const struct mc_dataset *ds = g->ds;
    bool ok = mc_csv_row(f, MC_ARRAY_SIZE(hdr), hdr);
    for (size_t i = 0; ok && i < r->n; i++) {
        const struct mc_candidate *c = &r->cand[i];
        char rank[24], score[MC_REAL_BUFSZ], link[MC_REAL_BUFSZ], shared[24], fit[MC_REAL_BUFSZ],
            reason[1024];
        snprintf(rank, sizeof rank, "%zu", i + 1);
        snprintf(shared, sizeof shared, "%zu", c->shared);
        mc_match_reason(g, active, r->node, c, reason, sizeof reason);
        const char *row[] = {rank,
                             ds->ids.keys[c->node],
                             ds->node_name[c->node],
                             mc_dataset_country_name(ds, ds->node_country[c->node]),
                             mc_fmt_real(score, c->score),
                             mc_fmt_real(link, c->link),
                             shared,
                             mc_fmt_real(fit, c->sector_fit),
                             c->foreign ? "1" : "0",
                             reason};
        ok = mc_csv_row(f, MC_ARRAY_SIZE(row), row);
    }
    return ok;
}

json_t *mc_match_json(const struct mc_graph *g, const struct mc_tags *active,
                      const struct mc_match_result *r) {
    const struct mc_dataset *ds = g->ds;
    json_t *root = json_object(), *arr = json_array();
    bool ok = root && arr;
    for (size_t i = 0; ok && i < r->n; i++) {
        const struct mc_candidate *c = &r->cand[i];
        char reason[1024];
        mc_match_reason(g, active, r->node, c, reason, sizeof reason);
        json_t *o = json_object(), *via = json_array();
        ok = o && via;
        for (size_t k = 0; ok && k < c->n_via; k++) {
            ok = json_array_append_new(via, json_string(ds->ids.keys[c->via[k]])) == 0;
        }
        ok = ok && mc_json_put(o, "rank", json_integer((json_int_t)i + 1)) &&
             mc_json_put(o, "id", json_string(ds->ids.keys[c->node])) &&
             mc_json_put(o, "name", json_string(ds->node_name[c->node])) &&
             mc_json_put(o, "country",
                         json_string(mc_dataset_country_name(ds, ds->node_country[c->node]))) &&
             mc_json_put(o, "score", json_real(c->score)) &&
             mc_json_put(o, "link_score", json_real(c->link)) &&
             mc_json_put(o, "shared_neighbours", json_integer((json_int_t)c->shared)) &&
             mc_json_put(o, "via", via) && mc_json_put(o, "sector_fit", json_real(c->sector_fit)) &&
             mc_json_put(o, "foreign", json_boolean(c->foreign)) &&
             mc_json_put(o, "reason", json_string(reason)) && json_array_append_new(arr, o) == 0;
        if (!ok) {
            json_decref(o);
        }
    }
    ok = ok && mc_json_put(root, "node", json_string(ds->ids.keys[r->node])) &&
         mc_json_put(root, "name", json_string(ds->node_name[r->node])) &&
         mc_json_put(root, "sector", json_string(mc_graph_sector_name(g))) &&
         mc_json_put(root, "candidates_considered", json_integer((json_int_t)r->considered)) &&
         json_object_set(root, "matches", arr) == 0;
    json_decref(arr);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

void mc_partition_agreement_csv(FILE *f, const struct mc_partition_agreement *r) {
    char b[7][MC_REAL_BUFSZ];
    static const char *const header[] = {
        "nodes", "communities_a", "communities_b", "nmi",           "ari",
        "vi",    "vi_normalized", "split_join",    "split_join_ab", "split_join_ba"};
    mc_csv_row(f, MC_ARRAY_SIZE(header), header);
    fprintf(f,
            "%zu,%" IGRAPH_PRId ",%" IGRAPH_PRId ",%s,%s,%s,%s,%" IGRAPH_PRId ",%" IGRAPH_PRId
            ",%" IGRAPH_PRId "\n",
            r->nodes, r->ka, r->kb, mc_fmt_real(b[0], r->cmp.nmi), mc_fmt_real(b[1], r->cmp.ari),
            mc_fmt_real(b[2], r->cmp.vi), mc_fmt_real(b[3], r->cmp.vi_normalized),
            r->cmp.split_join_ab + r->cmp.split_join_ba, r->cmp.split_join_ab,
            r->cmp.split_join_ba);
}

json_t *mc_partition_agreement_json(const struct mc_partition_agreement *r) {
    json_t *o = json_object();
    bool ok =
        o && mc_json_put(o, "a", json_string(r->a)) && mc_json_put(o, "b", json_string(r->b)) &&
        mc_json_put(o, "nodes", json_integer((json_int_t)r->nodes)) &&
        mc_json_put(o, "only_a", json_integer((json_int_t)r->only_a)) &&
        mc_json_put(o, "only_b", json_integer((json_int_t)r->only_b)) &&
        mc_json_put(o, "unassigned", json_string(r->exclude ? "exclude" : "singleton")) &&
        mc_json_put(o, "unassigned_a", json_integer((json_int_t)r->unassigned_a)) &&
        mc_json_put(o, "unassigned_b", json_integer((json_int_t)r->unassigned_b)) &&
        mc_json_put(o, "communities_a", json_integer((json_int_t)r->ka)) &&
        mc_json_put(o, "communities_b", json_integer((json_int_t)r->kb)) &&
        mc_json_put(o, "nmi", mc_json_number(r->cmp.nmi)) &&
        mc_json_put(o, "ari", mc_json_number(r->cmp.ari)) &&
        mc_json_put(o, "vi", mc_json_number(r->cmp.vi)) &&
        mc_json_put(o, "vi_normalized", mc_json_number(r->cmp.vi_normalized)) &&
        mc_json_put(o, "split_join", json_integer(r->cmp.split_join_ab + r->cmp.split_join_ba)) &&
        mc_json_put(o, "split_join_ab", json_integer(r->cmp.split_join_ab)) &&
        mc_json_put(o, "split_join_ba", json_integer(r->cmp.split_join_ba));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}
