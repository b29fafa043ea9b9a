/* kanri-batch-analysis.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-header-report.h"

G_BEGIN_DECLS

/* One message of a batch, handed over in input order. */
typedef struct
{
  /* The file it came from, as given or found in a folder. */
  const char        *path;
  /* In an mbox: the offset of its From_ line and its place, from 0; a
   * message file on its own has -1 and 0. */
  goffset            offset;
  guint              number;
  /* Its size in bytes. */
  gsize              size;
  /* The report, or why there is none. */
  KanriHeaderReport *report;
  const GError      *error;
  /* The same message (Message-ID and header section) was met before: it is
   * counted once and its report is not given again (report is NULL). */
  gboolean           duplicate;
} KanriBatchItem;

typedef struct
{
  guint64 messages;
  guint64 errors;
  guint64 duplicates;
  guint64 bytes;
  guint64 files;
} KanriBatchStats;

typedef void (*KanriBatchFunc) (const KanriBatchItem *item,
                                gpointer              user_data);

const char *kanri_batch_report_get_direction (KanriHeaderReport *report);
char       *kanri_batch_report_dup_findings  (KanriHeaderReport *report);

gboolean kanri_batch_analysis_run (const char *const *paths,
                                   guint              n_workers,
                                   KanriBatchFunc     func,
                                   gpointer           user_data,
                                   KanriBatchStats   *stats,
                                   GCancellable      *cancellable,
                                   GError           **error);

G_END_DECLS
