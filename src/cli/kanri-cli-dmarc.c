/* kanri-cli-dmarc.c
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
#include "kanri-dmarc.h"

static void
print_identifier (const char           *label,
                  const char           *domain,
                  KanriDmarcIdentifier  state,
                  KanriDmarcAlignment   mode)
{
  if (state == KANRI_DMARC_IDENTIFIER_NOT_GIVEN)
    return;

  /* TRANSLATORS: "SPF domain bounce.example.com: aligned (relaxed)" */
  printf (_("  %s %s: %s (%s)\n"), label, domain,
          state == KANRI_DMARC_IDENTIFIER_ALIGNED ? _("aligned") : _("not aligned"),
          mode == KANRI_DMARC_ALIGNMENT_STRICT ? _("strict") : _("relaxed"));
}

static void
print_record (const KanriDmarcReport *report)
{
  const KanriDmarcRecord *record = report->record;

  printf (_("  Record at %s: %s\n"), report->record_domain, record->text);
  if (report->from_organizational_domain)
    printf (_("  %s has no record of its own: the organizational domain’s record applies, "
              "with its subdomain policy\n"), report->domain);
  printf (_("  Policy for %s: %s (p=%s, sp=%s, pct=%u)\n"), report->domain,
          kanri_dmarc_policy_to_string (report->effective_policy),
          kanri_dmarc_policy_to_string (record->policy),
          kanri_dmarc_policy_to_string (record->subdomain_policy), record->percent);
  printf (_("  Alignment required: SPF %s, DKIM %s\n"),
          kanri_dmarc_alignment_to_string (record->spf_alignment),
          kanri_dmarc_alignment_to_string (record->dkim_alignment));
  if (record->aggregate_uris[0] != NULL)
    {
      g_autofree char *uris = g_strjoinv (", ", record->aggregate_uris);

      printf (_("  Aggregate reports to: %s\n"), uris);
    }
  if (record->failure_uris[0] != NULL)
    {
      g_autofree char *uris = g_strjoinv (", ", record->failure_uris);

      printf (_("  Failure reports to: %s (fo=%s)\n"), uris, record->failure_options);
    }
  for (guint i = 0; record->warnings[i] != NULL; i++)
    printf (_("  Warning: %s\n"), record->warnings[i]);
}

static void
print_report (const KanriDmarcReport *report,
              const char             *spf_domain,
              const char             *dkim_domain)
{
  KanriDmarcAlignment spf_mode = KANRI_DMARC_ALIGNMENT_RELAXED;
  KanriDmarcAlignment dkim_mode = KANRI_DMARC_ALIGNMENT_RELAXED;

  printf (_("DMARC for %s (organizational domain %s): %s\n"), report->domain,
          report->organizational_domain, kanri_dmarc_status_to_string (report->status));

  if (report->record != NULL)
    {
      print_record (report);
      spf_mode = report->record->spf_alignment;
      dkim_mode = report->record->dkim_alignment;
    }
  else if (report->reason != NULL)
    {
      printf (_("  Reason: %s\n"), report->reason);
    }

  print_identifier (_("SPF domain"), spf_domain, report->spf, spf_mode);
  print_identifier (_("DKIM domain"), dkim_domain, report->dkim, dkim_mode);
  if (report->record != NULL &&
      (report->spf != KANRI_DMARC_IDENTIFIER_NOT_GIVEN ||
       report->dkim != KANRI_DMARC_IDENTIFIER_NOT_GIVEN))
    printf (_("  DMARC: %s\n"), report->passed ? "pass" : "fail");

  printf ("\n%s\n", _("Lookups:"));
  for (guint i = 0; i < report->lookups->len; i++)
    {
      const KanriDmarcLookup *lookup = g_ptr_array_index (report->lookups, i);

      printf ("  %s ⇒ %s\n", lookup->query, lookup->detail);
    }
}

/**
 * kanri_cli_dmarc:
 *
 * `kanri-cli dmarc [--zone ZONE.json] [--spf-domain D] [--dkim-domain D] [--json] DOMAIN`
 */
int
kanri_cli_dmarc (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KanriResolver) resolver = NULL;
  g_autoptr(KanriDmarcReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *spf_domain = NULL;
  g_autofree char *dkim_domain = NULL;
  gboolean json = FALSE;
  KanriDmarcQuery query = { 0 };
  GOptionEntry entries[] = {
    { "zone", 0, 0, G_OPTION_ARG_FILENAME, &zone,
      N_("Answer DNS queries from a zone file instead of the network"), N_("ZONE.json") },
    { "spf-domain", 0, 0, G_OPTION_ARG_STRING, &spf_domain,
      N_("A domain that passed SPF (the MAIL FROM domain): check its alignment"), N_("DOMAIN") },
    { "dkim-domain", 0, 0, G_OPTION_ARG_STRING, &dkim_domain,
      N_("The d= domain of a valid DKIM signature: check its alignment"), N_("DOMAIN") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("DOMAIN"));
  g_option_context_set_summary (context,
                                _("Finds the DMARC policy of a From domain (RFC 7489: "
                                  "_dmarc.DOMAIN, else its organizational domain’s record), "
                                  "checks every tag, and tells whether the given SPF and DKIM "
                                  "domains align with it."));
  g_option_context_set_description (context,
                                    _("The domains given with --spf-domain and --dkim-domain are "
                                      "taken as authenticated;\nDMARC passes when one of them "
                                      "aligns (relaxed or strict, as the record asks).\n\n"
                                      "Exit status: 0 when the policy was looked up (even if "
                                      "there is none or it is invalid);\n"
                                      "1 when it could not be (unreadable zone file, DNS "
                                      "failure); 2 on usage errors."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "kanri-cli dmarc: %s\n", error->message);
      return KANRI_CLI_EXIT_USAGE;
    }
  if (argc != 2)
    {
      fprintf (stderr, "%s\n", _("kanri-cli dmarc: give one domain, as in "
                                 "“kanri-cli dmarc example.com”"));
      return KANRI_CLI_EXIT_USAGE;
    }

  resolver = kanri_cli_open_resolver (zone, &error);
  if (resolver == NULL)
    {
      fprintf (stderr, "kanri-cli dmarc: %s\n", error->message);
      return KANRI_CLI_EXIT_FAILED;
    }

  query.domain = argv[1];
  query.spf_domain = spf_domain;
  query.dkim_domain = dkim_domain;
  report = kanri_dmarc_check (resolver, &query, NULL, &error);
  if (report == NULL)
    {
      fprintf (stderr, "kanri-cli dmarc: %s\n", error->message);
      return g_error_matches (error, KANRI_DMARC_ERROR, KANRI_DMARC_ERROR_INVALID_DOMAIN)
             ? KANRI_CLI_EXIT_USAGE : KANRI_CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = kanri_dmarc_report_to_json (report);

      kanri_cli_print_json (node);
    }
  else
    {
      print_report (report, spf_domain, dkim_domain);
    }

  return report->status == KANRI_DMARC_STATUS_TEMPERROR ? KANRI_CLI_EXIT_FAILED : KANRI_CLI_EXIT_OK;
}
