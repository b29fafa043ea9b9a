/* kanri-batch-analysis-session.h
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

#define KANRI_TYPE_BATCH_ANALYSIS_SESSION (kanri_batch_analysis_session_get_type ())

G_DECLARE_FINAL_TYPE (KanriBatchAnalysisSession, kanri_batch_analysis_session, KANRI, BATCH_ANALYSIS_SESSION, GObject)

KanriBatchAnalysisSession *kanri_batch_analysis_session_new        (KanriStore                *store);
void                       kanri_batch_analysis_session_start      (KanriBatchAnalysisSession *self,
                                                                    const char *const         *paths);
void                       kanri_batch_analysis_session_cancel     (KanriBatchAnalysisSession *self);
gboolean                   kanri_batch_analysis_session_get_running (KanriBatchAnalysisSession *self);
gint64                     kanri_batch_analysis_session_get_run_id (KanriBatchAnalysisSession *self);
guint64                    kanri_batch_analysis_session_get_messages (KanriBatchAnalysisSession *self);
guint64                    kanri_batch_analysis_session_get_bytes  (KanriBatchAnalysisSession *self);
guint64                    kanri_batch_analysis_session_get_errors (KanriBatchAnalysisSession *self);
guint64                    kanri_batch_analysis_session_get_duplicates (KanriBatchAnalysisSession *self);
const GError              *kanri_batch_analysis_session_get_error  (KanriBatchAnalysisSession *self);

GPtrArray                 *kanri_batch_analysis_query_relay_cips   (KanriStore                *store,
                                                                    gint64                     run_id,
                                                                    GError                   **error);

G_END_DECLS
