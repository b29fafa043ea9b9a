/* test-operation-list.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-operation-list.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} Change;

static KanriStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kanri_store_default_path ();
  KanriStore *store = kanri_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
append (KanriStore *store,
        const char *tenant,
        const char *summary)
{
  g_autoptr(GError) error = NULL;
  KanriJournalEntry entry = {
    .tenant = tenant,
    .cmdlet = "Set-Mailbox",
    .powershell = "Set-Mailbox -Identity \"x\"",
    .summary = summary,
  };
  gint64 id = kanri_journal_append (kanri_journal_get_for_store (store), &entry, &error);

  g_assert_no_error (error);
  return id;
}

static void
wait_loaded (KanriOperationList *list)
{
  while (kanri_operation_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

static gint64
id_at (KanriOperationList *list,
       guint               position)
{
  g_autoptr(KanriOperation) op = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (op);
  return kanri_operation_get_id (op);
}

static void
test_newest_first_and_follows_journal (void)
{
  g_autoptr(KanriStore) store = open_store ();
  g_autoptr(KanriOperationList) list = NULL;
  Change change = { 0 };
  gint64 first, second, third;

  first = append (store, "demo", "one");
  second = append (store, "demo", "two");

  list = kanri_operation_list_new (store);
  g_assert_true (kanri_operation_list_get_loading (list));
  wait_loaded (list);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == KANRI_TYPE_OPERATION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpint (id_at (list, 0), ==, second);
  g_assert_cmpint (id_at (list, 1), ==, first);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2));

  g_signal_connect (list, "items-changed", G_CALLBACK (record_change), &change);

  /* A new operation comes in on top, without a reload. */
  third = append (store, "demo", "three");
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpint (id_at (list, 0), ==, third);

  /* A change of state replaces that one row, and the new state shows. */
  g_assert_true (kanri_journal_start (kanri_journal_get_for_store (store), first, NULL));
  g_assert_cmpuint (change.count, ==, 2);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  {
    g_autoptr(KanriOperation) op = g_list_model_get_item (G_LIST_MODEL (list), 2);
    g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_RUNNING);
  }
}

static void
test_state_filter (void)
{
  g_autoptr(KanriStore) store = open_store ();
  g_autoptr(KanriOperationList) list = NULL;
  KanriJournal *journal = kanri_journal_get_for_store (store);
  gint64 a, b;

  a = append (store, "demo", "a");
  b = append (store, "demo", "b");
  append (store, "demo", "c");

  list = kanri_operation_list_new (store);
  kanri_operation_list_set_state (list, KANRI_OPERATION_FAILED);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* Rows join the filtered list when they reach its state... */
  kanri_journal_start (journal, a, NULL);
  kanri_journal_settle (journal, a, KANRI_OPERATION_FAILED, "Throttled", NULL, NULL);
  kanri_journal_start (journal, b, NULL);
  kanri_journal_settle (journal, b, KANRI_OPERATION_FAILED, "Throttled", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpint (id_at (list, 0), ==, b);

  /* ...and leave it when they move on (a retry). */
  kanri_journal_start (journal, b, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (id_at (list, 0), ==, a);

  kanri_operation_list_set_state (list, KANRI_JOURNAL_ANY_STATE);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

static void
test_tenant_and_search (void)
{
  g_autoptr(KanriStore) store = open_store ();
  g_autoptr(KanriOperationList) list = NULL;

  append (store, "demo", "Fix auditing of User01");
  append (store, "contoso", "Fix auditing of 山田 太郎");
  append (store, "contoso", "New connector GATEWAY");

  list = kanri_operation_list_new (store);
  kanri_operation_list_set_tenant (list, "contoso");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  kanri_operation_list_set_search (list, "gateway");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  kanri_operation_list_set_search (list, "山田");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* A new row that does not match stays out. */
  append (store, "contoso", "Something else");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  kanri_operation_list_set_tenant (list, NULL);
  kanri_operation_list_set_search (list, "FIX AUDITING");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
}

static void
test_many_rows (void)
{
  g_autoptr(KanriStore) store = open_store ();
  g_autoptr(KanriOperationList) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kanri_store_exec (store, "BEGIN", &error));
  for (int i = 0; i < 20000; i++)
    {
      g_autofree char *summary = g_strdup_printf ("mailbox %05d", i);
      append (store, "demo", summary);
    }
  g_assert_true (kanri_store_exec (store, "COMMIT", &error));

  list = kanri_operation_list_new (store);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 20000);

  /* Any row on demand, in order, past the cache's size. */
  for (guint position = 0; position < 20000; position += 997)
    {
      g_autoptr(KanriOperation) op = g_list_model_get_item (G_LIST_MODEL (list), position);
      g_autofree char *expected = g_strdup_printf ("mailbox %05u", 19999 - position);

      g_assert_cmpstr (kanri_operation_get_summary (op), ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/operation-list/newest-first", test_newest_first_and_follows_journal);
  g_test_add_func ("/operation-list/state-filter", test_state_filter);
  g_test_add_func ("/operation-list/tenant-and-search", test_tenant_and_search);
  g_test_add_func ("/operation-list/many-rows", test_many_rows);

  return g_test_run ();
}
