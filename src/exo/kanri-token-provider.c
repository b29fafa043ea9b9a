/* kanri-token-provider.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-token-provider"

#include "config.h"

#include "kanri-token-provider.h"

/* Where KanriExoClient gets its bearer tokens: a signed-in account
 * (KanriAccount, which refreshes them) or a fixed token (the demo tenant,
 * KANRI_ACCESS_TOKEN for `kanri-cli invoke --endpoint`). */

G_DEFINE_INTERFACE (KanriTokenProvider, kanri_token_provider, G_TYPE_OBJECT)

static void
kanri_token_provider_default_init (KanriTokenProviderInterface *iface)
{
}

void
kanri_token_provider_get_token_async (KanriTokenProvider  *self,
                                      gboolean             refresh,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (KANRI_IS_TOKEN_PROVIDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  KANRI_TOKEN_PROVIDER_GET_IFACE (self)->get_token_async (self, refresh, cancellable,
                                                          callback, user_data);
}

/**
 * kanri_token_provider_get_token_finish:
 *
 * Returns: (transfer full) (nullable): the access token, or %NULL with
 *   @error set
 */
char *
kanri_token_provider_get_token_finish (KanriTokenProvider  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (KANRI_IS_TOKEN_PROVIDER (self), NULL);

  return KANRI_TOKEN_PROVIDER_GET_IFACE (self)->get_token_finish (self, result, error);
}
