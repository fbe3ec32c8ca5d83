/* Unit tests for src/unit.c and src/unit_record.c: one batch unit, and its record. */
#include "graphs.h"

#include <jansson.h>

#include "metaclust/unit.h"

/* Two groups of six clusters from six countries each, joined by one tie. */
static void two_groups(struct tu_graph *t) {
    tu_graph_load(
        t,
        "id,name,country\n"
        "a1,Brno,CZ\na2,Kosice,SK\na3,Rzeszow,PL\na4,Graz,AT\na5,Dresden,DE\na6,Gyor,HU\n"
        "b1,Ostrava,CZ\nb2,Zilina,SK\nb3,Lodz,PL\nb4,Linz,AT\nb5,Leipzig,DE\nb6,Pecs,HU\n",
        "source,target,weight\n"
        "a1,a2,3\na1,a3,2\na2,a3,3\na3,a4,2\na4,a5,3\na5,a6,2\na6,a1,3\na2,a5,1\na4,a1,1\n"
        "b1,b2,3\nb1,b3,2\nb2,b3,3\nb3,b4,2\nb4,b5,3\nb5,b6,2\nb6,b1,3\nb2,b5,1\nb4,b1,1\n"
        "a1,b1,1\n");
}

static bool exists(const char *dir, const char *sub, const char *name) {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name);
    return access(path, R_OK) == 0;
}

/* A unit run into a scratch directory: every file, and a record that says what was done. */
static void test_unit_run(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_unit_options o;
    struct mc_error err;
    char *out = tu_tmpdir();
    two_groups(&t);
    mc_error_init(&err);
    mc_unit_options_init(&o);
    assert_int_equal(o.runs, 10);
    assert_true(o.formats[MC_UNIT_PNG] && !o.formats[MC_UNIT_SVG] && !o.formats[MC_UNIT_PDF]);
    o.ds = &t.ds;
    o.name = "all";
    o.outdir = out;
    o.dir = "u/all"; /* created, two levels deep */
    o.seed = 4;
    o.runs = 3;
    o.formats[MC_UNIT_SVG] = true;
    o.palette = "CZ,SK";
    assert_int_equal(mc_unit_run(&o, &err), MC_OK);
    static const char *const files[] = {"info.json",     "centrality.csv", "communities.csv",
                                        "proposals.csv", "members.csv",    "missing_links.csv",
                                        "proposals.md",  "network.png",    "network.svg",
                                        "meta.png",      "unit.json"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        if (!exists(out, "u/all", files[i])) {
            fail_msg("unit: no %s", files[i]);
        }
    }
    assert_false(exists(out, "u/all", "network.pdf"));

    json_t *j = mc_unit_record_read(out, "u/all");
    assert_non_null(j);
    struct mc_unit_record r;
    mc_unit_record_parse(j, &r);
    assert_string_equal(r.unit, "all");
    assert_string_equal(r.dir, "u/all");
    assert_string_equal(r.status, "ok");
    assert_string_equal(r.sector, "all");
    assert_string_equal(r.projection, "count");
    assert_string_equal(r.network, "network.png");
    assert_string_equal(r.meta, "meta.png");
    assert_close(r.nodes, 12, 0);
    assert_close(r.edges, 19, 0);
    assert_close(r.seed, 4, 0);
    assert_close(r.runs, 3, 0);
    assert_true(r.formats[MC_UNIT_PNG] && r.formats[MC_UNIT_SVG] && !r.formats[MC_UNIT_PDF]);
    assert_true(r.proposals >= 1);
    assert_int_equal(r.n_top,
                     (size_t)r.proposals < MC_UNIT_TOP ? (size_t)r.proposals : MC_UNIT_TOP);
    assert_true(r.top[0].size >= 3);
    assert_non_null(strstr(r.top[0].country_list, "CZ 1")); /* "CZ 1, AT 1, ..." */
    assert_true(r.seconds >= 0);
    for (size_t k = 0; k < 6; k++) {
        assert_false(isnan(r.timings[k]));
    }

    /* --resume: up to date with the same options, not with other runs or a new format */
    json_t *kept = NULL;
    assert_true(mc_unit_up_to_date(out, "u/all", 0, &o, &kept));
    assert_non_null(kept);
    json_decref(kept);
    o.runs = 4;
    assert_false(mc_unit_up_to_date(out, "u/all", 0, &o, &kept));
    assert_null(kept);
    o.runs = 3;
    o.formats[MC_UNIT_PDF] = true;
    assert_false(mc_unit_up_to_date(out, "u/all", 0, &o, &kept));
    assert_false(mc_unit_up_to_date(out, "nothing", 0, &o, &kept));

    /* the same unit again: the same files, byte for byte, but for the timings */
    o.formats[MC_UNIT_PDF] = false;
    o.dir = "again";
    assert_int_equal(mc_unit_run(&o, &err), MC_OK);
    char cmd[8600];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && for f in info.json centrality.csv communities.csv proposals.csv "
             "members.csv missing_links.csv proposals.md network.png network.svg meta.png; do "
             "cmp -s u/all/$f again/$f || exit 1; done",
             out);
    assert_int_equal(system(cmd), 0);
    json_decref(j);
    tu_graph_free(&t);
    tu_rmdir(out);
}

/* A failing unit leaves no record, not even an old one. */
static void test_unit_failure_removes_record(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_unit_options o;
    struct mc_error err;
    char *out = tu_tmpdir();
    tu_tiny(&t);
    mc_error_init(&err);
    mc_unit_options_init(&o);
    o.ds = &t.ds;
    o.name = "tiny";
    o.outdir = out;
    o.dir = "tiny";
    o.runs = 2;
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/tiny", out);
    assert_int_equal(mkdir(sub, 0755), 0);
    free(tu_write(sub, "unit.json", "{\"unit\": \"old\"}"));
    /* a directory where the figure goes: writing it fails, after the proposals */
    char blocker[4300];
    snprintf(blocker, sizeof blocker, "%s/network.png", sub);
    assert_int_equal(mkdir(blocker, 0755), 0);
    free(tu_write(blocker, "x", "x"));
    assert_int_not_equal(mc_unit_run(&o, &err), MC_OK);
    assert_null(mc_unit_record_read(out, "tiny"));
    assert_true(exists(out, "tiny", "proposals.csv"));
    tu_graph_free(&t);
    tu_rmdir(out);
}

/* The writer and the reader agree on every field. */
static void test_unit_record_round_trip(void **state) {
    (void)state;
    struct mc_unit_record w, r;
    struct mc_error err;
    char *out = tu_tmpdir();
    mc_error_init(&err);
    mc_unit_record_init(&w);
    assert_string_equal(w.dataset, "");
    assert_true(isnan(w.nodes));
    w.unit = "demo/ict";
    w.dir = "demo/ict";
    w.dataset = "demo";
    w.sector = "ict";
    w.status = "ok";
    w.projection = "newman";
    w.version = "x";
    w.nodes = 88;
    w.edges = 220;
    w.total_weight = 543.5;
    w.modularity = 0.123456789123;
    w.communities = 6;
    w.stability_nmi = 0.9;
    w.proposals = 2;
    w.seconds = 1.234;
    w.seed = 7;
    w.runs = 10;
    w.formats[MC_UNIT_PDF] = true;
    w.network = "network.pdf";
    w.meta = "meta.png";
    w.n_top = 1;
    w.top[0] = (struct mc_unit_top){"ict-01", "Italy 4, Croatia 3", "A <&> B", 9, 0.8612345678};
    for (size_t k = 0; k < 6; k++) {
        w.timings[k] = 0.5 * (double)k;
    }
    assert_int_equal(mc_unit_record_write(out, ".", &w, &err), MC_OK);
    json_t *j = mc_unit_record_read(out, ".");
    assert_non_null(j);
    mc_unit_record_parse(j, &r);
    assert_string_equal(r.unit, "demo/ict");
    assert_string_equal(r.dataset, "demo");
    assert_string_equal(r.projection, "newman");
    assert_string_equal(r.network, "network.pdf");
    assert_close(r.nodes, 88, 0);
    assert_close(r.total_weight, 543.5, 0);
    assert_close(r.modularity, 0.123456789, 1e-12); /* kept to 9 decimals */
    assert_close(r.seconds, 1.23, 1e-12);           /* to 2 */
    assert_true(!r.formats[MC_UNIT_PNG] && r.formats[MC_UNIT_PDF]);
    assert_int_equal(r.n_top, 1);
    assert_string_equal(r.top[0].coordinator, "A <&> B");
    assert_close(r.top[0].score, 0.861235, 1e-12); /* to 6 */
    assert_close(r.timings[5], 2.5, 0);
    json_decref(j);
    mc_unit_record_parse(NULL, &r); /* no record: an empty one */
    assert_string_equal(r.sector, "");
    assert_true(isnan(r.proposals));
    tu_rmdir(out);
}

/* --formats, and the temporary files a killed worker leaves. */
static void test_unit_formats_and_temps(void **state) {
    (void)state;
    bool f[MC_UNIT_FORMATS];
    struct mc_error err;
    mc_error_init(&err);
    assert_int_equal(mc_unit_formats_parse("svg,pdf", f, &err), MC_OK);
    assert_false(f[MC_UNIT_PNG]);
    assert_true(f[MC_UNIT_SVG]);
    assert_true(f[MC_UNIT_PDF]);
    assert_int_equal(mc_unit_formats_parse("png,gif", f, &err), MC_E_USAGE);
    assert_string_equal(
        err.msg, "--formats: unknown format 'gif' (expected png, svg or pdf, comma-separated)");
    assert_int_equal(mc_unit_formats_parse(",", f, &err), MC_E_USAGE);
    assert_string_equal(err.msg, "--formats: no format given");

    char *dir = tu_tmpdir();
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/u", dir);
    assert_int_equal(mkdir(sub, 0777), 0);
    free(tu_write(sub, "network.png.tmp.123", "x"));
    free(tu_write(sub, "network.png", "x"));
    mc_unit_remove_temps(dir, "u");
    assert_false(exists(dir, "u", "network.png.tmp.123"));
    assert_true(exists(dir, "u", "network.png"));
    mc_unit_remove_temps(dir, "missing"); /* no folder: nothing to do */
    tu_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_run),
        cmocka_unit_test(test_unit_failure_removes_record),
        cmocka_unit_test(test_unit_record_round_trip),
        cmocka_unit_test(test_unit_formats_and_temps),
    };
    mc_igraph_setup();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
