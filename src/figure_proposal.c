/*
 * One proposal's figure: its members (the subgraph they induce in the view),
 * their roles as shapes, the coordinator ringed, and the suggested first
 * links dashed; read from propose's output files.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figure_internal.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/layout.h"
#include "metaclust/proposals_io.h"
#include "metaclust/report.h"

/* ==== Subgraphs and quotients ==== */

/*
 * The subgraph of g induced by the vertices vs[0..k) (vertex i of `sub` is
 * vs[i]), with its weights in `w` (initialised by the caller). `sub` is
 * initialised here when the call succeeds.
 */
static enum mc_status induced(const struct mc_graph *g, const igraph_integer_t *vs,
                              igraph_integer_t k, igraph_t *sub, igraph_vector_t *w,
                              struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_vector_int_t inc, ev;
    igraph_integer_t *loc = malloc(((size_t)g->n + 1) * sizeof *loc);
    igraph_vector_int_init(&inc, 0);
    igraph_vector_int_init(&ev, 0);
    igraph_vector_clear(w);
    if (loc == NULL) {
        rc = mc_fig_nomem(err);
        goto out;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        loc[v] = -1;
    }
    for (igraph_integer_t i = 0; i < k; i++) {
        loc[vs[i]] = i;
    }
    for (igraph_integer_t i = 0; i < k && rc == MC_OK; i++) {
        rc = mc_igraph_status(igraph_incident(&g->ig, &inc, vs[i], IGRAPH_ALL), err, "subgraph");
        for (igraph_integer_t q = 0; rc == MC_OK && q < igraph_vector_int_size(&inc); q++) {
            igraph_integer_t e = VECTOR(inc)[q], u = IGRAPH_OTHER(&g->ig, e, vs[i]);
            if (loc[u] > i) { /* each edge once, from its first end */
                rc = mc_igraph_status(igraph_vector_int_push_back(&ev, i), err, "subgraph");
                if (rc == MC_OK) {
                    rc =
                        mc_igraph_status(igraph_vector_int_push_back(&ev, loc[u]), err, "subgraph");
                }
                if (rc == MC_OK) {
                    rc = mc_igraph_status(igraph_vector_push_back(w, VECTOR(g->weight)[e]), err,
                                          "subgraph");
                }
            }
        }
    }
    if (rc == MC_OK) {
        rc = mc_igraph_status(igraph_create(sub, &ev, k, IGRAPH_UNDIRECTED), err, "subgraph");
    }
out:
    free(loc);
    igraph_vector_int_destroy(&inc);
    igraph_vector_int_destroy(&ev);
    return rc;
}

/*
 * The quotient of g by grp (vertex -> group 0..ng-1, or -1 to leave it out):
 * one vertex per group, the weights of the edges between two groups summed,
 * edges inside a group dropped (methods.md A6, "community quotient map").
 * `w` (initialised by the caller) receives the weights.
 */
/* ==== One proposal ==== */

static uint8_t role_shape(const char *role, bool *coordinator) {
    *coordinator = strcmp(role, "coordinator") == 0;
    if (*coordinator) {
        return MC_SHAPE_STAR;
    }
    if (strcmp(role, "hub") == 0) {
        return MC_SHAPE_SQUARE;
    }
    if (strcmp(role, "connector") == 0) {
        return MC_SHAPE_DIAMOND;
    }
    return MC_SHAPE_CIRCLE;
}

enum mc_status mc_fig_proposal(const struct mc_dataset *ds, const struct mc_graph *g,
                               const struct mc_figure_options *fig, const char *path,
                               struct mc_figure_info *info, struct mc_error *err) {
    static const struct mc_legend_entry roles[] = {{"coordinator", 0, MC_SHAPE_STAR},
                                                   {"hub", 0, MC_SHAPE_SQUARE},
                                                   {"connector", 0, MC_SHAPE_DIAMOND},
                                                   {"peripheral", 0, MC_SHAPE_CIRCLE}};
    enum mc_status rc = MC_OK;
    struct mc_proposals_io set;
    const struct mc_prop *p = NULL;
    struct mc_figdata d;
    struct mc_layout_options lo;
    struct mc_layout_info li;
    struct mc_render_options ro = fig->render;
    struct mc_figure_options cf = *fig;
    igraph_t sub;
    bool have_sub = false;
    igraph_vector_t w;
    igraph_matrix_t pos;
    igraph_integer_t *vs = NULL, *dfrom = NULL, *dto = NULL, k = 0, nd = 0;
    int32_t *node = NULL;
    uint8_t *shape = NULL, *ring = NULL;
    double *lat = NULL, *lon = NULL, *dscore = NULL;
    char a[32], coordinator[320];

    memset(&d, 0, sizeof d);
    mc_proposals_io_init(&set);
    igraph_vector_init(&w, 0);
    igraph_matrix_init(&pos, 0, 0);
    if ((rc = mc_proposals_io_read(&set, fig->proposals_dir, err)) != MC_OK ||
        (rc = mc_proposals_io_require(&set, fig->proposals_dir, fig->proposal, &p, err)) != MC_OK) {
        goto out;
    }
    if (strcmp(p->sector, mc_fig_view_sector(g)) != 0 && strcmp(p->sector, "cross-sector") != 0) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "--proposal: '%s' is a proposal of sector '%s', not of '%s' (leave out "
                          "--sector)",
                          p->id, p->sector, mc_fig_view_sector(g));
        goto out;
    }
    size_t nm = p->n_member;
    vs = calloc(nm + 1, sizeof *vs);
    node = calloc(nm + 1, sizeof *node);
    shape = calloc(nm + 1, sizeof *shape);
    ring = calloc(nm + 1, sizeof *ring);
    lat = calloc(nm + 1, sizeof *lat);
    lon = calloc(nm + 1, sizeof *lon);
    dfrom = calloc(set.n_link + 1, sizeof *dfrom);
    dto = calloc(set.n_link + 1, sizeof *dto);
    dscore = calloc(set.n_link + 1, sizeof *dscore);
    d.slot = calloc(nm + 1, sizeof *d.slot);
    d.size = calloc(nm + 1, sizeof *d.size);
    d.label = calloc(nm + 1, sizeof *d.label);
    if (!vs || !node || !shape || !ring || !lat || !lon || !dfrom || !dto || !dscore || !d.slot ||
        !d.size || !d.label) {
        rc = mc_fig_nomem(err);
        goto out;
    }
    for (size_t i = 0; i < nm; i++) {
        long ni = mc_intern_find(&ds->ids, p->member[i], strlen(p->member[i]));
        igraph_integer_t v = ni >= 0 ? g->vertex_of[ni] : -1;
        if (v < 0) {
            rc = mc_error_set(err, MC_E_DATA, NULL, 0,
                              "proposal '%s': member '%s' is not in the %s view of '%s'", p->id,
                              p->member[i], mc_fig_view_sector(g), ds->name);
            goto out;
        }
        vs[k] = v;
        node[k] = g->node[v];
        d.label[k] = mc_graph_name(g, v);
        lat[k] = ds->node_lat[node[k]];
        lon[k] = ds->node_lon[node[k]];
        bool co = strcmp(p->member[i], p->coordinator_id) == 0;
        shape[k] = co ? MC_SHAPE_STAR : MC_SHAPE_CIRCLE;
        for (size_t r = 0; r < set.n_member; r++) {
            const struct mc_prop_member *m = &set.member[r];
            if (strcmp(m->proposal, p->id) == 0 && strcmp(m->id, p->member[i]) == 0) {
                shape[k] = role_shape(m->role, &co);
            }
        }
        ring[k] = co;
        if (co) { /* the coordinator is named as such on the figure */
            snprintf(coordinator, sizeof coordinator, "%s (coordinator)", d.label[k]);
            d.label[k] = coordinator;
        }
        k++;
    }
    for (size_t r = 0; r < set.n_link; r++) {
        const struct mc_prop_link *l = &set.link[r];
        igraph_integer_t x = -1, y = -1;
        if (strcmp(l->proposal, p->id) != 0) {
            continue;
        }
        for (igraph_integer_t i = 0; i < k; i++) {
            x = strcmp(p->member[i], l->source) == 0 ? i : x;
            y = strcmp(p->member[i], l->target) == 0 ? i : y;
        }
        if (x < 0 || y < 0) {
            rc = mc_error_set(err, MC_E_DATA, NULL, 0,
                              "%s/missing_links.csv: proposal '%s': suggested link %s — %s: '%s' "
                              "is not a member of the proposal",
                              fig->proposals_dir, p->id, l->source, l->target,
                              x < 0 ? l->source : l->target);
            goto out;
        }
        dfrom[nd] = x;
        dto[nd] = y;
        dscore[nd] = l->score;
        nd++;
    }
    if ((rc = induced(g, vs, k, &sub, &w, err)) != MC_OK) {
        goto out;
    }
    have_sub = true;
    if (cf.colour == MC_FIGURE_COLOUR_COMMUNITY) {
        cf.colour = MC_FIGURE_COLOUR_COUNTRY; /* one group: its members by country */
    }
    if (cf.colour != MC_FIGURE_COLOUR_NONE &&
        (rc = mc_fig_colour_by_category(&d, ds, node, k, &cf, err)) != MC_OK) {
        goto out;
    }
    if (cf.size == MC_FIGURE_SIZE_PAGERANK || cf.size == MC_FIGURE_SIZE_BETWEENNESS) {
        cf.size = MC_FIGURE_SIZE_STRENGTH; /* inside one small group, its own ties tell most */
    }
    if ((rc = mc_fig_node_sizes(&d, NULL, &sub, &w, &cf, err)) != MC_OK) {
        goto out;
    }
    if (cf.size == MC_FIGURE_SIZE_STRENGTH) {
        snprintf(d.size_title, sizeof d.size_title, "Node area: strength inside the group");
    }
    mc_layout_options_init(&lo);
    lo.kind = fig->layout == MC_LAYOUT_AUTO ? MC_LAYOUT_COUNTRY : fig->layout;
    lo.seed = fig->seed;
    lo.lat = lat;
    lo.lon = lon;
    int32_t *grp = calloc((size_t)k + 1, sizeof *grp);
    if (grp == NULL) {
        rc = mc_fig_nomem(err);
        goto out;
    }
    for (igraph_integer_t i = 0; i < k; i++) {
        grp[i] = ds->node_country[node[i]];
    }
    lo.group = grp;
    lo.group_code = ds->countries.keys;
    lo.n_groups = ds->countries.n;
    lo.spacing = 0.03;
    rc = mc_layout_compute(&sub, &w, &lo, &pos, &li, err);
    free(grp);
    if (rc != MC_OK) {
        goto out;
    }
    if (ro.labels == MC_LABELS_AUTO) {
        ro.labels = MC_LABELS_ALL;
    }
    if (lo.kind == MC_LAYOUT_GEO) {
        ro.node_radius = 6;
    }
    snprintf(d.title, sizeof d.title, "%s", fig->title ? fig->title : "");
    if (fig->title == NULL) {
        snprintf(d.title, sizeof d.title, "Proposal %s: %zu members from %ld countries", p->id, nm,
                 p->countries);
    }
    long co = mc_intern_find(&ds->ids, p->coordinator_id, strlen(p->coordinator_id));
    snprintf(d.caption, sizeof d.caption, "Dataset %s, sector %s. Coordinator: %s%s%s%s", ds->name,
             p->sector, p->coordinator_name[0] ? p->coordinator_name : p->coordinator_id,
             co >= 0 && ds->node_country[co] >= 0 ? " (" : "",
             co >= 0 ? mc_dataset_country_name(ds, ds->node_country[co]) : "",
             co >= 0 && ds->node_country[co] >= 0 ? ")" : "");
    mc_fig_caption_append(d.caption, sizeof d.caption,
                          ". Score %.2f (cohesion %.2f, diversity %.2f, cross-border share %.2f, "
                          "stability %.2f), rank %ld in its sector.",
                          p->score, p->cohesion, p->diversity, p->cross_border_share, p->stability,
                          p->rank);
    if (nd > 0) {
        mc_fig_caption_append(
            d.caption, sizeof d.caption,
            " Red dashed curves: %s suggested first %s between members in different countries "
            "that do not cooperate yet (missing_links.csv), drawn above the existing ties; the "
            "number on each is its score.",
            mc_fmt_count(a, (size_t)nd), nd == 1 ? "link" : "links");
    }
    mc_fig_caption_append(d.caption, sizeof d.caption, " Layout %s, seed %lu.",
                          mc_layout_name(lo.kind), fig->seed);
    snprintf(d.edge_title, sizeof d.edge_title, "Line width: edge weight");

    struct mc_scene sc;
    memset(&sc, 0, sizeof sc);
    sc.g = &sub;
    sc.weight = &w;
    sc.pos = &pos;
    sc.slot = d.slot;
    sc.size = cf.size != MC_FIGURE_SIZE_NONE ? d.size : NULL;
    sc.label = d.label;
    sc.shape = shape;
    sc.ring = ring;
    sc.n_dashed = (size_t)nd;
    sc.dashed_from = dfrom;
    sc.dashed_to = dto;
    sc.dashed_score = dscore;
    sc.title = d.title;
    sc.caption = d.caption;
    sc.colour_title = d.n_legend ? d.colour_title : NULL;
    sc.colours = d.legend;
    sc.n_colours = d.n_legend;
    sc.size_title = sc.size ? d.size_title : NULL;
    sc.shapes = roles;
    sc.n_shapes = set.have_members ? MC_ARRAY_SIZE(roles) : 1;
    sc.dashed_title = "suggested first link; its number: the score, shared partners each "
                      "weighted 1/their number of partners (resource allocation)";
    sc.edge_title = d.edge_title;
    rc = mc_fig_write(&sc, &ro, "proposal", path, info, err);
out:
    if (have_sub) {
        igraph_destroy(&sub);
    }
    igraph_vector_destroy(&w);
    igraph_matrix_destroy(&pos);
    mc_proposals_io_destroy(&set);
    mc_figdata_destroy(&d);
    free(vs);
    free(node);
    free(shape);
    free(ring);
    free(lat);
    free(lon);
    free(dfrom);
    free(dto);
    free(dscore);
    return rc;
}
