/* test-trace-group.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "kanri-analyzer-page.h"
#include "kanri-emulator.h"
#include "kanri-hop-chart.h"
#include "kanri-test-gui.h"
#include "kanri-test-tenant.h"
#include "kanri-trace-group.h"

/* The Header Analyzer's Message Trace section on the demo tenant: the
 * service's events beside the hops, in the chart and the export. */

typedef struct
{
  KanriTestTenant    tenant;
  GtkWindow         *window;
  KanriAnalyzerPage *page;
  KanriTraceGroup   *group;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  kanri_test_tenant_remove_files ();
  kanri_test_tenant_open (&fixture->tenant, data);
  g_settings_reset (settings, "analysis-history");

  fixture->window = GTK_WINDOW (adw_window_new ());
  fixture->page = g_object_new (KANRI_TYPE_ANALYZER_PAGE, NULL);
  kanri_analyzer_page_set_resolver (fixture->page, NULL);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 1000, 1000);
  gtk_window_present (fixture->window);
  kanri_page_set_store (KANRI_PAGE (fixture->page), fixture->tenant.store);
  fixture->group = KANRI_TRACE_GROUP (kanri_test_find_child (GTK_WIDGET (fixture->page), KANRI_TYPE_TRACE_GROUP, NULL));
  g_assert_nonnull (fixture->group);
  kanri_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->window, gtk_window_destroy);
  kanri_test_iterate (50);
  kanri_test_tenant_close (&fixture->tenant, data);
}

static void
analyze_sample (Fixture    *fixture,
                const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  kanri_analyzer_page_add_file (fixture->page, file);
  kanri_test_wait_for_analyses (fixture->page);
}

static gboolean
trace_settled (gpointer data)
{
  KanriTraceState state = kanri_message_trace_session_get_state (kanri_trace_group_get_session (data));

  return state != KANRI_TRACE_STATE_RUNNING;
}

static void
run_trace (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->group), "trace.run", NULL));
  g_assert_true (kanri_test_wait_for (trace_settled, fixture->group, 20000));
  kanri_test_iterate (50);
}

static GtkWidget *
shown_label (Fixture    *fixture,
             const char *text)
{
  GtkWidget *label = kanri_test_find_child (GTK_WIDGET (fixture->group), GTK_TYPE_LABEL, text);

  return label != NULL && gtk_widget_is_visible (label) ? label : NULL;
}

/* Row titles of the timeline, in order, with their tag. */
static char *
shown_timeline (Fixture *fixture)
{
  GtkWidget *list = kanri_test_find_by_id (GTK_WIDGET (fixture->group), "timeline_list");
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_nonnull (list);
  if (!gtk_widget_is_visible (list))
    return g_strdup ("");
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (!ADW_IS_ACTION_ROW (row))
        continue;
      if (out->len > 0)
        g_string_append (out, " | ");
      g_string_append (out, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
count_traces (KanriEmulator *emulator,
              gpointer       user_data)
{
  GPtrArray *requests = kanri_emulator_get_requests (emulator);

  for (guint i = 0; i < requests->len; i++)
    {
      KanriEmulatorRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->cmdlet, "Get-MessageTraceV2"))
        (*(guint *)user_data)++;
    }
}

static guint
traces_sent (Fixture *fixture)
{
  guint n = 0;

  kanri_demo_host_run (fixture->tenant.host, count_traces, &n);
  return n;
}

static KanriHopChart *
hop_chart (Fixture *fixture)
{
  return KANRI_HOP_CHART (kanri_test_find_child (GTK_WIDGET (fixture->page), KANRI_TYPE_HOP_CHART, NULL));
}

/* Scrolls the report to @widget, for a screenshot. */
static void
scroll_to (Fixture   *fixture,
           GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                            &bounds));
  gtk_adjustment_set_value (adjustment, bounds.origin.y - 12);
  kanri_test_iterate (200);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kanri_analyzer_page_export_json_finish (KANRI_ANALYZER_PAGE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static JsonObject *
export (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "trace-export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  kanri_analyzer_page_export_json_async (fixture->page, file, NULL, exported_cb, &done);
  kanri_test_wait (&done);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* On the demo tenant: the service's events among the hops, in the list and
 * in the chart, and the trace in the export beside the report. */
static void
test_traced (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *timeline = NULL;
  g_autoptr(JsonObject) exported = NULL;
  JsonObject *trace;
  KanriHopChart *chart;

  kanri_page_set_tenant (KANRI_PAGE (fixture->page), fixture->tenant.tenant);
  analyze_sample (fixture, "plain-inbound.eml");

  /* Nothing is sent until the admin asks. */
  g_assert_cmpuint (traces_sent (fixture), ==, 0);
  g_assert_cmpint (kanri_message_trace_session_get_state (kanri_trace_group_get_session (fixture->group)), ==,
                   KANRI_TRACE_STATE_IDLE);
  g_assert_cmpstr (shown_timeline (fixture), ==, "");
  chart = hop_chart (fixture);
  g_assert_cmpuint (kanri_hop_chart_get_n_events (chart), ==, 0);
  exported = export (fixture);
  g_assert_false (json_object_has_member (exported, "message_trace"));
  g_clear_pointer (&exported, json_object_unref);

  run_trace (fixture);
  g_assert_cmpuint (traces_sent (fixture), ==, 1);
  g_assert_cmpint (kanri_message_trace_session_get_state (kanri_trace_group_get_session (fixture->group)), ==,
                   KANRI_TRACE_STATE_DONE);
  g_assert_nonnull (shown_label (fixture, kanri_message_trace_session_get_status (kanri_trace_group_get_session (fixture->group))));
  timeline = shown_timeline (fixture);
  g_assert_nonnull (strstr (timeline, "Hop 1: "));
  g_assert_nonnull (strstr (timeline, " | Receive | Spam filter verdict | Hop 4: "));
  g_assert_nonnull (strstr (timeline, " | Deliver | Hop 5: "));
  g_assert_cmpuint (kanri_hop_chart_get_n_events (chart), ==, 3);
  scroll_to (fixture, GTK_WIDGET (fixture->group));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "analyzer-trace");

  exported = export (fixture);
  g_assert_true (json_object_has_member (exported, "hops"));
  trace = json_object_get_object_member (exported, "message_trace");
  g_assert_nonnull (trace);
  g_assert_cmpstr (json_object_get_string_member (trace, "state"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (trace, "status"), ==, "Delivered");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (trace, "timeline")), ==, 8);

  /* Another message: its own trace, not run yet; the chart is its hops. */
  analyze_sample (fixture, "spaced-antispam.eml");
  kanri_analyzer_page_select (fixture->page, 1);
  kanri_test_iterate (50);
  g_assert_cmpint (kanri_message_trace_session_get_state (kanri_trace_group_get_session (fixture->group)), ==,
                   KANRI_TRACE_STATE_IDLE);
  g_assert_cmpuint (kanri_hop_chart_get_n_events (chart), ==, 0);
  g_assert_cmpstr (shown_timeline (fixture), ==, "");
}

/* Without a tenant: the section says why, and offers the PowerShell. */
static void
test_no_tenant (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *code;

  analyze_sample (fixture, "spaced-antispam.eml");
  run_trace (fixture);

  g_assert_cmpint (kanri_message_trace_session_get_state (kanri_trace_group_get_session (fixture->group)), ==,
                   KANRI_TRACE_STATE_NO_TENANT);
  g_assert_nonnull (shown_label (fixture, kanri_message_trace_session_get_status (kanri_trace_group_get_session (fixture->group))));
  code = kanri_test_find_child (GTK_WIDGET (fixture->group), GTK_TYPE_LABEL,
                                "Get-MessageTraceV2 -MessageId \"<deal-42@offers.example>\" -StartDate "
                                "\"2024-05-11T20:00:00Z\" -EndDate \"2024-05-21T20:00:00Z\" -ResultSize 1000 "
                                "| Get-MessageTraceDetailV2");
  g_assert_nonnull (code);
  g_assert_true (gtk_widget_is_visible (code));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->group), "trace.copy-powershell", NULL));
  g_assert_cmpstr (shown_timeline (fixture), ==, "");

  /* A tenant comes: the same message can be traced now. */
  kanri_page_set_tenant (KANRI_PAGE (fixture->page), fixture->tenant.tenant);
  g_assert_cmpint (kanri_message_trace_session_get_state (kanri_trace_group_get_session (fixture->group)), ==,
                   KANRI_TRACE_STATE_IDLE);
  run_trace (fixture);
  g_assert_nonnull (strstr (shown_timeline (fixture), "Spam filter verdict"));
}

/* A report reopened from the history has no message: the section says so
 * and offers nothing to run. */
static void
test_from_history (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *list;
  GtkWidget *row;

  kanri_page_set_tenant (KANRI_PAGE (fixture->page), fixture->tenant.tenant);
  analyze_sample (fixture, "plain-inbound.eml");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "analyzer.close-all", NULL));
  kanri_test_iterate (50);
  list = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_PREFERENCES_GROUP, "Recent Analyses");
  row = kanri_test_find_child (list, ADW_TYPE_ACTION_ROW, NULL);
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  kanri_test_iterate (50);

  g_assert_nonnull (shown_label (fixture, "This report was opened from the history, without its message. "
                                          "Open the message again to run its message trace."));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->group), "trace.run", NULL) &&
                  kanri_message_trace_session_get_state (kanri_trace_group_get_session (fixture->group)) ==
                  KANRI_TRACE_STATE_RUNNING);
  g_assert_false (gtk_widget_is_sensitive (kanri_test_find_child (GTK_WIDGET (fixture->group), GTK_TYPE_BUTTON,
                                                                   "_Run Trace")));
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/trace-group/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("traced", test_traced);
  ADD ("no-tenant", test_no_tenant);
  ADD ("from-history", test_from_history);

#undef ADD

  return g_test_run ();
}
