/* kanri-window.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-alert.h"
#include "kanri-add-tenant-window.h"
#include "kanri-analyzer-page.h"
#include "kanri-application.h"
#include "kanri-page.h"
#include "kanri-page-slot.h"
#include "kanri-split-layout.h"
#include "kanri-window.h"

struct _KanriWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  KanriStore           *store;
  KanriTenants         *tenants;
  GCancellable         *cancellable;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkMenuButton        *tenant_button;
  GtkLabel             *tenant_label;
  GMenu                *tenant_section;
  AdwWindowTitle       *window_title;
  GtkStack             *main_stack;
#if ADW_CHECK_VERSION (1, 4, 0)
  AdwNavigationSplitView *split;
#else
  GtkToggleButton      *sidebar_button;
  KanriSplitLayout     *split;
#endif
  GtkListBox           *sidebar_list;
  AdwViewStack         *stack;
  AdwStatusPage        *error_page;

  /* Built after the first frame, one page per idle turn. */
  guint                 build_pages_source;
  gboolean              pages_added;
};

G_DEFINE_FINAL_TYPE (KanriWindow, kanri_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TENANTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FIRST_FRAME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef void (*PageFunc) (KanriPage *page,
                          gpointer   data);

/* Only the pages built: one built later gets the store and tenant then. */
static void
for_each_page (KanriWindow *self,
               PageFunc     func,
               gpointer     data)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (self->stack));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) stack_page = g_list_model_get_item (pages, i);
      GtkWidget *slot = adw_view_stack_page_get_child (stack_page);
      KanriPage *page = KANRI_IS_PAGE_SLOT (slot) ? kanri_page_slot_get_page (KANRI_PAGE_SLOT (slot)) : NULL;

      if (page != NULL)
        func (page, data);
    }
}

static KanriPage *
build_page (KanriWindow   *self,
            KanriPageSlot *slot)
{
  gboolean built;
  KanriPage *page = kanri_page_slot_build_page (slot, &built);

  if (built)
    {
      kanri_page_set_store (page, self->store);
      kanri_page_set_tenant (page, self->tenants ? kanri_tenants_get_current (self->tenants) : NULL);
    }

  return page;
}

static KanriPageSlot *
find_slot (KanriWindow *self,
           const char  *page_id)
{
  GtkWidget *slot = page_id ? adw_view_stack_get_child_by_name (self->stack, page_id) : NULL;

  return KANRI_IS_PAGE_SLOT (slot) ? KANRI_PAGE_SLOT (slot) : NULL;
}

static gboolean
build_next_page_cb (gpointer data)
{
  KanriWindow *self = data;
  g_autoptr(GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (self->stack));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) stack_page = g_list_model_get_item (pages, i);
      GtkWidget *slot = adw_view_stack_page_get_child (stack_page);

      if (KANRI_IS_PAGE_SLOT (slot) && kanri_page_slot_get_page (KANRI_PAGE_SLOT (slot)) == NULL)
        {
          build_page (self, KANRI_PAGE_SLOT (slot));
          return G_SOURCE_CONTINUE;
        }
    }

  self->build_pages_source = 0;
  kanri_report_phase ("all-pages");
  return G_SOURCE_REMOVE;
}

static GtkWidget *
create_sidebar_row (KanriPageClass *page_class)
{
  const char *title = _(page_class->title);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  icon = gtk_image_new_from_icon_name (page_class->icon_name);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, page_class->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  return row;
}

/* Each page's row and an empty slot for it: the pages themselves are built
 * when shown (stack_page_changed_cb) or after the first frame. */
static void
add_pages (KanriWindow *self)
{
  g_autofree GType *types = NULL;
  guint n_types;

  types = kanri_page_list_types (&n_types);

  for (guint i = 0; i < n_types; i++)
    {
      g_autoptr(GTypeClass) type_class = g_type_class_ref (types[i]);
      KanriPageClass *page_class = KANRI_PAGE_CLASS (type_class);
      AdwViewStackPage *stack_page;

      /* The row first: the stack shows its first page as soon as it is
       * added, and the sidebar then selects that page's row. */
      gtk_list_box_append (self->sidebar_list, create_sidebar_row (page_class));
      stack_page = adw_view_stack_add_titled (self->stack, GTK_WIDGET (kanri_page_slot_new (types[i])),
                                              page_class->id, _(page_class->title));
      adw_view_stack_page_set_icon_name (stack_page, page_class->icon_name);
    }

  self->pages_added = TRUE;
}

static gboolean
set_visible_page (KanriWindow *self,
                  const char  *page_id)
{
  if (find_slot (self, page_id) == NULL)
    return FALSE;

  adw_view_stack_set_visible_child_name (self->stack, page_id);
  return TRUE;
}

static GtkListBoxRow *
find_row (KanriWindow *self,
          const char  *page_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child), page_id) == 0)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

static void
sidebar_row_activated_cb (KanriWindow   *self,
                          GtkListBoxRow *row)
{
  g_assert (KANRI_IS_WINDOW (self));

  kanri_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));

#if !ADW_CHECK_VERSION (1, 4, 0)
  /* Over the content, the sidebar has done its job once a page is chosen. */
  if (kanri_split_layout_get_collapsed (self->split))
    kanri_split_layout_set_show_sidebar (self->split, FALSE);
#endif
}

static void
stack_page_changed_cb (KanriWindow *self)
{
  GtkWidget *slot = adw_view_stack_get_visible_child (self->stack);
  KanriPage *page;
  const char *page_id;

  g_assert (KANRI_IS_WINDOW (self));

  /* While the slots are added, the stack shows each first one in passing:
   * kanri_window_init() then shows the last page and builds it. */
  if (!KANRI_IS_PAGE_SLOT (slot) || !self->pages_added)
    return;

  page = build_page (self, KANRI_PAGE_SLOT (slot));
  page_id = kanri_page_get_id (page);
  adw_window_title_set_title (self->window_title, kanri_page_get_title (page));
  gtk_list_box_select_row (self->sidebar_list, find_row (self, page_id));
  g_settings_set_string (self->settings, "last-page", page_id);
}

#if !ADW_CHECK_VERSION (1, 4, 0)
static void
collapsed_changed_cb (KanriWindow *self)
{
  gboolean collapsed = kanri_split_layout_get_collapsed (self->split);

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), collapsed);
  if (!collapsed)
    kanri_split_layout_set_show_sidebar (self->split, FALSE);
}
#endif

static void
first_frame_cb (GdkFrameClock *clock,
                KanriWindow   *self)
{
  /* For bench/startup: the moment the first frame is on screen, on the
   * clock (CLOCK_MONOTONIC) the benchmark started the process by. */
  if (g_getenv ("KANRI_REPORT_FIRST_FRAME") != NULL)
    g_print ("kanri: first frame at %" G_GINT64_FORMAT " us\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  g_signal_emit (self, signals[FIRST_FRAME], 0);

  /* The rest of the pages once the window is on screen, at a priority below
   * drawing and input, so that a page chosen next is ready. */
  if (self->build_pages_source == 0)
    self->build_pages_source = g_idle_add_full (G_PRIORITY_LOW, build_next_page_cb, self, NULL);
}

static void
kanri_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kanri_window_parent_class)->realize (widget);

  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (first_frame_cb), widget, 0);
}

static void
restore_window_state (KanriWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
kanri_window_close_request (GtkWindow *window)
{
  KanriWindow *self = KANRI_WINDOW (window);
  int width;
  int height;

  /* The default size follows the user's resizing, but not maximizing: it is
   * the size to come back to. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (kanri_window_parent_class)->close_request (window);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KanriWindow *self = KANRI_WINDOW (widget);

  /* Only where the page list and the page do not both fit: from one to the
   * other. */
#if ADW_CHECK_VERSION (1, 4, 0)
  if (adw_navigation_split_view_get_collapsed (self->split))
    adw_navigation_split_view_set_show_content (self->split,
                                                !adw_navigation_split_view_get_show_content (self->split));
#else
  if (kanri_split_layout_get_collapsed (self->split))
    kanri_split_layout_set_show_sidebar (self->split,
                                         !kanri_split_layout_get_show_sidebar (self->split));
#endif
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  kanri_window_show_page (KANRI_WINDOW (widget), g_variant_get_string (parameter, NULL));
}


static void
rebuild_tenant_menu (KanriWindow *self)
{
  KanriTenant *current = self->tenants ? kanri_tenants_get_current (self->tenants) : NULL;
  guint n = self->tenants ? g_list_model_get_n_items (G_LIST_MODEL (self->tenants)) : 0;

  g_menu_remove_all (self->tenant_section);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KanriTenant) tenant = g_list_model_get_item (G_LIST_MODEL (self->tenants), i);
      g_autoptr(GMenuItem) item = g_menu_item_new (kanri_tenant_get_name (tenant), NULL);

      g_menu_item_set_action_and_target (item, "win.switch-tenant", "s", kanri_tenant_get_id (tenant));
      g_menu_append_item (self->tenant_section, item);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->tenant_button), n > 0);
  gtk_label_set_label (self->tenant_label, current ? kanri_tenant_get_name (current) : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out",
                                 current != NULL && kanri_tenant_get_kind (current) != KANRI_TENANT_DEMO);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-demo",
                                 current != NULL && kanri_tenant_get_kind (current) == KANRI_TENANT_DEMO);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", current != NULL);
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KanriWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kanri_tenant_sync_finish (KANRI_TENANT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Sync failed: %s"), error->message);
      kanri_window_add_toast (self, adw_toast_new (message));
    }
}

static void
sync_current (KanriWindow *self)
{
  KanriTenant *tenant = self->tenants ? kanri_tenants_get_current (self->tenants) : NULL;

  if (tenant == NULL || kanri_tenant_get_syncing (tenant))
    return;

  kanri_tenant_sync_async (tenant, self->cancellable, synced_cb, g_object_ref (self));
}

static void
current_tenant_changed_cb (KanriWindow *self)
{
  KanriTenant *current = kanri_tenants_get_current (self->tenants);

  for_each_page (self, (PageFunc)kanri_page_set_tenant, current);
  rebuild_tenant_menu (self);

  if (current == NULL)
    return;

  g_settings_set_string (self->settings, "current-tenant", kanri_tenant_get_id (current));

  /* A tenant never synced has nothing to show: bring it in at once. */
  if (kanri_tenant_get_last_sync (current) == NULL && kanri_tenant_get_client (current) != NULL)
    sync_current (self);
}

/**
 * kanri_window_set_tenants:
 *
 * Hands the tenants to the window: the switcher lists them, and the pages
 * show the current one (the one shown last time, if it is still there).
 */
void
kanri_window_set_tenants (KanriWindow  *self,
                          KanriTenants *tenants)
{
  g_autofree char *last = NULL;
  KanriTenant *tenant;

  g_return_if_fail (KANRI_IS_WINDOW (self));
  g_return_if_fail (tenants == NULL || KANRI_IS_TENANTS (tenants));

  if (self->tenants != NULL)
    g_signal_handlers_disconnect_by_data (self->tenants, self);
  if (!g_set_object (&self->tenants, tenants))
    return;

  if (tenants != NULL)
    {
      g_signal_connect_object (tenants, "notify::current",
                               G_CALLBACK (current_tenant_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (tenants, "items-changed",
                               G_CALLBACK (rebuild_tenant_menu), self, G_CONNECT_SWAPPED);

      last = g_settings_get_string (self->settings, "current-tenant");
      tenant = kanri_tenants_lookup (tenants, last);
      if (tenant != NULL && tenant != kanri_tenants_get_current (tenants))
        kanri_tenants_set_current (tenants, tenant);
      else
        current_tenant_changed_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENANTS]);
}

/**
 * kanri_window_get_tenants:
 *
 * Returns: (nullable) (transfer none): the tenants, once loaded
 */
KanriTenants *
kanri_window_get_tenants (KanriWindow *self)
{
  g_return_val_if_fail (KANRI_IS_WINDOW (self), NULL);

  return self->tenants;
}

static void
switch_tenant_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KanriWindow *self = KANRI_WINDOW (widget);
  KanriTenant *tenant;

  if (self->tenants == NULL)
    return;

  tenant = kanri_tenants_lookup (self->tenants, g_variant_get_string (parameter, NULL));
  if (tenant != NULL)
    kanri_tenants_set_current (self->tenants, tenant);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sync_current (KANRI_WINDOW (widget));
}

static void
add_tenant_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KanriWindow *self = KANRI_WINDOW (widget);
  KanriAddTenantWindow *dialog;

  if (self->tenants == NULL)
    return;

  dialog = kanri_add_tenant_window_new (GTK_WINDOW (self), self->tenants);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KanriWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kanri_tenants_sign_out_finish (KANRI_TENANTS (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not sign out: %s"), error->message);
      kanri_window_add_toast (self, adw_toast_new (message));
      return;
    }

  kanri_window_add_toast (self, adw_toast_new (_("Signed out")));
}

static void
demo_reset_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KanriWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kanri_tenants_reset_demo_finish (KANRI_TENANTS (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not reset the demo tenant: %s"),
                                                  error->message);
      kanri_window_add_toast (self, adw_toast_new (message));
      return;
    }

  kanri_window_add_toast (self, adw_toast_new (_("Demo tenant reset")));
  sync_current (self);
}

static void
confirmed_cb (KanriWindow *self,
              const char  *response,
              GtkWindow   *dialog)
{
  KanriTenant *current = kanri_tenants_get_current (self->tenants);

  if (g_str_equal (response, "sign-out") && current != NULL)
    kanri_tenants_sign_out_async (self->tenants, current, self->cancellable,
                                  signed_out_cb, g_object_ref (self));
  else if (g_str_equal (response, "reset"))
    kanri_tenants_reset_demo_async (self->tenants, self->cancellable,
                                    demo_reset_cb, g_object_ref (self));
}

static void
confirm (KanriWindow *self,
         const char  *heading,
         const char  *body,
         const char  *response,
         const char  *label)
{
  GtkWidget *dialog;

  dialog = kanri_alert_new (heading, body);
  kanri_alert_add_responses (dialog,
                             "cancel", _("_Cancel"),
                             response, label,
                             NULL);
  kanri_alert_set_response_appearance (dialog, response,
                                       ADW_RESPONSE_DESTRUCTIVE);
  kanri_alert_set_default_response (dialog, "cancel");
  kanri_alert_set_close_response (dialog, "cancel");

  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmed_cb), self, G_CONNECT_SWAPPED);
  kanri_alert_present (dialog, GTK_WIDGET (self));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KanriWindow *self = KANRI_WINDOW (widget);
  KanriTenant *current = self->tenants ? kanri_tenants_get_current (self->tenants) : NULL;
  g_autofree char *heading = NULL;

  if (current == NULL)
    return;

  heading = g_strdup_printf (_("Sign Out of %s?"), kanri_tenant_get_name (current));
  confirm (self, heading,
           _("Kanri deletes this tenant’s sign-in from the keyring and forgets what it synced. "
             "The record of the operations made stays."),
           "sign-out", _("_Sign Out"));
}

static void
reset_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  confirm (KANRI_WINDOW (widget), _("Reset the Demo Tenant?"),
           _("Every change made to the demo tenant is undone: it goes back to how Kanri "
             "ships it."),
           "reset", _("_Reset"));
}

static void
kanri_window_dispose (GObject *object)
{
  KanriWindow *self = (KanriWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->build_pages_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_WINDOW);
  g_clear_object (&self->tenants);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kanri_window_parent_class)->dispose (object);
}

static void
kanri_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KanriWindow *self = KANRI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TENANTS:
      g_value_set_object (value, self->tenants);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KanriWindow *self = KANRI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      kanri_window_set_store (self, g_value_get_object (value));
      break;
    case PROP_TENANTS:
      kanri_window_set_tenants (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_NATIVE (child) ? NULL : find_search_entry (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Ctrl+F: the search field of the page shown, whichever page it is. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KanriWindow *self = KANRI_WINDOW (widget);
  GtkWidget *page = adw_view_stack_get_visible_child (self->stack);
  GtkWidget *entry = page != NULL ? find_search_entry (page) : NULL;

  if (entry != NULL)
    gtk_widget_grab_focus (entry);
  else
    gtk_widget_error_bell (widget);
}

static void
kanri_window_class_init (KanriWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kanri_window_dispose;
  object_class->get_property = kanri_window_get_property;
  object_class->set_property = kanri_window_set_property;

  widget_class->realize = kanri_window_realize;

  window_class->close_request = kanri_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KANRI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TENANTS] =
    g_param_spec_object ("tenants", NULL, NULL, KANRI_TYPE_TENANTS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KanriWindow::first-frame:
   *
   * The window is on screen: what waited for it (the rest of the pages, the
   * local model) may start.
   */
  signals[FIRST_FRAME] =
    g_signal_new ("first-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

#if !ADW_CHECK_VERSION (1, 4, 0)
  g_type_ensure (KANRI_TYPE_SPLIT_LAYOUT);
#endif

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/kanri-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, toast_overlay);
#if !ADW_CHECK_VERSION (1, 4, 0)
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, sidebar_button);
#endif
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, tenant_button);
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, tenant_label);
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, tenant_section);
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, split);
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.switch-tenant", "s", switch_tenant_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.add-tenant", NULL, add_tenant_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.reset-demo", NULL, reset_demo_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
}

static void
kanri_window_init (KanriWindow *self)
{
  g_autofree char *last_page = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  kanri_report_phase ("window");

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();

#if !ADW_CHECK_VERSION (1, 4, 0)
  g_signal_connect_object (self->split, "notify::collapsed",
                           G_CALLBACK (collapsed_changed_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->split, "show-sidebar", self->sidebar_button, "active",
                          G_BINDING_SYNC_CREATE);
  collapsed_changed_cb (self);
#endif

  /* Read before the pages exist: adding them shows the first one, which
   * would be saved as the last page. The page list stays in front in a
   * narrow window: the last page is under it, not yet chosen. */
  last_page = g_settings_get_string (self->settings, "last-page");
  add_pages (self);
  set_visible_page (self, last_page);
  stack_page_changed_cb (self);
  kanri_report_phase ("pages");

  restore_window_state (self);
  rebuild_tenant_menu (self);
}

KanriWindow *
kanri_window_new (GtkApplication *application)
{
  return g_object_new (KANRI_TYPE_WINDOW, "application", application, NULL);
}

KanriStore *
kanri_window_get_store (KanriWindow *self)
{
  g_return_val_if_fail (KANRI_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * kanri_window_set_store:
 *
 * Hands the local model to every page.
 */
void
kanri_window_set_store (KanriWindow *self,
                        KanriStore  *store)
{
  g_return_if_fail (KANRI_IS_WINDOW (self));
  g_return_if_fail (store == NULL || KANRI_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  for_each_page (self, (PageFunc)kanri_page_set_store, store);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * kanri_window_show_error:
 *
 * Replaces the pages with an explanation of why Kanri cannot work, such as a
 * local database it must not touch.
 */
void
kanri_window_show_error (KanriWindow *self,
                         const char  *title,
                         const char  *description)
{
  g_return_if_fail (KANRI_IS_WINDOW (self));

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
#if !ADW_CHECK_VERSION (1, 4, 0)
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), FALSE);
#endif
  adw_window_title_set_title (self->window_title, "Kanri");
}

void
kanri_window_add_toast (KanriWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (KANRI_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * kanri_window_show_page:
 *
 * Shows the page: in a narrow window, in front of the page list.
 *
 * Returns: whether a page with that id exists
 */
gboolean
kanri_window_show_page (KanriWindow *self,
                        const char  *page_id)
{
  g_return_val_if_fail (KANRI_IS_WINDOW (self), FALSE);

  if (!set_visible_page (self, page_id))
    return FALSE;

#if ADW_CHECK_VERSION (1, 4, 0)
  adw_navigation_split_view_set_show_content (self->split, TRUE);
#endif
  return TRUE;
}

/**
 * kanri_window_open_files:
 * @files: (array length=n_files): messages (.eml, .msg, text), folders
 *   or mbox files
 *
 * Shows the Header Analyzer with @files among its inputs, the last of them
 * selected: what "Open With Kanri" on a message does. Folders and mbox
 * files are a batch analysis.
 */
void
kanri_window_open_files (KanriWindow  *self,
                         GFile       **files,
                         int           n_files)
{
  KanriPage *page;

  g_return_if_fail (KANRI_IS_WINDOW (self));

  page = kanri_window_get_page (self, "analyzer");
  if (page == NULL || n_files <= 0)
    return;

  kanri_analyzer_page_open_files (KANRI_ANALYZER_PAGE (page), files, n_files);
  kanri_window_show_page (self, "analyzer");
}

/**
 * kanri_window_get_page_id:
 *
 * Returns: (nullable): the id of the page shown
 */
const char *
kanri_window_get_page_id (KanriWindow *self)
{
  g_return_val_if_fail (KANRI_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * kanri_window_get_page:
 *
 * Returns: (nullable) (transfer none): the page with that id, built now if
 *   it was not yet
 */
KanriPage *
kanri_window_get_page (KanriWindow *self,
                       const char  *page_id)
{
  KanriPageSlot *slot;

  g_return_val_if_fail (KANRI_IS_WINDOW (self), NULL);

  slot = find_slot (self, page_id);
  return slot != NULL ? build_page (self, slot) : NULL;
}
