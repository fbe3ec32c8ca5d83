/*
 * Output of `metaclust sectors`: sectors.csv, sectors.md, emerging.csv and
 * the two charts. See metaclust/sectors.h.
 */
#include "metaclust/sectors.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/csvio.h"
#include "metaclust/figure.h"
#include "metaclust/outfile.h"
#include "metaclust/util.h"

/* A real for CSV, "" for NAN. */
static const char *real_or_empty(char *buf, double x) {
    if (isnan(x)) {
        buf[0] = '\0';
        return buf;
    }
    return mc_fmt_real(buf, x);
}

void mc_sectors_csv(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s) {
    static const char *const head[] = {
        "rank",      "sector",     "potential",           "nodes",    "ties",
        "weight",    "countries",  "cross_border_share",  "labelled", "candidates",
        "proposals", "best_score", "ties_per_year_slope", "growth"};
    for (size_t i = 0; i < MC_ARRAY_SIZE(head); i++) {
        mc_csv_field(f, head[i], i == 0);
    }
    for (int k = 0; k < MC_POT_PARTS; k++) {
        char name[48];
        snprintf(name, sizeof name, "score_%s", mc_potential_part_name((enum mc_potential_part)k));
        mc_csv_field(f, name, false);
    }
    mc_csv_end(f);
    for (size_t i = 0; i < s->n_rows; i++) {
        const struct mc_sector_row *r = &s->rows[i];
        char b[8][40], lab[32];
        if (r->labelled >= 0) {
            snprintf(lab, sizeof lab, "%ld", r->labelled);
        } else {
            lab[0] = '\0';
        }
        fprintf(f, "%d,", r->rank);
        mc_csv_field(f, mc_dataset_sector_name(ds, r->sector), true);
        fprintf(f, ",%s,%zu,%zu,%s,%zu,%s,%s,%zu,%zu,%s,%s,%s", mc_fmt_real(b[0], r->potential),
                r->nodes, r->ties, mc_fmt_real(b[1], r->weight), r->countries,
                real_or_empty(b[2], r->cross_share), lab, r->candidates, r->proposals,
                real_or_empty(b[3], r->best_score), real_or_empty(b[4], r->slope),
                real_or_empty(b[5], r->growth));
        for (int k = 0; k < MC_POT_PARTS; k++) {
            fprintf(f, ",%s", real_or_empty(b[6], r->part[k]));
        }
        mc_csv_end(f);
    }
}

void mc_emerging_csv(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s) {
    fputs("rank,sector_a,sector_b,organisations_in_both,cross_ties,ties_first_half,"
          "ties_second_half,growth,growth_ratio\n",
          f);
    for (size_t i = 0; i < s->n_pairs; i++) {
        const struct mc_sector_pair *p = &s->pairs[i];
        char g[40];
        fprintf(f, "%d,", p->rank);
        mc_csv_field(f, mc_dataset_sector_name(ds, p->a), true);
        mc_csv_field(f, mc_dataset_sector_name(ds, p->b), false);
        fprintf(f, ",%zu,%zu,%zu,%zu,%lld,%s", p->both, p->ties, p->ties_first, p->ties_second,
                (long long)p->ties_second - (long long)p->ties_first,
                p->ties_first > 0
                    ? mc_fmt_real(g, ((double)p->ties_second - (double)p->ties_first) /
                                         (double)p->ties_first)
                    : "");
        mc_csv_end(f);
    }
}

/* A growth rate in per cent with a sign, "-" when unknown, never "-0". */
static void growth_text(char *buf, size_t n, double g, int digits, const char *unit) {
    double v = 100 * g, half = digits == 0 ? 0.5 : 0.05;
    if (isnan(g)) {
        snprintf(buf, n, "-");
    } else if (fabs(v) < half) {
        snprintf(buf, n, "0%s", unit);
    } else {
        snprintf(buf, n, "%+.*f%s", digits, v, unit);
    }
}

static void pct(char *buf, size_t n, double x) {
    if (isnan(x)) {
        snprintf(buf, n, "-");
    } else {
        snprintf(buf, n, "%.0f%%", 100 * x);
    }
}

/* A row's cross-border share, growth (with `digits` and `unit`) and best score as text. */
struct row_text {
    char cross[16], growth[24], best[16];
};

static void row_text(const struct mc_sector_row *r, int digits, const char *unit,
                     struct row_text *t) {
    pct(t->cross, sizeof t->cross, r->cross_share);
    growth_text(t->growth, sizeof t->growth, r->growth, digits, unit);
    if (isnan(r->best_score)) {
        snprintf(t->best, sizeof t->best, "-");
    } else {
        snprintf(t->best, sizeof t->best, "%.3f", r->best_score);
    }
}

void mc_sectors_table(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s,
                      size_t top) {
    fprintf(f, "%4s  %-24s %9s %8s %9s %9s %12s %9s %10s %8s\n", "rank", "sector", "potential",
            "nodes", "ties", "countries", "cross-border", "proposals", "best score", "growth");
    for (size_t i = 0; i < s->n_rows && i < top; i++) {
        const struct mc_sector_row *r = &s->rows[i];
        struct row_text t;
        row_text(r, 0, "%/y", &t);
        fprintf(f, "%4d  %-24s %9.3f %8zu %9zu %9zu %12s %9zu %10s %8s\n", r->rank,
                mc_dataset_sector_name(ds, r->sector), r->potential, r->nodes, r->ties,
                r->countries, t.cross, r->proposals, t.best, t.growth);
    }
    if (s->n_pairs > 0) {
        fprintf(f, "\nemerging pairs (cross-sector ties, first half -> second half):\n");
    }
    for (size_t i = 0; i < s->n_pairs && i < 5; i++) {
        const struct mc_sector_pair *p = &s->pairs[i];
        fprintf(f, "%4d  %s + %s: %zu organisations in both, %zu ties (%zu -> %zu)\n", p->rank,
                mc_dataset_sector_name(ds, p->a), mc_dataset_sector_name(ds, p->b), p->both,
                p->ties, p->ties_first, p->ties_second);
    }
}

/* The ranking as a Markdown table. */
static void md_ranking(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s) {
    fprintf(f, "| rank | sector | potential | nodes | ties | countries | cross-border | "
               "proposals | best score | growth per year |\n"
               "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (size_t i = 0; i < s->n_rows; i++) {
        const struct mc_sector_row *r = &s->rows[i];
        struct row_text t;
        row_text(r, 1, "%", &t);
        fprintf(f, "| %d | %s | %.3f | %zu | %zu | %zu | %s | %zu | %s | %s |\n", r->rank,
                mc_dataset_sector_name(ds, r->sector), r->potential, r->nodes, r->ties,
                r->countries, t.cross, r->proposals, t.best, t.growth);
    }
}

void mc_sectors_md(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s,
                   const char *chart) {
    fprintf(f, "# %s: where to act\n\n", ds->name);
    if (ds->years.set) {
        char p[48];
        fprintf(f, "Period: %s (rows of other years left out).\n\n",
                mc_period_format(&ds->years, p, sizeof p));
    }
    if (s->have_years && (s->year_min != s->data_min || s->year_max != s->data_max)) {
        fprintf(f,
                "The rows run from %ld to %ld; growth is measured over the complete years "
                "%ld-%ld (the years at either end with fewer rows than a quarter of the median "
                "year's are left out as incomplete).\n\n",
                s->data_min, s->data_max, s->year_min, s->year_max);
    }
    fprintf(f, "## Sectors by potential for a transnational meta-cluster\n\n");
    if (chart != NULL) {
        fprintf(f, "![Potential by sector](%s)\n\n", chart);
    }
    md_ranking(f, ds, s);
    fprintf(f, "\n## How the potential is scored\n\n"
               "The potential of a sector is a weighted mean of the components below, each "
               "between 0 and 1. A component the data cannot support is left out and the "
               "weights of the others are scaled up to sum to 1. It ranks sectors against "
               "each other in this dataset; it is not a probability.\n\n");
    static const char *const words[MC_POT_PARTS] = {
        "the cross-border share of the sector's tie weight: how much of its cooperation "
        "already crosses a border. A transnational meta-cluster needs partners that work "
        "across borders.",
        "the score of the best meta-cluster proposal in the sector, from the proposals logic "
        "run with cheap settings (one Leiden run): cohesion, country diversity, cross-border "
        "share of internal ties, stability and strength (see `metaclust propose`). 0 when no "
        "group passes the rules (3 countries or more, no country above half).",
        "the number of ties, on a log scale, against the sector with most ties: a larger "
        "network offers more candidates.",
        "the number of countries of the sector's organisations against the sector with most "
        "countries: the room for a European partnership.",
        "the growth of ties per year: each year's new ties (pairs formed by the groups that "
        "started that year, plus dated direct edges) fitted by a straight line; the slope "
        "over the mean gives g, the relative growth per year, mapped to 1 / (1 + exp(-g / "
        "0.1)): 0.5 for no growth, 0.73 for +10% a year, 0.27 for -10% a year.",
        "the share of the sector's organisations that hold an ESCA cluster label, against "
        "the highest share of a sector: labelled clusters are the partners the "
        "European Strategic Cluster Partnerships look for."};
    for (int k = 0; k < MC_POT_PARTS; k++) {
        bool used = k == MC_POT_GROWTH     ? s->have_years
                    : k == MC_POT_LABELLED ? s->have_labels
                                           : true;
        fprintf(f, "- **%s** (weight %.2f%s): %s\n",
                mc_potential_part_name((enum mc_potential_part)k),
                mc_potential_part_weight((enum mc_potential_part)k),
                used                 ? ""
                : k == MC_POT_GROWTH ? "; left out: the data has no years"
                                     : "; left out: the data has no labels",
                words[k]);
    }
    fprintf(f, "\nEvery component of every sector is in `sectors.csv` (columns `score_*`).\n\n");
    fprintf(f,
            "## Emerging industries: where sectors meet\n\n"
            "For each pair of sectors: the organisations active in both, and the ties of the "
            "whole network with one end active in one sector but not the other, and the other end "
            "the other way round (cross-sector ties)");
    if (s->have_years && s->year_max > s->year_min) {
        fprintf(f, ", in the first half of the period (%ld-%ld) and the second (%ld-%ld)",
                s->year_min, s->half_end, s->half_end + 1, s->year_max);
    }
    fprintf(f, ". Ranked by the growth of cross-sector ties from the first half to the second, "
               "then by cross-sector ties. The heat map shows the cross-sector ties of every "
               "pair.\n\n![Cross-sector ties](emerging.png)\n\n"
               "| rank | sectors | organisations in both | cross-sector ties | first half | "
               "second half | growth |\n|---:|---|---:|---:|---:|---:|---:|\n");
    for (size_t i = 0; i < s->n_pairs && i < 15; i++) {
        const struct mc_sector_pair *p = &s->pairs[i];
        fprintf(f, "| %d | %s + %s | %zu | %zu | %zu | %zu | %+lld |\n", p->rank,
                mc_dataset_sector_name(ds, p->a), mc_dataset_sector_name(ds, p->b), p->both,
                p->ties, p->ties_first, p->ties_second,
                (long long)p->ties_second - (long long)p->ties_first);
    }
    if (s->n_pairs > 15) {
        fprintf(f, "\nThe other %zu pairs are in `emerging.csv`.\n", s->n_pairs - 15);
    }
}

void mc_sectors_render_options(const struct mc_sectors *s, struct mc_render_options *ro) {
    mc_render_options_init(ro);
    ro->width = 1000;
    ro->height = s->n_rows > 20 ? 300 + 28 * (double)s->n_rows : 800;
}

enum mc_status mc_sectors_chart(const char *path, const struct mc_dataset *ds,
                                const struct mc_sectors *s, const struct mc_render_options *ro,
                                struct mc_error *err) {
    const char **label = malloc((s->n_rows + 1) * sizeof *label);
    double *val = malloc((s->n_rows + 1) * sizeof *val);
    char title[300];
    enum mc_status rc;
    if (label == NULL || val == NULL) {
        free(label);
        free(val);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (sectors chart)");
    }
    for (size_t i = 0; i < s->n_rows; i++) {
        label[i] = mc_dataset_sector_name(ds, s->rows[i].sector);
        val[i] = s->rows[i].potential;
    }
    static const char *const series[] = {"potential"};
    snprintf(title, sizeof title, "%s: sectors by potential for a transnational meta-cluster",
             ds->name);
    struct mc_chart_bars bars = {
        .title = title,
        .caption = "Potential: weighted mean of the cross-border share, the best proposal's score, "
                   "the size of the network, the countries reached, the growth of ties and the "
                   "labelled share (see sectors.md).",
        .n_rows = s->n_rows,
        .row_label = label,
        .n_series = 1,
        .series_label = series,
        .value = val,
        .axis_title = "Potential (0 to 1)"};
    rc = mc_figure_chart(path, &bars, NULL, ro, err);
    free(label);
    free(val);
    return rc;
}

/* The sector x sector heat map of cross-sector ties, sectors in name order. */
static enum mc_status heatmap(const char *path, const struct mc_dataset *ds,
                              const struct mc_sectors *s, const struct mc_render_options *ro,
                              struct mc_error *err) {
    size_t ns = ds->sectors.n;
    long *order = malloc((ns + 1) * sizeof *order);
    size_t *pos = malloc((ns + 1) * sizeof *pos);
    const char **label = malloc((ns + 1) * sizeof *label);
    double *val = malloc((ns * ns + 1) * sizeof *val);
    char title[300];
    enum mc_status rc;
    if (!order || !pos || !label || !val) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (heat map)");
        goto out;
    }
    mc_dataset_sector_order(ds, order);
    for (size_t i = 0; i < ns; i++) {
        pos[order[i]] = i;
        label[i] = mc_dataset_sector_name(ds, (int32_t)order[i]);
    }
    for (size_t i = 0; i < ns * ns; i++) {
        val[i] = i / ns == i % ns ? NAN : 0;
    }
    for (size_t i = 0; i < s->n_pairs; i++) {
        size_t a = pos[s->pairs[i].a], b = pos[s->pairs[i].b];
        val[a * ns + b] = val[b * ns + a] = (double)s->pairs[i].ties;
    }
    snprintf(title, sizeof title, "%s: cross-sector ties", ds->name);
    struct mc_chart_heatmap hm = {
        .title = title,
        .caption = "Ties of the whole network between an organisation active in the row's sector "
                   "(not the column's) and one active in the column's (not the row's); colour on "
                   "a square-root scale. Where sectors meet, emerging industries may arise (see "
                   "sectors.md and emerging.csv).",
        .n = ns,
        .label = label,
        .value = val,
        .value_title = "Cross-sector ties"};
    rc = mc_figure_chart(path, NULL, &hm, ro, err);
out:
    free(order);
    free(pos);
    free(label);
    free(val);
    return rc;
}

/* What the files of DIR are written from. */
struct sectors_files {
    const struct mc_dataset *ds;
    const struct mc_sectors *s;
    void (*fn)(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s);
};

static void md_file(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s) {
    mc_sectors_md(f, ds, s, "sectors.png");
}

static enum mc_status one_file(FILE *f, const char *path, const void *ctx, struct mc_error *err) {
    const struct sectors_files *sf = ctx;
    (void)path;
    (void)err;
    sf->fn(f, sf->ds, sf->s);
    return MC_OK;
}

/* Text for HTML: the five characters that matter escaped. */
static void html_text(FILE *f, const char *t) {
    static const char *const esc[][2] = {
        {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}};
    for (; *t; t++) {
        size_t k = 0;
        while (k < MC_ARRAY_SIZE(esc) && *t != esc[k][0][0]) {
            k++;
        }
        fputs(k < MC_ARRAY_SIZE(esc) ? esc[k][1] : (char[]){*t, '\0'}, f);
    }
}

static void section_md(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s) {
    fprintf(f, "## Sectors by potential for a transnational meta-cluster\n\n"
               "![Potential by sector](sectors/sectors.png)\n\n");
    md_ranking(f, ds, s);
    fprintf(f, "\nThe score explained in [sectors/sectors.md](sectors/sectors.md); every "
               "component in [sectors/sectors.csv](sectors/sectors.csv); the emerging sector "
               "pairs in [sectors/emerging.csv](sectors/emerging.csv) and "
               "[sectors/emerging.png](sectors/emerging.png).\n\n");
}

static void section_html(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s) {
    fprintf(f, "<section class=\"card\" id=\"sectors\">\n<h2>Sectors by potential for a "
               "transnational meta-cluster</h2>\n<div class=\"figs\"><a href=\"sectors/"
               "sectors.png\"><img src=\"sectors/sectors.png\" alt=\"potential by sector\">"
               "</a><a href=\"sectors/emerging.png\"><img src=\"sectors/emerging.png\" "
               "alt=\"cross-sector ties\"></a></div>\n<table><tr><th class=\"n\">rank</th>"
               "<th>sector</th><th class=\"n\">potential</th><th class=\"n\">nodes</th>"
               "<th class=\"n\">countries</th><th class=\"n\">cross-border</th>"
               "<th class=\"n\">proposals</th><th class=\"n\">growth per year</th></tr>\n");
    for (size_t i = 0; i < s->n_rows; i++) {
        const struct mc_sector_row *r = &s->rows[i];
        struct row_text t;
        row_text(r, 1, "%", &t);
        fprintf(f, "<tr><td class=\"n\">%d</td><td>", r->rank);
        html_text(f, mc_dataset_sector_name(ds, r->sector));
        fprintf(f,
                "</td><td class=\"n\">%.3f</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
                "<td class=\"n\">%s</td><td class=\"n\">%zu</td><td class=\"n\">%s</td></tr>\n",
                r->potential, r->nodes, r->countries, t.cross, r->proposals, t.growth);
    }
    fprintf(f, "</table>\n<div class=\"files\"><a href=\"sectors/sectors.md\">sectors.md</a>"
               "<a href=\"sectors/sectors.csv\">sectors.csv</a><a href=\"sectors/"
               "emerging.csv\">emerging.csv</a></div>\n</section>\n");
}

enum mc_status mc_sectors_write_sections(const char *dir, const struct mc_dataset *ds,
                                         const struct mc_sectors *s, struct mc_error *err) {
    struct sectors_files md = {ds, s, section_md}, ht = {ds, s, section_html};
    enum mc_status rc = mc_write_in_dir(dir, "section.md", one_file, &md, err);
    return rc == MC_OK ? mc_write_in_dir(dir, "section.html", one_file, &ht, err) : rc;
}

enum mc_status mc_sectors_write(const char *dir, const struct mc_dataset *ds,
                                const struct mc_sectors *s, const struct mc_render_options *ro,
                                struct mc_error *err) {
    enum mc_status rc = mc_mkdirs(dir, err);
    char *chart = mc_path_join(dir, "sectors.png"), *heat = mc_path_join(dir, "emerging.png");
    if (rc == MC_OK && (chart == NULL || heat == NULL)) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    struct sectors_files csv = {ds, s, mc_sectors_csv}, em = {ds, s, mc_emerging_csv},
                         md = {ds, s, md_file};
    if (rc == MC_OK && (rc = mc_write_in_dir(dir, "sectors.csv", one_file, &csv, err)) == MC_OK &&
        (rc = mc_write_in_dir(dir, "emerging.csv", one_file, &em, err)) == MC_OK &&
        (rc = mc_write_in_dir(dir, "sectors.md", one_file, &md, err)) == MC_OK &&
        (rc = mc_sectors_chart(chart, ds, s, ro, err)) == MC_OK) {
        rc = heatmap(heat, ds, s, ro, err);
    }
    free(chart);
    free(heat);
    return rc;
}
