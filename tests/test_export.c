/* Unit tests for src/export.c: formats by name and extension, VOSviewer JSON and GEXF. */
#include "graphs.h"

#include <jansson.h>

#include "metaclust/export.h"
#include "metaclust/palette.h"

/* Writes `g` in `fmt` to memory; the caller frees the text. */
static char *export_text(const struct mc_graph *g, const struct mc_export_analysis *an,
                         enum mc_export_format fmt) {
    char *buf = NULL;
    size_t len = 0;
    struct mc_error err;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    mc_error_init(&err);
    if (mc_export_write(g, an, fmt, f, &err) != MC_OK) {
        fail_msg("export: %s", err.msg);
    }
    assert_int_equal(fclose(f), 0);
    return buf;
}

static size_t count(const char *s, const char *needle) {
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

static void test_format_names(void **state) {
    (void)state;
    enum mc_export_format f;
    assert_true(mc_export_format_parse("vosviewer", &f));
    assert_int_equal(f, MC_EXPORT_VOSVIEWER);
    assert_true(mc_export_format_parse("gexf", &f));
    assert_int_equal(f, MC_EXPORT_GEXF);
    assert_true(mc_export_format_from_path("out/map.JSON", &f));
    assert_int_equal(f, MC_EXPORT_VOSVIEWER);
    assert_true(mc_export_format_from_path("a.b/sc6.gexf", &f));
    assert_int_equal(f, MC_EXPORT_GEXF);
    assert_false(mc_export_format_from_path("a.gexf/sc6", &f));
    assert_string_equal(mc_export_format_name(MC_EXPORT_VOSVIEWER), "vosviewer");
    assert_string_equal(mc_export_format_name(MC_EXPORT_GEXF), "gexf");
    assert_true(mc_export_format_drawn(MC_EXPORT_GEXF));
    assert_true(mc_export_format_drawn(MC_EXPORT_VOSVIEWER));
    assert_false(mc_export_format_drawn(MC_EXPORT_GRAPHML));
}

/* tu_tiny with two communities and positions (v, -v). */
struct drawn {
    igraph_vector_int_t memb;
    igraph_matrix_t pos;
    struct mc_export_analysis an;
};

static void drawn_init(struct drawn *d, const struct mc_graph *g) {
    igraph_vector_int_init(&d->memb, g->n);
    igraph_matrix_init(&d->pos, g->n, 2);
    for (igraph_integer_t v = 0; v < g->n; v++) {
        VECTOR(d->memb)[v] = v < 4 ? 0 : 1;
        MATRIX(d->pos, v, 0) = (double)v;
        MATRIX(d->pos, v, 1) = -(double)v;
    }
    memset(&d->an, 0, sizeof d->an);
    d->an.membership = &d->memb;
    d->an.position = &d->pos;
}

static void drawn_destroy(struct drawn *d) {
    igraph_vector_int_destroy(&d->memb);
    igraph_matrix_destroy(&d->pos);
}

/* VOSviewer: items and links as in the graph, ids from 1, clusters from 1, weights. */
static void test_vosviewer(void **state) {
    (void)state;
    struct tu_graph t;
    struct drawn d;
    json_error_t je;
    tu_tiny(&t);
    drawn_init(&d, &t.g);
    char *text = export_text(&t.g, &d.an, MC_EXPORT_VOSVIEWER);
    json_t *root = json_loads(text, 0, &je);
    assert_non_null(root);
    json_t *items = json_object_get(json_object_get(root, "network"), "items");
    json_t *links = json_object_get(json_object_get(root, "network"), "links");
    assert_int_equal(json_array_size(items), 7);
    assert_int_equal(json_array_size(links), 5);
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *it = json_array_get(items, i);
        igraph_integer_t v = (igraph_integer_t)i;
        assert_int_equal(json_integer_value(json_object_get(it, "id")), v + 1);
        assert_string_equal(json_string_value(json_object_get(it, "label")),
                            mc_graph_name(&t.g, v));
        assert_close(json_number_value(json_object_get(it, "x")), MATRIX(d.pos, v, 0), 0);
        assert_close(json_number_value(json_object_get(it, "y")), MATRIX(d.pos, v, 1), 0);
        assert_int_equal(json_integer_value(json_object_get(it, "cluster")),
                         VECTOR(d.memb)[v] + 1);
        assert_non_null(strstr(json_string_value(json_object_get(it, "description")),
                               "<td>node_id</td>"));
        if (strcmp(mc_graph_id(&t.g, v), "b") == 0) { /* b: a 2, c 1, d 1 */
            json_t *w = json_object_get(it, "weights");
            assert_close(json_number_value(json_object_get(w, "Links")), 3, 0);
            assert_close(json_number_value(json_object_get(w, "Total link strength")), 4, 0);
        }
    }
    double total = 0;
    for (size_t i = 0; i < json_array_size(links); i++) {
        json_t *l = json_array_get(links, i);
        json_int_t s = json_integer_value(json_object_get(l, "source_id"));
        json_int_t e = json_integer_value(json_object_get(l, "target_id"));
        assert_true(s >= 1 && s <= 7 && e >= 1 && e <= 7 && s != e);
        total += json_number_value(json_object_get(l, "strength"));
    }
    assert_close(total, 9, 0); /* 2 + 1 + 4 + 1 + 1 */
    json_decref(root);
    free(text);

    /* without analysis: one cluster at the origin, still a valid map */
    text = export_text(&t.g, NULL, MC_EXPORT_VOSVIEWER);
    root = json_loads(text, 0, &je);
    assert_non_null(root);
    json_t *it = json_array_get(json_object_get(json_object_get(root, "network"), "items"), 6);
    assert_int_equal(json_integer_value(json_object_get(it, "cluster")), 1);
    assert_close(json_number_value(json_object_get(it, "x")), 0, 0);
    json_decref(root);
    free(text);
    drawn_destroy(&d);
    tu_graph_free(&t);
}

/* GEXF: counts, the community colour from the palette, positions, escaping. */
static void test_gexf(void **state) {
    (void)state;
    struct tu_graph t;
    struct drawn d;
    char want[96];
    tu_graph_load(&t,
                  "id,name,country,note\n"
                  "a,\"A & <B> \"\"q\"\"\",CZ,x\ty\n"
                  "b,B,SK,\nc,C,PL,\n",
                  "source,target,weight\na,b,2\nb,c,0.5\n");
    drawn_init(&d, &t.g);
    char *text = export_text(&t.g, &d.an, MC_EXPORT_GEXF);
    assert_non_null(strstr(text, "<gexf xmlns=\"http://gexf.net/1.3\""));
    assert_int_equal(count(text, "<node "), 3);
    assert_int_equal(count(text, "<edge "), 2);
    assert_int_equal(count(text, "<viz:position "), 3);
    assert_non_null(strstr(text, "label=\"A &amp; &lt;B&gt; &quot;q&quot;\""));
    assert_non_null(strstr(text, "value=\"x&#9;y\""));
    assert_non_null(strstr(text, "weight=\"0.5\""));
    struct mc_rgb c = mc_palette_colour(0);
    snprintf(want, sizeof want, "<viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>", (int)lround(255 * c.r),
             (int)lround(255 * c.g), (int)lround(255 * c.b));
    assert_int_equal(count(text, want), 3); /* all three in community 0 */
    assert_non_null(strstr(text, "<viz:position x=\"100\" y=\"-100\" z=\"0\"/>")); /* v 2, x50 */
    assert_null(strstr(text, "attribute id=\"label\""));
    free(text);
    drawn_destroy(&d);
    tu_graph_free(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_vosviewer),
        cmocka_unit_test(test_gexf),
    };
    mc_igraph_setup();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
