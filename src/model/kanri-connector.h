/* kanri-connector.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef enum
{
  KANRI_ENHANCED_FILTERING_OFF,
  KANRI_ENHANCED_FILTERING_SKIP_LAST_IP,
  KANRI_ENHANCED_FILTERING_SKIP_IPS,
} KanriEnhancedFiltering;

#define KANRI_TYPE_CONNECTOR (kanri_connector_get_type ())

G_DECLARE_FINAL_TYPE (KanriConnector, kanri_connector, KANRI, CONNECTOR, GObject)

/* The columns kanri_connector_new_from_row() reads, in its order. */
#define KANRI_CONNECTOR_COLUMNS \
  "guid, name, connector_type, enabled, sender_ip_addresses, tls_sender_certificate_name, " \
  "require_tls, restrict_domains_to_ip_addresses, restrict_domains_to_certificate, " \
  "sender_domains, ef_skip_last_ip, ef_skip_ips, ef_users, comment"

KanriConnector         *kanri_connector_new_from_row          (sqlite3_stmt   *stmt);
const char             *kanri_connector_get_guid              (KanriConnector *self);
const char             *kanri_connector_get_name              (KanriConnector *self);
const char             *kanri_connector_get_connector_type    (KanriConnector *self);
gboolean                kanri_connector_get_enabled           (KanriConnector *self);
const char             *kanri_connector_get_sender_ip_addresses (KanriConnector *self);
gboolean                kanri_connector_covers_ip             (KanriConnector *self,
                                                               const char     *ip);
const char             *kanri_connector_get_certificate_name  (KanriConnector *self);
gboolean                kanri_connector_get_require_tls       (KanriConnector *self);
gboolean                kanri_connector_get_restrict_to_ip_addresses (KanriConnector *self);
gboolean                kanri_connector_get_restrict_to_certificate  (KanriConnector *self);
const char             *kanri_connector_get_sender_domains    (KanriConnector *self);
KanriEnhancedFiltering  kanri_connector_get_enhanced_filtering (KanriConnector *self);
const char             *kanri_connector_get_ef_skip_ips       (KanriConnector *self);
const char             *kanri_connector_get_ef_users          (KanriConnector *self);
const char             *kanri_connector_get_comment           (KanriConnector *self);

G_END_DECLS
