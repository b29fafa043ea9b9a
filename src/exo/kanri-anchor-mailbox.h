/* kanri-anchor-mailbox.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The mailbox the ExchangeOnlineManagement module anchors app-only
 * connections on: the same in every tenant. */
#define KANRI_ANCHOR_APP_MAILBOX "SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}"

char     *kanri_anchor_mailbox_for_upn    (const char  *upn);
char     *kanri_anchor_mailbox_for_app    (const char  *tenant_id);
char     *kanri_anchor_mailbox_for_token  (const char  *access_token,
                                           GError     **error);
gboolean  kanri_anchor_mailbox_check      (const char  *anchor,
                                           GError     **error);

G_END_DECLS
