/* bench-spf.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "kanri-spf.h"
#include "kanri-zone-resolver.h"

/* Evaluates the whole RFC 7208 test suite repeatedly with the in-memory
 * zone, and in the same run pyspf on the same zones (pyspf-bench.py), and
 * prints microseconds per check for both and the ratio. */

#define KANRI_ROUNDS 300
#define PYSPF_ROUNDS 30

typedef struct
{
  KanriResolver *resolver;
  KanriSpfQuery  query;
} Case;

typedef struct
{
  GMainLoop *loop;
  guint      pending;
} Batch;

static gboolean
run_json (const char * const  *argv,
          char               **out)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, out, NULL, &error))
    {
      fprintf (stderr, "bench-spf: %s: %s\n", argv[1], error->message);
      return FALSE;
    }
  if (!g_subprocess_get_successful (process))
    {
      fprintf (stderr, "bench-spf: %s failed\n", argv[1]);
      return FALSE;
    }
  return TRUE;
}

static double
time_sync (GArray *cases,
           guint   rounds)
{
  gint64 start = g_get_monotonic_time ();

  for (guint r = 0; r < rounds; r++)
    {
      for (guint i = 0; i < cases->len; i++)
        {
          Case *c = &g_array_index (cases, Case, i);
          g_autoptr(KanriSpfReport) report = kanri_spf_check_host (c->resolver, &c->query, NULL, NULL);

          g_assert (report != NULL);
        }
    }

  return (double) (g_get_monotonic_time () - start) / (rounds * cases->len);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(KanriSpfReport) report = kanri_spf_check_host_finish (result, NULL);

  g_assert (report != NULL);
  if (--batch->pending == 0)
    g_main_loop_quit (batch->loop);
}

/* Through the asynchronous API the GUI uses (with the zone resolver it
 * needs no worker thread): one check at a time, each waited for in the main
 * loop, or a whole round in flight at once. */
static double
time_async (GArray   *cases,
            guint     rounds,
            gboolean  whole_round)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gint64 start = g_get_monotonic_time ();

  for (guint r = 0; r < rounds; r++)
    {
      Batch batch = { loop, whole_round ? cases->len : 1 };

      for (guint i = 0; i < cases->len; i++)
        {
          Case *c = &g_array_index (cases, Case, i);

          kanri_spf_check_host_async (c->resolver, &c->query, NULL, on_checked, &batch);
          if (!whole_round)
            {
              g_main_loop_run (loop);
              batch.pending = 1;
            }
        }
      if (whole_round)
        g_main_loop_run (loop);
    }

  return (double) (g_get_monotonic_time () - start) / (rounds * cases->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) suite = json_parser_new ();
  g_autoptr(JsonParser) pyspf = json_parser_new ();
  g_autoptr(GPtrArray) resolvers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) cases = g_array_new (FALSE, FALSE, sizeof (Case));
  g_autoptr(GError) error = NULL;
  g_autofree char *suite_json = NULL;
  g_autofree char *pyspf_json = NULL;
  g_autofree char *suite_path = NULL;
  g_autofree char *rounds_text = g_strdup_printf ("%d", PYSPF_ROUNDS);
  const char *convert[] = { "/usr/bin/python3", SPF_SUITE_CONVERTER, SPF_SUITE, NULL };
  JsonArray *scenarios;
  JsonObject *py;
  double sync_us;
  double async_us;
  double batch_us;
  double py_us;
  int fd;

  if (!run_json (convert, &suite_json) ||
      !json_parser_load_from_data (suite, suite_json, -1, &error))
    return 1;

  scenarios = json_object_get_array_member (json_node_get_object (json_parser_get_root (suite)),
                                            "scenarios");
  for (guint i = 0; i < json_array_get_length (scenarios); i++)
    {
      JsonObject *scenario = json_array_get_object_element (scenarios, i);
      JsonArray *tests = json_object_get_array_member (scenario, "tests");
      g_autofree char *zone = json_to_string (json_object_get_member (scenario, "zone"), FALSE);
      KanriZoneResolver *resolver = kanri_zone_resolver_new_from_data (zone, -1, &error);

      g_assert_no_error (error);
      g_ptr_array_add (resolvers, resolver);
      for (guint j = 0; j < json_array_get_length (tests); j++)
        {
          JsonObject *test = json_array_get_object_element (tests, j);
          Case c = {
            KANRI_RESOLVER (resolver),
            {
              .ip = json_object_get_string_member (test, "host"),
              .sender = json_object_get_string_member (test, "mailfrom"),
              .helo = json_object_get_string_member (test, "helo"),
              .timestamp = 1700000000,
            },
          };

          g_array_append_val (cases, c);
        }
    }

  /* Warm up caches and the thread pool before timing. */
  time_sync (cases, 3);
  sync_us = time_sync (cases, KANRI_ROUNDS);
  async_us = time_async (cases, KANRI_ROUNDS / 3, FALSE);
  batch_us = time_async (cases, KANRI_ROUNDS / 3, TRUE);

  fd = g_file_open_tmp ("bench-spf-XXXXXX.json", &suite_path, &error);
  g_assert_no_error (error);
  g_assert (g_file_set_contents (suite_path, suite_json, -1, &error));
  close (fd);
  {
    const char *run_pyspf[] = { "/usr/bin/python3", PYSPF_BENCH, suite_path, rounds_text, NULL };
    gboolean ok = run_json (run_pyspf, &pyspf_json);

    g_unlink (suite_path);
    if (!ok || !json_parser_load_from_data (pyspf, pyspf_json, -1, &error))
      return 1;
  }
  py = json_node_get_object (json_parser_get_root (pyspf));
  py_us = json_object_get_double_member (py, "us_per_check");

  printf ("RFC 7208 suite: %u checks per round\n", cases->len);
  printf ("kanri (kanri_spf_check_host):        %8.2f µs per check (%d rounds)\n",
          sync_us, KANRI_ROUNDS);
  printf ("kanri (kanri_spf_check_host_async):  %8.2f µs per check (%d rounds, one at a time)\n",
          async_us, KANRI_ROUNDS / 3);
  printf ("kanri (kanri_spf_check_host_async):  %8.2f µs per check (%d rounds, a round in flight)\n",
          batch_us, KANRI_ROUNDS / 3);
  printf ("pyspf %s (spf.query().check()):  %8.2f µs per check (%d rounds; %" G_GINT64_FORMAT
          " of %" G_GINT64_FORMAT " results accepted by the suite)\n",
          "2.0.14", py_us, PYSPF_ROUNDS,
          json_object_get_int_member (py, "accepted_results"), json_object_get_int_member (py, "cases"));
  printf ("ratio pyspf / kanri: %.1f× (sync), %.1f× (async, one at a time), %.1f× (async, a round "
          "in flight)\n", py_us / sync_us, py_us / async_us, py_us / batch_us);

  return 0;
}
