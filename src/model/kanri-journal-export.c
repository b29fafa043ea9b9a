/* kanri-journal-export.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-journal-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-csv.h"
#include "kanri-journal-export.h"

/* The Operations page's exports: a PowerShell script that replays the changes
 * elsewhere, and a CSV for a spreadsheet. Both start with a byte order mark:
 * Windows PowerShell 5.1 reads a .ps1 without one in the ANSI code page, and
 * Excel a CSV likewise, and either would garble Japanese names. Lines end with
 * CRLF, as Windows tools expect. */

typedef struct
{
  KanriJournalExportFormat  format;
  GString                  *out;
  guint                     count;
} Export;

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* A script line is PowerShell only if it holds nothing a comment would end. */
static void
append_commented (GString    *out,
                  const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "# %s\r\n", g_strchomp (lines[i]));
}

static gboolean
append_powershell (const KanriJournalRow *row,
                   Export                *export)
{
  g_autofree char *time = format_time (row->created_usec);
  g_autofree char *heading = NULL;
  KanriOperationState state = KANRI_OPERATION_PENDING;

  kanri_operation_state_from_string (row->state, &state);

  if (row->error != NULL && *row->error != '\0')
    heading = g_strdup_printf ("%s · %s · %s · %s", time, kanri_operation_state_to_label (state),
                               row->summary, row->error);
  else
    heading = g_strdup_printf ("%s · %s · %s", time, kanri_operation_state_to_label (state),
                               row->summary);

  g_string_append (export->out, "\r\n");
  append_commented (export->out, heading);

  /* Only what the tenant really received replays as code; the rest stays
   * visible, commented out, for whoever reads the script. */
  if (state == KANRI_OPERATION_DONE)
    g_string_append_printf (export->out, "%s\r\n", row->powershell);
  else
    append_commented (export->out, row->powershell);

  export->count++;
  return TRUE;
}

static gboolean
append_csv (const KanriJournalRow *row,
            Export                *export)
{
  g_autofree char *time = format_time (row->created_usec);
  g_autofree char *attempts = g_strdup_printf ("%d", row->attempts);
  KanriOperationState state = KANRI_OPERATION_PENDING;
  const char *fields[8];

  kanri_operation_state_from_string (row->state, &state);

  fields[0] = time;
  fields[1] = row->tenant;
  fields[2] = row->summary;
  fields[3] = row->cmdlet;
  fields[4] = kanri_operation_state_to_label (state);
  fields[5] = attempts;
  fields[6] = row->error;
  fields[7] = row->powershell;
  kanri_csv_append_row (export->out, fields, G_N_ELEMENTS (fields));

  export->count++;
  return TRUE;
}

/**
 * kanri_journal_export_to_string:
 * @n_operations: (out) (optional): how many operations were written
 *
 * Returns: (transfer full) (nullable): the operations @filter selects, oldest
 *   first, in @format
 */
char *
kanri_journal_export_to_string (sqlite3                   *db,
                                KanriJournalExportFormat   format,
                                const KanriJournalFilter  *filter,
                                guint                     *n_operations,
                                GError                   **error)
{
  Export export = { format, g_string_new (KANRI_CSV_UTF8_BOM), 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  gboolean ok;

  if (format == KANRI_JOURNAL_EXPORT_POWERSHELL)
    {
      g_autofree char *exported = g_strdup_printf (_("Operations exported from Kanri %s on %s."),
                                                   PACKAGE_VERSION, now_text);

      append_commented (export.out, exported);
      append_commented (export.out, _("Connect first: Connect-ExchangeOnline -UserPrincipalName "
                                      "admin@example.com"));
      append_commented (export.out, _("Operations that did not complete are commented out."));
      ok = kanri_journal_query (db, filter, FALSE, (KanriJournalRowFunc)append_powershell,
                                &export, error);
    }
  else
    {
      const char *header[] = {
        "Time", "Tenant", "Operation", "Cmdlet", "State", "Attempts", "Error", "PowerShell",
      };

      kanri_csv_append_row (export.out, header, G_N_ELEMENTS (header));
      ok = kanri_journal_query (db, filter, FALSE, (KanriJournalRowFunc)append_csv,
                                &export, error);
    }

  if (!ok)
    {
      g_string_free (export.out, TRUE);
      return NULL;
    }

  if (n_operations != NULL)
    *n_operations = export.count;

  return g_string_free (export.out, FALSE);
}

typedef struct
{
  KanriStore               *store;
  KanriJournalExportFormat  format;
  KanriJournalFilter       *filter;
  GFile                    *file;
} ExportTask;

static void
export_task_free (ExportTask *data)
{
  g_clear_object (&data->store);
  kanri_journal_filter_free (data->filter);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportTask *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint count = 0;
  sqlite3 *db;

  db = kanri_store_open_reader (data->store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  text = kanri_journal_export_to_string (db, data->format, data->filter, &count, &error);
  sqlite3_close (db);

  if (text == NULL ||
      !g_file_replace_contents (data->file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (task, count);
}

/**
 * kanri_journal_export_async:
 *
 * Writes the operations @filter selects to @file in a worker thread.
 */
void
kanri_journal_export_async (KanriStore                *store,
                            KanriJournalExportFormat   format,
                            const KanriJournalFilter  *filter,
                            GFile                     *file,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *data;

  g_return_if_fail (KANRI_IS_STORE (store));
  g_return_if_fail (filter != NULL);
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportTask, 1);
  data->store = g_object_ref (store);
  data->format = format;
  data->filter = kanri_journal_filter_copy (filter);
  data->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_journal_export_async);
  g_task_set_task_data (task, data, (GDestroyNotify)export_task_free);
  g_task_run_in_thread (task, export_in_thread);
}

/**
 * kanri_journal_export_finish:
 * @n_operations: (out) (optional): how many operations were written
 */
gboolean
kanri_journal_export_finish (GAsyncResult  *result,
                             guint         *n_operations,
                             GError       **error)
{
  gssize count;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  count = g_task_propagate_int (G_TASK (result), error);
  if (count < 0)
    return FALSE;

  if (n_operations != NULL)
    *n_operations = count;
  return TRUE;
}
