/* kanri-finding-row.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *kanri_finding_row_new        (const char *title,
                                         const char *message,
                                         gboolean    warning);
void       kanri_finding_row_add_button (GtkWidget  *row,
                                         GtkWidget  *button);

G_END_DECLS
