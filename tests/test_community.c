/*
 * Community detection: canonical numbering, modularity, every method on
 * Zachary's karate club, stability, confidence, consensus, determinism.
 */
#include "graphs.h"

#include "metaclust/community.h"

/* Two triangles joined by one edge: {0,1,2} and {3,4,5}, modularity 5/14. */
static void two_triangles(igraph_t *g) {
    assert_int_equal(
        igraph_small(g, 6, IGRAPH_UNDIRECTED, 0, 1, 1, 2, 0, 2, 3, 4, 4, 5, 3, 5, 2, 3, -1),
        IGRAPH_SUCCESS);
}

static void run(const igraph_t *g, const igraph_vector_t *w, const struct mc_comm_options *o,
                struct mc_comm_result *r) {
    struct mc_error err;
    mc_error_init(&err);
    mc_comm_result_init(r);
    if (mc_communities(g, w, o, r, &err) != MC_OK) {
        fail_msg("communities: %s", err.msg);
    }
    assert_int_equal(IGRAPH_FINALLY_STACK_SIZE(), 0);
}

static void assert_canonical(const igraph_vector_int_t *m, igraph_integer_t k) {
    igraph_integer_t n = igraph_vector_int_size(m);
    igraph_integer_t *size = calloc((size_t)k, sizeof *size),
                     *first = malloc((size_t)k * sizeof *first);
    for (igraph_integer_t c = 0; c < k; c++) {
        first[c] = -1;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = VECTOR(*m)[v];
        assert_true(c >= 0 && c < k);
        if (size[c]++ == 0) {
            first[c] = v;
        }
    }
    for (igraph_integer_t c = 1; c < k; c++) {
        assert_true(size[c] <= size[c - 1]);
        if (size[c] == size[c - 1]) {
            assert_true(first[c] > first[c - 1]);
        }
    }
    free(size);
    free(first);
}

static void test_partition_canonical_order(void **state) {
    (void)state;
    struct mc_error err;
    igraph_vector_int_t m;
    igraph_integer_t k;
    mc_error_init(&err);
    igraph_vector_int_init_int(&m, 6, 5, 5, 2, 2, 2, 7);
    assert_int_equal(mc_partition_canonical(&m, &k, &err), MC_OK);
    assert_int_equal(k, 3);
    /* label 2 is largest -> 0; label 5 (2 members) -> 1; label 7 -> 2 */
    igraph_integer_t want[] = {1, 1, 0, 0, 0, 2};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(VECTOR(m)[i], want[i]);
    }
    /* ties by smallest vertex; sparse labels are fine */
    igraph_vector_int_destroy(&m);
    igraph_vector_int_init_int(&m, 4, 900, 40, 40, 900);
    assert_int_equal(mc_partition_canonical(&m, &k, &err), MC_OK);
    assert_int_equal(k, 2);
    assert_int_equal(VECTOR(m)[0], 0);
    assert_int_equal(VECTOR(m)[1], 1);
    assert_int_equal(VECTOR(m)[3], 0);
    VECTOR(m)[2] = -1;
    assert_int_equal(mc_partition_canonical(&m, &k, &err), MC_E_DATA);
    igraph_vector_int_destroy(&m);
}

static void test_modularity_two_triangles(void **state) {
    (void)state;
    igraph_t g;
    igraph_vector_int_t m;
    struct mc_error err;
    double q;
    mc_error_init(&err);
    two_triangles(&g);
    igraph_vector_int_init_int(&m, 6, 10, 10, 10, 20, 20, 20);
    assert_int_equal(mc_modularity(&g, NULL, &m, 1.0, &q, &err), MC_OK);
    assert_close(q, 5.0 / 14.0, 1e-12);
    /* igraph's own failure: a membership of the wrong size; nothing left on its stack */
    igraph_vector_int_resize(&m, 4);
    assert_int_equal(mc_modularity(&g, NULL, &m, 1.0, &q, &err), MC_E_IGRAPH);
    assert_non_null(strstr(err.msg, "modularity: "));
    assert_int_equal(IGRAPH_FINALLY_STACK_SIZE(), 0);
    igraph_vector_int_destroy(&m);
    igraph_destroy(&g);
}

static void test_communities_two_triangles(void **state) {
    (void)state;
    igraph_t g;
    struct mc_comm_options o;
    struct mc_comm_result r;
    two_triangles(&g);
    mc_comm_options_init(&o);
    o.consensus = true;
    run(&g, NULL, &o, &r);
    assert_int_equal(r.runs, 10);
    assert_int_equal(r.best.n_communities, 2);
    assert_close(r.best.modularity, 5.0 / 14.0, 1e-12);
    assert_close(r.best.quality, 5.0 / 14.0, 1e-12);
    igraph_integer_t want[] = {0, 0, 0, 1, 1, 1};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(VECTOR(r.best.membership)[i], want[i]);
        assert_int_equal(VECTOR(r.consensus.membership)[i], want[i]);
        assert_close(VECTOR(r.confidence)[i], 1, 0);
    }
    assert_close(r.nmi_mean, 1, 1e-12);
    assert_close(r.nmi_min, 1, 1e-12);
    assert_close(r.vi_mean, 0, 1e-12);
    mc_comm_result_destroy(&r);
    igraph_destroy(&g);
}

/* Runs on Zachary's karate club with `runs` runs and optionally consensus. */
static void zachary(int runs, bool consensus, struct mc_comm_result *r) {
    igraph_t g;
    struct mc_comm_options o;
    igraph_famous(&g, "Zachary");
    mc_comm_options_init(&o);
    o.runs = runs;
    o.consensus = consensus;
    run(&g, NULL, &o, r);
    igraph_destroy(&g);
}

/* Zachary: the best modularity is 0.4197896 (Brandes et al. 2008, exact). */
static void test_communities_zachary_leiden(void **state) {
    (void)state;
    struct mc_comm_result r;
    zachary(10, false, &r);
    assert_close(r.best.modularity, 0.4197896120973044, 1e-6);
    assert_close(r.best.quality, r.best.modularity, 1e-12);
    assert_int_equal(r.best.n_communities, 4);
    assert_canonical(&r.best.membership, r.best.n_communities);
    assert_true(r.nmi_mean > 0.5 && r.nmi_mean <= 1);
    assert_true(r.nmi_min <= r.nmi_mean);
    assert_true(r.vi_mean >= 0);
    for (igraph_integer_t v = 0; v < 34; v++) {
        double c = VECTOR(r.confidence)[v];
        assert_true(c >= 0 && c <= 1);
    }
    mc_comm_result_destroy(&r);
}

/* Every method runs, gives a canonical partition and a sensible modularity. */
static void test_communities_every_method(void **state) {
    (void)state;
    igraph_t g;
    igraph_vector_t w;
    igraph_famous(&g, "Zachary");
    igraph_vector_init(&w, igraph_ecount(&g));
    for (igraph_integer_t e = 0; e < igraph_ecount(&g); e++) {
        VECTOR(w)[e] = 0.1 + 0.01 * (double)(e % 7); /* below 1: LPA must not truncate them */
    }
    for (int m = MC_COMM_LEIDEN; m <= MC_COMM_LABELPROP; m++) {
        struct mc_comm_options o;
        struct mc_comm_result r;
        enum mc_comm_method parsed;
        mc_comm_options_init(&o);
        o.method = (enum mc_comm_method)m;
        o.runs = 3;
        assert_true(mc_comm_method_parse(mc_comm_method_name(o.method), &parsed));
        assert_int_equal(parsed, m);
        run(&g, &w, &o, &r);
        assert_canonical(&r.best.membership, r.best.n_communities);
        if (r.best.modularity <= 0.3) {
            fail_msg("%s: modularity %g", mc_comm_method_name(o.method), r.best.modularity);
        }
        mc_comm_result_destroy(&r);
    }
    igraph_vector_destroy(&w);
    igraph_destroy(&g);
}

/* CPM: two K4 joined by an edge, gamma 0.5: two communities, quality as igraph's. */
static void test_communities_cpm(void **state) {
    (void)state;
    igraph_t g;
    struct mc_comm_options o;
    struct mc_comm_result r;
    igraph_small(&g, 8, IGRAPH_UNDIRECTED, 0, 1, 0, 2, 0, 3, 1, 2, 1, 3, 2, 3, 4, 5, 4, 6, 4, 7, 5,
                 6, 5, 7, 6, 7, 3, 4, -1);
    mc_comm_options_init(&o);
    o.objective = MC_OBJ_CPM;
    o.resolution = 0.5;
    run(&g, NULL, &o, &r);
    assert_int_equal(r.best.n_communities, 2);
    /* (2 W_in - gamma sum n_c^2) / 2W = (24 - 0.5 * 32) / 26 */
    assert_close(r.best.quality, 8.0 / 26.0, 1e-12);
    igraph_vector_int_t m;
    igraph_integer_t nb;
    igraph_real_t q;
    igraph_vector_int_init(&m, 8);
    igraph_community_leiden(&g, NULL, NULL, 0.5, 0.01, false, 2, &m, &nb, &q);
    assert_close(r.best.quality, q, 1e-12);
    igraph_vector_int_destroy(&m);
    mc_comm_result_destroy(&r);
    igraph_destroy(&g);
}

/*
 * Isolated vertices are left out of Leiden's runs and come back as
 * singletons: two triangles with isolates before, between and after them
 * give the triangles' partition and modularity, under both objectives, and
 * CPM counts every isolate's -gamma.
 */
static void test_communities_isolates(void **state) {
    (void)state;
    igraph_t g;
    igraph_vector_t w;
    struct mc_comm_options o;
    struct mc_comm_result r;
    /* 0 isolated; triangle 1 2 3; 4 isolated; triangle 5 6 7; 8, 9 isolated */
    igraph_small(&g, 10, IGRAPH_UNDIRECTED, 1, 2, 2, 3, 1, 3, 5, 6, 6, 7, 5, 7, 3, 5, -1);
    igraph_vector_init(&w, 7);
    igraph_vector_fill(&w, 2);
    for (int obj = 0; obj < 2; obj++) {
        mc_comm_options_init(&o);
        o.objective = obj ? MC_OBJ_CPM : MC_OBJ_MODULARITY;
        o.resolution = obj ? 0.5 : 1;
        o.consensus = true;
        run(&g, &w, &o, &r);
        assert_int_equal(r.best.n_communities, 6);
        igraph_integer_t want[] = {2, 0, 0, 0, 3, 1, 1, 1, 4, 5};
        for (int i = 0; i < 10; i++) {
            assert_int_equal(VECTOR(r.best.membership)[i], want[i]);
            assert_int_equal(VECTOR(r.consensus.membership)[i], want[i]);
            assert_close(VECTOR(r.confidence)[i], 1, 0);
        }
        assert_close(r.best.modularity, 5.0 / 14.0, 1e-12);
        if (obj) {
            /* (2 W_in - gamma sum n_c^2) / 2W = (24 - 0.5 * (9 + 9 + 4)) / 28 */
            assert_close(r.best.quality, 13.0 / 28.0, 1e-12);
        }
        mc_comm_result_destroy(&r);
    }
    igraph_vector_destroy(&w);
    igraph_destroy(&g);
}

static bool same_partition(const struct mc_partition *a, const struct mc_partition *b) {
    return a->n_communities == b->n_communities &&
           igraph_vector_int_all_e(&a->membership, &b->membership);
}

/* A ring of 240 vertices, each tied to its two neighbours on either side (many
 * near-optimal partitions into runs of cliques). */
static void ring_of_cliques(struct tu_graph *t) {
    igraph_t lat;
    igraph_vector_int_t dims;
    igraph_vector_bool_t circ;
    igraph_vector_int_init(&dims, 1);
    VECTOR(dims)[0] = 240;
    igraph_vector_bool_init(&circ, 1);
    VECTOR(circ)[0] = 1;
    igraph_square_lattice(&lat, &dims, 2, false, false, &circ);
    tu_from_igraph(t, &lat);
    igraph_destroy(&lat);
    igraph_vector_int_destroy(&dims);
    igraph_vector_bool_destroy(&circ);
}

/* The jobs never change the result; the seed decides it. */
static void test_communities_jobs_and_seed(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_comm_options o;
    struct mc_comm_result a, b, c;
    ring_of_cliques(&t);

    mc_comm_options_init(&o);
    o.consensus = true;
    o.seed = 42;
    o.jobs = 1;
    run(&t.g.ig, &t.g.weight, &o, &a);
    o.jobs = 3;
    run(&t.g.ig, &t.g.weight, &o, &b);
    assert_true(same_partition(&a.best, &b.best));
    assert_true(same_partition(&a.consensus, &b.consensus));
    assert_int_equal(a.best_run, b.best_run);
    assert_memory_equal(&a.nmi_mean, &b.nmi_mean, sizeof a.nmi_mean);
    assert_memory_equal(&a.vi_mean, &b.vi_mean, sizeof a.vi_mean);
    assert_memory_equal(VECTOR(a.confidence), VECTOR(b.confidence), 240 * sizeof(double));
    /* the ring is degenerate: the runs disagree, so some confidence is below 1 */
    assert_true(a.nmi_mean < 1);
    double mn = 1;
    for (int v = 0; v < 240; v++) {
        mn = fmin(mn, VECTOR(a.confidence)[v]);
    }
    assert_true(mn < 1);
    o.seed = 43;
    run(&t.g.ig, &t.g.weight, &o, &c);
    assert_false(same_partition(&a.best, &c.best));
    mc_comm_result_destroy(&a);
    mc_comm_result_destroy(&b);
    mc_comm_result_destroy(&c);
    tu_graph_free(&t);
}

/* The adaptive stopping rule on its own: quality and NMI sequences. */
static void test_comm_settled_rule(void **state) {
    (void)state;
    /* run 0 is best, runs 1-3 agree with it: settled after run 3, not before */
    double q[] = {0.5, 0.4, 0.5, 0.45, 0.6, 0.3, 0.3, 0.3};
    double nmi[] = {1, 0.96, 1, 0.95, 1, 0.99, 0.99, 0.99};
    assert_false(mc_comm_settled(q, nmi, 0));
    assert_false(mc_comm_settled(q, nmi, 2)); /* fewer than MC_COMM_MIN_RUNS runs */
    assert_true(mc_comm_settled(q, nmi, 3));  /* tie with run 0 at run 2: the lowest is best */
    /* run 4 beats everything: not settled until three more runs agree with it */
    assert_false(mc_comm_settled(q, nmi, 4));
    assert_false(mc_comm_settled(q, nmi, 5));
    assert_false(mc_comm_settled(q, nmi, 6));
    assert_true(mc_comm_settled(q, nmi, 7));
    /* one of the last three below the threshold */
    nmi[6] = 0.949;
    assert_false(mc_comm_settled(q, nmi, 7));
    /* NaN (no edges) never wins, NaN NMI never agrees */
    double qn[] = {NAN, NAN, NAN, NAN};
    double nn[] = {1, 1, 1, 1};
    assert_true(mc_comm_settled(qn, nn, 3));
    nn[2] = NAN;
    assert_false(mc_comm_settled(qn, nn, 3));
    assert_string_equal(mc_comm_stop_name(MC_STOP_SETTLED), "settled");
    assert_string_equal(mc_comm_stop_name(MC_STOP_LIMIT), "limit");
    assert_string_equal(mc_comm_stop_name(MC_STOP_EXACT), "exact");
}

/*
 * Adaptive runs: a stable graph stops after MC_COMM_MIN_RUNS runs, the
 * degenerate ring goes on to the bound; the runs made never pass --runs, and
 * the workers change nothing. The adaptive result is the exact result of the
 * runs it made.
 */
static void test_communities_adaptive(void **state) {
    (void)state;
    struct mc_comm_options o;
    struct mc_comm_result a, b, e;
    igraph_t g;
    two_triangles(&g);
    mc_comm_options_init(&o);
    o.adaptive = true;
    o.consensus = true;
    run(&g, NULL, &o, &a);
    assert_int_equal(a.runs, MC_COMM_MIN_RUNS);
    assert_int_equal(a.stop, MC_STOP_SETTLED);
    assert_close(a.best.modularity, 5.0 / 14.0, 1e-12);
    mc_comm_result_destroy(&a);
    o.runs = 2; /* below the minimum: the bound comes first */
    run(&g, NULL, &o, &a);
    assert_int_equal(a.runs, 2);
    assert_int_equal(a.stop, MC_STOP_LIMIT);
    mc_comm_result_destroy(&a);
    o.adaptive = false;
    run(&g, NULL, &o, &a);
    assert_int_equal(a.stop, MC_STOP_EXACT);
    mc_comm_result_destroy(&a);
    igraph_destroy(&g);

    /* the ring of four-cliques: runs disagree, so all 12 are made */
    struct tu_graph t;
    ring_of_cliques(&t);
    mc_comm_options_init(&o);
    o.adaptive = true;
    o.consensus = true;
    o.runs = 12;
    o.seed = 7;
    o.jobs = 1;
    run(&t.g.ig, &t.g.weight, &o, &a);
    assert_true(a.runs >= MC_COMM_MIN_RUNS && a.runs <= 12);
    assert_int_equal(a.stop, MC_STOP_LIMIT);
    assert_int_equal(a.runs, 12);
    o.jobs = 3;
    run(&t.g.ig, &t.g.weight, &o, &b);
    assert_int_equal(a.runs, b.runs);
    assert_int_equal(a.stop, b.stop);
    assert_true(same_partition(&a.best, &b.best));
    assert_true(same_partition(&a.consensus, &b.consensus));
    assert_memory_equal(&a.nmi_mean, &b.nmi_mean, sizeof a.nmi_mean);
    assert_memory_equal(VECTOR(a.confidence), VECTOR(b.confidence), 240 * sizeof(double));
    /* exactly the runs it made, asked for exactly, give the same result */
    o.adaptive = false;
    o.runs = a.runs;
    o.jobs = 2;
    run(&t.g.ig, &t.g.weight, &o, &e);
    assert_true(same_partition(&a.best, &e.best));
    assert_true(same_partition(&a.consensus, &e.consensus));
    assert_memory_equal(&a.nmi_mean, &e.nmi_mean, sizeof a.nmi_mean);
    mc_comm_result_destroy(&a);
    mc_comm_result_destroy(&b);
    mc_comm_result_destroy(&e);
    tu_graph_free(&t);
}

/* Consensus on Zachary: a partition at least as good as the split of the club. */
static void test_communities_consensus_zachary(void **state) {
    (void)state;
    struct mc_comm_result r;
    zachary(20, true, &r);
    assert_canonical(&r.consensus.membership, r.consensus.n_communities);
    assert_true(r.consensus.modularity > 0.3715); /* the observed split: 0.3715 */
    assert_close(r.consensus.quality, r.consensus.modularity, 1e-12);
    mc_comm_result_destroy(&r);
}

/* No edges: singletons, no modularity; bad arguments are refused. */
static void test_communities_edge_cases(void **state) {
    (void)state;
    igraph_t g;
    struct mc_comm_options o;
    struct mc_comm_result r;
    struct mc_error err;
    igraph_vector_t w;
    igraph_empty(&g, 3, IGRAPH_UNDIRECTED);
    mc_comm_options_init(&o);
    o.consensus = true;
    run(&g, NULL, &o, &r);
    assert_int_equal(r.best.n_communities, 3);
    assert_true(isnan(r.best.modularity));
    assert_close(VECTOR(r.confidence)[1], 1, 0);
    mc_comm_result_destroy(&r);
    igraph_destroy(&g);

    mc_error_init(&err);
    two_triangles(&g);
    o.runs = 0;
    mc_comm_result_init(&r);
    assert_int_equal(mc_communities(&g, NULL, &o, &r, &err), MC_E_USAGE);
    o.runs = 1;
    igraph_vector_init(&w, igraph_ecount(&g));
    igraph_vector_fill(&w, 1);
    VECTOR(w)[3] = 0;
    assert_int_equal(mc_communities(&g, &w, &o, &r, &err), MC_E_DATA);
    assert_non_null(strstr(err.msg, "positive"));
    igraph_vector_destroy(&w);
    mc_comm_result_destroy(&r);
    igraph_destroy(&g);
}

int main(void) {
    mc_igraph_setup();
    mc_igraph_seed(0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_partition_canonical_order),
        cmocka_unit_test(test_modularity_two_triangles),
        cmocka_unit_test(test_communities_two_triangles),
        cmocka_unit_test(test_communities_zachary_leiden),
        cmocka_unit_test(test_communities_every_method),
        cmocka_unit_test(test_communities_cpm),
        cmocka_unit_test(test_communities_isolates),
        cmocka_unit_test(test_communities_jobs_and_seed),
        cmocka_unit_test(test_comm_settled_rule),
        cmocka_unit_test(test_communities_adaptive),
        cmocka_unit_test(test_communities_consensus_zachary),
        cmocka_unit_test(test_communities_edge_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
