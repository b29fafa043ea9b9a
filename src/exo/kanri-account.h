/* kanri-account.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-exo-client.h"
#include "kanri-signin.h"
#include "kanri-token-provider.h"

G_BEGIN_DECLS

#define KANRI_TYPE_ACCOUNT (kanri_account_get_type ())

G_DECLARE_FINAL_TYPE (KanriAccount, kanri_account, KANRI, ACCOUNT, GObject)

KanriAccount   *kanri_account_new                (KanriSignin          *signin,
                                                  const KanriTokens    *tokens);
void            kanri_account_load_async         (const char           *name,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
KanriAccount   *kanri_account_load_finish        (GAsyncResult         *result,
                                                  GError              **error);
const char     *kanri_account_get_tenant_id      (KanriAccount         *self);
const char     *kanri_account_get_upn            (KanriAccount         *self);
KanriCloud      kanri_account_get_cloud          (KanriAccount         *self);
KanriSignin    *kanri_account_get_signin         (KanriAccount         *self);
gboolean        kanri_account_set_exo_url        (KanriAccount         *self,
                                                  const char           *url,
                                                  GError              **error);
char           *kanri_account_dup_anchor_mailbox (KanriAccount         *self);
KanriExoClient *kanri_account_create_client      (KanriAccount         *self,
                                                  GError              **error);

G_END_DECLS
