/* kanri-journal.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-operation.h"
#include "kanri-store.h"

G_BEGIN_DECLS

#define KANRI_TYPE_JOURNAL (kanri_journal_get_type ())

G_DECLARE_FINAL_TYPE (KanriJournal, kanri_journal, KANRI, JOURNAL, GObject)

typedef struct
{
  const char *tenant;
  const char *batch;
  const char *cmdlet;
  const char *parameters;
  const char *powershell;
  const char *summary;
} KanriJournalEntry;

KanriJournal   *kanri_journal_get_for_store (KanriStore          *store);
KanriStore     *kanri_journal_get_store  (KanriJournal             *self);
gint64          kanri_journal_append     (KanriJournal             *self,
                                          const KanriJournalEntry  *entry,
                                          GError                  **error);
gboolean        kanri_journal_start      (KanriJournal             *self,
                                          gint64                    id,
                                          GError                  **error);
gboolean        kanri_journal_settle     (KanriJournal             *self,
                                          gint64                    id,
                                          KanriOperationState       state,
                                          const char               *error_message,
                                          const char               *result,
                                          GError                  **error);
gboolean        kanri_journal_note       (KanriJournal             *self,
                                          gint64                    id,
                                          const char               *text,
                                          GError                  **error);
KanriOperation *kanri_journal_get        (KanriJournal             *self,
                                          gint64                    id,
                                          GError                  **error);
GPtrArray      *kanri_journal_list       (KanriJournal             *self,
                                          const char               *tenant,
                                          guint                     limit,
                                          GError                  **error);
GPtrArray      *kanri_journal_list_batch (KanriJournal             *self,
                                          const char               *batch,
                                          GError                  **error);
char           *kanri_journal_new_batch_id (void);

G_END_DECLS
