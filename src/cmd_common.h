#ifndef METACLUST_CMD_COMMON_H
#define METACLUST_CMD_COMMON_H

/*
 * What the subcommands share: the command table entry type, the dataset
 * options every analysis command accepts, and option-value parsing with the
 * documented messages. CLI only: the library never includes this.
 *
 * One message style for every command (main.c prefixes errors with
 * "metaclust: "):
 *   --OPT: what is wrong with the option's value, or with it next to another
 *          option (cli_invalid, cli_long, cli_real, cli_format, ...);
 *   CMD: what is wrong with the command line as a whole: an unknown option,
 *        a missing or extra argument (cli_bad_option, cli_load);
 *   progress and notes through cli_note ("metaclust: ...", silent under
 *   --quiet), the progress bar through cli_progress; no command writes to
 *   stderr itself.
 */

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "metaclust/dataset.h"
#include "metaclust/error.h"
#include "metaclust/analysis_report.h"
#include "metaclust/graph.h"
#include "metaclust/report.h"
#include "metaclust/layout.h"
#include "metaclust/render.h"

struct mc_cmd {
    const char *name;
    enum mc_status (*fn)(int argc, char **argv, struct mc_error *err);
    const char *usage;   /* one line: the arguments */
    const char *summary; /* one line: what it does */
    const char *help;    /* the options, printed by --help */
};

/* The subcommands, one file each: src/cmd_<name>.c. */
enum mc_status cmd_info(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_propose(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_match(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_batch(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_generate(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_centrality(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_communities(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_compare(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_export(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_render(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_change(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_sectors(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_profile(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_roadshow(int argc, char **argv, struct mc_error *err);
enum mc_status cmd_explore(int argc, char **argv, struct mc_error *err);

/* The command table lives in main.c. */
const struct mc_cmd *cli_find_command(const char *name);

/* Prints `metaclust NAME --help` to stdout. */
void cli_print_help(FILE *f, const struct mc_cmd *cmd);

/* Option codes shared by commands (long options only). */
enum {
    OPT_NODES = 1000,
    OPT_EDGES,
    OPT_AFFILIATIONS,
    OPT_GROUPS,
    OPT_ADD_MISSING,
    OPT_SECTOR,
    OPT_PROJECTION,
    OPT_MAX_GROUP_SIZE,
    OPT_QUIET,
    OPT_HELP,
    OPT_BACKBONE,
    OPT_ALPHA,
    OPT_MTC,
    OPT_MIN_GROUPS,
    OPT_SECTOR_ALIAS,
    OPT_COLUMNS,
    OPT_YEARS,
    OPT_FIRST_COMMAND_SPECIFIC = 1100
};

#define CLI_DATA_OPTIONS                                                                           \
    {"nodes", required_argument, NULL, OPT_NODES}, {"edges", required_argument, NULL, OPT_EDGES},  \
        {"affiliations", required_argument, NULL, OPT_AFFILIATIONS},                               \
        {"groups", required_argument, NULL, OPT_GROUPS},                                           \
        {"add-missing", no_argument, NULL, OPT_ADD_MISSING},                                       \
        {"sector", required_argument, NULL, OPT_SECTOR},                                           \
        {"projection", required_argument, NULL, OPT_PROJECTION},                                   \
        {"max-group-size", required_argument, NULL, OPT_MAX_GROUP_SIZE},                           \
        {"backbone", required_argument, NULL, OPT_BACKBONE},                                       \
        {"alpha", required_argument, NULL, OPT_ALPHA}, {"mtc", required_argument, NULL, OPT_MTC},  \
        {"min-groups", required_argument, NULL, OPT_MIN_GROUPS},                                   \
        {"sector-alias", required_argument, NULL, OPT_SECTOR_ALIAS},                               \
        {"columns", required_argument, NULL, OPT_COLUMNS},                                         \
        {"quiet", no_argument, NULL, OPT_QUIET},                                                   \
        {"years", required_argument, NULL, OPT_YEARS}, {                                           \
        "help", no_argument, NULL, 'h'                                                             \
    }

/* The help lines for CLI_DATA_OPTIONS, for the commands' help texts. */
#define CLI_DATA_HELP                                                                              \
    "Data options:\n"                                                                              \
    "  --sector S            analyse sector S only (case-insensitive)\n"                           \
    "  --years A-B           only rows of years A to B (also A, A- or -B): affiliations by\n"      \
    "                        their group's start year, edges by their own year\n"                  \
    "  --projection P        affiliation weighting: count (default), newman, jaccard\n"            \
    "  --max-group-size N    skip groups with more than N members when projecting\n"               \
    "  --backbone B          keep significant projected ties: sdsm, hypergeom, disparity,\n"       \
    "                        none (default)\n"                                                    \
    "  --alpha A             backbone significance level (default 0.05)\n"                       \
    "  --mtc M               multiple-test correction: fdr (default), bonferroni, holm, none\n"   \
    "  --min-groups N        a projected tie needs N distinct shared groups (default 1;\n"        \
    "                        propose and batch: 2, recurring cooperation)\n"                     \
    "  --nodes FILE          nodes file (instead of DATASET/nodes.csv)\n"                          \
    "  --edges FILE          direct edges file\n"                                                  \
    "  --affiliations FILE   memberships/participations file\n"                                    \
    "  --groups FILE         group attributes file\n"                                              \
    "  --add-missing         create nodes for ids missing from the nodes file\n"                   \
    "  --sector-alias A=B    read sector A as sector B (repeatable), to merge a misspelling\n"    \
    "  --columns K=COL,...   read column COL as K (name=Název,country=Země)\n"                   \
    "  --quiet               no warnings or progress on stderr\n"                                  \
    "  -h, --help            this help\n"

#define CLI_MAX_SECTOR_ALIAS 64
#define CLI_MAX_COLUMNS      64

struct cli_data {
    struct mc_load_options load;
    const char *sector_alias[CLI_MAX_SECTOR_ALIAS];
    char columns_text[1024]; /* the --columns values, split at ',' */
    size_t columns_used;
    const char *columns[CLI_MAX_COLUMNS];
    const char *sector;
    struct mc_view_options view;
    bool quiet;
};

void cli_data_init(struct cli_data *d);

/*
 * Handles one of the CLI_DATA_OPTIONS. Returns true when `c` was one of them
 * (with *rc set: MC_OK or a usage error), false otherwise.
 */
bool cli_data_option(struct cli_data *d, int c, const char *arg, enum mc_status *rc,
                     struct mc_error *err);

/*
 * Takes the DATASET positional argument (when files were not named with
 * --nodes/--edges/--affiliations), loads the dataset, resolves --sector and
 * builds the graph. Prints the warnings unless --quiet.
 */
enum mc_status cli_load(struct cli_data *d, const char *cmd, int argc, char **argv,
                        struct mc_dataset *ds, struct mc_graph *g, struct mc_error *err);

/* Same without building a graph. */
enum mc_status cli_load_dataset(struct cli_data *d, const char *cmd, int argc, char **argv,
                                struct mc_dataset *ds, struct mc_error *err);

/* Prints dataset and graph warnings ("metaclust: warning: ...") unless quiet. */
void cli_print_warnings(const struct cli_data *d, const struct mc_dataset *ds,
                        const struct mc_graph *g);

/* The message for an unknown option or a missing argument (getopt returned '?' or ':'). */
enum mc_status cli_bad_option(const char *cmd, int argc, char **argv, int c, struct mc_error *err);

/*
 * The usage error for a bad option value: "OPT: invalid value 'ARG' (expected
 * EXPECTED)", without the parenthesis when `expected` is NULL.
 */
enum mc_status cli_invalid(const char *opt, const char *arg, const char *expected,
                           struct mc_error *err);

/*
 * One of n names: *out receives its index; otherwise cli_invalid's message,
 * listing the names ("a, b or c").
 */
enum mc_status cli_choice(const char *opt, const char *arg, const char *const *names, size_t n,
                          int *out, struct mc_error *err);

/* Integer option value in [lo, hi]; a usage error naming the option otherwise. */
enum mc_status cli_long(const char *opt, const char *arg, long lo, long hi, long *out,
                        struct mc_error *err);
/* Real option value in [lo, hi]. */
enum mc_status cli_real(const char *opt, const char *arg, double lo, double hi, double *out,
                        struct mc_error *err);
/* Seed: any non-negative integer up to 2^32-1. */
enum mc_status cli_seed(const char *arg, unsigned long *out, struct mc_error *err);

/* --format for reports: csv, json or table (the usage error names them). */
enum mc_status cli_format(const char *arg, enum mc_format *out, struct mc_error *err);

/*
 * A repeatable, comma-separated list option: appends the non-empty items of
 * arg to items[*n] (at most max in all). Each item is a copy kept in
 * bufs[*nbufs] for the caller to free. A usage error names the option.
 */
enum mc_status cli_list(const char *opt, const char *arg, const char **items, size_t *n, size_t max,
                        char **bufs, size_t *nbufs, struct mc_error *err);

/* -j/--jobs: worker processes, 1 to 256. */
enum mc_status cli_jobs(const char *arg, int *out, struct mc_error *err);

/*
 * Writes a report to `output` (NULL or "-": stdout) atomically: `json` in
 * json format, else csv(f, ctx) or table(f, ctx).
 */
typedef void cli_emit_fn(FILE *f, const void *ctx);
enum mc_status cli_emit(const char *output, enum mc_format fmt, const json_t *json,
                        cli_emit_fn *csv, cli_emit_fn *table, const void *ctx,
                        struct mc_error *err);


/* Progress and notes on stderr ("metaclust: ..."), unless quiet (d NULL: always). */
void cli_note(const struct cli_data *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * A progress line a terminal rewrites in place: clears the line and prints
 * the text without a newline. fmt NULL only clears it (before a cli_note).
 */
void cli_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
