/* kanri-emulator-oauth.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-emulator-oauth"

#include "config.h"

#include <string.h>

#include "kanri-emulator-private.h"

/* The two endpoints of the OAuth 2.0 device authorization grant as the
 * Microsoft identity platform serves them ({tenant}/oauth2/v2.0/devicecode
 * and …/token, RFC 8628), the refresh grant, and a page where a person
 * (or a test) approves a code. Tokens are JWT-shaped but unsigned: the
 * client only reads their claims. */

#define ACCESS_TOKEN_LIFETIME_S 3600

/* RFC 8628 section 6.1: a user code people can type, without letters
 * that look alike. */
static const char user_code_alphabet[] = "BCDFGHJKLMNPQRSTVWXZ23456789";

void
emu_device_code_free (EmuDeviceCode *code)
{
  if (code == NULL)
    return;

  g_free (code->user_code);
  g_free (code->device_code);
  g_free (code);
}

static char *
base64url (const char *data,
           gsize       len)
{
  g_autofree char *plain = g_base64_encode ((const guchar *)data, len);
  gsize n = strlen (plain);

  while (n > 0 && plain[n - 1] == '=')
    plain[--n] = '\0';
  for (char *p = plain; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }

  return g_steal_pointer (&plain);
}

char *
emu_make_token (const char *tenant_id,
                const char *upn,
                const char *audience,
                gint64      expires_at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *issuer = g_strdup_printf ("https://sts.windows.net/%s/", tenant_id);
  g_autofree char *nonce = emu_random_hex (16);
  g_autofree char *oid = emu_stable_guid (upn);
  g_autofree char *payload = NULL;
  g_autofree char *header = NULL;
  g_autofree char *body = NULL;
  static const char header_json[] = "{\"typ\":\"JWT\",\"alg\":\"none\"}";
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "aud");
  json_builder_add_string_value (builder, audience);
  json_builder_set_member_name (builder, "iss");
  json_builder_add_string_value (builder, issuer);
  json_builder_set_member_name (builder, "iat");
  json_builder_add_int_value (builder, now);
  json_builder_set_member_name (builder, "nbf");
  json_builder_add_int_value (builder, now);
  json_builder_set_member_name (builder, "exp");
  json_builder_add_int_value (builder, expires_at);
  json_builder_set_member_name (builder, "tid");
  json_builder_add_string_value (builder, tenant_id);
  json_builder_set_member_name (builder, "upn");
  json_builder_add_string_value (builder, upn);
  json_builder_set_member_name (builder, "oid");
  json_builder_add_string_value (builder, oid);
  json_builder_set_member_name (builder, "scp");
  json_builder_add_string_value (builder, "Exchange.Manage");
  json_builder_set_member_name (builder, "uti");
  json_builder_add_string_value (builder, nonce);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  payload = json_to_string (root, FALSE);
  header = base64url (header_json, strlen (header_json));
  body = base64url (payload, strlen (payload));

  /* alg "none": an empty signature (RFC 7519 section 6.1). */
  return g_strdup_printf ("%s.%s.", header, body);
}

static void
respond_json (SoupServerMessage *message,
              guint              status,
              JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);
  gsize len = strlen (text);

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), len);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Cache-Control", "no-store");
}

static void
respond_oauth_error (SoupServerMessage *message,
                     const char        *code,
                     const char        *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *trace = g_uuid_string_random ();
  g_autofree char *full = g_strdup_printf ("%s\r\nTrace ID: %s", description, trace);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "error_description");
  json_builder_add_string_value (builder, full);
  json_builder_set_member_name (builder, "trace_id");
  json_builder_add_string_value (builder, trace);
  json_builder_end_object (builder);

  respond_json (message, 400, builder);
}

static void
issue_tokens (KanriEmulator     *self,
              SoupServerMessage *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 expires = g_get_real_time () / G_USEC_PER_SEC + ACCESS_TOKEN_LIFETIME_S;
  g_autofree char *audience = g_strdup ("https://outlook.office365.com");
  char *access = emu_make_token (self->tenant_id, self->admin_upn, audience, expires);
  g_autofree char *random = emu_random_hex (24);
  char *refresh = g_strdup_printf ("emu-rt.%s", random);

  g_hash_table_insert (self->access_tokens, access, g_memdup2 (&expires, sizeof expires));
  g_hash_table_add (self->refresh_tokens, refresh);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "Bearer");
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, "https://outlook.office365.com/Exchange.Manage");
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, ACCESS_TOKEN_LIFETIME_S);
  json_builder_set_member_name (builder, "ext_expires_in");
  json_builder_add_int_value (builder, ACCESS_TOKEN_LIFETIME_S);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, access);
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, refresh);
  json_builder_end_object (builder);

  respond_json (message, 200, builder);
}

static EmuDeviceCode *
find_code (KanriEmulator *self,
           const char    *device_code,
           const char    *user_code)
{
  for (guint i = self->device_codes->len; i > 0; i--)
    {
      EmuDeviceCode *code = g_ptr_array_index (self->device_codes, i - 1);

      if ((device_code != NULL && g_str_equal (code->device_code, device_code)) ||
          (user_code != NULL && g_ascii_strcasecmp (code->user_code, user_code) == 0) ||
          (device_code == NULL && user_code == NULL && code->state == EMU_CODE_PENDING))
        return code;
    }

  return NULL;
}

static void
handle_devicecode (KanriEmulator     *self,
                   SoupServerMessage *message,
                   GHashTable        *form)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *client_id = g_hash_table_lookup (form, "client_id");
  const char *scope = g_hash_table_lookup (form, "scope");
  g_autofree char *verification = g_strdup_printf ("%s/devicelogin", self->base_url);
  g_autofree char *text = NULL;
  g_autofree char *random = emu_random_hex (24);
  EmuDeviceCode *code;
  char user_code[10];

  if (client_id == NULL || *client_id == '\0')
    {
      respond_oauth_error (message, "invalid_request", "The request body must contain the parameter 'client_id'.");
      return;
    }
  if (scope == NULL || strstr (scope, "/.default") == NULL)
    {
      respond_oauth_error (message, "invalid_scope", "The scope must name a resource's /.default permission.");
      return;
    }

  for (guint i = 0; i < 9; i++)
    user_code[i] = user_code_alphabet[g_random_int_range (0, sizeof user_code_alphabet - 1)];
  user_code[9] = '\0';

  code = g_new0 (EmuDeviceCode, 1);
  code->user_code = g_strdup (user_code);
  code->device_code = g_strdup_printf ("emu-dc.%s", random);
  code->expires = g_get_monotonic_time () + (gint64)self->device_expires_in * G_USEC_PER_SEC;
  g_ptr_array_add (self->device_codes, code);

  text = g_strdup_printf ("To sign in, use a web browser to open the page %s and enter the code %s to authenticate.",
                          verification, user_code);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user_code");
  json_builder_add_string_value (builder, code->user_code);
  json_builder_set_member_name (builder, "device_code");
  json_builder_add_string_value (builder, code->device_code);
  json_builder_set_member_name (builder, "verification_uri");
  json_builder_add_string_value (builder, verification);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, self->device_expires_in);
  json_builder_set_member_name (builder, "interval");
  json_builder_add_int_value (builder, self->device_interval);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);

  respond_json (message, 200, builder);
  emu_log_request (self, "oauth:devicecode", scope, 200, FALSE, NULL);
}

static void
handle_token (KanriEmulator     *self,
              SoupServerMessage *message,
              GHashTable        *form)
{
  const char *grant = g_hash_table_lookup (form, "grant_type");

  if (g_strcmp0 (grant, "urn:ietf:params:oauth:grant-type:device_code") == 0)
    {
      EmuDeviceCode *code = find_code (self, g_hash_table_lookup (form, "device_code") ?: "", NULL);

      emu_log_request (self, "oauth:device_code", NULL, 0, FALSE, NULL);

      if (code != NULL && code->state == EMU_CODE_PENDING && g_get_monotonic_time () >= code->expires)
        code->state = EMU_CODE_EXPIRED;

      if (code == NULL || code->state == EMU_CODE_USED)
        respond_oauth_error (message, "bad_verification_code", "The device code was not recognized.");
      else if (code->state == EMU_CODE_DECLINED)
        respond_oauth_error (message, "authorization_declined", "The end user declined the authorization request.");
      else if (code->state == EMU_CODE_EXPIRED)
        respond_oauth_error (message, "expired_token", "The device code has expired.");
      else if (self->slow_down > 0)
        {
          self->slow_down--;
          respond_oauth_error (message, "slow_down", "The client is polling too quickly; slow down.");
        }
      else if (code->state == EMU_CODE_PENDING)
        {
          respond_oauth_error (message, "authorization_pending",
                               "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
          if (self->auto_approve)
            code->state = EMU_CODE_APPROVED;
        }
      else
        {
          code->state = EMU_CODE_USED;
          issue_tokens (self, message);
        }
      return;
    }

  if (g_strcmp0 (grant, "refresh_token") == 0)
    {
      const char *refresh = g_hash_table_lookup (form, "refresh_token");

      emu_log_request (self, "oauth:refresh_token", NULL, 0, FALSE, NULL);
      if (refresh == NULL || !g_hash_table_contains (self->refresh_tokens, refresh))
        respond_oauth_error (message, "invalid_grant", "The refresh token has expired or was revoked.");
      else
        issue_tokens (self, message);
      return;
    }

  respond_oauth_error (message, "unsupported_grant_type", "The grant type is not supported.");
}

/* A page for people: open the verification address, type the code, approve
 * or decline. */
static void
handle_devicelogin (KanriEmulator     *self,
                    SoupServerMessage *message,
                    GHashTable        *form)
{
  const char *user_code = form ? g_hash_table_lookup (form, "code") : NULL;
  const char *action = form ? g_hash_table_lookup (form, "action") : NULL;
  g_autofree char *escaped = NULL;
  const char *outcome = "";
  char *page;

  if (user_code != NULL && action != NULL)
    {
      EmuDeviceCode *code = find_code (self, NULL, user_code);

      if (code == NULL || code->state != EMU_CODE_PENDING)
        outcome = "<p>Unknown or used code.</p>";
      else if (g_str_equal (action, "approve"))
        {
          code->state = EMU_CODE_APPROVED;
          outcome = "<p>Signed in. You can close this page.</p>";
        }
      else
        {
          code->state = EMU_CODE_DECLINED;
          outcome = "<p>Sign-in declined.</p>";
        }
    }

  escaped = g_markup_escape_text (self->admin_upn, -1);
  page = g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kanri emulator sign-in</title>"
                          "</head><body><h1>Kanri emulator sign-in</h1><p>Account: %s</p>%s"
                          "<form method=\"post\"><input name=\"code\" placeholder=\"Code\" autofocus> "
                          "<button name=\"action\" value=\"approve\">Approve</button> "
                          "<button name=\"action\" value=\"decline\">Decline</button></form></body></html>",
                          escaped, outcome);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, page, strlen (page));
}

static GHashTable *
read_form (SoupServerMessage *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

/**
 * emu_handle_oauth:
 *
 * Returns: whether @path was an identity endpoint (then answered)
 */
gboolean
emu_handle_oauth (KanriEmulator     *self,
                  SoupServerMessage *message,
                  const char        *path)
{
  const char *method = soup_server_message_get_method (message);
  g_autoptr(GHashTable) form = NULL;

  if (g_str_equal (path, "/devicelogin"))
    {
      if (g_str_equal (method, SOUP_METHOD_POST))
        form = read_form (message);
      handle_devicelogin (self, message, form);
      return TRUE;
    }

  if (!g_str_has_suffix (path, "/oauth2/v2.0/devicecode") && !g_str_has_suffix (path, "/oauth2/v2.0/token"))
    return FALSE;

  if (!g_str_equal (method, SOUP_METHOD_POST))
    {
      soup_server_message_set_status (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return TRUE;
    }

  form = read_form (message);
  if (g_str_has_suffix (path, "/devicecode"))
    handle_devicecode (self, message, form);
  else
    handle_token (self, message, form);

  return TRUE;
}
