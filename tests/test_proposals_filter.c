/* Unit tests for src/proposals_filter.c: the country filter and the country check. */
#include "testutil.h"

#include "metaclust/igraph_bridge.h"
#include "metaclust/proposals_filter.h"

static void test_keep_country_exactly(void **state) {
    (void)state;
    struct mc_country_share a[] = {{0, 2}, {1, 1}}, b[] = {{2, 3}}, c[] = {{2, 1}, {0, 1}};
    struct mc_proposal p[3];
    struct mc_sector_proposals in, out;
    struct mc_error err;
    memset(p, 0, sizeof p);
    mc_sector_proposals_init(&in);
    p[0].countries = a;
    p[0].n_countries = 2;
    p[0].rank = 1;
    p[1].countries = b;
    p[1].n_countries = 1;
    p[1].rank = 2;
    p[2].countries = c;
    p[2].n_countries = 2;
    p[2].rank = 3;
    in.proposals = p;
    in.n_proposals = 3;
    /* country 0 is in the first and the third */
    assert_int_equal(mc_proposals_keep_country(&in, 0, &out, &err), MC_OK);
    assert_int_equal(out.n_proposals, 2);
    assert_int_equal(out.proposals[0].rank, 1);
    assert_int_equal(out.proposals[1].rank, 3);      /* ranks kept */
    assert_ptr_equal(out.proposals[1].countries, c); /* shallow: shares the members */
    mc_proposals_view_destroy(&out);
    assert_int_equal(mc_proposals_keep_country(&in, 1, &out, &err), MC_OK);
    assert_int_equal(out.n_proposals, 1);
    mc_proposals_view_destroy(&out);
    assert_int_equal(mc_proposals_keep_country(&in, 7, &out, &err), MC_OK);
    assert_int_equal(out.n_proposals, 0);
    mc_proposals_view_destroy(&out);
    assert_true(mc_proposal_has_country(&p[1], 2));
    assert_false(mc_proposal_has_country(&p[1], 0));
}

static void test_country_check(void **state) {
    (void)state;
    struct mc_error err;
    struct mc_dataset ds;
    struct mc_graph g;
    int32_t c;
    assert_int_equal(mc_country_check("de", &err), MC_OK);
    assert_int_equal(mc_country_check("DEU", &err), MC_E_USAGE);
    assert_string_equal(err.msg, "--country: invalid value 'DEU' (expected a two-letter ISO code)");
    tu_load_tiny(&ds, &g, NULL, false);
    assert_int_equal(mc_country_require(&ds, "pl", &c, &err), MC_OK);
    assert_string_equal(ds.countries.keys[c], "PL");
    assert_int_equal(mc_country_require(&ds, "FR", &c, &err), MC_E_USAGE);
    assert_string_equal(err.msg, "--country: no node of the dataset is from 'FR'");
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keep_country_exactly),
        cmocka_unit_test(test_country_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
