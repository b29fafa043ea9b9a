/* kanri-tokens.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-tokens"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kanri-exo-error.h"
#include "kanri-tokens.h"

/* Larger than any token the identity platform issues; a bigger reply is
 * not read. */
#define MAX_TOKEN_REPLY (256 * 1024)

/* A token is renewed this long before it expires, so that it does not
 * expire on its way to the service. */
#define EXPIRY_MARGIN_S 300

void
kanri_tokens_free (KanriTokens *tokens)
{
  if (tokens == NULL)
    return;

  g_free (tokens->tenant_id);
  g_free (tokens->upn);
  /* Do not leave the tokens in freed memory. */
  if (tokens->access_token != NULL)
    explicit_bzero (tokens->access_token, strlen (tokens->access_token));
  if (tokens->refresh_token != NULL)
    explicit_bzero (tokens->refresh_token, strlen (tokens->refresh_token));
  g_free (tokens->access_token);
  g_free (tokens->refresh_token);
  g_free (tokens);
}

/**
 * kanri_tokens_copy:
 *
 * Returns: (transfer full): a copy of @tokens
 */
KanriTokens *
kanri_tokens_copy (const KanriTokens *tokens)
{
  KanriTokens *copy;

  g_return_val_if_fail (tokens != NULL, NULL);

  copy = g_new0 (KanriTokens, 1);
  copy->cloud = tokens->cloud;
  copy->tenant_id = g_strdup (tokens->tenant_id);
  copy->upn = g_strdup (tokens->upn);
  copy->access_token = g_strdup (tokens->access_token);
  copy->refresh_token = g_strdup (tokens->refresh_token);
  copy->expires_at = tokens->expires_at;

  return copy;
}

/**
 * kanri_tokens_access_is_fresh:
 *
 * Returns: whether the access token is good for a few more minutes
 */
gboolean
kanri_tokens_access_is_fresh (const KanriTokens *tokens)
{
  g_return_val_if_fail (tokens != NULL, FALSE);

  return tokens->access_token != NULL &&
         tokens->expires_at - EXPIRY_MARGIN_S > g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
signin_failed (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED, message);
  return FALSE;
}

static JsonObject *
claims_of (const char  *token,
           GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *payload = NULL;
  g_autofree guchar *decoded = NULL;
  gsize decoded_len = 0;
  gsize len;
  JsonNode *root;

  if (strlen (token) > MAX_TOKEN_REPLY)
    {
      signin_failed (error, _("The access token is too large"));
      return NULL;
    }

  /* A JWT (RFC 7519): header.payload.signature, each base64url (RFC 4648
   * section 5) without padding. The signature is the service's business:
   * Kanri only reads which tenant and account the token is for. */
  parts = g_strsplit (token, ".", 4);
  if (g_strv_length (parts) != 3)
    {
      signin_failed (error, _("The access token is not a JSON Web Token"));
      return NULL;
    }

  len = strlen (parts[1]);
  payload = g_malloc (len + 4);
  for (gsize i = 0; i < len; i++)
    {
      char c = parts[1][i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        {
          signin_failed (error, _("The access token is not a JSON Web Token"));
          return NULL;
        }
      payload[i] = c;
    }
  while (len % 4 != 0)
    payload[len++] = '=';
  payload[len] = '\0';

  decoded = g_base64_decode (payload, &decoded_len);
  if (decoded_len == 0 || !g_utf8_validate ((const char *)decoded, decoded_len, NULL) ||
      !json_parser_load_from_data (parser, (const char *)decoded, decoded_len, NULL))
    {
      signin_failed (error, _("The access token’s claims cannot be read"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      signin_failed (error, _("The access token’s claims cannot be read"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static const char *
claim_string (JsonObject *claims,
              const char *name)
{
  JsonNode *node = json_object_get_member (claims, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * kanri_jwt_read_claims:
 * @tenant_id: (out) (optional): the `tid` claim, the tenant's GUID
 * @upn: (out) (optional): the account's user principal name, or %NULL
 *   for a token that names none (an app's, or a guest's)
 *
 * The UPN is the `upn` claim: Exchange Online is given v1.0 access tokens,
 * which carry it, and it is what X-AnchorMailbox's `UPN:` names
 * (GreyCorbel/ExoHelper, a public client of the same endpoint, anchors on
 * it too). A v2.0 token has `preferred_username` instead, the same sign-in name for
 * a member of the tenant. `unique_name` is not read: Microsoft documents
 * it for display only, and for a guest it can read "live.com#alice@…",
 * no mailbox of the tenant.
 *
 * Returns: whether @token is a JWT with a `tid` claim
 */
gboolean
kanri_jwt_read_claims (const char  *token,
                       char       **tenant_id,
                       char       **upn,
                       GError     **error)
{
  g_autoptr(JsonObject) claims = NULL;
  const char *tid;
  const char *name;

  g_return_val_if_fail (token != NULL, FALSE);

  claims = claims_of (token, error);
  if (claims == NULL)
    return FALSE;

  tid = claim_string (claims, "tid");
  if (tid == NULL || !g_uuid_string_is_valid (tid))
    return signin_failed (error, _("The access token does not name a tenant"));

  name = claim_string (claims, "upn");
  if (name == NULL || *name == '\0')
    name = claim_string (claims, "preferred_username");

  if (tenant_id)
    *tenant_id = g_ascii_strdown (tid, -1);
  if (upn)
    *upn = name != NULL && *name != '\0' ? g_strdup (name) : NULL;

  return TRUE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return claim_string (object, name);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;

  /* The identity platform has sent expires_in both as a number and as a
   * string over the years. */
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      guint64 value;

      if (g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXINT32, &value, NULL))
        return (gint64)value;
    }

  return -1;
}

static JsonObject *
parse_object (const char  *text,
              gsize        length,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (length > MAX_TOKEN_REPLY)
    {
      signin_failed (error, _("The sign-in service’s reply is too large"));
      return NULL;
    }

  if (!g_utf8_validate (text, length, NULL) ||
      !json_parser_load_from_data (parser, text, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      signin_failed (error, _("The sign-in service’s reply is not valid JSON"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/**
 * kanri_tokens_new_from_reply:
 * @reply: a successful token reply of the identity platform:
 *   `{"access_token":…,"refresh_token":…,"expires_in":…}`
 *
 * Returns: (transfer full) (nullable): the tokens, with the tenant and the
 *   account read from the access token
 */
KanriTokens *
kanri_tokens_new_from_reply (KanriCloud   cloud,
                             const char  *reply,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(KanriTokens) tokens = NULL;
  const char *access;
  const char *refresh;
  gint64 expires_in;

  g_return_val_if_fail (reply != NULL, NULL);

  object = parse_object (reply, length, error);
  if (object == NULL)
    return NULL;

  access = member_string (object, "access_token");
  refresh = member_string (object, "refresh_token");
  expires_in = member_int (object, "expires_in");
  if (access == NULL || *access == '\0' || expires_in < 0)
    {
      signin_failed (error, _("The sign-in service’s reply has no access token"));
      return NULL;
    }

  tokens = g_new0 (KanriTokens, 1);
  tokens->cloud = cloud;
  if (!kanri_jwt_read_claims (access, &tokens->tenant_id, &tokens->upn, error))
    return NULL;

  tokens->access_token = g_strdup (access);
  tokens->refresh_token = g_strdup (refresh);
  tokens->expires_at = g_get_real_time () / G_USEC_PER_SEC + expires_in;

  return g_steal_pointer (&tokens);
}

/**
 * kanri_tokens_to_secret:
 *
 * Returns: (transfer full): what the Secret Service keeps for a tenant
 */
char *
kanri_tokens_to_secret (const KanriTokens *tokens)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (tokens != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, tokens->access_token ? tokens->access_token : "");
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, tokens->refresh_token ? tokens->refresh_token : "");
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, tokens->expires_at);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * kanri_tokens_new_from_secret:
 * @secret: what kanri_tokens_to_secret() wrote
 *
 * Returns: (transfer full) (nullable): the tokens
 */
KanriTokens *
kanri_tokens_new_from_secret (KanriCloud   cloud,
                              const char  *tenant_id,
                              const char  *upn,
                              const char  *secret,
                              GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  KanriTokens *tokens;
  const char *access;
  const char *refresh;

  g_return_val_if_fail (tenant_id != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  object = parse_object (secret, strlen (secret), NULL);
  access = object ? member_string (object, "access_token") : NULL;
  refresh = object ? member_string (object, "refresh_token") : NULL;
  if (access == NULL || refresh == NULL)
    {
      g_set_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN,
                   _("The stored sign-in for tenant %s is damaged; sign in again"), tenant_id);
      return NULL;
    }

  tokens = g_new0 (KanriTokens, 1);
  tokens->cloud = cloud;
  tokens->tenant_id = g_strdup (tenant_id);
  tokens->upn = g_strdup (upn);
  tokens->access_token = *access ? g_strdup (access) : NULL;
  tokens->refresh_token = *refresh ? g_strdup (refresh) : NULL;
  tokens->expires_at = json_object_get_int_member_with_default (object, "expires_at", 0);

  return tokens;
}
