#define _XOPEN_SOURCE 700 /* realpath */
#include "metaclust/outfile.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Temporary files still open, in fixed storage so that a signal handler can
 * unlink them without allocating. A slot is "live" when its first byte is set.
 */
#define SLOTS 32
static char slot_path[SLOTS][PATH_MAX];
static volatile sig_atomic_t slot_live[SLOTS];

static int slot_take(const char *tmp) {
    if (strlen(tmp) >= PATH_MAX) {
        return -1;
    }
    for (int i = 0; i < SLOTS; i++) {
        if (!slot_live[i]) {
            strcpy(slot_path[i], tmp);
            slot_live[i] = 1;
            return i;
        }
    }
    return -1;
}

static void slot_release(int i) {
    if (i >= 0) {
        slot_live[i] = 0;
    }
}

void mc_outfile_cleanup_all(void) {
    for (int i = 0; i < SLOTS; i++) {
        if (slot_live[i]) {
            unlink(slot_path[i]);
            slot_live[i] = 0;
        }
    }
}

char *mc_path_join(const char *dir, const char *name) {
    size_t ld = strlen(dir), ln = strlen(name);
    char *p = malloc(ld + ln + 2);
    if (p == NULL) {
        return NULL;
    }
    memcpy(p, dir, ld);
    size_t off = ld;
    if (ld > 0 && dir[ld - 1] != '/') {
        p[off++] = '/';
    }
    memcpy(p + off, name, ln + 1);
    return p;
}

static void outfile_clear(struct mc_outfile *o) {
    free(o->path);
    free(o->tmp);
    o->f = NULL;
    o->path = NULL;
    o->tmp = NULL;
    o->slot = -1;
    o->direct = false;
}

/* A device, FIFO or socket: opened and written in place. */
static enum mc_status open_direct(struct mc_outfile *o, const char *path, struct mc_error *err) {
    o->path = strdup(path);
    if (o->path == NULL) {
        return mc_error_set(err, MC_E_NOMEM, path, 0, "out of memory");
    }
    o->f = fopen(path, "w");
    if (o->f == NULL) {
        int e = errno;
        outfile_clear(o);
        return mc_error_set(err, MC_E_IO, path, 0, "cannot write: %s", strerror(e));
    }
    o->direct = true;
    return MC_OK;
}

/* The message when no temporary file can be created next to o->path (which it truncates). */
static enum mc_status create_error(struct mc_outfile *o, const char *shown, int e,
                                   struct mc_error *err) {
    char *slash = strrchr(o->path, '/');
    if (slash != NULL) {
        slash[slash == o->path ? 1 : 0] = '\0'; /* "/x" -> "/" */
    }
    const char *dir = slash == NULL ? "." : o->path;
    struct stat st;
    bool exists = stat(dir, &st) == 0;
    if (e == ENOENT && !exists) {
        return mc_error_set(err, MC_E_IO, shown, 0, "cannot write: directory '%s' does not exist",
                            dir);
    }
    if (e == ENOTDIR || (exists && !S_ISDIR(st.st_mode))) {
        return mc_error_set(err, MC_E_IO, shown, 0, "cannot write: '%s' is not a directory", dir);
    }
    if (e == EACCES || e == EROFS || e == EPERM) {
        return mc_error_set(err, MC_E_IO, shown, 0, "cannot write: directory '%s' is not writable",
                            dir);
    }
    return mc_error_set(err, MC_E_IO, shown, 0,
                        "cannot write: cannot create a file in directory '%s': %s", dir,
                        strerror(e));
}

enum mc_status mc_outfile_open(struct mc_outfile *o, const char *path, struct mc_error *err) {
    o->f = NULL;
    o->path = NULL;
    o->tmp = NULL;
    o->slot = -1;
    o->direct = false;
    if (path == NULL || strcmp(path, "-") == 0) {
        o->f = stdout;
        return MC_OK;
    }
    if (path[0] == '\0') {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "empty output file name (use '-' for standard output)");
    }
    struct stat st, lst;
    char *target = NULL;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            return mc_error_set(err, MC_E_USAGE, path, 0, "is a directory, expected a file name");
        }
        if (!S_ISREG(st.st_mode)) {
            /* renaming onto /dev/full or a FIFO would replace it with a plain file */
            return open_direct(o, path, err);
        }
        if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
            target = realpath(path, NULL); /* replace the file, keep the link */
        }
    }
    o->path = target != NULL ? target : strdup(path);
    size_t len = o->path != NULL ? strlen(o->path) : 0;
    o->tmp = malloc(len + sizeof ".tmp.XXXXXX");
    if (o->path == NULL || o->tmp == NULL) {
        outfile_clear(o);
        return mc_error_set(err, MC_E_NOMEM, path, 0, "out of memory");
    }
    memcpy(o->tmp, o->path, len);
    memcpy(o->tmp + len, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        enum mc_status rc = create_error(o, path, errno, err);
        outfile_clear(o);
        return rc;
    }
    /* mkstemp creates 0600; results are ordinary files */
    mode_t um = umask(0);
    umask(um);
    (void)fchmod(fd, 0666 & ~um);
    o->slot = slot_take(o->tmp);
    o->f = fdopen(fd, "w");
    if (o->f == NULL) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        slot_release(o->slot);
        outfile_clear(o);
        return mc_error_set(err, MC_E_IO, path, 0, "cannot write: %s", strerror(e));
    }
    return MC_OK;
}

enum mc_status mc_outfile_commit(struct mc_outfile *o, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    if (o->f == NULL) {
        return MC_OK;
    }
    if (o->path == NULL) {
        /* stdout: main() closes it and reports a failure; flush to learn early */
        if (fflush(stdout) != 0 || ferror(stdout)) {
            rc = mc_error_set(err, MC_E_IO, "standard output", 0, "write error: %s",
                              strerror(errno));
        }
        o->f = NULL;
        return rc;
    }
    int e = 0;
    errno = 0;
    if (fflush(o->f) != 0 || ferror(o->f)) {
        e = errno ? errno : EIO;
    }
    if (fclose(o->f) != 0 && e == 0) {
        e = errno ? errno : EIO;
    }
    o->f = NULL;
    if (e == 0 && !o->direct && rename(o->tmp, o->path) != 0) {
        e = errno;
    }
    if (e != 0) {
        if (!o->direct) {
            unlink(o->tmp);
        }
        rc = mc_error_set(err, MC_E_IO, o->path, 0, "write error: %s", strerror(e));
    }
    slot_release(o->slot);
    outfile_clear(o);
    return rc;
}

void mc_outfile_abort(struct mc_outfile *o) {
    if (o->f != NULL && o->path != NULL) {
        fclose(o->f);
        if (!o->direct) {
            unlink(o->tmp);
        }
        slot_release(o->slot);
    }
    if (o->path != NULL || o->tmp != NULL || o->f != NULL) {
        outfile_clear(o);
    }
}

enum mc_status mc_mkdirs(const char *path, struct mc_error *err) {
    char buf[PATH_MAX];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof buf) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "invalid directory name '%s'", path);
    }
    memcpy(buf, path, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (buf[i] != '/' && buf[i] != '\0') {
            continue;
        }
        char saved = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            return mc_error_set(err, MC_E_IO, buf, 0, "cannot create directory: %s", strerror(e));
        }
        struct stat st;
        if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
            return mc_error_set(err, MC_E_IO, buf, 0, "exists and is not a directory");
        }
        buf[i] = saved;
    }
    if (access(path, W_OK) != 0) {
        return mc_error_set(err, MC_E_IO, path, 0, "directory is not writable");
    }
    return MC_OK;
}

enum mc_status mc_write_text_file(const char *path, const char *text, struct mc_error *err) {
    struct mc_outfile o;
    enum mc_status rc = mc_outfile_open(&o, path, err);
    if (rc != MC_OK) {
        return rc;
    }
    fputs(text, o.f);
    return mc_outfile_commit(&o, err);
}

enum mc_status mc_write_in_dir(const char *dir, const char *name, mc_write_fn *fn, const void *ctx,
                               struct mc_error *err) {
    char *path = mc_path_join(dir, name);
    struct mc_outfile o;
    if (path == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    enum mc_status rc = mc_outfile_open(&o, path, err);
    if (rc == MC_OK) {
        rc = fn(o.f, path, ctx, err);
        if (rc == MC_OK) {
            rc = mc_outfile_commit(&o, err);
        } else {
            mc_outfile_abort(&o);
        }
    }
    free(path);
    return rc;
}
