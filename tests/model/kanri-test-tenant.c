/* kanri-test-tenant.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

  kanri_demo_host_start_async (demo_path, NULL, host_started_cb, &fixture->host);
  while (fixture->host == NULL)
    g_main_context_iteration (NULL, TRUE);

  fixture->tenant = kanri_tenant_new (fixture->store, "demo", "Demo", KANRI_TENANT_DEMO,
                                      "worldwide", kanri_demo_host_get_admin_upn (fixture->host),
                                      &error);
  g_assert_no_error (error);

  token = kanri_static_token_new (kanri_demo_host_get_access_token (fixture->host));
  anchor = g_strconcat ("UPN:", kanri_demo_host_get_admin_upn (fixture->host), NULL);
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
kanri_test_tenant_sync (KanriTestTenant *fixture)
{
  gboolean done = FALSE;

  kanri_tenant_sync_async (fixture->tenant, NULL, synced_cb, &done);
  kanri_test_wait (&done);
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
