/* Unit tests for src/xlsx_read.c: cells of every kind, dates, sheets and damaged workbooks. */
#include "testutil.h"

#include "metaclust/xlsx_read.h"

#include "csv_rows.h"

static char *fixture(const char *name) {
    char *p = malloc(4096);
    snprintf(p, 4096, "%s/tests/data/xlsx/%s", tu_top(), name);
    return p;
}

static void test_cells_of_every_kind(void **state) {
    (void)state;
    char *path = fixture("cells.xlsx");
    struct collect c = {0};
    struct mc_error err;
    mc_error_init(&err);
    /* the sheet is "Nodes": found as "nodes", the spelling of the book kept in the path */
    assert_int_equal(mc_xlsx_read(path, NULL, "nodes", "cells.xlsx", NULL, on_rec, &c, NULL, &err),
                     MC_OK);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.rows[0], "1|id|name|country|active|since|members");
    /* shared string, inline string, boolean, a 1904-system date, a formula's saved value */
    assert_string_equal(c.rows[1], "3|a|Alpha|\xc4\x8c"
                                   "esko|TRUE|2013-07-07|42");
    /* rich text runs joined, phonetic run left out, blanks trimmed; a string formula; 1.5E3 */
    assert_string_equal(c.rows[2], "4|b|Beta|PL|FALSE|1904-01-01|1500");
    free(path);
}

static void test_dates(void **state) {
    (void)state;
    char d[16];
    assert_true(mc_xlsx_date(1, false, d));
    assert_string_equal(d, "1900-01-01");
    assert_true(mc_xlsx_date(59, false, d));
    assert_string_equal(d, "1900-02-28");
    assert_true(mc_xlsx_date(60, false, d));
    assert_string_equal(d, "1900-02-29");
    assert_true(mc_xlsx_date(61.75, false, d));
    assert_string_equal(d, "1900-03-01");
    assert_true(mc_xlsx_date(43921, false, d));
    assert_string_equal(d, "2020-03-31");
    assert_true(mc_xlsx_date(0, true, d));
    assert_string_equal(d, "1904-01-01");
    assert_false(mc_xlsx_date(-1, false, d));
    assert_false(mc_xlsx_date(1e9, false, d));
}

static void test_paths_and_sheets(void **state) {
    (void)state;
    char *file;
    const char *sheet;
    assert_true(mc_xlsx_split("dir/a#b.XLSX#My sheet", &file, &sheet));
    assert_string_equal(file, "dir/a#b.XLSX");
    assert_string_equal(sheet, "My sheet");
    free(file);
    assert_true(mc_xlsx_split("nodes.csv", &file, &sheet));
    assert_null(sheet);
    free(file);
    assert_true(mc_xlsx_is_workbook("x.xlsx#nodes"));
    assert_false(mc_xlsx_is_workbook("/nonexistent/nodes.csv"));

    char *path = fixture("cooperation.xlsx");
    char **names;
    size_t n;
    struct mc_error err;
    mc_error_init(&err);
    assert_true(mc_xlsx_is_workbook(path));
    assert_int_equal(mc_xlsx_sheets(path, &names, &n, &err), MC_OK);
    assert_int_equal(n, 4);
    assert_string_equal(names[0], "nodes");
    assert_string_equal(names[3], "groups");
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
    }
    free(names);

    struct collect c = {0};
    assert_int_equal(mc_xlsx_read(path, "GROUPS", NULL, "b.xlsx", NULL, on_rec, &c, NULL, &err),
                     MC_OK);
    assert_int_equal(c.n, 5);
    assert_string_equal(c.rows[1], "2|supplier-a|Tier-1 supplier A|automotive|2012-03-31");
    assert_int_equal(mc_xlsx_read(path, "Nodez", NULL, "b.xlsx", NULL, on_rec, &c, NULL, &err),
                     MC_E_DATA);
    assert_string_equal(err.msg, "b.xlsx: no sheet 'Nodez' in the workbook (sheets: 'nodes', "
                                 "'edges', 'affiliations', 'groups')");
    free(path);
}

static void test_damaged(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    char *csv = tu_write(dir, "t.xlsx", "id,name\na,b\n");
    char *empty = tu_write(dir, "e.xlsx", "");
    struct collect c = {0};
    struct mc_error err;
    mc_error_init(&err);
    assert_int_equal(mc_xlsx_read(csv, NULL, NULL, "t.xlsx", NULL, on_rec, &c, NULL, &err),
                     MC_E_DATA);
    assert_string_equal(err.msg, "t.xlsx: not a readable .xlsx workbook (not a zip archive: "
                                 "damaged, truncated or another format); save it again from Excel");
    assert_int_equal(mc_xlsx_read(empty, NULL, NULL, "e.xlsx", NULL, on_rec, &c, NULL, &err),
                     MC_E_DATA);
    assert_int_equal(mc_xlsx_read(dir, NULL, NULL, "d", NULL, on_rec, &c, NULL, &err), MC_E_IO);
    assert_string_equal(err.msg, "d: is a directory, expected a workbook");

    /* every prefix of a real workbook fails cleanly */
    char *path = fixture("cooperation.xlsx");
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char data[16384];
    size_t n = fread(data, 1, sizeof data, f);
    fclose(f);
    char *cut = tu_write(dir, "cut.xlsx", "");
    for (size_t keep = 0; keep < n; keep += 97) {
        f = fopen(cut, "wb");
        assert_int_equal(fwrite(data, 1, keep, f), keep);
        fclose(f);
        mc_error_init(&err);
        assert_int_not_equal(mc_xlsx_read(cut, NULL, NULL, "c", NULL, on_rec, &c, NULL, &err),
                             MC_OK);
        assert_true(err.msg[0] != '\0');
    }
    free(path);
    free(cut);
    free(csv);
    free(empty);
    tu_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_of_every_kind),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_paths_and_sheets),
        cmocka_unit_test(test_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
