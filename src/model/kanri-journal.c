/* kanri-journal.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-journal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-journal.h"
#include "kanri-operation-private.h"

/* The operation journal: every change Kanri makes to a tenant is a row here,
 * committed as "pending" before its request leaves and settled after the
 * answer, so that no change is lost or applied twice (PRODUCT.md
 * "Reliability"). Rows only move along kanri_operation_state_can_become(). */
struct _KanriJournal
{
  GObject     parent_instance;

  KanriStore *store;
};

G_DEFINE_FINAL_TYPE (KanriJournal, kanri_journal, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kanri_journal_class_init (KanriJournalClass *klass)
{
  /**
   * KanriJournal::changed:
   * @id: the operation that was appended or changed state
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
kanri_journal_init (KanriJournal *self)
{
}

/**
 * kanri_journal_get_for_store:
 *
 * The journal is shared: every part of the app that reads or writes it sees
 * the others' changes through its signals.
 *
 * Returns: (transfer none): the journal of @store, which lives as long as it
 */
KanriJournal *
kanri_journal_get_for_store (KanriStore *store)
{
  KanriJournal *self;

  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "kanri-journal");
  if (self == NULL)
    {
      self = g_object_new (KANRI_TYPE_JOURNAL, NULL);
      /* Not a reference: the store owns this object. */
      self->store = store;
      g_object_set_data_full (G_OBJECT (store), "kanri-journal", self, g_object_unref);
    }

  return self;
}

KanriStore *
kanri_journal_get_store (KanriJournal *self)
{
  g_return_val_if_fail (KANRI_IS_JOURNAL (self), NULL);

  return self->store;
}

/**
 * kanri_journal_new_batch_id:
 *
 * Returns: (transfer full): a new identifier grouping the operations of one
 *   bulk job, so the job can be listed and resumed as a whole
 */
char *
kanri_journal_new_batch_id (void)
{
  return g_uuid_string_random ();
}

/**
 * kanri_journal_append:
 * @entry: what the operation is; @entry->batch may be %NULL
 *
 * Commits a new "pending" operation. Call before sending its request.
 *
 * Returns: the operation's id, or 0 with @error set
 */
gint64
kanri_journal_append (KanriJournal             *self,
                      const KanriJournalEntry  *entry,
                      GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = g_get_real_time ();
  gint64 id;

  g_return_val_if_fail (KANRI_IS_JOURNAL (self), 0);
  g_return_val_if_fail (entry != NULL, 0);
  g_return_val_if_fail (entry->tenant != NULL, 0);
  g_return_val_if_fail (entry->cmdlet != NULL, 0);
  g_return_val_if_fail (entry->powershell != NULL, 0);

  stmt = kanri_store_prepare (self->store,
                              "INSERT INTO operations (tenant, batch, cmdlet, parameters, "
                              "powershell, summary, created_at, updated_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                              error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, entry->tenant, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entry->batch, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entry->cmdlet, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, entry->parameters ? entry->parameters : "{}", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, entry->powershell, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, entry->summary ? entry->summary : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, now);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kanri_store_set_error (self->store, SQLITE_ERROR, error);
      return 0;
    }

  id = sqlite3_last_insert_rowid (kanri_store_get_db (self->store));
  g_signal_emit (self, signals[CHANGED], 0, id);

  return id;
}

static gboolean
read_state (KanriJournal         *self,
            gint64                id,
            KanriOperationState  *state,
            GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = kanri_store_prepare (self->store, "SELECT state FROM operations WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_NOT_FOUND,
                   _("Operation %lld is not in the journal"), (long long)id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return kanri_store_set_error (self->store, rc, error);

  if (!kanri_operation_state_from_string ((const char *)sqlite3_column_text (stmt, 0), state))
    {
      g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
                   _("Operation %lld has an unknown state"), (long long)id);
      return FALSE;
    }

  return TRUE;
}

/* Moves one row from the state it was read in to @to. The UPDATE repeats the
 * state it expects, so a concurrent change makes it touch nothing instead of
 * skipping a step of the state machine. */
static gboolean
transition (KanriJournal         *self,
            gint64                id,
            KanriOperationState   to,
            const char           *error_message,
            const char           *result,
            GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  KanriOperationState from;

  if (!read_state (self, id, &from, error))
    return FALSE;

  if (!kanri_operation_state_can_become (from, to))
    {
      g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_INVALID_TRANSITION,
                   _("Operation %lld cannot go from “%s” to “%s”"),
                   (long long)id, kanri_operation_state_to_label (from), kanri_operation_state_to_label (to));
      return FALSE;
    }

  stmt = kanri_store_prepare (self->store,
                              "UPDATE operations SET state = ?2, updated_at = ?3, "
                              "  attempts = attempts + (?2 = 'running'), "
                              "  error = CASE WHEN ?2 = 'running' THEN NULL ELSE ?4 END, "
                              "  result = COALESCE (?5, result) "
                              "WHERE id = ?1 AND state = ?6",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, kanri_operation_state_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  sqlite3_bind_text (stmt, 4, error_message, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, result, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, kanri_operation_state_to_string (from), -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return kanri_store_set_error (self->store, SQLITE_ERROR, error);

  if (sqlite3_changes (kanri_store_get_db (self->store)) != 1)
    {
      g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_INVALID_TRANSITION,
                   _("Operation %lld changed while it was being updated"), (long long)id);
      return FALSE;
    }

  g_signal_emit (self, signals[CHANGED], 0, id);

  return TRUE;
}

/**
 * kanri_journal_start:
 *
 * Marks a pending, failed (retry) or interrupted (resume) operation as
 * running and counts the attempt. Call just before sending its request.
 */
gboolean
kanri_journal_start (KanriJournal  *self,
                     gint64         id,
                     GError       **error)
{
  g_return_val_if_fail (KANRI_IS_JOURNAL (self), FALSE);

  return transition (self, id, KANRI_OPERATION_RUNNING, NULL, NULL, error);
}

/**
 * kanri_journal_settle:
 * @state: %KANRI_OPERATION_DONE, %KANRI_OPERATION_FAILED or
 *   %KANRI_OPERATION_CANCELLED
 * @error_message: (nullable): what went wrong, for a failed operation
 * @result: (nullable): the service's answer, as JSON
 *
 * Records how an operation ended.
 */
gboolean
kanri_journal_settle (KanriJournal         *self,
                      gint64                id,
                      KanriOperationState   state,
                      const char           *error_message,
                      const char           *result,
                      GError              **error)
{
  g_return_val_if_fail (KANRI_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (state == KANRI_OPERATION_DONE ||
                        state == KANRI_OPERATION_FAILED ||
                        state == KANRI_OPERATION_CANCELLED, FALSE);

  return transition (self, id, state, error_message, result, error);
}

/**
 * kanri_journal_note:
 * @text: what a running operation is waiting for, e.g. the service's
 *   throttling
 *
 * Shows @text in the error column of a running operation, which has none
 * (kanri_journal_start() cleared it); settling replaces it. A row that is
 * no longer running is left alone.
 */
gboolean
kanri_journal_note (KanriJournal  *self,
                    gint64         id,
                    const char    *text,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KANRI_IS_JOURNAL (self), FALSE);

  stmt = kanri_store_prepare (self->store,
                              "UPDATE operations SET error = ?2, updated_at = ?3 "
                              "WHERE id = ?1 AND state = 'running'",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return kanri_store_set_error (self->store, SQLITE_ERROR, error);

  if (sqlite3_changes (kanri_store_get_db (self->store)) == 1)
    g_signal_emit (self, signals[CHANGED], 0, id);

  return TRUE;
}

/**
 * kanri_journal_get:
 *
 * Returns: (transfer full) (nullable): the operation as it is now
 */
KanriOperation *
kanri_journal_get (KanriJournal  *self,
                   gint64         id,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KANRI_IS_JOURNAL (self), NULL);

  stmt = kanri_store_prepare (self->store,
                              "SELECT " KANRI_OPERATION_COLUMNS " FROM operations WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _kanri_operation_new_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_NOT_FOUND,
                 _("Operation %lld is not in the journal"), (long long)id);
  else
    kanri_store_set_error (self->store, rc, error);

  return NULL;
}

static GPtrArray *
collect (KanriJournal  *self,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  g_autoptr(GPtrArray) operations = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (operations, _kanri_operation_new_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      kanri_store_set_error (self->store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&operations);
}

/**
 * kanri_journal_list:
 * @tenant: (nullable): only this tenant's operations, or all
 * @limit: at most this many, 0 for all
 *
 * Returns: (transfer full) (element-type KanriOperation): newest first
 */
GPtrArray *
kanri_journal_list (KanriJournal  *self,
                    const char    *tenant,
                    guint          limit,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KANRI_IS_JOURNAL (self), NULL);

  stmt = kanri_store_prepare (self->store,
                              "SELECT " KANRI_OPERATION_COLUMNS " FROM operations "
                              "WHERE ?1 IS NULL OR tenant = ?1 "
                              "ORDER BY id DESC LIMIT ?2",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64)limit : -1);

  return collect (self, stmt, error);
}

/**
 * kanri_journal_list_batch:
 *
 * Returns: (transfer full) (element-type KanriOperation): the batch's
 *   operations in the order they were appended
 */
GPtrArray *
kanri_journal_list_batch (KanriJournal  *self,
                          const char    *batch,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KANRI_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (batch != NULL, NULL);

  stmt = kanri_store_prepare (self->store,
                              "SELECT " KANRI_OPERATION_COLUMNS " FROM operations "
                              "WHERE batch = ?1 ORDER BY id",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, batch, -1, SQLITE_TRANSIENT);

  return collect (self, stmt, error);
}
