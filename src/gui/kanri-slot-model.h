/* kanri-slot-model.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-row-slot.h"

G_BEGIN_DECLS

#define KANRI_TYPE_SLOT_MODEL (kanri_slot_model_get_type ())

G_DECLARE_FINAL_TYPE (KanriSlotModel, kanri_slot_model, KANRI, SLOT_MODEL, GObject)

KanriSlotModel *kanri_slot_model_new       (GListModel     *model);
GListModel     *kanri_slot_model_get_model (KanriSlotModel *self);
void            kanri_slot_model_set_model (KanriSlotModel *self,
                                            GListModel     *model);
gpointer        kanri_slot_model_get_item  (KanriSlotModel *self,
                                            guint           position);

G_END_DECLS
