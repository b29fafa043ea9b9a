/* test-batch-analysis-session.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kanri-batch-analysis-session.h"
#include "kanri-batch-summary.h"

/* A batch analysis into the local model, without a window: the rows, the
 * run's counts, the finding across messages, and a run cancelled. */

typedef struct
{
  char       *dir;
  char       *mbox;
  KanriStore *store;
} Fixture;

static char *
sample_text (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* @copies messages: gateway-no-ef.eml (its CIP is the gateway, no enhanced
 * filtering) with a Message-ID of its own each, then enhanced-filtering.eml
 * once, and gateway-no-ef.eml once more as it is (a duplicate of the
 * first). */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  guint copies = GPOINTER_TO_UINT (data);
  g_autofree char *gateway = sample_text ("gateway-no-ef.eml");
  g_autofree char *filtered = sample_text ("enhanced-filtering.eml");
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < copies; i++)
    {
      g_autofree char *id = g_strdup_printf ("Message-ID: <copy-%u@fabrikam.example>", i);
      g_autoptr(GString) text = g_string_new (gateway);

      g_string_replace (text, "Message-ID: <", "X-Was-Message-ID: <", 1);
      g_string_prepend (text, "\n");
      g_string_prepend (text, id);
      g_string_append_printf (mbox, "From a@example.com Mon Dec  7 10:00:00 2026\n%s\n", text->str);
    }
  g_string_append_printf (mbox, "From a@example.com Mon Dec  7 10:00:00 2026\n%s\n", filtered);
  g_string_append_printf (mbox, "From a@example.com Mon Dec  7 10:00:00 2026\n%s\n", gateway);
  g_string_append_printf (mbox, "From a@example.com Mon Dec  7 10:00:00 2026\n%s\n", gateway);

  fixture->dir = g_dir_make_tmp ("kanri-batch-session-XXXXXX", NULL);
  fixture->mbox = g_build_filename (fixture->dir, "spoofing-wave.mbox", NULL);
  g_assert_true (g_file_set_contents (fixture->mbox, mbox->str, -1, NULL));

  db = g_build_filename (fixture->dir, "kanri.db", NULL);
  fixture->store = kanri_store_open (db, &error);
  g_assert_no_error (error);
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
}

static gboolean
stopped (gpointer data)
{
  return !kanri_batch_analysis_session_get_running (data);
}

static void
wait_stopped (KanriBatchAnalysisSession *session)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!stopped (session) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (stopped (session));
}

static gint64
count (KanriStore *store,
       const char *sql,
       gint64      run_id)
{
  g_autoptr(sqlite3_stmt) stmt = kanri_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, run_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_run (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(KanriBatchAnalysisSession) session = kanri_batch_analysis_session_new (fixture->store);
  const char *paths[] = { fixture->mbox, NULL };
  g_autoptr(GPtrArray) cips = NULL;
  g_autoptr(GError) error = NULL;
  guint progress = 0;
  gint64 run_id;

  g_signal_connect_swapped (session, "notify::messages", G_CALLBACK (g_atomic_int_inc), &progress);
  kanri_batch_analysis_session_start (session, paths);
  g_assert_true (kanri_batch_analysis_session_get_running (session));
  wait_stopped (session);

  g_assert_no_error ((GError *)kanri_batch_analysis_session_get_error (session));
  run_id = kanri_batch_analysis_session_get_run_id (session);
  g_assert_cmpint (run_id, >, 0);
  /* 1,200 copies, one filtered, the same message twice: 1,203 rows, one
   * of them a duplicate; progress came as the chunks were written. */
  g_assert_cmpuint (kanri_batch_analysis_session_get_messages (session), ==, 1203);
  g_assert_cmpuint (kanri_batch_analysis_session_get_duplicates (session), ==, 1);
  g_assert_cmpuint (kanri_batch_analysis_session_get_errors (session), ==, 0);
  g_assert_cmpuint (kanri_batch_analysis_session_get_bytes (session), >, 1200 * 1000);
  g_assert_cmpuint (progress, >=, 2);

  g_assert_cmpint (count (fixture->store, "SELECT COUNT(*) FROM batch_messages WHERE run = ?1", run_id), ==, 1203);
  g_assert_cmpint (count (fixture->store, "SELECT messages FROM batch_runs WHERE id = ?1 AND finished IS NOT NULL"
                                          " AND NOT cancelled", run_id), ==, 1203);
  g_assert_cmpint (count (fixture->store, "SELECT COUNT(*) FROM batch_messages WHERE run = ?1"
                                          " AND enhanced_filtering AND original_ip = '198.51.100.23'", run_id), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT COUNT(*) FROM batch_messages WHERE run = ?1"
                                          " AND dmarc = 'fail' AND sfv = 'SPM' AND scl = 5 AND direction = 'INB'"
                                          " AND ' ' || findings || ' ' LIKE '% cip-is-relay %'", run_id), ==, 1201);
  /* A duplicate's row says so, and holds no second report. */
  g_assert_cmpint (count (fixture->store, "SELECT COUNT(*) FROM batch_messages WHERE run = ?1"
                                          " AND duplicate AND cip IS NULL AND number = 1202", run_id), ==, 1);

  /* The finding across messages: 1,201 arrived through the gateway's IP
   * without enhanced filtering (the duplicate is not counted again). */
  cips = kanri_batch_analysis_query_relay_cips (fixture->store, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cips->len, ==, 1);
  g_assert_cmpstr (((KanriBatchRelayCip *)cips->pdata[0])->cip, ==, "203.0.113.10");
  g_assert_cmpuint (((KanriBatchRelayCip *)cips->pdata[0])->messages, ==, 1201);
}

static void
cancel_on_progress (KanriBatchAnalysisSession *session)
{
  kanri_batch_analysis_session_cancel (session);
}

/* Cancelled at its first progress, the run stops and keeps the rows
 * written; the run says it was cancelled. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KanriBatchAnalysisSession) session = kanri_batch_analysis_session_new (fixture->store);
  const char *paths[] = { fixture->mbox, fixture->mbox, fixture->mbox, fixture->mbox, NULL };
  gint64 run_id;
  gint64 rows;

  g_signal_connect (session, "notify::messages", G_CALLBACK (cancel_on_progress), NULL);
  kanri_batch_analysis_session_start (session, paths);
  wait_stopped (session);

  g_assert_error ((GError *)kanri_batch_analysis_session_get_error (session), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  run_id = kanri_batch_analysis_session_get_run_id (session);
  rows = count (fixture->store, "SELECT COUNT(*) FROM batch_messages WHERE run = ?1", run_id);
  g_assert_cmpint (rows, >=, 1000);
  g_assert_cmpint (rows, <, 4 * 3003);
  g_assert_cmpint (rows, ==, (gint64)kanri_batch_analysis_session_get_messages (session));
  g_assert_cmpint (count (fixture->store, "SELECT cancelled FROM batch_runs WHERE id = ?1", run_id), ==, 1);
}

/* A path that is not there: the run says so. */
static void
test_missing_path (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KanriBatchAnalysisSession) session = kanri_batch_analysis_session_new (fixture->store);
  const char *paths[] = { "/nonexistent/kanri.mbox", NULL };

  kanri_batch_analysis_session_start (session, paths);
  wait_stopped (session);
  g_assert_error ((GError *)kanri_batch_analysis_session_get_error (session), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (kanri_batch_analysis_session_get_messages (session), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/batch-analysis-session/run", Fixture, GUINT_TO_POINTER (1200),
              fixture_set_up, test_run, fixture_tear_down);
  g_test_add ("/batch-analysis-session/cancel", Fixture, GUINT_TO_POINTER (3000),
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/batch-analysis-session/missing-path", Fixture, GUINT_TO_POINTER (1),
              fixture_set_up, test_missing_path, fixture_tear_down);

  return g_test_run ();
}
