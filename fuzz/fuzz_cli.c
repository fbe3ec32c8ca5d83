/*
 * libFuzzer harness for command-line parsing: every subcommand of the table
 * in main.c, run in-process on a fixed tiny dataset.
 *
 * Input: NUL-separated arguments; the first names the command ("info",
 * "help", ...). A '/' inside an argument becomes '_', so every path an input
 * can name lies in the current directory: during a run, a private scratch
 * directory that is emptied afterwards; "@" stands for the dataset directory and "@n",
 * "@e", "@a", "@g" for its four files, which are rewritten before each run.
 * Standard output goes to /dev/null. So the harness writes nothing outside
 * its scratch directory and every run starts from the same state.
 *
 * A command may succeed or fail; a failure must carry a one-line message.
 * A crash, a leak, undefined behaviour or an empty error message is a finding.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd_common.h"
#include "metaclust/igraph_bridge.h"

#define MAX_ARGS    32
#define MAX_ARG_LEN 512

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char root[64];      /* the scratch directory */
static char ds_dir[128];   /* root/ds: the dataset */
static char work_dir[128]; /* root/work: the current directory */
static char ds_file[4][160];
static int home_fd = -1; /* libFuzzer's own directory, restored after each run */

static const char *const ds_names[4] = {"nodes.csv", "edges.csv", "affiliations.csv", "groups.csv"};
static const char *const ds_text[4] = {
    "id,name,country,region,sectors,lat,lon,label,members\n"
    "cz-auto,Moravian Automotive Cluster,CZ,CZ08,automotive;ict,49.8209,18.2625,gold,61\n"
    "cz-ict,Czech ICT Alliance,CZ,CZ01,ict,50.0755,14.4378,silver,40\n"
    "sk-auto,Slovak Automotive Cluster,SK,SK02,automotive,48.3774,17.5883,bronze,35\n"
    "pl-avia,Aviation Valley,PL,PL82,automotive,50.0412,21.9991,gold,150\n"
    "pl-ict,Silesian ICT Cluster,PL,PL22,ict,50.2649,19.0238,,25\n"
    "at-auto,Upper Austria Automotive,AT,AT31,automotive;wood,48.3069,14.2858,gold,250\n"
    "si-wood,Slovenian Wood Cluster,SI,SI04,wood,46.0569,14.5058,,18\n",
    "source,target,weight,sector,kind,year\n"
    "cz-auto,sk-auto,3,automotive,agreement,2012\n"
    "cz-auto,pl-avia,1,automotive,roadshow,2012\n"
    "cz-ict,pl-ict,2,ict,agreement,2011\n"
    "at-auto,si-wood,1,wood,,2013\n"
    "cz-auto,cz-ict,1,,,2010\n",
    "node,group,sector\n"
    "cz-auto,supplier-a,\n"
    "sk-auto,supplier-a,\n"
    "pl-avia,uni-b,\n"
    "cz-auto,uni-b,\n"
    "cz-ict,proj-x,ict\n"
    "pl-ict,proj-x,ict\n"
    "at-auto,proj-w,wood\n"
    "si-wood,proj-w,wood\n",
    "id,name,sectors,year\n"
    "supplier-a,Tier-1 supplier A,automotive,2012\n"
    "uni-b,University B,automotive,2013\n"
    "proj-x,ICT roadshow,ict,2014\n"
    "proj-w,Wood week,wood,2013\n",
};

static void die(const char *what) {
    perror(what);
    abort();
}

static void write_dataset(void) {
    for (int i = 0; i < 4; i++) {
        FILE *f = fopen(ds_file[i], "w");
        if (f == NULL || fputs(ds_text[i], f) == EOF || fclose(f) != 0) {
            die(ds_file[i]);
        }
    }
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st;
    (void)flag;
    if (ftw->level > 0) {
        remove(path);
    }
    return 0;
}

static void cleanup(void) {
    if (root[0] != '\0') {
        nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        rmdir(root);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    mc_igraph_setup();
    opterr = 0;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(root, sizeof root, "%s/mc-fuzz-cli.XXXXXX", base);
    if (mkdtemp(root) == NULL) {
        die("mkdtemp");
    }
    atexit(cleanup);
    snprintf(ds_dir, sizeof ds_dir, "%s/ds", root);
    snprintf(work_dir, sizeof work_dir, "%s/work", root);
    home_fd = open(".", O_RDONLY | O_DIRECTORY);
    if (home_fd < 0 || mkdir(ds_dir, 0700) != 0 || mkdir(work_dir, 0700) != 0) {
        die("scratch directory");
    }
    for (int i = 0; i < 4; i++) {
        snprintf(ds_file[i], sizeof ds_file[i], "%s/%s", ds_dir, ds_names[i]);
    }
    int null = open("/dev/null", O_WRONLY);
    if (null < 0 || dup2(null, STDOUT_FILENO) < 0) {
        die("/dev/null");
    }
    close(null);
    return 0;
}

/* The argument for token t: a placeholder's path, or a copy with '/' made '_'. */
static char *make_arg(const char *t, size_t len) {
    static const char *const marks[] = {"@n", "@e", "@a", "@g"};
    if (len == 1 && t[0] == '@') {
        return strdup(ds_dir);
    }
    for (int i = 0; i < 4; i++) {
        if (len == 2 && memcmp(t, marks[i], 2) == 0) {
            return strdup(ds_file[i]);
        }
    }
    char *a = malloc(len + 1);
    if (a == NULL) {
        abort();
    }
    for (size_t i = 0; i < len; i++) {
        a[i] = t[i] == '/' ? '_' : t[i];
    }
    a[len] = '\0';
    return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *argv[MAX_ARGS + 1];
    int argc = 0;
    const char *p = (const char *)data, *end = p + size;
    while (p < end && argc < MAX_ARGS) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));
        size_t len = nul ? (size_t)(nul - p) : (size_t)(end - p);
        argv[argc++] = make_arg(p, len < MAX_ARG_LEN ? len : MAX_ARG_LEN);
        p += len + (nul != NULL);
    }
    argv[argc] = NULL;
    const struct mc_cmd *cmd = argc > 0 ? cli_find_command(argv[0]) : NULL;
    if (cmd != NULL) {
        struct mc_error err;
        mc_error_init(&err);
        write_dataset();
        mc_igraph_seed(0); /* as main() does: every run starts from the same state */
        if (chdir(work_dir) != 0) {
            die(work_dir);
        }
        enum mc_status rc = cmd->fn(argc, argv, &err);
        fflush(stdout);
        clearerr(stdout);
        if (rc != MC_OK && rc != MC_E_PARTIAL &&
            (err.msg[0] == '\0' || strchr(err.msg, '\n') != NULL)) {
            abort();
        }
        if (IGRAPH_FINALLY_STACK_SIZE() != 0) {
            abort();
        }
        nftw(work_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        if (fchdir(home_fd) != 0) {
            die("fchdir");
        }
    }
    for (int i = 0; i < argc; i++) {
        free(argv[i]);
    }
    return 0;
}
