/* kanri-arc.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-dkim-verify.h"

G_BEGIN_DECLS

/* The chain validation status of RFC 8617 §4.4. */
typedef enum
{
  KANRI_ARC_RESULT_NONE,
  KANRI_ARC_RESULT_PASS,
  KANRI_ARC_RESULT_FAIL,
} KanriArcResult;

/* Why a chain fails. */
typedef enum
{
  KANRI_ARC_REASON_NONE,
  KANRI_ARC_REASON_INSTANCE,
  KANRI_ARC_REASON_INCOMPLETE,
  KANRI_ARC_REASON_DUPLICATE,
  KANRI_ARC_REASON_GAP,
  KANRI_ARC_REASON_CV_FAIL,
  KANRI_ARC_REASON_CV_INVALID,
  KANRI_ARC_REASON_MESSAGE_SIGNATURE,
  KANRI_ARC_REASON_SEAL,
} KanriArcReason;

/**
 * KanriArcSet:
 * @instance: i=, from 1
 * @domain, @selector, @cv: the ARC-Seal's d=, s= and cv=
 * @message_signature: the verdict on the ARC-Message-Signature; only the
 *   newest one decides the chain (RFC 8617 §5.2 step 4), the older ones
 *   show where the message was changed on the way
 * @seal: the ARC-Seal's result, %KANRI_DKIM_RESULT_NONE when it was not
 *   checked because the chain had failed already
 */
typedef struct
{
  guint             instance;
  char             *domain;
  char             *selector;
  char             *cv;
  KanriDkimVerdict *message_signature;
  KanriDkimResult   seal;
  KanriDkimReason   seal_reason;
  char             *seal_detail;
} KanriArcSet;

/**
 * KanriArcVerdict:
 * @failed_instance: the set where the chain failed, 0 when it did not or
 *   when no set can be named
 * @detail: (nullable): what exactly failed, translated
 * @sets: (element-type KanriArcSet): the sets found, oldest first
 */
typedef struct
{
  KanriArcResult  result;
  KanriArcReason  reason;
  guint           failed_instance;
  char           *detail;
  GPtrArray      *sets;
} KanriArcVerdict;

KanriArcVerdict *kanri_arc_validate          (KanriDkimVerifier *verifier,
                                              KanriDkimMessage  *message,
                                              GCancellable      *cancellable);
void             kanri_arc_verdict_free      (KanriArcVerdict   *verdict);
const char      *kanri_arc_result_to_string  (KanriArcResult     result);
const char      *kanri_arc_reason_to_string  (KanriArcReason     reason);
const char      *kanri_arc_reason_explain    (KanriArcReason     reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriArcVerdict, kanri_arc_verdict_free)

G_END_DECLS
