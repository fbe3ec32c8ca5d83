/*
 * Output of `metaclust change`: the JSON object, the table, change.csv, the
 * node list and the figure. See metaclust/change.h.
 */
#include "metaclust/change.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/csvio.h"
#include "metaclust/figure.h"
#include "metaclust/outfile.h"
#include "metaclust/report.h"
#include "metaclust/util.h"

static const char *sector_name(const struct mc_dataset *ds, const struct mc_change *c) {
    return c->sector >= 0 ? mc_dataset_sector_name(ds, (int32_t)c->sector) : NULL;
}

static bool cross_border(const struct mc_change_pair *p) {
    return p->a != p->b;
}

/*
 * The `top` cross-border pairs that grew (grew = true: from the front of
 * c->pairs) or shrank most (from the back); idx receives pair indices.
 */
static size_t top_pairs(const struct mc_change *c, bool grew, size_t top, size_t *idx) {
    size_t n = 0;
    for (size_t i = 0; i < c->n_pairs && n < top; i++) {
        size_t k = grew ? i : c->n_pairs - 1 - i;
        const struct mc_change_pair *p = &c->pairs[k];
        double d = p->w_to - p->w_from;
        if (cross_border(p) && (grew ? d > 0 : d < 0)) {
            idx[n++] = k;
        }
    }
    return n;
}

static json_t *pair_json(const struct mc_dataset *ds, const struct mc_change_pair *p) {
    json_t *o = json_object();
    if (o == NULL) {
        return NULL;
    }
    bool ok = mc_json_put(o, "country_a", json_string(mc_dataset_country_name(ds, p->a))) &&
              mc_json_put(o, "country_b", json_string(mc_dataset_country_name(ds, p->b))) &&
              mc_json_put(o, "weight_from", mc_json_number(p->w_from)) &&
              mc_json_put(o, "weight_to", mc_json_number(p->w_to)) &&
              mc_json_put(o, "change", mc_json_number(p->w_to - p->w_from)) &&
              mc_json_put(o, "links_from", json_integer((json_int_t)p->links_from)) &&
              mc_json_put(o, "links_to", json_integer((json_int_t)p->links_to));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *pairs_json(const struct mc_dataset *ds, const struct mc_change *c, bool grew,
                          size_t top) {
    size_t *idx = malloc((top + 1) * sizeof *idx);
    json_t *a = json_array();
    if (idx == NULL || a == NULL) {
        free(idx);
        json_decref(a);
        return NULL;
    }
    size_t n = top_pairs(c, grew, top, idx);
    for (size_t i = 0; i < n; i++) {
        if (json_array_append_new(a, pair_json(ds, &c->pairs[idx[i]])) != 0) {
            json_decref(a);
            a = NULL;
            break;
        }
    }
    free(idx);
    return a;
}

static json_t *community_json(const struct mc_dataset *ds, const struct mc_change_community *cc) {
    json_t *o = json_object();
    if (o == NULL) {
        return NULL;
    }
    bool ok =
        mc_json_put(o, "community", json_integer(cc->id)) &&
        mc_json_put(o, "size", json_integer((json_int_t)cc->size)) &&
        mc_json_put(o, "countries", json_integer((json_int_t)cc->countries)) &&
        mc_json_put(o, "returning", json_integer((json_int_t)cc->returning)) &&
        mc_json_put(o, "new_members", json_integer((json_int_t)(cc->size - cc->returning))) &&
        mc_json_put(o, "origins", json_integer((json_int_t)cc->origins)) &&
        mc_json_put(o, "main_origin",
                    cc->main_origin >= 0 ? json_integer(cc->main_origin) : json_null()) &&
        mc_json_put(o, "main_origin_members", json_integer((json_int_t)cc->main_origin_members)) &&
        mc_json_put(o, "links_kept", json_integer((json_int_t)cc->links_kept)) &&
        mc_json_put(o, "links_new", json_integer((json_int_t)cc->links_new)) &&
        mc_json_put(o, "lead", json_string(mc_dataset_node_id(ds, (size_t)cc->lead))) &&
        mc_json_put(o, "lead_name", json_string(ds->node_name[cc->lead]));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *pair_of(json_t *from, json_t *to) {
    json_t *o = json_object();
    if (o == NULL || !mc_json_put(o, "from", from) || !mc_json_put(o, "to", to)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *mc_change_json(const struct mc_dataset *ds, const struct mc_change *c, size_t top) {
    char pf[48], pt[48];
    const char *sec = sector_name(ds, c);
    json_t *root = json_object(), *nodes = json_object(), *comms = json_array();
    bool ok = root && nodes && comms;
    ok = ok && mc_json_put(nodes, "from", json_integer((json_int_t)c->nodes_from)) &&
         mc_json_put(nodes, "to", json_integer((json_int_t)c->nodes_to)) &&
         mc_json_put(nodes, "kept", json_integer((json_int_t)c->nodes_kept)) &&
         mc_json_put(nodes, "entered", json_integer((json_int_t)c->nodes_entered)) &&
         mc_json_put(nodes, "left", json_integer((json_int_t)c->nodes_left));
    for (size_t i = 0; ok && i < c->n_communities; i++) {
        ok = json_array_append_new(comms, community_json(ds, &c->communities[i])) == 0;
    }
    ok = ok && mc_json_put(root, "dataset", json_string(ds->name)) &&
         mc_json_put(root, "sector", sec ? json_string(sec) : json_null()) &&
         mc_json_put(root, "from", json_string(mc_period_format(&c->from, pf, sizeof pf))) &&
         mc_json_put(root, "to", json_string(mc_period_format(&c->to, pt, sizeof pt))) &&
         mc_json_put(root, "kept", json_integer((json_int_t)c->links_kept)) &&
         mc_json_put(root, "new", json_integer((json_int_t)c->links_new)) &&
         mc_json_put(root, "lost", json_integer((json_int_t)c->links_lost)) &&
         mc_json_put(root, "links",
                     pair_of(json_integer((json_int_t)c->links_from),
                             json_integer((json_int_t)c->links_to))) &&
         mc_json_put(root, "weight",
                     pair_of(mc_json_number(c->weight_from), mc_json_number(c->weight_to))) &&
         json_object_set(root, "nodes", nodes) == 0 &&
         mc_json_put(root, "cross_border_weight",
                     pair_of(mc_json_number(c->cross_from), mc_json_number(c->cross_to))) &&
         mc_json_put(root, "cross_border_share",
                     pair_of(mc_json_number(mc_change_cross_share(c->cross_from, c->known_from)),
                             mc_json_number(mc_change_cross_share(c->cross_to, c->known_to)))) &&
         mc_json_put(root, "grew", pairs_json(ds, c, true, top)) &&
         mc_json_put(root, "shrank", pairs_json(ds, c, false, top)) &&
         mc_json_put(root, "communities_from", json_integer(c->communities_from)) &&
         mc_json_put(root, "communities_to", json_integer(c->communities_to)) &&
         mc_json_put(root, "modularity_from", mc_json_number(c->modularity_from)) &&
         mc_json_put(root, "modularity_to", mc_json_number(c->modularity_to)) &&
         json_object_set(root, "communities", comms) == 0;
    json_decref(nodes);
    json_decref(comms);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

static void share_text(char *buf, size_t n, double cross, double known) {
    double s = mc_change_cross_share(cross, known);
    if (isnan(s)) {
        snprintf(buf, n, "-");
    } else {
        snprintf(buf, n, "%.1f%%", 100 * s);
    }
}

static void table_pairs(FILE *f, const struct mc_dataset *ds, const struct mc_change *c, bool grew,
                        size_t top) {
    size_t *idx = malloc((top + 1) * sizeof *idx);
    if (idx == NULL) {
        return;
    }
    size_t n = top_pairs(c, grew, top, idx);
    fprintf(f, "%s", grew ? "grew most   " : "shrank most ");
    if (n == 0) {
        fprintf(f, "  none\n");
    }
    for (size_t i = 0; i < n; i++) {
        const struct mc_change_pair *p = &c->pairs[idx[i]];
        char a[40], b[40], d[40];
        fprintf(f, "%s%s-%s %s%s (%s -> %s)\n", i == 0 ? "  " : "              ",
                mc_dataset_country_name(ds, p->a), mc_dataset_country_name(ds, p->b),
                grew ? "+" : "-", mc_fmt_human(d, sizeof d, fabs(p->w_to - p->w_from), 8),
                mc_fmt_human(a, sizeof a, p->w_from, 8), mc_fmt_human(b, sizeof b, p->w_to, 8));
    }
    free(idx);
}

void mc_change_table(FILE *f, const struct mc_dataset *ds, const struct mc_change *c, size_t top) {
    char pf[48], pt[48], a[32], b[32], x[32], y[32], z[32];
    const char *sec = sector_name(ds, c);
    fprintf(f, "change        %s, %s%s, %s -> %s\n", ds->name, sec ? "sector " : "all sectors",
            sec ? sec : "", mc_period_format(&c->from, pf, sizeof pf),
            mc_period_format(&c->to, pt, sizeof pt));
    fprintf(f, "nodes         %s -> %s (kept %s, entered %s, left %s)\n",
            mc_fmt_count(a, c->nodes_from), mc_fmt_count(b, c->nodes_to),
            mc_fmt_count(x, c->nodes_kept), mc_fmt_count(y, c->nodes_entered),
            mc_fmt_count(z, c->nodes_left));
    fprintf(f, "links         %s -> %s (kept %s, new %s, lost %s)\n",
            mc_fmt_count(a, c->links_from), mc_fmt_count(b, c->links_to),
            mc_fmt_count(x, c->links_kept), mc_fmt_count(y, c->links_new),
            mc_fmt_count(z, c->links_lost));
    fprintf(f, "weight        %s -> %s\n", mc_fmt_human(a, sizeof a, c->weight_from, 10),
            mc_fmt_human(b, sizeof b, c->weight_to, 10));
    share_text(a, sizeof a, c->cross_from, c->known_from);
    share_text(b, sizeof b, c->cross_to, c->known_to);
    fprintf(f, "cross-border  %s -> %s of the tie weight\n", a, b);
    table_pairs(f, ds, c, true, top);
    table_pairs(f, ds, c, false, top);
    fprintf(f,
            "communities   %" IGRAPH_PRId " -> %" IGRAPH_PRId "; the later ones of 3 or more "
            "members, traced back:\n",
            c->communities_from, c->communities_to);
    fprintf(f, "  %9s %6s %9s %9s %7s %14s %11s  %s\n", "community", "size", "countries",
            "returning", "origins", "main origin", "links k/new", "lead");
    for (size_t i = 0; i < c->n_communities; i++) {
        const struct mc_change_community *cc = &c->communities[i];
        char mo[40], lk[40];
        if (cc->main_origin >= 0) {
            snprintf(mo, sizeof mo, "%" IGRAPH_PRId " (%zu)", cc->main_origin,
                     cc->main_origin_members);
        } else {
            snprintf(mo, sizeof mo, "-");
        }
        snprintf(lk, sizeof lk, "%zu/%zu", cc->links_kept, cc->links_new);
        fprintf(f, "  %9" IGRAPH_PRId " %6zu %9zu %9zu %7zu %14s %11s  %s\n", cc->id, cc->size,
                cc->countries, cc->returning, cc->origins, mo, lk, ds->node_name[cc->lead]);
    }
}

void mc_change_csv(FILE *f, const struct mc_dataset *ds, const struct mc_change *c) {
    static const char *const head[] = {"country_a",   "country_b",  "cross_border",
                                       "weight_from", "weight_to",  "change",
                                       "growth",      "links_from", "links_to"};
    for (size_t i = 0; i < MC_ARRAY_SIZE(head); i++) {
        mc_csv_field(f, head[i], i == 0);
    }
    mc_csv_end(f);
    for (size_t i = 0; i < c->n_pairs; i++) {
        const struct mc_change_pair *p = &c->pairs[i];
        char w0[40], w1[40], d[40], g[40];
        mc_fmt_real(w0, p->w_from);
        mc_fmt_real(w1, p->w_to);
        mc_fmt_real(d, p->w_to - p->w_from);
        if (p->w_from > 0) {
            mc_fmt_real(g, (p->w_to - p->w_from) / p->w_from);
        } else {
            g[0] = '\0';
        }
        fprintf(f, "%s,%s,%d,%s,%s,%s,%s,%zu,%zu\n", mc_dataset_country_name(ds, p->a),
                mc_dataset_country_name(ds, p->b), cross_border(p), w0, w1, d, g, p->links_from,
                p->links_to);
    }
}

/* change_nodes.csv: id,name,country,status for every node present in either period. */
static void nodes_csv(FILE *f, const struct mc_dataset *ds, const struct mc_change *c) {
    static const char *const status[] = {"", "kept", "entered", "left"};
    fputs("id,name,country,status\n", f);
    for (size_t i = 0; i < c->n_nodes; i++) {
        if (c->node_status[i] == MC_NODE_ABSENT) {
            continue;
        }
        mc_csv_field(f, mc_dataset_node_id(ds, i), true);
        mc_csv_field(f, ds->node_name[i], false);
        mc_csv_field(f, mc_dataset_country_name(ds, ds->node_country[i]), false);
        mc_csv_field(f, status[c->node_status[i]], false);
        mc_csv_end(f);
    }
}

/* What the files of DIR are written from. */
struct change_files {
    const struct mc_dataset *ds;
    const struct mc_change *c;
    const json_t *json;
};

static enum mc_status csv_file(FILE *f, const char *path, const void *ctx, struct mc_error *err) {
    const struct change_files *cf = ctx;
    (void)path;
    (void)err;
    mc_change_csv(f, cf->ds, cf->c);
    return MC_OK;
}

static enum mc_status nodes_file(FILE *f, const char *path, const void *ctx, struct mc_error *err) {
    const struct change_files *cf = ctx;
    (void)path;
    (void)err;
    nodes_csv(f, cf->ds, cf->c);
    return MC_OK;
}

static enum mc_status json_file(FILE *f, const char *path, const void *ctx, struct mc_error *err) {
    const struct change_files *cf = ctx;
    return mc_json_write(cf->json, f, path, err);
}

/* The paired bars: the `top` cross-border pairs by the size of their change. */
static enum mc_status write_figure(const char *dir, const struct mc_dataset *ds,
                                   const struct mc_change *c, size_t top,
                                   const struct mc_render_options *ro, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    size_t *gi = malloc((top + 1) * sizeof *gi), *si = malloc((top + 1) * sizeof *si);
    char(*label)[16] = malloc((2 * top + 1) * sizeof *label);
    const char **lp = malloc((2 * top + 1) * sizeof *lp);
    double *val = malloc((4 * top + 2) * sizeof *val);
    char *path = mc_path_join(dir, "change.png");
    char title[512], caption[512], pf[48], pt[48];
    if (!gi || !si || !label || !lp || !val || !path) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (change figure)");
        goto out;
    }
    /* grown and shrunk, merged by the size of the change (ties: grown first) */
    size_t ng = top_pairs(c, true, top, gi), ns = top_pairs(c, false, top, si), n = 0;
    for (size_t i = 0, j = 0; n < top && (i < ng || j < ns);) {
        const struct mc_change_pair *g = i < ng ? &c->pairs[gi[i]] : NULL;
        const struct mc_change_pair *s = j < ns ? &c->pairs[si[j]] : NULL;
        bool take_g =
            g != NULL && (s == NULL || fabs(g->w_to - g->w_from) >= fabs(s->w_to - s->w_from));
        const struct mc_change_pair *p = take_g ? g : s;
        i += take_g;
        j += !take_g;
        snprintf(label[n], sizeof label[n], "%s–%s %s", mc_dataset_country_name(ds, p->a),
                 mc_dataset_country_name(ds, p->b), p->w_to >= p->w_from ? "▲" : "▼");
        lp[n] = label[n];
        val[2 * n] = p->w_from;
        val[2 * n + 1] = p->w_to;
        n++;
    }
    mc_period_format(&c->from, pf, sizeof pf);
    mc_period_format(&c->to, pt, sizeof pt);
    const char *series[2] = {pf, pt};
    const char *sec = sector_name(ds, c);
    snprintf(title, sizeof title, "%s%s%s: cross-border cooperation, %s and %s", ds->name,
             sec ? " — " : "", sec ? sec : "", pf, pt);
    snprintf(caption, sizeof caption,
             "The %zu country pairs whose cooperation changed most (▲ grew, ▼ shrank): tie weight "
             "between their organisations in each period.%s",
             n, n == 0 ? " No cross-border tie changed." : "");
    struct mc_chart_bars bars = {.title = title,
                                 .caption = caption,
                                 .n_rows = n,
                                 .row_label = lp,
                                 .n_series = 2,
                                 .series_label = series,
                                 .value = val,
                                 .axis_title = "Tie weight"};
    rc = mc_figure_chart(path, &bars, NULL, ro, err);
out:
    free(gi);
    free(si);
    free(label);
    free(lp);
    free(val);
    free(path);
    return rc;
}

enum mc_status mc_change_write(const char *dir, const struct mc_dataset *ds,
                               const struct mc_change *c, size_t top,
                               const struct mc_render_options *ro, struct mc_error *err) {
    enum mc_status rc = mc_mkdirs(dir, err);
    json_t *json = NULL;
    if (rc != MC_OK) {
        return rc;
    }
    json = mc_change_json(ds, c, top);
    if (json == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
    }
    struct change_files cf = {.ds = ds, .c = c, .json = json};
    if ((rc = mc_write_in_dir(dir, "change.csv", csv_file, &cf, err)) == MC_OK &&
        (rc = mc_write_in_dir(dir, "change_nodes.csv", nodes_file, &cf, err)) == MC_OK &&
        (rc = mc_write_in_dir(dir, "change.json", json_file, &cf, err)) == MC_OK) {
        rc = write_figure(dir, ds, c, top, ro, err);
    }
    json_decref(json);
    return rc;
}
