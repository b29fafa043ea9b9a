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
#include "kanri-test-child.h"
#include "kanri-test-tenant.h"

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
  KanriBatch *batch;

  kanri_test_sync (tenant);

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
  g_autoptr(KanriTenant) tenant = kanri_test_child_open_tenant (argc, argv);
  g_autoptr(KanriBatch) batch = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;

  if (tenant == NULL)
    return 2;

  /* What the page offers at start: the interrupted fix, to resume. */
  unfinished = kanri_audit_fix_list_unfinished (tenant, &error);
  if (unfinished == NULL)
    g_error ("journal: %s", error->message);

  if (unfinished->len > 0)
    batch = kanri_batch_resume (tenant, ((KanriBatchInfo *)unfinished->pdata[0])->id, &error);
  else if (!kanri_test_child_has_batch (kanri_tenant_get_store (tenant)))
    batch = start_fix (tenant);
  else
    return 0;

  if (batch == NULL)
    g_error ("resume: %s", error->message);

  return kanri_test_child_finish_batch (batch);
}
