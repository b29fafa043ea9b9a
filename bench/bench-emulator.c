/* bench-emulator.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "kanri-anchor-mailbox.h"
#include "kanri-emulator.h"
#include "kanri-exo-client.h"
#include "kanri-static-token.h"

/* The scale the Mailbox Auditing page must handle: generate N mailboxes
 * in the emulator and read them all through the client, page by page.
 * Prints figures; judges nothing.
 *
 * Usage: bench-emulator [N] (default 100000) */

static void
on_page (KanriExoClient *client,
         KanriExoPage   *page,
         gpointer        user_data)
{
  *(guint64 *)user_data += json_array_get_length (kanri_exo_page_get_values (page));
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriEmulator) emulator = NULL;
  g_autoptr(KanriStaticToken) tokens = NULL;
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Get-Mailbox");
  g_autoptr(KanriExoResult) invoked = NULL;
  g_autofree char *url = NULL;
  g_autofree char *anchor = NULL;
  GAsyncResult *result = NULL;
  guint count = argc > 1 ? (guint)strtoul (argv[1], NULL, 10) : 100000;
  guint64 objects = 0;
  gint64 start;

  emulator = kanri_emulator_new_demo (NULL, &error);
  if (emulator == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  if (!kanri_emulator_generate_mailboxes (emulator, count, &error) ||
      !kanri_emulator_start (emulator, 0, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("generate %u mailboxes: %.2f s\n", count, (g_get_monotonic_time () - start) / 1e6);

  url = kanri_emulator_dup_invoke_url (emulator);
  tokens = kanri_static_token_new (kanri_emulator_get_access_token (emulator));
  anchor = kanri_anchor_mailbox_for_upn (kanri_emulator_get_admin_upn (emulator));
  client = kanri_exo_client_new (url, KANRI_TOKEN_PROVIDER (tokens), anchor, &error);
  kanri_cmdlet_set_string (cmdlet, "ResultSize", "Unlimited");

  start = g_get_monotonic_time ();
  kanri_exo_client_invoke_async (client, cmdlet, on_page, &objects, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  invoked = kanri_exo_client_invoke_finish (client, result, &error);
  g_object_unref (result);
  if (invoked == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  printf ("Get-Mailbox -ResultSize Unlimited: %" G_GUINT64_FORMAT " mailboxes in %u pages, %.2f s\n",
          objects, kanri_exo_result_get_n_pages (invoked), (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
