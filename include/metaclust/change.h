#ifndef METACLUST_CHANGE_H
#define METACLUST_CHANGE_H

/*
 * Change between two periods: the same view (the whole dataset or a sector)
 * built from the rows of an earlier and a later period (dataset.h, "Years"),
 * compared link by link, node by node, country pair by country pair and
 * community by community.
 *
 * Definitions (README "metaclust change"):
 *  - a link is a pair of nodes with weight > 0 in a period's view; a link is
 *    kept when it is in both periods, new when only in the later, lost when
 *    only in the earlier;
 *  - a node is present in a period when it has at least one link there; it
 *    entered when present later only, left when present earlier only;
 *  - the cross-border share of a period is the weight of links between two
 *    different countries over the weight of links whose two ends have a
 *    known country;
 *  - country pairs add up the weight and the links between (or, for a pair of
 *    one country with itself, within) countries;
 *  - the later period's communities (Leiden, best of K seeded runs) are traced
 *    back: for each, how many of its members were present before, and in
 *    how many and which of the earlier period's communities they were.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <igraph.h>
#include <jansson.h>

#include "metaclust/community.h"
#include "metaclust/dataset.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"
#include "metaclust/render.h"

struct mc_change_options {
    struct mc_view_options view; /* sector, projection, max_group_size (the same for both) */
    struct mc_comm_options comm; /* the communities of each period */
    size_t min_community;        /* later communities traced back from this size (default 3) */
};

void mc_change_options_init(struct mc_change_options *o);

/* One country pair; a == b for the links within one country. */
struct mc_change_pair {
    int32_t a, b; /* dataset country indices, a's code <= b's code */
    double w_from, w_to;
    size_t links_from, links_to;
};

/* One community of the later period, traced back. */
struct mc_change_community {
    igraph_integer_t id;          /* community number in the later period (0: largest) */
    size_t size;                  /* members */
    size_t countries;             /* distinct known countries among them */
    size_t returning;             /* members present in the earlier period */
    size_t origins;               /* earlier communities the returning members were in */
    igraph_integer_t main_origin; /* the earlier community holding most of them; -1: none */
    size_t main_origin_members;   /* how many of them it holds */
    size_t links_kept, links_new; /* the community's internal links, by their past */
    int32_t lead;                 /* dataset node: the member of highest internal strength */
};

/* Per node of the dataset: absent, present in both periods, entered or left. */
enum mc_change_node { MC_NODE_ABSENT = 0, MC_NODE_KEPT, MC_NODE_ENTERED, MC_NODE_LEFT };

struct mc_change {
    struct mc_period from, to;
    long sector; /* -1: the whole dataset */
    size_t nodes_from, nodes_to, nodes_kept, nodes_entered, nodes_left;
    size_t links_from, links_to, links_kept, links_new, links_lost;
    double weight_from, weight_to;
    double cross_from, cross_to; /* cross-border weight */
    double known_from, known_to; /* weight of links with two known countries */
    uint8_t *node_status;        /* per dataset node, enum mc_change_node */
    size_t n_nodes;
    struct mc_change_pair *pairs; /* every pair with a link in either period, by change desc,
                                     then codes */
    size_t n_pairs;
    igraph_integer_t communities_from, communities_to;
    double modularity_from, modularity_to;
    struct mc_change_community *communities; /* size >= min_community, by id */
    size_t n_communities;
};

void mc_change_init(struct mc_change *c);
void mc_change_destroy(struct mc_change *c);

/* Cross-border share of a period (NAN when no link has two known countries). */
double mc_change_cross_share(double cross, double known);

/*
 * Compares the view `opt->view` of `before` and `after`: the same dataset
 * loaded with the two periods (mc_load_options.years), so that node and
 * country indices agree. Errors: MC_E_USAGE (the two datasets differ in their
 * nodes), those of building the views and of the community runs.
 * Time complexity: O(rows + P) per period for the views (graph.h), O(m) for
 * the comparison, plus the Leiden runs.
 */
enum mc_status mc_change_compute(const struct mc_dataset *before, const struct mc_dataset *after,
                                 const struct mc_change_options *opt, struct mc_change *out,
                                 struct mc_error *err);

/* ==== Output (src/change_report.c) ==== */

/*
 * The `change --json` object (README "metaclust change"): periods, nodes,
 * links {kept, new, lost}, cross-border shares, the `top` country pairs that
 * grew and shrank most (cross-border only), and the communities. NULL on
 * ENOMEM.
 */
json_t *mc_change_json(const struct mc_dataset *ds, const struct mc_change *c, size_t top);

/* The same for people. */
void mc_change_table(FILE *f, const struct mc_dataset *ds, const struct mc_change *c, size_t top);

/*
 * change.csv: one row per country pair (c->pairs order): country_a,
 * country_b, cross_border, weight_from, weight_to, change, growth, links_from,
 * links_to. Write errors are caught by the caller's commit.
 */
void mc_change_csv(FILE *f, const struct mc_dataset *ds, const struct mc_change *c);

/*
 * Writes DIR/change.csv, DIR/change.json and the paired-bar figure
 * DIR/change.png of the `top` cross-border pairs that changed most, each
 * atomically. Errors: MC_E_IO, MC_E_RENDER, MC_E_NOMEM.
 */
enum mc_status mc_change_write(const char *dir, const struct mc_dataset *ds,
                               const struct mc_change *c, size_t top,
                               const struct mc_render_options *ro, struct mc_error *err);

#endif
