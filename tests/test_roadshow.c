/* Unit tests for src/roadshow.c: the schedule's rules, fairness, the bound, attendee files. */
#include "testutil.h"

#include "metaclust/graph.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/roadshow.h"

/* The fixture: tiny, its active sectors, all ten nodes attending. */
struct fx {
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_tags active;
    int32_t att[10];
};

static void fx_setup(struct fx *f) {
    struct mc_error err;
    tu_load_tiny(&f->ds, &f->g, NULL, false);
    assert_int_equal(mc_dataset_active_sectors(&f->ds, &f->active, &err), MC_OK);
    for (int32_t i = 0; i < 10; i++) {
        f->att[i] = i;
    }
}

static void fx_teardown(struct fx *f) {
    mc_tags_destroy(&f->active);
    mc_graph_destroy(&f->g);
    mc_dataset_destroy(&f->ds);
}

/* Every rule, checked here from scratch (not with mc_roadshow_valid). */
static void check_rules(const struct mc_graph *g, const struct mc_roadshow *r) {
    const struct mc_dataset *ds = g->ds;
    for (size_t q = 0; q < r->n; q++) {
        const struct mc_meeting *m = &r->m[q];
        bool a_in = false, b_in = false;
        for (size_t i = 0; i < r->n_att; i++) {
            a_in |= r->att[i] == m->a;
            b_in |= r->att[i] == m->b;
        }
        assert_true(a_in && b_in);
        assert_true(m->slot >= 1 && m->slot <= r->slots);
        assert_true(ds->node_country[m->a] >= 0 && ds->node_country[m->b] >= 0);
        assert_int_not_equal(ds->node_country[m->a], ds->node_country[m->b]);
        igraph_integer_t eid;
        igraph_get_eid(&g->ig, &eid, g->vertex_of[m->a], g->vertex_of[m->b], IGRAPH_UNDIRECTED,
                       false);
        assert_true(eid < 0); /* not linked yet */
        for (size_t p = 0; p < q; p++) {
            const struct mc_meeting *o = &r->m[p];
            assert_false((o->a == m->a && o->b == m->b) || (o->a == m->b && o->b == m->a));
            if (o->slot == m->slot) {
                assert_true(o->a != m->a && o->a != m->b && o->b != m->a && o->b != m->b);
            }
        }
    }
    for (size_t i = 0; i < r->n_att; i++) {
        size_t c = 0;
        for (size_t q = 0; q < r->n; q++) {
            c += r->m[q].a == r->att[i] || r->m[q].b == r->att[i];
        }
        assert_true(c <= (size_t)r->meetings);
        assert_int_equal(c, r->count[i]);
    }
}

static void test_roadshow_rules_and_fairness(void **state) {
    (void)state;
    struct fx f;
    struct mc_roadshow r;
    struct mc_roadshow_options o;
    struct mc_error err;
    fx_setup(&f);
    for (int k = 1; k <= 4; k++) {
        mc_roadshow_options_init(&o);
        o.meetings = k;
        assert_int_equal(mc_roadshow_plan(&f.g, f.att, 10, &f.active, &o, &r, &err), MC_OK);
        check_rules(&f.g, &r);
        char why[256];
        assert_true(mc_roadshow_valid(&f.g, &r, why, sizeof why));
        /* everyone with a possible partner meets someone; the bounds hold */
        for (size_t i = 0; i < r.n_att; i++) {
            if (r.eligible[i] > 0) {
                assert_true(r.count[i] > 0);
            }
        }
        assert_true(r.n <= r.bound_meetings);
        assert_true(r.total <= r.bound + 1e-9);
        assert_true(r.n >= r.greedy_meetings);
        mc_roadshow_destroy(&r);
    }
    /* fewer slots than meetings: the slots cap the meetings */
    mc_roadshow_options_init(&o);
    o.meetings = 4;
    o.slots = 1;
    assert_int_equal(mc_roadshow_plan(&f.g, f.att, 10, &f.active, &o, &r, &err), MC_OK);
    check_rules(&f.g, &r);
    for (size_t i = 0; i < r.n_att; i++) {
        assert_true(r.count[i] <= 1);
    }
    assert_true(r.n <= 5);
    mc_roadshow_destroy(&r);
    fx_teardown(&f);
}

static void test_roadshow_valid_catches_breaks(void **state) {
    (void)state;
    struct fx f;
    struct mc_roadshow r;
    struct mc_roadshow_options o;
    struct mc_error err;
    char why[256];
    fx_setup(&f);
    mc_roadshow_options_init(&o);
    o.meetings = 2;
    assert_int_equal(mc_roadshow_plan(&f.g, f.att, 10, &f.active, &o, &r, &err), MC_OK);
    assert_true(r.n >= 2);
    r.m[1] = r.m[0]; /* the same pair twice */
    assert_false(mc_roadshow_valid(&f.g, &r, why, sizeof why));
    assert_string_equal(why, "meetings 1 and 2: the same pair twice");
    mc_roadshow_destroy(&r);
    fx_teardown(&f);
}

static void test_roadshow_attendee_files(void **state) {
    (void)state;
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_error err;
    int32_t *att;
    size_t n;
    tu_load_tiny(&ds, &g, NULL, false);
    char *dir = tu_tmpdir();
    /* a header and names or ids */
    char *p = tu_write(dir, "a.csv", "name\nSaxony ICT\ncz-auto\n\n");
    assert_int_equal(mc_roadshow_read_attendees(&ds, p, &att, &n, &err), MC_OK);
    assert_int_equal(n, 2);
    assert_string_equal(ds.ids.keys[att[0]], "de-ict");
    assert_string_equal(ds.ids.keys[att[1]], "cz-auto");
    free(att);
    free(p);
    /* no header: the first line is an attendee */
    p = tu_write(dir, "b.csv", "pl-ict\nhr-wood\n");
    assert_int_equal(mc_roadshow_read_attendees(&ds, p, &att, &n, &err), MC_OK);
    assert_int_equal(n, 2);
    assert_string_equal(ds.ids.keys[att[0]], "pl-ict");
    free(att);
    free(p);
    /* listed twice */
    p = tu_write(dir, "c.csv", "id\npl-ict\nhr-wood\npl-ict\n");
    assert_int_equal(mc_roadshow_read_attendees(&ds, p, &att, &n, &err), MC_E_DATA);
    assert_non_null(
        strstr(err.msg, "c.csv:4: attendee 'pl-ict' is listed twice (first on line 2)"));
    free(p);
    tu_rmdir(dir);
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roadshow_rules_and_fairness),
        cmocka_unit_test(test_roadshow_valid_catches_breaks),
        cmocka_unit_test(test_roadshow_attendee_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
