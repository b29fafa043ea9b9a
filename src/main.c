/* main.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kanri-application.h"
#include "kanri-resources.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KanriApplication) app = NULL;
  const char *localedir;

  /* GLib 2.74's slice allocator (Debian 12; newer GLib has none) costs a
   * third of a sync's time on json-glib's many small nodes (bench/tenant). */
  g_setenv ("G_SLICE", "always-malloc", FALSE);

  /* KANRI_LOCALEDIR lets the tests and ./dev.sh run the Japanese UI from a
   * build tree, before anything is installed. */
  localedir = g_getenv ("KANRI_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  kanri_register_resource ();

  g_set_application_name ("Kanri");

  app = kanri_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
