/* Unit tests for src/profile.c: the percentile definition and a hand check on tests/data/tiny. */
#include "testutil.h"

#include "metaclust/graph.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/profile.h"

static void test_percentile_definition(void **state) {
    (void)state;
    /* self is index 0 in each case */
    const double max[] = {9, 1, 2, 3, 4};
    assert_close(mc_percentile(max, NULL, 5, 0), 100, 1e-12); /* unique maximum */
    const double min[] = {0, 1, 2, 3, 4};
    assert_close(mc_percentile(min, NULL, 5, 0), 0, 1e-12); /* unique minimum */
    const double same[] = {2, 2, 2, 2};
    assert_close(mc_percentile(same, NULL, 4, 0), 50, 1e-12); /* all equal */
    /* 3 among {1, 3, 3, 5}: one lower, two equal -> (1 + 1) / 4 */
    const double mixed[] = {3, 1, 3, 3, 5};
    assert_close(mc_percentile(mixed, NULL, 5, 0), 50, 1e-12);
    /* 4 among {1, 3, 3, 5}: three lower -> 75 */
    const double mixed2[] = {4, 1, 3, 3, 5};
    assert_close(mc_percentile(mixed2, NULL, 5, 0), 75, 1e-12);
}

static void test_percentile_peers_and_nan(void **state) {
    (void)state;
    const double v[] = {5, NAN, 1, 9, 5};
    /* NaN is no peer: peers {1, 9, 5} -> (1 + 0.5) / 3 */
    assert_close(mc_percentile(v, NULL, 5, 0), 50, 1e-12);
    /* the mask keeps {1, 9}: one lower of two */
    const bool mask[] = {true, true, true, true, false};
    assert_close(mc_percentile(v, mask, 5, 0), 50, 1e-12);
    const bool only1[] = {true, false, true, false, false};
    assert_close(mc_percentile(v, only1, 5, 0), 100, 1e-12);
    /* no peers, or no value: undefined */
    const bool none[] = {true, false, false, false, false};
    assert_true(isnan(mc_percentile(v, none, 5, 0)));
    assert_true(isnan(mc_percentile(v, NULL, 5, 1)));
    assert_true(isnan(mc_percentile(v, NULL, 1, 0)));
}

/*
 * Hand check on tests/data/tiny (whole dataset). Degrees: cz-auto 4, cz-ict 3,
 * hu-auto 3, at-auto 3, sk-auto, pl-ict, si-wood, de-ict, hr-wood 2, pl-avia 1.
 * cz-ict (3): six peers lower, two equal of nine -> 100 (6 + 1) / 9; among
 * Czech peers only cz-auto (4) -> 0. Strengths: cz-ict 5 among 8 7 2 5 5 5 4 3
 * 4: four lower, three equal -> 100 (4 + 1.5) / 9.
 */
static void test_profile_tiny_hand_check(void **state) {
    (void)state;
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_profile p;
    struct mc_profile_options po;
    struct mc_error err;
    tu_load_tiny(&ds, &g, NULL, true);
    mc_profile_options_init(&po);
    long node = mc_intern_find(&ds.ids, "cz-ict", 6);
    assert_true(node >= 0);
    assert_int_equal(mc_profile_build(&g, (int32_t)node, &po, &p, &err), MC_OK);
    assert_int_equal(p.peers_sector, 9);
    assert_int_equal(p.peers_country, 1);
    assert_close(p.value[MC_IND_DEGREE], 3, 0);
    assert_close(p.pct_sector[MC_IND_DEGREE], 700.0 / 9.0, 1e-9);
    assert_close(p.pct_country[MC_IND_DEGREE], 0, 1e-12);
    assert_close(p.value[MC_IND_STRENGTH], 5, 0);
    assert_close(p.pct_sector[MC_IND_STRENGTH], 550.0 / 9.0, 1e-9);
    /* cz-ict's partners: cz-auto (CZ), pl-ict, de-ict -> 3 countries, 2 of 3 abroad */
    assert_close(p.value[MC_IND_PARTNER_COUNTRIES], 3, 0);
    assert_close(p.value[MC_IND_FOREIGN_SHARE], 2.0 / 3.0, 1e-12);
    /* no role, contribution or type columns in tiny: not in the data */
    assert_true(isnan(p.value[MC_IND_LEAD_SHARE]));
    assert_true(isnan(p.pct_sector[MC_IND_CONTRIBUTION]));
    assert_true(isnan(p.value[MC_IND_TYPE_MIX]));
    /* partners strongest first, with the evidence behind each tie */
    assert_int_equal(p.n_partner_all, 3);
    assert_string_equal(ds.ids.keys[p.partner[0].node], "pl-ict"); /* direct 2 + proj-x */
    assert_close(p.partner[0].weight, 3, 0);
    assert_int_equal(p.partner[0].n_group, 1);
    assert_string_equal(ds.groups.keys[p.partner[0].group[0]], "proj-x");
    mc_profile_destroy(&p);

    /* cz-auto: groups supplier-a, uni-b; partners over the dataset sk, hu, pl-avia, cz-ict */
    node = mc_intern_find(&ds.ids, "cz-auto", 7);
    assert_int_equal(mc_profile_build(&g, (int32_t)node, &po, &p, &err), MC_OK);
    assert_close(p.value[MC_IND_GROUPS], 2, 0);
    assert_close(p.value[MC_IND_PARTNERS], 4, 0);
    assert_close(p.pct_sector[MC_IND_DEGREE], 100, 1e-12); /* the unique maximum */
    assert_true(p.has_members);
    assert_true(p.eccp_members); /* 61 members */
    mc_profile_destroy(&p);
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
}

static void test_profile_node_outside_view(void **state) {
    (void)state;
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_profile p;
    struct mc_profile_options po;
    struct mc_error err;
    tu_load_tiny(&ds, &g, "wood", true);
    mc_profile_options_init(&po);
    long node = mc_intern_find(&ds.ids, "cz-ict", 6);
    assert_int_equal(mc_profile_build(&g, (int32_t)node, &po, &p, &err), MC_E_USAGE);
    assert_string_equal(err.msg, "node 'cz-ict' is not in sector 'wood'");
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_percentile_definition),
        cmocka_unit_test(test_percentile_peers_and_nan),
        cmocka_unit_test(test_profile_tiny_hand_check),
        cmocka_unit_test(test_profile_node_outside_view),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
