#include "metaclust/xlsx_read.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "metaclust/util.h"

#define MAX_PART_BYTES      (1024UL * 1024 * 1024) /* of XML in one part: a zip bomb stops here */
#define DEFAULT_MAX_FIELD   (1024 * 1024)
#define DEFAULT_MAX_COLUMNS 4096

static const char *const REL_NS[] = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships", /* strict OOXML */
};

/* A growable byte buffer. */
struct buf {
    char *s;
    size_t len, cap;
};

static enum mc_status buf_add(struct buf *b, const char *s, size_t n, struct mc_error *err) {
    if (b->len + n + 1 > b->cap) {
        enum mc_status rc = mc_grow((void **)&b->s, &b->cap, b->len + n + 1, 1, err);
        if (rc != MC_OK) {
            return rc;
        }
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return MC_OK;
}

/* ==== The workbook ==== */

struct book {
    const char *display; /* the workbook as named in messages */
    zip_t *zip;
    size_t n_sheets;
    char **sheet_name, **sheet_part; /* the part: "xl/worksheets/sheet1.xml" */
    char *strings_part, *styles_part;
    bool date1904;
    bool *xf_date; /* per cell style (cellXfs index): a date format */
    size_t n_xf, cap_xf;
    struct buf sst;  /* shared strings, NUL-separated */
    size_t *sst_off; /* their offsets */
    size_t n_sst, cap_sst;
};

static void book_close(struct book *b) {
    for (size_t i = 0; i < b->n_sheets; i++) {
        free(b->sheet_name[i]);
        free(b->sheet_part[i]);
    }
    free(b->sheet_name);
    free(b->sheet_part);
    free(b->strings_part);
    free(b->styles_part);
    free(b->xf_date);
    free(b->sst.s);
    free(b->sst_off);
    if (b->zip != NULL) {
        zip_discard(b->zip);
    }
    memset(b, 0, sizeof *b);
}

/* One XML part of the zip, streamed into libxml2's reader. */
struct part {
    struct book *book;
    const char *name;
    zip_file_t *zf;
    size_t read;
    bool failed, too_big;
    char xml_error[256];
    xmlTextReaderPtr xr;
};

static int part_read(void *ctx, char *out, int len) {
    struct part *p = ctx;
    zip_int64_t n = zip_fread(p->zf, out, (zip_uint64_t)len);
    if (n < 0) {
        p->failed = true;
        return -1;
    }
    p->read += (size_t)n;
    if (p->read > MAX_PART_BYTES) {
        p->too_big = true;
        return -1;
    }
    return (int)n;
}

static int part_close(void *ctx) {
    (void)ctx;
    return 0;
}

static void part_error(void *arg, const char *msg, xmlParserSeverities severity,
                       xmlTextReaderLocatorPtr loc) {
    struct part *p = arg;
    (void)loc;
    if (severity != XML_PARSER_SEVERITY_ERROR || p->xml_error[0] != '\0') {
        return;
    }
    snprintf(p->xml_error, sizeof p->xml_error, "%s", msg);
    /* libxml2's messages end in a newline */
    size_t n = strlen(p->xml_error);
    while (n > 0 && (p->xml_error[n - 1] == '\n' || p->xml_error[n - 1] == ' ')) {
        p->xml_error[--n] = '\0';
    }
}

static void part_close_all(struct part *p) {
    if (p->xr != NULL) {
        xmlFreeTextReader(p->xr);
    }
    if (p->zf != NULL) {
        zip_fclose(p->zf);
    }
    p->xr = NULL;
    p->zf = NULL;
}

/*
 * Opens part `name`; *absent (may be NULL: then a missing part is an error)
 * is set when the zip has no such part.
 */
static enum mc_status part_open(struct book *b, const char *name, struct part *p, bool *absent,
                                struct mc_error *err) {
    memset(p, 0, sizeof *p);
    p->book = b;
    p->name = name;
    if (absent != NULL) {
        *absent = false;
    }
    p->zf = zip_fopen(b->zip, name, 0);
    if (p->zf == NULL) {
        p->zf = zip_fopen(b->zip, name, ZIP_FL_NOCASE);
    }
    if (p->zf == NULL) {
        zip_error_t *ze = zip_get_error(b->zip);
        if (zip_error_code_zip(ze) == ZIP_ER_NOENT && absent != NULL) {
            *absent = true;
            return MC_OK;
        }
        if (zip_error_code_zip(ze) == ZIP_ER_NOENT) {
            return mc_error_set(err, MC_E_DATA, b->display, 0,
                                "not an Excel workbook: no part '%s' in it", name);
        }
        return mc_error_set(err, MC_E_DATA, b->display, 0,
                            "damaged workbook: cannot read part '%s' (%s)", name,
                            zip_error_strerror(ze));
    }
    p->xr = xmlReaderForIO(part_read, part_close, p, name, NULL, XML_PARSE_NONET);
    if (p->xr == NULL) {
        part_close_all(p);
        return mc_error_set(err, MC_E_NOMEM, b->display, 0, "cannot start the XML reader");
    }
    xmlTextReaderSetErrorHandler(p->xr, part_error, p);
    return MC_OK;
}

/* The status for xmlTextReaderRead's -1 on part p. */
static enum mc_status part_failed(struct part *p, struct mc_error *err) {
    const char *d = p->book->display;
    if (p->too_big) {
        return mc_error_set(err, MC_E_DATA, d, 0, "part '%s' is larger than %lu MiB of XML",
                            p->name, MAX_PART_BYTES >> 20);
    }
    if (p->failed) {
        return mc_error_set(err, MC_E_DATA, d, 0,
                            "damaged or truncated workbook: cannot read part '%s' (%s); save it "
                            "again from Excel",
                            p->name, zip_file_strerror(p->zf));
    }
    return mc_error_set(err, MC_E_DATA, d, 0, "damaged workbook: part '%s': %s", p->name,
                        p->xml_error[0] ? p->xml_error : "invalid XML");
}

static bool is(xmlTextReaderPtr xr, const char *local) {
    const xmlChar *n = xmlTextReaderConstLocalName(xr);
    return n != NULL && strcmp((const char *)n, local) == 0;
}

static bool start_of(xmlTextReaderPtr xr, const char *local) {
    return xmlTextReaderNodeType(xr) == XML_READER_TYPE_ELEMENT && is(xr, local);
}

static bool end_of(xmlTextReaderPtr xr, const char *local) {
    return xmlTextReaderNodeType(xr) == XML_READER_TYPE_END_ELEMENT && is(xr, local);
}

static bool is_text(xmlTextReaderPtr xr) {
    int t = xmlTextReaderNodeType(xr);
    return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
           t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || t == XML_READER_TYPE_WHITESPACE;
}

/* An attribute as a new string (free it), or NULL. */
static char *attr(xmlTextReaderPtr xr, const char *name) {
    xmlChar *v = xmlTextReaderGetAttribute(xr, (const xmlChar *)name);
    if (v == NULL) {
        return NULL;
    }
    char *s = strdup((const char *)v);
    xmlFree(v);
    return s;
}

/* The relationship id of a <sheet>: r:id in the transitional or the strict namespace. */
static char *rel_id(xmlTextReaderPtr xr) {
    for (size_t i = 0; i < MC_ARRAY_SIZE(REL_NS); i++) {
        xmlChar *v =
            xmlTextReaderGetAttributeNs(xr, (const xmlChar *)"id", (const xmlChar *)REL_NS[i]);
        if (v != NULL) {
            char *s = strdup((const char *)v);
            xmlFree(v);
            return s;
        }
    }
    return attr(xr, "r:id");
}

/* A relationship target as a part name: "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml". */
static char *part_name(const char *target) {
    char *s;
    if (target[0] == '/') {
        s = strdup(target + 1);
    } else {
        s = malloc(strlen(target) + 4);
        if (s != NULL) {
            strcpy(s, "xl/");
            strcat(s, target);
        }
    }
    return s;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* xl/workbook.xml: the sheets (name and relationship id) and the date system. */
static enum mc_status read_workbook(struct book *b, char ***rids, struct mc_error *err) {
    struct part p;
    enum mc_status rc = part_open(b, "xl/workbook.xml", &p, NULL, err);
    size_t cap_name = 0, cap_rid = 0, cap_part = 0;
    if (rc != MC_OK) {
        return rc;
    }
    int r;
    while ((r = xmlTextReaderRead(p.xr)) == 1) {
        if (start_of(p.xr, "workbookPr")) {
            char *v = attr(p.xr, "date1904");
            b->date1904 = v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
            free(v);
        } else if (start_of(p.xr, "sheet")) {
            char *name = attr(p.xr, "name"), *rid = rel_id(p.xr);
            if (name == NULL || rid == NULL) {
                free(name);
                free(rid);
                rc = mc_error_set(err, MC_E_DATA, b->display, 0,
                                  "damaged workbook: a sheet without a name or a part");
                break;
            }
            size_t need = b->n_sheets + 1;
            if ((rc = mc_grow((void **)&b->sheet_name, &cap_name, need, sizeof *b->sheet_name,
                              err)) != MC_OK ||
                (rc = mc_grow((void **)rids, &cap_rid, need, sizeof **rids, err)) != MC_OK ||
                (rc = mc_grow((void **)&b->sheet_part, &cap_part, need, sizeof *b->sheet_part,
                              err)) != MC_OK) {
                free(name);
                free(rid);
                break;
            }
            b->sheet_name[b->n_sheets] = name;
            b->sheet_part[b->n_sheets] = NULL;
            (*rids)[b->n_sheets] = rid;
            b->n_sheets++;
        }
    }
    if (rc == MC_OK && r < 0) {
        rc = part_failed(&p, err);
    }
    part_close_all(&p);
    return rc;
}

/* xl/_rels/workbook.xml.rels: where each sheet, the shared strings and the styles live. */
static enum mc_status read_rels(struct book *b, char **rids, struct mc_error *err) {
    struct part p;
    enum mc_status rc = part_open(b, "xl/_rels/workbook.xml.rels", &p, NULL, err);
    if (rc != MC_OK) {
        return rc;
    }
    int r;
    while (rc == MC_OK && (r = xmlTextReaderRead(p.xr)) == 1) {
        if (!start_of(p.xr, "Relationship")) {
            continue;
        }
        char *id = attr(p.xr, "Id"), *target = attr(p.xr, "Target"), *type = attr(p.xr, "Type");
        char **slot = NULL;
        if (id != NULL && target != NULL && type != NULL) {
            for (size_t i = 0; i < b->n_sheets; i++) {
                if (strcmp(rids[i], id) == 0) {
                    slot = &b->sheet_part[i];
                }
            }
            if (ends_with(type, "/sharedStrings")) {
                slot = &b->strings_part;
            } else if (ends_with(type, "/styles")) {
                slot = &b->styles_part;
            }
        }
        if (slot != NULL && *slot == NULL && (*slot = part_name(target)) == NULL) {
            rc = mc_error_set(err, MC_E_NOMEM, b->display, 0, "out of memory");
        }
        free(id);
        free(target);
        free(type);
    }
    if (rc == MC_OK && r < 0) {
        rc = part_failed(&p, err);
    }
    part_close_all(&p);
    for (size_t i = 0; rc == MC_OK && i < b->n_sheets; i++) {
        if (b->sheet_part[i] == NULL) {
            rc = mc_error_set(err, MC_E_DATA, b->display, 0,
                              "damaged workbook: sheet '%s' has no part", b->sheet_name[i]);
        }
    }
    return rc;
}

/*
 * True when a number format shows a date or a time: it has y, m, d, h or s
 * outside quoted text, escapes and [brackets] (colours, conditions).
 */
static bool format_is_date(const char *f) {
    bool quoted = false;
    for (const char *c = f; *c; c++) {
        if (quoted) {
            quoted = *c != '"';
        } else if (*c == '"') {
            quoted = true;
        } else if (*c == '\\' && c[1] != '\0') {
            c++;
        } else if (*c == '[') {
            const char *e = strchr(c, ']');
            if (e == NULL) {
                return false;
            }
            c = e;
        } else if (strchr("ymdhsYMDHS", *c) != NULL) {
            return true;
        }
    }
    return false;
}

/* Excel's built-in date and time formats (ECMA-376 18.8.30) */
static bool builtin_date(long id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

/* xl/styles.xml: which cell styles show dates. */
static enum mc_status read_styles(struct book *b, struct mc_error *err) {
    struct part p;
    bool absent;
    long *date_fmt = NULL; /* custom format ids that are dates */
    size_t n_fmt = 0, cap_fmt = 0;
    bool in_xfs = false;
    enum mc_status rc;
    if (b->styles_part == NULL) {
        return MC_OK;
    }
    if ((rc = part_open(b, b->styles_part, &p, &absent, err)) != MC_OK || absent) {
        return rc;
    }
    int r;
    while (rc == MC_OK && (r = xmlTextReaderRead(p.xr)) == 1) {
        if (start_of(p.xr, "numFmt")) {
            char *id = attr(p.xr, "numFmtId"), *code = attr(p.xr, "formatCode");
            long v;
            if (id != NULL && code != NULL && mc_parse_long(id, 0, 100000, &v) &&
                format_is_date(code)) {
                rc = mc_grow((void **)&date_fmt, &cap_fmt, n_fmt + 1, sizeof *date_fmt, err);
                if (rc == MC_OK) {
                    date_fmt[n_fmt++] = v;
                }
            }
            free(id);
            free(code);
        } else if (start_of(p.xr, "cellXfs")) {
            in_xfs = !xmlTextReaderIsEmptyElement(p.xr);
        } else if (end_of(p.xr, "cellXfs")) {
            in_xfs = false;
        } else if (in_xfs && start_of(p.xr, "xf")) {
            char *id = attr(p.xr, "numFmtId");
            long v = 0;
            bool date = false;
            if (id != NULL && mc_parse_long(id, 0, 100000, &v)) {
                date = builtin_date(v);
                for (size_t i = 0; i < n_fmt && !date; i++) {
                    date = date_fmt[i] == v;
                }
            }
            free(id);
            rc = mc_grow((void **)&b->xf_date, &b->cap_xf, b->n_xf + 1, sizeof *b->xf_date, err);
            if (rc == MC_OK) {
                b->xf_date[b->n_xf++] = date;
            }
        }
    }
    if (rc == MC_OK && r < 0) {
        rc = part_failed(&p, err);
    }
    part_close_all(&p);
    free(date_fmt);
    return rc;
}

/* xl/sharedStrings.xml: every <si>, its <t> texts joined (phonetic <rPh> runs left out). */
static enum mc_status read_strings(struct book *b, struct mc_error *err) {
    struct part p;
    bool absent, in_t = false, in_si = false;
    int in_rph = 0;
    enum mc_status rc;
    if (b->strings_part == NULL) {
        return MC_OK;
    }
    if ((rc = part_open(b, b->strings_part, &p, &absent, err)) != MC_OK || absent) {
        return rc;
    }
    int r;
    while (rc == MC_OK && (r = xmlTextReaderRead(p.xr)) == 1) {
        bool empty = xmlTextReaderIsEmptyElement(p.xr);
        if (start_of(p.xr, "si")) {
            rc = mc_grow((void **)&b->sst_off, &b->cap_sst, b->n_sst + 1, sizeof *b->sst_off, err);
            if (rc == MC_OK) {
                b->sst_off[b->n_sst++] = b->sst.len;
                in_si = !empty;
            }
            if (rc == MC_OK && empty) {
                rc = buf_add(&b->sst, "", 1, err);
            }
        } else if (end_of(p.xr, "si")) {
            in_si = false;
            rc = buf_add(&b->sst, "", 1, err); /* the NUL that ends the string */
        } else if (start_of(p.xr, "rPh") && !empty) {
            in_rph++;
        } else if (end_of(p.xr, "rPh")) {
            in_rph--;
        } else if (start_of(p.xr, "t")) {
            in_t = !empty;
        } else if (end_of(p.xr, "t")) {
            in_t = false;
        } else if (in_si && in_t && in_rph == 0 && is_text(p.xr)) {
            const char *v = (const char *)xmlTextReaderConstValue(p.xr);
            rc = buf_add(&b->sst, v, strlen(v), err);
        }
    }
    if (rc == MC_OK && r < 0) {
        rc = part_failed(&p, err);
    }
    part_close_all(&p);
    return rc;
}

static enum mc_status book_open(struct book *b, const char *file, const char *display,
                                bool contents, struct mc_error *err) {
    memset(b, 0, sizeof *b);
    b->display = display;
    enum mc_status rc = mc_csv_check_file(file, display, "a workbook", err);
    if (rc != MC_OK) {
        return rc;
    }
    int zerr = 0;
    b->zip = zip_open(file, ZIP_RDONLY, &zerr);
    if (b->zip == NULL) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        if (zerr == ZIP_ER_NOZIP || zerr == ZIP_ER_INCONS) {
            rc = mc_error_set(err, MC_E_DATA, display, 0,
                              "not a readable .xlsx workbook (%s: damaged, truncated or another "
                              "format); save it again from Excel",
                              zerr == ZIP_ER_NOZIP ? "not a zip archive" : "inconsistent zip");
        } else if (zerr == ZIP_ER_MEMORY) {
            rc = mc_error_set(err, MC_E_NOMEM, display, 0, "out of memory");
        } else {
            rc = mc_error_set(err, MC_E_IO, display, 0, "cannot open: %s", zip_error_strerror(&ze));
        }
        zip_error_fini(&ze);
        return rc;
    }
    char **rids = NULL;
    rc = read_workbook(b, &rids, err);
    if (rc == MC_OK && b->n_sheets == 0) {
        rc = mc_error_set(err, MC_E_DATA, display, 0, "the workbook has no sheets");
    }
    if (rc == MC_OK) {
        rc = read_rels(b, rids, err);
    }
    if (rc == MC_OK && contents) {
        rc = read_styles(b, err);
    }
    if (rc == MC_OK && contents) {
        rc = read_strings(b, err);
    }
    for (size_t i = 0; rids != NULL && i < b->n_sheets; i++) {
        free(rids[i]);
    }
    free(rids);
    if (rc != MC_OK) {
        book_close(b);
    }
    return rc;
}

/* ==== Paths ==== */

static bool has_xlsx_suffix(const char *s, size_t len) {
    return len >= 5 && strncasecmp(s + len - 5, ".xlsx", 5) == 0;
}

/* Where "#Sheet" starts in "book.xlsx#Sheet", or NULL. */
static const char *sheet_mark(const char *path) {
    for (const char *h = strchr(path, '#'); h != NULL; h = strchr(h + 1, '#')) {
        if (has_xlsx_suffix(path, (size_t)(h - path))) {
            return h;
        }
    }
    return NULL;
}

bool mc_xlsx_is_workbook(const char *path) {
    if (has_xlsx_suffix(path, strlen(path)) || sheet_mark(path) != NULL) {
        return true;
    }
    unsigned char magic[4] = {0};
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return false;
    }
    struct stat st;
    bool zip = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && pread(fd, magic, 4, 0) == 4 &&
               memcmp(magic, "PK\3\4", 4) == 0;
    close(fd);
    return zip;
}

bool mc_xlsx_split(const char *path, char **file, const char **sheet) {
    const char *h = sheet_mark(path);
    size_t n = h ? (size_t)(h - path) : strlen(path);
    *sheet = h ? h + 1 : NULL;
    *file = malloc(n + 1);
    if (*file == NULL) {
        return false;
    }
    memcpy(*file, path, n);
    (*file)[n] = '\0';
    return true;
}

enum mc_status mc_xlsx_sheets(const char *file, char ***names, size_t *n, struct mc_error *err) {
    struct book b;
    *names = NULL;
    *n = 0;
    enum mc_status rc = book_open(&b, file, file, false, err);
    if (rc != MC_OK) {
        return rc;
    }
    *names = b.sheet_name;
    *n = b.n_sheets;
    b.sheet_name = NULL;
    for (size_t i = 0; i < b.n_sheets; i++) {
        free(b.sheet_part[i]);
    }
    b.n_sheets = 0;
    book_close(&b);
    return MC_OK;
}

/* ==== Dates ==== */

/* Days since 1970-01-01 -> civil date (Howard Hinnant's days_from_civil, inverted). */
static void civil(long z, long *y, unsigned *m, unsigned *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

bool mc_xlsx_date(double serial, bool date1904, char buf[16]) {
    if (!isfinite(serial) || serial < 0 || serial > 2958465.0) {
        return false;
    }
    long days = (long)floor(serial);
    long y;
    unsigned m, d;
    if (date1904) {
        civil(days - 24107, &y, &m, &d); /* 1904-01-01 is day -24107 of 1970 */
    } else if (days == 60) {
        strcpy(buf, "1900-02-29"); /* the day Excel believes in */
        return true;
    } else {
        /* serial 1 is 1900-01-01; from 61 on, one day less for the day that never was */
        civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
    }
    if (y < 1900 || y > 9999) {
        return false;
    }
    snprintf(buf, 16, "%04ld-%02u-%02u", y, m, d);
    return true;
}

/* ==== Sheets ==== */

struct sheet {
    struct book *book;
    const char *path; /* "book.xlsx#Sheet" */
    const struct mc_csv_options *opt;
    size_t max_field, max_cols;
    mc_csv_record_fn fn;
    void *ctx;
    struct mc_csv_skipped skipped;

    struct buf text; /* the current row's fields, NUL-separated */
    size_t *off, *lens;
    size_t nf, cap_off, cap_lens;
    char **fields;
    size_t cap_fields;
    long row, record;
    size_t nused; /* the header's columns up to its last non-empty one */

    /* the current cell */
    long col;
    char type[12];
    long style;
    bool has_v, has_f, in_v, in_is_t;
    struct buf val;
};

/* A record of the current row, for messages. */
static struct mc_csv_record at(const struct sheet *s) {
    struct mc_csv_record r = {.path = s->path, .line = s->row, .cells = true};
    return r;
}

/* "C7" -> column 2 (0-based); -1 when the reference has no letters. */
static long ref_column(const char *ref) {
    long c = 0;
    size_t n = 0;
    for (; ref[n] >= 'A' && ref[n] <= 'Z' && n < 4; n++) {
        c = c * 26 + (ref[n] - 'A' + 1);
    }
    return n == 0 ? -1 : c - 1;
}

/* Appends the field of column s->nf (empty until the cell's own). */
static enum mc_status push_field(struct sheet *s, const char *v, size_t len, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    if (s->nf + 1 > s->cap_off) {
        rc = mc_grow((void **)&s->off, &s->cap_off, s->nf + 1, sizeof *s->off, err);
    }
    if (rc == MC_OK && s->nf + 1 > s->cap_lens) {
        rc = mc_grow((void **)&s->lens, &s->cap_lens, s->nf + 1, sizeof *s->lens, err);
    }
    if (rc != MC_OK) {
        return rc;
    }
    s->off[s->nf] = s->text.len;
    s->lens[s->nf] = len;
    s->nf++;
    rc = buf_add(&s->text, v, len, err);
    return rc == MC_OK ? buf_add(&s->text, "", 1, err) : rc;
}

/*
 * True for a number written as mc_fmt_real would write it: an optional minus,
 * an integer without leading zeros, an optional fraction not ending in 0, at
 * most 15 digits (what Excel writes for most numbers: "2014", "89232.5"), so
 * it is kept as it is without a round trip through printf.
 */
static bool plain_number(const char *v) {
    const char *p = v + (*v == '-');
    size_t digits = 0;
    if (*p == '0' && p[1] != '.' && p[1] != '\0') {
        return false;
    }
    for (; *p >= '0' && *p <= '9'; p++) {
        digits++;
    }
    if (digits == 0) {
        return false;
    }
    if (*p == '.') {
        const char *frac = ++p;
        for (; *p >= '0' && *p <= '9'; p++) {
            digits++;
        }
        if (p == frac || p[-1] == '0') {
            return false;
        }
    }
    return *p == '\0' && digits <= 15 && strcmp(v, "-0") != 0;
}

/* The text of a finished cell: its value by type, or an error naming the cell. */
static enum mc_status cell_value(struct sheet *s, const char **out, size_t *len, char *num,
                                 struct mc_error *err) {
    struct mc_csv_record r = at(s);
    const char *v = s->val.s ? s->val.s : "";
    *out = v;
    *len = s->val.len;
    if (strcmp(s->type, "inlineStr") == 0) {
        return MC_OK;
    }
    if (!s->has_v) {
        if (s->has_f) {
            return mc_csv_error(err, MC_E_DATA, &r, s->col,
                                "formula without a saved value; open the workbook in Excel and "
                                "save it, or paste the cells as values");
        }
        *out = "";
        *len = 0;
        return MC_OK;
    }
    if (strcmp(s->type, "s") == 0) {
        long i;
        if (!mc_parse_long(v, 0, LONG_MAX, &i) || (size_t)i >= s->book->n_sst) {
            return mc_csv_error(err, MC_E_DATA, &r, s->col,
                                "damaged workbook: shared string %s does not exist", v);
        }
        *out = s->book->sst.s + s->book->sst_off[i];
        *len = strlen(*out);
    } else if (strcmp(s->type, "b") == 0) {
        *out = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
        *len = strlen(*out);
    } else if (strcmp(s->type, "e") == 0) {
        return mc_csv_error(err, MC_E_DATA, &r, s->col, "the cell holds the error value '%s'", v);
    } else if (s->type[0] == '\0' || strcmp(s->type, "n") == 0) {
        double x;
        if (!mc_parse_real(v, &x)) {
            return mc_csv_error(err, MC_E_DATA, &r, s->col, "damaged workbook: number '%s'", v);
        }
        bool date = s->style >= 0 && (size_t)s->style < s->book->n_xf && s->book->xf_date[s->style];
        if (date && mc_xlsx_date(x, s->book->date1904, num)) {
            *out = num;
        } else if (!plain_number(v)) {
            *out = mc_fmt_real(num, x);
        }
        *len = strlen(*out);
    }
    /* "str" (a formula's text) and "d" (an ISO date) are the text itself */
    return MC_OK;
}

/* The end of a cell: its value becomes the field of its column. */
static enum mc_status end_cell(struct sheet *s, struct mc_error *err) {
    struct mc_csv_record r = at(s);
    if (s->col < 0) {
        s->col = (long)s->nf;
    }
    if ((size_t)s->col < s->nf) {
        return mc_csv_error(err, MC_E_DATA, &r, s->col, "damaged workbook: cells out of order");
    }
    if ((size_t)s->col >= s->max_cols) {
        return mc_csv_error(err, MC_E_DATA, &r, s->col, "more than %zu columns", s->max_cols);
    }
    char num[MC_REAL_BUFSZ];
    const char *v;
    size_t len;
    enum mc_status rc = cell_value(s, &v, &len, num, err);
    while (rc == MC_OK && s->nf < (size_t)s->col) {
        rc = push_field(s, "", 0, err);
    }
    if (rc != MC_OK) {
        return rc;
    }
    /* blanks around the text are dropped, as around an unquoted CSV field */
    while (len > 0 && (*v == ' ' || *v == '\t')) {
        v++;
        len--;
    }
    while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t')) {
        len--;
    }
    if (len > s->max_field) {
        return mc_csv_error(err, MC_E_DATA, &r, s->col, "field longer than %zu bytes",
                            s->max_field);
    }
    return push_field(s, v, len, err);
}

/* The end of a row: the header, a record, or nothing when every cell is empty. */
static enum mc_status end_row(struct sheet *s, struct mc_error *err) {
    size_t used = s->nf;
    while (used > 0 && s->lens[used - 1] == 0) {
        used--;
    }
    if (used == 0) {
        return MC_OK;
    }
    struct mc_csv_record r = at(s);
    enum mc_status rc = MC_OK;
    s->record++;
    if (s->record == 1) {
        s->nused = used;
        s->skipped.columns = s->nf - used;
    } else if (used > s->nused) {
        return mc_csv_error(err, MC_E_DATA, &r, (long)used - 1,
                            "value '%s' in a column without a name in the header",
                            s->text.s + s->off[used - 1]);
    }
    while (rc == MC_OK && s->nf < s->nused) {
        rc = push_field(s, "", 0, err);
    }
    if (rc == MC_OK && s->nused > s->cap_fields) {
        rc = mc_grow((void **)&s->fields, &s->cap_fields, s->nused, sizeof *s->fields, err);
    }
    if (rc != MC_OK) {
        return rc;
    }
    for (size_t i = 0; i < s->nused; i++) {
        s->fields[i] = s->text.s + s->off[i];
    }
    r.record = s->record;
    r.nfields = s->nused;
    r.fields = s->fields;
    r.lens = s->lens;
    return s->fn(s->ctx, &r, err);
}

/*
 * Walks the attributes of the current element without copying them (rows and
 * cells are most of a sheet): fn(name, value) for each.
 */
static void each_attr(xmlTextReaderPtr xr, struct sheet *s,
                      void (*fn)(struct sheet *s, const char *name, const char *value)) {
    if (xmlTextReaderMoveToFirstAttribute(xr) != 1) {
        return;
    }
    do {
        const char *name = (const char *)xmlTextReaderConstLocalName(xr);
        const char *value = (const char *)xmlTextReaderConstValue(xr);
        if (name != NULL && value != NULL) {
            fn(s, name, value);
        }
    } while (xmlTextReaderMoveToNextAttribute(xr) == 1);
    xmlTextReaderMoveToElement(xr);
}

static void row_attr(struct sheet *s, const char *name, const char *value) {
    long row;
    if (strcmp(name, "r") == 0 && mc_parse_long(value, 1, 1048576 * 16L, &row)) {
        s->row = row;
    }
}

static void start_row(struct sheet *s, xmlTextReaderPtr xr) {
    long prev = s->row;
    s->row = -1;
    each_attr(xr, s, row_attr);
    if (s->row < 0) {
        s->row = prev + 1;
    }
    s->nf = 0;
    s->text.len = 0;
}

static void cell_attr(struct sheet *s, const char *name, const char *value) {
    long style;
    if (strcmp(name, "r") == 0) {
        s->col = ref_column(value);
    } else if (strcmp(name, "t") == 0) {
        snprintf(s->type, sizeof s->type, "%s", value);
    } else if (strcmp(name, "s") == 0 && mc_parse_long(value, 0, LONG_MAX, &style)) {
        s->style = style;
    }
}

static void start_cell(struct sheet *s, xmlTextReaderPtr xr) {
    s->col = -1;
    s->type[0] = '\0';
    s->style = -1;
    each_attr(xr, s, cell_attr);
    s->has_v = s->has_f = s->in_v = s->in_is_t = false;
    s->val.len = 0;
    if (s->val.s != NULL) {
        s->val.s[0] = '\0';
    }
}

/* Streams the sheet's XML: rows of cells, each cell's <v>, <f> and <is><t>. */
static enum mc_status read_sheet(struct sheet *s, struct part *p, struct mc_error *err) {
    enum mc_status rc = MC_OK;
    bool in_row = false, in_cell = false, in_is = false;
    int r;
    while (rc == MC_OK && (r = xmlTextReaderRead(p->xr)) == 1) {
        int type = xmlTextReaderNodeType(p->xr);
        bool empty = xmlTextReaderIsEmptyElement(p->xr);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (is(p->xr, "row")) {
                start_row(s, p->xr);
                in_row = !empty;
                if ((s->row & 4095) == 0 && mc_interrupted()) {
                    rc = mc_error_set(err, MC_E_INTERRUPTED, s->path, 0, "interrupted");
                }
            } else if (in_row && is(p->xr, "c")) {
                start_cell(s, p->xr);
                in_cell = !empty;
                if (empty) {
                    rc = end_cell(s, err);
                }
            } else if (in_cell && is(p->xr, "v")) {
                s->has_v = true;
                s->in_v = !empty;
            } else if (in_cell && is(p->xr, "f")) {
                s->has_f = true;
            } else if (in_cell && is(p->xr, "is")) {
                in_is = !empty;
            } else if (in_is && is(p->xr, "t")) {
                s->in_is_t = !empty;
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (is(p->xr, "row") && in_row) {
                in_row = false;
                rc = end_row(s, err);
            } else if (is(p->xr, "c") && in_cell) {
                in_cell = false;
                rc = end_cell(s, err);
            } else if (is(p->xr, "v")) {
                s->in_v = false;
            } else if (is(p->xr, "is")) {
                in_is = false;
            } else if (is(p->xr, "t")) {
                s->in_is_t = false;
            }
        } else if ((s->in_v || s->in_is_t) && is_text(p->xr)) {
            const char *v = (const char *)xmlTextReaderConstValue(p->xr);
            rc = buf_add(&s->val, v, strlen(v), err);
        }
    }
    if (rc == MC_OK && r < 0) {
        rc = part_failed(p, err);
    }
    return rc;
}

/* The index of the sheet to read: `want`, else `prefer`, else the first. */
static enum mc_status pick_sheet(const struct book *b, const char *want, const char *prefer,
                                 size_t *out, struct mc_error *err) {
    const char *name = want ? want : prefer;
    for (size_t i = 0; name != NULL && i < b->n_sheets; i++) {
        if (mc_utf8_eq_fold(name, b->sheet_name[i], strlen(b->sheet_name[i]))) {
            *out = i;
            return MC_OK;
        }
    }
    if (want == NULL) {
        *out = 0;
        return MC_OK;
    }
    char all[512];
    mc_quote_list((const char *const *)b->sheet_name, b->n_sheets, all, sizeof all);
    return mc_error_set(err, MC_E_DATA, b->display, 0, "no sheet '%s' in the workbook (sheets: %s)",
                        want, all);
}

enum mc_status mc_xlsx_read(const char *file, const char *sheet, const char *prefer,
                            const char *display, const struct mc_csv_options *opt,
                            mc_csv_record_fn fn, void *ctx, struct mc_csv_skipped *skipped,
                            struct mc_error *err) {
    struct book b;
    struct part p;
    struct sheet s;
    char *path = NULL;
    size_t idx = 0;

    memset(&p, 0, sizeof p);
    memset(&s, 0, sizeof s);
    enum mc_status rc = book_open(&b, file, display ? display : file, true, err);
    if (rc != MC_OK) {
        return rc;
    }
    if ((rc = pick_sheet(&b, sheet, prefer, &idx, err)) != MC_OK) {
        goto out;
    }
    path = malloc(strlen(b.display) + strlen(b.sheet_name[idx]) + 2);
    if (path == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, b.display, 0, "out of memory");
        goto out;
    }
    sprintf(path, "%s#%s", b.display, b.sheet_name[idx]);
    s.book = &b;
    s.path = path;
    s.opt = opt;
    s.fn = fn;
    s.ctx = ctx;
    s.max_field = opt && opt->max_field_bytes ? opt->max_field_bytes : DEFAULT_MAX_FIELD;
    s.max_cols = opt && opt->max_columns ? opt->max_columns : DEFAULT_MAX_COLUMNS;
    if ((rc = part_open(&b, b.sheet_part[idx], &p, NULL, err)) != MC_OK) {
        goto out;
    }
    rc = read_sheet(&s, &p, err);
    if (rc == MC_OK && s.record == 0) {
        rc = mc_error_set(err, MC_E_DATA, path, 0, "sheet is empty");
    } else if (rc == MC_OK && s.record == 1 && opt && opt->require_rows) {
        rc = mc_error_set(err, MC_E_DATA, path, 0, "has a header but no data rows");
    }
    if (skipped != NULL) {
        *skipped = s.skipped;
    }
out:
    part_close_all(&p);
    free(s.text.s);
    free(s.val.s);
    free(s.off);
    free(s.lens);
    free(s.fields);
    free(path);
    book_close(&b);
    return rc;
}
