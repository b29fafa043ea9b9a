/* kanri-journal-export.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-journal-query.h"
#include "kanri-store.h"

G_BEGIN_DECLS

typedef enum
{
  KANRI_JOURNAL_EXPORT_POWERSHELL,
  KANRI_JOURNAL_EXPORT_CSV,
} KanriJournalExportFormat;

char    *kanri_journal_export_to_string (sqlite3                   *db,
                                         KanriJournalExportFormat   format,
                                         const KanriJournalFilter  *filter,
                                         guint                     *n_operations,
                                         GError                   **error);
void     kanri_journal_export_async     (KanriStore                *store,
                                         KanriJournalExportFormat   format,
                                         const KanriJournalFilter  *filter,
                                         GFile                     *file,
                                         GCancellable              *cancellable,
                                         GAsyncReadyCallback        callback,
                                         gpointer                   user_data);
gboolean kanri_journal_export_finish    (GAsyncResult              *result,
                                         guint                     *n_operations,
                                         GError                   **error);

G_END_DECLS
