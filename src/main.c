/*
 * metaclust: the command dispatcher. Everything else lives in the library
 * (src/<module>.c) and in one file per subcommand (src/cmd_<name>.c).
 */
#include <malloc.h>
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

#include "metaclust/version.h"

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
    {"propose", cmd_propose,
     "DATASET [--sector S | --all-sectors] [--cross-sector] [-o DIR] [--seed N] [--runs K]",
     "Propose transnational meta-clusters per sector, with coordinators and missing links",
     "Options:\n"
     "  --all-sectors         every sector of the dataset (the default when it has sectors)\n"
     "  --cross-sector        also groups on the whole graph that join two or more sectors\n"
     "  -o, --output DIR      write the results into DIR (default: proposals)\n"
     "  --seed N              random seed (default 0)\n"
     "  --runs K              at most K Leiden runs per sector for the consensus (default\n"
     "                        10); they stop early once they settle (see batch --help)\n"
     "  --runs-exact K        exactly K Leiden runs per sector\n"
     "  --resolution R        modularity resolution (default 1)\n"
     "  --min-countries N     a group spans at least N countries (default 3)\n"
     "  --max-share X         no country holds more than X of a group (default 0.5)\n"
     "  --min-size N          smallest group (default 3)\n"
     "  --max-size N          largest group; larger communities are split (default 25)\n"
     "  --links N             missing links suggested per proposal (default 5)\n"
     "  --min-cross-border X  at least X of a group's internal tie weight crosses a border\n"
     "                        (default 0.33)\n"
     "  --min-density X       a candidate is split into parts in which more than X of the\n"
     "                        member pairs are tied across a border (default 0.2; 0: off)\n"
     "  --exclude-type T      nodes of type T (nodes.csv `type`, e.g. PUB) may not\n"
     "                        coordinate; repeat or separate by commas\n"
     "  --report-top N        proposals.md details the N best per sector, lists the rest\n"
     "                        in a table (default 10; 0: details for all)\n"
     "  --country XX          keep the proposals with a member from XX; proposals.md gets\n"
     "                        a national section (XX's clusters, matches, nearest groups)\n"
     "\n" CLI_DATA_HELP "\n"
     "Projected ties must recur: by default a tie needs 2 shared groups (--min-groups);\n"
     "--backbone adds a significance test; direct edges are kept.\n\n"
     "Writes DIR/proposals.csv, members.csv, missing_links.csv, rejected.csv, evidence.csv,\n"
     "dropped.csv, proposals.md, proposals.json and proposals.xlsx (see README, 'metaclust\n"
     "propose').\n"},
    {"match", cmd_match, "DATASET --node ID [--sector S] [--top K] [--foreign-only] [--format F]",
     "Recommend partners for one cluster, with the reason for each",
     "Options:\n"
     "  --node ID             the cluster to find partners for (required)\n"
     "  --top K               how many partners to list (default 10)\n"
     "  --foreign-only        only partners in another country\n"
     "  --format F            table (default), csv or json\n"
     "  -o, --output FILE     write to FILE instead of standard output\n"
     "\n" CLI_DATA_HELP},
    {"profile", cmd_profile,
     "DATASET --node ID [--sector S] [--years A-B] [-o DIR] [--seed N] [--runs K]",
     "Profile one cluster against its peers: percentiles, partners, proposals, suggestions",
     "Options:\n"
     "  --node ID             the cluster to profile: its id, or its name (required)\n"
     "  -o, --output DIR      write profile.md, profile.json and ego.png into DIR\n"
     "                        (default: profile)\n"
     "  --seed N              seed of the communities and proposals (default 0)\n"
     "  --runs K              Leiden runs for the consensus (default 10)\n"
     "  --partners N          strongest partners listed (default 10; 0: all)\n"
     "  --suggestions N       match suggestions listed (default 5)\n"
     "\n" CLI_DATA_HELP "\n"
     "Percentile: the share of peers (the node excluded) with a lower value, plus half of\n"
     "those with an equal value, times 100; peers are the view's nodes (the sector), and\n"
     "those of the same country. Exit codes: 0 ok, 1 bad data or I/O, 2 usage.\n"},
    {"roadshow", cmd_roadshow,
     "DATASET --attendees FILE [--sector S] [--meetings K] [--slots N] [-o DIR]",
     "Plan the one-to-one meetings of a matchmaking event from match's scores",
     "Options:\n"
     "  --attendees FILE      CSV of attendee ids or names (column id, else name, else the\n"
     "                        first; required)\n"
     "  --meetings K          meetings per attendee at most (default 4)\n"
     "  --slots N             time slots (default: K)\n"
     "  -o, --output DIR      write schedule.csv, agenda.md and agenda.xlsx into DIR\n"
     "                        (default: roadshow)\n"
     "\n" CLI_DATA_HELP "\n"
     "Pairs are cross-border and not linked yet; nobody meets twice in a slot, no pair meets\n"
     "twice. A matching per slot (fewest meetings first, then score), then an improvement\n"
     "pass; agenda.md compares the result with an upper bound. Exit codes: 0 ok, 1 bad data\n"
     "or I/O, 2 usage.\n"},
    {"generate", cmd_generate,
     "-o DIR [--seed N] [--clusters N] [--partners N] [--countries LIST] [--sectors LIST]\n"
     "                          [--meta-clusters K] [--noise X] [--group-size MIN-MAX] [--regions FILE]\n"
     "                          [--model planted|landscape] [--form both|edges|affiliations]",
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
     "  --group-size MIN-MAX  planted group sizes, within 3-15 (default 4-15; landscape: 5-10)\n"
     "  --regions FILE        regions CSV (code,country,name,lat,lon; default: the built-in\n"
     "                        NUTS-2 table, datasets/nuts2.csv)\n"
     "  --model M             planted (default) or landscape: dense domestic cooperation,\n"
     "                        organisations in several sectors, planted groups of 5-10 with\n"
     "                        domestic neighbours hanging on their members, h2020 project\n"
     "                        sizes; writes hangers.csv too (one per 100 clusters by default)\n"
     "  --form F              both (default), edges (edges.csv only) or affiliations\n"
     "                        (affiliations.csv and groups.csv only)\n"
     "\n"
     "Model options (planted only):\n"
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
    {"centrality", cmd_centrality,
     "DATASET [--sector S] [--measures LIST] [--top N] [--betweenness MODE] [-o FILE]",
     "Node centralities: degree, strength, betweenness, closeness, harmonic, eigenvector, "
     "PageRank, coreness, foreign share, country participation",
     "Options:\n"
     "  --measures LIST       comma-separated measures, or all (default): degree, strength,\n"
     "                        betweenness, closeness, harmonic, eigenvector, pagerank,\n"
     "                        coreness, foreign_share, country_participation\n"
     "  --top N               only the N nodes with the highest --sort measure\n"
     "  --sort M              order rows by measure M, highest first (ties by id); default\n"
     "                        with --top: pagerank (else the first measure); otherwise\n"
     "                        rows follow the dataset\n"
     "  --betweenness MODE    sources of the path measures (betweenness, closeness,\n"
     "                        harmonic): auto (default: exact when nodes x edges <= 1e9,\n"
     "                        else a seeded sample), exact, sample:K (about K sources),\n"
     "                        off (no betweenness)\n"
     "  --lengths L           path lengths: inverse (default, 1/weight) or hops\n"
     "  --seed N              seed of the source sample (default 0)\n"
     "  -j, --jobs N          worker processes for the path measures (default: the CPUs);\n"
     "                        the output does not depend on it\n"
     "  --format F            csv (default), json or table\n"
     "  -o, --output FILE     write to FILE (atomically) instead of standard output\n"
     "\n" CLI_DATA_HELP "\n"
     "CSV columns: id,name,country, then the measures in the order above.\n"},
    {"communities", cmd_communities,
     "DATASET [--sector S] [--method M] [--resolution R] [--runs K] [--seed N] [-o FILE]",
     "Communities with stability over seeded runs, confidence and Guimera-Amaral roles",
     "Options:\n"
     "  --method M            leiden (default), louvain, infomap, walktrap, fastgreedy,\n"
     "                        labelprop\n"
     "  --objective O         leiden: modularity (default) or cpm\n"
     "  --resolution R        resolution gamma (default 1)\n"
     "  --runs K              seeded runs (default 10 for leiden and louvain, else 1); the\n"
     "                        best by quality is reported, with the stability across runs\n"
     "  --consensus           report the consensus partition of the runs instead of the\n"
     "                        best (Lancichinetti & Fortunato 2012)\n"
     "  --seed N              base seed (default 0); run r uses a seed derived from (N, r)\n"
     "  -j, --jobs N          worker processes for the runs (default: the CPUs when the\n"
     "                        graph is large); the output does not depend on it\n"
     "  --summary FILE        also write the summary as JSON to FILE\n"
     "  --format F            csv (default), json or table; the summary goes to stderr\n"
     "                        in csv and table format\n"
     "  -o, --output FILE     write to FILE (atomically) instead of standard output\n"
     "\n" CLI_DATA_HELP "\n"
     "CSV columns: id,community,community_size,confidence,within_z,participation,role;\n"
     "communities are numbered from 0 by decreasing size.\n"},
    {"compare", cmd_compare, "A.csv B.csv [--unassigned singleton|exclude] [--format F]",
     "Compare two partitions: NMI, ARI, VI and split-join distance",
     "Options:\n"
     "  --column-a NAME       community column of A (default: community, meta_cluster,\n"
     "                        cluster, module, ..., or the second of two columns)\n"
     "  --column-b NAME       the same for B\n"
     "  --unassigned U        ids with an empty community: singleton (default: each one\n"
     "                        its own community) or exclude (left out of the comparison)\n"
     "  --format F            table (default), csv or json\n"
     "  -o, --output FILE     write to FILE (atomically) instead of standard output\n"
     "  --quiet               no notes on stderr\n"
     "  -h, --help            this help\n"
     "\n"
     "Both files need an id column (id, node, ...). Only ids present in both are compared.\n"},
    {"export", cmd_export,
     "DATASET [--sector S] [--with-analysis] -o FILE.graphml|.gml|.net|.dot|.json|.gexf",
     "Write the graph with node attributes for Gephi, Cytoscape, yEd, Pajek, Graphviz or "
     "VOSviewer",
     "Options:\n"
     "  -o, --output FILE     the file; its extension picks the format: .graphml, .gml,\n"
     "                        .net (Pajek), .dot or .gv, .json (VOSviewer), .gexf\n"
     "  --format F            graphml, gml, pajek, dot, vosviewer or gexf (overrides the\n"
     "                        extension); vosviewer and gexf carry positions, clusters,\n"
     "                        colours and sizes, and so always include the analysis\n"
     "  --layout L            positions for vosviewer and gexf: auto (default), fr, kk, drl,\n"
     "                        multilevel, geo, country (as render)\n"
     "  --with-analysis       add centralities, community (Leiden, --runs runs), confidence,\n"
     "                        roles, and colour/size hints\n"
     "  --runs K              Leiden runs for --with-analysis (default 10)\n"
     "  --seed N              seed for --with-analysis and the layout (default 0)\n"
     "  -j, --jobs N          worker processes (default: the CPUs)\n"
     "\n" CLI_DATA_HELP},
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
     "  --runs K              Leiden runs for --color community, the best drawn (default 1)\n"
     "  --palette K1,K2,...   countries or sectors in colour order (the rest follow by size)\n"
     "  --meta                the meta-cluster map: one node per community (or proposal)\n"
     "  --proposals DIR       the output directory of 'metaclust propose'\n"
     "  --proposal ID         draw this proposal from --proposals DIR\n"
     "\n" CLI_DATA_HELP "\n"
     "The same input and seed give byte-identical files. Exit codes: 0 ok, 1 bad data or\n"
     "I/O, 2 usage.\n"},
    {"explore", cmd_explore,
     "DATASET [--sector S] [--years A-B] [--proposals DIR] -o FILE.html",
     "Write one offline HTML page to explore the network: search, hover, filters, details",
     "Options:\n"
     "  -o, --output FILE     the page (one file, everything inlined, works from file://)\n"
     "  --proposals DIR       the output directory of 'metaclust propose': the page can\n"
     "                        show, filter and colour each proposal and its suggested links\n"
     "  --layout L            auto (default), fr, kk, drl, multilevel, geo, country (as\n"
     "                        render: the same seed gives the same positions)\n"
     "  --seed N              seed of the layout and of the community runs (default 0)\n"
     "  --runs K              Leiden runs, the best shown (default 1, as render)\n"
     "  --title TEXT          the page's title (default: dataset and sector)\n"
     "  --max-edges N         links drawn when the page opens, strongest first (default\n"
     "                        50000; 0: all); the page offers the rest\n"
     "  -j, --jobs N          worker processes for the centralities (default: the CPUs)\n"
     "\n" CLI_DATA_HELP "\n"
     "Positions, colours (community, country, proposal) and sizes (PageRank) are computed\n"
     "here, with render's code; the browser only draws them (sigma.js, WebGL). The same\n"
     "input and seed give byte-identical files. Exit codes: 0 ok, 1 bad data or I/O, 2 usage.\n"},
    {"batch", cmd_batch,
     "INPUT... -o OUTDIR [--sectors all|each|none|LIST] [-j N] [--formats png,svg,pdf]\n"
     "                       [--seed N] [--runs K] [--resume] [--shard I/N] | --merge OUTDIR",
     "Run the whole pipeline over many sectors or datasets, with a browsable report",
     "Each unit (a sector of a dataset, or a whole dataset) runs in its own worker process\n"
     "and writes into OUTDIR/<unit>/: info.json, centrality.csv, communities.csv, the\n"
     "proposal files, network.png (and the other formats asked for), meta.png, unit.json.\n"
     "OUTDIR gets summary.csv, report.md and index.html (opens from disk, no network);\n"
     "with one dataset that has sectors, OUTDIR/sectors/ gets 'metaclust sectors' files and\n"
     "the reports open with the sectors ranking.\n"
     "\n"
     "Options:\n"
     "  -o, --output OUTDIR   where to write (created if needed; required)\n"
     "  --sectors WHICH       all (default for one dataset: every sector plus the whole\n"
     "                        dataset), each (every sector), none (whole datasets only; the\n"
     "                        default for a directory of datasets), or a comma-separated list\n"
     "  -j, --jobs N          worker processes (default: the number of CPUs)\n"
     "  --formats LIST        network figure formats: png, svg, pdf (default png)\n"
     "  --seed N              random seed of every unit (default 0)\n"
     "  --runs K              at most K Leiden runs per unit for the consensus (default\n"
     "                        10); the runs stop early once they settle: the last 3 did not\n"
     "                        beat the best run and agree with it (NMI >= 0.95 each)\n"
     "  --runs-exact K        exactly K Leiden runs per unit (no early stop)\n"
     "  --resume              skip units whose outputs are newer than their inputs\n"
     "  --keep-going          go on after a failed unit (the default)\n"
     "  --fail-fast           start no new unit after a failure\n"
     "  --timeout SECONDS     stop a unit that runs longer (default: no limit)\n"
     "  --shard I/N           run every N-th unit, starting with the I-th (1-based); then\n"
     "                        'metaclust batch --merge OUTDIR' builds the reports\n"
     "  --merge               rebuild summary.csv, report.md and index.html from the unit\n"
     "                        folders of OUTDIR (given as the INPUT)\n"
     "  --title TEXT          heading of the report and the index\n"
     "  --country XX          every unit keeps the proposals with a member from XX; its\n"
     "                        proposals.md and report.md get a national section\n"
     "  --projection P, --max-group-size N, --add-missing, --quiet: as for the other commands\n"
     "\n"
     "Progress goes to stderr: a bar on a terminal, one line per finished unit otherwise.\n"
     "Exit codes: 0 all units done, 1 bad input or I/O, 2 usage, 3 some units failed\n"
     "(see summary.csv), 130 interrupted (finished units are kept).\n"},
    {"change", cmd_change, "DATASET --from A-B --to C-D [--sector S] [--json] [-o DIR]",
     "Compare two periods: links kept, new and lost, nodes, cross-border share, country "
     "pairs, communities",
     "Options:\n"
     "  --from A-B            the earlier period (also A, A- or -B; required)\n"
     "  --to C-D              the later period (required)\n"
     "  --json                one JSON object on stdout instead of text\n"
     "  --format F            table (default) or json\n"
     "  --top N               country pairs listed as grown and shrunk (default 10)\n"
     "  --runs K              Leiden runs per period for the communities, the best kept\n"
     "                        (default 3)\n"
     "  --seed N              random seed (default 0)\n"
     "  -o, --output DIR      where to write the files (default: change)\n"
     "\n" CLI_DATA_HELP "\n"
     "A link is a pair with weight > 0 in a period's view: kept (in both), new or lost.\n"
     "Writes DIR/change.csv (one row per country pair), change_nodes.csv (kept, entered,\n"
     "left), change.json and change.png (paired bars of the pairs that changed most).\n"
     "Exit codes: 0 ok, 1 bad data or I/O, 2 usage.\n"},
    {"sectors", cmd_sectors, "DATASET [--years A-B] [-o DIR]",
     "Rank sectors by potential for a transnational meta-cluster; find emerging sector pairs",
     "Options:\n"
     "  -o, --output DIR      where to write the files (default: sectors)\n"
     "  --runs K              Leiden runs of the proposals per sector (default 1: cheap)\n"
     "  --seed N              random seed (default 0)\n"
     "  -j, --jobs N          worker processes for the sectors (default: the CPUs); the\n"
     "                        output does not depend on it\n"
     "\n" CLI_DATA_HELP "\n"
     "Prints the ranking and writes DIR/sectors.csv (one row per sector: counts, cross-border\n"
     "share, proposals, growth, the potential and its components, rank), sectors.md (the\n"
     "score explained), sectors.png (bars), emerging.csv (sector pairs: organisations in\n"
     "both, cross-sector ties and their growth from the first half of the period to the\n"
     "second) and emerging.png (sector x sector heat map). --sector does not apply.\n"
     "Exit codes: 0 ok, 1 bad data or I/O, 2 usage.\n"},
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
    /*
     * The analyses allocate and free arrays of some megabytes over and over (igraph's vectors,
     * the views, the canvases). glibc would map and unmap each one and give memory back at
     * every free, paying page faults each time: keep blocks under 32 MiB in the heap and 128
     * MiB of free heap before trimming (bench/RESULTS.md, issue 19: 4% less CPU in a batch).
     */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
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
