/*
 * metaclust roadshow DATASET --attendees FILE [--sector S] --meetings K [--slots N] -o DIR
 * Plans the one-to-one meetings of a matchmaking event.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "metaclust/outfile.h"
#include "metaclust/roadshow.h"
#include "metaclust/util.h"

enum { OPT_ATTENDEES = OPT_FIRST_COMMAND_SPECIFIC, OPT_MEETINGS, OPT_SLOTS };

struct out_ctx {
    const struct mc_graph *g;
    const struct mc_tags *active;
    const struct mc_roadshow *r;
};

/* Writes DIR/NAME atomically: schedule.csv (csv) or agenda.md. */
static enum mc_status write_file(const char *dir, const char *name, bool csv,
                                 const struct out_ctx *c, struct mc_error *err) {
    char *path = mc_path_join(dir, name);
    struct mc_outfile o;
    enum mc_status rc;
    if (path == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    if ((rc = mc_outfile_open(&o, path, err)) == MC_OK) {
        if (csv) {
            mc_roadshow_csv(o.f, c->g, c->active, c->r);
        } else {
            mc_roadshow_markdown(o.f, c->g, c->active, c->r);
        }
        rc = mc_outfile_commit(&o, err); /* a write error shows up here */
    }
    free(path);
    return rc;
}

enum mc_status cmd_roadshow(int argc, char **argv, struct mc_error *err) {
    static const struct option opts[] = {CLI_DATA_OPTIONS,
                                         {"attendees", required_argument, NULL, OPT_ATTENDEES},
                                         {"meetings", required_argument, NULL, OPT_MEETINGS},
                                         {"slots", required_argument, NULL, OPT_SLOTS},
                                         {"output", required_argument, NULL, 'o'},
                                         {0}};
    struct cli_data d;
    struct mc_roadshow_options ro;
    struct mc_dataset ds;
    struct mc_graph g;
    struct mc_tags active;
    struct mc_roadshow plan;
    const char *attendees = NULL, *dir = "roadshow";
    int32_t *att = NULL;
    char *xlsx = NULL;
    size_t n_att = 0;
    bool have_active = false;
    enum mc_status rc = MC_OK;
    long v;

    cli_data_init(&d);
    mc_roadshow_options_init(&ro);
    mc_dataset_init(&ds);
    mc_graph_init(&g);
    mc_roadshow_init(&plan);
    optind = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
        if (cli_data_option(&d, c, optarg, &rc, err)) {
            if (rc != MC_OK) {
                goto out;
            }
            continue;
        }
        switch (c) {
        case 'h':
            cli_print_help(stdout, cli_find_command("roadshow"));
            goto out;
        case OPT_ATTENDEES:
            attendees = optarg;
            break;
        case OPT_MEETINGS:
            rc = cli_long("--meetings", optarg, 1, 1000, &v, err);
            ro.meetings = (int)v;
            break;
        case OPT_SLOTS:
            rc = cli_long("--slots", optarg, 1, 1000, &v, err);
            ro.slots = (int)v;
            break;
        case 'o':
            dir = optarg;
            break;
        default:
            rc = cli_bad_option("roadshow", argc, argv, c, err);
            break;
        }
        if (rc != MC_OK) {
            goto out;
        }
    }
    if (attendees == NULL) {
        rc = mc_error_set(err, MC_E_USAGE, NULL, 0,
                          "roadshow: missing --attendees FILE (a CSV of ids or names)");
        goto out;
    }
    if ((rc = cli_load(&d, "roadshow", argc, argv, &ds, &g, err)) != MC_OK ||
        (rc = mc_roadshow_read_attendees(&ds, attendees, &att, &n_att, err)) != MC_OK ||
        (rc = mc_dataset_active_sectors(&ds, &active, err)) != MC_OK) {
        goto out;
    }
    have_active = true;
    if ((rc = mc_roadshow_plan(&g, att, n_att, &active, &ro, &plan, err)) != MC_OK) {
        goto out;
    }
    char why[256];
    if (!mc_roadshow_valid(&g, &plan, why, sizeof why)) {
        rc = mc_error_set(err, MC_E_DATA, NULL, 0, "roadshow: the plan breaks a rule: %s", why);
        goto out;
    }
    struct out_ctx oc = {&g, &active, &plan};
    if ((rc = mc_mkdirs(dir, err)) != MC_OK ||
        (rc = write_file(dir, "schedule.csv", true, &oc, err)) != MC_OK ||
        (rc = write_file(dir, "agenda.md", false, &oc, err)) != MC_OK) {
        goto out;
    }
    if ((xlsx = mc_path_join(dir, "agenda.xlsx")) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    if ((rc = mc_roadshow_xlsx(xlsx, &g, &active, &plan, err)) != MC_OK) {
        goto out;
    }
    cli_note(&d,
             "roadshow: %zu attendees, %zu meetings in %d slots (upper bound %zu), score %.3f of "
             "at most %.3f; wrote %s/schedule.csv, agenda.md, agenda.xlsx",
             plan.n_att, plan.n, plan.slots, plan.bound_meetings, plan.total, plan.bound, dir);
out:
    free(xlsx);
    mc_roadshow_destroy(&plan);
    if (have_active) {
        mc_tags_destroy(&active);
    }
    free(att);
    mc_graph_destroy(&g);
    mc_dataset_destroy(&ds);
    return rc;
}
