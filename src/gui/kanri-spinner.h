/* kanri-spinner.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KANRI_TYPE_SPINNER (kanri_spinner_get_type ())

G_DECLARE_FINAL_TYPE (KanriSpinner, kanri_spinner, KANRI, SPINNER, GtkWidget)

GtkWidget *kanri_spinner_new          (void);
gboolean   kanri_spinner_get_spinning (KanriSpinner *self);
void       kanri_spinner_set_spinning (KanriSpinner *self,
                                       gboolean      spinning);

G_END_DECLS
