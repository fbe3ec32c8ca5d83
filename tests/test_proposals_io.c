/* Unit tests for src/proposals_io.c: reading propose's output files. */
#include "testutil.h"

#include "metaclust/proposals_io.h"

static void test_proposals_read_fixture(void **state) {
    (void)state;
    struct mc_proposals_io s;
    struct mc_error err;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/data/render/proposals", tu_top());
    mc_proposals_io_init(&s);
    assert_int_equal(mc_proposals_io_read(&s, dir, &err), MC_OK);
    assert_int_equal(s.n, 2);
    assert_true(s.have_members && s.have_links);
    const struct mc_prop *p = mc_proposals_io_find(&s, "ict-01");
    assert_non_null(p);
    assert_int_equal(p->rank, 1);
    assert_string_equal(p->sector, "ict");
    assert_int_equal(p->size, 5);
    assert_int_equal(p->countries, 4);
    assert_string_equal(p->country_list, "PL:2;CZ:1;RO:1;SK:1");
    assert_string_equal(p->coordinator_id, "brno");
    assert_close(p->score, 0.77, 1e-12);
    assert_int_equal(p->n_member, 5);
    assert_string_equal(p->member[0], "brno");
    assert_string_equal(p->member[4], "cluj");
    assert_int_equal(s.n_member, 10);
    assert_string_equal(s.member[7].name, "Łódź");
    assert_string_equal(s.member[7].role, "connector");
    assert_close(s.member[7].participation, 0.65, 1e-12);
    assert_int_equal(s.n_link, 4);
    assert_string_equal(s.link[3].source, "rzeszow");
    assert_int_equal(s.link[3].shared, 0);
    assert_null(mc_proposals_io_find(&s, "ict-02"));
    const struct mc_prop *q;
    mc_error_init(&err);
    assert_int_equal(mc_proposals_io_require(&s, "DIR", "ict-1", &q, &err), MC_E_USAGE);
    assert_string_equal(err.msg,
                        "--proposal: no proposal 'ict-1' in 'DIR' (did you mean 'ict-01'?)");
    mc_proposals_io_destroy(&s);
}

static void test_proposals_optional_files_and_errors(void **state) {
    (void)state;
    struct mc_proposals_io s;
    struct mc_error err;
    char *dir = tu_tmpdir();
    mc_proposals_io_init(&s);
    mc_error_init(&err);
    assert_int_equal(mc_proposals_io_read(&s, dir, &err), MC_E_IO); /* no proposals.csv */
    mc_proposals_io_destroy(&s);

    free(tu_write(dir, "proposals.csv",
                  "rank,sector,proposal,size,countries,country_list,coordinator_id,"
                  "coordinator_name,cohesion,diversity,cross_border_share,stability,score,"
                  "members,extra\n"
                  "1,all,a-01,2,2,CZ:1;SK:1,x,X,,0.5,0.5,0.5,0.5,x;y,ignored\n"
                  "2,all,a-01,2,2,CZ:1;SK:1,x,X,,0.5,0.5,0.5,0.5,x;y,ignored\n"));
    mc_proposals_io_init(&s);
    assert_int_equal(mc_proposals_io_read(&s, dir, &err), MC_E_DATA);
    assert_non_null(strstr(err.msg, "proposals.csv:3:3: proposal 'a-01' listed twice"));
    mc_proposals_io_destroy(&s);

    free(tu_write(dir, "proposals.csv",
                  "rank,sector,proposal,size,countries,country_list,coordinator_id,"
                  "coordinator_name,cohesion,diversity,cross_border_share,stability,score,members\n"
                  "1,all,a-01,2,2,CZ:1;SK:1,x,X,,0.5,0.5,0.5,0.5,x;y\n"));
    mc_proposals_io_init(&s);
    assert_int_equal(mc_proposals_io_read(&s, dir, &err), MC_OK);
    assert_false(s.have_members);
    assert_false(s.have_links);
    assert_true(isnan(s.prop[0].cohesion)); /* empty: not known */
    assert_int_equal(s.prop[0].n_member, 2);
    mc_proposals_io_destroy(&s);
    tu_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_proposals_read_fixture),
        cmocka_unit_test(test_proposals_optional_files_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
