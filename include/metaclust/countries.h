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
#include <stddef.h>

#include "metaclust/error.h"

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

/*
 * Canonical ISO 3166-1 alpha-2 code for a country field: upper case, EL->GR,
 * UK->GB. Writes 2 letters + NUL into out[3]; false if not two ASCII letters.
 */
bool mc_country_canonical(const char *s, char out[3]);

/* ==== Country names ==== */

/*
 * The names a country column accepts besides ISO alpha-2 codes: English
 * names, the names in the languages of Europe, alpha-3 codes and common
 * variants, compiled from datasets/country-names.tsv (its source is named in
 * datasets/country-names.py: Debian's iso-codes list and its translations,
 * with variants added by hand).
 */
struct mc_country_name {
    const char *code; /* ISO alpha-2, upper case ("XK" for Kosovo) */
    const char *name; /* as written: "Česká republika" */
};

/* The built-in table (n entries). */
const struct mc_country_name *mc_country_names_builtin(size_t *n);

/*
 * A lookup index over the built-in names, matching by mc_utf8_match_key:
 * ignoring case, diacritics, blanks and punctuation ("ceska-republika" finds "Česká
 * republika"). Build it once per load: init costs O(n log n) for the n names.
 */
struct mc_country_index {
    struct mc_country_key *keys; /* sorted by key */
    size_t n;
    char *text; /* the keys' bytes */
};

enum mc_status mc_country_index_init(struct mc_country_index *ix, struct mc_error *err);
void mc_country_index_destroy(struct mc_country_index *ix);

/*
 * The canonical code for a country field: a two-letter code (any case; EL ->
 * GR, UK -> GB) or a name in the table. Writes 2 letters + NUL into out[3];
 * false when the field is neither. Time complexity: O(len + log n).
 */
bool mc_country_index_find(const struct mc_country_index *ix, const char *s, char out[3]);

/*
 * "did you mean" for a field that is no country: the up-to-3 countries whose
 * names are closest, as "'Slovakia' (SK) or 'Czechia' (CZ)", into out.
 * Returns how many were found (out is "" when none). Time complexity: O(n).
 */
size_t mc_country_index_suggest(const struct mc_country_index *ix, const char *s, char *out,
                                size_t outsz);

#endif
