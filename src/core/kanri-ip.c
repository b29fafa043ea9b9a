/* kanri-ip.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-ip"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-ip.h"

/* Why a text is not an address; each maps to one message in set_address_error(). */
typedef enum
{
  BAD_NOT_AN_ADDRESS,
  BAD_V4_SHAPE,
  BAD_V4_RANGE,
  BAD_V4_LEADING_ZERO,
  BAD_V6_SHAPE,
  BAD_V6_DOUBLE_COLON,
  BAD_V6_GROUP,
  BAD_V6_ZONE,
} BadAddress;

G_DEFINE_QUARK (kanri-ip-error-quark, kanri_ip_error)

/* Error messages quote what the user typed; a pasted novel is cut short. */
static char *
quote_input (const char *text,
             gsize       length)
{
  g_autofree char *copy = NULL;

  if (length > 60)
    {
      g_autofree char *head = g_utf8_make_valid (text, 57);
      return g_strdup_printf ("%s…", head);
    }

  copy = g_strndup (text, length);
  return g_utf8_make_valid (copy, -1);
}

static void
set_address_error (GError     **error,
                   const char  *text,
                   gsize        length,
                   BadAddress   why)
{
  g_autofree char *shown = quote_input (text, length);

  switch (why)
    {
    case BAD_V4_SHAPE:
      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a valid IPv4 address: it needs four numbers from 0 to 255 separated by dots"),
                   shown);
      break;

    case BAD_V4_RANGE:
      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a valid IPv4 address: each number must be from 0 to 255"),
                   shown);
      break;

    case BAD_V4_LEADING_ZERO:
      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a valid IPv4 address: numbers with leading zeros are ambiguous (some systems read them as octal)"),
                   shown);
      break;

    case BAD_V6_SHAPE:
      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a valid IPv6 address: it needs eight groups of hexadecimal digits separated by colons, or fewer with “::”"),
                   shown);
      break;

    case BAD_V6_DOUBLE_COLON:
      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a valid IPv6 address: “::” may appear only once"),
                   shown);
      break;

    case BAD_V6_GROUP:
      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a valid IPv6 address: a group has at most four hexadecimal digits"),
                   shown);
      break;

    case BAD_V6_ZONE:
      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_ADDRESS,
                   _("“%s” is not accepted: an IPv6 zone index (“%%…”) only has meaning on one computer"),
                   shown);
      break;

    case BAD_NOT_AN_ADDRESS:
    default:
      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_ADDRESS,
                   _("“%s” is not an IPv4 or IPv6 address"),
                   shown);
      break;
    }
}

static gboolean
parse_ipv4 (const char *text,
            gsize       length,
            guint8      out[4],
            BadAddress *why)
{
  const char *p = text;
  const char *end = text + length;

  for (guint part = 0; part < 4; part++)
    {
      const char *start = p;
      guint value = 0;

      while (p < end && g_ascii_isdigit (*p) && p - start < 4)
        {
          value = value * 10 + (guint)(*p - '0');
          p++;
        }

      if (p == start)
        {
          *why = BAD_V4_SHAPE;
          return FALSE;
        }
      if (p - start > 3 || value > 255)
        {
          *why = BAD_V4_RANGE;
          return FALSE;
        }
      if (p - start > 1 && *start == '0')
        {
          *why = BAD_V4_LEADING_ZERO;
          return FALSE;
        }

      out[part] = (guint8)value;

      if (part < 3)
        {
          if (p == end || *p != '.')
            {
              *why = BAD_V4_SHAPE;
              return FALSE;
            }
          p++;
        }
    }

  if (p != end)
    {
      *why = BAD_V4_SHAPE;
      return FALSE;
    }

  return TRUE;
}

/* g_ascii_xdigit_value() of a hex digit, inline: every group of every
 * IPv6 address in a Received field comes here. */
static inline guint
hex_value (char c)
{
  return g_ascii_isdigit (c) ? (guint)(c - '0') : (guint)((c | 0x20) - 'a' + 10);
}

/* RFC 4291 §2.2 text forms, including "::" and an embedded IPv4 tail. */
static gboolean
parse_ipv6 (const char *text,
            gsize       length,
            guint8      out[16],
            BadAddress *why)
{
  const char *p = text;
  const char *end = text + length;
  guint16 groups[8] = { 0 };
  int n_groups = 0;
  int gap = -1;

  if (memchr (text, '%', length) != NULL)
    {
      *why = BAD_V6_ZONE;
      return FALSE;
    }

  *why = BAD_V6_SHAPE;

  if (length >= 2 && p[0] == ':' && p[1] == ':')
    {
      gap = 0;
      p += 2;
    }
  else if (length >= 1 && p[0] == ':')
    return FALSE;

  while (p < end)
    {
      const char *start = p;
      guint value = 0;

      while (p < end && g_ascii_isxdigit (*p))
        {
          if (p - start < 4)
            value = (value << 4) | hex_value (*p);
          p++;
        }

      if (p < end && *p == '.')
        {
          guint8 v4[4];

          /* The dotted tail takes the last two groups (RFC 4291 §2.2 form 3). */
          if (n_groups > 6 || !parse_ipv4 (start, end - start, v4, why))
            {
              *why = BAD_V6_SHAPE;
              return FALSE;
            }
          groups[n_groups++] = (guint16)((v4[0] << 8) | v4[1]);
          groups[n_groups++] = (guint16)((v4[2] << 8) | v4[3]);
          p = end;
          break;
        }

      if (p == start)
        return FALSE;
      if (p - start > 4)
        {
          *why = BAD_V6_GROUP;
          return FALSE;
        }
      if (n_groups == 8)
        return FALSE;

      groups[n_groups++] = (guint16)value;

      if (p == end)
        break;
      if (*p != ':')
        return FALSE;
      p++;

      if (p < end && *p == ':')
        {
          if (gap >= 0)
            {
              *why = BAD_V6_DOUBLE_COLON;
              return FALSE;
            }
          gap = n_groups;
          p++;
        }
      else if (p == end)
        return FALSE;
    }

  if (gap < 0 && n_groups != 8)
    return FALSE;
  if (gap >= 0 && n_groups > 7)
    return FALSE;

  memset (out, 0, 16);
  if (gap < 0)
    {
      for (int i = 0; i < 8; i++)
        {
          out[2 * i] = groups[i] >> 8;
          out[2 * i + 1] = groups[i] & 0xff;
        }
    }
  else
    {
      int tail = n_groups - gap;

      for (int i = 0; i < gap; i++)
        {
          out[2 * i] = groups[i] >> 8;
          out[2 * i + 1] = groups[i] & 0xff;
        }
      for (int i = 0; i < tail; i++)
        {
          int slot = 8 - tail + i;

          out[2 * slot] = groups[gap + i] >> 8;
          out[2 * slot + 1] = groups[gap + i] & 0xff;
        }
    }

  return TRUE;
}

static gboolean
parse_any (const char *text,
           gsize       length,
           KanriIp    *ip,
           BadAddress *why)
{
  KanriIp parsed = { 0 };

  *why = BAD_NOT_AN_ADDRESS;

  if (length == 0 || length > 64)
    return FALSE;

  if (memchr (text, ':', length) != NULL)
    {
      if (!parse_ipv6 (text, length, parsed.bytes, why))
        return FALSE;
      parsed.family = KANRI_IP_FAMILY_V6;
    }
  else
    {
      if (!g_ascii_isdigit (text[0]))
        return FALSE;
      if (!parse_ipv4 (text, length, parsed.bytes, why))
        return FALSE;
      parsed.family = KANRI_IP_FAMILY_V4;
    }

  *ip = parsed;
  return TRUE;
}

/**
 * kanri_ip_parse:
 * @text: an IPv4 address in dotted decimal or an IPv6 address (RFC 4291)
 * @ip: (out): where to store the address
 *
 * Parses one address, strictly: no surrounding space, no prefix, no IPv4
 * numbers with leading zeros, no IPv6 zone index.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
kanri_ip_parse (const char  *text,
                KanriIp     *ip,
                GError     **error)
{
  BadAddress why;
  gsize length;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (ip != NULL, FALSE);

  length = strlen (text);
  if (!parse_any (text, length, ip, &why))
    {
      set_address_error (error, text, length, why);
      return FALSE;
    }

  return TRUE;
}

/**
 * kanri_ip_parse_len:
 * @text: the start of a candidate address, not necessarily NUL-terminated
 * @length: its length in bytes
 * @ip: (out): where to store the address
 *
 * Like kanri_ip_parse() without an error, for parsers that only ask
 * "is this word an address?" many times over.
 */
gboolean
kanri_ip_parse_len (const char *text,
                    gsize       length,
                    KanriIp    *ip)
{
  BadAddress why;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (ip != NULL, FALSE);

  return parse_any (text, length, ip, &why);
}

/**
 * kanri_ip_format:
 *
 * Writes the canonical text form: dotted decimal, or IPv6 as RFC 5952 §4
 * recommends (lower case, the longest run of two or more zero groups as
 * "::", IPv4-mapped addresses with a dotted tail).
 */
void
kanri_ip_format (const KanriIp *ip,
                 char           buffer[KANRI_IP_STRING_MAX])
{
  static const char hex[] = "0123456789abcdef";
  guint16 groups[8];
  int best_start = -1;
  int best_length = 0;
  int n_groups;
  gboolean mapped;
  char *p = buffer;

  g_return_if_fail (ip != NULL);

  /* Written by hand: printf would cost more than the rest of a Received
   * field's parsing, and every hop has addresses. */
  if (ip->family == KANRI_IP_FAMILY_V4)
    {
      for (int i = 0; i < 4; i++)
        {
          guint8 byte = ip->bytes[i];

          if (i > 0)
            *p++ = '.';
          if (byte >= 100)
            *p++ = (char)('0' + byte / 100);
          if (byte >= 10)
            *p++ = (char)('0' + byte / 10 % 10);
          *p++ = (char)('0' + byte % 10);
        }
      *p = '\0';
      return;
    }

  /* An IPv4-mapped address keeps its last 32 bits in dotted form (§5). */
  mapped = memcmp (ip->bytes, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0;
  n_groups = mapped ? 6 : 8;

  for (int i = 0; i < 8; i++)
    groups[i] = (guint16)((ip->bytes[2 * i] << 8) | ip->bytes[2 * i + 1]);

  for (int i = 0; i < n_groups; i++)
    {
      int j = i;

      while (j < n_groups && groups[j] == 0)
        j++;
      if (j - i >= 2 && j - i > best_length)
        {
          best_start = i;
          best_length = j - i;
        }
      if (j > i)
        i = j - 1;
    }

  for (int i = 0; i < n_groups; i++)
    {
      gboolean started = FALSE;

      if (i == best_start)
        {
          *p++ = ':';
          *p++ = ':';
          i += best_length - 1;
          continue;
        }
      if (i > 0 && i != best_start + best_length)
        *p++ = ':';

      /* Lower case, without leading zeros (RFC 5952 §4.1, §4.3). */
      for (int shift = 12; shift >= 0; shift -= 4)
        {
          int digit = (groups[i] >> shift) & 0xf;

          if (digit != 0 || started || shift == 0)
            {
              *p++ = hex[digit];
              started = TRUE;
            }
        }
    }

  if (mapped)
    {
      KanriIp v4 = { KANRI_IP_FAMILY_V4, { 0 } };

      if (p == buffer || p[-1] != ':')
        *p++ = ':';
      memcpy (v4.bytes, ip->bytes + 12, 4);
      kanri_ip_format (&v4, p);
      return;
    }

  *p = '\0';
}

char *
kanri_ip_to_string (const KanriIp *ip)
{
  char buffer[KANRI_IP_STRING_MAX];

  g_return_val_if_fail (ip != NULL, NULL);

  kanri_ip_format (ip, buffer);
  return g_strdup (buffer);
}

/* IPv4 sorts before IPv6; within a family, numerically. */
int
kanri_ip_compare (const KanriIp *a,
                  const KanriIp *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, 0);

  if (a->family != b->family)
    return a->family < b->family ? -1 : 1;

  return memcmp (a->bytes, b->bytes, a->family == KANRI_IP_FAMILY_V4 ? 4 : 16);
}

gboolean
kanri_ip_equal (const KanriIp *a,
                const KanriIp *b)
{
  return kanri_ip_compare (a, b) == 0;
}

/**
 * kanri_ip_unmap:
 * @ipv4: (out): the IPv4 address
 *
 * An IPv4-mapped IPv6 address (::ffff:192.0.2.1, RFC 4291 §2.5.5.2) is how a
 * dual-stack server may log an IPv4 client; it belongs to the IPv4 ranges.
 *
 * Returns: %TRUE if @ip is IPv4-mapped
 */
gboolean
kanri_ip_unmap (const KanriIp *ip,
                KanriIp       *ipv4)
{
  g_return_val_if_fail (ip != NULL, FALSE);
  g_return_val_if_fail (ipv4 != NULL, FALSE);

  if (ip->family != KANRI_IP_FAMILY_V6 ||
      memcmp (ip->bytes, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) != 0)
    return FALSE;

  memset (ipv4, 0, sizeof *ipv4);
  ipv4->family = KANRI_IP_FAMILY_V4;
  memcpy (ipv4->bytes, ip->bytes + 12, 4);
  return TRUE;
}

static guint
family_bits (guint8 family)
{
  return family == KANRI_IP_FAMILY_V4 ? 32 : 128;
}

/**
 * kanri_ip_range_init_prefix:
 * @range: (out): the block
 * @network: the network address
 * @prefix: the prefix length, at most 32 or 128
 *
 * Returns: %FALSE if @network has bits set after @prefix (the block is still
 *   filled in, from the masked network)
 */
gboolean
kanri_ip_range_init_prefix (KanriIpRange  *range,
                            const KanriIp *network,
                            guint          prefix)
{
  guint bits;
  gboolean clean = TRUE;

  g_return_val_if_fail (range != NULL, FALSE);
  g_return_val_if_fail (network != NULL, FALSE);

  bits = family_bits (network->family);
  g_return_val_if_fail (prefix <= bits, FALSE);

  range->first = *network;
  range->last = *network;
  range->prefix = (gint16)prefix;

  for (guint i = 0; i < bits / 8; i++)
    {
      guint8 mask;

      if (prefix >= (i + 1) * 8)
        mask = 0xff;
      else if (prefix <= i * 8)
        mask = 0;
      else
        mask = (guint8)(0xff << (8 - (prefix - i * 8)));

      if ((network->bytes[i] & ~mask) != 0)
        clean = FALSE;
      range->first.bytes[i] = network->bytes[i] & mask;
      range->last.bytes[i] = network->bytes[i] | (guint8)~mask;
    }

  return clean;
}

static gboolean
parse_prefix_length (const char *text,
                     guint       max,
                     guint      *prefix)
{
  guint value = 0;
  gsize length = strlen (text);

  if (length == 0 || length > 3 || (length > 1 && text[0] == '0'))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (guint)(text[i] - '0');
    }

  if (value > max)
    return FALSE;

  *prefix = value;
  return TRUE;
}

static gboolean
parse_cidr (const char    *text,
            const char    *slash,
            KanriIpRange  *range,
            GError       **error)
{
  g_autofree char *address = g_strndup (text, slash - text);
  g_autofree char *shown = quote_input (text, strlen (text));
  KanriIp network;
  guint prefix;
  guint max;

  if (!kanri_ip_parse (address, &network, error))
    return FALSE;

  max = family_bits (network.family);
  if (!parse_prefix_length (slash + 1, max, &prefix))
    {
      if (network.family == KANRI_IP_FAMILY_V4)
        g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_PREFIX,
                     _("“%s” has an invalid prefix length: an IPv4 prefix is /0 to /32"),
                     shown);
      else
        g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_PREFIX,
                     _("“%s” has an invalid prefix length: an IPv6 prefix is /0 to /128"),
                     shown);
      return FALSE;
    }

  if (!kanri_ip_range_init_prefix (range, &network, prefix))
    {
      g_autofree char *suggested = kanri_ip_range_to_string (range);

      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_HOST_BITS_SET,
                   _("“%s” has address bits set after the /%u prefix; the network is %s"),
                   shown, prefix, suggested);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_dash_range (const char    *text,
                  const char    *dash,
                  KanriIpRange  *range,
                  GError       **error)
{
  g_autofree char *first_text = g_strstrip (g_strndup (text, dash - text));
  g_autofree char *last_text = g_strstrip (g_strdup (dash + 1));
  g_autofree char *shown = quote_input (text, strlen (text));
  KanriIp first;
  KanriIp last;

  if (!kanri_ip_parse (first_text, &first, error) ||
      !kanri_ip_parse (last_text, &last, error))
    return FALSE;

  if (first.family != last.family)
    {
      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_RANGE,
                   _("“%s” mixes an IPv4 and an IPv6 address"),
                   shown);
      return FALSE;
    }

  if (kanri_ip_compare (&first, &last) > 0)
    {
      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_RANGE,
                   _("“%s” starts after it ends: write the lower address first"),
                   shown);
      return FALSE;
    }

  range->first = first;
  range->last = last;
  range->prefix = -1;
  return TRUE;
}

/**
 * kanri_ip_range_parse:
 * @text: a single address, a CIDR block ("203.0.113.0/24", "2001:db8::/32")
 *   or a range of two addresses joined by "-" (the form Exchange Online
 *   accepts for -EFSkipIPs); surrounding spaces are ignored
 * @range: (out): the block
 *
 * A CIDR block with bits set after its prefix is refused (with the network it
 * probably meant in the message): such typos otherwise silently cover a
 * different set of addresses than the user intended.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
kanri_ip_range_parse (const char    *text,
                      KanriIpRange  *range,
                      GError       **error)
{
  g_autofree char *trimmed = NULL;
  const char *slash;
  const char *dash;
  KanriIp single;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (range != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  slash = strchr (trimmed, '/');
  dash = strchr (trimmed, '-');

  if (slash != NULL && dash == NULL)
    return parse_cidr (trimmed, slash, range, error);

  if (dash != NULL && slash == NULL)
    return parse_dash_range (trimmed, dash, range, error);

  if (slash != NULL && dash != NULL)
    {
      g_autofree char *shown = quote_input (trimmed, strlen (trimmed));

      g_set_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_RANGE,
                   _("“%s” mixes a prefix and a range: write either 192.0.2.0/24 or 192.0.2.0-192.0.2.255"),
                   shown);
      return FALSE;
    }

  if (!kanri_ip_parse (trimmed, &single, error))
    return FALSE;

  kanri_ip_range_init_prefix (range, &single, family_bits (single.family));
  return TRUE;
}

/**
 * kanri_ip_range_contains:
 *
 * An IPv4-mapped IPv6 @ip is matched against IPv4 blocks.
 */
gboolean
kanri_ip_range_contains (const KanriIpRange *range,
                         const KanriIp      *ip)
{
  KanriIp unmapped;

  g_return_val_if_fail (range != NULL, FALSE);
  g_return_val_if_fail (ip != NULL, FALSE);

  if (ip->family != range->first.family)
    {
      if (!kanri_ip_unmap (ip, &unmapped) || unmapped.family != range->first.family)
        return FALSE;
      ip = &unmapped;
    }

  return kanri_ip_compare (&range->first, ip) <= 0 && kanri_ip_compare (ip, &range->last) <= 0;
}

gboolean
kanri_ip_range_contains_range (const KanriIpRange *outer,
                               const KanriIpRange *inner)
{
  g_return_val_if_fail (outer != NULL && inner != NULL, FALSE);

  return outer->first.family == inner->first.family &&
         kanri_ip_compare (&outer->first, &inner->first) <= 0 &&
         kanri_ip_compare (&inner->last, &outer->last) <= 0;
}

gboolean
kanri_ip_range_overlaps (const KanriIpRange *a,
                         const KanriIpRange *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->first.family == b->first.family &&
         kanri_ip_compare (&a->first, &b->last) <= 0 &&
         kanri_ip_compare (&b->first, &a->last) <= 0;
}

/**
 * kanri_ip_range_to_string:
 *
 * Returns: the block as "network/prefix", a single address alone, or "a-b"
 */
char *
kanri_ip_range_to_string (const KanriIpRange *range)
{
  char first[KANRI_IP_STRING_MAX];
  char last[KANRI_IP_STRING_MAX];

  g_return_val_if_fail (range != NULL, NULL);

  kanri_ip_format (&range->first, first);

  if (range->prefix < 0)
    {
      kanri_ip_format (&range->last, last);
      return g_strdup_printf ("%s-%s", first, last);
    }

  if ((guint)range->prefix == family_bits (range->first.family))
    return g_strdup (first);

  return g_strdup_printf ("%s/%d", first, range->prefix);
}
