/*
 * Single-source shortest-path passes for betweenness, closeness and
 * harmonic centrality: one search per source feeds all three.
 *
 * This is Brandes' algorithm (2001, J Math Sociol 25:163) on compressed
 * rows with flat arrays, instead of igraph_betweenness_subset, whose
 * per-vertex vectors make it about twice as slow on the h2020 graphs; the
 * unit tests check it against igraph_betweenness, igraph_closeness and
 * igraph_harmonic_centrality. Ties follow igraph: lengths are compared with
 * a relative tolerance of 1e-10 (igraph_cmp_epsilon).
 */
#include "centrality_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/util.h"

#define EPS 1e-10

void mc_csr_destroy(struct mc_csr *a) {
    free(a->off);
    free(a->nbr);
    free(a->len);
    memset(a, 0, sizeof *a);
}

enum mc_status mc_csr_init(struct mc_csr *a, const igraph_t *g, const igraph_vector_t *len,
                           struct mc_error *err) {
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g);
    memset(a, 0, sizeof *a);
    if (n > INT32_MAX || m > INT64_MAX / 2) {
        return mc_error_set(err, MC_E_DATA, NULL, 0, "graph too large for the path measures");
    }
    a->n = (int32_t)n;
    a->off = calloc((size_t)n + 1, sizeof *a->off);
    a->nbr = malloc((size_t)(m ? 2 * m : 1) * sizeof *a->nbr);
    if (len != NULL) {
        a->len = malloc((size_t)(m ? 2 * m : 1) * sizeof *a->len);
    }
    int64_t *fill = malloc(((size_t)n + 1) * sizeof *fill);
    if (a->off == NULL || a->nbr == NULL || (len != NULL && a->len == NULL) || fill == NULL) {
        free(fill);
        mc_csr_destroy(a);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (adjacency)");
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        a->off[IGRAPH_FROM(g, e) + 1]++;
        a->off[IGRAPH_TO(g, e) + 1]++;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        a->off[v + 1] += a->off[v];
    }
    memcpy(fill, a->off, ((size_t)n + 1) * sizeof *fill);
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t x = IGRAPH_FROM(g, e), y = IGRAPH_TO(g, e);
        int64_t i = fill[x]++, j = fill[y]++;
        a->nbr[i] = (int32_t)y;
        a->nbr[j] = (int32_t)x;
        if (len != NULL) {
            a->len[i] = a->len[j] = VECTOR(*len)[e];
        }
    }
    free(fill);
    return MC_OK;
}

/* Scratch space of the searches, reset vertex by vertex after each source. */
struct pass {
    const struct mc_csr *a;
    double *dist;   /* -1: not reached */
    double *sigma;  /* shortest paths from the source */
    double *delta;  /* dependency of the source */
    int32_t *order; /* vertices in the order they were settled */
    int32_t *level; /* BFS: hops from the source, -1: not reached */
    int32_t *npred; /* predecessors on shortest paths, stored in pred[off[v] ...] */
    int32_t *pred;
    unsigned char *done;
    struct item {
        double d;
        int32_t v;
    } * heap;
    size_t nheap;
};

/* 0 when a and b are equal within EPS relative (igraph_cmp_epsilon), else the sign of a - b. */
static int cmp_eps(double a, double b) {
    if (a == b) {
        return 0;
    }
    double diff = a - b, sum = fabs(a) + fabs(b);
    if (fabs(diff) / sum < EPS) {
        return 0;
    }
    return diff < 0 ? -1 : 1;
}

static void heap_push(struct pass *p, double d, int32_t v) {
    size_t i = p->nheap++;
    while (i > 0) {
        size_t up = (i - 1) / 2;
        if (p->heap[up].d <= d) {
            break;
        }
        p->heap[i] = p->heap[up];
        i = up;
    }
    p->heap[i].d = d;
    p->heap[i].v = v;
}

static struct item heap_pop(struct pass *p) {
    struct item top = p->heap[0], last = p->heap[--p->nheap];
    size_t i = 0, n = p->nheap;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) {
            break;
        }
        if (c + 1 < n && p->heap[c + 1].d < p->heap[c].d) {
            c++;
        }
        if (p->heap[c].d >= last.d) {
            break;
        }
        p->heap[i] = p->heap[c];
        i = c;
    }
    if (n > 0) {
        p->heap[i] = last;
    }
    return top;
}

/*
 * Breadth-first search from s, recording the predecessors on shortest paths
 * (levels in int32 keep the hot arrays small); returns the vertices reached.
 */
static int32_t search_hops(struct pass *p, int32_t s) {
    const struct mc_csr *a = p->a;
    int32_t head = 0, tail = 0;
    int32_t *level = p->level;
    level[s] = 0;
    p->sigma[s] = 1;
    p->order[tail++] = s;
    while (head < tail) {
        int32_t v = p->order[head++];
        int32_t lw = level[v] + 1;
        double sv = p->sigma[v];
        for (int64_t i = a->off[v]; i < a->off[v + 1]; i++) {
            int32_t w = a->nbr[i];
            if (level[w] < 0) {
                level[w] = lw;
                p->order[tail++] = w;
            }
            if (level[w] == lw) {
                p->sigma[w] += sv;
                p->pred[a->off[w] + p->npred[w]++] = v;
            }
        }
    }
    return tail;
}

/*
 * Dijkstra from s with a lazy binary heap (an entry per improvement; stale
 * entries are skipped), recording every predecessor on a shortest path.
 */
static int32_t search_lengths(struct pass *p, int32_t s) {
    const struct mc_csr *a = p->a;
    int32_t settled = 0;
    p->nheap = 0;
    p->dist[s] = 0;
    p->sigma[s] = 1;
    heap_push(p, 0, s);
    while (p->nheap > 0) {
        struct item it = heap_pop(p);
        int32_t v = it.v;
        if (p->done[v] || it.d > p->dist[v]) {
            continue;
        }
        p->done[v] = 1;
        p->order[settled++] = v;
        for (int64_t i = a->off[v]; i < a->off[v + 1]; i++) {
            int32_t w = a->nbr[i];
            if (p->done[w]) {
                continue;
            }
            double alt = it.d + a->len[i];
            int c = p->dist[w] < 0 ? -1 : cmp_eps(alt, p->dist[w]);
            if (c < 0) {
                /* the first or a shorter path: v is w's only predecessor so far */
                p->dist[w] = alt;
                p->sigma[w] = p->sigma[v];
                p->npred[w] = 1;
                p->pred[a->off[w]] = v;
                heap_push(p, alt, w);
            } else if (c == 0) {
                p->sigma[w] += p->sigma[v];
                p->pred[a->off[w] + p->npred[w]++] = v;
            }
        }
    }
    return settled;
}

/* Dependencies from the settled vertices, farthest first; then the reset. */
static void accumulate(struct pass *p, int32_t s, int32_t reached, double *bt, double *hs,
                       double *ds) {
    const struct mc_csr *a = p->a;
    for (int32_t k = reached - 1; bt != NULL && k >= 0; k--) {
        int32_t v = p->order[k];
        double coeff = (1 + p->delta[v]) / p->sigma[v];
        const int32_t *pv = p->pred + a->off[v];
        for (int32_t j = 0; j < p->npred[v]; j++) {
            p->delta[pv[j]] += p->sigma[pv[j]] * coeff;
        }
        if (v != s) {
            bt[v] += p->delta[v];
        }
    }
    for (int32_t k = 0; k < reached; k++) {
        int32_t v = p->order[k];
        double d = a->len != NULL ? p->dist[v] : (double)p->level[v];
        if (v != s && hs != NULL) {
            hs[v] += 1.0 / d;
            ds[v] += d;
        }
        if (a->len != NULL) {
            p->dist[v] = -1;
            p->done[v] = 0;
        } else {
            p->level[v] = -1;
        }
        p->sigma[v] = 0;
        p->delta[v] = 0;
        p->npred[v] = 0;
    }
}

enum mc_status mc_paths_accumulate(const struct mc_csr *a, const int32_t *src, size_t nsrc,
                                   double *bt, double *hs, double *ds, struct mc_error *err) {
    struct pass p = {.a = a};
    size_t n = (size_t)(a->n ? a->n : 1), ne = (size_t)a->off[a->n] + 1;
    enum mc_status rc = MC_OK;
    p.sigma = calloc(n, sizeof *p.sigma);
    p.delta = calloc(n, sizeof *p.delta);
    p.order = malloc(n * sizeof *p.order);
    p.npred = calloc(n, sizeof *p.npred);
    p.pred = malloc(ne * sizeof *p.pred);
    if (a->len != NULL) {
        p.dist = malloc(n * sizeof *p.dist);
        p.done = calloc(n, 1);
        p.heap = malloc(ne * sizeof *p.heap); /* at most one entry per improvement */
    } else {
        p.level = malloc(n * sizeof *p.level);
    }
    if (p.sigma == NULL || p.delta == NULL || p.order == NULL || p.npred == NULL ||
        p.pred == NULL ||
        (a->len != NULL ? (p.dist == NULL || p.done == NULL || p.heap == NULL) : p.level == NULL)) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (paths)");
        goto out;
    }
    for (size_t v = 0; v < (size_t)a->n; v++) {
        if (a->len != NULL) {
            p.dist[v] = -1;
        } else {
            p.level[v] = -1;
        }
    }
    for (size_t i = 0; i < nsrc; i++) {
        if ((i & 63) == 63 && mc_interrupted()) {
            rc = mc_error_set(err, MC_E_INTERRUPTED, NULL, 0, "interrupted");
            break;
        }
        int32_t s = src[i];
        int32_t reached = a->len == NULL ? search_hops(&p, s) : search_lengths(&p, s);
        accumulate(&p, s, reached, bt, hs, ds);
    }
out:
    free(p.dist);
    free(p.level);
    free(p.sigma);
    free(p.delta);
    free(p.order);
    free(p.npred);
    free(p.pred);
    free(p.done);
    free(p.heap);
    return rc;
}
