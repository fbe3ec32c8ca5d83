#include "metaclust/labels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "metaclust/util.h"

#define RINGS      10  /* default reach: this many label heights beyond the node */
#define RING_STEPS 16  /* positions on the first ring; farther rings get more */
#define RING_COST  0.5 /* cost of one ring out, against 1 per soft disc covered */
#define BLOCKED    HUGE_VAL
#define PI         3.14159265358979323846

bool mc_boxes_overlap(double ax, double ay, double aw, double ah, double bx, double by, double bw,
                      double bh) {
    return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

bool mc_disc_box_overlap(double cx, double cy, double r, double bx, double by, double bw,
                         double bh) {
    double nx = fmax(bx, fmin(cx, bx + bw)), ny = fmax(by, fmin(cy, by + bh));
    double dx = cx - nx, dy = cy - ny;
    return dx * dx + dy * dy < r * r;
}

/* ==== A uniform grid of discs and boxes ==== */

struct entry {
    int32_t what; /* >= 0: box index; < 0: disc -(what + 1), soft ones after the hard */
    int32_t next;
};

struct grid {
    double x0, y0, cell;
    size_t gx, gy;
    int32_t *head;
    struct entry *e;
    size_t ne, cap;
};

static void cell_range(const struct grid *g, double x, double y, double w, double h, size_t *a0,
                       size_t *b0, size_t *a1, size_t *b1) {
    double fa0 = floor((x - g->x0) / g->cell), fb0 = floor((y - g->y0) / g->cell);
    double fa1 = floor((x + w - g->x0) / g->cell), fb1 = floor((y + h - g->y0) / g->cell);
    double mx = (double)g->gx - 1, my = (double)g->gy - 1;
    *a0 = (size_t)fmax(0, fmin(mx, fa0));
    *b0 = (size_t)fmax(0, fmin(my, fb0));
    *a1 = (size_t)fmax(0, fmin(mx, fa1));
    *b1 = (size_t)fmax(0, fmin(my, fb1));
}

static enum mc_status grid_add(struct grid *g, int32_t what, double x, double y, double w, double h,
                               struct mc_error *err) {
    size_t a0, b0, a1, b1;
    cell_range(g, x, y, w, h, &a0, &b0, &a1, &b1);
    for (size_t b = b0; b <= b1; b++) {
        for (size_t a = a0; a <= a1; a++) {
            if (g->ne == g->cap &&
                mc_grow((void **)&g->e, &g->cap, g->ne + 1, sizeof *g->e, err) != MC_OK) {
                return MC_E_NOMEM;
            }
            size_t c = b * g->gx + a;
            g->e[g->ne].what = what;
            g->e[g->ne].next = g->head[c];
            g->head[c] = (int32_t)g->ne++;
        }
    }
    return MC_OK;
}

struct placer {
    struct grid grid;
    const struct mc_label_item *items;
    const struct mc_disc *discs;
    size_t nd;
    struct mc_label_spot *out;
    const struct mc_label_options *opt;
    uint32_t *seen; /* per soft disc: the last query that counted it (discs span cells) */
    uint32_t query;
};

/*
 * The cost of a box: BLOCKED when it leaves the frame or meets a hard disc or
 * a placed box (with the padding), else the number of soft discs it covers.
 */
static double box_cost(struct placer *p, double x, double y, double w, double h) {
    const struct mc_label_options *o = p->opt;
    if (x < o->xmin || y < o->ymin || x + w > o->xmax || y + h > o->ymax) {
        return BLOCKED;
    }
    double cost = 0;
    p->query++;
    double q = o->pad / 2; /* half the gap on each side keeps boxes pad apart */
    size_t a0, b0, a1, b1;
    cell_range(&p->grid, x - q, y - q, w + 2 * q, h + 2 * q, &a0, &b0, &a1, &b1);
    for (size_t b = b0; b <= b1; b++) {
        for (size_t a = a0; a <= a1; a++) {
            for (int32_t k = p->grid.head[b * p->grid.gx + a]; k >= 0; k = p->grid.e[k].next) {
                int32_t what = p->grid.e[k].what;
                if (what < 0 && (size_t)(-(what + 1)) >= p->nd) {
                    size_t j = (size_t)(-(what + 1)) - p->nd;
                    const struct mc_disc *d = &o->soft[j];
                    if (p->seen[j] != p->query &&
                        mc_disc_box_overlap(d->x, d->y, d->r, x, y, w, h)) {
                        p->seen[j] = p->query;
                        cost += 1;
                    }
                } else if (what < 0) {
                    const struct mc_disc *d = &p->discs[-(what + 1)];
                    if (mc_disc_box_overlap(d->x, d->y, d->r + q, x, y, w, h)) {
                        return BLOCKED;
                    }
                } else {
                    const struct mc_label_spot *s = &p->out[what];
                    const struct mc_label_item *it = &p->items[what];
                    if (mc_boxes_overlap(x - q, y - q, w + 2 * q, h + 2 * q, s->x - q, s->y - q,
                                         it->w + 2 * q, it->h + 2 * q)) {
                        return BLOCKED;
                    }
                }
            }
        }
    }
    return cost;
}

/* The k-th of the eight candidate boxes around an item (k in 0..7). */
static void candidate(const struct mc_label_item *it, double pad, int k, double *x, double *y) {
    double d = it->r + pad, c = it->r * 0.7071 + pad * 0.7071;
    switch (k) {
    case 0: /* right */
        *x = it->x + d;
        *y = it->y - it->h / 2;
        break;
    case 1: /* upper right */
        *x = it->x + c;
        *y = it->y - c - it->h;
        break;
    case 2: /* lower right */
        *x = it->x + c;
        *y = it->y + c;
        break;
    case 3: /* left */
        *x = it->x - d - it->w;
        *y = it->y - it->h / 2;
        break;
    case 4: /* upper left */
        *x = it->x - c - it->w;
        *y = it->y - c - it->h;
        break;
    case 5: /* lower left */
        *x = it->x - c - it->w;
        *y = it->y + c;
        break;
    case 6: /* above */
        *x = it->x - it->w / 2;
        *y = it->y - d - it->h;
        break;
    default: /* below */
        *x = it->x - it->w / 2;
        *y = it->y + d;
        break;
    }
}

struct order {
    double priority;
    size_t i;
};

static int cmp_order(const void *a, const void *b) {
    const struct order *p = a, *q = b;
    if (p->priority != q->priority) {
        return p->priority > q->priority ? -1 : 1;
    }
    return (p->i > q->i) - (p->i < q->i);
}

enum mc_status mc_labels_place(const struct mc_label_item *items, size_t n,
                               const struct mc_disc *discs, size_t nd,
                               const struct mc_label_options *opt, struct mc_label_spot *out,
                               struct mc_error *err) {
    enum mc_status rc = MC_OK;
    struct placer p;
    struct order *ord = calloc(n + 1, sizeof *ord);
    memset(&p, 0, sizeof p);
    p.items = items;
    p.discs = discs;
    p.nd = nd;
    p.seen = calloc(opt->n_soft + 1, sizeof *p.seen);
    p.out = out;
    p.opt = opt;
    if (ord == NULL || p.seen == NULL) {
        free(ord);
        free(p.seen);
        return mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (labels)");
    }
    /* cells about two label heights square, at most ~4 per label or disc */
    double hsum = 0;
    for (size_t i = 0; i < n; i++) {
        hsum += items[i].h;
        out[i].state = MC_LABEL_DROPPED;
        out[i].x = out[i].y = 0;
        ord[i].priority = isfinite(items[i].priority) ? items[i].priority : -HUGE_VAL;
        ord[i].i = i;
    }
    double fw = fmax(opt->xmax - opt->xmin, 1), fh = fmax(opt->ymax - opt->ymin, 1);
    double cell = fmax(n ? 2 * hsum / (double)n : 16,
                       sqrt(fw * fh / (4.0 * (double)(n + nd + opt->n_soft) + 16)));
    p.grid.x0 = opt->xmin;
    p.grid.y0 = opt->ymin;
    p.grid.cell = cell;
    p.grid.gx = (size_t)(fw / cell) + 1;
    p.grid.gy = (size_t)(fh / cell) + 1;
    p.grid.head = malloc(p.grid.gx * p.grid.gy * sizeof *p.grid.head);
    if (p.grid.head == NULL) {
        rc = mc_error_set(err, MC_E_NOMEM, NULL, 0, "out of memory (labels)");
        goto out;
    }
    for (size_t c = 0; c < p.grid.gx * p.grid.gy; c++) {
        p.grid.head[c] = -1;
    }
    for (size_t k = 0; k < nd; k++) {
        const struct mc_disc *d = &discs[k];
        if ((rc = grid_add(&p.grid, -(int32_t)k - 1, d->x - d->r, d->y - d->r, 2 * d->r, 2 * d->r,
                           err)) != MC_OK) {
            goto out;
        }
    }
    for (size_t k = 0; k < opt->n_soft; k++) {
        const struct mc_disc *d = &opt->soft[k];
        if ((rc = grid_add(&p.grid, -(int32_t)(nd + k) - 1, d->x - d->r, d->y - d->r, 2 * d->r,
                           2 * d->r, err)) != MC_OK) {
            goto out;
        }
    }
    qsort(ord, n, sizeof *ord, cmp_order);
    for (size_t r = 0; r < n; r++) {
        size_t i = ord[r].i;
        const struct mc_label_item *it = &items[i];
        double x = 0, y = 0, best = BLOCKED;
        enum mc_label_state st = MC_LABEL_DROPPED;
        for (int k = 0; k < 8 && best > 0; k++) {
            double cx, cy, cost;
            candidate(it, opt->pad, k, &cx, &cy);
            if ((cost = box_cost(&p, cx, cy, it->w, it->h)) < best) {
                best = cost;
                x = cx;
                y = cy;
                st = MC_LABEL_PLACED;
            }
        }
        double reach = opt->reach > 0 ? opt->reach : RINGS * (it->h + opt->pad);
        /* farther rings only while they can still beat the best so far */
        for (int ring = 1; best > ring * RING_COST; ring++) {
            double d = it->r + opt->pad + ring * (it->h + opt->pad);
            if (d - it->r - opt->pad > reach) {
                break;
            }
            int steps = (int)fmax(RING_STEPS, ceil(2 * PI * d / (it->h + opt->pad)));
            for (int s = 0; s < steps; s++) {
                double a = 2 * PI * s / steps, cost;
                double cx = it->x + (d + it->w / 2) * cos(a) - it->w / 2;
                double cy = it->y + (d + it->h / 2) * sin(a) - it->h / 2;
                if ((cost = box_cost(&p, cx, cy, it->w, it->h)) + ring * RING_COST < best) {
                    best = cost + ring * RING_COST;
                    x = cx;
                    y = cy;
                    st = MC_LABEL_DISPLACED;
                }
            }
        }
        if (st == MC_LABEL_DROPPED && opt->keep_all) { /* first choice, kept in the frame */
            candidate(it, opt->pad, 0, &x, &y);
            x = fmax(opt->xmin, fmin(x, opt->xmax - it->w));
            y = fmax(opt->ymin, fmin(y, opt->ymax - it->h));
            st = MC_LABEL_FORCED;
        }
        if (st == MC_LABEL_DROPPED) {
            continue;
        }
        out[i].state = st;
        out[i].x = x;
        out[i].y = y;
        if ((rc = grid_add(&p.grid, (int32_t)i, x - opt->pad, y - opt->pad, it->w + 2 * opt->pad,
                           it->h + 2 * opt->pad, err)) != MC_OK) {
            goto out;
        }
    }
out:
    free(ord);
    free(p.seen);
    free(p.grid.head);
    free(p.grid.e);
    return rc;
}
