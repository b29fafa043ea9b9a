/* kanri-tokens.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "kanri-cloud.h"

G_BEGIN_DECLS

/* What a sign-in gives: never written anywhere but the Secret Service
 * (kanri-secrets.c). */
typedef struct
{
  KanriCloud  cloud;
  char       *tenant_id;
  char       *upn;
  char       *access_token;
  char       *refresh_token;
  gint64      expires_at;
} KanriTokens;

KanriTokens *kanri_tokens_new_from_reply  (KanriCloud          cloud,
                                           const char         *reply,
                                           gsize               length,
                                           GError            **error);
KanriTokens *kanri_tokens_new_from_secret (KanriCloud          cloud,
                                           const char         *tenant_id,
                                           const char         *upn,
                                           const char         *secret,
                                           GError            **error);
char        *kanri_tokens_to_secret       (const KanriTokens  *tokens);
KanriTokens *kanri_tokens_copy            (const KanriTokens  *tokens);
gboolean     kanri_tokens_access_is_fresh (const KanriTokens  *tokens);
void         kanri_tokens_free            (KanriTokens        *tokens);
gboolean     kanri_jwt_read_claims        (const char         *token,
                                           char              **tenant_id,
                                           char              **upn,
                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriTokens, kanri_tokens_free)

G_END_DECLS
