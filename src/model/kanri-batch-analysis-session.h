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
guint64                    kanri_batch_analysis_session_get_total_bytes (KanriBatchAnalysisSession *self);
const GError              *kanri_batch_analysis_session_get_error  (KanriBatchAnalysisSession *self);

G_END_DECLS
