/* kanri-text-cell.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KANRI_TYPE_TEXT_CELL (kanri_text_cell_get_type ())

G_DECLARE_FINAL_TYPE (KanriTextCell, kanri_text_cell, KANRI, TEXT_CELL, GtkWidget)

GtkWidget  *kanri_text_cell_new      (void);
const char *kanri_text_cell_get_text (KanriTextCell *self);
void        kanri_text_cell_set_text (KanriTextCell *self,
                                      const char    *text);
gboolean    kanri_text_cell_get_cut  (KanriTextCell *self);

G_END_DECLS
