#ifndef METACLUST_REPORT_H
#define METACLUST_REPORT_H

/*
 * Shared pieces of the output layer: the format switch, JSON numbers and
 * writing (jansson), and number formatting for people.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "metaclust/error.h"

enum mc_format { MC_FORMAT_TABLE = 0, MC_FORMAT_CSV, MC_FORMAT_JSON };

bool mc_format_parse(const char *s, enum mc_format *out);
const char *mc_format_name(enum mc_format f);

/* A JSON integer when x is integral and exactly representable, else a real. NULL on ENOMEM. */
json_t *mc_json_number(double x);

/* A JSON real, or null when x is NaN or infinite (JSON has neither). NULL on ENOMEM. */
json_t *mc_json_real(double x);

/*
 * Sets key to value, taking ownership of `value` (jansson's _new variant);
 * returns false on allocation failure or a NULL value.
 */
bool mc_json_put(json_t *obj, const char *key, json_t *value);

/* Writes `root` indented by 2, keys in insertion order, and a final newline. */
enum mc_status mc_json_write(const json_t *root, FILE *f, const char *path, struct mc_error *err);

/* "1,234,567" for people. buf needs 32 bytes. */
char *mc_fmt_count(char *buf, size_t n);

/* A real for people: up to `digits` significant digits, integers without decimals. */
char *mc_fmt_human(char *buf, size_t bufsz, double x, int digits);

#endif
