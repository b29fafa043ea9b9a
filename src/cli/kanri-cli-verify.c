/* kanri-cli-verify.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "kanri-cli-commands.h"
#include "kanri-cli-input.h"
#include "kanri-cli-resolver.h"
#include "kanri-header-analyzer.h"
#include "kanri-signature-compare.h"

/* kanri-cli verify [--zone Z] [--at TIME] [--json] FILE…: the DKIM
 * signatures and the ARC chain of each message, verified again with keys
 * from DNS, beside what its receiving server claimed. Only the key records
 * are looked up; nothing of the message leaves the machine. */

/* Exit statuses of their own: 1 says a message does not verify, as a
 * check's verdict, and 3 that one could not be checked. */
#define EXIT_NOT_PASSING 1
#define EXIT_UNVERIFIED  3

typedef struct
{
  JsonBuilder *findings;
  GString     *text;
} Findings;

static void
collect_finding (const char *id,
                 int         severity,
                 char       *message,
                 gpointer    user_data)
{
  Findings *findings = user_data;

  if (findings->findings != NULL)
    {
      json_builder_begin_object (findings->findings);
      json_builder_set_member_name (findings->findings, "id");
      json_builder_add_string_value (findings->findings, id);
      json_builder_set_member_name (findings->findings, "severity");
      json_builder_add_string_value (findings->findings, kanri_severity_to_string ((KanriSeverity)severity));
      json_builder_set_member_name (findings->findings, "message");
      json_builder_add_string_value (findings->findings, message);
      json_builder_end_object (findings->findings);
    }
  if (findings->text != NULL)
    g_string_append_printf (findings->text, "  [%s] %s: %s\n",
                            kanri_severity_to_string ((KanriSeverity)severity), id, message);
  g_free (message);
}

/* The Authentication-Results the server wrote on arrival, as the Header
 * Analyzer takes it. */
static const KanriAuthResults *
claimed_results (KanriHeaderReport *report)
{
  GPtrArray *headers = kanri_header_report_get_auth_headers (report);

  for (guint i = 0; i < headers->len; i++)
    {
      const KanriAuthHeader *header = g_ptr_array_index (headers, i);

      if (header->trusted)
        return header->results;
    }

  return NULL;
}

static gboolean
has_temperror (const KanriSignatureCheck *check)
{
  for (guint i = 0; i < check->signatures->len; i++)
    {
      const KanriDkimVerdict *verdict = g_ptr_array_index (check->signatures, i);

      if (verdict->result == KANRI_DKIM_RESULT_TEMPERROR)
        return TRUE;
    }

  return FALSE;
}

static int
exit_status_of (const KanriSignatureCheck *check)
{
  if (kanri_signature_check_passes (check))
    return KANRI_CLI_EXIT_OK;
  if (check->status != KANRI_SIGNATURES_VERIFIED || has_temperror (check))
    return EXIT_UNVERIFIED;
  return EXIT_NOT_PASSING;
}

static void
add_json (JsonBuilder       *builder,
          KanriHeaderReport *report)
{
  const KanriSignatureCheck *check = kanri_header_report_get_signatures (report);
  Findings findings = { builder, NULL };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, kanri_header_report_get_source (report));
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, kanri_message_format_to_string (kanri_header_report_get_format (report)));
  json_builder_set_member_name (builder, "passes");
  json_builder_add_boolean_value (builder, kanri_signature_check_passes (check));
  json_builder_set_member_name (builder, "signatures");
  json_builder_add_value (builder, kanri_signature_check_to_json (check));
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  kanri_signature_compare (check, claimed_results (report), collect_finding, &findings);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
append_text (GString           *out,
             KanriHeaderReport *report)
{
  const KanriSignatureCheck *check = kanri_header_report_get_signatures (report);
  g_autoptr(GString) found = g_string_new (NULL);
  Findings findings = { NULL, found };

  /* TRANSLATORS: a file name, and whether its signatures verify */
  g_string_append_printf (out, _("%s: %s\n"), kanri_header_report_get_source (report),
                          kanri_signature_check_passes (check) ? _("verifies") : _("does not verify"));
  kanri_signature_check_append_text (check, out, 1);

  kanri_signature_compare (check, claimed_results (report), collect_finding, &findings);
  if (found->len > 0)
    {
      g_string_append_printf (out, "  %s\n", _("Beside the receiving server’s Authentication-Results:"));
      g_string_append (out, found->str);
    }
}

static gboolean
parse_time (const char  *text,
            gint64      *seconds,
            GError     **error)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);
  guint64 number;

  if (time != NULL)
    {
      *seconds = g_date_time_to_unix (time);
      return TRUE;
    }
  if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &number, NULL))
    {
      *seconds = (gint64)number;
      return TRUE;
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--at needs a time such as 2023-11-14T22:13:20Z, or seconds since 1970: “%s”"), text);
  return FALSE;
}

static KanriHeaderReport *
verify_one (const char         *argument,
            KanriDkimVerifier  *verifier,
            GError            **error)
{
  g_autofree char *display = g_filename_display_name (argument);
  g_autoptr(GBytes) data = kanri_cli_read_message (argument, error);

  if (data == NULL)
    return NULL;

  return kanri_header_analyzer_analyze_verified (g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                                 g_str_equal (argument, "-") ? "-" : display,
                                                 KANRI_MESSAGE_FORMAT_AUTO, verifier, NULL, error);
}

/**
 * kanri_cli_verify:
 *
 * `kanri-cli verify [--zone ZONE.json] [--at TIME] [--json] FILE…`
 */
int
kanri_cli_verify (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KanriResolver) resolver = NULL;
  g_autoptr(KanriDkimVerifier) verifier = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *at = NULL;
  gboolean json = FALSE;
  int status = KANRI_CLI_EXIT_OK;
  gint64 now = 0;
  GOptionEntry entries[] = {
    { "zone", 0, 0, G_OPTION_ARG_FILENAME, &zone,
      N_("Answer DNS queries from a zone file instead of the network"), N_("ZONE.json") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("Verify as at this time (x= and t=), such as the message’s arrival"), N_("TIME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE…"));
  g_option_context_set_summary (context,
                                _("Verifies the DKIM signatures (RFC 6376, RFC 8463) and the ARC chain "
                                  "(RFC 8617) of messages as received (.eml files; “-” reads standard "
                                  "input), and compares them with what the receiving server wrote in "
                                  "Authentication-Results. Only the signing domains’ keys are looked "
                                  "up in DNS: nothing of the messages leaves the machine."));
  g_option_context_set_description (context,
                                    _("Exit status, the largest that applies:\n"
                                      "  0  every message has a DKIM signature that passes, and no ARC chain fails\n"
                                      "  1  a message has no passing DKIM signature, or its ARC chain fails\n"
                                      "  2  usage error\n"
                                      "  3  a message could not be verified: unreadable, without its body "
                                      "(.msg, headers only),\n"
                                      "     or a key could not be looked up (temperror); or the zone file "
                                      "is unreadable"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (at != NULL && !parse_time (at, &now, &error)))
    {
      fprintf (stderr, "kanri-cli verify: %s\n", error->message);
      return KANRI_CLI_EXIT_USAGE;
    }
  if (argc < 2)
    {
      fprintf (stderr, "%s\n", _("kanri-cli verify: name at least one file, or “-” for standard input"));
      return KANRI_CLI_EXIT_USAGE;
    }

  resolver = kanri_cli_open_resolver (zone, &error);
  if (resolver == NULL)
    {
      fprintf (stderr, "kanri-cli verify: %s\n", error->message);
      return EXIT_UNVERIFIED;
    }
  verifier = kanri_dkim_verifier_new (resolver);
  if (at != NULL)
    kanri_dkim_verifier_set_time (verifier, now);

  builder = json_builder_new ();
  text = g_string_new (NULL);
  if (argc > 2)
    json_builder_begin_array (builder);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(KanriHeaderReport) report = verify_one (argv[i], verifier, &local_error);

      if (report == NULL)
        {
          g_autofree char *display = g_filename_display_name (argv[i]);

          fprintf (stderr, "kanri-cli verify: %s: %s\n", display, local_error->message);
          status = MAX (status, EXIT_UNVERIFIED);
          /* A failed input keeps its place in the array, as null. */
          if (json)
            json_builder_add_null_value (builder);
          continue;
        }

      status = MAX (status, exit_status_of (kanri_header_report_get_signatures (report)));
      if (json)
        add_json (builder, report);
      else
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          append_text (text, report);
        }
    }

  if (argc > 2)
    json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      kanri_cli_print_json (root);
    }
  else
    {
      fwrite (text->str, 1, text->len, stdout);
    }
  fflush (stdout);

  return status;
}
