/* test-overview-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-overview-page.h"
#include <glib/gstdio.h>

#include "kanri-test-gui.h"

typedef struct
{
  KanriStore   *store;
  KanriTenant  *tenant;
  GtkWindow    *window;
  KanriPage    *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "overview.db", NULL);

  g_remove (path);
  fixture->store = kanri_store_open (path, &error);
  g_assert_no_error (error);
  fixture->tenant = kanri_tenant_new (fixture->store, "t1", "contoso.onmicrosoft.com",
                                      KANRI_TENANT_MICROSOFT365, "worldwide",
                                      "admin@contoso.onmicrosoft.com", &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (adw_window_new ());
  fixture->page = g_object_new (KANRI_TYPE_OVERVIEW_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 800, 900);
  gtk_window_present (fixture->window);
  kanri_page_set_tenant (fixture->page, fixture->tenant);
  kanri_test_iterate (100);
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
row_subtitle (Fixture    *fixture,
              const char *title)
{
  GtkWidget *row = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
test_tenant_details (Fixture       *fixture,
                     gconstpointer  data)
{
  g_assert_cmpstr (row_subtitle (fixture, "Name"), ==, "contoso.onmicrosoft.com");
  g_assert_cmpstr (row_subtitle (fixture, "Cloud"), ==, "Microsoft 365 (worldwide and GCC)");
  g_assert_cmpstr (row_subtitle (fixture, "Signed In As"), ==, "admin@contoso.onmicrosoft.com");
  /* Not connected (no client): it says so, and Sync now cannot be pressed. */
  g_assert_cmpstr (row_subtitle (fixture, "Last Sync"), ==, "Not connected: sign in again");
  g_assert_false (gtk_widget_get_sensitive (kanri_test_find_child (GTK_WIDGET (fixture->page),
                                                                   GTK_TYPE_BUTTON, "_Sync Now")));
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL, "0"));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "overview-not-connected");
}

static void
test_findings_listed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *row;

  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                           "Nothing needs a look."));

  g_ptr_array_add (findings, kanri_finding_new ("mx:contoso.com", KANRI_FINDING_WARNING,
                                                "MX points to mx1.mailgate.fabrikam.net",
                                                "Without enhanced filtering, SPF and DMARC are "
                                                "evaluated on the gateway's IP.", "connectors"));
  kanri_tenant_set_findings (fixture->tenant, "connectors", findings);
  kanri_test_iterate (100);

  row = kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW,
                               "MX points to mx1.mailgate.fabrikam.net");
  g_assert_nonnull (row);
  /* It leads to the page that deals with it. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.show-page");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row)), NULL),
                   ==, "connectors");
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "overview-findings");

  /* The page's new report replaces it. */
  g_ptr_array_set_size (findings, 0);
  kanri_tenant_set_findings (fixture->tenant, "connectors", findings);
  kanri_test_iterate (100);
  g_assert_null (kanri_test_find_child (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW,
                                        "MX points to mx1.mailgate.fabrikam.net"));
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

  g_test_add ("/overview-page/tenant-details", Fixture, NULL, fixture_set_up, test_tenant_details, fixture_tear_down);
  g_test_add ("/overview-page/findings", Fixture, NULL, fixture_set_up, test_findings_listed, fixture_tear_down);

  return g_test_run ();
}
