/* kanri-widget-color.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kanri_widget_get_foreground (GtkWidget *widget,
                                  GdkRGBA   *color);

G_END_DECLS
