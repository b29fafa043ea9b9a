/* test-spf-conformance.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "kanri-spf.h"
#include "kanri-zone-resolver.h"

/* Runs the RFC 7208 test suite of python3-spf through kanri_spf_check_host_async()
 * with the in-memory zone of each scenario, the way the suite's own driver
 * (testspf.py) runs pyspf: the result must be one of the accepted ones, and
 * where an explanation is given it must match, "DEFAULT" standing for none. */

typedef struct
{
  GMainLoop      *loop;
  KanriSpfReport *report;
  GError         *error;
} Wait;

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->report = kanri_spf_check_host_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
result_accepted (KanriSpfResult  result,
                 JsonArray      *accepted)
{
  for (guint i = 0; i < json_array_get_length (accepted); i++)
    {
      if (g_str_equal (json_array_get_string_element (accepted, i),
                       kanri_spf_result_to_string (result)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
run_case (KanriResolver *resolver,
          JsonObject    *test)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  JsonArray *accepted = json_object_get_array_member (test, "result");
  const char *id = json_object_get_string_member (test, "id");
  const char *expected_explanation = NULL;
  const char *explanation;
  Wait wait = { loop, NULL, NULL };
  KanriSpfQuery query = {
    .ip = json_object_get_string_member (test, "host"),
    .sender = json_object_get_string_member (test, "mailfrom"),
    .helo = json_object_get_string_member (test, "helo"),
  };
  gboolean ok;

  if (!json_object_get_null_member (test, "explanation"))
    expected_explanation = json_object_get_string_member (test, "explanation");

  kanri_spf_check_host_async (resolver, &query, NULL, on_checked, &wait);
  g_main_loop_run (loop);

  if (wait.report == NULL)
    {
      printf ("FAIL %s: %s\n", id, wait.error->message);
      g_clear_error (&wait.error);
      return FALSE;
    }

  explanation = wait.report->explanation != NULL ? wait.report->explanation : "DEFAULT";
  ok = result_accepted (wait.report->result, accepted) &&
       (expected_explanation == NULL || g_str_equal (expected_explanation, explanation));
  if (!ok)
    {
      g_autofree char *expected = json_to_string (json_object_get_member (test, "result"), FALSE);

      printf ("FAIL %s (RFC 7208 %s): expected %s%s%s, got %s (%s), explanation “%s”\n",
              id, json_object_get_string_member (test, "spec"), expected,
              expected_explanation != NULL ? " with explanation " : "",
              expected_explanation != NULL ? expected_explanation : "",
              kanri_spf_result_to_string (wait.report->result),
              wait.report->reason != NULL ? wait.report->reason : "",
              explanation);
    }

  kanri_spf_report_unref (wait.report);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) converter = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonArray *scenarios;
  guint passed = 0;
  guint total = 0;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s PYTHON CONVERTER SUITE.yml.gz\n", argv[0]);
      return 2;
    }

  converter = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                argv[1], argv[2], argv[3], NULL);
  if (converter == NULL ||
      !g_subprocess_communicate_utf8 (converter, NULL, NULL, &json, NULL, &error))
    {
      fprintf (stderr, "Could not run %s: %s\n", argv[2], error->message);
      return 1;
    }
  if (!g_subprocess_get_successful (converter))
    {
      fprintf (stderr, "%s failed; is %s readable and python3-yaml installed?\n", argv[2], argv[3]);
      return 1;
    }
  if (!json_parser_load_from_data (parser, json, -1, &error))
    {
      fprintf (stderr, "The converted suite is not JSON: %s\n", error->message);
      return 1;
    }

  scenarios = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "scenarios");
  for (guint i = 0; i < json_array_get_length (scenarios); i++)
    {
      JsonObject *scenario = json_array_get_object_element (scenarios, i);
      JsonArray *tests = json_object_get_array_member (scenario, "tests");
      const char *zone = json_object_get_string_member (scenario, "zone");
      g_autoptr(KanriZoneResolver) resolver = NULL;

      resolver = kanri_zone_resolver_new_from_data (zone, -1, &error);
      if (resolver == NULL)
        {
          printf ("FAIL scenario “%s”: %s\n",
                  json_object_get_string_member (scenario, "description"), error->message);
          g_clear_error (&error);
          total += json_array_get_length (tests);
          continue;
        }

      for (guint j = 0; j < json_array_get_length (tests); j++)
        {
          total++;
          if (run_case (KANRI_RESOLVER (resolver), json_array_get_object_element (tests, j)))
            passed++;
        }
    }

  printf ("RFC 7208 conformance: %u/%u passed\n", passed, total);
  return passed == total && total > 0 ? 0 : 1;
}
