/*
 * The network figure: the view's vertices coloured by community, country or
 * dominant sector, sized by a centrality, laid out by the chosen layout; in
 * a country layout of a big graph, the lines between two countries merged
 * into one.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figure_internal.h"
#include "metaclust/countries.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/layout.h"
#include "metaclust/palette.h"
#include "metaclust/report.h"

/* The two largest country shares of a group of vertices: " DE 41%, FR 12%". */
static void country_mix(const struct mc_dataset *ds, const struct mc_graph *g,
                        const igraph_integer_t *vs, size_t k, size_t *count, char *buf, size_t sz) {
    size_t best[2] = {SIZE_MAX, SIZE_MAX};
    buf[0] = '\0';
    memset(count, 0, ds->countries.n * sizeof *count);
    for (size_t i = 0; i < k; i++) {
        if (g->country[vs[i]] >= 0) {
            count[g->country[vs[i]]]++;
        }
    }
    for (size_t c = 0; c < ds->countries.n; c++) {
        if (count[c] == 0) {
            continue;
        }
        if (best[0] == SIZE_MAX || count[c] > count[best[0]]) {
            best[1] = best[0];
            best[0] = c;
        } else if (best[1] == SIZE_MAX || count[c] > count[best[1]]) {
            best[1] = c;
        }
    }
    for (int j = 0; j < 2 && k > 0; j++) {
        if (best[j] != SIZE_MAX) {
            mc_fig_caption_append(buf, sz, "%s %s %.0f%%", j ? "," : ":",
                                  ds->countries.keys[best[j]],
                                  100.0 * (double)count[best[j]] / (double)k);
        }
    }
}

/* Slots by community (0 the largest; beyond the palette: "other"), with the legend. */
static enum mc_status colour_by_community(struct mc_figdata *d, const struct mc_dataset *ds,
                                          const struct mc_graph *g, const igraph_vector_int_t *memb,
                                          igraph_integer_t ncomm, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_integer_t shown = ncomm < MC_PALETTE_COLOURS ? ncomm : MC_PALETTE_COLOURS;
    igraph_integer_t *vs = malloc(((size_t)g->n + 1) * sizeof *vs);
    size_t *count = calloc(ds->countries.n + 1, sizeof *count), other = 0;
    d->legend = calloc((size_t)shown + 2, sizeof *d->legend);
    d->legend_text = calloc((size_t)shown + 2, sizeof *d->legend_text);
    if (!vs || !count || !d->legend || !d->legend_text) {
        rc = mc_fig_nomem(err);
        goto out;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        igraph_integer_t c = VECTOR(*memb)[v];
        d->slot[v] = c < MC_PALETTE_COLOURS ? (int)c : MC_PALETTE_OTHER;
        other += c >= MC_PALETTE_COLOURS;
    }
    for (igraph_integer_t c = 0; c < shown; c++) {
        size_t k = 0;
        char mix[96], cnt[32], buf[192];
        for (igraph_integer_t v = 0; v < g->n; v++) {
            if (VECTOR(*memb)[v] == c) {
                vs[k++] = v;
            }
        }
        country_mix(ds, g, vs, k, count, mix, sizeof mix);
        snprintf(buf, sizeof buf, "C%" IGRAPH_PRId " (%s)%s", c + 1, mc_fmt_count(cnt, k), mix);
        d->legend_text[d->n_legend] = strdup(buf);
        d->legend[d->n_legend].slot = (int)c;
        d->n_legend++;
    }
    if (other > 0) {
        char cnt[32], cnt2[32], buf[128];
        snprintf(buf, sizeof buf, "%s smaller (%s)", mc_fmt_count(cnt2, (size_t)(ncomm - shown)),
                 mc_fmt_count(cnt, other));
        d->legend_text[d->n_legend] = strdup(buf);
        d->legend[d->n_legend].slot = MC_PALETTE_OTHER;
        d->n_legend++;
    }
    for (size_t i = 0; i < d->n_legend; i++) {
        if (d->legend_text[i] == NULL) {
            rc = mc_fig_nomem(err);
            goto out;
        }
        d->legend[i].text = d->legend_text[i];
    }
    snprintf(d->colour_title, sizeof d->colour_title, "Community (nodes): main countries");
out:
    free(vs);
    free(count);
    return rc;
}

#define FLOW_LIMIT 1000 /* country layout: above this many edges, flows between countries */

/*
 * The edges to draw in a country layout of a big graph: every edge inside a
 * country as it is, and one edge per pair of countries, between the two
 * countries' strongest members, weighing the pair's total weight. Thousands
 * of parallel lines between two discs become one line a reader can follow.
 * `flows` and `fw` are initialised by the caller.
 */
static enum mc_status country_flows(const struct mc_graph *g, igraph_t *flows, igraph_vector_t *fw,
                                    bool *built, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    size_t nc = g->ds->countries.n + 1; /* the last: no country */
    igraph_integer_t m = igraph_ecount(&g->ig), k = 0;
    igraph_integer_t *rep = malloc(nc * sizeof *rep);
    struct mc_fig_qedge *qe = malloc(((size_t)m + 1) * sizeof *qe);
    igraph_vector_t str;
    igraph_vector_int_t ev;
    igraph_vector_init(&str, 0);
    igraph_vector_int_init(&ev, 0);
    igraph_vector_clear(fw);
    if (!rep || !qe) {
        rc = mc_fig_nomem(err);
        goto out;
    }
    if ((rc = mc_igraph_status(
             igraph_strength(&g->ig, &str, igraph_vss_all(), IGRAPH_ALL, 0, &g->weight), err,
             "strength")) != MC_OK) {
        goto out;
    }
#define COUNTRY_OF(v) (g->country[v] >= 0 ? (size_t)g->country[v] : nc - 1)
    for (size_t c = 0; c < nc; c++) {
        rep[c] = -1;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        size_t c = COUNTRY_OF(v);
        if (rep[c] < 0 || VECTOR(str)[v] > VECTOR(str)[rep[c]]) {
            rep[c] = v;
        }
    }
    for (igraph_integer_t e = 0; e < m && rc == MC_OK; e++) {
        igraph_integer_t a = IGRAPH_FROM(&g->ig, e), b = IGRAPH_TO(&g->ig, e);
        size_t ca = COUNTRY_OF(a), cb = COUNTRY_OF(b);
        if (ca == cb) {
            rc = mc_igraph_status(igraph_vector_int_push_back(&ev, a), err, "flows");
            rc = rc ? rc : mc_igraph_status(igraph_vector_int_push_back(&ev, b), err, "flows");
            rc = rc ? rc
                    : mc_igraph_status(igraph_vector_push_back(fw, VECTOR(g->weight)[e]), err,
                                       "flows");
        } else {
            qe[k].a = (igraph_integer_t)(ca < cb ? ca : cb);
            qe[k].b = (igraph_integer_t)(ca < cb ? cb : ca);
            qe[k].w = VECTOR(g->weight)[e];
            k++;
        }
    }
#undef COUNTRY_OF
    if (rc == MC_OK) {
        rc = mc_fig_merge_pairs(qe, k, rep, &ev, fw, err);
    }
    if (rc == MC_OK) {
        rc = mc_igraph_status(igraph_create(flows, &ev, g->n, IGRAPH_UNDIRECTED), err, "flows");
        *built = rc == MC_OK;
    }
out:
    free(rep);
    free(qe);
    igraph_vector_destroy(&str);
    igraph_vector_int_destroy(&ev);
    return rc;
}

/* ==== The network figure ==== */

enum mc_status mc_fig_network(const struct mc_dataset *ds, const struct mc_graph *g,
                              const struct mc_figure_options *fig, const char *path,
                              struct mc_figure_info *info, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct mc_figdata d;
    struct mc_layout_options lo;
    struct mc_layout_info li;
    struct mc_render_options ro = fig->render;
    igraph_matrix_t pos;
    igraph_vector_int_t memb;
    igraph_t flows;
    igraph_vector_t fw;
    bool have_flows = false;
    igraph_integer_t ncomm = 0;
    double modularity = NAN;
    double *lat = NULL, *lon = NULL, *rad = NULL;
    const char **country = NULL; /* country layout: the name written on each country's group */
    char a[32], b[32];

    memset(&d, 0, sizeof d);
    igraph_matrix_init(&pos, 0, 0);
    igraph_vector_int_init(&memb, 0);
    igraph_vector_init(&fw, 0);
    d.slot = calloc((size_t)g->n + 1, sizeof *d.slot);
    d.size = calloc((size_t)g->n + 1, sizeof *d.size);
    d.label = calloc((size_t)g->n + 1, sizeof *d.label);
    lat = calloc((size_t)g->n + 1, sizeof *lat);
    lon = calloc((size_t)g->n + 1, sizeof *lon);
    rad = calloc((size_t)g->n + 1, sizeof *rad);
    if (!d.slot || !d.size || !d.label || !lat || !lon || !rad) {
        rc = mc_fig_nomem(err);
        goto out;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        d.label[v] = mc_graph_name(g, v);
        lat[v] = ds->node_lat[g->node[v]];
        lon[v] = ds->node_lon[g->node[v]];
    }
    switch (fig->colour) {
    case MC_FIGURE_COLOUR_COUNTRY:
    case MC_FIGURE_COLOUR_SECTOR:
        rc = mc_fig_colour_by_category(&d, ds, g->node, g->n, fig, err);
        break;
    case MC_FIGURE_COLOUR_NONE:
        break;
    default:
        if ((rc = mc_fig_view_communities(g, fig, &memb, &ncomm, &modularity, err)) == MC_OK) {
            rc = colour_by_community(&d, ds, g, &memb, ncomm, err);
        }
        break;
    }
    if (rc != MC_OK || (rc = mc_fig_node_sizes(&d, g, &g->ig, &g->weight, fig, err)) != MC_OK) {
        goto out;
    }

    mc_layout_options_init(&lo);
    lo.kind = fig->layout;
    lo.seed = fig->seed;
    lo.lat = lat;
    lo.lon = lon;
    lo.group = g->country;
    lo.group_code = ds->countries.keys;
    lo.n_groups = ds->countries.n;
    if (igraph_vector_int_size(&memb) == g->n) { /* auto: the communities drawn make the regions */
        lo.community = VECTOR(memb);
    }
    if (fig->layout == MC_LAYOUT_GEO) {
        /* fixed node sizes on a map: the layout keeps discs of these radii apart */
        double vmax = 0, plot = fmin(ro.width - 300, ro.height - 120);
        for (igraph_integer_t v = 0; fig->size != MC_FIGURE_SIZE_NONE && v < g->n; v++) {
            vmax = fmax(vmax, d.size[v]);
        }
        ro.node_radius = fmax(1.0, fmin(4.5, 0.12 * plot / sqrt((double)g->n + 1)));
        for (igraph_integer_t v = 0; v < g->n; v++) {
            rad[v] = mc_render_radius(ro.node_radius,
                                      fig->size != MC_FIGURE_SIZE_NONE ? d.size[v] : 0, vmax) /
                     fmax(plot, 100);
        }
        lo.radius = rad;
    }
    if ((rc = mc_layout_compute(&g->ig, &g->weight, &lo, &pos, &li, err)) != MC_OK) {
        goto out;
    }

    if (fig->title) {
        snprintf(d.title, sizeof d.title, "%s", fig->title);
    } else if (g->view.sector >= 0) {
        snprintf(d.title, sizeof d.title, "%s — sector %s", ds->name, mc_graph_sector_name(g));
    } else {
        snprintf(d.title, sizeof d.title, "%s — all sectors", ds->name);
    }
    snprintf(d.caption, sizeof d.caption, "Dataset %s, %s%s: %s nodes, %s edges", ds->name,
             g->view.sector >= 0 ? "sector " : "",
             g->view.sector >= 0 ? mc_graph_sector_name(g) : "all sectors",
             mc_fmt_count(a, (size_t)g->n), mc_fmt_count(b, (size_t)igraph_ecount(&g->ig)));
    if (fig->colour == MC_FIGURE_COLOUR_COMMUNITY && isfinite(modularity)) {
        mc_fig_caption_append(d.caption, sizeof d.caption, ", %s communities, modularity %.3f",
                              mc_fmt_count(b, (size_t)ncomm), modularity);
    }
    mc_fig_caption_append(d.caption, sizeof d.caption, ". Layout %s", mc_layout_name(li.used));
    if (fig->layout == MC_LAYOUT_AUTO) {
        mc_fig_caption_append(d.caption, sizeof d.caption, " (auto)");
    }
    mc_fig_caption_append(d.caption, sizeof d.caption, ", seed %lu.", fig->seed);
    if (li.regions > 1) {
        mc_fig_caption_append(d.caption, sizeof d.caption,
                              " The %s communities of the largest component placed first, "
                              "each in its own region.",
                              mc_fmt_count(a, (size_t)li.regions));
    }
    if (li.components > 1) {
        mc_fig_caption_append(d.caption, sizeof d.caption,
                              " %s connected components, packed around the largest.",
                              mc_fmt_count(a, (size_t)li.components));
    }
    if (fig->layout == MC_LAYOUT_GEO || fig->layout == MC_LAYOUT_COUNTRY) {
        mc_fig_caption_append(
            d.caption, sizeof d.caption, " Equirectangular projection centred at %.1f°%s %.1f°%s.",
            fabs(li.lat0), li.lat0 >= 0 ? "N" : "S", fabs(li.lon0), li.lon0 >= 0 ? "E" : "W");
        if (fig->layout == MC_LAYOUT_COUNTRY) {
            mc_fig_caption_append(
                d.caption, sizeof d.caption,
                " Each country's nodes around its centre (%s), countries pushed apart "
                "so that they do not overlap.",
                li.located > 0 ? "the mean position of its located members, else a "
                                 "built-in table of country centres"
                               : "from a built-in table of country centres");
        } else if (li.by_country > 0) {
            mc_fig_caption_append(d.caption, sizeof d.caption,
                                  " %s %s without coordinates placed at their country's centre.",
                                  mc_fmt_count(a, (size_t)li.by_country),
                                  li.by_country == 1 ? "node" : "nodes");
        }
        if (li.unplaced > 0) {
            mc_fig_caption_append(
                d.caption, sizeof d.caption, " %s %s with no known place shown below the map.",
                mc_fmt_count(a, (size_t)li.unplaced), li.unplaced == 1 ? "node" : "nodes");
        }
    }
    snprintf(d.edge_title, sizeof d.edge_title, "Line width: %s",
             g->stats.groups > 0 ? "shared groups (edge weight)" : "edge weight");

    struct mc_scene sc;
    memset(&sc, 0, sizeof sc);
    sc.g = &g->ig;
    sc.weight = &g->weight;
    if (fig->layout == MC_LAYOUT_COUNTRY && igraph_ecount(&g->ig) > FLOW_LIMIT) {
        if ((rc = country_flows(g, &flows, &fw, &have_flows, err)) != MC_OK) {
            goto out;
        }
        sc.g = &flows;
        sc.weight = &fw;
        snprintf(d.edge_title, sizeof d.edge_title,
                 "Line width: weight; between two countries, their total, drawn between their "
                 "strongest members");
        mc_fig_caption_append(
            d.caption, sizeof d.caption,
            " Lines between countries are aggregated: one per pair of countries.");
    }
    sc.pos = &pos;
    sc.slot = d.slot;
    sc.size = fig->size != MC_FIGURE_SIZE_NONE ? d.size : NULL;
    sc.label = d.label;
    sc.title = d.title;
    sc.caption = d.caption;
    sc.colour_title = d.n_legend ? d.colour_title : NULL;
    sc.colours = d.legend;
    sc.n_colours = d.n_legend;
    sc.size_title = fig->size != MC_FIGURE_SIZE_NONE ? d.size_title : NULL;
    sc.edge_title = d.edge_title;
    if (li.used == MC_LAYOUT_COUNTRY) { /* each country's group carries its name */
        if ((country = calloc(ds->countries.n + 1, sizeof *country)) == NULL) {
            rc = mc_fig_nomem(err);
            goto out;
        }
        for (size_t c = 0; c < ds->countries.n; c++) {
            const struct mc_country_info *ci = mc_country_find(ds->countries.keys[c]);
            country[c] = ci ? ci->name : ds->countries.keys[c];
        }
        sc.n_groups = ds->countries.n;
        sc.group = g->country;
        sc.group_name = country;
    }

    char what[64];
    snprintf(what, sizeof what, "%s layout", mc_layout_name(li.used));
    rc = mc_fig_write(&sc, &ro, what, path, info, err);
out:
    if (have_flows) {
        igraph_destroy(&flows);
    }
    igraph_vector_destroy(&fw);
    igraph_matrix_destroy(&pos);
    igraph_vector_int_destroy(&memb);
    mc_figdata_destroy(&d);
    free(lat);
    free(lon);
    free(rad);
    free(country);
    return rc;
}
