/* kanri-record-list.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-record-list"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-record-list.h"
#include "kanri-report-row.h"

/* The tables of a report (hops, anti-spam fields, headers) as a list of
 * records whose text wraps: each reads fully at any width, and the report
 * scrolls as one page. A table with columns of its own widths scrolled
 * sideways inside the page, cut its text at the page's edge and caught the
 * mouse wheel. A list holds widgets for every row it shows, so it shows the
 * first max-rows of its model (300 by default) and says how many more there
 * are: a header block of 160,000 Received lines stays usable. */
struct _KanriRecordList
{
  GtkWidget                parent_instance;

  GtkListBox              *list;
  GtkLabel                *more_label;
  GListModel              *model;
  GtkSliceListModel       *shown;
  const KanriRecordLayout *layout;
  gulong                   items_changed_handler;
};

G_DEFINE_FINAL_TYPE (KanriRecordList, kanri_record_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_MAX_ROWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
cell (KanriReportRow *row,
      int             column)
{
  const char *text = column >= 0 ? kanri_report_row_get_cell (row, column) : NULL;

  return text != NULL ? text : "";
}

static GtkWidget *
wrapping_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static GtkWidget *
create_heading (const KanriRecordLayout *layout,
                KanriReportRow          *row)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  /* The format is the translation of a fixed msgid, never input. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  text = g_strdup_printf (_(layout->heading), cell (row, layout->heading_cells[0]),
                          cell (row, layout->heading_cells[1]));
#pragma GCC diagnostic pop

  label = wrapping_label (text);
  gtk_widget_add_css_class (label, "heading");
  if (kanri_report_row_get_alert (row))
    gtk_widget_add_css_class (label, "warning");
  return label;
}

static GtkWidget *
create_details (const KanriRecordLayout *layout,
                KanriReportRow          *row)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);

  for (int i = 0; i < KANRI_RECORD_MAX_DETAILS && layout->detail_titles[i] != NULL; i++)
    {
      GtkWidget *title = gtk_label_new (_(layout->detail_titles[i]));
      GtkWidget *value = wrapping_label (cell (row, layout->detail_cells[i]));

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_yalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "dim-label");
      gtk_widget_set_hexpand (value, TRUE);
      gtk_grid_attach (GTK_GRID (grid), title, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 1, i, 1, 1);
    }

  return grid;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  KanriRecordList *self = user_data;
  const KanriRecordLayout *layout = self->layout;
  KanriReportRow *row = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *list_row = gtk_list_box_row_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);

  if (layout->heading != NULL)
    gtk_box_append (GTK_BOX (box), create_heading (layout, row));

  if (layout->subtitle_cell >= 0)
    {
      GtkWidget *subtitle = wrapping_label (cell (row, layout->subtitle_cell));

      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_box_append (GTK_BOX (box), subtitle);
    }

  if (layout->body_cell >= 0)
    {
      GtkWidget *body = wrapping_label (cell (row, layout->body_cell));

      if (layout->monospace_body)
        gtk_widget_add_css_class (body, "monospace");
      gtk_box_append (GTK_BOX (box), body);
    }

  if (layout->detail_titles[0] != NULL)
    gtk_box_append (GTK_BOX (box), create_details (layout, row));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_widget_set_focusable (list_row, FALSE);
  return list_row;
}

static void
update_more (KanriRecordList *self)
{
  guint total = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint shown = gtk_slice_list_model_get_size (self->shown);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->more_label), total > shown);
  if (total <= shown)
    return;

  text = g_strdup_printf (ngettext ("The first %u of %u is shown.",
                                    "The first %u of %u are shown.", shown),
                          shown, total);
  gtk_label_set_label (self->more_label, text);
}

static void
model_items_changed_cb (KanriRecordList *self)
{
  update_more (self);
}

static void
rebind (KanriRecordList *self)
{
  if (self->layout == NULL)
    return;

  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->shown), create_row_cb, self, NULL);
}

static void
kanri_record_list_dispose (GObject *object)
{
  KanriRecordList *self = (KanriRecordList *)object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_signal_handler (&self->items_changed_handler, self->model);
  g_clear_object (&self->model);
  g_clear_object (&self->shown);
  if (self->list != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->list));
  if (self->more_label != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->more_label));
  self->list = NULL;
  self->more_label = NULL;

  G_OBJECT_CLASS (kanri_record_list_parent_class)->dispose (object);
}

static void
kanri_record_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KanriRecordList *self = KANRI_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_MAX_ROWS:
      g_value_set_uint (value, kanri_record_list_get_max_rows (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_record_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KanriRecordList *self = KANRI_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      kanri_record_list_set_model (self, g_value_get_object (value));
      break;
    case PROP_MAX_ROWS:
      kanri_record_list_set_max_rows (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_record_list_class_init (KanriRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kanri_record_list_dispose;
  object_class->get_property = kanri_record_list_get_property;
  object_class->set_property = kanri_record_list_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_ROWS] =
    g_param_spec_uint ("max-rows", NULL, NULL, 1, G_MAXUINT, 300,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "recordlist");
}

static void
kanri_record_list_init (KanriRecordList *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *placeholder = gtk_label_new ("—");

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));

  self->more_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->more_label, 0);
  gtk_label_set_wrap (self->more_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->more_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->more_label), GTK_WIDGET (self));

  self->shown = gtk_slice_list_model_new (NULL, 0, 300);
}

GtkWidget *
kanri_record_list_new (void)
{
  return g_object_new (KANRI_TYPE_RECORD_LIST, NULL);
}

/**
 * kanri_record_list_set_layout:
 * @layout: (transfer none): how each record shows, kept for the list's life
 *   (a static table)
 */
void
kanri_record_list_set_layout (KanriRecordList         *self,
                              const KanriRecordLayout *layout)
{
  g_return_if_fail (KANRI_IS_RECORD_LIST (self));
  g_return_if_fail (layout != NULL);

  self->layout = layout;
  rebind (self);
}

GListModel *
kanri_record_list_get_model (KanriRecordList *self)
{
  g_return_val_if_fail (KANRI_IS_RECORD_LIST (self), NULL);

  return self->model;
}

/**
 * kanri_record_list_set_model:
 * @model: (nullable): a model of #KanriReportRow
 */
void
kanri_record_list_set_model (KanriRecordList *self,
                             GListModel      *model)
{
  g_return_if_fail (KANRI_IS_RECORD_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  g_clear_signal_handler (&self->items_changed_handler, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->items_changed_handler = g_signal_connect_object (model, "items-changed",
                                                           G_CALLBACK (model_items_changed_cb),
                                                           self, G_CONNECT_SWAPPED);
  gtk_slice_list_model_set_model (self->shown, model);
  rebind (self);
  update_more (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

guint
kanri_record_list_get_max_rows (KanriRecordList *self)
{
  g_return_val_if_fail (KANRI_IS_RECORD_LIST (self), 0);

  return gtk_slice_list_model_get_size (self->shown);
}

/**
 * kanri_record_list_set_max_rows:
 *
 * How many records are shown at most, from the first.
 */
void
kanri_record_list_set_max_rows (KanriRecordList *self,
                                guint            max_rows)
{
  g_return_if_fail (KANRI_IS_RECORD_LIST (self));
  g_return_if_fail (max_rows > 0);

  if (gtk_slice_list_model_get_size (self->shown) == max_rows)
    return;

  gtk_slice_list_model_set_size (self->shown, max_rows);
  update_more (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ROWS]);
}
