/* kanri-chart-text.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-chart-text.h"

/**
 * kanri_chart_draw_text:
 * @x: where the text is anchored
 * @y: the middle of the text's line
 * @align: which point of the text is at @x: 0 its start, 0.5 its middle,
 *   1 its end
 *
 * Writes @text in @widget's font, in the source colour of @cr: the charts'
 * labels.
 */
void
kanri_chart_draw_text (cairo_t    *cr,
                       GtkWidget  *widget,
                       const char *text,
                       double      x,
                       double      y,
                       double      align)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * align, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}
