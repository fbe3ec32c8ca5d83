/* Unit tests for src/graph.c: projections, sector views, merging, and h2020 counts. */
#include "testutil.h"

#include "metaclust/graph.h"
#include "metaclust/igraph_bridge.h"

struct fixture {
    char *dir;
    struct mc_dataset ds;
};

static void load(struct fixture *fx, const char *nodes, const char *edges, const char *aff,
                 const char *groups) {
    fx->dir = tu_tmpdir();
    if (nodes) {
        free(tu_write(fx->dir, "nodes.csv", nodes));
    }
    if (edges) {
        free(tu_write(fx->dir, "edges.csv", edges));
    }
    if (aff) {
        free(tu_write(fx->dir, "affiliations.csv", aff));
    }
    if (groups) {
        free(tu_write(fx->dir, "groups.csv", groups));
    }
    struct mc_load_options opt = {.dir = fx->dir};
    struct mc_error err;
    mc_dataset_init(&fx->ds);
    if (mc_dataset_load(&fx->ds, &opt, &err) != MC_OK) {
        fail_msg("load: %s", err.msg);
    }
}

static void done(struct fixture *fx) {
    mc_dataset_destroy(&fx->ds);
    tu_rmdir(fx->dir);
}

/* Weight of the edge between node ids a and b in an edge list, or -1. */
static double weight_of(const struct mc_dataset *ds, const struct mc_edgelist *el, const char *a,
                        const char *b) {
    for (size_t e = 0; e < el->n_edges; e++) {
        const char *x = ds->ids.keys[el->node[el->from[e]]];
        const char *y = ds->ids.keys[el->node[el->to[e]]];
        if ((strcmp(x, a) == 0 && strcmp(y, b) == 0) || (strcmp(x, b) == 0 && strcmp(y, a) == 0)) {
            return el->weight[e];
        }
    }
    return -1;
}

static void view(const struct mc_dataset *ds, long sector, enum mc_projection p,
                 struct mc_edgelist *el) {
    struct mc_view_options o;
    struct mc_error err;
    mc_view_options_init(&o);
    o.sector = sector;
    o.projection = p;
    if (mc_view_edges(ds, &o, el, &err) != MC_OK) {
        fail_msg("view: %s", err.msg);
    }
}

/* groups g1 = {a,b,c}, g2 = {a,b}, g3 = {b,d}, g4 = {e} */
static const char *AFF = "node,group\na,g1\nb,g1\nc,g1\na,g2\nb,g2\nb,g3\nd,g3\ne,g4\n";

static void test_projection_count(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_edgelist el;
    load(&fx, NULL, NULL, AFF, NULL);
    view(&fx.ds, -1, MC_PROJ_COUNT, &el);
    assert_int_equal(el.n_vertices, 5);
    assert_int_equal(el.n_edges, 4);
    assert_close(weight_of(&fx.ds, &el, "a", "b"), 2, 0);
    assert_close(weight_of(&fx.ds, &el, "a", "c"), 1, 0);
    assert_close(weight_of(&fx.ds, &el, "b", "c"), 1, 0);
    assert_close(weight_of(&fx.ds, &el, "b", "d"), 1, 0);
    assert_close(weight_of(&fx.ds, &el, "a", "d"), -1, 0);
    assert_int_equal(el.stats.pairs, 3 + 1 + 1);
    assert_int_equal(el.stats.groups, 4);
    assert_int_equal(el.stats.largest_group, 3);
    /* sorted by (from, to), from < to */
    for (size_t e = 0; e < el.n_edges; e++) {
        assert_true(el.from[e] < el.to[e]);
        if (e > 0) {
            assert_true(el.from[e - 1] < el.from[e] ||
                        (el.from[e - 1] == el.from[e] && el.to[e - 1] < el.to[e]));
        }
    }
    mc_edgelist_destroy(&el);
    done(&fx);
}

static void test_projection_newman(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_edgelist el;
    load(&fx, NULL, NULL, AFF, NULL);
    view(&fx.ds, -1, MC_PROJ_NEWMAN, &el);
    /* g1 has 3 members: 1/(3-1) per pair; g2 and g3 have 2: 1/(2-1) */
    assert_close(weight_of(&fx.ds, &el, "a", "b"), 0.5 + 1.0, 1e-15);
    assert_close(weight_of(&fx.ds, &el, "a", "c"), 0.5, 1e-15);
    assert_close(weight_of(&fx.ds, &el, "b", "c"), 0.5, 1e-15);
    assert_close(weight_of(&fx.ds, &el, "b", "d"), 1.0, 1e-15);
    mc_edgelist_destroy(&el);
    done(&fx);
}

static void test_projection_jaccard(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_edgelist el;
    load(&fx, NULL, NULL, AFF, NULL);
    view(&fx.ds, -1, MC_PROJ_JACCARD, &el);
    /* groups per node: a 2, b 3, c 1, d 1 */
    assert_close(weight_of(&fx.ds, &el, "a", "b"), 2.0 / (2 + 3 - 2), 1e-15);
    assert_close(weight_of(&fx.ds, &el, "a", "c"), 1.0 / (2 + 1 - 1), 1e-15);
    assert_close(weight_of(&fx.ds, &el, "b", "c"), 1.0 / (3 + 1 - 1), 1e-15);
    assert_close(weight_of(&fx.ds, &el, "b", "d"), 1.0 / (3 + 1 - 1), 1e-15);
    mc_edgelist_destroy(&el);
    done(&fx);
}

static void test_max_group_size_skips(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_edgelist el;
    struct mc_view_options o;
    struct mc_error err;
    load(&fx, NULL, NULL, AFF, NULL);
    mc_view_options_init(&o);
    o.max_group_size = 2;
    assert_int_equal(mc_view_edges(&fx.ds, &o, &el, &err), MC_OK);
    assert_int_equal(el.stats.groups_skipped, 1);
    assert_close(weight_of(&fx.ds, &el, "a", "b"), 1, 0);
    assert_close(weight_of(&fx.ds, &el, "a", "c"), -1, 0);
    mc_edgelist_destroy(&el);
    done(&fx);
}

/* The sector-view rules of the README, on a dataset that exercises each one. */
static const char *NODES =
    "id,country,sectors\na,DE,ict\nb,PL,ict;food\nc,CZ,food\nd,AT,\ne,HU,ICT\n";
static const char *EDGES = "source,target,weight,sector\n"
                           "a,b,2,\n"
                           "b,a,1,\n"
                           "b,c,1,food\n"
                           "c,d,1,ict\n"
                           "a,a,1,\n"
                           "e,a,0.5,\n";
static const char *AFF2 =
    "node,group,sector\na,p1,ict\nb,p1,ict\nc,p2,\nd,p2,\nb,p3,food\nc,p3,food\n";
static const char *GROUPS = "id,sectors\np2,food\n";

static void test_sector_view_ict(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_edgelist el;
    load(&fx, NODES, EDGES, AFF2, GROUPS);
    long ict = mc_dataset_sector(&fx.ds, "ict");
    view(&fx.ds, ict, MC_PROJ_COUNT, &el);
    /* a, b, e list ict; c and d come with the edge tagged ict */
    assert_int_equal(el.n_vertices, 5);
    assert_int_equal(el.n_edges, 3);
    assert_close(weight_of(&fx.ds, &el, "a", "b"), 2 + 1 + 1, 0); /* untagged rows + p1 */
    assert_close(weight_of(&fx.ds, &el, "c", "d"), 1, 0);
    assert_close(weight_of(&fx.ds, &el, "a", "e"), 0.5, 0);
    assert_close(weight_of(&fx.ds, &el, "b", "c"), -1, 0);
    assert_int_equal(el.stats.self_loops_dropped, 1);
    assert_int_equal(el.stats.duplicates_merged, 1);
    mc_edgelist_destroy(&el);
    done(&fx);
}

static void test_sector_view_food(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_edgelist el;
    load(&fx, NODES, EDGES, AFF2, GROUPS);
    long food = mc_dataset_sector(&fx.ds, "FOOD");
    view(&fx.ds, food, MC_PROJ_COUNT, &el);
    /* b, c list food; d comes with group p2, tagged food in groups.csv */
    assert_int_equal(el.n_vertices, 3);
    assert_int_equal(el.n_edges, 2);
    assert_close(weight_of(&fx.ds, &el, "b", "c"), 1 + 1, 0); /* edge tagged food + p3 */
    assert_close(weight_of(&fx.ds, &el, "c", "d"), 1, 0);     /* p2 */
    assert_close(weight_of(&fx.ds, &el, "a", "b"), -1, 0);    /* a does not list food */
    mc_edgelist_destroy(&el);
    done(&fx);
}

static void test_whole_view(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_edgelist el;
    load(&fx, NODES, EDGES, AFF2, GROUPS);
    view(&fx.ds, -1, MC_PROJ_COUNT, &el);
    assert_int_equal(el.n_vertices, 5);
    assert_int_equal(el.n_edges, 4);
    assert_close(weight_of(&fx.ds, &el, "a", "b"), 4, 0);
    assert_close(weight_of(&fx.ds, &el, "b", "c"), 2, 0);
    assert_close(weight_of(&fx.ds, &el, "c", "d"), 2, 0);
    assert_close(weight_of(&fx.ds, &el, "a", "e"), 0.5, 0);
    mc_edgelist_destroy(&el);
    done(&fx);
}

static void test_group_counts_once_across_sectors(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_edgelist el;
    /* one project with two programme parts: one row per part, as in CORDIS */
    load(&fx, NULL, NULL, "node,group,sector\na,p,S1\nb,p,S1\na,p,S2\nb,p,S2\n", NULL);
    view(&fx.ds, -1, MC_PROJ_COUNT, &el);
    assert_close(weight_of(&fx.ds, &el, "a", "b"), 1, 0);
    assert_int_equal(el.stats.duplicate_memberships, 2);
    mc_edgelist_destroy(&el);
    view(&fx.ds, mc_dataset_sector(&fx.ds, "S2"), MC_PROJ_COUNT, &el);
    assert_close(weight_of(&fx.ds, &el, "a", "b"), 1, 0);
    mc_edgelist_destroy(&el);
    done(&fx);
}

static void test_zero_weight_dropped(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_edgelist el;
    load(&fx, NULL, "source,target,weight\na,b,0\nb,c,1\n", NULL, NULL);
    view(&fx.ds, -1, MC_PROJ_COUNT, &el);
    assert_int_equal(el.n_edges, 1);
    assert_int_equal(el.stats.zero_weight_dropped, 1);
    mc_edgelist_destroy(&el);
    done(&fx);
}

static void test_graph_build(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_graph g;
    struct mc_view_options o;
    struct mc_error err;
    load(&fx, NODES, EDGES, AFF2, GROUPS);
    mc_view_options_init(&o);
    assert_int_equal(mc_graph_build(&g, &fx.ds, &o, &err), MC_OK);
    assert_int_equal(igraph_vcount(&g.ig), 5);
    assert_int_equal(igraph_ecount(&g.ig), 4);
    assert_close(g.total_weight, 8.5, 1e-12);
    assert_string_equal(mc_graph_id(&g, 2), "c");
    assert_string_equal(mc_graph_country(&g, 2), "CZ");
    assert_string_equal(mc_graph_sector_name(&g), "all");
    assert_int_equal(g.vertex_of[3], 3);
    mc_graph_destroy(&g);
    /* a sector view drops nodes: vertex_of maps them to -1 */
    o.sector = mc_dataset_sector(&fx.ds, "food");
    assert_int_equal(mc_graph_build(&g, &fx.ds, &o, &err), MC_OK);
    assert_int_equal(igraph_vcount(&g.ig), 3);
    assert_int_equal(g.vertex_of[0], -1);
    assert_string_equal(mc_graph_sector_name(&g), "food");
    mc_graph_destroy(&g);
    assert_int_equal(IGRAPH_FINALLY_STACK_SIZE(), 0);
    done(&fx);
}

/* The graph built from an edge list is the very structure igraph_create() makes. */
static void test_graph_matches_igraph_create(void **state) {
    (void)state;
    struct mc_dataset ds;
    mc_dataset_init(&ds);
    for (unsigned seed = 1; seed <= 20; seed++) {
        size_t n = seed % 7 == 0 ? 0 : 1 + (seed * 37) % 60;
        struct mc_edgelist el;
        mc_edgelist_init(&el);
        el.n_vertices = n;
        el.node = calloc(n + 1, sizeof *el.node);
        el.from = malloc((n * n / 2 + 1) * sizeof *el.from);
        el.to = malloc((n * n / 2 + 1) * sizeof *el.to);
        el.weight = malloc((n * n / 2 + 1) * sizeof *el.weight);
        assert_true(el.node && el.from && el.to && el.weight);
        uint64_t x = seed;
        for (size_t a = 0; a < n; a++) {
            for (size_t b = a + 1; b < n; b++) {
                x = mc_mix64(x);
                if (x % 5 == 0) {
                    el.from[el.n_edges] = (int32_t)a;
                    el.to[el.n_edges] = (int32_t)b;
                    el.weight[el.n_edges++] = 1;
                }
            }
        }
        igraph_vector_int_t ev;
        igraph_t ref;
        assert_int_equal(igraph_vector_int_init(&ev, 2 * (igraph_integer_t)el.n_edges), 0);
        for (size_t e = 0; e < el.n_edges; e++) {
            VECTOR(ev)[2 * e] = el.from[e];
            VECTOR(ev)[2 * e + 1] = el.to[e];
        }
        assert_int_equal(igraph_create(&ref, &ev, (igraph_integer_t)n, IGRAPH_UNDIRECTED), 0);
        /* a dataset with n nodes, for vertex_of */
        ds.n_nodes = n;
        ds.node_country = calloc(n + 1, sizeof *ds.node_country);
        assert_non_null(ds.node_country);
        struct mc_graph g;
        struct mc_view_options o;
        struct mc_error err;
        mc_view_options_init(&o);
        assert_int_equal(mc_graph_from_edgelist(&g, &ds, &o, &el, &err), MC_OK);
        const igraph_vector_int_t *mine[] = {&g.ig.from, &g.ig.to, &g.ig.oi,
                                             &g.ig.ii,   &g.ig.os, &g.ig.is};
        const igraph_vector_int_t *want[] = {&ref.from, &ref.to, &ref.oi,
                                             &ref.ii,   &ref.os, &ref.is};
        for (size_t k = 0; k < 6; k++) {
            assert_true(igraph_vector_int_all_e(mine[k], want[k]));
        }
        igraph_integer_t ncomp_a, ncomp_b;
        assert_int_equal(igraph_connected_components(&g.ig, NULL, NULL, &ncomp_a, IGRAPH_WEAK), 0);
        assert_int_equal(igraph_connected_components(&ref, NULL, NULL, &ncomp_b, IGRAPH_WEAK), 0);
        assert_int_equal(ncomp_a, ncomp_b);
        mc_graph_destroy(&g);
        igraph_destroy(&ref);
        igraph_vector_int_destroy(&ev);
        free(ds.node_country);
        ds.node_country = NULL;
    }
    ds.n_nodes = 0;
    mc_dataset_destroy(&ds);
    assert_int_equal(IGRAPH_FINALLY_STACK_SIZE(), 0);
}

/* The per-sector counts must equal ../shared/datasets/h2020/sectors.csv. */
static void test_h2020_sector_counts(void **state) {
    (void)state;
    const char *shared = tu_shared();
    if (shared == NULL) {
        print_message("skipped: ../shared/datasets/h2020 not found (set MC_SHARED)\n");
        skip();
    }
    char dir[4200], sectors[4300];
    snprintf(dir, sizeof dir, "%s/datasets/h2020", shared);
    snprintf(sectors, sizeof sectors, "%s/sectors.csv", dir);
    struct mc_dataset ds;
    struct mc_error err;
    struct mc_load_options opt = {.dir = dir};
    mc_dataset_init(&ds);
    assert_int_equal(mc_dataset_load(&ds, &opt, &err), MC_OK);
    FILE *f = fopen(sectors, "r");
    assert_non_null(f);
    char line[512];
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    int checked = 0;
    while (fgets(line, sizeof line, f)) {
        char name[128];
        long nodes, projects, aff, edges, isolates, maxp;
        double weight;
        assert_int_equal(sscanf(line, "%127[^,],%ld,%ld,%ld,%ld,%lf,%ld,%ld", name, &nodes,
                                &projects, &aff, &edges, &weight, &isolates, &maxp),
                         8);
        struct mc_edgelist el;
        view(&ds, mc_dataset_sector(&ds, name), MC_PROJ_COUNT, &el);
        double w = 0;
        for (size_t e = 0; e < el.n_edges; e++) {
            w += el.weight[e];
        }
        assert_int_equal(el.n_vertices, nodes);
        assert_int_equal(el.n_edges, edges);
        assert_close(w, weight, 0);
        assert_int_equal(el.stats.groups, projects);
        assert_int_equal(el.stats.largest_group, maxp);
        mc_edgelist_destroy(&el);
        checked++;
    }
    fclose(f);
    assert_int_equal(checked, 17);
    /* the whole dataset, projected by project (README of h2020) */
    struct mc_edgelist el;
    view(&ds, -1, MC_PROJ_COUNT, &el);
    assert_int_equal(el.n_vertices, 35871);
    assert_int_equal(el.n_edges, 795870);
    double w = 0;
    for (size_t e = 0; e < el.n_edges; e++) {
        w += el.weight[e];
    }
    assert_close(w, 1088464, 0);
    mc_edgelist_destroy(&el);
    mc_dataset_destroy(&ds);
}

/*
 * --years, then the sector view: its nodes are those left in the sector's rows plus those that
 * list the sector (README "Years"). x lists s; y and z meet in g1 (2015), w and y in g2 (2019).
 */
static void test_view_after_year_filter(void **state) {
    (void)state;
    struct fixture fx;
    load(&fx, "id,country,sectors\nx,AT,s\ny,CZ,\nz,SK,\nw,HU,\n", NULL,
         "node,group\ny,g1\nz,g1\nw,g2\ny,g2\n", "id,sectors,year\ng1,s,2015\ng2,s,2019\n");
    struct mc_period p;
    struct mc_error err;
    struct mc_view_options v;
    struct mc_edgelist el;
    assert_int_equal(mc_period_parse("--years", "2014-2016", &p, &err), MC_OK);
    assert_int_equal(mc_dataset_filter_years(&fx.ds, &p, &err), MC_OK);
    mc_view_options_init(&v);
    v.sector = mc_dataset_sector(&fx.ds, "s");
    mc_edgelist_init(&el);
    assert_int_equal(mc_view_edges(&fx.ds, &v, &el, &err), MC_OK);
    assert_int_equal(el.n_vertices, 3); /* x (lists s), y and z (g1); not w (only in g2) */
    assert_int_equal(el.n_edges, 1);
    assert_close(weight_of(&fx.ds, &el, "y", "z"), 1, 0);
    assert_close(weight_of(&fx.ds, &el, "w", "y"), -1, 0);
    mc_edgelist_destroy(&el);
    done(&fx);
}

/*
 * mc_view_options.years on the whole dataset gives the view of the dataset loaded with --years
 * (tests/data/years): the same vertices, ties and weights, for the whole view and each sector.
 */
static void test_view_years_as_filtered_load(void **state) {
    (void)state;
    static const char *const periods[] = {"2014-2016", "2018-", "2016", "2019-2020"};
    static const char *const sectors[] = {NULL, "ict", "food"};
    char dir[4096];
    struct mc_error err;
    struct mc_dataset all;
    snprintf(dir, sizeof dir, "%s/tests/data/years", tu_top());
    struct mc_load_options lo = {.dir = dir};
    mc_dataset_init(&all);
    assert_int_equal(mc_dataset_load(&all, &lo, &err), MC_OK);
    for (size_t i = 0; i < sizeof periods / sizeof *periods; i++) {
        struct mc_dataset cut;
        struct mc_load_options lc = {.dir = dir};
        assert_int_equal(mc_period_parse("--years", periods[i], &lc.years, &err), MC_OK);
        mc_dataset_init(&cut);
        assert_int_equal(mc_dataset_load(&cut, &lc, &err), MC_OK);
        for (size_t k = 0; k < sizeof sectors / sizeof *sectors; k++) {
            struct mc_view_options v;
            struct mc_edgelist a, b;
            mc_view_options_init(&v);
            v.sector = sectors[k] ? mc_dataset_sector(&all, sectors[k]) : -1;
            mc_edgelist_init(&a);
            mc_edgelist_init(&b);
            assert_int_equal(mc_view_edges(&cut, &v, &a, &err), MC_OK);
            v.years = lc.years;
            assert_int_equal(mc_view_edges(&all, &v, &b, &err), MC_OK);
            assert_int_equal(a.n_vertices, b.n_vertices);
            assert_memory_equal(a.node, b.node, a.n_vertices * sizeof *a.node);
            assert_int_equal(a.n_edges, b.n_edges);
            for (size_t e = 0; e < a.n_edges; e++) {
                assert_int_equal(a.from[e], b.from[e]);
                assert_int_equal(a.to[e], b.to[e]);
                assert_close(a.weight[e], b.weight[e], 0);
            }
            mc_edgelist_destroy(&a);
            mc_edgelist_destroy(&b);
        }
        mc_dataset_destroy(&cut);
    }
    mc_dataset_destroy(&all);
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_projection_count),
        cmocka_unit_test(test_projection_newman),
        cmocka_unit_test(test_projection_jaccard),
        cmocka_unit_test(test_max_group_size_skips),
        cmocka_unit_test(test_sector_view_ict),
        cmocka_unit_test(test_sector_view_food),
        cmocka_unit_test(test_whole_view),
        cmocka_unit_test(test_group_counts_once_across_sectors),
        cmocka_unit_test(test_zero_weight_dropped),
        cmocka_unit_test(test_graph_build),
        cmocka_unit_test(test_graph_matches_igraph_create),
        cmocka_unit_test(test_h2020_sector_counts),
        cmocka_unit_test(test_view_after_year_filter),
        cmocka_unit_test(test_view_years_as_filtered_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
