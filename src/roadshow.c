/*
 * metaclust roadshow: one-to-one meetings for a matchmaking event, planned
 * from match's scores (see include/metaclust/roadshow.h for the rules and
 * the method).
 */
#include "metaclust/roadshow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/csvio.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/util.h"
#include "metaclust/xlsx_write.h"

void mc_roadshow_options_init(struct mc_roadshow_options *o) {
    o->meetings = 4;
    o->slots = 0;
}

void mc_roadshow_init(struct mc_roadshow *r) {
    memset(r, 0, sizeof *r);
}

void mc_roadshow_destroy(struct mc_roadshow *r) {
    free(r->att);
    free(r->m);
    free(r->count);
    free(r->eligible);
    mc_roadshow_init(r);
}

/* ==== Attendees ==== */

struct att_reader {
    const struct mc_dataset *ds;
    long col;
    int32_t *att;
    size_t n, cap;
    long *seen; /* per dataset node: the line it was listed on, 0: not yet */
};

static enum mc_status att_add(struct att_reader *r, const struct mc_csv_record *rec,
                              struct mc_error *err) {
    const char *s = (size_t)r->col < rec->nfields ? rec->fields[r->col] : "";
    long node;
    if (s[0] == '\0') {
        return MC_OK; /* a blank line or cell: nobody */
    }
    if (mc_dataset_require_node(r->ds, s, &node, err) != MC_OK) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        return mc_error_set(err, MC_E_DATA, rec->path, rec->line, "%s", msg);
    }
    if (r->seen[node] != 0) {
        return mc_error_set(err, MC_E_DATA, rec->path, rec->line,
                            "attendee '%s' is listed twice (first on line %ld)", s, r->seen[node]);
    }
    r->seen[node] = rec->line;
    enum mc_status rc = mc_grow((void **)&r->att, &r->cap, r->n + 1, sizeof *r->att, err);
    if (rc == MC_OK) {
        r->att[r->n++] = (int32_t)node;
    }
    return rc;
}

static enum mc_status att_record(void *ctx, const struct mc_csv_record *rec, struct mc_error *err) {
    static const char *const id_names[] = {"id",           "attendee",     "node",
                                           "organisation", "organization", NULL};
    static const char *const name_names[] = {"name", NULL};
    struct att_reader *r = ctx;
    if (rec->record == 1) {
        long c = mc_csv_column(rec, id_names);
        if (c < 0) {
            c = mc_csv_column(rec, name_names);
        }
        if (c >= 0) {
            r->col = c;
            return MC_OK;
        }
        r->col = 0; /* no header: the first line is an attendee */
    }
    return att_add(r, rec, err);
}

enum mc_status mc_roadshow_read_attendees(const struct mc_dataset *ds, const char *path,
                                          int32_t **att, size_t *n, struct mc_error *err) {
    struct att_reader r = {.ds = ds};
    struct mc_csv_options co = {0};
    enum mc_status rc;
    *att = NULL;
    *n = 0;
    if ((r.seen = calloc(ds->n_nodes ? ds->n_nodes : 1, sizeof *r.seen)) == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    rc = mc_csv_read(path, NULL, &co, att_record, &r, err);
    if (rc == MC_OK && r.n == 0) {
        rc = mc_error_set(err, MC_E_DATA, path, 0, "no attendee listed");
    }
    free(r.seen);
    if (rc != MC_OK) {
        free(r.att);
        return rc;
    }
    *att = r.att;
    *n = r.n;
    return MC_OK;
}

/* ==== Planning ==== */

struct pair {
    int32_t i, j; /* attendee indices, i < j */
    double s_ij, s_ji, score;
    struct mc_candidate why, why_j; /* j as i's candidate, i as j's */
    int slot;                       /* 0: not scheduled */
};

struct plan {
    size_t n;
    int k, s;
    struct pair *p;
    size_t np;
    size_t *cnt;
    int32_t *busy; /* s x n: pair index + 1 of attendee a's meeting in slot t, 0: free */
};

static int32_t *busy_at(struct plan *pl, int slot, int32_t a) {
    return &pl->busy[(size_t)(slot - 1) * pl->n + (size_t)a];
}

static void schedule(struct plan *pl, size_t q, int slot) {
    struct pair *p = &pl->p[q];
    p->slot = slot;
    *busy_at(pl, slot, p->i) = (int32_t)q + 1;
    *busy_at(pl, slot, p->j) = (int32_t)q + 1;
    pl->cnt[p->i]++;
    pl->cnt[p->j]++;
}

static void move(struct plan *pl, size_t q, int to) {
    struct pair *p = &pl->p[q];
    *busy_at(pl, p->slot, p->i) = 0;
    *busy_at(pl, p->slot, p->j) = 0;
    p->slot = to;
    *busy_at(pl, to, p->i) = (int32_t)q + 1;
    *busy_at(pl, to, p->j) = (int32_t)q + 1;
}

/* The order of a round: fewest meetings of the two first, then score, then indices. */
static int cmp_order(const void *a, const void *b, const struct plan *pl) {
    const struct pair *x = &pl->p[*(const size_t *)a], *y = &pl->p[*(const size_t *)b];
    size_t cx = pl->cnt[x->i] < pl->cnt[x->j] ? pl->cnt[x->i] : pl->cnt[x->j];
    size_t cy = pl->cnt[y->i] < pl->cnt[y->j] ? pl->cnt[y->i] : pl->cnt[y->j];
    if (cx != cy) {
        return cx < cy ? -1 : 1;
    }
    if (x->score != y->score) {
        return x->score > y->score ? -1 : 1;
    }
    if (x->i != y->i) {
        return x->i < y->i ? -1 : 1;
    }
    return (x->j > y->j) - (x->j < y->j);
}

/* Merge sort of pair indices (qsort has no context argument in C11). */
static void sort_order(size_t *o, size_t *tmp, size_t n, const struct plan *pl) {
    if (n < 2) {
        return;
    }
    size_t h = n / 2;
    sort_order(o, tmp, h, pl);
    sort_order(o + h, tmp, n - h, pl);
    size_t a = 0, b = h, t = 0;
    while (a < h && b < n) {
        tmp[t++] = cmp_order(&o[b], &o[a], pl) < 0 ? o[b++] : o[a++];
    }
    while (a < h) {
        tmp[t++] = o[a++];
    }
    while (b < n) {
        tmp[t++] = o[b++];
    }
    memcpy(o, tmp, n * sizeof *o);
}

static bool open_pair(const struct plan *pl, const struct pair *p) {
    return p->slot == 0 && pl->cnt[p->i] < (size_t)pl->k && pl->cnt[p->j] < (size_t)pl->k;
}

/* The unscheduled pairs that both ends still have room for, in round order. */
static size_t round_order(const struct plan *pl, size_t *o, size_t *tmp) {
    size_t m = 0;
    for (size_t q = 0; q < pl->np; q++) {
        if (open_pair(pl, &pl->p[q])) {
            o[m++] = q;
        }
    }
    sort_order(o, tmp, m, pl);
    return m;
}

/*
 * Tries to place pair q: a slot where both are free; else a slot where one
 * end is free and the other's meeting there can move to a slot where both of
 * its ends are free.
 */
static bool place(struct plan *pl, size_t q) {
    const struct pair *p = &pl->p[q];
    for (int t = 1; t <= pl->s; t++) {
        if (*busy_at(pl, t, p->i) == 0 && *busy_at(pl, t, p->j) == 0) {
            schedule(pl, q, t);
            return true;
        }
    }
    for (int t = 1; t <= pl->s; t++) {
        int32_t bi = *busy_at(pl, t, p->i), bj = *busy_at(pl, t, p->j);
        if ((bi == 0) == (bj == 0)) {
            continue; /* both free (handled) or both busy */
        }
        size_t other = (size_t)(bi ? bi : bj) - 1;
        const struct pair *o = &pl->p[other];
        for (int u = 1; u <= pl->s; u++) {
            if (u != t && *busy_at(pl, u, o->i) == 0 && *busy_at(pl, u, o->j) == 0) {
                move(pl, other, u);
                schedule(pl, q, t);
                return true;
            }
        }
    }
    return false;
}

static void unschedule(struct plan *pl, size_t q) {
    struct pair *p = &pl->p[q];
    *busy_at(pl, p->slot, p->i) = 0;
    *busy_at(pl, p->slot, p->j) = 0;
    pl->cnt[p->i]--;
    pl->cnt[p->j]--;
    p->slot = 0;
}

/* The pair of attendees x and y (any order), or -1 when they may not meet. */
static long pair_of(const int32_t *pidx, size_t n, int32_t x, int32_t y) {
    return x < y ? pidx[(size_t)x * n + (size_t)y] : pidx[(size_t)y * n + (size_t)x];
}

/*
 * A 2-exchange in one slot: meetings a-b and c-d become a-c and b-d, or a-d
 * and b-c, when those pairs may meet, have not met, and score more together.
 * Everyone keeps their number of meetings, so fairness is untouched; each
 * exchange raises the total, so the passes end.
 */
static bool exchange(struct plan *pl, const int32_t *pidx, size_t q1, size_t q2) {
    const struct pair *x = &pl->p[q1], *y = &pl->p[q2];
    int t = x->slot;
    int32_t a = x->i, b = x->j, c = y->i, d = y->j;
    long opt[2][2] = {{pair_of(pidx, pl->n, a, c), pair_of(pidx, pl->n, b, d)},
                      {pair_of(pidx, pl->n, a, d), pair_of(pidx, pl->n, b, c)}};
    double now = x->score + y->score;
    int best = -1;
    double best_sum = now;
    for (int k = 0; k < 2; k++) {
        if (opt[k][0] < 0 || opt[k][1] < 0 || pl->p[opt[k][0]].slot != 0 ||
            pl->p[opt[k][1]].slot != 0) {
            continue;
        }
        double sum = pl->p[opt[k][0]].score + pl->p[opt[k][1]].score;
        if (sum > best_sum + 1e-12) {
            best = k;
            best_sum = sum;
        }
    }
    if (best < 0) {
        return false;
    }
    unschedule(pl, q1);
    unschedule(pl, q2);
    schedule(pl, (size_t)opt[best][0], t);
    schedule(pl, (size_t)opt[best][1], t);
    return true;
}

static int cmp_double_desc(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

static int cmp_meeting(const void *a, const void *b) {
    const struct pair *x = a, *y = b;
    if (x->slot != y->slot) {
        return x->slot < y->slot ? -1 : 1;
    }
    if (x->i != y->i) {
        return x->i < y->i ? -1 : 1;
    }
    return (x->j > y->j) - (x->j < y->j);
}

enum mc_status mc_roadshow_plan(const struct mc_graph *g, const int32_t *att, size_t n,
                                const struct mc_tags *active, const struct mc_roadshow_options *opt,
                                struct mc_roadshow *out, struct mc_error *err) {
    const struct mc_dataset *ds = g->ds;
    enum mc_status rc = MC_OK;
    struct plan pl = {.n = n, .k = opt->meetings, .s = opt->slots > 0 ? opt->slots : opt->meetings};
    int32_t *idx = NULL, *pidx = NULL;
    size_t *order = NULL, *tmp = NULL, cap = 0, nn;
    double *best = NULL;
    struct mc_match_result mr;
    struct mc_match_options mo;

    mc_roadshow_init(out);
    mc_match_result_init(&mr);
    mc_match_options_init(&mo);
    mo.top = 0; /* every candidate */
    out->meetings = pl.k;
    out->slots = pl.s;
    for (size_t i = 0; i < n; i++) {
        if (g->vertex_of[att[i]] < 0) {
            return mc_error_set(err, MC_E_USAGE, NULL, 0, "attendee '%s' is not in sector '%s'",
                                ds->ids.keys[att[i]], mc_graph_sector_name(g));
        }
    }
    /* the pair index is n x n: an event's size, not a dataset's */
    if (n > MC_ROADSHOW_MAX_ATTENDEES || !mc_mul_ok(n, n, &nn) ||
        !mc_mul_ok(nn, sizeof *pidx, &nn)) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "too many attendees (%zu; at most %d for one event)", n,
                            MC_ROADSHOW_MAX_ATTENDEES);
    }
    out->att = malloc((n ? n : 1) * sizeof *out->att);
    out->count = calloc(n ? n : 1, sizeof *out->count);
    out->eligible = calloc(n ? n : 1, sizeof *out->eligible);
    idx = malloc((ds->n_nodes ? ds->n_nodes : 1) * sizeof *idx);
    pidx = malloc(nn ? nn : 1);
    pl.busy = calloc((size_t)pl.s * (n ? n : 1), sizeof *pl.busy);
    best = malloc((n ? n : 1) * sizeof *best);
    if (out->att == NULL || out->count == NULL || out->eligible == NULL || idx == NULL ||
        pidx == NULL || pl.busy == NULL || best == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    memcpy(out->att, att, n * sizeof *att);
    out->n_att = n;
    pl.cnt = out->count;
    for (size_t i = 0; i < ds->n_nodes; i++) {
        idx[i] = -1;
    }
    for (size_t i = 0; i < n; i++) {
        idx[att[i]] = (int32_t)i;
    }
    for (size_t q = 0; q < n * n; q++) {
        pidx[q] = -1;
    }
    /* the directed scores: attendee i's candidates that are attendees, cross-border */
    for (size_t i = 0; i < n; i++) {
        int32_t ci = g->country[g->vertex_of[att[i]]];
        if ((rc = mc_match(g, att[i], active, &mo, &mr, err)) != MC_OK) {
            goto out;
        }
        for (size_t k = 0; k < mr.n; k++) {
            const struct mc_candidate *c = &mr.cand[k];
            int32_t j = idx[c->node];
            int32_t cj = j >= 0 ? g->country[g->vertex_of[c->node]] : -1;
            if (j < 0 || ci < 0 || cj < 0 || ci == cj) {
                continue;
            }
            if ((size_t)j > i) {
                if ((rc = mc_grow((void **)&pl.p, &cap, pl.np + 1, sizeof *pl.p, err)) != MC_OK) {
                    goto out;
                }
                pidx[i * n + (size_t)j] = (int32_t)pl.np;
                pl.p[pl.np++] = (struct pair){(int32_t)i, j, c->score, NAN, NAN, *c, *c, 0};
            } else if (pidx[(size_t)j * n + i] >= 0) {
                pl.p[pidx[(size_t)j * n + i]].s_ji = c->score;
                pl.p[pidx[(size_t)j * n + i]].why_j = *c;
            }
        }
        mc_match_result_destroy(&mr);
    }
    /* keep the pairs scored both ways (all of them: match is symmetric in who it offers) */
    size_t m = 0;
    for (size_t q = 0; q < pl.np; q++) {
        if (!isnan(pl.p[q].s_ji)) {
            pl.p[q].score = (pl.p[q].s_ij + pl.p[q].s_ji) / 2;
            pl.p[m++] = pl.p[q];
        }
    }
    pl.np = m;
    out->pairs_eligible = m;
    order = malloc((m ? m : 1) * sizeof *order);
    tmp = malloc((m ? m : 1) * sizeof *tmp);
    if (order == NULL || tmp == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    /* the upper bounds: each attendee's best min(K, S) pairs, halved */
    size_t per = (size_t)(pl.k < pl.s ? pl.k : pl.s);
    size_t ends = 0;
    for (size_t i = 0; i < n; i++) {
        size_t e = 0;
        for (size_t q = 0; q < m; q++) {
            if ((size_t)pl.p[q].i == i || (size_t)pl.p[q].j == i) {
                best[e++] = pl.p[q].score;
            }
        }
        out->eligible[i] = e;
        qsort(best, e, sizeof *best, cmp_double_desc);
        for (size_t k = 0; k < e && k < per; k++) {
            out->bound += best[k] / 2;
        }
        ends += e < per ? e : per;
    }
    out->bound_meetings = ends / 2;

    /* greedy: a matching per slot */
    for (int t = 1; t <= pl.s; t++) {
        size_t r = round_order(&pl, order, tmp);
        for (size_t k = 0; k < r; k++) {
            const struct pair *p = &pl.p[order[k]];
            if (open_pair(&pl, p) && *busy_at(&pl, t, p->i) == 0 && *busy_at(&pl, t, p->j) == 0) {
                schedule(&pl, order[k], t);
            }
        }
    }
    for (size_t q = 0; q < m; q++) {
        out->greedy_meetings += pl.p[q].slot != 0;
    }
    /* improvement: place what still fits, moving one meeting when that frees a slot */
    for (bool changed = true; changed;) {
        changed = false;
        size_t r = round_order(&pl, order, tmp);
        for (size_t k = 0; k < r; k++) {
            if (open_pair(&pl, &pl.p[order[k]]) && place(&pl, order[k])) {
                changed = true;
            }
        }
    }
    out->placed_meetings = 0;
    for (size_t q = 0; q < m; q++) {
        out->placed_meetings += pl.p[q].slot != 0;
    }
    /* then 2-exchanges within a slot while they raise the total */
    for (size_t q = 0; q < n * n; q++) {
        pidx[q] = -1;
    }
    for (size_t q = 0; q < m; q++) {
        pidx[(size_t)pl.p[q].i * n + (size_t)pl.p[q].j] = (int32_t)q;
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (int t = 1; t <= pl.s; t++) {
            size_t k = 0;
            for (size_t q = 0; q < m; q++) {
                if (pl.p[q].slot == t) {
                    order[k++] = q;
                }
            }
            for (size_t u = 0; u < k; u++) {
                for (size_t w = u + 1; w < k; w++) {
                    if (pl.p[order[u]].slot == t && pl.p[order[w]].slot == t &&
                        exchange(&pl, pidx, order[u], order[w])) {
                        out->swaps++;
                        changed = true;
                    }
                }
            }
        }
    }
    /* the meetings, by slot */
    size_t nm = 0;
    for (size_t q = 0; q < m; q++) {
        if (pl.p[q].slot != 0) {
            pl.p[nm++] = pl.p[q];
        }
    }
    qsort(pl.p, nm, sizeof *pl.p, cmp_meeting);
    if ((out->m = malloc((nm ? nm : 1) * sizeof *out->m)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (size_t q = 0; q < nm; q++) {
        const struct pair *p = &pl.p[q];
        out->m[q] = (struct mc_meeting){p->slot, att[p->i], att[p->j], p->score, p->why, p->why_j};
        out->total += p->score;
    }
    out->n = nm;
out:
    mc_match_result_destroy(&mr);
    free(idx);
    free(pidx);
    free(pl.p);
    free(pl.busy);
    free(order);
    free(tmp);
    free(best);
    if (rc != MC_OK) {
        mc_roadshow_destroy(out);
    }
    return rc;
}

bool mc_roadshow_valid(const struct mc_graph *g, const struct mc_roadshow *r, char *why,
                       size_t whysz) {
    const struct mc_dataset *ds = g->ds;
    for (size_t q = 0; q < r->n; q++) {
        const struct mc_meeting *a = &r->m[q];
        int ia = -1, ib = -1;
        for (size_t i = 0; i < r->n_att; i++) {
            ia = r->att[i] == a->a ? (int)i : ia;
            ib = r->att[i] == a->b ? (int)i : ib;
        }
        int32_t ca = ds->node_country[a->a], cb = ds->node_country[a->b];
        igraph_integer_t eid = -1;
        if (ia < 0 || ib < 0) {
            snprintf(why, whysz, "meeting %zu: not two attendees", q + 1);
            return false;
        }
        if (a->slot < 1 || a->slot > r->slots) {
            snprintf(why, whysz, "meeting %zu: slot %d outside 1..%d", q + 1, a->slot, r->slots);
            return false;
        }
        if (ca < 0 || cb < 0 || ca == cb) {
            snprintf(why, whysz, "meeting %zu: %s and %s are not cross-border", q + 1,
                     ds->ids.keys[a->a], ds->ids.keys[a->b]);
            return false;
        }
        igraph_get_eid(&g->ig, &eid, g->vertex_of[a->a], g->vertex_of[a->b], IGRAPH_UNDIRECTED,
                       false);
        if (eid >= 0) {
            snprintf(why, whysz, "meeting %zu: %s and %s are linked already", q + 1,
                     ds->ids.keys[a->a], ds->ids.keys[a->b]);
            return false;
        }
        for (size_t p = 0; p < q; p++) {
            const struct mc_meeting *b = &r->m[p];
            bool same = (b->a == a->a && b->b == a->b) || (b->a == a->b && b->b == a->a);
            bool clash = b->slot == a->slot &&
                         (b->a == a->a || b->b == a->a || b->a == a->b || b->b == a->b);
            if (same || clash) {
                snprintf(why, whysz, "meetings %zu and %zu: %s", p + 1, q + 1,
                         same ? "the same pair twice" : "one attendee twice in a slot");
                return false;
            }
        }
    }
    for (size_t i = 0; i < r->n_att; i++) {
        size_t c = 0;
        for (size_t q = 0; q < r->n; q++) {
            c += r->m[q].a == r->att[i] || r->m[q].b == r->att[i];
        }
        if (c > (size_t)r->meetings || c != r->count[i]) {
            snprintf(why, whysz, "attendee %s: %zu meetings (at most %d, counted %zu)",
                     ds->ids.keys[r->att[i]], c, r->meetings, r->count[i]);
            return false;
        }
    }
    return true;
}

/* ==== Output ==== */

bool mc_roadshow_csv(FILE *f, const struct mc_graph *g, const struct mc_tags *active,
                     const struct mc_roadshow *r) {
    static const char *const hdr[] = {"slot", "a", "b", "score", "reason"};
    const struct mc_dataset *ds = g->ds;
    bool ok = mc_csv_row(f, MC_ARRAY_SIZE(hdr), hdr);
    for (size_t q = 0; ok && q < r->n; q++) {
        const struct mc_meeting *m = &r->m[q];
        char slot[24], score[MC_REAL_BUFSZ], reason[1024];
        snprintf(slot, sizeof slot, "%d", m->slot);
        mc_match_reason(g, active, m->a, &m->why, reason, sizeof reason);
        const char *row[] = {slot, ds->ids.keys[m->a], ds->ids.keys[m->b],
                             mc_fmt_real(score, m->score), reason};
        ok = mc_csv_row(f, MC_ARRAY_SIZE(row), row);
    }
    return ok;
}

static void who(FILE *f, const struct mc_dataset *ds, int32_t x) {
    const char *cc = mc_dataset_country_name(ds, ds->node_country[x]);
    if (strcmp(ds->node_name[x], ds->ids.keys[x]) != 0) {
        fprintf(f, "%s (`%s`, %s)", ds->node_name[x], ds->ids.keys[x], *cc ? cc : "no country");
    } else {
        fprintf(f, "`%s` (%s)", ds->ids.keys[x], *cc ? cc : "no country");
    }
}

void mc_roadshow_markdown(FILE *f, const struct mc_graph *g, const struct mc_tags *active,
                          const struct mc_roadshow *r) {
    const struct mc_dataset *ds = g->ds;
    size_t none = 0, none_possible = 0, lo = (size_t)-1, hi = 0;
    char reason[1024];

    for (size_t i = 0; i < r->n_att; i++) {
        none += r->count[i] == 0;
        none_possible += r->count[i] == 0 && r->eligible[i] > 0;
        lo = r->count[i] < lo ? r->count[i] : lo;
        hi = r->count[i] > hi ? r->count[i] : hi;
    }
    fprintf(f, "# Matchmaking roadshow: agenda\n\n");
    fprintf(f,
            "%zu attendees, sector %s, up to %d meetings each in %d slots. Pairs are "
            "cross-border and not linked yet; a pair's score is the mean of the two `match` "
            "scores.\n\n",
            r->n_att, mc_graph_sector_name(g), r->meetings, r->slots);
    fprintf(f, "| measure | value |\n| --- | ---: |\n");
    fprintf(f, "| possible pairs | %zu |\n", r->pairs_eligible);
    fprintf(f, "| meetings (greedy, then improved) | %zu, then %zu |\n", r->greedy_meetings, r->n);
    fprintf(f, "| meetings after the placing pass; score-raising exchanges | %zu; %zu |\n",
            r->placed_meetings, r->swaps);
    fprintf(f, "| upper bound on meetings | %zu |\n", r->bound_meetings);
    fprintf(f, "| total score | %.3f |\n", r->total);
    fprintf(f, "| upper bound on the total score | %.3f |\n", r->bound);
    fprintf(f, "| share of the bound reached | %.1f%% |\n",
            r->bound > 0 ? 100 * r->total / r->bound : 100.0);
    fprintf(f, "| meetings per attendee | %zu to %zu |\n", r->n_att ? lo : 0, hi);
    fprintf(f, "| attendees without a meeting | %zu (%zu of them had a possible partner) |\n\n",
            none, none_possible);
    for (size_t i = 0; i < r->n_att; i++) {
        int32_t x = r->att[i];
        fprintf(f, "## ");
        who(f, ds, x);
        fprintf(f, "\n\n");
        if (r->eligible[i] == 0) {
            fprintf(f, "No possible partner among the attendees (none cross-border and not "
                       "linked yet).\n\n");
            continue;
        }
        fprintf(f, "| slot | meets | score | why |\n| ---: | --- | ---: | --- |\n");
        for (int t = 1; t <= r->slots; t++) {
            const struct mc_meeting *hit = NULL;
            for (size_t q = 0; q < r->n && hit == NULL; q++) {
                if (r->m[q].slot == t && (r->m[q].a == x || r->m[q].b == x)) {
                    hit = &r->m[q];
                }
            }
            if (hit == NULL) {
                fprintf(f, "| %d | free | | |\n", t);
                continue;
            }
            fprintf(f, "| %d | ", t);
            who(f, ds, hit->a == x ? hit->b : hit->a);
            mc_match_reason(g, active, x, hit->a == x ? &hit->why : &hit->why_b, reason,
                            sizeof reason);
            fprintf(f, " | %.3f | %s |\n", hit->score, reason);
        }
        fprintf(f, "\n");
    }
}

/* ==== The workbook ==== */

static enum mc_status xlsx_summary(struct mc_xlsx *x, const struct mc_roadshow *r,
                                   struct mc_error *err) {
    static const char *const hdr[] = {"measure", "value"};
    static const char *const num[] = {"value", NULL};
    char v[8][MC_REAL_BUFSZ];
    size_t none = 0;
    for (size_t i = 0; i < r->n_att; i++) {
        none += r->count[i] == 0;
    }
    snprintf(v[0], sizeof v[0], "%zu", r->n_att);
    snprintf(v[1], sizeof v[1], "%d", r->meetings);
    snprintf(v[2], sizeof v[2], "%d", r->slots);
    snprintf(v[3], sizeof v[3], "%zu", r->n);
    snprintf(v[4], sizeof v[4], "%zu", r->bound_meetings);
    mc_fmt_real(v[5], r->total);
    mc_fmt_real(v[6], r->bound);
    snprintf(v[7], sizeof v[7], "%zu", none);
    const char *rows[][2] = {{"attendees", v[0]},
                             {"meetings per attendee at most", v[1]},
                             {"slots", v[2]},
                             {"meetings", v[3]},
                             {"upper bound on meetings", v[4]},
                             {"total score", v[5]},
                             {"upper bound on the total score", v[6]},
                             {"attendees without a meeting", v[7]}};
    enum mc_status rc = mc_xlsx_sheet(x, "summary", 2, hdr, num, err);
    for (size_t i = 0; i < MC_ARRAY_SIZE(rows) && rc == MC_OK; i++) {
        rc = mc_xlsx_row(x, rows[i], err);
    }
    return rc;
}

enum mc_status mc_roadshow_xlsx(const char *path, const struct mc_graph *g,
                                const struct mc_tags *active, const struct mc_roadshow *r,
                                struct mc_error *err) {
    static const char *const sched[] = {"slot",   "a",         "a_name", "a_country", "b",
                                        "b_name", "b_country", "score",  "reason"};
    static const char *const agenda[] = {"attendee",   "name",          "country", "slot",  "meets",
                                         "meets_name", "meets_country", "score",   "reason"};
    static const char *const num[] = {"slot", "score", NULL};
    const struct mc_dataset *ds = g->ds;
    struct mc_xlsx x;
    char slot[24], score[MC_REAL_BUFSZ], reason[1024];
    enum mc_status rc = mc_xlsx_open(&x, path, err);
    if (rc != MC_OK) {
        return rc;
    }
    rc = xlsx_summary(&x, r, err);
    if (rc == MC_OK) {
        rc = mc_xlsx_sheet(&x, "schedule", MC_ARRAY_SIZE(sched), sched, num, err);
    }
    for (size_t q = 0; q < r->n && rc == MC_OK; q++) {
        const struct mc_meeting *m = &r->m[q];
        snprintf(slot, sizeof slot, "%d", m->slot);
        mc_match_reason(g, active, m->a, &m->why, reason, sizeof reason);
        const char *row[] = {slot,
                             ds->ids.keys[m->a],
                             ds->node_name[m->a],
                             mc_dataset_country_name(ds, ds->node_country[m->a]),
                             ds->ids.keys[m->b],
                             ds->node_name[m->b],
                             mc_dataset_country_name(ds, ds->node_country[m->b]),
                             mc_fmt_real(score, m->score),
                             reason};
        rc = mc_xlsx_row(&x, row, err);
    }
    if (rc == MC_OK) {
        rc = mc_xlsx_sheet(&x, "agenda", MC_ARRAY_SIZE(agenda), agenda, num, err);
    }
    for (size_t i = 0; i < r->n_att && rc == MC_OK; i++) {
        int32_t a = r->att[i];
        for (int t = 1; t <= r->slots && rc == MC_OK; t++) {
            const struct mc_meeting *hit = NULL;
            for (size_t q = 0; q < r->n && hit == NULL; q++) {
                if (r->m[q].slot == t && (r->m[q].a == a || r->m[q].b == a)) {
                    hit = &r->m[q];
                }
            }
            int32_t b = hit == NULL ? -1 : hit->a == a ? hit->b : hit->a;
            snprintf(slot, sizeof slot, "%d", t);
            if (hit != NULL) {
                mc_match_reason(g, active, a, hit->a == a ? &hit->why : &hit->why_b, reason,
                                sizeof reason);
                mc_fmt_real(score, hit->score);
            }
            const char *row[] = {ds->ids.keys[a],
                                 ds->node_name[a],
                                 mc_dataset_country_name(ds, ds->node_country[a]),
                                 slot,
                                 b >= 0 ? ds->ids.keys[b] : "(free)",
                                 b >= 0 ? ds->node_name[b] : "",
                                 b >= 0 ? mc_dataset_country_name(ds, ds->node_country[b]) : "",
                                 b >= 0 ? score : "",
                                 b >= 0 ? reason : ""};
            rc = mc_xlsx_row(&x, row, err);
        }
    }
    if (rc == MC_OK) {
        return mc_xlsx_close(&x, err);
    }
    mc_xlsx_abort(&x);
    return rc;
}
