#ifndef METACLUST_REPORT_TABLE_H
#define METACLUST_REPORT_TABLE_H

/*
 * The `--format table` writers of every command: plain text for people, in
 * fixed-width columns. They live together, one function per table, so that
 * column widths and text rendering change in one place. CSV and JSON are
 * analysis_report.h's.
 */

#include <stddef.h>
#include <stdio.h>

#include <igraph.h>

#include "metaclust/analysis_report.h"
#include "metaclust/centrality.h"
#include "metaclust/community.h"
#include "metaclust/dataset.h"
#include "metaclust/graph.h"
#include "metaclust/match.h"
#include "metaclust/summary.h"

/* `metaclust info`: the dataset, its view, countries and sectors. */
void mc_info_table(FILE *f, const struct mc_dataset *ds, const struct mc_graph *g,
                   const struct mc_summary *s);

/* `metaclust centrality`: id, name, country and the computed measures, rows in `order`. */
void mc_centrality_table(FILE *f, const struct mc_graph *g, const struct mc_centrality *c,
                         const igraph_integer_t *order, size_t n);

/* `metaclust communities`: one row per node, by (community, id), with its role. */
void mc_comm_table_table(FILE *f, const struct mc_comm_table *t);

/* `metaclust match`: the candidates, best first, each with its reason. */
void mc_match_table(FILE *f, const struct mc_graph *g, const struct mc_tags *active,
                    const struct mc_match_result *r);

/* `metaclust compare`: the agreement measures, one per line. */
void mc_partition_agreement_table(FILE *f, const struct mc_partition_agreement *r);

#endif
