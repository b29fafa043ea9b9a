/* kanri-batch-analysis-session.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-batch-analysis-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "kanri-batch-analysis.h"
#include "kanri-batch-analysis-session.h"

/* A batch analysis run into the local model (issue 16), with no GTK: the
 * messages are analysed on worker threads (kanri_batch_analysis_run) from
 * a thread of its own, which writes a row per message on a connection of
 * its own, one transaction per ROWS_PER_TRANSACTION rows, and posts its
 * progress to the main thread. A cancelled run keeps what it wrote. */

#define ROWS_PER_TRANSACTION 1000

struct _KanriBatchAnalysisSession
{
  GObject       parent_instance;

  KanriStore   *store;
  GCancellable *cancellable;
  gboolean      running;
  gint64        run_id;
  guint64       messages;
  guint64       bytes;
  guint64       errors;
  guint64       duplicates;
  guint64       total_bytes;
  GError       *error;
};

G_DEFINE_FINAL_TYPE (KanriBatchAnalysisSession, kanri_batch_analysis_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_RUN_ID,
  PROP_MESSAGES,
  PROP_TOTAL_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GWeakRef         session;
  gint64           run_id;
  guint64          total_bytes;
  KanriBatchStats  stats;
} Progress;

typedef struct
{
  char            **paths;
  KanriStore       *store;
  GMainContext     *context;
  GWeakRef          session;
  sqlite3          *db;
  sqlite3_stmt     *insert;
  gint64            run_id;
  guint64           seq;
  guint             in_transaction;
  guint64           total_bytes;
  KanriBatchStats   running;
  GError           *write_error;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->insert, sqlite3_finalize);
  g_clear_pointer (&job->db, sqlite3_close);
  g_strfreev (job->paths);
  g_clear_object (&job->store);
  g_main_context_unref (job->context);
  g_weak_ref_clear (&job->session);
  g_clear_error (&job->write_error);
  g_free (job);
}

static gboolean
apply_progress (gpointer data)
{
  Progress *progress = data;
  g_autoptr(KanriBatchAnalysisSession) self = g_weak_ref_get (&progress->session);

  if (self != NULL && self->running)
    {
      gboolean counted = self->total_bytes != progress->total_bytes;
      gboolean read = self->messages != progress->stats.messages;

      self->run_id = progress->run_id;
      self->messages = progress->stats.messages;
      self->bytes = progress->stats.bytes;
      self->errors = progress->stats.errors;
      self->duplicates = progress->stats.duplicates;
      self->total_bytes = progress->total_bytes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_ID]);
      if (counted)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_BYTES]);
      if (read)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGES]);
    }

  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *progress)
{
  g_weak_ref_clear (&progress->session);
  g_free (progress);
}

static void
post_progress (Job *job)
{
  Progress *progress = g_new0 (Progress, 1);
  g_autoptr(GObject) session = g_weak_ref_get (&job->session);

  g_weak_ref_init (&progress->session, session);
  progress->run_id = job->run_id;
  progress->total_bytes = job->total_bytes;
  progress->stats = job->running;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, apply_progress, progress,
                              (GDestroyNotify)progress_free);
}

static gboolean
exec_sql (Job        *job,
          const char *sql)
{
  if (job->write_error != NULL)
    return FALSE;
  if (sqlite3_exec (job->db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;

  g_set_error (&job->write_error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
               _("Could not save the batch analysis: %s"), sqlite3_errmsg (job->db));
  return FALSE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_row (sqlite3_stmt         *stmt,
          gint64                run_id,
          guint64               seq,
          const KanriBatchItem *item)
{
  KanriBatchRow row;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_text (stmt, 3, item->path, -1, SQLITE_TRANSIENT);
  if (item->offset >= 0)
    sqlite3_bind_int64 (stmt, 4, item->offset);
  sqlite3_bind_int64 (stmt, 5, item->number);
  sqlite3_bind_int (stmt, 20, FALSE);
  sqlite3_bind_int (stmt, 21, FALSE);
  sqlite3_bind_int (stmt, 22, item->duplicate);
  if (item->error != NULL)
    sqlite3_bind_text (stmt, 23, item->error->message, -1, SQLITE_TRANSIENT);
  if (item->report == NULL)
    {
      sqlite3_bind_text (stmt, 26, g_ascii_strdown (item->path, -1), -1, g_free);
      return;
    }

  kanri_batch_row_init (&row, item->report);
  if (row.has_date)
    sqlite3_bind_int64 (stmt, 6, row.unix_date);
  bind_text (stmt, 7, row.from);
  bind_text (stmt, 8, row.subject);
  bind_text (stmt, 9, row.message_id);
  bind_text (stmt, 10, row.cip);
  bind_text (stmt, 11, row.cip_class);
  bind_text (stmt, 12, row.original_ip);
  bind_text (stmt, 13, row.spf);
  bind_text (stmt, 14, row.dkim);
  bind_text (stmt, 15, row.dmarc);
  bind_text (stmt, 16, row.compauth);
  if (row.has_scl)
    sqlite3_bind_int (stmt, 17, row.scl);
  if (row.has_bcl)
    sqlite3_bind_int (stmt, 18, row.bcl);
  bind_text (stmt, 19, row.sfv);
  sqlite3_bind_int (stmt, 20, row.enhanced_filtering);
  sqlite3_bind_int (stmt, 21, row.cip_is_relay);
  bind_text (stmt, 24, row.direction);
  sqlite3_bind_text (stmt, 25, g_steal_pointer (&row.findings), -1, g_free);
  /* What the table's search looks in (kanri-batch-message-list.c), as
   * migration 9 writes it for older rows. */
  {
    g_autofree char *key = g_strjoin (" ", row.from ? row.from : "", row.subject ? row.subject : "",
                                      row.cip ? row.cip : "", row.message_id ? row.message_id : "",
                                      item->path, NULL);

    sqlite3_bind_text (stmt, 26, g_ascii_strdown (key, -1), -1, g_free);
  }
  kanri_batch_row_clear (&row);
}

static void
item_cb (const KanriBatchItem *item,
         gpointer              user_data)
{
  Job *job = user_data;

  job->running.messages++;
  job->running.bytes += item->size;
  if (item->error != NULL)
    job->running.errors++;
  if (item->duplicate)
    job->running.duplicates++;

  if (job->write_error != NULL)
    return;
  if (job->in_transaction == 0 && !exec_sql (job, "BEGIN IMMEDIATE"))
    return;

  bind_row (job->insert, job->run_id, job->seq++, item);
  if (sqlite3_step (job->insert) != SQLITE_DONE)
    {
      g_set_error (&job->write_error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
                   _("Could not save the batch analysis: %s"), sqlite3_errmsg (job->db));
      sqlite3_exec (job->db, "ROLLBACK", NULL, NULL, NULL);
      job->in_transaction = 0;
      return;
    }

  if (++job->in_transaction >= ROWS_PER_TRANSACTION)
    {
      exec_sql (job, "COMMIT");
      job->in_transaction = 0;
      post_progress (job);
    }
}

static const char insert_sql[] =
  "INSERT INTO batch_messages (run, seq, path, offset, number, date, sender, subject, message_id,"
  " cip, cip_class, original_ip, spf, dkim, dmarc, compauth, scl, bcl, sfv, enhanced_filtering,"
  " cip_is_relay, duplicate, error, direction, findings, search_key)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
  " ?20, ?21, ?22, ?23, ?24, ?25, ?26)";

static gboolean
open_run (Job     *job,
          GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *paths = g_strjoinv ("\n", job->paths);

  job->db = kanri_store_open_writer (job->store, error);
  if (job->db == NULL)
    return FALSE;

  if (sqlite3_prepare_v2 (job->db, "INSERT INTO batch_runs (paths, started) VALUES (?1, ?2)", -1,
                          &stmt, NULL) != SQLITE_OK ||
      sqlite3_bind_text (stmt, 1, paths, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_DONE ||
      sqlite3_prepare_v2 (job->db, insert_sql, -1, &job->insert, NULL) != SQLITE_OK)
    {
      g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
                   _("Could not save the batch analysis: %s"), sqlite3_errmsg (job->db));
      return FALSE;
    }

  job->run_id = sqlite3_last_insert_rowid (job->db);
  return TRUE;
}

static void
close_run (Job                   *job,
           const KanriBatchStats *stats,
           gboolean               cancelled)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (job->in_transaction > 0)
    exec_sql (job, "COMMIT");
  job->in_transaction = 0;

  if (sqlite3_prepare_v2 (job->db,
                          "UPDATE batch_runs SET finished = ?2, cancelled = ?3, messages = ?4,"
                          " errors = ?5, duplicates = ?6, bytes = ?7 WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_int64 (stmt, 1, job->run_id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int (stmt, 3, cancelled);
  sqlite3_bind_int64 (stmt, 4, stats->messages);
  sqlite3_bind_int64 (stmt, 5, stats->errors);
  sqlite3_bind_int64 (stmt, 6, stats->duplicates);
  sqlite3_bind_int64 (stmt, 7, stats->bytes);
  sqlite3_step (stmt);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  KanriBatchStats stats = { 0 };
  gboolean ran;

  if (!open_run (job, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* What there is to read, for the time left: a walk of the folders
   * before the run reads them (stat() only). */
  job->total_bytes = kanri_batch_analysis_measure ((const char *const *)job->paths, cancellable);
  post_progress (job);

  ran = kanri_batch_analysis_run ((const char *const *)job->paths, 0, item_cb, job, &stats,
                                  cancellable, &error);
  close_run (job, &stats, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  job->running = stats;
  post_progress (job);

  if (job->write_error != NULL)
    g_task_return_error (task, g_steal_pointer (&job->write_error));
  else if (!ran)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KanriBatchAnalysisSession *self = KANRI_BATCH_ANALYSIS_SESSION (object);
  Job *job = g_task_get_task_data (G_TASK (result));

  g_clear_error (&self->error);
  g_task_propagate_boolean (G_TASK (result), &self->error);

  /* The last counts, which the thread posted before it returned. */
  self->run_id = job->run_id;
  self->messages = job->running.messages;
  self->bytes = job->running.bytes;
  self->errors = job->running.errors;
  self->duplicates = job->running.duplicates;
  self->total_bytes = job->total_bytes;
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * kanri_batch_analysis_session_start:
 * @paths: (array zero-terminated=1): files, mbox files and folders
 *
 * Starts a run; #KanriBatchAnalysisSession:running goes %FALSE when it is
 * over, with the error (or cancellation) in get_error().
 */
void
kanri_batch_analysis_session_start (KanriBatchAnalysisSession *self,
                                    const char *const         *paths)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (KANRI_IS_BATCH_ANALYSIS_SESSION (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);
  g_return_if_fail (!self->running);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  self->run_id = 0;
  self->messages = self->bytes = self->errors = self->duplicates = self->total_bytes = 0;

  job = g_new0 (Job, 1);
  job->paths = g_strdupv ((char **)paths);
  job->store = g_object_ref (self->store);
  job->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&job->session, self);

  task = g_task_new (self, self->cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, kanri_batch_analysis_session_start);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, run_thread);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
kanri_batch_analysis_session_cancel (KanriBatchAnalysisSession *self)
{
  g_return_if_fail (KANRI_IS_BATCH_ANALYSIS_SESSION (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
kanri_batch_analysis_session_dispose (GObject *object)
{
  KanriBatchAnalysisSession *self = KANRI_BATCH_ANALYSIS_SESSION (object);

  kanri_batch_analysis_session_cancel (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kanri_batch_analysis_session_parent_class)->dispose (object);
}

static void
kanri_batch_analysis_session_finalize (GObject *object)
{
  KanriBatchAnalysisSession *self = KANRI_BATCH_ANALYSIS_SESSION (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (kanri_batch_analysis_session_parent_class)->finalize (object);
}

static void
kanri_batch_analysis_session_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  KanriBatchAnalysisSession *self = KANRI_BATCH_ANALYSIS_SESSION (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_RUN_ID:
      g_value_set_int64 (value, self->run_id);
      break;
    case PROP_MESSAGES:
      g_value_set_uint64 (value, self->messages);
      break;
    case PROP_TOTAL_BYTES:
      g_value_set_uint64 (value, self->total_bytes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_batch_analysis_session_class_init (KanriBatchAnalysisSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kanri_batch_analysis_session_dispose;
  object_class->finalize = kanri_batch_analysis_session_finalize;
  object_class->get_property = kanri_batch_analysis_session_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUN_ID] =
    g_param_spec_int64 ("run-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGES] =
    g_param_spec_uint64 ("messages", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL_BYTES] =
    g_param_spec_uint64 ("total-bytes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_batch_analysis_session_init (KanriBatchAnalysisSession *self)
{
}

KanriBatchAnalysisSession *
kanri_batch_analysis_session_new (KanriStore *store)
{
  KanriBatchAnalysisSession *self;

  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);

  self = g_object_new (KANRI_TYPE_BATCH_ANALYSIS_SESSION, NULL);
  self->store = g_object_ref (store);

  return self;
}

gboolean
kanri_batch_analysis_session_get_running (KanriBatchAnalysisSession *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_ANALYSIS_SESSION (self), FALSE);
  return self->running;
}

gint64
kanri_batch_analysis_session_get_run_id (KanriBatchAnalysisSession *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_ANALYSIS_SESSION (self), 0);
  return self->run_id;
}

guint64
kanri_batch_analysis_session_get_messages (KanriBatchAnalysisSession *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_ANALYSIS_SESSION (self), 0);
  return self->messages;
}

guint64
kanri_batch_analysis_session_get_bytes (KanriBatchAnalysisSession *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_ANALYSIS_SESSION (self), 0);
  return self->bytes;
}

guint64
kanri_batch_analysis_session_get_errors (KanriBatchAnalysisSession *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_ANALYSIS_SESSION (self), 0);
  return self->errors;
}

guint64
kanri_batch_analysis_session_get_duplicates (KanriBatchAnalysisSession *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_ANALYSIS_SESSION (self), 0);
  return self->duplicates;
}

/**
 * kanri_batch_analysis_session_get_total_bytes:
 *
 * Returns: the bytes the run will read (0 until they are counted, at its
 *   start), to tell the time left with get_bytes()
 */
guint64
kanri_batch_analysis_session_get_total_bytes (KanriBatchAnalysisSession *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_ANALYSIS_SESSION (self), 0);
  return self->total_bytes;
}

/**
 * kanri_batch_analysis_session_get_error:
 *
 * Returns: (nullable): why the last run stopped short (cancelled, a path
 *   that cannot be read, the database), or %NULL
 */
const GError *
kanri_batch_analysis_session_get_error (KanriBatchAnalysisSession *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_ANALYSIS_SESSION (self), NULL);
  return self->error;
}
