/* Unit tests for src/explore.c: the built-in web files and the page's data. */
#include "graphs.h"

#include <jansson.h>

#include "metaclust/explore.h"
#include "metaclust/igraph_bridge.h"
#include "metaclust/layout.h"
#include "metaclust/palette.h"

/* The page of `g` with options `o` (NULL: defaults); the caller frees it. */
static char *page(const struct tu_graph *t, const struct mc_explore_options *o,
                  struct mc_explore_info *info) {
    struct mc_explore_options def;
    struct mc_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    mc_explore_options_init(&def);
    mc_error_init(&err);
    if (mc_explore_write(&t->ds, &t->g, o ? o : &def, f, info, &err) != MC_OK) {
        fail_msg("explore: %s", err.msg);
    }
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* The JSON of <script id="NAME">, parsed. */
static json_t *block(const char *html, const char *name) {
    char open[64];
    json_error_t je;
    snprintf(open, sizeof open, "<script type=\"application/json\" id=\"%s\">", name);
    const char *s = strstr(html, open);
    assert_non_null(s);
    s += strlen(open);
    const char *e = strstr(s, "</script>");
    assert_non_null(e);
    json_t *j = json_loadb(s, (size_t)(e - s), 0, &je);
    if (j == NULL) {
        fail_msg("%s: %s", name, je.text);
    }
    return j;
}

static json_t *column(json_t *data, const char *name) {
    json_t *c = json_object_get(json_object_get(data, "nodes"), name);
    assert_non_null(c);
    return c;
}

static void test_assets_built_in(void **state) {
    (void)state;
    size_t len = 0;
    const char *html = mc_explore_asset("explorer.html", &len);
    assert_non_null(html);
    assert_int_equal(strlen(html), len);
    assert_non_null(strstr(html, "@@data@@"));
    assert_non_null(strstr(html, "Content-Security-Policy"));
    const char *sigma = mc_explore_asset("sigma.min.js", &len);
    assert_non_null(sigma);
    assert_int_equal(strlen(sigma), len);
    assert_true(len > 100000);
    assert_non_null(strstr(sigma, "Sigma"));
    assert_non_null(mc_explore_asset("graphology.umd.min.js", NULL));
    assert_non_null(mc_explore_asset("explorer.js", NULL));
    assert_non_null(mc_explore_asset("explorer.css", NULL));
    /* the licence names its authors; the scheme of its URL is gone */
    const char *lic = mc_explore_asset("LICENSE.sigma.txt", NULL);
    assert_non_null(strstr(lic, "Alexis Jacomy"));
    assert_null(strstr(lic, "http"));
    assert_null(mc_explore_asset("nothing.js", NULL));
}

/* Nodes, positions (render's layout, same seed), communities, links strongest first. */
static void test_page_data(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_explore_info info;
    struct mc_layout_options lo;
    struct mc_layout_info li;
    struct mc_error err;
    igraph_matrix_t pos;
    tu_tiny(&t);
    char *html = page(&t, NULL, &info);
    assert_int_equal(info.nodes, 7);
    assert_int_equal(info.edges, 5);
    assert_int_equal(info.edges_drawn, 5);
    assert_null(strstr(html, "@@title@@"));
    assert_null(strstr(html, "@@data@@"));
    assert_null(strstr(html, "@@asset:"));
    json_t *d = block(html, "mc-data"), *e = block(html, "mc-edges");
    assert_int_equal(json_array_size(column(d, "id")), 7);
    assert_string_equal(json_string_value(json_array_get(column(d, "name"), 2)), "C");
    assert_int_equal(json_integer_value(json_object_get(d, "edges")), 5);

    /* the same positions as mc_layout_compute gives render, rounded to 4 decimals */
    mc_error_init(&err);
    igraph_matrix_init(&pos, 0, 0);
    mc_layout_options_init(&lo);
    mc_igraph_seed(0);
    assert_int_equal(mc_layout_compute(&t.g.ig, &t.g.weight, &lo, &pos, &li, &err), MC_OK);
    for (igraph_integer_t v = 0; v < 7; v++) {
        assert_close(json_number_value(json_array_get(column(d, "x"), (size_t)v)),
                     MATRIX(pos, v, 0), 0.6e-4);
        assert_close(json_number_value(json_array_get(column(d, "y"), (size_t)v)),
                     MATRIX(pos, v, 1), 0.6e-4);
    }
    igraph_matrix_destroy(&pos);

    /* the profile's percentiles: b (degree 3) is the highest; g (degree 1) is above e (0) and
       ties with a and f */
    json_t *pct = column(d, "pct_degree");
    assert_int_equal(json_array_size(pct), 7);
    assert_close(json_number_value(json_array_get(pct, 1)), 100, 0);
    assert_close(json_number_value(json_array_get(pct, 6)), 100.0 * (1 + 0.5 * 2) / 6, 0.05);

    /* community 0 is the largest and gets the palette's first colour */
    json_t *comm = json_object_get(d, "communities");
    size_t total = 0;
    for (size_t c = 0; c < json_array_size(comm); c++) {
        json_int_t size = json_integer_value(json_object_get(json_array_get(comm, c), "size"));
        total += (size_t)size;
        if (c > 0) {
            assert_true(size <=
                        json_integer_value(json_object_get(json_array_get(comm, c - 1), "size")));
        }
    }
    assert_int_equal(total, 7);
    assert_string_equal(json_string_value(json_object_get(json_array_get(comm, 0), "colour")),
                        mc_palette_hex(0));

    /* [from, to, weight] x 5, weight descending: c-d (4) first, then a-b (2) */
    assert_int_equal(json_array_size(e), 15);
    assert_close(json_number_value(json_array_get(e, 2)), 4, 0);
    assert_close(json_number_value(json_array_get(e, 5)), 2, 0);
    for (size_t k = 1; k < 5; k++) {
        assert_true(json_number_value(json_array_get(e, 3 * k + 2)) <=
                    json_number_value(json_array_get(e, 3 * k - 1)));
    }
    json_decref(d);
    json_decref(e);
    free(html);
    tu_graph_free(&t);
}

/* Same seed, same bytes; another seed, other positions. A title is HTML-escaped. */
static void test_page_deterministic_and_escaped(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_explore_options o;
    tu_tiny(&t);
    mc_explore_options_init(&o);
    o.title = "R&D </script> <b>";
    char *a = page(&t, &o, NULL), *b = page(&t, &o, NULL);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "<title>R&amp;D &lt;/script&gt; &lt;b&gt;</title>"));
    json_t *d = block(a, "mc-data"); /* the data block holds no raw '<' */
    assert_string_equal(json_string_value(json_object_get(d, "title")), "R&D </script> <b>");
    json_decref(d);
    o.seed = 5;
    char *c = page(&t, &o, NULL);
    assert_string_not_equal(a, c);
    free(a);
    free(b);
    free(c);
    tu_graph_free(&t);
}

static void test_edge_cap(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_explore_options o;
    struct mc_explore_info info;
    tu_tiny(&t);
    mc_explore_options_init(&o);
    assert_int_equal(o.edge_cap, 50000);
    o.edge_cap = 2;
    char *html = page(&t, &o, &info);
    assert_int_equal(info.edges_drawn, 2);
    json_t *d = block(html, "mc-data"), *e = block(html, "mc-edges");
    assert_int_equal(json_integer_value(json_object_get(d, "edges_drawn")), 2);
    assert_int_equal(json_array_size(e), 15); /* every link is in the page */
    json_decref(d);
    json_decref(e);
    free(html);
    tu_graph_free(&t);
}

/* Proposals: members outside the view are left out, and so is a proposal with fewer than two. */
static void test_proposals(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_explore_options o;
    struct mc_proposals_io pio;
    struct mc_error err;
    char *dir = tu_tmpdir();
    free(tu_write(dir, "proposals.csv",
                  "rank,sector,proposal,size,countries,country_list,coordinator_id,"
                  "coordinator_name,cohesion,diversity,cross_border_share,stability,score,members\n"
                  "1,all,p1,3,2,CZ:2;SK:1,b,B,0.5,0.5,0.5,1,0.8,a;b;zz\n"
                  "2,all,p2,2,1,DE:1,f,F,0.5,0.5,0.5,1,0.4,f;yy\n"));
    free(tu_write(dir, "missing_links.csv",
                  "proposal,source,target,score,shared_neighbours\np1,a,c,0.5,1\np1,a,zz,1,1\n"));
    tu_tiny(&t);
    mc_error_init(&err);
    mc_proposals_io_init(&pio);
    assert_int_equal(mc_proposals_io_read(&pio, dir, &err), MC_OK);
    mc_explore_options_init(&o);
    o.proposals = &pio;
    struct mc_explore_info info;
    char *html = page(&t, &o, &info);
    assert_int_equal(info.proposals, 1);
    json_t *d = block(html, "mc-data");
    json_t *p = json_array_get(json_object_get(d, "proposals"), 0);
    assert_string_equal(json_string_value(json_object_get(p, "id")), "p1");
    json_t *members = json_object_get(p, "members"), *links = json_object_get(p, "links");
    assert_int_equal(json_array_size(members), 2);
    assert_int_equal(json_integer_value(json_array_get(members, 0)), 0); /* a */
    assert_int_equal(json_integer_value(json_array_get(members, 1)), 1); /* b */
    assert_int_equal(json_array_size(links), 1);
    assert_int_equal(json_integer_value(json_array_get(json_array_get(links, 0), 1)), 2); /* c */
    json_decref(d);
    free(html);
    mc_proposals_io_destroy(&pio);
    tu_graph_free(&t);
    tu_rmdir(dir);
}

/* Degenerate data is valid: an isolated node, and a graph of one link. */
static void test_small(void **state) {
    (void)state;
    struct tu_graph t;
    struct mc_explore_info info;
    tu_graph_load(&t, "id,name,country\na,A,CZ\nb,B,CZ\nsolo,Solo,SK\n",
                  "source,target,weight\na,b,1\n");
    char *html = page(&t, NULL, &info);
    assert_int_equal(info.nodes, 3);
    assert_int_equal(info.edges, 1);
    json_t *d = block(html, "mc-data"), *e = block(html, "mc-edges");
    assert_int_equal(json_array_size(column(d, "id")), 3);
    assert_int_equal(json_array_size(e), 3);
    json_decref(d);
    json_decref(e);
    free(html);
    tu_graph_free(&t);
}

/* A node's sectors: its own, and those of its links (and affiliations), without repeats. */
static void test_node_sectors(void **state) {
    (void)state;
    struct tu_graph t;
    tu_graph_load(&t, "id,name,country,sectors\na,A,CZ,wood\nb,B,SK,\nc,C,PL,ict\n",
                  "source,target,weight,sector\na,b,1,ict\nb,c,1,ict\na,c,2,wood\n");
    char *html = page(&t, NULL, NULL);
    json_t *d = block(html, "mc-data");
    json_t *names = json_object_get(d, "sectors"), *sec = column(d, "sectors");
    assert_int_equal(json_array_size(names), 2);
    long wood = strcmp(json_string_value(json_array_get(names, 0)), "wood") == 0 ? 0 : 1;
    json_t *a = json_array_get(sec, 0), *b = json_array_get(sec, 1);
    assert_int_equal(json_array_size(a), 2); /* wood (own and a-c), ict (a-b) */
    assert_int_equal(json_array_size(b), 1); /* ict only, from its links */
    assert_int_equal(json_integer_value(json_array_get(b, 0)), 1 - wood);
    json_decref(d);
    free(html);
    tu_graph_free(&t);
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assets_built_in),
        cmocka_unit_test(test_page_data),
        cmocka_unit_test(test_page_deterministic_and_escaped),
        cmocka_unit_test(test_edge_cap),
        cmocka_unit_test(test_proposals),
        cmocka_unit_test(test_small),
        cmocka_unit_test(test_node_sectors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
