#include "metaclust/igraph_bridge.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "metaclust/util.h"

/*
 * igraph keeps its handlers in process-wide variables (Debian builds it
 * without thread-local storage), so the reason for the last error lives in
 * one static buffer too: it is read right after the failing call returns.
 */
static char last_reason[512];
static mc_igraph_warning_fn *warning_sink;
static void *warning_ctx;

static void on_error(const char *reason, const char *file, int line, igraph_error_t code) {
    (void)file;
    (void)line;
    if (code == IGRAPH_INTERRUPTED) {
        snprintf(last_reason, sizeof last_reason, "interrupted");
    } else {
        snprintf(last_reason, sizeof last_reason, "%s", reason ? reason : igraph_strerror(code));
    }
    IGRAPH_FINALLY_FREE();
}

static void on_warning(const char *reason, const char *file, int line) {
    (void)file;
    (void)line;
    if (warning_sink != NULL) {
        warning_sink(reason, warning_ctx);
    }
    /* without a sink, igraph's warnings are dropped: metaclust reports what matters itself */
}

static igraph_error_t on_interruption(void *data) {
    (void)data;
    return mc_interrupted() ? IGRAPH_INTERRUPTED : IGRAPH_SUCCESS;
}

/*
 * PRPACK (igraph's PageRank) sums in OpenMP parallel loops, so with several
 * threads its result varies in the last bits from run to run. metaclust
 * promises byte-identical output and parallelises with processes, so OpenMP
 * gets one thread. libgomp comes in through libigraph; it is looked up at
 * run time so that the build needs no OpenMP flags.
 */
static void openmp_single_thread(void) {
    void *self = dlopen(NULL, RTLD_LAZY);
    if (self == NULL) {
        return;
    }
    void (*set_threads)(int);
    *(void **)&set_threads = dlsym(self, "omp_set_num_threads");
    if (set_threads != NULL) {
        set_threads(1);
    }
    dlclose(self);
}

void mc_igraph_setup(void) {
    igraph_set_error_handler(on_error);
    igraph_set_warning_handler(on_warning);
    igraph_set_interruption_handler(on_interruption);
    /* the C attribute handler, for the writers of `export` (GraphML) */
    igraph_set_attribute_table(&igraph_cattribute_table);
    openmp_single_thread();
}

void mc_igraph_seed(unsigned long seed) {
    igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
}

void mc_igraph_set_warning_sink(mc_igraph_warning_fn *fn, void *ctx) {
    warning_sink = fn;
    warning_ctx = ctx;
}

enum mc_status mc_igraph_status(igraph_error_t code, struct mc_error *err, const char *what) {
    if (code == IGRAPH_SUCCESS) {
        return MC_OK;
    }
    const char *reason = last_reason[0] ? last_reason : igraph_strerror(code);
    enum mc_status st = MC_E_IGRAPH;
    if (code == IGRAPH_INTERRUPTED) {
        st = MC_E_INTERRUPTED;
    } else if (code == IGRAPH_ENOMEM) {
        st = MC_E_NOMEM;
    }
    mc_error_set(err, st, NULL, 0, "%s: %s", what, st == MC_E_INTERRUPTED ? "interrupted" : reason);
    last_reason[0] = '\0';
    return st;
}
