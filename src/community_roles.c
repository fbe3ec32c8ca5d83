/*
 * Node roles from the cartography of Guimerà & Amaral (2005, Nature 433:895):
 * the within-module degree z-score and the participation coefficient, with
 * strengths in place of degrees.
 */
#include "metaclust/community.h"

#include <math.h>
#include <stdlib.h>

#include "metaclust/igraph_bridge.h"

static const char *const role_names[] = {
    "ultra-peripheral", "peripheral",    "connector",   "kinless",
    "provincial hub",   "connector hub", "kinless hub",
};

const char *mc_role_name(enum mc_role r) {
    return (size_t)r < sizeof role_names / sizeof role_names[0] ? role_names[r] : "?";
}

enum mc_role mc_role_classify(double z, double p) {
    if (z < 2.5) {
        if (p <= 0.05) {
            return MC_ROLE_ULTRA_PERIPHERAL;
        }
        if (p <= 0.62) {
            return MC_ROLE_PERIPHERAL;
        }
        return p <= 0.80 ? MC_ROLE_CONNECTOR : MC_ROLE_KINLESS;
    }
    if (p <= 0.30) {
        return MC_ROLE_PROVINCIAL_HUB;
    }
    return p <= 0.75 ? MC_ROLE_CONNECTOR_HUB : MC_ROLE_KINLESS_HUB;
}

enum mc_status mc_roles(const igraph_t *g, const igraph_vector_t *weights,
                        const igraph_vector_int_t *membership, igraph_vector_t *z,
                        igraph_vector_t *p, struct mc_error *err) {
    igraph_integer_t n = igraph_vcount(g);
    igraph_inclist_t il;
    enum mc_status rc;

    if (igraph_vector_int_size(membership) != n) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0, "membership size differs from vertex count");
    }
    igraph_integer_t k = 0;
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = VECTOR(*membership)[v];
        if (c < 0 || c >= n) {
            return mc_error_set(err, MC_E_USAGE, NULL, 0,
                                "community label %" IGRAPH_PRId " out of range", c);
        }
        if (c + 1 > k) {
            k = c + 1;
        }
    }
    double *acc = calloc((size_t)(n ? n : 1), sizeof *acc); /* per community, scratch */
    igraph_integer_t *touched = malloc((size_t)(n ? n : 1) * sizeof *touched);
    double *kin = malloc((size_t)(n ? n : 1) * sizeof *kin); /* strength into own community */
    double *sum = calloc((size_t)(k ? k : 1), sizeof *sum);
    double *sq = calloc((size_t)(k ? k : 1), sizeof *sq);
    igraph_integer_t *cnt = calloc((size_t)(k ? k : 1), sizeof *cnt);
    if (acc == NULL || touched == NULL || kin == NULL || sum == NULL || sq == NULL || cnt == NULL ||
        igraph_vector_resize(z, n) != IGRAPH_SUCCESS ||
        igraph_vector_resize(p, n) != IGRAPH_SUCCESS) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (roles)");
        goto out_mem;
    }
    rc = mc_igraph_status(igraph_inclist_init(g, &il, IGRAPH_ALL, IGRAPH_LOOPS_ONCE), err,
                          "incidence list");
    if (rc != MC_OK) {
        goto out_mem;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_vector_int_t *inc = igraph_inclist_get(&il, v);
        igraph_integer_t deg = igraph_vector_int_size(inc), nt = 0;
        igraph_integer_t cv = VECTOR(*membership)[v];
        double s = 0;
        for (igraph_integer_t i = 0; i < deg; i++) {
            igraph_integer_t e = VECTOR(*inc)[i];
            igraph_integer_t c = VECTOR(*membership)[IGRAPH_OTHER(g, e, v)];
            double w = weights ? VECTOR(*weights)[e] : 1.0;
            if (acc[c] == 0) {
                touched[nt++] = c;
            }
            acc[c] += w;
            s += w;
        }
        double q = 0;
        for (igraph_integer_t t = 0; t < nt; t++) {
            double f = acc[touched[t]] / s;
            q += f * f;
        }
        kin[v] = acc[cv];
        for (igraph_integer_t t = 0; t < nt; t++) {
            acc[touched[t]] = 0;
        }
        VECTOR(*p)[v] = s > 0 ? fmax(0.0, 1 - q) : 0.0;
        sum[cv] += kin[v];
        cnt[cv]++;
    }
    /* two passes: the mean, then the squared deviations (population sd) */
    for (igraph_integer_t c = 0; c < k; c++) {
        sum[c] = cnt[c] > 0 ? sum[c] / (double)cnt[c] : 0;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = VECTOR(*membership)[v];
        sq[c] += (kin[v] - sum[c]) * (kin[v] - sum[c]);
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = VECTOR(*membership)[v];
        double sd = sqrt(sq[c] / (double)cnt[c]);
        /* a community whose internal strengths do not vary gives z = 0 */
        VECTOR(*z)[v] = sd > 1e-12 * (fabs(sum[c]) + 1) ? (kin[v] - sum[c]) / sd : 0.0;
    }
    igraph_inclist_destroy(&il);
out_mem:
    free(acc);
    free(touched);
    free(kin);
    free(sum);
    free(sq);
    free(cnt);
    return rc;
}
