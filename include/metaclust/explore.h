#ifndef METACLUST_EXPLORE_H
#define METACLUST_EXPLORE_H

/*
 * The interactive explorer: one self-contained HTML page per graph view that
 * works offline from file://. The page inlines its HTML, CSS and glue
 * (web/explorer.*), the vendored sigma.js and graphology builds
 * (web/vendor/, compiled into the binary by src/explore_assets.awk) and the
 * data, and names no other host: a Content-Security-Policy forbids any
 * request.
 *
 * Everything the page shows is computed here, with the code `render` uses:
 * positions from mc_layout_compute (same kind and seed), communities from
 * mc_communities (canonical, 0 the largest), node sizes from PageRank
 * through mc_render_radius, colours from the figures' palette (palette.h).
 * The browser only draws and interacts. The same view, options and seed give
 * the same bytes.
 *
 * Links are written strongest first (weight descending, then ends); the page
 * draws the first `edge_cap` of them and says so when it leaves some out.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <igraph.h>

#include "metaclust/centrality.h"
#include "metaclust/dataset.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"
#include "metaclust/layout.h"
#include "metaclust/proposals_io.h"

struct mc_explore_options {
    enum mc_layout_kind layout; /* as render (default auto) */
    unsigned long seed;
    int runs;          /* Leiden runs, the best kept (default 1, as render) */
    int jobs;          /* worker processes for the centralities (0: the CPUs) */
    const char *title; /* NULL: "DATASET — sector S" */
    /* proposals of this view (propose's files, read by mc_proposals_io_read); NULL: none */
    const struct mc_proposals_io *proposals;
    const igraph_vector_int_t *membership; /* communities computed already; NULL: computed */
    /* degree, strength, PageRank and betweenness computed already (batch); NULL: computed */
    const struct mc_centrality *centrality;
    igraph_integer_t edge_cap; /* links the page draws at first, strongest first (default 50000) */
    /* the layout computed already (a batch unit's network figure, same options); NULL or not
       set: computed */
    const struct mc_layout_memo *layout_memo;
    /* the layout's regions (auto, big components) from its own Louvain communities, as in a
       figure coloured by country (batch's network.png); default false: from the communities
       shown, as in render's default figure */
    bool regions_from_layout;
};

/* What was written. */
struct mc_explore_info {
    igraph_integer_t nodes, edges, edges_drawn, communities;
    size_t proposals;
};

void mc_explore_options_init(struct mc_explore_options *o);

/*
 * Writes the explorer page of the view `g` of `ds` to `f`. Write errors are
 * left to the caller (mc_outfile_commit reports them). `info` may be NULL.
 * Proposal members and suggested links that are not in the view are left
 * out. Errors: MC_E_NOMEM, MC_E_IGRAPH, MC_E_INTERRUPTED (from the layout,
 * communities and centralities). Time complexity: that of the layout and the
 * analysis, plus O(n + m log m) for the page.
 */
enum mc_status mc_explore_write(const struct mc_dataset *ds, const struct mc_graph *g,
                                const struct mc_explore_options *o, FILE *f,
                                struct mc_explore_info *info, struct mc_error *err);

/*
 * A web file built into the binary by name ("explorer.html", "sigma.min.js",
 * "LICENSE.sigma.txt", ...), NUL-terminated; *len (may be NULL) receives its
 * size. NULL for an unknown name. Defined in the generated explore_assets.c.
 */
const char *mc_explore_asset(const char *name, size_t *len);

#endif
