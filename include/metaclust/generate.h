#ifndef METACLUST_GENERATE_H
#define METACLUST_GENERATE_H

/*
 * A synthetic landscape of industrial clusters with planted transnational
 * meta-clusters: the data with a known answer that `propose` is tested on.
 *
 * Clusters are the nodes. Each sits in a real NUTS-2 region (the built-in
 * table, datasets/nuts2.csv embedded at build time, or a --regions file),
 * lists 1-3 sectors, has a heavy-tailed member count and maybe an ESCA label.
 * Direct cooperation links between clusters come from a gravity model;
 * partners (SMEs, universities, R&D institutes) are groups that affiliate
 * with 1-3 clusters, mostly in their home region, so that the projection
 * links clusters that share a partner. On top, K planted meta-clusters:
 * groups of clusters of one sector in at least three countries, with dense,
 * intense cooperation and shared partners, blurred by `noise`.
 *
 * The model and its parameters are documented in README.md
 * ("metaclust generate").
 */

#include <stdbool.h>
#include <stddef.h>

#include "metaclust/error.h"

/* One NUTS-2 region: code, ISO country, name (UTF-8), centroid. */
struct mc_region {
    const char *code;
    const char *country;
    const char *name;
    double lat, lon;
};

/* The built-in table (datasets/nuts2.csv as compiled in): *n receives its length. */
const struct mc_region *mc_regions_builtin(size_t *n);

/* A region table read from a file; owns its strings. */
struct mc_region_table {
    struct mc_region *r;
    size_t n;
    char *text; /* the strings */
};

void mc_region_table_init(struct mc_region_table *t);
void mc_region_table_destroy(struct mc_region_table *t);

/*
 * Reads a CSV with the columns code, country, name, lat, lon (found by name;
 * country is an ISO alpha-2 code, lat/lon decimal degrees). Errors:
 * MC_E_IO, MC_E_DATA naming the file, line and column (bad or duplicate
 * code, bad country, coordinates out of range, no rows).
 */
enum mc_status mc_region_table_load(struct mc_region_table *t, const char *path,
                                    struct mc_error *err);

/* Progress of a long run: phase ("nodes", "edges", "partners"), items done of total. */
typedef void (*mc_gen_progress_fn)(void *ctx, const char *phase, size_t done, size_t total);

/* The model: planted (src/generate.c) or landscape (src/generate_landscape.c). */
enum mc_gen_model { MC_GEN_PLANTED = 0, MC_GEN_LANDSCAPE };

/* Which cooperation files a run writes (nodes.csv and truth.csv always). */
enum mc_gen_form {
    MC_GEN_FORM_BOTH = 0,     /* edges.csv, affiliations.csv and groups.csv */
    MC_GEN_FORM_EDGES,        /* edges.csv only */
    MC_GEN_FORM_AFFILIATIONS, /* affiliations.csv and groups.csv only */
};

/* "planted", "landscape"; "both", "edges", "affiliations". */
const char *mc_gen_model_name(enum mc_gen_model m);
const char *mc_gen_form_name(enum mc_gen_form f);

struct mc_gen_options {
    unsigned long seed;
    enum mc_gen_model model;      /* default planted */
    enum mc_gen_form form;        /* default both */
    size_t clusters;              /* default 500 */
    size_t partners;              /* 0: 6 per cluster */
    const char *const *countries; /* ISO codes; NULL: CZ SK PL HU AT DE SI IT HR RO BG */
    size_t n_countries;
    const char *const *sectors; /* sector keys; NULL: the nine Clusters-CORD sectors */
    size_t n_sectors;
    long meta_clusters;          /* -1: one per 50 clusters, at least 1 */
    double noise;                /* share of planted ties rewired at random, [0, 1]; default 0.15 */
    size_t group_min, group_max; /* planted group sizes, default 4-15 */
    double degree;      /* background links a cluster seeks per sector (mean); default 2.5 */
    double commitment;  /* share of a planted member's other ties in its group's sector
                           that it gives up; default 0.95 */
    double decay_km;    /* distance decay length of the gravity kernel; default 200 */
    double border;      /* cross-border factor of the kernel, (0, 1]; default 0.1 */
    double same_sector; /* share of links sought in the cluster's own sectors; 0.85 */
    double local;       /* share of a partner's extra clusters in its home region; 0.7 */
    const struct mc_region *regions; /* NULL: the built-in table */
    size_t n_regions;
    mc_gen_progress_fn progress; /* may be NULL */
    void *progress_ctx;
};

/* Fills in the defaults above. */
void mc_gen_options_init(struct mc_gen_options *o);

/* What a run wrote. */
struct mc_gen_stats {
    size_t clusters, partners, edges, affiliations;
    size_t cross_border_edges;
    size_t meta_clusters, planted_members;
    size_t planted_edges, rewired_edges; /* planted ties kept / moved by noise */
    size_t countries, regions, sectors;
    size_t hangers; /* landscape: domestic neighbours hanging on planted members */
};

/* The defaults' names, for --help and messages. */
extern const char *const mc_gen_default_countries[];
extern const size_t mc_gen_n_default_countries;
extern const char *const mc_gen_default_sectors[];
extern const size_t mc_gen_n_default_sectors;

/*
 * Generates a landscape into directory `dir` (created if needed): nodes.csv,
 * edges.csv, affiliations.csv, groups.csv and truth.csv (edges.csv, or
 * affiliations.csv and groups.csv, only, by `form`; the other form's files
 * left in `dir` by an earlier run are removed), and for the landscape model
 * hangers.csv. Each file is written atomically. `opt->model` chooses the
 * model; the landscape model is described in src/generate_landscape.c. The same options give
 * byte-identical files; the randomness is the generator's own (xoshiro256** streams seeded by
 * splitmix64 from `seed`), not igraph's or libc's.
 *
 * Memory holds the clusters, the region tables and the planted ties only:
 * background links and partners are streamed to the files as they are drawn.
 *
 * Errors: MC_E_USAGE for options that cannot work (unknown country, a
 * country without regions, fewer than 3 countries with planted groups,
 * meta-clusters that cannot be planted: the message says why), MC_E_IO,
 * MC_E_NOMEM, MC_E_INTERRUPTED.
 * Time complexity: O(N + P + E) draws, each O(log R + log B) (R regions,
 * B the largest region-sector bucket), plus O(R^2 S) for the kernel.
 */
enum mc_status mc_generate(const struct mc_gen_options *opt, const char *dir,
                           struct mc_gen_stats *stats, struct mc_error *err);

#endif
