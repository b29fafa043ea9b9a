/* kanri-dkim-crypto.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-dkim-crypto"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <nettle/asn1.h>
#include <nettle/bignum.h>
#include <nettle/eddsa.h>
#include <nettle/rsa.h>
#include <string.h>

#include "kanri-dkim-crypto.h"
#include "kanri-dkim-key.h"

/* The one place that touches Nettle: the hashes, and the public keys of a
 * DKIM key record with their verification (RSASSA-PKCS1-v1_5 of RFC 8017
 * §8.2 for rsa-*, PureEdDSA of RFC 8032 over the SHA-256 hash for
 * ed25519-sha256, RFC 8463 §3). Nothing here is cryptography of our own. */

/* The largest RSA modulus read: twice the 4096 bits RFC 8301 §3.2 asks a
 * verifier to handle, so that a key record cannot make verification slow. */
#define RSA_MAX_BITS 8192

struct _KanriDkimPublicKey
{
  KanriDkimKeyType      type;
  guint                 bits;
  struct rsa_public_key rsa;
  guint8                ed25519[ED25519_KEY_SIZE];
};

/* 1.2.840.113549.1.1.1, rsaEncryption (RFC 8017 appendix C), as DER. */
static const guint8 rsa_encryption_oid[] = {
  0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
};

void
kanri_dkim_digest_init (KanriDkimDigest *digest,
                        KanriDkimHash    hash)
{
  digest->hash = hash;
  if (hash == KANRI_DKIM_HASH_SHA1)
    sha1_init (&digest->ctx.sha1);
  else
    sha256_init (&digest->ctx.sha256);
}

void
kanri_dkim_digest_update (KanriDkimDigest *digest,
                          const void      *data,
                          gsize            length)
{
  if (length == 0)
    return;

  if (digest->hash == KANRI_DKIM_HASH_SHA1)
    sha1_update (&digest->ctx.sha1, length, data);
  else
    sha256_update (&digest->ctx.sha256, length, data);
}

/**
 * kanri_dkim_digest_finish:
 * @out: room for %KANRI_DKIM_DIGEST_MAX bytes
 *
 * Returns: the length of the digest written to @out
 */
gsize
kanri_dkim_digest_finish (KanriDkimDigest *digest,
                          guint8          *out)
{
  gsize size = kanri_dkim_hash_get_size (digest->hash);

  if (digest->hash == KANRI_DKIM_HASH_SHA1)
    sha1_digest (&digest->ctx.sha1, size, out);
  else
    sha256_digest (&digest->ctx.sha256, size, out);
  return size;
}

gsize
kanri_dkim_hash_get_size (KanriDkimHash hash)
{
  return hash == KANRI_DKIM_HASH_SHA1 ? SHA1_DIGEST_SIZE : SHA256_DIGEST_SIZE;
}

static void
set_bad_key (GError     **error,
             const char  *reason)
{
  g_set_error_literal (error, KANRI_DKIM_KEY_ERROR, KANRI_DKIM_KEY_ERROR_BAD_KEY, reason);
}

/* SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) holding an RSAPublicKey: the
 * form of p= for k=rsa (RFC 6376 §3.6.1). On return @i is at the
 * RSAPublicKey. */
static gboolean
enter_subject_public_key_info (struct asn1_der_iterator *i)
{
  struct asn1_der_iterator algorithm;

  if (asn1_der_decode_constructed_last (i) != ASN1_ITERATOR_CONSTRUCTED || i->type != ASN1_SEQUENCE)
    return FALSE;
  if (asn1_der_decode_constructed (i, &algorithm) != ASN1_ITERATOR_PRIMITIVE ||
      algorithm.type != ASN1_IDENTIFIER || algorithm.length != sizeof rsa_encryption_oid ||
      memcmp (algorithm.data, rsa_encryption_oid, sizeof rsa_encryption_oid) != 0)
    return FALSE;
  if (asn1_der_iterator_next (i) != ASN1_ITERATOR_PRIMITIVE || i->type != ASN1_BITSTRING)
    return FALSE;
  return asn1_der_decode_bitstring_last (i) == ASN1_ITERATOR_CONSTRUCTED;
}

/**
 * kanri_dkim_public_key_new_rsa:
 * @der: the decoded p= of a k=rsa key record
 *
 * Reads a SubjectPublicKeyInfo, or a bare RSAPublicKey (RFC 8017 A.1.1),
 * which some key generators publish.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with
 *   %KANRI_DKIM_KEY_ERROR_BAD_KEY
 */
KanriDkimPublicKey *
kanri_dkim_public_key_new_rsa (const guint8  *der,
                               gsize          length,
                               GError       **error)
{
  g_autoptr(KanriDkimPublicKey) key = g_new0 (KanriDkimPublicKey, 1);
  struct asn1_der_iterator i;
  gboolean spki;

  key->type = KANRI_DKIM_KEY_TYPE_RSA;
  rsa_public_key_init (&key->rsa);

  if (asn1_der_iterator_first (&i, length, der) != ASN1_ITERATOR_CONSTRUCTED || i.type != ASN1_SEQUENCE)
    {
      set_bad_key (error, _("the public key is not DER data"));
      return NULL;
    }

  /* An RSAPublicKey starts with an INTEGER, a SubjectPublicKeyInfo with a
   * SEQUENCE: look inside without moving @i. */
  {
    struct asn1_der_iterator peek;

    spki = asn1_der_decode_constructed (&i, &peek) == ASN1_ITERATOR_CONSTRUCTED &&
           peek.type == ASN1_SEQUENCE;
  }

  if ((spki && !enter_subject_public_key_info (&i)) ||
      !rsa_public_key_from_der_iterator (&key->rsa, RSA_MAX_BITS, &i))
    {
      set_bad_key (error, _("the public key is not an RSA key of at most 8192 bits"));
      return NULL;
    }

  key->bits = (guint)mpz_sizeinbase (key->rsa.n, 2);
  return g_steal_pointer (&key);
}

/**
 * kanri_dkim_public_key_new_ed25519:
 * @raw: the decoded p= of a k=ed25519 key record: the 32-byte public key
 *   itself (RFC 8463 §4.2)
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with
 *   %KANRI_DKIM_KEY_ERROR_BAD_KEY
 */
KanriDkimPublicKey *
kanri_dkim_public_key_new_ed25519 (const guint8  *raw,
                                   gsize          length,
                                   GError       **error)
{
  KanriDkimPublicKey *key;

  if (length != ED25519_KEY_SIZE)
    {
      g_set_error (error, KANRI_DKIM_KEY_ERROR, KANRI_DKIM_KEY_ERROR_BAD_KEY,
                   _("an Ed25519 public key is 32 bytes, this one is %" PRIu64), (guint64) length);
      return NULL;
    }

  key = g_new0 (KanriDkimPublicKey, 1);
  key->type = KANRI_DKIM_KEY_TYPE_ED25519;
  key->bits = 256;
  memcpy (key->ed25519, raw, ED25519_KEY_SIZE);
  return key;
}

void
kanri_dkim_public_key_free (KanriDkimPublicKey *key)
{
  if (key == NULL)
    return;

  if (key->type == KANRI_DKIM_KEY_TYPE_RSA)
    rsa_public_key_clear (&key->rsa);
  g_free (key);
}

KanriDkimKeyType
kanri_dkim_public_key_get_type (const KanriDkimPublicKey *key)
{
  return key->type;
}

guint
kanri_dkim_public_key_get_bits (const KanriDkimPublicKey *key)
{
  return key->bits;
}

static gboolean
verify_rsa (const KanriDkimPublicKey *key,
            KanriDkimHash             hash,
            const guint8             *digest,
            const guint8             *signature,
            gsize                     signature_length)
{
  mpz_t s;
  int valid;

  /* RFC 8017 §8.2.2 step 1 wants exactly k octets; a shorter string is
   * the same integer without its leading zeros, which some signers drop. */
  if (signature_length == 0 || signature_length > key->rsa.size)
    return FALSE;

  nettle_mpz_init_set_str_256_u (s, signature_length, signature);
  if (hash == KANRI_DKIM_HASH_SHA1)
    valid = rsa_sha1_verify_digest (&key->rsa, digest, s);
  else
    valid = rsa_sha256_verify_digest (&key->rsa, digest, s);
  mpz_clear (s);

  return valid != 0;
}

/**
 * kanri_dkim_public_key_verify:
 * @digest: the hash of the signed data (RFC 6376 §3.7), of @hash's size
 *
 * Returns: whether @signature is @key's signature of @digest
 */
gboolean
kanri_dkim_public_key_verify (const KanriDkimPublicKey *key,
                              KanriDkimHash             hash,
                              const guint8             *digest,
                              const guint8             *signature,
                              gsize                     signature_length)
{
  g_return_val_if_fail (key != NULL, FALSE);

  if (key->type == KANRI_DKIM_KEY_TYPE_RSA)
    return verify_rsa (key, hash, digest, signature, signature_length);

  /* RFC 8463 §3: Ed25519 signs the SHA-256 hash, not the data itself. */
  return hash == KANRI_DKIM_HASH_SHA256 && signature_length == ED25519_SIGNATURE_SIZE &&
         ed25519_sha512_verify (key->ed25519, SHA256_DIGEST_SIZE, digest, signature) != 0;
}
