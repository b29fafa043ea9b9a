/* kanri-mx-check.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-resolver.h"

G_BEGIN_DECLS

/**
 * KanriMxResult:
 * @domain: the accepted domain looked up
 * @exchange: (nullable): its preferred MX host; %NULL when it has none or
 *   the lookup failed, unless kanri_mx_results_keep_known() gave it the
 *   one an earlier lookup found
 * @exchange_online: whether @exchange is Exchange Online's own
 * @addresses: the IPv4 and IPv6 addresses of @exchange, when it is not
 *   Exchange Online's (empty if they could not be found)
 * @error: (nullable): why the MX lookup failed (DNS could not be reached,
 *   for one), other than the domain having no MX: the check could not run
 *   for the domain
 */
typedef struct
{
  char     *domain;
  char     *exchange;
  gboolean  exchange_online;
  GStrv     addresses;
  GError   *error;
} KanriMxResult;

/**
 * KanriMxConnector:
 * @name: the connector's name
 * @enabled: whether it is enabled
 * @enhanced_filtering: whether enhanced filtering is on (EFSkipLastIP, or
 *   EFSkipIPs not empty)
 * @sender_ip_addresses: (nullable): its SenderIPAddresses
 *
 * What the MX check needs to know of an inbound connector.
 */
typedef struct
{
  const char         *name;
  gboolean            enabled;
  gboolean            enhanced_filtering;
  const char *const  *sender_ip_addresses;
} KanriMxConnector;

/**
 * KanriMxFinding:
 * @exchange: the MX host in front of Exchange Online
 * @domains: the accepted domains whose MX it is
 * @addresses: its addresses
 * @connector: (nullable): the enabled connector whose sender IP addresses
 *   hold one of @addresses: the one enhanced filtering belongs on
 */
typedef struct
{
  char  *exchange;
  GStrv  domains;
  GStrv  addresses;
  char  *connector;
} KanriMxFinding;

gboolean   kanri_mx_is_exchange_online (const char              *host);
void       kanri_mx_lookup_async       (KanriResolver           *resolver,
                                        const char *const       *domains,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
GPtrArray *kanri_mx_lookup_finish      (GAsyncResult            *result,
                                        GError                 **error);
void       kanri_mx_results_keep_known (GPtrArray               *results,
                                        GPtrArray               *previous);
GPtrArray *kanri_mx_evaluate           (GPtrArray               *results,
                                        const KanriMxConnector  *connectors,
                                        gsize                    n_connectors);

void       kanri_mx_result_free        (KanriMxResult           *result);
void       kanri_mx_finding_free       (KanriMxFinding          *finding);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriMxResult, kanri_mx_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriMxFinding, kanri_mx_finding_free)

G_END_DECLS
