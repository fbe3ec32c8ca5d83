/*
 * metaclust info DATASET [--sector S] [--json]
 * What is in a dataset, as a graph.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/outfile.h"
#include "metaclust/report.h"
#include "metaclust/report_table.h"
#include "metaclust/summary.h"

enum { OPT_JSON = OPT_FIRST_COMMAND_SPECIFIC, OPT_FORMAT, OPT_OUTPUT };

enum mc_status cmd_info(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"json", no_argument, NULL, OPT_JSON},
                                         {"format", required_argument, NULL, OPT_FORMAT},
                                         {"output", required_argument, NULL, 'o'},
                                         {0}};
    struct cli_data d;
    enum mc_format fmt = MC_FORMAT_TABLE;
    const char *output = NULL;
    enum mc_status rc = MC_OK;
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_summary s;
    struct mc_outfile out = {0};
    json_t *json = NULL;

    cli_data_init(&d);
    mc_dataset_init(&ds);
    mc_graph_init(&g);
    mc_summary_init(&s);
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
            cli_print_help(stdout, cli_find_command("info"));
            goto out;
        case OPT_JSON:
            fmt = MC_FORMAT_JSON;
            break;
        case OPT_FORMAT:
            if (!mc_format_parse(optarg, &fmt) || fmt == MC_FORMAT_CSV) {
                rc = cli_invalid("--format", optarg, "table or json", err);
                goto out;
            }
            break;
        case 'o':
            output = optarg;
            break;
        default:
            rc = cli_bad_option("info", argc, argv, c, err);
            goto out;
        }
    }
    if ((rc = cli_load(&d, "info", argc, argv, &ds, &g, err)) != MC_OK ||
        (rc = mc_summary_compute(&g, &s, err)) != MC_OK) {
        goto out;
    }
    if (fmt == MC_FORMAT_JSON) {
        json = mc_info_json(&ds, &g, &s);
        if (json == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
            goto out;
        }
    }
    if ((rc = mc_outfile_open(&out, output, err)) != MC_OK) {
        goto out;
    }
    if (json != NULL) {
        rc = mc_json_write(json, out.f, output, err);
    } else {
        mc_info_table(out.f, &ds, &g, &s);
    }
    if (rc == MC_OK) {
        rc = mc_outfile_commit(&out, err);
    }
out:
    mc_outfile_abort(&out);
    json_decref(json);
    mc_summary_destroy(&s);
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    return rc;
}
