/* test-preferences.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-alert.h"
#include "kanri-history.h"
#include "kanri-preferences-window.h"
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

/* The preferences as the user sees them: shown. From libadwaita 1.5 they are
 * an AdwDialog, whose content is in the widget tree only once it is
 * presented (before, it is not under the dialog at all). */
static KanriPreferencesWindow *
open_preferences (KanriStore *store)
{
  KanriPreferencesWindow *window = kanri_preferences_window_new (store);

  kanri_preferences_window_present (window, NULL);
  return window;
}

static void
close_preferences (KanriPreferencesWindow *window)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_force_close (ADW_DIALOG (window));
#else
  gtk_window_destroy (GTK_WINDOW (window));
#endif
}

/* Verifying signatures (DNS queries for their keys) can be turned off. */
static void
test_verify_switch_persists (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  KanriPreferencesWindow *window = open_preferences (NULL);
  GtkSwitch *verify_switch = GTK_SWITCH (kanri_test_find_by_id (GTK_WIDGET (window), "verify_switch"));

  g_assert_nonnull (verify_switch);
  g_assert_true (gtk_switch_get_active (verify_switch));
  gtk_switch_set_active (verify_switch, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "verify-signatures"));
  close_preferences (window);

  window = open_preferences (NULL);
  verify_switch = GTK_SWITCH (kanri_test_find_by_id (GTK_WIDGET (window), "verify_switch"));
  g_assert_false (gtk_switch_get_active (verify_switch));
  close_preferences (window);
  g_settings_reset (settings, "verify-signatures");
}

static void
test_history_switch_persists (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  KanriPreferencesWindow *window = open_preferences (NULL);
  GtkSwitch *history_switch;

  history_switch = GTK_SWITCH (kanri_test_find_child (GTK_WIDGET (window), GTK_TYPE_SWITCH, NULL));
  g_assert_nonnull (history_switch);
  g_assert_true (gtk_switch_get_active (history_switch));
  g_assert_true (g_settings_get_boolean (settings, "analysis-history"));

  gtk_switch_set_active (history_switch, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "analysis-history"));

  /* And the other way: a new window shows what is saved. */
  close_preferences (window);
  window = open_preferences (NULL);
  history_switch = GTK_SWITCH (kanri_test_find_child (GTK_WIDGET (window), GTK_TYPE_SWITCH, NULL));
  g_assert_false (gtk_switch_get_active (history_switch));
  close_preferences (window);
  g_settings_reset (settings, "analysis-history");
}

static void
test_clear_history_after_confirmation (void)
{
  g_autoptr(KanriStore) store = open_store ("clear-history.db");
  g_autoptr(GError) error = NULL;
  KanriHistory *history = kanri_history_get_for_store (store);
  KanriPreferencesWindow *window;
  AdwActionRow *row;
  GtkWidget *dialog;

  kanri_history_add (history, "a.eml", "One", "{}", &error);
  kanri_history_add (history, "b.eml", "Two", "{}", &error);
  g_assert_no_error (error);

  window = open_preferences (store);
  row = ADW_ACTION_ROW (kanri_test_find_child (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW,
                                               "Saved Analyses"));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "2 analyses");
  kanri_test_iterate (100);
  kanri_test_save_screenshot (GTK_WIDGET (window), "preferences");

  /* Cancelling keeps everything. */
  gtk_widget_activate_action (GTK_WIDGET (window), "preferences.clear-history", NULL);
  dialog = kanri_test_find_alert ();
  g_assert_nonnull (dialog);
  kanri_alert_respond (dialog, "cancel");
  g_assert_cmpint (kanri_history_count (history, &error), ==, 2);
  kanri_test_iterate (50);

  gtk_widget_activate_action (GTK_WIDGET (window), "preferences.clear-history", NULL);
  dialog = kanri_test_find_alert ();
  g_assert_nonnull (dialog);
  kanri_alert_respond (dialog, "clear");
  g_assert_cmpint (kanri_history_count (history, &error), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "None");

  /* Nothing left to clear. */
  g_assert_false (gtk_widget_is_sensitive (kanri_test_find_child (GTK_WIDGET (window),
                                                                  GTK_TYPE_BUTTON,
                                                                  "_Clear History…")));
  close_preferences (window);
}

static void
test_without_store (void)
{
  KanriPreferencesWindow *window = open_preferences (NULL);
  AdwActionRow *row;

  row = ADW_ACTION_ROW (kanri_test_find_child (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW,
                                               "Saved Analyses"));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "The local database is not open");
  close_preferences (window);
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

  g_test_add_func ("/preferences/history-switch", test_history_switch_persists);
  g_test_add_func ("/preferences/verify-switch", test_verify_switch_persists);
  g_test_add_func ("/preferences/clear-history", test_clear_history_after_confirmation);
  g_test_add_func ("/preferences/without-store", test_without_store);

  return g_test_run ();
}
