/* test-cli-trace.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* kanri-cli trace on the demo tenant, run as a user runs it, in its own
 * data directory (G_TEST_OPTION_ISOLATE_DIRS). KANRI_CLI_PATH comes from
 * meson. */

static char *
run (const char *option,
     const char *sample,
     int        *status)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", sample, NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  /* The demo tenant's state in this test's own data directory. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, KANRI_CLI_PATH, "trace", path, option, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  return out;
}

static void
test_text (void)
{
  int status;
  g_autofree char *out = run ("--demo", "spaced-antispam.eml", &status);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "someone@contoso.example (FilteredAsSpam)"));
  g_assert_nonnull (strstr (out, "Spam filter verdict"));
}

static void
test_json (void)
{
  int status;
  g_autofree char *out = run ("--json", "plain-inbound.eml", &status);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "state"), ==, "done");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "timeline")), ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli-trace/text", test_text);
  g_test_add_func ("/cli-trace/json", test_json);

  return g_test_run ();
}
