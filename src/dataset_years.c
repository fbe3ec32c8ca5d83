/*
 * A time window on a dataset: rows outside the years are removed in place.
 */
#include "metaclust/dataset_years.h"

#include <stdlib.h>
#include <string.h>

#include "metaclust/util.h"

bool mc_years_parse(const char *s, long *from, long *to) {
    char buf[32];
    const char *dash = strchr(s, '-');
    size_t n = dash ? (size_t)(dash - s) : strlen(s);
    if (n == 0 || n >= sizeof buf) {
        return false;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (!mc_parse_long(buf, 1900, 2100, from)) {
        return false;
    }
    if (dash == NULL) {
        *to = *from;
        return true;
    }
    return mc_parse_long(dash + 1, 1900, 2100, to) && *from <= *to;
}

static bool group_in(const struct mc_dataset *ds, int32_t g, long from, long to) {
    long start = ds->group_year[g], end = ds->group_end_year[g];
    if (start <= 0) {
        return false;
    }
    return start <= to && (end > 0 ? end : start) >= from;
}

/* The tags of the kept items (keep[i]), in order, into a new set that replaces `t`. */
static enum mc_status keep_tags(struct mc_tags *t, const bool *keep, struct mc_tags *out,
                                struct mc_error *err) {
    enum mc_status rc = MC_OK;
    mc_tags_init(out);
    for (size_t i = 0; i < t->n && rc == MC_OK; i++) {
        if (keep[i]) {
            rc = mc_tags_push(out, mc_tags_of(t, i), mc_tags_count(t, i), err);
        }
    }
    if (rc != MC_OK) {
        mc_tags_destroy(out);
    }
    return rc;
}

enum mc_status mc_dataset_keep_years(struct mc_dataset *ds, long from, long to,
                                     size_t *edges_dropped, size_t *aff_dropped,
                                     struct mc_error *err) {
    size_t ne = ds->n_edges, na = ds->n_aff;
    bool *ke = malloc((ne ? ne : 1) * sizeof *ke), *ka = malloc((na ? na : 1) * sizeof *ka);
    struct mc_tags et, at;
    enum mc_status rc;

    if (ke == NULL || ka == NULL) {
        free(ke);
        free(ka);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t e = 0; e < ne; e++) {
        ke[e] = ds->edge_year[e] >= from && ds->edge_year[e] <= to;
    }
    for (size_t r = 0; r < na; r++) {
        ka[r] = group_in(ds, ds->aff_group[r], from, to);
    }
    /* the tag sets first: the only step that allocates, so a failure changes nothing */
    if ((rc = keep_tags(&ds->edge_sectors, ke, &et, err)) != MC_OK) {
        goto out;
    }
    if ((rc = keep_tags(&ds->aff_sectors, ka, &at, err)) != MC_OK) {
        mc_tags_destroy(&et);
        goto out;
    }
    mc_tags_destroy(&ds->edge_sectors);
    ds->edge_sectors = et;
    mc_tags_destroy(&ds->aff_sectors);
    ds->aff_sectors = at;
    size_t m = 0;
    for (size_t e = 0; e < ne; e++) {
        if (ke[e]) {
            ds->edge_src[m] = ds->edge_src[e];
            ds->edge_tgt[m] = ds->edge_tgt[e];
            ds->edge_w[m] = ds->edge_w[e];
            ds->edge_year[m] = ds->edge_year[e];
            m++;
        }
    }
    if (edges_dropped != NULL) {
        *edges_dropped = ne - m;
    }
    ds->n_edges = m;
    m = 0;
    for (size_t r = 0; r < na; r++) {
        if (ka[r]) {
            ds->aff_node[m] = ds->aff_node[r];
            ds->aff_group[m] = ds->aff_group[r];
            ds->aff_w[m] = ds->aff_w[r];
            ds->aff_role[m] = ds->aff_role[r];
            ds->aff_contribution[m] = ds->aff_contribution[r];
            m++;
        }
    }
    if (aff_dropped != NULL) {
        *aff_dropped = na - m;
    }
    ds->n_aff = m;
out:
    free(ke);
    free(ka);
    return rc;
}
