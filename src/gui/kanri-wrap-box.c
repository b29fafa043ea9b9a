/* kanri-wrap-box.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-wrap-box"

#include "config.h"

#include "kanri-wrap-box.h"

/* A row of controls that wraps onto more lines when the window is too
 * narrow for it, instead of cutting a button's label: a toolbar that must
 * read fully at a phone's width and in longer languages. Each child gets
 * its natural width where it fits; what a line has left goes to the
 * children that expand. GtkFlowBox would wrap them too, but as selectable
 * children of its own, each a stop for the keyboard. */
struct _KanriWrapBox
{
  GtkWidget parent_instance;

  int       spacing;
  int       row_spacing;
};

G_DEFINE_FINAL_TYPE (KanriWrapBox, kanri_wrap_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  PROP_ROW_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GtkWidget *widget;
  int        minimum;
  int        natural;
  int        width;
  guint      line;
} Item;

/* The visible children and their widths, broken into lines for @width. */
static GArray *
lay_out_lines (KanriWrapBox *self,
               int           width,
               guint        *n_lines)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));
  guint line = 0;
  guint line_start = 0;
  int used = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Item item = { child, 0, 0, 0, 0 };

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                          &item.minimum, &item.natural, NULL, NULL);
      if (items->len > line_start && used + self->spacing + item.natural > width)
        {
          line++;
          line_start = items->len;
          used = 0;
        }
      used += (items->len > line_start ? self->spacing : 0) + item.natural;
      item.line = line;
      g_array_append_val (items, item);
    }

  *n_lines = items->len > 0 ? line + 1 : 0;
  return items;
}

/* Within each line: natural widths, the rest shared by the children that
 * expand; a child alone on a line wider than the box gets the box's width
 * (never below its minimum, which the box's minimum covers). */
static void
share_widths (KanriWrapBox *self,
              GArray       *items,
              int           width)
{
  guint start = 0;

  while (start < items->len)
    {
      guint end = start;
      guint n_expand = 0;
      int used = 0;
      int extra;

      while (end < items->len && g_array_index (items, Item, end).line == g_array_index (items, Item, start).line)
        {
          Item *item = &g_array_index (items, Item, end);

          used += (end > start ? self->spacing : 0) + item->natural;
          if (gtk_widget_compute_expand (item->widget, GTK_ORIENTATION_HORIZONTAL))
            n_expand++;
          end++;
        }

      extra = width - used;
      for (guint i = start; i < end; i++)
        {
          Item *item = &g_array_index (items, Item, i);

          if (extra < 0)
            item->width = MAX (item->minimum, item->natural + extra);
          else if (n_expand > 0 && gtk_widget_compute_expand (item->widget, GTK_ORIENTATION_HORIZONTAL))
            item->width = item->natural + extra / (int)n_expand;
          else
            item->width = item->natural;
        }

      start = end;
    }
}

static int
line_height (GArray *items,
             guint   line)
{
  int height = 0;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      int minimum = 0;

      if (item->line != line)
        continue;
      gtk_widget_measure (item->widget, GTK_ORIENTATION_VERTICAL, item->width,
                          &minimum, NULL, NULL, NULL);
      height = MAX (height, minimum);
    }

  return height;
}

static int
height_for_width (KanriWrapBox *self,
                  int           width)
{
  g_autoptr(GArray) items = NULL;
  guint n_lines = 0;
  int height = 0;

  items = lay_out_lines (self, width, &n_lines);
  share_widths (self, items, width);
  for (guint line = 0; line < n_lines; line++)
    height += (line > 0 ? self->row_spacing : 0) + line_height (items, line);

  return height;
}

static GtkSizeRequestMode
kanri_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Widths: at least the widest child's minimum, naturally all on one line.
 * Heights: for a width, the lines that width makes; for -1, the height at
 * the natural width, on the fewest lines: no wider width needs more, as
 * GTK's rule for a measure asks. */
static void
kanri_wrap_box_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  KanriWrapBox *self = KANRI_WRAP_BOX (widget);

  *minimum = 0;
  *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gboolean first = TRUE;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min = 0, child_nat = 0;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural += (first ? 0 : self->spacing) + child_nat;
          first = FALSE;
        }
      *natural = MAX (*minimum, *natural);
      return;
    }

  if (for_size < 0)
    {
      int unused = 0;

      /* At its natural width, where its lines are fewest. */
      kanri_wrap_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &unused, &for_size, NULL, NULL);
    }

  *minimum = *natural = height_for_width (self, for_size);
}

static void
kanri_wrap_box_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  KanriWrapBox *self = KANRI_WRAP_BOX (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  g_autoptr(GArray) items = NULL;
  guint n_lines = 0;
  int y = 0;

  items = lay_out_lines (self, width, &n_lines);
  share_widths (self, items, width);

  for (guint line = 0; line < n_lines; line++)
    {
      int this_height = line_height (items, line);
      int x = 0;

      for (guint i = 0; i < items->len; i++)
        {
          Item *item = &g_array_index (items, Item, i);
          int child_x;

          if (item->line != line)
            continue;
          child_x = rtl ? width - x - item->width : x;
          gtk_widget_size_allocate (item->widget,
                                    &(GtkAllocation) { child_x, y, item->width, this_height }, -1);
          x += item->width + self->spacing;
        }

      y += this_height + self->row_spacing;
    }
}

static void
kanri_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kanri_wrap_box_parent_class)->dispose (object);
}

static void
kanri_wrap_box_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KanriWrapBox *self = KANRI_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_ROW_SPACING:
      g_value_set_int (value, self->row_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_wrap_box_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KanriWrapBox *self = KANRI_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      kanri_wrap_box_set_spacing (self, g_value_get_int (value));
      break;
    case PROP_ROW_SPACING:
      kanri_wrap_box_set_row_spacing (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_wrap_box_class_init (KanriWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kanri_wrap_box_dispose;
  object_class->get_property = kanri_wrap_box_get_property;
  object_class->set_property = kanri_wrap_box_set_property;

  widget_class->get_request_mode = kanri_wrap_box_get_request_mode;
  widget_class->measure = kanri_wrap_box_measure;
  widget_class->size_allocate = kanri_wrap_box_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 6,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROW_SPACING] =
    g_param_spec_int ("row-spacing", NULL, NULL, 0, G_MAXINT, 6,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wrapbox");
}

static void
kanri_wrap_box_init (KanriWrapBox *self)
{
  self->spacing = 6;
  self->row_spacing = 6;
}

GtkWidget *
kanri_wrap_box_new (void)
{
  return g_object_new (KANRI_TYPE_WRAP_BOX, NULL);
}

void
kanri_wrap_box_append (KanriWrapBox *self,
                       GtkWidget    *child)
{
  g_return_if_fail (KANRI_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

int
kanri_wrap_box_get_spacing (KanriWrapBox *self)
{
  g_return_val_if_fail (KANRI_IS_WRAP_BOX (self), 0);

  return self->spacing;
}

/**
 * kanri_wrap_box_set_spacing:
 *
 * The space between two children on a line.
 */
void
kanri_wrap_box_set_spacing (KanriWrapBox *self,
                            int           spacing)
{
  g_return_if_fail (KANRI_IS_WRAP_BOX (self));

  if (self->spacing == spacing)
    return;

  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

int
kanri_wrap_box_get_row_spacing (KanriWrapBox *self)
{
  g_return_val_if_fail (KANRI_IS_WRAP_BOX (self), 0);

  return self->row_spacing;
}

/**
 * kanri_wrap_box_set_row_spacing:
 *
 * The space between two lines.
 */
void
kanri_wrap_box_set_row_spacing (KanriWrapBox *self,
                                int           spacing)
{
  g_return_if_fail (KANRI_IS_WRAP_BOX (self));

  if (self->row_spacing == spacing)
    return;

  self->row_spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_SPACING]);
}
