/* kanri-test-tenant.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-demo-host.h"
#include "kanri-static-token.h"
#include "kanri-tenant.h"

G_BEGIN_DECLS

/* A local model and a demo tenant on loopback, for a test. */
typedef struct
{
  KanriStore    *store;
  KanriDemoHost *host;
  KanriTenant   *tenant;
} KanriTestTenant;

void        kanri_test_tenant_open     (KanriTestTenant *fixture,
                                        gconstpointer    data);
void        kanri_test_tenant_close    (KanriTestTenant *fixture,
                                        gconstpointer    data);
void        kanri_test_tenant_sync     (KanriTestTenant *fixture);
void        kanri_test_tenant_remove_files (void);
void        kanri_test_sync            (KanriTenant     *tenant);
void        kanri_test_emulator_fault  (KanriTestTenant *fixture,
                                        const char      *spec);
void        kanri_test_emulator_clear_faults (KanriTestTenant *fixture);
guint       kanri_test_emulator_applied (KanriTestTenant *fixture,
                                         const char      *cmdlet,
                                         const char      *identity);
JsonArray  *kanri_test_emulator_query  (KanriTestTenant *fixture,
                                        const char      *powershell);
void        kanri_test_wait            (gboolean        *done);

KanriDemoHost *kanri_test_demo_host_start         (const char    *demo_path);
JsonArray     *kanri_test_demo_host_get_mailboxes (KanriDemoHost *host);

G_END_DECLS
