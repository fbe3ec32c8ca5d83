#ifndef METACLUST_OUTFILE_H
#define METACLUST_OUTFILE_H

/*
 * Atomic output files. Every file metaclust writes goes through here: the
 * data is written to a temporary file next to the target ("NAME.tmp.XXXXXX")
 * and renamed into place only after every write, the flush and the close
 * succeeded. On failure or interruption the temporary file is removed, so a
 * reader never sees a half-written result.
 */

#include <stdbool.h>
#include <stdio.h>

#include "metaclust/error.h"

struct mc_outfile {
    FILE *f;
    char *path;  /* final name; NULL for stdout */
    char *tmp;   /* temporary name while open; NULL when written in place */
    int slot;    /* registry slot for signal-time cleanup, -1 if none */
    bool direct; /* a device or FIFO, written in place */
};

/*
 * Opens `path` for writing through a temporary file; NULL or "-" means
 * standard output (written directly, checked at commit). An existing path
 * that is not a regular file (a device such as /dev/null or /dev/full, a
 * FIFO, a socket) is opened and written in place: there is nothing to rename
 * onto, and a write error is reported at commit. A symbolic link to a regular
 * file is resolved: the file it names is replaced, the link is kept.
 * Errors: MC_E_USAGE when `path` is a directory; MC_E_IO naming the
 * directory when it is missing, not a directory or not writable.
 */
enum mc_status mc_outfile_open(struct mc_outfile *o, const char *path, struct mc_error *err);

/*
 * Flushes, checks for write errors (a full disk shows up here), closes and
 * renames the temporary file into place. The outfile is empty afterwards,
 * whatever the result; on failure the temporary file is gone (what was
 * written to a device or FIFO cannot be taken back).
 */
enum mc_status mc_outfile_commit(struct mc_outfile *o, struct mc_error *err);

/* Closes and removes the temporary file. Safe on an empty or committed outfile. */
void mc_outfile_abort(struct mc_outfile *o);

/*
 * Removes every temporary file still open in this process. Async-signal-safe:
 * the signal handler calls it before exiting on a second Ctrl-C.
 */
void mc_outfile_cleanup_all(void);

/* mkdir -p. MC_E_IO with the failing component named. */
enum mc_status mc_mkdirs(const char *path, struct mc_error *err);

/* Joins dir and name with one '/'; the caller frees. NULL on allocation failure. */
char *mc_path_join(const char *dir, const char *name);

/*
 * Writes DIR/NAME atomically through fn(f, path, ctx, err), which writes to
 * `f` (write errors are caught at the commit) and may fail with its own error.
 */
typedef enum mc_status mc_write_fn(FILE *f, const char *path, const void *ctx,
                                   struct mc_error *err);
enum mc_status mc_write_in_dir(const char *dir, const char *name, mc_write_fn *fn, const void *ctx,
                               struct mc_error *err);

/* Writes a whole string to `path` atomically. */
enum mc_status mc_write_text_file(const char *path, const char *text, struct mc_error *err);

#endif
