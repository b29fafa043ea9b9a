/* kanri-spf-macro.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KANRI_SPF_ERROR (kanri_spf_error_quark ())

typedef enum
{
  KANRI_SPF_ERROR_SYNTAX,
  KANRI_SPF_ERROR_TOO_LONG,
  KANRI_SPF_ERROR_INVALID_QUERY,
} KanriSpfError;

/* Expansions longer than this are refused; a domain name has at most 253
 * characters and an explanation is one line of an SMTP reply. */
#define KANRI_SPF_MACRO_MAX_OUTPUT 8192

/* RFC 7208 §7.1: which macro letters a string may use. DOMAIN is a
 * domain-spec, or the value of an unknown modifier, which is never expanded
 * but must be valid all the same (s l o d i p h v: §7.2 allows c, r and t
 * only in "exp" text); EXPLANATION is the text of an exp= TXT record (all
 * letters, and spaces). */
typedef enum
{
  KANRI_SPF_MACRO_DOMAIN,
  KANRI_SPF_MACRO_EXPLANATION,
} KanriSpfMacroMode;

typedef const char *(*KanriSpfValidatedNameFunc) (gpointer user_data);

/**
 * KanriSpfMacroContext:
 * @sender: %s, the whole sender (local-part@domain)
 * @local_part: %l
 * @sender_domain: %o
 * @domain: %d, the domain being checked
 * @ip: (nullable): the bytes of the client address for %i, %c and %v: 4,
 *   or 16 when @ipv6; an IPv4-mapped IPv6 address must already be IPv4
 * @ipv6: whether @ip is IPv6
 * @helo: %h
 * @receiver: %r; %NULL gives "unknown"
 * @timestamp: %t, seconds since the epoch
 * @validated_name: gives %p, called only when %p is used; %NULL gives
 *   "unknown"
 * @user_data: data for @validated_name
 */
typedef struct
{
  const char                *sender;
  const char                *local_part;
  const char                *sender_domain;
  const char                *domain;
  const guint8              *ip;
  gboolean                   ipv6;
  const char                *helo;
  const char                *receiver;
  gint64                     timestamp;
  KanriSpfValidatedNameFunc  validated_name;
  gpointer                   user_data;
} KanriSpfMacroContext;

GQuark    kanri_spf_error_quark  (void);
gboolean  kanri_spf_macro_check  (const char                 *spec,
                                  gssize                      length,
                                  KanriSpfMacroMode           mode,
                                  GError                    **error);
char     *kanri_spf_macro_expand (const char                 *spec,
                                  const KanriSpfMacroContext *context,
                                  KanriSpfMacroMode           mode,
                                  GError                    **error);

G_END_DECLS
