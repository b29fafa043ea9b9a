/* kanri-batch-runs-group.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kanri-store.h"

G_BEGIN_DECLS

#define KANRI_TYPE_BATCH_RUNS_GROUP (kanri_batch_runs_group_get_type ())

G_DECLARE_FINAL_TYPE (KanriBatchRunsGroup, kanri_batch_runs_group, KANRI, BATCH_RUNS_GROUP, AdwPreferencesGroup)

GtkWidget *kanri_batch_runs_group_new       (void);
void       kanri_batch_runs_group_set_store (KanriBatchRunsGroup *self,
                                             KanriStore          *store);
void       kanri_batch_runs_group_update    (KanriBatchRunsGroup *self);
guint      kanri_batch_runs_group_get_n_runs (KanriBatchRunsGroup *self);

G_END_DECLS
