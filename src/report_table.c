/*
 * The `--format table` writers (report_table.h): one function per command's
 * table, all fixed-width text for people.
 */
#include "metaclust/report_table.h"

#include <stdlib.h>
#include <string.h>

#include "metaclust/report.h"
#include "metaclust/util.h"

void mc_info_table(FILE *f, const struct mc_dataset *ds, const struct mc_graph *g,
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
        /* sector names whole (they are given to --sector), aligned on display width */
        size_t sw = 24;
        for (size_t k = 0; k < s->n_sectors; k++) {
            size_t nw = mc_utf8_width(mc_dataset_sector_name(ds, s->sectors[k].sector));
            sw = nw > sw ? nw : sw;
        }
        fprintf(f, "sectors       %zu\n  ", s->n_sectors);
        mc_fput_cell(f, "sector", sw, false);
        fprintf(f, " %9s %10s %12s %9s %8s\n", "nodes", "edges", "weight", "isolated", "groups");
        for (size_t k = 0; k < s->n_sectors; k++) {
            const struct mc_sector_summary *ss = &s->sectors[k];
            fputs("  ", f);
            mc_fput_cell(f, mc_dataset_sector_name(ds, ss->sector), sw, false);
            fprintf(f, " %9zu %10zu %12s %9zu %8zu\n", ss->nodes, ss->edges,
                    mc_fmt_human(w, sizeof w, ss->total_weight, 8), ss->isolated, ss->groups);
        }
    }
    const struct mc_view_stats *st = &g->stats;
    if (st->self_loops_dropped || st->duplicates_merged) {
        fprintf(f, "cleaning      %zu self-loops dropped, %zu repeated edge rows merged\n",
                st->self_loops_dropped, st->duplicates_merged);
    }
}

/*
 * The id, name and country cells that begin a row of the node tables: ids
 * whole in a column as wide as the widest (they are pasted into --node),
 * names cut at NAME_WIDTH display columns with "…", aligned on display width.
 */
#define NAME_WIDTH 28

static size_t id_width(const struct mc_graph *g, const igraph_integer_t *order, size_t n) {
    size_t w = 12; /* at least as wide as before ids were kept whole */
    for (size_t r = 0; r < n; r++) {
        size_t iw = mc_utf8_width(mc_graph_id(g, order[r]));
        w = iw > w ? iw : w;
    }
    return w;
}

static void node_cells(FILE *f, size_t idw, const char *id, const char *name, const char *cc) {
    mc_fput_cell(f, id, idw, false);
    fputc(' ', f);
    mc_fput_cell(f, name, NAME_WIDTH, true);
    fputc(' ', f);
    mc_fput_cell(f, cc, 3, false);
}

void mc_centrality_table(FILE *f, const struct mc_graph *g, const struct mc_centrality *c,
                         const igraph_integer_t *order, size_t n) {
    static const char *const short_names[MC_M_COUNT] = {
        "degree",      "strength", "betweenness", "closeness", "harmonic",
        "eigenvector", "pagerank", "coreness",    "foreign",   "ctry_part"};
    size_t idw = id_width(g, order, n);
    node_cells(f, idw, "id", "name", "cc");
    for (int m = 0; m < MC_M_COUNT; m++) {
        if (c->computed[m]) {
            fprintf(f, " %11s", short_names[m]);
        }
    }
    fputc('\n', f);
    for (size_t r = 0; r < n; r++) {
        igraph_integer_t v = order[r];
        node_cells(f, idw, mc_graph_id(g, v), mc_graph_name(g, v), mc_graph_country(g, v));
        for (int m = 0; m < MC_M_COUNT; m++) {
            if (c->computed[m]) {
                fprintf(f, " %11.5g", VECTOR(c->value[m])[v]);
            }
        }
        fputc('\n', f);
    }
}

void mc_comm_table_table(FILE *f, const struct mc_comm_table *w) {
    size_t idw = id_width(w->g, w->order, (size_t)w->g->n);
    node_cells(f, idw, "id", "name", "cc");
    fprintf(f, " %9s %6s %10s %8s %6s  %s\n", "community", "size", "confidence", "within_z", "P",
            "role");
    for (igraph_integer_t i = 0; i < w->g->n; i++) {
        igraph_integer_t v = w->order[i], c = VECTOR(w->part->membership)[v];
        node_cells(f, idw, mc_graph_id(w->g, v), mc_graph_name(w->g, v), mc_graph_country(w->g, v));
        fprintf(f, " %9" IGRAPH_PRId " %6" IGRAPH_PRId " %10.4f %8.3f %6.3f  %s\n", c, w->size[c],
                VECTOR(w->res->confidence)[v], VECTOR(w->z)[v], VECTOR(w->p)[v],
                mc_comm_table_role(w, v));
    }
}

void mc_match_table(FILE *f, const struct mc_graph *g, const struct mc_tags *active,
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

void mc_partition_agreement_table(FILE *f, const struct mc_partition_agreement *r) {
    char a[32];
    fprintf(f, "compared      %s ids (%s)\n", mc_fmt_count(a, r->nodes),
            r->exclude ? "unassigned ids left out" : "unassigned ids: one community each");
    fprintf(f, "communities   %" IGRAPH_PRId " in A, %" IGRAPH_PRId " in B\n", r->ka, r->kb);
    fprintf(f, "NMI           %.6f\n", r->cmp.nmi);
    fprintf(f, "ARI           %.6f\n", r->cmp.ari);
    fprintf(f, "VI            %.6f nats (%.6f of ln n)\n", r->cmp.vi, r->cmp.vi_normalized);
    fprintf(
        f, "split-join    %" IGRAPH_PRId " (A to B %" IGRAPH_PRId ", B to A %" IGRAPH_PRId ")\n",
        r->cmp.split_join_ab + r->cmp.split_join_ba, r->cmp.split_join_ab, r->cmp.split_join_ba);
}
