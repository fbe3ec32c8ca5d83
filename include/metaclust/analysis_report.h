#ifndef METACLUST_ANALYSIS_REPORT_H
#define METACLUST_ANALYSIS_REPORT_H

/*
 * Output of the analysis layer, shared by the single commands and by
 * `batch`: the info object, centrality and community tables (column
 * contracts in README), match and compare results, as CSV and JSON. The
 * commands only call these; the `--format table` writers are
 * report_table.h's.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <igraph.h>
#include <jansson.h>

#include "metaclust/centrality.h"
#include "metaclust/community.h"
#include "metaclust/graph.h"
#include "metaclust/match.h"
#include "metaclust/report.h"
#include "metaclust/summary.h"

/* Confidence below this marks a "floating" node (methods.md A2). */
#define MC_FLOATING 0.5

/*
 * A total order on node ids: all-digit ids (CORDIS PICs) by numeric value
 * first, then the others as text.
 */
int mc_id_cmp(const char *a, const char *b);

/* Adds dataset, sector, projection, nodes, edges and total_weight to `obj`. */
bool mc_graph_json(json_t *obj, const struct mc_graph *g);

/* The `metaclust info --json` object (README "metaclust info"); NULL on ENOMEM. */
json_t *mc_info_json(const struct mc_dataset *ds, const struct mc_graph *g,
                     const struct mc_summary *s);

/*
 * centrality.csv: id,name,country and the computed measures in the order of
 * enum mc_measure; rows in `order` (NULL: vertex order). Write errors are
 * caught by the caller's mc_outfile_commit.
 */
void mc_centrality_csv(FILE *f, const struct mc_graph *g, const struct mc_centrality *c,
                       const igraph_integer_t *order, size_t n);

/*
 * The rows of the centrality reports: vertices by decreasing measure `by`
 * (NaN last, ties by id), or in vertex order when `by` is negative; the
 * first `top` of them when top > 0. *order (n entries) is the caller's to free.
 * Errors: MC_E_NOMEM.
 */
enum mc_status mc_centrality_order(const struct mc_graph *g, const struct mc_centrality *c, int by,
                                   size_t top, igraph_integer_t **order, size_t *n,
                                   struct mc_error *err);

/*
 * `centrality --format json`: the view, the options that shaped the values
 * and one object per row of `order`. NULL on ENOMEM.
 */
json_t *mc_centrality_json(const struct mc_graph *g, const struct mc_centrality *c,
                           const struct mc_centrality_options *o, const igraph_integer_t *order,
                           size_t n);

/* A partition with roles, ready to print: rows by (community, id). */
struct mc_comm_table {
    const struct mc_graph *g;
    const struct mc_comm_options *opt;
    const struct mc_comm_result *res;
    const struct mc_partition *part; /* best, or consensus */
    igraph_vector_t z, p;            /* within-module z, participation */
    igraph_integer_t *size;          /* per community */
    igraph_integer_t *order;         /* vertices by (community, id) */
};

void mc_comm_table_init(struct mc_comm_table *t);
void mc_comm_table_destroy(struct mc_comm_table *t);
/* Computes sizes, row order and roles; g, opt, res and part must be set. */
enum mc_status mc_comm_table_build(struct mc_comm_table *t, struct mc_error *err);
const char *mc_comm_table_role(const struct mc_comm_table *t, igraph_integer_t v);
/* communities.csv: id,community,community_size,confidence,within_z,participation,role. */
void mc_comm_table_csv(FILE *f, const void *table);
/* The summary object: method, seed, runs, modularity, communities, stability. */
json_t *mc_comm_table_summary(const struct mc_comm_table *t);
/* `communities --format json`: {"summary": summary, "rows": [...]}; NULL on ENOMEM. */
json_t *mc_comm_table_json(const struct mc_comm_table *t, json_t *summary);

/*
 * `match`: the candidates as CSV (rank,id,name,country,score,link_score,
 * shared_neighbours,sector_fit,foreign,reason; false on a write error) and
 * as JSON (NULL on ENOMEM).
 */
bool mc_match_csv(FILE *f, const struct mc_graph *g, const struct mc_tags *active,
                  const struct mc_match_result *r);
json_t *mc_match_json(const struct mc_graph *g, const struct mc_tags *active,
                      const struct mc_match_result *r);

/* `compare`: the agreement as one CSV row under its header, and as JSON (NULL on ENOMEM). */
void mc_partition_agreement_csv(FILE *f, const struct mc_partition_agreement *r);
json_t *mc_partition_agreement_json(const struct mc_partition_agreement *r);

#endif
