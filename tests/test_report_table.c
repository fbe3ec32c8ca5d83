/*
 * Unit tests for src/report_table.c, the --format table writers, and the
 * library pieces the commands hand them: mc_centrality_order and
 * mc_partition_files_compare with its CSV writer (src/analysis_report.c).
 */
#include "graphs.h"

#include "metaclust/analysis_report.h"
#include "metaclust/community.h"
#include "metaclust/report_table.h"

/* What a writer printed, as a string (caller frees). */
#define CAPTURE(buf, call)                                                                         \
    do {                                                                                           \
        size_t len_;                                                                               \
        FILE *f = open_memstream(&(buf), &len_);                                                   \
        assert_non_null(f);                                                                        \
        call;                                                                                      \
        assert_int_equal(fclose(f), 0);                                                            \
    } while (0)

/* tiny: strength a 2, b 4, c 5, d 5, e 0, f 1, g 1. */
static void test_centrality_order_and_table(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_centrality_options co;
    struct mc_centrality c;
    struct mc_error err;
    igraph_integer_t *order = NULL;
    size_t n = 0;
    char *text = NULL;
    tu_tiny(&t);
    mc_error_init(&err);
    mc_centrality_options_init(&co);
    for (int m = 0; m < MC_M_COUNT; m++) {
        co.want[m] = m == MC_M_DEGREE || m == MC_M_STRENGTH;
    }
    co.jobs = 1;
    mc_centrality_init(&c);
    assert_int_equal(mc_centrality_compute(&t.g, &co, &c, &err), MC_OK);

    /* by strength, descending, ties by id; the first three */
    assert_int_equal(mc_centrality_order(&t.g, &c, MC_M_STRENGTH, 3, &order, &n, &err), MC_OK);
    assert_int_equal(n, 3);
    assert_string_equal(mc_graph_id(&t.g, order[0]), "c");
    assert_string_equal(mc_graph_id(&t.g, order[1]), "d");
    assert_string_equal(mc_graph_id(&t.g, order[2]), "b");
    CAPTURE(text, mc_centrality_table(f, &t.g, &c, order, n));
    assert_string_equal(text,
                        "id           name                         cc       degree    strength\n"
                        "c            C                            SK            2           5\n"
                        "d            D                            PL            2           5\n"
                        "b            B                            CZ            3           4\n");
    free(text);
    free(order);

    /* no measure: vertex order, every row */
    assert_int_equal(mc_centrality_order(&t.g, &c, -1, 0, &order, &n, &err), MC_OK);
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(order[i], (igraph_integer_t)i);
    }
    free(order);
    mc_centrality_destroy(&c);
    tu_graph_free(&t);
}

/*
 * A = {x y}{z}, w unassigned, u only in A; B = {x y}{z w}, v only in B.
 * Compared over x, y, z, w.
 */
static void test_partition_agreement(void **state) {
    (void)state;
    struct mc_partition_file pa, pb;
    struct mc_partition_agreement r;
    struct mc_error err;
    char *dir = tu_tmpdir(), *text = NULL;
    char *a = tu_write(dir, "a.csv", "id,community\nx,1\ny,1\nz,2\nw,\nu,3\n");
    char *b = tu_write(dir, "b.csv", "id,community\nx,A\ny,A\nz,B\nw,B\nv,C\n");
    mc_error_init(&err);
    mc_partition_file_init(&pa);
    mc_partition_file_init(&pb);
    assert_int_equal(mc_partition_file_read(&pa, a, NULL, &err), MC_OK);
    assert_int_equal(mc_partition_file_read(&pb, b, NULL, &err), MC_OK);

    /* w a community of its own in A */
    memset(&r, 0, sizeof r);
    r.a = "a.csv";
    r.b = "b.csv";
    assert_int_equal(mc_partition_files_compare(&pa, &pb, &r, &err), MC_OK);
    assert_int_equal(r.nodes, 4);
    assert_int_equal(r.only_a, 1);
    assert_int_equal(r.only_b, 1);
    assert_int_equal(r.unassigned_a, 1);
    assert_int_equal(r.unassigned_b, 0);
    assert_int_equal(r.ka, 3);
    assert_int_equal(r.kb, 2);
    assert_int_equal(r.cmp.split_join_ab, 0);
    assert_int_equal(r.cmp.split_join_ba, 1);

    /* w left out: the same partition */
    r.exclude = true;
    assert_int_equal(mc_partition_files_compare(&pa, &pb, &r, &err), MC_OK);
    assert_int_equal(r.nodes, 3);
    assert_int_equal(r.ka, 2);
    assert_int_equal(r.kb, 2);
    assert_close(r.cmp.nmi, 1, 1e-12);
    CAPTURE(text, mc_partition_agreement_table(f, &r));
    assert_string_equal(text, "compared      3 ids (unassigned ids left out)\n"
                              "communities   2 in A, 2 in B\n"
                              "NMI           1.000000\n"
                              "ARI           1.000000\n"
                              "VI            0.000000 nats (0.000000 of ln n)\n"
                              "split-join    0 (A to B 0, B to A 0)\n");
    free(text);
    CAPTURE(text, mc_partition_agreement_csv(f, &r));
    assert_string_equal(text, "nodes,communities_a,communities_b,nmi,ari,vi,vi_normalized,"
                              "split_join,split_join_ab,split_join_ba\n"
                              "3,2,2,1,1,0,0,0,0,0\n");
    free(text);

    /* nothing in common */
    char *c = tu_write(dir, "c.csv", "id,community\np,1\nq,2\n");
    mc_partition_file_destroy(&pb);
    mc_partition_file_init(&pb);
    assert_int_equal(mc_partition_file_read(&pb, c, NULL, &err), MC_OK);
    r.b = "c.csv";
    assert_int_equal(mc_partition_files_compare(&pa, &pb, &r, &err), MC_E_DATA);
    assert_string_equal(err.msg, "'a.csv' and 'c.csv' have no id in common");

    mc_partition_file_destroy(&pa);
    mc_partition_file_destroy(&pb);
    free(a);
    free(b);
    free(c);
    tu_rmdir(dir);
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_centrality_order_and_table),
        cmocka_unit_test(test_partition_agreement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
