/* kanri-powershell-label.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-powershell-label"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kanri-powershell-label.h"

/* PowerShell shown in a label wraps between its words, never after the
 * hyphen of a cmdlet or a parameter: "New-" at the end of a line and
 * "InboundConnector" on the next read as two commands, and a line that
 * ends in "-" as a parameter without its name. Pango breaks after a hyphen
 * on its own; an attribute forbids it inside every word that holds one.
 * The text itself is unchanged, so what is selected and copied runs. */
static PangoAttrList *
no_breaks_in_hyphenated_words (const char *text)
{
  PangoAttrList *attributes = pango_attr_list_new ();
  const char *word = text;

  while (*word != '\0')
    {
      const char *end;

      while (*word == ' ' || *word == '\n' || *word == '\t')
        word++;
      end = word;
      while (*end != '\0' && *end != ' ' && *end != '\n' && *end != '\t')
        end++;

      if (end > word && memchr (word, '-', end - word) != NULL)
        {
          PangoAttribute *attribute = pango_attr_allow_breaks_new (FALSE);

          attribute->start_index = word - text;
          attribute->end_index = end - text;
          pango_attr_list_insert (attributes, attribute);
        }

      word = end;
    }

  return attributes;
}

/**
 * kanri_powershell_label_set_text:
 * @powershell: (nullable): a PowerShell command line
 *
 * Shows @powershell in @label, wrapping only between its words.
 */
void
kanri_powershell_label_set_text (GtkLabel   *label,
                                 const char *powershell)
{
  g_autoptr(PangoAttrList) attributes = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));

  if (powershell == NULL)
    powershell = "";

  attributes = no_breaks_in_hyphenated_words (powershell);
  gtk_label_set_use_markup (label, FALSE);
  gtk_label_set_label (label, powershell);
  gtk_label_set_attributes (label, attributes);
}

/**
 * kanri_powershell_label_new:
 *
 * Returns: (transfer floating): a selectable code block showing
 *   @powershell, as the pages and wizards show the PowerShell of a change
 */
GtkWidget *
kanri_powershell_label_new (const char *powershell)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "kanri-code");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, _("PowerShell"), -1);
  kanri_powershell_label_set_text (GTK_LABEL (label), powershell);

  return label;
}
