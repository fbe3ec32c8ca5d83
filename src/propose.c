#include "metaclust/propose.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "metaclust/centrality.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/util.h"

/* Score weights (README "metaclust propose"): they sum to 1. */
#define W_COHESION     0.30
#define W_DIVERSITY    0.25
#define W_CROSS_BORDER 0.20
#define W_STABILITY    0.15
#define W_STRENGTH     0.10

/* A hub's within-group strength is at least one standard deviation above the group mean. */
#define HUB_Z 1.0
/* A connector spreads at least half of its ties' weight over other groups (P >= 0.5). */
#define CONNECTOR_P 0.5
/* Cross-sector: a joined sector has this share of the members; this share of weight bridges. */
#define CROSS_MIN_SHARE  0.2
#define CROSS_MIN_BRIDGE 0.2
/* Leiden runs for the consensus of a split (at most the sector's --runs). */
#define SPLIT_RUNS 5
/* Largest resolution tried when a too-large group resists splitting. */
#define MAX_SPLIT_RESOLUTION 64.0
/* An existing group "dominates" a candidate when it holds this share of the members and gives
 * this share of the weight of the ties among them (README "Existing groups"). */
#define EXISTING_MEMBERS 0.8
#define EXISTING_WEIGHT  0.8
/* Near misses: at most this many additions are tried. */
#define FIX_MAX_ADD 3

void mc_propose_options_init(struct mc_propose_options *o) {
    o->min_countries = 3;
    o->max_share = 0.5;
    o->min_size = 3;
    o->max_size = 25;
    o->runs = 10;
    o->seed = 0;
    o->resolution = 1.0;
    o->links = 5;
    o->min_cross_border = 0.33;
    o->domestic_weight = 0.5;
    o->min_density = 0.2;
    o->exclude_types = NULL;
    o->n_exclude_types = 0;
    o->runs_exact = false;
}

const char *mc_coord_rule_name(enum mc_coord_rule r) {
    static const char *const names[] = {"only eligible", "lead role", "ESCA label",   "size",
                                        "strength",      "PageRank",  "tie broken by id"};
    return (size_t)r < MC_ARRAY_SIZE(names) ? names[r] : "?";
}

void mc_propose_view_defaults(struct mc_view_options *v) {
    v->backbone.method = MC_BACKBONE_NONE;
    v->backbone.min_groups = 2;
    v->evidence = true;
}

const char *mc_member_role_name(enum mc_member_role r) {
    switch (r) {
    case MC_PROLE_COORDINATOR:
        return "coordinator";
    case MC_PROLE_HUB:
        return "hub";
    case MC_PROLE_CONNECTOR:
        return "connector";
    default:
        return "peripheral";
    }
}

void mc_slug(const char *name, char *out, size_t n) {
    /* the rule is mc_utf8_slug's: lower case, accents dropped, whole characters */
    mc_utf8_slug(name, out, n);
    if (out[0] == '\0' && n > 7) {
        strcpy(out, "sector");
    }
}

void mc_sector_proposals_init(struct mc_sector_proposals *sp) {
    memset(sp, 0, sizeof *sp);
    sp->sector = -1;
}

static void proposal_destroy(struct mc_proposal *p) {
    free(p->members);
    free(p->countries);
    free(p->links);
    free(p->dropped);
    free(p->ties);
    free(p->tie_groups);
    free(p->groups);
}

void mc_sector_proposals_destroy(struct mc_sector_proposals *sp) {
    for (size_t i = 0; i < sp->n_proposals; i++) {
        proposal_destroy(&sp->proposals[i]);
    }
    free(sp->proposals);
    for (size_t i = 0; i < sp->n_rejected; i++) {
        free(sp->rejected[i].members);
        free(sp->rejected[i].dropped);
    }
    free(sp->rejected);
    mc_sector_proposals_init(sp);
}

double mc_resource_allocation(const igraph_adjlist_t *adj, igraph_integer_t u, igraph_integer_t v,
                              igraph_integer_t *shared) {
    const igraph_vector_int_t *a = igraph_adjlist_get(adj, u);
    const igraph_vector_int_t *b = igraph_adjlist_get(adj, v);
    igraph_integer_t na = igraph_vector_int_size(a), nb = igraph_vector_int_size(b);
    igraph_integer_t i = 0, j = 0, common = 0;
    double ra = 0;
    while (i < na && j < nb) {
        igraph_integer_t x = VECTOR(*a)[i], y = VECTOR(*b)[j];
        if (x < y) {
            i++;
        } else if (y < x) {
            j++;
        } else {
            common++;
            ra += 1.0 / (double)igraph_vector_int_size(igraph_adjlist_get(adj, x));
            i++;
            j++;
        }
    }
    if (shared != NULL) {
        *shared = common;
    }
    return ra;
}

static bool adjacent(const igraph_adjlist_t *adj, igraph_integer_t u, igraph_integer_t v) {
    const igraph_vector_int_t *a = igraph_adjlist_get(adj, u);
    igraph_integer_t lo = 0, hi = igraph_vector_int_size(a);
    while (lo < hi) {
        igraph_integer_t mid = (lo + hi) / 2;
        if (VECTOR(*a)[mid] < v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < igraph_vector_int_size(a) && VECTOR(*a)[lo] == v;
}

/* ==== the working state of one sector ==== */

struct ctx {
    const struct mc_graph *g;
    const struct mc_propose_options *opt;
    struct mc_sector_proposals *out;
    igraph_adjlist_t adj; /* sorted neighbour lists */
    igraph_inclist_t inc;
    igraph_vector_t strength;
    igraph_vector_t pagerank;
    igraph_vector_t cweight; /* weights for community detection: domestic ties scaled */
    const igraph_vector_t *confidence; /* per vertex */
    const igraph_vector_int_t *membership;
    double volume_total;
    int32_t *mark; /* vertex -> stamp of the group being examined */
    int32_t stamp;
    size_t cap_props, cap_rej;
    /* the group being examined, as vertices */
    igraph_integer_t *vs;
    size_t nvs, cap_vs;
    double *s_in; /* per position in vs */
    size_t cap_sin;
    unsigned long split_counter;
    const struct mc_tags *active; /* cross-sector runs: active sectors per dataset node */
    bool have_vectors, have_lists;
    /* the members dropped from the group being examined, with reasons */
    struct mc_drop *drops;
    size_t ndrops, cap_drops;
    /* the groups behind the group being examined (mc_graph_group_shares) */
    struct mc_group_share *shares;
    size_t nshares;
    double shares_total;
    /* lead roles: vertex -> groups it leads, CSR; NULL when the data has no roles */
    size_t *lead_off;
    int32_t *lead_group;
    int32_t *gmark; /* dataset group -> stamp */
    int32_t gstamp;
    long size_col; /* nodes.csv `members` column (extra index), -1 when absent */
    int view;      /* the partition being examined */
};

static const char *vid(const struct ctx *c, igraph_integer_t v) {
    return mc_graph_id(c->g, v);
}

static int32_t vcountry(const struct ctx *c, igraph_integer_t v) {
    return c->g->country[v];
}

static double edge_w(const struct ctx *c, igraph_integer_t e) {
    return VECTOR(c->g->weight)[e];
}

/* Marks the members of the group being examined with a new stamp. */
static void mark_group(struct ctx *c) {
    c->stamp++;
    for (size_t i = 0; i < c->nvs; i++) {
        c->mark[c->vs[i]] = c->stamp;
    }
}

/* Marks the current group and computes each member's strength inside it. */
static enum mc_status group_strengths(struct ctx *c, struct mc_error *err) {
    enum mc_status rc = mc_grow((void **)&c->s_in, &c->cap_sin, c->nvs + 1, sizeof *c->s_in, err);
    if (rc != MC_OK) {
        return rc;
    }
    mark_group(c);
    for (size_t i = 0; i < c->nvs; i++) {
        igraph_integer_t v = c->vs[i];
        igraph_vector_int_t *es = igraph_inclist_get(&c->inc, v);
        double s = 0;
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(es); k++) {
            igraph_integer_t e = VECTOR(*es)[k];
            if (c->mark[IGRAPH_OTHER(&c->g->ig, e, v)] == c->stamp) {
                s += edge_w(c, e);
            }
        }
        c->s_in[i] = s;
    }
    return MC_OK;
}

/* ==== rejections ==== */

static void describe_countries(const struct ctx *c, const igraph_integer_t *vs, size_t n, char *buf,
                               size_t bufsz, size_t *ncountries);

static enum mc_status reject(struct ctx *c, const char *origin, const char *kind, const char *fmt,
                             ...) __attribute__((format(printf, 4, 5)));

static enum mc_status reject(struct ctx *c, const char *origin, const char *kind, const char *fmt,
                             ...) {
    struct mc_sector_proposals *out = c->out;
    struct mc_error *err = NULL;
    if (mc_grow((void **)&out->rejected, &c->cap_rej, out->n_rejected + 1, sizeof *out->rejected,
                err) != MC_OK) {
        return MC_E_NOMEM;
    }
    struct mc_rejection *r = &out->rejected[out->n_rejected++];
    memset(r, 0, sizeof *r); /* counted at once: destroyed with the set whatever happens */
    r->sector = out->sector;
    r->kind = kind;
    r->group = -1;
    if (c->ndrops > 0) {
        r->dropped = malloc(c->ndrops * sizeof *r->dropped);
        if (r->dropped == NULL) {
            return MC_E_NOMEM;
        }
        memcpy(r->dropped, c->drops, c->ndrops * sizeof *r->dropped);
        r->n_dropped = c->ndrops;
    }
    snprintf(r->candidate, sizeof r->candidate, "%s", origin);
    r->size = c->nvs;
    describe_countries(c, c->vs, c->nvs, r->countries, sizeof r->countries, &r->n_countries);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->reason, sizeof r->reason, fmt, ap);
    va_end(ap);
    size_t len = 1;
    for (size_t i = 0; i < c->nvs; i++) {
        len += strlen(vid(c, c->vs[i])) + 1;
    }
    r->members = malloc(len);
    if (r->members == NULL) {
        return MC_E_NOMEM;
    }
    size_t o = 0;
    for (size_t i = 0; i < c->nvs; i++) {
        const char *id = vid(c, c->vs[i]);
        size_t l = strlen(id);
        if (i > 0) {
            r->members[o++] = ';';
        }
        memcpy(r->members + o, id, l);
        o += l;
    }
    r->members[o] = '\0';
    return MC_OK;
}

/* ==== countries ==== */

struct ccount {
    int32_t country;
    size_t count;
};

static int cmp_ccount_desc(const void *a, const void *b, const struct mc_dataset *ds) {
    const struct ccount *x = a, *y = b;
    if (x->count != y->count) {
        return x->count > y->count ? -1 : 1;
    }
    if (x->country < 0 || y->country < 0) {
        return (x->country < 0) - (y->country < 0);
    }
    return strcmp(ds->countries.keys[x->country], ds->countries.keys[y->country]);
}

/* Country counts of a vertex list, by count desc then code; unknown (-1) last. */
static size_t count_countries(const struct ctx *c, const igraph_integer_t *vs, size_t n,
                              struct ccount *cc) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t ct = vcountry(c, vs[i]);
        size_t j = 0;
        while (j < k && cc[j].country != ct) {
            j++;
        }
        if (j == k) {
            cc[k].country = ct;
            cc[k].count = 0;
            k++;
        }
        cc[j].count++;
    }
    /* insertion sort: groups are small */
    for (size_t i = 1; i < k; i++) {
        struct ccount x = cc[i];
        size_t j = i;
        while (j > 0 && cmp_ccount_desc(&cc[j - 1], &x, c->g->ds) > 0) {
            cc[j] = cc[j - 1];
            j--;
        }
        cc[j] = x;
    }
    return k;
}

static void describe_countries(const struct ctx *c, const igraph_integer_t *vs, size_t n, char *buf,
                               size_t bufsz, size_t *ncountries) {
    struct ccount *cc = malloc((n ? n : 1) * sizeof *cc);
    buf[0] = '\0';
    *ncountries = 0;
    if (cc == NULL) {
        return;
    }
    size_t k = count_countries(c, vs, n, cc);
    size_t o = 0;
    for (size_t i = 0; i < k && o < bufsz; i++) {
        const char *name = cc[i].country >= 0 ? c->g->ds->countries.keys[cc[i].country] : "??";
        int w = snprintf(buf + o, bufsz - o, "%s%s:%zu", i ? ";" : "", name, cc[i].count);
        if (w < 0) {
            break;
        }
        o += (size_t)w;
        *ncountries += cc[i].country >= 0;
    }
    free(cc);
}

/* ==== splitting groups that are too large ==== */

/*
 * Community detection on the group's own subgraph. The subgraph is built
 * here (vertices in the group's order, weights copied), so no attribute
 * handler is needed. *parts receives a membership over vs[0..n).
 */
static enum mc_status split_group(struct ctx *c, const igraph_integer_t *vs, size_t n,
                                  bool density, igraph_vector_int_t *parts,
                                  igraph_integer_t *nparts, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    igraph_t sub;
    bool sub_ok = false;
    igraph_vector_int_t edges;
    igraph_vector_t w;
    struct mc_comm_result res;
    bool edges_ok = false, w_ok = false;

    mc_comm_result_init(&res);
    c->stamp++;
    for (size_t i = 0; i < n; i++) {
        c->mark[vs[i]] = c->stamp;
    }
    /* local index: position in vs; found through a scratch map */
    igraph_integer_t *pos = malloc((size_t)c->g->n * sizeof *pos);
    if (pos == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (split)");
    }
    for (size_t i = 0; i < n; i++) {
        pos[vs[i]] = (igraph_integer_t)i;
    }
    if (igraph_vector_int_init(&edges, 0) != IGRAPH_SUCCESS) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (split)");
        goto out;
    }
    edges_ok = true;
    if (igraph_vector_init(&w, 0) != IGRAPH_SUCCESS) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (split)");
        goto out;
    }
    w_ok = true;
    for (size_t i = 0; i < n; i++) {
        igraph_integer_t v = vs[i];
        igraph_vector_int_t *es = igraph_inclist_get(&c->inc, v);
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(es); k++) {
            igraph_integer_t e = VECTOR(*es)[k];
            igraph_integer_t u = IGRAPH_OTHER(&c->g->ig, e, v);
            if (c->mark[u] != c->stamp || u <= v) {
                continue;
            }
            /* density mode: cross-border ties only, each counting 1 */
            if (density && vcountry(c, u) >= 0 && vcountry(c, u) == vcountry(c, v)) {
                continue;
            }
            double we = density ? 1.0 : VECTOR(c->cweight)[e];
            if (igraph_vector_int_push_back(&edges, pos[v]) != IGRAPH_SUCCESS ||
                igraph_vector_int_push_back(&edges, pos[u]) != IGRAPH_SUCCESS ||
                igraph_vector_push_back(&w, we) != IGRAPH_SUCCESS) {
                rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (split)");
                goto out;
            }
        }
    }
    rc = mc_igraph_status(igraph_create(&sub, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED), err,
                          "splitting a group");
    if (rc != MC_OK) {
        goto out;
    }
    sub_ok = true;
    struct mc_comm_options co;
    mc_comm_options_init(&co);
    co.method = MC_COMM_LEIDEN;
    /* a split refines one community: fewer runs than the sector's keep it cheap */
    co.runs = c->opt->runs < SPLIT_RUNS ? c->opt->runs : SPLIT_RUNS;
    co.adaptive = !c->opt->runs_exact;
    co.consensus = true;
    co.seed = (unsigned long)(mc_mix64((uint64_t)c->opt->seed * 1000003u + ++c->split_counter) &
                              0xffffffffu);
    if (density) {
        /*
         * The Constant Potts Model on the cross-border ties, each counting 1 (Traag, Van
         * Dooren & Nesterov 2011): parts in which more than min_density of the member pairs
         * are tied across a border, and fewer than that between parts. It has no resolution
         * limit, so it separates what modularity over the whole sector merged, and a member
         * tied to the rest only at home falls away. The best of the runs, not a consensus.
         * Measured on bench/recoverability.sh's two generators (README "dense parts").
         */
        co.objective = MC_OBJ_CPM;
        co.resolution = c->opt->min_density;
        co.consensus = false;
        rc = mc_communities(&sub, &w, &co, &res, err);
        if (rc == MC_OK &&
            igraph_vector_int_update(parts, &res.best.membership) != IGRAPH_SUCCESS) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (split)");
        }
        *nparts = res.best.n_communities;
        goto out;
    }
    for (double gamma = c->opt->resolution; gamma <= MAX_SPLIT_RESOLUTION; gamma *= 2) {
        co.resolution = gamma;
        mc_comm_result_destroy(&res);
        mc_comm_result_init(&res);
        rc = mc_communities(&sub, &w, &co, &res, err);
        if (rc != MC_OK) {
            goto out;
        }
        if (res.consensus.n_communities > 1) {
            break;
        }
    }
    if (igraph_vector_int_update(parts, &res.consensus.membership) != IGRAPH_SUCCESS) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (split)");
        goto out;
    }
    *nparts = res.consensus.n_communities;
out:
    free(pos);
    mc_comm_result_destroy(&res);
    if (sub_ok) {
        igraph_destroy(&sub);
    }
    if (w_ok) {
        igraph_vector_destroy(&w);
    }
    if (edges_ok) {
        igraph_vector_int_destroy(&edges);
    }
    return rc;
}

/* ==== evaluating one candidate group ==== */

static int cmp_vertex(const void *a, const void *b) {
    igraph_integer_t x = *(const igraph_integer_t *)a, y = *(const igraph_integer_t *)b;
    return (x > y) - (x < y);
}

static enum mc_status set_group(struct ctx *c, const igraph_integer_t *vs, size_t n,
                                struct mc_error *err) {
    enum mc_status rc = mc_grow((void **)&c->vs, &c->cap_vs, n + 1, sizeof *c->vs, err);
    if (rc != MC_OK) {
        return rc;
    }
    if (c->vs != vs && n > 0) {
        memmove(c->vs, vs, n * sizeof *vs);
    }
    c->nvs = n;
    return MC_OK;
}

/* Drops position i of the current group. */
static void drop_member(struct ctx *c, size_t i) {
    memmove(c->vs + i, c->vs + i + 1, (c->nvs - i - 1) * sizeof *c->vs);
    c->nvs--;
}

/* Names a member dropped from the group being examined. */
static enum mc_status record_drop(struct ctx *c, igraph_integer_t v, struct mc_error *err,
                                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum mc_status record_drop(struct ctx *c, igraph_integer_t v, struct mc_error *err,
                                  const char *fmt, ...) {
    enum mc_status rc =
        mc_grow((void **)&c->drops, &c->cap_drops, c->ndrops + 1, sizeof *c->drops, err);
    if (rc != MC_OK) {
        return rc;
    }
    struct mc_drop *d = &c->drops[c->ndrops++];
    d->node = c->g->node[v];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->reason, sizeof d->reason, fmt, ap);
    va_end(ap);
    return MC_OK;
}

/*
 * Member-level transnational rule: every member needs a tie inside the group
 * to a member from another country. Members without one are dropped, all at
 * once, and named; the caller repeats until nothing changes.
 */
static enum mc_status trim_domestic(struct ctx *c, bool *changed, struct mc_error *err) {
    *changed = false;
    mark_group(c);
    uint8_t *drop = calloc(c->nvs ? c->nvs : 1, 1);
    if (drop == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    size_t ndrop = 0;
    for (size_t i = 0; i < c->nvs; i++) {
        igraph_integer_t v = c->vs[i];
        int32_t cv = vcountry(c, v);
        const igraph_vector_int_t *nb = igraph_adjlist_get(&c->adj, v);
        bool cross = false;
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(nb) && !cross; k++) {
            igraph_integer_t u = VECTOR(*nb)[k];
            cross = c->mark[u] == c->stamp && cv >= 0 && vcountry(c, u) >= 0 &&
                    vcountry(c, u) != cv;
        }
        if (!cross) {
            drop[i] = 1;
            ndrop++;
        }
    }
    enum mc_status rc = MC_OK;
    if (ndrop > 0) {
        size_t k = 0;
        for (size_t i = 0; i < c->nvs && rc == MC_OK; i++) {
            igraph_integer_t v = c->vs[i];
            if (!drop[i]) {
                c->vs[k++] = v;
                continue;
            }
            /* name up to three of the members it is tied to */
            char with[160] = "";
            size_t o = 0, nt = 0;
            const igraph_vector_int_t *nb = igraph_adjlist_get(&c->adj, v);
            for (igraph_integer_t j = 0; j < igraph_vector_int_size(nb); j++) {
                igraph_integer_t u = VECTOR(*nb)[j];
                if (c->mark[u] != c->stamp) {
                    continue;
                }
                if (nt < 3 && o < sizeof with) {
                    int w = snprintf(with + o, sizeof with - o, "%s%s", nt ? ", " : "", vid(c, u));
                    o += w > 0 ? (size_t)w : 0;
                }
                nt++;
            }
            int32_t cv = vcountry(c, v);
            if (cv < 0) {
                rc = record_drop(c, v, err,
                                 "its country is unknown, so no cross-border tie can be shown");
            } else if (nt == 0) {
                rc = record_drop(c, v, err, "no tie to any other member of the group");
            } else {
                rc = record_drop(c, v, err,
                                 "no tie inside the group to a member from another country: "
                                 "tied only to %s member%s (%s%s)",
                                 c->g->ds->countries.keys[cv], nt == 1 ? "" : "s", with,
                                 nt > 3 ? ", ..." : "");
            }
        }
        c->nvs = k;
        *changed = true;
    }
    free(drop);
    return rc;
}

/* Share of the group's internal weight on ties between members of different countries. */
static double cross_border_share(struct ctx *c, double *w_in) {
    double all = 0, cross = 0;
    mark_group(c);
    for (size_t i = 0; i < c->nvs; i++) {
        igraph_integer_t v = c->vs[i];
        igraph_vector_int_t *es = igraph_inclist_get(&c->inc, v);
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(es); k++) {
            igraph_integer_t e = VECTOR(*es)[k];
            igraph_integer_t u = IGRAPH_OTHER(&c->g->ig, e, v);
            if (c->mark[u] != c->stamp || u < v) {
                continue;
            }
            all += edge_w(c, e);
            int32_t cv = vcountry(c, v), cu = vcountry(c, u);
            if (cv >= 0 && cu >= 0 && cv != cu) {
                cross += edge_w(c, e);
            }
        }
    }
    if (w_in != NULL) {
        *w_in = all;
    }
    return all > 0 ? cross / all : 0;
}

/* "'Name' (id, 2016)" for a dataset group. */
static void group_label(const struct mc_dataset *ds, int32_t grp, char *buf, size_t n) {
    const char *id = ds->groups.keys[grp];
    const char *name = ds->group_name != NULL ? ds->group_name[grp] : NULL;
    long year = ds->group_year != NULL ? ds->group_year[grp] : 0;
    char y[24] = "";
    if (year > 0) {
        snprintf(y, sizeof y, ", %ld", year);
    }
    if (name != NULL && name[0] != '\0' && strcmp(name, id) != 0) {
        snprintf(buf, n, "'%s' (%s%s)", name, id, y);
    } else {
        snprintf(buf, n, "%s%s%s%s", id, y[0] ? " (" : "", y[0] ? y + 2 : "", y[0] ? ")" : "");
    }
}

/* ==== near misses: what would qualify a rejected group ==== */

struct fixcand {
    igraph_integer_t v;
    size_t tied;  /* members it is tied to */
    double w;     /* weight of those ties */
    double cross; /* part of it to members of another country */
};

/* Constraint check on counts, for the near-miss search. */
static bool fix_ok(const struct ctx *c, size_t n, const size_t *count, size_t ncountries,
                   double w_in, double cross) {
    const struct mc_propose_options *o = c->opt;
    if (n < (size_t)o->min_size || n > (size_t)o->max_size) {
        return false;
    }
    size_t known = 0, top = 0;
    for (size_t k = 0; k < ncountries; k++) {
        known += count[k] > 0;
        top = count[k] > top ? count[k] : top;
    }
    return known >= (size_t)o->min_countries && (double)top / (double)n <= o->max_share + 1e-12 &&
           (w_in > 0 ? cross / w_in : 0) >= o->min_cross_border - 1e-12;
}

/*
 * Greedy search of at most FIX_MAX_ADD non-members, each tied to a member
 * from another country, whose addition meets every constraint: the
 * organisations that bring a missing country first, then those tied to the
 * most members. Writes the sentence into fix ("" when none qualifies it).
 */
static enum mc_status suggest_fix(struct ctx *c, char *fix, size_t fixsz, struct mc_error *err) {
    const struct mc_dataset *ds = c->g->ds;
    size_t nct = ds->countries.n;
    fix[0] = '\0';
    double w_in;
    double share = cross_border_share(c, &w_in); /* marks the group */
    double cross = share * w_in;
    size_t *count = calloc(nct ? nct : 1, sizeof *count);
    struct fixcand *cand = NULL;
    size_t ncand = 0, cap = 0;
    enum mc_status rc = MC_OK;
    if (count == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < c->nvs; i++) {
        if (vcountry(c, c->vs[i]) >= 0) {
            count[vcountry(c, c->vs[i])]++;
        }
    }
    /* the candidates: non-members tied to a member; a second stamp marks them */
    int32_t member = c->stamp, seen = ++c->stamp;
    for (size_t i = 0; i < c->nvs && rc == MC_OK; i++) {
        const igraph_vector_int_t *nb = igraph_adjlist_get(&c->adj, c->vs[i]);
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(nb) && rc == MC_OK; k++) {
            igraph_integer_t u = VECTOR(*nb)[k];
            if (c->mark[u] == member || c->mark[u] == seen || vcountry(c, u) < 0) {
                continue;
            }
            c->mark[u] = seen;
            rc = mc_grow((void **)&cand, &cap, ncand + 1, sizeof *cand, err);
            if (rc == MC_OK) {
                cand[ncand++] = (struct fixcand){.v = u};
            }
        }
    }
    /* restore the member marks, then weigh each candidate's ties to members */
    for (size_t i = 0; i < c->nvs; i++) {
        c->mark[c->vs[i]] = member;
    }
    for (size_t j = 0; j < ncand && rc == MC_OK; j++) {
        igraph_vector_int_t *es = igraph_inclist_get(&c->inc, cand[j].v);
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(es); k++) {
            igraph_integer_t e = VECTOR(*es)[k];
            igraph_integer_t u = IGRAPH_OTHER(&c->g->ig, e, cand[j].v);
            if (c->mark[u] != member) {
                continue;
            }
            cand[j].tied++;
            cand[j].w += edge_w(c, e);
            if (vcountry(c, u) >= 0 && vcountry(c, u) != vcountry(c, cand[j].v)) {
                cand[j].cross += edge_w(c, e);
            }
        }
    }
    igraph_integer_t chosen[FIX_MAX_ADD];
    size_t nchosen = 0, n = c->nvs;
    bool done = false;
    while (rc == MC_OK && nchosen < FIX_MAX_ADD && !done) {
        size_t known = 0, top = 0;
        for (size_t k = 0; k < nct; k++) {
            known += count[k] > 0;
            top = count[k] > top ? count[k] : top;
        }
        bool need_country = known < (size_t)c->opt->min_countries;
        size_t best = SIZE_MAX;
        int best_gain = -1;
        for (size_t j = 0; j < ncand; j++) {
            if (cand[j].tied == 0 || cand[j].cross <= 0) {
                continue; /* already chosen, or no cross-border tie to a member */
            }
            int32_t ct = vcountry(c, cand[j].v);
            /* gain: brings a missing country; does not add to the largest country */
            int gain = (need_country && count[ct] == 0) * 2 + (count[ct] < top);
            const struct fixcand *b = best == SIZE_MAX ? NULL : &cand[best];
            if (b == NULL || gain > best_gain ||
                (gain == best_gain &&
                 (cand[j].tied > b->tied ||
                  (cand[j].tied == b->tied &&
                   (cand[j].w > b->w ||
                    (cand[j].w == b->w && strcmp(vid(c, cand[j].v), vid(c, b->v)) < 0)))))) {
                best = j;
                best_gain = gain;
            }
        }
        if (best == SIZE_MAX) {
            break;
        }
        chosen[nchosen++] = (igraph_integer_t)best;
        count[vcountry(c, cand[best].v)]++;
        n++;
        w_in += cand[best].w;
        cross += cand[best].cross;
        done = fix_ok(c, n, count, nct, w_in, cross);
        if (!done) {
            cand[best].tied = 0; /* taken */
        }
    }
    if (rc == MC_OK && done) {
        size_t o = 0;
        for (size_t i = 0; i < nchosen && o < fixsz; i++) {
            const struct fixcand *x = &cand[chosen[i]];
            /* the last one chosen still carries its count; the earlier ones were zeroed */
            size_t tied = 0;
            const igraph_vector_int_t *nb = igraph_adjlist_get(&c->adj, x->v);
            for (igraph_integer_t k = 0; k < igraph_vector_int_size(nb); k++) {
                tied += c->mark[VECTOR(*nb)[k]] == member;
            }
            int w = snprintf(fix + o, fixsz - o, "%s%s (%s), tied to %zu member%s",
                             i == 0 ? "adding " : i + 1 == nchosen ? " and " : ", ", vid(c, x->v),
                             ds->countries.keys[vcountry(c, x->v)], tied, tied == 1 ? "" : "s");
            o += w > 0 ? (size_t)w : 0;
        }
        if (o < fixsz) {
            snprintf(fix + o, fixsz - o, ", would qualify it");
        }
    } else if (rc == MC_OK) {
        if (ncand == 0) {
            snprintf(fix, fixsz, "no organisation outside the group is tied to it");
        } else {
            snprintf(fix, fixsz, "no addition of up to %d organisations tied to it qualifies it",
                     FIX_MAX_ADD);
        }
    }
    free(count);
    free(cand);
    return rc;
}

/*
 * In a group of PENDANT_MIN members or more, every member is tied to at least
 * two others: a member tied to one member only hangs on it. Dropped and named,
 * all at once; the caller repeats until nothing changes.
 */
#define PENDANT_MIN 5
static enum mc_status trim_pendants(struct ctx *c, bool *changed, struct mc_error *err) {
    *changed = false;
    if (c->nvs < PENDANT_MIN) {
        return MC_OK;
    }
    mark_group(c);
    size_t k = 0;
    enum mc_status rc = MC_OK;
    igraph_integer_t *keep = malloc(c->nvs * sizeof *keep);
    if (keep == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < c->nvs && rc == MC_OK; i++) {
        igraph_integer_t v = c->vs[i], only = -1;
        const igraph_vector_int_t *nb = igraph_adjlist_get(&c->adj, v);
        size_t tied = 0;
        for (igraph_integer_t j = 0; j < igraph_vector_int_size(nb); j++) {
            if (c->mark[VECTOR(*nb)[j]] == c->stamp) {
                tied++;
                only = VECTOR(*nb)[j];
            }
        }
        if (tied == 1) {
            rc = record_drop(c, v, err, "tied to one member of the group only (%s)",
                             vid(c, only));
            *changed = true;
        } else {
            keep[k++] = v;
        }
    }
    memcpy(c->vs, keep, k * sizeof *keep);
    c->nvs = k;
    free(keep);
    return rc;
}

/* Keeps the largest connected piece of the current group (ties: the earliest vertex). */
static enum mc_status keep_largest_piece(struct ctx *c, bool *changed, struct mc_error *err) {
    size_t n = c->nvs;
    *changed = false;
    if (n < 2) {
        return MC_OK;
    }
    int *piece = malloc(n * sizeof *piece);
    size_t *queue = malloc(n * sizeof *queue);
    igraph_integer_t *pos = malloc((size_t)c->g->n * sizeof *pos);
    if (piece == NULL || queue == NULL || pos == NULL) {
        free(piece);
        free(queue);
        free(pos);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    c->stamp++;
    for (size_t i = 0; i < n; i++) {
        c->mark[c->vs[i]] = c->stamp;
        pos[c->vs[i]] = (igraph_integer_t)i;
        piece[i] = -1;
    }
    int npieces = 0, best = 0;
    size_t best_size = 0;
    for (size_t s = 0; s < n; s++) {
        if (piece[s] >= 0) {
            continue;
        }
        size_t head = 0, tail = 0, size = 0;
        queue[tail++] = s;
        piece[s] = npieces;
        while (head < tail) {
            size_t i = queue[head++];
            size++;
            const igraph_vector_int_t *nb = igraph_adjlist_get(&c->adj, c->vs[i]);
            for (igraph_integer_t k = 0; k < igraph_vector_int_size(nb); k++) {
                igraph_integer_t u = VECTOR(*nb)[k];
                if (c->mark[u] == c->stamp && piece[pos[u]] < 0) {
                    piece[pos[u]] = npieces;
                    queue[tail++] = (size_t)pos[u];
                }
            }
        }
        if (size > best_size) {
            best_size = size;
            best = npieces;
        }
        npieces++;
    }
    enum mc_status rc = MC_OK;
    if (npieces > 1) {
        size_t k = 0;
        for (size_t i = 0; i < n && rc == MC_OK; i++) {
            if (piece[i] == best) {
                c->vs[k++] = c->vs[i];
            } else {
                rc = record_drop(c, c->vs[i], err,
                                 "cut off from the rest of the group once other members were "
                                 "dropped (no tie to its largest connected part)");
            }
        }
        c->nvs = k;
        *changed = true;
    }
    free(piece);
    free(queue);
    free(pos);
    return rc;
}

/* Rejects the current group with `kind` and the near-miss sentence where one applies. */
static enum mc_status reject_near(struct ctx *c, const char *origin, const char *kind,
                                  const char *reason, struct mc_error *err) {
    char fix[320];
    enum mc_status rc = suggest_fix(c, fix, sizeof fix, err);
    if (rc == MC_OK) {
        rc = reject(c, origin, kind, "%s", reason);
    }
    if (rc == MC_OK) {
        struct mc_rejection *r = &c->out->rejected[c->out->n_rejected - 1];
        snprintf(r->fix, sizeof r->fix, "%s", fix);
    }
    return rc;
}

/*
 * The existing-group test (README "How a group becomes a proposal"): one
 * group holds at least EXISTING_MEMBERS of the members and gives at least
 * EXISTING_WEIGHT of the weight of the ties among them; or the groups that
 * each hold every member (a consortium and its follow-up projects) give that
 * much together. *grp receives the group that weighs most (-1: not an
 * existing group), *ngroups how many groups, *members its members and *share
 * their share. Keeps the group shares in c->shares.
 */
static enum mc_status existing_group(struct ctx *c, int32_t *grp, size_t *ngroups,
                                     size_t *members, double *share, struct mc_error *err) {
    free(c->shares);
    c->shares = NULL;
    c->nshares = 0;
    *grp = -1;
    *ngroups = 0;
    *share = 0;
    enum mc_status rc = mc_graph_group_shares(c->g, c->vs, c->nvs, &c->shares, &c->nshares,
                                              &c->shares_total, err);
    if (rc != MC_OK || c->shares_total <= 0) {
        return rc;
    }
    /* one group: it holds EXISTING_MEMBERS of the members and gives EXISTING_WEIGHT */
    for (size_t i = 0; i < c->nshares; i++) {
        double w = c->shares[i].weight / c->shares_total;
        if ((double)c->shares[i].members >= EXISTING_MEMBERS * (double)c->nvs - 1e-9 &&
            w >= EXISTING_WEIGHT - 1e-12) {
            *grp = c->shares[i].group;
            *ngroups = 1;
            *members = c->shares[i].members;
            *share = w;
            return MC_OK;
        }
    }
    /* a consortium and its follow-ups: groups that each hold every member, together */
    int32_t first = -1;
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < c->nshares; i++) {
        if (c->shares[i].members == c->nvs) {
            first = first < 0 ? c->shares[i].group : first;
            sum += c->shares[i].weight / c->shares_total;
            n++;
        }
    }
    if (first >= 0 && sum >= EXISTING_WEIGHT - 1e-12) {
        *grp = first;
        *ngroups = n;
        *members = c->nvs;
        *share = sum;
    }
    return MC_OK;
}

static bool any_eligible(const struct ctx *c);

/*
 * Checks the constraints on the current group, repairing what can be
 * repaired and naming every member a repair drops (c->drops). Returns MC_OK
 * with *ok false after recording a rejection. Order (README "How a group
 * becomes a proposal"): size; member-level cross-border ties; one connected
 * piece; countries; country share (drop the weakest member of the largest
 * country, then check again from the top); cross-border share of the
 * internal weight; an existing group.
 */
static enum mc_status check_group(struct ctx *c, const char *origin, bool *ok,
                                  struct mc_error *err) {
    const struct mc_propose_options *opt = c->opt;
    const struct mc_dataset *ds = c->g->ds;
    struct ccount *cc = malloc((c->nvs + 1) * sizeof *cc);
    enum mc_status rc = MC_OK;
    char why[256];
    size_t orig = c->nvs;

    *ok = false;
    orig += c->ndrops; /* members a split left out count as dropped (evaluate) */
    if (cc == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (;;) {
        if (c->nvs < (size_t)opt->min_size) {
            if (c->ndrops == 0) {
                snprintf(why, sizeof why, "too small: %zu members (minimum %d)", c->nvs,
                         opt->min_size);
            } else {
                snprintf(why, sizeof why,
                         "too small: %zu of its %zu members left once %zu were dropped "
                         "(minimum %d)",
                         c->nvs, orig, c->ndrops, opt->min_size);
            }
            rc = reject_near(c, origin, "too small", why, err);
            goto out;
        }
        size_t k = count_countries(c, c->vs, c->nvs, cc);
        size_t known = 0;
        for (size_t i = 0; i < k; i++) {
            known += cc[i].country >= 0;
        }
        if (known < (size_t)opt->min_countries) {
            snprintf(why, sizeof why, "spans %zu countr%s; at least %d needed%s", known,
                     known == 1 ? "y" : "ies", opt->min_countries,
                     c->ndrops > 0 ? " once the members without a cross-border tie were dropped"
                                   : "");
            rc = reject_near(c, origin, "too few countries", why, err);
            goto out;
        }
        bool changed;
        if ((rc = trim_domestic(c, &changed, err)) != MC_OK) {
            goto out;
        }
        if (changed) {
            continue;
        }
        if ((rc = trim_pendants(c, &changed, err)) != MC_OK) {
            goto out;
        }
        if (changed) {
            continue;
        }
        if ((rc = keep_largest_piece(c, &changed, err)) != MC_OK) {
            goto out;
        }
        if (changed) {
            continue;
        }
        size_t top = 0; /* the most represented known country */
        while (top < k && cc[top].country < 0) {
            top++;
        }
        double share = (double)cc[top].count / (double)c->nvs;
        if (share > opt->max_share + 1e-12) {
            /* repair: drop the weakest-attached member of the largest country; ties: the
             * smallest share of its own strength inside, then the larger id */
            if ((rc = group_strengths(c, err)) != MC_OK) {
                goto out;
            }
            size_t worst = SIZE_MAX;
            double worst_att = 0;
            for (size_t i = 0; i < c->nvs; i++) {
                if (vcountry(c, c->vs[i]) != cc[top].country) {
                    continue;
                }
                double s = VECTOR(c->strength)[c->vs[i]];
                double att = s > 0 ? c->s_in[i] / s : 0;
                bool weaker =
                    worst == SIZE_MAX || c->s_in[i] < c->s_in[worst] ||
                    (c->s_in[i] == c->s_in[worst] &&
                     (att < worst_att ||
                      (att == worst_att && strcmp(vid(c, c->vs[i]), vid(c, c->vs[worst])) > 0)));
                if (weaker) {
                    worst = i;
                    worst_att = att;
                }
            }
            const char *code = ds->countries.keys[cc[top].country];
            rc = record_drop(c, c->vs[worst], err,
                             "%s held %zu of %zu members (%.0f%%, limit %.0f%%): the %s member "
                             "with the weakest ties inside the group (strength %.4g)",
                             code, cc[top].count, c->nvs, 100 * share, 100 * opt->max_share, code,
                             c->s_in[worst]);
            if (rc != MC_OK) {
                goto out;
            }
            drop_member(c, worst);
            continue;
        }
        double cb = cross_border_share(c, NULL);
        if (cb < opt->min_cross_border - 1e-12) {
            snprintf(why, sizeof why,
                     "only %.0f%% of the weight of its internal ties crosses a border "
                     "(--min-cross-border %.0f%%)",
                     100 * cb, 100 * opt->min_cross_border);
            rc = reject_near(c, origin, "cross-border share", why, err);
            goto out;
        }
        int32_t grp;
        size_t gm = 0, ng = 0;
        double gs = 0;
        if ((rc = existing_group(c, &grp, &ng, &gm, &gs, err)) != MC_OK) {
            goto out;
        }
        if (grp >= 0 && ng == 1) {
            char label[200];
            group_label(ds, grp, label, sizeof label);
            rc = reject(c, origin, "existing group",
                        "one existing group, %s, holds %zu of the %zu members and gives %.0f%% "
                        "of the weight of their ties",
                        label, gm, c->nvs, 100 * gs);
        } else if (grp >= 0) {
            char label[200];
            group_label(ds, grp, label, sizeof label);
            rc = reject(c, origin, "existing group",
                        "one existing consortium: %zu groups, among them %s, each hold all %zu "
                        "members and give together %.0f%% of the weight of their ties (a "
                        "project and its follow-ups)",
                        ng, label, c->nvs, 100 * gs);
        }
        if (grp >= 0) {
            if (rc == MC_OK) {
                struct mc_rejection *r = &c->out->rejected[c->out->n_rejected - 1];
                r->group = grp;
                snprintf(r->fix, sizeof r->fix,
                         "none: the group already cooperates as %s; it becomes a proposal "
                         "only with recurring ties beyond that group",
                         ds->groups.keys[grp]);
            }
            goto out;
        }
        if (!any_eligible(c)) {
            rc = reject(c, origin, "no coordinator",
                        "no member may coordinate: none belongs to the sector%s",
                        c->opt->n_exclude_types > 0 ? " without being of an excluded type" : "");
            goto out;
        }
        *ok = true;
        goto out;
    }
out:
    free(cc);
    return rc;
}

static int cmp_links(const void *a, const void *b) {
    const struct mc_link *x = a, *y = b;
    if (x->score != y->score) {
        return x->score > y->score ? -1 : 1;
    }
    if (x->shared != y->shared) {
        return x->shared > y->shared ? -1 : 1;
    }
    if (x->a != y->a) {
        return x->a < y->a ? -1 : 1;
    }
    return (x->b > y->b) - (x->b < y->b);
}

/* ==== coordinator, evidence, links ==== */

/* May vertex v coordinate? It belongs to the sector and is not of an excluded type. */
static bool eligible(const struct ctx *c, igraph_integer_t v) {
    const struct mc_dataset *ds = c->g->ds;
    int32_t node = c->g->node[v];
    int32_t sector = c->out->sector;
    if (sector >= 0 && mc_tags_count(&ds->node_sectors, (size_t)node) > 0 &&
        !mc_tags_has(&ds->node_sectors, (size_t)node, sector)) {
        return false; /* it declares its sectors, and this is not one of them */
    }
    for (size_t k = 0; k < c->opt->n_exclude_types; k++) {
        if (ds->node_type != NULL && strcasecmp(ds->node_type[node], c->opt->exclude_types[k]) == 0) {
            return false;
        }
    }
    return true;
}

static double node_size(const struct ctx *c, int32_t node) {
    const struct mc_dataset *ds = c->g->ds;
    if (c->size_col < 0) {
        return NAN;
    }
    const char *s = ds->extra_val[(size_t)node * ds->n_extra + (size_t)c->size_col];
    char *end;
    double x = strtod(s, &end);
    return end != s && *end == '\0' && isfinite(x) ? x : NAN;
}

/* Groups among p->groups that member vertex v leads. */
static int count_leads(struct ctx *c, igraph_integer_t v) {
    int n = 0;
    if (c->lead_off == NULL) {
        return 0;
    }
    for (size_t t = c->lead_off[v]; t < c->lead_off[v + 1]; t++) {
        n += c->gmark[c->lead_group[t]] == c->gstamp;
    }
    return n;
}

/*
 * Compares members i and j of p for coordination, in the documented order:
 * lead role, ESCA label, size, within-group strength, PageRank, id. Returns
 * > 0 when i comes first; *rule receives the criterion that decided.
 */
static int coord_cmp(const struct ctx *c, const struct mc_proposal *p, size_t i, size_t j,
                     enum mc_coord_rule *rule) {
    const struct mc_dataset *ds = c->g->ds;
    const struct mc_member *a = &p->members[i], *b = &p->members[j];
    if (c->lead_off != NULL && a->leads != b->leads) {
        *rule = MC_COORD_ROLE;
        return a->leads > b->leads ? 1 : -1;
    }
    if (ds->node_label[a->node] != ds->node_label[b->node]) {
        *rule = MC_COORD_LABEL;
        return ds->node_label[a->node] > ds->node_label[b->node] ? 1 : -1;
    }
    double sa = node_size(c, a->node), sb = node_size(c, b->node);
    if ((isfinite(sa) || isfinite(sb)) && !(sa == sb)) {
        *rule = MC_COORD_SIZE;
        return !isfinite(sb) || (isfinite(sa) && sa > sb) ? 1 : -1;
    }
    if (a->strength_in != b->strength_in) {
        *rule = MC_COORD_STRENGTH;
        return a->strength_in > b->strength_in ? 1 : -1;
    }
    /* PageRank values within a relative 1e-9 are equal: solver noise must not decide */
    double pa = VECTOR(c->pagerank)[c->g->vertex_of[a->node]];
    double pb = VECTOR(c->pagerank)[c->g->vertex_of[b->node]];
    double tol = 1e-9 * (pa > pb ? pa : pb);
    if (pa > pb + tol || pb > pa + tol) {
        *rule = MC_COORD_PAGERANK;
        return pa > pb ? 1 : -1;
    }
    *rule = MC_COORD_ID;
    return strcmp(ds->ids.keys[a->node], ds->ids.keys[b->node]) < 0 ? 1 : -1;
}

/* Whether any member of the current group may coordinate. */
static bool any_eligible(const struct ctx *c) {
    for (size_t i = 0; i < c->nvs; i++) {
        if (eligible(c, c->vs[i])) {
            return true;
        }
    }
    return false;
}

/*
 * The coordinator: the first eligible member in coord_cmp's order; the
 * reason names the criterion that set it apart from the runner-up.
 */
static enum mc_status choose_coordinator(struct ctx *c, struct mc_proposal *p,
                                         struct mc_error *err) {
    const struct mc_dataset *ds = c->g->ds;
    (void)err;
    c->gstamp++;
    for (size_t k = 0; k < p->n_groups; k++) {
        c->gmark[p->groups[k].group] = c->gstamp;
    }
    size_t best = SIZE_MAX, second = SIZE_MAX, n_elig = 0;
    enum mc_coord_rule rule = MC_COORD_ONLY;
    for (size_t i = 0; i < p->size; i++) {
        p->members[i].leads = count_leads(c, c->g->vertex_of[p->members[i].node]);
    }
    for (size_t i = 0; i < p->size; i++) {
        if (!eligible(c, c->g->vertex_of[p->members[i].node])) {
            continue;
        }
        n_elig++;
        if (best == SIZE_MAX || coord_cmp(c, p, i, best, &rule) > 0) {
            second = best;
            best = i;
        } else if (second == SIZE_MAX || coord_cmp(c, p, i, second, &rule) > 0) {
            second = i;
        }
    }
    /* check_group made sure someone is eligible */
    p->coordinator = p->members[best].node;
    const struct mc_member *a = &p->members[best];
    if (second == SIZE_MAX) {
        p->coord_rule = MC_COORD_ONLY;
        snprintf(p->coord_reason, sizeof p->coord_reason,
                 "the only member that may coordinate (the others %s)",
                 c->opt->n_exclude_types > 0 ? "are of an excluded type or belong to other sectors"
                                             : "belong to other sectors");
        return MC_OK;
    }
    coord_cmp(c, p, best, second, &rule);
    p->coord_rule = rule;
    const struct mc_member *b = &p->members[second];
    const char *next = ds->ids.keys[b->node];
    /* the criteria before the deciding one were tied: say so where it informs */
    char pre[96] = "";
    if (rule > MC_COORD_ROLE && c->lead_off != NULL && a->leads > 0) {
        snprintf(pre, sizeof pre, "leading %d of the groups that tie the members, as %s does, ",
                 a->leads, next);
    }
    switch (rule) {
    case MC_COORD_ROLE:
        snprintf(p->coord_reason, sizeof p->coord_reason,
                 "lead role: it leads %d of the groups that tie the members; the runner-up, %s, "
                 "leads %d",
                 a->leads, next, b->leads);
        break;
    case MC_COORD_LABEL:
        snprintf(p->coord_reason, sizeof p->coord_reason, "%sESCA label: %s (next: %s, %s)", pre,
                 mc_label_name(ds->node_label[a->node]), next,
                 ds->node_label[b->node] ? mc_label_name(ds->node_label[b->node]) : "no label");
        break;
    case MC_COORD_SIZE:
        snprintf(p->coord_reason, sizeof p->coord_reason, "%ssize: %.0f members (next: %s, %s)",
                 pre, node_size(c, a->node), next,
                 isfinite(node_size(c, b->node)) ? "smaller" : "size not given");
        break;
    case MC_COORD_STRENGTH:
        snprintf(p->coord_reason, sizeof p->coord_reason,
                 "%sthe strongest ties inside the group: within-group strength %.4g (next: %s, "
                 "%.4g)",
                 pre, a->strength_in, next, b->strength_in);
        break;
    case MC_COORD_PAGERANK:
        snprintf(p->coord_reason, sizeof p->coord_reason,
                 "%swithin-group strength tied at %.4g with %s; the higher PageRank in the sector",
                 pre, a->strength_in, next);
        break;
    default:
        snprintf(p->coord_reason, sizeof p->coord_reason,
                 "%severy criterion tied with %s (within-group strength %.4g); tie broken by id",
                 pre, next, a->strength_in);
        break;
    }
    (void)n_elig;
    return MC_OK;
}

/* The dataset whose ids order the ties being sorted (processes, not threads, run in parallel). */
static const struct mc_dataset *ties_ds;

static int cmp_ties(const void *x, const void *y) {
    const struct mc_tie *a = x, *b = y;
    const struct mc_dataset *ds = ties_ds;
    int k = strcmp(ds->ids.keys[a->a], ds->ids.keys[b->a]);
    return k != 0 ? k : strcmp(ds->ids.keys[a->b], ds->ids.keys[b->b]);
}

/* Every tie between two members and the groups behind it (the group is marked). */
static enum mc_status proposal_ties(struct ctx *c, struct mc_proposal *p, struct mc_error *err) {
    const struct mc_dataset *ds = c->g->ds;
    size_t cap = 0, capg = 0, ng = 0;
    enum mc_status rc = MC_OK;
    for (size_t i = 0; i < c->nvs && rc == MC_OK; i++) {
        igraph_integer_t v = c->vs[i];
        igraph_vector_int_t *es = igraph_inclist_get(&c->inc, v);
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(es) && rc == MC_OK; k++) {
            igraph_integer_t e = VECTOR(*es)[k];
            igraph_integer_t u = IGRAPH_OTHER(&c->g->ig, e, v);
            if (c->mark[u] != c->stamp || u < v) {
                continue;
            }
            size_t ne;
            const int32_t *grp = mc_graph_evidence(c->g, e, &ne);
            rc = mc_grow((void **)&p->ties, &cap, p->n_ties + 1, sizeof *p->ties, err);
            if (rc == MC_OK && ne > 0) {
                rc = mc_grow((void **)&p->tie_groups, &capg, ng + ne, sizeof *p->tie_groups, err);
            }
            if (rc != MC_OK) {
                break;
            }
            bool swap = strcmp(vid(c, v), vid(c, u)) > 0;
            p->ties[p->n_ties] = (struct mc_tie){.a = c->g->node[swap ? u : v],
                                                 .b = c->g->node[swap ? v : u],
                                                 .weight = edge_w(c, e),
                                                 .g_off = ng,
                                                 .g_n = ne};
            if (ne > 0) {
                memcpy(p->tie_groups + ng, grp, ne * sizeof *grp);
            }
            ng += ne;
            p->n_ties++;
        }
    }
    if (rc == MC_OK && p->n_ties > 1) {
        ties_ds = ds;
        qsort(p->ties, p->n_ties, sizeof *p->ties, cmp_ties);
    }
    return rc;
}

/* The shared partners that weigh most in a link's resource allocation (lowest degree first). */
static void link_via(const struct ctx *c, struct mc_link *l) {
    igraph_integer_t u = c->g->vertex_of[l->a], v = c->g->vertex_of[l->b];
    const igraph_vector_int_t *a = igraph_adjlist_get(&c->adj, u);
    const igraph_vector_int_t *b = igraph_adjlist_get(&c->adj, v);
    igraph_integer_t na = igraph_vector_int_size(a), nb = igraph_vector_int_size(b);
    igraph_integer_t i = 0, j = 0;
    l->n_via = 0;
    while (i < na && j < nb) {
        igraph_integer_t x = VECTOR(*a)[i], y = VECTOR(*b)[j];
        if (x < y) {
            i++;
            continue;
        }
        if (y < x) {
            j++;
            continue;
        }
        i++;
        j++;
        /* keep the MC_ARRAY_SIZE(l->via) of lowest degree (ties: the smaller id) */
        igraph_integer_t dx = igraph_vector_int_size(igraph_adjlist_get(&c->adj, x));
        size_t pos = l->n_via;
        while (pos > 0) {
            igraph_integer_t w = c->g->vertex_of[l->via[pos - 1]];
            igraph_integer_t dw = igraph_vector_int_size(igraph_adjlist_get(&c->adj, w));
            if (dw < dx || (dw == dx && strcmp(vid(c, w), vid(c, x)) < 0)) {
                break;
            }
            pos--;
        }
        if (pos >= MC_ARRAY_SIZE(l->via)) {
            continue;
        }
        size_t last = l->n_via < MC_ARRAY_SIZE(l->via) ? l->n_via : MC_ARRAY_SIZE(l->via) - 1;
        memmove(l->via + pos + 1, l->via + pos, (last - pos) * sizeof *l->via);
        l->via[pos] = c->g->node[x];
        if (l->n_via < MC_ARRAY_SIZE(l->via)) {
            l->n_via++;
        }
    }
}

/* Scores the current (valid) group and appends it as a proposal. */
static enum mc_status accept_group(struct ctx *c, const char *origin, struct mc_error *err) {
    struct mc_sector_proposals *out = c->out;
    enum mc_status rc = mc_grow((void **)&out->proposals, &c->cap_props, out->n_proposals + 1,
                                sizeof *out->proposals, err);
    if (rc != MC_OK) {
        return rc;
    }
    qsort(c->vs, c->nvs, sizeof *c->vs, cmp_vertex);
    if ((rc = group_strengths(c, err)) != MC_OK) {
        return rc;
    }
    size_t n = c->nvs;
    struct mc_proposal *p = &out->proposals[out->n_proposals];
    memset(p, 0, sizeof *p);
    p->sector = out->sector;
    p->size = n;
    snprintf(p->origin, sizeof p->origin, "%s", origin);
    p->view = c->view;
    p->members = calloc(n, sizeof *p->members);
    p->countries = calloc(n, sizeof *p->countries);
    if (p->members == NULL || p->countries == NULL) {
        proposal_destroy(p);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    out->n_proposals++; /* from here on, p is destroyed with the set */
    /* what check_group found: the dropped members and the groups behind the members */
    if (c->ndrops > 0) {
        p->dropped = malloc(c->ndrops * sizeof *p->dropped);
        if (p->dropped == NULL) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
        memcpy(p->dropped, c->drops, c->ndrops * sizeof *p->dropped);
        p->n_dropped = c->ndrops;
    }
    p->groups = c->shares;
    p->n_groups = c->nshares;
    p->group_total = c->shares_total;
    c->shares = NULL;
    c->nshares = 0;

    /* cohesion: internal weight, cut, conductance, density */
    double w_in2 = 0, vol = 0, cross2 = 0;
    size_t m_in2 = 0;
    for (size_t i = 0; i < n; i++) {
        igraph_integer_t v = c->vs[i];
        vol += VECTOR(c->strength)[v];
        w_in2 += c->s_in[i];
        igraph_vector_int_t *es = igraph_inclist_get(&c->inc, v);
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(es); k++) {
            igraph_integer_t e = VECTOR(*es)[k];
            igraph_integer_t u = IGRAPH_OTHER(&c->g->ig, e, v);
            if (c->mark[u] != c->stamp) {
                continue;
            }
            m_in2++;
            int32_t cv = vcountry(c, v), cu = vcountry(c, u);
            if (cv >= 0 && cu >= 0 && cv != cu) {
                cross2 += edge_w(c, e);
            }
        }
    }
    p->internal_weight = w_in2 / 2;
    p->volume = vol;
    p->cut_weight = vol - w_in2;
    double rest = c->volume_total - vol;
    double denom = vol < rest ? vol : rest;
    p->conductance = denom > 0 ? p->cut_weight / denom : 0;
    if (p->conductance > 1) {
        p->conductance = 1;
    }
    p->cohesion = 1 - p->conductance;
    p->density = n > 1 ? (double)(m_in2 / 2) / ((double)n * (double)(n - 1) / 2) : 0;
    p->cross_border_share = w_in2 > 0 ? cross2 / w_in2 : 0;

    /* transnational balance */
    struct ccount *cc = malloc(n * sizeof *cc);
    if (cc == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    size_t k = count_countries(c, c->vs, n, cc);
    double sum_p2 = 0;
    for (size_t i = 0; i < k; i++) {
        p->countries[i].country = cc[i].country;
        p->countries[i].count = cc[i].count;
        double share = (double)cc[i].count / (double)n;
        if (cc[i].country >= 0) {
            sum_p2 += share * share;
            p->n_countries++;
            if (share > p->max_share) {
                p->max_share = share;
            }
        }
    }
    free(cc);
    p->blau = 1 - sum_p2;
    p->effective_countries = sum_p2 > 0 ? 1 / sum_p2 : 0;
    p->diversity = p->blau;

    /* members: strength inside, z, confidence; coordinator */
    double mean = w_in2 / (double)n, var = 0;
    for (size_t i = 0; i < n; i++) {
        var += (c->s_in[i] - mean) * (c->s_in[i] - mean);
    }
    double sd = sqrt(var / (double)n);
    double conf_sum = 0;
    for (size_t i = 0; i < n; i++) {
        igraph_integer_t v = c->vs[i];
        struct mc_member *mb = &p->members[i];
        mb->node = c->g->node[v];
        mb->strength_in = c->s_in[i];
        mb->within_z = sd > 0 ? (c->s_in[i] - mean) / sd : 0;
        mb->confidence = VECTOR(*c->confidence)[v];
        conf_sum += mb->confidence;
    }
    p->stability = conf_sum / (double)n;
    rc = proposal_ties(c, p, err);
    if (rc == MC_OK) {
        rc = choose_coordinator(c, p, err);
    }
    if (rc != MC_OK) {
        return rc;
    }

    /* missing links: unlinked cross-border member pairs by resource allocation */
    size_t cap_links = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            igraph_integer_t u = c->vs[i], v = c->vs[j];
            int32_t cu = vcountry(c, u), cv = vcountry(c, v);
            if (cu < 0 || cv < 0 || cu == cv || adjacent(&c->adj, u, v)) {
                continue;
            }
            igraph_integer_t shared;
            double ra = mc_resource_allocation(&c->adj, u, v, &shared);
            if (ra <= 0) {
                continue;
            }
            rc = mc_grow((void **)&p->links, &cap_links, p->n_links + 1, sizeof *p->links, err);
            if (rc != MC_OK) {
                return rc;
            }
            /* order the pair by id so output is stable */
            bool swap = strcmp(vid(c, u), vid(c, v)) > 0;
            p->links[p->n_links].a = c->g->node[swap ? v : u];
            p->links[p->n_links].b = c->g->node[swap ? u : v];
            p->links[p->n_links].score = ra;
            p->links[p->n_links].shared = shared;
            p->n_links++;
        }
    }
    if (p->n_links > 1) {
        qsort(p->links, p->n_links, sizeof *p->links, cmp_links);
    }
    if (p->n_links > (size_t)c->opt->links) {
        p->n_links = (size_t)c->opt->links;
    }
    for (size_t l = 0; l < p->n_links; l++) {
        link_via(c, &p->links[l]);
    }
    return MC_OK;
}

static enum mc_status examine(struct ctx *c, igraph_integer_t *vs, size_t n, const char *origin,
                              int depth, struct mc_error *err);

/*
 * Sector profile of the current group for cross-sector runs: the sectors
 * that at least CROSS_MIN_SHARE of the members (and two members) are active
 * in, and the share of internal weight on ties between members whose sector
 * sets do not overlap.
 */
static enum mc_status cross_sector_profile(struct ctx *c, char *joined, size_t joinedsz,
                                           size_t *njoined, double *bridge, struct mc_error *err) {
    const struct mc_dataset *ds = c->g->ds;
    size_t nsec = ds->sectors.n;
    size_t *cnt = calloc(nsec ? nsec : 1, sizeof *cnt);
    if (cnt == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    c->stamp++;
    for (size_t i = 0; i < c->nvs; i++) {
        c->mark[c->vs[i]] = c->stamp;
        int32_t node = c->g->node[c->vs[i]];
        for (size_t k = 0; k < mc_tags_count(c->active, (size_t)node); k++) {
            cnt[mc_tags_of(c->active, (size_t)node)[k]]++;
        }
    }
    size_t need = (size_t)ceil(CROSS_MIN_SHARE * (double)c->nvs);
    if (need < 2) {
        need = 2;
    }
    size_t o = 0;
    *njoined = 0;
    joined[0] = '\0';
    for (size_t s = 0; s < nsec; s++) {
        if (cnt[s] >= need) {
            int w = snprintf(joined + o, joinedsz - o, "%s%s", o ? ";" : "",
                             mc_dataset_sector_name(ds, (int32_t)s));
            if (w > 0 && (size_t)w < joinedsz - o) {
                o += (size_t)w;
            }
            (*njoined)++;
        }
    }
    free(cnt);
    double w_in = 0, w_bridge = 0;
    for (size_t i = 0; i < c->nvs; i++) {
        igraph_integer_t v = c->vs[i];
        int32_t nv = c->g->node[v];
        igraph_vector_int_t *es = igraph_inclist_get(&c->inc, v);
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(es); k++) {
            igraph_integer_t e = VECTOR(*es)[k];
            igraph_integer_t u = IGRAPH_OTHER(&c->g->ig, e, v);
            if (c->mark[u] != c->stamp || u < v) {
                continue;
            }
            int32_t nu = c->g->node[u];
            w_in += edge_w(c, e);
            size_t a = mc_tags_count(c->active, (size_t)nv),
                   b = mc_tags_count(c->active, (size_t)nu);
            if (a == 0 || b == 0) {
                continue;
            }
            bool overlap = false;
            for (size_t t = 0; t < a && !overlap; t++) {
                overlap = mc_tags_has(c->active, (size_t)nu, mc_tags_of(c->active, (size_t)nv)[t]);
            }
            if (!overlap) {
                w_bridge += edge_w(c, e);
            }
        }
    }
    *bridge = w_in > 0 ? w_bridge / w_in : 0;
    return MC_OK;
}

/* The members of part p of a split (parts over vs[0..n)) into sub; returns their number. */
static size_t part_members(const igraph_vector_int_t *parts, igraph_integer_t p,
                           const igraph_integer_t *vs, size_t n, igraph_integer_t *sub) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (VECTOR(*parts)[i] == p) {
            sub[k++] = vs[i];
        }
    }
    return k;
}

/* Splits a too-large group and examines its parts. */
static enum mc_status examine_large(struct ctx *c, igraph_integer_t *vs, size_t n,
                                    const char *origin, int depth, struct mc_error *err) {
    igraph_vector_int_t parts;
    igraph_integer_t nparts = 0;
    enum mc_status rc = MC_OK;
    if (igraph_vector_int_init(&parts, 0) != IGRAPH_SUCCESS) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    rc = split_group(c, vs, n, false, &parts, &nparts, err);
    if (rc != MC_OK) {
        goto out;
    }
    /* a split into singletons only (a clique: one big project or event) is no split */
    igraph_integer_t biggest = 0;
    for (igraph_integer_t p = 0; p < nparts; p++) {
        igraph_integer_t k = 0;
        for (size_t i = 0; i < n; i++) {
            k += VECTOR(parts)[i] == p;
        }
        if (k > biggest) {
            biggest = k;
        }
    }
    if (nparts <= 1 || biggest < 2 || depth > 8) {
        if ((rc = set_group(c, vs, n, err)) == MC_OK) {
            rc = reject(c, origin, "too large",
                        "too large: %zu members (maximum %d) and no split into smaller "
                        "communities",
                        n, c->opt->max_size);
        }
        goto out;
    }
    /* parts are canonical: 0 is the largest */
    igraph_integer_t *sub = malloc(n * sizeof *sub);
    if (sub == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (igraph_integer_t p = 0; p < nparts && rc == MC_OK; p++) {
        size_t k = part_members(&parts, p, vs, n, sub);
        if (k < 2) {
            continue; /* a lone member is not a candidate */
        }
        char name[96];
        snprintf(name, sizeof name, "%s.%" IGRAPH_PRId, origin, p + 1);
        rc = examine(c, sub, k, name, depth + 1, err);
    }
    free(sub);
out:
    igraph_vector_int_destroy(&parts);
    return rc;
}

/*
 * Completion: an organisation outside the group that is tied to at least half of its members
 * (and two), one of them in another country, and has at least a third of its own tie weight
 * inside, joins it; repeated until none qualifies.
 */
static enum mc_status complete_group(struct ctx *c, struct mc_error *err) {
    for (int round = 0; round < 4; round++) {
        mark_group(c);
        int32_t member = c->stamp;
        size_t need = (c->nvs + 1) / 2 < 2 ? 2 : (c->nvs + 1) / 2;
        size_t n0 = c->nvs;
        int32_t seen = ++c->stamp;
        for (size_t i = 0; i < n0; i++) {
            const igraph_vector_int_t *nb = igraph_adjlist_get(&c->adj, c->vs[i]);
            for (igraph_integer_t k = 0; k < igraph_vector_int_size(nb); k++) {
                igraph_integer_t u = VECTOR(*nb)[k];
                if (c->mark[u] == member || c->mark[u] == seen) {
                    continue;
                }
                c->mark[u] = seen;
                igraph_vector_int_t *eu = igraph_inclist_get(&c->inc, u);
                size_t tied = 0;
                double w_in = 0;
                bool cross = false;
                for (igraph_integer_t j = 0; j < igraph_vector_int_size(eu); j++) {
                    igraph_integer_t e = VECTOR(*eu)[j];
                    igraph_integer_t x = IGRAPH_OTHER(&c->g->ig, e, u);
                    if (c->mark[x] == member) {
                        tied++;
                        w_in += edge_w(c, e);
                        cross |= vcountry(c, x) >= 0 && vcountry(c, u) >= 0 &&
                                 vcountry(c, x) != vcountry(c, u);
                    }
                }
                if (tied >= need && cross && 3 * w_in >= VECTOR(c->strength)[u] &&
                    c->nvs < (size_t)c->opt->max_size) {
                    enum mc_status rc =
                        mc_grow((void **)&c->vs, &c->cap_vs, c->nvs + 1, sizeof *c->vs, err);
                    if (rc != MC_OK) {
                        return rc;
                    }
                    c->vs[c->nvs++] = u;
                }
            }
        }
        if (c->nvs == n0) {
            break;
        }
    }
    return MC_OK;
}

/* One candidate, as it is: completion, the checks, and a proposal or a rejection. */
static enum mc_status evaluate(struct ctx *c, igraph_integer_t *vs, size_t n, const char *origin,
                               const igraph_integer_t *left, size_t nleft,
                               struct mc_error *err) {
    /* members a split left on their own are named among this part's drops */
    c->ndrops = 0;
    for (size_t i = 0; i < nleft; i++) {
        enum mc_status rc = record_drop(c, left[i], err,
                                        "tied across a border to too few of the group to stay in "
                                        "any dense part of it (--min-density %.2g)",
                                        c->opt->min_density);
        if (rc != MC_OK) {
            return rc;
        }
    }
    enum mc_status rc = set_group(c, vs, n, err);
    if (rc != MC_OK) {
        return rc;
    }
    c->out->candidates++;
    rc = complete_group(c, err);
    if (rc != MC_OK) {
        return rc;
    }
    if (c->ndrops > 0) { /* completion may take back a member a split left out */
        mark_group(c);
        size_t kept = 0;
        for (size_t i = 0; i < c->ndrops; i++) {
            if (c->mark[c->g->vertex_of[c->drops[i].node]] != c->stamp) {
                c->drops[kept++] = c->drops[i];
            }
        }
        c->ndrops = kept;
    }
    bool ok;
    rc = check_group(c, origin, &ok, err);
    if (rc != MC_OK || !ok) {
        return rc;
    }
    char joined[256] = "";
    double bridge = 0;
    if (c->active != NULL) {
        size_t njoined = 0;
        rc = cross_sector_profile(c, joined, sizeof joined, &njoined, &bridge, err);
        if (rc != MC_OK) {
            return rc;
        }
        if (njoined < 2 || bridge < CROSS_MIN_BRIDGE) {
            return reject(c, origin, "not cross-sector",
                          "not cross-sector: %zu sector%s with %.0f%% of members or more (%s), "
                          "%.0f%% of internal weight between sectors",
                          njoined, njoined == 1 ? "" : "s", 100 * CROSS_MIN_SHARE,
                          joined[0] ? joined : "none", 100 * bridge);
        }
    }
    rc = accept_group(c, origin, err);
    if (rc == MC_OK && c->active != NULL) {
        struct mc_proposal *p = &c->out->proposals[c->out->n_proposals - 1];
        snprintf(p->sectors_joined, sizeof p->sectors_joined, "%s", joined);
        p->bridge_share = bridge;
    }
    return rc;
}

/*
 * A community becomes candidates: split by modularity while too large, then into its dense
 * parts (split_group's density mode), each part evaluated on its own. A community whose members
 * are tied densely enough stays whole.
 */
static enum mc_status examine(struct ctx *c, igraph_integer_t *vs, size_t n, const char *origin,
                              int depth, struct mc_error *err) {
    if (mc_interrupted()) {
        return mc_error_set(err, MC_E_INTERRUPTED, NULL, 0, "interrupted");
    }
    if (n > (size_t)c->opt->max_size) {
        return examine_large(c, vs, n, origin, depth, err);
    }
    if (n < 4 || c->opt->min_density <= 0) {
        return evaluate(c, vs, n, origin, NULL, 0, err);
    }
    igraph_vector_int_t parts;
    igraph_integer_t nparts = 0;
    if (igraph_vector_int_init(&parts, 0) != IGRAPH_SUCCESS) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    enum mc_status rc = split_group(c, vs, n, true, &parts, &nparts, err);
    /* parts are canonical: 0 is the largest; a split into lone members is no split */
    size_t biggest = 0;
    for (size_t i = 0; i < n && rc == MC_OK; i++) {
        biggest += VECTOR(parts)[i] == 0;
    }
    if (rc != MC_OK || nparts <= 1 || biggest < 2) {
        if (rc == MC_OK) {
            rc = evaluate(c, vs, n, origin, NULL, 0, err);
        }
        igraph_vector_int_destroy(&parts);
        return rc;
    }
    /* sub: the part being evaluated; left (from the end): the members alone in a part */
    igraph_integer_t *sub = malloc(2 * n * sizeof *sub);
    if (sub == NULL) {
        igraph_vector_int_destroy(&parts);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    igraph_integer_t *left = sub + n;
    size_t nleft = 0;
    c->stamp++;
    for (size_t i = 0; i < n; i++) {
        c->mark[vs[i]] = c->stamp;
    }
    for (igraph_integer_t p = 1; p < nparts; p++) {
        size_t k = 0, at = 0;
        for (size_t i = 0; i < n; i++) {
            if (VECTOR(parts)[i] == p) {
                k++;
                at = i;
            }
        }
        if (k != 1) {
            continue;
        }
        /* alone for want of any cross-border tie: the largest part takes it, so that the
         * member-level rule names it with the members it is tied to at home */
        igraph_integer_t v = vs[at];
        const igraph_vector_int_t *nb = igraph_adjlist_get(&c->adj, v);
        bool cross = false;
        for (igraph_integer_t j = 0; j < igraph_vector_int_size(nb) && !cross; j++) {
            igraph_integer_t u = VECTOR(*nb)[j];
            cross = c->mark[u] == c->stamp && vcountry(c, u) >= 0 && vcountry(c, v) >= 0 &&
                    vcountry(c, u) != vcountry(c, v);
        }
        if (cross) {
            left[nleft++] = v;
        } else {
            VECTOR(parts)[at] = 0;
        }
    }
    for (igraph_integer_t p = 0; p < nparts && rc == MC_OK; p++) {
        size_t k = part_members(&parts, p, vs, n, sub);
        if (k < 2) {
            continue; /* a lone member is named among the largest part's drops */
        }
        char name[128];
        snprintf(name, sizeof name, "%s, dense part %" IGRAPH_PRId, origin, p + 1);
        rc = evaluate(c, sub, k, name, left, p == 0 ? nleft : 0, err);
    }
    free(sub);
    igraph_vector_int_destroy(&parts);
    return rc;
}

/* ==== ranking, roles and ids ==== */

/* Rounds to 12 significant digits: the last bits of a sum are noise, not information. */
static double tidy(double x) {
    if (x == 0 || !isfinite(x)) {
        return x;
    }
    double scale = pow(10, 11 - floor(log10(fabs(x))));
    return round(x * scale) / scale;
}

static void tidy_proposal(struct mc_proposal *p) {
    double *v[] = {&p->internal_weight,
                   &p->cut_weight,
                   &p->volume,
                   &p->density,
                   &p->conductance,
                   &p->cohesion,
                   &p->blau,
                   &p->effective_countries,
                   &p->max_share,
                   &p->diversity,
                   &p->cross_border_share,
                   &p->stability,
                   &p->strength_score,
                   &p->score,
                   &p->bridge_share};
    for (size_t i = 0; i < MC_ARRAY_SIZE(v); i++) {
        *v[i] = tidy(*v[i]);
    }
    for (size_t k = 0; k < p->size; k++) {
        p->members[k].strength_in = tidy(p->members[k].strength_in);
        p->members[k].within_z = tidy(p->members[k].within_z);
        p->members[k].participation = tidy(p->members[k].participation);
        p->members[k].confidence = tidy(p->members[k].confidence);
    }
    for (size_t k = 0; k < p->n_links; k++) {
        p->links[k].score = tidy(p->links[k].score);
    }
}

static int cmp_proposals(const void *a, const void *b) {
    const struct mc_proposal *x = a, *y = b;
    if (x->score != y->score) {
        return x->score > y->score ? -1 : 1;
    }
    if (x->size != y->size) {
        return x->size > y->size ? -1 : 1;
    }
    return (x->coordinator > y->coordinator) - (x->coordinator < y->coordinator);
}

/*
 * Participation of each member over the final grouping (proposals, with
 * every other vertex in its consensus community) and the member roles.
 */
static enum mc_status finish(struct ctx *c, struct mc_error *err) {
    struct mc_sector_proposals *out = c->out;
    const struct mc_graph *g = c->g;
    igraph_integer_t n = g->n;
    enum mc_status rc = MC_OK;

    double max_w = 0;
    for (size_t i = 0; i < out->n_proposals; i++) {
        if (out->proposals[i].internal_weight > max_w) {
            max_w = out->proposals[i].internal_weight;
        }
    }
    for (size_t i = 0; i < out->n_proposals; i++) {
        struct mc_proposal *p = &out->proposals[i];
        p->strength_score = max_w > 0 ? log1p(p->internal_weight) / log1p(max_w) : 0;
        p->score = W_COHESION * p->cohesion + W_DIVERSITY * p->diversity +
                   W_CROSS_BORDER * p->cross_border_share + W_STABILITY * p->stability +
                   W_STRENGTH * p->strength_score;
        tidy_proposal(p);
    }
    if (out->n_proposals > 1) {
        qsort(out->proposals, out->n_proposals, sizeof *out->proposals, cmp_proposals);
    }
    /* candidates of the two partitions overlap: the best-scoring of overlapping ones stays */
    {
        c->stamp++;
        size_t kept = 0;
        for (size_t i = 0; i < out->n_proposals; i++) {
            struct mc_proposal *p = &out->proposals[i];
            bool overlap = false;
            for (size_t j = 0; j < p->size && !overlap; j++) {
                overlap = c->mark[g->vertex_of[p->members[j].node]] == c->stamp;
            }
            if (overlap) {
                proposal_destroy(p);
                continue;
            }
            for (size_t j = 0; j < p->size; j++) {
                c->mark[g->vertex_of[p->members[j].node]] = c->stamp;
            }
            out->proposals[kept++] = *p;
        }
        out->n_proposals = kept;
        /* rejections: one of each, and none from the cross-border view about members that
         * a proposal holds (a variant of that proposal) */
        kept = 0;
        for (size_t i = 0; i < out->n_rejected; i++) {
            struct mc_rejection *x = &out->rejected[i];
            bool drop = false;
            for (size_t j = 0; j < kept && !drop; j++) {
                drop = strcmp(out->rejected[j].kind, x->kind) == 0 &&
                       strcmp(out->rejected[j].members, x->members) == 0;
            }
            if (!drop && strncmp(x->candidate, "cross-border view", 17) == 0) {
                for (const char *m = x->members; *m != '\0' && !drop;) {
                    size_t len = strcspn(m, ";");
                    long node = mc_intern_find(&g->ds->ids, m, len);
                    drop = node >= 0 && g->vertex_of[node] >= 0 &&
                           c->mark[g->vertex_of[node]] == c->stamp;
                    m += len + (m[len] == ';');
                }
            }
            if (drop) {
                free(x->members);
                free(x->dropped);
                continue;
            }
            out->rejected[kept++] = *x;
        }
        out->n_rejected = kept;
    }
    char slug[48];
    if (out->sector >= 0) {
        mc_slug(mc_dataset_sector_name(g->ds, out->sector), slug, sizeof slug);
    } else {
        strcpy(slug, c->active != NULL ? "x" : "all");
    }
    /* labels: proposal i -> i; others -> n_proposals + consensus community */
    igraph_integer_t *label = malloc((size_t)(n ? n : 1) * sizeof *label);
    double *acc = calloc((size_t)(n ? n : 1) + out->n_proposals, sizeof *acc);
    igraph_integer_t *touched = malloc(((size_t)n + out->n_proposals + 1) * sizeof *touched);
    if (label == NULL || acc == NULL || touched == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        label[v] = (igraph_integer_t)out->n_proposals + VECTOR(*c->membership)[v];
    }
    for (size_t i = 0; i < out->n_proposals; i++) {
        struct mc_proposal *p = &out->proposals[i];
        for (size_t j = 0; j < p->size; j++) {
            label[g->vertex_of[p->members[j].node]] = (igraph_integer_t)i;
        }
    }
    for (size_t i = 0; i < out->n_proposals; i++) {
        struct mc_proposal *p = &out->proposals[i];
        p->rank = (int)i + 1;
        snprintf(p->id, sizeof p->id, "%s-%02d", slug, p->rank);
        for (size_t j = 0; j < p->size; j++) {
            struct mc_member *mb = &p->members[j];
            igraph_integer_t v = g->vertex_of[mb->node];
            double s = VECTOR(c->strength)[v];
            size_t nt = 0;
            igraph_vector_int_t *es = igraph_inclist_get(&c->inc, v);
            for (igraph_integer_t k = 0; k < igraph_vector_int_size(es); k++) {
                igraph_integer_t e = VECTOR(*es)[k];
                igraph_integer_t l = label[IGRAPH_OTHER(&g->ig, e, v)];
                if (acc[l] == 0) {
                    touched[nt++] = l;
                }
                acc[l] += edge_w(c, e);
            }
            double sum = 0;
            for (size_t t = 0; t < nt; t++) {
                double f = s > 0 ? acc[touched[t]] / s : 0;
                sum += f * f;
                acc[touched[t]] = 0;
            }
            mb->participation = tidy(s > 0 ? 1 - sum : 0);
            if (mb->node == p->coordinator) {
                mb->role = MC_PROLE_COORDINATOR;
            } else if (mb->within_z >= HUB_Z) {
                mb->role = MC_PROLE_HUB;
            } else if (mb->participation >= CONNECTOR_P) {
                mb->role = MC_PROLE_CONNECTOR;
            } else {
                mb->role = MC_PROLE_PERIPHERAL;
            }
        }
        /* coordinator first, then by strength inside, then id */
        for (size_t a = 1; a < p->size; a++) {
            struct mc_member x = p->members[a];
            size_t b = a;
            while (b > 0) {
                const struct mc_member *y = &p->members[b - 1];
                bool before = x.role == MC_PROLE_COORDINATOR ||
                              (y->role != MC_PROLE_COORDINATOR &&
                               (x.strength_in > y->strength_in ||
                                (x.strength_in == y->strength_in &&
                                 strcmp(g->ds->ids.keys[x.node], g->ds->ids.keys[y->node]) < 0)));
                if (!before) {
                    break;
                }
                p->members[b] = p->members[b - 1];
                b--;
            }
            p->members[b] = x;
        }
    }
out:
    free(label);
    free(acc);
    free(touched);
    return rc;
}

/* ==== entry points ==== */

static void teardown(struct ctx *c) {
    if (c->have_lists) {
        igraph_adjlist_destroy(&c->adj);
        igraph_inclist_destroy(&c->inc);
    }
    if (c->have_vectors) {
        igraph_vector_destroy(&c->strength);
        igraph_vector_destroy(&c->pagerank);
        igraph_vector_destroy(&c->cweight);
    }
    free(c->mark);
    free(c->vs);
    free(c->s_in);
    free(c->drops);
    free(c->shares);
    free(c->lead_off);
    free(c->lead_group);
    free(c->gmark);
    memset(c, 0, sizeof *c);
}

/*
 * Lead roles of the view's vertices: vertex -> the groups it leads (an
 * affiliation row with role lead or coordinator). No index when no row of
 * the dataset gives a role.
 */
static enum mc_status lead_index(struct ctx *c, struct mc_error *err) {
    const struct mc_dataset *ds = c->g->ds;
    c->gmark = calloc(ds->groups.n ? ds->groups.n : 1, sizeof *c->gmark);
    if (c->gmark == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    bool roles = false;
    for (size_t r = 0; r < ds->n_aff && !roles; r++) {
        roles = ds->aff_role[r] != MC_ROLE_NONE;
    }
    if (!roles) {
        return MC_OK;
    }
    size_t n = (size_t)c->g->n;
    c->lead_off = calloc(n + 2, sizeof *c->lead_off);
    if (c->lead_off == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t r = 0; r < ds->n_aff; r++) {
        int32_t v = c->g->vertex_of[ds->aff_node[r]];
        if (v >= 0 && ds->aff_role[r] == MC_ROLE_LEAD) {
            c->lead_off[v + 2]++;
        }
    }
    for (size_t v = 0; v < n; v++) {
        c->lead_off[v + 2] += c->lead_off[v + 1];
    }
    c->lead_group = malloc((c->lead_off[n + 1] ? c->lead_off[n + 1] : 1) * sizeof *c->lead_group);
    if (c->lead_group == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t r = 0; r < ds->n_aff; r++) {
        int32_t v = c->g->vertex_of[ds->aff_node[r]];
        if (v >= 0 && ds->aff_role[r] == MC_ROLE_LEAD) {
            c->lead_group[c->lead_off[v + 1]++] = ds->aff_group[r];
        }
    }
    return MC_OK;
}

/* Everything a sector's examination needs; on failure `c` is torn down. */
static enum mc_status setup(struct ctx *c, const struct mc_graph *g,
                            const struct mc_propose_options *opt, struct mc_sector_proposals *out,
                            struct mc_error *err) {
    enum mc_status rc = MC_OK;
    memset(c, 0, sizeof *c);
    c->g = g;
    c->opt = opt;
    c->out = out;
    if (igraph_vector_init(&c->strength, 0) != IGRAPH_SUCCESS) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    if (igraph_vector_init(&c->pagerank, 0) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&c->strength);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    if (igraph_vector_init_copy(&c->cweight, &g->weight) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&c->strength);
        igraph_vector_destroy(&c->pagerank);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }

    c->have_vectors = true;
    rc = mc_igraph_status(
        igraph_adjlist_init(&g->ig, &c->adj, IGRAPH_ALL, IGRAPH_NO_LOOPS, IGRAPH_NO_MULTIPLE), err,
        "adjacency list");
    if (rc != MC_OK) {
        goto fail;
    }
    rc = mc_igraph_status(igraph_inclist_init(&g->ig, &c->inc, IGRAPH_ALL, IGRAPH_LOOPS_ONCE), err,
                          "incidence list");
    if (rc != MC_OK) {
        igraph_adjlist_destroy(&c->adj);
        goto fail;
    }
    c->have_lists = true;
    igraph_adjlist_sort(&c->adj);
    c->mark = calloc((size_t)(g->n ? g->n : 1), sizeof *c->mark);
    if (c->mark == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto fail;
    }
    rc = mc_igraph_status(igraph_strength(&g->ig, &c->strength, igraph_vss_all(), IGRAPH_ALL,
                                          IGRAPH_LOOPS, &g->weight),
                          err, "strength");
    if (rc != MC_OK) {
        goto fail;
    }
    c->volume_total = 2 * g->total_weight;
    rc = lead_index(c, err);
    if (rc != MC_OK) {
        goto fail;
    }
    c->size_col = -1;
    for (size_t k = 0; k < g->ds->n_extra; k++) {
        if (strcasecmp(g->ds->extra_name[k], "members") == 0) {
            c->size_col = (long)k;
            break;
        }
    }
    if (g->n > 0) {
        rc = mc_igraph_status(igraph_pagerank(&g->ig, IGRAPH_PAGERANK_ALGO_PRPACK, &c->pagerank,
                                              NULL, igraph_vss_all(), IGRAPH_UNDIRECTED, 0.85,
                                              &g->weight, NULL),
                              err, "PageRank");
        if (rc != MC_OK) {
            goto fail;
        }
    }
    return MC_OK;
fail:
    teardown(c);
    return rc;
}

/* Runs Leiden with consensus on the whole graph `g` and examines every community. */
static enum mc_status propose_on(const struct mc_graph *g, const struct mc_propose_options *opt,
                                 int32_t sector, const struct mc_tags *active,
                                 const struct mc_comm_result *pre, struct mc_sector_proposals *out,
                                 struct mc_error *err) {
    struct ctx c;
    struct mc_comm_result res[2];
    enum mc_status rc;
    igraph_integer_t *vs = NULL;

    mc_sector_proposals_init(out);
    out->sector = sector;
    out->cross_sector = active != NULL;
    out->nodes = (size_t)g->n;
    out->edges = (size_t)igraph_ecount(&g->ig);
    out->total_weight = g->total_weight;
    out->backbone = g->view.backbone;
    out->filtered = g->backbone;
    mc_comm_result_init(&res[0]);
    mc_comm_result_init(&res[1]);
    rc = setup(&c, g, opt, out, err);
    if (rc != MC_OK) {
        goto out_res;
    }
    c.active = active;
    /*
     * Candidates come from two partitions (README "How a group becomes a proposal"): one on
     * the ties as they are, one with the ties inside a country scaled by domestic_weight, so
     * that transnational groups inside dense national networks surface too. finish() keeps
     * the best-scoring of overlapping candidates.
     */
    int nviews = opt->domestic_weight < 1 ? 2 : 1;
    vs = malloc((size_t)(g->n ? g->n : 1) * sizeof *vs);
    if (vs == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (int view = 0; view < nviews && rc == MC_OK; view++) {
        c.view = view;
        double lambda = view == 0 ? 1.0 : opt->domestic_weight;
        for (igraph_integer_t e = 0; e < igraph_ecount(&g->ig); e++) {
            int32_t a = g->country[IGRAPH_FROM(&g->ig, e)], b = g->country[IGRAPH_TO(&g->ig, e)];
            VECTOR(c.cweight)[e] = VECTOR(g->weight)[e] * (a >= 0 && a == b ? lambda : 1.0);
        }
        struct mc_comm_options co;
        mc_comm_options_init(&co);
        co.method = MC_COMM_LEIDEN;
        co.objective = MC_OBJ_MODULARITY;
        co.resolution = opt->resolution;
        co.runs = opt->runs;
        co.adaptive = !opt->runs_exact;
        co.seed = opt->seed + (unsigned long)view;
        co.consensus = true;
        const struct mc_comm_result *cr = view == 0 ? pre : NULL;
        if (cr == NULL) {
            rc = mc_communities(&g->ig, &c.cweight, &co, &res[view], err);
            if (rc != MC_OK) {
                goto out;
            }
            cr = &res[view];
        }
        if (view == 0) {
            out->communities = cr->consensus.n_communities;
            out->modularity = cr->consensus.modularity;
            out->nmi_mean = cr->nmi_mean;
            out->vi_mean = cr->vi_mean;
            out->runs = cr->runs;
            out->stop = cr->stop;
            c.membership = &cr->consensus.membership;
        }
        c.confidence = &cr->confidence;

        /* communities in canonical order; members in vertex order */
        size_t *start = calloc((size_t)cr->consensus.n_communities + 1, sizeof *start);
        if (start == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            goto out;
        }
        for (igraph_integer_t v = 0; v < g->n; v++) {
            start[VECTOR(cr->consensus.membership)[v] + 1]++;
        }
        for (igraph_integer_t k = 0; k < cr->consensus.n_communities; k++) {
            start[k + 1] += start[k];
        }
        for (igraph_integer_t v = 0; v < g->n; v++) {
            vs[start[VECTOR(cr->consensus.membership)[v]]++] = v;
        }
        /* start[k] now marks the end of community k */
        size_t begin = 0;
        for (igraph_integer_t k = 0; k < cr->consensus.n_communities && rc == MC_OK; k++) {
            size_t end = start[k];
            if (end - begin >= 2) {
                char origin[64];
                snprintf(origin, sizeof origin, "%scommunity %" IGRAPH_PRId,
                         view == 0 ? "" : "cross-border view, ", k + 1);
                rc = examine(&c, vs + begin, end - begin, origin, 0, err);
            }
            begin = end;
        }
        free(start);
    }
    if (rc == MC_OK) {
        rc = finish(&c, err);
    }
out:
    teardown(&c);
out_res:
    free(vs);
    mc_comm_result_destroy(&res[0]);
    mc_comm_result_destroy(&res[1]);
    if (rc != MC_OK) {
        mc_sector_proposals_destroy(out);
    }
    return rc;
}

enum mc_status mc_propose_sector(const struct mc_graph *g, const struct mc_propose_options *opt,
                                 struct mc_sector_proposals *out, struct mc_error *err) {
    return propose_on(g, opt, (int32_t)g->view.sector, NULL, NULL, out, err);
}

enum mc_status mc_propose_sector_with(const struct mc_graph *g,
                                      const struct mc_propose_options *opt,
                                      const struct mc_comm_result *communities,
                                      struct mc_sector_proposals *out, struct mc_error *err) {
    if (igraph_vector_size(&communities->confidence) != g->n ||
        igraph_vector_int_size(&communities->consensus.membership) != g->n) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "propose: the communities do not belong to this graph");
    }
    return propose_on(g, opt, (int32_t)g->view.sector, NULL, communities, out, err);
}

enum mc_status mc_propose_cross_sector(const struct mc_graph *g,
                                       const struct mc_propose_options *opt,
                                       struct mc_sector_proposals *out, struct mc_error *err) {
    struct mc_tags active;
    if (g->view.sector >= 0) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "propose: cross-sector groups need the whole dataset, not a sector");
    }
    mc_sector_proposals_init(out);
    if (g->ds->n_nodes == 0) {
        return MC_OK;
    }
    enum mc_status rc = mc_dataset_active_sectors(g->ds, &active, err);
    if (rc != MC_OK) {
        return rc;
    }
    rc = propose_on(g, opt, -1, &active, NULL, out, err);
    mc_tags_destroy(&active);
    return rc;
}
