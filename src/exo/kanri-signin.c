/* kanri-signin.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-signin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kanri-exo-client.h"
#include "kanri-exo-error.h"
#include "kanri-signin.h"

/* The OAuth 2.0 device authorization grant (RFC 8628) against the
 * Microsoft identity platform v2 endpoints, and the refresh grant
 * (RFC 6749 section 6), with the module's public client id and scope
 * (PRODUCT.md "Exchange Online access — facts we checked"). */

#define MAX_REPLY_SIZE (256 * 1024)
#define REQUEST_TIMEOUT_S 60

/* RFC 8628 section 3.5: on slow_down the interval grows by 5 seconds. */
#define SLOW_DOWN_STEP 5

/* RFC 8628 section 3.2: 5 seconds when the server names no interval. */
#define DEFAULT_INTERVAL 5

struct _KanriSignin
{
  GObject      parent_instance;

  KanriCloud   cloud;
  char        *login_url;
  guint        second_ms;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (KanriSignin, kanri_signin, G_TYPE_OBJECT)

void
kanri_device_code_free (KanriDeviceCode *code)
{
  if (code == NULL)
    return;

  g_free (code->user_code);
  g_free (code->device_code);
  g_free (code->verification_uri);
  g_free (code->message);
  g_free (code);
}

static KanriDeviceCode *
device_code_copy (const KanriDeviceCode *code)
{
  KanriDeviceCode *copy = g_new0 (KanriDeviceCode, 1);

  copy->user_code = g_strdup (code->user_code);
  copy->device_code = g_strdup (code->device_code);
  copy->verification_uri = g_strdup (code->verification_uri);
  copy->message = g_strdup (code->message);
  copy->expires_in = code->expires_in;
  copy->interval = code->interval;

  return copy;
}

static void
kanri_signin_finalize (GObject *object)
{
  KanriSignin *self = (KanriSignin *)object;

  g_clear_pointer (&self->login_url, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kanri_signin_parent_class)->finalize (object);
}

static void
kanri_signin_class_init (KanriSigninClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_signin_finalize;
}

static void
kanri_signin_init (KanriSignin *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Kanri/%s", PACKAGE_VERSION);

  self->second_ms = 1000;
  self->session = soup_session_new_with_options ("timeout", REQUEST_TIMEOUT_S,
                                                 "user-agent", user_agent,
                                                 NULL);
}

/**
 * kanri_signin_new:
 *
 * Returns: (transfer full): a sign-in to @cloud's identity platform
 */
KanriSignin *
kanri_signin_new (KanriCloud cloud)
{
  KanriSignin *self;

  g_return_val_if_fail (cloud <= KANRI_CLOUD_LAST, NULL);

  self = g_object_new (KANRI_TYPE_SIGNIN, NULL);
  self->cloud = cloud;
  self->login_url = kanri_cloud_dup_login_url (cloud);

  return self;
}

KanriCloud
kanri_signin_get_cloud (KanriSignin *self)
{
  g_return_val_if_fail (KANRI_IS_SIGNIN (self), KANRI_CLOUD_WORLDWIDE);

  return self->cloud;
}

/**
 * kanri_signin_set_login_url:
 * @url: the identity platform's address instead of the cloud's
 *   (`http://127.0.0.1:…` for the emulator)
 *
 * Returns: whether @url may be used (https, or http to this computer)
 */
gboolean
kanri_signin_set_login_url (KanriSignin  *self,
                            const char   *url,
                            GError      **error)
{
  gsize len;

  g_return_val_if_fail (KANRI_IS_SIGNIN (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!kanri_exo_check_url (url, error))
    return FALSE;

  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    len--;

  g_free (self->login_url);
  self->login_url = g_strndup (url, len);
  return TRUE;
}

/**
 * kanri_signin_set_second_length:
 * @ms: how long a second of the server's `interval` lasts (1,000; tests
 *   make it shorter)
 */
void
kanri_signin_set_second_length (KanriSignin *self,
                                guint        ms)
{
  g_return_if_fail (KANRI_IS_SIGNIN (self));

  self->second_ms = ms;
}

static char *
endpoint (KanriSignin *self,
          const char  *name)
{
  /* /organizations: work or school accounts only (Connect-ExchangeOnline,
   * -AzureADAuthorizationEndpointUri). */
  return g_strdup_printf ("%s/organizations/oauth2/v2.0/%s", self->login_url, name);
}

static SoupMessage *
new_form_message (KanriSignin *self,
                  const char  *name,
                  char        *form)
{
  g_autofree char *url = endpoint (self, name);
  SoupMessage *message = soup_message_new_from_encoded_form (SOUP_METHOD_POST, url, form);

  if (message != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message),
                                  "Accept", "application/json");

  return message;
}

static JsonObject *
parse_reply (GBytes  *bytes,
             GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *root;

  if (len == 0 || len > MAX_REPLY_SIZE || !g_utf8_validate (data, len, NULL) ||
      !json_parser_load_from_data (parser, data, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED,
                           _("The sign-in service’s reply is not valid JSON"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  guint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return CLAMP (json_node_get_int (node), -1, G_MAXINT32);
  if (json_node_get_value_type (node) == G_TYPE_STRING &&
      g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXINT32, &value, NULL))
    return (gint64)value;

  return -1;
}

/* The first line of an identity platform error_description: the
 * "AADSTS…: …" sentence, without the trace and correlation ids. */
static char *
describe (JsonObject *reply)
{
  const char *description = string_member (reply, "error_description");
  const char *code = string_member (reply, "error");
  const char *end;

  if (description == NULL || *description == '\0')
    return g_strdup (code ? code : _("no reason given"));

  end = strpbrk (description, "\r\n");
  return end ? g_strndup (description, end - description) : g_strdup (description);
}

static void
on_begin_reply (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(KanriDeviceCode) code = NULL;
  SoupMessage *message = g_task_get_task_data (task);
  const char *uri;
  gint64 interval;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED,
                               _("Could not reach the sign-in service: %s"), error->message);
      return;
    }

  reply = parse_reply (bytes, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      g_autofree char *reason = describe (reply);

      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED,
                               _("The sign-in service refused to start a sign-in: %s"), reason);
      return;
    }

  code = g_new0 (KanriDeviceCode, 1);
  code->user_code = g_strdup (string_member (reply, "user_code"));
  code->device_code = g_strdup (string_member (reply, "device_code"));
  /* verification_url is what the v1 endpoint called it. */
  uri = string_member (reply, "verification_uri");
  code->verification_uri = g_strdup (uri ? uri : string_member (reply, "verification_url"));
  code->message = g_strdup (string_member (reply, "message"));
  code->expires_in = (guint)MAX (int_member (reply, "expires_in"), 0);
  interval = int_member (reply, "interval");
  code->interval = interval > 0 ? (guint)interval : DEFAULT_INTERVAL;

  if (code->user_code == NULL || code->device_code == NULL || code->verification_uri == NULL ||
      code->expires_in == 0)
    {
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED,
                               _("The sign-in service’s reply has no device code"));
      return;
    }

  if (code->message == NULL)
    code->message = g_strdup_printf (_("To sign in, open %s and enter the code %s."),
                                     code->verification_uri, code->user_code);

  g_task_return_pointer (task, g_steal_pointer (&code), (GDestroyNotify)kanri_device_code_free);
}

/**
 * kanri_signin_begin_async:
 *
 * Asks the identity platform for a device code: the user code and address
 * to show, and the code to poll with.
 */
void
kanri_signin_begin_async (KanriSignin         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *scope = NULL;
  SoupMessage *message;

  g_return_if_fail (KANRI_IS_SIGNIN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_signin_begin_async);

  scope = kanri_cloud_dup_scope (self->cloud);
  message = new_form_message (self, "devicecode",
                              soup_form_encode ("client_id", KANRI_EXO_CLIENT_ID,
                                                "scope", scope,
                                                NULL));
  if (message == NULL)
    {
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INSECURE,
                               _("The sign-in service address is not a web address"));
      return;
    }
  g_task_set_task_data (task, message, g_object_unref);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    on_begin_reply, g_steal_pointer (&task));
}

/**
 * kanri_signin_begin_finish:
 *
 * Returns: (transfer full) (nullable): the device code
 */
KanriDeviceCode *
kanri_signin_begin_finish (KanriSignin   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (KANRI_IS_SIGNIN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  KanriDeviceCode *code;
  guint            interval;
  gint64           deadline;
  SoupMessage     *message;
  GSource         *timer;
  GSource         *cancel;
} Poll;

static void
poll_free (Poll *poll)
{
  if (poll->timer != NULL)
    {
      g_source_destroy (poll->timer);
      g_source_unref (poll->timer);
    }
  if (poll->cancel != NULL)
    {
      g_source_destroy (poll->cancel);
      g_source_unref (poll->cancel);
    }
  kanri_device_code_free (poll->code);
  g_clear_object (&poll->message);
  g_free (poll);
}

static void schedule_poll (GTask *task);

static void
on_poll_reply (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  KanriSignin *self = g_task_get_source_object (task);
  Poll *poll = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *reason = NULL;
  const char *code;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED,
                                 _("Could not reach the sign-in service: %s"), error->message);
      g_object_unref (task);
      return;
    }

  if (soup_message_get_status (poll->message) == SOUP_STATUS_OK)
    {
      KanriTokens *tokens = kanri_tokens_new_from_reply (self->cloud,
                                                         g_bytes_get_data (bytes, NULL),
                                                         g_bytes_get_size (bytes),
                                                         &error);
      if (tokens == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, tokens, (GDestroyNotify)kanri_tokens_free);
      g_object_unref (task);
      return;
    }

  reply = parse_reply (bytes, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* RFC 8628 section 3.5 and the identity platform's device code flow. */
  code = string_member (reply, "error");
  if (g_strcmp0 (code, "authorization_pending") == 0)
    {
      schedule_poll (task);
      return;
    }

  if (g_strcmp0 (code, "slow_down") == 0)
    {
      poll->interval += SLOW_DOWN_STEP;
      schedule_poll (task);
      return;
    }

  if (g_strcmp0 (code, "authorization_declined") == 0 || g_strcmp0 (code, "access_denied") == 0)
    g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_DECLINED,
                             _("The sign-in was declined"));
  else if (g_strcmp0 (code, "expired_token") == 0)
    g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_EXPIRED,
                             _("The code expired before the sign-in was finished; start again"));
  else if (g_strcmp0 (code, "bad_verification_code") == 0)
    g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_BAD_CODE,
                             _("The sign-in service does not know this code; start again"));
  else
    {
      reason = describe (reply);
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED,
                               _("The sign-in failed: %s"), reason);
    }

  g_object_unref (task);
}

static gboolean
on_poll_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Poll *poll = g_task_get_task_data (task);

  if (poll->timer != NULL)
    {
      g_source_destroy (poll->timer);
      g_clear_pointer (&poll->timer, g_source_unref);
    }
  g_clear_pointer (&poll->cancel, g_source_unref);

  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static gboolean
on_poll_timer (gpointer user_data)
{
  GTask *task = user_data;
  KanriSignin *self = g_task_get_source_object (task);
  Poll *poll = g_task_get_task_data (task);

  g_clear_pointer (&poll->timer, g_source_unref);
  if (poll->cancel != NULL)
    {
      g_source_destroy (poll->cancel);
      g_clear_pointer (&poll->cancel, g_source_unref);
    }

  if (g_get_monotonic_time () >= poll->deadline)
    {
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_EXPIRED,
                               _("The code expired before the sign-in was finished; start again"));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  g_clear_object (&poll->message);
  poll->message = new_form_message (self, "token",
                                    soup_form_encode ("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                                                      "client_id", KANRI_EXO_CLIENT_ID,
                                                      "device_code", poll->code->device_code,
                                                      NULL));
  soup_session_send_and_read_async (self->session, poll->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_poll_reply, task);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (GTask *task)
{
  KanriSignin *self = g_task_get_source_object (task);
  Poll *poll = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  poll->timer = g_timeout_source_new (poll->interval * self->second_ms);
  g_source_set_callback (poll->timer, on_poll_timer, task, NULL);
  g_source_attach (poll->timer, g_task_get_context (task));

  if (cancellable != NULL)
    {
      poll->cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (poll->cancel, G_SOURCE_FUNC (on_poll_cancelled), task, NULL);
      g_source_attach (poll->cancel, g_task_get_context (task));
    }
}

/**
 * kanri_signin_wait_async:
 * @code: what kanri_signin_begin_finish() gave
 *
 * Polls the token endpoint every `interval` seconds until the user has
 * signed in at the verification address, declined, or the code expired.
 */
void
kanri_signin_wait_async (KanriSignin           *self,
                         const KanriDeviceCode *code,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  GTask *task;
  Poll *poll;

  g_return_if_fail (KANRI_IS_SIGNIN (self));
  g_return_if_fail (code != NULL && code->device_code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_signin_wait_async);

  poll = g_new0 (Poll, 1);
  poll->code = device_code_copy (code);
  poll->interval = code->interval > 0 ? code->interval : DEFAULT_INTERVAL;
  poll->deadline = g_get_monotonic_time () +
                   (gint64)code->expires_in * self->second_ms * G_TIME_SPAN_MILLISECOND;
  g_task_set_task_data (task, poll, (GDestroyNotify)poll_free);

  schedule_poll (task);
}

/**
 * kanri_signin_wait_finish:
 *
 * Returns: (transfer full) (nullable): the tokens, or %NULL with @error
 *   set: %KANRI_EXO_ERROR_SIGNIN_DECLINED, %KANRI_EXO_ERROR_SIGNIN_EXPIRED,
 *   %KANRI_EXO_ERROR_SIGNIN_BAD_CODE or %KANRI_EXO_ERROR_SIGNIN_FAILED
 */
KanriTokens *
kanri_signin_wait_finish (KanriSignin   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (KANRI_IS_SIGNIN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_refresh_reply (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KanriSignin *self = g_task_get_source_object (task);
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *reason = NULL;
  KanriTokens *tokens;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED,
                                 _("Could not reach the sign-in service: %s"), error->message);
      return;
    }

  if (soup_message_get_status (message) == SOUP_STATUS_OK)
    {
      tokens = kanri_tokens_new_from_reply (self->cloud, g_bytes_get_data (bytes, NULL),
                                            g_bytes_get_size (bytes), &error);
      if (tokens == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, tokens, (GDestroyNotify)kanri_tokens_free);
      return;
    }

  reply = parse_reply (bytes, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  reason = describe (reply);
  /* invalid_grant: the refresh token expired or was revoked (RFC 6749
   * section 5.2); only a new sign-in helps. */
  if (g_strcmp0 (string_member (reply, "error"), "invalid_grant") == 0)
    g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN,
                             _("The sign-in has expired or was revoked; sign in again (%s)"), reason);
  else
    g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED,
                             _("Could not renew the sign-in: %s"), reason);
}

/**
 * kanri_signin_refresh_async:
 * @refresh_token: the refresh token of an earlier sign-in
 *
 * Trades @refresh_token for a new access token (and usually a new
 * refresh token).
 */
void
kanri_signin_refresh_async (KanriSignin         *self,
                            const char          *refresh_token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *scope = NULL;
  SoupMessage *message;

  g_return_if_fail (KANRI_IS_SIGNIN (self));
  g_return_if_fail (refresh_token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_signin_refresh_async);

  scope = kanri_cloud_dup_scope (self->cloud);
  message = new_form_message (self, "token",
                              soup_form_encode ("grant_type", "refresh_token",
                                                "client_id", KANRI_EXO_CLIENT_ID,
                                                "refresh_token", refresh_token,
                                                "scope", scope,
                                                NULL));
  if (message == NULL)
    {
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INSECURE,
                               _("The sign-in service address is not a web address"));
      return;
    }
  g_task_set_task_data (task, message, g_object_unref);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    on_refresh_reply, g_steal_pointer (&task));
}

/**
 * kanri_signin_refresh_finish:
 *
 * Returns: (transfer full) (nullable): the new tokens
 */
KanriTokens *
kanri_signin_refresh_finish (KanriSignin   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (KANRI_IS_SIGNIN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
