/* audit-fix-child.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The app's side of test-audit-fix-crash, as the Mailbox Auditing page does
 * it: the first time, a sync, then fix option 2 on every mailbox that needs
 * it, as one batch; after that, the unfinished audit batch resumed. Runs
 * until the batch finishes; the test kills it with SIGKILL on the way. */

#include "config.h"

#include "kanri-audit-fix.h"
#include "kanri-static-token.h"

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

static void
planned_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(KanriAuditFixPlan **)user_data = kanri_audit_fix_plan_finish (result, &error);
  if (error != NULL)
    g_error ("plan: %s", error->message);
}

static KanriBatch *
start_fix (KanriTenant *tenant)
{
  g_autoptr(KanriAuditFixPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gboolean synced = FALSE;
  KanriBatch *batch;

  kanri_tenant_sync_async (tenant, NULL, synced_cb, &synced);
  while (!synced)
    g_main_context_iteration (NULL, TRUE);

  kanri_audit_fix_plan_async (tenant, KANRI_AUDIT_FIX_ADD, NULL, NULL, planned_cb, &plan);
  while (plan == NULL)
    g_main_context_iteration (NULL, TRUE);

  batch = kanri_audit_fix_plan_create_batch (plan, tenant, &error);
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
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autofree char *anchor = NULL;

  if (argc != 5)
    {
      g_printerr ("usage: audit-fix-child STORE INVOKE-URL TOKEN ADMIN-UPN\n");
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
  kanri_tenant_set_client (tenant, client);
  kanri_tenant_set_concurrency (tenant, 8);

  /* What the page offers at start: the interrupted fix, to resume. */
  unfinished = kanri_audit_fix_list_unfinished (tenant, &error);
  if (unfinished == NULL)
    g_error ("journal: %s", error->message);

  if (unfinished->len > 0)
    batch = kanri_batch_resume (tenant, ((KanriBatchInfo *)unfinished->pdata[0])->id, &error);
  else if (!has_batch (store))
    batch = start_fix (tenant);
  else
    return 0;

  if (batch == NULL)
    g_error ("resume: %s", error->message);

  kanri_batch_start (batch);
  while (!kanri_batch_get_finished (batch))
    g_main_context_iteration (NULL, TRUE);

  return kanri_batch_get_failed (batch) == 0 ? 0 : 1;
}
