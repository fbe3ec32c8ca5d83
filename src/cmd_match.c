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
#include "metaclust/util.h"

enum { OPT_NODE = OPT_FIRST_COMMAND_SPECIFIC, OPT_TOP, OPT_FOREIGN_ONLY, OPT_FORMAT };

static bool write_csv(FILE *f, const struct mc_graph *g, const struct mc_tags *active,
                      const struct mc_match_result *r) {
    static const char *const hdr[] = {
        "rank",       "id",      "name",  "country", "score", "link_score", "shared_neighbours",
        "sector_fit", "foreign", "reason"};
    const struct mc_dataset *ds = g->ds;
    bool ok = mc_csv_row(f, MC_ARRAY_SIZE(hdr), hdr);
    for (size_t i = 0; ok && i < r->n; i++) {
        const struct mc_candidate *c = &r->cand[i];
        char rank[24], score[MC_REAL_BUFSZ], link[MC_REAL_BUFSZ], shared[24], fit[MC_REAL_BUFSZ],
            reason[1024];
        snprintf(rank, sizeof rank, "%zu", i + 1);
        snprintf(shared, sizeof shared, "%zu", c->shared);
        mc_match_reason(g, active, r->node, c, reason, sizeof reason);
        const char *row[] = {rank,
                             ds->ids.keys[c->node],
                             ds->node_name[c->node],
                             mc_dataset_country_name(ds, ds->node_country[c->node]),
                             mc_fmt_real(score, c->score),
                             mc_fmt_real(link, c->link),
                             shared,
                             mc_fmt_real(fit, c->sector_fit),
                             c->foreign ? "1" : "0",
                             reason};
        ok = mc_csv_row(f, MC_ARRAY_SIZE(row), row);
    }
    return ok;
}

static json_t *to_json(const struct mc_graph *g, const struct mc_tags *active,
                       const struct mc_match_result *r) {
    const struct mc_dataset *ds = g->ds;
    json_t *root = json_object(), *arr = json_array();
    bool ok = root && arr;
    for (size_t i = 0; ok && i < r->n; i++) {
        const struct mc_candidate *c = &r->cand[i];
        char reason[1024];
        mc_match_reason(g, active, r->node, c, reason, sizeof reason);
        json_t *o = json_object(), *via = json_array();
        ok = o && via;
        for (size_t k = 0; ok && k < c->n_via; k++) {
            ok = json_array_append_new(via, json_string(ds->ids.keys[c->via[k]])) == 0;
        }
        ok = ok && mc_json_put(o, "rank", json_integer((json_int_t)i + 1)) &&
             mc_json_put(o, "id", json_string(ds->ids.keys[c->node])) &&
             mc_json_put(o, "name", json_string(ds->node_name[c->node])) &&
             mc_json_put(o, "country",
                         json_string(mc_dataset_country_name(ds, ds->node_country[c->node]))) &&
             mc_json_put(o, "score", json_real(c->score)) &&
             mc_json_put(o, "link_score", json_real(c->link)) &&
             mc_json_put(o, "shared_neighbours", json_integer((json_int_t)c->shared)) &&
             mc_json_put(o, "via", via) && mc_json_put(o, "sector_fit", json_real(c->sector_fit)) &&
             mc_json_put(o, "foreign", json_boolean(c->foreign)) &&
             mc_json_put(o, "reason", json_string(reason)) && json_array_append_new(arr, o) == 0;
        if (!ok) {
            json_decref(o);
        }
    }
    ok = ok && mc_json_put(root, "node", json_string(ds->ids.keys[r->node])) &&
         mc_json_put(root, "name", json_string(ds->node_name[r->node])) &&
         mc_json_put(root, "sector", json_string(mc_graph_sector_name(g))) &&
         mc_json_put(root, "candidates_considered", json_integer((json_int_t)r->considered)) &&
         json_object_set(root, "matches", arr) == 0;
    json_decref(arr);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

static void write_table(FILE *f, const struct mc_graph *g, const struct mc_tags *active,
                        const struct mc_match_result *r) {
    const struct mc_dataset *ds = g->ds;
    const char *cc = mc_dataset_country_name(ds, ds->node_country[r->node]);
    fprintf(f, "Partners for %s (%s%s%s), sector %s: %zu candidates not linked yet\n\n",
            ds->node_name[r->node], ds->ids.keys[r->node], *cc ? ", " : "", cc,
            mc_graph_sector_name(g), r->considered);
    for (size_t i = 0; i < r->n; i++) {
        const struct mc_candidate *c = &r->cand[i];
        char reason[1024];
        mc_match_reason(g, active, r->node, c, reason, sizeof reason);
        fprintf(f, "%2zu. %s (%s, %s)  score %.3f\n    %s\n", i + 1, ds->node_name[c->node],
                ds->ids.keys[c->node], mc_dataset_country_name(ds, ds->node_country[c->node]),
                c->score, reason);
    }
    if (r->n == 0) {
        fprintf(f, "No candidate: every node of this view is already linked to it.\n");
    }
}

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
            if (!mc_format_parse(optarg, &fmt)) {
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                                  "--format: invalid value '%s' (expected table, csv or json)",
                                  optarg);
            }
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
    if (fmt == MC_FORMAT_JSON && (json = to_json(&g, &active, &res)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    if ((rc = mc_outfile_open(&out, output, err)) != MC_OK) {
        goto out;
    }
    if (fmt == MC_FORMAT_JSON) {
        rc = mc_json_write(json, out.f, output, err);
    } else if (fmt == MC_FORMAT_CSV) {
        if (!write_csv(out.f, &g, &active, &res)) {
            rc = mc_error_set(err, MC_E_IO, output ? output : "standard output", 0, "write error");
        }
    } else {
        write_table(out.f, &g, &active, &res);
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
