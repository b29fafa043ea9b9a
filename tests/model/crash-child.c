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

#include "kanri-test-child.h"
#include "kanri-test-tenant.h"

static KanriBatch *
create_batch (KanriTenant *tenant)
{
  g_autoptr(KanriMailboxList) list = kanri_tenant_create_mailbox_list (tenant);
  g_autoptr(GPtrArray) cmdlets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *const add[] = { "SearchQueryInitiated", NULL };
  KanriBatch *batch;

  kanri_test_sync (tenant);
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
  g_autoptr(KanriTenant) tenant = kanri_test_child_open_tenant (argc, argv);
  g_autoptr(KanriBatch) batch = NULL;

  if (tenant == NULL)
    return 2;
  /* Retries without the real back-off's seconds. */
  kanri_exo_client_set_retry_delay (kanri_tenant_get_client (tenant), 10);

  if (!kanri_test_child_has_batch (kanri_tenant_get_store (tenant)))
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

  return kanri_test_child_finish_batch (batch);
}
