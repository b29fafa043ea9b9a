/* kanri-emulator.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-emulator"

#include "config.h"

#include <string.h>

#include "kanri-emulator-private.h"
#include "kanri-emulator-resources.h"

/* An Exchange Online emulator: InvokeCommand and the device code sign-in
 * on a libsoup server bound to loopback, over its own SQLite tenant
 * (ARCHITECTURE.md "Exchange Online emulator"). The demo tenant, the
 * tests and fault injection use it. */

#define RESOURCE_SEED "/io/github/kanri/Kanri/emulator/demo-tenant.json"

/* The service's largest page, and the default without a Prefer header. */
#define MAX_PAGE_SIZE 1000

#define MAX_REQUEST_SIZE (16 * 1024 * 1024)
#define MAX_SEED_SIZE (64 * 1024 * 1024)

/* Bodies smaller than this are not worth compressing. */
#define GZIP_THRESHOLD 1024

G_DEFINE_FINAL_TYPE (KanriEmulator, kanri_emulator, G_TYPE_OBJECT)
G_DEFINE_QUARK (kanri-emulator-error-quark, kanri_emulator_error)

static void
request_free (KanriEmulatorRequest *request)
{
  g_free (request->cmdlet);
  g_free (request->parameters);
  g_free (request->fault);
  g_free (request);
}

static void
kanri_emulator_finalize (GObject *object)
{
  KanriEmulator *self = (KanriEmulator *)object;

  kanri_emulator_stop (self);
  g_clear_pointer (&self->state, emu_state_free);
  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->organization, g_free);
  g_clear_pointer (&self->admin_upn, g_free);
  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->access_tokens, g_hash_table_unref);
  g_clear_pointer (&self->refresh_tokens, g_hash_table_unref);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->device_codes, g_ptr_array_unref);
  g_clear_pointer (&self->slow_replies, g_ptr_array_unref);

  G_OBJECT_CLASS (kanri_emulator_parent_class)->finalize (object);
}

static void
kanri_emulator_class_init (KanriEmulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_emulator_finalize;
}

static void
kanri_emulator_init (KanriEmulator *self)
{
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify)emu_fault_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify)request_free);
  self->device_codes = g_ptr_array_new_with_free_func ((GDestroyNotify)emu_device_code_free);
  self->slow_replies = g_ptr_array_new ();
  /* RFC 8628 section 3.2's default interval; 15 minutes, as the identity
   * platform gives. */
  self->device_interval = 5;
  self->device_expires_in = 900;
}

/**
 * kanri_emulator_default_demo_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/kanri/demo-tenant.db`, the
 *   demo tenant the app and `kanri-cli invoke --demo` share
 */
char *
kanri_emulator_default_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "kanri", "demo-tenant.db", NULL);
}

/**
 * kanri_emulator_get_demo_seed:
 *
 * Returns: (transfer full): data/demo-tenant.json, built in
 */
GBytes *
kanri_emulator_get_demo_seed (void)
{
  return g_resource_lookup_data (kanri_emulator_get_resource (), RESOURCE_SEED,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static void
load_identity (KanriEmulator *self)
{
  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->organization, g_free);
  g_clear_pointer (&self->admin_upn, g_free);
  g_clear_pointer (&self->access_token, g_free);

  self->tenant_id = emu_state_get_meta (self->state, "tenant_id");
  self->organization = emu_state_get_meta (self->state, "organization");
  self->admin_upn = emu_state_get_meta (self->state, "admin");

  if (self->tenant_id != NULL && self->admin_upn != NULL)
    self->access_token = emu_make_token (self->tenant_id, self->admin_upn, "https://outlook.office365.com",
                                         G_MAXINT32);
}

/**
 * kanri_emulator_new:
 * @state_path: (nullable): the tenant file (created if missing), or %NULL
 *   for a tenant that lives in memory
 *
 * Returns: (transfer full) (nullable): the emulator, not yet seeded if the
 *   file is new
 */
KanriEmulator *
kanri_emulator_new (const char  *state_path,
                    GError     **error)
{
  g_autoptr(KanriEmulator) self = g_object_new (KANRI_TYPE_EMULATOR, NULL);

  self->state = emu_state_open (state_path, error);
  if (self->state == NULL)
    return NULL;

  load_identity (self);
  return g_steal_pointer (&self);
}

/**
 * kanri_emulator_new_demo:
 * @state_path: (nullable): the demo tenant's file
 *   (kanri_emulator_default_demo_path()), seeded from the built-in seed
 *   the first time
 *
 * Returns: (transfer full) (nullable): the demo tenant's emulator
 */
KanriEmulator *
kanri_emulator_new_demo (const char  *state_path,
                         GError     **error)
{
  g_autoptr(KanriEmulator) self = kanri_emulator_new (state_path, error);

  if (self == NULL)
    return NULL;

  if (!kanri_emulator_is_seeded (self) && !kanri_emulator_seed (self, NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
kanri_emulator_is_seeded (KanriEmulator *self)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);

  return emu_state_is_seeded (self->state);
}

/**
 * kanri_emulator_seed:
 * @seed_path: (nullable): a seed file shaped like data/demo-tenant.json,
 *   or %NULL for the built-in demo tenant
 *
 * Replaces the whole tenant: this is also how the demo tenant is reset.
 */
gboolean
kanri_emulator_seed (KanriEmulator  *self,
                     const char     *seed_path,
                     GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);

  if (seed_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (seed_path);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, error);

      if (info == NULL)
        return FALSE;
      if (g_file_info_get_size (info) > MAX_SEED_SIZE)
        {
          g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_SEED,
                       "The seed “%s” is larger than %d MiB", seed_path, MAX_SEED_SIZE / (1024 * 1024));
          return FALSE;
        }
      bytes = g_file_load_bytes (file, NULL, NULL, error);
      if (bytes == NULL)
        return FALSE;
    }
  else
    bytes = kanri_emulator_get_demo_seed ();

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local_error))
    {
      g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_SEED,
                   "Invalid tenant seed: %s", local_error->message);
      return FALSE;
    }

  if (!emu_state_seed (self->state, json_parser_get_root (parser), error))
    return FALSE;

  load_identity (self);
  return TRUE;
}

/**
 * kanri_emulator_generate_mailboxes:
 *
 * Adds @count mailboxes (user000051@…) with a realistic spread of audit
 * settings, for scale.
 */
gboolean
kanri_emulator_generate_mailboxes (KanriEmulator  *self,
                                   guint           count,
                                   GError        **error)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);

  return emu_state_generate_mailboxes (self->state, count, error);
}

const char *
kanri_emulator_get_base_url (KanriEmulator *self)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), NULL);

  return self->base_url;
}

/**
 * kanri_emulator_dup_invoke_url:
 *
 * Returns: (transfer full) (nullable): `{base}/adminapi/beta/{tenant}/InvokeCommand`,
 *   or %NULL when not started
 */
char *
kanri_emulator_dup_invoke_url (KanriEmulator *self)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), NULL);

  if (self->base_url == NULL || self->tenant_id == NULL)
    return NULL;

  return g_strdup_printf ("%s/adminapi/beta/%s/InvokeCommand", self->base_url, self->tenant_id);
}

const char *
kanri_emulator_get_tenant_id (KanriEmulator *self)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), NULL);

  return self->tenant_id;
}

const char *
kanri_emulator_get_admin_upn (KanriEmulator *self)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), NULL);

  return self->admin_upn;
}

/**
 * kanri_emulator_get_access_token:
 *
 * Returns: a token for the tenant's admin that the emulator accepts
 *   without a sign-in (the demo tenant's), until
 *   kanri_emulator_revoke_access_tokens()
 */
const char *
kanri_emulator_get_access_token (KanriEmulator *self)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), NULL);

  return self->access_token;
}

/**
 * kanri_emulator_dup_dns_zone:
 *
 * Returns: (transfer full) (nullable): the seed's "Dns" zone (the
 *   offline DNS of PRODUCT.md "Command line companion") for the tenant's
 *   domains, as JSON
 */
char *
kanri_emulator_dup_dns_zone (KanriEmulator *self)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), NULL);

  return emu_state_get_meta (self->state, "dns");
}

/* The request log ---------------------------------------------------------- */

void
emu_log_request (KanriEmulator *self,
                 const char    *cmdlet,
                 const char    *parameters,
                 guint          status,
                 gboolean       applied,
                 const char    *fault)
{
  KanriEmulatorRequest *request = g_new0 (KanriEmulatorRequest, 1);

  request->cmdlet = g_strdup (cmdlet);
  request->parameters = g_strdup (parameters);
  request->status = status;
  request->applied = applied;
  request->fault = g_strdup (fault);
  request->time = g_get_monotonic_time ();
  g_ptr_array_add (self->requests, request);
}

/**
 * kanri_emulator_get_requests:
 *
 * Returns: (transfer none) (element-type KanriEmulatorRequest): every
 *   request since the start or the last clear, oldest first
 */
GPtrArray *
kanri_emulator_get_requests (KanriEmulator *self)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), NULL);

  return self->requests;
}

/**
 * kanri_emulator_count_applied:
 * @cmdlet: (nullable): a cmdlet, or %NULL for all
 *
 * Returns: how many requests changed the tenant: the proof that nothing
 *   was applied twice
 */
guint
kanri_emulator_count_applied (KanriEmulator *self,
                              const char    *cmdlet)
{
  guint n = 0;

  g_return_val_if_fail (KANRI_IS_EMULATOR (self), 0);

  for (guint i = 0; i < self->requests->len; i++)
    {
      KanriEmulatorRequest *request = g_ptr_array_index (self->requests, i);

      if (request->applied && (cmdlet == NULL || g_ascii_strcasecmp (cmdlet, request->cmdlet) == 0))
        n++;
    }

  return n;
}

void
kanri_emulator_clear_requests (KanriEmulator *self)
{
  g_return_if_fail (KANRI_IS_EMULATOR (self));

  g_ptr_array_set_size (self->requests, 0);
}

/* Faults and controls --------------------------------------------------------- */

/**
 * kanri_emulator_add_fault:
 * @spec: `KIND[,key=value…]`: see kanri-emulator-faults.c
 *
 * Faults are tried in the order added; the first that strikes a request
 * decides its fate.
 */
gboolean
kanri_emulator_add_fault (KanriEmulator  *self,
                          const char     *spec,
                          GError        **error)
{
  EmuFault *fault;

  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  fault = emu_fault_parse (spec, error);
  if (fault == NULL)
    return FALSE;

  g_ptr_array_add (self->faults, fault);
  return TRUE;
}

void
kanri_emulator_clear_faults (KanriEmulator *self)
{
  g_return_if_fail (KANRI_IS_EMULATOR (self));

  g_ptr_array_set_size (self->faults, 0);
}

/**
 * kanri_emulator_set_role_assigned:
 *
 * Grants (a Regular assignment to the admin) or revokes the Mailbox Import
 * Export role that Get- and Restore-RecoverableItems need.
 */
gboolean
kanri_emulator_set_role_assigned (KanriEmulator  *self,
                                  gboolean        assigned,
                                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);

  if (!emu_state_exec (self->state,
                       "DELETE FROM role_assignments WHERE role = 'Mailbox Import Export' "
                       "AND delegation = 'Regular'",
                       error))
    return FALSE;

  if (!assigned)
    return TRUE;

  stmt = emu_state_prepare (self->state,
                            "INSERT INTO role_assignments (guid, name, role, assignee, assignee_type, delegation, "
                            "effective_users, when_created) VALUES (?1, ?2, 'Mailbox Import Export', ?3, 'User', "
                            "'Regular', ?3, ?4)",
                            error);
  if (stmt == NULL)
    return FALSE;

  {
    g_autofree char *guid = g_uuid_string_random ();
    g_autofree char *local = g_strndup (self->admin_upn, strcspn (self->admin_upn, "@"));
    g_autofree char *name = g_strdup_printf ("Mailbox Import Export-%s", local);

    sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, self->admin_upn, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      return emu_state_fail (self->state, error);
  }

  return TRUE;
}

gboolean
kanri_emulator_get_role_assigned (KanriEmulator *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);

  stmt = emu_state_prepare (self->state,
                            "SELECT 1 FROM role_assignments WHERE role = 'Mailbox Import Export' "
                            "AND delegation = 'Regular' AND (assignee = ?1 COLLATE NOCASE "
                            "OR ',' || effective_users || ',' LIKE '%,' || ?1 || ',%')",
                            NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, self->admin_upn, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * kanri_emulator_revoke_access_tokens:
 *
 * Every access token stops working (the next request gets 401); refresh
 * tokens still work, and a new fixed token replaces the old one.
 */
void
kanri_emulator_revoke_access_tokens (KanriEmulator *self)
{
  g_return_if_fail (KANRI_IS_EMULATOR (self));

  g_hash_table_remove_all (self->access_tokens);
  g_clear_pointer (&self->access_token, g_free);
  self->access_token = emu_make_token (self->tenant_id, self->admin_upn, "https://outlook.office365.com",
                                       G_MAXINT32);
}

/**
 * kanri_emulator_set_trace_clock:
 * @unix_time: the time message trace's limits count from (90 days kept,
 *   the default 48 hours), in Unix seconds; 0 for real time
 *
 * The demo seed pins this clock near its sample messages (MessageTrace.Now).
 */
gboolean
kanri_emulator_set_trace_clock (KanriEmulator  *self,
                                gint64          unix_time,
                                GError        **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);
  g_return_val_if_fail (unix_time >= 0, FALSE);

  if (unix_time == 0)
    return emu_state_exec (self->state, "DELETE FROM meta WHERE key = 'trace_now'", error);

  text = g_strdup_printf ("%" G_GINT64_FORMAT, unix_time);
  return emu_state_set_meta (self->state, "trace_now", text, error);
}

/**
 * kanri_emulator_deliver:
 * @message_id: the Message-ID, as the header has it (with its angle brackets)
 * @status: the outcome, a Get-MessageTraceV2 Status: Delivered,
 *   FilteredAsSpam, Quarantined, Failed, Pending…
 * @received_unix_ms: when the service received it, Unix milliseconds
 *
 * Records that the tenant handled a message for @recipient: a row for
 * Get-MessageTraceV2 and the events the outcome implies for
 * Get-MessageTraceDetailV2 (Receive, the spam filter's verdict, then
 * Deliver, Fail or Defer).
 */
gboolean
kanri_emulator_deliver (KanriEmulator  *self,
                        const char     *message_id,
                        const char     *sender,
                        const char     *recipient,
                        const char     *subject,
                        const char     *status,
                        gint64          received_unix_ms,
                        GError        **error)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);

  return emu_trace_record (self->state, message_id, sender, recipient, subject, status, NULL,
                           received_unix_ms, NULL, error);
}

/**
 * kanri_emulator_count_restored:
 * @mailbox: the mailbox's user principal name
 * @folder: (nullable): only items restored to this folder
 *
 * Returns: how many items Restore-RecoverableItems put back
 */
guint
kanri_emulator_count_restored (KanriEmulator *self,
                               const char    *mailbox,
                               const char    *folder)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KANRI_IS_EMULATOR (self), 0);
  g_return_val_if_fail (mailbox != NULL, 0);

  stmt = emu_state_prepare (self->state,
                            "SELECT count(*) FROM restored_items r JOIN mailboxes m ON m.id = r.mailbox_id "
                            "WHERE m.upn = ?1 AND (?2 IS NULL OR r.folder = ?2)",
                            NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, mailbox, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, folder, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return (guint)sqlite3_column_int (stmt, 0);
}

/**
 * kanri_emulator_set_device_code_timing:
 * @interval: the polling interval the device code endpoint names, in s
 * @expires_in: how long a device code lives, in s
 */
void
kanri_emulator_set_device_code_timing (KanriEmulator *self,
                                       guint          interval,
                                       guint          expires_in)
{
  g_return_if_fail (KANRI_IS_EMULATOR (self));

  self->device_interval = interval;
  self->device_expires_in = expires_in;
}

/**
 * kanri_emulator_set_auto_approve:
 *
 * Approves each device code at its first poll, as if the user signed in
 * at once (for `kanri-emulator --auto-approve`).
 */
void
kanri_emulator_set_auto_approve (KanriEmulator *self,
                                 gboolean       auto_approve)
{
  g_return_if_fail (KANRI_IS_EMULATOR (self));

  self->auto_approve = auto_approve;
}

/**
 * kanri_emulator_get_pending_user_code:
 *
 * Returns: (nullable): the newest user code still waiting for the user
 */
const char *
kanri_emulator_get_pending_user_code (KanriEmulator *self)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), NULL);

  for (guint i = self->device_codes->len; i > 0; i--)
    {
      EmuDeviceCode *code = g_ptr_array_index (self->device_codes, i - 1);

      if (code->state == EMU_CODE_PENDING)
        return code->user_code;
    }

  return NULL;
}

static gboolean
settle_code (KanriEmulator *self,
             const char    *user_code,
             EmuCodeState   state)
{
  for (guint i = self->device_codes->len; i > 0; i--)
    {
      EmuDeviceCode *code = g_ptr_array_index (self->device_codes, i - 1);

      if (code->state != EMU_CODE_PENDING)
        continue;
      if (user_code != NULL && g_ascii_strcasecmp (code->user_code, user_code) != 0)
        continue;

      code->state = state;
      return TRUE;
    }

  return FALSE;
}

/**
 * kanri_emulator_approve_device_code:
 * @user_code: (nullable): the code, or %NULL for the newest pending one
 *
 * Returns: whether a pending code was approved
 */
gboolean
kanri_emulator_approve_device_code (KanriEmulator *self,
                                    const char    *user_code)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);

  return settle_code (self, user_code, EMU_CODE_APPROVED);
}

gboolean
kanri_emulator_decline_device_code (KanriEmulator *self,
                                    const char    *user_code)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);

  return settle_code (self, user_code, EMU_CODE_DECLINED);
}

gboolean
kanri_emulator_expire_device_code (KanriEmulator *self,
                                   const char    *user_code)
{
  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);

  return settle_code (self, user_code, EMU_CODE_EXPIRED);
}

/**
 * kanri_emulator_set_slow_down:
 * @polls: how many of the next token polls answer slow_down
 */
void
kanri_emulator_set_slow_down (KanriEmulator *self,
                              guint          polls)
{
  g_return_if_fail (KANRI_IS_EMULATOR (self));

  self->slow_down = polls;
}

/* InvokeCommand ------------------------------------------------------------ */

typedef struct
{
  KanriEmulator     *self;
  SoupServerMessage *message;
  char              *cmdlet;
  JsonObject        *parameters;
  char              *parameters_json;
  char              *body_hash;
  char              *context;
  guint              offset;
  gint64             after;
  guint              page_size;
  gboolean           gzip;
  /* Only valid while the request is handled synchronously: the fault may
   * be cleared while a slow reply waits, so what a delayed reply needs is
   * copied below. */
  EmuFault          *fault;
  EmuFaultKind       fault_kind;
  char              *fault_spec;
} Request;

static void
request_clear (Request *request)
{
  g_clear_object (&request->message);
  g_clear_pointer (&request->cmdlet, g_free);
  g_clear_pointer (&request->parameters, json_object_unref);
  g_clear_pointer (&request->parameters_json, g_free);
  g_clear_pointer (&request->body_hash, g_free);
  g_clear_pointer (&request->context, g_free);
  g_clear_pointer (&request->fault_spec, g_free);
}

static void
request_free_full (Request *request)
{
  request_clear (request);
  g_free (request);
}

static GBytes *
gzip_bytes (GBytes *plain)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) stream = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  if (!g_output_stream_write_all (stream, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                                  NULL, NULL, NULL) ||
      !g_output_stream_close (stream, NULL, NULL))
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
set_body (Request    *request,
          guint       status,
          char       *text,
          gboolean    lie_about_gzip)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->message);
  g_autoptr(GBytes) plain = g_bytes_new_take (text, strlen (text));
  g_autoptr(GBytes) packed = NULL;

  soup_server_message_set_status (request->message, status, NULL);
  soup_message_headers_replace (headers, "Content-Type",
                                "application/json;odata.metadata=minimal;odata.streaming=true;"
                                "IEEE754Compatible=false;charset=utf-8");

  /* What the gzip-lie fault reproduces: an error body marked gzip that
   * is not. */
  if (lie_about_gzip)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  else if (request->gzip && g_bytes_get_size (plain) >= GZIP_THRESHOLD &&
           (packed = gzip_bytes (plain)) != NULL)
    {
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_message_body_append_bytes (soup_server_message_get_response_body (request->message), packed);
      return;
    }

  soup_message_body_append_bytes (soup_server_message_get_response_body (request->message), plain);
}

static void
respond_error (Request        *request,
               const EmuError *error,
               gboolean        lie_about_gzip)
{
  set_body (request, error->status, emu_error_to_json (error), lie_about_gzip);
}

static void
add_rate_headers (Request *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->message);

  for (guint i = 0; i < request->self->faults->len; i++)
    {
      EmuFault *fault = g_ptr_array_index (request->self->faults, i);
      g_autofree char *limit = NULL;
      g_autofree char *remaining = NULL;

      if (emu_fault_get_kind (fault) != EMU_FAULT_RATE)
        continue;

      limit = g_strdup_printf ("%u", emu_fault_get_value (fault));
      remaining = g_strdup_printf ("%u", emu_fault_rate_remaining (fault));
      soup_message_headers_replace (headers, "Rate-Limit-Limit", limit);
      soup_message_headers_replace (headers, "Rate-Limit-Remaining", remaining);
      soup_message_headers_replace (headers, "Rate-Limit-Reset", "1");
      return;
    }
}

/* The skip token names where the next page starts (how many objects were
 * sent, and the last mailbox id for keyset paging) and the request it
 * belongs to: a next link re-POSTed with another body is refused. */
static char *
make_next_link (Request *request,
                guint    offset,
                gint64   after)
{
  g_autofree char *token_text = g_strdup_printf ("%u:%" G_GINT64_FORMAT ":%s", offset, after, request->body_hash);
  g_autofree char *token = g_base64_encode ((const guchar *)token_text, strlen (token_text));
  g_autofree char *escaped = g_uri_escape_string (token, NULL, FALSE);

  return g_strdup_printf ("%s/adminapi/beta/%s/InvokeCommand?%%24skiptoken=%s",
                          request->self->base_url, request->self->tenant_id, escaped);
}

static gboolean
read_skip_token (Request     *request,
                 const char  *token,
                 EmuError   **error)
{
  gsize len = 0;
  g_autofree guchar *decoded = g_base64_decode (token, &len);
  g_autofree char *text = g_strndup ((const char *)decoded, len);
  g_auto(GStrv) parts = g_strsplit (text, ":", 3);
  guint64 offset, after;

  if (g_strv_length (parts) != 3 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT32, &offset, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &after, NULL) ||
      !g_str_equal (parts[2], request->body_hash))
    {
      *error = emu_error_new (400, "BadRequest", "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
                              "The skip token is not valid for this request.");
      return FALSE;
    }

  request->offset = (guint)offset;
  request->after = (gint64)after;
  return TRUE;
}

static void
on_truncated_written (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GIOStream *connection = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close (connection, NULL, NULL);
  g_object_unref (connection);
}

/* Takes the connection from libsoup: to close it without a reply, or to
 * send a reply that stops halfway. */
static void
break_connection (Request    *request,
                  const char *partial_body)
{
  GIOStream *connection = soup_server_message_steal_connection (request->message);

  if (connection == NULL)
    return;

  if (partial_body == NULL)
    {
      g_io_stream_close (connection, NULL, NULL);
      g_object_unref (connection);
      return;
    }

  {
    gsize full = strlen (partial_body);
    gsize half = full / 2;
    g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                             "Content-Type: application/json;charset=utf-8\r\n"
                                             "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                             "Connection: close\r\n\r\n",
                                             full);
    GBytes *bytes;
    GString *out = g_string_new (head);

    g_string_append_len (out, partial_body, half);
    bytes = g_string_free_to_bytes (out);
    g_output_stream_write_all_async (g_io_stream_get_output_stream (connection),
                                     g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     G_PRIORITY_DEFAULT, NULL, on_truncated_written, connection);
    /* The data outlives this function until the write is done. */
    g_object_set_data_full (G_OBJECT (connection), "kanri-emulator-data", bytes, (GDestroyNotify)g_bytes_unref);
  }
}

static char *
success_body (Request       *request,
              EmuInvocation *inv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonNode *values = json_node_new (JSON_NODE_ARRAY);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@odata.context");
  json_builder_add_string_value (builder, request->context);
  json_builder_set_member_name (builder, "@adminapi.warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < inv->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (inv->warnings, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "value");
  json_node_set_array (values, inv->values);
  json_builder_add_value (builder, values);
  if (inv->more)
    {
      g_autofree char *link = make_next_link (request, request->offset + json_array_get_length (inv->values),
                                              inv->next_after);

      json_builder_set_member_name (builder, "@odata.nextLink");
      json_builder_add_string_value (builder, link);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* How long a new role assignment takes to apply (a role-delay fault). */
static gint64
role_delay (KanriEmulator *self)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      EmuFault *fault = g_ptr_array_index (self->faults, i);

      if (emu_fault_get_kind (fault) == EMU_FAULT_ROLE_DELAY)
        return emu_fault_get_value (fault);
    }

  return 0;
}

/* The log line of a request whose cmdlet ran. */
static void
log_ran (Request  *request,
         guint     status,
         gboolean  applied)
{
  KanriEmulatorRequest *logged;

  emu_log_request (request->self, request->cmdlet, request->parameters_json, status, applied,
                   request->fault_spec);
  logged = g_ptr_array_index (request->self->requests, request->self->requests->len - 1);
  logged->ran = TRUE;
}

static void
finish_request (Request *request)
{
  KanriEmulator *self = request->self;
  EmuFaultKind kind = request->fault_kind;
  g_autoptr(EmuError) error = NULL;
  g_autoptr(JsonArray) values = json_array_new ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  EmuInvocation inv = { 0 };
  gboolean ok;

  inv.state = self->state;
  inv.cmdlet = request->cmdlet;
  inv.parameters = request->parameters;
  inv.caller = self->admin_upn;
  inv.offset = request->offset;
  inv.after = request->after;
  inv.page_size = request->page_size;
  inv.role_delay = role_delay (self);
  inv.values = values;
  inv.warnings = warnings;

  ok = emu_cmdlet_run (&inv, &error);

  if (kind == EMU_FAULT_DROP_AFTER)
    {
      log_ran (request, 0, inv.applied);
      break_connection (request, NULL);
      return;
    }

  if (!ok)
    {
      log_ran (request, error->status, FALSE);
      respond_error (request, error, kind == EMU_FAULT_GZIP_LIE);
      return;
    }

  body = success_body (request, &inv);
  log_ran (request, kind == EMU_FAULT_TRUNCATE ? 0 : 200, inv.applied);

  if (kind == EMU_FAULT_TRUNCATE)
    {
      break_connection (request, body);
      return;
    }

  if (kind == EMU_FAULT_MALFORMED)
    {
      /* Complete, well framed, and not JSON. */
      body[strlen (body) / 2] = '\0';
      set_body (request, 200, g_strconcat (body, "\"}]", NULL), FALSE);
      return;
    }

  add_rate_headers (request);
  set_body (request, 200, g_steal_pointer (&body), FALSE);
}

static gboolean
on_slow_done (gpointer user_data)
{
  Request *request = user_data;

  g_ptr_array_remove (request->self->slow_replies, g_main_current_source ());
  finish_request (request);
  soup_server_message_unpause (request->message);
  return G_SOURCE_REMOVE;
}

static gboolean
authorized (KanriEmulator     *self,
            SoupServerMessage *message)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                     "Authorization");
  const char *token;
  gint64 *expires;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return FALSE;

  token = header + 7;
  if (self->access_token != NULL && g_str_equal (token, self->access_token))
    return TRUE;

  expires = g_hash_table_lookup (self->access_tokens, token);
  return expires != NULL && *expires > g_get_real_time () / G_USEC_PER_SEC;
}

static guint
page_size_from (SoupServerMessage *message)
{
  const char *prefer = soup_message_headers_get_list (soup_server_message_get_request_headers (message), "Prefer");
  const char *key;
  guint64 value;

  if (prefer == NULL || (key = strstr (prefer, "odata.maxpagesize=")) == NULL)
    return MAX_PAGE_SIZE;

  key += strlen ("odata.maxpagesize=");
  value = g_ascii_strtoull (key, NULL, 10);
  return value >= 1 ? (guint)MIN (value, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
}

static gboolean
parse_invoke_body (Request      *request,
                   GBytes       *bytes,
                   EmuError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *input;
  JsonNode *name;
  JsonNode *parameters;

  if (g_bytes_get_size (bytes) > MAX_REQUEST_SIZE ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      json_object_get_member (json_node_get_object (root), "CmdletInput") == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (root), "CmdletInput")))
    {
      *error = emu_error_new (400, "BadRequest", "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
                              "The request body must be {\"CmdletInput\":{\"CmdletName\":…,\"Parameters\":{…}}}.");
      return FALSE;
    }

  input = json_object_get_object_member (json_node_get_object (root), "CmdletInput");
  name = json_object_get_member (input, "CmdletName");
  parameters = json_object_get_member (input, "Parameters");

  if (name == NULL || !JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING ||
      (parameters != NULL && !JSON_NODE_HOLDS_OBJECT (parameters) && !JSON_NODE_HOLDS_NULL (parameters)))
    {
      *error = emu_error_new (400, "BadRequest", "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
                              "CmdletInput needs a CmdletName and an object of Parameters.");
      return FALSE;
    }

  request->cmdlet = g_strdup (json_node_get_string (name));
  request->parameters = parameters && JSON_NODE_HOLDS_OBJECT (parameters)
                        ? json_object_ref (json_node_get_object (parameters))
                        : json_object_new ();
  request->parameters_json = parameters ? json_to_string (parameters, FALSE) : g_strdup ("{}");
  request->body_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return TRUE;
}

static EmuFault *
striking_fault (KanriEmulator *self,
                const char    *cmdlet)
{
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < self->faults->len; i++)
    {
      EmuFault *fault = g_ptr_array_index (self->faults, i);

      if (emu_fault_matches (fault, cmdlet, now))
        return fault;
    }

  return NULL;
}

static void
respond_fault (Request *request)
{
  EmuFault *fault = request->fault;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->message);
  g_autoptr(EmuError) error = NULL;
  g_autofree char *retry_after = NULL;

  switch (emu_fault_get_kind (fault))
    {
    case EMU_FAULT_THROTTLE:
    case EMU_FAULT_RATE:
      retry_after = g_strdup_printf ("%u", emu_fault_get_kind (fault) == EMU_FAULT_RATE ? 1 : emu_fault_get_value (fault));
      if (g_strcmp0 (emu_fault_get_text (fault), "date") == 0)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          g_autoptr(GDateTime) then = g_date_time_add_seconds (now, emu_fault_get_value (fault));
          g_autofree char *date = soup_date_time_to_string (then, SOUP_DATE_HTTP);

          soup_message_headers_replace (headers, "Retry-After", date);
        }
      else
        soup_message_headers_replace (headers, "Retry-After", retry_after);
      add_rate_headers (request);
      error = emu_error_new (429, "TooManyRequests", "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
                             "Too many requests. Retry after %s seconds.", retry_after);
      break;

    case EMU_FAULT_UNAVAILABLE:
      error = emu_error_new (503, "ServiceUnavailable", "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
                             "The service is temporarily unavailable.");
      break;

    case EMU_FAULT_GATEWAY_TIMEOUT:
      error = emu_error_new (504, "GatewayTimeout", "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
                             "The gateway timed out.");
      break;

    case EMU_FAULT_TRANSIENT:
      error = emu_error_new (500, "InternalServerError",
                             emu_fault_get_text (fault),
                             "A transient server error occurred (%s). Try again later.", emu_fault_get_text (fault));
      break;

    case EMU_FAULT_REDIRECT:
      {
        g_autofree char *moved = g_strconcat (request->self->base_url, "/moved", NULL);
        const char *location = emu_fault_get_text (fault) != NULL ? emu_fault_get_text (fault) : moved;

        soup_message_headers_replace (headers, "Location", location);
        soup_server_message_set_status (request->message, emu_fault_get_value (fault), NULL);
        emu_log_request (request->self, request->cmdlet, request->parameters_json, emu_fault_get_value (fault),
                         FALSE, emu_fault_get_spec (fault));
        return;
      }

    case EMU_FAULT_REFUSED:
      /* As the service refuses a cmdlet in none of the caller's roles
       * (kanri-emulator-cmdlets.c, require_import_export). */
      error = emu_error_new (403, "Forbidden", "Microsoft.Exchange.Configuration.Tasks.CmdletAccessDeniedException",
                             "The user \"%s\" isn't assigned to any management roles that include the cmdlet "
                             "\"%s\".", request->self->admin_upn, request->cmdlet);
      break;

    case EMU_FAULT_UNAUTHORIZED:
    default:
      soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer");
      soup_server_message_set_status (request->message, 401, NULL);
      emu_log_request (request->self, request->cmdlet, request->parameters_json, 401, FALSE,
                       emu_fault_get_spec (fault));
      return;
    }

  emu_log_request (request->self, request->cmdlet, request->parameters_json, error->status, FALSE,
                   emu_fault_get_spec (fault));
  respond_error (request, error, FALSE);
}

static void
handle_invoke (KanriEmulator     *self,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EmuError) error = NULL;
  Request *request = g_new0 (Request, 1);
  const char *accept;
  const char *skip;
  EmuFaultKind kind;

  request->self = self;
  request->message = g_object_ref (message);

  /* /adminapi/beta/{tenant}/InvokeCommand */
  if (g_strv_length (parts) != 5 || !g_str_equal (parts[4], "InvokeCommand") ||
      (g_ascii_strcasecmp (parts[3], self->tenant_id) != 0 &&
       g_ascii_strcasecmp (parts[3], self->organization) != 0))
    {
      error = emu_error_new (404, "NotFound", "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
                             "The tenant or the resource was not found.");
      respond_error (request, error, FALSE);
      request_free_full (request);
      return;
    }

  if (!g_str_equal (soup_server_message_get_method (message), SOUP_METHOD_POST))
    {
      soup_server_message_set_status (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      request_free_full (request);
      return;
    }

  accept = soup_message_headers_get_list (soup_server_message_get_request_headers (message), "Accept-Encoding");
  request->gzip = accept != NULL && strstr (accept, "gzip") != NULL;
  request->page_size = page_size_from (message);
  request->context = g_strdup_printf ("%s/adminapi/beta/%s/$metadata#Collection(Exchange.GenericHashTable)",
                                      self->base_url, self->tenant_id);

  bytes = soup_message_body_flatten (soup_server_message_get_request_body (message));
  if (!parse_invoke_body (request, bytes, &error))
    {
      emu_log_request (self, "", NULL, error->status, FALSE, NULL);
      respond_error (request, error, FALSE);
      request_free_full (request);
      return;
    }

  request->fault = striking_fault (self, request->cmdlet);
  kind = request->fault_kind = request->fault ? emu_fault_get_kind (request->fault) : EMU_FAULT_NONE;
  request->fault_spec = request->fault ? g_strdup (emu_fault_get_spec (request->fault)) : NULL;

  if (kind == EMU_FAULT_DROP)
    {
      emu_log_request (self, request->cmdlet, request->parameters_json, 0, FALSE, emu_fault_get_spec (request->fault));
      break_connection (request, NULL);
      request_free_full (request);
      return;
    }

  if (kind == EMU_FAULT_THROTTLE || kind == EMU_FAULT_RATE || kind == EMU_FAULT_UNAVAILABLE ||
      kind == EMU_FAULT_GATEWAY_TIMEOUT || kind == EMU_FAULT_TRANSIENT || kind == EMU_FAULT_UNAUTHORIZED ||
      kind == EMU_FAULT_REDIRECT || kind == EMU_FAULT_REFUSED)
    {
      respond_fault (request);
      request_free_full (request);
      return;
    }

  if (!authorized (self, message))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message), "WWW-Authenticate", "Bearer");
      soup_server_message_set_status (message, 401, NULL);
      emu_log_request (self, request->cmdlet, request->parameters_json, 401, FALSE, NULL);
      request_free_full (request);
      return;
    }

  error = emu_anchor_check (self->state, self->tenant_id, self->organization,
                            soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                          "X-AnchorMailbox"));
  if (error != NULL)
    {
      emu_log_request (self, request->cmdlet, request->parameters_json, error->status, FALSE, NULL);
      respond_error (request, error, FALSE);
      request_free_full (request);
      return;
    }

  skip = query ? g_hash_table_lookup (query, "$skiptoken") : NULL;
  if (skip != NULL && !read_skip_token (request, skip, &error))
    {
      emu_log_request (self, request->cmdlet, request->parameters_json, error->status, FALSE, NULL);
      respond_error (request, error, FALSE);
      request_free_full (request);
      return;
    }

  if (kind == EMU_FAULT_SLOW)
    {
      GSource *source = g_timeout_source_new (emu_fault_get_value (request->fault));

      request->fault = NULL;
      soup_server_message_pause (message);
      g_source_set_callback (source, on_slow_done, request, (GDestroyNotify)request_free_full);
      g_source_attach (source, g_main_context_get_thread_default ());
      g_ptr_array_add (self->slow_replies, source);
      g_source_unref (source);
      return;
    }

  finish_request (request);
  request_free_full (request);
}

/* Where the redirect fault points by default: a page that answers any
 * method with an empty, successful result, as a portal on another host
 * might. A client that followed the redirect would call that success; the
 * request log shows that it came. */
static void
handle_moved (KanriEmulator     *self,
              SoupServerMessage *message)
{
  const char *method = soup_server_message_get_method (message);
  g_autofree char *line = g_strdup_printf ("%s /moved", method);
  const char *body = "{\"value\":[]}";

  emu_log_request (self, line, NULL, 200, FALSE, NULL);
  soup_server_message_set_status (message, 200, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Content-Type", "application/json");
  soup_message_body_append (soup_server_message_get_response_body (message), SOUP_MEMORY_STATIC,
                            body, strlen (body));
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  KanriEmulator *self = user_data;

  if (g_str_has_prefix (path, "/adminapi/beta/"))
    {
      handle_invoke (self, message, path, query);
      return;
    }

  if (emu_handle_oauth (self, message, path))
    return;

  if (g_str_equal (path, "/moved"))
    {
      handle_moved (self, message);
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

/**
 * kanri_emulator_start:
 * @port: a port, or 0 for any free one
 *
 * Listens on 127.0.0.1 only, on the thread-default main context.
 */
gboolean
kanri_emulator_start (KanriEmulator  *self,
                      guint           port,
                      GError        **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;
  g_autofree char *text = NULL;

  g_return_val_if_fail (KANRI_IS_EMULATOR (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  if (!kanri_emulator_is_seeded (self))
    {
      g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_SEED,
                   "The emulated tenant has not been seeded");
      return FALSE;
    }

  server = soup_server_new ("server-header", "Kanri-Emulator/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (server, NULL, on_request, self, NULL);

  /* Loopback only: the emulator is never reachable from the network. */
  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  text = uris ? g_uri_to_string (uris->data) : NULL;
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  if (text == NULL)
    {
      g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_FAILED, "The emulator has no address");
      return FALSE;
    }

  /* "http://127.0.0.1:PORT/" without the slash */
  if (g_str_has_suffix (text, "/"))
    text[strlen (text) - 1] = '\0';

  self->base_url = g_steal_pointer (&text);
  self->server = g_steal_pointer (&server);
  return TRUE;
}

void
kanri_emulator_stop (KanriEmulator *self)
{
  g_return_if_fail (KANRI_IS_EMULATOR (self));

  /* Replies still waiting on a slow fault are dropped with the server. */
  while (self->slow_replies->len > 0)
    g_source_destroy (g_ptr_array_steal_index (self->slow_replies, self->slow_replies->len - 1));

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  g_clear_pointer (&self->base_url, g_free);
}
