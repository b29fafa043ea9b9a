/* kanri-demo-host.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-emulator.h"

G_BEGIN_DECLS

#define KANRI_TYPE_DEMO_HOST (kanri_demo_host_get_type ())

G_DECLARE_FINAL_TYPE (KanriDemoHost, kanri_demo_host, KANRI, DEMO_HOST, GObject)

typedef void (*KanriDemoHostFunc) (KanriEmulator *emulator,
                                   gpointer       user_data);

void           kanri_demo_host_start_async     (const char           *state_path,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
KanriDemoHost *kanri_demo_host_start_finish    (GAsyncResult         *result,
                                                GError              **error);
const char    *kanri_demo_host_get_invoke_url  (KanriDemoHost        *self);
const char    *kanri_demo_host_get_access_token (KanriDemoHost       *self);
const char    *kanri_demo_host_get_admin_upn   (KanriDemoHost        *self);
const char    *kanri_demo_host_get_tenant_id   (KanriDemoHost        *self);
char          *kanri_demo_host_dup_dns_zone    (KanriDemoHost        *self);
void           kanri_demo_host_run             (KanriDemoHost        *self,
                                                KanriDemoHostFunc     func,
                                                gpointer              user_data);
void           kanri_demo_host_reset_async     (KanriDemoHost        *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean       kanri_demo_host_reset_finish    (KanriDemoHost        *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
