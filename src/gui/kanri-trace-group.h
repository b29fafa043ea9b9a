/* kanri-trace-group.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kanri-message-trace-session.h"

G_BEGIN_DECLS

#define KANRI_TYPE_TRACE_GROUP (kanri_trace_group_get_type ())

G_DECLARE_FINAL_TYPE (KanriTraceGroup, kanri_trace_group, KANRI, TRACE_GROUP, AdwPreferencesGroup)

KanriMessageTraceSession *kanri_trace_group_get_session (KanriTraceGroup   *self);
void                      kanri_trace_group_set_report  (KanriTraceGroup   *self,
                                                         KanriHeaderReport *report,
                                                         const char        *why_not);

G_END_DECLS
