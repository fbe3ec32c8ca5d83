/*
 * Change between two periods. See metaclust/change.h.
 */
#include "metaclust/change.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/igraph_bridge.h"

void mc_change_options_init(struct mc_change_options *o) {
    memset(o, 0, sizeof *o);
    mc_view_options_init(&o->view);
    mc_comm_options_init(&o->comm);
    o->min_community = 3;
}

void mc_change_init(struct mc_change *c) {
    memset(c, 0, sizeof *c);
    c->sector = -1;
    c->modularity_from = c->modularity_to = NAN;
}

void mc_change_destroy(struct mc_change *c) {
    free(c->node_status);
    free(c->pairs);
    free(c->communities);
    mc_change_init(c);
}

double mc_change_cross_share(double cross, double known) {
    return known > 0 ? cross / known : NAN;
}

/* ==== Links and country pairs ==== */

/* What one period adds up: weights per country pair (nc x nc, a <= b by code). */
struct period_sums {
    double *w;
    size_t *links;
    uint8_t *present; /* per dataset node */
    size_t nodes, links_total;
    double weight, cross, known;
};

/* The pair's cell, its two countries ordered by code. */
static size_t pair_cell(const struct mc_dataset *ds, int32_t a, int32_t b) {
    size_t nc = ds->countries.n;
    if (strcmp(ds->countries.keys[a], ds->countries.keys[b]) > 0) {
        int32_t t = a;
        a = b;
        b = t;
    }
    return (size_t)a * nc + (size_t)b;
}

static void add_period(const struct mc_dataset *ds, const struct mc_edgelist *el,
                       struct period_sums *ps) {
    for (size_t e = 0; e < el->n_edges; e++) {
        int32_t u = el->node[el->from[e]], v = el->node[el->to[e]];
        double w = el->weight[e];
        ps->present[u] = ps->present[v] = 1;
        ps->weight += w;
        ps->links_total++;
        int32_t cu = ds->node_country[u], cv = ds->node_country[v];
        if (cu < 0 || cv < 0) {
            continue;
        }
        ps->known += w;
        if (cu != cv) {
            ps->cross += w;
        }
        size_t cell = pair_cell(ds, cu, cv);
        ps->w[cell] += w;
        ps->links[cell]++;
    }
    for (size_t i = 0; i < ds->n_nodes; i++) {
        ps->nodes += ps->present[i];
    }
}

/* A pair's change and its place in code order, for sorting. */
struct pair_key {
    double delta;
    size_t pos;
};

static int cmp_pair_key(const void *pa, const void *pb) {
    const struct pair_key *a = pa, *b = pb;
    if (a->delta != b->delta) {
        return a->delta > b->delta ? -1 : 1;
    }
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* The countries in code order (few: insertion sort). */
static void countries_by_code(const struct mc_dataset *ds, int32_t *order) {
    for (size_t c = 0; c < ds->countries.n; c++) {
        size_t j = c;
        while (j > 0 && strcmp(ds->countries.keys[order[j - 1]], ds->countries.keys[c]) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = (int32_t)c;
    }
}

/* Every pair with a link in either period, by change (largest growth first), then codes. */
static enum mc_status collect_pairs(const struct mc_dataset *ds, const struct period_sums *pa,
                                    const struct period_sums *pb, struct mc_change *out,
                                    struct mc_error *err) {
    size_t nc = ds->countries.n, n = 0;
    for (size_t k = 0; k < nc * nc; k++) {
        n += pa->links[k] > 0 || pb->links[k] > 0;
    }
    int32_t *order = malloc((nc + 1) * sizeof *order);
    struct pair_key *key = malloc((n + 1) * sizeof *key);
    struct mc_change_pair *tmp = malloc((n + 1) * sizeof *tmp);
    out->pairs = malloc((n + 1) * sizeof *out->pairs);
    if (order == NULL || key == NULL || tmp == NULL || out->pairs == NULL) {
        free(order);
        free(key);
        free(tmp);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (change)");
    }
    countries_by_code(ds, order);
    for (size_t i = 0; i < nc; i++) {
        for (size_t j = i; j < nc; j++) {
            size_t k = pair_cell(ds, order[i], order[j]);
            if (pa->links[k] == 0 && pb->links[k] == 0) {
                continue;
            }
            struct mc_change_pair *p = &tmp[n = out->n_pairs++];
            p->a = order[i];
            p->b = order[j];
            p->w_from = pa->w[k];
            p->w_to = pb->w[k];
            p->links_from = pa->links[k];
            p->links_to = pb->links[k];
            key[n].delta = p->w_to - p->w_from;
            key[n].pos = n;
        }
    }
    qsort(key, out->n_pairs, sizeof *key, cmp_pair_key);
    for (size_t i = 0; i < out->n_pairs; i++) {
        out->pairs[i] = tmp[key[i].pos];
    }
    free(order);
    free(key);
    free(tmp);
    return MC_OK;
}

/*
 * Walks the two edge lists, both sorted by dataset node pair (vertices follow
 * the dataset's order), and marks every later link that existed before.
 */
static void compare_links(const struct mc_edgelist *a, const struct mc_edgelist *b, uint8_t *kept_b,
                          struct mc_change *out) {
    size_t i = 0, j = 0;
    while (i < a->n_edges || j < b->n_edges) {
        int c;
        if (i == a->n_edges) {
            c = 1;
        } else if (j == b->n_edges) {
            c = -1;
        } else {
            int32_t ua = a->node[a->from[i]], va = a->node[a->to[i]];
            int32_t ub = b->node[b->from[j]], vb = b->node[b->to[j]];
            c = ua != ub ? (ua < ub ? -1 : 1) : va != vb ? (va < vb ? -1 : 1) : 0;
        }
        if (c < 0) {
            out->links_lost++;
            i++;
        } else if (c > 0) {
            out->links_new++;
            j++;
        } else {
            out->links_kept++;
            kept_b[j] = 1;
            i++;
            j++;
        }
    }
}

/* ==== Communities traced back ==== */

static enum mc_status period_communities(const struct mc_graph *g, const struct mc_comm_options *o,
                                         struct mc_comm_result *res, struct mc_error *err) {
    return mc_communities(&g->ig, &g->weight, o, res, err);
}

static enum mc_status trace_back(const struct mc_graph *ga, const struct mc_comm_result *ra,
                                 const struct mc_graph *gb, const struct mc_comm_result *rb,
                                 const uint8_t *kept_b, const struct mc_change_options *opt,
                                 struct mc_change *out, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    const igraph_vector_int_t *mb = &rb->best.membership, *ma = &ra->best.membership;
    size_t k = (size_t)rb->best.n_communities, ka = (size_t)ra->best.n_communities;
    size_t nb = (size_t)gb->n, nc = gb->ds->countries.n;
    size_t *size = calloc(k + 1, sizeof *size);
    double *strength = calloc(nb + 1, sizeof *strength);
    size_t *origin = calloc(ka + 1, sizeof *origin);
    uint8_t *country_seen = calloc(nc + 1, 1);
    size_t *links_kept = calloc(k + 1, sizeof *links_kept);
    size_t *links_new = calloc(k + 1, sizeof *links_new);
    if (!size || !strength || !origin || !country_seen || !links_kept || !links_new) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (change)");
        goto out;
    }
    for (size_t v = 0; v < nb; v++) {
        size[VECTOR(*mb)[v]]++;
    }
    for (igraph_integer_t e = 0; e < igraph_ecount(&gb->ig); e++) {
        igraph_integer_t u = IGRAPH_FROM(&gb->ig, e), v = IGRAPH_TO(&gb->ig, e);
        if (VECTOR(*mb)[u] != VECTOR(*mb)[v]) {
            continue;
        }
        double w = VECTOR(gb->weight)[e];
        strength[u] += w;
        strength[v] += w;
        if (kept_b[e]) {
            links_kept[VECTOR(*mb)[u]]++;
        } else {
            links_new[VECTOR(*mb)[u]]++;
        }
    }
    size_t n = 0;
    for (size_t c = 0; c < k; c++) {
        n += size[c] >= opt->min_community;
    }
    out->communities = calloc(n ? n : 1, sizeof *out->communities);
    if (out->communities == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (change)");
        goto out;
    }
    /* one pass per listed community: O(n) each, and few communities reach the minimum size */
    for (size_t c = 0; c < k; c++) {
        if (size[c] < opt->min_community) {
            continue;
        }
        struct mc_change_community *cc = &out->communities[out->n_communities++];
        cc->id = (igraph_integer_t)c;
        cc->size = size[c];
        cc->main_origin = -1;
        cc->lead = -1;
        cc->links_kept = links_kept[c];
        cc->links_new = links_new[c];
        memset(origin, 0, (ka + 1) * sizeof *origin);
        memset(country_seen, 0, nc + 1);
        double best = -1;
        for (size_t v = 0; v < nb; v++) {
            if ((size_t)VECTOR(*mb)[v] != c) {
                continue;
            }
            int32_t node = gb->node[v];
            if (strength[v] > best) {
                best = strength[v];
                cc->lead = node;
            }
            if (gb->country[v] >= 0 && !country_seen[gb->country[v]]) {
                country_seen[gb->country[v]] = 1;
                cc->countries++;
            }
            if (out->node_status[node] != MC_NODE_KEPT) {
                continue;
            }
            int32_t va = ga->vertex_of[node];
            cc->returning++;
            if (origin[VECTOR(*ma)[va]]++ == 0) {
                cc->origins++;
            }
        }
        for (size_t o = 0; o < ka; o++) {
            if (origin[o] > cc->main_origin_members) {
                cc->main_origin_members = origin[o];
                cc->main_origin = (igraph_integer_t)o;
            }
        }
    }
out:
    free(size);
    free(strength);
    free(origin);
    free(country_seen);
    free(links_kept);
    free(links_new);
    return rc;
}

/* ==== Entry point ==== */

enum mc_status mc_change_compute(const struct mc_dataset *before, const struct mc_dataset *after,
                                 const struct mc_change_options *opt, struct mc_change *out,
                                 struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct mc_edgelist ea, eb;
    struct mc_graph ga, gb;
    struct mc_comm_result ra, rb;
    struct period_sums pa, pb;
    uint8_t *kept_b = NULL;
    size_t nc = after->countries.n;

    if (before->n_nodes != after->n_nodes || before->countries.n != nc) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "change: the two periods come from different datasets");
    }
    if (nc > 0 && nc > SIZE_MAX / nc / sizeof(double)) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (change: %zu countries)", nc);
    }
    mc_edgelist_init(&ea);
    mc_edgelist_init(&eb);
    mc_graph_init(&ga);
    mc_graph_init(&gb);
    mc_comm_result_init(&ra);
    mc_comm_result_init(&rb);
    memset(&pa, 0, sizeof pa);
    memset(&pb, 0, sizeof pb);
    out->from = before->years;
    out->to = after->years;
    out->sector = opt->view.sector;
    out->n_nodes = after->n_nodes;
    out->node_status = calloc(out->n_nodes + 1, 1);
    pa.w = calloc(nc * nc + 1, sizeof *pa.w);
    pb.w = calloc(nc * nc + 1, sizeof *pb.w);
    pa.links = calloc(nc * nc + 1, sizeof *pa.links);
    pb.links = calloc(nc * nc + 1, sizeof *pb.links);
    pa.present = calloc(out->n_nodes + 1, 1);
    pb.present = calloc(out->n_nodes + 1, 1);
    if (!out->node_status || !pa.w || !pb.w || !pa.links || !pb.links || !pa.present ||
        !pb.present) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (change)");
        goto out;
    }
    if ((rc = mc_view_edges(before, &opt->view, &ea, err)) != MC_OK ||
        (rc = mc_view_edges(after, &opt->view, &eb, err)) != MC_OK) {
        goto out;
    }
    kept_b = calloc(eb.n_edges + 1, 1);
    if (kept_b == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (change)");
        goto out;
    }
    compare_links(&ea, &eb, kept_b, out);
    add_period(before, &ea, &pa);
    add_period(after, &eb, &pb);
    out->nodes_from = pa.nodes;
    out->nodes_to = pb.nodes;
    out->links_from = pa.links_total;
    out->links_to = pb.links_total;
    out->weight_from = pa.weight;
    out->weight_to = pb.weight;
    out->cross_from = pa.cross;
    out->cross_to = pb.cross;
    out->known_from = pa.known;
    out->known_to = pb.known;
    for (size_t i = 0; i < out->n_nodes; i++) {
        uint8_t s = pa.present[i] && pb.present[i] ? MC_NODE_KEPT
                    : pb.present[i]                ? MC_NODE_ENTERED
                    : pa.present[i]                ? MC_NODE_LEFT
                                                   : MC_NODE_ABSENT;
        out->node_status[i] = s;
        out->nodes_kept += s == MC_NODE_KEPT;
        out->nodes_entered += s == MC_NODE_ENTERED;
        out->nodes_left += s == MC_NODE_LEFT;
    }
    if ((rc = collect_pairs(after, &pa, &pb, out, err)) != MC_OK) {
        goto out;
    }
    /* the graphs adopt the edge lists; igraph edge e is edge list row e */
    if ((rc = mc_graph_from_edgelist(&ga, before, &opt->view, &ea, err)) != MC_OK ||
        (rc = mc_graph_from_edgelist(&gb, after, &opt->view, &eb, err)) != MC_OK ||
        (rc = period_communities(&ga, &opt->comm, &ra, err)) != MC_OK ||
        (rc = period_communities(&gb, &opt->comm, &rb, err)) != MC_OK) {
        goto out;
    }
    out->communities_from = ra.best.n_communities;
    out->communities_to = rb.best.n_communities;
    out->modularity_from = ra.best.modularity;
    out->modularity_to = rb.best.modularity;
    rc = trace_back(&ga, &ra, &gb, &rb, kept_b, opt, out, err);
out:
    free(kept_b);
    free(pa.w);
    free(pb.w);
    free(pa.links);
    free(pb.links);
    free(pa.present);
    free(pb.present);
    mc_comm_result_destroy(&ra);
    mc_comm_result_destroy(&rb);
    mc_graph_destroy(&ga);
    mc_graph_destroy(&gb);
    mc_edgelist_destroy(&ea);
    mc_edgelist_destroy(&eb);
    return rc;
}
