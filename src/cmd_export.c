/*
 * metaclust export DATASET [--sector S] [--with-analysis] -o
 * FILE.graphml|.gml|.net|.dot|.json|.gexf The graph and its node attributes, for Gephi, Cytoscape,
 * yEd, Pajek, Graphviz, VOSviewer. VOSviewer and GEXF carry a drawing: they always get the analysis
 * and a layout (render's, with the same seed).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/centrality.h"
#include "metaclust/community.h"
#include "metaclust/export.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/layout.h"
#include "metaclust/outfile.h"

enum { OPT_FORMAT = OPT_FIRST_COMMAND_SPECIFIC, OPT_WITH_ANALYSIS, OPT_RUNS, OPT_SEED, OPT_LAYOUT };

enum mc_status cmd_export(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"format", required_argument, NULL, OPT_FORMAT},
                                         {"with-analysis", no_argument, NULL, OPT_WITH_ANALYSIS},
                                         {"runs", required_argument, NULL, OPT_RUNS},
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"layout", required_argument, NULL, OPT_LAYOUT},
                                         {"jobs", required_argument, NULL, 'j'},
                                         {"output", required_argument, NULL, 'o'},
                                         {0}};
    struct cli_data d;
    const char *output = NULL;
    enum mc_export_format fmt = MC_EXPORT_GRAPHML;
    bool have_fmt = false, analysis = false;
    long runs = 10;
    int jobs = 0;
    unsigned long seed = 0;
    enum mc_status rc = MC_OK;
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_centrality cen;
    struct mc_comm_result res;
    igraph_vector_t z, p;
    igraph_matrix_t pos;
    enum mc_layout_kind layout = MC_LAYOUT_AUTO;
    struct mc_outfile out = {0};

    cli_data_init(&d);
    mc_dataset_init(&ds);
    mc_graph_init(&g);
    mc_centrality_init(&cen);
    mc_comm_result_init(&res);
    igraph_vector_init(&z, 0);
    igraph_vector_init(&p, 0);
    igraph_matrix_init(&pos, 0, 0);
    optind = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":ho:j:", opts, NULL)) != -1) {
        if (cli_data_option(&d, ch, optarg, &rc, err)) {
            if (rc != MC_OK) {
                goto out;
            }
            continue;
        }
        switch (ch) {
        case 'h':
            cli_print_help(stdout, cli_find_command("export"));
            goto out;
        case OPT_FORMAT:
            if (!mc_export_format_parse(optarg, &fmt)) {
                rc = cli_invalid("--format", optarg, "graphml, gml, pajek, dot, vosviewer or gexf",
                                 err);
            }
            have_fmt = true;
            break;
        case OPT_WITH_ANALYSIS:
            analysis = true;
            break;
        case OPT_LAYOUT:
            if (!mc_layout_parse(optarg, &layout)) {
                rc = cli_invalid("--layout", optarg,
                                 "auto, fr, kk, drl, multilevel, geo or country", err);
            }
            break;
        case OPT_RUNS:
            rc = cli_long("--runs", optarg, 1, 100000, &runs, err);
            break;
        case OPT_SEED:
            rc = cli_seed(optarg, &seed, err);
            break;
        case 'j':
            rc = cli_jobs(optarg, &jobs, err);
            break;
        case 'o':
            output = optarg;
            break;
        default:
            rc = cli_bad_option("export", argc, argv, ch, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (output == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "export: missing -o FILE (.graphml, .gml, .net, .dot, .json or .gexf)");
        goto out;
    }
    if (!have_fmt && !mc_export_format_from_path(output, &fmt)) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "export: cannot tell the format of '%s' (use .graphml, .gml, .net, "
                          ".dot, .json, .gexf or --format)",
                          output);
        goto out;
    }
    if ((rc = cli_load(&d, "export", argc, argv, &ds, &g, err)) != MC_OK) {
        goto out;
    }
    struct mc_export_analysis an = {0};
    analysis = analysis || mc_export_format_drawn(fmt);
    if (analysis) {
        struct mc_centrality_options co;
        struct mc_comm_options mo;
        mc_centrality_options_init(&co);
        co.seed = seed;
        co.jobs = jobs;
        mc_comm_options_init(&mo);
        mo.runs = (int)runs;
        mo.seed = seed;
        mo.jobs = jobs;
        if ((rc = mc_centrality_compute(&g, &co, &cen, err)) != MC_OK ||
            (rc = mc_communities(&g.ig, &g.weight, &mo, &res, err)) != MC_OK ||
            (rc = mc_roles(&g.ig, &g.weight, &res.best.membership, &z, &p, err)) != MC_OK) {
            goto out;
        }
        if (cen.betweenness_sampled) {
            cli_note(&d,
                     "note: path measures estimated from %ld sources (see 'metaclust "
                     "centrality --betweenness')",
                     (long)cen.betweenness_sources);
        }
        an.centrality = &cen;
        an.membership = &res.best.membership;
        an.confidence = &res.confidence;
        an.within_z = &z;
        an.participation = &p;
    }
    if (mc_export_format_drawn(fmt)) {
        /* the network figure's layout: same kind, seed and geographic inputs as render */
        struct mc_layout_options lo;
        struct mc_layout_info li;
        double *lat = malloc(((size_t)g.n + 1) * sizeof *lat);
        double *lon = malloc(((size_t)g.n + 1) * sizeof *lon);
        if (lat == NULL || lon == NULL) {
            free(lat);
            free(lon);
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (export)");
            goto out;
        }
        mc_layout_options_graph(&lo, &g, layout, seed, lat, lon);
        lo.community = VECTOR(res.best.membership); /* auto: render's regions */
        mc_igraph_seed(seed);
        rc = mc_layout_compute(&g.ig, &g.weight, &lo, &pos, &li, err);
        free(lat);
        free(lon);
        if (rc != MC_OK) {
            goto out;
        }
        an.position = &pos;
    }
    if ((rc = mc_outfile_open(&out, output, err)) != MC_OK ||
        (rc = mc_export_write(&g, analysis ? &an : NULL, fmt, out.f, err)) != MC_OK) {
        goto out;
    }
    rc = mc_outfile_commit(&out, err);
    if (rc == MC_OK) {
        cli_note(&d, "wrote %s (%s, %ld nodes, %ld edges)", output, mc_export_format_name(fmt),
                 (long)g.n, (long)igraph_ecount(&g.ig));
    }
out:
    mc_outfile_abort(&out);
    igraph_matrix_destroy(&pos);
    igraph_vector_destroy(&z);
    igraph_vector_destroy(&p);
    mc_comm_result_destroy(&res);
    mc_centrality_destroy(&cen);
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    return rc;
}
