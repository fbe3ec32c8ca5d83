#include "metaclust/export.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/community.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/palette.h"
#include "metaclust/report.h"
#include "metaclust/util.h"

static const char *const format_names[] = {"graphml", "gml", "pajek", "dot", "vosviewer", "gexf"};

bool mc_export_format_drawn(enum mc_export_format f) {
    return f == MC_EXPORT_VOSVIEWER || f == MC_EXPORT_GEXF;
}

const char *mc_export_format_name(enum mc_export_format f) {
    return (size_t)f < MC_ARRAY_SIZE(format_names) ? format_names[f] : "?";
}

bool mc_export_format_parse(const char *s, enum mc_export_format *out) {
    static const struct {
        const char *name;
        enum mc_export_format f;
    } names[] = {{"graphml", MC_EXPORT_GRAPHML}, {"gml", MC_EXPORT_GML}, {"pajek", MC_EXPORT_PAJEK},
                 {"net", MC_EXPORT_PAJEK},       {"dot", MC_EXPORT_DOT}, {"gv", MC_EXPORT_DOT},
                 {"vosviewer", MC_EXPORT_VOSVIEWER}, {"json", MC_EXPORT_VOSVIEWER},
                 {"gexf", MC_EXPORT_GEXF}};
    for (size_t i = 0; i < MC_ARRAY_SIZE(names); i++) {
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].f;
            return true;
        }
    }
    return false;
}

bool mc_export_format_from_path(const char *path, enum mc_export_format *out) {
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot == NULL || (slash != NULL && dot < slash)) {
        return false;
    }
    char ext[16];
    size_t n = strlen(dot + 1);
    if (n == 0 || n >= sizeof ext) {
        return false;
    }
    for (size_t i = 0; i <= n; i++) {
        ext[i] = (char)tolower((unsigned char)dot[1 + i]);
    }
    return mc_export_format_parse(ext, out);
}

/* ==== the attribute table ==== */

/* One node attribute: numbers (NaN: missing) or strings. */
struct col {
    const char *name; /* letters, digits and '_' */
    bool numeric;
    double *num;      /* owned */
    const char **str; /* owned array of borrowed or pooled strings */
};

struct table {
    struct col *c;
    size_t n, cap;
    igraph_integer_t nv;
    struct mc_strpool pool;
};

static void table_init(struct table *t, igraph_integer_t nv) {
    memset(t, 0, sizeof *t);
    t->nv = nv;
    mc_strpool_init(&t->pool);
}

static void table_destroy(struct table *t) {
    for (size_t i = 0; i < t->n; i++) {
        free(t->c[i].num);
        free(t->c[i].str);
    }
    free(t->c);
    mc_strpool_destroy(&t->pool);
}

static struct col *table_add(struct table *t, const char *name, bool numeric,
                             struct mc_error *err) {
    if (mc_grow((void **)&t->c, &t->cap, t->n + 1, sizeof *t->c, err) != MC_OK) {
        return NULL;
    }
    struct col *c = &t->c[t->n];
    size_t nv = (size_t)(t->nv ? t->nv : 1);
    memset(c, 0, sizeof *c);
    c->name = mc_strpool_add(&t->pool, name, strlen(name), err);
    c->numeric = numeric;
    if (numeric) {
        c->num = malloc(nv * sizeof *c->num);
    } else {
        c->str = calloc(nv, sizeof *c->str);
    }
    if (c->name == NULL || (numeric ? (void *)c->num : (void *)c->str) == NULL) {
        free(c->num);
        free(c->str);
        mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (export)");
        return NULL;
    }
    t->n++;
    return c;
}

static bool table_has(const struct table *t, const char *name) {
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->c[i].name, name) == 0) {
            return true;
        }
    }
    return false;
}

static enum mc_status add_numbers(struct table *t, const char *name, const double *v,
                                  struct mc_error *err) {
    struct col *c = table_add(t, name, true, err);
    if (c == NULL) {
        return err->status;
    }
    memcpy(c->num, v, (size_t)t->nv * sizeof *v);
    return MC_OK;
}

/* Tab20 (matplotlib), as the python-igraph peer colours its 20 largest communities. */
static const char *const tab20[] = {"#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c",
                                    "#98df8a", "#d62728", "#ff9896", "#9467bd", "#c5b0d5",
                                    "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f",
                                    "#c7c7c7", "#bcbd22", "#dbdb8d", "#17becf", "#9edae5"};
static const char other_colour[] = "#d0d0d0";

static const char *community_colour(igraph_integer_t c) {
    return c >= 0 && (size_t)c < MC_ARRAY_SIZE(tab20) ? tab20[c] : other_colour;
}

static int hex2(const char *h) {
    int v = 0;
    for (int i = 0; i < 2; i++) {
        char ch = h[i];
        v = v * 16 + (ch >= 'a' ? ch - 'a' + 10 : ch - '0');
    }
    return v;
}

static const char *const RESERVED[] = {"label",
                                       "node_id",
                                       "name",
                                       "country",
                                       "region",
                                       "sectors",
                                       "type",
                                       "lat",
                                       "lon",
                                       "esca_label",
                                       "community",
                                       "community_size",
                                       "confidence",
                                       "within_z",
                                       "participation",
                                       "role",
                                       "r",
                                       "g",
                                       "b",
                                       "size",
                                       "weight",
                                       "id",
                                       "source",
                                       "target",
                                       "graph",
                                       "node",
                                       "edge",
                                       "directed",
                                       "degree",
                                       "strength",
                                       "betweenness",
                                       "closeness",
                                       "harmonic",
                                       "eigenvector",
                                       "pagerank",
                                       "coreness",
                                       "foreign_share",
                                       "country_participation",
                                       "fillcolor",
                                       "style"};

/* An extra column's attribute name: letters, digits and '_'; "x_" when it clashes. */
static enum mc_status extra_name(const struct table *t, const char *col, char *out, size_t outsz,
                                 struct mc_error *err) {
    size_t k = 0;
    out[0] = '\0';
    for (const char *p = col; *p && k + 1 < outsz; p++) {
        unsigned char ch = (unsigned char)*p;
        out[k++] = (char)(isalnum(ch) ? ch : '_');
    }
    out[k] = '\0';
    bool clash = k == 0 || isdigit((unsigned char)out[0]) || table_has(t, out);
    for (size_t i = 0; !clash && i < MC_ARRAY_SIZE(RESERVED); i++) {
        clash = strcmp(out, RESERVED[i]) == 0;
    }
    if (clash) {
        if (k + 3 > outsz) {
            return mc_error_set(err, MC_E_DATA, NULL, 0, "column name too long: '%s'", col);
        }
        memmove(out + 2, out, k + 1);
        out[0] = 'x';
        out[1] = '_';
    }
    for (int i = 2; table_has(t, out); i++) {
        size_t len = strlen(out);
        if (len + 8 > outsz) {
            return mc_error_set(err, MC_E_DATA, NULL, 0, "column name too long: '%s'", col);
        }
        snprintf(out + len, outsz - len, "_%d", i);
    }
    return MC_OK;
}

static enum mc_status dataset_columns(struct table *t, const struct mc_graph *g,
                                      struct mc_error *err) {
    const struct mc_dataset *ds = g->ds;
    igraph_integer_t n = g->n;
    struct col *c;
    char *buf = NULL;
    size_t cap = 0;
    enum mc_status rc = MC_OK;

#define STRCOL(NAME, EXPR)                                                                         \
    if ((c = table_add(t, NAME, false, err)) == NULL) {                                            \
        return err->status;                                                                        \
    }                                                                                              \
    for (igraph_integer_t v = 0; v < n; v++) {                                                     \
        size_t i = (size_t)g->node[v];                                                             \
        (void)i;                                                                                   \
        c->str[v] = (EXPR);                                                                        \
    }
    STRCOL("label", ds->node_name[i]);
    STRCOL("node_id", mc_dataset_node_id(ds, i));
    STRCOL("name", ds->node_name[i]);
    STRCOL("country", mc_dataset_country_name(ds, ds->node_country[i]));
    STRCOL("region", ds->node_region[i]);
    if ((c = table_add(t, "sectors", false, err)) == NULL) {
        return err->status;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        size_t i = (size_t)g->node[v], len = 0, ns = mc_tags_count(&ds->node_sectors, i);
        const int32_t *s = mc_tags_of(&ds->node_sectors, i);
        for (size_t k = 0; k < ns; k++) {
            const char *name = mc_dataset_sector_name(ds, s[k]);
            size_t l = strlen(name);
            if (mc_grow((void **)&buf, &cap, len + l + 2, 1, err) != MC_OK) {
                free(buf);
                return err->status;
            }
            if (k > 0) {
                buf[len++] = ';';
            }
            memcpy(buf + len, name, l);
            len += l;
        }
        c->str[v] = mc_strpool_add(&t->pool, len ? buf : "", len, err);
        if (c->str[v] == NULL) {
            free(buf);
            return err->status;
        }
    }
    free(buf);
    STRCOL("type", ds->node_type[i]);
    if ((c = table_add(t, "lat", true, err)) == NULL) {
        return err->status;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        c->num[v] = ds->node_lat[g->node[v]];
    }
    if ((c = table_add(t, "lon", true, err)) == NULL) {
        return err->status;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        c->num[v] = ds->node_lon[g->node[v]];
    }
    STRCOL("esca_label", mc_label_name((enum mc_label)ds->node_label[i]));
    for (size_t x = 0; x < ds->n_extra && rc == MC_OK; x++) {
        char name[128];
        rc = extra_name(t, ds->extra_name[x], name, sizeof name, err);
        if (rc != MC_OK) {
            return rc;
        }
        STRCOL(name, ds->extra_val[i * ds->n_extra + x]);
    }
#undef STRCOL
    return rc;
}

static enum mc_status analysis_columns(struct table *t, const struct mc_export_analysis *an,
                                       struct mc_error *err) {
    igraph_integer_t n = t->nv;
    enum mc_status rc = MC_OK;
    struct col *c;
    if (an->centrality != NULL) {
        for (int m = 0; m < MC_M_COUNT && rc == MC_OK; m++) {
            if (an->centrality->computed[m]) {
                rc = add_numbers(t, mc_measure_name((enum mc_measure)m),
                                 VECTOR(an->centrality->value[m]), err);
            }
        }
    }
    if (rc == MC_OK && an->membership != NULL) {
        const igraph_integer_t *memb = VECTOR(*an->membership);
        igraph_integer_t k = 0;
        for (igraph_integer_t v = 0; v < n; v++) {
            k = memb[v] + 1 > k ? memb[v] + 1 : k;
        }
        double *size = calloc((size_t)(k ? k : 1), sizeof *size);
        struct col *cc = table_add(t, "community", true, err);
        struct col *cs = cc ? table_add(t, "community_size", true, err) : NULL;
        if (size == NULL || cs == NULL) {
            free(size);
            return size == NULL ? mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory")
                                : err->status;
        }
        cc = &t->c[t->n - 2]; /* table_add may have moved the array */
        for (igraph_integer_t v = 0; v < n; v++) {
            size[memb[v]] += 1;
        }
        for (igraph_integer_t v = 0; v < n; v++) {
            cc->num[v] = (double)memb[v];
            cs->num[v] = size[memb[v]];
        }
        free(size);
    }
    if (rc == MC_OK && an->confidence != NULL) {
        rc = add_numbers(t, "confidence", VECTOR(*an->confidence), err);
    }
    if (rc == MC_OK && an->within_z != NULL && an->participation != NULL) {
        rc = add_numbers(t, "within_z", VECTOR(*an->within_z), err);
        if (rc == MC_OK) {
            rc = add_numbers(t, "participation", VECTOR(*an->participation), err);
        }
        if (rc == MC_OK && (c = table_add(t, "role", false, err)) == NULL) {
            rc = err->status;
        }
        for (igraph_integer_t v = 0; rc == MC_OK && v < n; v++) {
            c->str[v] = mc_role_name(
                mc_role_classify(VECTOR(*an->within_z)[v], VECTOR(*an->participation)[v]));
        }
    }
    if (rc == MC_OK && an->membership != NULL) {
        /* display hints that Gephi's GraphML importer reads: colour and size */
        const char *rgb[] = {"r", "g", "b"};
        for (int k = 0; k < 3 && rc == MC_OK; k++) {
            if ((c = table_add(t, rgb[k], true, err)) == NULL) {
                rc = err->status;
                break;
            }
            for (igraph_integer_t v = 0; v < n; v++) {
                c->num[v] = hex2(community_colour(VECTOR(*an->membership)[v]) + 1 + 2 * k);
            }
        }
    }
    if (rc == MC_OK && an->centrality != NULL && an->centrality->computed[MC_M_PAGERANK]) {
        const igraph_vector_t *pr = &an->centrality->value[MC_M_PAGERANK];
        double mx = n > 0 ? igraph_vector_max(pr) : 0;
        if ((c = table_add(t, "size", true, err)) == NULL) {
            return err->status;
        }
        for (igraph_integer_t v = 0; v < n; v++) {
            c->num[v] = mx > 0 ? 4 + 36 * sqrt(VECTOR(*pr)[v] / mx) : 10;
        }
    }
    return rc;
}

/* ==== GraphML, through igraph ==== */

/* XML 1.0 allows no control characters but tab, newline and carriage return. */
static const char *xml_clean(struct table *t, const char *s, struct mc_error *err) {
    bool bad = false;
    for (const unsigned char *p = (const unsigned char *)s; *p && !bad; p++) {
        bad = *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r';
    }
    if (!bad) {
        return s;
    }
    size_t len = strlen(s);
    char *tmp = malloc(len + 1);
    if (tmp == NULL) {
        mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i <= len; i++) {
        unsigned char ch = (unsigned char)s[i];
        tmp[i] = (char)(ch != 0 && ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' ? ' ' : ch);
    }
    const char *r = mc_strpool_add(&t->pool, tmp, len, err);
    free(tmp);
    return r;
}

static enum mc_status write_graphml(const struct mc_graph *g, struct table *t, FILE *f,
                                    struct mc_error *err) {
    igraph_t cg;
    igraph_strvector_t sv;
    igraph_vector_t view;
    enum mc_status rc;

    if (!igraph_has_attribute_table()) {
        return mc_error_set(err, MC_E_IGRAPH, NULL, 0,
                            "GraphML export needs igraph's attribute handler (mc_igraph_setup)");
    }
    rc = mc_igraph_status(igraph_copy(&cg, &g->ig), err, "copying the graph");
    if (rc != MC_OK) {
        return rc;
    }
    if (igraph_strvector_init(&sv, t->nv) != IGRAPH_SUCCESS) {
        igraph_destroy(&cg);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < t->n && rc == MC_OK; i++) {
        const struct col *c = &t->c[i];
        if (c->numeric) {
            igraph_vector_view(&view, c->num, t->nv);
            rc = mc_igraph_status(igraph_cattribute_VAN_setv(&cg, c->name, &view), err,
                                  "graphml attributes");
            continue;
        }
        for (igraph_integer_t v = 0; v < t->nv && rc == MC_OK; v++) {
            const char *s = xml_clean(t, c->str[v] ? c->str[v] : "", err);
            if (s == NULL) {
                rc = err->status;
            } else {
                rc = mc_igraph_status(igraph_strvector_set(&sv, v, s), err, "graphml attributes");
            }
        }
        if (rc == MC_OK) {
            rc = mc_igraph_status(igraph_cattribute_VAS_setv(&cg, c->name, &sv), err,
                                  "graphml attributes");
        }
    }
    if (rc == MC_OK) {
        rc = mc_igraph_status(igraph_cattribute_EAN_setv(&cg, "weight", &g->weight), err,
                              "graphml attributes");
    }
    if (rc == MC_OK) {
        rc = mc_igraph_status(igraph_write_graph_graphml(&cg, f, true), err, "writing GraphML");
    }
    igraph_strvector_destroy(&sv);
    igraph_destroy(&cg);
    return rc;
}

/* ==== GML, Pajek and DOT, written here ==== */

static void put_real(FILE *f, double x) {
    char buf[MC_REAL_BUFSZ];
    fputs(mc_fmt_real(buf, x), f);
}

/*
 * GML strings are 7-bit ASCII with HTML entities (the format has no escape
 * character; networkx refuses anything else): '"' and '&' become &quot; and
 * &amp;, other characters beyond ASCII &#N; (N the code point), control
 * characters spaces.
 */
static void gml_string(FILE *f, const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', f);
    while (*p) {
        unsigned char ch = *p;
        if (ch < 0x80) {
            if (ch == '"') {
                fputs("&quot;", f);
            } else if (ch == '&') {
                fputs("&amp;", f);
            } else {
                fputc(ch < 0x20 || ch == 0x7f ? ' ' : ch, f);
            }
            p++;
            continue;
        }
        /* a UTF-8 sequence (the loader validated it); a stray byte becomes '?' */
        int len = ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : ch >= 0xc0 ? 2 : 0;
        unsigned long cp = len == 4 ? ch & 0x07u : len == 3 ? ch & 0x0fu : ch & 0x1fu;
        int i = 1;
        for (; i < len && (p[i] & 0xc0) == 0x80; i++) {
            cp = (cp << 6) | (p[i] & 0x3fu);
        }
        if (len == 0 || i < len) {
            fputc('?', f);
            p++;
            continue;
        }
        fprintf(f, "&#%lu;", cp);
        p += len;
    }
    fputc('"', f);
}

/* GML keys are [A-Za-z][A-Za-z0-9]*: "community_size" becomes "communitySize". */
static void gml_key(char *out, size_t outsz, const char *name) {
    size_t k = 0;
    bool up = false;
    for (const char *p = name; *p && k + 1 < outsz; p++) {
        if (*p == '_') {
            up = k > 0;
            continue;
        }
        out[k++] = up ? (char)toupper((unsigned char)*p) : *p;
        up = false;
    }
    out[k] = '\0';
}

static void write_gml(const struct mc_graph *g, const struct table *t, FILE *f) {
    char key[160];
    fputs("Creator \"metaclust\"\ngraph\n[\n  directed 0\n", f);
    for (igraph_integer_t v = 0; v < g->n; v++) {
        fprintf(f, "  node\n  [\n    id %" IGRAPH_PRId "\n", v);
        for (size_t i = 0; i < t->n; i++) {
            const struct col *c = &t->c[i];
            if (c->numeric && !isfinite(c->num[v])) {
                continue;
            }
            gml_key(key, sizeof key, c->name);
            fprintf(f, "    %s ", key);
            if (c->numeric) {
                put_real(f, c->num[v]);
            } else {
                gml_string(f, c->str[v] ? c->str[v] : "");
            }
            fputc('\n', f);
        }
        fputs("  ]\n", f);
    }
    for (igraph_integer_t e = 0; e < igraph_ecount(&g->ig); e++) {
        fprintf(f, "  edge\n  [\n    source %" IGRAPH_PRId "\n    target %" IGRAPH_PRId "\n",
                IGRAPH_FROM(&g->ig, e), IGRAPH_TO(&g->ig, e));
        fputs("    weight ", f);
        put_real(f, VECTOR(g->weight)[e]);
        fputs("\n  ]\n", f);
    }
    fputs("]\n", f);
}

/* Pajek: vertex labels and edge weights only; '"' becomes '\'', line breaks spaces. */
static void write_pajek(const struct mc_graph *g, const struct table *t, FILE *f) {
    const struct col *label = &t->c[0]; /* "label" comes first */
    fprintf(f, "*Vertices %" IGRAPH_PRId "\n", g->n);
    for (igraph_integer_t v = 0; v < g->n; v++) {
        fprintf(f, "%" IGRAPH_PRId " \"", v + 1);
        for (const char *s = label->str[v]; *s; s++) {
            unsigned char ch = (unsigned char)*s;
            fputc(ch == '"' ? '\'' : (ch < 0x20 ? ' ' : ch), f);
        }
        fputs("\"\n", f);
    }
    fputs("*Edges\n", f);
    for (igraph_integer_t e = 0; e < igraph_ecount(&g->ig); e++) {
        fprintf(f, "%" IGRAPH_PRId " %" IGRAPH_PRId " ", IGRAPH_FROM(&g->ig, e) + 1,
                IGRAPH_TO(&g->ig, e) + 1);
        put_real(f, VECTOR(g->weight)[e]);
        fputc('\n', f);
    }
}

/* A DOT double-quoted string: '"' and '\' escaped, control characters as spaces. */
static void dot_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') {
            fputc('\\', f);
        }
        fputc(ch < 0x20 ? ' ' : ch, f);
    }
    fputc('"', f);
}

/*
 * DOT: every value quoted, so reals in any notation are valid (the 0.10.2
 * writer leaves "1e-05" bare, which Graphviz rejects). Nodes are named by
 * their dataset ids and filled with their community colour.
 */
static void write_dot(const struct mc_graph *g, const struct table *t,
                      const struct mc_export_analysis *an, FILE *f) {
    char buf[MC_REAL_BUFSZ];
    fputs("graph \"metaclust\" {\n  node [style=filled, fillcolor=\"#d0d0d0\"];\n", f);
    for (igraph_integer_t v = 0; v < g->n; v++) {
        fputs("  ", f);
        dot_string(f, mc_graph_id(g, v));
        fputs(" [", f);
        bool first = true;
        for (size_t i = 0; i < t->n; i++) {
            const struct col *c = &t->c[i];
            if (c->numeric && !isfinite(c->num[v])) {
                continue;
            }
            fprintf(f, "%s%s=", first ? "" : ", ", c->name);
            dot_string(f, c->numeric ? mc_fmt_real(buf, c->num[v]) : (c->str[v] ? c->str[v] : ""));
            first = false;
        }
        if (an != NULL && an->membership != NULL) {
            fprintf(f, ", fillcolor=\"%s\"", community_colour(VECTOR(*an->membership)[v]));
        }
        fputs("];\n", f);
    }
    for (igraph_integer_t e = 0; e < igraph_ecount(&g->ig); e++) {
        fputs("  ", f);
        dot_string(f, mc_graph_id(g, IGRAPH_FROM(&g->ig, e)));
        fputs(" -- ", f);
        dot_string(f, mc_graph_id(g, IGRAPH_TO(&g->ig, e)));
        fputs(" [weight=", f);
        dot_string(f, mc_fmt_real(buf, VECTOR(g->weight)[e]));
        fputs("];\n", f);
    }
    fputs("}\n", f);
}

/* ==== VOSviewer and GEXF: the graph with a drawing ==== */

static const struct col *table_find(const struct table *t, const char *name) {
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->c[i].name, name) == 0) {
            return &t->c[i];
        }
    }
    return NULL;
}

/* Columns that the drawing itself carries (label, position, cluster, colour, size). */
static bool drawn_column(const char *name) {
    static const char *const drawn[] = {"label", "community", "r", "g", "b", "size"};
    for (size_t i = 0; i < MC_ARRAY_SIZE(drawn); i++) {
        if (strcmp(name, drawn[i]) == 0) {
            return true;
        }
    }
    return false;
}

static double pos_of(const struct mc_export_analysis *an, igraph_integer_t v, int k) {
    return an != NULL && an->position != NULL ? MATRIX(*an->position, v, k) : 0.0;
}

static igraph_integer_t community_of(const struct mc_export_analysis *an, igraph_integer_t v) {
    return an != NULL && an->membership != NULL ? VECTOR(*an->membership)[v] : 0;
}

/* The node's text attributes as an HTML table, for VOSviewer's description panel. */
static char *vos_description(const struct table *t, igraph_integer_t v) {
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (m == NULL) {
        return NULL;
    }
    fputs("<table>", m);
    for (size_t i = 0; i < t->n; i++) {
        const struct col *c = &t->c[i];
        if (c->numeric || strcmp(c->name, "label") == 0 || c->str[v] == NULL || !*c->str[v]) {
            continue;
        }
        fputs("<tr><td>", m);
        mc_xml_escape(m, c->name);
        fputs("</td><td>", m);
        mc_xml_escape(m, c->str[v]);
        fputs("</td></tr>", m);
    }
    fputs("</table>", m);
    if (fclose(m) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static json_t *vos_item(const struct mc_graph *g, const struct table *t,
                        const struct mc_export_analysis *an, igraph_integer_t v, double degree,
                        double strength) {
    json_t *it = json_object(), *w = json_object(), *sc = json_object();
    char *desc = vos_description(t, v);
    bool ok = it && desc && mc_json_put(it, "id", json_integer(v + 1)) &&
              mc_json_put(it, "label", json_string(mc_graph_name(g, v))) &&
              mc_json_put(it, "x", mc_json_real(pos_of(an, v, 0))) &&
              mc_json_put(it, "y", mc_json_real(pos_of(an, v, 1))) &&
              mc_json_put(it, "cluster", json_integer(community_of(an, v) + 1));
    /* jansson takes the reference even when setting fails: w and sc are borrowed from here on */
    ok = mc_json_put(it, "weights", w) && ok;
    ok = mc_json_put(it, "scores", sc) && ok;
    ok = ok && mc_json_put(it, "description", json_string(desc)) &&
         mc_json_put(w, "Links", mc_json_number(degree)) &&
         mc_json_put(w, "Total link strength", mc_json_number(strength));
    for (size_t i = 0; ok && i < t->n; i++) {
        const struct col *c = &t->c[i];
        if (c->numeric && !drawn_column(c->name) && strcmp(c->name, "lat") != 0 &&
            strcmp(c->name, "lon") != 0 && isfinite(c->num[v])) {
            ok = mc_json_put(sc, c->name, mc_json_number(c->num[v]));
        }
    }
    free(desc);
    if (!ok) {
        json_decref(it);
        return NULL;
    }
    return it;
}

/* {"config": {"terminology": ...}, "network": {"items": [], "links": []}}; NULL on ENOMEM. */
static json_t *vos_skeleton(json_t **items, json_t **links) {
    json_t *root = json_object(), *cfg = json_object(), *term = json_object(),
           *net = json_object();
    *items = json_array();
    *links = json_array();
    /* each put takes its value's reference, also when it fails */
    bool ok = root != NULL;
    ok = mc_json_put(root, "config", cfg) && ok;
    ok = mc_json_put(cfg, "terminology", term) && ok;
    ok = mc_json_put(root, "network", net) && ok;
    ok = mc_json_put(net, "items", *items) && ok;
    ok = mc_json_put(net, "links", *links) && ok;
    ok = ok && mc_json_put(term, "item", json_string("organisation")) &&
         mc_json_put(term, "items", json_string("organisations")) &&
         mc_json_put(term, "link", json_string("cooperation link")) &&
         mc_json_put(term, "links", json_string("cooperation links")) &&
         mc_json_put(term, "link_strength", json_string("weight"));
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/*
 * VOSviewer's JSON map. Items are numbered from 1 in vertex order; clusters
 * from 1 (community 0, the largest, is cluster 1). Write errors are left to
 * the caller's commit (the stream's error flag stays set).
 */
static enum mc_status write_vosviewer(const struct mc_graph *g, const struct table *t,
                                      const struct mc_export_analysis *an, FILE *f,
                                      struct mc_error *err) {
    igraph_vector_int_t deg;
    igraph_vector_t str;
    json_t *items, *links, *root = vos_skeleton(&items, &links);
    enum mc_status rc = MC_OK;
    bool ok = root != NULL;

    if (!ok) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (vosviewer export)");
    }
    if (igraph_vector_int_init(&deg, 0) != IGRAPH_SUCCESS) {
        json_decref(root);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (vosviewer export)");
    }
    if (igraph_vector_init(&str, 0) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&deg);
        json_decref(root);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (vosviewer export)");
    }
    rc = mc_igraph_status(igraph_degree(&g->ig, &deg, igraph_vss_all(), IGRAPH_ALL, false), err,
                          "vosviewer export");
    if (rc == MC_OK) {
        rc = mc_igraph_status(
            igraph_strength(&g->ig, &str, igraph_vss_all(), IGRAPH_ALL, false, &g->weight), err,
            "vosviewer export");
    }
    for (igraph_integer_t v = 0; rc == MC_OK && ok && v < g->n; v++) {
        ok = json_array_append_new(
                 items, vos_item(g, t, an, v, (double)VECTOR(deg)[v], VECTOR(str)[v])) == 0;
    }
    for (igraph_integer_t e = 0; rc == MC_OK && ok && e < igraph_ecount(&g->ig); e++) {
        json_t *l = json_object();
        ok = json_array_append_new(links, l) == 0 &&
             mc_json_put(l, "source_id", json_integer(IGRAPH_FROM(&g->ig, e) + 1)) &&
             mc_json_put(l, "target_id", json_integer(IGRAPH_TO(&g->ig, e) + 1)) &&
             mc_json_put(l, "strength", mc_json_number(VECTOR(g->weight)[e]));
    }
    if (rc == MC_OK && !ok) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (vosviewer export)");
    }
    if (rc == MC_OK) {
        (void)mc_json_write(root, f, NULL, err); /* a write error: reported by the commit */
    }
    igraph_vector_int_destroy(&deg);
    igraph_vector_destroy(&str);
    json_decref(root);
    return rc;
}

/* GEXF positions: the layout's nearest-neighbour spacing (about 1) times this. */
#define GEXF_SCALE 50.0

/*
 * GEXF 1.3 (gexf.net/1.3): nodes numbered from 0 with the name as label, the
 * other attributes declared once as <attribute> (string or double; missing
 * numbers are left out), and viz:color, viz:position, viz:size.
 */
static void write_gexf(const struct mc_graph *g, const struct table *t,
                       const struct mc_export_analysis *an, FILE *f) {
    char buf[MC_REAL_BUFSZ];
    const struct col *size = table_find(t, "size");
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
          "version=\"1.3\">\n"
          "  <meta>\n    <creator>metaclust</creator>\n  </meta>\n"
          "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n"
          "    <attributes class=\"node\" mode=\"static\">\n",
          f);
    for (size_t i = 0; i < t->n; i++) {
        const struct col *c = &t->c[i];
        if (strcmp(c->name, "label") == 0 || strcmp(c->name, "r") == 0 ||
            strcmp(c->name, "g") == 0 || strcmp(c->name, "b") == 0) {
            continue;
        }
        fprintf(f, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", c->name, c->name,
                c->numeric ? "double" : "string");
    }
    fputs("    </attributes>\n    <nodes>\n", f);
    for (igraph_integer_t v = 0; v < g->n; v++) {
        fprintf(f, "      <node id=\"%" IGRAPH_PRId "\" label=\"", v);
        mc_xml_escape(f, mc_graph_name(g, v));
        fputs("\">\n        <attvalues>\n", f);
        for (size_t i = 0; i < t->n; i++) {
            const struct col *c = &t->c[i];
            if (strcmp(c->name, "label") == 0 || strcmp(c->name, "r") == 0 ||
                strcmp(c->name, "g") == 0 || strcmp(c->name, "b") == 0 ||
                (c->numeric && !isfinite(c->num[v]))) {
                continue;
            }
            fprintf(f, "          <attvalue for=\"%s\" value=\"", c->name);
            if (c->numeric) {
                fputs(mc_fmt_real(buf, c->num[v]), f);
            } else {
                mc_xml_escape(f, c->str[v] ? c->str[v] : "");
            }
            fputs("\"/>\n", f);
        }
        igraph_integer_t k = community_of(an, v);
        struct mc_rgb rgb = mc_palette_colour(k < MC_PALETTE_COLOURS ? (int)k : MC_PALETTE_OTHER);
        fprintf(f, "        </attvalues>\n        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n",
                (int)lround(255 * rgb.r), (int)lround(255 * rgb.g), (int)lround(255 * rgb.b));
        fprintf(f, "        <viz:position x=\"%s\"", mc_fmt_real(buf, GEXF_SCALE * pos_of(an, v, 0)));
        fprintf(f, " y=\"%s\" z=\"0\"/>\n", mc_fmt_real(buf, GEXF_SCALE * pos_of(an, v, 1)));
        fprintf(f, "        <viz:size value=\"%s\"/>\n      </node>\n",
                mc_fmt_real(buf, size != NULL && isfinite(size->num[v]) ? size->num[v] : 10));
    }
    fputs("    </nodes>\n    <edges>\n", f);
    for (igraph_integer_t e = 0; e < igraph_ecount(&g->ig); e++) {
        fprintf(f,
                "      <edge id=\"%" IGRAPH_PRId "\" source=\"%" IGRAPH_PRId
                "\" target=\"%" IGRAPH_PRId "\" weight=\"%s\"/>\n",
                e, IGRAPH_FROM(&g->ig, e), IGRAPH_TO(&g->ig, e),
                mc_fmt_real(buf, VECTOR(g->weight)[e]));
    }
    fputs("    </edges>\n  </graph>\n</gexf>\n", f);
}

enum mc_status mc_export_write(const struct mc_graph *g, const struct mc_export_analysis *an,
                               enum mc_export_format fmt, FILE *f, struct mc_error *err) {
    struct table t;
    enum mc_status rc;
    table_init(&t, g->n);
    rc = dataset_columns(&t, g, err);
    if (rc == MC_OK && an != NULL) {
        rc = analysis_columns(&t, an, err);
    }
    if (rc == MC_OK) {
        switch (fmt) {
        case MC_EXPORT_GRAPHML:
            rc = write_graphml(g, &t, f, err);
            break;
        case MC_EXPORT_GML:
            write_gml(g, &t, f);
            break;
        case MC_EXPORT_PAJEK:
            write_pajek(g, &t, f);
            break;
        case MC_EXPORT_DOT:
            write_dot(g, &t, an, f);
            break;
        case MC_EXPORT_VOSVIEWER:
            rc = write_vosviewer(g, &t, an, f, err);
            break;
        case MC_EXPORT_GEXF:
            write_gexf(g, &t, an, f);
            break;
        }
    }
    table_destroy(&t);
    return rc;
}
