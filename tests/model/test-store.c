/* test-store.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "kanri-migrations.h"
#include "kanri-store.h"

static char *
temp_db_path (void)
{
  /* G_TEST_OPTION_ISOLATE_DIRS gives each test its own data folder. */
  return g_build_filename (g_get_user_data_dir (), "kanri", "kanri.db", NULL);
}

static int
query_int (KanriStore *store,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = kanri_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static char *
query_text (KanriStore *store,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = kanri_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

static void
test_default_path (void)
{
  g_autofree char *path = kanri_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "kanri", "kanri.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_open_creates_private_wal_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autofree char *path = temp_db_path ();
  g_autofree char *mode = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  store = kanri_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  mode = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA busy_timeout"), >=, 1000);
  g_assert_cmpint (kanri_store_get_schema_version (store), ==, kanri_migrations_latest ());
  g_assert_true (kanri_store_owns_journal (store));
}

static void
test_open_tightens_loose_mode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  store = kanri_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
write_database_at_version (const char *path,
                           int         version)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_newer_database_refused_untouched (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autofree char *path = temp_db_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize before_len, after_len;

  write_database_at_version (path, kanri_migrations_latest () + 1);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = kanri_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Kanri"));

  /* Byte for byte as it was, and not switched to WAL. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_not_a_database_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *after = NULL;
  const char *junk = "This is not SQLite at all, but a text file of some length......";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, junk, -1, NULL));

  store = kanri_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_NOT_A_DATABASE);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, junk);
}

static void
test_unwritable_folder_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "kanri.db", NULL);

  /* A file where the folder should be: fails for root too. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));

  store = kanri_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, blocker));
}

/* Rows a database of each schema version may hold, to check that every later
 * migration keeps them. Index N is what a version-N database gets. */
static const char *const fixtures[] = {
  [1] = "INSERT INTO operations (tenant, cmdlet, powershell, state, created_at, updated_at) "
        "VALUES ('demo', 'Set-Mailbox', 'Set-Mailbox -Identity \"a\"', 'done', 1, 1)",
  [2] = "INSERT INTO analyses (created_at, source, subject, report) "
        "VALUES (1, 'a.eml', 'Hello', '{}')",
  [3] = "INSERT INTO tenants (id, name, kind, created_at) VALUES ('demo', 'Demo', 'demo', 1);"
        "INSERT INTO mailboxes (tenant, guid, display_name) VALUES ('demo', 'g1', 'User 01')",
  [4] = "INSERT INTO recoverable_queries (tenant, mailbox, filter, fetched_at) "
        "VALUES ('demo', 'user01@contoso.com', '{}', 1);"
        "INSERT INTO recoverable_items (query, entry_id, subject) VALUES (1, 'E1', 'Hello')",
  [5] = "INSERT INTO mailboxes (tenant, guid, display_name, audit_flags) VALUES ('demo', 'g2', 'User 02', 2)",
  [6] = "INSERT INTO organization_config (tenant, audit_disabled, synced_at) VALUES ('demo', 1, 1);"
        "INSERT INTO audit_bypass (tenant, guid, name) VALUES ('demo', 'g3', 'svc-backup');"
        "INSERT INTO mailboxes (tenant, guid, display_name, audit_enabled) VALUES ('demo', 'g4', 'User 04', 0)",
  [7] = "UPDATE tenants SET audit_bypass_error = 'refused' WHERE id = 'demo';"
        "INSERT INTO audit_bypass (tenant, guid, name, identity) VALUES ('demo', 'g5', 'svc-scan', 'svc-scan')",
  [8] = "INSERT INTO batch_runs (id, paths, started) VALUES (1, '/tmp/a.mbox', 1);"
        "INSERT INTO batch_messages (run, seq, path, number, cip) VALUES (1, 0, '/tmp/a.mbox', 0, '203.0.113.10')",
  [9] = "INSERT INTO batch_messages (run, seq, path, number, sender, search_key)"
        " VALUES (1, 1, '/tmp/a.mbox', 1, 'Sales@Fabrikam.example', 'sales@fabrikam.example    /tmp/a.mbox')",
};

static void
test_migrate_from_every_version (void)
{
  int latest = kanri_migrations_latest ();

  g_assert_cmpint (G_N_ELEMENTS (fixtures), ==, latest + 1);

  for (int from = 0; from <= latest; from++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriStore) store = NULL;
      g_autofree char *name = g_strdup_printf ("from-%d.db", from);
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
      sqlite3 *db = NULL;

      g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_true (kanri_migrations_migrate (db, from, &error));
      g_assert_no_error (error);
      for (int v = 1; v <= from; v++)
        g_assert_cmpint (sqlite3_exec (db, fixtures[v], NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = kanri_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (kanri_store_get_schema_version (store), ==, latest);

      /* What the old version held is still there. */
      if (from >= 1)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM operations"), ==, 1);
      if (from >= 2)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM analyses"), ==, 1);
      if (from >= 3)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM mailboxes"), ==, from >= 6 ? 3 : from >= 5 ? 2 : 1);
      /* Mailboxes synced before AuditEnabled was kept count as enabled
       * until the next sync. */
      if (from >= 3)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM mailboxes WHERE audit_enabled = 0"), ==,
                         from >= 6 ? 1 : 0);
      if (from >= 6)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_bypass JOIN organization_config "
                                           "USING (tenant) WHERE audit_disabled = 1"), ==,
                         from >= 7 ? 2 : 1);
      /* Accounts kept before their Identity was have none until the
       * next sync; a sync before the refusal was kept read them all. */
      if (from >= 6)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_bypass WHERE identity = ''"), ==, 1);
      if (from >= 3)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM tenants WHERE audit_bypass_error IS NOT NULL"),
                         ==, from >= 7 ? 1 : 0);
      if (from >= 4)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM recoverable_items"), ==, 1);
      if (from >= 5)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM mailboxes WHERE (audit_flags & 15) != 0"), ==, 1);
      if (from >= 8)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM batch_messages JOIN batch_runs ON run = id"), ==,
                         from >= 9 ? 2 : 1);
      /* A batch kept before the search key has it from the migration. */
      if (from == 8)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM batch_messages"
                                           " WHERE search_key = '  203.0.113.10  /tmp/a.mbox'"), ==, 1);

      /* And the tables of the latest version work. */
      g_assert_true (kanri_store_exec (store,
                                       "INSERT INTO analyses (created_at, source, report) "
                                       "VALUES (2, 'b.eml', '{}')", &error));
      g_assert_no_error (error);
    }
}

static void
test_migration_is_idempotent (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_db_path ();

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(KanriStore) store = kanri_store_open (path, &error);

      g_assert_no_error (error);
      g_assert_cmpint (kanri_store_get_schema_version (store), ==, kanri_migrations_latest ());
    }
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KanriStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = kanri_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (void)
{
  g_autoptr(KanriStore) store = NULL;
  g_autofree char *path = temp_db_path ();

  kanri_store_open_async (path, NULL, opened_cb, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (kanri_store_get_path (store), ==, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/open/private-wal", test_open_creates_private_wal_database);
  g_test_add_func ("/store/open/tightens-mode", test_open_tightens_loose_mode);
  g_test_add_func ("/store/open/async", test_open_async);
  g_test_add_func ("/store/refuse/newer", test_newer_database_refused_untouched);
  g_test_add_func ("/store/refuse/not-a-database", test_not_a_database_refused);
  g_test_add_func ("/store/refuse/unwritable", test_unwritable_folder_error);
  g_test_add_func ("/store/migrate/every-version", test_migrate_from_every_version);
  g_test_add_func ("/store/migrate/idempotent", test_migration_is_idempotent);

  return g_test_run ();
}
