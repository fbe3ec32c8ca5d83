/*
 * Comparing two partitions (NMI, ARI, VI, split-join distance) and reading
 * a partition from a CSV file.
 */
#include "metaclust/community.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/csvio.h"
#include "metaclust/igraph_bridge.h"

enum mc_status mc_partition_compare(const igraph_vector_int_t *a, const igraph_vector_int_t *b,
                                    struct mc_comparison *out, struct mc_error *err) {
    igraph_integer_t n = igraph_vector_int_size(a), ka, kb;
    igraph_vector_int_t x, y;
    enum mc_status rc;

    if (igraph_vector_int_size(b) != n) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "partitions of different sizes (%" IGRAPH_PRId " and %" IGRAPH_PRId ")",
                            n, igraph_vector_int_size(b));
    }
    memset(out, 0, sizeof *out);
    if (n < 2) {
        /* one vertex or none: the partitions cannot differ */
        out->nmi = out->ari = 1;
        return MC_OK;
    }
    if (igraph_vector_int_init_copy(&x, a) != IGRAPH_SUCCESS) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (compare)");
    }
    if (igraph_vector_int_init_copy(&y, b) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&x);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (compare)");
    }
    /* dense labels: igraph allocates by the largest label */
    rc = mc_partition_canonical(&x, &ka, err);
    if (rc == MC_OK) {
        rc = mc_partition_canonical(&y, &kb, err);
    }
    if (rc == MC_OK) {
        rc = mc_igraph_status(igraph_compare_communities(&x, &y, &out->nmi, IGRAPH_COMMCMP_NMI),
                              err, "NMI");
    }
    if (rc == MC_OK) {
        rc = mc_igraph_status(igraph_compare_communities(&x, &y, &out->vi, IGRAPH_COMMCMP_VI), err,
                              "VI");
    }
    if (rc == MC_OK) {
        rc = mc_igraph_status(
            igraph_compare_communities(&x, &y, &out->ari, IGRAPH_COMMCMP_ADJUSTED_RAND), err,
            "ARI");
    }
    if (rc == MC_OK) {
        rc = mc_igraph_status(
            igraph_split_join_distance(&x, &y, &out->split_join_ab, &out->split_join_ba), err,
            "split-join distance");
    }
    if (rc == MC_OK) {
        out->vi_normalized = out->vi / log((double)n);
        if (!isfinite(out->ari) && ka == kb && out->split_join_ab == 0 && out->split_join_ba == 0) {
            out->ari = 1; /* identical trivial partitions: 0/0 in the formula */
        }
    }
    igraph_vector_int_destroy(&x);
    igraph_vector_int_destroy(&y);
    return rc;
}

/* ==== reading a partition ==== */

static const char *const ID_NAMES[] = {"id", "node", "node_id", "key", "pic", NULL};
static const char *const COMMUNITY_NAMES[] = {"community",  "meta_cluster", "cluster", "module",
                                              "membership", "partition",    "group",   NULL};

void mc_partition_file_init(struct mc_partition_file *p) {
    memset(p, 0, sizeof *p);
    mc_intern_init(&p->ids, false);
    mc_intern_init(&p->labels, false);
}

void mc_partition_file_destroy(struct mc_partition_file *p) {
    mc_intern_destroy(&p->ids);
    mc_intern_destroy(&p->labels);
    free(p->label);
    free(p->line);
    memset(p, 0, sizeof *p);
}

struct reader {
    struct mc_partition_file *p;
    const char *path, *column;
    long c_id, c_comm;
    size_t cap;
};

static enum mc_status on_header(struct reader *r, const struct mc_csv_record *h,
                                struct mc_error *err) {
    char found[512];
    r->c_id = mc_csv_column(h, ID_NAMES);
    if (r->column != NULL) {
        const char *const names[] = {r->column, NULL};
        r->c_comm = mc_csv_column(h, names);
    } else {
        r->c_comm = mc_csv_column(h, COMMUNITY_NAMES);
        if (r->c_comm < 0 && h->nfields == 2 && r->c_id >= 0) {
            r->c_comm = 1 - r->c_id; /* the other of two columns */
        }
    }
    if (r->c_id < 0 || r->c_comm < 0) {
        mc_csv_describe_header(h, found, sizeof found);
        return mc_error_set(err, MC_E_DATA, r->path, 1, "missing column '%s' (columns found: %s)",
                            r->c_id < 0 ? "id" : (r->column ? r->column : "community"), found);
    }
    return MC_OK;
}

static enum mc_status on_row(void *ctx, const struct mc_csv_record *rec, struct mc_error *err) {
    struct reader *r = ctx;
    struct mc_partition_file *p = r->p;
    if (rec->record == 1) {
        return on_header(r, rec, err);
    }
    const char *id = rec->fields[r->c_id], *lab = rec->fields[r->c_comm];
    size_t idlen = rec->lens[r->c_id], lablen = rec->lens[r->c_comm];
    if (idlen == 0) {
        return mc_error_setc(err, MC_E_DATA, r->path, rec->line, r->c_id + 1, "empty id");
    }
    long idx, li = -1;
    bool added;
    enum mc_status rc = mc_intern_add(&p->ids, id, idlen, &idx, &added, err);
    if (rc != MC_OK) {
        return rc;
    }
    if (!added) {
        return mc_error_setc(err, MC_E_DATA, r->path, rec->line, r->c_id + 1,
                             "duplicate id '%s' (first on line %ld)", id, p->line[idx]);
    }
    if (lablen > 0) {
        rc = mc_intern_add(&p->labels, lab, lablen, &li, NULL, err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    if ((size_t)idx >= r->cap) {
        size_t c1 = r->cap, c2 = r->cap;
        rc = mc_grow((void **)&p->label, &c1, (size_t)idx + 1, sizeof *p->label, err);
        if (rc == MC_OK) {
            rc = mc_grow((void **)&p->line, &c2, (size_t)idx + 1, sizeof *p->line, err);
        }
        if (rc != MC_OK) {
            return rc;
        }
        r->cap = c1 < c2 ? c1 : c2;
    }
    p->label[idx] = li;
    p->line[idx] = rec->line;
    if (li < 0) {
        p->unassigned++;
    }
    p->n = (size_t)idx + 1;
    return MC_OK;
}

enum mc_status mc_partition_file_read(struct mc_partition_file *p, const char *path,
                                      const char *column, struct mc_error *err) {
    struct reader r = {.p = p, .path = path, .column = column, .c_id = -1, .c_comm = -1};
    struct mc_csv_options copt = {.require_rows = true};
    return mc_csv_read(path, NULL, &copt, on_row, &r, err);
}

/*
 * The two memberships over the ids present in both files, in A's order.
 * Unassigned ids become singletons (fresh labels), or are left out.
 */
static enum mc_status align(const struct mc_partition_file *pa, const struct mc_partition_file *pb,
                            struct mc_partition_agreement *r, igraph_vector_int_t *ma,
                            igraph_vector_int_t *mb, struct mc_error *err) {
    long fresh_a = (long)pa->labels.n, fresh_b = (long)pb->labels.n;
    size_t common = 0;
    for (size_t i = 0; i < pa->n; i++) {
        const char *id = pa->ids.keys[i];
        long j = mc_intern_find(&pb->ids, id, strlen(id));
        if (j < 0) {
            r->only_a++;
            continue;
        }
        common++;
        long la = pa->label[i], lb = pb->label[j];
        r->unassigned_a += la < 0;
        r->unassigned_b += lb < 0;
        if (r->exclude && (la < 0 || lb < 0)) {
            continue;
        }
        if (igraph_vector_int_push_back(ma, la < 0 ? fresh_a++ : la) != IGRAPH_SUCCESS ||
            igraph_vector_int_push_back(mb, lb < 0 ? fresh_b++ : lb) != IGRAPH_SUCCESS) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
    }
    r->only_b = pb->n - common;
    r->nodes = (size_t)igraph_vector_int_size(ma);
    if (r->nodes == 0) {
        return mc_error_set(err, MC_E_DATA, NULL, 0, "'%s' and '%s' have no %sid in common", r->a,
                            r->b, r->exclude && common > 0 ? "assigned " : "");
    }
    return MC_OK;
}

static igraph_integer_t count_labels(const igraph_vector_int_t *m, struct mc_error *err) {
    igraph_vector_int_t c;
    igraph_integer_t k = 0;
    if (igraph_vector_int_init_copy(&c, m) != IGRAPH_SUCCESS) {
        return -1;
    }
    if (mc_partition_canonical(&c, &k, err) != MC_OK) {
        k = -1;
    }
    igraph_vector_int_destroy(&c);
    return k;
}

enum mc_status mc_partition_files_compare(const struct mc_partition_file *pa,
                                          const struct mc_partition_file *pb,
                                          struct mc_partition_agreement *r, struct mc_error *err) {
    igraph_vector_int_t ma, mb;
    enum mc_status rc = MC_OK;
    r->nodes = r->only_a = r->only_b = r->unassigned_a = r->unassigned_b = 0;
    r->ka = r->kb = 0;
    if (igraph_vector_int_init(&ma, 0) != IGRAPH_SUCCESS) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    if (igraph_vector_int_init(&mb, 0) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&ma);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    if ((rc = align(pa, pb, r, &ma, &mb, err)) == MC_OK &&
        (rc = mc_partition_compare(&ma, &mb, &r->cmp, err)) == MC_OK) {
        r->ka = count_labels(&ma, err);
        r->kb = count_labels(&mb, err);
        if (r->ka < 0 || r->kb < 0) {
            rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
        }
    }
    igraph_vector_int_destroy(&ma);
    igraph_vector_int_destroy(&mb);
    return rc;
}
