#ifndef METACLUST_IGRAPH_BRIDGE_H
#define METACLUST_IGRAPH_BRIDGE_H

/*
 * The one place that adapts igraph's process-wide settings to metaclust:
 * handlers (igraph's default error handler aborts), the RNG seed, and the
 * translation of igraph error codes into mc_status values.
 */

#include <igraph.h>

#include "metaclust/error.h"

/*
 * Installs metaclust's igraph error, warning and interruption handlers and
 * igraph's C attribute handler (needed by the GraphML writer), and limits
 * OpenMP (used by PRPACK's PageRank) to one thread so that results are
 * bit-for-bit reproducible. Call once per process, before any igraph call.
 */
void mc_igraph_setup(void);

/* Seeds igraph's default RNG. */
void mc_igraph_seed(unsigned long seed);

/*
 * Turns an igraph return code into an mc_status. On failure, records
 * "<what>: <igraph's reason>" in `err` (MC_E_INTERRUPTED for an interruption,
 * MC_E_NOMEM for ENOMEM, MC_E_IGRAPH otherwise).
 */
enum mc_status mc_igraph_status(igraph_error_t code, struct mc_error *err, const char *what);

/* Receives igraph warnings; NULL restores the default (stderr). */
typedef void mc_igraph_warning_fn(const char *reason, void *ctx);
void mc_igraph_set_warning_sink(mc_igraph_warning_fn *fn, void *ctx);

#endif
