/* test-cli-invoke.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kanri-emulator.h"

/* `kanri-cli invoke`, run as a user runs it. */

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

static void
on_communicated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Runs kanri-cli while this thread's main context keeps turning (an
 * emulator of the test's own may be answering it), with @token and
 * @anchor (when not %NULL) in KANRI_ACCESS_TOKEN and KANRI_ANCHOR_MAILBOX. */
static void
cli_with_anchor (Run               *run,
                 const char        *token,
                 const char        *anchor,
                 const char *const *args)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "src", "cli", "kanri-cli", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, (gpointer)"invoke");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  /* GLib gives a test its folders without putting them in the
   * environment: pass them on. */
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);

  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "KANRI_ACCESS_TOKEN", token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "KANRI_ACCESS_TOKEN");
  if (anchor != NULL)
    g_subprocess_launcher_setenv (launcher, "KANRI_ANCHOR_MAILBOX", anchor, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "KANRI_ANCHOR_MAILBOX");

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *)argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error));
  g_assert_no_error (error);
  g_object_unref (result);

  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d; stderr: %s", run->status, run->err);
}

static void
cli (Run               *run,
     const char        *token,
     const char *const *args)
{
  cli_with_anchor (run, token, NULL, args);
}

static JsonArray *
parse_array (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static void
test_demo_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonArray) values = NULL;
  g_autofree char *state = g_build_filename (g_get_user_data_dir (), "kanri", "demo-tenant.db", NULL);

  cli (&run, NULL, (const char *[]) { "--demo", "Get-Mailbox", "-ResultSize", "3", "--json", NULL });
  g_assert_cmpint (run.status, ==, 0);
  values = parse_array (run.out);
  g_assert_cmpuint (json_array_get_length (values), ==, 3);
  g_assert_false (json_object_has_member (json_array_get_object_element (values, 0), "AuditAdmin@odata.type"));
  g_assert_true (json_object_has_member (json_array_get_object_element (values, 0), "DefaultAuditSet"));

  /* The demo tenant lives in the data folder. */
  g_assert_true (g_file_test (state, G_FILE_TEST_IS_REGULAR));
}

static void
test_demo_persists (void)
{
  g_auto(Run) set = { 0 };
  g_auto(Run) get = { 0 };
  g_auto(Run) again = { 0 };

  cli (&set, NULL, (const char *[]) { "--demo", "Set-TransportConfig", "-MessageExpiration", "0.12:00:00", NULL });
  g_assert_cmpint (set.status, ==, 0);
  g_assert_cmpstr (set.err, ==, "");

  /* Another run, another emulator, the same tenant. */
  cli (&get, NULL, (const char *[]) { "Get-TransportConfig", NULL });
  g_assert_cmpint (get.status, ==, 0);
  g_assert_nonnull (strstr (get.out, "MessageExpiration"));
  g_assert_nonnull (strstr (get.out, ": 0.12:00:00\n"));

  /* Setting what is already set: the service's warning on stderr. */
  cli (&again, NULL, (const char *[]) { "Set-TransportConfig", "-MessageExpiration", "\"0.12:00:00\"", NULL });
  g_assert_cmpint (again.status, ==, 0);
  g_assert_true (g_str_has_prefix (again.err, "WARNING: The command completed successfully but no settings"));
}

static void
test_demo_list (void)
{
  g_auto(Run) run = { 0 };

  cli (&run, NULL, (const char *[]) { "Get-Mailbox", "-Identity", "\"Doe, John\"", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "DisplayName "));
  g_assert_nonnull (strstr (run.out, ": Doe, John\n"));
  g_assert_nonnull (strstr (run.out, "DefaultAuditSet"));
  g_assert_nonnull (strstr (run.out, ": {Admin, Delegate, Owner}\n"));
}

static void
test_errors (void)
{
  static const struct { const char *args[8]; int status; const char *text; } cases[] = {
    { { "Get-Mailbox", "-Identity", "nobody@contoso.com", NULL }, 1, "couldn't be found" },
    { { "Set-Mailbox", "-Identity", "taro.yamada", "-AuditOwner", "@{Add=\"MessageBind\"}", NULL }, 1,
      "The MessageBind audit operation type is deprecated" },
    { { "Get-Mailbox", "-Identity", "$null", NULL }, 1, "-Identity cannot be $null" },
    { { "Get-Mailbox", "-Identity", "$(whoami)", NULL }, 1, "Only literal values" },
    { { "Mailbox", NULL }, 1, "not a cmdlet name" },
    { { "--endpoint", "http://outlook.office365.com/adminapi/beta/t/InvokeCommand", "Get-Mailbox", NULL }, 1,
      "KANRI_ACCESS_TOKEN" },
    { { "--bogus", "Get-Mailbox", NULL }, 2, "unknown option" },
    { { "--demo", NULL }, 2, "Usage:" },
    { { "--demo", "--tenant", "x", "Get-Mailbox", NULL }, 2, "Usage:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      g_test_message ("%s", cases[i].text);
      cli (&run, NULL, cases[i].args);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (run.err, cases[i].text));
      g_assert_cmpstr (run.out, ==, "");
    }
}

static void
test_insecure_endpoint (void)
{
  g_auto(Run) run = { 0 };

  cli (&run, "token", (const char *[]) { "--endpoint", "http://outlook.office365.com/x", "Get-Mailbox", NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "https://"));
}

static void
test_endpoint (void)
{
  g_autoptr(KanriEmulator) emulator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) refused = { 0 };
  g_autoptr(JsonArray) values = NULL;

  emulator = kanri_emulator_new_demo (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_start (emulator, 0, &error));
  url = kanri_emulator_dup_invoke_url (emulator);

  cli (&run, kanri_emulator_get_access_token (emulator),
       (const char *[]) { "--endpoint", url, "--json", "Get-InboundConnector", NULL });
  g_assert_cmpint (run.status, ==, 0);
  values = parse_array (run.out);
  g_assert_cmpuint (json_array_get_length (values), ==, 2);

  cli_with_anchor (&refused, "wrong-token", "UPN:admin@contoso.com",
                   (const char *[]) { "--endpoint", url, "Get-InboundConnector", NULL });
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "refused the access token"));

  kanri_emulator_stop (emulator);
}

/* --endpoint routes on the token's UPN unless KANRI_ANCHOR_MAILBOX says
 * otherwise; the emulator refuses a request whose anchor is not of its
 * tenant, and the client one that is no anchor at all. */
static void
test_endpoint_anchor (void)
{
  static const struct { const char *token; const char *anchor; int status; const char *text; } cases[] = {
    { NULL, NULL, 0, "\"DomainName\" : \"contoso.co.jp\"" },
    { NULL, "UPN:hanako@contoso.co.jp", 0, "\"DomainName\" : \"contoso.co.jp\"" },
    { NULL, "UPN:admin@fabrikam.example", 1, "The x-anchor mailbox 'UPN:admin@fabrikam.example' does not match" },
    { NULL, "admin@contoso.com", 1, "“admin@contoso.com” is not an anchor mailbox" },
    /* A token that is no JWT names nobody to route to. */
    { "opaque-token", NULL, 1, "set KANRI_ANCHOR_MAILBOX" },
  };
  g_autoptr(KanriEmulator) emulator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GPtrArray *requests;

  emulator = kanri_emulator_new_demo (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_start (emulator, 0, &error));
  url = kanri_emulator_dup_invoke_url (emulator);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char *token = cases[i].token ? cases[i].token : kanri_emulator_get_access_token (emulator);

      g_test_message ("%s", cases[i].anchor ? cases[i].anchor : "(derived)");
      cli_with_anchor (&run, token, cases[i].anchor,
                       (const char *[]) { "--endpoint", url, "--json", "Get-AcceptedDomain", NULL });
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (cases[i].status == 0 ? run.out : run.err, cases[i].text));
    }

  /* The emulator saw the two routed requests and the foreign anchor; what
   * the client refused was never sent. */
  requests = kanri_emulator_get_requests (emulator);
  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_cmpuint (((KanriEmulatorRequest *)g_ptr_array_index (requests, 0))->status, ==, 200);
  g_assert_cmpuint (((KanriEmulatorRequest *)g_ptr_array_index (requests, 1))->status, ==, 200);
  g_assert_cmpuint (((KanriEmulatorRequest *)g_ptr_array_index (requests, 2))->status, ==, 400);

  kanri_emulator_stop (emulator);
}

/* `kanri-cli invoke` exits 1 on a redirect, naming its target, for a
 * change (the 303 that turned a Set-Mailbox into a GET and exit 0) and
 * for every other code. */
static void
test_endpoint_redirect (void)
{
  static const guint codes[] = { 301, 302, 303, 307, 308 };
  g_autoptr(KanriEmulator) emulator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *moved = NULL;

  emulator = kanri_emulator_new_demo (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_start (emulator, 0, &error));
  url = kanri_emulator_dup_invoke_url (emulator);
  moved = g_strconcat (kanri_emulator_get_base_url (emulator), "/moved", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *spec = g_strdup_printf ("%u,count=1", codes[i]);
      g_auto(Run) run = { 0 };
      GPtrArray *requests;

      g_test_message ("%u", codes[i]);
      kanri_emulator_clear_requests (emulator);
      g_assert_true (kanri_emulator_add_fault (emulator, spec, &error));
      cli (&run, kanri_emulator_get_access_token (emulator),
           (const char *[]) { "--endpoint", url, "Set-Mailbox", "-Identity", "taro.yamada",
                              "-AuditLogAgeLimit", "120.00:00:00", NULL });
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, moved));
      g_assert_cmpstr (run.out, ==, "");

      requests = kanri_emulator_get_requests (emulator);
      g_assert_cmpuint (requests->len, ==, 1);
      g_assert_cmpuint (((KanriEmulatorRequest *)g_ptr_array_index (requests, 0))->status, ==, codes[i]);
      g_assert_cmpuint (kanri_emulator_count_applied (emulator, NULL), ==, 0);
    }

  kanri_emulator_stop (emulator);
}

/* A wait is said on stderr, so a script's log shows why it sat still. */
static void
test_endpoint_throttled (void)
{
  g_autoptr(KanriEmulator) emulator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(Run) run = { 0 };

  emulator = kanri_emulator_new_demo (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_start (emulator, 0, &error));
  url = kanri_emulator_dup_invoke_url (emulator);

  g_assert_true (kanri_emulator_add_fault (emulator, "429,retry-after=1,count=1", &error));
  cli (&run, kanri_emulator_get_access_token (emulator),
       (const char *[]) { "--endpoint", url, "--json", "Get-AcceptedDomain", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "throttled, retrying in 1 s (attempt 2 of 5)\n"));
  g_assert_null (strstr (run.out, "throttled"));

  kanri_emulator_stop (emulator);
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  cli (&run, NULL, (const char *[]) { "--help", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--endpoint"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli-invoke/demo-json", test_demo_json);
  g_test_add_func ("/cli-invoke/demo-persists", test_demo_persists);
  g_test_add_func ("/cli-invoke/demo-list", test_demo_list);
  g_test_add_func ("/cli-invoke/errors", test_errors);
  g_test_add_func ("/cli-invoke/insecure-endpoint", test_insecure_endpoint);
  g_test_add_func ("/cli-invoke/endpoint", test_endpoint);
  g_test_add_func ("/cli-invoke/endpoint-anchor", test_endpoint_anchor);
  g_test_add_func ("/cli-invoke/endpoint-redirect", test_endpoint_redirect);
  g_test_add_func ("/cli-invoke/endpoint-throttled", test_endpoint_throttled);
  g_test_add_func ("/cli-invoke/help", test_help);

  return g_test_run ();
}
