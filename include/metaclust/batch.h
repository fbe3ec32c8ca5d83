#ifndef METACLUST_BATCH_H
#define METACLUST_BATCH_H

/*
 * Batch runs: many units (a sector of a dataset, or a whole dataset), each
 * run in a forked worker process (igraph is not thread-safe in Debian's
 * build, and a crashing unit must not take the others down), and the
 * browsable reports over their results.
 *
 * A unit's worker writes its files into OUTDIR/<unit>/ and, last of all,
 * unit.json: the unit's record (key numbers, top proposals, figures, the
 * options it ran with). The record is what the summary, report.md and
 * index.html are built from, so `batch --merge` can rebuild them from unit
 * folders alone (shards run on other machines).
 */

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "metaclust/error.h"
#include "metaclust/unit.h" /* the records, unit.json */

/* A unit's outcome, as the parent sees it. */
enum mc_unit_state {
    MC_UNIT_PENDING = 0,
    MC_UNIT_OK,
    MC_UNIT_SKIPPED, /* --resume: up to date */
    MC_UNIT_FAILED,  /* the pipeline reported an error */
    MC_UNIT_CRASHED, /* the worker died from a signal */
    MC_UNIT_TIMEOUT, /* killed after --timeout seconds */
    MC_UNIT_INTERRUPTED
};

const char *mc_unit_state_name(enum mc_unit_state s);

/* What a worker reports back through its pipe (fixed size). */
struct mc_unit_result {
    int status; /* enum mc_status of the pipeline */
    double seconds;
    char error[MC_ERROR_MSG_MAX];
    struct mc_sector_found found; /* what the unit proposed, for the sectors ranking */
    /*
     * Bytes a unit sends back besides (a ranking computed alongside the units):
     * set by the worker's fn (extra malloc'd there); in the parent's `finished`
     * hook, the bytes received, valid during the call only.
     */
    void *extra;
    size_t extra_len;
};

/*
 * The work of one unit, run in the worker; `unit` indexes the caller's list.
 * It may fill res->found (zeroed before); status, seconds and error are the
 * scheduler's.
 */
typedef enum mc_status (*mc_unit_fn)(void *ctx, size_t unit, struct mc_unit_result *res,
                                     struct mc_error *err);

/* Scheduler callbacks, in the parent. */
struct mc_batch_hooks {
    void *ctx;
    /* a unit starts on a worker */
    void (*started)(void *ctx, size_t unit);
    /* a unit ended: its state and (for ok/failed) the worker's report */
    void (*finished)(void *ctx, size_t unit, enum mc_unit_state state,
                     const struct mc_unit_result *r);
};

struct mc_batch_options {
    int jobs;                     /* worker processes, >= 1 */
    double timeout;               /* seconds per unit; 0: none */
    bool fail_fast;               /* stop scheduling after the first failure */
    void (*worker_cleanup)(void); /* run in a worker before it exits (e.g. drop font caches) */
};

/*
 * Runs fn for every unit in `order` (indices into the caller's units) on up
 * to opt->jobs workers, one fork per unit. Each worker gets its own igraph
 * handlers and an RNG seeded by the pipeline itself. `state` (one entry per
 * unit index) receives each unit's outcome; units never started stay
 * PENDING. On SIGINT/SIGTERM the running workers are told to stop (they
 * remove their temporary files) and MC_E_INTERRUPTED is returned once all
 * have exited. Errors: MC_E_IO (fork, pipe), MC_E_INTERRUPTED.
 */
enum mc_status mc_batch_run(const size_t *order, size_t n, mc_unit_fn fn, void *fn_ctx,
                            const struct mc_batch_options *opt, const struct mc_batch_hooks *hooks,
                            enum mc_unit_state *state, struct mc_error *err);

/* ==== the reports ==== */

/*
 * One row of the summary: the unit's record as read from unit.json, or made
 * by the parent for a unit that has no record (failed, crashed, ...).
 */
struct mc_unit_row {
    char *name;     /* "SC3", "all", "dataset/sector" */
    char *dir;      /* OUTDIR-relative folder of the unit */
    json_t *record; /* unit.json (mc_unit_record_read, _parse), or NULL */
    enum mc_unit_state state;
    double seconds;
    char *error; /* "" when none */
};

void mc_unit_row_destroy(struct mc_unit_row *r);

/*
 * Writes summary.csv, report.md and index.html into `outdir`, each
 * atomically. `title` heads the report. Rows are written in the given order.
 */
enum mc_status mc_batch_write_reports(const char *outdir, const char *title,
                                      const struct mc_unit_row *rows, size_t n,
                                      struct mc_error *err);

#endif
