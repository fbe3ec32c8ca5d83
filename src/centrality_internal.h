#ifndef METACLUST_CENTRALITY_INTERNAL_H
#define METACLUST_CENTRALITY_INTERNAL_H

/*
 * Shortest-path passes shared by the path measures (src/centrality_paths.c): one
 * search per source gives its betweenness dependencies and its distances.
 */

#include <stddef.h>
#include <stdint.h>

#include <igraph.h>

#include "metaclust/error.h"

/* An undirected graph in compressed rows; lengths NULL: hop counts. */
struct mc_csr {
    int32_t n;
    int64_t *off; /* n + 1 */
    int32_t *nbr; /* 2m */
    double *len;  /* 2m, or NULL */
};

/*
 * Builds the rows of `g` (edge e appears in both endpoints' rows) with
 * lengths `len` (per edge, positive; NULL for hops). Errors: MC_E_NOMEM,
 * MC_E_DATA (more than 2^31 - 1 vertices).
 */
enum mc_status mc_csr_init(struct mc_csr *a, const igraph_t *g, const igraph_vector_t *len,
                           struct mc_error *err);
void mc_csr_destroy(struct mc_csr *a);

/*
 * For each source s in src[0..nsrc): a breadth-first search (hops) or
 * Dijkstra search (lengths), then Brandes' dependency accumulation (Brandes
 * 2001). Adds to bt[v] the dependency of s on v (paths s -> t for every t, so
 * an undirected pair counted from both ends: halve the total), to hs[v] 1/d(s,v)
 * and to ds[v] d(s,v) for every v != s reached. bt, hs and ds may be NULL
 * (not wanted). Path lengths within a relative 1e-10 count as equal, as in
 * igraph. Errors: MC_E_NOMEM, MC_E_INTERRUPTED.
 * Time complexity: O(nsrc (n + m)) for hops, O(nsrc (n + m) log m) for lengths.
 */
enum mc_status mc_paths_accumulate(const struct mc_csr *a, const int32_t *src, size_t nsrc,
                                   double *bt, double *hs, double *ds, struct mc_error *err);

#endif
