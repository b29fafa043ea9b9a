/* kanri-exo-error.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-exo-error"

#include "config.h"

#include <string.h>

#include "kanri-exo-error.h"

/* Besides its message, an error from the service keeps what a caller
 * decides on: the .NET exception type (ManagementObjectNotFoundException,
 * the transient ones), the service's own error code and the HTTP status. */
typedef struct
{
  char  *exception_type;
  char  *service_code;
  guint  http_status;
} KanriExoErrorPrivate;

static void
kanri_exo_error_private_init (KanriExoErrorPrivate *priv)
{
}

static void
kanri_exo_error_private_copy (const KanriExoErrorPrivate *src,
                              KanriExoErrorPrivate       *dest)
{
  dest->exception_type = g_strdup (src->exception_type);
  dest->service_code = g_strdup (src->service_code);
  dest->http_status = src->http_status;
}

static void
kanri_exo_error_private_clear (KanriExoErrorPrivate *priv)
{
  g_clear_pointer (&priv->exception_type, g_free);
  g_clear_pointer (&priv->service_code, g_free);
}

/* GLib's macro casts a byte pointer to the private struct, which it
 * allocated aligned; clang's -Wcast-align cannot know that. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-align"
G_DEFINE_EXTENDED_ERROR (KanriExoError, kanri_exo_error)
#pragma GCC diagnostic pop

/**
 * kanri_exo_error_new_full:
 * @http_status: the reply's status, or 0
 * @exception_type: (nullable): e.g.
 *   `Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException`
 * @service_code: (nullable): the reply's `error.code`
 *
 * Returns: (transfer full): a new error in %KANRI_EXO_ERROR
 */
GError *
kanri_exo_error_new_full (KanriExoError  code,
                          guint          http_status,
                          const char    *exception_type,
                          const char    *service_code,
                          const char    *message)
{
  GError *error;
  KanriExoErrorPrivate *priv;

  g_return_val_if_fail (message != NULL, NULL);

  error = g_error_new_literal (KANRI_EXO_ERROR, code, message);
  priv = kanri_exo_error_get_private (error);
  priv->exception_type = g_strdup (exception_type);
  priv->service_code = g_strdup (service_code);
  priv->http_status = http_status;

  return error;
}

/**
 * kanri_exo_error_get_exception_type:
 *
 * Returns: (nullable): the exception type the service named, if @error is
 *   in %KANRI_EXO_ERROR and it named one
 */
const char *
kanri_exo_error_get_exception_type (const GError *error)
{
  KanriExoErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != KANRI_EXO_ERROR)
    return NULL;

  priv = kanri_exo_error_get_private (error);
  return priv ? priv->exception_type : NULL;
}

/**
 * kanri_exo_error_get_service_code:
 *
 * Returns: (nullable): the reply's `error.code`, such as `NotFound`
 */
const char *
kanri_exo_error_get_service_code (const GError *error)
{
  KanriExoErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != KANRI_EXO_ERROR)
    return NULL;

  priv = kanri_exo_error_get_private (error);
  return priv ? priv->service_code : NULL;
}

guint
kanri_exo_error_get_http_status (const GError *error)
{
  KanriExoErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, 0);

  if (error->domain != KANRI_EXO_ERROR)
    return 0;

  priv = kanri_exo_error_get_private (error);
  return priv ? priv->http_status : 0;
}

/**
 * kanri_exo_error_is_transient_type:
 * @exception_type: (nullable): a .NET exception type, with or without
 *   its namespace
 *
 * The exceptions the ExchangeOnlineManagement module retries with backoff
 * (PRODUCT.md "Exchange Online access — facts we checked").
 *
 * Returns: whether trying again later may succeed
 */
gboolean
kanri_exo_error_is_transient_type (const char *exception_type)
{
  static const char *const transient[] = {
    "DCOverloadedException",
    "SuitabilityDirectoryException",
    "ServerInMMException",
    "ADServerSettingsChangedException",
    "StorageTransientException",
  };
  const char *name;

  if (exception_type == NULL)
    return FALSE;

  name = strrchr (exception_type, '.');
  name = name ? name + 1 : exception_type;

  for (guint i = 0; i < G_N_ELEMENTS (transient); i++)
    {
      if (g_str_equal (name, transient[i]))
        return TRUE;
    }

  return FALSE;
}
