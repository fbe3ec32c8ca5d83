#ifndef METACLUST_PALETTE_H
#define METACLUST_PALETTE_H

/*
 * The qualitative palette of every figure, and a stable assignment of its
 * colours to category keys (countries, sectors).
 *
 * Colours: the seven Okabe–Ito colours (Okabe & Ito 2008, "Color Universal
 * Design") followed by five of Paul Tol's "muted" scheme (Tol 2021, "Colour
 * Schemes", SRON/EPS/TN/09-002), ordered so that the first few are the most
 * distinct for all three common kinds of colour-vision deficiency. Categories
 * beyond the twelfth share one light grey, "other": more colours than that
 * cannot be told apart reliably by anyone.
 *
 * Stability: a palette assigns slot k to the k-th distinct key of an ordered
 * key list, so the same list gives the same colours in every figure. Callers
 * that draw several figures (batch) pass one list for all of them; render's
 * default list is the whole dataset's countries (or sectors) by decreasing
 * node count, so every sector of a dataset colours a country alike.
 */

#include <stddef.h>

#include "metaclust/error.h"
#include "metaclust/util.h"

#define MC_PALETTE_COLOURS 12
#define MC_PALETTE_OTHER   (-1) /* the slot of keys beyond the palette or unknown */

struct mc_rgb {
    double r, g, b; /* 0..1 */
};

/* Colour of a slot; any slot outside 0..MC_PALETTE_COLOURS-1 gives the "other" grey. */
struct mc_rgb mc_palette_colour(int slot);

/* "#rrggbb" of a slot (static storage). */
const char *mc_palette_hex(int slot);

struct mc_palette {
    struct mc_intern keys; /* key -> order of first appearance */
};

void mc_palette_init(struct mc_palette *p);
void mc_palette_destroy(struct mc_palette *p);

/*
 * Appends keys in order; a key already present keeps its slot. Keys are
 * compared exactly (callers canonicalise, e.g. country codes in upper case).
 * Errors: MC_E_NOMEM.
 */
enum mc_status mc_palette_add(struct mc_palette *p, const char *key, struct mc_error *err);

/*
 * Appends the keys of a comma-separated list ("DE,FR,IT"); blanks around keys
 * are ignored and empty keys skipped. Errors: MC_E_NOMEM.
 */
enum mc_status mc_palette_add_list(struct mc_palette *p, const char *list, struct mc_error *err);

/* Slot of a key: its rank while below MC_PALETTE_COLOURS, else MC_PALETTE_OTHER (also unknown
 * keys). */
int mc_palette_slot(const struct mc_palette *p, const char *key);

#endif
