#include "metaclust/generate.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "generate_internal.h"
#include "metaclust/csvio.h"
#include "metaclust/dataset.h"
#include "metaclust/outfile.h"
#include "metaclust/util.h"

/*
 * The generator in four passes:
 *
 *   1. clusters, in memory: region, sectors, members, label, position;
 *   2. planted meta-clusters, in memory: members, their direct ties and
 *      shared partners, and the ties that noise rewired;
 *   3. edges.csv, streamed cluster by cluster from the gravity model;
 *   4. groups.csv and affiliations.csv, streamed partner by partner.
 *
 * Every random draw comes from a xoshiro256** stream seeded from (seed, pass,
 * item). A cluster's cooperation targets are therefore a pure function of the
 * cluster, and pass 3 can ask "did j also draw i?" by drawing j's targets
 * again instead of remembering every edge.
 */

enum { STREAM_CLUSTERS = 1, STREAM_PLANT, STREAM_EDGES, STREAM_PARTNERS };

/* ==== Defaults and names ==== */

const char *const mc_gen_default_countries[] = {"AT", "BG", "CZ", "DE", "HR", "HU",
                                                "IT", "PL", "RO", "SI", "SK"};
const size_t mc_gen_n_default_countries = MC_ARRAY_SIZE(mc_gen_default_countries);

/* The nine target sectors of Clusters-CORD (datasets/seed-projects), and their titles for names. */
const char *const mc_gen_default_sectors[] = {"mobility-logistics",
                                              "ict",
                                              "automotive-aerospace",
                                              "tourism",
                                              "health",
                                              "energy-environment",
                                              "production-technologies",
                                              "wood",
                                              "food"};
const size_t mc_gen_n_default_sectors = MC_ARRAY_SIZE(mc_gen_default_sectors);
static const char *const sector_titles[] = {"Mobility and Logistics",
                                            "ICT",
                                            "Automotive and Aerospace",
                                            "Tourism",
                                            "Health",
                                            "Energy and Environment",
                                            "Production Technologies",
                                            "Wood",
                                            "Food"};

_Static_assert(MC_ARRAY_SIZE(sector_titles) == MC_ARRAY_SIZE(mc_gen_default_sectors),
               "a title for every default sector");

/*
 * The title of a sector in names: "ICT" for ict; for other keys the key with
 * its first letter in upper case and '-' or '_' as spaces ("solar-pv": "Solar pv").
 */
void mc_gen_sector_title(const char *key, char *buf, size_t size) {
    for (size_t i = 0; i < MC_ARRAY_SIZE(sector_titles); i++) {
        if (strcmp(mc_gen_default_sectors[i], key) == 0) {
            snprintf(buf, size, "%s", sector_titles[i]);
            return;
        }
    }
    snprintf(buf, size, "%s", key);
    for (char *p = buf; *p; p++) {
        *p = *p == '-' || *p == '_' ? ' ' : *p;
    }
    if (buf[0] >= 'a' && buf[0] <= 'z') {
        buf[0] = (char)(buf[0] - 'a' + 'A');
    }
}

enum ptype { P_SME = 0, P_UNIVERSITY, P_RND, P_TYPES };
static const char *const ptype_name[P_TYPES] = {"sme", "university", "rnd"};
static const char *const ptype_prefix[P_TYPES] = {"sme", "uni", "rnd"};

void mc_gen_options_init(struct mc_gen_options *o) {
    memset(o, 0, sizeof *o);
    o->clusters = 500;
    o->meta_clusters = -1;
    o->noise = 0.15;
    o->group_min = 4;
    o->group_max = 15;
    o->degree = 2.5;
    o->commitment = 0.95;
    o->decay_km = 200.0;
    o->border = 0.1;
    o->same_sector = 0.85;
    o->local = 0.7;
}

/* ==== Model constants (README "metaclust generate" documents them) ==== */

#define MEMBERS_MEDIAN 45.0 /* members: lognormal, median 45, sigma 0.9, at least 8 */
#define MEMBERS_SIGMA  0.9
#define MEMBERS_MIN    8
#define P_SECOND       0.35 /* a second sector */
#define P_THIRD        0.30 /* a third, given a second */
#define JITTER_LAT     0.08 /* degrees, normal */
#define JITTER_LON     0.12
#define COUNTRY_KM     700.0 /* planted groups prefer nearby countries: exp(-d / 700 km) */
#define PLANT_TRIES    64
#define SECTOR_SHARE   4   /* a planted group holds at most 1/4 of its sector's clusters */
#define LINKS_MIN      2   /* links a cluster seeks in each of its sectors, at least */
#define BG_WEIGHT_P    0.3 /* background link weight: 1, then +1 with probability 0.3, repeatedly */
#define PLANT_DEGREE   8.0 /* planted ties per member: each pair with p = min(1, 8 / (m - 1)) */
#define PLANT_WEIGHT0  5   /* planted tie weight: 5, then +1 with probability 0.5, repeatedly */
#define PLANT_WEIGHT_P 0.5
#define WEIGHT_MAX     12
#define SHARED_PER     3   /* shared partners per planted group: 1 + m / 3 */
#define SME_MULTI      0.4 /* an SME with a 2nd cluster; a 3rd given a 2nd: 0.3 */
#define SME_THIRD      0.3
#define ORG_MULTI      0.7 /* the same for universities and R&D institutes */
#define ORG_THIRD      0.5
#define ORG_FOURTH     0.3 /* ... and a 4th given a 3rd */

/* ==== Region tables ==== */

void mc_region_table_init(struct mc_region_table *t) {
    memset(t, 0, sizeof *t);
}

void mc_region_table_destroy(struct mc_region_table *t) {
    free(t->r);
    free(t->text);
    mc_region_table_init(t);
}

struct region_reader {
    struct mc_region_table *t;
    size_t cap;
    long c_code, c_country, c_name, c_lat, c_lon;
    char *buf; /* strings, as offsets until the end */
    size_t len, cap_buf;
    size_t *off; /* 3 per region */
    size_t cap_off;
    struct mc_intern codes;
};

static enum mc_status push_text(struct region_reader *rr, const char *s, size_t *off,
                                struct mc_error *err) {
    size_t n = strlen(s) + 1;
    enum mc_status rc = mc_grow((void **)&rr->buf, &rr->cap_buf, rr->len + n, 1, err);
    if (rc != MC_OK) {
        return rc;
    }
    memcpy(rr->buf + rr->len, s, n);
    *off = rr->len;
    rr->len += n;
    return MC_OK;
}

static enum mc_status region_record(void *ctx, const struct mc_csv_record *rec,
                                    struct mc_error *err) {
    static const char *const code_names[] = {"code", "nuts2", "nuts", "id", NULL};
    static const char *const country_names[] = {"country", "country_code", "iso2", NULL};
    static const char *const name_names[] = {"name", NULL};
    static const char *const lat_names[] = {"lat", "latitude", NULL};
    static const char *const lon_names[] = {"lon", "lng", "long", "longitude", NULL};
    struct region_reader *rr = ctx;
    if (rec->record == 1) {
        rr->c_code = mc_csv_column(rec, code_names);
        rr->c_country = mc_csv_column(rec, country_names);
        rr->c_name = mc_csv_column(rec, name_names);
        rr->c_lat = mc_csv_column(rec, lat_names);
        rr->c_lon = mc_csv_column(rec, lon_names);
        const char *missing = rr->c_code < 0      ? "code"
                              : rr->c_country < 0 ? "country"
                              : rr->c_lat < 0     ? "lat"
                              : rr->c_lon < 0     ? "lon"
                                                  : NULL;
        if (missing != NULL) {
            return mc_error_set(err, MC_E_DATA, rec->path, 1, "missing column '%s' in header",
                                missing);
        }
        return MC_OK;
    }
    const char *code = rec->fields[rr->c_code];
    if (code[0] == '\0') {
        return mc_error_setc(err, MC_E_DATA, rec->path, rec->line, rr->c_code + 1,
                             "empty region code");
    }
    for (const char *p = code; *p; p++) {
        if (*p == ',' || *p == ';' || *p == '|' || (unsigned char)*p < ' ') {
            return mc_error_setc(err, MC_E_DATA, rec->path, rec->line, rr->c_code + 1,
                                 "invalid region code '%s'", code);
        }
    }
    long idx;
    bool added;
    enum mc_status rc = mc_intern_add(&rr->codes, code, strlen(code), &idx, &added, err);
    if (rc != MC_OK) {
        return rc;
    }
    if (!added) {
        return mc_error_setc(err, MC_E_DATA, rec->path, rec->line, rr->c_code + 1,
                             "duplicate region code '%s'", code);
    }
    char cc[3];
    if (!mc_country_canonical(rec->fields[rr->c_country], cc)) {
        return mc_error_setc(err, MC_E_DATA, rec->path, rec->line, rr->c_country + 1,
                             "invalid country '%s' (expected an ISO 3166-1 alpha-2 code)",
                             rec->fields[rr->c_country]);
    }
    double lat, lon;
    if (!mc_parse_real(rec->fields[rr->c_lat], &lat) || lat < -90 || lat > 90) {
        return mc_error_setc(err, MC_E_DATA, rec->path, rec->line, rr->c_lat + 1,
                             "invalid latitude '%s'", rec->fields[rr->c_lat]);
    }
    if (!mc_parse_real(rec->fields[rr->c_lon], &lon) || lon < -180 || lon > 180) {
        return mc_error_setc(err, MC_E_DATA, rec->path, rec->line, rr->c_lon + 1,
                             "invalid longitude '%s'", rec->fields[rr->c_lon]);
    }
    struct mc_region_table *t = rr->t;
    size_t cap_off = rr->cap_off;
    if ((rc = mc_grow((void **)&t->r, &rr->cap, t->n + 1, sizeof *t->r, err)) != MC_OK ||
        (rc = mc_grow((void **)&rr->off, &cap_off, 3 * (t->n + 1), sizeof *rr->off, err)) !=
            MC_OK) {
        return rc;
    }
    rr->cap_off = cap_off;
    const char *name =
        rr->c_name >= 0 && rec->fields[rr->c_name][0] ? rec->fields[rr->c_name] : code;
    size_t *o = rr->off + 3 * t->n;
    if ((rc = push_text(rr, code, &o[0], err)) != MC_OK ||
        (rc = push_text(rr, cc, &o[1], err)) != MC_OK ||
        (rc = push_text(rr, name, &o[2], err)) != MC_OK) {
        return rc;
    }
    t->r[t->n].lat = lat;
    t->r[t->n].lon = lon;
    t->n++;
    return MC_OK;
}

enum mc_status mc_region_table_load(struct mc_region_table *t, const char *path,
                                    struct mc_error *err) {
    struct region_reader rr = {.t = t};
    struct mc_csv_options copt = {.require_rows = true};
    mc_region_table_destroy(t);
    mc_intern_init(&rr.codes, true);
    enum mc_status rc = mc_csv_read(path, NULL, &copt, region_record, &rr, err);
    if (rc == MC_OK) {
        /* the strings moved while growing: resolve the offsets now */
        for (size_t i = 0; i < t->n; i++) {
            t->r[i].code = rr.buf + rr.off[3 * i];
            t->r[i].country = rr.buf + rr.off[3 * i + 1];
            t->r[i].name = rr.buf + rr.off[3 * i + 2];
        }
        t->text = rr.buf;
        rr.buf = NULL;
    } else {
        free(t->r);
        t->r = NULL;
        t->n = 0;
    }
    free(rr.buf);
    free(rr.off);
    mc_intern_destroy(&rr.codes);
    return rc;
}

/* ==== The generator's state ==== */

struct cluster {
    int32_t region;
    int32_t group;    /* planted meta-cluster, -1 */
    uint32_t ordinal; /* within (region, primary sector), from 1 */
    uint32_t members;
    uint8_t nsec, sec[3]; /* sec[0] is the primary sector */
    uint8_t label;
    float lat, lon;
    double mass; /* gravity mass: sqrt(members) */
};

struct planted_partner {
    int32_t home; /* region */
    int32_t sector;
    uint8_t type;
    uint8_t n;
    int32_t member[4];
    double pos;   /* where it goes among the other partners, in [0, 1) */
    size_t slot;  /* written just before regular partner `slot` */
    size_t index; /* creation order, the tie-break */
};

struct group {
    int32_t sector;
    uint32_t number; /* within the sector, from 1 */
    size_t off, n;   /* members: g->gmember[off .. off+n) */
};

/* A cooperation target drawn for a cluster. */
struct target {
    int32_t j;
    int32_t sector; /* tag, -1 untagged */
    uint32_t weight;
};

struct gen {
    const struct mc_gen_options *opt;
    uint64_t seed;

    /* regions, countries, sectors in use */
    size_t nr, nc, ns;
    const struct mc_region **reg;
    int32_t *reg_country;
    char (*country)[3];
    double *country_lat, *country_lon;
    const char **sector;
    char (*title)[64]; /* for names */
    double *kernel;    /* nr x nr */

    /* clusters */
    size_t n;
    struct cluster *cl;
    double mean_mass;
    double *mass_cum; /* cumulative mass over the clusters, in order */
    size_t *reg_off;  /* clusters of region r: reg_off[r] .. reg_off[r+1] (they are sorted) */

    /* buckets: clusters listing sector s in region r, b = r*ns + s */
    size_t *b_off;
    int32_t *b_cl;
    double *b_cum; /* cumulative mass over b_cl */
    double *r_cum; /* (r*ns + s)*nr + r': cumulative kernel[r][r'] * mass of bucket (r', s) */
    /* clusters listing sector s, and the same by country: (c*ns + s) */
    size_t *s_off;
    int32_t *s_cl;
    size_t *cs_off;
    int32_t *cs_cl;

    /* planted */
    struct group *groups;
    int32_t *gmember;
    struct mc_gen_tie *ties; /* planted and rewired direct ties, sorted by (u, v) */
    size_t nties;
    struct planted_partner *pp;
    size_t npp;

    /* scratch for drawing targets */
    struct target *t1, *t2;
    size_t cap1, cap2;

    struct mc_gen_stats *st;
};

static void gen_destroy(struct gen *g) {
    free(g->reg);
    free(g->reg_country);
    free(g->country);
    free(g->country_lat);
    free(g->country_lon);
    free(g->sector);
    free(g->title);
    free(g->kernel);
    free(g->cl);
    free(g->mass_cum);
    free(g->reg_off);
    free(g->b_off);
    free(g->b_cl);
    free(g->b_cum);
    free(g->r_cum);
    free(g->s_off);
    free(g->s_cl);
    free(g->cs_off);
    free(g->cs_cl);
    free(g->groups);
    free(g->gmember);
    free(g->ties);
    free(g->pp);
    free(g->t1);
    free(g->t2);
}

void *mc_gen_calloc(size_t n, size_t size, const char *what, struct mc_error *err) {
    void *p = calloc(n ? n : 1, size);
    if (p == NULL) {
        mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (%s: %zu items)", what, n);
    }
    return p;
}

static bool cluster_has(const struct cluster *c, int32_t s) {
    for (int k = 0; k < c->nsec; k++) {
        if (c->sec[k] == s) {
            return true;
        }
    }
    return false;
}

static double km_between(double lat1, double lon1, double lat2, double lon2) {
    const double rad = MC_PI / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2.0 * 6371.0 * asin(sqrt(a < 1 ? a : 1));
}

/* ==== Setup: countries, regions, sectors, kernel ==== */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

enum mc_status mc_gen_places_setup(struct mc_gen_places *g, const struct mc_gen_options *o,
                                   struct mc_error *err) {
    const struct mc_region *table = o->regions;
    size_t ntable = o->n_regions;
    if (table == NULL) {
        table = mc_regions_builtin(&ntable);
    }
    const char *const *want = o->countries ? o->countries : mc_gen_default_countries;
    size_t nwant = o->countries ? o->n_countries : mc_gen_n_default_countries;
    if (nwant == 0) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "no countries given");
    }
    g->country = mc_gen_calloc(nwant, sizeof *g->country, "countries", err);
    if (g->country == NULL) {
        return MC_E_NOMEM;
    }
    /* canonical, sorted, without repeats: the list's order does not matter */
    for (size_t i = 0; i < nwant; i++) {
        char cc[3];
        if (!mc_country_canonical(want[i], cc)) {
            return mc_error_set(err, MC_E_USAGE, NULL, 0,
                                "invalid country '%s' (expected an ISO 3166-1 alpha-2 code)",
                                want[i]);
        }
        size_t k = 0;
        while (k < g->nc && strcmp(g->country[k], cc) < 0) {
            k++;
        }
        if (k < g->nc && strcmp(g->country[k], cc) == 0) {
            continue;
        }
        memmove(g->country + k + 1, g->country + k, (g->nc - k) * sizeof *g->country);
        memcpy(g->country[k], cc, 3);
        g->nc++;
    }
    g->reg = mc_gen_calloc(ntable, sizeof *g->reg, "regions", err);
    g->reg_country = mc_gen_calloc(ntable, sizeof *g->reg_country, "regions", err);
    g->country_lat = mc_gen_calloc(g->nc, sizeof *g->country_lat, "countries", err);
    g->country_lon = mc_gen_calloc(g->nc, sizeof *g->country_lon, "countries", err);
    size_t *per = mc_gen_calloc(g->nc, sizeof *per, "countries", err);
    if (g->reg == NULL || g->reg_country == NULL || g->country_lat == NULL ||
        g->country_lon == NULL || per == NULL) {
        free(per);
        return MC_E_NOMEM;
    }
    for (size_t i = 0; i < ntable; i++) {
        char cc[3];
        if (!mc_country_canonical(table[i].country, cc)) {
            continue;
        }
        for (size_t c = 0; c < g->nc; c++) {
            if (strcmp(g->country[c], cc) == 0) {
                g->reg[g->nr] = &table[i];
                g->reg_country[g->nr] = (int32_t)c;
                g->country_lat[c] += table[i].lat;
                g->country_lon[c] += table[i].lon;
                per[c]++;
                g->nr++;
                break;
            }
        }
    }
    for (size_t c = 0; c < g->nc; c++) {
        if (per[c] == 0) {
            /* name the countries the table has */
            const char **have = mc_gen_calloc(ntable, sizeof *have, "regions", err);
            if (have == NULL) {
                free(per);
                return MC_E_NOMEM;
            }
            size_t nh = 0;
            for (size_t i = 0; i < ntable; i++) {
                bool seen = false;
                for (size_t k = 0; k < nh && !seen; k++) {
                    seen = strcmp(have[k], table[i].country) == 0;
                }
                if (!seen) {
                    have[nh++] = table[i].country;
                }
            }
            qsort(have, nh, sizeof *have, cmp_str);
            char list[512] = "";
            size_t len = 0;
            for (size_t k = 0; k < nh && len + 8 < sizeof list; k++) {
                len +=
                    (size_t)snprintf(list + len, sizeof list - len, "%s%s", k ? " " : "", have[k]);
            }
            mc_error_set(err, MC_E_USAGE, NULL, 0,
                         "no region for country '%s' in the region table (countries: %s)",
                         g->country[c], list);
            free(have);
            free(per);
            return MC_E_USAGE;
        }
        g->country_lat[c] /= (double)per[c];
        g->country_lon[c] /= (double)per[c];
    }
    free(per);

    /* sectors: as given, without repeats */
    const char *const *sec = o->sectors ? o->sectors : mc_gen_default_sectors;
    size_t nsec = o->sectors ? o->n_sectors : mc_gen_n_default_sectors;
    if (nsec == 0 || nsec > 250) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "expected 1 to 250 sectors, got %zu", nsec);
    }
    g->sector = mc_gen_calloc(nsec, sizeof *g->sector, "sectors", err);
    g->title = mc_gen_calloc(nsec, sizeof *g->title, "sectors", err);
    if (g->sector == NULL || g->title == NULL) {
        return MC_E_NOMEM;
    }
    for (size_t i = 0; i < nsec; i++) {
        const char *s = sec[i];
        bool ok = s[0] != '\0';
        for (const char *p = s; *p && ok; p++) {
            unsigned char ch = (unsigned char)*p;
            ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
        }
        if (!ok) {
            return mc_error_set(err, MC_E_USAGE, NULL, 0,
                                "invalid sector '%s' (use lower-case letters, digits, '-' and '_')",
                                s);
        }
        bool dup = false;
        for (size_t k = 0; k < g->ns && !dup; k++) {
            dup = strcmp(g->sector[k], s) == 0;
        }
        if (!dup) {
            mc_gen_sector_title(s, g->title[g->ns], sizeof g->title[g->ns]);
            g->sector[g->ns++] = s;
        }
    }

    return MC_OK;
}

void mc_gen_places_destroy(struct mc_gen_places *p) {
    free(p->reg);
    free(p->reg_country);
    free(p->country);
    free(p->country_lat);
    free(p->country_lon);
    free(p->sector);
    free(p->title);
    memset(p, 0, sizeof *p);
}

static enum mc_status setup_places(struct gen *g, struct mc_error *err) {
    const struct mc_gen_options *o = g->opt;
    struct mc_gen_places pl;
    memset(&pl, 0, sizeof pl);
    enum mc_status rc = mc_gen_places_setup(&pl, o, err);
    /* gen_destroy frees what the places hold, also after a failure */
    g->nr = pl.nr;
    g->nc = pl.nc;
    g->ns = pl.ns;
    g->reg = pl.reg;
    g->reg_country = pl.reg_country;
    g->country = pl.country;
    g->country_lat = pl.country_lat;
    g->country_lon = pl.country_lon;
    g->sector = pl.sector;
    g->title = pl.title;
    if (rc != MC_OK) {
        return rc;
    }

    /* the kernel: distance decay times the border factor */
    size_t nn;
    if (!mc_mul_ok(g->nr, g->nr, &nn) || !mc_mul_ok(nn, g->ns, &nn) || nn > ((size_t)1 << 26)) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "too many regions and sectors for the gravity kernel (%zu regions, "
                            "%zu sectors)",
                            g->nr, g->ns);
    }
    g->kernel = mc_gen_calloc(g->nr * g->nr, sizeof *g->kernel, "kernel", err);
    if (g->kernel == NULL) {
        return MC_E_NOMEM;
    }
    for (size_t a = 0; a < g->nr; a++) {
        for (size_t b = 0; b < g->nr; b++) {
            double d = km_between(g->reg[a]->lat, g->reg[a]->lon, g->reg[b]->lat, g->reg[b]->lon);
            double k = exp(-d / o->decay_km);
            if (g->reg_country[a] != g->reg_country[b]) {
                k *= o->border;
            }
            g->kernel[a * g->nr + b] = k;
        }
    }
    return MC_OK;
}

/* ==== Pass 1: clusters ==== */

static int cmp_cluster(const void *x, const void *y) {
    const struct cluster *a = x, *b = y;
    if (a->region != b->region) {
        return a->region < b->region ? -1 : 1;
    }
    if (a->sec[0] != b->sec[0]) {
        return a->sec[0] < b->sec[0] ? -1 : 1;
    }
    /* ordinal holds the draw order here: a total order, so qsort is deterministic */
    return (a->ordinal > b->ordinal) - (a->ordinal < b->ordinal);
}

static enum mc_status make_clusters(struct gen *g, struct mc_error *err) {
    struct rng r;
    size_t nr = g->nr, ns = g->ns, n = g->n;
    enum mc_status rc = MC_OK;
    rng_init(&r, g->seed, STREAM_CLUSTERS, 0);

    /* regions differ in cluster density, and each has its sector specialisation */
    double *rcum = mc_gen_calloc(nr, sizeof *rcum, "regions", err);
    double *spec = mc_gen_calloc(nr * ns, sizeof *spec, "regions", err);
    g->cl = mc_gen_calloc(n, sizeof *g->cl, "clusters", err);
    if (rcum == NULL || spec == NULL || g->cl == NULL) {
        rc = MC_E_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < nr; i++) {
        rcum[i] = (i ? rcum[i - 1] : 0) + exp(0.6 * rng_normal(&r));
        for (size_t s = 0; s < ns; s++) {
            spec[i * ns + s] = exp(0.7 * rng_normal(&r));
        }
    }
    double *scum = mc_gen_calloc(ns, sizeof *scum, "sectors", err);
    if (scum == NULL) {
        rc = MC_E_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        struct cluster *c = &g->cl[i];
        c->region = (int32_t)pick_cum(&r, rcum, nr);
        c->group = -1;
        c->ordinal = (uint32_t)i;
        const double *w = spec + (size_t)c->region * ns;
        size_t want = 1;
        if (ns > 1 && rng_unif(&r) < P_SECOND) {
            want = ns > 2 && rng_unif(&r) < P_THIRD ? 3 : 2;
        }
        for (size_t k = 0; k < want; k++) {
            for (size_t s = 0; s < ns; s++) {
                double ws = cluster_has(c, (int32_t)s) ? 0 : w[s];
                scum[s] = (s ? scum[s - 1] : 0) + ws;
            }
            c->sec[c->nsec++] = (uint8_t)pick_cum(&r, scum, ns);
        }
        double m = floor(MEMBERS_MEDIAN * exp(MEMBERS_SIGMA * rng_normal(&r)) + 0.5);
        c->members = m < MEMBERS_MIN ? MEMBERS_MIN : m > 1e6 ? 1000000 : (uint32_t)m;
        c->mass = sqrt((double)c->members);
        /* ESCA labels: about a third of clusters, more often the larger ones */
        double p_label = 0.3 * sqrt((double)c->members / MEMBERS_MEDIAN);
        if (rng_unif(&r) < (p_label < 0.8 ? p_label : 0.8)) {
            double u = rng_unif(&r);
            c->label = u < 0.08 ? MC_LABEL_GOLD : u < 0.3 ? MC_LABEL_SILVER : MC_LABEL_BRONZE;
        }
        const struct mc_region *rg = g->reg[c->region];
        c->lat = (float)(rg->lat + JITTER_LAT * rng_normal(&r));
        c->lon = (float)(rg->lon + JITTER_LON * rng_normal(&r));
    }
    free(scum);
    /* sorted by (region, primary sector, draw), numbered within (region, primary sector) */
    qsort(g->cl, n, sizeof *g->cl, cmp_cluster);
    double mass = 0;
    for (size_t i = 0; i < n; i++) {
        struct cluster *c = &g->cl[i];
        bool same = i > 0 && c[-1].region == c->region && c[-1].sec[0] == c->sec[0];
        c->ordinal = same ? c[-1].ordinal + 1 : 1;
        mass += c->mass;
    }
    g->mean_mass = mass / (double)n;
out:
    free(rcum);
    free(spec);
    return rc;
}

enum mc_status mc_gen_index(size_t n, size_t nkeys, mc_gen_keys_fn keys, const void *ctx,
                            size_t **off_out, int32_t **cl_out, struct mc_error *err) {
    size_t key[MC_GEN_KEYS_MAX], nk, total = 0;
    size_t *off = mc_gen_calloc(nkeys + 1, sizeof *off, "index", err);
    for (size_t i = 0; off != NULL && i < n; i++) {
        total += keys(ctx, i, key);
    }
    int32_t *cl = off ? mc_gen_calloc(total, sizeof *cl, "index", err) : NULL;
    size_t *fill = cl ? mc_gen_calloc(nkeys + 1, sizeof *fill, "index", err) : NULL;
    if (fill == NULL) {
        free(off);
        free(cl);
        return MC_E_NOMEM;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            nk = keys(ctx, i, key);
            for (size_t k = 0; k < nk; k++) {
                if (pass == 0) {
                    off[key[k] + 1]++;
                } else {
                    cl[fill[key[k]]++] = (int32_t)i;
                }
            }
        }
        if (pass == 0) {
            for (size_t k = 0; k < nkeys; k++) {
                off[k + 1] += off[k];
            }
            memcpy(fill, off, (nkeys + 1) * sizeof *fill);
        }
    }
    free(fill);
    *off_out = off;
    *cl_out = cl;
    return MC_OK;
}

/* The keys of cluster i: its sectors within its region, its country or alone. */
struct index_ctx {
    const struct gen *g;
    int by_region; /* 1 region, 2 country, 0 none */
};

static size_t cluster_keys(const void *ctx, size_t i, size_t *key) {
    const struct index_ctx *x = ctx;
    const struct gen *g = x->g;
    const struct cluster *c = &g->cl[i];
    size_t base = x->by_region == 1   ? (size_t)c->region * g->ns
                  : x->by_region == 2 ? (size_t)g->reg_country[c->region] * g->ns
                                      : 0;
    for (int k = 0; k < c->nsec; k++) {
        key[k] = base + c->sec[k];
    }
    return c->nsec;
}

static enum mc_status index_clusters(struct gen *g, size_t nkeys, int by_region, size_t **off_out,
                                     int32_t **cl_out, struct mc_error *err) {
    struct index_ctx x = {g, by_region};
    return mc_gen_index(g->n, nkeys, cluster_keys, &x, off_out, cl_out, err);
}

static enum mc_status build_tables(struct gen *g, struct mc_error *err) {
    size_t nr = g->nr, ns = g->ns, n = g->n;
    enum mc_status rc;
    if ((rc = index_clusters(g, nr * ns, 1, &g->b_off, &g->b_cl, err)) != MC_OK ||
        (rc = index_clusters(g, ns, 0, &g->s_off, &g->s_cl, err)) != MC_OK ||
        (rc = index_clusters(g, g->nc * ns, 2, &g->cs_off, &g->cs_cl, err)) != MC_OK) {
        return rc;
    }
    size_t nb = g->b_off[nr * ns];
    g->b_cum = mc_gen_calloc(nb, sizeof *g->b_cum, "buckets", err);
    g->r_cum = mc_gen_calloc(nr * ns * nr, sizeof *g->r_cum, "kernel", err);
    g->mass_cum = mc_gen_calloc(n, sizeof *g->mass_cum, "clusters", err);
    g->reg_off = mc_gen_calloc(nr + 1, sizeof *g->reg_off, "regions", err);
    double *bmass = mc_gen_calloc(nr * ns, sizeof *bmass, "buckets", err);
    if (g->b_cum == NULL || g->r_cum == NULL || g->mass_cum == NULL || g->reg_off == NULL ||
        bmass == NULL) {
        free(bmass);
        return MC_E_NOMEM;
    }
    double total = 0;
    for (size_t b = 0; b < nr * ns; b++) {
        double before = total;
        for (size_t k = g->b_off[b]; k < g->b_off[b + 1]; k++) {
            total += g->cl[g->b_cl[k]].mass;
            g->b_cum[k] = total;
        }
        bmass[b] = total - before;
    }
    for (size_t r = 0; r < nr; r++) {
        for (size_t s = 0; s < ns; s++) {
            double *row = g->r_cum + (r * ns + s) * nr, acc = 0;
            for (size_t r2 = 0; r2 < nr; r2++) {
                acc += g->kernel[r * nr + r2] * bmass[r2 * ns + s];
                row[r2] = acc;
            }
        }
    }
    double acc = 0;
    for (size_t i = 0; i < n; i++) {
        acc += g->cl[i].mass;
        g->mass_cum[i] = acc;
        g->reg_off[g->cl[i].region + 1]++;
    }
    for (size_t r = 0; r < nr; r++) {
        g->reg_off[r + 1] += g->reg_off[r];
    }
    free(bmass);
    return MC_OK;
}

/* A cluster of (region, s) with probability proportional to its mass; -1 when there is none. */
static int32_t bucket_pick(const struct gen *g, struct rng *r, size_t region, size_t s) {
    size_t b = region * g->ns + s, lo = g->b_off[b], hi = g->b_off[b + 1];
    if (lo == hi) {
        return -1;
    }
    return g->b_cl[pick_range(r, g->b_cum, lo, hi)];
}

/*
 * A cluster of sector s by the gravity model, seen from `region`: a region r'
 * with probability proportional to kernel(region, r') times the mass of
 * sector s in r', then a cluster of (r', s) proportional to its mass. So
 * P(j) is proportional to mass_j * exp(-d / decay) * (border factor).
 * -1 when no cluster lists s.
 */
static int32_t gravity_pick(const struct gen *g, struct rng *r, size_t region, size_t s) {
    const double *row = g->r_cum + (region * g->ns + s) * g->nr;
    if (!(row[g->nr - 1] > 0)) {
        return -1;
    }
    return bucket_pick(g, r, pick_cum(r, row, g->nr), s);
}

/* ==== Pass 2: planted meta-clusters ==== */

#define PLANT_MAX_COUNTRIES 6

static bool in_list(const int32_t *a, size_t n, int32_t x) {
    for (size_t i = 0; i < n; i++) {
        if (a[i] == x) {
            return true;
        }
    }
    return false;
}

/* A random cluster of sector s, outside group `gid` and not in avoid[0..na); -1 if none found. */
static int32_t random_outside(const struct gen *g, struct rng *r, size_t s, int32_t gid,
                              const int32_t *avoid, size_t na) {
    size_t lo = g->s_off[s], hi = g->s_off[s + 1];
    for (int t = 0; lo < hi && t < 32; t++) {
        int32_t w = g->s_cl[lo + rng_below(r, hi - lo)];
        if (g->cl[w].group != gid && !in_list(avoid, na, w)) {
            return w;
        }
    }
    return -1;
}

struct plant_scratch {
    size_t *avail; /* (country, sector): clusters listing the sector not yet planted */
    double *wcum;  /* per country */
    size_t *quota; /* per country */
    int32_t *cand; /* candidates, up to n */
};

/*
 * Members for one group of sector s and target size m: an anchor cluster,
 * 3 to 6 countries (the anchor's and nearby ones, by exp(-d / 700 km) between
 * country centroids), at most half of the members from one country. Returns
 * the number chosen into out[], 0 when this draw did not work out.
 */
static size_t choose_members(struct gen *g, struct rng *r, size_t s, size_t m,
                             struct plant_scratch *ps, int32_t *out) {
    size_t ns = g->ns, nc = g->nc;
    size_t lo = g->s_off[s], hi = g->s_off[s + 1];
    if (lo == hi) {
        return 0;
    }
    int32_t a = -1;
    for (int t = 0; t < 64 && a < 0; t++) {
        int32_t x = g->s_cl[lo + rng_below(r, hi - lo)];
        if (g->cl[x].group < 0) {
            a = x;
        }
    }
    if (a < 0) {
        return 0;
    }
    size_t ca = (size_t)g->reg_country[g->cl[a].region];
    size_t eligible = 0;
    for (size_t c = 0; c < nc; c++) {
        eligible += ps->avail[c * ns + s] > 0;
        ps->quota[c] = 0;
    }
    if (eligible < 3) {
        return 0;
    }
    size_t maxc = m < PLANT_MAX_COUNTRIES ? m : PLANT_MAX_COUNTRIES;
    maxc = eligible < maxc ? eligible : maxc;
    size_t ncg = 3 + rng_below(r, maxc - 2);
    ps->quota[ca] = 1;
    for (size_t k = 1; k < ncg; k++) {
        for (size_t c = 0; c < nc; c++) {
            double w = 0;
            if (ps->quota[c] == 0 && ps->avail[c * ns + s] > 0) {
                w = exp(-km_between(g->country_lat[ca], g->country_lon[ca], g->country_lat[c],
                                    g->country_lon[c]) /
                        COUNTRY_KM);
                w = w > 1e-12 ? w : 1e-12;
            }
            ps->wcum[c] = (c ? ps->wcum[c - 1] : 0) + w;
        }
        ps->quota[pick_cum(r, ps->wcum, nc)] = 1;
    }
    size_t total = ncg, cap = m / 2;
    while (total < m) {
        size_t open = 0;
        for (size_t c = 0; c < nc; c++) {
            open += ps->quota[c] > 0 && ps->quota[c] < cap && ps->quota[c] < ps->avail[c * ns + s];
        }
        if (open == 0) {
            break;
        }
        size_t pick = rng_below(r, open);
        for (size_t c = 0; c < nc; c++) {
            if (ps->quota[c] > 0 && ps->quota[c] < cap && ps->quota[c] < ps->avail[c * ns + s] &&
                pick-- == 0) {
                ps->quota[c]++;
                total++;
                break;
            }
        }
    }
    /* when the countries ran short of clusters, the group is smaller: keep every share <= 1/2 */
    for (bool again = true; again;) {
        again = false;
        for (size_t c = 0; c < nc; c++) {
            if (ps->quota[c] > 1 && 2 * ps->quota[c] > total) {
                ps->quota[c]--;
                total--;
                again = true;
            }
        }
    }
    if (total < g->opt->group_min) {
        return 0;
    }
    size_t n = 0;
    out[n++] = a;
    for (size_t c = 0; c < nc; c++) {
        size_t need = ps->quota[c] - (c == ca);
        if (need == 0) {
            continue;
        }
        size_t nk = 0, b = c * ns + s;
        for (size_t k = g->cs_off[b]; k < g->cs_off[b + 1]; k++) {
            int32_t x = g->cs_cl[k];
            if (g->cl[x].group < 0 && x != a) {
                ps->cand[nk++] = x;
            }
        }
        for (size_t k = 0; k < need && k < nk; k++) {
            size_t j = k + rng_below(r, nk - k);
            int32_t t = ps->cand[j];
            ps->cand[j] = ps->cand[k];
            ps->cand[k] = t;
            out[n++] = t;
        }
    }
    return n;
}

static int cmp_i32(const void *x, const void *y) {
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

static int cmp_pp(const void *x, const void *y) {
    const struct planted_partner *a = x, *b = y;
    if (a->slot != b->slot) {
        return a->slot < b->slot ? -1 : 1;
    }
    return (a->index > b->index) - (a->index < b->index);
}

static enum mc_status push_tie(struct gen *g, size_t *cap, int32_t u, int32_t v, int32_t s,
                               uint32_t w, bool rewired, struct mc_error *err) {
    return mc_gen_tie_push(&g->ties, &g->nties, cap, u, v, s, w, rewired, err);
}

/* The direct ties and shared partners of group gi, blurred by noise. */
static enum mc_status plant_ties(struct gen *g, struct rng *r, size_t gi, size_t *cap_ties,
                                 size_t *cap_pp, struct mc_error *err) {
    const struct group *gr = &g->groups[gi];
    const int32_t *mem = g->gmember + gr->off;
    size_t m = gr->n, s = (size_t)gr->sector;
    double noise = g->opt->noise, p_in = PLANT_DEGREE / (double)(m - 1);
    /* the same volume of planted cooperation per member in small groups as in large ones */
    double scale = p_in > 1 ? p_in : 1;
    enum mc_status rc;
    for (size_t a = 0; a < m; a++) {
        for (size_t b = a + 1; b < m; b++) {
            if (rng_unif(r) >= p_in) {
                continue;
            }
            uint32_t w = PLANT_WEIGHT0;
            while (w < WEIGHT_MAX && rng_unif(r) < PLANT_WEIGHT_P) {
                w++;
            }
            w = (uint32_t)floor(w * scale + 0.5);
            int32_t u = mem[a], v = mem[b];
            bool moved = false;
            if (rng_unif(r) < noise) {
                /* a random cooperation instead, with an ordinary link's weight */
                int32_t keep = rng_unif(r) < 0.5 ? u : v;
                int32_t x = random_outside(g, r, s, (int32_t)gi, &keep, 1);
                if (x >= 0) {
                    u = keep;
                    v = x;
                    moved = true;
                    w = 1;
                    while (w < WEIGHT_MAX && rng_unif(r) < BG_WEIGHT_P) {
                        w++;
                    }
                }
            }
            if ((rc = push_tie(g, cap_ties, u, v, (int32_t)s, w, moved, err)) != MC_OK) {
                return rc;
            }
        }
    }
    /* shared partners: 1 + m/3 of them, each with 2 to 4 of the members */
    size_t nsp = 1 + m / SHARED_PER;
    for (size_t k = 0; k < nsp; k++) {
        rc = mc_grow((void **)&g->pp, cap_pp, g->npp + 1, sizeof *g->pp, err);
        if (rc != MC_OK) {
            return rc;
        }
        struct planted_partner *p = &g->pp[g->npp];
        memset(p, 0, sizeof *p);
        p->index = g->npp++;
        p->sector = (int32_t)s;
        size_t kmax = m < 4 ? m : 4;
        p->n = (uint8_t)(2 + rng_below(r, kmax - 1));
        int32_t pick[15 + 4];
        size_t np = m < MC_ARRAY_SIZE(pick) ? m : MC_ARRAY_SIZE(pick);
        memcpy(pick, mem, np * sizeof *pick);
        for (size_t t = 0; t < p->n; t++) {
            size_t j = t + rng_below(r, np - t);
            int32_t x = pick[j];
            pick[j] = pick[t];
            pick[t] = x;
            p->member[t] = x;
        }
        p->home = g->cl[p->member[0]].region;
        double u = rng_unif(r);
        p->type = u < 0.5 ? P_RND : u < 0.8 ? P_UNIVERSITY : P_SME;
        for (size_t t = 0; t < p->n; t++) {
            if (rng_unif(r) < noise) {
                int32_t x = random_outside(g, r, s, (int32_t)gi, p->member, p->n);
                if (x >= 0) {
                    p->member[t] = x;
                }
            }
        }
        p->pos = rng_unif(r);
    }
    return MC_OK;
}

static enum mc_status plant(struct gen *g, size_t k, struct mc_error *err) {
    size_t ns = g->ns, nc = g->nc, gmax = g->opt->group_max, gmin = g->opt->group_min;
    struct plant_scratch ps = {0};
    struct rng r;
    enum mc_status rc = MC_OK;
    size_t cap_ties = 0, cap_pp = 0;
    int32_t *perm = NULL;
    uint32_t *number = NULL;
    rng_init(&r, g->seed, STREAM_PLANT, 0);
    if (k == 0) {
        return MC_OK;
    }
    if (nc < 3) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "meta-clusters span at least 3 countries, but only %zu %s given", nc,
                            nc == 1 ? "country is" : "countries are");
    }
    ps.avail = mc_gen_calloc(nc * ns, sizeof *ps.avail, "planting", err);
    ps.wcum = mc_gen_calloc(nc, sizeof *ps.wcum, "planting", err);
    ps.quota = mc_gen_calloc(nc, sizeof *ps.quota, "planting", err);
    ps.cand = mc_gen_calloc(g->n, sizeof *ps.cand, "planting", err);
    perm = mc_gen_calloc(ns, sizeof *perm, "planting", err);
    number = mc_gen_calloc(ns, sizeof *number, "planting", err);
    g->groups = mc_gen_calloc(k, sizeof *g->groups, "planting", err);
    g->gmember = mc_gen_calloc(k * gmax, sizeof *g->gmember, "planting", err);
    if (ps.avail == NULL || ps.wcum == NULL || ps.quota == NULL || ps.cand == NULL ||
        perm == NULL || number == NULL || g->groups == NULL || g->gmember == NULL) {
        rc = MC_E_NOMEM;
        goto out;
    }
    for (size_t b = 0; b < nc * ns; b++) {
        ps.avail[b] = g->cs_off[b + 1] - g->cs_off[b];
    }
    /* sectors take turns, in an order drawn once */
    for (size_t s = 0; s < ns; s++) {
        perm[s] = (int32_t)s;
    }
    for (size_t s = ns; s > 1; s--) {
        size_t j = rng_below(&r, s);
        int32_t t = perm[j];
        perm[j] = perm[s - 1];
        perm[s - 1] = t;
    }
    size_t used = 0;
    for (size_t gi = 0; gi < k; gi++) {
        size_t m = gmin + rng_below(&r, gmax - gmin + 1), n = 0;
        int32_t *out = g->gmember + used;
        size_t s = 0;
        /* this group's sector; if it has run out of clusters, the next ones in turn */
        for (size_t t = 0; t < ns && n == 0; t++) {
            s = (size_t)perm[(gi + t) % ns];
            /* a group takes at most a quarter of its sector's clusters */
            size_t cap = (g->s_off[s + 1] - g->s_off[s]) / SECTOR_SHARE;
            size_t ms = m < cap ? m : cap < gmin ? gmin : cap;
            for (int tries = 0; tries < PLANT_TRIES && n == 0; tries++) {
                n = choose_members(g, &r, s, ms, &ps, out);
            }
        }
        if (n == 0) {
            rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                              "cannot plant meta-cluster %zu of %zu: too few clusters left in 3 "
                              "or more countries with a common sector (use fewer meta-clusters, "
                              "smaller groups or more clusters)",
                              gi + 1, k);
            goto out;
        }
        qsort(out, n, sizeof *out, cmp_i32);
        for (size_t j = 0; j < n; j++) {
            struct cluster *c = &g->cl[out[j]];
            c->group = (int32_t)gi;
            for (int q = 0; q < c->nsec; q++) {
                ps.avail[(size_t)g->reg_country[c->region] * ns + c->sec[q]]--;
            }
        }
        g->groups[gi].sector = (int32_t)s;
        g->groups[gi].number = ++number[s];
        g->groups[gi].off = used;
        g->groups[gi].n = n;
        used += n;
    }
    for (size_t gi = 0; gi < k; gi++) {
        if ((rc = plant_ties(g, &r, gi, &cap_ties, &cap_pp, err)) != MC_OK) {
            goto out;
        }
    }
    /* one tie per pair: two rewired ties that landed on the same pair add up */
    g->nties = mc_gen_ties_merge(g->ties, g->nties);
    for (size_t i = 0; i < g->nties; i++) {
        if (g->ties[i].rewired) {
            g->st->rewired_edges++;
        } else {
            g->st->planted_edges++;
        }
    }
    g->st->meta_clusters = k;
    g->st->planted_members = used;
out:
    free(ps.avail);
    free(ps.wcum);
    free(ps.quota);
    free(ps.cand);
    free(perm);
    free(number);
    return rc;
}

/* ==== Writing helpers ==== */

#define PROGRESS_EVERY 65536
#define POLL_EVERY     4096

static void progress(const struct gen *g, const char *phase, size_t done, size_t total) {
    if (g->opt->progress != NULL) {
        g->opt->progress(g->opt->progress_ctx, phase, done, total);
    }
}

/* "cz06-ict-3": the region code in lower case, the primary sector, the ordinal. */
static void cluster_id(const struct gen *g, size_t i, char *buf, size_t size) {
    const struct cluster *c = &g->cl[i];
    const char *code = g->reg[c->region]->code;
    size_t k = 0;
    for (; code[k] && k + 1 < size; k++) {
        char ch = code[k];
        buf[k] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    snprintf(buf + k, size - k, "-%s-%u", g->sector[c->sec[0]], c->ordinal);
}

#define ID_MAX 320

/* ==== Pass 3: cooperation links (edges.csv) ==== */

/*
 * The links cluster i seeks: in each of its sectors, b + Poisson((degree - b) *
 * mass_i / mean mass) of them, b = min(2, floor(degree)); each in that sector
 * with probability same_sector, else in a random sector; each target drawn by
 * gravity_pick from i's region. A pure function of (seed, i).
 */
static enum mc_status draw_targets(const struct gen *g, size_t i, struct target **buf, size_t *cap,
                                   size_t *nout, struct mc_error *err) {
    const struct cluster *c = &g->cl[i];
    const struct mc_gen_options *o = g->opt;
    struct rng r;
    rng_init(&r, g->seed, STREAM_EDGES, i);
    double base = o->degree < LINKS_MIN ? floor(o->degree) : LINKS_MIN;
    size_t per[3], k = 0, n = 0;
    for (int q = 0; q < c->nsec; q++) {
        per[q] = (size_t)base + rng_poisson(&r, (o->degree - base) * c->mass / g->mean_mass);
        k += per[q];
    }
    enum mc_status rc = mc_grow((void **)buf, cap, k, sizeof **buf, err);
    if (rc != MC_OK) {
        return rc;
    }
    for (int q = 0; q < c->nsec; q++) {
        for (size_t t = 0; t < per[q]; t++) {
            size_t s = rng_unif(&r) < o->same_sector ? c->sec[q] : rng_below(&r, g->ns);
            int32_t j = -1;
            for (int tries = 0; tries < 4 && j < 0; tries++) {
                j = gravity_pick(g, &r, (size_t)c->region, s);
                if (j < 0) {
                    break;
                }
                for (size_t x = 0; x < n && j >= 0; x++) {
                    j = (*buf)[x].j == j ? -1 : j;
                }
                j = (size_t)j == i ? -1 : j;
            }
            uint32_t w = 1;
            while (w < WEIGHT_MAX && rng_unif(&r) < BG_WEIGHT_P) {
                w++;
            }
            if (j < 0) {
                continue;
            }
            /* tagged with the sector it was sought in, or a sector both list, or none */
            int32_t tag = -1;
            if (cluster_has(c, (int32_t)s)) {
                tag = (int32_t)s;
            } else {
                for (int x = 0; x < c->nsec && tag < 0; x++) {
                    tag = cluster_has(&g->cl[j], c->sec[x]) ? c->sec[x] : -1;
                }
            }
            (*buf)[n].j = j;
            (*buf)[n].sector = tag;
            (*buf)[n].weight = w;
            n++;
        }
    }
    *nout = n;
    return MC_OK;
}

/* True when cluster i belongs to a planted group of sector s. */
static bool committed(const struct gen *g, int32_t i, int32_t s) {
    int32_t gi = g->cl[i].group;
    return gi >= 0 && g->groups[gi].sector == s;
}

/* A uniform number in [0, 1) that depends only on the seed and the (unordered) pair. */
static double pair_unif(const struct gen *g, int32_t u, int32_t v) {
    uint64_t a = (uint64_t)(u < v ? u : v), b = (uint64_t)(u < v ? v : u);
    uint64_t h = mc_mix64(mc_mix64(g->seed ^ 0x5851f42d4c957f2dULL) ^ mc_mix64((a << 32) | b));
    return (double)(h >> 11) * 0x1.0p-53;
}

static bool is_tie(const struct gen *g, int32_t u, int32_t v) {
    size_t lo = 0, hi = g->nties;
    int32_t a = u < v ? u : v, b = u < v ? v : u;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct mc_gen_tie *t = &g->ties[mid];
        if (t->u < a || (t->u == a && t->v < b)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < g->nties && g->ties[lo].u == a && g->ties[lo].v == b;
}

static void write_edge(struct gen *g, FILE *f, int32_t u, int32_t v, uint32_t w, int32_t s) {
    char a[ID_MAX], b[ID_MAX];
    cluster_id(g, (size_t)u, a, sizeof a);
    cluster_id(g, (size_t)v, b, sizeof b);
    fprintf(f, "%s,%s,%u,%s\n", a, b, w, s >= 0 ? g->sector[s] : "");
    g->st->edges++;
    if (g->reg_country[g->cl[u].region] != g->reg_country[g->cl[v].region]) {
        g->st->cross_border_edges++;
    }
}

/*
 * Each pair is written once: cluster i writes its planted ties to later
 * clusters, then its drawn links, except to members of its own planted group
 * (the planted ties stand for those) and except a link to an earlier cluster
 * j that drew i too (j wrote it already).
 */
static enum mc_status write_edges(struct gen *g, FILE *f, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    size_t next_tie = 0;
    fputs("source,target,weight,sector\n", f);
    for (size_t i = 0; i < g->n; i++) {
        if (i % POLL_EVERY == 0 && mc_interrupted()) {
            return MC_E_INTERRUPTED;
        }
        if (i % PROGRESS_EVERY == 0) {
            progress(g, "edges", i, g->n);
        }
        while (next_tie < g->nties && (size_t)g->ties[next_tie].u == i) {
            const struct mc_gen_tie *t = &g->ties[next_tie++];
            write_edge(g, f, t->u, t->v, t->weight, t->sector);
        }
        size_t n1, n2;
        if ((rc = draw_targets(g, i, &g->t1, &g->cap1, &n1, err)) != MC_OK) {
            return rc;
        }
        const struct cluster *c = &g->cl[i];
        for (size_t k = 0; k < n1; k++) {
            int32_t j = g->t1[k].j;
            if ((c->group >= 0 && g->cl[j].group == c->group) || is_tie(g, (int32_t)i, j)) {
                continue;
            }
            int32_t tag = g->t1[k].sector;
            if (tag >= 0 && (committed(g, (int32_t)i, tag) || committed(g, j, tag)) &&
                pair_unif(g, (int32_t)i, j) < g->opt->commitment) {
                continue;
            }
            if ((size_t)j < i) {
                if ((rc = draw_targets(g, (size_t)j, &g->t2, &g->cap2, &n2, err)) != MC_OK) {
                    return rc;
                }
                bool mutual = false;
                for (size_t q = 0; q < n2 && !mutual; q++) {
                    mutual = (size_t)g->t2[q].j == i;
                }
                if (mutual) {
                    continue;
                }
            }
            write_edge(g, f, (int32_t)i, j, g->t1[k].weight, g->t1[k].sector);
        }
    }
    progress(g, "edges", g->n, g->n);
    return MC_OK;
}

/* ==== Pass 4: partners (groups.csv, affiliations.csv) ==== */

struct partner_out {
    FILE *groups, *aff;
    uint32_t *counter; /* region x type */
};

static void write_partner(struct gen *g, struct partner_out *po, size_t home, int type,
                          const int32_t *sec, size_t nsec, const int32_t *member,
                          const int32_t *msec, size_t n) {
    const struct mc_region *rg = g->reg[home];
    uint32_t num = ++po->counter[home * P_TYPES + (size_t)type];
    char id[ID_MAX], name[512], sectors[512], code[64];
    size_t k = 0;
    for (; rg->code[k] && k + 1 < sizeof code; k++) {
        char ch = rg->code[k];
        code[k] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    code[k] = '\0';
    snprintf(id, sizeof id, "%s-%s-%u", ptype_prefix[type], code, num);
    const char *title = g->title[sec[0]];
    if (type == P_UNIVERSITY) {
        snprintf(name, sizeof name, "University %u (%s)", num, rg->name);
    } else if (type == P_RND) {
        snprintf(name, sizeof name, "%s Research Institute %u (%s)", title, num, rg->name);
    } else {
        snprintf(name, sizeof name, "%s SME %u (%s)", title, num, rg->name);
    }
    size_t len = 0;
    for (size_t q = 0; q < nsec; q++) {
        len += (size_t)snprintf(sectors + len, sizeof sectors - len, "%s%s", q ? ";" : "",
                                g->sector[sec[q]]);
        if (len >= sizeof sectors) {
            len = sizeof sectors - 1;
        }
    }
    mc_csv_field(po->groups, id, true);
    mc_csv_field(po->groups, name, false);
    mc_csv_field(po->groups, ptype_name[type], false);
    mc_csv_field(po->groups, sectors, false);
    mc_csv_field(po->groups, g->country[g->reg_country[home]], false);
    mc_csv_field(po->groups, rg->code, false);
    mc_csv_end(po->groups);
    for (size_t q = 0; q < n; q++) {
        char cid[ID_MAX];
        cluster_id(g, (size_t)member[q], cid, sizeof cid);
        fprintf(po->aff, "%s,%s,%s\n", cid, id, g->sector[msec[q]]);
    }
    g->st->partners++;
    g->st->affiliations += n;
}

/*
 * One ordinary partner, a pure function of (seed, p): an anchor cluster
 * drawn in proportion to its members, the partner's home region and sector
 * from it, then up to two more clusters of the partner's sectors, in the home
 * region with probability `local`, else by the gravity model.
 */
static void write_regular_partner(struct gen *g, struct partner_out *po, size_t p) {
    const struct mc_gen_options *o = g->opt;
    struct rng r;
    rng_init(&r, g->seed, STREAM_PARTNERS, p);
    int32_t a = (int32_t)pick_cum(&r, g->mass_cum, g->n);
    const struct cluster *c = &g->cl[a];
    size_t home = (size_t)c->region;
    double u = rng_unif(&r);
    int type = u < 0.78 ? P_SME : u < 0.90 ? P_RND : P_UNIVERSITY;
    int32_t sec[2], nsec = 1;
    sec[0] = c->sec[rng_below(&r, c->nsec)];
    if (g->ns > 1 && rng_unif(&r) < (type == P_SME ? 0.15 : 0.5)) {
        int32_t s2 = (int32_t)rng_below(&r, g->ns - 1);
        sec[nsec++] = s2 >= sec[0] ? s2 + 1 : s2;
    }
    size_t k = 1;
    if (rng_unif(&r) < (type == P_SME ? SME_MULTI : ORG_MULTI)) {
        k = rng_unif(&r) < (type == P_SME ? SME_THIRD : ORG_THIRD) ? 3 : 2;
        k += k == 3 && type != P_SME && rng_unif(&r) < ORG_FOURTH;
    }
    int32_t member[4] = {a, -1, -1, -1}, msec[4] = {sec[0], -1, -1, -1};
    size_t n = 1;
    for (size_t t = 1; t < k; t++) {
        int32_t s = nsec > 1 && rng_unif(&r) < 0.5 ? sec[1] : sec[0];
        for (int tries = 0; tries < 4; tries++) {
            int32_t j;
            if (rng_unif(&r) < o->local) {
                /* in the home region: a cluster of the sector, else of any sector */
                j = bucket_pick(g, &r, home, (size_t)s);
                if (j < 0 || in_list(member, n, j)) {
                    j = (int32_t)pick_range(&r, g->mass_cum, g->reg_off[home],
                                            g->reg_off[home + 1]);
                }
            } else {
                j = gravity_pick(g, &r, home, (size_t)s);
            }
            if (j < 0 || in_list(member, n, j)) {
                continue;
            }
            int32_t tag = cluster_has(&g->cl[j], s) ? s : g->cl[j].sec[0];
            /* a planted member keeps few ties outside its group in the group's sector */
            bool member_tie = committed(g, j, tag);
            for (size_t q = 0; q < n; q++) {
                member_tie = member_tie || (msec[q] == tag && committed(g, member[q], tag));
            }
            if (member_tie && rng_unif(&r) < o->commitment) {
                break;
            }
            member[n] = j;
            msec[n] = tag;
            n++;
            break;
        }
    }
    write_partner(g, po, home, type, sec, (size_t)nsec, member, msec, n);
}

static void write_planted_partner(struct gen *g, struct partner_out *po,
                                  const struct planted_partner *pp) {
    int32_t msec[4];
    for (size_t q = 0; q < pp->n; q++) {
        msec[q] = pp->sector;
    }
    write_partner(g, po, (size_t)pp->home, pp->type, &pp->sector, 1, pp->member, msec, pp->n);
}

static enum mc_status write_partners(struct gen *g, FILE *groups, FILE *aff, size_t regular,
                                     struct mc_error *err) {
    struct partner_out po = {groups, aff, NULL};
    po.counter = mc_gen_calloc(g->nr * P_TYPES, sizeof *po.counter, "partners", err);
    if (po.counter == NULL) {
        return MC_E_NOMEM;
    }
    /* the planted partners go among the others, at places drawn when planting */
    for (size_t i = 0; i < g->npp; i++) {
        double x = floor(g->pp[i].pos * (double)(regular + 1));
        g->pp[i].slot = x > (double)regular ? regular : (size_t)x;
    }
    if (g->npp > 1) {
        qsort(g->pp, g->npp, sizeof *g->pp, cmp_pp);
    }
    fputs("id,name,type,sectors,country,region\n", groups);
    fputs("node,group,sector\n", aff);
    size_t next = 0, total = regular + g->npp;
    for (size_t p = 0; p <= regular; p++) {
        while (next < g->npp && g->pp[next].slot == p) {
            write_planted_partner(g, &po, &g->pp[next++]);
        }
        if (p == regular) {
            break;
        }
        if (p % POLL_EVERY == 0 && mc_interrupted()) {
            free(po.counter);
            return MC_E_INTERRUPTED;
        }
        if (p % PROGRESS_EVERY == 0) {
            progress(g, "partners", p + next, total);
        }
        write_regular_partner(g, &po, p);
    }
    progress(g, "partners", total, total);
    free(po.counter);
    return MC_OK;
}

/* ==== Nodes and truth ==== */

static void write_nodes(struct gen *g, FILE *f) {
    static const char *const labels[] = {"", "bronze", "silver", "gold"};
    fputs("id,name,country,region,sectors,lat,lon,label,members,type\n", f);
    for (size_t i = 0; i < g->n; i++) {
        const struct cluster *c = &g->cl[i];
        const struct mc_region *rg = g->reg[c->region];
        char id[ID_MAX], name[512], sectors[512];
        cluster_id(g, i, id, sizeof id);
        /* several clusters of one sector in one region are numbered */
        bool several = (i > 0 && c[-1].region == c->region && c[-1].sec[0] == c->sec[0]) ||
                       (i + 1 < g->n && c[1].region == c->region && c[1].sec[0] == c->sec[0]);
        const char *title = g->title[c->sec[0]];
        if (several) {
            snprintf(name, sizeof name, "%s %s Cluster %u", rg->name, title, c->ordinal);
        } else {
            snprintf(name, sizeof name, "%s %s Cluster", rg->name, title);
        }
        size_t len = 0;
        for (int q = 0; q < c->nsec; q++) {
            len += (size_t)snprintf(sectors + len, sizeof sectors - len, "%s%s", q ? ";" : "",
                                    g->sector[c->sec[q]]);
            if (len >= sizeof sectors) {
                len = sizeof sectors - 1;
            }
        }
        mc_csv_field(f, id, true);
        mc_csv_field(f, name, false);
        mc_csv_field(f, g->country[g->reg_country[c->region]], false);
        mc_csv_field(f, rg->code, false);
        mc_csv_field(f, sectors, false);
        fprintf(f, ",%.4f,%.4f,%s,%u,cluster\n", (double)c->lat, (double)c->lon, labels[c->label],
                c->members);
    }
}

static void write_truth(struct gen *g, FILE *f) {
    fputs("node,meta_cluster\n", f);
    for (size_t i = 0; i < g->n; i++) {
        char id[ID_MAX];
        cluster_id(g, i, id, sizeof id);
        int32_t gi = g->cl[i].group;
        if (gi < 0) {
            fprintf(f, "%s,\n", id);
        } else {
            const struct group *gr = &g->groups[gi];
            fprintf(f, "%s,%s-mc%02u\n", id, g->sector[gr->sector], gr->number);
        }
    }
}

/* ==== Ties ==== */

enum mc_status mc_gen_tie_push(struct mc_gen_tie **ties, size_t *n, size_t *cap, int32_t u,
                               int32_t v, int32_t s, uint32_t w, bool rewired,
                               struct mc_error *err) {
    enum mc_status rc = mc_grow((void **)ties, cap, *n + 1, sizeof **ties, err);
    if (rc != MC_OK) {
        return rc;
    }
    struct mc_gen_tie *t = &(*ties)[(*n)++];
    t->u = u < v ? u : v;
    t->v = u < v ? v : u;
    t->sector = s;
    t->weight = w;
    t->rewired = rewired;
    return MC_OK;
}

static int cmp_tie(const void *x, const void *y) {
    const struct mc_gen_tie *a = x, *b = y;
    if (a->u != b->u) {
        return a->u < b->u ? -1 : 1;
    }
    if (a->v != b->v) {
        return a->v < b->v ? -1 : 1;
    }
    return (a->sector > b->sector) - (a->sector < b->sector);
}

size_t mc_gen_ties_merge(struct mc_gen_tie *ties, size_t n) {
    if (n > 1) {
        qsort(ties, n, sizeof *ties, cmp_tie);
    }
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (w > 0 && ties[w - 1].u == ties[i].u && ties[w - 1].v == ties[i].v) {
            ties[w - 1].weight += ties[i].weight;
            continue;
        }
        ties[w++] = ties[i];
    }
    return w;
}

/* ==== The whole run ==== */

const char *mc_gen_model_name(enum mc_gen_model m) {
    return m == MC_GEN_LANDSCAPE ? "landscape" : "planted";
}

const char *mc_gen_form_name(enum mc_gen_form f) {
    return f == MC_GEN_FORM_EDGES          ? "edges"
           : f == MC_GEN_FORM_AFFILIATIONS ? "affiliations"
                                           : "both";
}

static const char *const file_names[MC_GEN_FILES] = {"nodes.csv", "edges.csv", "affiliations.csv",
                                                     "groups.csv", "truth.csv"};

static bool file_in_form(size_t f, enum mc_gen_form form) {
    return (f != MC_GEN_EDGES || form != MC_GEN_FORM_AFFILIATIONS) &&
           ((f != MC_GEN_AFF && f != MC_GEN_GROUPS) || form != MC_GEN_FORM_EDGES);
}

enum mc_status mc_gen_files_open(struct mc_gen_files *fs, const char *dir, enum mc_gen_form form,
                                 struct mc_error *err) {
    memset(fs, 0, sizeof *fs);
    fs->dir = dir;
    fs->form = form;
    for (size_t k = 0; k < MC_GEN_FILES; k++) {
        fs->out[k].slot = -1;
    }
    enum mc_status rc = mc_mkdirs(dir, err);
    for (size_t f = 0; f < MC_GEN_FILES && rc == MC_OK; f++) {
        if (!file_in_form(f, form)) {
            continue;
        }
        char *path = mc_path_join(dir, file_names[f]);
        if (path == NULL) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
        rc = mc_outfile_open(&fs->out[f], path, err);
        free(path);
        if (rc == MC_OK) {
            fs->f[f] = fs->out[f].f;
            setvbuf(fs->f[f], NULL, _IOFBF, (size_t)1 << 18);
        }
    }
    return rc;
}

/*
 * Commits the files, then removes the other form's files an earlier run left
 * in the directory: loading it must give the form asked for, not a mix.
 */
enum mc_status mc_gen_files_commit(struct mc_gen_files *fs, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    for (size_t f = 0; f < MC_GEN_FILES && rc == MC_OK; f++) {
        if (fs->f[f] != NULL) {
            rc = mc_outfile_commit(&fs->out[f], err);
        }
    }
    for (size_t f = 0; f < MC_GEN_FILES && rc == MC_OK; f++) {
        if (fs->f[f] != NULL) {
            continue;
        }
        char *path = mc_path_join(fs->dir, file_names[f]);
        if (path == NULL) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
        if (remove(path) != 0 && errno != ENOENT) {
            rc = mc_error_set(err, MC_E_IO, path, 0, "cannot remove: %s", strerror(errno));
        }
        free(path);
    }
    return rc;
}

void mc_gen_files_abort(struct mc_gen_files *fs) {
    for (size_t f = 0; f < MC_GEN_FILES; f++) {
        mc_outfile_abort(&fs->out[f]);
        fs->f[f] = NULL;
    }
}

static enum mc_status check_options(const struct mc_gen_options *o, struct mc_error *err) {
    if (o->clusters < 1 || o->clusters > 10000000) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "the number of clusters must be from 1 to 10000000, not %zu",
                            o->clusters);
    }
    if (!(o->noise >= 0 && o->noise <= 1) || !(o->border >= 0 && o->border <= 1) ||
        !(o->same_sector >= 0 && o->same_sector <= 1) || !(o->local >= 0 && o->local <= 1) ||
        !(o->degree >= 0 && o->degree <= 1000) || !(o->decay_km > 0) ||
        !(o->commitment >= 0 && o->commitment <= 1)) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "a model parameter is out of range");
    }
    if (o->group_min < 3 || o->group_max < o->group_min || o->group_max > 15) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "planted group sizes must be within 3-15, not %zu-%zu", o->group_min,
                            o->group_max);
    }
    return MC_OK;
}

enum mc_status mc_generate(const struct mc_gen_options *opt, const char *dir,
                           struct mc_gen_stats *stats, struct mc_error *err) {
    struct gen g;
    struct mc_gen_files fs;
    enum mc_status rc;
    if (opt->model == MC_GEN_LANDSCAPE) {
        return mc_generate_landscape(opt, dir, stats, err);
    }
    memset(&g, 0, sizeof g);
    memset(&fs, 0, sizeof fs);
    memset(stats, 0, sizeof *stats);
    for (size_t k = 0; k < MC_GEN_FILES; k++) {
        fs.out[k].slot = -1;
    }
    g.opt = opt;
    g.seed = opt->seed;
    g.n = opt->clusters;
    g.st = stats;
    if ((rc = check_options(opt, err)) != MC_OK || (rc = setup_places(&g, err)) != MC_OK) {
        goto out;
    }
    size_t k = opt->meta_clusters >= 0 ? (size_t)opt->meta_clusters : g.n / 50;
    if (k * opt->group_min > g.n) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "cannot plant %zu meta-clusters of at least %zu clusters among %zu "
                          "clusters",
                          k, opt->group_min, g.n);
        goto out;
    }
    progress(&g, "clusters", 0, g.n);
    if ((rc = make_clusters(&g, err)) != MC_OK || (rc = build_tables(&g, err)) != MC_OK ||
        (rc = plant(&g, k, err)) != MC_OK) {
        goto out;
    }
    size_t partners = opt->partners ? opt->partners : 6 * g.n;
    if (partners < g.npp) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "%zu partners are too few: the planted meta-clusters alone share %zu",
                          partners, g.npp);
        goto out;
    }
    if ((rc = mc_gen_files_open(&fs, dir, opt->form, err)) != MC_OK) {
        goto out;
    }
    write_nodes(&g, fs.f[MC_GEN_NODES]);
    write_truth(&g, fs.f[MC_GEN_TRUTH]);
    if (fs.f[MC_GEN_EDGES] != NULL && (rc = write_edges(&g, fs.f[MC_GEN_EDGES], err)) != MC_OK) {
        goto out;
    }
    if (fs.f[MC_GEN_AFF] != NULL && (rc = write_partners(&g, fs.f[MC_GEN_GROUPS], fs.f[MC_GEN_AFF],
                                                         partners - g.npp, err)) != MC_OK) {
        goto out;
    }
    stats->clusters = g.n;
    stats->countries = g.nc;
    stats->regions = g.nr;
    stats->sectors = g.ns;
    rc = mc_gen_files_commit(&fs, err);
out:
    mc_gen_files_abort(&fs);
    gen_destroy(&g);
    return rc;
}
