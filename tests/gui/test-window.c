/* test-window.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kanri-analyzer-page.h"
#include "kanri-application.h"
#include "kanri-auditing-page.h"
#include "kanri-history.h"
#include "kanri-page.h"
#include "kanri-page-slot.h"
#include "kanri-preferences-window.h"
#include "kanri-split-layout.h"
#include "kanri-test-gui.h"
#include "kanri-window.h"

/* Two pages that exist only in this test: the window must find them by
 * themselves, and order them by their class's order, not by name. */
#define TEST_TYPE_ALPHA_PAGE (test_alpha_page_get_type ())
G_DECLARE_FINAL_TYPE (TestAlphaPage, test_alpha_page, TEST, ALPHA_PAGE, KanriPage)
struct _TestAlphaPage { KanriPage parent_instance; guint store_changes; };
G_DEFINE_FINAL_TYPE (TestAlphaPage, test_alpha_page, KANRI_TYPE_PAGE)

static void
test_alpha_page_store_changed (KanriPage *page)
{
  TEST_ALPHA_PAGE (page)->store_changes++;
}

static void
test_alpha_page_class_init (TestAlphaPageClass *klass)
{
  KANRI_PAGE_CLASS (klass)->store_changed = test_alpha_page_store_changed;
  kanri_page_class_set_info (KANRI_PAGE_CLASS (klass), "alpha", "Alpha", "mail-send-symbolic", 20);
}

static void
test_alpha_page_init (TestAlphaPage *self)
{
  adw_bin_set_child (ADW_BIN (self), gtk_label_new ("The alpha page"));
}

#define TEST_TYPE_BETA_PAGE (test_beta_page_get_type ())
G_DECLARE_FINAL_TYPE (TestBetaPage, test_beta_page, TEST, BETA_PAGE, KanriPage)
struct _TestBetaPage { KanriPage parent_instance; };
G_DEFINE_FINAL_TYPE (TestBetaPage, test_beta_page, KANRI_TYPE_PAGE)

static void
test_beta_page_class_init (TestBetaPageClass *klass)
{
  kanri_page_class_set_info (KANRI_PAGE_CLASS (klass), "beta", "Beta", "mail-inbox-symbolic", 10);
}

static void
test_beta_page_init (TestBetaPage *self)
{
  adw_bin_set_child (ADW_BIN (self), gtk_label_new ("The beta page"));
}

typedef struct
{
  KanriApplication *app;
  KanriWindow      *window;
  GSettings        *settings;
} Fixture;

/* One application for the whole test program, as in a real run: a
 * GApplication registers its object path on the bus once. */
static KanriApplication *the_app;

static gboolean
store_is_open (gpointer data)
{
  return kanri_application_get_store (data) != NULL;
}

static KanriWindow *
active_window (KanriApplication *app)
{
  return KANRI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

/* The pages of @window built so far, in sidebar order. */
static GPtrArray *
built_pages (KanriWindow *window)
{
  GPtrArray *built = g_ptr_array_new ();
  g_autoptr(GtkSelectionModel) pages = NULL;

  pages = adw_view_stack_get_pages (ADW_VIEW_STACK (kanri_test_find_child (GTK_WIDGET (window),
                                                                           ADW_TYPE_VIEW_STACK, NULL)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      KanriPage *built_page = kanri_page_slot_get_page (KANRI_PAGE_SLOT (adw_view_stack_page_get_child (page)));

      if (built_page != NULL)
        g_ptr_array_add (built, built_page);
    }

  return built;
}

static gboolean
all_pages_built (gpointer window)
{
  g_autofree GType *types = NULL;
  g_autoptr(GPtrArray) built = built_pages (window);
  guint n_types;

  types = kanri_page_list_types (&n_types);
  return built->len == n_types;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_ID);
  fixture->app = the_app;
  g_application_activate (G_APPLICATION (fixture->app));

  fixture->window = active_window (fixture->app);
  g_assert_true (KANRI_IS_WINDOW (fixture->window));
  g_assert_true (kanri_test_wait_for (store_is_open, fixture->app, 5000));
  /* The pages not shown are built after the first frame: a test starts
   * once they are, as a window does a moment after it opens. */
  g_assert_true (kanri_test_wait_for (all_pages_built, fixture->window, 5000));
  kanri_test_iterate (100);
}

static void
destroy_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  destroy_all_windows ();
  kanri_test_iterate (50);

  /* Each test starts from the default settings. */
  g_settings_reset (fixture->settings, "last-page");
  g_settings_reset (fixture->settings, "window-width");
  g_settings_reset (fixture->settings, "window-height");
  g_settings_reset (fixture->settings, "window-maximized");
  g_clear_object (&fixture->settings);
}

/* The pages Kanri has, in sidebar order. */
static const char *const kanri_pages[] = { "overview", "connectors", "analyzer", "recoverable-items",
                                           "auditing", "delivery", "dns", "operations", NULL };

/* The page list: an AdwNavigationSplitView's sidebar from libadwaita 1.4, a
 * KanriSplitLayout's before. */
static GtkListBox *
sidebar_list (KanriWindow *window)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  GtkWidget *split = kanri_test_find_child (GTK_WIDGET (window), ADW_TYPE_NAVIGATION_SPLIT_VIEW, NULL);
  GtkWidget *sidebar = GTK_WIDGET (adw_navigation_split_view_get_sidebar (ADW_NAVIGATION_SPLIT_VIEW (split)));
#else
  GtkWidget *split = kanri_test_find_child (GTK_WIDGET (window), KANRI_TYPE_SPLIT_LAYOUT, NULL);
  GtkWidget *sidebar = kanri_split_layout_get_sidebar (KANRI_SPLIT_LAYOUT (split));
#endif

  return GTK_LIST_BOX (kanri_test_find_child (sidebar, GTK_TYPE_LIST_BOX, NULL));
}

static guint
row_index (GtkListBox *list,
           const char *page_id)
{
  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (gtk_list_box_get_row_at_index (list, i))), page_id) == 0)
        return i;
    }

  return G_MAXUINT;
}

static void
test_pages_listed_in_order (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkListBox *list = sidebar_list (fixture->window);
  guint n_rows = 0;

  /* The test's pages, among Kanri's, in the order their classes give. */
  g_assert_cmpuint (row_index (list, "overview"), <, row_index (list, "beta"));
  g_assert_cmpuint (row_index (list, "beta"), <, row_index (list, "alpha"));
  g_assert_cmpuint (row_index (list, "alpha"), <, row_index (list, "operations"));
  g_assert_cmpuint (row_index (list, "operations"), !=, G_MAXUINT);

  /* Only pages that exist: Kanri's and the two of this test. */
  while (gtk_list_box_get_row_at_index (list, n_rows) != NULL)
    {
      const char *id = gtk_widget_get_name (GTK_WIDGET (gtk_list_box_get_row_at_index (list, n_rows)));

      g_assert_true (g_strv_contains (kanri_pages, id) || g_str_equal (id, "alpha") ||
                     g_str_equal (id, "beta"));
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, g_strv_length ((char **)kanri_pages) + 2);

  /* The default page is the Overview, and its row is selected. */
  g_assert_cmpstr (kanri_window_get_page_id (fixture->window), ==, "overview");
  g_assert_true (gtk_list_box_get_selected_row (list) ==
                 gtk_list_box_get_row_at_index (list, row_index (list, "overview")));
}

static void
test_row_switches_page_and_is_remembered (Fixture       *fixture,
                                          gconstpointer  data)
{
  GtkListBox *list = sidebar_list (fixture->window);
  g_autofree char *saved = NULL;
  KanriWindow *second_window;

  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, row_index (list, "alpha")));
  g_assert_cmpstr (kanri_window_get_page_id (fixture->window), ==, "alpha");

  saved = g_settings_get_string (fixture->settings, "last-page");
  g_assert_cmpstr (saved, ==, "alpha");

  /* A new window opens where the last one was. */
  second_window = kanri_window_new (GTK_APPLICATION (fixture->app));
  g_assert_cmpstr (kanri_window_get_page_id (second_window), ==, "alpha");
  gtk_window_destroy (GTK_WINDOW (second_window));

  g_assert_true (kanri_window_show_page (fixture->window, "beta"));
  g_assert_false (kanri_window_show_page (fixture->window, "no-such-page"));
  g_assert_cmpstr (kanri_window_get_page_id (fixture->window), ==, "beta");
}

/* Every page gets the store and the current tenant, whenever it is built. */
static void
check_pages_have_model (KanriWindow *window,
                        KanriStore  *store)
{
  KanriTenants *tenants = kanri_window_get_tenants (window);
  g_autoptr(GPtrArray) built = built_pages (window);
  TestAlphaPage *alpha = NULL;

  for (guint i = 0; i < built->len; i++)
    {
      KanriPage *page = built->pdata[i];

      g_assert_true (kanri_page_get_store (page) == store);
      g_assert_true (kanri_page_get_tenant (page) == (tenants ? kanri_tenants_get_current (tenants) : NULL));
      if (TEST_IS_ALPHA_PAGE (page))
        alpha = TEST_ALPHA_PAGE (page);
    }

  g_assert_nonnull (alpha);
  g_assert_cmpuint (alpha->store_changes, ==, 1);
}

static void
test_pages_get_the_store (Fixture       *fixture,
                          gconstpointer  data)
{
  KanriStore *store = kanri_application_get_store (fixture->app);

  g_assert_true (kanri_window_get_store (fixture->window) == store);
  g_assert_true (kanri_test_wait_for (all_pages_built, fixture->window, 5000));
  check_pages_have_model (fixture->window, store);
}

/* A new window builds only the page it shows; the others come after its
 * first frame, and get the model then. */
static void
test_pages_built_lazily (Fixture       *fixture,
                         gconstpointer  data)
{
  KanriStore *store = kanri_application_get_store (fixture->app);
  g_autoptr(GPtrArray) built = NULL;
  KanriWindow *window;

  g_settings_set_string (fixture->settings, "last-page", "beta");
  window = kanri_window_new (GTK_APPLICATION (fixture->app));
  built = built_pages (window);
  g_assert_cmpuint (built->len, ==, 1);
  g_assert_true (TEST_IS_BETA_PAGE (built->pdata[0]));
  g_assert_cmpstr (kanri_window_get_page_id (window), ==, "beta");

  /* Not drawn, nothing else is built; asked for, a page is. */
  kanri_window_set_store (window, store);
  kanri_window_set_tenants (window, kanri_window_get_tenants (fixture->window));
  kanri_test_iterate (50);
  g_clear_pointer (&built, g_ptr_array_unref);
  built = built_pages (window);
  g_assert_cmpuint (built->len, ==, 1);
  g_assert_true (kanri_page_get_store (built->pdata[0]) == store);

  g_assert_true (TEST_IS_ALPHA_PAGE (kanri_window_get_page (window, "alpha")));
  g_assert_null (kanri_window_get_page (window, "no-such-page"));
  g_clear_pointer (&built, g_ptr_array_unref);
  built = built_pages (window);
  g_assert_cmpuint (built->len, ==, 2);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kanri_test_wait_for (all_pages_built, window, 5000));
  check_pages_have_model (window, store);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_action (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
    }

  return FALSE;
}

static GtkWindow *
find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
        found = l->data;
    }
  g_list_free (toplevels);

  return found;
}

/* The keyboard shortcuts that win.show-help-overlay shows: an
 * AdwShortcutsDialog from libadwaita 1.8, a GtkShortcutsWindow before. */
static GtkWidget *
show_shortcuts (Fixture *fixture)
{
  GtkWidget *shortcuts;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL);
  kanri_test_iterate (50);
#if ADW_CHECK_VERSION (1, 8, 0)
  shortcuts = kanri_test_find_child (GTK_WIDGET (fixture->window), ADW_TYPE_SHORTCUTS_DIALOG, NULL);
  /* Not the window GtkApplication would make from gtk/help-overlay.ui. */
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
#else
  shortcuts = GTK_WIDGET (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
#endif
  g_assert_nonnull (shortcuts);

  return shortcuts;
}

static void
close_shortcuts (GtkWidget *shortcuts)
{
#if ADW_CHECK_VERSION (1, 8, 0)
  adw_dialog_force_close (ADW_DIALOG (shortcuts));
#else
  gtk_window_destroy (GTK_WINDOW (shortcuts));
#endif
}

static void
test_primary_menu (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkMenuButton *button;
  GMenuModel *menu;
  GtkWidget *about;
  GtkWidget *preferences;
  g_autofree char *version = NULL;
  g_autofree char *application_name = NULL;
  GtkLicense license;

  button = GTK_MENU_BUTTON (kanri_test_find_child (GTK_WIDGET (fixture->window),
                                                   GTK_TYPE_MENU_BUTTON, "open-menu-symbolic"));
  g_assert_nonnull (button);
  g_assert_true (gtk_menu_button_get_primary (button));

  menu = gtk_menu_button_get_menu_model (button);
  g_assert_true (menu_has_action (menu, "app.preferences"));
  g_assert_true (menu_has_action (menu, "win.show-help-overlay"));
  g_assert_true (menu_has_action (menu, "app.about"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "app.about", NULL);
#if ADW_CHECK_VERSION (1, 5, 0)
  about = kanri_test_find_child (GTK_WIDGET (fixture->window), ADW_TYPE_ABOUT_DIALOG, NULL);
#else
  about = GTK_WIDGET (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
#endif
  g_assert_nonnull (about);
  g_object_get (about,
                "version", &version,
                "application-name", &application_name,
                "license-type", &license,
                NULL);
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (application_name, ==, "Kanri");
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);
  kanri_test_iterate (200);
  kanri_test_save_screenshot (about, "about");
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_force_close (ADW_DIALOG (about));
#else
  gtk_window_destroy (GTK_WINDOW (about));
#endif

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "app.preferences", NULL);
#if ADW_CHECK_VERSION (1, 5, 0)
  preferences = kanri_test_find_child (GTK_WIDGET (fixture->window), KANRI_TYPE_PREFERENCES_WINDOW, NULL);
  g_assert_nonnull (preferences);
  adw_dialog_force_close (ADW_DIALOG (preferences));
#else
  preferences = GTK_WIDGET (find_toplevel (KANRI_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  gtk_window_destroy (GTK_WINDOW (preferences));
#endif

  close_shortcuts (show_shortcuts (fixture));
}

static gboolean
window_wide (gpointer data)
{
  return gtk_widget_get_width (data) >= 1000;
}

static gboolean
window_narrow (gpointer data)
{
  return gtk_widget_get_width (data) <= 400;
}

static gboolean
mapped (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

#if ADW_CHECK_VERSION (1, 4, 0)
typedef struct
{
  AdwNavigationSplitView *split;
  gboolean                collapsed;
} CollapseWait;

static gboolean
collapsed_is (gpointer data)
{
  CollapseWait *wait = data;

  return adw_navigation_split_view_get_collapsed (wait->split) == wait->collapsed;
}

/* The button back to the page list, that the page's header bar has while
 * the page lies over the list. */
static GtkWidget *
back_button (KanriWindow *window)
{
  GtkWidget *split = kanri_test_find_child (GTK_WIDGET (window), ADW_TYPE_NAVIGATION_SPLIT_VIEW, NULL);
  GtkWidget *page = GTK_WIDGET (adw_navigation_split_view_get_content (ADW_NAVIGATION_SPLIT_VIEW (split)));

  return kanri_test_find_child (page, GTK_TYPE_BUTTON, "go-previous-symbolic");
}

static void
test_narrow_window_collapses_sidebar (Fixture       *fixture,
                                      gconstpointer  data)
{
  AdwNavigationSplitView *split;
  GtkListBox *list = sidebar_list (fixture->window);
  GtkWidget *alpha;
  CollapseWait wait;

  split = ADW_NAVIGATION_SPLIT_VIEW (kanri_test_find_child (GTK_WIDGET (fixture->window),
                                                            ADW_TYPE_NAVIGATION_SPLIT_VIEW, NULL));
  alpha = GTK_WIDGET (kanri_window_get_page (fixture->window, "alpha"));

  /* Wide: side by side, nothing to go back to. The X server's answer to
   * this size comes first: one that arrived after the next request would
   * read as the user's own resize, which GTK then keeps. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  g_assert_true (kanri_test_wait_for (window_wide, fixture->window, 3000));
  wait = (CollapseWait) { split, FALSE };
  g_assert_true (kanri_test_wait_for (collapsed_is, &wait, 3000));
  g_assert_true (kanri_test_wait_settled (GTK_WIDGET (fixture->window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (adw_navigation_split_view_get_content (split))));
  g_assert_false (mapped (back_button (fixture->window)));
  kanri_test_iterate (200);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "window-wide");

  /* 360 px, a phone's width: the page list, the page under it. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  wait = (CollapseWait) { split, TRUE };
  if (!kanri_test_wait_for (collapsed_is, &wait, 3000))
    g_error ("Not collapsed at 360 px: window %d px wide",
             gtk_widget_get_width (GTK_WIDGET (fixture->window)));
  g_assert_true (kanri_test_wait_settled (GTK_WIDGET (fixture->window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 400);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (adw_navigation_split_view_get_content (split))));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "window-narrow-sidebar");

  /* Choosing a page brings it over the list, with the way back. */
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, row_index (list, "alpha")));
  g_assert_true (adw_navigation_split_view_get_show_content (split));
  g_assert_cmpstr (kanri_window_get_page_id (fixture->window), ==, "alpha");
  g_assert_true (kanri_test_wait_settled (GTK_WIDGET (fixture->window)));
  g_assert_true (gtk_widget_get_mapped (alpha));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (list)));
  g_assert_true (mapped (back_button (fixture->window)));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "window-narrow");

  /* F9 goes from one to the other. (Each slide is let finish: libadwaita
   * 1.10 warns of a snapshot without an allocation when the split view
   * comes apart in the middle of one.) */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-sidebar", NULL);
  g_assert_false (adw_navigation_split_view_get_show_content (split));
  g_assert_true (kanri_test_wait_settled (GTK_WIDGET (fixture->window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-sidebar", NULL);
  g_assert_true (adw_navigation_split_view_get_show_content (split));
  g_assert_true (kanri_test_wait_settled (GTK_WIDGET (fixture->window)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (list)));

  /* Back to wide: both again, and F9 leaves them be. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  wait = (CollapseWait) { split, FALSE };
  g_assert_true (kanri_test_wait_for (collapsed_is, &wait, 3000));
  g_assert_true (kanri_test_wait_settled (GTK_WIDGET (fixture->window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));
  g_assert_true (gtk_widget_get_mapped (alpha));
  g_assert_false (mapped (back_button (fixture->window)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-sidebar", NULL);
  g_assert_true (adw_navigation_split_view_get_show_content (split));
}
#else
typedef struct
{
  KanriSplitLayout *split;
  GtkWidget        *sidebar_button;
  gboolean          collapsed;
} CollapseWait;

static gboolean
collapsed_is (gpointer data)
{
  CollapseWait *wait = data;

  /* The toggle follows from an idle after the allocation: wait for both. */
  return kanri_split_layout_get_collapsed (wait->split) == wait->collapsed &&
         gtk_widget_get_visible (wait->sidebar_button) == wait->collapsed;
}

static void
test_narrow_window_collapses_sidebar (Fixture       *fixture,
                                      gconstpointer  data)
{
  KanriSplitLayout *split;
  GtkWidget *sidebar_button;
  GtkListBox *list = sidebar_list (fixture->window);
  CollapseWait wait;

  split = KANRI_SPLIT_LAYOUT (kanri_test_find_child (GTK_WIDGET (fixture->window),
                                                     KANRI_TYPE_SPLIT_LAYOUT, NULL));
  sidebar_button = kanri_test_find_child (GTK_WIDGET (fixture->window),
                                          GTK_TYPE_TOGGLE_BUTTON, "sidebar-show-symbolic");

  /* Wide: side by side, no toggle. The X server's answer to this size comes
   * first: one that arrived after the next request would read as the user's
   * own resize, which GTK then keeps (seen in the slower sanitizer build). */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  g_assert_true (kanri_test_wait_for (window_wide, fixture->window, 3000));
  wait = (CollapseWait) { split, sidebar_button, FALSE };
  g_assert_true (kanri_test_wait_for (collapsed_is, &wait, 3000));
  g_assert_false (gtk_widget_get_visible (sidebar_button));
  kanri_test_iterate (200);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "window-wide");

  /* 360 px, a phone's width: the sidebar hides behind the toggle. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  wait = (CollapseWait) { split, sidebar_button, TRUE };
  if (!kanri_test_wait_for (collapsed_is, &wait, 3000))
    {
      int minimum = 0;

      gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      g_error ("Not collapsed at 360 px: window %d px wide (minimum %d), split %s, toggle %s",
               gtk_widget_get_width (GTK_WIDGET (fixture->window)), minimum,
               kanri_split_layout_get_collapsed (split) ? "collapsed" : "side by side",
               gtk_widget_get_visible (sidebar_button) ? "shown" : "hidden");
    }
  kanri_test_iterate (100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 400);
  g_assert_true (gtk_widget_get_visible (sidebar_button));
  g_assert_false (gtk_widget_get_child_visible (kanri_split_layout_get_sidebar (split)));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "window-narrow");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-sidebar", NULL);
  kanri_test_iterate (100);
  g_assert_true (kanri_split_layout_get_show_sidebar (split));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (sidebar_button)));
  g_assert_true (gtk_widget_get_child_visible (kanri_split_layout_get_sidebar (split)));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "window-narrow-sidebar");

  /* Choosing a page puts the sidebar away. */
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, row_index (list, "alpha")));
  g_assert_false (kanri_split_layout_get_show_sidebar (split));
  g_assert_cmpstr (kanri_window_get_page_id (fixture->window), ==, "alpha");

  /* Back to wide: the toggle goes away again. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  wait = (CollapseWait) { split, sidebar_button, FALSE };
  g_assert_true (kanri_test_wait_for (collapsed_is, &wait, 3000));
  g_assert_false (gtk_widget_get_visible (sidebar_button));
}

#endif

typedef struct
{
  GtkWidget *page;
  GtkWidget *list;
} FrontWait;

static gboolean
page_in_front (gpointer data)
{
  FrontWait *wait = data;

  return mapped (wait->page) && !mapped (wait->list);
}

static gboolean
list_shown (gpointer data)
{
  FrontWait *wait = data;

  return mapped (wait->list);
}

/* The way from a page to the page list in a narrow window: the header bar's
 * back button from libadwaita 1.4, the toggle that shows the sidebar over
 * the page before. */
static GtkWidget *
way_to_the_list (KanriWindow *window)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  return back_button (window);
#else
  return kanri_test_find_child (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "sidebar-show-symbolic");
#endif
}

/* At a phone's width every page is still a tap away: the page list there
 * to choose from, the page chosen then in front of it, and back. */
static void
test_narrow_page_list (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkListBox *list = sidebar_list (fixture->window);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, row_index (list, "alpha"));
  FrontWait wait = { NULL, GTK_WIDGET (list) };

  wait.page = GTK_WIDGET (kanri_window_get_page (fixture->window, "alpha"));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  g_assert_true (kanri_test_wait_for (window_narrow, fixture->window, 3000));
  g_assert_true (kanri_test_wait_settled (GTK_WIDGET (fixture->window)));

#if ADW_CHECK_VERSION (1, 4, 0)
  /* The list is what a narrow window opens on. */
  g_assert_true (kanri_test_wait_for (list_shown, &wait, 3000));
#else
  /* The sidebar is behind its toggle. */
  g_assert_true (kanri_test_wait_for ((gboolean (*) (gpointer))mapped, way_to_the_list (fixture->window), 3000));
  gtk_widget_activate (way_to_the_list (fixture->window));
  g_assert_true (kanri_test_wait_for (list_shown, &wait, 3000));
#endif
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));

  /* A row activated as a click or Enter does it. */
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_cmpstr (kanri_window_get_page_id (fixture->window), ==, "alpha");
  g_assert_true (kanri_test_wait_for (page_in_front, &wait, 3000));
  g_assert_true (kanri_test_wait_settled (GTK_WIDGET (fixture->window)));
  g_assert_true (mapped (way_to_the_list (fixture->window)));

  /* And back to the list, which still shows the page chosen. */
  gtk_widget_activate (way_to_the_list (fixture->window));
  g_assert_true (kanri_test_wait_for (list_shown, &wait, 3000));
  g_assert_true (gtk_list_box_get_selected_row (list) == row);

#if ADW_CHECK_VERSION (1, 4, 0)
  /* A page shown for the user ("Open With Kanri", a link on the Overview)
   * comes in front of the list too. */
  g_assert_true (kanri_window_show_page (fixture->window, "beta"));
  wait.page = GTK_WIDGET (kanri_window_get_page (fixture->window, "beta"));
  g_assert_true (kanri_test_wait_for (page_in_front, &wait, 3000));
#endif
}

static void
test_dark_style (Fixture       *fixture,
                 gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  kanri_test_iterate (200);
  g_assert_true (adw_style_manager_get_dark (style));
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "window-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* The window has its first size from the display: a size set before that
 * would be undone by it. */
static gboolean
window_sized (gpointer data)
{
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (data, &width, &height);
  return gtk_widget_get_mapped (data) && ABS (gtk_widget_get_width (data) - width) <= 20;
}

static void
test_size_saved_on_close (Fixture       *fixture,
                          gconstpointer  data)
{
  g_assert_true (kanri_test_wait_for (window_sized, fixture->window, 5000));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 650);
  kanri_test_iterate (100);
  gtk_window_close (GTK_WINDOW (fixture->window));
  kanri_test_iterate (50);

  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));
}

static void
test_size_restored (Fixture       *fixture,
                    gconstpointer  data)
{
  KanriWindow *window;
  int width, height;

  g_settings_set_int (fixture->settings, "window-width", 777);
  g_settings_set_int (fixture->settings, "window-height", 555);

  window = kanri_window_new (GTK_APPLICATION (fixture->app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 777);
  g_assert_cmpint (height, ==, 555);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_error_replaces_pages (Fixture       *fixture,
                           gconstpointer  data)
{
  AdwStatusPage *status;
  GtkStack *main_stack;

  kanri_window_show_error (fixture->window, "Kanri Cannot Open Its Data", "Schema 99 is too new");

  status = ADW_STATUS_PAGE (kanri_test_find_child (GTK_WIDGET (fixture->window),
                                                   ADW_TYPE_STATUS_PAGE,
                                                   "Kanri Cannot Open Its Data"));
  g_assert_nonnull (status);
  main_stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (status), GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "error");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Kanri Cannot Open Its Data");
  g_assert_cmpstr (adw_status_page_get_description (status), ==, "Schema 99 is too new");
}

static gboolean
not_sorting (gpointer data)
{
  return !kanri_analyzer_page_get_sorting (data);
}

static gboolean
batch_done (gpointer data)
{
  return !kanri_batch_view_get_running (data) && kanri_batch_view_get_summary (data) != NULL;
}

static void
test_open_files (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", "relay-pool.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };
  KanriAnalyzerPage *analyzer;
  GListModel *inputs;

  /* "Open With Kanri" on a message: the Header Analyzer, with it. */
  g_assert_cmpstr (kanri_window_get_page_id (fixture->window), ==, "overview");
  g_application_open (G_APPLICATION (fixture->app), files, 1, "");
  kanri_test_iterate (200);

  g_assert_cmpstr (kanri_window_get_page_id (fixture->window), ==, "analyzer");
  analyzer = KANRI_ANALYZER_PAGE (kanri_window_get_page (fixture->window, "analyzer"));
  /* Told apart from an mbox in a worker thread first. */
  g_assert_true (kanri_test_wait_for (not_sorting, analyzer, 5000));
  inputs = kanri_analyzer_page_get_inputs (analyzer);
  g_assert_cmpuint (g_list_model_get_n_items (inputs), ==, 1);
  g_assert_cmpstr (kanri_analysis_get_title (kanri_analyzer_page_get_current (analyzer)), ==, "relay-pool.eml");
  g_assert_false (kanri_analyzer_page_get_showing_batch (analyzer));

  /* On an mbox file: a batch analysis of its messages. */
  {
    g_autofree char *text = NULL;
    g_autofree char *mbox_text = NULL;
    g_autofree char *mbox_path = g_build_filename (g_get_user_cache_dir (), "open-with.mbox", NULL);
    g_autoptr(GFile) mbox = g_file_new_for_path (mbox_path);
    GFile *mboxes[] = { mbox };
    KanriBatchView *view = kanri_analyzer_page_get_batch_view (analyzer);

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    mbox_text = g_strdup_printf ("From a@example.com Mon Dec  7 10:00:00 2026\n%s\n", text);
    g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
    g_assert_true (g_file_set_contents (mbox_path, mbox_text, -1, NULL));

    g_application_open (G_APPLICATION (fixture->app), mboxes, 1, "");
    g_assert_true (kanri_test_wait_for (not_sorting, analyzer, 5000));
    g_assert_true (kanri_analyzer_page_get_showing_batch (analyzer));
    g_assert_true (kanri_test_wait_for (batch_done, view, 10000));
    g_assert_cmpint (kanri_batch_view_get_run_id (view), >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (inputs), ==, 1);
    g_remove (mbox_path);
  }
}

/* Whether @accelerator is shown, with @title beside it. */
static gboolean
shortcut_listed (GtkWidget  *widget,
                 const char *accelerator,
                 const char *title)
{
#if ADW_CHECK_VERSION (1, 8, 0)
  /* An item is a row: its title, and an AdwShortcutLabel. */
  if (ADW_IS_SHORTCUT_LABEL (widget))
    {
      GtkWidget *row = gtk_widget_get_parent (widget);

      while (row != NULL && !GTK_IS_LIST_BOX_ROW (row))
        row = gtk_widget_get_parent (row);
      if (g_strcmp0 (adw_shortcut_label_get_accelerator (ADW_SHORTCUT_LABEL (widget)), accelerator) == 0 &&
          row != NULL && kanri_test_find_child (row, GTK_TYPE_LABEL, title) != NULL)
        return TRUE;
    }
#else
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *value = NULL;
      g_autofree char *shown_title = NULL;

      g_object_get (widget, "accelerator", &value, "title", &shown_title, NULL);
      if (g_strcmp0 (value, accelerator) == 0 && g_strcmp0 (shown_title, title) == 0)
        return TRUE;
    }
#endif

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (shortcut_listed (child, accelerator, title))
        return TRUE;
    }

  return FALSE;
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  GtkApplication *app = GTK_APPLICATION (fixture->app);
  const char *const expected[][2] = {
    { "win.find", "<Control>f" },
    { "win.sync", "F5" },
    { "window.close", "<Control>w" },
    { "win.toggle-sidebar", "F9" },
  };
  /* Every shortcut Kanri has: kanri-application.c's, the window's F9,
   * the Header Analyzer's, and the wizards' keys (kanri-wizard.c). */
  const char *const listed[][2] = {
    { "F9", "Show or hide the pages" },
    { "<Control>comma", "Preferences" },
    { "<Control>question", "Keyboard shortcuts" },
    { "<Control>f", "Search the page" },
    { "F5", "Sync the tenant" },
    { "<Control>w", "Close the window" },
    { "<Control>q", "Quit" },
    { "<Control>o", "Open messages" },
    { "<Shift><Control>o", "Analyze folders" },
    { "<Control>v", "Paste headers" },
    { "Return", "Next step" },
    { "Escape", "Cancel" },
  };
  g_auto(GStrv) help_accels = NULL;
  GtkWidget *focus;
  GtkWidget *shortcuts;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, expected[i][0]);

      g_assert_true (g_strv_contains ((const char *const *)accels, expected[i][1]));
    }

  /* Ctrl+F: the search field of the page shown. */
  g_assert_true (kanri_window_show_page (fixture->window, "auditing"));
  kanri_test_iterate (100);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
  g_assert_nonnull (gtk_widget_get_ancestor (focus, KANRI_TYPE_AUDITING_PAGE));

  /* Every one in the shortcuts window, the Header Analyzer's too. */
  help_accels = gtk_application_get_accels_for_action (app, "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char *const *)help_accels, "<Control>question"));
  shortcuts = show_shortcuts (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
    {
      if (!shortcut_listed (shortcuts, listed[i][0], listed[i][1]))
        g_error ("%s (%s) is not in the shortcuts window", listed[i][0], listed[i][1]);
    }
  kanri_test_save_screenshot (shortcuts, "shortcuts");
  close_shortcuts (shortcuts);
}

static void
test_toast (Fixture       *fixture,
            gconstpointer  data)
{
  /* The toast overlay takes the toast; a page reaches it through its ancestors. */
  kanri_window_add_toast (fixture->window, adw_toast_new ("Saved"));
  kanri_test_iterate (100);
  g_assert_nonnull (kanri_test_find_child (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "Saved"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  kanri_test_gui_init (&argc, &argv);

  g_type_ensure (TEST_TYPE_ALPHA_PAGE);
  g_type_ensure (TEST_TYPE_BETA_PAGE);

  the_app = g_object_new (KANRI_TYPE_APPLICATION,
                          "application-id", APP_ID,
                          "flags", G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                          "resource-base-path", RESOURCE_BASE,
                          NULL);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add ("/window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("pages-in-order", test_pages_listed_in_order);
  ADD ("row-switches-page", test_row_switches_page_and_is_remembered);
  ADD ("pages-get-store", test_pages_get_the_store);
  ADD ("pages-built-lazily", test_pages_built_lazily);
  ADD ("primary-menu", test_primary_menu);
  ADD ("narrow-collapses", test_narrow_window_collapses_sidebar);
  ADD ("narrow-page-list", test_narrow_page_list);
  ADD ("dark", test_dark_style);
  ADD ("size-saved", test_size_saved_on_close);
  ADD ("size-restored", test_size_restored);
  ADD ("error-replaces-pages", test_error_replaces_pages);
  ADD ("toast", test_toast);
  ADD ("open-files", test_open_files);
  ADD ("keyboard", test_keyboard);

#undef ADD

  status = g_test_run ();
  g_clear_object (&the_app);

  return status;
}
