/* kanri-secrets.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-tokens.h"

G_BEGIN_DECLS

void          kanri_secrets_store_async   (const KanriTokens    *tokens,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean      kanri_secrets_store_finish  (GAsyncResult         *result,
                                           GError              **error);
void          kanri_secrets_lookup_async  (const char           *tenant_id,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
KanriTokens  *kanri_secrets_lookup_finish (GAsyncResult         *result,
                                           GError              **error);
void          kanri_secrets_clear_async   (const char           *tenant_id,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean      kanri_secrets_clear_finish  (GAsyncResult         *result,
                                           GError              **error);
void          kanri_secrets_list_async    (GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GPtrArray    *kanri_secrets_list_finish   (GAsyncResult         *result,
                                           GError              **error);
KanriTokens  *kanri_secrets_find_tenant   (GPtrArray            *tenants,
                                           const char           *name,
                                           GError              **error);

G_END_DECLS
