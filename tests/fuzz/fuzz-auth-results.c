/* fuzz-auth-results.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#include "kanri-auth-results.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_crash ();
  return 0;
}

/* Authentication-Results, ARC-Authentication-Results and Received-SPF. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) spf_error = NULL;
  g_autoptr(KanriAuthResults) results = NULL;
  g_autoptr(KanriReceivedSpf) spf = NULL;

  results = kanri_auth_results_parse ((const char *)data, size, &error);
  g_assert ((results == NULL) == (error != NULL));
  if (results != NULL)
    {
      for (guint i = 0; i < results->results->len; i++)
        {
          const KanriAuthResult *result = g_ptr_array_index (results->results, i);

          g_assert (result->method != NULL && result->result != NULL);
          g_assert (g_utf8_validate (result->result, -1, NULL));
          kanri_auth_explain_result (result->method, result->result);
          kanri_auth_result_get (result, "header.d");
          if (result->reason != NULL)
            kanri_auth_explain_compauth_reason (result->reason);
          if (kanri_auth_result_get (result, "action") != NULL)
            kanri_auth_explain_dmarc_action (kanri_auth_result_get (result, "action"));
        }
      kanri_auth_results_find (results, "spf");
    }

  spf = kanri_received_spf_parse ((const char *)data, size, &spf_error);
  g_assert ((spf == NULL) == (spf_error != NULL));
  if (spf != NULL)
    kanri_received_spf_get (spf, "client-ip");

  return 0;
}
