/* test-batch-results.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kanri-batch-analysis-session.h"
#include "kanri-batch-message-list.h"
#include "kanri-batch-summary.h"

/* What the batch view reads of a run, without a window: the message list
 * (filters, their counts, search, order and CIP in SQL), the summary the
 * charts draw, and the runs kept. The batch: 30 messages through the
 * gateway without enhanced filtering (spam, DMARC failed), one through it
 * with enhanced filtering, two others from other days, one of the gateway
 * messages again (a duplicate) and a file that is no message. */

#define GATEWAY_COPIES 30

typedef struct
{
  char       *dir;
  char       *mbox;
  char       *bad;
  KanriStore *store;
  gint64      run_id;
  guint64     total_bytes;
} Fixture;

static char *
sample_path (const char *name)
{
  return g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", name, NULL);
}

static char *
sample_text (const char *name)
{
  g_autofree char *path = sample_path (name);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
append_message (GString    *mbox,
                const char *text)
{
  g_string_append_printf (mbox, "From a@example.com Mon Dec  7 10:00:00 2026\n%s\n", text);
}

static gboolean
stopped (gpointer data)
{
  return !kanri_batch_analysis_session_get_running (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *gateway = sample_text ("gateway-no-ef.eml");
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autoptr(KanriBatchAnalysisSession) session = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  const char *names[] = { "enhanced-filtering.eml", "clock-skew.eml", "japanese-iso2022jp.eml" };
  const char *paths[3] = { NULL };
  gint64 deadline;

  for (guint i = 0; i < GATEWAY_COPIES; i++)
    {
      g_autofree char *id = g_strdup_printf ("Message-ID: <wave-%u@fabrikam.example>", i);
      g_autoptr(GString) text = g_string_new (gateway);

      g_string_replace (text, "Message-ID: <", "X-Was-Message-ID: <", 1);
      g_string_prepend (text, "\n");
      g_string_prepend (text, id);
      append_message (mbox, text->str);
      if (i == 0)
        first = g_strdup (text->str);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = sample_text (names[i]);

      append_message (mbox, text);
    }
  append_message (mbox, first);

  fixture->dir = g_dir_make_tmp ("kanri-batch-results-XXXXXX", NULL);
  fixture->mbox = g_build_filename (fixture->dir, "wave.mbox", NULL);
  g_assert_true (g_file_set_contents (fixture->mbox, mbox->str, -1, NULL));
  fixture->bad = sample_path ("bad-no-headers.txt");
  {
    GStatBuf buf;

    g_assert_cmpint (g_stat (fixture->bad, &buf), ==, 0);
    fixture->total_bytes = mbox->len + buf.st_size;
  }

  db = g_build_filename (fixture->dir, "kanri.db", NULL);
  fixture->store = kanri_store_open (db, &error);
  g_assert_no_error (error);

  session = kanri_batch_analysis_session_new (fixture->store);
  paths[0] = fixture->mbox;
  paths[1] = fixture->bad;
  kanri_batch_analysis_session_start (session, paths);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!stopped (session) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (stopped (session));
  g_assert_no_error ((GError *)kanri_batch_analysis_session_get_error (session));
  fixture->run_id = kanri_batch_analysis_session_get_run_id (session);
  /* What the time left is told from: all of it was counted, and read. */
  g_assert_cmpuint (kanri_batch_analysis_session_get_total_bytes (session), ==, fixture->total_bytes);
  g_assert_cmpuint (kanri_batch_analysis_session_get_bytes (session), <=, fixture->total_bytes);
  g_assert_cmpuint (kanri_batch_analysis_session_get_bytes (session), >, fixture->total_bytes / 2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->mbox);
  g_free (fixture->bad);
}

static void
wait_loaded (KanriBatchMessageList *list)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (kanri_batch_message_list_get_loading (list) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (kanri_batch_message_list_get_loading (list));
}

static const char *
text_at (KanriBatchMessageList *list,
         guint                  position,
         KanriBatchField        field)
{
  g_autoptr(KanriBatchMessage) message = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (message);
  /* The list holds a reference in its cache: the string outlives this. */
  return kanri_batch_message_get_text (message, field);
}

static guint
n_items (KanriBatchMessageList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KanriBatchMessageList) list = kanri_batch_message_list_new (fixture->store, fixture->run_id);
  g_autoptr(KanriBatchMessage) message = NULL;
  static const struct {
    KanriBatchFilter filter;
    guint            count;
  } expected[] = {
    { KANRI_BATCH_FILTER_ALL, GATEWAY_COPIES + 3 + 1 },
    { KANRI_BATCH_FILTER_SPAM, GATEWAY_COPIES },
    { KANRI_BATCH_FILTER_AUTH_FAILED, GATEWAY_COPIES },
    { KANRI_BATCH_FILTER_NO_ENHANCED_FILTERING, GATEWAY_COPIES },
    { KANRI_BATCH_FILTER_ERRORS, 1 },
    { KANRI_BATCH_FILTER_DUPLICATES, 1 },
  };
  gint64 date;
  int scl;

  wait_loaded (list);
  /* In input order: the first message is the first gateway copy. */
  g_assert_cmpuint (n_items (list), ==, GATEWAY_COPIES + 4);
  message = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_MESSAGE_ID), ==,
                   "<wave-0@fabrikam.example>");
  g_assert_cmpstr (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_CIP), ==, "203.0.113.10");
  g_assert_cmpstr (kanri_batch_message_get_text (message, KANRI_BATCH_FIELD_DMARC), ==, "fail");
  g_assert_true (kanri_batch_message_get_scl (message, &scl));
  g_assert_cmpint (scl, ==, 5);
  g_assert_true (kanri_batch_message_get_date (message, &date));
  /* Tue, 7 May 2024 10:02:04 +0900 */
  g_assert_cmpint (date, ==, 1715043724);
  g_assert_true (kanri_batch_message_get_cip_is_relay (message));
  g_assert_false (kanri_batch_message_get_enhanced_filtering (message));
  g_assert_cmpint (kanri_batch_message_get_offset (message), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpuint (kanri_batch_message_list_count (list, expected[i].filter), ==, expected[i].count);
      kanri_batch_message_list_set_filter (list, expected[i].filter);
      wait_loaded (list);
      g_assert_cmpuint (n_items (list), ==, expected[i].count);
    }

  /* The error's row says why, and has no report. */
  kanri_batch_message_list_set_filter (list, KANRI_BATCH_FILTER_ERRORS);
  wait_loaded (list);
  g_assert_nonnull (strstr (text_at (list, 0, KANRI_BATCH_FIELD_ERROR), "No message headers found"));
  g_assert_true (g_str_has_suffix (text_at (list, 0, KANRI_BATCH_FIELD_PATH), "bad-no-headers.txt"));
  g_assert_null (text_at (list, 0, KANRI_BATCH_FIELD_CIP));

  /* The duplicate is the first gateway copy again. */
  kanri_batch_message_list_set_filter (list, KANRI_BATCH_FILTER_DUPLICATES);
  wait_loaded (list);
  g_clear_object (&message);
  message = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (kanri_batch_message_get_duplicate (message));
  g_assert_cmpuint (kanri_batch_message_get_number (message), ==, GATEWAY_COPIES + 3);
}

static void
test_search_and_sort (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KanriBatchMessageList) list = kanri_batch_message_list_new (fixture->store, fixture->run_id);
  guint n;

  wait_loaded (list);

  /* Found in the sender, ignoring case. */
  kanri_batch_message_list_set_search (list, "ADATUM");
  wait_loaded (list);
  g_assert_cmpuint (n_items (list), ==, 1);
  g_assert_cmpstr (text_at (list, 0, KANRI_BATCH_FIELD_SENDER), ==, "monitor@adatum.example");

  /* In the subject: the gateway copies and the filtered message. */
  kanri_batch_message_list_set_search (list, "price LIST");
  wait_loaded (list);
  g_assert_cmpuint (n_items (list), ==, GATEWAY_COPIES + 1);
  /* With the filter. */
  kanri_batch_message_list_set_filter (list, KANRI_BATCH_FILTER_NO_ENHANCED_FILTERING);
  wait_loaded (list);
  g_assert_cmpuint (n_items (list), ==, GATEWAY_COPIES);
  kanri_batch_message_list_set_filter (list, KANRI_BATCH_FILTER_ALL);
  kanri_batch_message_list_set_search (list, NULL);
  wait_loaded (list);
  n = n_items (list);
  g_assert_cmpuint (n, ==, GATEWAY_COPIES + 4);

  /* By sender: case ignored; the error's row, with none, last either way. */
  kanri_batch_message_list_set_sort (list, KANRI_BATCH_SORT_SENDER, FALSE);
  wait_loaded (list);
  g_assert_cmpstr (text_at (list, 0, KANRI_BATCH_FIELD_SENDER), ==, "monitor@adatum.example");
  g_assert_cmpstr (text_at (list, 1, KANRI_BATCH_FIELD_SENDER), ==, "sales@fabrikam.example");
  g_assert_null (text_at (list, n - 1, KANRI_BATCH_FIELD_SENDER));
  kanri_batch_message_list_set_sort (list, KANRI_BATCH_SORT_SENDER, TRUE);
  wait_loaded (list);
  g_assert_cmpstr (text_at (list, 0, KANRI_BATCH_FIELD_SENDER), ==, "山田 太郎 <taro@fabrikam.example>");
  g_assert_cmpstr (text_at (list, n - 2, KANRI_BATCH_FIELD_SENDER), ==, "monitor@adatum.example");
  g_assert_null (text_at (list, n - 1, KANRI_BATCH_FIELD_SENDER));

  /* By date, newest first: the Japanese message (13 May) leads. */
  kanri_batch_message_list_set_sort (list, KANRI_BATCH_SORT_DATE, TRUE);
  wait_loaded (list);
  g_assert_cmpstr (text_at (list, 0, KANRI_BATCH_FIELD_MESSAGE_ID), ==, "<jp-iso2022-1@fabrikam.example>");
  g_assert_cmpstr (text_at (list, 1, KANRI_BATCH_FIELD_SENDER), ==, "monitor@adatum.example");

  /* By SCL, highest first: the spam. */
  kanri_batch_message_list_set_sort (list, KANRI_BATCH_SORT_SCL, TRUE);
  wait_loaded (list);
  g_assert_cmpstr (text_at (list, 0, KANRI_BATCH_FIELD_SFV), ==, "SPM");
  g_assert_cmpstr (text_at (list, GATEWAY_COPIES, KANRI_BATCH_FIELD_SFV), ==, "NSPM");

  /* One CIP: its messages, and the counts within it. */
  kanri_batch_message_list_set_sort (list, KANRI_BATCH_SORT_INPUT, FALSE);
  kanri_batch_message_list_set_cip (list, "203.0.113.10");
  wait_loaded (list);
  g_assert_cmpstr (kanri_batch_message_list_get_cip (list), ==, "203.0.113.10");
  g_assert_cmpuint (n_items (list), ==, GATEWAY_COPIES + 1);
  g_assert_cmpuint (kanri_batch_message_list_count (list, KANRI_BATCH_FILTER_ALL), ==, GATEWAY_COPIES + 1);
  g_assert_cmpuint (kanri_batch_message_list_count (list, KANRI_BATCH_FILTER_ERRORS), ==, 0);
  g_assert_cmpuint (kanri_batch_message_list_count (list, KANRI_BATCH_FILTER_NO_ENHANCED_FILTERING), ==,
                    GATEWAY_COPIES);
  g_assert_cmpint (kanri_batch_message_list_get_query_usec (list), >, 0);
}

static void
summary_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KanriBatchSummary **summary = user_data;
  g_autoptr(GError) error = NULL;

  *summary = kanri_batch_summary_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KanriBatchSummary) summary = NULL;
  KanriBatchCipCount *cip;
  KanriBatchDomainCount *domain;
  KanriBatchDay *day;
  KanriBatchRelayCip *relay;

  kanri_batch_summary_load_async (fixture->store, fixture->run_id, NULL, summary_loaded_cb, &summary);
  while (summary == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (summary->run->id, ==, fixture->run_id);
  g_assert_cmpstr (summary->run->paths[0], ==, fixture->mbox);
  g_assert_cmpstr (summary->run->paths[1], ==, fixture->bad);
  g_assert_null (summary->run->paths[2]);
  g_assert_cmpuint (summary->run->messages, ==, GATEWAY_COPIES + 5);
  g_assert_cmpuint (summary->run->errors, ==, 1);
  g_assert_cmpuint (summary->run->duplicates, ==, 1);
  g_assert_false (summary->run->cancelled);
  g_assert_cmpint (summary->run->finished, >=, summary->run->started);

  /* Verdicts by day (UTC): 7 May has the wave and the filtered message, 10
   * and 13 May one clean message each. */
  g_assert_cmpuint (summary->days->len, ==, 3);
  day = &g_array_index (summary->days, KanriBatchDay, 0);
  g_assert_cmpint (day->day, ==, 1715040000);
  g_assert_cmpuint (day->spam, ==, GATEWAY_COPIES);
  g_assert_cmpuint (day->auth_failed, ==, 0);
  g_assert_cmpuint (day->clean, ==, 1);
  day = &g_array_index (summary->days, KanriBatchDay, 2);
  g_assert_cmpint (day->day, ==, 1715558400);
  g_assert_cmpuint (day->clean, ==, 1);

  /* Top CIPs: the gateway first, with its classification. */
  cip = summary->cips->pdata[0];
  g_assert_cmpstr (cip->cip, ==, "203.0.113.10");
  g_assert_cmpstr (cip->cip_class, ==, "documentation");
  g_assert_cmpuint (cip->messages, ==, GATEWAY_COPIES + 1);
  g_assert_cmpuint (cip->without_enhanced_filtering, ==, GATEWAY_COPIES);
  g_assert_cmpuint (summary->cips->len, ==, 3);

  /* Top sending domains, a display name's address included. */
  domain = summary->domains->pdata[0];
  g_assert_cmpstr (domain->domain, ==, "fabrikam.example");
  g_assert_cmpuint (domain->messages, ==, GATEWAY_COPIES + 2);
  g_assert_cmpuint (domain->dmarc_fail, ==, GATEWAY_COPIES);
  g_assert_cmpuint (domain->dmarc_pass, ==, 2);
  g_assert_cmpuint (domain->dmarc_other, ==, 0);
  domain = summary->domains->pdata[1];
  g_assert_cmpstr (domain->domain, ==, "adatum.example");
  g_assert_cmpuint (summary->domains->len, ==, 2);

  /* The finding across messages. */
  g_assert_cmpuint (summary->relay_cips->len, ==, 1);
  relay = summary->relay_cips->pdata[0];
  g_assert_cmpstr (relay->cip, ==, "203.0.113.10");
  g_assert_cmpuint (relay->messages, ==, GATEWAY_COPIES);
}

static void
test_runs (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(KanriBatchRun) run = NULL;
  g_autoptr(KanriBatchMessageList) list = NULL;
  g_autoptr(GError) error = NULL;

  runs = kanri_batch_run_list (fixture->store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (((KanriBatchRun *)runs->pdata[0])->id, ==, fixture->run_id);

  run = kanri_batch_run_load (fixture->store, fixture->run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run->messages, ==, GATEWAY_COPIES + 5);
  g_clear_pointer (&run, kanri_batch_run_free);

  /* Forgotten with its messages. */
  g_assert_true (kanri_batch_run_delete (fixture->store, fixture->run_id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = kanri_batch_run_list (fixture->store, 10, &error);
  g_assert_cmpuint (runs->len, ==, 0);
  run = kanri_batch_run_load (fixture->store, fixture->run_id, &error);
  g_assert_null (run);
  g_assert_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED);

  list = kanri_batch_message_list_new (fixture->store, fixture->run_id);
  wait_loaded (list);
  g_assert_cmpuint (n_items (list), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/batch-results/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/batch-results/search-and-sort", Fixture, NULL, fixture_set_up, test_search_and_sort,
              fixture_tear_down);
  g_test_add ("/batch-results/summary", Fixture, NULL, fixture_set_up, test_summary, fixture_tear_down);
  g_test_add ("/batch-results/runs", Fixture, NULL, fixture_set_up, test_runs, fixture_tear_down);

  return g_test_run ();
}
