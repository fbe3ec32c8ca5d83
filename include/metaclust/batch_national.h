#ifndef METACLUST_BATCH_NATIONAL_H
#define METACLUST_BATCH_NATIONAL_H

/*
 * The national section of a batch's report.md (`batch --country XX`): per
 * unit, the proposals kept (those with a member from XX), the XX members in
 * them, and a link to the unit's own national section in its proposals.md.
 */

#include <stddef.h>

#include "metaclust/batch.h"
#include "metaclust/error.h"

/*
 * Appends the section to OUTDIR/report.md (rewritten atomically), reading
 * each finished unit's proposals.csv and members.csv. Errors: MC_E_IO,
 * MC_E_DATA (a unit file that cannot be read), MC_E_NOMEM.
 */
enum mc_status mc_batch_national_section(const char *outdir, const char *country,
                                         const struct mc_unit_row *rows, size_t n,
                                         struct mc_error *err);

#endif
