/* kanri-batch-view.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kanri-batch-message-list.h"
#include "kanri-batch-summary.h"
#include "kanri-store.h"
#include "kanri-tenant.h"

G_BEGIN_DECLS

#define KANRI_TYPE_BATCH_VIEW (kanri_batch_view_get_type ())

G_DECLARE_FINAL_TYPE (KanriBatchView, kanri_batch_view, KANRI, BATCH_VIEW, AdwBin)

GtkWidget             *kanri_batch_view_new           (void);
void                   kanri_batch_view_set_store     (KanriBatchView     *self,
                                                       KanriStore         *store);
void                   kanri_batch_view_set_tenant    (KanriBatchView     *self,
                                                       KanriTenant        *tenant);
void                   kanri_batch_view_start         (KanriBatchView     *self,
                                                       const char *const  *paths);
void                   kanri_batch_view_open_run      (KanriBatchView     *self,
                                                       gint64              run_id);
gint64                 kanri_batch_view_get_run_id    (KanriBatchView     *self);
gboolean               kanri_batch_view_get_running   (KanriBatchView     *self);
gboolean               kanri_batch_view_get_summary_loading (KanriBatchView *self);
KanriBatchMessageList *kanri_batch_view_get_messages  (KanriBatchView     *self);
const KanriBatchSummary *kanri_batch_view_get_summary (KanriBatchView     *self);
const char            *kanri_batch_view_get_connector_for (KanriBatchView *self,
                                                       const char         *cip);

G_END_DECLS
