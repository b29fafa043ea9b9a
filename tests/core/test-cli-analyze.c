/* test-cli-analyze.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* One byte over the 25 MB (MiB) an input may have: all of it is read, so
 * the writer never meets a closed pipe. */
#define STDIN_TOO_LARGE (25 * 1024 * 1024 + 1)

/* `kanri-cli analyze` and `kanri-cli ndr` run as a user would: output,
 * standard error and exit status. KANRI_CLI_PATH comes from meson. */

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
sample (const char *name)
{
  return g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", name, NULL);
}

static void
run_cli (Run               *run,
         const char        *stdin_text,
         const char *const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer)KANRI_CLI_PATH);
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

static void
test_one_file_json (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = sample ("gateway-no-ef.eml");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;

  run_cli (&run, NULL, (const char *[]) { "analyze", "--json", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  report = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (report, "format"), ==, "eml");
  g_assert_cmpstr (json_object_get_string_member (report, "cip"), ==, "203.0.113.10");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (report, "auth"), "dmarc"), ==, "fail");
  g_assert_cmpint (json_object_get_int_member (report, "scl"), ==, 5);
  g_assert_true (json_object_has_member (report, "ndr"));
  g_assert_true (json_object_get_null_member (report, "ndr"));
}

static JsonObject *
find_address (JsonArray  *addresses,
              const char *ip,
              const char *seen)
{
  for (guint i = 0; i < json_array_get_length (addresses); i++)
    {
      JsonObject *address = json_array_get_object_element (addresses, i);

      if (g_str_equal (json_object_get_string_member (address, "ip"), ip) &&
          g_str_equal (json_object_get_string_member (address, "seen"), seen))
        return address;
    }

  g_error ("%s (%s) is not among the addresses", ip, seen);
}

/* Every address and what it is, as on the Header Analyzer page: the last
 * hop's Exchange Online server, on IPv6, is Microsoft 365's, not public. */
static void
test_addresses_json (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = sample ("enhanced-filtering.eml");
  g_autoptr(JsonNode) root = NULL;
  JsonArray *addresses;
  JsonObject *address;

  run_cli (&run, NULL, (const char *[]) { "analyze", "--json", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  addresses = json_object_get_array_member (json_node_get_object (root), "addresses");

  address = find_address (addresses, "2603:1096:403::1f", "hop-sender");
  g_assert_cmpstr (json_object_get_string_member (address, "class"), ==, "microsoft-365");
  g_assert_cmpstr (json_object_get_string_member (address, "label"), ==, "Microsoft 365 (Exchange Online)");
  g_assert_cmpint (json_object_get_int_member (address, "hop"), ==, 5);

  address = find_address (addresses, "203.0.113.10", "cip");
  g_assert_cmpstr (json_object_get_string_member (address, "class"), ==, "documentation");
  g_assert_true (json_object_get_null_member (address, "hop"));
  address = find_address (addresses, "192.168.10.44", "hop-sender");
  g_assert_cmpstr (json_object_get_string_member (address, "class"), ==, "private");
}

static void
test_several_files_with_a_failure (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *first = sample ("clock-skew.eml");
  g_autofree char *bad = sample ("bad-no-headers.txt");
  g_autofree char *last = sample ("ndr-attached.eml");
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  run_cli (&run, NULL, (const char *[]) { "analyze", "--json", first, bad, last, "/nonexistent.eml", NULL });
  g_assert_cmpint (run.status, ==, 1);

  /* In input order; a failed input keeps its place as an error object. */
  root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (array, 0), "source"),
                            "clock-skew.eml"));
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (array, 1), "source"),
                            "bad-no-headers.txt"));
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (array, 1), "error"),
                            "No message headers found"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (array, 2), "ndr"),
                                                  "status"), ==, "5.4.316");
  g_assert_true (json_object_has_member (json_array_get_object_element (array, 3), "error"));

  g_assert_nonnull (strstr (run.err, "bad-no-headers.txt: No message headers found"));
  g_assert_nonnull (strstr (run.err, "/nonexistent.eml:"));
}

static void
test_stdin_and_text (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) text = { 0 };
  g_autofree char *path = sample ("relay-pool.eml");
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  run_cli (&run, contents, (const char *[]) { "analyze", "--json", "-", NULL });
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "source"), ==, "-");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "cip"), ==, "40.95.12.34");

  run_cli (&text, NULL, (const char *[]) { "analyze", path, path, NULL });
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "[info] relay-pool:"));
  g_assert_nonnull (strstr (text.out, "Hops (oldest first)"));
  g_assert_nonnull (strstr (strstr (text.out, "relay-pool.eml (eml)") + 1, "relay-pool.eml (eml)"));
}

/* Pasted headers piped in, as `xclip -o | kanri-cli analyze -` gives them:
 * a reply's quoting, an indented first line over tab folds, lone CR line
 * ends. Each keeps the anti-spam fields folded below their names and the
 * last field, X-Microsoft-Antispam, which gives the BCL. */
static void
test_stdin_pastes (void)
{
  static const char *const pastes[] = {
    "On Tuesday Hanako wrote:\n"
    "> Received: from gateway.contoso.example (203.0.113.10) by\n"
    ">  TY1PEPF0000B456.mail.protection.outlook.com (10.167.240.9) with Microsoft\n"
    ">  SMTP Server id 15.20.7544.11 via Frontend Transport; Tue, 7 May 2024 01:02:08 +0000\n"
    "> \n"
    "> Subject: Price list\n"
    "> X-Forefront-Antispam-Report:\n"
    ">  CIP:203.0.113.10;CTRY:JP;LANG:en;SCL:6;SRV:;IPV:NLI;\n"
    ">  SFV:SPM;H:gateway.contoso.example;DIR:INB;\n"
    "> X-Microsoft-Antispam: BCL:3;\n"
    ">\n"
    "> Attached is the new price list.\n",

    "\n   \n"
    "        Received: from gateway.contoso.example (203.0.113.10) by\n"
    "    \tTY1PEPF0000B456.mail.protection.outlook.com (10.167.240.9) with Microsoft\n"
    "    \tSMTP Server id 15.20.7544.11 via Frontend Transport; Tue, 7 May 2024 01:02:08 +0000\n"
    "    Subject: Price list\n"
    "    X-Forefront-Antispam-Report:\n"
    "\tCIP:203.0.113.10;CTRY:JP;LANG:en;SCL:6;SRV:;IPV:NLI;\n"
    "\tSFV:SPM;H:gateway.contoso.example;DIR:INB;\n"
    "    X-Microsoft-Antispam: BCL:3;\n",

    "Received: from gateway.contoso.example (203.0.113.10) by\r"
    " TY1PEPF0000B456.mail.protection.outlook.com (10.167.240.9) with Microsoft\r"
    " SMTP Server id 15.20.7544.11 via Frontend Transport; Tue, 7 May 2024 01:02:08 +0000\r"
    "Subject: Price list\r"
    "X-Forefront-Antispam-Report:\r"
    " CIP:203.0.113.10;CTRY:JP;LANG:en;SCL:6;SRV:;IPV:NLI;\r"
    " SFV:SPM;H:gateway.contoso.example;DIR:INB;\r"
    "X-Microsoft-Antispam: BCL:3;\r",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pastes); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(JsonNode) root = NULL;
      JsonObject *report;

      g_test_message ("paste %u", i);
      run_cli (&run, pastes[i], (const char *[]) { "analyze", "--json", "-", NULL });
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);

      root = parse_json (run.out);
      report = json_node_get_object (root);
      g_assert_cmpstr (json_object_get_string_member (report, "format"), ==, "text");
      g_assert_cmpstr (json_object_get_string_member (report, "cip"), ==, "203.0.113.10");
      g_assert_cmpint (json_object_get_int_member (report, "scl"), ==, 6);
      g_assert_cmpstr (json_object_get_string_member (report, "sfv"), ==, "SPM");
      g_assert_cmpint (json_object_get_int_member (report, "bcl"), ==, 3);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (report, "summary"), "subject"),
                       ==, "Price list");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "hops")), ==, 1);
    }
}

/* Quote marks and white space alone are refused with the reason: a quote
 * mark before a colon is no field name. */
static void
test_stdin_empty_paste (void)
{
  g_auto(Run) run = { 0 };

  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  run_cli (&run, "> :\r\n>\r\n> \r\n", (const char *[]) { "analyze", "--json", "-", NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "kanri-cli analyze: -: No message headers found"));

  /* Not null: an object a script can read the reason from. */
  root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "-");
  g_assert_nonnull (strstr (json_object_get_string_member (object, "error"), "No message headers found"));
  g_assert_false (json_object_has_member (object, "hops"));
}

/* Standard input over the limit: the error names the limit, not how much
 * had been read when reading stopped. */
static void
test_stdin_too_large (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *input = g_malloc (STDIN_TOO_LARGE + 1);

  memset (input, 'a', STDIN_TOO_LARGE);
  input[STDIN_TOO_LARGE] = '\0';
  run_cli (&run, input, (const char *[]) { "analyze", "-", NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "kanri-cli analyze: -: Standard input is over the limit of 25 MB"));
  g_assert_null (strstr (run.err, "The input is"));
}

static void
test_usage_errors (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) bogus = { 0 };
  g_auto(Run) ndr = { 0 };

  run_cli (&none, NULL, (const char *[]) { "analyze", NULL });
  g_assert_cmpint (none.status, ==, 2);
  g_assert_cmpstr (none.out, ==, "");

  run_cli (&bogus, NULL, (const char *[]) { "analyze", "--bogus", "x.eml", NULL });
  g_assert_cmpint (bogus.status, ==, 2);

  run_cli (&ndr, NULL, (const char *[]) { "ndr", NULL });
  g_assert_cmpint (ndr.status, ==, 2);
}

static void
test_ndr_command (void)
{
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) unknown = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  run_cli (&text, NULL, (const char *[]) { "ndr", "450", "4.4.316", "Connection refused", "[Message=Socket error code 10061]", NULL });
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "4.4.316 — Connection refused"));
  g_assert_nonnull (strstr (text.out, "SMTP reply code: 450"));
  g_assert_nonnull (strstr (text.out, "Likely cause:"));
  g_assert_nonnull (strstr (text.out, "What to do:"));

  run_cli (&json, NULL, (const char *[]) { "ndr", "--json", "550 5.7.620 Access denied", NULL });
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "smtp_code"), ==, 550);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "5.7.620");
  g_assert_cmpstr (json_object_get_string_member (object, "range"), ==, "5.7.606–5.7.649");
  g_assert_true (json_object_get_boolean_member (object, "known"));
  g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, "Access denied");

  run_cli (&unknown, NULL, (const char *[]) { "ndr", "the mail bounced", NULL });
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "No enhanced status code"));
}

/* A folder of messages: one row per message, in input order; a message
 * given twice counted once; what is not a message listed with why. */
static void
test_batch (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kanri-cli-batch-XXXXXX", NULL);
  g_autofree char *maildir = g_build_filename (dir, "Maildir", "cur", NULL);
  g_autofree char *mbox_path = g_build_filename (dir, "a.mbox", NULL);
  g_autofree char *relay = sample ("relay-pool.eml");
  g_autofree char *internal = sample ("internal.eml");
  g_autofree char *relay_copy = g_build_filename (maildir, "1.eml", NULL);
  g_autofree char *junk_path = g_build_filename (maildir, "2.txt", NULL);
  g_autofree char *internal_text = NULL;
  g_autofree char *relay_text = NULL;
  g_autofree char *mbox = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) csv = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) both = { 0 };
  g_auto(Run) csv_alone = { 0 };

  g_assert_true (g_file_get_contents (internal, &internal_text, NULL, NULL));
  g_assert_true (g_file_get_contents (relay, &relay_text, NULL, NULL));
  mbox = g_strconcat ("From a@example.com Mon Dec  7 10:00:00 2026\n", internal_text, "\n",
                      "From b@example.com Mon Dec  7 10:00:00 2026\n", relay_text, "\n", NULL);
  g_assert_true (g_file_set_contents (mbox_path, mbox, -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (maildir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (relay_copy, relay_text, -1, NULL));
  g_assert_true (g_file_set_contents (junk_path, "\x01\x02\x03", -1, NULL));

  run_cli (&csv, NULL, (const char *[]) { "analyze", "--batch", mbox_path, dir, NULL });
  /* The message that is none is listed, and the status says one failed. */
  g_assert_cmpint (csv.status, ==, 1);
  /* Rows end with CRLF, as RFC 4180 and Excel have them. */
  lines = g_strsplit (csv.out, "\r\n", -1);
  /* A header, the mbox's two, then the folder: 1.eml (the relay-pool
   * message again), 2.txt, and a.mbox again (two duplicates). */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 2 + 2 + 2 + 1);
  g_assert_true (g_str_has_prefix (lines[0], "\xEF\xBB\xBFsource,offset,number,date,from,"));
  g_assert_nonnull (strstr (lines[1], ",Lunch?,"));
  g_assert_nonnull (strstr (lines[2], ",Weekly update,"));
  g_assert_nonnull (strstr (lines[2], ",relay-pool,"));
  /* Its direction and findings, as the analyzer gives them. */
  g_assert_true (g_str_has_suffix (lines[2], ",NSPM,INB,spf-fail relay-pool,false,"));
  g_assert_true (g_str_has_suffix (lines[3], ",true,"));
  g_assert_nonnull (strstr (lines[4], "2.txt"));
  g_assert_false (g_str_has_suffix (lines[4], ",false,"));
  g_assert_cmpstr (lines[7], ==, "");
  g_assert_nonnull (strstr (csv.err, "6 messages from 4 files (3 duplicates, 1 not analyzed)"));

  run_cli (&json, NULL, (const char *[]) { "analyze", "--batch", "--json", mbox_path, NULL });
  g_assert_cmpint (json.status, ==, 0);
  {
    g_auto(GStrv) rows = g_strsplit (json.out, "\n", -1);
    g_autoptr(JsonNode) first = NULL;
    JsonObject *object;

    g_assert_cmpuint (g_strv_length (rows), ==, 3);
    first = parse_json (rows[1]);
    object = json_node_get_object (first);
    g_assert_cmpstr (json_object_get_string_member (object, "subject"), ==, "Weekly update");
    g_assert_cmpint (json_object_get_int_member (object, "number"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (object, "offset"), >, 0);
    g_assert_false (json_object_get_boolean_member (object, "duplicate"));
    g_assert_true (json_object_get_null_member (object, "error"));
  }

  run_cli (&both, NULL, (const char *[]) { "analyze", "--batch", "--csv", "--json", mbox_path, NULL });
  g_assert_cmpint (both.status, ==, 2);
  run_cli (&csv_alone, NULL, (const char *[]) { "analyze", "--csv", mbox_path, NULL });
  g_assert_cmpint (csv_alone.status, ==, 2);
  g_assert_nonnull (strstr (csv_alone.err, "--batch"));

  g_remove (junk_path);
  g_remove (relay_copy);
  g_rmdir (maildir);
  {
    g_autofree char *maildir_top = g_path_get_dirname (maildir);

    g_rmdir (maildir_top);
  }
  g_remove (mbox_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/analyze/one-file-json", test_one_file_json);
  g_test_add_func ("/cli/analyze/addresses-json", test_addresses_json);
  g_test_add_func ("/cli/analyze/several-with-failure", test_several_files_with_a_failure);
  g_test_add_func ("/cli/analyze/stdin-and-text", test_stdin_and_text);
  g_test_add_func ("/cli/analyze/stdin-pastes", test_stdin_pastes);
  g_test_add_func ("/cli/analyze/stdin-empty-paste", test_stdin_empty_paste);
  g_test_add_func ("/cli/analyze/stdin-too-large", test_stdin_too_large);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/ndr", test_ndr_command);
  g_test_add_func ("/cli/analyze/batch", test_batch);

  return g_test_run ();
}
