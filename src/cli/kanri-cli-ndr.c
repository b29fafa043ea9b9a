/* kanri-cli-ndr.c
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

#include "kanri-cli-commands.h"
#include "kanri-ndr.h"

/* kanri-cli ndr TEXT-OR-CODE: what a non-delivery report's status code
 * means, its likely cause and what to do. */

static void
print_json (const char         *input,
            const KanriNdrInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_add_string_value (builder, input);
  json_builder_set_member_name (builder, "smtp_code");
  if (info->smtp_code != 0)
    json_builder_add_int_value (builder, info->smtp_code);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, info->status);
  json_builder_set_member_name (builder, "known");
  json_builder_add_boolean_value (builder, !info->generic);
  json_builder_set_member_name (builder, "range");
  json_builder_add_string_value (builder, kanri_ndr_code_get_range (info->code));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, kanri_ndr_code_get_title (info->code));
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder, kanri_ndr_describe_class (info->status));
  json_builder_set_member_name (builder, "meaning");
  json_builder_add_string_value (builder, kanri_ndr_code_get_meaning (info->code));
  json_builder_set_member_name (builder, "cause");
  json_builder_add_string_value (builder, kanri_ndr_code_get_cause (info->code));
  json_builder_set_member_name (builder, "fix");
  json_builder_add_string_value (builder, kanri_ndr_code_get_fix (info->code));
  json_builder_set_member_name (builder, "text");
  if (info->text != NULL)
    json_builder_add_string_value (builder, info->text);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, NULL);
  printf ("%s\n", data);
}

static void
print_text (const KanriNdrInfo *info)
{
  printf ("%s — %s\n", info->status, kanri_ndr_code_get_title (info->code));
  if (info->generic)
    printf (_("(%s is not in Kanri’s table; this describes its kind, %s.)\n"),
            info->status, kanri_ndr_code_get_range (info->code));
  else if (!g_str_equal (kanri_ndr_code_get_range (info->code), info->status))
    printf (_("(One of %s.)\n"), kanri_ndr_code_get_range (info->code));
  if (info->smtp_code != 0)
    printf ("%s: %u\n", _("SMTP reply code"), info->smtp_code);
  printf ("%s\n\n", kanri_ndr_describe_class (info->status));
  printf ("%s\n  %s\n\n", _("Meaning:"), kanri_ndr_code_get_meaning (info->code));
  printf ("%s\n  %s\n\n", _("Likely cause:"), kanri_ndr_code_get_cause (info->code));
  printf ("%s\n  %s\n", _("What to do:"), kanri_ndr_code_get_fix (info->code));
  if (info->text != NULL)
    printf ("\n%s\n  %s\n", _("Server’s text:"), info->text);
}

int
kanri_cli_ndr (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriNdrInfo) info = NULL;
  g_autofree char *input = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("TEXT-OR-CODE…"));
  g_option_context_set_summary (context,
                                _("Explain a non-delivery report: paste its status line (“550 5.4.316 Message expired…”) or give a code such as 5.1.1."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "kanri-cli ndr: %s\n", error->message);
      return KANRI_CLI_EXIT_USAGE;
    }

  if (argc < 2)
    {
      fprintf (stderr, "%s\n", _("kanri-cli ndr: give an NDR line or a status code such as 5.1.1"));
      return KANRI_CLI_EXIT_USAGE;
    }

  input = g_strjoinv (" ", argv + 1);
  info = kanri_ndr_parse (input, &error);
  if (info == NULL)
    {
      fprintf (stderr, "kanri-cli ndr: %s\n", error->message);
      return KANRI_CLI_EXIT_FAILED;
    }

  if (json)
    print_json (input, info);
  else
    print_text (info);

  return KANRI_CLI_EXIT_OK;
}
