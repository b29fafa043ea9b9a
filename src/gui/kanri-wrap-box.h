/* kanri-wrap-box.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KANRI_TYPE_WRAP_BOX (kanri_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (KanriWrapBox, kanri_wrap_box, KANRI, WRAP_BOX, GtkWidget)

GtkWidget *kanri_wrap_box_new             (void);
void       kanri_wrap_box_append          (KanriWrapBox *self,
                                           GtkWidget    *child);
int        kanri_wrap_box_get_spacing     (KanriWrapBox *self);
void       kanri_wrap_box_set_spacing     (KanriWrapBox *self,
                                           int           spacing);
int        kanri_wrap_box_get_row_spacing (KanriWrapBox *self);
void       kanri_wrap_box_set_row_spacing (KanriWrapBox *self,
                                           int           spacing);

G_END_DECLS
