/* kanri-preferences-window.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-alert.h"
#include "kanri-history.h"
#include "kanri-preferences-window.h"

#if ADW_CHECK_VERSION (1, 5, 0)
# define PARENT_TYPE ADW_TYPE_PREFERENCES_DIALOG
#else
# define PARENT_TYPE ADW_TYPE_PREFERENCES_WINDOW
#endif

struct _KanriPreferencesWindow
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwPreferencesDialog  parent_instance;
#else
  AdwPreferencesWindow  parent_instance;
#endif

  GSettings            *settings;
  KanriHistory         *history;

  /* Template widgets */
  GtkSwitch            *history_switch;
  GtkSwitch            *verify_switch;
  AdwActionRow         *clear_row;
};

G_DEFINE_FINAL_TYPE (KanriPreferencesWindow, kanri_preferences_window, PARENT_TYPE)

static void
add_toast (KanriPreferencesWindow *self,
           AdwToast               *toast)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), toast);
#else
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
#endif
}

static void
update_history_count (KanriPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  gint64 count = 0;

  if (self->history != NULL)
    count = kanri_history_count (self->history, &error);

  if (error != NULL)
    subtitle = g_strdup (error->message);
  else if (self->history == NULL)
    subtitle = g_strdup (_("The local database is not open"));
  else if (count == 0)
    subtitle = g_strdup (_("None"));
  else
    subtitle = g_strdup_printf (ngettext ("%lld analysis", "%lld analyses", count),
                                (long long)count);

  adw_action_row_set_subtitle (self->clear_row, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.clear-history", count > 0);
}

static void
clear_confirmed_cb (KanriPreferencesWindow *self,
                    const char             *response)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "clear") != 0)
    return;

  if (!kanri_history_clear (self->history, &error))
    {
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  add_toast (self, adw_toast_new (_("History cleared")));
}

static void
clear_history_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KanriPreferencesWindow *self = KANRI_PREFERENCES_WINDOW (widget);
  GtkWidget *dialog;

  dialog = kanri_alert_new (_("Clear the History?"),
                            _("Every saved analysis will be deleted. "
                              "The files you analyzed are not affected."));
  kanri_alert_add_responses (dialog,
                             "cancel", _("_Cancel"),
                             "clear", _("C_lear"),
                             NULL);
  kanri_alert_set_response_appearance (dialog, "clear",
                                       ADW_RESPONSE_DESTRUCTIVE);
  kanri_alert_set_default_response (dialog, "cancel");
  kanri_alert_set_close_response (dialog, "cancel");

  g_signal_connect_object (dialog, "response", G_CALLBACK (clear_confirmed_cb), self,
                           G_CONNECT_SWAPPED);
  kanri_alert_present (dialog, GTK_WIDGET (self));
}

static void
kanri_preferences_window_dispose (GObject *object)
{
  KanriPreferencesWindow *self = (KanriPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->history);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kanri_preferences_window_parent_class)->dispose (object);
}

static void
kanri_preferences_window_class_init (KanriPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kanri_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/kanri-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriPreferencesWindow, history_switch);
  gtk_widget_class_bind_template_child (widget_class, KanriPreferencesWindow, verify_switch);
  gtk_widget_class_bind_template_child (widget_class, KanriPreferencesWindow, clear_row);

  gtk_widget_class_install_action (widget_class, "preferences.clear-history", NULL,
                                   clear_history_action);
}

static void
kanri_preferences_window_init (KanriPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_set_content_width (ADW_DIALOG (self), 560);
  adw_dialog_set_content_height (ADW_DIALOG (self), 420);
#else
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 420);
#endif

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "analysis-history",
                   self->history_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "verify-signatures",
                   self->verify_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * kanri_preferences_window_new:
 * @store: (nullable): the local model, if it is open
 */
KanriPreferencesWindow *
kanri_preferences_window_new (KanriStore *store)
{
  KanriPreferencesWindow *self;

  g_return_val_if_fail (store == NULL || KANRI_IS_STORE (store), NULL);

  self = g_object_new (KANRI_TYPE_PREFERENCES_WINDOW, NULL);

  if (store != NULL)
    {
      self->history = g_object_ref (kanri_history_get_for_store (store));
      g_signal_connect_object (self->history, "changed",
                               G_CALLBACK (update_history_count), self, G_CONNECT_SWAPPED);
    }
  update_history_count (self);

  return self;
}

/**
 * kanri_preferences_window_present:
 * @parent: (nullable): the window it belongs to
 *
 * Shows the preferences over @parent (inside it, as an AdwDialog, from
 * libadwaita 1.5).
 */
void
kanri_preferences_window_present (KanriPreferencesWindow *self,
                                  GtkWindow              *parent)
{
  g_return_if_fail (KANRI_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (self), GTK_WIDGET (parent));
#else
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_present (GTK_WINDOW (self));
#endif
}
