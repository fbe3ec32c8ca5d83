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
#include "metaclust/centrality.h"
#include "metaclust/community.h"
#include "metaclust/countries.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/layout.h"
#include "metaclust/outfile.h"
#include "metaclust/palette.h"
#include "metaclust/proposals_io.h"
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
    OPT_PROPOSALS,
    OPT_RUNS
};

static const char *const colour_names[] = {"community", "country", "sector", "none"};
static const char *const size_names[] = {"pagerank", "strength", "degree", "betweenness", "none"};

void cli_figure_init(struct cli_figure *f) {
    memset(f, 0, sizeof *f);
    f->layout = MC_LAYOUT_AUTO;
    f->colour = CLI_COLOUR_COMMUNITY;
    f->size = CLI_SIZE_PAGERANK;
    f->runs = 1;
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

/*
 * The palette of countries (country) or sectors: --palette first, then the
 * dataset's categories by decreasing dataset-wide node count. `dom` (may be
 * NULL) receives every node's dominant sector.
 */
static enum mc_status build_palette(const struct mc_dataset *ds, const struct cli_figure *fig,
                                    bool country, struct mc_palette *pal, int32_t *dom,
                                    struct mc_error *err) {
    size_t ncat = country ? ds->countries.n : ds->sectors.n;
    size_t *total = calloc(ncat + 1, sizeof *total);
    int32_t *own = dom ? NULL : calloc(ds->n_nodes + 1, sizeof *own);
    enum mc_status rc = MC_OK;
    if (!total || (!dom && !own)) {
        rc = nomem(err);
        goto out;
    }
    if (country) {
        for (size_t i = 0; i < ds->n_nodes; i++) {
            if (ds->node_country[i] >= 0) {
                total[ds->node_country[i]]++;
            }
        }
    } else if ((rc = dominant_sectors(ds, dom ? dom : own, total, err)) != MC_OK) {
        goto out;
    }
    rc = category_palette(pal, fig->palette, ncat, country ? ds->countries.keys : ds->sectors.keys,
                          total, err);
out:
    free(total);
    free(own);
    return rc;
}

/*
 * Colours n vertices standing for dataset nodes node[0..n) by country or
 * dominant sector, with the legend.
 */
static enum mc_status colour_by_category(struct figdata *d, const struct mc_dataset *ds,
                                         const int32_t *node, igraph_integer_t n,
                                         const struct cli_figure *fig, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct mc_palette pal;
    bool country = fig->colour != CLI_COLOUR_SECTOR;
    int32_t *dom = calloc(ds->n_nodes + 1, sizeof *dom);
    int32_t *cat = calloc((size_t)n + 1, sizeof *cat);
    mc_palette_init(&pal);
    if (!dom || !cat) {
        rc = nomem(err);
        goto out;
    }
    if ((rc = build_palette(ds, fig, country, &pal, dom, err)) != MC_OK) {
        goto out;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        cat[v] = country ? ds->node_country[node[v]] : dom[node[v]];
    }
    const char *const *names = country ? ds->countries.keys : ds->sectors.keys;
    rc = category_colours(d, n, cat, country ? ds->countries.n : ds->sectors.n, names, &pal,
                          country ? "countries" : "sectors", country, err);
    snprintf(d->colour_title, sizeof d->colour_title, "%s", country ? "Country" : "Main sector");
out:
    mc_palette_destroy(&pal);
    free(dom);
    free(cat);
    return rc;
}

/* ==== Sizes ==== */

/*
 * Size values of the vertices of `ig` (weights `w`), with their legend title.
 * PageRank and betweenness need the view `g` itself (ig is then g->ig).
 */
static enum mc_status node_sizes(struct figdata *d, const struct mc_graph *g, const igraph_t *ig,
                                 const igraph_vector_t *w, const struct cli_figure *fig,
                                 struct mc_error *err) {
    igraph_integer_t n = igraph_vcount(ig);
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
        rc = mc_igraph_status(igraph_degree(ig, &deg, igraph_vss_all(), IGRAPH_ALL, 0), err,
                              "degree");
        for (igraph_integer_t i = 0; rc == MC_OK && i < n; i++) {
            d->size[i] = (double)VECTOR(deg)[i];
        }
        igraph_vector_int_destroy(&deg);
        snprintf(d->size_title, sizeof d->size_title, "Node area: degree (partners)");
        break;
    }
    case CLI_SIZE_STRENGTH:
        rc = mc_igraph_status(igraph_strength(ig, &v, igraph_vss_all(), IGRAPH_ALL, 0, w), err,
                              "strength");
        for (igraph_integer_t i = 0; rc == MC_OK && i < n; i++) {
            d->size[i] = VECTOR(v)[i];
        }
        snprintf(d->size_title, sizeof d->size_title, "Node area: strength (total weight)");
        break;
    default: {
        if (fig->size_values != NULL && g != NULL &&
            igraph_vector_size(fig->size_values) == n) { /* batch computed them already */
            for (igraph_integer_t i = 0; i < n; i++) {
                d->size[i] = VECTOR(*fig->size_values)[i];
            }
            snprintf(d->size_title, sizeof d->size_title, "Node area: %s",
                     fig->size == CLI_SIZE_PAGERANK ? "PageRank" : "betweenness");
            break;
        }
        /* PageRank (weights as strengths) or betweenness (1/weight as lengths; sampled
           sources on big graphs), from the analysis library */
        struct mc_centrality_options co;
        struct mc_centrality c;
        enum mc_measure m = fig->size == CLI_SIZE_PAGERANK ? MC_M_PAGERANK : MC_M_BETWEENNESS;
        mc_centrality_options_init(&co);
        memset(co.want, 0, sizeof co.want);
        co.want[m] = true;
        co.seed = fig->seed;
        mc_centrality_init(&c);
        rc = mc_centrality_compute(g, &co, &c, err);
        for (igraph_integer_t i = 0; rc == MC_OK && i < n; i++) {
            d->size[i] = VECTOR(c.value[m])[i];
        }
        snprintf(d->size_title, sizeof d->size_title, "Node area: %s%s",
                 m == MC_M_PAGERANK ? "PageRank" : "betweenness",
                 m == MC_M_BETWEENNESS && c.betweenness_sampled ? " (sampled)" : "");
        mc_centrality_destroy(&c);
        break;
    }
    }
    igraph_vector_destroy(&v);
    return rc;
}

/* ==== Communities ==== */

/*
 * The view's communities in canonical form (0 the largest): the caller's
 * membership (batch), or the best of fig->runs seeded Leiden runs.
 */
static enum mc_status view_communities(const struct mc_graph *g, const struct cli_figure *fig,
                                       igraph_vector_int_t *memb, igraph_integer_t *ncomm,
                                       double *modularity, struct mc_error *err) {
    enum mc_status rc;
    if (fig->membership != NULL) {
        if (igraph_vector_int_size(fig->membership) != g->n) {
            return mc_error_set(err, MC_E_USAGE, NULL, 0,
                                "render: a membership of %" IGRAPH_PRId " vertices for a view of "
                                "%" IGRAPH_PRId,
                                igraph_vector_int_size(fig->membership), g->n);
        }
        rc = mc_igraph_status(igraph_vector_int_update(memb, fig->membership), err, "render");
        if (rc == MC_OK) {
            rc = mc_partition_canonical(memb, ncomm, err);
        }
        *modularity = fig->modularity;
        return rc;
    }
    struct mc_comm_options o;
    struct mc_comm_result res;
    mc_comm_options_init(&o);
    o.runs = fig->runs;
    o.seed = fig->seed;
    mc_comm_result_init(&res);
    rc = mc_communities(&g->ig, &g->weight, &o, &res, err);
    if (rc == MC_OK) {
        rc = mc_igraph_status(igraph_vector_int_update(memb, &res.best.membership), err, "render");
        *ncomm = res.best.n_communities;
        *modularity = res.best.modularity;
    }
    mc_comm_result_destroy(&res);
    return rc;
}

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
            caption_append(buf, sz, "%s %s %.0f%%", j ? "," : ":", ds->countries.keys[best[j]],
                           100.0 * (double)count[best[j]] / (double)k);
        }
    }
}

/* Slots by community (0 the largest; beyond the palette: "other"), with the legend. */
static enum mc_status colour_by_community(struct figdata *d, const struct mc_dataset *ds,
                                          const struct mc_graph *g, const igraph_vector_int_t *memb,
                                          igraph_integer_t ncomm, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_integer_t shown = ncomm < MC_PALETTE_COLOURS ? ncomm : MC_PALETTE_COLOURS;
    igraph_integer_t *vs = malloc(((size_t)g->n + 1) * sizeof *vs);
    size_t *count = calloc(ds->countries.n + 1, sizeof *count), other = 0;
    d->legend = calloc((size_t)shown + 2, sizeof *d->legend);
    d->legend_text = calloc((size_t)shown + 2, sizeof *d->legend_text);
    if (!vs || !count || !d->legend || !d->legend_text) {
        rc = nomem(err);
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
            rc = nomem(err);
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

/* ==== Country flows ==== */

struct qedge {
    igraph_integer_t a, b;
    double w;
};

static int cmp_qedge(const void *x, const void *y) {
    const struct qedge *p = x, *q = y;
    if (p->a != q->a) {
        return p->a < q->a ? -1 : 1;
    }
    return (p->b > q->b) - (p->b < q->b);
}

/*
 * Sorts the k group pairs, sums the weights of equal pairs and appends one
 * edge per pair to ev/w, its ends mapped through `map` (NULL: the groups
 * themselves).
 */
static enum mc_status merge_pairs(struct qedge *qe, igraph_integer_t k, const igraph_integer_t *map,
                                  igraph_vector_int_t *ev, igraph_vector_t *w,
                                  struct mc_error *err) {
    enum mc_status rc = MC_OK;
    qsort(qe, (size_t)k, sizeof *qe, cmp_qedge);
    for (igraph_integer_t i = 0; i < k && rc == MC_OK;) {
        igraph_integer_t j = i;
        double sum = 0;
        while (j < k && qe[j].a == qe[i].a && qe[j].b == qe[i].b) {
            sum += qe[j++].w;
        }
        igraph_integer_t a = map ? map[qe[i].a] : qe[i].a, b = map ? map[qe[i].b] : qe[i].b;
        rc = mc_igraph_status(igraph_vector_int_push_back(ev, a), err, "pairs");
        rc = rc ? rc : mc_igraph_status(igraph_vector_int_push_back(ev, b), err, "pairs");
        rc = rc ? rc : mc_igraph_status(igraph_vector_push_back(w, sum), err, "pairs");
        i = j;
    }
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
    struct qedge *qe = malloc(((size_t)m + 1) * sizeof *qe);
    igraph_vector_t str;
    igraph_vector_int_t ev;
    igraph_vector_init(&str, 0);
    igraph_vector_int_init(&ev, 0);
    igraph_vector_clear(fw);
    if (!rep || !qe) {
        rc = nomem(err);
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
        rc = merge_pairs(qe, k, rep, &ev, fw, err);
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

static enum mc_status write_figure(const struct mc_scene *sc, const struct mc_render_options *ro,
                                   const struct cli_figure *fig, const char *what, const char *path,
                                   struct mc_error *err);

static enum mc_status render_network(const struct mc_dataset *ds, const struct mc_graph *g,
                                     const struct cli_figure *fig, const char *path,
                                     struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct figdata d;
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
        rc = colour_by_category(&d, ds, g->node, g->n, fig, err);
        break;
    case CLI_COLOUR_NONE:
        break;
    default:
        if ((rc = view_communities(g, fig, &memb, &ncomm, &modularity, err)) == MC_OK) {
            rc = colour_by_community(&d, ds, g, &memb, ncomm, err);
        }
        break;
    }
    if (rc != MC_OK || (rc = node_sizes(&d, g, &g->ig, &g->weight, fig, err)) != MC_OK) {
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
        ro.node_radius = fmax(1.0, fmin(4.5, 0.12 * plot / sqrt((double)g->n + 1)));
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
    if (fig->colour == CLI_COLOUR_COMMUNITY && isfinite(modularity)) {
        caption_append(d.caption, sizeof d.caption, ", %s communities, modularity %.3f",
                       mc_fmt_count(b, (size_t)ncomm), modularity);
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
    if (fig->layout == MC_LAYOUT_COUNTRY && igraph_ecount(&g->ig) > FLOW_LIMIT) {
        if ((rc = country_flows(g, &flows, &fw, &have_flows, err)) != MC_OK) {
            goto out;
        }
        sc.g = &flows;
        sc.weight = &fw;
        snprintf(d.edge_title, sizeof d.edge_title,
                 "Line width: weight; between two countries, their total, drawn between their "
                 "strongest members");
        caption_append(d.caption, sizeof d.caption,
                       " Lines between countries are aggregated: one per pair of countries.");
    }
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

    char what[64];
    snprintf(what, sizeof what, "%s layout", mc_layout_name(li.used));
    rc = write_figure(&sc, &ro, fig, what, path, err);
out:
    if (have_flows) {
        igraph_destroy(&flows);
    }
    igraph_vector_destroy(&fw);
    igraph_matrix_destroy(&pos);
    igraph_vector_int_destroy(&memb);
    figdata_destroy(&d);
    free(lat);
    free(lon);
    free(rad);
    return rc;
}

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
        rc = nomem(err);
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
static enum mc_status quotient(const struct mc_graph *g, const igraph_integer_t *grp,
                               igraph_integer_t ng, igraph_t *q, igraph_vector_t *w,
                               struct mc_error *err) {
    igraph_integer_t m = igraph_ecount(&g->ig), k = 0;
    struct qedge *qe = malloc(((size_t)m + 1) * sizeof *qe);
    igraph_vector_int_t ev;
    enum mc_status rc = MC_OK;
    igraph_vector_int_init(&ev, 0);
    igraph_vector_clear(w);
    if (qe == NULL) {
        rc = nomem(err);
        goto out;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t a = grp[IGRAPH_FROM(&g->ig, e)], b = grp[IGRAPH_TO(&g->ig, e)];
        if (a >= 0 && b >= 0 && a != b) {
            qe[k].a = a < b ? a : b;
            qe[k].b = a < b ? b : a;
            qe[k].w = VECTOR(g->weight)[e];
            k++;
        }
    }
    rc = merge_pairs(qe, k, NULL, &ev, w, err);
    if (rc == MC_OK) {
        rc = mc_igraph_status(igraph_create(q, &ev, ng, IGRAPH_UNDIRECTED), err, "quotient");
    }
out:
    free(qe);
    igraph_vector_int_destroy(&ev);
    return rc;
}

/* Draws the scene into `path` atomically and prints the one-line note. */
static enum mc_status write_figure(const struct mc_scene *sc, const struct mc_render_options *ro,
                                   const struct cli_figure *fig, const char *what, const char *path,
                                   struct mc_error *err) {
    struct mc_outfile out = {0};
    struct mc_render_info ri;
    enum mc_status rc;
    if ((rc = mc_outfile_open(&out, path, err)) == MC_OK &&
        (rc = mc_render(sc, ro, out.f, path, &ri, err)) == MC_OK) {
        rc = mc_outfile_commit(&out, err);
    }
    mc_outfile_abort(&out);
    if (rc == MC_OK && !fig->quiet) {
        fprintf(stderr, "metaclust: render: %s (%s, %s, %zu labels", path,
                mc_figure_format_name(ro->format), what, ri.labels_shown);
        if (ri.labels_dropped > 0) {
            fprintf(stderr, ", %zu left out to avoid overlaps", ri.labels_dropped);
        }
        fprintf(stderr, ")\n");
    }
    return rc;
}

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

/* The view's sector name as proposals.csv writes it. */
static const char *view_sector(const struct mc_graph *g) {
    return g->view.sector >= 0 ? mc_graph_sector_name(g) : "all";
}

static enum mc_status render_proposal(const struct mc_dataset *ds, const struct mc_graph *g,
                                      const struct cli_figure *fig, const char *path,
                                      struct mc_error *err) {
    static const struct mc_legend_entry roles[] = {{"coordinator", 0, MC_SHAPE_STAR},
                                                   {"hub", 0, MC_SHAPE_SQUARE},
                                                   {"connector", 0, MC_SHAPE_DIAMOND},
                                                   {"peripheral", 0, MC_SHAPE_CIRCLE}};
    enum mc_status rc = MC_OK;
    struct mc_proposals_io set;
    const struct mc_prop *p = NULL;
    struct figdata d;
    struct mc_layout_options lo;
    struct mc_layout_info li;
    struct mc_render_options ro = fig->render;
    struct cli_figure cf = *fig;
    igraph_t sub;
    bool have_sub = false;
    igraph_vector_t w;
    igraph_matrix_t pos;
    igraph_integer_t *vs = NULL, *dfrom = NULL, *dto = NULL, k = 0, nd = 0;
    int32_t *node = NULL;
    uint8_t *shape = NULL, *ring = NULL;
    double *lat = NULL, *lon = NULL;
    char a[32];

    memset(&d, 0, sizeof d);
    mc_proposals_io_init(&set);
    igraph_vector_init(&w, 0);
    igraph_matrix_init(&pos, 0, 0);
    if ((rc = mc_proposals_io_read(&set, fig->proposals, err)) != MC_OK ||
        (rc = mc_proposals_io_require(&set, fig->proposals, fig->proposal, &p, err)) != MC_OK) {
        goto out;
    }
    if (strcmp(p->sector, view_sector(g)) != 0 && strcmp(p->sector, "cross-sector") != 0) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "--proposal: '%s' is a proposal of sector '%s', not of '%s' (leave out "
                          "--sector)",
                          p->id, p->sector, view_sector(g));
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
    d.slot = calloc(nm + 1, sizeof *d.slot);
    d.size = calloc(nm + 1, sizeof *d.size);
    d.label = calloc(nm + 1, sizeof *d.label);
    if (!vs || !node || !shape || !ring || !lat || !lon || !dfrom || !dto || !d.slot || !d.size ||
        !d.label) {
        rc = nomem(err);
        goto out;
    }
    for (size_t i = 0; i < nm; i++) {
        long ni = mc_intern_find(&ds->ids, p->member[i], strlen(p->member[i]));
        igraph_integer_t v = ni >= 0 ? g->vertex_of[ni] : -1;
        if (v < 0) {
            rc = mc_error_set(err, MC_E_DATA, NULL, 0,
                              "proposal '%s': member '%s' is not in the %s view of '%s'", p->id,
                              p->member[i], view_sector(g), ds->name);
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
        if (x >= 0 && y >= 0) {
            dfrom[nd] = x;
            dto[nd] = y;
            nd++;
        }
    }
    if ((rc = induced(g, vs, k, &sub, &w, err)) != MC_OK) {
        goto out;
    }
    have_sub = true;
    if (cf.colour == CLI_COLOUR_COMMUNITY) {
        cf.colour = CLI_COLOUR_COUNTRY; /* one group: its members by country */
    }
    if (cf.colour != CLI_COLOUR_NONE &&
        (rc = colour_by_category(&d, ds, node, k, &cf, err)) != MC_OK) {
        goto out;
    }
    if (cf.size == CLI_SIZE_PAGERANK || cf.size == CLI_SIZE_BETWEENNESS) {
        cf.size = CLI_SIZE_STRENGTH; /* inside one small group, its own ties tell most */
    }
    if ((rc = node_sizes(&d, NULL, &sub, &w, &cf, err)) != MC_OK) {
        goto out;
    }
    if (cf.size == CLI_SIZE_STRENGTH) {
        snprintf(d.size_title, sizeof d.size_title, "Node area: strength inside the group");
    }
    mc_layout_options_init(&lo);
    lo.kind = fig->layout == MC_LAYOUT_AUTO ? MC_LAYOUT_COUNTRY : fig->layout;
    lo.seed = fig->seed;
    lo.lat = lat;
    lo.lon = lon;
    int32_t *grp = calloc((size_t)k + 1, sizeof *grp);
    if (grp == NULL) {
        rc = nomem(err);
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
    caption_append(d.caption, sizeof d.caption,
                   ". Score %.2f (cohesion %.2f, diversity %.2f, cross-border share %.2f, "
                   "stability %.2f), rank %ld in its sector.",
                   p->score, p->cohesion, p->diversity, p->cross_border_share, p->stability,
                   p->rank);
    if (nd > 0) {
        caption_append(d.caption, sizeof d.caption,
                       " Dashed: %s suggested first %s between members in different countries "
                       "(missing_links.csv).",
                       mc_fmt_count(a, (size_t)nd), nd == 1 ? "link" : "links");
    }
    caption_append(d.caption, sizeof d.caption, " Layout %s, seed %lu.", mc_layout_name(lo.kind),
                   fig->seed);
    snprintf(d.edge_title, sizeof d.edge_title, "Line width: edge weight");

    struct mc_scene sc;
    memset(&sc, 0, sizeof sc);
    sc.g = &sub;
    sc.weight = &w;
    sc.pos = &pos;
    sc.slot = d.slot;
    sc.size = cf.size != CLI_SIZE_NONE ? d.size : NULL;
    sc.label = d.label;
    sc.shape = shape;
    sc.ring = ring;
    sc.n_dashed = (size_t)nd;
    sc.dashed_from = dfrom;
    sc.dashed_to = dto;
    sc.title = d.title;
    sc.caption = d.caption;
    sc.colour_title = d.n_legend ? d.colour_title : NULL;
    sc.colours = d.legend;
    sc.n_colours = d.n_legend;
    sc.size_title = sc.size ? d.size_title : NULL;
    sc.shapes = roles;
    sc.n_shapes = set.have_members ? MC_ARRAY_SIZE(roles) : 1;
    sc.dashed_title = "suggested first link";
    sc.edge_title = d.edge_title;
    rc = write_figure(&sc, &ro, fig, "proposal", path, err);
out:
    if (have_sub) {
        igraph_destroy(&sub);
    }
    igraph_vector_destroy(&w);
    igraph_matrix_destroy(&pos);
    mc_proposals_io_destroy(&set);
    figdata_destroy(&d);
    free(vs);
    free(node);
    free(shape);
    free(ring);
    free(lat);
    free(lon);
    free(dfrom);
    free(dto);
    return rc;
}

/* ==== The meta-cluster map ==== */

#define META_MAX 60 /* groups drawn at most: the largest */

struct meta {
    igraph_integer_t ng;    /* groups drawn */
    igraph_integer_t *grp;  /* vertex -> its (first) group, -1: in none */
    igraph_integer_t *moff; /* group g's member vertices: mem[moff[g] .. moff[g+1]) */
    igraph_integer_t *mem;
    size_t nmem, cap_mem;
    char **name; /* label per group */
    size_t left_out_groups, left_out_nodes, shared;
};

static void meta_destroy(struct meta *m) {
    for (igraph_integer_t i = 0; m->name && i < m->ng; i++) {
        free(m->name[i]);
    }
    free(m->name);
    free(m->grp);
    free(m->moff);
    free(m->mem);
}

/*
 * Groups from proposals.csv: those of the view's sector, or every proposal
 * when the view is the whole dataset (a member of several proposals then
 * counts in each for sizes and pies, and in the first for the links).
 */
static enum mc_status meta_from_proposals(const struct mc_dataset *ds, const struct mc_graph *g,
                                          const struct mc_proposals_io *set, const char *dir,
                                          struct meta *m, struct mc_error *err) {
    bool all = g->view.sector < 0;
    m->grp = malloc(((size_t)g->n + 1) * sizeof *m->grp);
    m->name = calloc(set->n + 1, sizeof *m->name);
    m->moff = calloc(set->n + 2, sizeof *m->moff);
    if (!m->grp || !m->name || !m->moff) {
        return nomem(err);
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        m->grp[v] = -1;
    }
    for (size_t i = 0; i < set->n; i++) {
        const struct mc_prop *p = &set->prop[i];
        if (!all && strcmp(p->sector, view_sector(g)) != 0) {
            continue;
        }
        if (m->ng == META_MAX) {
            m->left_out_groups++;
            m->left_out_nodes += p->n_member;
            continue;
        }
        for (size_t k = 0; k < p->n_member; k++) {
            long ni = mc_intern_find(&ds->ids, p->member[k], strlen(p->member[k]));
            igraph_integer_t v = ni >= 0 ? g->vertex_of[ni] : -1;
            if (v < 0) {
                continue;
            }
            if (m->grp[v] < 0) {
                m->grp[v] = m->ng;
            } else {
                m->shared++;
            }
            if (mc_grow((void **)&m->mem, &m->cap_mem, m->nmem + 1, sizeof *m->mem, err) != MC_OK) {
                return MC_E_NOMEM;
            }
            m->mem[m->nmem++] = v;
        }
        size_t len = strlen(p->id) + strlen(p->coordinator_name) + 8;
        if ((m->name[m->ng] = malloc(len)) == NULL) {
            return nomem(err);
        }
        snprintf(m->name[m->ng], len, "%s · %s", p->id, p->coordinator_name);
        m->moff[++m->ng] = (igraph_integer_t)m->nmem;
    }
    if (m->ng == 0) {
        return mc_error_set(err, MC_E_DATA, NULL, 0, "--meta: no proposal of sector '%s' in '%s'",
                            view_sector(g), dir);
    }
    return MC_OK;
}

/*
 * Groups from the view's communities: those of at least 3 members, largest
 * first, each labelled with its strongest member.
 */
static enum mc_status meta_from_communities(const struct mc_graph *g, const struct cli_figure *fig,
                                            struct meta *m, double *modularity,
                                            struct mc_error *err) {
    igraph_vector_int_t memb;
    igraph_vector_t str;
    igraph_integer_t ncomm = 0;
    enum mc_status rc;
    igraph_vector_int_init(&memb, 0);
    igraph_vector_init(&str, 0);
    if ((rc = view_communities(g, fig, &memb, &ncomm, modularity, err)) != MC_OK ||
        (rc = mc_igraph_status(
             igraph_strength(&g->ig, &str, igraph_vss_all(), IGRAPH_ALL, 0, &g->weight), err,
             "strength")) != MC_OK) {
        goto out;
    }
    igraph_integer_t *size = calloc((size_t)ncomm + 1, sizeof *size);
    igraph_integer_t *top = malloc(((size_t)ncomm + 1) * sizeof *top);
    m->grp = malloc(((size_t)g->n + 1) * sizeof *m->grp);
    m->moff = calloc((size_t)ncomm + 2, sizeof *m->moff);
    m->name = calloc((size_t)ncomm + 1, sizeof *m->name);
    m->mem = malloc(((size_t)g->n + 1) * sizeof *m->mem);
    if (!size || !top || !m->grp || !m->moff || !m->name || !m->mem) {
        free(size);
        free(top);
        rc = nomem(err);
        goto out;
    }
    for (igraph_integer_t c = 0; c < ncomm; c++) {
        top[c] = -1;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        igraph_integer_t c = VECTOR(memb)[v];
        size[c]++;
        if (top[c] < 0 || VECTOR(str)[v] > VECTOR(str)[top[c]]) {
            top[c] = v;
        }
    }
    /* canonical order is by decreasing size: the groups drawn are a prefix */
    igraph_integer_t ng = 0;
    while (ng < ncomm && ng < META_MAX && size[ng] >= 3) {
        ng++;
    }
    for (igraph_integer_t c = ng; c < ncomm; c++) {
        m->left_out_groups++;
        m->left_out_nodes += (size_t)size[c];
    }
    m->ng = ng;
    for (igraph_integer_t c = 0; c < ng && rc == MC_OK; c++) {
        m->moff[c + 1] = m->moff[c] + size[c];
        const char *nm = mc_graph_name(g, top[c]);
        size_t len = strlen(nm) + 32;
        if ((m->name[c] = malloc(len)) == NULL) {
            rc = nomem(err);
        } else {
            snprintf(m->name[c], len, "C%" IGRAPH_PRId " · %s", c + 1, nm);
        }
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        igraph_integer_t c = VECTOR(memb)[v];
        m->grp[v] = c < ng ? c : -1;
        if (c < ng) {
            m->mem[m->moff[c] + (--size[c])] = v; /* filled from the end of each range */
        }
    }
    m->nmem = (size_t)m->moff[ng];
    free(size);
    free(top);
    if (rc == MC_OK && ng == 0) {
        rc = mc_error_set(err, MC_E_DATA, NULL, 0,
                          "--meta: no community of 3 or more members in the %s view",
                          view_sector(g));
    }
out:
    igraph_vector_int_destroy(&memb);
    igraph_vector_destroy(&str);
    return rc;
}

static enum mc_status render_meta(const struct mc_dataset *ds, const struct mc_graph *g,
                                  const struct cli_figure *fig, const char *path,
                                  struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct mc_proposals_io set;
    struct meta m;
    struct figdata d;
    struct mc_palette pal;
    struct mc_layout_options lo;
    struct mc_layout_info li;
    struct mc_render_options ro = fig->render;
    igraph_t q;
    bool have_q = false;
    igraph_vector_t w;
    igraph_matrix_t pos;
    struct mc_pie *pie = NULL;
    int *pslot = NULL;
    double *pshare = NULL;
    size_t slot_total[MC_PALETTE_COLOURS + 1] = {0};
    double modularity = NAN;
    const int np = MC_PALETTE_COLOURS + 1; /* slices per pie at most: the colours and "other" */
    char a[32], b[32];

    memset(&m, 0, sizeof m);
    memset(&d, 0, sizeof d);
    mc_proposals_io_init(&set);
    mc_palette_init(&pal);
    igraph_vector_init(&w, 0);
    igraph_matrix_init(&pos, 0, 0);
    if (fig->proposals == NULL) {
        rc = meta_from_communities(g, fig, &m, &modularity, err);
    } else if ((rc = mc_proposals_io_read(&set, fig->proposals, err)) == MC_OK) {
        rc = meta_from_proposals(ds, g, &set, fig->proposals, &m, err);
    }
    if (rc != MC_OK) {
        goto out;
    }
    if ((rc = quotient(g, m.grp, m.ng, &q, &w, err)) != MC_OK) {
        goto out;
    }
    have_q = true;
    /* sizes, pies of countries, labels */
    d.size = calloc((size_t)m.ng + 1, sizeof *d.size);
    d.slot = calloc((size_t)m.ng + 1, sizeof *d.slot);
    d.label = calloc((size_t)m.ng + 1, sizeof *d.label);
    pie = calloc((size_t)m.ng + 1, sizeof *pie);
    pslot = calloc((size_t)m.ng * (size_t)np + 1, sizeof *pslot);
    pshare = calloc((size_t)m.ng * (size_t)np + 1, sizeof *pshare);
    if (!d.size || !d.slot || !d.label || !pie || !pslot || !pshare) {
        rc = nomem(err);
        goto out;
    }
    if ((rc = build_palette(ds, fig, true, &pal, NULL, err)) != MC_OK) {
        goto out;
    }
    for (igraph_integer_t c = 0; c < m.ng; c++) {
        for (igraph_integer_t j = m.moff[c]; j < m.moff[c + 1]; j++) {
            igraph_integer_t v = m.mem[j];
            int sl = g->country[v] >= 0 ? mc_palette_slot(&pal, mc_graph_country(g, v)) : -1;
            int idx = sl >= 0 ? sl : MC_PALETTE_COLOURS;
            pshare[(size_t)c * (size_t)np + (size_t)idx] += 1;
            slot_total[idx]++;
            d.size[c] += 1;
        }
    }
    for (igraph_integer_t c = 0; c < m.ng; c++) {
        size_t o = (size_t)c * (size_t)np, ns = 0;
        for (int k = 0; k < np; k++) { /* compact the non-empty slices, in slot order */
            if (pshare[o + (size_t)k] > 0) {
                pslot[o + ns] = k < MC_PALETTE_COLOURS ? k : MC_PALETTE_OTHER;
                pshare[o + ns] = pshare[o + (size_t)k] / fmax(d.size[c], 1);
                ns++;
            }
        }
        pie[c].n = ns;
        pie[c].slot = pslot + o;
        pie[c].share = pshare + o;
        d.label[c] = m.name[c];
        d.slot[c] = MC_PALETTE_OTHER;
    }
    d.legend = calloc(MC_PALETTE_COLOURS + 2, sizeof *d.legend);
    d.legend_text = calloc(MC_PALETTE_COLOURS + 2, sizeof *d.legend_text);
    if (!d.legend || !d.legend_text) {
        rc = nomem(err);
        goto out;
    }
    for (int k = 0; k <= MC_PALETTE_COLOURS; k++) {
        if (slot_total[k] == 0) {
            continue;
        }
        char buf[160];
        if (k < MC_PALETTE_COLOURS) {
            const char *code = pal.keys.keys[k];
            const struct mc_country_info *ci = mc_country_find(code);
            snprintf(buf, sizeof buf, "%s%s%s (%s)", code, ci ? " " : "", ci ? ci->name : "",
                     mc_fmt_count(a, slot_total[k]));
        } else {
            snprintf(buf, sizeof buf, "Other or unknown (%s)", mc_fmt_count(a, slot_total[k]));
        }
        if ((d.legend_text[d.n_legend] = strdup(buf)) == NULL) {
            rc = nomem(err);
            goto out;
        }
        d.legend[d.n_legend].text = d.legend_text[d.n_legend];
        d.legend[d.n_legend].slot = k < MC_PALETTE_COLOURS ? k : MC_PALETTE_OTHER;
        d.n_legend++;
    }
    mc_layout_options_init(&lo);
    lo.kind = fig->layout == MC_LAYOUT_GEO || fig->layout == MC_LAYOUT_COUNTRY ? MC_LAYOUT_AUTO
                                                                               : fig->layout;
    lo.seed = fig->seed;
    if ((rc = mc_layout_compute(&q, &w, &lo, &pos, &li, err)) != MC_OK) {
        goto out;
    }
    ro.node_radius = m.ng > 30 ? 7 : 10;
    if (ro.labels == MC_LABELS_AUTO) {
        ro.labels = MC_LABELS_ALL;
    }
    size_t drawn = 0;
    for (igraph_integer_t c = 0; c < m.ng; c++) {
        drawn += (size_t)d.size[c];
    }
    if (fig->title) {
        snprintf(d.title, sizeof d.title, "%s", fig->title);
    } else {
        snprintf(d.title, sizeof d.title, "%s — meta-cluster map, %s%s", ds->name,
                 g->view.sector >= 0 ? "sector " : "",
                 g->view.sector >= 0 ? view_sector(g) : "all sectors");
    }
    if (fig->proposals != NULL) {
        snprintf(d.caption, sizeof d.caption,
                 "One node per proposed meta-cluster (%zu proposals, %s members)", (size_t)m.ng,
                 mc_fmt_count(a, drawn));
    } else {
        snprintf(d.caption, sizeof d.caption,
                 "One node per community of 3 or more members (%s members; Leiden, modularity "
                 "%.3f)",
                 mc_fmt_count(a, drawn), modularity);
    }
    caption_append(d.caption, sizeof d.caption,
                   ", its area proportional to its members and its pie the members' countries; "
                   "line width: cooperation weight between the groups (%s %s).",
                   mc_fmt_count(b, (size_t)igraph_ecount(&q)),
                   igraph_ecount(&q) == 1 ? "link" : "links");
    if (m.left_out_groups > 0) {
        caption_append(d.caption, sizeof d.caption, " %zu smaller groups (%zu members) left out.",
                       m.left_out_groups, m.left_out_nodes);
    }
    if (m.shared > 0) {
        caption_append(d.caption, sizeof d.caption,
                       " %zu members belong to several groups: they count in each for sizes and "
                       "pies, in the first for the lines.",
                       m.shared);
    }
    caption_append(d.caption, sizeof d.caption, " Dataset %s. Layout %s, seed %lu.", ds->name,
                   mc_layout_name(li.used), fig->seed);

    struct mc_scene sc;
    memset(&sc, 0, sizeof sc);
    sc.g = &q;
    sc.weight = &w;
    sc.pos = &pos;
    sc.slot = d.slot;
    sc.pie = pie;
    sc.size = d.size;
    sc.size_area = true;
    sc.label = d.label;
    sc.title = d.title;
    sc.caption = d.caption;
    sc.colour_title = "Members by country";
    sc.colours = d.legend;
    sc.n_colours = d.n_legend;
    sc.size_title = "Node area: members";
    sc.edge_title = "Line width: cooperation weight between groups";
    rc = write_figure(&sc, &ro, fig, "meta-cluster map", path, err);
out:
    if (have_q) {
        igraph_destroy(&q);
    }
    igraph_vector_destroy(&w);
    igraph_matrix_destroy(&pos);
    mc_palette_destroy(&pal);
    mc_proposals_io_destroy(&set);
    meta_destroy(&m);
    figdata_destroy(&d);
    free(pie);
    free(pslot);
    free(pshare);
    return rc;
}

enum mc_status cli_render_figure(const struct mc_dataset *ds, const struct mc_graph *g,
                                 const struct cli_figure *fig, const char *path,
                                 struct mc_error *err) {
    if (fig->proposal != NULL) {
        return render_proposal(ds, g, fig, path, err);
    }
    if (fig->meta) {
        return render_meta(ds, g, fig, path, err);
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
                                         {"runs", required_argument, NULL, OPT_RUNS},
                                         {0}};
    struct cli_data d;
    struct cli_figure fig;
    const char *output = NULL;
    enum mc_status rc = MC_OK;
    struct mc_dataset ds;
    struct mc_graph g;
    char *sector = NULL;
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
        case OPT_RUNS:
            rc = cli_long("--runs", optarg, 1, 1000, &lv, err);
            fig.runs = (int)lv;
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
    if (fig.proposal != NULL && d.sector == NULL) { /* the proposal's own sector view */
        struct mc_proposals_io set;
        const struct mc_prop *p;
        mc_proposals_io_init(&set);
        rc = mc_proposals_io_read(&set, fig.proposals, err);
        if (rc == MC_OK) {
            rc = mc_proposals_io_require(&set, fig.proposals, fig.proposal, &p, err);
        }
        if (rc == MC_OK && strcmp(p->sector, "all") != 0 &&
            strcmp(p->sector, "cross-sector") != 0) {
            sector = strdup(p->sector);
            d.sector = sector;
            rc = sector ? MC_OK : nomem(err);
        }
        mc_proposals_io_destroy(&set);
        if (rc != MC_OK) {
            goto out;
        }
    }
    if ((rc = cli_load(&d, "render", argc, argv, &ds, &g, err)) != MC_OK) {
        goto out;
    }
    mc_igraph_seed(fig.seed);
    rc = cli_render_figure(&ds, &g, &fig, output, err);
out:
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    free(sector);
    return rc;
}
