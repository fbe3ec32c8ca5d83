#include "metaclust/palette.h"

#include <string.h>

/* Okabe–Ito (without black), then Tol muted: indigo, wine, teal, olive, rose. */
static const char *const hex[MC_PALETTE_COLOURS] = {
    "#0072b2", /* blue */
    "#e69f00", /* orange */
    "#009e73", /* bluish green */
    "#d55e00", /* vermillion */
    "#56b4e9", /* sky blue */
    "#cc79a7", /* reddish purple */
    "#f0e442", /* yellow */
    "#332288", /* indigo */
    "#882255", /* wine */
    "#44aa99", /* teal */
    "#999933", /* olive */
    "#cc6677", /* rose */
};
static const char other_hex[] = "#bbbbbb"; /* Tol's grey */

static int nibble(char c) {
    return c >= 'a' ? c - 'a' + 10 : c - '0';
}

const char *mc_palette_hex(int slot) {
    return slot >= 0 && slot < MC_PALETTE_COLOURS ? hex[slot] : other_hex;
}

struct mc_rgb mc_palette_colour(int slot) {
    const char *h = mc_palette_hex(slot);
    struct mc_rgb c;
    c.r = (nibble(h[1]) * 16 + nibble(h[2])) / 255.0;
    c.g = (nibble(h[3]) * 16 + nibble(h[4])) / 255.0;
    c.b = (nibble(h[5]) * 16 + nibble(h[6])) / 255.0;
    return c;
}

void mc_palette_init(struct mc_palette *p) {
    mc_intern_init(&p->keys, false);
}

void mc_palette_destroy(struct mc_palette *p) {
    mc_intern_destroy(&p->keys);
}

enum mc_status mc_palette_add(struct mc_palette *p, const char *key, struct mc_error *err) {
    long idx;
    return mc_intern_add(&p->keys, key, strlen(key), &idx, NULL, err);
}

enum mc_status mc_palette_add_list(struct mc_palette *p, const char *list, struct mc_error *err) {
    const char *s = list;
    while (*s != '\0') {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        while (len > 0 && (*s == ' ' || *s == '\t')) {
            s++;
            len--;
        }
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t')) {
            len--;
        }
        if (len > 0) {
            long idx;
            enum mc_status rc = mc_intern_add(&p->keys, s, len, &idx, NULL, err);
            if (rc != MC_OK) {
                return rc;
            }
        }
        if (e == NULL) {
            break;
        }
        s = e + 1;
    }
    return MC_OK;
}

int mc_palette_slot(const struct mc_palette *p, const char *key) {
    long idx = mc_intern_find(&p->keys, key, strlen(key));
    return idx >= 0 && idx < MC_PALETTE_COLOURS ? (int)idx : MC_PALETTE_OTHER;
}
