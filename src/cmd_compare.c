/*
 * metaclust compare A.csv B.csv [--unassigned singleton|exclude]
 * How much two partitions agree: NMI, ARI, VI, split-join distance.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/community.h"
#include "metaclust/csvio.h"
#include "metaclust/report.h"
#include "metaclust/report_table.h"

enum { OPT_COLUMN_A = OPT_FIRST_COMMAND_SPECIFIC, OPT_COLUMN_B, OPT_UNASSIGNED, OPT_FORMAT };

static void write_csv(FILE *f, const void *r) {
    mc_partition_agreement_csv(f, r);
}

static void write_table(FILE *f, const void *r) {
    mc_partition_agreement_table(f, r);
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
    struct mc_partition_agreement r;
    struct mc_partition_file pa, pb;
    json_t *json = NULL;
    enum mc_status rc = MC_OK;

    cli_data_init(&d);
    memset(&r, 0, sizeof r);
    mc_partition_file_init(&pa);
    mc_partition_file_init(&pb);
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
        case OPT_UNASSIGNED: {
            static const char *const unassigned[] = {"singleton", "exclude"};
            int k = 0;
            rc = cli_choice("--unassigned", optarg, unassigned, 2, &k, err);
            r.exclude = k == 1;
            break;
        }
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
        (rc = mc_partition_files_compare(&pa, &pb, &r, err)) != MC_OK) {
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
    if (fmt == MC_FORMAT_JSON && (json = mc_partition_agreement_json(&r)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (JSON)");
        goto out;
    }
    rc = cli_emit(output, fmt, json, write_csv, write_table, &r, err);
out:
    json_decref(json);
    mc_partition_file_destroy(&pa);
    mc_partition_file_destroy(&pb);
    return rc;
}
