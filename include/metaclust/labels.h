#ifndef METACLUST_LABELS_H
#define METACLUST_LABELS_H

/*
 * Label placement: positions label boxes next to their nodes so that no two
 * labels overlap and no label covers a node.
 *
 * Greedy, most important label first (priority, then index), as cartographers
 * do (Imhof 1975, "Positioning names on maps", The American Cartographer
 * 2:128; the candidate-position model of Christensen, Marks & Shieber 1995,
 * ACM TOG 14:203). Every label gets a fair chance:
 *
 *   1. eight positions around its node — right, upper right, lower right,
 *      left, upper left, lower left, above, below;
 *   2. when those are taken, positions on rings farther out, up to `reach`
 *      from the node, to be drawn with a leader line (DISPLACED);
 *   3. a position is taken when it stays inside the frame and meets no hard
 *      disc and no label placed before it. Soft discs (`soft`: the small
 *      unlabelled nodes a haloed label may cover) are avoided when possible:
 *      each position costs the number of soft discs it covers plus half its
 *      ring number, and the cheapest wins (the earliest on ties), so a label
 *      goes a ring or two farther out rather than cover a node, and covers
 *      one node rather than move far from its own.
 *
 * A label that fits nowhere is dropped; with `keep_all` it is put in its
 * first position anyway (moved inside the frame) and marked FORCED, the
 * only state that may overlap.
 *
 * Coordinates are device coordinates (y down). Time complexity: O(n C + N)
 * expected with a uniform grid, n labels, C candidate positions within reach
 * (a few hundred at most) and N obstacle discs.
 */

#include <stdbool.h>
#include <stddef.h>

#include "metaclust/error.h"

struct mc_label_item {
    double x, y;     /* the node's centre */
    double r;        /* the node's radius */
    double w, h;     /* the label box */
    double priority; /* higher first; ties: lower index first */
};

/* A disc no label may cover (usually every node drawn). */
struct mc_disc {
    double x, y, r;
};

enum mc_label_state {
    MC_LABEL_DROPPED = 0, /* not placed */
    MC_LABEL_PLACED,      /* next to its node */
    MC_LABEL_DISPLACED,   /* farther out: draw a leader line */
    MC_LABEL_FORCED       /* keep_all only: overlaps something */
};

struct mc_label_spot {
    enum mc_label_state state;
    double x, y; /* top-left corner of the box */
};

struct mc_label_options {
    double xmin, ymin, xmax, ymax; /* the frame labels must stay in */
    double pad;                    /* gap between a node and its label, and around boxes */
    bool keep_all;
    const struct mc_disc *soft; /* discs a label avoids but may cover; NULL: none */
    size_t n_soft;
    double reach; /* how far from its node a label may go; 0: 10 label heights */
};

/*
 * Places n labels; out[i] receives the placement of items[i]. `discs` (nd of
 * them) are the hard obstacles, opt->soft the soft ones. Errors: MC_E_NOMEM.
 */
enum mc_status mc_labels_place(const struct mc_label_item *items, size_t n,
                               const struct mc_disc *discs, size_t nd,
                               const struct mc_label_options *opt, struct mc_label_spot *out,
                               struct mc_error *err);

/* True when two boxes (top-left x, y and size w, h) overlap with positive area. */
bool mc_boxes_overlap(double ax, double ay, double aw, double ah, double bx, double by, double bw,
                      double bh);

/* True when a disc and a box overlap. */
bool mc_disc_box_overlap(double cx, double cy, double r, double bx, double by, double bw,
                         double bh);

#endif
