/* kanri-report-row.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KANRI_TYPE_REPORT_ROW (kanri_report_row_get_type ())

G_DECLARE_FINAL_TYPE (KanriReportRow, kanri_report_row, KANRI, REPORT_ROW, GObject)

KanriReportRow *kanri_report_row_new        (const char * const *cells,
                                             gboolean            alert);
const char     *kanri_report_row_get_cell   (KanriReportRow     *self,
                                             guint               column);
const char     *kanri_report_row_get_text   (KanriReportRow     *self);
gboolean        kanri_report_row_get_alert  (KanriReportRow     *self);

G_END_DECLS
