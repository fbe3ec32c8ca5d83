#include "metaclust/propose_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/csvio.h"
#include "metaclust/outfile.h"
#include "metaclust/report.h"
#include "metaclust/util.h"

#include "metaclust/version.h"

static const char *node_id(const struct mc_propose_run *r, int32_t n) {
    return r->ds->ids.keys[n];
}

static const char *node_name(const struct mc_propose_run *r, int32_t n) {
    return r->ds->node_name[n];
}

static const char *node_country(const struct mc_propose_run *r, int32_t n) {
    return mc_dataset_country_name(r->ds, r->ds->node_country[n]);
}

static const char *sector_name(const struct mc_propose_run *r,
                               const struct mc_sector_proposals *sp) {
    if (sp->cross_sector) {
        return "cross-sector";
    }
    return sp->sector >= 0 ? mc_dataset_sector_name(r->ds, sp->sector) : "all";
}

static const char *country_code(const struct mc_propose_run *r, int32_t c) {
    return c >= 0 ? r->ds->countries.keys[c] : "??";
}

/* "CZ:3;PL:2;SK:1" */
static void country_list(const struct mc_propose_run *r, const struct mc_proposal *p, char *buf,
                         size_t bufsz, const char *sep, const char *colon) {
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < p->size && o < bufsz; i++) {
        if (p->countries[i].count == 0) {
            break;
        }
        int w = snprintf(buf + o, bufsz - o, "%s%s%s%zu", i ? sep : "",
                         country_code(r, p->countries[i].country), colon, p->countries[i].count);
        if (w < 0) {
            break;
        }
        o += (size_t)w;
    }
}

static bool field_real(FILE *f, double x) {
    char buf[MC_REAL_BUFSZ];
    return mc_csv_field(f, mc_fmt_real(buf, x), false);
}

static bool field_size(FILE *f, size_t x, bool first) {
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", x);
    return mc_csv_field(f, buf, first);
}

static void via_list(const struct mc_propose_run *r, const struct mc_link *l, char *buf,
                     size_t bufsz, const char *sep);

/* ==== CSV files ==== */

static bool write_proposals_csv(FILE *f, const struct mc_propose_run *r) {
    static const char *const hdr[] = {
        "rank",      "sector",       "proposal",           "size",
        "countries", "country_list", "coordinator_id",     "coordinator_name",
        "cohesion",  "diversity",    "cross_border_share", "stability",
        "score",     "members",      "coordinator_rule",   "dropped"};
    bool ok = mc_csv_row(f, MC_ARRAY_SIZE(hdr), hdr);
    for (size_t s = 0; ok && s < r->n_sectors; s++) {
        const struct mc_sector_proposals *sp = &r->sectors[s];
        for (size_t i = 0; ok && i < sp->n_proposals; i++) {
            const struct mc_proposal *p = &sp->proposals[i];
            char list[512];
            country_list(r, p, list, sizeof list, ";", ":");
            ok = field_size(f, (size_t)p->rank, true) &&
                 mc_csv_field(f, sector_name(r, sp), false) && mc_csv_field(f, p->id, false) &&
                 field_size(f, p->size, false) && field_size(f, p->n_countries, false) &&
                 mc_csv_field(f, list, false) &&
                 mc_csv_field(f, node_id(r, p->coordinator), false) &&
                 mc_csv_field(f, node_name(r, p->coordinator), false) &&
                 field_real(f, p->cohesion) && field_real(f, p->diversity) &&
                 field_real(f, p->cross_border_share) && field_real(f, p->stability) &&
                 field_real(f, p->score);
            /* members: ids joined by ';' */
            size_t len = 1;
            for (size_t k = 0; k < p->size; k++) {
                len += strlen(node_id(r, p->members[k].node)) + 1;
            }
            char *m = malloc(len);
            if (m == NULL) {
                return false;
            }
            size_t o = 0;
            for (size_t k = 0; k < p->size; k++) {
                const char *id = node_id(r, p->members[k].node);
                size_t l = strlen(id);
                if (k) {
                    m[o++] = ';';
                }
                memcpy(m + o, id, l);
                o += l;
            }
            m[o] = '\0';
            ok = ok && mc_csv_field(f, m, false) &&
                 mc_csv_field(f, mc_coord_rule_name(p->coord_rule), false) &&
                 field_size(f, p->n_dropped, false) && mc_csv_end(f);
            free(m);
        }
    }
    return ok;
}

static bool write_members_csv(FILE *f, const struct mc_propose_run *r) {
    static const char *const hdr[] = {"proposal", "id",       "name",          "country",
                                      "role",     "within_z", "participation", "confidence"};
    bool ok = mc_csv_row(f, MC_ARRAY_SIZE(hdr), hdr);
    for (size_t s = 0; ok && s < r->n_sectors; s++) {
        const struct mc_sector_proposals *sp = &r->sectors[s];
        for (size_t i = 0; ok && i < sp->n_proposals; i++) {
            const struct mc_proposal *p = &sp->proposals[i];
            for (size_t k = 0; ok && k < p->size; k++) {
                const struct mc_member *mb = &p->members[k];
                ok = mc_csv_field(f, p->id, true) && mc_csv_field(f, node_id(r, mb->node), false) &&
                     mc_csv_field(f, node_name(r, mb->node), false) &&
                     mc_csv_field(f, node_country(r, mb->node), false) &&
                     mc_csv_field(f, mc_member_role_name(mb->role), false) &&
                     field_real(f, mb->within_z) && field_real(f, mb->participation) &&
                     field_real(f, mb->confidence) && mc_csv_end(f);
            }
        }
    }
    return ok;
}

static bool write_links_csv(FILE *f, const struct mc_propose_run *r) {
    static const char *const hdr[] = {"proposal", "source", "target", "score", "shared_neighbours",
                                      "via"};
    bool ok = mc_csv_row(f, MC_ARRAY_SIZE(hdr), hdr);
    for (size_t s = 0; ok && s < r->n_sectors; s++) {
        const struct mc_sector_proposals *sp = &r->sectors[s];
        for (size_t i = 0; ok && i < sp->n_proposals; i++) {
            const struct mc_proposal *p = &sp->proposals[i];
            for (size_t k = 0; ok && k < p->n_links; k++) {
                const struct mc_link *l = &p->links[k];
                ok = mc_csv_field(f, p->id, true) && mc_csv_field(f, node_id(r, l->a), false) &&
                     mc_csv_field(f, node_id(r, l->b), false) && field_real(f, l->score) &&
                     field_size(f, (size_t)l->shared, false);
                char via[512];
                via_list(r, l, via, sizeof via, ";");
                ok = ok && mc_csv_field(f, via, false) && mc_csv_end(f);
            }
        }
    }
    return ok;
}

static bool write_rejected_csv(FILE *f, const struct mc_propose_run *r) {
    static const char *const hdr[] = {"sector", "candidate", "size",    "countries", "country_list",
                                      "kind",   "reason",    "members", "fix",       "group"};
    bool ok = mc_csv_row(f, MC_ARRAY_SIZE(hdr), hdr);
    for (size_t s = 0; ok && s < r->n_sectors; s++) {
        const struct mc_sector_proposals *sp = &r->sectors[s];
        for (size_t i = 0; ok && i < sp->n_rejected; i++) {
            const struct mc_rejection *x = &sp->rejected[i];
            ok = mc_csv_field(f, sector_name(r, sp), true) &&
                 mc_csv_field(f, x->candidate, false) && field_size(f, x->size, false) &&
                 field_size(f, x->n_countries, false) && mc_csv_field(f, x->countries, false) &&
                 mc_csv_field(f, x->kind, false) && mc_csv_field(f, x->reason, false) &&
                 mc_csv_field(f, x->members, false) && mc_csv_field(f, x->fix, false) &&
                 mc_csv_field(f, x->group >= 0 ? r->ds->groups.keys[x->group] : "", false) &&
                 mc_csv_end(f);
        }
    }
    return ok;
}

/* The ids of a link's shared partners, joined by sep. */
static void via_list(const struct mc_propose_run *r, const struct mc_link *l, char *buf,
                     size_t bufsz, const char *sep) {
    size_t o = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < l->n_via && o < bufsz; k++) {
        int w = snprintf(buf + o, bufsz - o, "%s%s", k ? sep : "", node_id(r, l->via[k]));
        o += w > 0 ? (size_t)w : 0;
    }
}

static bool write_evidence_csv(FILE *f, const struct mc_propose_run *r) {
    static const char *const hdr[] = {"proposal", "source", "target", "weight", "groups"};
    bool ok = mc_csv_row(f, MC_ARRAY_SIZE(hdr), hdr);
    char *buf = NULL;
    size_t cap = 0;
    for (size_t s = 0; ok && s < r->n_sectors; s++) {
        const struct mc_sector_proposals *sp = &r->sectors[s];
        for (size_t i = 0; ok && i < sp->n_proposals; i++) {
            const struct mc_proposal *p = &sp->proposals[i];
            for (size_t k = 0; ok && k < p->n_ties; k++) {
                const struct mc_tie *t = &p->ties[k];
                size_t len = 1;
                for (size_t g = 0; g < t->g_n; g++) {
                    len += strlen(r->ds->groups.keys[p->tie_groups[t->g_off + g]]) + 1;
                }
                if (len > cap) {
                    char *nb = realloc(buf, len);
                    if (nb == NULL) {
                        ok = false;
                        break;
                    }
                    buf = nb;
                    cap = len;
                }
                size_t o = 0;
                for (size_t g = 0; g < t->g_n; g++) {
                    const char *id = r->ds->groups.keys[p->tie_groups[t->g_off + g]];
                    if (g > 0) {
                        buf[o++] = ';';
                    }
                    memcpy(buf + o, id, strlen(id));
                    o += strlen(id);
                }
                buf[o] = '\0';
                ok = mc_csv_field(f, p->id, true) && mc_csv_field(f, node_id(r, t->a), false) &&
                     mc_csv_field(f, node_id(r, t->b), false) && field_real(f, t->weight) &&
                     mc_csv_field(f, buf, false) && mc_csv_end(f);
            }
        }
    }
    free(buf);
    return ok;
}

static bool dropped_rows(FILE *f, const struct mc_propose_run *r,
                         const struct mc_sector_proposals *sp, const char *proposal,
                         const char *candidate, const struct mc_drop *d, size_t n) {
    bool ok = true;
    for (size_t k = 0; ok && k < n; k++) {
        ok = mc_csv_field(f, sector_name(r, sp), true) && mc_csv_field(f, proposal, false) &&
             mc_csv_field(f, candidate, false) && mc_csv_field(f, node_id(r, d[k].node), false) &&
             mc_csv_field(f, node_name(r, d[k].node), false) &&
             mc_csv_field(f, node_country(r, d[k].node), false) &&
             mc_csv_field(f, d[k].reason, false) && mc_csv_end(f);
    }
    return ok;
}

static bool write_dropped_csv(FILE *f, const struct mc_propose_run *r) {
    static const char *const hdr[] = {"sector", "proposal", "candidate", "id",
                                      "name",   "country",  "reason"};
    bool ok = mc_csv_row(f, MC_ARRAY_SIZE(hdr), hdr);
    for (size_t s = 0; ok && s < r->n_sectors; s++) {
        const struct mc_sector_proposals *sp = &r->sectors[s];
        for (size_t i = 0; ok && i < sp->n_proposals; i++) {
            const struct mc_proposal *p = &sp->proposals[i];
            ok = dropped_rows(f, r, sp, p->id, p->origin, p->dropped, p->n_dropped);
        }
        for (size_t i = 0; ok && i < sp->n_rejected; i++) {
            const struct mc_rejection *x = &sp->rejected[i];
            ok = dropped_rows(f, r, sp, "", x->candidate, x->dropped, x->n_dropped);
        }
    }
    return ok;
}

/* ==== Markdown ==== */

/* Markdown-safe text: pipes and backslashes would break tables. */
static void md_text(FILE *f, const char *s) {
    for (; *s; s++) {
        if (*s == '|' || *s == '\\' || *s == '*' || *s == '_' || *s == '`') {
            fputc('\\', f);
        }
        fputc(*s == '\n' ? ' ' : *s, f);
    }
}

static void md_node(FILE *f, const struct mc_propose_run *r, int32_t n) {
    md_text(f, node_name(r, n));
    const char *c = node_country(r, n);
    if (strcmp(node_name(r, n), node_id(r, n)) != 0) {
        fprintf(f, " (`%s`%s%s)", node_id(r, n), *c ? ", " : "", c);
    } else if (*c) {
        fprintf(f, " (%s)", c);
    }
}

/* "0.421", or "n/a" where there is no value (a sector without ties has no modularity). */
static const char *num3(char *buf, double x) {
    if (isfinite(x)) {
        snprintf(buf, 16, "%.3f", x);
    } else {
        snprintf(buf, 16, "n/a");
    }
    return buf;
}

static const char *pct(char *buf, double x) {
    snprintf(buf, 16, "%.0f%%", 100 * x);
    return buf;
}

static void md_reasons(FILE *f, const struct mc_sector_proposals *sp) {
    static const char *const kinds[] = {"too small",          "too few countries",
                                        "country share",      "too large",
                                        "cross-border share", "existing group",
                                        "no coordinator",     "not cross-sector"};
    bool any = false;
    for (size_t k = 0; k < MC_ARRAY_SIZE(kinds); k++) {
        size_t n = 0;
        for (size_t i = 0; i < sp->n_rejected; i++) {
            n += strcmp(sp->rejected[i].kind, kinds[k]) == 0;
        }
        if (n > 0) {
            fprintf(f, "%s%s: %zu", any ? ", " : "", kinds[k], n);
            any = true;
        }
    }
}

/* Members dropped by a repair step, one bullet each. */
static void md_drops(FILE *f, const struct mc_propose_run *r, const struct mc_drop *d, size_t n) {
    for (size_t k = 0; k < n; k++) {
        fprintf(f, "- ");
        md_node(f, r, d[k].node);
        fprintf(f, ": ");
        md_text(f, d[k].reason);
        fprintf(f, "\n");
    }
    fprintf(f, "\n");
}

/* "'Name' (id, 2016)" for a dataset group, Markdown-safe. */
static void md_group(FILE *f, const struct mc_dataset *ds, int32_t g) {
    const char *id = ds->groups.keys[g];
    const char *name = ds->group_name != NULL ? ds->group_name[g] : NULL;
    long year = ds->group_year != NULL ? ds->group_year[g] : 0;
    if (name != NULL && name[0] != '\0' && strcmp(name, id) != 0) {
        md_text(f, name);
        fprintf(f, " (`%s`", id);
    } else {
        fprintf(f, "`%s` (", id);
    }
    if (year > 0) {
        fprintf(f, "%s%ld", name != NULL && name[0] != '\0' && strcmp(name, id) != 0 ? ", " : "",
                year);
    }
    fprintf(f, ")");
}

#define MD_GROUPS 5 /* groups named per proposal */

/* The groups that tie the members: what the proposal rests on. */
static void md_groups(FILE *f, const struct mc_propose_run *r, const struct mc_proposal *p) {
    char a[16];
    size_t direct = 0;
    for (size_t k = 0; k < p->n_ties; k++) {
        direct += p->ties[k].g_n == 0;
    }
    fprintf(f, "**Evidence:** %zu tie%s among the members", p->n_ties, p->n_ties == 1 ? "" : "s");
    if (direct > 0) {
        fprintf(f, " (%zu direct)", direct);
    }
    if (p->n_groups == 0) {
        fprintf(f, ".\n\n");
        return;
    }
    fprintf(f, "; %zu group%s hold%s two members or more. The groups that tie it most:\n\n",
            p->n_groups, p->n_groups == 1 ? "" : "s", p->n_groups == 1 ? "s" : "");
    for (size_t k = 0; k < p->n_groups && k < MD_GROUPS; k++) {
        const struct mc_group_share *g = &p->groups[k];
        fprintf(f, "- ");
        md_group(f, r->ds, g->group);
        fprintf(f, ": %zu of the %zu members, %s of the weight among them\n", g->members, p->size,
                pct(a, p->group_total > 0 ? g->weight / p->group_total : 0));
    }
    if (p->n_groups > MD_GROUPS) {
        fprintf(f, "- and %zu more (evidence.csv lists the groups behind every tie)\n",
                p->n_groups - MD_GROUPS);
    }
    fprintf(f, "\n");
}

/* Whether the ';'-joined list holds the name. */
static bool joins(const char *list, const char *name) {
    size_t n = strlen(name);
    for (const char *p = list; *p != '\0';) {
        size_t len = strcspn(p, ";");
        if (len == n && strncmp(p, name, n) == 0) {
            return true;
        }
        p += len + (p[len] == ';');
    }
    return false;
}

static void md_proposal(FILE *f, const struct mc_propose_run *r,
                        const struct mc_sector_proposals *sp, const struct mc_proposal *p) {
    const struct mc_dataset *ds = r->ds;
    char a[16], b[16], list[512];
    country_list(r, p, list, sizeof list, ", ", " ");
    fprintf(f, "### %s — %zu members from %zu countries (score %.2f)\n\n", p->id, p->size,
            p->n_countries, p->score);
    if (sp->cross_sector) {
        fprintf(f,
                "**Sectors joined:** %s; %s of the internal weight links members of different "
                "sectors",
                p->sectors_joined, pct(a, p->bridge_share));
        for (size_t k = 0; k < r->n_emerging; k++) {
            if (joins(p->sectors_joined, mc_dataset_sector_name(ds, r->emerging_a[k])) &&
                joins(p->sectors_joined, mc_dataset_sector_name(ds, r->emerging_b[k]))) {
                fprintf(f, " (*emerging pair*)");
                break;
            }
        }
        fprintf(f, ".  \n");
    }
    fprintf(f, "**Countries:** %s.  \n", list);
    fprintf(f, "**Coordinator:** ");
    md_node(f, r, p->coordinator);
    fprintf(f, " — chosen by ");
    md_text(f, p->coord_reason);
    if (ds->node_label[p->coordinator] != MC_LABEL_NONE && p->coord_rule != MC_COORD_LABEL) {
        fprintf(f, "; ESCA %s label", mc_label_name((enum mc_label)ds->node_label[p->coordinator]));
    }
    fprintf(f, ".\n\n");
    md_groups(f, r, p);
    fprintf(f, "Why this group:\n\n");
    fprintf(f,
            "- **cohesion %.2f**: %s of its members' cooperation weight stays inside the group "
            "(conductance %.2f); %s of the possible pairs already cooperate (density %.2f);\n",
            p->cohesion, pct(a, p->cohesion), p->conductance, pct(b, p->density), p->density);
    fprintf(f,
            "- **diversity %.2f** (Blau index over countries): %.1f effective countries, the "
            "largest country holds %s of the members;\n",
            p->diversity, p->effective_countries, pct(a, p->max_share));
    fprintf(f,
            "- **cross-border ties %.2f**: %s of the internal cooperation weight crosses a "
            "border;\n",
            p->cross_border_share, pct(a, p->cross_border_share));
    fprintf(f,
            "- **stability %.2f**: members share this community in %s of the Leiden runs on "
            "average;\n",
            p->stability, pct(a, p->stability));
    fprintf(f,
            "- **internal weight %.4g** (strength score %.2f against the sector's strongest "
            "group).\n\n",
            p->internal_weight, p->strength_score);
    if (p->n_dropped > 0) {
        fprintf(f, "Dropped from %s (%zu member%s, also in dropped.csv):\n\n", p->origin,
                p->n_dropped, p->n_dropped == 1 ? "" : "s");
        md_drops(f, r, p->dropped, p->n_dropped);
    }
    fprintf(f, "| member | country | role | strength inside | z | P | confidence |\n");
    /* roles: README "metaclust propose"; peripheral is Guimera-Amaral's ordinary member (R2) */
    fprintf(f, "| --- | --- | --- | ---: | ---: | ---: | ---: |\n");
    for (size_t k = 0; k < p->size; k++) {
        const struct mc_member *mb = &p->members[k];
        fprintf(f, "| ");
        md_text(f, node_name(r, mb->node));
        fprintf(f, " | %s | %s | %.4g | %.2f | %.2f | %.2f |\n", node_country(r, mb->node),
                mc_member_role_name(mb->role), mb->strength_in, mb->within_z, mb->participation,
                mb->confidence);
    }
    fprintf(f, "\n");
    if (p->n_links > 0) {
        fprintf(f, "Suggested first links (unlinked members in different countries with the most "
                   "shared partners, by resource allocation):\n\n");
        for (size_t k = 0; k < p->n_links; k++) {
            const struct mc_link *l = &p->links[k];
            fprintf(f, "%zu. ", k + 1);
            md_node(f, r, l->a);
            fprintf(f, " — ");
            md_node(f, r, l->b);
            fprintf(f, ": %" IGRAPH_PRId " shared partner%s (score %.3g)", l->shared,
                    l->shared == 1 ? "" : "s", l->score);
            for (size_t v = 0; v < l->n_via; v++) {
                fprintf(f, "%s", v == 0 ? ", through " : v + 1 == l->n_via ? " and " : ", ");
                md_node(f, r, l->via[v]);
            }
            fprintf(f, "\n");
        }
        fprintf(f, "\n");
    } else {
        fprintf(f, "Every cross-border pair with shared partners already cooperates: no missing "
                   "link to suggest.\n\n");
    }
}

/* What the recurrence rule and the backbone kept of the sector's ties. */
static void md_filter(FILE *f, const struct mc_sector_proposals *sp) {
    const struct mc_backbone_stats *st = &sp->filtered;
    size_t sig = st->dropped - st->one_off;
    if (st->tested == 0) {
        return;
    }
    fprintf(f, "Ties: %zu of the %zu ties projected from shared groups recur and are "
               "significant",
            st->tested - st->dropped, st->tested);
    if (st->one_off > 0 || sig > 0) {
        fprintf(f, " (");
        if (st->one_off > 0) {
            fprintf(f, "%zu dropped as one-off, resting on fewer than %d shared groups", st->one_off,
                    sp->backbone.min_groups);
        }
        if (sig > 0) {
            fprintf(f, "%s%zu not significant under the %s backbone at alpha %g", st->one_off ? "; " : "",
                    sig, mc_backbone_name(sp->backbone.method), sp->backbone.alpha);
        }
        fprintf(f, ")");
    }
    if (st->direct > 0) {
        fprintf(f, "; %zu direct tie%s kept as given", st->direct, st->direct == 1 ? "" : "s");
    }
    fprintf(f, ".\n\n");
}

#define MD_NEAR 10 /* near misses and existing groups listed per sector */

/* Rejected groups that one to three additions would qualify, and existing consortia. */
static void md_near_misses(FILE *f, const struct mc_propose_run *r,
                           const struct mc_sector_proposals *sp) {
    (void)r;
    size_t near = 0, existing = 0;
    for (size_t i = 0; i < sp->n_rejected; i++) {
        near += strncmp(sp->rejected[i].fix, "adding ", 7) == 0;
        existing += strcmp(sp->rejected[i].kind, "existing group") == 0;
    }
    if (near > 0) {
        fprintf(f, "#### Near misses\n\nRejected groups that would qualify with one to three "
                   "more members (all %zu in rejected.csv, column `fix`):\n\n",
                near);
        size_t shown = 0;
        for (size_t i = 0; i < sp->n_rejected && shown < MD_NEAR; i++) {
            const struct mc_rejection *x = &sp->rejected[i];
            if (strncmp(x->fix, "adding ", 7) != 0) {
                continue;
            }
            fprintf(f, "- %s (%zu members; %s): ", x->candidate, x->size, x->countries);
            md_text(f, x->reason);
            fprintf(f, ". ");
            md_text(f, x->fix);
            fprintf(f, ".\n");
            shown++;
        }
        fprintf(f, "\n");
    }
    if (existing > 0) {
        fprintf(f, "#### Existing groups\n\n%zu candidate%s %s one existing group (it holds "
                   "%.0f%% of the members or more and gives %.0f%% of the weight of their ties or "
                   "more). An existing consortium is not a proposal:\n\n",
                existing, existing == 1 ? "" : "s", existing == 1 ? "is" : "are",
                100 * 0.8, 100 * 0.8);
        size_t shown = 0;
        for (size_t i = 0; i < sp->n_rejected && shown < MD_NEAR; i++) {
            const struct mc_rejection *x = &sp->rejected[i];
            if (strcmp(x->kind, "existing group") != 0) {
                continue;
            }
            fprintf(f, "- %s: ", x->candidate);
            md_text(f, x->reason);
            fprintf(f, "\n");
            shown++;
        }
        fprintf(f, "\n");
    }
}

static bool write_md(FILE *f, const struct mc_propose_run *r) {
    const struct mc_propose_options *o = r->opt;
    fprintf(f, "# Meta-cluster proposals: ");
    md_text(f, r->ds->name);
    fprintf(f, "\n\n");
    fprintf(f,
            "Proposed by metaclust %s from the cooperation network (projection `%s`), with "
            "%s%d Leiden runs per sector (seed %lu) and these constraints: at least %d "
            "countries, no country above %.0f%% of the members, %d to %d members.\n\n",
            MC_VERSION, mc_projection_name(r->projection), o->runs_exact ? "" : "at most ",
            o->runs, o->seed, o->min_countries,
            100 * o->max_share, o->min_size, o->max_size);
    fprintf(f,
            "How to read it. A tie between two organisations counts only when it recurs: they "
            "share at least %d groups (projects), or a direct link says they cooperate; one "
            "consortium met once is not a meta-cluster. Groups are communities of these ties "
            "(Leiden, on the ties as they are and with ties inside a country at %.2g of their "
            "weight). Every member must have a tie inside the group to a member from another "
            "country; members that do not are dropped and named. A group that one existing "
            "group (project) dominates is rejected as an existing group. The coordinator belongs "
            "to the sector and is chosen by lead role, ESCA label, size, strength inside the "
            "group, PageRank, then id; each proposal says which of these decided. evidence.csv "
            "lists the groups behind every tie; rejected.csv says why each other group failed "
            "and what would qualify it.\n\n",
            r->sectors != NULL && r->n_sectors > 0 && r->sectors[0].backbone.min_groups > 1
                ? r->sectors[0].backbone.min_groups
                : 1,
            o->domestic_weight);
    fprintf(f,
            "Scores combine cohesion (%.0f%%), country diversity (%.0f%%), cross-border ties "
            "(%.0f%%), stability (%.0f%%) and internal strength (%.0f%%); they order the "
            "proposals, the components explain them.\n\n",
            30.0, 25.0, 20.0, 15.0, 10.0);
    fprintf(f, "Member roles: the *coordinator* is chosen as above; a *hub* "
               "has within-group strength at least one standard deviation above the group's mean "
               "(z >= 1); a *connector* spreads at least half of its cooperation over other "
               "groups (participation P >= 0.5); every other member is *peripheral*, an ordinary "
               "member (Guimera & Amaral's R2). Confidence: how often a member shares its "
               "community with the others over the Leiden runs.\n\n");
    fprintf(f, "| sector | nodes | edges | communities | modularity | stability (NMI) | "
               "proposals | rejected |\n");
    fprintf(f, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    size_t total = 0;
    for (size_t s = 0; s < r->n_sectors; s++) {
        const struct mc_sector_proposals *sp = &r->sectors[s];
        fprintf(f, "| ");
        md_text(f, sector_name(r, sp));
        char q[16], nmi[16];
        fprintf(f, " | %zu | %zu | %" IGRAPH_PRId " | %s | %s | %zu | %zu |\n", sp->nodes,
                sp->edges, sp->communities, num3(q, sp->modularity), num3(nmi, sp->nmi_mean),
                sp->n_proposals,
                sp->n_rejected);
        total += sp->n_proposals;
    }
    fprintf(f, "\n");
    if (total == 0) {
        fprintf(f, "No group meets the constraints. Try fewer countries (`--min-countries`), a "
                   "higher country share (`--max-share`) or another sector.\n\n");
    }
    for (size_t s = 0; s < r->n_sectors; s++) {
        const struct mc_sector_proposals *sp = &r->sectors[s];
        fprintf(f, "## Sector: ");
        md_text(f, sector_name(r, sp));
        fprintf(f, "\n\n");
        char q[16], nmi[16];
        fprintf(f,
                "%zu proposal%s from %zu candidate group%s (%" IGRAPH_PRId " communit%s, "
                "modularity %s, mean NMI between runs %s). Leiden runs: %d (%s).",
                sp->n_proposals, sp->n_proposals == 1 ? "" : "s", sp->candidates,
                sp->candidates == 1 ? "" : "s", sp->communities, sp->communities == 1 ? "y" : "ies",
                num3(q, sp->modularity), num3(nmi, sp->nmi_mean), sp->runs,
                mc_comm_stop_explain(sp->stop));
        if (sp->n_rejected > 0) {
            fprintf(f, " Rejected: ");
            md_reasons(f, sp);
            fprintf(f, " (see rejected.csv).");
        }
        fprintf(f, "\n\n");
        md_filter(f, sp);
        if (sp->cross_sector && r->n_emerging > 0) {
            fprintf(f, "Emerging sector pairs (their cross-sector ties grew most between the two "
                       "halves of the period; `metaclust sectors` ranks them all): ");
            for (size_t k = 0; k < r->n_emerging; k++) {
                fprintf(f, "%s", k ? ", " : "");
                md_text(f, mc_dataset_sector_name(r->ds, r->emerging_a[k]));
                fprintf(f, " × ");
                md_text(f, mc_dataset_sector_name(r->ds, r->emerging_b[k]));
            }
            fprintf(f, ". A proposal that joins one of them is marked *emerging pair*.\n\n");
        }
        if (sp->nodes < 2 || sp->edges == 0) {
            fprintf(f, "No proposal: the sector has %zu node%s and %zu tie%s, so there is no "
                       "group to propose.",
                    sp->nodes, sp->nodes == 1 ? "" : "s", sp->edges, sp->edges == 1 ? "" : "s");
            if (sp->filtered.one_off > 0 && sp->edges == 0) {
                fprintf(f, " Every tie rests on a single shared group: the members cooperate "
                           "only within existing consortia. `--min-groups 1 --backbone none` "
                           "shows those consortia (an existing group is rejected, not "
                           "proposed).");
            }
            fprintf(f, "\n\n");
        }
        size_t top =
            r->report_top > 0 && r->report_top < sp->n_proposals ? r->report_top : sp->n_proposals;
        for (size_t i = 0; i < top; i++) {
            md_proposal(f, r, sp, &sp->proposals[i]);
        }
        if (top < sp->n_proposals) {
            fprintf(f, "#### The other %zu proposals of this sector\n\n", sp->n_proposals - top);
            fprintf(f, "Details for every proposal are in proposals.csv, members.csv and "
                       "proposals.json.\n\n");
            fprintf(f, "| proposal | size | countries | coordinator | cohesion | diversity | "
                       "score |\n");
            fprintf(f, "| --- | ---: | --- | --- | ---: | ---: | ---: |\n");
            for (size_t i = top; i < sp->n_proposals; i++) {
                const struct mc_proposal *p = &sp->proposals[i];
                char list[512];
                country_list(r, p, list, sizeof list, ", ", " ");
                fprintf(f, "| %s | %zu | %s | ", p->id, p->size, list);
                md_node(f, r, p->coordinator);
                fprintf(f, " | %.2f | %.2f | %.2f |\n", p->cohesion, p->diversity, p->score);
            }
            fprintf(f, "\n");
        }
        md_near_misses(f, r, sp);
    }
    return !ferror(f);
}

/* ==== JSON ==== */

static json_t *json_node(const struct mc_propose_run *r, int32_t n) {
    json_t *o = json_object();
    if (o && mc_json_put(o, "id", json_string(node_id(r, n))) &&
        mc_json_put(o, "name", json_string(node_name(r, n))) &&
        mc_json_put(o, "country", json_string(node_country(r, n)))) {
        return o;
    }
    json_decref(o);
    return NULL;
}

static json_t *json_drops(const struct mc_propose_run *r, const struct mc_drop *d, size_t n) {
    json_t *a = json_array();
    for (size_t k = 0; a != NULL && k < n; k++) {
        json_t *o = json_node(r, d[k].node);
        if (o == NULL || !mc_json_put(o, "reason", json_string(d[k].reason))) {
            json_decref(o);
            json_decref(a);
            return NULL;
        }
        if (json_array_append_new(a, o) != 0) { /* o is released by jansson */
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *json_via(const struct mc_propose_run *r, const struct mc_link *l) {
    json_t *a = json_array();
    for (size_t k = 0; a != NULL && k < l->n_via; k++) {
        if (json_array_append_new(a, json_string(node_id(r, l->via[k]))) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *json_groups(const struct mc_propose_run *r, const struct mc_proposal *p) {
    json_t *a = json_array();
    const struct mc_dataset *ds = r->ds;
    for (size_t k = 0; a != NULL && k < p->n_groups; k++) {
        const struct mc_group_share *g = &p->groups[k];
        json_t *o = json_object();
        const char *name = ds->group_name != NULL ? ds->group_name[g->group] : NULL;
        long year = ds->group_year != NULL ? ds->group_year[g->group] : 0;
        bool ok = o && mc_json_put(o, "id", json_string(ds->groups.keys[g->group])) &&
                  mc_json_put(o, "name", name ? json_string(name) : json_null()) &&
                  mc_json_put(o, "year", year > 0 ? json_integer(year) : json_null()) &&
                  mc_json_put(o, "members", json_integer((json_int_t)g->members)) &&
                  mc_json_put(o, "weight_share",
                              mc_json_real(p->group_total > 0 ? g->weight / p->group_total : 0)) &&
                  json_array_append_new(a, o) == 0;
        if (!ok) {
            json_decref(o);
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *json_proposal(const struct mc_propose_run *r, const struct mc_sector_proposals *sp,
                             const struct mc_proposal *p) {
    json_t *o = json_object(), *countries = json_object(), *comp = json_object(),
           *members = json_array(), *links = json_array();
    bool ok = o && countries && comp && members && links;
    for (size_t i = 0; ok && i < p->size && p->countries[i].count > 0; i++) {
        ok = mc_json_put(countries, country_code(r, p->countries[i].country),
                         json_integer((json_int_t)p->countries[i].count));
    }
    ok = ok && mc_json_put(comp, "cohesion", mc_json_real(p->cohesion)) &&
         mc_json_put(comp, "conductance", mc_json_real(p->conductance)) &&
         mc_json_put(comp, "density", mc_json_real(p->density)) &&
         mc_json_put(comp, "diversity", mc_json_real(p->diversity)) &&
         mc_json_put(comp, "blau", mc_json_real(p->blau)) &&
         mc_json_put(comp, "effective_countries", mc_json_real(p->effective_countries)) &&
         mc_json_put(comp, "max_country_share", mc_json_real(p->max_share)) &&
         mc_json_put(comp, "cross_border_share", mc_json_real(p->cross_border_share)) &&
         mc_json_put(comp, "stability", mc_json_real(p->stability)) &&
         mc_json_put(comp, "internal_weight", mc_json_number(p->internal_weight)) &&
         mc_json_put(comp, "cut_weight", mc_json_number(p->cut_weight)) &&
         mc_json_put(comp, "strength_score", mc_json_real(p->strength_score));
    for (size_t k = 0; ok && k < p->size; k++) {
        const struct mc_member *mb = &p->members[k];
        json_t *m = json_node(r, mb->node);
        ok = m && mc_json_put(m, "role", json_string(mc_member_role_name(mb->role))) &&
             mc_json_put(m, "strength_in", mc_json_number(mb->strength_in)) &&
             mc_json_put(m, "within_z", mc_json_real(mb->within_z)) &&
             mc_json_put(m, "participation", mc_json_real(mb->participation)) &&
             mc_json_put(m, "confidence", mc_json_real(mb->confidence)) &&
             json_array_append_new(members, m) == 0;
    }
    for (size_t k = 0; ok && k < p->n_links; k++) {
        const struct mc_link *l = &p->links[k];
        json_t *x = json_object();
        ok = x && mc_json_put(x, "source", json_string(node_id(r, l->a))) &&
             mc_json_put(x, "target", json_string(node_id(r, l->b))) &&
             mc_json_put(x, "score", mc_json_real(l->score)) &&
             mc_json_put(x, "shared_neighbours", json_integer((json_int_t)l->shared)) &&
             mc_json_put(x, "via", json_via(r, l)) &&
             json_array_append_new(links, x) == 0;
    }
    ok = ok && mc_json_put(o, "rank", json_integer(p->rank)) &&
         mc_json_put(o, "id", json_string(p->id)) &&
         mc_json_put(o, "sector", json_string(sector_name(r, sp))) &&
         mc_json_put(o, "size", json_integer((json_int_t)p->size)) &&
         mc_json_put(o, "n_countries", json_integer((json_int_t)p->n_countries)) &&
         json_object_set(o, "countries", countries) == 0 &&
         mc_json_put(o, "coordinator", json_node(r, p->coordinator)) &&
         mc_json_put(o, "score", mc_json_real(p->score)) &&
         json_object_set(o, "components", comp) == 0 &&
         mc_json_put(o, "coordinator_rule", json_string(mc_coord_rule_name(p->coord_rule))) &&
         mc_json_put(o, "coordinator_reason", json_string(p->coord_reason)) &&
         mc_json_put(o, "dropped", json_drops(r, p->dropped, p->n_dropped)) &&
         mc_json_put(o, "groups", json_groups(r, p)) &&
         mc_json_put(o, "origin", json_string(p->origin));
    if (ok && sp->cross_sector) {
        ok = mc_json_put(o, "sectors_joined", json_string(p->sectors_joined)) &&
             mc_json_put(o, "bridge_share", mc_json_real(p->bridge_share));
    }
    ok = ok && json_object_set(o, "members", members) == 0 &&
         json_object_set(o, "missing_links", links) == 0;
    json_decref(countries);
    json_decref(comp);
    json_decref(members);
    json_decref(links);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *json_run(const struct mc_propose_run *r) {
    const struct mc_propose_options *opt = r->opt;
    json_t *root = json_object(), *cons = json_object(), *sectors = json_array();
    bool ok = root && cons && sectors;
    ok = ok && mc_json_put(cons, "min_countries", json_integer(opt->min_countries)) &&
         mc_json_put(cons, "max_share", mc_json_real(opt->max_share)) &&
         mc_json_put(cons, "min_size", json_integer(opt->min_size)) &&
         mc_json_put(cons, "max_size", json_integer(opt->max_size));
    for (size_t s = 0; ok && s < r->n_sectors; s++) {
        const struct mc_sector_proposals *sp = &r->sectors[s];
        json_t *o = json_object(), *props = json_array(), *rej = json_array();
        ok = o && props && rej;
        for (size_t i = 0; ok && i < sp->n_proposals; i++) {
            json_t *p = json_proposal(r, sp, &sp->proposals[i]);
            ok = p && json_array_append_new(props, p) == 0;
        }
        for (size_t i = 0; ok && i < sp->n_rejected; i++) {
            const struct mc_rejection *x = &sp->rejected[i];
            json_t *j = json_object();
            ok = j && mc_json_put(j, "candidate", json_string(x->candidate)) &&
                 mc_json_put(j, "size", json_integer((json_int_t)x->size)) &&
                 mc_json_put(j, "n_countries", json_integer((json_int_t)x->n_countries)) &&
                 mc_json_put(j, "countries", json_string(x->countries)) &&
                 mc_json_put(j, "kind", json_string(x->kind)) &&
                 mc_json_put(j, "reason", json_string(x->reason)) &&
                 mc_json_put(j, "members", json_string(x->members)) &&
                 mc_json_put(j, "fix", json_string(x->fix)) &&
                 mc_json_put(j, "group", x->group >= 0
                                             ? json_string(r->ds->groups.keys[x->group])
                                             : json_null()) &&
                 mc_json_put(j, "dropped", json_drops(r, x->dropped, x->n_dropped)) &&
                 json_array_append_new(rej, j) == 0;
        }
        ok = ok && mc_json_put(o, "sector", json_string(sector_name(r, sp))) &&
             mc_json_put(o, "nodes", json_integer((json_int_t)sp->nodes)) &&
             mc_json_put(o, "edges", json_integer((json_int_t)sp->edges)) &&
             mc_json_put(o, "total_weight", mc_json_number(sp->total_weight)) &&
             mc_json_put(o, "communities", json_integer((json_int_t)sp->communities)) &&
             mc_json_put(o, "modularity", mc_json_real(sp->modularity)) &&
             mc_json_put(o, "runs", json_integer(sp->runs)) &&
             mc_json_put(o, "runs_stop", json_string(mc_comm_stop_name(sp->stop))) &&
             mc_json_put(o, "nmi_mean", mc_json_real(sp->nmi_mean)) &&
             mc_json_put(o, "vi_mean", mc_json_real(sp->vi_mean)) &&
             mc_json_put(o, "candidates", json_integer((json_int_t)sp->candidates)) &&
             json_object_set(o, "proposals", props) == 0 &&
             json_object_set(o, "rejected", rej) == 0 && json_array_append(sectors, o) == 0;
        json_decref(props);
        json_decref(rej);
        json_decref(o);
    }
    ok = ok && mc_json_put(root, "tool", json_string("metaclust")) &&
         mc_json_put(root, "version", json_string(MC_VERSION)) &&
         mc_json_put(root, "dataset", json_string(r->ds->name)) &&
         mc_json_put(root, "projection", json_string(mc_projection_name(r->projection))) &&
         mc_json_put(root, "seed", json_integer((json_int_t)opt->seed)) &&
         mc_json_put(root, "runs", json_integer(opt->runs)) &&
         mc_json_put(root, "resolution", mc_json_real(opt->resolution)) &&
         json_object_set(root, "constraints", cons) == 0 &&
         json_object_set(root, "sectors", sectors) == 0;
    json_decref(cons);
    json_decref(sectors);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* ==== writing the files ==== */

typedef bool (*writer_fn)(FILE *f, const struct mc_propose_run *r);

static enum mc_status write_one(const char *dir, const char *name, writer_fn fn,
                                const struct mc_propose_run *r, struct mc_error *err) {
    char *path = mc_path_join(dir, name);
    if (path == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory");
    }
    struct mc_outfile o;
    enum mc_status rc = mc_outfile_open(&o, path, err);
    if (rc == MC_OK) {
        if (!fn(o.f, r)) {
            mc_outfile_abort(&o);
            rc = mc_error_set(err, MC_E_IO, path, 0, "write error");
        } else {
            rc = mc_outfile_commit(&o, err);
        }
    }
    free(path);
    return rc;
}

static bool write_json(FILE *f, const struct mc_propose_run *r) {
    json_t *root = json_run(r);
    if (root == NULL) {
        return false;
    }
    bool ok = mc_json_write(root, f, NULL, NULL) == MC_OK;
    json_decref(root);
    return ok;
}

enum mc_status mc_proposals_write(const char *dir, const struct mc_propose_run *run,
                                  struct mc_error *err) {
    static const struct {
        const char *name;
        writer_fn fn;
    } files[] = {
        {"proposals.csv", write_proposals_csv},
        {"members.csv", write_members_csv},
        {"missing_links.csv", write_links_csv},
        {"rejected.csv", write_rejected_csv},
        {"evidence.csv", write_evidence_csv},
        {"dropped.csv", write_dropped_csv},
        {"proposals.md", write_md},
        {"proposals.json", write_json},
    };
    enum mc_status rc = mc_mkdirs(dir, err);
    for (size_t i = 0; rc == MC_OK && i < MC_ARRAY_SIZE(files); i++) {
        rc = write_one(dir, files[i].name, files[i].fn, run, err);
    }
    return rc;
}
