/* kanri-analyzer-page.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-analysis.h"
#include "kanri-batch-view.h"
#include "kanri-page.h"
#include "kanri-resolver.h"

G_BEGIN_DECLS

#define KANRI_TYPE_ANALYZER_PAGE (kanri_analyzer_page_get_type ())

G_DECLARE_FINAL_TYPE (KanriAnalyzerPage, kanri_analyzer_page, KANRI, ANALYZER_PAGE, KanriPage)

GListModel    *kanri_analyzer_page_get_inputs        (KanriAnalyzerPage   *self);
KanriAnalysis *kanri_analyzer_page_get_current       (KanriAnalyzerPage   *self);
void           kanri_analyzer_page_select            (KanriAnalyzerPage   *self,
                                                      guint                position);
void           kanri_analyzer_page_add_file          (KanriAnalyzerPage   *self,
                                                      GFile               *file);
void           kanri_analyzer_page_set_resolver      (KanriAnalyzerPage   *self,
                                                      KanriResolver       *resolver);
void           kanri_analyzer_page_add_text          (KanriAnalyzerPage   *self,
                                                      const char          *text);
gboolean       kanri_analyzer_page_add_value         (KanriAnalyzerPage   *self,
                                                      const GValue        *value);
void           kanri_analyzer_page_open_files        (KanriAnalyzerPage   *self,
                                                      GFile              **files,
                                                      int                  n_files);
gboolean       kanri_analyzer_page_get_sorting       (KanriAnalyzerPage   *self);
KanriBatchView *kanri_analyzer_page_get_batch_view   (KanriAnalyzerPage   *self);
gboolean       kanri_analyzer_page_get_showing_batch (KanriAnalyzerPage   *self);
void           kanri_analyzer_page_export_json_async (KanriAnalyzerPage   *self,
                                                      GFile               *file,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean       kanri_analyzer_page_export_json_finish (KanriAnalyzerPage  *self,
                                                       GAsyncResult       *result,
                                                       GError            **error);

G_END_DECLS
