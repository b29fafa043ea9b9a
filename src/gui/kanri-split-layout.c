/* kanri-split-layout.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-split-layout"

#include "config.h"

#include "kanri-split-layout.h"

/* A sidebar beside the content while there is room, over it (behind a toggle)
 * when the window is narrower than collapse-width. libadwaita 1.4 has
 * AdwOverlaySplitView for this, but Debian 12 ships 1.2, whose AdwFlap is
 * deprecated in the versions the Flatpak uses: one small widget serves both.
 * (The main window uses it only before 1.4, where it has no
 * AdwNavigationSplitView; the Header Analyzer's inputs always.) */
struct _KanriSplitLayout
{
  GtkWidget  parent_instance;

  GtkWidget *sidebar;
  GtkWidget *content;
  int        collapse_width;
  guint      collapsed : 1;
  guint      show_sidebar : 1;
  guint      notify_source;
};

G_DEFINE_FINAL_TYPE (KanriSplitLayout, kanri_split_layout, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SIDEBAR,
  PROP_CONTENT,
  PROP_COLLAPSED,
  PROP_SHOW_SIDEBAR,
  PROP_COLLAPSE_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_sidebar_style (KanriSplitLayout *self)
{
  if (self->sidebar == NULL)
    return;

  if (self->collapsed)
    gtk_widget_add_css_class (self->sidebar, "overlaid");
  else
    gtk_widget_remove_css_class (self->sidebar, "overlaid");
}

/* The collapsed state is found during size allocation, where changing other
 * widgets (a header bar button bound to it) is not allowed: tell them from
 * an idle instead. */
static gboolean
notify_collapsed_cb (gpointer user_data)
{
  KanriSplitLayout *self = user_data;

  self->notify_source = 0;
  update_sidebar_style (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLAPSED]);

  return G_SOURCE_REMOVE;
}

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural)
{
  *minimum = 0;
  *natural = 0;

  if (child != NULL && gtk_widget_get_visible (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

/* The widths the children get at @width: the same sums for measuring a
 * height and for allocating, so that a child is measured at the width it is
 * then given. Collapsed, the content takes the whole width and the sidebar,
 * over it, its natural width where that fits. */
static void
split_width (KanriSplitLayout *self,
             int               width,
             int              *sidebar_width,
             int              *content_width)
{
  int sidebar_min, sidebar_nat, content_min, content_nat;

  measure_child (self->sidebar, GTK_ORIENTATION_HORIZONTAL, -1, &sidebar_min, &sidebar_nat);
  measure_child (self->content, GTK_ORIENTATION_HORIZONTAL, -1, &content_min, &content_nat);

  if (width < self->collapse_width)
    {
      *sidebar_width = CLAMP (sidebar_nat, sidebar_min, MAX (sidebar_min, width));
      *content_width = width;
      return;
    }

  *sidebar_width = self->sidebar != NULL
                   ? CLAMP (sidebar_nat, sidebar_min, MAX (sidebar_min, width - content_min))
                   : 0;
  *content_width = MAX (0, width - *sidebar_width);
}

static GtkSizeRequestMode
kanri_split_layout_get_request_mode (GtkWidget *widget)
{
  /* Pages wrap their text: how tall they are depends on the width left to
   * them beside the sidebar. */
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* GTK's rule for a measure: minimum <= natural, and the answer for a size
 * agrees with the answer for -1 (no for-size minimum above the -1 one).
 * Each child is measured at the size it would be given, so both hold as long
 * as they hold for the children. */
static void
kanri_split_layout_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  KanriSplitLayout *self = KANRI_SPLIT_LAYOUT (widget);
  int sidebar_min, sidebar_nat, content_min, content_nat;
  int sidebar_for = -1, content_for = -1;

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    split_width (self, for_size, &sidebar_for, &content_for);
  else if (orientation == GTK_ORIENTATION_HORIZONTAL)
    sidebar_for = content_for = for_size;

  measure_child (self->sidebar, orientation, sidebar_for, &sidebar_min, &sidebar_nat);
  measure_child (self->content, orientation, content_for, &content_min, &content_nat);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Collapsed, the sidebar lies over the content: either fits alone. */
      *minimum = MAX (sidebar_min, content_min);
      *natural = MAX (*minimum, sidebar_nat + content_nat);
    }
  else
    {
      /* The sidebar counts even while it is hidden: shown over the content,
       * it needs the same height. */
      *minimum = MAX (sidebar_min, content_min);
      *natural = MAX (sidebar_nat, content_nat);
    }
}

static void
allocate_child (GtkWidget *child,
                int        x,
                int        width,
                int        height,
                int        total_width)
{
  if (gtk_widget_get_direction (child) == GTK_TEXT_DIR_RTL)
    x = total_width - x - width;

  gtk_widget_size_allocate (child, &(GtkAllocation) { x, 0, width, height }, -1);
}

static void
kanri_split_layout_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  KanriSplitLayout *self = KANRI_SPLIT_LAYOUT (widget);
  gboolean collapsed = width < self->collapse_width;
  int sidebar_width, content_width;

  if (collapsed != self->collapsed)
    {
      self->collapsed = collapsed;
      if (self->notify_source == 0)
        self->notify_source = g_idle_add (notify_collapsed_cb, self);
    }

  split_width (self, width, &sidebar_width, &content_width);

  if (collapsed)
    {
      if (self->content != NULL)
        allocate_child (self->content, 0, content_width, height, width);

      if (self->sidebar != NULL)
        {
          gtk_widget_set_child_visible (self->sidebar, self->show_sidebar);
          if (self->show_sidebar)
            allocate_child (self->sidebar, 0, sidebar_width, height, width);
        }
      return;
    }

  if (self->sidebar != NULL)
    {
      gtk_widget_set_child_visible (self->sidebar, TRUE);
      allocate_child (self->sidebar, 0, sidebar_width, height, width);
    }

  if (self->content != NULL)
    allocate_child (self->content, sidebar_width, content_width, height, width);
}

static void
kanri_split_layout_dispose (GObject *object)
{
  KanriSplitLayout *self = (KanriSplitLayout *)object;

  g_clear_handle_id (&self->notify_source, g_source_remove);
  g_clear_pointer (&self->sidebar, gtk_widget_unparent);
  g_clear_pointer (&self->content, gtk_widget_unparent);

  G_OBJECT_CLASS (kanri_split_layout_parent_class)->dispose (object);
}

static void
kanri_split_layout_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KanriSplitLayout *self = KANRI_SPLIT_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR:
      g_value_set_object (value, self->sidebar);
      break;
    case PROP_CONTENT:
      g_value_set_object (value, self->content);
      break;
    case PROP_COLLAPSED:
      g_value_set_boolean (value, self->collapsed);
      break;
    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, self->show_sidebar);
      break;
    case PROP_COLLAPSE_WIDTH:
      g_value_set_int (value, self->collapse_width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_split_layout_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KanriSplitLayout *self = KANRI_SPLIT_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR:
      kanri_split_layout_set_sidebar (self, g_value_get_object (value));
      break;
    case PROP_CONTENT:
      kanri_split_layout_set_content (self, g_value_get_object (value));
      break;
    case PROP_SHOW_SIDEBAR:
      kanri_split_layout_set_show_sidebar (self, g_value_get_boolean (value));
      break;
    case PROP_COLLAPSE_WIDTH:
      kanri_split_layout_set_collapse_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_split_layout_class_init (KanriSplitLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kanri_split_layout_dispose;
  object_class->get_property = kanri_split_layout_get_property;
  object_class->set_property = kanri_split_layout_set_property;

  widget_class->get_request_mode = kanri_split_layout_get_request_mode;
  widget_class->measure = kanri_split_layout_measure;
  widget_class->size_allocate = kanri_split_layout_size_allocate;

  properties[PROP_SIDEBAR] =
    g_param_spec_object ("sidebar", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLLAPSED] =
    g_param_spec_boolean ("collapsed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLLAPSE_WIDTH] =
    g_param_spec_int ("collapse-width", NULL, NULL, 0, G_MAXINT, 700,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "splitlayout");
}

static void
kanri_split_layout_init (KanriSplitLayout *self)
{
  self->collapse_width = 700;
}

GtkWidget *
kanri_split_layout_new (void)
{
  return g_object_new (KANRI_TYPE_SPLIT_LAYOUT, NULL);
}

GtkWidget *
kanri_split_layout_get_sidebar (KanriSplitLayout *self)
{
  g_return_val_if_fail (KANRI_IS_SPLIT_LAYOUT (self), NULL);

  return self->sidebar;
}

void
kanri_split_layout_set_sidebar (KanriSplitLayout *self,
                                GtkWidget        *sidebar)
{
  g_return_if_fail (KANRI_IS_SPLIT_LAYOUT (self));
  g_return_if_fail (sidebar == NULL || GTK_IS_WIDGET (sidebar));

  if (self->sidebar == sidebar)
    return;

  g_clear_pointer (&self->sidebar, gtk_widget_unparent);
  self->sidebar = sidebar;

  /* Last child, so that it is drawn over the content when collapsed. */
  if (sidebar != NULL)
    {
      gtk_widget_insert_before (sidebar, GTK_WIDGET (self), NULL);
      update_sidebar_style (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR]);
}

GtkWidget *
kanri_split_layout_get_content (KanriSplitLayout *self)
{
  g_return_val_if_fail (KANRI_IS_SPLIT_LAYOUT (self), NULL);

  return self->content;
}

void
kanri_split_layout_set_content (KanriSplitLayout *self,
                                GtkWidget        *content)
{
  g_return_if_fail (KANRI_IS_SPLIT_LAYOUT (self));
  g_return_if_fail (content == NULL || GTK_IS_WIDGET (content));

  if (self->content == content)
    return;

  g_clear_pointer (&self->content, gtk_widget_unparent);
  self->content = content;

  if (content != NULL)
    gtk_widget_insert_after (content, GTK_WIDGET (self), NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

gboolean
kanri_split_layout_get_collapsed (KanriSplitLayout *self)
{
  g_return_val_if_fail (KANRI_IS_SPLIT_LAYOUT (self), FALSE);

  return self->collapsed;
}

gboolean
kanri_split_layout_get_show_sidebar (KanriSplitLayout *self)
{
  g_return_val_if_fail (KANRI_IS_SPLIT_LAYOUT (self), FALSE);

  return self->show_sidebar;
}

/**
 * kanri_split_layout_set_show_sidebar:
 *
 * Whether the sidebar is shown over the content while collapsed. Beside the
 * content it is always shown.
 */
void
kanri_split_layout_set_show_sidebar (KanriSplitLayout *self,
                                     gboolean          show_sidebar)
{
  g_return_if_fail (KANRI_IS_SPLIT_LAYOUT (self));

  show_sidebar = !!show_sidebar;
  if (self->show_sidebar == show_sidebar)
    return;

  self->show_sidebar = show_sidebar;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIDEBAR]);
}

int
kanri_split_layout_get_collapse_width (KanriSplitLayout *self)
{
  g_return_val_if_fail (KANRI_IS_SPLIT_LAYOUT (self), 0);

  return self->collapse_width;
}

void
kanri_split_layout_set_collapse_width (KanriSplitLayout *self,
                                       int               width)
{
  g_return_if_fail (KANRI_IS_SPLIT_LAYOUT (self));

  if (self->collapse_width == width)
    return;

  self->collapse_width = width;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLAPSE_WIDTH]);
}
