/* Unit tests for src/sectors.c and src/sectors_report.c. */
#include "testutil.h"

#include "metaclust/sectors.h"

struct fx {
    char *dir;
    struct mc_load_options lo;
    struct mc_dataset ds;
    struct mc_sectors s;
    struct mc_error err;
};

static enum mc_status run(struct fx *f, const char *nodes, const char *aff, const char *groups,
                          const char *edges) {
    struct mc_sectors_options o;
    f->dir = tu_tmpdir();
    free(tu_write(f->dir, "nodes.csv", nodes));
    if (aff) {
        free(tu_write(f->dir, "affiliations.csv", aff));
    }
    if (groups) {
        free(tu_write(f->dir, "groups.csv", groups));
    }
    if (edges) {
        free(tu_write(f->dir, "edges.csv", edges));
    }
    memset(&f->lo, 0, sizeof f->lo);
    f->lo.dir = f->dir;
    mc_dataset_init(&f->ds);
    mc_sectors_init(&f->s);
    mc_error_init(&f->err);
    assert_int_equal(mc_dataset_load(&f->ds, &f->lo, &f->err), MC_OK);
    mc_sectors_options_init(&o);
    o.jobs = 1;
    mc_view_options_init(&o.propose_view); /* every tie: the fixture's groups meet once */
    enum mc_status rc = mc_sectors_compute(&f->ds, &o, &f->s, &f->err);
    assert_int_equal(IGRAPH_FINALLY_STACK_SIZE(), 0);
    return rc;
}

static void done(struct fx *f) {
    mc_sectors_destroy(&f->s);
    mc_dataset_destroy(&f->ds);
    tu_rmdir(f->dir);
}

static const struct mc_sector_row *row_of(const struct fx *f, const char *name) {
    for (size_t i = 0; i < f->s.n_rows; i++) {
        if (strcmp(mc_dataset_sector_name(&f->ds, f->s.rows[i].sector), name) == 0) {
            return &f->s.rows[i];
        }
    }
    fail_msg("no row %s", name);
    return NULL;
}

/*
 * Sector "wide": one group of 4 organisations in 4 countries; "home": one group of 3 in one
 * country. wide must rank first: all its weight crosses borders and it proposes a group.
 */
static const char NODES[] = "id,country,sectors\n"
                            "a,AT,\nb,CZ,\nc,SK,\nd,HU,\n"
                            "e,DE,\nf,DE,\ng,DE,\n";
static const char AFF[] = "node,group\na,w1\nb,w1\nc,w1\nd,w1\ne,h1\nf,h1\ng,h1\na,h2\ne,h2\n";

static void test_sectors_rank_and_parts(void **state) {
    (void)state;
    struct fx f;
    assert_int_equal(run(&f, NODES, AFF,
                         "id,sectors,year\nw1,wide,2015\nh1,home,2015\nh2,home;wide,2016\n", NULL),
                     MC_OK);
    assert_int_equal(f.s.n_rows, 2);
    assert_int_equal(f.s.rows[0].rank, 1);
    assert_int_equal(f.s.rows[1].rank, 2);
    const struct mc_sector_row *w = row_of(&f, "wide"), *h = row_of(&f, "home");
    assert_int_equal(w->rank, 1);
    /* wide: w1 (a b c d) and h2 (a e): 7 ties, 5 countries, every one across a border */
    assert_int_equal(w->nodes, 5);
    assert_int_equal(w->ties, 7);
    assert_int_equal(w->countries, 5);
    assert_close(w->cross_share, 1.0, 1e-12);
    assert_close(w->part[MC_POT_TRANSNATIONAL], 1.0, 1e-12);
    assert_close(w->part[MC_POT_SCALE], 1.0, 1e-12);
    assert_true(w->proposals >= 1);
    assert_close(w->part[MC_POT_PROPOSALS], w->best_score, 1e-12);
    /* home: h1 (e f g, all DE) and h2 (a e): 4 ties, one of weight 1 across a border */
    assert_int_equal(h->ties, 4);
    assert_close(h->cross_share, 1.0 / 4.0, 1e-12);
    assert_int_equal(h->proposals, 0);
    assert_close(h->part[MC_POT_PROPOSALS], 0, 1e-12);
    assert_close(h->part[MC_POT_REACH], 2.0 / 5.0, 1e-12);
    /* no labels in the data: that component is left out */
    assert_false(f.s.have_labels);
    assert_true(isnan(w->part[MC_POT_LABELLED]));
    assert_int_equal(w->labelled, -1);
    /* years 2015 and 2016: wide 6 ties then 1, home 3 then 1 */
    assert_true(f.s.have_years);
    assert_close(w->slope, -5, 1e-12);
    assert_close(w->growth, -5 / 3.5, 1e-12);
    assert_close(w->part[MC_POT_GROWTH], 1 / (1 + exp(5 / 3.5 / 0.1)), 1e-12);
    /* the potential is the weighted mean of the parts present */
    double sum = 0, ws = 0;
    for (int k = 0; k < MC_POT_PARTS; k++) {
        if (!isnan(w->part[k])) {
            sum += mc_potential_part_weight((enum mc_potential_part)k) * w->part[k];
            ws += mc_potential_part_weight((enum mc_potential_part)k);
        }
    }
    assert_close(ws, 0.9, 1e-12);
    assert_close(w->potential, sum / ws, 1e-12);
    done(&f);
}

/*
 * Pairs: a is active in wide and home (via h2), e too; b, c, d in wide only; f, g in home only.
 * Cross-sector ties (one end in wide not home, the other in home not wide): none, since the
 * only groups joining them are h2 (a, e: both in both sectors). Organisations in both: a, e.
 */
static void test_sectors_emerging_pairs(void **state) {
    (void)state;
    struct fx f;
    assert_int_equal(run(&f, NODES, AFF,
                         "id,sectors,year\nw1,wide,2015\nh1,home,2015\nh2,home;wide,2016\n",
                         "source,target,year\nb,f,2014\nc,g,2016\n"),
                     MC_OK);
    assert_int_equal(f.s.n_pairs, 1);
    const struct mc_sector_pair *p = &f.s.pairs[0];
    assert_string_equal(mc_dataset_sector_name(&f.ds, p->a), "home");
    assert_string_equal(mc_dataset_sector_name(&f.ds, p->b), "wide");
    assert_int_equal(p->both, 2);
    /* the untagged direct edges b-f and c-g join wide-only and home-only organisations */
    assert_int_equal(p->ties, 2);
    assert_int_equal(p->rank, 1);
    /* years 2014..2016, each with rows: halves 2014-2015 and 2016 */
    assert_int_equal(f.s.year_min, 2014);
    assert_int_equal(f.s.half_end, 2015);
    assert_int_equal(p->ties_first, 1);
    assert_int_equal(p->ties_second, 1);

    int32_t a[4], b[4];
    size_t n;
    struct mc_view_options v;
    mc_view_options_init(&v);
    assert_int_equal(mc_sectors_top_pairs(&f.ds, &v, 4, a, b, &n, &f.err), MC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(a[0], p->a);
    assert_int_equal(b[0], p->b);

    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    mc_emerging_csv(out, &f.ds, &f.s);
    fclose(out);
    assert_string_equal(buf, "rank,sector_a,sector_b,organisations_in_both,cross_ties,"
                             "ties_first_half,ties_second_half,growth,growth_ratio\n"
                             "1,home,wide,2,2,1,1,0,0\n");
    free(buf);
    done(&f);
}

/* sectors.md explains every component; sectors.csv has one row per sector with rank 1..N */
static void test_sectors_report(void **state) {
    (void)state;
    struct fx f;
    assert_int_equal(run(&f, NODES, AFF,
                         "id,sectors,year\nw1,wide,2015\nh1,home,2015\nh2,home;wide,2016\n", NULL),
                     MC_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    mc_sectors_md(out, &f.ds, &f.s, "sectors.png");
    fclose(out);
    for (int k = 0; k < MC_POT_PARTS; k++) {
        char want[64];
        snprintf(want, sizeof want, "- **%s** (weight",
                 mc_potential_part_name((enum mc_potential_part)k));
        assert_non_null(strstr(buf, want));
    }
    assert_non_null(strstr(buf, "left out: the data has no labels"));
    free(buf);
    out = open_memstream(&buf, &len);
    mc_sectors_csv(out, &f.ds, &f.s);
    fclose(out);
    assert_non_null(strstr(buf, "\n1,wide,"));
    assert_non_null(strstr(buf, "\n2,home,"));
    assert_non_null(strstr(buf, ",score_transnational,score_proposals,score_scale,score_reach,"
                                "score_growth,score_labelled\n"));
    free(buf);
    done(&f);
}

/* The same result with 1 and 2 worker processes */
static void test_sectors_jobs_do_not_matter(void **state) {
    (void)state;
    struct fx f;
    assert_int_equal(run(&f, NODES, AFF,
                         "id,sectors,year\nw1,wide,2015\nh1,home,2015\nh2,home;wide,2016\n", NULL),
                     MC_OK);
    struct mc_sectors s2;
    struct mc_sectors_options o;
    mc_sectors_init(&s2);
    mc_sectors_options_init(&o);
    o.jobs = 2;
    mc_view_options_init(&o.propose_view);
    assert_int_equal(mc_sectors_compute(&f.ds, &o, &s2, &f.err), MC_OK);
    assert_int_equal(s2.n_rows, f.s.n_rows);
    for (size_t i = 0; i < s2.n_rows; i++) {
        assert_int_equal(s2.rows[i].sector, f.s.rows[i].sector);
        assert_close(s2.rows[i].potential, f.s.rows[i].potential, 0);
    }
    mc_sectors_destroy(&s2);
    done(&f);
}

/*
 * A batch's ranking: computed with one sector's proposals left out (a placeholder
 * in found), then settled with that sector's real ones: the same rows as
 * computing it whole, ranked again; and through mc_sectors_pack and _unpack
 * unchanged.
 */
static void test_sectors_settle_and_pack(void **state) {
    (void)state;
    struct fx f;
    assert_int_equal(run(&f, NODES, AFF,
                         "id,sectors,year\nw1,wide,2015\nh1,home,2015\nh2,home;wide,2016\n", NULL),
                     MC_OK);
    const struct mc_sector_row *wide = row_of(&f, "wide");
    assert_int_equal(wide->rank, 1);
    assert_true(wide->proposals > 0);
    struct mc_sector_found *found = calloc(f.ds.sectors.n, sizeof *found);
    found[wide->sector].set = true; /* placeholder: no candidates, no proposals, score 0 */
    struct mc_sectors part, back;
    struct mc_sectors_options o;
    mc_sectors_init(&part);
    mc_sectors_init(&back);
    mc_sectors_options_init(&o);
    o.jobs = 1;
    mc_view_options_init(&o.propose_view);
    o.found = found;
    assert_int_equal(mc_sectors_compute(&f.ds, &o, &part, &f.err), MC_OK);
    for (size_t i = 0; i < part.n_rows; i++) { /* scored without its proposals */
        if (part.rows[i].sector == wide->sector) {
            assert_int_equal(part.rows[i].proposals, 0);
            assert_true(part.rows[i].potential < wide->potential - 0.01);
        }
    }

    void *buf = NULL;
    size_t len = 0;
    assert_int_equal(mc_sectors_pack(&part, &buf, &len, &f.err), MC_OK);
    assert_int_equal(mc_sectors_unpack(buf, len - 1, &back, &f.err), MC_E_DATA);
    assert_int_equal(mc_sectors_unpack(buf, len, &back, &f.err), MC_OK);
    assert_int_equal(back.n_rows, part.n_rows);
    assert_int_equal(back.n_pairs, part.n_pairs);
    assert_int_equal(back.have_years, part.have_years);
    assert_memory_equal(back.rows, part.rows, part.n_rows * sizeof *part.rows);
    assert_memory_equal(back.pairs, part.pairs, part.n_pairs * sizeof *part.pairs);

    found[wide->sector] = (struct mc_sector_found){.set = true,
                                                   .candidates = wide->candidates,
                                                   .proposals = wide->proposals,
                                                   .best_score = wide->best_score};
    assert_int_equal(mc_sectors_settle(&f.ds, found, &back, &f.err), MC_OK);
    assert_int_equal(back.n_rows, f.s.n_rows);
    for (size_t i = 0; i < back.n_rows; i++) {
        assert_int_equal(back.rows[i].sector, f.s.rows[i].sector);
        assert_int_equal(back.rows[i].rank, f.s.rows[i].rank);
        assert_int_equal(back.rows[i].proposals, f.s.rows[i].proposals);
        assert_close(back.rows[i].potential, f.s.rows[i].potential, 0);
    }
    free(buf);
    free(found);
    mc_sectors_destroy(&part);
    mc_sectors_destroy(&back);
    done(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sectors_rank_and_parts),
        cmocka_unit_test(test_sectors_emerging_pairs),
        cmocka_unit_test(test_sectors_report),
        cmocka_unit_test(test_sectors_jobs_do_not_matter),
        cmocka_unit_test(test_sectors_settle_and_pack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
