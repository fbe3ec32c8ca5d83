#ifndef METACLUST_ROADSHOW_H
#define METACLUST_ROADSHOW_H

/*
 * A matchmaking roadshow (ClusterCOOP): one-to-one meetings among the
 * attendees of an event, planned from `match`'s scores in both directions.
 *
 * Rules: a meeting joins two attendees of different known countries that
 * are not linked yet (match scores only those); no pair meets twice; nobody
 * has two meetings in one slot; nobody has more than K meetings; there are S
 * slots. The pair score is the mean of the two directed match scores.
 *
 * Method (README "metaclust roadshow"): a matching per slot, greedy, the
 * pairs taken in order of (fewest meetings so far of the two, then score,
 * then ids), so every attendee is served before anyone gets a K-th meeting;
 * then an improvement pass that adds every still-possible pair (neediest
 * first) in a slot where both are free, or moves one meeting to another slot
 * to free one; then 2-exchanges within a slot (a-b and c-d become a-c and
 * b-d, or a-d and b-c) while they raise the total: everyone keeps their
 * number of meetings. The result is measured against an upper bound: every
 * attendee's K best pair scores, summed and halved (each meeting has two
 * ends), and for the count, the sum over attendees of min(K, eligible
 * partners), halved.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "metaclust/dataset.h"
#include "metaclust/error.h"
#include "metaclust/graph.h"
#include "metaclust/match.h"

/* Attendees of one event at most (the planner keeps an n x n pair index). */
#define MC_ROADSHOW_MAX_ATTENDEES 4096

struct mc_roadshow_options {
    int meetings; /* K, per attendee (default 4) */
    int slots;    /* S; 0: K */
};

void mc_roadshow_options_init(struct mc_roadshow_options *o);

struct mc_meeting {
    int slot;                  /* 1-based */
    int32_t a, b;              /* dataset nodes; a is the attendee listed first */
    double score;              /* mean of the two directed scores */
    struct mc_candidate why;   /* b as a's candidate, for the reason */
    struct mc_candidate why_b; /* a as b's candidate */
};

struct mc_roadshow {
    int32_t *att; /* attendees, dataset nodes, in file order */
    size_t n_att;
    int meetings, slots;
    struct mc_meeting *m; /* by slot, then a's order, then b's */
    size_t n;
    size_t *count;          /* meetings per attendee */
    size_t *eligible;       /* possible partners per attendee */
    size_t pairs_eligible;  /* possible pairs */
    double total, bound;    /* total score and its upper bound */
    size_t bound_meetings;  /* upper bound on the number of meetings */
    size_t greedy_meetings; /* meetings after the greedy phase */
    size_t placed_meetings; /* after the placing pass */
    size_t swaps;           /* score-raising 2-exchanges made after it */
};

void mc_roadshow_init(struct mc_roadshow *r);
void mc_roadshow_destroy(struct mc_roadshow *r);

/*
 * Reads the attendees: a CSV whose column `id`, else `name`, else the first
 * holds ids or names (as --node takes them). A first line that is not a
 * header name (id, name, attendee, node, organisation) is an attendee too.
 * *att receives malloc'd dataset nodes in file order. Errors: MC_E_IO,
 * MC_E_DATA (file and line: an unknown attendee with suggestions, one listed
 * twice, no attendee), MC_E_NOMEM.
 */
enum mc_status mc_roadshow_read_attendees(const struct mc_dataset *ds, const char *path,
                                          int32_t **att, size_t *n, struct mc_error *err);

/*
 * Plans the meetings of attendees att[0..n) on the view `g` (every attendee
 * must be in it, and there may be at most MC_ROADSHOW_MAX_ATTENDEES: else
 * MC_E_USAGE). `active` as for mc_match.
 * Errors: MC_E_USAGE, MC_E_NOMEM, MC_E_IGRAPH, MC_E_INTERRUPTED.
 * Time complexity: n match runs, then O(S P log P) for P possible pairs.
 */
enum mc_status mc_roadshow_plan(const struct mc_graph *g, const int32_t *att, size_t n,
                                const struct mc_tags *active, const struct mc_roadshow_options *opt,
                                struct mc_roadshow *out, struct mc_error *err);

/*
 * Checks every rule on a plan; false with the first broken rule in words in
 * `why`. For tests and as a guard before writing.
 */
bool mc_roadshow_valid(const struct mc_graph *g, const struct mc_roadshow *r, char *why,
                       size_t whysz);

/* schedule.csv: slot,a,b,score,reason. Returns false on a write error. */
bool mc_roadshow_csv(FILE *f, const struct mc_graph *g, const struct mc_tags *active,
                     const struct mc_roadshow *r);

/*
 * agenda.xlsx at `path` (atomically): sheets summary, schedule (with names and
 * countries) and agenda (one row per attendee and slot). Errors: those of
 * xlsx_write.h.
 */
enum mc_status mc_roadshow_xlsx(const char *path, const struct mc_graph *g,
                                const struct mc_tags *active, const struct mc_roadshow *r,
                                struct mc_error *err);

/* agenda.md: the summary, then one agenda per attendee. */
void mc_roadshow_markdown(FILE *f, const struct mc_graph *g, const struct mc_tags *active,
                          const struct mc_roadshow *r);

#endif
