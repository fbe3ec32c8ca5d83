#ifndef METACLUST_BASEMAP_H
#define METACLUST_BASEMAP_H

/*
 * The base map under a `geo` figure: country outlines from Natural Earth
 * 1:50m (public domain; datasets/borders-50m.tsv, written by
 * datasets/borders.py from the npm package world-atlas 2.0.2 and compiled
 * into the binary by src/borders_table.awk), and the map projections that
 * the nodes and the borders share.
 *
 * Projections, on a sphere, in units of degrees of latitude (the sphere's
 * radius is 180/pi), so that they are to scale with the equirectangular
 * positions of the geo layout:
 *
 *   equirectangular  mc_geo_project (metaclust/layout.h) about lat0, lon0
 *   LAEA             Lambert azimuthal equal-area about lat0, lon0; with
 *                    lat0 = 52, lon0 = 10 the projection of EPSG:3035
 *                    (ETRS89-LAEA, the EU's statistical maps), on the sphere
 *                    rather than the GRS80 ellipsoid: shapes differ from
 *                    EPSG:3035 by less than half a percent. Snyder 1987,
 *                    "Map Projections — A Working Manual", USGS PP 1395,
 *                    pp. 182-190.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "metaclust/error.h"
#include "metaclust/render.h"

/* ==== The built-in borders ==== */

/* A ring of a country's polygon: points[first .. first + n) of the table. */
struct mc_border_ring {
    char code[3];     /* ISO 3166-1 alpha-2 ("XK" Kosovo), sorted */
    uint16_t polygon; /* 0, 1, ... within the country */
    uint16_t ring;    /* 0 the outer ring, then its holes */
    uint32_t first, n;
};

/*
 * The built-in rings (n of them, sorted by code), and their points as
 * (lon, lat) pairs in hundredths of a degree.
 */
const struct mc_border_ring *mc_borders_builtin(size_t *n, const int16_t **points);

/*
 * The rings of a country: a code as a country column gives it (any case, EL
 * for GR and UK for GB, through mc_country_canonical). Returns the first of
 * *n rings, or NULL (*n = 0) when the base map has no such country.
 * Time complexity: O(log n).
 */
const struct mc_border_ring *mc_borders_country(const char *code, size_t *n);

/* ==== Projections ==== */

enum mc_map_projection_kind { MC_MAP_EQUIRECT = 0, MC_MAP_LAEA };

struct mc_map_projection {
    enum mc_map_projection_kind kind;
    double lat0, lon0; /* centre, degrees */
};

/* EPSG:3035's centre: 52°N 10°E. */
#define MC_LAEA_EUROPE_LAT0 52.0
#define MC_LAEA_EUROPE_LON0 10.0

/* "Lambert azimuthal equal-area (EPSG:3035)" or "equirectangular". */
const char *mc_map_projection_name(const struct mc_map_projection *p);

/*
 * Projects (lat, lon) in degrees. False (x, y unset) for a point LAEA does
 * not show: more than 115° from the centre (cos < MC_LAEA_MIN_COS), where
 * shapes smear along the rim of the map (Antarctica, New Zealand from
 * Europe).
 */
#define MC_LAEA_MIN_COS (-0.42)

bool mc_map_project(const struct mc_map_projection *p, double lat, double lon, double *x,
                    double *y);

/* The inverse; false for a point outside the projection's disc (LAEA). */
bool mc_map_unproject(const struct mc_map_projection *p, double x, double y, double *lat,
                      double *lon);

/* Whether a point lies within 27°N-72°N, 32°W-45°E (EPSG:3035's area of use:
 * mainland Europe, its islands and Türkiye). */
bool mc_map_in_europe(double lat, double lon);

/*
 * Whether points lie in Europe, for the choice of LAEA: at least 90% of the
 * n points (NAN entries skipped; at least one left) in Europe
 * (mc_map_in_europe). The others, partners overseas, are pinned to the
 * map's edge (mc_map_pin).
 */
bool mc_map_is_europe(size_t n, const double *lat, const double *lon);

/*
 * The direction in which projection p shows (lat, lon) from its centre: a
 * unit vector, (0, 0) at the centre and its antipode. Defined also where
 * mc_map_project gives up (towards the antipode).
 */
void mc_map_direction(const struct mc_map_projection *p, double lat, double lon, double *dx,
                      double *dy);

/*
 * Pins a point that lies outside the box [x0, x1] x [y0, y1] (x0 <= x1, y0 <=
 * y1) to the box's edge: (*x, *y) becomes the point where the ray from the
 * box's centre in direction (dx, dy) leaves the box (the centre when the
 * direction is 0). A point inside the box stays. Returns whether it moved.
 */
bool mc_map_pin(double x0, double y0, double x1, double y1, double dx, double dy, double *x,
                double *y);

/* ==== The base map ==== */

/*
 * The country rings projected, those that meet the box [xmin, xmax] x
 * [ymin, ymax] (projected units) only: overseas territories and the rest of
 * the world far from the view are left out, and the renderer clips what is
 * left to its plot. `map` is the renderer's view of the arrays below.
 */
struct mc_basemap {
    struct mc_map map;
    size_t *part, *ring; /* offsets, see struct mc_map */
    double *x, *y;
    uint8_t *tint;
    double view[4]; /* map.view, when the caller sets it */
};

/*
 * Builds the base map for projection p and the box, the polygons of the n
 * countries `tint` (codes as mc_borders_country takes them: the data's
 * countries; unknown ones are skipped) tinted. Errors: MC_E_NOMEM.
 * Time complexity: O(points of the table + n log(rings)).
 */
enum mc_status mc_basemap_init(struct mc_basemap *bm, const struct mc_map_projection *p,
                               double xmin, double ymin, double xmax, double ymax,
                               const char *const *tint, size_t n, struct mc_error *err);
void mc_basemap_destroy(struct mc_basemap *bm);

#endif
