/* Unit tests for src/propose.c and src/match.c on a hand-built sector. */
#include "testutil.h"

#include "metaclust/igraph_bridge.h"
#include "metaclust/match.h"
#include "metaclust/propose.h"

struct fixture {
    struct mc_dataset ds;
    struct mc_graph g;
};

static int setup(void **state) {
    struct fixture *fx = calloc(1, sizeof *fx);
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/tests/data/propose", tu_top());
    struct mc_load_options lo = {.dir = dir};
    struct mc_view_options vo;
    struct mc_error err;
    mc_dataset_init(&fx->ds);
    if (mc_dataset_load(&fx->ds, &lo, &err) != MC_OK) {
        fail_msg("%s", err.msg);
    }
    mc_view_options_init(&vo);
    vo.sector = mc_dataset_sector(&fx->ds, "ict");
    if (mc_graph_build(&fx->g, &fx->ds, &vo, &err) != MC_OK) {
        fail_msg("%s", err.msg);
    }
    *state = fx;
    return 0;
}

static int teardown(void **state) {
    struct fixture *fx = *state;
    mc_graph_destroy(&fx->g);
    mc_dataset_destroy(&fx->ds);
    free(fx);
    return 0;
}

static const char *id(const struct fixture *fx, int32_t node) {
    return fx->ds.ids.keys[node];
}

static const struct mc_proposal *find(const struct mc_sector_proposals *sp,
                                      const struct fixture *fx, const char *member) {
    for (size_t i = 0; i < sp->n_proposals; i++) {
        for (size_t k = 0; k < sp->proposals[i].size; k++) {
            if (strcmp(id(fx, sp->proposals[i].members[k].node), member) == 0) {
                return &sp->proposals[i];
            }
        }
    }
    return NULL;
}

static void test_propose_groups_repair_and_reject(void **state) {
    struct fixture *fx = *state;
    struct mc_propose_options o;
    struct mc_sector_proposals sp;
    struct mc_error err;
    mc_propose_options_init(&o);
    assert_int_equal(mc_propose_sector(&fx->g, &o, &sp, &err), MC_OK);
    assert_int_equal(sp.n_proposals, 2);
    /* the alpha group: four countries, the gold-label member coordinates (all tie on strength
     * inside except the two without the missing link) */
    const struct mc_proposal *a = find(&sp, fx, "a1");
    assert_non_null(a);
    assert_int_equal(a->size, 4);
    assert_int_equal(a->n_countries, 4);
    assert_string_equal(id(fx, a->coordinator), "a3");
    assert_int_equal(a->members[0].node, a->coordinator);
    assert_int_equal(a->members[0].role, MC_PROLE_COORDINATOR);
    assert_close(a->cross_border_share, 1.0, 1e-12);
    assert_close(a->density, 5.0 / 6.0, 1e-12);
    /* its missing link: a1 - a2, through a3 and a4 */
    assert_true(a->n_links >= 1);
    assert_string_equal(id(fx, a->links[0].a), "a1");
    assert_string_equal(id(fx, a->links[0].b), "a2");
    assert_int_equal(a->links[0].shared, 2);
    /* the beta group: b4 (DE) is tied only to b1 (DE), so it is dropped and named */
    const struct mc_proposal *b = find(&sp, fx, "b1");
    assert_non_null(b);
    assert_int_equal(b->size, 4);
    assert_int_equal(b->n_dropped, 1);
    assert_string_equal(id(fx, b->dropped[0].node), "b4");
    assert_non_null(strstr(b->dropped[0].reason, "no tie inside the group to a member from another "
                                                 "country"));
    assert_null(find(&sp, fx, "b4"));
    /* the coordinator of alpha: a3's gold label decides, and the report says so */
    assert_int_equal(a->coord_rule, MC_COORD_LABEL);
    assert_non_null(strstr(a->coord_reason, "gold"));
    assert_true(b->max_share <= 0.5);
    /* the gamma triangle: one country only */
    bool rejected = false;
    for (size_t i = 0; i < sp.n_rejected; i++) {
        if (strcmp(sp.rejected[i].kind, "too few countries") == 0 && sp.rejected[i].size == 3) {
            rejected = true;
            assert_non_null(strstr(sp.rejected[i].members, "c1"));
        }
    }
    assert_true(rejected);
    /* ids by rank, unique, scores in order */
    assert_string_equal(sp.proposals[0].id, "ict-01");
    assert_string_equal(sp.proposals[1].id, "ict-02");
    assert_true(sp.proposals[0].score >= sp.proposals[1].score);
    for (size_t i = 0; i < sp.n_proposals; i++) {
        const struct mc_proposal *p = &sp.proposals[i];
        assert_true(p->n_countries >= 3 && p->max_share <= 0.5 && p->size >= 3 && p->size <= 25);
        assert_true(p->score > 0 && p->score <= 1);
        assert_true(p->cohesion >= 0 && p->cohesion <= 1);
    }
    mc_sector_proposals_destroy(&sp);
    assert_int_equal(IGRAPH_FINALLY_STACK_SIZE(), 0);
}

static void test_propose_is_deterministic(void **state) {
    struct fixture *fx = *state;
    struct mc_propose_options o;
    struct mc_sector_proposals x, y;
    struct mc_error err;
    mc_propose_options_init(&o);
    o.seed = 7;
    assert_int_equal(mc_propose_sector(&fx->g, &o, &x, &err), MC_OK);
    assert_int_equal(mc_propose_sector(&fx->g, &o, &y, &err), MC_OK);
    assert_int_equal(x.n_proposals, y.n_proposals);
    for (size_t i = 0; i < x.n_proposals; i++) {
        assert_string_equal(x.proposals[i].id, y.proposals[i].id);
        assert_int_equal(x.proposals[i].size, y.proposals[i].size);
        assert_true(x.proposals[i].score == y.proposals[i].score);
        for (size_t k = 0; k < x.proposals[i].size; k++) {
            assert_int_equal(x.proposals[i].members[k].node, y.proposals[i].members[k].node);
        }
    }
    mc_sector_proposals_destroy(&x);
    mc_sector_proposals_destroy(&y);
}

static void test_propose_max_size_splits(void **state) {
    struct fixture *fx = *state;
    struct mc_propose_options o;
    struct mc_sector_proposals sp;
    struct mc_error err;
    mc_propose_options_init(&o);
    o.max_size = 3;
    o.min_countries = 2;
    assert_int_equal(mc_propose_sector(&fx->g, &o, &sp, &err), MC_OK);
    for (size_t i = 0; i < sp.n_proposals; i++) {
        assert_true(sp.proposals[i].size <= 3);
    }
    mc_sector_proposals_destroy(&sp);
}

static void test_resource_allocation(void **state) {
    (void)state;
    /* a path 0-1-2 plus 0-3-2: nodes 0 and 2 share 1 and 3, both of degree 2 */
    igraph_t g;
    igraph_adjlist_t adj;
    igraph_small(&g, 4, IGRAPH_UNDIRECTED, 0, 1, 1, 2, 0, 3, 3, 2, -1);
    igraph_adjlist_init(&g, &adj, IGRAPH_ALL, IGRAPH_NO_LOOPS, IGRAPH_NO_MULTIPLE);
    igraph_adjlist_sort(&adj);
    igraph_integer_t shared;
    assert_close(mc_resource_allocation(&adj, 0, 2, &shared), 0.5 + 0.5, 1e-15);
    assert_int_equal(shared, 2);
    assert_close(mc_resource_allocation(&adj, 0, 1, &shared), 0, 0);
    igraph_adjlist_destroy(&adj);
    igraph_destroy(&g);
}

static void test_slug(void **state) {
    (void)state;
    char s[48];
    mc_slug("Innovation in SMEs", s, sizeof s);
    assert_string_equal(s, "innovation-in-smes");
    mc_slug("SC3", s, sizeof s);
    assert_string_equal(s, "sc3");
    mc_slug("energy & environment", s, sizeof s);
    assert_string_equal(s, "energy-environment");
    mc_slug("STROJÍRENSTVÍ", s, sizeof s);
    assert_string_equal(s, "strojirenstvi");
    mc_slug("Stroji\xcc\x81renstvi\xcc\x81", s, sizeof s); /* decomposed accents */
    assert_string_equal(s, "strojirenstvi");
    mc_slug("Машиностроение / ИКТ", s, sizeof s);
    assert_string_equal(s, "машиностроение-икт");
    mc_slug("Łódź region", s, sizeof s);
    assert_string_equal(s, "łodz-region");
    char small[6];
    mc_slug("abcdé", small, sizeof small); /* 'é' fits as 'e' */
    assert_string_equal(small, "abcde");
    mc_slug("abcdЖx", small, sizeof small); /* 'ж' takes 2 bytes: cut before it */
    assert_string_equal(small, "abcd");
    mc_slug("bad\xff byte", s, sizeof s);
    assert_string_equal(s, "bad-byte");
    mc_slug("&&", s, sizeof s);
    assert_string_equal(s, "sector");
}

static void test_match_recovers_missing_link(void **state) {
    struct fixture *fx = *state;
    struct mc_match_options o;
    struct mc_match_result r;
    struct mc_tags active;
    struct mc_error err;
    mc_match_options_init(&o);
    assert_int_equal(mc_dataset_active_sectors(&fx->ds, &active, &err), MC_OK);
    long a1 = mc_intern_find(&fx->ds.ids, "a1", 2);
    assert_int_equal(mc_match(&fx->g, (int32_t)a1, &active, &o, &r, &err), MC_OK);
    assert_true(r.n >= 1);
    assert_string_equal(id(fx, r.cand[0].node), "a2");
    assert_int_equal(r.cand[0].shared, 2);
    assert_true(r.cand[0].foreign);
    char reason[512];
    mc_match_reason(&fx->g, &active, (int32_t)a1, &r.cand[0], reason, sizeof reason);
    assert_non_null(strstr(reason, "2 common partners"));
    assert_non_null(strstr(reason, "common sectors: ict"));
    assert_non_null(strstr(reason, "another country (PL)"));
    /* linked nodes are never candidates */
    for (size_t i = 0; i < r.n; i++) {
        assert_string_not_equal(id(fx, r.cand[i].node), "a3");
        assert_string_not_equal(id(fx, r.cand[i].node), "a1");
    }
    mc_match_result_destroy(&r);
    /* --foreign-only drops the Czech candidates */
    o.foreign_only = true;
    o.top = 100;
    assert_int_equal(mc_match(&fx->g, (int32_t)a1, &active, &o, &r, &err), MC_OK);
    for (size_t i = 0; i < r.n; i++) {
        assert_true(r.cand[i].foreign);
    }
    mc_match_result_destroy(&r);
    mc_tags_destroy(&active);
}

/* ==== the rules on tests/data/propose-rules (README "How a group becomes a proposal") ==== */

struct rules {
    struct mc_dataset ds;
    struct mc_sector_proposals sp;
};

/* Proposes on one sector of propose-rules; min_groups as given, no significance test. */
static void rules_run(struct rules *r, const char *sector, int min_groups,
                      const struct mc_propose_options *po) {
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/tests/data/propose-rules", tu_top());
    struct mc_load_options lo = {.dir = dir};
    struct mc_view_options vo;
    struct mc_error err;
    struct mc_graph g;
    mc_dataset_init(&r->ds);
    if (mc_dataset_load(&r->ds, &lo, &err) != MC_OK) {
        fail_msg("%s", err.msg);
    }
    mc_view_options_init(&vo);
    mc_propose_view_defaults(&vo);
    vo.backbone.method = MC_BACKBONE_NONE;
    vo.backbone.min_groups = min_groups;
    vo.sector = mc_dataset_sector(&r->ds, sector);
    assert_true(vo.sector >= 0);
    if (mc_graph_build(&g, &r->ds, &vo, &err) != MC_OK) {
        fail_msg("%s", err.msg);
    }
    assert_int_equal(mc_propose_sector(&g, po, &r->sp, &err), MC_OK);
    mc_graph_destroy(&g);
}

static void rules_done(struct rules *r) {
    mc_sector_proposals_destroy(&r->sp);
    mc_dataset_destroy(&r->ds);
}

static const struct mc_proposal *rules_find(const struct rules *r, const char *member) {
    for (size_t i = 0; i < r->sp.n_proposals; i++) {
        for (size_t k = 0; k < r->sp.proposals[i].size; k++) {
            if (strcmp(r->ds.ids.keys[r->sp.proposals[i].members[k].node], member) == 0) {
                return &r->sp.proposals[i];
            }
        }
    }
    return NULL;
}

static const char *rid(const struct rules *r, int32_t node) {
    return r->ds.ids.keys[node];
}

/* The lead partner coordinates; ties rest on two groups or more; evidence names them. */
static void test_rules_lead_role_and_evidence(void **state) {
    (void)state;
    struct rules r;
    struct mc_propose_options o;
    mc_propose_options_init(&o);
    rules_run(&r, "energy", 2, &o);
    const struct mc_proposal *p = rules_find(&r, "e1");
    assert_non_null(p);
    assert_int_equal(p->size, 4);
    /* e2 leads P1 and P2; e1's gold label comes after the lead role */
    assert_string_equal(rid(&r, p->coordinator), "e2");
    assert_int_equal(p->coord_rule, MC_COORD_ROLE);
    assert_non_null(strstr(p->coord_reason, "leads 2 of the groups"));
    /* e1-e4 share only P1: a one-off tie is no tie; the five others carry their groups */
    assert_int_equal(p->n_ties, 5);
    for (size_t k = 0; k < p->n_ties; k++) {
        const struct mc_tie *t = &p->ties[k];
        assert_true(t->g_n >= 2);
        assert_true(strcmp(rid(&r, t->a), rid(&r, t->b)) < 0);
        assert_false(strcmp(rid(&r, t->a), "e1") == 0 && strcmp(rid(&r, t->b), "e4") == 0);
    }
    /* the groups that tie it: P1 holds all four and gives 6 of the 12 pair-weights */
    assert_true(p->n_groups == 3);
    assert_string_equal(r.ds.groups.keys[p->groups[0].group], "P1");
    assert_int_equal(p->groups[0].members, 4);
    assert_close(p->groups[0].weight / p->group_total, 0.5, 1e-12);
    /* the missing link e1-e4, through e2 and e3 */
    assert_true(p->n_links >= 1);
    assert_string_equal(rid(&r, p->links[0].a), "e1");
    assert_string_equal(rid(&r, p->links[0].b), "e4");
    assert_int_equal(p->links[0].n_via, 2);
    rules_done(&r);
}

/*
 * Member-level trimming names the domestic hanger-on; a member of another
 * sector and an excluded type never coordinate.
 */
static void test_rules_trimming_and_eligibility(void **state) {
    (void)state;
    struct rules r;
    struct mc_propose_options o;
    mc_propose_options_init(&o);
    rules_run(&r, "energy", 2, &o);
    const struct mc_proposal *p = rules_find(&r, "f1");
    assert_non_null(p);
    assert_null(rules_find(&r, "f4"));
    assert_int_equal(p->n_dropped, 1);
    assert_string_equal(rid(&r, p->dropped[0].node), "f4");
    assert_non_null(strstr(p->dropped[0].reason, "tied only to DE member (f1)"));
    /* every member keeps a cross-border tie inside */
    for (size_t i = 0; i < p->size; i++) {
        bool cross = false;
        for (size_t k = 0; k < p->n_ties; k++) {
            const struct mc_tie *t = &p->ties[k];
            int32_t other = t->a == p->members[i].node   ? t->b
                            : t->b == p->members[i].node ? t->a
                                                         : -1;
            cross |= other >= 0 && r.ds.node_country[other] != r.ds.node_country[p->members[i].node];
        }
        assert_true(cross);
    }
    /* f6 (gold, 300 members) lists only food: f5, gold, coordinates by label */
    assert_string_equal(rid(&r, p->coordinator), "f5");
    assert_int_equal(p->coord_rule, MC_COORD_LABEL);
    rules_done(&r);

    /* without public bodies: the largest remaining member, by the members column */
    static const char *const pub[] = {"pub"};
    o.exclude_types = pub;
    o.n_exclude_types = 1;
    rules_run(&r, "energy", 2, &o);
    p = rules_find(&r, "f1");
    assert_non_null(p);
    assert_string_equal(rid(&r, p->coordinator), "f1");
    assert_int_equal(p->coord_rule, MC_COORD_SIZE);
    rules_done(&r);
}

/* A consortium is not a proposal: it is rejected and named. */
static void test_rules_existing_group(void **state) {
    (void)state;
    struct rules r;
    struct mc_propose_options o;
    mc_propose_options_init(&o);
    rules_run(&r, "health", 1, &o);
    assert_int_equal(r.sp.n_proposals, 0);
    assert_int_equal(r.sp.n_rejected, 1);
    const struct mc_rejection *x = &r.sp.rejected[0];
    assert_string_equal(x->kind, "existing group");
    assert_true(x->group >= 0);
    assert_string_equal(r.ds.groups.keys[x->group], "Q1");
    assert_non_null(strstr(x->reason, "'Health Consortium' (Q1, 2016)"));
    assert_non_null(strstr(x->reason, "gives 91%"));
    rules_done(&r);
}

/* A group short of a country says which organisation would qualify it. */
static void test_rules_near_miss(void **state) {
    (void)state;
    struct rules r;
    struct mc_propose_options o;
    mc_propose_options_init(&o);
    rules_run(&r, "ict", 2, &o);
    assert_int_equal(r.sp.n_proposals, 1);
    assert_int_equal(r.sp.n_rejected, 1);
    const struct mc_rejection *x = &r.sp.rejected[0];
    assert_string_equal(x->kind, "too few countries");
    assert_string_equal(x->fix, "adding n4 (SK), tied to 2 members, would qualify it");
    rules_done(&r);
    /* five countries: the four-country group needs n1 (CZ, first by id among equals); the
     * two-country triangle cannot reach five with the organisations tied to it */
    o.min_countries = 5;
    rules_run(&r, "ict", 2, &o);
    assert_int_equal(r.sp.n_rejected, 2);
    for (size_t i = 0; i < r.sp.n_rejected; i++) {
        x = &r.sp.rejected[i];
        if (x->size == 4) {
            assert_string_equal(x->fix, "adding n1 (CZ), tied to 1 member, would qualify it");
        } else {
            assert_string_equal(x->fix, "no addition of up to 3 organisations tied to it "
                                        "qualifies it");
        }
    }
    rules_done(&r);
}

/* Sectors without ties, with one node or with nodes only: no proposal, no error. */
static void test_rules_degenerate_sectors(void **state) {
    (void)state;
    static const char *const sectors[] = {"wood", "solo", "food"};
    for (size_t i = 0; i < MC_ARRAY_SIZE(sectors); i++) {
        struct rules r;
        struct mc_propose_options o;
        mc_propose_options_init(&o);
        rules_run(&r, sectors[i], 2, &o);
        assert_int_equal(r.sp.n_proposals, 0);
        assert_int_equal(r.sp.edges, 0);
        rules_done(&r);
    }
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_propose_groups_repair_and_reject),
        cmocka_unit_test(test_propose_is_deterministic),
        cmocka_unit_test(test_propose_max_size_splits),
        cmocka_unit_test(test_resource_allocation),
        cmocka_unit_test(test_slug),
        cmocka_unit_test(test_match_recovers_missing_link),
        cmocka_unit_test(test_rules_lead_role_and_evidence),
        cmocka_unit_test(test_rules_trimming_and_eligibility),
        cmocka_unit_test(test_rules_existing_group),
        cmocka_unit_test(test_rules_near_miss),
        cmocka_unit_test(test_rules_degenerate_sectors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
