#ifndef METACLUST_UNIT_H
#define METACLUST_UNIT_H

/*
 * One batch unit: a view of a dataset (one sector, or the whole dataset) run
 * through the whole pipeline into its own folder OUTDIR/<dir>/:
 *
 *   info.json, centrality.csv, communities.csv, the proposal files
 *   (proposals.csv, .md, .json, .xlsx, members.csv, missing_links.csv, rejected.csv),
 *   network.<png|svg|pdf>, meta.png, and last of all unit.json, its record.
 *
 * The record is what the batch reports (batch.h) are built from, and what
 * --resume checks. Its writer and its reader live together in unit_record.c:
 * every key of unit.json is named there and nowhere else.
 */

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "metaclust/dataset.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"
#include "metaclust/sectors.h"

/* Figure formats of a unit's network figure. */
enum { MC_UNIT_PNG = 0, MC_UNIT_SVG, MC_UNIT_PDF, MC_UNIT_FORMATS };

struct mc_unit_options {
    const struct mc_dataset *ds; /* loaded */
    struct mc_view_options view; /* the unit's sector and projection */
    const char *name;            /* "SC3", "all", "dataset/SC3" */
    const char *outdir;          /* the batch's output directory */
    const char *dir;             /* the unit's folder, relative to outdir */
    unsigned long seed;
    int runs;                      /* Leiden runs (default 10), at most unless runs_exact */
    bool runs_exact;               /* --runs-exact: exactly `runs` runs */
    int jobs;                      /* worker processes for centrality and communities; 0: default */
    bool formats[MC_UNIT_FORMATS]; /* network figure formats (default png) */
    const char *palette;           /* --palette of every figure: country codes, comma-separated */
    double exact_limit; /* centrality: exact path measures up to n x m of this; 0: default */
    /* --country XX: the proposals with a member from XX, and the national section */
    const char *country;
    /* when not NULL: receives what the proposals gave (before --country keeps some), so that
       the batch's sectors ranking need not propose on the sector again */
    struct mc_sector_found *found;
};

void mc_unit_options_init(struct mc_unit_options *o);

/*
 * --formats: a comma-separated list of png, svg and pdf into formats[].
 * Errors: MC_E_USAGE (an unknown or missing format, messages naming --formats).
 */
enum mc_status mc_unit_formats_parse(const char *list, bool formats[MC_UNIT_FORMATS],
                                     struct mc_error *err);

/* Removes the temporary files (*.tmp.*) a killed worker left in OUTDIR/<dir>/. */
void mc_unit_remove_temps(const char *outdir, const char *dir);

/*
 * Runs the unit: builds the view, writes every file above into
 * OUTDIR/<dir>/ (created when missing; an old unit.json is removed first, so
 * a failure never leaves a stale record), each atomically. Seeds igraph's RNG
 * with o->seed. Errors: those of the steps (MC_E_IO, MC_E_DATA, MC_E_NOMEM,
 * MC_E_IGRAPH, MC_E_INTERRUPTED).
 */
enum mc_status mc_unit_run(const struct mc_unit_options *o, struct mc_error *err);

/* ==== unit.json ==== */

#define MC_UNIT_TOP 5 /* proposals listed in a record */

struct mc_unit_top {
    const char *id, *country_list, *coordinator; /* "" when absent */
    double size, score;                          /* NAN when absent */
};

/*
 * A record, as written or as read. Strings are borrowed (from the results
 * when writing, from the JSON object when reading) and "" when absent;
 * numbers are NAN when absent.
 */
struct mc_unit_record {
    const char *unit, *dir, *dataset, *sector, *status, *projection, *version;
    double nodes, edges, total_weight, modularity, communities, stability_nmi, proposals;
    double seconds;
    double seed, runs;     /* runs: the --runs asked for (the upper bound) */
    double runs_made;      /* Leiden runs made for the communities */
    const char *runs_stop; /* why no more: exact, limit, settled (mc_comm_stop_name) */
    bool runs_exact;
    bool formats[MC_UNIT_FORMATS];
    const char *network, *meta; /* figure file names, "" when none */
    struct mc_unit_top top[MC_UNIT_TOP];
    size_t n_top;
    double timings[6]; /* seconds: graph, info, centrality, communities, proposals, figures */
    double cpu[6];     /* CPU seconds (user + system, helper processes included) of each */
};

/* An empty record: every string "", every number NAN. */
void mc_unit_record_init(struct mc_unit_record *r);

/* The record as a JSON object (numbers rounded as unit.json keeps them); NULL: no memory. */
json_t *mc_unit_record_json(const struct mc_unit_record *r);

/* Writes OUTDIR/<dir>/unit.json atomically. */
enum mc_status mc_unit_record_write(const char *outdir, const char *dir,
                                    const struct mc_unit_record *r, struct mc_error *err);

/* Reads OUTDIR/<dir>/unit.json; NULL when absent or unreadable. */
json_t *mc_unit_record_read(const char *outdir, const char *dir);

/* The fields of a record read as JSON (may be NULL: an empty record); strings point into `j`. */
void mc_unit_record_parse(const json_t *j, struct mc_unit_record *r);

/*
 * --resume: whether the record of OUTDIR/<dir> is newer than `mtime` (the
 * newest input file) and was made with the same seed, runs, projection and
 * at least the figure formats asked for now. *record receives it (the caller
 * owns it) when it is up to date, NULL otherwise.
 */
bool mc_unit_up_to_date(const char *outdir, const char *dir, time_t mtime,
                        const struct mc_unit_options *o, json_t **record);

#endif
