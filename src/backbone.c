#include "metaclust/backbone.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "metaclust/graph.h"
#include "metaclust/util.h"

void mc_backbone_options_init(struct mc_backbone_options *o) {
    o->method = MC_BACKBONE_NONE;
    o->alpha = 0.05;
    o->mtc = MC_MTC_FDR;
    o->min_groups = 1;
}

static const char *const BACKBONE_NAMES[] = {"none", "sdsm", "hypergeom", "disparity"};
static const char *const MTC_NAMES[] = {"none", "fdr", "bonferroni", "holm"};

const char *mc_backbone_name(enum mc_backbone b) {
    return (size_t)b < MC_ARRAY_SIZE(BACKBONE_NAMES) ? BACKBONE_NAMES[b] : "none";
}

bool mc_backbone_parse(const char *s, enum mc_backbone *out) {
    for (size_t i = 0; i < MC_ARRAY_SIZE(BACKBONE_NAMES); i++) {
        if (strcmp(s, BACKBONE_NAMES[i]) == 0) {
            *out = (enum mc_backbone)i;
            return true;
        }
    }
    return false;
}

const char *mc_mtc_name(enum mc_mtc m) {
    return (size_t)m < MC_ARRAY_SIZE(MTC_NAMES) ? MTC_NAMES[m] : "none";
}

bool mc_mtc_parse(const char *s, enum mc_mtc *out) {
    for (size_t i = 0; i < MC_ARRAY_SIZE(MTC_NAMES); i++) {
        if (strcmp(s, MTC_NAMES[i]) == 0) {
            *out = (enum mc_mtc)i;
            return true;
        }
    }
    return false;
}

/* ==== memberships read back from the evidence ==== */

/*
 * The bipartite view behind the projection: for every vertex the number of
 * distinct groups (of two or more members) it shares with someone, and for
 * every such group its size. Groups that hold a vertex appear in the evidence
 * of every tie of that vertex inside the group, so a counting sort of the
 * (group, vertex) entries by group, then a stamp per vertex, gives both in
 * O(P + m + groups).
 */
struct bipartite {
    size_t n_vertices;
    int32_t *vdeg;   /* vertex -> groups it is in */
    size_t n_groups; /* groups with >= 2 members */
    int32_t *gsize;  /* group (dense) -> members */
};

static void bipartite_destroy(struct bipartite *bp) {
    free(bp->vdeg);
    free(bp->gsize);
}

static enum mc_status bipartite_from_evidence(const struct mc_edgelist *el, struct bipartite *bp,
                                              struct mc_error *err) {
    size_t m = el->n_edges, nv = el->n_vertices, P = el->ev_off[m];
    int32_t maxg = -1;
    for (size_t i = 0; i < P; i++) {
        maxg = el->ev_group[i] > maxg ? el->ev_group[i] : maxg;
    }
    size_t ng = (size_t)(maxg + 1);
    memset(bp, 0, sizeof *bp);
    bp->n_vertices = nv;
    size_t *start = calloc(ng + 1, sizeof *start);
    int32_t *ent = malloc((P ? 2 * P : 1) * sizeof *ent);
    int32_t *stamp = malloc((nv ? nv : 1) * sizeof *stamp);
    bp->vdeg = calloc(nv ? nv : 1, sizeof *bp->vdeg);
    bp->gsize = malloc((ng ? ng : 1) * sizeof *bp->gsize);
    enum mc_status rc = MC_OK;
    if (start == NULL || ent == NULL || stamp == NULL || bp->vdeg == NULL || bp->gsize == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (backbone)");
        goto out;
    }
    for (size_t i = 0; i < P; i++) {
        start[el->ev_group[i] + 1] += 2;
    }
    for (size_t g = 0; g < ng; g++) {
        start[g + 1] += start[g];
    }
    for (size_t e = 0; e < m; e++) {
        for (size_t i = el->ev_off[e]; i < el->ev_off[e + 1]; i++) {
            size_t g = (size_t)el->ev_group[i];
            ent[start[g]++] = el->from[e];
            ent[start[g]++] = el->to[e];
        }
    }
    for (size_t v = 0; v < nv; v++) {
        stamp[v] = -1;
    }
    size_t lo = 0;
    for (size_t g = 0; g < ng; g++) {
        size_t hi = start[g]; /* the fill moved start[g] to the end of group g */
        int32_t k = 0;
        for (size_t i = lo; i < hi; i++) {
            int32_t v = ent[i];
            if (stamp[v] != (int32_t)g) {
                stamp[v] = (int32_t)g;
                bp->vdeg[v]++;
                k++;
            }
        }
        if (k >= 2) {
            bp->gsize[bp->n_groups++] = k;
        }
        lo = hi;
    }
out:
    free(start);
    free(ent);
    free(stamp);
    if (rc != MC_OK) {
        bipartite_destroy(bp);
    }
    return rc;
}

/* ==== SDSM: the bipartite configuration model over degree classes ==== */

/* Distinct values of a[0..n) (positive only) and how often each occurs. */
struct classes {
    size_t n;
    int32_t *value;
    double *count;
};

static int cmp_i32(const void *x, const void *y) {
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

static enum mc_status classes_of(const int32_t *a, size_t n, struct classes *c,
                                 struct mc_error *err) {
    memset(c, 0, sizeof *c);
    int32_t *s = malloc((n ? n : 1) * sizeof *s);
    c->value = malloc((n ? n : 1) * sizeof *c->value);
    c->count = malloc((n ? n : 1) * sizeof *c->count);
    if (s == NULL || c->value == NULL || c->count == NULL) {
        free(s);
        free(c->value);
        free(c->count);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (backbone)");
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i] > 0) {
            s[k++] = a[i];
        }
    }
    qsort(s, k, sizeof *s, cmp_i32);
    for (size_t i = 0; i < k; i++) {
        if (c->n > 0 && c->value[c->n - 1] == s[i]) {
            c->count[c->n - 1] += 1;
        } else {
            c->value[c->n] = s[i];
            c->count[c->n] = 1;
            c->n++;
        }
    }
    free(s);
    return MC_OK;
}

static size_t class_index(const struct classes *c, int32_t v) {
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->value[mid] < v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/*
 * Fits x (node classes) and y (group classes) so that the expected degrees
 * of p = x y / (1 + x y) match the observed ones: the fixed point
 * x_d = d / sum_k n_k y_k / (1 + x_d y_k) and its mirror for y, damped, until
 * the largest relative degree error is below 1e-9 (or 5000 rounds).
 */
static void bicm_fit(const struct classes *cd, const struct classes *ck, double *x, double *y) {
    double total = 0;
    for (size_t a = 0; a < cd->n; a++) {
        total += cd->count[a] * cd->value[a];
    }
    double sq = sqrt(total > 0 ? total : 1);
    for (size_t a = 0; a < cd->n; a++) {
        x[a] = cd->value[a] / sq;
    }
    for (size_t b = 0; b < ck->n; b++) {
        y[b] = ck->value[b] / sq;
    }
    for (int round = 0; round < 5000; round++) {
        double worst = 0;
        for (size_t a = 0; a < cd->n; a++) {
            double s = 0;
            for (size_t b = 0; b < ck->n; b++) {
                s += ck->count[b] * y[b] / (1 + x[a] * y[b]);
            }
            double nx = cd->value[a] / s;
            double rel = fabs(x[a] * s - cd->value[a]) / cd->value[a];
            worst = rel > worst ? rel : worst;
            x[a] = 0.5 * x[a] + 0.5 * nx;
        }
        for (size_t b = 0; b < ck->n; b++) {
            double s = 0;
            for (size_t a = 0; a < cd->n; a++) {
                s += cd->count[a] * x[a] / (1 + x[a] * y[b]);
            }
            double ny = ck->value[b] / s;
            double rel = fabs(y[b] * s - ck->value[b]) / ck->value[b];
            worst = rel > worst ? rel : worst;
            y[b] = 0.5 * y[b] + 0.5 * ny;
        }
        if (worst < 1e-9) {
            break;
        }
    }
}

/*
 * Upper tail P[X >= w] of a Poisson-binomial with mean mu, variance s2 and
 * third central moment g3, by the refined normal approximation (Volkova
 * 1996; Hong 2013): F(k) ~ G((k + 0.5 - mu) / sigma), with
 * G(x) = Phi(x) + g3 (1 - x^2) phi(x) / (6 sigma^3).
 */
double mc_backbone_rna_upper(double w, double mu, double s2, double g3) {
    if (s2 <= 0) {
        return mu >= w ? 1.0 : 0.0;
    }
    double sigma = sqrt(s2);
    double x = (w - 0.5 - mu) / sigma;
    double p =
        gsl_cdf_ugaussian_Q(x) - g3 / (6 * s2 * sigma) * (1 - x * x) * gsl_ran_ugaussian_pdf(x);
    return p < 0 ? 0 : p > 1 ? 1 : p;
}

enum mc_status mc_backbone_bicm(const int32_t *vdeg, size_t nv, const int32_t *gsize, size_t ng,
                                double *prob, struct mc_error *err) {
    struct classes cd, ck;
    enum mc_status rc = classes_of(vdeg, nv, &cd, err);
    if (rc != MC_OK) {
        return rc;
    }
    rc = classes_of(gsize, ng, &ck, err);
    double *x = malloc((cd.n ? cd.n : 1) * sizeof *x);
    double *y = malloc((ck.n ? ck.n : 1) * sizeof *y);
    if (rc == MC_OK && (x == NULL || y == NULL)) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (backbone)");
    }
    if (rc == MC_OK) {
        bicm_fit(&cd, &ck, x, y);
        for (size_t i = 0; i < nv; i++) {
            for (size_t g = 0; g < ng; g++) {
                double xi = vdeg[i] > 0 ? x[class_index(&cd, vdeg[i])] : 0;
                double yg = gsize[g] > 0 ? y[class_index(&ck, gsize[g])] : 0;
                prob[i * ng + g] = xi * yg / (1 + xi * yg);
            }
        }
    }
    free(cd.value);
    free(cd.count);
    free(ck.value);
    free(ck.count);
    free(x);
    free(y);
    return rc;
}

static enum mc_status sdsm_pvalues(const struct mc_edgelist *el, const struct bipartite *bp,
                                   double *p, struct mc_error *err) {
    struct classes cd, ck;
    enum mc_status rc = classes_of(bp->vdeg, bp->n_vertices, &cd, err);
    if (rc != MC_OK) {
        return rc;
    }
    rc = classes_of(bp->gsize, bp->n_groups, &ck, err);
    if (rc != MC_OK) {
        free(cd.value);
        free(cd.count);
        return rc;
    }
    double *x = malloc((cd.n ? cd.n : 1) * sizeof *x);
    double *y = malloc((ck.n ? ck.n : 1) * sizeof *y);
    size_t npk = cd.n * ck.n;
    double *pk = malloc((npk ? npk : 1) * sizeof *pk); /* class a in a group of class b */
    /* mu, s2, g3 per unordered pair of node classes, computed on first use */
    size_t npair = cd.n * cd.n;
    double *cache = malloc((npair ? 3 * npair : 1) * sizeof *cache);
    uint8_t *have = calloc(npair ? npair : 1, 1);
    if (x == NULL || y == NULL || pk == NULL || cache == NULL || have == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (backbone)");
        goto out;
    }
    bicm_fit(&cd, &ck, x, y);
    for (size_t a = 0; a < cd.n; a++) {
        for (size_t b = 0; b < ck.n; b++) {
            pk[a * ck.n + b] = x[a] * y[b] / (1 + x[a] * y[b]);
        }
    }
    for (size_t e = 0; e < el->n_edges; e++) {
        size_t w = el->ev_off[e + 1] - el->ev_off[e];
        if (w == 0) {
            p[e] = 0;
            continue;
        }
        size_t a = class_index(&cd, bp->vdeg[el->from[e]]);
        size_t c = class_index(&cd, bp->vdeg[el->to[e]]);
        if (a > c) {
            size_t t = a;
            a = c;
            c = t;
        }
        double *m3 = cache + 3 * (a * cd.n + c);
        if (!have[a * cd.n + c]) {
            double mu = 0, s2 = 0, g3 = 0;
            for (size_t b = 0; b < ck.n; b++) {
                double q = pk[a * ck.n + b] * pk[c * ck.n + b];
                mu += ck.count[b] * q;
                s2 += ck.count[b] * q * (1 - q);
                g3 += ck.count[b] * q * (1 - q) * (1 - 2 * q);
            }
            m3[0] = mu;
            m3[1] = s2;
            m3[2] = g3;
            have[a * cd.n + c] = 1;
        }
        p[e] = mc_backbone_rna_upper((double)w, m3[0], m3[1], m3[2]);
    }
out:
    free(cd.value);
    free(cd.count);
    free(ck.value);
    free(ck.count);
    free(x);
    free(y);
    free(pk);
    free(cache);
    free(have);
    return rc;
}

/* P[X >= w], X ~ Hyp(N groups, k_i marked, k_j drawn) (Tumminello et al. 2011). */
static void hypergeom_pvalues(const struct mc_edgelist *el, const struct bipartite *bp, double *p) {
    unsigned int N = (unsigned int)bp->n_groups;
    for (size_t e = 0; e < el->n_edges; e++) {
        size_t w = el->ev_off[e + 1] - el->ev_off[e];
        if (w == 0) {
            p[e] = 0;
            continue;
        }
        unsigned int ki = (unsigned int)bp->vdeg[el->from[e]];
        unsigned int kj = (unsigned int)bp->vdeg[el->to[e]];
        p[e] = gsl_cdf_hypergeometric_Q((unsigned int)w - 1, ki, N - ki, kj);
    }
}

/*
 * Disparity filter (Serrano, Boguñá & Vespignani 2009): alpha_ij =
 * (1 - w_ij / s_i)^(k_i - 1), and the tie's p-value is the smaller of its
 * two ends' (a tie significant for either end stays). Every tie is tested.
 */
static enum mc_status disparity_pvalues(const struct mc_edgelist *el, double *p,
                                        struct mc_error *err) {
    size_t nv = el->n_vertices;
    double *s = calloc(nv ? nv : 1, sizeof *s);
    size_t *k = calloc(nv ? nv : 1, sizeof *k);
    if (s == NULL || k == NULL) {
        free(s);
        free(k);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (backbone)");
    }
    for (size_t e = 0; e < el->n_edges; e++) {
        s[el->from[e]] += el->weight[e];
        s[el->to[e]] += el->weight[e];
        k[el->from[e]]++;
        k[el->to[e]]++;
    }
    for (size_t e = 0; e < el->n_edges; e++) {
        double best = 1;
        int32_t ends[2] = {el->from[e], el->to[e]};
        for (int t = 0; t < 2; t++) {
            int32_t v = ends[t];
            if (k[v] > 1) {
                double a = pow(1 - el->weight[e] / s[v], (double)(k[v] - 1));
                best = a < best ? a : best;
            }
        }
        p[e] = best;
    }
    free(s);
    free(k);
    return MC_OK;
}

enum mc_status mc_backbone_pvalues(const struct mc_edgelist *el, enum mc_backbone method, double *p,
                                   struct mc_error *err) {
    if (method == MC_BACKBONE_NONE) {
        for (size_t e = 0; e < el->n_edges; e++) {
            p[e] = 0;
        }
        return MC_OK;
    }
    if (method == MC_BACKBONE_DISPARITY) {
        return disparity_pvalues(el, p, err);
    }
    if (el->ev_off == NULL) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "the %s backbone needs the groups behind each tie (view evidence)",
                            mc_backbone_name(method));
    }
    struct bipartite bp;
    enum mc_status rc = bipartite_from_evidence(el, &bp, err);
    if (rc != MC_OK) {
        return rc;
    }
    if (method == MC_BACKBONE_SDSM) {
        rc = sdsm_pvalues(el, &bp, p, err);
    } else {
        hypergeom_pvalues(el, &bp, p);
    }
    bipartite_destroy(&bp);
    return rc;
}

/* ==== multiple-test correction ==== */

struct ranked {
    double p;
    size_t e;
};

static int cmp_ranked(const void *x, const void *y) {
    const struct ranked *a = x, *b = y;
    if (a->p != b->p) {
        return a->p < b->p ? -1 : 1;
    }
    return (a->e > b->e) - (a->e < b->e);
}

enum mc_status mc_backbone_select(const double *p, const bool *tested, size_t m, double alpha,
                                  enum mc_mtc mtc, unsigned char *keep, struct mc_error *err) {
    size_t nt = 0;
    for (size_t e = 0; e < m; e++) {
        keep[e] = !tested[e];
        nt += tested[e];
    }
    if (nt == 0) {
        return MC_OK;
    }
    if (mtc == MC_MTC_NONE || mtc == MC_MTC_BONFERRONI) {
        double cut = mtc == MC_MTC_NONE ? alpha : alpha / (double)nt;
        for (size_t e = 0; e < m; e++) {
            if (tested[e] && p[e] <= cut) {
                keep[e] = 1;
            }
        }
        return MC_OK;
    }
    struct ranked *r = malloc(nt * sizeof *r);
    if (r == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (backbone)");
    }
    size_t k = 0;
    for (size_t e = 0; e < m; e++) {
        if (tested[e]) {
            r[k].p = p[e];
            r[k].e = e;
            k++;
        }
    }
    qsort(r, nt, sizeof *r, cmp_ranked);
    size_t nkeep = 0;
    if (mtc == MC_MTC_HOLM) {
        /* step-down: reject while p_(i) <= alpha / (n - i) */
        while (nkeep < nt && r[nkeep].p <= alpha / (double)(nt - nkeep)) {
            nkeep++;
        }
    } else {
        /* Benjamini-Hochberg step-up: the largest i with p_(i) <= i alpha / n */
        for (size_t i = nt; i > 0; i--) {
            if (r[i - 1].p <= (double)i * alpha / (double)nt) {
                nkeep = i;
                break;
            }
        }
    }
    for (size_t i = 0; i < nkeep; i++) {
        keep[r[i].e] = 1;
    }
    free(r);
    return MC_OK;
}

/* ==== filtering a view ==== */

enum mc_status mc_backbone_apply(struct mc_edgelist *el, const struct mc_backbone_options *opt,
                                 struct mc_backbone_stats *st, struct mc_error *err) {
    memset(st, 0, sizeof *st);
    bool recur = opt->min_groups > 1 && el->ev_off != NULL;
    if (opt->method == MC_BACKBONE_NONE && !recur) {
        st->kept = el->n_edges;
        return MC_OK;
    }
    size_t m = el->n_edges;
    double *p = malloc((m ? m : 1) * sizeof *p);
    bool *tested = calloc(m ? m : 1, sizeof *tested);
    unsigned char *keep = malloc(m ? m : 1);
    enum mc_status rc = MC_OK;
    if (p == NULL || tested == NULL || keep == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (backbone)");
        goto out;
    }
    if (opt->method != MC_BACKBONE_NONE) {
        rc = mc_backbone_pvalues(el, opt->method, p, err);
        if (rc != MC_OK) {
            goto out;
        }
    }
    for (size_t e = 0; e < m; e++) {
        bool direct = el->direct_w != NULL && el->direct_w[e] > 0;
        tested[e] = opt->method == MC_BACKBONE_DISPARITY ||
                    (!direct && el->ev_off != NULL && el->ev_off[e + 1] > el->ev_off[e]);
        if (opt->method == MC_BACKBONE_NONE || !tested[e]) {
            p[e] = 0;
        }
        if (!tested[e]) {
            st->direct++;
        } else {
            st->tested++;
        }
    }
    rc = mc_backbone_select(p, tested, m, opt->alpha, opt->mtc, keep, err);
    if (rc != MC_OK) {
        goto out;
    }
    /* recurrence: a projected tie needs min_groups distinct groups behind it (counted as
     * one-off whether or not it was also not significant) */
    for (size_t e = 0; recur && e < m; e++) {
        bool direct = el->direct_w != NULL && el->direct_w[e] > 0;
        if (!direct && el->ev_off[e + 1] - el->ev_off[e] < (size_t)opt->min_groups) {
            keep[e] = 0;
            st->one_off++;
        }
    }
    /* compact every per-edge array, evidence included */
    size_t k = 0, ev = 0;
    for (size_t e = 0; e < m; e++) {
        if (!keep[e]) {
            continue;
        }
        el->from[k] = el->from[e];
        el->to[k] = el->to[e];
        el->weight[k] = el->weight[e];
        p[k] = p[e];
        if (el->direct_w != NULL) {
            el->direct_w[k] = el->direct_w[e];
        }
        if (el->ev_off != NULL) {
            size_t lo = el->ev_off[e], hi = el->ev_off[e + 1];
            el->ev_off[k] = ev;
            memmove(el->ev_group + ev, el->ev_group + lo, (hi - lo) * sizeof *el->ev_group);
            ev += hi - lo;
        }
        k++;
    }
    if (el->ev_off != NULL) {
        el->ev_off[k] = ev;
    }
    st->kept = k;
    st->dropped = m - k;
    el->n_edges = k;
    if (opt->method != MC_BACKBONE_NONE) {
        free(el->pvalue);
        el->pvalue = p;
        p = NULL;
    }
out:
    free(p);
    free(tested);
    free(keep);
    return rc;
}
