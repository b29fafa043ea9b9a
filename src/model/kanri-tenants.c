/* kanri-tenants.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-tenants"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-anchor-mailbox.h"
#include "kanri-cloud.h"
#include "kanri-secrets.h"
#include "kanri-static-token.h"
#include "kanri-tenant-private.h"
#include "kanri-tenants.h"

/* Every tenant Kanri knows (PRODUCT.md "Tenants and the embedded default"):
 * the demo tenant, always there and the default, served by the emulator in
 * this process; and each signed-in Microsoft 365 tenant, whose tokens the
 * Secret Service keeps. A GListModel of KanriTenant, for the switcher. */
struct _KanriTenants
{
  GObject        parent_instance;

  KanriStore    *store;
  char          *demo_path;
  char          *exo_url;
  KanriDemoHost *host;
  GPtrArray     *tenants;
  KanriTenant   *current;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KanriTenants, kanri_tenants, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CURRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
kanri_tenants_get_item_type (GListModel *model)
{
  return KANRI_TYPE_TENANT;
}

static guint
kanri_tenants_get_n_items (GListModel *model)
{
  return KANRI_TENANTS (model)->tenants->len;
}

static gpointer
kanri_tenants_get_item (GListModel *model,
                        guint       position)
{
  KanriTenants *self = KANRI_TENANTS (model);

  if (position >= self->tenants->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->tenants, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kanri_tenants_get_item_type;
  iface->get_n_items = kanri_tenants_get_n_items;
  iface->get_item = kanri_tenants_get_item;
}

static void
kanri_tenants_dispose (GObject *object)
{
  KanriTenants *self = (KanriTenants *)object;

  g_clear_object (&self->current);
  g_clear_pointer (&self->tenants, g_ptr_array_unref);
  g_clear_object (&self->host);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kanri_tenants_parent_class)->dispose (object);
}

static void
kanri_tenants_finalize (GObject *object)
{
  KanriTenants *self = (KanriTenants *)object;

  g_free (self->demo_path);
  g_free (self->exo_url);

  G_OBJECT_CLASS (kanri_tenants_parent_class)->finalize (object);
}

static void
kanri_tenants_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KanriTenants *self = KANRI_TENANTS (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_tenants_class_init (KanriTenantsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kanri_tenants_dispose;
  object_class->finalize = kanri_tenants_finalize;
  object_class->get_property = kanri_tenants_get_property;

  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, KANRI_TYPE_TENANT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_tenants_init (KanriTenants *self)
{
  self->tenants = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * kanri_tenants_new:
 * @demo_path: the demo tenant's database (kanri_emulator_default_demo_path())
 */
KanriTenants *
kanri_tenants_new (KanriStore *store,
                   const char *demo_path)
{
  KanriTenants *self;

  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);
  g_return_val_if_fail (demo_path != NULL, NULL);

  self = g_object_new (KANRI_TYPE_TENANTS, NULL);
  self->store = g_object_ref (store);
  self->demo_path = g_strdup (demo_path);

  return self;
}

/**
 * kanri_tenants_set_exo_url:
 * @url: (nullable): where signed-in tenants' InvokeCommand lives, instead of
 *   their cloud's Exchange Online host (a loopback server, for the tests)
 */
void
kanri_tenants_set_exo_url (KanriTenants *self,
                           const char   *url)
{
  g_return_if_fail (KANRI_IS_TENANTS (self));

  g_free (self->exo_url);
  self->exo_url = g_strdup (url);
}

static void
append (KanriTenants *self,
        KanriTenant  *tenant)
{
  g_ptr_array_add (self->tenants, g_object_ref (tenant));
  g_list_model_items_changed (G_LIST_MODEL (self), self->tenants->len - 1, 0, 1);
}

static gboolean
connect_account (KanriTenants  *self,
                 KanriTenant   *tenant,
                 KanriAccount  *account,
                 GError       **error)
{
  g_autoptr(KanriExoClient) client = NULL;

  if (self->exo_url != NULL && !kanri_account_set_exo_url (account, self->exo_url, error))
    return FALSE;

  client = kanri_account_create_client (account, error);
  if (client == NULL)
    return FALSE;

  kanri_tenant_set_client (tenant, client);
  return TRUE;
}

static void
account_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KanriTenant) tenant = user_data;
  g_autoptr(KanriAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  KanriTenants *self = g_object_get_data (G_OBJECT (tenant), "kanri-tenants");

  account = kanri_account_load_finish (result, &error);
  if (account == NULL || self == NULL || !connect_account (self, tenant, account, &error))
    /* The tenant stays in the list, not connected: its page offers to sign in again. */
    g_message ("Tenant %s is not connected: %s", kanri_tenant_get_id (tenant),
               error ? error->message : "gone");
}

static gboolean
load_signed_in (KanriTenants  *self,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = kanri_store_prepare (self->store,
                              "SELECT id, name, kind, cloud, account FROM tenants "
                              "WHERE kind != 'demo' ORDER BY created_at",
                              error);
  if (stmt == NULL)
    return FALSE;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(KanriTenant) tenant = NULL;
      const char *kind = (const char *)sqlite3_column_text (stmt, 2);

      tenant = kanri_tenant_new (self->store,
                                 (const char *)sqlite3_column_text (stmt, 0),
                                 (const char *)sqlite3_column_text (stmt, 1),
                                 g_str_equal (kind, "endpoint") ? KANRI_TENANT_ENDPOINT
                                                                : KANRI_TENANT_MICROSOFT365,
                                 (const char *)sqlite3_column_text (stmt, 3),
                                 (const char *)sqlite3_column_text (stmt, 4),
                                 error);
      if (tenant == NULL)
        return FALSE;

      append (self, tenant);
      g_object_set_data (G_OBJECT (tenant), "kanri-tenants", self);
      kanri_account_load_async (kanri_tenant_get_id (tenant), NULL, account_loaded_cb,
                                g_object_ref (tenant));
    }

  return TRUE;
}

static void
host_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KanriTenants *self = g_task_get_source_object (task);
  g_autoptr(KanriTenant) demo = NULL;
  g_autoptr(KanriStaticToken) token = NULL;
  g_autoptr(KanriExoClient) client = NULL;
  g_autofree char *anchor = NULL;
  GError *error = NULL;

  self->host = kanri_demo_host_start_finish (result, &error);
  if (self->host == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  demo = kanri_tenant_new (self->store, "demo", _("Demo Tenant"), KANRI_TENANT_DEMO, "worldwide",
                           kanri_demo_host_get_admin_upn (self->host), &error);
  if (demo == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  token = kanri_static_token_new (kanri_demo_host_get_access_token (self->host));
  anchor = kanri_anchor_mailbox_for_upn (kanri_demo_host_get_admin_upn (self->host));
  client = kanri_exo_client_new (kanri_demo_host_get_invoke_url (self->host),
                                 KANRI_TOKEN_PROVIDER (token), anchor, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  kanri_tenant_set_client (demo, client);

  g_ptr_array_insert (self->tenants, 0, g_object_ref (demo));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);

  if (self->current == NULL)
    kanri_tenants_set_current (self, demo);

  g_task_return_boolean (task, TRUE);
}

/**
 * kanri_tenants_load_async:
 *
 * Starts the demo tenant and reconnects the signed-in tenants (their
 * accounts come from the Secret Service). The demo tenant is current until
 * kanri_tenants_set_current().
 */
void
kanri_tenants_load_async (KanriTenants        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KANRI_IS_TENANTS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_tenants_load_async);

  if (!load_signed_in (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  kanri_demo_host_start_async (self->demo_path, cancellable, host_started_cb,
                               g_steal_pointer (&task));
}

gboolean
kanri_tenants_load_finish (KanriTenants  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

KanriStore *
kanri_tenants_get_store (KanriTenants *self)
{
  g_return_val_if_fail (KANRI_IS_TENANTS (self), NULL);
  return self->store;
}

/**
 * kanri_tenants_get_demo_host:
 *
 * Returns: (nullable) (transfer none): the demo tenant's emulator, once started
 */
KanriDemoHost *
kanri_tenants_get_demo_host (KanriTenants *self)
{
  g_return_val_if_fail (KANRI_IS_TENANTS (self), NULL);
  return self->host;
}

/**
 * kanri_tenants_get_demo:
 *
 * Returns: (nullable) (transfer none): the demo tenant, once started
 */
KanriTenant *
kanri_tenants_get_demo (KanriTenants *self)
{
  g_return_val_if_fail (KANRI_IS_TENANTS (self), NULL);

  return kanri_tenants_lookup (self, "demo");
}

/**
 * kanri_tenants_lookup:
 *
 * Returns: (nullable) (transfer none): the tenant with @id
 */
KanriTenant *
kanri_tenants_lookup (KanriTenants *self,
                      const char   *id)
{
  g_return_val_if_fail (KANRI_IS_TENANTS (self), NULL);

  for (guint i = 0; i < self->tenants->len; i++)
    {
      KanriTenant *tenant = g_ptr_array_index (self->tenants, i);

      if (g_strcmp0 (kanri_tenant_get_id (tenant), id) == 0)
        return tenant;
    }

  return NULL;
}

/**
 * kanri_tenants_get_current:
 *
 * Returns: (nullable) (transfer none): the tenant the pages show
 */
KanriTenant *
kanri_tenants_get_current (KanriTenants *self)
{
  g_return_val_if_fail (KANRI_IS_TENANTS (self), NULL);
  return self->current;
}

void
kanri_tenants_set_current (KanriTenants *self,
                           KanriTenant  *tenant)
{
  g_return_if_fail (KANRI_IS_TENANTS (self));
  g_return_if_fail (tenant == NULL || KANRI_IS_TENANT (tenant));

  if (g_set_object (&self->current, tenant))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

/* A tenant's name: its organization's domain, from the account's UPN. */
static char *
name_for (KanriAccount *account)
{
  const char *upn = kanri_account_get_upn (account);
  const char *at = upn ? strchr (upn, '@') : NULL;

  return g_strdup (at ? at + 1 : kanri_account_get_tenant_id (account));
}

/**
 * kanri_tenants_add_account:
 *
 * Adds (or reconnects) the tenant of a freshly signed-in account.
 *
 * Returns: (transfer none) (nullable): the tenant
 */
KanriTenant *
kanri_tenants_add_account (KanriTenants  *self,
                           KanriAccount  *account,
                           GError       **error)
{
  g_autoptr(KanriTenant) tenant = NULL;
  g_autofree char *name = NULL;
  KanriTenant *existing;

  g_return_val_if_fail (KANRI_IS_TENANTS (self), NULL);
  g_return_val_if_fail (KANRI_IS_ACCOUNT (account), NULL);

  existing = kanri_tenants_lookup (self, kanri_account_get_tenant_id (account));
  if (existing != NULL)
    return connect_account (self, existing, account, error) ? existing : NULL;

  name = name_for (account);
  tenant = kanri_tenant_new (self->store, kanri_account_get_tenant_id (account), name,
                             KANRI_TENANT_MICROSOFT365,
                             kanri_cloud_to_string (kanri_account_get_cloud (account)),
                             kanri_account_get_upn (account), error);
  if (tenant == NULL || !connect_account (self, tenant, account, error))
    return NULL;

  append (self, tenant);
  return tenant;
}

static void
secrets_cleared_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KanriTenants *self = g_task_get_source_object (task);
  KanriTenant *tenant = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  guint position;

  if (!kanri_secrets_clear_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Its tables go with it (the foreign keys cascade); the journal stays,
   * the record of what was done. */
  stmt = kanri_store_prepare (self->store, "DELETE FROM tenants WHERE id = ?1", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_text (stmt, 1, kanri_tenant_get_id (tenant), -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);

  kanri_tenant_set_client (tenant, NULL);
  if (g_ptr_array_find (self->tenants, tenant, &position))
    {
      g_ptr_array_remove_index (self->tenants, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  if (self->current == tenant)
    kanri_tenants_set_current (self, kanri_tenants_get_demo (self));

  g_task_return_boolean (task, TRUE);
}

/**
 * kanri_tenants_sign_out_async:
 *
 * Deletes the tenant's tokens from the Secret Service and forgets it.
 */
void
kanri_tenants_sign_out_async (KanriTenants        *self,
                              KanriTenant         *tenant,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KANRI_IS_TENANTS (self));
  g_return_if_fail (KANRI_IS_TENANT (tenant));
  g_return_if_fail (kanri_tenant_get_kind (tenant) != KANRI_TENANT_DEMO);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_tenants_sign_out_async);
  g_task_set_task_data (task, g_object_ref (tenant), g_object_unref);

  kanri_secrets_clear_async (kanri_tenant_get_id (tenant), cancellable, secrets_cleared_cb,
                             g_steal_pointer (&task));
}

gboolean
kanri_tenants_sign_out_finish (KanriTenants  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
demo_reset_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KanriTenants *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!kanri_demo_host_reset_finish (KANRI_DEMO_HOST (object), result, &error) ||
      !kanri_store_exec (self->store,
                         "DELETE FROM mailboxes WHERE tenant = 'demo';"
                         "DELETE FROM connectors WHERE tenant = 'demo';"
                         "DELETE FROM accepted_domains WHERE tenant = 'demo';"
                         "DELETE FROM transport_config WHERE tenant = 'demo';",
                         &error))
    {
      g_task_return_error (task, error);
      return;
    }

  _kanri_tenant_reload (kanri_tenants_get_demo (self));
  g_task_return_boolean (task, TRUE);
}

/**
 * kanri_tenants_reset_demo_async:
 *
 * Puts the demo tenant back as it was seeded, and empties what the local
 * model had of it: the next sync brings it again.
 */
void
kanri_tenants_reset_demo_async (KanriTenants        *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KANRI_IS_TENANTS (self));
  g_return_if_fail (self->host != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_tenants_reset_demo_async);

  kanri_demo_host_reset_async (self->host, cancellable, demo_reset_cb, g_steal_pointer (&task));
}

gboolean
kanri_tenants_reset_demo_finish (KanriTenants  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
