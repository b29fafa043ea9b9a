/* kanri-operation-runner.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-tenant.h"

G_BEGIN_DECLS

void     kanri_operation_runner_execute_async  (KanriTenant         *tenant,
                                                gint64               operation,
                                                KanriCmdlet         *cmdlet,
                                                gboolean             check_first,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean kanri_operation_runner_execute_finish (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
