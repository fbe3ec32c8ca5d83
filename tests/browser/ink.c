/*
 * ink PNG: prints the share of pixels that differ from the most common
 * (background) colour, in percent; used to check a screenshot is not blank.
 */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: ink FILE.png\n");
        return 2;
    }
    cairo_surface_t *s = cairo_image_surface_create_from_png(argv[1]);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "ink: %s: %s\n", argv[1], cairo_status_to_string(cairo_surface_status(s)));
        return 1;
    }
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    uint32_t bg = *(const uint32_t *)(const void *)d; /* the top-left pixel */
    long ink = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(d + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            ink += (row[x] & 0xffffff) != (bg & 0xffffff);
        }
    }
    printf("%.2f\n", w && h ? 100.0 * (double)ink / ((double)w * h) : 0.0);
    cairo_surface_destroy(s);
    return 0;
}
