/* kanri-signature-compare.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-signature-check.h"

G_BEGIN_DECLS

/* Severities as KanriSeverity counts them (info, warning, error). */
typedef void (*KanriSignatureFindingFunc) (const char *id,
                                           int         severity,
                                           char       *message,
                                           gpointer    user_data);

void kanri_signature_compare (const KanriSignatureCheck *check,
                              const KanriAuthResults    *claimed,
                              KanriSignatureFindingFunc  func,
                              gpointer                   user_data);

G_END_DECLS
