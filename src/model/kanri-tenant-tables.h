/* kanri-tenant-tables.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kanri-cmdlet.h"
#include "kanri-store.h"

G_BEGIN_DECLS

typedef enum
{
  KANRI_TABLE_MAILBOXES,
  KANRI_TABLE_CONNECTORS,
  KANRI_TABLE_ACCEPTED_DOMAINS,
  KANRI_TABLE_AUDIT_BYPASS,
} KanriTable;

gboolean kanri_tenant_tables_upsert          (sqlite3      *db,
                                              KanriTable    table,
                                              const char   *tenant,
                                              JsonArray    *objects,
                                              gint64        generation,
                                              GError      **error);
gboolean kanri_tenant_tables_delete_stale    (sqlite3      *db,
                                              KanriTable    table,
                                              const char   *tenant,
                                              gint64        generation,
                                              GError      **error);
gboolean kanri_tenant_tables_delete_object   (sqlite3      *db,
                                              KanriTable    table,
                                              const char   *tenant,
                                              const char   *key,
                                              GError      **error);
gboolean kanri_tenant_tables_set_transport_config (sqlite3      *db,
                                                   const char  *tenant,
                                                   JsonObject  *config,
                                                   GError     **error);
gboolean kanri_tenant_tables_set_organization_config (sqlite3      *db,
                                                      const char   *tenant,
                                                      JsonObject   *config,
                                                      GError      **error);
gboolean kanri_tenant_tables_record_audit_bypass (sqlite3      *db,
                                                  const char   *tenant,
                                                  JsonArray    *associations,
                                                  GError      **error);
gint64   kanri_tenant_tables_mailbox_row_id  (sqlite3      *db,
                                              const char   *tenant,
                                              const char   *guid);
gint64   kanri_tenant_tables_count           (sqlite3      *db,
                                              KanriTable    table,
                                              const char   *tenant);
gint64   kanri_tenant_tables_apply_set_mailbox (sqlite3      *db,
                                                const char   *tenant,
                                                KanriCmdlet  *set_mailbox,
                                                GError      **error);
char    *kanri_tenant_tables_join_list       (JsonObject   *object,
                                              const char   *member);

G_END_DECLS
