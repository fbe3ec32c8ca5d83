/* Unit tests for src/labels.c: placed labels never overlap each other or a node. */
#include "testutil.h"

#include "metaclust/labels.h"

#include <igraph.h>

#include "metaclust/igraph_bridge.h"
#include "metaclust/layout.h"
#include "metaclust/render.h"

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
    struct mc_label_options o = {
        .xmin = 0, .ymin = 0, .xmax = 600, .ymax = 400, .pad = 2.0, .keep_all = false};
    struct mc_error err;
    for (uint64_t seed = 1; seed <= 5; seed++) {
        random_scene(seed, N, it, d);
        assert_int_equal(mc_labels_place(it, N, d, N, &o, sp, &err), MC_OK);
        size_t placed = 0, dropped = 0;
        for (size_t i = 0; i < N; i++) {
            placed += sp[i].state != MC_LABEL_DROPPED;
            dropped += sp[i].state == MC_LABEL_DROPPED;
            assert_int_not_equal(sp[i].state, MC_LABEL_FORCED);
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
    struct mc_label_options o = {
        .xmin = 0, .ymin = 0, .xmax = 600, .ymax = 400, .pad = 2.0, .keep_all = true};
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
    struct mc_label_options o = {
        .xmin = 0, .ymin = 0, .xmax = 400, .ymax = 300, .pad = 2.0, .keep_all = false};
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
    struct mc_label_options o = {
        .xmin = 0, .ymin = 0, .xmax = 400, .ymax = 300, .pad = 2.0, .keep_all = false};
    struct mc_error err;
    assert_int_equal(mc_labels_place(it, 1, NULL, 0, &o, sp, &err), MC_OK);
    assert_int_equal(sp[0].state, MC_LABEL_PLACED);
    assert_true(sp[0].x + 60 <= 395);
}

/* Soft discs are covered only when nothing free is within reach, and then as few as possible. */
static void test_labels_soft_discs(void **state) {
    (void)state;
    /* a node ringed by small soft nodes: the label goes out past them, with a leader */
    enum { K = 40 };
    struct mc_disc soft[K];
    for (int i = 0; i < K; i++) {
        soft[i].x = 200 + 8 * cos(2 * 3.14159265358979 * i / K) * (1 + i % 3);
        soft[i].y = 150 + 8 * sin(2 * 3.14159265358979 * i / K) * (1 + i % 3);
        soft[i].r = 2;
    }
    struct mc_label_item it[1] = {{200, 150, 3, 60, 12, 1.0}};
    struct mc_label_spot sp[1];
    struct mc_label_options o = {.xmin = 0, .ymin = 0, .xmax = 400, .ymax = 300, .pad = 2.0};
    struct mc_error err;
    o.soft = soft;
    o.n_soft = K;
    assert_int_equal(mc_labels_place(it, 1, NULL, 0, &o, sp, &err), MC_OK);
    assert_int_equal(sp[0].state, MC_LABEL_DISPLACED);
    for (int i = 0; i < K; i++) {
        assert_false(
            mc_disc_box_overlap(soft[i].x, soft[i].y, soft[i].r, sp[0].x, sp[0].y, 60, 12));
    }
    /* with no room beyond them (a reach of one ring), it covers soft discs rather than go */
    o.reach = 1;
    o.xmin = 150;
    o.xmax = 250;
    o.ymin = 130;
    o.ymax = 170;
    assert_int_equal(mc_labels_place(it, 1, NULL, 0, &o, sp, &err), MC_OK);
    assert_int_not_equal(sp[0].state, MC_LABEL_DROPPED);
    /* a hard disc is never covered: the same frame filled with hard discs drops it */
    assert_int_equal(mc_labels_place(it, 1, soft, K, &o, sp, &err), MC_OK);
    assert_int_equal(sp[0].state, MC_LABEL_DROPPED);
}

/*
 * The acceptance of issue 15: `--labels top:15` places at least 90% of its
 * labels on a 500-node graph at the default size. The graph is a generated
 * one with ten communities (a stochastic block model) and names as long as a
 * cluster's ("Severovýchod Mobility and Logistics Cluster 123"), drawn the
 * way `render` draws it: fr layout, node area by degree.
 */
static void test_labels_top15_on_500_nodes(void **state) {
    (void)state;
    enum { N = 500, B = 10 };
    igraph_t g;
    igraph_matrix_t pref, pos;
    igraph_vector_int_t sizes;
    struct mc_error err;
    static char names[N][64];
    const char *label[N];
    double size[N];
    mc_error_init(&err);
    igraph_rng_seed(igraph_rng_default(), 15);
    assert_int_equal(igraph_matrix_init(&pref, B, B), IGRAPH_SUCCESS);
    assert_int_equal(igraph_vector_int_init(&sizes, B), IGRAPH_SUCCESS);
    for (int a = 0; a < B; a++) {
        VECTOR(sizes)[a] = N / B;
        for (int b = 0; b < B; b++) {
            MATRIX(pref, a, b) = a == b ? 0.18 : 0.006;
        }
    }
    assert_int_equal(igraph_sbm_game(&g, N, &pref, &sizes, false, false), IGRAPH_SUCCESS);
    struct mc_layout_options lo;
    mc_layout_options_init(&lo);
    lo.kind = MC_LAYOUT_FR;
    assert_int_equal(igraph_matrix_init(&pos, 0, 0), IGRAPH_SUCCESS);
    struct mc_layout_info li;
    assert_int_equal(mc_layout_compute(&g, NULL, &lo, &pos, &li, &err), MC_OK);
    for (int v = 0; v < N; v++) {
        igraph_integer_t d;
        igraph_degree_1(&g, &d, v, IGRAPH_ALL, false);
        size[v] = (double)d;
        snprintf(names[v], sizeof names[v], "Severovýchod Mobility and Logistics Cluster %d", v);
        label[v] = names[v];
    }
    struct mc_scene sc;
    memset(&sc, 0, sizeof sc);
    sc.g = &g;
    sc.pos = &pos;
    sc.size = size;
    sc.label = label;
    sc.title = "500 nodes";
    sc.caption = "A generated graph.";
    struct mc_render_options ro;
    mc_render_options_init(&ro);
    ro.format = MC_FIG_PNG;
    ro.labels = MC_LABELS_TOP;
    ro.top = 15;
    struct mc_render_info info;
    FILE *f = fopen("/dev/null", "wb");
    assert_non_null(f);
    if (mc_render(&sc, &ro, f, "mem", &info, &err) != MC_OK) {
        fail_msg("render: %s", err.msg);
    }
    fclose(f);
    assert_int_equal(info.labels_shown + info.labels_dropped, 15);
    assert_true(info.labels_shown >= 14); /* 90% of 15, rounded up */
    igraph_matrix_destroy(&pos);
    igraph_vector_int_destroy(&sizes);
    igraph_matrix_destroy(&pref);
    igraph_destroy(&g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels_overlap_helpers),
        cmocka_unit_test(test_labels_placed_never_intersect),
        cmocka_unit_test(test_labels_keep_all),
        cmocka_unit_test(test_labels_priority_first),
        cmocka_unit_test(test_labels_frame_respected),
        cmocka_unit_test(test_labels_soft_discs),
        cmocka_unit_test(test_labels_top15_on_500_nodes),
    };
    mc_igraph_setup();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
