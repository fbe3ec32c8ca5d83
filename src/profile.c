/*
 * metaclust profile: one node among its peers. The indicators are computed
 * for every vertex of the view (the peers need them too), then the node's
 * percentiles, partners, proposals and suggestions are picked out.
 */
#include "metaclust/profile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/centrality.h"
#include "metaclust/community.h"
#include "metaclust/figure.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/report.h"
#include "metaclust/util.h"

/* ==== Percentiles ==== */

double mc_percentile(const double *values, const bool *peer, size_t n, size_t self) {
    double x = values[self];
    size_t lower = 0, equal = 0, peers = 0;
    if (isnan(x)) {
        return NAN;
    }
    for (size_t i = 0; i < n; i++) {
        if (i == self || (peer != NULL && !peer[i]) || isnan(values[i])) {
            continue;
        }
        peers++;
        if (values[i] < x) {
            lower++;
        } else if (values[i] == x) {
            equal++;
        }
    }
    if (peers == 0) {
        return NAN;
    }
    return 100.0 * ((double)lower + 0.5 * (double)equal) / (double)peers;
}

static const char *const ind_name[MC_IND_COUNT] = {
    "degree",      "strength",      "partners", "partner_countries", "foreign_share",   "pagerank",
    "betweenness", "participation", "groups",   "lead_share",        "eu_contribution", "type_mix"};

static const char *const ind_words[MC_IND_COUNT] = {"partners in the view (degree)",
                                                    "weight of its ties (strength)",
                                                    "distinct partners in the whole dataset",
                                                    "countries among its partners",
                                                    "share of foreign partners",
                                                    "PageRank (central position)",
                                                    "betweenness (brokerage between others)",
                                                    "participation across communities",
                                                    "groups (projects) in the view",
                                                    "share of its groups it leads",
                                                    "EU contribution received",
                                                    "mix of partner types (triple helix)"};

const char *mc_indicator_name(enum mc_indicator i) {
    return (unsigned)i < MC_IND_COUNT ? ind_name[i] : "?";
}

const char *mc_indicator_words(enum mc_indicator i) {
    return (unsigned)i < MC_IND_COUNT ? ind_words[i] : "?";
}

void mc_profile_options_init(struct mc_profile_options *o) {
    o->seed = 0;
    o->runs = 10;
    o->partners = 10;
    o->suggestions = 5;
    o->proposal_view = NULL;
}

void mc_profile_init(struct mc_profile *p) {
    memset(p, 0, sizeof *p);
    p->node = -1;
    p->vertex = -1;
    mc_match_result_init(&p->match);
}

void mc_profile_destroy(struct mc_profile *p) {
    free(p->types);
    free(p->partner);
    free(p->proposal);
    mc_match_result_destroy(&p->match);
    if (p->have_active) {
        mc_tags_destroy(&p->active);
    }
    mc_profile_init(p);
}

/* ==== Indicators of every vertex ==== */

/* One (vertex, group) membership of the view, after merging repeated rows. */
struct vmember {
    int32_t v, group;
    uint8_t lead;
    double contribution; /* NAN when no row gives one */
};

static int cmp_vmember(const void *a, const void *b) {
    const struct vmember *x = a, *y = b;
    if (x->v != y->v) {
        return x->v < y->v ? -1 : 1;
    }
    return (x->group > y->group) - (x->group < y->group);
}

/* Groups, lead share and contribution per vertex, from the affiliation rows in the view. */
static enum mc_status group_indicators(const struct mc_graph *g, double *groups, double *lead,
                                       double *contrib, struct mc_error *err) {
    const struct mc_dataset *ds = g->ds;
    struct vmember *m = NULL;
    size_t n = 0;
    bool any_role = false, any_contrib = false;

    if (ds->n_aff > 0 && (m = malloc(ds->n_aff * sizeof *m)) == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t r = 0; r < ds->n_aff; r++) {
        int32_t v = g->vertex_of[ds->aff_node[r]];
        if (v < 0) {
            continue;
        }
        if (g->view.sector >= 0) {
            size_t item;
            const struct mc_tags *t = mc_dataset_aff_tags(ds, r, &item);
            if (!mc_tags_has(t, item, (int32_t)g->view.sector)) {
                continue;
            }
        }
        any_role |= ds->aff_role[r] != MC_ROLE_NONE;
        any_contrib |= !isnan(ds->aff_contribution[r]);
        m[n++] = (struct vmember){v, ds->aff_group[r], ds->aff_role[r] == MC_ROLE_LEAD,
                                  ds->aff_contribution[r]};
    }
    if (n > 1) {
        qsort(m, n, sizeof *m, cmp_vmember);
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        groups[v] = 0;
        lead[v] = 0;
        contrib[v] = NAN;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        uint8_t led = 0;
        double c = NAN;
        for (; j < n && m[j].v == m[i].v && m[j].group == m[i].group; j++) {
            led |= m[j].lead;
            if (!isnan(m[j].contribution)) {
                c = isnan(c) ? m[j].contribution : c + m[j].contribution;
            }
        }
        int32_t v = m[i].v;
        groups[v] += 1;
        lead[v] += led;
        if (!isnan(c)) {
            contrib[v] = isnan(contrib[v]) ? c : contrib[v] + c;
        }
        i = j;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        lead[v] = any_role && groups[v] > 0 ? lead[v] / groups[v] : NAN;
        if (!any_contrib) {
            contrib[v] = NAN;
        } else if (isnan(contrib[v]) && groups[v] == 0) {
            contrib[v] = 0;
        }
    }
    free(m);
    return MC_OK;
}

/*
 * Distinct partners of every vertex in the whole dataset: the other members
 * of every group it is in (any sector) and the other ends of its direct
 * edges. Time complexity: O(rows + sum over vertices of their groups' sizes).
 */
static enum mc_status whole_partners(const struct mc_graph *g, double *out, struct mc_error *err) {
    const struct mc_dataset *ds = g->ds;
    enum mc_status rc = MC_OK;
    size_t nn = ds->n_nodes, ng = ds->groups.n, ne = ds->n_edges, na = ds->n_aff;
    size_t *goff = calloc(ng + 1, sizeof *goff), *noff = calloc(nn + 1, sizeof *noff);
    size_t *eoff = calloc(nn + 1, sizeof *eoff);
    int32_t *gmem = malloc((na ? na : 1) * sizeof *gmem),
            *ngrp = malloc((na ? na : 1) * sizeof *ngrp);
    int32_t *eadj = malloc((ne ? 2 * ne : 1) * sizeof *eadj);
    int32_t *stamp = malloc((nn ? nn : 1) * sizeof *stamp);
    size_t *fill = NULL;

    if (goff == NULL || noff == NULL || eoff == NULL || gmem == NULL || ngrp == NULL ||
        eadj == NULL || stamp == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    /* compressed rows: group -> members, node -> groups, node -> direct partners */
    for (size_t r = 0; r < na; r++) {
        goff[ds->aff_group[r] + 1]++;
        noff[ds->aff_node[r] + 1]++;
    }
    for (size_t e = 0; e < ne; e++) {
        eoff[ds->edge_src[e] + 1]++;
        eoff[ds->edge_tgt[e] + 1]++;
    }
    for (size_t i = 0; i < ng; i++) {
        goff[i + 1] += goff[i];
    }
    for (size_t i = 0; i < nn; i++) {
        noff[i + 1] += noff[i];
        eoff[i + 1] += eoff[i];
    }
    size_t cap = ng > nn ? ng : nn;
    if ((fill = calloc(cap + 1, sizeof *fill)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (size_t r = 0; r < na; r++) {
        gmem[goff[ds->aff_group[r]] + fill[ds->aff_group[r]]++] = ds->aff_node[r];
    }
    memset(fill, 0, (cap + 1) * sizeof *fill);
    for (size_t r = 0; r < na; r++) {
        ngrp[noff[ds->aff_node[r]] + fill[ds->aff_node[r]]++] = ds->aff_group[r];
    }
    memset(fill, 0, (cap + 1) * sizeof *fill);
    for (size_t e = 0; e < ne; e++) {
        int32_t a = ds->edge_src[e], b = ds->edge_tgt[e];
        eadj[eoff[a] + fill[a]++] = b;
        eadj[eoff[b] + fill[b]++] = a;
    }
    for (size_t i = 0; i < nn; i++) {
        stamp[i] = -1;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        int32_t u = g->node[v];
        size_t count = 0;
        stamp[u] = (int32_t)v; /* not its own partner */
        for (size_t k = noff[u]; k < noff[u + 1]; k++) {
            int32_t grp = ngrp[k];
            for (size_t t = goff[grp]; t < goff[grp + 1]; t++) {
                if (stamp[gmem[t]] != (int32_t)v) {
                    stamp[gmem[t]] = (int32_t)v;
                    count++;
                }
            }
        }
        for (size_t k = eoff[u]; k < eoff[u + 1]; k++) {
            if (stamp[eadj[k]] != (int32_t)v) {
                stamp[eadj[k]] = (int32_t)v;
                count++;
            }
        }
        out[v] = (double)count;
        if ((v & 1023) == 0 && mc_interrupted()) {
            rc = MC_E_INTERRUPTED;
            goto out;
        }
    }
out:
    free(goff);
    free(noff);
    free(eoff);
    free(gmem);
    free(ngrp);
    free(eadj);
    free(stamp);
    free(fill);
    return rc;
}

/*
 * From the view's neighbours: distinct partner countries, the share of
 * partners (with a known country) abroad, and the Blau index of partner
 * types. `type_of` gives each dataset node's type index (-1: none).
 */
static enum mc_status neighbour_indicators(const struct mc_graph *g, const int32_t *type_of,
                                           size_t n_types, double *countries, double *foreign,
                                           double *mix, struct mc_error *err) {
    const struct mc_dataset *ds = g->ds;
    igraph_adjlist_t adj;
    size_t nc = ds->countries.n;
    int32_t *cstamp = malloc((nc ? nc : 1) * sizeof *cstamp);
    size_t *tcount = calloc(n_types ? n_types : 1, sizeof *tcount);
    enum mc_status rc = MC_OK;

    if (cstamp == NULL || tcount == NULL) {
        free(cstamp);
        free(tcount);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    rc = mc_igraph_status(
        igraph_adjlist_init(&g->ig, &adj, IGRAPH_ALL, IGRAPH_NO_LOOPS, IGRAPH_NO_MULTIPLE), err,
        "adjacency list");
    if (rc != MC_OK) {
        free(cstamp);
        free(tcount);
        return rc;
    }
    for (size_t c = 0; c < nc; c++) {
        cstamp[c] = -1;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        igraph_vector_int_t *nb = igraph_adjlist_get(&adj, v);
        igraph_integer_t k = igraph_vector_int_size(nb);
        size_t distinct = 0, known = 0, abroad = 0, typed = 0;
        int32_t cv = g->country[v];
        memset(tcount, 0, (n_types ? n_types : 1) * sizeof *tcount);
        for (igraph_integer_t j = 0; j < k; j++) {
            igraph_integer_t u = VECTOR(*nb)[j];
            int32_t cu = g->country[u];
            if (cu >= 0) {
                known++;
                abroad += cv >= 0 && cu != cv;
                if (cstamp[cu] != (int32_t)v) {
                    cstamp[cu] = (int32_t)v;
                    distinct++;
                }
            }
            int32_t t = type_of[g->node[u]];
            if (t >= 0) {
                tcount[t]++;
                typed++;
            }
        }
        countries[v] = (double)distinct;
        foreign[v] = cv >= 0 && known > 0 ? (double)abroad / (double)known : NAN;
        double sum2 = 0;
        for (size_t t = 0; t < n_types; t++) {
            double p = typed ? (double)tcount[t] / (double)typed : 0;
            sum2 += p * p;
        }
        mix[v] = typed > 0 ? 1 - sum2 : NAN;
    }
    igraph_adjlist_destroy(&adj);
    free(cstamp);
    free(tcount);
    return MC_OK;
}

/* ==== The node's own lists ==== */

static int cmp_partner(const void *a, const void *b, const struct mc_dataset *ds) {
    const struct mc_profile_partner *x = a, *y = b;
    if (x->weight != y->weight) {
        return x->weight > y->weight ? -1 : 1;
    }
    return strcmp(ds->ids.keys[x->node], ds->ids.keys[y->node]);
}

/* insertion sort: the partner list of one node, with the dataset for the tie-break */
static void sort_partners(struct mc_profile_partner *p, size_t n, const struct mc_dataset *ds) {
    for (size_t i = 1; i < n; i++) {
        struct mc_profile_partner t = p[i];
        size_t j = i;
        while (j > 0 && cmp_partner(&p[j - 1], &t, ds) > 0) {
            p[j] = p[j - 1];
            j--;
        }
        p[j] = t;
    }
}

static enum mc_status node_partners(const struct mc_graph *g, struct mc_profile *p, int keep,
                                    struct mc_error *err) {
    igraph_vector_int_t inc;
    enum mc_status rc = mc_igraph_status(igraph_vector_int_init(&inc, 0), err, "vector");
    if (rc != MC_OK) {
        return rc;
    }
    rc = mc_igraph_status(igraph_incident(&g->ig, &inc, p->vertex, IGRAPH_ALL), err, "incident");
    size_t k = rc == MC_OK ? (size_t)igraph_vector_int_size(&inc) : 0;
    if (rc == MC_OK && (p->partner = malloc((k ? k : 1) * sizeof *p->partner)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t i = 0; rc == MC_OK && i < k; i++) {
        igraph_integer_t e = VECTOR(inc)[i];
        struct mc_profile_partner *q = &p->partner[i];
        q->node = g->node[IGRAPH_OTHER(&g->ig, e, p->vertex)];
        q->weight = VECTOR(g->weight)[e];
        q->direct_w = g->direct_w != NULL ? g->direct_w[e] : 0;
        q->group = mc_graph_evidence(g, e, &q->n_group);
    }
    if (rc == MC_OK) {
        sort_partners(p->partner, k, g->ds);
        p->n_partner_all = k;
        p->n_partner = keep >= 0 && (size_t)keep < k ? (size_t)keep : k;
    }
    igraph_vector_int_destroy(&inc);
    return rc;
}

static enum mc_status node_proposals(const struct mc_graph *g, struct mc_profile *p,
                                     const struct mc_comm_result *cr,
                                     const struct mc_profile_options *opt, struct mc_error *err) {
    struct mc_propose_options po;
    struct mc_sector_proposals sp;
    enum mc_status rc;

    mc_propose_options_init(&po);
    po.seed = opt->seed;
    po.runs = opt->runs;
    mc_sector_proposals_init(&sp);
    rc = opt->proposal_view != NULL ? mc_propose_sector(opt->proposal_view, &po, &sp, err)
                                    : mc_propose_sector_with(g, &po, cr, &sp, err);
    if (rc != MC_OK) {
        goto out;
    }
    p->n_proposal_all = sp.n_proposals;
    if ((p->proposal = malloc((sp.n_proposals ? sp.n_proposals : 1) * sizeof *p->proposal)) ==
        NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < sp.n_proposals; i++) {
        const struct mc_proposal *pr = &sp.proposals[i];
        for (size_t k = 0; k < pr->size; k++) {
            if (pr->members[k].node != p->node) {
                continue;
            }
            struct mc_profile_proposal *q = &p->proposal[p->n_proposal++];
            snprintf(q->id, sizeof q->id, "%s", pr->id);
            q->rank = pr->rank;
            q->size = pr->size;
            q->n_countries = pr->n_countries;
            q->role = mc_member_role_name(pr->members[k].role);
            q->score = pr->score;
            q->coordinator = pr->coordinator;
        }
    }
out:
    mc_sector_proposals_destroy(&sp);
    return rc;
}

/* Interns the dataset's node types; type_of[node] = index or -1. */
static enum mc_status intern_types(const struct mc_dataset *ds, struct mc_intern *types,
                                   int32_t *type_of, struct mc_error *err) {
    for (size_t i = 0; i < ds->n_nodes; i++) {
        const char *t = ds->node_type[i];
        long idx = -1;
        if (t[0] != '\0') {
            enum mc_status rc = mc_intern_add(types, t, strlen(t), &idx, NULL, err);
            if (rc != MC_OK) {
                return rc;
            }
        }
        type_of[i] = (int32_t)idx;
    }
    return MC_OK;
}

static int cmp_type(const void *a, const void *b) {
    const struct mc_profile_type *x = a, *y = b;
    if (x->count != y->count) {
        return x->count > y->count ? -1 : 1;
    }
    return strcmp(x->type, y->type);
}

static enum mc_status node_types(const struct mc_graph *g, struct mc_profile *p,
                                 const struct mc_intern *types, const int32_t *type_of,
                                 struct mc_error *err) {
    size_t nt = types->n;
    if ((p->types = calloc(nt + 1, sizeof *p->types)) == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    /* the names point into the dataset, which outlives the profile (the intern does not) */
    p->types[nt].type = "";
    for (size_t i = 0; i < p->n_partner_all; i++) {
        int32_t t = type_of[p->partner[i].node];
        size_t k = t >= 0 ? (size_t)t : nt;
        p->types[k].type = g->ds->node_type[p->partner[i].node];
        p->types[k].count++;
    }
    size_t m = 0;
    for (size_t t = 0; t <= nt; t++) {
        if (p->types[t].count > 0) {
            p->types[m++] = p->types[t];
        }
    }
    qsort(p->types, m, sizeof *p->types, cmp_type);
    p->n_types = m;
    return MC_OK;
}

/* The `members` column of nodes.csv, when there is one. */
static void members_column(const struct mc_dataset *ds, struct mc_profile *p) {
    for (size_t k = 0; k < ds->n_extra; k++) {
        if (mc_streq_fold("members", ds->extra_name[k], strlen(ds->extra_name[k]))) {
            double x;
            p->has_members = true;
            p->members =
                mc_parse_real(ds->extra_val[(size_t)p->node * ds->n_extra + k], &x) ? x : NAN;
            return;
        }
    }
    p->members = NAN;
}

enum mc_status mc_profile_build(const struct mc_graph *g, int32_t node,
                                const struct mc_profile_options *opt, struct mc_profile *out,
                                struct mc_error *err) {
    const struct mc_dataset *ds = g->ds;
    enum mc_status rc = MC_OK;
    size_t n = (size_t)g->n;
    double *val[MC_IND_COUNT] = {0};
    bool *peer = NULL;
    int32_t *type_of = NULL;
    struct mc_intern types;
    struct mc_centrality cen;
    struct mc_comm_result cr;
    igraph_vector_t z, part;
    bool zp_ok = false;

    mc_profile_init(out);
    mc_intern_init(&types, false);
    mc_centrality_init(&cen);
    mc_comm_result_init(&cr);
    out->node = node;
    out->seed = opt->seed;
    out->runs = opt->runs;
    out->vertex = g->vertex_of[node];
    out->whole = g->view.sector < 0;
    if (out->vertex < 0) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0, "node '%s' is not in sector '%s'",
                          ds->ids.keys[node], mc_graph_sector_name(g));
        goto out;
    }
    for (size_t i = 0; i < MC_IND_COUNT; i++) {
        if ((val[i] = malloc(n * sizeof *val[i])) == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            goto out;
        }
    }
    peer = malloc(n * sizeof *peer);
    type_of = malloc((ds->n_nodes ? ds->n_nodes : 1) * sizeof *type_of);
    if (peer == NULL || type_of == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }

    /* centralities */
    struct mc_centrality_options co;
    mc_centrality_options_init(&co);
    memset(co.want, 0, sizeof co.want);
    co.want[MC_M_DEGREE] = co.want[MC_M_STRENGTH] = true;
    co.want[MC_M_PAGERANK] = co.want[MC_M_BETWEENNESS] = true;
    co.seed = opt->seed;
    if ((rc = mc_centrality_compute(g, &co, &cen, err)) != MC_OK) {
        goto out;
    }
    /* consensus communities (as propose computes them), for participation and proposals */
    struct mc_propose_options po;
    struct mc_comm_options mo;
    mc_propose_options_init(&po);
    mc_comm_options_init(&mo);
    mo.method = MC_COMM_LEIDEN;
    mo.runs = opt->runs;
    mo.seed = opt->seed;
    mo.resolution = po.resolution;
    mo.consensus = true;
    if ((rc = mc_communities(&g->ig, &g->weight, &mo, &cr, err)) != MC_OK) {
        goto out;
    }
    if ((rc = mc_igraph_status(igraph_vector_init(&z, 0), err, "vector")) != MC_OK) {
        goto out;
    }
    if ((rc = mc_igraph_status(igraph_vector_init(&part, 0), err, "vector")) != MC_OK) {
        igraph_vector_destroy(&z);
        goto out;
    }
    zp_ok = true;
    if ((rc = mc_roles(&g->ig, &g->weight, &cr.consensus.membership, &z, &part, err)) != MC_OK) {
        goto out;
    }
    if ((rc = intern_types(ds, &types, type_of, err)) != MC_OK ||
        (rc = group_indicators(g, val[MC_IND_GROUPS], val[MC_IND_LEAD_SHARE],
                               val[MC_IND_CONTRIBUTION], err)) != MC_OK ||
        (rc = whole_partners(g, val[MC_IND_PARTNERS], err)) != MC_OK ||
        (rc = neighbour_indicators(g, type_of, types.n, val[MC_IND_PARTNER_COUNTRIES],
                                   val[MC_IND_FOREIGN_SHARE], val[MC_IND_TYPE_MIX], err)) !=
            MC_OK) {
        goto out;
    }
    for (size_t v = 0; v < n; v++) {
        val[MC_IND_DEGREE][v] = VECTOR(cen.value[MC_M_DEGREE])[v];
        val[MC_IND_STRENGTH][v] = VECTOR(cen.value[MC_M_STRENGTH])[v];
        val[MC_IND_PAGERANK][v] = VECTOR(cen.value[MC_M_PAGERANK])[v];
        val[MC_IND_BETWEENNESS][v] = VECTOR(cen.value[MC_M_BETWEENNESS])[v];
        val[MC_IND_PARTICIPATION][v] = VECTOR(part)[v];
    }

    /* the node's values and percentiles */
    size_t x = (size_t)out->vertex;
    int32_t cx = g->country[x];
    out->peers_sector = n - 1;
    for (size_t v = 0; v < n; v++) {
        peer[v] = cx >= 0 && g->country[v] == cx;
        out->peers_country += peer[v] && v != x;
    }
    for (size_t i = 0; i < MC_IND_COUNT; i++) {
        out->value[i] = val[i][x];
        out->pct_sector[i] = mc_percentile(val[i], NULL, n, x);
        out->pct_country[i] = cx >= 0 ? mc_percentile(val[i], peer, n, x) : NAN;
    }

    if ((rc = node_partners(g, out, opt->partners, err)) != MC_OK ||
        (rc = node_types(g, out, &types, type_of, err)) != MC_OK ||
        (rc = node_proposals(g, out, &cr, opt, err)) != MC_OK) {
        goto out;
    }
    members_column(ds, out);
    out->eccp_members = out->has_members && !isnan(out->members) && out->members >= 15;
    size_t typed = 0;
    for (size_t t = 0; t < out->n_types; t++) {
        typed += out->types[t].type[0] != '\0';
    }
    out->eccp_types = typed >= 2;

    /* suggestions */
    if ((rc = mc_dataset_active_sectors(ds, &out->active, err)) != MC_OK) {
        goto out;
    }
    out->have_active = true;
    struct mc_match_options mto;
    mc_match_options_init(&mto);
    mto.top = opt->suggestions;
    if (opt->suggestions > 0 &&
        (rc = mc_match(g, node, &out->active, &mto, &out->match, err)) != MC_OK) {
        goto out;
    }
out:
    if (zp_ok) {
        igraph_vector_destroy(&z);
        igraph_vector_destroy(&part);
    }
    for (size_t i = 0; i < MC_IND_COUNT; i++) {
        free(val[i]);
    }
    free(peer);
    free(type_of);
    mc_intern_destroy(&types);
    mc_centrality_destroy(&cen);
    mc_comm_result_destroy(&cr);
    if (rc != MC_OK) {
        mc_profile_destroy(out);
    }
    return rc;
}

/* ==== Strengths and weak points ==== */

/*
 * The indicators with a sector percentile, best first (ties: indicator
 * order); *n receives how many.
 */
static void ranked_indicators(const struct mc_profile *p, int *order, size_t *n) {
    size_t m = 0;
    for (int i = 0; i < MC_IND_COUNT; i++) {
        if (isnan(p->pct_sector[i])) {
            continue;
        }
        size_t j = m++;
        while (j > 0 && p->pct_sector[order[j - 1]] < p->pct_sector[i]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    *n = m;
}

/* "PageRank (central position) 0.012: among the highest (percentile 97 among 40 peers)". */
static void in_words(const struct mc_profile *p, int i, char *buf, size_t sz) {
    double pc = p->pct_sector[i];
    char v[64];
    const char *where = pc >= 90   ? "among the highest"
                        : pc >= 60 ? "above the middle"
                        : pc > 40  ? "in the middle"
                        : pc > 10  ? "below the middle"
                                   : "among the lowest";
    snprintf(buf, sz, "%s %s: %s of the %s (percentile %.0f among %zu peers)",
             mc_indicator_words((enum mc_indicator)i), mc_fmt_human(v, sizeof v, p->value[i], 3),
             where, p->whole ? "dataset" : "sector", pc, p->peers_sector);
}

/* The three strongest (best = true) or weakest indicators; returns how many. */
static size_t pick(const struct mc_profile *p, bool best, int out[3]) {
    int order[MC_IND_COUNT];
    size_t n, k = 0;
    ranked_indicators(p, order, &n);
    /* with fewer than six, strengths and weak points split the list */
    size_t take = n >= 6 ? 3 : n / 2 + (best ? n % 2 : 0);
    for (; k < take; k++) {
        out[k] = best ? order[k] : order[n - 1 - k];
    }
    return k;
}

/* ==== JSON ==== */

static json_t *pct_json(double x) {
    return isnan(x) ? json_null() : json_real(x);
}

json_t *mc_profile_json(const struct mc_graph *g, const struct mc_profile *p) {
    const struct mc_dataset *ds = g->ds;
    json_t *root = json_object(), *ind = json_array(), *pt = json_array(), *pr = json_array(),
           *sg = json_array(), *st = json_array(), *wk = json_array(), *ty = json_object(),
           *bm = json_object();
    bool ok = root && ind && pt && pr && sg && st && wk && ty && bm;
    char buf[512];

    for (int i = 0; ok && i < MC_IND_COUNT; i++) {
        json_t *o = json_object();
        ok = o && mc_json_put(o, "name", json_string(ind_name[i])) &&
             mc_json_put(o, "value", mc_json_number(p->value[i])) &&
             mc_json_put(o, "percentile_sector", pct_json(p->pct_sector[i])) &&
             mc_json_put(o, "percentile_country", pct_json(p->pct_country[i])) &&
             json_array_append_new(ind, o) == 0;
    }
    int pickd[3];
    size_t np = pick(p, true, pickd);
    for (size_t k = 0; ok && k < np; k++) {
        in_words(p, pickd[k], buf, sizeof buf);
        ok = json_array_append_new(st, json_string(buf)) == 0;
    }
    np = pick(p, false, pickd);
    for (size_t k = 0; ok && k < np; k++) {
        in_words(p, pickd[k], buf, sizeof buf);
        ok = json_array_append_new(wk, json_string(buf)) == 0;
    }
    for (size_t t = 0; ok && t < p->n_types; t++) {
        ok = mc_json_put(ty, p->types[t].type[0] ? p->types[t].type : "(none)",
                         json_integer((json_int_t)p->types[t].count));
    }
    ok = ok && mc_json_put(bm, "esca_label", json_string(mc_label_name(ds->node_label[p->node]))) &&
         mc_json_put(bm, "members", p->has_members ? mc_json_number(p->members) : json_null()) &&
         mc_json_put(bm, "eccp_members",
                     p->has_members ? json_boolean(p->eccp_members) : json_null()) &&
         mc_json_put(bm, "eccp_partner_types", json_boolean(p->eccp_types));
    for (size_t i = 0; ok && i < p->n_partner; i++) {
        const struct mc_profile_partner *q = &p->partner[i];
        json_t *o = json_object(), *gr = json_array();
        ok = o && gr;
        for (size_t k = 0; ok && k < q->n_group; k++) {
            ok = json_array_append_new(gr, json_string(ds->groups.keys[q->group[k]])) == 0;
        }
        ok = ok && mc_json_put(o, "id", json_string(ds->ids.keys[q->node])) &&
             mc_json_put(o, "name", json_string(ds->node_name[q->node])) &&
             mc_json_put(o, "country",
                         json_string(mc_dataset_country_name(ds, ds->node_country[q->node]))) &&
             mc_json_put(o, "weight", mc_json_number(q->weight)) &&
             mc_json_put(o, "direct_weight", mc_json_number(q->direct_w)) &&
             json_object_set(o, "groups", gr) == 0 && json_array_append_new(pt, o) == 0;
        json_decref(gr);
    }
    for (size_t i = 0; ok && i < p->n_proposal; i++) {
        const struct mc_profile_proposal *q = &p->proposal[i];
        json_t *o = json_object();
        ok = o && mc_json_put(o, "id", json_string(q->id)) &&
             mc_json_put(o, "rank", json_integer(q->rank)) &&
             mc_json_put(o, "size", json_integer((json_int_t)q->size)) &&
             mc_json_put(o, "countries", json_integer((json_int_t)q->n_countries)) &&
             mc_json_put(o, "role", json_string(q->role)) &&
             mc_json_put(o, "coordinator", json_string(ds->ids.keys[q->coordinator])) &&
             mc_json_put(o, "score", mc_json_number(q->score)) && json_array_append_new(pr, o) == 0;
    }
    for (size_t i = 0; ok && i < p->match.n; i++) {
        const struct mc_candidate *c = &p->match.cand[i];
        json_t *o = json_object();
        mc_match_reason(g, &p->active, p->node, c, buf, sizeof buf);
        ok = o && mc_json_put(o, "id", json_string(ds->ids.keys[c->node])) &&
             mc_json_put(o, "name", json_string(ds->node_name[c->node])) &&
             mc_json_put(o, "country",
                         json_string(mc_dataset_country_name(ds, ds->node_country[c->node]))) &&
             mc_json_put(o, "score", mc_json_number(c->score)) &&
             mc_json_put(o, "reason", json_string(buf)) && json_array_append_new(sg, o) == 0;
    }
    ok = ok && mc_json_put(root, "node", json_string(ds->ids.keys[p->node])) &&
         mc_json_put(root, "name", json_string(ds->node_name[p->node])) &&
         mc_json_put(root, "country",
                     json_string(mc_dataset_country_name(ds, ds->node_country[p->node]))) &&
         mc_json_put(root, "type", json_string(ds->node_type[p->node])) &&
         mc_json_put(root, "sector", json_string(mc_graph_sector_name(g))) &&
         mc_json_put(root, "peers_sector", json_integer((json_int_t)p->peers_sector)) &&
         mc_json_put(root, "peers_country", json_integer((json_int_t)p->peers_country)) &&
         mc_json_put(root, "seed", json_integer((json_int_t)p->seed)) &&
         mc_json_put(root, "runs", json_integer(p->runs)) &&
         json_object_set(root, "indicators", ind) == 0 &&
         json_object_set(root, "strengths", st) == 0 &&
         json_object_set(root, "weak_points", wk) == 0 &&
         json_object_set(root, "partner_types", ty) == 0 &&
         json_object_set(root, "benchmarks", bm) == 0 &&
         mc_json_put(root, "partners_total", json_integer((json_int_t)p->n_partner_all)) &&
         json_object_set(root, "partners", pt) == 0 &&
         mc_json_put(root, "proposals_in_view", json_integer((json_int_t)p->n_proposal_all)) &&
         json_object_set(root, "proposals", pr) == 0 &&
         json_object_set(root, "suggestions", sg) == 0 &&
         mc_json_put(root, "figure", json_string("ego.png"));
    json_decref(ind);
    json_decref(pt);
    json_decref(pr);
    json_decref(sg);
    json_decref(st);
    json_decref(wk);
    json_decref(ty);
    json_decref(bm);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* ==== Markdown ==== */

static void md_value(FILE *f, double x) {
    char buf[64];
    if (isnan(x)) {
        fputs("–", f);
    } else {
        fputs(mc_fmt_human(buf, sizeof buf, x, 4), f);
    }
}

void mc_profile_markdown(FILE *f, const struct mc_graph *g, const struct mc_profile *p) {
    const struct mc_dataset *ds = g->ds;
    const char *cc = mc_dataset_country_name(ds, ds->node_country[p->node]);
    char buf[512];

    fprintf(f, "# Profile: %s\n\n", ds->node_name[p->node]);
    char view[320];
    if (g->view.sector >= 0) {
        snprintf(view, sizeof view, "sector **%s** of dataset %s", mc_graph_sector_name(g),
                 ds->name ? ds->name : "");
    } else {
        snprintf(view, sizeof view, "the whole of dataset %s", ds->name ? ds->name : "");
    }
    fprintf(f, "Id `%s`%s%s%s%s, %s: %zu peers, %zu of them in the same country.\n\n",
            ds->ids.keys[p->node], *cc ? ", country " : "", cc,
            *ds->node_type[p->node] ? ", type " : "", ds->node_type[p->node], view, p->peers_sector,
            p->peers_country);
    fprintf(f, "Percentile: the share of peers (the node itself excluded) with a lower value, "
               "plus half of those with an equal value, times 100. A dash: not in the data.\n\n");
    fprintf(f, "## Indicators\n\n| indicator | value | percentile (sector) | percentile "
               "(country) |\n| --- | ---: | ---: | ---: |\n");
    for (int i = 0; i < MC_IND_COUNT; i++) {
        fprintf(f, "| %s | ", ind_name[i]);
        md_value(f, p->value[i]);
        fputs(" | ", f);
        md_value(f, isnan(p->pct_sector[i]) ? NAN : round(p->pct_sector[i] * 10) / 10);
        fputs(" | ", f);
        md_value(f, isnan(p->pct_country[i]) ? NAN : round(p->pct_country[i] * 10) / 10);
        fputs(" |\n", f);
    }
    int pk[3];
    size_t np = pick(p, true, pk);
    fprintf(f, "\n## Strengths and weak points\n\n");
    for (size_t k = 0; k < np; k++) {
        in_words(p, pk[k], buf, sizeof buf);
        fprintf(f, "- **Strength.** %s.\n", buf);
    }
    np = pick(p, false, pk);
    for (size_t k = 0; k < np; k++) {
        in_words(p, pk[k], buf, sizeof buf);
        fprintf(f, "- **Weak point.** %s.\n", buf);
    }
    if (np == 0) {
        fprintf(f, "No indicator has peers to compare with.\n");
    }
    fprintf(f, "\n## Benchmarks\n\n");
    const char *lab = mc_label_name(ds->node_label[p->node]);
    fprintf(f, "- ESCA label: %s.\n", *lab ? lab : "none in the data");
    if (p->has_members) {
        fprintf(f, "- ECCP profile, at least 15 members: %s", p->eccp_members ? "yes" : "no");
        if (!isnan(p->members)) {
            fprintf(f, " (%s members)", mc_fmt_human(buf, sizeof buf, p->members, 6));
        }
        fprintf(f, ".\n");
    } else {
        fprintf(f, "- ECCP profile, at least 15 members: not in the data (no `members` column).\n");
    }
    fprintf(f, "- ECCP profile, at least 2 member types (partner types here): %s.\n",
            p->eccp_types ? "yes" : "no");
    if (p->n_types > 0) {
        fprintf(f, "- Partners by type:");
        for (size_t t = 0; t < p->n_types; t++) {
            fprintf(f, "%s %s %zu", t ? "," : "", p->types[t].type[0] ? p->types[t].type : "(none)",
                    p->types[t].count);
        }
        fprintf(f, ".\n");
    }
    fprintf(f, "\n## Partners\n\n");
    if (p->n_partner == 0) {
        fprintf(f, "No partner in this view.\n");
    } else {
        fprintf(f,
                "The %zu strongest of %zu partners, with the groups behind each tie.\n\n"
                "| partner | country | weight | groups |\n| --- | --- | ---: | --- |\n",
                p->n_partner, p->n_partner_all);
    }
    for (size_t i = 0; i < p->n_partner; i++) {
        const struct mc_profile_partner *q = &p->partner[i];
        fprintf(f, "| %s%s%s%s | %s | %s | ",
                strcmp(ds->node_name[q->node], ds->ids.keys[q->node]) ? ds->node_name[q->node] : "",
                strcmp(ds->node_name[q->node], ds->ids.keys[q->node]) ? " (`" : "`",
                ds->ids.keys[q->node],
                strcmp(ds->node_name[q->node], ds->ids.keys[q->node]) ? "`)" : "`",
                mc_dataset_country_name(ds, ds->node_country[q->node]),
                mc_fmt_human(buf, sizeof buf, q->weight, 4));
        for (size_t k = 0; k < q->n_group && k < 8; k++) {
            const char *gn = ds->group_name[q->group[k]];
            fprintf(f, "%s%s", k ? ", " : "", gn ? gn : ds->groups.keys[q->group[k]]);
        }
        if (q->n_group > 8) {
            fprintf(f, " and %zu more", q->n_group - 8);
        }
        if (q->direct_w > 0) {
            fprintf(f, "%sdirect tie", q->n_group ? "; " : "");
        }
        fputs(" |\n", f);
    }
    fprintf(f, "\n## Proposals\n\n");
    if (p->n_proposal == 0) {
        fprintf(f, "In none of the %zu proposals of this view (seed %lu, %d runs).\n",
                p->n_proposal_all, p->seed, p->runs);
    }
    for (size_t i = 0; i < p->n_proposal; i++) {
        const struct mc_profile_proposal *q = &p->proposal[i];
        fprintf(f, "- **%s** (rank %d): %zu members in %zu countries, role %s, coordinator %s.\n",
                q->id, q->rank, q->size, q->n_countries, q->role, ds->ids.keys[q->coordinator]);
    }
    fprintf(f, "\n## Suggestions\n\n");
    if (p->match.n == 0) {
        fprintf(f, "No candidate: every node of this view is linked to it already.\n");
    }
    for (size_t i = 0; i < p->match.n; i++) {
        const struct mc_candidate *c = &p->match.cand[i];
        mc_match_reason(g, &p->active, p->node, c, buf, sizeof buf);
        fprintf(f, "%zu. %s (`%s`, %s), score %.3f: %s\n", i + 1, ds->node_name[c->node],
                ds->ids.keys[c->node], mc_dataset_country_name(ds, ds->node_country[c->node]),
                c->score, buf);
    }
    fprintf(f, "\n## Ego network\n\n![The node, its partners and their ties](ego.png)\n");
}

/* ==== Ego figure ==== */

enum mc_status mc_profile_ego(const struct mc_graph *g, const struct mc_profile *p,
                              const struct mc_render_options *ro, const char *path,
                              struct mc_error *err) {
    const struct mc_dataset *ds = g->ds;
    enum mc_status rc = MC_OK;
    struct mc_edgelist el;
    struct mc_graph ego;
    igraph_vector_int_t nb, es;
    int32_t *local = NULL;
    char title[512];

    mc_edgelist_init(&el);
    mc_graph_init(&ego);
    if ((rc = mc_igraph_status(igraph_vector_int_init(&nb, 0), err, "vector")) != MC_OK) {
        return rc;
    }
    if ((rc = mc_igraph_status(igraph_vector_int_init(&es, 0), err, "vector")) != MC_OK) {
        igraph_vector_int_destroy(&nb);
        return rc;
    }
    rc = mc_igraph_status(igraph_neighbors(&g->ig, &nb, p->vertex, IGRAPH_ALL), err, "neighbours");
    if (rc != MC_OK) {
        goto out;
    }
    /* the ego vertices in dataset order (the edge list's rule: vertex v is node[v]) */
    size_t k = (size_t)igraph_vector_int_size(&nb) + 1;
    if ((local = malloc((size_t)g->n * sizeof *local)) == NULL ||
        (el.node = malloc(k * sizeof *el.node)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        local[v] = -1;
    }
    local[p->vertex] = 0;
    for (size_t i = 0; i + 1 < k; i++) {
        local[VECTOR(nb)[i]] = 0;
    }
    for (igraph_integer_t v = 0; v < g->n; v++) {
        if (local[v] >= 0) {
            local[v] = (int32_t)el.n_vertices;
            el.node[el.n_vertices++] = g->node[v];
        }
    }
    /* the ties among them, in the view's (from, to) order */
    for (igraph_integer_t e = 0; e < igraph_ecount(&g->ig); e++) {
        if (local[IGRAPH_FROM(&g->ig, e)] >= 0 && local[IGRAPH_TO(&g->ig, e)] >= 0) {
            if (igraph_vector_int_push_back(&es, e) != IGRAPH_SUCCESS) {
                rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
                goto out;
            }
        }
    }
    size_t m = (size_t)igraph_vector_int_size(&es);
    el.from = malloc((m ? m : 1) * sizeof *el.from);
    el.to = malloc((m ? m : 1) * sizeof *el.to);
    el.weight = malloc((m ? m : 1) * sizeof *el.weight);
    if (el.from == NULL || el.to == NULL || el.weight == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < m; i++) {
        igraph_integer_t e = VECTOR(es)[i];
        int32_t a = local[IGRAPH_FROM(&g->ig, e)], b = local[IGRAPH_TO(&g->ig, e)];
        el.from[i] = a < b ? a : b;
        el.to[i] = a < b ? b : a;
        el.weight[i] = VECTOR(g->weight)[e];
    }
    el.n_edges = m;
    struct mc_view_options vo = g->view;
    vo.evidence = false;
    if ((rc = mc_graph_from_edgelist(&ego, ds, &vo, &el, err)) != MC_OK) {
        goto out;
    }
    struct mc_figure_options fo;
    mc_figure_options_init(&fo);
    fo.colour = MC_FIGURE_COLOUR_COUNTRY;
    fo.size = MC_FIGURE_SIZE_STRENGTH;
    fo.render = *ro;
    fo.seed = p->seed;
    snprintf(title, sizeof title, "%s and its %zu partners — %s", ds->node_name[p->node],
             p->n_partner_all, mc_graph_sector_name(g));
    fo.title = title;
    rc = mc_figure_draw(ds, &ego, &fo, path, NULL, err);
out:
    free(local);
    igraph_vector_int_destroy(&nb);
    igraph_vector_int_destroy(&es);
    mc_graph_destroy(&ego);
    mc_edgelist_destroy(&el);
    return rc;
}
