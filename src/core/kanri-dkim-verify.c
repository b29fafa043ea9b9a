/* kanri-dkim-verify.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-dkim-verify"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-dkim-verify.h"

/* DKIM verification (RFC 6376 §6.1) of each signature of a message, with
 * keys from a KanriResolver. The results are RFC 8601's:
 *
 *   neutral    the signature field cannot be processed: syntax, missing
 *              tags, unknown version or algorithm, From not signed, i=
 *              outside d= (RFC 8601 §2.7.1 "contained syntax errors")
 *   fail       it was processed and does not verify: body hash, header
 *              signature, or expired
 *   policy     it verifies but must not count: rsa-sha1 (RFC 8301 §3.1)
 *   permerror  no usable key: no record, revoked, unreadable, of the wrong
 *              type or hash, or shorter than 1024 bits (RFC 8301 §3.2)
 *   temperror  the key could not be looked up now (RFC 6376 §6.1.2)
 *
 * The body hash is compared even when there is no key: it needs none, and
 * says whether the body is still the one that was signed. */

typedef struct
{
  KanriDkimKey    *key;
  KanriDkimReason  reason;
  char            *detail;
} CachedKey;

struct _KanriDkimVerifier
{
  GObject        parent_instance;

  KanriResolver *resolver;
  gint64         now;
  GHashTable    *keys;
};

G_DEFINE_FINAL_TYPE (KanriDkimVerifier, kanri_dkim_verifier, G_TYPE_OBJECT)

/* RFC 8301 §3.2: "Verifiers MUST NOT consider signatures using RSA keys of
 * less than 1024 bits as valid signatures." */
#define RSA_MIN_BITS 1024

static void
cached_key_free (gpointer data)
{
  CachedKey *cached = data;

  kanri_dkim_key_free (cached->key);
  g_free (cached->detail);
  g_free (cached);
}

void
kanri_dkim_verdict_free (KanriDkimVerdict *verdict)
{
  if (verdict == NULL)
    return;

  g_free (verdict->domain);
  g_free (verdict->selector);
  g_free (verdict->algorithm);
  g_free (verdict->identity);
  g_free (verdict->b);
  g_free (verdict->detail);
  g_free (verdict);
}

static void
kanri_dkim_verifier_finalize (GObject *object)
{
  KanriDkimVerifier *self = (KanriDkimVerifier *)object;

  g_clear_object (&self->resolver);
  g_clear_pointer (&self->keys, g_hash_table_unref);

  G_OBJECT_CLASS (kanri_dkim_verifier_parent_class)->finalize (object);
}

static void
kanri_dkim_verifier_class_init (KanriDkimVerifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kanri_dkim_verifier_finalize;
}

static void
kanri_dkim_verifier_init (KanriDkimVerifier *self)
{
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_key_free);
}

/**
 * kanri_dkim_verifier_new:
 * @resolver: where key records come from
 *
 * A verifier keeps the keys it looked up for as long as it lives, so that
 * the signatures of many messages from one domain cost one query.
 *
 * Returns: (transfer full): a verifier that judges expiry at the current
 *   time
 */
KanriDkimVerifier *
kanri_dkim_verifier_new (KanriResolver *resolver)
{
  KanriDkimVerifier *self;

  g_return_val_if_fail (KANRI_IS_RESOLVER (resolver), NULL);

  self = g_object_new (KANRI_TYPE_DKIM_VERIFIER, NULL);
  self->resolver = g_object_ref (resolver);
  return self;
}

/**
 * kanri_dkim_verifier_set_time:
 * @now: seconds since 1970 at which x= is judged, or 0 for the current time
 */
void
kanri_dkim_verifier_set_time (KanriDkimVerifier *self,
                              gint64             now)
{
  g_return_if_fail (KANRI_IS_DKIM_VERIFIER (self));

  self->now = now;
}

gint64
kanri_dkim_verifier_get_time (KanriDkimVerifier *self)
{
  g_return_val_if_fail (KANRI_IS_DKIM_VERIFIER (self), 0);

  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static KanriDkimReason
reason_from_key_error (const GError *error)
{
  switch (error->code)
    {
    case KANRI_DKIM_KEY_ERROR_REVOKED:
      return KANRI_DKIM_REASON_KEY_REVOKED;
    case KANRI_DKIM_KEY_ERROR_SERVICE:
      return KANRI_DKIM_REASON_KEY_SERVICE;
    case KANRI_DKIM_KEY_ERROR_UNKNOWN_TYPE:
      return KANRI_DKIM_REASON_KEY_TYPE;
    case KANRI_DKIM_KEY_ERROR_SYNTAX:
    case KANRI_DKIM_KEY_ERROR_VERSION:
    case KANRI_DKIM_KEY_ERROR_BAD_KEY:
    default:
      return KANRI_DKIM_REASON_KEY_SYNTAX;
    }
}

/* §6.1.2: no record at all is a permanent failure, a query that did not
 * complete a temporary one. Of several TXT records the first that is a key
 * record is used (§6.1.2 leaves the choice to the verifier). */
static CachedKey *
fetch_key (KanriDkimVerifier *self,
           const char        *name,
           GCancellable      *cancellable)
{
  CachedKey *cached = g_new0 (CachedKey, 1);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) first_error = NULL;

  records = kanri_resolver_lookup (self->resolver, name, KANRI_DNS_TYPE_TXT, cancellable, &error);
  if (records == NULL)
    {
      gboolean missing = kanri_resolver_error_is_void (error) ||
                         g_error_matches (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_INVALID_NAME);

      cached->reason = missing ? KANRI_DKIM_REASON_NO_KEY : KANRI_DKIM_REASON_KEY_UNAVAILABLE;
      cached->detail = g_strdup (error->message);
      return cached;
    }

  for (guint i = 0; i < records->len && cached->key == NULL; i++)
    {
      const KanriDnsRecord *record = g_ptr_array_index (records, i);

      cached->key = kanri_dkim_key_parse (record->text, record->length,
                                          first_error == NULL ? &first_error : NULL);
    }

  if (cached->key == NULL)
    {
      cached->reason = reason_from_key_error (first_error);
      cached->detail = g_strdup (first_error->message);
    }

  return cached;
}

/**
 * kanri_dkim_verifier_get_key:
 * @reason: (out): why there is no key
 * @detail: (out) (transfer none): the DNS or key record error
 *
 * Returns: (transfer none) (nullable): the key of @signature's selector
 *   and domain, or %NULL with @reason set
 */
const KanriDkimKey *
kanri_dkim_verifier_get_key (KanriDkimVerifier         *self,
                             const KanriDkimSignature  *signature,
                             GCancellable              *cancellable,
                             KanriDkimReason           *reason,
                             const char               **detail)
{
  g_autofree char *written = NULL;
  g_autofree char *name = NULL;
  CachedKey *cached;

  g_return_val_if_fail (KANRI_IS_DKIM_VERIFIER (self), NULL);

  /* Names are case-insensitive: one cache entry for all spellings. */
  written = g_strconcat (signature->selector, "._domainkey.", signature->domain, NULL);
  name = g_ascii_strdown (written, -1);

  cached = g_hash_table_lookup (self->keys, name);
  if (cached == NULL)
    {
      cached = fetch_key (self, name, cancellable);
      /* A cancelled query says nothing about the key: do not keep it. */
      if (g_cancellable_is_cancelled (cancellable))
        {
          cached_key_free (cached);
          *reason = KANRI_DKIM_REASON_KEY_UNAVAILABLE;
          *detail = NULL;
          return NULL;
        }
      g_hash_table_insert (self->keys, g_steal_pointer (&name), cached);
    }

  *reason = cached->reason;
  *detail = cached->detail;
  return cached->key;
}

/**
 * kanri_dkim_key_check:
 *
 * What RFC 6376 §6.1.2 checks of a key against the signature, and RFC
 * 8301 §3.2 of its size.
 *
 * Returns: %KANRI_DKIM_REASON_NONE when @key may verify @signature
 */
KanriDkimReason
kanri_dkim_key_check (const KanriDkimKey       *key,
                      const KanriDkimSignature *signature)
{
  if (key->type != signature->key_type)
    return KANRI_DKIM_REASON_KEY_TYPE;
  if (!kanri_dkim_key_allows_hash (key, signature->hash))
    return KANRI_DKIM_REASON_KEY_HASH;

  /* t=s: "the "i=" domain MUST NOT be a subdomain of "d="". */
  if (key->strict && signature->identity != NULL)
    {
      const char *at = strrchr (signature->identity, '@');

      if (at != NULL && g_ascii_strcasecmp (at + 1, signature->domain) != 0)
        return KANRI_DKIM_REASON_KEY_STRICT;
    }

  if (key->type == KANRI_DKIM_KEY_TYPE_RSA && kanri_dkim_public_key_get_bits (key->key) < RSA_MIN_BITS)
    return KANRI_DKIM_REASON_KEY_TOO_SHORT;

  return KANRI_DKIM_REASON_NONE;
}

typedef struct
{
  const char *name;
  guint       below;
} Cursor;

/* §5.4.2: each name of h= takes the lowest field of that name not yet
 * taken; a name listed more often than such fields exist takes nothing,
 * which signs their absence ("over-signing"). */
static GArray *
select_fields (KanriDkimMessage *message,
               char **const      names)
{
  guint n_fields = kanri_dkim_message_get_n_fields (message);
  g_autoptr(GArray) cursors = g_array_new (FALSE, FALSE, sizeof (Cursor));
  GArray *selected = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; names[i] != NULL; i++)
    {
      Cursor *cursor = NULL;

      for (guint j = 0; j < cursors->len && cursor == NULL; j++)
        {
          if (g_str_equal (g_array_index (cursors, Cursor, j).name, names[i]))
            cursor = &g_array_index (cursors, Cursor, j);
        }
      if (cursor == NULL)
        {
          Cursor fresh = { names[i], n_fields };

          g_array_append_val (cursors, fresh);
          cursor = &g_array_index (cursors, Cursor, cursors->len - 1);
        }

      while (cursor->below > 0)
        {
          guint index = --cursor->below;

          if (kanri_dkim_field_is (kanri_dkim_message_get_field (message, index), names[i]))
            {
              g_array_append_val (selected, index);
              break;
            }
        }
    }

  return selected;
}

/**
 * kanri_dkim_verify_fields:
 * @signature_index: where @signature's own field is
 * @fields: the fields it signs, in the order they are hashed
 *
 * Hashes @fields and then the signature field without its b= value and
 * final CRLF (RFC 6376 §3.7), and checks the signature over that hash.
 *
 * Returns: whether the signature verifies with @key
 */
gboolean
kanri_dkim_verify_fields (KanriDkimMessage         *message,
                          const KanriDkimSignature *signature,
                          guint                     signature_index,
                          const guint              *fields,
                          guint                     n_fields,
                          const KanriDkimKey       *key)
{
  const KanriDkimField *own = kanri_dkim_message_get_field (message, signature_index);
  g_autoptr(GString) canonical = g_string_sized_new (4096);
  g_autoptr(GString) blanked = g_string_sized_new (own->length);
  guint8 digest[KANRI_DKIM_DIGEST_MAX];
  KanriDkimDigest hasher;
  gsize signature_length;
  const guint8 *signature_data = g_bytes_get_data (signature->signature, &signature_length);

  for (guint i = 0; i < n_fields; i++)
    {
      const KanriDkimField *field = kanri_dkim_message_get_field (message, fields[i]);

      kanri_dkim_canon_header (signature->header_canon, field->field, field->length,
                               field->name_length, TRUE, canonical);
    }

  g_string_append_len (blanked, own->field, signature->b_start);
  g_string_append_len (blanked, own->field + signature->b_end, own->length - signature->b_end);
  kanri_dkim_canon_header (signature->header_canon, blanked->str, blanked->len,
                           own->name_length, FALSE, canonical);

  kanri_dkim_digest_init (&hasher, signature->hash);
  kanri_dkim_digest_update (&hasher, canonical->str, canonical->len);
  kanri_dkim_digest_finish (&hasher, digest);

  return kanri_dkim_public_key_verify (key->key, signature->hash, digest, signature_data, signature_length);
}

static KanriDkimVerdict *
verdict_new (const KanriDkimSignature *signature,
             guint                     index)
{
  KanriDkimVerdict *verdict = g_new0 (KanriDkimVerdict, 1);

  verdict->field_index = index;
  verdict->domain = g_strdup (signature->domain);
  verdict->selector = g_strdup (signature->selector);
  verdict->algorithm = g_strdup (signature->algorithm);
  verdict->identity = g_strdup (signature->identity);
  verdict->b = g_strdup (signature->b);
  verdict->instance = signature->instance;
  verdict->signed_length = signature->length;
  return verdict;
}

static void
conclude (KanriDkimVerdict *verdict,
          KanriDkimResult   result,
          KanriDkimReason   reason,
          const char       *detail)
{
  verdict->result = result;
  verdict->reason = reason;
  g_free (verdict->detail);
  verdict->detail = g_strdup (detail);
}

/* §6.1.3 step 1: the body hash, and what a mismatch means with l=. */
static void
check_body (KanriDkimVerdict         *verdict,
            KanriDkimMessage         *message,
            const KanriDkimSignature *signature)
{
  guint8 digest[KANRI_DKIM_DIGEST_MAX];
  guint64 canonical_length = 0;
  gsize size;
  gsize expected_size;
  const guint8 *expected = g_bytes_get_data (signature->body_hash, &expected_size);

  size = kanri_dkim_message_body_hash (message, signature->body_canon, signature->hash,
                                       signature->length, digest, &canonical_length);
  verdict->body_hash = size == expected_size && memcmp (digest, expected, size) == 0 ?
                       KANRI_DKIM_BODY_HASH_MATCH : KANRI_DKIM_BODY_HASH_MISMATCH;

  if (signature->length != KANRI_DKIM_NO_LIMIT && canonical_length > signature->length)
    verdict->appended = canonical_length - signature->length;
  if (verdict->body_hash == KANRI_DKIM_BODY_HASH_MISMATCH && signature->length != KANRI_DKIM_NO_LIMIT &&
      canonical_length < signature->length)
    verdict->reason = KANRI_DKIM_REASON_BODY_TRUNCATED;
}

static void
check_signature (KanriDkimVerdict         *verdict,
                 KanriDkimMessage         *message,
                 const KanriDkimSignature *signature,
                 guint                     index,
                 const KanriDkimKey       *key)
{
  g_autoptr(GArray) fields = select_fields (message, signature->headers);
  gboolean verifies = kanri_dkim_verify_fields (message, signature, index, (const guint *)(void *)fields->data,
                                                fields->len, key);

  verdict->headers_changed = !verifies;
  if (verdict->body_hash == KANRI_DKIM_BODY_HASH_MISMATCH)
    conclude (verdict, KANRI_DKIM_RESULT_FAIL,
              verdict->reason == KANRI_DKIM_REASON_BODY_TRUNCATED ? KANRI_DKIM_REASON_BODY_TRUNCATED :
              KANRI_DKIM_REASON_BODY_HASH, NULL);
  else if (!verifies)
    conclude (verdict, KANRI_DKIM_RESULT_FAIL, KANRI_DKIM_REASON_SIGNATURE, NULL);
  else if (signature->hash == KANRI_DKIM_HASH_SHA1)
    conclude (verdict, KANRI_DKIM_RESULT_POLICY, KANRI_DKIM_REASON_SHA1, NULL);
  else
    conclude (verdict, KANRI_DKIM_RESULT_PASS, KANRI_DKIM_REASON_NONE, NULL);
}

/**
 * kanri_dkim_verifier_verify_field:
 * @message: a message with its body
 * @index: the field holding the signature
 * @kind: %KANRI_DKIM_SIGNATURE_DKIM or %KANRI_DKIM_SIGNATURE_ARC_MESSAGE
 *
 * Returns: (transfer full): the verdict on the signature of that field
 */
KanriDkimVerdict *
kanri_dkim_verifier_verify_field (KanriDkimVerifier      *self,
                                  KanriDkimMessage       *message,
                                  guint                   index,
                                  KanriDkimSignatureKind  kind,
                                  GCancellable           *cancellable)
{
  g_autoptr(KanriDkimSignature) signature = NULL;
  KanriDkimVerdict *verdict;
  const KanriDkimKey *key;
  KanriDkimReason reason;
  const char *detail;

  g_return_val_if_fail (KANRI_IS_DKIM_VERIFIER (self), NULL);
  g_return_val_if_fail (kanri_dkim_message_has_body (message), NULL);

  signature = kanri_dkim_signature_parse (kind, kanri_dkim_message_get_field (message, index));
  verdict = verdict_new (signature, index);
  if (signature->reason != KANRI_DKIM_REASON_NONE)
    {
      conclude (verdict, KANRI_DKIM_RESULT_NEUTRAL, signature->reason, signature->detail);
      return verdict;
    }

  check_body (verdict, message, signature);

  /* §3.5 x=: "Signatures MAY be considered invalid if the verification
   * time at the Verifier is past the expiration date". */
  if (signature->has_expiration && (guint64)kanri_dkim_verifier_get_time (self) > signature->expiration)
    {
      conclude (verdict, KANRI_DKIM_RESULT_FAIL, KANRI_DKIM_REASON_EXPIRED, NULL);
      return verdict;
    }

  key = kanri_dkim_verifier_get_key (self, signature, cancellable, &reason, &detail);
  if (key == NULL)
    {
      conclude (verdict, reason == KANRI_DKIM_REASON_KEY_UNAVAILABLE ? KANRI_DKIM_RESULT_TEMPERROR :
                KANRI_DKIM_RESULT_PERMERROR, reason, detail);
      return verdict;
    }

  verdict->key_bits = kanri_dkim_public_key_get_bits (key->key);
  verdict->testing = key->testing;
  reason = kanri_dkim_key_check (key, signature);
  if (reason != KANRI_DKIM_REASON_NONE)
    {
      conclude (verdict, KANRI_DKIM_RESULT_PERMERROR, reason, NULL);
      return verdict;
    }

  check_signature (verdict, message, signature, index, key);
  return verdict;
}

/**
 * kanri_dkim_verifier_verify:
 * @message: a message with its body
 * @n_unverified: (out) (optional): how many DKIM-Signature fields past
 *   %KANRI_DKIM_MAX_SIGNATURES were left unverified
 *
 * Verifies every DKIM-Signature, top first. Blocks on DNS: call it from a
 * worker thread where the resolver may wait on the network.
 *
 * Returns: (transfer full) (element-type KanriDkimVerdict): one verdict
 *   per signature, empty when the message is not signed
 */
GPtrArray *
kanri_dkim_verifier_verify (KanriDkimVerifier *self,
                            KanriDkimMessage  *message,
                            guint             *n_unverified,
                            GCancellable      *cancellable)
{
  GPtrArray *verdicts = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_dkim_verdict_free);
  guint n_fields = kanri_dkim_message_get_n_fields (message);
  guint skipped = 0;

  g_return_val_if_fail (KANRI_IS_DKIM_VERIFIER (self), NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      if (!kanri_dkim_field_is (kanri_dkim_message_get_field (message, i), "DKIM-Signature"))
        continue;
      if (verdicts->len == KANRI_DKIM_MAX_SIGNATURES)
        {
          skipped++;
          continue;
        }
      g_ptr_array_add (verdicts, kanri_dkim_verifier_verify_field (self, message, i, KANRI_DKIM_SIGNATURE_DKIM,
                                                                   cancellable));
    }

  if (n_unverified != NULL)
    *n_unverified = skipped;
  return verdicts;
}
