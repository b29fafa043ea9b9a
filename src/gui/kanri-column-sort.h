/* kanri-column-sort.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KANRI_TYPE_COLUMN_SORT (kanri_column_sort_get_type ())

G_DECLARE_FINAL_TYPE (KanriColumnSort, kanri_column_sort, KANRI, COLUMN_SORT, GObject)

KanriColumnSort *kanri_column_sort_new        (GtkColumnView       *view);
void             kanri_column_sort_add_column (KanriColumnSort     *self,
                                               GtkColumnViewColumn *column,
                                               int                  key);
gboolean         kanri_column_sort_get        (KanriColumnSort     *self,
                                               int                 *key,
                                               gboolean            *descending);

G_END_DECLS
