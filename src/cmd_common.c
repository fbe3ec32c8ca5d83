#include "cmd_common.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/outfile.h"
#include "metaclust/report.h"
#include "metaclust/util.h"

void cli_print_help(FILE *f, const struct mc_cmd *cmd) {
    fprintf(f, "usage: metaclust %s %s\n\n%s.\n\n%s", cmd->name, cmd->usage, cmd->summary,
            cmd->help);
}

void cli_data_init(struct cli_data *d) {
    memset(d, 0, sizeof *d);
    mc_view_options_init(&d->view);
}

/* --columns KEY=COLUMN,...: each mapping checked and kept (repeatable). */
static enum mc_status columns_option(struct cli_data *d, const char *arg, struct mc_error *err) {
    size_t len = strlen(arg);
    if (d->columns_used + len + 1 > sizeof d->columns_text) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "--columns: too long");
    }
    char *text = d->columns_text + d->columns_used;
    memcpy(text, arg, len + 1);
    d->columns_used += len + 1;
    for (char *tok = text, *next; tok != NULL; tok = next) {
        next = strchr(tok, ',');
        if (next != NULL) {
            *next++ = '\0';
        }
        enum mc_status rc = mc_columns_check(tok, err);
        if (rc != MC_OK) {
            return rc;
        }
        if (d->load.n_columns >= CLI_MAX_COLUMNS) {
            return mc_error_set(err, MC_E_USAGE, NULL, 0, "--columns: more than %d mappings",
                                CLI_MAX_COLUMNS);
        }
        d->columns[d->load.n_columns++] = tok;
        d->load.columns = d->columns;
    }
    return MC_OK;
}

bool cli_data_option(struct cli_data *d, int c, const char *arg, enum mc_status *rc,
                     struct mc_error *err) {
    static const struct {
        int code;
        const char *name;
    } files[] = {{OPT_NODES, "--nodes"},
                 {OPT_EDGES, "--edges"},
                 {OPT_AFFILIATIONS, "--affiliations"},
                 {OPT_GROUPS, "--groups"}};
    *rc = MC_OK;
    for (size_t i = 0; i < MC_ARRAY_SIZE(files); i++) {
        if (c == files[i].code && arg[0] == '\0') {
            *rc = mc_error_set(err, MC_E_USAGE, NULL, 0, "%s: empty file name", files[i].name);
            return true;
        }
    }
    switch (c) {
    case OPT_NODES:
        d->load.nodes = arg;
        return true;
    case OPT_EDGES:
        d->load.edges = arg;
        return true;
    case OPT_AFFILIATIONS:
        d->load.affiliations = arg;
        return true;
    case OPT_GROUPS:
        d->load.groups = arg;
        return true;
    case OPT_ADD_MISSING:
        d->load.add_missing = true;
        return true;
    case OPT_SECTOR:
        d->sector = arg;
        return true;
    case OPT_PROJECTION:
        if (!mc_projection_parse(arg, &d->view.projection)) {
            *rc = cli_invalid("--projection", arg, "count, newman or jaccard", err);
        }
        return true;
    case OPT_MAX_GROUP_SIZE: {
        long v;
        *rc = cli_long("--max-group-size", arg, 2, LONG_MAX, &v, err);
        d->view.max_group_size = (size_t)v;
        return true;
    }
    case OPT_BACKBONE:
        if (!mc_backbone_parse(arg, &d->view.backbone.method)) {
            *rc = cli_invalid("--backbone", arg, "sdsm, hypergeom, disparity or none", err);
        }
        return true;
    case OPT_ALPHA:
        *rc = cli_real("--alpha", arg, 1e-300, 1, &d->view.backbone.alpha, err);
        return true;
    case OPT_MTC:
        if (!mc_mtc_parse(arg, &d->view.backbone.mtc)) {
            *rc = cli_invalid("--mtc", arg, "fdr, bonferroni, holm or none", err);
        }
        return true;
    case OPT_MIN_GROUPS: {
        long v;
        *rc = cli_long("--min-groups", arg, 1, 1000, &v, err);
        d->view.backbone.min_groups = (int)v;
        return true;
    }
    case OPT_QUIET:
        d->quiet = true;
        return true;
    case OPT_COLUMNS:
        *rc = columns_option(d, arg, err);
        return true;
    case OPT_SECTOR_ALIAS:
        *rc = mc_sector_alias_check(arg, err);
        if (*rc == MC_OK && d->load.n_sector_alias >= CLI_MAX_SECTOR_ALIAS) {
            *rc = mc_error_set(err, MC_E_USAGE, NULL, 0, "--sector-alias: more than %d given",
                               CLI_MAX_SECTOR_ALIAS);
        }
        if (*rc == MC_OK) {
            d->sector_alias[d->load.n_sector_alias++] = arg;
            d->load.sector_alias = d->sector_alias;
        }
        return true;
    default:
        return false;
    }
}

static enum mc_status take_dataset(struct cli_data *d, const char *cmd, int argc, char **argv,
                                   struct mc_error *err) {
    int npos = argc - optind;
    bool files = d->load.nodes || d->load.edges || d->load.affiliations;
    if (npos > 1) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "%s: unexpected argument '%s' (see 'metaclust %s --help')", cmd,
                            argv[optind + 1], cmd);
    }
    if (npos == 1) {
        d->load.dir = argv[optind];
    } else if (!files) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "%s: missing DATASET (a directory holding nodes.csv, edges.csv or "
                            "affiliations.csv; see 'metaclust %s --help')",
                            cmd, cmd);
    }
    return MC_OK;
}

enum mc_status cli_load_dataset(struct cli_data *d, const char *cmd, int argc, char **argv,
                                struct mc_dataset *ds, struct mc_error *err) {
    enum mc_status rc = take_dataset(d, cmd, argc, argv, err);
    if (rc != MC_OK) {
        return rc;
    }
    rc = mc_dataset_load(ds, &d->load, err);
    if (rc != MC_OK) {
        return rc;
    }
    d->view.sector = -1;
    if (d->sector != NULL) {
        rc = mc_dataset_require_sector(ds, d->sector, &d->view.sector, err);
    }
    return rc;
}

enum mc_status cli_load(struct cli_data *d, const char *cmd, int argc, char **argv,
                        struct mc_dataset *ds, struct mc_graph *g, struct mc_error *err) {
    enum mc_status rc = cli_load_dataset(d, cmd, argc, argv, ds, err);
    if (rc != MC_OK) {
        return rc;
    }
    rc = mc_graph_build(g, ds, &d->view, err);
    if (rc != MC_OK) {
        return rc;
    }
    cli_print_warnings(d, ds, g);
    return MC_OK;
}

void cli_print_warnings(const struct cli_data *d, const struct mc_dataset *ds,
                        const struct mc_graph *g) {
    if (d->quiet) {
        return;
    }
    for (size_t i = 0; i < ds->warnings.n; i++) {
        cli_note(d, "warning: %s", ds->warnings.msg[i]);
    }
    if (ds->warnings.dropped > 0) {
        cli_note(d, "warning: ... and %zu more", ds->warnings.dropped);
    }
    if (g == NULL) {
        return;
    }
    const struct mc_view_stats *st = &g->stats;
    if (st->self_loops_dropped > 0) {
        cli_note(d, "warning: %zu self-loop%s dropped (edges from a node to itself)",
                 st->self_loops_dropped, st->self_loops_dropped == 1 ? "" : "s");
    }
    if (st->duplicates_merged > 0) {
        cli_note(d,
                 "warning: %zu repeated edge row%s merged into earlier rows (weights "
                 "summed)",
                 st->duplicates_merged, st->duplicates_merged == 1 ? "" : "s");
    }
    if (st->zero_weight_dropped > 0) {
        cli_note(d, "warning: %zu edge%s of total weight 0 dropped", st->zero_weight_dropped,
                 st->zero_weight_dropped == 1 ? "" : "s");
    }
    if (st->groups_skipped > 0) {
        cli_note(d,
                 "note: %zu group%s larger than --max-group-size %zu skipped in the "
                 "projection",
                 st->groups_skipped, st->groups_skipped == 1 ? "" : "s", g->view.max_group_size);
    }
}

enum mc_status cli_bad_option(const char *cmd, int argc, char **argv, int c, struct mc_error *err) {
    const char *arg = optind - 1 < argc && optind > 0 ? argv[optind - 1] : "?";
    if (c == ':') {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "%s: option '%s' needs a value", cmd, arg);
    }
    /* getopt_long names the option in optopt when "--flag=value" gives a flag a value */
    const char *eq = strchr(arg, '=');
    if (optopt != 0 && strncmp(arg, "--", 2) == 0 && eq != NULL) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "%s: option '%.*s' takes no value", cmd,
                            (int)(eq - arg), arg);
    }
    if (optopt != 0 && optopt < 256) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "%s: unknown option '-%c' (see 'metaclust %s --help')", cmd, optopt,
                            cmd);
    }
    return mc_error_set(err, MC_E_USAGE, NULL, 0,
                        "%s: unknown option '%s' (see 'metaclust %s --help')", cmd, arg, cmd);
}

enum mc_status cli_invalid(const char *opt, const char *arg, const char *expected,
                           struct mc_error *err) {
    if (expected == NULL) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "%s: invalid value '%s'", opt, arg);
    }
    return mc_error_set(err, MC_E_USAGE, NULL, 0, "%s: invalid value '%s' (expected %s)", opt, arg,
                        expected);
}

enum mc_status cli_choice(const char *opt, const char *arg, const char *const *names, size_t n,
                          int *out, struct mc_error *err) {
    char list[256] = "";
    for (size_t i = 0; i < n; i++) {
        if (strcmp(arg, names[i]) == 0) {
            *out = (int)i;
            return MC_OK;
        }
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%s",
                 i == 0       ? ""
                 : i + 1 == n ? " or "
                              : ", ",
                 names[i]);
    }
    return cli_invalid(opt, arg, list, err);
}

enum mc_status cli_long(const char *opt, const char *arg, long lo, long hi, long *out,
                        struct mc_error *err) {
    char expected[96];
    if (!mc_parse_long(arg, lo, hi, out)) {
        if (hi == LONG_MAX) {
            snprintf(expected, sizeof expected, "an integer >= %ld", lo);
        } else {
            snprintf(expected, sizeof expected, "an integer from %ld to %ld", lo, hi);
        }
        return cli_invalid(opt, arg, expected, err);
    }
    return MC_OK;
}

enum mc_status cli_real(const char *opt, const char *arg, double lo, double hi, double *out,
                        struct mc_error *err) {
    char expected[96];
    if (!mc_parse_real(arg, out) || *out < lo || *out > hi) {
        snprintf(expected, sizeof expected, "a number from %g to %g", lo, hi);
        return cli_invalid(opt, arg, expected, err);
    }
    return MC_OK;
}

enum mc_status cli_seed(const char *arg, unsigned long *out, struct mc_error *err) {
    long v;
    enum mc_status rc = cli_long("--seed", arg, 0, 4294967295L, &v, err);
    *out = (unsigned long)v;
    return rc;
}

void cli_note(const struct cli_data *d, const char *fmt, ...) {
    if (d != NULL && d->quiet) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    fputs("metaclust: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_progress(const char *fmt, ...) {
    fputs("\r\033[K", stderr);
    if (fmt != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
    }
    fflush(stderr);
}

enum mc_status cli_format(const char *arg, enum mc_format *out, struct mc_error *err) {
    if (!mc_format_parse(arg, out)) {
        return cli_invalid("--format", arg, "csv, json or table", err);
    }
    return MC_OK;
}

enum mc_status cli_jobs(const char *arg, int *out, struct mc_error *err) {
    long v = 0;
    enum mc_status rc = cli_long("--jobs", arg, 1, 256, &v, err);
    *out = (int)v;
    return rc;
}

enum mc_status cli_emit(const char *output, enum mc_format fmt, const json_t *json,
                        cli_emit_fn *csv, cli_emit_fn *table, const void *ctx,
                        struct mc_error *err) {
    struct mc_outfile out;
    enum mc_status rc = mc_outfile_open(&out, output, err);
    if (rc != MC_OK) {
        return rc;
    }
    if (fmt == MC_FORMAT_JSON) {
        rc = mc_json_write(json, out.f, output, err);
    } else if (fmt == MC_FORMAT_CSV) {
        csv(out.f, ctx);
    } else {
        table(out.f, ctx);
    }
    if (rc == MC_OK) {
        return mc_outfile_commit(&out, err);
    }
    mc_outfile_abort(&out);
    return rc;
}

enum mc_status cli_list(const char *opt, const char *arg, const char **items, size_t *n, size_t max,
                        char **bufs, size_t *nbufs, struct mc_error *err) {
    const char *p = arg;
    while (*p != '\0') {
        size_t len = strcspn(p, ",");
        if (len > 0) {
            if (*n >= max) {
                return mc_error_set(err, MC_E_USAGE, NULL, 0, "%s: at most %zu values", opt, max);
            }
            char *item = malloc(len + 1);
            if (item == NULL) {
                return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
            }
            memcpy(item, p, len);
            item[len] = '\0';
            bufs[(*nbufs)++] = item;
            items[(*n)++] = item;
        }
        p += len + (p[len] == ',');
    }
    if (*n == 0) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "%s: empty value", opt);
    }
    return MC_OK;
}
