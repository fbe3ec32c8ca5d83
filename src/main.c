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
    signal(SIGXFSZ, SIG_IGN); /* so is a file size limit (ulimit -f): EFBIG, not a kill */
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
