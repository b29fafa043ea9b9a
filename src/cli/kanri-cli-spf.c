/* kanri-cli-spf.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "kanri-cli-commands.h"
#include "kanri-cli-resolver.h"
#include "kanri-spf.h"

static void
print_step (const KanriSpfStep *step,
            guint               depth)
{
  g_autofree char *indent = g_strnfill (2 + depth * 2, ' ');
  g_autofree char *lookup = NULL;
  const char *detail = step->detail != NULL ? step->detail : "";

  if (step->lookup_number > 0)
    lookup = g_strdup_printf (_("[DNS lookup %u of %u] "), step->lookup_number,
                              KANRI_SPF_MAX_DNS_MECHANISMS);

  switch (step->kind)
    {
    case KANRI_SPF_STEP_RECORD:
      /* TRANSLATORS: a domain, its SPF record (or why there is none), and
       * the domain's result */
      printf (_("%s%s: %s → %s\n"), indent, step->subject, detail,
              kanri_spf_result_to_string (step->result));
      break;
    case KANRI_SPF_STEP_TERM:
      printf ("%s%s  %s%s\n", indent, step->subject, lookup != NULL ? lookup : "", detail);
      break;
    case KANRI_SPF_STEP_LOOKUP:
      printf ("%s%s ⇒ %s\n", indent, step->subject, detail);
      break;
    case KANRI_SPF_STEP_NOTE:
    default:
      printf ("%s%s: %s\n", indent, step->subject, detail);
      break;
    }

  if (step->children != NULL)
    {
      for (guint i = 0; i < step->children->len; i++)
        print_step (g_ptr_array_index (step->children, i), depth + 1);
    }
}

static void
print_report (const KanriSpfReport *report)
{
  printf (_("SPF result for %s at %s: %s"), report->ip, report->domain,
          kanri_spf_result_to_string (report->result));
  printf ("\n  %s\n", kanri_spf_result_describe (report->result));
  if (report->reason != NULL)
    printf (_("  Reason: %s\n"), report->reason);
  if (report->explanation != NULL)
    printf (_("  Explanation: %s\n"), report->explanation);
  printf (_("  Sender: %s, HELO: %s\n"), report->sender,
          report->helo[0] != '\0' ? report->helo : "-");
  printf (_("  DNS lookups: %u of %u; void lookups: %u of %u\n"),
          report->lookups, KANRI_SPF_MAX_DNS_MECHANISMS,
          report->void_lookups, KANRI_SPF_MAX_VOID_LOOKUPS);
  printf ("\n%s\n", _("Trace:"));
  print_step (report->trace, 0);
}

/**
 * kanri_cli_spf:
 *
 * `kanri-cli spf [--zone ZONE.json] [--sender ADDR] [--helo NAME] [--json] IP DOMAIN`
 */
int
kanri_cli_spf (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KanriResolver) resolver = NULL;
  g_autoptr(KanriSpfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *helo = NULL;
  gboolean json = FALSE;
  KanriSpfQuery query = { 0 };
  GOptionEntry entries[] = {
    { "zone", 0, 0, G_OPTION_ARG_FILENAME, &zone,
      N_("Answer DNS queries from a zone file instead of the network"), N_("ZONE.json") },
    { "sender", 0, 0, G_OPTION_ARG_STRING, &sender,
      N_("The MAIL FROM address (default: postmaster@HELO)"), N_("ADDR") },
    { "helo", 0, 0, G_OPTION_ARG_STRING, &helo, N_("The HELO/EHLO name"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("IP DOMAIN"));
  g_option_context_set_summary (context,
                                _("Runs the SPF check of RFC 7208 (check_host) for a client IP "
                                  "address and a domain, and shows every mechanism and DNS "
                                  "lookup it took."));
  g_option_context_set_description (context,
                                    _("A zone file is JSON mapping names to lists of records:\n"
                                      "  {\"example.com\": [{\"TXT\": \"v=spf1 a -all\"}, "
                                      "{\"A\": \"192.0.2.1\"},\n"
                                      "                   {\"MX\": [10, \"mx.example.com\"]}],\n"
                                      "   \"slow.example.com\": [\"TIMEOUT\"]}\n\n"
                                      "Exit status: 0 when the check completed, whatever its "
                                      "result (temperror included);\n"
                                      "1 when it could not run (unreadable zone file); "
                                      "2 on usage errors."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "kanri-cli spf: %s\n", error->message);
      return KANRI_CLI_EXIT_USAGE;
    }
  if (argc != 3)
    {
      fprintf (stderr, "%s\n", _("kanri-cli spf: give an IP address and a domain, "
                                 "as in “kanri-cli spf 192.0.2.1 example.com”"));
      return KANRI_CLI_EXIT_USAGE;
    }

  resolver = kanri_cli_open_resolver (zone, &error);
  if (resolver == NULL)
    {
      fprintf (stderr, "kanri-cli spf: %s\n", error->message);
      return KANRI_CLI_EXIT_FAILED;
    }

  query.ip = argv[1];
  query.domain = argv[2];
  query.sender = sender;
  query.helo = helo;
  report = kanri_spf_check_host (resolver, &query, NULL, &error);
  if (report == NULL)
    {
      fprintf (stderr, "kanri-cli spf: %s\n", error->message);
      return g_error_matches (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_INVALID_QUERY)
             ? KANRI_CLI_EXIT_USAGE : KANRI_CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = kanri_spf_report_to_json (report);

      kanri_cli_print_json (node);
    }
  else
    {
      print_report (report);
    }

  return KANRI_CLI_EXIT_OK;
}
