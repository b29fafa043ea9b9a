/* kanri-secrets.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "kanri-exo-error.h"
#include "kanri-secrets.h"

/* Tokens live only in the Secret Service, one item per tenant, through
 * libsecret's password API (inside the Flatpak it reaches the secret
 * portal by itself). The item's attributes (tenant GUID, account, cloud)
 * are not secret: they let `kanri-cli --tenant NAME` find a tenant
 * without unlocking anything. Never in SQLite, GSettings, logs or files
 * (PRODUCT.md "Tenants and the embedded default"). */

static const SecretSchema *
tokens_schema (void)
{
  static const SecretSchema schema = {
    "io.github.kanri.Kanri.Tokens", SECRET_SCHEMA_NONE,
    {
      { "tenant", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "upn", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "cloud", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static GError *
secrets_error (const char   *what,
               const GError *cause)
{
  return g_error_new (KANRI_EXO_ERROR, KANRI_EXO_ERROR_SECRETS,
                      "%s: %s", what, cause->message);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, secrets_error (_("Could not save the sign-in in the keyring"), error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * kanri_secrets_store_async:
 *
 * Saves @tokens as the tenant's item, replacing the one before.
 */
void
kanri_secrets_store_async (const KanriTokens   *tokens,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  char *secret;

  g_return_if_fail (tokens != NULL && tokens->tenant_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_secrets_store_async);

  label = g_strdup_printf (_("Kanri: Exchange Online sign-in for %s"),
                           tokens->upn ? tokens->upn : tokens->tenant_id);
  secret = kanri_tokens_to_secret (tokens);

  secret_password_store (tokens_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, on_stored, g_steal_pointer (&task),
                         "tenant", tokens->tenant_id,
                         "upn", tokens->upn ? tokens->upn : "",
                         "cloud", kanri_cloud_to_string (tokens->cloud),
                         NULL);

  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

gboolean
kanri_secrets_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_tokens_free);
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, secrets_error (_("Could not read the keyring"), error));
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *tenant = g_hash_table_lookup (attributes, "tenant");
      const char *upn = g_hash_table_lookup (attributes, "upn");
      const char *cloud_name = g_hash_table_lookup (attributes, "cloud");
      KanriTokens *entry;
      KanriCloud cloud;

      if (tenant == NULL || !kanri_cloud_from_string (cloud_name, &cloud))
        continue;

      entry = g_new0 (KanriTokens, 1);
      entry->cloud = cloud;
      entry->tenant_id = g_strdup (tenant);
      entry->upn = upn && *upn ? g_strdup (upn) : NULL;
      g_ptr_array_add (tenants, entry);
    }
  g_list_free_full (items, g_object_unref);

  g_task_return_pointer (task, g_steal_pointer (&tenants), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * kanri_secrets_list_async:
 *
 * Lists the signed-in tenants from the items' attributes, without
 * reading (or unlocking) any token.
 */
void
kanri_secrets_list_async (GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kanri_secrets_list_async);
  secret_password_search (tokens_schema (), SECRET_SEARCH_ALL, cancellable, on_listed, task, NULL);
}

/**
 * kanri_secrets_list_finish:
 *
 * Returns: (transfer full) (element-type KanriTokens): the tenants, with
 *   no tokens in them
 */
GPtrArray *
kanri_secrets_list_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char       *tenant_id;
  char       *upn;
  KanriCloud  cloud;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->tenant_id);
  g_free (lookup->upn);
  g_free (lookup);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Lookup *lookup = g_task_get_task_data (task);
  char *secret;
  KanriTokens *tokens;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, secrets_error (_("Could not read the keyring"), error));
      return;
    }

  if (secret == NULL)
    {
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN,
                               _("Not signed in to tenant %s"), lookup->tenant_id);
      return;
    }

  tokens = kanri_tokens_new_from_secret (lookup->cloud, lookup->tenant_id, lookup->upn, secret, &error);
  secret_password_free (secret);

  if (tokens == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify)kanri_tokens_free);
}

static void
on_listed_for_lookup (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = NULL;
  Lookup *lookup = g_task_get_task_data (task);

  tenants = kanri_secrets_list_finish (result, &error);
  if (tenants == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < tenants->len; i++)
    {
      KanriTokens *entry = g_ptr_array_index (tenants, i);

      if (g_ascii_strcasecmp (entry->tenant_id, lookup->tenant_id) == 0)
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          lookup->upn = g_strdup (entry->upn);
          lookup->cloud = entry->cloud;
          secret_password_lookup (tokens_schema (), cancellable,
                                  on_looked_up, g_steal_pointer (&task),
                                  "tenant", entry->tenant_id,
                                  NULL);
          return;
        }
    }

  g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN,
                           _("Not signed in to tenant %s"), lookup->tenant_id);
}

/**
 * kanri_secrets_lookup_async:
 * @tenant_id: the tenant's GUID
 *
 * Reads the tenant's tokens (the keyring may ask to be unlocked).
 */
void
kanri_secrets_lookup_async (const char          *tenant_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Lookup *lookup;

  g_return_if_fail (tenant_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_secrets_lookup_async);

  lookup = g_new0 (Lookup, 1);
  lookup->tenant_id = g_strdup (tenant_id);
  g_task_set_task_data (task, lookup, (GDestroyNotify)lookup_free);

  /* The item's attributes give the account and cloud that go with it. */
  kanri_secrets_list_async (cancellable, on_listed_for_lookup, task);
}

/**
 * kanri_secrets_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the tokens, or %NULL with @error
 *   set (%KANRI_EXO_ERROR_NOT_SIGNED_IN when there are none)
 */
KanriTokens *
kanri_secrets_lookup_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, secrets_error (_("Could not remove the sign-in from the keyring"), error));
  else
    g_task_return_boolean (task, removed);
}

/**
 * kanri_secrets_clear_async:
 *
 * Signs out: deletes the tenant's tokens.
 */
void
kanri_secrets_clear_async (const char          *tenant_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (tenant_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_secrets_clear_async);
  secret_password_clear (tokens_schema (), cancellable, on_cleared, task,
                         "tenant", tenant_id,
                         NULL);
}

/**
 * kanri_secrets_clear_finish:
 *
 * Returns: whether anything was deleted; %FALSE with @error set on failure
 */
gboolean
kanri_secrets_clear_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
matches (const KanriTokens *entry,
         const char        *name)
{
  const char *at;

  if (g_ascii_strcasecmp (entry->tenant_id, name) == 0)
    return TRUE;
  if (entry->upn == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (entry->upn, name) == 0)
    return TRUE;

  at = strrchr (entry->upn, '@');
  return at != NULL && g_ascii_strcasecmp (at + 1, name) == 0;
}

/**
 * kanri_secrets_find_tenant:
 * @tenants: (element-type KanriTokens): what kanri_secrets_list_finish() gave
 * @name: (nullable): a tenant GUID, an account (`admin@contoso.com`) or its
 *   domain (`contoso.com`); %NULL when only one tenant is signed in
 *
 * Returns: (transfer none) (nullable): the one tenant @name means
 */
KanriTokens *
kanri_secrets_find_tenant (GPtrArray   *tenants,
                           const char  *name,
                           GError     **error)
{
  KanriTokens *found = NULL;

  g_return_val_if_fail (tenants != NULL, NULL);

  if (name == NULL)
    {
      if (tenants->len == 1)
        return g_ptr_array_index (tenants, 0);

      g_set_error_literal (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN,
                           tenants->len == 0
                           ? _("No tenant is signed in")
                           : _("More than one tenant is signed in; name one"));
      return NULL;
    }

  for (guint i = 0; i < tenants->len; i++)
    {
      KanriTokens *entry = g_ptr_array_index (tenants, i);

      if (!matches (entry, name))
        continue;

      if (found != NULL)
        {
          g_set_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN,
                       _("“%s” matches more than one signed-in tenant; use the tenant ID"), name);
          return NULL;
        }
      found = entry;
    }

  if (found == NULL)
    g_set_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN,
                 _("No signed-in tenant matches “%s”"), name);

  return found;
}
