#include "metaclust/report.h"

#include <math.h>
#include <string.h>

#include "metaclust/util.h"

bool mc_format_parse(const char *s, enum mc_format *out) {
    static const char *const names[] = {"table", "csv", "json"};
    for (size_t i = 0; i < MC_ARRAY_SIZE(names); i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (enum mc_format)i;
            return true;
        }
    }
    return false;
}

const char *mc_format_name(enum mc_format f) {
    switch (f) {
    case MC_FORMAT_CSV:
        return "csv";
    case MC_FORMAT_JSON:
        return "json";
    default:
        return "table";
    }
}

json_t *mc_json_number(double x) {
    if (isfinite(x) && x == floor(x) && fabs(x) < 9007199254740992.0) {
        return json_integer((json_int_t)x);
    }
    if (!isfinite(x)) {
        return json_null(); /* JSON has no NaN or infinity */
    }
    return json_real(x);
}

json_t *mc_json_real(double x) {
    return isfinite(x) ? json_real(x) : json_null();
}

bool mc_json_put(json_t *obj, const char *key, json_t *value) {
    if (value == NULL) {
        return false;
    }
    return json_object_set_new(obj, key, value) == 0;
}

static int dump_cb(const char *buffer, size_t size, void *data) {
    return fwrite(buffer, 1, size, data) == size ? 0 : -1;
}

enum mc_status mc_json_write(const json_t *root, FILE *f, const char *path, struct mc_error *err) {
    if (json_dump_callback(root, dump_cb, f,
                           JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17)) != 0 ||
        fputc('\n', f) == EOF) {
        return mc_error_set(err, MC_E_IO, path ? path : "standard output", 0, "write error");
    }
    return MC_OK;
}

char *mc_fmt_count(char *buf, size_t n) {
    char tmp[32];
    int len = snprintf(tmp, sizeof tmp, "%zu", n);
    int out = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            buf[out++] = ',';
        }
        buf[out++] = tmp[i];
    }
    buf[out] = '\0';
    return buf;
}

char *mc_fmt_human(char *buf, size_t bufsz, double x, int digits) {
    if (isfinite(x) && x == floor(x) && fabs(x) < 1e15) {
        snprintf(buf, bufsz, "%.0f", x);
    } else {
        snprintf(buf, bufsz, "%.*g", digits, x);
    }
    return buf;
}
