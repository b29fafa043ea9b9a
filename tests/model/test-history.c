/* test-history.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-history.h"

static KanriStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "kanri", "kanri.db", NULL);
  KanriStore *store = kanri_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_add_list_get (void)
{
  g_autoptr(KanriStore) store = open_store ();
  KanriHistory *history = kanri_history_get_for_store (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *report = NULL;
  gint64 first, second;

  first = kanri_history_add (history, "inbound.eml", "Quarterly report", "{\"cip\":\"1\"}", &error);
  second = kanri_history_add (history, "Pasted text", "件名", "{\"cip\":\"2\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);
  g_assert_cmpint (kanri_history_count (history, &error), ==, 2);

  items = kanri_history_list (history, 0, &error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (((KanriHistoryItem *)items->pdata[0])->subject, ==, "件名");
  g_assert_cmpstr (((KanriHistoryItem *)items->pdata[1])->source, ==, "inbound.eml");

  report = kanri_history_get_report (history, first, &error);
  g_assert_cmpstr (report, ==, "{\"cip\":\"1\"}");
}

static void
test_clear_leaves_no_trace (void)
{
  g_autoptr(KanriStore) store = open_store ();
  KanriHistory *history = kanri_history_get_for_store (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *wal_contents = NULL;
  g_autofree char *wal = g_strconcat (kanri_store_get_path (store), "-wal", NULL);
  gsize len = 0, wal_len = 0;
  const char *secret = "X-Secret-Marker-5b1e7c";
  gint64 id;

  /* As in an SQLite built without SQLITE_SECURE_DELETE (Debian's has it). */
  g_assert_true (kanri_store_exec (store, "PRAGMA secure_delete = OFF", &error));

  /* Enough rows, over several pages, that deleting them frees cells and
   * pages rather than emptying a single one. */
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *report = g_strdup_printf ("{\"subject\":\"%s %d\",\"pad\":\"%0200d\"}",
                                                 secret, i, i);
      id = kanri_history_add (history, "a.eml", secret, report, &error);
      g_assert_no_error (error);
    }
  g_assert_true (kanri_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));

  g_assert_true (kanri_history_clear (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kanri_history_count (history, &error), ==, 0);

  g_assert_null (kanri_history_get_report (history, id, &error));
  g_assert_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_NOT_FOUND);

  /* Neither the database nor its log still holds the subject. */
  g_assert_true (g_file_get_contents (kanri_store_get_path (store), &contents, &len, NULL));
  g_assert_nonnull (contents);
  g_assert_null (memmem (contents, len, secret, strlen (secret)));
  if (g_file_get_contents (wal, &wal_contents, &wal_len, NULL))
    g_assert_null (memmem (wal_contents, wal_len, secret, strlen (secret)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/history/add-list-get", test_add_list_get);
  g_test_add_func ("/history/clear", test_clear_leaves_no_trace);

  return g_test_run ();
}
