/* kanri-emulator-trace.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-emulator-trace"

#include "config.h"

#include <string.h>

#include "kanri-emulator-private.h"

/* Message trace: Get-MessageTraceV2 and Get-MessageTraceDetailV2 over the
 * messages the emulated tenant has handled (seeded, or recorded as it
 * "delivers" them through kanri_emulator_deliver()). Facts from
 * https://learn.microsoft.com/powershell/module/exchange/get-messagetracev2
 * and https://learn.microsoft.com/powershell/module/exchange/get-messagetracedetailv2:
 * - data is kept for 90 days; one query covers at most 10 days; without
 *   StartDate and EndDate the last 48 hours;
 * - ResultSize 1 to 5000, 1000 by default; no paging: the next query takes
 *   the last row's RecipientAddress as -StartingRecipientAddress and its
 *   Received as -EndDate;
 * - Status: Delivered, Expanded, Failed, FilteredAsSpam, GettingStatus,
 *   Pending, Quarantined ("None" is refused as an invalid delivery status:
 *   MicrosoftDocs/office-docs-powershell pull request 13214);
 * - the detail's -Event examples: RECEIVE, SEND, FAIL, DELIVER, EXPAND,
 *   TRANSFER, DEFER; output Date, Event, Action, Detail, Data (and the
 *   Graph resource exchangeMessageTraceDetail names the same).
 * The reference does not quote the service's refusals word for word; the
 * texts below are ours and say what the limit is.
 * The clock these limits count from is the tenant's "trace clock": real
 * time, unless the seed (MessageTrace.Now) or kanri_emulator_set_trace_clock()
 * pins it, so that the demo tenant can hold the traces of the dated sample
 * messages in tests/data. */

#define DAY_S             86400
#define MAX_WINDOW_S      (10 * DAY_S)
#define MAX_AGE_S         (90 * DAY_S)
#define DEFAULT_WINDOW_S  (2 * DAY_S)
#define DEFAULT_RESULTS   1000
#define MAX_RESULTS       5000

#define EX_TRACE "Microsoft.Exchange.Management.FfoReporting.InvalidQueryException"

const EmuParameterSpec emu_message_trace_parameters[] = {
  { "EndDate", FALSE }, { "FromIP", FALSE }, { "MessageId", FALSE }, { "MessageTraceId", FALSE },
  { "RecipientAddress", FALSE }, { "ResultSize", FALSE }, { "SenderAddress", FALSE },
  { "StartDate", FALSE }, { "StartingRecipientAddress", FALSE }, { "Status", FALSE },
  { "SubjectFilterType", FALSE }, { "Subject", FALSE }, { "ToIP", FALSE }, { NULL, FALSE },
};

const EmuParameterSpec emu_message_trace_detail_parameters[] = {
  { "MessageTraceId", TRUE }, { "RecipientAddress", TRUE }, { "Action", FALSE }, { "EndDate", FALSE },
  { "Event", FALSE }, { "MessageId", FALSE }, { "SenderAddress", FALSE }, { "StartDate", FALSE },
  { NULL, FALSE },
};

static const char *const statuses[] = {
  "Delivered", "Expanded", "Failed", "FilteredAsSpam", "GettingStatus", "Pending", "Quarantined", NULL,
};

static const char *const subject_filter_types[] = {
  "Contains", "EndsWith", "StartsWith", NULL,
};

static const char *
canonical_of (const char *const *allowed,
              const char        *value)
{
  for (guint i = 0; allowed[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (allowed[i], value) == 0)
        return allowed[i];
    }

  return NULL;
}

/**
 * emu_trace_now:
 *
 * Returns: the trace clock, in Unix seconds
 */
gint64
emu_trace_now (EmuState *state)
{
  g_autofree char *pinned = emu_state_get_meta (state, "trace_now");
  gint64 value;

  if (pinned != NULL && g_ascii_string_to_signed (pinned, 10, 1, G_MAXINT64, &value, NULL))
    return value;

  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Times -------------------------------------------------------------------- */

static gboolean
parse_iso_ms (const char *text,
              gint64     *unix_ms)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return FALSE;

  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    return FALSE;

  *unix_ms = g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
  return TRUE;
}

static void
set_time_ms (JsonObject *object,
             const char *name,
             gint64      unix_ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_ms / 1000);
  g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *text = NULL;

  if (unix_ms % 1000 != 0)
    text = g_strdup_printf ("%s.%03dZ", seconds, (int)(unix_ms % 1000));
  else
    text = g_strconcat (seconds, "Z", NULL);

  json_object_set_string_member (object, name, text);
}

static void
set_time_s (JsonObject *object,
            const char *name,
            gint64      unix_s)
{
  set_time_ms (object, name, unix_s * 1000);
}

/* The query window -------------------------------------------------------- */

typedef struct
{
  gint64 start;
  gint64 end;
} Window;

static gboolean
read_date (EmuInvocation  *inv,
           const char     *name,
           gboolean       *given,
           gint64         *value,
           EmuError      **error)
{
  g_autofree char *text = NULL;

  if (!emu_param_string (inv, name, &text, error))
    return FALSE;

  *given = text != NULL;
  if (text == NULL)
    return TRUE;

  if (!emu_parse_date (text, value))
    {
      *error = emu_error_parameter ("Cannot process argument transformation on parameter '%s'. "
                                    "Cannot convert value \"%s\" to type \"System.DateTime\".", name, text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_window (EmuInvocation  *inv,
             Window         *window,
             EmuError      **error)
{
  gint64 now = emu_trace_now (inv->state);
  gboolean has_start, has_end;

  if (!read_date (inv, "StartDate", &has_start, &window->start, error) ||
      !read_date (inv, "EndDate", &has_end, &window->end, error))
    return FALSE;

  if (!has_end)
    window->end = has_start ? MIN (now, window->start + MAX_WINDOW_S) : now;
  if (!has_start)
    window->start = window->end - DEFAULT_WINDOW_S;

  if (window->start > window->end)
    {
      *error = emu_error_new (400, "BadRequest", EX_TRACE, "The StartDate can't be later than the EndDate.");
      return FALSE;
    }

  if (window->start < now - MAX_AGE_S)
    {
      *error = emu_error_new (400, "BadRequest", EX_TRACE,
                              "Invalid StartDate value. The StartDate can't be older than 90 days from today.");
      return FALSE;
    }

  if (window->end - window->start > MAX_WINDOW_S)
    {
      *error = emu_error_new (400, "BadRequest", EX_TRACE,
                              "The time range between StartDate and EndDate can't be more than 10 days. "
                              "Use a smaller time range or query in multiple rounds.");
      return FALSE;
    }

  return TRUE;
}

/* Get-MessageTraceV2 ------------------------------------------------------ */

typedef struct
{
  Window     window;
  GPtrArray *message_ids;
  GPtrArray *senders;
  GPtrArray *recipients;
  GPtrArray *statuses;
  char      *trace_id;
  char      *starting_recipient;
  char      *subject;
  const char *subject_type;
  char      *from_ip;
  char      *to_ip;
  gint64     result_size;
} TraceQuery;

static void
trace_query_clear (TraceQuery *query)
{
  g_clear_pointer (&query->message_ids, g_ptr_array_unref);
  g_clear_pointer (&query->senders, g_ptr_array_unref);
  g_clear_pointer (&query->recipients, g_ptr_array_unref);
  g_clear_pointer (&query->statuses, g_ptr_array_unref);
  g_clear_pointer (&query->trace_id, g_free);
  g_clear_pointer (&query->starting_recipient, g_free);
  g_clear_pointer (&query->subject, g_free);
  g_clear_pointer (&query->from_ip, g_free);
  g_clear_pointer (&query->to_ip, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TraceQuery, trace_query_clear)

static gboolean
read_result_size (EmuInvocation  *inv,
                  gint64         *size,
                  EmuError      **error)
{
  JsonNode *node = json_object_get_member (inv->parameters, "ResultSize");
  gint64 value;

  *size = DEFAULT_RESULTS;
  if (node == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
           g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT32, G_MAXINT32, &value, NULL))
    ;
  else
    {
      *error = emu_error_conversion ("ResultSize", node, "System.Int32");
      return FALSE;
    }

  if (value < 1 || value > MAX_RESULTS)
    {
      *error = emu_error_parameter ("Cannot validate argument on parameter 'ResultSize'. The %" G_GINT64_FORMAT
                                    " argument is greater than the maximum allowed range of 5000, or less than "
                                    "the minimum of 1. Supply an argument that is between 1 and 5000 and then "
                                    "try the command again.", value);
      return FALSE;
    }

  *size = value;
  return TRUE;
}

static gboolean
read_statuses (EmuInvocation  *inv,
               GPtrArray     **out,
               EmuError      **error)
{
  g_autoptr(GPtrArray) given = emu_param_list (inv, "Status", error);

  if (given == NULL)
    return FALSE;

  for (guint i = 0; i < given->len; i++)
    {
      const char *status = canonical_of (statuses, g_ptr_array_index (given, i));

      if (status == NULL)
        {
          *error = emu_error_new (400, "BadRequest", EX_TRACE,
                                  "Invalid delivery status \"%s\". Valid values are: Delivered, Expanded, Failed, "
                                  "FilteredAsSpam, GettingStatus, Pending, Quarantined.",
                                  (const char *)g_ptr_array_index (given, i));
          return FALSE;
        }
      g_free (given->pdata[i]);
      given->pdata[i] = g_strdup (status);
    }

  *out = g_steal_pointer (&given);
  return TRUE;
}

static gboolean
read_guid (EmuInvocation  *inv,
           char          **out,
           EmuError      **error)
{
  if (!emu_param_string (inv, "MessageTraceId", out, error))
    return FALSE;

  if (*out != NULL && !g_uuid_string_is_valid (*out))
    {
      JsonNode *node = json_object_get_member (inv->parameters, "MessageTraceId");

      *error = emu_error_conversion ("MessageTraceId", node, "System.Guid");
      g_clear_pointer (out, g_free);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_trace_query (EmuInvocation  *inv,
                  TraceQuery     *query,
                  EmuError      **error)
{
  g_autofree char *subject_type = NULL;

  if (!read_window (inv, &query->window, error) ||
      (query->message_ids = emu_param_list (inv, "MessageId", error)) == NULL ||
      (query->senders = emu_param_list (inv, "SenderAddress", error)) == NULL ||
      (query->recipients = emu_param_list (inv, "RecipientAddress", error)) == NULL ||
      !read_statuses (inv, &query->statuses, error) ||
      !read_guid (inv, &query->trace_id, error) ||
      !emu_param_string (inv, "StartingRecipientAddress", &query->starting_recipient, error) ||
      !emu_param_string (inv, "Subject", &query->subject, error) ||
      !emu_param_string (inv, "SubjectFilterType", &subject_type, error) ||
      !emu_param_string (inv, "FromIP", &query->from_ip, error) ||
      !emu_param_string (inv, "ToIP", &query->to_ip, error) ||
      !read_result_size (inv, &query->result_size, error))
    return FALSE;

  if (subject_type != NULL && (query->subject_type = canonical_of (subject_filter_types, subject_type)) == NULL)
    {
      *error = emu_error_parameter ("Cannot validate argument on parameter 'SubjectFilterType'. The argument "
                                    "\"%s\" does not belong to the set \"Contains,EndsWith,StartsWith\".",
                                    subject_type);
      return FALSE;
    }
  if (query->subject != NULL && query->subject_type == NULL)
    query->subject_type = "Contains";

  return TRUE;
}

static gboolean
in_list (GPtrArray  *list,
         const char *value)
{
  if (list == NULL || list->len == 0)
    return TRUE;

  for (guint i = 0; i < list->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (list, i), value) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
subject_matches (TraceQuery *query,
                 const char *subject)
{
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;

  if (query->subject == NULL)
    return TRUE;

  haystack = g_utf8_casefold (subject, -1);
  needle = g_utf8_casefold (query->subject, -1);
  if (g_str_equal (query->subject_type, "StartsWith"))
    return g_str_has_prefix (haystack, needle);
  if (g_str_equal (query->subject_type, "EndsWith"))
    return g_str_has_suffix (haystack, needle);

  return strstr (haystack, needle) != NULL;
}

#define TRACE_COLUMNS \
  "id, trace_id, message_id, sender, recipient, subject, received, status, from_ip, to_ip, size"

enum { TR_ID, TR_TRACE, TR_MESSAGE, TR_SENDER, TR_RECIPIENT, TR_SUBJECT, TR_RECEIVED, TR_STATUS,
       TR_FROM_IP, TR_TO_IP, TR_SIZE };

static const char *
text_at (sqlite3_stmt *stmt,
         int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static gboolean
row_matches (TraceQuery   *query,
             sqlite3_stmt *stmt)
{
  gint64 received = sqlite3_column_int64 (stmt, TR_RECEIVED);

  /* Paging: the rows before this one were on the previous answer. */
  if (query->starting_recipient != NULL && received == query->window.end &&
      g_ascii_strcasecmp (text_at (stmt, TR_RECIPIENT), query->starting_recipient) <= 0)
    return FALSE;

  return in_list (query->message_ids, text_at (stmt, TR_MESSAGE)) &&
         in_list (query->senders, text_at (stmt, TR_SENDER)) &&
         in_list (query->recipients, text_at (stmt, TR_RECIPIENT)) &&
         in_list (query->statuses, text_at (stmt, TR_STATUS)) &&
         (query->trace_id == NULL || g_ascii_strcasecmp (query->trace_id, text_at (stmt, TR_TRACE)) == 0) &&
         (query->from_ip == NULL || g_ascii_strcasecmp (query->from_ip, text_at (stmt, TR_FROM_IP)) == 0) &&
         (query->to_ip == NULL || g_ascii_strcasecmp (query->to_ip, text_at (stmt, TR_TO_IP)) == 0) &&
         subject_matches (query, text_at (stmt, TR_SUBJECT));
}

static JsonObject *
trace_to_json (EmuInvocation *inv,
               sqlite3_stmt  *stmt,
               const Window  *window)
{
  JsonObject *object = json_object_new ();
  g_autofree char *organization = emu_state_get_meta (inv->state, "organization");

  json_object_set_string_member (object, "Organization", organization ? organization : "");
  json_object_set_string_member (object, "MessageId", text_at (stmt, TR_MESSAGE));
  set_time_s (object, "Received", sqlite3_column_int64 (stmt, TR_RECEIVED));
  json_object_set_string_member (object, "SenderAddress", text_at (stmt, TR_SENDER));
  json_object_set_string_member (object, "RecipientAddress", text_at (stmt, TR_RECIPIENT));
  json_object_set_string_member (object, "Subject", text_at (stmt, TR_SUBJECT));
  json_object_set_string_member (object, "Status", text_at (stmt, TR_STATUS));
  if (sqlite3_column_type (stmt, TR_TO_IP) == SQLITE_NULL)
    json_object_set_null_member (object, "ToIP");
  else
    json_object_set_string_member (object, "ToIP", text_at (stmt, TR_TO_IP));
  if (sqlite3_column_type (stmt, TR_FROM_IP) == SQLITE_NULL)
    json_object_set_null_member (object, "FromIP");
  else
    json_object_set_string_member (object, "FromIP", text_at (stmt, TR_FROM_IP));
  json_object_set_int_member (object, "Size", sqlite3_column_int64 (stmt, TR_SIZE));
  json_object_set_string_member (object, "MessageTraceId", text_at (stmt, TR_TRACE));
  set_time_s (object, "StartDate", window->start);
  set_time_s (object, "EndDate", window->end);

  return object;
}

gboolean
emu_get_message_trace (EmuInvocation  *inv,
                       EmuError      **error)
{
  g_auto(TraceQuery) query = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = 0;

  if (!read_trace_query (inv, &query, error))
    return FALSE;

  /* Newest first; rows of one instant by recipient, the order paging
   * with -StartingRecipientAddress continues in. */
  stmt = emu_state_prepare (inv->state,
                            "SELECT " TRACE_COLUMNS " FROM message_traces "
                            "WHERE received >= ?1 AND received <= ?2 "
                            "ORDER BY received DESC, recipient COLLATE NOCASE ASC",
                            &local_error);
  if (stmt == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, query.window.start);
  sqlite3_bind_int64 (stmt, 2, query.window.end);
  while (n < query.result_size && sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (!row_matches (&query, stmt))
        continue;
      emu_add_value (inv, trace_to_json (inv, stmt, &query.window));
      n++;
    }

  return TRUE;
}

/* Get-MessageTraceDetailV2 ------------------------------------------------ */

/* The -Event filter takes an event's word in capitals (RECEIVE, DELIVER,
 * FAIL, DEFER, SEND…) or its whole name. */
static gboolean
event_matches (GPtrArray  *wanted,
               const char *event)
{
  g_autofree char *word = NULL;
  const char *space;

  if (wanted->len == 0)
    return TRUE;

  space = strchr (event, ' ');
  word = space != NULL ? g_strndup (event, space - event) : g_strdup (event);
  for (guint i = 0; i < wanted->len; i++)
    {
      const char *name = g_ptr_array_index (wanted, i);

      if (g_ascii_strcasecmp (name, event) == 0 || g_ascii_strcasecmp (name, word) == 0)
        return TRUE;
    }

  return FALSE;
}

static JsonObject *
event_to_json (EmuInvocation *inv,
               sqlite3_stmt  *trace,
               sqlite3_stmt  *event)
{
  JsonObject *object = json_object_new ();
  g_autofree char *organization = emu_state_get_meta (inv->state, "organization");

  json_object_set_string_member (object, "Organization", organization ? organization : "");
  json_object_set_string_member (object, "MessageId", text_at (trace, TR_MESSAGE));
  set_time_ms (object, "Date", sqlite3_column_int64 (event, 0));
  json_object_set_string_member (object, "Event", text_at (event, 1));
  json_object_set_string_member (object, "Action", text_at (event, 2));
  json_object_set_string_member (object, "Detail", text_at (event, 3));
  json_object_set_string_member (object, "Data", text_at (event, 4));
  json_object_set_string_member (object, "SenderAddress", text_at (trace, TR_SENDER));
  json_object_set_string_member (object, "RecipientAddress", text_at (trace, TR_RECIPIENT));
  json_object_set_string_member (object, "MessageTraceId", text_at (trace, TR_TRACE));

  return object;
}

gboolean
emu_get_message_trace_detail (EmuInvocation  *inv,
                              EmuError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) traces = NULL;
  g_autoptr(sqlite3_stmt) events = NULL;
  g_autoptr(GPtrArray) wanted_events = NULL;
  g_autoptr(GPtrArray) wanted_actions = NULL;
  g_autofree char *trace_id = NULL;
  g_autofree char *recipient = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *sender = NULL;
  Window window;

  if (!read_guid (inv, &trace_id, error) ||
      !emu_param_string (inv, "RecipientAddress", &recipient, error) ||
      !emu_param_string (inv, "MessageId", &message_id, error) ||
      !emu_param_string (inv, "SenderAddress", &sender, error) ||
      !read_window (inv, &window, error) ||
      (wanted_events = emu_param_list (inv, "Event", error)) == NULL ||
      (wanted_actions = emu_param_list (inv, "Action", error)) == NULL)
    return FALSE;

  if (trace_id == NULL || recipient == NULL)
    {
      *error = emu_error_parameter ("Cannot bind argument to parameter '%s' because it is null.",
                                    trace_id == NULL ? "MessageTraceId" : "RecipientAddress");
      return FALSE;
    }

  traces = emu_state_prepare (inv->state,
                              "SELECT " TRACE_COLUMNS " FROM message_traces "
                              "WHERE trace_id = ?1 COLLATE NOCASE AND recipient = ?2 COLLATE NOCASE "
                              "AND received >= ?3 AND received <= ?4 "
                              "AND (?5 IS NULL OR message_id = ?5 COLLATE NOCASE) "
                              "AND (?6 IS NULL OR sender = ?6 COLLATE NOCASE)",
                              &local_error);
  if (traces != NULL)
    events = emu_state_prepare (inv->state,
                                "SELECT time_ms, event, action, detail, data FROM message_trace_events "
                                "WHERE trace = ?1 ORDER BY time_ms, seq",
                                &local_error);
  if (events == NULL)
    {
      *error = emu_error_from_gerror (local_error);
      return FALSE;
    }

  sqlite3_bind_text (traces, 1, trace_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (traces, 2, recipient, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (traces, 3, window.start);
  sqlite3_bind_int64 (traces, 4, window.end);
  sqlite3_bind_text (traces, 5, message_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (traces, 6, sender, -1, SQLITE_STATIC);

  while (sqlite3_step (traces) == SQLITE_ROW)
    {
      sqlite3_reset (events);
      sqlite3_bind_int64 (events, 1, sqlite3_column_int64 (traces, TR_ID));
      while (sqlite3_step (events) == SQLITE_ROW)
        {
          if (!event_matches (wanted_events, text_at (events, 1)) ||
              !in_list (wanted_actions, text_at (events, 2)))
            continue;
          emu_add_value (inv, event_to_json (inv, traces, events));
        }
    }

  return TRUE;
}

/* Recording --------------------------------------------------------------- */

typedef struct
{
  gint64      offset_ms;
  const char *event;
  const char *action;
  const char *detail;
  const char *data;
} Step;

/* The events a message gets when none are given: what the service logs
 * for each outcome (Receive, the spam filter's verdict, then Deliver, Fail
 * or Defer), a moment apart. */
static JsonArray *
default_events (const char *status,
                gint64      received_ms)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  Step steps[3];
  guint n = 0;

  steps[n++] = (Step) { 0, "Receive", "", "Message received by the service.", "" };
  if (g_str_equal (status, "Failed"))
    steps[n++] = (Step) {
      900, "Fail", "",
      "Reason: [{LED=550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup};"
      "{MSG=};{FQDN=};{IP=};{LRT=}]. OutboundProxyTargetIP: . OutboundProxyTargetHostName: ", "" };
  else if (g_str_equal (status, "Pending"))
    steps[n++] = (Step) {
      1200, "Defer", "",
      "Reason: [{LED=451 4.4.0 Message failed to be made redundant};{MSG=};{FQDN=};{IP=};{LRT=}].", "" };
  else
    {
      gboolean spam = g_str_equal (status, "FilteredAsSpam") || g_str_equal (status, "Quarantined");

      steps[n++] = (Step) {
        350, "Spam filter verdict", spam ? (g_str_equal (status, "Quarantined") ? "Quarantine" : "MoveToJmf") : "",
        spam ? "The message was marked as spam (SCL 5)." : "The message was not marked as spam (SCL 1).",
        spam ? "<root><MEP Name=\"SCL\" Integer=\"5\" /><MEP Name=\"SFV\" String=\"SPM\" /></root>"
             : "<root><MEP Name=\"SCL\" Integer=\"1\" /><MEP Name=\"SFV\" String=\"NSPM\" /></root>" };
      if (!g_str_equal (status, "Quarantined"))
        steps[n++] = (Step) {
          1100, "Deliver", "",
          spam ? "The message was delivered to the Junk Email folder." : "The message was successfully delivered.",
          "" };
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((received_ms + steps[i].offset_ms) / 1000);
      g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
      g_autofree char *text = g_strdup_printf ("%s.%03dZ", seconds,
                                               (int)((received_ms + steps[i].offset_ms) % 1000));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "Date");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "Event");
      json_builder_add_string_value (builder, steps[i].event);
      json_builder_set_member_name (builder, "Action");
      json_builder_add_string_value (builder, steps[i].action);
      json_builder_set_member_name (builder, "Detail");
      json_builder_add_string_value (builder, steps[i].detail);
      json_builder_set_member_name (builder, "Data");
      json_builder_add_string_value (builder, steps[i].data);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_array_ref (json_node_get_array (root));
}

static const char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static const char *
text_or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static gboolean
insert_events (EmuState    *state,
               gint64       trace,
               JsonArray   *events,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = emu_state_prepare (state,
                            "INSERT INTO message_trace_events (trace, seq, time_ms, event, action, detail, data) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);
      JsonObject *event = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 time_ms;

      if (event == NULL || member_text (event, "Event") == NULL ||
          !parse_iso_ms (member_text (event, "Date"), &time_ms))
        {
          g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_SEED,
                       "Invalid tenant seed: trace event %u needs a Date (ISO 8601) and an Event", i + 1);
          return FALSE;
        }

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, trace);
      sqlite3_bind_int (stmt, 2, (int)i);
      sqlite3_bind_int64 (stmt, 3, time_ms);
      sqlite3_bind_text (stmt, 4, member_text (event, "Event"), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, text_or_empty (member_text (event, "Action")), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, text_or_empty (member_text (event, "Detail")), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, text_or_empty (member_text (event, "Data")), -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return emu_state_fail (state, error);
    }

  return TRUE;
}

/**
 * emu_trace_record:
 * @received_ms: when the service received the message, Unix milliseconds
 * @events: (nullable): the detail events as the seed gives them; %NULL for
 *   the ones the outcome implies
 *
 * Records one message to one recipient. The messages of one Message-ID
 * and sender share a MessageTraceId, as one message to many recipients
 * does in the service.
 */
gboolean
emu_trace_record (EmuState    *state,
                  const char  *message_id,
                  const char  *sender,
                  const char  *recipient,
                  const char  *subject,
                  const char  *status,
                  const char  *from_ip,
                  gint64       received_ms,
                  JsonArray   *events,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonArray) implied = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *trace_id = NULL;
  const char *canonical_status;

  canonical_status = status != NULL ? canonical_of (statuses, status) : NULL;
  if (message_id == NULL || sender == NULL || recipient == NULL || canonical_status == NULL)
    {
      g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_SEED,
                   "A traced message needs MessageId, SenderAddress, RecipientAddress "
                   "and a Status (Delivered, Expanded, Failed, FilteredAsSpam, GettingStatus, Pending, "
                   "Quarantined)");
      return FALSE;
    }

  seed = g_strdup_printf ("trace/%s/%s", message_id, sender);
  trace_id = emu_stable_guid (seed);
  if (events == NULL)
    events = implied = default_events (canonical_status, received_ms);

  stmt = emu_state_prepare (state,
                            "INSERT INTO message_traces (trace_id, message_id, sender, recipient, subject, received, "
                            "status, from_ip, to_ip, size) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, trace_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, message_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sender, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, recipient, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, subject ? subject : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, received_ms / 1000);
  sqlite3_bind_text (stmt, 7, canonical_status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, from_ip, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, 20480 + (gint64)(strlen (message_id) * 37 % 9000));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return emu_state_fail (state, error);

  return insert_events (state, sqlite3_last_insert_rowid (emu_state_db (state)), events, error);
}

/**
 * emu_trace_seed:
 * @section: (nullable): the seed's "MessageTrace": { "Now": ISO 8601,
 *   "Messages": [ { MessageId, SenderAddress, RecipientAddress, Subject,
 *   Received, Status, FromIP, Events: [ { Date, Event, Action, Detail,
 *   Data } ] } ] }
 */
gboolean
emu_trace_seed (EmuState    *state,
                JsonObject  *section,
                GError     **error)
{
  JsonNode *messages_node;
  JsonArray *messages;
  gint64 now_ms;

  if (section == NULL)
    return TRUE;

  if (member_text (section, "Now") != NULL)
    {
      g_autofree char *text = NULL;

      if (!parse_iso_ms (member_text (section, "Now"), &now_ms))
        {
          g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_SEED,
                       "Invalid tenant seed: MessageTrace.Now “%s” is not an ISO 8601 time",
                       member_text (section, "Now"));
          return FALSE;
        }
      text = g_strdup_printf ("%" G_GINT64_FORMAT, now_ms / 1000);
      if (!emu_state_set_meta (state, "trace_now", text, error))
        return FALSE;
    }

  messages_node = json_object_get_member (section, "Messages");
  if (messages_node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (messages_node))
    {
      g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_SEED,
                   "Invalid tenant seed: MessageTrace.Messages is not an array");
      return FALSE;
    }

  messages = json_node_get_array (messages_node);
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonNode *node = json_array_get_element (messages, i);
      JsonObject *message = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *events = message != NULL ? json_object_get_member (message, "Events") : NULL;
      gint64 received_ms;

      if (message == NULL || !parse_iso_ms (member_text (message, "Received"), &received_ms) ||
          (events != NULL && !JSON_NODE_HOLDS_ARRAY (events)))
        {
          g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_SEED,
                       "Invalid tenant seed: traced message %u needs Received (ISO 8601), and Events "
                       "must be an array", i + 1);
          return FALSE;
        }

      if (!emu_trace_record (state, member_text (message, "MessageId"), member_text (message, "SenderAddress"),
                             member_text (message, "RecipientAddress"), member_text (message, "Subject"),
                             member_text (message, "Status"), member_text (message, "FromIP"), received_ms,
                             events != NULL ? json_node_get_array (events) : NULL, error))
        return FALSE;
    }

  return TRUE;
}
