/*
 * metaclust match DATASET --node ID [--sector S] [--top K] [--foreign-only] [--format F]
 * Partner recommendations for one cluster.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/csvio.h"
#include "metaclust/match.h"
#include "metaclust/outfile.h"
#include "metaclust/report.h"
#include "metaclust/report_table.h"
#include "metaclust/util.h"

enum { OPT_NODE = OPT_FIRST_COMMAND_SPECIFIC, OPT_TOP, OPT_FOREIGN_ONLY, OPT_FORMAT };

enum mc_status cmd_match(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"node", required_argument, NULL, OPT_NODE},
                                         {"top", required_argument, NULL, OPT_TOP},
                                         {"foreign-only", no_argument, NULL, OPT_FOREIGN_ONLY},
                                         {"format", required_argument, NULL, OPT_FORMAT},
                                         {"output", required_argument, NULL, 'o'},
                                         {0}};
    struct cli_data d;
    struct mc_match_options mo;
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_tags active;
    struct mc_match_result res;
    struct mc_outfile out = {0};
    const char *node_id = NULL, *output = NULL;
    enum mc_format fmt = MC_FORMAT_TABLE;
    enum mc_status rc = MC_OK;
    bool have_active = false;
    json_t *json = NULL;
    long v;

    cli_data_init(&d);
    mc_match_options_init(&mo);
    mc_dataset_init(&ds);
    mc_graph_init(&g);
    mc_match_result_init(&res);
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
            cli_print_help(stdout, cli_find_command("match"));
            goto out;
        case OPT_NODE:
            node_id = optarg;
            break;
        case OPT_TOP:
            rc = cli_long("--top", optarg, 1, 100000, &v, err);
            mo.top = (int)v;
            break;
        case OPT_FOREIGN_ONLY:
            mo.foreign_only = true;
            break;
        case OPT_FORMAT:
            rc = cli_format(optarg, &fmt, err);
            break;
        case 'o':
            output = optarg;
            break;
        default:
            rc = cli_bad_option("match", argc, argv, c, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (node_id == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "match: missing --node ID (the cluster to find partners for)");
        goto out;
    }
    if ((rc = cli_load(&d, "match", argc, argv, &ds, &g, err)) != MC_OK) {
        goto out;
    }
    long node;
    if ((rc = mc_dataset_require_node(&ds, node_id, &node, err)) != MC_OK) {
        goto out;
    }
    if ((rc = mc_dataset_active_sectors(&ds, &active, err)) != MC_OK) {
        goto out;
    }
    have_active = true;
    if ((rc = mc_match(&g, (int32_t)node, &active, &mo, &res, err)) != MC_OK) {
        goto out;
    }
    if (fmt == MC_FORMAT_JSON && (json = mc_match_json(&g, &active, &res)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    if ((rc = mc_outfile_open(&out, output, err)) != MC_OK) {
        goto out;
    }
    if (fmt == MC_FORMAT_JSON) {
        rc = mc_json_write(json, out.f, output, err);
    } else if (fmt == MC_FORMAT_CSV) {
        if (!mc_match_csv(out.f, &g, &active, &res)) {
            rc = mc_error_set(err, MC_E_IO, output ? output : "standard output", 0, "write error");
        }
    } else {
        mc_match_table(out.f, &g, &active, &res);
    }
    if (rc == MC_OK) {
        rc = mc_outfile_commit(&out, err);
    }
out:
    mc_outfile_abort(&out);
    json_decref(json);
    mc_match_result_destroy(&res);
    if (have_active) {
        mc_tags_destroy(&active);
    }
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    return rc;
}
