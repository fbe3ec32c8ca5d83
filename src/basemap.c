/*
 * The geo base map: the built-in Natural Earth borders, looked up by country
 * and projected for a figure; the equirectangular and Lambert azimuthal
 * equal-area projections. See metaclust/basemap.h.
 */
#include "metaclust/basemap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/countries.h"
#include "metaclust/layout.h"

#define MC_PI 3.14159265358979323846
#define DEG   (MC_PI / 180.0)
#define R_DEG (180.0 / MC_PI) /* the sphere's radius in degrees of latitude */

/* ==== The built-in borders ==== */

static int cmp_code(const void *key, const void *elem) {
    return strcmp(key, ((const struct mc_border_ring *)elem)->code);
}

const struct mc_border_ring *mc_borders_country(const char *code, size_t *n) {
    char cc[3];
    size_t nr;
    const int16_t *pts;
    const struct mc_border_ring *rings = mc_borders_builtin(&nr, &pts), *hit;
    *n = 0;
    if (!mc_country_canonical(code, cc) ||
        (hit = bsearch(cc, rings, nr, sizeof *rings, cmp_code)) == NULL) {
        return NULL;
    }
    const struct mc_border_ring *first = hit, *end = hit + 1;
    while (first > rings && strcmp(first[-1].code, cc) == 0) {
        first--;
    }
    while (end < rings + nr && strcmp(end->code, cc) == 0) {
        end++;
    }
    *n = (size_t)(end - first);
    return first;
}

/* ==== Projections ==== */

const char *mc_map_projection_name(const struct mc_map_projection *p) {
    if (p->kind == MC_MAP_LAEA) {
        return p->lat0 == MC_LAEA_EUROPE_LAT0 && p->lon0 == MC_LAEA_EUROPE_LON0
                   ? "Lambert azimuthal equal-area (EPSG:3035)"
                   : "Lambert azimuthal equal-area";
    }
    return "equirectangular";
}

bool mc_map_project(const struct mc_map_projection *p, double lat, double lon, double *x,
                    double *y) {
    if (p->kind != MC_MAP_LAEA) {
        mc_geo_project(lat, lon, p->lat0, p->lon0, x, y);
        return true;
    }
    double phi = lat * DEG, phi1 = p->lat0 * DEG, dl = (lon - p->lon0) * DEG;
    double cosc = sin(phi1) * sin(phi) + cos(phi1) * cos(phi) * cos(dl);
    if (cosc < MC_LAEA_MIN_COS) { /* towards the antipode, shapes smear along the rim */
        return false;
    }
    double k = sqrt(2.0 / (1.0 + cosc));
    *x = R_DEG * k * cos(phi) * sin(dl);
    *y = R_DEG * k * (cos(phi1) * sin(phi) - sin(phi1) * cos(phi) * cos(dl));
    return true;
}

bool mc_map_unproject(const struct mc_map_projection *p, double x, double y, double *lat,
                      double *lon) {
    if (p->kind != MC_MAP_LAEA) {
        *lat = y + p->lat0;
        *lon = x / cos(p->lat0 * DEG) + p->lon0;
        return true;
    }
    double rho = hypot(x, y), phi1 = p->lat0 * DEG;
    if (rho > 2 * R_DEG) {
        return false;
    }
    if (rho == 0) {
        *lat = p->lat0;
        *lon = p->lon0;
        return true;
    }
    double c = 2 * asin(rho / (2 * R_DEG));
    *lat = asin(cos(c) * sin(phi1) + y * sin(c) * cos(phi1) / rho) / DEG;
    *lon = p->lon0 + atan2(x * sin(c), rho * cos(phi1) * cos(c) - y * sin(phi1) * sin(c)) / DEG;
    return true;
}

bool mc_map_in_europe(double lat, double lon) {
    return lat >= 27 && lat <= 72 && lon >= -32 && lon <= 45;
}

bool mc_map_is_europe(size_t n, const double *lat, const double *lon) {
    size_t known = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isnan(lat[i]) && !isnan(lon[i])) {
            known++;
            in += mc_map_in_europe(lat[i], lon[i]);
        }
    }
    return known > 0 && (double)in >= 0.9 * (double)known;
}

void mc_map_direction(const struct mc_map_projection *p, double lat, double lon, double *dx,
                      double *dy) {
    double x, y;
    if (p->kind == MC_MAP_LAEA) { /* the azimuth: LAEA keeps the directions from its centre */
        double phi = lat * DEG, phi1 = p->lat0 * DEG, dl = (lon - p->lon0) * DEG;
        x = cos(phi) * sin(dl);
        y = cos(phi1) * sin(phi) - sin(phi1) * cos(phi) * cos(dl);
    } else {
        mc_geo_project(lat, lon, p->lat0, p->lon0, &x, &y);
    }
    double len = hypot(x, y);
    *dx = len > 1e-12 ? x / len : 0;
    *dy = len > 1e-12 ? y / len : 0;
}

bool mc_map_pin(double x0, double y0, double x1, double y1, double dx, double dy, double *x,
                double *y) {
    if (*x >= x0 && *x <= x1 && *y >= y0 && *y <= y1) {
        return false;
    }
    double xc = (x0 + x1) / 2, yc = (y0 + y1) / 2, t = HUGE_VAL;
    if (fabs(dx) > 1e-12) {
        t = fmin(t, (x1 - x0) / 2 / fabs(dx));
    }
    if (fabs(dy) > 1e-12) {
        t = fmin(t, (y1 - y0) / 2 / fabs(dy));
    }
    if (t == HUGE_VAL) {
        t = 0;
    }
    *x = xc + t * dx;
    *y = yc + t * dy;
    return true;
}

/* ==== The base map ==== */

enum mc_status mc_basemap_init(struct mc_basemap *bm, const struct mc_map_projection *p,
                               double xmin, double ymin, double xmax, double ymax,
                               const char *const *tint, size_t n, struct mc_error *err) {
    size_t nr;
    const int16_t *pts;
    const struct mc_border_ring *rings = mc_borders_builtin(&nr, &pts);
    size_t npts = rings[nr - 1].first + rings[nr - 1].n;
    uint8_t *want = calloc(nr + 1, 1); /* per ring of the table: tinted */
    memset(bm, 0, sizeof *bm);
    bm->part = calloc(nr + 1, sizeof *bm->part);
    bm->ring = calloc(nr + 1, sizeof *bm->ring);
    bm->x = malloc((npts + 1) * sizeof *bm->x);
    bm->y = malloc((npts + 1) * sizeof *bm->y);
    bm->tint = calloc(nr + 1, sizeof *bm->tint);
    if (!want || !bm->part || !bm->ring || !bm->x || !bm->y || !bm->tint) {
        free(want);
        mc_basemap_destroy(bm);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (base map)");
    }
    for (size_t c = 0; c < n; c++) {
        size_t k;
        const struct mc_border_ring *r = mc_borders_country(tint[c], &k);
        if (r != NULL) {
            memset(want + (r - rings), 1, k);
        }
    }
    size_t nparts = 0, nrings = 0, k = 0;
    for (size_t i = 0; i < nr;) {
        /* polygon: ring i and its holes */
        size_t j = i + 1;
        while (j < nr && rings[j].ring != 0) {
            j++;
        }
        size_t k0 = k, r0 = nrings;
        double bx0 = HUGE_VAL, bx1 = -HUGE_VAL, by0 = HUGE_VAL, by1 = -HUGE_VAL;
        bool ok = true;
        for (size_t r = i; r < j && ok; r++) {
            bm->ring[nrings++] = k;
            for (uint32_t q = 0; q < rings[r].n && ok; q++) {
                const int16_t *pt = pts + 2 * (rings[r].first + q);
                if (!(ok = mc_map_project(p, pt[1] / 100.0, pt[0] / 100.0, &bm->x[k], &bm->y[k]))) {
                    break; /* towards LAEA's antipode: the polygon is dropped */
                }
                bx0 = fmin(bx0, bm->x[k]);
                bx1 = fmax(bx1, bm->x[k]);
                by0 = fmin(by0, bm->y[k]);
                by1 = fmax(by1, bm->y[k]);
                k++;
            }
        }
        if (!ok || bx1 < xmin || bx0 > xmax || by1 < ymin || by0 > ymax) {
            k = k0; /* out of the view: dropped */
            nrings = r0;
        } else {
            bm->tint[nparts] = want[i];
            bm->part[nparts++] = r0;
        }
        i = j;
    }
    free(want);
    bm->part[nparts] = nrings;
    bm->ring[nrings] = k;
    bm->map.n_parts = nparts;
    bm->map.part = bm->part;
    bm->map.ring = bm->ring;
    bm->map.x = bm->x;
    bm->map.y = bm->y;
    bm->map.tint = bm->tint;
    return MC_OK;
}

void mc_basemap_destroy(struct mc_basemap *bm) {
    free(bm->part);
    free(bm->ring);
    free(bm->x);
    free(bm->y);
    free(bm->tint);
    memset(bm, 0, sizeof *bm);
}
