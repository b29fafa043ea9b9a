/* test-delivery-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kanri-delivery-page.h"
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

#undef ADD

  return g_test_run ();
}
