#ifndef METACLUST_FIGURE_INTERNAL_H
#define METACLUST_FIGURE_INTERNAL_H

/*
 * Shared between the files of the figure module (figure.c, figure_network.c,
 * figure_meta.c, figure_proposal.c): the scene data a figure owns, colours by
 * category, node sizes, the view's communities, summing edges between
 * groups, and writing a scene.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <igraph.h>

#include "metaclust/figure.h"
#include "metaclust/palette.h"
#include "metaclust/render.h"

/* The scene data a figure owns. */
struct mc_figdata {
    int *slot;
    double *size;
    const char **label;
    struct mc_legend_entry *legend;
    char **legend_text;
    size_t n_legend;
    char caption[1024];
    char title[512];
    char colour_title[64];
    char size_title[96];
    char edge_title[96];
};

void mc_figdata_destroy(struct mc_figdata *d);

/*
 * Orders the first n legend entries (d->legend and d->legend_text together)
 * by decreasing count[i], ties by text: the biggest group of the figure
 * first, whichever colour the dataset gave it.
 */
void mc_fig_sort_legend(struct mc_figdata *d, size_t n, const size_t *count);

enum mc_status mc_fig_nomem(struct mc_error *err);

void mc_fig_caption_append(char *buf, size_t sz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The view's sector name as proposals.csv writes it: the sector, or "all". */
const char *mc_fig_view_sector(const struct mc_graph *g);

/*
 * The palette of countries (country) or sectors: --palette first, then the
 * dataset's categories by decreasing dataset-wide node count. `dom` (may be
 * NULL) receives every node's dominant sector.
 */
enum mc_status mc_fig_build_palette(const struct mc_dataset *ds, const struct mc_figure_options *fig,
                                    bool country, struct mc_palette *pal, int32_t *dom,
                                    struct mc_error *err);

/*
 * Colours n vertices standing for dataset nodes node[0..n) by country or
 * dominant sector, with the legend.
 */
enum mc_status mc_fig_colour_by_category(struct mc_figdata *d, const struct mc_dataset *ds,
                                         const int32_t *node, igraph_integer_t n,
                                         const struct mc_figure_options *fig,
                                         struct mc_error *err);

/*
 * Size values of the vertices of `ig` (weights `w`), with their legend title.
 * PageRank and betweenness need the view `g` itself (ig is then g->ig).
 */
enum mc_status mc_fig_node_sizes(struct mc_figdata *d, const struct mc_graph *g, const igraph_t *ig,
                                 const igraph_vector_t *w, const struct mc_figure_options *fig,
                                 struct mc_error *err);

/*
 * The view's communities in canonical form (0 the largest): the caller's
 * membership, or the best of fig->runs seeded Leiden runs.
 */
enum mc_status mc_fig_view_communities(const struct mc_graph *g,
                                       const struct mc_figure_options *fig,
                                       igraph_vector_int_t *memb, igraph_integer_t *ncomm,
                                       double *modularity, struct mc_error *err);

/* An edge between two groups. */
struct mc_fig_qedge {
    igraph_integer_t a, b;
    double w;
};

/*
 * Sorts the k group pairs, sums the weights of equal pairs and appends one
 * edge per pair to ev/w, its ends mapped through `map` (NULL: the groups
 * themselves).
 */
enum mc_status mc_fig_merge_pairs(struct mc_fig_qedge *qe, igraph_integer_t k,
                                  const igraph_integer_t *map, igraph_vector_int_t *ev,
                                  igraph_vector_t *w, struct mc_error *err);

/* Draws the scene into `path` atomically and fills `info` (may be NULL). */
enum mc_status mc_fig_write(const struct mc_scene *sc, const struct mc_render_options *ro,
                            const char *what, const char *path, struct mc_figure_info *info,
                            struct mc_error *err);

/* The three figures (figure_network.c, figure_proposal.c, figure_meta.c). */
enum mc_status mc_fig_network(const struct mc_dataset *ds, const struct mc_graph *g,
                              const struct mc_figure_options *fig, const char *path,
                              struct mc_figure_info *info, struct mc_error *err);
enum mc_status mc_fig_proposal(const struct mc_dataset *ds, const struct mc_graph *g,
                               const struct mc_figure_options *fig, const char *path,
                               struct mc_figure_info *info, struct mc_error *err);
enum mc_status mc_fig_meta(const struct mc_dataset *ds, const struct mc_graph *g,
                           const struct mc_figure_options *fig, const char *path,
                           struct mc_figure_info *info, struct mc_error *err);

#endif
