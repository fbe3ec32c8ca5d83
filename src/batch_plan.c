/*
 * The plan of a batch run (batch_plan.h): inputs found and loaded, units
 * listed in output order with a cost estimate each.
 */
#include "metaclust/batch_plan.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "metaclust/outfile.h"
#include "metaclust/propose.h"
#include "metaclust/util.h"
#include "metaclust/xlsx_read.h"

void mc_batch_plan_init(struct mc_batch_plan *p) {
    memset(p, 0, sizeof *p);
}

void mc_batch_plan_destroy(struct mc_batch_plan *p) {
    for (size_t i = 0; i < p->n_in; i++) {
        free(p->in[i].dir);
        free(p->in[i].name);
        mc_dataset_destroy(&p->in[i].ds);
    }
    free(p->in);
    free(p->palette);
    for (size_t i = 0; i < p->n_units; i++) {
        free(p->units[i].name);
        free(p->units[i].dir);
    }
    free(p->units);
    mc_batch_plan_init(p);
}

static bool has_dataset_files(const char *dir) {
    static const char *const names[] = {"nodes.csv",    "edges.csv",    "affiliations.csv",
                                        "nodes.csv.gz", "edges.csv.gz", "affiliations.csv.gz",
                                        "nodes.xlsx",   "edges.xlsx",   "affiliations.xlsx"};
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

static enum mc_status add_input(struct mc_batch_plan *b, const char *dir, struct mc_error *err) {
    size_t cap = b->n_in;
    enum mc_status rc = mc_grow((void **)&b->in, &cap, b->n_in + 1, sizeof *b->in, err);
    if (rc != MC_OK) {
        return rc;
    }
    struct mc_batch_input *in = &b->in[b->n_in];
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
enum mc_status mc_batch_plan_add(struct mc_batch_plan *b, const char *path, struct mc_error *err) {
    struct stat st;
    if (stat(path, &st) != 0) {
        return mc_error_set(err, MC_E_IO, path, 0, "no such dataset or directory");
    }
    if (!S_ISDIR(st.st_mode) && mc_xlsx_is_workbook(path)) {
        return add_input(b, path, err); /* a workbook whose sheets are the files */
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

static enum mc_status add_unit(struct mc_batch_plan *b, size_t input, long sector, double cost,
                               struct mc_error *err) {
    const struct mc_batch_input *in = &b->in[input];
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
    /* two sectors may share a slug ("Strojírenství", "strojirenstvi"): the later one gets -2 */
    size_t base = strlen(slug);
    for (int k = 2; k < 1000; k++) {
        bool taken = false;
        for (size_t i = 0; i < b->n_units && !taken; i++) {
            const char *d = b->units[i].dir, *slash = strrchr(d, '/');
            taken = b->units[i].input == input && strcmp(slash ? slash + 1 : d, slug) == 0;
        }
        if (!taken) {
            break;
        }
        snprintf(slug + base, sizeof slug - base, "-%d", k);
    }
    const char *sname = sector < 0 ? "all" : mc_dataset_sector_name(&in->ds, (int32_t)sector);
    struct mc_batch_unit *u = &b->units[b->n_units];
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
        size_t item;
        const struct mc_tags *t = mc_dataset_aff_tags(ds, r, &item);
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

/* A country of the batch and its organisations over all inputs. */
struct country_size {
    const char *code;
    size_t nodes;
};

static int cmp_country_code(const void *pa, const void *pb) {
    return strcmp(((const struct country_size *)pa)->code, ((const struct country_size *)pb)->code);
}

/* Most organisations first, ties by code: the order the colours are handed out in. */
static int cmp_country_size(const void *pa, const void *pb) {
    const struct country_size *a = pa, *b = pb;
    if (a->nodes != b->nodes) {
        return a->nodes > b->nodes ? -1 : 1;
    }
    return strcmp(a->code, b->code);
}

/*
 * The countries of every loaded input, without repeats, as the --palette list of every
 * figure: a country keeps its colour across the whole batch (and across shards, which all
 * plan the same inputs). The countries with the most organisations over all inputs come
 * first, so they take the colours, as in a figure drawn alone.
 */
static char *sorted_countries(const struct mc_batch_plan *b) {
    size_t n = 0, len = 1;
    for (size_t i = 0; i < b->n_in; i++) {
        n += b->in[i].loaded ? b->in[i].ds.countries.n : 0;
    }
    struct country_size *k = malloc((n ? n : 1) * sizeof *k);
    if (k == NULL) {
        return NULL;
    }
    n = 0;
    for (size_t i = 0; i < b->n_in; i++) {
        const struct mc_dataset *ds = &b->in[i].ds;
        size_t first = n;
        for (size_t c = 0; b->in[i].loaded && c < ds->countries.n; c++) {
            k[n].code = ds->countries.keys[c];
            k[n++].nodes = 0;
            len += strlen(ds->countries.keys[c]) + 1;
        }
        for (size_t v = 0; b->in[i].loaded && v < ds->n_nodes; v++) {
            if (ds->node_country[v] >= 0) {
                k[first + (size_t)ds->node_country[v]].nodes++;
            }
        }
    }
    /* one entry per code, its sizes summed over the inputs */
    qsort(k, n, sizeof *k, cmp_country_code);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (u > 0 && strcmp(k[u - 1].code, k[i].code) == 0) {
            k[u - 1].nodes += k[i].nodes;
        } else {
            k[u++] = k[i];
        }
    }
    qsort(k, u, sizeof *k, cmp_country_size);
    char *s = malloc(len);
    if (s != NULL) {
        size_t o = 0;
        for (size_t i = 0; i < u; i++) {
            o += (size_t)sprintf(s + o, "%s%s", o ? "," : "", k[i].code);
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
enum mc_status mc_batch_plan_units(struct mc_batch_plan *b, const struct mc_load_options *load,
                                   const char *sectors, struct mc_error *err) {
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
        struct mc_batch_input *in = &b->in[i];
        struct mc_load_options lo = *load;
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
            if (rc == MC_OK) {
                mc_dataset_sector_order(&in->ds, byname);
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
    b->palette = sorted_countries(b);
    if (b->palette == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    return MC_OK;
}

void mc_batch_plan_by_cost(const struct mc_batch_plan *p, size_t *order, size_t n) {
    /* insertion sort, stable: ties keep the plan's order */
    for (size_t i = 1; i < n; i++) {
        size_t x = order[i], j = i;
        while (j > 0 && (p->units[order[j - 1]].cost < p->units[x].cost ||
                         (p->units[order[j - 1]].cost == p->units[x].cost && order[j - 1] > x))) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
}

/* ==== --merge ==== */

static enum mc_status find_rows(const char *dir, const char *rel, int depth,
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
                rc = find_rows(dir, sub, depth + 1, rows, n, cap, err);
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

enum mc_status mc_batch_find_units(const char *outdir, struct mc_unit_row **rows, size_t *n,
                                   size_t *cap, struct mc_error *err) {
    enum mc_status rc = find_rows(outdir, "", 0, rows, n, cap, err);
    if (rc == MC_OK && *n > 1) {
        qsort(*rows, *n, sizeof **rows, cmp_rows);
    }
    return rc;
}

enum mc_status mc_batch_merge(const char *outdir, char *const *dirs, size_t n_dirs,
                              const char *title, size_t *units, struct mc_error *err) {
    struct mc_unit_row *rows = NULL;
    size_t n = 0, cap = 0;
    enum mc_status rc = MC_OK;
    for (size_t i = 0; rc == MC_OK && i < n_dirs; i++) {
        if (strcmp(dirs[i], outdir) != 0) {
            rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                              "--merge: '%s' is not the output directory '%s' (shards "
                              "write into one shared OUTDIR; merge it in place)",
                              dirs[i], outdir);
            break;
        }
        rc = mc_batch_find_units(dirs[i], &rows, &n, &cap, err);
    }
    if (rc == MC_OK && n == 0) {
        rc = mc_error_set(err, MC_E_DATA, outdir, 0, "no unit folders (with unit.json) to merge");
    }
    if (rc == MC_OK) {
        rc = mc_batch_write_reports(outdir, title, rows, n, err);
    }
    *units = n;
    for (size_t i = 0; i < n; i++) {
        mc_unit_row_destroy(&rows[i]);
    }
    free(rows);
    return rc;
}

bool mc_batch_in_shard(size_t index, long i, long n) {
    return n <= 0 || (long)(index % (size_t)n) == i - 1;
}
