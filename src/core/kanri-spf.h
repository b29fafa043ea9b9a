/* kanri-spf.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kanri-resolver.h"
#include "kanri-spf-macro.h"
#include "kanri-spf-record.h"

G_BEGIN_DECLS

/* RFC 7208 §4.6.4. */
#define KANRI_SPF_MAX_DNS_MECHANISMS 10
#define KANRI_SPF_MAX_VOID_LOOKUPS   2
#define KANRI_SPF_MAX_MX_NAMES       10
#define KANRI_SPF_MAX_PTR_NAMES      10

/* What a step of the trace is: the SPF record of a domain being evaluated
 * (its children are the terms), one term (its children are its DNS lookups
 * and, for include and redirect, the record it leads to), one DNS lookup,
 * or a note such as the explanation or a limit that was hit. */
typedef enum
{
  KANRI_SPF_STEP_RECORD,
  KANRI_SPF_STEP_TERM,
  KANRI_SPF_STEP_LOOKUP,
  KANRI_SPF_STEP_NOTE,
} KanriSpfStepKind;

/**
 * KanriSpfStep:
 * @kind: what the step is
 * @subject: what was evaluated, as written: the domain, the term
 *   ("include:_spf.example.com") or the query ("TXT example.com")
 * @detail: the outcome in words, translated
 * @result: for a record, its check_host() result; for a matching term, its
 *   qualifier; otherwise %KANRI_SPF_RESULT_NONE
 * @matched: for a term, whether it matched
 * @lookup_number: for a term that counts against the limit of
 *   %KANRI_SPF_MAX_DNS_MECHANISMS, its number (1-based); otherwise 0
 * @children: (element-type KanriSpfStep): the steps under this one
 */
typedef struct _KanriSpfStep KanriSpfStep;

struct _KanriSpfStep
{
  KanriSpfStepKind  kind;
  char             *subject;
  char             *detail;
  KanriSpfResult    result;
  gboolean          matched;
  guint             lookup_number;
  GPtrArray        *children;
};

/**
 * KanriSpfQuery:
 * @ip: the client's IP address (IPv4, IPv6 or IPv4-mapped IPv6)
 * @domain: (nullable): the domain to check; %NULL for the domain of @sender
 *   (or of @helo when @sender is empty)
 * @sender: (nullable): the MAIL FROM address; empty or %NULL for
 *   "postmaster@" @helo (RFC 7208 §2.4)
 * @helo: (nullable): the HELO/EHLO name
 * @receiver: (nullable): the checking host, for %{r}; %NULL gives "unknown"
 * @timestamp: for %{t}, seconds since the epoch; 0 for now
 */
typedef struct
{
  const char *ip;
  const char *domain;
  const char *sender;
  const char *helo;
  const char *receiver;
  gint64      timestamp;
} KanriSpfQuery;

/**
 * KanriSpfReport:
 * @result: the check_host() result
 * @explanation: (nullable): for fail, the domain's exp= explanation
 *   (RFC 7208 §6.2), when it has a usable one
 * @reason: (nullable): why the result is none, temperror or permerror, in
 *   words, translated
 * @ip: the address checked, as text (IPv4-mapped addresses as IPv4)
 * @domain: the domain checked
 * @sender: the sender used (with "postmaster" filled in)
 * @helo: the HELO name, or ""
 * @lookups: how many of the %KANRI_SPF_MAX_DNS_MECHANISMS DNS-querying
 *   terms were used
 * @void_lookups: how many of the %KANRI_SPF_MAX_VOID_LOOKUPS void lookups
 *   were used
 * @trace: the root step: the record of @domain
 */
typedef struct
{
  KanriSpfResult  result;
  char           *explanation;
  char           *reason;
  char           *ip;
  char           *domain;
  char           *sender;
  char           *helo;
  guint           lookups;
  guint           void_lookups;
  KanriSpfStep   *trace;
} KanriSpfReport;

#define KANRI_TYPE_SPF_REPORT (kanri_spf_report_get_type ())

GType           kanri_spf_report_get_type    (void) G_GNUC_CONST;
KanriSpfReport *kanri_spf_report_ref         (KanriSpfReport       *report);
void            kanri_spf_report_unref       (KanriSpfReport       *report);
JsonNode       *kanri_spf_report_to_json     (KanriSpfReport       *report);

KanriSpfReport *kanri_spf_check_host         (KanriResolver        *resolver,
                                              const KanriSpfQuery  *query,
                                              GCancellable         *cancellable,
                                              GError              **error);
void            kanri_spf_check_host_async   (KanriResolver        *resolver,
                                              const KanriSpfQuery  *query,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
KanriSpfReport *kanri_spf_check_host_finish  (GAsyncResult         *result,
                                              GError              **error);

const char     *kanri_spf_result_describe    (KanriSpfResult        result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriSpfReport, kanri_spf_report_unref)

G_END_DECLS
