#ifndef METACLUST_LAYOUT_INTERNAL_H
#define METACLUST_LAYOUT_INTERNAL_H

/*
 * Shared between the files of the layout module: a compact adjacency
 * structure, a small seeded PRNG, the multilevel force-directed engine
 * (layout_force.c) and the component packer (layout_pack.c).
 */

#include <math.h>
#include <stdint.h>

#define MC_PI 3.14159265358979323846

#include <igraph.h>

#include "metaclust/error.h"
#include "metaclust/util.h"

/* An undirected graph in compressed-row form, both directions stored. */
struct mc_lgraph {
    igraph_integer_t n;
    igraph_integer_t *off; /* n + 1 */
    igraph_integer_t *adj; /* off[n] entries */
    double *w;             /* weight of each entry, > 0 */
    double *mass;          /* per vertex; 1 in an input graph, members in a coarse one */
};

void mc_lgraph_init(struct mc_lgraph *g);
void mc_lgraph_destroy(struct mc_lgraph *g);

/*
 * Builds from m undirected edges between vertices 0..n-1 (no self-loops; a
 * repeated pair is kept twice, which only adds its weights). `w` may be NULL
 * (all 1). Errors: MC_E_NOMEM.
 */
enum mc_status mc_lgraph_build(struct mc_lgraph *g, igraph_integer_t n, igraph_integer_t m,
                               const igraph_integer_t *from, const igraph_integer_t *to,
                               const double *w, struct mc_error *err);

/* The bounding box of n points (x0 > x1 when n is 0). */
struct mc_box {
    double x0, y0, x1, y1;
};

static inline struct mc_box mc_bbox(igraph_integer_t n, const double *x, const double *y) {
    struct mc_box b = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
    for (igraph_integer_t i = 0; i < n; i++) {
        b.x0 = x[i] < b.x0 ? x[i] : b.x0;
        b.x1 = x[i] > b.x1 ? x[i] : b.x1;
        b.y0 = y[i] < b.y0 ? y[i] : b.y0;
        b.y1 = y[i] > b.y1 ? y[i] : b.y1;
    }
    return b;
}

/* splitmix64 as a stream: deterministic for a seed, independent of igraph's RNG. */
struct mc_rng {
    uint64_t s;
};

static inline void mc_rng_seed(struct mc_rng *r, uint64_t seed) {
    r->s = mc_mix64(seed);
}
static inline uint64_t mc_rng_next(struct mc_rng *r) {
    r->s += 0x9e3779b97f4a7c15ULL;
    return mc_mix64(r->s);
}
/* Uniform in [0, 1). */
static inline double mc_rng_unit(struct mc_rng *r) {
    return (double)(mc_rng_next(r) >> 11) * 0x1.0p-53;
}

/*
 * Groups items 0..n-1 by key (a stable counting sort): *off receives nkeys + 1
 * offsets and *items the item indices, key k's items being
 * items[off[k] .. off[k+1]) in increasing order. Items with a negative key
 * are left out. Both arrays are allocated here (the caller frees them).
 * Errors: MC_E_NOMEM.
 */
enum mc_status mc_bucket(igraph_integer_t n, const igraph_integer_t *key, igraph_integer_t nkeys,
                         igraph_integer_t **off, igraph_integer_t **items, struct mc_error *err);

/*
 * Multilevel spring-electrical layout of a connected graph (Hu 2005; see
 * layout_force.c), natural edge length 1. Writes x[0..n), y[0..n).
 * Errors: MC_E_NOMEM, MC_E_INTERRUPTED.
 */
enum mc_status mc_layout_multilevel(const struct mc_lgraph *g, uint64_t seed, double *x, double *y,
                                    struct mc_error *err);

/*
 * The auto layout of any graph (vertices 0..n-1, m edges, weights > 0; w may
 * be NULL): each connected component with fr up to `fr_limit` nodes and the
 * multilevel engine above, normalised to median nearest-neighbour distance 1,
 * the components packed. Never community-separated (the regions' own
 * insides use it). Errors: MC_E_NOMEM, MC_E_IGRAPH, MC_E_INTERRUPTED.
 */
enum mc_status mc_layout_topo(igraph_integer_t n, igraph_integer_t m, const igraph_integer_t *from,
                              const igraph_integer_t *to, const double *w,
                              igraph_integer_t fr_limit, uint64_t seed, double *x, double *y,
                              struct mc_error *err);

/*
 * Community-separated layout of a connected graph (layout_community.c): the
 * communities (`community` per vertex, any non-negative ids, -1 for a
 * community of its own; NULL: Louvain communities found here, Blondel et al.
 * 2008) are laid out each on its own (mc_layout_topo), as discs of their
 * extent; the quotient graph (one vertex per community, its mass the
 * community's size, the ties between communities its edges) is laid out
 * with the multilevel engine, scaled so that neighbouring discs about touch,
 * and the discs are pushed apart until none overlaps (mc_layout_declutter).
 * *ncomm receives the number of communities. Errors: MC_E_NOMEM,
 * MC_E_IGRAPH, MC_E_INTERRUPTED.
 */
enum mc_status mc_layout_regions(igraph_integer_t n, igraph_integer_t m,
                                 const igraph_integer_t *from, const igraph_integer_t *to,
                                 const double *w, const igraph_integer_t *community, uint64_t seed,
                                 double *x, double *y, igraph_integer_t *ncomm,
                                 struct mc_error *err);

/*
 * Packs components laid out separately (each in its own frame, comparable
 * scales) without overlaps: polyomino packing (Freivalds, Dogrusoz & Kikusts
 * 2002, "Disconnected graph layout and the polyomino packing approach", GD
 * 2001, LNCS 2265): every component is rasterised into grid cells (its nodes
 * and edges, widened by a margin), and components are placed largest first at
 * the free position nearest the centre, searched along a spiral.
 *
 * comp[v] is the component of vertex v (0..ncomp-1, components numbered by
 * decreasing size), x/y the positions in the component's frame; on return
 * x/y are moved to their packed place. Edges (from/to, m of them) are only
 * used for rasterising. `cell` is the grid step in layout units.
 * Errors: MC_E_NOMEM.
 */
enum mc_status mc_layout_pack(igraph_integer_t n, const igraph_integer_t *comp,
                              igraph_integer_t ncomp, igraph_integer_t m,
                              const igraph_integer_t *from, const igraph_integer_t *to, double cell,
                              double *x, double *y, struct mc_error *err);

/*
 * Removes overlaps between discs (centre x/y, radius r) while keeping each
 * near its anchor ax/ay: discs at the same anchor start on a sunflower
 * spiral, then overlapping pairs are pushed apart (a spatial grid finds them)
 * for at most `rounds` rounds. `gap` is the free space left between discs.
 * Errors: MC_E_NOMEM.
 */
enum mc_status mc_layout_declutter(igraph_integer_t n, const double *ax, const double *ay,
                                   const double *r, double gap, int rounds, double *x, double *y,
                                   struct mc_error *err);

#endif
