#include "metaclust/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void mc_error_init(struct mc_error *err) {
    err->status = MC_OK;
    err->msg[0] = '\0';
}

static enum mc_status vset(struct mc_error *err, enum mc_status status, const char *file, long line,
                           long col, const char *fmt, va_list ap) {
    if (err == NULL) {
        return status;
    }
    size_t off = 0;
    int n = 0;
    if (file != NULL && line > 0 && col > 0) {
        n = snprintf(err->msg, sizeof err->msg, "%s:%ld:%ld: ", file, line, col);
    } else if (file != NULL && line > 0) {
        n = snprintf(err->msg, sizeof err->msg, "%s:%ld: ", file, line);
    } else if (file != NULL) {
        n = snprintf(err->msg, sizeof err->msg, "%s: ", file);
    }
    if (n > 0) {
        off = (size_t)n < sizeof err->msg ? (size_t)n : sizeof err->msg - 1;
    }
    vsnprintf(err->msg + off, sizeof err->msg - off, fmt, ap);
    /* one line, always: a newline in the data must not split the message */
    for (char *p = err->msg; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            *p = ' ';
        }
    }
    err->status = status;
    return status;
}

enum mc_status mc_error_set(struct mc_error *err, enum mc_status status, const char *file,
                            long line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    enum mc_status st = vset(err, status, file, line, 0, fmt, ap);
    va_end(ap);
    return st;
}

enum mc_status mc_error_setc(struct mc_error *err, enum mc_status status, const char *file,
                             long line, long col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    enum mc_status st = vset(err, status, file, line, col, fmt, ap);
    va_end(ap);
    return st;
}

void mc_error_prefix(struct mc_error *err, const char *prefix) {
    char tmp[MC_ERROR_MSG_MAX];
    size_t lp = strlen(prefix), lm = strlen(err->msg);
    if (lp + 2 >= sizeof tmp) {
        return;
    }
    memcpy(tmp, prefix, lp);
    memcpy(tmp + lp, ": ", 2);
    size_t room = sizeof tmp - lp - 3;
    if (lm > room) {
        lm = room;
    }
    memcpy(tmp + lp + 2, err->msg, lm);
    tmp[lp + 2 + lm] = '\0';
    memcpy(err->msg, tmp, sizeof tmp);
}

int mc_status_exit_code(enum mc_status status) {
    switch (status) {
    case MC_OK:
        return 0;
    case MC_E_USAGE:
        return 2;
    case MC_E_PARTIAL:
        return 3;
    case MC_E_INTERRUPTED:
        return 130;
    default:
        return 1;
    }
}

const char *mc_status_name(enum mc_status status) {
    static const char *const names[] = {"ok",     "usage",  "data",        "io",     "nomem",
                                        "igraph", "render", "interrupted", "partial"};
    if ((size_t)status < sizeof names / sizeof names[0]) {
        return names[status];
    }
    return "unknown";
}
