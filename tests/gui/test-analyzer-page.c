/* test-analyzer-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kanri-analyzer-page.h"
#include "kanri-file-chooser.h"
#include "kanri-history.h"
#include "kanri-hop-chart.h"
#include "kanri-record-list.h"
#include "kanri-report-row.h"
#include "kanri-signatures-group.h"
#include "kanri-test-gui.h"
#include "kanri-test-measure.h"
#include "kanri-zone-resolver.h"

typedef struct
{
  KanriStore        *store;
  GSettings         *settings;
  GtkWindow         *window;
  KanriAnalyzerPage *page;
} Fixture;

static char *
sample_path (const char *name)
{
  return g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", name, NULL);
}

static GFile *
sample_file (const char *name)
{
  g_autofree char *path = sample_path (name);

  return g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "analyzer.db", NULL);

  g_remove (path);
  fixture->store = kanri_store_open (path, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "analysis-history");
  g_settings_reset (fixture->settings, "verify-signatures");

  fixture->window = GTK_WINDOW (adw_window_new ());
  fixture->page = g_object_new (KANRI_TYPE_ANALYZER_PAGE, NULL);
  /* Reports as the headers claim; the signatures tests give a resolver. */
  kanri_analyzer_page_set_resolver (fixture->page, NULL);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 1000, 1000);
  gtk_window_present (fixture->window);
  kanri_page_set_store (KANRI_PAGE (fixture->page), fixture->store);
  kanri_test_iterate (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
}

static void
wait_for_analyses (Fixture *fixture)
{
  kanri_test_wait_for_analyses (fixture->page);
}

static const char *
row_subtitle (Fixture    *fixture,
              const char *title)
{
  GtkWidget *row = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
collect_subtitles (GtkWidget *widget,
                   GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child))
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, adw_action_row_get_subtitle (ADW_ACTION_ROW (child)));
        }
      else
        collect_subtitles (child, out);
    }
}

/* The ids of the findings shown, in order, joined with spaces. */
static char *
shown_findings (Fixture *fixture)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  GtkWidget *group;

  group = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_PREFERENCES_GROUP, "Findings");
  g_assert_nonnull (group);
  collect_subtitles (group, ids);

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* The report's lists (hops, anti-spam fields, headers), by their ids. */
static KanriRecordList *
record_list (Fixture    *fixture,
             const char *id)
{
  GPtrArray *stack = g_ptr_array_new ();
  KanriRecordList *found = NULL;

  g_ptr_array_add (stack, fixture->page);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (KANRI_IS_RECORD_LIST (widget) &&
          g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
        found = KANRI_RECORD_LIST (widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);

  g_assert_nonnull (found);
  return found;
}

static GListModel *
record_list_model (Fixture    *fixture,
                   const char *id)
{
  return kanri_record_list_get_model (record_list (fixture, id));
}

static guint
count_scrolled_windows (GtkWidget *widget)
{
  guint n = GTK_IS_SCROLLED_WINDOW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_scrolled_windows (child);
  return n;
}

/* Scrolls the report so that @widget is at the top, for a screenshot. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), y - 60);
  kanri_test_iterate (100);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *status = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_STATUS_PAGE,
                                             "Analyze Message Headers");

  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_nonnull (kanri_test_find_child (status, GTK_TYPE_BUTTON, "_Open…"));
  g_assert_nonnull (kanri_test_find_child (status, GTK_TYPE_BUTTON, "_Paste"));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "analyzer-empty");
}

static void
test_renders_report (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = sample_file ("enhanced-filtering.eml");
  g_autofree char *findings = NULL;
  KanriHopChart *chart;
  GListModel *hops;
  GListModel *antispam;
  GtkWidget *label;

  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  g_assert_cmpstr (row_subtitle (fixture, "Subject"), ==, "Price list");
  g_assert_cmpstr (row_subtitle (fixture, "From"), ==, "sales@fabrikam.example");
  g_assert_cmpstr (row_subtitle (fixture, "Date"), ==, "2024-05-07 01:02:04 UTC");
  g_assert_cmpstr (row_subtitle (fixture, "Total Delivery Time"), ==, "5 s");

  /* CIP and enhanced filtering. */
  g_assert_cmpstr (row_subtitle (fixture, "Connecting IP (CIP)"), ==, "203.0.113.10");
  label = kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL, "Documentation");
  g_assert_nonnull (label);
  /* Every address seen, with what it is. */
  {
    GtkWidget *row = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "192.168.10.44");

    g_assert_nonnull (row);
    g_assert_nonnull (kanri_test_find_child (row, GTK_TYPE_LABEL, "Private (RFC 1918)"));

    /* The last hop, an Exchange Online server on IPv6, is Microsoft 365's,
     * and its tooltip says where that comes from. */
    row = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "2603:1096:403::1f");
    g_assert_nonnull (row);
    label = kanri_test_find_child (row, GTK_TYPE_LABEL, "Microsoft 365 (Exchange Online)");
    g_assert_nonnull (label);
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (label), "Microsoft 365 URLs and IP address ranges"));
  }
  g_assert_cmpstr (row_subtitle (fixture, "Enhanced Filtering"), ==,
                   "Applied: the original sender is 198.51.100.23 (mail.fabrikam.example)");

  findings = shown_findings (fixture);
  g_assert_cmpstr (findings, ==, "cip-is-relay enhanced-filtering-applied");
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "analyzer-report");

  g_assert_cmpstr (row_subtitle (fixture, "SPF"), ==, "pass (IP 198.51.100.23, domain fabrikam.example)");
  g_assert_cmpstr (row_subtitle (fixture, "DMARC"), ==, "pass (action none, domain fabrikam.example)");

  /* Hops: five, oldest first, four delays in the chart. */
  hops = record_list_model (fixture, "hops_list");
  g_assert_cmpuint (g_list_model_get_n_items (hops), ==, 5);
  {
    g_autoptr(KanriReportRow) first = g_list_model_get_item (hops, 0);
    g_autoptr(KanriReportRow) fourth = g_list_model_get_item (hops, 3);
    g_autoptr(KanriReportRow) fifth = g_list_model_get_item (hops, 4);

    g_assert_cmpstr (kanri_report_row_get_cell (first, 2), ==, "192.168.10.44 — Private (RFC 1918)");
    g_assert_cmpstr (kanri_report_row_get_cell (fifth, 2), ==, "2603:1096:403::1f — Microsoft 365 (Exchange Online)");
    g_assert_cmpstr (kanri_report_row_get_cell (fourth, 1), ==, "gateway.contoso.example");
    g_assert_cmpstr (kanri_report_row_get_cell (fourth, 7), ==, "1 s");
  }
  /* Each hop shows its times and delay, whatever the width. */
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (record_list (fixture, "hops_list")),
                                           GTK_TYPE_LABEL, "Time (UTC)"));
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (record_list (fixture, "hops_list")),
                                           GTK_TYPE_LABEL, "Delay"));
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (record_list (fixture, "hops_list")),
                                           GTK_TYPE_LABEL, "4. gateway.contoso.example"));
  /* The report scrolls as one page: no table scrolls inside it. */
  g_assert_cmpuint (count_scrolled_windows (kanri_test_find_child (GTK_WIDGET (fixture->page),
                                                                   ADW_TYPE_PREFERENCES_PAGE, NULL)),
                    ==, 1);
  chart = KANRI_HOP_CHART (kanri_test_find_child (GTK_WIDGET (fixture->page), KANRI_TYPE_HOP_CHART, NULL));
  g_assert_cmpuint (kanri_hop_chart_get_n_bars (chart), ==, 4);
  g_assert_cmpuint (kanri_hop_chart_get_n_skewed (chart), ==, 0);
  scroll_to (GTK_WIDGET (chart));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "analyzer-hops");

  /* The decoded anti-spam table has CIP with its meaning. */
  antispam = record_list_model (fixture, "antispam_list");
  g_assert_cmpuint (g_list_model_get_n_items (antispam), >, 10);
  {
    gboolean seen = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (antispam); i++)
      {
        g_autoptr(KanriReportRow) row = g_list_model_get_item (antispam, i);

        if (g_str_equal (kanri_report_row_get_cell (row, 1), "CIP"))
          {
            g_assert_cmpstr (kanri_report_row_get_cell (row, 2), ==, "203.0.113.10");
            g_assert_true (g_str_has_prefix (kanri_report_row_get_cell (row, 3), "Connecting IP address"));
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }

  g_assert_false (gtk_widget_get_visible (kanri_test_find_child (GTK_WIDGET (fixture->page),
                                                                 ADW_TYPE_PREFERENCES_GROUP,
                                                                 "Non-Delivery Report")));
  scroll_to (kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_PREFERENCES_GROUP, "Anti-Spam Headers"));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "analyzer-antispam");
}

static void
test_clock_skew (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = sample_file ("clock-skew.eml");
  KanriHopChart *chart;
  GListModel *hops;
  guint alerts = 0;

  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  chart = KANRI_HOP_CHART (kanri_test_find_child (GTK_WIDGET (fixture->page), KANRI_TYPE_HOP_CHART, NULL));
  g_assert_cmpuint (kanri_hop_chart_get_n_skewed (chart), >, 0);

  /* The negative delay is in the table too, marked. */
  hops = record_list_model (fixture, "hops_list");
  for (guint i = 0; i < g_list_model_get_n_items (hops); i++)
    {
      g_autoptr(KanriReportRow) row = g_list_model_get_item (hops, i);

      if (kanri_report_row_get_alert (row))
        {
          g_assert_true (g_str_has_prefix (kanri_report_row_get_cell (row, 7), "−"));
          g_assert_true (g_str_has_suffix (kanri_report_row_get_cell (row, 7), "(clock skew)"));
          alerts++;
        }
    }
  g_assert_cmpuint (alerts, ==, kanri_hop_chart_get_n_skewed (chart));
  scroll_to (GTK_WIDGET (chart));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "analyzer-clock-skew");
}

static void
test_drop_file_list_with_bad_file (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GFile) good = sample_file ("relay-pool.eml");
  g_autoptr(GFile) bad = sample_file ("bad-no-headers.txt");
  g_autoptr(GFile) missing = sample_file ("no-such-message.eml");
  g_autofree char *huge_path = g_build_filename (g_get_user_data_dir (), "huge.eml", NULL);
  g_autoptr(GFile) huge = g_file_new_for_path (huge_path);
  g_autoptr(GSList) files = NULL;
  GdkFileList *list;
  g_auto(GValue) value = G_VALUE_INIT;
  GListModel *inputs = kanri_analyzer_page_get_inputs (fixture->page);
  GtkWidget *error_page;

  files = g_slist_append (files, good);
  files = g_slist_append (files, bad);
  files = g_slist_append (files, missing);
  files = g_slist_append (files, huge);
  /* 30 MB, all holes: over the limit without writing it. */
  {
    int fd = g_open (huge_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, 30 * 1024 * 1024), ==, 0);
    close (fd);
  }
  list = gdk_file_list_new_from_list (files);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, list);

  g_assert_true (kanri_analyzer_page_add_value (fixture->page, &value));
  wait_for_analyses (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (inputs), ==, 4);

  /* The first is shown; the others failed, each with its reason. */
  {
    g_autoptr(KanriAnalysis) first = g_list_model_get_item (inputs, 0);
    g_autoptr(KanriAnalysis) second = g_list_model_get_item (inputs, 1);
    g_autoptr(KanriAnalysis) third = g_list_model_get_item (inputs, 2);
    g_autoptr(KanriAnalysis) fourth = g_list_model_get_item (inputs, 3);

    g_assert_true (kanri_analyzer_page_get_current (fixture->page) == first);
    g_assert_cmpint (kanri_analysis_get_state (first), ==, KANRI_ANALYSIS_DONE);
    g_assert_cmpint (kanri_analysis_get_state (second), ==, KANRI_ANALYSIS_FAILED);
    g_assert_cmpint (kanri_analysis_get_state (third), ==, KANRI_ANALYSIS_FAILED);
    g_assert_error (kanri_analysis_get_error (third), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_error (kanri_analysis_get_error (fourth), KANRI_MESSAGE_FILE_ERROR,
                    KANRI_MESSAGE_FILE_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (kanri_analysis_get_error (fourth)->message, "25 MB"));
    g_assert_cmpstr (row_subtitle (fixture, "Subject"), ==, kanri_header_report_get_subject (kanri_analysis_get_report (first)));

    kanri_analyzer_page_select (fixture->page, 1);
    kanri_test_iterate (50);
    error_page = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_STATUS_PAGE, "Could Not Analyze");
    g_assert_nonnull (error_page);
    g_assert_true (gtk_widget_get_mapped (error_page));
    g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (error_page)), ==,
                     kanri_analysis_get_error (second)->message);
    kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "analyzer-error");

    /* The good one is still there. */
    kanri_analyzer_page_select (fixture->page, 0);
    kanri_test_iterate (50);
    g_assert_false (gtk_widget_get_mapped (error_page));
    g_assert_cmpstr (row_subtitle (fixture, "Connecting IP (CIP)"), ==,
                     kanri_header_report_get_cip (kanri_analysis_get_report (first)));
  }
}

static void
test_drop_string (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = sample_path ("pasted-junk.txt");
  g_autofree char *text = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GFile) file = sample_file ("ipv6-cip.eml");
  g_auto(GValue) value = G_VALUE_INIT;
  GListModel *inputs = kanri_analyzer_page_get_inputs (fixture->page);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  g_assert_true (kanri_analyzer_page_add_value (fixture->page, &value));
  wait_for_analyses (fixture);
  {
    g_autoptr(KanriAnalysis) pasted = g_list_model_get_item (inputs, 0);

    g_assert_cmpstr (kanri_analysis_get_title (pasted), ==, "Pasted text");
    g_assert_cmpint (kanri_analysis_get_state (pasted), ==, KANRI_ANALYSIS_DONE);
  }

  /* A list of URIs is files. */
  uri = g_file_get_uri (file);
  g_value_take_string (&value, g_strdup_printf ("%s\r\n", uri));
  g_assert_true (kanri_analyzer_page_add_value (fixture->page, &value));
  wait_for_analyses (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (inputs), ==, 2);
  {
    g_autoptr(KanriAnalysis) dropped = g_list_model_get_item (inputs, 1);

    g_assert_cmpstr (kanri_analysis_get_title (dropped), ==, "ipv6-cip.eml");
    g_assert_true (kanri_analyzer_page_get_current (fixture->page) == dropped);
    g_assert_cmpstr (row_subtitle (fixture, "Connecting IP (CIP)"), ==,
                     kanri_header_report_get_cip (kanri_analysis_get_report (dropped)));
  }

  /* Nothing to analyze. */
  g_value_set_string (&value, "");
  g_assert_false (kanri_analyzer_page_add_value (fixture->page, &value));
  g_assert_cmpuint (g_list_model_get_n_items (inputs), ==, 2);
}

/* Ctrl+V of headers quoted in a reply, indented, the first line by a tab:
 * the fields folded below X-Forefront-Antispam-Report still give the CIP
 * and the verdict. */
static void
test_paste_quoted (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = sample_path ("enhanced-filtering.eml");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) paste = g_string_new ("Hanako wrote:\r\n");
  g_autoptr(KanriAnalysis) pasted = NULL;
  KanriHeaderReport *report;
  int scl = -2;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (paste, "> %s%s\r\n", i == 0 ? "\t" : "    ", lines[i]);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (fixture->page)), paste->str);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "analyzer.paste", NULL));
  wait_for_analyses (fixture);

  g_assert_cmpuint (g_list_model_get_n_items (kanri_analyzer_page_get_inputs (fixture->page)), ==, 1);
  pasted = g_list_model_get_item (kanri_analyzer_page_get_inputs (fixture->page), 0);
  g_assert_cmpint (kanri_analysis_get_state (pasted), ==, KANRI_ANALYSIS_DONE);
  report = kanri_analysis_get_report (pasted);
  g_assert_cmpstr (kanri_header_report_get_sfv (report), ==, "NSPM");
  g_assert_true (kanri_header_report_get_scl (report, &scl));
  g_assert_cmpint (scl, ==, 1);
  g_assert_cmpstr (row_subtitle (fixture, "Subject"), ==, "Price list");
  g_assert_cmpstr (row_subtitle (fixture, "Connecting IP (CIP)"), ==, "203.0.113.10");
}

static void
test_headers_search (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = sample_file ("plain-inbound.eml");
  GtkWidget *search;
  GListModel *headers;
  guint all;

  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  headers = record_list_model (fixture, "headers_list");
  all = g_list_model_get_n_items (headers);
  g_assert_cmpuint (all, >, 5);

  search = kanri_test_find_by_id (GTK_WIDGET (fixture->page), "headers_search");
  gtk_editable_set_text (GTK_EDITABLE (search), "x-forefront");
  /* A search entry waits a little before it tells. */
  kanri_test_iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (headers), <, all);

  /* Ctrl+V in the search field pastes there, not a new input. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (search), "-Untrusted");
  gtk_editable_set_position (GTK_EDITABLE (search), -1);
  g_assert_true (gtk_widget_grab_focus (search));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "analyzer.paste", NULL));
  kanri_test_iterate (400);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "x-forefront-Untrusted");
  g_assert_cmpuint (g_list_model_get_n_items (kanri_analyzer_page_get_inputs (fixture->page)), ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr(KanriReportRow) row = g_list_model_get_item (headers, i);
      g_autofree char *text = g_ascii_strdown (kanri_report_row_get_text (row), -1);

      g_assert_nonnull (strstr (text, "x-forefront"));
    }
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = GTK_IS_LIST_BOX_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static gboolean
analysis_count_done (gpointer data)
{
  Fixture *fixture = data;
  KanriAnalysis *current = kanri_analyzer_page_get_current (fixture->page);

  return current != NULL && kanri_analysis_get_state (current) != KANRI_ANALYSIS_BUSY;
}

static void
test_long_header_block (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) block = g_string_new (NULL);
  KanriRecordList *list;
  GListModel *headers;

  /* More headers than a page holds widgets for: the first 300, and how
   * many there are. */
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (block, "Received: from relay%u.example.net (198.51.100.%u) by mx.example.com; "
                                   "Tue, 7 May 2024 01:02:%02u +0000\r\n", i, i % 250, i % 60);
  g_string_append (block, "From: sales@fabrikam.example\r\nSubject: Many hops\r\n\r\n");
  kanri_analyzer_page_add_text (fixture->page, block->str);
  g_assert_true (kanri_test_wait_for (analysis_count_done, fixture, 20000));
  kanri_test_iterate (100);

  list = record_list (fixture, "headers_list");
  headers = kanri_record_list_get_model (list);
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, 1002);
  g_assert_cmpuint (count_rows (GTK_WIDGET (list)), ==, 300);
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (list), GTK_TYPE_LABEL, "The first 300 of 1002 are shown."));
  g_assert_cmpuint (count_rows (GTK_WIDGET (record_list (fixture, "hops_list"))), ==, 300);

  /* A search narrows them down to what fits. */
  gtk_editable_set_text (GTK_EDITABLE (kanri_test_find_by_id (GTK_WIDGET (fixture->page), "headers_search")),
                         "relay99.");
  kanri_test_iterate (400);
  g_assert_cmpuint (count_rows (GTK_WIDGET (list)), ==, 1);
  g_assert_false (gtk_widget_get_visible (kanri_test_find_child (GTK_WIDGET (list), GTK_TYPE_LABEL,
                                                                 "The first 300 of 1002 are shown.")));
}

static gboolean
scrolled_down (gpointer data)
{
  return gtk_adjustment_get_value (data) > 0;
}

static void
test_new_report_at_top (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) first = sample_file ("enhanced-filtering.eml");
  g_autoptr(GFile) second = sample_file ("plain-inbound.eml");
  GtkWidget *page = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_PREFERENCES_PAGE, NULL);
  GtkAdjustment *vadjustment;

  kanri_analyzer_page_add_file (fixture->page, first);
  kanri_analyzer_page_add_file (fixture->page, second);
  wait_for_analyses (fixture);

  /* Read down the first report, then open the second: it starts at its
   * top, as a new page does. */
  kanri_analyzer_page_select (fixture->page, 0);
  kanri_test_iterate (100);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (kanri_test_find_child (page, GTK_TYPE_SCROLLED_WINDOW, NULL)));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  g_assert_true (kanri_test_wait_for (scrolled_down, vadjustment, 1000));

  kanri_analyzer_page_select (fixture->page, 1);
  kanri_test_iterate (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);
}

static gboolean
filter_takes (GtkFileFilter *filter,
              const char    *name,
              const char    *content_type)
{
  g_autoptr(GFileInfo) info = g_file_info_new ();

  g_file_info_set_display_name (info, name);
  g_file_info_set_content_type (info, content_type);
  return gtk_filter_match (GTK_FILTER (filter), info);
}

static void
test_open_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GListModel) filters = kanri_file_chooser_message_filters ();
  g_autoptr(GtkFileFilter) messages = NULL;
  g_autoptr(GtkFileFilter) mailboxes = NULL;
  g_autoptr(GtkFileFilter) everything = NULL;

  /* The open dialog shows messages first, then mbox files (a batch
   * analysis), every file if asked. */
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 3);
  messages = g_list_model_get_item (filters, 0);
  mailboxes = g_list_model_get_item (filters, 1);
  everything = g_list_model_get_item (filters, 2);
  g_assert_true (filter_takes (mailboxes, "Inbox.mbox", "application/mbox"));
  g_assert_true (filter_takes (mailboxes, "archive.MBX", "application/octet-stream"));
  g_assert_false (filter_takes (mailboxes, "price-list.eml", "message/rfc822"));
  g_assert_cmpstr (gtk_file_filter_get_name (messages), ==, "Messages (.eml, .msg, .txt)");
  g_assert_true (filter_takes (messages, "price-list.eml", "message/rfc822"));
  g_assert_true (filter_takes (messages, "Price list.msg", "application/vnd.ms-outlook"));
  g_assert_true (filter_takes (messages, "headers.txt", "text/plain"));
  g_assert_true (filter_takes (messages, "NOTICE.EML", "application/octet-stream"));
  g_assert_false (filter_takes (messages, "logo.png", "image/png"));
  g_assert_true (filter_takes (everything, "logo.png", "image/png"));
}

static void
test_ndr (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GFile) file = sample_file ("ndr-attached.eml");
  GListModel *inputs = kanri_analyzer_page_get_inputs (fixture->page);
  GtkWidget *group;

  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  group = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_PREFERENCES_GROUP, "Non-Delivery Report");
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (row_subtitle (fixture, "Status"), ==, "5.4.316");
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "analyzer-ndr");

  /* The attached original becomes an input of its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "analyzer.show-original", NULL));
  kanri_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (inputs), ==, 2);
  g_assert_cmpstr (kanri_analysis_get_title (kanri_analyzer_page_get_current (fixture->page)), ==,
                   "Original of ndr-attached.eml");
  g_assert_false (gtk_widget_get_visible (group));
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kanri_analyzer_page_export_json_finish (KANRI_ANALYZER_PAGE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static void
test_export_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = sample_file ("gateway-no-ef.eml");
  g_autofree char *out_path = g_build_filename (g_get_user_data_dir (), "export.json", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autofree char *written = NULL;
  g_autofree char *engine = NULL;
  g_autofree char *expected = NULL;
  KanriAnalysis *current;
  gboolean done = FALSE;

  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);
  current = kanri_analyzer_page_get_current (fixture->page);

  kanri_analyzer_page_export_json_async (fixture->page, out, NULL, exported_cb, &done);
  g_assert_true (kanri_test_wait_for (is_true, &done, 5000));

  /* Byte for byte what the engine writes (and `kanri-cli analyze --json`
   * prints). */
  g_assert_true (g_file_get_contents (out_path, &written, NULL, NULL));
  engine = kanri_header_report_to_json (kanri_analysis_get_report (current), TRUE);
  expected = g_strconcat (engine, "\n", NULL);
  g_assert_cmpstr (written, ==, expected);
}

static void
text_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(char **)data != NULL;
}

static void
test_copy_text (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) file = sample_file ("relay-pool.eml");
  g_autofree char *copied = NULL;
  g_autofree char *engine = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->page));

  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "analyzer.copy-text", NULL));
  gdk_clipboard_read_text_async (clipboard, NULL, text_read_cb, &copied);
  g_assert_true (kanri_test_wait_for (is_set, &copied, 5000));

  /* The engine's text rendering, as `kanri-cli analyze` prints it. */
  engine = kanri_header_report_to_text (kanri_analysis_get_report (kanri_analyzer_page_get_current (fixture->page)));
  g_assert_cmpstr (copied, ==, engine);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) file = sample_file ("enhanced-filtering.eml");
  KanriHistory *history = kanri_history_get_for_store (fixture->store);
  GListModel *inputs = kanri_analyzer_page_get_inputs (fixture->page);
  g_autofree char *json = NULL;
  g_autofree char *findings = NULL;
  GtkWidget *list;
  GtkWidget *row;
  KanriAnalysis *reopened;

  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);
  g_assert_cmpint (kanri_history_count (history, NULL), ==, 1);
  {
    g_autoptr(KanriAnalysis) first = g_list_model_get_item (inputs, 0);

    json = g_strdup (kanri_analysis_get_json (first));
  }

  /* Back to the empty page: the analysis is listed there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "analyzer.close-all", NULL));
  kanri_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (inputs), ==, 0);
  list = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_PREFERENCES_GROUP, "Recent Analyses");
  row = kanri_test_find_child (list, ADW_TYPE_ACTION_ROW, "Price list");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "analyzer-empty-history");

  /* Reopened from the stored report: the same report. */
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  kanri_test_iterate (50);
  reopened = kanri_analyzer_page_get_current (fixture->page);
  g_assert_nonnull (reopened);
  g_assert_null (kanri_analysis_get_report (reopened));
  g_assert_cmpstr (kanri_analysis_get_json (reopened), ==, json);
  g_assert_cmpstr (row_subtitle (fixture, "Connecting IP (CIP)"), ==, "203.0.113.10");
  findings = shown_findings (fixture);
  g_assert_cmpstr (findings, ==, "cip-is-relay enhanced-filtering-applied");
  /* The headers themselves are not kept; the page says so. */
  g_assert_true (gtk_widget_get_visible (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                                                "The history keeps the report, not the message’s "
                                                                "headers: open the message again to see them.")));
  g_assert_false (gtk_widget_get_visible (kanri_test_find_by_id (GTK_WIDGET (fixture->page), "headers_search")));
  /* Reopening is not a new analysis. */
  g_assert_cmpint (kanri_history_count (history, NULL), ==, 1);

  /* Clear History empties it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "analyzer.clear-history", NULL));
  g_assert_cmpint (kanri_history_count (history, NULL), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "analyzer.close-all", NULL);
  kanri_test_iterate (50);
  g_assert_null (kanri_test_find_child (list, ADW_TYPE_ACTION_ROW, "Price list"));
}

static void
test_history_off (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = sample_file ("enhanced-filtering.eml");
  KanriHistory *history = kanri_history_get_for_store (fixture->store);
  GtkWidget *group;

  g_settings_set_boolean (fixture->settings, "analysis-history", FALSE);
  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);
  g_assert_cmpint (kanri_history_count (history, NULL), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "analyzer.close-all", NULL);
  kanri_test_iterate (50);
  group = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_PREFERENCES_GROUP, "Recent Analyses");
  g_assert_true (gtk_widget_get_mapped (kanri_test_find_child (group, GTK_TYPE_LABEL,
                                                              "Analyses are not kept: the history is off in Preferences.")));
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = sample_file ("clock-skew.eml");
  int minimum = 0;

  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  /* Fits a phone-sized window. */
  gtk_widget_measure (GTK_WIDGET (fixture->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  gtk_window_set_default_size (fixture->window, 360, 720);
  kanri_test_iterate (300);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "analyzer-narrow");

  /* And in the dark, the chart with it. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  scroll_to (kanri_test_find_child (GTK_WIDGET (fixture->page), KANRI_TYPE_HOP_CHART, NULL));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "analyzer-narrow-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The Signatures section, as text: each row's title, subtitle and result
 * label, one row per line. */
static void
collect_signature_rows (GtkWidget *widget,
                        GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_ROW (child) && gtk_widget_get_visible (child))
        {
          g_string_append_printf (out, "[%s]", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)));
          if (ADW_IS_ACTION_ROW (child))
            g_string_append_printf (out, "[%s]", adw_action_row_get_subtitle (ADW_ACTION_ROW (child)));
          else if (ADW_IS_EXPANDER_ROW (child))
            g_string_append_printf (out, "[%s]", adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (child)));
        }
      else if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) && gtk_widget_has_css_class (child, "heading"))
        g_string_append_printf (out, "{%s}", gtk_label_get_label (GTK_LABEL (child)));
      collect_signature_rows (child, out);
    }
}

static char *
shown_signatures (Fixture *fixture)
{
  GtkWidget *group = kanri_test_find_child (GTK_WIDGET (fixture->page), KANRI_TYPE_SIGNATURES_GROUP, NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (group);
  g_string_append_printf (out, "<%s>", adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)));
  collect_signature_rows (group, out);
  return g_string_free (out, FALSE);
}

static GFile *
dkim_file (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "dkim", "messages", name, NULL);

  return g_file_new_for_path (path);
}

static void
use_dkim_zone (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "dkim", "zone.json", NULL);
  g_autoptr(KanriZoneResolver) zone = kanri_zone_resolver_new_from_file (path, &error);

  g_assert_no_error (error);
  kanri_analyzer_page_set_resolver (fixture->page, KANRI_RESOLVER (zone));
}

/* A dropped .eml has its DKIM signature verified again, against the key
 * from DNS (here the corpus's zone), and shown with its facts. */
static void
test_signatures_verified (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = dkim_file ("rsa2048-relaxed-relaxed.eml");
  g_autofree char *shown = NULL;

  use_dkim_zone (fixture);
  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  shown = shown_signatures (fixture);
  g_assert_nonnull (strstr (shown, "<Kanri verified each signature again"));
  g_assert_nonnull (strstr (shown, "[example.com, selector s2048][rsa-sha256, 2048-bit key\nThe signature verifies"));
  g_assert_nonnull (strstr (shown, "{Pass}"));
  g_assert_null (strstr (shown, "{Fail}"));
  g_assert_nonnull (strstr (shown, "[ARC Chain][The message carries no ARC set.]"));
}

/* A gateway's banner broke the body hash: the section says it failed and
 * that the body changed. */
static void
test_signatures_body_changed (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GFile) file = dkim_file ("body-banner.eml");
  g_autofree char *shown = NULL;

  use_dkim_zone (fixture);
  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  shown = shown_signatures (fixture);
  g_assert_nonnull (strstr (shown, "{Fail}"));
  g_assert_null (strstr (shown, "{Pass}"));
  g_assert_nonnull (strstr (shown, "body"));
}

/* Two ARC sets: the chain's result, its count and each instance. */
static void
test_signatures_arc (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = dkim_file ("arc-two.eml");
  g_autofree char *shown = NULL;

  use_dkim_zone (fixture);
  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  shown = shown_signatures (fixture);
  g_assert_nonnull (strstr (shown, "[ARC Chain][2 sets"));
  g_assert_nonnull (strstr (shown, "[Instance 1: "));
  g_assert_nonnull (strstr (shown, "[Instance 2: "));
  g_assert_nonnull (strstr (shown, "Seal: Pass, message signature: Pass"));
}

/* Pasted headers cannot be verified: the section says the body is needed,
 * and lists nothing. */
static void
test_signatures_headers_only (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = sample_path ("plain-inbound.eml");
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  char *body;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* The header section alone, as an admin copies it from Outlook. */
  body = strstr (text, "\n\n");
  if (body == NULL)
    body = strstr (text, "\r\n\r\n");
  g_assert_nonnull (body);
  body[1] = '\0';
  use_dkim_zone (fixture);
  kanri_analyzer_page_add_text (fixture->page, text);
  wait_for_analyses (fixture);

  shown = shown_signatures (fixture);
  g_assert_nonnull (strstr (shown, "signatures can only be verified on the whole message as received"));
  g_assert_null (strstr (shown, "[example.com, selector"));
}

/* Without a resolver (the zone file of KANRI_DNS_ZONE was unusable) the
 * signatures are left unverified, and the section says so. */
static void
test_signatures_no_resolver (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = dkim_file ("rsa2048-relaxed-relaxed.eml");
  g_autofree char *shown = NULL;

  kanri_analyzer_page_set_resolver (fixture->page, NULL);
  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  shown = shown_signatures (fixture);
  g_assert_nonnull (strstr (shown, "<The signatures were not verified: their keys were not looked up in DNS."));
  g_assert_null (strstr (shown, "{Pass}"));
}

/* Keys from a zone file: the section says so, path and all, in a label
 * that wraps anywhere in the path. A long path in the description made the
 * group measure wider than it wraps (GTK aborts on that in a narrow window;
 * CI's clone lives deeper than a developer's). */
static void
test_signatures_long_notice (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *notice = "DNS answers come from the zone file /a/clone/that/lives/deep/below/the/root/of/a/build/machine/tests/data/dkim/zone.json (KANRI_DNS_ZONE), not from the network.";
  g_autoptr(GFile) file = dkim_file ("rsa2048-relaxed-relaxed.eml");
  GtkWidget *group = kanri_test_find_child (GTK_WIDGET (fixture->page), KANRI_TYPE_SIGNATURES_GROUP, NULL);
  g_autofree char *problem = NULL;
  GtkWidget *label;

  g_assert_nonnull (group);
  /* After the resolver: setting one says nothing of where its keys are. */
  use_dkim_zone (fixture);
  kanri_signatures_group_set_notice (KANRI_SIGNATURES_GROUP (group), notice);
  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  label = kanri_test_find_child (group, GTK_TYPE_LABEL, notice);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_visible (label));
  problem = kanri_test_find_bad_measure (group);
  g_assert_null (problem);
}

/* Verifying turned off in Preferences: no key is looked up, the section
 * says so, and turning it on again verifies the next message. */
static void
test_signatures_turned_off (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GFile) file = dkim_file ("rsa2048-relaxed-relaxed.eml");
  g_autofree char *shown = NULL;
  GtkWidget *group = kanri_test_find_child (GTK_WIDGET (fixture->page), KANRI_TYPE_SIGNATURES_GROUP, NULL);
  const char *notice = "Verifying signatures is turned off in Preferences: messages opened from now on are not verified.";
  GtkWidget *label;

  use_dkim_zone (fixture);
  g_settings_set_boolean (fixture->settings, "verify-signatures", FALSE);
  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);

  shown = shown_signatures (fixture);
  g_assert_nonnull (strstr (shown, "<The signatures were not verified"));
  g_assert_null (strstr (shown, "{Pass}"));
  label = kanri_test_find_child (group, GTK_TYPE_LABEL, notice);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_visible (label));

  g_settings_set_boolean (fixture->settings, "verify-signatures", TRUE);
  g_assert_false (gtk_widget_is_visible (label));
  kanri_analyzer_page_add_file (fixture->page, file);
  wait_for_analyses (fixture);
  g_clear_pointer (&shown, g_free);
  shown = shown_signatures (fixture);
  g_assert_nonnull (strstr (shown, "{Pass}"));
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/analyzer-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("empty", test_empty);
  ADD ("report", test_renders_report);
  ADD ("signatures/verified", test_signatures_verified);
  ADD ("signatures/long-notice", test_signatures_long_notice);
  ADD ("signatures/turned-off", test_signatures_turned_off);
  ADD ("signatures/body-changed", test_signatures_body_changed);
  ADD ("signatures/arc", test_signatures_arc);
  ADD ("signatures/headers-only", test_signatures_headers_only);
  ADD ("signatures/no-resolver", test_signatures_no_resolver);
  ADD ("clock-skew", test_clock_skew);
  ADD ("drop-file-list", test_drop_file_list_with_bad_file);
  ADD ("drop-string", test_drop_string);
  ADD ("paste-quoted", test_paste_quoted);
  ADD ("headers-search", test_headers_search);
  ADD ("long-header-block", test_long_header_block);
  ADD ("open-filters", test_open_filters);
  ADD ("new-report-at-top", test_new_report_at_top);
  ADD ("ndr", test_ndr);
  ADD ("export-json", test_export_json);
  ADD ("copy-text", test_copy_text);
  ADD ("history", test_history);
  ADD ("history-off", test_history_off);
  ADD ("narrow", test_narrow);

#undef ADD

  return g_test_run ();
}
