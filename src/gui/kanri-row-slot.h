/* kanri-row-slot.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KANRI_TYPE_ROW_SLOT (kanri_row_slot_get_type ())

G_DECLARE_FINAL_TYPE (KanriRowSlot, kanri_row_slot, KANRI, ROW_SLOT, GObject)

KanriRowSlot *kanri_row_slot_new          (gpointer      item,
                                           guint         position);
gpointer      kanri_row_slot_get_item     (KanriRowSlot *self);
void          kanri_row_slot_set_item     (KanriRowSlot *self,
                                           gpointer      item);
guint         kanri_row_slot_get_position (KanriRowSlot *self);
void          kanri_row_slot_set_position (KanriRowSlot *self,
                                           guint         position);

G_END_DECLS
