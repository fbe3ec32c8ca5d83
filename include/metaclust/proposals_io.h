#ifndef METACLUST_PROPOSALS_IO_H
#define METACLUST_PROPOSALS_IO_H

/*
 * Reading what `metaclust propose` wrote, for figures (render --meta and
 * --proposal) and for anything else that consumes proposals. The column
 * contract (README "metaclust propose"):
 *
 *   proposals.csv      rank,sector,proposal,size,countries,country_list,
 *                      coordinator_id,coordinator_name,cohesion,diversity,
 *                      cross_border_share,stability,score,members
 *                      (country_list "CZ:3;PL:2", members "id;id;...")
 *   members.csv        proposal,id,name,country,role,within_z,participation,confidence
 *   missing_links.csv  proposal,source,target,score,shared_neighbours
 *
 * Columns are found by name, so extra columns are ignored. proposals.csv is
 * required; the other two may be absent (no roles, no suggested links).
 */

#include <stdbool.h>
#include <stddef.h>

#include "metaclust/error.h"
#include "metaclust/util.h"

struct mc_prop_member {
    const char *proposal, *id, *name, *country, *role; /* role: coordinator, hub, connector, ... */
    double within_z, participation, confidence;        /* NAN when empty */
};

struct mc_prop_link {
    const char *proposal, *source, *target;
    double score;
    long shared;
};

struct mc_prop {
    long rank;
    const char *sector, *id, *country_list, *coordinator_id, *coordinator_name;
    long size, countries;
    double cohesion, diversity, cross_border_share, stability, score; /* NAN when empty */
    const char **member; /* the ids of the members column */
    size_t n_member;
    size_t member_first; /* where they start in the set's ids array */
};

struct mc_proposals_io {
    struct mc_strpool pool; /* every string above lives here */
    struct mc_prop *prop;
    size_t n, cap;
    struct mc_prop_member *member;
    size_t n_member, cap_member;
    struct mc_prop_link *link;
    size_t n_link, cap_link;
    const char **ids; /* storage of every prop's member list */
    size_t n_ids, cap_ids;
    bool have_members, have_links;
};

void mc_proposals_io_init(struct mc_proposals_io *s);
void mc_proposals_io_destroy(struct mc_proposals_io *s);

/*
 * Reads DIR/proposals.csv and, when present, DIR/members.csv and
 * DIR/missing_links.csv. Errors: MC_E_IO (no proposals.csv), MC_E_DATA (a
 * missing column, a bad number: file, line and column named), MC_E_NOMEM.
 */
enum mc_status mc_proposals_io_read(struct mc_proposals_io *s, const char *dir,
                                    struct mc_error *err);

/* The proposal with this id, or NULL. */
const struct mc_prop *mc_proposals_io_find(const struct mc_proposals_io *s, const char *id);

/*
 * Like find, but an unknown id is an MC_E_USAGE error naming `dir` and
 * suggesting the closest ids.
 */
enum mc_status mc_proposals_io_require(const struct mc_proposals_io *s, const char *dir,
                                       const char *id, const struct mc_prop **out,
                                       struct mc_error *err);

#endif
