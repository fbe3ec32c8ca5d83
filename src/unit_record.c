/*
 * unit.json, a batch unit's record: written by mc_unit_run() last of all,
 * read by the batch reports, --merge and --resume. The writer and the reader
 * are side by side so that a key cannot be renamed on one side only.
 */
#include "metaclust/unit.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "metaclust/outfile.h"
#include "metaclust/report.h"
#include "metaclust/util.h"

static const char *const format_names[MC_UNIT_FORMATS] = {"png", "svg", "pdf"};
static const char *const phase_names[6] = {"graph",       "info",      "centrality",
                                           "communities", "proposals", "figures"};

void mc_unit_record_init(struct mc_unit_record *r) {
    memset(r, 0, sizeof *r);
    r->unit = r->dir = r->dataset = r->sector = r->status = r->projection = r->version = "";
    r->network = r->meta = r->runs_stop = "";
    r->runs_made = NAN;
    r->nodes = r->edges = r->total_weight = r->modularity = r->communities = NAN;
    r->stability_nmi = r->proposals = r->seconds = r->seed = r->runs = NAN;
    for (size_t k = 0; k < MC_ARRAY_SIZE(r->timings); k++) {
        r->timings[k] = r->cpu[k] = NAN;
    }
}

enum mc_status mc_unit_formats_parse(const char *list, bool formats[MC_UNIT_FORMATS],
                                     struct mc_error *err) {
    char buf[64];
    if (strlen(list) >= sizeof buf) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "--formats: invalid value '%s'", list);
    }
    strcpy(buf, list);
    for (size_t k = 0; k < MC_UNIT_FORMATS; k++) {
        formats[k] = false;
    }
    bool any = false;
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        size_t k = 0;
        while (k < MC_UNIT_FORMATS && strcmp(t, format_names[k]) != 0) {
            k++;
        }
        if (k == MC_UNIT_FORMATS) {
            return mc_error_set(err, MC_E_USAGE, NULL, 0,
                                "--formats: unknown format '%s' (expected png, svg or pdf, "
                                "comma-separated)",
                                t);
        }
        formats[k] = any = true;
    }
    if (!any) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "--formats: no format given");
    }
    return MC_OK;
}

/* ==== writing ==== */

json_t *mc_unit_record_json(const struct mc_unit_record *r) {
    json_t *o = json_object(), *top = json_array(), *figs = json_object(), *fmts = json_array(),
           *times = json_object(), *cpu = json_object();
    bool ok = o && top && figs && fmts && times && cpu;
    for (size_t k = 0; ok && k < MC_ARRAY_SIZE(phase_names); k++) {
        ok = mc_json_put(times, phase_names[k], json_real(round(r->timings[k] * 1000) / 1000)) &&
             mc_json_put(cpu, phase_names[k], mc_json_number(round(r->cpu[k] * 1000) / 1000));
    }
    for (size_t i = 0; ok && i < r->n_top && i < MC_UNIT_TOP; i++) {
        const struct mc_unit_top *p = &r->top[i];
        json_t *x = json_object();
        ok = x && mc_json_put(x, "id", json_string(p->id)) &&
             mc_json_put(x, "size", json_integer((json_int_t)p->size)) &&
             mc_json_put(x, "country_list", json_string(p->country_list)) &&
             mc_json_put(x, "coordinator", json_string(p->coordinator)) &&
             mc_json_put(x, "score", json_real(round(p->score * 1e6) / 1e6)) &&
             json_array_append_new(top, x) == 0;
    }
    for (size_t k = 0; ok && k < MC_UNIT_FORMATS; k++) {
        if (r->formats[k]) {
            ok = json_array_append_new(fmts, json_string(format_names[k])) == 0;
        }
    }
    ok = ok && mc_json_put(figs, "network", json_string(r->network)) &&
         mc_json_put(figs, "meta", json_string(r->meta)) &&
         mc_json_put(o, "unit", json_string(r->unit)) &&
         mc_json_put(o, "dir", json_string(r->dir)) &&
         mc_json_put(o, "dataset", json_string(r->dataset)) &&
         mc_json_put(o, "sector", json_string(r->sector)) &&
         mc_json_put(o, "status", json_string(r->status)) &&
         mc_json_put(o, "nodes", json_integer((json_int_t)r->nodes)) &&
         mc_json_put(o, "edges", json_integer((json_int_t)r->edges)) &&
         mc_json_put(o, "total_weight", mc_json_number(r->total_weight)) &&
         mc_json_put(o, "modularity", mc_json_number(round(r->modularity * 1e9) / 1e9)) &&
         mc_json_put(o, "communities", json_integer((json_int_t)r->communities)) &&
         mc_json_put(o, "stability_nmi", mc_json_number(round(r->stability_nmi * 1e9) / 1e9)) &&
         mc_json_put(o, "proposals", json_integer((json_int_t)r->proposals)) &&
         mc_json_put(o, "seconds", json_real(round(r->seconds * 100) / 100)) &&
         mc_json_put(o, "seed", json_integer((json_int_t)r->seed)) &&
         mc_json_put(o, "runs", json_integer((json_int_t)r->runs)) &&
         mc_json_put(o, "runs_exact", json_boolean(r->runs_exact)) &&
         mc_json_put(o, "runs_made", json_integer((json_int_t)r->runs_made)) &&
         mc_json_put(o, "runs_stop", json_string(r->runs_stop)) &&
         mc_json_put(o, "projection", json_string(r->projection)) &&
         mc_json_put(o, "version", json_string(r->version)) &&
         json_object_set(o, "formats", fmts) == 0 && json_object_set(o, "figures", figs) == 0 &&
         json_object_set(o, "top_proposals", top) == 0 &&
         json_object_set(o, "timings", times) == 0 && json_object_set(o, "cpu_timings", cpu) == 0;
    json_decref(times);
    json_decref(cpu);
    json_decref(top);
    json_decref(figs);
    json_decref(fmts);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static char *record_path(const char *outdir, const char *dir) {
    char *d = mc_path_join(outdir, dir);
    char *p = d ? mc_path_join(d, "unit.json") : NULL;
    free(d);
    return p;
}

enum mc_status mc_unit_record_write(const char *outdir, const char *dir,
                                    const struct mc_unit_record *r, struct mc_error *err) {
    json_t *j = mc_unit_record_json(r);
    char *path = record_path(outdir, dir);
    struct mc_outfile o;
    enum mc_status rc = MC_OK;
    if (j == NULL || path == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
    } else if ((rc = mc_outfile_open(&o, path, err)) == MC_OK) {
        if ((rc = mc_json_write(j, o.f, path, err)) == MC_OK) {
            rc = mc_outfile_commit(&o, err);
        } else {
            mc_outfile_abort(&o);
        }
    }
    json_decref(j);
    free(path);
    return rc;
}

/* ==== reading ==== */

json_t *mc_unit_record_read(const char *outdir, const char *dir) {
    char *p = record_path(outdir, dir);
    json_t *j = p ? json_load_file(p, 0, NULL) : NULL;
    free(p);
    if (j != NULL && !json_is_object(j)) {
        json_decref(j);
        j = NULL;
    }
    return j;
}

static double num(const json_t *o, const char *key) {
    const json_t *v = o ? json_object_get(o, key) : NULL;
    return json_is_number(v) ? json_number_value(v) : NAN;
}

static const char *str(const json_t *o, const char *key) {
    const json_t *v = o ? json_object_get(o, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : "";
}

void mc_unit_record_parse(const json_t *j, struct mc_unit_record *r) {
    mc_unit_record_init(r);
    if (j == NULL) {
        return;
    }
    r->unit = str(j, "unit");
    r->dir = str(j, "dir");
    r->dataset = str(j, "dataset");
    r->sector = str(j, "sector");
    r->status = str(j, "status");
    r->projection = str(j, "projection");
    r->version = str(j, "version");
    r->nodes = num(j, "nodes");
    r->edges = num(j, "edges");
    r->total_weight = num(j, "total_weight");
    r->modularity = num(j, "modularity");
    r->communities = num(j, "communities");
    r->stability_nmi = num(j, "stability_nmi");
    r->proposals = num(j, "proposals");
    r->seconds = num(j, "seconds");
    r->seed = num(j, "seed");
    r->runs = num(j, "runs");
    r->runs_made = num(j, "runs_made");
    r->runs_stop = str(j, "runs_stop");
    r->runs_exact = json_is_true(json_object_get(j, "runs_exact"));
    const json_t *figs = json_object_get(j, "figures");
    r->network = str(figs, "network");
    r->meta = str(figs, "meta");
    const json_t *fmts = json_object_get(j, "formats"), *v;
    size_t i;
    json_array_foreach(fmts, i, v) {
        for (size_t k = 0; k < MC_UNIT_FORMATS; k++) {
            r->formats[k] = r->formats[k] || (json_is_string(v) &&
                                              strcmp(json_string_value(v), format_names[k]) == 0);
        }
    }
    const json_t *top = json_object_get(j, "top_proposals");
    json_array_foreach(top, i, v) {
        if (r->n_top == MC_UNIT_TOP) {
            break;
        }
        struct mc_unit_top *p = &r->top[r->n_top++];
        p->id = str(v, "id");
        p->country_list = str(v, "country_list");
        p->coordinator = str(v, "coordinator");
        p->size = num(v, "size");
        p->score = num(v, "score");
    }
    const json_t *times = json_object_get(j, "timings"), *cpu = json_object_get(j, "cpu_timings");
    for (size_t k = 0; k < MC_ARRAY_SIZE(phase_names); k++) {
        r->timings[k] = num(times, phase_names[k]);
        r->cpu[k] = num(cpu, phase_names[k]);
    }
}

bool mc_unit_up_to_date(const char *outdir, const char *dir, time_t mtime,
                        const struct mc_unit_options *o, json_t **record) {
    *record = NULL;
    json_t *rec = mc_unit_record_read(outdir, dir);
    if (rec == NULL) {
        return false;
    }
    char *p = record_path(outdir, dir);
    struct stat st;
    bool newer = p != NULL && stat(p, &st) == 0 && st.st_mtime >= mtime;
    free(p);
    bool same = newer && json_integer_value(json_object_get(rec, "seed")) == (json_int_t)o->seed &&
                json_integer_value(json_object_get(rec, "runs")) == o->runs &&
                json_is_true(json_object_get(rec, "runs_exact")) == o->runs_exact &&
                strcmp(str(rec, "projection"), mc_projection_name(o->view.projection)) == 0;
    /* the figure formats asked for must all be there */
    struct mc_unit_record r;
    mc_unit_record_parse(rec, &r);
    for (size_t k = 0; same && k < MC_UNIT_FORMATS; k++) {
        same = !o->formats[k] || r.formats[k];
    }
    if (!same) {
        json_decref(rec);
        return false;
    }
    *record = rec;
    return true;
}
