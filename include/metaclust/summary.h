#ifndef METACLUST_SUMMARY_H
#define METACLUST_SUMMARY_H

/*
 * What `metaclust info` reports about a graph: size, weight, density,
 * connectivity, and node and edge counts per country and per sector.
 */

#include <stddef.h>
#include <stdint.h>

#include "metaclust/error.h"
#include "metaclust/graph.h"

struct mc_sector_summary {
    int32_t sector;
    size_t nodes, edges, isolated, groups, largest_group;
    double total_weight;
};

struct mc_summary {
    size_t nodes, edges;
    double total_weight;
    double density; /* edges / (n (n-1) / 2) */
    size_t components, largest_component, isolated;
    size_t *country_nodes; /* per dataset country index */
    size_t n_countries;
    size_t no_country;                 /* vertices without a country */
    struct mc_sector_summary *sectors; /* sorted by name */
    size_t n_sectors;
};

void mc_summary_init(struct mc_summary *s);
void mc_summary_destroy(struct mc_summary *s);

/*
 * Summarises `g`. For a whole-dataset graph, every sector's view is built
 * (edge lists only) to count its nodes and edges; for a sector graph, the
 * sector table holds that sector alone.
 * Time complexity: O(n + m) plus one view build per sector.
 */
enum mc_status mc_summary_compute(const struct mc_graph *g, struct mc_summary *s,
                                  struct mc_error *err);

#endif
