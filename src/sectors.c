/*
 * Sectors ranked by meta-cluster potential, and the emerging sector pairs.
 * See metaclust/sectors.h.
 */
#include "metaclust/sectors.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/parallel.h"
#include "metaclust/util.h"

/* the sector pairs are counted in an ns x ns table: at most this many sectors */
#define PAIR_SECTORS_MAX 4096

static const struct {
    const char *name;
    double weight;
} parts[MC_POT_PARTS] = {
    {"transnational", 0.25}, {"proposals", 0.25}, {"scale", 0.15},
    {"reach", 0.15},         {"growth", 0.10},    {"labelled", 0.10},
};

const char *mc_potential_part_name(enum mc_potential_part p) {
    return parts[p].name;
}

double mc_potential_part_weight(enum mc_potential_part p) {
    return parts[p].weight;
}

void mc_sectors_options_init(struct mc_sectors_options *o) {
    memset(o, 0, sizeof *o);
    mc_view_options_init(&o->view);
    mc_view_options_init(&o->propose_view);
    mc_propose_view_defaults(&o->propose_view);
    mc_propose_options_init(&o->propose);
    o->propose.runs = 1;
}

void mc_sectors_init(struct mc_sectors *s) {
    memset(s, 0, sizeof *s);
}

void mc_sectors_destroy(struct mc_sectors *s) {
    free(s->rows);
    free(s->pairs);
    mc_sectors_init(s);
}

static enum mc_status nomem(struct mc_error *err) {
    return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (sectors)");
}

/* ==== One sector's view, in a worker ==== */

/* What a worker sends back: fixed size (parallel.h). */
struct sector_result {
    size_t nodes, ties, countries, labelled, candidates, proposals;
    double weight, cross, known, best;
};

struct sector_ctx {
    const struct mc_dataset *ds;
    const struct mc_sectors_options *opt;
    const long *order; /* task t: sector order[t] */
};

static enum mc_status sector_task(void *vctx, size_t t, void *out, struct mc_error *err) {
    const struct sector_ctx *ctx = vctx;
    const struct mc_dataset *ds = ctx->ds;
    struct sector_result *r = out;
    struct mc_view_options v = ctx->opt->view;
    struct mc_graph g;
    struct mc_sector_proposals sp;
    uint8_t *seen = calloc(ds->countries.n + 1, 1);
    enum mc_status rc;

    memset(r, 0, sizeof *r);
    r->best = NAN;
    mc_graph_init(&g);
    mc_sector_proposals_init(&sp);
    if (seen == NULL) {
        return nomem(err);
    }
    v.sector = ctx->order[t];
    if ((rc = mc_graph_build(&g, ds, &v, err)) != MC_OK) {
        goto out;
    }
    r->nodes = (size_t)g.n;
    r->ties = (size_t)igraph_ecount(&g.ig);
    r->weight = g.total_weight;
    for (igraph_integer_t i = 0; i < g.n; i++) {
        if (g.country[i] >= 0 && !seen[g.country[i]]) {
            seen[g.country[i]] = 1;
            r->countries++;
        }
        r->labelled += ds->node_label[g.node[i]] != MC_LABEL_NONE;
    }
    for (igraph_integer_t e = 0; e < igraph_ecount(&g.ig); e++) {
        int32_t a = g.country[IGRAPH_FROM(&g.ig, e)], b = g.country[IGRAPH_TO(&g.ig, e)];
        if (a >= 0 && b >= 0) {
            r->known += VECTOR(g.weight)[e];
            r->cross += a != b ? VECTOR(g.weight)[e] : 0;
        }
    }
    const struct mc_sector_found *f = ctx->opt->found ? &ctx->opt->found[ctx->order[t]] : NULL;
    if (f != NULL && f->set) {
        r->candidates = f->candidates;
        r->proposals = f->proposals;
        r->best = f->best_score;
        goto out;
    }
    /* the proposals on their own view, as `metaclust propose` builds it */
    mc_graph_destroy(&g);
    v = ctx->opt->propose_view;
    v.sector = ctx->order[t];
    if ((rc = mc_graph_build(&g, ds, &v, err)) != MC_OK ||
        (rc = mc_propose_sector(&g, &ctx->opt->propose, &sp, err)) != MC_OK) {
        goto out;
    }
    r->candidates = sp.candidates;
    r->proposals = sp.n_proposals;
    for (size_t i = 0; i < sp.n_proposals; i++) {
        if (isnan(r->best) || sp.proposals[i].score > r->best) {
            r->best = sp.proposals[i].score;
        }
    }
out:
    free(seen);
    mc_sector_proposals_destroy(&sp);
    mc_graph_destroy(&g);
    return rc;
}

/* ==== Ties per year ==== */

struct triple {
    int32_t sector, group, node;
};

static int cmp_triple(const void *pa, const void *pb) {
    const struct triple *a = pa, *b = pb;
    if (a->sector != b->sector) {
        return a->sector < b->sector ? -1 : 1;
    }
    if (a->group != b->group) {
        return a->group < b->group ? -1 : 1;
    }
    return (a->node > b->node) - (a->node < b->node);
}

static int cmp_size(const void *pa, const void *pb) {
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return (a > b) - (a < b);
}

/*
 * The years of the rows (group start years, edge years): out->data_min and
 * data_max, and the complete years year_min..year_max used for trends and
 * halves: years at either end with fewer rows than a quarter of the median
 * year's are left out as incomplete (a programme's first calls, projects
 * still being signed). False when no row has a year.
 */
static bool year_range(const struct mc_dataset *ds, struct mc_sectors *out, struct mc_error *err,
                       enum mc_status *rc) {
    long lo = 0, hi = 0;
    *rc = MC_OK;
    for (size_t r = 0; r < ds->n_aff + ds->n_edges; r++) {
        long y = r < ds->n_aff ? ds->group_year[ds->aff_group[r]] : ds->edge_year[r - ds->n_aff];
        if (y != 0) {
            lo = lo == 0 || y < lo ? y : lo;
            hi = y > hi ? y : hi;
        }
    }
    out->data_min = out->year_min = lo;
    out->data_max = out->year_max = hi;
    if (hi == 0 || hi == lo) {
        return hi > 0;
    }
    size_t ny = (size_t)(hi - lo + 1);
    size_t *rows = calloc(ny, sizeof *rows), *sorted = calloc(ny, sizeof *sorted);
    if (rows == NULL || sorted == NULL) {
        free(rows);
        free(sorted);
        *rc = nomem(err);
        return false;
    }
    for (size_t r = 0; r < ds->n_aff + ds->n_edges; r++) {
        long y = r < ds->n_aff ? ds->group_year[ds->aff_group[r]] : ds->edge_year[r - ds->n_aff];
        if (y != 0) {
            rows[y - lo]++;
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < ny; i++) {
        if (rows[i] > 0) {
            sorted[n++] = rows[i];
        }
    }
    qsort(sorted, n, sizeof *sorted, cmp_size);
    double quarter = (double)sorted[n / 2] / 4;
    size_t a = 0, b = ny - 1;
    while (a < b && (double)rows[a] < quarter) {
        a++;
    }
    while (b > a && (double)rows[b] < quarter) {
        b--;
    }
    out->year_min = lo + (long)a;
    out->year_max = lo + (long)b;
    free(rows);
    free(sorted);
    return true;
}

/*
 * ties[s * ny + (y - y0)]: pairs formed in year y by the groups of sector s
 * that started then, plus the direct edge rows of s dated y.
 */
static enum mc_status ties_per_year(const struct mc_dataset *ds, long y0, size_t ny, double *ties,
                                    struct mc_error *err) {
    size_t n = 0, cap = 0;
    struct triple *t = NULL;
    enum mc_status rc = MC_OK;
    for (size_t r = 0; r < ds->n_aff; r++) {
        size_t item;
        const struct mc_tags *tags = mc_dataset_aff_tags(ds, r, &item);
        if (ds->group_year[ds->aff_group[r]] == 0) {
            continue;
        }
        for (size_t k = 0; k < mc_tags_count(tags, item); k++) {
            if ((rc = mc_grow((void **)&t, &cap, n + 1, sizeof *t, err)) != MC_OK) {
                free(t);
                return rc;
            }
            t[n++] = (struct triple){mc_tags_of(tags, item)[k], ds->aff_group[r], ds->aff_node[r]};
        }
    }
    if (n > 1) {
        qsort(t, n, sizeof *t, cmp_triple);
    }
    for (size_t i = 0; i < n;) {
        size_t j = i, k = 0;
        for (; j < n && t[j].sector == t[i].sector && t[j].group == t[i].group; j++) {
            k += j == i || t[j].node != t[j - 1].node; /* repeated memberships count once */
        }
        long y = ds->group_year[t[i].group];
        if (y >= y0 && (size_t)(y - y0) < ny) {
            ties[(size_t)t[i].sector * ny + (size_t)(y - y0)] += (double)k * (double)(k - 1) / 2;
        }
        i = j;
    }
    for (size_t e = 0; e < ds->n_edges; e++) {
        long y = ds->edge_year[e];
        if (y < y0 || y == 0 || (size_t)(y - y0) >= ny) {
            continue;
        }
        for (size_t k = 0; k < mc_tags_count(&ds->edge_sectors, e); k++) {
            int32_t s = mc_tags_of(&ds->edge_sectors, e)[k];
            ties[(size_t)s * ny + (size_t)(y - y0)] += 1;
        }
    }
    free(t);
    return MC_OK;
}

/* Least-squares slope of x[0..n) against 0..n-1, and the relative growth slope / mean. */
static void trend(const double *x, size_t n, double *slope, double *growth) {
    *slope = *growth = NAN;
    if (n < 2) {
        return;
    }
    double mx = 0, my = 0, sxy = 0, sxx = 0;
    for (size_t i = 0; i < n; i++) {
        mx += (double)i;
        my += x[i];
    }
    mx /= (double)n;
    my /= (double)n;
    for (size_t i = 0; i < n; i++) {
        sxy += ((double)i - mx) * (x[i] - my);
        sxx += ((double)i - mx) * ((double)i - mx);
    }
    *slope = sxy / sxx;
    *growth = my > 0 ? *slope / my : NAN;
}

/* ==== Emerging pairs ==== */

/*
 * Adds the cross-sector ties of one edge list to cnt (ns x ns, a < b): a tie
 * crosses S and T when one end is active in S but not in T and the other in
 * T but not in S (organisations active in both are counted apart). Each tie
 * counts at most once per pair: its two ends cannot swap roles.
 */
static void cross_ties(const struct mc_edgelist *el, const struct mc_tags *act, size_t ns,
                       size_t *cnt) {
    int32_t du[PAIR_SECTORS_MAX], dv[PAIR_SECTORS_MAX]; /* u's sectors that v lacks, and back */
    for (size_t e = 0; e < el->n_edges; e++) {
        size_t u = (size_t)el->node[el->from[e]], v = (size_t)el->node[el->to[e]];
        const int32_t *su = mc_tags_of(act, u), *sv = mc_tags_of(act, v);
        size_t nu = mc_tags_count(act, u), nv = mc_tags_count(act, v), i = 0, j = 0, ku = 0, kv = 0;
        while (i < nu || j < nv) { /* both lists sorted and without repeats */
            if (j == nv || (i < nu && su[i] < sv[j])) {
                du[ku++] = su[i++];
            } else if (i == nu || sv[j] < su[i]) {
                dv[kv++] = sv[j++];
            } else {
                i++;
                j++;
            }
        }
        for (i = 0; i < ku; i++) {
            for (j = 0; j < kv; j++) {
                size_t a = (size_t)(du[i] < dv[j] ? du[i] : dv[j]);
                size_t b = (size_t)(du[i] < dv[j] ? dv[j] : du[i]);
                cnt[a * ns + b]++;
            }
        }
    }
}

/* The whole-dataset view of `ds` restricted to years [lo, hi], its cross-sector ties into cnt. */
static enum mc_status half_ties(const struct mc_dataset *ds, const struct mc_sectors_options *opt,
                                long lo, long hi, const struct mc_tags *act, size_t *cnt,
                                struct mc_error *err) {
    struct mc_edgelist el;
    struct mc_view_options v = opt->view;
    v.sector = -1;
    v.years = (struct mc_period){.set = true, .from = lo, .to = hi};
    mc_edgelist_init(&el);
    enum mc_status rc = mc_view_edges(ds, &v, &el, err);
    if (rc == MC_OK) {
        cross_ties(&el, act, ds->sectors.n, cnt);
    }
    mc_edgelist_destroy(&el);
    return rc;
}

struct ties_ctx {
    const struct mc_dataset *ds;
    const struct mc_sectors_options *opt;
    const struct mc_tags *act;
    const struct mc_sectors *out; /* the years and the halves */
};

/* Task 0: the cross-sector ties of the whole period; 1 and 2: of each half (ns x ns counts). */
static enum mc_status ties_task(void *vctx, size_t t, void *vout, struct mc_error *err) {
    const struct ties_ctx *c = vctx;
    size_t ns = c->ds->sectors.n, *cnt = vout;
    memset(cnt, 0, ns * ns * sizeof *cnt);
    if (t == 1) {
        return half_ties(c->ds, c->opt, c->out->year_min, c->out->half_end, c->act, cnt, err);
    }
    if (t == 2) {
        return half_ties(c->ds, c->opt, c->out->half_end + 1, c->out->year_max, c->act, cnt, err);
    }
    struct mc_edgelist el;
    struct mc_view_options v = c->opt->view;
    v.sector = -1;
    mc_edgelist_init(&el);
    enum mc_status rc = mc_view_edges(c->ds, &v, &el, err);
    if (rc == MC_OK) {
        cross_ties(&el, c->act, ns, cnt);
    }
    mc_edgelist_destroy(&el);
    return rc;
}

/* Ranks of sector indices in name order. */
static enum mc_status name_ranks(const struct mc_dataset *ds, long **order, size_t **rank,
                                 struct mc_error *err) {
    size_t ns = ds->sectors.n;
    *order = malloc((ns + 1) * sizeof **order);
    *rank = malloc((ns + 1) * sizeof **rank);
    if (*order == NULL || *rank == NULL) {
        return nomem(err);
    }
    mc_dataset_sector_order(ds, *order);
    for (size_t i = 0; i < ns; i++) {
        (*rank)[(*order)[i]] = i;
    }
    return MC_OK;
}

struct pair_key {
    long long growth;
    size_t ties, a, b; /* a, b: name ranks */
    size_t pos;
};

static int cmp_pair_key(const void *pa, const void *pb) {
    const struct pair_key *x = pa, *y = pb;
    if (x->growth != y->growth) {
        return x->growth > y->growth ? -1 : 1;
    }
    if (x->ties != y->ties) {
        return x->ties > y->ties ? -1 : 1;
    }
    if (x->a != y->a) {
        return x->a < y->a ? -1 : 1;
    }
    return (x->b > y->b) - (x->b < y->b);
}

enum mc_status mc_sectors_emerging(const struct mc_dataset *ds,
                                   const struct mc_sectors_options *opt, struct mc_sectors *out,
                                   struct mc_error *err) {
    enum mc_status rc = MC_OK;
    size_t ns = ds->sectors.n;
    struct mc_tags act;
    size_t *both = NULL, *all = NULL, *first = NULL, *second = NULL, *rank = NULL;
    long *order = NULL;
    struct pair_key *key = NULL;
    struct mc_sector_pair *tmp = NULL;

    mc_tags_init(&act);
    out->have_years = year_range(ds, out, err, &rc);
    if (rc != MC_OK) {
        return rc;
    }
    out->half_end =
        out->have_years ? out->year_min + (out->year_max - out->year_min + 2) / 2 - 1 : 0;
    if (ns < 2) {
        return MC_OK;
    }
    if (ns > PAIR_SECTORS_MAX) {
        return mc_error_set(err, MC_E_DATA, NULL, 0,
                            "%zu sectors: too many for the sector pairs (at most %d)", ns,
                            PAIR_SECTORS_MAX);
    }
    both = calloc(ns * ns, sizeof *both);
    all = calloc(3 * ns * ns, sizeof *all); /* all, first and second, one after another */
    if (!both || !all) {
        rc = nomem(err);
        goto out;
    }
    if ((rc = mc_dataset_active_sectors(ds, &act, err)) != MC_OK ||
        (rc = name_ranks(ds, &order, &rank, err)) != MC_OK) {
        goto out;
    }
    for (size_t i = 0; i < ds->n_nodes; i++) {
        const int32_t *s = mc_tags_of(&act, i);
        size_t k = mc_tags_count(&act, i);
        for (size_t x = 0; x < k; x++) {
            for (size_t y = x + 1; y < k; y++) {
                both[(size_t)s[x] * ns + (size_t)s[y]]++; /* tags are sorted: s[x] < s[y] */
            }
        }
    }
    first = all + ns * ns;
    second = first + ns * ns;
    /* the whole period and its two halves (views of the same rows), in parallel */
    struct ties_ctx tc = {.ds = ds, .opt = opt, .act = &act, .out = out};
    size_t tasks = out->have_years && out->year_max > out->year_min ? 3 : 1;
    int jobs = opt->jobs > 0 ? opt->jobs : mc_parallel_default_jobs();
    if ((rc = mc_parallel_map(jobs, tasks, ns * ns * sizeof *all, ties_task, &tc, all, err)) !=
        MC_OK) {
        goto out;
    }
    size_t n = 0;
    for (size_t k = 0; k < ns * ns; k++) {
        n += both[k] > 0 || all[k] > 0;
    }
    key = malloc((n + 1) * sizeof *key);
    tmp = malloc((n + 1) * sizeof *tmp);
    out->pairs = malloc((n + 1) * sizeof *out->pairs);
    if (!key || !tmp || !out->pairs) {
        rc = nomem(err);
        goto out;
    }
    n = 0;
    for (size_t a = 0; a < ns; a++) {
        for (size_t b = a + 1; b < ns; b++) {
            size_t k = a * ns + b;
            if (both[k] == 0 && all[k] == 0) {
                continue;
            }
            bool swap = rank[a] > rank[b];
            tmp[n] = (struct mc_sector_pair){.a = (int32_t)(swap ? b : a),
                                             .b = (int32_t)(swap ? a : b),
                                             .both = both[k],
                                             .ties = all[k],
                                             .ties_first = first[k],
                                             .ties_second = second[k]};
            key[n] = (struct pair_key){.growth = (long long)second[k] - (long long)first[k],
                                       .ties = all[k],
                                       .a = rank[tmp[n].a],
                                       .b = rank[tmp[n].b],
                                       .pos = n};
            n++;
        }
    }
    qsort(key, n, sizeof *key, cmp_pair_key);
    for (size_t i = 0; i < n; i++) {
        out->pairs[i] = tmp[key[i].pos];
        out->pairs[i].rank = (int)i + 1;
    }
    out->n_pairs = n;
out:
    mc_tags_destroy(&act);
    free(both);
    free(all);
    free(order);
    free(rank);
    free(key);
    free(tmp);
    return rc;
}

enum mc_status mc_sectors_top_pairs(const struct mc_dataset *ds, const struct mc_view_options *view,
                                    size_t k, int32_t *a, int32_t *b, size_t *n,
                                    struct mc_error *err) {
    struct mc_sectors_options o;
    struct mc_sectors s;
    mc_sectors_options_init(&o);
    mc_sectors_init(&s);
    o.view = *view;
    *n = 0;
    enum mc_status rc = mc_sectors_emerging(ds, &o, &s, err);
    for (size_t i = 0; rc == MC_OK && i < s.n_pairs && i < k; i++) {
        a[i] = s.pairs[i].a;
        b[i] = s.pairs[i].b;
        ++*n;
    }
    mc_sectors_destroy(&s);
    return rc;
}

/* ==== The ranking ==== */

/* Fills the components of every row and the potential. */
static void score_rows(struct mc_sectors *s) {
    double max_ties = 0, max_countries = 0, max_labelled = 0;
    for (size_t i = 0; i < s->n_rows; i++) {
        const struct mc_sector_row *r = &s->rows[i];
        max_ties = fmax(max_ties, (double)r->ties);
        max_countries = fmax(max_countries, (double)r->countries);
        if (r->labelled >= 0 && r->nodes > 0) {
            max_labelled = fmax(max_labelled, (double)r->labelled / (double)r->nodes);
        }
    }
    for (size_t i = 0; i < s->n_rows; i++) {
        struct mc_sector_row *r = &s->rows[i];
        double *p = r->part;
        p[MC_POT_TRANSNATIONAL] = isnan(r->cross_share) ? 0 : r->cross_share;
        p[MC_POT_PROPOSALS] = isnan(r->best_score) ? 0 : r->best_score;
        p[MC_POT_SCALE] = max_ties > 0 ? log1p((double)r->ties) / log1p(max_ties) : 0;
        p[MC_POT_REACH] = max_countries > 0 ? (double)r->countries / max_countries : 0;
        p[MC_POT_GROWTH] = !s->have_years     ? NAN
                           : isnan(r->growth) ? 0.5
                                              : 1 / (1 + exp(-r->growth / 0.1));
        p[MC_POT_LABELLED] = !s->have_labels ? NAN
                             : max_labelled > 0 && r->nodes > 0
                                 ? (double)r->labelled / (double)r->nodes / max_labelled
                                 : 0;
        double sum = 0, wsum = 0;
        for (int k = 0; k < MC_POT_PARTS; k++) {
            if (!isnan(p[k])) {
                sum += parts[k].weight * p[k];
                wsum += parts[k].weight;
            }
        }
        r->potential = wsum > 0 ? sum / wsum : 0;
    }
}

struct row_key {
    double potential;
    size_t name_rank, pos;
};

static int cmp_row_key(const void *pa, const void *pb) {
    const struct row_key *x = pa, *y = pb;
    if (x->potential != y->potential) {
        return x->potential > y->potential ? -1 : 1;
    }
    return (x->name_rank > y->name_rank) - (x->name_rank < y->name_rank);
}

/*
 * Scores the rows (in any order) and sorts them by potential, ties by sector
 * name; rank 1 is the most potential.
 */
static enum mc_status rank_rows(const struct mc_dataset *ds, struct mc_sectors *out,
                                struct mc_error *err) {
    size_t ns = out->n_rows;
    long *order = NULL;
    size_t *rank = NULL;
    struct row_key *key = malloc((ns + 1) * sizeof *key);
    struct mc_sector_row *tmp = malloc((ns + 1) * sizeof *tmp);
    enum mc_status rc = MC_OK;
    if (key == NULL || tmp == NULL) {
        rc = nomem(err);
        goto out;
    }
    if ((rc = name_ranks(ds, &order, &rank, err)) != MC_OK) {
        goto out;
    }
    score_rows(out);
    for (size_t t = 0; t < ns; t++) {
        key[t] = (struct row_key){
            .potential = out->rows[t].potential, .name_rank = rank[out->rows[t].sector], .pos = t};
    }
    qsort(key, ns, sizeof *key, cmp_row_key);
    memcpy(tmp, out->rows, ns * sizeof *tmp);
    for (size_t i = 0; i < ns; i++) {
        out->rows[i] = tmp[key[i].pos];
        out->rows[i].rank = (int)i + 1;
    }
out:
    free(order);
    free(rank);
    free(key);
    free(tmp);
    return rc;
}

enum mc_status mc_sectors_compute(const struct mc_dataset *ds, const struct mc_sectors_options *opt,
                                  struct mc_sectors *out, struct mc_error *err) {
    enum mc_status rc;
    size_t ns = ds->sectors.n, ny = 0;
    long *order = NULL;
    size_t *rank = NULL;
    struct sector_result *res = NULL;
    double *ties = NULL;

    if ((rc = mc_sectors_emerging(ds, opt, out, err)) != MC_OK) {
        return rc;
    }
    if (ns == 0) {
        return MC_OK;
    }
    for (size_t i = 0; i < ds->n_nodes && !out->have_labels; i++) {
        out->have_labels = ds->node_label[i] != MC_LABEL_NONE;
    }
    ny = out->have_years ? (size_t)(out->year_max - out->year_min + 1) : 1;
    res = calloc(ns, sizeof *res);
    ties = calloc(ns * ny, sizeof *ties);
    out->rows = calloc(ns, sizeof *out->rows);
    if (!res || !ties || !out->rows) {
        rc = nomem(err);
        goto out;
    }
    if ((rc = name_ranks(ds, &order, &rank, err)) != MC_OK) {
        goto out;
    }
    struct sector_ctx ctx = {.ds = ds, .opt = opt, .order = order};
    int jobs = opt->jobs > 0 ? opt->jobs : mc_parallel_default_jobs();
    if ((rc = mc_parallel_map(jobs, ns, sizeof *res, sector_task, &ctx, res, err)) != MC_OK) {
        goto out;
    }
    if (out->have_years && (rc = ties_per_year(ds, out->year_min, ny, ties, err)) != MC_OK) {
        goto out;
    }
    out->n_rows = ns;
    for (size_t t = 0; t < ns; t++) {
        const struct sector_result *r = &res[t];
        struct mc_sector_row *row = &out->rows[t];
        row->sector = (int32_t)order[t];
        row->nodes = r->nodes;
        row->ties = r->ties;
        row->weight = r->weight;
        row->countries = r->countries;
        row->cross_share = r->known > 0 ? r->cross / r->known : NAN;
        row->labelled = out->have_labels ? (long)r->labelled : -1;
        row->candidates = r->candidates;
        row->proposals = r->proposals;
        row->best_score = r->best;
        row->slope = row->growth = NAN;
        if (out->have_years) {
            trend(ties + (size_t)order[t] * ny, ny, &row->slope, &row->growth);
        }
    }
    rc = rank_rows(ds, out, err);
out:
    free(order);
    free(rank);
    free(res);
    free(ties);
    return rc;
}

enum mc_status mc_sectors_settle(const struct mc_dataset *ds, const struct mc_sector_found *found,
                                 struct mc_sectors *s, struct mc_error *err) {
    for (size_t i = 0; i < s->n_rows; i++) {
        struct mc_sector_row *r = &s->rows[i];
        const struct mc_sector_found *f = &found[r->sector];
        if (f->set) {
            r->candidates = f->candidates;
            r->proposals = f->proposals;
            r->best_score = f->best_score;
        }
    }
    return rank_rows(ds, s, err);
}

/* ==== Between processes ==== */

enum mc_status mc_sectors_pack(const struct mc_sectors *s, void **buf, size_t *len,
                               struct mc_error *err) {
    struct mc_sectors head = *s;
    size_t rows = s->n_rows * sizeof *s->rows, pairs = s->n_pairs * sizeof *s->pairs;
    unsigned char *b = malloc(sizeof head + rows + pairs);
    if (b == NULL) {
        return nomem(err);
    }
    head.rows = NULL;
    head.pairs = NULL;
    memcpy(b, &head, sizeof head);
    if (rows > 0) {
        memcpy(b + sizeof head, s->rows, rows);
    }
    if (pairs > 0) {
        memcpy(b + sizeof head + rows, s->pairs, pairs);
    }
    *buf = b;
    *len = sizeof head + rows + pairs;
    return MC_OK;
}

enum mc_status mc_sectors_unpack(const void *buf, size_t len, struct mc_sectors *s,
                                 struct mc_error *err) {
    const unsigned char *b = buf;
    struct mc_sectors head;
    size_t rows, pairs;
    if (len < sizeof head) {
        return mc_error_set(err, MC_E_DATA, NULL, 0, "sectors: %zu bytes: too short", len);
    }
    memcpy(&head, b, sizeof head);
    if (!mc_mul_ok(head.n_rows, sizeof *s->rows, &rows) ||
        !mc_mul_ok(head.n_pairs, sizeof *s->pairs, &pairs) || len - sizeof head < rows ||
        len - sizeof head - rows != pairs) {
        return mc_error_set(err, MC_E_DATA, NULL, 0,
                            "sectors: %zu bytes do not hold %zu rows and %zu pairs", len,
                            head.n_rows, head.n_pairs);
    }
    head.rows = malloc(rows + 1);
    head.pairs = malloc(pairs + 1);
    if (head.rows == NULL || head.pairs == NULL) {
        free(head.rows);
        free(head.pairs);
        return nomem(err);
    }
    memcpy(head.rows, b + sizeof head, rows);
    memcpy(head.pairs, b + sizeof head + rows, pairs);
    mc_sectors_destroy(s);
    *s = head;
    return MC_OK;
}
