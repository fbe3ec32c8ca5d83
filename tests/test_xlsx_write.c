/* Unit tests for src/xlsx_write.c: cells and types, reproducible bytes, failures; openpyxl reads.
 */
#include "testutil.h"

#include "metaclust/xlsx_write.h"

#define PYTHON "/usr/bin/python3"

static void write_sample(const char *path) {
    static const char *const hdr[] = {"id", "name", "score", "rank"};
    static const char *const num[] = {"score", "rank", NULL};
    static const char *const r1[] = {"999991334", "Ökocluster", "0.25", "1"};
    static const char *const r2[] = {"a2", "", "n/a", "2"};
    static const char *const h2[] = {"slot", "note"};
    static const char *const r3[] = {"3", NULL};
    struct mc_xlsx x;
    struct mc_error err;
    assert_int_equal(mc_xlsx_open(&x, path, &err), MC_OK);
    assert_int_equal(mc_xlsx_sheet(&x, "rows", 4, hdr, num, &err), MC_OK);
    assert_int_equal(mc_xlsx_row(&x, r1, &err), MC_OK);
    assert_int_equal(mc_xlsx_row(&x, r2, &err), MC_OK);
    assert_int_equal(mc_xlsx_sheet(&x, "second sheet", 2, h2, NULL, &err), MC_OK);
    assert_int_equal(mc_xlsx_row(&x, r3, &err), MC_OK);
    assert_int_equal(mc_xlsx_close(&x, &err), MC_OK);
}

static bool same_bytes(const char *a, const char *b) {
    char *cmd = malloc(strlen(a) + strlen(b) + 16);
    assert_non_null(cmd);
    sprintf(cmd, "cmp -s '%s' '%s'", a, b);
    int rc = system(cmd);
    free(cmd);
    return rc == 0;
}

static void test_xlsx_reproducible(void **state) {
    (void)state;
    char *dir = tu_tmpdir(), a[4200], b[4200], c[4200];
    snprintf(a, sizeof a, "%s/a.xlsx", dir);
    snprintf(b, sizeof b, "%s/b.xlsx", dir);
    snprintf(c, sizeof c, "%s/c.xlsx", dir);
    unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(mc_xlsx_epoch(), 946684800LL);
    write_sample(a);
    write_sample(b);
    assert_true(same_bytes(a, b));
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    assert_int_equal(mc_xlsx_epoch(), 1700000000LL);
    write_sample(c);
    assert_false(same_bytes(a, c)); /* the date is in the file */
    setenv("SOURCE_DATE_EPOCH", "soon", 1);
    assert_int_equal(mc_xlsx_epoch(), 946684800LL);
    unsetenv("SOURCE_DATE_EPOCH");
    tu_rmdir(dir);
}

/* An independent reader: openpyxl (Debian python3-openpyxl), when installed. */
static void test_xlsx_openpyxl_reads(void **state) {
    (void)state;
    if (system(PYTHON " -c 'import openpyxl' 2>/dev/null") != 0) {
        print_message("skip: python3-openpyxl not installed (make test-deps)\n");
        return;
    }
    char *dir = tu_tmpdir(), path[4200], cmd[8800];
    snprintf(path, sizeof path, "%s/a.xlsx", dir);
    write_sample(path);
    snprintf(cmd, sizeof cmd,
             PYTHON
             " -c \"import openpyxl\n"
             "wb = openpyxl.load_workbook('%s')\n"
             "assert wb.sheetnames == ['rows', 'second sheet'], wb.sheetnames\n"
             "ws = wb['rows']\n"
             "assert [c.value for c in ws[1]] == ['id', 'name', 'score', 'rank']\n"
             "assert [c.value for c in ws[2]] == ['999991334', '\\u00d6kocluster', 0.25, 1]\n"
             "assert [c.value for c in ws[3]] == ['a2', None, 'n/a', 2]\n"
             "assert ws.freeze_panes == 'A2' and ws.auto_filter.ref == 'A1:D3'\n"
             "assert ws['A1'].font.b\n"
             "assert wb['second sheet']['A2'].value == '3'\n\"", /* not numeric: text */
             path);
    assert_int_equal(system(cmd), 0);
    tu_rmdir(dir);
}

static void test_xlsx_failures_leave_nothing(void **state) {
    (void)state;
    static const char *const hdr[] = {"a"};
    char *dir = tu_tmpdir(), path[4200], cmd[4300];
    struct mc_xlsx x;
    struct mc_error err;
    snprintf(path, sizeof path, "%s/bad.xlsx", dir);
    assert_int_equal(mc_xlsx_open(&x, path, &err), MC_OK);
    assert_int_equal(mc_xlsx_sheet(&x, "no/slash", 1, hdr, NULL, &err), MC_E_DATA);
    assert_non_null(strstr(err.msg, "cannot add sheet 'no/slash'"));
    mc_xlsx_abort(&x);
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", dir);
    assert_int_equal(system(cmd), 0); /* neither the workbook nor its temporary file */
    snprintf(path, sizeof path, "%s/missing/dir/a.xlsx", dir);
    assert_int_equal(mc_xlsx_open(&x, path, &err), MC_E_IO);
    tu_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlsx_reproducible),
        cmocka_unit_test(test_xlsx_openpyxl_reads),
        cmocka_unit_test(test_xlsx_failures_leave_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
