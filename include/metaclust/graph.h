#ifndef METACLUST_GRAPH_H
#define METACLUST_GRAPH_H

/*
 * One weighted, undirected, simple graph built from a dataset: the whole
 * dataset or one sector's view, with affiliations projected onto node pairs.
 *
 * View rules (README "Sector view"):
 *  - without a sector: every node; every direct edge; affiliations projected
 *    group by group, so a group counts once for a pair whatever sectors it has;
 *  - with sector S: nodes that list S or appear in a row tagged S; edges
 *    tagged S (direct, or projected from groups tagged S) plus untagged edges
 *    whose two ends both list S.
 * An affiliation row is tagged by its own `sector` field, else by its group's
 * sectors from groups.csv. Repeated direct edges merge with summed weights,
 * self-loops are dropped, and both are counted.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <igraph.h>

#include "metaclust/backbone.h"
#include "metaclust/dataset.h"
#include "metaclust/error.h"

enum mc_projection {
    MC_PROJ_COUNT = 0, /* number of shared groups */
    MC_PROJ_NEWMAN,    /* sum over shared groups of 1/(k-1), k = group size */
    MC_PROJ_JACCARD    /* shared / (groups of i + groups of j - shared) */
};

const char *mc_projection_name(enum mc_projection p);
bool mc_projection_parse(const char *s, enum mc_projection *out);

struct mc_view_options {
    long sector; /* -1: the whole dataset */
    enum mc_projection projection;
    size_t max_group_size;               /* groups with more members are skipped; 0: no limit */
    bool evidence;                       /* keep the groups behind every projected tie (ev_off) */
    struct mc_backbone_options backbone; /* applied to the view; needs evidence (set it) */
    /*
     * Rows of this period only (unset: every row), as if the dataset had been loaded with
     * mc_load_options.years: affiliations by their group's start year, direct edges by their
     * own year, rows without a year left out. The same view from one loaded dataset.
     */
    struct mc_period years;
};

void mc_view_options_init(struct mc_view_options *o);

/* What building a view counted, for `info` and the warnings. */
struct mc_view_stats {
    size_t direct_rows;           /* direct edge rows in the view */
    size_t self_loops_dropped;    /* direct rows with source == target */
    size_t duplicates_merged;     /* direct rows merged into an earlier row of the same pair */
    size_t zero_weight_dropped;   /* pairs whose total weight is 0 */
    size_t affiliation_rows;      /* affiliation rows in the view */
    size_t duplicate_memberships; /* repeated (node, group) rows, merged */
    size_t groups;                /* groups with at least one member in the view */
    size_t groups_skipped;        /* larger than max_group_size */
    size_t largest_group;         /* members of the largest group (skipped or not) */
    size_t pairs;                 /* projected (node, node, group) pairs enumerated */
};

/*
 * The view's memberships, kept with the evidence: group -> member vertices
 * (ascending) and vertex -> memberships. Duplicated (node, group) rows are
 * merged (the larger weight). A group takes part in the projection when it
 * has 2 to max_group_size members (mc_memberships_projected).
 */
struct mc_memberships {
    size_t n_groups;   /* dataset groups; 0 when not kept */
    size_t *g_off;     /* group -> memberships [g_off[g], g_off[g+1]) */
    int32_t *m_vertex; /* membership -> vertex */
    double *m_w;       /* membership -> affiliation weight */
    int32_t *m_group;  /* membership -> group */
    size_t *v_off;     /* vertex -> [v_off[v], v_off[v+1]) into v_memb */
    size_t *v_memb;    /* membership indices, in group order */
};

void mc_memberships_destroy(struct mc_memberships *m);

/*
 * The edge list of a view, without igraph: vertices are dataset nodes in
 * dataset order (vertex v is node `node[v]`), edges sorted by (from, to) with
 * from < to.
 */
struct mc_edgelist {
    size_t n_vertices;
    int32_t *node; /* vertex -> dataset node */
    size_t n_edges;
    int32_t *from, *to; /* vertex indices */
    double *weight;
    /*
     * With mc_view_options.evidence: the groups that hold both ends of edge e
     * are ev_group[ev_off[e] .. ev_off[e+1]) (dataset group indices, ascending),
     * and direct_w[e] is the part of its weight from direct edge rows (0 for a
     * purely projected tie). NULL without evidence.
     */
    size_t *ev_off;
    int32_t *ev_group;
    double *direct_w;
    double *pvalue; /* backbone p-value of each edge (uncorrected); NULL without a backbone */
    struct mc_memberships memb; /* with evidence */
    struct mc_view_stats stats;
    struct mc_backbone_stats backbone;
};

void mc_edgelist_init(struct mc_edgelist *el);
void mc_edgelist_destroy(struct mc_edgelist *el);

/*
 * Builds the edge list of a view. Errors: MC_E_NOMEM when the projection
 * would not fit (the message suggests --max-group-size), MC_E_INTERRUPTED.
 * Time complexity: O(rows + P) where P is the number of projected pairs
 * (sum over groups of k(k-1)/2), using a linear-time radix sort and merge.
 */
enum mc_status mc_view_edges(const struct mc_dataset *ds, const struct mc_view_options *opt,
                             struct mc_edgelist *out, struct mc_error *err);

struct mc_graph {
    igraph_t ig;
    igraph_vector_t weight;      /* strictly positive */
    const struct mc_dataset *ds; /* borrowed; must outlive the graph */
    struct mc_view_options view;
    igraph_integer_t n; /* vertices */
    int32_t *node;      /* vertex -> dataset node */
    int32_t *vertex_of; /* dataset node -> vertex, -1 when not in the view */
    int32_t *country;   /* vertex -> country index, -1 unknown */
    struct mc_view_stats stats;
    struct mc_backbone_stats backbone;
    double total_weight;
    /* adopted from the edge list (see struct mc_edgelist); NULL without evidence */
    size_t *ev_off;
    int32_t *ev_group;
    double *direct_w;
    double *pvalue;
    struct mc_memberships memb; /* the view's memberships, with evidence */
    bool built;
};

/*
 * The groups behind edge e (igraph edge id, which is the edge list's order):
 * *n receives their number; NULL when the graph has no evidence.
 */
static inline const int32_t *mc_graph_evidence(const struct mc_graph *g, igraph_integer_t e,
                                               size_t *n) {
    if (g->ev_off == NULL) {
        *n = 0;
        return NULL;
    }
    *n = g->ev_off[e + 1] - g->ev_off[e];
    return g->ev_group + g->ev_off[e];
}

/* One group's part in the ties among a set of vertices (mc_graph_group_shares). */
struct mc_group_share {
    int32_t group;  /* dataset group index */
    size_t members; /* vertices of the set in the group */
    double weight;  /* projected weight the group gives the pairs of the set */
};

/*
 * The groups that hold at least two of the vertices vs[0..n), with the
 * weight each gives to the pairs among them on the full projection (before
 * any backbone; jaccard views count as count), sorted by weight desc, then
 * members desc, then group index. *shares is malloc'd (NULL when none).
 * *total receives the whole projected weight among the vertices plus the
 * direct weight of the ties among them. Needs evidence (memberships); without
 * it, *nshares is 0 and *total the graph's weight among them.
 * Time complexity: O(D log D) with D the memberships of the vertices.
 */
enum mc_status mc_graph_group_shares(const struct mc_graph *g, const igraph_integer_t *vs, size_t n,
                                     struct mc_group_share **shares, size_t *nshares, double *total,
                                     struct mc_error *err);

/* Leaves `g` empty (mc_graph_destroy is safe on it). */
void mc_graph_init(struct mc_graph *g);

/*
 * Builds the igraph graph of a view once, from one edge vector, with the
 * weights in their own vector. Errors as for mc_view_edges, plus MC_E_IGRAPH.
 */
enum mc_status mc_graph_build(struct mc_graph *g, const struct mc_dataset *ds,
                              const struct mc_view_options *opt, struct mc_error *err);

/* Builds from an edge list it adopts (the list is left empty). */
enum mc_status mc_graph_from_edgelist(struct mc_graph *g, const struct mc_dataset *ds,
                                      const struct mc_view_options *opt, struct mc_edgelist *el,
                                      struct mc_error *err);

void mc_graph_destroy(struct mc_graph *g);

static inline const char *mc_graph_id(const struct mc_graph *g, igraph_integer_t v) {
    return g->ds->ids.keys[g->node[v]];
}
static inline const char *mc_graph_name(const struct mc_graph *g, igraph_integer_t v) {
    return g->ds->node_name[g->node[v]];
}
static inline const char *mc_graph_country(const struct mc_graph *g, igraph_integer_t v) {
    return mc_dataset_country_name(g->ds, g->country[v]);
}

/* The sector's display name, or "all" for the whole dataset. */
const char *mc_graph_sector_name(const struct mc_graph *g);

#endif
