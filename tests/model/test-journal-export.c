/* test-journal-export.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-journal-export.h"
#include "kanri-journal.h"

static KanriStore *
store_with_operations (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kanri_store_default_path ();
  KanriStore *store = kanri_store_open (path, &error);
  KanriJournal *journal = kanri_journal_get_for_store (store);
  KanriJournalEntry done = {
    .tenant = "demo",
    .cmdlet = "Set-Mailbox",
    .powershell = "Set-Mailbox -Identity \"yamada@contoso.com\" -DefaultAuditSet Admin,Delegate,Owner",
    .summary = "Reset auditing of 山田, 太郎",
  };
  KanriJournalEntry failed = {
    .tenant = "demo",
    .cmdlet = "New-InboundConnector",
    .powershell = "New-InboundConnector -Name \"Gateway\" -ConnectorType Partner",
    .summary = "Create connector Gateway",
  };
  gint64 id;

  g_assert_no_error (error);

  id = kanri_journal_append (journal, &done, &error);
  kanri_journal_start (journal, id, &error);
  kanri_journal_settle (journal, id, KANRI_OPERATION_DONE, NULL, NULL, &error);
  id = kanri_journal_append (journal, &failed, &error);
  kanri_journal_start (journal, id, &error);
  kanri_journal_settle (journal, id, KANRI_OPERATION_FAILED,
                        "A connector named \"Gateway\" already exists", NULL, &error);
  g_assert_no_error (error);

  return store;
}

static char *
export (KanriStore               *store,
        KanriJournalExportFormat  format,
        int                       state,
        guint                    *count)
{
  g_autoptr(GError) error = NULL;
  KanriJournalFilter filter = { .state = state };
  char *text;

  text = kanri_journal_export_to_string (kanri_store_get_db (store), format, &filter, count, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_powershell (void)
{
  g_autoptr(KanriStore) store = store_with_operations ();
  g_autofree char *text = NULL;
  guint count = 0;

  text = export (store, KANRI_JOURNAL_EXPORT_POWERSHELL, KANRI_JOURNAL_ANY_STATE, &count);
  g_assert_cmpuint (count, ==, 2);

  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF# Operations exported from Kanri"));
  /* What the tenant received replays as code... */
  g_assert_nonnull (strstr (text, "\r\nSet-Mailbox -Identity \"yamada@contoso.com\" "
                                  "-DefaultAuditSet Admin,Delegate,Owner\r\n"));
  /* ...what failed is there for the reader, commented out, with its error. */
  g_assert_nonnull (strstr (text, "\r\n# New-InboundConnector -Name \"Gateway\" -ConnectorType Partner\r\n"));
  g_assert_nonnull (strstr (text, "· Failed · Create connector Gateway · A connector named"));
  g_assert_null (strstr (text, "\r\nNew-InboundConnector"));
  /* Oldest first. */
  g_assert_true (strstr (text, "Set-Mailbox") < strstr (text, "New-InboundConnector"));
}

static void
test_csv (void)
{
  g_autoptr(KanriStore) store = store_with_operations ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  text = export (store, KANRI_JOURNAL_EXPORT_CSV, KANRI_JOURNAL_ANY_STATE, NULL);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFTime,Tenant,Operation,Cmdlet,State,Attempts,Error,PowerShell\r\n"));

  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_nonnull (strstr (lines[1], ",demo,\"Reset auditing of 山田, 太郎\",Set-Mailbox,Done,1,,"
                                      "\"Set-Mailbox -Identity \"\"yamada@contoso.com\"\" "
                                      "-DefaultAuditSet Admin,Delegate,Owner\""));
  g_assert_nonnull (strstr (lines[2], ",Failed,1,\"A connector named \"\"Gateway\"\" already exists\","));
  g_assert_cmpstr (lines[3], ==, "");
}

static void
test_filter (void)
{
  g_autoptr(KanriStore) store = store_with_operations ();
  g_autofree char *text = NULL;
  guint count = 0;

  text = export (store, KANRI_JOURNAL_EXPORT_CSV, KANRI_OPERATION_FAILED, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_null (strstr (text, "Set-Mailbox"));
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  guint *count = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kanri_journal_export_finish (result, count, &error));
  g_assert_no_error (error);
}

static void
test_async_to_file (void)
{
  g_autoptr(KanriStore) store = store_with_operations ();
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "operations.ps1", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  KanriJournalFilter filter = { .state = KANRI_JOURNAL_ANY_STATE };
  guint count = G_MAXUINT;

  kanri_journal_export_async (store, KANRI_JOURNAL_EXPORT_POWERSHELL, &filter, file, NULL,
                              exported_cb, &count);
  while (count == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (count, ==, 2);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Set-Mailbox -Identity"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/journal-export/powershell", test_powershell);
  g_test_add_func ("/journal-export/csv", test_csv);
  g_test_add_func ("/journal-export/filter", test_filter);
  g_test_add_func ("/journal-export/async-to-file", test_async_to_file);

  return g_test_run ();
}
