/* test-journal.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-journal.h"

static char *
db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "kanri", "kanri.db", NULL);
}

static KanriStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_path ();
  KanriStore *store = kanri_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
append (KanriJournal *journal,
        const char   *batch,
        const char   *identity)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *powershell = g_strdup_printf ("Set-Mailbox -Identity \"%s\" "
                                                 "-DefaultAuditSet Admin,Delegate,Owner",
                                                 identity);
  g_autofree char *parameters = g_strdup_printf ("{\"Identity\":\"%s\"}", identity);
  KanriJournalEntry entry = {
    .tenant = "demo",
    .batch = batch,
    .cmdlet = "Set-Mailbox",
    .parameters = parameters,
    .powershell = powershell,
    .summary = identity,
  };
  gint64 id = kanri_journal_append (journal, &entry, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static KanriOperationState
state_of (KanriJournal *journal,
          gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriOperation) op = kanri_journal_get (journal, id, &error);

  g_assert_no_error (error);
  return kanri_operation_get_state (op);
}

static void
test_append_and_get (void)
{
  g_autoptr(KanriStore) store = open_store ();
  KanriJournal *journal = kanri_journal_get_for_store (store);
  g_autoptr(KanriOperation) op = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (journal == kanri_journal_get_for_store (store));

  id = append (journal, NULL, "user01@contoso.com");
  op = kanri_journal_get (journal, id, &error);
  g_assert_no_error (error);

  g_assert_cmpint (kanri_operation_get_id (op), ==, id);
  g_assert_cmpstr (kanri_operation_get_tenant (op), ==, "demo");
  g_assert_null (kanri_operation_get_batch (op));
  g_assert_cmpstr (kanri_operation_get_cmdlet (op), ==, "Set-Mailbox");
  g_assert_cmpstr (kanri_operation_get_parameters (op), ==, "{\"Identity\":\"user01@contoso.com\"}");
  g_assert_cmpstr (kanri_operation_get_powershell (op), ==,
                   "Set-Mailbox -Identity \"user01@contoso.com\" -DefaultAuditSet Admin,Delegate,Owner");
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_PENDING);
  g_assert_cmpuint (kanri_operation_get_attempts (op), ==, 0);
  g_assert_null (kanri_operation_get_error (op));
  g_assert_nonnull (kanri_operation_get_created (op));
}

static void
test_lifecycle_done (void)
{
  g_autoptr(KanriStore) store = open_store ();
  KanriJournal *journal = kanri_journal_get_for_store (store);
  g_autoptr(KanriOperation) op = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = append (journal, NULL, "a");

  g_assert_true (kanri_journal_start (journal, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (journal, id), ==, KANRI_OPERATION_RUNNING);

  g_assert_true (kanri_journal_settle (journal, id, KANRI_OPERATION_DONE, NULL,
                                       "{\"value\":[]}", &error));
  g_assert_no_error (error);

  op = kanri_journal_get (journal, id, &error);
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
  g_assert_cmpuint (kanri_operation_get_attempts (op), ==, 1);
  g_assert_cmpstr (kanri_operation_get_result (op), ==, "{\"value\":[]}");
}

static void
test_failed_then_retried (void)
{
  g_autoptr(KanriStore) store = open_store ();
  KanriJournal *journal = kanri_journal_get_for_store (store);
  g_autoptr(KanriOperation) failed = NULL;
  g_autoptr(KanriOperation) retried = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = append (journal, NULL, "a");

  g_assert_true (kanri_journal_start (journal, id, &error));
  g_assert_true (kanri_journal_settle (journal, id, KANRI_OPERATION_FAILED,
                                       "The operation couldn't be performed", NULL, &error));
  failed = kanri_journal_get (journal, id, &error);
  g_assert_cmpint (kanri_operation_get_state (failed), ==, KANRI_OPERATION_FAILED);
  g_assert_cmpstr (kanri_operation_get_error (failed), ==, "The operation couldn't be performed");

  /* Retrying clears the old error and counts a second attempt. */
  g_assert_true (kanri_journal_start (journal, id, &error));
  g_assert_no_error (error);
  retried = kanri_journal_get (journal, id, &error);
  g_assert_cmpint (kanri_operation_get_state (retried), ==, KANRI_OPERATION_RUNNING);
  g_assert_cmpuint (kanri_operation_get_attempts (retried), ==, 2);
  g_assert_null (kanri_operation_get_error (retried));
}

static void
test_state_machine_table (void)
{
  const struct {
    KanriOperationState from;
    KanriOperationState to;
    gboolean allowed;
  } cases[] = {
    { KANRI_OPERATION_PENDING, KANRI_OPERATION_RUNNING, TRUE },
    { KANRI_OPERATION_PENDING, KANRI_OPERATION_CANCELLED, TRUE },
    { KANRI_OPERATION_PENDING, KANRI_OPERATION_DONE, FALSE },
    { KANRI_OPERATION_PENDING, KANRI_OPERATION_FAILED, FALSE },
    { KANRI_OPERATION_PENDING, KANRI_OPERATION_INTERRUPTED, FALSE },
    { KANRI_OPERATION_RUNNING, KANRI_OPERATION_DONE, TRUE },
    { KANRI_OPERATION_RUNNING, KANRI_OPERATION_FAILED, TRUE },
    { KANRI_OPERATION_RUNNING, KANRI_OPERATION_CANCELLED, TRUE },
    { KANRI_OPERATION_RUNNING, KANRI_OPERATION_INTERRUPTED, TRUE },
    { KANRI_OPERATION_RUNNING, KANRI_OPERATION_PENDING, FALSE },
    { KANRI_OPERATION_FAILED, KANRI_OPERATION_RUNNING, TRUE },
    { KANRI_OPERATION_FAILED, KANRI_OPERATION_DONE, FALSE },
    { KANRI_OPERATION_INTERRUPTED, KANRI_OPERATION_RUNNING, TRUE },
    { KANRI_OPERATION_INTERRUPTED, KANRI_OPERATION_DONE, TRUE },
    { KANRI_OPERATION_INTERRUPTED, KANRI_OPERATION_CANCELLED, TRUE },
    { KANRI_OPERATION_DONE, KANRI_OPERATION_RUNNING, FALSE },
    { KANRI_OPERATION_DONE, KANRI_OPERATION_FAILED, FALSE },
    { KANRI_OPERATION_CANCELLED, KANRI_OPERATION_RUNNING, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (kanri_operation_state_can_become (cases[i].from, cases[i].to), ==,
                     cases[i].allowed);
}

static void
test_invalid_transitions_refused (void)
{
  g_autoptr(KanriStore) store = open_store ();
  KanriJournal *journal = kanri_journal_get_for_store (store);
  g_autoptr(GError) error = NULL;
  gint64 id = append (journal, NULL, "a");

  /* Settling what never started is a bug in the caller, reported. */
  g_assert_false (kanri_journal_settle (journal, id, KANRI_OPERATION_DONE, NULL, NULL, &error));
  g_assert_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);
  g_assert_cmpint (state_of (journal, id), ==, KANRI_OPERATION_PENDING);

  g_assert_true (kanri_journal_start (journal, id, &error));
  g_assert_true (kanri_journal_settle (journal, id, KANRI_OPERATION_DONE, NULL, NULL, &error));

  /* Done is final: not started again, not failed after the fact. */
  g_assert_false (kanri_journal_start (journal, id, &error));
  g_assert_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);
  g_assert_false (kanri_journal_settle (journal, id, KANRI_OPERATION_FAILED, "x", NULL, &error));
  g_assert_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);
  g_assert_cmpint (state_of (journal, id), ==, KANRI_OPERATION_DONE);

  g_assert_false (kanri_journal_start (journal, 999999, &error));
  g_assert_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_NOT_FOUND);
}

static void
test_running_becomes_interrupted_on_reopen (void)
{
  g_autoptr(GError) error = NULL;
  gint64 running, pending, done;

  {
    g_autoptr(KanriStore) store = open_store ();
    KanriJournal *journal = kanri_journal_get_for_store (store);

    running = append (journal, "batch-1", "a");
    pending = append (journal, "batch-1", "b");
    done = append (journal, "batch-1", "c");
    g_assert_true (kanri_journal_start (journal, running, &error));
    g_assert_true (kanri_journal_start (journal, done, &error));
    g_assert_true (kanri_journal_settle (journal, done, KANRI_OPERATION_DONE, NULL, NULL, &error));
    g_assert_no_error (error);
    /* The store goes away with "a" still running, as in a crash. */
  }

  {
    g_autoptr(KanriStore) store = open_store ();
    KanriJournal *journal = kanri_journal_get_for_store (store);

    g_assert_cmpuint (kanri_store_get_interrupted (store), ==, 1);
    g_assert_cmpint (state_of (journal, running), ==, KANRI_OPERATION_INTERRUPTED);
    g_assert_cmpint (state_of (journal, pending), ==, KANRI_OPERATION_PENDING);
    g_assert_cmpint (state_of (journal, done), ==, KANRI_OPERATION_DONE);

    /* Resuming: the service already had it, so it is done without a resend. */
    g_assert_true (kanri_journal_settle (journal, running, KANRI_OPERATION_DONE, NULL, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_live_owner_keeps_its_running_rows (void)
{
  g_autoptr(KanriStore) owner = open_store ();
  g_autoptr(KanriStore) second = NULL;
  KanriJournal *journal = kanri_journal_get_for_store (owner);
  g_autoptr(GError) error = NULL;
  gint64 id = append (journal, NULL, "a");

  g_assert_true (kanri_journal_start (journal, id, &error));

  /* Another connection (kanri-cli, say) while the app is running: it must
   * not take the app's work in progress for a crash. */
  second = open_store ();
  g_assert_false (kanri_store_owns_journal (second));
  g_assert_cmpuint (kanri_store_get_interrupted (second), ==, 0);
  g_assert_cmpint (state_of (journal, id), ==, KANRI_OPERATION_RUNNING);
}

static void
test_list_and_batch (void)
{
  g_autoptr(KanriStore) store = open_store ();
  KanriJournal *journal = kanri_journal_get_for_store (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GPtrArray) other_tenant = NULL;
  g_autofree char *batch_id = kanri_journal_new_batch_id ();
  KanriJournalEntry elsewhere = {
    .tenant = "contoso",
    .cmdlet = "Set-TransportConfig",
    .powershell = "Set-TransportConfig -MessageExpiration \"0.12:00:00\"",
  };

  append (journal, NULL, "single");
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *identity = g_strdup_printf ("user%02d", i);
      append (journal, batch_id, identity);
    }
  g_assert_cmpint (kanri_journal_append (journal, &elsewhere, &error), >, 0);

  all = kanri_journal_list (journal, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 7);
  /* Newest first. */
  g_assert_cmpstr (kanri_operation_get_tenant (g_ptr_array_index (all, 0)), ==, "contoso");

  limited = kanri_journal_list (journal, "demo", 3, &error);
  g_assert_cmpuint (limited->len, ==, 3);

  other_tenant = kanri_journal_list (journal, "contoso", 0, &error);
  g_assert_cmpuint (other_tenant->len, ==, 1);

  batch = kanri_journal_list_batch (journal, batch_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->len, ==, 5);
  /* In the order they were appended. */
  for (guint i = 0; i < batch->len; i++)
    {
      g_autofree char *identity = g_strdup_printf ("user%02u", i);
      KanriOperation *op = g_ptr_array_index (batch, i);

      g_assert_cmpstr (kanri_operation_get_summary (op), ==, identity);
      g_assert_cmpstr (kanri_operation_get_batch (op), ==, batch_id);
    }
}

static void
count_changed (KanriJournal *journal,
               gint64        id,
               guint        *count)
{
  (*count)++;
}

static void
test_changed_signal (void)
{
  g_autoptr(KanriStore) store = open_store ();
  KanriJournal *journal = kanri_journal_get_for_store (store);
  g_autoptr(GError) error = NULL;
  guint count = 0;
  gint64 id;

  g_signal_connect (journal, "changed", G_CALLBACK (count_changed), &count);

  id = append (journal, NULL, "a");
  kanri_journal_start (journal, id, &error);
  kanri_journal_settle (journal, id, KANRI_OPERATION_DONE, NULL, NULL, &error);
  g_assert_cmpuint (count, ==, 3);

  /* A refused transition changes nothing and says nothing. */
  kanri_journal_start (journal, id, NULL);
  g_assert_cmpuint (count, ==, 3);
}

static void
test_state_strings (void)
{
  for (KanriOperationState s = KANRI_OPERATION_PENDING; s <= KANRI_OPERATION_CANCELLED; s++)
    {
      KanriOperationState back;

      g_assert_true (kanri_operation_state_from_string (kanri_operation_state_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_nonnull (kanri_operation_state_to_label (s));
    }
  g_assert_false (kanri_operation_state_from_string ("exploded", &(KanriOperationState) { 0 }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/journal/append-and-get", test_append_and_get);
  g_test_add_func ("/journal/lifecycle/done", test_lifecycle_done);
  g_test_add_func ("/journal/lifecycle/failed-retried", test_failed_then_retried);
  g_test_add_func ("/journal/state-machine/table", test_state_machine_table);
  g_test_add_func ("/journal/state-machine/refused", test_invalid_transitions_refused);
  g_test_add_func ("/journal/recovery/interrupted", test_running_becomes_interrupted_on_reopen);
  g_test_add_func ("/journal/recovery/live-owner", test_live_owner_keeps_its_running_rows);
  g_test_add_func ("/journal/list-and-batch", test_list_and_batch);
  g_test_add_func ("/journal/changed-signal", test_changed_signal);
  g_test_add_func ("/journal/state-strings", test_state_strings);

  return g_test_run ();
}
