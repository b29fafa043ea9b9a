/* kanri-retry-timeline-private.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-retry-timeline.h"

G_BEGIN_DECLS

/* Room left of the first attempt and right of the NDR, so their marks are
 * not cut in half by the widget's edges. */
#define KANRI_RETRY_TIMELINE_MARGIN 16.0

/* Pixels kept free between two hour labels, so they read as separate
 * labels and not as one run of text. */
#define KANRI_RETRY_TIMELINE_LABEL_GAP 12

/* The label placement of the chart, apart from the drawing so that tests can
 * check it with measured label widths in any language. */
int    _kanri_retry_timeline_hour_step  (double span,
                                         int    hours,
                                         int    label_width);
double _kanri_retry_timeline_label_left (double x,
                                         double align,
                                         int    label_width,
                                         double width);

G_END_DECLS
