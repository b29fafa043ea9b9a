/* fuzz-dkim-verify.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#include "kanri-signature-check.h"
#include "kanri-zone-resolver.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static KanriDkimVerifier *verifier;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(KanriZoneResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_make_warnings_crash ();
  /* The corpus zone (tests/data/dkim/zone.json): the seed messages' RSA,
   * Ed25519 and ARC keys, so that mutated signatures get as far as the
   * crypto, and a selector that times out. */
  resolver = kanri_zone_resolver_new_from_file (KANRI_FUZZ_DKIM_ZONE, &error);
  g_assert_no_error (error);
  verifier = kanri_dkim_verifier_new (KANRI_RESOLVER (resolver));
  kanri_dkim_verifier_set_time (verifier, 1700003600);
  return 0;
}

/* A whole message: its header section, every DKIM-Signature and ARC set,
 * canonicalization and l=, and the report's JSON and text of it. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(KanriSignatureCheck) check = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  check = kanri_signature_check_run ((const char *)data, size, verifier, NULL);
  g_assert (check != NULL);
  if (check->status == KANRI_SIGNATURES_VERIFIED)
    {
      g_assert (check->signatures->len <= KANRI_DKIM_MAX_SIGNATURES);
      g_assert (check->arc != NULL);
      g_assert (check->arc->sets->len <= KANRI_ARC_MAX_INSTANCES);
    }
  else
    {
      g_assert (check->message != NULL);
    }

  json = kanri_signature_check_to_json (check);
  kanri_signature_check_append_text (check, text, 0);
  kanri_signature_check_passes (check);

  return 0;
}
