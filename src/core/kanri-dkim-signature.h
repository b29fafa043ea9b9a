/* kanri-dkim-signature.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "kanri-dkim-canon.h"
#include "kanri-dkim-crypto.h"
#include "kanri-dkim-message.h"
#include "kanri-dkim-result.h"

G_BEGIN_DECLS

/* The fields that carry a signature: DKIM-Signature (RFC 6376 §3.5),
 * ARC-Message-Signature and ARC-Seal (RFC 8617 §4.1.2, §4.1.3). */
typedef enum
{
  KANRI_DKIM_SIGNATURE_DKIM,
  KANRI_DKIM_SIGNATURE_ARC_MESSAGE,
  KANRI_DKIM_SIGNATURE_ARC_SEAL,
} KanriDkimSignatureKind;

/* ARC numbers its sets from 1 to at most 50 (RFC 8617 §4.2.1). */
#define KANRI_ARC_MAX_INSTANCES 50

/**
 * KanriDkimSignature:
 * @reason: %KANRI_DKIM_REASON_NONE when the field is a well-formed
 *   signature; otherwise why it is not, with @detail saying where, and the
 *   other members filled as far as they could be read
 * @algorithm: a= as written, lower case
 * @headers: h= in lower case (%NULL for ARC-Seal)
 * @identity: i= of a DKIM-Signature; @instance is i= of the ARC fields
 * @b: the signature value without white space, to match header.b of
 *   Authentication-Results (RFC 6008)
 * @b_start, @b_end: where b='s value stands in the field, to be left out
 *   of the signed data (RFC 6376 §3.7)
 */
typedef struct
{
  KanriDkimSignatureKind  kind;
  KanriDkimReason         reason;
  char                   *detail;

  char                   *domain;
  char                   *selector;
  char                   *algorithm;
  KanriDkimKeyType        key_type;
  KanriDkimHash           hash;
  KanriDkimCanon          header_canon;
  KanriDkimCanon          body_canon;
  char                  **headers;
  char                   *identity;
  guint                   instance;
  char                   *cv;
  guint64                 length;
  gboolean                has_timestamp;
  guint64                 timestamp;
  gboolean                has_expiration;
  guint64                 expiration;
  GBytes                 *signature;
  GBytes                 *body_hash;
  char                   *b;
  gsize                   b_start;
  gsize                   b_end;
} KanriDkimSignature;

KanriDkimSignature *kanri_dkim_signature_parse (KanriDkimSignatureKind  kind,
                                                const KanriDkimField   *field);
void                kanri_dkim_signature_free  (KanriDkimSignature     *signature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriDkimSignature, kanri_dkim_signature_free)

G_END_DECLS
