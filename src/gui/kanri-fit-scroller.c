/* kanri-fit-scroller.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-fit-scroller"

#include "config.h"

#include "kanri-fit-scroller.h"

/* Holds a GtkScrolledWindow that propagates its natural height, and asks
 * for the height its content needs at the width it is given.
 *
 * GTK 4.8's GtkScrolledWindow measures its child's height for no width
 * (for_size -1), whatever width it is measured for: a wrapping label then
 * counts as one line. Above a list that takes the rest of the page, a
 * header that wraps to two lines (the bypass notice in Japanese) was given
 * one line's height, and its last row, the filters, was cut off. */
struct _KanriFitScroller
{
  GtkWidget          parent_instance;

  GtkScrolledWindow *child;
};

G_DEFINE_FINAL_TYPE (KanriFitScroller, kanri_fit_scroller, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_fit_scroller_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  KanriFitScroller *self = KANRI_FIT_SCROLLER (widget);
  GtkWidget *content;
  int content_minimum;
  int content_natural;
  int max_height;

  *minimum = *natural = 0;
  if (self->child == NULL)
    return;

  gtk_widget_measure (GTK_WIDGET (self->child), orientation, for_size, minimum, natural, NULL, NULL);

  content = gtk_scrolled_window_get_child (self->child);
  if (orientation != GTK_ORIENTATION_VERTICAL || for_size < 0 || content == NULL ||
      !gtk_scrolled_window_get_propagate_natural_height (self->child))
    return;

  /* No frame, overlay scrollbars: the content is as wide as the scroller.
   * Its minimum counts too: a box of wrapping labels can ask GTK 4.8 for
   * less as its natural height than as its minimum. */
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, for_size,
                      &content_minimum, &content_natural, NULL, NULL);
  content_natural = MAX (content_minimum, content_natural);
  max_height = gtk_scrolled_window_get_max_content_height (self->child);
  if (max_height >= 0)
    content_natural = MIN (content_natural, max_height);

  *natural = MAX (*minimum, content_natural);
}

/* Without it, GTK measures a widget's height for no width. */
static GtkSizeRequestMode
kanri_fit_scroller_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kanri_fit_scroller_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  KanriFitScroller *self = KANRI_FIT_SCROLLER (widget);

  if (self->child != NULL)
    gtk_widget_allocate (GTK_WIDGET (self->child), width, height, baseline, NULL);
}

static void
kanri_fit_scroller_dispose (GObject *object)
{
  KanriFitScroller *self = KANRI_FIT_SCROLLER (object);

  kanri_fit_scroller_set_child (self, NULL);

  G_OBJECT_CLASS (kanri_fit_scroller_parent_class)->dispose (object);
}

static void
kanri_fit_scroller_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KanriFitScroller *self = KANRI_FIT_SCROLLER (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_fit_scroller_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KanriFitScroller *self = KANRI_FIT_SCROLLER (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      kanri_fit_scroller_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_fit_scroller_class_init (KanriFitScrollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kanri_fit_scroller_dispose;
  object_class->get_property = kanri_fit_scroller_get_property;
  object_class->set_property = kanri_fit_scroller_set_property;

  widget_class->get_request_mode = kanri_fit_scroller_get_request_mode;
  widget_class->measure = kanri_fit_scroller_measure;
  widget_class->size_allocate = kanri_fit_scroller_size_allocate;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_SCROLLED_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_fit_scroller_init (KanriFitScroller *self)
{
}

/**
 * kanri_fit_scroller_get_child:
 *
 * Returns: (nullable) (transfer none): the scroller held
 */
GtkScrolledWindow *
kanri_fit_scroller_get_child (KanriFitScroller *self)
{
  g_return_val_if_fail (KANRI_IS_FIT_SCROLLER (self), NULL);

  return self->child;
}

void
kanri_fit_scroller_set_child (KanriFitScroller  *self,
                              GtkScrolledWindow *child)
{
  g_return_if_fail (KANRI_IS_FIT_SCROLLER (self));
  g_return_if_fail (child == NULL || GTK_IS_SCROLLED_WINDOW (child));

  if (self->child == child)
    return;

  if (self->child != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->child)));
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (GTK_WIDGET (child), GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}
