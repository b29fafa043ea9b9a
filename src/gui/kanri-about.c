/* kanri-about.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-about"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kanri-about.h"

/* AdwAboutDialog (libadwaita 1.5) sits inside the window it is about;
 * before it, AdwAboutWindow is a window of its own. Their properties are
 * the same. */
#if ADW_CHECK_VERSION (1, 5, 0)
# define ABOUT_TYPE ADW_TYPE_ABOUT_DIALOG
#else
# define ABOUT_TYPE ADW_TYPE_ABOUT_WINDOW
#endif

/**
 * kanri_show_about:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer none): the About dialog (or window), shown
 */
GtkWidget *
kanri_show_about (GtkWindow *parent)
{
  static const char *developers[] = { "The Kanri authors", NULL };
  static const char *field_notes[] = {
    "社畜の所業 https://it-bibouroku.hateblo.jp/",
    NULL
  };
  GtkWidget *about;

  about = g_object_new (ABOUT_TYPE,
                        "application-name", "Kanri",
                        "application-icon", APP_ID,
                        "developer-name", "The Kanri authors",
                        "version", PACKAGE_VERSION,
                        "comments", _("A console for Exchange Online administrators: connectors "
                                      "and enhanced filtering, message header analysis, "
                                      "recoverable items, mailbox auditing and delivery "
                                      "troubleshooting, with the PowerShell of every change."),
                        "website", "https://github.com/kanri/kanri",
                        "issue-url", "https://github.com/kanri/kanri/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Kanri authors",
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);

  /* The jobs Kanri does come from an Exchange Online administrator's field
   * notes (the project's seed). */
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_about_dialog_add_acknowledgement_section (ADW_ABOUT_DIALOG (about),
                                                _("Field Notes"), field_notes);
  adw_dialog_present (ADW_DIALOG (about), GTK_WIDGET (parent));
#else
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("Field Notes"), field_notes);
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
#endif

  return about;
}
