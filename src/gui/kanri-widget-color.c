/* kanri-widget-color.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-widget-color"

#include "config.h"

#include "kanri-widget-color.h"

/**
 * kanri_widget_get_foreground:
 * @color: (out): the widget's text color, from its CSS
 *
 * For widgets that draw their own text and lines. GTK 4.10 replaced the
 * style context's color with gtk_widget_get_color(); Debian 12 has 4.8,
 * the Flatpak runtime a later GTK.
 */
void
kanri_widget_get_foreground (GtkWidget *widget,
                             GdkRGBA   *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (color != NULL);

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}
