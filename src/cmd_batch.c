/*
 * metaclust batch INPUT... -o OUTDIR [--sectors all|each|none|LIST] [-j N] [--formats LIST]
 *                 [--seed N] [--runs K] [--resume] [--keep-going|--fail-fast] [--shard I/N]
 * metaclust batch --merge DIR... [-o OUTDIR]
 *
 * The whole pipeline (info, centrality, communities, proposals, figures) over
 * many units, each in a forked worker; then summary.csv, report.md and a
 * static index.html over the results.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd_common.h"
#include "metaclust/analysis_report.h"
#include "metaclust/batch.h"
#include "metaclust/centrality.h"
#include "metaclust/community.h"
#include "metaclust/figure.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/outfile.h"
#include "metaclust/parallel.h"
#include "metaclust/propose.h"
#include "metaclust/propose_report.h"
#include "metaclust/render.h"
#include "metaclust/summary.h"
#include "metaclust/util.h"
#include "metaclust/version.h"

enum {
    OPT_SECTORS = OPT_FIRST_COMMAND_SPECIFIC,
    OPT_FORMATS,
    OPT_SEED,
    OPT_RUNS,
    OPT_RESUME,
    OPT_KEEP_GOING,
    OPT_FAIL_FAST,
    OPT_SHARD,
    OPT_MERGE,
    OPT_TIMEOUT,
    OPT_TITLE
};

/*
 * Path measures (betweenness, closeness, harmonic) are exact up to n x m of
 * this, then estimated from a seeded sample of sources (about 0.1 s per unit
 * instead of seconds); `metaclust centrality` is the tool for exact values.
 */
#define BATCH_EXACT_LIMIT 1e7

/* A dataset given as INPUT (or found inside an INPUT directory). */
struct input {
    char *dir;
    char *name;
    struct mc_dataset ds;
    bool loaded;
    char error[MC_ERROR_MSG_MAX]; /* when loading failed */
    time_t mtime;                 /* newest input file */
};

struct unit {
    char *name; /* "SC3", "all", or "dataset/SC3" with several datasets */
    char *dir;  /* folder under OUTDIR */
    size_t input;
    long sector; /* -1: the whole dataset */
    double cost; /* rough work estimate, for scheduling the big units first */
};

struct batch {
    struct cli_data data;
    const char *outdir;
    struct input *in;
    size_t n_in;
    struct unit *units;
    size_t n_units, cap_units;
    unsigned long seed;
    int runs;
    int jobs;
    bool formats[3]; /* png, svg, pdf for network figures */
    bool resume, fail_fast, quiet;
    long shard_i, shard_n;
    double timeout;
    const char *title;
    char *palette_countries; /* every country of every input, sorted: one colour each */
    /* progress */
    bool tty;
    size_t done, total;
    double t0;
    enum mc_unit_state *state;
    double *seconds;
    char **errors;
    bool *running;
};

/* ==== planning ==== */

static bool has_dataset_files(const char *dir) {
    static const char *const names[] = {"nodes.csv",    "edges.csv",    "affiliations.csv",
                                        "nodes.csv.gz", "edges.csv.gz", "affiliations.csv.gz"};
    for (size_t i = 0; i < MC_ARRAY_SIZE(names); i++) {
        char *p = mc_path_join(dir, names[i]);
        struct stat st;
        bool ok = p != NULL && stat(p, &st) == 0 && S_ISREG(st.st_mode);
        free(p);
        if (ok) {
            return true;
        }
    }
    return false;
}

static time_t newest_input(const struct mc_dataset *ds) {
    const char *paths[] = {ds->path_nodes, ds->path_edges, ds->path_affiliations, ds->path_groups};
    time_t t = 0;
    for (size_t i = 0; i < MC_ARRAY_SIZE(paths); i++) {
        struct stat st;
        if (paths[i] != NULL && stat(paths[i], &st) == 0 && st.st_mtime > t) {
            t = st.st_mtime;
        }
    }
    return t;
}

static char *base_name(const char *dir) {
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/') {
        len--;
    }
    size_t start = len;
    while (start > 0 && dir[start - 1] != '/') {
        start--;
    }
    char *s = malloc(len - start + 1);
    if (s != NULL) {
        memcpy(s, dir + start, len - start);
        s[len - start] = '\0';
    }
    return s;
}

static enum mc_status add_input(struct batch *b, const char *dir, struct mc_error *err) {
    size_t cap = b->n_in;
    enum mc_status rc = mc_grow((void **)&b->in, &cap, b->n_in + 1, sizeof *b->in, err);
    if (rc != MC_OK) {
        return rc;
    }
    struct input *in = &b->in[b->n_in];
    memset(in, 0, sizeof *in);
    mc_dataset_init(&in->ds);
    in->dir = strdup(dir);
    in->name = base_name(dir);
    if (in->dir == NULL || in->name == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    b->n_in++;
    return MC_OK;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* INPUT: a dataset, or a directory whose sub-directories are datasets. */
static enum mc_status add_inputs(struct batch *b, const char *path, struct mc_error *err) {
    struct stat st;
    if (stat(path, &st) != 0) {
        return mc_error_set(err, MC_E_IO, path, 0, "no such dataset or directory");
    }
    if (!S_ISDIR(st.st_mode)) {
        return mc_error_set(err, MC_E_IO, path, 0, "not a directory");
    }
    if (has_dataset_files(path)) {
        return add_input(b, path, err);
    }
    DIR *d = opendir(path);
    if (d == NULL) {
        return mc_error_set(err, MC_E_IO, path, 0, "cannot read the directory: %s",
                            strerror(errno));
    }
    char **subs = NULL;
    size_t n = 0, cap = 0;
    enum mc_status rc = MC_OK;
    struct dirent *e;
    while (rc == MC_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        char *p = mc_path_join(path, e->d_name);
        if (p == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            break;
        }
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode) && has_dataset_files(p)) {
            rc = mc_grow((void **)&subs, &cap, n + 1, sizeof *subs, err);
            if (rc == MC_OK) {
                subs[n++] = p;
                continue;
            }
        }
        free(p);
    }
    closedir(d);
    if (rc == MC_OK && n == 0) {
        rc = mc_error_set(err, MC_E_DATA, path, 0,
                          "no dataset here (no nodes.csv, edges.csv or affiliations.csv, and no "
                          "sub-directory holding them)");
    }
    if (n > 1) {
        qsort(subs, n, sizeof *subs, cmp_str);
    }
    for (size_t i = 0; i < n; i++) {
        if (rc == MC_OK) {
            rc = add_input(b, subs[i], err);
        }
        free(subs[i]);
    }
    free(subs);
    return rc;
}

static enum mc_status add_unit(struct batch *b, size_t input, long sector, double cost,
                               struct mc_error *err) {
    const struct input *in = &b->in[input];
    enum mc_status rc =
        mc_grow((void **)&b->units, &b->cap_units, b->n_units + 1, sizeof *b->units, err);
    if (rc != MC_OK) {
        return rc;
    }
    char slug[160], name[512];
    if (sector < 0) {
        strcpy(slug, "all");
    } else {
        mc_slug(mc_dataset_sector_name(&in->ds, (int32_t)sector), slug, sizeof slug);
    }
    const char *sname = sector < 0 ? "all" : mc_dataset_sector_name(&in->ds, (int32_t)sector);
    struct unit *u = &b->units[b->n_units];
    memset(u, 0, sizeof *u);
    if (b->n_in > 1) {
        snprintf(name, sizeof name, "%s/%s", in->name, sname);
        u->name = strdup(name);
        snprintf(name, sizeof name, "%s/%s", in->name, slug);
        u->dir = strdup(name);
    } else {
        u->name = strdup(sname);
        u->dir = strdup(slug);
    }
    if (u->name == NULL || u->dir == NULL) {
        free(u->name);
        free(u->dir);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    u->input = input;
    u->sector = sector;
    u->cost = cost;
    b->n_units++;
    return MC_OK;
}

/* Rows tagged with each sector: a cheap estimate of a unit's work. */
static void sector_costs(const struct mc_dataset *ds, double *cost) {
    for (size_t s = 0; s < ds->sectors.n; s++) {
        cost[s] = 0;
    }
    for (size_t r = 0; r < ds->n_aff; r++) {
        const struct mc_tags *t = &ds->aff_sectors;
        size_t item = r;
        if (mc_tags_count(t, r) == 0) {
            t = &ds->group_sectors;
            item = (size_t)ds->aff_group[r];
        }
        for (size_t k = 0; k < mc_tags_count(t, item); k++) {
            cost[mc_tags_of(t, item)[k]] += 1;
        }
    }
    for (size_t e = 0; e < ds->n_edges; e++) {
        for (size_t k = 0; k < mc_tags_count(&ds->edge_sectors, e); k++) {
            cost[mc_tags_of(&ds->edge_sectors, e)[k]] += 1;
        }
    }
}

/*
 * The countries of every loaded input, sorted and without repeats, as the
 * --palette list of every figure: a country keeps its colour across the whole
 * batch (and across shards, which all plan the same inputs).
 */
static char *sorted_countries(const struct batch *b) {
    size_t n = 0, len = 1;
    for (size_t i = 0; i < b->n_in; i++) {
        n += b->in[i].loaded ? b->in[i].ds.countries.n : 0;
    }
    const char **k = malloc((n ? n : 1) * sizeof *k);
    if (k == NULL) {
        return NULL;
    }
    n = 0;
    for (size_t i = 0; i < b->n_in; i++) {
        for (size_t c = 0; b->in[i].loaded && c < b->in[i].ds.countries.n; c++) {
            k[n] = b->in[i].ds.countries.keys[c];
            len += strlen(k[n++]) + 1;
        }
    }
    qsort(k, n, sizeof *k, cmp_str);
    char *s = malloc(len);
    if (s != NULL) {
        size_t o = 0;
        for (size_t i = 0; i < n; i++) {
            if (i == 0 || strcmp(k[i], k[i - 1]) != 0) {
                o += (size_t)sprintf(s + o, "%s%s", o ? "," : "", k[i]);
            }
        }
        s[o] = '\0';
    }
    free(k);
    return s;
}

/*
 * Loads every input (a dataset that fails to load becomes one failed unit)
 * and lists the units: per `--sectors`, its sectors and/or the whole dataset.
 */
static enum mc_status plan(struct batch *b, const char *sectors, struct mc_error *err) {
    bool dataset_mode = b->n_in == 1;
    bool want_all, want_each;
    const char *list = NULL;
    if (sectors == NULL) {
        want_all = true;
        want_each = dataset_mode; /* a directory of datasets: one unit each, unless asked */
    } else if (strcmp(sectors, "all") == 0) {
        want_all = want_each = true;
    } else if (strcmp(sectors, "each") == 0) {
        want_all = false;
        want_each = true;
    } else if (strcmp(sectors, "none") == 0) {
        want_all = true;
        want_each = false;
    } else {
        want_all = want_each = false;
        list = sectors;
    }
    for (size_t i = 0; i < b->n_in; i++) {
        struct input *in = &b->in[i];
        struct mc_load_options lo = b->data.load;
        struct mc_error lerr;
        lo.dir = in->dir;
        mc_error_init(&lerr);
        if (mc_dataset_load(&in->ds, &lo, &lerr) != MC_OK) {
            /* recorded as a failed unit; the others go on */
            snprintf(in->error, sizeof in->error, "%s", lerr.msg);
            enum mc_status rc = add_unit(b, i, -1, 0, err);
            if (rc != MC_OK) {
                return rc;
            }
            continue;
        }
        in->loaded = true;
        in->mtime = newest_input(&in->ds);
        double total = (double)(in->ds.n_aff + in->ds.n_edges) + 1;
        double *cost = calloc(in->ds.sectors.n + 1, sizeof *cost);
        if (cost == NULL) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
        sector_costs(&in->ds, cost);
        enum mc_status rc = MC_OK;
        if (want_all || in->ds.sectors.n == 0) {
            rc = add_unit(b, i, -1, total, err);
        }
        if (rc == MC_OK && want_each) {
            /* in name order, as every listing of the batch */
            size_t ns = in->ds.sectors.n;
            long *byname = malloc((ns ? ns : 1) * sizeof *byname);
            if (byname == NULL) {
                rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            }
            for (size_t s = 0; rc == MC_OK && s < ns; s++) {
                size_t j = s;
                while (j > 0 &&
                       strcmp(in->ds.sectors.keys[byname[j - 1]], in->ds.sectors.keys[s]) > 0) {
                    byname[j] = byname[j - 1];
                    j--;
                }
                byname[j] = (long)s;
            }
            for (size_t s = 0; rc == MC_OK && s < ns; s++) {
                rc = add_unit(b, i, byname[s], cost[byname[s]], err);
            }
            free(byname);
        }
        if (rc == MC_OK && list != NULL) {
            char *copy = strdup(list), *save = NULL;
            if (copy == NULL) {
                rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            }
            for (char *tok = copy ? strtok_r(copy, ",", &save) : NULL; rc == MC_OK && tok;
                 tok = strtok_r(NULL, ",", &save)) {
                long s;
                rc = mc_dataset_require_sector(&in->ds, mc_trim(tok), &s, err);
                if (rc == MC_OK) {
                    rc = add_unit(b, i, s, cost[s], err);
                }
            }
            free(copy);
        }
        free(cost);
        if (rc != MC_OK) {
            return rc;
        }
    }
    b->palette_countries = sorted_countries(b);
    if (b->palette_countries == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    return MC_OK;
}

/* ==== the pipeline of one unit (in a worker) ==== */

static enum mc_status write_with(const char *dir, const char *name,
                                 void (*fn)(FILE *f, const void *ctx), const void *ctx,
                                 const json_t *json, struct mc_error *err) {
    char *path = mc_path_join(dir, name);
    if (path == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    struct mc_outfile o;
    enum mc_status rc = mc_outfile_open(&o, path, err);
    if (rc == MC_OK) {
        if (json != NULL) {
            rc = mc_json_write(json, o.f, path, err);
        } else {
            fn(o.f, ctx);
        }
        if (rc == MC_OK) {
            rc = mc_outfile_commit(&o, err);
        } else {
            mc_outfile_abort(&o);
        }
    }
    free(path);
    return rc;
}

struct cent_ctx {
    const struct mc_graph *g;
    const struct mc_centrality *c;
};

static void cent_csv(FILE *f, const void *ctx) {
    const struct cent_ctx *c = ctx;
    mc_centrality_csv(f, c->g, c->c, NULL, (size_t)c->g->n);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The record (unit.json) written last: the reports are rebuilt from it. */
static json_t *unit_record(const struct batch *b, const struct unit *u, const struct mc_graph *g,
                           const struct mc_comm_result *cr, const struct mc_sector_proposals *sp,
                           const char *network, double t0, const double *tm) {
    double seconds = tm[5] - t0;
    const struct mc_dataset *ds = g->ds;
    json_t *r = json_object(), *top = json_array(), *figs = json_object(), *fmts = json_array(),
           *times = json_object();
    bool ok = r && top && figs && fmts && times;
    static const char *const phases[] = {"graph",       "info",      "centrality",
                                         "communities", "proposals", "figures"};
    for (size_t k = 0; ok && k < MC_ARRAY_SIZE(phases); k++) {
        double d = tm[k] - (k == 0 ? t0 : tm[k - 1]);
        ok = mc_json_put(times, phases[k], json_real(round(d * 1000) / 1000));
    }
    for (size_t i = 0; ok && i < sp->n_proposals && i < 5; i++) {
        const struct mc_proposal *p = &sp->proposals[i];
        char list[256] = "";
        size_t o = 0;
        for (size_t k = 0; k < p->size && p->countries[k].count > 0 && o < sizeof list; k++) {
            int w = snprintf(list + o, sizeof list - o, "%s%s %zu", k ? ", " : "",
                             mc_dataset_country_name(ds, p->countries[k].country),
                             p->countries[k].count);
            o += w > 0 ? (size_t)w : 0;
        }
        json_t *x = json_object();
        ok = x && mc_json_put(x, "id", json_string(p->id)) &&
             mc_json_put(x, "size", json_integer((json_int_t)p->size)) &&
             mc_json_put(x, "country_list", json_string(list)) &&
             mc_json_put(x, "coordinator", json_string(ds->node_name[p->coordinator])) &&
             mc_json_put(x, "score", json_real(round(p->score * 1e6) / 1e6)) &&
             json_array_append_new(top, x) == 0;
    }
    static const char *const fnames[] = {"png", "svg", "pdf"};
    for (size_t k = 0; ok && k < 3; k++) {
        if (b->formats[k]) {
            ok = json_array_append_new(fmts, json_string(fnames[k])) == 0;
        }
    }
    ok =
        ok && mc_json_put(figs, "network", json_string(network)) &&
        mc_json_put(figs, "meta", json_string("meta.png")) &&
        mc_json_put(r, "unit", json_string(u->name)) &&
        mc_json_put(r, "dir", json_string(u->dir)) &&
        mc_json_put(r, "dataset", json_string(ds->name)) &&
        mc_json_put(r, "sector", json_string(mc_graph_sector_name(g))) &&
        mc_json_put(r, "status", json_string("ok")) &&
        mc_json_put(r, "nodes", json_integer((json_int_t)g->n)) &&
        mc_json_put(r, "edges", json_integer((json_int_t)igraph_ecount(&g->ig))) &&
        mc_json_put(r, "total_weight", mc_json_number(g->total_weight)) &&
        mc_json_put(r, "modularity", mc_json_number(round(cr->consensus.modularity * 1e9) / 1e9)) &&
        mc_json_put(r, "communities", json_integer((json_int_t)cr->consensus.n_communities)) &&
        mc_json_put(r, "stability_nmi", mc_json_number(round(cr->nmi_mean * 1e9) / 1e9)) &&
        mc_json_put(r, "proposals", json_integer((json_int_t)sp->n_proposals)) &&
        mc_json_put(r, "seconds", json_real(round(seconds * 100) / 100)) &&
        mc_json_put(r, "seed", json_integer((json_int_t)b->seed)) &&
        mc_json_put(r, "runs", json_integer(b->runs)) &&
        mc_json_put(r, "projection", json_string(mc_projection_name(b->data.view.projection))) &&
        mc_json_put(r, "version", json_string(MC_VERSION)) &&
        json_object_set(r, "formats", fmts) == 0 && json_object_set(r, "figures", figs) == 0 &&
        json_object_set(r, "top_proposals", top) == 0 && json_object_set(r, "timings", times) == 0;
    json_decref(times);
    json_decref(top);
    json_decref(figs);
    json_decref(fmts);
    if (!ok) {
        json_decref(r);
        return NULL;
    }
    return r;
}

static enum mc_status unit_figures(const struct batch *b, const struct unit *u,
                                   const struct input *in, const struct mc_graph *g,
                                   const char *dir, const struct mc_comm_result *cr,
                                   const struct mc_sector_proposals *sp, char *network,
                                   size_t netsz, struct mc_error *err) {
    static const char *const ext[] = {"png", "svg", "pdf"};
    static const enum mc_figure_format fmt[] = {MC_FIG_PNG, MC_FIG_SVG, MC_FIG_PDF};
    enum mc_status rc = MC_OK;
    (void)u;
    network[0] = '\0';
    for (size_t k = 0; rc == MC_OK && k < 3; k++) {
        if (!b->formats[k]) {
            continue;
        }
        char name[32];
        snprintf(name, sizeof name, "network.%s", ext[k]);
        if (network[0] == '\0' || k == 0) {
            snprintf(network, netsz, "%s", name);
        }
        struct mc_figure_options fig;
        mc_figure_options_init(&fig);
        fig.render.format = fmt[k];
        fig.colour = MC_FIGURE_COLOUR_COUNTRY;
        fig.palette = b->palette_countries;
        fig.seed = b->seed;
        fig.membership = &cr->consensus.membership;
        fig.modularity = cr->consensus.modularity;
        char *path = mc_path_join(dir, name);
        if (path == NULL) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
        rc = mc_figure_draw(&in->ds, g, &fig, path, NULL, err);
        free(path);
    }
    if (rc == MC_OK) {
        /* the meta-cluster map: one node per proposal, country mix as pies */
        struct mc_figure_options fig;
        mc_figure_options_init(&fig);
        fig.render.format = MC_FIG_PNG;
        fig.meta = true;
        fig.proposals = sp;
        fig.proposals_dir = dir;
        fig.colour = MC_FIGURE_COLOUR_COUNTRY;
        fig.palette = b->palette_countries;
        fig.seed = b->seed;
        fig.membership = &cr->consensus.membership;
        fig.modularity = cr->consensus.modularity;
        char *path = mc_path_join(dir, "meta.png");
        if (path == NULL) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
        rc = mc_figure_draw(&in->ds, g, &fig, path, NULL, err);
        free(path);
    }
    return rc;
}

static enum mc_status run_unit(void *ctx, size_t index, struct mc_error *err) {
    const struct batch *b = ctx;
    const struct unit *u = &b->units[index];
    const struct input *in = &b->in[u->input];
    struct mc_graph g;
    struct mc_summary sum;
    struct mc_centrality cen;
    struct mc_comm_result cr;
    struct mc_comm_table table;
    struct mc_sector_proposals sp;
    json_t *info = NULL, *rec = NULL;
    char *dir = NULL;
    double t0 = now();
    double tm[8] = {
        0}; /* phase end times: graph, info, centrality, communities, proposals, figures */
    enum mc_status rc = MC_OK;

    mc_graph_init(&g);
    mc_summary_init(&sum);
    mc_centrality_init(&cen);
    mc_comm_result_init(&cr);
    mc_comm_table_init(&table);
    mc_sector_proposals_init(&sp);
    if (!in->loaded) {
        return mc_error_set(err, MC_E_DATA, NULL, 0, "%s", in->error);
    }
    /* fault injection for the tests: this unit's worker dies as from a crash */
    const char *crash = getenv("METACLUST_TEST_CRASH_UNIT");
    if (crash != NULL && strcmp(crash, u->name) == 0) {
        raise(SIGSEGV);
    }
    dir = mc_path_join(b->outdir, u->dir);
    if (dir == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    /* a rerun starts clean: an old unit.json must not outlive a failure */
    char *old = mc_path_join(dir, "unit.json");
    if (old != NULL) {
        unlink(old);
        free(old);
    }
    struct mc_view_options vo = b->data.view;
    vo.sector = u->sector;
    int jobs = b->jobs > 1 ? 1 : 0; /* workers already use the cores */
    mc_igraph_seed(b->seed);
    if ((rc = mc_mkdirs(dir, err)) != MC_OK ||
        (rc = mc_graph_build(&g, &in->ds, &vo, err)) != MC_OK ||
        (tm[0] = now(), rc = mc_summary_compute(&g, &sum, err)) != MC_OK) {
        goto out;
    }
    if ((info = mc_info_json(&in->ds, &g, &sum)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    if ((rc = write_with(dir, "info.json", NULL, NULL, info, err)) != MC_OK) {
        goto out;
    }
    tm[1] = now();
    struct mc_centrality_options co;
    mc_centrality_options_init(&co);
    co.seed = b->seed;
    co.jobs = jobs;
    co.exact_limit = BATCH_EXACT_LIMIT; /* an overview: estimate path measures sooner */
    if ((rc = mc_centrality_compute(&g, &co, &cen, err)) != MC_OK) {
        goto out;
    }
    struct cent_ctx cc = {&g, &cen};
    if ((rc = write_with(dir, "centrality.csv", cent_csv, &cc, NULL, err)) != MC_OK) {
        goto out;
    }
    tm[2] = now();
    struct mc_propose_options po;
    mc_propose_options_init(&po);
    po.seed = b->seed;
    po.runs = b->runs;
    struct mc_comm_options mo;
    mc_comm_options_init(&mo);
    mo.method = MC_COMM_LEIDEN;
    mo.runs = b->runs;
    mo.seed = b->seed;
    mo.resolution = po.resolution;
    mo.consensus = true;
    mo.jobs = jobs;
    if ((rc = mc_communities(&g.ig, &g.weight, &mo, &cr, err)) != MC_OK) {
        goto out;
    }
    table.g = &g;
    table.opt = &mo;
    table.res = &cr;
    table.part = &cr.consensus;
    if ((rc = mc_comm_table_build(&table, err)) != MC_OK ||
        (rc = write_with(dir, "communities.csv", mc_comm_table_csv, &table, NULL, err)) != MC_OK) {
        goto out;
    }
    tm[3] = now();
    if ((rc = mc_propose_sector_with(&g, &po, &cr, &sp, err)) != MC_OK) {
        goto out;
    }
    struct mc_propose_run run = {.ds = &in->ds,
                                 .opt = &po,
                                 .projection = vo.projection,
                                 .sectors = &sp,
                                 .n_sectors = 1,
                                 .report_top = 10};
    if ((rc = mc_proposals_write(dir, &run, err)) != MC_OK) {
        goto out;
    }
    tm[4] = now();
    char network[32];
    if ((rc = unit_figures(b, u, in, &g, dir, &cr, &sp, network, sizeof network, err)) != MC_OK) {
        goto out;
    }
    tm[5] = now();
    if ((rec = unit_record(b, u, &g, &cr, &sp, network, t0, tm)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    rc = write_with(dir, "unit.json", NULL, NULL, rec, err);
out:
    json_decref(info);
    json_decref(rec);
    free(dir);
    mc_sector_proposals_destroy(&sp);
    mc_comm_table_destroy(&table);
    mc_comm_result_destroy(&cr);
    mc_centrality_destroy(&cen);
    mc_summary_destroy(&sum);
    mc_graph_destroy(&g);
    return rc;
}

/* ==== progress ==== */

static void progress_line(struct batch *b) {
    if (b->quiet || !b->tty) {
        return;
    }
    char bar[31];
    size_t fill = b->total ? 30 * b->done / b->total : 30;
    for (size_t i = 0; i < 30; i++) {
        bar[i] = i < fill ? '#' : '.';
    }
    bar[30] = '\0';
    char cur[160] = "";
    size_t o = 0;
    for (size_t i = 0; i < b->n_units && o < sizeof cur - 8; i++) {
        if (b->running[i]) {
            int w = snprintf(cur + o, sizeof cur - o, "%s%s", o ? ", " : "", b->units[i].name);
            o += w > 0 ? (size_t)w : 0;
        }
    }
    double el = now() - b->t0;
    char eta[32] = "";
    if (b->done > 0 && b->done < b->total) {
        double left = el / (double)b->done * (double)(b->total - b->done);
        snprintf(eta, sizeof eta, ", ETA %ld:%02ld", (long)left / 60, (long)left % 60);
    }
    fprintf(stderr, "\r\033[K[%s] %zu/%zu units%s%s%s", bar, b->done, b->total, eta,
            *cur ? " · " : "", cur);
    fflush(stderr);
}

static void on_started(void *ctx, size_t unit) {
    struct batch *b = ctx;
    b->running[unit] = true;
    progress_line(b);
}

/* Removes temporary files a killed worker could not remove itself. */
static void clean_unit_dir(const struct batch *b, const struct unit *u) {
    char *dir = mc_path_join(b->outdir, u->dir);
    DIR *d = dir ? opendir(dir) : NULL;
    if (d != NULL) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strstr(e->d_name, ".tmp.") != NULL) {
                char *p = mc_path_join(dir, e->d_name);
                if (p != NULL) {
                    unlink(p);
                    free(p);
                }
            }
        }
        closedir(d);
    }
    free(dir);
}

static void on_finished(void *ctx, size_t unit, enum mc_unit_state s,
                        const struct mc_unit_result *r) {
    struct batch *b = ctx;
    b->running[unit] = false;
    b->state[unit] = s;
    b->seconds[unit] = r->seconds;
    b->done++;
    if (s != MC_UNIT_OK) {
        clean_unit_dir(b, &b->units[unit]);
        free(b->errors[unit]);
        b->errors[unit] = strdup(s == MC_UNIT_TIMEOUT ? "timed out" : r->error);
    }
    if (b->quiet) {
        return;
    }
    if (b->tty) {
        fprintf(stderr, "\r\033[K");
    }
    if (s == MC_UNIT_OK) {
        fprintf(stderr, "metaclust: batch: [%zu/%zu] %s ok (%.1f s)\n", b->done, b->total,
                b->units[unit].name, r->seconds);
    } else {
        fprintf(stderr, "metaclust: batch: [%zu/%zu] %s %s: %s\n", b->done, b->total,
                b->units[unit].name, mc_unit_state_name(s), b->errors[unit] ? b->errors[unit] : "");
    }
    progress_line(b);
}

/* ==== resume ==== */

static bool up_to_date(const struct batch *b, const struct unit *u, json_t **record) {
    const struct input *in = &b->in[u->input];
    *record = NULL;
    if (!in->loaded) {
        return false;
    }
    json_t *rec = mc_unit_record_read(b->outdir, u->dir);
    if (rec == NULL) {
        return false;
    }
    char *d = mc_path_join(b->outdir, u->dir);
    char *p = d ? mc_path_join(d, "unit.json") : NULL;
    struct stat st;
    bool newer = p != NULL && stat(p, &st) == 0 && st.st_mtime >= in->mtime;
    free(d);
    free(p);
    bool same = newer && json_integer_value(json_object_get(rec, "seed")) == (json_int_t)b->seed &&
                json_integer_value(json_object_get(rec, "runs")) == b->runs &&
                strcmp(json_string_value(json_object_get(rec, "projection"))
                           ? json_string_value(json_object_get(rec, "projection"))
                           : "",
                       mc_projection_name(b->data.view.projection)) == 0;
    /* the figure formats asked for must all be there */
    static const char *const fnames[] = {"png", "svg", "pdf"};
    const json_t *fmts = json_object_get(rec, "formats");
    for (size_t k = 0; same && k < 3; k++) {
        if (!b->formats[k]) {
            continue;
        }
        bool found = false;
        size_t i;
        const json_t *v;
        json_array_foreach(fmts, i, v) {
            found =
                found || strcmp(json_string_value(v) ? json_string_value(v) : "", fnames[k]) == 0;
        }
        same = found;
    }
    if (!same) {
        json_decref(rec);
        return false;
    }
    *record = rec;
    return true;
}

/* ==== --merge ==== */

/* Finds unit folders (holding unit.json) up to two levels under `dir`. */
static enum mc_status find_units(const char *dir, const char *rel, int depth,
                                 struct mc_unit_row **rows, size_t *n, size_t *cap,
                                 struct mc_error *err) {
    char *full = rel[0] ? mc_path_join(dir, rel) : strdup(dir);
    if (full == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    DIR *d = opendir(full);
    if (d == NULL) {
        enum mc_status rc = depth == 0
                                ? mc_error_set(err, MC_E_IO, dir, 0,
                                               "cannot read the directory: %s", strerror(errno))
                                : MC_OK;
        free(full);
        return rc;
    }
    enum mc_status rc = MC_OK;
    struct dirent *e;
    while (rc == MC_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        char *sub = rel[0] ? mc_path_join(rel, e->d_name) : strdup(e->d_name);
        char *p = sub ? mc_path_join(dir, sub) : NULL;
        struct stat st;
        if (sub == NULL || p == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        } else if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            json_t *rec = mc_unit_record_read(dir, sub);
            if (rec != NULL) {
                rc = mc_grow((void **)rows, cap, *n + 1, sizeof **rows, err);
                if (rc == MC_OK) {
                    struct mc_unit_row *r = &(*rows)[(*n)++];
                    memset(r, 0, sizeof *r);
                    const char *name = json_string_value(json_object_get(rec, "unit"));
                    r->name = strdup(name ? name : sub);
                    r->dir = strdup(sub);
                    r->error = strdup("");
                    r->record = rec;
                    r->state = MC_UNIT_OK;
                    r->seconds = json_number_value(json_object_get(rec, "seconds"));
                    rec = NULL;
                }
                json_decref(rec);
            } else if (depth < 1) {
                rc = find_units(dir, sub, depth + 1, rows, n, cap, err);
            }
        }
        free(sub);
        free(p);
    }
    closedir(d);
    free(full);
    return rc;
}

static int cmp_rows(const void *a, const void *b) {
    const struct mc_unit_row *x = a, *y = b;
    return strcmp(x->dir, y->dir);
}

static enum mc_status merge(const char *outdir, int argc, char **argv, int first, const char *title,
                            struct mc_error *err) {
    struct mc_unit_row *rows = NULL;
    size_t n = 0, cap = 0;
    enum mc_status rc = MC_OK;
    for (int i = first; rc == MC_OK && i < argc; i++) {
        if (strcmp(argv[i], outdir) != 0) {
            rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                              "batch --merge: '%s' is not the output directory '%s' (shards "
                              "write into one shared OUTDIR; merge it in place)",
                              argv[i], outdir);
            break;
        }
        rc = find_units(argv[i], "", 0, &rows, &n, &cap, err);
    }
    if (rc == MC_OK && n == 0) {
        rc = mc_error_set(err, MC_E_DATA, outdir, 0, "no unit folders (with unit.json) to merge");
    }
    if (rc == MC_OK) {
        qsort(rows, n, sizeof *rows, cmp_rows);
        rc = mc_batch_write_reports(outdir, title, rows, n, err);
    }
    if (rc == MC_OK) {
        fprintf(stderr, "metaclust: batch: merged %zu units into %s/index.html\n", n, outdir);
    }
    for (size_t i = 0; i < n; i++) {
        mc_unit_row_destroy(&rows[i]);
    }
    free(rows);
    return rc;
}

/* ==== the command ==== */

static enum mc_status parse_formats(const char *arg, bool *formats, struct mc_error *err) {
    static const char *const names[] = {"png", "svg", "pdf"};
    char buf[64];
    if (strlen(arg) >= sizeof buf) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "--formats: invalid value '%s'", arg);
    }
    strcpy(buf, arg);
    formats[0] = formats[1] = formats[2] = false;
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        size_t k = 0;
        while (k < 3 && strcmp(t, names[k]) != 0) {
            k++;
        }
        if (k == 3) {
            return mc_error_set(err, MC_E_USAGE, NULL, 0,
                                "--formats: unknown format '%s' (expected png, svg or pdf, "
                                "comma-separated)",
                                t);
        }
        formats[k] = true;
    }
    if (!formats[0] && !formats[1] && !formats[2]) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "--formats: no format given");
    }
    return MC_OK;
}

static int cmp_cost(const void *x, const void *y, const struct unit *u) {
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    if (u[a].cost != u[b].cost) {
        return u[a].cost > u[b].cost ? -1 : 1;
    }
    return (a > b) - (a < b);
}

static void batch_destroy(struct batch *b) {
    for (size_t i = 0; i < b->n_in; i++) {
        free(b->in[i].dir);
        free(b->in[i].name);
        mc_dataset_destroy(&b->in[i].ds);
    }
    free(b->in);
    free(b->palette_countries);
    for (size_t i = 0; i < b->n_units; i++) {
        free(b->units[i].name);
        free(b->units[i].dir);
        if (b->errors) {
            free(b->errors[i]);
        }
    }
    free(b->units);
    free(b->errors);
    free(b->state);
    free(b->seconds);
    free(b->running);
}

enum mc_status cmd_batch(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"output", required_argument, NULL, 'o'},
                                         {"sectors", required_argument, NULL, OPT_SECTORS},
                                         {"jobs", required_argument, NULL, 'j'},
                                         {"formats", required_argument, NULL, OPT_FORMATS},
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"runs", required_argument, NULL, OPT_RUNS},
                                         {"resume", no_argument, NULL, OPT_RESUME},
                                         {"keep-going", no_argument, NULL, OPT_KEEP_GOING},
                                         {"fail-fast", no_argument, NULL, OPT_FAIL_FAST},
                                         {"shard", required_argument, NULL, OPT_SHARD},
                                         {"merge", no_argument, NULL, OPT_MERGE},
                                         {"timeout", required_argument, NULL, OPT_TIMEOUT},
                                         {"title", required_argument, NULL, OPT_TITLE},
                                         {0}};
    struct batch b;
    const char *sectors = NULL;
    bool do_merge = false;
    enum mc_status rc = MC_OK;
    long v;

    memset(&b, 0, sizeof b);
    cli_data_init(&b.data);
    b.runs = 10;
    b.jobs = mc_parallel_default_jobs();
    b.formats[0] = true;
    optind = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:j:", opts, NULL)) != -1) {
        if (cli_data_option(&b.data, c, optarg, &rc, err)) {
            if (rc == MC_OK && (c == OPT_SECTOR || c == OPT_NODES || c == OPT_EDGES ||
                                c == OPT_AFFILIATIONS || c == OPT_GROUPS)) {
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                                  "batch: name datasets as INPUT directories and sectors with "
                                  "--sectors");
            }
            if (rc != MC_OK) {
                goto out;
            }
            continue;
        }
        switch (c) {
        case 'h':
            cli_print_help(stdout, cli_find_command("batch"));
            goto out;
        case 'o':
            b.outdir = optarg;
            break;
        case OPT_SECTORS:
            sectors = optarg;
            break;
        case 'j':
            rc = cli_long("-j", optarg, 1, 256, &v, err);
            b.jobs = (int)v;
            break;
        case OPT_FORMATS:
            rc = parse_formats(optarg, b.formats, err);
            break;
        case OPT_SEED:
            rc = cli_seed(optarg, &b.seed, err);
            break;
        case OPT_RUNS:
            rc = cli_long("--runs", optarg, 1, 1000, &v, err);
            b.runs = (int)v;
            break;
        case OPT_RESUME:
            b.resume = true;
            break;
        case OPT_KEEP_GOING:
            b.fail_fast = false;
            break;
        case OPT_FAIL_FAST:
            b.fail_fast = true;
            break;
        case OPT_SHARD: {
            char tail;
            if (sscanf(optarg, "%ld/%ld%c", &b.shard_i, &b.shard_n, &tail) != 2 || b.shard_n < 1 ||
                b.shard_i < 1 || b.shard_i > b.shard_n) {
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                                  "--shard: invalid value '%s' (expected I/N with 1 <= I <= N)",
                                  optarg);
            }
            break;
        }
        case OPT_MERGE:
            do_merge = true;
            break;
        case OPT_TIMEOUT:
            rc = cli_real("--timeout", optarg, 0, 1e7, &b.timeout, err);
            break;
        case OPT_TITLE:
            b.title = optarg;
            break;
        default:
            rc = cli_bad_option("batch", argc, argv, c, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    b.quiet = b.data.quiet;
    if (optind >= argc) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "batch: missing INPUT (a dataset directory, or a directory of "
                          "datasets; see 'metaclust batch --help')");
        goto out;
    }
    if (do_merge) {
        if (b.outdir == NULL) {
            b.outdir = argv[optind];
        }
        rc = merge(b.outdir, argc, argv, optind, b.title ? b.title : "metaclust batch", err);
        goto out;
    }
    if (b.outdir == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0, "batch: missing -o OUTDIR");
        goto out;
    }
    for (int i = optind; rc == MC_OK && i < argc; i++) {
        rc = add_inputs(&b, argv[i], err);
    }
    if (rc != MC_OK || (rc = plan(&b, sectors, err)) != MC_OK ||
        (rc = mc_mkdirs(b.outdir, err)) != MC_OK) {
        goto out;
    }
    b.state = calloc(b.n_units + 1, sizeof *b.state);
    b.seconds = calloc(b.n_units + 1, sizeof *b.seconds);
    b.errors = calloc(b.n_units + 1, sizeof *b.errors);
    b.running = calloc(b.n_units + 1, sizeof *b.running);
    size_t *order = malloc((b.n_units + 1) * sizeof *order);
    struct mc_unit_row *rows = calloc(b.n_units + 1, sizeof *rows);
    json_t **kept = calloc(b.n_units + 1, sizeof *kept);
    if (!b.state || !b.seconds || !b.errors || !b.running || !order || !rows || !kept) {
        free(order);
        free(rows);
        free(kept);
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    /* which units run: the shard's, minus the ones up to date */
    size_t n = 0, skipped = 0;
    for (size_t i = 0; i < b.n_units; i++) {
        if (b.shard_n > 0 && (long)(i % (size_t)b.shard_n) != b.shard_i - 1) {
            b.state[i] = MC_UNIT_PENDING;
            continue;
        }
        if (b.resume && up_to_date(&b, &b.units[i], &kept[i])) {
            b.state[i] = MC_UNIT_SKIPPED;
            b.seconds[i] = json_number_value(json_object_get(kept[i], "seconds"));
            skipped++;
            continue;
        }
        order[n++] = i;
    }
    /* the biggest units first, so the last ones to finish are short */
    for (size_t i = 1; i < n; i++) {
        size_t x = order[i], j = i;
        while (j > 0 && cmp_cost(&order[j - 1], &x, b.units) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    b.total = n;
    b.tty = isatty(STDERR_FILENO);
    b.t0 = now();
    if (!b.quiet) {
        fprintf(stderr, "metaclust: batch: %zu unit%s to run%s, %d worker%s, output in %s/\n", n,
                n == 1 ? "" : "s", skipped ? " (others up to date)" : "", b.jobs,
                b.jobs == 1 ? "" : "s", b.outdir);
    }
    struct mc_batch_options bo = {.jobs = b.jobs,
                                  .timeout = b.timeout,
                                  .fail_fast = b.fail_fast,
                                  .worker_cleanup = mc_render_release};
    struct mc_batch_hooks hooks = {.ctx = &b, .started = on_started, .finished = on_finished};
    enum mc_status run_rc = mc_batch_run(order, n, run_unit, &b, &bo, &hooks, b.state, err);
    if (b.tty && !b.quiet) {
        fprintf(stderr, "\r\033[K");
    }
    /* the reports, from the unit records (a shard leaves them to --merge) */
    size_t nrows = 0, failed = 0;
    for (size_t i = 0; i < b.n_units; i++) {
        bool in_shard = b.shard_n == 0 || (long)(i % (size_t)b.shard_n) == b.shard_i - 1;
        if (!in_shard) {
            continue;
        }
        struct mc_unit_row *r = &rows[nrows++];
        r->name = strdup(b.units[i].name);
        r->dir = strdup(b.units[i].dir);
        r->state = b.state[i];
        r->seconds = b.seconds[i];
        r->error = strdup(b.errors[i] ? b.errors[i] : "");
        r->record =
            kept[i]
                ? kept[i]
                : (b.state[i] == MC_UNIT_OK ? mc_unit_record_read(b.outdir, b.units[i].dir) : NULL);
        kept[i] = NULL;
        if (b.state[i] == MC_UNIT_PENDING && run_rc == MC_E_INTERRUPTED) {
            r->state = MC_UNIT_INTERRUPTED;
        }
        failed += !(r->state == MC_UNIT_OK || r->state == MC_UNIT_SKIPPED ||
                    (r->state == MC_UNIT_PENDING && run_rc == MC_OK));
    }
    enum mc_status wrc = MC_OK;
    if (b.shard_n == 0) {
        wrc = mc_batch_write_reports(b.outdir, b.title ? b.title : "metaclust batch", rows, nrows,
                                     err);
    }
    for (size_t i = 0; i < nrows; i++) {
        mc_unit_row_destroy(&rows[i]);
    }
    for (size_t i = 0; i < b.n_units; i++) {
        json_decref(kept[i]);
    }
    free(rows);
    free(kept);
    free(order);
    if (run_rc != MC_OK) {
        rc = run_rc;
    } else if (wrc != MC_OK) {
        rc = wrc;
    } else if (failed > 0) {
        rc = mc_error_set(err, MC_E_PARTIAL, NULL, 0,
                          "batch: %zu of %zu unit%s failed (see %s/summary.csv)", failed, nrows,
                          nrows == 1 ? "" : "s", b.outdir);
    } else if (!b.quiet) {
        fprintf(stderr, "metaclust: batch: %zu unit%s done in %.1f s; open %s/index.html\n", nrows,
                nrows == 1 ? "" : "s", now() - b.t0, b.outdir);
        if (b.shard_n > 0) {
            fprintf(stderr,
                    "metaclust: batch: shard %ld/%ld: run 'metaclust batch --merge %s' "
                    "when every shard is done\n",
                    b.shard_i, b.shard_n, b.outdir);
        }
    }
out:
    batch_destroy(&b);
    return rc;
}
