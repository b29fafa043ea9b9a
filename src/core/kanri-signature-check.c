/* kanri-signature-check.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-signature-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-signature-check.h"

/* The DKIM signatures and the ARC chain of one message, as the Header
 * Analyzer and `kanri-cli verify` report them. Verifying needs the message
 * as received, body included: a signature covers its body hash. */

void
kanri_signature_check_free (KanriSignatureCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->message);
  g_clear_pointer (&check->signatures, g_ptr_array_unref);
  g_clear_pointer (&check->arc, kanri_arc_verdict_free);
  g_free (check);
}

/**
 * kanri_signature_check_new_status:
 * @message: (nullable): why there is nothing verified
 *
 * Returns: (transfer full): a check that verified nothing
 */
KanriSignatureCheck *
kanri_signature_check_new_status (KanriSignatureStatus  status,
                                  const char           *message)
{
  KanriSignatureCheck *check = g_new0 (KanriSignatureCheck, 1);

  check->status = status;
  check->message = g_strdup (message);
  return check;
}

/**
 * kanri_signature_status_to_string:
 *
 * Returns: "not-checked", "verified", "body-needed" or "unreadable", as in
 *   the JSON report
 */
const char *
kanri_signature_status_to_string (KanriSignatureStatus status)
{
  static const char *const names[] = { "not-checked", "verified", "body-needed", "unreadable" };

  g_return_val_if_fail ((guint)status < G_N_ELEMENTS (names), NULL);

  return names[status];
}

/**
 * kanri_signature_check_run:
 * @data: the message as received: its header section and body, as an .eml
 *   file holds them
 * @verifier: gives the keys and the time
 *
 * Verifies every DKIM signature and the ARC chain. Blocks on DNS.
 *
 * Returns: (transfer full): the check; its status says when @data has no
 *   body or cannot be read as a message
 */
KanriSignatureCheck *
kanri_signature_check_run (const char        *data,
                           gsize              length,
                           KanriDkimVerifier *verifier,
                           GCancellable      *cancellable)
{
  g_autoptr(KanriDkimMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  KanriSignatureCheck *check;

  g_return_val_if_fail (KANRI_IS_DKIM_VERIFIER (verifier), NULL);

  message = kanri_dkim_message_new (data, length, &error);
  if (message == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The signatures cannot be verified: %s."), error->message);

      return kanri_signature_check_new_status (KANRI_SIGNATURES_UNREADABLE, text);
    }

  if (!kanri_dkim_message_has_body (message))
    return kanri_signature_check_new_status (KANRI_SIGNATURES_BODY_NEEDED,
                                             _("The input ends within the header section: DKIM and ARC signatures can only be verified on the whole message as received, with its body (an .eml file)."));

  check = kanri_signature_check_new_status (KANRI_SIGNATURES_VERIFIED, NULL);
  check->signatures = kanri_dkim_verifier_verify (verifier, message, &check->n_unverified, cancellable);
  check->arc = kanri_arc_validate (verifier, message, cancellable);
  return check;
}

/**
 * kanri_signature_check_passes:
 *
 * Returns: whether a DKIM signature passes and no ARC chain fails, what
 *   `kanri-cli verify` exits 0 for
 */
gboolean
kanri_signature_check_passes (const KanriSignatureCheck *check)
{
  gboolean pass = FALSE;

  if (check->status != KANRI_SIGNATURES_VERIFIED)
    return FALSE;

  for (guint i = 0; i < check->signatures->len && !pass; i++)
    pass = ((KanriDkimVerdict *)g_ptr_array_index (check->signatures, i))->result == KANRI_DKIM_RESULT_PASS;

  return pass && check->arc->result != KANRI_ARC_RESULT_FAIL;
}
