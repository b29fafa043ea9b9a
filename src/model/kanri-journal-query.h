/* kanri-journal-query.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "kanri-operation.h"

G_BEGIN_DECLS

/* No state filter: every operation. */
#define KANRI_JOURNAL_ANY_STATE (-1)

/* Which operations a view or an export covers. */
typedef struct
{
  char *tenant;
  int   state;
  char *search;
} KanriJournalFilter;

/* A row as the query reads it; strings belong to SQLite until the next row. */
typedef struct
{
  gint64      id;
  const char *tenant;
  const char *summary;
  const char *cmdlet;
  const char *powershell;
  const char *state;
  int         attempts;
  const char *error;
  gint64      created_usec;
} KanriJournalRow;

typedef gboolean (*KanriJournalRowFunc) (const KanriJournalRow *row,
                                         gpointer               user_data);

KanriJournalFilter *kanri_journal_filter_copy    (const KanriJournalFilter *filter);
void                kanri_journal_filter_free    (KanriJournalFilter       *filter);
gboolean            kanri_journal_filter_matches (const KanriJournalFilter *filter,
                                                  KanriOperation           *op);
gboolean            kanri_journal_query          (sqlite3                  *db,
                                                  const KanriJournalFilter *filter,
                                                  gboolean                  newest_first,
                                                  KanriJournalRowFunc       func,
                                                  gpointer                  user_data,
                                                  GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriJournalFilter, kanri_journal_filter_free)

G_END_DECLS
