/* Unit tests for src/labels.c: placed labels never overlap each other or a node. */
#include "testutil.h"

#include "metaclust/labels.h"

static uint64_t lcg(uint64_t *s) {
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

static double unit(uint64_t *s) {
    return (double)lcg(s) / (double)(1ULL << 31);
}

static void test_labels_overlap_helpers(void **state) {
    (void)state;
    assert_true(mc_boxes_overlap(0, 0, 10, 10, 5, 5, 10, 10));
    assert_false(mc_boxes_overlap(0, 0, 10, 10, 10, 0, 5, 5)); /* touching edges only */
    assert_false(mc_boxes_overlap(0, 0, 10, 10, 0, 11, 5, 5));
    assert_true(mc_disc_box_overlap(5, 5, 1, 0, 0, 10, 10)); /* inside */
    assert_true(mc_disc_box_overlap(12, 5, 2.5, 0, 0, 10, 10));
    assert_false(mc_disc_box_overlap(12, 5, 1.5, 0, 0, 10, 10));
    assert_false(mc_disc_box_overlap(12, 12, 2.5, 0, 0, 10, 10)); /* near the corner only */
}

/* n random nodes with labels in a 600 x 400 frame. */
static void random_scene(uint64_t seed, size_t n, struct mc_label_item *it, struct mc_disc *d) {
    uint64_t s = seed;
    for (size_t i = 0; i < n; i++) {
        it[i].x = d[i].x = 20 + 560 * unit(&s);
        it[i].y = d[i].y = 20 + 360 * unit(&s);
        it[i].r = d[i].r = 2 + 6 * unit(&s);
        it[i].w = 30 + 60 * unit(&s);
        it[i].h = 13;
        it[i].priority = unit(&s);
    }
}

static void check_no_overlaps(const struct mc_label_item *it, const struct mc_disc *d, size_t n,
                              const struct mc_label_spot *sp, const struct mc_label_options *o) {
    for (size_t i = 0; i < n; i++) {
        if (sp[i].state == MC_LABEL_DROPPED || sp[i].state == MC_LABEL_FORCED) {
            continue;
        }
        assert_true(sp[i].x >= o->xmin && sp[i].y >= o->ymin);
        assert_true(sp[i].x + it[i].w <= o->xmax && sp[i].y + it[i].h <= o->ymax);
        for (size_t k = 0; k < n; k++) {
            if (mc_disc_box_overlap(d[k].x, d[k].y, d[k].r, sp[i].x, sp[i].y, it[i].w, it[i].h)) {
                fail_msg("label %zu covers node %zu", i, k);
            }
        }
        for (size_t j = i + 1; j < n; j++) {
            if (sp[j].state == MC_LABEL_DROPPED || sp[j].state == MC_LABEL_FORCED) {
                continue;
            }
            if (mc_boxes_overlap(sp[i].x, sp[i].y, it[i].w, it[i].h, sp[j].x, sp[j].y, it[j].w,
                                 it[j].h)) {
                fail_msg("labels %zu and %zu overlap", i, j);
            }
        }
    }
}

static void test_labels_placed_never_intersect(void **state) {
    (void)state;
    enum { N = 300 };
    struct mc_label_item it[N];
    struct mc_disc d[N];
    struct mc_label_spot sp[N];
    struct mc_label_options o = {0, 0, 600, 400, 2.0, false};
    struct mc_error err;
    for (uint64_t seed = 1; seed <= 5; seed++) {
        random_scene(seed, N, it, d);
        assert_int_equal(mc_labels_place(it, N, d, N, &o, sp, &err), MC_OK);
        size_t placed = 0, dropped = 0;
        for (size_t i = 0; i < N; i++) {
            placed += sp[i].state == MC_LABEL_PLACED;
            dropped += sp[i].state == MC_LABEL_DROPPED;
            assert_true(sp[i].state == MC_LABEL_PLACED || sp[i].state == MC_LABEL_DROPPED);
        }
        assert_true(placed > 20); /* a crowded frame still gets labels */
        assert_true(dropped > 0); /* ... but not all 300 fit */
        check_no_overlaps(it, d, N, sp, &o);
    }
}

static void test_labels_keep_all(void **state) {
    (void)state;
    enum { N = 80 };
    struct mc_label_item it[N];
    struct mc_disc d[N];
    struct mc_label_spot sp[N];
    struct mc_label_options o = {0, 0, 600, 400, 2.0, true};
    struct mc_error err;
    random_scene(7, N, it, d);
    assert_int_equal(mc_labels_place(it, N, d, N, &o, sp, &err), MC_OK);
    size_t displaced = 0;
    for (size_t i = 0; i < N; i++) {
        assert_int_not_equal(sp[i].state, MC_LABEL_DROPPED);
        displaced += sp[i].state == MC_LABEL_DISPLACED;
        /* every label, forced ones included, stays inside the frame */
        assert_true(sp[i].x >= 0 && sp[i].x + it[i].w <= 600);
        assert_true(sp[i].y >= 0 && sp[i].y + it[i].h <= 400);
    }
    assert_true(displaced > 0);
    check_no_overlaps(it, d, N, sp, &o);
}

static void test_labels_priority_first(void **state) {
    (void)state;
    /* two nodes side by side: only one label fits to the right of the pair's left node area */
    struct mc_label_item it[2] = {{100, 100, 4, 80, 12, 1.0}, {100, 100, 4, 80, 12, 5.0}};
    struct mc_label_spot sp[2];
    struct mc_label_options o = {0, 0, 400, 300, 2.0, false};
    struct mc_error err;
    assert_int_equal(mc_labels_place(it, 2, NULL, 0, &o, sp, &err), MC_OK);
    /* the more important label (index 1) takes the first choice: right of the node */
    assert_int_equal(sp[1].state, MC_LABEL_PLACED);
    assert_close(sp[1].x, 106, 1e-9);
    assert_close(sp[1].y, 94, 1e-9);
    assert_int_equal(sp[0].state, MC_LABEL_PLACED);
    assert_false(sp[0].x == sp[1].x && sp[0].y == sp[1].y);
}

static void test_labels_frame_respected(void **state) {
    (void)state;
    /* a node at the right edge: its label must go left */
    struct mc_label_item it[1] = {{395, 150, 3, 60, 12, 1.0}};
    struct mc_label_spot sp[1];
    struct mc_label_options o = {0, 0, 400, 300, 2.0, false};
    struct mc_error err;
    assert_int_equal(mc_labels_place(it, 1, NULL, 0, &o, sp, &err), MC_OK);
    assert_int_equal(sp[0].state, MC_LABEL_PLACED);
    assert_true(sp[0].x + 60 <= 395);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels_overlap_helpers),
        cmocka_unit_test(test_labels_placed_never_intersect),
        cmocka_unit_test(test_labels_keep_all),
        cmocka_unit_test(test_labels_priority_first),
        cmocka_unit_test(test_labels_frame_respected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
