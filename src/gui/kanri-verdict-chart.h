/* kanri-verdict-chart.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kanri-batch-summary.h"

G_BEGIN_DECLS

#define KANRI_TYPE_VERDICT_CHART (kanri_verdict_chart_get_type ())

G_DECLARE_FINAL_TYPE (KanriVerdictChart, kanri_verdict_chart, KANRI, VERDICT_CHART, GtkWidget)

GtkWidget *kanri_verdict_chart_new        (void);
void       kanri_verdict_chart_set_days   (KanriVerdictChart *self,
                                           GArray            *days);
guint      kanri_verdict_chart_get_n_bars (KanriVerdictChart *self);
guint      kanri_verdict_chart_get_bucket_days (KanriVerdictChart *self);
char      *kanri_verdict_chart_describe_bar (KanriVerdictChart *self,
                                             guint              index);

G_END_DECLS
