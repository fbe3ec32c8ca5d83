#ifndef METACLUST_TESTUTIL_H
#define METACLUST_TESTUTIL_H

/*
 * Helpers for the cmocka unit tests: tolerant float comparison, scratch
 * directories and files, and the location of ../shared.
 */

/* cmocka.h needs these first */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define assert_close(a, b, eps)                                                                    \
    do {                                                                                           \
        double a_ = (double)(a), b_ = (double)(b);                                                 \
        if (!(fabs(a_ - b_) <= (eps))) {                                                           \
            fail_msg("%s = %.17g, expected %.17g (tolerance %g)", #a, a_, b_, (double)(eps));      \
        }                                                                                          \
    } while (0)

/* A fresh scratch directory under $TMPDIR (or /tmp); the caller frees the string. */
static inline char *tu_tmpdir(void) {
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/mctest.XXXXXX", base && *base ? base : "/tmp");
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

/* Writes `text` to dir/name; returns the path (caller frees). */
static inline char *tu_write(const char *dir, const char *name, const char *text) {
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    assert_non_null(path);
    sprintf(path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
    return path;
}

/* Removes a scratch directory and its files (one level deep). */
static inline void tu_rmdir(char *dir) {
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

/* ../shared (or $MC_SHARED) when it holds the h2020 dataset, else NULL. */
static inline const char *tu_shared(void) {
    static char path[4096];
    const char *s = getenv("MC_SHARED");
    snprintf(path, sizeof path, "%s/datasets/h2020/nodes.csv", s && *s ? s : "../shared");
    if (access(path, R_OK) != 0) {
        return NULL;
    }
    snprintf(path, sizeof path, "%s", s && *s ? s : "../shared");
    return path;
}

/* The repository's top directory ($MC_TOP, else "."). */
static inline const char *tu_top(void) {
    const char *s = getenv("MC_TOP");
    return s && *s ? s : ".";
}

/*
 * tests/data/tiny loaded into `ds`, and its view (`sector` NULL: the whole
 * dataset) into `g`, with the tie evidence when asked.
 */
#include "metaclust/graph.h"
static inline void tu_load_tiny(struct mc_dataset *ds, struct mc_graph *g, const char *sector,
                                bool evidence) {
    char dir[4096];
    struct mc_error err;
    struct mc_load_options lo = {0};
    struct mc_view_options vo;
    snprintf(dir, sizeof dir, "%s/tests/data/tiny", tu_top());
    lo.dir = dir;
    mc_dataset_init(ds);
    assert_int_equal(mc_dataset_load(ds, &lo, &err), MC_OK);
    mc_view_options_init(&vo);
    vo.evidence = evidence;
    vo.sector = sector ? mc_dataset_sector(ds, sector) : -1;
    assert_int_equal(mc_graph_build(g, ds, &vo, &err), MC_OK);
}

#endif
