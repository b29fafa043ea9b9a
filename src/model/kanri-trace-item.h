/* kanri-trace-item.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "kanri-trace-timeline.h"

G_BEGIN_DECLS

#define KANRI_TYPE_TRACE_ITEM (kanri_trace_item_get_type ())

G_DECLARE_FINAL_TYPE (KanriTraceItem, kanri_trace_item, KANRI, TRACE_ITEM, GObject)

KanriTraceItem *kanri_trace_item_new             (const KanriTimelineEntry *entry);

gboolean        kanri_trace_item_get_is_hop      (KanriTraceItem *self);
guint           kanri_trace_item_get_hop_number  (KanriTraceItem *self);
GDateTime      *kanri_trace_item_get_time        (KanriTraceItem *self);
const char     *kanri_trace_item_get_title       (KanriTraceItem *self);
const char     *kanri_trace_item_get_action      (KanriTraceItem *self);
const char     *kanri_trace_item_get_detail      (KanriTraceItem *self);
const char     *kanri_trace_item_get_data        (KanriTraceItem *self);
gboolean        kanri_trace_item_get_has_delay   (KanriTraceItem *self);
double          kanri_trace_item_get_delay_seconds (KanriTraceItem *self);
const char     *kanri_trace_item_get_delay_text  (KanriTraceItem *self);
gboolean        kanri_trace_item_get_skewed      (KanriTraceItem *self);
const char     *kanri_trace_item_get_skew_text   (KanriTraceItem *self);

G_END_DECLS
