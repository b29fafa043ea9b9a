/* kanri-split-layout.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KANRI_TYPE_SPLIT_LAYOUT (kanri_split_layout_get_type ())

G_DECLARE_FINAL_TYPE (KanriSplitLayout, kanri_split_layout, KANRI, SPLIT_LAYOUT, GtkWidget)

GtkWidget *kanri_split_layout_new              (void);
GtkWidget *kanri_split_layout_get_sidebar      (KanriSplitLayout *self);
void       kanri_split_layout_set_sidebar      (KanriSplitLayout *self,
                                                GtkWidget        *sidebar);
GtkWidget *kanri_split_layout_get_content      (KanriSplitLayout *self);
void       kanri_split_layout_set_content      (KanriSplitLayout *self,
                                                GtkWidget        *content);
gboolean   kanri_split_layout_get_collapsed    (KanriSplitLayout *self);
gboolean   kanri_split_layout_get_show_sidebar (KanriSplitLayout *self);
void       kanri_split_layout_set_show_sidebar (KanriSplitLayout *self,
                                                gboolean          show_sidebar);
int        kanri_split_layout_get_collapse_width (KanriSplitLayout *self);
void       kanri_split_layout_set_collapse_width (KanriSplitLayout *self,
                                                  int               width);

G_END_DECLS
