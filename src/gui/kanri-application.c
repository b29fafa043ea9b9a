/* kanri-application.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-about.h"
#include "kanri-application.h"
#include "kanri-preferences-window.h"
#include "kanri-window.h"

struct _KanriApplication
{
  AdwApplication  parent_instance;

  KanriStore     *store;
  KanriTenants   *tenants;
  GError         *store_error;
  GCancellable   *cancellable;
  gboolean        store_opening;
};

G_DEFINE_FINAL_TYPE (KanriApplication, kanri_application, ADW_TYPE_APPLICATION)

static void
give_store_to_window (KanriApplication *self,
                      KanriWindow      *window)
{
  if (self->store != NULL)
    {
      kanri_window_set_store (window, self->store);
      if (self->tenants != NULL)
        kanri_window_set_tenants (window, self->tenants);
    }
  else if (self->store_error != NULL)
    {
      kanri_window_show_error (window, _("Kanri Cannot Open Its Data"),
                               self->store_error->message);
    }
}

static void
give_to_windows (KanriApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (KANRI_IS_WINDOW (l->data))
        give_store_to_window (self, l->data);
    }
}

static void
tenants_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KanriApplication) self = user_data;
  g_autoptr(KanriTenants) tenants = KANRI_TENANTS (object);
  g_autoptr(GError) error = NULL;

  if (!kanri_tenants_load_finish (tenants, result, &error))
    {
      g_set_error (&self->store_error, error->domain, error->code,
                   _("The demo tenant could not start: %s"), error->message);
      g_clear_object (&self->store);
    }
  else
    self->tenants = g_steal_pointer (&tenants);

  give_to_windows (self);
  kanri_report_phase ("tenants");
  g_application_release (G_APPLICATION (self));
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KanriApplication) self = user_data;
  g_autofree char *demo_path = NULL;
  KanriTenants *tenants;

  self->store = kanri_store_open_finish (result, &self->store_error);
  kanri_report_phase ("store");
  if (self->store == NULL)
    {
      g_warning ("%s", self->store_error->message);
      give_to_windows (self);
      g_application_release (G_APPLICATION (self));
      return;
    }

  /* The tenants next: the demo tenant's emulator starts on its thread. */
  demo_path = kanri_emulator_default_demo_path ();
  tenants = kanri_tenants_new (self->store, demo_path);
  /* For the tests: signed-in tenants served by a loopback emulator. */
  kanri_tenants_set_exo_url (tenants, g_getenv ("KANRI_EXO_URL"));
  kanri_tenants_load_async (tenants, self->cancellable, tenants_loaded_cb, g_object_ref (self));
}

static void
kanri_application_startup (GApplication *application)
{
  KanriApplication *self = KANRI_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *sidebar_accels[] = { "F9", NULL };
  static const char *find_accels[] = { "<Control>f", NULL };
  static const char *sync_accels[] = { "F5", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
#if ADW_CHECK_VERSION (1, 8, 0)
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
#endif

  G_APPLICATION_CLASS (kanri_application_parent_class)->startup (application);
  kanri_report_phase ("gtk-init");

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-sidebar",
                                         sidebar_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.find", find_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.sync", sync_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
#if ADW_CHECK_VERSION (1, 8, 0)
  /* GtkApplication's, which it sets only for its own shortcuts window. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);
#endif

}

/* Opening migrates the database: file I/O, so off the main thread. It and
 * the demo tenant's emulator after it wait for the window's first frame: on
 * two cores their threads would draw time from the first frame's (Mesa's
 * llvmpipe renders on threads too). The application stays alive until the
 * store is open. */
static void
open_store (KanriApplication *self)
{
  g_autofree char *path = NULL;

  if (self->store_opening)
    return;
  self->store_opening = TRUE;

  path = kanri_store_default_path ();
  g_application_hold (G_APPLICATION (self));
  kanri_store_open_async (path, self->cancellable, store_opened_cb, g_object_ref (self));
}

static void
kanri_application_activate (GApplication *application)
{
  KanriApplication *self = KANRI_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (kanri_window_new (GTK_APPLICATION (self)));
      g_signal_connect_object (window, "first-frame", G_CALLBACK (open_store), self,
                               G_CONNECT_SWAPPED);
      give_store_to_window (self, KANRI_WINDOW (window));
    }

  gtk_window_present (window);
}

/* "Open With Kanri" on a message, or `kanri FILE…`: the Header Analyzer. */
static void
kanri_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  GtkWindow *window;

  kanri_application_activate (application);
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (KANRI_IS_WINDOW (window))
    kanri_window_open_files (KANRI_WINDOW (window), files, n_files);
}

static void
kanri_application_shutdown (GApplication *application)
{
  KanriApplication *self = KANRI_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (kanri_application_parent_class)->shutdown (application);
}

static void
kanri_application_finalize (GObject *object)
{
  KanriApplication *self = (KanriApplication *)object;

  g_clear_object (&self->tenants);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kanri_application_parent_class)->finalize (object);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *application = user_data;
  GList *windows;

  /* Close the windows rather than quit outright, so each saves its state. */
  while ((windows = gtk_application_get_windows (application)) != NULL)
    gtk_window_destroy (windows->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;

  kanri_show_about (gtk_application_get_active_window (application));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KanriApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  KanriPreferencesWindow *preferences;

  preferences = kanri_preferences_window_new (self->store);
  kanri_preferences_window_present (preferences, parent);
}

static void
test_ran_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (kanri_tenant_run_finish (KANRI_TENANT (object), result, &error) == 0)
    g_message ("test-run: %s", error->message);
}

/* For the end-to-end tests only (KANRI_TEST_HOOKS=1): an operation made as
 * a page would make it, from a PowerShell line, activated over D-Bus. */
static void
test_run_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  KanriApplication *self = user_data;
  KanriTenant *tenant = self->tenants ? kanri_tenants_get_current (self->tenants) : NULL;
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autoptr(GError) error = NULL;

  cmdlet = kanri_cmdlet_parse (g_variant_get_string (parameter, NULL), &error);
  if (cmdlet == NULL || tenant == NULL)
    {
      g_message ("test-run: %s", error ? error->message : "no tenant");
      return;
    }

  kanri_tenant_run_async (tenant, cmdlet, "Test hook", self->cancellable, test_ran_cb, NULL);
}

#if ADW_CHECK_VERSION (1, 8, 0)
/* The keyboard shortcuts from libadwaita 1.8: an AdwShortcutsDialog
 * (ui/kanri-shortcuts-dialog.ui), in place of the GtkShortcutsWindow that
 * GtkApplication builds from gtk/help-overlay.ui, which ui/meson.build then
 * leaves out. The action keeps GtkApplication's name, which the window's
 * menu uses, and its Ctrl+? (kanri_application_startup). */
static void
show_shortcuts_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWidget *window = user_data;
  g_autoptr(GtkBuilder) builder = NULL;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/kanri-shortcuts-dialog.ui");
  adw_dialog_present (ADW_DIALOG (gtk_builder_get_object (builder, "shortcuts_dialog")), window);
}
#endif

static void
kanri_application_window_added (GtkApplication *application,
                                GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (kanri_application_parent_class)->window_added (application, window);

#if ADW_CHECK_VERSION (1, 8, 0)
  if (KANRI_IS_WINDOW (window))
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new ("show-help-overlay", NULL);

      g_signal_connect_object (action, "activate", G_CALLBACK (show_shortcuts_action), window, 0);
      g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
    }
#endif
}

static const GActionEntry test_actions[] = {
  { "test-run", test_run_action, "s" },
};

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
kanri_application_class_init (KanriApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = kanri_application_finalize;

  app_class->startup = kanri_application_startup;
  app_class->activate = kanri_application_activate;
  app_class->open = kanri_application_open;
  app_class->shutdown = kanri_application_shutdown;

  gtk_app_class->window_added = kanri_application_window_added;
}

static void
kanri_application_init (KanriApplication *self)
{
  self->cancellable = g_cancellable_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  if (g_strcmp0 (g_getenv ("KANRI_TEST_HOOKS"), "1") == 0)
    g_action_map_add_action_entries (G_ACTION_MAP (self), test_actions,
                                     G_N_ELEMENTS (test_actions), self);
}

KanriApplication *
kanri_application_new (void)
{
  return g_object_new (KANRI_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * kanri_application_get_store:
 *
 * Returns: (nullable) (transfer none): the local model, once it is open
 */
KanriStore *
kanri_application_get_store (KanriApplication *self)
{
  g_return_val_if_fail (KANRI_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * kanri_report_phase:
 * @phase: a word naming the moment, such as "window"
 *
 * For bench/startup (KANRI_REPORT_FIRST_FRAME set): prints when a phase of
 * the start ends, on the clock (CLOCK_MONOTONIC) the benchmark started the
 * process by. Otherwise does nothing.
 */
void
kanri_report_phase (const char *phase)
{
  static int report = -1;

  if (report < 0)
    report = g_getenv ("KANRI_REPORT_FIRST_FRAME") != NULL;
  if (report)
    g_print ("kanri: phase %s at %" G_GINT64_FORMAT " us\n", phase, g_get_monotonic_time ());
}
