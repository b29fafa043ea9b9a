/* test-cli-dns.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* `kanri-cli spf` and `kanri-cli dmarc` run as a user runs them, on the zone
 * files of tests/data/zones, and on real DNS that cannot be reached. */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
zone_path (const char *name)
{
  return g_build_filename (g_getenv ("KANRI_TEST_DATA"), "zones", name, NULL);
}

static void
run_launched (Run                 *run,
              GSubprocessLauncher *launcher,
              const char * const  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KANRI_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static GSubprocessLauncher *
new_launcher (void)
{
  return g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
}

static void
run_cli (Run                *run,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher ();

  run_launched (run, launcher, args);
}

/* Real DNS (no --zone) that cannot be reached, without a network and
 * without waiting: glibc's resolver, which GLib's uses, makes no attempt at
 * all with "attempts:0" (resolv.conf(5)), as when no server can be reached. */
static void
run_cli_offline (Run                *run,
                 const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher ();

  g_subprocess_launcher_setenv (launcher, "RES_OPTIONS", "attempts:0", TRUE);
  run_launched (run, launcher, args);
}

static JsonObject *
parse_json (JsonParser *parser,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_spf_text (void)
{
  g_autofree char *zone = zone_path ("contoso.json");
  const char *args[] = { "spf", "--zone", zone, "--sender", "bob@contoso.example",
                         "--helo", "relay.contoso.example", "198.51.100.20", "contoso.example", NULL };
  g_auto(Run) run = { 0 };

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "SPF result for 198.51.100.20 at contoso.example: pass"));
  g_assert_nonnull (strstr (run.out, "DNS lookups: 3 of 10; void lookups: 0 of 2"));
  g_assert_nonnull (strstr (run.out, "a:relay.contoso.example  [DNS lookup 3 of 10] Match: pass"));
  g_assert_nonnull (strstr (run.out, "Sender: bob@contoso.example, HELO: relay.contoso.example"));
}

static void
test_spf_json (void)
{
  g_autofree char *zone = zone_path ("contoso.json");
  const char *args[] = { "spf", "--zone", zone, "--json", "203.0.113.50", "contoso.example", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *object;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  object = parse_json (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (object, "result"), ==, "fail");
  g_assert_cmpint (json_object_get_int_member (object, "lookups"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "explanation"), ==,
                   "203.0.113.50 is not one of contoso.example's mail servers");
  g_assert_true (json_object_has_member (object, "trace"));
}

static void
test_spf_temperror (void)
{
  g_autofree char *zone = zone_path ("contoso.json");
  const char *args[] = { "spf", "--zone", zone, "192.0.2.1", "slow.contoso.example", NULL };
  g_auto(Run) run = { 0 };

  /* temperror is a result: the check completed. */
  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, ": temperror"));
  g_assert_nonnull (strstr (run.out, "timed out"));
}

static void
test_spf_offline (void)
{
  const char *text[] = { "spf", "192.0.2.1", "contoso.example", NULL };
  const char *json[] = { "spf", "--json", "192.0.2.1", "contoso.example", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run1 = { 0 };
  g_auto(Run) run2 = { 0 };
  JsonObject *object;
  JsonObject *lookup;

  /* Not "none": the domain's record could not be asked for. */
  run_cli_offline (&run1, text);
  g_assert_cmpint (run1.status, ==, 0);
  g_assert_nonnull (strstr (run1.out, "SPF result for 192.0.2.1 at contoso.example: temperror\n"));
  g_assert_nonnull (strstr (run1.out, "Reason: DNS could not be reached: the TXT query for "
                                      "contoso.example failed ("));
  g_assert_nonnull (strstr (run1.out, "TXT contoso.example ⇒ DNS could not be reached: "));

  run_cli_offline (&run2, json);
  g_assert_cmpint (run2.status, ==, 0);
  object = parse_json (parser, run2.out);
  g_assert_cmpstr (json_object_get_string_member (object, "result"), ==, "temperror");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "reason"),
                                   "DNS could not be reached: "));
  g_assert_cmpint (json_object_get_int_member (object, "void_lookups"), ==, 0);
  lookup = json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (object, "trace"),
                                                                        "children"), 0);
  g_assert_cmpstr (json_object_get_string_member (lookup, "subject"), ==, "TXT contoso.example");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (lookup, "detail"),
                                   "DNS could not be reached: "));
}

/* A zone written as real JSON carries a NUL octet to SPF, which refuses
 * the record (RFC 7208 §12; the suite's a-null and mx-null). */
static void
test_spf_nul (void)
{
  g_autofree char *zone = zone_path ("nul.json");
  const char *domains[] = { "a-null.example.com", "mx-null.example.com" };

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      const char *args[] = { "spf", "--zone", zone, "--json", "192.0.2.5", domains[i], NULL };
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_auto(Run) run = { 0 };
      JsonObject *object;

      run_cli (&run, args);
      g_assert_cmpint (run.status, ==, 0);
      object = parse_json (parser, run.out);
      g_assert_cmpstr (json_object_get_string_member (object, "result"), ==, "permerror");
      g_assert_nonnull (strstr (json_object_get_string_member (object, "reason"),
                                "foo.example.com\\0”: byte 0x00 is not allowed"));
      g_assert_cmpint (json_object_get_int_member (object, "lookups"), ==, 0);
    }
}

static void
test_spf_usage (void)
{
  g_autofree char *zone = zone_path ("contoso.json");
  const char *missing[] = { "spf", "--zone", zone, "192.0.2.1", NULL };
  const char *bad_ip[] = { "spf", "--zone", zone, "192.0.2.300", "contoso.example", NULL };
  const char *bad_option[] = { "spf", "--frobnicate", "192.0.2.1", "contoso.example", NULL };
  g_auto(Run) run1 = { 0 };
  g_auto(Run) run2 = { 0 };
  g_auto(Run) run3 = { 0 };

  run_cli (&run1, missing);
  g_assert_cmpint (run1.status, ==, 2);
  g_assert_nonnull (strstr (run1.err, "give an IP address and a domain"));
  run_cli (&run2, bad_ip);
  g_assert_cmpint (run2.status, ==, 2);
  g_assert_nonnull (strstr (run2.err, "“192.0.2.300” is not an IP address"));
  run_cli (&run3, bad_option);
  g_assert_cmpint (run3.status, ==, 2);
}

static void
test_bad_zone_files (void)
{
  g_autofree char *json = zone_path ("bad-json.json");
  g_autofree char *record = zone_path ("bad-record.json");
  const char *bad_json[] = { "spf", "--zone", json, "192.0.2.1", "example.com", NULL };
  const char *bad_record[] = { "dmarc", "--zone", record, "example.com", NULL };
  const char *missing[] = { "spf", "--zone", "/nonexistent.json", "192.0.2.1", "example.com", NULL };
  g_auto(Run) run1 = { 0 };
  g_auto(Run) run2 = { 0 };
  g_auto(Run) run3 = { 0 };

  run_cli (&run1, bad_json);
  g_assert_cmpint (run1.status, ==, 1);
  g_assert_nonnull (strstr (run1.err, "bad-json.json: The zone is not valid JSON, at line:column 3:27: Parse error"));
  run_cli (&run2, bad_record);
  g_assert_cmpint (run2.status, ==, 1);
  g_assert_nonnull (strstr (run2.err, "record 4: the A value “2001:db8::1” is not an IPv4 address"));
  run_cli (&run3, missing);
  g_assert_cmpint (run3.status, ==, 1);
  g_assert_nonnull (strstr (run3.err, "/nonexistent.json"));
}

static void
test_dmarc_text (void)
{
  g_autofree char *zone = zone_path ("contoso.json");
  const char *args[] = { "dmarc", "--zone", zone, "--spf-domain", "bounce.contoso.example",
                         "--dkim-domain", "mail.contoso.example", "contoso.example", NULL };
  g_auto(Run) run = { 0 };

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Policy for contoso.example: reject (p=reject, sp=quarantine, pct=50)"));
  g_assert_nonnull (strstr (run.out, "SPF domain bounce.contoso.example: aligned (relaxed)"));
  g_assert_nonnull (strstr (run.out, "DKIM domain mail.contoso.example: not aligned (strict)"));
  g_assert_nonnull (strstr (run.out, "DMARC: pass"));
  g_assert_nonnull (strstr (run.out, "Warning: Unknown tag “foo” is ignored"));
}

static void
test_dmarc_json (void)
{
  g_autofree char *zone = zone_path ("contoso.json");
  const char *args[] = { "dmarc", "--zone", zone, "--json", "mail.fabrikam.example.co.uk", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *object;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  object = parse_json (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (object, "organizational_domain"), ==, "example.co.uk");
  g_assert_true (json_object_get_boolean_member (object, "from_organizational_domain"));
  g_assert_cmpstr (json_object_get_string_member (object, "policy"), ==, "none");
  g_assert_true (json_object_get_null_member (object, "dmarc"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "lookups")), ==, 2);
}

static void
test_dmarc_failures (void)
{
  g_autofree char *zone = zone_path ("contoso.json");
  const char *slow[] = { "dmarc", "--zone", zone, "slow.example", NULL };
  const char *invalid[] = { "dmarc", "--zone", zone, "a..example", NULL };
  g_auto(Run) run1 = { 0 };
  g_auto(Run) run2 = { 0 };

  /* A DNS failure means no policy could be found: not evaluated. */
  run_cli (&run1, slow);
  g_assert_cmpint (run1.status, ==, 1);
  g_assert_nonnull (strstr (run1.out, "timed out"));
  run_cli (&run2, invalid);
  g_assert_cmpint (run2.status, ==, 2);
  g_assert_nonnull (strstr (run2.err, "is not a valid domain name"));
}

static void
test_dmarc_offline (void)
{
  const char *text[] = { "dmarc", "contoso.example", NULL };
  const char *json[] = { "dmarc", "--json", "contoso.example", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run1 = { 0 };
  g_auto(Run) run2 = { 0 };
  JsonObject *object;

  /* Not "no-record": no policy could be looked up, so not evaluated. */
  run_cli_offline (&run1, text);
  g_assert_cmpint (run1.status, ==, 1);
  g_assert_nonnull (strstr (run1.out, "(organizational domain contoso.example): temperror\n"));
  g_assert_nonnull (strstr (run1.out, "Reason: DNS could not be reached: the TXT query for "
                                      "_dmarc.contoso.example failed ("));

  run_cli_offline (&run2, json);
  g_assert_cmpint (run2.status, ==, 1);
  object = parse_json (parser, run2.out);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "temperror");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "reason"),
                                   "DNS could not be reached: "));
}

static void
test_help (void)
{
  const char *spf[] = { "spf", "--help", NULL };
  const char *dmarc[] = { "dmarc", "--help", NULL };
  const char *usage[] = { "--help", NULL };
  g_auto(Run) run1 = { 0 };
  g_auto(Run) run2 = { 0 };
  g_auto(Run) run3 = { 0 };

  run_cli (&run1, spf);
  g_assert_cmpint (run1.status, ==, 0);
  g_assert_nonnull (strstr (run1.out, "--sender"));
  g_assert_nonnull (strstr (run1.out, "Exit status"));
  run_cli (&run2, dmarc);
  g_assert_nonnull (strstr (run2.out, "--dkim-domain"));
  run_cli (&run3, usage);
  g_assert_nonnull (strstr (run3.out, "spf"));
  g_assert_nonnull (strstr (run3.out, "dmarc"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/spf/text", test_spf_text);
  g_test_add_func ("/cli/spf/json", test_spf_json);
  g_test_add_func ("/cli/spf/temperror", test_spf_temperror);
  g_test_add_func ("/cli/spf/offline", test_spf_offline);
  g_test_add_func ("/cli/spf/nul", test_spf_nul);
  g_test_add_func ("/cli/spf/usage", test_spf_usage);
  g_test_add_func ("/cli/bad-zone-files", test_bad_zone_files);
  g_test_add_func ("/cli/dmarc/text", test_dmarc_text);
  g_test_add_func ("/cli/dmarc/json", test_dmarc_json);
  g_test_add_func ("/cli/dmarc/failures", test_dmarc_failures);
  g_test_add_func ("/cli/dmarc/offline", test_dmarc_offline);
  g_test_add_func ("/cli/help", test_help);

  return g_test_run ();
}
