#ifndef METACLUST_COUNTRIES_H
#define METACLUST_COUNTRIES_H

/*
 * A built-in table of countries: ISO 3166-1 alpha-2 code, short English
 * name, and an approximate geographic centre (latitude, longitude in decimal
 * degrees). Figures use it for legend names and to anchor countries whose
 * nodes carry no coordinates (`render --layout country|geo`).
 *
 * Source of the centres: Google's DSPL canonical "countries.csv"
 * (developers.google.com/public-data/docs/canonical/countries_csv, CC BY 4.0),
 * with current short names (Czechia, North Macedonia, Eswatini, Türkiye) and
 * BQ, CW and UM added by hand. The centres are good to a degree or so: enough
 * to place a country on a map, not to measure distances.
 */

#include <stdbool.h>

struct mc_country_info {
    const char *code; /* "DE" */
    double lat, lon;
    const char *name; /* "Germany" */
};

/*
 * The entry for a code (upper-case ISO alpha-2; EL and UK are also found, as
 * GR and GB), or NULL. Time complexity: O(log n).
 */
const struct mc_country_info *mc_country_find(const char *code);

#endif
