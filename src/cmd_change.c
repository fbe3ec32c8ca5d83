/*
 * metaclust change DATASET --from A-B --to C-D [--sector S] [--json] [-o DIR]
 * How the network changed between two periods.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/change.h"
#include "metaclust/outfile.h"

enum {
    OPT_FROM = OPT_FIRST_COMMAND_SPECIFIC,
    OPT_TO,
    OPT_JSON,
    OPT_FORMAT,
    OPT_TOP,
    OPT_SEED,
    OPT_RUNS
};

enum mc_status cmd_change(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"from", required_argument, NULL, OPT_FROM},
                                         {"to", required_argument, NULL, OPT_TO},
                                         {"json", no_argument, NULL, OPT_JSON},
                                         {"format", required_argument, NULL, OPT_FORMAT},
                                         {"top", required_argument, NULL, OPT_TOP},
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"runs", required_argument, NULL, OPT_RUNS},
                                         {"output", required_argument, NULL, 'o'},
                                         {0}};
    struct cli_data d;
    struct mc_change_options co;
    struct mc_period from = {0}, to = {0};
    enum mc_format fmt = MC_FORMAT_TABLE;
    const char *outdir = "change";
    long top = 10, runs = 3;
    enum mc_status rc = MC_OK;
    struct mc_dataset before, after;
    struct mc_change ch;
    struct mc_outfile out = {0};
    json_t *json = NULL;

    cli_data_init(&d);
    mc_change_options_init(&co);
    mc_dataset_init(&before);
    mc_dataset_init(&after);
    mc_change_init(&ch);
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
            cli_print_help(stdout, cli_find_command("change"));
            goto out;
        case OPT_FROM:
            rc = mc_period_parse("--from", optarg, &from, err);
            break;
        case OPT_TO:
            rc = mc_period_parse("--to", optarg, &to, err);
            break;
        case OPT_JSON:
            fmt = MC_FORMAT_JSON;
            break;
        case OPT_FORMAT:
            if (!mc_format_parse(optarg, &fmt) || fmt == MC_FORMAT_CSV) {
                rc = cli_invalid("--format", optarg, "table or json", err);
            }
            break;
        case OPT_TOP:
            rc = cli_long("--top", optarg, 1, 1000, &top, err);
            break;
        case OPT_SEED:
            rc = cli_seed(optarg, &co.comm.seed, err);
            break;
        case OPT_RUNS:
            rc = cli_long("--runs", optarg, 1, 1000, &runs, err);
            break;
        case 'o':
            outdir = optarg;
            if (outdir[0] == '\0') {
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0, "--output: empty directory name");
            }
            break;
        default:
            rc = cli_bad_option("change", argc, argv, c, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (d.load.years.set) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "change: --years does not apply; name the two periods with --from and "
                          "--to");
        goto out;
    }
    if (!from.set || !to.set) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "change: missing %s (e.g. --from 2014-2016 --to 2018-2020; see "
                          "'metaclust change --help')",
                          !from.set ? "--from" : "--to");
        goto out;
    }
    co.comm.runs = (int)runs;
    d.load.years = from;
    if ((rc = cli_load_dataset(&d, "change", argc, argv, &before, err)) != MC_OK) {
        goto out;
    }
    cli_print_warnings(&d, &before, NULL);
    d.load.years = to;
    if ((rc = cli_load_dataset(&d, "change", argc, argv, &after, err)) != MC_OK) {
        goto out;
    }
    cli_print_warnings(&d, &after, NULL);
    co.view = d.view;
    if ((rc = mc_change_compute(&before, &after, &co, &ch, err)) != MC_OK) {
        goto out;
    }
    struct mc_render_options ro;
    mc_render_options_init(&ro);
    ro.width = 1000;
    ro.height = 700;
    if ((rc = mc_change_write(outdir, &after, &ch, (size_t)top, &ro, err)) != MC_OK) {
        goto out;
    }
    if (fmt == MC_FORMAT_JSON && (json = mc_change_json(&after, &ch, (size_t)top)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    if ((rc = mc_outfile_open(&out, NULL, err)) != MC_OK) {
        goto out;
    }
    if (json != NULL) {
        rc = mc_json_write(json, out.f, NULL, err);
    } else {
        mc_change_table(out.f, &after, &ch, (size_t)top);
    }
    if (rc == MC_OK) {
        rc = mc_outfile_commit(&out, err);
    }
    if (rc == MC_OK) {
        cli_note(&d,
                 "change: change.csv, change_nodes.csv, change.json and change.png written to %s/",
                 outdir);
    }
out:
    mc_outfile_abort(&out);
    json_decref(json);
    mc_change_destroy(&ch);
    mc_dataset_destroy(&after);
    mc_dataset_destroy(&before);
    return rc;
}
