/* kanri-message-trace-session.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-message-trace-session"

#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>
#include <string.h>

#include "kanri-exo-error.h"
#include "kanri-message-trace-session.h"
#include "kanri-mime.h"
#include "kanri-trace-item.h"
#include "kanri-trace-timeline.h"

/* The message trace beside the hops: from an analyzed message's
 * Message-ID (or its sender and recipient) and date, runs
 * Get-MessageTraceV2, pages with -StartingRecipientAddress and -EndDate,
 * picks the header's recipient, runs Get-MessageTraceDetailV2 for it and
 * merges the events with the Received hops (kanri-trace-timeline.c).
 * Facts: https://learn.microsoft.com/powershell/module/exchange/get-messagetracev2
 * (10 days a query, ResultSize 1000 by default, no paging but
 * StartingRecipientAddress and EndDate from the last row) and
 * https://learn.microsoft.com/powershell/module/exchange/get-messagetracedetailv2
 * (MessageTraceId and RecipientAddress required).
 * Reads only: nothing is journaled. For an NDR, the original message it
 * returns is traced, as that is the one whose fate the admin is after. */

#define RESULT_SIZE 1000
/* 10,000 rows: far past any one message's recipients. */
#define MAX_QUERIES 10
/* The window around the message's date: a day before (the sender's
 * clock), nine after (retries of a deferred message), ten in all. */
#define DAYS_BEFORE 1
#define DAYS_AFTER  9

G_DEFINE_ENUM_TYPE (KanriTraceState, kanri_trace_state,
                    G_DEFINE_ENUM_VALUE (KANRI_TRACE_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (KANRI_TRACE_STATE_NO_TENANT, "no-tenant"),
                    G_DEFINE_ENUM_VALUE (KANRI_TRACE_STATE_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (KANRI_TRACE_STATE_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (KANRI_TRACE_STATE_NOT_FOUND, "not-found"),
                    G_DEFINE_ENUM_VALUE (KANRI_TRACE_STATE_FAILED, "failed"))

struct _KanriMessageTraceSession
{
  GObject             parent_instance;

  KanriTenant        *tenant;
  KanriExoClient     *client;

  /* As given; @target is the message traced (an NDR's original). */
  KanriHeaderReport  *report;
  KanriHeaderReport  *target;
  gboolean            traces_original;
  char               *message_id;
  char               *sender;
  GStrv               recipients;
  char               *start_date;
  char               *end_date;

  KanriTraceState     state;
  char               *status;
  char               *powershell;
  char               *delivery_status;
  char               *recipient;
  guint               n_rows;

  GPtrArray          *events;
  GPtrArray          *entries;
  GListStore         *timeline;
  /* Bumped by every new report: a run for an older one drops its answers. */
  guint               generation;
};

G_DEFINE_FINAL_TYPE (KanriMessageTraceSession, kanri_message_trace_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_STATUS,
  PROP_POWERSHELL,
  PROP_DELIVERY_STATUS,
  PROP_N_ROWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_report (KanriMessageTraceSession *self)
{
  g_clear_object (&self->report);
  g_clear_object (&self->target);
  g_clear_pointer (&self->message_id, g_free);
  g_clear_pointer (&self->sender, g_free);
  g_clear_pointer (&self->recipients, g_strfreev);
  g_clear_pointer (&self->start_date, g_free);
  g_clear_pointer (&self->end_date, g_free);
  g_clear_pointer (&self->powershell, g_free);
  g_clear_pointer (&self->delivery_status, g_free);
  g_clear_pointer (&self->recipient, g_free);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->traces_original = FALSE;
  self->n_rows = 0;
}

static void
kanri_message_trace_session_dispose (GObject *object)
{
  KanriMessageTraceSession *self = KANRI_MESSAGE_TRACE_SESSION (object);

  g_clear_object (&self->tenant);
  g_clear_object (&self->client);
  if (self->timeline != NULL)
    g_list_store_remove_all (self->timeline);
  clear_report (self);

  G_OBJECT_CLASS (kanri_message_trace_session_parent_class)->dispose (object);
}

static void
kanri_message_trace_session_finalize (GObject *object)
{
  KanriMessageTraceSession *self = KANRI_MESSAGE_TRACE_SESSION (object);

  g_clear_object (&self->timeline);
  g_free (self->status);

  G_OBJECT_CLASS (kanri_message_trace_session_parent_class)->finalize (object);
}

static void
kanri_message_trace_session_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  KanriMessageTraceSession *self = KANRI_MESSAGE_TRACE_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_POWERSHELL:
      g_value_set_string (value, self->powershell);
      break;
    case PROP_DELIVERY_STATUS:
      g_value_set_string (value, self->delivery_status);
      break;
    case PROP_N_ROWS:
      g_value_set_uint (value, self->n_rows);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_message_trace_session_class_init (KanriMessageTraceSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kanri_message_trace_session_dispose;
  object_class->finalize = kanri_message_trace_session_finalize;
  object_class->get_property = kanri_message_trace_session_get_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, KANRI_TYPE_TRACE_STATE,
                                              KANRI_TRACE_STATE_IDLE, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_POWERSHELL] = g_param_spec_string ("powershell", NULL, NULL, NULL, flags);
  properties[PROP_DELIVERY_STATUS] = g_param_spec_string ("delivery-status", NULL, NULL, NULL, flags);
  properties[PROP_N_ROWS] = g_param_spec_uint ("n-rows", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_message_trace_session_init (KanriMessageTraceSession *self)
{
  self->timeline = g_list_store_new (KANRI_TYPE_TRACE_ITEM);
}

/**
 * kanri_message_trace_session_new:
 * @tenant: (nullable): the tenant to trace in; %NULL when there is none,
 *   and the session says so
 */
KanriMessageTraceSession *
kanri_message_trace_session_new (KanriTenant *tenant)
{
  KanriMessageTraceSession *self;

  g_return_val_if_fail (tenant == NULL || KANRI_IS_TENANT (tenant), NULL);

  self = g_object_new (KANRI_TYPE_MESSAGE_TRACE_SESSION, NULL);
  g_set_object (&self->tenant, tenant);
  return self;
}

/**
 * kanri_message_trace_session_new_for_client:
 *
 * A session that reads through @client directly, for `kanri-cli trace`,
 * which has no local model.
 */
KanriMessageTraceSession *
kanri_message_trace_session_new_for_client (KanriExoClient *client)
{
  KanriMessageTraceSession *self;

  g_return_val_if_fail (KANRI_IS_EXO_CLIENT (client), NULL);

  self = g_object_new (KANRI_TYPE_MESSAGE_TRACE_SESSION, NULL);
  g_set_object (&self->client, client);
  return self;
}

static void
set_state (KanriMessageTraceSession *self,
           KanriTraceState           state,
           char                     *status)
{
  g_free (self->status);
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

/* What the report says ---------------------------------------------------- */

static GStrv
addresses_of (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  InternetAddressList *list;

  if (text == NULL)
    return g_strv_builder_end (builder);

  kanri_mime_init ();
  list = internet_address_list_parse (kanri_mime_get_parser_options (), text);
  for (int i = 0; list != NULL && i < internet_address_list_length (list); i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        g_strv_builder_add (builder, internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
    }
  g_clear_object (&list);

  return g_strv_builder_end (builder);
}

static char *
format_utc (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* The message's own date, else the time Exchange Online took it in. */
static gboolean
message_time (KanriHeaderReport *report,
              gint64            *unix_seconds)
{
  const KanriDate *date = kanri_header_report_get_date (report);
  GPtrArray *hops = kanri_header_report_get_hops (report);
  guint entry = kanri_trace_timeline_entry_hop (report);

  if (date != NULL)
    {
      *unix_seconds = date->unix_seconds;
      return TRUE;
    }

  if (entry > 0)
    {
      const KanriHop *hop = g_ptr_array_index (hops, entry - 1);

      if (hop->received->has_date)
        {
          *unix_seconds = hop->received->date.unix_seconds;
          return TRUE;
        }
    }

  return FALSE;
}

static KanriCmdlet *
build_trace_cmdlet (KanriMessageTraceSession *self,
                    const char               *starting_recipient,
                    const char               *end_date)
{
  KanriCmdlet *cmdlet = kanri_cmdlet_new ("Get-MessageTraceV2");

  if (self->message_id != NULL)
    kanri_cmdlet_set_string (cmdlet, "MessageId", self->message_id);
  else
    {
      kanri_cmdlet_set_string (cmdlet, "SenderAddress", self->sender);
      kanri_cmdlet_set_string (cmdlet, "RecipientAddress", self->recipients[0]);
    }

  if (self->start_date != NULL)
    {
      kanri_cmdlet_set_string (cmdlet, "StartDate", self->start_date);
      kanri_cmdlet_set_string (cmdlet, "EndDate", end_date != NULL ? end_date : self->end_date);
    }
  if (starting_recipient != NULL)
    kanri_cmdlet_set_string (cmdlet, "StartingRecipientAddress", starting_recipient);
  kanri_cmdlet_set_int (cmdlet, "ResultSize", RESULT_SIZE);

  return cmdlet;
}

static void
show_hops (KanriMessageTraceSession *self)
{
  GPtrArray *hops = self->target != NULL ? kanri_header_report_get_hops (self->target) : NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  if (hops != NULL)
    self->entries = kanri_trace_timeline_merge (hops, kanri_trace_timeline_entry_hop (self->target), self->events);

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    g_ptr_array_add (items, kanri_trace_item_new (g_ptr_array_index (self->entries, i)));

  g_list_store_splice (self->timeline, 0, g_list_model_get_n_items (G_LIST_MODEL (self->timeline)),
                       items->pdata, items->len);
}

static gboolean
has_client (KanriMessageTraceSession *self)
{
  return self->client != NULL || (self->tenant != NULL && kanri_tenant_get_client (self->tenant) != NULL);
}

/**
 * kanri_message_trace_session_set_report:
 * @report: (nullable): the analyzed message
 *
 * Starts over with @report: the timeline shows its hops, the PowerShell
 * what to run, and the state is idle, or no-tenant when there is nothing
 * to run the trace through.
 */
void
kanri_message_trace_session_set_report (KanriMessageTraceSession *self,
                                        KanriHeaderReport        *report)
{
  g_autoptr(KanriHeaderReport) held = NULL;
  KanriHeaderReport *original;
  gint64 time;

  g_return_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self));
  g_return_if_fail (report == NULL || KANRI_IS_HEADER_REPORT (report));

  /* @report may be the one held: keep it while starting over. */
  held = report != NULL ? g_object_ref (report) : NULL;
  self->generation++;
  clear_report (self);

  if (report != NULL)
    {
      self->report = g_object_ref (report);
      original = kanri_header_report_get_ndr_original (report);
      self->traces_original = original != NULL;
      self->target = g_object_ref (original != NULL ? original : report);
      self->message_id = g_strdup (kanri_header_report_get_message_id (self->target));
      {
        g_auto(GStrv) senders = addresses_of (kanri_header_report_get_from (self->target));

        self->sender = g_strdup (senders[0]);
      }
      self->recipients = addresses_of (kanri_header_report_get_to (self->target));

      if (message_time (self->target, &time))
        {
          self->start_date = format_utc (time - DAYS_BEFORE * 86400);
          self->end_date = format_utc (time + DAYS_AFTER * 86400);
        }

      if (self->message_id != NULL || (self->sender != NULL && self->recipients[0] != NULL))
        {
          g_autoptr(KanriCmdlet) cmdlet = build_trace_cmdlet (self, NULL, NULL);
          g_autofree char *first = kanri_cmdlet_to_powershell (cmdlet);

          /* As the reference's own example pipes them. */
          self->powershell = g_strconcat (first, " | Get-MessageTraceDetailV2", NULL);
        }
    }

  show_hops (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POWERSHELL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIVERY_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ROWS]);

  if (report != NULL && !has_client (self))
    set_state (self, KANRI_TRACE_STATE_NO_TENANT,
               g_strdup (self->tenant == NULL
                         ? _("Message trace needs a tenant: the service keeps the trace, not the message. "
                             "Choose a tenant, or run the PowerShell below in Exchange Online PowerShell.")
                         : _("Kanri is not signed in to this tenant, so it cannot run the message trace. "
                             "Sign in, or run the PowerShell below in Exchange Online PowerShell.")));
  else
    set_state (self, KANRI_TRACE_STATE_IDLE, NULL);
}

/**
 * kanri_message_trace_session_set_tenant:
 * @tenant: (nullable): the tenant to trace in from now on
 *
 * Another tenant is current: a trace run in the last one says nothing of
 * this one, so the session starts over with the same report.
 */
void
kanri_message_trace_session_set_tenant (KanriMessageTraceSession *self,
                                        KanriTenant              *tenant)
{
  g_autoptr(KanriHeaderReport) report = NULL;

  g_return_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self));
  g_return_if_fail (tenant == NULL || KANRI_IS_TENANT (tenant));
  g_return_if_fail (self->client == NULL);

  if (self->tenant == tenant)
    return;
  g_set_object (&self->tenant, tenant);
  report = self->report != NULL ? g_object_ref (self->report) : NULL;
  kanri_message_trace_session_set_report (self, report);
}

/**
 * kanri_message_trace_session_get_report:
 *
 * Returns: (transfer none) (nullable): the report given to
 *   kanri_message_trace_session_set_report()
 */
KanriHeaderReport *
kanri_message_trace_session_get_report (KanriMessageTraceSession *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self), NULL);

  return self->report;
}

/* Running ------------------------------------------------------------------ */

typedef void (*RunStep) (GTask     *task,
                         JsonArray *values);

typedef struct
{
  JsonArray *rows;
  guint      queries;
  guint      generation;
  RunStep    next;
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->rows, json_array_unref);
  g_free (run);
}

static void
fail (GTask  *task,
      GError *error)
{
  KanriMessageTraceSession *self = g_task_get_source_object (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_state (self, KANRI_TRACE_STATE_IDLE, NULL);
  else if (g_error_matches (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN))
    set_state (self, KANRI_TRACE_STATE_NO_TENANT,
               g_strdup (_("Kanri is not signed in to this tenant, so it cannot run the message trace. "
                           "Sign in, or run the PowerShell below in Exchange Online PowerShell.")));
  else if (g_error_matches (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_CMDLET))
    set_state (self, KANRI_TRACE_STATE_FAILED,
               g_strdup_printf (_("Exchange Online refused the message trace query. %s"), error->message));
  else
    set_state (self, KANRI_TRACE_STATE_FAILED, g_strdup_printf (_("The message trace failed. %s"), error->message));

  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
queried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  KanriMessageTraceSession *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonArray) values = NULL;
  GError *error = NULL;

  if (KANRI_IS_TENANT (object))
    values = kanri_tenant_query_finish (KANRI_TENANT (object), result, &error);
  else
    {
      g_autoptr(KanriExoResult) answer = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object), result, &error);

      if (answer != NULL)
        values = json_array_ref (kanri_exo_result_get_values (answer));
    }

  /* Another report came meanwhile: this answer is not for it. */
  if (run->generation != self->generation)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("Another message was opened before the trace finished"));
      g_object_unref (task);
      return;
    }

  if (values == NULL)
    {
      fail (task, error);
      return;
    }

  run->next (task, values);
}

static void
run_query (GTask       *task,
           KanriCmdlet *cmdlet,
           RunStep      next)
{
  KanriMessageTraceSession *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  run->next = next;
  if (self->client != NULL)
    kanri_exo_client_invoke_async (self->client, cmdlet, NULL, NULL, g_task_get_cancellable (task),
                                   queried_cb, task);
  else
    kanri_tenant_query_async (self->tenant, cmdlet, NULL, NULL, g_task_get_cancellable (task),
                              queried_cb, task);
}

static const char *
row_string (JsonObject *row,
            const char *name)
{
  JsonNode *node = json_object_get_member (row, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The service's UTC times ("2024-05-06T09:12:01.432Z") as KanriDates, with
 * as many fraction digits as it wrote, so that delays come out exact. */
static gboolean
parse_service_time (const char *text,
                    KanriDate  *date)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;
  const char *dot;
  guint digits = 0;

  if (text == NULL || (time = g_date_time_new_from_iso8601 (text, utc)) == NULL)
    return FALSE;

  dot = strchr (text, '.');
  while (dot != NULL && g_ascii_isdigit (dot[digits + 1]))
    digits++;

  *date = (KanriDate) { 0 };
  date->unix_seconds = g_date_time_to_unix (time);
  date->nanoseconds = (guint32)g_date_time_get_microsecond (time) * 1000;
  date->fraction_digits = (guint8)MIN (digits, 6);
  date->zone_known = TRUE;
  return TRUE;
}

/* The row for the header's recipient, else the newest. */
static JsonObject *
choose_row (KanriMessageTraceSession *self,
            JsonArray                *rows)
{
  for (guint r = 0; self->recipients != NULL && self->recipients[r] != NULL; r++)
    {
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          const char *recipient = row_string (row, "RecipientAddress");

          if (recipient != NULL && g_ascii_strcasecmp (recipient, self->recipients[r]) == 0)
            return row;
        }
    }

  return json_array_get_object_element (rows, 0);
}

static void
detail_done (GTask     *task,
             JsonArray *events)
{
  KanriMessageTraceSession *self = g_task_get_source_object (task);

  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_trace_event_free);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);
      JsonObject *event = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      KanriDate date;

      if (event == NULL || !parse_service_time (row_string (event, "Date"), &date))
        {
          fail (task, g_error_new (KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE,
                                   _("Event %u of the message trace has no readable date"), i + 1));
          return;
        }
      g_ptr_array_add (self->events,
                       kanri_trace_event_new (&date, row_string (event, "Event"), row_string (event, "Action"),
                                              row_string (event, "Detail"), row_string (event, "Data")));
    }

  show_hops (self);
  set_state (self, KANRI_TRACE_STATE_DONE,
             g_strdup_printf (_("Exchange Online traced the message to %s (%s)."),
                              self->recipient, self->delivery_status));
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
run_detail (GTask      *task,
            JsonObject *row)
{
  KanriMessageTraceSession *self = g_task_get_source_object (task);
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Get-MessageTraceDetailV2");
  const char *trace_id = row_string (row, "MessageTraceId");

  self->recipient = g_strdup (row_string (row, "RecipientAddress"));
  self->delivery_status = g_strdup (row_string (row, "Status"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIVERY_STATUS]);

  if (trace_id == NULL || self->recipient == NULL)
    {
      fail (task, g_error_new_literal (KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE,
                                       _("The message trace has no MessageTraceId or RecipientAddress")));
      return;
    }

  kanri_cmdlet_set_string (cmdlet, "MessageTraceId", trace_id);
  kanri_cmdlet_set_string (cmdlet, "RecipientAddress", self->recipient);
  if (self->start_date != NULL)
    {
      kanri_cmdlet_set_string (cmdlet, "StartDate", self->start_date);
      kanri_cmdlet_set_string (cmdlet, "EndDate", self->end_date);
    }
  run_query (task, cmdlet, detail_done);
}

static void trace_page_done (GTask *task, JsonArray *rows);

static void
run_trace_page (GTask      *task,
                const char *starting_recipient,
                const char *end_date)
{
  KanriMessageTraceSession *self = g_task_get_source_object (task);
  g_autoptr(KanriCmdlet) cmdlet = build_trace_cmdlet (self, starting_recipient, end_date);
  Run *run = g_task_get_task_data (task);

  run->queries++;
  run_query (task, cmdlet, trace_page_done);
}

static void
trace_page_done (GTask     *task,
                 JsonArray *rows)
{
  KanriMessageTraceSession *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  guint n;

  n = json_array_get_length (rows);
  for (guint i = 0; i < n; i++)
    json_array_add_element (run->rows, json_array_dup_element (rows, i));
  self->n_rows = json_array_get_length (run->rows);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ROWS]);

  /* A full answer may have more behind it: ask again from its last row. */
  if (n == RESULT_SIZE && run->queries < MAX_QUERIES)
    {
      JsonObject *last = json_array_get_object_element (rows, n - 1);
      const char *received = row_string (last, "Received");
      const char *recipient = row_string (last, "RecipientAddress");

      if (received != NULL && recipient != NULL && self->start_date != NULL)
        {
          run_trace_page (task, recipient, received);
          return;
        }
    }

  if (self->n_rows == 0)
    {
      if (self->start_date != NULL)
        set_state (self, KANRI_TRACE_STATE_NOT_FOUND,
                   g_strdup_printf (_("Exchange Online has no trace of this message between %s and %s (UTC). "
                                      "It keeps message trace data for 90 days."),
                                    self->start_date, self->end_date));
      else
        set_state (self, KANRI_TRACE_STATE_NOT_FOUND,
                   g_strdup (_("Exchange Online has no trace of this message in the last 48 hours, and the "
                               "headers give no date to search around.")));
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  run_detail (task, choose_row (self, run->rows));
}

/**
 * kanri_message_trace_session_trace_async:
 *
 * Runs the trace for the report set. The state and status follow it; the
 * timeline is replaced when the events arrive. A failure is also the
 * state's (failed, with the service's message).
 */
void
kanri_message_trace_session_trace_async (KanriMessageTraceSession *self,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self));
  g_return_if_fail (self->state != KANRI_TRACE_STATE_RUNNING);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_message_trace_session_trace_async);

  if (self->target == NULL || self->powershell == NULL)
    {
      set_state (self, KANRI_TRACE_STATE_FAILED,
                 g_strdup (_("The headers have no Message-ID, sender or recipient to trace the message by.")));
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", self->status);
      return;
    }

  if (!has_client (self))
    {
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN, "%s", self->status);
      return;
    }

  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->recipient, g_free);
  g_clear_pointer (&self->delivery_status, g_free);
  self->n_rows = 0;
  show_hops (self);

  run = g_new0 (Run, 1);
  run->rows = json_array_new ();
  run->generation = self->generation;
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  set_state (self, KANRI_TRACE_STATE_RUNNING, g_strdup (_("Running the message trace…")));
  run_trace_page (g_steal_pointer (&task), NULL, NULL);
}

gboolean
kanri_message_trace_session_trace_finish (KanriMessageTraceSession  *self,
                                          GAsyncResult              *result,
                                          GError                   **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Getters ------------------------------------------------------------------ */

KanriTraceState
kanri_message_trace_session_get_state (KanriMessageTraceSession *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self), KANRI_TRACE_STATE_IDLE);
  return self->state;
}

/**
 * kanri_message_trace_session_get_status:
 *
 * Returns: (nullable): what the state means, translated
 */
const char *
kanri_message_trace_session_get_status (KanriMessageTraceSession *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self), NULL);
  return self->status;
}

/**
 * kanri_message_trace_session_get_powershell:
 *
 * Returns: (nullable): the same trace in Exchange Online PowerShell
 */
const char *
kanri_message_trace_session_get_powershell (KanriMessageTraceSession *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self), NULL);
  return self->powershell;
}

/**
 * kanri_message_trace_session_get_timeline:
 *
 * Returns: (transfer none): the hops and, once traced, the service's
 *   events, as #KanriTraceItem
 */
GListModel *
kanri_message_trace_session_get_timeline (KanriMessageTraceSession *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self), NULL);
  return G_LIST_MODEL (self->timeline);
}

/**
 * kanri_message_trace_session_get_delivery_status:
 *
 * Returns: (nullable): the trace's Status (Delivered, FilteredAsSpam,
 *   Failed…), as the service writes it
 */
const char *
kanri_message_trace_session_get_delivery_status (KanriMessageTraceSession *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self), NULL);
  return self->delivery_status;
}

/**
 * kanri_message_trace_session_get_recipient:
 *
 * Returns: (nullable): the recipient whose events the timeline shows
 */
const char *
kanri_message_trace_session_get_recipient (KanriMessageTraceSession *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self), NULL);
  return self->recipient;
}

/**
 * kanri_message_trace_session_get_n_rows:
 *
 * Returns: how many Get-MessageTraceV2 rows (one per recipient) were found
 */
guint
kanri_message_trace_session_get_n_rows (KanriMessageTraceSession *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self), 0);
  return self->n_rows;
}

/**
 * kanri_message_trace_session_get_traces_original:
 *
 * Returns: whether the report is an NDR and the message it returns is the
 *   one traced
 */
gboolean
kanri_message_trace_session_get_traces_original (KanriMessageTraceSession *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self), FALSE);
  return self->traces_original;
}

/**
 * kanri_message_trace_session_append_json:
 *
 * Appends the trace as a JSON object for the analyzer's export:
 * `{"state", "recipient", "status", "message_trace_powershell", "timeline"}`,
 * the timeline as kanri_trace_timeline_append_json() writes it.
 */
void
kanri_message_trace_session_append_json (KanriMessageTraceSession *self,
                                         GString                  *out)
{
  g_autoptr(GEnumClass) states = g_type_class_ref (KANRI_TYPE_TRACE_STATE);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *head = NULL;
  const char *strings[][2] = {
    { "state", g_enum_get_value (states, self->state)->value_nick },
    { "recipient", self->recipient },
    { "status", self->delivery_status },
    { "message_trace_powershell", self->powershell },
  };

  g_return_if_fail (KANRI_IS_MESSAGE_TRACE_SESSION (self));
  g_return_if_fail (out != NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      json_builder_set_member_name (builder, strings[i][0]);
      if (strings[i][1] != NULL)
        json_builder_add_string_value (builder, strings[i][1]);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);

  /* The strings through json-glib; the timeline's exact numbers by hand. */
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  head = json_generator_to_data (generator, NULL);
  head[strlen (head) - 1] = '\0';
  g_string_append (out, head);
  g_string_append (out, ",\"timeline\":");
  if (self->entries != NULL)
    kanri_trace_timeline_append_json (self->entries, out);
  else
    g_string_append (out, "[]");
  g_string_append_c (out, '}');
}
