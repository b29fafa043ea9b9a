/* kanri-tenants.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-account.h"
#include "kanri-demo-host.h"
#include "kanri-tenant.h"

G_BEGIN_DECLS

#define KANRI_TYPE_TENANTS (kanri_tenants_get_type ())

G_DECLARE_FINAL_TYPE (KanriTenants, kanri_tenants, KANRI, TENANTS, GObject)

KanriTenants  *kanri_tenants_new              (KanriStore          *store,
                                               const char          *demo_path);
void           kanri_tenants_set_exo_url      (KanriTenants        *self,
                                               const char          *url);
void           kanri_tenants_load_async       (KanriTenants        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       kanri_tenants_load_finish      (KanriTenants        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
KanriStore    *kanri_tenants_get_store        (KanriTenants        *self);
KanriDemoHost *kanri_tenants_get_demo_host    (KanriTenants        *self);
KanriTenant   *kanri_tenants_get_demo         (KanriTenants        *self);
KanriTenant   *kanri_tenants_lookup           (KanriTenants        *self,
                                               const char          *id);
KanriTenant   *kanri_tenants_get_current      (KanriTenants        *self);
void           kanri_tenants_set_current      (KanriTenants        *self,
                                               KanriTenant         *tenant);
KanriTenant   *kanri_tenants_add_account      (KanriTenants        *self,
                                               KanriAccount        *account,
                                               GError             **error);
void           kanri_tenants_sign_out_async   (KanriTenants        *self,
                                               KanriTenant         *tenant,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       kanri_tenants_sign_out_finish  (KanriTenants        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void           kanri_tenants_reset_demo_async (KanriTenants        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       kanri_tenants_reset_demo_finish (KanriTenants       *self,
                                                GAsyncResult       *result,
                                                GError            **error);

G_END_DECLS
