/* kanri-share-bar.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-share-bar"

#include "config.h"

#include "kanri-share-bar.h"

/* A horizontal bar in parts, as long as its total against a scale shared
 * by the bars of one list: the top CIPs and sending domains of a batch
 * analysis, each bar split by outcome (DMARC passed, failed; through the
 * gateway without enhanced filtering). The row beside it says the figures
 * in words, so the bar is drawn for the eye only. */
struct _KanriShareBar
{
  GtkWidget          parent_instance;

  KanriShareSegment *segments;
  guint              n_segments;
  guint              scale;
};

G_DEFINE_FINAL_TYPE (KanriShareBar, kanri_share_bar, GTK_TYPE_WIDGET)

#define BAR_HEIGHT 10

/* Adwaita's palette: green 4, orange 3, red 3, blue 3, and a grey. */
static const GdkRGBA colors[] = {
  [KANRI_SHARE_GOOD] = { 0x2e / 255.0, 0xc2 / 255.0, 0x7e / 255.0, 1 },
  [KANRI_SHARE_WARNING] = { 0xff / 255.0, 0x78 / 255.0, 0x00 / 255.0, 1 },
  [KANRI_SHARE_BAD] = { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0, 1 },
  [KANRI_SHARE_NEUTRAL] = { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 1 },
  [KANRI_SHARE_DIM] = { 0x9a / 255.0, 0x99 / 255.0, 0x96 / 255.0, 1 },
};

static void
kanri_share_bar_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KanriShareBar *self = KANRI_SHARE_BAR (widget);
  double width = gtk_widget_get_width (widget);
  double y = (gtk_widget_get_height (widget) - BAR_HEIGHT) / 2.0;
  double x = 0;

  if (self->scale == 0)
    return;

  for (guint i = 0; i < self->n_segments; i++)
    {
      double length = width * self->segments[i].count / self->scale;

      if (self->segments[i].count == 0)
        continue;
      /* One message still shows. */
      length = MAX (length, 2.0);
      gtk_snapshot_append_color (snapshot, &colors[self->segments[i].kind],
                                 &GRAPHENE_RECT_INIT (x, y, MIN (length, width - x), BAR_HEIGHT));
      x += length;
      if (x >= width)
        break;
    }
}

static void
kanri_share_bar_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 120;
    }
  else
    *minimum = *natural = BAR_HEIGHT;
}

static void
kanri_share_bar_finalize (GObject *object)
{
  KanriShareBar *self = KANRI_SHARE_BAR (object);

  g_free (self->segments);

  G_OBJECT_CLASS (kanri_share_bar_parent_class)->finalize (object);
}

static void
kanri_share_bar_class_init (KanriShareBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kanri_share_bar_finalize;

  widget_class->snapshot = kanri_share_bar_snapshot;
  widget_class->measure = kanri_share_bar_measure;

  gtk_widget_class_set_css_name (widget_class, "sharebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
kanri_share_bar_init (KanriShareBar *self)
{
}

GtkWidget *
kanri_share_bar_new (void)
{
  return g_object_new (KANRI_TYPE_SHARE_BAR, NULL);
}

/**
 * kanri_share_bar_set_segments:
 * @segments: (array length=n_segments): the parts, in drawing order
 * @scale: the count a full-width bar stands for (the list's largest)
 */
void
kanri_share_bar_set_segments (KanriShareBar           *self,
                              const KanriShareSegment *segments,
                              guint                    n_segments,
                              guint                    scale)
{
  g_return_if_fail (KANRI_IS_SHARE_BAR (self));

  g_free (self->segments);
  self->segments = g_memdup2 (segments, n_segments * sizeof *segments);
  self->n_segments = n_segments;
  self->scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * kanri_share_bar_get_fraction:
 *
 * Returns: how much of the width the bar fills, from 0 to 1
 */
double
kanri_share_bar_get_fraction (KanriShareBar *self)
{
  guint total = 0;

  g_return_val_if_fail (KANRI_IS_SHARE_BAR (self), 0);

  if (self->scale == 0)
    return 0;
  for (guint i = 0; i < self->n_segments; i++)
    total += self->segments[i].count;

  return MIN (1.0, (double)total / self->scale);
}
