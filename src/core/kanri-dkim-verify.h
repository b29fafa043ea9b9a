/* kanri-dkim-verify.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-dkim-key.h"
#include "kanri-dkim-message.h"
#include "kanri-dkim-result.h"
#include "kanri-dkim-signature.h"
#include "kanri-resolver.h"

G_BEGIN_DECLS

/* More DKIM signatures than this in one message are not verified: each
 * costs a DNS query, and RFC 6376 §8.4 lets verifiers stop. */
#define KANRI_DKIM_MAX_SIGNATURES 16

typedef enum
{
  KANRI_DKIM_BODY_HASH_UNCHECKED,
  KANRI_DKIM_BODY_HASH_MATCH,
  KANRI_DKIM_BODY_HASH_MISMATCH,
} KanriDkimBodyHash;

/**
 * KanriDkimVerdict:
 * @field_index: the signature field's place in the header section
 * @domain, @selector, @algorithm: as the signature gives them (%NULL when
 *   it could not be read that far)
 * @detail: (nullable): what exactly went wrong, translated
 * @key_bits: the size of the key that was used, 0 when none was found
 * @testing: the key record says t=y: the domain is testing DKIM, and its
 *   result must not count (RFC 6376 §3.6.1)
 * @body_hash: whether the body hash matched, checked even when the key
 *   could not be had, since it needs no key
 * @headers_changed: the signature did not verify over the header fields
 *   while the key was there
 * @signed_length: l=, or %KANRI_DKIM_NO_LIMIT
 * @appended: how many octets of canonical body follow the l= length
 */
typedef struct
{
  guint              field_index;
  char              *domain;
  char              *selector;
  char              *algorithm;
  char              *identity;
  char              *b;
  guint              instance;
  KanriDkimResult    result;
  KanriDkimReason    reason;
  char              *detail;
  guint              key_bits;
  gboolean           testing;
  KanriDkimBodyHash  body_hash;
  gboolean           headers_changed;
  guint64            signed_length;
  guint64            appended;
} KanriDkimVerdict;

void kanri_dkim_verdict_free (KanriDkimVerdict *verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriDkimVerdict, kanri_dkim_verdict_free)

#define KANRI_TYPE_DKIM_VERIFIER (kanri_dkim_verifier_get_type ())

G_DECLARE_FINAL_TYPE (KanriDkimVerifier, kanri_dkim_verifier, KANRI, DKIM_VERIFIER, GObject)

KanriDkimVerifier  *kanri_dkim_verifier_new           (KanriResolver            *resolver);
void                kanri_dkim_verifier_set_time      (KanriDkimVerifier        *self,
                                                       gint64                    now);
gint64              kanri_dkim_verifier_get_time      (KanriDkimVerifier        *self);
GPtrArray          *kanri_dkim_verifier_verify        (KanriDkimVerifier        *self,
                                                       KanriDkimMessage         *message,
                                                       guint                    *n_unverified,
                                                       GCancellable             *cancellable);
KanriDkimVerdict   *kanri_dkim_verifier_verify_field  (KanriDkimVerifier        *self,
                                                       KanriDkimMessage         *message,
                                                       guint                     index,
                                                       KanriDkimSignatureKind    kind,
                                                       GCancellable             *cancellable);
const KanriDkimKey *kanri_dkim_verifier_get_key       (KanriDkimVerifier        *self,
                                                       const KanriDkimSignature *signature,
                                                       GCancellable             *cancellable,
                                                       KanriDkimReason          *reason,
                                                       const char              **detail);
KanriDkimReason     kanri_dkim_key_check              (const KanriDkimKey       *key,
                                                       const KanriDkimSignature *signature);
gboolean            kanri_dkim_verify_fields          (KanriDkimMessage         *message,
                                                       const KanriDkimSignature *signature,
                                                       guint                     signature_index,
                                                       const guint              *fields,
                                                       guint                     n_fields,
                                                       const KanriDkimKey       *key);

G_END_DECLS
