/* kanri-token-provider.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KANRI_TYPE_TOKEN_PROVIDER (kanri_token_provider_get_type ())

G_DECLARE_INTERFACE (KanriTokenProvider, kanri_token_provider, KANRI, TOKEN_PROVIDER, GObject)

/**
 * KanriTokenProviderInterface:
 * @get_token_async: gets an access token; with @refresh, a new one even if
 *   the current one has not expired (the service refused it)
 * @get_token_finish: the token
 */
struct _KanriTokenProviderInterface
{
  GTypeInterface parent_iface;

  void   (*get_token_async)  (KanriTokenProvider   *self,
                              gboolean              refresh,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  char  *(*get_token_finish) (KanriTokenProvider   *self,
                              GAsyncResult         *result,
                              GError              **error);
};

void  kanri_token_provider_get_token_async  (KanriTokenProvider   *self,
                                             gboolean              refresh,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char *kanri_token_provider_get_token_finish (KanriTokenProvider   *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
