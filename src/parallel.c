#include "metaclust/parallel.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "metaclust/util.h"

/*
 * Every task sends one record: a status, the error message (empty when the
 * task succeeded) and the payload. Fixed-size records keep the parent's side
 * a plain byte count; a worker stops after its first failing task.
 */
struct rec_head {
    int32_t status;
    char msg[MC_ERROR_MSG_MAX];
};
/* the payload starts 16-byte aligned (tasks write doubles into it) */
#define HEAD_SIZE ((sizeof(struct rec_head) + 15) & ~(size_t)15)

struct worker {
    pid_t pid;
    int fd;        /* read end; -1 once closed */
    size_t ntasks; /* tasks w, w + jobs, ... */
    size_t expect; /* bytes */
    size_t got;
    unsigned char *buf;
};

int mc_parallel_default_jobs(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) {
        return 1;
    }
    return n > 16 ? 16 : (int)n;
}

static bool write_all(int fd, const void *p, size_t n) {
    const unsigned char *b = p;
    while (n > 0) {
        ssize_t k = write(fd, b, n);
        if (k < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        b += k;
        n -= (size_t)k;
    }
    return true;
}

/* The worker process: runs its tasks, writes the records, never returns. */
static void run_worker(int fd, int w, int jobs, size_t ntasks, size_t out_size, mc_task_fn fn,
                       void *ctx) {
    size_t rec = HEAD_SIZE + out_size;
    unsigned char *buf = aligned_alloc(16, (rec + 15) & ~(size_t)15);
    if (buf == NULL) {
        _exit(3);
    }
    for (size_t t = (size_t)w; t < ntasks; t += (size_t)jobs) {
        struct mc_error e;
        struct rec_head *h = (struct rec_head *)buf;
        mc_error_init(&e);
        memset(buf, 0, rec);
        enum mc_status st = fn(ctx, t, buf + HEAD_SIZE, &e);
        h->status = (int32_t)st;
        if (st != MC_OK) {
            snprintf(h->msg, sizeof h->msg, "%s", e.msg);
        }
        if (!write_all(fd, buf, rec)) {
            _exit(4);
        }
        if (st != MC_OK) {
            break;
        }
    }
    close(fd);
    /* _exit: no atexit handlers or stdio flushes of the parent's buffers */
    _exit(0);
}

static enum mc_status run_inline(size_t ntasks, size_t out_size, mc_task_fn fn, void *ctx,
                                 unsigned char *results, struct mc_error *err) {
    for (size_t t = 0; t < ntasks; t++) {
        enum mc_status rc = fn(ctx, t, results + t * out_size, err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    return MC_OK;
}

/* Reads every worker's records until all pipes are closed. */
static void collect(struct worker *wk, int nw) {
    struct pollfd *pfd = calloc((size_t)nw, sizeof *pfd);
    int *which = calloc((size_t)nw, sizeof *which);
    bool killed = false;
    if (pfd == NULL || which == NULL) {
        /* fall back to reading the pipes one after the other */
        for (int w = 0; w < nw; w++) {
            while (wk[w].fd >= 0) {
                ssize_t k = read(wk[w].fd, wk[w].buf + wk[w].got, wk[w].expect - wk[w].got);
                if (k < 0 && errno == EINTR) {
                    continue;
                }
                if (k <= 0 || (wk[w].got += (size_t)k) == wk[w].expect) {
                    close(wk[w].fd);
                    wk[w].fd = -1;
                }
            }
        }
        free(pfd);
        free(which);
        return;
    }
    for (;;) {
        int np = 0;
        for (int w = 0; w < nw; w++) {
            if (wk[w].fd >= 0) {
                pfd[np].fd = wk[w].fd;
                pfd[np].events = POLLIN;
                pfd[np].revents = 0;
                which[np++] = w;
            }
        }
        if (np == 0) {
            break;
        }
        if (poll(pfd, (nfds_t)np, -1) < 0) {
            if (errno == EINTR) {
                if (mc_interrupted() && !killed) {
                    /* the workers may not have seen the signal (kill PID) */
                    for (int w = 0; w < nw; w++) {
                        if (wk[w].pid > 0) {
                            kill(wk[w].pid, SIGTERM);
                        }
                    }
                    killed = true;
                }
                continue;
            }
            break;
        }
        for (int i = 0; i < np; i++) {
            struct worker *x = &wk[which[i]];
            if (pfd[i].revents == 0) {
                continue;
            }
            unsigned char sink[4096];
            bool full = x->got == x->expect;
            ssize_t k = full ? read(x->fd, sink, sizeof sink)
                             : read(x->fd, x->buf + x->got, x->expect - x->got);
            if (k < 0 && errno == EINTR) {
                continue;
            }
            if (k <= 0) {
                close(x->fd);
                x->fd = -1;
            } else if (!full) {
                x->got += (size_t)k;
            }
        }
    }
    free(pfd);
    free(which);
}

enum mc_status mc_parallel_map(int jobs, size_t ntasks, size_t out_size, mc_task_fn fn, void *ctx,
                               void *results, struct mc_error *err) {
    unsigned char *res = results;
    if (jobs <= 1 || ntasks <= 1) {
        return run_inline(ntasks, out_size, fn, ctx, res, err);
    }
    if ((size_t)jobs > ntasks) {
        jobs = (int)ntasks;
    }
    size_t rec = HEAD_SIZE + out_size;
    enum mc_status rc = MC_OK;
    struct worker *wk = calloc((size_t)jobs, sizeof *wk);
    if (wk == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (workers)");
    }
    int nw = 0;
    fflush(NULL); /* nothing buffered may be written twice */
    for (int w = 0; w < jobs; w++) {
        struct worker *x = &wk[w];
        x->fd = -1;
        x->ntasks = (ntasks - (size_t)w + (size_t)jobs - 1) / (size_t)jobs;
        if (!mc_mul_ok(x->ntasks, rec, &x->expect) || (x->buf = malloc(x->expect)) == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (worker results)");
            break;
        }
        int p[2];
        if (pipe(p) != 0) {
            free(x->buf);
            x->buf = NULL;
            rc = mc_error_set(err, MC_E_IO, NULL, 0, "cannot create a pipe: %s", strerror(errno));
            break;
        }
        pid_t pid = fork();
        if (pid < 0) {
            close(p[0]);
            close(p[1]);
            free(x->buf);
            x->buf = NULL;
            rc = mc_error_set(err, MC_E_IO, NULL, 0, "cannot start a worker process: %s",
                              strerror(errno));
            break;
        }
        if (pid == 0) {
            close(p[0]);
            for (int v = 0; v < w; v++) {
                if (wk[v].fd >= 0) {
                    close(wk[v].fd);
                }
            }
            run_worker(p[1], w, jobs, ntasks, out_size, fn, ctx);
        }
        close(p[1]);
        x->pid = pid;
        x->fd = p[0];
        nw++;
    }
    collect(wk, nw);

    /* statuses, then the records in task order */
    int died_sig = 0, died_code = 0;
    for (int w = 0; w < nw; w++) {
        int status = 0;
        while (waitpid(wk[w].pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (WIFSIGNALED(status) && died_sig == 0) {
            died_sig = WTERMSIG(status);
        } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0 && died_code == 0) {
            died_code = WEXITSTATUS(status);
        }
    }
    for (size_t t = 0; rc == MC_OK && t < ntasks; t++) {
        struct worker *x = &wk[t % (size_t)jobs];
        size_t off = (t / (size_t)jobs) * rec;
        if (off + rec > x->got) {
            if (mc_interrupted()) {
                rc = mc_error_set(err, MC_E_INTERRUPTED, NULL, 0, "interrupted");
            } else if (died_sig != 0) {
                rc = mc_error_set(err, MC_E_IGRAPH, NULL, 0,
                                  "a worker process was killed by signal %d (%s)", died_sig,
                                  strsignal(died_sig));
            } else {
                rc = mc_error_set(err, MC_E_IO, NULL, 0,
                                  "a worker process ended without its results (exit code %d)",
                                  died_code);
            }
            break;
        }
        const struct rec_head *h = (const struct rec_head *)(x->buf + off);
        if (h->status != MC_OK) {
            rc = mc_error_set(err, (enum mc_status)h->status, NULL, 0, "%s", h->msg);
            break;
        }
        memcpy(res + t * out_size, x->buf + off + HEAD_SIZE, out_size);
    }
    for (int w = 0; w < jobs; w++) {
        free(wk[w].buf);
    }
    free(wk);
    return rc;
}
