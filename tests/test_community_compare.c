/*
 * Partition comparison against values computed by hand, and the partition
 * CSV reader.
 */
#include "testutil.h"

#include "metaclust/community.h"
#include "metaclust/igraph_bridge.h"

static struct mc_comparison compare(const igraph_vector_int_t *a, const igraph_vector_int_t *b) {
    struct mc_comparison c;
    struct mc_error err;
    mc_error_init(&err);
    if (mc_partition_compare(a, b, &c, &err) != MC_OK) {
        fail_msg("compare: %s", err.msg);
    }
    return c;
}

/*
 * a = {0,1,2}{3,4,5}, b = {0,1}{2,3}{4,5}. Contingency 2,1 / 0,1,2: H(a) = ln 2,
 * H(b) = ln 3, I = (2/3) ln 2. NMI = 2I / (H(a) + H(b)); VI = H(a) + H(b) - 2I.
 * ARI: sum C(n_ij,2) = 2, rows 6, columns 3, C(6,2) = 15: (2 - 1.2) / (4.5 - 1.2).
 * Split-join: 6 - (2 + 2) = 2 from a, 6 - (2 + 1 + 2) = 1 from b.
 */
static void test_compare_by_hand(void **state) {
    (void)state;
    igraph_vector_int_t a, b;
    igraph_vector_int_init_int(&a, 6, 0, 0, 0, 1, 1, 1);
    igraph_vector_int_init_int(&b, 6, 7, 7, 3, 3, 9, 9);
    struct mc_comparison c = compare(&a, &b);
    double ha = log(2), hb = log(3), i = 2.0 / 3.0 * log(2);
    assert_close(c.nmi, 2 * i / (ha + hb), 1e-12);
    assert_close(c.vi, ha + hb - 2 * i, 1e-12);
    assert_close(c.vi_normalized, (ha + hb - 2 * i) / log(6), 1e-12);
    assert_close(c.ari, 0.8 / 3.3, 1e-12);
    assert_int_equal(c.split_join_ab, 2);
    assert_int_equal(c.split_join_ba, 1);
    /* symmetric measures are symmetric */
    struct mc_comparison d = compare(&b, &a);
    assert_close(d.nmi, c.nmi, 1e-15);
    assert_close(d.ari, c.ari, 1e-15);
    assert_int_equal(d.split_join_ab, 1);
    igraph_vector_int_destroy(&a);
    igraph_vector_int_destroy(&b);
}

static void test_compare_identical_and_trivial(void **state) {
    (void)state;
    igraph_vector_int_t a, b;
    igraph_vector_int_init_int(&a, 4, 0, 0, 1, 1);
    igraph_vector_int_init_int(&b, 4, 5, 5, 2, 2);
    struct mc_comparison c = compare(&a, &b);
    assert_close(c.nmi, 1, 1e-12);
    assert_close(c.ari, 1, 1e-12);
    assert_close(c.vi, 0, 1e-12);
    assert_int_equal(c.split_join_ab + c.split_join_ba, 0);
    igraph_vector_int_destroy(&a);
    igraph_vector_int_destroy(&b);
    /* one community each: identical, whatever the formulas' 0/0 */
    igraph_vector_int_init_int(&a, 3, 0, 0, 0);
    igraph_vector_int_init_int(&b, 3, 1, 1, 1);
    c = compare(&a, &b);
    assert_close(c.nmi, 1, 1e-12);
    assert_close(c.ari, 1, 1e-12);
    assert_close(c.vi, 0, 1e-12);
    igraph_vector_int_destroy(&a);
    igraph_vector_int_destroy(&b);
    /* all singletons against one block: ARI 0, NMI 0, VI ln n */
    igraph_vector_int_init_int(&a, 4, 0, 1, 2, 3);
    igraph_vector_int_init_int(&b, 4, 0, 0, 0, 0);
    c = compare(&a, &b);
    assert_close(c.nmi, 0, 1e-12);
    assert_close(c.ari, 0, 1e-12);
    assert_close(c.vi, log(4), 1e-12);
    assert_close(c.vi_normalized, 1, 1e-12);
    igraph_vector_int_destroy(&a);
    igraph_vector_int_destroy(&b);
}

static void test_compare_sizes_differ(void **state) {
    (void)state;
    igraph_vector_int_t a, b;
    struct mc_comparison c;
    struct mc_error err;
    mc_error_init(&err);
    igraph_vector_int_init_int(&a, 3, 0, 0, 1);
    igraph_vector_int_init_int(&b, 2, 0, 0);
    assert_int_equal(mc_partition_compare(&a, &b, &c, &err), MC_E_USAGE);
    assert_string_equal(err.msg, "partitions of different sizes (3 and 2)");
    igraph_vector_int_destroy(&a);
    igraph_vector_int_destroy(&b);
}

static void test_partition_file_read(void **state) {
    (void)state;
    struct mc_partition_file p;
    struct mc_error err;
    char *dir = tu_tmpdir();
    char *truth = tu_write(dir, "truth.csv",
                           "node,meta_cluster\nx,auto-mc01\ny,\nz,auto-mc01\n"
                           "w,ict-mc02\n");
    mc_error_init(&err);
    mc_partition_file_init(&p);
    assert_int_equal(mc_partition_file_read(&p, truth, NULL, &err), MC_OK);
    assert_int_equal(p.n, 4);
    assert_int_equal(p.unassigned, 1);
    assert_int_equal(p.labels.n, 2);
    assert_int_equal(p.label[0], 0);
    assert_int_equal(p.label[1], -1);
    assert_int_equal(p.label[2], 0);
    assert_int_equal(p.label[3], 1);
    mc_partition_file_destroy(&p);

    /* a communities.csv: more columns, `community` found by name */
    char *comm = tu_write(dir, "communities.csv",
                          "id,community,community_size,confidence\nx,0,2,1\nz,0,2,1\ny,1,1,1\n");
    mc_partition_file_init(&p);
    assert_int_equal(mc_partition_file_read(&p, comm, NULL, &err), MC_OK);
    assert_int_equal(p.n, 3);
    assert_int_equal(p.label[2], 1);
    mc_partition_file_destroy(&p);

    /* an explicit column, and the errors */
    mc_partition_file_init(&p);
    assert_int_equal(mc_partition_file_read(&p, comm, "community_size", &err), MC_OK);
    assert_int_equal(p.labels.n, 2);
    mc_partition_file_destroy(&p);
    mc_partition_file_init(&p);
    assert_int_equal(mc_partition_file_read(&p, comm, "nope", &err), MC_E_DATA);
    assert_non_null(strstr(err.msg, ":1: missing column 'nope' (columns found: 'id', "));
    mc_partition_file_destroy(&p);
    char *dup = tu_write(dir, "dup.csv", "id,community\nx,1\ny,1\nx,2\n");
    mc_partition_file_init(&p);
    assert_int_equal(mc_partition_file_read(&p, dup, NULL, &err), MC_E_DATA);
    assert_non_null(strstr(err.msg, "dup.csv:4:1: duplicate id 'x' (first on line 2)"));
    mc_partition_file_destroy(&p);
    char *three = tu_write(dir, "three.csv", "id,a,b\nx,1,2\n");
    mc_partition_file_init(&p);
    assert_int_equal(mc_partition_file_read(&p, three, NULL, &err), MC_E_DATA);
    assert_non_null(strstr(err.msg, "missing column 'community'"));
    mc_partition_file_destroy(&p);
    free(truth);
    free(comm);
    free(dup);
    free(three);
    tu_rmdir(dir);
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_by_hand),
        cmocka_unit_test(test_compare_identical_and_trivial),
        cmocka_unit_test(test_compare_sizes_differ),
        cmocka_unit_test(test_partition_file_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
