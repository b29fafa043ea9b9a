/* test-dkim-corpus.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "kanri-arc.h"
#include "kanri-dkim-verify.h"
#include "kanri-zone-resolver.h"

/* The corpus of tests/data/dkim, made by generate-corpus.py with dkimpy and
 * OpenDKIM: each message with the verdict expected of every signature and
 * of its ARC chain, at the verification time the case names. One test per
 * message, so that a failure names it. */

typedef struct
{
  JsonObject *expected;
  char       *directory;
} Case;

static KanriResolver *corpus_zone;

static void
case_free (gpointer data)
{
  Case *test_case = data;

  json_object_unref (test_case->expected);
  g_free (test_case->directory);
  g_free (test_case);
}

static const char *
member_or_null (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node) : NULL;
}

static const char *
body_hash_name (KanriDkimBodyHash body_hash)
{
  switch (body_hash)
    {
    case KANRI_DKIM_BODY_HASH_MATCH:
      return "match";
    case KANRI_DKIM_BODY_HASH_MISMATCH:
      return "mismatch";
    case KANRI_DKIM_BODY_HASH_UNCHECKED:
    default:
      return "unchecked";
    }
}

static void
check_verdict (const KanriDkimVerdict *verdict,
               JsonObject             *expected)
{
  g_assert_cmpstr (verdict->domain, ==, member_or_null (expected, "domain"));
  g_assert_cmpstr (verdict->selector, ==, member_or_null (expected, "selector"));
  g_assert_cmpstr (verdict->algorithm, ==, member_or_null (expected, "algorithm"));
  g_assert_cmpstr (kanri_dkim_result_to_string (verdict->result), ==,
                   json_object_get_string_member (expected, "result"));
  g_assert_cmpstr (kanri_dkim_reason_to_string (verdict->reason), ==, member_or_null (expected, "reason"));
  g_assert_cmpstr (body_hash_name (verdict->body_hash), ==, json_object_get_string_member (expected, "body_hash"));
  g_assert_cmpint (verdict->headers_changed, ==, json_object_get_boolean_member (expected, "headers_changed"));
  g_assert_cmpuint (verdict->appended, ==, json_object_get_int_member (expected, "appended"));
  g_assert_cmpint (verdict->testing, ==, json_object_get_boolean_member (expected, "testing"));
}

static void
check_arc (KanriDkimVerifier *verifier,
           KanriDkimMessage  *message,
           JsonObject        *expected)
{
  g_autoptr(KanriArcVerdict) arc = kanri_arc_validate (verifier, message, NULL);

  g_assert_cmpstr (kanri_arc_result_to_string (arc->result), ==, json_object_get_string_member (expected, "result"));
  g_assert_cmpuint (arc->failed_instance, ==, json_object_get_int_member (expected, "failed_instance"));
  g_assert_cmpuint (arc->sets->len, ==, json_object_get_int_member (expected, "sets"));
}

static void
test_message (gconstpointer data)
{
  const Case *test_case = data;
  const char *file = json_object_get_string_member (test_case->expected, "file");
  g_autofree char *path = g_build_filename (test_case->directory, "messages", file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriDkimMessage) message = NULL;
  g_autoptr(KanriDkimVerifier) verifier = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  JsonArray *expected;
  JsonNode *arc;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  message = kanri_dkim_message_new (contents, length, &error);
  g_assert_no_error (error);

  if (g_str_equal (json_object_get_string_member (test_case->expected, "status"), "body-needed"))
    {
      g_assert_false (kanri_dkim_message_has_body (message));
      return;
    }

  g_assert_true (kanri_dkim_message_has_body (message));
  verifier = kanri_dkim_verifier_new (corpus_zone);
  kanri_dkim_verifier_set_time (verifier, json_object_get_int_member (test_case->expected, "now"));
  verdicts = kanri_dkim_verifier_verify (verifier, message, NULL, NULL);

  expected = json_object_get_array_member (test_case->expected, "signatures");
  g_assert_cmpuint (verdicts->len, ==, json_array_get_length (expected));
  for (guint i = 0; i < verdicts->len; i++)
    check_verdict (g_ptr_array_index (verdicts, i), json_array_get_object_element (expected, i));

  arc = json_object_get_member (test_case->expected, "arc");
  if (!JSON_NODE_HOLDS_NULL (arc))
    check_arc (verifier, message, json_node_get_object (arc));
  else
    {
      g_autoptr(KanriArcVerdict) none = kanri_arc_validate (verifier, message, NULL);

      g_assert_cmpint (none->result, ==, KANRI_ARC_RESULT_NONE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *directory = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "dkim", NULL);
  g_autofree char *expected_path = g_build_filename (directory, "expected.json", NULL);
  g_autofree char *zone_path = g_build_filename (directory, "zone.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (case_free);
  g_autoptr(GError) error = NULL;
  JsonArray *list;
  int status;

  g_test_init (&argc, &argv, NULL);

  corpus_zone = KANRI_RESOLVER (kanri_zone_resolver_new_from_file (zone_path, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, expected_path, &error));

  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      Case *test_case = g_new0 (Case, 1);
      JsonObject *object = json_array_get_object_element (list, i);
      g_autofree char *name = NULL;

      test_case->expected = json_object_ref (object);
      test_case->directory = g_strdup (directory);
      g_ptr_array_add (cases, test_case);
      name = g_strdup_printf ("/dkim-corpus/%s", json_object_get_string_member (object, "file"));
      g_test_add_data_func (name, test_case, test_message);
    }

  status = g_test_run ();
  g_clear_object (&corpus_zone);
  return status;
}
