/* kanri-signature-check.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kanri-arc.h"
#include "kanri-auth-results.h"

G_BEGIN_DECLS

/* Whether a message's signatures could be verified. */
typedef enum
{
  KANRI_SIGNATURES_NOT_CHECKED,
  KANRI_SIGNATURES_VERIFIED,
  KANRI_SIGNATURES_BODY_NEEDED,
  KANRI_SIGNATURES_UNREADABLE,
} KanriSignatureStatus;

/**
 * KanriSignatureCheck:
 * @message: (nullable): why the signatures were not verified, translated
 * @signatures: (element-type KanriDkimVerdict): the DKIM signatures, top
 *   first, when @status is %KANRI_SIGNATURES_VERIFIED
 * @n_unverified: DKIM signatures past %KANRI_DKIM_MAX_SIGNATURES
 * @arc: (nullable): the ARC chain, when verified
 */
typedef struct
{
  KanriSignatureStatus  status;
  char                 *message;
  GPtrArray            *signatures;
  guint                 n_unverified;
  KanriArcVerdict      *arc;
} KanriSignatureCheck;

KanriSignatureCheck *kanri_signature_check_run          (const char                *data,
                                                         gsize                      length,
                                                         KanriDkimVerifier         *verifier,
                                                         GCancellable              *cancellable);
KanriSignatureCheck *kanri_signature_check_new_status   (KanriSignatureStatus       status,
                                                         const char                *message);
void                 kanri_signature_check_free         (KanriSignatureCheck       *check);
const char          *kanri_signature_status_to_string   (KanriSignatureStatus       status);
gboolean             kanri_signature_check_passes       (const KanriSignatureCheck *check);

JsonNode            *kanri_signature_check_to_json            (const KanriSignatureCheck *check);
void                 kanri_signature_check_append_text        (const KanriSignatureCheck *check,
                                                               GString                   *out,
                                                               guint                      indent);
char                *kanri_dkim_verdict_describe              (const KanriDkimVerdict    *verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriSignatureCheck, kanri_signature_check_free)

G_END_DECLS
