#ifndef METACLUST_EXPORT_H
#define METACLUST_EXPORT_H

/*
 * Writing a graph with its node attributes (and optionally the analysis
 * results) for Gephi, Cytoscape, yEd, Pajek and Graphviz.
 *
 * GraphML goes through igraph's writer (it needs the C attribute handler that
 * mc_igraph_setup installs). GML, Pajek and DOT are written here, because the
 * igraph 0.10.2 writers mishandle them (methods.md B3.15-17): DOT reals in
 * exponent notation unquoted, GML attribute names and NaN values, Pajek
 * quotes and newlines.
 *
 * Node attributes: label (the name, which Gephi and yEd display), node_id
 * (the dataset id), name, country, region, sectors (";"-separated), type,
 * lat, lon, esca_label, then the extra columns of nodes.csv (names reduced to
 * letters, digits and '_', prefixed "x_" when they clash). With analysis:
 * the centralities, community, community_size, confidence, within_z,
 * participation, role, and the display hints r, g, b (community colour: the
 * 20 largest communities get the tab20 palette, others grey) and size (from
 * PageRank) that Gephi's GraphML importer reads. Edges carry `weight`.
 * Missing numbers (no coordinates, NaN) are left out of the node.
 * GML keys are the same names in camelCase (GML allows letters and digits).
 *
 * VOSviewer (JSON map, opened by VOSviewer and VOSviewer Online) and GEXF 1.3
 * (Gephi, Gephi Lite) also carry a drawing: positions from `an->position`,
 * clusters (VOSviewer: community + 1) and colours (GEXF: the figures'
 * palette, community k in slot k, beyond the twelfth grey) from
 * `an->membership`, sizes from PageRank. VOSviewer items have the dataset's
 * attributes in `description` (HTML), the centralities and roles in
 * `scores`, and Links / Total link strength in `weights`.
 */

#include <stdbool.h>
#include <stdio.h>

#include <igraph.h>

#include "metaclust/centrality.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"

enum mc_export_format {
    MC_EXPORT_GRAPHML = 0,
    MC_EXPORT_GML,
    MC_EXPORT_PAJEK,
    MC_EXPORT_DOT,
    MC_EXPORT_VOSVIEWER,
    MC_EXPORT_GEXF
};

/* "graphml", "gml", "pajek" (also "net"), "dot" (also "gv"), "vosviewer" (also "json"), "gexf". */
bool mc_export_format_parse(const char *s, enum mc_export_format *out);
/* From a file name's extension (.graphml .gml .net .dot .gv .json .gexf); false when unknown. */
bool mc_export_format_from_path(const char *path, enum mc_export_format *out);
const char *mc_export_format_name(enum mc_export_format f);

/* Analysis results to attach; every pointer may be NULL. Vectors are per vertex. */
struct mc_export_analysis {
    const struct mc_centrality *centrality;
    const igraph_vector_int_t *membership; /* canonical: community 0 is the largest */
    const igraph_vector_t *confidence;
    const igraph_vector_t *within_z;
    const igraph_vector_t *participation;
    const igraph_matrix_t *position; /* n x 2 layout, x right, y up (VOSviewer, GEXF) */
};

/* True for the formats that carry positions and colours (VOSviewer, GEXF). */
bool mc_export_format_drawn(enum mc_export_format f);

/*
 * Writes `g` (and `an`, which may be NULL) to `f` in format `fmt`. Errors: MC_E_IGRAPH (the GraphML
 * writer), MC_E_NOMEM, MC_E_IO (write errors are left to the caller's commit). Time complexity: O(n
 * a + m), a the number of attributes.
 */
enum mc_status mc_export_write(const struct mc_graph *g, const struct mc_export_analysis *an,
                               enum mc_export_format fmt, FILE *f, struct mc_error *err);

#endif
