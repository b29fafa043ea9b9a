/* kanri-batch-summary.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-store.h"

G_BEGIN_DECLS

/* A CIP that messages arrived through without enhanced filtering: the
 * analyzer found it is a relay or gateway, not the sender. */
typedef struct
{
  char   *cip;
  char   *cip_class;
  guint64 messages;
} KanriBatchRelayCip;

void kanri_batch_relay_cip_free (KanriBatchRelayCip *cip);

/* A batch analysis as batch_runs keeps it. */
typedef struct
{
  gint64   id;
  /* The files, mbox files and folders, as given. */
  char   **paths;
  gint64   started;
  /* 0 while it runs (or if it never ended: the app stopped). */
  gint64   finished;
  gboolean cancelled;
  guint64  messages;
  guint64  errors;
  guint64  duplicates;
  guint64  bytes;
} KanriBatchRun;

/* The verdicts of the messages dated one day (UTC). A message is counted
 * once: spam (SCL 5 or more) first, then failed authentication (DMARC or
 * composite authentication), else clean. */
typedef struct
{
  gint64 day;
  guint  clean;
  guint  auth_failed;
  guint  spam;
} KanriBatchDay;

typedef struct
{
  char  *cip;
  char  *cip_class;
  guint  messages;
  /* Of them, through a relay or gateway without enhanced filtering. */
  guint  without_enhanced_filtering;
} KanriBatchCipCount;

/* A sending domain (of the From address) and its messages' DMARC outcome. */
typedef struct
{
  char  *domain;
  guint  messages;
  guint  dmarc_pass;
  guint  dmarc_fail;
  /* No DMARC result, or one neither pass nor fail (none, bestguesspass…). */
  guint  dmarc_other;
} KanriBatchDomainCount;

typedef struct
{
  KanriBatchRun *run;
  /* (element-type KanriBatchDay): by day, oldest first */
  GArray        *days;
  /* (element-type KanriBatchCipCount): most messages first */
  GPtrArray     *cips;
  /* (element-type KanriBatchDomainCount): most messages first */
  GPtrArray     *domains;
  /* (element-type KanriBatchRelayCip): the finding across messages */
  GPtrArray     *relay_cips;
} KanriBatchSummary;

/* How many CIPs and domains a summary ranks. */
#define KANRI_BATCH_SUMMARY_TOP 10

void               kanri_batch_run_free               (KanriBatchRun      *run);
KanriBatchRun     *kanri_batch_run_load               (KanriStore         *store,
                                                       gint64              run_id,
                                                       GError            **error);
GPtrArray         *kanri_batch_run_list               (KanriStore         *store,
                                                       guint               limit,
                                                       GError            **error);
gboolean           kanri_batch_run_delete             (KanriStore         *store,
                                                       gint64              run_id,
                                                       GError            **error);

GPtrArray         *kanri_batch_analysis_query_relay_cips (KanriStore      *store,
                                                       gint64              run_id,
                                                       GError            **error);

void               kanri_batch_summary_free           (KanriBatchSummary  *summary);
void               kanri_batch_summary_load_async     (KanriStore         *store,
                                                       gint64              run_id,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
KanriBatchSummary *kanri_batch_summary_load_finish    (GAsyncResult       *result,
                                                       GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriBatchRun, kanri_batch_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriBatchSummary, kanri_batch_summary_free)

G_END_DECLS
