/* bench-batch-table.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "kanri-batch-analysis-session.h"
#include "kanri-batch-message-list.h"
#include "kanri-batch-summary.h"

/* The batch view's table and summary at the scale of issue 16: a run of
 * 100,000 messages in the local model, then each filter, a search, the
 * sorts and one CIP, timed from the change to the rows (what the table
 * waits for), and the summary the charts draw. Prints figures; judges
 * nothing. Target: a filter under 50 ms after load.
 *
 * Usage: bench-batch-table HEADERS_DIR [MESSAGES]
 *   (default 100000; the messages are HEADERS_DIR's samples in turn, each
 *   with a Message-ID of its own, with short bodies: the table, not the
 *   parse, is measured here; bench/batch/batch.py measures the parse) */

#define RUNS 7

static char *
read_sample (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      fprintf (stderr, "bench-batch-table: cannot read %s\n", path);
      exit (1);
    }
  return text;
}

static void
write_mbox (const char *path,
            const char *headers_dir,
            guint       messages)
{
  const char *names[] = {
    "gateway-no-ef.eml", "enhanced-filtering.eml", "clock-skew.eml",
    "japanese-iso2022jp.eml", "ipv6-cip.eml", "internal.eml",
  };
  char *texts[G_N_ELEMENTS (names)];
  FILE *out = fopen (path, "w");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sample = read_sample (headers_dir, names[i]);
      g_autoptr(GString) text = g_string_new (sample);

      g_string_replace (text, "\r\n", "\n", 0);
      g_string_replace (text, "Message-ID:", "X-Was-Message-ID:", 1);
      g_string_replace (text, "Message-Id:", "X-Was-Message-Id:", 1);
      texts[i] = g_string_free (g_steal_pointer (&text), FALSE);
    }

  for (guint i = 0; i < messages; i++)
    fprintf (out, "From bench@kanri.example Mon Dec  7 10:00:00 2026\nMessage-ID: <bench-%u@kanri.example>\n%s\n",
             i, texts[i % G_N_ELEMENTS (names)]);
  fclose (out);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_free (texts[i]);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, (GCompareFunc)compare_doubles);
  return values[n / 2];
}

static void
wait_loaded (KanriBatchMessageList *list)
{
  while (kanri_batch_message_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

typedef void (*Change) (KanriBatchMessageList *list,
                        guint                  run);

static void
measure (KanriBatchMessageList *list,
         const char            *what,
         Change                 change,
         Change                 back)
{
  double times[RUNS];
  guint rows = 0;

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      change (list, i);
      wait_loaded (list);
      times[i] = ms_since (start);
      rows = g_list_model_get_n_items (G_LIST_MODEL (list));
      back (list, i);
      wait_loaded (list);
    }

  printf ("  %-46s %8.1f ms  (%u rows; median of %d)\n", what, median (times, RUNS), rows, RUNS);
}

static void filter_spam (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_filter (l, KANRI_BATCH_FILTER_SPAM); }
static void filter_auth (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_filter (l, KANRI_BATCH_FILTER_AUTH_FAILED); }
static void filter_gateway (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_filter (l, KANRI_BATCH_FILTER_NO_ENHANCED_FILTERING); }
static void filter_errors (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_filter (l, KANRI_BATCH_FILTER_ERRORS); }
static void filter_all (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_filter (l, KANRI_BATCH_FILTER_ALL); }
static void search (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_search (l, r % 2 ? "fabrikam" : "FABRIKAM"); }
static void search_none (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_search (l, NULL); }
static void sort_date (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_sort (l, KANRI_BATCH_SORT_DATE, TRUE); }
static void sort_sender (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_sort (l, KANRI_BATCH_SORT_SENDER, FALSE); }
static void sort_scl (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_sort (l, KANRI_BATCH_SORT_SCL, TRUE); }
static void sort_input (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_sort (l, KANRI_BATCH_SORT_INPUT, FALSE); }
static void one_cip (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_cip (l, "203.0.113.10"); }
static void every_cip (KanriBatchMessageList *l, guint r) { kanri_batch_message_list_set_cip (l, NULL); }

static void
summary_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KanriBatchSummary **summary = user_data;
  g_autoptr(GError) error = NULL;

  *summary = kanri_batch_summary_load_finish (result, &error);
  if (*summary == NULL)
    {
      fprintf (stderr, "bench-batch-table: %s\n", error->message);
      exit (1);
    }
}

int
main (int   argc,
      char *argv[])
{
  guint messages = argc > 2 ? (guint)atoi (argv[2]) : 100000;
  g_autofree char *dir = NULL;
  g_autofree char *mbox = NULL;
  g_autofree char *db = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autoptr(KanriBatchAnalysisSession) session = NULL;
  g_autoptr(KanriBatchMessageList) list = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { NULL };
  double times[RUNS];
  gint64 start;
  gint64 run_id;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: bench-batch-table HEADERS_DIR [MESSAGES]\n");
      return 2;
    }

  dir = g_dir_make_tmp ("kanri-bench-batch-XXXXXX", NULL);
  mbox = g_build_filename (dir, "bench.mbox", NULL);
  db = g_build_filename (dir, "kanri.db", NULL);
  write_mbox (mbox, argv[1], messages);
  store = kanri_store_open (db, &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-batch-table: %s\n", error->message);
      return 1;
    }

  printf ("bench-batch-table: %u messages\n", messages);

  /* Into the local model: what the batch view waits for. */
  session = kanri_batch_analysis_session_new (store);
  paths[0] = mbox;
  start = g_get_monotonic_time ();
  kanri_batch_analysis_session_start (session, paths);
  while (kanri_batch_analysis_session_get_running (session))
    g_main_context_iteration (NULL, TRUE);
  if (kanri_batch_analysis_session_get_error (session) != NULL)
    {
      fprintf (stderr, "bench-batch-table: %s\n", kanri_batch_analysis_session_get_error (session)->message);
      return 1;
    }
  {
    double ms = ms_since (start);

    printf ("  %-46s %8.0f ms  (%.0f messages/s)\n", "analysed into the local model", ms,
            messages / (ms / 1000.0));
  }
  run_id = kanri_batch_analysis_session_get_run_id (session);

  /* Opened again: the table's first rows, and the summary. */
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(KanriBatchMessageList) opened = NULL;

      start = g_get_monotonic_time ();
      opened = kanri_batch_message_list_new (store, run_id);
      wait_loaded (opened);
      times[i] = ms_since (start);
    }
  printf ("  %-46s %8.1f ms  (median of %d)\n", "table opened again (rows and counts)", median (times, RUNS), RUNS);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(KanriBatchSummary) summary = NULL;

      start = g_get_monotonic_time ();
      kanri_batch_summary_load_async (store, run_id, NULL, summary_cb, &summary);
      while (summary == NULL)
        g_main_context_iteration (NULL, TRUE);
      times[i] = ms_since (start);
    }
  printf ("  %-46s %8.1f ms  (median of %d)\n", "summary (charts and findings)", median (times, RUNS), RUNS);

  list = kanri_batch_message_list_new (store, run_id);
  wait_loaded (list);
  printf ("After load (%u rows), from a change to its rows:\n", g_list_model_get_n_items (G_LIST_MODEL (list)));
  measure (list, "filter: spam", filter_spam, filter_all);
  measure (list, "filter: authentication failed", filter_auth, filter_all);
  measure (list, "filter: gateway without enhanced filtering", filter_gateway, filter_all);
  measure (list, "filter: not analysed", filter_errors, filter_all);
  measure (list, "filter: all messages (from spam)", filter_all, filter_spam);
  kanri_batch_message_list_set_filter (list, KANRI_BATCH_FILTER_ALL);
  wait_loaded (list);
  measure (list, "search \"fabrikam\"", search, search_none);
  measure (list, "sort: date, newest first", sort_date, sort_input);
  measure (list, "sort: sender", sort_sender, sort_input);
  measure (list, "sort: SCL, highest first", sort_scl, sort_input);
  measure (list, "one CIP (203.0.113.10, with counts)", one_cip, every_cip);

  g_clear_object (&list);
  g_clear_object (&session);
  g_clear_object (&store);
  if (g_getenv ("KANRI_BENCH_KEEP") != NULL)
    {
      printf ("kept: %s\n", db);
      return 0;
    }
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_remove (path);
      }
  }
  g_rmdir (dir);

  return 0;
}
