/* kanri-add-tenant-window.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-add-tenant-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-add-tenant-window.h"
#include "kanri-cloud.h"
#include "kanri-secrets.h"
#include "kanri-signin.h"
#include "kanri-spinner.h"
#include "kanri-window.h"

/* Add tenant…: the cloud, then the OAuth 2.0 device code flow (PRODUCT.md
 * "Tenants and the embedded default"): Kanri shows the code and the address
 * the service returned, copies the code, opens the browser, and waits. The
 * tokens go to the Secret Service only. */
struct _KanriAddTenantWindow
{
  AdwWindow        parent_instance;

  KanriTenants    *tenants;
  KanriSignin     *signin;
  KanriDeviceCode *code;
  GCancellable    *cancellable;
  GtkCheckButton  *cloud_buttons[KANRI_CLOUD_LAST + 1];

  /* Template widgets */
  GtkStack             *stack;
  AdwPreferencesGroup  *cloud_group;
  AdwStatusPage        *code_page;
  GtkLabel             *code_label;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (KanriAddTenantWindow, kanri_add_tenant_window, ADW_TYPE_WINDOW)

static void
show_error (KanriAddTenantWindow *self,
            const char           *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static KanriCloud
chosen_cloud (KanriAddTenantWindow *self)
{
  for (KanriCloud cloud = 0; cloud <= KANRI_CLOUD_LAST; cloud++)
    {
      if (gtk_check_button_get_active (self->cloud_buttons[cloud]))
        return cloud;
    }

  return KANRI_CLOUD_WORLDWIDE;
}

static void
secrets_stored_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KanriAddTenantWindow) self = user_data;
  g_autoptr(KanriAccount) account = g_object_steal_data (G_OBJECT (self), "kanri-account");
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  KanriTenant *tenant;

  if (!kanri_secrets_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  tenant = kanri_tenants_add_account (self->tenants, account, &error);
  if (tenant == NULL)
    {
      show_error (self, error->message);
      return;
    }

  kanri_tenants_set_current (self->tenants, tenant);

  if (KANRI_IS_WINDOW (parent))
    {
      g_autofree char *message = g_strdup_printf (_("Signed in to %s"), kanri_tenant_get_name (tenant));
      kanri_window_add_toast (KANRI_WINDOW (parent), adw_toast_new (message));
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KanriAddTenantWindow) self = user_data;
  g_autoptr(KanriTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;

  tokens = kanri_signin_wait_finish (KANRI_SIGNIN (object), result, &error);
  if (tokens == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "starting");
  g_object_set_data_full (G_OBJECT (self), "kanri-account",
                          kanri_account_new (self->signin, tokens), g_object_unref);
  kanri_secrets_store_async (tokens, self->cancellable, secrets_stored_cb, g_object_ref (self));
}

static void
code_received_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KanriAddTenantWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  g_clear_pointer (&self->code, kanri_device_code_free);
  self->code = kanri_signin_begin_finish (KANRI_SIGNIN (object), result, &error);
  if (self->code == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  /* Translators: %s is the sign-in address the service returned */
  description = g_strdup_printf (_("Open %s, enter this code and sign in with an administrator "
                                   "account. Kanri continues as soon as you are done."),
                                 self->code->verification_uri);
  adw_status_page_set_description (self->code_page, description);
  gtk_label_set_label (self->code_label, self->code->user_code);
  gtk_stack_set_visible_child_name (self->stack, "code");

  kanri_signin_wait_async (self->signin, self->code, self->cancellable, signed_in_cb,
                           g_object_ref (self));
}

static void
begin_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KanriAddTenantWindow *self = KANRI_ADD_TENANT_WINDOW (widget);
  const char *login_url = g_getenv ("KANRI_SIGNIN_URL");
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->signin);
  self->signin = kanri_signin_new (chosen_cloud (self));

  /* For the tests: the emulator's OAuth endpoints on loopback. */
  if (login_url != NULL && !kanri_signin_set_login_url (self->signin, login_url, &error))
    {
      show_error (self, error->message);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "starting");
  kanri_signin_begin_async (self->signin, self->cancellable, code_received_cb, g_object_ref (self));
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KanriAddTenantWindow *self = KANRI_ADD_TENANT_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "cloud");
}

static void
copy_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KanriAddTenantWindow *self = KANRI_ADD_TENANT_WINDOW (widget);

  if (self->code != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->code->user_code);
}

static void
open_browser_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KanriAddTenantWindow *self = KANRI_ADD_TENANT_WINDOW (widget);

  if (self->code == NULL)
    return;

  /* The code is on the clipboard, ready to paste into the page. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->code->user_code);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (self->code->verification_uri);
    gtk_uri_launcher_launch (launcher, GTK_WINDOW (self), NULL, NULL, NULL);
  }
#else
  gtk_show_uri (GTK_WINDOW (self), self->code->verification_uri, GDK_CURRENT_TIME);
#endif
}

static void
kanri_add_tenant_window_dispose (GObject *object)
{
  KanriAddTenantWindow *self = (KanriAddTenantWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_ADD_TENANT_WINDOW);
  g_clear_object (&self->tenants);
  g_clear_object (&self->signin);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->code, kanri_device_code_free);

  G_OBJECT_CLASS (kanri_add_tenant_window_parent_class)->dispose (object);
}

static void
kanri_add_tenant_window_class_init (KanriAddTenantWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kanri_add_tenant_window_dispose;

  g_type_ensure (KANRI_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/kanri-add-tenant-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriAddTenantWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KanriAddTenantWindow, cloud_group);
  gtk_widget_class_bind_template_child (widget_class, KanriAddTenantWindow, code_page);
  gtk_widget_class_bind_template_child (widget_class, KanriAddTenantWindow, code_label);
  gtk_widget_class_bind_template_child (widget_class, KanriAddTenantWindow, error_page);

  gtk_widget_class_install_action (widget_class, "add-tenant.begin", NULL, begin_action);
  gtk_widget_class_install_action (widget_class, "add-tenant.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "add-tenant.copy-code", NULL, copy_code_action);
  gtk_widget_class_install_action (widget_class, "add-tenant.open-browser", NULL, open_browser_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kanri_add_tenant_window_init (KanriAddTenantWindow *self)
{
  GtkCheckButton *group = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  for (KanriCloud cloud = 0; cloud <= KANRI_CLOUD_LAST; cloud++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kanri_cloud_get_label (cloud));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kanri_cloud_get_exo_host (cloud));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kanri_cloud_get_label (cloud), -1);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), cloud == KANRI_CLOUD_WORLDWIDE);

      self->cloud_buttons[cloud] = GTK_CHECK_BUTTON (check);
      adw_preferences_group_add (self->cloud_group, row);
    }
}

KanriAddTenantWindow *
kanri_add_tenant_window_new (GtkWindow    *parent,
                             KanriTenants *tenants)
{
  KanriAddTenantWindow *self;

  g_return_val_if_fail (KANRI_IS_TENANTS (tenants), NULL);

  self = g_object_new (KANRI_TYPE_ADD_TENANT_WINDOW, "transient-for", parent, NULL);
  self->tenants = g_object_ref (tenants);

  return self;
}
