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

static json_t *info_json(const struct mc_dataset *ds, const struct mc_graph *g,
                         const struct mc_summary *s) {
    json_t *root = json_object(), *countries = json_object(), *sectors = json_object(),
           *warnings = json_array();
    bool ok = root && countries && sectors && warnings;
    if (!ok) {
        json_decref(root);
        json_decref(countries);
        json_decref(sectors);
        json_decref(warnings);
        return NULL;
    }
    ok = mc_json_put(root, "dataset", json_string(ds->name)) &&
         mc_json_put(root, "sector",
                     g->view.sector < 0 ? json_null() : json_string(mc_graph_sector_name(g))) &&
         mc_json_put(root, "projection", json_string(mc_projection_name(g->view.projection))) &&
         mc_json_put(root, "nodes", json_integer((json_int_t)s->nodes)) &&
         mc_json_put(root, "edges", json_integer((json_int_t)s->edges)) &&
         mc_json_put(root, "total_weight", mc_json_number(s->total_weight)) &&
         mc_json_put(root, "density", json_real(s->density)) &&
         mc_json_put(root, "components", json_integer((json_int_t)s->components)) &&
         mc_json_put(root, "largest_component", json_integer((json_int_t)s->largest_component)) &&
         mc_json_put(root, "isolated", json_integer((json_int_t)s->isolated));
    /* countries: sorted by code, for stable output */
    for (size_t k = 0; ok && k < ds->countries.n; k++) {
        size_t best = SIZE_MAX;
        for (size_t c = 0; c < ds->countries.n; c++) {
            if (s->country_nodes[c] == 0 || json_object_get(countries, ds->countries.keys[c])) {
                continue;
            }
            if (best == SIZE_MAX || strcmp(ds->countries.keys[c], ds->countries.keys[best]) < 0) {
                best = c;
            }
        }
        if (best == SIZE_MAX) {
            break;
        }
        ok = mc_json_put(countries, ds->countries.keys[best],
                         json_integer((json_int_t)s->country_nodes[best]));
    }
    ok = ok && json_object_set(root, "countries", countries) == 0;
    ok = ok && mc_json_put(root, "nodes_without_country", json_integer((json_int_t)s->no_country));
    for (size_t k = 0; ok && k < s->n_sectors; k++) {
        const struct mc_sector_summary *ss = &s->sectors[k];
        json_t *o = json_object();
        ok = o && mc_json_put(o, "nodes", json_integer((json_int_t)ss->nodes)) &&
             mc_json_put(o, "edges", json_integer((json_int_t)ss->edges)) &&
             mc_json_put(o, "total_weight", mc_json_number(ss->total_weight)) &&
             mc_json_put(o, "isolated", json_integer((json_int_t)ss->isolated)) &&
             mc_json_put(o, "groups", json_integer((json_int_t)ss->groups)) &&
             mc_json_put(o, "largest_group", json_integer((json_int_t)ss->largest_group)) &&
             mc_json_put(sectors, mc_dataset_sector_name(ds, ss->sector), o);
    }
    ok = ok && json_object_set(root, "sectors", sectors) == 0;
    const struct mc_view_stats *st = &g->stats;
    ok =
        ok && mc_json_put(root, "direct_edge_rows", json_integer((json_int_t)st->direct_rows)) &&
        mc_json_put(root, "affiliation_rows", json_integer((json_int_t)st->affiliation_rows)) &&
        mc_json_put(root, "groups", json_integer((json_int_t)st->groups)) &&
        mc_json_put(root, "largest_group", json_integer((json_int_t)st->largest_group)) &&
        mc_json_put(root, "groups_skipped", json_integer((json_int_t)st->groups_skipped)) &&
        mc_json_put(root, "projected_pairs", json_integer((json_int_t)st->pairs)) &&
        mc_json_put(root, "self_loops_dropped", json_integer((json_int_t)st->self_loops_dropped)) &&
        mc_json_put(root, "duplicates_merged", json_integer((json_int_t)st->duplicates_merged)) &&
        mc_json_put(root, "zero_weight_dropped", json_integer((json_int_t)st->zero_weight_dropped));
    for (size_t i = 0; ok && i < ds->warnings.n; i++) {
        ok = json_array_append_new(warnings, json_string(ds->warnings.msg[i])) == 0;
    }
    ok = ok && json_object_set(root, "warnings", warnings) == 0;
    json_decref(countries);
    json_decref(sectors);
    json_decref(warnings);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

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
        json = info_json(&ds, &g, &s);
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
