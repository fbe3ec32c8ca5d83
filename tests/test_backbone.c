/*
 * Unit tests for src/backbone.c and the evidence kept by src/graph.c: the
 * groups behind each tie, the BiCM fit, the refined normal approximation
 * against exact Poisson-binomial sums, the hypergeometric and disparity
 * p-values, and the multiple-test corrections.
 */
#include "testutil.h"

#include "metaclust/backbone.h"
#include "metaclust/graph.h"
#include "metaclust/util.h"

static void load_dir(struct mc_dataset *ds, char **dir, const char *nodes, const char *edges,
                     const char *aff) {
    *dir = tu_tmpdir();
    if (nodes) {
        free(tu_write(*dir, "nodes.csv", nodes));
    }
    if (edges) {
        free(tu_write(*dir, "edges.csv", edges));
    }
    if (aff) {
        free(tu_write(*dir, "affiliations.csv", aff));
    }
    struct mc_load_options opt = {.dir = *dir};
    struct mc_error err;
    mc_dataset_init(ds);
    if (mc_dataset_load(ds, &opt, &err) != MC_OK) {
        fail_msg("load: %s", err.msg);
    }
}

/* Index of edge (a, b) by node ids, or -1. */
static long edge_of(const struct mc_dataset *ds, const struct mc_edgelist *el, const char *a,
                    const char *b) {
    for (size_t e = 0; e < el->n_edges; e++) {
        const char *x = ds->ids.keys[el->node[el->from[e]]];
        const char *y = ds->ids.keys[el->node[el->to[e]]];
        if ((strcmp(x, a) == 0 && strcmp(y, b) == 0) || (strcmp(x, b) == 0 && strcmp(y, a) == 0)) {
            return (long)e;
        }
    }
    return -1;
}

static const char *group_id(const struct mc_dataset *ds, const struct mc_edgelist *el, long e,
                            size_t i) {
    return ds->groups.keys[el->ev_group[el->ev_off[e] + i]];
}

/* Evidence: the groups behind each projected tie, in group order; direct weight apart. */
static void test_evidence_lists_the_groups_of_each_tie(void **state) {
    (void)state;
    char *dir;
    struct mc_dataset ds;
    load_dir(&ds, &dir, "id\na\nb\nc\nd\n", "source,target,weight\na,d,2\na,b,1\n",
             "node,group\na,p1\nb,p1\nc,p1\na,p2\nb,p2\nc,p3\nd,p3\nd,p4\n");
    struct mc_view_options o;
    mc_view_options_init(&o);
    o.evidence = true;
    struct mc_edgelist el;
    struct mc_error err;
    assert_int_equal(mc_view_edges(&ds, &o, &el, &err), MC_OK);
    assert_non_null(el.ev_off);
    long ab = edge_of(&ds, &el, "a", "b"), ac = edge_of(&ds, &el, "a", "c");
    long cd = edge_of(&ds, &el, "c", "d"), ad = edge_of(&ds, &el, "a", "d");
    assert_true(ab >= 0 && ac >= 0 && cd >= 0 && ad >= 0);
    assert_int_equal(el.ev_off[ab + 1] - el.ev_off[ab], 2);
    assert_string_equal(group_id(&ds, &el, ab, 0), "p1");
    assert_string_equal(group_id(&ds, &el, ab, 1), "p2");
    assert_close(el.weight[ab], 3, 0); /* two groups plus the direct row */
    assert_close(el.direct_w[ab], 1, 0);
    assert_int_equal(el.ev_off[ac + 1] - el.ev_off[ac], 1);
    assert_string_equal(group_id(&ds, &el, ac, 0), "p1");
    assert_string_equal(group_id(&ds, &el, cd, 0), "p3");
    assert_int_equal(el.ev_off[ad + 1] - el.ev_off[ad], 0); /* direct only */
    assert_close(el.direct_w[ad], 2, 0);
    assert_int_equal(el.ev_off[el.n_edges], 5); /* ab 2, ac 1, bc 1, cd 1 */

    /* the graph adopts it, indexed by igraph edge id */
    struct mc_graph g;
    assert_int_equal(mc_graph_build(&g, &ds, &o, &err), MC_OK);
    size_t n;
    const int32_t *ev = mc_graph_evidence(&g, (igraph_integer_t)ab, &n);
    assert_int_equal(n, 2);
    assert_string_equal(ds.groups.keys[ev[0]], "p1");
    mc_graph_destroy(&g);

    /* off by default */
    mc_edgelist_destroy(&el);
    mc_view_options_init(&o);
    assert_int_equal(mc_view_edges(&ds, &o, &el, &err), MC_OK);
    assert_null(el.ev_off);
    mc_edgelist_destroy(&el);
    mc_dataset_destroy(&ds);
    tu_rmdir(dir);
}

/* Exact upper tail of a Poisson-binomial by dynamic programming. */
static double exact_upper(const double *q, size_t n, size_t w) {
    double *f = calloc(n + 2, sizeof *f);
    assert_non_null(f);
    f[0] = 1;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = i + 1; k > 0; k--) {
            f[k] = f[k] * (1 - q[i]) + f[k - 1] * q[i];
        }
        f[0] *= 1 - q[i];
    }
    double s = 0;
    for (size_t k = w; k <= n; k++) {
        s += f[k];
    }
    free(f);
    return s;
}

static void moments(const double *q, size_t n, double *mu, double *s2, double *g3) {
    *mu = *s2 = *g3 = 0;
    for (size_t i = 0; i < n; i++) {
        *mu += q[i];
        *s2 += q[i] * (1 - q[i]);
        *g3 += q[i] * (1 - q[i]) * (1 - 2 * q[i]);
    }
}

/* The refined normal approximation stays close to the exact sums. */
static void test_rna_matches_exact_poisson_binomial(void **state) {
    (void)state;
    unsigned long x = 12345;
    double worst = 0;
    for (int trial = 0; trial < 40; trial++) {
        size_t n = 20 + (size_t)trial * 10;
        double q[420];
        for (size_t i = 0; i < n; i++) {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
            q[i] = 0.3 * (double)(x >> 11) / 9007199254740992.0; /* [0, 0.3) */
        }
        double mu, s2, g3;
        moments(q, n, &mu, &s2, &g3);
        for (size_t w = 1; w <= (size_t)(mu + 4 * sqrt(s2)) + 1; w++) {
            double a = mc_backbone_rna_upper((double)w, mu, s2, g3);
            double e = exact_upper(q, n, w);
            double d = fabs(a - e);
            worst = d > worst ? d : worst;
            assert_true(a >= 0 && a <= 1);
        }
    }
    /* RNA is accurate to a few thousandths absolute on such sums */
    assert_true(worst < 0.01);
    /* degenerate variance */
    assert_close(mc_backbone_rna_upper(1, 0, 0, 0), 0, 0);
    assert_close(mc_backbone_rna_upper(1, 2, 0, 0), 1, 0);
}

/* BiCM: expected degrees match the observed ones on both sides. */
static void test_bicm_fit_keeps_both_degree_sequences(void **state) {
    (void)state;
    int32_t vdeg[] = {1, 1, 2, 3, 3, 5, 1, 2};
    int32_t gsize[] = {2, 2, 3, 4, 3, 2, 2};
    size_t nv = MC_ARRAY_SIZE(vdeg), ng = MC_ARRAY_SIZE(gsize);
    double prob[8 * 7];
    struct mc_error err;
    assert_int_equal(mc_backbone_bicm(vdeg, nv, gsize, ng, prob, &err), MC_OK);
    for (size_t i = 0; i < nv; i++) {
        double s = 0;
        for (size_t g = 0; g < ng; g++) {
            assert_true(prob[i * ng + g] > 0 && prob[i * ng + g] < 1);
            s += prob[i * ng + g];
        }
        assert_close(s, vdeg[i], 1e-6);
    }
    for (size_t g = 0; g < ng; g++) {
        double s = 0;
        for (size_t i = 0; i < nv; i++) {
            s += prob[i * ng + g];
        }
        assert_close(s, gsize[g], 1e-6);
    }
}

/*
 * SDSM p-values of a view equal the RNA of the Poisson-binomial built from the
 * BiCM probabilities of its two ends, and follow the evidence: two nodes
 * sharing three small projects are significant, two that only sat in one big
 * project together are not.
 */
static void test_sdsm_pvalues_of_a_view(void **state) {
    (void)state;
    /* a, b share p1..p3; a large project p4 joins a..h once; 30 pairs of pads */
    char aff[4096] = "node,group\n"
                     "a,p1\nb,p1\na,p2\nb,p2\na,p3\nb,p3\n"
                     "a,p4\nb,p4\nc,p4\nd,p4\ne,p4\nf,p4\ng,p4\nh,p4\n"
                     "c,p5\nd,p5\ne,p6\nf,p6\ng,p7\nh,p7\n";
    for (int i = 0; i < 30; i++) {
        char row[64];
        snprintf(row, sizeof row, "x%d,q%d\nx%d,q%d\n", 2 * i, i, 2 * i + 1, i);
        strcat(aff, row);
    }
    char *dir;
    struct mc_dataset ds;
    load_dir(&ds, &dir, NULL, NULL, aff);
    struct mc_view_options o;
    mc_view_options_init(&o);
    o.evidence = true;
    struct mc_edgelist el;
    struct mc_error err;
    assert_int_equal(mc_view_edges(&ds, &o, &el, &err), MC_OK);
    double *p = malloc(el.n_edges * sizeof *p);
    assert_int_equal(mc_backbone_pvalues(&el, MC_BACKBONE_SDSM, p, &err), MC_OK);
    long ab = edge_of(&ds, &el, "a", "b"), gh = edge_of(&ds, &el, "g", "h");
    long ch = edge_of(&ds, &el, "c", "h");
    assert_true(ab >= 0 && gh >= 0 && ch >= 0);
    assert_true(p[ab] < p[gh]);
    assert_true(p[ab] < 0.01);
    assert_true(p[ch] > 0.05);

    /* the same value from the explicit BiCM probabilities of the memberships */
    size_t nv = ds.n_nodes, ng = ds.groups.n;
    int32_t *vdeg = calloc(nv, sizeof *vdeg), *gsize = calloc(ng, sizeof *gsize);
    for (size_t r = 0; r < ds.n_aff; r++) {
        vdeg[ds.aff_node[r]]++;
        gsize[ds.aff_group[r]]++;
    }
    double *prob = malloc(nv * ng * sizeof *prob);
    assert_int_equal(mc_backbone_bicm(vdeg, nv, gsize, ng, prob, &err), MC_OK);
    double q[64], mu, s2, g3;
    long ia = -1, ib = -1;
    assert_int_equal(mc_dataset_require_node(&ds, "a", &ia, &err), MC_OK);
    assert_int_equal(mc_dataset_require_node(&ds, "b", &ib, &err), MC_OK);
    for (size_t g = 0; g < ng; g++) {
        q[g] = prob[(size_t)ia * ng + g] * prob[(size_t)ib * ng + g];
    }
    moments(q, ng, &mu, &s2, &g3);
    assert_close(p[ab], mc_backbone_rna_upper(4, mu, s2, g3), 1e-9);
    free(prob);
    free(vdeg);
    free(gsize);
    free(p);

    /* filtering keeps the significant tie, with its p-value and evidence */
    struct mc_backbone_options bo;
    mc_backbone_options_init(&bo);
    bo.method = MC_BACKBONE_SDSM;
    bo.mtc = MC_MTC_NONE;
    struct mc_backbone_stats st;
    size_t before = el.n_edges;
    assert_int_equal(mc_backbone_apply(&el, &bo, &st, &err), MC_OK);
    assert_int_equal(st.tested, before);
    assert_int_equal(st.kept + st.dropped, before);
    assert_true(st.dropped > 0);
    ab = edge_of(&ds, &el, "a", "b");
    assert_true(ab >= 0);
    assert_int_equal(el.ev_off[ab + 1] - el.ev_off[ab], 4);
    assert_non_null(el.pvalue);
    assert_true(el.pvalue[ab] < 0.01);
    assert_int_equal(edge_of(&ds, &el, "c", "h"), -1);
    mc_edgelist_destroy(&el);
    mc_dataset_destroy(&ds);
    tu_rmdir(dir);
}

/* Hypergeometric: P[X >= w] with X ~ Hyp(N, k_i, k_j), by hand on a small case. */
static void test_hypergeom_pvalue_by_hand(void **state) {
    (void)state;
    /* 4 groups of two or more; a in 2, b in 2, sharing both */
    char *dir;
    struct mc_dataset ds;
    load_dir(&ds, &dir, NULL, NULL, "node,group\na,p1\nb,p1\na,p2\nb,p2\nc,p3\nd,p3\nc,p4\nd,p4\n");
    struct mc_view_options o;
    mc_view_options_init(&o);
    o.evidence = true;
    struct mc_edgelist el;
    struct mc_error err;
    assert_int_equal(mc_view_edges(&ds, &o, &el, &err), MC_OK);
    double p[2];
    assert_int_equal(el.n_edges, 2);
    assert_int_equal(mc_backbone_pvalues(&el, MC_BACKBONE_HYPERGEOM, p, &err), MC_OK);
    /* P[X >= 2] for Hyp(4, 2, 2) = C(2,2) C(2,0) / C(4,2) = 1/6 */
    assert_close(p[0], 1.0 / 6, 1e-12);
    assert_close(p[1], 1.0 / 6, 1e-12);
    mc_edgelist_destroy(&el);
    mc_dataset_destroy(&ds);
    tu_rmdir(dir);
}

/* Disparity: alpha = (1 - w/s)^(k-1), the smaller end; direct edges are tested. */
static void test_disparity_pvalues(void **state) {
    (void)state;
    char *dir;
    struct mc_dataset ds;
    load_dir(&ds, &dir, NULL, "source,target,weight\nhub,a,8\nhub,b,1\nhub,c,1\n", NULL);
    struct mc_view_options o;
    mc_view_options_init(&o);
    struct mc_edgelist el;
    struct mc_error err;
    assert_int_equal(mc_view_edges(&ds, &o, &el, &err), MC_OK);
    double p[3];
    assert_int_equal(mc_backbone_pvalues(&el, MC_BACKBONE_DISPARITY, p, &err), MC_OK);
    long ha = edge_of(&ds, &el, "hub", "a"), hb = edge_of(&ds, &el, "hub", "b");
    assert_close(p[ha], pow(1 - 0.8, 2), 1e-12);
    assert_close(p[hb], pow(1 - 0.1, 2), 1e-12);
    /* sdsm without evidence is a usage error, not a crash */
    assert_int_equal(mc_backbone_pvalues(&el, MC_BACKBONE_SDSM, p, &err), MC_E_USAGE);
    mc_edgelist_destroy(&el);
    mc_dataset_destroy(&ds);
    tu_rmdir(dir);
}

static size_t kept(const unsigned char *keep, size_t m) {
    size_t n = 0;
    for (size_t i = 0; i < m; i++) {
        n += keep[i];
    }
    return n;
}

/* Corrections: none, Bonferroni, Holm and Benjamini-Hochberg on a known list. */
static void test_multiple_test_corrections(void **state) {
    (void)state;
    double p[] = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.0};
    bool tested[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
    size_t m = MC_ARRAY_SIZE(p);
    unsigned char keep[16];
    struct mc_error err;
    assert_int_equal(mc_backbone_select(p, tested, m, 0.05, MC_MTC_NONE, keep, &err), MC_OK);
    assert_int_equal(kept(keep, m), 6); /* five below 0.05 plus the untested one */
    assert_int_equal(mc_backbone_select(p, tested, m, 0.05, MC_MTC_BONFERRONI, keep, &err), MC_OK);
    assert_int_equal(kept(keep, m), 2); /* 0.001 <= 0.005, plus untested */
    assert_int_equal(mc_backbone_select(p, tested, m, 0.05, MC_MTC_HOLM, keep, &err), MC_OK);
    assert_int_equal(kept(keep, m), 2); /* 0.001 <= 0.005; 0.008 > 0.05/9 */
    assert_int_equal(mc_backbone_select(p, tested, m, 0.05, MC_MTC_FDR, keep, &err), MC_OK);
    /* BH: 0.008 <= 2 * 0.005; 0.039 > 3 * 0.005 ... largest i with p_i <= i/10 * 0.05 is 2 */
    assert_int_equal(kept(keep, m), 3);
    assert_true(keep[0] && keep[1] && !keep[2] && keep[10]);
#undef KEPT
}

static void test_names_parse(void **state) {
    (void)state;
    enum mc_backbone b;
    enum mc_mtc t;
    assert_true(mc_backbone_parse("sdsm", &b) && b == MC_BACKBONE_SDSM);
    assert_true(mc_backbone_parse("disparity", &b) && b == MC_BACKBONE_DISPARITY);
    assert_false(mc_backbone_parse("SDSM2", &b));
    assert_string_equal(mc_backbone_name(MC_BACKBONE_HYPERGEOM), "hypergeom");
    assert_true(mc_mtc_parse("holm", &t) && t == MC_MTC_HOLM);
    assert_false(mc_mtc_parse("bh", &t));
    assert_string_equal(mc_mtc_name(MC_MTC_FDR), "fdr");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_evidence_lists_the_groups_of_each_tie),
        cmocka_unit_test(test_rna_matches_exact_poisson_binomial),
        cmocka_unit_test(test_bicm_fit_keeps_both_degree_sequences),
        cmocka_unit_test(test_sdsm_pvalues_of_a_view),
        cmocka_unit_test(test_hypergeom_pvalue_by_hand),
        cmocka_unit_test(test_disparity_pvalues),
        cmocka_unit_test(test_multiple_test_corrections),
        cmocka_unit_test(test_names_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
