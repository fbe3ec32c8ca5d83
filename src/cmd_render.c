/*
 * metaclust render DATASET [--sector S] -o FILE.png|.svg|.pdf [options]
 * Network figures: the graph of a view, the meta-cluster map (--meta), or one
 * proposal (--proposal ID --proposals DIR). Wires dataset, graph, analysis,
 * layout and render together; `batch` reuses cli_render_figure().
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/countries.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/layout.h"
#include "metaclust/outfile.h"
#include "metaclust/palette.h"
#include "metaclust/render.h"
#include "metaclust/report.h"

enum {
    OPT_LAYOUT = OPT_FIRST_COMMAND_SPECIFIC,
    OPT_COLOR,
    OPT_SIZE,
    OPT_LABELS,
    OPT_WIDTH,
    OPT_HEIGHT,
    OPT_DPI,
    OPT_TITLE,
    OPT_SEED,
    OPT_PALETTE,
    OPT_META,
    OPT_PROPOSAL,
    OPT_PROPOSALS
};

static const char *const colour_names[] = {"community", "country", "sector", "none"};
static const char *const size_names[] = {"pagerank", "strength", "degree", "betweenness", "none"};

void cli_figure_init(struct cli_figure *f) {
    memset(f, 0, sizeof *f);
    f->layout = MC_LAYOUT_AUTO;
    f->colour = CLI_COLOUR_COUNTRY;
    f->size = CLI_SIZE_STRENGTH;
    mc_render_options_init(&f->render);
    f->modularity = NAN;
}

/* ==== Scene data owned by the command ==== */

struct figdata {
    int *slot;
    double *size;
    const char **label;
    struct mc_legend_entry *legend;
    char **legend_text;
    size_t n_legend;
    char caption[1024];
    char title[512];
    char colour_title[64];
    char size_title[96];
    char edge_title[96];
};

static void figdata_destroy(struct figdata *d) {
    free(d->slot);
    free(d->size);
    free(d->label);
    for (size_t i = 0; i < d->n_legend; i++) {
        free(d->legend_text[i]);
    }
    free(d->legend_text);
    free(d->legend);
    memset(d, 0, sizeof *d);
}

static enum mc_status nomem(struct mc_error *err) {
    return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (render)");
}

/* ==== Colours by category (country, sector) ==== */

struct keycount {
    const char *key;
    size_t count;
};

static int cmp_keycount(const void *a, const void *b) {
    const struct keycount *p = a, *q = b;
    if (p->count != q->count) {
        return p->count > q->count ? -1 : 1;
    }
    return strcmp(p->key, q->key);
}

/*
 * The palette for categories: --palette keys first, then every category of
 * the dataset by decreasing dataset-wide count (ties by name), so a category
 * keeps its colour in every figure drawn from the dataset.
 */
static enum mc_status category_palette(struct mc_palette *pal, const char *user, size_t ncat,
                                       const char *const *names, const size_t *count,
                                       struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct keycount *kc = calloc(ncat + 1, sizeof *kc);
    if (kc == NULL) {
        return nomem(err);
    }
    if (user != NULL && (rc = mc_palette_add_list(pal, user, err)) != MC_OK) {
        goto out;
    }
    for (size_t c = 0; c < ncat; c++) {
        kc[c].key = names[c];
        kc[c].count = count[c];
    }
    qsort(kc, ncat, sizeof *kc, cmp_keycount);
    for (size_t c = 0; c < ncat && rc == MC_OK; c++) {
        rc = mc_palette_add(pal, kc[c].key, err);
    }
out:
    free(kc);
    return rc;
}

/*
 * Slots per vertex from a category per vertex (-1: none), and the legend:
 * one entry per coloured category present (in slot order), then "Other" and
 * "Unknown" in grey.
 */
static enum mc_status category_colours(struct figdata *d, igraph_integer_t n, const int32_t *cat,
                                       size_t ncat, const char *const *names,
                                       const struct mc_palette *pal, const char *noun,
                                       bool country_names, struct mc_error *err) {
    size_t *count = calloc(ncat + 1, sizeof *count);
    size_t other = 0, other_kinds = 0, unknown = 0;
    int *slot_cat = malloc(MC_PALETTE_COLOURS * sizeof *slot_cat);
    if (!count || !slot_cat) {
        free(count);
        free(slot_cat);
        return nomem(err);
    }
    for (int k = 0; k < MC_PALETTE_COLOURS; k++) {
        slot_cat[k] = -1;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        if (cat[v] < 0) {
            d->slot[v] = MC_PALETTE_OTHER;
            unknown++;
            continue;
        }
        d->slot[v] = mc_palette_slot(pal, names[cat[v]]);
        if (count[cat[v]]++ == 0 && d->slot[v] == MC_PALETTE_OTHER) {
            other_kinds++;
        }
        if (d->slot[v] == MC_PALETTE_OTHER) {
            other++;
        } else {
            slot_cat[d->slot[v]] = cat[v];
        }
    }
    d->legend = calloc(MC_PALETTE_COLOURS + 2, sizeof *d->legend);
    d->legend_text = calloc(MC_PALETTE_COLOURS + 2, sizeof *d->legend_text);
    if (!d->legend || !d->legend_text) {
        free(count);
        free(slot_cat);
        return nomem(err);
    }
    char cnt[32], buf[256];
    for (int k = 0; k < MC_PALETTE_COLOURS; k++) {
        if (slot_cat[k] < 0) {
            continue;
        }
        const char *nm = names[slot_cat[k]];
        const struct mc_country_info *ci = country_names ? mc_country_find(nm) : NULL;
        snprintf(buf, sizeof buf, "%s%s%s (%s)", nm, ci ? " " : "", ci ? ci->name : "",
                 mc_fmt_count(cnt, count[slot_cat[k]]));
        d->legend_text[d->n_legend] = strdup(buf);
        d->legend[d->n_legend].slot = k;
        d->n_legend++;
    }
    if (other > 0) {
        snprintf(buf, sizeof buf, "Other: %zu %s (%s)", other_kinds, noun,
                 mc_fmt_count(cnt, other));
        d->legend_text[d->n_legend] = strdup(buf);
        d->legend[d->n_legend].slot = MC_PALETTE_OTHER;
        d->n_legend++;
    }
    if (unknown > 0) {
        snprintf(buf, sizeof buf, "Unknown (%s)", mc_fmt_count(cnt, unknown));
        d->legend_text[d->n_legend] = strdup(buf);
        d->legend[d->n_legend].slot = MC_PALETTE_OTHER;
        d->n_legend++;
    }
    free(count);
    free(slot_cat);
    for (size_t i = 0; i < d->n_legend; i++) {
        if (d->legend_text[i] == NULL) {
            return nomem(err);
        }
        d->legend[i].text = d->legend_text[i];
    }
    return MC_OK;
}

/*
 * The dominant sector of every dataset node: the sector it is tagged with
 * most often over its nodes.csv sectors, its affiliation rows (their own tags,
 * else their group's) and its direct edges; ties go to the sector listed
 * first. -1 for nodes without any. *total receives per-sector node counts.
 */
static enum mc_status dominant_sectors(const struct mc_dataset *ds, int32_t *dom, size_t *total,
                                       struct mc_error *err) {
    size_t ns = ds->sectors.n, nn = ds->n_nodes, cells;
    if (!mc_mul_ok(ns, nn, &cells) || cells > ((size_t)1 << 28)) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0,
                            "--color sector: too many nodes x sectors (%zu x %zu)", nn, ns);
    }
    uint32_t *c = calloc(cells + 1, sizeof *c);
    if (c == NULL) {
        return nomem(err);
    }
    for (size_t i = 0; i < nn; i++) {
        for (size_t k = 0; k < mc_tags_count(&ds->node_sectors, i); k++) {
            c[i * ns + (size_t)mc_tags_of(&ds->node_sectors, i)[k]]++;
        }
    }
    for (size_t r = 0; r < ds->n_aff; r++) {
        size_t i = (size_t)ds->aff_node[r], g = (size_t)ds->aff_group[r];
        const struct mc_tags *t =
            mc_tags_count(&ds->aff_sectors, r) ? &ds->aff_sectors : &ds->group_sectors;
        size_t item = t == &ds->aff_sectors ? r : g;
        for (size_t k = 0; k < mc_tags_count(t, item); k++) {
            c[i * ns + (size_t)mc_tags_of(t, item)[k]]++;
        }
    }
    for (size_t e = 0; e < ds->n_edges; e++) {
        for (size_t k = 0; k < mc_tags_count(&ds->edge_sectors, e); k++) {
            size_t s = (size_t)mc_tags_of(&ds->edge_sectors, e)[k];
            c[(size_t)ds->edge_src[e] * ns + s]++;
            c[(size_t)ds->edge_tgt[e] * ns + s]++;
        }
    }
    memset(total, 0, ns * sizeof *total);
    for (size_t i = 0; i < nn; i++) {
        uint32_t best = 0;
        dom[i] = -1;
        for (size_t s = 0; s < ns; s++) {
            if (c[i * ns + s] > best) {
                best = c[i * ns + s];
                dom[i] = (int32_t)s;
            }
        }
        if (dom[i] >= 0) {
            total[dom[i]]++;
        }
    }
    free(c);
    return MC_OK;
}

static enum mc_status colour_by_category(struct figdata *d, const struct mc_dataset *ds,
                                         const struct mc_graph *g, const struct cli_figure *fig,
                                         struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct mc_palette pal;
    bool country = fig->colour == CLI_COLOUR_COUNTRY;
    size_t ncat = country ? ds->countries.n : ds->sectors.n;
    size_t *total = calloc(ncat + 1, sizeof *total);
    int32_t *dom = calloc(ds->n_nodes + 1, sizeof *dom);
    int32_t *cat = calloc((size_t)g->n + 1, sizeof *cat);
    mc_palette_init(&pal);
    if (!total || !dom || !cat) {
        rc = nomem(err);
        goto out;
    }
    if (country) {
        for (size_t i = 0; i < ds->n_nodes; i++) {
            if (ds->node_country[i] >= 0) {
                total[ds->node_country[i]]++;
            }
        }
        for (igraph_integer_t v = 0; v < g->n; v++) {
            cat[v] = g->country[v];
        }
    } else {
        if ((rc = dominant_sectors(ds, dom, total, err)) != MC_OK) {
            goto out;
        }
        for (igraph_integer_t v = 0; v < g->n; v++) {
            cat[v] = dom[g->node[v]];
        }
    }
    const char *const *names = country ? ds->countries.keys : ds->sectors.keys;
    if ((rc = category_palette(&pal, fig->palette, ncat, names, total, err)) != MC_OK) {
        goto out;
    }
    rc = category_colours(d, g->n, cat, ncat, names, &pal, country ? "countries" : "sectors",
                          country, err);
    snprintf(d->colour_title, sizeof d->colour_title, "%s", country ? "Country" : "Main sector");
out:
    mc_palette_destroy(&pal);
    free(total);
    free(dom);
    free(cat);
    return rc;
}

/* ==== Sizes ==== */

static enum mc_status node_sizes(struct figdata *d, const struct mc_graph *g,
                                 const struct cli_figure *fig, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_vector_t v;
    if (fig->size == CLI_SIZE_NONE) {
        return MC_OK;
    }
    igraph_vector_init(&v, 0);
    switch (fig->size) {
    case CLI_SIZE_DEGREE: {
        igraph_vector_int_t deg;
        igraph_vector_int_init(&deg, 0);
        rc = mc_igraph_status(igraph_degree(&g->ig, &deg, igraph_vss_all(), IGRAPH_ALL, 0), err,
                              "degree");
        for (igraph_integer_t i = 0; rc == MC_OK && i < g->n; i++) {
            d->size[i] = (double)VECTOR(deg)[i];
        }
        igraph_vector_int_destroy(&deg);
        snprintf(d->size_title, sizeof d->size_title, "Node area: degree (partners)");
        break;
    }
    case CLI_SIZE_STRENGTH:
        rc = mc_igraph_status(
            igraph_strength(&g->ig, &v, igraph_vss_all(), IGRAPH_ALL, 0, &g->weight), err,
            "strength");
        for (igraph_integer_t i = 0; rc == MC_OK && i < g->n; i++) {
            d->size[i] = VECTOR(v)[i];
        }
        snprintf(d->size_title, sizeof d->size_title, "Node area: strength (total weight)");
        break;
    default:
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0, "--size %s: not available yet",
                          size_names[fig->size]);
        break;
    }
    igraph_vector_destroy(&v);
    return rc;
}

/* ==== The network figure ==== */

static void caption_append(char *buf, size_t sz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void caption_append(char *buf, size_t sz, const char *fmt, ...) {
    size_t len = strlen(buf);
    if (len + 1 >= sz) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, sz - len, fmt, ap);
    va_end(ap);
}

static enum mc_status render_network(const struct mc_dataset *ds, const struct mc_graph *g,
                                     const struct cli_figure *fig, const char *path,
                                     struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct figdata d;
    struct mc_layout_options lo;
    struct mc_layout_info li;
    struct mc_render_info ri;
    struct mc_render_options ro = fig->render;
    struct mc_outfile out = {0};
    igraph_matrix_t pos;
    double *lat = NULL, *lon = NULL, *rad = NULL;
    char a[32], b[32];

    memset(&d, 0, sizeof d);
    igraph_matrix_init(&pos, 0, 0);
    d.slot = calloc((size_t)g->n + 1, sizeof *d.slot);
    d.size = calloc((size_t)g->n + 1, sizeof *d.size);
    d.label = calloc((size_t)g->n + 1, sizeof *d.label);
    lat = calloc((size_t)g->n + 1, sizeof *lat);
    lon = calloc((size_t)g->n + 1, sizeof *lon);
    rad = calloc((size_t)g->n + 1, sizeof *rad);
    if (!d.slot || !d.size || !d.label || !lat || !lon || !rad) {
        rc = nomem(err);
        goto out;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        d.label[v] = mc_graph_name(g, v);
        lat[v] = ds->node_lat[g->node[v]];
        lon[v] = ds->node_lon[g->node[v]];
    }
    switch (fig->colour) {
    case CLI_COLOUR_COUNTRY:
    case CLI_COLOUR_SECTOR:
        rc = colour_by_category(&d, ds, g, fig, err);
        break;
    case CLI_COLOUR_NONE:
        break;
    default:
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0, "--color community: not available yet");
        break;
    }
    if (rc != MC_OK || (rc = node_sizes(&d, g, fig, err)) != MC_OK) {
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
    if (fig->layout == MC_LAYOUT_GEO) {
        /* fixed node sizes on a map: the layout keeps discs of these radii apart */
        double vmax = 0, plot = fmin(ro.width - 300, ro.height - 120);
        for (igraph_integer_t v = 0; fig->size != CLI_SIZE_NONE && v < g->n; v++) {
            vmax = fmax(vmax, d.size[v]);
        }
        ro.node_radius = g->n > 2000 ? 2.0 : g->n > 300 ? 3.0 : 4.5;
        for (igraph_integer_t v = 0; v < g->n; v++) {
            rad[v] =
                mc_render_radius(ro.node_radius, fig->size != CLI_SIZE_NONE ? d.size[v] : 0, vmax) /
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
    if (isfinite(fig->modularity)) {
        caption_append(d.caption, sizeof d.caption, ", modularity %.3f", fig->modularity);
    }
    caption_append(d.caption, sizeof d.caption, ". Layout %s", mc_layout_name(li.used));
    if (fig->layout == MC_LAYOUT_AUTO) {
        caption_append(d.caption, sizeof d.caption, " (auto)");
    }
    caption_append(d.caption, sizeof d.caption, ", seed %lu.", fig->seed);
    if (li.components > 1) {
        caption_append(d.caption, sizeof d.caption,
                       " %s connected components, packed around the largest.",
                       mc_fmt_count(a, (size_t)li.components));
    }
    if (fig->layout == MC_LAYOUT_GEO || fig->layout == MC_LAYOUT_COUNTRY) {
        caption_append(d.caption, sizeof d.caption,
                       " Equirectangular projection centred at %.1f°%s %.1f°%s.", fabs(li.lat0),
                       li.lat0 >= 0 ? "N" : "S", fabs(li.lon0), li.lon0 >= 0 ? "E" : "W");
        if (fig->layout == MC_LAYOUT_COUNTRY) {
            caption_append(d.caption, sizeof d.caption,
                           " Each country's nodes around its centre (%s), countries pushed apart "
                           "so that they do not overlap.",
                           li.located > 0 ? "the mean position of its located members, else a "
                                            "built-in table of country centres"
                                          : "from a built-in table of country centres");
        } else if (li.by_country > 0) {
            caption_append(d.caption, sizeof d.caption,
                           " %s %s without coordinates placed at their country's centre.",
                           mc_fmt_count(a, (size_t)li.by_country),
                           li.by_country == 1 ? "node" : "nodes");
        }
        if (li.unplaced > 0) {
            caption_append(
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
    sc.pos = &pos;
    sc.slot = d.slot;
    sc.size = fig->size != CLI_SIZE_NONE ? d.size : NULL;
    sc.label = d.label;
    sc.title = d.title;
    sc.caption = d.caption;
    sc.colour_title = d.n_legend ? d.colour_title : NULL;
    sc.colours = d.legend;
    sc.n_colours = d.n_legend;
    sc.size_title = fig->size != CLI_SIZE_NONE ? d.size_title : NULL;
    sc.edge_title = d.edge_title;

    if ((rc = mc_outfile_open(&out, path, err)) != MC_OK ||
        (rc = mc_render(&sc, &ro, out.f, path, &ri, err)) != MC_OK ||
        (rc = mc_outfile_commit(&out, err)) != MC_OK) {
        goto out;
    }
    if (!fig->quiet) {
        fprintf(stderr, "metaclust: render: %s (%s, %s layout, %zu labels", path,
                mc_figure_format_name(ro.format), mc_layout_name(li.used), ri.labels_shown);
        if (ri.labels_dropped > 0) {
            fprintf(stderr, ", %zu left out to avoid overlaps", ri.labels_dropped);
        }
        fprintf(stderr, ")\n");
    }
out:
    mc_outfile_abort(&out);
    igraph_matrix_destroy(&pos);
    figdata_destroy(&d);
    free(lat);
    free(lon);
    free(rad);
    return rc;
}

enum mc_status cli_render_figure(const struct mc_dataset *ds, const struct mc_graph *g,
                                 const struct cli_figure *fig, const char *path,
                                 struct mc_error *err) {
    if (fig->meta || fig->proposal) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "--meta and --proposal: not available yet");
    }
    return render_network(ds, g, fig, path, err);
}

/* ==== Options ==== */

static enum mc_status parse_name(const char *opt, const char *arg, const char *const *names,
                                 size_t n, int *out, struct mc_error *err) {
    char list[256] = "";
    for (size_t i = 0; i < n; i++) {
        if (strcmp(arg, names[i]) == 0) {
            *out = (int)i;
            return MC_OK;
        }
        caption_append(list, sizeof list, "%s%s",
                       i == 0       ? ""
                       : i + 1 == n ? " or "
                                    : ", ",
                       names[i]);
    }
    return mc_error_set(err, MC_E_USAGE, NULL, 0, "%s: invalid value '%s' (expected %s)", opt, arg,
                        list);
}

static enum mc_status parse_labels(const char *arg, struct mc_render_options *ro,
                                   struct mc_error *err) {
    if (strcmp(arg, "auto") == 0) {
        ro->labels = MC_LABELS_AUTO;
    } else if (strcmp(arg, "all") == 0) {
        ro->labels = MC_LABELS_ALL;
    } else if (strcmp(arg, "none") == 0) {
        ro->labels = MC_LABELS_NONE;
    } else if (strncmp(arg, "top:", 4) == 0) {
        long n;
        if (!mc_parse_long(arg + 4, 0, 1000000, &n)) {
            return mc_error_set(err, MC_E_USAGE, NULL, 0,
                                "--labels: invalid value '%s' (expected auto, all, none or top:N "
                                "with N from 0 to 1000000)",
                                arg);
        }
        ro->labels = MC_LABELS_TOP;
        ro->top = (size_t)n;
    } else {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "--labels: invalid value '%s' (expected auto, all, none or top:N)",
                            arg);
    }
    return MC_OK;
}

enum mc_status cmd_render(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"output", required_argument, NULL, 'o'},
                                         {"layout", required_argument, NULL, OPT_LAYOUT},
                                         {"color", required_argument, NULL, OPT_COLOR},
                                         {"colour", required_argument, NULL, OPT_COLOR},
                                         {"size", required_argument, NULL, OPT_SIZE},
                                         {"labels", required_argument, NULL, OPT_LABELS},
                                         {"width", required_argument, NULL, OPT_WIDTH},
                                         {"height", required_argument, NULL, OPT_HEIGHT},
                                         {"dpi", required_argument, NULL, OPT_DPI},
                                         {"title", required_argument, NULL, OPT_TITLE},
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"palette", required_argument, NULL, OPT_PALETTE},
                                         {"meta", no_argument, NULL, OPT_META},
                                         {"proposal", required_argument, NULL, OPT_PROPOSAL},
                                         {"proposals", required_argument, NULL, OPT_PROPOSALS},
                                         {0}};
    struct cli_data d;
    struct cli_figure fig;
    const char *output = NULL;
    enum mc_status rc = MC_OK;
    struct mc_dataset ds;
    struct mc_graph g;
    int c, k;
    long lv;

    cli_data_init(&d);
    cli_figure_init(&fig);
    mc_dataset_init(&ds);
    mc_graph_init(&g);
    optind = 0;
    while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
        if (cli_data_option(&d, c, optarg, &rc, err)) {
            if (rc != MC_OK) {
                goto out;
            }
            continue;
        }
        switch (c) {
        case 'h':
            cli_print_help(stdout, cli_find_command("render"));
            goto out;
        case 'o':
            output = optarg;
            break;
        case OPT_LAYOUT: {
            enum mc_layout_kind lk;
            if (!mc_layout_parse(optarg, &lk)) {
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                                  "--layout: invalid value '%s' (expected auto, fr, kk, drl, "
                                  "multilevel, geo or country)",
                                  optarg);
                goto out;
            }
            fig.layout = lk;
            break;
        }
        case OPT_COLOR:
            rc = parse_name("--color", optarg, colour_names, MC_ARRAY_SIZE(colour_names), &k, err);
            fig.colour = (enum cli_colour)k;
            break;
        case OPT_SIZE:
            rc = parse_name("--size", optarg, size_names, MC_ARRAY_SIZE(size_names), &k, err);
            fig.size = (enum cli_size)k;
            break;
        case OPT_LABELS:
            rc = parse_labels(optarg, &fig.render, err);
            break;
        case OPT_WIDTH:
            rc = cli_long("--width", optarg, 200, 20000, &lv, err);
            fig.render.width = (double)lv;
            break;
        case OPT_HEIGHT:
            rc = cli_long("--height", optarg, 200, 20000, &lv, err);
            fig.render.height = (double)lv;
            break;
        case OPT_DPI:
            rc = cli_real("--dpi", optarg, 24, 1200, &fig.render.dpi, err);
            break;
        case OPT_TITLE:
            fig.title = optarg;
            break;
        case OPT_SEED:
            rc = cli_seed(optarg, &fig.seed, err);
            break;
        case OPT_PALETTE:
            fig.palette = optarg;
            break;
        case OPT_META:
            fig.meta = true;
            break;
        case OPT_PROPOSAL:
            fig.proposal = optarg;
            break;
        case OPT_PROPOSALS:
            fig.proposals = optarg;
            break;
        default:
            rc = cli_bad_option("render", argc, argv, c, err);
            goto out;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (output == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "render: missing -o FILE (.png, .svg or .pdf; see 'metaclust render "
                          "--help')");
        goto out;
    }
    if (!mc_figure_format_from_path(output, &fig.render.format)) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "render: cannot tell the format of '%s' (expected a name ending in "
                          ".png, .svg or .pdf)",
                          output);
        goto out;
    }
    if (fig.proposal != NULL && fig.proposals == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "--proposal: needs --proposals DIR (the output of 'metaclust propose')");
        goto out;
    }
    fig.quiet = d.quiet;
    if ((rc = cli_load(&d, "render", argc, argv, &ds, &g, err)) != MC_OK) {
        goto out;
    }
    mc_igraph_seed(fig.seed);
    rc = cli_render_figure(&ds, &g, &fig, output, err);
out:
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    return rc;
}
