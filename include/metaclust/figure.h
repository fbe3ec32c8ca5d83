#ifndef METACLUST_FIGURE_H
#define METACLUST_FIGURE_H

/*
 * Figures: composes a scene from a graph view (colours, node sizes, layout,
 * legend, caption) and draws it through render.h into a file, written
 * atomically. Three kinds:
 *
 *   network    the view itself, coloured by community, country or sector;
 *   meta       the meta-cluster map: one node per community of 3 or more, or
 *              per proposal (from memory or from propose's CSV files);
 *   proposal   one proposal's members, roles and suggested first links.
 *
 * The library never prints: what was drawn comes back in mc_figure_info,
 * with a one-line note for the caller to show.
 */

#include <stdbool.h>
#include <stddef.h>

#include <igraph.h>

#include "metaclust/dataset.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"
#include "metaclust/layout.h"
#include "metaclust/propose.h"
#include "metaclust/render.h"

enum mc_figure_colour {
    MC_FIGURE_COLOUR_COMMUNITY = 0,
    MC_FIGURE_COLOUR_COUNTRY,
    MC_FIGURE_COLOUR_SECTOR,
    MC_FIGURE_COLOUR_NONE
};

enum mc_figure_size {
    MC_FIGURE_SIZE_PAGERANK = 0,
    MC_FIGURE_SIZE_STRENGTH,
    MC_FIGURE_SIZE_DEGREE,
    MC_FIGURE_SIZE_BETWEENNESS,
    MC_FIGURE_SIZE_NONE
};

struct mc_figure_options {
    enum mc_layout_kind layout;
    enum mc_figure_colour colour;
    enum mc_figure_size size;
    struct mc_render_options render; /* format, width, height, dpi, labels */
    const char *title;               /* NULL: "DATASET — sector S" */
    unsigned long seed;
    const char *palette; /* comma-separated country or sector keys, first in colour order */
    bool meta;           /* the meta-cluster map */
    /* proposals for the meta map, in memory (a batch unit's own); NULL: from proposals_dir */
    const struct mc_sector_proposals *proposals;
    const char *proposals_dir;             /* DIR holding propose's proposals.csv, members.csv,
                                              missing_links.csv (also named in messages) */
    const char *proposal;                  /* with proposals_dir: draw this proposal */
    const igraph_vector_int_t *membership; /* communities already computed; NULL: computed */
    double modularity;                     /* of `membership`; NAN when unknown */
    int runs;                              /* Leiden runs when `membership` is NULL (default 1) */
    const igraph_vector_t *size_values;    /* the size measure already computed; NULL: computed */
    /* network figures: the layout of an earlier drawing with the same options, used when set,
     * else filled with the one computed (NULL: none) */
    struct mc_layout_memo *memo;
};

#define MC_FIGURE_NOTE_MAX 4352

/* What was drawn. */
struct mc_figure_info {
    char what[64];                 /* "fr layout", "meta-cluster map", "proposal" */
    size_t labels_shown;           /* labels drawn */
    size_t labels_dropped;         /* labels left out to avoid overlaps */
    char note[MC_FIGURE_NOTE_MAX]; /* "PATH (png, fr layout, 12 labels)", for the caller */
};

void mc_figure_options_init(struct mc_figure_options *o);

/*
 * Draws one figure of the view `g` of `ds` into `path` (atomically; the format
 * is o->render.format): the proposal o->proposal when set, else the meta map
 * when o->meta, else the network. `info` (may be NULL) receives what was drawn.
 * Errors: MC_E_USAGE (a proposal of another sector), MC_E_DATA (nothing to
 * draw on a meta map, a proposal member missing from the view), MC_E_IO,
 * MC_E_NOMEM, MC_E_IGRAPH.
 */
enum mc_status mc_figure_draw(const struct mc_dataset *ds, const struct mc_graph *g,
                              const struct mc_figure_options *o, const char *path,
                              struct mc_figure_info *info, struct mc_error *err);

/*
 * Draws a chart into `path` atomically: the bars when `bars` is not NULL,
 * else the heat map (render.h). Errors: those of mc_render_bars or
 * mc_render_heatmap, and of writing the file.
 */
enum mc_status mc_figure_chart(const char *path, const struct mc_chart_bars *bars,
                               const struct mc_chart_heatmap *heat,
                               const struct mc_render_options *ro, struct mc_error *err);

/*
 * The sector of proposal `id` in DIR/proposals.csv, for drawing it in its own
 * view: *sector receives a malloc'd name, or NULL when the proposal spans the
 * whole dataset ("all" or "cross-sector"). Errors: those of reading the files,
 * MC_E_USAGE for an unknown id.
 */
enum mc_status mc_figure_proposal_sector(const char *dir, const char *id, char **sector,
                                         struct mc_error *err);

#endif
