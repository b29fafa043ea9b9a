/* kanri-connector-rules.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-connector-rules"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-connector-rules.h"
#include "kanri-ip-classifier.h"

/* What the Connectors page accepts in the fields of an inbound connector,
 * and why it refuses the rest. Facts: the New-InboundConnector and
 * Set-InboundConnector reference pages (SenderIPAddresses: IPv4 only,
 * CIDR /24 through /32; SenderDomains and TlsSenderCertificateName: an SMTP
 * domain, a wildcard only at the start; EFSkipIPs: single addresses,
 * a-b ranges and CIDR, IPv4 or IPv6; EFUsers: recipient addresses) and
 * Microsoft Learn "Enhanced Filtering for Connectors in Exchange Online"
 * (private addresses are skipped by the service itself).
 *
 * This is the client's check, written apart from the emulator's, which
 * must be able to catch the client's mistakes (ARCHITECTURE.md). */

G_DEFINE_QUARK (kanri-connector-rules-error-quark, kanri_connector_rules_error)

/* Text from the user interface is UTF-8; anything else is refused before
 * any character is counted or folded. */
static gboolean
check_utf8 (const char  *text,
            GError     **error)
{
  if (g_utf8_validate (text, -1, NULL))
    return TRUE;

  g_set_error_literal (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_INVALID,
                       _("The text is not valid UTF-8."));
  return FALSE;
}

/* A contiguous block of addresses of one family, first and last included,
 * in network byte order. */
typedef struct
{
  GSocketFamily family;
  guint8        first[16];
  guint8        last[16];
  guint         prefix;
  gboolean      is_range;
} Block;

static gsize
family_size (GSocketFamily family)
{
  return family == G_SOCKET_FAMILY_IPV6 ? 16 : 4;
}

static void
apply_prefix (Block *block)
{
  gsize size = family_size (block->family);

  for (gsize i = 0; i < size; i++)
    {
      guint bits = block->prefix > i * 8 ? MIN (block->prefix - i * 8, 8) : 0;
      guint8 mask = bits == 0 ? 0 : (guint8)(0xff << (8 - bits));

      block->first[i] &= mask;
      block->last[i] = block->first[i] | (guint8)~mask;
    }
}

/* RFC 1918 §3. */
static const char *const private_ranges[] = {
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  NULL
};

static gboolean
parse_address (const char    *text,
               GSocketFamily *family,
               guint8         bytes[16])
{
  g_autoptr(GInetAddress) address = NULL;

  /* Zone indexes (fe80::1%eth0) name an interface of this computer, which
   * means nothing to the service. */
  if (*text == '\0' || strchr (text, '%') != NULL)
    return FALSE;

  address = g_inet_address_new_from_string (text);
  if (address == NULL)
    return FALSE;

  *family = g_inet_address_get_family (address);
  memset (bytes, 0, 16);
  memcpy (bytes, g_inet_address_to_bytes (address), g_inet_address_get_native_size (address));
  return TRUE;
}

static gboolean
parse_prefix (const char *text,
              guint       max,
              guint      *prefix)
{
  guint64 value;

  if (!g_ascii_isdigit (*text) ||
      !g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return FALSE;

  *prefix = (guint)value;
  return TRUE;
}

/* Parses an address, "address/prefix" or "first-last". Returns FALSE when
 * @text is none of them; @block->is_range tells a range. */
static gboolean
parse_block (const char *text,
             Block      *block)
{
  g_autofree char *copy = g_strdup (text);
  char *dash = strchr (copy, '-');
  char *slash = strchr (copy, '/');

  memset (block, 0, sizeof *block);

  if (dash != NULL)
    {
      GSocketFamily last_family;

      *dash = '\0';
      block->is_range = TRUE;
      g_strstrip (copy);
      g_strstrip (dash + 1);
      if (slash != NULL ||
          !parse_address (copy, &block->family, block->first) ||
          !parse_address (dash + 1, &last_family, block->last) ||
          last_family != block->family)
        return FALSE;
      block->prefix = 0;
      return TRUE;
    }

  if (slash != NULL)
    *slash = '\0';
  if (!parse_address (copy, &block->family, block->first))
    return FALSE;

  block->prefix = family_size (block->family) * 8;
  if (slash != NULL && !parse_prefix (slash + 1, block->prefix, &block->prefix))
    return FALSE;

  memcpy (block->last, block->first, 16);
  apply_prefix (block);
  return TRUE;
}

static int
compare_bytes (const guint8 *a,
               const guint8 *b)
{
  return memcmp (a, b, 16);
}

static gboolean
block_contains (const Block *outer,
                const Block *inner)
{
  return outer->family == inner->family &&
         compare_bytes (outer->first, inner->first) <= 0 &&
         compare_bytes (inner->last, outer->last) <= 0;
}

static gboolean
block_equal (const Block *a,
             const Block *b)
{
  return block_contains (a, b) && block_contains (b, a);
}

static gboolean
block_overlaps (const Block *a,
                const Block *b)
{
  return a->family == b->family &&
         compare_bytes (a->first, b->last) <= 0 &&
         compare_bytes (b->first, a->last) <= 0;
}

/* The first range of @ranges that @block overlaps, or NULL. The tables are
 * read through GInetAddressMask, which refuses a range written with host
 * bits set, so a typo in them shows in the tests at once. */
static const char *
find_overlap (const Block       *block,
              const char *const *ranges)
{
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_autoptr(GInetAddressMask) mask = g_inet_address_mask_new_from_string (ranges[i], NULL);
      GInetAddress *address;
      Block range = { 0 };

      g_return_val_if_fail (mask != NULL, NULL);

      address = g_inet_address_mask_get_address (mask);
      range.family = g_inet_address_get_family (address);
      range.prefix = g_inet_address_mask_get_length (mask);
      memcpy (range.first, g_inet_address_to_bytes (address), g_inet_address_get_native_size (address));
      memcpy (range.last, range.first, 16);
      apply_prefix (&range);

      if (block_overlaps (block, &range))
        return ranges[i];
    }

  return NULL;
}

static gboolean
block_overlaps_range (const Block        *block,
                      const KanriIpRange *range)
{
  gsize size = family_size (block->family);
  KanriIpFamily family = block->family == G_SOCKET_FAMILY_IPV6 ? KANRI_IP_FAMILY_V6
                                                               : KANRI_IP_FAMILY_V4;

  return range->first.family == family &&
         memcmp (block->first, range->last.bytes, size) <= 0 &&
         memcmp (range->first.bytes, block->last, size) <= 0;
}

/* The Microsoft 365 range @block overlaps, as text, or NULL: the ip4 and ip6
 * mechanisms of spf.protection.outlook.com in the dated snapshot the Header
 * Analyzer and the DNS & IP Tools page use (data/eop-ranges.json), and the
 * relay pool 40.95.0.0/16 (Microsoft Learn "High-risk delivery pool for
 * outbound messages"), which that record leaves out. */
static char *
find_microsoft365_overlap (const Block *block)
{
  KanriIpClassifier *classifier = kanri_ip_classifier_get_default ();
  const KanriIpRange *ranges;
  gsize n_ranges = 0;

  ranges = kanri_ip_classifier_get_eop_ranges (classifier, &n_ranges);
  for (gsize i = 0; i < n_ranges; i++)
    if (block_overlaps_range (block, &ranges[i]))
      return kanri_ip_range_to_string (&ranges[i]);

  if (block_overlaps_range (block, kanri_ip_classifier_get_relay_pool ()))
    return kanri_ip_range_to_string (kanri_ip_classifier_get_relay_pool ());

  return NULL;
}

static char *
format_address (GSocketFamily  family,
                const guint8  *bytes)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_bytes (bytes, family);

  return g_inet_address_to_string (address);
}

/* The canonical text of what was typed: addresses as GLib writes them
 * (IPv6 compressed, lower case), the prefix and range kept as typed. */
static char *
format_block (const char  *text,
              const Block *block)
{
  g_autofree char *copy = g_strdup (text);
  char *slash = strchr (copy, '/');
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GSocketFamily family;
  guint8 bytes[16];

  if (block->is_range)
    {
      first = format_address (block->family, block->first);
      last = format_address (block->family, block->last);
      return g_strdup_printf ("%s-%s", first, last);
    }

  if (slash != NULL)
    *slash = '\0';
  if (!parse_address (copy, &family, bytes))
    return g_strdup (text);

  first = format_address (family, bytes);
  if (slash == NULL || block->prefix == family_size (family) * 8)
    return g_steal_pointer (&first);

  return g_strdup_printf ("%s/%u", first, block->prefix);
}

/* The family of the first address of @text (before any "/" or "-"), or
 * G_SOCKET_FAMILY_INVALID: what the person meant, when the whole does not
 * parse. */
static GSocketFamily
first_family (const char *text)
{
  g_autofree char *first = g_strndup (text, strcspn (text, "/-"));
  GSocketFamily family;
  guint8 bytes[16];

  g_strstrip (first);
  if (!parse_address (first, &family, bytes))
    return G_SOCKET_FAMILY_INVALID;

  return family;
}

static void
set_ipv6_error (const char  *text,
                GError     **error)
{
  g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_IPV6,
               _("“%s” is an IPv6 address. Exchange Online accepts only IPv4 sender IP "
                 "addresses: a single address such as 203.0.113.10, or a CIDR range from "
                 "/24 to /32 such as 198.51.100.0/24."),
               text);
}

/* -SenderIPAddresses: a single IPv4 address or a CIDR range /24 to /32. */
static gboolean
check_sender_ip (const char  *text,
                 char       **normalized,
                 GError     **error)
{
  Block block;

  if (!parse_block (text, &block))
    {
      GSocketFamily family = first_family (text);

      if (family == G_SOCKET_FAMILY_IPV6)
        set_ipv6_error (text, error);
      else if (family == G_SOCKET_FAMILY_IPV4 && strchr (text, '/') != NULL && strchr (text, '-') == NULL)
        g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_PREFIX,
                     _("“%s” has no valid prefix length. Exchange Online accepts CIDR ranges "
                       "from /24 to /32 here, such as 198.51.100.0/24."),
                     text);
      else
        g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_INVALID,
                     _("“%s” is not an IPv4 address. Type a single address such as 203.0.113.10, "
                       "or a CIDR range from /24 to /32 such as 198.51.100.0/24."),
                     text);
      return FALSE;
    }

  if (block.is_range)
    {
      g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_RANGE,
                   _("“%s” is a range. Sender IP addresses are single IPv4 addresses or CIDR "
                     "ranges from /24 to /32: write a range as CIDR blocks, such as "
                     "203.0.113.0/27."),
                   text);
      return FALSE;
    }

  if (block.family == G_SOCKET_FAMILY_IPV6)
    {
      set_ipv6_error (text, error);
      return FALSE;
    }

  if (block.prefix < 24)
    {
      g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_PREFIX,
                   _("“%s” is wider than /24. Exchange Online accepts CIDR ranges from /24 "
                     "(256 addresses) to /32 (one address) here: split the range into /24 "
                     "blocks."),
                   text);
      return FALSE;
    }

  *normalized = format_block (text, &block);
  return TRUE;
}

/* -EFSkipIPs: single addresses, a-b ranges and CIDR, IPv4 or IPv6, but
 * neither Microsoft's own addresses nor private ones. */
static gboolean
check_skip_ip (const char  *text,
               char       **normalized,
               GError     **error)
{
  Block block;
  g_autofree char *microsoft365 = NULL;
  const char *range;

  if (!parse_block (text, &block))
    {
      if (first_family (text) != G_SOCKET_FAMILY_INVALID && strchr (text, '/') != NULL &&
          strchr (text, '-') == NULL)
        g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_PREFIX,
                     _("“%s” has no valid prefix length: up to /32 for IPv4, /128 for IPv6."),
                     text);
      else
        g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_INVALID,
                     _("“%s” is not an IP address. Type an IPv4 or IPv6 address (203.0.113.10), "
                       "a range (203.0.113.10-203.0.113.20) or a CIDR range (203.0.113.0/24)."),
                     text);
      return FALSE;
    }

  if (block.is_range && compare_bytes (block.first, block.last) > 0)
    {
      g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_RANGE,
                   _("“%s” ends before it starts. Write a range lowest address first, such as "
                     "203.0.113.10-203.0.113.20."),
                   text);
      return FALSE;
    }

  microsoft365 = find_microsoft365_overlap (&block);
  if (microsoft365 != NULL)
    {
      g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_MICROSOFT365,
                   _("“%s” is in %s, a range of Microsoft 365 itself. Skip only the addresses "
                     "of the servers in front of Exchange Online, such as your gateway or "
                     "relay."),
                   text, microsoft365);
      return FALSE;
    }

  range = find_overlap (&block, private_ranges);
  if (range != NULL)
    {
      g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_PRIVATE,
                   _("“%s” is in %s, a private range (RFC 1918). Exchange Online skips private "
                     "addresses by itself: list only public addresses."),
                   text, range);
      return FALSE;
    }

  *normalized = format_block (text, &block);
  return TRUE;
}

static gboolean
is_label_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

/* A host name of at least two labels (RFC 1035 §2.3.1, RFC 1123 §2.1:
 * letters, digits and hyphens, a label 1 to 63 long, not starting or
 * ending with a hyphen, 253 in all). */
static gboolean
is_domain (const char *name)
{
  guint label = 0;
  guint labels = 1;
  gsize length = strlen (name);

  if (length == 0 || length > 253 || name[0] == '-' || name[length - 1] == '.')
    return FALSE;

  for (const char *p = name; *p; p++)
    {
      if (*p == '.')
        {
          if (label == 0 || p[-1] == '-' || p[1] == '-')
            return FALSE;
          label = 0;
          labels++;
        }
      else if (!is_label_char (*p) || ++label > 63)
        return FALSE;
    }

  return label > 0 && name[length - 1] != '-' && labels >= 2;
}

/* Lower case ASCII, internationalized names in their xn-- form, which is
 * what the service stores. */
static char *
normalize_domain (const char *text)
{
  g_autofree char *ascii = g_hostname_to_ascii (text);

  if (ascii == NULL)
    return NULL;

  return g_ascii_strdown (ascii, -1);
}

/* A domain, "*.domain" (the domain and all its subdomains) or, if
 * @allow_any, "*" (every domain). Returns the normalized form, or NULL,
 * with @wildcard set when a wildcard is misplaced. */
static char *
check_domain (const char *text,
              gboolean    allow_any,
              gboolean   *wildcard)
{
  g_autofree char *normalized = NULL;
  const char *rest = text;

  *wildcard = FALSE;

  if (g_str_equal (text, "*"))
    return allow_any ? g_strdup ("*") : NULL;
  if (g_str_has_prefix (text, "*."))
    rest = text + 2;
  if (strchr (rest, '*') != NULL)
    {
      *wildcard = TRUE;
      return NULL;
    }

  normalized = normalize_domain (rest);
  if (normalized == NULL || !is_domain (normalized))
    return NULL;

  if (rest != text)
    return g_strconcat ("*.", normalized, NULL);

  return g_steal_pointer (&normalized);
}

static gboolean
check_sender_domain (const char  *text,
                     char       **normalized,
                     GError     **error)
{
  gboolean wildcard;

  *normalized = check_domain (text, TRUE, &wildcard);
  if (*normalized != NULL)
    return TRUE;

  if (wildcard)
    g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_WILDCARD,
                 _("“%s” has a wildcard inside. A wildcard goes only at the start, as in "
                   "*.contoso.com (contoso.com and all its subdomains), or alone: * (every "
                   "domain)."),
                 text);
  else
    g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_INVALID,
                 _("“%s” is not a domain. Type a domain such as contoso.com, *.contoso.com for "
                   "a domain and all its subdomains, or * for every domain."),
                 text);
  return FALSE;
}

/* An email address with a dot-atom local part (RFC 5322 §3.2.3, §3.4.1),
 * at most 64 octets before the @ and 254 in all (RFC 5321 §4.5.3.1).
 * "*", valid in an atom, is refused: EFUsers takes recipients, not
 * patterns, and "*@contoso.com" can only be meant as one. */
static gboolean
check_recipient (const char  *text,
                 char       **normalized,
                 GError     **error)
{
  const char *at = strrchr (text, '@');
  g_autofree char *local = NULL;
  g_autofree char *domain = NULL;

  if (at != NULL && at != text && at - text <= 64)
    {
      local = g_strndup (text, at - text);
      domain = normalize_domain (at + 1);
    }

  if (local != NULL && domain != NULL && is_domain (domain) &&
      local[0] != '.' && local[strlen (local) - 1] != '.' && strstr (local, "..") == NULL)
    {
      gboolean valid = TRUE;

      for (const char *p = local; *p && valid; p++)
        valid = g_ascii_isalnum (*p) || strchr (".!#$%&'+-/=?^_`{|}~", *p) != NULL;

      if (valid && strlen (local) + 1 + strlen (domain) <= 254)
        {
          *normalized = g_strconcat (local, "@", domain, NULL);
          return TRUE;
        }
    }

  g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_INVALID,
               _("“%s” is not an email address. Type a recipient’s address, such as "
                 "user@contoso.com."),
               text);
  return FALSE;
}

/**
 * kanri_connector_check_entry:
 * @list: which list @text is for
 * @text: one entry, as typed
 * @normalized: (out): the entry as it is sent
 *
 * Returns: whether @list accepts @text; if not, @error says why and what
 *   is accepted
 */
gboolean
kanri_connector_check_entry (KanriConnectorList   list,
                             const char          *text,
                             char               **normalized,
                             GError             **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (normalized != NULL, FALSE);

  *normalized = NULL;
  if (!check_utf8 (text, error))
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_EMPTY,
                           _("The entry is empty."));
      return FALSE;
    }

  switch (list)
    {
    case KANRI_CONNECTOR_LIST_SENDER_IPS:
      return check_sender_ip (trimmed, normalized, error);
    case KANRI_CONNECTOR_LIST_SENDER_DOMAINS:
      return check_sender_domain (trimmed, normalized, error);
    case KANRI_CONNECTOR_LIST_SKIP_IPS:
      return check_skip_ip (trimmed, normalized, error);
    case KANRI_CONNECTOR_LIST_RECIPIENTS:
      return check_recipient (trimmed, normalized, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Whether @inner adds nothing to the list because @outer covers it. */
static gboolean
domain_covers (const char *outer,
               const char *inner)
{
  if (g_str_equal (outer, "*"))
    return TRUE;
  if (!g_str_has_prefix (outer, "*."))
    return FALSE;
  if (g_str_equal (inner, outer + 2))
    return TRUE;

  /* *.contoso.com covers a.contoso.com and *.a.contoso.com. */
  return g_str_has_suffix (inner, outer + 1);
}

/**
 * kanri_connector_entry_equal:
 *
 * Returns: whether two accepted entries of @list mean the same thing (the
 *   same block of addresses, the same domain or address in any case)
 */
gboolean
kanri_connector_entry_equal (KanriConnectorList  list,
                             const char         *a,
                             const char         *b)
{
  Block block_a, block_b;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  switch (list)
    {
    case KANRI_CONNECTOR_LIST_SENDER_IPS:
    case KANRI_CONNECTOR_LIST_SKIP_IPS:
      if (parse_block (a, &block_a) && parse_block (b, &block_b))
        return block_equal (&block_a, &block_b);
      return g_str_equal (a, b);
    case KANRI_CONNECTOR_LIST_SENDER_DOMAINS:
    case KANRI_CONNECTOR_LIST_RECIPIENTS:
      return g_ascii_strcasecmp (a, b) == 0;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Whether @outer covers @inner, though they differ. */
static gboolean
entry_covers (KanriConnectorList  list,
              const char         *outer,
              const char         *inner)
{
  Block block_outer, block_inner;

  switch (list)
    {
    case KANRI_CONNECTOR_LIST_SENDER_IPS:
    case KANRI_CONNECTOR_LIST_SKIP_IPS:
      return parse_block (outer, &block_outer) && parse_block (inner, &block_inner) &&
             block_contains (&block_outer, &block_inner);
    case KANRI_CONNECTOR_LIST_SENDER_DOMAINS:
      return domain_covers (outer, inner);
    case KANRI_CONNECTOR_LIST_RECIPIENTS:
    default:
      return FALSE;
    }
}

static KanriConnectorEntry *
entry_new (const char *value)
{
  KanriConnectorEntry *entry = g_new0 (KanriConnectorEntry, 1);

  entry->value = g_strdup (value);
  entry->level = KANRI_CONNECTOR_ENTRY_OK;
  return entry;
}

static void
entry_flag (KanriConnectorEntry      *entry,
            KanriConnectorEntryLevel  level,
            char                     *note)
{
  entry->level = level;
  g_free (entry->note);
  entry->note = note;
}

/* Whether the address of "address/prefix" has bits set after the prefix
 * (192.168.0.1/25, as in the reference page's own example, is the block
 * 192.168.0.0/25). */
static gboolean
has_host_bits (const char  *value,
               const Block *block)
{
  g_autofree char *address = g_strndup (value, strcspn (value, "/"));
  GSocketFamily family;
  guint8 bytes[16];

  if (block->is_range || strchr (value, '/') == NULL || !parse_address (address, &family, bytes))
    return FALSE;

  return compare_bytes (bytes, block->first) != 0;
}

/* What is worth a word about an accepted entry on its own. */
static void
flag_alone (KanriConnectorList   list,
            KanriConnectorEntry *entry)
{
  Block block;
  const char *range;

  if (list != KANRI_CONNECTOR_LIST_SENDER_IPS || !parse_block (entry->value, &block))
    return;

  range = find_overlap (&block, private_ranges);
  if (range != NULL)
    {
      entry_flag (entry, KANRI_CONNECTOR_ENTRY_WARNING,
                  g_strdup_printf (_("A private address (in %s, RFC 1918). Mail from a partner "
                                     "reaches Exchange Online from a public address, so this "
                                     "entry is unlikely to match."),
                                   range));
      return;
    }

  if (has_host_bits (entry->value, &block))
    {
      g_autofree char *network = format_address (block.family, block.first);

      entry_flag (entry, KANRI_CONNECTOR_ENTRY_NOTE,
                  g_strdup_printf (_("The same as %s/%u: the bits after the prefix are ignored."),
                                   network, block.prefix));
    }
}

/**
 * kanri_connector_check_list:
 * @list: which list @entries are
 * @entries: the entries as typed
 * @n_merged: (out) (optional): how many entries repeated an earlier one
 *
 * Checks every entry of a list, merges duplicates (the first stays) and
 * flags entries another entry already covers, private sender addresses,
 * and CIDR ranges written with host bits.
 *
 * Returns: (transfer full) (element-type KanriConnectorEntry): the list as
 *   it is sent, or %NULL with @error naming the first refused entry
 */
GPtrArray *
kanri_connector_check_list (KanriConnectorList   list,
                            const char *const   *entries,
                            guint               *n_merged,
                            GError             **error)
{
  g_autoptr(GPtrArray) checked = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_connector_entry_free);
  guint merged = 0;

  g_return_val_if_fail (entries != NULL, NULL);

  if (g_strv_length ((char **)entries) > KANRI_CONNECTOR_LIST_MAX)
    {
      g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_TOO_MANY,
                   _("The list has %u entries; Kanri accepts at most %u."),
                   g_strv_length ((char **)entries), KANRI_CONNECTOR_LIST_MAX);
      return NULL;
    }

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *value = NULL;
      gboolean duplicate = FALSE;

      if (!kanri_connector_check_entry (list, entries[i], &value, error))
        return NULL;

      for (guint j = 0; j < checked->len && !duplicate; j++)
        duplicate = kanri_connector_entry_equal (list, ((KanriConnectorEntry *)checked->pdata[j])->value,
                                                 value);
      if (duplicate)
        {
          merged++;
          continue;
        }

      g_ptr_array_add (checked, entry_new (value));
      flag_alone (list, checked->pdata[checked->len - 1]);
    }

  for (guint i = 0; i < checked->len; i++)
    {
      KanriConnectorEntry *inner = checked->pdata[i];

      for (guint j = 0; j < checked->len; j++)
        {
          KanriConnectorEntry *outer = checked->pdata[j];

          if (i == j || !entry_covers (list, outer->value, inner->value))
            continue;

          entry_flag (inner, KANRI_CONNECTOR_ENTRY_WARNING,
                      g_strdup_printf (_("Already covered by %s: this entry adds nothing."),
                                       outer->value));
          break;
        }
    }

  if (n_merged != NULL)
    *n_merged = merged;

  return g_steal_pointer (&checked);
}

/**
 * kanri_connector_flag_shared:
 * @list: the kind of list; only sender IP addresses are compared
 * @checked: (element-type KanriConnectorEntry): entries from
 *   kanri_connector_check_list()
 * @connector: the name of another connector of the tenant
 * @addresses: (array zero-terminated=1): that connector's entries of the
 *   same list
 *
 * Flags with a warning every entry of @checked that has an address in
 * common with @addresses: a second connector for the same sending server
 * is most often a mistake (a gateway set up twice, an old connector left
 * after a migration).
 *
 * Returns: how many entries it flagged
 */
guint
kanri_connector_flag_shared (KanriConnectorList  list,
                             GPtrArray          *checked,
                             const char         *connector,
                             const char *const  *addresses)
{
  guint flagged = 0;

  g_return_val_if_fail (checked != NULL, 0);
  g_return_val_if_fail (connector != NULL, 0);

  if (list != KANRI_CONNECTOR_LIST_SENDER_IPS || addresses == NULL)
    return 0;

  for (guint i = 0; i < checked->len; i++)
    {
      KanriConnectorEntry *entry = checked->pdata[i];
      Block mine;

      if (!parse_block (entry->value, &mine))
        continue;

      for (guint j = 0; addresses[j] != NULL; j++)
        {
          Block theirs;

          if (!parse_block (addresses[j], &theirs) || !block_overlaps (&mine, &theirs))
            continue;

          entry_flag (entry, KANRI_CONNECTOR_ENTRY_WARNING,
                      g_strdup_printf (_("Already an address of the connector “%s” (%s): two "
                                         "connectors for the same server give its mail two sets "
                                         "of rules. Change that connector instead, or take the "
                                         "address out of it."),
                                       connector, addresses[j]));
          flagged++;
          break;
        }
    }

  return flagged;
}

/**
 * kanri_connector_split_entries:
 *
 * Splits what was typed or pasted into a list field: entries separated by
 * commas, semicolons or white space, empty ones dropped.
 *
 * Returns: (transfer full): the entries
 */
char **
kanri_connector_split_entries (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *start = text;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; ; p++)
    {
      if (*p == '\0' || *p == ',' || *p == ';' || g_ascii_isspace (*p))
        {
          if (p > start)
            {
              g_autofree char *entry = g_strndup (start, p - start);

              g_strv_builder_add (builder, entry);
            }
          start = p + 1;
        }
      if (*p == '\0')
        break;
    }

  return g_strv_builder_end (builder);
}

/**
 * kanri_connector_check_name:
 * @name: the name as typed
 * @taken: (nullable): the names of the tenant's connectors
 * @trimmed: (out): the name as it is sent
 *
 * A connector's name is required, at most 64 characters (the length of an
 * Exchange object's name, its directory cn) and unique in the tenant,
 * compared as the service compares names: without regard to case.
 */
gboolean
kanri_connector_check_name (const char         *name,
                            const char *const  *taken,
                            char              **trimmed,
                            GError            **error)
{
  g_autofree char *value = NULL;
  glong length;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (trimmed != NULL, FALSE);

  *trimmed = NULL;
  if (!check_utf8 (name, error))
    return FALSE;

  value = g_strstrip (g_strdup (name));
  length = g_utf8_strlen (value, -1);

  if (*value == '\0')
    {
      g_set_error_literal (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_EMPTY,
                           _("Type a name for the connector."));
      return FALSE;
    }

  if (length > KANRI_CONNECTOR_NAME_MAX)
    {
      g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_TOO_LONG,
                   _("The name has %ld characters; a connector’s name can have at most %d."),
                   length, KANRI_CONNECTOR_NAME_MAX);
      return FALSE;
    }

  for (guint i = 0; taken != NULL && taken[i] != NULL; i++)
    {
      g_autofree char *a = g_utf8_casefold (value, -1);
      g_autofree char *b = g_utf8_casefold (taken[i], -1);

      if (g_str_equal (a, b))
        {
          g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_TAKEN,
                       _("This tenant already has a connector named “%s”. Choose another name."),
                       taken[i]);
          return FALSE;
        }
    }

  *trimmed = g_steal_pointer (&value);
  return TRUE;
}

/**
 * kanri_connector_check_comment:
 * @trimmed: (out): the description as it is sent ("" for none)
 *
 * The description (-Comment) is optional.
 */
gboolean
kanri_connector_check_comment (const char  *comment,
                               char       **trimmed,
                               GError     **error)
{
  g_autofree char *value = NULL;
  glong length;

  g_return_val_if_fail (comment != NULL, FALSE);
  g_return_val_if_fail (trimmed != NULL, FALSE);

  *trimmed = NULL;
  if (!check_utf8 (comment, error))
    return FALSE;

  value = g_strstrip (g_strdup (comment));
  length = g_utf8_strlen (value, -1);

  if (length > KANRI_CONNECTOR_COMMENT_MAX)
    {
      g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_TOO_LONG,
                   _("The description has %ld characters; Kanri accepts at most %d."),
                   length, KANRI_CONNECTOR_COMMENT_MAX);
      return FALSE;
    }

  *trimmed = g_steal_pointer (&value);
  return TRUE;
}

/**
 * kanri_connector_check_certificate:
 * @normalized: (out): the domain as it is sent
 *
 * -TlsSenderCertificateName: the domain in the subject of the sending
 * server's certificate; a wildcard only at the start.
 */
gboolean
kanri_connector_check_certificate (const char  *name,
                                   char       **normalized,
                                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  gboolean wildcard;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (normalized != NULL, FALSE);

  *normalized = NULL;
  if (!check_utf8 (name, error))
    return FALSE;

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_EMPTY,
                           _("Type the domain of the sending server’s certificate, such as "
                             "mail.contoso.com or *.contoso.com."));
      return FALSE;
    }

  *normalized = check_domain (trimmed, FALSE, &wildcard);
  if (*normalized != NULL)
    return TRUE;

  if (wildcard)
    g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_WILDCARD,
                 _("“%s” has a wildcard inside. A wildcard goes only at the start, as in "
                   "*.contoso.com."),
                 trimmed);
  else
    g_set_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_INVALID,
                 _("“%s” is not a domain. Type the domain of the sending server’s certificate, "
                   "such as mail.contoso.com or *.contoso.com."),
                 trimmed);
  return FALSE;
}

/**
 * kanri_connector_entries_cover:
 * @entries: accepted entries of an IP address list (SenderIPAddresses,
 *   EFSkipIPs)
 * @address: an IPv4 or IPv6 address
 *
 * Returns: whether one of @entries holds @address
 */
gboolean
kanri_connector_entries_cover (const char *const *entries,
                               const char        *address)
{
  Block target;

  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (!parse_block (address, &target) || target.is_range)
    return FALSE;

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (entries[i]));
      Block block;

      if (parse_block (trimmed, &block) && block_contains (&block, &target))
        return TRUE;
    }

  return FALSE;
}

/**
 * kanri_connector_split_stored:
 * @joined: a multi-valued property as the local model keeps it, the
 *   values joined by commas
 *
 * Returns: (transfer full): the values, trimmed; empty for ""
 */
char **
kanri_connector_split_stored (const char *joined)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (joined != NULL, NULL);

  parts = g_strsplit (joined, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

/**
 * kanri_connector_address_space_domain:
 * @value: a SenderDomains value as Get-InboundConnector returns it
 *
 * The service returns sender domains as address spaces, "smtp:*;1"
 * (type, domain, cost): people see and type the domain.
 *
 * Returns: (transfer full): the domain
 */
char *
kanri_connector_address_space_domain (const char *value)
{
  const char *start = value;
  const char *end;

  g_return_val_if_fail (value != NULL, NULL);

  if (g_ascii_strncasecmp (value, "smtp:", 5) == 0)
    start = value + 5;
  end = strchr (start, ';');

  return end ? g_strndup (start, end - start) : g_strdup (start);
}

void
kanri_connector_entry_free (KanriConnectorEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->value);
  g_free (entry->note);
  g_free (entry);
}
