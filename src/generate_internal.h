#ifndef METACLUST_GENERATE_INTERNAL_H
#define METACLUST_GENERATE_INTERNAL_H

/*
 * What the two models of `generate` share (src/generate.c, the planted model,
 * and src/generate_landscape.c): the random numbers, the places (countries,
 * regions, sectors) chosen from the options, and sector titles.
 */

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include <stdio.h>

#include "metaclust/generate.h"
#include "metaclust/outfile.h"
#include "metaclust/util.h"

#define MC_PI 3.14159265358979323846

/* ==== Random numbers: xoshiro256** (Blackman & Vigna 2021) seeded by splitmix64 ==== */

struct rng {
    uint64_t s[4];
};

static inline void rng_init(struct rng *r, uint64_t seed, uint64_t stream, uint64_t item) {
    uint64_t x = mc_mix64(mc_mix64(seed) ^ mc_mix64(stream * 0x632be59bd9b4e019ULL + item));
    for (int k = 0; k < 4; k++) {
        x = mc_mix64(x);
        r->s[k] = x;
    }
}

static inline uint64_t rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t rng_next(struct rng *r) {
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, 1). */
static inline double rng_unif(struct rng *r) {
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [0, n), 0 < n < 2^32: Lemire's multiply-shift (bias at most n / 2^32). */
static inline size_t rng_below(struct rng *r, size_t n) {
    return (size_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static inline double rng_normal(struct rng *r) {
    double u = 1.0 - rng_unif(r), v = rng_unif(r);
    return sqrt(-2.0 * log(u)) * cos(2.0 * MC_PI * v);
}

/* Poisson: Knuth's product method for small means, a rounded normal beyond. */
static inline size_t rng_poisson(struct rng *r, double mean) {
    if (mean <= 0) {
        return 0;
    }
    if (mean > 30) {
        double x = floor(mean + sqrt(mean) * rng_normal(r) + 0.5);
        return x < 0 ? 0 : (size_t)x;
    }
    double l = exp(-mean), p = 1.0;
    size_t k = 0;
    do {
        k++;
        p *= rng_unif(r);
    } while (p > l);
    return k - 1;
}

/*
 * Index i in [lo, hi) with probability (cum[i] - cum[i-1]) / (cum[hi-1] - cum[lo-1]), where
 * cum is non-decreasing and cum[-1] counts as 0; the range must have positive weight.
 */
static inline size_t pick_range(struct rng *r, const double *cum, size_t lo, size_t hi) {
    double base = lo > 0 ? cum[lo - 1] : 0;
    double x = base + rng_unif(r) * (cum[hi - 1] - base);
    hi--;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cum[mid] > x) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

/* Index i with probability (cum[i] - cum[i-1]) / cum[n-1]. */
static inline size_t pick_cum(struct rng *r, const double *cum, size_t n) {
    return pick_range(r, cum, 0, n);
}

/* ==== Places ==== */

/* The countries, regions and sectors a run uses, as the options choose them. */
struct mc_gen_places {
    size_t nr, nc, ns;
    const struct mc_region **reg;      /* the regions of the chosen countries, in table order */
    int32_t *reg_country;              /* region -> country */
    char (*country)[3];                /* canonical ISO codes, sorted */
    double *country_lat, *country_lon; /* mean of the country's region centroids */
    const char **sector;               /* sector keys, as given without repeats */
    char (*title)[64];                 /* their titles, for names */
};

/*
 * Fills `p` (zeroed by the caller) from the options: countries canonical,
 * sorted and without repeats, their regions from the table, the sectors.
 * On failure `p` holds what was allocated; mc_gen_places_destroy releases it.
 * Errors: MC_E_USAGE (an invalid country or sector, a country without
 * regions, no countries, too many sectors), MC_E_NOMEM.
 */
enum mc_status mc_gen_places_setup(struct mc_gen_places *p, const struct mc_gen_options *o,
                                   struct mc_error *err);
void mc_gen_places_destroy(struct mc_gen_places *p);

/* "ICT" for ict, else the key with a capital and '-'/'_' as spaces ("solar-pv": "Solar pv"). */
void mc_gen_sector_title(const char *key, char *buf, size_t size);

/* calloc of at least one item; MC_E_NOMEM in `err` naming `what` when it fails. */
void *mc_gen_calloc(size_t n, size_t size, const char *what, struct mc_error *err);

/* ==== Ties ==== */

/* A direct tie between u < v, tagged with a sector. */
struct mc_gen_tie {
    int32_t u, v;
    int32_t sector;
    uint32_t weight;
    uint8_t rewired; /* planted model: moved by noise */
};

/* Appends the tie {u, v} (either order) to (*ties)[0 .. *n), growing it. Errors: MC_E_NOMEM. */
enum mc_status mc_gen_tie_push(struct mc_gen_tie **ties, size_t *n, size_t *cap, int32_t u,
                               int32_t v, int32_t s, uint32_t w, bool rewired,
                               struct mc_error *err);

/*
 * Sorts the ties by (u, v, sector) and merges those of one pair: the weights
 * add up under the first sector. Returns the number left.
 */
size_t mc_gen_ties_merge(struct mc_gen_tie *ties, size_t n);

/* ==== Indexes ==== */

#define MC_GEN_KEYS_MAX 3

/* Writes item i's keys (at most MC_GEN_KEYS_MAX, each below nkeys) into `key`; returns how many. */
typedef size_t (*mc_gen_keys_fn)(const void *ctx, size_t i, size_t *key);

/*
 * A CSR index of items 0..n-1 by their keys: the items with key k are
 * cl[off[k] .. off[k+1]), in increasing order. Errors: MC_E_NOMEM.
 */
enum mc_status mc_gen_index(size_t n, size_t nkeys, mc_gen_keys_fn keys, const void *ctx,
                            size_t **off_out, int32_t **cl_out, struct mc_error *err);

/* ==== Output files ==== */

enum { MC_GEN_NODES, MC_GEN_EDGES, MC_GEN_AFF, MC_GEN_GROUPS, MC_GEN_TRUTH, MC_GEN_FILES };

/* The files of a run: f[k] is NULL for a file the form does not write. */
struct mc_gen_files {
    struct mc_outfile out[MC_GEN_FILES];
    FILE *f[MC_GEN_FILES];
    const char *dir;
    enum mc_gen_form form;
};

/* Creates `dir` and opens the files of `form` (each to a temporary name). */
enum mc_status mc_gen_files_open(struct mc_gen_files *fs, const char *dir, enum mc_gen_form form,
                                 struct mc_error *err);
/* Renames them into place and removes the other form's files from an earlier run. */
enum mc_status mc_gen_files_commit(struct mc_gen_files *fs, struct mc_error *err);
/* Drops what was not committed; safe to call after a commit. */
void mc_gen_files_abort(struct mc_gen_files *fs);

/* The landscape model (src/generate_landscape.c); mc_generate calls it for MC_GEN_LANDSCAPE. */
enum mc_status mc_generate_landscape(const struct mc_gen_options *opt, const char *dir,
                                     struct mc_gen_stats *stats, struct mc_error *err);

#endif
