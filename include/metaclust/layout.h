#ifndef METACLUST_LAYOUT_H
#define METACLUST_LAYOUT_H

/*
 * Node positions for figures. Every layout is deterministic for a seed: the
 * igraph engines are started from positions drawn from metaclust's own seeded
 * PRNG, and igraph's RNG is seeded with the same seed before they run.
 *
 * Coordinates are returned in an n x 2 matrix with x to the right and y up
 * (north); the renderer fits them to the page.
 *
 * Topological layouts (auto, fr, kk, drl, multilevel) lay out each connected
 * component on its own, scale it so that the median distance from a node to
 * its nearest neighbour is 1, and pack the components around the largest
 * without overlaps (polyomino packing, see layout_internal.h): small
 * components and isolated nodes form a ring around the big one instead of
 * drifting off.
 *
 *   auto        fr for components up to `fr_limit` nodes, multilevel up to
 *               `region_limit`; above, community-separated: the communities
 *               (`community`, else Louvain's) placed first as discs whose area
 *               grows with their size, by a multilevel layout of the quotient
 *               graph, then each laid out inside its own disc
 *   fr          igraph's weighted Fruchterman–Reingold (1991), 500 iterations
 *   kk          igraph's Kamada–Kawai (1989) with lengths 1/weight
 *   drl         igraph's DrL (Martin et al. 2008)
 *   multilevel  metaclust's multilevel spring-electrical layout with
 *               Barnes–Hut repulsion (Hu 2005; src/layout_force.c)
 *   geo         nodes at their latitude/longitude in an equirectangular
 *               projection about the data's centre, nudged apart where they
 *               overlap (mc_geo_project; src/layout.c)
 *   country     each country's nodes laid out around the country's centre
 *               (mean of its members' coordinates, else the built-in
 *               countries table), countries pushed apart so that they do not
 *               overlap (a Dorling-style cartogram of discs)
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <igraph.h>

#include "metaclust/error.h"

enum mc_layout_kind {
    MC_LAYOUT_AUTO = 0,
    MC_LAYOUT_FR,
    MC_LAYOUT_KK,
    MC_LAYOUT_DRL,
    MC_LAYOUT_MULTILEVEL,
    MC_LAYOUT_GEO,
    MC_LAYOUT_COUNTRY
};

const char *mc_layout_name(enum mc_layout_kind k);
bool mc_layout_parse(const char *s, enum mc_layout_kind *out);

struct mc_layout_options {
    enum mc_layout_kind kind;
    unsigned long seed;
    igraph_integer_t fr_limit; /* auto: fr up to this many nodes per component (default 500) */
    const double *lat, *lon;   /* geo, country: per vertex, NAN when unknown; may be NULL */
    const int32_t *group;      /* country (and geo fallback): per vertex country index, -1 none */
    const char *const *group_code; /* ISO code of each country index, for the built-in centres */
    size_t n_groups;
    const double *radius; /* geo: per vertex disc radius as a fraction of the map's extent */
    double spacing;       /* geo: the radius used when `radius` is NULL (default 0.006) */
    const igraph_integer_t *community; /* auto: per vertex community id (-1 none); NULL: found */
    igraph_integer_t region_limit;     /* auto: communities as regions above this (default 2000;
                                          0: never) */
};

void mc_layout_options_init(struct mc_layout_options *o);

struct mc_graph;

/*
 * Options for laying out a sector graph as the figures, the explorer and export do: defaults, then
 * kind and seed, the nodes' coordinates (written into lat and lon, g->n entries each, which must
 * outlive the options) and their countries as the groups of the country layout.
 */
void mc_layout_options_graph(struct mc_layout_options *o, const struct mc_graph *g,
                             enum mc_layout_kind kind, unsigned long seed, double *lat,
                             double *lon);

/* What a layout did, for captions and notes. */
struct mc_layout_info {
    enum mc_layout_kind used;    /* the engine used for the largest component */
    igraph_integer_t components; /* connected components laid out (topological layouts) */
    igraph_integer_t located;    /* geo: nodes with their own coordinates */
    igraph_integer_t by_country; /* geo: nodes placed at their country's centre */
    igraph_integer_t unplaced;   /* geo, country: no coordinates and no known country */
    double lat0, lon0;           /* geo, country: centre of the projection */
    igraph_integer_t regions;    /* auto: communities placed as regions (largest component) */
};

/*
 * A layout kept for reuse by the next drawing of the same view with the same layout options:
 * a batch unit draws its network in several formats and then its explorer page from one
 * layout. `set` tells whether pos and info hold one.
 */
struct mc_layout_memo {
    igraph_matrix_t pos;
    struct mc_layout_info info;
    bool set;
};

void mc_layout_memo_init(struct mc_layout_memo *m);
void mc_layout_memo_destroy(struct mc_layout_memo *m);

/*
 * Computes a layout of `g` (undirected) into `res` (resized to n x 2).
 * `weights` (strengths, > 0) may be NULL. Errors: MC_E_NOMEM, MC_E_IGRAPH,
 * MC_E_INTERRUPTED. Time complexity: multilevel O(n log n + m) per
 * iteration; fr O(n^2) per iteration below 1000 nodes (igraph's grid above).
 */
enum mc_status mc_layout_compute(const igraph_t *g, const igraph_vector_t *weights,
                                 const struct mc_layout_options *opt, igraph_matrix_t *res,
                                 struct mc_layout_info *info, struct mc_error *err);

/*
 * The median over n points of the distance to their nearest neighbour (0
 * when fewer than two points, or all coincide), found through a uniform grid
 * searched ring by ring: the typical spacing of a layout. Errors: MC_E_NOMEM.
 * Time complexity: O(n) expected, O(n log n) for the median.
 */
enum mc_status mc_layout_spacing(igraph_integer_t n, const double *x, const double *y, double *out,
                                 struct mc_error *err);

/*
 * How well a layout separates communities: the mean distance between two
 * nodes of the same community divided by the mean distance between any two
 * nodes (Noack 2009, "Modularity clustering is force-directed layout", Phys.
 * Rev. E 79:026102, measures layouts the same way). Below 1 when communities
 * sit together, about 1 when they are mixed over one disc. `community` holds
 * per vertex a community id (>= 0; negative: none, counted in "any" pairs
 * only). Up to 200,000 pairs every pair is used; above, 200,000 pairs of each
 * kind drawn with a fixed seed, so a layout always gives the same ratio. *out
 * is NAN without two nodes in one community. Errors: MC_E_NOMEM.
 * Time complexity: O(n + min(n^2, 200,000 log n)).
 */
enum mc_status mc_layout_separation(igraph_integer_t n, const double *x, const double *y,
                                    const igraph_integer_t *community, double *out,
                                    struct mc_error *err);

/*
 * The equirectangular projection of `geo`: x = (lon - lon0) cos(lat0),
 * y = lat - lat0, in degrees of latitude. Distances are true along the
 * meridians and along the parallel lat0, and shrink or stretch elsewhere by
 * cos(lat0)/cos(lat): within a few degrees of lat0, as in any one European
 * region, the map is close to true. (Snyder 1987, "Map Projections — A
 * Working Manual", USGS PP 1395, p. 90.)
 */
void mc_geo_project(double lat, double lon, double lat0, double lon0, double *x, double *y);

#endif
