/* kanri-recoverable-item.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-recoverable-item"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-exo-error.h"
#include "kanri-recoverable-item.h"

/* One deleted item as Get-RecoverableItems reports it (immutable): what the
 * Recoverable Items page lists and restores by its EntryID. */
struct _KanriRecoverableItem
{
  GObject  parent_instance;

  char    *entry_id;
  char    *subject;
  char    *item_class;
  char    *source_folder;
  char    *last_parent_path;
  char    *last_parent_folder_id;
  gint64   last_modified;
};

G_DEFINE_FINAL_TYPE (KanriRecoverableItem, kanri_recoverable_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENTRY_ID,
  PROP_SUBJECT,
  PROP_ITEM_CLASS,
  PROP_SOURCE_FOLDER,
  PROP_FOLDER_LABEL,
  PROP_LAST_PARENT_PATH,
  PROP_LAST_PARENT_FOLDER_ID,
  PROP_LAST_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Bounds on what one item may hold: a reply past them is not the service's. */
#define MAX_FIELD_LENGTH 4096

/* The folders' names: the -SourceFolder value, and the path Get- reports in
 * SourceFolder on the real service ("RecoverableItems\DiscoveryHolds", as
 * in the seed's example output). Folder names stay in Latin script in
 * Japanese, as the Exchange admin center writes them (GLOSSARY-ja.md). */
static const struct
{
  const char *parameter;
  const char *path;
  const char *label;
} folders[] = {
  [KANRI_RECOVERABLE_FOLDER_DELETED_ITEMS] = { "DeletedItems", "DeletedItems", N_("Deleted Items") },
  [KANRI_RECOVERABLE_FOLDER_DELETIONS] = { "RecoverableItems", "RecoverableItems\\Deletions",
                                           N_("Recoverable Items – Deletions") },
  [KANRI_RECOVERABLE_FOLDER_PURGES] = { "PurgedItems", "RecoverableItems\\Purges", N_("Purges") },
  [KANRI_RECOVERABLE_FOLDER_DISCOVERY_HOLDS] = { "DiscoveryHoldsItems", "RecoverableItems\\DiscoveryHolds",
                                                 N_("Discovery Holds") },
  [KANRI_RECOVERABLE_FOLDER_ALL] = { NULL, NULL, N_("All Folders") },
};

/**
 * kanri_recoverable_folder_to_parameter:
 *
 * Returns: (nullable): the -SourceFolder value, or %NULL for
 *   %KANRI_RECOVERABLE_FOLDER_ALL
 */
const char *
kanri_recoverable_folder_to_parameter (KanriRecoverableFolder folder)
{
  g_return_val_if_fail (folder <= KANRI_RECOVERABLE_FOLDER_ALL, NULL);

  return folders[folder].parameter;
}

/**
 * kanri_recoverable_folder_from_source:
 * @source: a SourceFolder value: a -SourceFolder name or a folder path
 *
 * Returns: whether @source names one of the four folders
 */
gboolean
kanri_recoverable_folder_from_source (const char             *source,
                                      KanriRecoverableFolder *folder)
{
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  for (KanriRecoverableFolder f = 0; f < KANRI_RECOVERABLE_FOLDER_ALL; f++)
    {
      if (g_ascii_strcasecmp (source, folders[f].parameter) == 0 ||
          g_ascii_strcasecmp (source, folders[f].path) == 0)
        {
          *folder = f;
          return TRUE;
        }
    }

  /* The Deleted Items folder is also reported by its display name. */
  if (g_ascii_strcasecmp (source, "Deleted Items") == 0)
    {
      *folder = KANRI_RECOVERABLE_FOLDER_DELETED_ITEMS;
      return TRUE;
    }

  return FALSE;
}

const char *
kanri_recoverable_folder_get_label (KanriRecoverableFolder folder)
{
  g_return_val_if_fail (folder <= KANRI_RECOVERABLE_FOLDER_ALL, NULL);

  return _(folders[folder].label);
}

static void
kanri_recoverable_item_finalize (GObject *object)
{
  KanriRecoverableItem *self = (KanriRecoverableItem *)object;

  g_free (self->entry_id);
  g_free (self->subject);
  g_free (self->item_class);
  g_free (self->source_folder);
  g_free (self->last_parent_path);
  g_free (self->last_parent_folder_id);

  G_OBJECT_CLASS (kanri_recoverable_item_parent_class)->finalize (object);
}

static void
kanri_recoverable_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KanriRecoverableItem *self = KANRI_RECOVERABLE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ENTRY_ID:
      g_value_set_string (value, self->entry_id);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_ITEM_CLASS:
      g_value_set_string (value, self->item_class);
      break;
    case PROP_SOURCE_FOLDER:
      g_value_set_string (value, self->source_folder);
      break;
    case PROP_FOLDER_LABEL:
      g_value_set_string (value, kanri_recoverable_item_get_folder_label (self));
      break;
    case PROP_LAST_PARENT_PATH:
      g_value_set_string (value, self->last_parent_path);
      break;
    case PROP_LAST_PARENT_FOLDER_ID:
      g_value_set_string (value, self->last_parent_folder_id);
      break;
    case PROP_LAST_MODIFIED:
      g_value_set_int64 (value, self->last_modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_recoverable_item_class_init (KanriRecoverableItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kanri_recoverable_item_finalize;
  object_class->get_property = kanri_recoverable_item_get_property;

  properties[PROP_ENTRY_ID] = g_param_spec_string ("entry-id", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_ITEM_CLASS] = g_param_spec_string ("item-class", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_FOLDER] = g_param_spec_string ("source-folder", NULL, NULL, NULL, flags);
  properties[PROP_FOLDER_LABEL] = g_param_spec_string ("folder-label", NULL, NULL, NULL, flags);
  properties[PROP_LAST_PARENT_PATH] = g_param_spec_string ("last-parent-path", NULL, NULL, NULL, flags);
  properties[PROP_LAST_PARENT_FOLDER_ID] = g_param_spec_string ("last-parent-folder-id", NULL, NULL,
                                                                NULL, flags);
  properties[PROP_LAST_MODIFIED] = g_param_spec_int64 ("last-modified", NULL, NULL,
                                                       G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_recoverable_item_init (KanriRecoverableItem *self)
{
}

/**
 * kanri_recoverable_item_new:
 * @last_modified: LastModifiedTime, in seconds since the epoch
 */
KanriRecoverableItem *
kanri_recoverable_item_new (const char *entry_id,
                            const char *subject,
                            const char *item_class,
                            const char *source_folder,
                            const char *last_parent_path,
                            const char *last_parent_folder_id,
                            gint64      last_modified)
{
  KanriRecoverableItem *self;
  KanriRecoverableFolder folder;

  g_return_val_if_fail (entry_id != NULL, NULL);

  self = g_object_new (KANRI_TYPE_RECOVERABLE_ITEM, NULL);
  self->entry_id = g_strdup (entry_id);
  self->subject = g_strdup (subject ? subject : "");
  self->item_class = g_strdup (item_class ? item_class : "");
  /* Kept as the -SourceFolder name, which a restore needs. */
  if (source_folder != NULL && kanri_recoverable_folder_from_source (source_folder, &folder))
    self->source_folder = g_strdup (kanri_recoverable_folder_to_parameter (folder));
  else
    self->source_folder = g_strdup (source_folder ? source_folder : "");
  self->last_parent_path = g_strdup (last_parent_path ? last_parent_path : "");
  self->last_parent_folder_id = g_strdup (last_parent_folder_id ? last_parent_folder_id : "");
  self->last_modified = last_modified;

  return self;
}

static gboolean
read_text (JsonObject  *object,
           const char  *member,
           gboolean     required,
           const char **text,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *text = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;

      g_set_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE,
                   _("A recoverable item has no %s"), member);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE,
                   _("A recoverable item’s %s is not text"), member);
      return FALSE;
    }

  *text = json_node_get_string (node);
  if (strlen (*text) > MAX_FIELD_LENGTH)
    {
      g_set_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE,
                   _("A recoverable item’s %s is longer than %d characters"), member, MAX_FIELD_LENGTH);
      return FALSE;
    }

  if (required && **text == '\0')
    {
      g_set_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE,
                   _("A recoverable item has no %s"), member);
      return FALSE;
    }

  return TRUE;
}

/* LastModifiedTime as the service writes it: ISO 8601 (UTC when it names no
 * zone), or the "/Date(milliseconds)/" of Microsoft's older JSON. */
static gboolean
parse_time (const char *text,
            gint64     *unix_time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (g_str_has_prefix (text, "/Date(") && g_str_has_suffix (text, ")/"))
    {
      char *end = NULL;
      gint64 ms = g_ascii_strtoll (text + 6, &end, 10);

      /* An offset may follow the number ("/Date(…+0900)/"); the number is UTC. */
      if (end == text + 6 || (*end != ')' && *end != '+' && *end != '-'))
        return FALSE;
      *unix_time = ms / 1000;
      return TRUE;
    }

  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    return FALSE;

  *unix_time = g_date_time_to_unix (time);
  return TRUE;
}

/**
 * kanri_recoverable_item_new_from_json:
 * @object: one object of Get-RecoverableItems, annotations stripped
 *
 * Returns: (transfer full) (nullable): the item, or %NULL with @error set
 *   when @object is not one
 */
KanriRecoverableItem *
kanri_recoverable_item_new_from_json (JsonObject  *object,
                                      GError     **error)
{
  const char *entry_id, *subject, *item_class, *folder, *path, *folder_id, *modified;
  gint64 last_modified = 0;

  g_return_val_if_fail (object != NULL, NULL);

  if (!read_text (object, "EntryID", TRUE, &entry_id, error) ||
      !read_text (object, "Subject", FALSE, &subject, error) ||
      !read_text (object, "ItemClass", FALSE, &item_class, error) ||
      !read_text (object, "SourceFolder", TRUE, &folder, error) ||
      !read_text (object, "LastParentPath", FALSE, &path, error) ||
      !read_text (object, "LastParentFolderID", FALSE, &folder_id, error) ||
      !read_text (object, "LastModifiedTime", FALSE, &modified, error))
    return NULL;

  if (modified != NULL && !parse_time (modified, &last_modified))
    {
      g_set_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE,
                   _("A recoverable item’s LastModifiedTime “%s” is not a date"), modified);
      return NULL;
    }

  return kanri_recoverable_item_new (entry_id, subject, item_class, folder, path, folder_id,
                                     last_modified);
}

const char *
kanri_recoverable_item_get_entry_id (KanriRecoverableItem *self)
{
  g_return_val_if_fail (KANRI_IS_RECOVERABLE_ITEM (self), NULL);
  return self->entry_id;
}

const char *
kanri_recoverable_item_get_subject (KanriRecoverableItem *self)
{
  g_return_val_if_fail (KANRI_IS_RECOVERABLE_ITEM (self), NULL);
  return self->subject;
}

const char *
kanri_recoverable_item_get_item_class (KanriRecoverableItem *self)
{
  g_return_val_if_fail (KANRI_IS_RECOVERABLE_ITEM (self), NULL);
  return self->item_class;
}

/**
 * kanri_recoverable_item_get_source_folder:
 *
 * Returns: where the item is now, as -SourceFolder names it: DeletedItems,
 *   RecoverableItems, PurgedItems or DiscoveryHoldsItems
 */
const char *
kanri_recoverable_item_get_source_folder (KanriRecoverableItem *self)
{
  g_return_val_if_fail (KANRI_IS_RECOVERABLE_ITEM (self), NULL);
  return self->source_folder;
}

/**
 * kanri_recoverable_item_get_folder_label:
 *
 * Returns: the folder type, in words
 */
const char *
kanri_recoverable_item_get_folder_label (KanriRecoverableItem *self)
{
  KanriRecoverableFolder folder;

  g_return_val_if_fail (KANRI_IS_RECOVERABLE_ITEM (self), NULL);

  if (kanri_recoverable_folder_from_source (self->source_folder, &folder))
    return kanri_recoverable_folder_get_label (folder);

  return self->source_folder;
}

const char *
kanri_recoverable_item_get_last_parent_path (KanriRecoverableItem *self)
{
  g_return_val_if_fail (KANRI_IS_RECOVERABLE_ITEM (self), NULL);
  return self->last_parent_path;
}

const char *
kanri_recoverable_item_get_last_parent_folder_id (KanriRecoverableItem *self)
{
  g_return_val_if_fail (KANRI_IS_RECOVERABLE_ITEM (self), NULL);
  return self->last_parent_folder_id;
}

gint64
kanri_recoverable_item_get_last_modified (KanriRecoverableItem *self)
{
  g_return_val_if_fail (KANRI_IS_RECOVERABLE_ITEM (self), 0);
  return self->last_modified;
}
