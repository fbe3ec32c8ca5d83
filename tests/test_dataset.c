/* Unit tests for src/dataset.c: the data model and the loader's messages. */
#include "testutil.h"

#include "metaclust/dataset.h"

/* Writes up to four files (NULL = absent) into a scratch dir and loads it. */
struct fixture {
    char *dir;
    struct mc_dataset ds;
    struct mc_error err;
    char msg[MC_ERROR_MSG_MAX]; /* err.msg with "DIR/" removed */
};

static enum mc_status load(struct fixture *fx, const char *nodes, const char *edges,
                           const char *aff, const char *groups, bool add_missing) {
    fx->dir = tu_tmpdir();
    if (nodes) {
        free(tu_write(fx->dir, "nodes.csv", nodes));
    }
    if (edges) {
        free(tu_write(fx->dir, "edges.csv", edges));
    }
    if (aff) {
        free(tu_write(fx->dir, "affiliations.csv", aff));
    }
    if (groups) {
        free(tu_write(fx->dir, "groups.csv", groups));
    }
    struct mc_load_options opt = {.dir = fx->dir, .add_missing = add_missing};
    mc_dataset_init(&fx->ds);
    mc_error_init(&fx->err);
    enum mc_status rc = mc_dataset_load(&fx->ds, &opt, &fx->err);
    /* strip every "DIR/" so expected messages do not depend on the scratch path */
    char pat[4200];
    snprintf(pat, sizeof pat, "%s/", fx->dir);
    const char *src = fx->err.msg;
    size_t o = 0;
    while (*src && o + 1 < sizeof fx->msg) {
        if (strncmp(src, pat, strlen(pat)) == 0) {
            src += strlen(pat);
            continue;
        }
        fx->msg[o++] = *src++;
    }
    fx->msg[o] = '\0';
    return rc;
}

static void done(struct fixture *fx) {
    mc_dataset_destroy(&fx->ds);
    tu_rmdir(fx->dir);
}

static void test_nodes_attributes_and_aliases(void **state) {
    (void)state;
    struct fixture fx;
    assert_int_equal(
        load(&fx,
             "ID,Name,Country,NUTS2,Sectors,Latitude,Longitude,Label,members,website\n"
             "c1,Cluster \xc3\x9ast\xc3\xad,cz,CZ04,ICT; Food,50.66,14.03,Gold,120,https://x.cz\n"
             "c2,Cluster Athens,EL,EL30,ict|wood,,,,8,\n"
             "c3,,UK,,,,,silver,,\n",
             NULL, "member,project\nc1,p\nc2,p\n", NULL, false),
        MC_OK);
    struct mc_dataset *ds = &fx.ds;
    assert_int_equal(ds->n_nodes, 3);
    assert_string_equal(ds->node_name[0], "Cluster \xc3\x9ast\xc3\xad");
    assert_string_equal(ds->node_name[2], "c3"); /* no name: the id */
    assert_string_equal(mc_dataset_country_name(ds, ds->node_country[0]), "CZ");
    assert_string_equal(mc_dataset_country_name(ds, ds->node_country[1]), "GR");
    assert_string_equal(mc_dataset_country_name(ds, ds->node_country[2]), "GB");
    assert_string_equal(ds->node_region[0], "CZ04");
    assert_close(ds->node_lat[0], 50.66, 1e-12);
    assert_true(isnan(ds->node_lat[1]));
    assert_int_equal(ds->node_label[0], MC_LABEL_GOLD);
    assert_int_equal(ds->node_label[2], MC_LABEL_SILVER);
    /* sectors are case-insensitive, the first spelling is kept */
    assert_int_equal(ds->sectors.n, 3);
    long ict = mc_dataset_sector(ds, "ict");
    assert_true(ict >= 0);
    assert_string_equal(mc_dataset_sector_name(ds, (int32_t)ict), "ICT");
    assert_true(mc_dataset_node_has_sector(ds, 1, (int32_t)ict));
    assert_false(mc_dataset_node_has_sector(ds, 2, (int32_t)ict));
    /* other columns are kept as strings */
    assert_int_equal(ds->n_extra, 2);
    assert_string_equal(ds->extra_name[0], "members");
    assert_string_equal(ds->extra_val[0 * 2 + 1], "https://x.cz");
    assert_string_equal(ds->extra_val[1 * 2 + 0], "8");
    assert_string_equal(ds->name, strrchr(fx.dir, '/') + 1);
    done(&fx);
}

static void test_affiliations_and_groups(void **state) {
    (void)state;
    struct fixture fx;
    assert_int_equal(load(&fx, NULL, NULL,
                          "organisation,project,sector,weight\na,p1,SC1,\nb,p1,SC1;SC2,2\nc,p2,,\n",
                          "project,sectors,name,year\np2,SC2,Second,2016\n", false),
                     MC_OK);
    struct mc_dataset *ds = &fx.ds;
    assert_int_equal(ds->n_nodes, 3); /* no nodes.csv: ids come from the rows */
    assert_int_equal(ds->n_aff, 3);
    assert_int_equal(ds->groups.n, 2);
    long p2 = mc_intern_find(&ds->groups, "p2", 2);
    assert_int_equal(p2, 0); /* groups.csv is read first */
    assert_string_equal(ds->group_name[p2], "Second");
    assert_int_equal(ds->group_year[p2], 2016);
    assert_close(ds->aff_w[1], 2, 0);
    assert_int_equal(mc_tags_count(&ds->aff_sectors, 1), 2);
    assert_int_equal(mc_tags_count(&ds->aff_sectors, 2), 0);
    done(&fx);
}

static void test_add_missing(void **state) {
    (void)state;
    struct fixture fx;
    assert_int_equal(load(&fx, "id\na\n", "source,target\na,zz\n", NULL, NULL, true), MC_OK);
    assert_int_equal(fx.ds.n_nodes, 2);
    assert_int_equal(fx.ds.nodes_added, 1);
    assert_false(fx.ds.node_declared[1]);
    assert_int_equal(fx.ds.warnings.n, 1);
    done(&fx);
}

struct bad {
    const char *nodes, *edges, *aff, *groups;
    enum mc_status status;
    const char *msg;
};

static void test_bad_data_messages(void **state) {
    (void)state;
    static const struct bad cases[] = {
        {"name,country\nx,DE\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:1: missing column 'id' (columns found: 'name', 'country'; --columns id=COLUMN "
         "names it)"},
        {"id\na\nb\na\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:4:1: duplicate node id 'a' (first defined on line 2)"},
        {"id,name\na,x\n,y\n", NULL, NULL, NULL, MC_E_DATA, "nodes.csv:3:1: empty node id"},
        {"id,country\na,Germny\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:2:2: invalid country 'Germny' (did you mean 'Germany' (DE)?)"},
        {"id,country\na,Atlantis\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:2:2: invalid country 'Atlantis' (expected an ISO 3166-1 code such as 'DE' or "
         "a country name)"},
        {"id,lat,lon\na,91,10\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:2:2: latitude 91 out of range [-90, 90]"},
        {"id,lat,lon\na,45,-180.5\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:2:3: longitude -180.5 out of range [-180, 180]"},
        {"id,lat,lon\na,45,east\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:2:3: invalid longitude 'east' (expected decimal degrees)"},
        {"id;lat;lon\na;45,5;7\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:2:2: invalid latitude '45,5': decimal comma; write numbers with a decimal "
         "point"},
        {"id,lat,lon\na,NaN,7\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:2:2: invalid latitude 'NaN': must be a finite number"},
        {"id,lat,lon\na,45,\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:2:3: latitude and longitude must be given together"},
        {"id,lat\na,45\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:1: column 'lat' without column 'lon'"},
        {"id,label\na,platinum\n", NULL, NULL, NULL, MC_E_DATA,
         "nodes.csv:2:2: invalid label 'platinum' (expected bronze, silver, gold or empty)"},
        {"id,id\na,b\n", NULL, NULL, NULL, MC_E_DATA, "nodes.csv:1:2: duplicate column 'id'"},
        {"id\na\n", "source,target\na,zz\n", NULL, NULL, MC_E_DATA,
         "edges.csv:2:2: unknown node 'zz' in column 'target': not in nodes.csv (did you mean "
         "'a'? --add-missing creates it)"},
        {"id\nalpha-cluster\nbeta-cluster\n", "source,target\nalpha-cluster,gamma-klaster\n", NULL,
         NULL, MC_E_DATA,
         "edges.csv:2:2: unknown node 'gamma-klaster' in column 'target': not in nodes.csv "
         "(--add-missing creates it)"},
        {"id\nalpha\n", "from,to\n,alpha\n", NULL, NULL, MC_E_DATA,
         "edges.csv:2:1: empty node id in column 'source'"},
        {"id\na\nb\n", "source,weight\na,1\n", NULL, NULL, MC_E_DATA,
         "edges.csv:1: missing column 'target' (columns found: 'source', 'weight'; --columns "
         "target=COLUMN names it)"},
        {"id\na\nb\n", "source,target,weight\na,b,-1\n", NULL, NULL, MC_E_DATA,
         "edges.csv:2:3: invalid weight '-1': must not be negative"},
        {"id\na\nb\n", "source,target,weight\na,b,NaN\n", NULL, NULL, MC_E_DATA,
         "edges.csv:2:3: invalid weight 'NaN': must be a finite number"},
        {"id\na\nb\n", "source,target,weight\na,b,inf\n", NULL, NULL, MC_E_DATA,
         "edges.csv:2:3: invalid weight 'inf': must be a finite number"},
        {"id\na\nb\n", "source,target,weight\na,b,1e400\n", NULL, NULL, MC_E_DATA,
         "edges.csv:2:3: invalid weight '1e400': must be a finite number (too large)"},
        {"id\na\nb\n", "source,target,weight\na,b,1e-400\n", NULL, NULL, MC_E_DATA,
         "edges.csv:2:3: invalid weight '1e-400': out of range (too close to zero)"},
        {"id\na\nb\n", "source;target;weight\na;b;1,5\n", NULL, NULL, MC_E_DATA,
         "edges.csv:2:3: invalid weight '1,5': decimal comma; write numbers with a decimal "
         "point"},
        {"id\na\nb\n", "source,target,weight\na,b,heavy\n", NULL, NULL, MC_E_DATA,
         "edges.csv:2:3: invalid weight 'heavy': not a number"},
        {"id\na\n", NULL, "node,group\na,\n", NULL, MC_E_DATA,
         "affiliations.csv:2:2: empty group id in column 'group'"},
        {"id\na\n", NULL, "node,group\nq,p\n", NULL, MC_E_DATA,
         "affiliations.csv:2:1: unknown node 'q' in column 'node': not in nodes.csv (did you mean "
         "'a'? --add-missing creates it)"},
        {"id\na\n", NULL, "node,group\na,p\n", "id,year\np,20x6\n", MC_E_DATA,
         "groups.csv:2:2: invalid year '20x6'"},
        {"id\na\n", NULL, "node,group\na,p\n", "id\np\np\n", MC_E_DATA,
         "groups.csv:3:1: duplicate group id 'p' (first defined on line 2)"},
        {"id\n", NULL, NULL, NULL, MC_E_DATA, "nodes.csv: has a header but no data rows"},
        {"", NULL, NULL, NULL, MC_E_DATA, "nodes.csv: file is empty"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fixture fx;
        const struct bad *b = &cases[i];
        assert_int_equal(load(&fx, b->nodes, b->edges, b->aff, b->groups, false), b->status);
        if (strcmp(fx.msg, b->msg) != 0) {
            fail_msg("case %zu:\n got: %s\nwant: %s", i, fx.msg, b->msg);
        }
        /* a failed load leaves an empty dataset */
        assert_int_equal(fx.ds.n_nodes, 0);
        done(&fx);
    }
}

static void test_directory_errors(void **state) {
    (void)state;
    struct mc_dataset ds;
    struct mc_error err;
    char *dir = tu_tmpdir();
    struct mc_load_options opt = {.dir = dir};
    mc_dataset_init(&ds);
    assert_int_equal(mc_dataset_load(&ds, &opt, &err), MC_E_DATA);
    assert_non_null(strstr(err.msg, "no dataset files here"));
    char *file = tu_write(dir, "x.txt", "hello");
    opt.dir = file;
    assert_int_equal(mc_dataset_load(&ds, &opt, &err), MC_E_IO);
    assert_non_null(strstr(err.msg, "not a directory"));
    opt.dir = "/nonexistent/dataset";
    assert_int_equal(mc_dataset_load(&ds, &opt, &err), MC_E_IO);
    assert_string_equal(err.msg, "/nonexistent/dataset: no such dataset directory");
    free(file);
    tu_rmdir(dir);
}

static void test_unknown_sector_and_node_suggest(void **state) {
    (void)state;
    struct fixture fx;
    assert_int_equal(
        load(&fx, "id,sectors\ncz-czechinvest,ICT;food\nsk-siea,wood\n", NULL, NULL, NULL, false),
        MC_OK);
    long s;
    struct mc_error err;
    assert_int_equal(mc_dataset_require_sector(&fx.ds, "FOOD", &s, &err), MC_OK);
    assert_int_equal(mc_dataset_require_sector(&fx.ds, "fod", &s, &err), MC_E_USAGE);
    assert_string_equal(err.msg, "unknown sector 'fod' (did you mean 'food'?)");
    assert_int_equal(mc_dataset_require_sector(&fx.ds, "aerospace", &s, &err), MC_E_USAGE);
    assert_string_equal(err.msg, "unknown sector 'aerospace' (sectors: 'ICT', 'food', 'wood')");
    long n;
    assert_int_equal(mc_dataset_require_node(&fx.ds, "cz-czechinvst", &n, &err), MC_E_USAGE);
    assert_string_equal(err.msg, "unknown node 'cz-czechinvst' (did you mean 'cz-czechinvest'?)");
    done(&fx);
}

/* One sector whatever the case; a near-duplicate is named; --sector-alias merges it. */
static void test_sector_unicode_case_and_typos(void **state) {
    (void)state;
    struct fixture fx;
    const char *edges = "source,target,sector\n"
                        "a,b,Stroj\xc3\xadrenstv\xc3\xad\n"
                        "b,c,STROJ\xc3\x8dRENSTV\xc3\x8d\n"
                        "c,d,automotive\n"
                        "d,e,automotive\n"
                        "e,f,Automotve\n"
                        "f,g,SC1\n"
                        "g,h,SC2\n"
                        "h,i,strojirenstvi\n";
    assert_int_equal(load(&fx, NULL, edges, NULL, NULL, false), MC_OK);
    assert_int_equal(fx.ds.sectors.n, 6);
    assert_string_equal(fx.ds.sectors.keys[0], "Stroj\xc3\xadrenstv\xc3\xad");
    assert_int_equal(mc_dataset_sector(&fx.ds, "stroj\xc3\xadrenstv\xc3\xad"), 0);
    assert_int_equal(fx.ds.warnings.n, 2);
    /* without its accents, a spelling is a near-duplicate too */
    assert_string_equal(
        fx.ds.warnings.msg[0],
        "sector 'strojirenstvi' (1 row) looks like 'Stroj\xc3\xadrenstv\xc3\xad' (2 "
        "rows); --sector-alias 'strojirenstvi=Stroj\xc3\xadrenstv\xc3\xad' merges "
        "them");
    assert_string_equal(fx.ds.warnings.msg[1],
                        "sector 'Automotve' (1 row) looks like 'automotive' (2 rows); "
                        "--sector-alias 'Automotve=automotive' merges them");
    done(&fx);

    fx.dir = tu_tmpdir();
    free(tu_write(fx.dir, "edges.csv", edges));
    const char *alias[] = {"AUTOMOTVE=automotive", "nothing=automotive"};
    struct mc_load_options opt = {.dir = fx.dir, .sector_alias = alias, .n_sector_alias = 2};
    mc_dataset_init(&fx.ds);
    mc_error_init(&fx.err);
    assert_int_equal(mc_dataset_load(&fx.ds, &opt, &fx.err), MC_OK);
    assert_int_equal(fx.ds.sectors.n, 5);
    long s = mc_dataset_sector(&fx.ds, "automotive");
    assert_true(s >= 0);
    assert_int_equal(fx.ds.edge_sectors.n, 8);
    assert_true(mc_tags_has(&fx.ds.edge_sectors, 4, (int32_t)s));
    assert_int_equal(fx.ds.warnings.n, 2);
    assert_string_equal(fx.ds.warnings.msg[0],
                        "--sector-alias 'nothing=automotive': no such sector in the data");
    done(&fx);

    assert_int_equal(mc_sector_alias_check("a=b", &fx.err), MC_OK);
    assert_int_equal(mc_sector_alias_check("=b", &fx.err), MC_E_USAGE);
    assert_int_equal(mc_sector_alias_check("a=", &fx.err), MC_E_USAGE);
    assert_int_equal(mc_sector_alias_check("ab", &fx.err), MC_E_USAGE);
}

/* Czech, Slovak, Polish, Hungarian and German headers; --columns maps any other. */
static void test_column_aliases_and_mapping(void **state) {
    (void)state;
    static const struct {
        const char *header, *name_col;
    } cases[] = {
        {"ID;N\xc3\xa1zev;Zem\xc4\x9b", "N\xc3\xa1zev"}, /* cs */
        {"id;N\xc3\x81ZOV;Krajina", "N\xc3\x81ZOV"},     /* sk, upper case */
        {"id;Nazwa;Pa\xc5\x84stwo", "Nazwa"},            /* pl */
        {"id;N\xc3\xa9v;Orsz\xc3\xa1g", "N\xc3\xa9v"},   /* hu */
        {"id;Bezeichnung;Land", "Bezeichnung"},          /* de */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char nodes[256];
        snprintf(nodes, sizeof nodes, "%s\na;Alfa;CZ\n", cases[i].header);
        struct fixture fx;
        assert_int_equal(load(&fx, nodes, NULL, NULL, NULL, false), MC_OK);
        assert_string_equal(fx.ds.node_name[0], "Alfa");
        assert_int_equal(fx.ds.node_country[0], 0);
        assert_int_equal(fx.ds.n_extra, 0);
        done(&fx);
    }

    struct fixture fx;
    fx.dir = tu_tmpdir();
    free(tu_write(fx.dir, "nodes.csv",
                  "id,Firma,S\xc3\xad"
                  "dlo,name\na,Alfa,DE,x\n"));
    const char *map[] = {"name=FIRMA", "country=s\xc3\xad"
                                       "dlo"};
    struct mc_load_options opt = {.dir = fx.dir, .columns = map, .n_columns = 2};
    mc_dataset_init(&fx.ds);
    mc_error_init(&fx.err);
    assert_int_equal(mc_dataset_load(&fx.ds, &opt, &fx.err), MC_OK);
    assert_string_equal(fx.ds.node_name[0], "Alfa");
    assert_string_equal(mc_dataset_country_name(&fx.ds, fx.ds.node_country[0]), "DE");
    assert_int_equal(fx.ds.n_extra, 1); /* "name", no longer the name column */
    assert_string_equal(fx.ds.extra_name[0], "name");
    mc_dataset_destroy(&fx.ds);

    const char *missing[] = {"name=Jm\xc3\xa9no"};
    opt.columns = missing;
    opt.n_columns = 1;
    assert_int_equal(mc_dataset_load(&fx.ds, &opt, &fx.err), MC_E_DATA);
    assert_string_equal(fx.err.msg,
                        "--columns name=Jm\xc3\xa9no: no file has a column 'Jm\xc3\xa9no'");
    done(&fx);

    assert_int_equal(mc_columns_check("country=Zem\xc4\x9b", &fx.err), MC_OK);
    assert_int_equal(mc_columns_check("nme=x", &fx.err), MC_E_USAGE);
    assert_int_equal(mc_columns_check("name=", &fx.err), MC_E_USAGE);
}

/* A workbook as the dataset: its sheets are the files, and it loads like its CSV twin. */
static void test_workbook_dataset(void **state) {
    (void)state;
    char book[4096], twin[4096];
    snprintf(book, sizeof book, "%s/tests/data/xlsx/cooperation.xlsx", tu_top());
    snprintf(twin, sizeof twin, "%s/tests/data/tiny", tu_top());
    struct mc_dataset a, b;
    struct mc_error err;
    struct mc_load_options oa = {.dir = book}, ob = {.dir = twin};
    mc_dataset_init(&a);
    mc_dataset_init(&b);
    mc_error_init(&err);
    assert_int_equal(mc_dataset_load(&a, &oa, &err), MC_OK);
    assert_int_equal(mc_dataset_load(&b, &ob, &err), MC_OK);
    assert_string_equal(a.name, "cooperation");
    assert_null(a.dir);
    assert_true(strstr(a.path_nodes, "cooperation.xlsx#nodes") != NULL);
    assert_int_equal(a.n_nodes, b.n_nodes);
    assert_int_equal(a.n_edges, b.n_edges);
    assert_int_equal(a.n_aff, b.n_aff);
    assert_int_equal(a.groups.n, b.groups.n);
    assert_int_equal(a.sectors.n, b.sectors.n);
    for (size_t g = 0; g < a.groups.n; g++) {
        assert_int_equal(a.group_year[g], b.group_year[g]); /* dates read as years */
    }
    for (size_t i = 0; i < a.n_nodes; i++) {
        assert_string_equal(a.node_name[i], b.node_name[i]);
        assert_close(a.node_lat[i], b.node_lat[i], 0);
    }
    mc_dataset_destroy(&a);
    mc_dataset_destroy(&b);
}

static void test_tags(void **state) {
    (void)state;
    struct mc_tags t;
    struct mc_error err;
    mc_tags_init(&t);
    int32_t a[] = {5, 1, 5, 3};
    assert_int_equal(mc_tags_push(&t, a, 4, &err), MC_OK);
    assert_int_equal(mc_tags_push(&t, NULL, 0, &err), MC_OK);
    assert_int_equal(mc_tags_count(&t, 0), 3);
    assert_int_equal(mc_tags_of(&t, 0)[0], 1);
    assert_true(mc_tags_has(&t, 0, 5));
    assert_false(mc_tags_has(&t, 0, 4));
    assert_false(mc_tags_has(&t, 1, 1));
    mc_tags_destroy(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nodes_attributes_and_aliases),
        cmocka_unit_test(test_affiliations_and_groups),
        cmocka_unit_test(test_add_missing),
        cmocka_unit_test(test_bad_data_messages),
        cmocka_unit_test(test_directory_errors),
        cmocka_unit_test(test_unknown_sector_and_node_suggest),
        cmocka_unit_test(test_sector_unicode_case_and_typos),
        cmocka_unit_test(test_column_aliases_and_mapping),
        cmocka_unit_test(test_workbook_dataset),
        cmocka_unit_test(test_tags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
