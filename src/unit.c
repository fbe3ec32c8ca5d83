/*
 * mc_unit_run(): one batch unit, the whole pipeline over one view of a
 * dataset into its own folder (unit.h). The record, unit.json, is written by
 * unit_record.c.
 */
#include "metaclust/unit.h"

#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "metaclust/analysis_report.h"
#include "metaclust/centrality.h"
#include "metaclust/community.h"
#include "metaclust/explore.h"
#include "metaclust/figure.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/outfile.h"
#include "metaclust/proposals_filter.h"
#include "metaclust/propose.h"
#include "metaclust/propose_report.h"
#include "metaclust/report.h"
#include "metaclust/summary.h"
#include "metaclust/util.h"
#include "metaclust/version.h"

/*
 * Path measures (betweenness, closeness, harmonic) are exact up to n x m of
 * this, then estimated from a seeded sample of sources (about 0.1 s per unit
 * instead of seconds); `metaclust centrality` is the tool for exact values.
 */
#define UNIT_EXACT_LIMIT 1e7

void mc_unit_options_init(struct mc_unit_options *o) {
    memset(o, 0, sizeof *o);
    mc_view_options_init(&o->view);
    o->runs = 10;
    o->formats[MC_UNIT_PNG] = true;
    o->exact_limit = UNIT_EXACT_LIMIT;
}

void mc_unit_remove_temps(const char *outdir, const char *dir) {
    char *path = mc_path_join(outdir, dir);
    DIR *d = path ? opendir(path) : NULL;
    if (d != NULL) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strstr(e->d_name, ".tmp.") != NULL) {
                char *p = mc_path_join(path, e->d_name);
                if (p != NULL) {
                    unlink(p);
                    free(p);
                }
            }
        }
        closedir(d);
    }
    free(path);
}

/* CPU seconds so far, user and system, of this process and of the helpers it waited for. */
static double cpu_now(void) {
    struct rusage self, kids;
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &kids);
    return (double)(self.ru_utime.tv_sec + self.ru_stime.tv_sec + kids.ru_utime.tv_sec +
                    kids.ru_stime.tv_sec) +
           (double)(self.ru_utime.tv_usec + self.ru_stime.tv_usec + kids.ru_utime.tv_usec +
                    kids.ru_stime.tv_usec) /
               1e6;
}

static enum mc_status nomem(struct mc_error *err) {
    return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
}

static enum mc_status write_with(const char *dir, const char *name,
                                 void (*fn)(FILE *f, const void *ctx), const void *ctx,
                                 const json_t *json, struct mc_error *err) {
    char *path = mc_path_join(dir, name);
    if (path == NULL) {
        return nomem(err);
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

/* The network figure in every format asked for, then the meta-cluster map (png). */
static enum mc_status unit_figures(const struct mc_unit_options *o, const struct mc_graph *g,
                                   const char *dir, const struct mc_comm_result *cr,
                                   const struct mc_sector_proposals *sp, const char **network,
                                   struct mc_layout_memo *memo, struct mc_error *err) {
    static const char *const names[] = {"network.png", "network.svg", "network.pdf"};
    static const enum mc_figure_format fmt[] = {MC_FIG_PNG, MC_FIG_SVG, MC_FIG_PDF};
    enum mc_status rc = MC_OK;
    *network = "";
    for (size_t k = 0; rc == MC_OK && k <= MC_UNIT_FORMATS; k++) {
        bool meta = k == MC_UNIT_FORMATS;
        if ((!meta && !o->formats[k]) || (meta && sp->n_proposals == 0)) {
            continue; /* no meta map without proposals: the report says there are none */
        }
        if (!meta && (**network == '\0' || k == 0)) {
            *network = names[k];
        }
        struct mc_figure_options fig;
        mc_figure_options_init(&fig);
        fig.render.format = meta ? MC_FIG_PNG : fmt[k];
        fig.colour = MC_FIGURE_COLOUR_COUNTRY;
        fig.palette = o->palette;
        fig.seed = o->seed;
        fig.membership = &cr->consensus.membership;
        fig.modularity = cr->consensus.modularity;
        if (meta) { /* one node per proposal, country mix as pies */
            fig.meta = true;
            fig.proposals = sp;
            fig.proposals_dir = dir;
        } else { /* one layout for every format, and for the explorer page */
            fig.memo = memo;
        }
        char *path = mc_path_join(dir, meta ? "meta.png" : names[k]);
        if (path == NULL) {
            return nomem(err);
        }
        rc = mc_figure_draw(o->ds, g, &fig, path, NULL, err);
        free(path);
    }
    return rc;
}

/* explorer.html: the page of `metaclust explore`, on the unit's communities and proposals. */
static enum mc_status unit_explorer(const struct mc_unit_options *o, const struct mc_graph *g,
                                    const char *dir, const struct mc_comm_result *cr,
                                    const struct mc_centrality *cen,
                                    const struct mc_propose_run *run,
                                    const struct mc_layout_memo *memo, struct mc_error *err) {
    struct mc_explore_options eo;
    struct mc_proposals_io pio;
    struct mc_outfile out = {0};
    char *path = mc_path_join(dir, "explorer.html");
    enum mc_status rc;
    mc_explore_options_init(&eo);
    mc_proposals_io_init(&pio);
    eo.seed = o->seed;
    eo.jobs = o->jobs;
    eo.membership = &cr->consensus.membership;
    eo.centrality = cen;
    eo.proposals = &pio;
    eo.regions_from_layout = true; /* network.png is coloured by country: the same positions */
    eo.layout_memo = memo;         /* ... and so its layout serves */
    if (path == NULL) {
        rc = nomem(err);
    } else if ((rc = mc_proposals_io_from_run(&pio, run, err)) == MC_OK &&
               (rc = mc_outfile_open(&out, path, err)) == MC_OK &&
               (rc = mc_explore_write(o->ds, g, &eo, out.f, NULL, err)) == MC_OK) {
        rc = mc_outfile_commit(&out, err);
    }
    mc_outfile_abort(&out);
    mc_proposals_io_destroy(&pio);
    free(path);
    return rc;
}

/* "Germany 3, France 2" for the record's top proposals. */
static void country_list(const struct mc_dataset *ds, const struct mc_proposal *p, char *list,
                         size_t sz) {
    size_t off = 0;
    list[0] = '\0';
    for (size_t k = 0; k < p->size && p->countries[k].count > 0 && off < sz; k++) {
        int w =
            snprintf(list + off, sz - off, "%s%s %zu", k ? ", " : "",
                     mc_dataset_country_name(ds, p->countries[k].country), p->countries[k].count);
        off += w > 0 ? (size_t)w : 0;
    }
}

enum mc_status mc_unit_run(const struct mc_unit_options *o, struct mc_error *err) {
    const struct mc_dataset *ds = o->ds;
    struct mc_graph g;
    struct mc_summary sum;
    struct mc_centrality cen;
    struct mc_comm_result cr;
    struct mc_comm_table table;
    struct mc_sector_proposals sp, kept;
    bool have_kept = false;
    struct mc_layout_memo memo;
    struct mc_unit_record rec;
    json_t *info = NULL;
    char *dir = NULL;
    double t0 = mc_now(), c0 = cpu_now();
    /* phase end times, wall and CPU: graph, info, centrality, communities, proposals, figures */
    double tm[6] = {0}, cm[6] = {0};
    char lists[MC_UNIT_TOP][256];
    enum mc_status rc = MC_OK;

    mc_graph_init(&g);
    mc_summary_init(&sum);
    mc_centrality_init(&cen);
    mc_comm_result_init(&cr);
    mc_comm_table_init(&table);
    mc_sector_proposals_init(&sp);
    dir = mc_path_join(o->outdir, o->dir);
    if (dir == NULL) {
        return nomem(err);
    }
    mc_layout_memo_init(&memo);
    /* a rerun starts clean: an old unit.json must not outlive a failure */
    char *old = mc_path_join(dir, "unit.json");
    if (old != NULL) {
        unlink(old);
        free(old);
    }
    mc_igraph_seed(o->seed);
    if ((rc = mc_mkdirs(dir, err)) != MC_OK ||
        (rc = mc_graph_build(&g, ds, &o->view, err)) != MC_OK ||
        (tm[0] = mc_now(), cm[0] = cpu_now(), rc = mc_summary_compute(&g, &sum, err)) != MC_OK) {
        goto out;
    }
    if ((info = mc_info_json(ds, &g, &sum)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    if ((rc = write_with(dir, "info.json", NULL, NULL, info, err)) != MC_OK) {
        goto out;
    }
    tm[1] = mc_now();
    cm[1] = cpu_now();
    struct mc_centrality_options co;
    mc_centrality_options_init(&co);
    co.seed = o->seed;
    co.jobs = o->jobs;
    co.exact_limit = o->exact_limit > 0 ? o->exact_limit : UNIT_EXACT_LIMIT;
    if ((rc = mc_centrality_compute(&g, &co, &cen, err)) != MC_OK) {
        goto out;
    }
    struct cent_ctx cc = {&g, &cen};
    if ((rc = write_with(dir, "centrality.csv", cent_csv, &cc, NULL, err)) != MC_OK) {
        goto out;
    }
    tm[2] = mc_now();
    cm[2] = cpu_now();
    struct mc_propose_options po;
    mc_propose_options_init(&po);
    po.seed = o->seed;
    po.runs = o->runs;
    po.runs_exact = o->runs_exact;
    struct mc_comm_options mo;
    mc_comm_options_init(&mo);
    mo.method = MC_COMM_LEIDEN;
    mo.runs = o->runs;
    mo.seed = o->seed;
    mo.resolution = po.resolution;
    mo.consensus = true;
    mo.adaptive = !o->runs_exact;
    mo.jobs = o->jobs;
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
    tm[3] = mc_now();
    cm[3] = cpu_now();
    if ((rc = mc_propose_sector_with(&g, &po, &cr, &sp, err)) != MC_OK) {
        goto out;
    }
    if (o->found != NULL) {
        o->found->set = true;
        o->found->candidates = sp.candidates;
        o->found->proposals = sp.n_proposals;
        o->found->best_score = NAN;
        for (size_t i = 0; i < sp.n_proposals; i++) {
            if (isnan(o->found->best_score) || sp.proposals[i].score > o->found->best_score) {
                o->found->best_score = sp.proposals[i].score;
            }
        }
    }
    struct mc_propose_run run = {.ds = ds,
                                 .opt = &po,
                                 .projection = o->view.projection,
                                 .sectors = &sp,
                                 .n_sectors = 1,
                                 .report_top = 10};
    if ((rc = mc_proposals_publish(dir, &run, &o->view, o->country, NULL, err)) != MC_OK) {
        goto out;
    }
    /* the figures and the page show what was written: with --country, its proposals only */
    int32_t country = -1;
    if (o->country != NULL && ((rc = mc_country_require(ds, o->country, &country, err)) != MC_OK ||
                               (rc = mc_proposals_keep_country(&sp, country, &kept, err)) != MC_OK)) {
        goto out;
    }
    have_kept = o->country != NULL;
    run.sectors = have_kept ? &kept : &sp;
    const struct mc_sector_proposals *shown = run.sectors;
    tm[4] = mc_now();
    cm[4] = cpu_now();
    mc_unit_record_init(&rec);
    if ((rc = unit_figures(o, &g, dir, &cr, run.sectors, &rec.network, &memo, err)) != MC_OK ||
        (rc = unit_explorer(o, &g, dir, &cr, &cen, &run, &memo, err)) != MC_OK) {
        goto out;
    }
    tm[5] = mc_now();
    cm[5] = cpu_now();

    /* the record, last: the reports are rebuilt from it */
    rec.meta = shown->n_proposals > 0 ? "meta.png" : "";
    rec.unit = o->name;
    rec.dir = o->dir;
    rec.dataset = ds->name;
    rec.sector = mc_graph_sector_name(&g);
    rec.status = "ok";
    rec.nodes = (double)g.n;
    rec.edges = (double)igraph_ecount(&g.ig);
    rec.total_weight = g.total_weight;
    rec.modularity = cr.consensus.modularity;
    rec.communities = (double)cr.consensus.n_communities;
    rec.stability_nmi = cr.nmi_mean;
    rec.proposals = (double)shown->n_proposals;
    rec.seconds = tm[5] - t0;
    rec.seed = (double)o->seed;
    rec.runs = o->runs;
    rec.runs_exact = o->runs_exact;
    rec.runs_made = cr.runs;
    rec.runs_stop = mc_comm_stop_name(cr.stop);
    rec.projection = mc_projection_name(o->view.projection);
    rec.version = MC_VERSION;
    memcpy(rec.formats, o->formats, sizeof rec.formats);
    for (size_t k = 0; k < MC_ARRAY_SIZE(rec.timings); k++) {
        rec.timings[k] = tm[k] - (k == 0 ? t0 : tm[k - 1]);
        rec.cpu[k] = cm[k] - (k == 0 ? c0 : cm[k - 1]);
    }
    for (size_t i = 0; i < shown->n_proposals && i < MC_UNIT_TOP; i++) {
        const struct mc_proposal *p = &shown->proposals[i];
        struct mc_unit_top *t = &rec.top[rec.n_top++];
        country_list(ds, p, lists[i], sizeof lists[i]);
        t->id = p->id;
        t->size = (double)p->size;
        t->country_list = lists[i];
        t->coordinator = ds->node_name[p->coordinator];
        t->score = p->score;
    }
    rc = mc_unit_record_write(o->outdir, o->dir, &rec, err);
out:
    json_decref(info);
    free(dir);
    if (have_kept) {
        mc_proposals_view_destroy(&kept);
    }
    mc_layout_memo_destroy(&memo);
    mc_sector_proposals_destroy(&sp);
    mc_comm_table_destroy(&table);
    mc_comm_result_destroy(&cr);
    mc_centrality_destroy(&cen);
    mc_summary_destroy(&sum);
    mc_graph_destroy(&g);
    return rc;
}
