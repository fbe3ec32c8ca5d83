#include "metaclust/util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

/* ==== Growable arrays ==== */

bool mc_mul_ok(size_t a, size_t b, size_t *out) {
    if (a != 0 && b > SIZE_MAX / a) {
        return false;
    }
    *out = a * b;
    return true;
}

enum mc_status mc_grow(void **p, size_t *cap, size_t need, size_t elem, struct mc_error *err) {
    if (need <= *cap) {
        return MC_OK;
    }
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) {
            ncap = need;
            break;
        }
        ncap *= 2;
    }
    size_t bytes;
    if (!mc_mul_ok(ncap, elem, &bytes)) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (array of %zu items)", need);
    }
    void *q = realloc(*p, bytes);
    if (q == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (%zu bytes)", bytes);
    }
    *p = q;
    *cap = ncap;
    return MC_OK;
}

/* ==== Sorting ==== */

static void insertion_i32(int32_t *a, size_t n) {
    for (size_t i = 1; i < n; i++) {
        int32_t x = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > x) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
}

static void sift_down_i32(int32_t *a, size_t root, size_t n) {
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n) {
            return;
        }
        if (child + 1 < n && a[child + 1] > a[child]) {
            child++;
        }
        if (a[root] >= a[child]) {
            return;
        }
        int32_t t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

static void heapsort_i32(int32_t *a, size_t n) {
    for (size_t i = n / 2; i-- > 0;) {
        sift_down_i32(a, i, n);
    }
    for (size_t end = n; end-- > 1;) {
        int32_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down_i32(a, 0, end);
    }
}

static void introsort_i32(int32_t *a, size_t n, unsigned depth) {
    while (n > 16) {
        if (depth-- == 0) {
            heapsort_i32(a, n);
            return;
        }
        int32_t x = a[0], y = a[n / 2], z = a[n - 1];
        int32_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i >= j) {
                break;
            }
            int32_t t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
        }
        /* [0, j] <= pivot <= [j + 1, n): recurse into the smaller part, loop on the larger */
        size_t left = j + 1;
        if (left >= n) {
            heapsort_i32(a, n); /* cannot happen with a median pivot; never loop forever */
            return;
        }
        if (left < n - left) {
            introsort_i32(a, left, depth);
            a += left;
            n -= left;
        } else {
            introsort_i32(a + left, n - left, depth);
            n = left;
        }
    }
    insertion_i32(a, n);
}

void mc_sort_i32(int32_t *a, size_t n) {
    unsigned depth = 0;
    for (size_t k = n; k > 1; k >>= 1) {
        depth += 2;
    }
    introsort_i32(a, n, depth);
}

/* ==== String arena ==== */

struct mc_strpool_block {
    struct mc_strpool_block *next;
    size_t used, size;
    char data[];
};

#define POOL_BLOCK (256 * 1024)

void mc_strpool_init(struct mc_strpool *sp) {
    sp->head = NULL;
}

void mc_strpool_destroy(struct mc_strpool *sp) {
    struct mc_strpool_block *b = sp->head;
    while (b != NULL) {
        struct mc_strpool_block *next = b->next;
        free(b);
        b = next;
    }
    sp->head = NULL;
}

const char *mc_strpool_add(struct mc_strpool *sp, const char *s, size_t len, struct mc_error *err) {
    struct mc_strpool_block *b = sp->head;
    if (len == SIZE_MAX) {
        mc_error_set(err, MC_E_NOMEM, NULL, 0, "string too long");
        return NULL;
    }
    if (b == NULL || b->size - b->used < len + 1) {
        size_t size = len + 1 > POOL_BLOCK / 4 ? len + 1 : POOL_BLOCK;
        struct mc_strpool_block *nb = malloc(sizeof *nb + size);
        if (nb == NULL) {
            mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (string arena)");
            return NULL;
        }
        nb->used = 0;
        nb->size = size;
        if (size == POOL_BLOCK || b == NULL) {
            nb->next = b;
            sp->head = nb;
        } else {
            /* an oversized string gets its own block behind the current one */
            nb->next = b->next;
            b->next = nb;
        }
        b = nb;
    }
    char *dst = b->data + b->used;
    if (len > 0) {
        memcpy(dst, s, len);
    }
    dst[len] = '\0';
    b->used += len + 1;
    return dst;
}

/* ==== Unicode case folding ==== */

/*
 * A folded key: in `buf` when the text is short ASCII (the common case, no
 * allocation), else in `heap` (glib's, g_free).
 */
struct fold {
    char buf[128];
    char *heap;
    const char *s;
    size_t len;
};

static void fold_key(struct fold *f, const char *s, size_t len) {
    bool ascii = true;
    for (size_t i = 0; i < len && ascii; i++) {
        ascii = (unsigned char)s[i] < 0x80;
    }
    f->heap = NULL;
    if (!ascii && g_utf8_validate(s, (gssize)len, NULL)) {
        /* casefold, then NFC: composed and decomposed accents compare equal */
        char *cf = g_utf8_casefold(s, (gssize)len);
        f->heap = cf ? g_utf8_normalize(cf, -1, G_NORMALIZE_NFC) : NULL;
        g_free(cf);
    }
    if (f->heap != NULL) {
        f->s = f->heap;
        f->len = strlen(f->heap);
        return;
    }
    /* ASCII, or bytes that are not UTF-8: ASCII letters only */
    char *dst = len < sizeof f->buf ? f->buf : (f->heap = g_malloc(len + 1));
    for (size_t i = 0; i < len; i++) {
        dst[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
    }
    dst[len] = '\0';
    f->s = dst;
    f->len = len;
}

static void fold_done(struct fold *f) {
    g_free(f->heap);
}

char *mc_utf8_fold(const char *s, size_t len, size_t *outlen) {
    struct fold f;
    fold_key(&f, s, len);
    char *out = malloc(f.len + 1);
    if (out != NULL) {
        memcpy(out, f.s, f.len + 1);
        if (outlen != NULL) {
            *outlen = f.len;
        }
    }
    fold_done(&f);
    return out;
}

/*
 * Appends the slug form of character c to out[*o] (room for n bytes with the
 * NUL): ASCII letters and digits lowered, other letters lowered with their
 * accents dropped (NFD base), or kept whole when the base is no Latin letter.
 * Returns 0 for a character that is no letter or digit, 1 when appended, 2
 * when out is full.
 */
static int slug_char(gunichar c, char *out, size_t *o, size_t n, bool dash) {
    gunichar base = c;
    gunichar d[8];
    gsize nd = c >= 0x80 ? g_unichar_fully_decompose(c, FALSE, d, 8) : 0;
    if (nd > 0) {
        base = d[0];
    }
    if (!g_unichar_isalnum(base)) {
        return 0;
    }
    char enc[8];
    int len = g_unichar_to_utf8(g_unichar_tolower(base), enc);
    if (*o + (size_t)len + (dash ? 1 : 0) + 1 > n) {
        return 2; /* no room: the slug ends here, on a whole character */
    }
    if (dash) {
        out[(*o)++] = '-';
    }
    memcpy(out + *o, enc, (size_t)len);
    *o += (size_t)len;
    return 1;
}

void mc_utf8_slug(const char *name, char *out, size_t n) {
    size_t o = 0, len = strlen(name);
    bool dash = false;
    if (n == 0) {
        return;
    }
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)name[i];
        gunichar c = b;
        size_t step = 1;
        if (b >= 0x80) {
            c = g_utf8_get_char_validated(name + i, (gssize)(len - i));
            if (c == (gunichar)-1 || c == (gunichar)-2) {
                c = ' '; /* not UTF-8: a separator */
            } else {
                step = (size_t)(g_utf8_next_char(name + i) - (name + i));
            }
        }
        if (g_unichar_ismark(c)) {
            i += step; /* a combining accent: dropped with its letter's */
            continue;
        }
        int r = slug_char(c, out, &o, n, dash && o > 0);
        if (r == 2) {
            break;
        }
        dash = r == 0;
        i += step;
    }
    out[o] = '\0';
}

bool mc_utf8_eq_fold(const char *a, const char *b, size_t blen) {
    struct fold fa, fb;
    fold_key(&fa, a, strlen(a));
    fold_key(&fb, b, blen);
    bool eq = fa.len == fb.len && memcmp(fa.s, fb.s, fa.len) == 0;
    fold_done(&fa);
    fold_done(&fb);
    return eq;
}

/* ==== Interning ==== */

/*
 * Hash of a key, mixed eight bytes at a time. Case-folded tables hash the
 * folded key (see fold_key).
 */
static uint64_t hash_bytes(const char *s, size_t len) {
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)len;
    uint64_t w = 0;
    if (len >= 8) {
        size_t i = 0;
        for (; i + 8 < len; i += 8) {
            memcpy(&w, s + i, 8);
            h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
            h ^= h >> 31;
        }
        memcpy(&w, s + len - 8, 8); /* the last eight bytes, overlapping */
    } else {
        for (size_t i = 0; i < len; i++) {
            w = (w << 8) | (unsigned char)s[i];
        }
    }
    return mc_mix64(h ^ w);
}

static bool key_eq(const char *a, size_t alen, const char *b, size_t blen, bool fold) {
    if (alen != blen) {
        return false;
    }
    if (!fold) {
        if (alen < 8) {
            return memcmp(a, b, alen) == 0;
        }
        uint64_t x, y;
        for (size_t i = 0; i + 8 < alen; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y) {
                return false;
            }
        }
        memcpy(&x, a + alen - 8, 8); /* the last eight bytes, overlapping */
        memcpy(&y, b + alen - 8, 8);
        return x == y;
    }
    for (size_t i = 0; i < alen; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z') {
            x = (unsigned char)(x + 32);
        }
        if (y >= 'A' && y <= 'Z') {
            y = (unsigned char)(y + 32);
        }
        if (x != y) {
            return false;
        }
    }
    return true;
}

/*
 * A slot holds a fingerprint in its high 32 bits (24 bits of the hash and the
 * key length, saturated at 255) and the key's index + 1 in its low 32 bits
 * (0 is an empty slot). A probe reads a key only when the fingerprints agree,
 * so a lookup touches the slot array and the key's bytes about once each.
 * The table is kept at most 70% full.
 */
static inline uint64_t slot_tag(uint64_t h) {
    return h & 0xffffffff00000000ULL;
}

static inline size_t slot_index(uint64_t sl) {
    return (size_t)(sl & 0xffffffffULL) - 1;
}

static uint64_t fingerprint(uint64_t h, size_t len) {
    return (h & 0xffffff0000000000ULL) | ((uint64_t)(len < 255 ? len : 255) << 32) |
           (h & 0xffffffffULL);
}

void mc_intern_init(struct mc_intern *in, bool fold_case) {
    memset(in, 0, sizeof *in);
    mc_strpool_init(&in->pool);
    in->fold_case = fold_case;
}

void mc_intern_destroy(struct mc_intern *in) {
    mc_strpool_destroy(&in->pool);
    free(in->keys);
    free(in->lens);
    free(in->fkeys);
    free(in->flens);
    free(in->slots);
    bool fold = in->fold_case;
    memset(in, 0, sizeof *in);
    in->fold_case = fold;
}

static long find_hashed(const struct mc_intern *in, const char *s, size_t len, uint64_t h) {
    if (in->nslots == 0) {
        return -1;
    }
    size_t mask = in->nslots - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint64_t sl = in->slots[i];
        if (sl == 0) {
            return -1;
        }
        if (slot_tag(sl) == slot_tag(h)) {
            size_t k = slot_index(sl);
            const char *key = in->fold_case ? in->fkeys[k] : in->keys[k];
            uint32_t klen = in->fold_case ? in->flens[k] : in->lens[k];
            /* equal fingerprints imply equal lengths below 255 */
            if ((len < 255 || klen == len) && key_eq(key, len, s, len, false)) {
                return (long)k;
            }
        }
    }
}

long mc_intern_find(const struct mc_intern *in, const char *s, size_t len) {
    if (!in->fold_case) {
        return find_hashed(in, s, len, fingerprint(hash_bytes(s, len), len));
    }
    struct fold f;
    fold_key(&f, s, len);
    long k = find_hashed(in, f.s, f.len, fingerprint(hash_bytes(f.s, f.len), f.len));
    fold_done(&f);
    return k;
}

const char *mc_intern_folded(const struct mc_intern *in, size_t k) {
    return in->fold_case ? in->fkeys[k] : in->keys[k];
}

static void place(uint64_t *slots, size_t mask, uint64_t h, size_t k) {
    size_t i = (size_t)h & mask;
    while (slots[i] != 0) {
        i = (i + 1) & mask;
    }
    slots[i] = slot_tag(h) | ((uint64_t)k + 1);
}

static enum mc_status rehash(struct mc_intern *in, size_t nslots, struct mc_error *err) {
    uint64_t *slots = calloc(nslots, sizeof *slots);
    if (slots == NULL) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (hash table)");
    }
    for (size_t k = 0; k < in->n; k++) {
        const char *key = mc_intern_folded(in, k);
        uint32_t klen = in->fold_case ? in->flens[k] : in->lens[k];
        place(slots, nslots - 1, fingerprint(hash_bytes(key, klen), klen), k);
    }
    free(in->slots);
    in->slots = slots;
    in->nslots = nslots;
    return MC_OK;
}

static enum mc_status intern_add(struct mc_intern *in, const char *s, size_t len, const char *key,
                                 size_t klen, long *idx, bool *added, struct mc_error *err) {
    uint64_t h = fingerprint(hash_bytes(key, klen), klen);
    long k = find_hashed(in, key, klen, h);
    if (added) {
        *added = k < 0;
    }
    if (k >= 0) {
        *idx = k;
        return MC_OK;
    }
    if (in->n >= INT32_MAX - 1 || len > UINT32_MAX || klen > UINT32_MAX) {
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "too many distinct ids");
    }
    enum mc_status rc;
    if ((in->n + 1) * 10 > in->nslots * 7) {
        rc = rehash(in, in->nslots ? in->nslots * 2 : 64, err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    if (in->n + 1 > in->cap) {
        size_t c1 = in->cap, c2 = in->cap, c3 = in->cap, c4 = in->cap;
        rc = mc_grow((void **)&in->keys, &c1, in->n + 1, sizeof *in->keys, err);
        if (rc == MC_OK) {
            rc = mc_grow((void **)&in->lens, &c2, in->n + 1, sizeof *in->lens, err);
        }
        if (rc == MC_OK && in->fold_case) {
            rc = mc_grow((void **)&in->fkeys, &c3, in->n + 1, sizeof *in->fkeys, err);
        }
        if (rc == MC_OK && in->fold_case) {
            rc = mc_grow((void **)&in->flens, &c4, in->n + 1, sizeof *in->flens, err);
        }
        if (rc != MC_OK) {
            return rc;
        }
        in->cap = c1 < c2 ? c1 : c2;
        if (in->fold_case) {
            in->cap = in->cap < c3 ? in->cap : c3;
            in->cap = in->cap < c4 ? in->cap : c4;
        }
    }
    const char *copy = mc_strpool_add(&in->pool, s, len, err);
    const char *fcopy =
        !in->fold_case || copy == NULL ? copy : mc_strpool_add(&in->pool, key, klen, err);
    if (fcopy == NULL) {
        return MC_E_NOMEM;
    }
    k = (long)in->n++;
    in->keys[k] = copy;
    in->lens[k] = (uint32_t)len;
    if (in->fold_case) {
        in->fkeys[k] = fcopy;
        in->flens[k] = (uint32_t)klen;
    }
    place(in->slots, in->nslots - 1, h, (size_t)k);
    *idx = k;
    return MC_OK;
}

enum mc_status mc_intern_add(struct mc_intern *in, const char *s, size_t len, long *idx,
                             bool *added, struct mc_error *err) {
    if (!in->fold_case) {
        return intern_add(in, s, len, s, len, idx, added, err);
    }
    struct fold f;
    fold_key(&f, s, len);
    enum mc_status rc = intern_add(in, s, len, f.s, f.len, idx, added, err);
    fold_done(&f);
    return rc;
}

/* ==== Numbers ==== */

void mc_xml_escape(FILE *f, const char *s) {
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        switch (ch) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\t':
        case '\n':
        case '\r':
            fprintf(f, "&#%d;", ch);
            break;
        default:
            fputc(ch < 0x20 ? ' ' : ch, f);
        }
    }
}

char *mc_fmt_real(char *buf, double x) {
    if (isnan(x)) {
        strcpy(buf, "nan");
        return buf;
    }
    if (isinf(x)) {
        strcpy(buf, x > 0 ? "inf" : "-inf");
        return buf;
    }
    if (x == 0) {
        strcpy(buf, "0"); /* also folds -0 */
        return buf;
    }
    snprintf(buf, MC_REAL_BUFSZ, "%.15g", x);
    if (strtod(buf, NULL) != x) {
        snprintf(buf, MC_REAL_BUFSZ, "%.17g", x);
    }
    return buf;
}

bool mc_parse_real(const char *s, double *out) {
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    if (*s == '\0') {
        return false;
    }
    /* strtod accepts "nan", "inf" and hex floats; data files never mean those */
    for (const char *p = s; *p; p++) {
        if (!(isdigit((unsigned char)*p) || *p == '.' || *p == '-' || *p == '+' || *p == 'e' ||
              *p == 'E' || *p == ' ' || *p == '\t')) {
            return false;
        }
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno == ERANGE) {
        return false;
    }
    while (*end == ' ' || *end == '\t') {
        end++;
    }
    if (*end != '\0' || !isfinite(v)) {
        return false;
    }
    *out = v;
    return true;
}

bool mc_parse_long(const char *s, long lo, long hi, long *out) {
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    if (*s == '\0') {
        return false;
    }
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || errno == ERANGE) {
        return false;
    }
    while (*end == ' ' || *end == '\t') {
        end++;
    }
    if (*end != '\0' || v < lo || v > hi) {
        return false;
    }
    *out = v;
    return true;
}

/* ==== Text ==== */

long mc_utf8_invalid_at(const char *str, size_t len) {
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            /* ASCII runs, eight bytes at a time */
            while (len - i >= 8) {
                uint64_t w;
                memcpy(&w, s + i, 8);
                if ((w & 0x8080808080808080ULL) != 0) {
                    break;
                }
                i += 8;
            }
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return (long)i;
        }
        if (len - i <= n) {
            return (long)i;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xc0) != 0x80) {
                return (long)i;
            }
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff)) {
            return (long)i;
        }
        i += n + 1;
    }
    return -1;
}

bool mc_streq_fold(const char *a, const char *s, size_t len) {
    return strlen(a) == len && key_eq(a, len, s, len, true);
}

size_t mc_utf8_width(const char *s) {
    size_t w = 0;
    for (const char *p = s; *p;) {
        unsigned char b = (unsigned char)*p;
        if (b < 0x80) {
            w++;
            p++;
            continue;
        }
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            w++; /* a stray byte: shown as one replacement character */
            p++;
            continue;
        }
        w += g_unichar_iszerowidth(c) ? 0 : g_unichar_iswide(c) ? 2 : 1;
        p = g_utf8_next_char(p);
    }
    return w;
}

bool mc_fput_cell(FILE *f, const char *s, size_t width, bool cut) {
    size_t w = mc_utf8_width(s);
    if (w <= width || !cut || width == 0) {
        if (fputs(s, f) == EOF) {
            return false;
        }
    } else {
        /* whole characters up to width - 1 columns, then the ellipsis */
        size_t used = 0;
        const char *p = s, *end = s;
        while (*p) {
            gunichar c = g_utf8_get_char_validated(p, -1);
            bool bad = c == (gunichar)-1 || c == (gunichar)-2;
            size_t cw = bad ? 1 : g_unichar_iszerowidth(c) ? 0 : g_unichar_iswide(c) ? 2 : 1;
            if (used + cw > width - 1) {
                break;
            }
            used += cw;
            p = bad ? p + 1 : g_utf8_next_char(p);
            end = p;
        }
        if (fwrite(s, 1, (size_t)(end - s), f) != (size_t)(end - s) ||
            fputs("\xe2\x80\xa6", f) == EOF) { /* … */
            return false;
        }
        w = used + 1;
    }
    for (; w < width; w++) {
        if (fputc(' ', f) == EOF) {
            return false;
        }
    }
    return true;
}

/* Letters without a decomposition that a reader takes for a plain one. */
static const char *plain_letter(gunichar c) {
    switch (c) {
    case 0x0142: /* ł */
        return "l";
    case 0x00F8: /* ø */
        return "o";
    case 0x0111: /* đ */
        return "d";
    case 0x0131: /* dotless ı */
        return "i";
    case 0x00E6: /* æ */
        return "ae";
    case 0x0153: /* œ */
        return "oe";
    case 0x00FE: /* þ */
        return "th";
    case 0x0127: /* ħ */
        return "h";
    default:
        return NULL;
    }
}

char *mc_utf8_match_key(const char *s) {
    size_t len = strlen(s);
    bool ascii = true;
    for (size_t i = 0; i < len; i++) {
        ascii = ascii && (unsigned char)s[i] < 0x80;
    }
    if (ascii) {
        char *k = malloc(len + 1), *w = k;
        if (k == NULL) {
            return NULL;
        }
        for (size_t i = 0; i < len; i++) {
            if (isalnum((unsigned char)s[i])) {
                *w++ = (char)tolower((unsigned char)s[i]);
            }
        }
        *w = '\0';
        return k;
    }
    if (!g_utf8_validate(s, (gssize)len, NULL)) {
        return strdup("");
    }
    /* NFKD splits letters from their accents; the accents (marks) are then dropped */
    char *folded = g_utf8_casefold(s, (gssize)len);
    char *d = folded ? g_utf8_normalize(folded, -1, G_NORMALIZE_NFKD) : NULL;
    g_free(folded);
    if (d == NULL) {
        return NULL;
    }
    char *k = malloc(2 * strlen(d) + 1), *w = k;
    if (k != NULL) {
        for (const char *p = d; *p; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            const char *plain = plain_letter(c);
            if (plain != NULL) {
                w = stpcpy(w, plain);
            } else if (g_unichar_isalnum(c) && g_unichar_type(c) != G_UNICODE_NON_SPACING_MARK) {
                w += g_unichar_to_utf8(c, w);
            }
        }
        *w = '\0';
    }
    g_free(d);
    return k;
}

void mc_quote_list(const char *const *names, size_t n, char *buf, size_t bufsz) {
    size_t off = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(buf + off, bufsz - off, "%s'%s'", i ? ", " : "", names[i]);
        if (w < 0 || (size_t)w >= bufsz - off) {
            if (bufsz > 4) {
                strcpy(buf + bufsz - 4, "...");
            }
            return;
        }
        off += (size_t)w;
    }
}

char *mc_trim(char *s) {
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
        s[--n] = '\0';
    }
    return s;
}

size_t mc_edit_distance(const char *a, const char *b, size_t cap) {
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > cap) {
        return cap + 1;
    }
    if (la > 256 || lb > 256) {
        return cap + 1;
    }
    size_t prev[257], cur[257];
    for (size_t j = 0; j <= lb; j++) {
        prev[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t rowmin = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            size_t d = prev[j - 1] + (ca != cb);
            if (prev[j] + 1 < d) {
                d = prev[j] + 1;
            }
            if (cur[j - 1] + 1 < d) {
                d = cur[j - 1] + 1;
            }
            cur[j] = d;
            if (d < rowmin) {
                rowmin = d;
            }
        }
        if (rowmin > cap) {
            return cap + 1;
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

static bool contains_fold(const char *hay, const char *needle) {
    size_t ln = strlen(needle), lh = strlen(hay);
    if (ln == 0 || ln > lh) {
        return false;
    }
    for (size_t i = 0; i + ln <= lh; i++) {
        if (key_eq(hay + i, ln, needle, ln, true)) {
            return true;
        }
    }
    return false;
}

void mc_shortlist_add(size_t *idx, size_t *dist, size_t *n, size_t max, size_t i, size_t d) {
    size_t pos = *n;
    while (pos > 0 && dist[pos - 1] > d) {
        pos--;
    }
    if (pos >= max) {
        return;
    }
    size_t last = *n < max ? *n : max - 1;
    for (size_t k = last; k > pos; k--) {
        idx[k] = idx[k - 1];
        dist[k] = dist[k - 1];
    }
    idx[pos] = i;
    dist[pos] = d;
    if (*n < max) {
        (*n)++;
    }
}

size_t mc_suggest(const char *query, size_t n, const char *(*get)(size_t i, void *ctx), void *ctx,
                  size_t max, char *out, size_t outsz) {
    enum { MAXS = 8 };
    size_t best_i[MAXS], best_d[MAXS], nb = 0;
    size_t ql = strlen(query);
    size_t cap = ql / 3 > 2 ? ql / 3 : 2;
    if (max > MAXS) {
        max = MAXS;
    }
    if (outsz > 0) {
        out[0] = '\0';
    }
    for (size_t i = 0; i < n; i++) {
        const char *c = get(i, ctx);
        size_t d = mc_edit_distance(query, c, cap);
        if (d > cap && ql >= 2 && contains_fold(c, query)) {
            d = cap; /* a longer name that contains the query is a fair guess */
        }
        if (d > cap) {
            continue;
        }
        mc_shortlist_add(best_i, best_d, &nb, max, i, d);
    }
    /* only the closest: candidates further than the best one are noise */
    while (nb > 1 && best_d[nb - 1] > best_d[0]) {
        nb--;
    }
    size_t off = 0;
    for (size_t k = 0; k < nb && off < outsz; k++) {
        const char *sep = k == 0 ? "" : (k + 1 == nb ? " or " : ", ");
        int w = snprintf(out + off, outsz - off, "%s'%s'", sep, get(best_i[k], ctx));
        if (w < 0) {
            break;
        }
        off += (size_t)w;
    }
    return nb;
}

/* ==== Interruption ==== */

static volatile sig_atomic_t interrupt_signal;

bool mc_interrupted(void) {
    return interrupt_signal != 0;
}

void mc_interrupt_request(int signo) {
    interrupt_signal = signo ? signo : SIGINT;
}

int mc_interrupt_signal(void) {
    return (int)interrupt_signal;
}

uint64_t mc_mix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

bool mc_source_date_epoch(long long *out) {
    const char *s = getenv("SOURCE_DATE_EPOCH");
    long v;
    if (s == NULL || !mc_parse_long(s, 0, 253402300799L, &v)) {
        return false;
    }
    *out = v;
    return true;
}

double mc_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
