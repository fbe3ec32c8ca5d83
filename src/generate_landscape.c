/*
 * The landscape model of `metaclust generate --model landscape`: a second
 * generator, built unlike the planted one (src/generate.c) so that `propose`
 * is not only tested on data shaped like its own assumptions.
 *
 *   - Organisations are active in several sectors (most in two or three).
 *   - The background is dense, heavy, domestic cooperation within a sector:
 *     every organisation has several strong ties to compatriots of each of
 *     its sectors, and only a few light ties abroad.
 *   - K planted transnational groups of 5-10 members (3 or more countries,
 *     no country above half) cooperate intensely and repeatedly.
 *   - Every planted member has 1-3 domestic neighbours "hanging" on it:
 *     compatriots of the group's sector tied strongly to that member (and
 *     to each other, and to other compatriots) but never to the rest of the
 *     group. They are what a community method sweeps into the group; no
 *     member-level transnational rule can keep them.
 *
 * The same landscape is written in two forms (--form):
 *
 *   - edges: the ties above as weighted direct edges;
 *   - affiliations: projects. Each planted group recurs: 3-5 small projects
 *     of its own, each covering most of the group. A member and its hangers
 *     share one or two one-off domestic projects. The background is one-off
 *     consortia whose sizes are drawn from Horizon 2020's project sizes
 *     (h2020_sizes below), domestic-heavy, with a coordinator.
 *
 * hangers.csv (node, member, meta_cluster) names the hangers, for analysis;
 * truth.csv has the planted model's format. Every draw comes from the
 * generator's xoshiro256** streams (generate_internal.h), so --seed fixes the
 * bytes. Memory is linear in the output (the ties are kept to be merged).
 */
#include "generate_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/csvio.h"
#include "metaclust/dataset.h"

/* ==== Model constants (README "metaclust generate", --model landscape) ==== */

#define SECOND_SECTOR   0.75 /* an organisation has a second sector ... */
#define THIRD_SECTOR    0.35 /* ... and a third after that */
#define COUNTRY_POWER   0.75 /* a country's share of organisations: regions^0.75 */
#define HANGERS_MIN     1    /* domestic neighbours per planted member, uniform */
#define HANGERS_MAX     3
#define COUNTRIES_MAX   5 /* a planted group spans 3 to 5 countries */
#define BG_DOMESTIC_MIN 2 /* domestic ties an organisation seeks per sector: 2 + Poisson(2) */
#define BG_DOMESTIC_X   2.0
#define BG_ABROAD       0.3 /* probability of one light tie abroad per sector */
#define BG_WEIGHT_P     0.3 /* background weight: 1, then +1 with probability 0.5, repeatedly */
#define PLANT_WEIGHT0   4   /* planted ties: 4, then +1 with probability 0.5, repeatedly */
#define STRONG_WEIGHT0  3   /* hanger-to-member ties: 3, then +1 with p 0.5 */
#define STRONG_WEIGHT_P 0.5
#define WEIGHT_MAX      10
#define PLANT_PAIR      0.8 /* each pair of a planted group is tied with this probability */
#define HANGER_PAIR     0.5 /* and each pair of one member's hangers */
#define PLANT_PROJ_MIN  3   /* a planted group's own projects: 3 to 5 */
#define PLANT_PROJ_MAX  5
#define PLANT_COVER     0.6 /* each covering 60 % of the group or more */
#define BG_PROJECTS     0.4 /* background projects per organisation */
#define PROJ_DOMESTIC   0.6 /* share of a background consortium drawn at home */
#define YEAR0           2014
#define YEARS           7

/*
 * Project sizes (distinct participants) of Horizon 2020, from CORDIS as in
 * ../shared/datasets/h2020/affiliations.csv (31,347 projects): the number of
 * projects of 2, 3, ..., 40 participants. Single-beneficiary grants (19,048)
 * are no consortia and the 121 projects above 40 are left out.
 */
static const unsigned h2020_sizes[] = {2381, 754, 586, 546, 610, 631, 652, 698, 667, 610,
                                       519,  489, 432, 390, 326, 270, 220, 181, 174, 138,
                                       107,  112, 96,  72,  70,  68,  52,  44,  48,  37,
                                       31,   25,  30,  34,  17,  15,  15,  17,  14};
#define H2020_SIZE0 2 /* h2020_sizes[0] counts projects of this size */

enum { L_STREAM_NODES = 11, L_STREAM_PLANT, L_STREAM_EDGES, L_STREAM_PROJECTS };

struct org {
    int32_t region, country;
    int32_t group;   /* planted group, -1 */
    int32_t anchor;  /* a hanger: the planted member it hangs on; -1 */
    uint32_t number; /* within the country, from 1 */
    uint32_t draw;   /* draw order, the tie-break */
    uint32_t members;
    uint8_t nsec, sec[3];
    uint8_t label;
    float lat, lon;
};

struct project {
    int32_t sector;
    uint32_t year;
    uint64_t key;  /* random: the output order */
    size_t off, n; /* members: pmember[off .. off+n), the coordinator first */
};

struct lgroup {
    int32_t sector;
    uint32_t number;
    size_t off, n; /* members: gmember[off .. off+n), sorted */
};

struct land {
    const struct mc_gen_options *opt;
    uint64_t seed;
    struct mc_gen_places pl;
    size_t n;
    struct org *o;
    /* organisations listing sector s in country c: pool_cl[pool_off[c*ns+s] ..] */
    size_t *pool_off;
    int32_t *pool_cl;
    /* and in any country: sec_cl[sec_off[s] ..] */
    size_t *sec_off;
    int32_t *sec_cl;
    struct lgroup *groups;
    size_t ngroups;
    /* the hangers of organisation a: hang[hang_off[a] .. hang_off[a+1]) */
    size_t *hang_off;
    int32_t *hang;
    int32_t *gmember;
    struct mc_gen_tie *ties;
    size_t nties, cap_ties;
    struct project *proj;
    size_t nproj, cap_proj;
    int32_t *pmember;
    size_t npm, cap_pm;
    struct mc_gen_stats *st;
};

static void land_destroy(struct land *L) {
    mc_gen_places_destroy(&L->pl);
    free(L->o);
    free(L->pool_off);
    free(L->pool_cl);
    free(L->sec_off);
    free(L->sec_cl);
    free(L->groups);
    free(L->gmember);
    free(L->hang_off);
    free(L->hang);
    free(L->ties);
    free(L->proj);
    free(L->pmember);
}

static bool lists(const struct org *x, int32_t s) {
    for (int k = 0; k < x->nsec; k++) {
        if (x->sec[k] == s) {
            return true;
        }
    }
    return false;
}

static uint32_t weight_draw(struct rng *r, uint32_t w0, double p) {
    uint32_t w = w0;
    while (w < WEIGHT_MAX && rng_unif(r) < p) {
        w++;
    }
    return w;
}

/* ==== Organisations ==== */

static int cmp_org(const void *x, const void *y) {
    const struct org *a = x, *b = y;
    if (a->country != b->country) {
        return a->country < b->country ? -1 : 1;
    }
    if (a->region != b->region) {
        return a->region < b->region ? -1 : 1;
    }
    if (a->sec[0] != b->sec[0]) {
        return a->sec[0] < b->sec[0] ? -1 : 1;
    }
    return (a->draw > b->draw) - (a->draw < b->draw);
}

static enum mc_status make_orgs(struct land *L, struct mc_error *err) {
    const struct mc_gen_places *pl = &L->pl;
    size_t nc = pl->nc, ns = pl->ns, nr = pl->nr;
    struct rng r;
    enum mc_status rc = MC_OK;
    rng_init(&r, L->seed, L_STREAM_NODES, 0);
    double *ccum = mc_gen_calloc(nc, sizeof *ccum, "landscape", err);
    double *spec = mc_gen_calloc(nc * ns, sizeof *spec, "landscape", err);
    double *scum = mc_gen_calloc(ns, sizeof *scum, "landscape", err);
    size_t *nreg = mc_gen_calloc(nc, sizeof *nreg, "landscape", err);
    size_t *roff = mc_gen_calloc(nc + 1, sizeof *roff, "landscape", err);
    int32_t *rlist = mc_gen_calloc(nr, sizeof *rlist, "landscape", err);
    L->o = mc_gen_calloc(L->n, sizeof *L->o, "landscape", err);
    if (ccum == NULL || spec == NULL || scum == NULL || nreg == NULL || roff == NULL ||
        rlist == NULL || L->o == NULL) {
        rc = MC_E_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < nr; i++) {
        nreg[pl->reg_country[i]]++;
    }
    for (size_t c = 0; c < nc; c++) {
        roff[c + 1] = roff[c] + nreg[c];
        ccum[c] = (c ? ccum[c - 1] : 0) + pow((double)nreg[c], COUNTRY_POWER);
        for (size_t s = 0; s < ns; s++) {
            spec[c * ns + s] = exp(0.5 * rng_normal(&r));
        }
    }
    memset(nreg, 0, nc * sizeof *nreg);
    for (size_t i = 0; i < nr; i++) {
        size_t c = (size_t)pl->reg_country[i];
        rlist[roff[c] + nreg[c]++] = (int32_t)i;
    }
    for (size_t i = 0; i < L->n; i++) {
        struct org *x = &L->o[i];
        size_t c = pick_cum(&r, ccum, nc);
        x->country = (int32_t)c;
        x->region = rlist[roff[c] + rng_below(&r, roff[c + 1] - roff[c])];
        x->group = -1;
        x->anchor = -1;
        x->draw = (uint32_t)i;
        size_t want = 1;
        if (ns > 1 && rng_unif(&r) < SECOND_SECTOR) {
            want = ns > 2 && rng_unif(&r) < THIRD_SECTOR ? 3 : 2;
        }
        for (size_t k = 0; k < want; k++) {
            for (size_t s = 0; s < ns; s++) {
                scum[s] = (s ? scum[s - 1] : 0) + (lists(x, (int32_t)s) ? 0 : spec[c * ns + s]);
            }
            x->sec[x->nsec++] = (uint8_t)pick_cum(&r, scum, ns);
        }
        double m = floor(30.0 * exp(0.9 * rng_normal(&r)) + 0.5);
        x->members = m < 5 ? 5 : m > 1e5 ? 100000 : (uint32_t)m;
        double u = rng_unif(&r);
        x->label = u < 0.03   ? MC_LABEL_GOLD
                   : u < 0.1  ? MC_LABEL_SILVER
                   : u < 0.25 ? MC_LABEL_BRONZE
                              : MC_LABEL_NONE;
        const struct mc_region *rg = pl->reg[x->region];
        x->lat = (float)(rg->lat + 0.08 * rng_normal(&r));
        x->lon = (float)(rg->lon + 0.12 * rng_normal(&r));
    }
    qsort(L->o, L->n, sizeof *L->o, cmp_org);
    for (size_t i = 0; i < L->n; i++) {
        struct org *x = &L->o[i];
        x->number = i > 0 && x[-1].country == x->country ? x[-1].number + 1 : 1;
    }
out:
    free(ccum);
    free(spec);
    free(scum);
    free(nreg);
    free(roff);
    free(rlist);
    return rc;
}

/* The keys of organisation i: its sectors within its country (by_country), or alone. */
struct index_ctx {
    const struct land *L;
    bool by_country;
};

static size_t org_keys(const void *ctx, size_t i, size_t *key) {
    const struct index_ctx *x = ctx;
    const struct org *o = &x->L->o[i];
    size_t base = x->by_country ? (size_t)o->country * x->L->pl.ns : 0;
    for (int k = 0; k < o->nsec; k++) {
        key[k] = base + o->sec[k];
    }
    return o->nsec;
}

static enum mc_status index_orgs(struct land *L, bool by_country, size_t **off_out,
                                 int32_t **cl_out, struct mc_error *err) {
    struct index_ctx x = {L, by_country};
    size_t nkeys = by_country ? L->pl.nc * L->pl.ns : L->pl.ns;
    return mc_gen_index(L->n, nkeys, org_keys, &x, off_out, cl_out, err);
}

/* ==== Planted groups and their hangers ==== */

/* Free organisations (neither planted nor hanging) of sector s in country c. */
static size_t free_in(const struct land *L, size_t c, size_t s) {
    size_t b = c * L->pl.ns + s, n = 0;
    for (size_t k = L->pool_off[b]; k < L->pool_off[b + 1]; k++) {
        const struct org *x = &L->o[L->pool_cl[k]];
        n += x->group < 0 && x->anchor < 0;
    }
    return n;
}

/* A random free organisation of sector s in country c, -1 when there is none. */
static int32_t take_free(struct land *L, struct rng *r, size_t c, size_t s) {
    size_t b = c * L->pl.ns + s, n = free_in(L, c, s);
    if (n == 0) {
        return -1;
    }
    size_t pick = rng_below(r, n);
    for (size_t k = L->pool_off[b]; k < L->pool_off[b + 1]; k++) {
        int32_t j = L->pool_cl[k];
        if (L->o[j].group < 0 && L->o[j].anchor < 0 && pick-- == 0) {
            return j;
        }
    }
    return -1;
}

/*
 * Group gi in sector s with m members: 3 to 5 countries drawn in proportion
 * to their free organisations of the sector, one member each, the rest
 * spread so that no country holds more than half; then the hangers. Returns
 * the members placed (0: the sector cannot hold the group).
 */
static size_t plant_group(struct land *L, struct rng *r, size_t gi, size_t s, size_t m,
                          int32_t *out, struct mc_error *err) {
    size_t nc = L->pl.nc, cap = m / 2;
    size_t quota[64] = {0}, avail[64] = {0};
    double cum[64];
    size_t nct = 3 + rng_below(r, (m < COUNTRIES_MAX ? m : COUNTRIES_MAX) - 2), have = 0;
    (void)err;
    if (nc > 64) {
        nc = 64;
    }
    for (size_t c = 0; c < nc; c++) {
        /* a member needs compatriots to hang on it: count those beyond the member */
        size_t f = free_in(L, c, s);
        avail[c] = f > HANGERS_MIN ? f - HANGERS_MIN : 0;
        have += avail[c] > 0;
    }
    if (have < 3) {
        return 0;
    }
    nct = nct < have ? nct : have;
    for (size_t t = 0; t < nct; t++) {
        for (size_t c = 0; c < nc; c++) {
            cum[c] = (c ? cum[c - 1] : 0) + (quota[c] == 0 ? (double)avail[c] : 0);
        }
        quota[pick_cum(r, cum, nc)] = 1;
    }
    /* the rest spread evenly: each goes to a country with the fewest members so far */
    size_t total = nct;
    while (total < m) {
        size_t open = 0, least = SIZE_MAX;
        for (size_t c = 0; c < nc; c++) {
            if (quota[c] > 0 && quota[c] < cap && quota[c] < avail[c]) {
                least = quota[c] < least ? quota[c] : least;
            }
        }
        for (size_t c = 0; c < nc; c++) {
            open += quota[c] == least && quota[c] < cap && quota[c] < avail[c];
        }
        if (open == 0) {
            break;
        }
        size_t pick = rng_below(r, open);
        for (size_t c = 0; c < nc; c++) {
            if (quota[c] == least && quota[c] < cap && quota[c] < avail[c] && pick-- == 0) {
                quota[c]++;
                total++;
                break;
            }
        }
    }
    if (total < L->opt->group_min) {
        return 0;
    }
    size_t n = 0;
    for (size_t c = 0; c < nc; c++) {
        for (size_t q = 0; q < quota[c]; q++) {
            int32_t j = take_free(L, r, c, s);
            L->o[j].group = (int32_t)gi;
            out[n++] = j;
        }
    }
    for (size_t k = 0; k < n; k++) {
        const struct org *x = &L->o[out[k]];
        size_t h = HANGERS_MIN + rng_below(r, HANGERS_MAX - HANGERS_MIN + 1);
        for (size_t q = 0; q < h; q++) {
            int32_t j = take_free(L, r, (size_t)x->country, s);
            if (j < 0) {
                break;
            }
            L->o[j].anchor = out[k];
            L->st->hangers++;
        }
    }
    return n;
}

static int cmp_i32(const void *x, const void *y) {
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

static enum mc_status plant(struct land *L, size_t k, struct mc_error *err) {
    size_t ns = L->pl.ns, gmin = L->opt->group_min, gmax = L->opt->group_max;
    struct rng r;
    rng_init(&r, L->seed, L_STREAM_PLANT, 0);
    L->groups = mc_gen_calloc(k, sizeof *L->groups, "landscape", err);
    L->gmember = mc_gen_calloc(k * gmax, sizeof *L->gmember, "landscape", err);
    uint32_t *number = mc_gen_calloc(ns, sizeof *number, "landscape", err);
    if (L->groups == NULL || L->gmember == NULL || number == NULL) {
        free(number);
        return MC_E_NOMEM;
    }
    if (k > 0 && L->pl.nc < 3) {
        free(number);
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "planted groups span at least 3 countries, but only %zu %s given",
                            L->pl.nc, L->pl.nc == 1 ? "country is" : "countries are");
    }
    size_t used = 0, first = rng_below(&r, ns);
    for (size_t gi = 0; gi < k; gi++) {
        size_t m = gmin + rng_below(&r, gmax - gmin + 1), n = 0, s = 0;
        int32_t *out = L->gmember + used;
        /* sectors take turns; a sector that cannot hold the group passes it on */
        for (size_t t = 0; t < ns && n == 0; t++) {
            s = (first + gi + t) % ns;
            n = plant_group(L, &r, gi, s, m, out, err);
        }
        if (n == 0) {
            free(number);
            return mc_error_set(err, MC_E_USAGE, NULL, 0,
                                "cannot plant group %zu of %zu: no sector has free organisations "
                                "in 3 or more countries (use fewer meta-clusters or more "
                                "clusters)",
                                gi + 1, k);
        }
        qsort(out, n, sizeof *out, cmp_i32);
        L->groups[gi].sector = (int32_t)s;
        L->groups[gi].number = ++number[s];
        L->groups[gi].off = used;
        L->groups[gi].n = n;
        used += n;
    }
    L->ngroups = k;
    L->st->meta_clusters = k;
    L->hang_off = mc_gen_calloc(L->n + 1, sizeof *L->hang_off, "landscape", err);
    L->hang = mc_gen_calloc(L->st->hangers, sizeof *L->hang, "landscape", err);
    if (L->hang_off == NULL || L->hang == NULL) {
        free(number);
        return MC_E_NOMEM;
    }
    for (size_t i = 0; i < L->n; i++) {
        if (L->o[i].anchor >= 0) {
            L->hang_off[L->o[i].anchor + 1]++;
        }
    }
    for (size_t i = 0; i < L->n; i++) {
        L->hang_off[i + 1] += L->hang_off[i];
    }
    for (size_t i = 0, *fill = L->hang_off; i < L->n; i++) {
        /* filled in order of i, so each list is sorted; hang_off is restored below */
        if (L->o[i].anchor >= 0) {
            L->hang[fill[L->o[i].anchor]++] = (int32_t)i;
        }
    }
    for (size_t i = L->n; i > 0; i--) {
        L->hang_off[i] = L->hang_off[i - 1];
    }
    L->hang_off[0] = 0;
    L->st->planted_members = used;
    free(number);
    return MC_OK;
}

/*
 * May i and j cooperate? A hanger cooperates only with compatriots and,
 * within its anchor's group, only with the anchor.
 */
static bool pair_ok(const struct land *L, int32_t i, int32_t j) {
    for (int side = 0; side < 2; side++) {
        const struct org *h = &L->o[side ? j : i], *y = &L->o[side ? i : j];
        int32_t yi = side ? i : j;
        if (h->anchor < 0) {
            continue;
        }
        if (y->country != h->country) {
            return false;
        }
        if (y->group >= 0 && y->group == L->o[h->anchor].group && yi != h->anchor) {
            return false;
        }
    }
    return i != j;
}

/* ==== The edge form ==== */

static enum mc_status push_tie(struct land *L, int32_t u, int32_t v, int32_t s, uint32_t w,
                               struct mc_error *err) {
    return mc_gen_tie_push(&L->ties, &L->nties, &L->cap_ties, u, v, s, w, false, err);
}

static enum mc_status make_ties(struct land *L, struct mc_error *err) {
    size_t ns = L->pl.ns;
    struct rng r;
    enum mc_status rc = MC_OK;
    rng_init(&r, L->seed, L_STREAM_EDGES, 0);
    /* the background: heavy ties at home in each sector, a light one abroad now and then */
    for (size_t i = 0; i < L->n && rc == MC_OK; i++) {
        const struct org *x = &L->o[i];
        for (int q = 0; q < x->nsec && rc == MC_OK; q++) {
            size_t s = x->sec[q], b = (size_t)x->country * ns + s;
            size_t pool = L->pool_off[b + 1] - L->pool_off[b];
            size_t k = BG_DOMESTIC_MIN + rng_poisson(&r, BG_DOMESTIC_X);
            for (size_t t = 0; t < k && pool > 1 && rc == MC_OK; t++) {
                int32_t j = L->pool_cl[L->pool_off[b] + rng_below(&r, pool)];
                uint32_t w = weight_draw(&r, 1, BG_WEIGHT_P);
                if (pair_ok(L, (int32_t)i, j)) {
                    rc = push_tie(L, (int32_t)i, j, (int32_t)s, w, err);
                }
            }
            if (x->anchor >= 0 || rng_unif(&r) >= BG_ABROAD) {
                continue;
            }
            size_t all = L->sec_off[s + 1] - L->sec_off[s];
            for (int tries = 0; tries < 8 && rc == MC_OK; tries++) {
                int32_t j = L->sec_cl[L->sec_off[s] + rng_below(&r, all)];
                if (L->o[j].country != x->country && pair_ok(L, (int32_t)i, j)) {
                    rc = push_tie(L, (int32_t)i, j, (int32_t)s, weight_draw(&r, 1, 0.3), err);
                    break;
                }
            }
        }
    }
    /* the planted groups: most pairs, strong; every member tied across a border */
    for (size_t gi = 0; gi < L->ngroups && rc == MC_OK; gi++) {
        const struct lgroup *g = &L->groups[gi];
        const int32_t *mem = L->gmember + g->off;
        bool abroad[16] = {false};
        for (size_t a = 0; a < g->n; a++) {
            for (size_t b = a + 1; b < g->n && rc == MC_OK; b++) {
                if (rng_unif(&r) < PLANT_PAIR) {
                    bool foreign = L->o[mem[a]].country != L->o[mem[b]].country;
                    abroad[a] = abroad[a] || foreign;
                    abroad[b] = abroad[b] || foreign;
                    rc = push_tie(L, mem[a], mem[b], g->sector,
                                  weight_draw(&r, PLANT_WEIGHT0, STRONG_WEIGHT_P), err);
                }
            }
        }
        for (size_t a = 0; a < g->n && rc == MC_OK; a++) {
            while (!abroad[a]) {
                size_t b = rng_below(&r, g->n);
                if (L->o[mem[a]].country != L->o[mem[b]].country) {
                    rc = push_tie(L, mem[a], mem[b], g->sector,
                                  weight_draw(&r, PLANT_WEIGHT0, STRONG_WEIGHT_P), err);
                    abroad[a] = abroad[b] = true;
                }
            }
        }
    }
    /* the hangers: strongly tied to their member, often to each other */
    for (size_t a = 0; a < L->n && rc == MC_OK; a++) {
        size_t lo = L->hang_off[a], hi = L->hang_off[a + 1];
        if (lo == hi) {
            continue;
        }
        int32_t s = L->groups[L->o[a].group].sector;
        for (size_t x = lo; x < hi && rc == MC_OK; x++) {
            rc = push_tie(L, L->hang[x], (int32_t)a, s,
                          weight_draw(&r, STRONG_WEIGHT0, STRONG_WEIGHT_P), err);
            for (size_t y = x + 1; y < hi && rc == MC_OK; y++) {
                if (rng_unif(&r) < HANGER_PAIR) {
                    rc = push_tie(L, L->hang[x], L->hang[y], s, weight_draw(&r, 1, STRONG_WEIGHT_P),
                                  err);
                }
            }
        }
    }
    if (rc != MC_OK) {
        return rc;
    }
    /* one row per pair: repeated draws add up, under the first sector */
    L->nties = mc_gen_ties_merge(L->ties, L->nties);
    return MC_OK;
}

/* ==== The affiliation form ==== */

static enum mc_status new_project(struct land *L, int32_t s, uint32_t year, struct rng *r,
                                  struct mc_error *err) {
    enum mc_status rc =
        mc_grow((void **)&L->proj, &L->cap_proj, L->nproj + 1, sizeof *L->proj, err);
    if (rc == MC_OK) {
        struct project *p = &L->proj[L->nproj++];
        p->sector = s;
        p->year = year;
        p->key = rng_next(r);
        p->off = L->npm;
        p->n = 0;
    }
    return rc;
}

/* Adds i to the last project unless it is there already or may not cooperate with a member. */
static enum mc_status join(struct land *L, int32_t i, bool *added, struct mc_error *err) {
    struct project *p = &L->proj[L->nproj - 1];
    *added = false;
    for (size_t k = 0; k < p->n; k++) {
        int32_t j = L->pmember[p->off + k];
        if (j == i || !pair_ok(L, i, j)) {
            return MC_OK;
        }
    }
    enum mc_status rc =
        mc_grow((void **)&L->pmember, &L->cap_pm, L->npm + 1, sizeof *L->pmember, err);
    if (rc == MC_OK) {
        L->pmember[L->npm++] = i;
        p->n++;
        *added = true;
    }
    return rc;
}

/* A planted group's own projects: 3-5, each covering most of the group, every member in two. */
static enum mc_status group_projects(struct land *L, struct rng *r, const struct lgroup *g,
                                     struct mc_error *err) {
    const int32_t *mem = L->gmember + g->off;
    size_t m = g->n, np = PLANT_PROJ_MIN + rng_below(r, PLANT_PROJ_MAX - PLANT_PROJ_MIN + 1);
    size_t lo = (size_t)ceil(PLANT_COVER * (double)m);
    size_t perm[16], count[16] = {0}, size[PLANT_PROJ_MAX] = {0};
    bool in[PLANT_PROJ_MAX][16] = {{false}};
    enum mc_status rc = MC_OK;
    bool added;
    lo = lo > m / 2 + 1 ? lo : m / 2 + 1; /* more than half: two countries at least */
    lo = lo < m ? lo : m;
    for (size_t k = 0; k < np; k++) {
        size_t c = lo + rng_below(r, m - lo + 1);
        for (size_t t = 0; t < m; t++) {
            perm[t] = t;
        }
        for (size_t t = 0; t < c; t++) {
            size_t j = t + rng_below(r, m - t), x = perm[j];
            perm[j] = perm[t];
            perm[t] = x;
            in[k][x] = true;
            count[x]++;
        }
        size[k] = c;
    }
    /* every member in two of them at least: into the smallest it is not in */
    for (size_t a = 0; a < m; a++) {
        while (count[a] < 2) {
            size_t best = np;
            for (size_t k = 0; k < np; k++) {
                if (!in[k][a] && (best == np || size[k] < size[best])) {
                    best = k;
                }
            }
            in[best][a] = true;
            size[best]++;
            count[a]++;
        }
    }
    uint32_t y = YEAR0 + (uint32_t)rng_below(r, 2);
    for (size_t k = 0; k < np && rc == MC_OK; k++) {
        rc = new_project(L, g->sector, y + (uint32_t)k, r, err);
        for (size_t a = 0; a < m && rc == MC_OK; a++) {
            if (in[k][a]) {
                rc = join(L, mem[a], &added, err);
            }
        }
    }
    return rc;
}

/* A member and its hangers: one domestic project, a second with some of them half the time. */
static enum mc_status hanger_projects(struct land *L, struct rng *r, int32_t a, int32_t s,
                                      struct mc_error *err) {
    enum mc_status rc = MC_OK;
    bool added;
    for (int round = 0; round < 2 && rc == MC_OK; round++) {
        if (round == 1 && rng_unif(r) < 0.5) {
            break;
        }
        rc = new_project(L, s, YEAR0 + (uint32_t)rng_below(r, YEARS), r, err);
        rc = rc == MC_OK ? join(L, a, &added, err) : rc;
        for (size_t x = L->hang_off[a]; x < L->hang_off[a + 1] && rc == MC_OK; x++) {
            if (round == 0 || rng_unif(r) < 0.5) {
                rc = join(L, L->hang[x], &added, err);
            }
        }
    }
    return rc;
}

/* One background consortium: a coordinator, a size from h2020, members mostly at home. */
static enum mc_status background_project(struct land *L, struct rng *r, const double *size_cum,
                                         const double *sec_cum, struct mc_error *err) {
    size_t ns = L->pl.ns;
    size_t s = pick_cum(r, sec_cum, ns);
    size_t all = L->sec_off[s + 1] - L->sec_off[s];
    size_t size = H2020_SIZE0 + pick_cum(r, size_cum, MC_ARRAY_SIZE(h2020_sizes));
    enum mc_status rc;
    bool added;
    if (all < 2) {
        return MC_OK;
    }
    size = size < all ? size : all;
    int32_t lead = L->sec_cl[L->sec_off[s] + rng_below(r, all)];
    size_t b = (size_t)L->o[lead].country * ns + s;
    size_t home = L->pool_off[b + 1] - L->pool_off[b];
    if ((rc = new_project(L, (int32_t)s, YEAR0 + (uint32_t)rng_below(r, YEARS), r, err)) != MC_OK ||
        (rc = join(L, lead, &added, err)) != MC_OK) {
        return rc;
    }
    const struct project *p = &L->proj[L->nproj - 1];
    for (size_t tries = 0; p->n < size && tries < 4 * size && rc == MC_OK; tries++) {
        int32_t j = rng_unif(r) < PROJ_DOMESTIC && home > 1
                        ? L->pool_cl[L->pool_off[b] + rng_below(r, home)]
                        : L->sec_cl[L->sec_off[s] + rng_below(r, all)];
        rc = join(L, j, &added, err);
        p = &L->proj[L->nproj - 1];
    }
    return rc;
}

static int cmp_project(const void *x, const void *y) {
    const struct project *a = x, *b = y;
    if (a->key != b->key) {
        return a->key < b->key ? -1 : 1;
    }
    return (a->off > b->off) - (a->off < b->off);
}

static enum mc_status make_projects(struct land *L, struct mc_error *err) {
    size_t ns = L->pl.ns;
    struct rng r;
    enum mc_status rc = MC_OK;
    double size_cum[MC_ARRAY_SIZE(h2020_sizes)];
    double *sec_cum = mc_gen_calloc(ns, sizeof *sec_cum, "landscape", err);
    if (sec_cum == NULL) {
        return MC_E_NOMEM;
    }
    rng_init(&r, L->seed, L_STREAM_PROJECTS, 0);
    for (size_t k = 0; k < MC_ARRAY_SIZE(h2020_sizes); k++) {
        size_cum[k] = (k ? size_cum[k - 1] : 0) + h2020_sizes[k];
    }
    for (size_t s = 0; s < ns; s++) {
        sec_cum[s] = (s ? sec_cum[s - 1] : 0) + (double)(L->sec_off[s + 1] - L->sec_off[s]);
    }
    for (size_t gi = 0; gi < L->ngroups && rc == MC_OK; gi++) {
        const struct lgroup *g = &L->groups[gi];
        rc = group_projects(L, &r, g, err);
        for (size_t k = 0; k < g->n && rc == MC_OK; k++) {
            rc = hanger_projects(L, &r, L->gmember[g->off + k], g->sector, err);
        }
    }
    size_t nbg = (size_t)ceil(BG_PROJECTS * (double)L->n);
    for (size_t k = 0; k < nbg && rc == MC_OK && sec_cum[ns - 1] > 0; k++) {
        rc = background_project(L, &r, size_cum, sec_cum, err);
    }
    free(sec_cum);
    if (rc != MC_OK) {
        return rc;
    }
    /* a project of one is no consortium; the rest in a random order */
    size_t w = 0;
    for (size_t p = 0; p < L->nproj; p++) {
        if (L->proj[p].n >= 2) {
            L->proj[w++] = L->proj[p];
        }
    }
    L->nproj = w;
    if (L->nproj > 1) {
        qsort(L->proj, L->nproj, sizeof *L->proj, cmp_project);
    }
    return MC_OK;
}

/* ==== Writing ==== */

static void org_id(const struct land *L, size_t i, char *buf, size_t size) {
    const struct org *x = &L->o[i];
    const char *cc = L->pl.country[x->country];
    snprintf(buf, size, "%c%c-%03u", cc[0] - 'A' + 'a', cc[1] - 'A' + 'a', x->number);
}

static void write_nodes(const struct land *L, FILE *f) {
    static const char *const labels[] = {"", "bronze", "silver", "gold"};
    fputs("id,name,country,region,sectors,lat,lon,label,members,type\n", f);
    for (size_t i = 0; i < L->n; i++) {
        const struct org *x = &L->o[i];
        const struct mc_region *rg = L->pl.reg[x->region];
        char id[32], name[512], sectors[512];
        org_id(L, i, id, sizeof id);
        snprintf(name, sizeof name, "%s %s Network %u", rg->name, L->pl.title[x->sec[0]],
                 x->number);
        size_t len = 0;
        for (int q = 0; q < x->nsec && len < sizeof sectors; q++) {
            len += (size_t)snprintf(sectors + len, sizeof sectors - len, "%s%s", q ? ";" : "",
                                    L->pl.sector[x->sec[q]]);
        }
        mc_csv_field(f, id, true);
        mc_csv_field(f, name, false);
        mc_csv_field(f, L->pl.country[x->country], false);
        mc_csv_field(f, rg->code, false);
        mc_csv_field(f, sectors, false);
        fprintf(f, ",%.4f,%.4f,%s,%u,cluster\n", (double)x->lat, (double)x->lon, labels[x->label],
                x->members);
    }
}

static void group_name(const struct land *L, int32_t gi, char *buf, size_t size) {
    const struct lgroup *g = &L->groups[gi];
    snprintf(buf, size, "%s-mc%02u", L->pl.sector[g->sector], g->number);
}

static void write_truth(const struct land *L, FILE *f, FILE *hangers) {
    fputs("node,meta_cluster\n", f);
    fputs("node,member,meta_cluster\n", hangers);
    for (size_t i = 0; i < L->n; i++) {
        const struct org *x = &L->o[i];
        char id[32], gname[96] = "";
        org_id(L, i, id, sizeof id);
        if (x->group >= 0) {
            group_name(L, x->group, gname, sizeof gname);
        }
        fprintf(f, "%s,%s\n", id, gname);
        if (x->anchor >= 0) {
            char a[32];
            org_id(L, (size_t)x->anchor, a, sizeof a);
            group_name(L, L->o[x->anchor].group, gname, sizeof gname);
            fprintf(hangers, "%s,%s,%s\n", id, a, gname);
        }
    }
}

static void write_edges(struct land *L, FILE *f) {
    fputs("source,target,weight,sector\n", f);
    for (size_t k = 0; k < L->nties; k++) {
        const struct mc_gen_tie *t = &L->ties[k];
        char a[32], b[32];
        org_id(L, (size_t)t->u, a, sizeof a);
        org_id(L, (size_t)t->v, b, sizeof b);
        fprintf(f, "%s,%s,%u,%s\n", a, b, t->weight, L->pl.sector[t->sector]);
        L->st->edges++;
        L->st->cross_border_edges += L->o[t->u].country != L->o[t->v].country;
        L->st->planted_edges += L->o[t->u].group >= 0 && L->o[t->u].group == L->o[t->v].group;
    }
}

static void write_projects(struct land *L, FILE *groups, FILE *aff) {
    fputs("id,name,sectors,year\n", groups);
    fputs("node,group,sector,role\n", aff);
    for (size_t p = 0; p < L->nproj; p++) {
        const struct project *pr = &L->proj[p];
        const char *sec = L->pl.sector[pr->sector];
        char id[32];
        snprintf(id, sizeof id, "p%05zu", p + 1);
        fprintf(groups, "%s,%s project %zu,%s,%u\n", id, L->pl.title[pr->sector], p + 1, sec,
                pr->year);
        for (size_t k = 0; k < pr->n; k++) {
            char nid[32];
            org_id(L, (size_t)L->pmember[pr->off + k], nid, sizeof nid);
            fprintf(aff, "%s,%s,%s,%s\n", nid, id, sec, k == 0 ? "coordinator" : "participant");
        }
        L->st->partners++;
        L->st->affiliations += pr->n;
    }
}

/* ==== The whole run ==== */

enum mc_status mc_generate_landscape(const struct mc_gen_options *opt, const char *dir,
                                     struct mc_gen_stats *stats, struct mc_error *err) {
    struct land L;
    struct mc_gen_files fs;
    struct mc_outfile hout;
    enum mc_status rc;
    memset(&L, 0, sizeof L);
    memset(&fs, 0, sizeof fs);
    memset(&hout, 0, sizeof hout);
    memset(stats, 0, sizeof *stats);
    hout.slot = -1;
    for (size_t k = 0; k < MC_GEN_FILES; k++) {
        fs.out[k].slot = -1;
    }
    L.opt = opt;
    L.seed = opt->seed;
    L.n = opt->clusters;
    L.st = stats;
    if (opt->clusters < 1 || opt->clusters > 1000000) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "the landscape model takes 1 to 1000000 clusters, not %zu",
                            opt->clusters);
    }
    if (opt->group_min < 3 || opt->group_max < opt->group_min || opt->group_max > 15) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "planted group sizes must be within 3-15, not %zu-%zu", opt->group_min,
                            opt->group_max);
    }
    size_t k =
        opt->meta_clusters >= 0 ? (size_t)opt->meta_clusters : (L.n / 100 > 0 ? L.n / 100 : 1);
    if ((rc = mc_gen_places_setup(&L.pl, opt, err)) != MC_OK ||
        (rc = make_orgs(&L, err)) != MC_OK ||
        (rc = index_orgs(&L, true, &L.pool_off, &L.pool_cl, err)) != MC_OK ||
        (rc = index_orgs(&L, false, &L.sec_off, &L.sec_cl, err)) != MC_OK ||
        (rc = plant(&L, k, err)) != MC_OK) {
        goto out;
    }
    if ((rc = mc_gen_files_open(&fs, dir, opt->form, err)) != MC_OK) {
        goto out;
    }
    char *hpath = mc_path_join(dir, "hangers.csv");
    if (hpath == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    rc = mc_outfile_open(&hout, hpath, err);
    free(hpath);
    if (rc != MC_OK) {
        goto out;
    }
    write_nodes(&L, fs.f[MC_GEN_NODES]);
    write_truth(&L, fs.f[MC_GEN_TRUTH], hout.f);
    if (fs.f[MC_GEN_EDGES] != NULL) {
        if ((rc = make_ties(&L, err)) != MC_OK) {
            goto out;
        }
        write_edges(&L, fs.f[MC_GEN_EDGES]);
    }
    if (fs.f[MC_GEN_AFF] != NULL) {
        if ((rc = make_projects(&L, err)) != MC_OK) {
            goto out;
        }
        write_projects(&L, fs.f[MC_GEN_GROUPS], fs.f[MC_GEN_AFF]);
    }
    stats->clusters = L.n;
    stats->countries = L.pl.nc;
    stats->regions = L.pl.nr;
    stats->sectors = L.pl.ns;
    if ((rc = mc_gen_files_commit(&fs, err)) == MC_OK) {
        rc = mc_outfile_commit(&hout, err);
    }
out:
    mc_outfile_abort(&hout);
    mc_gen_files_abort(&fs);
    land_destroy(&L);
    return rc;
}
