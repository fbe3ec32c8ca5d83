#include "metaclust/centrality.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "centrality_internal.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/parallel.h"
#include "metaclust/util.h"

/* Components up to this size always use every vertex as a source. */
#define SMALL_COMPONENT 64
/* Path sources are cut into this many chunks (independent of the jobs). */
#define PATH_CHUNKS 8
/* Automatic jobs: fork only when sources x m is at least this. */
#define PARALLEL_MIN_WORK 2e7
/* Reported reals keep this many significant digits (see round_measures). */
#define SIGNIFICANT 12
/* Power iteration (the ARPACK fallback). */
#define POWER_MAX_ITER 100000
#define POWER_TOL      1e-13

static const char *const measure_names[MC_M_COUNT] = {
    "degree",      "strength", "betweenness", "closeness",     "harmonic",
    "eigenvector", "pagerank", "coreness",    "foreign_share", "country_participation"};

const char *mc_measure_name(enum mc_measure m) {
    return (size_t)m < MC_M_COUNT ? measure_names[m] : "?";
}

bool mc_measure_parse(const char *s, enum mc_measure *out) {
    for (size_t i = 0; i < MC_M_COUNT; i++) {
        if (strcmp(s, measure_names[i]) == 0) {
            *out = (enum mc_measure)i;
            return true;
        }
    }
    return false;
}

bool mc_betweenness_mode_parse(const char *s, enum mc_betweenness_mode *mode, igraph_integer_t *k) {
    long v;
    if (strcmp(s, "exact") == 0) {
        *mode = MC_BT_EXACT;
    } else if (strcmp(s, "off") == 0) {
        *mode = MC_BT_OFF;
    } else if (strcmp(s, "auto") == 0) {
        *mode = MC_BT_AUTO;
    } else if (strncmp(s, "sample:", 7) == 0 && mc_parse_long(s + 7, 1, INT32_MAX, &v)) {
        *mode = MC_BT_SAMPLE;
        *k = (igraph_integer_t)v;
    } else {
        return false;
    }
    return true;
}

void mc_centrality_options_init(struct mc_centrality_options *o) {
    memset(o, 0, sizeof *o);
    for (int m = 0; m < MC_M_COUNT; m++) {
        o->want[m] = true;
    }
    o->betweenness = MC_BT_AUTO;
    o->sample = 0;
    o->exact_limit = 1e9;
    o->seed = 0;
    o->damping = 0.85;
}

void mc_centrality_init(struct mc_centrality *c) {
    memset(c, 0, sizeof *c);
    for (int m = 0; m < MC_M_COUNT; m++) {
        igraph_vector_init(&c->value[m], 0);
    }
}

void mc_centrality_destroy(struct mc_centrality *c) {
    for (int m = 0; m < MC_M_COUNT; m++) {
        igraph_vector_destroy(&c->value[m]);
    }
    memset(c, 0, sizeof *c);
}

/* ==== components ==== */

struct components {
    igraph_vector_int_t memb, size;
    igraph_integer_t count;
};

static enum mc_status components_init(struct components *cc, const igraph_t *g,
                                      struct mc_error *err) {
    igraph_vector_int_init(&cc->memb, 0);
    igraph_vector_int_init(&cc->size, 0);
    cc->count = 0;
    return mc_igraph_status(
        igraph_connected_components(g, &cc->memb, &cc->size, &cc->count, IGRAPH_WEAK), err,
        "connected components");
}

static void components_destroy(struct components *cc) {
    igraph_vector_int_destroy(&cc->memb);
    igraph_vector_int_destroy(&cc->size);
}

/* ==== path measures: betweenness, closeness, harmonic ==== */

struct path_ctx {
    const struct mc_csr *adj;
    igraph_integer_t n;
    const igraph_integer_t *src; /* every source, chunk c takes positions c, c + chunks, ... */
    igraph_integer_t nsrc;
    size_t chunks;
    bool bt, dist;
};

/*
 * One chunk's payload: the betweenness dependencies, the sums of 1/d and the
 * sums of d over the chunk's sources, n doubles each.
 */
static enum mc_status path_task(void *ctx, size_t task, void *out, struct mc_error *err) {
    struct path_ctx *c = ctx;
    igraph_integer_t n = c->n;
    double *bt = out, *hs = bt + n, *ds = hs + n;
    size_t cap = (size_t)(c->nsrc / (igraph_integer_t)c->chunks) + 1, ns = 0;
    int32_t *mine = malloc(cap * sizeof *mine);
    enum mc_status rc;

    memset(out, 0, 3 * (size_t)n * sizeof(double));
    if (mine == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (paths)");
    }
    for (igraph_integer_t i = (igraph_integer_t)task; i < c->nsrc;
         i += (igraph_integer_t)c->chunks) {
        mine[ns++] = (int32_t)c->src[i];
    }
    rc = mc_paths_accumulate(c->adj, mine, ns, c->bt ? bt : NULL, c->dist ? hs : NULL,
                             c->dist ? ds : NULL, err);
    free(mine);
    return rc;
}

/*
 * The sources of the path measures: every vertex, or per component a seeded
 * sample (partial Fisher-Yates with a splitmix stream per component). `scale`
 * receives |C| / sources for each vertex's component.
 */
static enum mc_status path_sources(const struct components *cc, igraph_integer_t n, bool sample,
                                   igraph_integer_t k, unsigned long seed, igraph_integer_t **src,
                                   igraph_integer_t *nsrc, double *scale, bool *sampled,
                                   struct mc_error *err) {
    igraph_integer_t nc = cc->count;
    size_t *start = calloc((size_t)nc + 1, sizeof *start);
    igraph_integer_t *order = malloc((size_t)(n ? n : 1) * sizeof *order);
    igraph_integer_t *take = calloc((size_t)(nc ? nc : 1), sizeof *take);
    enum mc_status rc = MC_OK;
    *src = malloc((size_t)(n ? n : 1) * sizeof **src);
    *sampled = false;
    if (start == NULL || order == NULL || take == NULL || *src == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (sources)");
        goto out;
    }
    /* vertices grouped by component, in vertex order */
    for (igraph_integer_t v = 0; v < n; v++) {
        start[VECTOR(cc->memb)[v] + 1]++;
    }
    for (igraph_integer_t c = 0; c < nc; c++) {
        start[c + 1] += start[c];
    }
    {
        size_t *fill = malloc(((size_t)nc + 1) * sizeof *fill);
        if (fill == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (sources)");
            goto out;
        }
        memcpy(fill, start, ((size_t)nc + 1) * sizeof *fill);
        for (igraph_integer_t v = 0; v < n; v++) {
            order[fill[VECTOR(cc->memb)[v]]++] = v;
        }
        free(fill);
    }
    igraph_integer_t total = 0;
    for (igraph_integer_t c = 0; c < nc; c++) {
        igraph_integer_t size = VECTOR(cc->size)[c];
        igraph_integer_t t = size > 1 ? size : 0; /* an isolate lies on no path */
        if (sample && size > SMALL_COMPONENT) {
            double want = ceil((double)k * (double)size / (double)n);
            t = want < SMALL_COMPONENT ? SMALL_COMPONENT : (igraph_integer_t)want;
            if (t > size) {
                t = size;
            }
        }
        take[c] = t;
        igraph_integer_t *seg = order + start[c];
        if (t > 0 && t < size) {
            *sampled = true;
            uint64_t state = mc_mix64((uint64_t)seed * 0x100000001b3ULL + (uint64_t)c);
            for (igraph_integer_t i = 0; i < t; i++) {
                state = mc_mix64(state);
                igraph_integer_t j = i + (igraph_integer_t)(state % (uint64_t)(size - i));
                igraph_integer_t tmp = seg[i];
                seg[i] = seg[j];
                seg[j] = tmp;
            }
        }
        for (igraph_integer_t i = 0; i < t; i++) {
            (*src)[total++] = seg[i];
        }
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = VECTOR(cc->memb)[v];
        scale[v] = take[c] > 0 ? (double)VECTOR(cc->size)[c] / (double)take[c] : 1.0;
    }
    *nsrc = total;
out:
    free(start);
    free(order);
    free(take);
    if (rc != MC_OK) {
        free(*src);
        *src = NULL;
    }
    return rc;
}

static enum mc_status path_measures(const igraph_t *g, const igraph_vector_t *weights,
                                    const struct mc_centrality_options *opt,
                                    const struct components *cc, struct mc_centrality *out,
                                    struct mc_error *err) {
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g);
    bool bt = opt->want[MC_M_BETWEENNESS] && opt->betweenness != MC_BT_OFF;
    bool dist = opt->want[MC_M_CLOSENESS] || opt->want[MC_M_HARMONIC];
    igraph_vector_t len;
    igraph_integer_t *src = NULL, nsrc = 0;
    double *scale = NULL, *chunks = NULL;
    struct mc_csr adj = {0};
    enum mc_status rc = MC_OK;

    if (!bt && !dist) {
        return MC_OK;
    }
    igraph_vector_init(&len, 0);
    bool sample = opt->betweenness == MC_BT_SAMPLE ||
                  (opt->betweenness != MC_BT_EXACT && (double)n * (double)m > opt->exact_limit);
    igraph_integer_t k = opt->sample;
    if (sample && k <= 0) {
        /* a quarter of the exact budget */
        double budget = m > 0 ? opt->exact_limit / 4 / (double)m : (double)n;
        k = budget < 100 ? 100 : (igraph_integer_t)budget;
    }
    if (!opt->hop_lengths && weights != NULL) {
        if (igraph_vector_resize(&len, m) != IGRAPH_SUCCESS) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (lengths)");
            goto out;
        }
        for (igraph_integer_t e = 0; e < m; e++) {
            VECTOR(len)[e] = 1.0 / VECTOR(*weights)[e];
        }
    }
    scale = malloc((size_t)(n ? n : 1) * sizeof *scale);
    if (scale == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (paths)");
        goto out;
    }
    rc = path_sources(cc, n, sample, k, opt->seed, &src, &nsrc, scale, &out->betweenness_sampled,
                      err);
    if (rc != MC_OK) {
        goto out;
    }
    out->betweenness_sources = nsrc;
    rc = mc_csr_init(&adj, g, (!opt->hop_lengths && weights != NULL) ? &len : NULL, err);
    if (rc != MC_OK) {
        goto out;
    }
    struct path_ctx pc = {.adj = &adj,
                          .n = n,
                          .src = src,
                          .nsrc = nsrc,
                          .chunks =
                              nsrc < PATH_CHUNKS ? (size_t)(nsrc > 0 ? nsrc : 1) : PATH_CHUNKS,
                          .bt = bt,
                          .dist = dist};
    size_t per = 3 * (size_t)n * sizeof(double), total;
    if (!mc_mul_ok(per, pc.chunks, &total) || (chunks = malloc(total ? total : 1)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (paths)");
        goto out;
    }
    int jobs = opt->jobs;
    if (jobs <= 0) {
        jobs = (double)nsrc * (double)m >= PARALLEL_MIN_WORK ? mc_parallel_default_jobs() : 1;
    }
    rc = mc_parallel_map(jobs, pc.chunks, per, path_task, &pc, chunks, err);
    if (rc != MC_OK) {
        goto out;
    }
    /* sum the chunks in chunk order: the same floating-point result for any jobs */
    for (size_t c = 1; c < pc.chunks; c++) {
        const double *x = chunks + c * 3 * (size_t)n;
        for (igraph_integer_t i = 0; i < 3 * n; i++) {
            chunks[i] += x[i];
        }
    }
    const double *bsum = chunks, *hsum = chunks + n, *dsum = chunks + 2 * n;
    if (bt) {
        igraph_vector_t *b = &out->value[MC_M_BETWEENNESS];
        if (igraph_vector_resize(b, n) != IGRAPH_SUCCESS) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            goto out;
        }
        for (igraph_integer_t v = 0; v < n; v++) {
            VECTOR(*b)[v] = 0.5 * bsum[v] * scale[v]; /* each pair was seen from both ends */
        }
        out->computed[MC_M_BETWEENNESS] = true;
    }
    if (opt->want[MC_M_HARMONIC]) {
        igraph_vector_t *h = &out->value[MC_M_HARMONIC];
        if (igraph_vector_resize(h, n) != IGRAPH_SUCCESS) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            goto out;
        }
        for (igraph_integer_t v = 0; v < n; v++) {
            VECTOR(*h)[v] = n > 1 ? hsum[v] * scale[v] / (double)(n - 1) : 0.0;
        }
        out->computed[MC_M_HARMONIC] = true;
    }
    if (opt->want[MC_M_CLOSENESS]) {
        igraph_vector_t *cl = &out->value[MC_M_CLOSENESS];
        if (igraph_vector_resize(cl, n) != IGRAPH_SUCCESS) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            goto out;
        }
        for (igraph_integer_t v = 0; v < n; v++) {
            double r = (double)(VECTOR(cc->size)[VECTOR(cc->memb)[v]] - 1);
            double sum = dsum[v] * scale[v];
            VECTOR(*cl)[v] = r > 0 && sum > 0 ? (r / (double)(n - 1)) * (r / sum) : 0.0;
        }
        out->computed[MC_M_CLOSENESS] = true;
    }
out:
    mc_csr_destroy(&adj);
    free(chunks);
    free(scale);
    free(src);
    igraph_vector_destroy(&len);
    return rc;
}

/* ==== eigenvector centrality, per component ==== */

/*
 * Power iteration on (A + I) for one component given as an edge list in
 * local indices: the ARPACK fallback. The shift keeps bipartite components
 * from oscillating. x is scaled to max 1; *lambda is the Rayleigh quotient.
 */
static enum mc_status power_iteration(igraph_integer_t nc, igraph_integer_t me,
                                      const igraph_integer_t *from, const igraph_integer_t *to,
                                      const double *w, double *x, double *lambda,
                                      struct mc_error *err) {
    double *y = malloc((size_t)nc * sizeof *y);
    if (y == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (eigenvector)");
    }
    for (igraph_integer_t i = 0; i < nc; i++) {
        x[i] = 1.0;
    }
    for (int it = 0; it < POWER_MAX_ITER; it++) {
        for (igraph_integer_t i = 0; i < nc; i++) {
            y[i] = x[i];
        }
        for (igraph_integer_t e = 0; e < me; e++) {
            y[from[e]] += w[e] * x[to[e]];
            y[to[e]] += w[e] * x[from[e]];
        }
        double mx = 0, diff = 0;
        for (igraph_integer_t i = 0; i < nc; i++) {
            if (y[i] > mx) {
                mx = y[i];
            }
        }
        for (igraph_integer_t i = 0; i < nc; i++) {
            y[i] /= mx;
            diff = fmax(diff, fabs(y[i] - x[i]));
            x[i] = y[i];
        }
        if (diff < POWER_TOL) {
            break;
        }
        if ((it & 255) == 255 && mc_interrupted()) {
            free(y);
            return mc_error_set(err, MC_E_INTERRUPTED, NULL, 0, "interrupted");
        }
    }
    double num = 0, den = 0;
    for (igraph_integer_t e = 0; e < me; e++) {
        num += 2 * w[e] * x[from[e]] * x[to[e]];
    }
    for (igraph_integer_t i = 0; i < nc; i++) {
        den += x[i] * x[i];
    }
    *lambda = den > 0 ? num / den : 0;
    free(y);
    return MC_OK;
}

static enum mc_status eigenvector(const igraph_t *g, const igraph_vector_t *weights,
                                  const struct mc_centrality_options *opt,
                                  const struct components *cc, igraph_vector_t *res,
                                  igraph_integer_t *fallbacks, struct mc_error *err) {
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g), nc = cc->count;
    igraph_integer_t *loc = malloc((size_t)(n ? n : 1) * sizeof *loc);
    igraph_integer_t *cnt = calloc((size_t)nc + 1, sizeof *cnt);
    igraph_integer_t *estart = calloc((size_t)nc + 1, sizeof *estart);
    igraph_integer_t *ef = malloc((size_t)(m ? m : 1) * sizeof *ef);
    igraph_integer_t *et = malloc((size_t)(m ? m : 1) * sizeof *et);
    double *ew = malloc((size_t)(m ? m : 1) * sizeof *ew);
    double *lambda = calloc((size_t)(nc ? nc : 1), sizeof *lambda);
    double *x = malloc((size_t)(n ? n : 1) * sizeof *x);
    igraph_integer_t *members = malloc((size_t)(n ? n : 1) * sizeof *members);
    size_t *vstart = calloc((size_t)nc + 1, sizeof *vstart);
    igraph_vector_int_t edges;
    igraph_vector_t sw, vec;
    enum mc_status rc = MC_OK;

    igraph_vector_int_init(&edges, 0);
    igraph_vector_init(&sw, 0);
    igraph_vector_init(&vec, 0);
    if (loc == NULL || cnt == NULL || estart == NULL || ef == NULL || et == NULL || ew == NULL ||
        lambda == NULL || x == NULL || members == NULL || vstart == NULL ||
        igraph_vector_resize(res, n) != IGRAPH_SUCCESS) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (eigenvector)");
        goto out;
    }
    igraph_vector_null(res);
    /* local indices and members by component */
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = VECTOR(cc->memb)[v];
        loc[v] = cnt[c]++;
        vstart[c + 1]++;
    }
    for (igraph_integer_t c = 0; c < nc; c++) {
        vstart[c + 1] += vstart[c];
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = VECTOR(cc->memb)[v];
        members[vstart[c] + (size_t)loc[v]] = v;
    }
    /* edges grouped by component */
    for (igraph_integer_t e = 0; e < m; e++) {
        estart[VECTOR(cc->memb)[IGRAPH_FROM(g, e)] + 1]++;
    }
    for (igraph_integer_t c = 0; c < nc; c++) {
        estart[c + 1] += estart[c];
    }
    {
        igraph_integer_t *fill = malloc(((size_t)nc + 1) * sizeof *fill);
        if (fill == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (eigenvector)");
            goto out;
        }
        memcpy(fill, estart, ((size_t)nc + 1) * sizeof *fill);
        for (igraph_integer_t e = 0; e < m; e++) {
            igraph_integer_t a = IGRAPH_FROM(g, e), b = IGRAPH_TO(g, e);
            igraph_integer_t k = fill[VECTOR(cc->memb)[a]]++;
            ef[k] = loc[a];
            et[k] = loc[b];
            ew[k] = weights ? VECTOR(*weights)[e] : 1.0;
        }
        free(fill);
    }
    double lmax = 0;
    for (igraph_integer_t c = 0; c < nc && rc == MC_OK; c++) {
        igraph_integer_t size = VECTOR(cc->size)[c], me = estart[c + 1] - estart[c];
        double *xc = x + vstart[c];
        const igraph_integer_t *cf = ef + estart[c], *ct = et + estart[c];
        const double *cw = ew + estart[c];
        if (size == 1) {
            xc[0] = 0;
            lambda[c] = 0;
            continue;
        }
        if (size == 2) {
            xc[0] = xc[1] = 1;
            lambda[c] = cw[0];
        } else {
            bool ok = false;
            if (!opt->eigen_power_iteration) {
                igraph_t sub;
                igraph_real_t value = 0;
                if (igraph_vector_int_resize(&edges, 2 * me) != IGRAPH_SUCCESS ||
                    igraph_vector_resize(&sw, me) != IGRAPH_SUCCESS) {
                    rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (eigenvector)");
                    break;
                }
                for (igraph_integer_t e = 0; e < me; e++) {
                    VECTOR(edges)[2 * e] = cf[e];
                    VECTOR(edges)[2 * e + 1] = ct[e];
                    VECTOR(sw)[e] = cw[e];
                }
                rc = mc_igraph_status(igraph_create(&sub, &edges, size, IGRAPH_UNDIRECTED), err,
                                      "eigenvector");
                if (rc != MC_OK) {
                    break;
                }
                /* igraph perturbs ARPACK's start vector with its RNG: seed it per component */
                mc_igraph_seed(
                    (unsigned long)(mc_mix64((uint64_t)opt->seed + (uint64_t)c) & 0xffffffffu));
                /*
                 * Interrupted inside ARPACK, igraph 0.10.2's eigenvector centrality frees
                 * an invalid pointer and the process aborts (a batch worker under Ctrl-C,
                 * about one time in twenty): no check inside, the flag read after.
                 */
                igraph_interruption_handler_t *saved = igraph_set_interruption_handler(NULL);
                igraph_error_t ie =
                    igraph_eigenvector_centrality(&sub, &vec, &value, false, true, &sw, NULL);
                igraph_set_interruption_handler(saved);
                igraph_destroy(&sub);
                if (ie == IGRAPH_SUCCESS && mc_interrupted()) {
                    ie = IGRAPH_INTERRUPTED;
                }
                if (ie == IGRAPH_INTERRUPTED) {
                    rc = mc_igraph_status(ie, err, "eigenvector");
                    break;
                }
                if (ie == IGRAPH_SUCCESS) {
                    ok = value > 0 && isfinite(value);
                    for (igraph_integer_t i = 0; ok && i < size; i++) {
                        xc[i] = VECTOR(vec)[i];
                        ok = isfinite(xc[i]) && xc[i] >= 0;
                    }
                    lambda[c] = value;
                } else {
                    /* forget igraph's message: the fallback below answers instead */
                    struct mc_error scratch;
                    mc_error_init(&scratch);
                    mc_igraph_status(ie, &scratch, "eigenvector");
                }
            }
            if (!ok) {
                if (!opt->eigen_power_iteration) {
                    (*fallbacks)++;
                }
                rc = power_iteration(size, me, cf, ct, cw, xc, &lambda[c], err);
            }
        }
        if (lambda[c] > lmax) {
            lmax = lambda[c];
        }
    }
    if (rc != MC_OK) {
        goto out;
    }
    for (igraph_integer_t c = 0; c < nc; c++) {
        double f = lmax > 0 ? lambda[c] / lmax : 0;
        for (size_t i = vstart[c]; i < vstart[c + 1]; i++) {
            VECTOR(*res)[members[i]] = x[i] * f;
        }
    }
out:
    free(loc);
    free(cnt);
    free(estart);
    free(ef);
    free(et);
    free(ew);
    free(lambda);
    free(x);
    free(members);
    free(vstart);
    igraph_vector_int_destroy(&edges);
    igraph_vector_destroy(&sw);
    igraph_vector_destroy(&vec);
    return rc;
}

/* ==== country measures ==== */

static enum mc_status country_measures(const struct mc_graph *g, bool want_fs, bool want_cp,
                                       struct mc_centrality *out, struct mc_error *err) {
    const igraph_t *ig = &g->ig;
    igraph_integer_t n = g->n;
    size_t ncountries = g->ds->countries.n;
    igraph_inclist_t il;
    double *acc = calloc(ncountries ? ncountries : 1, sizeof *acc);
    int32_t *touched = malloc((ncountries ? ncountries : 1) * sizeof *touched);
    enum mc_status rc = MC_OK;
    bool il_ok = false;

    if (acc == NULL || touched == NULL ||
        igraph_vector_resize(&out->value[MC_M_FOREIGN_SHARE], n) != IGRAPH_SUCCESS ||
        igraph_vector_resize(&out->value[MC_M_COUNTRY_PARTICIPATION], n) != IGRAPH_SUCCESS) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (country measures)");
        goto out;
    }
    rc = mc_igraph_status(igraph_inclist_init(ig, &il, IGRAPH_ALL, IGRAPH_LOOPS_ONCE), err,
                          "incidence list");
    if (rc != MC_OK) {
        goto out;
    }
    il_ok = true;
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_vector_int_t *inc = igraph_inclist_get(&il, v);
        igraph_integer_t deg = igraph_vector_int_size(inc);
        int32_t cv = g->country[v];
        double known = 0, foreign = 0;
        size_t nt = 0;
        for (igraph_integer_t i = 0; i < deg; i++) {
            igraph_integer_t e = VECTOR(*inc)[i];
            igraph_integer_t u = IGRAPH_OTHER(ig, e, v);
            int32_t cu = g->country[u];
            double w = VECTOR(g->weight)[e];
            if (cu < 0) {
                continue;
            }
            known += w;
            if (cv >= 0 && cu != cv) {
                foreign += w;
            }
            if (acc[cu] == 0) {
                touched[nt++] = cu;
            }
            acc[cu] += w;
        }
        double p = 0;
        if (known > 0) {
            double sq = 0;
            for (size_t t = 0; t < nt; t++) {
                double f = acc[touched[t]] / known;
                sq += f * f;
            }
            p = 1 - sq;
        }
        for (size_t t = 0; t < nt; t++) {
            acc[touched[t]] = 0;
        }
        VECTOR(out->value[MC_M_COUNTRY_PARTICIPATION])[v] = p < 0 ? 0 : p;
        VECTOR(out->value[MC_M_FOREIGN_SHARE])
        [v] = cv < 0 ? NAN : (known > 0 ? foreign / known : 0.0);
    }
    out->computed[MC_M_FOREIGN_SHARE] = want_fs;
    out->computed[MC_M_COUNTRY_PARTICIPATION] = want_cp;
    if (!want_fs) {
        igraph_vector_clear(&out->value[MC_M_FOREIGN_SHARE]);
    }
    if (!want_cp) {
        igraph_vector_clear(&out->value[MC_M_COUNTRY_PARTICIPATION]);
    }
out:
    if (il_ok) {
        igraph_inclist_destroy(&il);
    }
    free(acc);
    free(touched);
    return rc;
}

/* ==== everything ==== */

static double round_sig(double x, int digits) {
    if (x == 0 || !isfinite(x) || fabs(x) < 1e-280) {
        return x;
    }
    double scale = pow(10.0, digits - 1 - (int)floor(log10(fabs(x))));
    return round(x * scale) / scale;
}

/*
 * Rounds the real-valued measures to 12 significant digits. PRPACK, ARPACK
 * and the path sums are accurate to about 1e-12 relative, and the digits
 * beyond are summation-order noise: nodes in symmetric positions (the many
 * small projects of a sector) would otherwise differ in the 17th digit and
 * rank in an arbitrary order instead of tying (ties are then broken by id).
 */
static void round_measures(struct mc_centrality *out) {
    for (int m = 0; m < MC_M_COUNT; m++) {
        if (!out->computed[m] || m == MC_M_DEGREE || m == MC_M_CORENESS) {
            continue;
        }
        for (igraph_integer_t v = 0; v < igraph_vector_size(&out->value[m]); v++) {
            VECTOR(out->value[m])[v] = round_sig(VECTOR(out->value[m])[v], SIGNIFICANT);
        }
    }
}

/* Stores an integer-valued measure. */
static enum mc_status put_int(struct mc_centrality *out, enum mc_measure m,
                              const igraph_vector_int_t *iv, struct mc_error *err) {
    igraph_integer_t n = igraph_vector_int_size(iv);
    if (igraph_vector_resize(&out->value[m], n) != IGRAPH_SUCCESS) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        VECTOR(out->value[m])[v] = (double)VECTOR(*iv)[v];
    }
    out->computed[m] = true;
    return MC_OK;
}

enum mc_status mc_centrality_compute(const struct mc_graph *g,
                                     const struct mc_centrality_options *opt,
                                     struct mc_centrality *out, struct mc_error *err) {
    const igraph_t *ig = &g->ig;
    const igraph_vector_t *w = &g->weight;
    igraph_integer_t n = igraph_vcount(ig);
    struct components cc;
    igraph_vector_int_t iv;
    enum mc_status rc;

    out->n = n;
    igraph_vector_int_init(&iv, 0);
    rc = components_init(&cc, ig, err);
    if (rc != MC_OK) {
        goto out;
    }
    if (opt->want[MC_M_DEGREE]) {
        rc = mc_igraph_status(igraph_degree(ig, &iv, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS),
                              err, "degree");
        if (rc != MC_OK || (rc = put_int(out, MC_M_DEGREE, &iv, err)) != MC_OK) {
            goto out;
        }
    }
    if (opt->want[MC_M_STRENGTH]) {
        rc = mc_igraph_status(igraph_strength(ig, &out->value[MC_M_STRENGTH], igraph_vss_all(),
                                              IGRAPH_ALL, IGRAPH_LOOPS, w),
                              err, "strength");
        if (rc != MC_OK) {
            goto out;
        }
        out->computed[MC_M_STRENGTH] = true;
    }
    if (opt->want[MC_M_PAGERANK]) {
        igraph_real_t value;
        /* PRPACK, never ARPACK: the 0.10.2 ARPACK route has weight defects (B3.8) */
        rc = mc_igraph_status(igraph_pagerank(ig, IGRAPH_PAGERANK_ALGO_PRPACK,
                                              &out->value[MC_M_PAGERANK], &value, igraph_vss_all(),
                                              false, opt->damping, w, NULL),
                              err, "pagerank");
        if (rc != MC_OK) {
            goto out;
        }
        out->computed[MC_M_PAGERANK] = true;
    }
    if (opt->want[MC_M_CORENESS]) {
        rc = mc_igraph_status(igraph_coreness(ig, &iv, IGRAPH_ALL), err, "coreness");
        if (rc != MC_OK || (rc = put_int(out, MC_M_CORENESS, &iv, err)) != MC_OK) {
            goto out;
        }
    }
    if (opt->want[MC_M_EIGENVECTOR]) {
        rc = eigenvector(ig, w, opt, &cc, &out->value[MC_M_EIGENVECTOR],
                         &out->eigenvector_fallbacks, err);
        if (rc != MC_OK) {
            goto out;
        }
        out->computed[MC_M_EIGENVECTOR] = true;
    }
    if (opt->want[MC_M_FOREIGN_SHARE] || opt->want[MC_M_COUNTRY_PARTICIPATION]) {
        rc = country_measures(g, opt->want[MC_M_FOREIGN_SHARE],
                              opt->want[MC_M_COUNTRY_PARTICIPATION], out, err);
        if (rc != MC_OK) {
            goto out;
        }
    }
    rc = path_measures(ig, w, opt, &cc, out, err);
    if (rc == MC_OK) {
        round_measures(out);
    }
out:
    components_destroy(&cc);
    igraph_vector_int_destroy(&iv);
    return rc;
}
