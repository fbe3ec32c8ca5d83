#ifndef METACLUST_CENTRALITY_H
#define METACLUST_CENTRALITY_H

/*
 * Node centralities of a weighted graph. Strength-type measures (strength,
 * eigenvector, PageRank) read the weight as a strength; path-type measures
 * (betweenness, closeness, harmonic) use 1/weight as a length.
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
    bool want[MC_M_COUNT];              /* which measures to compute */
    enum mc_betweenness_mode betweenness;
    igraph_integer_t sample;            /* sources for MC_BT_SAMPLE (and AUTO when sampling) */
    double exact_limit;                 /* AUTO: exact when n*m <= this (default 1e9) */
    unsigned long seed;                 /* for the source sample */
    double damping;                     /* PageRank, default 0.85 */
};

void mc_centrality_options_init(struct mc_centrality_options *o);

struct mc_centrality {
    igraph_integer_t n;
    igraph_vector_t value[MC_M_COUNT]; /* per measure, per vertex; empty when not computed */
    bool computed[MC_M_COUNT];
    bool betweenness_sampled;          /* estimated from a sample of sources */
    igraph_integer_t betweenness_sources;
};

void mc_centrality_init(struct mc_centrality *c);
void mc_centrality_destroy(struct mc_centrality *c);

/*
 * Computes the requested measures on `g`. Country-based measures use
 * g->country. Errors: MC_E_IGRAPH, MC_E_NOMEM, MC_E_INTERRUPTED.
 */
enum mc_status mc_centrality_compute(const struct mc_graph *g,
                                     const struct mc_centrality_options *opt,
                                     struct mc_centrality *out, struct mc_error *err);

#endif
