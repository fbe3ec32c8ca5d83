#ifndef METACLUST_PROPOSE_H
#define METACLUST_PROPOSE_H

/*
 * Meta-cluster proposals: transnational groups of clusters in one sector that
 * could form a meta-cluster, each scored, with a coordinator, member roles and
 * the cooperation links it is missing.
 *
 * Method (README "How a group becomes a proposal"):
 *  1. ties that recur (mc_propose_view_defaults);
 *  2. Leiden communities with consensus, on the ties as they are and on a
 *     cross-border view (domestic ties scaled by domestic_weight);
 *  3. completion, splitting of large groups, then the checks: size,
 *     countries, member-level cross-border ties, country share (repaired),
 *     cross-border share, existing group, an eligible coordinator; every
 *     rejection with its reason and near-miss fix, every drop named;
 *  4. scoring; overlapping candidates keep the best-scoring;
 *  5. coordinator by lead role, ESCA label, size, strength, PageRank, id;
 *  6. missing links by resource allocation, with the partners behind them.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <igraph.h>

#include "metaclust/community.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"

struct mc_propose_options {
    int min_countries; /* default 3: the European Strategic Cluster Partnership rule */
    double max_share;  /* default 0.5: no country holds more than half of a group */
    int min_size;      /* default 3 */
    int max_size;      /* default 25 */
    int runs;          /* Leiden runs, default 10 */
    bool runs_exact;   /* exactly `runs` runs; default false: at most, stopping once they
                          settle (mc_communities, adaptive) */
    unsigned long seed;
    double resolution; /* modularity resolution, default 1 */
    int links;         /* missing links listed per proposal, default 5 */
    /* share of a group's internal tie weight that crosses a border, default 0.33 (README) */
    double min_cross_border;
    /* weight factor of ties within one country when communities are sought (not when scored),
     * default 0.5 (README "How a group becomes a proposal") */
    double domestic_weight;
    /* a candidate whose members are tied in fewer than this share of their pairs is split into
     * denser parts (CPM resolution), default 0.2 (README "How a group becomes a proposal") */
    double min_density;
    /* node types (nodes.csv `type`, e.g. PUB) that may not coordinate; case-insensitive */
    const char *const *exclude_types;
    size_t n_exclude_types;
};

void mc_propose_options_init(struct mc_propose_options *o);

/*
 * The view proposals are made on, by default (README "How a group becomes a
 * proposal"): projected ties must recur (at least 2 distinct shared groups;
 * no significance test); the groups behind every tie are kept as evidence.
 * Direct edges are kept as they are.
 */
void mc_propose_view_defaults(struct mc_view_options *v);

enum mc_member_role {
    MC_PROLE_COORDINATOR = 0,
    MC_PROLE_HUB,
    MC_PROLE_CONNECTOR,
    MC_PROLE_PERIPHERAL
};

const char *mc_member_role_name(enum mc_member_role r);

/* Members and links name dataset nodes, so results outlive the sector graph. */
struct mc_member {
    int32_t node; /* dataset node index */
    enum mc_member_role role;
    double strength_in;   /* weight of the member's ties inside the group */
    double within_z;      /* z-score of strength_in among the members */
    double participation; /* 1 - sum over communities of (strength to it / strength)^2 */
    double confidence;    /* consensus confidence, [0, 1] */
    int leads;            /* groups tying the proposal that the member leads (role lead) */
};

/* A member dropped from a candidate group, and why. */
struct mc_drop {
    int32_t node; /* dataset node index */
    char reason[224];
};

/* A tie between two members of a proposal and the groups behind it (evidence.csv). */
struct mc_tie {
    int32_t a, b;        /* dataset node indices, a's id before b's */
    double weight;       /* the tie's weight in the view */
    size_t g_off, g_n;   /* its groups: tie_groups[g_off .. g_off + g_n) */
};

/* How the coordinator was chosen (README "Coordinator"). */
enum mc_coord_rule {
    MC_COORD_ONLY = 0, /* the only eligible member */
    MC_COORD_ROLE,     /* leads most of the groups that tie the proposal */
    MC_COORD_LABEL,    /* ESCA label */
    MC_COORD_SIZE,     /* `members` column */
    MC_COORD_STRENGTH, /* within-group strength */
    MC_COORD_PAGERANK, /* PageRank in the sector */
    MC_COORD_ID        /* every criterion equal: tie broken by id */
};

const char *mc_coord_rule_name(enum mc_coord_rule r);

struct mc_link {
    int32_t a, b;            /* dataset node indices */
    double score;            /* resource allocation index */
    igraph_integer_t shared; /* common neighbours */
    int32_t via[3];          /* the shared partners that weigh most (dataset nodes) */
    size_t n_via;
};

struct mc_country_share {
    int32_t country; /* -1: unknown */
    size_t count;
};

struct mc_proposal {
    char id[72];    /* "<sector-slug>-NN", unique in a run */
    int32_t sector; /* -1: cross-sector */
    int rank;       /* 1 = best in its sector */
    size_t size;
    struct mc_member *members;          /* coordinator first, then by strength_in desc, id */
    struct mc_country_share *countries; /* by count desc, then code */
    size_t n_countries;
    int32_t coordinator; /* dataset node index */
    /* score components */
    double internal_weight, cut_weight, volume;
    double density;             /* internal edges / possible pairs */
    double conductance;         /* cut / min(vol S, vol rest) */
    double cohesion;            /* 1 - conductance */
    double blau;                /* 1 - sum p_c^2 over countries */
    double effective_countries; /* 1 / sum p_c^2 */
    double max_share;
    double diversity;          /* = blau */
    double cross_border_share; /* share of internal weight on cross-country ties */
    double stability;          /* mean member confidence */
    double strength_score;     /* log(1 + W_in) / log(1 + max W_in in the sector) */
    double score;
    struct mc_link *links;
    size_t n_links;
    struct mc_drop *dropped; /* members dropped by a repair step, in order */
    size_t n_dropped;
    struct mc_tie *ties; /* every tie between two members, by (a, b) id */
    size_t n_ties;
    int32_t *tie_groups;          /* dataset group indices */
    struct mc_group_share *groups; /* groups holding 2+ members, by weight given (graph.h) */
    size_t n_groups;
    double group_total;            /* projected + direct weight among the members */
    enum mc_coord_rule coord_rule;
    char coord_reason[256]; /* the criterion that decided, in words */
    char origin[96];        /* "community 3", "community 3, split part 2" */
    int view;               /* the partition it came from: 0 ties as they are, 1 cross-border */
    char sectors_joined[256]; /* cross-sector groups: the sectors they join */
    double bridge_share;      /* cross-sector: share of internal weight between sectors */
};

struct mc_rejection {
    int32_t sector;
    const char *kind; /* "too small", "too few countries", "country share", "too large",
                         "cross-border share", "existing group", "no coordinator",
                         "not cross-sector" */
    char candidate[96];
    size_t size;
    size_t n_countries;
    char countries[128];
    char reason[256];
    char *members; /* ';'-separated ids, malloc'd */
    char fix[320];  /* what would qualify it, in words; "" when nothing is known */
    int32_t group;  /* "existing group": the dataset group; -1 otherwise */
    struct mc_drop *dropped; /* members dropped before the rejection */
    size_t n_dropped;
};

/* One sector's run: what the analysis found, what was proposed and rejected. */
struct mc_sector_proposals {
    int32_t sector;    /* -1: the whole graph */
    bool cross_sector; /* a cross-sector run (whole graph) */
    size_t nodes, edges;
    double total_weight;
    igraph_integer_t communities;
    double modularity;
    double nmi_mean, vi_mean;
    int runs;               /* Leiden runs made */
    enum mc_comm_stop stop; /* why no more */
    size_t candidates;      /* communities and split parts with >= 2 members */
    struct mc_backbone_options backbone; /* the view's tie filter (recurrence, backbone) */
    struct mc_backbone_stats filtered;   /* what it kept and dropped */
    struct mc_proposal *proposals;
    size_t n_proposals;
    struct mc_rejection *rejected;
    size_t n_rejected;
    double seconds;
};

void mc_sector_proposals_init(struct mc_sector_proposals *sp);
void mc_sector_proposals_destroy(struct mc_sector_proposals *sp);

/*
 * Proposes meta-clusters on a sector view (or on the whole graph of a dataset
 * without sectors: g->view.sector < 0, ids "all-NN"). Deterministic for a given graph, options and
 * seed. Errors: MC_E_IGRAPH, MC_E_NOMEM, MC_E_INTERRUPTED. Time complexity: K Leiden runs plus O(n
 * + m) per group for scoring.
 */
enum mc_status mc_propose_sector(const struct mc_graph *g, const struct mc_propose_options *opt,
                                 struct mc_sector_proposals *out, struct mc_error *err);

/*
 * The same on communities computed already (mc_communities with consensus,
 * e.g. by `batch`, which also writes them out): no Leiden run is repeated.
 * `communities` must come from `g` with opt->runs runs and opt->resolution.
 */
enum mc_status mc_propose_sector_with(const struct mc_graph *g,
                                      const struct mc_propose_options *opt,
                                      const struct mc_comm_result *communities,
                                      struct mc_sector_proposals *out, struct mc_error *err);

/*
 * Cross-sector candidates (ClusterCOOP's "emerging industries"): communities
 * of the whole-dataset graph whose strong internal ties join nodes of two or
 * more different sectors. `g` must be the whole-dataset view.
 */
enum mc_status mc_propose_cross_sector(const struct mc_graph *g,
                                       const struct mc_propose_options *opt,
                                       struct mc_sector_proposals *out, struct mc_error *err);

/* "Innovation in SMEs" -> "innovation-in-smes"; writes at most n bytes. */
void mc_slug(const char *name, char *out, size_t n);

/*
 * Resource allocation index of (u, v): sum over common neighbours z of
 * 1/degree(z); *shared receives the number of common neighbours.
 * Neighbour lists must be sorted (igraph_adjlist_init then sort).
 */
double mc_resource_allocation(const igraph_adjlist_t *adj, igraph_integer_t u, igraph_integer_t v,
                              igraph_integer_t *shared);

#endif
