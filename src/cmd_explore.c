/*
 * metaclust explore DATASET [--sector S] [--years A-B] [--proposals DIR] -o FILE.html
 * One self-contained, offline HTML page to explore a view: search, hover,
 * filters, a click panel. Parses the options and calls mc_explore_write()
 * (explore.h) through an atomic output file.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/explore.h"
#include "metaclust/outfile.h"
#include "metaclust/proposals_io.h"

enum {
    OPT_PROPOSALS = OPT_FIRST_COMMAND_SPECIFIC,
    OPT_SEED,
    OPT_RUNS,
    OPT_LAYOUT,
    OPT_TITLE,
    OPT_MAX_EDGES
};

enum mc_status cmd_explore(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"output", required_argument, NULL, 'o'},
                                         {"proposals", required_argument, NULL, OPT_PROPOSALS},
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"runs", required_argument, NULL, OPT_RUNS},
                                         {"layout", required_argument, NULL, OPT_LAYOUT},
                                         {"title", required_argument, NULL, OPT_TITLE},
                                         {"max-edges", required_argument, NULL, OPT_MAX_EDGES},
                                         {"jobs", required_argument, NULL, 'j'},
                                         {0}};
    struct cli_data d;
    struct mc_explore_options eo;
    struct mc_explore_info info;
    struct mc_proposals_io pio;
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_outfile out = {0};
    const char *output = NULL, *proposals = NULL;
    enum mc_status rc = MC_OK;
    long lv;
    int c;

    cli_data_init(&d);
    mc_explore_options_init(&eo);
    mc_proposals_io_init(&pio);
    mc_dataset_init(&ds);
    mc_graph_init(&g);
    optind = 0;
    while ((c = getopt_long(argc, argv, ":ho:j:", opts, NULL)) != -1) {
        if (cli_data_option(&d, c, optarg, &rc, err)) {
            if (rc != MC_OK) {
                goto out;
            }
            continue;
        }
        switch (c) {
        case 'h':
            cli_print_help(stdout, cli_find_command("explore"));
            goto out;
        case 'o':
            output = optarg;
            break;
        case OPT_PROPOSALS:
            proposals = optarg;
            break;
        case OPT_SEED:
            rc = cli_seed(optarg, &eo.seed, err);
            break;
        case OPT_RUNS:
            rc = cli_long("--runs", optarg, 1, 1000, &lv, err);
            eo.runs = (int)lv;
            break;
        case OPT_LAYOUT:
            if (!mc_layout_parse(optarg, &eo.layout)) {
                rc = cli_invalid("--layout", optarg,
                                 "auto, fr, kk, drl, multilevel, geo or country", err);
            }
            break;
        case OPT_TITLE:
            eo.title = optarg;
            break;
        case OPT_MAX_EDGES:
            rc = cli_long("--max-edges", optarg, 0, 100000000, &lv, err);
            eo.edge_cap = (igraph_integer_t)lv;
            break;
        case 'j':
            rc = cli_jobs(optarg, &eo.jobs, err);
            break;
        default:
            rc = cli_bad_option("explore", argc, argv, c, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (output == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "explore: missing -o FILE.html (see 'metaclust explore --help')");
        goto out;
    }
    if (proposals != NULL && (rc = mc_proposals_io_read(&pio, proposals, err)) != MC_OK) {
        goto out;
    }
    if ((rc = cli_load(&d, "explore", argc, argv, &ds, &g, err)) != MC_OK) {
        goto out;
    }
    eo.proposals = proposals != NULL ? &pio : NULL;
    if ((rc = mc_outfile_open(&out, output, err)) != MC_OK ||
        (rc = mc_explore_write(&ds, &g, &eo, out.f, &info, err)) != MC_OK ||
        (rc = mc_outfile_commit(&out, err)) != MC_OK) {
        goto out;
    }
    cli_note(&d, "wrote %s (%ld nodes, %ld links, %ld drawn at first, %zu proposals)", output,
             (long)info.nodes, (long)info.edges, (long)info.edges_drawn, info.proposals);
out:
    mc_outfile_abort(&out);
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    mc_proposals_io_destroy(&pio);
    return rc;
}
