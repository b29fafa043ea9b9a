/* kanri-add-tenant-window.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kanri-tenants.h"

G_BEGIN_DECLS

#define KANRI_TYPE_ADD_TENANT_WINDOW (kanri_add_tenant_window_get_type ())

G_DECLARE_FINAL_TYPE (KanriAddTenantWindow, kanri_add_tenant_window, KANRI, ADD_TENANT_WINDOW, AdwWindow)

KanriAddTenantWindow *kanri_add_tenant_window_new (GtkWindow    *parent,
                                                   KanriTenants *tenants);

G_END_DECLS
