/* kanri-tenant-tables.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-tenant-tables"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-audit-rules.h"
#include "kanri-tenant-tables.h"

/* Writes what the service returns (Get-Mailbox, Get-InboundConnector,
 * Get-AcceptedDomain, Get-TransportConfig objects, annotations already
 * stripped) into the local model's tables. A page of objects is one
 * transaction: a crash leaves whole pages, and readers never see half of
 * one. */

static gboolean
set_error (sqlite3  *db,
           GError  **error)
{
  g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
               _("Local database error: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error (db, error);
      return NULL;
    }

  return stmt;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_error (db, error);

  return TRUE;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return "";

  return json_node_get_string (node);
}

static gboolean
member_bool (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strcasecmp (json_node_get_string (node), "true") == 0;

  return FALSE;
}

/**
 * kanri_tenant_tables_join_list:
 *
 * A multi-valued property (a JSON array of strings, or a single string) as
 * the comma-separated text the tables keep.
 *
 * Returns: (transfer full): the text, empty when there is nothing
 */
char *
kanri_tenant_tables_join_list (JsonObject *object,
                               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GString) joined = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node))
    return g_strdup (member_string (object, member));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("");

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, json_node_get_string (element));
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static GStrv
split (const char *joined)
{
  if (*joined == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (joined, ",", -1);
}

static gboolean
bind_mailbox (sqlite3_stmt *stmt,
              JsonObject   *object)
{
  g_autofree char *default_set = kanri_tenant_tables_join_list (object, "DefaultAuditSet");
  g_autofree char *admin = kanri_tenant_tables_join_list (object, "AuditAdmin");
  g_autofree char *delegate = kanri_tenant_tables_join_list (object, "AuditDelegate");
  g_autofree char *owner = kanri_tenant_tables_join_list (object, "AuditOwner");
  g_autofree char *key_text = NULL;
  g_autofree char *search_key = NULL;
  g_auto(GStrv) default_list = split (default_set);
  g_auto(GStrv) admin_list = split (admin);
  g_auto(GStrv) delegate_list = split (delegate);
  g_auto(GStrv) owner_list = split (owner);
  KanriAuditSettings settings = {
    .default_audit_set = (const char *const *)default_list,
    .actions = {
      (const char *const *)admin_list,
      (const char *const *)delegate_list,
      (const char *const *)owner_list,
    },
  };
  const char *guid = member_string (object, "ExternalDirectoryObjectId");

  /* ExternalDirectoryObjectId is the Entra ID object, stable across renames;
   * some mailboxes (and older replies) have only the Exchange Guid. */
  if (*guid == '\0')
    guid = member_string (object, "Guid");
  if (*guid == '\0')
    return FALSE;

  key_text = g_strjoin (" ", member_string (object, "DisplayName"),
                        member_string (object, "UserPrincipalName"),
                        member_string (object, "PrimarySmtpAddress"), NULL);
  search_key = g_utf8_casefold (key_text, -1);

  sqlite3_bind_text (stmt, 2, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, member_string (object, "DisplayName"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, member_string (object, "UserPrincipalName"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, member_string (object, "PrimarySmtpAddress"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, member_string (object, "RecipientTypeDetails"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, default_set, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, admin, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, delegate, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, member_string (object, "AuditLogAgeLimit"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 12, kanri_audit_evaluate (&settings));
  sqlite3_bind_text (stmt, 13, search_key, -1, SQLITE_TRANSIENT);
  /* Absent from an older reply: as Exchange Online creates mailboxes. */
  sqlite3_bind_int (stmt, 15, json_object_has_member (object, "AuditEnabled")
                                ? member_bool (object, "AuditEnabled") : TRUE);
  /* The directory object's: what Get-MailboxAuditBypassAssociation names
   * the account by (kanri-tenant.c, reload_audit_bypass). */
  sqlite3_bind_text (stmt, 16, member_string (object, "Guid"), -1, SQLITE_TRANSIENT);

  return TRUE;
}

static gboolean
bind_connector (sqlite3_stmt *stmt,
                JsonObject   *object)
{
  g_autofree char *ips = kanri_tenant_tables_join_list (object, "SenderIPAddresses");
  g_autofree char *domains = kanri_tenant_tables_join_list (object, "SenderDomains");
  g_autofree char *skip_ips = kanri_tenant_tables_join_list (object, "EFSkipIPs");
  g_autofree char *users = kanri_tenant_tables_join_list (object, "EFUsers");
  const char *guid = member_string (object, "Guid");

  if (*guid == '\0')
    guid = member_string (object, "Identity");
  if (*guid == '\0')
    return FALSE;

  sqlite3_bind_text (stmt, 2, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, member_string (object, "Name"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, member_string (object, "ConnectorType"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, member_bool (object, "Enabled"));
  sqlite3_bind_text (stmt, 6, ips, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, member_string (object, "TlsSenderCertificateName"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, member_bool (object, "RequireTls"));
  sqlite3_bind_int (stmt, 9, member_bool (object, "RestrictDomainsToIPAddresses"));
  sqlite3_bind_int (stmt, 10, member_bool (object, "RestrictDomainsToCertificate"));
  sqlite3_bind_text (stmt, 11, domains, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 12, member_bool (object, "EFSkipLastIP"));
  sqlite3_bind_text (stmt, 13, skip_ips, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, users, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 15, member_string (object, "Comment"), -1, SQLITE_TRANSIENT);

  return TRUE;
}

static gboolean
bind_accepted_domain (sqlite3_stmt *stmt,
                      JsonObject   *object)
{
  const char *name = member_string (object, "DomainName");

  if (*name == '\0')
    name = member_string (object, "Name");
  if (*name == '\0')
    return FALSE;

  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, member_string (object, "DomainType"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, member_bool (object, "Default"));

  return TRUE;
}

/* Only the accounts that bypass mailbox audit logging: the others are
 * every other account of the tenant, and say nothing. */
static gboolean
bind_audit_bypass (sqlite3_stmt *stmt,
                   JsonObject   *object)
{
  const char *guid = member_string (object, "Guid");

  if (*guid == '\0' || !member_bool (object, "AuditBypassEnabled"))
    return FALSE;

  sqlite3_bind_text (stmt, 2, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, member_string (object, "Name"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, member_string (object, "Identity"), -1, SQLITE_TRANSIENT);

  return TRUE;
}

typedef struct
{
  const char *upsert;
  int         generation_parameter;
  gboolean  (*bind) (sqlite3_stmt *stmt,
                     JsonObject   *object);
  const char *delete_stale;
  const char *delete_one;
  const char *count;
} TableInfo;

static const TableInfo tables[] = {
  [KANRI_TABLE_MAILBOXES] = {
    "INSERT INTO mailboxes (tenant, guid, display_name, upn, primary_smtp, recipient_type, "
    "  default_audit_set, audit_admin, audit_delegate, audit_owner, audit_log_age_limit, "
    "  audit_flags, search_key, sync_generation, audit_enabled, object_guid) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
    "ON CONFLICT (tenant, guid) DO UPDATE SET display_name = excluded.display_name, "
    "  upn = excluded.upn, primary_smtp = excluded.primary_smtp, "
    "  recipient_type = excluded.recipient_type, default_audit_set = excluded.default_audit_set, "
    "  audit_admin = excluded.audit_admin, audit_delegate = excluded.audit_delegate, "
    "  audit_owner = excluded.audit_owner, audit_log_age_limit = excluded.audit_log_age_limit, "
    "  audit_flags = excluded.audit_flags, search_key = excluded.search_key, "
    "  audit_enabled = excluded.audit_enabled, object_guid = excluded.object_guid, "
    "  sync_generation = max (sync_generation, excluded.sync_generation)",
    14, bind_mailbox,
    "DELETE FROM mailboxes WHERE tenant = ?1 AND sync_generation < ?2",
    "DELETE FROM mailboxes WHERE tenant = ?1 AND guid = ?2",
    "SELECT count(*) FROM mailboxes WHERE tenant = ?1",
  },
  [KANRI_TABLE_CONNECTORS] = {
    "INSERT INTO connectors (tenant, guid, name, connector_type, enabled, sender_ip_addresses, "
    "  tls_sender_certificate_name, require_tls, restrict_domains_to_ip_addresses, "
    "  restrict_domains_to_certificate, sender_domains, ef_skip_last_ip, ef_skip_ips, ef_users, "
    "  comment, sync_generation) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
    "ON CONFLICT (tenant, guid) DO UPDATE SET name = excluded.name, "
    "  connector_type = excluded.connector_type, enabled = excluded.enabled, "
    "  sender_ip_addresses = excluded.sender_ip_addresses, "
    "  tls_sender_certificate_name = excluded.tls_sender_certificate_name, "
    "  require_tls = excluded.require_tls, "
    "  restrict_domains_to_ip_addresses = excluded.restrict_domains_to_ip_addresses, "
    "  restrict_domains_to_certificate = excluded.restrict_domains_to_certificate, "
    "  sender_domains = excluded.sender_domains, ef_skip_last_ip = excluded.ef_skip_last_ip, "
    "  ef_skip_ips = excluded.ef_skip_ips, ef_users = excluded.ef_users, "
    "  comment = excluded.comment, "
    "  sync_generation = max (sync_generation, excluded.sync_generation)",
    16, bind_connector,
    "DELETE FROM connectors WHERE tenant = ?1 AND sync_generation < ?2",
    "DELETE FROM connectors WHERE tenant = ?1 AND (guid = ?2 OR name = ?2)",
    "SELECT count(*) FROM connectors WHERE tenant = ?1",
  },
  [KANRI_TABLE_ACCEPTED_DOMAINS] = {
    "INSERT INTO accepted_domains (tenant, name, domain_type, is_default, sync_generation) "
    "VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (tenant, name) DO UPDATE SET domain_type = excluded.domain_type, "
    "  is_default = excluded.is_default, "
    "  sync_generation = max (sync_generation, excluded.sync_generation)",
    5, bind_accepted_domain,
    "DELETE FROM accepted_domains WHERE tenant = ?1 AND sync_generation < ?2",
    "DELETE FROM accepted_domains WHERE tenant = ?1 AND name = ?2",
    "SELECT count(*) FROM accepted_domains WHERE tenant = ?1",
  },
  [KANRI_TABLE_AUDIT_BYPASS] = {
    "INSERT INTO audit_bypass (tenant, guid, name, sync_generation, identity) "
    "VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (tenant, guid) DO UPDATE SET name = excluded.name, "
    "  identity = excluded.identity, "
    "  sync_generation = max (sync_generation, excluded.sync_generation)",
    4, bind_audit_bypass,
    "DELETE FROM audit_bypass WHERE tenant = ?1 AND sync_generation < ?2",
    "DELETE FROM audit_bypass WHERE tenant = ?1 AND (guid = ?2 OR name = ?2)",
    "SELECT count(*) FROM audit_bypass WHERE tenant = ?1",
  },
};

/**
 * kanri_tenant_tables_upsert:
 * @objects: what the service returned, one page
 * @generation: the sync this page belongs to, or 0 for a single object read
 *   back after a change (it keeps the row's generation)
 *
 * Inserts or updates @objects in one transaction. An object without the
 * key the table needs is skipped.
 */
gboolean
kanri_tenant_tables_upsert (sqlite3     *db,
                            KanriTable   table,
                            const char  *tenant,
                            JsonArray   *objects,
                            gint64       generation,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const TableInfo *info;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (table < G_N_ELEMENTS (tables), FALSE);
  g_return_val_if_fail (tenant != NULL, FALSE);
  g_return_val_if_fail (objects != NULL, FALSE);

  info = &tables[table];
  stmt = prepare (db, info->upsert, error);
  if (stmt == NULL || !exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (objects); i++)
    {
      JsonNode *node = json_array_get_element (objects, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, info->generation_parameter, generation);
      if (!info->bind (stmt, json_node_get_object (node)))
        continue;

      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_error (db, error);
          exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  return exec (db, "COMMIT", error);
}

/**
 * kanri_tenant_tables_delete_stale:
 *
 * After a complete sync: deletes the rows it did not see, gone from the
 * tenant.
 */
gboolean
kanri_tenant_tables_delete_stale (sqlite3     *db,
                                  KanriTable   table,
                                  const char  *tenant,
                                  gint64       generation,
                                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (table < G_N_ELEMENTS (tables), FALSE);

  stmt = prepare (db, tables[table].delete_stale, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, generation);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_error (db, error);

  return TRUE;
}

/**
 * kanri_tenant_tables_delete_object:
 * @key: the object's guid (or a connector's name, or a domain's name)
 *
 * After a removal through Kanri: the row goes without waiting for a sync.
 */
gboolean
kanri_tenant_tables_delete_object (sqlite3     *db,
                                   KanriTable   table,
                                   const char  *tenant,
                                   const char  *key,
                                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (table < G_N_ELEMENTS (tables), FALSE);

  stmt = prepare (db, tables[table].delete_one, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_error (db, error);

  return TRUE;
}

gboolean
kanri_tenant_tables_set_transport_config (sqlite3     *db,
                                          const char  *tenant,
                                          JsonObject  *config,
                                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  stmt = prepare (db,
                              "INSERT INTO transport_config (tenant, message_expiration, synced_at) "
                              "VALUES (?1, ?2, ?3) ON CONFLICT (tenant) DO UPDATE SET "
                              "message_expiration = excluded.message_expiration, "
                              "synced_at = excluded.synced_at",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, member_string (config, "MessageExpiration"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_error (db, error);

  return TRUE;
}

gboolean
kanri_tenant_tables_set_organization_config (sqlite3     *db,
                                             const char  *tenant,
                                             JsonObject  *config,
                                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  stmt = prepare (db,
                  "INSERT INTO organization_config (tenant, audit_disabled, synced_at) "
                  "VALUES (?1, ?2, ?3) ON CONFLICT (tenant) DO UPDATE SET "
                  "audit_disabled = excluded.audit_disabled, synced_at = excluded.synced_at",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, member_bool (config, "AuditDisabled"));
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_error (db, error);

  return TRUE;
}

/**
 * kanri_tenant_tables_record_audit_bypass:
 * @associations: Get-MailboxAuditBypassAssociation -Identity's answer
 *
 * After a change of one account's bypass: keeps the account if its bypass
 * is on, forgets it if off.
 */
gboolean
kanri_tenant_tables_record_audit_bypass (sqlite3     *db,
                                         const char  *tenant,
                                         JsonArray   *associations,
                                         GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (associations != NULL, FALSE);

  for (guint i = 0; i < json_array_get_length (associations); i++)
    {
      JsonNode *node = json_array_get_element (associations, i);
      JsonObject *association;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      association = json_node_get_object (node);
      if (!member_bool (association, "AuditBypassEnabled") &&
          !kanri_tenant_tables_delete_object (db, KANRI_TABLE_AUDIT_BYPASS, tenant,
                                              member_string (association, "Guid"), error))
        return FALSE;
    }

  return kanri_tenant_tables_upsert (db, KANRI_TABLE_AUDIT_BYPASS, tenant, associations, 0, error);
}

/**
 * kanri_tenant_tables_mailbox_row_id:
 *
 * Returns: the row of the mailbox @guid, or 0
 */
gint64
kanri_tenant_tables_mailbox_row_id (sqlite3     *db,
                                    const char *tenant,
                                    const char *guid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (db,
                              "SELECT rowid FROM mailboxes WHERE tenant = ?1 AND guid = ?2", NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * kanri_tenant_tables_count:
 *
 * Returns: how many rows @table holds for @tenant
 */
gint64
kanri_tenant_tables_count (sqlite3     *db,
                           KanriTable  table,
                           const char *tenant)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (table < G_N_ELEMENTS (tables), 0);

  stmt = prepare (db, tables[table].count, NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static void
strv_add_unique (GPtrArray  *list,
                 const char *value)
{
  for (guint i = 0; i < list->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (list, i), value) == 0)
        return;
    }
  g_ptr_array_add (list, g_strdup (value));
}

static void
strv_remove (GPtrArray  *list,
             const char *value)
{
  for (guint i = 0; i < list->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (list, i), value) == 0)
        {
          g_ptr_array_remove_index (list, i);
          return;
        }
    }
}

static GPtrArray *
split_to_array (const char *joined)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) items = split (joined ? joined : "");

  for (guint i = 0; items[i] != NULL; i++)
    g_ptr_array_add (list, g_strdup (items[i]));

  return list;
}

static char *
join_array (GPtrArray *list)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      if (i > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, g_ptr_array_index (list, i));
    }

  return g_string_free (joined, FALSE);
}

/**
 * kanri_tenant_tables_apply_set_mailbox:
 * @set_mailbox: a Set-Mailbox the service has just accepted
 *
 * Brings a mailbox's row to what an accepted Set-Mailbox made it, without
 * reading it back (a bulk fix of thousands of mailboxes would otherwise
 * spend half its requests on reads): -DefaultAuditSet returns the named logon
 * types to Microsoft's list and management; -AuditAdmin, -AuditDelegate or
 * -AuditOwner set or change a list, which takes its logon type out of
 * DefaultAuditSet (Set-Mailbox, "DefaultAuditSet"); -AuditEnabled sets
 * AuditEnabled. Other parameters do not touch what the tables keep.
 *
 * Returns: the mailbox's row, or 0 when it is not in the tables
 */
gint64
kanri_tenant_tables_apply_set_mailbox (sqlite3      *db,
                                       const char   *tenant,
                                       KanriCmdlet  *set_mailbox,
                                       GError      **error)
{
  static const char *const parameters[] = { "AuditAdmin", "AuditDelegate", "AuditOwner" };
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GPtrArray) default_set = NULL;
  GPtrArray *lists[KANRI_AUDIT_N_LOGON_TYPES] = { NULL };
  char *joined[KANRI_AUDIT_N_LOGON_TYPES] = { NULL };
  g_autofree char *default_joined = NULL;
  g_auto(GStrv) default_strv = NULL;
  const char *identity;
  gint64 row_id = 0;
  KanriAuditSettings settings;

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (KANRI_IS_CMDLET (set_mailbox), 0);

  identity = kanri_cmdlet_get_string (set_mailbox, "Identity");
  if (identity == NULL)
    return 0;

  /* Identity as Exchange takes it: an id, a UPN or address, or a name. */
  find = prepare (db,
                  "SELECT rowid, default_audit_set, audit_admin, audit_delegate, audit_owner "
                  "FROM mailboxes WHERE tenant = ?1 AND (guid = ?2 OR upn = ?2 COLLATE NOCASE "
                  "  OR primary_smtp = ?2 COLLATE NOCASE OR display_name = ?2) LIMIT 1",
                  error);
  if (find == NULL)
    return 0;

  sqlite3_bind_text (find, 1, tenant, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, identity, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (find) != SQLITE_ROW)
    return 0;

  row_id = sqlite3_column_int64 (find, 0);
  default_set = split_to_array ((const char *)sqlite3_column_text (find, 1));
  for (guint t = 0; t < KANRI_AUDIT_N_LOGON_TYPES; t++)
    lists[t] = split_to_array ((const char *)sqlite3_column_text (find, 2 + t));

  if (kanri_cmdlet_has_parameter (set_mailbox, "DefaultAuditSet"))
    {
      const char *const *types = kanri_cmdlet_get_string_list (set_mailbox, "DefaultAuditSet");

      for (guint i = 0; types != NULL && types[i] != NULL; i++)
        {
          for (KanriAuditLogonType t = 0; t < KANRI_AUDIT_N_LOGON_TYPES; t++)
            {
              const char *const *defaults = kanri_audit_default_actions (t);

              if (g_ascii_strcasecmp (types[i], kanri_audit_logon_type_name (t)) != 0)
                continue;

              g_ptr_array_set_size (lists[t], 0);
              for (guint d = 0; defaults[d] != NULL; d++)
                g_ptr_array_add (lists[t], g_strdup (defaults[d]));
              strv_add_unique (default_set, kanri_audit_logon_type_name (t));
            }
        }
    }

  for (KanriAuditLogonType t = 0; t < KANRI_AUDIT_N_LOGON_TYPES; t++)
    {
      const char *parameter = parameters[t];

      if (!kanri_cmdlet_has_parameter (set_mailbox, parameter))
        continue;

      if (kanri_cmdlet_get_value_type (set_mailbox, parameter) == KANRI_CMDLET_VALUE_HASHTABLE)
        {
          const char *const *add = kanri_cmdlet_get_hashtable_add (set_mailbox, parameter);
          const char *const *remove = kanri_cmdlet_get_hashtable_remove (set_mailbox, parameter);

          for (guint i = 0; add != NULL && add[i] != NULL; i++)
            strv_add_unique (lists[t], add[i]);
          for (guint i = 0; remove != NULL && remove[i] != NULL; i++)
            strv_remove (lists[t], remove[i]);
        }
      else if (kanri_cmdlet_get_value_type (set_mailbox, parameter) == KANRI_CMDLET_VALUE_STRING_LIST)
        {
          const char *const *values = kanri_cmdlet_get_string_list (set_mailbox, parameter);

          g_ptr_array_set_size (lists[t], 0);
          for (guint i = 0; values != NULL && values[i] != NULL; i++)
            strv_add_unique (lists[t], values[i]);
        }

      strv_remove (default_set, kanri_audit_logon_type_name (t));
    }

  /* DefaultAuditSet in Admin, Delegate, Owner order, as the service shows it. */
  {
    g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func (g_free);

    for (KanriAuditLogonType t = 0; t < KANRI_AUDIT_N_LOGON_TYPES; t++)
      {
        for (guint i = 0; i < default_set->len; i++)
          {
            if (g_ascii_strcasecmp (g_ptr_array_index (default_set, i),
                                    kanri_audit_logon_type_name (t)) == 0)
              g_ptr_array_add (ordered, g_strdup (kanri_audit_logon_type_name (t)));
          }
      }
    default_joined = join_array (ordered);
  }

  default_strv = split (default_joined);
  settings.default_audit_set = (const char *const *)default_strv;
  for (guint t = 0; t < KANRI_AUDIT_N_LOGON_TYPES; t++)
    {
      joined[t] = join_array (lists[t]);
      g_ptr_array_add (lists[t], NULL);
      settings.actions[t] = (const char *const *)lists[t]->pdata;
    }

  /* -AuditEnabled sets AuditEnabled and nothing else (Set-Mailbox). */
  update = prepare (db,
                    "UPDATE mailboxes SET default_audit_set = ?2, audit_admin = ?3, "
                    "  audit_delegate = ?4, audit_owner = ?5, audit_flags = ?6, "
                    "  audit_enabled = coalesce (?7, audit_enabled) WHERE rowid = ?1",
                    error);
  if (update != NULL)
    {
      sqlite3_bind_int64 (update, 1, row_id);
      if (kanri_cmdlet_has_parameter (set_mailbox, "AuditEnabled"))
        sqlite3_bind_int (update, 7, kanri_cmdlet_get_bool (set_mailbox, "AuditEnabled"));
      sqlite3_bind_text (update, 2, default_joined, -1, SQLITE_TRANSIENT);
      for (guint t = 0; t < KANRI_AUDIT_N_LOGON_TYPES; t++)
        sqlite3_bind_text (update, 3 + t, joined[t], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (update, 6, kanri_audit_evaluate (&settings));
      if (sqlite3_step (update) != SQLITE_DONE)
        {
          set_error (db, error);
          row_id = 0;
        }
    }
  else
    row_id = 0;

  for (guint t = 0; t < KANRI_AUDIT_N_LOGON_TYPES; t++)
    {
      g_free (joined[t]);
      g_ptr_array_unref (lists[t]);
    }

  return row_id;
}
