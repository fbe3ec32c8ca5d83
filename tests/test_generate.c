/* Unit tests for src/generate.c: determinism, loading, the planted structure and the errors. */
#include "testutil.h"

#include "metaclust/csvio.h"
#include "metaclust/generate.h"
#include "metaclust/graph.h"
#include "metaclust/igraph_bridge.h"

static const char *const files[] = {"nodes.csv", "edges.csv", "affiliations.csv", "groups.csv",
                                    "truth.csv"};

/* Generates into a fresh scratch directory; returns it (caller frees with tu_rmdir). */
static char *generate_with(const struct mc_gen_options *o, struct mc_gen_stats *st) {
    struct mc_error err;
    char *dir = tu_tmpdir();
    if (mc_generate(o, dir, st, &err) != MC_OK) {
        fail_msg("generate (model %s): %s", mc_gen_model_name(o->model), err.msg);
    }
    assert_int_equal(st->clusters, o->clusters);
    return dir;
}

static char *generate(unsigned long seed, size_t clusters, size_t partners, double noise) {
    struct mc_gen_options o;
    struct mc_gen_stats st;
    mc_gen_options_init(&o);
    o.seed = seed;
    o.clusters = clusters;
    o.partners = partners;
    o.noise = noise;
    char *dir = generate_with(&o, &st);
    assert_int_equal(st.partners, partners);
    return dir;
}

static char *slurp(const char *dir, const char *name, size_t *len) {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static bool same_file(const char *a, const char *b, const char *name) {
    size_t la, lb;
    char *x = slurp(a, name, &la), *y = slurp(b, name, &lb);
    bool same = la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

static void test_generate_deterministic(void **state) {
    (void)state;
    char *a = generate(7, 300, 1500, 0.15), *b = generate(7, 300, 1500, 0.15);
    char *c = generate(8, 300, 1500, 0.15);
    for (size_t i = 0; i < MC_ARRAY_SIZE(files); i++) {
        if (!same_file(a, b, files[i])) {
            fail_msg("%s differs between two runs with seed 7", files[i]);
        }
    }
    assert_false(same_file(a, c, "nodes.csv"));
    assert_false(same_file(a, c, "edges.csv"));
    assert_false(same_file(a, c, "affiliations.csv"));
    tu_rmdir(a);
    tu_rmdir(b);
    tu_rmdir(c);
}

/* ==== The planted truth, read back with the library's CSV reader ==== */

struct truth {
    struct mc_dataset *ds;
    long *group;     /* node -> group index, -1 */
    char **group_id; /* group index -> id */
    size_t n_groups;
    size_t rows;
};

static enum mc_status truth_row(void *ctx, const struct mc_csv_record *r, struct mc_error *err) {
    struct truth *t = ctx;
    if (r->record == 1) {
        assert_int_equal(r->nfields, 2);
        assert_string_equal(r->fields[0], "node");
        assert_string_equal(r->fields[1], "meta_cluster");
        return MC_OK;
    }
    long node = mc_intern_find(&t->ds->ids, r->fields[0], r->lens[0]);
    if (node < 0) {
        return mc_error_set(err, MC_E_DATA, r->path, r->line, "unknown node '%s'", r->fields[0]);
    }
    assert_int_equal(t->group[node], -2); /* every node once */
    t->rows++;
    t->group[node] = -1;
    if (r->lens[1] == 0) {
        return MC_OK;
    }
    size_t g = 0;
    while (g < t->n_groups && strcmp(t->group_id[g], r->fields[1]) != 0) {
        g++;
    }
    if (g == t->n_groups) {
        t->group_id[t->n_groups++] = strdup(r->fields[1]);
    }
    t->group[node] = (long)g;
    return MC_OK;
}

struct loaded {
    char *dir;
    struct mc_dataset ds;
    struct truth t;
};

static void load(struct loaded *l, char *dir) {
    struct mc_load_options opt = {.dir = dir};
    struct mc_error err;
    l->dir = dir;
    mc_dataset_init(&l->ds);
    if (mc_dataset_load(&l->ds, &opt, &err) != MC_OK) {
        fail_msg("load: %s", err.msg);
    }
    for (size_t i = 0; i < l->ds.warnings.n; i++) {
        print_error("warning: %s\n", l->ds.warnings.msg[i]);
    }
    assert_int_equal(l->ds.warnings.n, 0);
    l->t.ds = &l->ds;
    l->t.group = malloc(l->ds.n_nodes * sizeof *l->t.group);
    l->t.group_id = calloc(l->ds.n_nodes, sizeof *l->t.group_id);
    l->t.n_groups = l->t.rows = 0;
    for (size_t i = 0; i < l->ds.n_nodes; i++) {
        l->t.group[i] = -2;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/truth.csv", dir);
    if (mc_csv_read(path, NULL, NULL, truth_row, &l->t, &err) != MC_OK) {
        fail_msg("truth: %s", err.msg);
    }
    assert_int_equal(l->t.rows, l->ds.n_nodes);
}

static void unload(struct loaded *l) {
    for (size_t g = 0; g < l->t.n_groups; g++) {
        free(l->t.group_id[g]);
    }
    free(l->t.group_id);
    free(l->t.group);
    mc_dataset_destroy(&l->ds);
    tu_rmdir(l->dir);
}

/* Every view (the whole dataset and each sector) builds without a warning. */
static void test_generate_loads_without_warnings(void **state) {
    (void)state;
    struct loaded l;
    load(&l, generate(3, 400, 2400, 0.15));
    assert_int_equal(l.ds.n_nodes, 400);
    assert_int_equal(l.ds.sectors.n, 9);
    assert_int_equal(l.ds.nodes_without_country, 0);
    for (long s = -1; s < (long)l.ds.sectors.n; s++) {
        struct mc_view_options o;
        struct mc_edgelist el;
        struct mc_error err;
        mc_view_options_init(&o);
        o.sector = s;
        mc_edgelist_init(&el);
        if (mc_view_edges(&l.ds, &o, &el, &err) != MC_OK) {
            fail_msg("view %ld: %s", s, err.msg);
        }
        assert_int_equal(el.stats.self_loops_dropped, 0);
        assert_int_equal(el.stats.duplicates_merged, 0);
        assert_int_equal(el.stats.zero_weight_dropped, 0);
        assert_int_equal(el.stats.duplicate_memberships, 0);
        assert_true(el.n_edges > 0);
        mc_edgelist_destroy(&el);
    }
    /* every node has a region, coordinates inside Central Europe, 1-3 sectors */
    for (size_t i = 0; i < l.ds.n_nodes; i++) {
        assert_true(l.ds.node_region[i][0] != '\0');
        assert_true(l.ds.node_lat[i] > 35 && l.ds.node_lat[i] < 56); /* Sicily to the Baltic */
        assert_true(l.ds.node_lon[i] > 5 && l.ds.node_lon[i] < 31);
        size_t ns = mc_tags_count(&l.ds.node_sectors, i);
        assert_true(ns >= 1 && ns <= 3);
        assert_string_equal(l.ds.node_type[i], "cluster");
    }
    unload(&l);
}

static bool has_edge(const struct mc_dataset *ds, int32_t a, int32_t b) {
    for (size_t e = 0; e < ds->n_edges; e++) {
        if ((ds->edge_src[e] == a && ds->edge_tgt[e] == b) ||
            (ds->edge_src[e] == b && ds->edge_tgt[e] == a)) {
            return true;
        }
    }
    return false;
}

/* Group id "<sector>-mcNN": the sector index of its prefix, -1 when malformed. */
static long group_sector(const struct mc_dataset *ds, const char *id) {
    const char *mc = strstr(id, "-mc");
    if (mc == NULL || strlen(mc) < 5 || strspn(mc + 3, "0123456789") != strlen(mc + 3)) {
        return -1;
    }
    char sector[128];
    snprintf(sector, sizeof sector, "%.*s", (int)(mc - id), id);
    return mc_dataset_sector(ds, sector);
}

/*
 * Planted group g: lo to hi members (into mem), each listing the group's
 * sector, in 3 or more countries, none holding more than half. Returns m.
 */
static size_t check_group(const struct loaded *l, size_t g, size_t lo, size_t hi, int32_t *mem) {
    const struct mc_dataset *ds = &l->ds;
    long s = group_sector(ds, l->t.group_id[g]);
    if (s < 0) {
        fail_msg("malformed meta-cluster id '%s'", l->t.group_id[g]);
    }
    size_t m = 0, per_country[64] = {0}, countries = 0;
    for (size_t i = 0; i < ds->n_nodes; i++) {
        if (l->t.group[i] != (long)g) {
            continue;
        }
        assert_true(m < 16);
        mem[m++] = (int32_t)i;
        /* every member lists the group's sector */
        assert_true(mc_dataset_node_has_sector(ds, i, (int32_t)s));
        int32_t c = ds->node_country[i];
        assert_true(c >= 0 && c < 64);
        countries += per_country[c]++ == 0;
    }
    assert_true(m >= lo && m <= hi);
    assert_true(countries >= 3);
    for (size_t c = 0; c < 64; c++) {
        assert_true(2 * per_country[c] <= m); /* no country holds more than half */
    }
    return m;
}

static void test_generate_planted_structure(void **state) {
    (void)state;
    for (unsigned long seed = 1; seed <= 3; seed++) {
        struct loaded l;
        load(&l, generate(seed, 500, 3000, 0.15));
        const struct mc_dataset *ds = &l.ds;
        assert_int_equal(l.t.n_groups, 10); /* default: one per 50 clusters */
        size_t internal_pairs = 0, internal_edges = 0;
        for (size_t g = 0; g < l.t.n_groups; g++) {
            int32_t mem[16];
            size_t m = check_group(&l, g, 4, 15, mem);
            for (size_t a = 0; a < m; a++) {
                for (size_t b = a + 1; b < m; b++) {
                    internal_pairs++;
                    internal_edges += has_edge(ds, mem[a], mem[b]);
                }
            }
        }
        /* planted groups are dense; the background is sparse */
        double n = (double)ds->n_nodes;
        double inside = (double)internal_edges / (double)internal_pairs;
        double background = (double)ds->n_edges / (n * (n - 1) / 2);
        assert_true(inside >= 0.4);
        assert_true(inside >= 10 * background);
        /* most ties are domestic, some cross a border */
        size_t cross = 0, cross_bg = 0, bg = 0;
        for (size_t e = 0; e < ds->n_edges; e++) {
            int32_t u = ds->edge_src[e], v = ds->edge_tgt[e];
            bool x = ds->node_country[u] != ds->node_country[v];
            bool planted = l.t.group[u] >= 0 && l.t.group[u] == l.t.group[v];
            cross += x;
            if (!planted) {
                bg++;
                cross_bg += x;
            }
        }
        double share = (double)cross / (double)ds->n_edges,
               share_bg = (double)cross_bg / (double)bg;
        assert_true(share > 0.1 && share < 0.45);
        assert_true(share_bg > 0.05 && share_bg < 0.35);
        unload(&l);
    }
}

/* With --noise 1 every planted direct tie was moved away from the group. */
static void test_generate_noise_rewires(void **state) {
    (void)state;
    struct loaded l;
    load(&l, generate(5, 300, 1500, 1.0));
    size_t internal = 0;
    for (size_t e = 0; e < l.ds.n_edges; e++) {
        long gu = l.t.group[l.ds.edge_src[e]], gv = l.t.group[l.ds.edge_tgt[e]];
        internal += gu >= 0 && gu == gv;
    }
    assert_int_equal(internal, 0);
    assert_true(l.t.n_groups == 6);
    unload(&l);
}

static void expect_error(struct mc_gen_options *o, enum mc_status want, const char *msg) {
    struct mc_gen_stats st;
    struct mc_error err;
    char *dir = tu_tmpdir();
    mc_error_init(&err);
    assert_int_equal(mc_generate(o, dir, &st, &err), want);
    assert_string_equal(err.msg, msg);
    tu_rmdir(dir);
}

static void test_generate_errors(void **state) {
    (void)state;
    struct mc_gen_options o;
    mc_gen_options_init(&o);
    o.clusters = 0;
    expect_error(&o, MC_E_USAGE, "the number of clusters must be from 1 to 10000000, not 0");

    const char *fr[] = {"cz", "FR"};
    mc_gen_options_init(&o);
    o.countries = fr;
    o.n_countries = 2;
    expect_error(&o, MC_E_USAGE,
                 "no region for country 'FR' in the region table (countries: AT BG CZ DE HR HU "
                 "IT PL RO SI SK TR)");

    const char *two[] = {"CZ", "SK"};
    mc_gen_options_init(&o);
    o.countries = two;
    o.n_countries = 2;
    expect_error(&o, MC_E_USAGE,
                 "meta-clusters span at least 3 countries, but only 2 countries are given");
    o.meta_clusters = 0; /* without planted groups, two countries are fine */
    char *dir = tu_tmpdir();
    struct mc_gen_stats st;
    struct mc_error err;
    assert_int_equal(mc_generate(&o, dir, &st, &err), MC_OK);
    assert_int_equal(st.countries, 2);
    assert_int_equal(st.meta_clusters, 0);
    tu_rmdir(dir);

    mc_gen_options_init(&o);
    o.clusters = 100;
    o.meta_clusters = 30;
    expect_error(&o, MC_E_USAGE,
                 "cannot plant 30 meta-clusters of at least 4 clusters among 100 clusters");
    o.meta_clusters = 20;
    expect_error(&o, MC_E_USAGE,
                 "cannot plant meta-cluster 20 of 20: too few clusters left in 3 or more countries "
                 "with a common sector (use fewer meta-clusters, smaller groups or more clusters)");
    o.meta_clusters = 2;
    o.partners = 3;
    expect_error(&o, MC_E_USAGE, "3 partners are too few: the planted meta-clusters alone share 4");

    const char *bad[] = {"ict", "Food"};
    mc_gen_options_init(&o);
    o.sectors = bad;
    o.n_sectors = 2;
    expect_error(&o, MC_E_USAGE,
                 "invalid sector 'Food' (use lower-case letters, digits, '-' and '_')");

    /* an output directory that cannot be created */
    mc_gen_options_init(&o);
    o.clusters = 50;
    mc_error_init(&err);
    assert_int_equal(mc_generate(&o, "/dev/null/x", &st, &err), MC_E_IO);
    assert_string_equal(err.msg, "/dev/null: exists and is not a directory");
}

static void test_generate_regions_file(void **state) {
    (void)state;
    char *dir = tu_tmpdir();
    char *path = tu_write(dir, "regions.csv",
                          "Code,Country,Name,Latitude,Longitude\n"
                          "X1,aa,North,10.0,10.0\n"
                          "X2,AA,South,9.0,10.0\n"
                          "Y1,BB,\"West, far\",10.0,9.0\n"
                          "Z1,CC,East,10.0,11.0\n");
    struct mc_region_table t;
    struct mc_error err;
    mc_region_table_init(&t);
    if (mc_region_table_load(&t, path, &err) != MC_OK) {
        fail_msg("regions: %s", err.msg);
    }
    assert_int_equal(t.n, 4);
    assert_string_equal(t.r[0].country, "AA");
    assert_string_equal(t.r[2].name, "West, far");
    assert_close(t.r[3].lon, 11.0, 0);

    struct mc_gen_options o;
    struct mc_gen_stats st;
    const char *countries[] = {"AA", "BB", "CC"};
    const char *sectors[] = {"solar", "wind"};
    mc_gen_options_init(&o);
    o.regions = t.r;
    o.n_regions = t.n;
    o.countries = countries;
    o.n_countries = 3;
    o.sectors = sectors;
    o.n_sectors = 2;
    o.clusters = 60;
    o.meta_clusters = 1;
    o.group_min = o.group_max = 4;
    char *out = tu_tmpdir();
    if (mc_generate(&o, out, &st, &err) != MC_OK) {
        fail_msg("generate: %s", err.msg);
    }
    assert_int_equal(st.regions, 4);
    assert_int_equal(st.sectors, 2);
    assert_int_equal(st.planted_members, 4);
    size_t len;
    char *nodes = slurp(out, "nodes.csv", &len);
    assert_non_null(strstr(nodes, "\"West, far Solar Cluster")); /* quoted: it holds a comma */
    assert_null(strstr(nodes, ",DE,"));
    free(nodes);
    tu_rmdir(out);
    mc_region_table_destroy(&t);

    /* the reader's messages */
    static const struct {
        const char *text, *msg;
    } cases[] = {
        {"code,country,lat\nX1,AA,1\n", "regions.csv:1: missing column 'lon' in header"},
        {"code,country,lat,lon\nX1,AA,1,2\nX1,AA,1,2\n",
         "regions.csv:3:1: duplicate region code 'X1'"},
        {"code,country,lat,lon\nX1,AAA,1,2\n",
         "regions.csv:2:2: invalid country 'AAA' (expected an ISO 3166-1 alpha-2 code)"},
        {"code,country,lat,lon\nX1,AA,91,2\n", "regions.csv:2:3: invalid latitude '91'"},
        {"code,country,lat,lon\nX;1,AA,1,2\n", "regions.csv:2:1: invalid region code 'X;1'"},
    };
    for (size_t i = 0; i < MC_ARRAY_SIZE(cases); i++) {
        free(path);
        path = tu_write(dir, "regions.csv", cases[i].text);
        mc_error_init(&err);
        assert_int_equal(mc_region_table_load(&t, path, &err), MC_E_DATA);
        const char *msg = strstr(err.msg, "regions.csv");
        assert_non_null(msg);
        assert_string_equal(msg, cases[i].msg);
        assert_int_equal(t.n, 0);
    }
    free(path);
    tu_rmdir(dir);
}

/* ==== The landscape model (src/generate_landscape.c) ==== */

static char *landscape(unsigned long seed, size_t clusters, enum mc_gen_form form,
                       struct mc_gen_stats *st) {
    struct mc_gen_options o;
    mc_gen_options_init(&o);
    o.model = MC_GEN_LANDSCAPE;
    o.form = form;
    o.seed = seed;
    o.clusters = clusters;
    o.group_min = 5;
    o.group_max = 10;
    return generate_with(&o, st);
}

static bool exists(const char *dir, const char *name) {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

/* hangers.csv read back: node -> the planted member it hangs on, -1 */
struct hangers {
    const struct mc_dataset *ds;
    long *anchor;
    size_t n;
};

static enum mc_status hanger_row(void *ctx, const struct mc_csv_record *r, struct mc_error *err) {
    struct hangers *h = ctx;
    (void)err;
    if (r->record == 1) {
        assert_int_equal(r->nfields, 3);
        assert_string_equal(r->fields[0], "node");
        assert_string_equal(r->fields[1], "member");
        return MC_OK;
    }
    long node = mc_intern_find(&h->ds->ids, r->fields[0], r->lens[0]);
    long member = mc_intern_find(&h->ds->ids, r->fields[1], r->lens[1]);
    assert_true(node >= 0 && member >= 0);
    assert_int_equal(h->anchor[node], -1); /* every hanger once */
    h->anchor[node] = member;
    h->n++;
    return MC_OK;
}

static void load_hangers(const struct loaded *l, struct hangers *h) {
    struct mc_error err;
    char path[4200];
    h->ds = &l->ds;
    h->n = 0;
    h->anchor = malloc(l->ds.n_nodes * sizeof *h->anchor);
    assert_non_null(h->anchor);
    for (size_t i = 0; i < l->ds.n_nodes; i++) {
        h->anchor[i] = -1;
    }
    snprintf(path, sizeof path, "%s/hangers.csv", l->dir);
    if (mc_csv_read(path, NULL, NULL, hanger_row, h, &err) != MC_OK) {
        fail_msg("hangers: %s", err.msg);
    }
}

/* Planted groups: 5-10 members of one sector, 3+ countries, none over half, all tied abroad. */
static void test_landscape_planted_constraints(void **state) {
    (void)state;
    for (unsigned long seed = 1; seed <= 3; seed++) {
        struct mc_gen_stats st;
        struct loaded l;
        load(&l, landscape(seed, 600, MC_GEN_FORM_BOTH, &st));
        const struct mc_dataset *ds = &l.ds;
        assert_int_equal(l.t.n_groups, 6); /* default: one per 100 */
        assert_int_equal(st.meta_clusters, 6);
        for (size_t g = 0; g < l.t.n_groups; g++) {
            int32_t mem[16];
            size_t m = check_group(&l, g, 5, 10, mem);
            /* every member has a direct tie inside the group to another country */
            for (size_t a = 0; a < m; a++) {
                bool abroad = false;
                for (size_t b = 0; b < m && !abroad; b++) {
                    abroad = ds->node_country[mem[a]] != ds->node_country[mem[b]] &&
                             has_edge(ds, mem[a], mem[b]);
                }
                assert_true(abroad);
            }
        }
        /* organisations in several sectors: most list two or three */
        size_t several = 0;
        for (size_t i = 0; i < ds->n_nodes; i++) {
            several += mc_tags_count(&ds->node_sectors, i) >= 2;
        }
        assert_true(several * 2 > ds->n_nodes);
        /* the background is domestic: most ties outside the groups stay in one country */
        size_t bg = 0, domestic = 0;
        for (size_t e = 0; e < ds->n_edges; e++) {
            int32_t u = ds->edge_src[e], v = ds->edge_tgt[e];
            if (l.t.group[u] < 0 || l.t.group[u] != l.t.group[v]) {
                bg++;
                domestic += ds->node_country[u] == ds->node_country[v];
            }
        }
        assert_true(domestic * 10 >= bg * 8);
        unload(&l);
    }
}

/*
 * Hangers: not planted, a compatriot of their member, and tied (by an edge or a
 * shared project) within the member's group to that member only, and only to
 * compatriots at all.
 */
static void test_landscape_hangers(void **state) {
    (void)state;
    struct mc_gen_stats st;
    struct loaded l;
    struct hangers h;
    load(&l, landscape(4, 600, MC_GEN_FORM_BOTH, &st));
    load_hangers(&l, &h);
    const struct mc_dataset *ds = &l.ds;
    assert_int_equal(h.n, st.hangers);
    assert_true(h.n >= st.planted_members); /* 1-3 per member */
    size_t *per_group = calloc(l.t.n_groups, sizeof *per_group);
    assert_non_null(per_group);
    for (size_t i = 0; i < ds->n_nodes; i++) {
        long a = h.anchor[i];
        if (a < 0) {
            continue;
        }
        long g = l.t.group[a];
        assert_true(g >= 0);
        assert_int_equal(l.t.group[i], -1);
        assert_int_equal(ds->node_country[i], ds->node_country[a]);
        per_group[g]++;
        size_t to_member = 0;
        for (size_t e = 0; e < ds->n_edges; e++) {
            int32_t u = ds->edge_src[e], v = ds->edge_tgt[e];
            int32_t o = u == (int32_t)i ? v : v == (int32_t)i ? u : -1;
            if (o < 0) {
                continue;
            }
            assert_int_equal(ds->node_country[o], ds->node_country[i]);
            if (l.t.group[o] == g) {
                assert_int_equal(o, a);
                to_member++;
            }
        }
        assert_int_equal(to_member, 1);
        /* its projects hold compatriots only, and of the group only its member */
        for (size_t r = 0; r < ds->n_aff; r++) {
            if (ds->aff_node[r] != (int32_t)i) {
                continue;
            }
            for (size_t q = 0; q < ds->n_aff; q++) {
                if (ds->aff_group[q] != ds->aff_group[r]) {
                    continue;
                }
                int32_t o = ds->aff_node[q];
                assert_int_equal(ds->node_country[o], ds->node_country[i]);
                assert_true(l.t.group[o] != g || o == a);
            }
        }
    }
    for (size_t g = 0; g < l.t.n_groups; g++) {
        assert_true(per_group[g] > 0);
    }
    free(per_group);
    free(h.anchor);
    unload(&l);
}

/* Each planted group recurs: 3 or more projects of its own, each covering over half of it. */
static void test_landscape_projects_recur(void **state) {
    (void)state;
    struct mc_gen_stats st;
    struct loaded l;
    load(&l, landscape(2, 500, MC_GEN_FORM_AFFILIATIONS, &st));
    const struct mc_dataset *ds = &l.ds;
    assert_int_equal(ds->n_edges, 0);
    size_t ng = ds->groups.n;
    size_t *size = calloc(ng, sizeof *size), *coord = calloc(ng, sizeof *coord);
    long *only = malloc(ng * sizeof *only);
    assert_true(size && coord && only);
    for (size_t p = 0; p < ng; p++) {
        only[p] = -2; /* -2 nothing yet, g: every member in planted group g, -1 mixed */
    }
    for (size_t r = 0; r < ds->n_aff; r++) {
        size_t p = (size_t)ds->aff_group[r];
        long g = l.t.group[ds->aff_node[r]];
        size[p]++;
        coord[p] += ds->aff_role[r] == MC_ROLE_LEAD;
        only[p] = only[p] == -2 ? g : only[p] == g ? g : -1;
    }
    for (size_t p = 0; p < ng; p++) {
        assert_true(size[p] >= 2 && size[p] <= 40); /* h2020 consortia of 2 to 40 */
        assert_int_equal(coord[p], 1);
    }
    for (size_t g = 0; g < l.t.n_groups; g++) {
        size_t m = 0, own = 0;
        for (size_t i = 0; i < ds->n_nodes; i++) {
            m += l.t.group[i] == (long)g;
        }
        for (size_t p = 0; p < ng; p++) {
            own += only[p] == (long)g && 2 * size[p] > m;
        }
        assert_true(own >= 3);
    }
    free(size);
    free(coord);
    free(only);
    unload(&l);
}

/* The same seed gives the same bytes in each form; the forms share nodes and truth. */
static void test_landscape_deterministic_forms(void **state) {
    (void)state;
    static const char *const common[] = {"nodes.csv", "truth.csv", "hangers.csv"};
    struct mc_gen_stats st;
    char *e1 = landscape(9, 300, MC_GEN_FORM_EDGES, &st);
    assert_true(st.edges > 0);
    assert_int_equal(st.affiliations, 0);
    char *e2 = landscape(9, 300, MC_GEN_FORM_EDGES, &st);
    char *a1 = landscape(9, 300, MC_GEN_FORM_AFFILIATIONS, &st);
    assert_int_equal(st.edges, 0);
    assert_true(st.affiliations > 0);
    char *a2 = landscape(9, 300, MC_GEN_FORM_AFFILIATIONS, &st);
    char *b = landscape(9, 300, MC_GEN_FORM_BOTH, &st);
    char *other = landscape(10, 300, MC_GEN_FORM_BOTH, &st);
    assert_true(exists(e1, "edges.csv") && !exists(e1, "affiliations.csv") &&
                !exists(e1, "groups.csv"));
    assert_true(!exists(a1, "edges.csv") && exists(a1, "affiliations.csv") &&
                exists(a1, "groups.csv"));
    assert_true(same_file(e1, e2, "edges.csv"));
    assert_true(same_file(a1, a2, "affiliations.csv"));
    assert_true(same_file(a1, a2, "groups.csv"));
    assert_true(same_file(e1, b, "edges.csv"));
    assert_true(same_file(a1, b, "affiliations.csv"));
    for (size_t i = 0; i < MC_ARRAY_SIZE(common); i++) {
        assert_true(same_file(e1, e2, common[i]));
        assert_true(same_file(e1, a1, common[i]));
    }
    assert_false(same_file(b, other, "nodes.csv"));
    assert_false(same_file(b, other, "edges.csv"));
    tu_rmdir(e1);
    tu_rmdir(e2);
    tu_rmdir(a1);
    tu_rmdir(a2);
    tu_rmdir(b);
    tu_rmdir(other);
}

/* The built-in table is datasets/nuts2.csv. */
static void test_regions_builtin(void **state) {
    (void)state;
    size_t n;
    const struct mc_region *r = mc_regions_builtin(&n);
    assert_int_equal(n, 126);
    assert_string_equal(r[0].code, "AT11");
    bool izmir = false;
    for (size_t i = 0; i < n; i++) {
        izmir = izmir || (strcmp(r[i].code, "TR31") == 0 && strcmp(r[i].name, "\xc4\xb0zmir") == 0);
    }
    assert_true(izmir);
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generate_deterministic),
        cmocka_unit_test(test_generate_loads_without_warnings),
        cmocka_unit_test(test_generate_planted_structure),
        cmocka_unit_test(test_generate_noise_rewires),
        cmocka_unit_test(test_generate_errors),
        cmocka_unit_test(test_generate_regions_file),
        cmocka_unit_test(test_regions_builtin),
        cmocka_unit_test(test_landscape_planted_constraints),
        cmocka_unit_test(test_landscape_hangers),
        cmocka_unit_test(test_landscape_projects_recur),
        cmocka_unit_test(test_landscape_deterministic_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
