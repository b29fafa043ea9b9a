/* kanri-account.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-account.h"
#include "kanri-anchor-mailbox.h"
#include "kanri-exo-error.h"
#include "kanri-secrets.h"

/* A signed-in Microsoft 365 tenant: its tokens, renewed through the
 * identity platform when they expire or the service refuses them, and
 * saved back to the Secret Service each time. */

struct _KanriAccount
{
  GObject      parent_instance;

  KanriSignin *signin;
  KanriTokens *tokens;
  char        *exo_url;
  GPtrArray   *waiting;
  gboolean     refreshing;
};

static void token_provider_iface_init (KanriTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KanriAccount, kanri_account, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KANRI_TYPE_TOKEN_PROVIDER,
                                                      token_provider_iface_init))

static void
kanri_account_finalize (GObject *object)
{
  KanriAccount *self = (KanriAccount *)object;

  g_clear_object (&self->signin);
  g_clear_pointer (&self->tokens, kanri_tokens_free);
  g_clear_pointer (&self->exo_url, g_free);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (kanri_account_parent_class)->finalize (object);
}

static void
kanri_account_class_init (KanriAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_account_finalize;
}

static void
kanri_account_init (KanriAccount *self)
{
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * kanri_account_new:
 * @signin: how to renew the tokens (its cloud, or a test login address)
 * @tokens: what the sign-in or the Secret Service gave
 *
 * Returns: (transfer full): the account
 */
KanriAccount *
kanri_account_new (KanriSignin       *signin,
                   const KanriTokens *tokens)
{
  KanriAccount *self;

  g_return_val_if_fail (KANRI_IS_SIGNIN (signin), NULL);
  g_return_val_if_fail (tokens != NULL && tokens->tenant_id != NULL, NULL);

  self = g_object_new (KANRI_TYPE_ACCOUNT, NULL);
  self->signin = g_object_ref (signin);
  self->tokens = kanri_tokens_copy (tokens);
  self->exo_url = kanri_cloud_dup_exo_url (tokens->cloud);

  return self;
}

const char *
kanri_account_get_tenant_id (KanriAccount *self)
{
  g_return_val_if_fail (KANRI_IS_ACCOUNT (self), NULL);

  return self->tokens->tenant_id;
}

const char *
kanri_account_get_upn (KanriAccount *self)
{
  g_return_val_if_fail (KANRI_IS_ACCOUNT (self), NULL);

  return self->tokens->upn;
}

KanriCloud
kanri_account_get_cloud (KanriAccount *self)
{
  g_return_val_if_fail (KANRI_IS_ACCOUNT (self), KANRI_CLOUD_WORLDWIDE);

  return self->tokens->cloud;
}

/**
 * kanri_account_get_signin:
 *
 * Returns: (transfer none): the sign-in that renews the tokens
 */
KanriSignin *
kanri_account_get_signin (KanriAccount *self)
{
  g_return_val_if_fail (KANRI_IS_ACCOUNT (self), NULL);

  return self->signin;
}

/**
 * kanri_account_set_exo_url:
 * @url: the Exchange Online address instead of the cloud's (the emulator)
 */
gboolean
kanri_account_set_exo_url (KanriAccount  *self,
                           const char    *url,
                           GError       **error)
{
  g_return_val_if_fail (KANRI_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!kanri_exo_check_url (url, error))
    return FALSE;

  g_free (self->exo_url);
  self->exo_url = g_strdup (url);
  return TRUE;
}

/**
 * kanri_account_dup_anchor_mailbox:
 *
 * An account whose token names no UPN (a guest's, or one stored without
 * it) is anchored on the tenant's system mailbox, which every tenant has:
 * a request without an anchor is not routed.
 *
 * Returns: (transfer full): the X-AnchorMailbox of the account's requests
 */
char *
kanri_account_dup_anchor_mailbox (KanriAccount *self)
{
  g_return_val_if_fail (KANRI_IS_ACCOUNT (self), NULL);

  if (self->tokens->upn != NULL && *self->tokens->upn != '\0')
    return kanri_anchor_mailbox_for_upn (self->tokens->upn);

  return kanri_anchor_mailbox_for_app (self->tokens->tenant_id);
}

/**
 * kanri_account_create_client:
 *
 * Returns: (transfer full) (nullable): a client for the tenant's
 *   InvokeCommand endpoint, taking its tokens from @self
 */
KanriExoClient *
kanri_account_create_client (KanriAccount  *self,
                             GError       **error)
{
  g_autofree char *url = NULL;
  g_autofree char *anchor = NULL;

  g_return_val_if_fail (KANRI_IS_ACCOUNT (self), NULL);

  url = kanri_exo_invoke_url (self->exo_url, self->tokens->tenant_id);
  anchor = kanri_account_dup_anchor_mailbox (self);
  return kanri_exo_client_new (url, KANRI_TOKEN_PROVIDER (self), anchor, error);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The new tokens work for this run even if they could not be kept. */
  if (!kanri_secrets_store_finish (result, &error))
    g_message ("%s", error->message);
}

static void
complete_waiting (KanriAccount *self,
                  const GError *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->refreshing = FALSE;

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (self->tokens->access_token), g_free);
    }
}

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KanriAccount) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriTokens) tokens = NULL;

  tokens = kanri_signin_refresh_finish (KANRI_SIGNIN (object), result, &error);
  if (tokens != NULL && g_ascii_strcasecmp (tokens->tenant_id, self->tokens->tenant_id) != 0)
    {
      g_clear_pointer (&tokens, kanri_tokens_free);
      g_set_error_literal (&error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED,
                           _("The renewed sign-in is for another tenant"));
    }

  if (tokens == NULL)
    {
      complete_waiting (self, error);
      return;
    }

  /* The identity platform may keep the refresh token and send none. */
  if (tokens->refresh_token == NULL)
    tokens->refresh_token = g_strdup (self->tokens->refresh_token);
  if (tokens->upn == NULL)
    tokens->upn = g_strdup (self->tokens->upn);

  g_clear_pointer (&self->tokens, kanri_tokens_free);
  self->tokens = g_steal_pointer (&tokens);
  kanri_secrets_store_async (self->tokens, NULL, on_saved, NULL);

  complete_waiting (self, NULL);
}

static void
account_get_token_async (KanriTokenProvider  *provider,
                         gboolean             refresh,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  KanriAccount *self = KANRI_ACCOUNT (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, account_get_token_async);

  if (!refresh && !self->refreshing && kanri_tokens_access_is_fresh (self->tokens))
    {
      g_task_return_pointer (task, g_strdup (self->tokens->access_token), g_free);
      return;
    }

  if (self->tokens->refresh_token == NULL)
    {
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN,
                               _("The sign-in for tenant %s has expired; sign in again"),
                               self->tokens->tenant_id);
      return;
    }

  /* Requests that need a token while one is being renewed share it. */
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  if (self->refreshing)
    return;

  self->refreshing = TRUE;
  kanri_signin_refresh_async (self->signin, self->tokens->refresh_token, NULL,
                              on_refreshed, g_object_ref (self));
}

static char *
account_get_token_finish (KanriTokenProvider  *provider,
                          GAsyncResult        *result,
                          GError             **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
token_provider_iface_init (KanriTokenProviderInterface *iface)
{
  iface->get_token_async = account_get_token_async;
  iface->get_token_finish = account_get_token_finish;
}

typedef struct
{
  char *name;
} Load;

static void
load_free (Load *load)
{
  g_free (load->name);
  g_free (load);
}

static void
on_tokens_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriTokens) tokens = NULL;
  g_autoptr(KanriSignin) signin = NULL;

  tokens = kanri_secrets_lookup_finish (result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  signin = kanri_signin_new (tokens->cloud);
  g_task_return_pointer (task, kanri_account_new (signin, tokens), g_object_unref);
}

static void
on_tenants_listed (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = NULL;
  Load *load = g_task_get_task_data (task);
  GCancellable *cancellable;
  KanriTokens *entry;

  tenants = kanri_secrets_list_finish (result, &error);
  if (tenants == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  entry = kanri_secrets_find_tenant (tenants, load->name, &error);
  if (entry == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  kanri_secrets_lookup_async (entry->tenant_id, cancellable, on_tokens_read, g_steal_pointer (&task));
}

/**
 * kanri_account_load_async:
 * @name: (nullable): the tenant's GUID, an account or its domain; %NULL
 *   for the only signed-in tenant
 *
 * Finds a signed-in tenant in the Secret Service.
 */
void
kanri_account_load_async (const char          *name,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Load *load = g_new0 (Load, 1);

  g_task_set_source_tag (task, kanri_account_load_async);
  load->name = g_strdup (name);
  g_task_set_task_data (task, load, (GDestroyNotify)load_free);

  kanri_secrets_list_async (cancellable, on_tenants_listed, task);
}

/**
 * kanri_account_load_finish:
 *
 * Returns: (transfer full) (nullable): the account, or %NULL with @error
 *   set (%KANRI_EXO_ERROR_NOT_SIGNED_IN when no tenant matches)
 */
KanriAccount *
kanri_account_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
