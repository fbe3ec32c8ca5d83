#include "metaclust/match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/igraph_bridge.h"
#include "metaclust/util.h"

void mc_match_options_init(struct mc_match_options *o) {
    o->top = 10;
    o->foreign_only = false;
}

void mc_match_result_init(struct mc_match_result *r) {
    memset(r, 0, sizeof *r);
    r->node = -1;
}

void mc_match_result_destroy(struct mc_match_result *r) {
    free(r->cand);
    mc_match_result_init(r);
}

static double jaccard(const struct mc_tags *t, size_t a, size_t b) {
    size_t na = mc_tags_count(t, a), nb = mc_tags_count(t, b);
    if (na == 0 && nb == 0) {
        return 0;
    }
    const int32_t *x = mc_tags_of(t, a), *y = mc_tags_of(t, b);
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (x[i] < y[j]) {
            i++;
        } else if (y[j] < x[i]) {
            j++;
        } else {
            common++;
            i++;
            j++;
        }
    }
    return (double)common / (double)(na + nb - common);
}

/* Sorting candidates needs the dataset for the id tie-break: C11 qsort has no context. */
struct ranked {
    struct mc_candidate c;
    const char *id;
};

static int cmp_ranked(const void *a, const void *b) {
    const struct ranked *x = a, *y = b;
    if (x->c.score != y->c.score) {
        return x->c.score > y->c.score ? -1 : 1;
    }
    return strcmp(x->id, y->id);
}

enum mc_status mc_match(const struct mc_graph *g, int32_t node, const struct mc_tags *active,
                        const struct mc_match_options *opt, struct mc_match_result *out,
                        struct mc_error *err) {
    const struct mc_dataset *ds = g->ds;
    igraph_integer_t n = g->n;
    igraph_integer_t x = g->vertex_of[node];
    enum mc_status rc = MC_OK;
    igraph_inclist_t inc;
    bool inc_ok = false;
    double *ra = NULL, *via_w = NULL;
    size_t *cn = NULL;
    int32_t *via = NULL;
    uint8_t *linked = NULL;
    struct ranked *rk = NULL;

    mc_match_result_init(out);
    out->node = node;
    if (x < 0) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "node '%s' is not in sector '%s'",
                            ds->ids.keys[node], mc_graph_sector_name(g));
    }
    rc = mc_igraph_status(igraph_inclist_init(&g->ig, &inc, IGRAPH_ALL, IGRAPH_LOOPS_ONCE), err,
                          "incidence list");
    if (rc != MC_OK) {
        return rc;
    }
    inc_ok = true;
    size_t un = (size_t)(n ? n : 1);
    ra = calloc(un, sizeof *ra);
    cn = calloc(un, sizeof *cn);
    via = malloc(un * 3 * sizeof *via);
    via_w = calloc(un * 3, sizeof *via_w);
    linked = calloc(un, 1);
    rk = malloc(un * sizeof *rk);
    if (ra == NULL || cn == NULL || via == NULL || via_w == NULL || linked == NULL || rk == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    /* two-hop walk: x - z - y */
    igraph_vector_int_t *ex = igraph_inclist_get(&inc, x);
    linked[x] = 1;
    for (igraph_integer_t k = 0; k < igraph_vector_int_size(ex); k++) {
        linked[IGRAPH_OTHER(&g->ig, VECTOR(*ex)[k], x)] = 1;
    }
    for (igraph_integer_t k = 0; k < igraph_vector_int_size(ex); k++) {
        igraph_integer_t e1 = VECTOR(*ex)[k];
        igraph_integer_t z = IGRAPH_OTHER(&g->ig, e1, x);
        igraph_vector_int_t *ez = igraph_inclist_get(&inc, z);
        double inv_deg = 1.0 / (double)igraph_vector_int_size(ez);
        for (igraph_integer_t t = 0; t < igraph_vector_int_size(ez); t++) {
            igraph_integer_t e2 = VECTOR(*ez)[t];
            igraph_integer_t y = IGRAPH_OTHER(&g->ig, e2, z);
            if (linked[y]) {
                continue;
            }
            ra[y] += inv_deg;
            cn[y]++;
            /* keep the three strongest intermediaries: weight x-z plus z-y */
            double w = VECTOR(g->weight)[e1] + VECTOR(g->weight)[e2];
            size_t base = (size_t)y * 3, have = cn[y] < 3 ? cn[y] : 3;
            size_t pos = have - 1;
            if (cn[y] > 3) {
                if (w <= via_w[base + 2]) {
                    continue;
                }
                pos = 2;
            }
            while (pos > 0 && via_w[base + pos - 1] < w) {
                via_w[base + pos] = via_w[base + pos - 1];
                via[base + pos] = via[base + pos - 1];
                pos--;
            }
            via_w[base + pos] = w;
            via[base + pos] = g->node[z];
        }
    }
    double max_ra = 0;
    for (igraph_integer_t y = 0; y < n; y++) {
        if (!linked[y] && ra[y] > max_ra) {
            max_ra = ra[y];
        }
    }
    int32_t cx = g->country[x];
    size_t m = 0;
    for (igraph_integer_t y = 0; y < n; y++) {
        if (linked[y]) {
            continue;
        }
        int32_t cy = g->country[y];
        bool foreign = cx >= 0 && cy >= 0 && cx != cy;
        if (opt->foreign_only && !foreign) {
            continue;
        }
        struct mc_candidate *c = &rk[m].c;
        memset(c, 0, sizeof *c);
        c->node = g->node[y];
        c->link = ra[y];
        c->link_norm = max_ra > 0 ? ra[y] / max_ra : 0;
        c->sector_fit = active != NULL ? jaccard(active, (size_t)node, (size_t)c->node) : 0;
        c->foreign = foreign;
        c->shared = cn[y];
        c->n_via = cn[y] < 3 ? cn[y] : 3;
        for (size_t k = 0; k < c->n_via; k++) {
            c->via[k] = via[(size_t)y * 3 + k];
        }
        c->score = MC_MATCH_W_LINK * c->link_norm + MC_MATCH_W_SECTOR * c->sector_fit +
                   MC_MATCH_W_FOREIGN * (foreign ? 1.0 : 0.0);
        rk[m].id = ds->ids.keys[c->node];
        m++;
    }
    out->considered = m;
    if (m > 1) {
        qsort(rk, m, sizeof *rk, cmp_ranked);
    }
    size_t keep = opt->top > 0 && (size_t)opt->top < m ? (size_t)opt->top : m;
    out->cand = malloc((keep ? keep : 1) * sizeof *out->cand);
    if (out->cand == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < keep; i++) {
        out->cand[i] = rk[i].c;
    }
    out->n = keep;
out:
    if (inc_ok) {
        igraph_inclist_destroy(&inc);
    }
    free(ra);
    free(cn);
    free(via);
    free(via_w);
    free(linked);
    free(rk);
    if (rc != MC_OK) {
        mc_match_result_destroy(out);
    }
    return rc;
}

void mc_match_reason(const struct mc_graph *g, const struct mc_tags *active, int32_t node,
                     const struct mc_candidate *c, char *buf, size_t bufsz) {
    const struct mc_dataset *ds = g->ds;
    size_t o = 0;
    int w;
    buf[0] = '\0';
#define PUT(...)                                                                                   \
    do {                                                                                           \
        if (o < bufsz) {                                                                           \
            w = snprintf(buf + o, bufsz - o, __VA_ARGS__);                                         \
            if (w > 0) {                                                                           \
                o += (size_t)w;                                                                    \
            }                                                                                      \
        }                                                                                          \
    } while (0)
    if (c->shared > 0) {
        PUT("%zu common partner%s (", c->shared, c->shared == 1 ? "" : "s");
        for (size_t k = 0; k < c->n_via; k++) {
            PUT("%s%s", k ? ", " : "", ds->node_name[c->via[k]]);
        }
        if (c->shared > c->n_via) {
            PUT(", ...");
        }
        PUT(")");
    } else {
        PUT("no common partner yet");
    }
    if (active != NULL) {
        size_t na = mc_tags_count(active, (size_t)node),
               nb = mc_tags_count(active, (size_t)c->node);
        const int32_t *a = mc_tags_of(active, (size_t)node),
                      *b = mc_tags_of(active, (size_t)c->node);
        size_t i = 0, j = 0, common = 0;
        while (i < na && j < nb) {
            if (a[i] < b[j]) {
                i++;
            } else if (b[j] < a[i]) {
                j++;
            } else {
                PUT("%s%s", common ? ", " : "; common sectors: ", ds->sectors.keys[a[i]]);
                common++;
                i++;
                j++;
            }
        }
    }
    int32_t cc = ds->node_country[c->node];
    if (cc >= 0) {
        PUT("; %s (%s)", c->foreign ? "another country" : "same country", ds->countries.keys[cc]);
    }
#undef PUT
}
