/* kanri-dmarc.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kanri-resolver.h"

G_BEGIN_DECLS

#define KANRI_DMARC_ERROR (kanri_dmarc_error_quark ())

typedef enum
{
  KANRI_DMARC_ERROR_SYNTAX,
  KANRI_DMARC_ERROR_NOT_DMARC,
  KANRI_DMARC_ERROR_INVALID_DOMAIN,
} KanriDmarcError;

/* A DMARC record is one TXT record; longer text is refused. */
#define KANRI_DMARC_RECORD_MAX_LENGTH 65535

typedef enum
{
  KANRI_DMARC_POLICY_NONE,
  KANRI_DMARC_POLICY_QUARANTINE,
  KANRI_DMARC_POLICY_REJECT,
} KanriDmarcPolicy;

typedef enum
{
  KANRI_DMARC_ALIGNMENT_RELAXED,
  KANRI_DMARC_ALIGNMENT_STRICT,
} KanriDmarcAlignment;

/**
 * KanriDmarcRecord:
 * @text: the record as published
 * @policy: p=
 * @subdomain_policy: sp=, or @policy when absent
 * @has_subdomain_policy: whether sp= is present
 * @percent: pct= (0 to 100; 100 when absent)
 * @dkim_alignment: adkim= (relaxed when absent)
 * @spf_alignment: aspf= (relaxed when absent)
 * @failure_options: fo= ("0" when absent)
 * @report_format: rf= ("afrf" when absent)
 * @report_interval: ri= in seconds (86400 when absent)
 * @aggregate_uris: rua= URIs (empty when absent)
 * @failure_uris: ruf= URIs (empty when absent)
 * @warnings: things a person should fix, which do not make the record
 *   invalid (unknown tags, p= repaired from rua=…), translated
 */
typedef struct
{
  char                *text;
  KanriDmarcPolicy     policy;
  KanriDmarcPolicy     subdomain_policy;
  gboolean             has_subdomain_policy;
  guint                percent;
  KanriDmarcAlignment  dkim_alignment;
  KanriDmarcAlignment  spf_alignment;
  char                *failure_options;
  char                *report_format;
  guint32              report_interval;
  GStrv                aggregate_uris;
  GStrv                failure_uris;
  GStrv                warnings;
} KanriDmarcRecord;

/* Where policy discovery (RFC 7489 §6.6.3) ended. */
typedef enum
{
  KANRI_DMARC_STATUS_FOUND,
  KANRI_DMARC_STATUS_NO_RECORD,
  KANRI_DMARC_STATUS_MULTIPLE_RECORDS,
  KANRI_DMARC_STATUS_INVALID_RECORD,
  KANRI_DMARC_STATUS_TEMPERROR,
} KanriDmarcStatus;

/* The outcome of checking one identifier against the From domain. */
typedef enum
{
  KANRI_DMARC_IDENTIFIER_NOT_GIVEN,
  KANRI_DMARC_IDENTIFIER_ALIGNED,
  KANRI_DMARC_IDENTIFIER_NOT_ALIGNED,
} KanriDmarcIdentifier;

/**
 * KanriDmarcQuery:
 * @domain: the RFC5322.From domain
 * @spf_domain: (nullable): a domain that passed SPF (the MAIL FROM domain)
 * @dkim_domain: (nullable): the d= domain of a valid DKIM signature
 */
typedef struct
{
  const char *domain;
  const char *spf_domain;
  const char *dkim_domain;
} KanriDmarcQuery;

/**
 * KanriDmarcLookup:
 * @query: what was asked ("TXT _dmarc.example.com")
 * @detail: the answer or the error, in words
 */
typedef struct
{
  char *query;
  char *detail;
} KanriDmarcLookup;

/**
 * KanriDmarcReport:
 * @domain: the From domain checked
 * @organizational_domain: its organizational domain (RFC 7489 §3.2)
 * @status: how policy discovery ended
 * @reason: (nullable): why there is no usable record, translated
 * @record_domain: (nullable): the name the record was found at
 * @from_organizational_domain: whether the record is the organizational
 *   domain's (the §6.6.3 fallback), so that sp= applies
 * @record: (nullable): the record, when @status is FOUND
 * @effective_policy: the policy for @domain: p=, or sp= for a subdomain
 *   covered by its organizational domain's record
 * @spf: whether the query's SPF domain aligns (under aspf=, or relaxed)
 * @dkim: whether the query's DKIM domain aligns (under adkim=, or relaxed)
 * @passed: whether DMARC passes: there is a record and an identifier is
 *   aligned
 * @lookups: (element-type KanriDmarcLookup): the DNS queries made
 */
typedef struct
{
  char                 *domain;
  char                 *organizational_domain;
  KanriDmarcStatus      status;
  char                 *reason;
  char                 *record_domain;
  gboolean              from_organizational_domain;
  KanriDmarcRecord     *record;
  KanriDmarcPolicy      effective_policy;
  KanriDmarcIdentifier  spf;
  KanriDmarcIdentifier  dkim;
  gboolean              passed;
  GPtrArray            *lookups;
} KanriDmarcReport;

#define KANRI_TYPE_DMARC_REPORT (kanri_dmarc_report_get_type ())

GQuark            kanri_dmarc_error_quark               (void);
KanriDmarcRecord *kanri_dmarc_record_parse              (const char           *text,
                                                         GError              **error);
void              kanri_dmarc_record_free               (KanriDmarcRecord     *record);
const char       *kanri_dmarc_policy_to_string          (KanriDmarcPolicy      policy);
const char       *kanri_dmarc_alignment_to_string       (KanriDmarcAlignment   alignment);
char             *kanri_dmarc_organizational_domain     (const char           *domain,
                                                         GError              **error);
gboolean          kanri_dmarc_domains_aligned           (const char           *from_domain,
                                                         const char           *domain,
                                                         KanriDmarcAlignment   alignment);

GType             kanri_dmarc_report_get_type           (void) G_GNUC_CONST;
KanriDmarcReport *kanri_dmarc_report_ref                (KanriDmarcReport     *report);
void              kanri_dmarc_report_unref              (KanriDmarcReport     *report);
JsonNode         *kanri_dmarc_report_to_json            (KanriDmarcReport     *report);
const char       *kanri_dmarc_status_to_string          (KanriDmarcStatus      status);

KanriDmarcReport *kanri_dmarc_check                     (KanriResolver        *resolver,
                                                         const KanriDmarcQuery *query,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
void              kanri_dmarc_check_async               (KanriResolver        *resolver,
                                                         const KanriDmarcQuery *query,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
KanriDmarcReport *kanri_dmarc_check_finish              (GAsyncResult         *result,
                                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriDmarcRecord, kanri_dmarc_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriDmarcReport, kanri_dmarc_report_unref)

G_END_DECLS
