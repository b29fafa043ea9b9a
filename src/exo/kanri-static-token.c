/* kanri-static-token.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-static-token"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-exo-error.h"
#include "kanri-static-token.h"

/* A token given from outside: the demo tenant's, or KANRI_ACCESS_TOKEN
 * for `kanri-cli invoke --endpoint`. */

struct _KanriStaticToken
{
  GObject  parent_instance;

  char    *access_token;
};

static void token_provider_iface_init (KanriTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KanriStaticToken, kanri_static_token, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KANRI_TYPE_TOKEN_PROVIDER,
                                                      token_provider_iface_init))

static void
kanri_static_token_finalize (GObject *object)
{
  KanriStaticToken *self = (KanriStaticToken *)object;

  g_clear_pointer (&self->access_token, g_free);

  G_OBJECT_CLASS (kanri_static_token_parent_class)->finalize (object);
}

static void
kanri_static_token_class_init (KanriStaticTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_static_token_finalize;
}

static void
kanri_static_token_init (KanriStaticToken *self)
{
}

static void
static_get_token_async (KanriTokenProvider  *provider,
                        gboolean             refresh,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  KanriStaticToken *self = KANRI_STATIC_TOKEN (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, static_get_token_async);

  /* A fixed token that the service refused stays refused. */
  if (refresh)
    g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_UNAUTHORIZED,
                             _("The service refused the access token, and a fixed token cannot be refreshed"));
  else
    g_task_return_pointer (task, g_strdup (self->access_token), g_free);
}

static char *
static_get_token_finish (KanriTokenProvider  *provider,
                         GAsyncResult        *result,
                         GError             **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
token_provider_iface_init (KanriTokenProviderInterface *iface)
{
  iface->get_token_async = static_get_token_async;
  iface->get_token_finish = static_get_token_finish;
}

/**
 * kanri_static_token_new:
 * @access_token: a bearer token
 *
 * Returns: (transfer full): a provider that always gives @access_token
 */
KanriStaticToken *
kanri_static_token_new (const char *access_token)
{
  KanriStaticToken *self;

  g_return_val_if_fail (access_token != NULL && *access_token != '\0', NULL);

  self = g_object_new (KANRI_TYPE_STATIC_TOKEN, NULL);
  self->access_token = g_strdup (access_token);

  return self;
}
