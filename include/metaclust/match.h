#ifndef METACLUST_MATCH_H
#define METACLUST_MATCH_H

/*
 * Partner matchmaking for one cluster: the nodes it is not linked to yet,
 * ranked by link prediction (resource allocation over common neighbours;
 * Zhou, Lü & Zhang 2009), sector fit (Jaccard of active sectors) and
 * country (a foreign partner counts for transnational cooperation), each
 * with the reason in words.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "metaclust/dataset.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"

/* Score weights (README "metaclust match"): they sum to 1. */
#define MC_MATCH_W_LINK    0.7
#define MC_MATCH_W_SECTOR  0.2
#define MC_MATCH_W_FOREIGN 0.1

struct mc_match_options {
    int top;           /* candidates returned, default 10 */
    bool foreign_only; /* only nodes in another (known) country */
};

void mc_match_options_init(struct mc_match_options *o);

struct mc_candidate {
    int32_t node;      /* dataset node index */
    double score;      /* combined, in [0, 1] */
    double link;       /* resource allocation index */
    double link_norm;  /* link / the best candidate's link */
    double sector_fit; /* Jaccard of active sectors */
    bool foreign;      /* known countries that differ */
    size_t shared;     /* common neighbours */
    int32_t via[3];    /* up to three common neighbours (dataset nodes), strongest first */
    size_t n_via;
};

struct mc_match_result {
    int32_t node;              /* the cluster matched */
    struct mc_candidate *cand; /* best first */
    size_t n;
    size_t considered; /* candidates scored before the cut */
};

void mc_match_result_init(struct mc_match_result *r);
void mc_match_result_destroy(struct mc_match_result *r);

/*
 * Ranks partners for dataset node `node` (it must be in the view `g`).
 * `active` holds the active sectors per dataset node
 * (mc_dataset_active_sectors). Ties are broken by node id.
 * Time complexity: O(sum of the degrees of node's neighbours + n log k).
 */
enum mc_status mc_match(const struct mc_graph *g, int32_t node, const struct mc_tags *active,
                        const struct mc_match_options *opt, struct mc_match_result *out,
                        struct mc_error *err);

/* The reason for a candidate in words, into buf. */
void mc_match_reason(const struct mc_graph *g, const struct mc_tags *active, int32_t node,
                     const struct mc_candidate *c, char *buf, size_t bufsz);

#endif
