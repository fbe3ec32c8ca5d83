#ifndef METACLUST_COMMUNITY_H
#define METACLUST_COMMUNITY_H

/*
 * Community detection with stability: K seeded runs of a method, the best
 * partition by quality, the stability across runs (mean pairwise NMI and VI),
 * a consensus partition and per-node confidence from co-assignment counts,
 * and Guimerà–Amaral node roles.
 *
 * Everything works on a plain igraph graph plus a weight vector, so it serves
 * whole graphs, sector views and the subgraphs `propose` splits.
 *
 * igraph 0.10.2 defects worked around here (../shared/docs/methods.md B3):
 * Leiden is never called with a negative iteration count (it is iterated
 * until the partition is stable, capped); label propagation is run with
 * weights scaled to integers; memberships are reindexed before modularity.
 */

#include <stdbool.h>
#include <stddef.h>

#include <igraph.h>

#include "metaclust/error.h"
#include "metaclust/graph.h"
#include "metaclust/util.h"

enum mc_comm_method {
    MC_COMM_LEIDEN = 0,
    MC_COMM_LOUVAIN,
    MC_COMM_INFOMAP,
    MC_COMM_WALKTRAP,
    MC_COMM_FASTGREEDY,
    MC_COMM_LABELPROP
};

enum mc_comm_objective { MC_OBJ_MODULARITY = 0, MC_OBJ_CPM };

const char *mc_comm_method_name(enum mc_comm_method m);
bool mc_comm_method_parse(const char *s, enum mc_comm_method *out);

struct mc_comm_options {
    enum mc_comm_method method;
    enum mc_comm_objective objective; /* Leiden only */
    double resolution;                /* gamma; default 1 */
    int runs;                         /* K seeded runs; default 10 for leiden/louvain, else 1 */
    unsigned long seed;               /* run r uses a seed derived from (seed, r) */
    double beta;                      /* Leiden randomness, default 0.01 */
    bool consensus;                   /* also compute the consensus partition */
    int jobs;                         /* worker processes for the runs; 0: automatic (the
                                         CPUs when runs x (n + m) >= 2e5, else 1). The
                                         result does not depend on it. */
    bool adaptive; /* `runs` is an upper bound: stop once the runs have settled (see
                      mc_communities); default false: exactly `runs` runs */
};

void mc_comm_options_init(struct mc_comm_options *o);

/*
 * A partition in canonical form: communities numbered 0, 1, ... by decreasing
 * size, ties by their smallest vertex index, so equal partitions have equal
 * vectors whatever the labels a method produced.
 */
struct mc_partition {
    igraph_vector_int_t membership;
    igraph_integer_t n_communities;
    double quality;    /* the objective's value (modularity at `resolution`, or CPM) */
    double modularity; /* plain weighted modularity, resolution 1 */
};

/* Why the runs stopped where they did. */
enum mc_comm_stop {
    MC_STOP_EXACT = 0, /* exactly the runs asked for (not adaptive) */
    MC_STOP_LIMIT,     /* adaptive, but the upper bound came first */
    MC_STOP_SETTLED    /* adaptive: the last runs agreed with the best and did not beat it */
};

/* "exact", "limit", "settled" */
const char *mc_comm_stop_name(enum mc_comm_stop s);
/* The reason in plain words, for reports: "the last 3 runs agreed with the best run ..." */
const char *mc_comm_stop_explain(enum mc_comm_stop s);

/* Adaptive runs: at least this many, and this many last runs must agree at this NMI. */
#define MC_COMM_MIN_RUNS    4
#define MC_COMM_SETTLE_RUNS 3
#define MC_COMM_SETTLE_NMI  0.95

/*
 * The adaptive stopping rule, after run r (0-based) of runs whose qualities
 * are quality[0..r]: true when at least MC_COMM_MIN_RUNS runs were made, the
 * best run so far (highest quality, ties: lowest run) came before the last
 * MC_COMM_SETTLE_RUNS runs, and each of those last runs has NMI at least
 * MC_COMM_SETTLE_NMI with it (nmi_to_best[j]: NMI of run j with that best).
 */
bool mc_comm_settled(const double *quality, const double *nmi_to_best, int r);

struct mc_comm_result {
    struct mc_partition best;      /* highest quality over the runs (ties: lowest run) */
    struct mc_partition consensus; /* when requested; else a copy of best */
    igraph_vector_t confidence;    /* per vertex, in [0, 1], relative to `consensus` (that is,
                                      to best when no consensus was requested): the mean over
                                      the K runs of the share of its community mates that
                                      share its community in the run; for a vertex alone in
                                      its community, the share of runs in which it is alone */
    int runs;                      /* runs made (at most opt->runs) */
    enum mc_comm_stop stop;        /* why no more were made */
    double nmi_mean, vi_mean; /* mean over pairs of runs (VI in nats); NMI 1, VI 0 for one run */
    double nmi_min;
    int best_run;
};

void mc_comm_result_init(struct mc_comm_result *r);
void mc_comm_result_destroy(struct mc_comm_result *r);

/*
 * Runs the method `opt->runs` times with seeds derived from opt->seed and
 * fills `res`. Deterministic for a given graph, options and seed, whatever
 * opt->jobs: run r is seeded from (seed, r) alone and the runs are combined
 * in run order. `weights` may be NULL (unweighted); weights must be positive.
 *
 * Methods: Leiden (Traag, Waltman & van Eck 2019, Sci Rep 9:5233) with the
 * modularity objective (node weights = strengths, resolution gamma/2W) or
 * CPM, iterated until an iteration leaves the partition unchanged (cap 50);
 * Louvain (multilevel); Infomap (10 trials); walktrap (4 steps); fast greedy;
 * label propagation. The runs are ranked by modularity at `resolution` (CPM
 * quality for Leiden-CPM). Stability: mean and minimum pairwise NMI (Danon
 * et al. 2005) and mean VI (Meila 2007) over the pairs of runs.
 *
 * Adaptive (opt->adaptive): the runs are made in run order (in groups of
 * the worker count when parallel; runs of a group after the one that
 * settles are dropped) and stop after run r once mc_comm_settled() holds
 * (res->stop = MC_STOP_SETTLED), else after opt->runs (MC_STOP_LIMIT).
 * Stability, confidence and consensus then use the runs made, and res->runs
 * says how many. The result still does not depend on opt->jobs.
 *
 * Consensus (Lancichinetti & Fortunato 2012, Sci Rep 2:336), sparse: the
 * co-assignment share D of every edge's endpoints over the runs, edges with
 * D < 0.5 dropped, the method rerun `runs` times on the D-weighted graph,
 * until all runs agree (at most 10 rounds; then the best run of the last
 * round). Memory O(K n + m), never n x n.
 *
 * A graph without edges gives singletons with NaN quality and modularity.
 * Errors: MC_E_DATA (non-positive weights), MC_E_IGRAPH, MC_E_NOMEM,
 * MC_E_INTERRUPTED, MC_E_IO (cannot start worker processes).
 * Time complexity: K times the method's, plus O(K^2 n) for the stability.
 */
enum mc_status mc_communities(const igraph_t *g, const igraph_vector_t *weights,
                              const struct mc_comm_options *opt, struct mc_comm_result *res,
                              struct mc_error *err);

/*
 * Relabels a membership vector into canonical form (see struct mc_partition);
 * *n receives the number of communities. Labels may be any non-negative
 * integers. Errors: MC_E_DATA (a negative label), MC_E_NOMEM.
 * Time complexity: O(n log n) with sparse labels, else O(n + k log k).
 */
enum mc_status mc_partition_canonical(igraph_vector_int_t *membership, igraph_integer_t *n,
                                      struct mc_error *err);

/* Weighted modularity of a membership (any labels), resolution gamma. */
enum mc_status mc_modularity(const igraph_t *g, const igraph_vector_t *weights,
                             const igraph_vector_int_t *membership, double gamma, double *q,
                             struct mc_error *err);

/* ==== Roles (Guimerà & Amaral 2005, Nature 433:895) ==== */

enum mc_role {
    MC_ROLE_ULTRA_PERIPHERAL = 0, /* R1: z < 2.5, P <= 0.05 */
    MC_ROLE_PERIPHERAL,           /* R2: z < 2.5, P <= 0.62 */
    MC_ROLE_CONNECTOR,            /* R3: z < 2.5, P <= 0.80 */
    MC_ROLE_KINLESS,              /* R4: z < 2.5, P > 0.80 */
    MC_ROLE_PROVINCIAL_HUB,       /* R5: z >= 2.5, P <= 0.30 */
    MC_ROLE_CONNECTOR_HUB,        /* R6: z >= 2.5, P <= 0.75 */
    MC_ROLE_KINLESS_HUB           /* R7: z >= 2.5, P > 0.75 */
};

/* "ultra-peripheral", "peripheral", "connector", "kinless", "provincial hub", ... */
const char *mc_role_name(enum mc_role r);
enum mc_role mc_role_classify(double z, double p);

/*
 * Within-module degree z-score and participation coefficient of every vertex
 * for a membership, with weighted degrees (strengths). z is 0 for a vertex in
 * a community whose internal strengths do not vary; P is 0 for isolates.
 * `z`, `p` are resized to the vertex count. Time complexity: O(n + m).
 */
enum mc_status mc_roles(const igraph_t *g, const igraph_vector_t *weights,
                        const igraph_vector_int_t *membership, igraph_vector_t *z,
                        igraph_vector_t *p, struct mc_error *err);

/* ==== Comparing partitions ==== */

struct mc_comparison {
    double nmi, ari, vi, vi_normalized; /* VI in nats; normalised: VI / ln n */
    igraph_integer_t split_join_ab, split_join_ba;
};

/*
 * Compares two memberships of the same vertices (any non-negative labels):
 * NMI (Danon, Diaz-Guilera, Duch & Arenas 2005), adjusted Rand index
 * (Hubert & Arabie 1985), variation of information in nats and divided by
 * ln n (Meila 2007), and the two halves of the split-join distance (van
 * Dongen 2000). Fewer than two vertices: NMI = ARI = 1, distances 0.
 * Errors: MC_E_USAGE (sizes differ), MC_E_DATA (negative labels), MC_E_NOMEM.
 * Time complexity: O(n log n).
 */
enum mc_status mc_partition_compare(const igraph_vector_int_t *a, const igraph_vector_int_t *b,
                                    struct mc_comparison *out, struct mc_error *err);

/*
 * A partition read from a CSV file: one row per id, with a community label
 * (any text) or an empty field for an unassigned id.
 */
struct mc_partition_file {
    struct mc_intern ids;    /* id -> row index, in file order */
    struct mc_intern labels; /* community label -> index, in order of appearance */
    long *label;             /* per id: label index, -1 when unassigned */
    long *line;              /* per id: its line in the file */
    size_t n;                /* ids */
    size_t unassigned;
};

void mc_partition_file_init(struct mc_partition_file *p);
void mc_partition_file_destroy(struct mc_partition_file *p);

/*
 * Reads a partition CSV. The id column is `id` (or node, node_id, key, pic);
 * the community column is `column` when given, else the first of community,
 * meta_cluster, cluster, module, membership, partition, group, else the
 * other column of a two-column file. Errors: MC_E_IO, MC_E_DATA (missing
 * columns, empty or duplicate ids, with file and line), MC_E_NOMEM.
 */
enum mc_status mc_partition_file_read(struct mc_partition_file *p, const char *path,
                                      const char *column, struct mc_error *err);

/* Two partition files compared over the ids they share (`metaclust compare`). */
struct mc_partition_agreement {
    const char *a, *b; /* the file names, set by the caller */
    bool exclude;      /* set by the caller: unassigned ids left out, else one community each */
    size_t nodes;      /* ids compared */
    size_t only_a, only_b, unassigned_a, unassigned_b;
    igraph_integer_t ka, kb; /* communities in each, over the ids compared */
    struct mc_comparison cmp;
};

/*
 * Compares pa and pb over the ids present in both (in pa's order), after
 * r->a, r->b and r->exclude were set. Unassigned ids become singletons, or
 * are left out with r->exclude. Errors: MC_E_DATA (no id in common),
 * MC_E_NOMEM.
 */
enum mc_status mc_partition_files_compare(const struct mc_partition_file *pa,
                                          const struct mc_partition_file *pb,
                                          struct mc_partition_agreement *r, struct mc_error *err);

#endif
