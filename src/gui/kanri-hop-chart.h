/* kanri-hop-chart.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KANRI_TYPE_HOP_CHART (kanri_hop_chart_get_type ())

G_DECLARE_FINAL_TYPE (KanriHopChart, kanri_hop_chart, KANRI, HOP_CHART, GtkWidget)

GtkWidget *kanri_hop_chart_new           (void);
void       kanri_hop_chart_set_hops      (KanriHopChart *self,
                                          JsonArray     *hops);
void       kanri_hop_chart_set_timeline  (KanriHopChart *self,
                                          GListModel    *timeline);
guint      kanri_hop_chart_get_n_bars    (KanriHopChart *self);
guint      kanri_hop_chart_get_n_events  (KanriHopChart *self);
guint      kanri_hop_chart_get_n_skewed  (KanriHopChart *self);

char      *kanri_format_delay            (double         seconds);

G_END_DECLS
