/* kanri-retry-timeline.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-retry-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-expiration.h"
#include "kanri-retry-timeline-private.h"
#include "kanri-widget-color.h"

/* What happens to a message whose destination is down (PRODUCT.md
 * "Delivery & NDR page"): a line from the first attempt to the expiration,
 * a mark for each retry of kanri_retry_schedule(), and the NDR at the end.
 * An approximation, and labelled so by the page. */
struct _KanriRetryTimeline
{
  GtkWidget  parent_instance;

  GTimeSpan  expiration;
  GArray    *retries;
};

G_DEFINE_FINAL_TYPE (KanriRetryTimeline, kanri_retry_timeline, GTK_TYPE_WIDGET)

/* In the private header: the tests place labels where the chart does. */
#define MARGIN KANRI_RETRY_TIMELINE_MARGIN
#define AXIS_Y 44.0

/**
 * _kanri_retry_timeline_label_left:
 * @x: where the label belongs
 * @align: which point of the label is at @x: 0 its left end, 0.5 its
 *   middle, 1 its right end
 * @label_width: the label's measured width, in pixels
 * @width: the widget's width
 *
 * Kept inside the widget: the last hour's label sits at the right end, and
 * is longer in some languages ("12 時間" was cut off). A label wider than the
 * whole widget starts at its left edge, where it starts to be read.
 *
 * Returns: the x of the label's left end
 */
double
_kanri_retry_timeline_label_left (double x,
                                  double align,
                                  int    label_width,
                                  double width)
{
  return CLAMP (x - label_width * align, 0, MAX (0, width - label_width));
}

static void
draw_text (cairo_t    *cr,
           GtkWidget  *widget,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, _kanri_retry_timeline_label_left (x, align, width, gtk_widget_get_width (widget)), y);
  pango_cairo_show_layout (cr, layout);
}

static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return width;
}

/**
 * _kanri_retry_timeline_hour_step:
 * @span: the axis's length, in pixels
 * @hours: the hours the axis covers
 * @label_width: the widest hour label's measured width, in pixels
 *
 * Every 2, 4, 6 or 12 hours: the smallest step that leaves room between the
 * labels, however long the translation writes them. Each step divides 12 and
 * 24, the ends of what Exchange Online accepts, so the last label is there.
 * When not even 12 hours leave room, 12 all the same: at its minimum width
 * (280 pixels) the chart still gives 12 hours of a day 124 pixels, room
 * for the English and the Japanese labels.
 *
 * Returns: the hours between two labels
 */
int
_kanri_retry_timeline_hour_step (double span,
                                 int    hours,
                                 int    label_width)
{
  static const int steps[] = { 2, 4, 6, 12 };
  /* The labels at both ends, centred on marks a margin from the edges,
   * are moved inwards by what sticks out past the edge: their neighbours
   * need that much more room. */
  double overhang = MAX (0, label_width / 2.0 - KANRI_RETRY_TIMELINE_MARGIN);
  double room = label_width + KANRI_RETRY_TIMELINE_LABEL_GAP + overhang;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (hours <= 0 || span * steps[i] / hours >= room)
      return steps[i];

  return steps[G_N_ELEMENTS (steps) - 1];
}

static int
hour_step (GtkWidget *widget,
           double     span,
           int        hours)
{
  /* At least two digits: the labels of 10 hours and more are the widest. */
  g_autofree char *widest = g_strdup_printf (_("%d h"), MAX (hours, 10));

  return _kanri_retry_timeline_hour_step (span, hours, text_width (widget, widest));
}

static void
kanri_retry_timeline_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  KanriRetryTimeline *self = KANRI_RETRY_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double span = width - 2 * MARGIN;
  int hours = self->expiration / G_TIME_SPAN_HOUR;
  int step;
  g_autofree char *ndr = NULL;
  GdkRGBA fg;
  cairo_t *cr;

  if (span <= 0 || self->expiration <= 0)
    return;

  kanri_widget_get_foreground (widget, &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The hours, as often as their labels fit. */
  step = hour_step (widget, span, hours);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
  cairo_set_line_width (cr, 1);
  for (int h = 0; h <= hours; h += step)
    {
      double x = MARGIN + span * h * G_TIME_SPAN_HOUR / (double)self->expiration;
      g_autofree char *label = g_strdup_printf (_("%d h"), h);

      cairo_move_to (cr, x, AXIS_Y - 4);
      cairo_line_to (cr, x, AXIS_Y + 4);
      cairo_stroke (cr);
      draw_text (cr, widget, label, x, AXIS_Y + 8, 0.5);
    }

  /* The time in the delay queue. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.35);
  cairo_set_line_width (cr, 3);
  cairo_move_to (cr, MARGIN, AXIS_Y);
  cairo_line_to (cr, MARGIN + span, AXIS_Y);
  cairo_stroke (cr);

  /* The first attempt, and each retry (Adwaita's blue). */
  cairo_set_source_rgb (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0);
  cairo_arc (cr, MARGIN, AXIS_Y, 5, 0, 2 * G_PI);
  cairo_fill (cr);
  for (guint i = 0; i + 1 < self->retries->len; i++)
    {
      GTimeSpan at = g_array_index (self->retries, GTimeSpan, i);

      cairo_arc (cr, MARGIN + span * at / (double)self->expiration, AXIS_Y, 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  /* The NDR to the sender when the message expires (Adwaita's red). */
  cairo_set_source_rgb (cr, 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0);
  cairo_arc (cr, MARGIN + span, AXIS_Y, 6, 0, 2 * G_PI);
  cairo_fill (cr);
  ndr = g_strdup (_("NDR 5.4.316"));
  draw_text (cr, widget, ndr, MARGIN + span, 6, 1.0);

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
  draw_text (cr, widget, _("First attempt"), MARGIN, 6, 0);

  cairo_destroy (cr);
}

static void
kanri_retry_timeline_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 640;
    }
  else
    *minimum = *natural = 80;
}

static void
update_description (KanriRetryTimeline *self)
{
  g_autofree char *description = NULL;
  guint retries = kanri_retry_timeline_get_n_retries (self);
  double hours = self->expiration / (double)G_TIME_SPAN_HOUR;

  /* What the chart shows, for those who cannot see it. */
  description = g_strdup_printf (ngettext ("About %u retry in %.1f hours, then a non-delivery "
                                           "report to the sender",
                                           "About %u retries in %.1f hours, then a non-delivery "
                                           "report to the sender", retries),
                                 retries, hours);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

static void
kanri_retry_timeline_finalize (GObject *object)
{
  KanriRetryTimeline *self = (KanriRetryTimeline *)object;

  g_clear_pointer (&self->retries, g_array_unref);

  G_OBJECT_CLASS (kanri_retry_timeline_parent_class)->finalize (object);
}

static void
kanri_retry_timeline_class_init (KanriRetryTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kanri_retry_timeline_finalize;

  widget_class->snapshot = kanri_retry_timeline_snapshot;
  widget_class->measure = kanri_retry_timeline_measure;

  gtk_widget_class_set_css_name (widget_class, "retrytimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kanri_retry_timeline_init (KanriRetryTimeline *self)
{
  kanri_retry_timeline_set_expiration (self, KANRI_EXPIRATION_DEFAULT);
}

GtkWidget *
kanri_retry_timeline_new (void)
{
  return g_object_new (KANRI_TYPE_RETRY_TIMELINE, NULL);
}

void
kanri_retry_timeline_set_expiration (KanriRetryTimeline *self,
                                     GTimeSpan           expiration)
{
  g_return_if_fail (KANRI_IS_RETRY_TIMELINE (self));
  g_return_if_fail (expiration > 0);

  if (self->expiration == expiration && self->retries != NULL)
    return;

  self->expiration = expiration;
  g_clear_pointer (&self->retries, g_array_unref);
  self->retries = kanri_retry_schedule (expiration);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GTimeSpan
kanri_retry_timeline_get_expiration (KanriRetryTimeline *self)
{
  g_return_val_if_fail (KANRI_IS_RETRY_TIMELINE (self), 0);

  return self->expiration;
}

/**
 * kanri_retry_timeline_get_n_retries:
 *
 * Returns: how many retries the chart shows before the expiration
 */
guint
kanri_retry_timeline_get_n_retries (KanriRetryTimeline *self)
{
  g_return_val_if_fail (KANRI_IS_RETRY_TIMELINE (self), 0);

  return self->retries->len - 1;
}
