/* kanri-dkim-tags.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-dkim-tags"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <nettle/base64.h>
#include <string.h>

#include "kanri-dkim-tags.h"

/* The tag=value lists of DKIM-Signature fields, key records (RFC 6376
 * §3.2) and the ARC fields (RFC 8617 §4.1), read in place:
 *
 *   tag-list  =  tag-spec *( ";" tag-spec ) [ ";" ]
 *   tag-spec  =  [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
 *   tag-name  =  ALPHA *ALNUMPUNC
 *   tag-value =  [ tval *( 1*(WSP / FWS) tval ) ]
 *   tval      =  1*VALCHAR          ; %x21-3A / %x3C-7E
 *
 * Octets above 0x7e are taken as VALCHAR too: RFC 8616 §4 lets UTF-8 into
 * the values of internationalized mail. */

G_DEFINE_QUARK (kanri-dkim-tags-error-quark, kanri_dkim_tags_error)

static gboolean
is_wsp (char c)
{
  return c == ' ' || c == '\t';
}

/* FWS = [*WSP CRLF] 1*WSP (RFC 5322 §3.2.2); a lone CRLF not followed by
 * WSP ends nothing inside a field, so it is not folding. Returns the
 * position after the white space at @p. */
static gsize
skip_fws (const char *text,
          gsize       length,
          gsize       p)
{
  for (;;)
    {
      while (p < length && is_wsp (text[p]))
        p++;
      if (p + 2 < length && text[p] == '\r' && text[p + 1] == '\n' && is_wsp (text[p + 2]))
        p += 3;
      else
        return p;
    }
}

static gboolean
is_valchar (guchar c)
{
  return c >= 0x21 && c != ';' && c != 0x7f;
}

static gboolean
set_syntax_error (GError     **error,
                  const char  *text,
                  gsize        p,
                  const char  *what)
{
  g_set_error (error, KANRI_DKIM_TAGS_ERROR, KANRI_DKIM_TAGS_ERROR_SYNTAX,
               _("%s at offset %" PRIu64 " of the tag list"), what, (guint64) p);
  return FALSE;
}

static gboolean
is_duplicate (GArray           *tags,
              const KanriDkimTag *tag)
{
  for (guint i = 0; i < tags->len; i++)
    {
      const KanriDkimTag *other = &g_array_index (tags, KanriDkimTag, i);

      if (other->name_length == tag->name_length && memcmp (other->name, tag->name, tag->name_length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* One tag-spec from @p; on return @p is at the ";" after it or the end. */
static gboolean
parse_spec (const char    *text,
            gsize          length,
            gsize         *position,
            KanriDkimTag  *tag,
            GError       **error)
{
  gsize p = skip_fws (text, length, *position);
  gsize value_end;

  if (p >= length || !g_ascii_isalpha (text[p]))
    return set_syntax_error (error, text, p, _("a tag name must start with a letter"));

  tag->name = text + p;
  while (p < length && (g_ascii_isalnum (text[p]) || text[p] == '_'))
    p++;
  tag->name_length = text + p - tag->name;

  p = skip_fws (text, length, p);
  if (p >= length || text[p] != '=')
    return set_syntax_error (error, text, p, _("“=” expected after a tag name"));

  p = skip_fws (text, length, p + 1);
  tag->value = text + p;
  tag->value_offset = p;
  value_end = p;
  while (p < length && text[p] != ';')
    {
      gsize after = skip_fws (text, length, p);

      if (after > p)
        {
          p = after;
          continue;
        }
      if (!is_valchar ((guchar)text[p]))
        return set_syntax_error (error, text, p, _("a character not allowed in a tag value"));
      value_end = ++p;
    }

  tag->value_length = text + value_end - tag->value;
  *position = p;
  return TRUE;
}

/**
 * kanri_dkim_tags_parse:
 * @text: a tag-list, not nul-terminated
 *
 * Returns: (transfer full) (element-type KanriDkimTag) (nullable): the
 *   tags, pointing into @text, in the order written; %NULL with @error for
 *   a list that breaks the grammar or names a tag twice, which makes the
 *   whole list invalid (RFC 6376 §3.2)
 */
GArray *
kanri_dkim_tags_parse (const char  *text,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GArray) tags = g_array_sized_new (FALSE, FALSE, sizeof (KanriDkimTag), 12);
  gsize p = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  for (;;)
    {
      KanriDkimTag tag;

      if (!parse_spec (text, length, &p, &tag, error))
        return NULL;

      if (is_duplicate (tags, &tag))
        {
          g_set_error (error, KANRI_DKIM_TAGS_ERROR, KANRI_DKIM_TAGS_ERROR_DUPLICATE,
                       _("the tag “%.*s” appears twice"), (int)tag.name_length, tag.name);
          return NULL;
        }
      g_array_append_val (tags, tag);

      if (p >= length)
        break;

      /* After the ";": the end, white space alone (a trailing ";" is
       * allowed), or another tag-spec. */
      p++;
      if (skip_fws (text, length, p) >= length)
        break;
    }

  return g_steal_pointer (&tags);
}

/**
 * kanri_dkim_tags_find:
 * @name: a tag name; names are case-sensitive (RFC 6376 §3.2)
 *
 * Returns: (nullable): the tag
 */
const KanriDkimTag *
kanri_dkim_tags_find (GArray     *tags,
                      const char *name)
{
  gsize length = strlen (name);

  for (guint i = 0; i < tags->len; i++)
    {
      const KanriDkimTag *tag = &g_array_index (tags, KanriDkimTag, i);

      if (tag->name_length == length && memcmp (tag->name, name, length) == 0)
        return tag;
    }

  return NULL;
}

/**
 * kanri_dkim_tag_dup_value:
 *
 * Returns: (transfer full): the value as written, folding included
 */
char *
kanri_dkim_tag_dup_value (const KanriDkimTag *tag)
{
  return g_strndup (tag->value, tag->value_length);
}

/**
 * kanri_dkim_tag_dup_compact:
 *
 * Returns: (transfer full): the value without any white space or line
 *   break, as base64 values (b=, bh=, p=) are read (RFC 6376 §3.5)
 */
char *
kanri_dkim_tag_dup_compact (const KanriDkimTag *tag)
{
  char *out = g_malloc (tag->value_length + 1);
  gsize n = 0;

  for (gsize i = 0; i < tag->value_length; i++)
    {
      char c = tag->value[i];

      if (!is_wsp (c) && c != '\r' && c != '\n')
        out[n++] = c;
    }
  out[n] = '\0';
  return out;
}

gboolean
kanri_dkim_tag_equals (const KanriDkimTag *tag,
                       const char         *value)
{
  return tag->value_length == strlen (value) && memcmp (tag->value, value, tag->value_length) == 0;
}

/**
 * kanri_dkim_tag_decode_base64:
 *
 * base64string = ALPHADIGITPS *([FWS] ALPHADIGITPS) [[FWS] "=" [[FWS] "="]]
 * (RFC 6376 §2.4): folding may stand anywhere, padding only at the end.
 *
 * Returns: (transfer full) (nullable): the decoded bytes (empty for an
 *   empty value), or %NULL when the value is not base64
 */
GBytes *
kanri_dkim_tag_decode_base64 (const KanriDkimTag *tag)
{
  g_autofree char *compact = kanri_dkim_tag_dup_compact (tag);
  gsize length = strlen (compact);
  struct base64_decode_ctx ctx;
  g_autofree guint8 *out = NULL;
  size_t out_length;

  /* Nettle's decoder skips white space and checks the alphabet and the
   * padding; the length check refuses an unpadded last group. */
  if (length % 4 != 0)
    return NULL;

  out = g_malloc (BASE64_DECODE_LENGTH (length) + 1);
  out_length = BASE64_DECODE_LENGTH (length);
  base64_decode_init (&ctx);
  if (!base64_decode_update (&ctx, &out_length, out, length, compact) || !base64_decode_final (&ctx))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&out), out_length);
}

/**
 * kanri_dkim_tag_split_list:
 * @lower: whether to fold the items to lower case
 *
 * Splits a colon-separated value (h=, q=, s=, t= of a key record), with
 * folding allowed around each colon (RFC 6376 §3.5).
 *
 * Returns: (transfer full): the items, an empty item where two colons
 *   meet
 */
char **
kanri_dkim_tag_split_list (const KanriDkimTag *tag,
                           gboolean            lower)
{
  g_autofree char *compact = kanri_dkim_tag_dup_compact (tag);
  char **items = g_strsplit (compact, ":", -1);

  if (lower)
    {
      for (guint i = 0; items[i] != NULL; i++)
        {
          char *folded = g_ascii_strdown (items[i], -1);

          g_free (items[i]);
          items[i] = folded;
        }
    }

  return items;
}

/**
 * kanri_dkim_tag_parse_number:
 * @max_digits: how many digits the grammar allows (12 for t= and x=, 76
 *   for l=; RFC 6376 §3.5)
 *
 * Returns: whether the value is 1 to @max_digits digits whose number fits
 *   @number
 */
gboolean
kanri_dkim_tag_parse_number (const KanriDkimTag *tag,
                             guint               max_digits,
                             guint64            *number)
{
  guint64 value = 0;

  if (tag->value_length == 0 || tag->value_length > max_digits)
    return FALSE;

  for (gsize i = 0; i < tag->value_length; i++)
    {
      int digit = tag->value[i] - '0';

      if (digit < 0 || digit > 9)
        return FALSE;
      /* An l= of more digits than a body has octets is still a number;
       * it saturates rather than failing (RFC 6376 §3.5 "l="). */
      if (value > (G_MAXUINT64 - digit) / 10)
        value = G_MAXUINT64;
      else
        value = value * 10 + digit;
    }

  *number = value;
  return TRUE;
}
