/* Unit tests for src/csvio.c: the libcsv reader and the CSV writer. */
#include "testutil.h"

#include <zlib.h>

#include "metaclust/csvio.h"

#include "csv_rows.h"

static enum mc_status read_text(const char *text, struct collect *c, struct mc_error *err,
                                bool require_rows) {
    char *dir = tu_tmpdir();
    char *path = tu_write(dir, "t.csv", text);
    struct mc_csv_options opt = {.require_rows = require_rows};
    memset(c, 0, sizeof *c);
    mc_error_init(err);
    enum mc_status rc = mc_csv_read(path, "t.csv", &opt, on_rec, c, err);
    free(path);
    tu_rmdir(dir);
    return rc;
}

static void test_read_plain(void **state) {
    (void)state;
    struct collect c;
    struct mc_error err;
    assert_int_equal(read_text("id,name\na,Alpha\nb, Beta \n", &c, &err, true), MC_OK);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.rows[0], "1|id|name");
    assert_string_equal(c.rows[1], "2|a|Alpha");
    assert_string_equal(c.rows[2], "3|b|Beta");
}

static void test_read_semicolon_bom_crlf(void **state) {
    (void)state;
    struct collect c;
    struct mc_error err;
    assert_int_equal(read_text("\xef\xbb\xbfid;name\r\na;\"x, y\"\r\nb;z\r\n", &c, &err, true),
                     MC_OK);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.rows[0], "1|id|name");
    assert_string_equal(c.rows[1], "2|a|x, y");
    assert_string_equal(c.rows[2], "3|b|z");
}

/* Excel's ';' export: empty trailing columns and blank rows skipped and counted. */
static void test_read_excel_trailing_and_blank(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    char *path = tu_write(dir, "t.csv",
                          "\xef\xbb\xbfid;name;;\r\n;;;\r\na;x;;\r\n;;;\r\n\r\nb;y\r\n;;;\r\n");
    struct collect c;
    struct mc_error err;
    struct mc_csv_skipped sk = {9, 9};
    memset(&c, 0, sizeof c);
    mc_error_init(&err);
    assert_int_equal(mc_csv_read_counted(path, "t.csv", NULL, on_rec, &c, &sk, &err), MC_OK);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.rows[0], "1|id|name");
    assert_string_equal(c.rows[1], "3|a|x");
    assert_string_equal(c.rows[2], "6|b|y");
    assert_int_equal(sk.columns, 2);
    assert_int_equal(sk.rows, 3);
    char msg[128];
    assert_true(mc_csv_skipped_describe(&sk, "t.csv", msg, sizeof msg));
    assert_string_equal(msg, "t.csv: skipped 2 empty trailing columns and 3 blank rows");
    sk.columns = 0;
    sk.rows = 1;
    assert_true(mc_csv_skipped_describe(&sk, "t.csv", msg, sizeof msg));
    assert_string_equal(msg, "t.csv: skipped 1 blank row");
    sk.rows = 0;
    assert_false(mc_csv_skipped_describe(&sk, "t.csv", msg, sizeof msg));
    free(path);
    tu_rmdir(dir);
}

/* Messages name a CSV field by line and column, a sheet's cell by its reference. */
static void test_error_names_line_or_cell(void **state) {
    (void)state;
    char col[8];
    mc_csv_column_letters(0, col);
    assert_string_equal(col, "A");
    mc_csv_column_letters(25, col);
    assert_string_equal(col, "Z");
    mc_csv_column_letters(26, col);
    assert_string_equal(col, "AA");
    mc_csv_column_letters(16383, col);
    assert_string_equal(col, "XFD");
    struct mc_error err;
    struct mc_csv_record csv = {.path = "n.csv", .line = 7};
    struct mc_csv_record sheet = {.path = "b.xlsx#nodes", .line = 7, .cells = true};
    assert_int_equal(mc_csv_error(&err, MC_E_DATA, &csv, 2, "bad '%s'", "x"), MC_E_DATA);
    assert_string_equal(err.msg, "n.csv:7:3: bad 'x'");
    mc_csv_error(&err, MC_E_DATA, &csv, -1, "bad row");
    assert_string_equal(err.msg, "n.csv:7: bad row");
    mc_csv_error(&err, MC_E_DATA, &sheet, 2, "bad '%s'", "x");
    assert_string_equal(err.msg, "b.xlsx#nodes!C7: bad 'x'");
    mc_csv_error(&err, MC_E_DATA, &sheet, -1, "bad row");
    assert_string_equal(err.msg, "b.xlsx#nodes, row 7: bad row");
}

static void test_read_tab(void **state) {
    (void)state;
    struct collect c;
    struct mc_error err;
    assert_int_equal(read_text("id\tname\na\tb,c\n", &c, &err, true), MC_OK);
    assert_string_equal(c.rows[1], "2|a|b,c");
}

static void test_quoted_newline_keeps_line_numbers(void **state) {
    (void)state;
    struct collect c;
    struct mc_error err;
    assert_int_equal(read_text("id,note\na,\"two\nlines\"\nb,x\n\nc,y\n", &c, &err, true), MC_OK);
    assert_int_equal(c.n, 4);
    assert_string_equal(c.rows[1], "2|a|two\nlines");
    assert_string_equal(c.rows[2], "4|b|x");
    assert_string_equal(c.rows[3], "6|c|y"); /* the blank line 5 is skipped */
}

static void test_read_gzip(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/t.csv.gz", dir);
    gzFile gz = gzopen(path, "wb");
    assert_non_null(gz);
    const char *text = "id,name\nq,\xc5\x81\xc3\xb3"
                       "d\xc5\xba\n";
    assert_int_equal(gzwrite(gz, text, (unsigned)strlen(text)), (int)strlen(text));
    assert_int_equal(gzclose(gz), Z_OK);
    struct collect c;
    struct mc_error err;
    memset(&c, 0, sizeof c);
    assert_int_equal(mc_csv_read(path, NULL, NULL, on_rec, &c, &err), MC_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.rows[1], "2|q|\xc5\x81\xc3\xb3"
                                   "d\xc5\xba");
    tu_rmdir(dir);
}

/* A damaged gzip file is named as such, not as the garbage it decodes to. */
static void test_gzip_damage(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/t.csv.gz", dir);
    /* 2,000 rows of varied text, compressed */
    size_t cap = 64 * 1024, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "id,name\n");
    uint64_t x = 7;
    for (int i = 0; i < 2000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        len += (size_t)snprintf(text + len, cap - len, "n%d,v%016llx\n", i, (unsigned long long)x);
    }
    uLongf zcap = compressBound((uLong)len) + 64, zlen;
    unsigned char *z = malloc(zcap);
    assert_non_null(z);
    gzFile gz = gzopen(path, "wb");
    assert_non_null(gz);
    assert_int_equal(gzwrite(gz, text, (unsigned)len), (int)len);
    assert_int_equal(gzclose(gz), Z_OK);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    zlen = (uLongf)fread(z, 1, zcap, f);
    fclose(f);
    struct collect c;
    struct mc_error err;
    struct {
        size_t keep; /* bytes kept */
        size_t flip; /* byte to invert, 0 for none */
        const char *msg;
    } cases[] = {
        {0, 0, NULL}, /* intact */
        {0, 0, "t.csv.gz: truncated gzip file (unexpected end of file)"},
        {0, 0, "t.csv.gz: truncated gzip file (unexpected end of file)"},
        {0, 0, "t.csv.gz: corrupt gzip data: incorrect data check"},
    };
    cases[0].keep = zlen;
    cases[1].keep = zlen / 2; /* cut in the middle of the data */
    cases[2].keep = zlen - 4; /* the length trailer is missing */
    cases[3].keep = zlen;
    cases[3].flip = zlen - 6; /* the checksum no longer matches */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (cases[i].flip) {
            z[cases[i].flip] ^= 0xff;
        }
        f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(z, 1, cases[i].keep, f), cases[i].keep);
        fclose(f);
        if (cases[i].flip) {
            z[cases[i].flip] ^= 0xff;
        }
        memset(&c, 0, sizeof c);
        mc_error_init(&err);
        enum mc_status rc = mc_csv_read(path, "t.csv.gz", NULL, on_rec, &c, &err);
        if (cases[i].msg == NULL) {
            assert_int_equal(rc, MC_OK);
            assert_int_equal(c.n, 2001);
        } else {
            assert_int_equal(rc, MC_E_DATA);
            assert_string_equal(err.msg, cases[i].msg);
        }
    }
    free(text);
    free(z);
    tu_rmdir(dir);
}

struct bad_case {
    const char *text;
    size_t len; /* 0: strlen(text) */
    const char *msg;
};

static enum mc_status read_bytes(const char *text, size_t len, struct mc_error *err) {
    char *dir = tu_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/t.csv", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    struct collect c;
    struct mc_csv_options opt = {.require_rows = true, .max_columns = 100, .max_field_bytes = 1000};
    memset(&c, 0, sizeof c);
    mc_error_init(err);
    enum mc_status rc = mc_csv_read(path, "t.csv", &opt, on_rec, &c, err);
    tu_rmdir(dir);
    return rc;
}

static void test_bad_inputs(void **state) {
    (void)state;
    static const struct bad_case cases[] = {
        {"", 0, "t.csv: file is empty"},
        {"\n\n", 0, "t.csv: file is empty"},
        {"\xef\xbb\xbf", 0, "t.csv: file is empty"},
        {"id,name\n", 0, "t.csv: has a header but no data rows"},
        {"id,name\na,b\nc\n", 0, "t.csv:3: expected 2 fields as in the header, found 1"},
        {"id,name\na,b,c\n", 0, "t.csv:2: expected 2 fields as in the header, found 3"},
        {"id,name\na,\"open\nb,c\n", 0,
         "t.csv:2: unterminated quoted field (a quote opened here is never closed)"},
        {"id,name\na,b\"c\n", 0,
         "t.csv:2:2: bad quoting in column 'name': a quote inside an unquoted field, or text "
         "after a closing quote"},
        {"id,name\na,\"x\"y\n", 0,
         "t.csv:2:2: bad quoting in column 'name': a quote inside an unquoted field, or text "
         "after a closing quote"},
        {"id,name\na,caf\xe9\n", 0,
         "t.csv:2:2: invalid UTF-8 (byte 0xE9) in column 'name'; save the file as UTF-8"},
        {"\xff\xfei\0d\0", 6, "t.csv:1: file is UTF-16 encoded; save it as UTF-8 (CSV UTF-8)"},
        {"i\0d\0\n\0", 6,
         "t.csv:1: file is UTF-16 encoded (without a byte-order mark); save it as UTF-8 (CSV "
         "UTF-8)"},
        {"\0i\0d\0\n", 6,
         "t.csv:1: file is UTF-16 encoded (without a byte-order mark); save it as UTF-8 (CSV "
         "UTF-8)"},
        {"id;name;;\na;b;c;\n", 0, "t.csv:2:3: value 'c' in a column without a name in the header"},
        {"id\n\0\1\2\3", 7, "t.csv:2: NUL byte: binary data or UTF-16 text, not a UTF-8 CSV file"},
        {"id\nx\n\x7f"
         "ELF\0\1\2",
         10, "t.csv:3: NUL byte: binary data or UTF-16 text, not a UTF-8 CSV file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct mc_error err;
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text);
        assert_int_equal(read_bytes(cases[i].text, len, &err), MC_E_DATA);
        assert_string_equal(err.msg, cases[i].msg);
    }
}

static void test_limits(void **state) {
    (void)state;
    struct mc_error err;
    /* 101 columns against a limit of 100 */
    char hdr[1024] = "";
    for (int i = 0; i < 101; i++) {
        strcat(hdr, i ? ",c" : "c");
    }
    strcat(hdr, "\n");
    assert_int_equal(read_bytes(hdr, strlen(hdr), &err), MC_E_DATA);
    assert_string_equal(err.msg, "t.csv:1: more than 100 columns; is this a CSV file?");
    /* a 5000-byte field against a limit of 1000, quoted and unquoted */
    char *big = malloc(6000);
    assert_non_null(big);
    strcpy(big, "id,name\na,");
    memset(big + 10, 'x', 5000);
    strcpy(big + 5010, "\n");
    assert_int_equal(read_bytes(big, strlen(big), &err), MC_E_DATA);
    assert_string_equal(err.msg, "t.csv:2:2: field longer than 1000 bytes in column 'name'");
    big[10] = '"';
    assert_int_equal(read_bytes(big, strlen(big), &err), MC_E_DATA);
    assert_string_equal(err.msg, "t.csv:2:2: field longer than 1000 bytes in column 'name'");
    free(big);
}

static void test_file_errors(void **state) {
    (void)state;
    struct mc_error err;
    struct collect c;
    char *dir = tu_tmpdir();
    mc_error_init(&err);
    assert_int_equal(mc_csv_read(dir, "d", NULL, on_rec, &c, &err), MC_E_IO);
    assert_string_equal(err.msg, "d: is a directory, expected a CSV file");
    char path[4200];
    snprintf(path, sizeof path, "%s/missing.csv", dir);
    assert_int_equal(mc_csv_read(path, "missing.csv", NULL, on_rec, &c, &err), MC_E_IO);
    assert_string_equal(err.msg, "missing.csv: no such file");
    tu_rmdir(dir);
}

static enum mc_status stop_at_two(void *ctx, const struct mc_csv_record *r, struct mc_error *err) {
    (void)ctx;
    if (r->record == 2) {
        return mc_error_set(err, MC_E_DATA, r->path, r->line, "stop");
    }
    return MC_OK;
}

static void test_callback_error_stops(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    char *path = tu_write(dir, "t.csv", "a\n1\n2\n3\n");
    struct mc_error err;
    assert_int_equal(mc_csv_read(path, "t.csv", NULL, stop_at_two, NULL, &err), MC_E_DATA);
    assert_string_equal(err.msg, "t.csv:2: stop");
    free(path);
    tu_rmdir(dir);
}

static void test_write_quotes_only_when_needed(void **state) {
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    const char *row[] = {"plain", "a,b", "say \"hi\"", "", "two\nlines", "semi;colon", " pad"};
    assert_true(mc_csv_row(f, 7, row));
    assert_int_equal(fclose(f), 0);
    assert_string_equal(
        buf, "plain,\"a,b\",\"say \"\"hi\"\"\",,\"two\nlines\",\"semi;colon\",\" pad\"\n");
    free(buf);
}

static void test_write_then_read_round_trip(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/rt.csv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    const char *hdr[] = {"id", "name"};
    const char *row[] = {"x", "\xc3\x9asti, \"nad\" Labem"};
    assert_true(mc_csv_row(f, 2, hdr));
    assert_true(mc_csv_row(f, 2, row));
    assert_int_equal(fclose(f), 0);
    struct collect c;
    struct mc_error err;
    memset(&c, 0, sizeof c);
    assert_int_equal(mc_csv_read(path, NULL, NULL, on_rec, &c, &err), MC_OK);
    assert_string_equal(c.rows[1], "2|x|\xc3\x9asti, \"nad\" Labem");
    tu_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_plain),
        cmocka_unit_test(test_read_semicolon_bom_crlf),
        cmocka_unit_test(test_read_excel_trailing_and_blank),
        cmocka_unit_test(test_error_names_line_or_cell),
        cmocka_unit_test(test_read_tab),
        cmocka_unit_test(test_quoted_newline_keeps_line_numbers),
        cmocka_unit_test(test_read_gzip),
        cmocka_unit_test(test_gzip_damage),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_callback_error_stops),
        cmocka_unit_test(test_write_quotes_only_when_needed),
        cmocka_unit_test(test_write_then_read_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
