/* kanri-batch.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-tenant.h"

G_BEGIN_DECLS

#define KANRI_TYPE_BATCH (kanri_batch_get_type ())

G_DECLARE_FINAL_TYPE (KanriBatch, kanri_batch, KANRI, BATCH, GObject)

/* A batch left unfinished (a crash, a restart, a pause before quitting). */
typedef struct
{
  char  *id;
  char  *title;
  guint  total;
  guint  unfinished;
} KanriBatchInfo;

KanriBatch *kanri_batch_new             (KanriTenant  *tenant,
                                         const char   *title,
                                         GPtrArray    *cmdlets,
                                         GPtrArray    *summaries,
                                         GError      **error);
KanriBatch *kanri_batch_resume          (KanriTenant  *tenant,
                                         const char   *batch_id,
                                         GError      **error);
GPtrArray  *kanri_batch_list_unfinished (KanriTenant  *tenant,
                                         GError      **error);
void        kanri_batch_info_free       (KanriBatchInfo *info);

const char *kanri_batch_get_id          (KanriBatch   *self);
const char *kanri_batch_get_title       (KanriBatch   *self);
guint       kanri_batch_get_total       (KanriBatch   *self);
guint       kanri_batch_get_done        (KanriBatch   *self);
guint       kanri_batch_get_failed      (KanriBatch   *self);
gboolean    kanri_batch_get_paused      (KanriBatch   *self);
gboolean    kanri_batch_get_finished    (KanriBatch   *self);
double      kanri_batch_get_rate        (KanriBatch   *self);
gint64      kanri_batch_get_seconds_left (KanriBatch  *self);
void        kanri_batch_start           (KanriBatch   *self);
void        kanri_batch_pause           (KanriBatch   *self);
void        kanri_batch_resume_running  (KanriBatch   *self);
void        kanri_batch_cancel          (KanriBatch   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriBatchInfo, kanri_batch_info_free)

G_END_DECLS
