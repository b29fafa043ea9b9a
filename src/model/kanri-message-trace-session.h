/* kanri-message-trace-session.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-exo-client.h"
#include "kanri-header-report.h"
#include "kanri-tenant.h"

G_BEGIN_DECLS

/**
 * KanriTraceState:
 * @KANRI_TRACE_STATE_IDLE: not run yet
 * @KANRI_TRACE_STATE_NO_TENANT: no tenant to ask (or not signed in to it):
 *   the status says why, the PowerShell is what to run instead
 * @KANRI_TRACE_STATE_RUNNING: the cmdlets are running
 * @KANRI_TRACE_STATE_DONE: traced; the timeline holds the service's events
 * @KANRI_TRACE_STATE_NOT_FOUND: the service has no trace of the message
 * @KANRI_TRACE_STATE_FAILED: the query failed or was refused; the status
 *   says why
 */
typedef enum
{
  KANRI_TRACE_STATE_IDLE,
  KANRI_TRACE_STATE_NO_TENANT,
  KANRI_TRACE_STATE_RUNNING,
  KANRI_TRACE_STATE_DONE,
  KANRI_TRACE_STATE_NOT_FOUND,
  KANRI_TRACE_STATE_FAILED,
} KanriTraceState;

#define KANRI_TYPE_TRACE_STATE (kanri_trace_state_get_type ())
GType kanri_trace_state_get_type (void);

#define KANRI_TYPE_MESSAGE_TRACE_SESSION (kanri_message_trace_session_get_type ())

G_DECLARE_FINAL_TYPE (KanriMessageTraceSession, kanri_message_trace_session, KANRI, MESSAGE_TRACE_SESSION, GObject)

KanriMessageTraceSession *kanri_message_trace_session_new            (KanriTenant              *tenant);
KanriMessageTraceSession *kanri_message_trace_session_new_for_client (KanriExoClient           *client);

void             kanri_message_trace_session_set_report      (KanriMessageTraceSession *self,
                                                              KanriHeaderReport        *report);
KanriHeaderReport *kanri_message_trace_session_get_report    (KanriMessageTraceSession *self);
void             kanri_message_trace_session_set_tenant      (KanriMessageTraceSession *self,
                                                              KanriTenant              *tenant);
void             kanri_message_trace_session_trace_async     (KanriMessageTraceSession *self,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
gboolean         kanri_message_trace_session_trace_finish    (KanriMessageTraceSession *self,
                                                              GAsyncResult             *result,
                                                              GError                  **error);

KanriTraceState  kanri_message_trace_session_get_state       (KanriMessageTraceSession *self);
const char      *kanri_message_trace_session_get_status      (KanriMessageTraceSession *self);
const char      *kanri_message_trace_session_get_powershell  (KanriMessageTraceSession *self);
GListModel      *kanri_message_trace_session_get_timeline    (KanriMessageTraceSession *self);
const char      *kanri_message_trace_session_get_delivery_status (KanriMessageTraceSession *self);
const char      *kanri_message_trace_session_get_recipient   (KanriMessageTraceSession *self);
guint            kanri_message_trace_session_get_n_rows      (KanriMessageTraceSession *self);
gboolean         kanri_message_trace_session_get_traces_original (KanriMessageTraceSession *self);
void             kanri_message_trace_session_append_json     (KanriMessageTraceSession *self,
                                                              GString                  *out);

G_END_DECLS
