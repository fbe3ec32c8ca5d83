/*
 * Multilevel force-directed layout for large graphs, in the manner of
 * Y. Hu, "Efficient, high-quality force-directed graph drawing", The
 * Mathematica Journal 10(1):37–71, 2005 (the method of Graphviz sfdp), and
 * C. Walshaw, "A multilevel algorithm for force-directed graph drawing",
 * JGAA 7(3):253–285, 2003.
 *
 *  1. Coarsening: heavy-edge matching in a seeded random order; vertices left
 *     unmatched join the cluster of their heaviest neighbour (this collapses
 *     stars, which matching alone cannot). Stops below COARSEST vertices or
 *     when a level shrinks by less than 15%.
 *  2. The coarsest graph starts from seeded random positions.
 *  3. Each level is refined with the spring-electrical model: attraction
 *     w_ij d^2 / K along edges, repulsion C K^3 m_i m_j / d^2 between all pairs
 *     (m = the number of input vertices a coarse vertex stands for), the
 *     repulsion approximated by a Barnes–Hut quadtree (Barnes & Hut 1986,
 *     Nature 324:446) with opening angle THETA. Every vertex moves by `step`
 *     along its force; the step grows after five consecutive energy
 *     decreases and shrinks otherwise (Hu's adaptive cooling).
 *  4. Positions are handed to the next finer level (children at the parent's
 *     position plus a small seeded offset) and refined again.
 *
 * Deterministic for a seed: one thread, a fixed evaluation order, its own
 * PRNG. Time complexity: O(L (n log n + m)) per level, L iterations.
 */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COARSEST   40 /* stop coarsening below this many vertices */
#define MAX_LEVELS 40
#define THETA      1.2 /* Barnes–Hut opening criterion: cell size / distance */
#define LEAF_MAX   8   /* bodies per quadtree leaf */
#define MAX_DEPTH  40
#define C_REP      0.2  /* Hu's relative strength of repulsion */
#define COOL       0.9  /* step factor of the adaptive cooling */
#define TOL        0.01 /* stop when the step is below TOL * K */

void mc_lgraph_init(struct mc_lgraph *g) {
    memset(g, 0, sizeof *g);
}

void mc_lgraph_destroy(struct mc_lgraph *g) {
    free(g->off);
    free(g->adj);
    free(g->w);
    free(g->mass);
    memset(g, 0, sizeof *g);
}

static enum mc_status nomem(struct mc_error *err) {
    return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (layout)");
}

/* calloc with an overflow check; NULL on failure. */
static void *alloc0(size_t n, size_t size) {
    return calloc(n ? n : 1, size);
}

static enum mc_status lgraph_alloc(struct mc_lgraph *g, igraph_integer_t n, igraph_integer_t nadj,
                                   struct mc_error *err) {
    g->n = n;
    g->off = alloc0((size_t)n + 1, sizeof *g->off);
    g->adj = alloc0((size_t)nadj, sizeof *g->adj);
    g->w = alloc0((size_t)nadj, sizeof *g->w);
    g->mass = alloc0((size_t)n, sizeof *g->mass);
    if (!g->off || !g->adj || !g->w || !g->mass) {
        mc_lgraph_destroy(g);
        return nomem(err);
    }
    return MC_OK;
}

enum mc_status mc_lgraph_build(struct mc_lgraph *g, igraph_integer_t n, igraph_integer_t m,
                               const igraph_integer_t *from, const igraph_integer_t *to,
                               const double *w, struct mc_error *err) {
    size_t nadj;
    if (!mc_mul_ok((size_t)m, 2, &nadj)) {
        return nomem(err);
    }
    enum mc_status rc = lgraph_alloc(g, n, (igraph_integer_t)nadj, err);
    if (rc != MC_OK) {
        return rc;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        g->off[from[e] + 1]++;
        g->off[to[e] + 1]++;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        g->off[v + 1] += g->off[v];
        g->mass[v] = 1.0;
    }
    igraph_integer_t *fill = alloc0((size_t)n, sizeof *fill);
    if (fill == NULL) {
        mc_lgraph_destroy(g);
        return nomem(err);
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        double we = w ? w[e] : 1.0;
        igraph_integer_t a = from[e], b = to[e];
        igraph_integer_t pa = g->off[a] + fill[a]++, pb = g->off[b] + fill[b]++;
        g->adj[pa] = b;
        g->w[pa] = we;
        g->adj[pb] = a;
        g->w[pb] = we;
    }
    free(fill);
    return MC_OK;
}

/* ==== Coarsening ==== */

/*
 * The neighbour of v to merge with: without `csize`, the unmatched neighbour
 * with the heaviest edge per unit of mass; with it, the matched neighbour
 * whose cluster (of mass csize[]) is not already big, heaviest edge per unit
 * of cluster mass. -1 when there is none.
 */
static igraph_integer_t heaviest(const struct mc_lgraph *g, igraph_integer_t v,
                                 const igraph_integer_t *parent, const double *csize) {
    igraph_integer_t best = -1;
    double bw = 0;
    for (igraph_integer_t p = g->off[v]; p < g->off[v + 1]; p++) {
        igraph_integer_t u = g->adj[p];
        double s;
        if (u == v || (csize == NULL) != (parent[u] < 0)) {
            continue;
        }
        if (csize == NULL) {
            s = g->w[p] / (g->mass[u] + g->mass[v]);
        } else if (csize[parent[u]] > 4.0 * g->mass[v] + 8.0) {
            continue;
        } else {
            s = g->w[p] / csize[parent[u]];
        }
        if (s > bw) {
            bw = s;
            best = u;
        }
    }
    return best;
}

/*
 * Matches vertices of `g` into clusters; parent[v] receives the cluster
 * index, *nc the number of clusters. Cluster indices follow the order in
 * which clusters are formed, so they depend only on the seed.
 */
static enum mc_status coarsen_match(const struct mc_lgraph *g, struct mc_rng *rng,
                                    igraph_integer_t *parent, igraph_integer_t *nc,
                                    struct mc_error *err) {
    igraph_integer_t n = g->n;
    igraph_integer_t *order = alloc0((size_t)n, sizeof *order);
    double *csize = alloc0((size_t)n, sizeof *csize);
    if (!order || !csize) {
        free(order);
        free(csize);
        return nomem(err);
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        order[v] = v;
        parent[v] = -1;
    }
    for (igraph_integer_t v = n - 1; v > 0; v--) { /* Fisher–Yates */
        igraph_integer_t j = (igraph_integer_t)(mc_rng_next(rng) % (uint64_t)(v + 1));
        igraph_integer_t t = order[v];
        order[v] = order[j];
        order[j] = t;
    }
    igraph_integer_t k = 0;
    /* heavy-edge matching, normalised by the masses so clusters stay balanced */
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t v = order[i], best;
        if (parent[v] < 0 && (best = heaviest(g, v, parent, NULL)) >= 0) {
            parent[v] = parent[best] = k;
            csize[k] = g->mass[v] + g->mass[best];
            k++;
        }
    }
    /* leftovers join their heaviest neighbour's cluster, unless it is already big */
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t v = order[i], best;
        if (parent[v] >= 0) {
            continue;
        }
        if ((best = heaviest(g, v, parent, csize)) >= 0) {
            parent[v] = parent[best];
            csize[parent[v]] += g->mass[v];
        } else {
            parent[v] = k;
            csize[k] = g->mass[v];
            k++;
        }
    }
    *nc = k;
    free(order);
    free(csize);
    return MC_OK;
}

/* The quotient graph of `g` under `parent`: masses and weights summed, loops dropped. */
static enum mc_status coarse_graph(const struct mc_lgraph *g, const igraph_integer_t *parent,
                                   igraph_integer_t nc, struct mc_lgraph *c, struct mc_error *err) {
    igraph_integer_t n = g->n;
    enum mc_status rc = MC_OK;
    /* members of each cluster, as CSR */
    igraph_integer_t *moff = alloc0((size_t)nc + 1, sizeof *moff);
    igraph_integer_t *mem = alloc0((size_t)n, sizeof *mem);
    igraph_integer_t *mark = alloc0((size_t)nc, sizeof *mark);
    igraph_integer_t *pos = alloc0((size_t)nc, sizeof *pos);
    igraph_integer_t *adj = alloc0((size_t)g->off[n], sizeof *adj);
    double *w = alloc0((size_t)g->off[n], sizeof *w);
    if (!moff || !mem || !mark || !pos || !adj || !w) {
        rc = nomem(err);
        goto out;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        moff[parent[v] + 1]++;
    }
    for (igraph_integer_t k = 0; k < nc; k++) {
        moff[k + 1] += moff[k];
        mark[k] = -1;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        mem[moff[parent[v]] + pos[parent[v]]++] = v;
    }
    if ((rc = lgraph_alloc(c, nc, 0, err)) != MC_OK) {
        goto out;
    }
    igraph_integer_t len = 0;
    for (igraph_integer_t k = 0; k < nc; k++) {
        igraph_integer_t start = len;
        c->off[k] = start;
        double mass = 0;
        for (igraph_integer_t q = moff[k]; q < moff[k + 1]; q++) {
            igraph_integer_t v = mem[q];
            mass += g->mass[v];
            for (igraph_integer_t p = g->off[v]; p < g->off[v + 1]; p++) {
                igraph_integer_t u = parent[g->adj[p]];
                if (u == k) {
                    continue;
                }
                if (mark[u] != k) {
                    mark[u] = k;
                    pos[u] = len;
                    adj[len] = u;
                    w[len] = 0;
                    len++;
                }
                w[pos[u]] += g->w[p];
            }
        }
        c->mass[k] = mass;
    }
    c->off[nc] = len;
    free(c->adj);
    free(c->w);
    c->adj = adj;
    c->w = w;
    adj = NULL;
    w = NULL;
out:
    free(moff);
    free(mem);
    free(mark);
    free(pos);
    free(adj);
    free(w);
    return rc;
}

/* ==== Barnes–Hut quadtree ==== */

struct qcell {
    double mx, my, mass; /* centre of mass and total mass */
    double size;         /* side of the square */
    igraph_integer_t lo, hi;
    int32_t child[4];
    int leaf;
};

struct qtree {
    struct qcell *cell;
    size_t ncell, cap;
    igraph_integer_t *idx, *tmp;
};

static int32_t qt_build(struct qtree *t, igraph_integer_t lo, igraph_integer_t hi, double x0,
                        double y0, double size, int depth, const double *x, const double *y,
                        const double *mass, struct mc_error *err) {
    if (t->ncell == t->cap) {
        if (mc_grow((void **)&t->cell, &t->cap, t->ncell + 1, sizeof *t->cell, err) != MC_OK) {
            return -1;
        }
    }
    int32_t c = (int32_t)t->ncell++;
    struct qcell *q = &t->cell[c];
    q->size = size;
    q->lo = lo;
    q->hi = hi;
    q->child[0] = q->child[1] = q->child[2] = q->child[3] = -1;
    if (hi - lo <= LEAF_MAX || depth >= MAX_DEPTH) {
        double m = 0, sx = 0, sy = 0;
        for (igraph_integer_t k = lo; k < hi; k++) {
            igraph_integer_t i = t->idx[k];
            m += mass[i];
            sx += mass[i] * x[i];
            sy += mass[i] * y[i];
        }
        q->leaf = 1;
        q->mass = m;
        q->mx = sx / m;
        q->my = sy / m;
        return c;
    }
    q->leaf = 0;
    double half = size / 2, midx = x0 + half, midy = y0 + half;
    igraph_integer_t cnt[4] = {0, 0, 0, 0}, start[4];
    for (igraph_integer_t k = lo; k < hi; k++) {
        igraph_integer_t i = t->idx[k];
        cnt[(x[i] >= midx) + 2 * (y[i] >= midy)]++;
    }
    start[0] = lo;
    for (int s = 1; s < 4; s++) {
        start[s] = start[s - 1] + cnt[s - 1];
    }
    igraph_integer_t fill[4] = {start[0], start[1], start[2], start[3]};
    for (igraph_integer_t k = lo; k < hi; k++) {
        igraph_integer_t i = t->idx[k];
        t->tmp[fill[(x[i] >= midx) + 2 * (y[i] >= midy)]++] = i;
    }
    memcpy(t->idx + lo, t->tmp + lo, (size_t)(hi - lo) * sizeof *t->idx);
    double m = 0, sx = 0, sy = 0;
    int32_t kids[4] = {-1, -1, -1, -1};
    for (int s = 0; s < 4; s++) {
        if (cnt[s] == 0) {
            continue;
        }
        int32_t k = qt_build(t, start[s], start[s] + cnt[s], x0 + (s & 1) * half,
                             y0 + (s >> 1) * half, half, depth + 1, x, y, mass, err);
        if (k < 0) {
            return -1;
        }
        kids[s] = k;
        m += t->cell[k].mass;
        sx += t->cell[k].mass * t->cell[k].mx;
        sy += t->cell[k].mass * t->cell[k].my;
    }
    q = &t->cell[c]; /* the array may have moved */
    memcpy(q->child, kids, sizeof kids);
    q->mass = m;
    q->mx = sx / m;
    q->my = sy / m;
    return c;
}

/*
 * Repulsive force on body i, added to *fx, *fy: C K^3 m_i m_j / d^2 summed
 * over the other bodies. Hu's general model has K^(1+p) / d^p; p = 2 rather
 * than the classic p = 1 weakens long-range repulsion, which otherwise
 * crowds the core of a large core-periphery graph into a small disc and
 * flings its periphery far out (Hu's "peripheral effect").
 */
static void qt_force(const struct qtree *t, igraph_integer_t i, const double *x, const double *y,
                     const double *mass, double *fx, double *fy) {
    int32_t stack[4 * MAX_DEPTH + 8];
    int top = 0;
    double xi = x[i], yi = y[i], gx = 0, gy = 0;
    const double theta2 = THETA * THETA, eps2 = 1e-6;
    stack[top++] = 0;
    while (top > 0) {
        const struct qcell *q = &t->cell[stack[--top]];
        double dx = xi - q->mx, dy = yi - q->my, d2 = dx * dx + dy * dy;
        if (q->leaf) {
            for (igraph_integer_t k = q->lo; k < q->hi; k++) {
                igraph_integer_t j = t->idx[k];
                if (j == i) {
                    continue;
                }
                double ex = xi - x[j], ey = yi - y[j], e2 = ex * ex + ey * ey;
                if (e2 < eps2) { /* coincident: push apart along a fixed direction */
                    ex = (i < j ? 1e-3 : -1e-3);
                    ey = 0.5e-3;
                    e2 = eps2;
                }
                double f = mass[j] / (e2 * sqrt(e2));
                gx += f * ex;
                gy += f * ey;
            }
        } else if (q->size * q->size < theta2 * d2) {
            double f = q->mass / (d2 * sqrt(d2));
            gx += f * dx;
            gy += f * dy;
        } else {
            for (int s = 0; s < 4; s++) {
                if (q->child[s] >= 0) {
                    stack[top++] = q->child[s];
                }
            }
        }
    }
    *fx += C_REP * mass[i] * gx;
    *fy += C_REP * mass[i] * gy;
}

/* ==== One level ==== */

/*
 * Refines positions of `g` in place. `step` is the initial step, `maxit` the
 * iteration cap. Attraction weights are scaled by `wscale`.
 */
static enum mc_status refine(const struct mc_lgraph *g, double *x, double *y, double step,
                             int maxit, double wscale, struct mc_error *err) {
    igraph_integer_t n = g->n;
    enum mc_status rc = MC_OK;
    struct qtree t = {0};
    double *fx = alloc0((size_t)n, sizeof *fx), *fy = alloc0((size_t)n, sizeof *fy);
    t.idx = alloc0((size_t)n, sizeof *t.idx);
    t.tmp = alloc0((size_t)n, sizeof *t.tmp);
    if (!fx || !fy || !t.idx || !t.tmp) {
        rc = nomem(err);
        goto out;
    }
    double energy0 = HUGE_VAL;
    int progress = 0;
    for (int it = 0; it < maxit && step > TOL; it++) {
        if (mc_interrupted()) {
            rc = MC_E_INTERRUPTED;
            goto out;
        }
        struct mc_box box = mc_bbox(n, x, y);
        for (igraph_integer_t i = 0; i < n; i++) {
            t.idx[i] = i;
        }
        double size = fmax(box.x1 - box.x0, box.y1 - box.y0) * 1.0001 + 1e-9;
        t.ncell = 0;
        if (qt_build(&t, 0, n, box.x0, box.y0, size, 0, x, y, g->mass, err) < 0) {
            rc = MC_E_NOMEM;
            goto out;
        }
        for (igraph_integer_t i = 0; i < n; i++) {
            fx[i] = fy[i] = 0;
            qt_force(&t, i, x, y, g->mass, &fx[i], &fy[i]);
        }
        /* attraction, once per edge (the lists hold both directions, with equal weights) */
        for (igraph_integer_t i = 0; i < n; i++) {
            for (igraph_integer_t p = g->off[i]; p < g->off[i + 1]; p++) {
                igraph_integer_t j = g->adj[p];
                if (j <= i) {
                    continue;
                }
                double dx = x[j] - x[i], dy = y[j] - y[i];
                double f = g->w[p] * wscale * sqrt(dx * dx + dy * dy); /* w d^2 / K, K = 1 */
                fx[i] += f * dx;
                fy[i] += f * dy;
                fx[j] -= f * dx;
                fy[j] -= f * dy;
            }
        }
        double energy = 0;
        for (igraph_integer_t i = 0; i < n; i++) {
            double f2 = fx[i] * fx[i] + fy[i] * fy[i];
            energy += f2;
            if (f2 > 0) {
                double s = step / sqrt(f2);
                x[i] += s * fx[i];
                y[i] += s * fy[i];
            }
        }
        if (energy < energy0) {
            if (++progress >= 5) {
                progress = 0;
                step /= COOL;
            }
        } else {
            progress = 0;
            step *= COOL;
        }
        energy0 = energy;
    }
out:
    free(fx);
    free(fy);
    free(t.cell);
    free(t.idx);
    free(t.tmp);
    return rc;
}

/* Iteration budget of a level with n vertices: generous when small, tight when large. */
static int budget(igraph_integer_t n, int coarsest) {
    if (coarsest) {
        return 600;
    }
    if (n <= 1000) {
        return 300;
    }
    return (int)fmax(40.0, 200.0 * sqrt(1000.0 / (double)n));
}

enum mc_status mc_layout_multilevel(const struct mc_lgraph *g, uint64_t seed, double *x, double *y,
                                    struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct mc_lgraph lv[MAX_LEVELS];
    igraph_integer_t *parent[MAX_LEVELS]; /* parent[l]: level l vertex -> level l+1 vertex */
    double *px = NULL, *py = NULL;
    int nlev = 1;
    struct mc_rng rng;
    mc_rng_seed(&rng, seed);
    memset(parent, 0, sizeof parent);
    lv[0] = *g; /* borrowed: never destroyed here */

    if (g->n == 0) {
        return MC_OK;
    }
    /* weights scaled to mean 1, so the natural length stays near 1 whatever the units */
    double wsum = 0;
    for (igraph_integer_t p = 0; p < g->off[g->n]; p++) {
        wsum += g->w[p];
    }
    double wscale = g->off[g->n] > 0 ? (double)g->off[g->n] / wsum : 1.0;

    while (nlev < MAX_LEVELS && lv[nlev - 1].n > COARSEST) {
        const struct mc_lgraph *f = &lv[nlev - 1];
        igraph_integer_t nc = 0;
        parent[nlev - 1] = alloc0((size_t)f->n, sizeof *parent[0]);
        if (parent[nlev - 1] == NULL) {
            rc = nomem(err);
            goto out;
        }
        if ((rc = coarsen_match(f, &rng, parent[nlev - 1], &nc, err)) != MC_OK) {
            goto out;
        }
        if ((double)nc > 0.85 * (double)f->n) {
            free(parent[nlev - 1]);
            parent[nlev - 1] = NULL;
            break;
        }
        mc_lgraph_init(&lv[nlev]);
        if ((rc = coarse_graph(f, parent[nlev - 1], nc, &lv[nlev], err)) != MC_OK) {
            goto out;
        }
        nlev++;
    }
    /* coarsest: random start in a square of area ~ total mass */
    const struct mc_lgraph *top = &lv[nlev - 1];
    px = alloc0((size_t)top->n, sizeof *px);
    py = alloc0((size_t)top->n, sizeof *py);
    if (!px || !py) {
        rc = nomem(err);
        goto out;
    }
    double side = sqrt((double)g->n);
    for (igraph_integer_t i = 0; i < top->n; i++) {
        px[i] = side * mc_rng_unit(&rng);
        py[i] = side * mc_rng_unit(&rng);
    }
    if ((rc = refine(top, px, py, side * 0.1, budget(top->n, 1), wscale, err)) != MC_OK) {
        goto out;
    }
    for (int l = nlev - 2; l >= 0; l--) {
        const struct mc_lgraph *f = &lv[l];
        double *nx = alloc0((size_t)f->n, sizeof *nx), *ny = alloc0((size_t)f->n, sizeof *ny);
        if (!nx || !ny) {
            free(nx);
            free(ny);
            rc = nomem(err);
            goto out;
        }
        for (igraph_integer_t v = 0; v < f->n; v++) {
            igraph_integer_t p = parent[l][v];
            double r = 0.5 * sqrt(lv[l + 1].mass[p] / fmax(f->mass[v], 1.0));
            double a = 2 * MC_PI * mc_rng_unit(&rng);
            nx[v] = px[p] + r * cos(a);
            ny[v] = py[p] + r * sin(a);
        }
        free(px);
        free(py);
        px = nx;
        py = ny;
        /* a refined level starts close to its answer: a third of the natural length as first step
         */
        if ((rc = refine(f, px, py, 0.3, budget(f->n, 0), wscale, err)) != MC_OK) {
            goto out;
        }
    }
    memcpy(x, px, (size_t)g->n * sizeof *x);
    memcpy(y, py, (size_t)g->n * sizeof *y);
out:
    free(px);
    free(py);
    for (int l = 0; l < MAX_LEVELS; l++) {
        free(parent[l]);
        if (l > 0 && l < nlev) {
            mc_lgraph_destroy(&lv[l]);
        }
    }
    return rc;
}
