/* kanri-cli-trace.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "kanri-account.h"
#include "kanri-anchor-mailbox.h"
#include "kanri-cli-commands.h"
#include "kanri-emulator.h"
#include "kanri-header-analyzer.h"
#include "kanri-message-trace-session.h"
#include "kanri-static-token.h"
#include "kanri-trace-item.h"

/* kanri-cli trace [--demo | --tenant NAME] [--json] FILE: the message
 * trace of an analyzed message beside its Received hops
 * (KanriMessageTraceSession), on the demo tenant unless told otherwise. */

typedef struct
{
  GMainLoop      *loop;
  KanriExoClient *client;
  GError         *error;
} Trace;

static void
on_account_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Trace *trace = user_data;
  g_autoptr(KanriAccount) account = kanri_account_load_finish (result, &trace->error);

  if (account != NULL)
    trace->client = kanri_account_create_client (account, &trace->error);
  g_main_loop_quit (trace->loop);
}

static void
on_traced (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Trace *trace = user_data;

  kanri_message_trace_session_trace_finish (KANRI_MESSAGE_TRACE_SESSION (object), result, &trace->error);
  g_main_loop_quit (trace->loop);
}

static void
print_timeline (KanriMessageTraceSession *session)
{
  GListModel *timeline = kanri_message_trace_session_get_timeline (session);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(KanriTraceItem) item = g_list_model_get_item (timeline, i);
      GDateTime *time = kanri_trace_item_get_time (item);
      g_autofree char *when = time ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S") : g_strdup ("-");
      const char *delay = kanri_trace_item_get_delay_text (item);

      if (kanri_trace_item_get_is_hop (item))
        printf (_("%s  %8s s  hop %u  %s\n"), when, delay ? delay : "", kanri_trace_item_get_hop_number (item),
                kanri_trace_item_get_title (item) ? kanri_trace_item_get_title (item) : "");
      else
        printf (_("%s  %8s s  Exchange Online  %s%s%s\n"), when, delay ? delay : "", kanri_trace_item_get_title (item),
                kanri_trace_item_get_detail (item) ? "  " : "",
                kanri_trace_item_get_detail (item) ? kanri_trace_item_get_detail (item) : "");
      if (kanri_trace_item_get_skewed (item))
        printf (_("    stamped %s s before the hop where Exchange Online took the message in: the clocks disagree\n"),
                kanri_trace_item_get_skew_text (item));
    }
}

int
kanri_cli_trace (int    argc,
                 char **argv)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(KanriEmulator) emulator = NULL;
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriHeaderReport) report = NULL;
  g_autoptr(KanriMessageTraceSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *state = NULL;
  const char *tenant = NULL;
  const char *path = NULL;
  gboolean json = FALSE;
  Trace trace = { loop, NULL, NULL };
  KanriTraceState result;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--demo"))
        tenant = NULL;
      else if (g_str_equal (argv[i], "--tenant") && i + 1 < argc)
        tenant = argv[++i];
      else if (path == NULL && !g_str_has_prefix (argv[i], "--"))
        path = argv[i];
      else
        {
          path = NULL;
          break;
        }
    }

  if (path == NULL)
    {
      fprintf (stderr, "%s\n", _("Usage: kanri-cli trace [--demo | --tenant NAME] [--json] FILE"));
      return KANRI_CLI_EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (path);
  report = kanri_header_analyzer_analyze_file (file, NULL, &error);
  if (report == NULL)
    {
      fprintf (stderr, "kanri-cli: %s\n", error->message);
      return KANRI_CLI_EXIT_FAILED;
    }

  if (tenant != NULL)
    {
      kanri_account_load_async (tenant, NULL, on_account_loaded, &trace);
      g_main_loop_run (loop);
      client = g_steal_pointer (&trace.client);
      error = g_steal_pointer (&trace.error);
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
    {
      fprintf (stderr, "kanri-cli: %s\n", error->message);
      return KANRI_CLI_EXIT_FAILED;
    }

  session = kanri_message_trace_session_new_for_client (client);
  kanri_message_trace_session_set_report (session, report);
  kanri_message_trace_session_trace_async (session, NULL, on_traced, &trace);
  g_main_loop_run (loop);
  g_clear_error (&trace.error);

  if (emulator != NULL)
    kanri_emulator_stop (emulator);

  result = kanri_message_trace_session_get_state (session);
  if (json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      kanri_message_trace_session_append_json (session, out);
      printf ("%s\n", out->str);
    }
  else
    {
      printf ("%s\n\n", kanri_message_trace_session_get_status (session));
      print_timeline (session);
    }

  return result == KANRI_TRACE_STATE_DONE || result == KANRI_TRACE_STATE_NOT_FOUND
         ? KANRI_CLI_EXIT_OK : KANRI_CLI_EXIT_FAILED;
}
