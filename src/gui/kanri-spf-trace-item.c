/* kanri-spf-trace-item.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-spf-trace-item"

#include "config.h"

#include "kanri-spf-trace-item.h"

/* One step of an SPF check's trace, as an item of the DNS & IP Tools page's
 * tree (GtkTreeListModel wants GObjects). It keeps the report alive, which
 * owns the step. */
struct _KanriSpfTraceItem
{
  GObject         parent_instance;

  KanriSpfReport *report;
  KanriSpfStep   *step;
};

G_DEFINE_FINAL_TYPE (KanriSpfTraceItem, kanri_spf_trace_item, G_TYPE_OBJECT)

static GListModel *
create_model (KanriSpfReport *report,
              GPtrArray      *steps)
{
  GListStore *store = g_list_store_new (KANRI_TYPE_SPF_TRACE_ITEM);

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      g_autoptr(KanriSpfTraceItem) item = g_object_new (KANRI_TYPE_SPF_TRACE_ITEM, NULL);

      item->report = kanri_spf_report_ref (report);
      item->step = g_ptr_array_index (steps, i);
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (store);
}

/**
 * kanri_spf_trace_item_new_root:
 * @report: an SPF check's report
 *
 * Returns: (transfer full): a model holding the root of @report's trace
 */
GListModel *
kanri_spf_trace_item_new_root (KanriSpfReport *report)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();

  g_return_val_if_fail (report != NULL, NULL);

  if (report->trace != NULL)
    g_ptr_array_add (roots, report->trace);

  return create_model (report, roots);
}

/**
 * kanri_spf_trace_item_get_children:
 *
 * Returns: (transfer full) (nullable): the steps under this one, %NULL for
 *   a leaf (so that the tree shows no expander)
 */
GListModel *
kanri_spf_trace_item_get_children (KanriSpfTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_SPF_TRACE_ITEM (self), NULL);

  if (self->step->children == NULL || self->step->children->len == 0)
    return NULL;

  return create_model (self->report, self->step->children);
}

KanriSpfStepKind
kanri_spf_trace_item_get_kind (KanriSpfTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_SPF_TRACE_ITEM (self), KANRI_SPF_STEP_NOTE);

  return self->step->kind;
}

const char *
kanri_spf_trace_item_get_subject (KanriSpfTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_SPF_TRACE_ITEM (self), NULL);

  return self->step->subject;
}

const char *
kanri_spf_trace_item_get_detail (KanriSpfTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_SPF_TRACE_ITEM (self), NULL);

  return self->step->detail;
}

KanriSpfResult
kanri_spf_trace_item_get_result (KanriSpfTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_SPF_TRACE_ITEM (self), KANRI_SPF_RESULT_NONE);

  return self->step->result;
}

gboolean
kanri_spf_trace_item_get_matched (KanriSpfTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_SPF_TRACE_ITEM (self), FALSE);

  return self->step->matched;
}

guint
kanri_spf_trace_item_get_lookup_number (KanriSpfTraceItem *self)
{
  g_return_val_if_fail (KANRI_IS_SPF_TRACE_ITEM (self), 0);

  return self->step->lookup_number;
}

static void
kanri_spf_trace_item_finalize (GObject *object)
{
  KanriSpfTraceItem *self = (KanriSpfTraceItem *)object;

  g_clear_pointer (&self->report, kanri_spf_report_unref);

  G_OBJECT_CLASS (kanri_spf_trace_item_parent_class)->finalize (object);
}

static void
kanri_spf_trace_item_class_init (KanriSpfTraceItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kanri_spf_trace_item_finalize;
}

static void
kanri_spf_trace_item_init (KanriSpfTraceItem *self)
{
}
