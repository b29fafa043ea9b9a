/* kanri-cli-analyze.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "kanri-cli-batch.h"
#include "kanri-cli-commands.h"
#include "kanri-cli-input.h"
#include "kanri-header-analyzer.h"

/* kanri-cli analyze [--json] FILE…: the Header Analyzer from the command
 * line, one report per input, in input order. */

static KanriHeaderReport *
analyze_one (const char  *argument,
             GError     **error)
{
  g_autofree char *display = g_filename_display_name (argument);
  g_autoptr(GBytes) data = kanri_cli_read_message (argument, error);

  if (data == NULL)
    return NULL;

  return kanri_header_analyzer_analyze (g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                        g_str_equal (argument, "-") ? "-" : display,
                                        KANRI_MESSAGE_FORMAT_AUTO, NULL, error);
}

/* {"source": "…", "error": "…"}: what --json prints for an input that
 * could not be analyzed. */
static void
append_error_json (GString      *out,
                   const char   *argument,
                   const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *display = g_filename_display_name (argument);
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, display);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_string_append (out, text);
}

int
kanri_cli_analyze (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  gboolean json = FALSE;
  gboolean batch = FALSE;
  gboolean csv = FALSE;
  gboolean failed = FALSE;
  gboolean printed_text = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text (with --batch, one object per line)"), NULL },
    { "batch", 0, 0, G_OPTION_ARG_NONE, &batch,
      N_("One row per message of message files, mbox files and folders (a Maildir too), analyzed on every core"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("With --batch: print CSV (the default)"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE…"));
  g_option_context_set_summary (context,
                                _("Analyze the headers of messages: .eml and .msg files, or text holding headers. “-” reads standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "kanri-cli analyze: %s\n", error->message);
      return KANRI_CLI_EXIT_USAGE;
    }

  if (argc < 2)
    {
      fprintf (stderr, "%s\n", _("kanri-cli analyze: name at least one file, or “-” for standard input"));
      return KANRI_CLI_EXIT_USAGE;
    }

  if (csv && !batch)
    {
      fprintf (stderr, "%s\n", _("kanri-cli analyze: --csv goes with --batch"));
      return KANRI_CLI_EXIT_USAGE;
    }
  if (batch && csv && json)
    {
      fprintf (stderr, "%s\n", _("kanri-cli analyze: choose --csv or --json, not both"));
      return KANRI_CLI_EXIT_USAGE;
    }
  if (batch)
    return kanri_cli_analyze_batch (argv + 1, json ? KANRI_CLI_BATCH_JSON : KANRI_CLI_BATCH_CSV);

  out = g_string_sized_new (65536);
  if (json && argc > 2)
    g_string_append (out, "[\n");

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(KanriHeaderReport) report = analyze_one (argv[i], &local_error);

      if (report == NULL)
        {
          g_autofree char *display = g_filename_display_name (argv[i]);

          fprintf (stderr, "kanri-cli analyze: %s: %s\n", display, local_error->message);
          failed = TRUE;
        }

      if (json)
        {
          if (i > 1)
            g_string_append (out, ",\n");
          /* A failed input keeps its place in the array, as an object
           * saying why: a script reads the reason without parsing stderr. */
          if (report != NULL)
            kanri_header_report_append_json (report, out, TRUE);
          else
            append_error_json (out, argv[i], local_error);
        }
      else if (report != NULL)
        {
          g_autofree char *text = kanri_header_report_to_text (report);

          if (printed_text)
            g_string_append (out, "\n\n");
          printed_text = TRUE;
          g_string_append (out, text);
        }

      /* Keep memory flat over thousands of files. */
      if (out->len > 1024 * 1024)
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }

  if (json && argc > 2)
    g_string_append (out, "\n]");
  if (json)
    g_string_append_c (out, '\n');

  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);

  return failed ? KANRI_CLI_EXIT_FAILED : KANRI_CLI_EXIT_OK;
}
