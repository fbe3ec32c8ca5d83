#ifndef METACLUST_CENTRALITY_H
#define METACLUST_CENTRALITY_H

/*
 * Node centralities of a weighted graph. Strength-type measures (strength,
 * eigenvector, PageRank) read the weight as a strength; path-type measures
 * (betweenness, closeness, harmonic) use 1/weight as a length (or hop counts
 * with `hop_lengths`).
 *
 * Definitions (README "metaclust centrality"), n vertices, w weights:
 *  degree        number of neighbours
 *  strength      s_i = sum of incident weights
 *  betweenness   sum over unordered pairs {s,t} (s,t != i) of the share of
 *                shortest s-t paths through i; not normalised (Brandes 2001)
 *  closeness     Wasserman-Faust: (r_i/(n-1)) * (r_i / sum of distances to the
 *                r_i reachable vertices); 0 for isolates
 *  harmonic      sum over j != i of 1/d_ij, divided by n-1 (unreachable: 0)
 *  eigenvector   leading eigenvector of the weighted adjacency matrix of each
 *                connected component, max 1 inside the component, scaled by
 *                lambda_component / lambda_max so components compare; isolates 0
 *  pagerank      weighted PageRank (PRPACK), damping 0.85, sums to 1
 *  coreness      k-core number (unweighted)
 *  foreign_share share of s_i (over neighbours with a known country) going to
 *                neighbours of another country; NaN when i has no country
 *  country_participation  1 - sum over partner countries c of (s_ic/s_i)^2,
 *                over neighbours with a known country; 0 for isolates
 *
 * Real values are rounded to 12 significant digits (the solvers' accuracy),
 * so that nodes in symmetric positions tie exactly instead of being ordered
 * by floating-point noise.
 *
 * Path measures share one set of sources: every vertex (exact), or, per
 * connected component of more than 64 vertices, a seeded uniform sample of
 * max(64, ceil(K |C| / n)) sources whose contributions are scaled by
 * |C| / sources (an unbiased estimate: Brandes & Pich 2007; Eppstein & Wang
 * 2004). One search per source (src/centrality_paths.c, Brandes 2001) feeds all three
 * measures. The sources are cut into a fixed number of chunks, computed in
 * worker processes and summed in chunk order, so results do not depend on
 * the number of jobs.
 */

#include <stdbool.h>

#include <igraph.h>

#include "metaclust/error.h"
#include "metaclust/graph.h"

enum mc_measure {
    MC_M_DEGREE = 0,
    MC_M_STRENGTH,
    MC_M_BETWEENNESS,
    MC_M_CLOSENESS,
    MC_M_HARMONIC,
    MC_M_EIGENVECTOR,
    MC_M_PAGERANK,
    MC_M_CORENESS,
    MC_M_FOREIGN_SHARE,
    MC_M_COUNTRY_PARTICIPATION,
    MC_M_COUNT
};

const char *mc_measure_name(enum mc_measure m);
bool mc_measure_parse(const char *s, enum mc_measure *out);

enum mc_betweenness_mode { MC_BT_AUTO = 0, MC_BT_EXACT, MC_BT_SAMPLE, MC_BT_OFF };

struct mc_centrality_options {
    bool want[MC_M_COUNT]; /* which measures to compute */
    enum mc_betweenness_mode betweenness;
    igraph_integer_t sample;    /* sources for MC_BT_SAMPLE (and AUTO when sampling) */
    double exact_limit;         /* AUTO: exact when n*m <= this (default 1e9, about 10 s of CPU) */
    unsigned long seed;         /* for the source sample */
    double damping;             /* PageRank, default 0.85 */
    bool hop_lengths;           /* path measures count hops instead of 1/weight */
    bool eigen_power_iteration; /* skip ARPACK (the fallback path; for tests) */
    int jobs;                   /* worker processes; 0: automatic */
};

void mc_centrality_options_init(struct mc_centrality_options *o);

struct mc_centrality {
    igraph_integer_t n;
    igraph_vector_t value[MC_M_COUNT]; /* per measure, per vertex; empty when not computed */
    bool computed[MC_M_COUNT];
    bool betweenness_sampled;               /* path measures estimated from a sample of sources */
    igraph_integer_t betweenness_sources;   /* sources used by the path measures */
    igraph_integer_t eigenvector_fallbacks; /* components where ARPACK failed (power iteration) */
};

/* Parses "exact", "sample:K" (K >= 1), "off" or "auto". */
bool mc_betweenness_mode_parse(const char *s, enum mc_betweenness_mode *mode, igraph_integer_t *k);

void mc_centrality_init(struct mc_centrality *c);
void mc_centrality_destroy(struct mc_centrality *c);

/*
 * Computes the requested measures on `g`. Country-based measures use
 * g->country. An ARPACK failure never reaches the caller: that component's
 * eigenvector is computed by power iteration instead (counted in
 * eigenvector_fallbacks). Errors: MC_E_IGRAPH, MC_E_NOMEM, MC_E_INTERRUPTED,
 * MC_E_IO (cannot start worker processes).
 * Time complexity: O(n + m) for the local measures, O(m) per PageRank
 * iteration, O(S (m + n log n)) for the path measures with S sources.
 */
enum mc_status mc_centrality_compute(const struct mc_graph *g,
                                     const struct mc_centrality_options *opt,
                                     struct mc_centrality *out, struct mc_error *err);

#endif
