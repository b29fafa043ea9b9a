/* crash-child.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The app's side of test-journal-crash: opens the local model, and either
 * starts the batch (a sync, then one Set-Mailbox per mailbox) or resumes it,
 * and runs until it finishes. test-journal-crash kills it with SIGKILL at
 * random moments and starts it again. */

#include "config.h"

#include <stdlib.h>

#include "kanri-batch.h"
#include "kanri-static-token.h"
#include "kanri-tenant.h"

static gboolean
has_batch (KanriStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = kanri_store_prepare (store, "SELECT count(*) FROM batches", NULL);

  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kanri_tenant_sync_finish (KANRI_TENANT (object), result, &error))
    g_error ("sync: %s", error->message);
  *(gboolean *)user_data = TRUE;
}

static KanriBatch *
create_batch (KanriTenant *tenant)
{
  g_autoptr(KanriMailboxList) list = kanri_tenant_create_mailbox_list (tenant);
  g_autoptr(GPtrArray) cmdlets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *const add[] = { "SearchQueryInitiated", NULL };
  KanriBatch *batch;
  gboolean synced = FALSE;

  kanri_tenant_sync_async (tenant, NULL, synced_cb, &synced);
  while (!synced)
    g_main_context_iteration (NULL, TRUE);
  while (kanri_mailbox_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KanriMailbox) mailbox = g_list_model_get_item (G_LIST_MODEL (list), i);
      KanriCmdlet *cmdlet = kanri_cmdlet_new ("Set-Mailbox");

      kanri_cmdlet_set_string (cmdlet, "Identity", kanri_mailbox_get_upn (mailbox));
      kanri_cmdlet_set_hashtable (cmdlet, "AuditOwner", add, NULL);
      g_ptr_array_add (cmdlets, cmdlet);
      g_ptr_array_add (summaries, g_strdup (kanri_mailbox_get_upn (mailbox)));
    }

  batch = kanri_batch_new (tenant, "Audit searches", cmdlets, summaries, &error);
  if (batch == NULL)
    g_error ("batch: %s", error->message);

  return batch;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autoptr(KanriTenant) tenant = NULL;
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriStaticToken) token = NULL;
  g_autoptr(KanriBatch) batch = NULL;
  g_autofree char *anchor = NULL;

  if (argc != 5)
    {
      g_printerr ("usage: crash-child STORE INVOKE-URL TOKEN ADMIN-UPN\n");
      return 2;
    }

  store = kanri_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("store: %s", error->message);

  tenant = kanri_tenant_new (store, "demo", "Demo", KANRI_TENANT_DEMO, "worldwide", argv[4], &error);
  token = kanri_static_token_new (argv[3]);
  anchor = g_strconcat ("UPN:", argv[4], NULL);
  client = kanri_exo_client_new (argv[2], KANRI_TOKEN_PROVIDER (token), anchor, &error);
  if (tenant == NULL || client == NULL)
    g_error ("tenant: %s", error->message);
  kanri_exo_client_set_retry_delay (client, 10);
  kanri_tenant_set_client (tenant, client);
  kanri_tenant_set_concurrency (tenant, 8);

  if (!has_batch (store))
    batch = create_batch (tenant);
  else
    {
      g_autoptr(GPtrArray) unfinished = kanri_batch_list_unfinished (tenant, &error);

      if (unfinished == NULL)
        g_error ("journal: %s", error->message);
      if (unfinished->len == 0)
        return 0;
      batch = kanri_batch_resume (tenant, ((KanriBatchInfo *)unfinished->pdata[0])->id, &error);
      if (batch == NULL)
        g_error ("resume: %s", error->message);
    }

  kanri_batch_start (batch);
  while (!kanri_batch_get_finished (batch))
    g_main_context_iteration (NULL, TRUE);

  return kanri_batch_get_failed (batch) == 0 ? 0 : 1;
}
