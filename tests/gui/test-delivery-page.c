/* test-delivery-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kanri-delivery-page.h"
#include "kanri-ndr.h"
#include "kanri-retry-timeline.h"
#include "kanri-tenant-tables.h"
#include "kanri-test-gui.h"

typedef struct
{
  KanriStore         *store;
  KanriTenant        *tenant;
  GtkWindow          *window;
  KanriPage          *page;
  GtkSpinButton      *hours;
  AdwEntryRow        *span;
  KanriRetryTimeline *timeline;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(KanriTenant) first = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "delivery.db", NULL);

  g_remove (path);
  fixture->store = kanri_store_open (path, &error);
  g_assert_no_error (error);

  /* A tenant synced earlier, whose transport config is at the default. */
  first = kanri_tenant_new (fixture->store, "t1", "contoso.onmicrosoft.com", KANRI_TENANT_MICROSOFT365,
                            "worldwide", "admin@contoso.onmicrosoft.com", &error);
  json_parser_load_from_data (parser, "{\"MessageExpiration\":\"1.00:00:00\"}", -1, &error);
  g_assert_true (kanri_tenant_tables_set_transport_config (kanri_store_get_db (fixture->store), "t1",
                                                           json_node_get_object (json_parser_get_root (parser)),
                                                           &error));
  fixture->tenant = kanri_tenant_new (fixture->store, "t1", "contoso.onmicrosoft.com",
                                      KANRI_TENANT_MICROSOFT365, "worldwide",
                                      "admin@contoso.onmicrosoft.com", &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (adw_window_new ());
  fixture->page = g_object_new (KANRI_TYPE_DELIVERY_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 900, 1000);
  gtk_window_present (fixture->window);
  kanri_page_set_tenant (fixture->page, fixture->tenant);
  kanri_test_iterate (100);

  fixture->hours = GTK_SPIN_BUTTON (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_SPIN_BUTTON, NULL));
  fixture->span = ADW_ENTRY_ROW (kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW, NULL));
  fixture->timeline = KANRI_RETRY_TIMELINE (kanri_test_find_child (GTK_WIDGET (fixture->page),
                                                                   KANRI_TYPE_RETRY_TIMELINE, NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->tenant);
  g_clear_object (&fixture->store);
}

static const char *
code_text (Fixture *fixture)
{
  const char *found = NULL;
  GtkWidget *root = GTK_WIDGET (fixture->page);
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), "Set-TransportConfig"))
        found = gtk_label_get_label (GTK_LABEL (widget));
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);

  return found;
}

static void
test_reads_current_value (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *row = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "Current Value");

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "1.00:00:00 (24 hours)");
  g_assert_cmpfloat (gtk_spin_button_get_value (fixture->hours), ==, 24);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->span)), ==, "1.00:00:00");
  g_assert_cmpstr (code_text (fixture), ==, "Set-TransportConfig -MessageExpiration \"1.00:00:00\"");
  g_assert_cmpint (kanri_retry_timeline_get_expiration (fixture->timeline), ==, 24 * G_TIME_SPAN_HOUR);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "delivery");
}

static void
test_hours_and_span_follow_each_other (Fixture       *fixture,
                                       gconstpointer  data)
{
  guint day_retries = kanri_retry_timeline_get_n_retries (fixture->timeline);

  gtk_spin_button_set_value (fixture->hours, 12);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->span)), ==, "0.12:00:00");
  g_assert_cmpstr (code_text (fixture), ==, "Set-TransportConfig -MessageExpiration \"0.12:00:00\"");
  /* The chart follows: fewer retries before the NDR. */
  g_assert_cmpint (kanri_retry_timeline_get_expiration (fixture->timeline), ==, 12 * G_TIME_SPAN_HOUR);
  g_assert_cmpuint (kanri_retry_timeline_get_n_retries (fixture->timeline), <, day_retries);

  gtk_editable_set_text (GTK_EDITABLE (fixture->span), "0.18:30:00");
  g_assert_cmpfloat (gtk_spin_button_get_value (fixture->hours), ==, 18.5);
  g_assert_cmpstr (code_text (fixture), ==, "Set-TransportConfig -MessageExpiration \"0.18:30:00\"");
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "delivery-18h30");
}

static void
test_invalid_value_explained (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *error;

  gtk_editable_set_text (GTK_EDITABLE (fixture->span), "2.00:00:00");
  kanri_test_iterate (50);

  error = kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                 "2.00:00:00 is outside what Exchange Online accepts: from 12 "
                                 "hours (0.12:00:00) to 1 day (1.00:00:00)");
  g_assert_nonnull (error);
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->span), "error"));
  /* The text stays as typed; the chart keeps the last valid value. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->span)), ==, "2.00:00:00");
  g_assert_cmpint (kanri_retry_timeline_get_expiration (fixture->timeline), ==, 24 * G_TIME_SPAN_HOUR);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "delivery-invalid");

  gtk_editable_set_text (GTK_EDITABLE (fixture->span), "12");
  g_assert_false (gtk_widget_get_visible (error));
  g_assert_cmpstr (code_text (fixture), ==, "Set-TransportConfig -MessageExpiration \"0.12:00:00\"");
}

/* The subtitle as shown: rows hold it as markup. */
static char *
subtitle (Fixture    *fixture,
          const char *row_title)
{
  GtkWidget *row = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, row_title);
  char *text = NULL;

  g_assert_nonnull (row);
  g_assert_true (pango_parse_markup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), -1, 0,
                                     NULL, &text, NULL, NULL));
  return text;
}

static void
paste_ndr (Fixture    *fixture,
           const char *text)
{
  GtkWidget *row = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW,
                                          "NDR Line or Status Code");

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
row_shown (Fixture    *fixture,
           const char *row_title)
{
  return gtk_widget_get_visible (kanri_test_find_child (GTK_WIDGET (fixture->page),
                                                        ADW_TYPE_ACTION_ROW, row_title));
}

static void
scroll_to (Fixture   *fixture,
           GtkWidget *widget)
{
  GtkWidget *scrolled = kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), y - 12);
  kanri_test_iterate (150);
}

static void
test_ndr_line_decoded (Fixture       *fixture,
                       gconstpointer  data)
{
  const KanriNdrCode *expected = kanri_ndr_lookup ("5.4.316", NULL);
  g_autofree char *code = NULL;
  g_autofree char *meaning = NULL;
  g_autofree char *cause = NULL;
  g_autofree char *fix = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  GtkWidget *message;

  g_assert_false (row_shown (fixture, "Meaning"));
  paste_ndr (fixture, "550 5.4.316 Message expired, connection refused(Socket error code 10061)");

  code = subtitle (fixture, "Code");
  title = g_strdup_printf ("5.4.316 (SMTP 550) — %s", kanri_ndr_code_get_title (expected));
  g_assert_cmpstr (code, ==, title);
  meaning = subtitle (fixture, "Meaning");
  g_assert_cmpstr (meaning, ==, kanri_ndr_code_get_meaning (expected));
  cause = subtitle (fixture, "Likely Cause");
  g_assert_cmpstr (cause, ==, kanri_ndr_code_get_cause (expected));
  fix = subtitle (fixture, "What to Do");
  g_assert_cmpstr (fix, ==, kanri_ndr_code_get_fix (expected));
  text = subtitle (fixture, "Server’s Text");
  g_assert_nonnull (strstr (text, "Socket error code 10061"));
  g_assert_true (row_shown (fixture, "Meaning"));
  g_assert_true (row_shown (fixture, "Server’s Text"));
  message = kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                   "Permanent failure: the message will not be retried.");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (message));

  scroll_to (fixture, kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW,
                                             "NDR Line or Status Code"));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "delivery-ndr");

  /* A bare code decodes too, without the SMTP reply code or text. */
  paste_ndr (fixture, "5.1.10");
  g_clear_pointer (&code, g_free);
  code = subtitle (fixture, "Code");
  g_assert_true (g_str_has_prefix (code, "5.1.10 — "));
  g_assert_false (row_shown (fixture, "Server’s Text"));
}

static void
test_ndr_unknown_and_invalid (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *entry = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW,
                                            "NDR Line or Status Code");
  g_autoptr(GError) error = NULL;
  GtkWidget *message;

  paste_ndr (fixture, "550 5.9.99 Something new");
  message = kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                   "5.9.99 is not in Kanri’s table. "
                                   "Permanent failure: the message will not be retried.");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (gtk_widget_has_css_class (message, "warning"));

  paste_ndr (fixture, "4.9.99");
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                           "4.9.99 is not in Kanri’s table. Temporary failure: the "
                                           "sending server keeps the message and retries."));

  /* No code at all: the parser's own words, and no stale result. */
  paste_ndr (fixture, "the mail did not arrive");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (row_shown (fixture, "Meaning"));
  g_assert_null (kanri_ndr_parse ("the mail did not arrive", &error));
  message = kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL, error->message);
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (gtk_widget_has_css_class (message, "error"));

  paste_ndr (fixture, "");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (row_shown (fixture, "Code"));
}

static guint
count_shown_codes (GtkWidget *list)
{
  guint shown = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row) && gtk_widget_get_child_visible (row))
      shown++;

  return shown;
}

static void
test_ndr_table_search (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *search = kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *list;
  GtkWidget *first;

  /* The code table is the list box that holds the codes' expander rows. */
  list = gtk_widget_get_parent (kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_EXPANDER_ROW, NULL));
  g_assert_true (GTK_IS_LIST_BOX (list));
  g_assert_cmpuint (count_shown_codes (list), ==, kanri_ndr_get_n_codes ());

  /* A search entry reports changes after a short delay. */
  gtk_editable_set_text (GTK_EDITABLE (search), "5.4.316");
  kanri_test_iterate (400);
  g_assert_cmpuint (count_shown_codes (list), ==, 1);
  first = kanri_test_find_child (list, ADW_TYPE_EXPANDER_ROW, "5.4.316");
  g_assert_nonnull (first);
  g_assert_true (gtk_widget_get_child_visible (first));
  /* Its details are there once it is expanded. */
  g_assert_null (kanri_test_find_child (first, ADW_TYPE_ACTION_ROW, "Likely Cause"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (first), TRUE);
  {
    GtkWidget *cause = kanri_test_find_child (first, ADW_TYPE_ACTION_ROW, "Likely Cause");
    g_autofree char *text = NULL;

    g_assert_nonnull (cause);
    g_assert_true (pango_parse_markup (adw_action_row_get_subtitle (ADW_ACTION_ROW (cause)), -1, 0,
                                       NULL, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, kanri_ndr_code_get_cause (kanri_ndr_lookup ("5.4.316", NULL)));
  }
  scroll_to (fixture, search);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "delivery-ndr-table");

  /* Words of the meaning match too, whatever their case. */
  gtk_editable_set_text (GTK_EDITABLE (search), "RECIPIENT");
  kanri_test_iterate (400);
  g_assert_cmpuint (count_shown_codes (list), >, 1);
  g_assert_cmpuint (count_shown_codes (list), <, kanri_ndr_get_n_codes ());

  gtk_editable_set_text (GTK_EDITABLE (search), "no such thing anywhere");
  kanri_test_iterate (400);
  g_assert_cmpuint (count_shown_codes (list), ==, 0);
}

static void
test_ndr_narrow_dark (void)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  KanriPage *page = g_object_new (KANRI_TYPE_DELIVERY_PAGE, NULL);
  Fixture fixture = { .window = window, .page = page };
  g_autofree char *code = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (window, 360, 720);
  gtk_window_present (window);
  kanri_test_iterate (100);

  /* Without a tenant the decoder works all the same. */
  paste_ndr (&fixture, "450 4.4.316 Connection refused [Message=Socket error code 10061]");
  code = subtitle (&fixture, "Code");
  g_assert_true (g_str_has_prefix (code, "4.4.316 (SMTP 450) — "));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page)), <=, 360);
  scroll_to (&fixture, kanri_test_find_child (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "Code"));
  kanri_test_save_screenshot (GTK_WIDGET (window), "delivery-ndr-narrow-dark");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/delivery-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("current-value", test_reads_current_value);
  ADD ("hours-and-span", test_hours_and_span_follow_each_other);
  ADD ("invalid", test_invalid_value_explained);
  ADD ("ndr/line-decoded", test_ndr_line_decoded);
  ADD ("ndr/unknown-and-invalid", test_ndr_unknown_and_invalid);
  ADD ("ndr/table-search", test_ndr_table_search);

#undef ADD

  g_test_add_func ("/delivery-page/ndr/narrow-dark", test_ndr_narrow_dark);

  return g_test_run ();
}
