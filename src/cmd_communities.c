/*
 * metaclust communities DATASET [--sector S] [--method M] [--resolution R] [--runs K]
 *                                [--seed N] [-o FILE]
 * Communities over K seeded runs, with stability, confidence and roles.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/community.h"
#include "metaclust/csvio.h"
#include "metaclust/report.h"
#include "metaclust/report_table.h"

enum {
    OPT_METHOD = OPT_FIRST_COMMAND_SPECIFIC,
    OPT_OBJECTIVE,
    OPT_RESOLUTION,
    OPT_RUNS,
    OPT_CONSENSUS,
    OPT_SEED,
    OPT_SUMMARY,
    OPT_FORMAT
};

static void write_table(FILE *f, const void *w) {
    mc_comm_table_table(f, w);
}

static void print_summary(const struct cli_data *d, const struct mc_comm_table *w,
                          const json_t *s) {
    const struct mc_comm_result *r = w->res;
    const struct mc_comm_options *o = w->opt;
    char a[32], q[32] = "undefined (no edges)";
    json_t *st = json_object_get(s, "stability");
    if (!isnan(w->part->modularity)) {
        snprintf(q, sizeof q, "%.6f", w->part->modularity);
    }
    cli_note(d,
             "%s (%s, resolution %g), %d run%s, seed %lu: %s communities (%ld with >= 3 "
             "members), modularity %s%s",
             mc_comm_method_name(o->method),
             o->method == MC_COMM_LEIDEN && o->objective == MC_OBJ_CPM ? "cpm" : "modularity",
             o->resolution, r->runs, r->runs == 1 ? "" : "s", o->seed,
             mc_fmt_count(a, (size_t)w->part->n_communities),
             (long)json_integer_value(json_object_get(s, "nontrivial_communities")), q,
             o->consensus && r->runs > 1 ? " (consensus)" : "");
    if (r->runs > 1) {
        cli_note(d,
                 "stability: NMI mean %.4f (min %.4f), VI mean %.4f nats; mean confidence "
                 "%.4f, %ld node%s below %.1f",
                 r->nmi_mean, r->nmi_min, r->vi_mean,
                 json_number_value(json_object_get(st, "mean_confidence")),
                 (long)json_integer_value(json_object_get(st, "floating_nodes")),
                 json_integer_value(json_object_get(st, "floating_nodes")) == 1 ? "" : "s",
                 MC_FLOATING);
    }
}

enum mc_status cmd_communities(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"method", required_argument, NULL, OPT_METHOD},
                                         {"objective", required_argument, NULL, OPT_OBJECTIVE},
                                         {"resolution", required_argument, NULL, OPT_RESOLUTION},
                                         {"runs", required_argument, NULL, OPT_RUNS},
                                         {"consensus", no_argument, NULL, OPT_CONSENSUS},
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"jobs", required_argument, NULL, 'j'},
                                         {"summary", required_argument, NULL, OPT_SUMMARY},
                                         {"format", required_argument, NULL, OPT_FORMAT},
                                         {"output", required_argument, NULL, 'o'},
                                         {0}};
    struct cli_data d;
    struct mc_comm_options co;
    enum mc_format fmt = MC_FORMAT_CSV;
    const char *output = NULL, *summary_path = NULL;
    long runs = -1;
    enum mc_status rc = MC_OK;
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_comm_result res;
    struct mc_comm_table w;
    json_t *summary = NULL, *json = NULL;

    cli_data_init(&d);
    mc_comm_options_init(&co);
    mc_dataset_init(&ds);
    mc_graph_init(&g);
    mc_comm_result_init(&res);
    mc_comm_table_init(&w);
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
            cli_print_help(stdout, cli_find_command("communities"));
            goto out;
        case OPT_METHOD:
            if (!mc_comm_method_parse(optarg, &co.method)) {
                rc =
                    cli_invalid("--method", optarg,
                                "leiden, louvain, infomap, walktrap, fastgreedy or labelprop", err);
            }
            break;
        case OPT_OBJECTIVE: {
            static const char *const objectives[] = {"modularity", "cpm"};
            int k = 0;
            if ((rc = cli_choice("--objective", optarg, objectives, 2, &k, err)) == MC_OK) {
                co.objective = k == 1 ? MC_OBJ_CPM : MC_OBJ_MODULARITY;
            }
            break;
        }
        case OPT_RESOLUTION:
            rc = cli_real("--resolution", optarg, 1e-12, 1e12, &co.resolution, err);
            break;
        case OPT_RUNS:
            rc = cli_long("--runs", optarg, 1, 100000, &runs, err);
            break;
        case OPT_CONSENSUS:
            co.consensus = true;
            break;
        case OPT_SEED:
            rc = cli_seed(optarg, &co.seed, err);
            break;
        case 'j':
            rc = cli_jobs(optarg, &co.jobs, err);
            break;
        case OPT_SUMMARY:
            summary_path = optarg;
            break;
        case OPT_FORMAT:
            rc = cli_format(optarg, &fmt, err);
            break;
        case 'o':
            output = optarg;
            break;
        default:
            rc = cli_bad_option("communities", argc, argv, ch, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (co.objective == MC_OBJ_CPM && co.method != MC_COMM_LEIDEN) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0, "--objective cpm needs --method leiden");
        goto out;
    }
    co.runs = runs > 0 ? (int)runs
                       : (co.method == MC_COMM_LEIDEN || co.method == MC_COMM_LOUVAIN ? 10 : 1);
    if ((rc = cli_load(&d, "communities", argc, argv, &ds, &g, err)) != MC_OK) {
        goto out;
    }
    if (co.method == MC_COMM_LOUVAIN) {
        cli_note(&d, "note: Louvain can loop forever on rare weighted inputs in igraph 0.10.2; "
                     "prefer --method leiden");
    }
    if ((rc = mc_communities(&g.ig, &g.weight, &co, &res, err)) != MC_OK) {
        goto out;
    }
    w.g = &g;
    w.opt = &co;
    w.res = &res;
    w.part = co.consensus ? &res.consensus : &res.best;
    if ((rc = mc_comm_table_build(&w, err)) != MC_OK) {
        goto out;
    }
    if ((summary = mc_comm_table_summary(&w)) == NULL ||
        (fmt == MC_FORMAT_JSON && (json = mc_comm_table_json(&w, summary)) == NULL)) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    if (fmt != MC_FORMAT_JSON) {
        print_summary(&d, &w, summary);
    }
    rc = cli_emit(output, fmt, json, mc_comm_table_csv, write_table, &w, err);
    if (rc == MC_OK && summary_path != NULL) {
        rc = cli_emit(summary_path, MC_FORMAT_JSON, summary, NULL, NULL, NULL, err);
    }
out:
    json_decref(json);
    json_decref(summary);
    mc_comm_table_destroy(&w);
    mc_comm_result_destroy(&res);
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    return rc;
}
