/* kanri-tenant.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-cmdlet.h"
#include "kanri-exo-client.h"
#include "kanri-finding.h"
#include "kanri-journal.h"
#include "kanri-mailbox-list.h"

G_BEGIN_DECLS

typedef enum
{
  KANRI_TENANT_DEMO,
  KANRI_TENANT_MICROSOFT365,
  KANRI_TENANT_ENDPOINT,
} KanriTenantKind;

#define KANRI_TYPE_TENANT (kanri_tenant_get_type ())

G_DECLARE_FINAL_TYPE (KanriTenant, kanri_tenant, KANRI, TENANT, GObject)

KanriTenant      *kanri_tenant_new                    (KanriStore          *store,
                                                       const char          *id,
                                                       const char          *name,
                                                       KanriTenantKind      kind,
                                                       const char          *cloud,
                                                       const char          *account,
                                                       GError             **error);
KanriStore       *kanri_tenant_get_store              (KanriTenant         *self);
const char       *kanri_tenant_get_id                 (KanriTenant         *self);
const char       *kanri_tenant_get_name               (KanriTenant         *self);
KanriTenantKind   kanri_tenant_get_kind               (KanriTenant         *self);
const char       *kanri_tenant_get_cloud              (KanriTenant         *self);
const char       *kanri_tenant_get_account            (KanriTenant         *self);
GStrv             kanri_tenant_dup_account_names      (KanriTenant         *self);
GDateTime        *kanri_tenant_get_last_sync          (KanriTenant         *self);
KanriExoClient   *kanri_tenant_get_client             (KanriTenant         *self);
void              kanri_tenant_set_client             (KanriTenant         *self,
                                                       KanriExoClient      *client);
guint             kanri_tenant_get_concurrency        (KanriTenant         *self);
void              kanri_tenant_set_concurrency        (KanriTenant         *self,
                                                       guint                concurrency);

/* Sync */
void              kanri_tenant_sync_async             (KanriTenant         *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          kanri_tenant_sync_finish            (KanriTenant         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
gboolean          kanri_tenant_get_syncing            (KanriTenant         *self);
const char       *kanri_tenant_get_sync_status        (KanriTenant         *self);

/* What the local model holds */
KanriMailboxList *kanri_tenant_create_mailbox_list    (KanriTenant         *self);
guint             kanri_tenant_get_n_mailboxes        (KanriTenant         *self);
GListModel       *kanri_tenant_get_connectors         (KanriTenant         *self);
GListModel       *kanri_tenant_get_accepted_domains   (KanriTenant         *self);
const char       *kanri_tenant_get_message_expiration (KanriTenant         *self);
gboolean          kanri_tenant_get_audit_disabled     (KanriTenant         *self);
GListModel       *kanri_tenant_get_audit_bypass       (KanriTenant         *self);
const char       *kanri_tenant_get_audit_bypass_error (KanriTenant         *self);
GListModel       *kanri_tenant_get_findings           (KanriTenant         *self);
void              kanri_tenant_set_findings           (KanriTenant         *self,
                                                       const char          *source,
                                                       GPtrArray           *findings);

/* Changes, through the journal */
void              kanri_tenant_run_async              (KanriTenant         *self,
                                                       KanriCmdlet         *cmdlet,
                                                       const char          *summary,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gint64            kanri_tenant_run_finish             (KanriTenant         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void              kanri_tenant_retry_async            (KanriTenant         *self,
                                                       gint64               operation,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          kanri_tenant_retry_finish           (KanriTenant         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Reads, which change nothing and are not journaled */
typedef void (*KanriTenantPageFunc) (KanriTenant *tenant,
                                     JsonArray   *objects,
                                     gpointer     user_data);

void              kanri_tenant_query_async            (KanriTenant         *self,
                                                       KanriCmdlet         *cmdlet,
                                                       KanriTenantPageFunc  page_func,
                                                       gpointer             page_data,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
JsonArray        *kanri_tenant_query_finish           (KanriTenant         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
