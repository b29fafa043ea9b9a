/* kanri-trace-timeline.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-trace-timeline"

#include "config.h"

#include <string.h>

#include "kanri-trace-timeline.h"
#include "kanri-utf8.h"

/* The header's Received hops and the service's message trace events on one
 * timeline. The hops are the servers' own stamps, oldest first; the events
 * come from Exchange Online's clock. Both are ordered by time, except that
 * no service event can come before the hop where Exchange Online took the
 * message in: one stamped earlier says the clocks disagree, and is shown
 * after that hop with how much earlier it claims to be. */

KanriTraceEvent *
kanri_trace_event_new (const KanriDate *date,
                       const char      *event,
                       const char      *action,
                       const char      *detail,
                       const char      *data)
{
  KanriTraceEvent *self = g_new0 (KanriTraceEvent, 1);

  g_return_val_if_fail (date != NULL, NULL);

  self->date = *date;
  self->event = g_strdup (event);
  self->action = g_strdup (action);
  self->detail = g_strdup (detail);
  self->data = g_strdup (data);

  return self;
}

void
kanri_trace_event_free (KanriTraceEvent *self)
{
  if (self == NULL)
    return;

  g_free (self->event);
  g_free (self->action);
  g_free (self->detail);
  g_free (self->data);
  g_free (self);
}

/**
 * kanri_trace_timeline_entry_hop:
 *
 * The hop where Exchange Online took the message in: the newest one
 * received from the connecting IP (the message trace's FromIP), or, when
 * the headers name none (a message sent inside the tenant), the oldest hop.
 *
 * Returns: the hop's number, counting from 1, or 0 when there are no hops
 */
guint
kanri_trace_timeline_entry_hop (KanriHeaderReport *report)
{
  GPtrArray *hops;
  const char *cip;

  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (report), 0);

  hops = kanri_header_report_get_hops (report);
  if (hops == NULL || hops->len == 0)
    return 0;

  cip = kanri_header_report_get_cip (report);
  for (guint i = hops->len; cip != NULL && i > 0; i--)
    {
      const KanriHop *hop = g_ptr_array_index (hops, i - 1);

      if (hop->received->from_ip != NULL && g_ascii_strcasecmp (hop->received->from_ip, cip) == 0)
        return i;
    }

  return 1;
}

static int
date_compare (const KanriDate *a,
              const KanriDate *b)
{
  if (a->unix_seconds != b->unix_seconds)
    return a->unix_seconds < b->unix_seconds ? -1 : 1;
  if (a->nanoseconds != b->nanoseconds)
    return a->nanoseconds < b->nanoseconds ? -1 : 1;

  return 0;
}

static int
event_compare (gconstpointer a,
               gconstpointer b)
{
  const KanriTraceEvent *x = *(KanriTraceEvent *const *)a;
  const KanriTraceEvent *y = *(KanriTraceEvent *const *)b;

  return date_compare (&x->date, &y->date);
}

static guint
index_of_hop (GPtrArray *entries,
              guint      hop_number)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const KanriTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (entry->kind == KANRI_TIMELINE_HOP && entry->hop_number == hop_number)
        return i;
    }

  g_return_val_if_reached (0);
}

/* After the last entry with a time not later than @event's. */
static guint
position_by_time (GPtrArray             *entries,
                  const KanriTraceEvent *event)
{
  for (guint i = entries->len; i > 0; i--)
    {
      const KanriTimelineEntry *entry = g_ptr_array_index (entries, i - 1);

      if (entry->has_date && date_compare (&entry->date, &event->date) <= 0)
        return i;
    }

  return 0;
}

static void
insert_event (GPtrArray             *entries,
              guint                  entry_hop,
              const KanriTraceEvent *event,
              guint                 *last_position)
{
  KanriTimelineEntry *entry = g_new0 (KanriTimelineEntry, 1);
  guint position = position_by_time (entries, event);

  entry->kind = KANRI_TIMELINE_EVENT;
  entry->event = event;
  entry->has_date = TRUE;
  entry->date = event->date;

  if (entry_hop > 0)
    {
      guint hop_index = index_of_hop (entries, entry_hop);
      const KanriTimelineEntry *hop = g_ptr_array_index (entries, hop_index);

      if (position <= hop_index)
        position = hop_index + 1;
      if (hop->has_date && date_compare (&event->date, &hop->date) < 0)
        {
          entry->skewed = TRUE;
          entry->skew_hop = entry_hop;
          kanri_date_format_difference (&hop->date, &event->date, entry->skew_text);
        }
    }

  /* The service's events keep their own order. */
  if (*last_position != G_MAXUINT && position <= *last_position)
    position = *last_position + 1;

  g_ptr_array_insert (entries, position, entry);
  *last_position = position;
}

static void
set_delays (GPtrArray *entries)
{
  const KanriTimelineEntry *previous = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      KanriTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (!entry->has_date)
        continue;

      if (previous != NULL)
        {
          entry->has_delay = TRUE;
          entry->delay_seconds = kanri_date_difference (&entry->date, &previous->date);
          kanri_date_format_difference (&entry->date, &previous->date, entry->delay_text);
        }
      previous = entry;
    }
}

/**
 * kanri_trace_timeline_merge:
 * @hops: (element-type KanriHop): the report's hops, oldest first
 * @entry_hop: the hop where Exchange Online took the message in, from 1
 *   (kanri_trace_timeline_entry_hop()), or 0 for none
 * @events: (element-type KanriTraceEvent) (nullable): the service's events,
 *   in any order
 *
 * Returns: (transfer container) (element-type KanriTimelineEntry): the
 *   timeline; the entries point into @hops and @events, which must outlive it
 */
GPtrArray *
kanri_trace_timeline_merge (GPtrArray *hops,
                            guint      entry_hop,
                            GPtrArray *events)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  guint last_position = G_MAXUINT;

  g_return_val_if_fail (hops != NULL, NULL);
  g_return_val_if_fail (entry_hop <= hops->len, NULL);

  for (guint i = 0; i < hops->len; i++)
    {
      const KanriHop *hop = g_ptr_array_index (hops, i);
      KanriTimelineEntry *entry = g_new0 (KanriTimelineEntry, 1);

      entry->kind = KANRI_TIMELINE_HOP;
      entry->hop = hop;
      entry->hop_number = i + 1;
      entry->has_date = hop->received->has_date;
      if (entry->has_date)
        entry->date = hop->received->date;
      g_ptr_array_add (entries, entry);
    }

  for (guint i = 0; events != NULL && i < events->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (events, i));
  /* Stable (GLib ≥ 2.32): events of the same instant keep the service's
   * order. */
  g_ptr_array_sort (sorted, event_compare);

  for (guint i = 0; i < sorted->len; i++)
    insert_event (entries, entry_hop, g_ptr_array_index (sorted, i), &last_position);

  set_delays (entries);
  return g_steal_pointer (&entries);
}

/* JSON ------------------------------------------------------------------- */

static void
append_string (GString    *out,
               const char *value)
{
  g_autofree char *valid = NULL;

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  if (!kanri_utf8_validate (value, strlen (value)))
    value = valid = g_utf8_make_valid (value, -1);

  /* RFC 8259 §7 */
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (c == '"')
        g_string_append (out, "\\\"");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char)c);
    }
  g_string_append_c (out, '"');
}

static void
member_string (GString    *out,
               const char *name,
               const char *value,
               gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  append_string (out, name);
  g_string_append_c (out, ':');
  append_string (out, value);
}

static void
member_raw (GString    *out,
            const char *name,
            const char *value)
{
  g_string_append_c (out, ',');
  append_string (out, name);
  g_string_append_c (out, ':');
  g_string_append (out, value != NULL ? value : "null");
}

static void
append_entry (GString                  *out,
              const KanriTimelineEntry *entry)
{
  gboolean is_hop = entry->kind == KANRI_TIMELINE_HOP;
  char iso[KANRI_DATE_ISO8601_MAX];
  char number[16];

  g_string_append_c (out, '{');
  member_string (out, "kind", is_hop ? "hop" : "event", TRUE);

  if (entry->has_date)
    kanri_date_format_iso8601 (&entry->date, iso);
  member_string (out, "time_utc", entry->has_date ? iso : NULL, FALSE);
  member_raw (out, "delay_seconds", entry->has_delay ? entry->delay_text : NULL);

  g_snprintf (number, sizeof number, "%u", entry->hop_number);
  member_raw (out, "hop", is_hop ? number : NULL);
  member_string (out, "from", is_hop ? entry->hop->received->from : NULL, FALSE);
  member_string (out, "by", is_hop ? entry->hop->received->by : NULL, FALSE);

  member_string (out, "event", is_hop ? NULL : entry->event->event, FALSE);
  member_string (out, "action", is_hop ? NULL : entry->event->action, FALSE);
  member_string (out, "detail", is_hop ? NULL : entry->event->detail, FALSE);
  member_string (out, "data", is_hop ? NULL : entry->event->data, FALSE);

  member_raw (out, "skewed", entry->skewed ? "true" : "false");
  g_snprintf (number, sizeof number, "%u", entry->skew_hop);
  member_raw (out, "skew_hop", entry->skewed ? number : NULL);
  member_raw (out, "skew_seconds", entry->skewed ? entry->skew_text : NULL);
  g_string_append_c (out, '}');
}

/**
 * kanri_trace_timeline_append_json:
 *
 * Appends the timeline as a JSON array, for the analyzer's JSON export
 * (`"trace_timeline"`) and `kanri-cli trace --json`. Every member is always
 * present, null when it does not apply; numbers are exact, as in the
 * report's hops.
 */
void
kanri_trace_timeline_append_json (GPtrArray *entries,
                                  GString   *out)
{
  g_return_if_fail (entries != NULL);
  g_return_if_fail (out != NULL);

  g_string_append_c (out, '[');
  for (guint i = 0; i < entries->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_entry (out, g_ptr_array_index (entries, i));
    }
  g_string_append_c (out, ']');
}

char *
kanri_trace_timeline_to_json (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);

  kanri_trace_timeline_append_json (entries, out);
  return g_string_free (out, FALSE);
}
