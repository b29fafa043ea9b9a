/* kanri-recoverable-items.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-recoverable-items"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-recoverable-items.h"

/* The seed's restore procedure as data: the prerequisite role, the filters
 * of Get-RecoverableItems, the Restore-RecoverableItems changes (by EntryID,
 * or everything from one original folder by LastParentFolderID), and the
 * local model's copy of what a query found. Facts: the Get-RecoverableItems
 * and Restore-RecoverableItems references (Microsoft Learn). */

/* How many queries the local model keeps per tenant: the page reopens on the
 * last one, and going back to a recent mailbox is instant. */
#define KEEP_QUERIES 20

/* -SubjectContains and -RestoreTargetFolder are the user's text: bounded. */
#define MAX_TEXT 255

/* -FilterItemType's values (Get-RecoverableItems). */
static const char *const item_types[] = {
  "IPM.Note", "IPM.Appointment", "IPM.Contact", "IPM.Task", "IPM.File", NULL
};

/**
 * kanri_recoverable_item_types:
 *
 * Returns: (transfer none): the item types -FilterItemType takes
 */
const char *const *
kanri_recoverable_item_types (void)
{
  return item_types;
}

KanriRecoverableFilter *
kanri_recoverable_filter_new (void)
{
  KanriRecoverableFilter *filter = g_new0 (KanriRecoverableFilter, 1);

  filter->folder = KANRI_RECOVERABLE_FOLDER_ALL;
  return filter;
}

KanriRecoverableFilter *
kanri_recoverable_filter_copy (const KanriRecoverableFilter *filter)
{
  KanriRecoverableFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_new0 (KanriRecoverableFilter, 1);
  copy->folder = filter->folder;
  copy->start = g_strdup (filter->start);
  copy->end = g_strdup (filter->end);
  copy->item_type = g_strdup (filter->item_type);
  copy->subject = g_strdup (filter->subject);

  return copy;
}

void
kanri_recoverable_filter_free (KanriRecoverableFilter *filter)
{
  if (filter == NULL)
    return;

  g_free (filter->start);
  g_free (filter->end);
  g_free (filter->item_type);
  g_free (filter->subject);
  g_free (filter);
}

static GDateTime *
parse_day (const char *text)
{
  static const char pattern[] = "dddd-dd-dd";
  guint year, month, day;

  /* Exactly YYYY-MM-DD in ASCII digits: sscanf's %d would also take a sign,
   * leading spaces and one-digit months, and the filter would then query a
   * day the admin did not write. */
  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return NULL;
  for (guint i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
        return NULL;
    }

  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);
  if (year == 0 || !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

/**
 * kanri_recoverable_filter_validate:
 *
 * Returns: whether the filter can be sent; if not, @error says why in
 *   words for the user
 */
gboolean
kanri_recoverable_filter_validate (const KanriRecoverableFilter  *filter,
                                   GError                       **error)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (filter != NULL, FALSE);

  if (filter->folder > KANRI_RECOVERABLE_FOLDER_ALL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Unknown folder type"));
      return FALSE;
    }

  if (filter->start != NULL && (start = parse_day (filter->start)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date: write it as YYYY-MM-DD"), filter->start);
      return FALSE;
    }

  if (filter->end != NULL && (end = parse_day (filter->end)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date: write it as YYYY-MM-DD"), filter->end);
      return FALSE;
    }

  if (start != NULL && end != NULL && g_date_time_compare (start, end) > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The first day of the range is after the last"));
      return FALSE;
    }

  if (filter->item_type != NULL && !g_strv_contains (item_types, filter->item_type))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an item type Get-RecoverableItems filters on"), filter->item_type);
      return FALSE;
    }

  if (filter->subject != NULL && g_utf8_strlen (filter->subject, -1) > MAX_TEXT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The subject text is longer than %d characters"), MAX_TEXT);
      return FALSE;
    }

  return TRUE;
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/**
 * kanri_recoverable_filter_to_json:
 *
 * Returns: (transfer full): the filter as JSON, the same text for the same
 *   filter (the local model keys its cached queries on it)
 */
char *
kanri_recoverable_filter_to_json (const KanriRecoverableFilter *filter)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *folder;

  g_return_val_if_fail (filter != NULL, NULL);

  folder = kanri_recoverable_folder_to_parameter (filter->folder);
  json_builder_begin_object (builder);
  add_member (builder, "folder", folder ? folder : "All");
  add_member (builder, "start", filter->start);
  add_member (builder, "end", filter->end);
  add_member (builder, "itemType", filter->item_type);
  add_member (builder, "subject", filter->subject);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

/**
 * kanri_recoverable_filter_new_from_json:
 *
 * Returns: (transfer full) (nullable): the filter kanri_recoverable_filter_to_json()
 *   wrote, or %NULL with @error set
 */
KanriRecoverableFilter *
kanri_recoverable_filter_new_from_json (const char  *json,
                                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(KanriRecoverableFilter) filter = kanri_recoverable_filter_new ();
  g_autofree char *folder = NULL;
  JsonObject *object;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("A saved filter is not an object"));
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  folder = dup_member (object, "folder");
  if (folder != NULL && g_strcmp0 (folder, "All") != 0 &&
      !kanri_recoverable_folder_from_source (folder, &filter->folder))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Unknown folder type “%s”"), folder);
      return NULL;
    }

  filter->start = dup_member (object, "start");
  filter->end = dup_member (object, "end");
  filter->item_type = dup_member (object, "itemType");
  filter->subject = dup_member (object, "subject");

  if (!kanri_recoverable_filter_validate (filter, error))
    return NULL;

  return g_steal_pointer (&filter);
}

/* A local day's bound as the service takes a DateTime: UTC, ISO 8601. */
static char *
format_bound (const char *day,
              gboolean    end_of_day)
{
  g_autoptr(GDateTime) start = parse_day (day);
  g_autoptr(GDateTime) bound = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (start == NULL)
    return NULL;

  bound = end_of_day ? g_date_time_add_seconds (start, 86399) : g_date_time_ref (start);
  utc = g_date_time_to_utc (bound);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The filters both cmdlets take: dates (applied to LastModifiedTime), item
 * type and subject. */
static void
add_selectors (KanriCmdlet                  *cmdlet,
               const KanriRecoverableFilter *filter)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (filter == NULL)
    return;

  if (filter->start != NULL && (start = format_bound (filter->start, FALSE)) != NULL)
    kanri_cmdlet_set_string (cmdlet, "FilterStartTime", start);
  if (filter->end != NULL && (end = format_bound (filter->end, TRUE)) != NULL)
    kanri_cmdlet_set_string (cmdlet, "FilterEndTime", end);
  if (filter->item_type != NULL)
    kanri_cmdlet_set_string (cmdlet, "FilterItemType", filter->item_type);
  if (filter->subject != NULL && *filter->subject != '\0')
    kanri_cmdlet_set_string (cmdlet, "SubjectContains", filter->subject);
}

static KanriCmdlet *
new_query (const KanriRecoverableFilter *filter,
           const char                   *mailbox,
           const char                   *source_folder)
{
  KanriCmdlet *cmdlet = kanri_cmdlet_new ("Get-RecoverableItems");

  kanri_cmdlet_set_string (cmdlet, "Identity", mailbox);
  if (source_folder != NULL)
    kanri_cmdlet_set_string (cmdlet, "SourceFolder", source_folder);
  add_selectors (cmdlet, filter);
  /* The default is 1000 items: a long-held mailbox has more. */
  kanri_cmdlet_set_string (cmdlet, "ResultSize", "Unlimited");

  return cmdlet;
}

/**
 * kanri_recoverable_filter_build_queries:
 * @mailbox: the mailbox's identity (its UPN)
 *
 * Without -SourceFolder the cmdlet searches Deleted Items, Deletions and
 * Purges; the DiscoveryHolds folder only when named. So "all folders" is
 * two queries.
 *
 * Returns: (transfer full) (element-type KanriCmdlet): the Get-RecoverableItems
 *   cmdlets that find what @filter asks for
 */
GPtrArray *
kanri_recoverable_filter_build_queries (const KanriRecoverableFilter *filter,
                                        const char                   *mailbox)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (filter != NULL, queries);
  g_return_val_if_fail (mailbox != NULL && *mailbox != '\0', queries);

  if (filter->folder == KANRI_RECOVERABLE_FOLDER_ALL)
    {
      g_ptr_array_add (queries, new_query (filter, mailbox, NULL));
      g_ptr_array_add (queries, new_query (filter, mailbox,
                                           kanri_recoverable_folder_to_parameter (KANRI_RECOVERABLE_FOLDER_DISCOVERY_HOLDS)));
    }
  else
    g_ptr_array_add (queries, new_query (filter, mailbox,
                                         kanri_recoverable_folder_to_parameter (filter->folder)));

  return queries;
}

/**
 * kanri_recoverable_target_is_valid:
 * @target: (nullable): a -RestoreTargetFolder value
 *
 * The reference's valid paths: "/", "/folder1", "/folder1/folder2".
 *
 * Returns: whether @target can be sent (%NULL or empty: no target)
 */
gboolean
kanri_recoverable_target_is_valid (const char  *target,
                                   GError     **error)
{
  if (target == NULL || *target == '\0')
    return TRUE;

  if (target[0] != '/')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A target folder is a path from the top of the mailbox: it starts with “/”, "
                             "as in /Restored"));
      return FALSE;
    }

  if (strstr (target, "//") != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A target folder path has an empty folder name (“//”)"));
      return FALSE;
    }

  if (g_utf8_strlen (target, -1) > MAX_TEXT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A target folder path is longer than %d characters"), MAX_TEXT);
      return FALSE;
    }

  for (const char *p = target; *p; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("A target folder path cannot hold control characters"));
          return FALSE;
        }
    }

  return TRUE;
}

static void
add_target (KanriCmdlet *cmdlet,
            const char  *target)
{
  if (target != NULL && *target != '\0')
    kanri_cmdlet_set_string (cmdlet, "RestoreTargetFolder", target);
}

/**
 * kanri_recoverable_restore_item:
 * @target: (nullable): -RestoreTargetFolder, or %NULL for the original folder
 *
 * Restores one item by its EntryID. -SourceFolder is named too: without it
 * the cmdlet does not look in DiscoveryHolds.
 *
 * Returns: (transfer full): the Restore-RecoverableItems change
 */
KanriCmdlet *
kanri_recoverable_restore_item (const char           *mailbox,
                                KanriRecoverableItem *item,
                                const char           *target)
{
  KanriCmdlet *cmdlet;
  const char *folder;

  g_return_val_if_fail (mailbox != NULL, NULL);
  g_return_val_if_fail (KANRI_IS_RECOVERABLE_ITEM (item), NULL);

  cmdlet = kanri_cmdlet_new ("Restore-RecoverableItems");
  kanri_cmdlet_set_string (cmdlet, "Identity", mailbox);
  folder = kanri_recoverable_item_get_source_folder (item);
  if (*folder != '\0')
    kanri_cmdlet_set_string (cmdlet, "SourceFolder", folder);
  kanri_cmdlet_set_string (cmdlet, "EntryID", kanri_recoverable_item_get_entry_id (item));
  add_target (cmdlet, target);

  return cmdlet;
}

/**
 * kanri_recoverable_restore_folder:
 * @filter: (nullable): the filters the items were found with, which the
 *   restore repeats so that it takes exactly what the page shows
 * @items: (element-type KanriRecoverableItem): items deleted from one
 *   folder (one LastParentFolderID)
 * @target: (nullable): -RestoreTargetFolder
 *
 * Restores everything deleted from one original folder (the seed's
 * -LastParentFolderID form): one change for each folder type the items are
 * in, since -SourceFolder names one.
 *
 * Returns: (transfer full) (element-type KanriCmdlet): the changes
 */
GPtrArray *
kanri_recoverable_restore_folder (const char                   *mailbox,
                                  const KanriRecoverableFilter *filter,
                                  GPtrArray                    *items,
                                  const char                   *target)
{
  GPtrArray *cmdlets = g_ptr_array_new_with_free_func (g_object_unref);
  const char *folder_id;

  g_return_val_if_fail (mailbox != NULL, cmdlets);
  g_return_val_if_fail (items != NULL && items->len > 0, cmdlets);

  folder_id = kanri_recoverable_item_get_last_parent_folder_id (g_ptr_array_index (items, 0));

  for (KanriRecoverableFolder folder = 0; folder < KANRI_RECOVERABLE_FOLDER_ALL; folder++)
    {
      const char *parameter = kanri_recoverable_folder_to_parameter (folder);
      gboolean present = FALSE;
      KanriCmdlet *cmdlet;

      for (guint i = 0; i < items->len && !present; i++)
        present = g_str_equal (kanri_recoverable_item_get_source_folder (g_ptr_array_index (items, i)),
                               parameter);
      if (!present)
        continue;

      cmdlet = kanri_cmdlet_new ("Restore-RecoverableItems");
      kanri_cmdlet_set_string (cmdlet, "Identity", mailbox);
      kanri_cmdlet_set_string (cmdlet, "SourceFolder", parameter);
      kanri_cmdlet_set_string (cmdlet, "LastParentFolderID", folder_id);
      add_selectors (cmdlet, filter);
      add_target (cmdlet, target);
      g_ptr_array_add (cmdlets, cmdlet);
    }

  return cmdlets;
}

/**
 * kanri_recoverable_role_query:
 *
 * Returns: (transfer full): who holds the Mailbox Import Export role
 */
KanriCmdlet *
kanri_recoverable_role_query (void)
{
  KanriCmdlet *cmdlet = kanri_cmdlet_new ("Get-ManagementRoleAssignment");

  kanri_cmdlet_set_string (cmdlet, "Role", KANRI_IMPORT_EXPORT_ROLE);
  kanri_cmdlet_set_switch (cmdlet, "GetEffectiveUsers", TRUE);

  return cmdlet;
}

/**
 * kanri_recoverable_role_grant:
 * @user: the account to give the role to
 *
 * Returns: (transfer full): what grants it, as the page shows it
 */
KanriCmdlet *
kanri_recoverable_role_grant (const char *user)
{
  KanriCmdlet *cmdlet = kanri_cmdlet_new ("New-ManagementRoleAssignment");

  kanri_cmdlet_set_string (cmdlet, "Role", KANRI_IMPORT_EXPORT_ROLE);
  kanri_cmdlet_set_string (cmdlet, "User", user);

  return cmdlet;
}

static const char *
object_text (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
names_contain (const char *const *names,
               const char        *value)
{
  for (guint i = 0; value != NULL && names != NULL && names[i] != NULL; i++)
    {
      if (*names[i] != '\0' && g_ascii_strcasecmp (names[i], value) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * kanri_recoverable_role_granted:
 * @assignments: what kanri_recoverable_role_query() returned
 * @names: the ways the signed-in account may be named: its UPN, its alias,
 *   its display name
 *
 * With -GetEffectiveUsers, one object stands for each user an assignment
 * reaches (EffectiveUserName). Only a Regular assignment grants the role's
 * cmdlets: a Delegating one lets its holders assign the role to others
 * (Get-ManagementRoleAssignment, RoleAssignmentDelegationType), which is how
 * Organization Management holds Mailbox Import Export by default.
 *
 * Returns: whether the account may run Get- and Restore-RecoverableItems
 */
gboolean
kanri_recoverable_role_granted (JsonArray         *assignments,
                                const char *const *names)
{
  g_return_val_if_fail (assignments != NULL, FALSE);

  for (guint i = 0; i < json_array_get_length (assignments); i++)
    {
      JsonNode *node = json_array_get_element (assignments, i);
      JsonObject *object;
      const char *delegation;
      const char *role;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      object = json_node_get_object (node);
      role = object_text (object, "Role");
      delegation = object_text (object, "RoleAssignmentDelegationType");
      if (role != NULL && g_ascii_strcasecmp (role, KANRI_IMPORT_EXPORT_ROLE) != 0)
        continue;
      if (delegation != NULL && g_ascii_strcasecmp (delegation, "Regular") != 0)
        continue;

      if (names_contain (names, object_text (object, "EffectiveUserName")) ||
          names_contain (names, object_text (object, "RoleAssignee")) ||
          names_contain (names, object_text (object, "RoleAssigneeName")))
        return TRUE;
    }

  return FALSE;
}

static gint64
find_query (KanriStore  *store,
            const char  *tenant,
            const char  *mailbox,
            const char  *filter_json,
            gint64      *fetched_usec)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = kanri_store_prepare (store,
                              "SELECT id, fetched_at FROM recoverable_queries "
                              "WHERE tenant = ?1 AND mailbox = ?2 AND filter = ?3",
                              NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mailbox, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, filter_json, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  if (fetched_usec != NULL)
    *fetched_usec = sqlite3_column_int64 (stmt, 1);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
step_done (KanriStore    *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return kanri_store_set_error (store, SQLITE_ERROR, error);

  return TRUE;
}

static gboolean
save_query (KanriStore                    *store,
            const char                    *tenant,
            const char                    *mailbox,
            const char                    *mailbox_name,
            const char                    *filter_json,
            GPtrArray                     *items,
            GError                       **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) prune = NULL;
  gint64 query;

  upsert = kanri_store_prepare (store,
                                "INSERT INTO recoverable_queries (tenant, mailbox, mailbox_name, filter, fetched_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (tenant, mailbox, filter) DO UPDATE SET "
                                "mailbox_name = excluded.mailbox_name, fetched_at = excluded.fetched_at",
                                error);
  if (upsert == NULL)
    return FALSE;

  sqlite3_bind_text (upsert, 1, tenant, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 2, mailbox, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 3, mailbox_name ? mailbox_name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 4, filter_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (upsert, 5, g_get_real_time ());
  if (!step_done (store, upsert, error))
    return FALSE;

  query = find_query (store, tenant, mailbox, filter_json, NULL);
  clear = kanri_store_prepare (store, "DELETE FROM recoverable_items WHERE query = ?1", error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, query);
  if (!step_done (store, clear, error))
    return FALSE;

  insert = kanri_store_prepare (store,
                                "INSERT OR REPLACE INTO recoverable_items (query, entry_id, subject, item_class, "
                                "  source_folder, last_parent_path, last_parent_folder_id, last_modified) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      KanriRecoverableItem *item = g_ptr_array_index (items, i);

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, query);
      sqlite3_bind_text (insert, 2, kanri_recoverable_item_get_entry_id (item), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, kanri_recoverable_item_get_subject (item), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, kanri_recoverable_item_get_item_class (item), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, kanri_recoverable_item_get_source_folder (item), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, kanri_recoverable_item_get_last_parent_path (item), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, kanri_recoverable_item_get_last_parent_folder_id (item), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 8, kanri_recoverable_item_get_last_modified (item));
      if (!step_done (store, insert, error))
        return FALSE;
    }

  /* Only the most recent queries stay; their items go with them. */
  prune = kanri_store_prepare (store,
                               "DELETE FROM recoverable_queries WHERE tenant = ?1 AND id NOT IN ("
                               "  SELECT id FROM recoverable_queries WHERE tenant = ?1 "
                               "  ORDER BY fetched_at DESC, id DESC LIMIT ?2)",
                               error);
  if (prune == NULL)
    return FALSE;
  sqlite3_bind_text (prune, 1, tenant, -1, SQLITE_STATIC);
  sqlite3_bind_int (prune, 2, KEEP_QUERIES);

  return step_done (store, prune, error);
}

/**
 * kanri_recoverable_cache_save:
 * @mailbox_name: (nullable): the mailbox's display name, for the page
 * @items: (element-type KanriRecoverableItem): everything the query found
 *
 * Keeps what a query found, as of now, in place of what the same query
 * found before.
 */
gboolean
kanri_recoverable_cache_save (KanriStore                    *store,
                              const char                    *tenant,
                              const char                    *mailbox,
                              const char                    *mailbox_name,
                              const KanriRecoverableFilter  *filter,
                              GPtrArray                     *items,
                              GError                       **error)
{
  g_autofree char *filter_json = NULL;

  g_return_val_if_fail (KANRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (tenant != NULL && mailbox != NULL, FALSE);
  g_return_val_if_fail (filter != NULL && items != NULL, FALSE);

  filter_json = kanri_recoverable_filter_to_json (filter);

  if (!kanri_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!save_query (store, tenant, mailbox, mailbox_name, filter_json, items, error))
    {
      kanri_store_exec (store, "ROLLBACK", NULL);
      return FALSE;
    }

  return kanri_store_exec (store, "COMMIT", error);
}

/**
 * kanri_recoverable_cache_load:
 * @fetched: (out) (optional) (transfer full): when the query ran
 *
 * Returns: (transfer full) (nullable) (element-type KanriRecoverableItem):
 *   what the same query found last time, newest first; %NULL when it never
 *   ran (@error unset) or the local model failed (@error set)
 */
GPtrArray *
kanri_recoverable_cache_load (KanriStore                    *store,
                              const char                    *tenant,
                              const char                    *mailbox,
                              const KanriRecoverableFilter  *filter,
                              GDateTime                    **fetched,
                              GError                       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *filter_json = NULL;
  gint64 fetched_usec = 0;
  gint64 query;
  int rc;

  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);
  g_return_val_if_fail (tenant != NULL && mailbox != NULL && filter != NULL, NULL);

  filter_json = kanri_recoverable_filter_to_json (filter);
  query = find_query (store, tenant, mailbox, filter_json, &fetched_usec);
  if (query == 0)
    return NULL;

  stmt = kanri_store_prepare (store,
                              "SELECT entry_id, subject, item_class, source_folder, last_parent_path, "
                              "  last_parent_folder_id, last_modified FROM recoverable_items "
                              "WHERE query = ?1 ORDER BY last_modified DESC, entry_id",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, query);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items,
                     kanri_recoverable_item_new ((const char *)sqlite3_column_text (stmt, 0),
                                                 (const char *)sqlite3_column_text (stmt, 1),
                                                 (const char *)sqlite3_column_text (stmt, 2),
                                                 (const char *)sqlite3_column_text (stmt, 3),
                                                 (const char *)sqlite3_column_text (stmt, 4),
                                                 (const char *)sqlite3_column_text (stmt, 5),
                                                 sqlite3_column_int64 (stmt, 6)));
  if (rc != SQLITE_DONE)
    {
      kanri_store_set_error (store, rc, error);
      return NULL;
    }

  if (fetched != NULL)
    *fetched = g_date_time_new_from_unix_utc (fetched_usec / G_USEC_PER_SEC);

  return g_steal_pointer (&items);
}

/**
 * kanri_recoverable_cache_last:
 * @mailbox: (out) (transfer full): the identity of the mailbox
 * @mailbox_name: (out) (transfer full): its display name
 * @filter: (out) (transfer full): the filter
 *
 * Returns: whether the tenant has a query cached; the outs then tell the
 *   most recent
 */
gboolean
kanri_recoverable_cache_last (KanriStore              *store,
                              const char              *tenant,
                              char                   **mailbox,
                              char                   **mailbox_name,
                              KanriRecoverableFilter **filter)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  KanriRecoverableFilter *parsed;

  g_return_val_if_fail (KANRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (tenant != NULL, FALSE);
  g_return_val_if_fail (mailbox != NULL && mailbox_name != NULL && filter != NULL, FALSE);

  stmt = kanri_store_prepare (store,
                              "SELECT mailbox, mailbox_name, filter FROM recoverable_queries "
                              "WHERE tenant = ?1 ORDER BY fetched_at DESC, id DESC LIMIT 1",
                              NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  /* A filter this version cannot read is as good as none. */
  parsed = kanri_recoverable_filter_new_from_json ((const char *)sqlite3_column_text (stmt, 2), NULL);
  if (parsed == NULL)
    return FALSE;

  *mailbox = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  *mailbox_name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  *filter = parsed;

  return TRUE;
}

/**
 * kanri_recoverable_cache_forget:
 *
 * An item was restored: no cached query of the mailbox lists it any more.
 */
gboolean
kanri_recoverable_cache_forget (KanriStore  *store,
                                const char  *tenant,
                                const char  *mailbox,
                                const char  *entry_id,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KANRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (tenant != NULL && mailbox != NULL && entry_id != NULL, FALSE);

  stmt = kanri_store_prepare (store,
                              "DELETE FROM recoverable_items WHERE entry_id = ?3 AND query IN ("
                              "  SELECT id FROM recoverable_queries WHERE tenant = ?1 AND mailbox = ?2)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mailbox, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entry_id, -1, SQLITE_STATIC);

  return step_done (store, stmt, error);
}
