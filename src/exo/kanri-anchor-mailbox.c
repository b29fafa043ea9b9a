/* kanri-anchor-mailbox.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-anchor-mailbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-anchor-mailbox.h"
#include "kanri-exo-error.h"
#include "kanri-tokens.h"

/* X-AnchorMailbox, on which Exchange Online routes an InvokeCommand request
 * to the forest that holds the tenant (PRODUCT.md "Exchange Online access
 * — facts we checked"): `UPN:{signed-in UPN}` for an admin, or the tenant's
 * system mailbox for an app. Every request carries one, so every way of
 * making a client gets one from here. */

#define UPN_PREFIX "UPN:"
#define APP_PREFIX "APP:"

/**
 * kanri_anchor_mailbox_for_upn:
 * @upn: the signed-in admin's user principal name
 *
 * Returns: (transfer full): `UPN:{upn}`
 */
char *
kanri_anchor_mailbox_for_upn (const char *upn)
{
  g_return_val_if_fail (upn != NULL && *upn != '\0', NULL);

  return g_strconcat (UPN_PREFIX, upn, NULL);
}

/**
 * kanri_anchor_mailbox_for_app:
 * @tenant_id: the tenant's GUID
 *
 * Returns: (transfer full): `APP:SystemMailbox{bb558c35-…}@{tenant_id}`
 */
char *
kanri_anchor_mailbox_for_app (const char *tenant_id)
{
  g_return_val_if_fail (tenant_id != NULL && *tenant_id != '\0', NULL);

  return g_strconcat (APP_PREFIX, KANRI_ANCHOR_APP_MAILBOX, "@", tenant_id, NULL);
}

/**
 * kanri_anchor_mailbox_for_token:
 * @access_token: an access token for Exchange Online
 *
 * The anchor for whoever @access_token was issued to: its UPN (see
 * kanri_jwt_read_claims() for the claim), or, for a token that names no
 * user, such as an app's, the tenant's system mailbox.
 *
 * Returns: (transfer full) (nullable): the anchor, or %NULL with @error set
 *   when the token's claims cannot be read
 */
char *
kanri_anchor_mailbox_for_token (const char  *access_token,
                                GError     **error)
{
  g_autofree char *tenant_id = NULL;
  g_autofree char *upn = NULL;

  g_return_val_if_fail (access_token != NULL, NULL);

  if (!kanri_jwt_read_claims (access_token, &tenant_id, &upn, error))
    return NULL;

  return upn != NULL ? kanri_anchor_mailbox_for_upn (upn) : kanri_anchor_mailbox_for_app (tenant_id);
}

/* name@domain: one "@", something on each side, no white space or control
 * characters (which could not go into an HTTP header anyway). */
static gboolean
is_address (const char *text)
{
  const char *at = strchr (text, '@');

  if (at == NULL || at == text || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar)*p <= ' ' || *p == 0x7f)
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_app_anchor (const char *mailbox)
{
  gsize length = strlen (KANRI_ANCHOR_APP_MAILBOX);

  return g_ascii_strncasecmp (mailbox, KANRI_ANCHOR_APP_MAILBOX, length) == 0 &&
         mailbox[length] == '@' && is_address (mailbox);
}

/**
 * kanri_anchor_mailbox_check:
 * @anchor: an X-AnchorMailbox value, as a user may set it
 *
 * Returns: whether @anchor is `UPN:name@domain` or
 *   `APP:SystemMailbox{bb558c35-…}@tenant`
 */
gboolean
kanri_anchor_mailbox_check (const char  *anchor,
                            GError     **error)
{
  g_return_val_if_fail (anchor != NULL, FALSE);

  if (g_ascii_strncasecmp (anchor, UPN_PREFIX, strlen (UPN_PREFIX)) == 0 &&
      is_address (anchor + strlen (UPN_PREFIX)))
    return TRUE;

  if (g_ascii_strncasecmp (anchor, APP_PREFIX, strlen (APP_PREFIX)) == 0 &&
      is_app_anchor (anchor + strlen (APP_PREFIX)))
    return TRUE;

  g_set_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_FAILED,
               _("“%s” is not an anchor mailbox: Exchange Online routes requests on "
                 "UPN:name@domain, or on APP:%s@tenant for an app"),
               anchor, KANRI_ANCHOR_APP_MAILBOX);
  return FALSE;
}
