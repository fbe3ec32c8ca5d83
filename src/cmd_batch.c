/*
 * metaclust batch INPUT... -o OUTDIR [--sectors all|each|none|LIST] [-j N] [--formats LIST]
 *                 [--seed N] [--runs K] [--resume] [--keep-going|--fail-fast] [--shard I/N]
 * metaclust batch --merge DIR... [-o OUTDIR]
 *
 * The whole pipeline (info, centrality, communities, proposals, figures) over
 * many units, each in a forked worker; then summary.csv, report.md and a
 * static index.html over the results. The plan is batch_plan.h's, a unit's
 * pipeline mc_unit_run() (unit.h), the workers and reports batch.h's: this
 * file keeps the options, the progress lines and the calls.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_common.h"
#include "metaclust/batch.h"
#include "metaclust/batch_national.h"
#include "metaclust/batch_plan.h"
#include "metaclust/outfile.h"
#include "metaclust/parallel.h"
#include "metaclust/proposals_filter.h"
#include "metaclust/propose.h"
#include "metaclust/render.h"
#include "metaclust/sectors.h"
#include "metaclust/unit.h"
#include "metaclust/util.h"

enum {
    OPT_SECTORS = OPT_FIRST_COMMAND_SPECIFIC,
    OPT_FORMATS,
    OPT_SEED,
    OPT_RUNS,
    OPT_RESUME,
    OPT_KEEP_GOING,
    OPT_FAIL_FAST,
    OPT_SHARD,
    OPT_MERGE,
    OPT_TIMEOUT,
    OPT_TITLE,
    OPT_COUNTRY,
    OPT_RUNS_EXACT
};

struct batch {
    struct cli_data data;
    const char *outdir;
    struct mc_batch_plan plan; /* inputs and units */
    unsigned long seed;
    int runs;
    bool runs_exact; /* --runs-exact */
    int jobs;
    bool formats[MC_UNIT_FORMATS]; /* png, svg, pdf for network figures */
    bool resume, fail_fast, quiet;
    long shard_i, shard_n;
    double timeout;
    const char *title;
    const char *country; /* --country XX */
    /* progress */
    bool tty;
    size_t done, total;
    double t0;
    enum mc_unit_state *state;
    double *seconds;
    struct mc_sector_found *found; /* per unit: what its proposals gave */
    char **errors;
    bool *running;
    /*
     * The sectors ranking, made by a worker alongside the units: rank_job is its
     * index in the schedule (past the units'; SIZE_MAX: the parent ranks at the
     * end); deferred marks the sectors whose proposals their units give.
     */
    size_t rank_job;
    bool *deferred;
    struct mc_sectors ranked;
    bool have_ranked;
};

/* ==== the sectors section ==== */

/* Whether the batch ranks the sectors: one dataset with sectors, not a shard. */
static bool ranks_sectors(const struct batch *b) {
    return b->shard_n == 0 && b->plan.n_in == 1 && b->plan.in[0].loaded &&
           b->plan.in[0].ds.sectors.n > 0;
}

/* The sector of the ranked dataset that unit `i` proposes on; -1: none (another input, all). */
static long ranked_sector(const struct batch *b, size_t i) {
    const struct mc_batch_unit *u = &b->plan.units[i];
    return u->input == 0 && u->sector >= 0 && (size_t)u->sector < b->plan.in[0].ds.sectors.n
               ? (long)u->sector
               : -1;
}

/* The ranking's options: the counts on the plain view, the proposals on the batch's. */
static void sectors_options(const struct batch *b, struct mc_sectors_options *so) {
    mc_sectors_options_init(so);
    so->propose_view = b->data.view;
    so->view.projection = b->data.view.projection;
    so->view.max_group_size = b->data.view.max_group_size;
    so->propose.seed = b->seed;
    so->jobs = b->jobs;
}

/*
 * The ranking job, in a worker: every sector counted, the proposals sought
 * for the sectors no unit proposes on (the others' wait for their units:
 * mc_sectors_settle), sent back packed in res->extra.
 */
static enum mc_status rank_job_run(const struct batch *b, struct mc_unit_result *res,
                                   struct mc_error *err) {
    const struct mc_dataset *ds = &b->plan.in[0].ds;
    struct mc_sectors_options so;
    struct mc_sectors s;
    struct mc_sector_found *later = calloc(ds->sectors.n, sizeof *later);
    enum mc_status rc;
    if (later == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < ds->sectors.n; i++) {
        later[i].set = b->deferred[i];
    }
    sectors_options(b, &so);
    so.jobs = 1; /* the other workers have the other cores */
    so.found = later;
    mc_sectors_init(&s);
    if ((rc = mc_sectors_compute(ds, &so, &s, err)) == MC_OK) {
        rc = mc_sectors_pack(&s, &res->extra, &res->extra_len, err);
    }
    mc_sectors_destroy(&s);
    free(later);
    /*
     * Not a unit: its failure must not stop the units (--fail-fast). Without its bytes the
     * parent ranks at the end, and meets the same error there if there is one.
     */
    if (rc != MC_OK) {
        res->extra = NULL;
        res->extra_len = 0;
    }
    return MC_OK;
}

/*
 * Ranks the sectors into OUTDIR/sectors/ (metaclust sectors' files plus the
 * sections the reports lead with): the ranking job's result completed with the
 * units' proposals, or, when the job or a unit it waits for did not succeed,
 * ranked here. The sectors the units proposed on (same view and seed; not with
 * --country, whose units keep only some proposals) are not proposed on again.
 */
static enum mc_status batch_sectors(struct batch *b, struct mc_error *err) {
    const struct mc_batch_input *in = &b->plan.in[0];
    if (!ranks_sectors(b)) {
        return MC_OK;
    }
    struct mc_sectors_options so;
    struct mc_render_options ro;
    char *dir = mc_path_join(b->outdir, "sectors");
    struct mc_sector_found *found = calloc(in->ds.sectors.n, sizeof *found);
    enum mc_status rc = MC_OK;
    if (dir == NULL || found == NULL) {
        free(dir);
        free(found);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t i = 0; b->country == NULL && i < b->plan.n_units; i++) {
        long s = ranked_sector(b, i);
        if (s >= 0 && b->state[i] == MC_UNIT_OK && b->found[i].set) {
            found[s] = b->found[i];
        }
    }
    bool settled = b->have_ranked;
    for (size_t i = 0; settled && i < in->ds.sectors.n; i++) {
        settled = !b->deferred[i] || found[i].set;
    }
    if (settled) {
        rc = mc_sectors_settle(&in->ds, found, &b->ranked, err);
    } else {
        sectors_options(b, &so);
        so.found = found;
        mc_sectors_destroy(&b->ranked);
        rc = mc_sectors_compute(&in->ds, &so, &b->ranked, err);
    }
    if (rc == MC_OK) {
        mc_sectors_render_options(&b->ranked, &ro);
        if ((rc = mc_sectors_write(dir, &in->ds, &b->ranked, &ro, err)) == MC_OK) {
            rc = mc_sectors_write_sections(dir, &in->ds, &b->ranked, err);
        }
    }
    if (rc == MC_OK && !b->quiet) {
        fprintf(stderr, "metaclust: batch: %zu sectors ranked into %s/\n", b->ranked.n_rows, dir);
    }
    free(found);
    free(dir);
    return rc;
}

/* ==== one unit (in a worker) ==== */

/* The unit's options: the batch's, with the unit's view and folder. */
static void unit_options(const struct batch *b, size_t index, struct mc_unit_options *o) {
    const struct mc_batch_unit *u = &b->plan.units[index];
    mc_unit_options_init(o);
    o->ds = &b->plan.in[u->input].ds;
    o->view = b->data.view;
    o->view.sector = u->sector;
    o->name = u->name;
    o->outdir = b->outdir;
    o->dir = u->dir;
    o->seed = b->seed;
    o->runs = b->runs;
    o->runs_exact = b->runs_exact;
    o->jobs = b->jobs > 1 ? 1 : 0; /* workers already use the cores */
    memcpy(o->formats, b->formats, sizeof o->formats);
    o->palette = b->plan.palette;
    o->country = b->country;
}

static enum mc_status run_unit(void *ctx, size_t index, struct mc_unit_result *res,
                               struct mc_error *err) {
    const struct batch *b = ctx;
    if (index == b->rank_job) {
        return rank_job_run(b, res, err);
    }
    const struct mc_batch_unit *u = &b->plan.units[index];
    const struct mc_batch_input *in = &b->plan.in[u->input];
    struct mc_unit_options o;
    if (!in->loaded) {
        return mc_error_set(err, MC_E_DATA, NULL, 0, "%s", in->error);
    }
    /* fault injection for the tests: this unit's worker dies as from a crash */
    const char *crash = getenv("METACLUST_TEST_CRASH_UNIT");
    if (crash != NULL && strcmp(crash, u->name) == 0) {
        raise(SIGSEGV);
    }
    unit_options(b, index, &o);
    o.found = &res->found;
    return mc_unit_run(&o, err);
}

/* ==== progress ==== */

static void progress_line(struct batch *b) {
    if (b->quiet || !b->tty) {
        return;
    }
    char bar[31];
    size_t fill = b->total ? 30 * b->done / b->total : 30;
    for (size_t i = 0; i < 30; i++) {
        bar[i] = i < fill ? '#' : '.';
    }
    bar[30] = '\0';
    char cur[160] = "";
    size_t o = 0;
    for (size_t i = 0; i < b->plan.n_units && o < sizeof cur - 8; i++) {
        if (b->running[i]) {
            int w = snprintf(cur + o, sizeof cur - o, "%s%s", o ? ", " : "", b->plan.units[i].name);
            o += w > 0 ? (size_t)w : 0;
        }
    }
    double el = mc_now() - b->t0;
    char eta[32] = "";
    if (b->done > 0 && b->done < b->total) {
        double left = el / (double)b->done * (double)(b->total - b->done);
        snprintf(eta, sizeof eta, ", ETA %ld:%02ld", (long)left / 60, (long)left % 60);
    }
    cli_progress("[%s] %zu/%zu units%s%s%s", bar, b->done, b->total, eta, *cur ? " · " : "", cur);
}

static void on_started(void *ctx, size_t unit) {
    struct batch *b = ctx;
    if (unit == b->rank_job) {
        return;
    }
    b->running[unit] = true;
    progress_line(b);
}

static void on_finished(void *ctx, size_t unit, enum mc_unit_state s,
                        const struct mc_unit_result *r) {
    struct batch *b = ctx;
    if (unit == b->rank_job) {
        /* not a unit: its ranking, when it came (else batch_sectors ranks) */
        b->have_ranked = s == MC_UNIT_OK && r->extra != NULL &&
                         mc_sectors_unpack(r->extra, r->extra_len, &b->ranked, NULL) == MC_OK;
        return;
    }
    b->running[unit] = false;
    b->state[unit] = s;
    b->seconds[unit] = r->seconds;
    b->found[unit] = r->found;
    b->done++;
    if (s != MC_UNIT_OK) {
        mc_unit_remove_temps(b->outdir, b->plan.units[unit].dir);
        free(b->errors[unit]);
        b->errors[unit] = strdup(s == MC_UNIT_TIMEOUT ? "timed out" : r->error);
    }
    if (b->quiet) {
        return;
    }
    if (b->tty) {
        cli_progress(NULL);
    }
    if (s == MC_UNIT_OK) {
        cli_note(&b->data, "batch: [%zu/%zu] %s ok (%.1f s)", b->done, b->total,
                 b->plan.units[unit].name, r->seconds);
    } else {
        cli_note(&b->data, "batch: [%zu/%zu] %s %s: %s", b->done, b->total,
                 b->plan.units[unit].name, mc_unit_state_name(s),
                 b->errors[unit] ? b->errors[unit] : "");
    }
    progress_line(b);
}

/* ==== resume ==== */

static bool up_to_date(const struct batch *b, size_t index, json_t **record) {
    const struct mc_batch_unit *u = &b->plan.units[index];
    const struct mc_batch_input *in = &b->plan.in[u->input];
    struct mc_unit_options o;
    *record = NULL;
    if (!in->loaded) {
        return false;
    }
    unit_options(b, index, &o);
    return mc_unit_up_to_date(b->outdir, u->dir, in->mtime, &o, record);
}

/* ==== the command ==== */

static void batch_destroy(struct batch *b) {
    for (size_t i = 0; b->errors && i < b->plan.n_units; i++) {
        free(b->errors[i]);
    }
    mc_batch_plan_destroy(&b->plan);
    mc_sectors_destroy(&b->ranked);
    free(b->deferred);
    free(b->errors);
    free(b->state);
    free(b->seconds);
    free(b->found);
    free(b->running);
}

enum mc_status cmd_batch(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"output", required_argument, NULL, 'o'},
                                         {"sectors", required_argument, NULL, OPT_SECTORS},
                                         {"jobs", required_argument, NULL, 'j'},
                                         {"formats", required_argument, NULL, OPT_FORMATS},
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"runs", required_argument, NULL, OPT_RUNS},
                                         {"resume", no_argument, NULL, OPT_RESUME},
                                         {"keep-going", no_argument, NULL, OPT_KEEP_GOING},
                                         {"fail-fast", no_argument, NULL, OPT_FAIL_FAST},
                                         {"shard", required_argument, NULL, OPT_SHARD},
                                         {"merge", no_argument, NULL, OPT_MERGE},
                                         {"timeout", required_argument, NULL, OPT_TIMEOUT},
                                         {"title", required_argument, NULL, OPT_TITLE},
                                         {"country", required_argument, NULL, OPT_COUNTRY},
                                         {"runs-exact", required_argument, NULL, OPT_RUNS_EXACT},
                                         {0}};
    struct batch b;
    const char *sectors = NULL;
    bool do_merge = false, runs_given = false;
    enum mc_status rc = MC_OK;
    long v;

    memset(&b, 0, sizeof b);
    b.rank_job = SIZE_MAX;
    mc_sectors_init(&b.ranked);
    cli_data_init(&b.data);
    mc_propose_view_defaults(&b.data.view);
    b.runs = 10;
    b.jobs = mc_parallel_default_jobs();
    b.formats[0] = true;
    optind = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:j:", opts, NULL)) != -1) {
        if (cli_data_option(&b.data, c, optarg, &rc, err)) {
            if (rc == MC_OK && (c == OPT_SECTOR || c == OPT_NODES || c == OPT_EDGES ||
                                c == OPT_AFFILIATIONS || c == OPT_GROUPS)) {
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                                  "batch: name datasets as INPUT directories and sectors with "
                                  "--sectors");
            }
            if (rc != MC_OK) {
                goto out;
            }
            continue;
        }
        switch (c) {
        case 'h':
            cli_print_help(stdout, cli_find_command("batch"));
            goto out;
        case 'o':
            b.outdir = optarg;
            break;
        case OPT_SECTORS:
            sectors = optarg;
            break;
        case 'j':
            rc = cli_long("-j", optarg, 1, 256, &v, err);
            b.jobs = (int)v;
            break;
        case OPT_FORMATS:
            rc = mc_unit_formats_parse(optarg, b.formats, err);
            break;
        case OPT_SEED:
            rc = cli_seed(optarg, &b.seed, err);
            break;
        case OPT_RUNS:
            rc = cli_long("--runs", optarg, 1, 1000, &v, err);
            b.runs = (int)v;
            runs_given = true;
            break;
        case OPT_RESUME:
            b.resume = true;
            break;
        case OPT_KEEP_GOING:
            b.fail_fast = false;
            break;
        case OPT_FAIL_FAST:
            b.fail_fast = true;
            break;
        case OPT_SHARD: {
            char tail;
            if (sscanf(optarg, "%ld/%ld%c", &b.shard_i, &b.shard_n, &tail) != 2 || b.shard_n < 1 ||
                b.shard_i < 1 || b.shard_i > b.shard_n) {
                rc = cli_invalid("--shard", optarg, "I/N with 1 <= I <= N", err);
            }
            break;
        }
        case OPT_MERGE:
            do_merge = true;
            break;
        case OPT_TIMEOUT:
            rc = cli_real("--timeout", optarg, 0, 1e7, &b.timeout, err);
            break;
        case OPT_RUNS_EXACT:
            rc = cli_long("--runs-exact", optarg, 1, 1000, &v, err);
            b.runs = (int)v;
            b.runs_exact = true;
            break;
        case OPT_COUNTRY:
            b.country = optarg;
            rc = mc_country_check(optarg, err);
            break;
        case OPT_TITLE:
            b.title = optarg;
            break;
        default:
            rc = cli_bad_option("batch", argc, argv, c, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    b.quiet = b.data.quiet;
    if (runs_given && b.runs_exact) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "batch: --runs (an upper bound) and --runs-exact (exactly N runs) "
                          "exclude each other");
        goto out;
    }
    if (optind >= argc) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "batch: missing INPUT (a dataset directory, or a directory of "
                          "datasets; see 'metaclust batch --help')");
        goto out;
    }
    if (do_merge) {
        if (b.outdir == NULL) {
            b.outdir = argv[optind];
        }
        size_t merged = 0;
        rc = mc_batch_merge(b.outdir, argv + optind, (size_t)(argc - optind),
                            b.title ? b.title : "metaclust batch", &merged, err);
        if (rc == MC_OK) {
            cli_note(&b.data, "batch: merged %zu units into %s/index.html", merged, b.outdir);
        }
        goto out;
    }
    if (b.outdir == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0, "batch: missing -o OUTDIR");
        goto out;
    }
    for (int i = optind; rc == MC_OK && i < argc; i++) {
        rc = mc_batch_plan_add(&b.plan, argv[i], err);
    }
    if (rc != MC_OK || (rc = mc_batch_plan_units(&b.plan, &b.data.load, sectors, err)) != MC_OK ||
        (rc = mc_mkdirs(b.outdir, err)) != MC_OK) {
        goto out;
    }
    b.state = calloc(b.plan.n_units + 1, sizeof *b.state);
    b.seconds = calloc(b.plan.n_units + 1, sizeof *b.seconds);
    b.found = calloc(b.plan.n_units + 1, sizeof *b.found);
    b.errors = calloc(b.plan.n_units + 1, sizeof *b.errors);
    b.running = calloc(b.plan.n_units + 1, sizeof *b.running);
    size_t *order = malloc((b.plan.n_units + 1) * sizeof *order);
    struct mc_unit_row *rows = calloc(b.plan.n_units + 1, sizeof *rows);
    json_t **kept = calloc(b.plan.n_units + 1, sizeof *kept);
    if (!b.state || !b.seconds || !b.found || !b.errors || !b.running || !order || !rows || !kept) {
        free(order);
        free(rows);
        free(kept);
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    /* which units run: the shard's, minus the ones up to date */
    size_t n = 0, skipped = 0;
    for (size_t i = 0; i < b.plan.n_units; i++) {
        if (!mc_batch_in_shard(i, b.shard_i, b.shard_n)) {
            b.state[i] = MC_UNIT_PENDING;
            continue;
        }
        if (b.resume && up_to_date(&b, i, &kept[i])) {
            b.state[i] = MC_UNIT_SKIPPED;
            b.seconds[i] = json_number_value(json_object_get(kept[i], "seconds"));
            skipped++;
            continue;
        }
        order[n++] = i;
    }
    /* the biggest units first, so the last ones to finish are short */
    mc_batch_plan_by_cost(&b.plan, order, n);
    b.total = n;
    /*
     * The sectors ranking goes first, on a worker of its own, so that it is done
     * alongside the units rather than after them; the sectors of the units that
     * run get their proposals from those units (batch_sectors).
     */
    if (n > 0 && ranks_sectors(&b)) {
        const struct mc_dataset *ds = &b.plan.in[0].ds;
        b.deferred = calloc(ds->sectors.n, sizeof *b.deferred);
        if (b.deferred == NULL) {
            free(order);
            free(rows);
            free(kept);
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            goto out;
        }
        for (size_t k = 0; b.country == NULL && k < n; k++) {
            long s = ranked_sector(&b, order[k]);
            if (s >= 0) {
                b.deferred[s] = true;
            }
        }
        b.rank_job = b.plan.n_units;
        memmove(order + 1, order, n * sizeof *order);
        order[0] = b.rank_job;
        n++;
    }
    b.tty = isatty(STDERR_FILENO);
    b.t0 = mc_now();
    cli_note(&b.data, "batch: %zu unit%s to run%s, %d worker%s, output in %s/", b.total,
             b.total == 1 ? "" : "s", skipped ? " (others up to date)" : "", b.jobs,
             b.jobs == 1 ? "" : "s", b.outdir);
    struct mc_batch_options bo = {.jobs = b.jobs,
                                  .timeout = b.timeout,
                                  .fail_fast = b.fail_fast,
                                  .worker_cleanup = mc_render_release};
    struct mc_batch_hooks hooks = {.ctx = &b, .started = on_started, .finished = on_finished};
    enum mc_status run_rc = mc_batch_run(order, n, run_unit, &b, &bo, &hooks, b.state, err);
    if (b.tty && !b.quiet) {
        cli_progress(NULL);
    }
    /* the reports, from the unit records (a shard leaves them to --merge) */
    size_t nrows = 0, failed = 0;
    for (size_t i = 0; i < b.plan.n_units; i++) {
        if (!mc_batch_in_shard(i, b.shard_i, b.shard_n)) {
            continue;
        }
        struct mc_unit_row *r = &rows[nrows++];
        r->name = strdup(b.plan.units[i].name);
        r->dir = strdup(b.plan.units[i].dir);
        r->state = b.state[i];
        r->seconds = b.seconds[i];
        r->error = strdup(b.errors[i] ? b.errors[i] : "");
        r->record =
            kept[i] ? kept[i]
                    : (b.state[i] == MC_UNIT_OK ? mc_unit_record_read(b.outdir, b.plan.units[i].dir)
                                                : NULL);
        kept[i] = NULL;
        if (b.state[i] == MC_UNIT_PENDING && run_rc == MC_E_INTERRUPTED) {
            r->state = MC_UNIT_INTERRUPTED;
        }
        failed += !(r->state == MC_UNIT_OK || r->state == MC_UNIT_SKIPPED ||
                    (r->state == MC_UNIT_PENDING && run_rc == MC_OK));
    }
    enum mc_status wrc = MC_OK;
    if (b.shard_n == 0) {
        struct mc_error serr;
        mc_error_init(&serr);
        enum mc_status src = run_rc == MC_OK ? batch_sectors(&b, &serr) : MC_OK;
        wrc = mc_batch_write_reports(b.outdir, b.title ? b.title : "metaclust batch", rows, nrows,
                                     err);
        if (wrc == MC_OK && b.country != NULL) {
            wrc = mc_batch_national_section(b.outdir, b.country, rows, nrows, err);
        }
        if (wrc == MC_OK && src != MC_OK) {
            wrc = src;
            *err = serr;
        }
    }
    for (size_t i = 0; i < nrows; i++) {
        mc_unit_row_destroy(&rows[i]);
    }
    for (size_t i = 0; i < b.plan.n_units; i++) {
        json_decref(kept[i]);
    }
    free(rows);
    free(kept);
    free(order);
    if (run_rc != MC_OK) {
        rc = run_rc;
    } else if (wrc != MC_OK) {
        rc = wrc;
    } else if (failed > 0) {
        rc = mc_error_set(err, MC_E_PARTIAL, NULL, 0,
                          "batch: %zu of %zu unit%s failed (see %s/summary.csv)", failed, nrows,
                          nrows == 1 ? "" : "s", b.outdir);
    } else {
        cli_note(&b.data, "batch: %zu unit%s done in %.1f s; open %s/index.html", nrows,
                 nrows == 1 ? "" : "s", mc_now() - b.t0, b.outdir);
        if (b.shard_n > 0) {
            cli_note(&b.data,
                     "batch: shard %ld/%ld: run 'metaclust batch --merge %s' when every shard is "
                     "done",
                     b.shard_i, b.shard_n, b.outdir);
        }
    }
out:
    batch_destroy(&b);
    return rc;
}
