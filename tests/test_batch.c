/* Unit tests for src/batch.c: the forked scheduler and the reports. */
#include "testutil.h"

#include <signal.h>
#include <sys/stat.h>

#include "metaclust/batch.h"
#include "metaclust/batch_plan.h"
#include "metaclust/util.h"

static enum mc_status fake_unit(void *ctx, size_t unit, struct mc_unit_result *res,
                                struct mc_error *err) {
    (void)ctx;
    (void)res;
    switch (unit) {
    case 0:
        return MC_OK;
    case 1:
        return mc_error_set(err, MC_E_DATA, "nodes.csv", 3, "broken on purpose");
    case 2:
        raise(SIGKILL); /* dies without a word, as a crash would */
        return MC_OK;
    default:
        for (;;) { /* never ends: only the timeout stops it */
        }
    }
}

struct seen {
    size_t started, finished;
    char error[4][MC_ERROR_MSG_MAX];
};

static void on_start(void *ctx, size_t unit) {
    (void)unit;
    ((struct seen *)ctx)->started++;
}

static void on_finish(void *ctx, size_t unit, enum mc_unit_state s,
                      const struct mc_unit_result *r) {
    struct seen *x = ctx;
    (void)s;
    x->finished++;
    snprintf(x->error[unit], sizeof x->error[unit], "%s", r->error);
}

static void test_states_of_ok_failed_crashed_and_timed_out_units(void **state) {
    (void)state;
    size_t order[] = {3, 2, 1, 0};
    enum mc_unit_state st[4] = {MC_UNIT_PENDING};
    struct seen seen;
    memset(&seen, 0, sizeof seen);
    struct mc_batch_options o = {.jobs = 2, .timeout = 0.5};
    struct mc_batch_hooks h = {.ctx = &seen, .started = on_start, .finished = on_finish};
    struct mc_error err;
    assert_int_equal(mc_batch_run(order, 4, fake_unit, NULL, &o, &h, st, &err), MC_OK);
    assert_int_equal(st[0], MC_UNIT_OK);
    assert_int_equal(st[1], MC_UNIT_FAILED);
    assert_string_equal(seen.error[1], "nodes.csv:3: broken on purpose");
    assert_int_equal(st[2], MC_UNIT_CRASHED);
    assert_non_null(strstr(seen.error[2], "worker died"));
    assert_int_equal(st[3], MC_UNIT_TIMEOUT);
    assert_int_equal(seen.started, 4);
    assert_int_equal(seen.finished, 4);
}

/* Units that send bytes besides their result: 100 KiB, more than a pipe holds. */
#define EXTRA_LEN (100 * 1024)

static enum mc_status extra_unit(void *ctx, size_t unit, struct mc_unit_result *res,
                                 struct mc_error *err) {
    (void)ctx;
    (void)err;
    unsigned char *b = malloc(EXTRA_LEN);
    for (size_t i = 0; i < EXTRA_LEN; i++) {
        b[i] = (unsigned char)(i * 7 + unit);
    }
    res->extra = b;
    res->extra_len = unit == 0 ? EXTRA_LEN : 0;
    return MC_OK;
}

static void on_finish_extra(void *ctx, size_t unit, enum mc_unit_state s,
                            const struct mc_unit_result *r) {
    size_t *good = ctx;
    assert_int_equal(s, MC_UNIT_OK);
    if (unit == 1) {
        assert_int_equal(r->extra_len, 0);
        assert_null(r->extra);
        ++*good;
        return;
    }
    assert_int_equal(r->extra_len, EXTRA_LEN);
    const unsigned char *b = r->extra;
    size_t i = 0;
    while (i < EXTRA_LEN && b[i] == (unsigned char)(i * 7)) {
        i++;
    }
    assert_int_equal(i, EXTRA_LEN);
    ++*good;
}

static void test_extra_bytes_reach_the_parent(void **state) {
    (void)state;
    size_t order[] = {0, 1}, good = 0;
    enum mc_unit_state st[2] = {MC_UNIT_PENDING, MC_UNIT_PENDING};
    struct mc_batch_options o = {.jobs = 2};
    struct mc_batch_hooks h = {.ctx = &good, .finished = on_finish_extra};
    struct mc_error err;
    assert_int_equal(mc_batch_run(order, 2, extra_unit, NULL, &o, &h, st, &err), MC_OK);
    assert_int_equal(good, 2);
}

static void test_fail_fast_starts_nothing_after_a_failure(void **state) {
    (void)state;
    size_t order[] = {1, 0};
    enum mc_unit_state st[2] = {MC_UNIT_PENDING, MC_UNIT_PENDING};
    struct mc_batch_options o = {.jobs = 1, .fail_fast = true};
    struct mc_error err;
    assert_int_equal(mc_batch_run(order, 2, fake_unit, NULL, &o, NULL, st, &err), MC_OK);
    assert_int_equal(st[1], MC_UNIT_FAILED);
    assert_int_equal(st[0], MC_UNIT_PENDING);
}

static char *slurp(const char *dir, const char *name) {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 1 << 16);
    assert_true(fread(buf, 1, (1 << 16) - 1, f) > 0);
    fclose(f);
    return buf;
}

static void test_reports(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    struct mc_error err;
    json_t *rec =
        json_pack("{s:s, s:s, s:i, s:i, s:f, s:i, s:i, s:{s:s, s:s}, s:[{s:s, s:i, "
                  "s:s, s:s, s:f}]}",
                  "dataset", "demo", "sector", "ict", "nodes", 88, "edges", 220, "modularity", 0.7,
                  "communities", 6, "proposals", 1, "figures", "network", "network.png", "meta",
                  "meta.png", "top_proposals", "id", "ict-01", "size", 9, "country_list",
                  "IT 4, HR 3", "coordinator", "A <&> B", "score", 0.86);
    assert_non_null(rec);
    struct mc_unit_row rows[2] = {
        {.name = "ict",
         .dir = "ict",
         .record = rec,
         .state = MC_UNIT_OK,
         .seconds = 1.25,
         .error = ""},
        {.name = "broken",
         .dir = "broken",
         .record = NULL,
         .state = MC_UNIT_FAILED,
         .seconds = 0,
         .error = "nodes.csv:2: bad"},
    };
    assert_int_equal(mc_batch_write_reports(dir, "Demo <batch>", rows, 2, &err), MC_OK);
    char *csv = slurp(dir, "summary.csv");
    assert_string_equal(csv, "unit,dataset,sector,nodes,edges,modularity,communities,proposals,"
                             "seconds,status,error\n"
                             "ict,demo,ict,88,220,0.7,6,1,1.25,ok,\n"
                             "broken,,,,,,,,0.00,failed,nodes.csv:2: bad\n");
    char *html = slurp(dir, "index.html");
    assert_non_null(strstr(html, "<title>Demo &lt;batch&gt;</title>"));
    assert_non_null(strstr(html, "A &lt;&amp;&gt; B"));
    assert_non_null(strstr(html, "<img src=\"ict/network.png\""));
    assert_non_null(strstr(html, "class=\"card bad\""));
    assert_null(strstr(html, "http://"));
    assert_null(strstr(html, "https://"));
    char *md = slurp(dir, "report.md");
    assert_non_null(strstr(md, "| [ict](ict/) | 88 | 220 | 0.700 | 6 | 1 | 1.2 | ok |"));
    assert_non_null(strstr(md, "failed: nodes.csv:2: bad"));
    free(csv);
    free(html);
    free(md);
    json_decref(rec);
    tu_rmdir(dir);
}

/* Shards take every n-th unit; --merge builds the reports from the unit folders in OUTDIR. */
static void test_shards_and_merge(void **state) {
    (void)state;
    assert_true(mc_batch_in_shard(0, 1, 2));
    assert_false(mc_batch_in_shard(1, 1, 2));
    assert_true(mc_batch_in_shard(1, 2, 2));
    assert_true(mc_batch_in_shard(5, 0, 0)); /* no --shard: every unit */

    char *dir = tu_tmpdir();
    struct mc_error err;
    size_t units = 99;
    mc_error_init(&err);
    assert_int_equal(mc_batch_merge(dir, &dir, 1, "T", &units, &err), MC_E_DATA);
    assert_non_null(strstr(err.msg, "no unit folders (with unit.json) to merge"));
    char *other = "elsewhere";
    assert_int_equal(mc_batch_merge(dir, &other, 1, "T", &units, &err), MC_E_USAGE);
    assert_non_null(strstr(err.msg, "--merge: 'elsewhere' is not the output directory"));

    char sub[4200];
    snprintf(sub, sizeof sub, "%s/ict", dir);
    assert_int_equal(mkdir(sub, 0777), 0);
    free(tu_write(sub, "unit.json",
                  "{\"unit\": \"ict\", \"dir\": \"ict\", \"dataset\": \"demo\", "
                  "\"sector\": \"ict\", \"status\": \"ok\", \"nodes\": 5}\n"));
    assert_int_equal(mc_batch_merge(dir, &dir, 1, "T", &units, &err), MC_OK);
    assert_int_equal(units, 1);
    char *csv = slurp(dir, "summary.csv");
    assert_non_null(strstr(csv, "\nict,demo,ict,5,"));
    free(csv);
    tu_rmdir(dir);
}

/*
 * The batch's colours: every country of every input once, the most organisations over all
 * inputs first (a: AT 1, DE 3; b: AT 3, CZ 2 -> AT 4, DE 3, CZ 2), so that a figure colours
 * the big countries and not the first ones of the alphabet.
 */
static void test_palette_biggest_countries_first(void **state) {
    (void)state;
    char *top = tu_tmpdir(), path[4200];
    struct mc_batch_plan p;
    struct mc_load_options lo;
    struct mc_error err;
    snprintf(path, sizeof path, "%s/a", top);
    assert_int_equal(mkdir(path, 0700), 0);
    free(tu_write(path, "nodes.csv", "id,country\n1,AT\n2,DE\n3,DE\n4,DE\n"));
    free(tu_write(path, "edges.csv", "source,target\n1,2\n"));
    snprintf(path, sizeof path, "%s/b", top);
    assert_int_equal(mkdir(path, 0700), 0);
    free(tu_write(path, "nodes.csv", "id,country\n1,CZ\n2,AT\n3,AT\n4,AT\n5,CZ\n"));
    free(tu_write(path, "edges.csv", "source,target\n1,2\n"));
    memset(&lo, 0, sizeof lo);
    mc_batch_plan_init(&p);
    assert_int_equal(mc_batch_plan_add(&p, top, &err), MC_OK);
    assert_int_equal(mc_batch_plan_units(&p, &lo, NULL, &err), MC_OK);
    assert_int_equal(p.n_in, 2);
    assert_string_equal(p.palette, "AT,DE,CZ");
    mc_batch_plan_destroy(&p);
    tu_rmdir(top);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_states_of_ok_failed_crashed_and_timed_out_units),
        cmocka_unit_test(test_fail_fast_starts_nothing_after_a_failure),
        cmocka_unit_test(test_extra_bytes_reach_the_parent),
        cmocka_unit_test(test_reports),
        cmocka_unit_test(test_shards_and_merge),
        cmocka_unit_test(test_palette_biggest_countries_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
