/* kanri-spf-record.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "kanri-spf-macro.h"

G_BEGIN_DECLS

/* A TXT record holds at most 65535 octets of RDATA (RFC 1035 §3.2.1). */
#define KANRI_SPF_RECORD_MAX_LENGTH 65535

/* RFC 7208 §2.6: the results of check_host(). */
typedef enum
{
  KANRI_SPF_RESULT_NONE,
  KANRI_SPF_RESULT_NEUTRAL,
  KANRI_SPF_RESULT_PASS,
  KANRI_SPF_RESULT_FAIL,
  KANRI_SPF_RESULT_SOFTFAIL,
  KANRI_SPF_RESULT_TEMPERROR,
  KANRI_SPF_RESULT_PERMERROR,
} KanriSpfResult;

/* RFC 7208 §5 (mechanisms) and §6 (modifiers). */
typedef enum
{
  KANRI_SPF_TERM_ALL,
  KANRI_SPF_TERM_INCLUDE,
  KANRI_SPF_TERM_A,
  KANRI_SPF_TERM_MX,
  KANRI_SPF_TERM_PTR,
  KANRI_SPF_TERM_IP4,
  KANRI_SPF_TERM_IP6,
  KANRI_SPF_TERM_EXISTS,
  KANRI_SPF_TERM_REDIRECT,
  KANRI_SPF_TERM_EXP,
  KANRI_SPF_TERM_UNKNOWN_MODIFIER,
} KanriSpfTermKind;

/**
 * KanriSpfTerm:
 * @kind: the mechanism or modifier
 * @qualifier: for mechanisms, the result when it matches (pass, fail,
 *   softfail or neutral)
 * @text: the term as written
 * @domain_spec: (nullable): the domain-spec of include, a, mx, ptr, exists,
 *   redirect and exp; %NULL where the current domain is meant; for an unknown
 *   modifier, its value
 * @modifier_name: (nullable): the name of an unknown modifier
 * @network: the address of ip4 (4 bytes) and ip6 (16 bytes)
 * @cidr4: the IPv4 prefix length of ip4, a and mx (32 when not given)
 * @cidr6: the IPv6 prefix length of ip6, a and mx (128 when not given)
 */
typedef struct
{
  KanriSpfTermKind  kind;
  KanriSpfResult    qualifier;
  char             *text;
  char             *domain_spec;
  char             *modifier_name;
  guint8            network[16];
  guint             cidr4;
  guint             cidr6;
} KanriSpfTerm;

/**
 * KanriSpfRecord:
 * @terms: (element-type KanriSpfTerm): every term in order
 * @redirect: (nullable): the redirect= modifier, also in @terms
 * @exp: (nullable): the exp= modifier, also in @terms
 * @has_all: whether an "all" mechanism is present (RFC 7208 §6.1)
 */
typedef struct
{
  GPtrArray    *terms;
  KanriSpfTerm *redirect;
  KanriSpfTerm *exp;
  gboolean      has_all;
} KanriSpfRecord;

gboolean        kanri_spf_record_is_spf       (const char         *text,
                                               gssize              length);
KanriSpfRecord *kanri_spf_record_parse        (const char         *text,
                                               gssize              length,
                                               GError            **error);
void            kanri_spf_record_free         (KanriSpfRecord     *record);
gboolean        kanri_spf_term_uses_dns       (const KanriSpfTerm *term);
const char     *kanri_spf_result_to_string    (KanriSpfResult      result);
gboolean        kanri_spf_result_from_string  (const char         *text,
                                               KanriSpfResult     *result);
gboolean        kanri_spf_domain_spec_check   (const char         *spec,
                                               GError            **error);
char           *kanri_spf_text_shown          (const char         *text,
                                               gssize              length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriSpfRecord, kanri_spf_record_free)

G_END_DECLS
