#ifndef METACLUST_PROPOSE_REPORT_H
#define METACLUST_PROPOSE_REPORT_H

/*
 * Writes a proposal run: proposals.csv, members.csv, missing_links.csv,
 * rejected.csv (column contracts in README "metaclust propose"), the
 * readable proposals.md and the machine-readable proposals.json. Every
 * file is written atomically.
 */

#include <stddef.h>

#include "metaclust/dataset.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"
#include "metaclust/propose.h"
#include "metaclust/proposals_io.h"

struct mc_propose_run {
    const struct mc_dataset *ds;
    const struct mc_propose_options *opt;
    enum mc_projection projection;
    const struct mc_sector_proposals *sectors; /* in output order */
    size_t n_sectors;
    size_t report_top; /* proposals.md details this many per sector (0: all); the rest in a table */
    /* the most emerging sector pairs (mc_sectors_top_pairs), named in the cross-sector part */
    const int32_t *emerging_a, *emerging_b;
    size_t n_emerging;
};

/* Writes the six files into `dir` (created when missing). */
enum mc_status mc_proposals_write(const char *dir, const struct mc_propose_run *run,
                                  struct mc_error *err);

/*
 * Fills `s` (initialised, empty) with the run as mc_proposals_io_read would read back the files
 * mc_proposals_write writes, without the files: for a caller that holds the run in memory. The
 * strings point into the run and its dataset, which must outlive `s`. Errors: MC_E_NOMEM.
 */
enum mc_status mc_proposals_io_from_run(struct mc_proposals_io *s, const struct mc_propose_run *run,
                                        struct mc_error *err);

#endif
