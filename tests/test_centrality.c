/*
 * Centralities against hand-checked values (the tiny graph), published
 * values (Zachary's karate club, Padgett's Florentine families) and igraph's
 * own whole-graph functions.
 */
#include "graphs.h"

#include "metaclust/centrality.h"

static struct mc_centrality compute(const struct tu_graph *t,
                                    const struct mc_centrality_options *opt) {
    struct mc_centrality c;
    struct mc_error err;
    mc_error_init(&err);
    mc_centrality_init(&c);
    if (mc_centrality_compute(&t->g, opt, &c, &err) != MC_OK) {
        fail_msg("centrality: %s", err.msg);
    }
    assert_int_equal(IGRAPH_FINALLY_STACK_SIZE(), 0);
    return c;
}

#define VAL(c, m, t, id) VECTOR((c).value[m])[tu_vertex(t, id)]

/*
 * The tiny graph, by hand. Lengths 1/w: a-b 0.5, b-c 1, c-d 0.25, b-d 1.
 * Shortest paths: a-c and a-d go through b (1.5 each; via the other end 1.75);
 * b-c and b-d are direct (1 < 1.25). n = 7; the main component has r = 3.
 */
static void test_centrality_tiny_by_hand(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_centrality_options opt;
    tu_tiny(&t);
    mc_centrality_options_init(&opt);
    struct mc_centrality c = compute(&t, &opt);
    for (int m = 0; m < MC_M_COUNT; m++) {
        assert_true(c.computed[m]);
    }
    assert_false(c.betweenness_sampled);
    /* degree and strength */
    assert_close(VAL(c, MC_M_DEGREE, &t, "b"), 3, 0);
    assert_close(VAL(c, MC_M_STRENGTH, &t, "a"), 2, 0);
    assert_close(VAL(c, MC_M_STRENGTH, &t, "b"), 4, 0);
    assert_close(VAL(c, MC_M_STRENGTH, &t, "c"), 5, 0);
    assert_close(VAL(c, MC_M_STRENGTH, &t, "e"), 0, 0);
    /* betweenness: only b, on a-c and a-d */
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "b"), 2, 1e-10);
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "a"), 0, 1e-10);
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "c"), 0, 1e-10);
    /* closeness, Wasserman-Faust: (r/(n-1)) r / sum d; a: 0.5 * 3/3.5 */
    assert_close(VAL(c, MC_M_CLOSENESS, &t, "a"), 0.5 * 3 / 3.5, 1e-10);
    assert_close(VAL(c, MC_M_CLOSENESS, &t, "b"), 0.5 * 3 / 2.5, 1e-10);
    assert_close(VAL(c, MC_M_CLOSENESS, &t, "c"), 0.5 * 3 / 2.75, 1e-10);
    assert_close(VAL(c, MC_M_CLOSENESS, &t, "f"), 1.0 / 6, 1e-10);
    assert_close(VAL(c, MC_M_CLOSENESS, &t, "e"), 0, 0);
    /* harmonic: sum of 1/d over n - 1 = 6; a: 2 + 2/1.5 */
    assert_close(VAL(c, MC_M_HARMONIC, &t, "a"), (2 + 2 / 1.5) / 6, 1e-10);
    assert_close(VAL(c, MC_M_HARMONIC, &t, "b"), 4.0 / 6, 1e-10);
    assert_close(VAL(c, MC_M_HARMONIC, &t, "d"), (1 / 1.5 + 1 + 4) / 6, 1e-10);
    assert_close(VAL(c, MC_M_HARMONIC, &t, "g"), 1.0 / 6, 1e-10);
    /*
     * eigenvector: the main component's leading eigenvector (numpy eigh) with
     * max 1, lambda = 4.54560770847481; the pair f-g has lambda 1, so 1/4.5456
     */
    assert_close(VAL(c, MC_M_EIGENVECTOR, &t, "a"), 0.240059302723191, 1e-9);
    assert_close(VAL(c, MC_M_EIGENVECTOR, &t, "b"), 0.545607708474812, 1e-9);
    assert_close(VAL(c, MC_M_EIGENVECTOR, &t, "c"), 1, 1e-9);
    assert_close(VAL(c, MC_M_EIGENVECTOR, &t, "f"), 1 / 4.54560770847481, 1e-9);
    assert_close(VAL(c, MC_M_EIGENVECTOR, &t, "e"), 0, 0);
    /* PageRank, d = 0.85, isolates jump uniformly (power iteration in numpy) */
    assert_close(VAL(c, MC_M_PAGERANK, &t, "a"), 0.097496377914971, 1e-9);
    assert_close(VAL(c, MC_M_PAGERANK, &t, "b"), 0.172014432970663, 1e-9);
    assert_close(VAL(c, MC_M_PAGERANK, &t, "c"), 0.190447846589703, 1e-9);
    assert_close(VAL(c, MC_M_PAGERANK, &t, "e"), 0.15 / 7 / (1 - 0.85 / 7), 1e-9);
    assert_close(VAL(c, MC_M_PAGERANK, &t, "f"), 0.16260162601626, 1e-9);
    /* coreness: the triangle b-c-d is the 2-core */
    assert_close(VAL(c, MC_M_CORENESS, &t, "a"), 1, 0);
    assert_close(VAL(c, MC_M_CORENESS, &t, "c"), 2, 0);
    assert_close(VAL(c, MC_M_CORENESS, &t, "e"), 0, 0);
    /* foreign share: b sends 1 to SK and 1 to PL of 4; c, d only abroad */
    assert_close(VAL(c, MC_M_FOREIGN_SHARE, &t, "a"), 0, 0);
    assert_close(VAL(c, MC_M_FOREIGN_SHARE, &t, "b"), 0.5, 1e-15);
    assert_close(VAL(c, MC_M_FOREIGN_SHARE, &t, "c"), 1, 1e-15);
    assert_close(VAL(c, MC_M_FOREIGN_SHARE, &t, "e"), 0, 0);
    /* country participation: b: 1 - (1/2)^2 - (1/4)^2 - (1/4)^2; c: 1 - (1/5)^2 - (4/5)^2 */
    assert_close(VAL(c, MC_M_COUNTRY_PARTICIPATION, &t, "a"), 0, 1e-15);
    assert_close(VAL(c, MC_M_COUNTRY_PARTICIPATION, &t, "b"), 0.625, 1e-15);
    assert_close(VAL(c, MC_M_COUNTRY_PARTICIPATION, &t, "c"), 0.32, 1e-15);
    assert_close(VAL(c, MC_M_COUNTRY_PARTICIPATION, &t, "f"), 0, 1e-15);
    mc_centrality_destroy(&c);
    tu_graph_free(&t);
}

/* Hop lengths: b still carries a-c and a-d, and c-d no longer matters. */
static void test_centrality_tiny_hops(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_centrality_options opt;
    tu_tiny(&t);
    mc_centrality_options_init(&opt);
    opt.hop_lengths = true;
    struct mc_centrality c = compute(&t, &opt);
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "b"), 2, 1e-10);
    assert_close(VAL(c, MC_M_HARMONIC, &t, "a"), (1 + 0.5 + 0.5) / 6, 1e-10);
    assert_close(VAL(c, MC_M_CLOSENESS, &t, "a"), 0.5 * 3 / 5, 1e-10);
    mc_centrality_destroy(&c);
    tu_graph_free(&t);
}

/* A node without a country: foreign share unknown, participation over partners. */
static void test_centrality_unknown_country(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_centrality_options opt;
    tu_graph_load(&t, "id,country\nx,\ny,CZ\nz,SK\n", "source,target,weight\nx,y,1\nx,z,3\n");
    mc_centrality_options_init(&opt);
    struct mc_centrality c = compute(&t, &opt);
    assert_true(isnan(VAL(c, MC_M_FOREIGN_SHARE, &t, "x")));
    assert_close(VAL(c, MC_M_COUNTRY_PARTICIPATION, &t, "x"), 1 - 1.0 / 16 - 9.0 / 16, 1e-15);
    /* y's only neighbour has no country: nothing known, so 0 */
    assert_close(VAL(c, MC_M_FOREIGN_SHARE, &t, "y"), 0, 0);
    mc_centrality_destroy(&c);
    tu_graph_free(&t);
}

/* Zachary's karate club: published values (Zachary 1977; networkx, igraph). */
static void test_centrality_zachary(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_centrality_options opt;
    tu_zachary(&t);
    mc_centrality_options_init(&opt);
    struct mc_centrality c = compute(&t, &opt);
    assert_close(VAL(c, MC_M_DEGREE, &t, "v33"), 17, 0);
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "v0"), 231.0714285714286, 1e-9);
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "v33"), 160.5515873015873, 1e-9);
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "v32"), 76.69047619047619, 1e-9);
    assert_close(VAL(c, MC_M_CLOSENESS, &t, "v0"), 0.5689655172413793, 1e-10);
    assert_close(VAL(c, MC_M_CLOSENESS, &t, "v2"), 0.559322033898305, 1e-10);
    assert_close(VAL(c, MC_M_HARMONIC, &t, "v0"), 23.16666666666666 / 33, 1e-10);
    /* solved exactly with numpy (networkx's 1e-6 power-iteration tolerance is coarser) */
    assert_close(VAL(c, MC_M_PAGERANK, &t, "v33"), 0.1009191823, 1e-9);
    assert_close(VAL(c, MC_M_PAGERANK, &t, "v0"), 0.09699728538829475, 1e-9);
    /* numpy eigh of the adjacency matrix (lambda 6.7257), scaled to max 1 */
    assert_close(VAL(c, MC_M_EIGENVECTOR, &t, "v33"), 1, 1e-9);
    assert_close(VAL(c, MC_M_EIGENVECTOR, &t, "v0"), 0.952132366476657, 1e-9);
    assert_close(VAL(c, MC_M_CORENESS, &t, "v0"), 4, 0);
    mc_centrality_destroy(&c);
    tu_graph_free(&t);
}

/* Padgett's Florentine families: Medici betweenness 47.5 (unweighted). */
static void test_centrality_florentine(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_centrality_options opt;
    tu_florentine(&t);
    mc_centrality_options_init(&opt);
    struct mc_centrality c = compute(&t, &opt);
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "Medici"), 47.5, 1e-10);
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "Guadagni"), 23.0 + 1.0 / 6, 1e-10);
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "Albizzi"), 19.0 + 1.0 / 3, 1e-10);
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "Salviati"), 13, 1e-10);
    assert_close(VAL(c, MC_M_BETWEENNESS, &t, "Pucci"), 0, 0);
    assert_close(VAL(c, MC_M_DEGREE, &t, "Medici"), 6, 0);
    /* networkx closeness of the 15 connected families is 14/25; Pucci makes n = 16 */
    assert_close(VAL(c, MC_M_CLOSENESS, &t, "Medici"), 14.0 / 25 * 14 / 15, 1e-10);
    assert_close(VAL(c, MC_M_CLOSENESS, &t, "Pucci"), 0, 0);
    mc_centrality_destroy(&c);
    tu_graph_free(&t);
}

/* The path measures agree with igraph's whole-graph functions (weighted). */
static void test_centrality_matches_igraph(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_centrality_options opt;
    igraph_vector_t len, ref;
    tu_graph_load(&t, "id,country\nA,CZ\nB,SK\nC,PL\nD,HU\nE,AT\nF,SI\n",
                  "source,target,weight\nA,B,1\nA,C,2\nB,C,3\nC,D,0.5\nD,E,2\nE,F,1.5\n"
                  "D,F,4\nB,D,1\n");
    mc_centrality_options_init(&opt);
    struct mc_centrality c = compute(&t, &opt);
    igraph_vector_init(&len, igraph_ecount(&t.g.ig));
    igraph_vector_init(&ref, 0);
    for (igraph_integer_t e = 0; e < igraph_ecount(&t.g.ig); e++) {
        VECTOR(len)[e] = 1 / VECTOR(t.g.weight)[e];
    }
    igraph_betweenness(&t.g.ig, &ref, igraph_vss_all(), false, &len);
    for (igraph_integer_t v = 0; v < t.g.n; v++) {
        assert_close(VECTOR(c.value[MC_M_BETWEENNESS])[v], VECTOR(ref)[v], 1e-9);
    }
    igraph_harmonic_centrality(&t.g.ig, &ref, igraph_vss_all(), IGRAPH_ALL, &len, true);
    for (igraph_integer_t v = 0; v < t.g.n; v++) {
        assert_close(VECTOR(c.value[MC_M_HARMONIC])[v], VECTOR(ref)[v], 1e-10);
    }
    igraph_closeness(&t.g.ig, &ref, NULL, NULL, igraph_vss_all(), IGRAPH_ALL, &len, true);
    for (igraph_integer_t v = 0; v < t.g.n; v++) {
        /* connected: Wasserman-Faust equals igraph's normalised closeness */
        assert_close(VECTOR(c.value[MC_M_CLOSENESS])[v], VECTOR(ref)[v], 1e-10);
    }
    igraph_vector_destroy(&len);
    igraph_vector_destroy(&ref);
    mc_centrality_destroy(&c);
    tu_graph_free(&t);
}

/*
 * Random graphs (G(n, m) with small integer weights, so that 1/w lengths tie
 * often: 1/2 + 1/2 = 1/1), and several components: the path measures equal
 * igraph's betweenness, closeness and harmonic centrality, with 1/w lengths
 * and with hops.
 */
static void test_centrality_random_against_igraph(void **state) {
    (void)state;
    for (int trial = 0; trial < 4; trial++) {
        igraph_t ig;
        mc_igraph_seed(100 + (unsigned long)trial);
        igraph_erdos_renyi_game_gnm(&ig, 150, trial < 2 ? 300 : 180, false, false);
        size_t cap = 64 + 40 * (size_t)igraph_ecount(&ig) + 16 * 150;
        char *nodes = malloc(cap), *edges = malloc(cap);
        size_t a = 0, b = 0;
        a += (size_t)snprintf(nodes + a, cap - a, "id,country\n");
        for (int v = 0; v < 150; v++) {
            a += (size_t)snprintf(nodes + a, cap - a, "v%d,%s\n", v, v % 3 ? "CZ" : "SK");
        }
        b += (size_t)snprintf(edges + b, cap - b, "source,target,weight\n");
        for (igraph_integer_t e = 0; e < igraph_ecount(&ig); e++) {
            b += (size_t)snprintf(edges + b, cap - b, "v%" IGRAPH_PRId ",v%" IGRAPH_PRId ",%d\n",
                                  IGRAPH_FROM(&ig, e), IGRAPH_TO(&ig, e), 1 + (int)(e % 4));
        }
        igraph_destroy(&ig);
        struct tu_graph t;
        tu_graph_load(&t, nodes, edges);
        free(nodes);
        free(edges);
        for (int hops = 0; hops <= 1; hops++) {
            struct mc_centrality_options opt;
            igraph_vector_t len, ref;
            mc_centrality_options_init(&opt);
            opt.hop_lengths = hops;
            opt.jobs = 2;
            struct mc_centrality c = compute(&t, &opt);
            igraph_vector_init(&len, igraph_ecount(&t.g.ig));
            for (igraph_integer_t e = 0; e < igraph_ecount(&t.g.ig); e++) {
                VECTOR(len)[e] = hops ? 1 : 1 / VECTOR(t.g.weight)[e];
            }
            igraph_vector_init(&ref, 0);
            igraph_betweenness(&t.g.ig, &ref, igraph_vss_all(), false, &len);
            for (igraph_integer_t v = 0; v < t.g.n; v++) {
                assert_close(VECTOR(c.value[MC_M_BETWEENNESS])[v], VECTOR(ref)[v],
                             1e-9 * (1 + VECTOR(ref)[v]));
            }
            igraph_harmonic_centrality(&t.g.ig, &ref, igraph_vss_all(), IGRAPH_ALL, &len, true);
            for (igraph_integer_t v = 0; v < t.g.n; v++) {
                assert_close(VECTOR(c.value[MC_M_HARMONIC])[v], VECTOR(ref)[v], 1e-10);
            }
            igraph_vector_int_t reach;
            igraph_vector_int_init(&reach, 0);
            igraph_closeness(&t.g.ig, &ref, &reach, NULL, igraph_vss_all(), IGRAPH_ALL, &len, true);
            for (igraph_integer_t v = 0; v < t.g.n; v++) {
                /* Wasserman-Faust: igraph's value times the reachable share */
                double r = (double)VECTOR(reach)[v]; /* reachable others */
                double want = r > 0 ? VECTOR(ref)[v] * r / 149.0 : 0;
                assert_close(VECTOR(c.value[MC_M_CLOSENESS])[v], want, 1e-10);
            }
            igraph_vector_int_destroy(&reach);
            igraph_vector_destroy(&len);
            igraph_vector_destroy(&ref);
            mc_centrality_destroy(&c);
        }
        tu_graph_free(&t);
    }
}

/* The ARPACK fallback (power iteration) gives the same eigenvector. */
static void test_centrality_eigen_fallback(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_centrality_options opt;
    tu_zachary(&t);
    mc_centrality_options_init(&opt);
    struct mc_centrality a = compute(&t, &opt);
    opt.eigen_power_iteration = true;
    struct mc_centrality b = compute(&t, &opt);
    for (igraph_integer_t v = 0; v < t.g.n; v++) {
        assert_close(VECTOR(b.value[MC_M_EIGENVECTOR])[v], VECTOR(a.value[MC_M_EIGENVECTOR])[v],
                     1e-9);
    }
    mc_centrality_destroy(&a);
    mc_centrality_destroy(&b);
    tu_graph_free(&t);
}

static bool same_vector(const igraph_vector_t *a, const igraph_vector_t *b) {
    return igraph_vector_size(a) == igraph_vector_size(b) &&
           memcmp(VECTOR(*a), VECTOR(*b), (size_t)igraph_vector_size(a) * sizeof(double)) == 0;
}

/*
 * A 30 x 20 lattice (600 vertices, one component above the small-component
 * size): sampled sources, results independent of the jobs, every source
 * gives the exact values, and the estimate is close.
 */
static void test_centrality_sampling_and_jobs(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_centrality_options opt;
    igraph_t lat;
    igraph_vector_int_t dims;
    igraph_vector_int_init(&dims, 2);
    VECTOR(dims)[0] = 30;
    VECTOR(dims)[1] = 20;
    igraph_vector_bool_t periodic;
    igraph_vector_bool_init(&periodic, 2);
    assert_int_equal(igraph_square_lattice(&lat, &dims, 1, false, false, &periodic),
                     IGRAPH_SUCCESS);
    tu_from_igraph(&t, &lat);
    igraph_destroy(&lat);
    igraph_vector_int_destroy(&dims);
    igraph_vector_bool_destroy(&periodic);

    mc_centrality_options_init(&opt);
    opt.betweenness = MC_BT_EXACT;
    opt.jobs = 1;
    struct mc_centrality exact1 = compute(&t, &opt);
    opt.jobs = 3;
    struct mc_centrality exact3 = compute(&t, &opt);
    for (int m = 0; m < MC_M_COUNT; m++) {
        if (!same_vector(&exact1.value[m], &exact3.value[m])) {
            fail_msg("%s differs between 1 and 3 jobs", mc_measure_name(m));
        }
    }
    assert_false(exact1.betweenness_sampled);
    assert_int_equal(exact1.betweenness_sources, 600);

    opt.betweenness = MC_BT_SAMPLE;
    opt.sample = 600;
    struct mc_centrality all = compute(&t, &opt);
    assert_false(all.betweenness_sampled);
    for (igraph_integer_t v = 0; v < t.g.n; v++) {
        assert_close(VECTOR(all.value[MC_M_BETWEENNESS])[v],
                     VECTOR(exact1.value[MC_M_BETWEENNESS])[v], 1e-9);
    }

    opt.sample = 150;
    opt.seed = 7;
    opt.jobs = 1;
    struct mc_centrality s1 = compute(&t, &opt);
    opt.jobs = 2;
    struct mc_centrality s2 = compute(&t, &opt);
    assert_true(s1.betweenness_sampled);
    assert_int_equal(s1.betweenness_sources, 150);
    for (int m = 0; m < MC_M_COUNT; m++) {
        assert_true(same_vector(&s1.value[m], &s2.value[m]));
    }
    /* totals are estimated within a few percent */
    double be = 0, bs = 0, he = 0, hs = 0, ce = 0, cs = 0;
    for (igraph_integer_t v = 0; v < t.g.n; v++) {
        be += VECTOR(exact1.value[MC_M_BETWEENNESS])[v];
        bs += VECTOR(s1.value[MC_M_BETWEENNESS])[v];
        he += VECTOR(exact1.value[MC_M_HARMONIC])[v];
        hs += VECTOR(s1.value[MC_M_HARMONIC])[v];
        ce += VECTOR(exact1.value[MC_M_CLOSENESS])[v];
        cs += VECTOR(s1.value[MC_M_CLOSENESS])[v];
    }
    assert_close(bs / be, 1, 0.05);
    assert_close(hs / he, 1, 0.05);
    assert_close(cs / ce, 1, 0.05);
    /* the automatic rule samples when n m exceeds the limit */
    opt.betweenness = MC_BT_AUTO;
    opt.sample = 0;
    opt.exact_limit = 1000;
    struct mc_centrality au = compute(&t, &opt);
    assert_true(au.betweenness_sampled);
    assert_int_equal(au.betweenness_sources, 100);
    mc_centrality_destroy(&exact1);
    mc_centrality_destroy(&exact3);
    mc_centrality_destroy(&all);
    mc_centrality_destroy(&s1);
    mc_centrality_destroy(&s2);
    mc_centrality_destroy(&au);
    tu_graph_free(&t);
}

/* Only the requested measures; betweenness off. */
static void test_centrality_selection(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_centrality_options opt;
    tu_tiny(&t);
    mc_centrality_options_init(&opt);
    for (int m = 0; m < MC_M_COUNT; m++) {
        opt.want[m] = m == MC_M_PAGERANK || m == MC_M_BETWEENNESS;
    }
    opt.betweenness = MC_BT_OFF;
    struct mc_centrality c = compute(&t, &opt);
    assert_true(c.computed[MC_M_PAGERANK]);
    assert_false(c.computed[MC_M_BETWEENNESS]);
    assert_false(c.computed[MC_M_DEGREE]);
    assert_int_equal(igraph_vector_size(&c.value[MC_M_DEGREE]), 0);
    mc_centrality_destroy(&c);
    tu_graph_free(&t);
}

static void test_centrality_names(void **state) {
    (void)state;
    enum mc_measure m;
    enum mc_betweenness_mode mode;
    igraph_integer_t k = 0;
    assert_true(mc_measure_parse("country_participation", &m));
    assert_int_equal(m, MC_M_COUNTRY_PARTICIPATION);
    assert_string_equal(mc_measure_name(MC_M_FOREIGN_SHARE), "foreign_share");
    assert_false(mc_measure_parse("Degree", &m));
    assert_true(mc_betweenness_mode_parse("sample:250", &mode, &k));
    assert_int_equal(mode, MC_BT_SAMPLE);
    assert_int_equal(k, 250);
    assert_true(mc_betweenness_mode_parse("exact", &mode, &k));
    assert_int_equal(mode, MC_BT_EXACT);
    assert_false(mc_betweenness_mode_parse("sample:0", &mode, &k));
    assert_false(mc_betweenness_mode_parse("sample:", &mode, &k));
    assert_false(mc_betweenness_mode_parse("fast", &mode, &k));
}

int main(void) {
    mc_igraph_setup();
    mc_igraph_seed(0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_centrality_tiny_by_hand),
        cmocka_unit_test(test_centrality_tiny_hops),
        cmocka_unit_test(test_centrality_unknown_country),
        cmocka_unit_test(test_centrality_zachary),
        cmocka_unit_test(test_centrality_florentine),
        cmocka_unit_test(test_centrality_matches_igraph),
        cmocka_unit_test(test_centrality_random_against_igraph),
        cmocka_unit_test(test_centrality_eigen_fallback),
        cmocka_unit_test(test_centrality_sampling_and_jobs),
        cmocka_unit_test(test_centrality_selection),
        cmocka_unit_test(test_centrality_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
