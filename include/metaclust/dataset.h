#ifndef METACLUST_DATASET_H
#define METACLUST_DATASET_H

/*
 * A dataset as read from disk: actors (nodes), direct relationships (edges),
 * memberships or participations (affiliations) and group attributes
 * (groups). Ids are interned to dense indices; nothing here is a graph yet —
 * graph.h builds one view of a dataset (a sector, a projection) at a time.
 *
 * Files (see README "Data model"): a directory holding some of nodes.csv,
 * edges.csv, affiliations.csv, groups.csv (each may also be .csv.gz), or the
 * files named one by one.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "metaclust/countries.h"
#include "metaclust/error.h"
#include "metaclust/util.h"

enum mc_label { MC_LABEL_NONE = 0, MC_LABEL_BRONZE = 1, MC_LABEL_SILVER = 2, MC_LABEL_GOLD = 3 };

/* An affiliation row's `role`: lead/coordinator, plain participant, or not given. */
enum mc_aff_role { MC_ROLE_NONE = 0, MC_ROLE_PARTICIPANT = 1, MC_ROLE_LEAD = 2 };

/* "coordinator", "lead", "lead partner" -> LEAD; "participant", "partner", "member" ->
 * PARTICIPANT (case-insensitive); anything else -> NONE. */
enum mc_aff_role mc_role_parse(const char *s);

/*
 * Variable-length lists of small integers (the sectors of each node, edge,
 * affiliation row or group), in compressed-row form: the values of item i
 * are val[off[i] .. off[i+1]), sorted and without repeats.
 */
struct mc_tags {
    size_t *off; /* n+1 entries once the first item is added */
    int32_t *val;
    size_t n, cap_off, nval, cap_val;
};

/* Warnings gathered while loading or building; the CLI prints them. */
struct mc_warnings {
    char **msg;
    size_t n, cap;
    size_t dropped; /* beyond the cap, counted only */
};

struct mc_dataset {
    char *name; /* for captions: the directory's base name */
    char *dir;  /* NULL when files were named one by one */
    char *path_nodes, *path_edges, *path_affiliations, *path_groups; /* NULL when absent */

    struct mc_strpool pool; /* every string below lives here */

    /* ---- nodes ---- */
    struct mc_intern ids; /* node id -> node index */
    size_t n_nodes;
    const char **node_name;      /* the id when there is no name */
    int32_t *node_country;       /* index into `countries`, -1 when unknown */
    const char **node_region;    /* "" when absent */
    const char **node_type;      /* "" when absent */
    double *node_lat, *node_lon; /* NAN when absent */
    uint8_t *node_label;         /* enum mc_label */
    uint8_t *node_declared;      /* 1: a row of nodes.csv; 0: created by --add-missing */
    struct mc_tags node_sectors;
    size_t n_extra; /* other columns of nodes.csv, kept as strings */
    const char **extra_name;
    const char **extra_val; /* n_nodes x n_extra, row-major; "" when empty */
    size_t cap_nodes;

    struct mc_intern countries; /* ISO 3166-1 alpha-2, upper case; EL->GR, UK->GB */
    struct mc_intern sectors;   /* case-insensitive; first spelling kept */

    /* ---- direct edges, one per row of edges.csv ---- */
    size_t n_edges, cap_edges;
    int32_t *edge_src, *edge_tgt;
    double *edge_w;
    long *edge_year; /* 0 when unknown */
    struct mc_tags edge_sectors;

    /* ---- affiliation rows (duplicates of (node, group) kept; the view merges them) ---- */
    size_t n_aff, cap_aff;
    int32_t *aff_node, *aff_group;
    double *aff_w;
    uint8_t *aff_role;          /* enum mc_aff_role */
    double *aff_contribution;   /* EU contribution in euro; NAN when not given */
    struct mc_tags aff_sectors; /* the row's own tags; empty: the group's tags apply */

    /* ---- groups ---- */
    struct mc_intern groups; /* group id -> group index */
    struct mc_tags group_sectors;
    const char **group_name;       /* NULL when no groups.csv row */
    long *group_year;              /* start year; 0 when unknown */
    long *group_end_year;          /* 0 when unknown */
    double *group_cost;            /* total cost; NAN when unknown */
    double *group_eu_contribution; /* NAN when unknown */
    size_t cap_groups;

    /* ---- what loading noticed ---- */
    size_t nodes_without_country;
    size_t nodes_added; /* by --add-missing */
    struct mc_warnings warnings;
};

struct mc_load_options {
    const char *dir;   /* dataset directory, or NULL */
    const char *nodes; /* explicit files (override the directory's) */
    const char *edges;
    const char *affiliations;
    const char *groups;
    bool add_missing; /* create nodes for unknown ids instead of failing */
    /*
     * "FROM=TO": sector FROM is read as sector TO (case-insensitive), to merge
     * a misspelling into its sector; n_sector_alias entries.
     */
    const char *const *sector_alias;
    size_t n_sector_alias;
    /*
     * "KEY=COLUMN": the column named COLUMN (case-insensitive) holds KEY (a
     * column name of the data model: name, country, id...) in the files that
     * have it; n_columns entries. Each must be found in some file.
     */
    const char *const *columns;
    size_t n_columns;
};

void mc_dataset_init(struct mc_dataset *ds);
void mc_dataset_destroy(struct mc_dataset *ds);

/*
 * Loads a dataset. Needs at least one of edges or affiliations, or a nodes
 * file. On failure `ds` is left empty-but-valid (destroy it as usual).
 * Errors: MC_E_IO (missing/unreadable files), MC_E_DATA (the first bad row,
 * with file, line and column), MC_E_NOMEM.
 * Time complexity: O(total bytes) expected.
 */
enum mc_status mc_dataset_load(struct mc_dataset *ds, const struct mc_load_options *opt,
                               struct mc_error *err);

/* Checks one --columns mapping, "KEY=COLUMN" with a known KEY; MC_E_USAGE otherwise. */
enum mc_status mc_columns_check(const char *map, struct mc_error *err);

/*
 * Checks one --sector-alias value, "FROM=TO" with both sides non-empty;
 * MC_E_USAGE otherwise.
 */
enum mc_status mc_sector_alias_check(const char *alias, struct mc_error *err);

/* Sector index for a name (case-insensitive), or -1. */
long mc_dataset_sector(const struct mc_dataset *ds, const char *name);

/*
 * Like mc_dataset_sector, but an unknown name is an MC_E_USAGE error that
 * suggests the closest sector names.
 */
enum mc_status mc_dataset_require_sector(const struct mc_dataset *ds, const char *name,
                                         long *sector, struct mc_error *err);

/* Node index for an id, or an MC_E_USAGE error suggesting the closest ids. */
enum mc_status mc_dataset_require_node(const struct mc_dataset *ds, const char *id, long *node,
                                       struct mc_error *err);

static inline const char *mc_dataset_node_id(const struct mc_dataset *ds, size_t i) {
    return ds->ids.keys[i];
}
static inline const char *mc_dataset_country_name(const struct mc_dataset *ds, int32_t c) {
    return c < 0 ? "" : ds->countries.keys[c];
}
static inline const char *mc_dataset_sector_name(const struct mc_dataset *ds, int32_t s) {
    return ds->sectors.keys[s];
}

/*
 * The sectors each node is active in: those it lists in nodes.csv plus those
 * of every edge or affiliation row tagged with a sector that it appears in
 * (an affiliation row is tagged by its own sector field, else by its
 * group's). `out` receives one item per node. Time complexity: O(rows).
 */
enum mc_status mc_dataset_active_sectors(const struct mc_dataset *ds, struct mc_tags *out,
                                         struct mc_error *err);

/* True when node i lists sector s in nodes.csv. */
bool mc_dataset_node_has_sector(const struct mc_dataset *ds, size_t i, int32_t s);

/* Label name ("gold", ...; "" for none) and parsing (false for unknown text). */
const char *mc_label_name(enum mc_label l);
bool mc_label_parse(const char *s, enum mc_label *out);

/* ==== mc_tags ==== */
void mc_tags_init(struct mc_tags *t);
void mc_tags_destroy(struct mc_tags *t);
/* Appends an item whose values are vals[0..n) (sorted and deduplicated here). */
enum mc_status mc_tags_push(struct mc_tags *t, const int32_t *vals, size_t n, struct mc_error *err);
static inline size_t mc_tags_count(const struct mc_tags *t, size_t i) {
    return t->off[i + 1] - t->off[i];
}
static inline const int32_t *mc_tags_of(const struct mc_tags *t, size_t i) {
    return t->val + t->off[i];
}
bool mc_tags_has(const struct mc_tags *t, size_t i, int32_t v);

/*
 * The sectors of affiliation row r: its own tags, or its group's when it has
 * none (the one rule for every reader). Returns the tags and sets *item to
 * the item in them: mc_tags_count(t, *item), mc_tags_of(t, *item).
 */
static inline const struct mc_tags *mc_dataset_aff_tags(const struct mc_dataset *ds, size_t r,
                                                        size_t *item) {
    if (mc_tags_count(&ds->aff_sectors, r) > 0) {
        *item = r;
        return &ds->aff_sectors;
    }
    *item = (size_t)ds->aff_group[r];
    return &ds->group_sectors;
}

/*
 * The dataset's sectors in output order (by name, byte-wise): order[0..n)
 * receives sector indices, n = ds->sectors.n. Every listing of sectors
 * (reports, proposal files, batch units) uses this order.
 */
void mc_dataset_sector_order(const struct mc_dataset *ds, long *order);

/* ==== mc_warnings ==== */
void mc_warnings_init(struct mc_warnings *w);
void mc_warnings_destroy(struct mc_warnings *w);
void mc_warnings_add(struct mc_warnings *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
