/* kanri-cli.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "kanri-cli-commands.h"
#include "kanri-i18n.h"

/* One line per subcommand; each lives in kanri-cli-<name>.c. */
static const KanriCliCommand commands[] = {
  { "invoke", N_("Run one Exchange Online cmdlet (the demo tenant or a signed-in one)"), kanri_cli_invoke },
  { "signin", N_("Sign in to a Microsoft 365 tenant with a device code"), kanri_cli_signin },
  { "signout", N_("Sign out of a tenant: delete its tokens from the keyring"), kanri_cli_signout },
  { "spf", N_("Check whether an IP address may send mail for a domain (SPF)"), kanri_cli_spf },
  { "dmarc", N_("Show a domain’s DMARC policy and check alignment"), kanri_cli_dmarc },
  { "analyze", N_("Analyze message headers (.eml, .msg or text)"), kanri_cli_analyze },
  { "verify", N_("Verify the DKIM signatures and ARC chain of messages (.eml)"), kanri_cli_verify },
  { "trace", N_("Trace a message in Exchange Online beside its Received hops"), kanri_cli_trace },
  { "ndr", N_("Explain a non-delivery report code or line"), kanri_cli_ndr },
  { NULL }
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: kanri-cli COMMAND [OPTION…]"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “kanri-cli COMMAND --help” for a command’s options."));
}

int
main (int   argc,
      char *argv[])
{
  kanri_i18n_init ();

  if (argc < 2)
    {
      print_usage (stderr);
      return KANRI_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return KANRI_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("kanri-cli %s\n", PACKAGE_VERSION);
      return KANRI_CLI_EXIT_OK;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  fprintf (stderr, _("kanri-cli: unknown command “%s”"), argv[1]);
  fputs ("\n\n", stderr);
  print_usage (stderr);

  return KANRI_CLI_EXIT_USAGE;
}
