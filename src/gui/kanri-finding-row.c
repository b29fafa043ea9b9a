/* kanri-finding-row.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-finding-row.h"
#include "kanri-wrap-box.h"

/* A finding in a boxed list (the Connectors page's MX check, the batch
 * analysis's findings across messages): what is wrong, why, and the way
 * on as buttons under the text, which wrap. Beside the text, as an action
 * row has them, the buttons would cut their labels or hold the page wider
 * than a phone's width. */

/**
 * kanri_finding_row_new:
 * @warning: whether it is a warning (an icon says so)
 *
 * Returns: (transfer floating): a list box row, named by @title
 */
GtkWidget *
kanri_finding_row_new (const char *title,
                       const char *message,
                       gboolean    warning)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *text = gtk_grid_new ();
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *message_label = gtk_label_new (message);
  GtkWidget *buttons = kanri_wrap_box_new ();

  gtk_grid_set_column_spacing (GTK_GRID (text), 12);
  gtk_grid_set_row_spacing (GTK_GRID (text), 3);
  if (warning)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_grid_attach (GTK_GRID (text), icon, 0, 0, 1, 2);
    }

  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_grid_attach (GTK_GRID (text), title_label, 1, 0, 1, 1);

  gtk_label_set_wrap (GTK_LABEL (message_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (message_label), 0);
  gtk_widget_add_css_class (message_label, "dim-label");
  gtk_widget_add_css_class (message_label, "caption");
  gtk_grid_attach (GTK_GRID (text), message_label, 1, 1, 1, 1);

  kanri_wrap_box_set_spacing (KANRI_WRAP_BOX (buttons), 6);
  kanri_wrap_box_set_row_spacing (KANRI_WRAP_BOX (buttons), 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_visible (buttons, FALSE);
  g_object_set_data (G_OBJECT (row), "kanri-finding-buttons", buttons);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  return row;
}

/**
 * kanri_finding_row_add_button:
 * @row: a row from kanri_finding_row_new()
 *
 * Adds a way on under the text, after the others.
 */
void
kanri_finding_row_add_button (GtkWidget *row,
                              GtkWidget *button)
{
  GtkWidget *buttons;

  g_return_if_fail (GTK_IS_LIST_BOX_ROW (row));
  g_return_if_fail (GTK_IS_WIDGET (button));

  buttons = g_object_get_data (G_OBJECT (row), "kanri-finding-buttons");
  g_return_if_fail (KANRI_IS_WRAP_BOX (buttons));

  kanri_wrap_box_append (KANRI_WRAP_BOX (buttons), button);
  gtk_widget_set_visible (buttons, TRUE);
}
