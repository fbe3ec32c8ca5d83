/*
 * ink PNG: prints the share of pixels that differ from the most common
 * (background) colour, in percent; used to check a screenshot is not blank.
 * ink PNG RRGGBB: prints how many pixels are within 24 per channel of that
 * colour (the explorer's red suggested links, say).
 */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: ink FILE.png [RRGGBB]\n");
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
    if (argc == 3) {
        long rgb = strtol(argv[2], NULL, 16), near = 0;
        int want[3] = {(int)(rgb >> 16) & 255, (int)(rgb >> 8) & 255, (int)rgb & 255};
        for (int y = 0; y < h; y++) {
            const uint32_t *row = (const uint32_t *)(const void *)(d + (size_t)y * (size_t)stride);
            for (int x = 0; x < w; x++) {
                int got[3] = {(int)(row[x] >> 16) & 255, (int)(row[x] >> 8) & 255,
                              (int)row[x] & 255};
                near += abs(got[0] - want[0]) <= 24 && abs(got[1] - want[1]) <= 24 &&
                        abs(got[2] - want[2]) <= 24;
            }
        }
        printf("%ld\n", near);
        cairo_surface_destroy(s);
        return 0;
    }
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
