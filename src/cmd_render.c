/*
 * metaclust render DATASET [--sector S] -o FILE.png|.svg|.pdf [options]
 * Network figures: the graph of a view, the meta-cluster map (--meta), or one
 * proposal (--proposal ID --proposals DIR). Parses the options and calls
 * mc_figure_draw() (figure.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/figure.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/layout.h"
#include "metaclust/render.h"

enum {
    OPT_LAYOUT = OPT_FIRST_COMMAND_SPECIFIC,
    OPT_COLOR,
    OPT_SIZE,
    OPT_LABELS,
    OPT_WIDTH,
    OPT_HEIGHT,
    OPT_DPI,
    OPT_TITLE,
    OPT_SEED,
    OPT_PALETTE,
    OPT_META,
    OPT_PROPOSAL,
    OPT_PROPOSALS,
    OPT_RUNS
};

static const char *const colour_names[] = {"community", "country", "sector", "none"};
static const char *const size_names[] = {"pagerank", "strength", "degree", "betweenness", "none"};

/* ==== Options ==== */

static enum mc_status parse_labels(const char *arg, struct mc_render_options *ro,
                                   struct mc_error *err) {
    if (strcmp(arg, "auto") == 0) {
        ro->labels = MC_LABELS_AUTO;
    } else if (strcmp(arg, "all") == 0) {
        ro->labels = MC_LABELS_ALL;
    } else if (strcmp(arg, "none") == 0) {
        ro->labels = MC_LABELS_NONE;
    } else if (strncmp(arg, "top:", 4) == 0) {
        long n;
        if (!mc_parse_long(arg + 4, 0, 1000000, &n)) {
            return cli_invalid("--labels", arg, "auto, all, none or top:N with N from 0 to 1000000",
                               err);
        }
        ro->labels = MC_LABELS_TOP;
        ro->top = (size_t)n;
    } else {
        return cli_invalid("--labels", arg, "auto, all, none or top:N", err);
    }
    return MC_OK;
}

enum mc_status cmd_render(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"output", required_argument, NULL, 'o'},
                                         {"layout", required_argument, NULL, OPT_LAYOUT},
                                         {"color", required_argument, NULL, OPT_COLOR},
                                         {"colour", required_argument, NULL, OPT_COLOR},
                                         {"size", required_argument, NULL, OPT_SIZE},
                                         {"labels", required_argument, NULL, OPT_LABELS},
                                         {"width", required_argument, NULL, OPT_WIDTH},
                                         {"height", required_argument, NULL, OPT_HEIGHT},
                                         {"dpi", required_argument, NULL, OPT_DPI},
                                         {"title", required_argument, NULL, OPT_TITLE},
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"palette", required_argument, NULL, OPT_PALETTE},
                                         {"meta", no_argument, NULL, OPT_META},
                                         {"proposal", required_argument, NULL, OPT_PROPOSAL},
                                         {"proposals", required_argument, NULL, OPT_PROPOSALS},
                                         {"runs", required_argument, NULL, OPT_RUNS},
                                         {0}};
    struct cli_data d;
    struct mc_figure_options fig;
    struct mc_figure_info info;
    const char *output = NULL;
    enum mc_status rc = MC_OK;
    struct mc_dataset ds;
    struct mc_graph g;
    char *sector = NULL;
    int c, k;
    long lv;

    cli_data_init(&d);
    mc_figure_options_init(&fig);
    mc_dataset_init(&ds);
    mc_graph_init(&g);
    optind = 0;
    while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
        if (cli_data_option(&d, c, optarg, &rc, err)) {
            if (rc != MC_OK) {
                goto out;
            }
            continue;
        }
        switch (c) {
        case 'h':
            cli_print_help(stdout, cli_find_command("render"));
            goto out;
        case 'o':
            output = optarg;
            break;
        case OPT_LAYOUT: {
            enum mc_layout_kind lk;
            if (!mc_layout_parse(optarg, &lk)) {
                rc = cli_invalid("--layout", optarg,
                                 "auto, fr, kk, drl, multilevel, geo or country", err);
                goto out;
            }
            fig.layout = lk;
            break;
        }
        case OPT_COLOR:
            rc = cli_choice("--color", optarg, colour_names, MC_ARRAY_SIZE(colour_names), &k, err);
            fig.colour = (enum mc_figure_colour)k;
            break;
        case OPT_SIZE:
            rc = cli_choice("--size", optarg, size_names, MC_ARRAY_SIZE(size_names), &k, err);
            fig.size = (enum mc_figure_size)k;
            break;
        case OPT_LABELS:
            rc = parse_labels(optarg, &fig.render, err);
            break;
        case OPT_WIDTH:
            rc = cli_long("--width", optarg, 200, 20000, &lv, err);
            fig.render.width = (double)lv;
            break;
        case OPT_HEIGHT:
            rc = cli_long("--height", optarg, 200, 20000, &lv, err);
            fig.render.height = (double)lv;
            break;
        case OPT_DPI:
            rc = cli_real("--dpi", optarg, 24, 1200, &fig.render.dpi, err);
            break;
        case OPT_TITLE:
            fig.title = optarg;
            break;
        case OPT_SEED:
            rc = cli_seed(optarg, &fig.seed, err);
            break;
        case OPT_PALETTE:
            fig.palette = optarg;
            break;
        case OPT_META:
            fig.meta = true;
            break;
        case OPT_PROPOSAL:
            fig.proposal = optarg;
            break;
        case OPT_PROPOSALS:
            fig.proposals_dir = optarg;
            break;
        case OPT_RUNS:
            rc = cli_long("--runs", optarg, 1, 1000, &lv, err);
            fig.runs = (int)lv;
            break;
        default:
            rc = cli_bad_option("render", argc, argv, c, err);
            goto out;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (output == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "render: missing -o FILE (.png, .svg or .pdf; see 'metaclust render "
                          "--help')");
        goto out;
    }
    if (!mc_figure_format_from_path(output, &fig.render.format)) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "render: cannot tell the format of '%s' (expected a name ending in "
                          ".png, .svg or .pdf)",
                          output);
        goto out;
    }
    if (fig.proposal != NULL && fig.proposals_dir == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "--proposal: needs --proposals DIR (the output of 'metaclust propose')");
        goto out;
    }
    if (fig.proposal != NULL && fig.meta) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "--meta and --proposal draw different figures: give one of them");
        goto out;
    }
    if (fig.proposals_dir != NULL && fig.proposal == NULL && !fig.meta) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "--proposals: needs --meta (the map of the proposals) or --proposal ID");
        goto out;
    }
    if (fig.proposal != NULL && d.sector == NULL) { /* the proposal's own sector view */
        if ((rc = mc_figure_proposal_sector(fig.proposals_dir, fig.proposal, &sector, err)) !=
            MC_OK) {
            goto out;
        }
        d.sector = sector;
    }
    if ((rc = cli_load(&d, "render", argc, argv, &ds, &g, err)) != MC_OK) {
        goto out;
    }
    mc_igraph_seed(fig.seed);
    if ((rc = mc_figure_draw(&ds, &g, &fig, output, &info, err)) == MC_OK) {
        cli_note(&d, "render: %s", info.note);
    }
out:
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    free(sector);
    return rc;
}
