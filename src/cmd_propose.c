/*
 * metaclust propose DATASET [--sector S | --all-sectors] [--cross-sector] [-o DIR] ...
 * Meta-cluster proposals per sector.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd_common.h"
#include "metaclust/proposals_filter.h"
#include "metaclust/propose.h"
#include "metaclust/propose_report.h"
#include "metaclust/sectors.h"

enum {
    OPT_ALL_SECTORS = OPT_FIRST_COMMAND_SPECIFIC,
    OPT_CROSS_SECTOR,
    OPT_SEED,
    OPT_RUNS,
    OPT_RESOLUTION,
    OPT_MIN_COUNTRIES,
    OPT_MAX_SHARE,
    OPT_MIN_SIZE,
    OPT_MAX_SIZE,
    OPT_LINKS,
    OPT_REPORT_TOP,
    OPT_MIN_CROSS_BORDER,
    OPT_MIN_DENSITY,
    OPT_EXCLUDE_TYPE,
    OPT_DOMESTIC_WEIGHT,
    OPT_COUNTRY,
    OPT_RUNS_EXACT
};

#define MAX_EXCLUDE_TYPES 32

/* Builds the view for one sector (or the whole dataset) and proposes on it. */
static enum mc_status run_view(const struct cli_data *d, const struct mc_dataset *ds, long sector,
                               bool cross, const struct mc_propose_options *opt,
                               struct mc_sector_proposals *sp, struct mc_error *err) {
    struct mc_graph g;
    struct mc_view_options v = d->view;
    v.sector = sector;
    double t0 = mc_now();
    enum mc_status rc = mc_graph_build(&g, ds, &v, err);
    if (rc != MC_OK) {
        return rc;
    }
    rc = cross ? mc_propose_cross_sector(&g, opt, sp, err) : mc_propose_sector(&g, opt, sp, err);
    mc_graph_destroy(&g);
    if (rc != MC_OK) {
        return rc;
    }
    sp->seconds = mc_now() - t0;
    const char *name = cross         ? "cross-sector"
                       : sector >= 0 ? mc_dataset_sector_name(ds, (int32_t)sector)
                                     : "all";
    cli_note(d,
             "propose: %s: %zu nodes, %zu edges, %" IGRAPH_PRId " communities (Q=%.3f), "
             "%zu proposal%s, %zu rejected (%.1f s)",
             name, sp->nodes, sp->edges, sp->communities,
             isfinite(sp->modularity) ? sp->modularity : 0.0, sp->n_proposals,
             sp->n_proposals == 1 ? "" : "s", sp->n_rejected, sp->seconds);
    return MC_OK;
}

enum mc_status cmd_propose(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {
        CLI_DATA_OPTIONS,
        {"all-sectors", no_argument, NULL, OPT_ALL_SECTORS},
        {"cross-sector", no_argument, NULL, OPT_CROSS_SECTOR},
        {"output", required_argument, NULL, 'o'},
        {"seed", required_argument, NULL, OPT_SEED},
        {"runs", required_argument, NULL, OPT_RUNS},
        {"resolution", required_argument, NULL, OPT_RESOLUTION},
        {"min-countries", required_argument, NULL, OPT_MIN_COUNTRIES},
        {"max-share", required_argument, NULL, OPT_MAX_SHARE},
        {"min-size", required_argument, NULL, OPT_MIN_SIZE},
        {"max-size", required_argument, NULL, OPT_MAX_SIZE},
        {"links", required_argument, NULL, OPT_LINKS},
        {"report-top", required_argument, NULL, OPT_REPORT_TOP},
        {"min-cross-border", required_argument, NULL, OPT_MIN_CROSS_BORDER},
        {"min-density", required_argument, NULL, OPT_MIN_DENSITY},
        {"exclude-type", required_argument, NULL, OPT_EXCLUDE_TYPE},
        {"domestic-weight", required_argument, NULL, OPT_DOMESTIC_WEIGHT},
        {"country", required_argument, NULL, OPT_COUNTRY},
        {"runs-exact", required_argument, NULL, OPT_RUNS_EXACT},
        {0}};
    const char *exclude[MAX_EXCLUDE_TYPES];
    char *exclude_buf[MAX_EXCLUDE_TYPES];
    size_t n_exclude_buf = 0;
    struct cli_data d;
    struct mc_propose_options po;
    struct mc_dataset ds;
    struct mc_sector_proposals *sp = NULL;
    size_t nsp = 0;
    const char *outdir = "proposals", *country = NULL;
    long report_top = 10;
    bool all = false, cross = false; /* --all-sectors is the default; kept for clarity */
    bool runs_given = false;
    enum mc_status rc = MC_OK;
    long v;

    cli_data_init(&d);
    mc_propose_view_defaults(&d.view);
    mc_propose_options_init(&po);
    mc_dataset_init(&ds);
    optind = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
        if (cli_data_option(&d, c, optarg, &rc, err)) {
            if (rc != MC_OK) {
                goto out;
            }
            continue;
        }
        switch (c) {
        case 'h':
            cli_print_help(stdout, cli_find_command("propose"));
            goto out;
        case 'o':
            outdir = optarg;
            break;
        case OPT_ALL_SECTORS:
            all = true;
            break;
        case OPT_CROSS_SECTOR:
            cross = true;
            break;
        case OPT_SEED:
            rc = cli_seed(optarg, &po.seed, err);
            break;
        case OPT_RUNS:
            rc = cli_long("--runs", optarg, 1, 1000, &v, err);
            po.runs = (int)v;
            runs_given = true;
            break;
        case OPT_RESOLUTION:
            rc = cli_real("--resolution", optarg, 1e-6, 1e6, &po.resolution, err);
            break;
        case OPT_MIN_COUNTRIES:
            rc = cli_long("--min-countries", optarg, 1, 1000, &v, err);
            po.min_countries = (int)v;
            break;
        case OPT_MAX_SHARE:
            rc = cli_real("--max-share", optarg, 0.01, 1, &po.max_share, err);
            break;
        case OPT_MIN_SIZE:
            rc = cli_long("--min-size", optarg, 2, 100000, &v, err);
            po.min_size = (int)v;
            break;
        case OPT_MAX_SIZE:
            rc = cli_long("--max-size", optarg, 2, 100000, &v, err);
            po.max_size = (int)v;
            break;
        case OPT_LINKS:
            rc = cli_long("--links", optarg, 0, 1000, &v, err);
            po.links = (int)v;
            break;
        case OPT_REPORT_TOP:
            rc = cli_long("--report-top", optarg, 0, 1000000, &report_top, err);
            break;
        case OPT_RUNS_EXACT:
            rc = cli_long("--runs-exact", optarg, 1, 1000, &v, err);
            po.runs = (int)v;
            po.runs_exact = true;
            break;
        case OPT_COUNTRY:
            country = optarg;
            rc = mc_country_check(optarg, err);
            break;
        case OPT_MIN_CROSS_BORDER:
            rc = cli_real("--min-cross-border", optarg, 0, 1, &po.min_cross_border, err);
            break;
        case OPT_MIN_DENSITY:
            rc = cli_real("--min-density", optarg, 0, 1, &po.min_density, err);
            break;
        case OPT_DOMESTIC_WEIGHT:
            rc = cli_real("--domestic-weight", optarg, 0, 1, &po.domestic_weight, err);
            break;
        case OPT_EXCLUDE_TYPE:
            rc = cli_list("--exclude-type", optarg, exclude, &po.n_exclude_types, MAX_EXCLUDE_TYPES,
                          exclude_buf, &n_exclude_buf, err);
            po.exclude_types = exclude;
            break;
        default:
            rc = cli_bad_option("propose", argc, argv, c, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (runs_given && po.runs_exact) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "propose: --runs (an upper bound) and --runs-exact (exactly N runs) "
                          "exclude each other");
        goto out;
    }
    if (po.min_size > po.max_size) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0, "--min-size: %d is larger than --max-size %d",
                          po.min_size, po.max_size);
        goto out;
    }
    if (all && d.sector != NULL) {
        rc =
            mc_error_set(err, MC_E_USAGE, NULL, 0,
                         "--all-sectors: cannot be combined with --sector (give one or the other)");
        goto out;
    }
    if ((rc = cli_load_dataset(&d, "propose", argc, argv, &ds, err)) != MC_OK) {
        goto out;
    }
    cli_print_warnings(&d, &ds, NULL);
    /* no --sector: every sector when the dataset has sectors, else the whole graph */
    size_t nsec = 0;
    if (d.sector != NULL) {
        nsec = 1;
    } else if (ds.sectors.n > 0) {
        nsec = ds.sectors.n;
    } else {
        nsec = 1; /* the whole graph */
    }
    sp = calloc(nsec + 1, sizeof *sp);
    if (sp == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    /* sectors in name order, for stable output */
    long *order = malloc((ds.sectors.n + 1) * sizeof *order);
    if (order == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    mc_dataset_sector_order(&ds, order);
    for (size_t i = 0; i < nsec && rc == MC_OK; i++) {
        long sector = d.sector != NULL ? d.view.sector : ds.sectors.n > 0 ? order[i] : -1;
        rc = run_view(&d, &ds, sector, false, &po, &sp[nsp], err);
        if (rc == MC_OK) {
            nsp++;
        }
    }
    free(order);
    if (rc == MC_OK && cross) {
        rc = run_view(&d, &ds, -1, true, &po, &sp[nsp], err);
        if (rc == MC_OK) {
            nsp++;
        }
    }
    if (rc != MC_OK) {
        goto out;
    }
    /* --cross-sector points to the sector pairs whose cross-sector ties grew most */
    int32_t ea[5], eb[5];
    size_t ne = 0;
    if (cross && ds.sectors.n >= 2) {
        struct mc_view_options pv;
        struct mc_error ignored;
        mc_view_options_init(&pv);
        pv.projection = d.view.projection;
        pv.max_group_size = d.view.max_group_size;
        if (mc_sectors_top_pairs(&ds, &pv, 5, ea, eb, &ne, &ignored) != MC_OK) {
            ne = 0; /* no years to compare: the pairs are left out */
        }
    }
    struct mc_propose_run run = {.ds = &ds,
                                 .opt = &po,
                                 .projection = d.view.projection,
                                 .sectors = sp,
                                 .n_sectors = nsp,
                                 .report_top = (size_t)report_top,
                                 .emerging_a = ea,
                                 .emerging_b = eb,
                                 .n_emerging = ne};
    size_t total = 0;
    rc = mc_proposals_publish(outdir, &run, &d.view, country, &total, err);
    if (rc == MC_OK) {
        cli_note(&d, "propose: %zu proposal%s written to %s/ (proposals.md to read)", total,
                 total == 1 ? "" : "s", outdir);
    }
out:
    for (size_t i = 0; i < nsp; i++) {
        mc_sector_proposals_destroy(&sp[i]);
    }
    for (size_t i = 0; i < n_exclude_buf; i++) {
        free(exclude_buf[i]);
    }
    free(sp);
    mc_dataset_destroy(&ds);
    return rc;
}
