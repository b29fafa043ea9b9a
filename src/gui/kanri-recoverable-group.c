/* kanri-recoverable-group.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-recoverable-group"

#include "config.h"

#include "kanri-recoverable-group.h"
#include "kanri-recoverable-item.h"

/* The items deleted from one folder (one LastParentFolderID): a row of the
 * Recoverable Items page when it groups by original folder, and what
 * "Restore everything from this folder" restores. */
struct _KanriRecoverableGroup
{
  GObject     parent_instance;

  char       *folder_id;
  char       *path;
  GListStore *items;
};

G_DEFINE_FINAL_TYPE (KanriRecoverableGroup, kanri_recoverable_group, G_TYPE_OBJECT)

static void
kanri_recoverable_group_finalize (GObject *object)
{
  KanriRecoverableGroup *self = (KanriRecoverableGroup *)object;

  g_free (self->folder_id);
  g_free (self->path);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (kanri_recoverable_group_parent_class)->finalize (object);
}

static void
kanri_recoverable_group_class_init (KanriRecoverableGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_recoverable_group_finalize;
}

static void
kanri_recoverable_group_init (KanriRecoverableGroup *self)
{
  self->items = g_list_store_new (KANRI_TYPE_RECOVERABLE_ITEM);
}

KanriRecoverableGroup *
kanri_recoverable_group_new (const char *folder_id,
                             const char *path)
{
  KanriRecoverableGroup *self;

  g_return_val_if_fail (folder_id != NULL, NULL);

  self = g_object_new (KANRI_TYPE_RECOVERABLE_GROUP, NULL);
  self->folder_id = g_strdup (folder_id);
  self->path = g_strdup (path ? path : "");

  return self;
}

const char *
kanri_recoverable_group_get_folder_id (KanriRecoverableGroup *self)
{
  g_return_val_if_fail (KANRI_IS_RECOVERABLE_GROUP (self), NULL);
  return self->folder_id;
}

const char *
kanri_recoverable_group_get_path (KanriRecoverableGroup *self)
{
  g_return_val_if_fail (KANRI_IS_RECOVERABLE_GROUP (self), NULL);
  return self->path;
}

/**
 * kanri_recoverable_group_get_items:
 *
 * Returns: (transfer none): the group's #KanriRecoverableItem
 */
GListStore *
kanri_recoverable_group_get_items (KanriRecoverableGroup *self)
{
  g_return_val_if_fail (KANRI_IS_RECOVERABLE_GROUP (self), NULL);
  return self->items;
}
