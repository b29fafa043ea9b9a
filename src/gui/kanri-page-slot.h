/* kanri-page-slot.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kanri-page.h"

G_BEGIN_DECLS

#define KANRI_TYPE_PAGE_SLOT (kanri_page_slot_get_type ())

G_DECLARE_FINAL_TYPE (KanriPageSlot, kanri_page_slot, KANRI, PAGE_SLOT, AdwBin)

KanriPageSlot *kanri_page_slot_new           (GType          page_type);
GType          kanri_page_slot_get_page_type (KanriPageSlot *self);
KanriPage     *kanri_page_slot_get_page      (KanriPageSlot *self);
KanriPage     *kanri_page_slot_build_page    (KanriPageSlot *self,
                                              gboolean      *built);

G_END_DECLS
