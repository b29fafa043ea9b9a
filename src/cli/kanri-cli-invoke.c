/* kanri-cli-invoke.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "kanri-account.h"
#include "kanri-anchor-mailbox.h"
#include "kanri-cli-commands.h"
#include "kanri-emulator.h"
#include "kanri-exo-client.h"
#include "kanri-exo-error.h"
#include "kanri-static-token.h"

/* kanri-cli invoke [--demo | --tenant NAME | --endpoint URL] [--json]
 *                  CMDLET [-Param value …] */

typedef struct
{
  GMainLoop      *loop;
  KanriExoClient *client;
  KanriCmdlet    *cmdlet;
  KanriExoResult *result;
  GError         *error;
} Invoke;

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n",
           _("Usage: kanri-cli invoke [--demo | --tenant NAME | --endpoint URL] [--json] CMDLET [-Parameter value …]"));
  fprintf (stream, "%s\n\n",
           _("Runs one Exchange Online cmdlet through the REST client. Values are PowerShell literals: "
             "\"text\", 'text', a,b,c, $true, $false, $null, @{Add=\"a\",\"b\"; Remove=\"c\"}; "
             "a switch takes no value."));
  fprintf (stream, "  --demo          %s\n", _("The built-in demo tenant (the default)"));
  fprintf (stream, "  --tenant NAME   %s\n", _("A signed-in tenant: its ID, an account or its domain"));
  fprintf (stream, "  --endpoint URL  %s\n", _("Any InvokeCommand address, with the token in KANRI_ACCESS_TOKEN"));
  fprintf (stream, "  --json          %s\n", _("Print the objects as JSON"));
}

static void
print_value (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      /* As PowerShell lists a collection: {a, b} */
      printf ("{");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            printf (", ");
          print_value (json_array_get_element (array, i));
        }
      printf ("}");
      return;
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      printf ("%s", json_node_get_string (node));
      return;
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      printf ("%s", json_node_get_boolean (node) ? "True" : "False");
      return;
    }

  {
    g_autofree char *text = json_to_string (node, FALSE);

    printf ("%s", text);
  }
}

/* Like Format-List: one "Name : value" line per property. */
static void
print_list (JsonArray *values)
{
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *node = json_array_get_element (values, i);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;
      guint width = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          print_value (node);
          printf ("\n");
          continue;
        }

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        width = MAX (width, strlen (name));

      printf ("\n");
      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          printf ("%-*s : ", (int)width, name);
          print_value (member);
          printf ("\n");
        }
    }
}

static void
on_invoked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Invoke *invoke = user_data;

  invoke->result = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object), result, &invoke->error);
  g_main_loop_quit (invoke->loop);
}

/* No wait is silent: a script's log shows why kanri-cli sat still. */
static void
on_retrying (KanriExoClient *client,
             KanriCmdlet    *cmdlet,
             const GError   *error,
             guint           attempt,
             guint           max_attempts,
             guint           delay_ms,
             gpointer        user_data)
{
  guint seconds = (delay_ms + 999) / 1000;

  if (g_error_matches (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_THROTTLED))
    fprintf (stderr, _("throttled, retrying in %u s (attempt %u of %u)\n"), seconds, attempt, max_attempts);
  else
    fprintf (stderr, _("%s (retrying in %u s, attempt %u of %u)\n"), error->message, seconds, attempt, max_attempts);
}

static void
run_cmdlet (Invoke *invoke)
{
  g_signal_connect (invoke->client, "retrying", G_CALLBACK (on_retrying), NULL);
  kanri_exo_client_invoke_async (invoke->client, invoke->cmdlet, NULL, NULL, NULL, on_invoked, invoke);
  g_main_loop_run (invoke->loop);
}

static void
on_account_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Invoke *invoke = user_data;
  g_autoptr(KanriAccount) account = kanri_account_load_finish (result, &invoke->error);

  if (account != NULL)
    invoke->client = kanri_account_create_client (account, &invoke->error);

  g_main_loop_quit (invoke->loop);
}

static KanriExoClient *
client_for_endpoint (const char  *url,
                     GError     **error)
{
  const char *token = g_getenv ("KANRI_ACCESS_TOKEN");
  const char *given = g_getenv ("KANRI_ANCHOR_MAILBOX");
  g_autoptr(KanriStaticToken) tokens = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *anchor = NULL;

  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--endpoint needs an access token in the KANRI_ACCESS_TOKEN environment variable"));
      return NULL;
    }

  /* An address the token may not go to is refused before the token is
   * read. */
  if (!kanri_exo_check_url (url, error))
    return NULL;

  /* Route to the token's account, as the module does, unless told
   * otherwise: the service routes no request without an anchor. */
  if (given != NULL && *given != '\0')
    anchor = g_strdup (given);
  else
    anchor = kanri_anchor_mailbox_for_token (token, &local_error);

  if (anchor == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Cannot tell which mailbox to route the requests to (%s); "
                     "set KANRI_ANCHOR_MAILBOX to UPN:name@domain"),
                   local_error->message);
      return NULL;
    }

  tokens = kanri_static_token_new (token);
  return kanri_exo_client_new (url, KANRI_TOKEN_PROVIDER (tokens), anchor, error);
}

static int
fail (GError *error)
{
  fprintf (stderr, "kanri-cli: %s\n", error->message);
  return KANRI_CLI_EXIT_FAILED;
}

int
kanri_cli_invoke (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(KanriEmulator) emulator = NULL;
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autoptr(KanriExoClient) client = NULL;
  g_autofree char *state = NULL;
  const char *tenant = NULL;
  const char *endpoint = NULL;
  const char *name = NULL;
  gboolean demo = FALSE;
  gboolean json = FALSE;
  Invoke invoke = { 0 };
  int i;

  /* Kanri's options come first (and --json anywhere); from the cmdlet
   * name on, every word is the cmdlet's. */
  for (i = 1; i < argc && name == NULL; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return KANRI_CLI_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--demo"))
        demo = TRUE;
      else if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--tenant") && i + 1 < argc)
        tenant = argv[++i];
      else if (g_str_equal (argv[i], "--endpoint") && i + 1 < argc)
        endpoint = argv[++i];
      else if (g_str_has_prefix (argv[i], "--"))
        {
          fprintf (stderr, _("kanri-cli invoke: unknown option “%s”"), argv[i]);
          fputs ("\n\n", stderr);
          print_usage (stderr);
          return KANRI_CLI_EXIT_USAGE;
        }
      else
        name = argv[i];
    }

  for (; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else
        g_ptr_array_add (args, argv[i]);
    }
  g_ptr_array_add (args, NULL);

  if (name == NULL || (demo + (tenant != NULL) + (endpoint != NULL)) > 1)
    {
      print_usage (stderr);
      return KANRI_CLI_EXIT_USAGE;
    }

  cmdlet = kanri_cmdlet_parse_argv (name, (const char *const *)args->pdata, &error);
  if (cmdlet == NULL)
    return fail (error);

  invoke.loop = loop;

  if (endpoint != NULL)
    client = client_for_endpoint (endpoint, &error);
  else if (tenant != NULL)
    {
      kanri_account_load_async (tenant, NULL, on_account_loaded, &invoke);
      g_main_loop_run (loop);
      client = g_steal_pointer (&invoke.client);
      if (client == NULL)
        error = g_steal_pointer (&invoke.error);
    }
  else
    {
      /* The demo tenant, in this process, on the state the app uses. */
      g_autoptr(KanriStaticToken) tokens = NULL;
      g_autofree char *url = NULL;
      g_autofree char *anchor = NULL;

      state = kanri_emulator_default_demo_path ();
      emulator = kanri_emulator_new_demo (state, &error);
      if (emulator != NULL && kanri_emulator_start (emulator, 0, &error))
        {
          url = kanri_emulator_dup_invoke_url (emulator);
          anchor = kanri_anchor_mailbox_for_upn (kanri_emulator_get_admin_upn (emulator));
          tokens = kanri_static_token_new (kanri_emulator_get_access_token (emulator));
          client = kanri_exo_client_new (url, KANRI_TOKEN_PROVIDER (tokens), anchor, &error);
        }
    }

  if (client == NULL)
    return fail (error);

  invoke.client = client;
  invoke.cmdlet = cmdlet;
  run_cmdlet (&invoke);

  if (emulator != NULL)
    kanri_emulator_stop (emulator);

  if (invoke.result == NULL)
    {
      int status = fail (invoke.error);

      g_clear_error (&invoke.error);
      return status;
    }

  {
    const char *const *warnings = kanri_exo_result_get_warnings (invoke.result);
    JsonArray *values = kanri_exo_result_get_values (invoke.result);

    for (guint w = 0; warnings[w] != NULL; w++)
      fprintf (stderr, _("WARNING: %s\n"), warnings[w]);

    if (json)
      {
        g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        g_autofree char *text = NULL;

        json_node_set_array (node, values);
        json_generator_set_root (generator, node);
        json_generator_set_pretty (generator, TRUE);
        text = json_generator_to_data (generator, NULL);
        printf ("%s\n", text);
      }
    else
      print_list (values);
  }

  kanri_exo_result_free (invoke.result);
  return KANRI_CLI_EXIT_OK;
}
