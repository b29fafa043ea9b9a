/* kanri-dkim-crypto.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

G_BEGIN_DECLS

/* The hashes of DKIM's algorithms (RFC 6376 §3.3, RFC 8463 §3). */
typedef enum
{
  KANRI_DKIM_HASH_SHA1,
  KANRI_DKIM_HASH_SHA256,
} KanriDkimHash;

#define KANRI_DKIM_DIGEST_MAX SHA256_DIGEST_SIZE

typedef struct
{
  KanriDkimHash hash;
  union
  {
    struct sha1_ctx   sha1;
    struct sha256_ctx sha256;
  } ctx;
} KanriDkimDigest;

typedef enum
{
  KANRI_DKIM_KEY_TYPE_RSA,
  KANRI_DKIM_KEY_TYPE_ED25519,
} KanriDkimKeyType;

typedef struct _KanriDkimPublicKey KanriDkimPublicKey;

void                kanri_dkim_digest_init         (KanriDkimDigest          *digest,
                                                    KanriDkimHash             hash);
void                kanri_dkim_digest_update       (KanriDkimDigest          *digest,
                                                    const void               *data,
                                                    gsize                     length);
gsize               kanri_dkim_digest_finish       (KanriDkimDigest          *digest,
                                                    guint8                   *out);
gsize               kanri_dkim_hash_get_size       (KanriDkimHash             hash);

KanriDkimPublicKey *kanri_dkim_public_key_new_rsa     (const guint8          *der,
                                                       gsize                  length,
                                                       GError               **error);
KanriDkimPublicKey *kanri_dkim_public_key_new_ed25519 (const guint8          *raw,
                                                       gsize                  length,
                                                       GError               **error);
void                kanri_dkim_public_key_free        (KanriDkimPublicKey    *key);
KanriDkimKeyType    kanri_dkim_public_key_get_type    (const KanriDkimPublicKey *key);
guint               kanri_dkim_public_key_get_bits    (const KanriDkimPublicKey *key);
gboolean            kanri_dkim_public_key_verify      (const KanriDkimPublicKey *key,
                                                       KanriDkimHash          hash,
                                                       const guint8          *digest,
                                                       const guint8          *signature,
                                                       gsize                  signature_length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriDkimPublicKey, kanri_dkim_public_key_free)

G_END_DECLS
