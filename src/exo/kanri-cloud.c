/* kanri-cloud.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-cloud"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-cloud.h"

/* The Microsoft 365 clouds Kanri signs in to. Exchange Online hosts:
 * PRODUCT.md "Tenants and the embedded default". Login hosts: Microsoft
 * Learn "National clouds" (Microsoft identity platform: Microsoft Entra
 * authentication endpoints — login.microsoftonline.com for the global
 * service, login.microsoftonline.us for Azure Government, which serves
 * GCC High and DoD, login.chinacloudapi.cn for Microsoft Azure operated
 * by 21Vianet) and the Connect-ExchangeOnline reference
 * (-AzureADAuthorizationEndpointUri). GCC uses the worldwide hosts. */
static const struct
{
  const char *id;
  const char *label;
  const char *exo_host;
  const char *login_host;
} clouds[] = {
  [KANRI_CLOUD_WORLDWIDE] = { "worldwide", N_("Microsoft 365 (worldwide and GCC)"),
                              "outlook.office365.com", "login.microsoftonline.com" },
  [KANRI_CLOUD_GCC_HIGH] = { "gcchigh", N_("Microsoft 365 GCC High"),
                             "outlook.office365.us", "login.microsoftonline.us" },
  [KANRI_CLOUD_DOD] = { "dod", N_("Microsoft 365 DoD"),
                        "outlook-dod.office365.us", "login.microsoftonline.us" },
  [KANRI_CLOUD_CHINA] = { "china", N_("Microsoft 365 operated by 21Vianet"),
                          "outlook.office365.cn", "login.chinacloudapi.cn" },
};

/**
 * kanri_cloud_from_string:
 * @text: `worldwide`, `gcc`, `gcchigh`, `dod`, `china` or `21vianet`
 *
 * Returns: whether @text names a cloud
 */
gboolean
kanri_cloud_from_string (const char *text,
                         KanriCloud *cloud)
{
  g_return_val_if_fail (cloud != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (text, "gcc") == 0)
    {
      *cloud = KANRI_CLOUD_WORLDWIDE;
      return TRUE;
    }

  if (g_ascii_strcasecmp (text, "21vianet") == 0)
    {
      *cloud = KANRI_CLOUD_CHINA;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (clouds); i++)
    {
      if (g_ascii_strcasecmp (text, clouds[i].id) == 0)
        {
          *cloud = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
kanri_cloud_to_string (KanriCloud cloud)
{
  g_return_val_if_fail (cloud <= KANRI_CLOUD_LAST, NULL);

  return clouds[cloud].id;
}

const char *
kanri_cloud_get_label (KanriCloud cloud)
{
  g_return_val_if_fail (cloud <= KANRI_CLOUD_LAST, NULL);

  return _(clouds[cloud].label);
}

const char *
kanri_cloud_get_exo_host (KanriCloud cloud)
{
  g_return_val_if_fail (cloud <= KANRI_CLOUD_LAST, NULL);

  return clouds[cloud].exo_host;
}

const char *
kanri_cloud_get_login_host (KanriCloud cloud)
{
  g_return_val_if_fail (cloud <= KANRI_CLOUD_LAST, NULL);

  return clouds[cloud].login_host;
}

/**
 * kanri_cloud_dup_exo_url:
 *
 * Returns: (transfer full): `https://outlook.office365.com` and the like
 */
char *
kanri_cloud_dup_exo_url (KanriCloud cloud)
{
  g_return_val_if_fail (cloud <= KANRI_CLOUD_LAST, NULL);

  return g_strdup_printf ("https://%s", clouds[cloud].exo_host);
}

/**
 * kanri_cloud_dup_login_url:
 *
 * Returns: (transfer full): `https://login.microsoftonline.com` and the like
 */
char *
kanri_cloud_dup_login_url (KanriCloud cloud)
{
  g_return_val_if_fail (cloud <= KANRI_CLOUD_LAST, NULL);

  return g_strdup_printf ("https://%s", clouds[cloud].login_host);
}

/**
 * kanri_cloud_dup_scope:
 *
 * Returns: (transfer full): `https://outlook.office365.com/.default
 *   offline_access` with the cloud's host; offline_access asks for a
 *   refresh token
 */
char *
kanri_cloud_dup_scope (KanriCloud cloud)
{
  g_return_val_if_fail (cloud <= KANRI_CLOUD_LAST, NULL);

  return g_strdup_printf ("https://%s/.default offline_access", clouds[cloud].exo_host);
}
