/* kanri-dkim-key.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "kanri-dkim-crypto.h"

G_BEGIN_DECLS

#define KANRI_DKIM_KEY_ERROR (kanri_dkim_key_error_quark ())

/* Why a TXT record is not a usable key record (RFC 6376 §3.6.1). */
typedef enum
{
  KANRI_DKIM_KEY_ERROR_SYNTAX,
  KANRI_DKIM_KEY_ERROR_VERSION,
  KANRI_DKIM_KEY_ERROR_REVOKED,
  KANRI_DKIM_KEY_ERROR_UNKNOWN_TYPE,
  KANRI_DKIM_KEY_ERROR_BAD_KEY,
  KANRI_DKIM_KEY_ERROR_SERVICE,
} KanriDkimKeyError;

/* A key record. @allows_sha1 and @allows_sha256 come from h= (both when it
 * is absent); @testing and @strict are the y and s flags of t=. */
typedef struct
{
  KanriDkimKeyType    type;
  KanriDkimPublicKey *key;
  gboolean            allows_sha1;
  gboolean            allows_sha256;
  gboolean            testing;
  gboolean            strict;
} KanriDkimKey;

GQuark        kanri_dkim_key_error_quark (void);
KanriDkimKey *kanri_dkim_key_parse       (const char    *record,
                                          gsize          length,
                                          GError       **error);
void          kanri_dkim_key_free        (KanriDkimKey  *key);
gboolean      kanri_dkim_key_allows_hash (const KanriDkimKey *key,
                                          KanriDkimHash       hash);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriDkimKey, kanri_dkim_key_free)

G_END_DECLS
