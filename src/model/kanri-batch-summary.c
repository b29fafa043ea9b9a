/* kanri-batch-summary.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-batch-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-batch-sql.h"
#include "kanri-batch-summary.h"

/* What the Header Analyzer's batch view draws of a run: its verdicts over
 * time, the top CIPs with their classification, the top sending domains
 * with their DMARC outcome, and the finding across messages. Each is one
 * aggregate query, run together in a worker thread on a reader connection:
 * on 100,000 rows they take tens of milliseconds, not for the main thread. */

#define RUN_COLUMNS "id, paths, started, finished, cancelled, messages, errors, duplicates, bytes"

void
kanri_batch_run_free (KanriBatchRun *run)
{
  if (run == NULL)
    return;
  g_strfreev (run->paths);
  g_free (run);
}

static KanriBatchRun *
run_from_row (sqlite3_stmt *stmt)
{
  KanriBatchRun *run = g_new0 (KanriBatchRun, 1);

  run->id = sqlite3_column_int64 (stmt, 0);
  run->paths = g_strsplit ((const char *)sqlite3_column_text (stmt, 1), "\n", -1);
  run->started = sqlite3_column_int64 (stmt, 2);
  run->finished = sqlite3_column_int64 (stmt, 3);
  run->cancelled = sqlite3_column_int (stmt, 4) != 0;
  run->messages = sqlite3_column_int64 (stmt, 5);
  run->errors = sqlite3_column_int64 (stmt, 6);
  run->duplicates = sqlite3_column_int64 (stmt, 7);
  run->bytes = sqlite3_column_int64 (stmt, 8);

  return run;
}

static KanriBatchRun *
load_run (sqlite3  *db,
          gint64    run_id,
          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT " RUN_COLUMNS " FROM batch_runs WHERE id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, run_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        return run_from_row (stmt);
    }

  if (rc == SQLITE_DONE)
    g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
                 _("The batch analysis is no longer in the local database"));
  else
    g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
                 _("Local database error: %s"), sqlite3_errmsg (db));
  return NULL;
}

/**
 * kanri_batch_run_load:
 *
 * Returns: (transfer full) (nullable): the run, or %NULL if it is gone
 */
KanriBatchRun *
kanri_batch_run_load (KanriStore  *store,
                      gint64       run_id,
                      GError     **error)
{
  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);

  return load_run (kanri_store_get_db (store), run_id, error);
}

/**
 * kanri_batch_run_list:
 * @limit: at most this many, newest first
 *
 * A small query on the store's main connection: batch_runs has one row
 * per run, not per message.
 *
 * Returns: (transfer full) (element-type KanriBatchRun): the runs
 */
GPtrArray *
kanri_batch_run_list (KanriStore  *store,
                      guint        limit,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_batch_run_free);
  int rc;

  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);

  stmt = kanri_store_prepare (store, "SELECT " RUN_COLUMNS " FROM batch_runs ORDER BY id DESC LIMIT ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (runs, run_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      kanri_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&runs);
}

/**
 * kanri_batch_run_delete:
 *
 * Forgets a run and its messages (ON DELETE CASCADE).
 */
gboolean
kanri_batch_run_delete (KanriStore  *store,
                        gint64       run_id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KANRI_IS_STORE (store), FALSE);

  stmt = kanri_store_prepare (store, "DELETE FROM batch_runs WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return kanri_store_set_error (store, rc, error);

  return TRUE;
}

static void
cip_count_free (KanriBatchCipCount *count)
{
  g_free (count->cip);
  g_free (count->cip_class);
  g_free (count);
}

static void
domain_count_free (KanriBatchDomainCount *count)
{
  g_free (count->domain);
  g_free (count);
}

void
kanri_batch_summary_free (KanriBatchSummary *summary)
{
  if (summary == NULL)
    return;
  kanri_batch_run_free (summary->run);
  g_clear_pointer (&summary->days, g_array_unref);
  g_clear_pointer (&summary->cips, g_ptr_array_unref);
  g_clear_pointer (&summary->domains, g_ptr_array_unref);
  g_clear_pointer (&summary->relay_cips, g_ptr_array_unref);
  g_free (summary);
}

#define SPAM_SQL KANRI_BATCH_SQL_SPAM
#define AUTH_FAILED_SQL KANRI_BATCH_SQL_AUTH_FAILED

static const char days_sql[] =
  "SELECT date / 86400, total (" SPAM_SQL "), total (NOT " SPAM_SQL " AND " AUTH_FAILED_SQL "),"
  " count(*) FROM batch_messages"
  " WHERE run = ?1 AND NOT duplicate AND error IS NULL AND date IS NOT NULL"
  " GROUP BY date / 86400 ORDER BY 1";

static const char cips_sql[] =
  "SELECT cip, max (cip_class), count(*), total " KANRI_BATCH_SQL_NO_ENHANCED_FILTERING ""
  " FROM batch_messages WHERE run = ?1 AND NOT duplicate AND cip IS NOT NULL"
  " GROUP BY cip ORDER BY 3 DESC, cip LIMIT ?2";

/* The domain of the From address: what follows its (first) "@", without
 * the ">" of a display-name form. */
static const char domains_sql[] =
  "SELECT domain, count(*), total (dmarc = 'pass'), total (dmarc LIKE 'fail%') FROM"
  " (SELECT lower (rtrim (substr (sender, instr (sender, '@') + 1), '> ')) AS domain, dmarc"
  "  FROM batch_messages WHERE run = ?1 AND NOT duplicate AND instr (sender, '@') > 0)"
  " GROUP BY domain ORDER BY 2 DESC, domain LIMIT ?2";

static const char relay_sql[] =
  "SELECT cip, max (cip_class), count(*) FROM batch_messages"
  " WHERE run = ?1 AND " KANRI_BATCH_SQL_NO_ENHANCED_FILTERING " AND NOT duplicate"
  " GROUP BY cip ORDER BY count(*) DESC, cip";

static gboolean
read_relay_cips (sqlite3_stmt *stmt,
                 GPtrArray    *cips)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KanriBatchRelayCip *cip = g_new0 (KanriBatchRelayCip, 1);

      cip->cip = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      cip->cip_class = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      cip->messages = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (cips, cip);
    }

  return rc == SQLITE_DONE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         gint64       run_id)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int (stmt, 2, KANRI_BATCH_SUMMARY_TOP);

  return stmt;
}

static gboolean
load_summary (sqlite3            *db,
              KanriBatchSummary  *summary,
              GError            **error)
{
  g_autoptr(sqlite3_stmt) days = NULL;
  g_autoptr(sqlite3_stmt) cips = NULL;
  g_autoptr(sqlite3_stmt) domains = NULL;
  g_autoptr(sqlite3_stmt) relays = NULL;
  gint64 run_id = summary->run->id;
  int rc = SQLITE_DONE;

  if ((days = prepare (db, days_sql, run_id)) == NULL ||
      (cips = prepare (db, cips_sql, run_id)) == NULL ||
      (domains = prepare (db, domains_sql, run_id)) == NULL ||
      (relays = prepare (db, relay_sql, run_id)) == NULL)
    goto failed;

  while ((rc = sqlite3_step (days)) == SQLITE_ROW)
    {
      KanriBatchDay day = { 0 };
      guint all = sqlite3_column_int (days, 3);

      day.day = sqlite3_column_int64 (days, 0) * 86400;
      day.spam = sqlite3_column_int (days, 1);
      day.auth_failed = sqlite3_column_int (days, 2);
      day.clean = all - day.spam - day.auth_failed;
      g_array_append_val (summary->days, day);
    }
  if (rc != SQLITE_DONE)
    goto failed;

  while ((rc = sqlite3_step (cips)) == SQLITE_ROW)
    {
      KanriBatchCipCount *count = g_new0 (KanriBatchCipCount, 1);

      count->cip = g_strdup ((const char *)sqlite3_column_text (cips, 0));
      count->cip_class = g_strdup ((const char *)sqlite3_column_text (cips, 1));
      count->messages = sqlite3_column_int (cips, 2);
      count->without_enhanced_filtering = sqlite3_column_int (cips, 3);
      g_ptr_array_add (summary->cips, count);
    }
  if (rc != SQLITE_DONE)
    goto failed;

  while ((rc = sqlite3_step (domains)) == SQLITE_ROW)
    {
      KanriBatchDomainCount *count = g_new0 (KanriBatchDomainCount, 1);

      count->domain = g_strdup ((const char *)sqlite3_column_text (domains, 0));
      count->messages = sqlite3_column_int (domains, 1);
      count->dmarc_pass = sqlite3_column_int (domains, 2);
      count->dmarc_fail = sqlite3_column_int (domains, 3);
      count->dmarc_other = count->messages - count->dmarc_pass - count->dmarc_fail;
      g_ptr_array_add (summary->domains, count);
    }
  if (rc != SQLITE_DONE)
    goto failed;

  if (!read_relay_cips (relays, summary->relay_cips))
    goto failed;

  return TRUE;

failed:
  g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
               _("Local database error: %s"), sqlite3_errmsg (db));
  return FALSE;
}

typedef struct
{
  KanriStore *store;
  gint64      run_id;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->store);
  g_free (request);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(KanriBatchSummary) summary = g_new0 (KanriBatchSummary, 1);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  db = kanri_store_open_reader (request->store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  summary->days = g_array_new (FALSE, FALSE, sizeof (KanriBatchDay));
  summary->cips = g_ptr_array_new_with_free_func ((GDestroyNotify)cip_count_free);
  summary->domains = g_ptr_array_new_with_free_func ((GDestroyNotify)domain_count_free);
  summary->relay_cips = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_batch_relay_cip_free);

  /* One read transaction: the counts agree with one another while a run
   * still writes. */
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  summary->run = load_run (db, request->run_id, &error);
  if (summary->run != NULL)
    load_summary (db, summary, &error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&summary), (GDestroyNotify)kanri_batch_summary_free);
}

void
kanri_batch_summary_load_async (KanriStore          *store,
                                gint64               run_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (KANRI_IS_STORE (store));

  request = g_new0 (Request, 1);
  request->store = g_object_ref (store);
  request->run_id = run_id;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_batch_summary_load_async);
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * kanri_batch_summary_load_finish:
 *
 * Returns: (transfer full): the summary, or %NULL with @error
 */
KanriBatchSummary *
kanri_batch_summary_load_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
kanri_batch_relay_cip_free (KanriBatchRelayCip *cip)
{
  g_free (cip->cip);
  g_free (cip->cip_class);
  g_free (cip);
}

/**
 * kanri_batch_analysis_query_relay_cips:
 *
 * The finding across messages: the CIPs that messages of @run_id arrived
 * through without enhanced filtering, where the CIP is a relay or gateway
 * and not the sender, most messages first. A query on @store's main
 * connection, for a test or a small run; the batch view has it in its
 * summary (kanri_batch_summary_load_async()).
 *
 * Returns: (transfer full) (element-type KanriBatchRelayCip): the CIPs
 */
GPtrArray *
kanri_batch_analysis_query_relay_cips (KanriStore  *store,
                                       gint64       run_id,
                                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) cips = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_batch_relay_cip_free);

  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);

  stmt = kanri_store_prepare (store, relay_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);

  if (!read_relay_cips (stmt, cips))
    {
      kanri_store_set_error (store, SQLITE_ERROR, error);
      return NULL;
    }

  return g_steal_pointer (&cips);
}
