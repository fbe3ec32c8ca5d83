/*
 * Placing pieces of a layout without overlaps: polyomino packing of
 * connected components, and disc decluttering for geographic layouts.
 */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PACK_EDGES 20000 /* edges of one component rasterised at most (an even sample) */

static enum mc_status nomem(struct mc_error *err) {
    return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (layout)");
}

/* ==== Grouping ==== */

enum mc_status mc_bucket(igraph_integer_t n, const igraph_integer_t *key, igraph_integer_t nkeys,
                         igraph_integer_t **off, igraph_integer_t **items, struct mc_error *err) {
    igraph_integer_t *o = calloc((size_t)nkeys + 2, sizeof *o);
    igraph_integer_t *it = calloc((size_t)n + 1, sizeof *it);
    *off = *items = NULL;
    if (!o || !it) {
        free(o);
        free(it);
        return nomem(err);
    }
    for (igraph_integer_t i = 0; i < n; i++) {
        if (key[i] >= 0) {
            o[key[i] + 2]++;
        }
    }
    for (igraph_integer_t k = 0; k < nkeys; k++) {
        o[k + 2] += o[k + 1];
    }
    for (igraph_integer_t i = 0; i < n; i++) { /* o[k + 1] runs as key k's fill pointer */
        if (key[i] >= 0) {
            it[o[key[i] + 1]++] = i;
        }
    }
    *off = o; /* o[0..nkeys] now hold the starts, o[nkeys] the total */
    *items = it;
    return MC_OK;
}

/* ==== A set of grid cells (open addressing on packed coordinates) ==== */

struct cellset {
    uint64_t *slot; /* 0 = empty; keys are stored + 1 so that no real key is 0 */
    size_t cap, n;
};

static uint64_t cell_key(int32_t i, int32_t j) {
    return (((uint64_t)(uint32_t)i << 32) | (uint32_t)j) + 1;
}

static size_t cell_hash(uint64_t k, size_t cap) {
    return (size_t)(mc_mix64(k) & (cap - 1));
}

static bool cellset_has(const struct cellset *s, int32_t i, int32_t j) {
    if (s->cap == 0) {
        return false;
    }
    uint64_t k = cell_key(i, j);
    for (size_t h = cell_hash(k, s->cap);; h = (h + 1) & (s->cap - 1)) {
        if (s->slot[h] == 0) {
            return false;
        }
        if (s->slot[h] == k) {
            return true;
        }
    }
}

static enum mc_status cellset_add(struct cellset *s, int32_t i, int32_t j, struct mc_error *err) {
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        uint64_t *slot = calloc(cap, sizeof *slot);
        if (slot == NULL) {
            return nomem(err);
        }
        for (size_t h = 0; h < s->cap; h++) {
            if (s->slot[h] != 0) {
                size_t q = cell_hash(s->slot[h], cap);
                while (slot[q] != 0) {
                    q = (q + 1) & (cap - 1);
                }
                slot[q] = s->slot[h];
            }
        }
        free(s->slot);
        s->slot = slot;
        s->cap = cap;
    }
    uint64_t k = cell_key(i, j);
    size_t h = cell_hash(k, s->cap);
    while (s->slot[h] != 0) {
        if (s->slot[h] == k) {
            return MC_OK;
        }
        h = (h + 1) & (s->cap - 1);
    }
    s->slot[h] = k;
    s->n++;
    return MC_OK;
}

/* ==== Polyomino packing ==== */

struct offs {
    int32_t *dx, *dy;
    size_t n, cap;
    int32_t band; /* next band to generate */
};

static int64_t isqrt_floor(int64_t v) {
    if (v <= 0) {
        return 0;
    }
    int64_t r = (int64_t)sqrt((double)v);
    while (r * r > v) {
        r--;
    }
    while ((r + 1) * (r + 1) <= v) {
        r++;
    }
    return r;
}

static enum mc_status offs_push(struct offs *o, int32_t dx, int32_t dy, struct mc_error *err) {
    if (o->n == o->cap) {
        size_t cap = o->cap;
        if (mc_grow((void **)&o->dx, &cap, o->n + 1, sizeof *o->dx, err) != MC_OK) {
            return MC_E_NOMEM;
        }
        cap = o->cap;
        if (mc_grow((void **)&o->dy, &cap, o->n + 1, sizeof *o->dy, err) != MC_OK) {
            return MC_E_NOMEM;
        }
        o->cap = cap;
    }
    o->dx[o->n] = dx;
    o->dy[o->n] = dy;
    o->n++;
    return MC_OK;
}

static int cmp_off(const void *a, const void *b) {
    const int32_t *p = a, *q = b;
    int64_t dp = (int64_t)p[0] * p[0] + (int64_t)p[1] * p[1];
    int64_t dq = (int64_t)q[0] * q[0] + (int64_t)q[1] * q[1];
    if (dp != dq) {
        return dp < dq ? -1 : 1;
    }
    if (p[1] != q[1]) {
        return p[1] < q[1] ? -1 : 1;
    }
    return (p[0] > q[0]) - (p[0] < q[0]);
}

/*
 * Appends the next band of the spiral: offsets whose distance from the
 * origin lies in [k, k+1), sorted by distance (then y, then x), so the whole
 * sequence visits cells in order of increasing distance.
 */
static enum mc_status offs_band(struct offs *o, struct mc_error *err) {
    int64_t k = o->band++;
    int32_t *tmp = NULL;
    size_t nt = 0, capt = 0;
    enum mc_status rc = MC_OK;
    for (int64_t dx = -(k + 1); dx <= k + 1; dx++) {
        int64_t lo = k * k - dx * dx, hi = (k + 1) * (k + 1) - dx * dx - 1;
        if (hi < 0) {
            continue;
        }
        int64_t ylo = lo <= 0 ? 0 : isqrt_floor(lo - 1) + 1, yhi = isqrt_floor(hi);
        for (int64_t dy = ylo; dy <= yhi; dy++) {
            for (int sgn = 1; sgn >= -1; sgn -= 2) {
                if (sgn < 0 && dy == 0) {
                    break;
                }
                if ((rc = mc_grow((void **)&tmp, &capt, 2 * (nt + 1), sizeof *tmp, err)) != MC_OK) {
                    goto out;
                }
                tmp[2 * nt] = (int32_t)dx;
                tmp[2 * nt + 1] = (int32_t)(sgn * dy);
                nt++;
            }
        }
    }
    qsort(tmp, nt, 2 * sizeof *tmp, cmp_off);
    for (size_t i = 0; i < nt && rc == MC_OK; i++) {
        rc = offs_push(o, tmp[2 * i], tmp[2 * i + 1], err);
    }
out:
    free(tmp);
    return rc;
}

/* Marks the cells a segment crosses (sampled at a quarter cell). */
static enum mc_status mark_segment(struct cellset *s, double x0, double y0, double x1, double y1,
                                   struct mc_error *err) {
    double len = fmax(fabs(x1 - x0), fabs(y1 - y0));
    int steps = (int)fmin(ceil(len * 4), 100000.0);
    int32_t pi = 0, pj = 0;
    for (int t = 0; t <= steps; t++) {
        double f = steps ? (double)t / steps : 0;
        int32_t i = (int32_t)lround(x0 + f * (x1 - x0)), j = (int32_t)lround(y0 + f * (y1 - y0));
        if (t > 0 && i == pi && j == pj) {
            continue; /* the same cell as the last sample: long edges cross each cell ~4 times */
        }
        enum mc_status rc = cellset_add(s, i, j, err);
        if (rc != MC_OK) {
            return rc;
        }
        pi = i;
        pj = j;
    }
    return MC_OK;
}

enum mc_status mc_layout_pack(igraph_integer_t n, const igraph_integer_t *comp,
                              igraph_integer_t ncomp, igraph_integer_t m,
                              const igraph_integer_t *from, const igraph_integer_t *to, double cell,
                              double *x, double *y, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct cellset occupied = {0}, piece = {0};
    struct offs spiral = {0};
    igraph_integer_t *voff = NULL, *verts = NULL, *eoff = NULL, *edges = NULL;
    igraph_integer_t *ekey = calloc((size_t)m + 1, sizeof *ekey);
    double *cx = calloc((size_t)ncomp + 1, sizeof *cx), *cy = calloc((size_t)ncomp + 1, sizeof *cy);
    int32_t *pc = NULL; /* the current piece's cells, as pairs */
    size_t npc = 0, cappc = 0;
    size_t single_next = 0; /* singletons: the spiral index to search from */
    if (!ekey || !cx || !cy) {
        rc = nomem(err);
        goto out;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        ekey[e] = comp[from[e]];
    }
    if ((rc = mc_bucket(n, comp, ncomp, &voff, &verts, err)) != MC_OK ||
        (rc = mc_bucket(m, ekey, ncomp, &eoff, &edges, err)) != MC_OK) {
        goto out;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        cx[comp[v]] += x[v];
        cy[comp[v]] += y[v];
    }
    for (igraph_integer_t c = 0; c < ncomp; c++) {
        igraph_integer_t k = voff[c + 1] - voff[c];
        cx[c] /= (double)(k ? k : 1);
        cy[c] /= (double)(k ? k : 1);
    }

    for (igraph_integer_t c = 0; c < ncomp; c++) {
        if (mc_interrupted()) {
            rc = MC_E_INTERRUPTED;
            goto out;
        }
        igraph_integer_t k = voff[c + 1] - voff[c];
        /* the piece: cells of its nodes and edges, relative to its centroid */
        free(piece.slot);
        memset(&piece, 0, sizeof piece);
        for (igraph_integer_t q = voff[c]; q < voff[c + 1]; q++) {
            igraph_integer_t v = verts[q];
            if ((rc = cellset_add(&piece, (int32_t)lround((x[v] - cx[c]) / cell),
                                  (int32_t)lround((y[v] - cy[c]) / cell), err)) != MC_OK) {
                goto out;
            }
        }
        /* thousands of edges cover the same cells many times over: an even sample does */
        igraph_integer_t stride = (eoff[c + 1] - eoff[c] + PACK_EDGES - 1) / PACK_EDGES;
        for (igraph_integer_t q = eoff[c]; q<eoff[c + 1]; q += stride> 1 ? stride : 1) {
            igraph_integer_t e = edges[q];
            if ((rc = mark_segment(&piece, (x[from[e]] - cx[c]) / cell, (y[from[e]] - cy[c]) / cell,
                                   (x[to[e]] - cx[c]) / cell, (y[to[e]] - cy[c]) / cell, err)) !=
                MC_OK) {
                goto out;
            }
        }
        npc = 0;
        for (size_t h = 0; h < piece.cap; h++) {
            if (piece.slot[h] == 0) {
                continue;
            }
            uint64_t key = piece.slot[h] - 1;
            if ((rc = mc_grow((void **)&pc, &cappc, 2 * (npc + 1), sizeof *pc, err)) != MC_OK) {
                goto out;
            }
            pc[2 * npc] = (int32_t)(uint32_t)(key >> 32);
            pc[2 * npc + 1] = (int32_t)(uint32_t)key;
            npc++;
        }
        /* the first free spot along the spiral; the piece widened by one cell must fit */
        size_t idx = k == 1 ? single_next : 0;
        for (;; idx++) {
            while (idx >= spiral.n) {
                if ((rc = offs_band(&spiral, err)) != MC_OK) {
                    goto out;
                }
            }
            int32_t ox = spiral.dx[idx], oy = spiral.dy[idx];
            bool fits = true;
            for (size_t p = 0; p < npc && fits; p++) {
                for (int32_t a = -1; a <= 1 && fits; a++) {
                    for (int32_t b = -1; b <= 1 && fits; b++) {
                        fits = !cellset_has(&occupied, pc[2 * p] + ox + a, pc[2 * p + 1] + oy + b);
                    }
                }
            }
            if (fits || occupied.n == 0) {
                break;
            }
        }
        if (k == 1) {
            single_next = idx + 1;
        }
        int32_t ox = spiral.dx[idx], oy = spiral.dy[idx];
        for (size_t p = 0; p < npc; p++) {
            if ((rc = cellset_add(&occupied, pc[2 * p] + ox, pc[2 * p + 1] + oy, err)) != MC_OK) {
                goto out;
            }
        }
        for (igraph_integer_t q = voff[c]; q < voff[c + 1]; q++) {
            igraph_integer_t v = verts[q];
            x[v] = x[v] - cx[c] + ox * cell;
            y[v] = y[v] - cy[c] + oy * cell;
        }
    }
out:
    free(occupied.slot);
    free(piece.slot);
    free(spiral.dx);
    free(spiral.dy);
    free(pc);
    free(voff);
    free(verts);
    free(eoff);
    free(edges);
    free(ekey);
    free(cx);
    free(cy);
    return rc;
}

/* ==== Disc decluttering ==== */

struct anchor_ord {
    double x, y;
    igraph_integer_t v;
};

static int cmp_anchor(const void *a, const void *b) {
    const struct anchor_ord *p = a, *q = b;
    if (p->x != q->x) {
        return p->x < q->x ? -1 : 1;
    }
    if (p->y != q->y) {
        return p->y < q->y ? -1 : 1;
    }
    return (p->v > q->v) - (p->v < q->v);
}

enum mc_status mc_layout_declutter(igraph_integer_t n, const double *ax, const double *ay,
                                   const double *r, double gap, int rounds, double *x, double *y,
                                   struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct anchor_ord *ord = calloc((size_t)n + 1, sizeof *ord);
    double *mx = calloc((size_t)n + 1, sizeof *mx), *my = calloc((size_t)n + 1, sizeof *my);
    igraph_integer_t *head = NULL, *next = calloc((size_t)n + 1, sizeof *next);
    if (!ord || !mx || !my || !next) {
        rc = nomem(err);
        goto out;
    }
    double rmax = 0;
    for (igraph_integer_t v = 0; v < n; v++) {
        ord[v].x = ax[v];
        ord[v].y = ay[v];
        ord[v].v = v;
        rmax = fmax(rmax, r[v]);
    }
    if (rmax <= 0 || n < 2) {
        memcpy(x, ax, (size_t)n * sizeof *x);
        memcpy(y, ay, (size_t)n * sizeof *y);
        goto out;
    }
    /* discs sharing an anchor start on a sunflower (Vogel 1979) around it */
    qsort(ord, (size_t)n, sizeof *ord, cmp_anchor);
    const double golden = MC_PI * (3.0 - sqrt(5.0));
    for (igraph_integer_t i = 0; i < n;) {
        igraph_integer_t j = i;
        double rs = 0;
        while (j < n && ord[j].x == ord[i].x && ord[j].y == ord[i].y) {
            rs += r[ord[j].v];
            j++;
        }
        double c = (2 * rs / (double)(j - i) + gap) * 0.6;
        for (igraph_integer_t k = i; k < j; k++) {
            double rad = j - i == 1 ? 0 : c * sqrt((double)(k - i) + 0.5),
                   a = golden * (double)(k - i);
            x[ord[k].v] = ord[k].x + rad * cos(a);
            y[ord[k].v] = ord[k].y + rad * sin(a);
        }
        i = j;
    }
    /* then push overlapping pairs apart, found through a uniform grid */
    double cs = 2 * rmax + gap;
    for (int round = 0; round < rounds; round++) {
        if (mc_interrupted()) {
            rc = MC_E_INTERRUPTED;
            goto out;
        }
        struct mc_box box = mc_bbox(n, x, y);
        double xmin = box.x0, ymin = box.y0, xmax = box.x1, ymax = box.y1;
        double gxn = floor((xmax - xmin) / cs) + 1, gyn = floor((ymax - ymin) / cs) + 1;
        if (gxn * gyn > 4.0 * (double)n + 1024) { /* sparse: coarser grid, same results */
            double f = sqrt(gxn * gyn / (4.0 * (double)n + 1024));
            gxn = floor(gxn / f) + 1;
            gyn = floor(gyn / f) + 1;
        }
        size_t gx = (size_t)gxn, gy = (size_t)gyn;
        /* a flat box (all discs on one row or column) is one cell across: a floor of cs / 4
         * keeps the neighbour reach below 5 cells instead of cs / 1e-12 */
        double csx = fmax((xmax - xmin) / (double)gx + 1e-12, cs / 4),
               csy = fmax((ymax - ymin) / (double)gy + 1e-12, cs / 4);
        free(head);
        head = malloc(gx * gy * sizeof *head);
        if (head == NULL) {
            rc = nomem(err);
            goto out;
        }
        for (size_t q = 0; q < gx * gy; q++) {
            head[q] = -1;
        }
        for (igraph_integer_t v = n - 1; v >= 0; v--) {
            size_t cxi = (size_t)fmin((double)gx - 1, (x[v] - xmin) / csx);
            size_t cyi = (size_t)fmin((double)gy - 1, (y[v] - ymin) / csy);
            next[v] = head[cyi * gx + cxi];
            head[cyi * gx + cxi] = v;
        }
        long reach_x = (long)ceil(cs / csx), reach_y = (long)ceil(cs / csy);
        memset(mx, 0, (size_t)n * sizeof *mx);
        memset(my, 0, (size_t)n * sizeof *my);
        bool moved = false;
        for (igraph_integer_t v = 0; v < n; v++) {
            long cxi = (long)fmin((double)gx - 1, (x[v] - xmin) / csx);
            long cyi = (long)fmin((double)gy - 1, (y[v] - ymin) / csy);
            for (long b = cyi - reach_y; b <= cyi + reach_y; b++) {
                for (long a = cxi - reach_x; a <= cxi + reach_x; a++) {
                    if (a < 0 || b < 0 || a >= (long)gx || b >= (long)gy) {
                        continue;
                    }
                    for (igraph_integer_t u = head[(size_t)b * gx + (size_t)a]; u >= 0;
                         u = next[u]) {
                        if (u <= v) {
                            continue;
                        }
                        double dx = x[u] - x[v], dy = y[u] - y[v], d = sqrt(dx * dx + dy * dy);
                        double need = r[u] + r[v] + gap;
                        if (d >= need) {
                            continue;
                        }
                        double push;
                        if (d < 1e-12) { /* a fixed direction keeps it deterministic */
                            dx = cos((double)(u + v));
                            dy = sin((double)(u + v));
                            push = need / 2;
                        } else {
                            push = (need - d) / 2 / d;
                        }
                        mx[u] += dx * push;
                        my[u] += dy * push;
                        mx[v] -= dx * push;
                        my[v] -= dy * push;
                        moved = true;
                    }
                }
            }
        }
        if (!moved) {
            break;
        }
        for (igraph_integer_t v = 0; v < n; v++) {
            x[v] += 0.5 * mx[v]; /* damped: half the correction per round avoids oscillation */
            y[v] += 0.5 * my[v];
        }
    }
out:
    free(ord);
    free(mx);
    free(my);
    free(head);
    free(next);
    return rc;
}
