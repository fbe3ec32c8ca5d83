#ifndef METACLUST_RENDER_H
#define METACLUST_RENDER_H

/*
 * Network figures with cairo and pango: PNG, SVG and PDF ready for a report.
 *
 * render takes a graph, a layout and what to show per node (colour slot or
 * pie, size value, label, shape, ring) and never reads files: callers (the
 * `render` command, `batch`) build a struct mc_scene and hand over a FILE *
 * that the figure is written to.
 *
 * Every figure has a title, a plot, a legend (colours, node size, shapes,
 * line styles) and a caption. Edges are drawn under the nodes, lightest
 * first, their width and opacity growing with the square root of the weight;
 * an edge between two nodes of the same colour takes that colour. Node area
 * grows with the size value. Labels go through the placement of labels.h.
 * All text is laid out by pango in DejaVu Sans (through fontconfig), so any
 * UTF-8 name prints as written.
 *
 * Large graphs (from `large` nodes on): thin translucent edges, labels for
 * the most important nodes only, and a note in the caption; in SVG and PDF
 * their edges are embedded as one bitmap layer under vector nodes and text,
 * which keeps the files small.
 *
 * Reproducible: the same scene and options give byte-identical files. The
 * PDF's dates are `date` when set, else SOURCE_DATE_EPOCH when set, else the
 * current time (so set one of them for identical PDFs); cairo's SVG and PNG
 * writers embed no time. The PDF's Title is the scene's title, its Creator
 * `creator`.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <igraph.h>

#include "metaclust/error.h"

enum mc_figure_format { MC_FIG_PNG = 0, MC_FIG_SVG, MC_FIG_PDF };

/* The format for a file name's extension (.png, .svg, .pdf, any case); false when unknown. */
bool mc_figure_format_from_path(const char *path, enum mc_figure_format *out);
const char *mc_figure_format_name(enum mc_figure_format f);

enum mc_shape {
    MC_SHAPE_CIRCLE = 0,
    MC_SHAPE_SQUARE,
    MC_SHAPE_DIAMOND,
    MC_SHAPE_TRIANGLE,
    MC_SHAPE_STAR
};

/* A node drawn as a pie: slices in palette slots with their shares (summing to about 1). */
struct mc_pie {
    size_t n;
    const int *slot;
    const double *share;
};

/* A legend line: a swatch (palette slot, or a shape) and its text. */
struct mc_legend_entry {
    const char *text;
    int slot; /* palette slot (MC_PALETTE_OTHER for grey) */
    enum mc_shape shape;
};

/*
 * A base map under the network (geo figures): polygons in layout coordinates,
 * each filled in the land colour (#EFEBE3; tinted polygons, the countries of
 * the data, #E3DCCD) with the even-odd rule, so a polygon's holes stay open,
 * over a plot painted in the sea colour (#D9E6EF), then outlined thinly
 * (#A3A3A3). Polygon p's rings are ring indices part[p] .. part[p + 1]; ring
 * r's points are x, y [ring[r] .. ring[r + 1]). Clipped to the plot.
 */
struct mc_map {
    size_t n_parts;
    const size_t *part;
    const size_t *ring;
    const double *x, *y;
    const uint8_t *tint; /* per polygon, 1: tinted; NULL: none */
    const double *view;  /* NULL, or xmin, ymin, xmax, ymax: the plot shows at least this box */
};

struct mc_scene {
    const igraph_t *g;             /* undirected; its edges are drawn */
    const igraph_vector_t *weight; /* per edge, > 0; NULL: all 1 */
    const igraph_matrix_t *pos;    /* n x 2 layout, y up */

    const int *slot;          /* per vertex palette slot; NULL: all slot 0 */
    const struct mc_pie *pie; /* per vertex; NULL, or n = 0 for a plain node */
    const double *size;       /* per vertex size value >= 0; NULL: all alike */
    bool size_area;           /* node area exactly proportional to size (meta maps) */
    const char *const *label; /* per vertex text (NULL entries: none); NULL: no labels */
    const double *priority;   /* label importance; NULL: size, else degree */
    const uint8_t *shape;     /* per vertex enum mc_shape; NULL: circles */
    const uint8_t *ring;      /* per vertex, 1: a dark ring around the node */

    size_t n_dashed; /* extra edges, drawn as dashed curves above the others (see mc_render_bend) */
    const igraph_integer_t *dashed_from, *dashed_to;
    const double *dashed_score; /* per dashed edge, written at its middle; NULL: none */

    const char *title;
    const char *caption;      /* plain text; '\n' starts a new line */
    const char *colour_title; /* legend heading of the colours; NULL: no colour legend */
    const struct mc_legend_entry *colours;
    size_t n_colours;
    const char *size_title;               /* "Node area: PageRank"; NULL: no size legend */
    const struct mc_legend_entry *shapes; /* shape legend (slot ignored) */
    size_t n_shapes;
    const char *dashed_title; /* legend text of the dashed edges */
    const char *edge_title;   /* legend text on edge widths ("Line width: shared projects") */
    const char *message;      /* a sentence centred in the plot (why a figure is empty); NULL */
    size_t n_groups;          /* named groups of nodes (the countries of a country layout) */
    const int32_t *group;     /* per vertex its group, -1: none; NULL: no groups */
    const char *const *group_name; /* per group, written above its nodes; NULL entries: none */
    const struct mc_map *map;      /* a base map under everything; NULL: none (white) */
    bool curved; /* edges as arcs bowing by 15% of their length (flow maps); straight in the
                    bitmap of more than 20,000 edges */
};

enum mc_label_mode { MC_LABELS_AUTO = 0, MC_LABELS_ALL, MC_LABELS_NONE, MC_LABELS_TOP };

struct mc_render_options {
    enum mc_figure_format format;
    double width, height; /* figure size in CSS pixels (1/96 inch); default 1200 x 900 */
    double dpi;           /* PNG pixels per inch (default 96); SVG/PDF are vector */
    enum mc_label_mode labels;
    size_t top;             /* MC_LABELS_TOP: that many labels */
    igraph_integer_t large; /* nodes from which the large-graph style applies (3000) */
    double node_radius;     /* base node radius in CSS px; 0: from the layout's spacing */
    const char *date;       /* PDF CreationDate/ModDate, "YYYY-MM-DDThh:mm:ssZ"; NULL
                               (default): SOURCE_DATE_EPOCH, else now */
    const char *creator;    /* PDF Creator (default "metaclust 0.1.0") */
};

void mc_render_options_init(struct mc_render_options *o);

struct mc_render_info {
    bool large;
    size_t labels_shown, labels_dropped;
    double node_radius; /* the base radius used, CSS px */
};

/*
 * Draws the scene and writes the figure to `out`. `path` names the file in
 * messages. Errors: MC_E_RENDER (cairo or pango failed: the message says
 * how), MC_E_IO (a write failed), MC_E_NOMEM, MC_E_USAGE (a figure size out
 * of range).
 */
enum mc_status mc_render(const struct mc_scene *s, const struct mc_render_options *o, FILE *out,
                         const char *path, struct mc_render_info *info, struct mc_error *err);

/*
 * Charts on the same page as the figures (title, caption, fonts, palette,
 * formats): horizontal bars, one row per item and one bar per series in
 * palette slots 0, 1, ...; and a square heat map with a square-root colour
 * scale. Deterministic like mc_render. Errors as for mc_render.
 */
struct mc_chart_bars {
    const char *title, *caption; /* caption may be NULL */
    size_t n_rows;
    const char *const *row_label;
    size_t n_series;                 /* 1, or 2 for paired bars (then a legend line) */
    const char *const *series_label; /* n_series entries */
    const double *value;             /* n_rows x n_series, row-major; NAN: no bar */
    const char *axis_title;          /* under the value axis; may be NULL */
};

enum mc_status mc_render_bars(const struct mc_chart_bars *c, const struct mc_render_options *o,
                              FILE *out, const char *path, struct mc_error *err);

struct mc_chart_heatmap {
    const char *title, *caption;
    size_t n; /* rows = columns */
    const char *const *label;
    const double *value;     /* n x n, row-major, >= 0; NAN: an empty (grey) cell */
    const char *value_title; /* heading of the colour scale */
};

enum mc_status mc_render_heatmap(const struct mc_chart_heatmap *c,
                                 const struct mc_render_options *o, FILE *out, const char *path,
                                 struct mc_error *err);

/*
 * Drops pango's default font map and with it the fonts and glyphs it caches,
 * so that leak checkers see a clean exit. Call once when the process is done
 * drawing (main does, at exit); drawing again afterwards loads them anew.
 * fontconfig's own configuration stays: FcFini() cannot run safely while
 * pango's loader thread or cairo may still hold its patterns, and the few
 * bytes its configuration parser leaks are suppressed in tests/lsan.supp and
 * tests/valgrind.supp.
 */
void mc_render_release(void);

/*
 * Node radius for a size value: r0 (0.5 + 2.5 sqrt(v / vmax)), so the radius
 * spans 0.5 r0 to 3 r0 and the area grows with the value; r0 itself without
 * sizes (vmax <= 0).
 */
double mc_render_radius(double r0, double v, double vmax);

/*
 * The bend of a dashed edge from node a to node b (device coordinates X, Y,
 * radii R of the n nodes; the m edges from[]/to[] drawn straight): the
 * control point (*cx, *cy) of a quadratic Bézier curve from a to b. Of
 * curves bowing to either side by 15% to 60% of the distance, the one whose
 * middle part (t from 0.15 to 0.85) crosses the fewest other nodes (a gap of
 * 4 px around each), then runs along the fewest edges (within 3 px), then
 * bends least. Deterministic; O(n + m) per edge.
 */
void mc_render_bend(igraph_integer_t a, igraph_integer_t b, const double *X, const double *Y,
                    const double *R, igraph_integer_t n, const igraph_integer_t *from,
                    const igraph_integer_t *to, igraph_integer_t m, double *cx, double *cy);

/* The point at t in [0, 1] of the quadratic Bézier curve p0, control c, p1. */
void mc_render_bezier(double x0, double y0, double cx, double cy, double x1, double y1, double t,
                      double *x, double *y);

#endif
