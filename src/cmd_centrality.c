/*
 * metaclust centrality DATASET [--sector S] [--measures LIST] [--top N] [-o FILE]
 * Node centralities: one row per node.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/centrality.h"
#include "metaclust/csvio.h"
#include "metaclust/report.h"
#include "metaclust/report_table.h"

enum {
    OPT_MEASURES = OPT_FIRST_COMMAND_SPECIFIC,
    OPT_TOP,
    OPT_SORT,
    OPT_BETWEENNESS,
    OPT_LENGTHS,
    OPT_SEED,
    OPT_JOBS,
    OPT_FORMAT,
    OPT_OUTPUT
};

static enum mc_status parse_measures(const char *arg, struct mc_centrality_options *o,
                                     struct mc_error *err) {
    if (strcmp(arg, "all") == 0) {
        for (int m = 0; m < MC_M_COUNT; m++) {
            o->want[m] = true;
        }
        return MC_OK;
    }
    for (int m = 0; m < MC_M_COUNT; m++) {
        o->want[m] = false;
    }
    const char *p = arg;
    while (true) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char name[64];
        enum mc_measure m;
        if (len == 0 || len >= sizeof name) {
            return cli_invalid("--measures", arg, "a comma-separated list of measures, or all",
                               err);
        }
        memcpy(name, p, len);
        name[len] = '\0';
        if (!mc_measure_parse(name, &m)) {
            char known[512];
            size_t k = 0;
            for (int i = 0; i < MC_M_COUNT; i++) {
                k += (size_t)snprintf(known + k, sizeof known - k, "%s%s", i ? ", " : "",
                                      mc_measure_name((enum mc_measure)i));
            }
            return mc_error_set(err, MC_E_USAGE, NULL, 0,
                                "--measures: unknown measure '%s' (known: %s)", name, known);
        }
        o->want[m] = true;
        if (end == NULL) {
            break;
        }
        p = end + 1;
    }
    return MC_OK;
}

/* What the writers print. */
struct report {
    const struct mc_graph *g;
    const struct mc_centrality *c;
    const igraph_integer_t *order;
    size_t nrows;
};

static void write_csv(FILE *f, const void *ctx) {
    const struct report *rp = ctx;
    mc_centrality_csv(f, rp->g, rp->c, rp->order, rp->nrows);
}

static void write_table(FILE *f, const void *ctx) {
    const struct report *rp = ctx;
    mc_centrality_table(f, rp->g, rp->c, rp->order, rp->nrows);
}

enum mc_status cmd_centrality(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"measures", required_argument, NULL, OPT_MEASURES},
                                         {"top", required_argument, NULL, OPT_TOP},
                                         {"sort", required_argument, NULL, OPT_SORT},
                                         {"betweenness", required_argument, NULL, OPT_BETWEENNESS},
                                         {"lengths", required_argument, NULL, OPT_LENGTHS},
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"jobs", required_argument, NULL, 'j'},
                                         {"format", required_argument, NULL, OPT_FORMAT},
                                         {"output", required_argument, NULL, 'o'},
                                         {0}};
    struct cli_data d;
    struct mc_centrality_options co;
    enum mc_format fmt = MC_FORMAT_CSV;
    const char *output = NULL;
    long top = -1;
    bool sort = false, sort_given = false;
    enum mc_measure sort_by = MC_M_PAGERANK;
    enum mc_status rc = MC_OK;
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_centrality c;
    igraph_integer_t *order = NULL;
    json_t *json = NULL;

    cli_data_init(&d);
    mc_centrality_options_init(&co);
    mc_dataset_init(&ds);
    mc_graph_init(&g);
    mc_centrality_init(&c);
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
            cli_print_help(stdout, cli_find_command("centrality"));
            goto out;
        case OPT_MEASURES:
            rc = parse_measures(optarg, &co, err);
            break;
        case OPT_TOP:
            rc = cli_long("--top", optarg, 1, LONG_MAX, &top, err);
            sort = true;
            break;
        case OPT_SORT:
            if (!mc_measure_parse(optarg, &sort_by)) {
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                                  "--sort: unknown measure '%s' (see --measures)", optarg);
            }
            sort = sort_given = true;
            break;
        case OPT_BETWEENNESS:
            if (!mc_betweenness_mode_parse(optarg, &co.betweenness, &co.sample)) {
                rc = cli_invalid("--betweenness", optarg, "auto, exact, sample:K or off", err);
            }
            break;
        case OPT_LENGTHS: {
            static const char *const lengths[] = {"inverse", "hops"};
            int k = 0;
            rc = cli_choice("--lengths", optarg, lengths, 2, &k, err);
            co.hop_lengths = k == 1;
            break;
        }
        case OPT_SEED:
            rc = cli_seed(optarg, &co.seed, err);
            break;
        case 'j':
            rc = cli_jobs(optarg, &co.jobs, err);
            break;
        case OPT_FORMAT:
            rc = cli_format(optarg, &fmt, err);
            break;
        case 'o':
            output = optarg;
            break;
        default:
            rc = cli_bad_option("centrality", argc, argv, ch, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (co.betweenness == MC_BT_OFF) {
        co.want[MC_M_BETWEENNESS] = false;
    }
    for (int m = 0; sort && !sort_given && !co.want[sort_by] && m < MC_M_COUNT; m++) {
        sort_by = (enum mc_measure)m; /* --top without --sort or PageRank: the first measure */
    }
    if (sort && !co.want[sort_by]) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "--sort: measure '%s' is not computed (add it to --measures)",
                          mc_measure_name(sort_by));
        goto out;
    }
    if ((rc = cli_load(&d, "centrality", argc, argv, &ds, &g, err)) != MC_OK ||
        (rc = mc_centrality_compute(&g, &co, &c, err)) != MC_OK) {
        goto out;
    }
    if (c.betweenness_sampled) {
        char a[32], b[32];
        cli_note(&d,
                 "note: betweenness, closeness and harmonic estimated from %s of %s nodes as "
                 "sources (n x m above %.3g; --betweenness exact to compute them exactly)",
                 mc_fmt_count(a, (size_t)c.betweenness_sources), mc_fmt_count(b, (size_t)g.n),
                 co.exact_limit);
    }
    if (c.eigenvector_fallbacks > 0) {
        cli_note(&d, "note: ARPACK failed on %ld component%s; eigenvector by power iteration",
                 (long)c.eigenvector_fallbacks, c.eigenvector_fallbacks == 1 ? "" : "s");
    }
    size_t nrows = 0;
    if ((rc = mc_centrality_order(&g, &c, sort ? (int)sort_by : -1, top > 0 ? (size_t)top : 0,
                                  &order, &nrows, err)) != MC_OK) {
        goto out;
    }
    if (fmt == MC_FORMAT_JSON && (json = mc_centrality_json(&g, &c, &co, order, nrows)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    struct report rep = {&g, &c, order, nrows};
    rc = cli_emit(output, fmt, json, write_csv, write_table, &rep, err);
out:
    json_decref(json);
    free(order);
    mc_centrality_destroy(&c);
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    return rc;
}
