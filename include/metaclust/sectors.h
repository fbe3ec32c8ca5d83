#ifndef METACLUST_SECTORS_H
#define METACLUST_SECTORS_H

/*
 * Where to act: sectors ranked by their potential for a transnational
 * meta-cluster (Clusters-CORD picked 3 of 9 sectors "with the greatest
 * potential" before forming any), and the sector pairs where emerging
 * industries may arise (ClusterCOOP), with the growth of their cross-sector
 * ties.
 *
 * Potential (README "metaclust sectors"; sectors.md says it in words): the
 * weighted mean of components in [0, 1], over those the data supports:
 *
 *   transnational  cross-border share of the sector's tie weight      0.25
 *   proposals      best proposal score (0: no proposal survives)      0.25
 *   scale          log(1 + ties) / log(1 + most ties of a sector)     0.15
 *   reach          countries / most countries of a sector             0.15
 *   growth         1 / (1 + exp(-g / 0.1)), g = relative growth of     0.10
 *                  ties per year (only when the data has years)
 *   labelled       ESCA-labelled share / highest share of a sector    0.10
 *                  (only when the data has labels)
 *
 * Ties per year: for each complete year (struct mc_sectors), the pairs formed
 * by the groups of the sector that started in it (k(k-1)/2 for k members)
 * plus its direct edge rows of that year; g is the least-squares slope of
 * that series over its mean.
 *
 * Emerging pairs: for sectors S and T, the organisations active in both, and
 * the ties of the whole-dataset view with one end active in S but not in T
 * and the other in T but not in S ("cross-sector ties"), in the whole period and in the first and
 * second half of its complete years (by start year; the first half holds the earlier ceil(years /
 * 2)). Ranked by the growth of cross-sector ties (second half minus first), then by cross-sector
 * ties, then by name.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "metaclust/dataset.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"
#include "metaclust/propose.h"
#include "metaclust/render.h"

/* The components of the potential, in the order of the table above. */
enum mc_potential_part {
    MC_POT_TRANSNATIONAL = 0,
    MC_POT_PROPOSALS,
    MC_POT_SCALE,
    MC_POT_REACH,
    MC_POT_GROWTH,
    MC_POT_LABELLED,
    MC_POT_PARTS
};

/* Name ("transnational", ...) and weight of a component. */
const char *mc_potential_part_name(enum mc_potential_part p);
double mc_potential_part_weight(enum mc_potential_part p);

/* A sector's proposals made elsewhere (a batch unit on the same view), not sought again. */
struct mc_sector_found {
    bool set;
    size_t candidates, proposals;
    double best_score; /* NAN without a proposal */
};

struct mc_sectors_options {
    struct mc_view_options view;         /* the counts: projection, max_group_size (the sector
                                            is set per view) */
    struct mc_view_options propose_view; /* the proposals' view: propose's defaults
                                            (mc_propose_view_defaults) */
    struct mc_propose_options propose;   /* cheap settings: 1 Leiden run by default */
    int jobs;                            /* worker processes for the sector views; 0: the CPUs */
    const struct mc_sector_found *found; /* per sector of ds, or NULL: the sectors whose
                                            proposals are known (set) are not proposed on */
};

void mc_sectors_options_init(struct mc_sectors_options *o);

struct mc_sector_row {
    int32_t sector;
    int rank; /* 1 = most potential */
    size_t nodes, ties;
    double weight;
    size_t countries;
    double cross_share; /* NAN when no tie has two known countries */
    long labelled;      /* nodes with an ESCA label; -1 when the dataset has no labels */
    size_t candidates, proposals;
    double best_score; /* NAN without a proposal */
    double slope;      /* ties per year: least-squares change per year; NAN without years */
    double growth;     /* slope / mean ties per year; NAN without two years or without ties */
    double part[MC_POT_PARTS]; /* NAN: not available in this dataset */
    double potential;
};

struct mc_sector_pair {
    int32_t a, b;       /* sector indices, a's name before b's */
    int rank;           /* 1 = most emerging */
    size_t both;        /* organisations active in both */
    size_t ties;        /* cross-sector ties in the whole period */
    size_t ties_first;  /* ... in the first half */
    size_t ties_second; /* ... in the second half */
};

struct mc_sectors {
    struct mc_sector_row *rows; /* by rank */
    size_t n_rows;
    struct mc_sector_pair *pairs; /* by rank; every pair with a shared organisation or a tie */
    size_t n_pairs;
    bool have_years, have_labels;
    long data_min, data_max; /* the years of the rows; 0 without years */
    /*
     * The complete years, used for the trends and the halves: years at either
     * end with fewer rows than a quarter of the median year's are left out as
     * incomplete. First half: year_min..half_end, second: half_end+1..year_max.
     */
    long year_min, year_max, half_end;
};

void mc_sectors_init(struct mc_sectors *s);
void mc_sectors_destroy(struct mc_sectors *s);

/*
 * Ranks the sectors of `ds` and finds the emerging pairs. A dataset without
 * sectors gives no rows. Deterministic for a given dataset and options,
 * whatever opt->jobs. Sectors whose opt->found entry is set are not proposed
 * on: their rows take the entry's numbers.
 * Errors: those of building the views and proposing.
 * Time complexity: one view build and one proposal run per sector (in
 * parallel), plus three whole-dataset views for the pairs.
 */
enum mc_status mc_sectors_compute(const struct mc_dataset *ds, const struct mc_sectors_options *opt,
                                  struct mc_sectors *out, struct mc_error *err);

/*
 * Takes the proposals of the sectors whose `found` entry is set (one entry per
 * sector of ds) into s's rows, then scores and ranks the rows again: how a
 * batch completes a ranking computed alongside its units (their sectors'
 * entries set, as placeholders, in opt->found) once the units are done.
 * Errors: MC_E_NOMEM.
 */
enum mc_status mc_sectors_settle(const struct mc_dataset *ds, const struct mc_sector_found *found,
                                 struct mc_sectors *s, struct mc_error *err);

/*
 * s as one block of bytes (*buf, malloc'd, *len bytes), for another process
 * of the same program: a batch worker sends its ranking to the parent this
 * way. Errors: MC_E_NOMEM.
 */
enum mc_status mc_sectors_pack(const struct mc_sectors *s, void **buf, size_t *len,
                               struct mc_error *err);

/*
 * mc_sectors_pack's bytes back into s (initialised; what it held is freed).
 * Errors: MC_E_DATA when the length does not match the counts, MC_E_NOMEM.
 */
enum mc_status mc_sectors_unpack(const void *buf, size_t len, struct mc_sectors *s,
                                 struct mc_error *err);

/*
 * The emerging pairs alone (out->pairs, have_years, year_min, year_max,
 * half_end), without ranking the sectors: what `propose --cross-sector`
 * needs. Errors as above.
 */
enum mc_status mc_sectors_emerging(const struct mc_dataset *ds,
                                   const struct mc_sectors_options *opt, struct mc_sectors *out,
                                   struct mc_error *err);

/*
 * The k most emerging pairs of `ds`, for propose --cross-sector: a[i], b[i]
 * receive sector indices (a's name before b's); *n receives how many (at most
 * k), the halves as mc_sectors_emerging finds them.
 */
enum mc_status mc_sectors_top_pairs(const struct mc_dataset *ds, const struct mc_view_options *view,
                                    size_t k, int32_t *a, int32_t *b, size_t *n,
                                    struct mc_error *err);

/* ==== Output (src/sectors_report.c) ==== */

/* sectors.csv (README "metaclust sectors"), rows in rank order. */
void mc_sectors_csv(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s);

/* emerging.csv, rows in rank order. */
void mc_emerging_csv(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s);

/* sectors.md: the ranking, the score explained in words, the emerging pairs. */
void mc_sectors_md(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s,
                   const char *chart);

/* The ranking table for people (stdout), the top `top` rows, then the 5 most emerging pairs. */
void mc_sectors_table(FILE *f, const struct mc_dataset *ds, const struct mc_sectors *s, size_t top);

/* The figures' size: 1000 px wide, taller for more than 20 sectors. */
void mc_sectors_render_options(const struct mc_sectors *s, struct mc_render_options *ro);

/* The potential chart (bars, in rank order) into `path`. */
enum mc_status mc_sectors_chart(const char *path, const struct mc_dataset *ds,
                                const struct mc_sectors *s, const struct mc_render_options *ro,
                                struct mc_error *err);

/*
 * Writes DIR/sectors.csv, sectors.md, sectors.png, emerging.csv and
 * emerging.png (the sector x sector heat map of cross-sector ties), each
 * atomically. Errors: MC_E_IO, MC_E_RENDER, MC_E_NOMEM.
 */
enum mc_status mc_sectors_write(const char *dir, const struct mc_dataset *ds,
                                const struct mc_sectors *s, const struct mc_render_options *ro,
                                struct mc_error *err);

/*
 * The ranking as the lead section of a batch report: DIR/section.md and
 * DIR/section.html, with links relative to DIR's parent (DIR is OUTDIR/sectors),
 * written atomically; batch puts them at the top of report.md and index.html.
 */
enum mc_status mc_sectors_write_sections(const char *dir, const struct mc_dataset *ds,
                                         const struct mc_sectors *s, struct mc_error *err);

#endif
