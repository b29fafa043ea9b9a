/* kanri-emulator-main.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-emulator"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "kanri-emulator.h"
#include "kanri-i18n.h"

/* kanri-emulator [--port N] [--seed FILE] [--state FILE]
 *                [--generate-mailboxes N] [--fault SPEC]… */

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriEmulator) emulator = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *state = NULL;
  g_autofree char *invoke_url = NULL;
  g_auto(GStrv) faults = NULL;
  int port = 0;
  int generate = 0;
  gboolean reset = FALSE;
  gboolean auto_approve = FALSE;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("Listen on this port of 127.0.0.1 (default: any free port)"), N_("PORT") },
    { "seed", 0, 0, G_OPTION_ARG_FILENAME, &seed, N_("Seed the tenant from this file (default: the demo tenant)"), N_("FILE") },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state, N_("Keep the tenant in this SQLite file (default: in memory)"), N_("FILE") },
    { "reset", 0, 0, G_OPTION_ARG_NONE, &reset, N_("Seed the tenant again even if the state file has one"), NULL },
    { "generate-mailboxes", 0, 0, G_OPTION_ARG_INT, &generate, N_("Add this many generated mailboxes"), N_("N") },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults, N_("Inject a fault: KIND[,key=value…], e.g. 429,retry-after=2,count=1"), N_("SPEC") },
    { "auto-approve", 0, 0, G_OPTION_ARG_NONE, &auto_approve, N_("Approve every device code sign-in at its first poll"), NULL },
    { NULL }
  };

  kanri_i18n_init ();

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("An Exchange Online emulator on this computer, for the demo tenant and tests."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "kanri-emulator: %s\n", error->message);
      return 2;
    }

  if (port < 0 || port > 65535 || generate < 0)
    {
      fprintf (stderr, "kanri-emulator: %s\n", _("--port and --generate-mailboxes take positive numbers"));
      return 2;
    }

  emulator = kanri_emulator_new (state, &error);
  if (emulator == NULL ||
      ((reset || !kanri_emulator_is_seeded (emulator)) && !kanri_emulator_seed (emulator, seed, &error)) ||
      (generate > 0 && !kanri_emulator_generate_mailboxes (emulator, (guint)generate, &error)))
    {
      fprintf (stderr, "kanri-emulator: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      if (!kanri_emulator_add_fault (emulator, faults[i], &error))
        {
          fprintf (stderr, "kanri-emulator: %s\n", error->message);
          return 2;
        }
    }

  kanri_emulator_set_auto_approve (emulator, auto_approve);

  if (!kanri_emulator_start (emulator, (guint)port, &error))
    {
      fprintf (stderr, "kanri-emulator: %s\n", error->message);
      return 1;
    }

  /* The first line is the address, for scripts; the rest is for people. */
  invoke_url = kanri_emulator_dup_invoke_url (emulator);
  printf ("%s\n", kanri_emulator_get_base_url (emulator));
  printf ("InvokeCommand: %s\n", invoke_url);
  printf ("Tenant: %s\n", kanri_emulator_get_tenant_id (emulator));
  printf ("Admin: %s\n", kanri_emulator_get_admin_upn (emulator));
  printf ("Token: %s\n", kanri_emulator_get_access_token (emulator));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);

  kanri_emulator_stop (emulator);
  return 0;
}
