/* kanri-audit-export.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-audit-rules.h"
#include "kanri-store.h"

G_BEGIN_DECLS

/* Called on the caller's main context as rows are written. */
typedef void (*KanriAuditExportProgress) (guint    done,
                                          guint    total,
                                          gpointer user_data);

void     kanri_audit_export_csv_async  (KanriStore               *store,
                                        const char               *tenant,
                                        const char               *search,
                                        KanriAuditFlags           flags,
                                        GFile                    *file,
                                        KanriAuditExportProgress  progress,
                                        gpointer                  progress_data,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data);
gboolean kanri_audit_export_csv_finish (GAsyncResult             *result,
                                        guint                    *count,
                                        GError                  **error);

G_END_DECLS
