/* kanri-migrations.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-migrations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-migrations.h"
#include "kanri-store.h"

/* Forward-only: a released migration is never edited, only followed by a new
 * one. Migration N takes a database from user_version N-1 to N. */
static const char *const migrations[] = {
  /* 1: the operation journal (ARCHITECTURE.md "The local model"). */
  "CREATE TABLE operations ("
  "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  tenant      TEXT    NOT NULL,"
  "  batch       TEXT,"
  "  cmdlet      TEXT    NOT NULL,"
  "  parameters  TEXT    NOT NULL DEFAULT '{}',"
  "  powershell  TEXT    NOT NULL,"
  "  summary     TEXT    NOT NULL DEFAULT '',"
  "  state       TEXT    NOT NULL DEFAULT 'pending'"
  "              CHECK (state IN ('pending','running','done','failed',"
  "                               'interrupted','cancelled')),"
  "  attempts    INTEGER NOT NULL DEFAULT 0,"
  "  error       TEXT,"
  "  result      TEXT,"
  "  created_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL"
  ");"
  "CREATE INDEX operations_batch ON operations (batch) WHERE batch IS NOT NULL;"
  "CREATE INDEX operations_state ON operations (state);",

  /* 2: the Header Analyzer's history of analyses. */
  "CREATE TABLE analyses ("
  "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  created_at  INTEGER NOT NULL,"
  "  source      TEXT    NOT NULL,"
  "  subject     TEXT    NOT NULL DEFAULT '',"
  "  report      TEXT    NOT NULL"
  ");"
  "CREATE INDEX analyses_created ON analyses (created_at);",

  /* 3: tenants and what a sync brings from each (ARCHITECTURE.md "The local
   * model"). Lists the service returns (audit actions, IP addresses, sender
   * domains) are kept comma-separated, as Get-Mailbox | Export-Csv writes
   * them; none of their values can hold a comma. A row not seen by the last
   * sync (an older sync_generation) was deleted in the tenant. A mailbox's
   * search_key is its names casefolded (g_utf8_casefold), so that a search
   * is one instr() in SQL and still right beyond ASCII. */
  "CREATE TABLE tenants ("
  "  id            TEXT    PRIMARY KEY,"
  "  name          TEXT    NOT NULL,"
  "  kind          TEXT    NOT NULL CHECK (kind IN ('demo','microsoft365','endpoint')),"
  "  cloud         TEXT    NOT NULL DEFAULT 'worldwide',"
  "  account       TEXT    NOT NULL DEFAULT '',"
  "  invoke_url    TEXT,"
  "  last_sync_at  INTEGER,"
  "  created_at    INTEGER NOT NULL"
  ");"
  "CREATE TABLE mailboxes ("
  "  tenant              TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  guid                TEXT    NOT NULL,"
  "  display_name        TEXT    NOT NULL DEFAULT '',"
  "  upn                 TEXT    NOT NULL DEFAULT '',"
  "  primary_smtp        TEXT    NOT NULL DEFAULT '',"
  "  recipient_type      TEXT    NOT NULL DEFAULT '',"
  "  default_audit_set   TEXT    NOT NULL DEFAULT '',"
  "  audit_admin         TEXT    NOT NULL DEFAULT '',"
  "  audit_delegate      TEXT    NOT NULL DEFAULT '',"
  "  audit_owner         TEXT    NOT NULL DEFAULT '',"
  "  audit_log_age_limit TEXT    NOT NULL DEFAULT '',"
  "  audit_flags         INTEGER NOT NULL DEFAULT 0,"
  "  search_key          TEXT    NOT NULL DEFAULT '',"
  "  sync_generation     INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (tenant, guid)"
  ");"
  /* Covering, for the lists' usual query: a search by name in name order
   * reads this index alone, not the (wide) rows. */
  "CREATE INDEX mailboxes_name ON mailboxes "
  "  (tenant, display_name COLLATE NOCASE, search_key, audit_flags);"
  "CREATE INDEX mailboxes_upn ON mailboxes (tenant, upn COLLATE NOCASE);"
  "CREATE INDEX mailboxes_flags ON mailboxes (tenant, audit_flags);"
  "CREATE TABLE connectors ("
  "  tenant                           TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  guid                             TEXT    NOT NULL,"
  "  name                             TEXT    NOT NULL,"
  "  connector_type                   TEXT    NOT NULL DEFAULT '',"
  "  enabled                          INTEGER NOT NULL DEFAULT 1,"
  "  sender_ip_addresses              TEXT    NOT NULL DEFAULT '',"
  "  tls_sender_certificate_name      TEXT    NOT NULL DEFAULT '',"
  "  require_tls                      INTEGER NOT NULL DEFAULT 0,"
  "  restrict_domains_to_ip_addresses INTEGER NOT NULL DEFAULT 0,"
  "  restrict_domains_to_certificate  INTEGER NOT NULL DEFAULT 0,"
  "  sender_domains                   TEXT    NOT NULL DEFAULT '',"
  "  ef_skip_last_ip                  INTEGER NOT NULL DEFAULT 0,"
  "  ef_skip_ips                      TEXT    NOT NULL DEFAULT '',"
  "  ef_users                         TEXT    NOT NULL DEFAULT '',"
  "  comment                          TEXT    NOT NULL DEFAULT '',"
  "  sync_generation                  INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (tenant, guid)"
  ");"
  "CREATE TABLE accepted_domains ("
  "  tenant          TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  name            TEXT    NOT NULL,"
  "  domain_type     TEXT    NOT NULL DEFAULT '',"
  "  is_default      INTEGER NOT NULL DEFAULT 0,"
  "  sync_generation INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (tenant, name)"
  ");"
  "CREATE TABLE batches ("
  "  id          TEXT    PRIMARY KEY,"
  "  tenant      TEXT    NOT NULL,"
  "  title       TEXT    NOT NULL,"
  "  created_at  INTEGER NOT NULL"
  ");"
  "CREATE TABLE transport_config ("
  "  tenant             TEXT    PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,"
  "  message_expiration TEXT    NOT NULL,"
  "  synced_at          INTEGER NOT NULL"
  ");",

  /* 4: what the Recoverable Items page last read (ARCHITECTURE.md
   * "recoverable items (per query)"), so that reopening it shows the items at
   * once with their age. A query is one mailbox and one filter (its JSON, as
   * kanri_recoverable_filter_to_json() writes it); its items go with it. */
  "CREATE TABLE recoverable_queries ("
  "  id            INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  tenant        TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  mailbox       TEXT    NOT NULL,"
  "  mailbox_name  TEXT    NOT NULL DEFAULT '',"
  "  filter        TEXT    NOT NULL,"
  "  fetched_at    INTEGER NOT NULL,"
  "  UNIQUE (tenant, mailbox, filter)"
  ");"
  "CREATE TABLE recoverable_items ("
  "  query                  INTEGER NOT NULL REFERENCES recoverable_queries (id) ON DELETE CASCADE,"
  "  entry_id               TEXT    NOT NULL,"
  "  subject                TEXT    NOT NULL DEFAULT '',"
  "  item_class             TEXT    NOT NULL DEFAULT '',"
  "  source_folder          TEXT    NOT NULL DEFAULT '',"
  "  last_parent_path       TEXT    NOT NULL DEFAULT '',"
  "  last_parent_folder_id  TEXT    NOT NULL DEFAULT '',"
  "  last_modified          INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (query, entry_id)"
  ");"
  "CREATE INDEX recoverable_queries_recent ON recoverable_queries (tenant, fetched_at);",

  /* 5: the Auditing table's queries read indexes alone, in order
   * (kanri-mailbox-list.c). The mailboxes that need attention (the audit
   * flags 1, 2, 4 and 8: KANRI_AUDIT_FLAGS_NEED_ATTENTION) as mailboxes_name
   * has them: the page's main filter reads these one in ten rows instead of
   * all of the tenant's. And the UPN order covering the filter and the
   * search, as the name order does. */
  "CREATE INDEX mailboxes_attention ON mailboxes "
  "  (tenant, display_name COLLATE NOCASE, search_key, audit_flags) "
  "  WHERE (audit_flags & 15) != 0;"
  "DROP INDEX mailboxes_upn;"
  "CREATE INDEX mailboxes_upn ON mailboxes "
  "  (tenant, upn COLLATE NOCASE, search_key, audit_flags);",

  /* 6: what decides whether mailboxes are audited at all (Microsoft Learn,
   * "Manage mailbox auditing"): the organization's AuditDisabled
   * (Get-OrganizationConfig), each mailbox's AuditEnabled (Get-Mailbox;
   * True until a sync says otherwise, as new Exchange Online mailboxes
   * are), and the accounts that bypass mailbox audit logging
   * (Get-MailboxAuditBypassAssociation): only those whose bypass is on are
   * kept, a few among every account of the tenant. */
  "ALTER TABLE mailboxes ADD COLUMN audit_enabled INTEGER NOT NULL DEFAULT 1;"
  "CREATE TABLE organization_config ("
  "  tenant          TEXT    PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,"
  "  audit_disabled  INTEGER NOT NULL,"
  "  synced_at       INTEGER NOT NULL"
  ");"
  "CREATE TABLE audit_bypass ("
  "  tenant          TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  guid            TEXT    NOT NULL,"
  "  name            TEXT    NOT NULL,"
  "  sync_generation INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (tenant, guid)"
  ");",

  /* 7: who a bypassing account is. Get-MailboxAuditBypassAssociation
   * gives the account's Name, Identity and Guid, the directory object's;
   * Get-Mailbox gives the same Guid beside ExternalDirectoryObjectId (the
   * mailboxes' key), so an account with a mailbox shows its display name
   * and UPN, and one without its Identity. Existing mailboxes have no
   * object Guid until the next sync. And why the last sync could not read
   * the accounts at all (NULL: it could): the cmdlet is in fewer roles than
   * Get-Mailbox, so a tenant may refuse it alone. */
  "ALTER TABLE mailboxes ADD COLUMN object_guid TEXT NOT NULL DEFAULT '';"
  "CREATE INDEX mailboxes_object_guid ON mailboxes (tenant, object_guid) WHERE object_guid != '';"
  "ALTER TABLE audit_bypass ADD COLUMN identity TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE tenants ADD COLUMN audit_bypass_error TEXT;",

  /* 8: batch analyses (issue 16): a run over files, mbox files and folders,
   * and one row per message with what the Header Analyzer found, so that a
   * run of 100,000 messages opens again at once and is filtered in SQL.
   * Rows are written one transaction per chunk; a run cancelled keeps the
   * rows it has. */
  "CREATE TABLE batch_runs ("
  "  id INTEGER PRIMARY KEY,"
  "  paths TEXT NOT NULL,"
  "  started INTEGER NOT NULL,"
  "  finished INTEGER,"
  "  cancelled INTEGER NOT NULL DEFAULT 0,"
  "  messages INTEGER NOT NULL DEFAULT 0,"
  "  errors INTEGER NOT NULL DEFAULT 0,"
  "  duplicates INTEGER NOT NULL DEFAULT 0,"
  "  bytes INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE batch_messages ("
  "  run INTEGER NOT NULL REFERENCES batch_runs (id) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL,"
  "  path TEXT NOT NULL,"
  "  offset INTEGER,"
  "  number INTEGER NOT NULL,"
  "  date INTEGER,"
  "  sender TEXT,"
  "  subject TEXT,"
  "  message_id TEXT,"
  "  cip TEXT,"
  "  cip_class TEXT,"
  "  original_ip TEXT,"
  "  spf TEXT,"
  "  dkim TEXT,"
  "  dmarc TEXT,"
  "  compauth TEXT,"
  "  scl INTEGER,"
  "  bcl INTEGER,"
  "  sfv TEXT,"
  "  direction TEXT,"
  "  findings TEXT,"
  "  enhanced_filtering INTEGER NOT NULL DEFAULT 0,"
  "  cip_is_relay INTEGER NOT NULL DEFAULT 0,"
  "  duplicate INTEGER NOT NULL DEFAULT 0,"
  "  error TEXT,"
  "  PRIMARY KEY (run, seq)"
  ") WITHOUT ROWID;"
  "CREATE INDEX batch_messages_cip ON batch_messages (run, cip);",

  /* 9: the batch view's table on 100,000 messages (bench/batch/
   * bench-batch-table). Its filters, search and counts read one covering
   * index in input order rather than every row (37 MB of pages for
   * 100,000 rows); the search reads a lowercase key per message, written
   * with the row. */
  "ALTER TABLE batch_messages ADD COLUMN search_key TEXT;"
  "UPDATE batch_messages SET search_key = lower (coalesce (sender, '') || ' ' || coalesce (subject, '') || ' ' ||"
  " coalesce (cip, '') || ' ' || coalesce (message_id, '') || ' ' || path);"
  "CREATE INDEX batch_messages_table ON batch_messages (run, seq, duplicate, scl, cip_is_relay,"
  " enhanced_filtering, dmarc, compauth, cip, error IS NOT NULL, search_key);",
};

int
kanri_migrations_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

static gboolean
exec_or_error (sqlite3     *db,
               const char  *sql,
               int          step,
               GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;

  g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
               _("Could not upgrade the local database (step %d): %s"),
               step, message ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  return FALSE;
}

/**
 * kanri_migrations_migrate:
 * @db: an open connection
 * @target: the schema version to reach, at most kanri_migrations_latest()
 * @error: a location for a #GError
 *
 * Applies the migrations after the database's `user_version` up to @target,
 * each in its own IMMEDIATE transaction that also records the new version, so
 * a crash leaves the database at a version it really has. The version is read
 * again inside each transaction: a second process opening the same file at the
 * same moment cannot apply a step twice.
 */
gboolean
kanri_migrations_migrate (sqlite3  *db,
                          int       target,
                          GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (target >= 0 && target <= kanri_migrations_latest (), FALSE);

  for (;;)
    {
      g_autofree char *bump = NULL;
      int version;

      if (!exec_or_error (db, "BEGIN IMMEDIATE", 0, error))
        return FALSE;

      version = read_user_version (db);
      if (version < 0)
        {
          g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
                       _("Could not read the local database’s version: %s"),
                       sqlite3_errmsg (db));
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (version >= target)
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return TRUE;
        }

      bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!exec_or_error (db, migrations[version], version + 1, error) ||
          !exec_or_error (db, bump, version + 1, error) ||
          !exec_or_error (db, "COMMIT", version + 1, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
}
