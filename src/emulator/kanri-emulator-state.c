/* kanri-emulator-state.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-emulator-state"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kanri-emulator-private.h"

/* The emulated tenant: its own SQLite file, never Kanri's database. */

#define BUSY_TIMEOUT_MS 5000

struct _EmuState
{
  sqlite3 *db;
};

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ");"
  "CREATE TABLE IF NOT EXISTS mailboxes ("
  "  id                  INTEGER PRIMARY KEY,"
  "  guid                TEXT    NOT NULL UNIQUE,"
  "  external_id         TEXT    NOT NULL,"
  "  upn                 TEXT    NOT NULL UNIQUE COLLATE NOCASE,"
  "  alias               TEXT    NOT NULL COLLATE NOCASE,"
  "  name                TEXT    NOT NULL COLLATE NOCASE,"
  "  display_name        TEXT    NOT NULL COLLATE NOCASE,"
  "  primary_smtp        TEXT    NOT NULL COLLATE NOCASE,"
  "  type                TEXT    NOT NULL DEFAULT 'UserMailbox',"
  "  litigation_hold     INTEGER NOT NULL DEFAULT 0,"
  "  audit_enabled       INTEGER NOT NULL DEFAULT 1,"
  "  audit_log_age_limit INTEGER NOT NULL DEFAULT 7776000,"
  "  audit_admin         TEXT    NOT NULL,"
  "  audit_delegate      TEXT    NOT NULL,"
  "  audit_owner         TEXT    NOT NULL,"
  "  default_audit_set   TEXT    NOT NULL,"
  "  when_created        INTEGER NOT NULL,"
  "  when_changed        INTEGER NOT NULL"
  ");"
  "CREATE INDEX IF NOT EXISTS mailboxes_alias ON mailboxes (alias);"
  "CREATE INDEX IF NOT EXISTS mailboxes_smtp ON mailboxes (primary_smtp);"
  "CREATE INDEX IF NOT EXISTS mailboxes_display ON mailboxes (display_name);"
  "CREATE TABLE IF NOT EXISTS connectors ("
  "  id           INTEGER PRIMARY KEY,"
  "  guid         TEXT    NOT NULL UNIQUE,"
  "  name         TEXT    NOT NULL UNIQUE COLLATE NOCASE,"
  "  props        TEXT    NOT NULL,"
  "  when_created INTEGER NOT NULL,"
  "  when_changed INTEGER NOT NULL"
  ");"
  "CREATE TABLE IF NOT EXISTS accepted_domains ("
  "  id          INTEGER PRIMARY KEY,"
  "  guid        TEXT    NOT NULL,"
  "  name        TEXT    NOT NULL UNIQUE COLLATE NOCASE,"
  "  domain_type TEXT    NOT NULL,"
  "  is_default  INTEGER NOT NULL,"
  "  initial     INTEGER NOT NULL"
  ");"
  "CREATE TABLE IF NOT EXISTS recoverable_items ("
  "  id                    INTEGER PRIMARY KEY,"
  "  mailbox_id            INTEGER NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,"
  "  entry_id              TEXT    NOT NULL,"
  "  subject               TEXT    NOT NULL,"
  "  item_class            TEXT    NOT NULL,"
  "  source_folder         TEXT    NOT NULL,"
  "  last_parent_path      TEXT    NOT NULL,"
  "  last_parent_folder_id TEXT    NOT NULL,"
  "  last_modified         INTEGER NOT NULL"
  ");"
  "CREATE INDEX IF NOT EXISTS recoverable_items_mailbox ON recoverable_items (mailbox_id);"
  "CREATE TABLE IF NOT EXISTS restored_items ("
  "  id          INTEGER PRIMARY KEY,"
  "  mailbox_id  INTEGER NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,"
  "  entry_id    TEXT    NOT NULL,"
  "  subject     TEXT    NOT NULL,"
  "  item_class  TEXT    NOT NULL,"
  "  folder      TEXT    NOT NULL,"
  "  restored_at INTEGER NOT NULL"
  ");"
  /* The accounts whose actions on any mailbox are not audited
   * (Set-MailboxAuditBypassAssociation, -AuditBypassEnabled $true). */
  "CREATE TABLE IF NOT EXISTS audit_bypass ("
  "  mailbox_id  INTEGER PRIMARY KEY REFERENCES mailboxes (id) ON DELETE CASCADE"
  ");"
  "CREATE TABLE IF NOT EXISTS role_assignments ("
  "  id              INTEGER PRIMARY KEY,"
  "  guid            TEXT    NOT NULL,"
  "  name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,"
  "  role            TEXT    NOT NULL COLLATE NOCASE,"
  "  assignee        TEXT    NOT NULL,"
  "  assignee_type   TEXT    NOT NULL,"
  "  delegation      TEXT    NOT NULL,"
  "  effective_users TEXT    NOT NULL,"
  "  when_created    INTEGER NOT NULL"
  ");"
  /* Message trace (kanri-emulator-trace.c): one row per message and
   * recipient, as Get-MessageTraceV2 lists them, and their events. */
  "CREATE TABLE IF NOT EXISTS message_traces ("
  "  id         INTEGER PRIMARY KEY,"
  "  trace_id   TEXT    NOT NULL,"
  "  message_id TEXT    NOT NULL,"
  "  sender     TEXT    NOT NULL,"
  "  recipient  TEXT    NOT NULL,"
  "  subject    TEXT    NOT NULL,"
  "  received   INTEGER NOT NULL,"
  "  status     TEXT    NOT NULL,"
  "  from_ip    TEXT,"
  "  to_ip      TEXT,"
  "  size       INTEGER NOT NULL"
  ");"
  "CREATE INDEX IF NOT EXISTS message_traces_received ON message_traces (received);"
  "CREATE TABLE IF NOT EXISTS message_trace_events ("
  "  trace   INTEGER NOT NULL REFERENCES message_traces (id) ON DELETE CASCADE,"
  "  seq     INTEGER NOT NULL,"
  "  time_ms INTEGER NOT NULL,"
  "  event   TEXT    NOT NULL,"
  "  action  TEXT    NOT NULL,"
  "  detail  TEXT    NOT NULL,"
  "  data    TEXT    NOT NULL"
  ");"
  "CREATE INDEX IF NOT EXISTS message_trace_events_trace ON message_trace_events (trace);";

void
emu_state_free (EmuState *state)
{
  if (state == NULL)
    return;

  g_clear_pointer (&state->db, sqlite3_close_v2);
  g_free (state);
}

sqlite3 *
emu_state_db (EmuState *state)
{
  return state->db;
}

gboolean
emu_state_fail (EmuState  *state,
                GError   **error)
{
  g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_DATABASE,
               "Emulator database error: %s", sqlite3_errmsg (state->db));
  return FALSE;
}

gboolean
emu_state_exec (EmuState    *state,
                const char  *sql,
                GError     **error)
{
  if (sqlite3_exec (state->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return emu_state_fail (state, error);

  return TRUE;
}

sqlite3_stmt *
emu_state_prepare (EmuState    *state,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (state->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      emu_state_fail (state, error);
      return NULL;
    }

  return stmt;
}

/**
 * emu_state_open:
 * @path: (nullable): the tenant file, created 0600 if missing; %NULL for a
 *   tenant in memory
 */
EmuState *
emu_state_open (const char  *path,
                GError     **error)
{
  g_autoptr(EmuState) state = g_new0 (EmuState, 1);
  int rc;

  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      int fd;

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_DATABASE,
                       "Could not create the folder “%s”: %s", dir, g_strerror (saved));
          return NULL;
        }

      fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_DATABASE,
                       "Could not open the emulator’s tenant file “%s”: %s", path, g_strerror (saved));
          return NULL;
        }

      /* A file from before, or made by hand, may have a looser mode: the
       * tenant's tokens and mailboxes are the user's alone, as in the
       * local model. */
      if (fchmod (fd, 0600) != 0)
        g_warning ("Could not make %s private: %s", path, g_strerror (errno));
      close (fd);
    }

  rc = sqlite3_open_v2 (path ? path : ":memory:", &state->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      if (state->db != NULL)
        emu_state_fail (state, error);
      else
        g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_DATABASE,
                     "Could not open the emulator’s tenant file");
      return NULL;
    }

  sqlite3_busy_timeout (state->db, BUSY_TIMEOUT_MS);

  /* The demo tenant's file is shared by the app and kanri-cli. */
  if (!emu_state_exec (state, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;", error) ||
      !emu_state_exec (state, schema, error))
    {
      g_prefix_error (error, "%s: ", path ? path : ":memory:");
      return NULL;
    }

  return g_steal_pointer (&state);
}

char *
emu_state_get_meta (EmuState   *state,
                    const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = emu_state_prepare (state, "SELECT value FROM meta WHERE key = ?1", NULL);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

gboolean
emu_state_set_meta (EmuState    *state,
                    const char  *key,
                    const char  *value,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = emu_state_prepare (state,
                                                    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                                    error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return emu_state_fail (state, error);

  return TRUE;
}

gboolean
emu_state_is_seeded (EmuState *state)
{
  g_autofree char *tenant = emu_state_get_meta (state, "tenant_id");

  return tenant != NULL;
}

/* Time spans and times --------------------------------------------------- */

char *
emu_time_span_format (gint64 seconds)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d:%02d:%02d",
                          seconds / 86400, (int)(seconds / 3600 % 24),
                          (int)(seconds / 60 % 60), (int)(seconds % 60));
}

/* d, hh:mm, hh:mm:ss, d.hh:mm:ss (what .NET's TimeSpan.Parse reads); a
 * fraction of a second is dropped. */
gboolean
emu_time_span_parse (const char *text,
                     gint64     *seconds)
{
  guint64 parts[4] = { 0 };
  guint n = 0;
  gboolean has_days = FALSE;
  const char *p = text;

  while (*p && n < 4)
    {
      const char *start = p;
      guint64 value = 0;

      while (g_ascii_isdigit (*p) && p - start < 9)
        value = value * 10 + (guint64)(*p++ - '0');
      if (p == start)
        return FALSE;
      parts[n++] = value;

      if (*p == '.' && n == 1 && strchr (p, ':') != NULL)
        {
          has_days = TRUE;
          p++;
        }
      else if (*p == ':')
        p++;
      else if (*p == '.' && n >= 3)
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++;
          break;
        }
      else if (*p != '\0')
        return FALSE;
    }

  if (*p != '\0')
    return FALSE;

  if (n == 1 && !has_days)
    {
      *seconds = (gint64)parts[0] * 86400;
      return TRUE;
    }

  if (has_days)
    {
      if (n < 3 || parts[1] > 23 || parts[2] > 59 || (n == 4 && parts[3] > 59))
        return FALSE;
      *seconds = (gint64)parts[0] * 86400 + parts[1] * 3600 + parts[2] * 60 + (n == 4 ? parts[3] : 0);
      return TRUE;
    }

  if (n < 2 || n > 3 || parts[0] > 23 || parts[1] > 59 || (n == 3 && parts[2] > 59))
    return FALSE;

  *seconds = (gint64)parts[0] * 3600 + parts[1] * 60 + (n == 3 ? parts[2] : 0);
  return TRUE;
}

char *
emu_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

char *
emu_random_hex (guint n_bytes)
{
  GString *out = g_string_sized_new (n_bytes * 2);

  for (guint i = 0; i < n_bytes; i++)
    g_string_append_printf (out, "%02X", g_random_int_range (0, 256));

  return g_string_free (out, FALSE);
}

/* A GUID derived from @seed, so that a seed gives the same tenant twice. */
char *
emu_stable_guid (const char *seed)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-a%.3s-%.12s", hash, hash + 8, hash + 13, hash + 17, hash + 20);
}

/* Seeding ------------------------------------------------------------------ */

static gboolean
invalid_seed (GError     **error,
              const char  *format,
              ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid_seed (GError     **error,
              const char  *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_SEED,
               "Invalid tenant seed: %s", message);
  return FALSE;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_bool (JsonObject *object,
          const char *name,
          gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;

  return json_node_get_boolean (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

/* A list of strings as the comma-separated text the tables keep. */
static char *
join_list (JsonArray *array)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *item = json_array_get_string_element (array, i);

      if (item == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, item);
    }

  return g_string_free (out, FALSE);
}

static gboolean
insert_mailbox (EmuState    *state,
                sqlite3_stmt *stmt,
                JsonObject  *mailbox,
                const char  *organization,
                gint64       now,
                guint        index,
                GError     **error)
{
  const char *upn = get_string (mailbox, "UserPrincipalName");
  const char *display_name = get_string (mailbox, "DisplayName");
  const char *alias = get_string (mailbox, "Alias");
  const char *type = get_string (mailbox, "RecipientTypeDetails");
  const char *age = get_string (mailbox, "AuditLogAgeLimit");
  static const char *const logon_types[] = { "Admin", "Delegate", "Owner" };
  g_autofree char *guid = NULL;
  g_autofree char *external = NULL;
  g_autofree char *default_set = NULL;
  g_autofree char *alias_owned = NULL;
  GString *set = g_string_new (NULL);
  gint64 age_seconds = 90 * 86400;

  if (upn == NULL || display_name == NULL || strchr (upn, '@') == NULL)
    {
      g_string_free (set, TRUE);
      return invalid_seed (error, "mailbox %u needs a UserPrincipalName and a DisplayName", index + 1);
    }

  if (alias == NULL)
    alias = alias_owned = g_strndup (upn, strchr (upn, '@') - upn);
  if (age != NULL && !emu_time_span_parse (age, &age_seconds))
    {
      g_string_free (set, TRUE);
      return invalid_seed (error, "mailbox %s: AuditLogAgeLimit “%s” is not a time span", upn, age);
    }

  guid = emu_stable_guid (upn);
  external = emu_stable_guid (display_name);

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, external, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, upn, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, alias, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, alias, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, get_string (mailbox, "PrimarySmtpAddress") ?: upn, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, type ? type : "UserMailbox", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 9, get_bool (mailbox, "LitigationHoldEnabled", FALSE));
  sqlite3_bind_int (stmt, 10, get_bool (mailbox, "AuditEnabled", TRUE));
  sqlite3_bind_int64 (stmt, 11, age_seconds);

  /* A logon type given explicitly has left the Microsoft-managed default
   * set (Set-Mailbox, -DefaultAuditSet), unless the seed says otherwise. */
  for (guint i = 0; i < G_N_ELEMENTS (logon_types); i++)
    {
      g_autofree char *member = g_strconcat ("Audit", logon_types[i], NULL);
      JsonArray *list = get_array (mailbox, member);
      g_autofree char *joined = list ? join_list (list) : g_strdup (emu_default_audit_actions (logon_types[i]));

      sqlite3_bind_text (stmt, 12 + i, joined, -1, SQLITE_TRANSIENT);
      if (list == NULL)
        {
          if (set->len > 0)
            g_string_append_c (set, ',');
          g_string_append (set, logon_types[i]);
        }
    }

  default_set = get_array (mailbox, "DefaultAuditSet")
                ? join_list (get_array (mailbox, "DefaultAuditSet"))
                : g_strdup (set->str);
  g_string_free (set, TRUE);

  sqlite3_bind_text (stmt, 15, default_set, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 16, now - (gint64)(index + 30) * 86400);
  sqlite3_bind_int64 (stmt, 17, now - (gint64)(index % 20) * 86400);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      emu_state_fail (state, error);
      g_prefix_error (error, "mailbox %s: ", upn);
      return FALSE;
    }

  /* The bypass row's rowid is the mailbox's id: last_insert_rowid() still
   * names the mailbox for its items. */
  if (get_bool (mailbox, "AuditBypassEnabled", FALSE) &&
      !emu_state_exec (state, "INSERT INTO audit_bypass (mailbox_id) VALUES (last_insert_rowid ())", error))
    {
      g_prefix_error (error, "mailbox %s: ", upn);
      return FALSE;
    }

  return TRUE;
}

static const char *const source_folders[] = {
  "DeletedItems", "RecoverableItems", "PurgedItems", "DiscoveryHoldsItems",
};

static gboolean
insert_items (EmuState    *state,
              gint64       mailbox_id,
              const char  *upn,
              JsonArray   *items,
              gint64       now,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = emu_state_prepare (state,
                            "INSERT INTO recoverable_items (mailbox_id, entry_id, subject, item_class, "
                            "source_folder, last_parent_path, last_parent_folder_id, last_modified) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *subject = get_string (item, "Subject");
      const char *folder = get_string (item, "SourceFolder");
      const char *path = get_string (item, "LastParentPath");
      const char *item_class = get_string (item, "ItemClass");
      g_autofree char *entry_seed = NULL;
      g_autofree char *entry_id = NULL;
      g_autofree char *folder_seed = NULL;
      g_autofree char *folder_id = NULL;
      gboolean known = FALSE;
      double days;

      if (subject == NULL || folder == NULL || path == NULL)
        return invalid_seed (error, "a recoverable item of %s needs Subject, SourceFolder and LastParentPath", upn);

      for (guint f = 0; f < G_N_ELEMENTS (source_folders); f++)
        known |= g_str_equal (folder, source_folders[f]);
      if (!known)
        return invalid_seed (error, "“%s” is not a recoverable items folder", folder);

      days = json_object_get_double_member_with_default (item, "DaysAgo", 1.0);
      if (days < 0 || days > 3650)
        return invalid_seed (error, "DaysAgo of “%s” is out of range", subject);

      /* EntryID and FolderID values look like the service's: long hex. */
      entry_seed = g_strdup_printf ("%s/%u/%s", upn, i, subject);
      entry_id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, entry_seed, -1);
      folder_seed = g_strdup_printf ("%s/%s", upn, path);
      folder_id = g_compute_checksum_for_string (G_CHECKSUM_SHA1, folder_seed, -1);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, mailbox_id);
      sqlite3_bind_text (stmt, 2, g_ascii_strup (entry_id, -1), -1, g_free);
      sqlite3_bind_text (stmt, 3, subject, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, item_class ? item_class : "IPM.Note", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, folder, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, path, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, g_ascii_strup (folder_id, -1), -1, g_free);
      sqlite3_bind_int64 (stmt, 8, now - (gint64)(days * 86400));

      if (sqlite3_step (stmt) != SQLITE_DONE)
        return emu_state_fail (state, error);
    }

  return TRUE;
}

static gboolean
seed_mailboxes (EmuState    *state,
                JsonArray   *mailboxes,
                const char  *organization,
                gint64       now,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = emu_state_prepare (state,
                            "INSERT INTO mailboxes (guid, external_id, upn, alias, name, display_name, "
                            "primary_smtp, type, litigation_hold, audit_enabled, audit_log_age_limit, "
                            "audit_admin, audit_delegate, audit_owner, default_audit_set, "
                            "when_created, when_changed) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                            error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; mailboxes != NULL && i < json_array_get_length (mailboxes); i++)
    {
      JsonNode *node = json_array_get_element (mailboxes, i);
      JsonObject *mailbox;
      JsonArray *items;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid_seed (error, "mailbox %u is not an object", i + 1);

      mailbox = json_node_get_object (node);
      if (!insert_mailbox (state, stmt, mailbox, organization, now, i, error))
        return FALSE;

      items = get_array (mailbox, "RecoverableItems");
      if (items != NULL &&
          !insert_items (state, sqlite3_last_insert_rowid (state->db),
                         get_string (mailbox, "UserPrincipalName"), items, now, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
seed_domains (EmuState    *state,
              JsonArray   *domains,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = emu_state_prepare (state,
                            "INSERT INTO accepted_domains (guid, name, domain_type, is_default, initial) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)",
                            error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; domains != NULL && i < json_array_get_length (domains); i++)
    {
      JsonNode *node = json_array_get_element (domains, i);
      JsonObject *domain = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = get_string (domain, "DomainName");
      g_autofree char *guid = NULL;

      if (name == NULL)
        return invalid_seed (error, "accepted domain %u has no DomainName", i + 1);

      guid = emu_stable_guid (name);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, get_string (domain, "DomainType") ?: "Authoritative", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, get_bool (domain, "Default", FALSE));
      sqlite3_bind_int (stmt, 5, get_bool (domain, "InitialDomain", FALSE));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return emu_state_fail (state, error);
    }

  return TRUE;
}

static gboolean
seed_roles (EmuState    *state,
            JsonArray   *roles,
            gint64       now,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = emu_state_prepare (state,
                            "INSERT INTO role_assignments (guid, name, role, assignee, assignee_type, "
                            "delegation, effective_users, when_created) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      JsonNode *node = json_array_get_element (roles, i);
      JsonObject *role = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = get_string (role, "Name");
      const char *role_name = get_string (role, "Role");
      const char *assignee = get_string (role, "RoleAssignee");
      g_autofree char *guid = NULL;
      g_autofree char *users = NULL;

      if (name == NULL || role_name == NULL || assignee == NULL)
        return invalid_seed (error, "role assignment %u needs Name, Role and RoleAssignee", i + 1);

      guid = emu_stable_guid (name);
      users = join_list (get_array (role, "EffectiveUsers"));
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, role_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, assignee, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, get_string (role, "RoleAssigneeType") ?: "User", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, get_string (role, "RoleAssignmentDelegationType") ?: "Regular", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, users, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 8, now - 400 * 86400);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return emu_state_fail (state, error);
    }

  return TRUE;
}

/* Connectors are created the way a client creates them, through
 * New-InboundConnector, so a seed gets the same checks and shape. */
static gboolean
seed_connectors (EmuState    *state,
                 JsonArray   *connectors,
                 const char  *admin,
                 GError     **error)
{
  for (guint i = 0; connectors != NULL && i < json_array_get_length (connectors); i++)
    {
      JsonNode *node = json_array_get_element (connectors, i);
      g_autoptr(EmuError) failure = NULL;
      g_autoptr(JsonArray) values = json_array_new ();
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      EmuInvocation inv = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid_seed (error, "connector %u is not an object", i + 1);

      inv.state = state;
      inv.cmdlet = "New-InboundConnector";
      inv.parameters = json_node_get_object (node);
      inv.caller = admin;
      inv.page_size = 1000;
      inv.values = values;
      inv.warnings = warnings;

      if (!emu_cmdlet_run (&inv, &failure))
        return invalid_seed (error, "connector %u: %s", i + 1, failure->message);
    }

  return TRUE;
}

/**
 * emu_state_seed:
 * @seed: the tenant as JSON (data/demo-tenant.json shows the shape)
 *
 * Replaces everything in the tenant with @seed. Times in the seed are
 * relative ("DaysAgo"), so the tenant looks recent whenever it is made.
 */
gboolean
emu_state_seed (EmuState  *state,
                JsonNode  *seed,
                GError   **error)
{
  JsonObject *root;
  JsonObject *tenant;
  JsonObject *transport;
  JsonObject *organization_config;
  gboolean audit_disabled;
  const char *tenant_id;
  const char *organization;
  const char *admin;
  const char *expiration;
  gint64 expiration_s = 86400;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *expiration_text = NULL;
  g_autofree char *dns = NULL;

  if (seed == NULL || !JSON_NODE_HOLDS_OBJECT (seed))
    return invalid_seed (error, "not a JSON object");

  root = json_node_get_object (seed);
  tenant = json_object_get_member (root, "Tenant") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "Tenant"))
           ? json_object_get_object_member (root, "Tenant") : NULL;
  tenant_id = get_string (tenant, "Id");
  organization = get_string (tenant, "Organization");
  admin = get_string (tenant, "Admin");

  if (tenant_id == NULL || !g_uuid_string_is_valid (tenant_id) || organization == NULL ||
      admin == NULL || strchr (admin, '@') == NULL)
    return invalid_seed (error, "“Tenant” needs Id (a GUID), Organization and Admin (an address)");

  transport = json_object_get_member (root, "TransportConfig") &&
              JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "TransportConfig"))
              ? json_object_get_object_member (root, "TransportConfig") : NULL;
  expiration = get_string (transport, "MessageExpiration");
  if (expiration != NULL && !emu_time_span_parse (expiration, &expiration_s))
    return invalid_seed (error, "MessageExpiration “%s” is not a time span", expiration);

  /* Mailbox auditing on by default: on unless the seed turns it off. */
  organization_config = json_object_get_member (root, "OrganizationConfig") &&
                        JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "OrganizationConfig"))
                        ? json_object_get_object_member (root, "OrganizationConfig") : NULL;
  audit_disabled = organization_config != NULL && get_bool (organization_config, "AuditDisabled", FALSE);

  if (!emu_state_exec (state,
                       "BEGIN IMMEDIATE;"
                       "DELETE FROM restored_items; DELETE FROM recoverable_items; DELETE FROM audit_bypass;"
                       "DELETE FROM mailboxes;"
                       "DELETE FROM connectors; DELETE FROM accepted_domains; DELETE FROM role_assignments;"
                       "DELETE FROM message_trace_events; DELETE FROM message_traces;"
                       "DELETE FROM meta;",
                       error))
    return FALSE;

  expiration_text = g_strdup_printf ("%" G_GINT64_FORMAT, expiration_s);
  if (json_object_has_member (root, "Dns"))
    dns = json_to_string (json_object_get_member (root, "Dns"), FALSE);

  if (!emu_state_set_meta (state, "organization", organization, error) ||
      !emu_state_set_meta (state, "admin", admin, error) ||
      !emu_state_set_meta (state, "message_expiration", expiration_text, error) ||
      !emu_state_set_meta (state, "audit_disabled", audit_disabled ? "1" : "0", error) ||
      (dns != NULL && !emu_state_set_meta (state, "dns", dns, error)) ||
      !seed_domains (state, get_array (root, "AcceptedDomains"), error) ||
      !seed_roles (state, get_array (root, "RoleAssignments"), now, error) ||
      !seed_mailboxes (state, get_array (root, "Mailboxes"), organization, now, error) ||
      !seed_connectors (state, get_array (root, "InboundConnectors"), admin, error) ||
      !emu_trace_seed (state, get_object (root, "MessageTrace"), error) ||
      /* Last: a tenant id marks a finished seed. */
      !emu_state_set_meta (state, "tenant_id", tenant_id, error) ||
      !emu_state_exec (state, "COMMIT", error))
    {
      sqlite3_exec (state->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/**
 * emu_state_generate_mailboxes:
 *
 * Adds @count mailboxes for scale, with the spread of audit settings a
 * large tenant has: most on the defaults, some customised, some with
 * MessageBind, some without MailItemsAccessed.
 */
gboolean
emu_state_generate_mailboxes (EmuState  *state,
                              guint      count,
                              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *organization = emu_state_get_meta (state, "organization");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 base;

  if (organization == NULL)
    return invalid_seed (error, "the tenant has not been seeded");

  if (!emu_state_exec (state, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = emu_state_prepare (state, "SELECT coalesce(max(id), 0) FROM mailboxes", error);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    goto fail;
  base = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = emu_state_prepare (state,
                            "INSERT INTO mailboxes (guid, external_id, upn, alias, name, display_name, "
                            "primary_smtp, type, audit_admin, audit_delegate, audit_owner, "
                            "default_audit_set, when_created, when_changed) "
                            "VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?3, 'UserMailbox', ?6, ?7, ?8, ?9, ?10, ?10)",
                            error);
  if (stmt == NULL)
    goto fail;

  for (guint i = 0; i < count; i++)
    {
      gint64 n = base + i + 1;
      g_autofree char *alias = g_strdup_printf ("user%06" G_GINT64_FORMAT, n);
      g_autofree char *upn = g_strdup_printf ("%s@%s", alias, organization);
      g_autofree char *display = g_strdup_printf ("User %06" G_GINT64_FORMAT, n);
      char guid[37], external[37];
      const char *admin = emu_default_audit_actions ("Admin");
      const char *delegate = emu_default_audit_actions ("Delegate");
      const char *owner = emu_default_audit_actions ("Owner");
      const char *set = "Admin,Delegate,Owner";

      /* Cheap unique GUIDs: a hash per row would dominate the time. */
      g_snprintf (guid, sizeof guid, "%08x-0000-4000-8000-%012" G_GINT64_MODIFIER "x", (guint)(n * 2654435761u), n);
      g_snprintf (external, sizeof external, "%08x-0000-4000-9000-%012" G_GINT64_MODIFIER "x", (guint)(n * 40503u), n);

      switch (n % 10)
        {
        case 3:
          owner = "ApplyRecord,HardDelete,MoveToDeletedItems,SoftDelete,Update,UpdateCalendarDelegation,"
                  "UpdateFolderPermissions,UpdateInboxRules";
          set = "Admin,Delegate";
          break;
        case 7:
          owner = "ApplyRecord,HardDelete,MailItemsAccessed,MessageBind,MoveToDeletedItems,Send,SoftDelete,"
                  "Update,UpdateCalendarDelegation,UpdateFolderPermissions,UpdateInboxRules";
          set = "Admin,Delegate";
          break;
        default:
          break;
        }

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, external, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, upn, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, alias, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, display, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, admin, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, delegate, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, owner, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, set, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 10, now - (n % 400) * 86400);

      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          emu_state_fail (state, error);
          goto fail;
        }
    }

  return emu_state_exec (state, "COMMIT", error);

fail:
  sqlite3_exec (state->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
