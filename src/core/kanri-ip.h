/* kanri-ip.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KANRI_IP_ERROR (kanri_ip_error_quark ())

typedef enum
{
  KANRI_IP_ERROR_INVALID_ADDRESS,
  KANRI_IP_ERROR_INVALID_PREFIX,
  KANRI_IP_ERROR_HOST_BITS_SET,
  KANRI_IP_ERROR_INVALID_RANGE,
} KanriIpError;

typedef enum
{
  KANRI_IP_FAMILY_V4 = 4,
  KANRI_IP_FAMILY_V6 = 6,
} KanriIpFamily;

/* Long enough for any address kanri_ip_format() writes, NUL included. */
#define KANRI_IP_STRING_MAX 46

/* An address in network byte order; IPv4 uses the first four bytes and
 * leaves the rest zero, so that two equal addresses compare equal as memory. */
typedef struct
{
  guint8 family;
  guint8 bytes[16];
} KanriIp;

/* A contiguous block of addresses of one family, first and last included.
 * @prefix is the CIDR prefix length when the block was written as one (a
 * single address is a /32 or /128), or -1 for an "a-b" range. */
typedef struct
{
  KanriIp first;
  KanriIp last;
  gint16  prefix;
} KanriIpRange;

GQuark   kanri_ip_error_quark          (void);

gboolean kanri_ip_parse                (const char         *text,
                                        KanriIp            *ip,
                                        GError            **error);
gboolean kanri_ip_parse_len            (const char         *text,
                                        gsize               length,
                                        KanriIp            *ip);
void     kanri_ip_format               (const KanriIp      *ip,
                                        char                buffer[KANRI_IP_STRING_MAX]);
char    *kanri_ip_to_string            (const KanriIp      *ip);
int      kanri_ip_compare              (const KanriIp      *a,
                                        const KanriIp      *b);
gboolean kanri_ip_equal                (const KanriIp      *a,
                                        const KanriIp      *b);
gboolean kanri_ip_unmap                (const KanriIp      *ip,
                                        KanriIp            *ipv4);

gboolean kanri_ip_range_parse          (const char         *text,
                                        KanriIpRange       *range,
                                        GError            **error);
gboolean kanri_ip_range_init_prefix    (KanriIpRange       *range,
                                        const KanriIp      *network,
                                        guint               prefix);
gboolean kanri_ip_range_contains       (const KanriIpRange *range,
                                        const KanriIp      *ip);
gboolean kanri_ip_range_contains_range (const KanriIpRange *outer,
                                        const KanriIpRange *inner);
gboolean kanri_ip_range_overlaps       (const KanriIpRange *a,
                                        const KanriIpRange *b);
char    *kanri_ip_range_to_string      (const KanriIpRange *range);

G_END_DECLS
