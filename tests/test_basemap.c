/* Unit tests for src/basemap.c: the built-in borders, their lookup, the projections, the map. */
#include "testutil.h"

#include "metaclust/basemap.h"
#include "metaclust/layout.h"

static void test_table(void **state) {
    (void)state;
    size_t n;
    const int16_t *pts;
    const struct mc_border_ring *r = mc_borders_builtin(&n, &pts);
    assert_true(n > 1000);
    for (size_t i = 0; i < n; i++) {
        assert_true(r[i].n >= 3);
        if (i > 0) {
            assert_true(strcmp(r[i - 1].code, r[i].code) <= 0);
            assert_int_equal(r[i].first, r[i - 1].first + r[i - 1].n);
        }
        /* a country starts with the outer ring of its first polygon */
        if (i == 0 || strcmp(r[i - 1].code, r[i].code) != 0) {
            assert_int_equal(r[i].polygon, 0);
            assert_int_equal(r[i].ring, 0);
        }
    }
    for (size_t k = 0; k < (size_t)(r[n - 1].first + r[n - 1].n); k++) {
        assert_true(pts[2 * k] >= -18000 && pts[2 * k] <= 20000);
        assert_true(pts[2 * k + 1] >= -9000 && pts[2 * k + 1] <= 9000);
    }
}

/* The points of a country's rings lie within a box around it. */
static void assert_country_in(const char *code, double lat0, double lat1, double lon0,
                              double lon1) {
    size_t n, nt;
    const int16_t *pts;
    mc_borders_builtin(&nt, &pts);
    const struct mc_border_ring *r = mc_borders_country(code, &n);
    assert_non_null(r);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        for (uint32_t k = 0; k < r[i].n; k++) {
            double lon = pts[2 * (r[i].first + k)] / 100.0,
                   lat = pts[2 * (r[i].first + k) + 1] / 100.0;
            if (lat < lat0 || lat > lat1 || lon < lon0 || lon > lon1) {
                fail_msg("%s: point %.2f,%.2f outside its box", code, lat, lon);
            }
        }
    }
}

static void test_lookup(void **state) {
    (void)state;
    size_t n, m;
    const struct mc_border_ring *gr = mc_borders_country("GR", &n);
    assert_non_null(gr);
    assert_string_equal(gr->code, "GR");
    assert_ptr_equal(mc_borders_country("EL", &m), gr); /* Eurostat's code for Greece */
    assert_int_equal(m, n);
    const struct mc_border_ring *gb = mc_borders_country("GB", &n);
    assert_ptr_equal(mc_borders_country("uk", &m), gb);
    assert_int_equal(m, n);
    assert_non_null(mc_borders_country("XK", &n)); /* Kosovo, no ISO numeric code */
    assert_null(mc_borders_country("QQ", &n));
    assert_int_equal(n, 0);
    assert_null(mc_borders_country("CZE", &n));
    assert_country_in("CZ", 48.5, 51.1, 12.0, 18.9);
    assert_country_in("AT", 46.3, 49.1, 9.5, 17.2);
    assert_country_in("GR", 34.7, 41.8, 19.3, 29.7);
    assert_country_in("PT", 30.0, 42.2, -31.5, -6.1); /* with the Azores and Madeira */
}

static void test_laea(void **state) {
    (void)state;
    struct mc_map_projection p = {MC_MAP_LAEA, MC_LAEA_EUROPE_LAT0, MC_LAEA_EUROPE_LON0};
    double x, y, lat, lon;
    assert_true(mc_map_project(&p, 52, 10, &x, &y));
    assert_close(x, 0, 1e-12);
    assert_close(y, 0, 1e-12);
    assert_true(mc_map_project(&p, 60, 10, &x, &y)); /* due north: straight up */
    assert_close(x, 0, 1e-12);
    assert_true(y > 7.9 && y < 8.1);
    assert_true(mc_map_project(&p, 52, 20, &x, &y)); /* east: to the right, bending north */
    assert_true(x > 6 && y > 0);
    /* round trips, across Europe and beyond */
    static const double pt[][2] = {{38.4, 27.1},  {64.1, -21.9}, {35.9, 14.5}, {70.7, 25.8},
                                   {28.1, -15.4}, {-33.9, 18.4}, {40.7, -74.0}};
    for (size_t i = 0; i < sizeof pt / sizeof pt[0]; i++) {
        assert_true(mc_map_project(&p, pt[i][0], pt[i][1], &x, &y));
        assert_true(mc_map_unproject(&p, x, y, &lat, &lon));
        assert_close(lat, pt[i][0], 1e-9);
        assert_close(lon, pt[i][1], 1e-9);
    }
    /* equal area: the Jacobian's determinant is cos(lat), the sphere's area element */
    static const double at[][2] = {{52, 10}, {38, 27}, {65, -20}, {45, 40}, {30, -10}};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        double h = 1e-4, x0, y0, x1, y1, x2, y2;
        mc_map_project(&p, at[i][0], at[i][1], &x0, &y0);
        mc_map_project(&p, at[i][0] + h, at[i][1], &x1, &y1);
        mc_map_project(&p, at[i][0], at[i][1] + h, &x2, &y2);
        double det = ((x2 - x0) * (y1 - y0) - (x1 - x0) * (y2 - y0)) / (h * h);
        assert_close(det, cos(at[i][0] * 3.14159265358979323846 / 180), 1e-4);
    }
    /* from Europe, Antarctica and New Zealand would smear along the rim */
    assert_false(mc_map_project(&p, -80, 10, &x, &y));
    assert_false(mc_map_project(&p, -41, 174, &x, &y));
    assert_false(mc_map_unproject(&p, 200, 0, &lat, &lon));
    assert_string_equal(mc_map_projection_name(&p), "Lambert azimuthal equal-area (EPSG:3035)");
}

static void test_equirect(void **state) {
    (void)state;
    struct mc_map_projection p = {MC_MAP_EQUIRECT, 45.5, 17.4};
    double x, y, gx, gy, lat, lon;
    assert_true(mc_map_project(&p, 48.2, 16.4, &x, &y));
    mc_geo_project(48.2, 16.4, 45.5, 17.4, &gx, &gy); /* the geo layout's own projection */
    assert_close(x, gx, 1e-12);
    assert_close(y, gy, 1e-12);
    assert_true(mc_map_unproject(&p, x, y, &lat, &lon));
    assert_close(lat, 48.2, 1e-12);
    assert_close(lon, 16.4, 1e-12);
    assert_string_equal(mc_map_projection_name(&p), "equirectangular");
}

static void test_is_europe(void **state) {
    (void)state;
    double lat[20], lon[20];
    for (int i = 0; i < 20; i++) {
        lat[i] = 45 + i * 0.3;
        lon[i] = 10 + i * 0.5;
    }
    assert_true(mc_map_is_europe(20, lat, lon));
    lat[0] = 40.7; /* one partner in New York: still a map of Europe */
    lon[0] = -74.0;
    assert_true(mc_map_is_europe(20, lat, lon));
    lat[1] = -33.9; /* and one in Sydney: 90% in Europe */
    lon[1] = 151.2;
    assert_true(mc_map_is_europe(20, lat, lon));
    lat[2] = 35.7; /* a third in Tokyo: below 90%, a world map */
    lon[2] = 139.7;
    assert_false(mc_map_is_europe(20, lat, lon));
    assert_true(mc_map_in_europe(38.4, 27.1));   /* İzmir */
    assert_true(mc_map_in_europe(37.7, -25.7));  /* the Azores */
    assert_false(mc_map_in_europe(4.9, -52.3));  /* French Guiana: overseas */
    assert_false(mc_map_in_europe(-21.1, 55.5)); /* Réunion */
    for (int i = 0; i < 20; i++) {
        lat[i] = lon[i] = NAN; /* nothing known: no map of Europe */
    }
    assert_false(mc_map_is_europe(20, lat, lon));
    assert_false(mc_map_is_europe(0, lat, lon));
}

static void test_direction_and_pin(void **state) {
    (void)state;
    struct mc_map_projection p = {MC_MAP_LAEA, MC_LAEA_EUROPE_LAT0, MC_LAEA_EUROPE_LON0};
    double dx, dy, x, y;
    mc_map_direction(&p, 40.7, -74.0, &dx, &dy); /* New York: west, a little north */
    assert_close(hypot(dx, dy), 1, 1e-12);
    assert_true(dx < -0.8 && dy > 0);
    assert_true(mc_map_project(&p, 40.7, -74.0, &x, &y)); /* the same as the projection shows */
    assert_close(dx, x / hypot(x, y), 1e-12);
    assert_close(dy, y / hypot(x, y), 1e-12);
    mc_map_direction(&p, -41.3, 174.8, &dx, &dy); /* Wellington: beyond LAEA's map, still a way */
    assert_false(mc_map_project(&p, -41.3, 174.8, &x, &y));
    assert_close(hypot(dx, dy), 1, 1e-12);
    mc_map_direction(&p, 52, 10, &dx, &dy); /* the centre: no direction */
    assert_close(dx, 0, 0);
    assert_close(dy, 0, 0);

    x = 1, y = 2; /* inside: stays */
    assert_false(mc_map_pin(0, 0, 10, 4, 1, 0, &x, &y));
    assert_close(x, 1, 0);
    assert_close(y, 2, 0);
    x = 100, y = 2; /* far east: onto the east edge, on the centre's row */
    assert_true(mc_map_pin(0, 0, 10, 4, 95, 0, &x, &y));
    assert_close(x, 10, 1e-12);
    assert_close(y, 2, 1e-12);
    x = y = HUGE_VAL; /* north-east at 45°: the top edge is met first (the box is flat) */
    assert_true(mc_map_pin(0, 0, 10, 4, 1, 1, &x, &y));
    assert_close(x, 7, 1e-12);
    assert_close(y, 4, 1e-12);
    x = y = -50; /* no direction: the centre */
    assert_true(mc_map_pin(0, 0, 10, 4, 0, 0, &x, &y));
    assert_close(x, 5, 0);
    assert_close(y, 2, 0);
}

static void test_basemap(void **state) {
    (void)state;
    struct mc_error err;
    struct mc_basemap bm;
    struct mc_map_projection laea = {MC_MAP_LAEA, MC_LAEA_EUROPE_LAT0, MC_LAEA_EUROPE_LON0};
    struct mc_map_projection world = {MC_MAP_EQUIRECT, 0, 0};
    mc_error_init(&err);

    /* the whole world, equirectangular: every polygon */
    assert_int_equal(mc_basemap_init(&bm, &world, -400, -100, 400, 100, NULL, 0, &err), MC_OK);
    size_t n, all = 0;
    const int16_t *pts;
    const struct mc_border_ring *r = mc_borders_builtin(&n, &pts);
    for (size_t i = 0; i < n; i++) {
        all += r[i].ring == 0;
    }
    assert_int_equal(bm.map.n_parts, all);
    assert_int_equal(bm.map.ring[bm.map.part[bm.map.n_parts]], r[n - 1].first + r[n - 1].n);
    mc_basemap_destroy(&bm);

    /* Central Europe in LAEA: some polygons, each meeting the box */
    double x0, y0, x1, y1;
    mc_map_project(&laea, 45, 12, &x0, &y0);
    mc_map_project(&laea, 51, 24, &x1, &y1);
    assert_int_equal(mc_basemap_init(&bm, &laea, x0, y0, x1, y1, NULL, 0, &err), MC_OK);
    assert_true(bm.map.n_parts > 10 && bm.map.n_parts < all / 4);
    for (size_t p = 0; p < bm.map.n_parts; p++) {
        assert_int_equal(bm.map.tint[p], 0);
    }
    for (size_t p = 0; p < bm.map.n_parts; p++) {
        double bx0 = HUGE_VAL, bx1 = -HUGE_VAL, by0 = HUGE_VAL, by1 = -HUGE_VAL;
        assert_true(bm.map.part[p] < bm.map.part[p + 1]);
        for (size_t k = bm.map.ring[bm.map.part[p]]; k < bm.map.ring[bm.map.part[p + 1]]; k++) {
            bx0 = fmin(bx0, bm.map.x[k]);
            bx1 = fmax(bx1, bm.map.x[k]);
            by0 = fmin(by0, bm.map.y[k]);
            by1 = fmax(by1, bm.map.y[k]);
        }
        assert_true(bx1 >= x0 && bx0 <= x1 && by1 >= y0 && by0 <= y1);
    }
    mc_basemap_destroy(&bm);

    /* the data's countries tinted, by the codes a country column gives: Greece as EL */
    static const char *const codes[] = {"EL", "at", "QQ"};
    assert_int_equal(mc_basemap_init(&bm, &world, -400, -100, 400, 100, codes, 3, &err), MC_OK);
    size_t tinted = 0, want = 0;
    for (size_t i = 0; i < n; i++) {
        want += r[i].ring == 0 && (strcmp(r[i].code, "GR") == 0 || strcmp(r[i].code, "AT") == 0);
    }
    for (size_t p = 0; p < bm.map.n_parts; p++) {
        tinted += bm.map.tint[p];
    }
    assert_true(want > 10); /* Greece's islands */
    assert_int_equal(tinted, want);
    mc_basemap_destroy(&bm);

    /* a box in the open sea far off: nothing */
    assert_int_equal(mc_basemap_init(&bm, &laea, 500, 500, 600, 600, NULL, 0, &err), MC_OK);
    assert_int_equal(bm.map.n_parts, 0);
    mc_basemap_destroy(&bm);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),     cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_laea),      cmocka_unit_test(test_equirect),
        cmocka_unit_test(test_is_europe), cmocka_unit_test(test_direction_and_pin),
        cmocka_unit_test(test_basemap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
