#include "metaclust/dataset.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "metaclust/csvio.h"
#include "metaclust/outfile.h"
#include "metaclust/xlsx_read.h"

/* ==== mc_tags ==== */

void mc_tags_init(struct mc_tags *t) {
    memset(t, 0, sizeof *t);
}

void mc_tags_destroy(struct mc_tags *t) {
    free(t->off);
    free(t->val);
    memset(t, 0, sizeof *t);
}

enum mc_status mc_tags_push(struct mc_tags *t, const int32_t *vals, size_t n,
                            struct mc_error *err) {
    enum mc_status rc = MC_OK;
    if (t->n + 2 > t->cap_off) {
        rc = mc_grow((void **)&t->off, &t->cap_off, t->n + 2, sizeof *t->off, err);
    }
    if (rc == MC_OK && t->nval + n + 1 > t->cap_val) {
        rc = mc_grow((void **)&t->val, &t->cap_val, t->nval + n + 1, sizeof *t->val, err);
    }
    if (rc != MC_OK) {
        return rc;
    }
    if (t->n == 0) {
        t->off[0] = 0;
    }
    int32_t *dst = t->val + t->nval;
    if (n > 0) {
        memcpy(dst, vals, n * sizeof *vals);
    }
    size_t k = n;
    if (n > 1) {
        mc_sort_i32(dst, n);
        k = 0;
        for (size_t i = 0; i < n; i++) {
            if (k == 0 || dst[k - 1] != dst[i]) {
                dst[k++] = dst[i];
            }
        }
    }
    t->nval += k;
    t->n++;
    t->off[t->n] = t->nval;
    return MC_OK;
}

bool mc_tags_has(const struct mc_tags *t, size_t i, int32_t v) {
    if (i >= t->n) {
        return false;
    }
    const int32_t *a = t->val + t->off[i];
    size_t lo = 0, hi = t->off[i + 1] - t->off[i];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a[mid] < v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < t->off[i + 1] - t->off[i] && a[lo] == v;
}

/* ==== mc_warnings ==== */

#define MAX_WARNINGS 100

void mc_warnings_init(struct mc_warnings *w) {
    memset(w, 0, sizeof *w);
}

void mc_warnings_destroy(struct mc_warnings *w) {
    for (size_t i = 0; i < w->n; i++) {
        free(w->msg[i]);
    }
    free(w->msg);
    memset(w, 0, sizeof *w);
}

void mc_warnings_add(struct mc_warnings *w, const char *fmt, ...) {
    if (w->n >= MAX_WARNINGS) {
        w->dropped++;
        return;
    }
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (mc_grow((void **)&w->msg, &w->cap, w->n + 1, sizeof *w->msg, NULL) != MC_OK) {
        w->dropped++;
        return;
    }
    w->msg[w->n] = strdup(buf);
    if (w->msg[w->n] == NULL) {
        w->dropped++;
        return;
    }
    w->n++;
}

/* ==== small parsers ==== */

enum mc_aff_role mc_role_parse(const char *s) {
    static const char *const lead[] = {"coordinator",  "lead",  "leader", "lead partner",
                                       "lead_partner", "coord", "coo",    NULL};
    static const char *const part[] = {"participant", "partner",     "member", "beneficiary",
                                       "associated",  "third party", NULL};
    for (size_t i = 0; lead[i] != NULL; i++) {
        if (strcasecmp(s, lead[i]) == 0) {
            return MC_ROLE_LEAD;
        }
    }
    for (size_t i = 0; part[i] != NULL; i++) {
        if (strcasecmp(s, part[i]) == 0) {
            return MC_ROLE_PARTICIPANT;
        }
    }
    return MC_ROLE_NONE;
}

const char *mc_label_name(enum mc_label l) {
    switch (l) {
    case MC_LABEL_BRONZE:
        return "bronze";
    case MC_LABEL_SILVER:
        return "silver";
    case MC_LABEL_GOLD:
        return "gold";
    default:
        return "";
    }
}

bool mc_label_parse(const char *s, enum mc_label *out) {
    static const char *const names[] = {"", "bronze", "silver", "gold"};
    size_t len = strlen(s);
    if (len == 0 || mc_streq_fold("none", s, len) || mc_streq_fold("-", s, len)) {
        *out = MC_LABEL_NONE;
        return true;
    }
    for (size_t i = 1; i < MC_ARRAY_SIZE(names); i++) {
        if (mc_streq_fold(names[i], s, len)) {
            *out = (enum mc_label)i;
            return true;
        }
    }
    return false;
}

/* ==== the dataset ==== */

void mc_dataset_init(struct mc_dataset *ds) {
    memset(ds, 0, sizeof *ds);
    mc_strpool_init(&ds->pool);
    mc_intern_init(&ds->ids, false);
    mc_intern_init(&ds->countries, false);
    mc_intern_init(&ds->sectors, true);
    mc_intern_init(&ds->groups, false);
    mc_tags_init(&ds->node_sectors);
    mc_tags_init(&ds->edge_sectors);
    mc_tags_init(&ds->aff_sectors);
    mc_tags_init(&ds->group_sectors);
    mc_warnings_init(&ds->warnings);
}

void mc_dataset_destroy(struct mc_dataset *ds) {
    free(ds->name);
    free(ds->dir);
    free(ds->path_nodes);
    free(ds->path_edges);
    free(ds->path_affiliations);
    free(ds->path_groups);
    mc_strpool_destroy(&ds->pool);
    mc_intern_destroy(&ds->ids);
    free(ds->node_name);
    free(ds->node_country);
    free(ds->node_region);
    free(ds->node_type);
    free(ds->node_lat);
    free(ds->node_lon);
    free(ds->node_label);
    free(ds->node_declared);
    mc_tags_destroy(&ds->node_sectors);
    free(ds->extra_name);
    free(ds->extra_val);
    mc_intern_destroy(&ds->countries);
    mc_intern_destroy(&ds->sectors);
    free(ds->edge_src);
    free(ds->edge_tgt);
    free(ds->edge_w);
    free(ds->edge_year);
    mc_tags_destroy(&ds->edge_sectors);
    free(ds->aff_node);
    free(ds->aff_group);
    free(ds->aff_w);
    free(ds->aff_role);
    free(ds->aff_contribution);
    mc_tags_destroy(&ds->aff_sectors);
    mc_intern_destroy(&ds->groups);
    mc_tags_destroy(&ds->group_sectors);
    free(ds->group_name);
    free(ds->group_year);
    free(ds->group_end_year);
    free(ds->group_cost);
    free(ds->group_eu_contribution);
    mc_warnings_destroy(&ds->warnings);
    mc_dataset_init(ds);
}

/* Grows every per-node array to hold `need` nodes. */
static enum mc_status reserve_nodes(struct mc_dataset *ds, size_t need, struct mc_error *err) {
    if (need <= ds->cap_nodes) {
        return MC_OK;
    }
    size_t cap = ds->cap_nodes ? ds->cap_nodes * 2 : 1024;
    while (cap < need) {
        cap *= 2;
    }
#define GROW(field)                                                                                \
    do {                                                                                           \
        size_t c = ds->cap_nodes;                                                                  \
        enum mc_status rc_ = mc_grow((void **)&ds->field, &c, cap, sizeof *ds->field, err);        \
        if (rc_ != MC_OK) {                                                                        \
            return rc_;                                                                            \
        }                                                                                          \
    } while (0)
    GROW(node_name);
    GROW(node_country);
    GROW(node_region);
    GROW(node_type);
    GROW(node_lat);
    GROW(node_lon);
    GROW(node_label);
    GROW(node_declared);
#undef GROW
    if (ds->n_extra > 0) {
        size_t bytes;
        if (!mc_mul_ok(cap, ds->n_extra * sizeof *ds->extra_val, &bytes)) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (node attributes)");
        }
        void *p = realloc(ds->extra_val, bytes);
        if (p == NULL) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (node attributes)");
        }
        ds->extra_val = p;
    }
    ds->cap_nodes = cap;
    return MC_OK;
}

/* Appends a node with default attributes; its id must already be interned as index n_nodes. */
static enum mc_status push_node(struct mc_dataset *ds, bool declared, struct mc_error *err) {
    enum mc_status rc = reserve_nodes(ds, ds->n_nodes + 1, err);
    if (rc != MC_OK) {
        return rc;
    }
    size_t i = ds->n_nodes;
    ds->node_name[i] = ds->ids.keys[i];
    ds->node_country[i] = -1;
    ds->node_region[i] = "";
    ds->node_type[i] = "";
    ds->node_lat[i] = NAN;
    ds->node_lon[i] = NAN;
    ds->node_label[i] = MC_LABEL_NONE;
    ds->node_declared[i] = declared;
    for (size_t k = 0; k < ds->n_extra; k++) {
        ds->extra_val[i * ds->n_extra + k] = "";
    }
    rc = mc_tags_push(&ds->node_sectors, NULL, 0, err);
    if (rc != MC_OK) {
        return rc;
    }
    ds->n_nodes++;
    return MC_OK;
}

/* ==== per-file readers ==== */

enum file_kind { F_NODES, F_EDGES, F_AFFILIATIONS, F_GROUPS };

static const char *const NODE_ID[] = {"id", "node", "node_id", "key", "pic", NULL};
/* name, country and sectors in English, Czech, Slovak, Polish, Hungarian and German */
static const char *const NODE_NAME[] = {"name",       "title",       "název", "nazev", "názov",
                                        "nazov",      "nazwa",       "név",   "nev",   "megnevezés",
                                        "megnevezes", "bezeichnung", NULL};
static const char *const NODE_COUNTRY[] = {
    "country", "country_code", "iso2",    "země",   "zeme",   "stát", "stat",  "krajina",
    "štát",    "państwo",      "panstwo", "ország", "orszag", "land", "staat", NULL};
static const char *const NODE_REGION[] = {"region", "nuts2", "nuts", NULL};
static const char *const NODE_SECTORS[] = {"sectors", "sector",   "sektor",  "obor",   "odvětví",
                                           "odvetvi", "odvetvie", "branche", "branża", "branza",
                                           "ágazat",  "agazat",   NULL};
static const char *const NODE_TYPE[] = {"type", "org_type", NULL};
static const char *const NODE_LAT[] = {"lat", "latitude", NULL};
static const char *const NODE_LON[] = {"lon", "lng", "long", "longitude", NULL};
static const char *const NODE_LABEL[] = {"label", "esca", "esca_label", NULL};

static const char *const EDGE_SOURCE[] = {"source", "from", "src", "source_id", NULL};
static const char *const EDGE_TARGET[] = {"target", "to", "dst", "target_id", NULL};
static const char *const EDGE_WEIGHT[] = {"weight", "w", "value", NULL};
static const char *const EDGE_SECTOR[] = {"sector", "sectors", NULL};
static const char *const EDGE_YEAR[] = {"year", NULL};

static const char *const AFF_NODE[] = {"node",        "member", "organisation", "organization",
                                       "participant", "org",    "cluster",      NULL};
static const char *const AFF_GROUP[] = {"group", "project", "partner", "event", NULL};
static const char *const AFF_SECTOR[] = {"sector", "sectors", NULL};
static const char *const AFF_WEIGHT[] = {"weight", "w", NULL};
static const char *const AFF_ROLE[] = {"role", NULL};
static const char *const AFF_CONTRIBUTION[] = {"contribution", "eu_contribution", "ec_contribution",
                                               NULL};

static const char *const GROUP_ID[] = {"id", "group", "project", NULL};
static const char *const GROUP_SECTORS[] = {"sectors", "sector", NULL};
static const char *const GROUP_NAME[] = {"name", "title", NULL};
static const char *const GROUP_YEAR[] = {"year", "start_year", NULL};
static const char *const GROUP_END_YEAR[] = {"end_year", "end", NULL};
static const char *const GROUP_COST[] = {"total_cost", "cost", "budget", NULL};
static const char *const GROUP_EU[] = {"eu_contribution", "ec_contribution", "ec_max_contribution",
                                       NULL};

/* A copy of the previous row's field; `valid` false until the first one. */
struct prev_field {
    char *text;
    size_t len, cap;
    bool valid;
};

static bool prev_same(const struct prev_field *p, const char *s, size_t len) {
    return p->valid && p->len == len && memcmp(p->text, s, len) == 0;
}

static enum mc_status prev_set(struct prev_field *p, const char *s, size_t len,
                               struct mc_error *err) {
    p->valid = false;
    if (len + 1 > p->cap) {
        enum mc_status rc = mc_grow((void **)&p->text, &p->cap, len + 1, 1, err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    memcpy(p->text, s, len);
    p->len = len;
    p->valid = true;
    return MC_OK;
}

struct loader {
    struct mc_dataset *ds;
    const struct mc_load_options *opt;
    enum file_kind kind;
    const char *path;
    bool have_nodes_file;
    /* column indices, -1 when absent */
    long c_id, c_name, c_country, c_region, c_sectors, c_type, c_lat, c_lon, c_label;
    long c_src, c_tgt, c_weight, c_sector, c_node, c_group, c_year;
    long c_role, c_contribution, c_end_year, c_cost, c_eu;
    long *extra_col;     /* nodes.csv: column of each extra attribute */
    uint32_t *node_line; /* nodes.csv line of each declared node */
    size_t cap_line;
    uint32_t *group_line;
    size_t cap_gline;
    int32_t *tmp;
    size_t cap_tmp;
    /*
     * affiliations.csv comes in runs of rows of one group with one sector
     * field: the previous row's group and sector field (bytes and result)
     * spare most lookups. `tmp` holds the previous row's parsed tags.
     */
    struct prev_field prev_group, prev_sector;
    long prev_group_idx;
    size_t prev_ntags;
    bool *alias_used;            /* per --sector-alias: whether it applied */
    bool *columns_used;          /* per --columns mapping: whether a file had its column */
    struct mc_country_index cix; /* country names, built at the first one met */
    bool have_cix;
    struct mc_csv_skipped skipped; /* over every file */
    char skipped_in[256];          /* the files where something was skipped */
};

/*
 * The sector a name stands for under the --sector-alias options: TO for a
 * FROM (compared case-insensitively), else the name itself. `used` marks the
 * aliases that applied.
 */
static const char *sector_alias(const struct mc_load_options *opt, const char *name, bool *used) {
    for (size_t i = 0; opt != NULL && i < opt->n_sector_alias; i++) {
        const char *a = opt->sector_alias[i], *eq = strchr(a, '=');
        char from[256];
        size_t fl = eq ? (size_t)(eq - a) : 0;
        if (fl == 0 || fl >= sizeof from) {
            continue;
        }
        memcpy(from, a, fl);
        from[fl] = '\0';
        const char *f = mc_trim(from);
        if (mc_utf8_eq_fold(f, name, strlen(name))) {
            used[i] = true;
            return eq + 1;
        }
    }
    return name;
}

enum mc_status mc_columns_check(const char *map, struct mc_error *err) {
    static const char *const roles[] = {
        "id",   "name",  "country", "region",       "sectors",  "sector",     "type",
        "lat",  "lon",   "label",   "source",       "target",   "weight",     "year",
        "node", "group", "role",    "contribution", "end_year", "total_cost", "eu_contribution"};
    const char *eq = strchr(map, '=');
    if (eq == NULL || eq == map || eq[1] == '\0') {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "--columns: expected KEY=COLUMN (for example name=N\xc3\xa1zev), got "
                            "'%s'",
                            map);
    }
    for (size_t i = 0; i < MC_ARRAY_SIZE(roles); i++) {
        if (strlen(roles[i]) == (size_t)(eq - map) &&
            strncmp(roles[i], map, (size_t)(eq - map)) == 0) {
            return MC_OK;
        }
    }
    return mc_error_set(err, MC_E_USAGE, NULL, 0,
                        "--columns: unknown key '%.*s' (keys: id, name, country, region, sectors, "
                        "type, lat, lon, label, source, target, weight, year, node, group, role, "
                        "contribution, end_year, total_cost, eu_contribution)",
                        (int)(eq - map), map);
}

enum mc_status mc_sector_alias_check(const char *alias, struct mc_error *err) {
    const char *eq = strchr(alias, '=');
    if (eq == NULL || eq == alias || eq[1] == '\0' || eq - alias >= 255) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "--sector-alias: expected FROM=TO (a sector name and the sector it "
                            "stands for), got '%s'",
                            alias);
    }
    return MC_OK;
}

/* Splits a multi-valued sector field on ';' or '|' and interns each value. */
static enum mc_status parse_sectors(struct loader *ld, char *field, int32_t **vals, size_t *cap,
                                    size_t *n, struct mc_error *err) {
    struct mc_dataset *ds = ld->ds;
    *n = 0;
    char *p = field;
    while (*p) {
        char *q = p;
        while (*q && *q != ';' && *q != '|') {
            q++;
        }
        char saved = *q;
        *q = '\0';
        const char *tok = mc_trim(p);
        if (*tok && ld->opt->n_sector_alias > 0) {
            tok = sector_alias(ld->opt, tok, ld->alias_used);
        }
        if (*tok) {
            long idx;
            enum mc_status rc = mc_intern_add(&ds->sectors, tok, strlen(tok), &idx, NULL, err);
            if (rc == MC_OK) {
                rc = mc_grow((void **)vals, cap, *n + 1, sizeof **vals, err);
            }
            if (rc != MC_OK) {
                return rc;
            }
            (*vals)[(*n)++] = (int32_t)idx;
        }
        *q = saved;
        p = saved ? q + 1 : q;
    }
    return MC_OK;
}

/*
 * The column for a role (`names`: its name first, then the aliases): the one
 * --columns maps the role to when this file has it, else the first alias found.
 */
static long column(struct loader *ld, const struct mc_csv_record *h, const char *const *names) {
    const char *const *map = ld->opt->columns;
    for (size_t i = 0; map != NULL && i < ld->opt->n_columns; i++) {
        const char *eq = strchr(map[i], '=');
        size_t kl = (size_t)(eq - map[i]);
        bool sect = strcmp(names[0], "sector") == 0 || strcmp(names[0], "sectors") == 0;
        if (!(strlen(names[0]) == kl && strncmp(names[0], map[i], kl) == 0) &&
            !(sect &&
              (strncmp(map[i], "sector=", 7) == 0 || strncmp(map[i], "sectors=", 8) == 0))) {
            continue;
        }
        for (size_t c = 0; c < h->nfields; c++) {
            if (mc_utf8_eq_fold(eq + 1, h->fields[c], h->lens[c])) {
                ld->columns_used[i] = true;
                return (long)c;
            }
        }
    }
    return mc_csv_column(h, names);
}

static enum mc_status require_column(struct loader *ld, const struct mc_csv_record *h,
                                     const char *const *names, long *col, struct mc_error *err) {
    *col = column(ld, h, names);
    if (*col >= 0) {
        return MC_OK;
    }
    char found[512];
    mc_csv_describe_header(h, found, sizeof found);
    return mc_csv_error(err, MC_E_DATA, h, -1,
                        "missing column '%s' (columns found: %s; --columns %s=COLUMN names it)",
                        names[0], found, names[0]);
}

static bool is_known_column(struct loader *ld, const struct mc_csv_record *h, size_t i) {
    const char *const *lists[] = {NODE_ID,   NODE_NAME, NODE_COUNTRY, NODE_REGION, NODE_SECTORS,
                                  NODE_TYPE, NODE_LAT,  NODE_LON,     NODE_LABEL};
    for (size_t l = 0; l < MC_ARRAY_SIZE(lists); l++) {
        if (column(ld, h, lists[l]) == (long)i) {
            return true;
        }
    }
    return false;
}

static enum mc_status nodes_header(struct loader *ld, const struct mc_csv_record *h,
                                   struct mc_error *err) {
    struct mc_dataset *ds = ld->ds;
    enum mc_status rc = require_column(ld, h, NODE_ID, &ld->c_id, err);
    if (rc != MC_OK) {
        return rc;
    }
    ld->c_name = column(ld, h, NODE_NAME);
    ld->c_country = column(ld, h, NODE_COUNTRY);
    ld->c_region = column(ld, h, NODE_REGION);
    ld->c_sectors = column(ld, h, NODE_SECTORS);
    ld->c_type = column(ld, h, NODE_TYPE);
    ld->c_lat = column(ld, h, NODE_LAT);
    ld->c_lon = column(ld, h, NODE_LON);
    ld->c_label = column(ld, h, NODE_LABEL);
    if ((ld->c_lat < 0) != (ld->c_lon < 0)) {
        return mc_csv_error(err, MC_E_DATA, h, -1, "column '%s' without column '%s'",
                            ld->c_lat >= 0 ? "lat" : "lon", ld->c_lat >= 0 ? "lon" : "lat");
    }
    size_t n_extra = 0;
    for (size_t i = 0; i < h->nfields; i++) {
        if (h->lens[i] == 0) {
            return mc_csv_error(err, MC_E_DATA, h, (long)i, "empty column name");
        }
        for (size_t j = 0; j < i; j++) {
            if (mc_streq_fold(h->fields[j], h->fields[i], h->lens[i])) {
                return mc_csv_error(err, MC_E_DATA, h, (long)i, "duplicate column '%s'",
                                    h->fields[i]);
            }
        }
        n_extra += !is_known_column(ld, h, i);
    }
    if (n_extra > 0) {
        ds->extra_name = calloc(n_extra, sizeof *ds->extra_name);
        ld->extra_col = calloc(n_extra, sizeof *ld->extra_col);
        if (ds->extra_name == NULL || ld->extra_col == NULL) {
            return mc_error_set(err, MC_E_NOMEM, ld->path, 0, "out of memory");
        }
        size_t k = 0;
        for (size_t i = 0; i < h->nfields; i++) {
            if (is_known_column(ld, h, i)) {
                continue;
            }
            ds->extra_name[k] = mc_strpool_add(&ds->pool, h->fields[i], h->lens[i], err);
            if (ds->extra_name[k] == NULL) {
                return MC_E_NOMEM;
            }
            ld->extra_col[k++] = (long)i;
        }
        ds->n_extra = n_extra;
    }
    return MC_OK;
}

static const char *pooled(struct loader *ld, const struct mc_csv_record *r, long col,
                          struct mc_error *err) {
    if (col < 0 || r->lens[col] == 0) {
        return "";
    }
    return mc_strpool_add(&ld->ds->pool, r->fields[col], r->lens[col], err);
}

/*
 * Why a field that mc_parse_real() refused is no usable number, for the
 * messages: NULL when it is simply not a number.
 */
static const char *number_problem(const char *s) {
    const char *comma = strchr(s, ',');
    if (comma != NULL && comma > s && isdigit((unsigned char)comma[-1]) &&
        isdigit((unsigned char)comma[1])) {
        return "decimal comma; write numbers with a decimal point";
    }
    char low[16];
    size_t n = 0;
    for (; s[n] && n < sizeof low - 1; n++) {
        low[n] = (char)tolower((unsigned char)s[n]);
    }
    low[n] = '\0';
    if (strstr(low, "nan") || strstr(low, "inf")) {
        return "must be a finite number";
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (*end == ' ' || *end == '\t') {
        end++;
    }
    if (end != s && *end == '\0' && errno == ERANGE) {
        return fabs(v) > 1 ? "must be a finite number (too large)"
                           : "out of range (too close to zero)";
    }
    return NULL;
}

static enum mc_status parse_coord(const struct mc_csv_record *r, long col, const char *what,
                                  double lim, double *out, struct mc_error *err) {
    *out = NAN;
    if (col < 0 || r->lens[col] == 0) {
        return MC_OK;
    }
    double v;
    if (!mc_parse_real(r->fields[col], &v)) {
        const char *why = number_problem(r->fields[col]);
        if (why != NULL) {
            return mc_csv_error(err, MC_E_DATA, r, col, "invalid %s '%s': %s", what, r->fields[col],
                                why);
        }
        return mc_csv_error(err, MC_E_DATA, r, col, "invalid %s '%s' (expected decimal degrees)",
                            what, r->fields[col]);
    }
    if (v < -lim || v > lim) {
        return mc_csv_error(err, MC_E_DATA, r, col, "%s %s out of range [-%g, %g]", what,
                            r->fields[col], lim, lim);
    }
    *out = v;
    return MC_OK;
}

/*
 * The code for the country field of a nodes row: an ISO code, or a name
 * looked up in the built-in table (its index is built at the first name).
 */
static enum mc_status country_code(struct loader *ld, const struct mc_csv_record *r, char cc[3],
                                   struct mc_error *err) {
    const char *s = r->fields[ld->c_country];
    if (mc_country_canonical(s, cc)) {
        return MC_OK;
    }
    if (!ld->have_cix) {
        enum mc_status rc = mc_country_index_init(&ld->cix, err);
        if (rc != MC_OK) {
            return rc;
        }
        ld->have_cix = true;
    }
    if (mc_country_index_find(&ld->cix, s, cc)) {
        return MC_OK;
    }
    char sug[256];
    if (mc_country_index_suggest(&ld->cix, s, sug, sizeof sug) > 0) {
        return mc_csv_error(err, MC_E_DATA, r, ld->c_country,
                            "invalid country '%s' (did you mean %s?)", s, sug);
    }
    return mc_csv_error(err, MC_E_DATA, r, ld->c_country,
                        "invalid country '%s' (expected an ISO 3166-1 code such as 'DE' or a "
                        "country name)",
                        s);
}

static enum mc_status nodes_row(struct loader *ld, const struct mc_csv_record *r,
                                struct mc_error *err) {
    struct mc_dataset *ds = ld->ds;
    const char *id = r->fields[ld->c_id];
    size_t idlen = r->lens[ld->c_id];
    if (idlen == 0) {
        return mc_csv_error(err, MC_E_DATA, r, ld->c_id, "empty node id");
    }
    long idx;
    bool added;
    enum mc_status rc = mc_intern_add(&ds->ids, id, idlen, &idx, &added, err);
    if (rc != MC_OK) {
        return rc;
    }
    if (!added) {
        return mc_csv_error(err, MC_E_DATA, r, ld->c_id,
                            "duplicate node id '%s' (first defined on %s %lu)", id,
                            r->cells ? "row" : "line", (unsigned long)ld->node_line[idx]);
    }
    rc = mc_grow((void **)&ld->node_line, &ld->cap_line, (size_t)idx + 1, sizeof *ld->node_line,
                 err);
    if (rc != MC_OK) {
        return rc;
    }
    ld->node_line[idx] = (uint32_t)r->line;
    rc = push_node(ds, true, err);
    if (rc != MC_OK) {
        return rc;
    }
    size_t i = (size_t)idx;
    if (ld->c_name >= 0 && r->lens[ld->c_name] > 0) {
        ds->node_name[i] = pooled(ld, r, ld->c_name, err);
    }
    if (ld->c_country >= 0 && r->lens[ld->c_country] > 0) {
        char cc[3];
        rc = country_code(ld, r, cc, err);
        if (rc != MC_OK) {
            return rc;
        }
        long c;
        rc = mc_intern_add(&ds->countries, cc, 2, &c, NULL, err);
        if (rc != MC_OK) {
            return rc;
        }
        ds->node_country[i] = (int32_t)c;
    } else {
        ds->nodes_without_country++;
    }
    ds->node_region[i] = pooled(ld, r, ld->c_region, err);
    ds->node_type[i] = pooled(ld, r, ld->c_type, err);
    if (ds->node_region[i] == NULL || ds->node_type[i] == NULL || ds->node_name[i] == NULL) {
        return MC_E_NOMEM;
    }
    rc = parse_coord(r, ld->c_lat, "latitude", 90, &ds->node_lat[i], err);
    if (rc == MC_OK) {
        rc = parse_coord(r, ld->c_lon, "longitude", 180, &ds->node_lon[i], err);
    }
    if (rc != MC_OK) {
        return rc;
    }
    if (isnan(ds->node_lat[i]) != isnan(ds->node_lon[i])) {
        return mc_csv_error(err, MC_E_DATA, r, (isnan(ds->node_lat[i]) ? ld->c_lat : ld->c_lon),
                            "latitude and longitude must be given together");
    }
    if (ld->c_label >= 0) {
        enum mc_label l;
        if (!mc_label_parse(r->fields[ld->c_label], &l)) {
            return mc_csv_error(err, MC_E_DATA, r, ld->c_label,
                                "invalid label '%s' (expected bronze, silver, gold or empty)",
                                r->fields[ld->c_label]);
        }
        ds->node_label[i] = (uint8_t)l;
    }
    if (ld->c_sectors >= 0 && r->lens[ld->c_sectors] > 0) {
        size_t n;
        rc = parse_sectors(ld, r->fields[ld->c_sectors], &ld->tmp, &ld->cap_tmp, &n, err);
        if (rc != MC_OK) {
            return rc;
        }
        /* replace the empty tag list push_node made: it is the last item */
        ds->node_sectors.n--;
        ds->node_sectors.nval = ds->node_sectors.off[ds->node_sectors.n];
        rc = mc_tags_push(&ds->node_sectors, ld->tmp, n, err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    for (size_t k = 0; k < ds->n_extra; k++) {
        const char *v = pooled(ld, r, ld->extra_col[k], err);
        if (v == NULL) {
            return MC_E_NOMEM;
        }
        ds->extra_val[i * ds->n_extra + k] = v;
    }
    return MC_OK;
}

static const char *node_key(size_t i, void *ctx);

/*
 * Resolves the node id in column `col` (named `what` in messages) of a row of
 * edges or affiliations, creating the node when allowed.
 */
static enum mc_status resolve_node(struct loader *ld, const struct mc_csv_record *r, long col,
                                   const char *what, int32_t *out, struct mc_error *err) {
    struct mc_dataset *ds = ld->ds;
    const char *id = r->fields[col];
    size_t len = r->lens[col];
    if (len == 0) {
        return mc_csv_error(err, MC_E_DATA, r, col, "empty node id in column '%s'", what);
    }
    long idx = mc_intern_find(&ds->ids, id, len);
    if (idx < 0) {
        if (ld->have_nodes_file && !ld->opt->add_missing) {
            char sug[512];
            if (mc_suggest(id, ds->n_nodes, node_key, ds, 3, sug, sizeof sug) > 0) {
                return mc_csv_error(err, MC_E_DATA, r, col,
                                    "unknown node '%s' in column '%s': not in %s (did you mean "
                                    "%s? --add-missing creates it)",
                                    id, what, ds->path_nodes, sug);
            }
            return mc_csv_error(err, MC_E_DATA, r, col,
                                "unknown node '%s' in column '%s': not in %s (--add-missing "
                                "creates it)",
                                id, what, ds->path_nodes);
        }
        enum mc_status rc = mc_intern_add(&ds->ids, id, len, &idx, NULL, err);
        if (rc == MC_OK) {
            rc = push_node(ds, false, err);
        }
        if (rc != MC_OK) {
            return rc;
        }
        if (ld->have_nodes_file) {
            ds->nodes_added++;
        }
        ds->nodes_without_country++;
    }
    *out = (int32_t)idx;
    return MC_OK;
}

static enum mc_status parse_weight(const struct mc_csv_record *r, long col, double *out,
                                   struct mc_error *err) {
    *out = 1.0;
    if (col < 0 || r->lens[col] == 0) {
        return MC_OK;
    }
    const char *s = r->fields[col];
    double v;
    if (!mc_parse_real(s, &v)) {
        const char *why = number_problem(s);
        return mc_csv_error(err, MC_E_DATA, r, col, "invalid weight '%s': %s", s,
                            why != NULL ? why : "not a number");
    }
    if (v < 0) {
        return mc_csv_error(err, MC_E_DATA, r, col, "invalid weight '%s': must not be negative", s);
    }
    *out = v;
    return MC_OK;
}

/*
 * A year: a whole number, or the year of a date written 2014-03-31, 2014/03/31
 * or 31.03.2014 (as spreadsheets export them).
 */
static bool parse_year(const char *s, long *out) {
    if (mc_parse_long(s, -9999, 9999, out)) {
        return true;
    }
    size_t n = strlen(s);
    const char *y = NULL;
    if (n == 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
        y = s;
    } else if (n == 10 && (s[2] == '.' || s[2] == '/') && s[5] == s[2]) {
        y = s + 6;
    }
    if (y == NULL) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) && s[i] != '-' && s[i] != '/' && s[i] != '.') {
            return false;
        }
    }
    char buf[5] = {y[0], y[1], y[2], y[3], 0};
    return mc_parse_long(buf, 0, 9999, out);
}

/* A money amount (contribution, cost): a non-negative number. */
static enum mc_status parse_amount(struct loader *ld, const struct mc_csv_record *r, long col,
                                   double *out, struct mc_error *err) {
    const char *s = r->fields[col];
    double v;
    if (!mc_parse_real(s, &v)) {
        const char *why = number_problem(s);
        return mc_csv_error(err, MC_E_DATA, r, col, "invalid amount '%s' in column '%s': %s", s,
                            col == ld->c_contribution ? "contribution" : "cost",
                            why != NULL ? why : "not a number");
    }
    if (v < 0) {
        return mc_csv_error(err, MC_E_DATA, r, col, "invalid amount '%s': must not be negative", s);
    }
    *out = v;
    return MC_OK;
}

static enum mc_status reserve_edges(struct mc_dataset *ds, struct mc_error *err) {
    size_t need = ds->n_edges + 1;
    if (need <= ds->cap_edges) {
        return MC_OK;
    }
    size_t c1 = ds->cap_edges, c2 = c1, c3 = c1, c4 = c1;
    enum mc_status rc = mc_grow((void **)&ds->edge_src, &c1, need, sizeof *ds->edge_src, err);
    if (rc == MC_OK) {
        rc = mc_grow((void **)&ds->edge_tgt, &c2, need, sizeof *ds->edge_tgt, err);
    }
    if (rc == MC_OK) {
        rc = mc_grow((void **)&ds->edge_year, &c4, need, sizeof *ds->edge_year, err);
    }
    if (rc == MC_OK) {
        rc = mc_grow((void **)&ds->edge_w, &c3, need, sizeof *ds->edge_w, err);
    }
    if (rc == MC_OK) {
        ds->cap_edges = c1;
    }
    return rc;
}

static enum mc_status edges_row(struct loader *ld, const struct mc_csv_record *r,
                                struct mc_error *err) {
    struct mc_dataset *ds = ld->ds;
    int32_t a, b;
    double w;
    enum mc_status rc = resolve_node(ld, r, ld->c_src, "source", &a, err);
    if (rc == MC_OK) {
        rc = resolve_node(ld, r, ld->c_tgt, "target", &b, err);
    }
    if (rc == MC_OK) {
        rc = parse_weight(r, ld->c_weight, &w, err);
    }
    if (rc == MC_OK) {
        rc = reserve_edges(ds, err);
    }
    if (rc != MC_OK) {
        return rc;
    }
    size_t n = 0;
    if (ld->c_sector >= 0 && r->lens[ld->c_sector] > 0) {
        rc = parse_sectors(ld, r->fields[ld->c_sector], &ld->tmp, &ld->cap_tmp, &n, err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    rc = mc_tags_push(&ds->edge_sectors, ld->tmp, n, err);
    if (rc != MC_OK) {
        return rc;
    }
    ds->edge_src[ds->n_edges] = a;
    ds->edge_tgt[ds->n_edges] = b;
    ds->edge_w[ds->n_edges] = w;
    ds->edge_year[ds->n_edges] = 0;
    if (ld->c_year >= 0 && r->lens[ld->c_year] > 0) {
        long y;
        if (!parse_year(r->fields[ld->c_year], &y)) {
            return mc_csv_error(err, MC_E_DATA, r, ld->c_year, "invalid year '%s'",
                                r->fields[ld->c_year]);
        }
        ds->edge_year[ds->n_edges] = y;
    }
    ds->n_edges++;
    return MC_OK;
}

/* Interns a group id, growing the per-group arrays for a new one. */
static enum mc_status intern_group(struct mc_dataset *ds, const char *id, size_t len, long *idx,
                                   bool *added, struct mc_error *err) {
    enum mc_status rc = mc_intern_add(&ds->groups, id, len, idx, added, err);
    if (rc != MC_OK || !*added) {
        return rc;
    }
    size_t need = (size_t)*idx + 1;
    if (need > ds->cap_groups) {
        size_t c1 = ds->cap_groups, c2 = c1, c3 = c1, c4 = c1, c5 = c1;
        rc = mc_grow((void **)&ds->group_name, &c1, need, sizeof *ds->group_name, err);
        if (rc == MC_OK) {
            rc = mc_grow((void **)&ds->group_year, &c2, need, sizeof *ds->group_year, err);
        }
        if (rc == MC_OK) {
            rc = mc_grow((void **)&ds->group_end_year, &c3, need, sizeof *ds->group_end_year, err);
        }
        if (rc == MC_OK) {
            rc = mc_grow((void **)&ds->group_cost, &c4, need, sizeof *ds->group_cost, err);
        }
        if (rc == MC_OK) {
            rc = mc_grow((void **)&ds->group_eu_contribution, &c5, need,
                         sizeof *ds->group_eu_contribution, err);
        }
        if (rc != MC_OK) {
            return rc;
        }
        ds->cap_groups = c1;
    }
    ds->group_name[*idx] = NULL;
    ds->group_year[*idx] = 0;
    ds->group_end_year[*idx] = 0;
    ds->group_cost[*idx] = NAN;
    ds->group_eu_contribution[*idx] = NAN;
    return mc_tags_push(&ds->group_sectors, NULL, 0, err);
}

static enum mc_status reserve_aff(struct mc_dataset *ds, struct mc_error *err) {
    size_t need = ds->n_aff + 1;
    if (need <= ds->cap_aff) {
        return MC_OK;
    }
    size_t c1 = ds->cap_aff, c2 = c1, c3 = c1, c4 = c1, c5 = c1;
    enum mc_status rc = mc_grow((void **)&ds->aff_node, &c1, need, sizeof *ds->aff_node, err);
    if (rc == MC_OK) {
        rc = mc_grow((void **)&ds->aff_group, &c2, need, sizeof *ds->aff_group, err);
    }
    if (rc == MC_OK) {
        rc = mc_grow((void **)&ds->aff_w, &c3, need, sizeof *ds->aff_w, err);
    }
    if (rc == MC_OK) {
        rc = mc_grow((void **)&ds->aff_role, &c4, need, sizeof *ds->aff_role, err);
    }
    if (rc == MC_OK) {
        rc = mc_grow((void **)&ds->aff_contribution, &c5, need, sizeof *ds->aff_contribution, err);
    }
    if (rc == MC_OK) {
        ds->cap_aff = c1;
    }
    return rc;
}

static enum mc_status aff_row(struct loader *ld, const struct mc_csv_record *r,
                              struct mc_error *err) {
    struct mc_dataset *ds = ld->ds;
    int32_t node;
    double w;
    enum mc_status rc = resolve_node(ld, r, ld->c_node, "node", &node, err);
    if (rc == MC_OK) {
        rc = parse_weight(r, ld->c_weight, &w, err);
    }
    if (rc != MC_OK) {
        return rc;
    }
    if (r->lens[ld->c_group] == 0) {
        return mc_csv_error(err, MC_E_DATA, r, ld->c_group, "empty group id in column 'group'");
    }
    const char *gid = r->fields[ld->c_group];
    size_t glen = r->lens[ld->c_group];
    if (!prev_same(&ld->prev_group, gid, glen)) {
        bool added;
        rc = intern_group(ds, gid, glen, &ld->prev_group_idx, &added, err);
        if (rc == MC_OK) {
            rc = prev_set(&ld->prev_group, gid, glen, err);
        }
        if (rc != MC_OK) {
            return rc;
        }
    }
    long g = ld->prev_group_idx;
    rc = reserve_aff(ds, err);
    if (rc != MC_OK) {
        return rc;
    }
    size_t n = 0;
    if (ld->c_sector >= 0 && r->lens[ld->c_sector] > 0) {
        const char *sf = r->fields[ld->c_sector];
        size_t slen = r->lens[ld->c_sector];
        if (prev_same(&ld->prev_sector, sf, slen)) {
            n = ld->prev_ntags;
        } else {
            ld->prev_sector.valid = false;
            rc = parse_sectors(ld, r->fields[ld->c_sector], &ld->tmp, &ld->cap_tmp, &n, err);
            if (rc == MC_OK) {
                rc = prev_set(&ld->prev_sector, sf, slen, err);
            }
            if (rc != MC_OK) {
                return rc;
            }
            ld->prev_ntags = n;
        }
    }
    rc = mc_tags_push(&ds->aff_sectors, ld->tmp, n, err);
    if (rc != MC_OK) {
        return rc;
    }
    ds->aff_node[ds->n_aff] = node;
    ds->aff_group[ds->n_aff] = (int32_t)g;
    ds->aff_w[ds->n_aff] = w;
    ds->aff_role[ds->n_aff] = MC_ROLE_NONE;
    if (ld->c_role >= 0 && r->lens[ld->c_role] > 0) {
        ds->aff_role[ds->n_aff] = (uint8_t)mc_role_parse(r->fields[ld->c_role]);
    }
    ds->aff_contribution[ds->n_aff] = NAN;
    if (ld->c_contribution >= 0 && r->lens[ld->c_contribution] > 0) {
        rc = parse_amount(ld, r, ld->c_contribution, &ds->aff_contribution[ds->n_aff], err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    ds->n_aff++;
    return MC_OK;
}

static enum mc_status groups_row(struct loader *ld, const struct mc_csv_record *r,
                                 struct mc_error *err) {
    struct mc_dataset *ds = ld->ds;
    if (r->lens[ld->c_id] == 0) {
        return mc_csv_error(err, MC_E_DATA, r, ld->c_id, "empty group id");
    }
    long g;
    bool added;
    enum mc_status rc = intern_group(ds, r->fields[ld->c_id], r->lens[ld->c_id], &g, &added, err);
    if (rc != MC_OK) {
        return rc;
    }
    if (!added) {
        return mc_csv_error(
            err, MC_E_DATA, r, ld->c_id, "duplicate group id '%s' (first defined on %s %lu)",
            r->fields[ld->c_id], r->cells ? "row" : "line", (unsigned long)ld->group_line[g]);
    }
    rc = mc_grow((void **)&ld->group_line, &ld->cap_gline, (size_t)g + 1, sizeof *ld->group_line,
                 err);
    if (rc != MC_OK) {
        return rc;
    }
    ld->group_line[g] = (uint32_t)r->line;
    if (ld->c_name >= 0 && r->lens[ld->c_name] > 0) {
        ds->group_name[g] = pooled(ld, r, ld->c_name, err);
        if (ds->group_name[g] == NULL) {
            return MC_E_NOMEM;
        }
    }
    if (ld->c_year >= 0 && r->lens[ld->c_year] > 0) {
        long y;
        if (!parse_year(r->fields[ld->c_year], &y)) {
            return mc_csv_error(err, MC_E_DATA, r, ld->c_year, "invalid year '%s'",
                                r->fields[ld->c_year]);
        }
        ds->group_year[g] = y;
    }
    if (ld->c_end_year >= 0 && r->lens[ld->c_end_year] > 0) {
        long y;
        if (!parse_year(r->fields[ld->c_end_year], &y)) {
            return mc_csv_error(err, MC_E_DATA, r, ld->c_end_year, "invalid end year '%s'",
                                r->fields[ld->c_end_year]);
        }
        ds->group_end_year[g] = y;
    }
    if (ld->c_cost >= 0 && r->lens[ld->c_cost] > 0) {
        rc = parse_amount(ld, r, ld->c_cost, &ds->group_cost[g], err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    if (ld->c_eu >= 0 && r->lens[ld->c_eu] > 0) {
        rc = parse_amount(ld, r, ld->c_eu, &ds->group_eu_contribution[g], err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    if (ld->c_sectors >= 0 && r->lens[ld->c_sectors] > 0) {
        size_t n;
        rc = parse_sectors(ld, r->fields[ld->c_sectors], &ld->tmp, &ld->cap_tmp, &n, err);
        if (rc != MC_OK) {
            return rc;
        }
        /* the group was just created, so its (empty) tag list is the last item */
        ds->group_sectors.n--;
        ds->group_sectors.nval = ds->group_sectors.off[ds->group_sectors.n];
        rc = mc_tags_push(&ds->group_sectors, ld->tmp, n, err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    return MC_OK;
}

static enum mc_status on_record(void *ctx, const struct mc_csv_record *r, struct mc_error *err) {
    struct loader *ld = ctx;
    if (r->record == 1) {
        enum mc_status rc = MC_OK;
        switch (ld->kind) {
        case F_NODES:
            return nodes_header(ld, r, err);
        case F_EDGES:
            rc = require_column(ld, r, EDGE_SOURCE, &ld->c_src, err);
            if (rc == MC_OK) {
                rc = require_column(ld, r, EDGE_TARGET, &ld->c_tgt, err);
            }
            ld->c_weight = column(ld, r, EDGE_WEIGHT);
            ld->c_sector = column(ld, r, EDGE_SECTOR);
            ld->c_year = column(ld, r, EDGE_YEAR);
            return rc;
        case F_AFFILIATIONS:
            rc = require_column(ld, r, AFF_NODE, &ld->c_node, err);
            if (rc == MC_OK) {
                rc = require_column(ld, r, AFF_GROUP, &ld->c_group, err);
            }
            ld->c_sector = column(ld, r, AFF_SECTOR);
            ld->c_weight = column(ld, r, AFF_WEIGHT);
            ld->c_role = column(ld, r, AFF_ROLE);
            ld->c_contribution = column(ld, r, AFF_CONTRIBUTION);
            return rc;
        case F_GROUPS:
            rc = require_column(ld, r, GROUP_ID, &ld->c_id, err);
            ld->c_sectors = column(ld, r, GROUP_SECTORS);
            ld->c_name = column(ld, r, GROUP_NAME);
            ld->c_year = column(ld, r, GROUP_YEAR);
            ld->c_end_year = column(ld, r, GROUP_END_YEAR);
            ld->c_cost = column(ld, r, GROUP_COST);
            ld->c_eu = column(ld, r, GROUP_EU);
            return rc;
        }
        return MC_OK;
    }
    switch (ld->kind) {
    case F_NODES:
        return nodes_row(ld, r, err);
    case F_EDGES:
        return edges_row(ld, r, err);
    case F_AFFILIATIONS:
        return aff_row(ld, r, err);
    case F_GROUPS:
        return groups_row(ld, r, err);
    }
    return MC_OK;
}

/* Adds up what the reads forgave, for the one warning mc_dataset_load gives. */
static void note_skipped(struct loader *ld, const char *path, const struct mc_csv_skipped *sk) {
    ld->skipped.columns += sk->columns;
    ld->skipped.rows += sk->rows;
    const char *base = ld->ds->dir != NULL && strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t used = strlen(ld->skipped_in);
    snprintf(ld->skipped_in + used, sizeof ld->skipped_in - used, "%s%s", used ? ", " : "", base);
}

static enum mc_status read_file(struct loader *ld, enum file_kind kind, const char *path,
                                struct mc_error *err) {
    ld->kind = kind;
    ld->path = path;
    ld->c_id = ld->c_name = ld->c_country = ld->c_region = ld->c_sectors = ld->c_type = -1;
    ld->c_lat = ld->c_lon = ld->c_label = -1;
    ld->c_src = ld->c_tgt = ld->c_weight = ld->c_sector = ld->c_node = ld->c_group = -1;
    ld->c_year = ld->c_role = ld->c_contribution = ld->c_end_year = ld->c_cost = ld->c_eu = -1;
    ld->prev_group.valid = ld->prev_sector.valid = false;
    static const char *const sheet_for[] = {"nodes", "edges", "affiliations", "groups"};
    struct mc_csv_options copt = {.require_rows = kind != F_GROUPS};
    struct mc_csv_skipped skipped = {0};
    enum mc_status rc;
    if (mc_xlsx_is_workbook(path)) {
        char *file;
        const char *sheet;
        if (!mc_xlsx_split(path, &file, &sheet)) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
        rc = mc_xlsx_read(file, sheet, sheet_for[kind], file, &copt, on_record, ld, &skipped, err);
        free(file);
    } else {
        rc = mc_csv_read_counted(path, NULL, &copt, on_record, ld, &skipped, err);
    }
    if (rc == MC_OK && (skipped.columns > 0 || skipped.rows > 0)) {
        note_skipped(ld, path, &skipped);
    }
    return rc;
}

/* rows[s]: the rows (of every file) tagged with sector s. */
static void count_sector_rows(const struct mc_dataset *ds, size_t *rows) {
    const struct mc_tags *all[] = {&ds->node_sectors, &ds->edge_sectors, &ds->aff_sectors,
                                   &ds->group_sectors};
    for (size_t t = 0; t < MC_ARRAY_SIZE(all); t++) {
        for (size_t i = 0; i < all[t]->n; i++) {
            for (size_t k = 0; k < mc_tags_count(all[t], i); k++) {
                rows[mc_tags_of(all[t], i)[k]]++;
            }
        }
    }
}

/* True when a and b are equal once their digits are removed ("SC1", "SC2"). */
static bool differ_in_digits_only(const char *a, const char *b) {
    for (;;) {
        while (isdigit((unsigned char)*a)) {
            a++;
        }
        while (isdigit((unsigned char)*b)) {
            b++;
        }
        if (*a != *b) {
            return false;
        }
        if (*a == '\0') {
            return true;
        }
        a++;
        b++;
    }
}

/*
 * Warns about sector names one or two edits apart ("Automotve" and
 * "automotive"), which are most often one sector misspelt, naming the rarer
 * spelling first and the option that merges them; and about --sector-alias
 * values that matched nothing. Time complexity: O(rows + sectors^2).
 */
static enum mc_status warn_sectors(struct loader *ld, struct mc_error *err) {
    enum { MAX_PAIRS = 10 };
    struct mc_dataset *ds = ld->ds;
    for (size_t i = 0; i < ld->opt->n_sector_alias; i++) {
        if (!ld->alias_used[i]) {
            mc_warnings_add(&ds->warnings, "--sector-alias '%s': no such sector in the data",
                            ld->opt->sector_alias[i]);
        }
    }
    size_t ns = ds->sectors.n, pairs = 0;
    enum mc_status rc = MC_OK;
    if (ns < 2) {
        return MC_OK;
    }
    size_t *rows = calloc(ns, sizeof *rows);
    char **key = calloc(ns, sizeof *key);
    for (size_t a = 0; key != NULL && a < ns; a++) {
        key[a] = mc_utf8_match_key(ds->sectors.keys[a]);
        if (key[a] == NULL) {
            break;
        }
    }
    if (rows == NULL || key == NULL || key[ns - 1] == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    count_sector_rows(ds, rows);
    /* compared without case, accents and punctuation: "Strojirenstvi" is "Strojírenství" */
    for (size_t a = 0; a < ns && pairs < MAX_PAIRS; a++) {
        size_t la = strlen(key[a]);
        for (size_t b = a + 1; b < ns && pairs < MAX_PAIRS; b++) {
            size_t lb = strlen(key[b]), lmin = la < lb ? la : lb, lmax = la < lb ? lb : la;
            size_t cap = lmax >= 10 ? 2 : 1;
            if (lmin < 5 || mc_edit_distance(key[a], key[b], cap) > cap ||
                (strcmp(key[a], key[b]) != 0 && differ_in_digits_only(key[a], key[b]))) {
                continue;
            }
            size_t rare = rows[a] <= rows[b] ? a : b, common = rare == a ? b : a;
            const char *rn = ds->sectors.keys[rare], *cn = ds->sectors.keys[common];
            mc_warnings_add(&ds->warnings,
                            "sector '%s' (%zu row%s) looks like '%s' (%zu row%s); "
                            "--sector-alias '%s=%s' merges them",
                            rn, rows[rare], rows[rare] == 1 ? "" : "s", cn, rows[common],
                            rows[common] == 1 ? "" : "s", rn, cn);
            pairs++;
        }
    }
out:
    for (size_t a = 0; key != NULL && a < ns; a++) {
        free(key[a]);
    }
    free(key);
    free(rows);
    return rc;
}

/* dir/base.csv, dir/base.csv.gz or dir/base.xlsx; NULL when none exists. */
static char *find_in_dir(const char *dir, const char *base) {
    static const char *const ext[] = {"csv", "csv.gz", "xlsx"};
    for (size_t i = 0; i < MC_ARRAY_SIZE(ext); i++) {
        char name[64];
        snprintf(name, sizeof name, "%s.%s", base, ext[i]);
        char *p = mc_path_join(dir, name);
        struct stat st;
        if (p != NULL && stat(p, &st) == 0) {
            return p;
        }
        free(p);
    }
    return NULL;
}

/*
 * A workbook given as the dataset: its sheets named nodes, edges,
 * affiliations and groups (as columns are matched) become the files, as
 * "BOOK#Sheet", unless named one by one.
 */
static enum mc_status workbook_files(struct mc_dataset *ds, const struct mc_load_options *opt,
                                     struct mc_error *err) {
    char **sheets;
    size_t n;
    enum mc_status rc = mc_xlsx_sheets(opt->dir, &sheets, &n, err);
    if (rc != MC_OK) {
        return rc;
    }
    struct {
        const char *name, *given;
        char **path;
    } want[] = {{"nodes", opt->nodes, &ds->path_nodes},
                {"edges", opt->edges, &ds->path_edges},
                {"affiliations", opt->affiliations, &ds->path_affiliations},
                {"groups", opt->groups, &ds->path_groups}};
    for (size_t k = 0; k < MC_ARRAY_SIZE(want) && rc == MC_OK; k++) {
        const char *given = want[k].given;
        for (size_t i = 0; i < n && given == NULL && *want[k].path == NULL; i++) {
            if (mc_utf8_eq_fold(want[k].name, sheets[i], strlen(sheets[i]))) {
                char *p = malloc(strlen(opt->dir) + strlen(sheets[i]) + 2);
                if (p == NULL) {
                    rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
                    break;
                }
                sprintf(p, "%s#%s", opt->dir, sheets[i]);
                *want[k].path = p;
            }
        }
        if (given != NULL && (*want[k].path = strdup(given)) == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
    }
    if (rc == MC_OK && ds->path_nodes == NULL && ds->path_edges == NULL &&
        ds->path_affiliations == NULL) {
        char all[512];
        mc_quote_list((const char *const *)sheets, n, all, sizeof all);
        rc = mc_error_set(err, MC_E_DATA, opt->dir, 0,
                          "no sheet named nodes, edges or affiliations (sheets: %s)", all);
    }
    for (size_t i = 0; i < n; i++) {
        free(sheets[i]);
    }
    free(sheets);
    return rc;
}

static char *dataset_name(const char *dir, const char *file) {
    const char *src = dir ? dir : file;
    size_t len = strlen(src);
    while (len > 1 && src[len - 1] == '/') {
        len--;
    }
    const char *base = src;
    for (size_t i = 0; i < len; i++) {
        if (src[i] == '/' && i + 1 < len) {
            base = src + i + 1;
        }
    }
    size_t blen = (size_t)(src + len - base);
    if (!dir) {
        /* a file: drop its extensions */
        const char *dot = memchr(base, '.', blen);
        if (dot != NULL && dot > base) {
            blen = (size_t)(dot - base);
        }
    }
    char *name = malloc(blen + 1);
    if (name != NULL) {
        memcpy(name, base, blen);
        name[blen] = '\0';
    }
    return name;
}

static enum mc_status pick_file(const char *dir, const char *explicit, const char *base, char **out,
                                struct mc_error *err) {
    *out = NULL;
    if (explicit != NULL) {
        *out = strdup(explicit);
    } else if (dir != NULL) {
        *out = find_in_dir(dir, base);
        return MC_OK;
    } else {
        return MC_OK;
    }
    return *out ? MC_OK : mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
}

enum mc_status mc_dataset_load(struct mc_dataset *ds, const struct mc_load_options *opt,
                               struct mc_error *err) {
    enum mc_status rc = MC_OK;
    bool book = false; /* the dataset is one workbook */
    struct loader ld;
    memset(&ld, 0, sizeof ld);
    ld.ds = ds;
    ld.opt = opt;

    if (opt->dir != NULL) {
        struct stat st;
        if (stat(opt->dir, &st) != 0) {
            return mc_error_set(err, MC_E_IO, opt->dir, 0, "no such dataset directory");
        }
        if (!S_ISDIR(st.st_mode) && !mc_xlsx_is_workbook(opt->dir)) {
            return mc_error_set(err, MC_E_IO, opt->dir, 0,
                                "not a directory (name a dataset directory or an .xlsx workbook, "
                                "or use --nodes, --edges, --affiliations)");
        }
        if (!S_ISDIR(st.st_mode)) {
            book = true;
        } else if ((ds->dir = strdup(opt->dir)) == NULL) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
    }
    if (book) {
        if ((rc = workbook_files(ds, opt, err)) != MC_OK) {
            goto out;
        }
    } else if ((rc = pick_file(opt->dir, opt->nodes, "nodes", &ds->path_nodes, err)) != MC_OK ||
               (rc = pick_file(opt->dir, opt->edges, "edges", &ds->path_edges, err)) != MC_OK ||
               (rc = pick_file(opt->dir, opt->affiliations, "affiliations", &ds->path_affiliations,
                               err)) != MC_OK ||
               (rc = pick_file(opt->dir, opt->groups, "groups", &ds->path_groups, err)) != MC_OK) {
        goto out;
    }
    if (ds->path_nodes == NULL && ds->path_edges == NULL && ds->path_affiliations == NULL) {
        if (opt->dir != NULL) {
            rc = mc_error_set(err, MC_E_DATA, opt->dir, 0,
                              "no dataset files here (expected nodes.csv, edges.csv or "
                              "affiliations.csv, or the same as .csv.gz or .xlsx)");
        } else {
            rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                              "no input: name a dataset directory or --nodes/--edges/"
                              "--affiliations files");
        }
        goto out;
    }
    ds->name = dataset_name(ds->dir, book             ? opt->dir
                                     : ds->path_nodes ? ds->path_nodes
                                     : ds->path_edges ? ds->path_edges
                                                      : ds->path_affiliations);
    if (ds->name == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    ld.alias_used = calloc(opt->n_sector_alias + 1, sizeof *ld.alias_used);
    ld.columns_used = calloc(opt->n_columns + 1, sizeof *ld.columns_used);
    if (ld.alias_used == NULL || ld.columns_used == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    if (ds->path_nodes != NULL) {
        ld.have_nodes_file = true;
        if ((rc = read_file(&ld, F_NODES, ds->path_nodes, err)) != MC_OK) {
            goto out;
        }
    }
    if (ds->path_groups != NULL && (rc = read_file(&ld, F_GROUPS, ds->path_groups, err)) != MC_OK) {
        goto out;
    }
    if (ds->path_edges != NULL && (rc = read_file(&ld, F_EDGES, ds->path_edges, err)) != MC_OK) {
        goto out;
    }
    if (ds->path_affiliations != NULL &&
        (rc = read_file(&ld, F_AFFILIATIONS, ds->path_affiliations, err)) != MC_OK) {
        goto out;
    }
    if ((rc = warn_sectors(&ld, err)) != MC_OK) {
        goto out;
    }
    for (size_t i = 0; i < opt->n_columns; i++) {
        if (!ld.columns_used[i]) {
            rc = mc_error_set(err, MC_E_DATA, NULL, 0, "--columns %s: no file has a column '%s'",
                              opt->columns[i], strchr(opt->columns[i], '=') + 1);
            goto out;
        }
    }
    char note[512];
    if (mc_csv_skipped_describe(&ld.skipped, ds->dir ? ds->dir : ld.skipped_in, note,
                                sizeof note)) {
        if (ds->dir != NULL) {
            mc_warnings_add(&ds->warnings, "%s (in %s)", note, ld.skipped_in);
        } else {
            mc_warnings_add(&ds->warnings, "%s", note);
        }
    }
    if (ds->path_groups != NULL && ds->path_affiliations == NULL) {
        mc_warnings_add(&ds->warnings, "%s: groups without an affiliations file are ignored",
                        ds->path_groups);
    }
    if (ds->nodes_added > 0) {
        mc_warnings_add(&ds->warnings, "%zu node%s not in %s created (--add-missing)",
                        ds->nodes_added, ds->nodes_added == 1 ? "" : "s", ds->path_nodes);
    }
    if (ds->nodes_without_country > 0 && ds->countries.n > 0) {
        mc_warnings_add(&ds->warnings, "%zu node%s without a country", ds->nodes_without_country,
                        ds->nodes_without_country == 1 ? "" : "s");
    }
out:
    free(ld.alias_used);
    free(ld.columns_used);
    if (ld.have_cix) {
        mc_country_index_destroy(&ld.cix);
    }
    free(ld.extra_col);
    free(ld.node_line);
    free(ld.group_line);
    free(ld.tmp);
    free(ld.prev_group.text);
    free(ld.prev_sector.text);
    if (rc != MC_OK) {
        mc_dataset_destroy(ds);
    }
    return rc;
}

long mc_dataset_sector(const struct mc_dataset *ds, const char *name) {
    char buf[256];
    size_t len = strlen(name);
    if (len >= sizeof buf) {
        return -1;
    }
    memcpy(buf, name, len + 1);
    const char *t = mc_trim(buf);
    return mc_intern_find(&ds->sectors, t, strlen(t));
}

static const char *sector_key(size_t i, void *ctx) {
    const struct mc_dataset *ds = ctx;
    return ds->sectors.keys[i];
}

static const char *node_key(size_t i, void *ctx) {
    const struct mc_dataset *ds = ctx;
    return ds->ids.keys[i];
}

/*
 * Candidates 0..n-1 are the ids, n..2n-1 the names; a name equal to its id is
 * offered once (as the id: the name slot gives a string that matches nothing).
 */
static const char *node_key_or_name(size_t i, void *ctx) {
    const struct mc_dataset *ds = ctx;
    if (i < ds->n_nodes) {
        return ds->ids.keys[i];
    }
    i -= ds->n_nodes;
    return strcmp(ds->node_name[i], ds->ids.keys[i]) == 0 ? "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f"
                                                          : ds->node_name[i];
}

enum mc_status mc_dataset_require_sector(const struct mc_dataset *ds, const char *name,
                                         long *sector, struct mc_error *err) {
    *sector = mc_dataset_sector(ds, name);
    if (*sector >= 0) {
        return MC_OK;
    }
    if (ds->sectors.n == 0) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "unknown sector '%s': this dataset has no sectors", name);
    }
    char sug[512];
    if (mc_suggest(name, ds->sectors.n, sector_key, (void *)ds, 3, sug, sizeof sug) > 0) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "unknown sector '%s' (did you mean %s?)",
                            name, sug);
    }
    char all[512];
    size_t off = 0;
    all[0] = '\0';
    for (size_t i = 0; i < ds->sectors.n && off < sizeof all; i++) {
        int w = snprintf(all + off, sizeof all - off, "%s'%s'", i ? ", " : "", ds->sectors.keys[i]);
        if (w < 0) {
            break;
        }
        off += (size_t)w;
    }
    if (off >= sizeof all && sizeof all > 4) {
        strcpy(all + sizeof all - 4, "...");
    }
    return mc_error_set(err, MC_E_USAGE, NULL, 0, "unknown sector '%s' (sectors: %s)", name, all);
}

enum mc_status mc_dataset_require_node(const struct mc_dataset *ds, const char *id, long *node,
                                       struct mc_error *err) {
    *node = mc_intern_find(&ds->ids, id, strlen(id));
    if (*node >= 0) {
        return MC_OK;
    }
    /* a name instead of an id: accepted when exactly one node has it (case ignored) */
    size_t hits = 0;
    for (size_t i = 0; i < ds->n_nodes; i++) {
        if (mc_streq_fold(ds->node_name[i], id, strlen(id)) && hits++ == 0) {
            *node = (long)i;
        }
    }
    if (hits == 1) {
        return MC_OK;
    }
    if (hits > 1) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "name '%s' is shared by %zu nodes (give the id, e.g. '%s')", id, hits,
                            ds->ids.keys[*node]);
    }
    *node = -1;
    char sug[512];
    if (mc_suggest(id, 2 * ds->n_nodes, node_key_or_name, (void *)ds, 3, sug, sizeof sug) > 0) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "unknown node '%s' (did you mean %s?)", id,
                            sug);
    }
    return mc_error_set(err, MC_E_USAGE, NULL, 0, "unknown node '%s'", id);
}

bool mc_dataset_node_has_sector(const struct mc_dataset *ds, size_t i, int32_t s) {
    return mc_tags_has(&ds->node_sectors, i, s);
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

enum mc_status mc_dataset_active_sectors(const struct mc_dataset *ds, struct mc_tags *out,
                                         struct mc_error *err) {
    enum mc_status rc = MC_OK;
    uint64_t *pairs = NULL; /* node << 32 | sector */
    size_t np = 0, cap = 0;
    int32_t *vals = NULL;
    size_t cap_vals = 0;

    mc_tags_init(out);
#define ADD(node, sec)                                                                             \
    do {                                                                                           \
        if ((rc = mc_grow((void **)&pairs, &cap, np + 1, sizeof *pairs, err)) != MC_OK) {          \
            goto out;                                                                              \
        }                                                                                          \
        pairs[np++] = (uint64_t)(uint32_t)(node) << 32 | (uint32_t)(sec);                          \
    } while (0)
    for (size_t i = 0; i < ds->n_nodes; i++) {
        for (size_t k = 0; k < mc_tags_count(&ds->node_sectors, i); k++) {
            ADD(i, mc_tags_of(&ds->node_sectors, i)[k]);
        }
    }
    for (size_t e = 0; e < ds->n_edges; e++) {
        for (size_t k = 0; k < mc_tags_count(&ds->edge_sectors, e); k++) {
            ADD(ds->edge_src[e], mc_tags_of(&ds->edge_sectors, e)[k]);
            ADD(ds->edge_tgt[e], mc_tags_of(&ds->edge_sectors, e)[k]);
        }
    }
    for (size_t r = 0; r < ds->n_aff; r++) {
        size_t item;
        const struct mc_tags *t = mc_dataset_aff_tags(ds, r, &item);
        for (size_t k = 0; k < mc_tags_count(t, item); k++) {
            ADD(ds->aff_node[r], mc_tags_of(t, item)[k]);
        }
    }
#undef ADD
    if (np > 1) {
        qsort(pairs, np, sizeof *pairs, cmp_u64);
    }
    size_t j = 0;
    for (size_t i = 0; i < ds->n_nodes; i++) {
        size_t m = 0;
        for (; j < np && (size_t)(pairs[j] >> 32) == i; j++) {
            int32_t sec = (int32_t)(uint32_t)pairs[j];
            if (m > 0 && vals[m - 1] == sec) {
                continue;
            }
            if ((rc = mc_grow((void **)&vals, &cap_vals, m + 1, sizeof *vals, err)) != MC_OK) {
                goto out;
            }
            vals[m++] = sec;
        }
        if ((rc = mc_tags_push(out, vals, m, err)) != MC_OK) {
            goto out;
        }
    }
out:
    free(pairs);
    free(vals);
    if (rc != MC_OK) {
        mc_tags_destroy(out);
    }
    return rc;
}

void mc_dataset_sector_order(const struct mc_dataset *ds, long *order) {
    /* insertion sort: there are few sectors */
    for (size_t s = 0; s < ds->sectors.n; s++) {
        size_t j = s;
        while (j > 0 && strcmp(ds->sectors.keys[order[j - 1]], ds->sectors.keys[s]) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = (long)s;
    }
}
