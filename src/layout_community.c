/*
 * Community-separated layout of a large connected component: the
 * communities are placed first, as discs whose area grows with their size,
 * by a layout of the quotient graph (one vertex per community, weighted by
 * the ties between communities), then each community is laid out inside its
 * own disc. Colour by community then shows regions instead of a mixed disc.
 * See layout_internal.h, and the separation ratio of metaclust/layout.h.
 */
#include "metaclust/layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "metaclust/igraph_bridge.h"

#define REGION_GAP    1.5    /* free space between two communities' discs, in node spacings */
#define REGION_ROUNDS 400    /* rounds of pushing overlapping discs apart */
#define REGION_PULL   0.5    /* the quotient layout drawn this much tighter, then pushed apart */
#define INNER_FR      200    /* inside a community: fr up to this many nodes, multilevel above */
#define SEP_PAIRS     200000 /* separation: pairs sampled of each kind on large graphs */

static enum mc_status nomem(struct mc_error *err) {
    return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (layout)");
}

/* Louvain communities (Blondel et al. 2008) of a graph given as an edge list, seeded. */
static enum mc_status find_communities(igraph_integer_t n, igraph_integer_t m,
                                       const igraph_integer_t *from, const igraph_integer_t *to,
                                       const double *w, igraph_integer_t *memb,
                                       struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_t g;
    bool have_g = false;
    igraph_vector_int_t ev, mv;
    igraph_vector_t wv;
    igraph_vector_int_init(&ev, 0);
    igraph_vector_int_init(&mv, 0);
    igraph_vector_init(&wv, 0);
    if ((rc = mc_igraph_status(igraph_vector_int_resize(&ev, 2 * m), err, "layout")) != MC_OK ||
        (rc = mc_igraph_status(igraph_vector_resize(&wv, m), err, "layout")) != MC_OK) {
        goto out;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        VECTOR(ev)[2 * e] = from[e];
        VECTOR(ev)[2 * e + 1] = to[e];
        VECTOR(wv)[e] = w ? w[e] : 1.0;
    }
    if ((rc = mc_igraph_status(igraph_create(&g, &ev, n, IGRAPH_UNDIRECTED), err, "layout")) !=
        MC_OK) {
        goto out;
    }
    have_g = true;
    if ((rc = mc_igraph_status(igraph_community_multilevel(&g, &wv, 1.0, &mv, NULL, NULL), err,
                               "layout communities")) != MC_OK) {
        goto out;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        memb[v] = VECTOR(mv)[v];
    }
out:
    if (have_g) {
        igraph_destroy(&g);
    }
    igraph_vector_destroy(&wv);
    igraph_vector_int_destroy(&mv);
    igraph_vector_int_destroy(&ev);
    return rc;
}

/*
 * Dense community numbers 0..*nc-1 in order of first appearance into key[];
 * a vertex with a negative community gets `own` ? a community of its own : -1.
 */
static enum mc_status dense(igraph_integer_t n, const igraph_integer_t *community, bool own,
                            igraph_integer_t *key, igraph_integer_t *nc, struct mc_error *err) {
    igraph_integer_t top = 0;
    for (igraph_integer_t v = 0; v < n; v++) {
        top = community[v] > top ? community[v] : top;
    }
    igraph_integer_t *id = malloc(((size_t)top + 1) * sizeof *id);
    if (id == NULL) {
        return nomem(err);
    }
    for (igraph_integer_t c = 0; c <= top; c++) {
        id[c] = -1;
    }
    *nc = 0;
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = community[v];
        if (c < 0) {
            key[v] = own ? (*nc)++ : -1;
            continue;
        }
        if (id[c] < 0) {
            id[c] = (*nc)++;
        }
        key[v] = id[c];
    }
    free(id);
    return MC_OK;
}

enum mc_status mc_layout_regions(igraph_integer_t n, igraph_integer_t m,
                                 const igraph_integer_t *from, const igraph_integer_t *to,
                                 const double *w, const igraph_integer_t *community, uint64_t seed,
                                 double *x, double *y, igraph_integer_t *ncomm,
                                 struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_integer_t nc = 0;
    igraph_integer_t *memb = calloc((size_t)n + 1, sizeof *memb);
    igraph_integer_t *ekey = calloc((size_t)m + 1, sizeof *ekey);
    igraph_integer_t *loc = calloc((size_t)n + 1, sizeof *loc);
    igraph_integer_t *lf = calloc((size_t)m + 1, sizeof *lf),
                     *lt = calloc((size_t)m + 1, sizeof *lt);
    double *lw = calloc((size_t)m + 1, sizeof *lw);
    double *cx = calloc((size_t)n + 1, sizeof *cx), *cy = calloc((size_t)n + 1, sizeof *cy);
    igraph_integer_t *voff = NULL, *verts = NULL, *eoff = NULL, *eds = NULL;
    double *qx = NULL, *qy = NULL, *ax = NULL, *ay = NULL, *rad = NULL;
    struct mc_lgraph q;

    mc_lgraph_init(&q);
    *ncomm = 0;
    if (!memb || !ekey || !loc || !lf || !lt || !lw || !cx || !cy) {
        rc = nomem(err);
        goto out;
    }
    if (community == NULL) {
        if ((rc = find_communities(n, m, from, to, w, loc, err)) != MC_OK) {
            goto out;
        }
        community = loc;
    }
    if ((rc = dense(n, community, true, memb, &nc, err)) != MC_OK) {
        goto out;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        ekey[e] = memb[from[e]] == memb[to[e]] ? memb[from[e]] : -1;
    }
    if ((rc = mc_bucket(n, memb, nc, &voff, &verts, err)) != MC_OK ||
        (rc = mc_bucket(m, ekey, nc, &eoff, &eds, err)) != MC_OK) {
        goto out;
    }
    qx = calloc((size_t)nc + 1, sizeof *qx);
    qy = calloc((size_t)nc + 1, sizeof *qy);
    ax = calloc((size_t)nc + 1, sizeof *ax);
    ay = calloc((size_t)nc + 1, sizeof *ay);
    rad = calloc((size_t)nc + 1, sizeof *rad);
    if (!qx || !qy || !ax || !ay || !rad) {
        rc = nomem(err);
        goto out;
    }

    /* each community inside its own frame, centred, radius = its farthest node */
    for (igraph_integer_t c = 0; c < nc; c++) {
        igraph_integer_t k = voff[c + 1] - voff[c], me = eoff[c + 1] - eoff[c];
        for (igraph_integer_t i = 0; i < k; i++) {
            loc[verts[voff[c] + i]] = i;
        }
        for (igraph_integer_t i = 0; i < me; i++) {
            igraph_integer_t e = eds[eoff[c] + i];
            lf[i] = loc[from[e]];
            lt[i] = loc[to[e]];
            lw[i] = w ? w[e] : 1.0;
        }
        if ((rc = mc_layout_topo(k, me, lf, lt, lw, INNER_FR, mc_mix64(seed ^ (uint64_t)c), cx, cy,
                                 err)) != MC_OK) {
            goto out;
        }
        double mx = 0, my = 0, r = 0;
        for (igraph_integer_t i = 0; i < k; i++) {
            mx += cx[i];
            my += cy[i];
        }
        mx /= (double)k;
        my /= (double)k;
        for (igraph_integer_t i = 0; i < k; i++) {
            x[verts[voff[c] + i]] = cx[i] - mx;
            y[verts[voff[c] + i]] = cy[i] - my;
            r = fmax(r, hypot(cx[i] - mx, cy[i] - my));
        }
        rad[c] = r + 0.5;
    }

    /* the quotient graph: one vertex per community, its mass the community's size */
    igraph_integer_t qm = 0;
    for (igraph_integer_t e = 0; e < m; e++) {
        if (ekey[e] < 0) {
            lf[qm] = memb[from[e]];
            lt[qm] = memb[to[e]];
            lw[qm] = w ? w[e] : 1.0;
            qm++;
        }
    }
    if (nc > 1) {
        if ((rc = mc_lgraph_build(&q, nc, qm, lf, lt, lw, err)) != MC_OK) {
            goto out;
        }
        for (igraph_integer_t c = 0; c < nc; c++) {
            q.mass[c] = (double)(voff[c + 1] - voff[c]);
        }
        if ((rc = mc_layout_multilevel(&q, seed, qx, qy, err)) != MC_OK) {
            goto out;
        }
    }
    /*
     * Scale the quotient layout so that neighbouring discs about touch (the
     * median disc diameter per median nearest-neighbour distance), then push
     * the discs apart until none overlaps: each community gets its region
     */
    double sp = 0, *tmp = cx; /* scratch: the radii, sorted */
    if ((rc = mc_layout_spacing(nc, qx, qy, &sp, err)) != MC_OK) {
        goto out;
    }
    memcpy(tmp, rad, (size_t)nc * sizeof *tmp);
    for (igraph_integer_t i = 1; i < nc; i++) { /* insertion sort: nc is small */
        double t = tmp[i];
        igraph_integer_t j = i;
        for (; j > 0 && tmp[j - 1] > t; j--) {
            tmp[j] = tmp[j - 1];
        }
        tmp[j] = t;
    }
    double f = sp > 1e-12 ? REGION_PULL * 2 * tmp[nc / 2] / sp : 1;
    for (igraph_integer_t c = 0; c < nc; c++) {
        ax[c] = qx[c] * f;
        ay[c] = qy[c] * f;
    }
    if ((rc = mc_layout_declutter(nc, ax, ay, rad, REGION_GAP, REGION_ROUNDS, qx, qy, err)) !=
        MC_OK) {
        goto out;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        x[v] += qx[memb[v]];
        y[v] += qy[memb[v]];
    }
    *ncomm = nc;
out:
    mc_lgraph_destroy(&q);
    free(memb);
    free(ekey);
    free(loc);
    free(lf);
    free(lt);
    free(lw);
    free(cx);
    free(cy);
    free(voff);
    free(verts);
    free(eoff);
    free(eds);
    free(qx);
    free(qy);
    free(ax);
    free(ay);
    free(rad);
    return rc;
}

/* ==== Separation ==== */

/*
 * Pairs (i, j), i != j, drawn uniformly: any two vertices, or two of one
 * community (the community drawn with probability ∝ s(s - 1), which makes
 * every same-community pair equally likely).
 */
enum mc_status mc_layout_separation(igraph_integer_t n, const double *x, const double *y,
                                    const igraph_integer_t *community, double *out,
                                    struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_integer_t nc = 0;
    igraph_integer_t *key = calloc((size_t)n + 1, sizeof *key);
    igraph_integer_t *off = NULL, *items = NULL;
    double *cum = NULL;
    double same = 0, any = 0, ns = 0, na = 0;

    *out = NAN;
    if (key == NULL) {
        rc = nomem(err);
        goto out;
    }
    if ((rc = dense(n, community, false, key, &nc, err)) != MC_OK) {
        goto out;
    }
    if ((rc = mc_bucket(n, key, nc, &off, &items, err)) != MC_OK) {
        goto out;
    }
    double total = 0.5 * (double)n * (double)(n - 1);
    if (total <= SEP_PAIRS) { /* small: every pair */
        for (igraph_integer_t i = 0; i < n; i++) {
            for (igraph_integer_t j = i + 1; j < n; j++) {
                double d = hypot(x[i] - x[j], y[i] - y[j]);
                any += d;
                na++;
                if (key[i] >= 0 && key[i] == key[j]) {
                    same += d;
                    ns++;
                }
            }
        }
    } else {
        struct mc_rng rng;
        mc_rng_seed(&rng, 15); /* a fixed seed: the same figure gives the same ratio */
        cum = calloc((size_t)nc + 1, sizeof *cum);
        if (cum == NULL) {
            rc = nomem(err);
            goto out;
        }
        double acc = 0;
        for (igraph_integer_t c = 0; c < nc; c++) {
            double s = (double)(off[c + 1] - off[c]);
            acc += s * (s - 1);
            cum[c] = acc;
        }
        for (long p = 0; p < SEP_PAIRS; p++) {
            igraph_integer_t i = (igraph_integer_t)(mc_rng_unit(&rng) * (double)n);
            igraph_integer_t j = (igraph_integer_t)(mc_rng_unit(&rng) * (double)(n - 1));
            j += j >= i; /* j != i */
            any += hypot(x[i] - x[j], y[i] - y[j]);
            na++;
            if (acc <= 0) {
                continue;
            }
            double u = mc_rng_unit(&rng) * acc;
            igraph_integer_t lo = 0, hi = nc - 1;
            while (lo < hi) { /* the first community whose cumulative weight exceeds u */
                igraph_integer_t mid = (lo + hi) / 2;
                if (cum[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            igraph_integer_t s = off[lo + 1] - off[lo];
            igraph_integer_t a = (igraph_integer_t)(mc_rng_unit(&rng) * (double)s);
            igraph_integer_t b = (igraph_integer_t)(mc_rng_unit(&rng) * (double)(s - 1));
            b += b >= a;
            i = items[off[lo] + a];
            j = items[off[lo] + b];
            same += hypot(x[i] - x[j], y[i] - y[j]);
            ns++;
        }
    }
    if (ns > 0 && na > 0 && any > 0) {
        *out = (same / ns) / (any / na);
    }
out:
    free(key);
    free(off);
    free(items);
    free(cum);
    return rc;
}
