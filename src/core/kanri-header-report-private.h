/* kanri-header-report-private.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-arena.h"
#include "kanri-header-report.h"

G_BEGIN_DECLS

/* Filled in by kanri-header-analyzer.c and kanri-header-findings.c, read by
 * the getters and the JSON and text writers. Every string member, and the
 * hops with their stamps, IP notes, anti-spam fields, findings and auth
 * headers themselves, live in the report's arena
 * (kanri_header_report_alloc(), kanri_header_report_intern()), freed at
 * once with the report: a report has a hundred small parts, and a malloc()
 * and a free() for each cost more than the rest of filling them in. The
 * findings' messages, the auth headers' results, the header block and the
 * NDR are owned by the parts. */
struct _KanriHeaderReport
{
  GObject              parent_instance;

  KanriArena           arena;

  char                *source;
  KanriMessageFormat   format;
  KanriHeaderBlock    *headers;

  char                *subject;
  char                *from;
  char                *to;
  char                *message_id;
  char                *date_text;
  gboolean             has_date;
  KanriDate            date;

  GPtrArray           *hops;
  gboolean             has_total_delay;
  double               total_delay;
  char                *total_delay_text;

  char                *cip;
  KanriIpClass         cip_class;

  gboolean             ef_applied;
  char                *ef_original_ip;
  char                *ef_original_host;

  KanriAuthSummary     auth;
  GPtrArray           *auth_headers;

  GPtrArray           *antispam;
  gboolean             has_scl;
  int                  scl;
  gboolean             has_bcl;
  int                  bcl;
  char                *sfv;
  gboolean             srv_bulk;
  gboolean             cat_bulk;
  gboolean             has_untrusted_antispam;

  KanriDeliveryStatus *ndr;
  KanriHeaderReport   *ndr_original;

  GPtrArray           *ips;
  GHashTable          *ip_index;
  GPtrArray           *findings;

  KanriSignatureCheck *signatures;
};

KanriHeaderReport *kanri_header_report_new          (const char        *source,
                                                     KanriMessageFormat format,
                                                     KanriHeaderBlock  *headers);
gpointer           kanri_header_report_alloc        (KanriHeaderReport *self,
                                                     gsize              size);
gpointer           kanri_header_report_alloc_func   (gsize              size,
                                                     gpointer           report);
char              *kanri_header_report_intern       (KanriHeaderReport *self,
                                                     const char        *text);
char              *kanri_header_report_intern_len   (KanriHeaderReport *self,
                                                     const char        *text,
                                                     gsize              length);
char              *kanri_header_report_take         (KanriHeaderReport *self,
                                                     char              *text);
void               kanri_header_report_add_finding  (KanriHeaderReport *self,
                                                     const char        *id,
                                                     KanriSeverity      severity,
                                                     char              *message);
void               kanri_header_report_add_ip       (KanriHeaderReport *self,
                                                     const char        *ip,
                                                     KanriIpClass       klass,
                                                     KanriIpSeen        seen,
                                                     guint              hop);

gboolean           kanri_header_findings_compute    (KanriHeaderReport *self,
                                                     GCancellable      *cancellable);

G_END_DECLS
