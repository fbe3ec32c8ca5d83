#include "metaclust/backbone.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/graph.h"
#include "metaclust/util.h"

void mc_backbone_options_init(struct mc_backbone_options *o) {
    o->method = MC_BACKBONE_NONE;
    o->alpha = 0.05;
    o->mtc = MC_MTC_FDR;
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

enum mc_status mc_backbone_pvalues(const struct mc_edgelist *el, enum mc_backbone method, double *p,
                                   struct mc_error *err) {
    (void)method;
    for (size_t e = 0; e < el->n_edges; e++) {
        p[e] = 0;
    }
    (void)err;
    return MC_OK; /* TODO(backbone): implemented in the next commit */
}

enum mc_status mc_backbone_select(const double *p, const bool *tested, size_t m, double alpha,
                                  enum mc_mtc mtc, unsigned char *keep, struct mc_error *err) {
    (void)mtc;
    (void)err;
    for (size_t e = 0; e < m; e++) {
        keep[e] = !tested[e] || p[e] <= alpha;
    }
    return MC_OK;
}

enum mc_status mc_backbone_apply(struct mc_edgelist *el, const struct mc_backbone_options *opt,
                                 struct mc_backbone_stats *st, struct mc_error *err) {
    (void)el;
    (void)opt;
    (void)err;
    memset(st, 0, sizeof *st);
    return MC_OK;
}
