/*
 * metaclust: the command dispatcher. Everything else lives in the library
 * (src/<module>.c) and in one file per subcommand (src/cmd_<name>.c).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_common.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/outfile.h"
#include "metaclust/render.h"
#include "metaclust/util.h"

#define MC_VERSION "0.1.0"

static enum mc_status cmd_help(int argc, char **argv, struct mc_error *err);
static enum mc_status cmd_version(int argc, char **argv, struct mc_error *err);

static const struct mc_cmd commands[] = {
    {"info", cmd_info, "DATASET [--sector S] [--json] [-o FILE]",
     "Summarise a dataset as a graph: nodes, edges, weight, components, countries, sectors",
     "Options:\n"
     "  --json                one JSON object instead of text (same as --format json)\n"
     "  --format F            table (default) or json\n"
     "  -o, --output FILE     write to FILE (atomically) instead of standard output\n"
     "\n" CLI_DATA_HELP "\n"
     "DATASET is a directory holding nodes.csv, edges.csv, affiliations.csv and/or\n"
     "groups.csv (also .csv.gz). Exit codes: 0 ok, 1 bad data or I/O, 2 usage.\n"},
    {"generate", cmd_generate,
     "-o DIR [--seed N] [--clusters N] [--partners N] [--countries LIST] [--sectors LIST]\n"
     "                          [--meta-clusters K] [--noise X] [--group-size MIN-MAX] [--regions FILE]",
     "Write a synthetic cluster landscape with planted transnational meta-clusters",
     "Output (in DIR, each file written atomically): nodes.csv (the clusters), edges.csv\n"
     "(cooperation links), groups.csv (partners: SMEs, universities, R&D institutes),\n"
     "affiliations.csv (partner in cluster), truth.csv (node, planted meta-cluster or empty),\n"
     "generate.json (the parameters and counts). The same options give the same bytes.\n"
     "\n"
     "Options:\n"
     "  -o, --output DIR      the directory to write (created if needed; required)\n"
     "  --seed N              random seed (default 0)\n"
     "  --clusters N          number of clusters (default 500)\n"
     "  --partners N          number of partners (default 6 per cluster)\n"
     "  --countries LIST      ISO codes, comma-separated (default AT,BG,CZ,DE,HR,HU,IT,PL,RO,SI,SK)\n"
     "  --sectors LIST        sector keys, comma-separated (default: the nine Clusters-CORD\n"
     "                        sectors mobility-logistics,ict,automotive-aerospace,tourism,health,\n"
     "                        energy-environment,production-technologies,wood,food)\n"
     "  --meta-clusters K     planted meta-clusters (default: one per 50 clusters)\n"
     "  --noise X             share of planted ties rewired at random, 0 to 1 (default 0.15)\n"
     "  --group-size MIN-MAX  planted group sizes, within 3-15 (default 4-15)\n"
     "  --regions FILE        regions CSV (code,country,name,lat,lon; default: the built-in\n"
     "                        NUTS-2 table, datasets/nuts2.csv)\n"
     "\n"
     "Model options:\n"
     "  --degree D            cooperation links a cluster seeks per sector, mean (default 2.5)\n"
     "  --decay KM            distance decay of the gravity kernel, exp(-d/KM) (default 200)\n"
     "  --border X            kernel factor for a link across a border, 0 to 1 (default 0.1)\n"
     "  --same-sector X       share of links sought in the cluster's own sectors (default 0.85)\n"
     "  --local X             share of a partner's further clusters in its home region\n"
     "                        (default 0.7)\n"
     "  --commitment X        share of a planted member's other links in its group's sector\n"
     "                        that it gives up for the group, 0 to 1 (default 0.95)\n"
     "  --quiet               no progress or summary on stderr\n"
     "  -h, --help            this help\n"
     "\n"
     "Exit codes: 0 ok, 1 I/O error, 2 usage (including options that cannot be met).\n"},
    {"render", cmd_render,
     "DATASET [--sector S] -o FILE.png|.svg|.pdf [--layout L] [--color C] [--size M] [--labels L]",
     "Draw the network, the meta-cluster map or one proposal as a figure for a report",
     "Options:\n"
     "  -o, --output FILE     the figure; its extension picks the format: .png, .svg or .pdf\n"
     "  --layout L            auto (default), fr, kk, drl, multilevel, geo, country\n"
     "  --color C             community (default), country, sector, none\n"
     "  --size M              node area by pagerank (default), strength, degree, betweenness,\n"
     "                        none\n"
     "  --labels L            auto (default), all, none, top:N\n"
     "  --width PX            figure width in CSS pixels of 1/96 inch (default 1200)\n"
     "  --height PX           figure height (default 900)\n"
     "  --dpi N               PNG resolution: pixels = width x dpi / 96 (default 96)\n"
     "  --title TEXT          the figure's title (default: dataset and sector)\n"
     "  --seed N              seed of the layout and of the community runs (default 0)\n"
     "  --palette K1,K2,...   countries or sectors in colour order (the rest follow by size)\n"
     "  --meta                the meta-cluster map: one node per community (or proposal)\n"
     "  --proposals DIR       the output directory of 'metaclust propose'\n"
     "  --proposal ID         draw this proposal from --proposals DIR\n"
     "\n" CLI_DATA_HELP "\n"
     "The same input and seed give byte-identical files. Exit codes: 0 ok, 1 bad data or\n"
     "I/O, 2 usage.\n"},
    {"help", cmd_help, "[COMMAND]", "Show the commands, or one command's options", ""},
    {"version", cmd_version, "", "Print the version", ""},
};

const struct mc_cmd *cli_find_command(const char *name) {
    for (size_t i = 0; i < MC_ARRAY_SIZE(commands); i++) {
        if (strcmp(commands[i].name, name) == 0) {
            return &commands[i];
        }
    }
    return NULL;
}

static void print_overview(FILE *f) {
    fprintf(f, "usage: metaclust COMMAND [OPTIONS] [ARGS]\n\n"
               "Propose transnational meta-clusters from cluster relationship data.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < MC_ARRAY_SIZE(commands); i++) {
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    }
    fprintf(f, "\nRun 'metaclust COMMAND --help' for a command's options.\n"
               "Exit codes: 0 ok, 1 bad data or I/O error, 2 usage error, 3 batch with failed\n"
               "units, 130 interrupted.\n");
}

static const char *command_name(size_t i, void *ctx) {
    (void)ctx;
    return commands[i].name;
}

static enum mc_status unknown_command(const char *name, struct mc_error *err) {
    char sug[256];
    if (mc_suggest(name, MC_ARRAY_SIZE(commands), command_name, NULL, 3, sug, sizeof sug) > 0) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "unknown command '%s' (did you mean %s? see 'metaclust help')", name,
                            sug);
    }
    return mc_error_set(err, MC_E_USAGE, NULL, 0, "unknown command '%s' (see 'metaclust help')",
                        name);
}

static enum mc_status cmd_help(int argc, char **argv, struct mc_error *err) {
    if (argc < 2) {
        print_overview(stdout);
        return MC_OK;
    }
    const struct mc_cmd *c = cli_find_command(argv[1]);
    if (c == NULL) {
        return unknown_command(argv[1], err);
    }
    cli_print_help(stdout, c);
    return MC_OK;
}

static enum mc_status cmd_version(int argc, char **argv, struct mc_error *err) {
    (void)argc;
    (void)argv;
    (void)err;
    const char *igv = NULL;
    igraph_version(&igv, NULL, NULL, NULL);
    printf("metaclust %s (igraph %s)\n", MC_VERSION, igv ? igv : "?");
    return MC_OK;
}

static void on_signal(int signo) {
    if (mc_interrupted()) {
        /* a second Ctrl-C: stop now, but leave no temporary files behind */
        mc_outfile_cleanup_all();
        _exit(130);
    }
    mc_interrupt_request(signo);
}

static void install_signals(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN); /* a closed pipe is a write error we report */
}

int main(int argc, char **argv) {
    struct mc_error err;
    enum mc_status rc;

    mc_error_init(&err);
    mc_igraph_setup();
    mc_igraph_seed(0);
    install_signals();
    opterr = 0; /* the commands word their own option errors */

    if (argc < 2) {
        print_overview(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        name = "help";
    } else if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        name = "version";
    }
    const struct mc_cmd *cmd = cli_find_command(name);
    if (cmd == NULL) {
        rc = unknown_command(name, &err);
    } else {
        rc = cmd->fn(argc - 1, argv + 1, &err);
    }
    mc_render_release(); /* font caches: a clean exit for leak checkers */
    if (rc == MC_E_INTERRUPTED && err.msg[0] == '\0') {
        mc_error_set(&err, rc, NULL, 0, "interrupted");
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (rc == MC_OK) {
            rc = mc_error_set(&err, MC_E_IO, "standard output", 0, "write error");
        }
    }
    if (rc != MC_OK && rc != MC_E_PARTIAL) {
        fprintf(stderr, "metaclust: %s\n", err.msg[0] ? err.msg : mc_status_name(rc));
    } else if (rc == MC_E_PARTIAL && err.msg[0]) {
        fprintf(stderr, "metaclust: %s\n", err.msg);
    }
    if (fclose(stdout) != 0 && rc == MC_OK) {
        fprintf(stderr, "metaclust: standard output: write error\n");
        rc = MC_E_IO;
    }
    return mc_status_exit_code(rc);
}
