/* kanri-emulator-anchor.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-emulator"

#include "config.h"

#include <string.h>

#include "kanri-emulator-private.h"

/* X-AnchorMailbox, which the service routes every InvokeCommand request on:
 * `UPN:{user}` for a user of the tenant, `APP:SystemMailbox{…}@{tenant}`
 * for an app. The emulator refuses a request without one, as the client's
 * mistakes must show here; this reads the header on its own, sharing
 * nothing with the client.
 *
 * What Exchange Online answers when the anchor is missing is not
 * documented for the admin API, and no public client or issue we found
 * shows it. The reply modelled here is the one Microsoft documents for the
 * Outlook REST API of the same front end, where an anchor that names no
 * mailbox of the request gets "400 Bad Request" with the code
 * ErrorIncorrectRoutingHint and the message "The x-anchor mailbox '…' does
 * not match the target of the request." (Microsoft 365 Developer Blog,
 * "Error improvement for invalid X-AnchorMailbox in REST API calls",
 * January 2018); a missing anchor is answered as an empty one. The body
 * has the admin API's error shape (PRODUCT.md "Errors"), with the
 * exception type the emulator gives errors raised outside a cmdlet. */

#define APP_MAILBOX "SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}"
#define ROUTING_EXCEPTION "Microsoft.Exchange.Admin.OData.Core.ODataServiceException"

static EmuError *
routing_error (const char *anchor)
{
  return emu_error_new (400, "ErrorIncorrectRoutingHint", ROUTING_EXCEPTION,
                        "The x-anchor mailbox '%s' does not match the target of the request.", anchor);
}

/* The tenant's own domain (its organization, "contoso.onmicrosoft.com")
 * is always one, whatever the seed lists. */
static gboolean
is_accepted_domain (EmuState   *state,
                    const char *organization,
                    const char *domain)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (organization != NULL && g_ascii_strcasecmp (domain, organization) == 0)
    return TRUE;

  stmt = emu_state_prepare (state, "SELECT 1 FROM accepted_domains WHERE name = ?1 COLLATE NOCASE", NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, domain, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* A user of this tenant: user@domain with one of its accepted domains. */
static gboolean
is_tenant_user (EmuState   *state,
                const char *organization,
                const char *upn)
{
  const char *at = strchr (upn, '@');

  if (at == NULL || at == upn || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = upn; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
        return FALSE;
    }

  return is_accepted_domain (state, organization, at + 1);
}

static gboolean
is_tenant_app_mailbox (const char *mailbox,
                       const char *tenant_id)
{
  gsize length = strlen (APP_MAILBOX);

  return g_ascii_strncasecmp (mailbox, APP_MAILBOX, length) == 0 &&
         mailbox[length] == '@' &&
         g_ascii_strcasecmp (mailbox + length + 1, tenant_id) == 0;
}

/**
 * emu_anchor_check:
 * @anchor: (nullable): the request's X-AnchorMailbox
 *
 * Returns: (transfer full) (nullable): %NULL when @anchor routes to this
 *   tenant, else the error to answer with
 */
EmuError *
emu_anchor_check (EmuState   *state,
                  const char *tenant_id,
                  const char *organization,
                  const char *anchor)
{
  if (anchor == NULL)
    return routing_error ("");

  if (g_ascii_strncasecmp (anchor, "UPN:", 4) == 0 && is_tenant_user (state, organization, anchor + 4))
    return NULL;

  if (g_ascii_strncasecmp (anchor, "APP:", 4) == 0 && is_tenant_app_mailbox (anchor + 4, tenant_id))
    return NULL;

  return routing_error (anchor);
}
