/* kanri-history.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-history.h"

/* The Header Analyzer's saved analyses. Whether to save at all is the user's
 * choice (the "analysis-history" setting), made by the caller. */
struct _KanriHistory
{
  GObject     parent_instance;

  KanriStore *store;
};

G_DEFINE_FINAL_TYPE (KanriHistory, kanri_history, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kanri_history_class_init (KanriHistoryClass *klass)
{
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
kanri_history_init (KanriHistory *self)
{
}

/**
 * kanri_history_get_for_store:
 *
 * The history is shared: every part of the app that reads or writes it sees
 * the others' changes through its signals.
 *
 * Returns: (transfer none): the history of @store, which lives as long as it
 */
KanriHistory *
kanri_history_get_for_store (KanriStore *store)
{
  KanriHistory *self;

  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "kanri-history");
  if (self == NULL)
    {
      self = g_object_new (KANRI_TYPE_HISTORY, NULL);
      /* Not a reference: the store owns this object. */
      self->store = store;
      g_object_set_data_full (G_OBJECT (store), "kanri-history", self, g_object_unref);
    }

  return self;
}

void
kanri_history_item_free (KanriHistoryItem *item)
{
  if (item == NULL)
    return;

  g_free (item->source);
  g_free (item->subject);
  g_free (item);
}

gint64
kanri_history_add (KanriHistory  *self,
                   const char    *source,
                   const char    *subject,
                   const char    *report_json,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (KANRI_IS_HISTORY (self), 0);
  g_return_val_if_fail (source != NULL, 0);
  g_return_val_if_fail (report_json != NULL, 0);

  stmt = kanri_store_prepare (self->store,
                              "INSERT INTO analyses (created_at, source, subject, report) "
                              "VALUES (?1, ?2, ?3, ?4)",
                              error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, subject ? subject : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, report_json, -1, SQLITE_TRANSIENT);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kanri_store_set_error (self->store, SQLITE_ERROR, error);
      return 0;
    }

  id = sqlite3_last_insert_rowid (kanri_store_get_db (self->store));
  g_signal_emit (self, signals[CHANGED], 0);

  return id;
}

/**
 * kanri_history_get_report:
 *
 * Returns: (transfer full) (nullable): the saved report, as JSON
 */
char *
kanri_history_get_report (KanriHistory  *self,
                          gint64         id,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KANRI_IS_HISTORY (self), NULL);

  stmt = kanri_store_prepare (self->store, "SELECT report FROM analyses WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *)sqlite3_column_text (stmt, 0));

  if (rc == SQLITE_DONE)
    g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_NOT_FOUND,
                 _("That analysis is no longer in the history"));
  else
    kanri_store_set_error (self->store, rc, error);

  return NULL;
}

/**
 * kanri_history_count:
 *
 * Returns: how many analyses are saved, or -1 with @error set
 */
gint64
kanri_history_count (KanriHistory  *self,
                     GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KANRI_IS_HISTORY (self), -1);

  stmt = kanri_store_prepare (self->store, "SELECT count(*) FROM analyses", error);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      kanri_store_set_error (self->store, SQLITE_ERROR, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * kanri_history_clear:
 *
 * Deletes every saved analysis. secure_delete (on by default in Debian's
 * SQLite, not in every build) overwrites the freed pages
 * and the checkpoint empties the write-ahead log, so that what was analyzed
 * does not linger in the files, without the cost of a VACUUM of the whole
 * database.
 */
gboolean
kanri_history_clear (KanriHistory  *self,
                     GError       **error)
{
  g_return_val_if_fail (KANRI_IS_HISTORY (self), FALSE);

  if (!kanri_store_exec (self->store,
                         "PRAGMA secure_delete = ON;"
                         "DELETE FROM analyses;"
                         "PRAGMA wal_checkpoint(TRUNCATE);",
                         error))
    return FALSE;

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * kanri_history_list:
 * @limit: at most this many, 0 for all
 *
 * Returns: (transfer full) (element-type KanriHistoryItem): newest first
 */
GPtrArray *
kanri_history_list (KanriHistory  *self,
                    guint          limit,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = NULL;
  int rc;

  g_return_val_if_fail (KANRI_IS_HISTORY (self), NULL);

  stmt = kanri_store_prepare (self->store,
                              "SELECT id, created_at, source, subject FROM analyses "
                              "ORDER BY id DESC LIMIT ?1",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64)limit : -1);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_history_item_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KanriHistoryItem *item = g_new0 (KanriHistoryItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->created_usec = sqlite3_column_int64 (stmt, 1);
      item->source = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      item->subject = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      g_ptr_array_add (items, item);
    }

  if (rc != SQLITE_DONE)
    {
      kanri_store_set_error (self->store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&items);
}
