/* kanri-chart-text.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kanri_chart_draw_text (cairo_t    *cr,
                            GtkWidget  *widget,
                            const char *text,
                            double      x,
                            double      y,
                            double      align);

G_END_DECLS
