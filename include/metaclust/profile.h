#ifndef METACLUST_PROFILE_H
#define METACLUST_PROFILE_H

/*
 * One cluster against its peers (CENTRAMO's benchmarking): a dozen
 * indicators of one node of a view, each with its percentile among the
 * view's nodes (the sector) and among the view's nodes of the same country;
 * its strongest partners with the groups behind each tie; the proposals it
 * belongs to; its best `match` suggestions; and its ego network as a figure.
 *
 * Percentile (README "metaclust profile"): among the peers P of node x (x
 * itself excluded, peers whose value is undefined left out),
 *
 *     percentile = 100 * (#{p in P : v_p < v_x} + 0.5 #{p in P : v_p = v_x}) / |P|
 *
 * so the unique maximum scores 100, the unique minimum 0, and a value shared
 * by every peer 50. Undefined (NaN) without peers or without a value.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "metaclust/dataset.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"
#include "metaclust/match.h"
#include "metaclust/propose.h"
#include "metaclust/render.h"

/*
 * The percentile of values[self] among values[i] for i != self with
 * peer[i] true (peer NULL: every i); NaN values are no peers. NAN when
 * values[self] is NaN or there is no peer. Time complexity: O(n).
 */
double mc_percentile(const double *values, const bool *peer, size_t n, size_t self);

enum mc_indicator {
    MC_IND_DEGREE = 0,
    MC_IND_STRENGTH,
    MC_IND_PARTNERS,          /* distinct partners in the whole dataset (every sector) */
    MC_IND_PARTNER_COUNTRIES, /* distinct known countries among the view's partners */
    MC_IND_FOREIGN_SHARE,     /* share of the view's partners (known country) abroad */
    MC_IND_PAGERANK,
    MC_IND_BETWEENNESS,
    MC_IND_PARTICIPATION, /* participation coefficient over the consensus communities */
    MC_IND_GROUPS,        /* groups (projects) of the view it is in */
    MC_IND_LEAD_SHARE,    /* share of those groups it leads (affiliation `role`) */
    MC_IND_CONTRIBUTION,  /* EU contribution over those groups (affiliation `contribution`) */
    MC_IND_TYPE_MIX,      /* Blau index of its partners' `type` (a triple-helix proxy) */
    MC_IND_COUNT
};

/* "degree", "strength", "partners", ... (the names of profile.json). */
const char *mc_indicator_name(enum mc_indicator i);
/* In words, for the strengths and weak points: "number of partners in the sector". */
const char *mc_indicator_words(enum mc_indicator i);

struct mc_profile_options {
    unsigned long seed; /* communities and proposals (default 0) */
    int runs;           /* Leiden runs (default 10) */
    int partners;       /* strongest partners listed (default 10) */
    int suggestions;    /* match suggestions (default 5) */
    /*
     * The view proposals are made on, as `propose` builds it (recurring ties,
     * backbone: mc_propose_view_defaults), with the same sector; NULL: the
     * profiled view itself, on the consensus communities computed here.
     */
    const struct mc_graph *proposal_view;
};

void mc_profile_options_init(struct mc_profile_options *o);

struct mc_profile_partner {
    int32_t node; /* dataset node */
    double weight, direct_w;
    const int32_t *group; /* the groups behind the tie (dataset groups); borrowed from the graph */
    size_t n_group;
};

struct mc_profile_proposal {
    char id[72];
    int rank;
    size_t size, n_countries;
    const char *role; /* the node's role in it */
    double score;
    int32_t coordinator;
};

struct mc_profile_type {
    const char *type; /* "" : not given */
    size_t count;
};

struct mc_profile {
    int32_t node; /* dataset node */
    igraph_integer_t vertex;
    size_t peers_sector, peers_country; /* peers, the node excluded */
    double value[MC_IND_COUNT];         /* NAN: not in the data */
    double pct_sector[MC_IND_COUNT];
    double pct_country[MC_IND_COUNT];
    bool has_members;                   /* a `members` column in nodes.csv */
    double members;                     /* its value (NAN when empty) */
    bool eccp_members, eccp_types;      /* >= 15 members; >= 2 partner types */
    size_t n_types;                     /* partner types */
    struct mc_profile_type *types;      /* partners per type, most first */
    struct mc_profile_partner *partner; /* strongest first */
    size_t n_partner, n_partner_all;
    struct mc_profile_proposal *proposal;
    size_t n_proposal, n_proposal_all; /* the node's; all proposals of the view */
    struct mc_match_result match;
    struct mc_tags active; /* active sectors, for the match reasons */
    bool have_active;
    unsigned long seed;
    int runs;
    bool whole; /* the view is the whole dataset, not a sector */
};

void mc_profile_init(struct mc_profile *p);
void mc_profile_destroy(struct mc_profile *p);

/*
 * Profiles dataset node `node` in the view `g` (it must be in it: else
 * MC_E_USAGE). Computes the centralities, the consensus communities, the
 * proposals (mc_propose_sector on opt->proposal_view, else
 * mc_propose_sector_with on the view), and the node's match suggestions. The tie evidence needs a
 * graph built with mc_view_options.evidence; without it the partners have no groups. Errors:
 * MC_E_USAGE, MC_E_NOMEM, MC_E_IGRAPH, MC_E_INTERRUPTED. Time complexity: that of propose on the
 * view plus O(n + m + rows).
 */
enum mc_status mc_profile_build(const struct mc_graph *g, int32_t node,
                                const struct mc_profile_options *opt, struct mc_profile *out,
                                struct mc_error *err);

/* profile.json's object; NULL on allocation failure. */
json_t *mc_profile_json(const struct mc_graph *g, const struct mc_profile *p);

/* profile.md. */
void mc_profile_markdown(FILE *f, const struct mc_graph *g, const struct mc_profile *p);

/*
 * The ego figure: the node, its partners and the ties among them, coloured by
 * country, drawn through figure.h into `path` (atomically).
 */
enum mc_status mc_profile_ego(const struct mc_graph *g, const struct mc_profile *p,
                              const struct mc_render_options *ro, const char *path,
                              struct mc_error *err);

#endif
