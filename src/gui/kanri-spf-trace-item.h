/* kanri-spf-trace-item.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-spf.h"

G_BEGIN_DECLS

#define KANRI_TYPE_SPF_TRACE_ITEM (kanri_spf_trace_item_get_type ())

G_DECLARE_FINAL_TYPE (KanriSpfTraceItem, kanri_spf_trace_item, KANRI, SPF_TRACE_ITEM, GObject)

GListModel       *kanri_spf_trace_item_new_root      (KanriSpfReport    *report);
GListModel       *kanri_spf_trace_item_get_children  (KanriSpfTraceItem *self);
KanriSpfStepKind  kanri_spf_trace_item_get_kind      (KanriSpfTraceItem *self);
const char       *kanri_spf_trace_item_get_subject   (KanriSpfTraceItem *self);
const char       *kanri_spf_trace_item_get_detail    (KanriSpfTraceItem *self);
KanriSpfResult    kanri_spf_trace_item_get_result    (KanriSpfTraceItem *self);
gboolean          kanri_spf_trace_item_get_matched   (KanriSpfTraceItem *self);
guint             kanri_spf_trace_item_get_lookup_number (KanriSpfTraceItem *self);

G_END_DECLS
