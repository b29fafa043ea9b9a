/* main.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "kanri-application.h"
#include "kanri-i18n.h"
#include "kanri-resources.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KanriApplication) app = NULL;

  kanri_report_phase ("main");

  /* GLib 2.74's slice allocator (Debian 12; newer GLib has none) costs a
   * third of a sync's time on json-glib's many small nodes (bench/tenant). */
  g_setenv ("G_SLICE", "always-malloc", FALSE);

  /* The locale is set once, here, where LANGUAGE alone can choose the
   * language: GTK setting it again would undo that. */
  kanri_i18n_init ();
  gtk_disable_setlocale ();

  kanri_register_resource ();

  g_set_application_name ("Kanri");

  app = kanri_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
