/* fuzz-analyze.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#include <string.h>

#include "kanri-header-analyzer.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_crash ();
  return 0;
}

/* The whole Header Analyzer: format detection, pasted text, NDR reports,
 * every parser, the findings, and both outputs. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriHeaderReport) report = NULL;
  g_autofree char *json = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *text = NULL;

  report = kanri_header_analyzer_analyze ((const char *)data, size, "fuzz", KANRI_MESSAGE_FORMAT_AUTO, NULL, &error);
  g_assert ((report == NULL) == (error != NULL));
  if (report == NULL)
    return 0;

  json = kanri_header_report_to_json (report, FALSE);
  pretty = kanri_header_report_to_json (report, TRUE);
  text = kanri_header_report_to_text (report);
  g_assert (g_utf8_validate (json, -1, NULL));
  g_assert (g_utf8_validate (text, -1, NULL));
  g_assert (json[0] == '{' && json[strlen (json) - 1] == '}');

  return 0;
}
