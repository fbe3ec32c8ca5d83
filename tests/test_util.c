/* Unit tests for src/util.c and src/error.c. */
#include "testutil.h"

#include "metaclust/error.h"
#include "metaclust/util.h"

static void test_intern_dense_indices(void **state) {
    (void)state;
    struct mc_intern in;
    struct mc_error err;
    mc_intern_init(&in, false);
    long a, b, c;
    bool added;
    assert_int_equal(mc_intern_add(&in, "alpha", 5, &a, &added, &err), MC_OK);
    assert_true(added);
    assert_int_equal(mc_intern_add(&in, "beta", 4, &b, &added, &err), MC_OK);
    assert_int_equal(mc_intern_add(&in, "alpha", 5, &c, &added, &err), MC_OK);
    assert_false(added);
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    assert_int_equal(c, 0);
    assert_int_equal(mc_intern_find(&in, "ALPHA", 5), -1);
    assert_int_equal(mc_intern_find(&in, "gamma", 5), -1);
    mc_intern_destroy(&in);
}

static void test_intern_many_keys(void **state) {
    (void)state;
    struct mc_intern in;
    struct mc_error err;
    mc_intern_init(&in, false);
    char buf[32];
    for (long i = 0; i < 100000; i++) {
        long idx;
        snprintf(buf, sizeof buf, "k%ld", i);
        assert_int_equal(mc_intern_add(&in, buf, strlen(buf), &idx, NULL, &err), MC_OK);
        assert_int_equal(idx, i);
    }
    assert_int_equal(mc_intern_find(&in, "k77777", 6), 77777);
    assert_string_equal(in.keys[4242], "k4242");
    mc_intern_destroy(&in);
}

static void test_intern_fold_case_keeps_first_spelling(void **state) {
    (void)state;
    struct mc_intern in;
    struct mc_error err;
    mc_intern_init(&in, true);
    long a, b;
    assert_int_equal(mc_intern_add(&in, "ICT", 3, &a, NULL, &err), MC_OK);
    assert_int_equal(mc_intern_add(&in, "ict", 3, &b, NULL, &err), MC_OK);
    assert_int_equal(a, b);
    assert_string_equal(in.keys[a], "ICT");
    assert_int_equal(mc_intern_find(&in, "Ict", 3), a);
    mc_intern_destroy(&in);
}

/* Full Unicode folding and NFC: capitals with accents, decomposed accents, sharp s. */
static void test_intern_fold_unicode(void **state) {
    (void)state;
    struct mc_intern in;
    struct mc_error err;
    mc_intern_init(&in, true);
    long a, b, c, d;
    const char *first = "Stroj\xc3\xadrenstv\xc3\xad"; /* Strojírenství */
    const char *upper = "STROJ\xc3\x8dRENSTV\xc3\x8d"; /* STROJÍRENSTVÍ */
    const char *nfd = "stroji\xcc\x81renstvi\xcc\x81"; /* i + combining acute */
    assert_int_equal(mc_intern_add(&in, first, strlen(first), &a, NULL, &err), MC_OK);
    assert_int_equal(mc_intern_add(&in, upper, strlen(upper), &b, NULL, &err), MC_OK);
    assert_int_equal(mc_intern_add(&in, nfd, strlen(nfd), &c, NULL, &err), MC_OK);
    assert_int_equal(a, b);
    assert_int_equal(a, c);
    assert_string_equal(in.keys[a], first);
    assert_int_equal(mc_intern_add(&in, "STRASSE", 7, &c, NULL, &err), MC_OK);
    assert_int_equal(mc_intern_find(&in,
                                    "Stra\xc3\x9f"
                                    "e",
                                    7),
                     c); /* Straße */
    assert_int_equal(mc_intern_add(&in, "\xd0\x98\xd0\x9a\xd0\xa2", 6, &d, NULL, &err), MC_OK);
    assert_int_equal(mc_intern_find(&in, "\xd0\xb8\xd0\xba\xd1\x82", 6), d); /* ИКТ, икт */
    assert_int_equal(in.n, 3);
    mc_intern_destroy(&in);

    size_t len;
    char *f = mc_utf8_fold(upper, strlen(upper), &len);
    assert_string_equal(f, "stroj\xc3\xadrenstv\xc3\xad");
    assert_int_equal(len, strlen(f));
    free(f);
    assert_true(mc_utf8_eq_fold("N\xc3\xa1zev", "N\xc3\x81ZEV", 6)); /* Název, NÁZEV */
    assert_false(mc_utf8_eq_fold("Nazev", "N\xc3\x81ZEV", 6));
}

/* Cells of a table: padded on display width, names cut on a character boundary with an ellipsis. */
static void test_table_cells(void **state) {
    (void)state;
    assert_int_equal(mc_utf8_width("abc"), 3);
    assert_int_equal(mc_utf8_width("\xc4\xb0zmir"), 5);             /* İzmir */
    assert_int_equal(mc_utf8_width("e\xcc\x81"), 1);                /* e + combining acute */
    assert_int_equal(mc_utf8_width("\xe6\x9d\xb1\xe4\xba\xac"), 4); /* 東京: wide */
    assert_int_equal(mc_utf8_width("a\xff"), 2);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_true(mc_fput_cell(f, "\xc4\xb0zmir", 7, true));
    assert_true(mc_fput_cell(f, "|", 1, true));
    assert_true(mc_fput_cell(f, "\xc4\xb0zmir Development Agency", 8, true));
    assert_true(mc_fput_cell(f, "|", 1, true));
    assert_true(mc_fput_cell(f, "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd", 5, true)); /* 東京都 */
    assert_true(mc_fput_cell(f, "|", 1, true));
    assert_true(mc_fput_cell(f, "a-very-long-id", 4, false));
    assert_true(mc_fput_cell(f, "|", 1, true));
    fclose(f);
    /* İzmir + 2 blanks; 7 columns + …; 東京 (4) + … ; the id whole */
    assert_string_equal(buf, "\xc4\xb0zmir  |\xc4\xb0zmir D\xe2\x80\xa6|"
                             "\xe6\x9d\xb1\xe4\xba\xac\xe2\x80\xa6|a-very-long-id|");
    free(buf);
}

/* The loose key country names and near-duplicate sectors are compared by. */
static void test_match_key(void **state) {
    (void)state;
    char *k = mc_utf8_match_key("Česká  Republika");
    assert_string_equal(k, "ceskarepublika");
    free(k);
    k = mc_utf8_match_key("MAGYARORSZÁG");
    assert_string_equal(k, "magyarorszag");
    free(k);
    k = mc_utf8_match_key("Włochy");
    assert_string_equal(k, "wlochy");
    free(k);
    k = mc_utf8_match_key("Côte d'Ivoire");
    assert_string_equal(k, "cotedivoire");
    free(k);
}

static int cmp_int32(const void *x, const void *y) {
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

/* mc_sort_i32 against qsort on random, sorted, reversed, constant and organ-pipe arrays. */
static void test_sort_i32(void **state) {
    (void)state;
    enum { MAXN = 3000 };
    int32_t *a = malloc(MAXN * sizeof *a), *b = malloc(MAXN * sizeof *b);
    assert_true(a && b);
    uint64_t x = 42;
    for (size_t n = 0; n < MAXN; n = n < 40 ? n + 1 : n * 3 / 2) {
        for (int shape = 0; shape < 6; shape++) {
            for (size_t i = 0; i < n; i++) {
                x = mc_mix64(x);
                switch (shape) {
                case 0:
                    a[i] = (int32_t)(x & 0x7fffffff) - 0x40000000;
                    break;
                case 1:
                    a[i] = (int32_t)i;
                    break;
                case 2:
                    a[i] = (int32_t)(n - i);
                    break;
                case 3:
                    a[i] = 7;
                    break;
                case 4:
                    a[i] = (int32_t)(i < n / 2 ? i : n - i);
                    break;
                default:
                    a[i] = (int32_t)(x % 5);
                    break;
                }
            }
            memcpy(b, a, n * sizeof *a);
            mc_sort_i32(a, n);
            if (n > 0) {
                qsort(b, n, sizeof *b, cmp_int32);
            }
            assert_memory_equal(a, b, n * sizeof *a);
        }
    }
    free(a);
    free(b);
}

static void test_fmt_real_shortest(void **state) {
    (void)state;
    char buf[MC_REAL_BUFSZ];
    assert_string_equal(mc_fmt_real(buf, 0.1), "0.1");
    assert_string_equal(mc_fmt_real(buf, 3.0), "3");
    assert_string_equal(mc_fmt_real(buf, -0.0), "0");
    assert_string_equal(mc_fmt_real(buf, 1.0 / 3.0), "0.33333333333333331");
    assert_string_equal(mc_fmt_real(buf, NAN), "nan");
    assert_true(strtod(mc_fmt_real(buf, 2.0 / 7.0), NULL) == 2.0 / 7.0);
}

static void test_parse_real_rejects_non_finite(void **state) {
    (void)state;
    double v;
    assert_true(mc_parse_real(" 2.5 ", &v));
    assert_close(v, 2.5, 0);
    assert_true(mc_parse_real("1e3", &v));
    assert_close(v, 1000, 0);
    assert_false(mc_parse_real("nan", &v));
    assert_false(mc_parse_real("inf", &v));
    assert_false(mc_parse_real("1e999", &v));
    assert_false(mc_parse_real("1,5", &v));
    assert_false(mc_parse_real("", &v));
    assert_false(mc_parse_real("0x10", &v));
    assert_false(mc_parse_real("12abc", &v));
}

static void test_parse_long_range(void **state) {
    (void)state;
    long v;
    assert_true(mc_parse_long("10", 1, 100, &v));
    assert_int_equal(v, 10);
    assert_false(mc_parse_long("-1", 1, 100, &v));
    assert_false(mc_parse_long("101", 1, 100, &v));
    assert_false(mc_parse_long("1.5", 1, 100, &v));
    assert_false(mc_parse_long("abc", 1, 100, &v));
}

static void test_utf8_validation(void **state) {
    (void)state;
    const char *ok = "\xc3\x9a"
                     "st\xc3\xad nad Labem \xc4\xb0"
                     "zmir \xc5\x81\xc3\xb3"
                     "d\xc5\xba";
    assert_int_equal(mc_utf8_invalid_at(ok, strlen(ok)), -1);
    assert_int_equal(mc_utf8_invalid_at("ab\xe9z", 4), 2);       /* Latin-1 e-acute */
    assert_int_equal(mc_utf8_invalid_at("\xc0\x80", 2), 0);      /* overlong NUL */
    assert_int_equal(mc_utf8_invalid_at("x\xed\xa0\x80", 4), 1); /* surrogate */
    assert_int_equal(mc_utf8_invalid_at("x\xe2\x82", 3), 1);     /* truncated */
    assert_int_equal(mc_utf8_invalid_at("\xf0\x9f\x98\x80", 4), -1);
}

static void test_edit_distance(void **state) {
    (void)state;
    assert_int_equal(mc_edit_distance("kitten", "sitting", 10), 3);
    assert_int_equal(mc_edit_distance("SC3", "sc3", 10), 0);
    assert_int_equal(mc_edit_distance("abc", "abcdefgh", 2), 3);
}

static const char *const CANDS[] = {"SC1", "SC3", "LEIT", "MSCA", "Innovation in SMEs"};
static const char *cand(size_t i, void *ctx) {
    (void)ctx;
    return CANDS[i];
}

static void test_suggest_closest(void **state) {
    (void)state;
    char out[256];
    assert_int_equal(mc_suggest("SC9", 5, cand, NULL, 2, out, sizeof out), 2);
    assert_string_equal(out, "'SC1' or 'SC3'");
    assert_int_equal(mc_suggest("leitt", 5, cand, NULL, 3, out, sizeof out), 1);
    assert_string_equal(out, "'LEIT'");
    assert_int_equal(mc_suggest("innovation", 5, cand, NULL, 3, out, sizeof out), 1);
    assert_string_equal(out, "'Innovation in SMEs'");
    assert_int_equal(mc_suggest("zzzzzzzz", 5, cand, NULL, 3, out, sizeof out), 0);
    assert_string_equal(out, "");
}

static void test_error_format(void **state) {
    (void)state;
    struct mc_error err;
    mc_error_init(&err);
    assert_int_equal(mc_error_setc(&err, MC_E_DATA, "edges.csv", 12, 3, "bad '%s'", "x"),
                     MC_E_DATA);
    assert_string_equal(err.msg, "edges.csv:12:3: bad 'x'");
    mc_error_set(&err, MC_E_IO, "nodes.csv", 0, "no such file");
    assert_string_equal(err.msg, "nodes.csv: no such file");
    mc_error_set(&err, MC_E_DATA, NULL, 0, "multi\nline");
    assert_string_equal(err.msg, "multi line");
    mc_error_prefix(&err, "SC3");
    assert_string_equal(err.msg, "SC3: multi line");
    assert_int_equal(mc_status_exit_code(MC_E_USAGE), 2);
    assert_int_equal(mc_status_exit_code(MC_E_DATA), 1);
    assert_int_equal(mc_status_exit_code(MC_E_INTERRUPTED), 130);
    assert_int_equal(mc_status_exit_code(MC_OK), 0);
}

static void test_grow_overflow_is_an_error(void **state) {
    (void)state;
    struct mc_error err;
    mc_error_init(&err);
    char *p = NULL;
    size_t cap = 0;
    assert_int_equal(mc_grow((void **)&p, &cap, SIZE_MAX / 2, 16, &err), MC_E_NOMEM);
    assert_null(p);
    assert_int_equal(mc_grow((void **)&p, &cap, 10, 1, &err), MC_OK);
    assert_true(cap >= 10);
    free(p);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intern_dense_indices),
        cmocka_unit_test(test_intern_many_keys),
        cmocka_unit_test(test_intern_fold_case_keeps_first_spelling),
        cmocka_unit_test(test_intern_fold_unicode),
        cmocka_unit_test(test_table_cells),
        cmocka_unit_test(test_match_key),
        cmocka_unit_test(test_sort_i32),
        cmocka_unit_test(test_fmt_real_shortest),
        cmocka_unit_test(test_parse_real_rejects_non_finite),
        cmocka_unit_test(test_parse_long_range),
        cmocka_unit_test(test_utf8_validation),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_suggest_closest),
        cmocka_unit_test(test_error_format),
        cmocka_unit_test(test_grow_overflow_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
