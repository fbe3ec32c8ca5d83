#include "metaclust/graph.h"

#include <stdlib.h>
#include <string.h>

#include "metaclust/igraph_bridge.h"

const char *mc_projection_name(enum mc_projection p) {
    switch (p) {
    case MC_PROJ_NEWMAN:
        return "newman";
    case MC_PROJ_JACCARD:
        return "jaccard";
    default:
        return "count";
    }
}

bool mc_projection_parse(const char *s, enum mc_projection *out) {
    static const char *const names[] = {"count", "newman", "jaccard"};
    for (size_t i = 0; i < MC_ARRAY_SIZE(names); i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (enum mc_projection)i;
            return true;
        }
    }
    return false;
}

void mc_view_options_init(struct mc_view_options *o) {
    o->sector = -1;
    o->projection = MC_PROJ_COUNT;
    o->max_group_size = 0;
    o->evidence = false;
    mc_backbone_options_init(&o->backbone);
    o->years = (struct mc_period){.set = false};
}

/* Direct edge row e, affiliation row r: in the view's period (mc_view_options.years). */
static bool edge_in_period(const struct mc_dataset *ds, const struct mc_view_options *o, size_t e) {
    return !o->years.set ||
           (ds->edge_year[e] != 0 && mc_period_contains(&o->years, ds->edge_year[e]));
}

static bool aff_in_period(const struct mc_dataset *ds, const struct mc_view_options *o, size_t r) {
    if (!o->years.set) {
        return true;
    }
    long y = ds->group_year ? ds->group_year[ds->aff_group[r]] : 0;
    return y != 0 && mc_period_contains(&o->years, y);
}

void mc_edgelist_init(struct mc_edgelist *el) {
    memset(el, 0, sizeof *el);
}

void mc_memberships_destroy(struct mc_memberships *m) {
    free(m->g_off);
    free(m->m_vertex);
    free(m->m_w);
    free(m->m_group);
    free(m->v_off);
    free(m->v_memb);
    memset(m, 0, sizeof *m);
}

void mc_edgelist_destroy(struct mc_edgelist *el) {
    mc_memberships_destroy(&el->memb);
    free(el->node);
    free(el->from);
    free(el->to);
    free(el->weight);
    free(el->ev_off);
    free(el->ev_group);
    free(el->direct_w);
    free(el->pvalue);
    mc_edgelist_init(el);
}

/* ==== building a view ==== */

/* A (group, vertex, weight) membership of the view. */
struct memb {
    int32_t group, vertex;
    double w;
};

/* A direct edge row: (a, b) with a < b, and its row number for a stable order. */
struct pair {
    int32_t a, b;
    size_t row;
    double w;
};

static int cmp_pair(const void *x, const void *y) {
    const struct pair *p = x, *q = y;
    if (p->a != q->a) {
        return p->a < q->a ? -1 : 1;
    }
    if (p->b != q->b) {
        return p->b < q->b ? -1 : 1;
    }
    return (p->row > q->row) - (p->row < q->row);
}

/* mc_tags_has for the hot loops: most items hold one or two tags, where a scan wins. */
static inline bool has_tag(const struct mc_tags *t, size_t i, int32_t v) {
    if (i >= t->n) {
        return false;
    }
    size_t k = t->off[i], end = t->off[i + 1];
    if (end - k > 8) {
        return mc_tags_has(t, i, v);
    }
    for (; k < end; k++) {
        if (t->val[k] >= v) {
            return t->val[k] == v;
        }
    }
    return false;
}

/* Tags of affiliation row r: its own, else its group's. */
static bool aff_tagged(const struct mc_dataset *ds, size_t r, int32_t s, bool *untagged) {
    size_t item;
    const struct mc_tags *t = mc_dataset_aff_tags(ds, r, &item);
    *untagged = mc_tags_count(t, item) == 0;
    return !*untagged && has_tag(t, item, s);
}

struct builder {
    const struct mc_dataset *ds;
    const struct mc_view_options *opt;
    struct mc_edgelist *el;
    int32_t *vertex_of; /* node -> vertex, -1 */
    uint8_t *row_in;    /* sector view: affiliation row r belongs to it; NULL: all rows */
    size_t cap_e;
    bool evidence; /* keep the groups behind each tie (asked for, or needed by a backbone) */
};

/* Room for `need` edges in the edge list. */
static enum mc_status reserve_edges(struct builder *b, size_t need, struct mc_error *err) {
    struct mc_edgelist *el = b->el;
    if (need <= b->cap_e) {
        return MC_OK;
    }
    size_t c1 = b->cap_e, c2 = c1, c3 = c1, c4 = c1;
    enum mc_status rc = mc_grow((void **)&el->from, &c1, need, sizeof *el->from, err);
    if (rc == MC_OK) {
        rc = mc_grow((void **)&el->to, &c2, need, sizeof *el->to, err);
    }
    if (rc == MC_OK) {
        rc = mc_grow((void **)&el->weight, &c3, need, sizeof *el->weight, err);
    }
    if (rc == MC_OK && b->evidence) {
        rc = mc_grow((void **)&el->direct_w, &c4, need, sizeof *el->direct_w, err);
        c3 = c4 < c3 ? c4 : c3;
    }
    if (rc == MC_OK) {
        b->cap_e = c1 < c2 ? (c1 < c3 ? c1 : c3) : (c2 < c3 ? c2 : c3);
    }
    return rc;
}

static enum mc_status push_edge(struct builder *b, int32_t from, int32_t to, double w, double dw,
                                struct mc_error *err) {
    struct mc_edgelist *el = b->el;
    if (el->n_edges + 1 > b->cap_e) {
        enum mc_status rc = reserve_edges(b, el->n_edges + 1, err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    el->from[el->n_edges] = from;
    el->to[el->n_edges] = to;
    el->weight[el->n_edges] = w;
    if (el->direct_w != NULL) {
        el->direct_w[el->n_edges] = dw;
    }
    el->n_edges++;
    return MC_OK;
}

/* Direct edge rows of the view, sorted by pair, repeats merged (weights summed). */
static enum mc_status direct_pairs(struct builder *b, struct pair **out, size_t *nout,
                                   struct mc_error *err) {
    const struct mc_dataset *ds = b->ds;
    long s = b->opt->sector;
    struct mc_view_stats *st = &b->el->stats;
    *out = NULL;
    *nout = 0;
    if (ds->n_edges == 0) {
        return MC_OK;
    }
    struct pair *p = malloc(ds->n_edges * sizeof *p);
    if (p == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (edges)");
    }
    size_t n = 0;
    for (size_t e = 0; e < ds->n_edges; e++) {
        int32_t u = ds->edge_src[e], v = ds->edge_tgt[e];
        if (!edge_in_period(ds, b->opt, e)) {
            continue;
        }
        if (s >= 0) {
            bool tagged = mc_tags_count(&ds->edge_sectors, e) > 0;
            bool in = tagged ? has_tag(&ds->edge_sectors, e, (int32_t)s)
                             : (has_tag(&ds->node_sectors, (size_t)u, (int32_t)s) &&
                                has_tag(&ds->node_sectors, (size_t)v, (int32_t)s));
            if (!in) {
                continue;
            }
        }
        st->direct_rows++;
        if (u == v) {
            st->self_loops_dropped++;
            continue;
        }
        int32_t a = b->vertex_of[u], c = b->vertex_of[v];
        p[n].a = a < c ? a : c;
        p[n].b = a < c ? c : a;
        p[n].w = ds->edge_w[e];
        p[n].row = e;
        n++;
    }
    /* sorted by (pair, row), so repeated rows are summed in file order */
    qsort(p, n, sizeof *p, cmp_pair);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k > 0 && p[k - 1].a == p[i].a && p[k - 1].b == p[i].b) {
            p[k - 1].w += p[i].w;
            st->duplicates_merged++;
        } else {
            p[k++] = p[i];
        }
    }
    struct pair *sorted = p;
    n = k;
    *out = sorted;
    *nout = n;
    return MC_OK;
}

/*
 * Projected pairs, Gustavson style: for each vertex a, walk its groups and
 * accumulate every co-member b > a in a dense scratch row. Memory is linear
 * in the output; pairs of one vertex come out sorted by b, and every pair's
 * contributions are summed in group order, so the result is deterministic.
 */
struct proj {
    size_t n_groups;
    size_t *g_off; /* group -> members, CSR over `m_vertex` */
    int32_t *m_vertex;
    double *m_w;
    int32_t *m_group; /* membership -> group */
    size_t *v_off;    /* vertex -> memberships, CSR over `v_memb` (indices into m_*) */
    size_t *v_memb;
    double *k_group; /* vertex: sum of its membership weights (jaccard) */
};

static void proj_destroy(struct proj *p) {
    free(p->g_off);
    free(p->m_vertex);
    free(p->m_w);
    free(p->m_group);
    free(p->v_off);
    free(p->v_memb);
    free(p->k_group);
}

static enum mc_status build_memberships(struct builder *b, struct proj *pj, struct mc_error *err) {
    const struct mc_dataset *ds = b->ds;
    size_t nv = b->el->n_vertices;
    struct mc_view_stats *st = &b->el->stats;
    size_t ng = ds->groups.n;
    enum mc_status rc = MC_OK;

    struct memb *m = malloc((ds->n_aff ? ds->n_aff : 1) * sizeof *m);
    size_t *count = calloc(ng + 1, sizeof *count);
    if (m == NULL || count == NULL) {
        free(m);
        free(count);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (affiliations)");
    }
    size_t n = 0;
    for (size_t r = 0; r < ds->n_aff; r++) {
        int32_t node = ds->aff_node[r];
        if (b->row_in != NULL && !b->row_in[r]) {
            continue;
        }
        st->affiliation_rows++;
        m[n].group = ds->aff_group[r];
        m[n].vertex = b->vertex_of[node];
        m[n].w = ds->aff_w[r];
        count[m[n].group]++;
        n++;
    }
    /*
     * two stable counting sorts, m by vertex into tmp and tmp by group back
     * into m: memberships end up sorted by (group, vertex) in linear time
     */
    size_t *start = malloc(((ng > nv ? ng : nv) + 1) * sizeof *start);
    struct memb *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (start == NULL || tmp == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (affiliations)");
        goto out;
    }
    memset(start, 0, (nv + 1) * sizeof *start);
    for (size_t i = 0; i < n; i++) {
        start[m[i].vertex + 1]++;
    }
    for (size_t v = 0; v < nv; v++) {
        start[v + 1] += start[v];
    }
    for (size_t i = 0; i < n; i++) {
        tmp[start[m[i].vertex]++] = m[i];
    }
    start[0] = 0;
    for (size_t g = 0; g < ng; g++) {
        start[g + 1] = start[g] + count[g];
    }
    memcpy(count, start, (ng + 1) * sizeof *count);
    for (size_t i = 0; i < n; i++) {
        m[count[tmp[i].group]++] = tmp[i];
    }
    pj->n_groups = ng;
    pj->g_off = malloc((ng + 1) * sizeof *pj->g_off);
    pj->m_vertex = malloc((n ? n : 1) * sizeof *pj->m_vertex);
    pj->m_w = malloc((n ? n : 1) * sizeof *pj->m_w);
    pj->m_group = malloc((n ? n : 1) * sizeof *pj->m_group);
    pj->v_off = calloc(nv + 1, sizeof *pj->v_off);
    pj->k_group = calloc(nv ? nv : 1, sizeof *pj->k_group);
    if (pj->g_off == NULL || pj->m_vertex == NULL || pj->m_w == NULL || pj->m_group == NULL ||
        pj->v_off == NULL || pj->k_group == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (affiliations)");
        goto out;
    }
    size_t k = 0;
    for (size_t g = 0; g < ng; g++) {
        pj->g_off[g] = k;
        struct memb *seg = m + start[g];
        size_t len = start[g + 1] - start[g];
        size_t first = k;
        for (size_t i = 0; i < len; i++) {
            if (k > first && pj->m_vertex[k - 1] == seg[i].vertex) {
                /* the same member listed again (e.g. one row per sector): keep the larger weight */
                st->duplicate_memberships++;
                if (seg[i].w > pj->m_w[k - 1]) {
                    pj->m_w[k - 1] = seg[i].w;
                }
                continue;
            }
            pj->m_vertex[k] = seg[i].vertex;
            pj->m_w[k] = seg[i].w;
            pj->m_group[k] = (int32_t)g;
            k++;
        }
        size_t size = k - first;
        if (size > 0) {
            st->groups++;
        }
        if (size > st->largest_group) {
            st->largest_group = size;
        }
    }
    pj->g_off[ng] = k;
    /* vertex -> memberships, in group order */
    for (size_t i = 0; i < k; i++) {
        pj->v_off[pj->m_vertex[i] + 1]++;
        pj->k_group[pj->m_vertex[i]] += pj->m_w[i];
    }
    for (size_t v = 0; v < nv; v++) {
        pj->v_off[v + 1] += pj->v_off[v];
    }
    pj->v_memb = malloc((k ? k : 1) * sizeof *pj->v_memb);
    if (pj->v_memb == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (affiliations)");
        goto out;
    }
    {
        size_t *fill = malloc((nv + 1) * sizeof *fill);
        if (fill == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (affiliations)");
            goto out;
        }
        memcpy(fill, pj->v_off, (nv + 1) * sizeof *fill);
        for (size_t i = 0; i < k; i++) {
            pj->v_memb[fill[pj->m_vertex[i]]++] = i;
        }
        free(fill);
    }
out:
    free(m);
    free(count);
    free(start);
    free(tmp);
    return rc;
}

/*
 * Sorts the neighbours b of one vertex, all in [minb, maxb]. A long list over
 * a short span is sorted through a bitmap of the span (linear, and hubs with
 * thousands of neighbours are common in real data); otherwise by comparison.
 * `bits` has a word per 64 vertices, all zero, and is left so.
 */
static void sort_neighbours(int32_t *list, size_t nl, int32_t minb, int32_t maxb, uint64_t *bits) {
    if (nl < 64) {
        mc_sort_i32(list, nl);
        return;
    }
    size_t w0 = (size_t)minb >> 6, w1 = (size_t)maxb >> 6, lg = 0;
    for (size_t k = nl; k > 1; k >>= 1) {
        lg++;
    }
    if (w1 - w0 + 1 > nl * lg) {
        mc_sort_i32(list, nl);
        return;
    }
    for (size_t i = 0; i < nl; i++) {
        bits[(size_t)list[i] >> 6] |= (uint64_t)1 << (list[i] & 63);
    }
    size_t k = 0;
    for (size_t w = w0; w <= w1; w++) {
        uint64_t x = bits[w];
        bits[w] = 0;
        while (x != 0) {
            list[k++] = (int32_t)(w * 64 + (size_t)__builtin_ctzll(x));
            x &= x - 1;
        }
    }
}

/*
 * The groups behind every projected edge, in compressed-row form (README
 * "Evidence"): two passes over the memberships, counting then filling, with
 * `pos` mapping a neighbour b of vertex a to the edge (a, b). O(P + m).
 */
static enum mc_status evidence(struct builder *b, const struct proj *pj, int32_t *pos,
                               struct mc_error *err) {
    const struct mc_view_options *opt = b->opt;
    struct mc_edgelist *el = b->el;
    size_t nv = el->n_vertices, m = el->n_edges;
    el->ev_off = calloc(m + 1, sizeof *el->ev_off);
    if (el->direct_w == NULL) {
        el->direct_w = calloc(m ? m : 1, sizeof *el->direct_w);
    }
    if (el->ev_off == NULL || el->direct_w == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (evidence)");
    }
    for (size_t v = 0; v < nv; v++) {
        pos[v] = -1;
    }
    for (int pass = 0; pass < 2; pass++) {
        size_t e0 = 0;
        for (size_t a = 0; a < nv && pj->v_off != NULL; a++) {
            size_t e1 = e0;
            while (e1 < m && el->from[e1] == (int32_t)a) {
                pos[el->to[e1]] = (int32_t)e1;
                e1++;
            }
            for (size_t t = pj->v_off[a]; t < pj->v_off[a + 1] && e1 > e0; t++) {
                size_t mi = pj->v_memb[t];
                size_t g = (size_t)pj->m_group[mi];
                size_t hi = pj->g_off[g + 1], k = hi - pj->g_off[g];
                if (k < 2 || (opt->max_group_size > 0 && k > opt->max_group_size)) {
                    continue;
                }
                for (size_t j = mi + 1; j < hi; j++) {
                    int32_t e = pos[pj->m_vertex[j]];
                    if (e < 0) {
                        continue; /* a zero-weight pair, dropped */
                    }
                    if (pass == 0) {
                        el->ev_off[e + 1]++;
                    } else {
                        el->ev_group[el->ev_off[e]++] = (int32_t)g;
                    }
                }
            }
            for (size_t e = e0; e < e1; e++) {
                pos[el->to[e]] = -1;
            }
            e0 = e1;
        }
        if (pass == 0) {
            for (size_t e = 0; e < m; e++) {
                el->ev_off[e + 1] += el->ev_off[e];
            }
            el->ev_group = malloc((el->ev_off[m] ? el->ev_off[m] : 1) * sizeof *el->ev_group);
            if (el->ev_group == NULL) {
                return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (evidence)");
            }
        } else {
            /* the fill advanced every start to the next edge's: shift back */
            for (size_t e = m; e > 0; e--) {
                el->ev_off[e] = el->ev_off[e - 1];
            }
            el->ev_off[0] = 0;
        }
    }
    return MC_OK;
}

static enum mc_status project(struct builder *b, const struct pair *direct, size_t ndirect,
                              struct mc_error *err) {
    const struct mc_view_options *opt = b->opt;
    struct mc_edgelist *el = b->el;
    struct mc_view_stats *st = &el->stats;
    size_t nv = el->n_vertices;
    struct proj pj;
    memset(&pj, 0, sizeof pj);
    enum mc_status rc = MC_OK;
    int32_t *mark = NULL, *list = NULL;
    double *acc = NULL, *shared = NULL;
    uint64_t *bits = NULL;

    if (b->ds->n_aff > 0) {
        rc = build_memberships(b, &pj, err);
        if (rc != MC_OK) {
            goto out;
        }
    }
    mark = malloc((nv ? nv : 1) * sizeof *mark);
    list = malloc((nv ? nv : 1) * sizeof *list);
    acc = malloc((nv ? nv : 1) * sizeof *acc);
    shared = malloc((nv ? nv : 1) * sizeof *shared);
    bits = calloc(nv / 64 + 1, sizeof *bits);
    if (mark == NULL || list == NULL || acc == NULL || shared == NULL || bits == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (projection)");
        goto out;
    }
    for (size_t v = 0; v < nv; v++) {
        mark[v] = -1;
    }
    for (size_t g = 0; g < pj.n_groups; g++) {
        size_t k = pj.g_off[g + 1] - pj.g_off[g];
        if (k < 2) {
            continue;
        }
        if (opt->max_group_size > 0 && k > opt->max_group_size) {
            st->groups_skipped++;
            continue;
        }
        st->pairs += k * (k - 1) / 2;
    }

    /*
     * The edges number at most pairs + direct rows: reserve that much at once
     * (large blocks are mapped lazily, so an overestimate costs no memory
     * touched) rather than copying while doubling; if the bound is too big
     * for malloc, grow as we go.
     */
    {
        size_t bound = st->pairs + ndirect, all = nv > 1 ? nv * (nv - 1) / 2 : 1;
        if (bound > all) {
            bound = all;
        }
        struct mc_error ignored;
        (void)reserve_edges(b, bound, &ignored);
    }
    size_t di = 0; /* cursor into the direct pairs, merged in as we go */
    for (size_t a = 0; a < nv; a++) {
        if ((a & 1023) == 0 && mc_interrupted()) {
            rc = mc_error_set(err, MC_E_INTERRUPTED, NULL, 0, "interrupted");
            goto out;
        }
        size_t nl = 0;
        int32_t minb = INT32_MAX, maxb = -1;
        if (pj.v_off != NULL) {
            for (size_t t = pj.v_off[a]; t < pj.v_off[a + 1]; t++) {
                size_t mi = pj.v_memb[t];
                size_t g = (size_t)pj.m_group[mi];
                size_t lo = pj.g_off[g], hi = pj.g_off[g + 1], k = hi - lo;
                if (k < 2 || (opt->max_group_size > 0 && k > opt->max_group_size)) {
                    continue;
                }
                double wa = pj.m_w[mi];
                double base = opt->projection == MC_PROJ_NEWMAN ? 1.0 / (double)(k - 1) : 1.0;
                for (size_t j = mi + 1; j < hi; j++) { /* members sorted: j > mi means b > a */
                    int32_t bv = pj.m_vertex[j];
                    double wb = pj.m_w[j];
                    double c = wa < wb ? wa : wb;
                    if (mark[bv] != (int32_t)a) {
                        mark[bv] = (int32_t)a;
                        acc[bv] = 0;
                        shared[bv] = 0;
                        list[nl++] = bv;
                        minb = bv < minb ? bv : minb;
                        maxb = bv > maxb ? bv : maxb;
                    }
                    acc[bv] += base * c;
                    shared[bv] += c;
                }
            }
        }
        sort_neighbours(list, nl, minb, maxb, bits);
        /* merge the projected row with the direct pairs of vertex a */
        size_t li = 0;
        while (li < nl || (di < ndirect && direct[di].a == (int32_t)a)) {
            int32_t bp = li < nl ? list[li] : INT32_MAX;
            int32_t bd = (di < ndirect && direct[di].a == (int32_t)a) ? direct[di].b : INT32_MAX;
            int32_t bv = bp < bd ? bp : bd;
            double w = 0, dw = 0;
            if (bp == bv) {
                if (opt->projection == MC_PROJ_JACCARD) {
                    double uni = pj.k_group[a] + pj.k_group[bv] - shared[bv];
                    w += uni > 0 ? shared[bv] / uni : 0;
                } else {
                    w += acc[bv];
                }
                li++;
            }
            if (bd == bv) {
                w += direct[di].w;
                dw = direct[di].w;
                di++;
            }
            if (w <= 0) {
                st->zero_weight_dropped++;
                continue;
            }
            rc = push_edge(b, (int32_t)a, bv, w, dw, err);
            if (rc != MC_OK) {
                goto out;
            }
        }
    }
    if (b->evidence) {
        rc = evidence(b, &pj, mark, err);
        if (rc == MC_OK && pj.g_off != NULL) {
            /* the memberships stay with the evidence: proposals test whole groups */
            el->memb = (struct mc_memberships){.n_groups = pj.n_groups,
                                               .g_off = pj.g_off,
                                               .m_vertex = pj.m_vertex,
                                               .m_w = pj.m_w,
                                               .m_group = pj.m_group,
                                               .v_off = pj.v_off,
                                               .v_memb = pj.v_memb};
            pj.g_off = NULL;
            pj.m_vertex = NULL;
            pj.m_w = NULL;
            pj.m_group = NULL;
            pj.v_off = NULL;
            pj.v_memb = NULL;
        }
    }
out:
    proj_destroy(&pj);
    free(mark);
    free(list);
    free(acc);
    free(shared);
    free(bits);
    return rc;
}

enum mc_status mc_view_edges(const struct mc_dataset *ds, const struct mc_view_options *opt,
                             struct mc_edgelist *out, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct builder b = {.ds = ds,
                        .opt = opt,
                        .el = out,
                        .evidence = opt->evidence || opt->backbone.method == MC_BACKBONE_SDSM ||
                                    opt->backbone.method == MC_BACKBONE_HYPERGEOM ||
                                    opt->backbone.min_groups > 1};
    struct pair *direct = NULL;
    size_t ndirect = 0;
    long s = opt->sector;

    mc_edgelist_init(out);
    uint8_t *in = calloc(ds->n_nodes ? ds->n_nodes : 1, 1);
    b.vertex_of = malloc((ds->n_nodes ? ds->n_nodes : 1) * sizeof *b.vertex_of);
    if (in == NULL || b.vertex_of == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    /* the vertex set */
    for (size_t i = 0; i < ds->n_nodes; i++) {
        in[i] = s < 0 || has_tag(&ds->node_sectors, i, (int32_t)s);
    }
    if (s >= 0 || opt->years.set) {
        for (size_t e = 0; s >= 0 && e < ds->n_edges; e++) {
            if (edge_in_period(ds, opt, e) && has_tag(&ds->edge_sectors, e, (int32_t)s)) {
                in[ds->edge_src[e]] = in[ds->edge_tgt[e]] = 1;
            }
        }
        /* a row is in the view when tagged S, or untagged with a node that lists S */
        b.row_in = malloc(ds->n_aff ? ds->n_aff : 1);
        if (b.row_in == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            goto out;
        }
        for (size_t r = 0; r < ds->n_aff; r++) {
            bool untagged;
            int32_t node = ds->aff_node[r];
            if (!aff_in_period(ds, opt, r)) {
                b.row_in[r] = 0;
                continue;
            }
            if (s < 0) {
                b.row_in[r] = 1;
                continue;
            }
            bool tagged = aff_tagged(ds, r, (int32_t)s, &untagged);
            b.row_in[r] =
                tagged || (untagged && has_tag(&ds->node_sectors, (size_t)node, (int32_t)s));
            in[node] |= tagged;
        }
    }
    size_t nv = 0;
    for (size_t i = 0; i < ds->n_nodes; i++) {
        nv += in[i];
    }
    out->n_vertices = nv;
    out->node = malloc((nv ? nv : 1) * sizeof *out->node);
    if (out->node == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    nv = 0;
    for (size_t i = 0; i < ds->n_nodes; i++) {
        b.vertex_of[i] = in[i] ? (int32_t)nv : -1;
        if (in[i]) {
            out->node[nv++] = (int32_t)i;
        }
    }
    rc = direct_pairs(&b, &direct, &ndirect, err);
    if (rc == MC_OK) {
        rc = project(&b, direct, ndirect, err);
    }
    if (rc == MC_OK && (opt->backbone.method != MC_BACKBONE_NONE || opt->backbone.min_groups > 1)) {
        rc = mc_backbone_apply(out, &opt->backbone, &out->backbone, err);
    }
out:
    free(in);
    free(b.row_in);
    free(b.vertex_of);
    free(direct);
    if (rc != MC_OK) {
        mc_edgelist_destroy(out);
    }
    return rc;
}

/* ==== the igraph graph ==== */

void mc_graph_init(struct mc_graph *g) {
    memset(g, 0, sizeof *g);
    mc_view_options_init(&g->view);
}

void mc_graph_destroy(struct mc_graph *g) {
    if (g->built) {
        igraph_destroy(&g->ig);
        igraph_vector_destroy(&g->weight);
    }
    free(g->node);
    free(g->vertex_of);
    free(g->country);
    free(g->ev_off);
    free(g->ev_group);
    free(g->direct_w);
    free(g->pvalue);
    mc_memberships_destroy(&g->memb);
    mc_graph_init(g);
}

/*
 * igraph 0.10 stores an undirected graph as from[e] >= to[e], plus two
 * orderings of the edge ids (oi by (from, to), ii by (to, from)) and their
 * start vectors os/is. igraph_create() computes both orderings with a
 * linked-list radix sort that costs about 50 ms per million edges, mostly in
 * cache misses. Our edge list is already sorted by (a, b) with a < b, so ii is
 * the identity and oi is one counting sort by b: filled here directly, about
 * ten times faster. The result is the very structure igraph_create() builds
 * (test_graph.c compares the two); other igraph versions, a graph with an
 * attribute table, or an edge list not in that order take igraph_create().
 */
#if IGRAPH_VERSION_MAJOR == 0 && IGRAPH_VERSION_MINOR == 10
#define MC_FAST_CREATE 1
#else
#define MC_FAST_CREATE 0
#endif

static bool edgelist_sorted(const struct mc_edgelist *el) {
    igraph_integer_t n = (igraph_integer_t)el->n_vertices;
    for (size_t e = 0; e < el->n_edges; e++) {
        int32_t a = el->from[e], b = el->to[e];
        if (a < 0 || a >= b || b >= n) {
            return false;
        }
        if (e > 0 && (el->from[e - 1] > a || (el->from[e - 1] == a && el->to[e - 1] >= b))) {
            return false;
        }
    }
    return true;
}

/* Returns true when it built `ig` (or failed with *rc set); false: use igraph_create. */
static bool create_indexed(igraph_t *ig, const struct mc_edgelist *el, enum mc_status *rc,
                           struct mc_error *err) {
    if (!MC_FAST_CREATE || !edgelist_sorted(el)) {
        return false;
    }
    igraph_integer_t n = (igraph_integer_t)el->n_vertices, m = (igraph_integer_t)el->n_edges;
    *rc = mc_igraph_status(igraph_empty(ig, n, IGRAPH_UNDIRECTED), err, "building the graph");
    if (*rc != MC_OK) {
        return true;
    }
    if (ig->attr != NULL) {
        igraph_destroy(ig);
        return false;
    }
    if (igraph_vector_int_resize(&ig->from, m) != IGRAPH_SUCCESS ||
        igraph_vector_int_resize(&ig->to, m) != IGRAPH_SUCCESS ||
        igraph_vector_int_resize(&ig->oi, m) != IGRAPH_SUCCESS ||
        igraph_vector_int_resize(&ig->ii, m) != IGRAPH_SUCCESS) {
        igraph_destroy(ig);
        *rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (graph)");
        return true;
    }
    igraph_integer_t *from = VECTOR(ig->from), *to = VECTOR(ig->to), *oi = VECTOR(ig->oi),
                     *ii = VECTOR(ig->ii), *os = VECTOR(ig->os), *is = VECTOR(ig->is);
    /* igraph_empty() left os and is as n + 1 zeros */
    for (igraph_integer_t e = 0; e < m; e++) {
        from[e] = el->to[e];
        to[e] = el->from[e];
        ii[e] = e;
        is[to[e] + 1]++;
        os[from[e] + 1]++;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        is[v + 1] += is[v];
        os[v + 1] += os[v];
    }
    /* stable counting sort by `from`: ties keep ascending `to`, as pair_order does */
    for (igraph_integer_t e = 0; e < m; e++) {
        oi[os[from[e]]++] = e;
    }
    for (igraph_integer_t v = n; v > 0; v--) {
        os[v] = os[v - 1];
    }
    os[0] = 0;
    igraph_invalidate_cache(ig);
    *rc = MC_OK;
    return true;
}

enum mc_status mc_graph_from_edgelist(struct mc_graph *g, const struct mc_dataset *ds,
                                      const struct mc_view_options *opt, struct mc_edgelist *el,
                                      struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_vector_int_t edges;
    bool edges_ok = false;

    mc_graph_init(g);
    g->ds = ds;
    g->view = *opt;
    g->stats = el->stats;
    g->backbone = el->backbone;
    g->n = (igraph_integer_t)el->n_vertices;
    g->ev_off = el->ev_off;
    g->ev_group = el->ev_group;
    g->direct_w = el->direct_w;
    g->pvalue = el->pvalue;
    g->memb = el->memb;
    memset(&el->memb, 0, sizeof el->memb);
    el->ev_off = NULL;
    el->ev_group = NULL;
    el->direct_w = NULL;
    el->pvalue = NULL;
    g->node = el->node;
    el->node = NULL;
    g->vertex_of = malloc((ds->n_nodes ? ds->n_nodes : 1) * sizeof *g->vertex_of);
    g->country = malloc((el->n_vertices ? el->n_vertices : 1) * sizeof *g->country);
    if (g->vertex_of == NULL || g->country == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < ds->n_nodes; i++) {
        g->vertex_of[i] = -1;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        g->vertex_of[g->node[v]] = (int32_t)v;
        g->country[v] = ds->node_country[g->node[v]];
    }
    size_t m = el->n_edges;
    if (igraph_vector_init(&g->weight, (igraph_integer_t)m) != IGRAPH_SUCCESS) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (weights)");
        goto out;
    }
    for (size_t e = 0; e < m; e++) {
        VECTOR(g->weight)[e] = el->weight[e];
        g->total_weight += el->weight[e];
    }
    if (create_indexed(&g->ig, el, &rc, err)) {
        if (rc != MC_OK) {
            igraph_vector_destroy(&g->weight);
            goto out;
        }
        g->built = true;
        goto out;
    }
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&g->weight);
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (edge vector)");
        goto out;
    }
    edges_ok = true;
    for (size_t e = 0; e < m; e++) {
        VECTOR(edges)[2 * e] = el->from[e];
        VECTOR(edges)[2 * e + 1] = el->to[e];
    }
    rc = mc_igraph_status(igraph_create(&g->ig, &edges, g->n, IGRAPH_UNDIRECTED), err,
                          "building the graph");
    if (rc != MC_OK) {
        igraph_vector_destroy(&g->weight);
        goto out;
    }
    g->built = true;
out:
    if (edges_ok) {
        igraph_vector_int_destroy(&edges);
    }
    mc_edgelist_destroy(el);
    if (rc != MC_OK) {
        mc_graph_destroy(g);
    }
    return rc;
}

enum mc_status mc_graph_build(struct mc_graph *g, const struct mc_dataset *ds,
                              const struct mc_view_options *opt, struct mc_error *err) {
    struct mc_edgelist el;
    mc_graph_init(g);
    enum mc_status rc = mc_view_edges(ds, opt, &el, err);
    if (rc != MC_OK) {
        return rc;
    }
    return mc_graph_from_edgelist(g, ds, opt, &el, err);
}

const char *mc_graph_sector_name(const struct mc_graph *g) {
    return g->view.sector < 0 ? "all" : mc_dataset_sector_name(g->ds, (int32_t)g->view.sector);
}

/* ==== the groups behind a set of vertices ==== */

struct gv {
    int32_t group;
    size_t memb; /* membership index */
};

static int cmp_gv(const void *a, const void *b) {
    const struct gv *x = a, *y = b;
    if (x->group != y->group) {
        return x->group < y->group ? -1 : 1;
    }
    return (x->memb > y->memb) - (x->memb < y->memb);
}

static int cmp_share(const void *a, const void *b) {
    const struct mc_group_share *x = a, *y = b;
    if (x->weight != y->weight) {
        return x->weight > y->weight ? -1 : 1;
    }
    if (x->members != y->members) {
        return x->members > y->members ? -1 : 1;
    }
    return (x->group > y->group) - (x->group < y->group);
}

enum mc_status mc_graph_group_shares(const struct mc_graph *g, const igraph_integer_t *vs, size_t n,
                                     struct mc_group_share **shares, size_t *nshares, double *total,
                                     struct mc_error *err) {
    const struct mc_memberships *mb = &g->memb;
    *shares = NULL;
    *nshares = 0;
    *total = 0;
    /* direct weight (or, without memberships, all weight) of the ties among vs */
    uint8_t *in = calloc((size_t)(g->n ? g->n : 1), 1);
    if (in == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        in[vs[i]] = 1;
    }
    igraph_vector_int_t inc;
    if (igraph_vector_int_init(&inc, 0) != IGRAPH_SUCCESS) {
        free(in);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        if (igraph_incident(&g->ig, &inc, vs[i], IGRAPH_ALL) != IGRAPH_SUCCESS) {
            continue;
        }
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(&inc); k++) {
            igraph_integer_t e = VECTOR(inc)[k];
            igraph_integer_t u = IGRAPH_OTHER(&g->ig, e, vs[i]);
            if (!in[u] || u < vs[i]) {
                continue;
            }
            *total += mb->g_off != NULL ? (g->direct_w != NULL ? g->direct_w[e] : 0)
                                        : VECTOR(g->weight)[e];
        }
    }
    igraph_vector_int_destroy(&inc);
    free(in);
    if (mb->g_off == NULL) {
        return MC_OK;
    }
    size_t d = 0;
    for (size_t i = 0; i < n; i++) {
        d += mb->v_off[vs[i] + 1] - mb->v_off[vs[i]];
    }
    struct gv *list = malloc((d ? d : 1) * sizeof *list);
    if (list == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t t = mb->v_off[vs[i]]; t < mb->v_off[vs[i] + 1]; t++) {
            size_t mi = mb->v_memb[t];
            int32_t grp = mb->m_group[mi];
            size_t size = mb->g_off[grp + 1] - mb->g_off[grp];
            if (size < 2 || (g->view.max_group_size > 0 && size > g->view.max_group_size)) {
                continue;
            }
            list[k++] = (struct gv){.group = grp, .memb = mi};
        }
    }
    if (k > 1) {
        qsort(list, k, sizeof *list, cmp_gv);
    }
    size_t cap = 0;
    enum mc_status rc = MC_OK;
    for (size_t a = 0; a < k;) {
        size_t b = a;
        while (b < k && list[b].group == list[a].group) {
            b++;
        }
        if (b - a >= 2) {
            int32_t grp = list[a].group;
            size_t size = mb->g_off[grp + 1] - mb->g_off[grp];
            double base = g->view.projection == MC_PROJ_NEWMAN ? 1.0 / (double)(size - 1) : 1.0;
            double w = 0;
            for (size_t x = a; x < b; x++) {
                for (size_t y = x + 1; y < b; y++) {
                    double wx = mb->m_w[list[x].memb], wy = mb->m_w[list[y].memb];
                    w += base * (wx < wy ? wx : wy);
                }
            }
            rc = mc_grow((void **)shares, &cap, *nshares + 1, sizeof **shares, err);
            if (rc != MC_OK) {
                break;
            }
            (*shares)[(*nshares)++] =
                (struct mc_group_share){.group = grp, .members = b - a, .weight = w};
            *total += w;
        }
        a = b;
    }
    free(list);
    if (rc != MC_OK) {
        free(*shares);
        *shares = NULL;
        *nshares = 0;
        return rc;
    }
    if (*nshares > 1) {
        qsort(*shares, *nshares, sizeof **shares, cmp_share);
    }
    return MC_OK;
}
