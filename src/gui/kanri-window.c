/* kanri-window.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-page.h"
#include "kanri-split-layout.h"
#include "kanri-window.h"

struct _KanriWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  KanriStore           *store;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkToggleButton      *sidebar_button;
  AdwWindowTitle       *window_title;
  GtkStack             *main_stack;
  KanriSplitLayout     *split;
  GtkListBox           *sidebar_list;
  AdwViewStack         *stack;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (KanriWindow, kanri_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_sidebar_row (KanriPage *page)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  icon = gtk_image_new_from_icon_name (kanri_page_get_icon_name (page));
  label = gtk_label_new (kanri_page_get_title (page));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, kanri_page_get_id (page));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kanri_page_get_title (page),
                                  -1);

  return row;
}

static void
add_pages (KanriWindow *self)
{
  g_autofree GType *types = NULL;
  guint n_types;

  types = kanri_page_list_types (&n_types);

  for (guint i = 0; i < n_types; i++)
    {
      KanriPage *page = g_object_new (types[i], NULL);
      AdwViewStackPage *stack_page;

      /* The row first: the stack shows its first page as soon as it is
       * added, and the sidebar then selects that page's row. */
      gtk_list_box_append (self->sidebar_list, create_sidebar_row (page));
      stack_page = adw_view_stack_add_titled (self->stack, GTK_WIDGET (page),
                                              kanri_page_get_id (page),
                                              kanri_page_get_title (page));
      adw_view_stack_page_set_icon_name (stack_page, kanri_page_get_icon_name (page));
    }
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

  /* Over the content, the sidebar has done its job once a page is chosen. */
  if (kanri_split_layout_get_collapsed (self->split))
    kanri_split_layout_set_show_sidebar (self->split, FALSE);
}

static void
stack_page_changed_cb (KanriWindow *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->stack);
  const char *page_id;

  g_assert (KANRI_IS_WINDOW (self));

  if (!KANRI_IS_PAGE (page))
    return;

  page_id = kanri_page_get_id (KANRI_PAGE (page));
  adw_window_title_set_title (self->window_title, kanri_page_get_title (KANRI_PAGE (page)));
  gtk_list_box_select_row (self->sidebar_list, find_row (self, page_id));
  g_settings_set_string (self->settings, "last-page", page_id);
}

static void
collapsed_changed_cb (KanriWindow *self)
{
  gboolean collapsed = kanri_split_layout_get_collapsed (self->split);

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), collapsed);
  if (!collapsed)
    kanri_split_layout_set_show_sidebar (self->split, FALSE);
}

static void
first_frame_cb (GdkFrameClock *clock,
                KanriWindow   *self)
{
  /* For bench/startup: the moment the first frame is on screen, on the
   * clock (CLOCK_MONOTONIC) the benchmark started the process by. */
  g_print ("kanri: first frame at %" G_GINT64_FORMAT " us\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
}

static void
kanri_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kanri_window_parent_class)->realize (widget);

  if (g_getenv ("KANRI_REPORT_FIRST_FRAME") != NULL)
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

  if (kanri_split_layout_get_collapsed (self->split))
    kanri_split_layout_set_show_sidebar (self->split,
                                         !kanri_split_layout_get_show_sidebar (self->split));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  kanri_window_show_page (KANRI_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
kanri_window_dispose (GObject *object)
{
  KanriWindow *self = (KanriWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_WINDOW);
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KANRI_TYPE_SPLIT_LAYOUT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/kanri-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KanriWindow, sidebar_button);
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

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
}

static void
kanri_window_init (KanriWindow *self)
{
  g_autofree char *last_page = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->split, "notify::collapsed",
                           G_CALLBACK (collapsed_changed_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->split, "show-sidebar", self->sidebar_button, "active",
                          G_BINDING_SYNC_CREATE);
  collapsed_changed_cb (self);

  /* Read before the pages exist: adding them shows the first one, which
   * would be saved as the last page. */
  last_page = g_settings_get_string (self->settings, "last-page");
  add_pages (self);
  kanri_window_show_page (self, last_page);

  restore_window_state (self);
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
  g_autoptr(GListModel) pages = NULL;

  g_return_if_fail (KANRI_IS_WINDOW (self));
  g_return_if_fail (store == NULL || KANRI_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  pages = G_LIST_MODEL (adw_view_stack_get_pages (self->stack));
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) stack_page = g_list_model_get_item (pages, i);
      GtkWidget *page = adw_view_stack_page_get_child (stack_page);

      if (KANRI_IS_PAGE (page))
        kanri_page_set_store (KANRI_PAGE (page), store);
    }

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
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), FALSE);
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
 * Returns: whether a page with that id exists
 */
gboolean
kanri_window_show_page (KanriWindow *self,
                        const char  *page_id)
{
  g_return_val_if_fail (KANRI_IS_WINDOW (self), FALSE);

  if (page_id == NULL || adw_view_stack_get_child_by_name (self->stack, page_id) == NULL)
    return FALSE;

  adw_view_stack_set_visible_child_name (self->stack, page_id);
  return TRUE;
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
