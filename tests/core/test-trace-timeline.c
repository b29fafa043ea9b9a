/* test-trace-timeline.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kanri-header-analyzer.h"
#include "kanri-trace-timeline.h"

/* The merge of Received hops and message trace events, by tables: each
 * case gives the hops' times (oldest first, "" for a hop without one),
 * the hop where Exchange Online took the message in, the service's events
 * as "time|Event", and the expected timeline as "h1 e:Receive h2 …", the
 * delays ("-" where there is none) and which events are skewed. */

typedef struct
{
  const char *name;
  const char *hops[6];
  guint       entry_hop;
  const char *events[6];
  const char *order;
  const char *delays;
  const char *skews;
} MergeCase;

static const MergeCase merge_cases[] = {
  {
    "in-order",
    { "Mon, 6 May 2024 09:11:58 +0000", "Mon, 6 May 2024 09:12:01 +0000", "Mon, 6 May 2024 09:12:03 +0000" },
    2,
    { "Mon, 6 May 2024 09:12:01.5 +0000|Receive", "Mon, 6 May 2024 09:12:02 +0000|Deliver" },
    "h1 h2 e:Receive e:Deliver h3",
    "- 3 0.5 0.5 1",
    "- - - - -",
  },
  {
    /* The service's events come in any order; time sorts them. */
    "events-unsorted",
    { "Sun, 12 May 2024 20:00:02 +0000", "Sun, 12 May 2024 20:00:03 +0000" },
    1,
    { "Sun, 12 May 2024 20:00:02.9 +0000|Deliver", "Sun, 12 May 2024 20:00:02.1 +0000|Receive",
      "Sun, 12 May 2024 20:00:02.4 +0000|Spam filter verdict" },
    "h1 e:Receive e:Spam filter verdict e:Deliver h2",
    "- 0.1 0.3 0.5 0.1",
    "- - - - -",
  },
  {
    /* Exchange Online's clock is 4 s behind the entry hop's: the Receive
     * cannot have happened before the hop that handed the message over. */
    "event-before-entry-hop",
    { "Fri, 10 May 2024 16:02:10 +0000", "Fri, 10 May 2024 16:02:20 +0000" },
    2,
    { "Fri, 10 May 2024 16:02:16 +0000|Receive", "Fri, 10 May 2024 16:02:25 +0000|Deliver" },
    "h1 h2 e:Receive e:Deliver",
    "- 10 -4 9",
    "- - 2:4 -",
  },
  {
    /* Every event early: all follow the entry hop, in their own order. */
    "all-events-early",
    { "Fri, 10 May 2024 16:02:10 +0000", "Fri, 10 May 2024 16:02:20 +0000" },
    1,
    { "Fri, 10 May 2024 16:01:00 +0000|Receive", "Fri, 10 May 2024 16:01:30 +0000|Fail" },
    "h1 e:Receive e:Fail h2",
    "- -70 30 50",
    "- 1:70 1:40 -",
  },
  {
    /* No entry hop (no hops Exchange Online stamped): time alone orders. */
    "no-entry-hop",
    { "Fri, 10 May 2024 16:02:10 +0000" },
    0,
    { "Fri, 10 May 2024 16:02:00 +0000|Receive" },
    "e:Receive h1",
    "- 10",
    "- -",
  },
  {
    /* A hop without a time stays where the headers put it; an event goes
     * right after the last hop known to come before it; delays skip it. */
    "undated-hop",
    { "Mon, 6 May 2024 09:12:00 +0000", "", "Mon, 6 May 2024 09:12:10 +0000" },
    1,
    { "Mon, 6 May 2024 09:12:05 +0000|Receive" },
    "h1 e:Receive h2 h3",
    "- 5 - 5",
    "- - - -",
  },
  {
    "no-events",
    { "Mon, 6 May 2024 09:12:00 +0000", "Mon, 6 May 2024 09:12:07 +0000" },
    2,
    { NULL },
    "h1 h2",
    "- 7",
    "- -",
  },
  {
    /* Events of one instant keep the service's order. */
    "same-instant",
    { "Mon, 6 May 2024 09:12:00 +0000" },
    1,
    { "Mon, 6 May 2024 09:12:01 +0000|Receive", "Mon, 6 May 2024 09:12:01 +0000|Transport rule",
      "Mon, 6 May 2024 09:12:01 +0000|Deliver" },
    "h1 e:Receive e:Transport rule e:Deliver",
    "- 1 0 0",
    "- - - -",
  },
};

static KanriHop *
make_hop (const char *date)
{
  KanriHop *hop = g_new0 (KanriHop, 1);
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  if (*date != '\0')
    value = g_strdup_printf ("from a.example by b.example with ESMTP; %s", date);
  else
    value = g_strdup ("from a.example by b.example with ESMTP");
  hop->received = kanri_received_parse (value, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hop->received->has_date, ==, *date != '\0');

  return hop;
}

static void
hop_free (gpointer data)
{
  KanriHop *hop = data;

  kanri_received_free (hop->received);
  g_free (hop);
}

static KanriTraceEvent *
make_event (const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, "|", 2);
  g_autoptr(GError) error = NULL;
  KanriDate date;

  g_assert_true (kanri_date_parse (parts[0], -1, &date, &error));
  g_assert_no_error (error);

  return kanri_trace_event_new (&date, parts[1], NULL, NULL, NULL);
}

static char *
describe (GPtrArray *entries,
          int        what)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const KanriTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      if (what == 0 && entry->kind == KANRI_TIMELINE_HOP)
        g_string_append_printf (out, "h%u", entry->hop_number);
      else if (what == 0)
        g_string_append_printf (out, "e:%s", entry->event->event);
      else if (what == 1)
        g_string_append (out, entry->has_delay ? entry->delay_text : "-");
      else if (entry->skewed)
        g_string_append_printf (out, "%u:%s", entry->skew_hop, entry->skew_text);
      else
        g_string_append_c (out, '-');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_merge (gconstpointer data)
{
  const MergeCase *test = data;
  g_autoptr(GPtrArray) hops = g_ptr_array_new_with_free_func (hop_free);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_trace_event_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *order = NULL;
  g_autofree char *delays = NULL;
  g_autofree char *skews = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (test->hops) && test->hops[i] != NULL; i++)
    g_ptr_array_add (hops, make_hop (test->hops[i]));
  for (guint i = 0; i < G_N_ELEMENTS (test->events) && test->events[i] != NULL; i++)
    g_ptr_array_add (events, make_event (test->events[i]));

  entries = kanri_trace_timeline_merge (hops, test->entry_hop, events);
  order = describe (entries, 0);
  delays = describe (entries, 1);
  skews = describe (entries, 2);

  g_assert_cmpstr (order, ==, test->order);
  g_assert_cmpstr (delays, ==, test->delays);
  g_assert_cmpstr (skews, ==, test->skews);
}

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

/* The hop received from the connecting IP: for plain-inbound.eml the one
 * from 40.107.117.112 (the third of five, oldest first); a message sent
 * inside the tenant has no connecting IP, so its first hop. */
static void
test_entry_hop (void)
{
  g_autoptr(KanriHeaderReport) inbound = analyze_sample ("plain-inbound.eml");
  g_autoptr(KanriHeaderReport) internal = analyze_sample ("internal.eml");
  GPtrArray *hops = kanri_header_report_get_hops (inbound);
  guint entry = kanri_trace_timeline_entry_hop (inbound);
  const KanriHop *hop;

  g_assert_cmpuint (entry, >, 0);
  hop = g_ptr_array_index (hops, entry - 1);
  g_assert_cmpstr (hop->received->from_ip, ==, "40.107.117.112");
  g_assert_cmpstr (kanri_header_report_get_cip (inbound), ==, "40.107.117.112");

  g_assert_null (kanri_header_report_get_cip (internal));
  g_assert_cmpuint (kanri_trace_timeline_entry_hop (internal), ==, 1);
}

static void
test_json (void)
{
  g_autoptr(GPtrArray) hops = g_ptr_array_new_with_free_func (hop_free);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_trace_event_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  KanriDate date;
  JsonArray *array;
  JsonObject *hop;
  JsonObject *event;

  g_ptr_array_add (hops, make_hop ("Fri, 10 May 2024 16:02:20 +0000"));
  g_assert_true (kanri_date_parse ("Fri, 10 May 2024 16:02:19.75 +0000", -1, &date, NULL));
  g_ptr_array_add (events, kanri_trace_event_new (&date, "Receive", NULL,
                                                  "Message received by: \"TY1\"\n", "<data/>"));

  entries = kanri_trace_timeline_merge (hops, 1, events);
  json = kanri_trace_timeline_to_json (entries);

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);

  hop = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (hop, "kind"), ==, "hop");
  g_assert_cmpint (json_object_get_int_member (hop, "hop"), ==, 1);
  g_assert_true (json_object_get_null_member (hop, "delay_seconds"));
  g_assert_true (json_object_get_null_member (hop, "event"));
  g_assert_cmpstr (json_object_get_string_member (hop, "by"), ==, "b.example");

  event = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (event, "kind"), ==, "event");
  g_assert_cmpstr (json_object_get_string_member (event, "event"), ==, "Receive");
  g_assert_cmpstr (json_object_get_string_member (event, "detail"), ==, "Message received by: \"TY1\"\n");
  g_assert_cmpstr (json_object_get_string_member (event, "time_utc"), ==, "2024-05-10T16:02:19.75Z");
  g_assert_true (json_object_get_boolean_member (event, "skewed"));
  g_assert_cmpint (json_object_get_int_member (event, "skew_hop"), ==, 1);
  g_assert_true (json_object_get_null_member (event, "hop"));
  /* Exact, as the report's hops: -0.25, not a binary fraction. */
  g_assert_nonnull (strstr (json, "\"delay_seconds\":-0.25"));
  g_assert_nonnull (strstr (json, "\"skew_seconds\":0.25"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (merge_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/trace-timeline/merge/%s", merge_cases[i].name);

      g_test_add_data_func (path, &merge_cases[i], test_merge);
    }
  g_test_add_func ("/trace-timeline/entry-hop", test_entry_hop);
  g_test_add_func ("/trace-timeline/json", test_json);

  return g_test_run ();
}
