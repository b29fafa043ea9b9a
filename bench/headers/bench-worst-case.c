/* bench-worst-case.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-worst-case"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "kanri-header-analyzer.h"
#include "kanri-worst-case.h"

/* The Header Analyzer on the worst inputs its limits admit
 * (tests/core/kanri-worst-case.c): CPU time to analyze each and to write its
 * JSON, as `kanri-cli analyze --json` does. Prints figures; never fails on a
 * time. --bytes makes the inputs smaller, to see how the time grows with
 * the size: doubling the input should double the time. */

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
bench_case (const KanriWorstCase *worst,
            gsize                 max_bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriHeaderReport) report = NULL;
  g_autoptr(GString) input = NULL;
  g_autofree char *json = NULL;
  double start, analyzed, written;
  guint n_units = 0;

  input = kanri_worst_case_build (worst, max_bytes, &n_units);

  start = cpu_seconds ();
  report = kanri_header_analyzer_analyze (input->str, input->len, worst->name,
                                          KANRI_MESSAGE_FORMAT_AUTO, NULL, &error);
  analyzed = cpu_seconds ();
  if (report != NULL)
    json = kanri_header_report_to_json (report, TRUE);
  written = cpu_seconds ();

  printf ("%-18s %9.2f MB %8u parts %8u hops  analyze %7.3f s  JSON %6.3f s  %6.1f MB/s%s%s\n",
          worst->name, input->len / 1e6, n_units,
          report != NULL ? kanri_header_report_get_hops (report)->len : 0,
          analyzed - start, written - analyzed,
          input->len / 1e6 / MAX (written - start, 1e-6),
          error != NULL ? "  error: " : "", error != NULL ? error->message : "");
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[CASE…]");
  g_autoptr(GError) error = NULL;
  gint64 bytes = 0;
  const GOptionEntry entries[] = {
    { "bytes", 0, 0, G_OPTION_ARG_INT64, &bytes, "Make each input at most this large (default: its limit)", "N" },
    { NULL }
  };
  const KanriWorstCase *all;
  guint n_cases;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || bytes < 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--bytes must not be negative");
      return 2;
    }

  all = kanri_worst_case_get_all (&n_cases);
  printf ("The worst input of each shape that the limits admit, and the CPU time it costs\n");

  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        {
          const KanriWorstCase *worst = kanri_worst_case_lookup (argv[i]);

          if (worst == NULL)
            {
              g_printerr ("No case named “%s”\n", argv[i]);
              return 2;
            }
          bench_case (worst, bytes);
        }
      return 0;
    }

  for (guint i = 0; i < n_cases; i++)
    bench_case (&all[i], bytes);

  return 0;
}
