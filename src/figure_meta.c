/*
 * The meta-cluster map: one node per group (a community of 3 or more members,
 * or a proposal), its area its members and its pie their countries, linked by
 * the summed weight between the groups (the quotient graph).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figure_internal.h"
#include "metaclust/countries.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/layout.h"
#include "metaclust/palette.h"
#include "metaclust/proposals_io.h"
#include "metaclust/report.h"

static enum mc_status quotient(const struct mc_graph *g, const igraph_integer_t *grp,
                               igraph_integer_t ng, igraph_t *q, igraph_vector_t *w,
                               struct mc_error *err) {
    igraph_integer_t m = igraph_ecount(&g->ig), k = 0;
    struct mc_fig_qedge *qe = malloc(((size_t)m + 1) * sizeof *qe);
    igraph_vector_int_t ev;
    enum mc_status rc = MC_OK;
    igraph_vector_int_init(&ev, 0);
    igraph_vector_clear(w);
    if (qe == NULL) {
        rc = mc_fig_nomem(err);
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
    rc = mc_fig_merge_pairs(qe, k, NULL, &ev, w, err);
    if (rc == MC_OK) {
        rc = mc_igraph_status(igraph_create(q, &ev, ng, IGRAPH_UNDIRECTED), err, "quotient");
    }
out:
    free(qe);
    igraph_vector_int_destroy(&ev);
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
    char none[512]; /* no proposal to draw: why, in words */
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

/* Room for n groups over the view's vertices, none assigned. */
static enum mc_status meta_begin(struct meta *m, const struct mc_graph *g, size_t n,
                                 struct mc_error *err) {
    m->grp = malloc(((size_t)g->n + 1) * sizeof *m->grp);
    m->name = calloc(n + 1, sizeof *m->name);
    m->moff = calloc(n + 2, sizeof *m->moff);
    if (!m->grp || !m->name || !m->moff) {
        return mc_fig_nomem(err);
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        m->grp[v] = -1;
    }
    return MC_OK;
}

/* Vertex v (-1: not in the view) joins the group being built. */
static enum mc_status meta_member(struct meta *m, igraph_integer_t v, struct mc_error *err) {
    if (v < 0) {
        return MC_OK;
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
    return MC_OK;
}

/*
 * Closes the group being built, labelled "ID · SECTOR · COORDINATOR", or
 * "ID · COORDINATOR" when the id already says the sector (ict-01 of ict).
 */
static enum mc_status meta_end(struct meta *m, const char *id, const char *sector,
                               const char *coordinator, struct mc_error *err) {
    size_t len = strlen(id) + strlen(sector) + strlen(coordinator) + 16, ls = strlen(sector);
    bool said = strncmp(id, sector, ls) == 0 && id[ls] == '-';
    if ((m->name[m->ng] = malloc(len)) == NULL) {
        return mc_fig_nomem(err);
    }
    snprintf(m->name[m->ng], len, "%s · %s%s%s", id, said ? "" : sector, said ? "" : " · ",
             coordinator);
    m->moff[++m->ng] = (igraph_integer_t)m->nmem;
    return MC_OK;
}

/* Beyond META_MAX groups, a proposal of n members is counted as left out. */
static bool meta_full(struct meta *m, size_t n) {
    if (m->ng < META_MAX) {
        return false;
    }
    m->left_out_groups++;
    m->left_out_nodes += n;
    return true;
}

/* No proposal to draw is an answer, not an error: the figure says it in words. */
static void meta_none(struct meta *m, const struct mc_graph *g, const char *dir) {
    if (g->view.sector >= 0) {
        snprintf(m->none, sizeof m->none,
                 "No proposal in sector %s (proposals from %s): no group of its clusters met "
                 "the rules. rejected.csv lists the candidates and why each was not proposed.",
                 mc_fig_view_sector(g), dir);
    } else {
        snprintf(m->none, sizeof m->none,
                 "No proposal in %s: no group of clusters met the rules. rejected.csv lists the "
                 "candidates and why each was not proposed.",
                 dir);
    }
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
    enum mc_status rc = meta_begin(m, g, set->n, err);
    for (size_t i = 0; rc == MC_OK && i < set->n; i++) {
        const struct mc_prop *p = &set->prop[i];
        if ((!all && strcmp(p->sector, mc_fig_view_sector(g)) != 0) || meta_full(m, p->n_member)) {
            continue;
        }
        for (size_t k = 0; rc == MC_OK && k < p->n_member; k++) {
            long ni = mc_intern_find(&ds->ids, p->member[k], strlen(p->member[k]));
            rc = meta_member(m, ni >= 0 ? g->vertex_of[ni] : -1, err);
        }
        rc = rc ? rc : meta_end(m, p->id, p->sector, p->coordinator_name, err);
    }
    if (rc == MC_OK && m->ng == 0) {
        meta_none(m, g, dir);
    }
    return rc;
}

/*
 * The same from proposals in memory (a batch unit's own run): the same
 * groups, in the same order, as from the files it wrote.
 */
static enum mc_status meta_from_memory(const struct mc_dataset *ds, const struct mc_graph *g,
                                       const struct mc_sector_proposals *sp, const char *dir,
                                       struct meta *m, struct mc_error *err) {
    bool all = g->view.sector < 0;
    bool same = !sp->cross_sector && sp->sector == g->view.sector;
    const char *sector = sp->cross_sector  ? "cross-sector" /* as proposals.csv names it */
                         : sp->sector >= 0 ? mc_dataset_sector_name(ds, sp->sector)
                                           : "all";
    enum mc_status rc = meta_begin(m, g, sp->n_proposals, err);
    for (size_t i = 0; rc == MC_OK && (all || same) && i < sp->n_proposals; i++) {
        const struct mc_proposal *p = &sp->proposals[i];
        if (meta_full(m, p->size)) {
            continue;
        }
        for (size_t k = 0; rc == MC_OK && k < p->size; k++) {
            rc = meta_member(m, g->vertex_of[p->members[k].node], err);
        }
        rc = rc ? rc : meta_end(m, p->id, sector, ds->node_name[p->coordinator], err);
    }
    if (rc == MC_OK && m->ng == 0) {
        meta_none(m, g, dir ? dir : "this run");
    }
    return rc;
}

/*
 * Groups from the view's communities: those of at least 3 members, largest
 * first, each labelled with its strongest member.
 */
static enum mc_status meta_from_communities(const struct mc_graph *g,
                                            const struct mc_figure_options *fig, struct meta *m,
                                            double *modularity, struct mc_error *err) {
    igraph_vector_int_t memb;
    igraph_vector_t str;
    igraph_integer_t ncomm = 0;
    enum mc_status rc;
    igraph_vector_int_init(&memb, 0);
    igraph_vector_init(&str, 0);
    if ((rc = mc_fig_view_communities(g, fig, &memb, &ncomm, modularity, err)) != MC_OK ||
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
        rc = mc_fig_nomem(err);
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
            rc = mc_fig_nomem(err);
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
                          mc_fig_view_sector(g));
    }
out:
    igraph_vector_int_destroy(&memb);
    igraph_vector_destroy(&str);
    return rc;
}

enum mc_status mc_fig_meta(const struct mc_dataset *ds, const struct mc_graph *g,
                           const struct mc_figure_options *fig, const char *path,
                           struct mc_figure_info *info, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct mc_proposals_io set;
    struct meta m;
    struct mc_figdata d;
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
    if (fig->proposals != NULL) {
        rc = meta_from_memory(ds, g, fig->proposals, fig->proposals_dir, &m, err);
    } else if (fig->proposals_dir == NULL) {
        rc = meta_from_communities(g, fig, &m, &modularity, err);
    } else if ((rc = mc_proposals_io_read(&set, fig->proposals_dir, err)) == MC_OK) {
        rc = meta_from_proposals(ds, g, &set, fig->proposals_dir, &m, err);
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
        rc = mc_fig_nomem(err);
        goto out;
    }
    if ((rc = mc_fig_build_palette(ds, fig, true, &pal, NULL, err)) != MC_OK) {
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
        rc = mc_fig_nomem(err);
        goto out;
    }
    size_t shown[MC_PALETTE_COLOURS];
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
            rc = mc_fig_nomem(err);
            goto out;
        }
        d.legend[d.n_legend].text = d.legend_text[d.n_legend];
        d.legend[d.n_legend].slot = k < MC_PALETTE_COLOURS ? k : MC_PALETTE_OTHER;
        if (k < MC_PALETTE_COLOURS) {
            shown[d.n_legend] = slot_total[k];
        }
        d.n_legend++;
    }
    /* the countries by members in the figure; "Other or unknown" stays last */
    mc_fig_sort_legend(&d, d.n_legend - (slot_total[MC_PALETTE_COLOURS] > 0), shown);
    mc_layout_options_init(&lo);
    lo.kind = fig->layout == MC_LAYOUT_GEO || fig->layout == MC_LAYOUT_COUNTRY ? MC_LAYOUT_AUTO
                                                                               : fig->layout;
    lo.seed = fig->seed;
    memset(&li, 0, sizeof li);
    li.used = lo.kind;
    if (m.ng > 0 && (rc = mc_layout_compute(&q, &w, &lo, &pos, &li, err)) != MC_OK) {
        goto out;
    }
    /* few groups fill the canvas: large pies rather than dots lost in white */
    ro.node_radius = m.ng > 30 ? 7 : m.ng > 12 ? 12 : m.ng > 4 ? 18 : 24;
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
        /* without proposals the groups are communities, which are no meta-clusters */
        bool props = fig->proposals != NULL || fig->proposals_dir != NULL;
        snprintf(d.title, sizeof d.title, "%s — %s, %s%s", ds->name,
                 props ? "meta-cluster map of the proposals" : "map of the communities",
                 g->view.sector >= 0 ? "sector " : "",
                 g->view.sector >= 0 ? mc_fig_view_sector(g) : "all sectors");
    }
    if (fig->proposals != NULL || fig->proposals_dir != NULL) {
        snprintf(d.caption, sizeof d.caption,
                 "One node per proposed meta-cluster (%zu %s, %s members)", (size_t)m.ng,
                 m.ng == 1 ? "proposal" : "proposals", mc_fmt_count(a, drawn));
    } else {
        snprintf(d.caption, sizeof d.caption,
                 "One node per community of 3 or more members (%s members; Leiden, modularity "
                 "%.3f)",
                 mc_fmt_count(a, drawn), modularity);
    }
    mc_fig_caption_append(
        d.caption, sizeof d.caption,
        ", its area proportional to its members and its pie the members' countries; "
        "line width: cooperation weight between the groups (%s %s).",
        mc_fmt_count(b, (size_t)igraph_ecount(&q)), igraph_ecount(&q) == 1 ? "link" : "links");
    if (m.left_out_groups > 0) {
        mc_fig_caption_append(d.caption, sizeof d.caption,
                              " %zu smaller groups (%zu members) left out.", m.left_out_groups,
                              m.left_out_nodes);
    }
    if (m.shared > 0) {
        mc_fig_caption_append(
            d.caption, sizeof d.caption,
            " %zu members belong to several groups: they count in each for sizes and "
            "pies, in the first for the lines.",
            m.shared);
    }
    mc_fig_caption_append(d.caption, sizeof d.caption, " Dataset %s. Layout %s, seed %lu.",
                          ds->name, mc_layout_name(li.used), fig->seed);

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
    if (m.ng == 0) {
        sc.message = m.none;
        sc.colour_title = sc.size_title = sc.edge_title = NULL;
        snprintf(d.caption, sizeof d.caption, "No proposal to map. Dataset %s.", ds->name);
    }
    rc = mc_fig_write(&sc, &ro, "meta-cluster map", path, info, err);
out:
    if (have_q) {
        igraph_destroy(&q);
    }
    igraph_vector_destroy(&w);
    igraph_matrix_destroy(&pos);
    mc_palette_destroy(&pal);
    mc_proposals_io_destroy(&set);
    meta_destroy(&m);
    mc_figdata_destroy(&d);
    free(pie);
    free(pslot);
    free(pshare);
    return rc;
}
