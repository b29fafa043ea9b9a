/* kanri-audit-export.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-audit-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-audit-export.h"
#include "kanri-csv.h"

/* The seed's audit report, from the local model instead of
 * Get-Mailbox -ResultSize Unlimited | Select DisplayName,DefaultAuditSet,
 * AuditAdmin,AuditDelegate,AuditOwner,AuditLogAgeLimit | Export-CSV
 * -Encoding UTF8 -NoTypeInformation: the same columns, UTF-8 with a BOM (what
 * Windows PowerShell writes, and what Excel needs to read Japanese), RFC
 * 4180 quoting. It runs in a worker thread on a connection of its own, and
 * writes the file whole or not at all. */

static const char *const header[] = {
  "DisplayName", "DefaultAuditSet", "AuditAdmin", "AuditDelegate", "AuditOwner", "AuditLogAgeLimit",
};

/* Rows between two reports of progress, and bytes between two writes. */
#define PROGRESS_EVERY 2000
#define FLUSH_AT       (256 * 1024)

typedef struct
{
  KanriStore               *store;
  char                     *tenant;
  char                     *search;
  KanriAuditFlags           flags;
  GFile                    *file;
  KanriAuditExportProgress  progress;
  gpointer                  progress_data;
} Export;

typedef struct
{
  KanriAuditExportProgress  progress;
  gpointer                  progress_data;
  guint                     done;
  guint                     total;
} Progress;

static void
export_free (Export *export)
{
  g_clear_object (&export->store);
  g_free (export->tenant);
  g_free (export->search);
  g_clear_object (&export->file);
  g_free (export);
}

static gboolean
report_progress_cb (gpointer data)
{
  Progress *progress = data;

  progress->progress (progress->done, progress->total, progress->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (GTask  *task,
                 Export *export,
                 guint   done,
                 guint   total)
{
  Progress *progress;

  if (export->progress == NULL)
    return;

  progress = g_new0 (Progress, 1);
  progress->progress = export->progress;
  progress->progress_data = export->progress_data;
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              report_progress_cb, progress, g_free);
}

static gboolean
db_error (sqlite3  *db,
          GError  **error)
{
  g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
               _("Local database error: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
count_rows (sqlite3  *db,
            Export   *export,
            guint    *total,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT count(*) FROM mailboxes WHERE tenant = ?1 "
                          "AND (?2 = 0 OR (audit_flags & ?2) != 0) "
                          "AND (?3 IS NULL OR instr (search_key, ?3) > 0)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return db_error (db, error);

  sqlite3_bind_text (stmt, 1, export->tenant, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, export->flags);
  sqlite3_bind_text (stmt, 3, export->search, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return db_error (db, error);

  *total = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
write_rows (sqlite3        *db,
            GTask          *task,
            Export         *export,
            GOutputStream  *out,
            guint          *count,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (FLUSH_AT + 4096);
  guint total = 0;
  int rc;

  if (!count_rows (db, export, &total, error))
    return FALSE;

  if (sqlite3_prepare_v2 (db,
                          "SELECT display_name, default_audit_set, audit_admin, audit_delegate, "
                          "  audit_owner, audit_log_age_limit FROM mailboxes WHERE tenant = ?1 "
                          "AND (?2 = 0 OR (audit_flags & ?2) != 0) "
                          "AND (?3 IS NULL OR instr (search_key, ?3) > 0) "
                          "ORDER BY display_name COLLATE NOCASE, rowid",
                          -1, &stmt, NULL) != SQLITE_OK)
    return db_error (db, error);

  sqlite3_bind_text (stmt, 1, export->tenant, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, export->flags);
  sqlite3_bind_text (stmt, 3, export->search, -1, SQLITE_STATIC);

  g_string_append (buffer, KANRI_CSV_UTF8_BOM);
  kanri_csv_append_row (buffer, header, G_N_ELEMENTS (header));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *fields[G_N_ELEMENTS (header)];

      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        fields[i] = (const char *)sqlite3_column_text (stmt, i);
      kanri_csv_append_row (buffer, fields, G_N_ELEMENTS (fields));
      (*count)++;

      if (buffer->len >= FLUSH_AT)
        {
          if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (buffer, 0);
        }

      if (*count % PROGRESS_EVERY == 0)
        report_progress (task, export, *count, total);
    }

  if (rc != SQLITE_DONE)
    return db_error (db, error);

  if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;

  report_progress (task, export, *count, MAX (total, *count));
  return TRUE;
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;
  gboolean ok;
  sqlite3 *db;

  db = kanri_store_open_reader (export->store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Written beside the file and moved over it when complete. */
  out = g_file_replace (export->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
  ok = out != NULL && write_rows (db, task, export, G_OUTPUT_STREAM (out), &count, cancellable, &error);
  sqlite3_close (db);

  if (out != NULL)
    {
      /* A failed export leaves the file as it was. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      if (!ok)
        g_cancellable_cancel (abandon);
      if (!g_output_stream_close (G_OUTPUT_STREAM (out), abandon, ok ? &error : NULL) && ok)
        ok = FALSE;
    }

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, count);
}

/**
 * kanri_audit_export_csv_async:
 * @search: (nullable): text the mailboxes' names or addresses contain, in
 *   any case, as the table's search
 * @flags: only mailboxes with one of these, or 0 for all
 * @progress: (nullable): told how far the export is, on this thread's main
 *   context
 *
 * Writes the audit settings of the tenant's mailboxes (those the table
 * shows) to @file as CSV.
 */
void
kanri_audit_export_csv_async (KanriStore               *store,
                              const char               *tenant,
                              const char               *search,
                              KanriAuditFlags           flags,
                              GFile                    *file,
                              KanriAuditExportProgress  progress,
                              gpointer                  progress_data,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  Export *export;

  g_return_if_fail (KANRI_IS_STORE (store));
  g_return_if_fail (tenant != NULL);
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (Export, 1);
  export->store = g_object_ref (store);
  export->tenant = g_strdup (tenant);
  export->search = search && *search ? g_utf8_casefold (search, -1) : NULL;
  export->flags = flags;
  export->file = g_object_ref (file);
  export->progress = progress;
  export->progress_data = progress_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_audit_export_csv_async);
  g_task_set_task_data (task, export, (GDestroyNotify)export_free);
  g_task_run_in_thread (task, export_in_thread);
}

/**
 * kanri_audit_export_csv_finish:
 * @count: (out) (optional): how many mailboxes were written
 */
gboolean
kanri_audit_export_csv_finish (GAsyncResult  *result,
                               guint         *count,
                               GError       **error)
{
  gssize written;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  written = g_task_propagate_int (G_TASK (result), error);
  if (written < 0)
    return FALSE;

  if (count != NULL)
    *count = (guint)written;
  return TRUE;
}
