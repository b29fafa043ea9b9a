/* kanri-powershell-label.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       kanri_powershell_label_set_text (GtkLabel   *label,
                                            const char *powershell);
GtkWidget *kanri_powershell_label_new      (const char *powershell);

G_END_DECLS
