/* test-batch-view.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kanri-analyzer-page.h"
#include "kanri-batch-runs-group.h"
#include "kanri-batch-view.h"
#include "kanri-enhanced-filtering-wizard.h"
#include "kanri-share-bar.h"
#include "kanri-test-gui.h"
#include "kanri-test-tenant.h"
#include "kanri-verdict-chart.h"

/* The Header Analyzer's batch analysis on the demo tenant: a folder and an
 * mbox dropped on the page, the progress, the summary (findings with the
 * wizard a click away, verdicts over time, top CIPs and domains), the
 * table's filters, a message opened from the table, a run opened again,
 * cancelled, removed, and a path that is not there. */

#define GATEWAY_COPIES 30

typedef struct
{
  KanriTestTenant    tenant;
  char              *dir;
  char              *mbox;
  char              *maildir;
  GtkWindow         *window;
  KanriAnalyzerPage *page;
  KanriBatchView    *view;
} Fixture;

static char *
sample_text (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* @copies messages through the gateway without enhanced filtering (each
 * its own Message-ID), then one with it, one from another day, and the
 * first again (a duplicate). */
static char *
write_mbox (const char *dir,
            const char *name,
            guint       copies)
{
  g_autofree char *gateway = sample_text ("gateway-no-ef.eml");
  g_autofree char *filtered = sample_text ("enhanced-filtering.eml");
  g_autofree char *skewed = sample_text ("clock-skew.eml");
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autofree char *first = NULL;
  char *path = g_build_filename (dir, name, NULL);

  for (guint i = 0; i < copies; i++)
    {
      g_autoptr(GString) text = g_string_new (gateway);
      g_autofree char *id = g_strdup_printf ("Message-ID: <wave-%u@fabrikam.example>\n", i);

      g_string_replace (text, "Message-ID: <", "X-Was-Message-ID: <", 1);
      g_string_prepend (text, id);
      if (i == 0)
        first = g_strdup (text->str);
      g_string_append_printf (mbox, "From a@example.com Mon Dec  7 10:00:00 2026\n%s\n", text->str);
    }
  g_string_append_printf (mbox, "From a@example.com Mon Dec  7 10:00:00 2026\n%s\n", filtered);
  g_string_append_printf (mbox, "From a@example.com Mon Dec  7 10:00:00 2026\n%s\n", skewed);
  g_string_append_printf (mbox, "From a@example.com Mon Dec  7 10:00:00 2026\n%s\n", first);
  g_assert_true (g_file_set_contents (path, mbox->str, -1, NULL));

  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *cur = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *japanese = sample_text ("japanese-iso2022jp.eml");
  g_autofree char *message = NULL;

  kanri_test_tenant_open (&fixture->tenant, data);
  kanri_test_tenant_sync (&fixture->tenant);

  fixture->dir = g_dir_make_tmp ("kanri-batch-view-XXXXXX", NULL);
  fixture->mbox = write_mbox (fixture->dir, "wave.mbox", GATEWAY_COPIES);
  /* A Maildir: cur/ is read, tmp/ (still being written) is not. */
  fixture->maildir = g_build_filename (fixture->dir, "Maildir", NULL);
  cur = g_build_filename (fixture->maildir, "cur", NULL);
  tmp = g_build_filename (fixture->maildir, "tmp", NULL);
  g_assert_cmpint (g_mkdir_with_parents (cur, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (tmp, 0700), ==, 0);
  message = g_build_filename (cur, "1715560200.M1.host:2,S", NULL);
  g_assert_true (g_file_set_contents (message, japanese, -1, NULL));
  g_free (message);
  message = g_build_filename (tmp, "1715560300.M2.host", NULL);
  g_assert_true (g_file_set_contents (message, japanese, -1, NULL));

  fixture->window = GTK_WINDOW (adw_window_new ());
  fixture->page = g_object_new (KANRI_TYPE_ANALYZER_PAGE, NULL);
  kanri_analyzer_page_set_resolver (fixture->page, NULL);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 1100, 900);
  gtk_window_present (fixture->window);
  kanri_page_set_store (KANRI_PAGE (fixture->page), fixture->tenant.store);
  kanri_page_set_tenant (KANRI_PAGE (fixture->page), fixture->tenant.tenant);
  fixture->view = kanri_analyzer_page_get_batch_view (fixture->page);
  kanri_test_iterate (100);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  kanri_test_iterate (50);

  kanri_test_tenant_close (&fixture->tenant, data);
  kanri_test_tenant_remove_files ();

  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->mbox);
  g_free (fixture->maildir);
}

static gboolean
batch_settled (gpointer data)
{
  Fixture *fixture = data;
  KanriBatchMessageList *messages = kanri_batch_view_get_messages (fixture->view);

  return !kanri_analyzer_page_get_sorting (fixture->page) &&
         !kanri_batch_view_get_running (fixture->view) &&
         !kanri_batch_view_get_summary_loading (fixture->view) &&
         kanri_batch_view_get_summary (fixture->view) != NULL &&
         messages != NULL && !kanri_batch_message_list_get_loading (messages);
}

static void
wait_settled (Fixture *fixture)
{
  g_assert_true (kanri_test_wait_for (batch_settled, fixture, 30000));
  kanri_test_iterate (100);
}

static void
drop (Fixture           *fixture,
      const char *const *paths)
{
  g_autoptr(GSList) files = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (g_steal_pointer (&files), g_object_unref);

  g_assert_true (kanri_analyzer_page_add_value (fixture->page, &value));
}

static void
drop_and_wait (Fixture *fixture)
{
  const char *paths[] = { fixture->mbox, fixture->maildir, NULL };

  drop (fixture, paths);
  wait_settled (fixture);
}

static GtkWidget *
find_row (Fixture    *fixture,
          const char *title)
{
  GtkWidget *row = kanri_test_find_child (GTK_WIDGET (fixture->view), ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  return row;
}

/* A finding's row, by its title. */
static GtkWidget *
find_finding (Fixture    *fixture,
              const char *title)
{
  GtkWidget *label = kanri_test_find_child (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, title);

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
}

static GtkWidget *
finding_message (GtkWidget *row)
{
  GtkWidget *title = kanri_test_find_child (row, GTK_TYPE_LABEL, NULL);

  /* The grid's labels: the title, then the message. */
  return gtk_widget_get_next_sibling (title);
}

static void
press (GtkWidget  *within,
       const char *label)
{
  GtkWidget *button = gtk_widget_get_ancestor (kanri_test_find_child (within, GTK_TYPE_LABEL, label),
                                               GTK_TYPE_BUTTON);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
  /* A button shows itself pressed for a moment before it is clicked. */
  kanri_test_iterate (400);
}

static void
wait_list (Fixture *fixture)
{
  KanriBatchMessageList *messages = kanri_batch_view_get_messages (fixture->view);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (kanri_batch_message_list_get_loading (messages) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (kanri_batch_message_list_get_loading (messages));
  kanri_test_iterate (50);
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  const KanriBatchSummary *summary;
  KanriBatchMessageList *messages;
  GtkWidget *row;
  GtkWidget *bar;
  GtkWidget *chart;
  g_autofree char *title = g_strdup_printf ("%u messages arrived through 203.0.113.10 without enhanced filtering",
                                            GATEWAY_COPIES);
  g_autofree char *bar_text = NULL;

  drop_and_wait (fixture);
  g_assert_true (kanri_analyzer_page_get_showing_batch (fixture->page));
  /* The inputs stay as they were: a batch is not an input. */
  g_assert_cmpuint (g_list_model_get_n_items (kanri_analyzer_page_get_inputs (fixture->page)), ==, 0);

  /* 30 + 2 + the duplicate from the mbox, one message from the Maildir's
   * cur/ (its tmp/ is skipped). */
  summary = kanri_batch_view_get_summary (fixture->view);
  g_assert_cmpuint (summary->run->messages, ==, GATEWAY_COPIES + 4);
  g_assert_cmpuint (summary->run->duplicates, ==, 1);

  /* The finding across messages names the connector and leads to it. */
  row = find_finding (fixture, title);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (finding_message (row))), "“Fabrikam Mail Gateway”"));
  g_assert_nonnull (find_finding (fixture, "30 messages are spam"));

  /* Top CIPs: the gateway, its count, its connector; its bar is the
   * longest and mostly orange (without enhanced filtering). */
  row = find_row (fixture, "203.0.113.10");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "31 messages"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Gateway or relay"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "connector “Fabrikam Mail Gateway”"));
  bar = kanri_test_find_child (row, KANRI_TYPE_SHARE_BAR, NULL);
  g_assert_nonnull (bar);
  g_assert_cmpfloat (kanri_share_bar_get_fraction (KANRI_SHARE_BAR (bar)), ==, 1.0);

  /* Top sending domains with their DMARC outcome. */
  row = find_row (fixture, "fabrikam.example");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "32 messages · DMARC: 2 passed, 30 failed, 0 neither");

  /* Verdicts over time: 7 to 13 May 2024, a column a day, the wave on the
   * first; its tooltip's words. */
  chart = kanri_test_find_child (GTK_WIDGET (fixture->view), KANRI_TYPE_VERDICT_CHART, NULL);
  g_assert_nonnull (chart);
  g_assert_cmpuint (kanri_verdict_chart_get_n_bars (KANRI_VERDICT_CHART (chart)), ==, 7);
  g_assert_cmpuint (kanri_verdict_chart_get_bucket_days (KANRI_VERDICT_CHART (chart)), ==, 1);
  bar_text = kanri_verdict_chart_describe_bar (KANRI_VERDICT_CHART (chart), 0);
  g_assert_true (g_str_has_suffix (bar_text, ": 1 clean, 0 failed authentication, 30 spam"));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "batch-summary");

  /* The table: every message but the duplicate, with its connector. */
  messages = kanri_batch_view_get_messages (fixture->view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, GATEWAY_COPIES + 3);
  g_assert_cmpstr (kanri_batch_view_get_connector_for (fixture->view, "203.0.113.10"), ==, "Fabrikam Mail Gateway");
  g_assert_null (kanri_batch_view_get_connector_for (fixture->view, "40.107.74.60"));
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->view), GTK_TYPE_TOGGLE_BUTTON, "Spam (30)"));
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->view), GTK_TYPE_TOGGLE_BUTTON, "Duplicates (1)"));

  /* "Show Messages" on the finding: the gateway's messages without
   * enhanced filtering, in the table. */
  press (find_finding (fixture, title), "Show _Messages");
  wait_list (fixture);
  g_assert_cmpstr (kanri_batch_message_list_get_cip (messages), ==, "203.0.113.10");
  g_assert_cmpint (kanri_batch_message_list_get_filter (messages), ==, KANRI_BATCH_FILTER_NO_ENHANCED_FILTERING);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, GATEWAY_COPIES);
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, "Only CIP 203.0.113.10"));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "batch-messages");

  /* The search narrows it in SQL; clearing the CIP widens it again. */
  gtk_editable_set_text (GTK_EDITABLE (kanri_test_find_child (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY, NULL)),
                         "wave-1@");
  kanri_test_iterate (300);
  wait_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "batch.clear-cip", NULL));
  gtk_editable_set_text (GTK_EDITABLE (kanri_test_find_child (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY, NULL)),
                         "");
  kanri_test_iterate (300);
  wait_list (fixture);
  g_assert_null (kanri_batch_message_list_get_cip (messages));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, GATEWAY_COPIES);

  /* A CIP's row of the summary shows its messages. */
  gtk_widget_activate (find_row (fixture, "203.0.113.10"));
  kanri_test_iterate (100);
  wait_list (fixture);
  g_assert_cmpstr (kanri_batch_message_list_get_cip (messages), ==, "203.0.113.10");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, GATEWAY_COPIES + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "batch.clear-cip", NULL));

  /* The header sorts, in SQL: by date, newest first, the Japanese
   * message of 13 May leads the whole table. */
  kanri_batch_message_list_set_filter (messages, KANRI_BATCH_FILTER_ALL);
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (kanri_test_find_child (GTK_WIDGET (fixture->view),
                                                                  GTK_TYPE_COLUMN_VIEW, NULL));
    GListModel *columns = gtk_column_view_get_columns (view);
    g_autoptr(KanriBatchMessage) first = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        if (g_strcmp0 (gtk_column_view_column_get_title (column), "Date") == 0)
          gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
      }
    kanri_test_iterate (100);
    wait_list (fixture);
    first = g_list_model_get_item (G_LIST_MODEL (messages), 0);
    g_assert_cmpstr (kanri_batch_message_get_text (first, KANRI_BATCH_FIELD_MESSAGE_ID), ==,
                     "<jp-iso2022-1@fabrikam.example>");
  }
}

static KanriWizard *
find_wizard (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  KanriWizard *wizard = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (KANRI_IS_ENHANCED_FILTERING_WIZARD (l->data))
        wizard = l->data;
    }
  g_list_free (toplevels);

  return wizard;
}

/* "Set Up Enhanced Filtering…" on the finding: the wizard, on the
 * connector whose addresses are the gateway's. */
static void
test_finding_opens_wizard (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *title = g_strdup_printf ("%u messages arrived through 203.0.113.10 without enhanced filtering",
                                            GATEWAY_COPIES);
  KanriWizard *wizard;

  drop_and_wait (fixture);
  g_assert_null (find_wizard ());
  press (find_finding (fixture, title), "Set Up _Enhanced Filtering…");
  kanri_test_iterate (300);
  wizard = find_wizard ();
  g_assert_nonnull (wizard);
  /* The connector is chosen: the wizard starts at what to skip. */
  g_assert_cmpuint (kanri_wizard_get_step (wizard), ==, KANRI_ENHANCED_FILTERING_WIZARD_STEP_SKIP);
}

static gboolean
has_progress (gpointer data)
{
  GtkWidget *label = kanri_test_find_by_id (data, "progress_label");

  /* The rate is told once messages are analysed. */
  return label != NULL && strstr (gtk_label_get_label (GTK_LABEL (label)), "messages per second") != NULL;
}

/* While it runs: the count, and Cancel, which keeps what is done. */
static void
test_progress_and_cancel (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *big = write_mbox (fixture->dir, "big.mbox", 20000);
  const char *paths[] = { big, big, big, big, big, NULL };
  KanriBatchMessageList *messages;
  const KanriBatchSummary *summary;
  GtkWidget *label;

  drop (fixture, paths);
  g_assert_true (kanri_test_wait_for ((gboolean (*) (gpointer))kanri_batch_view_get_running, fixture->view, 10000));
  g_assert_true (gtk_widget_get_visible (kanri_test_find_by_id (GTK_WIDGET (fixture->view), "progress_box")));
  g_assert_true (kanri_test_wait_for (has_progress, fixture->view, 30000));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "batch-progress");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "batch.cancel", NULL));
  wait_settled (fixture);

  summary = kanri_batch_view_get_summary (fixture->view);
  g_assert_true (summary->run->cancelled);
  g_assert_cmpuint (summary->run->messages, <, 5 * 20003);
  label = kanri_test_find_by_id (GTK_WIDGET (fixture->view), "run_label");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "cancelled: the messages analyzed until then are kept"));
  g_assert_false (gtk_widget_get_visible (kanri_test_find_by_id (GTK_WIDGET (fixture->view), "progress_box")));

  /* What was done is kept, and shown. */
  messages = kanri_batch_view_get_messages (fixture->view);
  g_assert_cmpuint (summary->run->messages, >, 0);
  g_assert_cmpuint (kanri_batch_message_list_count (messages, KANRI_BATCH_FILTER_ALL) +
                    kanri_batch_message_list_count (messages, KANRI_BATCH_FILTER_DUPLICATES), ==,
                    summary->run->messages);
}

/* Closed, the run is listed on the start page; opened again, it shows at
 * once, without reading the files. Removed, it is gone. */
static void
test_reopen_and_forget (Fixture       *fixture,
                        gconstpointer  data)
{
  KanriBatchRunsGroup *runs;
  gint64 run_id;
  GtkWidget *row;

  drop_and_wait (fixture);
  run_id = kanri_batch_view_get_run_id (fixture->view);
  g_assert_cmpint (run_id, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "batch.close", NULL));
  kanri_test_iterate (100);
  g_assert_false (kanri_analyzer_page_get_showing_batch (fixture->page));
  runs = KANRI_BATCH_RUNS_GROUP (kanri_test_find_child (GTK_WIDGET (fixture->page), KANRI_TYPE_BATCH_RUNS_GROUP, NULL));
  g_assert_cmpuint (kanri_batch_runs_group_get_n_runs (runs), ==, 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (runs)));

  /* The files are gone: the run opens from the local model. */
  g_remove (fixture->mbox);
  row = kanri_test_find_child (GTK_WIDGET (runs), ADW_TYPE_ACTION_ROW, "wave.mbox and 1 other");
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  wait_settled (fixture);
  g_assert_true (kanri_analyzer_page_get_showing_batch (fixture->page));
  g_assert_cmpint (kanri_batch_view_get_run_id (fixture->view), ==, run_id);
  g_assert_cmpuint (kanri_batch_view_get_summary (fixture->view)->run->messages, ==, GATEWAY_COPIES + 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kanri_batch_view_get_messages (fixture->view))), ==,
                    GATEWAY_COPIES + 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "batch.forget", NULL));
  kanri_test_iterate (100);
  g_assert_false (kanri_analyzer_page_get_showing_batch (fixture->page));
  g_assert_cmpuint (kanri_batch_runs_group_get_n_runs (runs), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (runs)));
}

/* A row of the table opens its message in the analyzer, read from the
 * mbox at its offset. */
static void
test_open_message (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *inputs = kanri_analyzer_page_get_inputs (fixture->page);
  GtkWidget *column_view;
  g_autoptr(KanriAnalysis) analysis = NULL;

  drop_and_wait (fixture);
  column_view = kanri_test_find_child (GTK_WIDGET (fixture->view), GTK_TYPE_COLUMN_VIEW, NULL);
  g_assert_nonnull (column_view);
  /* The second message: the mbox's second From_ line. */
  g_signal_emit_by_name (column_view, "activate", 1);
  kanri_test_wait_for_analyses (fixture->page);

  g_assert_false (kanri_analyzer_page_get_showing_batch (fixture->page));
  g_assert_cmpuint (g_list_model_get_n_items (inputs), ==, 1);
  analysis = g_list_model_get_item (inputs, 0);
  g_assert_cmpstr (kanri_analysis_get_title (analysis), ==, "wave.mbox, message 2");
  g_assert_cmpint (kanri_analysis_get_state (analysis), ==, KANRI_ANALYSIS_DONE);
  g_assert_cmpstr (kanri_header_report_get_message_id (kanri_analysis_get_report (analysis)), ==,
                   "<wave-1@fabrikam.example>");
}

/* A few message files dropped stay inputs of their own, each with its
 * report, as before batches. */
static void
test_few_files_stay_inputs (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *first = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", "ipv6-cip.eml", NULL);
  g_autofree char *second = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", "clock-skew.eml", NULL);
  const char *paths[] = { first, second, NULL };

  drop (fixture, paths);
  kanri_test_wait_for_analyses (fixture->page);
  g_assert_false (kanri_analyzer_page_get_showing_batch (fixture->page));
  g_assert_cmpuint (g_list_model_get_n_items (kanri_analyzer_page_get_inputs (fixture->page)), ==, 2);
  g_assert_cmpint (kanri_batch_view_get_run_id (fixture->view), ==, 0);
}

/* A path that is not there: the run says so, in its words. */
static void
test_missing_path (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *paths[] = { "/nonexistent/kanri.mbox", NULL };
  GtkWidget *label;

  kanri_batch_view_start (fixture->view, paths);
  wait_settled (fixture);
  label = kanri_test_find_by_id (GTK_WIDGET (fixture->view), "run_label");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)),
                            "/nonexistent/kanri.mbox is neither a file nor a folder"));
  g_assert_cmpuint (kanri_batch_view_get_summary (fixture->view)->run->messages, ==, 0);
}

/* A run that never ended (Kanri was closed while it ran) says so when it
 * is opened again, with what it kept. */
static void
test_run_cut_short (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *label;

  g_assert_true (kanri_store_exec (fixture->tenant.store,
                                   "INSERT INTO batch_runs (id, paths, started, messages)"
                                   " VALUES (77, '/srv/mail/archive.mbox', 1733565600, 1);"
                                   "INSERT INTO batch_messages (run, seq, path, number, sender, cip, search_key)"
                                   " VALUES (77, 0, '/srv/mail/archive.mbox', 0, 'a@fabrikam.example',"
                                   " '203.0.113.10', 'a@fabrikam.example')",
                                   &error));
  g_assert_no_error (error);

  kanri_batch_view_open_run (fixture->view, 77);
  wait_settled (fixture);
  label = kanri_test_find_by_id (GTK_WIDGET (fixture->view), "run_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "1 message from archive.mbox · stopped before the end: Kanri was closed while it ran");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kanri_batch_view_get_messages (fixture->view))), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/batch-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("summary", test_summary);
  ADD ("finding-opens-wizard", test_finding_opens_wizard);
  ADD ("progress-and-cancel", test_progress_and_cancel);
  ADD ("reopen-and-forget", test_reopen_and_forget);
  ADD ("open-message", test_open_message);
  ADD ("few-files-stay-inputs", test_few_files_stay_inputs);
  ADD ("missing-path", test_missing_path);
  ADD ("run-cut-short", test_run_cut_short);

#undef ADD

  return g_test_run ();
}
