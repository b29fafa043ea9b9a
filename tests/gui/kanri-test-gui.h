/* kanri-test-gui.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     kanri_test_gui_init        (int          *argc,
                                     char       ***argv);
gboolean kanri_test_wait_for        (gboolean    (*condition) (gpointer data),
                                     gpointer      data,
                                     guint         timeout_ms);
void     kanri_test_iterate         (guint         ms);
gboolean kanri_test_wait_frames     (GtkWidget    *widget,
                                     guint         n_frames);
gboolean kanri_test_wait_settled    (GtkWidget    *widget);
void     kanri_test_save_screenshot (GtkWidget    *widget,
                                     const char   *name);
GtkWidget *kanri_test_find_child    (GtkWidget    *root,
                                     GType         type,
                                     const char   *label);
GtkWidget *kanri_test_find_by_id    (GtkWidget    *root,
                                     const char   *id);
GtkWidget *kanri_test_find_alert    (void);
void     kanri_test_wait_for_analyses (gpointer      page);

G_END_DECLS
