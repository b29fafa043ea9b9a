/* kanri-recoverable-group.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KANRI_TYPE_RECOVERABLE_GROUP (kanri_recoverable_group_get_type ())

G_DECLARE_FINAL_TYPE (KanriRecoverableGroup, kanri_recoverable_group, KANRI, RECOVERABLE_GROUP, GObject)

KanriRecoverableGroup *kanri_recoverable_group_new           (const char            *folder_id,
                                                              const char            *path);
const char            *kanri_recoverable_group_get_folder_id (KanriRecoverableGroup *self);
const char            *kanri_recoverable_group_get_path      (KanriRecoverableGroup *self);
GListStore            *kanri_recoverable_group_get_items     (KanriRecoverableGroup *self);

G_END_DECLS
