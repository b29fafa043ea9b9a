/* test-message-trace.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-exo-error.h"
#include "kanri-header-analyzer.h"
#include "kanri-message-trace-session.h"
#include "kanri-test-tenant.h"
#include "kanri-trace-item.h"

/* KanriMessageTraceSession against the demo tenant, with no window: the
 * demo seed holds the traces of the sample headers in tests/data. */

typedef KanriTestTenant Fixture;

static KanriHeaderReport *
analyze_sample (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KanriHeaderReport *report = kanri_header_analyzer_analyze_file (file, NULL, &error);

  g_assert_no_error (error);
  return report;
}

static void
traced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  kanri_message_trace_session_trace_finish (KANRI_MESSAGE_TRACE_SESSION (object), result, error);
  /* Marks the call done, error or not. */
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

/* Runs the trace; returns its error, or NULL when it succeeded. */
static GError *
run_trace (KanriMessageTraceSession *session)
{
  GError *error = NULL;

  kanri_message_trace_session_trace_async (session, NULL, traced_cb, &error);
  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_RUNNING);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_clear_error (&error);
  return error;
}

static KanriMessageTraceSession *
trace_sample (Fixture    *fixture,
              const char *name)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample (name);
  KanriMessageTraceSession *session = kanri_message_trace_session_new (fixture->tenant);
  g_autoptr(GError) error = NULL;

  kanri_message_trace_session_set_report (session, report);
  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_IDLE);
  error = run_trace (session);
  g_assert_no_error (error);

  return session;
}

static KanriTraceItem *
item_at (KanriMessageTraceSession *session,
         guint                     position)
{
  GListModel *timeline = kanri_message_trace_session_get_timeline (session);
  KanriTraceItem *item = g_list_model_get_item (timeline, position);

  g_object_unref (item);
  return item;
}

/* "h3 e:Receive …" */
static char *
describe_timeline (KanriMessageTraceSession *session)
{
  GListModel *timeline = kanri_message_trace_session_get_timeline (session);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      KanriTraceItem *item = item_at (session, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      if (kanri_trace_item_get_is_hop (item))
        g_string_append_printf (out, "h%u", kanri_trace_item_get_hop_number (item));
      else
        g_string_append_printf (out, "e:%s", kanri_trace_item_get_title (item));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  const char *cmdlet;
  const char *needle;
  guint       count;
} RequestCount;

static void
count_in_log (KanriEmulator *emulator,
              gpointer       user_data)
{
  RequestCount *count = user_data;
  GPtrArray *requests = kanri_emulator_get_requests (emulator);

  for (guint i = 0; i < requests->len; i++)
    {
      KanriEmulatorRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->cmdlet, count->cmdlet) &&
          (count->needle == NULL || strstr (request->parameters, count->needle) != NULL))
        count->count++;
    }
}

static guint
requests_of (Fixture    *fixture,
             const char *cmdlet,
             const char *needle)
{
  RequestCount count = { cmdlet, needle, 0 };

  kanri_demo_host_run (fixture->host, count_in_log, &count);
  return count.count;
}

static void
count_applied (KanriEmulator *emulator,
               gpointer       user_data)
{
  *(guint *)user_data = kanri_emulator_count_applied (emulator, NULL);
}

static void
test_traced (Fixture       *fixture,
             gconstpointer  data)
{
  guint applied = G_MAXUINT;
  g_autoptr(KanriMessageTraceSession) session = trace_sample (fixture, "plain-inbound.eml");
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *order = describe_timeline (session);
  KanriTraceItem *receive;
  JsonObject *root;
  JsonArray *timeline;

  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_DONE);
  g_assert_cmpstr (kanri_message_trace_session_get_recipient (session), ==, "hanako@contoso.example");
  g_assert_cmpstr (kanri_message_trace_session_get_delivery_status (session), ==, "Delivered");
  g_assert_cmpuint (kanri_message_trace_session_get_n_rows (session), ==, 1);
  g_assert_nonnull (strstr (kanri_message_trace_session_get_status (session), "hanako@contoso.example"));
  g_assert_false (kanri_message_trace_session_get_traces_original (session));

  /* Five hops, oldest first; the service took the message in at the third
   * (from 40.107.117.112, 09:12:01) and delivered it before the mailbox's
   * last stamp (09:12:03). */
  g_assert_cmpstr (order, ==, "h1 h2 h3 e:Receive e:Spam filter verdict h4 e:Deliver h5");
  receive = item_at (session, 3);
  g_assert_cmpstr (kanri_trace_item_get_delay_text (receive), ==, "0.432");
  g_assert_false (kanri_trace_item_get_skewed (receive));
  g_assert_nonnull (kanri_trace_item_get_detail (receive));

  /* By Message-ID, in a 10-day window around the Date; read-only. */
  g_assert_cmpuint (requests_of (fixture, "Get-MessageTraceV2",
                                 "\"StartDate\":\"2024-05-05T09:11:58Z\",\"EndDate\":\"2024-05-15T09:11:58Z\""),
                    ==, 1);
  g_assert_cmpuint (requests_of (fixture, "Get-MessageTraceDetailV2", "hanako@contoso.example"), ==, 1);
  kanri_demo_host_run (fixture->host, count_applied, &applied);
  g_assert_cmpuint (applied, ==, 0);

  kanri_message_trace_session_append_json (session, json);
  g_assert_true (json_parser_load_from_data (parser, json->str, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "state"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "Delivered");
  timeline = json_object_get_array_member (root, "timeline");
  g_assert_cmpuint (json_array_get_length (timeline), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (timeline, 3), "event"), ==,
                   "Receive");
}

static void
test_spam_and_failed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KanriMessageTraceSession) spam = trace_sample (fixture, "spaced-antispam.eml");
  g_autoptr(KanriMessageTraceSession) ndr = trace_sample (fixture, "ndr-attached.eml");
  GListModel *timeline;
  KanriTraceItem *last;

  g_assert_cmpstr (kanri_message_trace_session_get_delivery_status (spam), ==, "FilteredAsSpam");
  g_assert_cmpstr (kanri_trace_item_get_title (item_at (spam, 2)), ==, "Spam filter verdict");
  g_assert_cmpstr (kanri_trace_item_get_action (item_at (spam, 2)), ==, "MoveToJmf");

  /* An NDR: the message it returns is the one traced. */
  g_assert_true (kanri_message_trace_session_get_traces_original (ndr));
  g_assert_cmpstr (kanri_message_trace_session_get_recipient (ndr), ==, "user@fabrikam.example");
  g_assert_cmpstr (kanri_message_trace_session_get_delivery_status (ndr), ==, "Failed");
  timeline = kanri_message_trace_session_get_timeline (ndr);
  last = item_at (ndr, g_list_model_get_n_items (timeline) - 1);
  g_assert_cmpstr (kanri_trace_item_get_title (last), ==, "Fail");
  g_assert_nonnull (strstr (kanri_trace_item_get_detail (last), "5.4.316"));
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KanriMessageTraceSession) session = trace_sample (fixture, "internal.eml");

  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_NOT_FOUND);
  g_assert_nonnull (strstr (kanri_message_trace_session_get_status (session), "2024-05-15T04:00:00Z"));
  /* The hops are still there. */
  g_assert_cmpstr (describe_timeline (session), ==, "h1 h2");
  g_assert_null (kanri_message_trace_session_get_delivery_status (session));
}

static void
real_clock (KanriEmulator *emulator,
            gpointer       user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kanri_emulator_set_trace_clock (emulator, 0, &error));
  g_assert_no_error (error);
}

/* On real time, the sample of May 2024 is past the 90 days the service
 * keeps: it refuses the window, and the session says what it said. */
static void
test_window_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("plain-inbound.eml");
  g_autoptr(KanriMessageTraceSession) session = kanri_message_trace_session_new (fixture->tenant);
  g_autoptr(GError) error = NULL;

  kanri_demo_host_run (fixture->host, real_clock, NULL);
  kanri_message_trace_session_set_report (session, report);
  error = run_trace (session);

  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_CMDLET);
  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_FAILED);
  g_assert_nonnull (strstr (kanri_message_trace_session_get_status (session), "older than 90 days"));
  g_assert_cmpuint (requests_of (fixture, "Get-MessageTraceDetailV2", NULL), ==, 0);
}

#define ALL_HANDS \
  "Received: from OS3P286MB5678.JPNP286.PROD.OUTLOOK.COM (2603:1096:604:1c0::9) by\r\n" \
  " TYCP286MB1234.JPNP286.PROD.OUTLOOK.COM with HTTPS; Mon, 13 May 2024 03:00:40 +0000\r\n" \
  "From: CEO <ceo@contoso.example>\r\n" \
  "To: user1234@contoso.example\r\n" \
  "Subject: All hands\r\n" \
  "Date: Mon, 13 May 2024 03:00:00 +0000\r\n" \
  "Message-ID: <all-hands@contoso.example>\r\n" \
  "\r\n"

static void
deliver_all_hands (KanriEmulator *emulator,
                   gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 base_ms = (gint64)1715569200 * 1000; /* 2024-05-13T03:00:00Z */

  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *recipient = g_strdup_printf ("user%04u@contoso.example", i);

      /* Ten a second, the first recipients last: user1234 is on the second
       * answer. */
      g_assert_true (kanri_emulator_deliver (emulator, "<all-hands@contoso.example>", "ceo@contoso.example",
                                             recipient, "All hands", "Delivered",
                                             base_ms + (1500 - i) / 10 * 1000, &error));
      g_assert_no_error (error);
    }
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KanriHeaderReport) report = NULL;
  g_autoptr(KanriMessageTraceSession) session = kanri_message_trace_session_new (fixture->tenant);
  g_autoptr(GError) error = NULL;

  report = kanri_header_analyzer_analyze (ALL_HANDS, strlen (ALL_HANDS), "all-hands.eml",
                                          KANRI_MESSAGE_FORMAT_EML, NULL, &error);
  g_assert_no_error (error);
  kanri_demo_host_run (fixture->host, deliver_all_hands, NULL);

  kanri_message_trace_session_set_report (session, report);
  error = run_trace (session);
  g_assert_no_error (error);

  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_DONE);
  g_assert_cmpuint (kanri_message_trace_session_get_n_rows (session), ==, 1500);
  g_assert_cmpstr (kanri_message_trace_session_get_recipient (session), ==, "user1234@contoso.example");
  g_assert_cmpuint (requests_of (fixture, "Get-MessageTraceV2", NULL), ==, 2);
  g_assert_cmpuint (requests_of (fixture, "Get-MessageTraceV2", "\"StartingRecipientAddress\""), ==, 1);
}

static void
test_service_error (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("plain-inbound.eml");
  g_autoptr(KanriMessageTraceSession) session = kanri_message_trace_session_new (fixture->tenant);
  g_autoptr(GError) error = NULL;

  kanri_test_emulator_fault (fixture, "503,cmdlet=Get-MessageTraceDetailV2");
  kanri_message_trace_session_set_report (session, report);
  error = run_trace (session);

  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_UNAVAILABLE);
  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_FAILED);
  g_assert_true (g_str_has_prefix (kanri_message_trace_session_get_status (session), "The message trace failed."));
  /* The summary was found; the events were not shown. */
  g_assert_cmpuint (kanri_message_trace_session_get_n_rows (session), ==, 1);
  g_assert_cmpstr (describe_timeline (session), ==, "h1 h2 h3 h4 h5");
}

static void
test_no_tenant (void)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("spaced-antispam.eml");
  g_autoptr(KanriMessageTraceSession) session = kanri_message_trace_session_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *powershell;

  kanri_message_trace_session_set_report (session, report);
  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_NO_TENANT);
  g_assert_nonnull (strstr (kanri_message_trace_session_get_status (session), "needs a tenant"));

  powershell = kanri_message_trace_session_get_powershell (session);
  g_assert_cmpstr (powershell, ==,
                   "Get-MessageTraceV2 -MessageId \"<deal-42@offers.example>\" -StartDate \"2024-05-11T20:00:00Z\" "
                   "-EndDate \"2024-05-21T20:00:00Z\" -ResultSize 1000 | Get-MessageTraceDetailV2");
  g_assert_cmpstr (describe_timeline (session), ==, "h1 h2");

  kanri_message_trace_session_trace_async (session, NULL, traced_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN);
  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_NO_TENANT);
}

/* Nothing to trace by: a clear refusal, no request. */
/* The tenant comes later (the page's session outlives tenant changes): the
 * same report is traced once there is one, and a trace made in one tenant
 * is dropped when another (or none) is current. */
static void
test_tenant_later (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KanriHeaderReport) report = analyze_sample ("plain-inbound.eml");
  g_autoptr(KanriMessageTraceSession) session = kanri_message_trace_session_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *hops = NULL;

  kanri_message_trace_session_set_report (session, report);
  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_NO_TENANT);

  kanri_message_trace_session_set_tenant (session, fixture->tenant);
  g_assert_true (kanri_message_trace_session_get_report (session) == report);
  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_IDLE);
  error = run_trace (session);
  g_assert_no_error (error);
  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_DONE);
  g_assert_cmpuint (g_list_model_get_n_items (kanri_message_trace_session_get_timeline (session)), ==, 8);

  kanri_message_trace_session_set_tenant (session, NULL);
  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_NO_TENANT);
  hops = describe_timeline (session);
  g_assert_cmpstr (hops, ==, "h1 h2 h3 h4 h5");
  g_assert_null (kanri_message_trace_session_get_delivery_status (session));
}

static void
test_nothing_to_trace (void)
{
  static const char headers[] = "Subject: hello\r\n\r\n";
  g_autoptr(KanriHeaderReport) report = NULL;
  g_autoptr(KanriMessageTraceSession) session = kanri_message_trace_session_new (NULL);
  g_autoptr(GError) error = NULL;

  report = kanri_header_analyzer_analyze (headers, strlen (headers), "bare.txt", KANRI_MESSAGE_FORMAT_TEXT,
                                          NULL, &error);
  g_assert_no_error (error);
  kanri_message_trace_session_set_report (session, report);
  g_assert_null (kanri_message_trace_session_get_powershell (session));

  kanri_message_trace_session_trace_async (session, NULL, traced_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpint (kanri_message_trace_session_get_state (session), ==, KANRI_TRACE_STATE_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/message-trace/no-tenant", test_no_tenant);
  g_test_add_func ("/message-trace/nothing-to-trace", test_nothing_to_trace);

#define ADD(path, func) \
  g_test_add ("/message-trace/emulator/" path, Fixture, NULL, kanri_test_tenant_open, func, kanri_test_tenant_close)

  ADD ("traced", test_traced);
  ADD ("tenant-later", test_tenant_later);
  ADD ("spam-and-failed", test_spam_and_failed);
  ADD ("not-found", test_not_found);
  ADD ("window-refused", test_window_refused);
  ADD ("paging", test_paging);
  ADD ("service-error", test_service_error);

#undef ADD

  return g_test_run ();
}
