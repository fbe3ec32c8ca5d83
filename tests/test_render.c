/* Unit tests for src/render.c: valid, non-blank, reproducible figures. */
#include "testutil.h"

#include <cairo.h>
#include <igraph.h>

#include "metaclust/igraph_bridge.h"
#include "metaclust/palette.h"
#include "metaclust/render.h"

struct fixture {
    igraph_t g;
    igraph_vector_t w;
    igraph_matrix_t pos;
    int slot[6];
    double size[6];
    const char *label[6];
    struct mc_legend_entry legend[2];
    struct mc_scene s;
};

static void fixture_init(struct fixture *f) {
    static const char *const names[6] = {"Ústí nad Labem", "Rzeszów", "Łódź",
                                         "Pieštany",       "İzmir",   "Bielsko-Biała"};
    assert_int_equal(
        igraph_small(&f->g, 6, IGRAPH_UNDIRECTED, 0, 1, 1, 2, 2, 0, 2, 3, 3, 4, 4, 5, -1), 0);
    igraph_vector_init(&f->w, 6);
    igraph_matrix_init(&f->pos, 6, 2);
    for (int v = 0; v < 6; v++) {
        VECTOR(f->w)[v] = 1 + v;
        MATRIX(f->pos, v, 0) = cos(v);
        MATRIX(f->pos, v, 1) = sin(v) + 0.1 * v;
        f->slot[v] = v % 2;
        f->size[v] = v;
        f->label[v] = names[v];
    }
    f->legend[0] = (struct mc_legend_entry){"CZ Czechia (3)", 0, MC_SHAPE_CIRCLE};
    f->legend[1] = (struct mc_legend_entry){"PL Poland (3)", 1, MC_SHAPE_CIRCLE};
    memset(&f->s, 0, sizeof f->s);
    f->s.g = &f->g;
    f->s.weight = &f->w;
    f->s.pos = &f->pos;
    f->s.slot = f->slot;
    f->s.size = f->size;
    f->s.label = f->label;
    f->s.title = "Test figure — Łódź";
    f->s.caption = "A caption.";
    f->s.colour_title = "Country";
    f->s.colours = f->legend;
    f->s.n_colours = 2;
    f->s.size_title = "Node area: strength";
    f->s.edge_title = "Line width: weight";
}

static void fixture_destroy(struct fixture *f) {
    igraph_matrix_destroy(&f->pos);
    igraph_vector_destroy(&f->w);
    igraph_destroy(&f->g);
}

/* Renders into memory; the caller frees *buf. */
static void render_mem(const struct mc_scene *s, const struct mc_render_options *o, char **buf,
                       size_t *len) {
    struct mc_render_info info;
    struct mc_error err;
    FILE *f = open_memstream(buf, len);
    assert_non_null(f);
    mc_error_init(&err);
    if (mc_render(s, o, f, "mem", &info, &err) != MC_OK) {
        fail_msg("render: %s", err.msg);
    }
    assert_int_equal(fclose(f), 0);
    assert_int_equal(info.labels_shown, 6); /* a small graph shows every label that fits */
}

static bool contains(const char *hay, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        if (memcmp(hay + i, needle, k) == 0) {
            return true;
        }
    }
    return false;
}

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct reader {
    const unsigned char *p;
    size_t left;
};

static cairo_status_t read_mem(void *closure, unsigned char *data, unsigned int length) {
    struct reader *r = closure;
    if (length > r->left) {
        return CAIRO_STATUS_READ_ERROR;
    }
    memcpy(data, r->p, length);
    r->p += length;
    r->left -= length;
    return CAIRO_STATUS_SUCCESS;
}

/* Pixels that are not white, counted by decoding the PNG with cairo. */
static size_t ink(const char *png, size_t len, int *w, int *h) {
    struct reader r = {(const unsigned char *)png, len};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_mem, &r);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    *w = cairo_image_surface_get_width(s);
    *h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    size_t n = 0;
    for (int y = 0; y < *h; y++) {
        const uint32_t *row = (const uint32_t *)(d + (size_t)y * (size_t)stride);
        for (int x = 0; x < *w; x++) {
            n += (row[x] & 0xffffff) != 0xffffff;
        }
    }
    cairo_surface_destroy(s);
    return n;
}

static void test_render_png_valid_and_not_blank(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_render_options o;
    char *buf = NULL;
    size_t len = 0;
    fixture_init(&fx);
    mc_render_options_init(&o);
    o.width = 800;
    o.height = 600;
    o.dpi = 192;
    render_mem(&fx.s, &o, &buf, &len);
    assert_true(len > 100);
    assert_memory_equal(buf, "\x89PNG\r\n\x1a\n", 8);
    const unsigned char *u = (const unsigned char *)buf;
    assert_memory_equal(u + 12, "IHDR", 4);
    assert_int_equal(be32(u + 16), 1600); /* 800 CSS px at 192 dpi */
    assert_int_equal(be32(u + 20), 1200);
    assert_memory_equal(u + 37, "pHYs", 4); /* right after IHDR */
    assert_int_equal(be32(u + 41), 7559);   /* 192 dpi in pixels per metre */
    assert_int_equal(u[49], 1);
    int w, h;
    size_t n = ink(buf, len, &w, &h);
    assert_int_equal(w, 1600);
    assert_int_equal(h, 1200);
    assert_true(n > (size_t)w * (size_t)h / 200); /* more than 0.5% ink: not blank */
    assert_true(n < (size_t)w * (size_t)h / 2);   /* and mostly white background */
    free(buf);
    fixture_destroy(&fx);
}

static void test_render_identical_twice(void **state) {
    (void)state;
    static const enum mc_figure_format fmts[] = {MC_FIG_PNG, MC_FIG_SVG, MC_FIG_PDF};
    struct fixture fx;
    fixture_init(&fx);
    setenv("SOURCE_DATE_EPOCH", "946684800", 1);
    for (size_t k = 0; k < 3; k++) {
        struct mc_render_options o;
        char *a = NULL, *b = NULL;
        size_t la = 0, lb = 0;
        mc_render_options_init(&o);
        o.format = fmts[k];
        render_mem(&fx.s, &o, &a, &la);
        render_mem(&fx.s, &o, &b, &lb);
        assert_int_equal(la, lb);
        assert_memory_equal(a, b, la);
        if (fmts[k] == MC_FIG_SVG) {
            assert_memory_equal(a, "<?xml", 5);
            assert_true(contains(a, la, "</svg>"));
            assert_true(contains(a, la, "id=\"surface1\""));
            assert_true(contains(a, la, "width=\"1200px\""));
        } else if (fmts[k] == MC_FIG_PDF) {
            assert_memory_equal(a, "%PDF-", 5);
            /* cairo 1.16 writes the date without the "D:" prefix */
            assert_true(contains(a, la, "/CreationDate (20000101000000Z)"));
            assert_true(contains(a, la, "/ModDate (20000101000000Z)"));
            assert_true(contains(a, la, "/FontFile2")); /* embedded TrueType */
            assert_true(contains(a, la, "/Creator (metaclust "));
        }
        free(a);
        free(b);
    }
    unsetenv("SOURCE_DATE_EPOCH");
    fixture_destroy(&fx);
}

/*
 * Group names (a country layout's countries) are drawn on the figure, are no
 * node labels, and a group without nodes or without a name draws nothing.
 */
static void test_render_group_names(void **state) {
    (void)state;
    static const int32_t group[6] = {0, 0, 0, 1, 1, -1};
    static const char *const names[4] = {"Czechia", "Poland", "Nowhere", NULL};
    struct fixture fx;
    struct mc_render_options o;
    struct mc_render_info i0, i1;
    struct mc_error err;
    char *a = NULL, *b = NULL;
    size_t la = 0, lb = 0;
    int w, h;
    fixture_init(&fx);
    mc_render_options_init(&o);
    mc_error_init(&err);
    FILE *fa = open_memstream(&a, &la);
    assert_int_equal(mc_render(&fx.s, &o, fa, "a.png", &i0, &err), MC_OK);
    fclose(fa);
    fx.s.n_groups = 4;
    fx.s.group = group;
    fx.s.group_name = names;
    FILE *fb = open_memstream(&b, &lb);
    assert_int_equal(mc_render(&fx.s, &o, fb, "b.png", &i1, &err), MC_OK);
    fclose(fb);
    size_t without = ink(a, la, &w, &h), with = ink(b, lb, &w, &h);
    assert_true(with > without + 200); /* two bold names: a few hundred dark pixels */
    assert_int_equal(i1.labels_shown + i1.labels_dropped, i0.labels_shown + i0.labels_dropped);
    free(a);
    free(b);
    fixture_destroy(&fx);
}

/* A scene's message is written in the plot, even with no node at all. */
static void test_render_message(void **state) {
    (void)state;
    igraph_t g;
    igraph_matrix_t pos;
    struct mc_scene s = {.g = &g, .pos = &pos, .title = "Nothing to map"};
    struct mc_render_options o;
    char *a = NULL, *b = NULL;
    size_t la = 0, lb = 0;
    int w, h;
    struct mc_render_info info;
    struct mc_error err;
    igraph_empty(&g, 0, IGRAPH_UNDIRECTED);
    igraph_matrix_init(&pos, 0, 2);
    mc_render_options_init(&o);
    mc_error_init(&err);
    FILE *fa = open_memstream(&a, &la);
    assert_int_equal(mc_render(&s, &o, fa, "a.png", &info, &err), MC_OK);
    fclose(fa);
    s.message = "No proposal in sector wood: no group of its clusters met the rules.";
    FILE *fb = open_memstream(&b, &lb);
    assert_int_equal(mc_render(&s, &o, fb, "b.png", &info, &err), MC_OK);
    fclose(fb);
    assert_true(ink(b, lb, &w, &h) > ink(a, la, &w, &h) + 500);
    free(a);
    free(b);
    igraph_matrix_destroy(&pos);
    igraph_destroy(&g);
}

/* Distance from (x, y) to the segment (ax, ay)-(bx, by). */
static double seg_dist(double x, double y, double ax, double ay, double bx, double by) {
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    double t = fmax(0.0, fmin(1.0, ((x - ax) * dx + (y - ay) * dy) / l2));
    return hypot(ax + t * dx - x, ay + t * dy - y);
}

/*
 * A suggested link between two members whose straight line runs through the
 * coordinator and along its ties (pl-slask — sk-auto in the issue) bends
 * around them: its middle part meets no other node and no existing tie.
 */
static void test_render_bend_avoids_ties(void **state) {
    (void)state;
    /* a (0) and b (1) on either side of the coordinator c (2), tied to it; d (3) above c */
    const double X[4] = {100, 300, 200, 200}, Y[4] = {300, 300, 300, 250}, R[4] = {6, 6, 10, 6};
    const igraph_integer_t from[3] = {0, 2, 3}, to[3] = {2, 1, 2};
    double cx, cy, cx2, cy2;
    mc_render_bend(0, 1, X, Y, R, 4, from, to, 3, &cx, &cy);
    mc_render_bend(0, 1, X, Y, R, 4, from, to, 3, &cx2, &cy2);
    assert_true(cx == cx2 && cy == cy2); /* deterministic */
    assert_true(cy > 300);               /* bends away from d, which sits above c */
    for (int k = 0; k <= 20; k++) {
        double t = 0.15 + 0.7 * k / 20, x, y;
        mc_render_bezier(X[0], Y[0], cx, cy, X[1], Y[1], t, &x, &y);
        for (int v = 2; v < 4; v++) {
            assert_true(hypot(x - X[v], y - Y[v]) > R[v] + 3);
        }
        for (int e = 0; e < 3; e++) {
            assert_true(seg_dist(x, y, X[from[e]], Y[from[e]], X[to[e]], Y[to[e]]) > 3);
        }
    }
    /* nothing in the way: the least bend */
    mc_render_bend(0, 1, X, Y, R, 2, from, to, 0, &cx, &cy);
    assert_true(fabs(cy - 300) < 0.3 * 2 * 200 + 1e-9 && fabs(cy - 300) > 0);
}

/*
 * The suggested links are drawn above the existing ties and under the nodes:
 * in the SVG, the red dashes come after every tie's stroke and before the
 * first node's fill, and they are a curve ("C"), not a straight line.
 */
static void test_render_dashed_above_ties(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_render_options o;
    char *a = NULL;
    size_t la = 0;
    const igraph_integer_t from[1] = {0}, to[1] = {3}; /* 0 - 3 is no tie */
    fixture_init(&fx);
    fx.s.n_dashed = 1;
    fx.s.dashed_from = from;
    fx.s.dashed_to = to;
    mc_render_options_init(&o);
    o.format = MC_FIG_SVG;
    render_mem(&fx.s, &o, &a, &la);
    char *svg = malloc(la + 1);
    assert_non_null(svg);
    memcpy(svg, a, la);
    svg[la] = 0;
    /* ties: round caps; the suggested link: red; nodes: filled with an outline */
    const char *red = strstr(svg, "stroke:rgb(80%,10%,10%)");
    const char *node = strstr(svg, "style=\"fill-rule:nonzero;fill:rgb(");
    const char *tie = strstr(svg, "stroke-linecap:round"), *last_tie = NULL;
    assert_non_null(red);
    assert_non_null(node);
    assert_non_null(tie);
    for (; tie != NULL; tie = strstr(tie + 1, "stroke-linecap:round")) {
        last_tie = tie;
    }
    assert_true(last_tie < red); /* above every tie */
    assert_true(red < node);     /* under the nodes */
    const char *d = strstr(red, " d=\"");
    assert_non_null(d);
    assert_non_null(strstr(d, " C ")); /* a curve, not a straight line */
    assert_true(strstr(d, " C ") < strchr(d + 4, '"'));
    free(svg);
    free(a);
    fixture_destroy(&fx);
}

/* PDF dates: the option, else SOURCE_DATE_EPOCH, else now (never 2000 again). */
static void test_render_pdf_date(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_render_options o;
    char *a = NULL;
    size_t la = 0;
    fixture_init(&fx);
    mc_render_options_init(&o);
    o.format = MC_FIG_PDF;
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    render_mem(&fx.s, &o, &a, &la);
    assert_true(contains(a, la, "/CreationDate (20231114221320Z)"));
    assert_true(contains(a, la, "/ModDate (20231114221320Z)"));
    free(a);
    o.date = "2024-02-29T12:00:00Z";
    render_mem(&fx.s, &o, &a, &la);
    assert_true(contains(a, la, "/CreationDate (20240229120000Z)"));
    free(a);
    o.date = NULL;
    setenv("SOURCE_DATE_EPOCH", "soon", 1); /* malformed: now */
    render_mem(&fx.s, &o, &a, &la);
    assert_false(contains(a, la, "/CreationDate (2000"));
    assert_false(contains(a, la, "/CreationDate (2023"));
    free(a);
    unsetenv("SOURCE_DATE_EPOCH");
    fixture_destroy(&fx);
}

static void test_render_large_graph_style(void **state) {
    (void)state;
    /* a ring of 400 nodes drawn with the large style threshold lowered */
    igraph_t g;
    igraph_matrix_t pos;
    struct mc_scene s;
    struct mc_render_options o;
    struct mc_render_info info;
    struct mc_error err;
    char *buf = NULL;
    size_t len = 0;
    assert_int_equal(igraph_ring(&g, 400, IGRAPH_UNDIRECTED, 0, 1), 0);
    igraph_matrix_init(&pos, 400, 2);
    const char **label = calloc(400, sizeof *label);
    for (int v = 0; v < 400; v++) {
        MATRIX(pos, v, 0) = cos(v * 0.0157);
        MATRIX(pos, v, 1) = sin(v * 0.0157);
        label[v] = "node";
    }
    memset(&s, 0, sizeof s);
    s.g = &g;
    s.pos = &pos;
    s.label = label;
    s.caption = "Ring.";
    mc_render_options_init(&o);
    o.large = 100;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(mc_render(&s, &o, f, "mem", &info, &err), MC_OK);
    fclose(f);
    assert_true(info.large);
    assert_true(info.labels_shown <= 12);
    assert_true(info.labels_shown > 0);
    int w, h;
    assert_true(ink(buf, len, &w, &h) > 1000);
    free(buf);
    free(label);
    igraph_matrix_destroy(&pos);
    igraph_destroy(&g);
}

static void test_render_errors(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_render_options o;
    struct mc_render_info info;
    struct mc_error err;
    char *buf = NULL;
    size_t len = 0;
    fixture_init(&fx);
    mc_render_options_init(&o);
    o.width = 100;
    FILE *f = open_memstream(&buf, &len);
    mc_error_init(&err);
    assert_int_equal(mc_render(&fx.s, &o, f, "mem", &info, &err), MC_E_USAGE);
    assert_string_equal(err.msg, "figure size 100x900 out of range (200 to 20000 px each way)");
    o.width = 200;
    o.height = 200; /* in range, but no room for the plot */
    assert_int_equal(mc_render(&fx.s, &o, f, "mem", &info, &err), MC_E_USAGE);
    assert_non_null(strstr(err.msg, "figure too small"));
    fclose(f);
    free(buf);
    fixture_destroy(&fx);
}

/* A full disk: every format reports a write error, not success. */
static void test_render_write_failure(void **state) {
    (void)state;
    static const enum mc_figure_format fmts[] = {MC_FIG_PNG, MC_FIG_SVG, MC_FIG_PDF};
    struct fixture fx;
    FILE *full = fopen("/dev/full", "w");
    if (full == NULL) {
        skip();
    }
    setvbuf(full, NULL, _IONBF, 0); /* unbuffered: the first write fails */
    fixture_init(&fx);
    for (size_t k = 0; k < 3; k++) {
        struct mc_render_options o;
        struct mc_render_info info;
        struct mc_error err;
        mc_render_options_init(&o);
        o.format = fmts[k];
        mc_error_init(&err);
        assert_int_equal(mc_render(&fx.s, &o, full, "full.out", &info, &err), MC_E_IO);
        assert_string_equal(err.msg, "full.out: write error");
    }
    fclose(full);
    fixture_destroy(&fx);
}

/* Pixels of exactly the colour rgb (0xRRGGBB) in a PNG. */
static size_t count_colour(const char *png, size_t len, uint32_t rgb) {
    struct reader r = {(const unsigned char *)png, len};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_mem, &r);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    size_t n = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(d + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            n += (row[x] & 0xffffff) == rgb;
        }
    }
    cairo_surface_destroy(s);
    return n;
}

/* Occurrences of a string in the output: path commands in an SVG. */
static size_t count_text(const char *hay, size_t n, const char *needle) {
    size_t c = 0, k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        c += memcmp(hay + i, needle, k) == 0;
    }
    return c;
}

/*
 * A base map: sea over the plot, land inside the polygon (not in its hole),
 * no map without one; curved edges are curves.
 */
static void test_render_map_and_arcs(void **state) {
    (void)state;
    struct fixture fx;
    struct mc_render_options o;
    /* the left half of the layout (x -0.99 .. 1) with a square hole */
    static const double x[] = {-3, 0, 0, -3, -0.8, -0.2, -0.2, -0.8};
    static const double y[] = {-3, -3, 3, 3, 0.2, 0.2, 0.8, 0.8};
    size_t part[] = {0, 2}, ring[] = {0, 4, 8};
    struct mc_map map = {1, part, ring, x, y, NULL, NULL};
    char *a = NULL, *b = NULL;
    size_t la = 0, lb = 0;
    fixture_init(&fx);
    mc_render_options_init(&o);
    o.width = 800;
    o.height = 600;
    render_mem(&fx.s, &o, &a, &la);
    assert_int_equal(count_colour(a, la, 0xEFEBE3), 0);
    assert_int_equal(count_colour(a, la, 0xD9E6EF), 0);
    fx.s.map = &map;
    render_mem(&fx.s, &o, &b, &lb);
    size_t land = count_colour(b, lb, 0xEFEBE3), sea = count_colour(b, lb, 0xD9E6EF);
    assert_true(land > 800 * 600 / 10);
    assert_true(sea > 800 * 600 / 10);
    free(b);
    part[1] = 1; /* without the hole: more land */
    render_mem(&fx.s, &o, &b, &lb);
    assert_true(count_colour(b, lb, 0xEFEBE3) > land + 1000);
    free(b);
    map.n_parts = 0; /* no polygons: all sea */
    render_mem(&fx.s, &o, &b, &lb);
    assert_int_equal(count_colour(b, lb, 0xEFEBE3), 0);
    assert_true(count_colour(b, lb, 0xD9E6EF) > sea + land / 2);
    free(a);
    free(b);

    o.format = MC_FIG_SVG;
    fx.s.map = NULL;
    render_mem(&fx.s, &o, &a, &la);
    fx.s.curved = true;
    render_mem(&fx.s, &o, &b, &lb);
    /* 6 edges, each a curve (cairo writes "C" for a cubic segment) instead of a line */
    assert_int_equal(count_text(b, lb, " C "), count_text(a, la, " C ") + 6);
    free(a);
    free(b);
    fixture_destroy(&fx);
}

static void test_render_formats(void **state) {
    (void)state;
    enum mc_figure_format f;
    assert_true(mc_figure_format_from_path("a/b.png", &f) && f == MC_FIG_PNG);
    assert_true(mc_figure_format_from_path("x.SVG", &f) && f == MC_FIG_SVG);
    assert_true(mc_figure_format_from_path("report.pdf", &f) && f == MC_FIG_PDF);
    assert_false(mc_figure_format_from_path("x.jpg", &f));
    assert_false(mc_figure_format_from_path("dir.png/x", &f));
    assert_false(mc_figure_format_from_path("noext", &f));
    assert_close(mc_render_radius(4, 0, 0), 4, 0);
    assert_close(mc_render_radius(4, 10, 10), 12, 1e-12);
    assert_close(mc_render_radius(4, 0, 10), 2, 1e-12);
}

int main(void) {
    mc_igraph_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render_png_valid_and_not_blank),
        cmocka_unit_test(test_render_identical_twice),
        cmocka_unit_test(test_render_pdf_date),
        cmocka_unit_test(test_render_group_names),
        cmocka_unit_test(test_render_message),
        cmocka_unit_test(test_render_bend_avoids_ties),
        cmocka_unit_test(test_render_dashed_above_ties),
        cmocka_unit_test(test_render_large_graph_style),
        cmocka_unit_test(test_render_errors),
        cmocka_unit_test(test_render_write_failure),
        cmocka_unit_test(test_render_formats),
        cmocka_unit_test(test_render_map_and_arcs),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    mc_render_release();
    return failed;
}
