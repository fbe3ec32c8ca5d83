/* Unit tests for src/figure*.c: mc_figure_draw on small fixture graphs. */
#include "graphs.h"

#include "metaclust/figure.h"
#include "metaclust/propose.h"
#include "metaclust/propose_report.h"

#include "../src/figure_internal.h" /* mc_fig_sort_legend */

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

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

static char *join(const char *dir, const char *name) {
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    assert_non_null(p);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

static void assert_same_file(const char *a, const char *b) {
    size_t la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(x, y, la);
    free(x);
    free(y);
}

/* The network figure: written, reproducible, described by the returned note. */
static void test_figure_network(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_figure_options o;
    struct mc_figure_info info;
    struct mc_error err;
    char *dir = tu_tmpdir(), *p1 = join(dir, "n1.svg"), *p2 = join(dir, "n2.svg");
    two_groups(&t);
    mc_error_init(&err);
    mc_figure_options_init(&o);
    o.render.format = MC_FIG_SVG;
    o.seed = 3;
    o.layout = MC_LAYOUT_FR;
    assert_int_equal(mc_figure_draw(&t.ds, &t.g, &o, p1, &info, &err), MC_OK);
    assert_int_equal(mc_figure_draw(&t.ds, &t.g, &o, p2, NULL, &err), MC_OK);
    assert_same_file(p1, p2);
    assert_string_equal(info.what, "fr layout");
    assert_int_equal(info.labels_shown + info.labels_dropped, 12);
    char want[4200];
    snprintf(want, sizeof want, "%s (svg, fr layout, %zu labels", p1, info.labels_shown);
    assert_int_equal(strncmp(info.note, want, strlen(want)), 0);
    size_t len;
    char *svg = slurp(p1, &len);
    assert_non_null(strstr(svg, "<svg"));
    /* coloured by country, sized by degree: another figure */
    o.colour = MC_FIGURE_COLOUR_COUNTRY;
    o.size = MC_FIGURE_SIZE_DEGREE;
    assert_int_equal(mc_figure_draw(&t.ds, &t.g, &o, p2, &info, &err), MC_OK);
    size_t len2;
    char *svg2 = slurp(p2, &len2);
    assert_true(len != len2 || memcmp(svg, svg2, len) != 0);
    free(svg2);
    free(svg);
    tu_graph_free(&t);
    free(p1);
    free(p2);
    tu_rmdir(dir);
}

/* A layout memo: filled by the first drawing, used by the next; the figures are the same. */
static void test_figure_layout_memo(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_figure_options o;
    struct mc_layout_memo memo;
    struct mc_error err;
    char *dir = tu_tmpdir(), *p1 = join(dir, "m0.svg"), *p2 = join(dir, "m1.svg"),
         *p3 = join(dir, "m2.svg");
    two_groups(&t);
    mc_error_init(&err);
    mc_layout_memo_init(&memo);
    mc_figure_options_init(&o);
    o.render.format = MC_FIG_SVG;
    o.seed = 5;
    assert_int_equal(mc_figure_draw(&t.ds, &t.g, &o, p1, NULL, &err), MC_OK);
    o.memo = &memo;
    assert_false(memo.set);
    assert_int_equal(mc_figure_draw(&t.ds, &t.g, &o, p2, NULL, &err), MC_OK);
    assert_true(memo.set);
    assert_int_equal(igraph_matrix_nrow(&memo.pos), t.g.n);
    assert_same_file(p1, p2);
    /* the memo serves: a layout moved by hand shows in the next figure */
    MATRIX(memo.pos, 0, 0) += 10;
    assert_int_equal(mc_figure_draw(&t.ds, &t.g, &o, p3, NULL, &err), MC_OK);
    size_t l2, l3;
    char *a = slurp(p2, &l2), *b = slurp(p3, &l3);
    assert_true(l2 != l3 || memcmp(a, b, l2) != 0);
    free(a);
    free(b);
    mc_layout_memo_destroy(&memo);
    tu_graph_free(&t);
    free(p1);
    free(p2);
    free(p3);
    tu_rmdir(dir);
}

/*
 * The meta-cluster map from proposals in memory is the map drawn from the
 * files those proposals were written to, byte for byte.
 */
static void test_figure_meta_memory(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_figure_options o;
    struct mc_figure_info info;
    struct mc_propose_options po;
    struct mc_sector_proposals sp;
    struct mc_error err;
    char *dir = tu_tmpdir(), *pm = join(dir, "mem.png"), *pf = join(dir, "files.png");
    two_groups(&t);
    mc_error_init(&err);
    mc_propose_options_init(&po);
    po.runs = 3;
    po.seed = 1;
    mc_sector_proposals_init(&sp);
    assert_int_equal(mc_propose_sector(&t.g, &po, &sp, &err), MC_OK);
    assert_true(sp.n_proposals >= 1);
    struct mc_propose_run run = {.ds = &t.ds,
                                 .opt = &po,
                                 .projection = MC_PROJ_COUNT,
                                 .sectors = &sp,
                                 .n_sectors = 1,
                                 .report_top = 10};
    assert_int_equal(mc_proposals_write(dir, &run, &err), MC_OK);

    mc_figure_options_init(&o);
    o.render.format = MC_FIG_PNG;
    o.meta = true;
    o.seed = 2;
    o.proposals = &sp;
    assert_int_equal(mc_figure_draw(&t.ds, &t.g, &o, pm, &info, &err), MC_OK);
    assert_string_equal(info.what, "meta-cluster map");
    assert_int_equal(info.labels_shown, sp.n_proposals);
    o.proposals = NULL;
    o.proposals_dir = dir;
    assert_int_equal(mc_figure_draw(&t.ds, &t.g, &o, pf, &info, &err), MC_OK);
    assert_same_file(pm, pf);

    /* one proposal of them, from the files */
    char *pp = join(dir, "one.pdf");
    o.meta = false;
    o.proposal = sp.proposals[0].id;
    o.render.format = MC_FIG_PDF;
    assert_int_equal(mc_figure_draw(&t.ds, &t.g, &o, pp, &info, &err), MC_OK);
    assert_string_equal(info.what, "proposal");
    char *sector = (char *)"x";
    assert_int_equal(mc_figure_proposal_sector(dir, sp.proposals[0].id, &sector, &err), MC_OK);
    assert_null(sector); /* a whole-dataset proposal */
    assert_int_equal(mc_figure_proposal_sector(dir, "nope", &sector, &err), MC_E_USAGE);

    mc_sector_proposals_destroy(&sp);
    tu_graph_free(&t);
    free(pm);
    free(pf);
    free(pp);
    tu_rmdir(dir);
}

/* A meta map with no proposal to draw is a figure that says so in words, not an error. */
static void test_figure_meta_empty(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_figure_options o;
    struct mc_figure_info info;
    struct mc_sector_proposals sp;
    struct mc_error err;
    char *dir = tu_tmpdir(), *p = join(dir, "m.svg");
    tu_tiny(&t);
    mc_error_init(&err);
    mc_sector_proposals_init(&sp);
    mc_figure_options_init(&o);
    o.meta = true;
    o.proposals = &sp;
    o.proposals_dir = "somewhere";
    o.render.format = MC_FIG_SVG;
    assert_int_equal(mc_figure_draw(&t.ds, &t.g, &o, p, &info, &err), MC_OK);
    assert_int_equal(access(p, F_OK), 0);
    assert_int_equal(info.labels_shown, 0);
    assert_string_equal(info.what, "meta-cluster map");
    tu_graph_free(&t);
    free(p);
    tu_rmdir(dir);
}

/* The legend lists the figure's biggest groups first, whatever their colour slots. */
static void test_figure_legend_by_count(void **state) {
    (void)state;
    struct mc_figdata d;
    memset(&d, 0, sizeof d);
    struct mc_legend_entry e[4];
    char *text[4] = {strdup("AT Austria (2)"), strdup("DE Germany (5)"), strdup("CZ Czechia (5)"),
                     strdup("Other (9)")};
    for (int i = 0; i < 4; i++) {
        e[i] = (struct mc_legend_entry){.text = text[i], .slot = i < 3 ? i : MC_PALETTE_OTHER};
    }
    d.legend = e;
    d.legend_text = text;
    d.n_legend = 4;
    const size_t count[] = {2, 5, 5};
    mc_fig_sort_legend(&d, 3, count); /* "Other" stays where it is */
    assert_string_equal(d.legend[0].text, "CZ Czechia (5)");
    assert_int_equal(d.legend[0].slot, 2);
    assert_string_equal(d.legend[1].text, "DE Germany (5)");
    assert_int_equal(d.legend[1].slot, 1);
    assert_string_equal(d.legend[2].text, "AT Austria (2)");
    assert_int_equal(d.legend[2].slot, 0);
    assert_string_equal(d.legend[3].text, "Other (9)");
    for (int i = 0; i < 4; i++) {
        assert_ptr_equal(d.legend[i].text, d.legend_text[i]);
        free(text[i]);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figure_network),
        cmocka_unit_test(test_figure_legend_by_count),
        cmocka_unit_test(test_figure_layout_memo),
        cmocka_unit_test(test_figure_meta_memory),
        cmocka_unit_test(test_figure_meta_empty),
    };
    mc_igraph_setup();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
