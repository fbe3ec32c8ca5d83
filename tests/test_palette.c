/* Unit tests for src/palette.c and src/countries.c. */
#include "testutil.h"

#include "metaclust/countries.h"
#include "metaclust/palette.h"

static void test_palette_colours_fixed(void **state) {
    (void)state;
    assert_string_equal(mc_palette_hex(0), "#0072b2");
    assert_string_equal(mc_palette_hex(1), "#e69f00");
    assert_string_equal(mc_palette_hex(MC_PALETTE_COLOURS - 1), "#cc6677");
    assert_string_equal(mc_palette_hex(MC_PALETTE_COLOURS), "#bbbbbb");
    assert_string_equal(mc_palette_hex(MC_PALETTE_OTHER), "#bbbbbb");
    struct mc_rgb c = mc_palette_colour(0);
    assert_close(c.r, 0.0, 1e-12);
    assert_close(c.g, 0x72 / 255.0, 1e-12);
    assert_close(c.b, 0xb2 / 255.0, 1e-12);
    /* all distinct */
    for (int a = 0; a < MC_PALETTE_COLOURS; a++) {
        for (int b = a + 1; b <= MC_PALETTE_COLOURS; b++) {
            assert_string_not_equal(mc_palette_hex(a), mc_palette_hex(b));
        }
    }
}

static void test_palette_assignment_stable(void **state) {
    (void)state;
    struct mc_palette a, b;
    struct mc_error err;
    mc_palette_init(&a);
    mc_palette_init(&b);
    /* figure A knows three countries, figure B the same three and more, with a repeat */
    assert_int_equal(mc_palette_add_list(&a, "DE,FR,IT", &err), MC_OK);
    assert_int_equal(mc_palette_add_list(&b, " DE , FR,,IT,FR,ES", &err), MC_OK);
    assert_int_equal(mc_palette_slot(&a, "DE"), 0);
    assert_int_equal(mc_palette_slot(&a, "FR"), 1);
    assert_int_equal(mc_palette_slot(&a, "IT"), 2);
    for (const char *const *k = (const char *const[]){"DE", "FR", "IT", NULL}; *k; k++) {
        assert_int_equal(mc_palette_slot(&a, *k), mc_palette_slot(&b, *k));
    }
    assert_int_equal(mc_palette_slot(&b, "ES"), 3);
    assert_int_equal(mc_palette_slot(&a, "ES"), MC_PALETTE_OTHER);
    assert_int_equal(mc_palette_slot(&a, "de"), MC_PALETTE_OTHER); /* exact keys */
    mc_palette_destroy(&a);
    mc_palette_destroy(&b);
}

static void test_palette_beyond_twelve_is_other(void **state) {
    (void)state;
    struct mc_palette p;
    struct mc_error err;
    char key[8];
    mc_palette_init(&p);
    for (int i = 0; i < 20; i++) {
        snprintf(key, sizeof key, "K%02d", i);
        assert_int_equal(mc_palette_add(&p, key, &err), MC_OK);
    }
    assert_int_equal(mc_palette_slot(&p, "K00"), 0);
    assert_int_equal(mc_palette_slot(&p, "K11"), 11);
    assert_int_equal(mc_palette_slot(&p, "K12"), MC_PALETTE_OTHER);
    assert_int_equal(mc_palette_slot(&p, "K19"), MC_PALETTE_OTHER);
    /* re-adding an early key changes nothing */
    assert_int_equal(mc_palette_add(&p, "K00", &err), MC_OK);
    assert_int_equal(mc_palette_slot(&p, "K00"), 0);
    mc_palette_destroy(&p);
}

static void test_countries_lookup(void **state) {
    (void)state;
    const struct mc_country_info *de = mc_country_find("DE");
    assert_non_null(de);
    assert_string_equal(de->name, "Germany");
    assert_close(de->lat, 51.165691, 1e-9);
    assert_ptr_equal(mc_country_find("EL"), mc_country_find("GR"));
    assert_ptr_equal(mc_country_find("UK"), mc_country_find("GB"));
    assert_string_equal(mc_country_find("TR")->name, "Türkiye");
    assert_null(mc_country_find("ZZ"));
    assert_null(mc_country_find(NULL));
    /* Europe sits where it should: Portugal west of Poland, Finland north of Greece */
    assert_true(mc_country_find("PT")->lon < mc_country_find("PL")->lon);
    assert_true(mc_country_find("FI")->lat > mc_country_find("GR")->lat);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_palette_colours_fixed),
        cmocka_unit_test(test_palette_assignment_stable),
        cmocka_unit_test(test_palette_beyond_twelve_is_other),
        cmocka_unit_test(test_countries_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
