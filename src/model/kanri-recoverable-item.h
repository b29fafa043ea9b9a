/* kanri-recoverable-item.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where a deleted item is (Get-RecoverableItems -SourceFolder). */
typedef enum
{
  KANRI_RECOVERABLE_FOLDER_DELETED_ITEMS,
  KANRI_RECOVERABLE_FOLDER_DELETIONS,
  KANRI_RECOVERABLE_FOLDER_PURGES,
  KANRI_RECOVERABLE_FOLDER_DISCOVERY_HOLDS,
  KANRI_RECOVERABLE_FOLDER_ALL,
} KanriRecoverableFolder;

const char *kanri_recoverable_folder_to_parameter   (KanriRecoverableFolder  folder);
gboolean    kanri_recoverable_folder_from_source    (const char             *source,
                                                     KanriRecoverableFolder *folder);
const char *kanri_recoverable_folder_get_label      (KanriRecoverableFolder  folder);

#define KANRI_TYPE_RECOVERABLE_ITEM (kanri_recoverable_item_get_type ())

G_DECLARE_FINAL_TYPE (KanriRecoverableItem, kanri_recoverable_item, KANRI, RECOVERABLE_ITEM, GObject)

KanriRecoverableItem *kanri_recoverable_item_new               (const char            *entry_id,
                                                                const char            *subject,
                                                                const char            *item_class,
                                                                const char            *source_folder,
                                                                const char            *last_parent_path,
                                                                const char            *last_parent_folder_id,
                                                                gint64                 last_modified);
KanriRecoverableItem *kanri_recoverable_item_new_from_json     (JsonObject            *object,
                                                                GError               **error);
const char           *kanri_recoverable_item_get_entry_id      (KanriRecoverableItem  *self);
const char           *kanri_recoverable_item_get_subject       (KanriRecoverableItem  *self);
const char           *kanri_recoverable_item_get_item_class    (KanriRecoverableItem  *self);
const char           *kanri_recoverable_item_get_source_folder (KanriRecoverableItem  *self);
const char           *kanri_recoverable_item_get_folder_label (KanriRecoverableItem  *self);
const char           *kanri_recoverable_item_get_last_parent_path (KanriRecoverableItem *self);
const char           *kanri_recoverable_item_get_last_parent_folder_id (KanriRecoverableItem *self);
gint64                kanri_recoverable_item_get_last_modified (KanriRecoverableItem  *self);

G_END_DECLS
