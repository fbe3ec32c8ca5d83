/*
 * The explorer page (explore.h): the view's drawing and analysis as JSON,
 * inlined with the web files into web/explorer.html's template.
 */
#include "metaclust/explore.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "metaclust/centrality.h"
#include "metaclust/community.h"
#include "metaclust/countries.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/palette.h"
#include "metaclust/profile.h"
#include "metaclust/render.h"
#include "metaclust/report.h"

#define DEFAULT_EDGE_CAP 50000
#define NODE_RADIUS      2.5 /* sigma's size unit (pixels at zoom 1): radius 1.25 to 7.5 */

void mc_explore_options_init(struct mc_explore_options *o) {
    memset(o, 0, sizeof *o);
    o->layout = MC_LAYOUT_AUTO;
    o->runs = 1;
    o->edge_cap = DEFAULT_EDGE_CAP;
}

static enum mc_status nomem(struct mc_error *err) {
    return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (explore)");
}

/* A real rounded to `digits` decimals: positions and scores need no more, and the page is smaller.
 */
static json_t *rounded(double x, int digits) {
    double k = pow(10, digits);
    return mc_json_real(round(x * k) / k);
}

/* ==== The analysis: the same calls as render's network figure ==== */

struct analysis {
    igraph_matrix_t pos;
    struct mc_layout_info li;
    igraph_vector_int_t memb;
    igraph_integer_t ncomm;
    double modularity;
    struct mc_centrality cen;
    const struct mc_centrality *cen_given; /* the caller's, instead of cen */
};

static void analysis_init(struct analysis *a) {
    memset(a, 0, sizeof *a);
    igraph_matrix_init(&a->pos, 0, 0);
    igraph_vector_int_init(&a->memb, 0);
    mc_centrality_init(&a->cen);
    a->modularity = NAN;
}

static void analysis_destroy(struct analysis *a) {
    igraph_matrix_destroy(&a->pos);
    igraph_vector_int_destroy(&a->memb);
    mc_centrality_destroy(&a->cen);
}

static enum mc_status analyse(const struct mc_graph *g, const struct mc_explore_options *o,
                              struct analysis *a, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct mc_layout_options lo;
    struct mc_centrality_options co;
    double *lat = malloc(((size_t)g->n + 1) * sizeof *lat);
    double *lon = malloc(((size_t)g->n + 1) * sizeof *lon);
    if (lat == NULL || lon == NULL) {
        rc = nomem(err);
        goto out;
    }
    mc_igraph_seed(o->seed);
    if (o->membership != NULL) {
        rc = mc_igraph_status(igraph_vector_int_update(&a->memb, o->membership), err, "explore");
        if (rc == MC_OK) {
            rc = mc_partition_canonical(&a->memb, &a->ncomm, err);
        }
        if (rc == MC_OK) {
            rc = mc_modularity(&g->ig, &g->weight, &a->memb, 1.0, &a->modularity, err);
        }
    } else {
        struct mc_comm_options mo;
        struct mc_comm_result res;
        mc_comm_options_init(&mo);
        mo.runs = o->runs;
        mo.seed = o->seed;
        mo.jobs = o->jobs;
        mc_comm_result_init(&res);
        rc = mc_communities(&g->ig, &g->weight, &mo, &res, err);
        if (rc == MC_OK) {
            rc = mc_igraph_status(igraph_vector_int_update(&a->memb, &res.best.membership), err,
                                  "explore");
            a->ncomm = res.best.n_communities;
            a->modularity = res.best.modularity;
        }
        mc_comm_result_destroy(&res);
    }
    if (rc != MC_OK) {
        goto out;
    }
    /* the layout after the communities: `auto` gives big components a region per community */
    mc_layout_options_graph(&lo, g, o->layout, o->seed, lat, lon);
    lo.community = o->regions_from_layout ? NULL : VECTOR(a->memb);
    if (o->layout_memo != NULL && o->layout_memo->set) {
        a->li = o->layout_memo->info;
        rc = mc_igraph_status(igraph_matrix_update(&a->pos, &o->layout_memo->pos), err, "explore");
    } else {
        rc = mc_layout_compute(&g->ig, &g->weight, &lo, &a->pos, &a->li, err);
    }
    if (rc != MC_OK) {
        goto out;
    }
    if (o->centrality != NULL && o->centrality->computed[MC_M_DEGREE] &&
        o->centrality->computed[MC_M_STRENGTH] && o->centrality->computed[MC_M_PAGERANK] &&
        o->centrality->computed[MC_M_BETWEENNESS]) {
        a->cen_given = o->centrality;
        goto out;
    }
    mc_centrality_options_init(&co);
    memset(co.want, 0, sizeof co.want);
    co.want[MC_M_DEGREE] = co.want[MC_M_STRENGTH] = true;
    co.want[MC_M_PAGERANK] = co.want[MC_M_BETWEENNESS] = true;
    co.seed = o->seed;
    co.jobs = o->jobs;
    rc = mc_centrality_compute(g, &co, &a->cen, err);
    a->cen_given = &a->cen;
out:
    free(lat);
    free(lon);
    return rc;
}

/* ==== The data ==== */

/* Appends to `arr`; false on ENOMEM (the value's reference is taken either way). */
static bool push(json_t *arr, json_t *v) {
    return v != NULL && json_array_append_new(arr, v) == 0;
}

/* Countries of the view by node count (then code): the first MC_PALETTE_COLOURS get colours. */
struct country_rank {
    int32_t c;
    size_t count;
    const char *code;
};

static int cmp_country_rank(const void *x, const void *y) {
    const struct country_rank *a = x, *b = y;
    if (a->count != b->count) {
        return a->count > b->count ? -1 : 1;
    }
    return strcmp(a->code, b->code);
}

static json_t *countries_json(const struct mc_dataset *ds, const struct mc_graph *g) {
    size_t nc = ds->countries.n;
    struct country_rank *r = calloc(nc + 1, sizeof *r);
    json_t *arr = json_array();
    bool ok = r != NULL && arr != NULL;
    for (size_t c = 0; ok && c < nc; c++) {
        r[c].c = (int32_t)c;
        r[c].code = ds->countries.keys[c];
    }
    for (igraph_integer_t v = 0; ok && v < g->n; v++) {
        if (g->country[v] >= 0) {
            r[g->country[v]].count++;
        }
    }
    if (ok) {
        qsort(r, nc, sizeof *r, cmp_country_rank);
    }
    /* written in index order, each with its colour by rank */
    json_t **item = calloc(nc + 1, sizeof *item);
    ok = ok && item != NULL;
    for (size_t k = 0; ok && k < nc; k++) {
        const struct mc_country_info *ci = mc_country_find(r[k].code);
        json_t *o = json_object();
        ok = o != NULL && mc_json_put(o, "code", json_string(r[k].code)) &&
             mc_json_put(o, "name", json_string(ci ? ci->name : r[k].code)) &&
             mc_json_put(o, "nodes", json_integer((json_int_t)r[k].count)) &&
             mc_json_put(
                 o, "colour",
                 json_string(mc_palette_hex(k < MC_PALETTE_COLOURS ? (int)k : MC_PALETTE_OTHER)));
        item[r[k].c] = o;
        if (!ok) {
            json_decref(o);
            item[r[k].c] = NULL;
        }
    }
    for (size_t c = 0; c < nc; c++) {
        if (ok) {
            ok = push(arr, item[c]);
        } else {
            json_decref(item[c]);
        }
    }
    free(item);
    free(r);
    if (!ok) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

static json_t *communities_json(const struct analysis *a) {
    json_t *arr = json_array();
    size_t *size = calloc((size_t)a->ncomm + 1, sizeof *size);
    bool ok = arr != NULL && size != NULL;
    for (igraph_integer_t v = 0; ok && v < igraph_vector_int_size(&a->memb); v++) {
        size[VECTOR(a->memb)[v]]++;
    }
    for (igraph_integer_t c = 0; ok && c < a->ncomm; c++) {
        json_t *o = json_object();
        ok = push(arr, o) && mc_json_put(o, "size", json_integer((json_int_t)size[c])) &&
             mc_json_put(
                 o, "colour",
                 json_string(mc_palette_hex(c < MC_PALETTE_COLOURS ? (int)c : MC_PALETTE_OTHER)));
    }
    free(size);
    if (!ok) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

/* The vertex of a dataset id in the view, or -1. */
static igraph_integer_t vertex_of_id(const struct mc_graph *g, const char *id) {
    long i = mc_intern_find(&g->ds->ids, id, strlen(id));
    return i < 0 ? -1 : g->vertex_of[i];
}

static json_t *proposal_json(const struct mc_graph *g, const struct mc_proposals_io *pio,
                             const struct mc_prop *p, size_t k) {
    json_t *o = json_object(), *members = json_array(), *roles = json_array(),
           *links = json_array();
    bool ok = o != NULL;
    ok = mc_json_put(o, "members", members) && ok;
    ok = mc_json_put(o, "roles", roles) && ok;
    ok = mc_json_put(o, "links", links) && ok;
    ok = ok && mc_json_put(o, "id", json_string(p->id)) &&
         mc_json_put(o, "sector", json_string(p->sector ? p->sector : "")) &&
         mc_json_put(o, "rank", json_integer(p->rank)) &&
         mc_json_put(o, "score", rounded(p->score, 4)) &&
         mc_json_put(o, "coordinator",
                     json_string(p->coordinator_name ? p->coordinator_name : "")) &&
         mc_json_put(
             o, "colour",
             json_string(mc_palette_hex(k < MC_PALETTE_COLOURS ? (int)k : MC_PALETTE_OTHER)));
    for (size_t i = 0; ok && i < p->n_member; i++) {
        igraph_integer_t v = vertex_of_id(g, p->member[i]);
        if (v < 0) {
            continue;
        }
        const char *role = "";
        for (size_t j = 0; j < pio->n_member; j++) {
            const struct mc_prop_member *m = &pio->member[j];
            if (strcmp(m->proposal, p->id) == 0 && strcmp(m->id, p->member[i]) == 0) {
                role = m->role ? m->role : "";
                break;
            }
        }
        ok = push(members, json_integer(v)) && push(roles, json_string(role));
    }
    for (size_t j = 0; ok && j < pio->n_link; j++) {
        const struct mc_prop_link *l = &pio->link[j];
        igraph_integer_t a, b;
        if (strcmp(l->proposal, p->id) != 0 || (a = vertex_of_id(g, l->source)) < 0 ||
            (b = vertex_of_id(g, l->target)) < 0) {
            continue;
        }
        json_t *t = json_array();
        ok = push(links, t) && push(t, json_integer(a)) && push(t, json_integer(b)) &&
             push(t, rounded(l->score, 4));
    }
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* How many of sorted[0..n) are below x (first index not below x). */
static size_t count_below(const double *sorted, size_t n, double x) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] < x) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/*
 * The profile's percentiles of measure m among the view's nodes (mc_percentile, as `metaclust
 * profile` ranks a node against its sector), one per node, appended to `col`: the same values,
 * from the sorted measure (the node itself left out of its peers) instead of a scan per node.
 * Time complexity: O(n log n).
 */
static bool percentiles(json_t *col, const struct mc_graph *g, const igraph_vector_t *values) {
    size_t n = (size_t)g->n, k = 0;
    double *sorted = malloc((n ? n : 1) * sizeof *sorted);
    bool ok = sorted != NULL;
    for (size_t v = 0; ok && v < n; v++) {
        if (!isnan(VECTOR(*values)[v])) {
            sorted[k++] = VECTOR(*values)[v];
        }
    }
    if (ok) {
        qsort(sorted, k, sizeof *sorted, cmp_double);
    }
    for (size_t v = 0; ok && v < n; v++) {
        double x = VECTOR(*values)[v], pct = NAN;
        if (!isnan(x) && k > 1) {
            size_t lower = count_below(sorted, k, x);
            size_t equal = count_below(sorted, k, nextafter(x, INFINITY)) - lower - 1;
            pct = 100.0 * ((double)lower + 0.5 * (double)equal) / (double)(k - 1);
        }
        ok = push(col, rounded(pct, 1));
    }
    free(sorted);
    return ok;
}

/* A sector a vertex is active in. */
struct vsec {
    int32_t v, s;
};

static int cmp_i32(const void *x, const void *y) {
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

/* Item `item` of t gives vertex v its sectors: counted (val NULL) or placed at pos[v]. */
static void vsec_put(int32_t v, const struct mc_tags *t, size_t item, size_t *count, size_t *pos,
                     int32_t *val) {
    if (v < 0) {
        return;
    }
    size_t k = mc_tags_count(t, item);
    if (val == NULL) {
        count[v] += k;
        return;
    }
    const int32_t *s = mc_tags_of(t, item);
    for (size_t j = 0; j < k; j++) {
        val[pos[v]++] = s[j];
    }
}

/* Every source of a vertex's sectors, repeats included (vertex_sectors). */
static void vsec_sources(const struct mc_dataset *ds, const struct mc_graph *g, size_t *count,
                         size_t *pos, int32_t *val) {
    for (igraph_integer_t v = 0; v < g->n; v++) {
        vsec_put((int32_t)v, &ds->node_sectors, (size_t)g->node[v], count, pos, val);
    }
    for (size_t r = 0; r < ds->n_aff; r++) {
        size_t item;
        const struct mc_tags *t = mc_dataset_aff_tags(ds, r, &item);
        vsec_put(g->vertex_of[ds->aff_node[r]], t, item, count, pos, val);
    }
    for (size_t e = 0; e < ds->n_edges; e++) {
        vsec_put(g->vertex_of[ds->edge_src[e]], &ds->edge_sectors, e, count, pos, val);
        vsec_put(g->vertex_of[ds->edge_tgt[e]], &ds->edge_sectors, e, count, pos, val);
    }
}

/*
 * The sectors of each vertex, sorted by vertex then sector, without repeats: those of its
 * nodes.csv row, of its affiliations (the row's own, else its group's: mc_dataset_aff_tags)
 * and of its direct edges, so that a dataset whose sectors come with the projects (h2020)
 * still shows and filters them. Bucketed by vertex (two passes over the sources), each
 * vertex's few sectors sorted on their own. NULL (and *n 0) when there are none; false on
 * ENOMEM.
 */
static bool vertex_sectors(const struct mc_dataset *ds, const struct mc_graph *g, struct vsec **out,
                           size_t *n, struct mc_error *err) {
    size_t nv = (size_t)g->n;
    size_t *count = calloc(nv + 1, sizeof *count), *pos = malloc((nv + 1) * sizeof *pos);
    int32_t *val = NULL;
    struct vsec *p = NULL;
    size_t total = 0, u = 0;
    *out = NULL;
    *n = 0;
    if (count == NULL || pos == NULL) {
        goto nomem;
    }
    vsec_sources(ds, g, count, NULL, NULL);
    for (size_t v = 0; v < nv; v++) {
        pos[v] = total;
        total += count[v];
    }
    if (total == 0) {
        free(count);
        free(pos);
        return true;
    }
    if ((val = malloc(total * sizeof *val)) == NULL || (p = malloc(total * sizeof *p)) == NULL) {
        goto nomem;
    }
    vsec_sources(ds, g, count, pos, val);
    for (size_t v = 0, off = 0; v < nv; off += count[v], v++) {
        int32_t *seg = val + off;
        qsort(seg, count[v], sizeof *seg, cmp_i32);
        for (size_t j = 0; j < count[v]; j++) {
            if (j == 0 || seg[j] != seg[j - 1]) {
                p[u++] = (struct vsec){(int32_t)v, seg[j]};
            }
        }
    }
    free(count);
    free(pos);
    free(val);
    *out = p;
    *n = u;
    return true;
nomem:
    free(count);
    free(pos);
    free(val);
    free(p);
    nomem(err);
    return false;
}

/* The node attributes, one array per attribute (smaller than one object per node). */
static bool nodes_json(json_t *nodes, const struct mc_dataset *ds, const struct mc_graph *g,
                       const struct analysis *a, struct mc_error *err) {
    static const char *const names[] = {
        "id", "name", "country",   "region", "type",     "sectors",  "label",      "x",
        "y",  "size", "community", "degree", "strength", "pagerank", "betweenness"};
    enum { ID, NAME, COUNTRY, REGION, TYPE, SECTORS, LABEL, X, Y, SIZE, COMM, DEG, STR, PR, BT, N };
    json_t *col[N];
    bool ok = true;
    for (int k = 0; k < N; k++) {
        col[k] = json_array();
        ok = mc_json_put(nodes, names[k], col[k]) && ok;
    }
    const igraph_vector_t *pr = &a->cen_given->value[MC_M_PAGERANK];
    double prmax = g->n > 0 ? igraph_vector_max(pr) : 0;
    struct vsec *vs = NULL;
    size_t nvs = 0, next = 0;
    ok = ok && vertex_sectors(ds, g, &vs, &nvs, err);
    for (igraph_integer_t v = 0; ok && v < g->n; v++) {
        size_t i = (size_t)g->node[v];
        json_t *sec = json_array();
        ok = push(col[SECTORS], sec);
        for (; ok && next < nvs && vs[next].v == v; next++) {
            ok = push(sec, json_integer(vs[next].s));
        }
        ok = ok && push(col[ID], json_string(mc_graph_id(g, v))) &&
             push(col[NAME], json_string(mc_graph_name(g, v))) &&
             push(col[COUNTRY], json_integer(g->country[v])) &&
             push(col[REGION], json_string(ds->node_region[i])) &&
             push(col[TYPE], json_string(ds->node_type[i])) &&
             push(col[LABEL], json_string(mc_label_name((enum mc_label)ds->node_label[i]))) &&
             push(col[X], rounded(MATRIX(a->pos, v, 0), 4)) &&
             push(col[Y], rounded(MATRIX(a->pos, v, 1), 4)) &&
             push(col[SIZE], rounded(mc_render_radius(NODE_RADIUS, VECTOR(*pr)[v], prmax), 3)) &&
             push(col[COMM], json_integer(VECTOR(a->memb)[v])) &&
             push(col[DEG], mc_json_number(VECTOR(a->cen_given->value[MC_M_DEGREE])[v])) &&
             push(col[STR], rounded(VECTOR(a->cen_given->value[MC_M_STRENGTH])[v], 4)) &&
             push(col[PR], mc_json_real(VECTOR(*pr)[v])) &&
             push(col[BT], mc_json_real(VECTOR(a->cen_given->value[MC_M_BETWEENNESS])[v]));
    }
    static const char *const pct[] = {"pct_degree", "pct_strength", "pct_pagerank",
                                      "pct_betweenness"};
    static const enum mc_measure pm[] = {MC_M_DEGREE, MC_M_STRENGTH, MC_M_PAGERANK,
                                         MC_M_BETWEENNESS};
    for (size_t k = 0; ok && k < MC_ARRAY_SIZE(pct); k++) {
        json_t *c = json_array();
        ok = mc_json_put(nodes, pct[k], c) && percentiles(c, g, &a->cen_given->value[pm[k]]);
    }
    free(vs);
    return ok;
}

static json_t *page_data(const struct mc_dataset *ds, const struct mc_graph *g,
                         const struct mc_explore_options *o, const struct analysis *a,
                         igraph_integer_t drawn, struct mc_error *err) {
    json_t *root = json_object(), *nodes = json_object(), *sectors = json_array(),
           *props = json_array();
    char title[512];
    bool ok = root != NULL;
    if (o->title != NULL) {
        snprintf(title, sizeof title, "%s", o->title);
    } else if (g->view.sector >= 0) {
        snprintf(title, sizeof title, "%s — sector %s", ds->name, mc_graph_sector_name(g));
    } else {
        snprintf(title, sizeof title, "%s — all sectors", ds->name);
    }
    ok = mc_json_put(root, "nodes", nodes) && ok;
    ok = mc_json_put(root, "sectors", sectors) && ok;
    ok = mc_json_put(root, "proposals", props) && ok;
    ok =
        ok && mc_json_put(root, "title", json_string(title)) &&
        mc_json_put(root, "dataset", json_string(ds->name)) &&
        mc_json_put(root, "sector", json_string(mc_graph_sector_name(g))) &&
        mc_json_put(root, "layout", json_string(mc_layout_name(a->li.used))) &&
        mc_json_put(root, "regions", json_integer(a->li.regions)) &&
        mc_json_put(root, "seed", json_integer((json_int_t)o->seed)) &&
        mc_json_put(root, "modularity", rounded(a->modularity, 4)) &&
        mc_json_put(root, "betweenness_sampled", json_boolean(a->cen_given->betweenness_sampled)) &&
        mc_json_put(root, "edges", json_integer(igraph_ecount(&g->ig))) &&
        mc_json_put(root, "edges_drawn", json_integer(drawn)) &&
        mc_json_put(root, "other_colour", json_string(mc_palette_hex(MC_PALETTE_OTHER))) &&
        mc_json_put(root, "weight_name",
                    json_string(g->stats.groups > 0 ? "shared groups" : "weight")) &&
        mc_json_put(root, "countries", countries_json(ds, g)) &&
        mc_json_put(root, "communities", communities_json(a)) && nodes_json(nodes, ds, g, a, err);
    for (size_t s = 0; ok && s < ds->sectors.n; s++) {
        ok = push(sectors, json_string(mc_dataset_sector_name(ds, (int32_t)s)));
    }
    /* the proposals of this view: those with two or more members in it (a propose
       directory may hold every sector's) */
    const struct mc_proposals_io *pio = o->proposals;
    for (size_t k = 0, shown = 0; ok && pio != NULL && k < pio->n; k++) {
        size_t in = 0;
        for (size_t i = 0; i < pio->prop[k].n_member; i++) {
            in += vertex_of_id(g, pio->prop[k].member[i]) >= 0;
        }
        if (in >= 2) {
            ok = push(props, proposal_json(g, pio, &pio->prop[k], shown++));
        }
    }
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* ==== The links, strongest first ==== */

struct edge_order {
    const igraph_t *ig;
    const double *w;
};

static int cmp_edge(void *ctx, const void *x, const void *y) {
    const struct edge_order *o = ctx;
    igraph_integer_t a = *(const igraph_integer_t *)x, b = *(const igraph_integer_t *)y;
    if (o->w[a] != o->w[b]) {
        return o->w[a] > o->w[b] ? -1 : 1;
    }
    igraph_integer_t fa = IGRAPH_FROM(o->ig, a), fb = IGRAPH_FROM(o->ig, b);
    if (fa != fb) {
        return fa < fb ? -1 : 1;
    }
    igraph_integer_t ta = IGRAPH_TO(o->ig, a), tb = IGRAPH_TO(o->ig, b);
    return ta < tb ? -1 : (ta > tb);
}

/* [from, to, weight, from, to, weight, ...], weight descending, then by ends: a total order. */
static enum mc_status write_edges(const struct mc_graph *g, FILE *f, struct mc_error *err) {
    igraph_integer_t m = igraph_ecount(&g->ig);
    igraph_integer_t *order = malloc(((size_t)m + 1) * sizeof *order);
    struct edge_order ctx = {&g->ig, VECTOR(g->weight)};
    if (order == NULL) {
        return nomem(err);
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        order[e] = e;
    }
    igraph_qsort_r(order, (size_t)m, sizeof *order, &ctx, cmp_edge);
    fputc('[', f);
    for (igraph_integer_t k = 0; k < m; k++) {
        igraph_integer_t e = order[k];
        fprintf(f, "%s%" IGRAPH_PRId ",%" IGRAPH_PRId ",%.6g", k ? "," : "", IGRAPH_FROM(&g->ig, e),
                IGRAPH_TO(&g->ig, e), VECTOR(g->weight)[e]);
    }
    fputc(']', f);
    free(order);
    return MC_OK;
}

/* ==== The page ==== */

/* JSON inside <script>: '<' as \u003c, so that no "</script" or "<!--" can end or bend the block.
 */
static enum mc_status write_json(FILE *f, const json_t *root, struct mc_error *err) {
    char *s = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    if (s == NULL) {
        return nomem(err);
    }
    for (const char *p = s; *p;) {
        size_t k = strcspn(p, "<");
        fwrite(p, 1, k, f);
        p += k;
        if (*p == '<') {
            fputs("\\u003c", f);
            p++;
        }
    }
    free(s);
    return MC_OK;
}

/*
 * Copies the template, replacing its markers: @@title@@ (escaped HTML text),
 * @@data@@ (the JSON), @@edges@@ (the links), @@licences@@ (the vendored
 * licences, for a comment) and @@asset:NAME@@ (a web file).
 */
static enum mc_status write_page(FILE *f, const char *title, const json_t *data,
                                 const struct mc_graph *g, struct mc_error *err) {
    const char *tpl = mc_explore_asset("explorer.html", NULL);
    enum mc_status rc = MC_OK;
    if (tpl == NULL) {
        return mc_error_set(err, MC_E_DATA, NULL, 0, "explore: explorer.html is not built in");
    }
    for (const char *p = tpl; *p && rc == MC_OK;) {
        const char *m = strstr(p, "@@");
        const char *end = m ? strstr(m + 2, "@@") : NULL;
        if (m == NULL || end == NULL) {
            fputs(p, f);
            break;
        }
        fwrite(p, 1, (size_t)(m - p), f);
        char key[64];
        size_t klen = (size_t)(end - m - 2);
        if (klen >= sizeof key) {
            return mc_error_set(err, MC_E_DATA, NULL, 0, "explore: bad marker in explorer.html");
        }
        memcpy(key, m + 2, klen);
        key[klen] = '\0';
        if (strcmp(key, "title") == 0) {
            mc_xml_escape(f, title);
        } else if (strcmp(key, "data") == 0) {
            rc = write_json(f, data, err);
        } else if (strcmp(key, "edges") == 0) {
            rc = write_edges(g, f, err);
        } else if (strcmp(key, "licences") == 0) {
            fputs(mc_explore_asset("LICENSE.sigma.txt", NULL), f);
            fputs(mc_explore_asset("LICENSE.graphology.txt", NULL), f);
        } else if (strncmp(key, "asset:", 6) == 0 && mc_explore_asset(key + 6, NULL) != NULL) {
            fputs(mc_explore_asset(key + 6, NULL), f);
        } else {
            return mc_error_set(err, MC_E_DATA, NULL, 0,
                                "explore: unknown marker '%s' in explorer.html", key);
        }
        p = end + 2;
    }
    return rc;
}

enum mc_status mc_explore_write(const struct mc_dataset *ds, const struct mc_graph *g,
                                const struct mc_explore_options *o, FILE *f,
                                struct mc_explore_info *info, struct mc_error *err) {
    struct analysis a;
    json_t *data = NULL;
    enum mc_status rc;
    igraph_integer_t m = igraph_ecount(&g->ig);
    igraph_integer_t drawn = o->edge_cap > 0 && o->edge_cap < m ? o->edge_cap : m;

    analysis_init(&a);
    if ((rc = analyse(g, o, &a, err)) != MC_OK) {
        goto out;
    }
    if ((data = page_data(ds, g, o, &a, drawn, err)) == NULL) {
        rc = nomem(err);
        goto out;
    }
    rc = write_page(f, json_string_value(json_object_get(data, "title")), data, g, err);
    if (rc == MC_OK && info != NULL) {
        info->nodes = g->n;
        info->edges = m;
        info->edges_drawn = drawn;
        info->communities = a.ncomm;
        info->proposals = json_array_size(json_object_get(data, "proposals"));
    }
out:
    json_decref(data);
    analysis_destroy(&a);
    return rc;
}
