/* kanri-header-report.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "kanri-antispam.h"
#include "kanri-auth-results.h"
#include "kanri-date.h"
#include "kanri-delivery-status.h"
#include "kanri-header-block.h"
#include "kanri-ip-classifier.h"
#include "kanri-message-file.h"
#include "kanri-received.h"
#include "kanri-signature-check.h"

G_BEGIN_DECLS

typedef enum
{
  KANRI_SEVERITY_INFO,
  KANRI_SEVERITY_WARNING,
  KANRI_SEVERITY_ERROR,
} KanriSeverity;

/* A finding: a stable @id ("spf-fail", "cip-is-relay", …, see
 * kanri-header-findings.c for all of them), its severity and a translated,
 * plain-language @message. */
typedef struct
{
  const char    *id;
  KanriSeverity  severity;
  char          *message;
} KanriHeaderFinding;

/* One Received field, oldest first. @delay_seconds is the time since the
 * closest older hop with a readable time, signed: negative means the clocks
 * of the two servers disagree. @delay_text is the same, exact, as written
 * in the JSON report ("125", "-3", "0.321"). @from_ip_class is meaningful
 * when @received->from_ip is set. */
typedef struct
{
  KanriReceived *received;
  guint          field_index;
  gboolean       has_delay;
  double         delay_seconds;
  char          *delay_text;
  KanriIpClass   from_ip_class;
} KanriHop;

/* The authentication verdicts, from the topmost Authentication-Results
 * (Exchange Online's own), with Received-SPF and ARC-Seal as fallbacks.
 * Every member is %NULL when the headers do not say. */
typedef struct
{
  char *spf;
  char *spf_ip;
  char *spf_domain;
  char *dkim;
  char *dkim_domain;
  char *dkim_selector;
  char *dmarc;
  char *dmarc_action;
  char *dmarc_domain;
  char *compauth;
  char *compauth_reason;
  char *arc;
  char *auth_as;
  char *auth_source;
} KanriAuthSummary;

/* A parsed Authentication-Results, ARC-Authentication-Results or
 * Authentication-Results-Original field; @trusted marks the one the
 * verdicts come from. */
typedef struct
{
  const char       *name;
  guint             field_index;
  gboolean          trusted;
  KanriAuthResults *results;
} KanriAuthHeader;

/* Where an IP address was seen. */
typedef enum
{
  KANRI_IP_SEEN_CIP,
  KANRI_IP_SEEN_HOP_SENDER,
  KANRI_IP_SEEN_ORIGINAL_SENDER,
  KANRI_IP_SEEN_SPF,
} KanriIpSeen;

/* An IP address seen in the headers, what it is, and where it was seen;
 * @hop counts from 1 for %KANRI_IP_SEEN_HOP_SENDER. */
typedef struct
{
  char         *ip;
  KanriIpClass  klass;
  KanriIpSeen   seen;
  guint         hop;
} KanriIpNote;

#define KANRI_TYPE_HEADER_REPORT (kanri_header_report_get_type ())

G_DECLARE_FINAL_TYPE (KanriHeaderReport, kanri_header_report, KANRI, HEADER_REPORT, GObject)

const char                *kanri_header_report_get_source             (KanriHeaderReport *self);
KanriMessageFormat         kanri_header_report_get_format             (KanriHeaderReport *self);
KanriHeaderBlock          *kanri_header_report_get_headers            (KanriHeaderReport *self);
const char                *kanri_header_report_get_subject            (KanriHeaderReport *self);
const char                *kanri_header_report_get_from               (KanriHeaderReport *self);
const char                *kanri_header_report_get_to                 (KanriHeaderReport *self);
const char                *kanri_header_report_get_message_id         (KanriHeaderReport *self);
const char                *kanri_header_report_get_date_text          (KanriHeaderReport *self);
const KanriDate           *kanri_header_report_get_date               (KanriHeaderReport *self);
GPtrArray                 *kanri_header_report_get_hops               (KanriHeaderReport *self);
gboolean                   kanri_header_report_get_total_delay        (KanriHeaderReport *self,
                                                                       double            *seconds);
const char                *kanri_header_report_get_total_delay_text   (KanriHeaderReport *self);
const char                *kanri_header_report_get_cip                (KanriHeaderReport *self);
KanriIpClass               kanri_header_report_get_cip_class          (KanriHeaderReport *self);
gboolean                   kanri_header_report_get_enhanced_filtering (KanriHeaderReport *self,
                                                                       const char       **original_ip,
                                                                       const char       **original_host);
const KanriAuthSummary    *kanri_header_report_get_auth               (KanriHeaderReport *self);
GPtrArray                 *kanri_header_report_get_auth_headers       (KanriHeaderReport *self);
GPtrArray                 *kanri_header_report_get_antispam           (KanriHeaderReport *self);
gboolean                   kanri_header_report_get_scl                (KanriHeaderReport *self,
                                                                       int               *scl);
gboolean                   kanri_header_report_get_bcl                (KanriHeaderReport *self,
                                                                       int               *bcl);
const char                *kanri_header_report_get_sfv                (KanriHeaderReport *self);
const KanriDeliveryStatus *kanri_header_report_get_ndr                (KanriHeaderReport *self);
KanriHeaderReport         *kanri_header_report_get_ndr_original       (KanriHeaderReport *self);
GPtrArray                 *kanri_header_report_get_ips                (KanriHeaderReport *self);
GPtrArray                 *kanri_header_report_get_findings           (KanriHeaderReport *self);
const KanriSignatureCheck *kanri_header_report_get_signatures         (KanriHeaderReport *self);
const KanriHeaderFinding        *kanri_header_report_find_finding           (KanriHeaderReport *self,
                                                                       const char        *id);

char                      *kanri_header_report_to_json                (KanriHeaderReport *self,
                                                                       gboolean           pretty);
void                       kanri_header_report_append_json            (KanriHeaderReport *self,
                                                                       GString           *out,
                                                                       gboolean           pretty);
char                      *kanri_header_report_to_text                (KanriHeaderReport *self);

const char                *kanri_severity_to_string                   (KanriSeverity      severity);
char                      *kanri_ip_note_describe                     (const KanriIpNote *note);

G_END_DECLS
