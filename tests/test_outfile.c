/* Unit tests for src/outfile.c: atomic output files, devices, FIFOs, links and errors. */
#include "testutil.h"

#include <dirent.h>
#include <sys/wait.h>

#include "metaclust/outfile.h"

/* Number of entries in dir whose name contains ".tmp." (temporary files left behind). */
static int temporaries(const char *dir) {
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        n += strstr(e->d_name, ".tmp.") != NULL;
    }
    closedir(d);
    return n;
}

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_commit_and_abort(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    char path[4200];
    struct mc_outfile o;
    struct mc_error err;
    snprintf(path, sizeof path, "%s/out.txt", dir);
    assert_int_equal(mc_outfile_open(&o, path, &err), MC_OK);
    fputs("first", o.f);
    assert_int_equal(access(path, F_OK), -1); /* nothing under the final name yet */
    assert_int_equal(temporaries(dir), 1);
    assert_int_equal(mc_outfile_commit(&o, &err), MC_OK);
    assert_string_equal(slurp(path), "first");
    /* an aborted rewrite leaves the old file and no temporary */
    assert_int_equal(mc_outfile_open(&o, path, &err), MC_OK);
    fputs("second", o.f);
    mc_outfile_abort(&o);
    assert_string_equal(slurp(path), "first");
    assert_int_equal(temporaries(dir), 0);
    mc_outfile_abort(&o); /* safe twice */
    tu_rmdir(dir);
}

static void test_open_errors(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    char path[4200], want[4400];
    struct mc_outfile o;
    struct mc_error err;
    snprintf(path, sizeof path, "%s/no/such/out.txt", dir);
    assert_int_equal(mc_outfile_open(&o, path, &err), MC_E_IO);
    snprintf(want, sizeof want, "%s: cannot write: directory '%s/no/such' does not exist", path,
             dir);
    assert_string_equal(err.msg, want);
    char *file = tu_write(dir, "plain", "x");
    snprintf(path, sizeof path, "%s/out.txt", file);
    assert_int_equal(mc_outfile_open(&o, path, &err), MC_E_IO);
    snprintf(want, sizeof want, "%s: cannot write: '%s' is not a directory", path, file);
    assert_string_equal(err.msg, want);
    assert_int_equal(mc_outfile_open(&o, dir, &err), MC_E_USAGE);
    snprintf(want, sizeof want, "%s: is a directory, expected a file name", dir);
    assert_string_equal(err.msg, want);
    assert_int_equal(mc_outfile_open(&o, "", &err), MC_E_USAGE);
    assert_string_equal(err.msg, "empty output file name (use '-' for standard output)");
    if (getuid() != 0) { /* root writes anywhere */
        assert_int_equal(chmod(dir, 0555), 0);
        snprintf(path, sizeof path, "%s/out.txt", dir);
        assert_int_equal(mc_outfile_open(&o, path, &err), MC_E_IO);
        snprintf(want, sizeof want, "%s: cannot write: directory '%s' is not writable", path, dir);
        assert_string_equal(err.msg, want);
        assert_int_equal(chmod(dir, 0755), 0);
    }
    assert_int_equal(temporaries(dir), 0);
    free(file);
    tu_rmdir(dir);
}

static bool is_device(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

/* Devices are written in place: /dev/full reports the full disk and stays a device. */
static void test_devices_written_in_place(void **state) {
    (void)state;
    struct mc_outfile o;
    struct mc_error err;
    struct stat st;
    if (!is_device("/dev/null") || !is_device("/dev/full")) {
        print_message("skipped: /dev/null or /dev/full is not a device here\n");
        skip();
    }
    assert_int_equal(mc_outfile_open(&o, "/dev/null", &err), MC_OK);
    assert_true(o.direct);
    fputs("nothing", o.f);
    assert_int_equal(mc_outfile_commit(&o, &err), MC_OK);
    if (access("/dev/full", W_OK) == 0) {
        assert_int_equal(mc_outfile_open(&o, "/dev/full", &err), MC_OK);
        for (int i = 0; i < 1000; i++) {
            fputs("0123456789", o.f);
        }
        assert_int_equal(mc_outfile_commit(&o, &err), MC_E_IO);
        assert_string_equal(err.msg, "/dev/full: write error: No space left on device");
        assert_int_equal(stat("/dev/full", &st), 0);
        assert_true(S_ISCHR(st.st_mode));
        /* an abort must not remove a device either */
        assert_int_equal(mc_outfile_open(&o, "/dev/full", &err), MC_OK);
        mc_outfile_abort(&o);
        assert_int_equal(stat("/dev/full", &st), 0);
        assert_true(S_ISCHR(st.st_mode));
    }
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
}

static void test_fifo_written_in_place(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    char path[4200], copy[4200];
    snprintf(path, sizeof path, "%s/pipe", dir);
    snprintf(copy, sizeof copy, "%s/copy", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) { /* the reader: copies the FIFO into a file */
        FILE *in = fopen(path, "rb"), *out = fopen(copy, "wb");
        char buf[64];
        size_t n;
        while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0) {
            fwrite(buf, 1, n, out);
        }
        _exit(in && out && fclose(out) == 0 ? 0 : 1);
    }
    struct mc_outfile o;
    struct mc_error err;
    assert_int_equal(mc_outfile_open(&o, path, &err), MC_OK);
    fputs("through the pipe", o.f);
    assert_int_equal(mc_outfile_commit(&o, &err), MC_OK);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_string_equal(slurp(copy), "through the pipe");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(temporaries(dir), 0);
    tu_rmdir(dir);
}

/* A link to a regular file: the file is replaced atomically, the link stays a link. */
static void test_symlink_target_replaced(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    char link[4200];
    char *target = tu_write(dir, "target.txt", "old");
    snprintf(link, sizeof link, "%s/link.txt", dir);
    assert_int_equal(symlink(target, link), 0);
    struct mc_outfile o;
    struct mc_error err;
    assert_int_equal(mc_outfile_open(&o, link, &err), MC_OK);
    fputs("new", o.f);
    assert_int_equal(mc_outfile_commit(&o, &err), MC_OK);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_string_equal(slurp(target), "new");
    assert_int_equal(temporaries(dir), 0);
    free(target);
    tu_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_and_abort),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_devices_written_in_place),
        cmocka_unit_test(test_fifo_written_in_place),
        cmocka_unit_test(test_symlink_target_replaced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
