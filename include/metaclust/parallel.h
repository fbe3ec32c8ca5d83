#ifndef METACLUST_PARALLEL_H
#define METACLUST_PARALLEL_H

/*
 * Process-based parallel map for the analysis layer. igraph is not
 * thread-safe in Debian's build (methods.md B4), so independent tasks (the
 * seeded runs of a community method, the source chunks of betweenness) run in
 * forked worker processes that send fixed-size results back through pipes.
 *
 * Determinism: a task's result may depend only on its index and the shared
 * read-only context, never on which process ran it or when. Callers seed
 * igraph's RNG inside the task from the task index, and combine the results
 * in task order, so the output is the same for every number of jobs.
 */

#include <stddef.h>

#include "metaclust/error.h"

/*
 * One task: writes exactly `out_size` bytes to `out`. Runs in a worker
 * process (or inline when jobs is 1), so it must not rely on side effects
 * other than `out`.
 */
typedef enum mc_status (*mc_task_fn)(void *ctx, size_t task, void *out, struct mc_error *err);

/*
 * Runs fn(ctx, t, results + t*out_size) for t in [0, ntasks) on up to `jobs`
 * worker processes (task t goes to worker t mod jobs). With jobs <= 1, or a
 * single task, everything runs inline in this process, in task order.
 * The first failing task (lowest index) decides the returned error; a worker
 * that dies reports MC_E_IGRAPH naming the signal. Errors: MC_E_NOMEM, MC_E_IO
 * (fork or pipe failures), MC_E_INTERRUPTED, or the tasks' own.
 */
enum mc_status mc_parallel_map(int jobs, size_t ntasks, size_t out_size, mc_task_fn fn, void *ctx,
                               void *results, struct mc_error *err);

/* The default number of jobs: the online CPUs, at most 16. */
int mc_parallel_default_jobs(void);

#endif
