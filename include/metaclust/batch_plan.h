#ifndef METACLUST_BATCH_PLAN_H
#define METACLUST_BATCH_PLAN_H

/*
 * The plan of a batch run: its inputs (datasets, loaded once) and its units
 * (a sector of a dataset, or a whole dataset), in the order every listing of
 * the batch uses, with a rough cost each for scheduling the big ones first.
 */

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "metaclust/batch.h"
#include "metaclust/dataset.h"
#include "metaclust/error.h"

/* A dataset given as INPUT (or found inside an INPUT directory). */
struct mc_batch_input {
    char *dir;
    char *name;
    struct mc_dataset ds;
    bool loaded;
    char error[MC_ERROR_MSG_MAX]; /* when loading failed */
    time_t mtime;                 /* newest input file */
};

struct mc_batch_unit {
    char *name; /* "SC3", "all", or "dataset/SC3" with several datasets */
    char *dir;  /* folder under OUTDIR */
    size_t input;
    long sector; /* -1: the whole dataset */
    double cost; /* rough work estimate, for scheduling the big units first */
};

struct mc_batch_plan {
    struct mc_batch_input *in;
    size_t n_in;
    struct mc_batch_unit *units;
    size_t n_units, cap_units;
    char *palette; /* every country of every input, most organisations first: one colour each */
};

void mc_batch_plan_init(struct mc_batch_plan *p);
void mc_batch_plan_destroy(struct mc_batch_plan *p);

/*
 * INPUT: a dataset directory, or a directory whose sub-directories are
 * datasets (added in name order). Errors: MC_E_IO (no such directory),
 * MC_E_DATA (no dataset there), MC_E_NOMEM.
 */
enum mc_status mc_batch_plan_add(struct mc_batch_plan *p, const char *path, struct mc_error *err);

/*
 * Loads every input with `lo` (a dataset that fails to load becomes one
 * failed unit, its message kept in the input) and lists the units per
 * `sectors`: NULL (one dataset: the whole and each sector; several: each
 * whole), "all", "each", "none" or a comma-separated list of sector names.
 * Errors: MC_E_USAGE (an unknown sector), MC_E_NOMEM.
 */
enum mc_status mc_batch_plan_units(struct mc_batch_plan *p, const struct mc_load_options *lo,
                                   const char *sectors, struct mc_error *err);

/* Sorts unit indices by decreasing cost (ties: by index): the biggest units first. */
void mc_batch_plan_by_cost(const struct mc_batch_plan *p, size_t *order, size_t n);

/*
 * --merge: appends a row for every unit folder (one holding unit.json) up to
 * two levels under `outdir` to rows[*n..], its record read, and sorts all
 * the rows by folder.
 * Errors: MC_E_IO (outdir unreadable), MC_E_NOMEM.
 */
enum mc_status mc_batch_find_units(const char *outdir, struct mc_unit_row **rows, size_t *n,
                                   size_t *cap, struct mc_error *err);

/*
 * --merge: the reports of `outdir` (summary.csv, report.md, index.html) from
 * every unit folder found there, after the shards of a run wrote into it.
 * `dirs` are the directories named on the command line: each must be
 * `outdir`. *units receives the number of units merged.
 * Errors: MC_E_USAGE (another directory), MC_E_DATA (no unit folder),
 * those of mc_batch_find_units and mc_batch_write_reports.
 */
enum mc_status mc_batch_merge(const char *outdir, char *const *dirs, size_t n_dirs,
                              const char *title, size_t *units, struct mc_error *err);

/* Whether unit `index` belongs to shard i of n (1 <= i <= n); every unit when n is 0. */
bool mc_batch_in_shard(size_t index, long i, long n);

#endif
