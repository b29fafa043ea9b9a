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

/* What a batch keeps of a message's report, read once for every place a
 * row goes (the CLI's CSV and JSON, the local model). A field the report
 * does not have is %NULL. */
typedef struct
{
  const char *date_text;
  gboolean    has_date;
  gint64      unix_date;
  const char *from;
  const char *subject;
  const char *message_id;
  const char *cip;
  const char *cip_class;
  const char *original_ip;
  const char *spf;
  const char *dkim;
  const char *dmarc;
  const char *compauth;
  gboolean    has_scl;
  int         scl;
  gboolean    has_bcl;
  int         bcl;
  const char *sfv;
  const char *direction;
  gboolean    enhanced_filtering;
  gboolean    cip_is_relay;
  /* The findings' ids, most severe first, separated by spaces. */
  char       *findings;
} KanriBatchRow;

void kanri_batch_row_init  (KanriBatchRow     *row,
                            KanriHeaderReport *report);
void kanri_batch_row_clear (KanriBatchRow     *row);

gboolean kanri_batch_analysis_run (const char *const *paths,
                                   guint              n_workers,
                                   KanriBatchFunc     func,
                                   gpointer           user_data,
                                   KanriBatchStats   *stats,
                                   GCancellable      *cancellable,
                                   GError           **error);

guint64  kanri_batch_analysis_measure (const char *const *paths,
                                       GCancellable      *cancellable);

G_END_DECLS
