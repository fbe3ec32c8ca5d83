#ifndef METACLUST_BACKBONE_H
#define METACLUST_BACKBONE_H

/*
 * Statistically validated backbones of affiliation projections: which ties
 * of a projected view are more than two organisations happening to sit in
 * the same large projects (README "Backbone").
 *
 *  - sdsm: stochastic degree sequence model (Neal 2014). The bipartite
 *    configuration model (BiCM) gives every (node, group) membership a
 *    probability p_ip = x_i y_p / (1 + x_i y_p) that keeps both degree
 *    sequences in expectation; the number of groups two nodes share is then
 *    Poisson-binomial, and its upper tail comes from the refined normal
 *    approximation, cached per pair of degree classes.
 *  - hypergeom: the number of shared groups against a hypergeometric null
 *    (Tumminello et al. 2011): P[X >= n_ij], X ~ Hyp(N groups, k_i, k_j).
 *  - disparity: the disparity filter on weights (Serrano et al. 2009), for
 *    views with no affiliation evidence.
 *
 * Only projected ties are tested: a direct edge (edges.csv) is always kept
 * (its p-value is 0). Memberships are read back from the edge list's
 * evidence (mc_view_options.evidence), so groups of one member, and groups
 * skipped by max_group_size, take no part.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "metaclust/error.h"

struct mc_edgelist;

enum mc_backbone {
    MC_BACKBONE_NONE = 0,
    MC_BACKBONE_SDSM,
    MC_BACKBONE_HYPERGEOM,
    MC_BACKBONE_DISPARITY
};

/* Multiple-test correction over the tested ties. */
enum mc_mtc { MC_MTC_NONE = 0, MC_MTC_FDR, MC_MTC_BONFERRONI, MC_MTC_HOLM };

struct mc_backbone_options {
    enum mc_backbone method; /* default: none (propose and batch choose their own) */
    double alpha;            /* default 0.05 */
    enum mc_mtc mtc;         /* default: fdr (Benjamini-Hochberg) */
    /*
     * Recurrence: a projected tie stays only when its two ends share at least
     * this many distinct groups (default 1: no condition). Direct ties stay.
     */
    int min_groups;
};

void mc_backbone_options_init(struct mc_backbone_options *o);

const char *mc_backbone_name(enum mc_backbone b);
bool mc_backbone_parse(const char *s, enum mc_backbone *out);
const char *mc_mtc_name(enum mc_mtc m);
bool mc_mtc_parse(const char *s, enum mc_mtc *out);

struct mc_backbone_stats {
    size_t tested;  /* projected ties tested */
    size_t kept;    /* ties kept in all, direct ones included */
    size_t dropped; /* tested ties not significant */
    size_t direct;  /* direct ties, kept untested */
    size_t one_off; /* projected ties dropped for sharing fewer than min_groups groups */
};

/*
 * One p-value per edge of `el` (p[e], e < el->n_edges), uncorrected; 0 for a
 * direct tie. Needs el->ev_off for sdsm and hypergeom.
 * Errors: MC_E_USAGE (no evidence for sdsm/hypergeom), MC_E_NOMEM.
 * Time complexity: O(P + m + C^2 G) with P the evidence entries and C, G the
 * distinct node and group degrees.
 */
enum mc_status mc_backbone_pvalues(const struct mc_edgelist *el, enum mc_backbone method, double *p,
                                   struct mc_error *err);

/*
 * Multiple-test corrected significance: keep[e] = 1 when the tie stays. `p`
 * holds el's p-values; `tested[e]` false marks ties that are not tested
 * (direct), kept always. Deterministic (ties of equal p keep edge order).
 */
enum mc_status mc_backbone_select(const double *p, const bool *tested, size_t m, double alpha,
                                  enum mc_mtc mtc, unsigned char *keep, struct mc_error *err);

/*
 * Upper tail P[X >= w] of a Poisson-binomial variable with mean mu, variance
 * s2 and third central moment g3, by the refined normal approximation,
 * clipped to [0, 1]. Exposed for tests.
 */
double mc_backbone_rna_upper(double w, double mu, double s2, double g3);

/*
 * The BiCM fit on explicit degree sequences (for tests and small data):
 * prob[i * ng + p] receives the probability that node i (degree vdeg[i]) is
 * in group p (size gsize[p]), so that rows sum to vdeg and columns to gsize.
 */
enum mc_status mc_backbone_bicm(const int32_t *vdeg, size_t nv, const int32_t *gsize, size_t ng,
                                double *prob, struct mc_error *err);

/*
 * Filters `el` in place to its backbone (edges, weights, evidence and
 * p-values compacted; el->pvalue is set for the edges kept when a method
 * is set): a projected tie stays when it is significant and its ends share
 * at least opt->min_groups groups. A no-op for MC_BACKBONE_NONE with
 * min_groups <= 1. Errors as mc_backbone_pvalues.
 */
enum mc_status mc_backbone_apply(struct mc_edgelist *el, const struct mc_backbone_options *opt,
                                 struct mc_backbone_stats *st, struct mc_error *err);

#endif
