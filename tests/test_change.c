/* Unit tests for src/change.c and src/change_report.c, on the hand-made tests/data/years. */
#include "testutil.h"

#include <jansson.h>

#include "metaclust/change.h"

struct two {
    struct mc_dataset a, b;
    struct mc_change ch;
};

/* Loads tests/data/years for both periods and compares the view of `sector` (NULL: all). */
static void compute(struct two *t, const char *from, const char *to, const char *sector) {
    char dir[4200];
    struct mc_error err;
    struct mc_load_options lo = {.dir = dir};
    struct mc_change_options co;
    snprintf(dir, sizeof dir, "%s/tests/data/years", tu_top());
    mc_error_init(&err);
    mc_dataset_init(&t->a);
    mc_dataset_init(&t->b);
    mc_change_init(&t->ch);
    mc_change_options_init(&co);
    assert_int_equal(mc_period_parse("--from", from, &lo.years, &err), MC_OK);
    assert_int_equal(mc_dataset_load(&t->a, &lo, &err), MC_OK);
    assert_int_equal(mc_period_parse("--to", to, &lo.years, &err), MC_OK);
    assert_int_equal(mc_dataset_load(&t->b, &lo, &err), MC_OK);
    co.view.sector = sector ? mc_dataset_sector(&t->b, sector) : -1;
    co.comm.runs = 3;
    assert_int_equal(mc_change_compute(&t->a, &t->b, &co, &t->ch, &err), MC_OK);
    assert_int_equal(IGRAPH_FINALLY_STACK_SIZE(), 0);
}

static void done(struct two *t) {
    mc_change_destroy(&t->ch);
    mc_dataset_destroy(&t->a);
    mc_dataset_destroy(&t->b);
}

static const char *node_id(const struct two *t, const char *id, uint8_t *status) {
    for (size_t i = 0; i < t->b.n_nodes; i++) {
        if (strcmp(mc_dataset_node_id(&t->b, i), id) == 0) {
            *status = t->ch.node_status[i];
            return id;
        }
    }
    fail_msg("no node %s", id);
    return NULL;
}

/*
 * ict, 2014-2016: p1 {a1 c1 s1}, p2 {a1 a2}, edge a1-s1 (2015): links a1-c1, a1-s1, c1-s1, a1-a2.
 * ict, 2018-2020: p3 {a1 c1 h1}, p6 {a2 c2 h1}, edge c1-h1 (2019): links a1-c1, a1-h1, c1-h1,
 * a2-c2, a2-h1, c2-h1. p7 (no year) and the undated edge a2-s1 are in neither.
 */
static void test_change_counts_sector(void **state) {
    (void)state;
    struct two t;
    compute(&t, "2014-2016", "2018-2020", "ict");
    assert_int_equal(t.ch.links_from, 4);
    assert_int_equal(t.ch.links_to, 6);
    assert_int_equal(t.ch.links_kept, 1);
    assert_int_equal(t.ch.links_new, 5);
    assert_int_equal(t.ch.links_lost, 3);
    assert_int_equal(t.ch.nodes_kept, 3);
    assert_int_equal(t.ch.nodes_entered, 2);
    assert_int_equal(t.ch.nodes_left, 1);
    uint8_t s;
    node_id(&t, "s1", &s);
    assert_int_equal(s, MC_NODE_LEFT);
    node_id(&t, "h1", &s);
    assert_int_equal(s, MC_NODE_ENTERED);
    node_id(&t, "a1", &s);
    assert_int_equal(s, MC_NODE_KEPT);
    assert_close(t.ch.weight_from, 5, 1e-12); /* a1-s1 counts the project and the edge */
    assert_close(t.ch.weight_to, 8, 1e-12);   /* c1-h1: p3 plus the edge of weight 2 */
    /* cross-border: before, only a1-a2 (AT-AT, weight 1) is domestic */
    assert_close(mc_change_cross_share(t.ch.cross_from, t.ch.known_from), 4.0 / 5.0, 1e-12);
    assert_close(mc_change_cross_share(t.ch.cross_to, t.ch.known_to), 1.0, 1e-12);
    /* the pairs, grown first: CZ-HU +4, AT-HU +2, AT-CZ +1, then AT-AT -1, CZ-SK -1, AT-SK -2 */
    assert_int_equal(t.ch.n_pairs, 6);
    const char *want[][2] = {{"CZ", "HU"}, {"AT", "HU"}, {"AT", "CZ"},
                             {"AT", "AT"}, {"CZ", "SK"}, {"AT", "SK"}};
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(mc_dataset_country_name(&t.b, t.ch.pairs[i].a), want[i][0]);
        assert_string_equal(mc_dataset_country_name(&t.b, t.ch.pairs[i].b), want[i][1]);
    }
    assert_close(t.ch.pairs[0].w_to, 4, 1e-12);
    assert_int_equal(t.ch.pairs[0].links_to, 2);
    done(&t);
}

/* The JSON contract: kept, new and lost at the top; grew and shrank cross-border only. */
static void test_change_json(void **state) {
    (void)state;
    struct two t;
    compute(&t, "2014-2016", "2018-2020", "ict");
    json_t *j = mc_change_json(&t.b, &t.ch, 2);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "kept")), 1);
    assert_int_equal(json_integer_value(json_object_get(j, "new")), 5);
    assert_int_equal(json_integer_value(json_object_get(j, "lost")), 3);
    assert_string_equal(json_string_value(json_object_get(j, "from")), "2014-2016");
    json_t *grew = json_object_get(j, "grew"), *shrank = json_object_get(j, "shrank");
    assert_int_equal(json_array_size(grew), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(grew, 0), "country_b")),
                        "HU");
    /* shrank: AT-SK (-2) first, then CZ-SK; AT-AT is domestic and left out */
    assert_int_equal(json_array_size(shrank), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(shrank, 0), "country_b")),
                        "SK");
    assert_string_equal(json_string_value(json_object_get(json_array_get(shrank, 1), "country_a")),
                        "CZ");
    json_t *nodes = json_object_get(j, "nodes");
    assert_int_equal(json_integer_value(json_object_get(nodes, "entered")), 2);
    json_decref(j);

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    mc_change_csv(f, &t.b, &t.ch);
    fclose(f);
    assert_non_null(strstr(buf, "country_a,country_b,cross_border,weight_from,weight_to,change,"
                                "growth,links_from,links_to\nCZ,HU,1,0,4,4,,0,2\n"));
    assert_non_null(strstr(buf, "\nAT,SK,1,2,0,-2,-1,1,0\n"));
    free(buf);
    done(&t);
}

/* The whole dataset, periods without rows, and the communities traced back */
static void test_change_whole_and_empty(void **state) {
    (void)state;
    struct two t;
    compute(&t, "1990-1991", "2014-", NULL);
    assert_int_equal(t.ch.links_kept, 0);
    assert_int_equal(t.ch.links_lost, 0);
    assert_true(t.ch.links_new > 0);
    assert_int_equal(t.ch.nodes_left, 0);
    assert_int_equal(t.ch.nodes_entered, t.ch.nodes_to);
    for (size_t i = 0; i < t.ch.n_communities; i++) {
        assert_int_equal(t.ch.communities[i].returning, 0); /* nothing before */
        assert_int_equal(t.ch.communities[i].main_origin, -1);
        assert_true(t.ch.communities[i].size >= 3);
    }
    assert_true(isnan(mc_change_cross_share(t.ch.cross_from, t.ch.known_from)));
    done(&t);

    compute(&t, "2014-2016", "2014-2016", "ict");
    assert_int_equal(t.ch.links_kept, 4);
    assert_int_equal(t.ch.links_new + t.ch.links_lost, 0);
    assert_int_equal(t.ch.n_communities, 1); /* a1 c1 s1 a2 in one community */
    assert_int_equal(t.ch.communities[0].returning, t.ch.communities[0].size);
    assert_int_equal(t.ch.communities[0].origins, 1);
    assert_int_equal(t.ch.communities[0].main_origin_members, t.ch.communities[0].size);
    done(&t);
}

static void test_change_different_datasets(void **state) {
    (void)state;
    struct mc_dataset a, b;
    struct mc_change ch;
    struct mc_change_options co;
    struct mc_error err;
    mc_dataset_init(&a);
    mc_dataset_init(&b);
    mc_change_init(&ch);
    mc_change_options_init(&co);
    char *dir = tu_tmpdir();
    free(tu_write(dir, "edges.csv", "source,target\nx,y\n"));
    struct mc_load_options lo = {.dir = dir};
    char top[4200];
    snprintf(top, sizeof top, "%s/tests/data/years", tu_top());
    struct mc_load_options lo2 = {.dir = top};
    mc_error_init(&err);
    assert_int_equal(mc_dataset_load(&a, &lo, &err), MC_OK);
    assert_int_equal(mc_dataset_load(&b, &lo2, &err), MC_OK);
    assert_int_equal(mc_change_compute(&a, &b, &co, &ch, &err), MC_E_USAGE);
    assert_string_equal(err.msg, "change: the two periods come from different datasets");
    mc_change_destroy(&ch);
    mc_dataset_destroy(&a);
    mc_dataset_destroy(&b);
    tu_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_change_counts_sector),
        cmocka_unit_test(test_change_json),
        cmocka_unit_test(test_change_whole_and_empty),
        cmocka_unit_test(test_change_different_datasets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
