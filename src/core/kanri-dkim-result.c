/* kanri-dkim-result.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-dkim-result"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-dkim-result.h"

/**
 * kanri_dkim_result_to_string:
 *
 * Returns: the result as RFC 8601 §2.7.1 names it ("pass", "permerror", …)
 */
const char *
kanri_dkim_result_to_string (KanriDkimResult result)
{
  static const char *const names[] = {
    "none", "pass", "fail", "policy", "neutral", "temperror", "permerror",
  };

  g_return_val_if_fail ((guint)result < G_N_ELEMENTS (names), NULL);

  return names[result];
}

typedef struct
{
  const char *phrase;
  const char *explanation;
} Reason;

/* In the order of KanriDkimReason. */
static const Reason reasons[] = {
  { NULL, NULL },
  { "signature syntax error", N_("The signature field is not a valid tag list.") },
  { "signature missing required tag", N_("The signature lacks a tag it must have.") },
  { "incompatible version", N_("The signature is of a DKIM version other than 1.") },
  { "unsupported algorithm", N_("The signature uses an algorithm that is not rsa-sha256, ed25519-sha256 or rsa-sha1.") },
  { "unsupported canonicalization", N_("The signature names a canonicalization other than simple or relaxed.") },
  { "unsupported query method", N_("The signature asks for its key other than from DNS TXT records.") },
  { "From field not signed", N_("The signature does not cover the From field, which every DKIM signature must (RFC 6376 §5.4).") },
  { "domain mismatch", N_("The signature’s identity (i=) is not in its signing domain (d=).") },
  { "invalid timestamps", N_("The signature expires (x=) before it was made (t=).") },
  { "expired", N_("The signature has expired (x=): the signer limited how long it may be verified.") },
  { "no key record", N_("DNS has no key record for the signature’s selector and domain: the key was removed or the selector is wrong.") },
  { "key unavailable", N_("The key record could not be looked up in DNS now; a later attempt may succeed.") },
  { "key syntax error", N_("The TXT record at the selector is not a valid DKIM key record.") },
  { "key revoked", N_("The signing domain revoked the key: its record has an empty p=.") },
  { "inappropriate key algorithm", N_("The key in DNS is of another type than the signature’s algorithm.") },
  { "inappropriate hash algorithm", N_("The key record’s h= does not allow the signature’s hash algorithm.") },
  { "inappropriate service type", N_("The key record is not for email (s=).") },
  { "domain mismatch (t=s)", N_("The key record’s t=s allows no subdomain in i=, and the signature has one.") },
  { "key too short", N_("The RSA key is shorter than 1024 bits, which RFC 8301 §3.2 forbids verifiers to accept.") },
  { "body hash mismatch", N_("The body hash does not match: the body was changed after it was signed.") },
  { "body shorter than l=", N_("The body is shorter than the length the signature covers (l=): part of the body was removed after it was signed.") },
  { "signature does not verify", N_("The signature does not verify: a signed header field was changed after signing, or the key in DNS is not the one that signed.") },
  { "rsa-sha1 is obsolete", N_("The signature uses rsa-sha1, which RFC 8301 §3.1 says verifiers must not consider valid; it verifies, but does not count.") },
  { "ARC-Seal signed", N_("The ARC message signature covers ARC-Seal fields, which RFC 8617 §4.1.2 forbids.") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (reasons) == KANRI_DKIM_REASON_ARC_SEAL_HEADERS + 1);

/**
 * kanri_dkim_reason_to_string:
 *
 * Returns: (nullable): a stable English phrase, as in the JSON report and
 *   an Authentication-Results comment; %NULL for %KANRI_DKIM_REASON_NONE
 */
const char *
kanri_dkim_reason_to_string (KanriDkimReason reason)
{
  g_return_val_if_fail ((guint)reason < G_N_ELEMENTS (reasons), NULL);

  return reasons[reason].phrase;
}

/**
 * kanri_dkim_reason_explain:
 *
 * Returns: (nullable): what the reason means, translated
 */
const char *
kanri_dkim_reason_explain (KanriDkimReason reason)
{
  g_return_val_if_fail ((guint)reason < G_N_ELEMENTS (reasons), NULL);

  return reasons[reason].explanation != NULL ? _(reasons[reason].explanation) : NULL;
}
