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
    char *path; /* final name; NULL for stdout */
    char *tmp;  /* temporary name while open */
    int slot;   /* registry slot for signal-time cleanup, -1 if none */
};

/*
 * Opens `path` for writing through a temporary file; NULL or "-" means
 * standard output (written directly, checked at commit). Errors: MC_E_IO
 * naming the directory when it is missing or not writable.
 */
enum mc_status mc_outfile_open(struct mc_outfile *o, const char *path, struct mc_error *err);

/*
 * Flushes, checks for write errors (a full disk shows up here), closes and
 * renames the temporary file into place. The outfile is empty afterwards,
 * whatever the result; on failure the temporary file is gone.
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

/* Writes a whole string to `path` atomically. */
enum mc_status mc_write_text_file(const char *path, const char *text, struct mc_error *err);

#endif
