#include "metaclust/batch.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <glib.h>

#include "metaclust/csvio.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/outfile.h"
#include "metaclust/report.h"
#include "metaclust/util.h"

const char *mc_unit_state_name(enum mc_unit_state s) {
    static const char *const names[] = {"pending", "ok",      "skipped",    "failed",
                                        "crashed", "timeout", "interrupted"};
    return (size_t)s < MC_ARRAY_SIZE(names) ? names[s] : "unknown";
}

/* ==== the scheduler ==== */

struct worker {
    pid_t pid;
    int fd; /* read end of the worker's result pipe */
    size_t unit;
    double start;
    bool timed_out;
    struct mc_unit_result res;
    size_t got;           /* bytes of res received */
    unsigned char *extra; /* res.extra_len bytes that follow res; NULL when none or no memory */
    size_t extra_got;
};

static bool write_all(int fd, const void *p, size_t n) {
    const unsigned char *b = p;
    while (n > 0) {
        ssize_t k = write(fd, b, n);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k <= 0) {
            return false;
        }
        b += k;
        n -= (size_t)k;
    }
    return true;
}

/* The worker: run the unit, report, and leave without touching the parent's stdio buffers. */
static void worker_main(int fd, size_t unit, mc_unit_fn fn, void *ctx, void (*cleanup)(void)) {
    struct mc_unit_result r;
    struct mc_error err;
    memset(&r, 0, sizeof r);
    mc_error_init(&err);
    mc_igraph_setup();
    double t0 = mc_now();
    enum mc_status rc = fn(ctx, unit, &r, &err);
    r.status = (int)rc;
    r.seconds = mc_now() - t0;
    if (rc != MC_OK) {
        snprintf(r.error, sizeof r.error, "%s", err.msg[0] ? err.msg : mc_status_name(rc));
    }
    if (cleanup != NULL) {
        cleanup();
    }
    fflush(NULL);
    bool ok =
        write_all(fd, &r, sizeof r) && (r.extra_len == 0 || write_all(fd, r.extra, r.extra_len));
    close(fd);
    _exit(ok ? 0 : 1);
}

static enum mc_status start_worker(struct worker *w, size_t unit, mc_unit_fn fn, void *ctx,
                                   void (*cleanup)(void), const struct worker *all, size_t nall,
                                   struct mc_error *err) {
    int p[2];
    if (pipe(p) != 0) {
        return mc_error_set(err, MC_E_IO, NULL, 0, "batch: cannot create a pipe: %s",
                            strerror(errno));
    }
    fflush(NULL); /* nothing buffered may be written twice */
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(p[0]);
        close(p[1]);
        return mc_error_set(err, MC_E_IO, NULL, 0, "batch: cannot start a worker: %s", strerror(e));
    }
    if (pid == 0) {
        /* its own process group, so a timeout can stop the worker and its helpers at once */
        setpgid(0, 0);
        close(p[0]);
        for (size_t i = 0; i < nall; i++) {
            if (all[i].pid > 0) {
                close(all[i].fd);
            }
        }
        worker_main(p[1], unit, fn, ctx, cleanup);
    }
    setpgid(pid, pid); /* also here: whichever runs first */
    close(p[1]);
    memset(w, 0, sizeof *w);
    w->pid = pid;
    w->fd = p[0];
    w->unit = unit;
    w->start = mc_now();
    return MC_OK;
}

/* Reads what is available; returns true at end of file. */
static bool drain(struct worker *w) {
    for (;;) {
        char buf[4096];
        ssize_t k = read(w->fd, buf, sizeof buf);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k < 0 && errno == EAGAIN) {
            return false;
        }
        if (k <= 0) {
            return true;
        }
        size_t room = sizeof w->res - w->got;
        size_t take = (size_t)k < room ? (size_t)k : room;
        memcpy((char *)&w->res + w->got, buf, take);
        w->got += take;
        if (take > 0 && w->got == sizeof w->res) {
            /* the worker's pointer means nothing here */
            w->res.extra = NULL;
            w->extra = w->res.extra_len > 0 ? malloc(w->res.extra_len) : NULL;
        }
        size_t more = (size_t)k - take;
        if (more > 0 && w->extra != NULL) {
            room = w->res.extra_len - w->extra_got;
            more = more < room ? more : room;
            memcpy(w->extra + w->extra_got, buf + take, more);
            w->extra_got += more;
        }
    }
}

/* Waits for a worker whose pipe is closed and classifies its end. */
static enum mc_unit_state reap(struct worker *w, bool interrupted) {
    int st = 0;
    while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR) {
    }
    close(w->fd);
    w->pid = 0;
    if (w->timed_out) {
        return MC_UNIT_TIMEOUT;
    }
    bool whole = w->got == sizeof w->res &&
                 (w->res.extra_len == 0 || (w->extra != NULL && w->extra_got == w->res.extra_len));
    if (WIFSIGNALED(st) || !whole) {
        if (interrupted) {
            return MC_UNIT_INTERRUPTED;
        }
        snprintf(w->res.error, sizeof w->res.error, "worker died (%s)",
                 WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "no result");
        w->res.status = MC_E_IGRAPH;
        return MC_UNIT_CRASHED;
    }
    if (w->res.status == MC_OK) {
        return MC_UNIT_OK;
    }
    return w->res.status == MC_E_INTERRUPTED ? MC_UNIT_INTERRUPTED : MC_UNIT_FAILED;
}

enum mc_status mc_batch_run(const size_t *order, size_t n, mc_unit_fn fn, void *fn_ctx,
                            const struct mc_batch_options *opt, const struct mc_batch_hooks *hooks,
                            enum mc_unit_state *state, struct mc_error *err) {
    int jobs = opt->jobs > 0 ? opt->jobs : 1;
    struct worker *w = calloc((size_t)jobs, sizeof *w);
    struct pollfd *pfd = calloc((size_t)jobs, sizeof *pfd);
    enum mc_status rc = MC_OK;
    size_t next = 0;
    int running = 0;
    bool stop = false, signalled = false;

    if (w == NULL || pfd == NULL) {
        free(w);
        free(pfd);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    while ((next < n && !stop) || running > 0) {
        if (mc_interrupted() && !signalled) {
            /* tell the workers; each removes its temporary files and exits */
            for (int i = 0; i < jobs; i++) {
                if (w[i].pid > 0) {
                    kill(-w[i].pid, SIGTERM);
                }
            }
            signalled = stop = true;
        }
        while (!stop && running < jobs && next < n) {
            int slot = 0;
            while (w[slot].pid > 0) {
                slot++;
            }
            size_t unit = order[next++];
            rc =
                start_worker(&w[slot], unit, fn, fn_ctx, opt->worker_cleanup, w, (size_t)jobs, err);
            if (rc != MC_OK) {
                stop = true;
                break;
            }
            running++;
            if (hooks && hooks->started) {
                hooks->started(hooks->ctx, unit);
            }
        }
        if (running == 0) {
            break;
        }
        /* wait for a result, a worker's end, a timeout or a signal */
        int np = 0, map[64];
        double t = mc_now(), wait_ms = 1000;
        for (int i = 0; i < jobs && np < 64; i++) {
            if (w[i].pid <= 0) {
                continue;
            }
            pfd[np].fd = w[i].fd;
            pfd[np].events = POLLIN;
            pfd[np].revents = 0;
            map[np++] = i;
            if (opt->timeout > 0 && !w[i].timed_out) {
                double left = (w[i].start + opt->timeout - t) * 1000;
                if (left <= 0) {
                    kill(-w[i].pid, SIGKILL);
                    w[i].timed_out = true;
                } else if (left < wait_ms) {
                    wait_ms = left;
                }
            }
        }
        int k = poll(pfd, (nfds_t)np, (int)ceil(wait_ms));
        if (k < 0 && errno != EINTR) {
            rc = mc_error_set(err, MC_E_IO, NULL, 0, "batch: poll: %s", strerror(errno));
            stop = true;
            continue;
        }
        for (int j = 0; k > 0 && j < np; j++) {
            if (pfd[j].revents == 0) {
                continue;
            }
            struct worker *x = &w[map[j]];
            if (!drain(x)) {
                continue;
            }
            enum mc_unit_state s = reap(x, signalled);
            state[x->unit] = s;
            running--;
            if (s != MC_UNIT_OK && s != MC_UNIT_INTERRUPTED && opt->fail_fast) {
                stop = true;
            }
            x->res.extra = s == MC_UNIT_OK ? x->extra : NULL;
            if (x->res.extra == NULL) {
                x->res.extra_len = 0;
            }
            if (hooks && hooks->finished) {
                hooks->finished(hooks->ctx, x->unit, s, &x->res);
            }
            free(x->extra);
            x->extra = NULL;
        }
    }
    free(w);
    free(pfd);
    if (rc == MC_OK && signalled) {
        rc = mc_error_set(err, MC_E_INTERRUPTED, NULL, 0, "batch: interrupted");
    }
    return rc;
}

/* ==== unit records ==== */

void mc_unit_row_destroy(struct mc_unit_row *r) {
    free(r->name);
    free(r->dir);
    free(r->error);
    json_decref(r->record);
    memset(r, 0, sizeof *r);
}

/* ==== summary.csv ==== */

static void num_field(FILE *f, double x) {
    char buf[MC_REAL_BUFSZ];
    mc_csv_field(f, isnan(x) ? "" : mc_fmt_real(buf, x), false);
}

static bool write_summary(FILE *f, const struct mc_unit_row *rows, size_t n) {
    static const char *const hdr[] = {"unit",    "dataset",    "sector",      "nodes",
                                      "edges",   "modularity", "communities", "proposals",
                                      "seconds", "status",     "error"};
    mc_csv_row(f, MC_ARRAY_SIZE(hdr), hdr);
    for (size_t i = 0; i < n; i++) {
        const struct mc_unit_row *r = &rows[i];
        struct mc_unit_record u;
        mc_unit_record_parse(r->record, &u);
        mc_csv_field(f, r->name, true);
        mc_csv_field(f, u.dataset, false);
        mc_csv_field(f, u.sector, false);
        num_field(f, u.nodes);
        num_field(f, u.edges);
        num_field(f, u.modularity);
        num_field(f, u.communities);
        num_field(f, u.proposals);
        char sec[32];
        double s = r->record && r->state == MC_UNIT_SKIPPED ? u.seconds : r->seconds;
        snprintf(sec, sizeof sec, "%.2f", isnan(s) ? 0.0 : s);
        mc_csv_field(f, sec, false);
        mc_csv_field(f, mc_unit_state_name(r->state), false);
        mc_csv_field(f, r->error ? r->error : "", false);
        mc_csv_end(f);
    }
    return !ferror(f);
}

/* ==== report.md ==== */

static void md_escape(FILE *f, const char *s) {
    for (; *s; s++) {
        if (strchr("|\\*_`[]<>", *s)) {
            fputc('\\', f);
        }
        fputc(*s == '\n' ? ' ' : *s, f);
    }
}

static void md_num(FILE *f, double x, const char *fmt) {
    if (isnan(x)) {
        fputs("–", f);
    } else {
        fprintf(f, fmt, x);
    }
}

static bool write_md(FILE *f, const char *title, const struct mc_unit_row *rows, size_t n,
                     const char *lead) {
    size_t ok = 0, bad = 0;
    for (size_t i = 0; i < n; i++) {
        ok += rows[i].state == MC_UNIT_OK || rows[i].state == MC_UNIT_SKIPPED;
        bad += !(rows[i].state == MC_UNIT_OK || rows[i].state == MC_UNIT_SKIPPED);
    }
    fprintf(f, "# ");
    md_escape(f, title);
    fprintf(f,
            "\n\n%zu unit%s: %zu done, %zu not. Open `index.html` for the figures; every "
            "unit's files are in its own folder.\n\n",
            n, n == 1 ? "" : "s", ok, bad);
    if (lead != NULL) {
        fputs(lead, f); /* the sectors section (sectors/section.md) */
    }
    fprintf(f, "| unit | nodes | edges | modularity | communities | proposals | seconds | "
               "status |\n");
    fprintf(f, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (size_t i = 0; i < n; i++) {
        const struct mc_unit_row *r = &rows[i];
        struct mc_unit_record u;
        mc_unit_record_parse(r->record, &u);
        fprintf(f, "| [");
        md_escape(f, r->name);
        fprintf(f, "](%s/) | ", r->dir);
        md_num(f, u.nodes, "%.0f");
        fputs(" | ", f);
        md_num(f, u.edges, "%.0f");
        fputs(" | ", f);
        md_num(f, u.modularity, "%.3f");
        fputs(" | ", f);
        md_num(f, u.communities, "%.0f");
        fputs(" | ", f);
        md_num(f, u.proposals, "%.0f");
        fprintf(f, " | %.1f | %s", r->seconds, mc_unit_state_name(r->state));
        if (r->error && *r->error) {
            fputs(": ", f);
            md_escape(f, r->error);
        }
        fputs(" |\n", f);
    }
    fputc('\n', f);
    for (size_t i = 0; i < n; i++) {
        const struct mc_unit_row *r = &rows[i];
        struct mc_unit_record u;
        mc_unit_record_parse(r->record, &u);
        if (u.n_top == 0) {
            continue;
        }
        fprintf(f, "## ");
        md_escape(f, r->name);
        fprintf(f, "\n\n");
        const char *net = u.network, *meta = u.meta;
        if (*net) {
            fprintf(f, "![network of %s](%s/%s)\n\n", r->name, r->dir, net);
        }
        if (*meta) {
            fprintf(f, "![meta-cluster map of %s](%s/%s)\n\n", r->name, r->dir, meta);
        }
        fprintf(f, "Top proposals (all of them in [proposals.md](%s/proposals.md)):\n\n", r->dir);
        fprintf(f, "| proposal | members | countries | coordinator | score |\n");
        fprintf(f, "| --- | ---: | --- | --- | ---: |\n");
        for (size_t k = 0; k < u.n_top; k++) {
            const struct mc_unit_top *p = &u.top[k];
            fprintf(f, "| %s | %.0f | ", p->id, p->size);
            md_escape(f, p->country_list);
            fputs(" | ", f);
            md_escape(f, p->coordinator);
            fprintf(f, " | %.2f |\n", p->score);
        }
        fputc('\n', f);
    }
    return !ferror(f);
}

/* ==== index.html ==== */

static void html(FILE *f, const char *s) {
    mc_xml_escape(f, s);
}

/* A path segment in an href or src: characters outside the safe set are %-escaped. */
static void url(FILE *f, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p)) {
            fputc(*p, f);
        } else {
            fprintf(f, "%%%02X", *p);
        }
    }
}

static const char *const CSS =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;margin:24px;background:#f6f6f4;"
    "color:#222}h1{font-size:22px;margin:0 0 4px}p.sub{color:#555;margin:0 0 18px}"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:18px}"
    ".card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:14px}"
    ".card h2{font-size:17px;margin:0 0 8px}.card.bad{border-color:#c0392b}"
    ".figs{display:flex;gap:8px}.figs a{flex:1}.figs img{width:100%;border:1px solid #eee}"
    "table{border-collapse:collapse;width:100%;font-size:12px;margin-top:8px}"
    "td,th{border-bottom:1px solid #eee;padding:3px 4px;text-align:left}"
    "td.n,th.n{text-align:right}.kv{font-size:13px;color:#333}.err{color:#c0392b;"
    "font-size:13px}.files{font-size:12px;margin-top:6px;display:flex;flex-wrap:wrap;gap:4px 10px}";

static bool write_html(FILE *f, const char *title, const struct mc_unit_row *rows, size_t n,
                       const char *lead) {
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<title>");
    html(f, title);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", CSS);
    html(f, title);
    fprintf(f,
            "</h1>\n<p class=\"sub\">%zu unit%s. Made by metaclust batch; see "
            "<a href=\"report.md\">report.md</a> and <a href=\"summary.csv\">summary.csv</a>."
            "</p>\n%s<div class=\"grid\">\n",
            n, n == 1 ? "" : "s", lead ? lead : "");
    static const char *const files[] = {
        "explorer.html", "proposals.html",    "proposals.md",   "proposals.xlsx",  "proposals.csv",
        "members.csv",   "missing_links.csv", "centrality.csv", "communities.csv", "info.json"};
    for (size_t i = 0; i < n; i++) {
        const struct mc_unit_row *r = &rows[i];
        bool good = r->state == MC_UNIT_OK || r->state == MC_UNIT_SKIPPED;
        fprintf(f, "<section class=\"card%s\" id=\"", good ? "" : " bad");
        html(f, r->dir);
        fprintf(f, "\">\n<h2>");
        html(f, r->name);
        fprintf(f, "</h2>\n");
        if (!good || r->record == NULL) {
            fprintf(f, "<p class=\"err\">%s", mc_unit_state_name(r->state));
            if (r->error && *r->error) {
                fputs(": ", f);
                html(f, r->error);
            }
            fprintf(f, "</p>\n</section>\n");
            continue;
        }
        struct mc_unit_record u;
        mc_unit_record_parse(r->record, &u);
        fprintf(f, "<div class=\"figs\">");
        const char *const which[] = {u.network, u.meta};
        for (size_t k = 0; k < MC_ARRAY_SIZE(which); k++) {
            const char *fig = which[k];
            if (!*fig) {
                continue;
            }
            fprintf(f, "<a href=\"");
            url(f, r->dir);
            fputc('/', f);
            url(f, fig);
            fprintf(f, "\"><img src=\"");
            url(f, r->dir);
            fputc('/', f);
            url(f, fig);
            fprintf(f, "\" alt=\"%s of ", k == 0 ? "network" : "meta-cluster map");
            html(f, r->name);
            fprintf(f, "\" loading=\"lazy\"></a>");
        }
        fprintf(f,
                "</div>\n<p class=\"kv\">%.0f nodes, %.0f edges, %.0f communities, "
                "modularity %.3f, %.0f proposals (%.1f s)</p>\n",
                u.nodes, u.edges, u.communities, u.modularity, u.proposals, r->seconds);
        if (u.n_top > 0) {
            fprintf(f, "<table><tr><th>proposal</th><th class=\"n\">members</th>"
                       "<th>countries</th><th>coordinator</th><th class=\"n\">score</th></tr>\n");
            for (size_t k = 0; k < u.n_top; k++) {
                const struct mc_unit_top *p = &u.top[k];
                fprintf(f, "<tr><td>");
                html(f, p->id);
                fprintf(f, "</td><td class=\"n\">%.0f</td><td>", p->size);
                html(f, p->country_list);
                fprintf(f, "</td><td>");
                html(f, p->coordinator);
                fprintf(f, "</td><td class=\"n\">%.2f</td></tr>\n", p->score);
            }
            fprintf(f, "</table>\n");
        }
        fprintf(f, "<div class=\"files\">");
        static const char *const figures[MC_UNIT_FORMATS] = {"network.png", "network.svg",
                                                             "network.pdf"};
        for (size_t k = 0; k < MC_UNIT_FORMATS; k++) {
            if (u.formats[k]) {
                fprintf(f, "<a href=\"");
                url(f, r->dir);
                fputc('/', f);
                url(f, figures[k]);
                fprintf(f, "\">%s</a>", figures[k]);
            }
        }
        if (*u.meta) {
            fprintf(f, "<a href=\"");
            url(f, r->dir);
            fputc('/', f);
            url(f, u.meta);
            fputs("\">", f);
            html(f, u.meta);
            fputs("</a>", f);
        }
        for (size_t k = 0; k < MC_ARRAY_SIZE(files); k++) {
            fprintf(f, "<a href=\"");
            url(f, r->dir);
            fputc('/', f);
            url(f, files[k]);
            fprintf(f, "\">%s</a>", files[k]);
        }
        fprintf(f, "</div>\n</section>\n");
    }
    fprintf(f, "</div>\n</body>\n</html>\n");
    return !ferror(f);
}

/*
 * The unit's proposals.md as HTML: GitHub-flavoured Markdown (CommonMark with pipe tables)
 * through cmark-gfm; raw HTML in the Markdown is left out (the default, safe mode).
 * NULL on ENOMEM.
 */
static char *gfm_to_html(const char *md, size_t len) {
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    char *out = NULL;
    if (p == NULL || table == NULL || !cmark_parser_attach_syntax_extension(p, table)) {
        if (p != NULL) {
            cmark_parser_free(p);
        }
        return NULL;
    }
    cmark_parser_feed(p, md, len);
    cmark_node *doc = cmark_parser_finish(p);
    if (doc != NULL) {
        out = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(p));
        cmark_node_free(doc);
    }
    cmark_parser_free(p);
    return out;
}

/*
 * OUTDIR/<dir>/proposals.html: the unit's proposals.md rendered (gfm_to_html), so that
 * nobody meets raw Markdown in a browser. No proposals.md (a failed unit): nothing to do.
 */
static enum mc_status proposals_html(const char *outdir, const struct mc_unit_row *r,
                                     struct mc_error *err) {
    char *dir = mc_path_join(outdir, r->dir);
    char *md_path = dir ? mc_path_join(dir, "proposals.md") : NULL;
    char *html_path = dir ? mc_path_join(dir, "proposals.html") : NULL;
    char *md = NULL, *body = NULL;
    gsize len = 0;
    enum mc_status rc = MC_OK;
    struct mc_outfile o;
    if (dir == NULL || md_path == NULL || html_path == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    if (!g_file_get_contents(md_path, &md, &len, NULL)) {
        goto out; /* absent or unreadable: the unit wrote none */
    }
    body = gfm_to_html(md, len);
    if (body == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    if ((rc = mc_outfile_open(&o, html_path, err)) != MC_OK) {
        goto out;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", o.f);
    html(o.f, r->name);
    fprintf(o.f, " — proposals</title>\n<style>%s</style>\n</head>\n<body>\n%s</body>\n</html>\n",
            CSS, body);
    if (ferror(o.f)) {
        mc_outfile_abort(&o);
        rc = mc_error_set(err, MC_E_IO, html_path, 0, "write error");
    } else {
        rc = mc_outfile_commit(&o, err);
    }
out:
    free(body);
    g_free(md);
    free(html_path);
    free(md_path);
    free(dir);
    return rc;
}

typedef bool (*report_fn)(FILE *f, const char *title, const struct mc_unit_row *rows, size_t n,
                          const char *lead);

static bool summary_adapter(FILE *f, const char *title, const struct mc_unit_row *rows, size_t n,
                            const char *lead) {
    (void)title;
    (void)lead;
    return write_summary(f, rows, n);
}

/* The whole of OUTDIR/NAME, or NULL when it cannot be read. */
static char *read_lead(const char *outdir, const char *name) {
    char *path = mc_path_join(outdir, name), *text = NULL;
    FILE *f = path ? fopen(path, "rb") : NULL;
    size_t len = 0;
    if (f != NULL) {
        FILE *mem = open_memstream(&text, &len);
        char buf[4096];
        size_t k;
        while (mem != NULL && (k = fread(buf, 1, sizeof buf, f)) > 0) {
            fwrite(buf, 1, k, mem);
        }
        bool ok = mem != NULL && !ferror(f);
        if (mem != NULL && fclose(mem) != 0) {
            ok = false;
        }
        if (!ok) {
            free(text);
            text = NULL;
        }
        fclose(f);
    }
    free(path);
    return text;
}

enum mc_status mc_batch_write_reports(const char *outdir, const char *title,
                                      const struct mc_unit_row *rows, size_t n,
                                      struct mc_error *err) {
    static const struct {
        const char *name;
        report_fn fn;
    } out[] = {
        {"summary.csv", summary_adapter}, {"report.md", write_md}, {"index.html", write_html}};
    enum mc_status rc = MC_OK;
    /* a section to lead with, written by `sectors` into OUTDIR/sectors/; NULL when absent */
    char *lead[MC_ARRAY_SIZE(out)] = {NULL, read_lead(outdir, "sectors/section.md"),
                                      read_lead(outdir, "sectors/section.html")};
    for (size_t i = 0; rc == MC_OK && i < n; i++) {
        if (rows[i].state == MC_UNIT_OK || rows[i].state == MC_UNIT_SKIPPED) {
            rc = proposals_html(outdir, &rows[i], err);
        }
    }
    for (size_t i = 0; rc == MC_OK && i < MC_ARRAY_SIZE(out); i++) {
        char *path = mc_path_join(outdir, out[i].name);
        struct mc_outfile o;
        if (path == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            break;
        }
        rc = mc_outfile_open(&o, path, err);
        if (rc == MC_OK) {
            if (out[i].fn(o.f, title, rows, n, lead[i])) {
                rc = mc_outfile_commit(&o, err);
            } else {
                mc_outfile_abort(&o);
                rc = mc_error_set(err, MC_E_IO, path, 0, "write error");
            }
        }
        free(path);
    }
    for (size_t i = 0; i < MC_ARRAY_SIZE(out); i++) {
        free(lead[i]);
    }
    return rc;
}
