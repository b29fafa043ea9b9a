/* kanri-tenant.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-tenant"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-accepted-domain.h"
#include "kanri-audit-bypass.h"
#include "kanri-connector.h"
#include "kanri-exo-error.h"
#include "kanri-operation-runner.h"
#include "kanri-tenant-private.h"

/* The shared local model of one tenant, which every page uses
 * (ARCHITECTURE.md "Data flow"): pages observe its lists and ask it for
 * changes; it journals, sends through the client, settles, and updates the
 * tables from the service's answer, so pages show the new state without a
 * full sync. */
struct _KanriTenant
{
  GObject          parent_instance;

  KanriStore      *store;
  char            *id;
  char            *name;
  KanriTenantKind  kind;
  char            *cloud;
  char            *account;
  gint64           last_sync_usec;
  GDateTime       *last_sync;

  KanriExoClient  *client;
  guint            concurrency;
  GCancellable    *cancellable;

  gboolean         syncing;
  char            *sync_status;

  GPtrArray       *mailbox_lists;
  guint            refresh_source;
  guint            n_mailboxes;
  GListStore      *connectors;
  GListStore      *accepted_domains;
  char            *message_expiration;
  gboolean         audit_disabled;
  GListStore      *audit_bypass;
  char            *audit_bypass_error;
  GListStore      *findings;
};

G_DEFINE_FINAL_TYPE (KanriTenant, kanri_tenant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ACCOUNT,
  PROP_LAST_SYNC,
  PROP_SYNCING,
  PROP_SYNC_STATUS,
  PROP_CONNECTED,
  PROP_N_MAILBOXES,
  PROP_N_CONNECTORS,
  PROP_N_ACCEPTED_DOMAINS,
  PROP_MESSAGE_EXPIRATION,
  PROP_AUDIT_DISABLED,
  PROP_N_AUDIT_BYPASS,
  PROP_AUDIT_BYPASS_ERROR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Mailbox lists are refreshed this long after the last write, so that a sync
 * of a hundred pages reloads them a few times, not a hundred. */
#define REFRESH_DELAY_MS 300

static void
kanri_tenant_dispose (GObject *object)
{
  KanriTenant *self = (KanriTenant *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kanri_tenant_parent_class)->dispose (object);
}

static void
kanri_tenant_finalize (GObject *object)
{
  KanriTenant *self = (KanriTenant *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->cloud);
  g_free (self->account);
  g_free (self->sync_status);
  g_free (self->message_expiration);
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  g_clear_pointer (&self->mailbox_lists, g_ptr_array_unref);
  g_clear_object (&self->connectors);
  g_clear_object (&self->accepted_domains);
  g_clear_object (&self->audit_bypass);
  g_clear_pointer (&self->audit_bypass_error, g_free);
  g_clear_object (&self->findings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kanri_tenant_parent_class)->finalize (object);
}

static void
kanri_tenant_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KanriTenant *self = KANRI_TENANT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_LAST_SYNC:
      g_value_set_boxed (value, self->last_sync);
      break;
    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;
    case PROP_SYNC_STATUS:
      g_value_set_string (value, self->sync_status);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->client != NULL);
      break;
    case PROP_N_MAILBOXES:
      g_value_set_uint (value, self->n_mailboxes);
      break;
    case PROP_N_CONNECTORS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->connectors)));
      break;
    case PROP_N_ACCEPTED_DOMAINS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->accepted_domains)));
      break;
    case PROP_MESSAGE_EXPIRATION:
      g_value_set_string (value, self->message_expiration);
      break;
    case PROP_AUDIT_DISABLED:
      g_value_set_boolean (value, self->audit_disabled);
      break;
    case PROP_N_AUDIT_BYPASS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->audit_bypass)));
      break;
    case PROP_AUDIT_BYPASS_ERROR:
      g_value_set_string (value, self->audit_bypass_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_tenant_class_init (KanriTenantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kanri_tenant_dispose;
  object_class->finalize = kanri_tenant_finalize;
  object_class->get_property = kanri_tenant_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);
  properties[PROP_LAST_SYNC] = g_param_spec_boxed ("last-sync", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_SYNCING] = g_param_spec_boolean ("syncing", NULL, NULL, FALSE, flags);
  properties[PROP_SYNC_STATUS] = g_param_spec_string ("sync-status", NULL, NULL, NULL, flags);
  properties[PROP_CONNECTED] = g_param_spec_boolean ("connected", NULL, NULL, FALSE, flags);
  properties[PROP_N_MAILBOXES] = g_param_spec_uint ("n-mailboxes", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_CONNECTORS] = g_param_spec_uint ("n-connectors", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_ACCEPTED_DOMAINS] = g_param_spec_uint ("n-accepted-domains", NULL, NULL,
                                                           0, G_MAXUINT, 0, flags);
  properties[PROP_MESSAGE_EXPIRATION] = g_param_spec_string ("message-expiration", NULL, NULL,
                                                             NULL, flags);
  properties[PROP_AUDIT_DISABLED] = g_param_spec_boolean ("audit-disabled", NULL, NULL, FALSE, flags);
  properties[PROP_N_AUDIT_BYPASS] = g_param_spec_uint ("n-audit-bypass", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_AUDIT_BYPASS_ERROR] = g_param_spec_string ("audit-bypass-error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KanriTenant::changed:
   * @cmdlet: the change that was applied
   *
   * A change went through and the tables show it.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, KANRI_TYPE_CMDLET);
}

static void
kanri_tenant_init (KanriTenant *self)
{
  self->concurrency = 4;
  self->cancellable = g_cancellable_new ();
  self->mailbox_lists = g_ptr_array_new ();
  self->connectors = g_list_store_new (KANRI_TYPE_CONNECTOR);
  self->accepted_domains = g_list_store_new (KANRI_TYPE_ACCEPTED_DOMAIN);
  self->audit_bypass = g_list_store_new (KANRI_TYPE_AUDIT_BYPASS);
  self->findings = g_list_store_new (KANRI_TYPE_FINDING);
}

static const char *const kind_names[] = { "demo", "microsoft365", "endpoint" };

static gboolean
save_row (KanriTenant  *self,
          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = kanri_store_prepare (self->store,
                              "INSERT INTO tenants (id, name, kind, cloud, account, created_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET "
                              "name = excluded.name, kind = excluded.kind, cloud = excluded.cloud, "
                              "account = excluded.account",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, self->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind_names[self->kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, self->cloud, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, self->account, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return kanri_store_set_error (self->store, SQLITE_ERROR, error);

  return TRUE;
}

static void
read_last_sync (KanriTenant *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = kanri_store_prepare (self->store, "SELECT last_sync_at FROM tenants WHERE id = ?1", NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    _kanri_tenant_set_last_sync (self, sqlite3_column_int64 (stmt, 0));
}

/**
 * kanri_tenant_new:
 * @id: the tenant's GUID, or "demo"
 * @cloud: where the tenant lives (kanri_cloud_to_string())
 * @account: the signed-in user's UPN
 *
 * Opens a tenant of the local model, recording it in the tenants table,
 * and loads what earlier syncs brought: pages show it at once.
 */
KanriTenant *
kanri_tenant_new (KanriStore       *store,
                  const char       *id,
                  const char       *name,
                  KanriTenantKind   kind,
                  const char       *cloud,
                  const char       *account,
                  GError          **error)
{
  g_autoptr(KanriTenant) self = NULL;

  g_return_val_if_fail (KANRI_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (kind <= KANRI_TENANT_ENDPOINT, NULL);

  self = g_object_new (KANRI_TYPE_TENANT, NULL);
  self->store = g_object_ref (store);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->kind = kind;
  self->cloud = g_strdup (cloud ? cloud : "worldwide");
  self->account = g_strdup (account ? account : "");

  if (!save_row (self, error))
    return NULL;

  read_last_sync (self);
  _kanri_tenant_reload (self);

  return g_steal_pointer (&self);
}

KanriStore *
kanri_tenant_get_store (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return self->store;
}

const char *
kanri_tenant_get_id (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return self->id;
}

const char *
kanri_tenant_get_name (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return self->name;
}

KanriTenantKind
kanri_tenant_get_kind (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), KANRI_TENANT_DEMO);
  return self->kind;
}

const char *
kanri_tenant_get_cloud (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return self->cloud;
}

const char *
kanri_tenant_get_account (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return self->account;
}

/**
 * kanri_tenant_dup_account_names:
 *
 * The names the signed-in account may appear under where Exchange names
 * who did something (EffectiveUserName, RoleAssigneeName): its UPN, its
 * alias, and its mailbox's display name, when the local model has it.
 *
 * Returns: (transfer full): the names
 */
GStrv
kanri_tenant_dup_account_names (KanriTenant *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *at;

  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);

  g_strv_builder_add (names, self->account);
  if ((at = strchr (self->account, '@')) != NULL)
    {
      g_autofree char *alias = g_strndup (self->account, at - self->account);

      g_strv_builder_add (names, alias);
    }

  stmt = kanri_store_prepare (self->store,
                              "SELECT display_name FROM mailboxes WHERE tenant = ?1 AND upn = ?2 COLLATE NOCASE",
                              NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, self->account, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
        g_strv_builder_add (names, (const char *)sqlite3_column_text (stmt, 0));
    }

  return g_strv_builder_end (names);
}

/**
 * kanri_tenant_get_last_sync:
 *
 * Returns: (nullable) (transfer none): when the last complete sync ended
 */
GDateTime *
kanri_tenant_get_last_sync (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return self->last_sync;
}

void
_kanri_tenant_set_last_sync (KanriTenant *self,
                             gint64       usec)
{
  self->last_sync_usec = usec;
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  self->last_sync = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
}

/**
 * kanri_tenant_get_client:
 *
 * Returns: (nullable) (transfer none): the client, once connected
 */
KanriExoClient *
kanri_tenant_get_client (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return self->client;
}

/**
 * kanri_tenant_set_client:
 *
 * Connects the tenant: the demo tenant's emulator, or the service for a
 * signed-in account.
 */
void
kanri_tenant_set_client (KanriTenant    *self,
                         KanriExoClient *client)
{
  g_return_if_fail (KANRI_IS_TENANT (self));
  g_return_if_fail (client == NULL || KANRI_IS_EXO_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

guint
kanri_tenant_get_concurrency (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), 1);
  return self->concurrency;
}

/**
 * kanri_tenant_set_concurrency:
 *
 * How many changes of a batch may be in flight at once.
 */
void
kanri_tenant_set_concurrency (KanriTenant *self,
                              guint        concurrency)
{
  g_return_if_fail (KANRI_IS_TENANT (self));
  g_return_if_fail (concurrency > 0);

  self->concurrency = concurrency;
}

gboolean
kanri_tenant_get_syncing (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), FALSE);
  return self->syncing;
}

/**
 * kanri_tenant_get_sync_status:
 *
 * Returns: (nullable): what the sync is doing, in words
 */
const char *
kanri_tenant_get_sync_status (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return self->sync_status;
}

void
_kanri_tenant_set_sync_state (KanriTenant *self,
                              gboolean     syncing,
                              const char  *status)
{
  if (self->syncing != syncing)
    {
      self->syncing = syncing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
    }

  if (g_strcmp0 (self->sync_status, status) != 0)
    {
      g_free (self->sync_status);
      self->sync_status = g_strdup (status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_STATUS]);
    }
}

static void
mailbox_list_gone (gpointer  data,
                   GObject  *where_the_object_was)
{
  KanriTenant *self = data;

  g_ptr_array_remove (self->mailbox_lists, where_the_object_was);
}

/**
 * kanri_tenant_create_mailbox_list:
 *
 * A list of the tenant's mailboxes, with its own filter and order, kept up
 * to date by syncs and changes for as long as it lives.
 *
 * Returns: (transfer full): the list
 */
KanriMailboxList *
kanri_tenant_create_mailbox_list (KanriTenant *self)
{
  KanriMailboxList *list;

  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);

  list = kanri_mailbox_list_new (self->store, self->id);
  g_ptr_array_add (self->mailbox_lists, list);
  g_object_weak_ref (G_OBJECT (list), mailbox_list_gone, self);

  return list;
}

guint
kanri_tenant_get_n_mailboxes (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), 0);
  return self->n_mailboxes;
}

/**
 * kanri_tenant_get_connectors:
 *
 * Returns: (transfer none): the inbound connectors, #KanriConnector
 */
GListModel *
kanri_tenant_get_connectors (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return G_LIST_MODEL (self->connectors);
}

/**
 * kanri_tenant_get_accepted_domains:
 *
 * Returns: (transfer none): the accepted domains, #KanriAcceptedDomain
 */
GListModel *
kanri_tenant_get_accepted_domains (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return G_LIST_MODEL (self->accepted_domains);
}

/**
 * kanri_tenant_get_message_expiration:
 *
 * Returns: (nullable): Get-TransportConfig's MessageExpiration, as synced
 */
const char *
kanri_tenant_get_message_expiration (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return self->message_expiration;
}

/**
 * kanri_tenant_get_audit_disabled:
 *
 * Returns: Get-OrganizationConfig's AuditDisabled, as synced: %TRUE when
 *   mailbox auditing on by default is off for the whole organization
 */
gboolean
kanri_tenant_get_audit_disabled (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), FALSE);
  return self->audit_disabled;
}

/**
 * kanri_tenant_get_audit_bypass_error:
 *
 * Returns: (nullable): why the last sync could not read the accounts that
 *   bypass mailbox audit logging (the service refused
 *   Get-MailboxAuditBypassAssociation), or %NULL if it could: while this is
 *   set, kanri_tenant_get_audit_bypass() is empty because they are unknown,
 *   not because there are none
 */
const char *
kanri_tenant_get_audit_bypass_error (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return self->audit_bypass_error;
}

/**
 * kanri_tenant_get_audit_bypass:
 *
 * Returns: (transfer none): the accounts that bypass mailbox audit logging,
 *   #KanriAuditBypass
 */
GListModel *
kanri_tenant_get_audit_bypass (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return G_LIST_MODEL (self->audit_bypass);
}

/**
 * kanri_tenant_get_findings:
 *
 * Returns: (transfer none): what the pages found, #KanriFinding
 */
GListModel *
kanri_tenant_get_findings (KanriTenant *self)
{
  g_return_val_if_fail (KANRI_IS_TENANT (self), NULL);
  return G_LIST_MODEL (self->findings);
}

/**
 * kanri_tenant_set_findings:
 * @source: who found them (a page's id)
 * @findings: (element-type KanriFinding): all of @source's findings now
 *
 * Replaces @source's findings, leaving the others'.
 */
void
kanri_tenant_set_findings (KanriTenant *self,
                           const char  *source,
                           GPtrArray   *findings)
{
  guint i = 0;

  g_return_if_fail (KANRI_IS_TENANT (self));
  g_return_if_fail (source != NULL);

  while (i < g_list_model_get_n_items (G_LIST_MODEL (self->findings)))
    {
      g_autoptr(KanriFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      if (g_strcmp0 (kanri_finding_get_source (finding), source) == 0)
        g_list_store_remove (self->findings, i);
      else
        i++;
    }

  for (guint j = 0; findings != NULL && j < findings->len; j++)
    {
      KanriFinding *finding = g_ptr_array_index (findings, j);

      kanri_finding_set_source (finding, source);
      g_list_store_append (self->findings, finding);
    }
}

static void
reload_connectors (KanriTenant *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) connectors = g_ptr_array_new_with_free_func (g_object_unref);
  guint before = g_list_model_get_n_items (G_LIST_MODEL (self->connectors));

  stmt = kanri_store_prepare (self->store,
                              "SELECT " KANRI_CONNECTOR_COLUMNS " FROM connectors "
                              "WHERE tenant = ?1 ORDER BY name COLLATE NOCASE",
                              NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (connectors, kanri_connector_new_from_row (stmt));

  g_list_store_splice (self->connectors, 0, before, connectors->pdata, connectors->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONNECTORS]);
}

static void
reload_accepted_domains (KanriTenant *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) domains = g_ptr_array_new_with_free_func (g_object_unref);
  guint before = g_list_model_get_n_items (G_LIST_MODEL (self->accepted_domains));

  stmt = kanri_store_prepare (self->store,
                              "SELECT name, domain_type, is_default FROM accepted_domains "
                              "WHERE tenant = ?1 "
                              "ORDER BY is_default DESC, name",
                              NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (domains, kanri_accepted_domain_new ((const char *)sqlite3_column_text (stmt, 0),
                                                         (const char *)sqlite3_column_text (stmt, 1),
                                                         sqlite3_column_int (stmt, 2)));

  g_list_store_splice (self->accepted_domains, 0, before, domains->pdata, domains->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACCEPTED_DOMAINS]);
}

static void
reload_transport_config (KanriTenant *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *expiration = NULL;

  stmt = kanri_store_prepare (self->store,
                              "SELECT message_expiration FROM transport_config WHERE tenant = ?1",
                              NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    expiration = (const char *)sqlite3_column_text (stmt, 0);

  if (g_strcmp0 (expiration, self->message_expiration) != 0)
    {
      g_free (self->message_expiration);
      self->message_expiration = g_strdup (expiration);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_EXPIRATION]);
    }
}

static void
reload_organization_config (KanriTenant *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean disabled = FALSE;

  stmt = kanri_store_prepare (self->store,
                              "SELECT audit_disabled FROM organization_config WHERE tenant = ?1",
                              NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    disabled = sqlite3_column_int (stmt, 0) != 0;

  if (disabled != self->audit_disabled)
    {
      self->audit_disabled = disabled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIT_DISABLED]);
    }
}

static void
reload_audit_bypass (KanriTenant *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  guint before = g_list_model_get_n_items (G_LIST_MODEL (self->audit_bypass));

  g_autoptr(sqlite3_stmt) refused = NULL;
  g_autofree char *error = NULL;

  /* The association names the account; its mailbox, if it has one, says
   * who it is (migration 7). */
  stmt = kanri_store_prepare (self->store,
                              "SELECT b.guid, b.name, b.identity, m.display_name, m.upn "
                              "FROM audit_bypass AS b LEFT JOIN mailboxes AS m "
                              "  ON m.tenant = b.tenant AND m.object_guid = b.guid AND m.object_guid != '' "
                              "WHERE b.tenant = ?1 "
                              "ORDER BY coalesce (nullif (m.display_name, ''), b.name) COLLATE NOCASE",
                              NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (accounts, kanri_audit_bypass_new ((const char *)sqlite3_column_text (stmt, 0),
                                                       (const char *)sqlite3_column_text (stmt, 1),
                                                       (const char *)sqlite3_column_text (stmt, 2),
                                                       (const char *)sqlite3_column_text (stmt, 3),
                                                       (const char *)sqlite3_column_text (stmt, 4)));

  /* Why the last sync could not read them, if it could not. */
  refused = kanri_store_prepare (self->store, "SELECT audit_bypass_error FROM tenants WHERE id = ?1", NULL);
  if (refused != NULL)
    {
      sqlite3_bind_text (refused, 1, self->id, -1, SQLITE_STATIC);
      if (sqlite3_step (refused) == SQLITE_ROW && sqlite3_column_type (refused, 0) != SQLITE_NULL)
        error = g_strdup ((const char *)sqlite3_column_text (refused, 0));
    }

  g_list_store_splice (self->audit_bypass, 0, before, accounts->pdata, accounts->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_AUDIT_BYPASS]);
  if (g_strcmp0 (error, self->audit_bypass_error) != 0)
    {
      g_free (self->audit_bypass_error);
      self->audit_bypass_error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIT_BYPASS_ERROR]);
    }
}

static void
recount_mailboxes (KanriTenant *self)
{
  guint count = kanri_tenant_tables_count (kanri_store_get_db (self->store),
                                           KANRI_TABLE_MAILBOXES, self->id);

  if (count != self->n_mailboxes)
    {
      self->n_mailboxes = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MAILBOXES]);
    }
}

static gboolean
refresh_mailbox_lists_cb (gpointer data)
{
  KanriTenant *self = data;

  self->refresh_source = 0;
  recount_mailboxes (self);
  for (guint i = 0; i < self->mailbox_lists->len; i++)
    kanri_mailbox_list_refresh (g_ptr_array_index (self->mailbox_lists, i));

  return G_SOURCE_REMOVE;
}

/* Everything the tables hold, read again (after a sync, or at start). */
void
_kanri_tenant_reload (KanriTenant *self)
{
  reload_connectors (self);
  reload_accepted_domains (self);
  reload_transport_config (self);
  reload_organization_config (self);
  reload_audit_bypass (self);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  refresh_mailbox_lists_cb (self);
}

/* A page of a sync was written: the lists follow soon, not at each page. */
void
_kanri_tenant_table_written (KanriTenant *self,
                             KanriTable   table)
{
  switch (table)
    {
    case KANRI_TABLE_MAILBOXES:
      if (self->refresh_source == 0)
        self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_mailbox_lists_cb, self);
      break;
    case KANRI_TABLE_CONNECTORS:
      reload_connectors (self);
      break;
    case KANRI_TABLE_ACCEPTED_DOMAINS:
      reload_accepted_domains (self);
      break;
    case KANRI_TABLE_AUDIT_BYPASS:
      reload_audit_bypass (self);
      break;
    default:
      break;
    }
}

/* What a read-back's answer is written to. */
typedef void (*ReadBackRecord) (KanriTenant  *self,
                                JsonArray    *values,
                                GError      **error);

typedef struct
{
  KanriTenant    *tenant;
  KanriCmdlet    *cmdlet;
  ReadBackRecord  record;
} ReadBack;

static void
record_connectors (KanriTenant  *self,
                   JsonArray    *values,
                   GError      **error)
{
  kanri_tenant_tables_upsert (kanri_store_get_db (self->store), KANRI_TABLE_CONNECTORS, self->id,
                              values, 0, error);
  reload_connectors (self);
}

static void
record_transport_config (KanriTenant  *self,
                         JsonArray    *values,
                         GError      **error)
{
  if (json_array_get_length (values) == 0)
    return;

  kanri_tenant_tables_set_transport_config (kanri_store_get_db (self->store), self->id,
                                            json_array_get_object_element (values, 0), error);
  reload_transport_config (self);
}

static void
record_organization_config (KanriTenant  *self,
                            JsonArray    *values,
                            GError      **error)
{
  if (json_array_get_length (values) == 0)
    return;

  kanri_tenant_tables_set_organization_config (kanri_store_get_db (self->store), self->id,
                                               json_array_get_object_element (values, 0), error);
  reload_organization_config (self);
}

static void
record_audit_bypass (KanriTenant  *self,
                     JsonArray    *values,
                     GError      **error)
{
  kanri_tenant_tables_record_audit_bypass (kanri_store_get_db (self->store), self->id, values, error);
  reload_audit_bypass (self);
}

static void
read_back_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadBack *read_back = user_data;
  KanriTenant *self = read_back->tenant;
  g_autoptr(KanriExoResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = kanri_cmdlet_get_name (read_back->cmdlet);

  /* A read back that fails leaves the row as it was; the next sync mends it. */
  answer = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object), result, &error);
  if (answer == NULL)
    g_debug ("Could not read back with %s: %s", name, error->message);
  else
    read_back->record (self, kanri_exo_result_get_values (answer), &error);

  if (answer != NULL && error != NULL)
    g_warning ("Could not record %s in the local model: %s", name, error->message);

  g_object_unref (read_back->tenant);
  g_object_unref (read_back->cmdlet);
  g_free (read_back);
}

/* Asks the service what a change made true, and writes the answer with
 * @record: what the service stored (defaults, normalised values) wins over
 * what the change asked for. */
static void
read_back (KanriTenant    *self,
           const char     *cmdlet_name,
           const char     *identity,
           ReadBackRecord  record)
{
  ReadBack *data = g_new0 (ReadBack, 1);

  data->tenant = g_object_ref (self);
  data->cmdlet = kanri_cmdlet_new (cmdlet_name);
  data->record = record;
  if (identity != NULL)
    kanri_cmdlet_set_string (data->cmdlet, "Identity", identity);

  kanri_exo_client_invoke_async (self->client, data->cmdlet, NULL, NULL, self->cancellable,
                                 read_back_cb, data);
}

static void
after_set_mailbox (KanriTenant  *self,
                   KanriCmdlet  *cmdlet,
                   GError      **error)
{
  gint64 row = kanri_tenant_tables_apply_set_mailbox (kanri_store_get_db (self->store), self->id,
                                                      cmdlet, error);

  for (guint i = 0; row > 0 && i < self->mailbox_lists->len; i++)
    kanri_mailbox_list_row_changed (g_ptr_array_index (self->mailbox_lists, i), row);
}

static void
after_new_inbound_connector (KanriTenant  *self,
                             KanriCmdlet  *cmdlet,
                             GError      **error)
{
  read_back (self, "Get-InboundConnector", kanri_cmdlet_get_string (cmdlet, "Name"), record_connectors);
}

static void
after_set_inbound_connector (KanriTenant  *self,
                             KanriCmdlet  *cmdlet,
                             GError      **error)
{
  read_back (self, "Get-InboundConnector", kanri_cmdlet_get_string (cmdlet, "Identity"), record_connectors);
}

static void
after_remove_inbound_connector (KanriTenant  *self,
                                KanriCmdlet  *cmdlet,
                                GError      **error)
{
  kanri_tenant_tables_delete_object (kanri_store_get_db (self->store), KANRI_TABLE_CONNECTORS, self->id,
                                     kanri_cmdlet_get_string (cmdlet, "Identity"), error);
  reload_connectors (self);
}

static void
after_set_transport_config (KanriTenant  *self,
                            KanriCmdlet  *cmdlet,
                            GError      **error)
{
  read_back (self, "Get-TransportConfig", NULL, record_transport_config);
}

static void
after_set_organization_config (KanriTenant  *self,
                               KanriCmdlet  *cmdlet,
                               GError      **error)
{
  read_back (self, "Get-OrganizationConfig", NULL, record_organization_config);
}

static void
after_set_audit_bypass (KanriTenant  *self,
                        KanriCmdlet  *cmdlet,
                        GError      **error)
{
  read_back (self, "Get-MailboxAuditBypassAssociation", kanri_cmdlet_get_string (cmdlet, "Identity"),
             record_audit_bypass);
}

/* The changes the local model follows, one handler per cmdlet, as the
 * emulator's parameter tables dispatch. Cmdlet names are matched as
 * PowerShell matches them, without regard to case: a change typed
 * "set-mailbox" in the CLI is the same change. */
static const struct
{
  const char *cmdlet;
  void      (*after) (KanriTenant  *self,
                      KanriCmdlet  *cmdlet,
                      GError      **error);
} after_change_handlers[] = {
  { "Set-Mailbox", after_set_mailbox },
  { "New-InboundConnector", after_new_inbound_connector },
  { "Set-InboundConnector", after_set_inbound_connector },
  { "Remove-InboundConnector", after_remove_inbound_connector },
  { "Set-TransportConfig", after_set_transport_config },
  { "Set-OrganizationConfig", after_set_organization_config },
  { "Set-MailboxAuditBypassAssociation", after_set_audit_bypass },
};

/* After the service accepted @cmdlet: bring the tables to what it made
 * true, then tell the pages. */
void
_kanri_tenant_after_change (KanriTenant *self,
                            KanriCmdlet *cmdlet,
                            JsonArray   *answer)
{
  const char *name = kanri_cmdlet_get_name (cmdlet);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (after_change_handlers); i++)
    {
      if (g_ascii_strcasecmp (name, after_change_handlers[i].cmdlet) == 0)
        {
          after_change_handlers[i].after (self, cmdlet, &error);
          break;
        }
    }

  if (error != NULL)
    g_warning ("Could not record %s in the local model: %s", name, error->message);

  g_signal_emit (self, signals[CHANGED], 0, cmdlet);
}

static void
executed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!kanri_operation_runner_execute_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, GPOINTER_TO_SIZE (g_task_get_task_data (task)));
}

/**
 * kanri_tenant_run_async:
 * @summary: what the change is, in words, for the Operations page
 *
 * Makes one change: journaled (pending), sent, settled. Returns the
 * operation's id; an error when it settled failed (it stays in the journal,
 * with its error, for a retry).
 */
void
kanri_tenant_run_async (KanriTenant         *self,
                        KanriCmdlet         *cmdlet,
                        const char          *summary,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = NULL;
  g_autofree char *powershell = NULL;
  KanriJournalEntry entry = { 0 };
  gint64 id;

  g_return_if_fail (KANRI_IS_TENANT (self));
  g_return_if_fail (KANRI_IS_CMDLET (cmdlet));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_tenant_run_async);

  parameters = kanri_cmdlet_to_json (cmdlet);
  powershell = kanri_cmdlet_to_powershell (cmdlet);
  entry.tenant = self->id;
  entry.cmdlet = kanri_cmdlet_get_name (cmdlet);
  entry.parameters = parameters;
  entry.powershell = powershell;
  entry.summary = summary;

  id = kanri_journal_append (kanri_journal_get_for_store (self->store), &entry, &error);
  if (id == 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, GSIZE_TO_POINTER (id), NULL);
  kanri_operation_runner_execute_async (self, id, cmdlet, FALSE, cancellable,
                                        executed_cb, g_steal_pointer (&task));
}

/**
 * kanri_tenant_run_finish:
 *
 * Returns: the operation's id, or 0 with @error set
 */
gint64
kanri_tenant_run_finish (KanriTenant   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? id : 0;
}

/**
 * kanri_tenant_retry_async:
 * @operation: a failed or interrupted operation of this tenant
 *
 * Runs it again: it is read back first, and only what is not yet true is
 * sent.
 */
void
kanri_tenant_retry_async (KanriTenant         *self,
                          gint64               operation,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriOperation) op = NULL;
  g_autoptr(KanriCmdlet) cmdlet = NULL;

  g_return_if_fail (KANRI_IS_TENANT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_tenant_retry_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER (operation), NULL);

  op = kanri_journal_get (kanri_journal_get_for_store (self->store), operation, &error);
  if (op != NULL)
    cmdlet = kanri_cmdlet_new_from_json (kanri_operation_get_cmdlet (op),
                                         kanri_operation_get_parameters (op), &error);
  if (cmdlet == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  kanri_operation_runner_execute_async (self, operation, cmdlet, TRUE, cancellable,
                                        executed_cb, g_steal_pointer (&task));
}

gboolean
kanri_tenant_retry_finish (KanriTenant   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_int (G_TASK (result), error) > 0;
}

typedef struct
{
  KanriTenantPageFunc page_func;
  gpointer            page_data;
} Query;

static void
query_page_cb (KanriExoClient *client,
               KanriExoPage   *page,
               gpointer        user_data)
{
  GTask *task = user_data;
  Query *query = g_task_get_task_data (task);

  query->page_func (g_task_get_source_object (task), kanri_exo_page_get_values (page),
                    query->page_data);
}

static void
queried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(KanriExoResult) answer = NULL;
  GError *error = NULL;

  answer = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object), result, &error);
  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, json_array_ref (kanri_exo_result_get_values (answer)),
                           (GDestroyNotify)json_array_unref);
}

/**
 * kanri_tenant_query_async:
 * @cmdlet: a Get- cmdlet
 * @page_func: (nullable): called with each page as it arrives
 *
 * Reads from the tenant. Nothing is journaled: a read changes nothing.
 */
void
kanri_tenant_query_async (KanriTenant         *self,
                          KanriCmdlet         *cmdlet,
                          KanriTenantPageFunc  page_func,
                          gpointer             page_data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Query *query;

  g_return_if_fail (KANRI_IS_TENANT (self));
  g_return_if_fail (KANRI_IS_CMDLET (cmdlet));
  g_return_if_fail (kanri_cmdlet_is_read_only (cmdlet));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_tenant_query_async);

  if (self->client == NULL)
    {
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN,
                               _("Kanri is not connected to this tenant"));
      return;
    }

  query = g_new0 (Query, 1);
  query->page_func = page_func;
  query->page_data = page_data;
  g_task_set_task_data (task, query, g_free);

  kanri_exo_client_invoke_async (self->client, cmdlet,
                                 page_func ? query_page_cb : NULL, page_func ? task : NULL,
                                 cancellable, queried_cb, g_object_ref (task));
}

/**
 * kanri_tenant_query_finish:
 *
 * Returns: (transfer full) (nullable): the objects read (empty when a page
 *   function took them)
 */
JsonArray *
kanri_tenant_query_finish (KanriTenant   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
