/* kanri-dkim-key.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-dkim-key"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-dkim-key.h"
#include "kanri-dkim-tags.h"

/* DKIM key records: the TXT record at selector._domainkey.domain, a
 * tag-list (RFC 6376 §3.6.1; k=ed25519 from RFC 8463 §4.2). Unknown tags,
 * hash names, service types and flags are ignored, as §3.6.1 asks. */

G_DEFINE_QUARK (kanri-dkim-key-error-quark, kanri_dkim_key_error)

void
kanri_dkim_key_free (KanriDkimKey *key)
{
  if (key == NULL)
    return;

  kanri_dkim_public_key_free (key->key);
  g_free (key);
}

static gboolean
list_contains (char       **items,
               const char  *wanted)
{
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (g_str_equal (items[i], wanted))
        return TRUE;
    }

  return FALSE;
}

/* v=, if present, is the first tag and says DKIM1. */
static gboolean
check_version (GArray  *tags,
               GError **error)
{
  const KanriDkimTag *version = kanri_dkim_tags_find (tags, "v");

  if (version == NULL)
    return TRUE;

  if (version != &g_array_index (tags, KanriDkimTag, 0) || !kanri_dkim_tag_equals (version, "DKIM1"))
    {
      g_set_error_literal (error, KANRI_DKIM_KEY_ERROR, KANRI_DKIM_KEY_ERROR_VERSION,
                           _("the key record’s v= is not “DKIM1” as its first tag"));
      return FALSE;
    }

  return TRUE;
}

static void
read_flags (KanriDkimKey *key,
            GArray       *tags)
{
  const KanriDkimTag *hashes = kanri_dkim_tags_find (tags, "h");
  const KanriDkimTag *flags = kanri_dkim_tags_find (tags, "t");

  key->allows_sha1 = TRUE;
  key->allows_sha256 = TRUE;
  if (hashes != NULL)
    {
      g_auto(GStrv) items = kanri_dkim_tag_split_list (hashes, FALSE);

      key->allows_sha1 = list_contains (items, "sha1");
      key->allows_sha256 = list_contains (items, "sha256");
    }

  if (flags != NULL)
    {
      g_auto(GStrv) items = kanri_dkim_tag_split_list (flags, FALSE);

      key->testing = list_contains (items, "y");
      key->strict = list_contains (items, "s");
    }
}

/* s=: the key serves email when it lists "email" or "*" (the default). */
static gboolean
check_service (GArray  *tags,
               GError **error)
{
  const KanriDkimTag *service = kanri_dkim_tags_find (tags, "s");
  g_auto(GStrv) items = NULL;

  if (service == NULL)
    return TRUE;

  items = kanri_dkim_tag_split_list (service, TRUE);
  if (list_contains (items, "*") || list_contains (items, "email"))
    return TRUE;

  g_set_error_literal (error, KANRI_DKIM_KEY_ERROR, KANRI_DKIM_KEY_ERROR_SERVICE,
                       _("the key’s s= does not include email"));
  return FALSE;
}

static gboolean
read_type (KanriDkimKey  *key,
           GArray        *tags,
           GError       **error)
{
  const KanriDkimTag *type = kanri_dkim_tags_find (tags, "k");

  if (type == NULL || kanri_dkim_tag_equals (type, "rsa"))
    key->type = KANRI_DKIM_KEY_TYPE_RSA;
  else if (kanri_dkim_tag_equals (type, "ed25519"))
    key->type = KANRI_DKIM_KEY_TYPE_ED25519;
  else
    {
      g_set_error (error, KANRI_DKIM_KEY_ERROR, KANRI_DKIM_KEY_ERROR_UNKNOWN_TYPE,
                   _("the key type k=%.*s is unknown"), (int)MIN (type->value_length, 64), type->value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_public_key (KanriDkimKey  *key,
                 GArray        *tags,
                 GError       **error)
{
  const KanriDkimTag *public_key = kanri_dkim_tags_find (tags, "p");
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize length;

  if (public_key == NULL)
    {
      g_set_error_literal (error, KANRI_DKIM_KEY_ERROR, KANRI_DKIM_KEY_ERROR_SYNTAX,
                           _("the key record has no p= tag"));
      return FALSE;
    }

  bytes = kanri_dkim_tag_decode_base64 (public_key);
  if (bytes == NULL)
    {
      g_set_error_literal (error, KANRI_DKIM_KEY_ERROR, KANRI_DKIM_KEY_ERROR_SYNTAX,
                           _("the key’s p= is not base64"));
      return FALSE;
    }

  /* §3.6.1: "An empty value means that this public key has been revoked." */
  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      g_set_error_literal (error, KANRI_DKIM_KEY_ERROR, KANRI_DKIM_KEY_ERROR_REVOKED,
                           _("the key has been revoked (empty p=)"));
      return FALSE;
    }

  if (key->type == KANRI_DKIM_KEY_TYPE_RSA)
    key->key = kanri_dkim_public_key_new_rsa (data, length, error);
  else
    key->key = kanri_dkim_public_key_new_ed25519 (data, length, error);

  return key->key != NULL;
}

/**
 * kanri_dkim_key_parse:
 * @record: the TXT record's strings joined (RFC 6376 §3.6.2.2)
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with a
 *   #KANRI_DKIM_KEY_ERROR
 */
KanriDkimKey *
kanri_dkim_key_parse (const char  *record,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(GArray) tags = NULL;
  g_autoptr(KanriDkimKey) key = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (record != NULL || length == 0, NULL);

  tags = kanri_dkim_tags_parse (record, length, &local_error);
  if (tags == NULL)
    {
      g_set_error (error, KANRI_DKIM_KEY_ERROR, KANRI_DKIM_KEY_ERROR_SYNTAX,
                   _("the key record is not a tag list: %s"), local_error->message);
      return NULL;
    }

  key = g_new0 (KanriDkimKey, 1);
  if (!check_version (tags, error) || !read_type (key, tags, error) ||
      !check_service (tags, error))
    return NULL;
  read_flags (key, tags);
  if (!read_public_key (key, tags, error))
    return NULL;

  return g_steal_pointer (&key);
}

gboolean
kanri_dkim_key_allows_hash (const KanriDkimKey *key,
                            KanriDkimHash       hash)
{
  return hash == KANRI_DKIM_HASH_SHA1 ? key->allows_sha1 : key->allows_sha256;
}
