/*
 * metaclust centrality DATASET [--sector S] [--measures LIST] [--top N] [-o FILE]
 * Node centralities: one row per node.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/centrality.h"
#include "metaclust/csvio.h"
#include "metaclust/report.h"

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

struct row {
    double key;
    igraph_integer_t v;
    const char *id;
};

/* What the emitters print. */
struct report {
    const struct mc_graph *g;
    const struct mc_centrality *c;
    const struct row *rows;
    size_t nrows;
};

/* By key, descending (NaN last), then by id. */
static int cmp_row(const void *x, const void *y) {
    const struct row *a = x, *b = y;
    bool na = isnan(a->key), nb = isnan(b->key);
    if (na != nb) {
        return na ? 1 : -1;
    }
    if (!na && a->key != b->key) {
        return a->key > b->key ? -1 : 1;
    }
    return cli_id_cmp(a->id, b->id);
}

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
            return mc_error_set(err, MC_E_USAGE, NULL, 0,
                                "--measures: invalid value '%s' (expected a comma-separated list "
                                "of measures, or all)",
                                arg);
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

static void put_value(FILE *f, double x, bool first) {
    char buf[MC_REAL_BUFSZ];
    mc_csv_field(f, isnan(x) ? "" : mc_fmt_real(buf, x), first);
}

static void write_csv(FILE *f, const void *ctx) {
    const struct report *rp = ctx;
    const struct mc_graph *g = rp->g;
    const struct mc_centrality *c = rp->c;
    const struct row *rows = rp->rows;
    size_t nrows = rp->nrows;
    mc_csv_field(f, "id", true);
    mc_csv_field(f, "name", false);
    mc_csv_field(f, "country", false);
    for (int m = 0; m < MC_M_COUNT; m++) {
        if (c->computed[m]) {
            mc_csv_field(f, mc_measure_name((enum mc_measure)m), false);
        }
    }
    mc_csv_end(f);
    for (size_t r = 0; r < nrows; r++) {
        igraph_integer_t v = rows[r].v;
        mc_csv_field(f, mc_graph_id(g, v), true);
        mc_csv_field(f, mc_graph_name(g, v), false);
        mc_csv_field(f, mc_graph_country(g, v), false);
        for (int m = 0; m < MC_M_COUNT; m++) {
            if (c->computed[m]) {
                put_value(f, VECTOR(c->value[m])[v], false);
            }
        }
        mc_csv_end(f);
    }
}

static void write_table(FILE *f, const void *ctx) {
    const struct report *rp = ctx;
    const struct mc_graph *g = rp->g;
    const struct mc_centrality *c = rp->c;
    const struct row *rows = rp->rows;
    size_t nrows = rp->nrows;
    static const char *const short_names[MC_M_COUNT] = {
        "degree",      "strength", "betweenness", "closeness", "harmonic",
        "eigenvector", "pagerank", "coreness",    "foreign",   "ctry_part"};
    fprintf(f, "%-12s %-28s %-3s", "id", "name", "cc");
    for (int m = 0; m < MC_M_COUNT; m++) {
        if (c->computed[m]) {
            fprintf(f, " %11s", short_names[m]);
        }
    }
    fputc('\n', f);
    for (size_t r = 0; r < nrows; r++) {
        igraph_integer_t v = rows[r].v;
        fprintf(f, "%-12.12s %-28.28s %-3s", mc_graph_id(g, v), mc_graph_name(g, v),
                mc_graph_country(g, v));
        for (int m = 0; m < MC_M_COUNT; m++) {
            if (c->computed[m]) {
                fprintf(f, " %11.5g", VECTOR(c->value[m])[v]);
            }
        }
        fputc('\n', f);
    }
}

static json_t *to_json(const struct mc_graph *g, const struct mc_centrality *c,
                       const struct mc_centrality_options *o, const struct row *rows,
                       size_t nrows) {
    json_t *root = json_object(), *measures = json_array(), *arr = json_array();
    bool ok = root && measures && arr && cli_graph_json(root, g) &&
              mc_json_put(root, "seed", json_integer((json_int_t)o->seed)) &&
              mc_json_put(root, "lengths", json_string(o->hop_lengths ? "hops" : "inverse")) &&
              mc_json_put(root, "path_sources", json_integer((json_int_t)c->betweenness_sources)) &&
              mc_json_put(root, "path_sampled", json_boolean(c->betweenness_sampled)) &&
              mc_json_put(root, "eigenvector_fallbacks",
                          json_integer((json_int_t)c->eigenvector_fallbacks));
    for (int m = 0; ok && m < MC_M_COUNT; m++) {
        if (c->computed[m]) {
            ok = json_array_append_new(measures, json_string(mc_measure_name(m))) == 0;
        }
    }
    ok = ok && json_object_set(root, "measures", measures) == 0;
    for (size_t r = 0; ok && r < nrows; r++) {
        igraph_integer_t v = rows[r].v;
        json_t *o2 = json_object();
        ok = o2 && mc_json_put(o2, "id", json_string(mc_graph_id(g, v))) &&
             mc_json_put(o2, "name", json_string(mc_graph_name(g, v))) &&
             mc_json_put(o2, "country", json_string(mc_graph_country(g, v)));
        for (int m = 0; ok && m < MC_M_COUNT; m++) {
            if (c->computed[m]) {
                ok = mc_json_put(o2, mc_measure_name(m), mc_json_number(VECTOR(c->value[m])[v]));
            }
        }
        ok = ok && json_array_append_new(arr, o2) == 0;
    }
    ok = ok && json_object_set(root, "rows", arr) == 0;
    json_decref(measures);
    json_decref(arr);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
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
    struct row *rows = NULL;
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
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                                  "--betweenness: invalid value '%s' (expected auto, exact, "
                                  "sample:K or off)",
                                  optarg);
            }
            break;
        case OPT_LENGTHS:
            if (strcmp(optarg, "inverse") == 0 || strcmp(optarg, "hops") == 0) {
                co.hop_lengths = strcmp(optarg, "hops") == 0;
            } else {
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                                  "--lengths: invalid value '%s' (expected inverse or hops)",
                                  optarg);
            }
            break;
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
    size_t nrows = (size_t)g.n;
    rows = malloc((nrows ? nrows : 1) * sizeof *rows);
    if (rows == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (size_t r = 0; r < nrows; r++) {
        rows[r].v = (igraph_integer_t)r;
        rows[r].id = mc_graph_id(&g, (igraph_integer_t)r);
        rows[r].key = sort ? VECTOR(c.value[sort_by])[r] : 0;
    }
    if (sort) {
        qsort(rows, nrows, sizeof *rows, cmp_row);
    }
    if (top >= 0 && (size_t)top < nrows) {
        nrows = (size_t)top;
    }
    if (fmt == MC_FORMAT_JSON && (json = to_json(&g, &c, &co, rows, nrows)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    struct report rep = {&g, &c, rows, nrows};
    rc = cli_emit(output, fmt, json, write_csv, write_table, &rep, err);
out:
    json_decref(json);
    free(rows);
    mc_centrality_destroy(&c);
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    return rc;
}
