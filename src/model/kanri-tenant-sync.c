/* kanri-tenant-sync.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-tenant-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-exo-error.h"
#include "kanri-tenant-private.h"

/* A sync brings the tenant's mailboxes (with their audit settings), inbound
 * connectors, accepted domains, the accounts that bypass mailbox auditing,
 * transport config and organization config into the local model,
 * page by page as the client receives them. A worker thread with a
 * connection of its own writes each page in one transaction, in the order
 * the pages came; the main thread only counts and tells the lists. Rows the
 * sync did not see are deleted at the end, and only if it completed. */

typedef enum
{
  STEP_MAILBOXES,
  STEP_CONNECTORS,
  STEP_ACCEPTED_DOMAINS,
  STEP_AUDIT_BYPASS,
  STEP_TRANSPORT_CONFIG,
  STEP_ORGANIZATION_CONFIG,
  N_STEPS
} Step;

typedef enum
{
  JOB_PAGE,
  JOB_TRANSPORT_CONFIG,
  JOB_ORGANIZATION_CONFIG,
  JOB_FINISH,
  JOB_FLUSH,
} JobKind;

typedef struct
{
  GTask        *task;
  KanriTenant  *tenant;
  GMainContext *context;
  GThreadPool  *writer;
  sqlite3      *db;
  char         *tenant_id;
  gint64        generation;
  Step          step;
  guint         pending;
  guint         n_mailboxes;
  GError       *error;
  /* Why the service would not list the accounts that bypass auditing. */
  GError       *bypass_refused;
} Sync;

typedef struct
{
  Sync       *sync;
  JobKind     kind;
  KanriTable  table;
  JsonArray  *objects;
  GError     *error;
  gint64      finished_at;
} Job;

static void next_step (Sync *sync);

static void
sync_free (Sync *sync)
{
  if (sync->writer != NULL)
    g_thread_pool_free (sync->writer, FALSE, TRUE);
  g_clear_pointer (&sync->db, sqlite3_close);
  g_clear_object (&sync->tenant);
  g_clear_pointer (&sync->context, g_main_context_unref);
  g_clear_pointer (&sync->tenant_id, g_free);
  g_clear_error (&sync->error);
  g_clear_error (&sync->bypass_refused);
  g_free (sync);
}

static const KanriTable step_tables[] = {
  [STEP_MAILBOXES] = KANRI_TABLE_MAILBOXES,
  [STEP_CONNECTORS] = KANRI_TABLE_CONNECTORS,
  [STEP_ACCEPTED_DOMAINS] = KANRI_TABLE_ACCEPTED_DOMAINS,
  [STEP_AUDIT_BYPASS] = KANRI_TABLE_AUDIT_BYPASS,
};

static gboolean
finish_in_thread (Sync    *sync,
                  Job     *job,
                  GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 generation;

  for (guint i = 0; i < G_N_ELEMENTS (step_tables); i++)
    {
      /* Refused, the bypass list is unknown: none of it is kept, rather
       * than some or an old one that would look like the tenant's. */
      generation = step_tables[i] == KANRI_TABLE_AUDIT_BYPASS && sync->bypass_refused != NULL
                     ? G_MAXINT64 : sync->generation;
      if (!kanri_tenant_tables_delete_stale (sync->db, step_tables[i], sync->tenant_id,
                                             generation, error))
        return FALSE;
    }

  job->finished_at = g_get_real_time ();
  if (sqlite3_prepare_v2 (sync->db,
                          "UPDATE tenants SET last_sync_at = ?2, audit_bypass_error = ?3 WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, sync->tenant_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, job->finished_at);
  if (sync->bypass_refused != NULL)
    sqlite3_bind_text (stmt, 3, sync->bypass_refused->message, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto failed;

  return TRUE;

failed:
  g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
               _("Local database error: %s"), sqlite3_errmsg (sync->db));
  return FALSE;
}

static gboolean
job_done_cb (gpointer data)
{
  Job *job = data;
  Sync *sync = job->sync;

  sync->pending--;

  if (job->error != NULL && sync->error == NULL)
    sync->error = g_steal_pointer (&job->error);

  if (job->kind == JOB_PAGE)
    {
      if (job->table == KANRI_TABLE_MAILBOXES)
        {
          g_autofree char *status = NULL;

          sync->n_mailboxes += json_array_get_length (job->objects);
          status = g_strdup_printf (ngettext ("Syncing: %u mailbox", "Syncing: %u mailboxes",
                                              sync->n_mailboxes),
                                    sync->n_mailboxes);
          _kanri_tenant_set_sync_state (sync->tenant, TRUE, status);
        }
      _kanri_tenant_table_written (sync->tenant, job->table);
    }

  if (job->kind == JOB_FINISH && sync->error == NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&sync->task);

      _kanri_tenant_set_last_sync (sync->tenant, job->finished_at);
      _kanri_tenant_reload (sync->tenant);
      _kanri_tenant_set_sync_state (sync->tenant, FALSE, NULL);
      g_task_return_boolean (task, TRUE);
    }
  else if ((job->kind == JOB_FINISH || job->kind == JOB_FLUSH) && sync->task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&sync->task);

      /* Whatever pages arrived are kept; what is gone is decided only by a
       * complete sync. */
      _kanri_tenant_reload (sync->tenant);
      _kanri_tenant_set_sync_state (sync->tenant, FALSE, NULL);
      g_task_return_error (task, g_steal_pointer (&sync->error));
    }

  g_clear_pointer (&job->objects, json_array_unref);
  g_clear_error (&job->error);
  g_free (job);

  return G_SOURCE_REMOVE;
}

static void
write_in_thread (gpointer data,
                 gpointer user_data)
{
  Job *job = data;
  Sync *sync = job->sync;

  if (sync->db == NULL)
    {
      g_autoptr(KanriStore) store = g_object_ref (kanri_tenant_get_store (sync->tenant));

      sync->db = kanri_store_open_writer (store, &job->error);
    }

  if (sync->db != NULL)
    {
      switch (job->kind)
        {
        case JOB_PAGE:
          kanri_tenant_tables_upsert (sync->db, job->table, sync->tenant_id, job->objects,
                                      sync->generation, &job->error);
          break;
        case JOB_TRANSPORT_CONFIG:
          if (json_array_get_length (job->objects) > 0 &&
              JSON_NODE_HOLDS_OBJECT (json_array_get_element (job->objects, 0)))
            kanri_tenant_tables_set_transport_config (sync->db, sync->tenant_id,
                                                      json_array_get_object_element (job->objects, 0),
                                                      &job->error);
          break;
        case JOB_ORGANIZATION_CONFIG:
          if (json_array_get_length (job->objects) > 0 &&
              JSON_NODE_HOLDS_OBJECT (json_array_get_element (job->objects, 0)))
            kanri_tenant_tables_set_organization_config (sync->db, sync->tenant_id,
                                                         json_array_get_object_element (job->objects, 0),
                                                         &job->error);
          break;
        case JOB_FINISH:
          finish_in_thread (sync, job, &job->error);
          break;
        case JOB_FLUSH:
        default:
          break;
        }
    }

  g_main_context_invoke (sync->context, job_done_cb, job);
}

static void
push (Sync       *sync,
      JobKind     kind,
      KanriTable  table,
      JsonArray  *objects)
{
  Job *job = g_new0 (Job, 1);

  job->sync = sync;
  job->kind = kind;
  job->table = table;
  job->objects = objects ? json_array_ref (objects) : NULL;

  sync->pending++;
  g_thread_pool_push (sync->writer, job, NULL);
}

static void
page_cb (KanriExoClient *client,
         KanriExoPage   *page,
         gpointer        user_data)
{
  Sync *sync = user_data;

  if (sync->step == STEP_TRANSPORT_CONFIG)
    push (sync, JOB_TRANSPORT_CONFIG, 0, kanri_exo_page_get_values (page));
  else if (sync->step == STEP_ORGANIZATION_CONFIG)
    push (sync, JOB_ORGANIZATION_CONFIG, 0, kanri_exo_page_get_values (page));
  else
    push (sync, JOB_PAGE, step_tables[sync->step], kanri_exo_page_get_values (page));
}

/* Whether the service answered that it will not run the cmdlet for this
 * account (the admin lacks a role that has it: HTTP 403, or the cmdlet is
 * not in the session at all), rather than failing for a while. */
static gboolean
bypass_refusal (const GError *error)
{
  return g_error_matches (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_ACCESS_DENIED) ||
         g_error_matches (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_CMDLET);
}

static void
step_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Sync *sync = user_data;
  g_autoptr(KanriExoResult) answer = NULL;
  GError *error = NULL;

  answer = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object), result, &error);
  if (answer == NULL && sync->step == STEP_AUDIT_BYPASS && bypass_refusal (error))
    {
      /* The rest of the sync does not need it: it goes on, and the
       * Auditing page says why the bypass list is unknown. */
      g_debug ("%s refused: %s", "Get-MailboxAuditBypassAssociation", error->message);
      g_clear_error (&sync->bypass_refused);
      sync->bypass_refused = error;
    }
  else if (answer == NULL)
    {
      /* The last pages may still be on their way to the disk: end after. */
      if (sync->error == NULL)
        sync->error = error;
      else
        g_error_free (error);
      push (sync, JOB_FLUSH, 0, NULL);
      return;
    }

  sync->step++;
  next_step (sync);
}

static void
next_step (Sync *sync)
{
  static const char *const cmdlets[] = {
    [STEP_MAILBOXES] = "Get-Mailbox",
    [STEP_CONNECTORS] = "Get-InboundConnector",
    [STEP_ACCEPTED_DOMAINS] = "Get-AcceptedDomain",
    /* It has no filter: every account comes, and only those whose bypass
     * is on are kept (kanri-tenant-tables.c). */
    [STEP_AUDIT_BYPASS] = "Get-MailboxAuditBypassAssociation",
    [STEP_TRANSPORT_CONFIG] = "Get-TransportConfig",
    [STEP_ORGANIZATION_CONFIG] = "Get-OrganizationConfig",
  };
  g_autoptr(KanriCmdlet) cmdlet = NULL;

  if (sync->step == N_STEPS)
    {
      push (sync, JOB_FINISH, 0, NULL);
      return;
    }

  cmdlet = kanri_cmdlet_new (cmdlets[sync->step]);
  if (sync->step == STEP_MAILBOXES || sync->step == STEP_AUDIT_BYPASS)
    kanri_cmdlet_set_string (cmdlet, "ResultSize", "Unlimited");

  kanri_exo_client_invoke_async (kanri_tenant_get_client (sync->tenant), cmdlet, page_cb, sync,
                                 g_task_get_cancellable (sync->task), step_done_cb, sync);
}

/**
 * kanri_tenant_sync_async:
 *
 * Brings the tenant's objects into the local model. Lists show the rows as
 * they arrive; "sync-status" says how far it is.
 */
void
kanri_tenant_sync_async (KanriTenant         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Sync *sync;

  g_return_if_fail (KANRI_IS_TENANT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_tenant_sync_async);

  if (kanri_tenant_get_client (self) == NULL)
    {
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN,
                               _("Kanri is not connected to this tenant"));
      return;
    }

  if (kanri_tenant_get_syncing (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("A sync of this tenant is already running"));
      return;
    }

  sync = g_new0 (Sync, 1);
  sync->tenant = g_object_ref (self);
  sync->tenant_id = g_strdup (kanri_tenant_get_id (self));
  sync->context = g_main_context_ref_thread_default ();
  /* Later than any generation before it, and unique to this sync. */
  sync->generation = g_get_real_time ();
  sync->writer = g_thread_pool_new (write_in_thread, sync, 1, TRUE, &error);
  if (sync->writer == NULL)
    {
      sync_free (sync);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, sync, (GDestroyNotify)sync_free);
  sync->task = g_object_ref (task);

  _kanri_tenant_set_sync_state (self, TRUE, _("Syncing…"));
  next_step (sync);
}

gboolean
kanri_tenant_sync_finish (KanriTenant   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
