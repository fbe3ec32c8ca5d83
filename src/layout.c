/*
 * Layouts for figures: per-component topological layouts packed together,
 * and the geographic and by-country layouts. See metaclust/layout.h.
 */
#include "metaclust/layout.h"

#include "metaclust/graph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "metaclust/countries.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/util.h"

/*
 * Fruchterman-Reingold's repulsion through igraph's grid above this many vertices (igraph's
 * own switch is at 1000): every pair costs n^2 a step for 500 steps, a third of a sector
 * figure's time; the grid keeps the near pairs, and h2020 SC6/SC7 (357 and 498 vertices in
 * the largest component) drew as readable, in 40% less time.
 */
#define FR_GRID_FROM 200
#define PACK_CELL    0.75 /* grid step of the packer, in median nearest-neighbour distances */
#define KK_MAX       3000 /* Kamada–Kawai needs an n x n distance matrix */
#define COUNTRY_FILL 0.3  /* share of the countries' map area their discs should cover */

static const char *const kind_names[] = {"auto", "fr", "kk", "drl", "multilevel", "geo", "country"};

const char *mc_layout_name(enum mc_layout_kind k) {
    return (size_t)k < MC_ARRAY_SIZE(kind_names) ? kind_names[k] : "?";
}

bool mc_layout_parse(const char *s, enum mc_layout_kind *out) {
    for (size_t i = 0; i < MC_ARRAY_SIZE(kind_names); i++) {
        if (strcmp(s, kind_names[i]) == 0) {
            *out = (enum mc_layout_kind)i;
            return true;
        }
    }
    return false;
}

void mc_layout_options_init(struct mc_layout_options *o) {
    memset(o, 0, sizeof *o);
    o->kind = MC_LAYOUT_AUTO;
    o->fr_limit = 500;
    o->region_limit = 2000;
    o->spacing = 0.006;
}

void mc_layout_options_graph(struct mc_layout_options *o, const struct mc_graph *g,
                             enum mc_layout_kind kind, unsigned long seed, double *lat,
                             double *lon) {
    const struct mc_dataset *ds = g->ds;
    for (igraph_integer_t v = 0; v < g->n; v++) {
        lat[v] = ds->node_lat[g->node[v]];
        lon[v] = ds->node_lon[g->node[v]];
    }
    mc_layout_options_init(o);
    o->kind = kind;
    o->seed = seed;
    o->lat = lat;
    o->lon = lon;
    o->group = g->country;
    o->group_code = ds->countries.keys;
    o->n_groups = ds->countries.n;
}

void mc_layout_memo_init(struct mc_layout_memo *m) {
    memset(m, 0, sizeof *m);
    igraph_matrix_init(&m->pos, 0, 0);
}

void mc_layout_memo_destroy(struct mc_layout_memo *m) {
    igraph_matrix_destroy(&m->pos);
    m->set = false;
}

void mc_geo_project(double lat, double lon, double lat0, double lon0, double *x, double *y) {
    *x = (lon - lon0) * cos(lat0 * MC_PI / 180.0);
    *y = lat - lat0;
}

static enum mc_status nomem(struct mc_error *err) {
    return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (layout)");
}

/* ==== Scale: median distance to the nearest neighbour ==== */

static int cmp_double(const void *a, const void *b) {
    double p = *(const double *)a, q = *(const double *)b;
    return (p > q) - (p < q);
}

enum mc_status mc_layout_spacing(igraph_integer_t n, const double *x, const double *y, double *out,
                                 struct mc_error *err) {
    *out = 0;
    if (n < 2) {
        return MC_OK;
    }
    struct mc_box box = mc_bbox(n, x, y);
    double xmin = box.x0, ymin = box.y0, xmax = box.x1, ymax = box.y1;
    double side = fmax(xmax - xmin, ymax - ymin);
    if (side <= 0) {
        return MC_OK;
    }
    double h = side / sqrt((double)n);
    size_t gx = (size_t)((xmax - xmin) / h) + 1, gy = (size_t)((ymax - ymin) / h) + 1;
    igraph_integer_t *head = malloc(gx * gy * sizeof *head);
    igraph_integer_t *next = malloc((size_t)n * sizeof *next);
    double *d = malloc((size_t)n * sizeof *d);
    if (!head || !next || !d) {
        free(head);
        free(next);
        free(d);
        return nomem(err);
    }
    for (size_t c = 0; c < gx * gy; c++) {
        head[c] = -1;
    }
    for (igraph_integer_t i = n - 1; i >= 0; i--) {
        size_t c = (size_t)((y[i] - ymin) / h) * gx + (size_t)((x[i] - xmin) / h);
        next[i] = head[c];
        head[c] = i;
    }
    for (igraph_integer_t i = 0; i < n; i++) {
        long cx = (long)((x[i] - xmin) / h), cy = (long)((y[i] - ymin) / h);
        double best = HUGE_VAL;
        for (long r = 0; best > ((double)r - 1) * h || r == 0; r++) {
            for (long b = cy - r; b <= cy + r; b++) {
                for (long a = cx - r; a <= cx + r; a++) {
                    if ((b != cy - r && b != cy + r && a != cx - r && a != cx + r) || a < 0 ||
                        b < 0 || a >= (long)gx || b >= (long)gy) {
                        continue; /* inside the ring (seen) or off the grid */
                    }
                    for (igraph_integer_t j = head[(size_t)b * gx + (size_t)a]; j >= 0;
                         j = next[j]) {
                        if (j != i) {
                            double dx = x[j] - x[i], dy = y[j] - y[i];
                            best = fmin(best, sqrt(dx * dx + dy * dy));
                        }
                    }
                }
            }
            if (r > (long)(gx + gy)) {
                break;
            }
        }
        d[i] = best;
    }
    qsort(d, (size_t)n, sizeof *d, cmp_double);
    *out = d[n / 2];
    free(head);
    free(next);
    free(d);
    return MC_OK;
}

/* Centres the points on their centroid and scales them to median nearest-neighbour distance 1. */
static enum mc_status normalise(igraph_integer_t n, double *x, double *y, struct mc_error *err) {
    double cx = 0, cy = 0, s;
    for (igraph_integer_t i = 0; i < n; i++) {
        cx += x[i];
        cy += y[i];
    }
    cx /= (double)(n ? n : 1);
    cy /= (double)(n ? n : 1);
    enum mc_status rc = mc_layout_spacing(n, x, y, &s, err);
    if (rc != MC_OK) {
        return rc;
    }
    double f = s > 1e-12 ? 1.0 / s : 1.0;
    for (igraph_integer_t i = 0; i < n; i++) {
        x[i] = (x[i] - cx) * f;
        y[i] = (y[i] - cy) * f;
    }
    return MC_OK;
}

/* ==== One connected component with an igraph engine ==== */

static enum mc_status igraph_engine(enum mc_layout_kind kind, igraph_integer_t n,
                                    igraph_integer_t m, const igraph_integer_t *from,
                                    const igraph_integer_t *to, const double *w, struct mc_rng *rng,
                                    double *x, double *y, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_t g;
    bool have_g = false;
    igraph_vector_int_t ev;
    igraph_vector_t wv, len;
    igraph_matrix_t pos;
    igraph_vector_int_init(&ev, 0);
    igraph_vector_init(&wv, 0);
    igraph_vector_init(&len, 0);
    igraph_matrix_init(&pos, 0, 0);

    if (kind == MC_LAYOUT_KK && n > KK_MAX) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "--layout kk: a component of %" IGRAPH_PRId " nodes is too large for "
                          "Kamada-Kawai (at most %d; use multilevel or auto)",
                          n, KK_MAX);
        goto out;
    }
    if ((rc = mc_igraph_status(igraph_vector_int_resize(&ev, 2 * m), err, "layout")) != MC_OK ||
        (rc = mc_igraph_status(igraph_vector_resize(&wv, m), err, "layout")) != MC_OK ||
        (rc = mc_igraph_status(igraph_vector_resize(&len, m), err, "layout")) != MC_OK ||
        (rc = mc_igraph_status(igraph_matrix_resize(&pos, n, 2), err, "layout")) != MC_OK) {
        goto out;
    }
    double wsum = 0;
    for (igraph_integer_t e = 0; e < m; e++) {
        wsum += w[e];
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        VECTOR(ev)[2 * e] = from[e];
        VECTOR(ev)[2 * e + 1] = to[e];
        VECTOR(wv)[e] = w[e] * (double)m / wsum; /* mean 1: unit-free */
        VECTOR(len)[e] = 1.0 / VECTOR(wv)[e];
    }
    double side = sqrt((double)n);
    for (igraph_integer_t i = 0; i < n; i++) {
        MATRIX(pos, i, 0) = side * mc_rng_unit(rng);
        MATRIX(pos, i, 1) = side * mc_rng_unit(rng);
    }
    if ((rc = mc_igraph_status(igraph_create(&g, &ev, n, IGRAPH_UNDIRECTED), err, "layout")) !=
        MC_OK) {
        goto out;
    }
    have_g = true;
    switch (kind) {
    case MC_LAYOUT_KK:
        rc = mc_igraph_status(igraph_layout_kamada_kawai(&g, &pos, 1, 50 * n, 0.0, (double)n, &len,
                                                         NULL, NULL, NULL, NULL),
                              err, "Kamada-Kawai layout");
        break;
    case MC_LAYOUT_DRL: {
        igraph_layout_drl_options_t o;
        rc = mc_igraph_status(igraph_layout_drl_options_init(&o, IGRAPH_LAYOUT_DRL_DEFAULT), err,
                              "DrL layout");
        if (rc == MC_OK) {
            /* DrL asserts when interrupted in igraph 0.10.2 (methods.md B3.12): no check inside */
            igraph_interruption_handler_t *saved = igraph_set_interruption_handler(NULL);
            igraph_error_t code = igraph_layout_drl(&g, &pos, 1, &o, &wv);
            igraph_set_interruption_handler(saved);
            rc = mc_igraph_status(code, err, "DrL layout");
        }
        break;
    }
    default:
        rc = mc_igraph_status(igraph_layout_fruchterman_reingold(
                                  &g, &pos, 1, 500, sqrt((double)n),
                                  n > FR_GRID_FROM ? IGRAPH_LAYOUT_GRID : IGRAPH_LAYOUT_NOGRID, &wv,
                                  NULL, NULL, NULL, NULL),
                              err, "Fruchterman-Reingold layout");
        break;
    }
    if (rc == MC_OK) {
        for (igraph_integer_t i = 0; i < n; i++) {
            x[i] = MATRIX(pos, i, 0);
            y[i] = MATRIX(pos, i, 1);
        }
    }
out:
    if (have_g) {
        igraph_destroy(&g);
    }
    igraph_matrix_destroy(&pos);
    igraph_vector_destroy(&len);
    igraph_vector_destroy(&wv);
    igraph_vector_int_destroy(&ev);
    return rc;
}

/* ==== Topological layouts: components, engines, packing ==== */

struct topo_result {
    enum mc_layout_kind used;
    igraph_integer_t ncomp;
    igraph_integer_t regions; /* communities placed as regions in the largest component */
};

/*
 * Lays out n vertices joined by m edges (local ids) with a topological
 * engine: component by component, normalised, then packed. With `auto`, a
 * component of more than `region_limit` nodes (0: never) is laid out by
 * communities (mc_layout_regions; `community` per vertex, or NULL).
 */
static enum mc_status topo_layout(igraph_integer_t n, igraph_integer_t m,
                                  const igraph_integer_t *from, const igraph_integer_t *to,
                                  const double *w, enum mc_layout_kind kind,
                                  igraph_integer_t fr_limit, const igraph_integer_t *community,
                                  igraph_integer_t region_limit, uint64_t seed, double *x,
                                  double *y, struct topo_result *res, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct mc_lgraph whole, sub;
    struct mc_rng rng;
    igraph_integer_t *comp = calloc((size_t)n + 1, sizeof *comp);
    igraph_integer_t *queue = calloc((size_t)n + 1, sizeof *queue);
    igraph_integer_t *size = calloc((size_t)n + 1, sizeof *size);
    igraph_integer_t *rank = calloc((size_t)n + 1, sizeof *rank);
    igraph_integer_t *loc = calloc((size_t)n + 1, sizeof *loc);
    igraph_integer_t *voff = NULL, *verts = NULL, *eoff = NULL, *eds = NULL;
    igraph_integer_t *lf = calloc((size_t)m + 1, sizeof *lf),
                     *lt = calloc((size_t)m + 1, sizeof *lt);
    double *lw = calloc((size_t)m + 1, sizeof *lw);
    double *cxs = calloc((size_t)n + 1, sizeof *cxs), *cys = calloc((size_t)n + 1, sizeof *cys);
    igraph_integer_t *lc = calloc((size_t)n + 1, sizeof *lc); /* communities, local */
    igraph_integer_t ncomp = 0;

    mc_lgraph_init(&whole);
    mc_lgraph_init(&sub);
    mc_rng_seed(&rng, seed);
    res->used = kind == MC_LAYOUT_AUTO ? MC_LAYOUT_FR : kind;
    res->ncomp = 0;
    res->regions = 0;
    if (!comp || !queue || !size || !rank || !loc || !lf || !lt || !lw || !cxs || !cys || !lc) {
        rc = nomem(err);
        goto out;
    }
    if ((rc = mc_lgraph_build(&whole, n, m, from, to, w, err)) != MC_OK) {
        goto out;
    }
    /* components by breadth-first search, numbered by their smallest vertex */
    for (igraph_integer_t v = 0; v < n; v++) {
        comp[v] = -1;
    }
    for (igraph_integer_t s = 0; s < n; s++) {
        if (comp[s] >= 0) {
            continue;
        }
        igraph_integer_t qh = 0, qt = 0;
        queue[qt++] = s;
        comp[s] = ncomp;
        while (qh < qt) {
            igraph_integer_t v = queue[qh++];
            for (igraph_integer_t p = whole.off[v]; p < whole.off[v + 1]; p++) {
                igraph_integer_t u = whole.adj[p];
                if (comp[u] < 0) {
                    comp[u] = ncomp;
                    queue[qt++] = u;
                }
            }
        }
        size[ncomp++] = qt;
    }
    /* renumber by decreasing size, ties by the smallest vertex (a stable counting order) */
    {
        igraph_integer_t *order = queue; /* reuse: component ids sorted */
        for (igraph_integer_t c = 0; c < ncomp; c++) {
            order[c] = c;
        }
        /* insertion into buckets by size, largest first */
        igraph_integer_t maxs = 0;
        for (igraph_integer_t c = 0; c < ncomp; c++) {
            maxs = size[c] > maxs ? size[c] : maxs;
        }
        igraph_integer_t *cnt = calloc((size_t)maxs + 2, sizeof *cnt);
        if (cnt == NULL) {
            rc = nomem(err);
            goto out;
        }
        for (igraph_integer_t c = 0; c < ncomp; c++) {
            cnt[maxs - size[c] + 1]++;
        }
        for (igraph_integer_t s = 0; s <= maxs; s++) {
            cnt[s + 1] += cnt[s];
        }
        for (igraph_integer_t c = 0; c < ncomp; c++) {
            rank[c] = cnt[maxs - size[c]]++;
        }
        free(cnt);
        for (igraph_integer_t v = 0; v < n; v++) {
            comp[v] = rank[comp[v]];
        }
        for (igraph_integer_t c = 0; c < ncomp; c++) {
            order[rank[c]] = size[c];
        }
        memcpy(size, order, (size_t)ncomp * sizeof *size);
    }
    res->ncomp = ncomp;
    for (igraph_integer_t e = 0; e < m; e++) {
        lf[e] = comp[from[e]]; /* scratch: the component of each edge */
    }
    if ((rc = mc_bucket(n, comp, ncomp, &voff, &verts, err)) != MC_OK ||
        (rc = mc_bucket(m, lf, ncomp, &eoff, &eds, err)) != MC_OK) {
        goto out;
    }
    for (igraph_integer_t c = 0; c < ncomp; c++) {
        for (igraph_integer_t q = voff[c]; q < voff[c + 1]; q++) {
            loc[verts[q]] = q - voff[c];
        }
    }

    for (igraph_integer_t c = 0; c < ncomp; c++) {
        igraph_integer_t k = voff[c + 1] - voff[c], me = eoff[c + 1] - eoff[c];
        double *cx = cxs, *cy = cys;
        if (mc_interrupted()) {
            rc = MC_E_INTERRUPTED;
            goto out;
        }
        for (igraph_integer_t q = 0; q < me; q++) {
            igraph_integer_t e = eds[eoff[c] + q];
            lf[q] = loc[from[e]];
            lt[q] = loc[to[e]];
            lw[q] = w ? w[e] : 1.0;
        }
        enum mc_layout_kind engine = kind;
        if (kind == MC_LAYOUT_AUTO) {
            engine = k <= fr_limit ? MC_LAYOUT_FR : MC_LAYOUT_MULTILEVEL;
        }
        if (c == 0) {
            res->used = engine;
        }
        bool regions = kind == MC_LAYOUT_AUTO && region_limit > 0 && k > region_limit;
        if (regions) {
            igraph_integer_t nr = 0;
            for (igraph_integer_t q = 0; community && q < k; q++) {
                lc[q] = community[verts[voff[c] + q]];
            }
            if ((rc = mc_layout_regions(k, me, lf, lt, lw, community ? lc : NULL,
                                        mc_mix64(seed ^ (uint64_t)c), cx, cy, &nr, err)) != MC_OK) {
                goto out;
            }
            if (c == 0) {
                res->regions = nr;
            }
        } else if (k == 1) {
            cx[0] = cy[0] = 0;
        } else if (k == 2) {
            cx[0] = -0.5;
            cx[1] = 0.5;
            cy[0] = cy[1] = 0;
        } else if (engine == MC_LAYOUT_MULTILEVEL) {
            mc_lgraph_destroy(&sub);
            if ((rc = mc_lgraph_build(&sub, k, me, lf, lt, lw, err)) != MC_OK ||
                (rc = mc_layout_multilevel(&sub, mc_mix64(seed ^ (uint64_t)c), cx, cy, err)) !=
                    MC_OK) {
                goto out;
            }
        } else if ((rc = igraph_engine(engine, k, me, lf, lt, lw, &rng, cx, cy, err)) != MC_OK) {
            goto out;
        }
        if ((rc = normalise(k, cx, cy, err)) != MC_OK) {
            goto out;
        }
        for (igraph_integer_t q = 0; q < k; q++) {
            x[verts[voff[c] + q]] = cx[q];
            y[verts[voff[c] + q]] = cy[q];
        }
    }
    if (ncomp > 1) {
        rc = mc_layout_pack(n, comp, ncomp, m, from, to, PACK_CELL, x, y, err);
    }
out:
    mc_lgraph_destroy(&whole);
    mc_lgraph_destroy(&sub);
    free(comp);
    free(queue);
    free(size);
    free(rank);
    free(loc);
    free(voff);
    free(verts);
    free(eoff);
    free(eds);
    free(lf);
    free(lt);
    free(lw);
    free(cxs);
    free(cys);
    free(lc);
    return rc;
}

enum mc_status mc_layout_topo(igraph_integer_t n, igraph_integer_t m, const igraph_integer_t *from,
                              const igraph_integer_t *to, const double *w,
                              igraph_integer_t fr_limit, uint64_t seed, double *x, double *y,
                              struct mc_error *err) {
    struct topo_result tr;
    return topo_layout(n, m, from, to, w, MC_LAYOUT_AUTO, fr_limit, NULL, 0, seed, x, y, &tr, err);
}

/* ==== Geography ==== */

/* Where a vertex is: its own coordinates, else its country's centre. */
struct place {
    double lat, lon;
    int how; /* 0 own coordinates, 1 country centre, -1 unknown */
};

/*
 * Locates every vertex; a country's centre is the mean of its located
 * members, else the built-in table's centre.
 */
static enum mc_status locate(igraph_integer_t n, const struct mc_layout_options *o,
                             struct place *pl, struct mc_error *err) {
    size_t ng = o->n_groups;
    double *slat = calloc(ng + 1, sizeof *slat), *slon = calloc(ng + 1, sizeof *slon);
    size_t *cnt = calloc(ng + 1, sizeof *cnt);
    if (!slat || !slon || !cnt) {
        free(slat);
        free(slon);
        free(cnt);
        return nomem(err);
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        double la = o->lat ? o->lat[v] : NAN, lo = o->lon ? o->lon[v] : NAN;
        pl[v].how = -1;
        if (isfinite(la) && isfinite(lo)) {
            pl[v].lat = la;
            pl[v].lon = lo;
            pl[v].how = 0;
            int32_t gi = o->group ? o->group[v] : -1;
            if (gi >= 0 && (size_t)gi < ng) {
                slat[gi] += la;
                slon[gi] += lo;
                cnt[gi]++;
            }
        }
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        int32_t gi = o->group ? o->group[v] : -1;
        if (pl[v].how == 0 || gi < 0 || (size_t)gi >= ng) {
            continue;
        }
        if (cnt[gi] > 0) {
            pl[v].lat = slat[gi] / (double)cnt[gi];
            pl[v].lon = slon[gi] / (double)cnt[gi];
            pl[v].how = 1;
        } else {
            const struct mc_country_info *ci =
                o->group_code ? mc_country_find(o->group_code[gi]) : NULL;
            if (ci != NULL) {
                pl[v].lat = ci->lat;
                pl[v].lon = ci->lon;
                pl[v].how = 1;
            }
        }
    }
    free(slat);
    free(slon);
    free(cnt);
    return MC_OK;
}

/* Centre of the projection: the middle of the latitude and longitude ranges. */
static void geo_centre(igraph_integer_t n, const struct place *pl, double *lat0, double *lon0) {
    double a = HUGE_VAL, b = -HUGE_VAL, c = HUGE_VAL, d = -HUGE_VAL;
    for (igraph_integer_t v = 0; v < n; v++) {
        if (pl[v].how >= 0) {
            a = fmin(a, pl[v].lat);
            b = fmax(b, pl[v].lat);
            c = fmin(c, pl[v].lon);
            d = fmax(d, pl[v].lon);
        }
    }
    *lat0 = a <= b ? (a + b) / 2 : 0;
    *lon0 = c <= d ? (c + d) / 2 : 0;
}

static enum mc_status geo_layout(igraph_integer_t n, const struct mc_layout_options *o, double *x,
                                 double *y, struct mc_layout_info *info, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct place *pl = calloc((size_t)n + 1, sizeof *pl);
    double *ax = calloc((size_t)n + 1, sizeof *ax), *ay = calloc((size_t)n + 1, sizeof *ay);
    double *r = calloc((size_t)n + 1, sizeof *r);
    if (!pl || !ax || !ay || !r) {
        rc = nomem(err);
        goto out;
    }
    if ((rc = locate(n, o, pl, err)) != MC_OK) {
        goto out;
    }
    geo_centre(n, pl, &info->lat0, &info->lon0);
    double xmin = HUGE_VAL, xmax = -HUGE_VAL, ymin = HUGE_VAL, ymax = -HUGE_VAL;
    for (igraph_integer_t v = 0; v < n; v++) {
        if (pl[v].how < 0) {
            info->unplaced++;
            continue;
        }
        info->located += pl[v].how == 0;
        info->by_country += pl[v].how == 1;
        mc_geo_project(pl[v].lat, pl[v].lon, info->lat0, info->lon0, &ax[v], &ay[v]);
        xmin = fmin(xmin, ax[v]);
        xmax = fmax(xmax, ax[v]);
        ymin = fmin(ymin, ay[v]);
        ymax = fmax(ymax, ay[v]);
    }
    if (xmin > xmax) { /* nothing located */
        xmin = ymin = 0;
        xmax = ymax = 1;
    }
    double extent = fmax(fmax(xmax - xmin, ymax - ymin), 1e-3);
    double rmax = 0, rsum = 0;
    for (igraph_integer_t v = 0; v < n; v++) {
        r[v] = (o->radius ? o->radius[v] : o->spacing) * extent;
        rmax = fmax(rmax, r[v]);
        rsum += r[v];
    }
    /* the unplaced wait in rows under the map, left to right */
    igraph_integer_t k = 0, per_row = (igraph_integer_t)fmax(1.0, extent / (3 * rmax + 1e-12));
    for (igraph_integer_t v = 0; v < n; v++) {
        if (pl[v].how < 0) {
            ax[v] = xmin + 3 * rmax * (double)(k % per_row);
            ay[v] = ymin - 0.08 * extent - 3 * rmax * (double)(k / per_row);
            k++;
        }
    }
    rc = mc_layout_declutter(n, ax, ay, r, 0.3 * rsum / (double)(n ? n : 1), 300, x, y, err);
out:
    free(pl);
    free(ax);
    free(ay);
    free(r);
    return rc;
}

/*
 * By country: every country's own subgraph laid out (auto engine) around the
 * country's projected centre; the country discs, scaled so that together
 * they cover COUNTRY_FILL of the map, are then pushed apart.
 */
static enum mc_status country_layout(igraph_integer_t n, igraph_integer_t m,
                                     const igraph_integer_t *from, const igraph_integer_t *to,
                                     const double *w, const struct mc_layout_options *o, double *x,
                                     double *y, struct mc_layout_info *info, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    size_t ng = o->n_groups + 1; /* the last group: no known country */
    struct place *pl = calloc((size_t)n + 1, sizeof *pl);
    igraph_integer_t *gof = NULL, *gv = NULL, *eof = NULL, *ge = NULL;
    igraph_integer_t *loc = calloc((size_t)n + 1, sizeof *loc);
    igraph_integer_t *lf = calloc((size_t)m + 1, sizeof *lf),
                     *lt = calloc((size_t)m + 1, sizeof *lt);
    double *lw = calloc((size_t)m + 1, sizeof *lw);
    double *lx = calloc((size_t)n + 1, sizeof *lx), *ly = calloc((size_t)n + 1, sizeof *ly);
    double *gax = calloc(ng, sizeof *gax), *gay = calloc(ng, sizeof *gay);
    double *grad = calloc(ng, sizeof *grad), *gx = calloc(ng, sizeof *gx),
           *gy = calloc(ng, sizeof *gy);
    int *ghas = calloc(ng, sizeof *ghas);
    if (!pl || !loc || !lf || !lt || !lw || !lx || !ly || !gax || !gay || !grad || !gx || !gy ||
        !ghas) {
        rc = nomem(err);
        goto out;
    }
    if ((rc = locate(n, o, pl, err)) != MC_OK) {
        goto out;
    }
    geo_centre(n, pl, &info->lat0, &info->lon0);
#define GROUP_OF(v)                                                                                \
    (o->group && o->group[v] >= 0 && (size_t)o->group[v] < o->n_groups ? (size_t)o->group[v]       \
                                                                       : ng - 1)
    for (igraph_integer_t v = 0; v < n; v++) {
        loc[v] = (igraph_integer_t)GROUP_OF(v); /* scratch: the group keys */
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        lf[e] = GROUP_OF(from[e]) == GROUP_OF(to[e]) ? (igraph_integer_t)GROUP_OF(from[e]) : -1;
    }
    if ((rc = mc_bucket(n, loc, (igraph_integer_t)ng, &gof, &gv, err)) != MC_OK ||
        (rc = mc_bucket(m, lf, (igraph_integer_t)ng, &eof, &ge, err)) != MC_OK) {
        goto out;
    }
    for (size_t g = 0; g < ng; g++) {
        for (igraph_integer_t q = gof[g]; q < gof[g + 1]; q++) {
            loc[gv[q]] = q - gof[g];
        }
    }
    /* each group's own layout, its radius and its anchor */
    double xmin = HUGE_VAL, xmax = -HUGE_VAL, ymin = HUGE_VAL, ymax = -HUGE_VAL, area = 0;
    for (size_t g = 0; g < ng; g++) {
        igraph_integer_t k = gof[g + 1] - gof[g], me = eof[g + 1] - eof[g];
        if (k == 0) {
            continue;
        }
        for (igraph_integer_t q = 0; q < me; q++) {
            igraph_integer_t e = ge[eof[g] + q];
            lf[q] = loc[from[e]];
            lt[q] = loc[to[e]];
            lw[q] = w ? w[e] : 1.0;
        }
        struct topo_result tr;
        if ((rc = topo_layout(k, me, lf, lt, lw, MC_LAYOUT_AUTO, o->fr_limit, NULL, 0,
                              mc_mix64(o->seed ^ (uint64_t)g), lx + gof[g], ly + gof[g], &tr,
                              err)) != MC_OK) {
            goto out;
        }
        double cx = 0, cy = 0, rr = 0;
        for (igraph_integer_t q = gof[g]; q < gof[g + 1]; q++) {
            cx += lx[q];
            cy += ly[q];
        }
        cx /= (double)k;
        cy /= (double)k;
        for (igraph_integer_t q = gof[g]; q < gof[g + 1]; q++) {
            lx[q] -= cx;
            ly[q] -= cy;
            rr = fmax(rr, sqrt(lx[q] * lx[q] + ly[q] * ly[q]));
        }
        grad[g] = rr + 0.5;
        area += MC_PI * grad[g] * grad[g];
        double la = 0, lo = 0;
        igraph_integer_t kk = 0;
        for (igraph_integer_t q = gof[g]; q < gof[g + 1]; q++) {
            if (pl[gv[q]].how >= 0) {
                la += pl[gv[q]].lat;
                lo += pl[gv[q]].lon;
                kk++;
            }
        }
        if (kk > 0) { /* the anchor: the mean place of the located members */
            mc_geo_project(la / (double)kk, lo / (double)kk, info->lat0, info->lon0, &gax[g],
                           &gay[g]);
            ghas[g] = 1;
            xmin = fmin(xmin, gax[g]);
            xmax = fmax(xmax, gax[g]);
            ymin = fmin(ymin, gay[g]);
            ymax = fmax(ymax, gay[g]);
        } else {
            info->unplaced += k;
        }
    }
    if (xmin > xmax) {
        xmin = ymin = 0;
        xmax = ymax = 1;
    }
    /* degrees -> layout units, so that the discs cover COUNTRY_FILL of the map */
    double map = fmax((xmax - xmin) * (ymax - ymin), 1e-9);
    double f = sqrt(area / (COUNTRY_FILL * map));
    if ((xmax - xmin) * (ymax - ymin) < 1e-9) {
        f = sqrt(area) / fmax(fmax(xmax - xmin, ymax - ymin), 1e-3);
    }
    double below = ymin * f;
    for (size_t g = 0; g < ng; g++) {
        if (gof[g + 1] == gof[g]) {
            continue;
        }
        if (ghas[g]) {
            gax[g] *= f;
            gay[g] *= f;
        } else { /* countries without a place sit under the map, left to right */
            gax[g] = xmin * f + grad[g];
            gay[g] = below - 2 * grad[g];
            below -= 2 * grad[g];
        }
    }
    {
        /* declutter the non-empty groups' discs (compacted to the front of the arrays) */
        igraph_integer_t k = 0;
        for (size_t g = 0; g < ng; g++) {
            if (gof[g + 1] > gof[g]) {
                gax[k] = gax[g];
                gay[k] = gay[g];
                grad[k] = grad[g];
                k++;
            }
        }
        if ((rc = mc_layout_declutter(k, gax, gay, grad, 1.0, 2000, gx, gy, err)) != MC_OK) {
            goto out;
        }
        for (size_t g = ng; g-- > 0;) { /* back to group indices, last first */
            if (gof[g + 1] > gof[g]) {
                k--;
                gx[g] = gx[k];
                gy[g] = gy[k];
            }
        }
    }
    for (size_t g = 0; g < ng; g++) {
        for (igraph_integer_t q = gof[g]; q < gof[g + 1]; q++) {
            x[gv[q]] = gx[g] + lx[q];
            y[gv[q]] = gy[g] + ly[q];
        }
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        info->located += pl[v].how == 0;
        info->by_country += pl[v].how == 1;
    }
#undef GROUP_OF
out:
    free(pl);
    free(gof);
    free(gv);
    free(eof);
    free(ge);
    free(loc);
    free(lf);
    free(lt);
    free(lw);
    free(lx);
    free(ly);
    free(gax);
    free(gay);
    free(grad);
    free(gx);
    free(gy);
    free(ghas);
    return rc;
}

/* ==== Entry point ==== */

enum mc_status mc_layout_compute(const igraph_t *g, const igraph_vector_t *weights,
                                 const struct mc_layout_options *opt, igraph_matrix_t *res,
                                 struct mc_layout_info *info, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g);
    igraph_integer_t *from = calloc((size_t)m + 1, sizeof *from);
    igraph_integer_t *to = calloc((size_t)m + 1, sizeof *to);
    double *w = calloc((size_t)m + 1, sizeof *w);
    double *x = calloc((size_t)n + 1, sizeof *x), *y = calloc((size_t)n + 1, sizeof *y);

    memset(info, 0, sizeof *info);
    info->used = opt->kind;
    if (!from || !to || !w || !x || !y) {
        rc = nomem(err);
        goto out;
    }
    mc_igraph_seed(opt->seed); /* DrL draws from igraph's RNG */
    igraph_integer_t k = 0;
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t a = IGRAPH_FROM(g, e), b = IGRAPH_TO(g, e);
        if (a == b) {
            continue;
        }
        from[k] = a;
        to[k] = b;
        w[k] = weights ? VECTOR(*weights)[e] : 1.0;
        if (!(w[k] > 0) || !isfinite(w[k])) {
            rc = mc_error_set(err, MC_E_DATA, NULL, 0,
                              "layout: edge weights must be positive (edge %" IGRAPH_PRId ")", e);
            goto out;
        }
        k++;
    }
    m = k;
    if (opt->kind == MC_LAYOUT_GEO) {
        rc = geo_layout(n, opt, x, y, info, err);
    } else if (opt->kind == MC_LAYOUT_COUNTRY) {
        rc = country_layout(n, m, from, to, w, opt, x, y, info, err);
    } else {
        struct topo_result tr;
        rc = topo_layout(n, m, from, to, w, opt->kind, opt->fr_limit, opt->community,
                         opt->region_limit, mc_mix64(opt->seed), x, y, &tr, err);
        info->used = tr.used;
        info->components = tr.ncomp;
        info->regions = tr.regions;
    }
    if (rc != MC_OK) {
        goto out;
    }
    if ((rc = mc_igraph_status(igraph_matrix_resize(res, n, 2), err, "layout")) != MC_OK) {
        goto out;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        MATRIX(*res, v, 0) = x[v];
        MATRIX(*res, v, 1) = y[v];
    }
out:
    free(from);
    free(to);
    free(w);
    free(x);
    free(y);
    return rc;
}
