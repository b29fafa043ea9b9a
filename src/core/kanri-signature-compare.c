/* kanri-signature-compare.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-signature-compare"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "kanri-signature-compare.h"

/* Kanri's own verdicts beside the dkim= and arc= results the receiving
 * server wrote in its Authentication-Results, as findings:
 *
 *   dkim-verify-mismatch   the server and Kanri disagree on whether a
 *                          signature passes
 *   dkim-body-modified     a body hash does not match: the body changed
 *                          after signing (before arrival when the server
 *                          failed it too, after arrival when it passed it)
 *   dkim-header-modified   the body hash matches and the signature does
 *                          not: a signed header field changed
 *   dkim-content-appended  the signature passes with l=, and unsigned
 *                          content follows the signed length
 *   dkim-rsa-sha1          a signature verifies with rsa-sha1 only
 *   arc-verify-mismatch    the server's arc= and Kanri's chain differ
 *   arc-fail               the ARC chain fails
 *
 * The server checked the message when it arrived, Kanri checks it as the
 * file holds it now: a key removed since, an expiry passed since, or a
 * change made after arrival all show as a difference, and the messages say
 * which is likely. */

enum
{
  INFO,
  WARNING,
  ERROR,
};

/* RFC 6008 §4: header.b holds at least the first 8 characters of b=. */
#define MIN_B_PREFIX 8

static gboolean
matches_claim (const KanriDkimVerdict *verdict,
               const KanriAuthResult  *claim)
{
  const char *b = kanri_auth_result_get (claim, "header.b");
  const char *d = kanri_auth_result_get (claim, "header.d");
  const char *s = kanri_auth_result_get (claim, "header.s");

  if (b != NULL && strlen (b) >= MIN_B_PREFIX)
    return verdict->b != NULL && g_str_has_prefix (verdict->b, b);

  return verdict->domain != NULL && d != NULL && g_ascii_strcasecmp (verdict->domain, d) == 0 &&
         (s == NULL || (verdict->selector != NULL && g_ascii_strcasecmp (verdict->selector, s) == 0));
}

/* Which signature a dkim= result speaks of; NULL for none or for several
 * that cannot be told apart, which would make any comparison a guess. */
static const KanriDkimVerdict *
find_signature (const KanriSignatureCheck *check,
                const KanriAuthResult     *claim,
                guint                     *n_matching)
{
  const KanriDkimVerdict *found = NULL;

  *n_matching = 0;
  for (guint i = 0; i < check->signatures->len; i++)
    {
      const KanriDkimVerdict *verdict = g_ptr_array_index (check->signatures, i);

      if (matches_claim (verdict, claim))
        {
          found = verdict;
          (*n_matching)++;
        }
    }

  return *n_matching == 1 ? found : NULL;
}

static const char *
or_unknown (const char *value)
{
  return value != NULL ? value : "?";
}

/* What can make a signature that passed on arrival fail now. */
static const char *
since_arrival (const KanriDkimVerdict *verdict)
{
  switch (verdict->reason)
    {
    case KANRI_DKIM_REASON_NO_KEY:
    case KANRI_DKIM_REASON_KEY_REVOKED:
      return _("The key was probably rotated or removed since the message arrived: signing domains replace their keys.");
    case KANRI_DKIM_REASON_EXPIRED:
      return _("The signature probably expired (x=) after the message arrived.");
    case KANRI_DKIM_REASON_KEY_UNAVAILABLE:
      return _("Kanri could not look up the key now; try again later.");
    case KANRI_DKIM_REASON_BODY_HASH:
    case KANRI_DKIM_REASON_BODY_TRUNCATED:
    case KANRI_DKIM_REASON_SIGNATURE:
      return _("The message was changed after it arrived: by a transport rule (a disclaimer or a banner), or when it was saved (Outlook and Exchange rewrite a message’s MIME when it is exported).");
    default:
      return kanri_dkim_reason_explain (verdict->reason);
    }
}

static void
compare_claim (const KanriSignatureCheck *check,
               const KanriAuthResult     *claim,
               KanriSignatureFindingFunc  func,
               gpointer                   user_data)
{
  const char *claimed_domain = kanri_auth_result_get (claim, "header.d");
  gboolean claimed_pass = g_str_equal (claim->result, "pass");
  const KanriDkimVerdict *verdict;
  guint n_matching;

  if (g_str_equal (claim->result, "none"))
    return;

  verdict = find_signature (check, claim, &n_matching);
  if (n_matching == 0 && claimed_pass)
    {
      func ("dkim-verify-mismatch", WARNING,
            g_strdup_printf (_("The receiving server reported dkim=pass for %s, but the message has no DKIM signature of that domain now: it was removed after the message arrived."),
                             or_unknown (claimed_domain)),
            user_data);
      return;
    }
  if (verdict == NULL || claimed_pass == (verdict->result == KANRI_DKIM_RESULT_PASS))
    return;

  if (claimed_pass)
    func ("dkim-verify-mismatch",
          verdict->reason == KANRI_DKIM_REASON_NO_KEY || verdict->reason == KANRI_DKIM_REASON_KEY_REVOKED ||
          verdict->reason == KANRI_DKIM_REASON_EXPIRED || verdict->reason == KANRI_DKIM_REASON_KEY_UNAVAILABLE ?
          INFO : WARNING,
          g_strdup_printf (_("The receiving server reported dkim=pass for the signature of %s (s=%s); Kanri finds %s (%s). %s"),
                           or_unknown (verdict->domain), or_unknown (verdict->selector),
                           kanri_dkim_result_to_string (verdict->result),
                           kanri_dkim_reason_to_string (verdict->reason), since_arrival (verdict)),
          user_data);
  else
    func ("dkim-verify-mismatch", WARNING,
          g_strdup_printf (_("The receiving server reported dkim=%s for the signature of %s (s=%s), but it verifies now. The key may have been published or fixed since, or the server could not reach DNS."),
                           claim->result, or_unknown (verdict->domain), or_unknown (verdict->selector)),
          user_data);
}

static const KanriAuthResult *
claim_for (const KanriDkimVerdict *verdict,
           const KanriAuthResults *claimed)
{
  for (guint i = 0; claimed != NULL && i < claimed->results->len; i++)
    {
      const KanriAuthResult *result = g_ptr_array_index (claimed->results, i);

      if (g_str_equal (result->method, "dkim") && matches_claim (verdict, result))
        return result;
    }

  return NULL;
}

static void
describe_changes (const KanriDkimVerdict    *verdict,
                  const KanriAuthResults    *claimed,
                  KanriSignatureFindingFunc  func,
                  gpointer                   user_data)
{
  const KanriAuthResult *claim = claim_for (verdict, claimed);
  gboolean passed_on_arrival = claim != NULL && g_str_equal (claim->result, "pass");
  const char *domain = or_unknown (verdict->domain);

  if (verdict->body_hash == KANRI_DKIM_BODY_HASH_MISMATCH && verdict->result == KANRI_DKIM_RESULT_FAIL)
    func ("dkim-body-modified", WARNING,
          passed_on_arrival ?
          g_strdup_printf (_("The body was changed after the receiving server verified the signature of %s: its body hash no longer matches. A transport rule that adds a disclaimer or a banner changes it this way, and so does saving the message from a mailbox (Outlook and Exchange rewrite its MIME)."), domain) :
          g_strdup_printf (_("The body was changed after %s signed it: its body hash does not match. A gateway or mailing list on the way that adds a banner, a disclaimer or a footer, or that re-encodes the message, breaks DKIM this way."), domain),
          user_data);
  else if (verdict->headers_changed && verdict->result == KANRI_DKIM_RESULT_FAIL)
    func ("dkim-header-modified", WARNING,
          g_strdup_printf (_("The body of the message is as %s signed it, but the signature does not verify: a signed header field was changed on the way (a gateway that tags the Subject does this), or the key in DNS is not the one that signed."), domain),
          user_data);

  if (verdict->appended > 0 && verdict->result == KANRI_DKIM_RESULT_PASS)
    func ("dkim-content-appended", WARNING,
          g_strdup_printf (_("The signature of %s covers only the first %" PRIu64 " octets of the body (l=); %" PRIu64 " more octets follow that nobody signed. It still passes, but what follows the signed length may have been added by anyone on the way."),
                           domain, verdict->signed_length, verdict->appended),
          user_data);

  if (verdict->result == KANRI_DKIM_RESULT_POLICY && verdict->reason == KANRI_DKIM_REASON_SHA1)
    func ("dkim-rsa-sha1", WARNING,
          g_strdup_printf (_("The signature of %s uses rsa-sha1. It verifies, but RFC 8301 forbids counting it: the signing domain should sign with rsa-sha256."), domain),
          user_data);
}

static void
compare_arc (const KanriArcVerdict     *arc,
             const KanriAuthResults    *claimed,
             KanriSignatureFindingFunc  func,
             gpointer                   user_data)
{
  const KanriAuthResult *claim = claimed != NULL ? kanri_auth_results_find (claimed, "arc") : NULL;
  const char *ours = kanri_arc_result_to_string (arc->result);

  if (arc->result == KANRI_ARC_RESULT_FAIL)
    func ("arc-fail", WARNING,
          arc->failed_instance > 0 ?
          g_strdup_printf (_("The ARC chain fails at set %u: %s"), arc->failed_instance, kanri_arc_reason_explain (arc->reason)) :
          g_strdup_printf (_("The ARC chain fails: %s"), kanri_arc_reason_explain (arc->reason)),
          user_data);

  /* The server judged the chain before adding its own set: arc=none with
   * one set (its own) is no disagreement. */
  if (claim == NULL || g_str_equal (claim->result, ours) ||
      (g_str_equal (claim->result, "none") && arc->result == KANRI_ARC_RESULT_PASS && arc->sets->len == 1))
    return;

  func ("arc-verify-mismatch", arc->result == KANRI_ARC_RESULT_FAIL ? WARNING : INFO,
        g_strdup_printf (_("The receiving server reported arc=%s; Kanri finds the ARC chain %s as the message is now. The server judged the chain before it added its own ARC set, and the message may have changed since it arrived."),
                         claim->result, ours),
        user_data);
}

/**
 * kanri_signature_compare:
 * @check: Kanri's verdicts
 * @claimed: (nullable): the receiving server's Authentication-Results
 * @func: called for each finding, which it takes
 *
 * Reports where the verdicts differ from what the server claimed, and
 * which part of the message changed where a signature tells.
 */
void
kanri_signature_compare (const KanriSignatureCheck *check,
                         const KanriAuthResults    *claimed,
                         KanriSignatureFindingFunc  func,
                         gpointer                   user_data)
{
  g_return_if_fail (check != NULL);
  g_return_if_fail (func != NULL);

  if (check->status != KANRI_SIGNATURES_VERIFIED)
    return;

  for (guint i = 0; i < check->signatures->len; i++)
    describe_changes (g_ptr_array_index (check->signatures, i), claimed, func, user_data);

  for (guint i = 0; claimed != NULL && i < claimed->results->len; i++)
    {
      const KanriAuthResult *result = g_ptr_array_index (claimed->results, i);

      if (g_str_equal (result->method, "dkim"))
        compare_claim (check, result, func, user_data);
    }

  compare_arc (check->arc, claimed, func, user_data);
}
