/*
 * metaclust sectors DATASET [--years A-B] [-o DIR]
 * Sectors ranked by meta-cluster potential; emerging sector pairs.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/outfile.h"
#include "metaclust/sectors.h"

enum { OPT_SEED = OPT_FIRST_COMMAND_SPECIFIC, OPT_RUNS, OPT_JOBS };

enum mc_status cmd_sectors(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"runs", required_argument, NULL, OPT_RUNS},
                                         {"jobs", required_argument, NULL, 'j'},
                                         {"output", required_argument, NULL, 'o'},
                                         {0}};
    struct cli_data d;
    struct mc_sectors_options so;
    const char *outdir = "sectors";
    long runs = 1;
    enum mc_status rc = MC_OK;
    struct mc_dataset ds;
    struct mc_sectors s;
    struct mc_outfile out = {0};

    cli_data_init(&d);
    mc_propose_view_defaults(&d.view); /* the proposals as propose makes them */
    mc_sectors_options_init(&so);
    mc_dataset_init(&ds);
    mc_sectors_init(&s);
    optind = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:j:", opts, NULL)) != -1) {
        if (cli_data_option(&d, c, optarg, &rc, err)) {
            if (rc != MC_OK) {
                goto out;
            }
            continue;
        }
        switch (c) {
        case 'h':
            cli_print_help(stdout, cli_find_command("sectors"));
            goto out;
        case OPT_SEED:
            rc = cli_seed(optarg, &so.propose.seed, err);
            break;
        case OPT_RUNS:
            rc = cli_long("--runs", optarg, 1, 1000, &runs, err);
            break;
        case 'j':
            rc = cli_jobs(optarg, &so.jobs, err);
            break;
        case 'o':
            outdir = optarg;
            if (outdir[0] == '\0') {
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0, "--output: empty directory name");
            }
            break;
        default:
            rc = cli_bad_option("sectors", argc, argv, c, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (d.sector != NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "sectors: --sector does not apply (every sector is ranked)");
        goto out;
    }
    so.propose.runs = (int)runs;
    if ((rc = cli_load_dataset(&d, "sectors", argc, argv, &ds, err)) != MC_OK) {
        goto out;
    }
    cli_print_warnings(&d, &ds, NULL);
    if (ds.sectors.n == 0) {
        rc = mc_error_set(err, MC_E_DATA, ds.dir ? ds.dir : ds.name, 0,
                          "no sectors to rank (give nodes a 'sectors' column, or affiliation "
                          "rows or groups a sector)");
        goto out;
    }
    so.propose_view = d.view;
    so.view.projection = d.view.projection; /* the counts on the plain view */
    so.view.max_group_size = d.view.max_group_size;
    double t0 = mc_now();
    if ((rc = mc_sectors_compute(&ds, &so, &s, err)) != MC_OK) {
        goto out;
    }
    struct mc_render_options ro;
    mc_sectors_render_options(&s, &ro);
    if ((rc = mc_sectors_write(outdir, &ds, &s, &ro, err)) != MC_OK ||
        (rc = mc_outfile_open(&out, NULL, err)) != MC_OK) {
        goto out;
    }
    mc_sectors_table(out.f, &ds, &s, s.n_rows);
    if ((rc = mc_outfile_commit(&out, err)) == MC_OK) {
        cli_note(&d,
                 "sectors: %zu sector%s ranked, %zu sector pair%s (%.1f s); sectors.csv, "
                 "sectors.md, sectors.png, emerging.csv and emerging.png written to %s/",
                 s.n_rows, s.n_rows == 1 ? "" : "s", s.n_pairs, s.n_pairs == 1 ? "" : "s",
                 mc_now() - t0, outdir);
    }
out:
    mc_outfile_abort(&out);
    mc_sectors_destroy(&s);
    mc_dataset_destroy(&ds);
    return rc;
}
