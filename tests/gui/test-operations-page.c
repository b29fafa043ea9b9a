/* test-operations-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-journal.h"
#include "kanri-operation-list.h"
#include "kanri-operations-page.h"
#include "kanri-test-gui.h"

static KanriStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  KanriStore *store = kanri_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
append (KanriStore *store,
        const char *summary,
        const char *powershell)
{
  g_autoptr(GError) error = NULL;
  KanriJournalEntry entry = {
    .tenant = "demo",
    .cmdlet = "Set-Mailbox",
    .powershell = powershell,
    .summary = summary,
  };
  gint64 id = kanri_journal_append (kanri_journal_get_for_store (store), &entry, &error);

  g_assert_no_error (error);
  return id;
}

typedef struct
{
  GtkWindow          *window;
  KanriOperationsPage *page;
  GtkListView        *view;
  GtkStack           *stack;
} Page;

static void
page_open (Page       *page,
           KanriStore *store)
{
  page->window = GTK_WINDOW (adw_window_new ());
  page->page = g_object_new (KANRI_TYPE_OPERATIONS_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (page->window), GTK_WIDGET (page->page));
  gtk_window_set_default_size (page->window, 900, 600);
  gtk_window_present (page->window);
  kanri_page_set_store (KANRI_PAGE (page->page), store);

  page->view = GTK_LIST_VIEW (kanri_test_find_by_id (GTK_WIDGET (page->page), "list_view"));
  page->stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (page->view), GTK_TYPE_STACK));
}

static guint
n_rows (Page *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (page->view)));
}

typedef struct
{
  Page  *page;
  guint  rows;
} RowsWait;

static gboolean
has_rows (gpointer data)
{
  RowsWait *wait = data;

  return n_rows (wait->page) == wait->rows;
}

static void
test_empty_then_list (void)
{
  g_autoptr(KanriStore) store = open_store ("empty.db");
  Page page;
  RowsWait wait = { &page, 1 };

  page_open (&page, store);
  kanri_test_iterate (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page.stack), ==, "empty");
  kanri_test_save_screenshot (GTK_WIDGET (page.window), "operations-empty");

  /* The journal's first operation shows at once, without a reload. */
  append (store, "Reset auditing of user01", "Set-Mailbox -Identity \"user01\"");
  g_assert_true (kanri_test_wait_for (has_rows, &wait, 2000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page.stack), ==, "list");

  gtk_window_destroy (page.window);
}

static void
test_details_and_copy (void)
{
  g_autoptr(KanriStore) store = open_store ("details.db");
  Page page;
  RowsWait wait = { &page, 2 };
  GtkSingleSelection *selection;
  GdkClipboard *clipboard;
  const char *powershell = "Set-Mailbox -Identity \"yamada@contoso.com\" "
                           "-AuditOwner @{Add=\"MailItemsAccessed\",\"Send\"}";

  append (store, "Reset auditing of user01", "Set-Mailbox -Identity \"user01\"");
  append (store, "Add MailItemsAccessed to 山田 太郎", powershell);

  page_open (&page, store);
  g_assert_true (kanri_test_wait_for (has_rows, &wait, 2000));

  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (page.view));
  gtk_single_selection_set_selected (selection, 0);
  kanri_test_iterate (300);

  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (page.page), GTK_TYPE_LABEL, powershell));
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (page.page), GTK_TYPE_LABEL,
                                           "Add MailItemsAccessed to 山田 太郎"));
  kanri_test_save_screenshot (GTK_WIDGET (page.window), "operations-details");

  gtk_widget_activate_action (GTK_WIDGET (page.page), "operations.copy-powershell", NULL);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (page.page));
  g_assert_true (gdk_clipboard_is_local (clipboard));
  {
    GValue text = G_VALUE_INIT;

    g_value_init (&text, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &text, NULL));
    g_assert_cmpstr (g_value_get_string (&text), ==, powershell);
    g_value_unset (&text);
  }

  gtk_window_destroy (page.window);
}

static void
test_state_filter (void)
{
  g_autoptr(KanriStore) store = open_store ("filter.db");
  KanriJournal *journal = kanri_journal_get_for_store (store);
  Page page;
  RowsWait wait = { &page, 3 };
  GtkDropDown *dropdown;
  gint64 failed;

  append (store, "one", "Set-Mailbox -Identity \"1\"");
  failed = append (store, "two", "Set-Mailbox -Identity \"2\"");
  append (store, "three", "Set-Mailbox -Identity \"3\"");
  kanri_journal_start (journal, failed, NULL);
  kanri_journal_settle (journal, failed, KANRI_OPERATION_FAILED, "Throttled", NULL, NULL);

  page_open (&page, store);
  g_assert_true (kanri_test_wait_for (has_rows, &wait, 2000));

  dropdown = GTK_DROP_DOWN (kanri_test_find_child (GTK_WIDGET (page.page), GTK_TYPE_DROP_DOWN, NULL));
  gtk_drop_down_set_selected (dropdown, 1 + KANRI_OPERATION_FAILED);
  wait.rows = 1;
  g_assert_true (kanri_test_wait_for (has_rows, &wait, 2000));

  gtk_drop_down_set_selected (dropdown, 1 + KANRI_OPERATION_CANCELLED);
  wait.rows = 0;
  g_assert_true (kanri_test_wait_for (has_rows, &wait, 2000));
  kanri_test_iterate (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page.stack), ==, "empty");
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (page.page), ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (kanri_test_find_child (GTK_WIDGET (page.page),
                                                                                        ADW_TYPE_STATUS_PAGE, NULL))),
                   ==, "No Matching Operations");

  gtk_window_destroy (page.window);
}

typedef struct
{
  Page       *page;
  const char *text;
} LabelWait;

static gboolean
has_label (gpointer data)
{
  LabelWait *wait = data;
  GtkWidget *label = kanri_test_find_child (GTK_WIDGET (wait->page->view), GTK_TYPE_LABEL, wait->text);

  return label != NULL && gtk_widget_get_visible (label);
}

/* A running operation's row says what it waits for, as a warning; when it
 * fails, the row's text is the error. */
static void
test_waiting_note (void)
{
  g_autoptr(KanriStore) store = open_store ("note.db");
  KanriJournal *journal = kanri_journal_get_for_store (store);
  const char *note = "Throttled by the service: retrying in 30 s (attempt 2 of 5)";
  const char *failure = "Throttled for too long";
  Page page;
  LabelWait wait = { &page, note };
  GtkWidget *label;
  gint64 id;

  id = append (store, "one", "Set-Mailbox -Identity \"1\"");
  g_assert_true (kanri_journal_start (journal, id, NULL));
  page_open (&page, store);

  g_assert_true (kanri_journal_note (journal, id, note, NULL));
  g_assert_true (kanri_test_wait_for (has_label, &wait, 2000));
  label = kanri_test_find_child (GTK_WIDGET (page.view), GTK_TYPE_LABEL, note);
  g_assert_true (gtk_widget_has_css_class (label, "warning"));
  g_assert_false (gtk_widget_has_css_class (label, "error"));
  kanri_test_save_screenshot (GTK_WIDGET (page.window), "operations-waiting");

  g_assert_true (kanri_journal_settle (journal, id, KANRI_OPERATION_FAILED, failure, NULL, NULL));
  wait.text = failure;
  g_assert_true (kanri_test_wait_for (has_label, &wait, 2000));
  label = kanri_test_find_child (GTK_WIDGET (page.view), GTK_TYPE_LABEL, failure);
  g_assert_true (gtk_widget_has_css_class (label, "error"));

  /* A note on a row no longer running changes nothing. */
  g_assert_true (kanri_journal_note (journal, id, note, NULL));
  {
    g_autoptr(KanriOperation) op = kanri_journal_get (journal, id, NULL);

    g_assert_cmpstr (kanri_operation_get_error (op), ==, failure);
  }

  gtk_window_destroy (page.window);
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

  g_test_add_func ("/operations-page/empty-then-list", test_empty_then_list);
  g_test_add_func ("/operations-page/details-and-copy", test_details_and_copy);
  g_test_add_func ("/operations-page/state-filter", test_state_filter);
  g_test_add_func ("/operations-page/waiting-note", test_waiting_note);

  return g_test_run ();
}
