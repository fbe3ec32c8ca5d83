#ifndef METACLUST_TEST_GRAPHS_H
#define METACLUST_TEST_GRAPHS_H

/*
 * Small graphs with known answers for the analysis tests, built the way the
 * CLI builds them: CSV files in a scratch directory, loaded and viewed.
 *
 *  - "tiny": the hand-checked weighted graph of test_centrality.c
 *      a(CZ)-b(CZ) 2, b-c(SK) 1, c-d(PL) 4, b-d 1; e(DE) isolated; f(DE)-g(AT) 1
 *  - Zachary's karate club (igraph_famous), ids v0..v33, all in CZ
 *  - Padgett's Florentine families, marriage ties (16 families, Pucci isolated)
 */

#include "testutil.h"

#include "metaclust/dataset.h"
#include "metaclust/graph.h"
#include "metaclust/igraph_bridge.h"

struct tu_graph {
    struct mc_dataset ds;
    struct mc_graph g;
};

static inline void tu_graph_load(struct tu_graph *t, const char *nodes_csv, const char *edges_csv) {
    struct mc_error err;
    struct mc_load_options lo;
    struct mc_view_options vo;
    char *dir = tu_tmpdir();
    char *np = tu_write(dir, "nodes.csv", nodes_csv);
    char *ep = tu_write(dir, "edges.csv", edges_csv);
    memset(&lo, 0, sizeof lo);
    lo.nodes = np;
    lo.edges = ep;
    mc_error_init(&err);
    mc_dataset_init(&t->ds);
    mc_graph_init(&t->g);
    if (mc_dataset_load(&t->ds, &lo, &err) != MC_OK) {
        fail_msg("load: %s", err.msg);
    }
    mc_view_options_init(&vo);
    if (mc_graph_build(&t->g, &t->ds, &vo, &err) != MC_OK) {
        fail_msg("build: %s", err.msg);
    }
    free(np);
    free(ep);
    tu_rmdir(dir);
}

static inline void tu_graph_free(struct tu_graph *t) {
    mc_graph_destroy(&t->g);
    mc_dataset_destroy(&t->ds);
}

static inline void tu_tiny(struct tu_graph *t) {
    tu_graph_load(t,
                  "id,name,country\n"
                  "a,A,CZ\nb,B,CZ\nc,C,SK\nd,D,PL\ne,E,DE\nf,F,DE\ng,G,AT\n",
                  "source,target,weight\n"
                  "a,b,2\nb,c,1\nc,d,4\nb,d,1\nf,g,1\n");
}

/* A graph given as an igraph_t, as a dataset with ids v0.. (all in CZ). */
static inline void tu_from_igraph(struct tu_graph *t, const igraph_t *ig) {
    size_t cap = 64 + 32 * (size_t)igraph_ecount(ig) + 16 * (size_t)igraph_vcount(ig);
    char *nodes = malloc(cap), *edges = malloc(cap);
    size_t a = 0, b = 0;
    assert_non_null(nodes);
    assert_non_null(edges);
    a += (size_t)snprintf(nodes + a, cap - a, "id,country\n");
    for (igraph_integer_t v = 0; v < igraph_vcount(ig); v++) {
        a += (size_t)snprintf(nodes + a, cap - a, "v%" IGRAPH_PRId ",CZ\n", v);
    }
    b += (size_t)snprintf(edges + b, cap - b, "source,target\n");
    for (igraph_integer_t e = 0; e < igraph_ecount(ig); e++) {
        b += (size_t)snprintf(edges + b, cap - b, "v%" IGRAPH_PRId ",v%" IGRAPH_PRId "\n",
                              IGRAPH_FROM(ig, e), IGRAPH_TO(ig, e));
    }
    tu_graph_load(t, nodes, edges);
    free(nodes);
    free(edges);
}

static inline void tu_zachary(struct tu_graph *t) {
    igraph_t ig;
    assert_int_equal(igraph_famous(&ig, "Zachary"), IGRAPH_SUCCESS);
    tu_from_igraph(t, &ig);
    igraph_destroy(&ig);
}

/*
 * Padgett's Florentine families, marriage network (Breiger & Pattison 1986;
 * the networkx `florentine_families_graph` plus the isolated Pucci family).
 */
static inline void tu_florentine(struct tu_graph *t) {
    tu_graph_load(t,
                  "id,country\n"
                  "Acciaiuoli,IT\nAlbizzi,IT\nBarbadori,IT\nBischeri,IT\nCastellani,IT\n"
                  "Ginori,IT\nGuadagni,IT\nLamberteschi,IT\nMedici,IT\nPazzi,IT\nPeruzzi,IT\n"
                  "Pucci,IT\nRidolfi,IT\nSalviati,IT\nStrozzi,IT\nTornabuoni,IT\n",
                  "source,target\n"
                  "Acciaiuoli,Medici\nAlbizzi,Ginori\nAlbizzi,Guadagni\nAlbizzi,Medici\n"
                  "Barbadori,Castellani\nBarbadori,Medici\nBischeri,Guadagni\nBischeri,Peruzzi\n"
                  "Bischeri,Strozzi\nCastellani,Peruzzi\nCastellani,Strozzi\n"
                  "Guadagni,Lamberteschi\nGuadagni,Tornabuoni\nMedici,Ridolfi\nMedici,Salviati\n"
                  "Medici,Tornabuoni\nPazzi,Salviati\nPeruzzi,Strozzi\nRidolfi,Strozzi\n"
                  "Ridolfi,Tornabuoni\n");
}

/* Vertex of a dataset id, failing the test when absent. */
static inline igraph_integer_t tu_vertex(const struct tu_graph *t, const char *id) {
    long node = mc_intern_find(&t->ds.ids, id, strlen(id));
    assert_true(node >= 0);
    assert_true(t->g.vertex_of[node] >= 0);
    return t->g.vertex_of[node];
}

#endif
