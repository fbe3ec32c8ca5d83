#ifndef METACLUST_UTIL_H
#define METACLUST_UTIL_H

/*
 * Leaf helpers shared by every module: growable arrays, a string arena, an
 * interning hash table, number formatting and parsing, UTF-8 checks, "did you
 * mean" suggestions, and the process-wide interruption flag.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "metaclust/error.h"

#define MC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ==== Growable arrays ==== */

/*
 * Makes room for at least `need` elements of `elem` bytes in *p (capacity
 * *cap, grown geometrically). Returns MC_E_NOMEM (with a message) when the
 * size overflows or malloc fails; *p is left untouched then.
 */
enum mc_status mc_grow(void **p, size_t *cap, size_t need, size_t elem, struct mc_error *err);

/* a*b without overflow; false when it would overflow. */
bool mc_mul_ok(size_t a, size_t b, size_t *out);

/* ==== Sorting ==== */

/*
 * Sorts n int32 values ascending, in place: insertion sort for short arrays,
 * otherwise quicksort (median of three) that falls back to heapsort when it
 * recurses too deep. No callback and no allocation, so it is several times
 * faster than qsort() on the short lists the projection sorts by the million.
 * Time complexity: O(n log n) worst case.
 */
void mc_sort_i32(int32_t *a, size_t n);

/* ==== String arena ==== */

/*
 * Strings that live as long as their owner (a dataset): allocated from big
 * blocks, never freed one by one. `_add` copies `len` bytes and appends a NUL.
 */
struct mc_strpool {
    struct mc_strpool_block *head;
};

void mc_strpool_init(struct mc_strpool *sp);
void mc_strpool_destroy(struct mc_strpool *sp);
const char *mc_strpool_add(struct mc_strpool *sp, const char *s, size_t len, struct mc_error *err);

/* ==== Interning ==== */

/*
 * Maps strings to dense indices 0, 1, 2... in insertion order. Keys are
 * copied into the table's own arena. With `fold_case`, keys compare by their
 * mc_utf8_fold form (full Unicode case folding and NFC, so "STROJÍRENSTVÍ"
 * and "Strojírenství" are one key); the first spelling seen is kept as the
 * display key. Time complexity: O(len) expected per lookup.
 */
struct mc_intern {
    struct mc_strpool pool;
    const char **keys; /* index -> key, as first seen */
    uint32_t *lens;
    const char **fkeys; /* with fold_case: index -> folded key */
    uint32_t *flens;
    size_t n, cap;
    uint64_t *slots; /* open addressing: hash fingerprint | (index + 1); 0 = empty */
    size_t nslots;
    bool fold_case;
};

void mc_intern_init(struct mc_intern *in, bool fold_case);
void mc_intern_destroy(struct mc_intern *in);
/* Index of `s` or -1. */
long mc_intern_find(const struct mc_intern *in, const char *s, size_t len);
/* The key that index k is matched by: folded with fold_case, else the key. */
const char *mc_intern_folded(const struct mc_intern *in, size_t k);
/* Adds `s` if absent; *idx receives its index, *added (may be NULL) whether it is new. */
enum mc_status mc_intern_add(struct mc_intern *in, const char *s, size_t len, long *idx,
                             bool *added, struct mc_error *err);

/*
 * Writes `s` as XML/HTML text or attribute value: & < > " escaped, tab and line
 * breaks as character references, other control characters (which XML 1.0
 * forbids) as spaces.
 */
void mc_xml_escape(FILE *f, const char *s);

/* ==== Numbers ==== */

/*
 * Formats a double in the shortest form that reads back to the same value
 * ("%.15g" when that round-trips, else "%.17g"); NaN prints as "nan".
 * `buf` needs MC_REAL_BUFSZ bytes. Returns buf.
 */
#define MC_REAL_BUFSZ 32
char *mc_fmt_real(char *buf, double x);

/*
 * Parses a whole field as a finite double (leading/trailing blanks allowed).
 * Returns false for empty, partial, NaN or infinite input.
 */
bool mc_parse_real(const char *s, double *out);

/* Parses a whole field as a long in [lo, hi]. */
bool mc_parse_long(const char *s, long lo, long hi, long *out);

/* ==== Text ==== */

/* Byte offset of the first invalid UTF-8 sequence in s[0..len), or -1 if valid. */
long mc_utf8_invalid_at(const char *s, size_t len);

/*
 * The case-insensitive form of s[0..len): Unicode case folding then NFC
 * (glib's g_utf8_casefold and g_utf8_normalize); ASCII letters are lowered
 * without allocation inside. Text that is not UTF-8 folds ASCII letters only.
 * Returns a new string (free it) and its length in *outlen (may be NULL), or
 * NULL when out of memory.
 */
char *mc_utf8_fold(const char *s, size_t len, size_t *outlen);

/*
 * A name made safe for a file or folder name, readable in any language:
 * lower case, letters and digits only, runs of anything else one '-';
 * accents are dropped where a letter decomposes into a base letter and marks
 * ("Strojírenství" -> "strojirenstvi"), other letters stay as lower-case
 * UTF-8 ("Машиностроение" -> "машиностроение"). Never cuts a character;
 * writes at most n bytes with the NUL ("" when nothing is left).
 */
void mc_utf8_slug(const char *name, char *out, size_t n);

/* Equality of a NUL-terminated string with s[0..len) under mc_utf8_fold. */
bool mc_utf8_eq_fold(const char *a, const char *s, size_t len);

/* ASCII case-insensitive equality of a NUL-terminated string with s[0..len). */
bool mc_streq_fold(const char *a, const char *s, size_t len);

/*
 * Display width of UTF-8 text in a terminal: wide (East Asian) characters
 * count 2, combining and zero-width ones 0 (g_unichar_iswide,
 * g_unichar_iszerowidth); a byte that is not UTF-8 counts 1.
 */
size_t mc_utf8_width(const char *s);

/*
 * Writes s as a left-aligned table cell `width` display columns wide, padded
 * with spaces. Text that is wider is cut at a character boundary and ends in
 * "…" when `cut`, else written whole (ids, which must stay whole). Returns
 * false on a write error.
 */
bool mc_fput_cell(FILE *f, const char *s, size_t width, bool cut);

/*
 * The loose matching key of a name: case folded, without diacritics (NFKD
 * marks dropped; ł, ø, đ, ı, æ, œ, þ, ħ as their plain letters), blanks and
 * punctuation: "Česká  Republika" -> "ceskarepublika". A new string (free
 * it), "" for text that is not UTF-8, NULL when out of memory.
 */
char *mc_utf8_match_key(const char *s);

/* Writes "'a', 'b', 'c'" (n names, quoted) into buf, truncated with "...". */
void mc_quote_list(const char *const *names, size_t n, char *buf, size_t bufsz);

/* Trims ASCII blanks in place on both ends; returns the new start. */
char *mc_trim(char *s);

/*
 * Levenshtein distance, capped: returns `cap`+1 as soon as the distance is
 * known to exceed `cap`. ASCII case is ignored.
 */
size_t mc_edit_distance(const char *a, const char *b, size_t cap);

/*
 * "did you mean" helper: the up-to-`max` candidates closest to `query`
 * (edit distance at most max(2, len/3); a candidate that contains the query or
 * has it as prefix also qualifies; only those at the smallest distance found
 * are kept), written into `out` as
 * "'a', 'b' or 'c'". Returns the number found; out is "" when none.
 * get(i, ctx) yields candidate i of n.
 */
size_t mc_suggest(const char *query, size_t n, const char *(*get)(size_t i, void *ctx), void *ctx,
                  size_t max, char *out, size_t outsz);

/*
 * Inserts candidate i at distance d into a shortlist sorted by distance
 * (idx, dist: *n entries, at most max); ties keep insertion order.
 */
void mc_shortlist_add(size_t *idx, size_t *dist, size_t *n, size_t max, size_t i, size_t d);

/* ==== Interruption ==== */

/*
 * The one process-wide flag set by the SIGINT/SIGTERM handler that main()
 * installs. Long loops poll it and return MC_E_INTERRUPTED.
 */
bool mc_interrupted(void);
void mc_interrupt_request(int signo);
/* The signal that interrupted us (SIGINT or SIGTERM), 0 if none. */
int mc_interrupt_signal(void);

/* Splitmix64: a tiny deterministic hash/PRNG step used to derive seeds. */
uint64_t mc_mix64(uint64_t x);

/* Seconds on the monotonic clock: for timings and progress. */
double mc_now(void);

/*
 * SOURCE_DATE_EPOCH (the reproducible-builds convention) when it is set to a
 * whole number of seconds in [0, 253402300799] (up to year 9999): true and
 * the value in *out. False, *out untouched, when unset or malformed.
 */
bool mc_source_date_epoch(long long *out);

#endif
