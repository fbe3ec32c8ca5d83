#include "metaclust/community.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/igraph_bridge.h"
#include "metaclust/parallel.h"
#include "metaclust/util.h"

/*
 * Leiden is iterated until an iteration leaves the partition unchanged, at
 * most this many iterations after the first call (which does two).
 */
#define LEIDEN_MAX_ITERATIONS 50
/* Consensus (Lancichinetti & Fortunato 2012): threshold and round cap. */
#define CONSENSUS_TAU        0.5
#define CONSENSUS_MAX_ROUNDS 10
/* Label propagation: the largest weight becomes this integer (methods.md B3.3). */
#define LABELPROP_SCALE 1048576.0
/* Auto jobs: fork only when runs x (n + m) is at least this. */
#define PARALLEL_MIN_WORK 2e5

static const char *const method_names[] = {"leiden",   "louvain",    "infomap",
                                           "walktrap", "fastgreedy", "labelprop"};

const char *mc_comm_method_name(enum mc_comm_method m) {
    return (size_t)m < MC_ARRAY_SIZE(method_names) ? method_names[m] : "?";
}

bool mc_comm_method_parse(const char *s, enum mc_comm_method *out) {
    for (size_t i = 0; i < MC_ARRAY_SIZE(method_names); i++) {
        if (strcmp(s, method_names[i]) == 0) {
            *out = (enum mc_comm_method)i;
            return true;
        }
    }
    return false;
}

void mc_comm_options_init(struct mc_comm_options *o) {
    memset(o, 0, sizeof *o);
    o->method = MC_COMM_LEIDEN;
    o->objective = MC_OBJ_MODULARITY;
    o->resolution = 1.0;
    o->runs = 10;
    o->seed = 0;
    o->beta = 0.01;
    o->consensus = false;
    o->jobs = 0;
}

/* ==== partitions ==== */

static void partition_init(struct mc_partition *p) {
    igraph_vector_int_init(&p->membership, 0);
    p->n_communities = 0;
    p->quality = NAN;
    p->modularity = NAN;
}

void mc_comm_result_init(struct mc_comm_result *r) {
    memset(r, 0, sizeof *r);
    partition_init(&r->best);
    partition_init(&r->consensus);
    igraph_vector_init(&r->confidence, 0);
    r->nmi_mean = r->vi_mean = r->nmi_min = NAN;
}

void mc_comm_result_destroy(struct mc_comm_result *r) {
    igraph_vector_int_destroy(&r->best.membership);
    igraph_vector_int_destroy(&r->consensus.membership);
    igraph_vector_destroy(&r->confidence);
    memset(r, 0, sizeof *r);
}

struct comm_key {
    igraph_integer_t size, first, label;
};

static int cmp_comm_key(const void *a, const void *b) {
    const struct comm_key *x = a, *y = b;
    if (x->size != y->size) {
        return x->size > y->size ? -1 : 1;
    }
    return (x->first > y->first) - (x->first < y->first);
}

static int cmp_int(const void *a, const void *b) {
    igraph_integer_t x = *(const igraph_integer_t *)a, y = *(const igraph_integer_t *)b;
    return (x > y) - (x < y);
}

/* Replaces each label by its rank among the distinct labels; *maxl: the largest rank. */
static enum mc_status compress_labels(igraph_vector_int_t *membership, igraph_integer_t *maxl,
                                      struct mc_error *err) {
    igraph_integer_t nv = igraph_vector_int_size(membership), k = 0;
    igraph_integer_t *sorted = malloc((size_t)(nv ? nv : 1) * sizeof *sorted);
    if (sorted == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (membership)");
    }
    memcpy(sorted, VECTOR(*membership), (size_t)nv * sizeof *sorted);
    qsort(sorted, (size_t)nv, sizeof *sorted, cmp_int);
    for (igraph_integer_t i = 0; i < nv; i++) {
        if (k == 0 || sorted[k - 1] != sorted[i]) {
            sorted[k++] = sorted[i];
        }
    }
    for (igraph_integer_t v = 0; v < nv; v++) {
        const igraph_integer_t *p =
            bsearch(&VECTOR(*membership)[v], sorted, (size_t)k, sizeof *sorted, cmp_int);
        VECTOR(*membership)[v] = p - sorted;
    }
    free(sorted);
    *maxl = k - 1;
    return MC_OK;
}

enum mc_status mc_partition_canonical(igraph_vector_int_t *membership, igraph_integer_t *n,
                                      struct mc_error *err) {
    igraph_integer_t nv = igraph_vector_int_size(membership);
    igraph_integer_t maxl = -1;
    enum mc_status rc;
    for (igraph_integer_t v = 0; v < nv; v++) {
        igraph_integer_t l = VECTOR(*membership)[v];
        if (l < 0) {
            return mc_error_set(
                err, MC_E_DATA, NULL, 0,
                "negative community label %" IGRAPH_PRId " for vertex %" IGRAPH_PRId, l, v);
        }
        if (l > maxl) {
            maxl = l;
        }
    }
    if (maxl >= nv) {
        /* sparse labels: map them to their rank among the distinct labels */
        rc = compress_labels(membership, &maxl, err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    size_t nl = (size_t)(maxl + 1);
    struct comm_key *key = calloc(nl ? nl : 1, sizeof *key);
    igraph_integer_t *relabel = malloc((nl ? nl : 1) * sizeof *relabel);
    if (key == NULL || relabel == NULL) {
        free(key);
        free(relabel);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (membership)");
    }
    for (size_t l = 0; l < nl; l++) {
        key[l].first = -1;
        key[l].label = (igraph_integer_t)l;
    }
    for (igraph_integer_t v = 0; v < nv; v++) {
        struct comm_key *k = &key[VECTOR(*membership)[v]];
        if (k->size++ == 0) {
            k->first = v;
        }
    }
    qsort(key, nl, sizeof *key, cmp_comm_key);
    igraph_integer_t used = 0;
    for (size_t i = 0; i < nl; i++) {
        relabel[key[i].label] = (igraph_integer_t)i;
        used += key[i].size > 0;
    }
    for (igraph_integer_t v = 0; v < nv; v++) {
        VECTOR(*membership)[v] = relabel[VECTOR(*membership)[v]];
    }
    free(key);
    free(relabel);
    *n = used;
    return MC_OK;
}

enum mc_status mc_modularity(const igraph_t *g, const igraph_vector_t *weights,
                             const igraph_vector_int_t *membership, double gamma, double *q,
                             struct mc_error *err) {
    igraph_vector_int_t m;
    igraph_integer_t k;
    igraph_real_t r = NAN;
    if (igraph_vector_int_init_copy(&m, membership) != IGRAPH_SUCCESS) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (membership)");
    }
    /* igraph 0.10.2 needs dense labels (methods.md B3.5) */
    enum mc_status rc = mc_partition_canonical(&m, &k, err);
    if (rc == MC_OK) {
        rc = mc_igraph_status(igraph_modularity(g, &m, weights, gamma, IGRAPH_UNDIRECTED, &r), err,
                              "modularity");
    }
    igraph_vector_int_destroy(&m);
    *q = r;
    return rc;
}

/*
 * CPM quality in igraph's normalisation (Traag, Van Dooren & Nesterov 2011):
 * (sum over communities of 2 W_c - gamma n_c^2) / (2 W), where W_c is the
 * internal weight and n_c the size; igraph's Leiden reports the same value.
 */
static double cpm_quality(const igraph_t *g, const igraph_vector_t *w,
                          const igraph_vector_int_t *memb, igraph_integer_t k, double gamma) {
    igraph_integer_t m = igraph_ecount(g), n = igraph_vcount(g);
    double total = 0, inside = 0, sq = 0;
    double *size = calloc((size_t)(k > 0 ? k : 1), sizeof *size);
    if (size == NULL) {
        return NAN;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        double we = w ? VECTOR(*w)[e] : 1.0;
        total += we;
        if (VECTOR(*memb)[IGRAPH_FROM(g, e)] == VECTOR(*memb)[IGRAPH_TO(g, e)]) {
            inside += we;
        }
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        size[VECTOR(*memb)[v]] += 1;
    }
    for (igraph_integer_t c = 0; c < k; c++) {
        sq += size[c] * size[c];
    }
    free(size);
    return total > 0 ? (2 * inside - gamma * sq) / (2 * total) : NAN;
}

/* ==== one run of a method ==== */

/* What every run shares; forked workers see a copy. */
struct run_ctx {
    const igraph_t *g; /* the graph, on which the runs are ranked */
    const igraph_vector_t *w;
    const struct mc_comm_options *opt;
    /*
     * The graph the method runs on: g itself, or for Leiden g without its
     * isolated vertices (sub, subw), which are singletons in every run anyway
     * and cost igraph 0.10.2's Leiden a cluster each on every iteration
     * (most of a sector's vertices once ties need two shared groups).
     */
    const igraph_t *rg;
    const igraph_vector_t *rw;
    igraph_t sub;
    igraph_vector_t subw;
    igraph_integer_t *full_of; /* sub vertex -> vertex of g; NULL: rg is g */
    igraph_vector_t strength;  /* Leiden modularity node weights, on rg */
    igraph_vector_t intw;      /* label propagation weights (scaled integers) */
    bool have_strength, have_intw;
    double total;    /* total edge weight */
    uint64_t stream; /* distinguishes the consensus rounds */
    size_t first;    /* task t is run first + t (adaptive runs come in groups) */
};

/* A run's payload: quality, then the canonical membership. */
struct run_out {
    double quality;
    igraph_integer_t n_communities;
    igraph_integer_t membership[];
};

static uint64_t run_seed(unsigned long seed, uint64_t stream, size_t run) {
    return mc_mix64(mc_mix64((uint64_t)seed ^ (stream * 0x9e3779b97f4a7c15ULL)) + (uint64_t)run);
}

/* True when a and b are the same partition, whatever the labels. */
static bool same_partition(const igraph_vector_int_t *a, const igraph_vector_int_t *b,
                           igraph_integer_t *fwd, igraph_integer_t *bwd) {
    igraph_integer_t n = igraph_vector_int_size(a);
    for (igraph_integer_t i = 0; i < n; i++) {
        fwd[i] = bwd[i] = -1;
    }
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t x = VECTOR(*a)[i], y = VECTOR(*b)[i];
        if (x < 0 || y < 0 || x >= n || y >= n) {
            return false;
        }
        if (fwd[x] < 0 && bwd[y] < 0) {
            fwd[x] = y;
            bwd[y] = x;
        } else if (fwd[x] != y || bwd[y] != x) {
            return false;
        }
    }
    return true;
}

/*
 * Leiden until an iteration changes nothing: start=0 with two iterations,
 * then start=1 with one iteration at a time. A negative n_iterations is never
 * passed: igraph 0.10.2 would stop after the first changing iteration, or
 * loop forever from a converged start (methods.md B3.1).
 */
/*
 * One igraph_community_leiden call, with igraph's interruption check off:
 * igraph 0.10.2's Leiden unwinds its finally stack wrongly when interrupted
 * in its local moving phase (ASan: free of a stack address, seen on Ctrl-C).
 * Ctrl-C is honoured between the calls instead, which come every iteration.
 */
static enum mc_status leiden_call(struct run_ctx *c, const igraph_vector_t *nw, double res,
                                  bool start, igraph_integer_t iterations,
                                  igraph_vector_int_t *memb, igraph_integer_t *nb, igraph_real_t *q,
                                  struct mc_error *err) {
    if (mc_interrupted()) {
        return mc_error_set(err, MC_E_INTERRUPTED, NULL, 0, "interrupted");
    }
    igraph_interruption_handler_t *saved = igraph_set_interruption_handler(NULL);
    igraph_error_t code = igraph_community_leiden(c->rg, c->rw, nw, res, c->opt->beta, start,
                                                  iterations, memb, nb, q);
    igraph_set_interruption_handler(saved);
    return mc_igraph_status(code, err, "leiden");
}

static enum mc_status run_leiden(struct run_ctx *c, igraph_vector_int_t *memb,
                                 struct mc_error *err) {
    const struct mc_comm_options *opt = c->opt;
    const igraph_vector_t *nw = NULL;
    double res = opt->resolution;
    igraph_integer_t nb = 0, n = igraph_vcount(c->rg);
    igraph_real_t q = 0;
    igraph_vector_int_t prev;
    igraph_integer_t *fwd = NULL, *bwd = NULL;
    enum mc_status rc;

    if (opt->objective == MC_OBJ_MODULARITY) {
        nw = &c->strength;
        res = opt->resolution / (2 * c->total);
    }
    rc = leiden_call(c, nw, res, false, 2, memb, &nb, &q, err);
    if (rc != MC_OK) {
        return rc;
    }
    if (igraph_vector_int_init(&prev, n) != IGRAPH_SUCCESS) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (leiden)");
    }
    fwd = malloc((size_t)(n ? n : 1) * sizeof *fwd);
    bwd = malloc((size_t)(n ? n : 1) * sizeof *bwd);
    if (fwd == NULL || bwd == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (leiden)");
        goto out;
    }
    for (int it = 0; it < LEIDEN_MAX_ITERATIONS; it++) {
        igraph_vector_int_update(&prev, memb);
        rc = leiden_call(c, nw, res, true, 1, memb, &nb, &q, err);
        if (rc != MC_OK || same_partition(&prev, memb, fwd, bwd)) {
            break;
        }
    }
out:
    free(fwd);
    free(bwd);
    igraph_vector_int_destroy(&prev);
    return rc;
}

static enum mc_status run_once(struct run_ctx *c, igraph_vector_int_t *memb, struct mc_error *err) {
    const struct mc_comm_options *opt = c->opt;
    const igraph_t *g = c->g;
    igraph_matrix_int_t merges;
    igraph_vector_t mod;
    igraph_real_t codelength;
    enum mc_status rc = MC_OK;

    switch (opt->method) {
    case MC_COMM_LEIDEN:
        return run_leiden(c, memb, err);
    case MC_COMM_LOUVAIN:
        /* igraph 0.10.2 may loop forever on rare weighted inputs (methods.md B3.2) */
        return mc_igraph_status(
            igraph_community_multilevel(g, c->w, opt->resolution, memb, NULL, NULL), err,
            "louvain");
    case MC_COMM_INFOMAP:
        return mc_igraph_status(igraph_community_infomap(g, c->w, NULL, 10, memb, &codelength), err,
                                "infomap");
    case MC_COMM_LABELPROP:
        return mc_igraph_status(igraph_community_label_propagation(g, memb, IGRAPH_ALL,
                                                                   c->have_intw ? &c->intw : NULL,
                                                                   NULL, NULL),
                                err, "label propagation");
    case MC_COMM_WALKTRAP:
    case MC_COMM_FASTGREEDY:
        /* both want every output in 0.10.2 (methods.md B3.4) */
        if (igraph_matrix_int_init(&merges, 0, 0) != IGRAPH_SUCCESS) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
        if (igraph_vector_init(&mod, 0) != IGRAPH_SUCCESS) {
            igraph_matrix_int_destroy(&merges);
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
        if (opt->method == MC_COMM_WALKTRAP) {
            rc = mc_igraph_status(igraph_community_walktrap(g, c->w, 4, &merges, &mod, memb), err,
                                  "walktrap");
        } else {
            rc = mc_igraph_status(igraph_community_fastgreedy(g, c->w, &merges, &mod, memb), err,
                                  "fastgreedy");
        }
        igraph_vector_destroy(&mod);
        igraph_matrix_int_destroy(&merges);
        return rc;
    }
    return mc_error_set(err, MC_E_USAGE, NULL, 0, "unknown community method");
}

/* The quality that ranks the runs: the objective at the chosen resolution. */
static enum mc_status quality_of(const struct run_ctx *c, const igraph_vector_int_t *memb,
                                 igraph_integer_t k, double *q, struct mc_error *err) {
    if (c->opt->method == MC_COMM_LEIDEN && c->opt->objective == MC_OBJ_CPM) {
        *q = cpm_quality(c->g, c->w, memb, k, c->opt->resolution);
        return MC_OK;
    }
    return mc_modularity(c->g, c->w, memb, c->opt->resolution, q, err);
}

/*
 * A membership of rg's vertices as one of g's: the vertices left out of rg
 * (isolated) each get a community of their own.
 */
static enum mc_status expand_membership(const struct run_ctx *c, igraph_vector_int_t *memb,
                                        struct mc_error *err) {
    igraph_integer_t n = igraph_vcount(c->g), ns = igraph_vcount(c->rg), next = 0;
    if (igraph_vector_int_size(memb) != ns) {
        return mc_error_set(err, MC_E_IGRAPH, NULL, 0, "%s returned a membership of the wrong size",
                            mc_comm_method_name(c->opt->method));
    }
    for (igraph_integer_t i = 0; i < ns; i++) {
        if (VECTOR(*memb)[i] >= next) {
            next = VECTOR(*memb)[i] + 1;
        }
    }
    if (igraph_vector_int_resize(memb, n) != IGRAPH_SUCCESS) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (membership)");
    }
    /* from the end, so that sub vertex i (at most its full index) is read before overwritten */
    igraph_integer_t i = ns - 1;
    for (igraph_integer_t v = n - 1; v >= 0; v--) {
        if (i >= 0 && c->full_of[i] == v) {
            VECTOR(*memb)[v] = VECTOR(*memb)[i];
            i--;
        } else {
            VECTOR(*memb)[v] = -1;
        }
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        if (VECTOR(*memb)[v] < 0) {
            VECTOR(*memb)[v] = next++;
        }
    }
    return MC_OK;
}

static enum mc_status run_task(void *ctx, size_t task, void *out, struct mc_error *err) {
    struct run_ctx *c = ctx;
    struct run_out *ro = out;
    igraph_integer_t n = igraph_vcount(c->g);
    igraph_vector_int_t memb;
    enum mc_status rc;

    if (igraph_vector_int_init(&memb, n) != IGRAPH_SUCCESS) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (membership)");
    }
    if (c->total > 0) {
        mc_igraph_seed((unsigned long)run_seed(c->opt->seed, c->stream, c->first + task));
        rc = run_once(c, &memb, err);
        if (rc == MC_OK && c->full_of != NULL) {
            rc = expand_membership(c, &memb, err);
        }
    } else {
        /* no edges: every vertex on its own, whatever the method */
        for (igraph_integer_t v = 0; v < n; v++) {
            VECTOR(memb)[v] = v;
        }
        rc = MC_OK;
    }
    if (rc == MC_OK && igraph_vector_int_size(&memb) != n) {
        rc = mc_error_set(err, MC_E_IGRAPH, NULL, 0, "%s returned a membership of the wrong size",
                          mc_comm_method_name(c->opt->method));
    }
    if (rc == MC_OK) {
        rc = mc_partition_canonical(&memb, &ro->n_communities, err);
    }
    if (rc == MC_OK) {
        ro->quality = NAN;
        if (c->total > 0) {
            rc = quality_of(c, &memb, ro->n_communities, &ro->quality, err);
        }
        memcpy(ro->membership, VECTOR(memb), (size_t)n * sizeof *ro->membership);
    }
    igraph_vector_int_destroy(&memb);
    return rc;
}

static void run_ctx_destroy(struct run_ctx *c) {
    if (c->full_of != NULL) {
        igraph_destroy(&c->sub);
        igraph_vector_destroy(&c->subw);
        free(c->full_of);
        c->full_of = NULL;
    }
    if (c->have_strength) {
        igraph_vector_destroy(&c->strength);
    }
    if (c->have_intw) {
        igraph_vector_destroy(&c->intw);
    }
    c->have_strength = c->have_intw = false;
}

/*
 * Sets rg, rw to g without its isolated vertices when it has some. Leiden
 * leaves an isolated vertex alone under both objectives (no neighbour to
 * move to), so the runs find the same partitions of the rest of the graph.
 */
static enum mc_status leave_out_isolates(struct run_ctx *c, struct mc_error *err) {
    const igraph_t *g = c->g;
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g), ns = 0;
    igraph_integer_t *sub_of = malloc((size_t)(n ? n : 1) * sizeof *sub_of);
    igraph_vector_int_t edges;
    enum mc_status rc = MC_OK;
    if (sub_of == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        sub_of[v] = -1;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        sub_of[IGRAPH_FROM(g, e)] = sub_of[IGRAPH_TO(g, e)] = 0;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        if (sub_of[v] == 0) {
            sub_of[v] = ns++;
        }
    }
    if (ns == n || ns == 0) {
        free(sub_of);
        return MC_OK; /* nothing to leave out, or nothing left to run on */
    }
    c->full_of = malloc((size_t)ns * sizeof *c->full_of);
    if (c->full_of == NULL || igraph_vector_int_init(&edges, 2 * m) != IGRAPH_SUCCESS) {
        free(c->full_of);
        c->full_of = NULL;
        free(sub_of);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        if (sub_of[v] >= 0) {
            c->full_of[sub_of[v]] = v;
        }
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        VECTOR(edges)[2 * e] = sub_of[IGRAPH_FROM(g, e)];
        VECTOR(edges)[2 * e + 1] = sub_of[IGRAPH_TO(g, e)];
    }
    free(sub_of);
    if (c->w != NULL && igraph_vector_init_copy(&c->subw, c->w) != IGRAPH_SUCCESS) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    } else if (c->w == NULL && igraph_vector_init(&c->subw, 0) != IGRAPH_SUCCESS) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    if (rc != MC_OK) {
        igraph_vector_int_destroy(&edges);
        free(c->full_of);
        c->full_of = NULL;
        return rc;
    }
    /* edge e of sub is edge e of g: the weights stay in order */
    rc = mc_igraph_status(igraph_create(&c->sub, &edges, ns, IGRAPH_UNDIRECTED), err,
                          "graph without isolated vertices");
    igraph_vector_int_destroy(&edges);
    if (rc != MC_OK) {
        igraph_vector_destroy(&c->subw);
        free(c->full_of);
        c->full_of = NULL;
        return rc;
    }
    c->rg = &c->sub;
    c->rw = c->w != NULL ? &c->subw : NULL;
    return MC_OK;
}

static enum mc_status run_ctx_init(struct run_ctx *c, const igraph_t *g, const igraph_vector_t *w,
                                   const struct mc_comm_options *opt, uint64_t stream,
                                   struct mc_error *err) {
    igraph_integer_t m = igraph_ecount(g);
    memset(c, 0, sizeof *c);
    c->g = g;
    c->w = w;
    c->opt = opt;
    c->stream = stream;
    double maxw = 0;
    for (igraph_integer_t e = 0; e < m; e++) {
        double we = w ? VECTOR(*w)[e] : 1.0;
        if (!(we > 0) || !isfinite(we)) {
            return mc_error_set(
                err, MC_E_DATA, NULL, 0,
                "edge weights must be positive and finite (edge %" IGRAPH_PRId " has %g)", e, we);
        }
        c->total += we;
        if (we > maxw) {
            maxw = we;
        }
    }
    c->rg = g;
    c->rw = w;
    enum mc_status rc = MC_OK;
    if (opt->method == MC_COMM_LEIDEN && (rc = leave_out_isolates(c, err)) != MC_OK) {
        return rc;
    }
    if (igraph_vector_init(&c->strength, 0) != IGRAPH_SUCCESS) {
        run_ctx_destroy(c);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    c->have_strength = true;
    rc = mc_igraph_status(
        igraph_strength(c->rg, &c->strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, c->rw),
        err, "strength");
    if (rc == MC_OK && opt->method == MC_COMM_LABELPROP && w != NULL) {
        /* 0.10.2 truncates label-propagation weights to integers (methods.md B3.3) */
        if (igraph_vector_init(&c->intw, m) != IGRAPH_SUCCESS) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        } else {
            c->have_intw = true;
            for (igraph_integer_t e = 0; e < m; e++) {
                double s = round(VECTOR(*w)[e] / maxw * LABELPROP_SCALE);
                VECTOR(c->intw)[e] = s < 1 ? 1 : s;
            }
        }
    }
    if (rc != MC_OK) {
        run_ctx_destroy(c);
    }
    return rc;
}

static int jobs_for(const struct mc_comm_options *opt, const igraph_t *g, int runs) {
    if (opt->jobs > 0) {
        return opt->jobs;
    }
    double work = (double)runs * (double)(igraph_vcount(g) + igraph_ecount(g));
    return work >= PARALLEL_MIN_WORK ? mc_parallel_default_jobs() : 1;
}

/* Room for `runs` run_out records of n vertices, each *rec bytes. */
static enum mc_status alloc_outs(size_t n, size_t runs, unsigned char **outs, size_t *rec,
                                 struct mc_error *err) {
    /* round the record up so that every record starts aligned */
    size_t r = sizeof(struct run_out) + n * sizeof(igraph_integer_t);
    r = (r + 15) & ~(size_t)15;
    size_t total;
    *outs = NULL;
    if (!mc_mul_ok(r, runs, &total) || (*outs = aligned_alloc(16, total)) == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (%zu runs)", runs);
    }
    *rec = r;
    return MC_OK;
}

/*
 * K seeded runs on (g, w); `outs` receives K run_out records of `rec` bytes.
 */
static enum mc_status run_all(const igraph_t *g, const igraph_vector_t *w,
                              const struct mc_comm_options *opt, uint64_t stream,
                              unsigned char **outs, size_t *rec, struct mc_error *err) {
    struct run_ctx c;
    size_t n = (size_t)igraph_vcount(g);
    size_t runs = (size_t)opt->runs;
    enum mc_status rc = run_ctx_init(&c, g, w, opt, stream, err);
    if (rc != MC_OK) {
        return rc;
    }
    if ((rc = alloc_outs(n, runs, outs, rec, err)) != MC_OK) {
        run_ctx_destroy(&c);
        return rc;
    }
    rc = mc_parallel_map(jobs_for(opt, g, opt->runs), runs, *rec, run_task, &c, *outs, err);
    run_ctx_destroy(&c);
    if (rc != MC_OK) {
        free(*outs);
        *outs = NULL;
    }
    return rc;
}

static const struct run_out *run_at(const unsigned char *outs, size_t rec, size_t r) {
    return (const struct run_out *)(const void *)(outs + r * rec);
}

static enum mc_status set_partition(struct mc_partition *p, const struct run_out *ro,
                                    igraph_integer_t n, struct mc_error *err) {
    if (igraph_vector_int_resize(&p->membership, n) != IGRAPH_SUCCESS) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (membership)");
    }
    memcpy(VECTOR(p->membership), ro->membership, (size_t)n * sizeof(igraph_integer_t));
    p->n_communities = ro->n_communities;
    p->quality = ro->quality;
    return MC_OK;
}

/* ==== stability and confidence ==== */

static enum mc_status stability(const unsigned char *outs, size_t rec, size_t runs,
                                igraph_integer_t n, struct mc_comm_result *res,
                                struct mc_error *err) {
    igraph_vector_int_t a, b;
    enum mc_status rc = MC_OK;
    res->nmi_mean = 1;
    res->nmi_min = 1;
    res->vi_mean = 0;
    if (runs < 2 || n == 0) {
        return MC_OK;
    }
    igraph_vector_int_view(&a, run_at(outs, rec, 0)->membership, n);
    double nmi_sum = 0, vi_sum = 0, nmi_min = 1;
    size_t pairs = 0;
    for (size_t i = 0; i < runs && rc == MC_OK; i++) {
        igraph_vector_int_view(&a, run_at(outs, rec, i)->membership, n);
        for (size_t j = i + 1; j < runs; j++) {
            igraph_real_t nmi, vi;
            igraph_vector_int_view(&b, run_at(outs, rec, j)->membership, n);
            rc = mc_igraph_status(igraph_compare_communities(&a, &b, &nmi, IGRAPH_COMMCMP_NMI), err,
                                  "comparing runs");
            if (rc == MC_OK) {
                rc = mc_igraph_status(igraph_compare_communities(&a, &b, &vi, IGRAPH_COMMCMP_VI),
                                      err, "comparing runs");
            }
            if (rc != MC_OK) {
                break;
            }
            nmi_sum += nmi;
            vi_sum += vi;
            if (nmi < nmi_min) {
                nmi_min = nmi;
            }
            pairs++;
        }
    }
    if (rc == MC_OK) {
        res->nmi_mean = nmi_sum / (double)pairs;
        res->vi_mean = vi_sum / (double)pairs;
        res->nmi_min = nmi_min;
    }
    return rc;
}

/*
 * Confidence of each vertex in partition `p`: over the runs, the mean share
 * of its community mates in p that share its community in the run; for a
 * vertex alone in p, the share of runs in which it is alone too. Computed
 * from the contingency counts of p against each run, O(runs * n).
 */
static enum mc_status confidence(const unsigned char *outs, size_t rec, size_t runs,
                                 const struct mc_partition *p, igraph_integer_t n,
                                 igraph_vector_t *conf, struct mc_error *err) {
    size_t k = (size_t)p->n_communities;
    size_t *start = calloc(k + 1, sizeof *start);
    igraph_integer_t *members = malloc((size_t)(n ? n : 1) * sizeof *members);
    igraph_integer_t *cnt = calloc((size_t)(n ? n : 1), sizeof *cnt);
    igraph_integer_t *run_size = calloc((size_t)(n ? n : 1), sizeof *run_size);
    enum mc_status rc = MC_OK;
    if (start == NULL || members == NULL || cnt == NULL || run_size == NULL ||
        igraph_vector_resize(conf, n) != IGRAPH_SUCCESS) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (confidence)");
        goto out;
    }
    igraph_vector_null(conf);
    /* members of each community of p, in vertex order */
    for (igraph_integer_t v = 0; v < n; v++) {
        start[VECTOR(p->membership)[v] + 1]++;
    }
    for (size_t c = 0; c < k; c++) {
        start[c + 1] += start[c];
    }
    {
        size_t *fill = malloc((k + 1) * sizeof *fill);
        if (fill == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (confidence)");
            goto out;
        }
        memcpy(fill, start, (k + 1) * sizeof *fill);
        for (igraph_integer_t v = 0; v < n; v++) {
            members[fill[VECTOR(p->membership)[v]]++] = v;
        }
        free(fill);
    }
    for (size_t r = 0; r < runs; r++) {
        const igraph_integer_t *rm = run_at(outs, rec, r)->membership;
        memset(run_size, 0, (size_t)n * sizeof *run_size);
        for (igraph_integer_t v = 0; v < n; v++) {
            run_size[rm[v]]++;
        }
        for (size_t c = 0; c < k; c++) {
            size_t lo = start[c], hi = start[c + 1], sz = hi - lo;
            if (sz == 1) {
                igraph_integer_t v = members[lo];
                VECTOR(*conf)[v] += run_size[rm[v]] == 1;
                continue;
            }
            for (size_t i = lo; i < hi; i++) {
                cnt[rm[members[i]]]++;
            }
            for (size_t i = lo; i < hi; i++) {
                igraph_integer_t v = members[i];
                VECTOR(*conf)[v] += (double)(cnt[rm[v]] - 1) / (double)(sz - 1);
            }
            for (size_t i = lo; i < hi; i++) {
                cnt[rm[members[i]]] = 0;
            }
        }
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        VECTOR(*conf)[v] /= (double)runs;
    }
out:
    free(start);
    free(members);
    free(cnt);
    free(run_size);
    return rc;
}

/* ==== consensus (Lancichinetti & Fortunato 2012, sparse) ==== */

/*
 * Co-assignment of the endpoints of each edge of (from, to) over the runs:
 * the share of runs that put both in one community.
 */
static void coassign(const unsigned char *outs, size_t rec, size_t runs,
                     const igraph_vector_int_t *from, const igraph_vector_int_t *to, double *d) {
    igraph_integer_t m = igraph_vector_int_size(from);
    for (igraph_integer_t e = 0; e < m; e++) {
        d[e] = 0;
    }
    for (size_t r = 0; r < runs; r++) {
        const igraph_integer_t *rm = run_at(outs, rec, r)->membership;
        for (igraph_integer_t e = 0; e < m; e++) {
            d[e] += rm[VECTOR(*from)[e]] == rm[VECTOR(*to)[e]];
        }
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        d[e] /= (double)runs;
    }
}

static bool all_runs_equal(const unsigned char *outs, size_t rec, size_t runs, igraph_integer_t n) {
    /* runs are canonical, so equal partitions have equal vectors */
    const struct run_out *r0 = run_at(outs, rec, 0);
    for (size_t r = 1; r < runs; r++) {
        if (memcmp(r0->membership, run_at(outs, rec, r)->membership,
                   (size_t)n * sizeof(igraph_integer_t)) != 0) {
            return false;
        }
    }
    return true;
}

/*
 * The consensus partition: threshold the co-assignments of the current
 * edges at tau, rerun the method `runs` times on the consensus graph, and
 * repeat until all runs agree (at most CONSENSUS_MAX_ROUNDS rounds; then the
 * best run of the last round is taken). Only edges of the input graph carry
 * co-assignments, so memory stays O(n + m) rather than O(n^2).
 */
static enum mc_status consensus(const igraph_t *g, const struct mc_comm_options *opt0,
                                const unsigned char *outs0, size_t rec, size_t runs,
                                struct mc_partition *out, struct mc_error *err) {
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g);
    /* every round reruns as many times as the runs made */
    struct mc_comm_options o = *opt0;
    const struct mc_comm_options *opt = &o;
    o.runs = (int)runs;
    o.adaptive = false;
    igraph_vector_int_t from, to, edges;
    igraph_vector_t w;
    double *d = NULL;
    unsigned char *outs = NULL;
    const unsigned char *cur = outs0;
    enum mc_status rc = MC_OK;
    bool done = false;

    igraph_vector_int_init(&from, 0);
    igraph_vector_int_init(&to, 0);
    igraph_vector_int_init(&edges, 0);
    igraph_vector_init(&w, 0);
    d = malloc((size_t)(m ? m : 1) * sizeof *d);
    if (d == NULL || igraph_vector_int_resize(&from, m) != IGRAPH_SUCCESS ||
        igraph_vector_int_resize(&to, m) != IGRAPH_SUCCESS) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (consensus)");
        goto out;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        VECTOR(from)[e] = IGRAPH_FROM(g, e);
        VECTOR(to)[e] = IGRAPH_TO(g, e);
    }
    for (int round = 0; round < CONSENSUS_MAX_ROUNDS && rc == MC_OK; round++) {
        if (all_runs_equal(cur, rec, runs, n)) {
            rc = set_partition(out, run_at(cur, rec, 0), n, err);
            done = true;
            break;
        }
        igraph_integer_t me = igraph_vector_int_size(&from), k = 0;
        coassign(cur, rec, runs, &from, &to, d);
        for (igraph_integer_t e = 0; e < me; e++) {
            if (d[e] >= CONSENSUS_TAU) {
                VECTOR(from)[k] = VECTOR(from)[e];
                VECTOR(to)[k] = VECTOR(to)[e];
                d[k++] = d[e];
            }
        }
        if (igraph_vector_int_resize(&from, k) != IGRAPH_SUCCESS ||
            igraph_vector_int_resize(&to, k) != IGRAPH_SUCCESS ||
            igraph_vector_int_resize(&edges, 2 * k) != IGRAPH_SUCCESS ||
            igraph_vector_resize(&w, k) != IGRAPH_SUCCESS) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (consensus)");
            break;
        }
        for (igraph_integer_t e = 0; e < k; e++) {
            VECTOR(edges)[2 * e] = VECTOR(from)[e];
            VECTOR(edges)[2 * e + 1] = VECTOR(to)[e];
            VECTOR(w)[e] = d[e];
        }
        igraph_t cg;
        rc = mc_igraph_status(igraph_create(&cg, &edges, n, IGRAPH_UNDIRECTED), err,
                              "consensus graph");
        if (rc != MC_OK) {
            break;
        }
        unsigned char *next = NULL;
        size_t rec2;
        rc = run_all(&cg, &w, opt, (uint64_t)round + 1, &next, &rec2, err);
        igraph_destroy(&cg);
        if (rc != MC_OK) {
            break;
        }
        free(outs);
        outs = next;
        cur = outs;
    }
    if (rc == MC_OK && !done) {
        /* no agreement within the cap: the run of the last round with the best quality */
        size_t best = 0;
        for (size_t r = 1; r < runs; r++) {
            if (run_at(cur, rec, r)->quality > run_at(cur, rec, best)->quality) {
                best = r;
            }
        }
        rc = set_partition(out, run_at(cur, rec, best), n, err);
    }
out:
    free(d);
    free(outs);
    igraph_vector_int_destroy(&from);
    igraph_vector_int_destroy(&to);
    igraph_vector_int_destroy(&edges);
    igraph_vector_destroy(&w);
    return rc;
}

/* ==== adaptive runs ==== */

const char *mc_comm_stop_name(enum mc_comm_stop s) {
    static const char *const names[] = {"exact", "limit", "settled"};
    return (size_t)s < MC_ARRAY_SIZE(names) ? names[s] : "?";
}

const char *mc_comm_stop_explain(enum mc_comm_stop s) {
    switch (s) {
    case MC_STOP_EXACT:
        return "the number of runs asked for";
    case MC_STOP_LIMIT:
        return "the upper bound on runs was reached before the runs settled";
    case MC_STOP_SETTLED:
        return "settled: the last 3 runs did not beat the best run and agreed with it, "
               "NMI >= 0.95 each";
    }
    return "?";
}

/* The best run among 0..r: highest quality, ties the lowest run; NaN never wins. */
static int best_run(const double *quality, int r) {
    int b = 0;
    for (int j = 1; j <= r; j++) {
        if (quality[j] > quality[b]) {
            b = j;
        }
    }
    return b;
}

bool mc_comm_settled(const double *quality, const double *nmi_to_best, int r) {
    if (r + 1 < MC_COMM_MIN_RUNS) {
        return false;
    }
    if (best_run(quality, r) > r - MC_COMM_SETTLE_RUNS) {
        return false; /* one of the last runs is the best: still improving */
    }
    for (int j = r - MC_COMM_SETTLE_RUNS + 1; j <= r; j++) {
        if (!(nmi_to_best[j] >= MC_COMM_SETTLE_NMI)) {
            return false;
        }
    }
    return true;
}

/*
 * Up to opt->runs runs, in run order, stopping once they settle. The runs go
 * in groups (MC_COMM_MIN_RUNS first, then one per worker); the decision is
 * taken run by run, so a group's runs after the settling one are dropped and
 * the result is the same whatever the workers. *made: the runs kept.
 */
static enum mc_status run_adaptive(const igraph_t *g, const igraph_vector_t *w,
                                   const struct mc_comm_options *opt, unsigned char **outs,
                                   size_t *rec, size_t *made, enum mc_comm_stop *stop,
                                   struct mc_error *err) {
    struct run_ctx c;
    igraph_integer_t n = igraph_vcount(g);
    size_t runs = (size_t)opt->runs, done = 0;
    int jobs = jobs_for(opt, g, opt->runs);
    double *q = NULL, *nmi = NULL;
    enum mc_status rc = run_ctx_init(&c, g, w, opt, 0, err);
    if (rc != MC_OK) {
        return rc;
    }
    *made = runs;
    *stop = MC_STOP_LIMIT;
    q = malloc(runs * sizeof *q);
    nmi = malloc(runs * sizeof *nmi);
    if (q == NULL || nmi == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (runs)");
    } else {
        rc = alloc_outs((size_t)n, runs, outs, rec, err);
    }
    while (rc == MC_OK && done < runs && *stop != MC_STOP_SETTLED) {
        size_t chunk = done == 0 ? MC_COMM_MIN_RUNS : (size_t)(jobs > 1 ? jobs : 1);
        if (chunk > runs - done) {
            chunk = runs - done;
        }
        c.first = done;
        rc = mc_parallel_map(jobs, chunk, *rec, run_task, &c, *outs + done * *rec, err);
        for (size_t r = done; rc == MC_OK && r < done + chunk; r++) {
            q[r] = run_at(*outs, *rec, r)->quality;
            if ((int)r + 1 < MC_COMM_MIN_RUNS) {
                continue;
            }
            igraph_vector_int_t a, b;
            igraph_vector_int_view(&b, run_at(*outs, *rec, (size_t)best_run(q, (int)r))->membership,
                                   n);
            for (size_t j = r + 1 - MC_COMM_SETTLE_RUNS; rc == MC_OK && j <= r; j++) {
                igraph_vector_int_view(&a, run_at(*outs, *rec, j)->membership, n);
                nmi[j] = 1;
                if (n > 0) {
                    rc = mc_igraph_status(
                        igraph_compare_communities(&a, &b, &nmi[j], IGRAPH_COMMCMP_NMI), err,
                        "comparing runs");
                }
            }
            if (rc == MC_OK && mc_comm_settled(q, nmi, (int)r)) {
                *made = r + 1;
                *stop = MC_STOP_SETTLED;
                break;
            }
        }
        done += chunk;
    }
    if (rc != MC_OK) {
        free(*outs);
        *outs = NULL;
    }
    free(q);
    free(nmi);
    run_ctx_destroy(&c);
    return rc;
}

/* ==== the whole procedure ==== */

enum mc_status mc_communities(const igraph_t *g, const igraph_vector_t *weights,
                              const struct mc_comm_options *opt, struct mc_comm_result *res,
                              struct mc_error *err) {
    igraph_integer_t n = igraph_vcount(g);
    unsigned char *outs = NULL;
    size_t rec = 0;
    enum mc_status rc;

    if (opt->runs < 1) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "the number of runs must be at least 1");
    }
    if (weights != NULL && igraph_vector_size(weights) != igraph_ecount(g)) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "weight vector size differs from edges");
    }
    size_t runs = (size_t)opt->runs, best = 0;
    res->stop = MC_STOP_EXACT;
    rc = opt->adaptive ? run_adaptive(g, weights, opt, &outs, &rec, &runs, &res->stop, err)
                       : run_all(g, weights, opt, 0, &outs, &rec, err);
    if (rc != MC_OK) {
        return rc;
    }
    for (size_t r = 1; r < runs; r++) {
        /* ties: the lowest run; NaN (no edges) never wins */
        if (run_at(outs, rec, r)->quality > run_at(outs, rec, best)->quality) {
            best = r;
        }
    }
    res->runs = (int)runs;
    res->best_run = (int)best;
    rc = set_partition(&res->best, run_at(outs, rec, best), n, err);
    if (rc == MC_OK) {
        rc = mc_modularity(g, weights, &res->best.membership, 1.0, &res->best.modularity, err);
    }
    if (rc == MC_OK) {
        rc = stability(outs, rec, runs, n, res, err);
    }
    if (rc == MC_OK && opt->consensus && runs > 1) {
        rc = consensus(g, opt, outs, rec, runs, &res->consensus, err);
        if (rc == MC_OK) {
            struct run_ctx c;
            rc = run_ctx_init(&c, g, weights, opt, 0, err);
            if (rc == MC_OK) {
                res->consensus.quality = NAN;
                if (c.total > 0) {
                    rc = quality_of(&c, &res->consensus.membership, res->consensus.n_communities,
                                    &res->consensus.quality, err);
                }
                run_ctx_destroy(&c);
            }
        }
        if (rc == MC_OK) {
            rc = mc_modularity(g, weights, &res->consensus.membership, 1.0,
                               &res->consensus.modularity, err);
        }
    } else if (rc == MC_OK) {
        if (igraph_vector_int_update(&res->consensus.membership, &res->best.membership) !=
            IGRAPH_SUCCESS) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (membership)");
        }
        res->consensus.n_communities = res->best.n_communities;
        res->consensus.quality = res->best.quality;
        res->consensus.modularity = res->best.modularity;
    }
    if (rc == MC_OK) {
        rc = confidence(outs, rec, runs, &res->consensus, n, &res->confidence, err);
    }
    free(outs);
    return rc;
}
