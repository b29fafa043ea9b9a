/* kanri-journal-query.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-journal-query"

#include "config.h"

#include <string.h>

#include "kanri-journal-query.h"
#include "kanri-store.h"

/* The one definition of which journal rows a filter selects, shared by the
 * Operations list (in a worker thread, over every row, and then row by row as
 * the journal changes) and the exports, so that what is exported is what is
 * shown. The search is a case-insensitive substring of what the operation is,
 * its cmdlet, its PowerShell or its error, compared after g_utf8_casefold()
 * (SQLite's LIKE folds ASCII only). */

KanriJournalFilter *
kanri_journal_filter_copy (const KanriJournalFilter *filter)
{
  KanriJournalFilter *copy = g_new0 (KanriJournalFilter, 1);

  copy->tenant = g_strdup (filter->tenant);
  copy->state = filter->state;
  copy->search = g_strdup (filter->search);

  return copy;
}

void
kanri_journal_filter_free (KanriJournalFilter *filter)
{
  if (filter == NULL)
    return;

  g_free (filter->tenant);
  g_free (filter->search);
  g_free (filter);
}

static gboolean
search_matches (const char        *folded_needle,
                const char *const *fields,
                guint              n_fields)
{
  if (folded_needle == NULL)
    return TRUE;

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *folded = NULL;

      if (fields[i] == NULL)
        continue;
      folded = g_utf8_casefold (fields[i], -1);
      if (strstr (folded, folded_needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * kanri_journal_filter_matches:
 * @filter: its search already casefolded
 */
gboolean
kanri_journal_filter_matches (const KanriJournalFilter *filter,
                              KanriOperation           *op)
{
  const char *fields[] = {
    kanri_operation_get_summary (op),
    kanri_operation_get_cmdlet (op),
    kanri_operation_get_powershell (op),
    kanri_operation_get_error (op),
  };

  if (filter->tenant != NULL && g_strcmp0 (filter->tenant, kanri_operation_get_tenant (op)) != 0)
    return FALSE;
  if (filter->state != KANRI_JOURNAL_ANY_STATE &&
      filter->state != (int)kanri_operation_get_state (op))
    return FALSE;

  return search_matches (filter->search, fields, G_N_ELEMENTS (fields));
}

/**
 * kanri_journal_query:
 * @db: a connection, usually a reader of its own in a worker thread
 * @func: called for each matching row; returns %FALSE to stop
 *
 * Returns: whether the query ran to the end or @func stopped it
 */
gboolean
kanri_journal_query (sqlite3                  *db,
                     const KanriJournalFilter *filter,
                     gboolean                  newest_first,
                     KanriJournalRowFunc       func,
                     gpointer                  user_data,
                     GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           newest_first
                           ? "SELECT id, tenant, summary, cmdlet, powershell, state, attempts, "
                             "error, created_at FROM operations "
                             "WHERE (?1 IS NULL OR tenant = ?1) AND (?2 IS NULL OR state = ?2) "
                             "ORDER BY id DESC"
                           : "SELECT id, tenant, summary, cmdlet, powershell, state, attempts, "
                             "error, created_at FROM operations "
                             "WHERE (?1 IS NULL OR tenant = ?1) AND (?2 IS NULL OR state = ?2) "
                             "ORDER BY id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  sqlite3_bind_text (stmt, 1, filter->tenant, -1, SQLITE_STATIC);
  if (filter->state != KANRI_JOURNAL_ANY_STATE)
    sqlite3_bind_text (stmt, 2, kanri_operation_state_to_string (filter->state), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KanriJournalRow row = {
        .id = sqlite3_column_int64 (stmt, 0),
        .tenant = (const char *)sqlite3_column_text (stmt, 1),
        .summary = (const char *)sqlite3_column_text (stmt, 2),
        .cmdlet = (const char *)sqlite3_column_text (stmt, 3),
        .powershell = (const char *)sqlite3_column_text (stmt, 4),
        .state = (const char *)sqlite3_column_text (stmt, 5),
        .attempts = sqlite3_column_int (stmt, 6),
        .error = (const char *)sqlite3_column_text (stmt, 7),
        .created_usec = sqlite3_column_int64 (stmt, 8),
      };
      const char *fields[] = { row.summary, row.cmdlet, row.powershell, row.error };

      if (search_matches (filter->search, fields, G_N_ELEMENTS (fields)) && !func (&row, user_data))
        return TRUE;
    }

  if (rc == SQLITE_DONE)
    return TRUE;

failed:
  g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
               "%s", sqlite3_errmsg (db));
  return FALSE;
}
