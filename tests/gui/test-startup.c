/* test-startup.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-application.h"
#include "kanri-page.h"
#include "kanri-page-slot.h"
#include "kanri-test-gui.h"
#include "kanri-window.h"

/* What the window does before its first frame, and what waits for it: a
 * program of its own, since the application opens its local model once. */

static guint
count_built_pages (KanriWindow *window)
{
  g_autoptr(GtkSelectionModel) pages = NULL;
  guint built = 0;

  pages = adw_view_stack_get_pages (ADW_VIEW_STACK (kanri_test_find_child (GTK_WIDGET (window),
                                                                           ADW_TYPE_VIEW_STACK, NULL)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *slot = adw_view_stack_page_get_child (page);

      if (kanri_page_slot_get_page (KANRI_PAGE_SLOT (slot)) != NULL)
        built++;
    }

  return built;
}

typedef struct
{
  KanriApplication *app;
  KanriWindow      *window;
  gboolean          drawn;
  gboolean          store_at_first_frame;
  guint             built_at_first_frame;
} Startup;

static void
first_frame_cb (KanriWindow *window,
                Startup     *startup)
{
  startup->drawn = TRUE;
  startup->built_at_first_frame = count_built_pages (window);
  startup->store_at_first_frame = kanri_application_get_store (startup->app) != NULL;
}

static gboolean
store_is_open (gpointer data)
{
  return kanri_application_get_store (data) != NULL;
}

/* The application hands the model to its windows once the tenants are
 * loaded too (the demo tenant's emulator starts on a thread): after the
 * store opens, and after or before the last page is built. */
static gboolean
window_has_store (gpointer data)
{
  return kanri_window_get_store (((Startup *)data)->window) != NULL;
}

static gboolean
all_built (gpointer data)
{
  Startup *startup = data;
  g_autofree GType *types = NULL;
  guint n_types;

  types = kanri_page_list_types (&n_types);
  return count_built_pages (startup->window) == n_types;
}

static gboolean
is_drawn (gpointer data)
{
  return ((Startup *)data)->drawn;
}

static void
test_first_frame_first (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree GType *types = NULL;
  Startup startup = { 0 };
  guint n_types;

  types = kanri_page_list_types (&n_types);
  g_assert_cmpuint (n_types, >, 1);

  startup.app = g_object_new (KANRI_TYPE_APPLICATION,
                              "application-id", APP_ID,
                              "flags", G_APPLICATION_NON_UNIQUE,
                              "resource-base-path", RESOURCE_BASE,
                              NULL);
  g_assert_true (g_application_register (G_APPLICATION (startup.app), NULL, NULL));

  /* The last page shown: the one page built before the first frame. */
  g_settings_set_string (settings, "last-page", "analyzer");
  g_application_activate (G_APPLICATION (startup.app));
  startup.window = KANRI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (startup.app)));
  g_assert_true (KANRI_IS_WINDOW (startup.window));
  g_assert_cmpstr (kanri_window_get_page_id (startup.window), ==, "analyzer");
  g_assert_cmpuint (count_built_pages (startup.window), ==, 1);
  g_assert_nonnull (kanri_page_slot_get_page (KANRI_PAGE_SLOT (adw_view_stack_get_child_by_name (
    ADW_VIEW_STACK (kanri_test_find_child (GTK_WIDGET (startup.window), ADW_TYPE_VIEW_STACK, NULL)),
    "analyzer"))));
  g_signal_connect (startup.window, "first-frame", G_CALLBACK (first_frame_cb), &startup);

  /* Nothing else starts before the window is on screen: no local model,
   * no other page. */
  g_assert_true (kanri_test_wait_for (is_drawn, &startup, 10000));
  g_assert_cmpuint (startup.built_at_first_frame, ==, 1);
  g_assert_false (startup.store_at_first_frame);

  /* After it, everything does, and every page has the model. */
  g_assert_true (kanri_test_wait_for (store_is_open, startup.app, 10000));
  g_assert_true (kanri_test_wait_for (all_built, &startup, 10000));
  g_assert_true (kanri_test_wait_for (window_has_store, &startup, 10000));
  g_assert_true (kanri_window_get_store (startup.window) == kanri_application_get_store (startup.app));
  g_assert_true (kanri_page_get_store (kanri_window_get_page (startup.window, "overview")) ==
                 kanri_application_get_store (startup.app));

  gtk_window_destroy (GTK_WINDOW (startup.window));
  kanri_test_iterate (50);
  g_settings_reset (settings, "last-page");
  g_clear_object (&startup.app);
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

  g_test_add_func ("/startup/first-frame-first", test_first_frame_first);

  return g_test_run ();
}
