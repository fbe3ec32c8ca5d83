/*
 * metaclust compare A.csv B.csv [--unassigned singleton|exclude]
 * How much two partitions agree: NMI, ARI, VI, split-join distance.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/community.h"
#include "metaclust/csvio.h"
#include "metaclust/report.h"

enum { OPT_COLUMN_A = OPT_FIRST_COMMAND_SPECIFIC, OPT_COLUMN_B, OPT_UNASSIGNED, OPT_FORMAT };

struct result {
    const char *a, *b;
    size_t nodes, only_a, only_b, unassigned_a, unassigned_b;
    bool exclude;
    igraph_integer_t ka, kb;
    struct mc_comparison cmp;
};

/*
 * The two memberships over the ids present in both files, in A's order.
 * Unassigned ids become singletons (fresh labels), or are left out.
 */
static enum mc_status align(const struct mc_partition_file *pa, const struct mc_partition_file *pb,
                            struct result *r, igraph_vector_int_t *ma, igraph_vector_int_t *mb,
                            struct mc_error *err) {
    long fresh_a = (long)pa->labels.n, fresh_b = (long)pb->labels.n;
    size_t common = 0;
    for (size_t i = 0; i < pa->n; i++) {
        const char *id = pa->ids.keys[i];
        long j = mc_intern_find(&pb->ids, id, strlen(id));
        if (j < 0) {
            r->only_a++;
            continue;
        }
        common++;
        long la = pa->label[i], lb = pb->label[j];
        r->unassigned_a += la < 0;
        r->unassigned_b += lb < 0;
        if (r->exclude && (la < 0 || lb < 0)) {
            continue;
        }
        if (igraph_vector_int_push_back(ma, la < 0 ? fresh_a++ : la) != IGRAPH_SUCCESS ||
            igraph_vector_int_push_back(mb, lb < 0 ? fresh_b++ : lb) != IGRAPH_SUCCESS) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
    }
    r->only_b = pb->n - common;
    r->nodes = (size_t)igraph_vector_int_size(ma);
    if (r->nodes == 0) {
        return mc_error_set(err, MC_E_DATA, NULL, 0, "'%s' and '%s' have no %sid in common", r->a,
                            r->b, r->exclude && common > 0 ? "assigned " : "");
    }
    return MC_OK;
}

static igraph_integer_t count_labels(const igraph_vector_int_t *m, struct mc_error *err) {
    igraph_vector_int_t c;
    igraph_integer_t k = 0;
    if (igraph_vector_int_init_copy(&c, m) != IGRAPH_SUCCESS) {
        return -1;
    }
    if (mc_partition_canonical(&c, &k, err) != MC_OK) {
        k = -1;
    }
    igraph_vector_int_destroy(&c);
    return k;
}

static void write_table(FILE *f, const void *ctx) {
    const struct result *r = ctx;
    char a[32];
    fprintf(f, "compared      %s ids (%s)\n", mc_fmt_count(a, r->nodes),
            r->exclude ? "unassigned ids left out" : "unassigned ids: one community each");
    fprintf(f, "communities   %" IGRAPH_PRId " in A, %" IGRAPH_PRId " in B\n", r->ka, r->kb);
    fprintf(f, "NMI           %.6f\n", r->cmp.nmi);
    fprintf(f, "ARI           %.6f\n", r->cmp.ari);
    fprintf(f, "VI            %.6f nats (%.6f of ln n)\n", r->cmp.vi, r->cmp.vi_normalized);
    fprintf(
        f, "split-join    %" IGRAPH_PRId " (A to B %" IGRAPH_PRId ", B to A %" IGRAPH_PRId ")\n",
        r->cmp.split_join_ab + r->cmp.split_join_ba, r->cmp.split_join_ab, r->cmp.split_join_ba);
}

static void write_csv(FILE *f, const void *ctx) {
    const struct result *r = ctx;
    char b[7][MC_REAL_BUFSZ];
    static const char *const header[] = {
        "nodes", "communities_a", "communities_b", "nmi",           "ari",
        "vi",    "vi_normalized", "split_join",    "split_join_ab", "split_join_ba"};
    mc_csv_row(f, MC_ARRAY_SIZE(header), header);
    fprintf(f,
            "%zu,%" IGRAPH_PRId ",%" IGRAPH_PRId ",%s,%s,%s,%s,%" IGRAPH_PRId ",%" IGRAPH_PRId
            ",%" IGRAPH_PRId "\n",
            r->nodes, r->ka, r->kb, mc_fmt_real(b[0], r->cmp.nmi), mc_fmt_real(b[1], r->cmp.ari),
            mc_fmt_real(b[2], r->cmp.vi), mc_fmt_real(b[3], r->cmp.vi_normalized),
            r->cmp.split_join_ab + r->cmp.split_join_ba, r->cmp.split_join_ab,
            r->cmp.split_join_ba);
}

static json_t *to_json(const struct result *r) {
    json_t *o = json_object();
    bool ok =
        o && mc_json_put(o, "a", json_string(r->a)) && mc_json_put(o, "b", json_string(r->b)) &&
        mc_json_put(o, "nodes", json_integer((json_int_t)r->nodes)) &&
        mc_json_put(o, "only_a", json_integer((json_int_t)r->only_a)) &&
        mc_json_put(o, "only_b", json_integer((json_int_t)r->only_b)) &&
        mc_json_put(o, "unassigned", json_string(r->exclude ? "exclude" : "singleton")) &&
        mc_json_put(o, "unassigned_a", json_integer((json_int_t)r->unassigned_a)) &&
        mc_json_put(o, "unassigned_b", json_integer((json_int_t)r->unassigned_b)) &&
        mc_json_put(o, "communities_a", json_integer((json_int_t)r->ka)) &&
        mc_json_put(o, "communities_b", json_integer((json_int_t)r->kb)) &&
        mc_json_put(o, "nmi", mc_json_number(r->cmp.nmi)) &&
        mc_json_put(o, "ari", mc_json_number(r->cmp.ari)) &&
        mc_json_put(o, "vi", mc_json_number(r->cmp.vi)) &&
        mc_json_put(o, "vi_normalized", mc_json_number(r->cmp.vi_normalized)) &&
        mc_json_put(o, "split_join", json_integer(r->cmp.split_join_ab + r->cmp.split_join_ba)) &&
        mc_json_put(o, "split_join_ab", json_integer(r->cmp.split_join_ab)) &&
        mc_json_put(o, "split_join_ba", json_integer(r->cmp.split_join_ba));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

enum mc_status cmd_compare(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {{"column-a", required_argument, NULL, OPT_COLUMN_A},
                                         {"column-b", required_argument, NULL, OPT_COLUMN_B},
                                         {"unassigned", required_argument, NULL, OPT_UNASSIGNED},
                                         {"format", required_argument, NULL, OPT_FORMAT},
                                         {"output", required_argument, NULL, 'o'},
                                         {"quiet", no_argument, NULL, OPT_QUIET},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    struct cli_data d;
    enum mc_format fmt = MC_FORMAT_TABLE;
    const char *output = NULL, *col_a = NULL, *col_b = NULL;
    struct result r;
    struct mc_partition_file pa, pb;
    igraph_vector_int_t ma, mb;
    json_t *json = NULL;
    enum mc_status rc = MC_OK;

    cli_data_init(&d);
    memset(&r, 0, sizeof r);
    mc_partition_file_init(&pa);
    mc_partition_file_init(&pb);
    igraph_vector_int_init(&ma, 0);
    igraph_vector_int_init(&mb, 0);
    optind = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            cli_print_help(stdout, cli_find_command("compare"));
            goto out;
        case OPT_COLUMN_A:
            col_a = optarg;
            break;
        case OPT_COLUMN_B:
            col_b = optarg;
            break;
        case OPT_UNASSIGNED:
            if (strcmp(optarg, "singleton") == 0 || strcmp(optarg, "exclude") == 0) {
                r.exclude = strcmp(optarg, "exclude") == 0;
            } else {
                rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                                  "--unassigned: invalid value '%s' (expected singleton or "
                                  "exclude)",
                                  optarg);
            }
            break;
        case OPT_FORMAT:
            rc = cli_format(optarg, &fmt, err);
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_QUIET:
            d.quiet = true;
            break;
        default:
            rc = cli_bad_option("compare", argc, argv, ch, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (argc - optind != 2) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          argc - optind < 2
                              ? "compare: needs two partition files A.csv B.csv (see 'metaclust "
                                "compare --help')"
                              : "compare: too many arguments (see 'metaclust compare --help')");
        goto out;
    }
    r.a = argv[optind];
    r.b = argv[optind + 1];
    if ((rc = mc_partition_file_read(&pa, r.a, col_a, err)) != MC_OK ||
        (rc = mc_partition_file_read(&pb, r.b, col_b, err)) != MC_OK ||
        (rc = align(&pa, &pb, &r, &ma, &mb, err)) != MC_OK ||
        (rc = mc_partition_compare(&ma, &mb, &r.cmp, err)) != MC_OK) {
        goto out;
    }
    r.ka = count_labels(&ma, err);
    r.kb = count_labels(&mb, err);
    if (r.ka < 0 || r.kb < 0) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    if (r.only_a > 0 || r.only_b > 0) {
        cli_note(&d, "note: %zu id%s only in '%s' and %zu only in '%s' left out", r.only_a,
                 r.only_a == 1 ? "" : "s", r.a, r.only_b, r.b);
    }
    if (r.unassigned_a + r.unassigned_b > 0) {
        cli_note(&d, "note: unassigned ids (%zu in A, %zu in B) %s", r.unassigned_a, r.unassigned_b,
                 r.exclude ? "left out (--unassigned exclude)"
                           : "count as one community each (--unassigned exclude leaves them out)");
    }
    if (fmt == MC_FORMAT_JSON && (json = to_json(&r)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    rc = cli_emit(output, fmt, json, write_csv, write_table, &r, err);
out:
    json_decref(json);
    igraph_vector_int_destroy(&ma);
    igraph_vector_int_destroy(&mb);
    mc_partition_file_destroy(&pa);
    mc_partition_file_destroy(&pb);
    return rc;
}
