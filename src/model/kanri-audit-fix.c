/* kanri-audit-fix.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-audit-fix"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-audit-fix.h"

/* The Mailbox Auditing page's bulk fixes as Set-Mailbox changes. Option 1
 * (the seed) hands every logon type back to Microsoft, which then adds new
 * actions by itself: -DefaultAuditSet Admin,Delegate,Owner. Option 2 (the
 * seed) adds the actions explicitly, and Kanri adds only what each mailbox
 * lacks, and never to a logon type Microsoft still manages: changing that
 * list would take it out of Microsoft's management (Set-Mailbox,
 * "DefaultAuditSet"). Neither ever adds MessageBind, which the service now
 * refuses. */

/* Set-Mailbox's parameter for each logon type, in the order the seed's
 * option 2 writes them. */
static const struct
{
  KanriAuditLogonType  type;
  const char          *parameter;
} option2_order[] = {
  { KANRI_AUDIT_OWNER, "AuditOwner" },
  { KANRI_AUDIT_ADMIN, "AuditAdmin" },
  { KANRI_AUDIT_DELEGATE, "AuditDelegate" },
};

/**
 * kanri_audit_fix_get_flags:
 *
 * Returns: the flags of the mailboxes @fix may change
 */
KanriAuditFlags
kanri_audit_fix_get_flags (KanriAuditFix fix)
{
  if (fix == KANRI_AUDIT_FIX_RESET)
    return KANRI_AUDIT_FLAGS_NEED_ATTENTION;

  return KANRI_AUDIT_FLAG_MISSING_MAIL_ITEMS_ACCESSED | KANRI_AUDIT_FLAG_MISSING_SEND;
}

static const char *
identity_of (KanriMailbox *mailbox)
{
  /* The UPN, as an admin writes it (the seed's -Identity User01@contoso.com);
   * the directory id when a mailbox has none. */
  if (*kanri_mailbox_get_upn (mailbox) != '\0')
    return kanri_mailbox_get_upn (mailbox);

  return kanri_mailbox_get_guid (mailbox);
}

static KanriCmdlet *
build_reset (KanriMailbox *mailbox)
{
  g_auto(GStrv) managed = kanri_mailbox_dup_default_audit_set (mailbox);
  const char *all[KANRI_AUDIT_N_LOGON_TYPES + 1] = { NULL };
  gboolean needed = FALSE;
  KanriCmdlet *cmdlet;

  for (KanriAuditLogonType type = 0; type < KANRI_AUDIT_N_LOGON_TYPES; type++)
    {
      all[type] = kanri_audit_logon_type_name (type);
      needed |= !g_strv_contains ((const char *const *)managed, all[type]);
    }

  if (!needed)
    return NULL;

  cmdlet = kanri_cmdlet_new ("Set-Mailbox");
  kanri_cmdlet_set_string (cmdlet, "Identity", identity_of (mailbox));
  kanri_cmdlet_set_string_list (cmdlet, "DefaultAuditSet", all);

  return cmdlet;
}

static KanriCmdlet *
build_add (KanriMailbox *mailbox)
{
  g_auto(GStrv) managed = kanri_mailbox_dup_default_audit_set (mailbox);
  GStrv lists[KANRI_AUDIT_N_LOGON_TYPES];
  KanriAuditSettings settings;
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Set-Mailbox");
  gboolean needed = FALSE;

  settings.default_audit_set = (const char *const *)managed;
  for (KanriAuditLogonType type = 0; type < KANRI_AUDIT_N_LOGON_TYPES; type++)
    {
      lists[type] = kanri_mailbox_dup_audit_list (mailbox, type);
      settings.actions[type] = (const char *const *)lists[type];
    }

  kanri_cmdlet_set_string (cmdlet, "Identity", identity_of (mailbox));
  for (guint i = 0; i < G_N_ELEMENTS (option2_order); i++)
    {
      g_auto(GStrv) additions = kanri_audit_option2_additions (&settings, option2_order[i].type);

      if (additions[0] == NULL)
        continue;

      kanri_cmdlet_set_hashtable (cmdlet, option2_order[i].parameter,
                                  (const char *const *)additions, NULL);
      needed = TRUE;
    }

  for (KanriAuditLogonType type = 0; type < KANRI_AUDIT_N_LOGON_TYPES; type++)
    g_strfreev (lists[type]);

  return needed ? g_steal_pointer (&cmdlet) : NULL;
}

/**
 * kanri_audit_fix_build_cmdlet:
 *
 * Returns: (transfer full) (nullable): the change @fix makes to @mailbox,
 *   or %NULL when it has nothing to do there
 */
KanriCmdlet *
kanri_audit_fix_build_cmdlet (KanriAuditFix  fix,
                              KanriMailbox  *mailbox)
{
  g_return_val_if_fail (KANRI_IS_MAILBOX (mailbox), NULL);

  if (fix == KANRI_AUDIT_FIX_RESET)
    return build_reset (mailbox);

  return build_add (mailbox);
}

/* "MailItemsAccessed, Send (owner); MailItemsAccessed (delegate)" */
static char *
describe_additions (KanriCmdlet *cmdlet)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (option2_order); i++)
    {
      const char *const *add;
      g_autofree char *joined = NULL;

      if (!kanri_cmdlet_has_parameter (cmdlet, option2_order[i].parameter))
        continue;

      add = kanri_cmdlet_get_hashtable_add (cmdlet, option2_order[i].parameter);
      joined = g_strjoinv (", ", (char **)add);
      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: actions added to a logon type's audit list, e.g.
       * "MailItemsAccessed, Send (Owner)"; the logon type stays in English */
      g_string_append_printf (text, _("%s (%s)"), joined,
                              kanri_audit_logon_type_name (option2_order[i].type));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * kanri_audit_fix_build_summary:
 * @cmdlet: what kanri_audit_fix_build_cmdlet() returned for @mailbox
 *
 * Returns: (transfer full): the change in words, for the Operations page
 */
char *
kanri_audit_fix_build_summary (KanriAuditFix  fix,
                               KanriMailbox  *mailbox,
                               KanriCmdlet   *cmdlet)
{
  g_autofree char *additions = NULL;

  g_return_val_if_fail (KANRI_IS_MAILBOX (mailbox), NULL);
  g_return_val_if_fail (KANRI_IS_CMDLET (cmdlet), NULL);

  if (fix == KANRI_AUDIT_FIX_RESET)
    /* Translators: %s is a mailbox's display name */
    return g_strdup_printf (_("Reset the mailbox auditing of %s to Microsoft’s defaults"),
                            kanri_mailbox_get_display_name (mailbox));

  additions = describe_additions (cmdlet);
  /* Translators: the first %s is a mailbox's display name, the second the
   * actions added, e.g. "MailItemsAccessed, Send (Owner)" */
  return g_strdup_printf (_("Audit %s for %s"), additions, kanri_mailbox_get_display_name (mailbox));
}

/**
 * kanri_audit_fix_build_title:
 *
 * Returns: (transfer full): a batch's title, for the journal
 */
char *
kanri_audit_fix_build_title (KanriAuditFix fix,
                             guint         count)
{
  if (fix == KANRI_AUDIT_FIX_RESET)
    return g_strdup_printf (ngettext ("Option 1: reset the auditing of %u mailbox to Microsoft’s defaults",
                                      "Option 1: reset the auditing of %u mailboxes to Microsoft’s defaults",
                                      count),
                            count);

  return g_strdup_printf (ngettext ("Option 2: add the missing audit actions to %u mailbox",
                                    "Option 2: add the missing audit actions to %u mailboxes",
                                    count),
                          count);
}

void
kanri_audit_fix_plan_free (KanriAuditFixPlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->cmdlets, g_ptr_array_unref);
  g_clear_pointer (&plan->summaries, g_ptr_array_unref);
  g_free (plan);
}

static KanriAuditFixPlan *
plan_new (KanriAuditFix fix)
{
  KanriAuditFixPlan *plan = g_new0 (KanriAuditFixPlan, 1);

  plan->fix = fix;
  plan->cmdlets = g_ptr_array_new_with_free_func (g_object_unref);
  plan->summaries = g_ptr_array_new_with_free_func (g_free);

  return plan;
}

static void
plan_add (KanriAuditFixPlan *plan,
          KanriMailbox      *mailbox)
{
  KanriCmdlet *cmdlet = kanri_audit_fix_build_cmdlet (plan->fix, mailbox);

  plan->considered++;
  if (cmdlet == NULL)
    {
      plan->skipped++;
      return;
    }

  g_ptr_array_add (plan->summaries, kanri_audit_fix_build_summary (plan->fix, mailbox, cmdlet));
  g_ptr_array_add (plan->cmdlets, cmdlet);
}

typedef struct
{
  KanriStore    *store;
  char          *tenant;
  KanriAuditFix  fix;
  GPtrArray     *mailboxes;
} PlanJob;

static void
plan_job_free (PlanJob *job)
{
  g_clear_object (&job->store);
  g_free (job->tenant);
  g_clear_pointer (&job->mailboxes, g_ptr_array_unref);
  g_free (job);
}

/* Every mailbox of the tenant the fix may change, read on a connection of
 * the worker's own: 100,000 rows never touch the main thread. */
static gboolean
plan_from_tables (PlanJob            *job,
                  KanriAuditFixPlan  *plan,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;
  sqlite3 *db;
  int rc;

  db = kanri_store_open_reader (job->store, error);
  if (db == NULL)
    return FALSE;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT " KANRI_MAILBOX_COLUMNS " FROM mailboxes "
                           "WHERE tenant = ?1 AND (audit_flags & ?2) != 0 "
                           "ORDER BY display_name COLLATE NOCASE, rowid",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, job->tenant, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, kanri_audit_fix_get_flags (job->fix));

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(KanriMailbox) mailbox = kanri_mailbox_new_from_row (stmt);

          plan_add (plan, mailbox);
          if (plan->considered % 1024 == 0 && g_cancellable_is_cancelled (cancellable))
            break;
        }
    }

  /* SQLITE_ROW: stopped early, cancelled. */
  ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
  if (!ok)
    g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
                 _("Local database error: %s"), sqlite3_errmsg (db));

  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);

  return ok;
}

static void
plan_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PlanJob *job = task_data;
  g_autoptr(KanriAuditFixPlan) plan = plan_new (job->fix);
  GError *error = NULL;

  if (job->mailboxes != NULL)
    {
      for (guint i = 0; i < job->mailboxes->len; i++)
        plan_add (plan, g_ptr_array_index (job->mailboxes, i));
    }
  else if (!plan_from_tables (job, plan, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, g_steal_pointer (&plan), (GDestroyNotify)kanri_audit_fix_plan_free);
}

/**
 * kanri_audit_fix_plan_async:
 * @mailboxes: (nullable) (element-type KanriMailbox): the mailboxes chosen,
 *   or %NULL for every mailbox of @tenant that needs @fix
 *
 * Works out, in a worker thread, the change @fix makes to each mailbox.
 */
void
kanri_audit_fix_plan_async (KanriTenant         *tenant,
                            KanriAuditFix        fix,
                            GPtrArray           *mailboxes,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PlanJob *job;

  g_return_if_fail (KANRI_IS_TENANT (tenant));
  g_return_if_fail (fix == KANRI_AUDIT_FIX_RESET || fix == KANRI_AUDIT_FIX_ADD);

  job = g_new0 (PlanJob, 1);
  job->store = g_object_ref (kanri_tenant_get_store (tenant));
  job->tenant = g_strdup (kanri_tenant_get_id (tenant));
  job->fix = fix;
  job->mailboxes = mailboxes ? g_ptr_array_ref (mailboxes) : NULL;

  /* No source object: the tenant is never released on the worker thread. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_audit_fix_plan_async);
  g_task_set_task_data (task, job, (GDestroyNotify)plan_job_free);
  g_task_run_in_thread (task, plan_in_thread);
}

/**
 * kanri_audit_fix_plan_finish:
 *
 * Returns: (transfer full) (nullable): the plan
 */
KanriAuditFixPlan *
kanri_audit_fix_plan_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kanri_audit_fix_plan_create_batch:
 *
 * Journals the plan's changes as one batch, all pending, to be started.
 *
 * Returns: (transfer full) (nullable): the batch
 */
KanriBatch *
kanri_audit_fix_plan_create_batch (KanriAuditFixPlan  *plan,
                                   KanriTenant        *tenant,
                                   GError            **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (KANRI_IS_TENANT (tenant), NULL);

  title = kanri_audit_fix_build_title (plan->fix, plan->cmdlets->len);
  return kanri_batch_new (tenant, title, plan->cmdlets, plan->summaries, error);
}

/**
 * kanri_audit_fix_list_unfinished:
 *
 * Returns: (transfer full) (element-type KanriBatchInfo): the tenant's
 *   unfinished batches of Set-Mailbox changes, newest first
 */
GPtrArray *
kanri_audit_fix_list_unfinished (KanriTenant  *tenant,
                                 GError      **error)
{
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KANRI_IS_TENANT (tenant), NULL);

  batches = kanri_batch_list_unfinished (tenant, error);
  if (batches == NULL)
    return NULL;

  stmt = kanri_store_prepare (kanri_tenant_get_store (tenant),
                              "SELECT cmdlet FROM operations WHERE batch = ?1 LIMIT 1", error);
  if (stmt == NULL)
    return NULL;

  for (guint i = batches->len; i > 0; i--)
    {
      KanriBatchInfo *info = g_ptr_array_index (batches, i - 1);
      gboolean audit;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, info->id, -1, SQLITE_TRANSIENT);
      audit = sqlite3_step (stmt) == SQLITE_ROW &&
              g_ascii_strcasecmp ((const char *)sqlite3_column_text (stmt, 0), "Set-Mailbox") == 0;
      if (!audit)
        g_ptr_array_remove_index (batches, i - 1);
    }

  return g_steal_pointer (&batches);
}
