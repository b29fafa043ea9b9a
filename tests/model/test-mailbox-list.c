/* test-mailbox-list.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-mailbox-list.h"
#include "kanri-tenant-tables.h"

/* Get-Mailbox objects as the service returns them, annotations stripped. */
#define MAILBOX(guid, name, upn, defaults, admin, delegate, owner) \
  "{\"ExternalDirectoryObjectId\":\"" guid "\",\"DisplayName\":\"" name "\"," \
  "\"UserPrincipalName\":\"" upn "\",\"PrimarySmtpAddress\":\"" upn "\"," \
  "\"RecipientTypeDetails\":\"UserMailbox\",\"DefaultAuditSet\":[" defaults "]," \
  "\"AuditAdmin\":[" admin "],\"AuditDelegate\":[" delegate "],\"AuditOwner\":[" owner "]," \
  "\"AuditLogAgeLimit\":\"90.00:00:00\"}"

#define ALL_TYPES "\"Admin\",\"Delegate\",\"Owner\""
#define FULL_ADMIN "\"MailItemsAccessed\",\"Send\",\"Update\""
#define FULL_DELEGATE "\"MailItemsAccessed\",\"Update\""
#define FULL_OWNER "\"MailItemsAccessed\",\"Send\",\"Update\",\"SearchQueryInitiated\""

static const char page_json[] =
  "[" MAILBOX ("g1", "Aoki Ken", "aoki@contoso.com", ALL_TYPES, FULL_ADMIN, FULL_DELEGATE, FULL_OWNER) ","
      MAILBOX ("g2", "山田 太郎", "yamada@contoso.com", "\"Admin\",\"Owner\"", FULL_ADMIN, "\"Update\"", FULL_OWNER) ","
      MAILBOX ("g3", "Zeta, Ltd", "zeta@contoso.com", ALL_TYPES, FULL_ADMIN, FULL_DELEGATE, "\"MessageBind\",\"MailItemsAccessed\",\"Send\",\"SearchQueryInitiated\"") ","
      MAILBOX ("g4", "Émilie Brun", "emilie@contoso.com", ALL_TYPES, FULL_ADMIN, FULL_DELEGATE, FULL_OWNER) ","
      "{\"DisplayName\":\"No id, skipped\"}"
  "]";

static JsonArray *
parse_array (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static KanriStore *
store_with_mailboxes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kanri_store_default_path ();
  g_autoptr(JsonArray) page = parse_array (page_json);
  KanriStore *store = kanri_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (kanri_store_exec (store, "INSERT INTO tenants (id, name, kind, created_at) "
                                          "VALUES ('demo', 'Demo', 'demo', 1)", &error));
  g_assert_true (kanri_tenant_tables_upsert (kanri_store_get_db (store), KANRI_TABLE_MAILBOXES, "demo", page, 1, &error));
  g_assert_no_error (error);

  return store;
}

static void
wait_loaded (KanriMailboxList *list)
{
  while (kanri_mailbox_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static char *
names (KanriMailboxList *list)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KanriMailbox) mailbox = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (i > 0)
        g_string_append (out, "|");
      g_string_append (out, kanri_mailbox_get_display_name (mailbox));
    }

  return g_string_free (out, FALSE);
}

static void
test_rows_and_flags (void)
{
  g_autoptr(KanriStore) store = store_with_mailboxes ();
  g_autoptr(KanriMailboxList) list = kanri_mailbox_list_new (store, "demo");
  g_autoptr(KanriMailbox) yamada = NULL;
  g_autofree char *all = NULL;

  wait_loaded (list);
  all = names (list);
  g_assert_cmpstr (all, ==, "Aoki Ken|Zeta, Ltd|Émilie Brun|山田 太郎");
  g_assert_cmpuint (kanri_mailbox_list_get_total (list), ==, 4);
  g_assert_cmpint (kanri_tenant_tables_count (kanri_store_get_db (store), KANRI_TABLE_MAILBOXES, "demo"), ==, 4);

  yamada = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_cmpstr (kanri_mailbox_get_upn (yamada), ==, "yamada@contoso.com");
  g_assert_cmpstr (kanri_mailbox_get_default_audit_set (yamada), ==, "Admin,Owner");
  g_assert_cmpstr (kanri_mailbox_get_audit_actions (yamada, KANRI_AUDIT_DELEGATE), ==, "Update");
  g_assert_cmpstr (kanri_mailbox_get_audit_log_age_limit (yamada), ==, "90.00:00:00");
  g_assert_cmphex (kanri_mailbox_get_audit_flags (yamada), ==,
                   KANRI_AUDIT_FLAG_CUSTOMISED | KANRI_AUDIT_FLAG_MISSING_MAIL_ITEMS_ACCESSED);

  g_assert_cmpuint (kanri_mailbox_list_count_flag (list, KANRI_AUDIT_FLAG_CUSTOMISED), ==, 1);
  g_assert_cmpuint (kanri_mailbox_list_count_flag (list, KANRI_AUDIT_FLAG_MESSAGE_BIND), ==, 1);
  g_assert_cmpuint (kanri_mailbox_list_count_flag (list, KANRI_AUDIT_FLAG_MISSING_SEND), ==, 0);
}

static void
test_filter_search_sort (void)
{
  g_autoptr(KanriStore) store = store_with_mailboxes ();
  g_autoptr(KanriMailboxList) list = kanri_mailbox_list_new (store, "demo");
  g_autofree char *attention = NULL;
  g_autofree char *found = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *by_upn = NULL;

  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAGS_NEED_ATTENTION);
  wait_loaded (list);
  attention = names (list);
  g_assert_cmpstr (attention, ==, "Zeta, Ltd|山田 太郎");

  kanri_mailbox_list_set_flags (list, 0);
  kanri_mailbox_list_set_search (list, "山田");
  wait_loaded (list);
  found = names (list);
  g_assert_cmpstr (found, ==, "山田 太郎");

  /* Case folding beyond ASCII, and on the address too. */
  kanri_mailbox_list_set_search (list, "ÉMILIE");
  wait_loaded (list);
  folded = names (list);
  g_assert_cmpstr (folded, ==, "Émilie Brun");

  kanri_mailbox_list_set_search (list, NULL);
  kanri_mailbox_list_set_sort (list, KANRI_MAILBOX_SORT_UPN, TRUE);
  wait_loaded (list);
  by_upn = names (list);
  g_assert_cmpstr (by_upn, ==, "Zeta, Ltd|山田 太郎|Émilie Brun|Aoki Ken");
}

static void
test_row_changed_after_fix (void)
{
  g_autoptr(KanriStore) store = store_with_mailboxes ();
  g_autoptr(KanriMailboxList) list = kanri_mailbox_list_new (store, "demo");
  g_autoptr(JsonArray) fixed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gint64 row;

  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAGS_NEED_ATTENTION);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* Option 1 applied to 山田: Get-Mailbox reads it back reset. */
  fixed = parse_array ("[" MAILBOX ("g2", "山田 太郎", "yamada@contoso.com", ALL_TYPES,
                                    FULL_ADMIN, FULL_DELEGATE, FULL_OWNER) "]");
  g_assert_true (kanri_tenant_tables_upsert (kanri_store_get_db (store), KANRI_TABLE_MAILBOXES, "demo", fixed, 0, &error));
  row = kanri_tenant_tables_mailbox_row_id (kanri_store_get_db (store), "demo", "g2");
  g_assert_cmpint (row, >, 0);

  kanri_mailbox_list_row_changed (list, row);
  after = names (list);
  g_assert_cmpstr (after, ==, "Zeta, Ltd");
}

/* Going back to a recent filter shows its rows from memory: the list is
 * the database as of its last refresh. A refresh, or a changed row, reads
 * every filter again. */
static void
test_recent_filters (void)
{
  g_autoptr(KanriStore) store = store_with_mailboxes ();
  g_autoptr(KanriMailboxList) list = kanri_mailbox_list_new (store, "demo");
  g_autoptr(JsonArray) fixed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *remembered = NULL;
  g_autofree char *refreshed = NULL;
  g_autofree char *after_fix = NULL;
  gint64 row;

  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAGS_NEED_ATTENTION);
  wait_loaded (list);
  kanri_mailbox_list_set_flags (list, 0);
  wait_loaded (list);

  /* 山田 fixed behind the list's back. */
  fixed = parse_array ("[" MAILBOX ("g2", "山田 太郎", "yamada@contoso.com", ALL_TYPES,
                                    FULL_ADMIN, FULL_DELEGATE, FULL_OWNER) "]");
  g_assert_true (kanri_tenant_tables_upsert (kanri_store_get_db (store), KANRI_TABLE_MAILBOXES, "demo", fixed, 1, &error));
  g_assert_no_error (error);

  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAGS_NEED_ATTENTION);
  g_assert_true (kanri_mailbox_list_get_loading (list));
  wait_loaded (list);
  remembered = names (list);
  g_assert_cmpstr (remembered, ==, "Zeta, Ltd|山田 太郎");

  kanri_mailbox_list_refresh (list);
  wait_loaded (list);
  refreshed = names (list);
  g_assert_cmpstr (refreshed, ==, "Zeta, Ltd");

  /* A fix told to the list (kanri_mailbox_list_row_changed()) also makes
   * it forget the other filters' rows. */
  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAG_MESSAGE_BIND);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAGS_NEED_ATTENTION);
  wait_loaded (list);
  g_clear_pointer (&fixed, json_array_unref);
  fixed = parse_array ("[" MAILBOX ("g3", "Zeta, Ltd", "zeta@contoso.com", ALL_TYPES,
                                    FULL_ADMIN, FULL_DELEGATE, FULL_OWNER) "]");
  g_assert_true (kanri_tenant_tables_upsert (kanri_store_get_db (store), KANRI_TABLE_MAILBOXES, "demo", fixed, 1, &error));
  row = kanri_tenant_tables_mailbox_row_id (kanri_store_get_db (store), "demo", "g3");
  kanri_mailbox_list_row_changed (list, row);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAG_MESSAGE_BIND);
  wait_loaded (list);
  after_fix = names (list);
  g_assert_cmpstr (after_fix, ==, "");
}

static void
test_stale_rows_deleted (void)
{
  g_autoptr(KanriStore) store = store_with_mailboxes ();
  g_autoptr(JsonArray) second_sync = NULL;
  g_autoptr(GError) error = NULL;

  second_sync = parse_array ("[" MAILBOX ("g1", "Aoki Ken", "aoki@contoso.com", ALL_TYPES,
                                          FULL_ADMIN, FULL_DELEGATE, FULL_OWNER) "]");
  g_assert_true (kanri_tenant_tables_upsert (kanri_store_get_db (store), KANRI_TABLE_MAILBOXES, "demo", second_sync, 2, &error));
  g_assert_true (kanri_tenant_tables_delete_stale (kanri_store_get_db (store), KANRI_TABLE_MAILBOXES, "demo", 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kanri_tenant_tables_count (kanri_store_get_db (store), KANRI_TABLE_MAILBOXES, "demo"), ==, 1);
}

static KanriMailbox *
mailbox_at_row (KanriStore *store,
                gint64      row)
{
  g_autoptr(sqlite3_stmt) stmt = kanri_store_prepare (store, "SELECT " KANRI_MAILBOX_COLUMNS
                                                      " FROM mailboxes WHERE rowid = ?1", NULL);

  sqlite3_bind_int64 (stmt, 1, row);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return kanri_mailbox_new_from_row (stmt);
}

static void
test_apply_set_mailbox (void)
{
  g_autoptr(KanriStore) store = store_with_mailboxes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriCmdlet) option2 = NULL;
  g_autoptr(KanriCmdlet) option1 = NULL;
  g_autoptr(KanriMailbox) after2 = NULL;
  g_autoptr(KanriMailbox) after1 = NULL;
  sqlite3 *db = kanri_store_get_db (store);
  gint64 row;

  /* Option 2 on 山田 (Delegate customised, without MailItemsAccessed). */
  option2 = kanri_cmdlet_parse ("Set-Mailbox -Identity \"YAMADA@contoso.com\" "
                                "-AuditDelegate @{Add=\"MailItemsAccessed\"}", &error);
  g_assert_no_error (error);
  row = kanri_tenant_tables_apply_set_mailbox (db, "demo", option2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row, ==, kanri_tenant_tables_mailbox_row_id (db, "demo", "g2"));
  after2 = mailbox_at_row (store, row);
  g_assert_cmpstr (kanri_mailbox_get_audit_actions (after2, KANRI_AUDIT_DELEGATE), ==,
                   "Update,MailItemsAccessed");
  g_assert_cmpstr (kanri_mailbox_get_default_audit_set (after2), ==, "Admin,Owner");
  g_assert_cmphex (kanri_mailbox_get_audit_flags (after2), ==, KANRI_AUDIT_FLAG_CUSTOMISED);

  /* Option 1 on Aoki: Owner's explicit change had taken it out; reset puts
   * it back with Microsoft's list. */
  option1 = kanri_cmdlet_parse ("Set-Mailbox -Identity \"g2\" -DefaultAuditSet Admin,Delegate,Owner",
                                &error);
  row = kanri_tenant_tables_apply_set_mailbox (db, "demo", option1, &error);
  g_assert_no_error (error);
  after1 = mailbox_at_row (store, row);
  g_assert_cmpstr (kanri_mailbox_get_default_audit_set (after1), ==, "Admin,Delegate,Owner");
  g_assert_cmpstr (kanri_mailbox_get_audit_actions (after1, KANRI_AUDIT_DELEGATE), ==,
                   "ApplyRecord,Create,HardDelete,MailItemsAccessed,MoveToDeletedItems,SendAs,"
                   "SendOnBehalf,SoftDelete,Update,UpdateFolderPermissions,UpdateInboxRules");
  g_assert_false (kanri_mailbox_get_audit_flags (after1) & KANRI_AUDIT_FLAGS_NEED_ATTENTION);

  /* A mailbox the tables do not hold: nothing to update. */
  {
    g_autoptr(KanriCmdlet) unknown = kanri_cmdlet_parse ("Set-Mailbox -Identity \"nobody\" "
                                                         "-DefaultAuditSet Admin", &error);
    g_assert_cmpint (kanri_tenant_tables_apply_set_mailbox (db, "demo", unknown, &error), ==, 0);
    g_assert_no_error (error);
  }
}

static void
test_join_list (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  g_autofree char *list = NULL;
  g_autofree char *single = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *null_value = NULL;

  json_parser_load_from_data (parser, "{\"a\":[\"x\",\"y\",3],\"b\":\"z\",\"c\":null}", -1, NULL);
  object = json_node_get_object (json_parser_get_root (parser));

  list = kanri_tenant_tables_join_list (object, "a");
  single = kanri_tenant_tables_join_list (object, "b");
  null_value = kanri_tenant_tables_join_list (object, "c");
  missing = kanri_tenant_tables_join_list (object, "d");
  g_assert_cmpstr (list, ==, "x,y");
  g_assert_cmpstr (single, ==, "z");
  g_assert_cmpstr (null_value, ==, "");
  g_assert_cmpstr (missing, ==, "");
}

typedef struct
{
  GListModel *list;
  guint       emissions;
  gboolean    replaced_in_one;
  gboolean    consistent;
} Changes;

static void
items_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->emissions++;
  changes->replaced_in_one |= removed > 0 && added > 0;
  /* The GListModel contract: the count after each change, at its
   * emission (a whole replacement: nothing follows the change). */
  changes->consistent &= g_list_model_get_n_items (list) == position + added;
}

static void
test_reload_replaces_in_one (void)
{
  g_autoptr(KanriStore) store = store_with_mailboxes ();
  g_autoptr(KanriMailboxList) list = kanri_mailbox_list_new (store, "demo");
  Changes changes = { G_LIST_MODEL (list), 0, FALSE, TRUE };

  wait_loaded (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* A new filter replaces every row in one change: a view in between
   * would see the list empty. (The GUI's slot model splits it for GTK.) */
  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAGS_NEED_ATTENTION);
  wait_loaded (list);
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_true (changes.replaced_in_one);
  g_assert_true (changes.consistent);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  g_signal_handlers_disconnect_by_func (list, items_changed_cb, &changes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mailbox-list/rows-and-flags", test_rows_and_flags);
  g_test_add_func ("/mailbox-list/filter-search-sort", test_filter_search_sort);
  g_test_add_func ("/mailbox-list/row-changed", test_row_changed_after_fix);
  g_test_add_func ("/mailbox-list/recent-filters", test_recent_filters);
  g_test_add_func ("/mailbox-list/stale-rows", test_stale_rows_deleted);
  g_test_add_func ("/mailbox-list/apply-set-mailbox", test_apply_set_mailbox);
  g_test_add_func ("/mailbox-list/join-list", test_join_list);
  g_test_add_func ("/mailbox-list/reload-replaces-in-one", test_reload_replaces_in_one);

  return g_test_run ();
}
