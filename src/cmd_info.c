/*
 * metaclust info DATASET [--sector S] [--json]
 * What is in a dataset, as a graph.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/outfile.h"
#include "metaclust/report.h"
#include "metaclust/summary.h"

enum { OPT_JSON = OPT_FIRST_COMMAND_SPECIFIC, OPT_FORMAT, OPT_OUTPUT };

static void info_text(FILE *f, const struct mc_dataset *ds, const struct mc_graph *g,
                      const struct mc_summary *s) {
    char a[32], b[32], c[32], w[40];
    fprintf(f, "dataset       %s%s%s%s\n", ds->name, ds->dir ? " (" : "", ds->dir ? ds->dir : "",
            ds->dir ? ")" : "");
    if (g->view.sector >= 0) {
        fprintf(f, "view          sector %s, projection %s\n", mc_graph_sector_name(g),
                mc_projection_name(g->view.projection));
    } else {
        fprintf(f, "view          all sectors, projection %s\n",
                mc_projection_name(g->view.projection));
    }
    if (ds->years.set) {
        fprintf(f, "years         %s (%s affiliation and %s edge rows of the period)\n",
                mc_period_format(&ds->years, w, sizeof w), mc_fmt_count(a, ds->year_stats.aff_kept),
                mc_fmt_count(b, ds->year_stats.edges_kept));
    }
    fprintf(f, "nodes         %s\n", mc_fmt_count(a, s->nodes));
    fprintf(f, "edges         %s (%s direct edge rows, %s groups projected)\n",
            mc_fmt_count(a, s->edges), mc_fmt_count(b, g->stats.direct_rows),
            mc_fmt_count(c, g->stats.groups));
    fprintf(f, "total weight  %s\n", mc_fmt_human(w, sizeof w, s->total_weight, 10));
    fprintf(f, "density       %.6g\n", s->density);
    fprintf(f, "components    %s (largest: %s nodes, %.1f%%)\n", mc_fmt_count(a, s->components),
            mc_fmt_count(b, s->largest_component),
            s->nodes ? 100.0 * (double)s->largest_component / (double)s->nodes : 0.0);
    fprintf(f, "isolated      %s\n", mc_fmt_count(a, s->isolated));
    if (g->stats.largest_group > 0) {
        fprintf(f, "largest group %s members\n", mc_fmt_count(a, g->stats.largest_group));
    }
    /* countries by node count, then code */
    size_t nc = 0;
    for (size_t k = 0; k < s->n_countries; k++) {
        nc += s->country_nodes[k] > 0;
    }
    fprintf(f, "countries     %zu", nc);
    size_t *order = malloc((s->n_countries ? s->n_countries : 1) * sizeof *order);
    if (order != NULL) {
        size_t n = 0;
        for (size_t k = 0; k < s->n_countries; k++) {
            if (s->country_nodes[k] == 0) {
                continue;
            }
            size_t j = n++;
            while (j > 0 &&
                   (s->country_nodes[order[j - 1]] < s->country_nodes[k] ||
                    (s->country_nodes[order[j - 1]] == s->country_nodes[k] &&
                     strcmp(ds->countries.keys[order[j - 1]], ds->countries.keys[k]) > 0))) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = k;
        }
        for (size_t j = 0; j < n; j++) {
            fprintf(f, "%s%s %zu", j == 0 ? ": " : ", ", ds->countries.keys[order[j]],
                    s->country_nodes[order[j]]);
            if (j == 14 && n > 16) {
                fprintf(f, ", ... (%zu more)", n - 15);
                break;
            }
        }
        free(order);
    }
    if (s->no_country > 0) {
        fprintf(f, "; %zu without a country", s->no_country);
    }
    fputc('\n', f);
    if (s->n_sectors > 0) {
        fprintf(f, "sectors       %zu\n", s->n_sectors);
        fprintf(f, "  %-24s %9s %10s %12s %9s %8s\n", "sector", "nodes", "edges", "weight",
                "isolated", "groups");
        for (size_t k = 0; k < s->n_sectors; k++) {
            const struct mc_sector_summary *ss = &s->sectors[k];
            fprintf(f, "  %-24s %9zu %10zu %12s %9zu %8zu\n",
                    mc_dataset_sector_name(ds, ss->sector), ss->nodes, ss->edges,
                    mc_fmt_human(w, sizeof w, ss->total_weight, 8), ss->isolated, ss->groups);
        }
    }
    const struct mc_view_stats *st = &g->stats;
    if (st->self_loops_dropped || st->duplicates_merged) {
        fprintf(f, "cleaning      %zu self-loops dropped, %zu repeated edge rows merged\n",
                st->self_loops_dropped, st->duplicates_merged);
    }
}

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
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                                  "--format: invalid value '%s' (expected table or json)", optarg);
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
        info_text(out.f, &ds, &g, &s);
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
