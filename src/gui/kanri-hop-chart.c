/* kanri-hop-chart.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-hop-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kanri-chart-text.h"
#include "kanri-hop-chart.h"
#include "kanri-trace-item.h"
#include "kanri-widget-color.h"

/* The delay of each hop of a message as a bar (PRODUCT.md "Header Analyzer
 * page"): one line per hop, oldest first, bars to the right of a zero line.
 * A negative delay means the two servers' clocks disagree: it is drawn to
 * the left of the zero line, in another colour and labelled, never clamped
 * to zero or hidden. With a message trace, the service's events are lines
 * of their own among the hops, in time order, each with the time since the
 * entry before (kanri_hop_chart_set_timeline()). */
struct _KanriHopChart
{
  GtkWidget  parent_instance;

  /* One entry per hop; NAN where the delay is unknown (the first hop, or
   * a hop without a readable date). */
  GArray    *delays;
  /* The event's name on a service event's line, %NULL on a hop's. */
  GPtrArray *events;
  /* The hop number of each line (0 on an event's). */
  GArray    *numbers;
  guint      n_skewed;
};

G_DEFINE_FINAL_TYPE (KanriHopChart, kanri_hop_chart, GTK_TYPE_WIDGET)

#define MARGIN     8.0
#define ROW_HEIGHT 26.0
#define BAR_HEIGHT 14.0
#define LABEL_WIDTH 36.0
#define VALUE_WIDTH 150.0

/**
 * kanri_format_delay:
 * @seconds: a delay, negative for clock skew
 *
 * Returns: (transfer full): the delay for people: "3 s", "2 min 5 s",
 *   "1 h 4 min", "−3 s", "0.32 s"
 */
char *
kanri_format_delay (double seconds)
{
  double magnitude = fabs (seconds);
  const char *sign = seconds < 0 ? "−" : "";
  guint64 whole = (guint64)magnitude;

  if (magnitude < 1 && magnitude > 0)
    /* Translators: a delay under a second, e.g. "0.32 s" */
    return g_strdup_printf (_("%s%.2g s"), sign, magnitude);
  if (whole < 60)
    /* Translators: a delay in seconds, e.g. "12 s" */
    return g_strdup_printf (_("%s%u s"), sign, (guint)whole);
  if (whole < 3600)
    /* Translators: a delay in minutes and seconds, e.g. "2 min 5 s" */
    return g_strdup_printf (_("%s%u min %u s"), sign, (guint)(whole / 60), (guint)(whole % 60));
  if (whole < 86400)
    /* Translators: a delay in hours and minutes, e.g. "1 h 4 min" */
    return g_strdup_printf (_("%s%u h %u min"), sign, (guint)(whole / 3600), (guint)(whole % 3600 / 60));
  /* Translators: a delay in days and hours, e.g. "2 d 3 h" */
  return g_strdup_printf (_("%s%u d %u h"), sign, (guint)(whole / 86400), (guint)(whole % 86400 / 3600));
}

static void
kanri_hop_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KanriHopChart *self = KANRI_HOP_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double max_positive = 0;
  double max_negative = 0;
  double span, zero, scale;
  GdkRGBA fg;
  cairo_t *cr;

  if (self->delays->len == 0)
    return;

  for (guint i = 0; i < self->delays->len; i++)
    {
      double delay = g_array_index (self->delays, double, i);

      if (isnan (delay))
        continue;
      max_positive = MAX (max_positive, delay);
      max_negative = MAX (max_negative, -delay);
    }

  /* The bars share the room left by the hop numbers and the values; the
   * zero line moves right as far as the largest skew needs. Every value is
   * written right of the zero line, so none is cut at the edge. */
  span = width - 2 * MARGIN - LABEL_WIDTH - VALUE_WIDTH;
  if (span <= 8)
    return;
  scale = (max_positive + max_negative) > 0 ? span / (max_positive + max_negative) : 0;
  zero = MARGIN + LABEL_WIDTH + max_negative * scale;

  kanri_widget_get_foreground (widget, &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, floor (zero) + 0.5, MARGIN);
  cairo_line_to (cr, floor (zero) + 0.5, height - MARGIN);
  cairo_stroke (cr);

  for (guint i = 0; i < self->delays->len; i++)
    {
      double delay = g_array_index (self->delays, double, i);
      const char *event = g_ptr_array_index (self->events, i);
      double y = MARGIN + ROW_HEIGHT * i + ROW_HEIGHT / 2;
      /* Translators: the mark of a message trace event's line in the hop
       * chart, where hops have their number (Exchange Online) */
      g_autofree char *number = event != NULL ? g_strdup (C_("hop chart", "EXO"))
                                              : g_strdup_printf ("%u", g_array_index (self->numbers, guint, i));
      g_autofree char *value = NULL;
      double length;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      kanri_chart_draw_text (cr, widget, number, MARGIN, y, 0);

      if (isnan (delay))
        {
          kanri_chart_draw_text (cr, widget, "—", zero + 6, y, 0);
          continue;
        }

      length = MAX (fabs (delay) * scale, delay != 0 ? 2.0 : 0.0);
      value = kanri_format_delay (delay);
      if (event != NULL)
        {
          char *named;

          /* Translators: a delay and the message trace event it led to, e.g. "3 s (Deliver)" */
          named = g_strdup_printf (C_("hop chart", "%s (%s)"), value, event);
          g_free (value);
          value = named;
        }
      if (delay < 0)
        {
          g_autofree char *label = NULL;

          /* Clock skew: Adwaita's orange, to the left of zero. */
          cairo_set_source_rgb (cr, 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0);
          cairo_rectangle (cr, zero - length, y - BAR_HEIGHT / 2, length, BAR_HEIGHT);
          cairo_fill (cr);
          /* Translators: next to a negative delay in the hop chart */
          label = g_strdup_printf (_("%s clock skew"), value);
          kanri_chart_draw_text (cr, widget, label, zero + 6, y, 0);
        }
      else
        {
          /* Adwaita's blue for hops, its purple for the service's events. */
          if (event != NULL)
            cairo_set_source_rgb (cr, 0x91 / 255.0, 0x41 / 255.0, 0xac / 255.0);
          else
            cairo_set_source_rgb (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0);
          cairo_rectangle (cr, zero, y - BAR_HEIGHT / 2, length, BAR_HEIGHT);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.85);
          kanri_chart_draw_text (cr, widget, value, zero + length + 6, y, 0);
        }
    }

  cairo_destroy (cr);
}

static void
kanri_hop_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  KanriHopChart *self = KANRI_HOP_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 260;
      *natural = 600;
    }
  else
    *minimum = *natural = 2 * MARGIN + ROW_HEIGHT * self->delays->len;
}

static void
update_description (KanriHopChart *self)
{
  g_autoptr(GString) description = g_string_new (NULL);
  double longest = 0;
  guint longest_hop = 0;
  guint n_events = 0;

  for (guint i = 0; i < self->delays->len; i++)
    {
      double delay = g_array_index (self->delays, double, i);

      if (g_ptr_array_index (self->events, i) != NULL)
        n_events++;
      else if (!isnan (delay) && delay > longest)
        {
          longest = delay;
          longest_hop = g_array_index (self->numbers, guint, i);
        }
    }

  /* What the chart shows, for those who cannot see it. */
  g_string_append_printf (description,
                          ngettext ("%u hop", "%u hops", self->delays->len - n_events),
                          self->delays->len - n_events);
  if (n_events > 0)
    {
      g_string_append (description, "; ");
      g_string_append_printf (description,
                              ngettext ("%u message trace event", "%u message trace events", n_events),
                              n_events);
    }
  if (longest_hop > 0)
    {
      g_autofree char *text = kanri_format_delay (longest);

      g_string_append (description, "; ");
      g_string_append_printf (description, _("the longest delay is %s, at hop %u"), text, longest_hop);
    }
  if (self->n_skewed > 0)
    {
      g_string_append (description, "; ");
      g_string_append_printf (description,
                              ngettext ("%u negative delay (clock skew)",
                                        "%u negative delays (clock skew)", self->n_skewed),
                              self->n_skewed);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str, -1);
}

static void
kanri_hop_chart_finalize (GObject *object)
{
  KanriHopChart *self = (KanriHopChart *)object;

  g_clear_pointer (&self->delays, g_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->numbers, g_array_unref);

  G_OBJECT_CLASS (kanri_hop_chart_parent_class)->finalize (object);
}

static void
kanri_hop_chart_class_init (KanriHopChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kanri_hop_chart_finalize;

  widget_class->snapshot = kanri_hop_chart_snapshot;
  widget_class->measure = kanri_hop_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "hopchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kanri_hop_chart_init (KanriHopChart *self)
{
  self->delays = g_array_new (FALSE, FALSE, sizeof (double));
  self->events = g_ptr_array_new_with_free_func (g_free);
  self->numbers = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
clear (KanriHopChart *self)
{
  g_array_set_size (self->delays, 0);
  g_ptr_array_set_size (self->events, 0);
  g_array_set_size (self->numbers, 0);
  self->n_skewed = 0;
}

static void
append_line (KanriHopChart *self,
             double         delay,
             guint          number,
             const char    *event)
{
  if (delay < 0)
    self->n_skewed++;
  g_array_append_val (self->delays, delay);
  g_array_append_val (self->numbers, number);
  g_ptr_array_add (self->events, g_strdup (event));
}

GtkWidget *
kanri_hop_chart_new (void)
{
  return g_object_new (KANRI_TYPE_HOP_CHART, NULL);
}

/**
 * kanri_hop_chart_set_hops:
 * @hops: (nullable): the "hops" array of a report's JSON, oldest first
 *
 * Shows the delay of each hop.
 */
void
kanri_hop_chart_set_hops (KanriHopChart *self,
                          JsonArray     *hops)
{
  guint n;

  g_return_if_fail (KANRI_IS_HOP_CHART (self));

  clear (self);

  n = hops != NULL ? json_array_get_length (hops) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *hop = json_array_get_object_element (hops, i);
      JsonNode *node = hop != NULL ? json_object_get_member (hop, "delay_seconds") : NULL;
      double delay = NAN;

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
        delay = json_node_get_double (node);
      append_line (self, delay, i + 1, NULL);
    }

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * kanri_hop_chart_set_timeline:
 * @timeline: a #GListModel of #KanriTraceItem: the hops and the message
 *   trace's events, merged in time order
 *
 * Shows a line for each hop and each service event, with the time since
 * the entry before it.
 */
void
kanri_hop_chart_set_timeline (KanriHopChart *self,
                              GListModel    *timeline)
{
  guint n;

  g_return_if_fail (KANRI_IS_HOP_CHART (self));
  g_return_if_fail (G_IS_LIST_MODEL (timeline));

  clear (self);
  n = g_list_model_get_n_items (timeline);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KanriTraceItem) item = g_list_model_get_item (timeline, i);
      double delay = kanri_trace_item_get_has_delay (item) ? kanri_trace_item_get_delay_seconds (item) : NAN;

      if (kanri_trace_item_get_is_hop (item))
        append_line (self, delay, kanri_trace_item_get_hop_number (item), NULL);
      else
        append_line (self, delay, 0, kanri_trace_item_get_title (item));
    }

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * kanri_hop_chart_get_n_events:
 *
 * Returns: how many of the lines are the message trace's events
 */
guint
kanri_hop_chart_get_n_events (KanriHopChart *self)
{
  guint n = 0;

  g_return_val_if_fail (KANRI_IS_HOP_CHART (self), 0);

  for (guint i = 0; i < self->events->len; i++)
    if (g_ptr_array_index (self->events, i) != NULL)
      n++;
  return n;
}

guint
kanri_hop_chart_get_n_bars (KanriHopChart *self)
{
  guint n = 0;

  g_return_val_if_fail (KANRI_IS_HOP_CHART (self), 0);

  for (guint i = 0; i < self->delays->len; i++)
    if (!isnan (g_array_index (self->delays, double, i)))
      n++;
  return n;
}

guint
kanri_hop_chart_get_n_skewed (KanriHopChart *self)
{
  g_return_val_if_fail (KANRI_IS_HOP_CHART (self), 0);

  return self->n_skewed;
}
