/* test-retry-timeline.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-retry-timeline-private.h"
#include "kanri-test-gui.h"

/* The narrowest the chart gets (its minimum width) and wider ones; at 280,
 * 400 and 800 pixels the Japanese labels come closest to each other. */
static const int widths[] = { 280, 300, 360, 400, 640, 800, 900 };

typedef struct
{
  const char *what;
  double      span;
  int         hours;
  int         label_width;
  int         step;
} StepCase;

static const StepCase step_cases[] = {
  { "a wide chart labels every 2 hours", 608, 24, 30, 2 },
  { "the narrowest chart needs a larger step for the same labels", 248, 24, 30, 6 },
  { "12 hours on the narrowest chart have twice the pixels per hour", 248, 12, 30, 4 },
  { "longer labels need a larger step on the same chart", 608, 24, 52, 4 },
  { "the label and the gap fit exactly", 240, 24, 8, 2 },
  { "the label fits but not the gap after it", 240, 24, 9, 4 },
  { "nothing leaves room: the largest step", 100, 24, 60, 12 },
  { "a label that sticks out past the ends needs more room", 600, 24, 38, 4 },
  { "the same chart with a label that does not stick out", 600, 24, 32, 2 },
};

static void
test_hour_step (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (step_cases); i++)
    {
      const StepCase *c = &step_cases[i];

      g_test_message ("%s", c->what);
      g_assert_cmpint (_kanri_retry_timeline_hour_step (c->span, c->hours, c->label_width), ==, c->step);
    }
}

/* A label, the gap, and what an end label centred on its mark would stick
 * out past the widget's edge: it is moved inwards by that much. */
static double
room (int label_width)
{
  return label_width + KANRI_RETRY_TIMELINE_LABEL_GAP +
         MAX (0, label_width / 2.0 - KANRI_RETRY_TIMELINE_MARGIN);
}

/* Whatever the width and the label, two neighbours' middles are at least
 * that room apart, unless not even the largest step leaves room; and
 * the step is the smallest that does. */
static void
test_hour_step_no_overlap (void)
{
  static const int steps[] = { 2, 4, 6, 12 };

  for (int width = 280; width <= 1280; width += 7)
    for (int hours = 12; hours <= 24; hours += 6)
      for (int label_width = 10; label_width <= 130; label_width += 3)
        {
          double span = width - 2 * KANRI_RETRY_TIMELINE_MARGIN;
          int step = _kanri_retry_timeline_hour_step (span, hours, label_width);
          double pixels_per_hour = span / hours;

          if (step < 12)
            g_assert_cmpfloat (step * pixels_per_hour, >=, room (label_width));
          for (guint i = 0; i < G_N_ELEMENTS (steps) && steps[i] < step; i++)
            g_assert_cmpfloat (steps[i] * pixels_per_hour, <, room (label_width));
        }
}

typedef struct
{
  const char *what;
  double      x;
  double      align;
  int         label_width;
  double      width;
  double      left;
} LeftCase;

static const LeftCase left_cases[] = {
  { "centred in the middle", 320, 0.5, 40, 640, 300 },
  { "the first hour, from the margin", 16, 0, 40, 640, 16 },
  { "the last hour, centred on the right margin, kept inside", 624, 0.5, 52, 640, 588 },
  { "a short last hour label, centred as it is", 624, 0.5, 30, 640, 609 },
  { "right-aligned on the right margin", 624, 1.0, 80, 640, 544 },
  { "centred near the left edge, kept inside", 10, 0.5, 40, 640, 0 },
  { "exactly as wide as the widget, at the right end", 264, 0.5, 280, 280, 0 },
  { "wider than the widget, in the middle", 140, 0.5, 400, 280, 0 },
  { "wider than the widget, at the right end", 264, 0.5, 400, 280, 0 },
};

static void
test_label_left (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (left_cases); i++)
    {
      const LeftCase *c = &left_cases[i];

      g_test_message ("%s", c->what);
      g_assert_cmpfloat (_kanri_retry_timeline_label_left (c->x, c->align, c->label_width, c->width), ==, c->left);
    }
}

static int
measure (GtkWidget  *widget,
         const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return width;
}

/* Every hour label of the Japanese chart, placed as the chart places them
 * ("%d 時間" is the Japanese translation of "%d h"), is inside the widget
 * and the whole gap away from the one before, the labels at both ends too
 * (they are moved inwards to stay inside), unless the chart is too narrow
 * for even the largest step. */
static void
check_japanese_axis (GtkWidget *timeline,
                     int        width,
                     int        hours)
{
  double span = width - 2 * KANRI_RETRY_TIMELINE_MARGIN;
  g_autofree char *widest = g_strdup_printf ("%d 時間", MAX (hours, 10));
  int step = _kanri_retry_timeline_hour_step (span, hours, measure (timeline, widest));
  double previous_right = 0;

  for (int h = 0; h <= hours; h += step)
    {
      g_autofree char *label = g_strdup_printf ("%d 時間", h);
      int label_width = measure (timeline, label);
      double x = KANRI_RETRY_TIMELINE_MARGIN + span * h / hours;
      double left = _kanri_retry_timeline_label_left (x, 0.5, label_width, width);

      g_test_message ("%d px, %d hours: \"%s\" %d px wide from %.1f", width, hours, label, label_width, left);
      g_assert_cmpfloat (left, >=, 0);
      g_assert_cmpfloat (left + label_width, <=, width);
      if (h > 0 && step < 12)
        g_assert_cmpfloat (left, >=, previous_right + KANRI_RETRY_TIMELINE_LABEL_GAP);
      else if (h > 0)
        g_assert_cmpfloat (left, >, previous_right);
      previous_right = left + label_width;
    }
}

/* "12 時間", the last label of a 12-hour chart, sits on the right margin;
 * centred there it ran past the right edge and was cut off. */
static void
test_japanese_last_label (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *timeline = kanri_retry_timeline_new ();
  int label_width;

  gtk_window_set_child (window, timeline);
  gtk_window_present (window);
  kanri_test_iterate (50);

  label_width = measure (timeline, "12 時間");
  /* Wider than twice the margin: what made the centred label run past the
   * edge, so the case shows the cut-off. */
  g_assert_cmpfloat (label_width / 2.0, >, KANRI_RETRY_TIMELINE_MARGIN);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      double right_margin = widths[i] - KANRI_RETRY_TIMELINE_MARGIN;
      double left = _kanri_retry_timeline_label_left (right_margin, 0.5, label_width, widths[i]);

      g_assert_cmpfloat (left, >=, 0);
      g_assert_cmpfloat (left + label_width, <=, widths[i]);
      /* Moved no further than it must. */
      g_assert_cmpfloat (left + label_width, ==, widths[i]);

      check_japanese_axis (timeline, widths[i], 12);
      check_japanese_axis (timeline, widths[i], 24);
    }

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

  g_test_add_func ("/retry-timeline/hour-step", test_hour_step);
  g_test_add_func ("/retry-timeline/hour-step/no-overlap", test_hour_step_no_overlap);
  g_test_add_func ("/retry-timeline/label-left", test_label_left);
  g_test_add_func ("/retry-timeline/japanese-last-label", test_japanese_last_label);

  return g_test_run ();
}
