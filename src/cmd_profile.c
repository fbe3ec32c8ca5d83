/*
 * metaclust profile DATASET --node ID [--sector S] [-o DIR] [--seed N] [--runs K]
 * One cluster against its peers: profile.md, profile.json, ego.png.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/dataset_years.h"
#include "metaclust/outfile.h"
#include "metaclust/profile.h"
#include "metaclust/util.h"

enum {
    OPT_NODE = OPT_FIRST_COMMAND_SPECIFIC,
    OPT_SEED,
    OPT_RUNS,
    OPT_PARTNERS,
    OPT_SUGGESTIONS,
    OPT_YEARS
};

/* Writes what `json` or profile.md holds to DIR/NAME atomically, through memory. */
static enum mc_status write_file(const char *dir, const char *name, const struct mc_graph *g,
                                 const struct mc_profile *p, const json_t *json,
                                 struct mc_error *err) {
    char *path = mc_path_join(dir, name), *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    enum mc_status rc = MC_OK;
    if (path == NULL || f == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    } else if (json != NULL) {
        rc = mc_json_write(json, f, path, err);
    } else {
        mc_profile_markdown(f, g, p);
    }
    if (f != NULL && fclose(f) != 0 && rc == MC_OK) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    if (rc == MC_OK) {
        rc = mc_write_text_file(path, text, err);
    }
    free(text);
    free(path);
    return rc;
}

enum mc_status cmd_profile(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"node", required_argument, NULL, OPT_NODE},
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"runs", required_argument, NULL, OPT_RUNS},
                                         {"partners", required_argument, NULL, OPT_PARTNERS},
                                         {"suggestions", required_argument, NULL, OPT_SUGGESTIONS},
                                         {"years", required_argument, NULL, OPT_YEARS},
                                         {"output", required_argument, NULL, 'o'},
                                         {0}};
    struct cli_data d;
    struct mc_profile_options po;
    struct mc_dataset ds;
    struct mc_graph g, pv;
    struct mc_profile prof;
    const char *node_id = NULL, *dir = "profile";
    enum mc_status rc = MC_OK;
    json_t *json = NULL;
    char *png = NULL;
    long v, year_from = 0, year_to = 0;

    cli_data_init(&d);
    d.view.evidence = true; /* the groups behind each tie */
    mc_profile_options_init(&po);
    mc_dataset_init(&ds);
    mc_graph_init(&g);
    mc_graph_init(&pv);
    mc_profile_init(&prof);
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
            cli_print_help(stdout, cli_find_command("profile"));
            goto out;
        case OPT_NODE:
            node_id = optarg;
            break;
        case OPT_SEED:
            rc = cli_seed(optarg, &po.seed, err);
            break;
        case OPT_RUNS:
            rc = cli_long("--runs", optarg, 1, 1000, &v, err);
            po.runs = (int)v;
            break;
        case OPT_PARTNERS:
            rc = cli_long("--partners", optarg, 0, 100000, &v, err);
            po.partners = (int)v;
            break;
        case OPT_SUGGESTIONS:
            rc = cli_long("--suggestions", optarg, 0, 100000, &v, err);
            po.suggestions = (int)v;
            break;
        case OPT_YEARS:
            if (!mc_years_parse(optarg, &year_from, &year_to)) {
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                                  "--years: invalid value '%s' (expected A-B or A, years from "
                                  "1900 to 2100, A <= B)",
                                  optarg);
            }
            break;
        case 'o':
            dir = optarg;
            break;
        default:
            rc = cli_bad_option("profile", argc, argv, c, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (node_id == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "profile: missing --node ID (the cluster to profile)");
        goto out;
    }
    if ((rc = cli_load_dataset(&d, "profile", argc, argv, &ds, err)) != MC_OK) {
        goto out;
    }
    if (year_from > 0) {
        size_t de, da;
        if ((rc = mc_dataset_keep_years(&ds, year_from, year_to, &de, &da, err)) != MC_OK) {
            goto out;
        }
        cli_note(&d, "profile: --years %ld-%ld: %zu edge rows and %zu affiliation rows left out",
                 year_from, year_to, de, da);
    }
    if ((rc = mc_graph_build(&g, &ds, &d.view, err)) != MC_OK) {
        goto out;
    }
    cli_print_warnings(&d, &ds, &g);
    long node;
    if ((rc = mc_dataset_require_node(&ds, node_id, &node, err)) != MC_OK) {
        goto out;
    }
    /* proposals on the view propose makes them on: recurring ties that pass the backbone */
    struct mc_view_options vo = g.view;
    mc_propose_view_defaults(&vo);
    if ((rc = mc_graph_build(&pv, &ds, &vo, err)) != MC_OK) {
        goto out;
    }
    po.proposal_view = &pv;
    if ((rc = mc_profile_build(&g, (int32_t)node, &po, &prof, err)) != MC_OK) {
        goto out;
    }
    if ((json = mc_profile_json(&g, &prof)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    if ((rc = mc_mkdirs(dir, err)) != MC_OK ||
        (rc = write_file(dir, "profile.json", &g, &prof, json, err)) != MC_OK ||
        (rc = write_file(dir, "profile.md", &g, &prof, NULL, err)) != MC_OK) {
        goto out;
    }
    if ((png = mc_path_join(dir, "ego.png")) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    struct mc_render_options ro;
    mc_render_options_init(&ro);
    ro.width = 1000;
    ro.height = 800;
    if ((rc = mc_profile_ego(&g, &prof, &ro, png, err)) != MC_OK) {
        goto out;
    }
    cli_note(&d,
             "profile: %s in %s: %zu partners, %zu proposals; wrote %s/profile.md, "
             "profile.json, ego.png",
             ds.ids.keys[node], mc_graph_sector_name(&g), prof.n_partner_all, prof.n_proposal, dir);
out:
    free(png);
    json_decref(json);
    mc_profile_destroy(&prof);
    mc_graph_destroy(&pv);
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    return rc;
}
