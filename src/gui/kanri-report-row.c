/* kanri-report-row.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-report-row"

#include "config.h"

#include "kanri-report-row.h"

/* One row of a table of the Header Analyzer page (hops, anti-spam fields,
 * headers): its cells as text, all of them joined in "text" for the search
 * filter, and whether it needs attention (a negative delay: clock skew). */
struct _KanriReportRow
{
  GObject    parent_instance;

  GStrv      cells;
  char      *text;
  gboolean   alert;
};

G_DEFINE_FINAL_TYPE (KanriReportRow, kanri_report_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_ALERT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kanri_report_row_finalize (GObject *object)
{
  KanriReportRow *self = (KanriReportRow *)object;

  g_clear_pointer (&self->cells, g_strfreev);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (kanri_report_row_parent_class)->finalize (object);
}

static void
kanri_report_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KanriReportRow *self = KANRI_REPORT_ROW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_ALERT:
      g_value_set_boolean (value, self->alert);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_report_row_class_init (KanriReportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_report_row_finalize;
  object_class->get_property = kanri_report_row_get_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ALERT] =
    g_param_spec_boolean ("alert", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_report_row_init (KanriReportRow *self)
{
}

/**
 * kanri_report_row_new:
 * @cells: the text of each column; %NULL-terminated
 * @alert: whether the row needs attention
 *
 * Returns: (transfer full): a new row
 */
KanriReportRow *
kanri_report_row_new (const char * const *cells,
                      gboolean            alert)
{
  KanriReportRow *self;

  g_return_val_if_fail (cells != NULL, NULL);

  self = g_object_new (KANRI_TYPE_REPORT_ROW, NULL);
  self->cells = g_strdupv ((char **)cells);
  self->text = g_strjoinv (" ", self->cells);
  self->alert = alert;

  return self;
}

/**
 * kanri_report_row_get_cell:
 *
 * Returns: the text of @column, "" past the last one
 */
const char *
kanri_report_row_get_cell (KanriReportRow *self,
                           guint           column)
{
  g_return_val_if_fail (KANRI_IS_REPORT_ROW (self), NULL);

  if (column >= g_strv_length (self->cells))
    return "";
  return self->cells[column];
}

const char *
kanri_report_row_get_text (KanriReportRow *self)
{
  g_return_val_if_fail (KANRI_IS_REPORT_ROW (self), NULL);

  return self->text;
}

gboolean
kanri_report_row_get_alert (KanriReportRow *self)
{
  g_return_val_if_fail (KANRI_IS_REPORT_ROW (self), FALSE);

  return self->alert;
}
