/* test-recoverable-items.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-batch.h"
#include "kanri-exo-error.h"
#include "kanri-journal.h"
#include "kanri-recoverable-items.h"
#include "kanri-test-tenant.h"

typedef KanriTestTenant Fixture;

/* The seed's mailbox with items in every folder type. */
#define MAILBOX "taro.yamada@contoso.co.jp"

static JsonArray *
parse_array (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
powershell (KanriCmdlet *cmdlet)
{
  return kanri_cmdlet_to_powershell (cmdlet);
}

static void
test_folder_names (void)
{
  static const struct
  {
    const char             *source;
    gboolean                known;
    KanriRecoverableFolder  folder;
  } cases[] = {
    { "DeletedItems", TRUE, KANRI_RECOVERABLE_FOLDER_DELETED_ITEMS },
    { "Deleted Items", TRUE, KANRI_RECOVERABLE_FOLDER_DELETED_ITEMS },
    { "RecoverableItems", TRUE, KANRI_RECOVERABLE_FOLDER_DELETIONS },
    { "RecoverableItems\\Deletions", TRUE, KANRI_RECOVERABLE_FOLDER_DELETIONS },
    { "purgeditems", TRUE, KANRI_RECOVERABLE_FOLDER_PURGES },
    { "RecoverableItems\\Purges", TRUE, KANRI_RECOVERABLE_FOLDER_PURGES },
    /* The seed's example output. */
    { "RecoverableItems\\DiscoveryHolds", TRUE, KANRI_RECOVERABLE_FOLDER_DISCOVERY_HOLDS },
    { "DiscoveryHoldsItems", TRUE, KANRI_RECOVERABLE_FOLDER_DISCOVERY_HOLDS },
    { "Inbox", FALSE, 0 },
    { "", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KanriRecoverableFolder folder = KANRI_RECOVERABLE_FOLDER_ALL;

      g_assert_cmpint (kanri_recoverable_folder_from_source (cases[i].source, &folder), ==, cases[i].known);
      if (cases[i].known)
        g_assert_cmpint (folder, ==, cases[i].folder);
    }

  g_assert_cmpstr (kanri_recoverable_folder_to_parameter (KANRI_RECOVERABLE_FOLDER_PURGES), ==, "PurgedItems");
  g_assert_null (kanri_recoverable_folder_to_parameter (KANRI_RECOVERABLE_FOLDER_ALL));
  g_assert_cmpstr (kanri_recoverable_folder_get_label (KANRI_RECOVERABLE_FOLDER_DISCOVERY_HOLDS), ==,
                   "Discovery Holds");
}

static void
test_item_from_json (void)
{
  static const struct
  {
    const char *json;
    const char *error;
  } bad[] = {
    { "{\"Subject\":\"a\",\"SourceFolder\":\"PurgedItems\"}", "has no EntryID" },
    { "{\"EntryID\":\"\",\"SourceFolder\":\"PurgedItems\"}", "has no EntryID" },
    { "{\"EntryID\":\"E\"}", "has no SourceFolder" },
    { "{\"EntryID\":7,\"SourceFolder\":\"PurgedItems\"}", "EntryID is not text" },
    { "{\"EntryID\":\"E\",\"SourceFolder\":\"PurgedItems\",\"LastModifiedTime\":\"yesterday\"}", "is not a date" },
    { "{\"EntryID\":\"E\",\"SourceFolder\":\"PurgedItems\",\"LastModifiedTime\":\"/Date(x)/\"}", "is not a date" },
  };
  g_autoptr(JsonObject) good = NULL;
  g_autoptr(JsonObject) dated = NULL;
  g_autoptr(KanriRecoverableItem) item = NULL;
  g_autoptr(KanriRecoverableItem) old_style = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_subject = NULL;

  good = parse_object ("{\"Identity\":\"山田 太郎\",\"EntryID\":\"00AB\",\"Subject\":\"メールアイテムの件名\","
                       "\"ItemClass\":\"IPM.Note\",\"SourceFolder\":\"RecoverableItems\\\\DiscoveryHolds\","
                       "\"LastParentPath\":\"送信済みアイテム\",\"LastParentFolderID\":\"0F12\","
                       "\"LastModifiedTime\":\"2023-06-10T01:02:03Z\",\"OriginalFolderExists\":true}");
  item = kanri_recoverable_item_new_from_json (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kanri_recoverable_item_get_entry_id (item), ==, "00AB");
  g_assert_cmpstr (kanri_recoverable_item_get_subject (item), ==, "メールアイテムの件名");
  /* Kept as the name -SourceFolder takes, whichever way it was reported. */
  g_assert_cmpstr (kanri_recoverable_item_get_source_folder (item), ==, "DiscoveryHoldsItems");
  g_assert_cmpstr (kanri_recoverable_item_get_folder_label (item), ==, "Discovery Holds");
  g_assert_cmpstr (kanri_recoverable_item_get_last_parent_path (item), ==, "送信済みアイテム");
  g_assert_cmpstr (kanri_recoverable_item_get_last_parent_folder_id (item), ==, "0F12");
  g_assert_cmpint (kanri_recoverable_item_get_last_modified (item), ==, 1686358923);

  dated = parse_object ("{\"EntryID\":\"E\",\"SourceFolder\":\"PurgedItems\","
                        "\"LastModifiedTime\":\"/Date(1686358923000)/\"}");
  old_style = kanri_recoverable_item_new_from_json (dated, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kanri_recoverable_item_get_last_modified (old_style), ==, 1686358923);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) object = parse_object (bad[i].json);
      g_autoptr(GError) bad_error = NULL;

      g_assert_null (kanri_recoverable_item_new_from_json (object, &bad_error));
      g_assert_error (bad_error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE);
      if (strstr (bad_error->message, bad[i].error) == NULL)
        g_error ("%s: “%s” does not say “%s”", bad[i].json, bad_error->message, bad[i].error);
    }

  /* Size limits state the limit. */
  long_subject = g_strnfill (5000, 'x');
  {
    g_autoptr(JsonObject) object = json_object_new ();
    g_autoptr(GError) long_error = NULL;

    json_object_set_string_member (object, "EntryID", "E");
    json_object_set_string_member (object, "SourceFolder", "PurgedItems");
    json_object_set_string_member (object, "Subject", long_subject);
    g_assert_null (kanri_recoverable_item_new_from_json (object, &long_error));
    g_assert_nonnull (strstr (long_error->message, "4096"));
  }
}

static void
test_filter_validate (void)
{
  static const struct
  {
    const char *start;
    const char *end;
    const char *item_type;
    const char *error;
  } cases[] = {
    { "2023-06-01", "2023-06-19", "IPM.Note", NULL },
    { NULL, "2023-06-19", NULL, NULL },
    { "06/01/2023", NULL, NULL, "YYYY-MM-DD" },
    { "2023-13-01", NULL, NULL, "YYYY-MM-DD" },
    { "2023-06-01x", NULL, NULL, "YYYY-MM-DD" },
    /* Only what was written: no sign, no spaces, two-digit months and days,
     * ASCII digits, a day the calendar has. */
    { "2023-6-1", NULL, NULL, "YYYY-MM-DD" },
    { " 2023-06-01", NULL, NULL, "YYYY-MM-DD" },
    { "+2023-06-01", NULL, NULL, "YYYY-MM-DD" },
    { "2023-+6-01", NULL, NULL, "YYYY-MM-DD" },
    { "2023-06- 1", NULL, NULL, "YYYY-MM-DD" },
    { "２０２３-06-01", NULL, NULL, "YYYY-MM-DD" },
    { "2023-02-29", NULL, NULL, "YYYY-MM-DD" },
    { "0000-01-01", NULL, NULL, "YYYY-MM-DD" },
    { "2024-02-29", NULL, NULL, NULL },
    { "2023-06-19", "2023-06-01", NULL, "after the last" },
    { NULL, NULL, "IPM.Note.Secret", "not an item type" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KanriRecoverableFilter) filter = kanri_recoverable_filter_new ();
      g_autoptr(GError) error = NULL;

      filter->start = g_strdup (cases[i].start);
      filter->end = g_strdup (cases[i].end);
      filter->item_type = g_strdup (cases[i].item_type);
      if (cases[i].error == NULL)
        {
          g_assert_true (kanri_recoverable_filter_validate (filter, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (kanri_recoverable_filter_validate (filter, &error));
          g_assert_nonnull (strstr (error->message, cases[i].error));
        }
    }
}

static void
test_filter_json (void)
{
  g_autoptr(KanriRecoverableFilter) filter = kanri_recoverable_filter_new ();
  g_autoptr(KanriRecoverableFilter) back = NULL;
  g_autoptr(KanriRecoverableFilter) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  filter->folder = KANRI_RECOVERABLE_FOLDER_PURGES;
  filter->start = g_strdup ("2023-06-01");
  filter->subject = g_strdup ("月次報告");

  json = kanri_recoverable_filter_to_json (filter);
  g_assert_cmpstr (json, ==, "{\"folder\":\"PurgedItems\",\"start\":\"2023-06-01\",\"subject\":\"月次報告\"}");
  back = kanri_recoverable_filter_new_from_json (json, &error);
  g_assert_no_error (error);
  again = kanri_recoverable_filter_to_json (back);
  g_assert_cmpstr (again, ==, json);

  all = kanri_recoverable_filter_new_from_json ("{\"folder\":\"All\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (all->folder, ==, KANRI_RECOVERABLE_FOLDER_ALL);

  g_assert_null (kanri_recoverable_filter_new_from_json ("{\"folder\":\"Inbox\"}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (kanri_recoverable_filter_new_from_json ("[1]", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (kanri_recoverable_filter_new_from_json ("{\"start\":\"yesterday\"}", &error));
  g_assert_nonnull (error);
}

static void
test_queries (void)
{
  g_autoptr(KanriRecoverableFilter) filter = kanri_recoverable_filter_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) purges = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *only = NULL;

  /* Without -SourceFolder the service leaves DiscoveryHolds out. */
  all = kanri_recoverable_filter_build_queries (filter, MAILBOX);
  g_assert_cmpuint (all->len, ==, 2);
  first = powershell (g_ptr_array_index (all, 0));
  second = powershell (g_ptr_array_index (all, 1));
  g_assert_cmpstr (first, ==, "Get-RecoverableItems -Identity \"" MAILBOX "\" -ResultSize Unlimited");
  g_assert_cmpstr (second, ==, "Get-RecoverableItems -Identity \"" MAILBOX "\" -SourceFolder DiscoveryHoldsItems "
                               "-ResultSize Unlimited");

  /* The seed's example, in Tokyo: the local days, whole, in UTC. */
  filter->folder = KANRI_RECOVERABLE_FOLDER_PURGES;
  filter->start = g_strdup ("2023-06-01");
  filter->end = g_strdup ("2023-06-19");
  filter->item_type = g_strdup ("IPM.Note");
  filter->subject = g_strdup ("報告");
  purges = kanri_recoverable_filter_build_queries (filter, MAILBOX);
  g_assert_cmpuint (purges->len, ==, 1);
  only = powershell (g_ptr_array_index (purges, 0));
  g_assert_cmpstr (only, ==, "Get-RecoverableItems -Identity \"" MAILBOX "\" -SourceFolder PurgedItems "
                             "-FilterStartTime \"2023-05-31T15:00:00Z\" -FilterEndTime \"2023-06-19T14:59:59Z\" "
                             "-FilterItemType IPM.Note -SubjectContains \"報告\" -ResultSize Unlimited");
  g_assert_true (kanri_cmdlet_is_read_only (g_ptr_array_index (purges, 0)));
}

static void
test_restore_cmdlets (void)
{
  g_autoptr(KanriRecoverableItem) held = NULL;
  g_autoptr(KanriRecoverableItem) purged = NULL;
  g_autoptr(KanriRecoverableItem) purged2 = NULL;
  g_autoptr(KanriCmdlet) one = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) folder = NULL;
  g_autoptr(KanriRecoverableFilter) filter = kanri_recoverable_filter_new ();
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  held = kanri_recoverable_item_new ("00AA", "a", "IPM.Note", "DiscoveryHoldsItems", "送信済みアイテム", "0F", 1);
  purged = kanri_recoverable_item_new ("00BB", "b", "IPM.Note", "PurgedItems", "送信済みアイテム", "0F", 2);
  purged2 = kanri_recoverable_item_new ("00CC", "c", "IPM.Note", "PurgedItems", "送信済みアイテム", "0F", 3);

  /* By EntryID (seed step 4), naming the folder: DiscoveryHolds is only
   * searched when named. */
  one = kanri_recoverable_restore_item (MAILBOX, held, NULL);
  text = powershell (one);
  g_assert_cmpstr (text, ==, "Restore-RecoverableItems -Identity \"" MAILBOX "\" -SourceFolder DiscoveryHoldsItems "
                             "-EntryID \"00AA\"");

  /* Everything from one original folder (seed step 3): one change per
   * folder type, with the filters and the target. */
  g_ptr_array_add (items, purged);
  g_ptr_array_add (items, held);
  g_ptr_array_add (items, purged2);
  filter->item_type = g_strdup ("IPM.Note");
  folder = kanri_recoverable_restore_folder (MAILBOX, filter, items, "/Restored");
  g_assert_cmpuint (folder->len, ==, 2);
  first = powershell (g_ptr_array_index (folder, 0));
  second = powershell (g_ptr_array_index (folder, 1));
  g_assert_cmpstr (first, ==, "Restore-RecoverableItems -Identity \"" MAILBOX "\" -SourceFolder PurgedItems "
                              "-LastParentFolderID \"0F\" -FilterItemType IPM.Note -RestoreTargetFolder \"/Restored\"");
  g_assert_cmpstr (second, ==, "Restore-RecoverableItems -Identity \"" MAILBOX "\" -SourceFolder DiscoveryHoldsItems "
                               "-LastParentFolderID \"0F\" -FilterItemType IPM.Note -RestoreTargetFolder \"/Restored\"");
}

static void
test_target_folder (void)
{
  static const struct
  {
    const char *target;
    const char *error;
  } cases[] = {
    { NULL, NULL },
    { "", NULL },
    { "/", NULL },
    { "/Restored", NULL },
    { "/復元/2023", NULL },
    { "Restored", "starts with" },
    { "/a//b", "empty folder name" },
    { "/a\tb", "control characters" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (kanri_recoverable_target_is_valid (cases[i].target, &error), ==, cases[i].error == NULL);
      if (cases[i].error != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].error));
    }
}

static void
test_role_granted (void)
{
  static const char *const names[] = { "admin@contoso.onmicrosoft.com", "admin", "Administrator", NULL };
  static const struct
  {
    const char *json;
    gboolean    granted;
  } cases[] = {
    { "[]", FALSE },
    /* The demo seed and a new tenant: Organization Management may only
     * assign the role, not use it. */
    { "[{\"Role\":\"Mailbox Import Export\",\"RoleAssignee\":\"Organization Management\","
      "\"RoleAssignmentDelegationType\":\"DelegatingOrgWide\",\"EffectiveUserName\":\"admin@contoso.onmicrosoft.com\"}]",
      FALSE },
    { "[{\"Role\":\"Mailbox Import Export\",\"RoleAssignee\":\"Recovery\","
      "\"RoleAssignmentDelegationType\":\"Regular\",\"EffectiveUserName\":\"ADMIN@contoso.onmicrosoft.com\"}]",
      TRUE },
    /* The real service names effective users by name. */
    { "[{\"Role\":\"Mailbox Import Export\",\"RoleAssignmentDelegationType\":\"Regular\","
      "\"EffectiveUserName\":\"Administrator\"}]", TRUE },
    { "[{\"Role\":\"Mailbox Import Export\",\"RoleAssignmentDelegationType\":\"Regular\","
      "\"RoleAssignee\":\"admin\"}]", TRUE },
    { "[{\"Role\":\"Mailbox Import Export\",\"RoleAssignmentDelegationType\":\"Regular\","
      "\"EffectiveUserName\":\"someone@contoso.com\"}]", FALSE },
    { "[{\"Role\":\"Mail Recipients\",\"RoleAssignmentDelegationType\":\"Regular\","
      "\"EffectiveUserName\":\"admin@contoso.onmicrosoft.com\"}]", FALSE },
    { "[1, null, {\"EffectiveUserName\":7}]", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonArray) assignments = parse_array (cases[i].json);

      if (kanri_recoverable_role_granted (assignments, names) != cases[i].granted)
        g_error ("%s: expected %s", cases[i].json, cases[i].granted ? "granted" : "not granted");
    }

  {
    g_autoptr(KanriCmdlet) query = kanri_recoverable_role_query ();
    g_autoptr(KanriCmdlet) grant = kanri_recoverable_role_grant ("admin@contoso.onmicrosoft.com");
    g_autofree char *query_text = powershell (query);
    g_autofree char *grant_text = powershell (grant);

    g_assert_cmpstr (query_text, ==, "Get-ManagementRoleAssignment -Role \"Mailbox Import Export\" -GetEffectiveUsers");
    g_assert_cmpstr (grant_text, ==, "New-ManagementRoleAssignment -Role \"Mailbox Import Export\" "
                                     "-User \"admin@contoso.onmicrosoft.com\"");
  }
}

static KanriStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kanri_store_default_path ();
  KanriStore *store = kanri_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (kanri_store_exec (store, "INSERT OR IGNORE INTO tenants (id, name, kind, created_at) "
                                          "VALUES ('demo', 'Demo', 'demo', 1)", &error));
  return store;
}

static void
test_cache (void)
{
  g_autoptr(KanriStore) store = open_store ();
  g_autoptr(KanriRecoverableFilter) purges = kanri_recoverable_filter_new ();
  g_autoptr(KanriRecoverableFilter) all = kanri_recoverable_filter_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GDateTime) fetched = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *mailbox = NULL;
  g_autofree char *name = NULL;
  g_autoptr(KanriRecoverableFilter) last = NULL;
  KanriRecoverableItem *first;

  purges->folder = KANRI_RECOVERABLE_FOLDER_PURGES;
  g_ptr_array_add (items, kanri_recoverable_item_new ("E1", "old", "IPM.Note", "PurgedItems", "受信トレイ", "F1", 100));
  g_ptr_array_add (items, kanri_recoverable_item_new ("E2", "new", "IPM.Note", "PurgedItems", "受信トレイ", "F1", 200));

  g_assert_false (kanri_recoverable_cache_last (store, "demo", &mailbox, &name, &last));
  g_assert_true (kanri_recoverable_cache_save (store, "demo", MAILBOX, "山田 太郎", purges, items, &error));
  g_assert_no_error (error);

  loaded = kanri_recoverable_cache_load (store, "demo", MAILBOX, purges, &fetched, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 2);
  first = g_ptr_array_index (loaded, 0);
  g_assert_cmpstr (kanri_recoverable_item_get_entry_id (first), ==, "E2");
  g_assert_cmpstr (kanri_recoverable_item_get_last_parent_path (first), ==, "受信トレイ");
  g_assert_cmpint (kanri_recoverable_item_get_last_modified (first), ==, 200);
  g_assert_cmpint (ABS (g_date_time_difference (now, fetched)), <, 60 * G_TIME_SPAN_SECOND);

  /* Another filter is another query, not cached yet. */
  none = kanri_recoverable_cache_load (store, "demo", MAILBOX, all, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* The page reopens on the last query. */
  g_assert_true (kanri_recoverable_cache_last (store, "demo", &mailbox, &name, &last));
  g_assert_cmpstr (mailbox, ==, MAILBOX);
  g_assert_cmpstr (name, ==, "山田 太郎");
  g_assert_cmpint (last->folder, ==, KANRI_RECOVERABLE_FOLDER_PURGES);

  /* A restored item leaves every cached query of the mailbox. */
  g_assert_true (kanri_recoverable_cache_save (store, "demo", MAILBOX, "山田 太郎", all, items, &error));
  g_assert_true (kanri_recoverable_cache_forget (store, "demo", MAILBOX, "E2", &error));
  g_assert_no_error (error);
  after = kanri_recoverable_cache_load (store, "demo", MAILBOX, purges, NULL, &error);
  g_assert_cmpuint (after->len, ==, 1);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = kanri_recoverable_cache_load (store, "demo", MAILBOX, all, NULL, &error);
  g_assert_cmpuint (after->len, ==, 1);

  /* Only the recent queries are kept. */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *other = g_strdup_printf ("user%02u@contoso.com", i);

      g_assert_true (kanri_recoverable_cache_save (store, "demo", other, other, all, items, &error));
    }
  g_clear_pointer (&after, g_ptr_array_unref);
  after = kanri_recoverable_cache_load (store, "demo", MAILBOX, purges, NULL, &error);
  g_assert_null (after);
  {
    g_autoptr(sqlite3_stmt) count = kanri_store_prepare (store, "SELECT count(*) FROM recoverable_queries", NULL);

    g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (count, 0), ==, 20);
  }
}

/* Against the emulator ---------------------------------------------------- */

static void
set_role (KanriEmulator *emulator,
          gpointer       user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kanri_emulator_set_role_assigned (emulator, GPOINTER_TO_INT (user_data), &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *mailbox;
  const char *folder;
  guint       count;
} Restored;

static void
count_restored (KanriEmulator *emulator,
                gpointer       user_data)
{
  Restored *restored = user_data;

  restored->count = kanri_emulator_count_restored (emulator, restored->mailbox, restored->folder);
}

static guint
restored_count (Fixture    *fixture,
                const char *folder)
{
  Restored restored = { MAILBOX, folder, 0 };

  kanri_demo_host_run (fixture->host, count_restored, &restored);
  return restored.count;
}

typedef struct
{
  JsonArray *values;
  GError    *error;
  gboolean   done;
  guint      pages;
  GPtrArray *items;
} Query;

static void
query_page_cb (KanriTenant *tenant,
               JsonArray   *objects,
               gpointer     user_data)
{
  Query *query = user_data;

  query->pages++;
  for (guint i = 0; i < json_array_get_length (objects); i++)
    {
      g_autoptr(GError) error = NULL;
      KanriRecoverableItem *item = kanri_recoverable_item_new_from_json (json_array_get_object_element (objects, i),
                                                                         &error);

      g_assert_no_error (error);
      g_ptr_array_add (query->items, item);
    }
}

static void
queried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Query *query = user_data;

  query->values = kanri_tenant_query_finish (KANRI_TENANT (object), result, &query->error);
  query->done = TRUE;
}

/* Recoverable items come page by page, as the page shows them; anything
 * else whole. */
static void
run_query (Fixture     *fixture,
           KanriCmdlet *cmdlet,
           Query       *query)
{
  gboolean items = g_str_equal (kanri_cmdlet_get_name (cmdlet), "Get-RecoverableItems");

  memset (query, 0, sizeof *query);
  query->items = g_ptr_array_new_with_free_func (g_object_unref);
  kanri_tenant_query_async (fixture->tenant, cmdlet, items ? query_page_cb : NULL, query, NULL,
                            queried_cb, query);
  kanri_test_wait (&query->done);
}

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->values, json_array_unref);
  g_clear_pointer (&query->items, g_ptr_array_unref);
  g_clear_error (&query->error);
}

static void
test_role_against_emulator (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *const names[] = { kanri_tenant_get_account (fixture->tenant), NULL };
  g_autoptr(KanriCmdlet) cmdlet = kanri_recoverable_role_query ();
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(KanriRecoverableFilter) filter = kanri_recoverable_filter_new ();
  Query query;

  /* The demo seed, like a new tenant, has the role assigned to nobody. */
  run_query (fixture, cmdlet, &query);
  g_assert_no_error (query.error);
  g_assert_false (kanri_recoverable_role_granted (query.values, names));
  query_clear (&query);

  /* And without it the service refuses the cmdlets. */
  queries = kanri_recoverable_filter_build_queries (filter, MAILBOX);
  run_query (fixture, g_ptr_array_index (queries, 0), &query);
  g_assert_error (query.error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_ACCESS_DENIED);
  query_clear (&query);

  kanri_demo_host_run (fixture->host, set_role, GINT_TO_POINTER (TRUE));
  run_query (fixture, cmdlet, &query);
  g_assert_no_error (query.error);
  g_assert_true (kanri_recoverable_role_granted (query.values, names));
  query_clear (&query);
}

static void
run_batch (KanriBatch *batch)
{
  kanri_batch_start (batch);
  while (!kanri_batch_get_finished (batch))
    g_main_context_iteration (NULL, TRUE);
}

static KanriRecoverableItem *
find_item (GPtrArray  *items,
           const char *path)
{
  for (guint i = 0; i < items->len; i++)
    {
      KanriRecoverableItem *item = g_ptr_array_index (items, i);

      if (path == NULL || g_str_equal (kanri_recoverable_item_get_last_parent_path (item), path))
        return item;
    }

  return NULL;
}

static void
test_query_and_restore (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KanriRecoverableFilter) filter = kanri_recoverable_filter_new ();
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) cmdlets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KanriBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  KanriRecoverableItem *first, *second;
  guint total = 0;
  guint before;
  Query query;

  kanri_demo_host_run (fixture->host, set_role, GINT_TO_POINTER (TRUE));
  kanri_exo_client_set_page_size (kanri_tenant_get_client (fixture->tenant), 2);

  /* All folders: two queries, pages as they come. */
  queries = kanri_recoverable_filter_build_queries (filter, MAILBOX);
  for (guint i = 0; i < queries->len; i++)
    {
      run_query (fixture, g_ptr_array_index (queries, i), &query);
      g_assert_no_error (query.error);
      g_assert_cmpuint (json_array_get_length (query.values), ==, 0);
      total += query.items->len;
      if (i == 0)
        g_assert_cmpuint (query.pages, >, 1);
      query_clear (&query);
    }
  g_assert_cmpuint (total, ==, 4);

  /* Restore two selected items by EntryID, through the journal. */
  g_clear_pointer (&queries, g_ptr_array_unref);
  queries = kanri_recoverable_filter_build_queries (filter, MAILBOX);
  run_query (fixture, g_ptr_array_index (queries, 0), &query);
  before = query.items->len;
  g_assert_cmpuint (before, >=, 2);
  first = g_ptr_array_index (query.items, 0);
  second = g_ptr_array_index (query.items, 1);
  g_ptr_array_add (cmdlets, kanri_recoverable_restore_item (MAILBOX, first, NULL));
  g_ptr_array_add (cmdlets, kanri_recoverable_restore_item (MAILBOX, second, NULL));
  g_ptr_array_add (summaries, g_strdup ("first"));
  g_ptr_array_add (summaries, g_strdup ("second"));
  batch = kanri_batch_new (fixture->tenant, "Restore", cmdlets, summaries, &error);
  g_assert_no_error (error);
  run_batch (batch);
  g_assert_cmpuint (kanri_batch_get_done (batch), ==, 2);

  /* Back in their original folders, and gone from Recoverable Items. */
  g_assert_cmpuint (restored_count (fixture, kanri_recoverable_item_get_last_parent_path (first)), >=, 1);
  g_assert_cmpuint (restored_count (fixture, NULL), ==, 2);
  query_clear (&query);
  run_query (fixture, g_ptr_array_index (queries, 0), &query);
  g_assert_cmpuint (query.items->len, ==, before - 2);
  query_clear (&query);
}

static void
ran_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kanri_tenant_run_finish (KANRI_TENANT (object), result, &error), >, 0);
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static void
test_restore_folder_resumed_once (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(KanriRecoverableFilter) filter = kanri_recoverable_filter_new ();
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) group = g_ptr_array_new ();
  g_autoptr(GPtrArray) cmdlets = NULL;
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KanriBatch) batch = NULL;
  g_autoptr(KanriBatch) resumed = NULL;
  g_autoptr(GError) error = NULL;
  KanriJournal *journal = kanri_journal_get_for_store (fixture->store);
  KanriRecoverableItem *item;
  const char *path;
  guint in_group = 0;
  Query query;

  kanri_demo_host_run (fixture->host, set_role, GINT_TO_POINTER (TRUE));

  queries = kanri_recoverable_filter_build_queries (filter, MAILBOX);
  run_query (fixture, g_ptr_array_index (queries, 0), &query);
  item = find_item (query.items, NULL);
  path = kanri_recoverable_item_get_last_parent_path (item);
  for (guint i = 0; i < query.items->len; i++)
    {
      KanriRecoverableItem *other = g_ptr_array_index (query.items, i);

      if (g_str_equal (kanri_recoverable_item_get_last_parent_folder_id (other),
                       kanri_recoverable_item_get_last_parent_folder_id (item)))
        g_ptr_array_add (group, other);
    }
  in_group = group->len;

  cmdlets = kanri_recoverable_restore_folder (MAILBOX, filter, group, NULL);
  for (guint i = 0; i < cmdlets->len; i++)
    g_ptr_array_add (summaries, g_strdup ("folder"));
  batch = kanri_batch_new (fixture->tenant, "Restore folder", cmdlets, summaries, &error);
  g_assert_no_error (error);

  /* As after a crash once the service had restored them: the first change
   * went through, its row was left running, then interrupted. Resuming
   * reads back, finds nothing left in that folder, and sends nothing. */
  {
    g_autoptr(KanriCmdlet) restore = kanri_cmdlet_copy (g_ptr_array_index (cmdlets, 0));
    gboolean done = FALSE;

    kanri_tenant_run_async (fixture->tenant, restore, "direct", NULL, ran_cb, &done);
    kanri_test_wait (&done);
  }

  g_assert_true (kanri_journal_start (journal, 1, &error));
  g_assert_no_error (error);
  g_assert_true (kanri_store_exec (fixture->store, "UPDATE operations SET state = 'interrupted' WHERE id = 1",
                                   &error));

  resumed = kanri_batch_resume (fixture->tenant, kanri_batch_get_id (batch), &error);
  g_assert_no_error (error);
  run_batch (resumed);
  g_assert_cmpuint (kanri_batch_get_failed (resumed), ==, 0);

  g_assert_cmpuint (restored_count (fixture, path), ==, in_group);
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Restore-RecoverableItems", NULL), ==, cmdlets->len);
  query_clear (&query);
}

int
main (int   argc,
      char *argv[])
{
  /* The dates of the tests are Tokyo's. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/recoverable/folder-names", test_folder_names);
  g_test_add_func ("/recoverable/item-from-json", test_item_from_json);
  g_test_add_func ("/recoverable/filter/validate", test_filter_validate);
  g_test_add_func ("/recoverable/filter/json", test_filter_json);
  g_test_add_func ("/recoverable/filter/queries", test_queries);
  g_test_add_func ("/recoverable/restore-cmdlets", test_restore_cmdlets);
  g_test_add_func ("/recoverable/target-folder", test_target_folder);
  g_test_add_func ("/recoverable/role-granted", test_role_granted);
  g_test_add_func ("/recoverable/cache", test_cache);

#define ADD(path, func) \
  g_test_add ("/recoverable/emulator/" path, Fixture, NULL, kanri_test_tenant_open, func, kanri_test_tenant_close)

  ADD ("role", test_role_against_emulator);
  ADD ("query-and-restore", test_query_and_restore);
  ADD ("restore-folder-resumed-once", test_restore_folder_resumed_once);

#undef ADD

  return g_test_run ();
}
