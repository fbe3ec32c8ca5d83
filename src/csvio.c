#include "metaclust/csvio.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "metaclust/util.h"

#define CHUNK               (256 * 1024)
#define DEFAULT_MAX_FIELD   (1024 * 1024)
#define DEFAULT_MAX_COLUMNS 4096

struct reader {
    const char *path;
    struct csv_parser p;
    mc_csv_record_fn fn;
    void *ctx;
    struct mc_error *err;
    enum mc_status rc; /* sticky: once set, the callbacks do nothing */

    char *text; /* field bytes of the current record, NUL-separated */
    size_t tlen, tcap;
    size_t *off, *lens; /* per field */
    size_t nf, cap_off, cap_lens;
    char **fields;
    size_t cap_fields;

    long line;     /* physical line of the bytes being fed */
    long rec_line; /* line where the current record started, 0 = none yet */
    long record;   /* records delivered; the header is 1 */
    size_t ncols;  /* fields in the header */
    size_t nused;  /* the header's fields up to its last non-empty name */
    struct mc_csv_skipped skipped;
    size_t max_field, max_cols;
    bool check_utf8; /* false while every byte read so far is ASCII */
    char **header;   /* copy of the header names, for messages */
};

static const char *column_name(const struct reader *r, size_t i) {
    if (r->header != NULL && i < r->ncols) {
        return r->header[i];
    }
    return "";
}

static void field_too_long(struct reader *r, long line) {
    const char *col = column_name(r, r->nf);
    r->rc = mc_error_setc(r->err, MC_E_DATA, r->path, line, (long)r->nf + 1,
                          "field longer than %zu bytes%s%s%s", r->max_field,
                          *col ? " in column '" : "", col, *col ? "'" : "");
}

/*
 * After gzread() returned 0 or -1: true, with the error recorded, when the
 * stream is damaged or unreadable. zlib's message loses the "<fd:N>: " it
 * prefixes for gzdopen'ed files.
 */
static bool gz_failed(gzFile gz, struct reader *r) {
    int zerr;
    const char *why = gzerror(gz, &zerr);
    if (why != NULL && why[0] == '<' && strstr(why, ">: ") != NULL) {
        why = strstr(why, ">: ") + 3;
    }
    if (why == NULL || *why == '\0') {
        why = "corrupt data";
    }
    if (zerr == Z_OK || zerr == Z_STREAM_END) {
        return false;
    }
    if (zerr == Z_ERRNO) {
        r->rc = mc_error_set(r->err, MC_E_IO, r->path, 0, "read error: %s", strerror(errno));
    } else if (zerr == Z_BUF_ERROR) {
        r->rc = mc_error_set(r->err, MC_E_DATA, r->path, 0, "truncated gzip file (%s)", why);
    } else {
        r->rc = mc_error_set(r->err, MC_E_DATA, r->path, 0, "corrupt gzip data: %s", why);
    }
    return true;
}

static void on_field(void *s, size_t len, void *data) {
    struct reader *r = data;
    if (r->rc != MC_OK) {
        return;
    }
    if (r->rec_line == 0) {
        r->rec_line = r->line;
    }
    if (r->nf >= r->max_cols) {
        r->rc = mc_error_set(r->err, MC_E_DATA, r->path, r->rec_line,
                             "more than %zu columns; is this a CSV file?", r->max_cols);
        return;
    }
    if (len > r->max_field) {
        field_too_long(r, r->line);
        return;
    }
    long bad = r->check_utf8 ? mc_utf8_invalid_at(s, len) : -1;
    if (bad >= 0) {
        const char *col = column_name(r, r->nf);
        r->rc = mc_error_setc(r->err, MC_E_DATA, r->path, r->line, (long)r->nf + 1,
                              "invalid UTF-8 (byte 0x%02X)%s%s%s; save the file as UTF-8",
                              (unsigned)((const unsigned char *)s)[bad], *col ? " in column '" : "",
                              col, *col ? "'" : "");
        return;
    }
    enum mc_status rc = MC_OK;
    if (r->tlen + len + 1 > r->tcap) {
        rc = mc_grow((void **)&r->text, &r->tcap, r->tlen + len + 1, 1, r->err);
    }
    if (rc == MC_OK && r->nf + 1 > r->cap_off) {
        rc = mc_grow((void **)&r->off, &r->cap_off, r->nf + 1, sizeof *r->off, r->err);
    }
    if (rc == MC_OK && r->nf + 1 > r->cap_lens) {
        rc = mc_grow((void **)&r->lens, &r->cap_lens, r->nf + 1, sizeof *r->lens, r->err);
    }
    if (rc != MC_OK) {
        r->rc = rc;
        return;
    }
    if (len > 0) {
        memcpy(r->text + r->tlen, s, len);
    }
    r->text[r->tlen + len] = '\0';
    r->off[r->nf] = r->tlen;
    r->lens[r->nf] = len;
    r->tlen += len + 1;
    r->nf++;
}

static void reset_record(struct reader *r) {
    r->nf = 0;
    r->tlen = 0;
    r->rec_line = 0;
}

static bool all_empty(const struct reader *r) {
    for (size_t i = 0; i < r->nf; i++) {
        if (r->lens[i] > 0) {
            return false;
        }
    }
    return true;
}

/* Keeps the header's names, for messages, and finds its empty trailing columns. */
static void take_header(struct reader *r) {
    r->ncols = r->nf;
    r->nused = r->nf;
    while (r->nused > 0 && r->lens[r->nused - 1] == 0) {
        r->nused--;
    }
    r->skipped.columns = r->ncols - r->nused;
    r->header = calloc(r->nf, sizeof *r->header);
    if (r->header == NULL) {
        r->rc = mc_error_set(r->err, MC_E_NOMEM, r->path, 0, "out of memory");
        return;
    }
    for (size_t i = 0; i < r->nf; i++) {
        r->header[i] = strdup(r->text + r->off[i]);
        if (r->header[i] == NULL) {
            r->rc = mc_error_set(r->err, MC_E_NOMEM, r->path, 0, "out of memory");
            return;
        }
    }
}

/* A data row: the header's field count (or that without its empty trailing columns). */
static void check_row(struct reader *r) {
    if (r->nf != r->ncols && !(r->nf == r->nused && r->nused < r->ncols)) {
        r->rc = mc_error_set(r->err, MC_E_DATA, r->path, r->rec_line,
                             "expected %zu fields as in the header, found %zu", r->ncols, r->nf);
        return;
    }
    for (size_t i = r->nused; i < r->nf; i++) {
        if (r->lens[i] > 0) {
            r->rc = mc_error_setc(r->err, MC_E_DATA, r->path, r->rec_line, (long)i + 1,
                                  "value '%s' in a column without a name in the header",
                                  r->text + r->off[i]);
            return;
        }
    }
}

static void on_record(int c, void *data) {
    struct reader *r = data;
    (void)c;
    if (r->rc != MC_OK) {
        return;
    }
    /* a line holding only blanks is not a record */
    if (r->nf == 0 || (r->nf == 1 && r->lens[0] == 0)) {
        reset_record(r);
        return;
    }
    /* nor is a row of empty fields, as spreadsheets export blank rows (";;;;") */
    if (all_empty(r)) {
        r->skipped.rows++;
        reset_record(r);
        return;
    }
    r->record++;
    if (r->record == 1) {
        take_header(r);
    } else {
        check_row(r);
    }
    if (r->rc != MC_OK) {
        return;
    }
    r->nf = r->nused < r->nf ? r->nused : r->nf;
    if (r->nf > r->cap_fields) {
        enum mc_status rc =
            mc_grow((void **)&r->fields, &r->cap_fields, r->nf, sizeof *r->fields, r->err);
        if (rc != MC_OK) {
            r->rc = rc;
            return;
        }
    }
    for (size_t i = 0; i < r->nf; i++) {
        r->fields[i] = r->text + r->off[i];
    }
    struct mc_csv_record rec = {
        .path = r->path,
        .line = r->rec_line,
        .record = r->record,
        .nfields = r->nf,
        .fields = r->fields,
        .lens = r->lens,
    };
    r->rc = r->fn(r->ctx, &rec, r->err);
    reset_record(r);
}

/* Picks ',' ';' or tab: whichever occurs most outside quotes in the first line. */
static unsigned char sniff_delimiter(const char *buf, size_t len) {
    size_t comma = 0, semi = 0, tab = 0;
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            break;
        } else if (!quoted && c == ',') {
            comma++;
        } else if (!quoted && c == ';') {
            semi++;
        } else if (!quoted && c == '\t') {
            tab++;
        }
    }
    if (semi > comma && semi >= tab) {
        return ';';
    }
    if (tab > comma && tab > semi) {
        return '\t';
    }
    return ',';
}

/* True when no byte has the high bit set: then no field needs a UTF-8 check. */
static bool all_ascii(const char *buf, size_t len) {
    uint64_t acc = 0;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, buf + i, 8);
        acc |= w;
    }
    for (; i < len; i++) {
        acc |= (unsigned char)buf[i];
    }
    return (acc & 0x8080808080808080ULL) == 0;
}

static long lines_before(const char *buf, size_t upto) {
    long n = 0;
    for (size_t i = 0; i < upto; i++) {
        n += buf[i] == '\n';
    }
    return n;
}

/* Feeds one segment; returns false when reading must stop. */
static bool feed(struct reader *r, const char *s, size_t len) {
    size_t done = csv_parse(&r->p, s, len, on_field, on_record, r);
    if (r->rc != MC_OK) {
        return false;
    }
    if (done != len) {
        if (csv_error(&r->p) == CSV_EPARSE) {
            const char *col = column_name(r, r->nf);
            r->rc = mc_error_setc(r->err, MC_E_DATA, r->path, r->line, (long)r->nf + 1,
                                  "bad quoting%s%s%s: a quote inside an unquoted field, or text "
                                  "after a closing quote",
                                  *col ? " in column '" : "", col, *col ? "'" : "");
        } else {
            r->rc = mc_error_set(r->err, MC_E_NOMEM, r->path, r->line, "%s",
                                 csv_strerror(csv_error(&r->p)));
        }
        return false;
    }
    if (r->p.entry_pos > r->max_field) {
        field_too_long(r, r->rec_line ? r->rec_line : r->line);
        return false;
    }
    return true;
}

enum mc_status mc_csv_check_file(const char *path, const char *display, const char *what,
                                 struct mc_error *err) {
    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        if (e == ENOENT) {
            return mc_error_set(err, MC_E_IO, display, 0, "no such file");
        }
        return mc_error_set(err, MC_E_IO, display, 0, "cannot open: %s", strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        return mc_error_set(err, MC_E_IO, display, 0, "is a directory, expected %s", what);
    }
    return MC_OK;
}

static enum mc_status open_checked(const char *path, const char *display, gzFile *out,
                                   struct mc_error *err) {
    enum mc_status rc = mc_csv_check_file(path, display, "a CSV file", err);
    if (rc != MC_OK) {
        return rc;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        int e = errno;
        if (e == EACCES) {
            return mc_error_set(err, MC_E_IO, display, 0, "cannot open: permission denied");
        }
        return mc_error_set(err, MC_E_IO, display, 0, "cannot open: %s", strerror(e));
    }
    gzFile gz = gzdopen(fd, "rb");
    if (gz == NULL) {
        close(fd);
        return mc_error_set(err, MC_E_NOMEM, display, 0, "cannot open: out of memory");
    }
    gzbuffer(gz, CHUNK);
    *out = gz;
    return MC_OK;
}

enum mc_status mc_csv_read(const char *path, const char *display, const struct mc_csv_options *opt,
                           mc_csv_record_fn fn, void *ctx, struct mc_error *err) {
    return mc_csv_read_counted(path, display, opt, fn, ctx, NULL, err);
}

bool mc_csv_skipped_describe(const struct mc_csv_skipped *s, const char *path, char *buf,
                             size_t bufsz) {
    buf[0] = '\0';
    if (s->columns == 0 && s->rows == 0) {
        return false;
    }
    char cols[64] = "", rows[64] = "";
    if (s->columns > 0) {
        snprintf(cols, sizeof cols, "%zu empty trailing column%s", s->columns,
                 s->columns == 1 ? "" : "s");
    }
    if (s->rows > 0) {
        snprintf(rows, sizeof rows, "%zu blank row%s", s->rows, s->rows == 1 ? "" : "s");
    }
    snprintf(buf, bufsz, "%s: skipped %s%s%s", path, cols, *cols && *rows ? " and " : "", rows);
    return true;
}

enum mc_status mc_csv_read_counted(const char *path, const char *display,
                                   const struct mc_csv_options *opt, mc_csv_record_fn fn, void *ctx,
                                   struct mc_csv_skipped *skipped, struct mc_error *err) {
    struct reader r;
    memset(&r, 0, sizeof r);
    r.path = display ? display : path;
    r.fn = fn;
    r.ctx = ctx;
    r.err = err;
    r.line = 1;
    r.max_field = opt && opt->max_field_bytes ? opt->max_field_bytes : DEFAULT_MAX_FIELD;
    r.max_cols = opt && opt->max_columns ? opt->max_columns : DEFAULT_MAX_COLUMNS;

    gzFile gz = NULL;
    enum mc_status rc = open_checked(path, r.path, &gz, err);
    if (rc != MC_OK) {
        return rc;
    }
    char *buf = malloc(CHUNK);
    if (buf == NULL) {
        gzclose(gz);
        return mc_error_set(err, MC_E_NOMEM, r.path, 0, "out of memory");
    }
    if (csv_init(&r.p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(buf);
        gzclose(gz);
        return mc_error_set(err, MC_E_NOMEM, r.path, 0, "cannot initialise the CSV parser");
    }

    bool first = true;
    size_t total = 0;
    for (;;) {
        if (mc_interrupted()) {
            r.rc = mc_error_set(err, MC_E_INTERRUPTED, r.path, 0, "interrupted");
            break;
        }
        int n = gzread(gz, buf, CHUNK);
        if (n <= 0) {
            /* the end, or a damaged stream: gzread reports a cut-off file only here */
            (void)gz_failed(gz, &r);
            break;
        }
        size_t len = (size_t)n, pos = 0;
        if (first) {
            first = false;
            const unsigned char *u = (const unsigned char *)buf;
            if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
                r.rc = mc_error_set(err, MC_E_DATA, r.path, 1,
                                    "file is UTF-16 encoded; save it as UTF-8 (CSV UTF-8)");
                break;
            }
            /* UTF-16 without a byte-order mark: ASCII text with every other byte zero */
            if (len >= 4 &&
                ((u[0] && !u[1] && u[2] && !u[3]) || (!u[0] && u[1] && !u[2] && u[3]))) {
                r.rc = mc_error_set(err, MC_E_DATA, r.path, 1,
                                    "file is UTF-16 encoded (without a byte-order mark); save it "
                                    "as UTF-8 (CSV UTF-8)");
                break;
            }
            if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
                pos = 3; /* UTF-8 byte-order mark, as Excel writes it */
            }
            csv_set_delim(&r.p, sniff_delimiter(buf + pos, len - pos));
        }
        const char *nul = memchr(buf + pos, '\0', len - pos);
        if (nul != NULL) {
            long at = r.line + lines_before(buf + pos, (size_t)(nul - (buf + pos)));
            r.rc = mc_error_set(err, MC_E_DATA, r.path, at,
                                "NUL byte: binary data or UTF-16 text, not a UTF-8 CSV file");
            break;
        }
        if (!r.check_utf8) {
            r.check_utf8 = !all_ascii(buf + pos, len - pos);
        }
        total += len - pos;
        /* feed line by line so callbacks always know the physical line */
        while (pos < len) {
            const char *nl = memchr(buf + pos, '\n', len - pos);
            size_t seg = nl ? (size_t)(nl - (buf + pos)) + 1 : len - pos;
            if (!feed(&r, buf + pos, seg)) {
                break;
            }
            pos += seg;
            if (nl) {
                r.line++;
            }
        }
        if (r.rc != MC_OK) {
            break;
        }
    }
    if (r.rc == MC_E_DATA && !gzdirect(gz)) {
        /*
         * bad data from a gzip file may be a damaged stream decoded into
         * garbage: its checksum, at the end, says which
         */
        while (gzread(gz, buf, CHUNK) > 0) {
        }
        (void)gz_failed(gz, &r);
    }
    if (r.rc == MC_OK) {
        if (total == 0) {
            r.rc = mc_error_set(err, MC_E_DATA, r.path, 0, "file is empty");
        } else if (csv_fini(&r.p, on_field, on_record, &r) != 0 && r.rc == MC_OK) {
            r.rc = mc_error_set(err, MC_E_DATA, r.path, r.rec_line ? r.rec_line : r.line,
                                "unterminated quoted field (a quote opened here is never closed)");
        }
    }
    if (r.rc == MC_OK && r.record == 0) {
        r.rc = mc_error_set(err, MC_E_DATA, r.path, 0, "file is empty");
    } else if (r.rc == MC_OK && r.record == 1 && opt && opt->require_rows) {
        r.rc = mc_error_set(err, MC_E_DATA, r.path, 0, "has a header but no data rows");
    }
    csv_free(&r.p);
    if (gzclose(gz) != Z_OK && r.rc == MC_OK) {
        r.rc = mc_error_set(err, MC_E_IO, r.path, 0, "read error");
    }
    if (skipped != NULL) {
        *skipped = r.skipped;
    }
    free(buf);
    free(r.text);
    free(r.off);
    free(r.lens);
    free(r.fields);
    if (r.header != NULL) {
        for (size_t i = 0; i < r.ncols; i++) {
            free(r.header[i]);
        }
        free(r.header);
    }
    return r.rc;
}

long mc_csv_column(const struct mc_csv_record *header, const char *const *names) {
    for (const char *const *n = names; *n != NULL; n++) {
        for (size_t i = 0; i < header->nfields; i++) {
            if (mc_utf8_eq_fold(*n, header->fields[i], header->lens[i])) {
                return (long)i;
            }
        }
    }
    return -1;
}

void mc_csv_column_letters(size_t i, char buf[8]) {
    char tmp[8];
    size_t n = 0;
    i++;
    while (i > 0 && n < 7) {
        tmp[n++] = (char)('A' + (i - 1) % 26);
        i = (i - 1) / 26;
    }
    for (size_t k = 0; k < n; k++) {
        buf[k] = tmp[n - 1 - k];
    }
    buf[n] = '\0';
}

enum mc_status mc_csv_error(struct mc_error *err, enum mc_status status,
                            const struct mc_csv_record *rec, long col, const char *fmt, ...) {
    char msg[MC_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!rec->cells) {
        return col >= 0 ? mc_error_setc(err, status, rec->path, rec->line, col + 1, "%s", msg)
                        : mc_error_set(err, status, rec->path, rec->line, "%s", msg);
    }
    if (col < 0) {
        return mc_error_set(err, status, NULL, 0, "%s, row %ld: %s", rec->path, rec->line, msg);
    }
    char letters[8];
    mc_csv_column_letters((size_t)col, letters);
    return mc_error_set(err, status, NULL, 0, "%s!%s%ld: %s", rec->path, letters, rec->line, msg);
}

void mc_csv_describe_header(const struct mc_csv_record *header, char *buf, size_t bufsz) {
    mc_quote_list((const char *const *)header->fields, header->nfields, buf, bufsz);
}

/* ==== Writing ==== */

static bool needs_quotes(const char *s) {
    if (*s == ' ' || *s == '\t') {
        return true;
    }
    size_t n = strlen(s);
    if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
        return true;
    }
    return strpbrk(s, ",\"\n\r;") != NULL;
}

bool mc_csv_field(FILE *f, const char *s, bool first) {
    if (!first && fputc(',', f) == EOF) {
        return false;
    }
    if (s == NULL || *s == '\0') {
        return true;
    }
    if (needs_quotes(s)) {
        return csv_fwrite(f, s, strlen(s)) == 0;
    }
    return fputs(s, f) != EOF;
}

bool mc_csv_end(FILE *f) {
    return fputc('\n', f) != EOF;
}

bool mc_csv_row(FILE *f, size_t n, const char *const *fields) {
    for (size_t i = 0; i < n; i++) {
        if (!mc_csv_field(f, fields[i], i == 0)) {
            return false;
        }
    }
    return mc_csv_end(f);
}
