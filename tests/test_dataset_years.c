/* Unit tests for src/dataset_years.c: parsing a window and keeping its rows. */
#include "testutil.h"

#include "metaclust/dataset_years.h"
#include "metaclust/igraph_bridge.h"

static void test_years_parse(void **state) {
    (void)state;
    long a, b;
    assert_true(mc_years_parse("2014-2017", &a, &b));
    assert_int_equal(a, 2014);
    assert_int_equal(b, 2017);
    assert_true(mc_years_parse("2016", &a, &b));
    assert_int_equal(a, 2016);
    assert_int_equal(b, 2016);
    assert_false(mc_years_parse("2017-2014", &a, &b));
    assert_false(mc_years_parse("-2014", &a, &b));
    assert_false(mc_years_parse("2014-", &a, &b));
    assert_false(mc_years_parse("14-17", &a, &b));
    assert_false(mc_years_parse("", &a, &b));
}

/*
 * tiny: edges of 2013 are sk-hu, hu-at, at-si; groups of 2013 are uni-b
 * (cz-auto, pl-avia) and proj-w (at-auto, si-wood, hr-wood, tagged wood).
 */
static void test_keep_years_tiny(void **state) {
    (void)state;
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_error err;
    size_t de, da;
    tu_load_tiny(&ds, &g, NULL, false);
    mc_graph_destroy(&g);
    assert_int_equal(mc_dataset_keep_years(&ds, 2013, 2013, &de, &da, &err), MC_OK);
    assert_int_equal(de, 6);
    assert_int_equal(da, 6);
    assert_int_equal(ds.n_edges, 3);
    assert_int_equal(ds.n_aff, 5);
    assert_int_equal(ds.edge_year[0], 2013);
    assert_string_equal(ds.groups.keys[ds.aff_group[0]], "uni-b");
    /* the row tags moved with their rows: proj-w rows keep their own sector */
    assert_int_equal(ds.aff_sectors.n, 5);
    assert_int_equal(mc_tags_count(&ds.aff_sectors, 2), 1);
    assert_string_equal(ds.sectors.keys[mc_tags_of(&ds.aff_sectors, 2)[0]], "wood");
    assert_int_equal(ds.edge_sectors.n, 3);
    mc_dataset_destroy(&ds);
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_years_parse),
        cmocka_unit_test(test_keep_years_tiny),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
