#ifndef METACLUST_PROPOSALS_FILTER_H
#define METACLUST_PROPOSALS_FILTER_H

/*
 * A national lens on a proposal run (`--country XX`, for a national agency
 * such as CzechInvest): keep the proposals with at least one member from XX,
 * and add a national section to proposals.md that lists every XX cluster of
 * each view, the proposals it is in, its best cross-border matches, and, for
 * those in no proposal, the nearest qualifying group (the proposal it has the
 * most tie weight to).
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "metaclust/dataset.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"
#include "metaclust/propose.h"
#include "metaclust/propose_report.h"

/* A `--country` value: two ASCII letters. Errors: MC_E_USAGE naming the option. */
enum mc_status mc_country_check(const char *code, struct mc_error *err);

/*
 * The dataset's index of country `code` (any case; EL and UK as GR and GB).
 * Errors: MC_E_USAGE when it is not a two-letter code or no node is from it.
 */
enum mc_status mc_country_require(const struct mc_dataset *ds, const char *code, int32_t *country,
                                  struct mc_error *err);

/* True when proposal `p` has a member from `country` (by its country shares). */
bool mc_proposal_has_country(const struct mc_proposal *p, int32_t country);

/*
 * A shallow view of `in` that keeps exactly the proposals with a member from
 * `country`, in their order and with their ranks: out->proposals is a new
 * array of copies that share their members, links and countries with `in`
 * (which must outlive `out`). Release it with mc_proposals_view_destroy, never
 * with mc_sector_proposals_destroy. Errors: MC_E_NOMEM.
 */
enum mc_status mc_proposals_keep_country(const struct mc_sector_proposals *in, int32_t country,
                                         struct mc_sector_proposals *out, struct mc_error *err);

void mc_proposals_view_destroy(struct mc_sector_proposals *view);

/*
 * Writes the run into `dir`: the files of mc_proposals_write and the workbook
 * proposals.xlsx (sheets proposals, members, missing links, rejected, and
 * evidence when there is an evidence.csv), made from those CSV files. With
 * `country` (a code, NULL for none) only the proposals with a member from it
 * are written, and proposals.md ends with the national section; the views
 * are rebuilt with `view` (its sector replaced by each run's) for the ties
 * and the matches. *written (when not NULL) receives the number of proposals
 * written. Errors: those of mc_proposals_write, mc_graph_build and the
 * workbook, MC_E_USAGE for an unknown country.
 */
enum mc_status mc_proposals_publish(const char *dir, const struct mc_propose_run *run,
                                    const struct mc_view_options *view, const char *country,
                                    size_t *written, struct mc_error *err);

/* DIR/proposals.xlsx from the CSV files of DIR (as mc_proposals_publish writes it). */
enum mc_status mc_proposals_workbook(const char *dir, struct mc_error *err);

/*
 * The national section for one view `g` and its (unfiltered) proposals `sp`,
 * in markdown. `active`: mc_dataset_active_sectors, for the match reasons.
 */
enum mc_status mc_national_section(FILE *f, const struct mc_graph *g,
                                   const struct mc_sector_proposals *sp, int32_t country,
                                   const struct mc_tags *active, struct mc_error *err);

#endif
