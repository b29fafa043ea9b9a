/* kanri-batch.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-batch"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-batch.h"
#include "kanri-operation-runner.h"

/* A bulk job (a fix of thousands of mailboxes, a restore of many items):
 * every change is journaled as pending, in one transaction, before the first
 * is sent, so a crash leaves the whole list to resume. A few run at once
 * (the tenant's concurrency), paced to the service's Rate-Limit headers so
 * that throttling is avoided rather than suffered. A resumed or retried
 * change is read back before anything is sent (KanriOperationRunner). */

/* The rate and time left come from the changes settled in this window. */
#define RATE_WINDOW_USEC (10 * G_USEC_PER_SEC)

struct _KanriBatch
{
  GObject       parent_instance;

  KanriTenant  *tenant;
  char         *id;
  char         *title;

  GArray       *queue;
  guint         next;
  guint         in_flight;
  guint         total;
  guint         done;
  guint         failed;

  GCancellable *cancellable;
  guint         pump_source;
  gint64        window;
  guint         launched_in_window;
  GQueue        settled_times;

  guint         started : 1;
  guint         paused : 1;
  guint         cancelled : 1;
  guint         finished : 1;
};

G_DEFINE_FINAL_TYPE (KanriBatch, kanri_batch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOTAL,
  PROP_DONE,
  PROP_FAILED,
  PROP_PAUSED,
  PROP_FINISHED,
  N_PROPS
};

enum {
  ITEM_SETTLED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void pump (KanriBatch *self);

static void
kanri_batch_dispose (GObject *object)
{
  KanriBatch *self = (KanriBatch *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pump_source, g_source_remove);
  g_clear_object (&self->tenant);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kanri_batch_parent_class)->dispose (object);
}

static void
kanri_batch_finalize (GObject *object)
{
  KanriBatch *self = (KanriBatch *)object;

  g_free (self->id);
  g_free (self->title);
  g_clear_pointer (&self->queue, g_array_unref);
  g_queue_clear_full (&self->settled_times, g_free);

  G_OBJECT_CLASS (kanri_batch_parent_class)->finalize (object);
}

static void
kanri_batch_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KanriBatch *self = KANRI_BATCH (object);

  switch (prop_id)
    {
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_DONE:
      g_value_set_uint (value, self->done);
      break;
    case PROP_FAILED:
      g_value_set_uint (value, self->failed);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_batch_class_init (KanriBatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kanri_batch_dispose;
  object_class->finalize = kanri_batch_finalize;
  object_class->get_property = kanri_batch_get_property;

  properties[PROP_TOTAL] = g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DONE] = g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FAILED] = g_param_spec_uint ("failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_PAUSED] = g_param_spec_boolean ("paused", NULL, NULL, FALSE, flags);
  properties[PROP_FINISHED] = g_param_spec_boolean ("finished", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KanriBatch::item-settled:
   * @operation: the operation
   * @error: (nullable): why it failed, or %NULL when done
   */
  signals[ITEM_SETTLED] = g_signal_new ("item-settled",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_ERROR);
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);
}

static void
kanri_batch_init (KanriBatch *self)
{
  self->queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->settled_times);
}

static KanriJournal *
journal_of (KanriBatch *self)
{
  return kanri_journal_get_for_store (kanri_tenant_get_store (self->tenant));
}

static gboolean
save_batch_row (KanriBatch  *self,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  KanriStore *store = kanri_tenant_get_store (self->tenant);

  stmt = kanri_store_prepare (store,
                              "INSERT INTO batches (id, tenant, title, created_at) "
                              "VALUES (?1, ?2, ?3, ?4)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kanri_tenant_get_id (self->tenant), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, self->title, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return kanri_store_set_error (store, SQLITE_ERROR, error);

  return TRUE;
}

/**
 * kanri_batch_new:
 * @cmdlets: (element-type KanriCmdlet): the changes, in order
 * @summaries: (element-type utf8): what each is, in words
 *
 * Journals every change of the batch as pending, in one transaction. Call
 * kanri_batch_start() to send them.
 *
 * Returns: (transfer full) (nullable): the batch
 */
KanriBatch *
kanri_batch_new (KanriTenant  *tenant,
                 const char   *title,
                 GPtrArray    *cmdlets,
                 GPtrArray    *summaries,
                 GError      **error)
{
  g_autoptr(KanriBatch) self = NULL;
  KanriStore *store;

  g_return_val_if_fail (KANRI_IS_TENANT (tenant), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (cmdlets != NULL && summaries != NULL, NULL);
  g_return_val_if_fail (cmdlets->len == summaries->len, NULL);

  self = g_object_new (KANRI_TYPE_BATCH, NULL);
  self->tenant = g_object_ref (tenant);
  self->id = kanri_journal_new_batch_id ();
  self->title = g_strdup (title);
  store = kanri_tenant_get_store (tenant);

  if (!kanri_store_exec (store, "BEGIN IMMEDIATE", error))
    return NULL;

  if (!save_batch_row (self, error))
    goto rollback;

  for (guint i = 0; i < cmdlets->len; i++)
    {
      KanriCmdlet *cmdlet = g_ptr_array_index (cmdlets, i);
      g_autofree char *parameters = kanri_cmdlet_to_json (cmdlet);
      g_autofree char *powershell = kanri_cmdlet_to_powershell (cmdlet);
      KanriJournalEntry entry = {
        .tenant = kanri_tenant_get_id (tenant),
        .batch = self->id,
        .cmdlet = kanri_cmdlet_get_name (cmdlet),
        .parameters = parameters,
        .powershell = powershell,
        .summary = g_ptr_array_index (summaries, i),
      };
      gint64 id = kanri_journal_append (journal_of (self), &entry, error);

      if (id == 0)
        goto rollback;
      g_array_append_val (self->queue, id);
    }

  if (!kanri_store_exec (store, "COMMIT", error))
    goto rollback;

  self->total = cmdlets->len;
  return g_steal_pointer (&self);

rollback:
  kanri_store_exec (store, "ROLLBACK", NULL);
  return NULL;
}

static char *
read_title (KanriTenant *tenant,
            const char  *batch_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = kanri_store_prepare (kanri_tenant_get_store (tenant),
                              "SELECT title FROM batches WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

static gboolean
unfinished (KanriOperationState state)
{
  return state == KANRI_OPERATION_PENDING || state == KANRI_OPERATION_INTERRUPTED ||
         state == KANRI_OPERATION_FAILED;
}

/**
 * kanri_batch_resume:
 *
 * A batch from the journal, with what it still has to do: its pending,
 * interrupted and failed changes (each read back before anything is sent).
 *
 * Returns: (transfer full) (nullable): the batch, not started
 */
KanriBatch *
kanri_batch_resume (KanriTenant  *tenant,
                    const char   *batch_id,
                    GError      **error)
{
  g_autoptr(KanriBatch) self = NULL;
  g_autoptr(GPtrArray) operations = NULL;

  g_return_val_if_fail (KANRI_IS_TENANT (tenant), NULL);
  g_return_val_if_fail (batch_id != NULL, NULL);

  self = g_object_new (KANRI_TYPE_BATCH, NULL);
  self->tenant = g_object_ref (tenant);
  self->id = g_strdup (batch_id);
  self->title = read_title (tenant, batch_id);
  if (self->title == NULL)
    self->title = g_strdup (batch_id);

  operations = kanri_journal_list_batch (journal_of (self), batch_id, error);
  if (operations == NULL)
    return NULL;

  for (guint i = 0; i < operations->len; i++)
    {
      KanriOperation *op = g_ptr_array_index (operations, i);
      gint64 id = kanri_operation_get_id (op);

      if (unfinished (kanri_operation_get_state (op)))
        g_array_append_val (self->queue, id);
      else if (kanri_operation_get_state (op) == KANRI_OPERATION_DONE)
        self->done++;
    }

  self->total = operations->len;
  return g_steal_pointer (&self);
}

void
kanri_batch_info_free (KanriBatchInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->id);
  g_free (info->title);
  g_free (info);
}

/**
 * kanri_batch_list_unfinished:
 *
 * Returns: (transfer full) (element-type KanriBatchInfo): the tenant's
 *   batches that have changes pending, interrupted or failed, newest first
 */
GPtrArray *
kanri_batch_list_unfinished (KanriTenant  *tenant,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) batches = NULL;

  g_return_val_if_fail (KANRI_IS_TENANT (tenant), NULL);

  stmt = kanri_store_prepare (kanri_tenant_get_store (tenant),
                              "SELECT b.id, b.title, count(*), "
                              "  sum(o.state IN ('pending','interrupted','failed')) "
                              "FROM batches b JOIN operations o ON o.batch = b.id "
                              "WHERE b.tenant = ?1 GROUP BY b.id "
                              "HAVING sum(o.state IN ('pending','interrupted','failed')) > 0 "
                              "ORDER BY b.created_at DESC",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, kanri_tenant_get_id (tenant), -1, SQLITE_STATIC);
  batches = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_batch_info_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      KanriBatchInfo *info = g_new0 (KanriBatchInfo, 1);

      info->id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      info->title = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      info->total = sqlite3_column_int (stmt, 2);
      info->unfinished = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (batches, info);
    }

  return g_steal_pointer (&batches);
}

static void
finish_if_idle (KanriBatch *self)
{
  if (self->finished || self->in_flight > 0)
    return;
  if (!self->cancelled && self->next < self->queue->len)
    return;

  self->finished = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
record_settled (KanriBatch *self)
{
  gint64 now = g_get_monotonic_time ();

  g_queue_push_tail (&self->settled_times, g_memdup2 (&now, sizeof now));
  while (!g_queue_is_empty (&self->settled_times) &&
         *(gint64 *)g_queue_peek_head (&self->settled_times) < now - RATE_WINDOW_USEC)
    g_free (g_queue_pop_head (&self->settled_times));
}

typedef struct
{
  KanriBatch *batch;
  gint64      operation;
} Launch;

static void
executed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Launch *launch = user_data;
  g_autoptr(KanriBatch) self = launch->batch;
  g_autoptr(GError) error = NULL;
  gint64 operation = launch->operation;

  g_free (launch);
  self->in_flight--;

  if (kanri_operation_runner_execute_finish (result, &error))
    {
      self->done++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->failed++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
    }

  record_settled (self);
  g_signal_emit (self, signals[ITEM_SETTLED], 0, operation, error);

  pump (self);
  finish_if_idle (self);
}

static gboolean
pump_cb (gpointer data)
{
  KanriBatch *self = data;

  self->pump_source = 0;
  pump (self);
  return G_SOURCE_REMOVE;
}

/* Whether the service's rate allows another request now; if not, the pump
 * runs again at the next second, when its window starts over. */
static gboolean
rate_allows (KanriBatch *self)
{
  KanriExoClient *client = kanri_tenant_get_client (self->tenant);
  gint64 now = g_get_real_time ();
  gint64 window = now / G_USEC_PER_SEC;
  gint64 limit = -1, remaining = -1;

  if (window != self->window)
    {
      self->window = window;
      self->launched_in_window = 0;
    }

  if (client != NULL)
    kanri_exo_client_get_rate_limit (client, &limit, &remaining, NULL);

  if (limit <= 0 || self->launched_in_window < (guint64)limit)
    return TRUE;

  if (self->pump_source == 0)
    self->pump_source = g_timeout_add ((G_USEC_PER_SEC - now % G_USEC_PER_SEC) / 1000 + 1,
                                       pump_cb, self);
  return FALSE;
}

static void
launch_next (KanriBatch *self)
{
  g_autoptr(KanriOperation) op = NULL;
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_array_index (self->queue, gint64, self->next);
  KanriOperationState state;
  Launch *launch;

  self->next++;

  op = kanri_journal_get (journal_of (self), id, &error);
  if (op != NULL)
    cmdlet = kanri_cmdlet_new_from_json (kanri_operation_get_cmdlet (op),
                                         kanri_operation_get_parameters (op), &error);
  if (cmdlet == NULL)
    {
      self->failed++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
      g_signal_emit (self, signals[ITEM_SETTLED], 0, id, error);
      return;
    }

  state = kanri_operation_get_state (op);
  if (!unfinished (state))
    {
      /* Settled meanwhile (another window retried it): nothing to do. */
      if (state == KANRI_OPERATION_DONE)
        self->done++;
      return;
    }

  launch = g_new0 (Launch, 1);
  launch->batch = g_object_ref (self);
  launch->operation = id;

  self->in_flight++;
  self->launched_in_window++;
  kanri_operation_runner_execute_async (self->tenant, id, cmdlet,
                                        state != KANRI_OPERATION_PENDING, self->cancellable,
                                        executed_cb, launch);
}

static void
pump (KanriBatch *self)
{
  guint concurrency = kanri_tenant_get_concurrency (self->tenant);

  while (!self->paused && !self->cancelled && self->next < self->queue->len &&
         self->in_flight < concurrency && rate_allows (self))
    launch_next (self);

  finish_if_idle (self);
}

/**
 * kanri_batch_start:
 *
 * Sends the batch's changes, a few at a time, until all have settled.
 */
void
kanri_batch_start (KanriBatch *self)
{
  g_return_if_fail (KANRI_IS_BATCH (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  pump (self);
}

/**
 * kanri_batch_pause:
 *
 * Sends nothing more until kanri_batch_resume_running(); the changes in
 * flight settle.
 */
void
kanri_batch_pause (KanriBatch *self)
{
  g_return_if_fail (KANRI_IS_BATCH (self));

  if (self->paused || self->finished)
    return;

  self->paused = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

void
kanri_batch_resume_running (KanriBatch *self)
{
  g_return_if_fail (KANRI_IS_BATCH (self));

  if (!self->paused)
    return;

  self->paused = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  pump (self);
}

/**
 * kanri_batch_cancel:
 *
 * Sends nothing more, and records the changes not sent as cancelled. The
 * changes in flight settle as the service answers them.
 */
void
kanri_batch_cancel (KanriBatch *self)
{
  g_return_if_fail (KANRI_IS_BATCH (self));

  if (self->cancelled || self->finished)
    return;

  self->cancelled = TRUE;
  for (guint i = self->next; i < self->queue->len; i++)
    kanri_journal_settle (journal_of (self), g_array_index (self->queue, gint64, i),
                          KANRI_OPERATION_CANCELLED, NULL, NULL, NULL);
  self->next = self->queue->len;

  finish_if_idle (self);
}

const char *
kanri_batch_get_id (KanriBatch *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH (self), NULL);
  return self->id;
}

const char *
kanri_batch_get_title (KanriBatch *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH (self), NULL);
  return self->title;
}

guint
kanri_batch_get_total (KanriBatch *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH (self), 0);
  return self->total;
}

guint
kanri_batch_get_done (KanriBatch *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH (self), 0);
  return self->done;
}

guint
kanri_batch_get_failed (KanriBatch *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH (self), 0);
  return self->failed;
}

gboolean
kanri_batch_get_paused (KanriBatch *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH (self), FALSE);
  return self->paused;
}

gboolean
kanri_batch_get_finished (KanriBatch *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH (self), FALSE);
  return self->finished;
}

/**
 * kanri_batch_get_rate:
 *
 * Returns: changes settled per second, over the last few seconds
 */
double
kanri_batch_get_rate (KanriBatch *self)
{
  gint64 oldest, newest;
  guint n;

  g_return_val_if_fail (KANRI_IS_BATCH (self), 0);

  n = g_queue_get_length (&self->settled_times);
  if (n < 2)
    return 0;

  oldest = *(gint64 *)g_queue_peek_head (&self->settled_times);
  newest = *(gint64 *)g_queue_peek_tail (&self->settled_times);
  if (newest <= oldest)
    return 0;

  return (n - 1) / ((double)(newest - oldest) / G_USEC_PER_SEC);
}

/**
 * kanri_batch_get_seconds_left:
 *
 * Returns: an estimate of the time left at the current rate, or -1
 */
gint64
kanri_batch_get_seconds_left (KanriBatch *self)
{
  double rate;
  guint left;

  g_return_val_if_fail (KANRI_IS_BATCH (self), -1);

  rate = kanri_batch_get_rate (self);
  left = self->total - MIN (self->total, self->done + self->failed);
  if (rate <= 0)
    return -1;

  return (gint64)(left / rate + 0.5);
}
