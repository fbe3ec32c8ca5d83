/*
 * The network figure: the view's vertices coloured by community, country or
 * dominant sector, sized by a centrality, laid out by the chosen layout; in
 * a country layout of a big graph, the lines between two countries merged
 * into one; in a geo layout, over a base map of the countries (basemap.h),
 * with only the strongest cross-border ties.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figure_internal.h"
#include "metaclust/basemap.h"
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

/* ==== Geo: the base map and the cross-border ties ==== */

#define GEO_CROSS_TIES 150  /* geo: at most this many ties between countries drawn */
#define GEO_MAP_MARGIN 2.5  /* the base map reaches this many extents beyond the nodes' centre */
#define GEO_MIN_VIEW   4.0  /* the map shows at least this many degrees (of latitude) across */
#define GEO_PIN_MARGIN 0.04 /* overseas nodes: pinned this share of the extent beyond Europe's */

/*
 * European data in LAEA: the few nodes outside Europe (home[v] false) are
 * pinned to the edge of a box around the others, in their direction, so that
 * one partner overseas does not shrink Europe to a corner of a world map.
 * The box takes the plot's shape (`aspect`, width / height), so that the
 * pinned nodes sit at the edge of the figure's map. Sets moved[v] for the
 * pinned, and returns how many they are.
 */
static igraph_integer_t pin_overseas(igraph_matrix_t *pos, const bool *home, const double *la,
                                     const double *lo, const struct mc_map_projection *p,
                                     double aspect, bool *moved) {
    igraph_integer_t n = igraph_matrix_nrow(pos), pinned = 0;
    double x0 = HUGE_VAL, x1 = -HUGE_VAL, y0 = HUGE_VAL, y1 = -HUGE_VAL;
    for (igraph_integer_t v = 0; v < n; v++) {
        if (home[v] && !isnan(MATRIX(*pos, v, 0))) {
            x0 = fmin(x0, MATRIX(*pos, v, 0));
            x1 = fmax(x1, MATRIX(*pos, v, 0));
            y0 = fmin(y0, MATRIX(*pos, v, 1));
            y1 = fmax(y1, MATRIX(*pos, v, 1));
        }
    }
    if (x0 > x1) {
        x0 = x1 = y0 = y1 = 0;
    }
    double m = GEO_PIN_MARGIN * fmax(x1 - x0, y1 - y0) + 0.5;
    x0 -= m, x1 += m, y0 -= m, y1 += m;
    double grow_x = fmax(0, (y1 - y0) * aspect - (x1 - x0)) / 2;
    double grow_y = fmax(0, (x1 - x0) / aspect - (y1 - y0)) / 2;
    x0 -= grow_x, x1 += grow_x, y0 -= grow_y, y1 += grow_y;
    for (igraph_integer_t v = 0; v < n; v++) {
        double x = MATRIX(*pos, v, 0), y = MATRIX(*pos, v, 1), dx, dy;
        if (home[v]) {
            continue;
        }
        if (isnan(x)) { /* LAEA gave up (towards the antipode): its direction only */
            mc_map_direction(p, la[v], lo[v], &dx, &dy);
            x = y = HUGE_VAL;
        } else {
            dx = x - (x0 + x1) / 2;
            dy = y - (y0 + y1) / 2;
        }
        moved[v] = mc_map_pin(x0, y0, x1, y1, dx, dy, &x, &y);
        pinned += moved[v];
        MATRIX(*pos, v, 0) = x;
        MATRIX(*pos, v, 1) = y;
    }
    return pinned;
}

/*
 * The projection of a geo figure, and the base map. The data is European
 * when its nodes are: their coordinates (lat, lon; NAN unknown), else their
 * country's centre. The layout's positions are equirectangular about (lat0,
 * lon0); for European data they are carried over to LAEA (EPSG:3035) through
 * their latitude and longitude, so that the nodes, nudged apart by the
 * layout, stay on their regions of the map. The nodes outside Europe are
 * pinned to its edge (pin_overseas; `aspect`: the plot's width / height):
 * moved[v] (n entries, all false on entry) is set for each, *pinned counts
 * them.
 */
static enum mc_status geo_basemap(const struct mc_graph *g, const double *lat, const double *lon,
                                  igraph_matrix_t *pos, double lat0, double lon0, double aspect,
                                  struct mc_map_projection *proj, struct mc_basemap *bm,
                                  igraph_integer_t *pinned, bool *moved, struct mc_error *err) {
    igraph_integer_t n = igraph_matrix_nrow(pos);
    double *la = malloc(((size_t)n + 1) * sizeof *la), *lo = malloc(((size_t)n + 1) * sizeof *lo);
    bool *home = malloc(((size_t)n + 1) * sizeof *home);
    enum mc_status rc = MC_OK;
    proj->kind = MC_MAP_EQUIRECT;
    proj->lat0 = lat0;
    proj->lon0 = lon0;
    *pinned = 0;
    if (!la || !lo || !home) {
        rc = mc_fig_nomem(err);
        goto out;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        const struct mc_country_info *ci =
            g->country[v] >= 0 ? mc_country_find(g->ds->countries.keys[g->country[v]]) : NULL;
        la[v] = !isnan(lat[v]) || ci == NULL ? lat[v] : ci->lat;
        lo[v] = !isnan(lon[v]) || ci == NULL ? lon[v] : ci->lon;
    }
    bool europe = mc_map_is_europe((size_t)n, la, lo);
    for (igraph_integer_t v = 0; v < n; v++) { /* unknown: the rows under the map */
        home[v] = isnan(la[v]) || isnan(lo[v]) || mc_map_in_europe(la[v], lo[v]);
        mc_map_unproject(proj, MATRIX(*pos, v, 0), MATRIX(*pos, v, 1), &la[v], &lo[v]);
    }
    if (europe) {
        struct mc_map_projection laea = {MC_MAP_LAEA, MC_LAEA_EUROPE_LAT0, MC_LAEA_EUROPE_LON0};
        for (igraph_integer_t v = 0; v < n; v++) {
            double x = NAN, y = NAN;
            mc_map_project(&laea, la[v], lo[v], &x, &y);
            MATRIX(*pos, v, 0) = x;
            MATRIX(*pos, v, 1) = y;
        }
        *proj = laea;
        *pinned = pin_overseas(pos, home, la, lo, proj, aspect, moved);
    }
    double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
    if (n > 0) { /* the columns of the n x 2 matrix */
        igraph_vector_t cx, cy;
        igraph_vector_minmax(igraph_vector_view(&cx, &MATRIX(*pos, 0, 0), n), &xmin, &xmax);
        igraph_vector_minmax(igraph_vector_view(&cy, &MATRIX(*pos, 0, 1), n), &ymin, &ymax);
    }
    double half = GEO_MAP_MARGIN * fmax(xmax - xmin, ymax - ymin) + 2 * GEO_MIN_VIEW;
    double xc = (xmin + xmax) / 2, yc = (ymin + ymax) / 2;
    rc = mc_basemap_init(bm, proj, xc - half, yc - half, xc + half, yc + half,
                         (const char *const *)g->ds->countries.keys, g->ds->countries.n, err);
    if (rc == MC_OK) { /* one city's nodes: still a map with its surroundings */
        double hx = fmax(xmax - xmin, GEO_MIN_VIEW) / 2, hy = fmax(ymax - ymin, GEO_MIN_VIEW) / 2;
        bm->view[0] = xc - hx;
        bm->view[1] = yc - hy;
        bm->view[2] = xc + hx;
        bm->view[3] = yc + hy;
        bm->map.view = bm->view;
    }
out:
    free(la);
    free(lo);
    free(home);
    return rc;
}

static int cmp_weight_desc(const void *a, const void *b) {
    const struct mc_fig_qedge *p = a, *q = b;
    if (p->w != q->w) {
        return p->w < q->w ? 1 : -1;
    }
    return (p->a > q->a) - (p->a < q->a); /* ties: by edge id, so the choice is deterministic */
}

/*
 * The ties a geo map draws: every tie inside a country, and the GEO_CROSS_TIES
 * strongest between countries (or with a node of no known country), so that
 * the map is not covered by long lines. `ties`, `tw` are initialised by the
 * caller; *cross receives the number of ties between countries.
 */
static enum mc_status geo_ties(const struct mc_graph *g, igraph_t *ties, igraph_vector_t *tw,
                               bool *built, igraph_integer_t *cross, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_integer_t m = igraph_ecount(&g->ig), k = 0;
    struct mc_fig_qedge *qe = malloc(((size_t)m + 1) * sizeof *qe);
    igraph_vector_int_t ev;
    igraph_vector_int_init(&ev, 0);
    igraph_vector_clear(tw);
    if (qe == NULL) {
        rc = mc_fig_nomem(err);
        goto out;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t a = IGRAPH_FROM(&g->ig, e), b = IGRAPH_TO(&g->ig, e);
        if (g->country[a] < 0 || g->country[a] != g->country[b]) {
            qe[k].a = e; /* here: the edge, not a group */
            qe[k].w = VECTOR(g->weight)[e];
            k++;
        }
    }
    *cross = k;
    qsort(qe, (size_t)k, sizeof *qe, cmp_weight_desc);
    for (igraph_integer_t e = 0; e < m && rc == MC_OK; e++) {
        igraph_integer_t a = IGRAPH_FROM(&g->ig, e), b = IGRAPH_TO(&g->ig, e);
        if (g->country[a] < 0 || g->country[a] != g->country[b]) {
            continue;
        }
        rc = mc_igraph_status(igraph_vector_int_push_back(&ev, a), err, "ties");
        rc = rc ? rc : mc_igraph_status(igraph_vector_int_push_back(&ev, b), err, "ties");
        rc = rc ? rc
                : mc_igraph_status(igraph_vector_push_back(tw, VECTOR(g->weight)[e]), err, "ties");
    }
    for (igraph_integer_t i = 0; i < k && i < GEO_CROSS_TIES && rc == MC_OK; i++) {
        igraph_integer_t e = qe[i].a;
        rc =
            mc_igraph_status(igraph_vector_int_push_back(&ev, IGRAPH_FROM(&g->ig, e)), err, "ties");
        rc = rc ? rc
                : mc_igraph_status(igraph_vector_int_push_back(&ev, IGRAPH_TO(&g->ig, e)), err,
                                   "ties");
        rc = rc ? rc : mc_igraph_status(igraph_vector_push_back(tw, qe[i].w), err, "ties");
    }
    if (rc == MC_OK) {
        rc = mc_igraph_status(igraph_create(ties, &ev, g->n, IGRAPH_UNDIRECTED), err, "ties");
        *built = rc == MC_OK;
    }
out:
    free(qe);
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
    struct mc_map_projection proj = {MC_MAP_EQUIRECT, 0, 0};
    struct mc_basemap bm;
    bool have_map = false;
    igraph_integer_t cross = 0, pinned = 0;
    igraph_integer_t ncomm = 0;
    double modularity = NAN;
    double *lat = NULL, *lon = NULL, *rad = NULL;
    const char **country = NULL; /* country layout: the name written on each country's group */
    bool *moved = NULL;          /* geo: the nodes pinned to the map's edge */
    char **pin_label = NULL;     /* their labels, with the country: "Boston (US)" */
    char a[32], b[32];

    memset(&d, 0, sizeof d);
    memset(&bm, 0, sizeof bm);
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

    mc_layout_options_graph(&lo, g, fig->layout, fig->seed, lat, lon);
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
    if (fig->memo != NULL && fig->memo->set) {
        li = fig->memo->info;
        if (igraph_matrix_update(&pos, &fig->memo->pos) != IGRAPH_SUCCESS) {
            rc = mc_fig_nomem(err);
            goto out;
        }
    } else if ((rc = mc_layout_compute(&g->ig, &g->weight, &lo, &pos, &li, err)) != MC_OK) {
        goto out;
    } else if (fig->memo != NULL) {
        if (igraph_matrix_update(&fig->memo->pos, &pos) != IGRAPH_SUCCESS) {
            rc = mc_fig_nomem(err);
            goto out;
        }
        fig->memo->info = li;
        fig->memo->set = true;
    }
    if (li.used == MC_LAYOUT_GEO && li.unplaced < g->n) { /* no place known: no map to draw */
        if (!(moved = calloc((size_t)g->n + 1, sizeof *moved)) ||
            !(pin_label = calloc((size_t)g->n + 1, sizeof *pin_label))) {
            rc = mc_fig_nomem(err);
            goto out;
        }
        if ((rc = geo_basemap(g, lat, lon, &pos, li.lat0, li.lon0,
                              fmax(ro.width - 300, 100) / fmax(ro.height - 120, 100), &proj, &bm,
                              &pinned, moved, err)) != MC_OK) {
            goto out;
        }
        have_map = true;
        for (igraph_integer_t v = 0; v < g->n; v++) {
            if (moved[v] && g->country[v] >= 0) { /* far from where it is drawn: say where */
                const char *name = d.label[v], *cc = ds->countries.keys[g->country[v]];
                size_t len = strlen(name) + strlen(cc) + 4;
                if ((pin_label[v] = malloc(len)) == NULL) {
                    rc = mc_fig_nomem(err);
                    goto out;
                }
                snprintf(pin_label[v], len, "%s (%s)", name, cc);
                d.label[v] = pin_label[v];
            }
        }
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
    if (have_map && proj.kind == MC_MAP_LAEA) {
        mc_fig_caption_append(d.caption, sizeof d.caption,
                              " %s projection centred at 52°N 10°E. Borders: Natural Earth.",
                              mc_map_projection_name(&proj));
    } else if ((fig->layout == MC_LAYOUT_GEO && li.unplaced < g->n) ||
               fig->layout == MC_LAYOUT_COUNTRY) { /* no projection where nothing is placed */
        mc_fig_caption_append(d.caption, sizeof d.caption,
                              " Equirectangular projection centred at %.1f°%s %.1f°%s.%s",
                              fabs(li.lat0), li.lat0 >= 0 ? "N" : "S", fabs(li.lon0),
                              li.lon0 >= 0 ? "E" : "W", have_map ? " Borders: Natural Earth." : "");
    }
    if (fig->layout == MC_LAYOUT_GEO || fig->layout == MC_LAYOUT_COUNTRY) {
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
        if (pinned > 0) {
            mc_fig_caption_append(d.caption, sizeof d.caption,
                                  " %s %s outside Europe drawn at the map's edge, in %s direction.",
                                  mc_fmt_count(a, (size_t)pinned), pinned == 1 ? "node" : "nodes",
                                  pinned == 1 ? "its" : "their");
        }
        if (li.unplaced > 0 && li.unplaced == g->n && fig->layout == MC_LAYOUT_GEO) {
            mc_fig_caption_append(d.caption, sizeof d.caption,
                                  " No node has coordinates or a known country: no map is drawn, "
                                  "the nodes stand in rows.");
        } else if (li.unplaced > 0) {
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
    if (have_map) {
        if ((rc = geo_ties(g, &flows, &fw, &have_flows, &cross, err)) != MC_OK) {
            goto out;
        }
        sc.g = &flows;
        sc.weight = &fw;
        sc.map = &bm.map;
        sc.curved = true;
        if (cross > GEO_CROSS_TIES) {
            mc_fig_caption_append(d.caption, sizeof d.caption,
                                  " Ties between countries: the %d strongest of %s drawn.",
                                  GEO_CROSS_TIES, mc_fmt_count(a, (size_t)cross));
        }
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
    mc_basemap_destroy(&bm);
    igraph_vector_int_destroy(&memb);
    mc_figdata_destroy(&d);
    free(lat);
    free(lon);
    free(rad);
    free(country);
    for (igraph_integer_t v = 0; pin_label && v < g->n; v++) {
        free(pin_label[v]);
    }
    free(pin_label);
    free(moved);
    return rc;
}
