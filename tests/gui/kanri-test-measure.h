/* kanri-test-measure.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *kanri_test_find_bad_measure (GtkWidget *root);
char *kanri_test_find_cut_buttons (GtkWidget *root);
char *kanri_test_find_cut_text    (GtkWidget *root);
char *kanri_test_describe_widget  (GtkWidget *widget);
char *kanri_test_describe_widest  (GtkWidget *root,
                                   int        width);

G_END_DECLS
