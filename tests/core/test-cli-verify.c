/* test-cli-verify.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* `kanri-cli verify` run as a user would, on the corpus of tests/data/dkim
 * with its zone (never the network): output, exit statuses and --at.
 * KANRI_CLI_PATH comes from meson. */

#define CORPUS_NOW "1700003600"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
corpus (const char *name)
{
  return g_build_filename (g_getenv ("KANRI_TEST_DATA"), "dkim", "messages", name, NULL);
}

static char *
zone (void)
{
  return g_build_filename (g_getenv ("KANRI_TEST_DATA"), "dkim", "zone.json", NULL);
}

/* Runs `kanri-cli verify --zone <corpus zone> ARGS…`. */
static void
run_verify (Run               *run,
            const char        *stdin_text,
            const char *const *args)
{
  g_autofree char *zone_path = zone ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer)KANRI_CLI_PATH);
  g_ptr_array_add (argv, (gpointer)"verify");
  g_ptr_array_add (argv, (gpointer)"--zone");
  g_ptr_array_add (argv, zone_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
first_signature (JsonObject *file)
{
  JsonObject *signatures = json_object_get_object_member (file, "signatures");

  return json_array_get_object_element (json_object_get_array_member (signatures, "dkim"), 0);
}

static void
test_pass_text (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = corpus ("ed25519.eml");

  run_verify (&run, NULL, (const char *[]) { "--at", CORPUS_NOW, path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_suffix (strstr (run.out, "ed25519.eml"), "ed25519.eml: verifies\n"
                                   "  Signature 1: d=example.com s=sed a=ed25519-sha256: pass\n"
                                   "    The signature verifies: the signed header fields and the body are as they were signed.\n"
                                   "  ARC: none (no ARC sets)\n"));
}

/* The banner case, with the server's dkim=pass on top: exit 1 and the
 * findings that say the body changed after arrival. */
static void
test_fail_json_with_findings (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = corpus ("body-banner.eml");
  g_autofree char *contents = NULL;
  g_autofree char *input = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *file;
  JsonArray *findings;
  gboolean body_modified = FALSE;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  input = g_strconcat ("Authentication-Results: spf=pass (sender IP is 192.0.2.25)\r\n"
                       " smtp.mailfrom=example.com; dkim=pass (signature was verified)\r\n"
                       " header.d=example.com;dmarc=pass action=none header.from=example.com\r\n",
                       contents, NULL);

  run_verify (&run, input, (const char *[]) { "--json", "--at", CORPUS_NOW, "-", NULL });
  g_assert_cmpint (run.status, ==, 1);

  root = parse_json (run.out);
  file = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (file, "source"), ==, "-");
  g_assert_false (json_object_get_boolean_member (file, "passes"));
  g_assert_cmpstr (json_object_get_string_member (first_signature (file), "reason"), ==, "body hash mismatch");

  findings = json_object_get_array_member (file, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "id"), "dkim-body-modified"))
        body_modified = strstr (json_object_get_string_member (finding, "message"),
                                "after the receiving server verified") != NULL;
    }
  g_assert_true (body_modified);
}

/* In input order, a failed input as null; the largest status wins. */
static void
test_several_files (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *pass = corpus ("rsa1024.eml");
  g_autofree char *fail = corpus ("subject-changed.eml");
  g_autofree char *headers = corpus ("headers-only.eml");
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  run_verify (&run, NULL, (const char *[]) { "--json", "--at", CORPUS_NOW, pass, fail, headers,
                                             "/nonexistent.eml", NULL });
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "kanri-cli verify: /nonexistent.eml: "));

  root = parse_json (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0), "passes"));
  g_assert_cmpstr (json_object_get_string_member (first_signature (json_array_get_object_element (array, 1)), "result"),
                   ==, "fail");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (array, 2),
                                                                                 "signatures"), "status"),
                   ==, "body-needed");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (array, 3)));
}

static void
test_exit_statuses (void)
{
  const struct {
    const char *file;
    int         status;
  } cases[] = {
    { "rsa2048-simple-relaxed.eml", 0 },
    { "two-signatures.eml", 0 },
    { "arc-two.eml", 0 },
    { "unsigned.eml", 1 },
    { "revoked.eml", 1 },
    { "rsa-sha1.eml", 1 },
    { "arc-seal-tampered.eml", 1 },
    { "key-timeout.eml", 3 },
    { "headers-only.eml", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *path = corpus (cases[i].file);

      run_verify (&run, NULL, (const char *[]) { "--at", CORPUS_NOW, path, NULL });
      g_test_message ("%s", cases[i].file);
      g_assert_cmpint (run.status, ==, cases[i].status);
    }
}

/* x= is judged at --at: the signature that passes five minutes after signing
 * has expired an hour later. */
static void
test_at (void)
{
  g_auto(Run) then = { 0 };
  g_auto(Run) later = { 0 };
  g_autofree char *path = corpus ("not-yet-expired.eml");

  run_verify (&then, NULL, (const char *[]) { "--at", "2023-11-14T22:18:20Z", path, NULL });
  g_assert_cmpint (then.status, ==, 0);

  run_verify (&later, NULL, (const char *[]) { "--at", "2023-11-14T23:13:20+00:00", path, NULL });
  g_assert_cmpint (later.status, ==, 1);
  g_assert_nonnull (strstr (later.out, ": fail (expired)\n"));
}

static void
test_usage (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) bad_time = { 0 };
  g_auto(Run) help = { 0 };
  g_autofree char *path = corpus ("ed25519.eml");

  run_verify (&none, NULL, (const char *[]) { "--json", NULL });
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "name at least one file"));

  run_verify (&bad_time, NULL, (const char *[]) { "--at", "yesterday", path, NULL });
  g_assert_cmpint (bad_time.status, ==, 2);
  g_assert_nonnull (strstr (bad_time.err, "“yesterday”"));

  /* The exit statuses are documented where a user looks. */
  run_verify (&help, NULL, (const char *[]) { "--help", NULL });
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "Exit status"));
  g_assert_nonnull (strstr (help.out, "  3  a message could not be verified"));
}

static void
test_bad_zone (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *path = corpus ("ed25519.eml");
  g_autofree char *err = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              KANRI_CLI_PATH, "verify", "--zone", "/nonexistent.json", path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 3);
  g_assert_true (g_str_has_prefix (err, "kanri-cli verify: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-verify/pass-text", test_pass_text);
  g_test_add_func ("/cli-verify/fail-json-findings", test_fail_json_with_findings);
  g_test_add_func ("/cli-verify/several-files", test_several_files);
  g_test_add_func ("/cli-verify/exit-statuses", test_exit_statuses);
  g_test_add_func ("/cli-verify/at", test_at);
  g_test_add_func ("/cli-verify/usage", test_usage);
  g_test_add_func ("/cli-verify/bad-zone", test_bad_zone);

  return g_test_run ();
}
