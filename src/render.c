/*
 * Network figures with cairo and pango. See metaclust/render.h.
 *
 * Page layout, in CSS pixels: the title across the top, the plot on the
 * left, the legend in a column on the right, the caption across the bottom.
 */
#include "metaclust/render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <setjmp.h>
#include <zlib.h>

#include "metaclust/labels.h"
#include "metaclust/layout.h"
#include "metaclust/palette.h"
#include "metaclust/util.h"
#include "metaclust/version.h"

#define FONT              "DejaVu Sans"
#define MARGIN            18.0
#define TITLE_PX          20.0
#define TEXT_PX           12.5
#define LABEL_PX          11.0
#define CAPTION_PX        12.0
#define LEGEND_W          250.0
#define DENSE_LABELS      500   /* above this many nodes, labels may cover small unlabelled nodes */
#define MAX_SPACING       220.0 /* px between nearest neighbours at most: small graphs stay compact */
#define VECTOR_EDGE_LIMIT 20000 /* more edges than this: a bitmap layer in SVG/PDF */
#define RASTER_SCALE      2.0   /* that layer's pixels per CSS pixel */

static const char *const format_names[] = {"png", "svg", "pdf"};

const char *mc_figure_format_name(enum mc_figure_format f) {
    return (size_t)f < MC_ARRAY_SIZE(format_names) ? format_names[f] : "?";
}

bool mc_figure_format_from_path(const char *path, enum mc_figure_format *out) {
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (dot == NULL || strchr(dot, '/') != NULL) {
        return false;
    }
    for (size_t i = 0; i < MC_ARRAY_SIZE(format_names); i++) {
        if (strcasecmp(dot + 1, format_names[i]) == 0) {
            *out = (enum mc_figure_format)i;
            return true;
        }
    }
    return false;
}

void mc_render_options_init(struct mc_render_options *o) {
    memset(o, 0, sizeof *o);
    o->format = MC_FIG_PNG;
    o->width = 1200;
    o->height = 900;
    o->dpi = 96;
    o->labels = MC_LABELS_AUTO;
    o->large = 3000;
    o->date = NULL;
    o->creator = "metaclust " MC_VERSION;
}

void mc_render_release(void) {
    pango_cairo_font_map_set_default(NULL);
}

double mc_render_radius(double r0, double v, double vmax) {
    if (!(vmax > 0)) {
        return r0;
    }
    double t = v > 0 ? fmin(1.0, v / vmax) : 0.0;
    return r0 * (0.5 + 2.5 * sqrt(t));
}

/* ==== Output streams ==== */

/*
 * The PDF's creation and modification date, "YYYY-MM-DDThh:mm:ssZ": the
 * options' date, else SOURCE_DATE_EPOCH, else now.
 */
static void pdf_date(const struct mc_render_options *o, char buf[32]) {
    long long epoch;
    struct tm tm;
    if (o->date != NULL) {
        snprintf(buf, 32, "%s", o->date);
        return;
    }
    time_t t = mc_source_date_epoch(&epoch) ? (time_t)epoch : time(NULL);
    if (gmtime_r(&t, &tm) == NULL || strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
        snprintf(buf, 32, "2000-01-01T00:00:00Z");
    }
}

/* Writes cairo's bytes to a FILE *. */
static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int length) {
    FILE *f = closure;
    return fwrite(data, 1, length, f) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* One row of a cairo image (native-endian xRGB/ARGB words) as PNG RGB or RGBA bytes. */
static void png_row(const unsigned char *src, int w, bool alpha, unsigned char *out) {
    const uint32_t *p = (const uint32_t *)(const void *)src;
    size_t bpp = alpha ? 4 : 3;
    for (int x = 0; x < w; x++) {
        uint32_t v = p[x];
        unsigned a = alpha ? v >> 24 : 255;
        unsigned r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255;
        if (alpha && a > 0 && a < 255) { /* cairo stores premultiplied colours */
            r = (r * 255 + a / 2) / a;
            g = (g * 255 + a / 2) / a;
            b = (b * 255 + a / 2) / a;
        }
        unsigned char *o = out + (size_t)x * bpp;
        o[0] = (unsigned char)r;
        o[1] = (unsigned char)g;
        o[2] = (unsigned char)b;
        if (alpha) {
            o[3] = (unsigned char)a;
        }
    }
}

/* libpng's errors end the encoding (longjmp), without a word on stderr. */
static void png_lib_error(png_structp png, png_const_charp msg) {
    (void)msg;
    png_longjmp(png, 1);
}

static void png_lib_warning(png_structp png, png_const_charp msg) {
    (void)png;
    (void)msg;
}

/*
 * PNG encoding through libpng rather than cairo_surface_write_to_png: cairo
 * hands the whole image to libpng's adaptive filtering at zlib's default
 * level, which costs ~55 ms for a 1200 x 900 figure; every row with the "Up"
 * filter at level 3 is ~20 ms and gives smaller files for these drawings
 * (flat backgrounds, thin lines). The pHYs chunk carries the resolution, so
 * word processors size the image by its dpi. RGB24 surfaces become RGB
 * PNGs, ARGB32 ones RGBA (un-premultiplied). bench/RESULTS.md compares this
 * with the hand-written encoder it replaced (same speed).
 */
static cairo_status_t png_encode(cairo_surface_t *surface, FILE *f, uint32_t ppm) {
    int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    int stride = cairo_image_surface_get_stride(surface);
    bool alpha = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32;
    const unsigned char *data = cairo_image_surface_get_data(surface);
    unsigned char *row = malloc((size_t)w * (alpha ? 4 : 3) + 1);
    png_structp png =
        row != NULL && data != NULL
            ? png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_lib_error, png_lib_warning)
            : NULL;
    png_infop info = png != NULL ? png_create_info_struct(png) : NULL;
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        free(row);
        return CAIRO_STATUS_NO_MEMORY;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return CAIRO_STATUS_WRITE_ERROR;
    }
    png_init_io(png, f);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_set_compression_level(png, 3);
    png_set_compression_mem_level(png, 8);
    png_set_compression_strategy(png, Z_DEFAULT_STRATEGY);
    png_set_compression_buffer_size(png, 1 << 16);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        png_row(data + (size_t)y * (size_t)stride, w, alpha, row);
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    return CAIRO_STATUS_SUCCESS;
}

/*
 * cairo names an SVG's top group and embedded images after process-wide
 * surface counters ("surface7", "image12"), so the same figure drawn after
 * other figures in one process (batch) would differ. Renumbers those ids in
 * order of first appearance, then writes the document.
 */
static enum mc_status write_svg(const char *svg, size_t len, FILE *out, const char *path,
                                struct mc_error *err) {
    static const char *const prefix[] = {"surface", "image"};
    long seen[2][64];
    int nseen[2] = {0, 0};
    size_t i = 0, start = 0;
    while (i < len) {
        int which = -1;
        if ((svg[i] == '"' || svg[i] == '#') && i + 1 < len) {
            for (int k = 0; k < 2; k++) {
                size_t pl = strlen(prefix[k]);
                if (i + 1 + pl < len && memcmp(svg + i + 1, prefix[k], pl) == 0 &&
                    svg[i + 1 + pl] >= '0' && svg[i + 1 + pl] <= '9') {
                    which = k;
                }
            }
        }
        if (which < 0) {
            i++;
            continue;
        }
        size_t pl = strlen(prefix[which]), d = i + 1 + pl, e = d;
        long num = 0;
        while (e < len && svg[e] >= '0' && svg[e] <= '9' && num < 100000000) {
            num = num * 10 + (svg[e] - '0');
            e++;
        }
        int id = -1;
        for (int k = 0; k < nseen[which]; k++) {
            if (seen[which][k] == num) {
                id = k;
            }
        }
        if (id < 0 && nseen[which] < 64) {
            id = nseen[which];
            seen[which][nseen[which]++] = num;
        }
        if (id < 0) { /* more ids than we track: leave the rest as cairo wrote them */
            i = e;
            continue;
        }
        if (fwrite(svg + start, 1, d - start, out) != d - start || fprintf(out, "%d", id + 1) < 0) {
            return mc_error_set(err, MC_E_IO, path, 0, "write error");
        }
        start = i = e;
    }
    if (fwrite(svg + start, 1, len - start, out) != len - start) {
        return mc_error_set(err, MC_E_IO, path, 0, "write error");
    }
    return MC_OK;
}

/* ==== Text ==== */

static PangoLayout *text_layout(cairo_t *cr, const char *text, double px, bool bold, double width) {
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string(FONT);
    pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
    if (bold) {
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    }
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

static void text_size(PangoLayout *l, double *w, double *h) {
    int iw, ih;
    pango_layout_get_size(l, &iw, &ih);
    *w = (double)iw / PANGO_SCALE;
    *h = (double)ih / PANGO_SCALE;
}

/* Draws a layout at (x, y) in a colour; with a white halo when `halo`. */
static void draw_text(cairo_t *cr, PangoLayout *l, double x, double y, double r, double g, double b,
                      bool halo) {
    cairo_save(cr);
    cairo_move_to(cr, x, y);
    if (halo) {
        /* the halo's outline, flattened coarser: a 3-pixel white band shows no facets, and
           stroking every glyph's curves at cairo's default 0.1 pixel was a third of a
           labelled figure's time */
        cairo_set_tolerance(cr, 0.5);
        pango_cairo_layout_path(cr, l);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_width(cr, 3.0);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_stroke(cr);
        cairo_move_to(cr, x, y);
    }
    cairo_set_source_rgb(cr, r, g, b);
    pango_cairo_show_layout(cr, l);
    cairo_restore(cr);
}

/* Height of a paragraph of text at a width. */
static double text_height(cairo_t *cr, const char *text, double px, bool bold, double width) {
    PangoLayout *l = text_layout(cr, text, px, bold, width);
    double w, h;
    text_size(l, &w, &h);
    g_object_unref(l);
    return h;
}

/* ==== Shapes ==== */

static void shape_path(cairo_t *cr, enum mc_shape shape, double x, double y, double r) {
    switch (shape) {
    case MC_SHAPE_SQUARE:
        cairo_rectangle(cr, x - 0.89 * r, y - 0.89 * r, 1.78 * r, 1.78 * r);
        break;
    case MC_SHAPE_DIAMOND:
        cairo_move_to(cr, x, y - 1.25 * r);
        cairo_line_to(cr, x + 1.25 * r, y);
        cairo_line_to(cr, x, y + 1.25 * r);
        cairo_line_to(cr, x - 1.25 * r, y);
        cairo_close_path(cr);
        break;
    case MC_SHAPE_TRIANGLE:
        cairo_move_to(cr, x, y - 1.35 * r);
        cairo_line_to(cr, x + 1.17 * r, y + 0.68 * r);
        cairo_line_to(cr, x - 1.17 * r, y + 0.68 * r);
        cairo_close_path(cr);
        break;
    case MC_SHAPE_STAR:
        for (int k = 0; k < 10; k++) {
            double a = -3.14159265358979323846 / 2 + k * 3.14159265358979323846 / 5;
            double rr = (k % 2 ? 0.6 : 1.5) * r;
            if (k == 0) {
                cairo_move_to(cr, x + rr * cos(a), y + rr * sin(a));
            } else {
                cairo_line_to(cr, x + rr * cos(a), y + rr * sin(a));
            }
        }
        cairo_close_path(cr);
        break;
    default:
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * 3.14159265358979323846);
        break;
    }
}

static void set_slot(cairo_t *cr, int slot, double alpha) {
    struct mc_rgb c = mc_palette_colour(slot);
    cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

/* ==== The figure ==== */

struct fig {
    const struct mc_scene *s;
    const struct mc_render_options *o;
    igraph_integer_t n, m;
    double W, H;
    double px, py, pw, ph; /* plot */
    double lx, ly, lw, lh; /* legend */
    double cy_caption;
    double *X, *Y, *R;           /* device positions and radii */
    double scale, xc, yc;        /* layout to device: X = px + pw/2 + (x - xc) scale */
    double r0, vmax, vmin, wmax; /* vmin: the smallest positive size value */
    bool large;
    char *caption; /* the caller's caption with the renderer's notes */
    size_t labels_shown, labels_dropped, labels_wanted;
    size_t labels_tried; /* the labels placement was tried for (at most labels_wanted) */
};

/* A node's radius for a size value: area exactly proportional with `size_area`. */
static double radius_of(const struct fig *f, double v) {
    if (f->s->size_area && f->vmax > 0) {
        return fmax(1.5, 3.0 * f->r0 * sqrt(fmax(0.0, v) / f->vmax));
    }
    return mc_render_radius(f->r0, v, f->vmax);
}

static int node_slot(const struct fig *f, igraph_integer_t v) {
    return f->s->slot ? f->s->slot[v] : 0;
}

static int cmp_double(const void *a, const void *b) {
    double p = *(const double *)a, q = *(const double *)b;
    return (p > q) - (p < q);
}

/* The 99th percentile of the weights: one huge weight must not make every other edge faint. */
static enum mc_status robust_max(const double *v, size_t n, double *out, struct mc_error *err) {
    *out = 1;
    if (n == 0) {
        return MC_OK;
    }
    double *c = malloc(n * sizeof *c);
    if (c == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (render)");
    }
    memcpy(c, v, n * sizeof *c);
    qsort(c, n, sizeof *c, cmp_double);
    double m = c[n - 1 - n / 100];
    free(c);
    *out = m > 0 ? m : 1;
    return MC_OK;
}

/* ==== Page geometry ==== */

static size_t label_budget(const struct fig *f) {
    const struct mc_render_options *o = f->o;
    switch (o->labels) {
    case MC_LABELS_NONE:
        return 0;
    case MC_LABELS_ALL:
        return (size_t)f->n;
    case MC_LABELS_TOP:
        return o->top;
    default:
        if (f->large) {
            return 12;
        }
        return f->n <= 100 ? (size_t)f->n : 30;
    }
}

/*
 * The caller's caption followed by the renderer's notes; NULL on ENOMEM.
 * Before the labels are placed `dropped` is their number asked for, so that
 * the page keeps room for the longest note the placement can lead to.
 */
static char *full_caption(const struct fig *f, size_t dropped) {
    const char *base = f->s->caption ? f->s->caption : "";
    char note[256] = "", left[128] = "";
    if (f->large) {
        snprintf(note, sizeof note,
                 "%sLarge graph: edges drawn thin and translucent; labels for at most %zu of the "
                 "most important nodes.",
                 *base ? "\n" : "", f->labels_wanted);
    }
    if (dropped > 0) {
        snprintf(left, sizeof left, "%s%zu of %zu labels left out: no free place near their node.",
                 *base || *note ? " " : "", dropped,
                 f->labels_tried ? f->labels_tried : f->labels_wanted);
    }
    size_t len = strlen(base) + strlen(note) + strlen(left) + 1;
    char *c = malloc(len);
    if (c != NULL) {
        snprintf(c, len, "%s%s%s", base, note, left);
    }
    return c;
}

static enum mc_status page_geometry(struct fig *f, cairo_t *cr, struct mc_error *err) {
    double W = f->W, H = f->H;
    double th = f->s->title ? text_height(cr, f->s->title, TITLE_PX, true, W - 2 * MARGIN) : 0;
    double ch = text_height(cr, f->caption, CAPTION_PX, false, W - 2 * MARGIN);
    double top = MARGIN + (th > 0 ? th + 10 : 0);
    double bottom = H - MARGIN - (ch > 0 ? ch + 8 : 0);
    f->lw = W < 900 ? 0.28 * W : LEGEND_W;
    f->lx = W - MARGIN - f->lw;
    f->ly = top;
    f->lh = bottom - top;
    f->px = MARGIN;
    f->py = top;
    f->pw = f->lx - 14 - MARGIN;
    f->ph = bottom - top;
    f->cy_caption = bottom + 8;
    if (f->pw < 100 || f->ph < 100) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "figure too small for its title, legend and caption (%gx%g px)", W, H);
    }
    return MC_OK;
}

/* Fits the layout into the plot and computes the node radii. */
static enum mc_status place_nodes(struct fig *f, struct mc_error *err) {
    const igraph_matrix_t *pos = f->s->pos;
    igraph_integer_t n = f->n;
    double xmin = HUGE_VAL, xmax = -HUGE_VAL, ymin = HUGE_VAL, ymax = -HUGE_VAL;
    for (igraph_integer_t v = 0; v < n; v++) {
        xmin = fmin(xmin, MATRIX(*pos, v, 0));
        xmax = fmax(xmax, MATRIX(*pos, v, 0));
        ymin = fmin(ymin, MATRIX(*pos, v, 1));
        ymax = fmax(ymax, MATRIX(*pos, v, 1));
    }
    if (n == 0) {
        xmin = xmax = ymin = ymax = 0;
    }
    if (f->s->map && f->s->map->view) { /* a map: at least its view, not a few nodes' box */
        const double *v = f->s->map->view;
        xmin = fmin(xmin, v[0]);
        ymin = fmin(ymin, v[1]);
        xmax = fmax(xmax, v[2]);
        ymax = fmax(ymax, v[3]);
    }
    double bw = fmax(xmax - xmin, 1e-9), bh = fmax(ymax - ymin, 1e-9);
    if (xmax - xmin < 1e-9 && ymax - ymin < 1e-9) {
        bw = bh = 1;
    }
    double pad = 12;
    double s = fmin((f->pw - 2 * pad) / bw, (f->ph - 2 * pad) / bh);
    f->vmax = 0;
    f->vmin = HUGE_VAL;
    for (igraph_integer_t v = 0; f->s->size && v < n; v++) {
        f->vmax = fmax(f->vmax, f->s->size[v]);
        if (f->s->size[v] > 0) {
            f->vmin = fmin(f->vmin, f->s->size[v]);
        }
    }
    double sp = 0;
    enum mc_status rc = mc_layout_spacing(n, &MATRIX(*pos, 0, 0), &MATRIX(*pos, 0, 1), &sp, err);
    if (rc != MC_OK) {
        return rc;
    }
    if (sp > 0) { /* a few nodes must not be spread over the whole page */
        s = fmin(s, MAX_SPACING / sp);
    }
    if (f->o->node_radius > 0) {
        f->r0 = f->o->node_radius;
    } else {
        double cap = f->vmax > 0 ? 4.5 : 7.0;
        f->r0 = sp > 0 ? fmax(f->large ? 1.5 : 1.0, fmin(cap, 0.3 * sp * s)) : cap;
    }
    double rmax = 0;
    for (igraph_integer_t v = 0; v < n; v++) {
        f->R[v] = radius_of(f, f->s->size ? f->s->size[v] : 0);
        rmax = fmax(rmax, f->R[v]);
    }
    pad = rmax + 4;
    s = fmax(1e-9, fmin((f->pw - 2 * pad) / bw, (f->ph - 2 * pad) / bh));
    if (sp > 0) {
        s = fmin(s, MAX_SPACING / sp);
    }
    double xc = (xmin + xmax) / 2, yc = (ymin + ymax) / 2;
    f->scale = s;
    f->xc = xc;
    f->yc = yc;
    for (igraph_integer_t v = 0; v < n; v++) {
        f->X[v] = f->px + f->pw / 2 + (MATRIX(*pos, v, 0) - xc) * s;
        f->Y[v] = f->py + f->ph / 2 - (MATRIX(*pos, v, 1) - yc) * s;
    }
    return MC_OK;
}

/* ==== The base map ==== */

/* Sea over the plot, then the land polygons and their outlines (see struct mc_map). */
static void draw_map(const struct fig *f, cairo_t *cr) {
    const struct mc_map *m = f->s->map;
    cairo_save(cr);
    cairo_rectangle(cr, f->px, f->py, f->pw, f->ph);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 0xD9 / 255.0, 0xE6 / 255.0, 0xEF / 255.0);
    cairo_paint(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr, 0.6);
    for (int pass = 0; pass < 2; pass++) { /* all land first: outlines are never covered */
        for (size_t p = 0; p < m->n_parts; p++) {
            for (size_t r = m->part[p]; r < m->part[p + 1]; r++) {
                for (size_t k = m->ring[r]; k < m->ring[r + 1]; k++) {
                    double x = f->px + f->pw / 2 + (m->x[k] - f->xc) * f->scale;
                    double y = f->py + f->ph / 2 - (m->y[k] - f->yc) * f->scale;
                    if (k == m->ring[r]) {
                        cairo_move_to(cr, x, y);
                    } else {
                        cairo_line_to(cr, x, y);
                    }
                }
                cairo_close_path(cr);
            }
            if (pass == 0 && m->tint && m->tint[p]) {
                cairo_set_source_rgb(cr, 0xE3 / 255.0, 0xDC / 255.0, 0xCD / 255.0);
                cairo_fill(cr);
            } else if (pass == 0) {
                cairo_set_source_rgb(cr, 0xEF / 255.0, 0xEB / 255.0, 0xE3 / 255.0);
                cairo_fill(cr);
            } else {
                cairo_set_source_rgb(cr, 0xA3 / 255.0, 0xA3 / 255.0, 0xA3 / 255.0);
                cairo_stroke(cr);
            }
        }
    }
    cairo_restore(cr);
}

/* ==== Edges ==== */

struct edge_ord {
    double t;
    igraph_integer_t e;
};

static int cmp_edge(const void *a, const void *b) {
    const struct edge_ord *p = a, *q = b;
    if (p->t != q->t) {
        return p->t < q->t ? -1 : 1;
    }
    return (p->e > q->e) - (p->e < q->e);
}

/* Draws every edge, lightest first, on `cr` (device coordinates as f->X, f->Y). */

/* ==== Many edges on an image: our own antialiased lines ==== */

/*
 * From this many edges on, edges drawn into an image (PNG, or the edge layer
 * of a large SVG/PDF) are rasterised here instead of one cairo_stroke() each:
 * Xiaolin Wu's antialiased lines (Wu 1991, SIGGRAPH 25(4):143) composited
 * "over" into cairo's premultiplied ARGB32 pixels. A line thinner than a
 * pixel gets its width as coverage, so faint and dense regions read the same
 * as with cairo; it is tens of times faster for 10^5 edges.
 */
#define FAST_EDGES 20000

struct raster {
    uint32_t *px;
    int w, h, stride; /* stride in pixels */
    cairo_matrix_t m; /* user space to device pixels */
    double scale;     /* device pixels per user unit */
};

static inline void plot(const struct raster *r, int x, int y, unsigned cov, unsigned sr,
                        unsigned sg, unsigned sb, unsigned sa) {
    if (x < 0 || y < 0 || x >= r->w || y >= r->h || cov == 0) {
        return;
    }
    /* source alpha times coverage, both 0..255 */
    unsigned a = (sa * cov + 127) / 255;
    if (a == 0) {
        return;
    }
    uint32_t *p = &r->px[(size_t)y * (size_t)r->stride + (size_t)x];
    uint32_t d = *p;
    unsigned ia = 255 - a;
    unsigned da = d >> 24, dr = (d >> 16) & 255, dg = (d >> 8) & 255, db = d & 255;
    da = a + (da * ia + 127) / 255;
    dr = (sr * a + 127) / 255 + (dr * ia + 127) / 255;
    dg = (sg * a + 127) / 255 + (dg * ia + 127) / 255;
    db = (sb * a + 127) / 255 + (db * ia + 127) / 255;
    *p = (uint32_t)(da > 255 ? 255 : da) << 24 | (uint32_t)(dr > 255 ? 255 : dr) << 16 |
         (uint32_t)(dg > 255 ? 255 : dg) << 8 | (uint32_t)(db > 255 ? 255 : db);
}

static void wu_line(const struct raster *r, double x0, double y0, double x1, double y1, unsigned sr,
                    unsigned sg, unsigned sb, unsigned sa) {
    bool steep = fabs(y1 - y0) > fabs(x1 - x0);
    double t;
    if (steep) {
        t = x0, x0 = y0, y0 = t;
        t = x1, x1 = y1, y1 = t;
    }
    if (x0 > x1) {
        t = x0, x0 = x1, x1 = t;
        t = y0, y0 = y1, y1 = t;
    }
    double dx = x1 - x0, dy = y1 - y0;
    double grad = dx == 0 ? 1.0 : dy / dx;
    /* clip the major axis to the raster, so a far-off end costs nothing */
    double lo = 0, hi = steep ? r->h - 1 : r->w - 1;
    double xs = fmax(floor(x0 + 0.5), lo), xe = fmin(floor(x1 + 0.5), hi);
    for (double x = xs; x <= xe; x++) {
        double y = y0 + grad * (x - x0);
        double fy = floor(y);
        unsigned c1 = (unsigned)((y - fy) * 255.0 + 0.5), c0 = 255 - c1;
        int xi = (int)x, yi = (int)fy;
        if (steep) {
            plot(r, yi, xi, c0, sr, sg, sb, sa);
            plot(r, yi + 1, xi, c1, sr, sg, sb, sa);
        } else {
            plot(r, xi, yi, c0, sr, sg, sb, sa);
            plot(r, xi, yi + 1, c1, sr, sg, sb, sa);
        }
    }
}

/* Draws edge e (from a to b) as draw_edges would, onto the image behind `cr`. */
static void fast_edge(const struct raster *r, double xa, double ya, double xb, double yb,
                      double red, double green, double blue, double alpha, double width) {
    cairo_matrix_transform_point(&r->m, &xa, &ya);
    cairo_matrix_transform_point(&r->m, &xb, &yb);
    double wpx = width * r->scale; /* device pixels */
    /* thinner than a pixel: coverage; wider: parallel strokes a pixel apart */
    int strokes = wpx <= 1.0 ? 1 : (int)ceil(wpx);
    double a = alpha * (wpx <= 1.0 ? wpx : wpx / strokes);
    unsigned sa = (unsigned)fmin(255.0, a * 255.0 + 0.5);
    unsigned sr = (unsigned)(red * 255.0 + 0.5), sg = (unsigned)(green * 255.0 + 0.5),
             sb = (unsigned)(blue * 255.0 + 0.5);
    double len = hypot(xb - xa, yb - ya);
    double nx = len > 0 ? -(yb - ya) / len : 0, ny = len > 0 ? (xb - xa) / len : 0;
    for (int k = 0; k < strokes; k++) {
        double off = strokes == 1 ? 0 : (k - (strokes - 1) / 2.0);
        wu_line(r, xa + nx * off, ya + ny * off, xb + nx * off, yb + ny * off, sr, sg, sb, sa);
    }
}

static enum mc_status draw_edges(struct fig *f, cairo_t *cr, struct mc_error *err) {
    igraph_integer_t m = f->m;
    const igraph_t *g = f->s->g;
    struct edge_ord *ord = malloc(((size_t)m + 1) * sizeof *ord);
    double *w = malloc(((size_t)m + 1) * sizeof *w);
    enum mc_status rc = MC_OK;
    if (!ord || !w) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (render)");
        goto out;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        w[e] = f->s->weight ? VECTOR(*f->s->weight)[e] : 1.0;
    }
    if ((rc = robust_max(w, (size_t)m, &f->wmax, err)) != MC_OK) {
        goto out;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        ord[e].t = sqrt(fmin(1.0, fmax(0.0, w[e] / f->wmax)));
        ord[e].e = e;
    }
    qsort(ord, (size_t)m, sizeof *ord, cmp_edge);
    cairo_surface_t *target = cairo_get_target(cr);
    struct raster ras = {0};
    if (m >= FAST_EDGES && cairo_surface_get_type(target) == CAIRO_SURFACE_TYPE_IMAGE &&
        (cairo_image_surface_get_format(target) == CAIRO_FORMAT_ARGB32 ||
         cairo_image_surface_get_format(target) == CAIRO_FORMAT_RGB24)) {
        /* RGB24 has the same layout, its top byte unused: the blend below is the same */
        cairo_surface_flush(target);
        ras.px = (uint32_t *)(void *)cairo_image_surface_get_data(target);
        ras.w = cairo_image_surface_get_width(target);
        ras.h = cairo_image_surface_get_height(target);
        ras.stride = cairo_image_surface_get_stride(target) / 4;
        /* the user-to-device transform, taken once: cr's matrix plus the surface offset */
        double ox = 0, oy = 0, ux = 1, uy = 0;
        cairo_user_to_device(cr, &ox, &oy);
        cairo_user_to_device_distance(cr, &ux, &uy);
        double vx = 0, vy = 1;
        cairo_user_to_device_distance(cr, &vx, &vy);
        cairo_matrix_init(&ras.m, ux, uy, vx, vy, ox, oy);
        ras.scale = hypot(ux, uy);
    }
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (igraph_integer_t k = 0; k < m; k++) {
        igraph_integer_t e = ord[k].e, a = IGRAPH_FROM(g, e), b = IGRAPH_TO(g, e);
        double t = ord[k].t, width, alpha;
        if (a == b) {
            continue;
        }
        if (f->large) { /* the more edges, the fainter each: the core must not turn solid */
            width = 0.3 + 0.9 * t;
            alpha = (0.04 + 0.25 * t) * fmax(0.3, fmin(1.0, 30000.0 / (double)m));
        } else { /* thousands of edges: fainter, so the nodes still show */
            width = 0.6 + 2.6 * t;
            alpha = (0.25 + 0.5 * t) * fmax(0.25, fmin(1.0, sqrt(4000.0 / (double)m)));
        }
        int sa = node_slot(f, a), sb = node_slot(f, b);
        bool pies = f->s->pie && (f->s->pie[a].n > 0 || f->s->pie[b].n > 0);
        if (ras.px != NULL) {
            struct mc_rgb c = {0.45, 0.45, 0.45};
            if (sa == sb && sa >= 0 && sa < MC_PALETTE_COLOURS && !pies) {
                c = mc_palette_colour(sa);
            }
            fast_edge(&ras, f->X[a], f->Y[a], f->X[b], f->Y[b], c.r, c.g, c.b, alpha, width);
            continue;
        }
        if (sa == sb && sa >= 0 && sa < MC_PALETTE_COLOURS && !pies) {
            set_slot(cr, sa, alpha);
        } else {
            cairo_set_source_rgba(cr, 0.45, 0.45, 0.45, alpha);
        }
        cairo_set_line_width(cr, width);
        cairo_move_to(cr, f->X[a], f->Y[a]);
        if (f->s->curved) { /* a quadratic arc bowing by 15% of the length, as a cubic */
            double cx = (f->X[a] + f->X[b]) / 2 - 0.3 * (f->Y[b] - f->Y[a]) / 2;
            double cy = (f->Y[a] + f->Y[b]) / 2 + 0.3 * (f->X[b] - f->X[a]) / 2;
            cairo_curve_to(cr, f->X[a] + 2.0 / 3 * (cx - f->X[a]),
                           f->Y[a] + 2.0 / 3 * (cy - f->Y[a]), f->X[b] + 2.0 / 3 * (cx - f->X[b]),
                           f->Y[b] + 2.0 / 3 * (cy - f->Y[b]), f->X[b], f->Y[b]);
        } else {
            cairo_line_to(cr, f->X[b], f->Y[b]);
        }
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    if (ras.px != NULL) {
        cairo_surface_mark_dirty(target);
    }
out:
    free(ord);
    free(w);
    return rc;
}

/*
 * Edges of a large graph in SVG or PDF: drawn into one bitmap of the plot
 * area (RASTER_SCALE pixels per CSS pixel) that is then painted as an image.
 */
static enum mc_status draw_edges_raster(struct fig *f, cairo_t *cr, struct mc_error *err) {
    int iw = (int)ceil(f->pw * RASTER_SCALE), ih = (int)ceil(f->ph * RASTER_SCALE);
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, iw, ih);
    cairo_t *ic = cairo_create(img);
    cairo_scale(ic, RASTER_SCALE, RASTER_SCALE);
    cairo_translate(ic, -f->px, -f->py);
    enum mc_status rc = draw_edges(f, ic, err);
    cairo_status_t st = cairo_status(ic);
    if (rc == MC_OK && st != CAIRO_STATUS_SUCCESS) {
        rc = mc_error_set(err, MC_E_RENDER, NULL, 0, "edge layer: %s", cairo_status_to_string(st));
    }
    cairo_destroy(ic);
    if (rc == MC_OK) {
        cairo_surface_flush(img);
        cairo_save(cr);
        cairo_translate(cr, f->px, f->py);
        cairo_scale(cr, 1.0 / RASTER_SCALE, 1.0 / RASTER_SCALE);
        cairo_set_source_surface(cr, img, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
    }
    cairo_surface_destroy(img);
    return rc;
}

void mc_render_bezier(double x0, double y0, double cx, double cy, double x1, double y1, double t,
                      double *x, double *y) {
    double u = 1 - t;
    *x = u * u * x0 + 2 * u * t * cx + t * t * x1;
    *y = u * u * y0 + 2 * u * t * cy + t * t * y1;
}

/* Squared distance from (x, y) to the segment (ax, ay)-(bx, by). */
static double seg_dist2(double x, double y, double ax, double ay, double bx, double by) {
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? fmax(0.0, fmin(1.0, ((x - ax) * dx + (y - ay) * dy) / l2)) : 0.0;
    double ex = ax + t * dx - x, ey = ay + t * dy - y;
    return ex * ex + ey * ey;
}

#define BEND_SAMPLES 15

void mc_render_bend(igraph_integer_t a, igraph_integer_t b, const double *X, const double *Y,
                    const double *R, igraph_integer_t n, const igraph_integer_t *from,
                    const igraph_integer_t *to, igraph_integer_t m, double *cx, double *cy) {
    static const double bends[] = {0.15, 0.3, 0.45, 0.6};
    double mx = (X[a] + X[b]) / 2, my = (Y[a] + Y[b]) / 2;
    double dx = X[b] - X[a], dy = Y[b] - Y[a];
    double best = HUGE_VAL;
    *cx = mx;
    *cy = my;
    for (size_t i = 0; i < MC_ARRAY_SIZE(bends); i++) {
        for (int side = 1; side >= -1; side -= 2) {
            /* the control point: twice the bow, as the curve's apex is halfway to it */
            double px = mx - side * dy * 2 * bends[i], py = my + side * dx * 2 * bends[i];
            double nodes = 0, edges = 0;
            for (int k = 0; k < BEND_SAMPLES; k++) {
                double t = 0.15 + 0.7 * k / (BEND_SAMPLES - 1), x, y;
                mc_render_bezier(X[a], Y[a], px, py, X[b], Y[b], t, &x, &y);
                for (igraph_integer_t v = 0; v < n; v++) {
                    double r = R[v] + 4, ex = X[v] - x, ey = Y[v] - y;
                    nodes += v != a && v != b && ex * ex + ey * ey < r * r;
                }
                for (igraph_integer_t e = 0; e < m; e++) {
                    edges += seg_dist2(x, y, X[from[e]], Y[from[e]], X[to[e]], Y[to[e]]) < 9.0;
                }
            }
            double cost = nodes * 1000 + edges * 10 + bends[i];
            if (cost < best) {
                best = cost;
                *cx = px;
                *cy = py;
            }
        }
    }
}

static void draw_dashed(const struct fig *f, cairo_t *cr) {
    static const double dash[] = {6.0, 4.0};
    const struct mc_scene *s = f->s;
    igraph_integer_t *from = malloc(((size_t)f->m + 1) * sizeof *from);
    igraph_integer_t *to = malloc(((size_t)f->m + 1) * sizeof *to);
    if (!from || !to) { /* out of memory: straight lines (drawing cannot fail here) */
        free(from);
        free(to);
        from = to = NULL;
    }
    for (igraph_integer_t e = 0; from && e < f->m; e++) {
        from[e] = IGRAPH_FROM(s->g, e);
        to[e] = IGRAPH_TO(s->g, e);
    }
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (size_t k = 0; k < s->n_dashed; k++) {
        igraph_integer_t a = s->dashed_from[k], b = s->dashed_to[k];
        if (a < 0 || b < 0 || a >= f->n || b >= f->n) {
            continue;
        }
        double cx = (f->X[a] + f->X[b]) / 2, cy = (f->Y[a] + f->Y[b]) / 2, qx, qy;
        if (from) {
            mc_render_bend(a, b, f->X, f->Y, f->R, f->n, from, to, f->m, &cx, &cy);
        }
        /* a quadratic curve as cairo's cubic: control points 2/3 of the way to (cx, cy) */
        for (int pass = 0; pass < 2; pass++) { /* a white casing, then the red dashes */
            cairo_move_to(cr, f->X[a], f->Y[a]);
            cairo_curve_to(cr, f->X[a] + 2.0 / 3 * (cx - f->X[a]),
                           f->Y[a] + 2.0 / 3 * (cy - f->Y[a]), f->X[b] + 2.0 / 3 * (cx - f->X[b]),
                           f->Y[b] + 2.0 / 3 * (cy - f->Y[b]), f->X[b], f->Y[b]);
            if (pass == 0) {
                cairo_set_dash(cr, NULL, 0, 0);
                cairo_set_line_width(cr, 4.5);
                cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
            } else {
                cairo_set_dash(cr, dash, 2, 0);
                cairo_set_line_width(cr, 2.0);
                cairo_set_source_rgba(cr, 0.80, 0.10, 0.10, 0.9);
            }
            cairo_stroke(cr);
        }
        if (s->dashed_score) { /* the score at the curve's apex */
            char buf[32];
            double w, h;
            mc_render_bezier(f->X[a], f->Y[a], cx, cy, f->X[b], f->Y[b], 0.5, &qx, &qy);
            snprintf(buf, sizeof buf, "%.2f", s->dashed_score[k]);
            PangoLayout *l = text_layout(cr, buf, LABEL_PX, true, 0);
            text_size(l, &w, &h);
            draw_text(cr, l, qx - w / 2, qy - h / 2, 0.70, 0.08, 0.08, true);
            g_object_unref(l);
        }
    }
    cairo_restore(cr);
    free(from);
    free(to);
}

/* ==== Nodes ==== */

struct node_ord {
    double r;
    igraph_integer_t v;
};

static int cmp_node(const void *a, const void *b) {
    const struct node_ord *p = a, *q = b;
    if (p->r != q->r) {
        return p->r < q->r ? -1 : 1;
    }
    return (p->v > q->v) - (p->v < q->v);
}

static void draw_pie(cairo_t *cr, const struct mc_pie *p, double x, double y, double r) {
    double a = -3.14159265358979323846 / 2, total = 0;
    for (size_t k = 0; k < p->n; k++) {
        total += p->share[k];
    }
    for (size_t k = 0; k < p->n && total > 0; k++) {
        double b = a + 2 * 3.14159265358979323846 * p->share[k] / total;
        cairo_move_to(cr, x, y);
        cairo_arc(cr, x, y, r, a, b);
        cairo_close_path(cr);
        set_slot(cr, p->slot[k], 1.0);
        cairo_fill(cr);
        a = b;
    }
}

static enum mc_status draw_nodes(struct fig *f, cairo_t *cr, struct mc_error *err) {
    igraph_integer_t n = f->n;
    struct node_ord *ord = malloc(((size_t)n + 1) * sizeof *ord);
    if (ord == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (render)");
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        ord[v].r = f->R[v];
        ord[v].v = v;
    }
    qsort(ord, (size_t)n, sizeof *ord, cmp_node);
    cairo_save(cr);
    for (igraph_integer_t k = 0; k < n; k++) {
        igraph_integer_t v = ord[k].v;
        double x = f->X[v], y = f->Y[v], r = f->R[v];
        enum mc_shape sh = f->s->shape ? (enum mc_shape)f->s->shape[v] : MC_SHAPE_CIRCLE;
        if (f->s->pie && f->s->pie[v].n > 0) {
            draw_pie(cr, &f->s->pie[v], x, y, r);
            shape_path(cr, MC_SHAPE_CIRCLE, x, y, r);
        } else {
            shape_path(cr, sh, x, y, r);
            set_slot(cr, node_slot(f, v), 1.0);
            cairo_fill_preserve(cr);
        }
        if (!f->large || r >= 2.5) {
            cairo_set_line_width(cr, r >= 6 ? 1.0 : 0.6);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_stroke(cr);
        } else {
            cairo_new_path(cr);
        }
        if (f->s->ring && f->s->ring[v]) {
            cairo_new_sub_path(cr);
            cairo_arc(cr, x, y, r + 2.5, 0, 2 * 3.14159265358979323846);
            cairo_set_line_width(cr, 2.0);
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
            cairo_stroke(cr);
        }
    }
    cairo_restore(cr);
    free(ord);
    return MC_OK;
}

/* ==== Labels ==== */

struct cand {
    double p;
    igraph_integer_t v;
};

static int cmp_cand(const void *a, const void *b) {
    const struct cand *p = a, *q = b;
    if (p->p != q->p) {
        return p->p > q->p ? -1 : 1;
    }
    return (p->v > q->v) - (p->v < q->v);
}

#define GROUP_PX 14.0 /* group names, bold */

/* True when a box meets a node disc (above DENSE_LABELS nodes: a large one, as for labels). */
static bool box_meets_node(const struct fig *f, double x, double y, double w, double h) {
    for (igraph_integer_t v = 0; v < f->n; v++) {
        if ((f->n <= DENSE_LABELS || f->R[v] >= 2.0 * f->r0) &&
            mc_disc_box_overlap(f->X[v], f->Y[v], f->R[v], x, y, w, h)) {
            return true;
        }
    }
    return false;
}

struct group_ord {
    size_t count, g; /* nodes, group */
};

static int cmp_group(const void *a, const void *b) {
    const struct group_ord *p = a, *q = b;
    if (p->count != q->count) {
        return p->count > q->count ? -1 : 1;
    }
    return (p->g > q->g) - (p->g < q->g);
}

/*
 * The scene's group names (the countries of a country layout), largest group
 * first, each centred above its nodes, or below them when the place above is
 * taken by other nodes, kept inside the plot; a name that would cover other
 * groups' nodes both above and below, or a larger group's name, is left out.
 * Each name's box is appended to `discs` (room for `cap` more) as a row of
 * discs, so that node labels keep clear of it.
 */
static enum mc_status draw_group_names(struct fig *f, cairo_t *cr, struct mc_disc *discs,
                                       size_t *nd, size_t cap, struct mc_error *err) {
    const struct mc_scene *s = f->s;
    if (s->group == NULL || s->group_name == NULL || s->n_groups == 0) {
        return MC_OK;
    }
    size_t G = s->n_groups, placed = 0;
    double *b = malloc(G * 4 * sizeof *b);     /* xmin, xmax, ymin, ymax */
    double *box = malloc(G * 4 * sizeof *box); /* the names drawn: x, y, w, h */
    size_t *count = calloc(G, sizeof *count);
    struct group_ord *ord = malloc(G * sizeof *ord);
    if (!b || !box || !count || !ord) {
        free(b);
        free(box);
        free(count);
        free(ord);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (labels)");
    }
    for (size_t g = 0; g < s->n_groups; g++) {
        b[4 * g] = b[4 * g + 2] = HUGE_VAL;
        b[4 * g + 1] = b[4 * g + 3] = -HUGE_VAL;
    }
    for (igraph_integer_t v = 0; v < f->n; v++) {
        int32_t g = s->group[v];
        if (g < 0 || (size_t)g >= s->n_groups) {
            continue;
        }
        b[4 * g] = fmin(b[4 * g], f->X[v] - f->R[v]);
        b[4 * g + 1] = fmax(b[4 * g + 1], f->X[v] + f->R[v]);
        b[4 * g + 2] = fmin(b[4 * g + 2], f->Y[v] - f->R[v]);
        b[4 * g + 3] = fmax(b[4 * g + 3], f->Y[v] + f->R[v]);
        count[g]++;
    }
    for (size_t g = 0; g < G; g++) {
        ord[g].count = count[g];
        ord[g].g = g;
    }
    qsort(ord, G, sizeof *ord, cmp_group);
    for (size_t i = 0; i < G; i++) {
        size_t g = ord[i].g;
        if (s->group_name[g] == NULL || count[g] == 0) {
            continue; /* no name, or no node */
        }
        double w, h;
        PangoLayout *l = text_layout(cr, s->group_name[g], GROUP_PX, true, 0);
        text_size(l, &w, &h);
        double x = fmax(f->px, fmin((b[4 * g] + b[4 * g + 1] - w) / 2, f->px + f->pw - w));
        double y = b[4 * g + 2] - h - 3;
        bool clash = false;
        if (y < f->py || box_meets_node(f, x, y, w, h)) {
            double below = b[4 * g + 3] + 3;
            if (below + h <= f->py + f->ph && !box_meets_node(f, x, below, w, h)) {
                y = below;
            } else {
                y = fmax(f->py, y);
                clash = box_meets_node(f, x, y, w, h); /* on other groups: left out */
            }
        }
        y = fmax(f->py, fmin(y, f->py + f->ph - h));
        for (size_t j = 0; j < placed && !clash; j++) {
            clash = mc_boxes_overlap(x, y, w, h, box[4 * j], box[4 * j + 1], box[4 * j + 2],
                                     box[4 * j + 3]);
        }
        if (!clash) {
            draw_text(cr, l, x, y, 0.2, 0.2, 0.2, true);
            box[4 * placed] = x;
            box[4 * placed + 1] = y;
            box[4 * placed + 2] = w;
            box[4 * placed + 3] = h;
            placed++;
        }
        g_object_unref(l);
        if (clash) {
            continue;
        }
        for (double cx = x + h / 2; cx < x + w + h / 2 && *nd < cap; cx += h / 2) {
            discs[*nd].x = fmin(cx, x + w - h / 2);
            discs[*nd].y = y + h / 2;
            discs[*nd].r = h / 2 * 1.4142135623730951; /* the discs cover the box */
            (*nd)++;
        }
    }
    free(b);
    free(box);
    free(count);
    free(ord);
    return MC_OK;
}

/* Discs the group names may take (see draw_group_names). */
static size_t group_name_discs(const struct mc_scene *s) {
    size_t k = 0;
    for (size_t g = 0; s->group && s->group_name && g < s->n_groups; g++) {
        k += s->group_name[g] ? 2 * strlen(s->group_name[g]) + 4 : 0;
    }
    return k;
}

static enum mc_status draw_labels(struct fig *f, cairo_t *cr, struct mc_error *err) {
    const struct mc_scene *s = f->s;
    igraph_integer_t n = f->n;
    size_t want = f->labels_wanted, nc = 0, k = 0, nd = 0, ns = 0;
    enum mc_status rc = MC_OK;
    struct mc_disc *soft = NULL;
    size_t cap = (size_t)n + group_name_discs(s);
    struct cand *c = malloc((size_t)n * sizeof *c + 1);
    double *deg = calloc((size_t)n + 1, sizeof *deg);
    struct mc_label_item *items = NULL;
    struct mc_label_spot *spots = NULL;
    struct mc_disc *discs = malloc((cap + 1) * sizeof *discs);
    PangoLayout **lay = NULL;
    if (!c || !deg || !discs) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (labels)");
        goto out;
    }
    if ((rc = draw_group_names(f, cr, discs, &nd, cap - (size_t)n, err)) != MC_OK ||
        s->label == NULL || want == 0 || n == 0) {
        goto out;
    }
    for (igraph_integer_t e = 0; e < f->m; e++) {
        double w = s->weight ? VECTOR(*s->weight)[e] : 1.0;
        deg[IGRAPH_FROM(s->g, e)] += w;
        deg[IGRAPH_TO(s->g, e)] += w;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        if (s->label[v] == NULL || s->label[v][0] == '\0') {
            continue;
        }
        c[nc].p = s->priority ? s->priority[v] : s->size ? s->size[v] : deg[v];
        c[nc].v = v;
        nc++;
    }
    qsort(c, nc, sizeof *c, cmp_cand);
    k = want < nc ? want : nc;
    f->labels_tried = k;
    items = calloc(k + 1, sizeof *items);
    spots = calloc(k + 1, sizeof *spots);
    lay = calloc(k + 1, sizeof *lay);
    if (!items || !spots || !lay) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (labels)");
        goto out;
    }
    for (size_t i = 0; i < k; i++) {
        igraph_integer_t v = c[i].v;
        lay[i] = text_layout(cr, s->label[v], LABEL_PX, false, 0);
        text_size(lay[i], &items[i].w, &items[i].h);
        items[i].x = f->X[v];
        items[i].y = f->Y[v];
        items[i].r = f->R[v];
        items[i].priority = (double)(k - i); /* already in order */
    }
    /*
     * Obstacles: the labelled nodes (and the group names) are hard; the others
     * are soft: a label avoids them while it can, else covers as few as it can
     * (labels have a halo, so a small node under one still shows as a dot)
     */
    bool *cand = calloc((size_t)n, sizeof *cand);
    soft = malloc((size_t)n * sizeof *soft);
    if (cand == NULL || soft == NULL) {
        free(cand);
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (labels)");
        goto out;
    }
    for (size_t i = 0; i < k; i++) {
        cand[c[i].v] = true;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        struct mc_disc *d = cand[v] ? &discs[nd++] : &soft[ns++];
        d->x = f->X[v];
        d->y = f->Y[v];
        d->r = f->R[v];
    }
    free(cand);
    struct mc_label_options lo = {.xmin = f->px,
                                  .ymin = f->py,
                                  .xmax = f->px + f->pw,
                                  .ymax = f->py + f->ph,
                                  .pad = 2.0,
                                  .keep_all = f->o->labels == MC_LABELS_ALL,
                                  .soft = soft,
                                  .n_soft = ns};
    if ((rc = mc_labels_place(items, k, discs, nd, &lo, spots, err)) != MC_OK) {
        goto out;
    }
    for (size_t i = 0; i < k; i++) {
        if (spots[i].state == MC_LABEL_DROPPED) {
            f->labels_dropped++;
            continue;
        }
        f->labels_shown++;
        if (spots[i].state == MC_LABEL_DISPLACED) { /* leader line to the box's nearest point */
            double bx = fmax(spots[i].x, fmin(items[i].x, spots[i].x + items[i].w));
            double by = fmax(spots[i].y, fmin(items[i].y, spots[i].y + items[i].h));
            double dx = bx - items[i].x, dy = by - items[i].y, d = sqrt(dx * dx + dy * dy);
            if (d > items[i].r) {
                cairo_save(cr);
                cairo_set_source_rgba(cr, 0.3, 0.3, 0.3, 0.8);
                cairo_set_line_width(cr, 0.7);
                cairo_move_to(cr, items[i].x + dx / d * items[i].r,
                              items[i].y + dy / d * items[i].r);
                cairo_line_to(cr, bx, by);
                cairo_stroke(cr);
                cairo_restore(cr);
            }
        }
        draw_text(cr, lay[i], spots[i].x, spots[i].y, 0.12, 0.12, 0.12, true);
    }
out:
    for (size_t i = 0; lay && i < k; i++) {
        if (lay[i]) {
            g_object_unref(lay[i]);
        }
    }
    free(lay);
    free(items);
    free(spots);
    free(soft);
    free(discs);
    free(deg);
    free(c);
    return rc;
}

/* ==== Legend, title, caption ==== */

/* One legend text at (x, *y), advancing *y; cut with an ellipsis, or wrapped when `wrap`. */
static void legend_text(cairo_t *cr, const char *text, double x, double *y, double width, bool bold,
                        bool wrap) {
    PangoLayout *l = text_layout(cr, text, TEXT_PX, bold, wrap ? width : 0);
    if (!wrap) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    }
    double w, h;
    text_size(l, &w, &h);
    draw_text(cr, l, x, *y, 0.1, 0.1, 0.1, false);
    g_object_unref(l);
    *y += h;
}

/* The largest 1, 2 or 5 times a power of ten not above v (v itself when v <= 0). */
static double nice_floor(double v) {
    if (!(v > 0)) {
        return v;
    }
    double p = pow(10.0, floor(log10(v)));
    return v >= 5 * p ? 5 * p : v >= 2 * p ? 2 * p : p;
}

/* The smallest 1, 2 or 5 times a power of ten not below v. */
static double nice_ceil(double v) {
    if (!(v > 0)) {
        return v;
    }
    double p = pow(10.0, floor(log10(v)));
    return v <= p ? p : v <= 2 * p ? 2 * p : v <= 5 * p ? 5 * p : 10 * p;
}

/* The 1, 2 or 5 times a power of ten nearest v on a log scale. */
static double nice_round(double v) {
    double lo = nice_floor(v), hi = nice_ceil(v);
    return v > 0 && log(hi / v) < log(v / lo) ? hi : lo;
}

/* A legend value: grouped digits for whole numbers, 3 significant digits otherwise. */
static void fmt_value(char *buf, size_t sz, double v) {
    if (v >= 1 && v < 1e15 && v == floor(v)) {
        char digits[32];
        int nd = snprintf(digits, sizeof digits, "%.0f", v);
        size_t k = 0;
        for (int i = 0; i < nd && k + 2 < sz; i++) {
            if (i > 0 && (nd - i) % 3 == 0) {
                buf[k++] = ',';
            }
            buf[k++] = digits[i];
        }
        buf[k] = '\0';
    } else if (v > 0 && v < 1e-3) { /* 0.00002, not 2e-05: readers of reports */
        snprintf(buf, sz, "%.*f", (int)(-floor(log10(v))), v);
    } else if (v != 0 && fabs(v) >= 1e7) {
        snprintf(buf, sz, "%.2g", v);
    } else {
        snprintf(buf, sz, "%.3g", v);
    }
}

static void draw_legend(struct fig *f, cairo_t *cr) {
    const struct mc_scene *s = f->s;
    double x = f->lx, y = f->ly, w = f->lw, bottom = f->ly + f->lh;
    const double row = TEXT_PX * 1.45;
    cairo_save(cr);
    if (s->colour_title && s->n_colours > 0) {
        legend_text(cr, s->colour_title, x, &y, w, true, true);
        y += 4;
        for (size_t i = 0; i < s->n_colours; i++) {
            if (y + row > bottom) {
                legend_text(cr, "…", x + 20, &y, w - 20, false, false);
                break;
            }
            shape_path(cr, MC_SHAPE_CIRCLE, x + 7, y + row / 2, 5.5);
            set_slot(cr, s->colours[i].slot, 1.0);
            cairo_fill(cr);
            double yy = y + (row - TEXT_PX * 1.2) / 2;
            legend_text(cr, s->colours[i].text, x + 20, &yy, w - 20, false, false);
            y += row;
        }
        y += 12;
    }
    if (s->size_title && f->vmax > 0 && y + 60 < bottom) {
        legend_text(cr, s->size_title, x, &y, w, true, true);
        y += 6;
        double rmax = radius_of(f, f->vmax);
        double cx = x + rmax + 4;
        /* round values spread from the largest to the smallest node, largest first */
        double vlo = f->vmin < f->vmax ? f->vmin : f->vmax / 16;
        double vals[3] = {nice_floor(f->vmax), nice_round(sqrt(f->vmax * vlo)), nice_ceil(vlo)};
        double last = HUGE_VAL;
        for (size_t i = 0; i < MC_ARRAY_SIZE(vals); i++) {
            double val = vals[i];
            if (!(val < last) || val > f->vmax || val <= 0) {
                continue; /* a repeat, or outside the nodes' range */
            }
            last = val;
            double r = radius_of(f, val);
            if (i > 0 && cx + r > x + w) {
                break; /* large nodes (a meta map of few groups): the samples that fit */
            }
            char buf[64];
            shape_path(cr, MC_SHAPE_CIRCLE, cx, y + rmax, r);
            cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
            cairo_set_line_width(cr, 0.8);
            cairo_stroke(cr);
            fmt_value(buf, sizeof buf, val);
            PangoLayout *l = text_layout(cr, buf, TEXT_PX * 0.9, false, 0);
            double tw, th;
            text_size(l, &tw, &th);
            draw_text(cr, l, cx - tw / 2, y + 2 * rmax + 3, 0.2, 0.2, 0.2, false);
            g_object_unref(l);
            cx += fmax(2 * r, tw) + 14;
        }
        y += 2 * rmax + TEXT_PX * 1.3 + 14;
    }
    if (s->n_shapes > 0) {
        for (size_t i = 0; i < s->n_shapes && y + row <= bottom; i++) {
            shape_path(cr, s->shapes[i].shape, x + 7, y + row / 2, 5);
            cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
            cairo_fill(cr);
            double yy = y + (row - TEXT_PX * 1.2) / 2;
            legend_text(cr, s->shapes[i].text, x + 20, &yy, w - 20, false, true);
            y = fmax(y + row, yy);
        }
        y += 8;
    }
    if (s->dashed_title && s->n_dashed > 0 && y + row <= bottom) {
        static const double dash[] = {6.0, 4.0};
        cairo_save(cr);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_width(cr, 2.0);
        cairo_set_source_rgba(cr, 0.80, 0.10, 0.10, 0.9);
        cairo_move_to(cr, x, y + row / 2);
        cairo_line_to(cr, x + 16, y + row / 2);
        cairo_stroke(cr);
        cairo_restore(cr);
        double yy = y + (row - TEXT_PX * 1.2) / 2;
        legend_text(cr, s->dashed_title, x + 20, &yy, w - 20, false, true);
        y = fmax(y + row, yy) + 8;
    }
    if (s->edge_title && f->m > 0 && y + 2 * row <= bottom) {
        for (int k = 0; k < 2; k++) {
            double t = k ? 1.0 : 0.3;
            cairo_set_source_rgba(cr, 0.45, 0.45, 0.45, 0.25 + 0.5 * t);
            cairo_set_line_width(cr, f->large ? 0.3 + 0.9 * t : 0.6 + 2.6 * t);
            cairo_move_to(cr, x, y + row / 2 + k * 6);
            cairo_line_to(cr, x + 16, y + row / 2 + k * 6);
            cairo_stroke(cr);
        }
        double yy = y + (row - TEXT_PX * 1.2) / 2;
        legend_text(cr, s->edge_title, x + 20, &yy, w - 20, false, true);
    }
    cairo_restore(cr);
}

static void draw_title_caption(struct fig *f, cairo_t *cr) {
    if (f->s->title) {
        PangoLayout *l = text_layout(cr, f->s->title, TITLE_PX, true, f->W - 2 * MARGIN);
        draw_text(cr, l, MARGIN, MARGIN, 0.05, 0.05, 0.05, false);
        g_object_unref(l);
    }
    if (f->caption[0]) {
        PangoLayout *l = text_layout(cr, f->caption, CAPTION_PX, false, f->W - 2 * MARGIN);
        draw_text(cr, l, MARGIN, f->cy_caption, 0.27, 0.27, 0.27, false);
        g_object_unref(l);
    }
}

/* The scene's message, centred in the plot: an empty figure says why in words. */
static void draw_message(struct fig *f, cairo_t *cr) {
    if (f->s->message == NULL) {
        return;
    }
    double w, h;
    PangoLayout *l = text_layout(cr, f->s->message, TITLE_PX, false, f->pw * 0.8);
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    text_size(l, &w, &h);
    draw_text(cr, l, f->px + f->pw * 0.1, f->py + (f->ph - h) / 2, 0.27, 0.27, 0.27, false);
    g_object_unref(l);
}

/* ==== Entry point ==== */

static enum mc_status cairo_failed(cairo_status_t st, const char *path, struct mc_error *err) {
    if (st == CAIRO_STATUS_WRITE_ERROR) {
        return mc_error_set(err, MC_E_IO, path, 0, "write error");
    }
    if (st == CAIRO_STATUS_NO_MEMORY) {
        return mc_error_set(err, MC_E_NOMEM, path, 0, "out of memory (cairo)");
    }
    return mc_error_set(err, MC_E_RENDER, path, 0, "cairo: %s", cairo_status_to_string(st));
}

/*
 * A page to draw on: the surface for the format (PNG pixels scaled from CSS
 * px by dpi / 96, PDF in points, SVG in px), white, with the font options of
 * every figure. canvas_finish writes it to `out`; canvas_close releases it.
 */
struct canvas {
    enum mc_figure_format format;
    cairo_surface_t *surface;
    cairo_t *cr;
    cairo_font_options_t *fo;
    uint32_t ppm; /* PNG: pixels per metre */
    char *svg;
    size_t svg_len;
    FILE *svg_mem;
    FILE *out;
    const char *path;
};

static enum mc_status canvas_open(struct canvas *c, const struct mc_render_options *o,
                                  const char *title, FILE *out, const char *path,
                                  struct mc_error *err) {
    char date[32];
    memset(c, 0, sizeof *c);
    c->format = o->format;
    c->out = out;
    c->path = path;
    if (!(o->width >= 200 && o->width <= 20000 && o->height >= 200 && o->height <= 20000)) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "figure size %gx%g out of range (200 to 20000 px each way)", o->width,
                            o->height);
    }
    double px_per_css = o->format == MC_FIG_PNG ? o->dpi / 96.0 : 1.0;
    if (o->format == MC_FIG_PNG && (!(o->dpi >= 24 && o->dpi <= 1200) ||
                                    o->width * px_per_css * o->height * px_per_css > 2e8)) {
        return mc_error_set(err, MC_E_USAGE, NULL, 0,
                            "PNG of %gx%g px at %g dpi is out of range (24 to 1200 dpi, at most "
                            "200 megapixels)",
                            o->width, o->height, o->dpi);
    }
    switch (o->format) {
    case MC_FIG_SVG:
        c->svg_mem = open_memstream(&c->svg, &c->svg_len);
        if (c->svg_mem == NULL) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (render)");
        }
        c->surface =
            cairo_svg_surface_create_for_stream(write_file, c->svg_mem, o->width, o->height);
        cairo_svg_surface_set_document_unit(c->surface, CAIRO_SVG_UNIT_PX);
        break;
    case MC_FIG_PDF:
        c->surface =
            cairo_pdf_surface_create_for_stream(write_file, out, o->width * 0.75, o->height * 0.75);
        if (title) {
            cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_TITLE, title);
        }
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATOR, o->creator);
        pdf_date(o, date);
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
        break;
    default:
        c->surface =
            cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(o->width * px_per_css),
                                       (int)ceil(o->height * px_per_css));
        c->ppm = (uint32_t)lround(o->dpi / 0.0254);
        break;
    }
    c->cr = cairo_create(c->surface);
    if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS) {
        return cairo_failed(cairo_status(c->cr), path, err);
    }
    if (o->format == MC_FIG_PDF) {
        cairo_scale(c->cr, 0.75, 0.75); /* CSS px -> pt */
    } else if (o->format == MC_FIG_PNG) {
        cairo_scale(c->cr, px_per_css, px_per_css);
    }
    c->fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(c->fo,
                                        CAIRO_HINT_METRICS_OFF); /* same text widths at any dpi */
    cairo_font_options_set_hint_style(c->fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(c->fo, CAIRO_ANTIALIAS_GRAY);
    cairo_set_font_options(c->cr, c->fo);
    return MC_OK;
}

/* Checks the drawing (cairo's sticky status) and writes the page to c->out. */
static enum mc_status canvas_finish(struct canvas *c, struct mc_error *err) {
    cairo_status_t st = cairo_status(c->cr);
    if (st == CAIRO_STATUS_SUCCESS) {
        if (c->format == MC_FIG_PNG) {
            cairo_surface_flush(c->surface);
            st = png_encode(c->surface, c->out, c->ppm);
        } else {
            cairo_surface_finish(c->surface);
            st = cairo_surface_status(c->surface);
        }
    }
    if (st != CAIRO_STATUS_SUCCESS) {
        return cairo_failed(st, c->path, err);
    }
    if (c->svg_mem != NULL) {
        bool ok = fclose(c->svg_mem) == 0;
        c->svg_mem = NULL;
        if (!ok) {
            return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (render)");
        }
        return write_svg(c->svg, c->svg_len, c->out, c->path, err);
    }
    return MC_OK;
}

static void canvas_close(struct canvas *c) {
    if (c->fo) {
        cairo_font_options_destroy(c->fo);
    }
    if (c->cr) {
        cairo_destroy(c->cr);
    }
    if (c->surface) {
        cairo_surface_destroy(c->surface); /* an SVG surface flushes into svg_mem here */
    }
    if (c->svg_mem) {
        fclose(c->svg_mem);
    }
    free(c->svg);
    memset(c, 0, sizeof *c);
}

enum mc_status mc_render(const struct mc_scene *s, const struct mc_render_options *o, FILE *out,
                         const char *path, struct mc_render_info *info, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct fig f;
    struct canvas cv;
    cairo_t *cr;

    memset(&f, 0, sizeof f);
    memset(&cv, 0, sizeof cv);
    memset(info, 0, sizeof *info);
    f.s = s;
    f.o = o;
    f.n = igraph_vcount(s->g);
    f.m = igraph_ecount(s->g);
    f.W = o->width;
    f.H = o->height;
    f.large = f.n >= o->large;
    f.labels_wanted = label_budget(&f);
    if ((rc = canvas_open(&cv, o, s->title, out, path, err)) != MC_OK) {
        goto out;
    }
    cr = cv.cr;
    f.X = malloc(((size_t)f.n + 1) * sizeof *f.X);
    f.Y = malloc(((size_t)f.n + 1) * sizeof *f.Y);
    f.R = malloc(((size_t)f.n + 1) * sizeof *f.R);
    f.caption = full_caption(&f, f.s->label && f.n > 0 ? f.labels_wanted : 0);
    if (!f.X || !f.Y || !f.R || !f.caption) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (render)");
        goto out;
    }
    if ((rc = page_geometry(&f, cr, err)) != MC_OK || (rc = place_nodes(&f, err)) != MC_OK) {
        goto out;
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    if (s->map != NULL) {
        draw_map(&f, cr);
    }
    if (o->format != MC_FIG_PNG && f.m > VECTOR_EDGE_LIMIT) {
        rc = draw_edges_raster(&f, cr, err);
    } else {
        rc = draw_edges(&f, cr, err);
    }
    if (rc != MC_OK) {
        goto out;
    }
    draw_dashed(&f, cr);
    if ((rc = draw_nodes(&f, cr, err)) != MC_OK || (rc = draw_labels(&f, cr, err)) != MC_OK) {
        goto out;
    }
    free(f.caption); /* now with the labels left out */
    if ((f.caption = full_caption(&f, f.labels_dropped)) == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (render)");
        goto out;
    }
    draw_message(&f, cr);
    draw_legend(&f, cr);
    draw_title_caption(&f, cr);
    if ((rc = canvas_finish(&cv, err)) != MC_OK) {
        goto out;
    }
    info->large = f.large;
    info->labels_shown = f.labels_shown;
    info->labels_dropped = f.labels_dropped;
    info->node_radius = f.r0;
out:
    canvas_close(&cv);
    free(f.X);
    free(f.Y);
    free(f.R);
    free(f.caption);
    return rc;
}

/* ==== Charts ==== */

/* Width of a text at TEXT_PX. */
static double text_width(cairo_t *cr, const char *text, bool bold) {
    PangoLayout *l = text_layout(cr, text, TEXT_PX, bold, 0);
    double w, h;
    text_size(l, &w, &h);
    g_object_unref(l);
    return w;
}

/*
 * One line of text, ellipsised to `width`: starting at x (PANGO_ALIGN_LEFT),
 * ending at x (RIGHT) or centred on x (CENTER).
 */
static void chart_text(cairo_t *cr, const char *text, double x, double y, double width,
                       PangoAlignment align, double grey) {
    PangoLayout *l = text_layout(cr, text, TEXT_PX, false, 0);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    pango_layout_set_alignment(l, align);
    x -= align == PANGO_ALIGN_RIGHT ? width : align == PANGO_ALIGN_CENTER ? width / 2 : 0;
    draw_text(cr, l, x, y, grey, grey, grey, false);
    g_object_unref(l);
}

/*
 * Opens a chart's canvas and draws its frame: white, the title at the top and
 * the caption at the bottom. *top and *bottom receive the room left between.
 */
static enum mc_status chart_open(struct canvas *cv, const struct mc_render_options *o,
                                 const char *title, const char *caption, FILE *out,
                                 const char *path, double *top, double *bottom,
                                 struct mc_error *err) {
    enum mc_status rc = canvas_open(cv, o, title, out, path, err);
    if (rc != MC_OK) {
        canvas_close(cv);
        return rc;
    }
    cairo_t *cr = cv->cr;
    double W = o->width, H = o->height;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    double ch =
        caption && *caption ? text_height(cr, caption, CAPTION_PX, false, W - 2 * MARGIN) : 0;
    if (title) {
        PangoLayout *l = text_layout(cr, title, TITLE_PX, true, W - 2 * MARGIN);
        draw_text(cr, l, MARGIN, MARGIN, 0.05, 0.05, 0.05, false);
        g_object_unref(l);
    }
    if (ch > 0) {
        PangoLayout *l = text_layout(cr, caption, CAPTION_PX, false, W - 2 * MARGIN);
        draw_text(cr, l, MARGIN, H - MARGIN - ch, 0.27, 0.27, 0.27, false);
        g_object_unref(l);
    }
    *top = MARGIN + (title ? TITLE_PX * 1.6 : 0);
    *bottom = H - MARGIN - ch - 8;
    return MC_OK;
}

enum mc_status mc_render_bars(const struct mc_chart_bars *c, const struct mc_render_options *o,
                              FILE *out, const char *path, struct mc_error *err) {
    struct canvas cv;
    double top, bottom, W = o->width;
    enum mc_status rc = chart_open(&cv, o, c->title, c->caption, out, path, &top, &bottom, err);
    if (rc != MC_OK) {
        return rc;
    }
    cairo_t *cr = cv.cr;
    /* the series legend, on one line */
    double x = MARGIN;
    for (size_t k = 0; c->n_series > 1 && k < c->n_series; k++) {
        set_slot(cr, (int)k, 1.0);
        cairo_rectangle(cr, x, top + 3, 14, 10);
        cairo_fill(cr);
        chart_text(cr, c->series_label[k], x + 20, top, 300, PANGO_ALIGN_LEFT, 0.1);
        x += 20 + fmin(300, text_width(cr, c->series_label[k], false)) + 24;
    }
    if (c->n_series > 1) {
        top += TEXT_PX * 2;
    }
    double lmax = 0, vmax = 0, vmin = 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        lmax = fmax(lmax, text_width(cr, c->row_label[i], false));
        for (size_t k = 0; k < c->n_series; k++) {
            double v = c->value[i * c->n_series + k];
            if (isfinite(v)) {
                vmax = fmax(vmax, v);
                vmin = fmin(vmin, v);
            }
        }
    }
    if (vmax - vmin <= 0) {
        vmax = 1;
    }
    /* gridlines at a 1-2-5 step, about five of them; the axis ends on one */
    double step = nice_ceil((vmax - vmin) / 5);
    vmax = ceil(vmax / step - 1e-9) * step;
    vmin = floor(vmin / step + 1e-9) * step;
    double lw = fmin(lmax + 8, W * 0.35);
    double axis_h = TEXT_PX * 1.6 + (c->axis_title ? TEXT_PX * 1.6 : 0);
    double px = MARGIN + lw, pw = W - MARGIN - px - 60, py = top, ph = bottom - axis_h - top;
    double rowh = c->n_rows > 0 ? ph / (double)c->n_rows : ph;
    double zero = px + pw * (0 - vmin) / (vmax - vmin);
    /* grid and ticks */
    char buf[48];
    for (double t = ceil(vmin / step) * step; t <= vmax + step * 1e-9; t += step) {
        double gx = px + pw * (t - vmin) / (vmax - vmin);
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_set_line_width(cr, 1);
        cairo_move_to(cr, gx, py);
        cairo_line_to(cr, gx, py + ph);
        cairo_stroke(cr);
        fmt_value(buf, sizeof buf, fabs(t) < step * 1e-9 ? 0 : t);
        chart_text(cr, buf, gx, py + ph + 4, 80, PANGO_ALIGN_CENTER, 0.3);
    }
    if (c->axis_title) {
        chart_text(cr, c->axis_title, px + pw / 2, py + ph + 4 + TEXT_PX * 1.6, pw,
                   PANGO_ALIGN_CENTER, 0.1);
    }
    for (size_t i = 0; i < c->n_rows; i++) {
        double ry = py + rowh * (double)i;
        chart_text(cr, c->row_label[i], MARGIN + lw - 8, ry + rowh / 2 - TEXT_PX * 0.65, lw - 8,
                   PANGO_ALIGN_RIGHT, 0.1);
        double bh = fmin(rowh * 0.8 / (double)(c->n_series ? c->n_series : 1), 28);
        double by = ry + (rowh - bh * (double)c->n_series) / 2;
        for (size_t k = 0; k < c->n_series; k++) {
            double v = c->value[i * c->n_series + k];
            if (!isfinite(v)) {
                continue;
            }
            double bx = px + pw * (v - vmin) / (vmax - vmin);
            set_slot(cr, c->n_series > 1 ? (int)k : 0, 1.0);
            cairo_rectangle(cr, fmin(zero, bx), by + bh * (double)k, fabs(bx - zero), bh - 1);
            cairo_fill(cr);
            if (bh >= 9) {
                fmt_value(buf, sizeof buf, v);
                chart_text(cr, buf, fmax(zero, bx) + 4,
                           by + bh * (double)k + bh / 2 - TEXT_PX * 0.65, 56, PANGO_ALIGN_LEFT,
                           0.2);
            }
        }
    }
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, zero, py);
    cairo_line_to(cr, zero, py + ph);
    cairo_stroke(cr);
    rc = canvas_finish(&cv, err);
    canvas_close(&cv);
    return rc;
}

enum mc_status mc_render_heatmap(const struct mc_chart_heatmap *c,
                                 const struct mc_render_options *o, FILE *out, const char *path,
                                 struct mc_error *err) {
    struct canvas cv;
    double top, bottom, W = o->width;
    enum mc_status rc = chart_open(&cv, o, c->title, c->caption, out, path, &top, &bottom, err);
    if (rc != MC_OK) {
        return rc;
    }
    cairo_t *cr = cv.cr;
    double lmax = 0, vmax = 0;
    for (size_t i = 0; i < c->n; i++) {
        lmax = fmax(lmax, text_width(cr, c->label[i], false));
        for (size_t j = 0; j < c->n; j++) {
            double v = c->value[i * c->n + j];
            if (isfinite(v)) {
                vmax = fmax(vmax, v);
            }
        }
    }
    double lw = fmin(lmax + 8, W * 0.25);
    double legend_w = 120;
    double avail_w = W - 2 * MARGIN - lw - legend_w, avail_h = bottom - top - lw;
    double cell = c->n > 0 ? fmin(avail_w, avail_h) / (double)c->n : 0;
    double gx = MARGIN + lw, gy = top + lw;
    struct mc_rgb hi = mc_palette_colour(0);
    char buf[48];
    for (size_t i = 0; i < c->n; i++) {
        chart_text(cr, c->label[i], gx - 6, gy + cell * ((double)i + 0.5) - TEXT_PX * 0.65, lw - 6,
                   PANGO_ALIGN_RIGHT, 0.1);
        /* column labels, turned a quarter to read bottom-up */
        cairo_save(cr);
        cairo_translate(cr, gx + cell * ((double)i + 0.5) - TEXT_PX * 0.65, gy - 6);
        cairo_rotate(cr, -G_PI / 2);
        chart_text(cr, c->label[i], 0, 0, lw - 6, PANGO_ALIGN_LEFT, 0.1);
        cairo_restore(cr);
        for (size_t j = 0; j < c->n; j++) {
            double v = c->value[i * c->n + j];
            double x = gx + cell * (double)j, y = gy + cell * (double)i;
            if (!isfinite(v)) {
                cairo_set_source_rgb(cr, 0.96, 0.96, 0.96);
            } else {
                double t = vmax > 0 ? sqrt(fmax(v, 0) / vmax) : 0;
                cairo_set_source_rgb(cr, 1 - t * (1 - hi.r), 1 - t * (1 - hi.g),
                                     1 - t * (1 - hi.b));
            }
            cairo_rectangle(cr, x, y, cell - 1, cell - 1);
            cairo_fill(cr);
            if (isfinite(v) && cell >= 44 && v != 0) {
                fmt_value(buf, sizeof buf, v);
                double t = vmax > 0 ? sqrt(fmax(v, 0) / vmax) : 0;
                PangoLayout *l = text_layout(cr, buf, LABEL_PX * fmin(1, cell / 40), false, 0);
                double tw, th;
                text_size(l, &tw, &th);
                double g = t > 0.6 ? 1 : 0.1;
                draw_text(cr, l, x + (cell - tw) / 2, y + (cell - th) / 2, g, g, g, false);
                g_object_unref(l);
            }
        }
    }
    /* the colour scale, square-root as the cells */
    double sx = gx + cell * (double)c->n + 24, sy = gy, sh = fmin(200, cell * (double)c->n);
    if (c->value_title) {
        PangoLayout *l = text_layout(cr, c->value_title, TEXT_PX, true, legend_w - 8);
        double tw, th;
        text_size(l, &tw, &th);
        draw_text(cr, l, sx, sy, 0.1, 0.1, 0.1, false);
        g_object_unref(l);
        sy += th + 6;
    }
    for (int k = 0; k < 50; k++) {
        double t = 1 - (double)k / 49;
        cairo_set_source_rgb(cr, 1 - t * (1 - hi.r), 1 - t * (1 - hi.g), 1 - t * (1 - hi.b));
        cairo_rectangle(cr, sx, sy + sh * k / 50.0, 16, sh / 50.0 + 0.5);
        cairo_fill(cr);
    }
    fmt_value(buf, sizeof buf, vmax);
    chart_text(cr, buf, sx + 22, sy - 2, legend_w - 30, PANGO_ALIGN_LEFT, 0.2);
    chart_text(cr, "0", sx + 22, sy + sh - TEXT_PX, legend_w - 30, PANGO_ALIGN_LEFT, 0.2);
    rc = canvas_finish(&cv, err);
    canvas_close(&cv);
    return rc;
}
