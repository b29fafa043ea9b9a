/* kanri-text-cell.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-text-cell"

#include "config.h"

#include "kanri-text-cell.h"
#include "kanri-widget-color.h"

/* One line of text in a table cell, cut with an ellipsis at the column's
 * width. Unlike a GtkLabel, its size does not depend on its text: one line
 * of its font high, and as wide as its column gives it. So a new text only
 * redraws the cell, and the text is laid out (shaped) only when the cell is
 * drawn, that is, when it is on screen.
 *
 * This is what lets a filter on 100,000 mailboxes show in time: the table
 * keeps some 200 rows of eight cells alive, about 25 of them visible, and
 * laying out the text of every cell to measure it was most of a filter. The
 * columns of the tables that use it have fixed widths, so nothing needs the
 * text's own width. */
struct _KanriTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;

  /* One line's height, for the pango context of this serial. */
  int          line_height;
  guint        line_serial;

  /* Whether the text was shortened when last drawn. */
  guint        cut : 1;
};

G_DEFINE_FINAL_TYPE (KanriTextCell, kanri_text_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The height of a line of a font. Every cell of a table has the same
 * font: the last answer is kept for all of them, since working it out
 * lays out a sample text. */
static int
font_line_height (PangoContext *context)
{
  static PangoFontDescription *cached_font;
  static PangoLanguage *cached_language;
  static int cached_height;
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoLanguage *language = pango_context_get_language (context);
  PangoFontMetrics *metrics;

  if (cached_font != NULL && language == cached_language && pango_font_description_equal (font, cached_font))
    return cached_height;

  metrics = pango_context_get_metrics (context, font, language);
  cached_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
  if (cached_height <= 0)
    cached_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) +
                                       pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);

  g_clear_pointer (&cached_font, pango_font_description_free);
  cached_font = pango_font_description_copy (font);
  cached_language = language;

  return cached_height;
}

static void
kanri_text_cell_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  KanriTextCell *self = KANRI_TEXT_CELL (widget);
  PangoContext *context;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }

  /* The widget's context changes (its serial with it) when its font does. */
  context = gtk_widget_get_pango_context (widget);
  if (self->line_height == 0 || self->line_serial != pango_context_get_serial (context))
    {
      self->line_height = font_line_height (context);
      self->line_serial = pango_context_get_serial (context);
    }

  *minimum = *natural = self->line_height;
}

static void
kanri_text_cell_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KanriTextCell *self = KANRI_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  /* On the widget's own context: the layout follows its font. */
  if (self->layout == NULL)
    {
      self->layout = pango_layout_new (gtk_widget_get_pango_context (widget));
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_text (self->layout, self->text, -1);
    }
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);

  /* Too long for the column: it says how much more it needs, for its
   * table to widen the column (after the frame: not while drawing). */
  self->cut = pango_layout_is_ellipsized (self->layout);
  if (self->cut)
    {
      PangoRectangle whole;

      pango_layout_set_width (self->layout, -1);
      pango_layout_get_pixel_extents (self->layout, NULL, &whole);
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      g_signal_emit (self, signals[CUT], 0, whole.width - width + 1);
    }

  kanri_widget_get_foreground (widget, &color);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (height - logical.height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
kanri_text_cell_finalize (GObject *object)
{
  KanriTextCell *self = (KanriTextCell *)object;

  g_clear_object (&self->layout);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (kanri_text_cell_parent_class)->finalize (object);
}

static void
kanri_text_cell_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KanriTextCell *self = KANRI_TEXT_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_text_cell_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KanriTextCell *self = KANRI_TEXT_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      kanri_text_cell_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_text_cell_class_init (KanriTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kanri_text_cell_finalize;
  object_class->get_property = kanri_text_cell_get_property;
  object_class->set_property = kanri_text_cell_set_property;

  widget_class->measure = kanri_text_cell_measure;
  widget_class->snapshot = kanri_text_cell_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KanriTextCell::cut:
   * @missing: how many more pixels the text needs
   *
   * The text did not fit and was drawn shortened. Emitted while drawing: a
   * handler must not change sizes at once.
   */
  signals[CUT] =
    g_signal_new ("cut", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /* Styled and read out as a label: CSS classes such as .warning and
   * .numeric apply, and a screen reader reads the cell's text. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
kanri_text_cell_init (KanriTextCell *self)
{
}

GtkWidget *
kanri_text_cell_new (void)
{
  return g_object_new (KANRI_TYPE_TEXT_CELL, NULL);
}

const char *
kanri_text_cell_get_text (KanriTextCell *self)
{
  g_return_val_if_fail (KANRI_IS_TEXT_CELL (self), NULL);

  return self->text ? self->text : "";
}

/**
 * kanri_text_cell_get_cut:
 *
 * Returns: whether the text was shortened when last drawn
 */
gboolean
kanri_text_cell_get_cut (KanriTextCell *self)
{
  g_return_val_if_fail (KANRI_IS_TEXT_CELL (self), FALSE);

  return self->cut;
}

/**
 * kanri_text_cell_set_text:
 * @text: (nullable): the text to show
 *
 * Redraws the cell; its size stays the same.
 */
void
kanri_text_cell_set_text (KanriTextCell *self,
                          const char    *text)
{
  g_return_if_fail (KANRI_IS_TEXT_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text ? text : "", -1);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}
