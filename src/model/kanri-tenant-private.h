/* kanri-tenant-private.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-tenant.h"
#include "kanri-tenant-tables.h"

G_BEGIN_DECLS

/* For the tenant's own parts: its sync, its operation runner, its batches. */
void  _kanri_tenant_after_change     (KanriTenant *self,
                                      KanriCmdlet *cmdlet,
                                      JsonArray   *answer);
void  _kanri_tenant_table_written    (KanriTenant *self,
                                      KanriTable   table);
void  _kanri_tenant_reload           (KanriTenant *self);
void  _kanri_tenant_set_sync_state   (KanriTenant *self,
                                      gboolean     syncing,
                                      const char  *status);
void  _kanri_tenant_set_last_sync    (KanriTenant *self,
                                      gint64       usec);

G_END_DECLS
