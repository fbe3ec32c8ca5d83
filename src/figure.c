/*
 * Figures (figure.h): the options, the dispatch, and what the three kinds
 * share: colours by category, node sizes, the view's communities, and
 * writing a scene. The figures themselves are in figure_network.c,
 * figure_meta.c and figure_proposal.c.
 */
#include "metaclust/figure.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "figure_internal.h"
#include "metaclust/centrality.h"
#include "metaclust/community.h"
#include "metaclust/countries.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/outfile.h"
#include "metaclust/palette.h"
#include "metaclust/proposals_io.h"
#include "metaclust/report.h"

void mc_figure_options_init(struct mc_figure_options *f) {
    memset(f, 0, sizeof *f);
    f->layout = MC_LAYOUT_AUTO;
    f->colour = MC_FIGURE_COLOUR_COMMUNITY;
    f->size = MC_FIGURE_SIZE_PAGERANK;
    f->runs = 1;
    mc_render_options_init(&f->render);
    f->modularity = NAN;
}

void mc_figdata_destroy(struct mc_figdata *d) {
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

struct legend_key {
    size_t count, pos;
    const char *text;
};

static int cmp_legend_key(const void *a, const void *b) {
    const struct legend_key *p = a, *q = b;
    if (p->count != q->count) {
        return p->count > q->count ? -1 : 1;
    }
    int c = strcmp(p->text ? p->text : "", q->text ? q->text : "");
    return c != 0 ? c : (p->pos > q->pos) - (p->pos < q->pos);
}

void mc_fig_sort_legend(struct mc_figdata *d, size_t n, const size_t *count) {
    struct legend_key key[MC_PALETTE_COLOURS + 2];
    struct mc_legend_entry entry[MC_PALETTE_COLOURS + 2];
    char *text[MC_PALETTE_COLOURS + 2];
    if (n > MC_PALETTE_COLOURS + 2) {
        n = MC_PALETTE_COLOURS + 2;
    }
    for (size_t i = 0; i < n; i++) {
        key[i] = (struct legend_key){.count = count[i], .pos = i, .text = d->legend_text[i]};
        entry[i] = d->legend[i];
        text[i] = d->legend_text[i];
    }
    qsort(key, n, sizeof *key, cmp_legend_key);
    for (size_t i = 0; i < n; i++) {
        d->legend[i] = entry[key[i].pos];
        d->legend_text[i] = text[key[i].pos];
        d->legend[i].text = d->legend_text[i];
    }
}

enum mc_status mc_fig_nomem(struct mc_error *err) {
    return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (render)");
}

void mc_fig_caption_append(char *buf, size_t sz, const char *fmt, ...) {
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
        return mc_fig_nomem(err);
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
 * one entry per coloured category present (the most vertices first), then
 * "Other" and "Unknown" in grey.
 */
static enum mc_status category_colours(struct mc_figdata *d, igraph_integer_t n, const int32_t *cat,
                                       size_t ncat, const char *const *names,
                                       const struct mc_palette *pal, const char *noun,
                                       bool country_names, struct mc_error *err) {
    size_t *count = calloc(ncat + 1, sizeof *count);
    size_t other = 0, other_kinds = 0, unknown = 0;
    int *slot_cat = malloc(MC_PALETTE_COLOURS * sizeof *slot_cat);
    if (!count || !slot_cat) {
        free(count);
        free(slot_cat);
        return mc_fig_nomem(err);
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
        return mc_fig_nomem(err);
    }
    char cnt[32], buf[256];
    size_t shown[MC_PALETTE_COLOURS];
    for (int k = 0; k < MC_PALETTE_COLOURS; k++) {
        if (slot_cat[k] < 0) {
            continue;
        }
        const char *nm = names[slot_cat[k]];
        const struct mc_country_info *ci = country_names ? mc_country_find(nm) : NULL;
        snprintf(buf, sizeof buf, "%s%s%s (%s)", nm, ci ? " " : "", ci ? ci->name : "",
                 mc_fmt_count(cnt, count[slot_cat[k]]));
        shown[d->n_legend] = count[slot_cat[k]];
        d->legend_text[d->n_legend] = strdup(buf);
        d->legend[d->n_legend].slot = k;
        d->n_legend++;
    }
    mc_fig_sort_legend(d, d->n_legend, shown);
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
            return mc_fig_nomem(err);
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
        return mc_fig_nomem(err);
    }
    for (size_t i = 0; i < nn; i++) {
        for (size_t k = 0; k < mc_tags_count(&ds->node_sectors, i); k++) {
            c[i * ns + (size_t)mc_tags_of(&ds->node_sectors, i)[k]]++;
        }
    }
    for (size_t r = 0; r < ds->n_aff; r++) {
        size_t i = (size_t)ds->aff_node[r];
        size_t item;
        const struct mc_tags *t = mc_dataset_aff_tags(ds, r, &item);
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
enum mc_status mc_fig_build_palette(const struct mc_dataset *ds,
                                    const struct mc_figure_options *fig, bool country,
                                    struct mc_palette *pal, int32_t *dom, struct mc_error *err) {
    size_t ncat = country ? ds->countries.n : ds->sectors.n;
    size_t *total = calloc(ncat + 1, sizeof *total);
    int32_t *own = dom ? NULL : calloc(ds->n_nodes + 1, sizeof *own);
    enum mc_status rc = MC_OK;
    if (!total || (!dom && !own)) {
        rc = mc_fig_nomem(err);
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
enum mc_status mc_fig_colour_by_category(struct mc_figdata *d, const struct mc_dataset *ds,
                                         const int32_t *node, igraph_integer_t n,
                                         const struct mc_figure_options *fig,
                                         struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct mc_palette pal;
    bool country = fig->colour != MC_FIGURE_COLOUR_SECTOR;
    int32_t *dom = calloc(ds->n_nodes + 1, sizeof *dom);
    int32_t *cat = calloc((size_t)n + 1, sizeof *cat);
    mc_palette_init(&pal);
    if (!dom || !cat) {
        rc = mc_fig_nomem(err);
        goto out;
    }
    if ((rc = mc_fig_build_palette(ds, fig, country, &pal, dom, err)) != MC_OK) {
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
enum mc_status mc_fig_node_sizes(struct mc_figdata *d, const struct mc_graph *g, const igraph_t *ig,
                                 const igraph_vector_t *w, const struct mc_figure_options *fig,
                                 struct mc_error *err) {
    igraph_integer_t n = igraph_vcount(ig);
    enum mc_status rc = MC_OK;
    igraph_vector_t v;
    if (fig->size == MC_FIGURE_SIZE_NONE) {
        return MC_OK;
    }
    igraph_vector_init(&v, 0);
    switch (fig->size) {
    case MC_FIGURE_SIZE_DEGREE: {
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
    case MC_FIGURE_SIZE_STRENGTH:
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
                     fig->size == MC_FIGURE_SIZE_PAGERANK ? "PageRank" : "betweenness");
            break;
        }
        /* PageRank (weights as strengths) or betweenness (1/weight as lengths; sampled
           sources on big graphs), from the analysis library */
        struct mc_centrality_options co;
        struct mc_centrality c;
        enum mc_measure m = fig->size == MC_FIGURE_SIZE_PAGERANK ? MC_M_PAGERANK : MC_M_BETWEENNESS;
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
enum mc_status mc_fig_view_communities(const struct mc_graph *g,
                                       const struct mc_figure_options *fig,
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

static int cmp_qedge(const void *x, const void *y) {
    const struct mc_fig_qedge *p = x, *q = y;
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
enum mc_status mc_fig_merge_pairs(struct mc_fig_qedge *qe, igraph_integer_t k,
                                  const igraph_integer_t *map, igraph_vector_int_t *ev,
                                  igraph_vector_t *w, struct mc_error *err) {
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

/* Draws the scene into `path` atomically and prints the one-line note. */
enum mc_status mc_fig_write(const struct mc_scene *sc, const struct mc_render_options *ro,
                            const char *what, const char *path, struct mc_figure_info *info,
                            struct mc_error *err) {
    struct mc_outfile out = {0};
    struct mc_render_info ri;
    enum mc_status rc;
    if ((rc = mc_outfile_open(&out, path, err)) == MC_OK &&
        (rc = mc_render(sc, ro, out.f, path, &ri, err)) == MC_OK) {
        rc = mc_outfile_commit(&out, err);
    }
    mc_outfile_abort(&out);
    if (rc == MC_OK && info != NULL) {
        snprintf(info->what, sizeof info->what, "%s", what);
        info->labels_shown = ri.labels_shown;
        info->labels_dropped = ri.labels_dropped;
        snprintf(info->note, sizeof info->note, "%s (%s, %s, %zu label%s", path,
                 mc_figure_format_name(ro->format), what, ri.labels_shown,
                 ri.labels_shown == 1 ? "" : "s");
        if (ri.labels_dropped > 0) {
            mc_fig_caption_append(info->note, sizeof info->note, ", %zu left out to avoid overlaps",
                                  ri.labels_dropped);
        }
        mc_fig_caption_append(info->note, sizeof info->note, ")");
    }
    return rc;
}

enum mc_status mc_figure_chart(const char *path, const struct mc_chart_bars *bars,
                               const struct mc_chart_heatmap *heat,
                               const struct mc_render_options *ro, struct mc_error *err) {
    struct mc_outfile out = {0};
    enum mc_status rc;
    if ((rc = mc_outfile_open(&out, path, err)) == MC_OK) {
        rc = bars != NULL ? mc_render_bars(bars, ro, out.f, path, err)
                          : mc_render_heatmap(heat, ro, out.f, path, err);
    }
    if (rc == MC_OK) {
        rc = mc_outfile_commit(&out, err);
    }
    mc_outfile_abort(&out);
    return rc;
}

const char *mc_fig_view_sector(const struct mc_graph *g) {
    return g->view.sector >= 0 ? mc_graph_sector_name(g) : "all";
}

/* ==== The entry points ==== */

enum mc_status mc_figure_draw(const struct mc_dataset *ds, const struct mc_graph *g,
                              const struct mc_figure_options *o, const char *path,
                              struct mc_figure_info *info, struct mc_error *err) {
    if (info != NULL) {
        memset(info, 0, sizeof *info);
    }
    if (o->proposal != NULL) {
        return mc_fig_proposal(ds, g, o, path, info, err);
    }
    if (o->meta) {
        return mc_fig_meta(ds, g, o, path, info, err);
    }
    return mc_fig_network(ds, g, o, path, info, err);
}

enum mc_status mc_figure_proposal_sector(const char *dir, const char *id, char **sector,
                                         struct mc_error *err) {
    struct mc_proposals_io set;
    const struct mc_prop *p;
    enum mc_status rc;
    *sector = NULL;
    mc_proposals_io_init(&set);
    rc = mc_proposals_io_read(&set, dir, err);
    if (rc == MC_OK) {
        rc = mc_proposals_io_require(&set, dir, id, &p, err);
    }
    if (rc == MC_OK && strcmp(p->sector, "all") != 0 && strcmp(p->sector, "cross-sector") != 0) {
        *sector = strdup(p->sector);
        rc = *sector ? MC_OK : mc_fig_nomem(err);
    }
    mc_proposals_io_destroy(&set);
    return rc;
}
