/* Unit tests for src/layout.c, src/layout_force.c and src/layout_pack.c. */
#include "testutil.h"

#include <igraph.h>

#include "metaclust/igraph_bridge.h"
#include "metaclust/layout.h"

/*
 * A graph of `k` dense groups of `s` nodes with sparse links between them,
 * plus `iso` isolated nodes and one separate triangle; deterministic.
 */
static void planted(igraph_t *g, igraph_vector_t *w, int k, int s, int iso) {
    igraph_vector_int_t ev;
    igraph_vector_int_init(&ev, 0);
    igraph_vector_init(w, 0);
    uint64_t st = 12345;
    int n = k * s;
    for (int a = 0; a < n; a++) {
        for (int b = a + 1; b < n; b++) {
            st = st * 6364136223846793005ULL + 1442695040888963407ULL;
            double u = (double)(st >> 11) * 0x1.0p-53;
            double p = a / s == b / s ? 0.5 : 0.01;
            if (u < p || b == a + 1) {
                igraph_vector_int_push_back(&ev, a);
                igraph_vector_int_push_back(&ev, b);
                igraph_vector_push_back(w, a / s == b / s ? 2.0 : 1.0);
            }
        }
    }
    for (int t = 0; t < 3; t++) { /* the triangle n+iso .. n+iso+2 */
        igraph_vector_int_push_back(&ev, n + iso + t);
        igraph_vector_int_push_back(&ev, n + iso + (t + 1) % 3);
        igraph_vector_push_back(w, 1.0);
    }
    assert_int_equal(igraph_create(g, &ev, n + iso + 3, IGRAPH_UNDIRECTED), IGRAPH_SUCCESS);
    igraph_vector_int_destroy(&ev);
}

static bool same_matrix(const igraph_matrix_t *a, const igraph_matrix_t *b) {
    if (igraph_matrix_nrow(a) != igraph_matrix_nrow(b)) {
        return false;
    }
    for (igraph_integer_t i = 0; i < igraph_matrix_nrow(a); i++) {
        if (MATRIX(*a, i, 0) != MATRIX(*b, i, 0) || MATRIX(*a, i, 1) != MATRIX(*b, i, 1)) {
            return false;
        }
    }
    return true;
}

static void run_layout(const igraph_t *g, const igraph_vector_t *w, enum mc_layout_kind kind,
                       unsigned long seed, igraph_matrix_t *res) {
    struct mc_layout_options o;
    struct mc_layout_info info;
    struct mc_error err;
    mc_layout_options_init(&o);
    o.kind = kind;
    o.seed = seed;
    assert_int_equal(mc_layout_compute(g, w, &o, res, &info, &err), MC_OK);
    assert_int_equal(igraph_matrix_nrow(res), igraph_vcount(g));
    for (igraph_integer_t i = 0; i < igraph_vcount(g); i++) {
        assert_true(isfinite(MATRIX(*res, i, 0)) && isfinite(MATRIX(*res, i, 1)));
    }
}

static void test_layout_deterministic_for_seed(void **state) {
    (void)state;
    static const enum mc_layout_kind kinds[] = {MC_LAYOUT_AUTO, MC_LAYOUT_FR, MC_LAYOUT_KK,
                                                MC_LAYOUT_DRL, MC_LAYOUT_MULTILEVEL};
    igraph_t g;
    igraph_vector_t w;
    planted(&g, &w, 4, 15, 5);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        igraph_matrix_t a, b, c;
        igraph_matrix_init(&a, 0, 0);
        igraph_matrix_init(&b, 0, 0);
        igraph_matrix_init(&c, 0, 0);
        run_layout(&g, &w, kinds[k], 7, &a);
        mc_igraph_seed(99); /* another RNG state in between must not matter */
        run_layout(&g, &w, kinds[k], 7, &b);
        run_layout(&g, &w, kinds[k], 8, &c);
        if (!same_matrix(&a, &b)) {
            fail_msg("layout %s differs between two runs with seed 7", mc_layout_name(kinds[k]));
        }
        assert_false(same_matrix(&a, &c));
        igraph_matrix_destroy(&a);
        igraph_matrix_destroy(&b);
        igraph_matrix_destroy(&c);
    }
    igraph_vector_destroy(&w);
    igraph_destroy(&g);
}

/* Components do not overlap after packing: every node of a small component is away from the rest.
 */
static void test_layout_components_packed(void **state) {
    (void)state;
    igraph_t g;
    igraph_vector_t w;
    igraph_matrix_t m;
    planted(&g, &w, 3, 20, 40);
    igraph_matrix_init(&m, 0, 0);
    run_layout(&g, &w, MC_LAYOUT_AUTO, 0, &m);
    igraph_integer_t n = igraph_vcount(&g);
    igraph_vector_int_t memb;
    igraph_vector_int_init(&memb, 0);
    assert_int_equal(igraph_connected_components(&g, &memb, NULL, NULL, IGRAPH_WEAK), 0);
    double dmin = HUGE_VAL, extent = 0;
    for (igraph_integer_t a = 0; a < n; a++) {
        for (igraph_integer_t b = a + 1; b < n; b++) {
            double dx = MATRIX(m, a, 0) - MATRIX(m, b, 0), dy = MATRIX(m, a, 1) - MATRIX(m, b, 1);
            double d = sqrt(dx * dx + dy * dy);
            extent = fmax(extent, d);
            if (VECTOR(memb)[a] != VECTOR(memb)[b]) {
                dmin = fmin(dmin, d);
            }
        }
    }
    /* nodes of different components are at least a packing cell (0.75) apart */
    assert_true(dmin >= 0.7);
    /* and packed close: not drifting isolates (60 + 40 + 3 nodes fit in a few dozen units) */
    assert_true(extent < 60);
    igraph_vector_int_destroy(&memb);
    igraph_matrix_destroy(&m);
    igraph_vector_destroy(&w);
    igraph_destroy(&g);
}

/* The multilevel layout keeps planted groups apart: each node is nearer its own group's centre. */
static void test_layout_multilevel_groups(void **state) {
    (void)state;
    igraph_t g;
    igraph_vector_t w;
    igraph_matrix_t m;
    planted(&g, &w, 4, 40, 0);
    igraph_matrix_init(&m, 0, 0);
    run_layout(&g, &w, MC_LAYOUT_MULTILEVEL, 3, &m);
    double cx[4] = {0}, cy[4] = {0};
    for (int v = 0; v < 160; v++) {
        cx[v / 40] += MATRIX(m, v, 0) / 40;
        cy[v / 40] += MATRIX(m, v, 1) / 40;
    }
    int nearest_own = 0;
    for (int v = 0; v < 160; v++) {
        int best = 0;
        double bd = HUGE_VAL;
        for (int c = 0; c < 4; c++) {
            double d = hypot(MATRIX(m, v, 0) - cx[c], MATRIX(m, v, 1) - cy[c]);
            if (d < bd) {
                bd = d;
                best = c;
            }
        }
        nearest_own += best == v / 40;
    }
    assert_true(nearest_own >= 150);
    igraph_matrix_destroy(&m);
    igraph_vector_destroy(&w);
    igraph_destroy(&g);
}

/* Four points, two communities: same-community mean 1, any-pair mean 42 / 6. */
static void test_layout_separation_exact(void **state) {
    (void)state;
    double x[5] = {0, 1, 10, 11, 5}, y[5] = {0, 0, 0, 0, 0};
    igraph_integer_t c[5] = {7, 7, 2, 2, -1};
    struct mc_error err;
    double r;
    assert_int_equal(mc_layout_separation(4, x, y, c, &r, &err), MC_OK);
    assert_close(r, 1.0 / 7.0, 1e-12);
    /* a node without a community counts in "any" pairs only: 42 + 5+4+5+6 over 10 */
    assert_int_equal(mc_layout_separation(5, x, y, c, &r, &err), MC_OK);
    assert_close(r, 1.0 / 6.2, 1e-12);
    /* no two nodes share a community: no ratio */
    igraph_integer_t d[5] = {0, 1, 2, 3, 4};
    assert_int_equal(mc_layout_separation(5, x, y, d, &r, &err), MC_OK);
    assert_true(isnan(r));
}

/* The ratio of `planted` (groups of s, then the isolated nodes and the triangle). */
static double planted_separation(const igraph_matrix_t *m, int k, int s, int iso) {
    igraph_integer_t n = igraph_matrix_nrow(m);
    igraph_integer_t *c = malloc((size_t)n * sizeof *c);
    double *x = malloc((size_t)n * sizeof *x), *y = malloc((size_t)n * sizeof *y);
    struct mc_error err;
    double r;
    assert_non_null(c);
    assert_non_null(x);
    assert_non_null(y);
    for (igraph_integer_t v = 0; v < n; v++) {
        c[v] = v < k * s ? v / s : v < k * s + iso ? -1 : k;
        x[v] = MATRIX(*m, v, 0);
        y[v] = MATRIX(*m, v, 1);
    }
    assert_int_equal(mc_layout_separation(n, x, y, c, &r, &err), MC_OK);
    /* above 200,000 pairs the ratio is sampled: close to the exact one */
    double same = 0, any = 0, ns = 0, na = 0;
    for (igraph_integer_t i = 0; i < n; i++) {
        for (igraph_integer_t j = i + 1; j < n; j++) {
            double d = hypot(x[i] - x[j], y[i] - y[j]);
            any += d;
            na++;
            if (c[i] >= 0 && c[i] == c[j]) {
                same += d;
                ns++;
            }
        }
    }
    assert_true(n * (n - 1) / 2 > 200000);
    assert_close(r, (same / ns) / (any / na), 0.01);
    free(c);
    free(x);
    free(y);
    return r;
}

/*
 * The community-separated auto layout puts each planted community in its own
 * region: the separation ratio drops well below the plain multilevel layout's,
 * with the communities given and with the layout's own (Louvain) ones, and
 * the same seed gives the same positions.
 */
static void test_layout_regions_separate(void **state) {
    (void)state;
    enum { K = 16, S = 50, ISO = 5 };
    igraph_t g;
    igraph_vector_t w;
    igraph_matrix_t plain, regions, own, again;
    struct mc_layout_options o;
    struct mc_layout_info info;
    struct mc_error err;
    igraph_integer_t memb[K * S + ISO + 3];
    planted(&g, &w, K, S, ISO);
    for (int v = 0; v < K * S + ISO + 3; v++) {
        memb[v] = v < K * S ? v / S : -1;
    }
    igraph_matrix_init(&plain, 0, 0);
    igraph_matrix_init(&regions, 0, 0);
    igraph_matrix_init(&own, 0, 0);
    igraph_matrix_init(&again, 0, 0);
    mc_layout_options_init(&o);
    o.seed = 4;
    o.region_limit = 0; /* today's auto: multilevel above 500 nodes */
    assert_int_equal(mc_layout_compute(&g, &w, &o, &plain, &info, &err), MC_OK);
    assert_int_equal(info.regions, 0);
    o.region_limit = 400;
    o.community = memb;
    assert_int_equal(mc_layout_compute(&g, &w, &o, &regions, &info, &err), MC_OK);
    assert_int_equal(info.regions, K);
    assert_int_equal(info.components, ISO + 2);
    assert_int_equal(mc_layout_compute(&g, &w, &o, &again, &info, &err), MC_OK);
    assert_true(same_matrix(&regions, &again));
    o.community = NULL;
    assert_int_equal(mc_layout_compute(&g, &w, &o, &own, &info, &err), MC_OK);
    assert_true(info.regions > 1);
    double before = planted_separation(&plain, K, S, ISO);
    double after = planted_separation(&regions, K, S, ISO);
    double louvain = planted_separation(&own, K, S, ISO);
    print_message("separation: multilevel %.3f, regions %.3f, own communities %.3f\n", before,
                  after, louvain);
    assert_true(after < 0.75 * before);
    assert_true(louvain < 0.75 * before);
    igraph_matrix_destroy(&again);
    igraph_matrix_destroy(&own);
    igraph_matrix_destroy(&regions);
    igraph_matrix_destroy(&plain);
    igraph_vector_destroy(&w);
    igraph_destroy(&g);
}

static void test_layout_spacing_grid(void **state) {
    (void)state;
    double x[100], y[100], s;
    struct mc_error err;
    for (int i = 0; i < 100; i++) {
        x[i] = 2.5 * (i % 10);
        y[i] = 2.5 * (i / 10);
    }
    assert_int_equal(mc_layout_spacing(100, x, y, &s, &err), MC_OK);
    assert_close(s, 2.5, 1e-12);
    assert_int_equal(mc_layout_spacing(1, x, y, &s, &err), MC_OK);
    assert_close(s, 0, 0);
}

static void test_geo_projection(void **state) {
    (void)state;
    double x, y;
    mc_geo_project(50, 20, 50, 10, &x, &y); /* 10 degrees east along the central parallel */
    assert_close(x, 10 * cos(50 * 3.14159265358979323846 / 180), 1e-12);
    assert_close(y, 0, 1e-12);
    mc_geo_project(45, 10, 50, 10, &x, &y); /* 5 degrees south on the central meridian */
    assert_close(x, 0, 1e-12);
    assert_close(y, -5, 1e-12);
    mc_geo_project(10, -30, 0, 0, &x, &y); /* at the equator: plate carrée */
    assert_close(x, -30, 1e-12);
    assert_close(y, 10, 1e-12);
}

/* Geographic layout: far-apart nodes keep their projected places, co-located ones are nudged apart.
 */
/* Options of a geo layout over per-node lat/lon, groups and the groups' country codes. */
static void geo_options(struct mc_layout_options *o, double *lat, double *lon, int32_t *grp,
                        const char **codes, size_t n_groups, double spacing) {
    mc_layout_options_init(o);
    o->kind = MC_LAYOUT_GEO;
    o->lat = lat;
    o->lon = lon;
    o->group = grp;
    o->group_code = codes;
    o->n_groups = n_groups;
    o->spacing = spacing;
}

static void test_layout_geo(void **state) {
    (void)state;
    igraph_t g;
    igraph_matrix_t m;
    struct mc_layout_options o;
    struct mc_layout_info info;
    struct mc_error err;
    /* Lisbon, Warsaw, Helsinki, and three nodes in Prague; node 6 has no place but a country */
    double lat[7] = {38.72, 52.23, 60.17, 50.08, 50.08, 50.08, NAN};
    double lon[7] = {-9.14, 21.01, 24.94, 14.44, 14.44, 14.44, NAN};
    int32_t grp[7] = {0, 1, 2, 3, 3, 3, 4};
    const char *codes[5] = {"PT", "PL", "FI", "CZ", "IT"};
    assert_int_equal(igraph_small(&g, 7, IGRAPH_UNDIRECTED, 0, 1, 1, 2, 3, 4, -1), 0);
    igraph_matrix_init(&m, 0, 0);
    geo_options(&o, lat, lon, grp, codes, 5, 0.01);
    assert_int_equal(mc_layout_compute(&g, NULL, &o, &m, &info, &err), MC_OK);
    assert_int_equal(info.located, 6);
    assert_int_equal(info.by_country, 1);
    assert_int_equal(info.unplaced, 0);
    /* centre: middle of the ranges (Italy's centre 41.87N 12.57E lies inside them) */
    assert_close(info.lat0, (38.72 + 60.17) / 2, 1e-9);
    assert_close(info.lon0, (-9.14 + 24.94) / 2, 1e-9);
    double px, py;
    mc_geo_project(lat[0], lon[0], info.lat0, info.lon0, &px, &py);
    assert_close(MATRIX(m, 0, 0), px, 1e-9); /* Lisbon, alone, does not move */
    assert_close(MATRIX(m, 0, 1), py, 1e-9);
    assert_true(MATRIX(m, 0, 0) < MATRIX(m, 1, 0) && MATRIX(m, 1, 0) < MATRIX(m, 2, 0));
    assert_true(MATRIX(m, 2, 1) > MATRIX(m, 1, 1));
    /* the three Prague nodes: apart by at least two radii, still near Prague */
    double extent =
        fmax(60.17 - 38.72, (24.94 + 9.14) * cos(info.lat0 * 3.14159265358979323846 / 180));
    mc_geo_project(50.08, 14.44, info.lat0, info.lon0, &px, &py);
    for (int a = 3; a < 6; a++) {
        assert_true(hypot(MATRIX(m, a, 0) - px, MATRIX(m, a, 1) - py) < 0.1 * extent);
        for (int b = a + 1; b < 6; b++) {
            double d = hypot(MATRIX(m, a, 0) - MATRIX(m, b, 0), MATRIX(m, a, 1) - MATRIX(m, b, 1));
            assert_true(d >= 2 * 0.01 * extent * 0.999);
        }
    }
    /* the Italian node without coordinates sits at Italy's centre */
    mc_geo_project(41.87194, 12.56738, info.lat0, info.lon0, &px, &py);
    assert_close(MATRIX(m, 6, 0), px, 1e-6);
    assert_close(MATRIX(m, 6, 1), py, 1e-6);
    igraph_matrix_destroy(&m);
    igraph_destroy(&g);
}

/* No node has a place: the unplaced stand in one row under an empty map; the
 * declutter grid of that flat row once looped for ever (issue 15) */
static void test_layout_geo_nothing_located(void **state) {
    (void)state;
    igraph_t g;
    igraph_matrix_t m;
    struct mc_layout_options o;
    struct mc_layout_info info;
    struct mc_error err;
    double lat[3] = {NAN, NAN, NAN}, lon[3] = {NAN, NAN, NAN};
    int32_t grp[3] = {0, 0, -1};
    const char *codes[1] = {"ZZ"};
    assert_int_equal(igraph_small(&g, 3, IGRAPH_UNDIRECTED, 0, 1, -1), 0);
    igraph_matrix_init(&m, 0, 0);
    geo_options(&o, lat, lon, grp, codes, 1, 0.05);
    assert_int_equal(mc_layout_compute(&g, NULL, &o, &m, &info, &err), MC_OK);
    assert_int_equal(info.located, 0);
    assert_int_equal(info.unplaced, 3);
    for (int a = 0; a < 3; a++) {
        assert_true(isfinite(MATRIX(m, a, 0)) && isfinite(MATRIX(m, a, 1)));
        for (int b = a + 1; b < 3; b++) {
            double d = hypot(MATRIX(m, a, 0) - MATRIX(m, b, 0), MATRIX(m, a, 1) - MATRIX(m, b, 1));
            assert_true(d >= 2 * 0.05 * 0.999); /* apart: the discs do not overlap */
        }
    }
    igraph_matrix_destroy(&m);
    igraph_destroy(&g);
}

/* By country: countries sit in geographic order and their nodes do not mix. */
static void test_layout_country(void **state) {
    (void)state;
    igraph_t g;
    igraph_matrix_t m;
    struct mc_layout_options o;
    struct mc_layout_info info;
    struct mc_error err;
    /* 5 nodes in Portugal, 5 in Poland, 5 in Finland, no coordinates: the built-in centres */
    int32_t grp[15];
    const char *codes[3] = {"PT", "PL", "FI"};
    igraph_vector_int_t ev;
    igraph_vector_int_init(&ev, 0);
    for (int v = 0; v < 15; v++) {
        grp[v] = v / 5;
        if (v % 5 != 4) {
            igraph_vector_int_push_back(&ev, v);
            igraph_vector_int_push_back(&ev, v + 1);
        }
    }
    igraph_vector_int_push_back(&ev, 0);
    igraph_vector_int_push_back(&ev, 7);
    assert_int_equal(igraph_create(&g, &ev, 15, IGRAPH_UNDIRECTED), 0);
    igraph_matrix_init(&m, 0, 0);
    mc_layout_options_init(&o);
    o.kind = MC_LAYOUT_COUNTRY;
    o.group = grp;
    o.group_code = codes;
    o.n_groups = 3;
    assert_int_equal(mc_layout_compute(&g, NULL, &o, &m, &info, &err), MC_OK);
    double cx[3] = {0}, cy[3] = {0}, r[3] = {0};
    for (int v = 0; v < 15; v++) {
        cx[v / 5] += MATRIX(m, v, 0) / 5;
        cy[v / 5] += MATRIX(m, v, 1) / 5;
    }
    for (int v = 0; v < 15; v++) {
        r[v / 5] = fmax(r[v / 5], hypot(MATRIX(m, v, 0) - cx[v / 5], MATRIX(m, v, 1) - cy[v / 5]));
    }
    assert_true(cx[0] < cx[1] && cx[1] < cx[2]); /* PT west of PL west of FI */
    assert_true(cy[2] > cy[1] && cy[1] > cy[0]); /* and north in the same order */
    for (int a = 0; a < 3; a++) {
        for (int b = a + 1; b < 3; b++) {
            assert_true(hypot(cx[a] - cx[b], cy[a] - cy[b]) > r[a] + r[b]); /* discs apart */
        }
    }
    igraph_vector_int_destroy(&ev);
    igraph_matrix_destroy(&m);
    igraph_destroy(&g);
}

static void test_layout_rejects_bad_weights(void **state) {
    (void)state;
    igraph_t g;
    igraph_vector_t w;
    igraph_matrix_t m;
    struct mc_layout_options o;
    struct mc_layout_info info;
    struct mc_error err;
    assert_int_equal(igraph_small(&g, 3, IGRAPH_UNDIRECTED, 0, 1, 1, 2, -1), 0);
    igraph_vector_init(&w, 2);
    VECTOR(w)[0] = 1;
    VECTOR(w)[1] = 0;
    igraph_matrix_init(&m, 0, 0);
    mc_layout_options_init(&o);
    mc_error_init(&err);
    assert_int_equal(mc_layout_compute(&g, &w, &o, &m, &info, &err), MC_E_DATA);
    assert_string_equal(err.msg, "layout: edge weights must be positive (edge 1)");
    igraph_matrix_destroy(&m);
    igraph_vector_destroy(&w);
    igraph_destroy(&g);
}

static void test_layout_names(void **state) {
    (void)state;
    enum mc_layout_kind k;
    assert_true(mc_layout_parse("multilevel", &k) && k == MC_LAYOUT_MULTILEVEL);
    assert_true(mc_layout_parse("country", &k) && k == MC_LAYOUT_COUNTRY);
    assert_false(mc_layout_parse("FR", &k));
    assert_string_equal(mc_layout_name(MC_LAYOUT_GEO), "geo");
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_deterministic_for_seed),
        cmocka_unit_test(test_layout_components_packed),
        cmocka_unit_test(test_layout_multilevel_groups),
        cmocka_unit_test(test_layout_spacing_grid),
        cmocka_unit_test(test_layout_separation_exact),
        cmocka_unit_test(test_layout_regions_separate),
        cmocka_unit_test(test_geo_projection),
        cmocka_unit_test(test_layout_geo),
        cmocka_unit_test(test_layout_geo_nothing_located),
        cmocka_unit_test(test_layout_country),
        cmocka_unit_test(test_layout_rejects_bad_weights),
        cmocka_unit_test(test_layout_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
