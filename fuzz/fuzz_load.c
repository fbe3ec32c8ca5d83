/*
 * libFuzzer harness for the dataset loader and the projection.
 *
 * Input: one flags byte, then up to four files separated by the byte 0x1E
 * (ASCII record separator), given in this order to the files the flags select:
 * nodes, edges, affiliations, groups. The files live in memory (memfd) and are
 * named /proc/self/fd/N, so nothing touches the disk. A dataset that loads is
 * then viewed whole and sector by sector with every projection; every edge
 * list is checked (sorted, in range, weights finite and positive), and the
 * whole view is built into an igraph graph and summarised. Anything that
 * loads or fails cleanly is fine; a crash, a leak, undefined behaviour or a
 * broken invariant (abort) is a finding.
 *
 * Flags: bits 0-3 which files are present (none: all four); bit 4
 * --add-missing; bits 5-6 --max-group-size 0 (none), 2, 3 or 10.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "metaclust/dataset.h"
#include "metaclust/graph.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/summary.h"

#define SEP         0x1e
#define MAX_SECTORS 6

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fds[4] = {-1, -1, -1, -1};
static char paths[4][64];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    mc_igraph_setup();
    for (int i = 0; i < 4; i++) {
        fds[i] = memfd_create("fuzz_load", 0);
        if (fds[i] < 0) {
            perror("memfd_create");
            abort();
        }
        snprintf(paths[i], sizeof paths[i], "/proc/self/fd/%d", fds[i]);
    }
    return 0;
}

static void put_file(int i, const uint8_t *p, size_t n) {
    if (ftruncate(fds[i], 0) != 0 || pwrite(fds[i], p, n, 0) != (ssize_t)n) {
        perror("memfd write");
        abort();
    }
}

static void check_edgelist(const struct mc_dataset *ds, const struct mc_edgelist *el) {
    for (size_t v = 0; v < el->n_vertices; v++) {
        if (el->node[v] < 0 || (size_t)el->node[v] >= ds->n_nodes ||
            (v > 0 && el->node[v] <= el->node[v - 1])) {
            abort();
        }
    }
    for (size_t e = 0; e < el->n_edges; e++) {
        int32_t a = el->from[e], b = el->to[e];
        if (a < 0 || a >= b || (size_t)b >= el->n_vertices || !(el->weight[e] > 0) ||
            !isfinite(el->weight[e])) {
            abort();
        }
        if (e > 0 && (el->from[e - 1] > a || (el->from[e - 1] == a && el->to[e - 1] >= b))) {
            abort();
        }
    }
}

static void views(const struct mc_dataset *ds, size_t max_group) {
    struct mc_error err;
    size_t nsec = ds->sectors.n < MAX_SECTORS ? ds->sectors.n : MAX_SECTORS;
    for (long s = -1; s < (long)nsec; s++) {
        for (int p = MC_PROJ_COUNT; p <= MC_PROJ_JACCARD; p++) {
            struct mc_view_options o;
            struct mc_edgelist el;
            mc_view_options_init(&o);
            o.sector = s;
            o.projection = (enum mc_projection)p;
            o.max_group_size = max_group;
            if (mc_view_edges(ds, &o, &el, &err) != MC_OK) {
                continue; /* out of memory on a huge projection is a clean failure */
            }
            check_edgelist(ds, &el);
            if (s == -1 && p == MC_PROJ_COUNT) {
                struct mc_graph g;
                struct mc_summary sum;
                if (mc_graph_from_edgelist(&g, ds, &o, &el, &err) == MC_OK) {
                    if (mc_summary_compute(&g, &sum, &err) == MC_OK &&
                        (sum.nodes != (size_t)igraph_vcount(&g.ig) ||
                         sum.largest_component > sum.nodes || sum.isolated > sum.nodes)) {
                        abort();
                    }
                    mc_summary_destroy(&sum);
                    mc_graph_destroy(&g);
                }
                if (IGRAPH_FINALLY_STACK_SIZE() != 0) {
                    abort();
                }
            } else {
                mc_edgelist_destroy(&el);
            }
        }
    }
    /* the "did you mean" paths */
    long idx;
    (void)mc_dataset_require_sector(ds, "sc", &idx, &err);
    (void)mc_dataset_require_node(ds, "a", &idx, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const size_t max_groups[] = {0, 2, 3, 10};
    if (size < 1) {
        return 0;
    }
    unsigned flags = data[0];
    unsigned present = flags & 15 ? flags & 15 : 15;
    data++;
    size--;
    struct mc_load_options opt = {.add_missing = (flags >> 4) & 1};
    const char **slot[4] = {&opt.nodes, &opt.edges, &opt.affiliations, &opt.groups};
    for (int i = 0; i < 4; i++) {
        if (!(present & (1u << i))) {
            continue;
        }
        const uint8_t *end = memchr(data, SEP, size);
        size_t n = end ? (size_t)(end - data) : size;
        put_file(i, data, n);
        *slot[i] = paths[i];
        data += n;
        size -= n;
        if (size > 0) {
            data++; /* the separator */
            size--;
        }
    }
    struct mc_dataset ds;
    struct mc_error err;
    mc_dataset_init(&ds);
    mc_error_init(&err);
    enum mc_status rc = mc_dataset_load(&ds, &opt, &err);
    if (rc == MC_OK) {
        views(&ds, max_groups[(flags >> 5) & 3]);
    } else if (err.msg[0] == '\0' || strchr(err.msg, '\n') != NULL || ds.n_nodes != 0) {
        abort(); /* a failure always explains itself on one line and leaves ds empty */
    }
    mc_dataset_destroy(&ds);
    return 0;
}
