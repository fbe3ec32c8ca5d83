/*
 * metaclust generate -o DIR [--seed N] [--clusters N] [--partners N] ...
 * A synthetic cluster landscape with planted meta-clusters (src/generate.c).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd_common.h"
#include "metaclust/generate.h"
#include "metaclust/outfile.h"
#include "metaclust/report.h"

enum {
    OPT_CLUSTERS = OPT_FIRST_COMMAND_SPECIFIC,
    OPT_PARTNERS,
    OPT_COUNTRIES,
    OPT_SECTORS,
    OPT_META,
    OPT_NOISE,
    OPT_GROUP_SIZE,
    OPT_DEGREE,
    OPT_DECAY,
    OPT_BORDER,
    OPT_SAME_SECTOR,
    OPT_LOCAL,
    OPT_COMMITMENT,
    OPT_REGIONS,
    OPT_SEED,
    OPT_MODEL,
    OPT_FORM
};

/* Splits a comma- or blank-separated list into `*items` (pointers into `buf`, which it owns). */
static enum mc_status split_list(const char *opt, const char *arg, char **buf, const char ***items,
                                 size_t *n, struct mc_error *err) {
    free(*buf);
    free(*items);
    *items = NULL;
    *n = 0;
    *buf = strdup(arg);
    *items = calloc(strlen(arg) / 2 + 2, sizeof **items);
    if (*buf == NULL || *items == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (char *tok = strtok(*buf, ", \t"); tok != NULL; tok = strtok(NULL, ", \t")) {
        (*items)[(*n)++] = tok;
    }
    if (*n == 0) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "%s: empty list", opt);
    }
    return MC_OK;
}

static enum mc_status parse_group_size(const char *arg, size_t *lo, size_t *hi,
                                       struct mc_error *err) {
    long a, b;
    char buf[64];
    const char *dash = strchr(arg, '-');
    bool ok;
    if (dash == NULL) {
        ok = mc_parse_long(arg, 3, 15, &a);
        b = a;
    } else {
        size_t len = (size_t)(dash - arg);
        ok = len < sizeof buf;
        if (ok) {
            memcpy(buf, arg, len);
            buf[len] = '\0';
            ok = mc_parse_long(buf, 3, 15, &a) && mc_parse_long(dash + 1, 3, 15, &b) && a <= b;
        }
    }
    if (!ok) {
        return cli_invalid("--group-size", arg, "MIN-MAX with 3 <= MIN <= MAX <= 15, e.g. 4-15",
                           err);
    }
    *lo = (size_t)a;
    *hi = (size_t)b;
    return MC_OK;
}

static enum mc_status parse_model(const char *arg, enum mc_gen_model *out, struct mc_error *err) {
    static const enum mc_gen_model models[] = {MC_GEN_PLANTED, MC_GEN_LANDSCAPE};
    for (size_t i = 0; i < MC_ARRAY_SIZE(models); i++) {
        if (strcmp(arg, mc_gen_model_name(models[i])) == 0) {
            *out = models[i];
            return MC_OK;
        }
    }
    return mc_error_set(err, MC_E_USAGE, NULL, 0,
                        "--model: unknown model '%s' (expected planted or landscape)", arg);
}

static enum mc_status parse_form(const char *arg, enum mc_gen_form *out, struct mc_error *err) {
    static const enum mc_gen_form forms[] = {MC_GEN_FORM_BOTH, MC_GEN_FORM_EDGES,
                                             MC_GEN_FORM_AFFILIATIONS};
    for (size_t i = 0; i < MC_ARRAY_SIZE(forms); i++) {
        if (strcmp(arg, mc_gen_form_name(forms[i])) == 0) {
            *out = forms[i];
            return MC_OK;
        }
    }
    return mc_error_set(err, MC_E_USAGE, NULL, 0,
                        "--form: unknown form '%s' (expected both, edges or affiliations)", arg);
}

struct progress {
    bool on;
    const char *phase;
    double t0;
};

static void on_progress(void *ctx, const char *phase, size_t done, size_t total) {
    struct progress *p = ctx;
    if (!p->on) {
        return;
    }
    double now = mc_now();
    if (p->phase == NULL || strcmp(p->phase, phase) != 0) {
        p->phase = phase;
        p->t0 = now;
    }
    if (done == total) {
        char a[32];
        cli_note(NULL, "generate: %s: %s done in %.1f s", phase, mc_fmt_count(a, total),
                 now - p->t0);
    }
}

/* DIR/generate.json: the parameters and what was written, so the run can be repeated. */
static enum mc_status write_params(const char *dir, const struct mc_gen_options *o,
                                   const char *regions, const struct mc_gen_stats *st,
                                   struct mc_error *err) {
    json_t *root = json_object(), *countries = json_array(), *sectors = json_array(),
           *counts = json_object();
    bool ok = root && countries && sectors && counts;
    const char *const *cl = o->countries ? o->countries : mc_gen_default_countries;
    size_t ncl = o->countries ? o->n_countries : mc_gen_n_default_countries;
    const char *const *sl = o->sectors ? o->sectors : mc_gen_default_sectors;
    size_t nsl = o->sectors ? o->n_sectors : mc_gen_n_default_sectors;
    for (size_t i = 0; ok && i < ncl; i++) {
        ok = json_array_append_new(countries, json_string(cl[i])) == 0;
    }
    for (size_t i = 0; ok && i < nsl; i++) {
        ok = json_array_append_new(sectors, json_string(sl[i])) == 0;
    }
    ok = ok && mc_json_put(counts, "clusters", json_integer((json_int_t)st->clusters)) &&
         mc_json_put(counts, "partners", json_integer((json_int_t)st->partners)) &&
         mc_json_put(counts, "edges", json_integer((json_int_t)st->edges)) &&
         mc_json_put(counts, "cross_border_edges",
                     json_integer((json_int_t)st->cross_border_edges)) &&
         mc_json_put(counts, "affiliations", json_integer((json_int_t)st->affiliations)) &&
         mc_json_put(counts, "meta_clusters", json_integer((json_int_t)st->meta_clusters)) &&
         mc_json_put(counts, "planted_members", json_integer((json_int_t)st->planted_members)) &&
         mc_json_put(counts, "planted_edges", json_integer((json_int_t)st->planted_edges)) &&
         mc_json_put(counts, "rewired_edges", json_integer((json_int_t)st->rewired_edges)) &&
         mc_json_put(counts, "countries", json_integer((json_int_t)st->countries)) &&
         mc_json_put(counts, "regions", json_integer((json_int_t)st->regions)) &&
         mc_json_put(counts, "sectors", json_integer((json_int_t)st->sectors));
    ok = ok && (o->model != MC_GEN_LANDSCAPE ||
                mc_json_put(counts, "hangers", json_integer((json_int_t)st->hangers)));
    ok = ok && mc_json_put(root, "command", json_string("generate")) &&
         mc_json_put(root, "model", json_string(mc_gen_model_name(o->model))) &&
         mc_json_put(root, "form", json_string(mc_gen_form_name(o->form))) &&
         mc_json_put(root, "seed", json_integer((json_int_t)o->seed)) &&
         mc_json_put(root, "clusters", json_integer((json_int_t)o->clusters)) &&
         mc_json_put(root, "partners", json_integer((json_int_t)st->partners)) &&
         json_object_set(root, "countries", countries) == 0 &&
         json_object_set(root, "sectors", sectors) == 0 &&
         mc_json_put(root, "meta_clusters", json_integer((json_int_t)st->meta_clusters)) &&
         mc_json_put(root, "group_size_min", json_integer((json_int_t)o->group_min)) &&
         mc_json_put(root, "group_size_max", json_integer((json_int_t)o->group_max));
    /* the planted model's parameters; the landscape model takes none of them */
    ok = ok && (o->model == MC_GEN_LANDSCAPE ||
                (mc_json_put(root, "noise", mc_json_number(o->noise)) &&
                 mc_json_put(root, "degree", mc_json_number(o->degree)) &&
                 mc_json_put(root, "decay_km", mc_json_number(o->decay_km)) &&
                 mc_json_put(root, "border", mc_json_number(o->border)) &&
                 mc_json_put(root, "same_sector", mc_json_number(o->same_sector)) &&
                 mc_json_put(root, "local", mc_json_number(o->local)) &&
                 mc_json_put(root, "commitment", mc_json_number(o->commitment))));
    ok = ok &&
         mc_json_put(root, "regions", regions ? json_string(regions) : json_string("built-in")) &&
         json_object_set(root, "written", counts) == 0;
    json_decref(countries);
    json_decref(sectors);
    json_decref(counts);
    enum mc_status rc = MC_OK;
    char *path = ok ? mc_path_join(dir, "generate.json") : NULL;
    if (path == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
    } else {
        struct mc_outfile out;
        rc = mc_outfile_open(&out, path, err);
        if (rc == MC_OK) {
            rc = mc_json_write(root, out.f, path, err);
            if (rc == MC_OK) {
                rc = mc_outfile_commit(&out, err);
            }
            mc_outfile_abort(&out);
        }
    }
    free(path);
    json_decref(root);
    return rc;
}

enum mc_status cmd_generate(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                         {"seed", required_argument, NULL, OPT_SEED},
                                         {"clusters", required_argument, NULL, OPT_CLUSTERS},
                                         {"partners", required_argument, NULL, OPT_PARTNERS},
                                         {"countries", required_argument, NULL, OPT_COUNTRIES},
                                         {"sectors", required_argument, NULL, OPT_SECTORS},
                                         {"meta-clusters", required_argument, NULL, OPT_META},
                                         {"noise", required_argument, NULL, OPT_NOISE},
                                         {"group-size", required_argument, NULL, OPT_GROUP_SIZE},
                                         {"degree", required_argument, NULL, OPT_DEGREE},
                                         {"decay", required_argument, NULL, OPT_DECAY},
                                         {"border", required_argument, NULL, OPT_BORDER},
                                         {"same-sector", required_argument, NULL, OPT_SAME_SECTOR},
                                         {"local", required_argument, NULL, OPT_LOCAL},
                                         {"commitment", required_argument, NULL, OPT_COMMITMENT},
                                         {"regions", required_argument, NULL, OPT_REGIONS},
                                         {"model", required_argument, NULL, OPT_MODEL},
                                         {"form", required_argument, NULL, OPT_FORM},
                                         {"quiet", no_argument, NULL, OPT_QUIET},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    struct mc_gen_options o;
    struct mc_gen_stats st;
    struct mc_region_table regions;
    struct progress prog = {0};
    const char *dir = NULL, *regions_path = NULL, *planted_only = NULL, *partners_opt = NULL;
    bool group_size_given = false;
    char *cbuf = NULL, *sbuf = NULL;
    const char **clist = NULL, **slist = NULL;
    bool quiet = false;
    enum mc_status rc = MC_OK;
    long v;

    mc_gen_options_init(&o);
    mc_region_table_init(&regions);
    optind = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            cli_print_help(stdout, cli_find_command("generate"));
            goto out;
        case 'o':
            dir = optarg;
            break;
        case OPT_SEED:
            rc = cli_seed(optarg, &o.seed, err);
            break;
        case OPT_CLUSTERS:
            rc = cli_long("--clusters", optarg, 1, 10000000, &v, err);
            o.clusters = (size_t)v;
            break;
        case OPT_PARTNERS:
            rc = cli_long("--partners", optarg, 1, 100000000, &v, err);
            o.partners = (size_t)v;
            partners_opt = "--partners";
            break;
        case OPT_MODEL:
            rc = parse_model(optarg, &o.model, err);
            break;
        case OPT_FORM:
            rc = parse_form(optarg, &o.form, err);
            break;
        case OPT_META:
            rc = cli_long("--meta-clusters", optarg, 0, 1000000, &v, err);
            o.meta_clusters = v;
            break;
        case OPT_COUNTRIES:
            rc = split_list("--countries", optarg, &cbuf, &clist, &o.n_countries, err);
            o.countries = clist;
            break;
        case OPT_SECTORS:
            rc = split_list("--sectors", optarg, &sbuf, &slist, &o.n_sectors, err);
            o.sectors = slist;
            break;
        case OPT_NOISE:
            planted_only = "--noise";
            rc = cli_real("--noise", optarg, 0, 1, &o.noise, err);
            break;
        case OPT_GROUP_SIZE:
            rc = parse_group_size(optarg, &o.group_min, &o.group_max, err);
            group_size_given = true;
            break;
        case OPT_DEGREE:
            planted_only = "--degree";
            rc = cli_real("--degree", optarg, 0, 50, &o.degree, err);
            break;
        case OPT_DECAY:
            planted_only = "--decay";
            rc = cli_real("--decay", optarg, 1, 100000, &o.decay_km, err);
            break;
        case OPT_BORDER:
            planted_only = "--border";
            rc = cli_real("--border", optarg, 0, 1, &o.border, err);
            break;
        case OPT_SAME_SECTOR:
            planted_only = "--same-sector";
            rc = cli_real("--same-sector", optarg, 0, 1, &o.same_sector, err);
            break;
        case OPT_LOCAL:
            planted_only = "--local";
            rc = cli_real("--local", optarg, 0, 1, &o.local, err);
            break;
        case OPT_COMMITMENT:
            planted_only = "--commitment";
            rc = cli_real("--commitment", optarg, 0, 1, &o.commitment, err);
            break;
        case OPT_REGIONS:
            regions_path = optarg;
            break;
        case OPT_QUIET:
            quiet = true;
            break;
        default:
            rc = cli_bad_option("generate", argc, argv, c, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (optind < argc) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "generate: unexpected argument '%s' (see 'metaclust generate --help')",
                          argv[optind]);
        goto out;
    }
    if (dir == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "generate: missing -o DIR, the directory to write the dataset to");
        goto out;
    }
    if (o.model == MC_GEN_LANDSCAPE) {
        if (planted_only == NULL) {
            planted_only = partners_opt;
        }
        if (planted_only != NULL) {
            rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                              "generate: %s applies to --model planted only (see 'metaclust "
                              "generate --help')",
                              planted_only);
            goto out;
        }
        if (!group_size_given) {
            o.group_min = 5;
            o.group_max = 10;
        }
    }
    if (regions_path != NULL) {
        if ((rc = mc_region_table_load(&regions, regions_path, err)) != MC_OK) {
            goto out;
        }
        o.regions = regions.r;
        o.n_regions = regions.n;
    }
    /* progress for runs that take more than a moment */
    prog.on = !quiet && (o.clusters >= 20000 || o.partners >= 200000);
    o.progress = on_progress;
    o.progress_ctx = &prog;
    if ((rc = mc_generate(&o, dir, &st, err)) != MC_OK ||
        (rc = write_params(dir, &o, regions_path, &st, err)) != MC_OK) {
        goto out;
    }
    if (!quiet && o.model == MC_GEN_LANDSCAPE) {
        char a[32], b[32], e[32], f[32], m[32], h[32];
        fprintf(stderr,
                "metaclust: generate: wrote %s: %s organisations, %s projects, %s edges, %s "
                "affiliations, %zu planted groups (%s members, %s hangers)\n",
                dir, mc_fmt_count(a, st.clusters), mc_fmt_count(b, st.partners),
                mc_fmt_count(e, st.edges), mc_fmt_count(f, st.affiliations), st.meta_clusters,
                mc_fmt_count(m, st.planted_members), mc_fmt_count(h, st.hangers));
    } else if (!quiet) {
        char a[32], b[32], e[32], f[32], m[32];
        cli_note(NULL,
                 "generate: wrote %s: %s clusters, %s partners, %s edges, %s affiliations, %zu "
                 "meta-clusters (%s clusters)",
                 dir, mc_fmt_count(a, st.clusters), mc_fmt_count(b, st.partners),
                 mc_fmt_count(e, st.edges), mc_fmt_count(f, st.affiliations), st.meta_clusters,
                 mc_fmt_count(m, st.planted_members));
    }
out:
    mc_region_table_destroy(&regions);
    free(cbuf);
    free(sbuf);
    free(clist);
    free(slist);
    return rc;
}
