#ifndef METACLUST_DATASET_YEARS_H
#define METACLUST_DATASET_YEARS_H

/*
 * A time window on a loaded dataset (`profile --years A-B`): only the
 * cooperation of those years is kept, before any view is built.
 */

#include <stdbool.h>
#include <stddef.h>

#include "metaclust/dataset.h"
#include "metaclust/error.h"

/* "2014-2017" or "2016": *from and *to (1900..2100, from <= to); false otherwise. */
bool mc_years_parse(const char *s, long *from, long *to);

/*
 * Keeps the edge rows whose year is in [from, to] and the affiliation rows
 * whose group runs in the window (starts by `to` and ends, or starts when
 * the end is unknown, from `from` on); rows without a year are dropped.
 * Nodes and groups stay. *edges_dropped and *aff_dropped (may be NULL)
 * receive the rows dropped. Errors: MC_E_NOMEM (the dataset is then left
 * as it was). Time complexity: O(rows + tags).
 */
enum mc_status mc_dataset_keep_years(struct mc_dataset *ds, long from, long to,
                                     size_t *edges_dropped, size_t *aff_dropped,
                                     struct mc_error *err);

#endif
