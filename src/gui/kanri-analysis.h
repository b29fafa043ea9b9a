/* kanri-analysis.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kanri-header-report.h"
#include "kanri-resolver.h"

G_BEGIN_DECLS

typedef enum
{
  KANRI_ANALYSIS_BUSY,
  KANRI_ANALYSIS_DONE,
  KANRI_ANALYSIS_FAILED,
} KanriAnalysisState;

#define KANRI_TYPE_ANALYSIS (kanri_analysis_get_type ())

G_DECLARE_FINAL_TYPE (KanriAnalysis, kanri_analysis, KANRI, ANALYSIS, GObject)

KanriAnalysis      *kanri_analysis_new_for_file   (GFile              *file);
KanriAnalysis      *kanri_analysis_new_for_mbox_message (GFile        *file,
                                                         goffset       offset,
                                                         guint         number);
KanriAnalysis      *kanri_analysis_new_for_text   (const char         *text);
KanriAnalysis      *kanri_analysis_new_for_report (KanriHeaderReport  *report,
                                                   const char         *title);
KanriAnalysis      *kanri_analysis_new_from_json  (const char         *title,
                                                   const char         *json,
                                                   GError            **error);
void                kanri_analysis_set_resolver   (KanriAnalysis      *self,
                                                   KanriResolver      *resolver);
void                kanri_analysis_start          (KanriAnalysis      *self,
                                                   GCancellable       *cancellable);
const char         *kanri_analysis_get_title      (KanriAnalysis      *self);
const char         *kanri_analysis_get_subtitle   (KanriAnalysis      *self);
KanriAnalysisState  kanri_analysis_get_state      (KanriAnalysis      *self);
KanriHeaderReport  *kanri_analysis_get_report     (KanriAnalysis      *self);
const char         *kanri_analysis_get_json       (KanriAnalysis      *self);
JsonObject         *kanri_analysis_get_object     (KanriAnalysis      *self);
const GError       *kanri_analysis_get_error      (KanriAnalysis      *self);

G_END_DECLS
