/* kanri-test-tenant.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kanri-anchor-mailbox.h"
#include "kanri-test-tenant.h"

static void
host_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KanriDemoHost **host = user_data;
  g_autoptr(GError) error = NULL;

  *host = kanri_demo_host_start_finish (result, &error);
  g_assert_no_error (error);
}

/**
 * kanri_test_demo_host_start:
 * @demo_path: the tenant's state file
 *
 * Returns: (transfer full): the demo tenant served on loopback, from this
 *   process, so that it outlives any child program the test runs
 */
KanriDemoHost *
kanri_test_demo_host_start (const char *demo_path)
{
  KanriDemoHost *host = NULL;

  kanri_demo_host_start_async (demo_path, NULL, host_started_cb, &host);
  while (host == NULL)
    g_main_context_iteration (NULL, TRUE);

  return host;
}

static void
got_mailboxes_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoResult) answer = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object),
                                                                     result, &error);

  g_assert_no_error (error);
  *(JsonArray **)user_data = json_array_ref (kanri_exo_result_get_values (answer));
}

/**
 * kanri_test_demo_host_get_mailboxes:
 *
 * Returns: (transfer full): every mailbox as the demo tenant has it, read
 *   through a client of its own, not a KanriTenant: in the crash tests the
 *   local model belongs to the child program
 */
JsonArray *
kanri_test_demo_host_get_mailboxes (KanriDemoHost *host)
{
  g_autoptr(KanriStaticToken) token = kanri_static_token_new (kanri_demo_host_get_access_token (host));
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Get-Mailbox");
  g_autoptr(GError) error = NULL;
  g_autofree char *anchor = kanri_anchor_mailbox_for_upn (kanri_demo_host_get_admin_upn (host));
  JsonArray *values = NULL;

  client = kanri_exo_client_new (kanri_demo_host_get_invoke_url (host), KANRI_TOKEN_PROVIDER (token),
                                 anchor, &error);
  g_assert_no_error (error);
  kanri_cmdlet_set_string (cmdlet, "ResultSize", "Unlimited");
  kanri_exo_client_invoke_async (client, cmdlet, NULL, NULL, NULL, got_mailboxes_cb, &values);
  while (values == NULL)
    g_main_context_iteration (NULL, TRUE);

  return values;
}

void
kanri_test_tenant_open (KanriTestTenant *fixture,
                        gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriStaticToken) token = NULL;
  g_autofree char *store_path = kanri_store_default_path ();
  g_autofree char *demo_path = g_build_filename (g_get_user_data_dir (), "demo-tenant.db", NULL);
  g_autofree char *anchor = NULL;

  fixture->store = kanri_store_open (store_path, &error);
  g_assert_no_error (error);

  fixture->host = kanri_test_demo_host_start (demo_path);

  fixture->tenant = kanri_tenant_new (fixture->store, "demo", "Demo", KANRI_TENANT_DEMO,
                                      "worldwide", kanri_demo_host_get_admin_upn (fixture->host),
                                      &error);
  g_assert_no_error (error);

  token = kanri_static_token_new (kanri_demo_host_get_access_token (fixture->host));
  anchor = kanri_anchor_mailbox_for_upn (kanri_demo_host_get_admin_upn (fixture->host));
  client = kanri_exo_client_new (kanri_demo_host_get_invoke_url (fixture->host),
                                 KANRI_TOKEN_PROVIDER (token), anchor, &error);
  g_assert_no_error (error);
  /* Retries after faults, without the real back-off's seconds. */
  kanri_exo_client_set_retry_delay (client, 10);
  kanri_tenant_set_client (fixture->tenant, client);
}

void
kanri_test_tenant_close (KanriTestTenant *fixture,
                         gconstpointer    data)
{
  g_clear_object (&fixture->tenant);
  g_clear_object (&fixture->host);
  g_clear_object (&fixture->store);
}

/**
 * kanri_test_tenant_remove_files:
 *
 * Deletes the local model and the demo tenant's state, with their SQLite
 * side files, so that the next kanri_test_tenant_open() starts from the
 * demo tenant as shipped: for tests that share one data folder (the GUI
 * tests; the model tests have a folder each).
 */
void
kanri_test_tenant_remove_files (void)
{
  g_autofree char *store_path = kanri_store_default_path ();
  g_autofree char *demo_path = g_build_filename (g_get_user_data_dir (), "demo-tenant.db", NULL);
  const char *const databases[] = { store_path, demo_path };
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal", ".lease" };

  for (guint i = 0; i < G_N_ELEMENTS (databases); i++)
    for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
      {
        g_autofree char *path = g_strconcat (databases[i], suffixes[j], NULL);

        g_unlink (path);
      }
}

void
kanri_test_wait (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  kanri_tenant_sync_finish (KANRI_TENANT (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

void
kanri_test_sync (KanriTenant *tenant)
{
  gboolean done = FALSE;

  kanri_tenant_sync_async (tenant, NULL, synced_cb, &done);
  kanri_test_wait (&done);
}

void
kanri_test_tenant_sync (KanriTestTenant *fixture)
{
  kanri_test_sync (fixture->tenant);
}

static void
add_fault (KanriEmulator *emulator,
           gpointer       user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kanri_emulator_add_fault (emulator, user_data, &error));
  g_assert_no_error (error);
}

void
kanri_test_emulator_fault (KanriTestTenant *fixture,
                           const char      *spec)
{
  kanri_demo_host_run (fixture->host, add_fault, (gpointer)spec);
}

static void
clear_faults (KanriEmulator *emulator,
              gpointer       user_data)
{
  kanri_emulator_clear_faults (emulator);
}

void
kanri_test_emulator_clear_faults (KanriTestTenant *fixture)
{
  kanri_demo_host_run (fixture->host, clear_faults, NULL);
}

typedef struct
{
  const char *cmdlet;
  const char *identity;
  guint       count;
} Applied;

static void
count_applied (KanriEmulator *emulator,
               gpointer       user_data)
{
  Applied *applied = user_data;
  GPtrArray *requests = kanri_emulator_get_requests (emulator);

  for (guint i = 0; i < requests->len; i++)
    {
      KanriEmulatorRequest *request = g_ptr_array_index (requests, i);
      g_autofree char *needle = NULL;

      if (!request->applied || g_ascii_strcasecmp (request->cmdlet, applied->cmdlet) != 0)
        continue;
      if (applied->identity != NULL)
        {
          needle = g_strdup_printf ("\"%s\"", applied->identity);
          if (request->parameters == NULL || strstr (request->parameters, needle) == NULL)
            continue;
        }
      applied->count++;
    }
}

/**
 * kanri_test_emulator_applied:
 * @identity: (nullable): only requests naming it
 *
 * Returns: how many @cmdlet requests the emulator applied
 */
guint
kanri_test_emulator_applied (KanriTestTenant *fixture,
                             const char      *cmdlet,
                             const char      *identity)
{
  Applied applied = { cmdlet, identity, 0 };

  kanri_demo_host_run (fixture->host, count_applied, &applied);
  return applied.count;
}

static void
queried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JsonArray **values = user_data;
  g_autoptr(GError) error = NULL;

  *values = kanri_tenant_query_finish (KANRI_TENANT (object), result, &error);
  g_assert_no_error (error);
}

/**
 * kanri_test_emulator_query:
 *
 * Returns: (transfer full): what the tenant returns for @powershell (a Get-
 *   cmdlet), read through the client, not the local model
 */
JsonArray *
kanri_test_emulator_query (KanriTestTenant *fixture,
                           const char      *powershell)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_parse (powershell, &error);
  JsonArray *values = NULL;

  g_assert_no_error (error);
  kanri_tenant_query_async (fixture->tenant, cmdlet, NULL, NULL, NULL, queried_cb, &values);
  while (values == NULL)
    g_main_context_iteration (NULL, TRUE);

  return values;
}
