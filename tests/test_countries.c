/* Unit tests for src/countries.c: codes, country names in many languages, suggestions. */
#include "testutil.h"

#include "metaclust/countries.h"

static void test_codes(void **state) {
    (void)state;
    assert_string_equal(mc_country_find("CZ")->name, "Czechia");
    assert_string_equal(mc_country_find("EL")->code, "GR");
    assert_null(mc_country_find("QQ"));
    char cc[3];
    assert_true(mc_country_canonical(" uk ", cc));
    assert_string_equal(cc, "GB");
    assert_false(mc_country_canonical("CZE", cc));
}

static void test_names_in_languages(void **state) {
    (void)state;
    static const struct {
        const char *name, *code;
    } cases[] = {
        {"Czech Republic", "CZ"},
        {"Czechia", "CZ"},
        {"Česko", "CZ"},
        {"Česká republika", "CZ"},
        {"ceska republika", "CZ"},
        {"CZE", "CZ"},
        {"Deutschland", "DE"},
        {"Polska", "PL"},
        {"Magyarország", "HU"},
        {"Slovensko", "SK"},
        {"Österreich", "AT"},
        {"Italia", "IT"},
        {"Hrvatska", "HR"},
        {"Slovenija", "SI"},
        {"România", "RO"},
        {"България", "BG"},
        {"БЪЛГАРИЯ", "BG"},
        {"Ελλάδα", "GR"},
        {"Německo", "DE"},
        {"Niemcy", "DE"},
        {"Kosovo", "XK"},
        {"Great Britain", "GB"},
        {"USA", "US"},
        {"Türkiye", "TR"},
        {"Turkey", "TR"},
        {"South Korea", "KR"},
        {"the netherlands", "NL"},
        {"Moldova", "MD"},
        {"North Macedonia", "MK"},
        {"Bosnia and Herzegovina", "BA"},
        {"Schweiz", "CH"},
        {"Україна", "UA"},
        {"China", "CN"},
    };
    struct mc_country_index ix;
    struct mc_error err;
    mc_error_init(&err);
    assert_int_equal(mc_country_index_init(&ix, &err), MC_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char cc[3] = "";
        if (!mc_country_index_find(&ix, cases[i].name, cc)) {
            fail_msg("'%s' not found", cases[i].name);
        }
        if (strcmp(cc, cases[i].code) != 0) {
            fail_msg("'%s': %s, expected %s", cases[i].name, cc, cases[i].code);
        }
    }
    char cc[3];
    assert_false(mc_country_index_find(&ix, "Atlantis", cc));
    assert_false(mc_country_index_find(&ix, "", cc));
    assert_false(mc_country_index_find(&ix, "--", cc));
    assert_false(mc_country_index_find(&ix, "\xff\xfe", cc));
    mc_country_index_destroy(&ix);
}

/* Every name of the table finds its own code: no name is shadowed by another country's. */
static void test_every_name_finds_its_code(void **state) {
    (void)state;
    struct mc_country_index ix;
    struct mc_error err;
    mc_error_init(&err);
    assert_int_equal(mc_country_index_init(&ix, &err), MC_OK);
    size_t n;
    const struct mc_country_name *names = mc_country_names_builtin(&n);
    assert_true(n > 1000);
    for (size_t i = 0; i < n; i++) {
        char cc[3] = "";
        assert_true(mc_country_index_find(&ix, names[i].name, cc));
        if (strcmp(cc, names[i].code) != 0 && strlen(names[i].name) > 2) {
            fail_msg("'%s': %s, expected %s", names[i].name, cc, names[i].code);
        }
    }
    mc_country_index_destroy(&ix);
}

static void test_suggest(void **state) {
    (void)state;
    struct mc_country_index ix;
    struct mc_error err;
    char out[256];
    mc_error_init(&err);
    assert_int_equal(mc_country_index_init(&ix, &err), MC_OK);
    assert_int_equal(mc_country_index_suggest(&ix, "Czechoslovakia", out, sizeof out), 2);
    assert_string_equal(out, "'Slovakia' (SK) or 'Czechia' (CZ)");
    assert_int_equal(mc_country_index_suggest(&ix, "Deutschlnd", out, sizeof out), 1);
    assert_string_equal(out, "'Germany' (DE)");
    assert_int_equal(mc_country_index_suggest(&ix, "Atlantis", out, sizeof out), 0);
    assert_string_equal(out, "");
    mc_country_index_destroy(&ix);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_names_in_languages),
        cmocka_unit_test(test_every_name_finds_its_code),
        cmocka_unit_test(test_suggest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
