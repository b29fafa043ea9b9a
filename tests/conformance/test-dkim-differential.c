/* test-dkim-differential.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "kanri-dkim-verify.h"
#include "kanri-zone-resolver.h"

/* Kanri's DKIM verifier against dkimpy on the messages that
 * dkim-differential.py generates, signs and changes (a fixed seed): every
 * signature must pass in Kanri exactly when it passes in dkimpy. The
 * script runs as argv[1] argv[2] (python, script); a mismatch prints the
 * message so that it can be added to the corpus. */

static char *
run_generator (const char *python,
               const char *script)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, python, script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return out;
}

static gboolean
check_case (KanriDkimVerifier *verifier,
            JsonObject        *test)
{
  const char *id = json_object_get_string_member (test, "id");
  JsonArray *expected = json_object_get_array_member (test, "dkimpy");
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriDkimMessage) message = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autofree guchar *data = NULL;
  gboolean ok = TRUE;
  gsize length;

  data = g_base64_decode (json_object_get_string_member (test, "message"), &length);
  message = kanri_dkim_message_new ((const char *)data, length, &error);
  if (message == NULL)
    {
      printf ("FAIL case %s: Kanri cannot read the message: %s\n", id, error->message);
      return FALSE;
    }

  verdicts = kanri_dkim_verifier_verify (verifier, message, NULL, NULL);
  if (verdicts->len != json_array_get_length (expected))
    {
      printf ("FAIL case %s: %u signatures for Kanri, %u for dkimpy\n", id, verdicts->len,
              json_array_get_length (expected));
      return FALSE;
    }

  for (guint i = 0; i < verdicts->len; i++)
    {
      const KanriDkimVerdict *verdict = g_ptr_array_index (verdicts, i);
      gboolean dkimpy = json_array_get_boolean_element (expected, i);

      if (dkimpy != (verdict->result == KANRI_DKIM_RESULT_PASS))
        {
          printf ("FAIL case %s (%s), signature %u: dkimpy %s, Kanri %s (%s)%s%s\n"
                  "  message (base64): %s\n",
                  id, json_object_get_string_member (test, "change"), i + 1, dkimpy ? "pass" : "fail",
                  kanri_dkim_result_to_string (verdict->result),
                  kanri_dkim_reason_to_string (verdict->reason) != NULL ? kanri_dkim_reason_to_string (verdict->reason) : "",
                  verdict->detail != NULL ? ": " : "", verdict->detail != NULL ? verdict->detail : "",
                  json_object_get_string_member (test, "message"));
          ok = FALSE;
        }
    }

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *output = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(KanriZoneResolver) zone = NULL;
  g_autoptr(KanriDkimVerifier) verifier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *zone_text = NULL;
  JsonObject *root;
  JsonArray *cases;
  guint failed = 0;
  guint n_signatures = 0;
  guint n_passing = 0;

  g_assert_cmpint (argc, ==, 3);
  output = run_generator (argv[1], argv[2]);
  g_assert_true (json_parser_load_from_data (parser, output, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  json_generator_set_root (generator, json_object_get_member (root, "zone"));
  zone_text = json_generator_to_data (generator, NULL);
  zone = kanri_zone_resolver_new_from_data (zone_text, -1, &error);
  g_assert_no_error (error);
  verifier = kanri_dkim_verifier_new (KANRI_RESOLVER (zone));
  kanri_dkim_verifier_set_time (verifier, json_object_get_int_member (root, "now"));

  cases = json_object_get_array_member (root, "cases");
  printf ("1..1\n");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *test = json_array_get_object_element (cases, i);
      JsonArray *expected = json_object_get_array_member (test, "dkimpy");

      n_signatures += json_array_get_length (expected);
      for (guint j = 0; j < json_array_get_length (expected); j++)
        n_passing += json_array_get_boolean_element (expected, j);
      if (!check_case (verifier, test))
        failed++;
    }

  /* Both outcomes must be well represented, or the comparison says little. */
  printf ("# %u messages, %u signatures, %u passing in dkimpy; %u messages differ\n",
          json_array_get_length (cases), n_signatures, n_passing, failed);
  g_assert_cmpuint (n_passing, >=, n_signatures / 4);
  g_assert_cmpuint (n_passing, <=, 3 * n_signatures / 4);

  printf ("%s 1 Kanri agrees with dkimpy on every signature\n", failed == 0 ? "ok" : "not ok");
  return failed == 0 ? 0 : 1;
}
