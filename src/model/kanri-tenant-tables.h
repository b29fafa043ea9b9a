/* kanri-tenant-tables.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kanri-store.h"

G_BEGIN_DECLS

typedef enum
{
  KANRI_TABLE_MAILBOXES,
  KANRI_TABLE_CONNECTORS,
  KANRI_TABLE_ACCEPTED_DOMAINS,
} KanriTable;

gboolean kanri_tenant_tables_upsert          (KanriStore   *store,
                                              KanriTable    table,
                                              const char   *tenant,
                                              JsonArray    *objects,
                                              gint64        generation,
                                              GError      **error);
gboolean kanri_tenant_tables_delete_stale    (KanriStore   *store,
                                              KanriTable    table,
                                              const char   *tenant,
                                              gint64        generation,
                                              GError      **error);
gboolean kanri_tenant_tables_delete_object   (KanriStore   *store,
                                              KanriTable    table,
                                              const char   *tenant,
                                              const char   *key,
                                              GError      **error);
gboolean kanri_tenant_tables_set_transport_config (KanriStore  *store,
                                                   const char  *tenant,
                                                   JsonObject  *config,
                                                   GError     **error);
gint64   kanri_tenant_tables_mailbox_row_id  (KanriStore   *store,
                                              const char   *tenant,
                                              const char   *guid);
gint64   kanri_tenant_tables_count           (KanriStore   *store,
                                              KanriTable    table,
                                              const char   *tenant);
char    *kanri_tenant_tables_join_list       (JsonObject   *object,
                                              const char   *member);

G_END_DECLS
