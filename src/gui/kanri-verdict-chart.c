/* kanri-verdict-chart.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-verdict-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kanri-chart-text.h"
#include "kanri-verdict-chart.h"
#include "kanri-widget-color.h"

/* A batch analysis's verdicts over time: one stacked column per day (or
 * week, or month, when the messages span more days than fit), spam on
 * top of failed authentication on top of clean, the largest column at full
 * height. A wave of spoofing shows as a red tower among green ones, which
 * a table of dates does not show. Hovering a column tells its figures;
 * the accessible description tells the whole. */
struct _KanriVerdictChart
{
  GtkWidget  parent_instance;

  /* (element-type KanriBatchDay): the buckets drawn, oldest first, each
   * starting at its first day */
  GArray    *bars;
  guint      bucket_days;
  guint      tallest;
};

G_DEFINE_FINAL_TYPE (KanriVerdictChart, kanri_verdict_chart, GTK_TYPE_WIDGET)

#define MARGIN        8.0
#define AXIS_WIDTH    48.0
#define PLOT_HEIGHT   140.0
#define LABEL_HEIGHT  22.0
#define LEGEND_HEIGHT 24.0
#define MAX_BARS      62

/* Adwaita's palette: green 4, orange 3, red 3. */
static const GdkRGBA clean_color = { 0x2e / 255.0, 0xc2 / 255.0, 0x7e / 255.0, 1 };
static const GdkRGBA auth_failed_color = { 0xff / 255.0, 0x78 / 255.0, 0x00 / 255.0, 1 };
static const GdkRGBA spam_color = { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0, 1 };

static guint
bar_total (const KanriBatchDay *bar)
{
  return bar->clean + bar->auth_failed + bar->spam;
}

static char *
format_day (gint64 unix_day)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (unix_day);

  /* The locale's own date: 2024/05/07 in Japanese, 05/07/24 in English. */
  return g_date_time_format (date, "%x");
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static double
plot_width (GtkWidget *widget)
{
  return gtk_widget_get_width (widget) - 2 * MARGIN - AXIS_WIDTH;
}

static void
kanri_verdict_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  KanriVerdictChart *self = KANRI_VERDICT_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double span = plot_width (widget);
  double top = MARGIN;
  double bottom = MARGIN + PLOT_HEIGHT;
  double slot, bar_width, x;
  g_autofree char *tallest = NULL;
  const struct { const GdkRGBA *color; const char *label; } legend[] = {
    { &clean_color, _("Clean") },
    { &auth_failed_color, _("Authentication failed") },
    { &spam_color, _("Spam") },
  };
  GdkRGBA fg;
  cairo_t *cr;

  if (self->bars->len == 0 || span < 40 || self->tallest == 0)
    return;

  kanri_widget_get_foreground (widget, &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The axis: zero and the tallest column's count. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, MARGIN + AXIS_WIDTH, floor (bottom) + 0.5);
  cairo_line_to (cr, MARGIN + AXIS_WIDTH + span, floor (bottom) + 0.5);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
  tallest = g_strdup_printf ("%'u", self->tallest);
  kanri_chart_draw_text (cr, widget, tallest, MARGIN + AXIS_WIDTH - 6, top + 6, 1);
  kanri_chart_draw_text (cr, widget, "0", MARGIN + AXIS_WIDTH - 6, bottom - 6, 1);

  slot = span / self->bars->len;
  bar_width = MAX (1.0, slot * 0.8);
  for (guint i = 0; i < self->bars->len; i++)
    {
      const KanriBatchDay *bar = &g_array_index (self->bars, KanriBatchDay, i);
      const struct { guint count; const GdkRGBA *color; } parts[] = {
        { bar->clean, &clean_color },
        { bar->auth_failed, &auth_failed_color },
        { bar->spam, &spam_color },
      };
      double y = bottom;

      x = MARGIN + AXIS_WIDTH + slot * i + (slot - bar_width) / 2;
      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          double h = PLOT_HEIGHT * parts[p].count / self->tallest;

          if (parts[p].count == 0)
            continue;
          /* A count of one still shows. */
          h = MAX (h, 1.0);
          set_source (cr, parts[p].color);
          cairo_rectangle (cr, x, y - h, bar_width, h);
          cairo_fill (cr);
          y -= h;
        }
    }

  /* The first and the last bucket's dates under the axis. */
  {
    g_autofree char *first = format_day (g_array_index (self->bars, KanriBatchDay, 0).day);

    cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
    kanri_chart_draw_text (cr, widget, first, MARGIN + AXIS_WIDTH, bottom + LABEL_HEIGHT / 2, 0);
    if (self->bars->len > 1)
      {
        g_autofree char *last = format_day (g_array_index (self->bars, KanriBatchDay,
                                                           self->bars->len - 1).day);

        kanri_chart_draw_text (cr, widget, last, MARGIN + AXIS_WIDTH + span, bottom + LABEL_HEIGHT / 2, 1);
      }
  }

  /* The legend. */
  x = MARGIN + AXIS_WIDTH;
  for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, legend[i].label);
      double y = bottom + LABEL_HEIGHT + LEGEND_HEIGHT / 2;
      int text_width, text_height;

      set_source (cr, legend[i].color);
      cairo_rectangle (cr, x, y - 5, 10, 10);
      cairo_fill (cr);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.85);
      cairo_move_to (cr, x + 16, y - text_height / 2.0);
      pango_cairo_show_layout (cr, layout);
      x += 16 + text_width + 18;
    }

  cairo_destroy (cr);
}

static void
kanri_verdict_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 600;
    }
  else
    *minimum = *natural = 2 * MARGIN + PLOT_HEIGHT + LABEL_HEIGHT + LEGEND_HEIGHT;
}

/**
 * kanri_verdict_chart_describe_bar:
 *
 * Returns: (transfer full): a column's dates and figures, as its tooltip
 *   says them
 */
char *
kanri_verdict_chart_describe_bar (KanriVerdictChart *self,
                                  guint              index)
{
  const KanriBatchDay *bar;
  g_autofree char *first = NULL;
  g_autofree char *dates = NULL;

  g_return_val_if_fail (KANRI_IS_VERDICT_CHART (self), NULL);
  g_return_val_if_fail (index < self->bars->len, NULL);

  bar = &g_array_index (self->bars, KanriBatchDay, index);
  first = format_day (bar->day);
  if (self->bucket_days == 1)
    dates = g_strdup (first);
  else
    {
      g_autofree char *last = format_day (bar->day + (self->bucket_days - 1) * (gint64)86400);

      /* Translators: a span of dates in the verdicts chart, e.g. "05/01/24 – 05/07/24" */
      dates = g_strdup_printf (_("%s – %s"), first, last);
    }

  /* Translators: a column of the verdicts chart: its date(s) and how many
   * messages were clean, failed authentication, were spam */
  return g_strdup_printf (_("%s: %'u clean, %'u failed authentication, %'u spam"),
                          dates, bar->clean, bar->auth_failed, bar->spam);
}

static gboolean
kanri_verdict_chart_query_tooltip (GtkWidget  *widget,
                                   int         x,
                                   int         y,
                                   gboolean    keyboard,
                                   GtkTooltip *tooltip)
{
  KanriVerdictChart *self = KANRI_VERDICT_CHART (widget);
  double span = plot_width (widget);
  g_autofree char *text = NULL;
  double position;
  guint index;

  if (self->bars->len == 0 || span < 40 || y > MARGIN + PLOT_HEIGHT)
    return FALSE;

  position = (x - MARGIN - AXIS_WIDTH) / (span / self->bars->len);
  if (position < 0 || position >= self->bars->len)
    return FALSE;
  index = (guint)position;

  text = kanri_verdict_chart_describe_bar (self, index);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_description (KanriVerdictChart *self)
{
  guint clean = 0, auth_failed = 0, spam = 0;
  guint worst = G_MAXUINT;
  guint worst_spam = 0;
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < self->bars->len; i++)
    {
      const KanriBatchDay *bar = &g_array_index (self->bars, KanriBatchDay, i);

      clean += bar->clean;
      auth_failed += bar->auth_failed;
      spam += bar->spam;
      if (bar->spam > worst_spam)
        {
          worst_spam = bar->spam;
          worst = i;
        }
    }

  g_string_append_printf (description, _("%'u clean, %'u failed authentication, %'u spam"),
                          clean, auth_failed, spam);
  if (worst != G_MAXUINT)
    {
      g_autofree char *bar = kanri_verdict_chart_describe_bar (self, worst);

      g_string_append (description, "; ");
      /* Translators: followed by a column's description, in the verdicts chart */
      g_string_append_printf (description, _("most spam: %s"), bar);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str, -1);
}

/**
 * kanri_verdict_chart_set_days:
 * @days: (element-type KanriBatchDay) (nullable): by day, oldest first, as
 *   kanri_batch_summary_load_async() gives them
 *
 * Days with no message get an empty column; more days than fit are drawn
 * by week, or by 30 days.
 */
void
kanri_verdict_chart_set_days (KanriVerdictChart *self,
                              GArray            *days)
{
  static const guint bucket_sizes[] = { 1, 7, 30, 365 };
  gint64 first = 0, last = 0;

  g_return_if_fail (KANRI_IS_VERDICT_CHART (self));

  g_array_set_size (self->bars, 0);
  self->bucket_days = 1;
  self->tallest = 0;

  if (days != NULL && days->len > 0)
    {
      first = g_array_index (days, KanriBatchDay, 0).day / 86400;
      last = g_array_index (days, KanriBatchDay, days->len - 1).day / 86400;
    }

  if (days != NULL && days->len > 0)
    {
      guint n;

      for (guint i = 0; i < G_N_ELEMENTS (bucket_sizes); i++)
        {
          self->bucket_days = bucket_sizes[i];
          if ((last - first) / self->bucket_days + 1 <= MAX_BARS)
            break;
        }
      /* A span of centuries (a forged date) still ends in a few columns. */
      n = MIN ((last - first) / self->bucket_days + 1, (gint64)MAX_BARS * 4);
      g_array_set_size (self->bars, n);
      for (guint i = 0; i < n; i++)
        {
          KanriBatchDay *bar = &g_array_index (self->bars, KanriBatchDay, i);

          memset (bar, 0, sizeof *bar);
          bar->day = (first + (gint64)i * self->bucket_days) * 86400;
        }
      for (guint i = 0; i < days->len; i++)
        {
          const KanriBatchDay *day = &g_array_index (days, KanriBatchDay, i);
          guint index = MIN ((day->day / 86400 - first) / self->bucket_days, (gint64)n - 1);
          KanriBatchDay *bar = &g_array_index (self->bars, KanriBatchDay, index);

          bar->clean += day->clean;
          bar->auth_failed += day->auth_failed;
          bar->spam += day->spam;
        }
      for (guint i = 0; i < n; i++)
        self->tallest = MAX (self->tallest, bar_total (&g_array_index (self->bars, KanriBatchDay, i)));
    }

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
kanri_verdict_chart_get_n_bars (KanriVerdictChart *self)
{
  g_return_val_if_fail (KANRI_IS_VERDICT_CHART (self), 0);
  return self->bars->len;
}

/**
 * kanri_verdict_chart_get_bucket_days:
 *
 * Returns: how many days each column counts: 1, 7, 30 or 365
 */
guint
kanri_verdict_chart_get_bucket_days (KanriVerdictChart *self)
{
  g_return_val_if_fail (KANRI_IS_VERDICT_CHART (self), 1);
  return self->bucket_days;
}

static void
kanri_verdict_chart_finalize (GObject *object)
{
  KanriVerdictChart *self = KANRI_VERDICT_CHART (object);

  g_clear_pointer (&self->bars, g_array_unref);

  G_OBJECT_CLASS (kanri_verdict_chart_parent_class)->finalize (object);
}

static void
kanri_verdict_chart_class_init (KanriVerdictChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kanri_verdict_chart_finalize;

  widget_class->snapshot = kanri_verdict_chart_snapshot;
  widget_class->measure = kanri_verdict_chart_measure;
  widget_class->query_tooltip = kanri_verdict_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "verdictchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kanri_verdict_chart_init (KanriVerdictChart *self)
{
  self->bars = g_array_new (FALSE, FALSE, sizeof (KanriBatchDay));
  self->bucket_days = 1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Verdicts over time"), -1);
}

GtkWidget *
kanri_verdict_chart_new (void)
{
  return g_object_new (KANRI_TYPE_VERDICT_CHART, NULL);
}
