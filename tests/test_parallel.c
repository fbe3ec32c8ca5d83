/*
 * The fork-based parallel map: results in task order whatever the jobs,
 * errors of the lowest failing task, dying workers reported.
 */
#include "testutil.h"

#include <signal.h>

#include "metaclust/parallel.h"

struct ctx {
    long fail_at; /* task that fails, -1 none */
    long kill_at; /* task whose worker dies, -1 none */
};

static enum mc_status square(void *vctx, size_t task, void *out, struct mc_error *err) {
    struct ctx *c = vctx;
    double *d = out;
    if ((long)task == c->kill_at) {
        raise(SIGKILL);
    }
    if ((long)task == c->fail_at) {
        return mc_error_set(err, MC_E_DATA, NULL, 0, "task %zu failed", task);
    }
    d[0] = (double)task * (double)task;
    d[1] = -(double)task;
    return MC_OK;
}

static void test_parallel_order(void **state) {
    (void)state;
    struct ctx c = {-1, -1};
    struct mc_error err;
    double inl[2 * 13], par[2 * 13];
    mc_error_init(&err);
    assert_int_equal(mc_parallel_map(1, 13, 2 * sizeof(double), square, &c, inl, &err), MC_OK);
    for (int jobs = 2; jobs <= 20; jobs += 9) {
        memset(par, 0, sizeof par);
        assert_int_equal(mc_parallel_map(jobs, 13, 2 * sizeof(double), square, &c, par, &err),
                         MC_OK);
        assert_memory_equal(inl, par, sizeof inl);
    }
    assert_close(par[2 * 12], 144, 0);
    assert_true(mc_parallel_default_jobs() >= 1);
}

static void test_parallel_errors(void **state) {
    (void)state;
    struct ctx c = {5, -1};
    struct mc_error err;
    double out[2 * 8];
    mc_error_init(&err);
    assert_int_equal(mc_parallel_map(3, 8, 2 * sizeof(double), square, &c, out, &err), MC_E_DATA);
    assert_string_equal(err.msg, "task 5 failed");
    assert_int_equal(mc_parallel_map(1, 8, 2 * sizeof(double), square, &c, out, &err), MC_E_DATA);
    assert_string_equal(err.msg, "task 5 failed");
    c.fail_at = -1;
    c.kill_at = 4;
    assert_int_not_equal(mc_parallel_map(2, 8, 2 * sizeof(double), square, &c, out, &err), MC_OK);
    assert_non_null(strstr(err.msg, "killed by signal 9"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parallel_order),
        cmocka_unit_test(test_parallel_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
