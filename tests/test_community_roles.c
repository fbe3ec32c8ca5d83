/*
 * Guimerà–Amaral roles on hand-built examples.
 */
#include "testutil.h"

#include "metaclust/community.h"
#include "metaclust/igraph_bridge.h"

static void roles(const igraph_t *g, const igraph_vector_t *w, const igraph_vector_int_t *m,
                  igraph_vector_t *z, igraph_vector_t *p) {
    struct mc_error err;
    mc_error_init(&err);
    igraph_vector_init(z, 0);
    igraph_vector_init(p, 0);
    if (mc_roles(g, w, m, z, p, &err) != MC_OK) {
        fail_msg("roles: %s", err.msg);
    }
}

/*
 * Community 0: hub 0 with leaves 1..4 and the edge 1-2; community 1: the
 * triangle 5-6-7; bridges 0-5 and 4-6 (all weights 1).
 * Strength into the own community: 0: 4, 1: 2, 2: 2, 3: 1, 4: 1 (mean 2, sd
 * sqrt(1.2)); 5, 6, 7: 2 each (sd 0, so z = 0).
 */
static void test_roles_by_hand(void **state) {
    (void)state;
    igraph_t g;
    igraph_vector_int_t m;
    igraph_vector_t z, p;
    igraph_small(&g, 8, IGRAPH_UNDIRECTED, 0, 1, 0, 2, 0, 3, 0, 4, 1, 2, 5, 6, 6, 7, 5, 7, 0, 5, 4,
                 6, -1);
    igraph_vector_int_init_int(&m, 8, 0, 0, 0, 0, 0, 1, 1, 1);
    roles(&g, NULL, &m, &z, &p);
    assert_close(VECTOR(z)[0], 2 / sqrt(1.2), 1e-12);
    assert_close(VECTOR(z)[1], 0, 1e-12);
    assert_close(VECTOR(z)[3], -1 / sqrt(1.2), 1e-12);
    assert_close(VECTOR(z)[5], 0, 0);
    assert_close(VECTOR(p)[0], 1 - 0.64 - 0.04, 1e-12);
    assert_close(VECTOR(p)[1], 0, 1e-12);
    assert_close(VECTOR(p)[4], 0.5, 1e-12);
    assert_close(VECTOR(p)[5], 4.0 / 9.0, 1e-12);
    assert_close(VECTOR(p)[7], 0, 1e-12);
    assert_int_equal(mc_role_classify(VECTOR(z)[0], VECTOR(p)[0]), MC_ROLE_PERIPHERAL);
    assert_int_equal(mc_role_classify(VECTOR(z)[1], VECTOR(p)[1]), MC_ROLE_ULTRA_PERIPHERAL);
    igraph_vector_destroy(&z);
    igraph_vector_destroy(&p);
    igraph_vector_int_destroy(&m);
    igraph_destroy(&g);
}

/*
 * A weighted hub: vertex 0 with ten leaves (weight 1) in community 0, and a
 * weight-10 tie to vertex 11, alone in community 1. z_0 = sqrt(10) (strengths
 * into the community: 10 and ten 1s), P_0 = 1 - (1/2)^2 - (1/2)^2: a
 * connector hub. Vertex 11: P = 0 (all its strength goes to one community).
 */
static void test_roles_weighted_hub(void **state) {
    (void)state;
    igraph_t g;
    igraph_vector_int_t m;
    igraph_vector_t w, z, p;
    igraph_vector_int_t edges;
    igraph_vector_int_init(&edges, 0);
    for (int i = 1; i <= 11; i++) {
        igraph_vector_int_push_back(&edges, 0);
        igraph_vector_int_push_back(&edges, i);
    }
    igraph_create(&g, &edges, 12, IGRAPH_UNDIRECTED);
    igraph_vector_init(&w, 11);
    igraph_vector_fill(&w, 1);
    VECTOR(w)[10] = 10;
    igraph_vector_int_init(&m, 12);
    VECTOR(m)[11] = 1;
    roles(&g, &w, &m, &z, &p);
    assert_close(VECTOR(z)[0], sqrt(10), 1e-12);
    assert_close(VECTOR(p)[0], 0.5, 1e-12);
    assert_int_equal(mc_role_classify(VECTOR(z)[0], VECTOR(p)[0]), MC_ROLE_CONNECTOR_HUB);
    assert_close(VECTOR(z)[11], 0, 0);
    assert_close(VECTOR(p)[11], 0, 1e-12);
    assert_string_equal(mc_role_name(MC_ROLE_CONNECTOR_HUB), "connector hub");
    igraph_vector_destroy(&z);
    igraph_vector_destroy(&p);
    igraph_vector_destroy(&w);
    igraph_vector_int_destroy(&m);
    igraph_vector_int_destroy(&edges);
    igraph_destroy(&g);
}

/* The seven roles at their boundaries (Guimerà & Amaral 2005, Fig. 2). */
static void test_roles_boundaries(void **state) {
    (void)state;
    assert_int_equal(mc_role_classify(2.4, 0.05), MC_ROLE_ULTRA_PERIPHERAL);
    assert_int_equal(mc_role_classify(2.4, 0.06), MC_ROLE_PERIPHERAL);
    assert_int_equal(mc_role_classify(2.4, 0.62), MC_ROLE_PERIPHERAL);
    assert_int_equal(mc_role_classify(2.4, 0.63), MC_ROLE_CONNECTOR);
    assert_int_equal(mc_role_classify(2.4, 0.80), MC_ROLE_CONNECTOR);
    assert_int_equal(mc_role_classify(2.4, 0.81), MC_ROLE_KINLESS);
    assert_int_equal(mc_role_classify(2.5, 0.30), MC_ROLE_PROVINCIAL_HUB);
    assert_int_equal(mc_role_classify(2.5, 0.31), MC_ROLE_CONNECTOR_HUB);
    assert_int_equal(mc_role_classify(2.5, 0.75), MC_ROLE_CONNECTOR_HUB);
    assert_int_equal(mc_role_classify(2.5, 0.76), MC_ROLE_KINLESS_HUB);
    assert_string_equal(mc_role_name(MC_ROLE_ULTRA_PERIPHERAL), "ultra-peripheral");
    assert_string_equal(mc_role_name(MC_ROLE_KINLESS_HUB), "kinless hub");
}

static void test_roles_bad_membership(void **state) {
    (void)state;
    igraph_t g;
    igraph_vector_int_t m;
    igraph_vector_t z, p;
    struct mc_error err;
    mc_error_init(&err);
    igraph_small(&g, 3, IGRAPH_UNDIRECTED, 0, 1, -1);
    igraph_vector_int_init_int(&m, 2, 0, 0);
    igraph_vector_init(&z, 0);
    igraph_vector_init(&p, 0);
    assert_int_equal(mc_roles(&g, NULL, &m, &z, &p, &err), MC_E_USAGE);
    igraph_vector_int_destroy(&m);
    igraph_vector_int_init_int(&m, 3, 0, -1, 0);
    assert_int_equal(mc_roles(&g, NULL, &m, &z, &p, &err), MC_E_USAGE);
    igraph_vector_destroy(&z);
    igraph_vector_destroy(&p);
    igraph_vector_int_destroy(&m);
    igraph_destroy(&g);
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles_by_hand),
        cmocka_unit_test(test_roles_weighted_hub),
        cmocka_unit_test(test_roles_boundaries),
        cmocka_unit_test(test_roles_bad_membership),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
