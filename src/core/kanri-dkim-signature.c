/* kanri-dkim-signature.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-dkim-signature"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-dkim-signature.h"
#include "kanri-dkim-tags.h"

/* Reads a signature field and checks what RFC 6376 §6.1.1 has a verifier
 * check before it looks up a key; ARC's fields differ as RFC 8617 §4.1
 * says: no v=, i= is the instance, only rsa-sha256, and the seal has cv=
 * and no h=, l= or c=. */

void
kanri_dkim_signature_free (KanriDkimSignature *signature)
{
  if (signature == NULL)
    return;

  g_free (signature->detail);
  g_free (signature->domain);
  g_free (signature->selector);
  g_free (signature->algorithm);
  g_strfreev (signature->headers);
  g_free (signature->identity);
  g_free (signature->cv);
  g_clear_pointer (&signature->signature, g_bytes_unref);
  g_clear_pointer (&signature->body_hash, g_bytes_unref);
  g_free (signature->b);
  g_free (signature);
}

G_GNUC_PRINTF (3, 4)
static gboolean
refuse (KanriDkimSignature *signature,
        KanriDkimReason     reason,
        const char         *format,
        ...)
{
  va_list args;

  signature->reason = reason;
  va_start (args, format);
  signature->detail = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static char *
dup_tag (GArray     *tags,
         const char *name)
{
  const KanriDkimTag *tag = kanri_dkim_tags_find (tags, name);

  return tag != NULL ? kanri_dkim_tag_dup_value (tag) : NULL;
}

static gboolean
check_required (KanriDkimSignature *signature,
                GArray             *tags)
{
  static const char *const dkim[] = { "v", "a", "b", "bh", "d", "h", "s", NULL };
  static const char *const message[] = { "i", "a", "b", "bh", "d", "h", "s", NULL };
  static const char *const seal[] = { "i", "a", "b", "cv", "d", "s", NULL };
  const char *const *required = signature->kind == KANRI_DKIM_SIGNATURE_DKIM ? dkim :
                                signature->kind == KANRI_DKIM_SIGNATURE_ARC_MESSAGE ? message : seal;

  for (guint i = 0; required[i] != NULL; i++)
    {
      if (kanri_dkim_tags_find (tags, required[i]) == NULL)
        return refuse (signature, KANRI_DKIM_REASON_MISSING_TAG, _("the signature has no %s= tag"), required[i]);
    }

  if (signature->kind == KANRI_DKIM_SIGNATURE_ARC_SEAL && kanri_dkim_tags_find (tags, "h") != NULL)
    return refuse (signature, KANRI_DKIM_REASON_SYNTAX, "%s", _("an ARC-Seal must not have an h= tag"));

  if (signature->kind == KANRI_DKIM_SIGNATURE_DKIM && !kanri_dkim_tag_equals (kanri_dkim_tags_find (tags, "v"), "1"))
    return refuse (signature, KANRI_DKIM_REASON_VERSION, "%s", _("v= is not 1"));

  return TRUE;
}

static gboolean
read_algorithm (KanriDkimSignature *signature)
{
  const char *a = signature->algorithm;

  if (g_str_equal (a, "rsa-sha256"))
    {
      signature->key_type = KANRI_DKIM_KEY_TYPE_RSA;
      signature->hash = KANRI_DKIM_HASH_SHA256;
    }
  else if (g_str_equal (a, "ed25519-sha256"))
    {
      signature->key_type = KANRI_DKIM_KEY_TYPE_ED25519;
      signature->hash = KANRI_DKIM_HASH_SHA256;
    }
  else if (g_str_equal (a, "rsa-sha1"))
    {
      signature->key_type = KANRI_DKIM_KEY_TYPE_RSA;
      signature->hash = KANRI_DKIM_HASH_SHA1;
    }
  else
    return refuse (signature, KANRI_DKIM_REASON_ALGORITHM, _("the algorithm a=%s is unknown"), a);

  /* RFC 8617 §4.1.3: ARC signs with rsa-sha256 only. */
  if (signature->kind != KANRI_DKIM_SIGNATURE_DKIM && !g_str_equal (a, "rsa-sha256"))
    return refuse (signature, KANRI_DKIM_REASON_ALGORITHM, _("ARC does not allow the algorithm a=%s"), a);

  return TRUE;
}

static gboolean
parse_canon (const char     *name,
             KanriDkimCanon *canon)
{
  if (g_str_equal (name, "simple"))
    *canon = KANRI_DKIM_CANON_SIMPLE;
  else if (g_str_equal (name, "relaxed"))
    *canon = KANRI_DKIM_CANON_RELAXED;
  else
    return FALSE;

  return TRUE;
}

/* c=header/body; "c=relaxed" means relaxed/simple, no c= simple/simple
 * (RFC 6376 §3.5). The ARC-Seal is always relaxed (RFC 8617 §5.1.1). */
static gboolean
read_canonicalization (KanriDkimSignature *signature,
                       GArray             *tags)
{
  const KanriDkimTag *tag = kanri_dkim_tags_find (tags, "c");
  g_autofree char *value = NULL;
  g_auto(GStrv) parts = NULL;

  signature->header_canon = KANRI_DKIM_CANON_SIMPLE;
  signature->body_canon = KANRI_DKIM_CANON_SIMPLE;
  if (signature->kind == KANRI_DKIM_SIGNATURE_ARC_SEAL)
    {
      signature->header_canon = KANRI_DKIM_CANON_RELAXED;
      return TRUE;
    }
  if (tag == NULL)
    return TRUE;

  value = kanri_dkim_tag_dup_value (tag);
  parts = g_strsplit (value, "/", 3);
  if (parts[0] == NULL || !parse_canon (parts[0], &signature->header_canon) ||
      (parts[1] != NULL && (parts[2] != NULL || !parse_canon (parts[1], &signature->body_canon))))
    return refuse (signature, KANRI_DKIM_REASON_CANONICALIZATION, _("the canonicalization c=%s is unknown"), value);

  return TRUE;
}

/* q= lists query methods; dns/txt is the only one defined (§3.5). */
static gboolean
check_query_method (KanriDkimSignature *signature,
                    GArray             *tags)
{
  const KanriDkimTag *tag = kanri_dkim_tags_find (tags, "q");
  g_auto(GStrv) methods = NULL;

  if (tag == NULL)
    return TRUE;

  methods = kanri_dkim_tag_split_list (tag, TRUE);
  for (guint i = 0; methods[i] != NULL; i++)
    {
      if (g_str_equal (methods[i], "dns/txt"))
        return TRUE;
    }

  return refuse (signature, KANRI_DKIM_REASON_QUERY_METHOD, "%s", _("q= does not offer dns/txt"));
}

static gboolean
read_base64 (KanriDkimSignature *signature,
             GArray             *tags,
             const char         *name,
             GBytes            **out)
{
  const KanriDkimTag *tag = kanri_dkim_tags_find (tags, name);

  if (tag == NULL)
    return TRUE;

  *out = kanri_dkim_tag_decode_base64 (tag);
  if (*out == NULL)
    return refuse (signature, KANRI_DKIM_REASON_SYNTAX, _("%s= is not base64"), name);

  return TRUE;
}

static gboolean
read_headers (KanriDkimSignature *signature,
              GArray             *tags)
{
  const KanriDkimTag *tag = kanri_dkim_tags_find (tags, "h");
  gboolean has_from = FALSE;

  if (tag == NULL)
    return TRUE;

  signature->headers = kanri_dkim_tag_split_list (tag, TRUE);
  for (guint i = 0; signature->headers[i] != NULL; i++)
    {
      const char *name = signature->headers[i];

      if (*name == '\0')
        return refuse (signature, KANRI_DKIM_REASON_SYNTAX, "%s", _("h= has an empty field name"));
      if (g_str_equal (name, "from"))
        has_from = TRUE;
      if (signature->kind == KANRI_DKIM_SIGNATURE_ARC_MESSAGE && g_str_equal (name, "arc-seal"))
        return refuse (signature, KANRI_DKIM_REASON_ARC_SEAL_HEADERS, "%s", _("h= lists ARC-Seal"));
    }

  /* §6.1.1: "If the "h=" tag does not include the From header field, the
   * Verifier MUST ignore the DKIM-Signature header field". */
  if (signature->kind == KANRI_DKIM_SIGNATURE_DKIM && !has_from)
    return refuse (signature, KANRI_DKIM_REASON_FROM_NOT_SIGNED, "%s", _("h= does not list From"));

  return TRUE;
}

/* d= is a domain name: the specials of RFC 5322 cannot stand in one. */
static gboolean
check_domain (KanriDkimSignature *signature)
{
  if (*signature->domain == '\0' || strpbrk (signature->domain, "()<>[]:;@\\,\" ") != NULL)
    return refuse (signature, KANRI_DKIM_REASON_SYNTAX, _("d=%s is not a domain name"), signature->domain);
  if (*signature->selector == '\0')
    return refuse (signature, KANRI_DKIM_REASON_SYNTAX, "%s", _("s= is empty"));

  return TRUE;
}

/* i= ends in "@" d= or in a subdomain of d= (§3.5, §6.1.1). */
static gboolean
check_identity (KanriDkimSignature *signature)
{
  const char *at;
  const char *domain;
  gsize length;
  gsize d_length = strlen (signature->domain);

  if (signature->identity == NULL)
    return TRUE;

  at = strrchr (signature->identity, '@');
  if (at == NULL)
    return refuse (signature, KANRI_DKIM_REASON_SYNTAX, _("i=%s has no “@”"), signature->identity);

  domain = at + 1;
  length = strlen (domain);
  if (length < d_length || g_ascii_strcasecmp (domain + length - d_length, signature->domain) != 0 ||
      (length > d_length && domain[length - d_length - 1] != '.'))
    return refuse (signature, KANRI_DKIM_REASON_DOMAIN_MISMATCH, _("i=%s is not in d=%s"),
                   signature->identity, signature->domain);

  return TRUE;
}

static gboolean
read_number (KanriDkimSignature *signature,
             GArray             *tags,
             const char         *name,
             guint               max_digits,
             gboolean           *present,
             guint64            *value)
{
  const KanriDkimTag *tag = kanri_dkim_tags_find (tags, name);

  if (tag == NULL)
    return TRUE;

  if (!kanri_dkim_tag_parse_number (tag, max_digits, value))
    return refuse (signature, KANRI_DKIM_REASON_SYNTAX, _("%s= is not a number"), name);

  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
read_numbers (KanriDkimSignature *signature,
              GArray             *tags)
{
  gboolean has_length = FALSE;
  gboolean has_instance = FALSE;
  guint64 instance = 0;

  signature->length = KANRI_DKIM_NO_LIMIT;
  if (!read_number (signature, tags, "t", 12, &signature->has_timestamp, &signature->timestamp) ||
      !read_number (signature, tags, "x", 12, &signature->has_expiration, &signature->expiration))
    return FALSE;
  if (signature->kind != KANRI_DKIM_SIGNATURE_ARC_SEAL &&
      !read_number (signature, tags, "l", 76, &has_length, &signature->length))
    return FALSE;
  if (signature->kind != KANRI_DKIM_SIGNATURE_DKIM)
    {
      if (!read_number (signature, tags, "i", 2, &has_instance, &instance))
        return FALSE;
      signature->instance = (guint)instance;
    }

  /* §3.5 x=: "the value of the "x=" tag MUST be greater than the value of
   * the "t=" tag if both are present". */
  if (signature->has_timestamp && signature->has_expiration && signature->expiration < signature->timestamp)
    return refuse (signature, KANRI_DKIM_REASON_TIMESTAMPS, "%s", _("x= is earlier than t="));

  return TRUE;
}

static void
read_display (KanriDkimSignature *signature,
              GArray             *tags)
{
  g_autofree char *algorithm = dup_tag (tags, "a");
  const KanriDkimTag *b = kanri_dkim_tags_find (tags, "b");

  signature->domain = dup_tag (tags, "d");
  signature->selector = dup_tag (tags, "s");
  signature->algorithm = algorithm != NULL ? g_ascii_strdown (algorithm, -1) : NULL;
  if (signature->kind == KANRI_DKIM_SIGNATURE_DKIM)
    signature->identity = dup_tag (tags, "i");
  else if (signature->kind == KANRI_DKIM_SIGNATURE_ARC_SEAL)
    signature->cv = dup_tag (tags, "cv");
  if (b != NULL)
    signature->b = kanri_dkim_tag_dup_compact (b);
}

static gboolean
read_tags (KanriDkimSignature   *signature,
           GArray               *tags,
           const KanriDkimField *field)
{
  const KanriDkimTag *b;

  read_display (signature, tags);
  if (!check_required (signature, tags) || !check_domain (signature) ||
      !read_algorithm (signature) || !read_canonicalization (signature, tags) ||
      !check_query_method (signature, tags) || !read_headers (signature, tags) ||
      !check_identity (signature) || !read_numbers (signature, tags) ||
      !read_base64 (signature, tags, "b", &signature->signature) ||
      !read_base64 (signature, tags, "bh", &signature->body_hash))
    return FALSE;

  b = kanri_dkim_tags_find (tags, "b");
  signature->b_start = field->name_length + 1 + b->value_offset;
  signature->b_end = signature->b_start + b->value_length;
  return TRUE;
}

/**
 * kanri_dkim_signature_parse:
 * @field: a DKIM-Signature, ARC-Message-Signature or ARC-Seal field
 *
 * Returns: (transfer full): the signature; its @reason says whether it
 *   can be verified
 */
KanriDkimSignature *
kanri_dkim_signature_parse (KanriDkimSignatureKind  kind,
                            const KanriDkimField   *field)
{
  KanriDkimSignature *signature = g_new0 (KanriDkimSignature, 1);
  const char *value = field->field + field->name_length + 1;
  gsize length = field->length - field->name_length - 1;
  g_autoptr(GArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  signature->kind = kind;
  tags = kanri_dkim_tags_parse (value, length, &error);
  if (tags == NULL)
    refuse (signature, KANRI_DKIM_REASON_SYNTAX, "%s", error->message);
  else
    read_tags (signature, tags, field);

  return signature;
}
