#include "metaclust/proposals_io.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "metaclust/csvio.h"
#include "metaclust/outfile.h"

enum file_kind { F_PROPOSALS, F_MEMBERS, F_LINKS };

/* The columns of each file, in the order of the record fields read below. */
static const char *const proposal_cols[] = {
    "rank",      "sector",       "proposal",           "size",
    "countries", "country_list", "coordinator_id",     "coordinator_name",
    "cohesion",  "diversity",    "cross_border_share", "stability",
    "score",     "members"};
static const char *const member_cols[] = {"proposal", "id",       "name",          "country",
                                          "role",     "within_z", "participation", "confidence"};
static const char *const link_cols[] = {"proposal", "source", "target", "score",
                                        "shared_neighbours"};

#define MAX_COLS 14

struct reader {
    struct mc_proposals_io *s;
    enum file_kind kind;
    const char *path;
    const char *const *cols;
    size_t ncols;
    long col[MAX_COLS];
};

static void init_reader(struct reader *r, struct mc_proposals_io *s, enum file_kind kind,
                        const char *path) {
    r->s = s;
    r->kind = kind;
    r->path = path;
    r->cols = kind == F_PROPOSALS ? proposal_cols : kind == F_MEMBERS ? member_cols : link_cols;
    r->ncols = kind == F_PROPOSALS ? MC_ARRAY_SIZE(proposal_cols)
               : kind == F_MEMBERS ? MC_ARRAY_SIZE(member_cols)
                                   : MC_ARRAY_SIZE(link_cols);
}

static enum mc_status str(struct reader *r, const struct mc_csv_record *rec, size_t k,
                          const char **out, struct mc_error *err) {
    const char *v = rec->fields[r->col[k]];
    *out = mc_strpool_add(&r->s->pool, v, strlen(v), err);
    return *out ? MC_OK : MC_E_NOMEM;
}

static enum mc_status real(struct reader *r, const struct mc_csv_record *rec, size_t k, double *out,
                           struct mc_error *err) {
    const char *v = rec->fields[r->col[k]];
    if (v[0] == '\0') {
        *out = NAN;
        return MC_OK;
    }
    if (!mc_parse_real(v, out)) {
        return mc_error_setc(err, MC_E_DATA, r->path, rec->line, r->col[k] + 1,
                             "invalid number '%s' in column '%s'", v, r->cols[k]);
    }
    return MC_OK;
}

static enum mc_status integer(struct reader *r, const struct mc_csv_record *rec, size_t k,
                              long *out, struct mc_error *err) {
    const char *v = rec->fields[r->col[k]];
    if (!mc_parse_long(v, 0, 1000000000L, out)) {
        return mc_error_setc(err, MC_E_DATA, r->path, rec->line, r->col[k] + 1,
                             "invalid count '%s' in column '%s'", v, r->cols[k]);
    }
    return MC_OK;
}

/* Splits "a;b;c" into the ids array (pooled strings). */
static enum mc_status split_members(struct mc_proposals_io *s, const char *list, size_t *first,
                                    size_t *n, struct mc_error *err) {
    *first = s->n_ids;
    *n = 0;
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len > 0) {
            const char *id = mc_strpool_add(&s->pool, p, len, err);
            if (id == NULL || mc_grow((void **)&s->ids, &s->cap_ids, s->n_ids + 1, sizeof *s->ids,
                                      err) != MC_OK) {
                return MC_E_NOMEM;
            }
            s->ids[s->n_ids++] = id;
            (*n)++;
        }
        if (e == NULL) {
            break;
        }
        p = e + 1;
    }
    return MC_OK;
}

static enum mc_status on_record(void *ctx, const struct mc_csv_record *rec, struct mc_error *err) {
    struct reader *r = ctx;
    struct mc_proposals_io *s = r->s;
    enum mc_status rc = MC_OK;
    if (rec->record == 1) {
        for (size_t k = 0; k < r->ncols; k++) {
            const char *names[2] = {r->cols[k], NULL};
            r->col[k] = mc_csv_column(rec, names);
            if (r->col[k] < 0) {
                char found[512];
                mc_csv_describe_header(rec, found, sizeof found);
                return mc_error_set(err, MC_E_DATA, r->path, 1,
                                    "missing column '%s' (columns found: %s)", r->cols[k], found);
            }
        }
        return MC_OK;
    }
    if (r->kind == F_PROPOSALS) {
        if (mc_grow((void **)&s->prop, &s->cap, s->n + 1, sizeof *s->prop, err) != MC_OK) {
            return MC_E_NOMEM;
        }
        struct mc_prop *p = &s->prop[s->n];
        size_t first = 0;
        const char *members = NULL;
        memset(p, 0, sizeof *p);
        if ((rc = integer(r, rec, 0, &p->rank, err)) || (rc = str(r, rec, 1, &p->sector, err)) ||
            (rc = str(r, rec, 2, &p->id, err)) || (rc = integer(r, rec, 3, &p->size, err)) ||
            (rc = integer(r, rec, 4, &p->countries, err)) ||
            (rc = str(r, rec, 5, &p->country_list, err)) ||
            (rc = str(r, rec, 6, &p->coordinator_id, err)) ||
            (rc = str(r, rec, 7, &p->coordinator_name, err)) ||
            (rc = real(r, rec, 8, &p->cohesion, err)) ||
            (rc = real(r, rec, 9, &p->diversity, err)) ||
            (rc = real(r, rec, 10, &p->cross_border_share, err)) ||
            (rc = real(r, rec, 11, &p->stability, err)) ||
            (rc = real(r, rec, 12, &p->score, err)) || (rc = str(r, rec, 13, &members, err)) ||
            (rc = split_members(s, members, &first, &p->n_member, err))) {
            return rc;
        }
        if (mc_proposals_io_find(s, p->id) != NULL) {
            return mc_error_setc(err, MC_E_DATA, r->path, rec->line, r->col[2] + 1,
                                 "proposal '%s' listed twice", p->id);
        }
        p->member_first = first; /* the ids array may still move */
        s->n++;
    } else if (r->kind == F_MEMBERS) {
        if (mc_grow((void **)&s->member, &s->cap_member, s->n_member + 1, sizeof *s->member, err) !=
            MC_OK) {
            return MC_E_NOMEM;
        }
        struct mc_prop_member *m = &s->member[s->n_member];
        if ((rc = str(r, rec, 0, &m->proposal, err)) || (rc = str(r, rec, 1, &m->id, err)) ||
            (rc = str(r, rec, 2, &m->name, err)) || (rc = str(r, rec, 3, &m->country, err)) ||
            (rc = str(r, rec, 4, &m->role, err)) || (rc = real(r, rec, 5, &m->within_z, err)) ||
            (rc = real(r, rec, 6, &m->participation, err)) ||
            (rc = real(r, rec, 7, &m->confidence, err))) {
            return rc;
        }
        s->n_member++;
    } else {
        if (mc_grow((void **)&s->link, &s->cap_link, s->n_link + 1, sizeof *s->link, err) !=
            MC_OK) {
            return MC_E_NOMEM;
        }
        struct mc_prop_link *l = &s->link[s->n_link];
        if ((rc = str(r, rec, 0, &l->proposal, err)) || (rc = str(r, rec, 1, &l->source, err)) ||
            (rc = str(r, rec, 2, &l->target, err)) || (rc = real(r, rec, 3, &l->score, err)) ||
            (rc = integer(r, rec, 4, &l->shared, err))) {
            return rc;
        }
        s->n_link++;
    }
    return MC_OK;
}

void mc_proposals_io_init(struct mc_proposals_io *s) {
    memset(s, 0, sizeof *s);
    mc_strpool_init(&s->pool);
}

void mc_proposals_io_destroy(struct mc_proposals_io *s) {
    mc_strpool_destroy(&s->pool);
    free(s->prop);
    free(s->member);
    free(s->link);
    free(s->ids);
    memset(s, 0, sizeof *s);
}

static enum mc_status read_one(struct mc_proposals_io *s, const char *dir, const char *name,
                               enum file_kind kind, bool required, bool *found,
                               struct mc_error *err) {
    char *path = mc_path_join(dir, name);
    enum mc_status rc = MC_OK;
    struct reader r;
    if (path == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    *found = access(path, F_OK) == 0;
    if (*found || required) {
        struct mc_csv_options o = {0, 0, false};
        init_reader(&r, s, kind, path);
        rc = mc_csv_read(path, NULL, &o, on_record, &r, err);
    }
    free(path);
    return rc;
}

enum mc_status mc_proposals_io_read(struct mc_proposals_io *s, const char *dir,
                                    struct mc_error *err) {
    bool found;
    enum mc_status rc = read_one(s, dir, "proposals.csv", F_PROPOSALS, true, &found, err);
    if (rc == MC_OK) {
        rc = read_one(s, dir, "members.csv", F_MEMBERS, false, &s->have_members, err);
    }
    if (rc == MC_OK) {
        rc = read_one(s, dir, "missing_links.csv", F_LINKS, false, &s->have_links, err);
    }
    for (size_t i = 0; i < s->n; i++) { /* offsets into the final ids array */
        s->prop[i].member = rc == MC_OK && s->ids ? s->ids + s->prop[i].member_first : NULL;
    }
    return rc;
}

const struct mc_prop *mc_proposals_io_find(const struct mc_proposals_io *s, const char *id) {
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->prop[i].id, id) == 0) {
            return &s->prop[i];
        }
    }
    return NULL;
}

static const char *prop_id(size_t i, void *ctx) {
    return ((const struct mc_proposals_io *)ctx)->prop[i].id;
}

enum mc_status mc_proposals_io_require(const struct mc_proposals_io *s, const char *dir,
                                       const char *id, const struct mc_prop **out,
                                       struct mc_error *err) {
    char sug[256];
    *out = mc_proposals_io_find(s, id);
    if (*out != NULL) {
        return MC_OK;
    }
    if (mc_suggest(id, s->n, prop_id, (void *)s, 3, sug, sizeof sug) > 0) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "--proposal: no proposal '%s' in '%s' (did you mean %s?)", id, dir,
                            sug);
    }
    return mc_error_set(err, MC_E_USAGE, NULL, 0, "--proposal: no proposal '%s' in '%s'", id, dir);
}
