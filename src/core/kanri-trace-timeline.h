/* kanri-trace-timeline.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "kanri-date.h"
#include "kanri-header-report.h"

G_BEGIN_DECLS

/* One event of Get-MessageTraceDetailV2: Date, Event, Action, Detail,
 * Data (https://learn.microsoft.com/powershell/module/exchange/get-messagetracedetailv2;
 * the properties as the Graph resource names them:
 * https://learn.microsoft.com/graph/api/resources/exchangemessagetracedetail).
 * Every string may be %NULL. */
typedef struct
{
  KanriDate  date;
  char      *event;
  char      *action;
  char      *detail;
  char      *data;
} KanriTraceEvent;

typedef enum
{
  KANRI_TIMELINE_HOP,
  KANRI_TIMELINE_EVENT,
} KanriTimelineKind;

/* One entry of the merged timeline. A hop entry points at the report's
 * KanriHop (@hop, @hop_number counting from 1, oldest first); an event
 * entry at the service's event. @delay_seconds/@delay_text are the time
 * since the closest earlier entry with a time, signed.
 * @skewed is set on a service event that is stamped before the hop where
 * Exchange Online took the message in (@skew_hop, from 1): it cannot have
 * happened first, so the two clocks disagree by @skew_text seconds; such
 * an event is placed right after that hop, not by its time. */
typedef struct
{
  KanriTimelineKind      kind;
  const KanriHop        *hop;
  guint                  hop_number;
  const KanriTraceEvent *event;
  gboolean               has_date;
  KanriDate              date;
  gboolean               has_delay;
  double                 delay_seconds;
  char                   delay_text[KANRI_DATE_DIFFERENCE_MAX];
  gboolean               skewed;
  guint                  skew_hop;
  char                   skew_text[KANRI_DATE_DIFFERENCE_MAX];
} KanriTimelineEntry;

KanriTraceEvent *kanri_trace_event_new          (const KanriDate   *date,
                                                 const char        *event,
                                                 const char        *action,
                                                 const char        *detail,
                                                 const char        *data);
void             kanri_trace_event_free         (KanriTraceEvent   *event);

guint            kanri_trace_timeline_entry_hop (KanriHeaderReport *report);
GPtrArray       *kanri_trace_timeline_merge     (GPtrArray         *hops,
                                                 guint              entry_hop,
                                                 GPtrArray         *events);
void             kanri_trace_timeline_append_json (GPtrArray       *entries,
                                                   GString         *out);
char            *kanri_trace_timeline_to_json   (GPtrArray         *entries);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriTraceEvent, kanri_trace_event_free)

G_END_DECLS
