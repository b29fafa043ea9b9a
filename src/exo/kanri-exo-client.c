/* kanri-exo-client.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-exo-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kanri-anchor-mailbox.h"
#include "kanri-exo-client.h"
#include "kanri-exo-error.h"

/* The InvokeCommand client: the REST protocol of the
 * ExchangeOnlineManagement module v3, as PRODUCT.md "Exchange Online
 * access — facts we checked" describes it. */

/* The module's own HTTP timeout, in seconds. */
#define HTTP_TIMEOUT_S 960

/* No backoff grows beyond this. */
#define MAX_RETRY_AFTER_S HTTP_TIMEOUT_S

/* A Retry-After up to this is waited for, and said so; a longer one is the
 * user's to wait for: the request fails as throttled, naming the time to
 * try again, and is retried from the Operations page or the shell. */
#define DEFAULT_MAX_WAIT_S 120

#define DEFAULT_RETRY_DELAY_MS 2000
#define DEFAULT_MAX_ATTEMPTS   5
#define DEFAULT_PAGE_SIZE      1000
#define READ_CHUNK             65536

struct _KanriExoClient
{
  GObject             parent_instance;

  SoupSession        *session;
  GUri               *invoke_uri;
  char               *invoke_url;
  KanriTokenProvider *tokens;
  char               *anchor_mailbox;
  char               *connection_id;

  guint               retry_delay_ms;
  guint               max_attempts;
  guint               max_wait_s;
  gsize               max_response_size;
  guint               page_size;

  gint64              rate_limit;
  gint64              rate_remaining;
  gint64              rate_reset;
};

G_DEFINE_FINAL_TYPE (KanriExoClient, kanri_exo_client, G_TYPE_OBJECT)

enum {
  RATE_LIMIT_CHANGED,
  RETRYING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _KanriExoResult
{
  JsonArray *values;
  GPtrArray *warnings;
  guint      n_pages;
  guint64    n_objects;
  guint      n_retries;
};

typedef struct
{
  KanriCmdlet      *cmdlet;
  KanriCmdlet      *caller_cmdlet;
  GBytes           *body;
  char             *url;
  char             *token;
  KanriExoPageFunc  page_func;
  gpointer          page_data;
  KanriExoResult   *result;
  SoupMessage      *message;
  GInputStream     *stream;
  GByteArray       *received;
  GSource          *wait_source;
  GSource          *cancel_source;
  guint             attempt;
  gboolean          refreshed;
} Invocation;

static void send_request (GTask *task);

static void
invocation_free (Invocation *inv)
{
  if (inv->wait_source != NULL)
    {
      g_source_destroy (inv->wait_source);
      g_source_unref (inv->wait_source);
    }
  if (inv->cancel_source != NULL)
    {
      g_source_destroy (inv->cancel_source);
      g_source_unref (inv->cancel_source);
    }
  g_clear_object (&inv->cmdlet);
  g_clear_object (&inv->caller_cmdlet);
  g_clear_pointer (&inv->body, g_bytes_unref);
  g_clear_pointer (&inv->url, g_free);
  g_clear_pointer (&inv->token, g_free);
  g_clear_pointer (&inv->result, kanri_exo_result_free);
  g_clear_object (&inv->message);
  g_clear_object (&inv->stream);
  g_clear_pointer (&inv->received, g_byte_array_unref);
  g_free (inv);
}

void
kanri_exo_result_free (KanriExoResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->values, json_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

/**
 * kanri_exo_result_get_values:
 *
 * Returns: (transfer none): every object of every page, unless a page
 *   function took them as they came (then empty)
 */
JsonArray *
kanri_exo_result_get_values (KanriExoResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return result->values;
}

/**
 * kanri_exo_result_get_warnings:
 *
 * Returns: (array zero-terminated=1): the `@adminapi.warnings` of every
 *   page, each once
 */
const char *const *
kanri_exo_result_get_warnings (KanriExoResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return (const char *const *)result->warnings->pdata;
}

guint
kanri_exo_result_get_n_pages (KanriExoResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->n_pages;
}

guint64
kanri_exo_result_get_n_objects (KanriExoResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->n_objects;
}

/**
 * kanri_exo_result_get_n_retries:
 *
 * Returns: how many requests were sent again after throttling, a
 *   transient failure or a refused token
 */
guint
kanri_exo_result_get_n_retries (KanriExoResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->n_retries;
}

static void
kanri_exo_client_finalize (GObject *object)
{
  KanriExoClient *self = (KanriExoClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->invoke_uri, g_uri_unref);
  g_clear_pointer (&self->invoke_url, g_free);
  g_clear_object (&self->tokens);
  g_clear_pointer (&self->anchor_mailbox, g_free);
  g_clear_pointer (&self->connection_id, g_free);

  G_OBJECT_CLASS (kanri_exo_client_parent_class)->finalize (object);
}

static void
kanri_exo_client_class_init (KanriExoClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_exo_client_finalize;

  /**
   * KanriExoClient::rate-limit-changed:
   *
   * The service's Rate-Limit-Limit, Rate-Limit-Remaining and
   * Rate-Limit-Reset headers changed; a batch runner reads them with
   * kanri_exo_client_get_rate_limit() to slow down before a 429.
   */
  signals[RATE_LIMIT_CHANGED] = g_signal_new ("rate-limit-changed",
                                              G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 0);

  /**
   * KanriExoClient::retrying:
   * @cmdlet: what is being sent, as passed to
   *   kanri_exo_client_invoke_async(), so a caller can tell its own
   * @error: why the last attempt failed (%KANRI_EXO_ERROR_THROTTLED for a
   *   429)
   * @attempt: the attempt that follows the wait, from 2
   * @max_attempts: how many attempts there are in all
   * @delay_ms: how long the client waits first
   *
   * Emitted before every wait between two attempts, so that no wait is
   * silent: kanri-cli says it on stderr, the app on the operation's row.
   */
  signals[RETRYING] = g_signal_new ("retrying",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 5,
                                    KANRI_TYPE_CMDLET, G_TYPE_ERROR, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
kanri_exo_client_init (KanriExoClient *self)
{
  self->retry_delay_ms = DEFAULT_RETRY_DELAY_MS;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->max_wait_s = DEFAULT_MAX_WAIT_S;
  self->max_response_size = KANRI_EXO_DEFAULT_MAX_RESPONSE_SIZE;
  self->page_size = DEFAULT_PAGE_SIZE;
  self->rate_limit = -1;
  self->rate_remaining = -1;
  self->rate_reset = -1;
  self->connection_id = g_uuid_string_random ();
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* GUri gives an IPv6 literal without its brackets. */
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* https anywhere; http only to this machine (the demo tenant and the
 * tests), never over a network (PRODUCT.md "Reliability and security"). */
static GUri *
parse_service_uri (const char  *url,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_propagate_error (error, kanri_exo_error_new_full (KANRI_EXO_ERROR_INSECURE, 0, NULL, NULL,
                                                          _("The service address is not a web address")));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return g_steal_pointer (&uri);

  if (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback_host (g_uri_get_host (uri)))
    return g_steal_pointer (&uri);

  g_propagate_error (error, kanri_exo_error_new_full (KANRI_EXO_ERROR_INSECURE, 0, NULL, NULL,
                                                      _("Only https:// addresses are allowed, "
                                                        "except http:// to this computer")));
  return NULL;
}

/**
 * kanri_exo_check_url:
 *
 * Returns: whether Kanri may send tokens to @url: https, or http to this
 *   computer
 */
gboolean
kanri_exo_check_url (const char  *url,
                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = parse_service_uri (url, error);
  return uri != NULL;
}

/**
 * kanri_exo_invoke_url:
 * @base_url: `https://outlook.office365.com` or the emulator's address
 * @tenant: the tenant's GUID (or a verified domain)
 *
 * Returns: (transfer full): `{base_url}/adminapi/beta/{tenant}/InvokeCommand`
 */
char *
kanri_exo_invoke_url (const char *base_url,
                      const char *tenant)
{
  g_autofree char *escaped = NULL;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (tenant != NULL && *tenant != '\0', NULL);

  escaped = g_uri_escape_string (tenant, NULL, FALSE);
  len = strlen (base_url);
  while (len > 0 && base_url[len - 1] == '/')
    len--;

  return g_strdup_printf ("%.*s/adminapi/beta/%s/InvokeCommand", (int)len, base_url, escaped);
}

/**
 * kanri_exo_client_new:
 * @invoke_url: the InvokeCommand address (kanri_exo_invoke_url())
 * @tokens: where bearer tokens come from
 * @anchor_mailbox: the X-AnchorMailbox header of every request, first
 *   page, next pages and retries alike: `UPN:admin@contoso.com`, or the
 *   app-only system mailbox (kanri-anchor-mailbox.h); the service routes
 *   the request to the tenant's forest on it
 *
 * Returns: (transfer full) (nullable): the client, or %NULL with @error
 *   set when @invoke_url is not allowed or @anchor_mailbox is not an anchor
 */
KanriExoClient *
kanri_exo_client_new (const char          *invoke_url,
                      KanriTokenProvider  *tokens,
                      const char          *anchor_mailbox,
                      GError             **error)
{
  g_autoptr(KanriExoClient) self = NULL;
  g_autofree char *user_agent = NULL;

  g_return_val_if_fail (invoke_url != NULL, NULL);
  g_return_val_if_fail (KANRI_IS_TOKEN_PROVIDER (tokens), NULL);
  g_return_val_if_fail (anchor_mailbox != NULL, NULL);

  self = g_object_new (KANRI_TYPE_EXO_CLIENT, NULL);
  self->invoke_uri = parse_service_uri (invoke_url, error);
  if (self->invoke_uri == NULL || !kanri_anchor_mailbox_check (anchor_mailbox, error))
    return NULL;

  self->invoke_url = g_strdup (invoke_url);
  self->tokens = g_object_ref (tokens);
  self->anchor_mailbox = g_strdup (anchor_mailbox);

  user_agent = g_strdup_printf ("Kanri/%s", PACKAGE_VERSION);
  self->session = soup_session_new_with_options ("timeout", HTTP_TIMEOUT_S,
                                                 "user-agent", user_agent,
                                                 NULL);
  /* Bodies are decoded by kanri_exo_response_decode(), which checks what
   * a body is instead of trusting Content-Encoding. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);

  return g_steal_pointer (&self);
}

const char *
kanri_exo_client_get_invoke_url (KanriExoClient *self)
{
  g_return_val_if_fail (KANRI_IS_EXO_CLIENT (self), NULL);

  return self->invoke_url;
}

/**
 * kanri_exo_client_set_retry_delay:
 * @base_ms: the first backoff delay; the n-th retry waits
 *   @base_ms × 2ⁿ⁻¹ (default 2,000 ms as the module does)
 */
void
kanri_exo_client_set_retry_delay (KanriExoClient *self,
                                  guint           base_ms)
{
  g_return_if_fail (KANRI_IS_EXO_CLIENT (self));

  self->retry_delay_ms = base_ms;
}

/**
 * kanri_exo_client_set_max_attempts:
 * @attempts: how many times one request is tried in all (default 5)
 */
void
kanri_exo_client_set_max_attempts (KanriExoClient *self,
                                   guint           attempts)
{
  g_return_if_fail (KANRI_IS_EXO_CLIENT (self));
  g_return_if_fail (attempts >= 1);

  self->max_attempts = attempts;
}

/**
 * kanri_exo_client_set_max_wait:
 * @seconds: the longest Retry-After waited for (default 120 s); a longer
 *   one fails the request as throttled
 */
void
kanri_exo_client_set_max_wait (KanriExoClient *self,
                               guint           seconds)
{
  g_return_if_fail (KANRI_IS_EXO_CLIENT (self));

  self->max_wait_s = seconds;
}

void
kanri_exo_client_set_max_response_size (KanriExoClient *self,
                                        gsize           max_size)
{
  g_return_if_fail (KANRI_IS_EXO_CLIENT (self));
  g_return_if_fail (max_size > 0);

  self->max_response_size = max_size;
}

/**
 * kanri_exo_client_set_page_size:
 * @page_size: objects per page asked for with `Prefer: odata.maxpagesize`
 *   (default and service maximum 1,000)
 */
void
kanri_exo_client_set_page_size (KanriExoClient *self,
                                guint           page_size)
{
  g_return_if_fail (KANRI_IS_EXO_CLIENT (self));
  g_return_if_fail (page_size >= 1);

  self->page_size = page_size;
}

/**
 * kanri_exo_client_get_rate_limit:
 * @limit: (out) (optional): Rate-Limit-Limit, or -1
 * @remaining: (out) (optional): Rate-Limit-Remaining, or -1
 * @reset: (out) (optional): Rate-Limit-Reset, or -1
 *
 * Returns: whether the service has sent rate headers yet
 */
gboolean
kanri_exo_client_get_rate_limit (KanriExoClient *self,
                                 gint64         *limit,
                                 gint64         *remaining,
                                 gint64         *reset)
{
  g_return_val_if_fail (KANRI_IS_EXO_CLIENT (self), FALSE);

  if (limit)
    *limit = self->rate_limit;
  if (remaining)
    *remaining = self->rate_remaining;
  if (reset)
    *reset = self->rate_reset;

  return self->rate_limit >= 0 || self->rate_remaining >= 0 || self->rate_reset >= 0;
}

static gint64
header_int (SoupMessageHeaders *headers,
            const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);
  g_autofree char *copy = NULL;
  guint64 number;

  if (value == NULL)
    return -1;

  copy = g_strstrip (g_strdup (value));
  if (!g_ascii_string_to_unsigned (copy, 10, 0, G_MAXINT64, &number, NULL))
    return -1;

  return (gint64)number;
}

static void
read_rate_headers (KanriExoClient *self,
                   SoupMessage    *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  gint64 limit = header_int (headers, "Rate-Limit-Limit");
  gint64 remaining = header_int (headers, "Rate-Limit-Remaining");
  gint64 reset = header_int (headers, "Rate-Limit-Reset");

  if (limit < 0 && remaining < 0 && reset < 0)
    return;

  if (limit == self->rate_limit && remaining == self->rate_remaining && reset == self->rate_reset)
    return;

  self->rate_limit = limit;
  self->rate_remaining = remaining;
  self->rate_reset = reset;
  g_signal_emit (self, signals[RATE_LIMIT_CHANGED], 0);
}

static void
finish_with_error (GTask  *task,
                   GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

static gboolean
on_wait_done (gpointer user_data)
{
  GTask *task = user_data;
  Invocation *inv = g_task_get_task_data (task);

  g_clear_pointer (&inv->wait_source, g_source_unref);
  if (inv->cancel_source != NULL)
    {
      g_source_destroy (inv->cancel_source);
      g_clear_pointer (&inv->cancel_source, g_source_unref);
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  send_request (task);
  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Invocation *inv = g_task_get_task_data (task);

  if (inv->wait_source != NULL)
    {
      g_source_destroy (inv->wait_source);
      g_clear_pointer (&inv->wait_source, g_source_unref);
    }
  g_clear_pointer (&inv->cancel_source, g_source_unref);

  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Waits, then sends again; a cancellation ends the wait at once. */
static void
retry_after (GTask *task,
             guint  delay_ms)
{
  Invocation *inv = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  inv->result->n_retries++;

  inv->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (inv->wait_source, on_wait_done, task, NULL);
  g_source_attach (inv->wait_source, context);

  if (cancellable != NULL)
    {
      inv->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (inv->cancel_source, G_SOURCE_FUNC (on_wait_cancelled), task, NULL);
      g_source_attach (inv->cancel_source, context);
    }
}

static guint
backoff_ms (KanriExoClient *self,
            guint           attempt)
{
  guint64 delay = (guint64)self->retry_delay_ms << MIN (attempt - 1, 16);

  return (guint)MIN (delay, (guint64)MAX_RETRY_AFTER_S * 1000);
}

/* Retries what may be retried, else ends the invocation with @error. */
static void
retry_or_fail (GTask  *task,
               GError *error,
               guint   delay_ms)
{
  KanriExoClient *self = g_task_get_source_object (task);
  Invocation *inv = g_task_get_task_data (task);

  if (inv->attempt >= self->max_attempts)
    {
      finish_with_error (task, error);
      return;
    }

  g_debug ("%s: attempt %u failed (%s); trying again in %u ms",
           kanri_cmdlet_get_name (inv->cmdlet), inv->attempt, error->message, delay_ms);
  g_signal_emit (self, signals[RETRYING], 0, inv->caller_cmdlet, error, inv->attempt + 1, self->max_attempts, delay_ms);
  g_error_free (error);
  retry_after (task, delay_ms);
}

static gboolean
is_before_sending (const GError *error)
{
  /* Nothing reached the service: safe to send again, whatever the cmdlet. */
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
}

/* The connection failed, or dropped before the whole reply came. A Get-
 * cmdlet is sent again; a change may already have been applied, so it is
 * not: the operation journal re-reads the object first
 * (ARCHITECTURE.md "The local model"). */
static void
handle_transport_error (GTask  *task,
                        GError *error)
{
  KanriExoClient *self = g_task_get_source_object (task);
  Invocation *inv = g_task_get_task_data (task);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish_with_error (task, error);
      return;
    }

  if (error->domain == G_TLS_ERROR)
    {
      message = g_strdup_printf (_("The secure connection to the service failed: %s"), error->message);
      g_error_free (error);
      finish_with_error (task, kanri_exo_error_new_full (KANRI_EXO_ERROR_INSECURE, 0, NULL, NULL, message));
      return;
    }

  if (!kanri_cmdlet_is_read_only (inv->cmdlet) && !is_before_sending (error))
    {
      message = g_strdup_printf (_("The connection to the service failed before it answered (%s); "
                                   "%s may or may not have been applied"),
                                 error->message, kanri_cmdlet_get_name (inv->cmdlet));
      g_error_free (error);
      finish_with_error (task, kanri_exo_error_new_full (KANRI_EXO_ERROR_OUTCOME_UNKNOWN,
                                                         0, NULL, NULL, message));
      return;
    }

  message = g_strdup_printf (_("The connection to the service failed: %s"), error->message);
  g_error_free (error);
  retry_or_fail (task,
                 kanri_exo_error_new_full (KANRI_EXO_ERROR_UNAVAILABLE, 0, NULL, NULL, message),
                 backoff_ms (self, inv->attempt));
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

/* The next page is asked of the same service, never of a host a reply
 * names: the request carries the bearer token. */
static char *
check_next_link (KanriExoClient  *self,
                 const char      *link,
                 GError         **error)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (self->invoke_uri, link, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL || !same_origin (uri, self->invoke_uri))
    {
      g_propagate_error (error, kanri_exo_error_new_full (KANRI_EXO_ERROR_FOREIGN_LINK, 0, NULL, NULL,
                                                          _("The service’s reply points to the next page "
                                                            "on another host; it was not followed")));
      return NULL;
    }

  return g_uri_to_string (uri);
}

static void
add_warnings (KanriExoResult    *result,
              const char *const *warnings)
{
  for (guint i = 0; warnings[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j + 1 < result->warnings->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (result->warnings, j), warnings[i]);

      if (!seen)
        g_ptr_array_insert (result->warnings, result->warnings->len - 1, g_strdup (warnings[i]));
    }
}

static void
handle_page (GTask  *task,
             GBytes *body)
{
  KanriExoClient *self = g_task_get_source_object (task);
  Invocation *inv = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoPage) page = kanri_exo_page_parse (body, &error);
  JsonArray *values;
  const char *link;
  char *next;

  if (page == NULL)
    {
      if (g_error_matches (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INVALID_RESPONSE))
        {
          if (kanri_cmdlet_is_read_only (inv->cmdlet))
            {
              retry_or_fail (task, g_steal_pointer (&error), backoff_ms (self, inv->attempt));
              return;
            }
          finish_with_error (task, kanri_exo_error_new_full (KANRI_EXO_ERROR_OUTCOME_UNKNOWN, 200, NULL, NULL,
                                                             _("The service accepted the change, but its reply "
                                                               "could not be read")));
          return;
        }
      finish_with_error (task, g_steal_pointer (&error));
      return;
    }

  values = kanri_exo_page_get_values (page);
  inv->result->n_pages++;
  inv->result->n_objects += json_array_get_length (values);
  add_warnings (inv->result, kanri_exo_page_get_warnings (page));

  if (inv->page_func != NULL)
    inv->page_func (self, page, inv->page_data);
  else
    {
      for (guint i = 0; i < json_array_get_length (values); i++)
        json_array_add_element (inv->result->values, json_array_dup_element (values, i));
    }

  link = kanri_exo_page_get_next_link (page);
  if (link == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&inv->result), (GDestroyNotify)kanri_exo_result_free);
      g_object_unref (task);
      return;
    }

  next = check_next_link (self, link, &error);
  if (next == NULL)
    {
      finish_with_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_free (inv->url);
  inv->url = next;
  inv->attempt = 0;
  send_request (task);
}

/* Retry-After as delta-seconds or as an HTTP date (RFC 9110 section
 * 10.2.3), in seconds from now; FALSE when absent or nonsense. */
static gboolean
read_retry_after (SoupMessage *message,
                  guint64     *seconds)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan span;

  if (value == NULL)
    return FALSE;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, seconds, NULL))
    return TRUE;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return FALSE;

  /* A date past is "now"; a part second is waited for in full. */
  now = g_date_time_new_now_utc ();
  span = g_date_time_difference (date, now);
  *seconds = span <= 0 ? 0 : (guint64)((span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND);
  return TRUE;
}

/* Throttled for longer than the client waits on its own: the user decides,
 * with the time the service named. */
static GError *
throttled_too_long_error (Invocation *inv,
                          guint64     seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (gdouble)seconds);
  /* Translators: the time of day to retry at, see strftime(3) */
  g_autofree char *when = g_date_time_format (then, _("%H:%M:%S"));
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("The service is throttling requests and asks Kanri to wait %u s before "
                               "sending %s again; Kanri does not wait that long on its own. Retry after %s."),
                             (guint)MIN (seconds, G_MAXUINT), kanri_cmdlet_get_name (inv->cmdlet), when);

  return kanri_exo_error_new_full (KANRI_EXO_ERROR_THROTTLED, 429, NULL, NULL, message);
}

/* A 3xx, never followed: the error names where it pointed, so that an
 * administrator can tell a moved endpoint from a hostile one. */
static GError *
redirect_error (Invocation *inv,
                guint       status)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (inv->message),
                                                       "Location");
  g_autoptr(GUri) target = NULL;
  g_autofree char *where = NULL;
  g_autofree char *message = NULL;

  if (location != NULL)
    target = g_uri_parse_relative (soup_message_get_uri (inv->message), location, G_URI_FLAGS_ENCODED, NULL);
  if (target != NULL)
    where = g_uri_to_string_partial (target, G_URI_HIDE_PASSWORD);
  else if (location != NULL)
    where = g_strdup (location);

  if (where != NULL)
    message = g_strdup_printf (_("The service redirected %s (HTTP %u) to %s. Kanri does not follow "
                                 "redirects, so the request was not sent there."),
                               kanri_cmdlet_get_name (inv->cmdlet), status, where);
  else
    message = g_strdup_printf (_("The service redirected %s (HTTP %u) without saying where. Kanri does "
                                 "not follow redirects, so the request was not sent again."),
                               kanri_cmdlet_get_name (inv->cmdlet), status);

  return kanri_exo_error_new_full (KANRI_EXO_ERROR_REDIRECTED, status, NULL, NULL, message);
}

static void on_token_refreshed (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data);

static void
handle_reply (GTask *task)
{
  KanriExoClient *self = g_task_get_source_object (task);
  Invocation *inv = g_task_get_task_data (task);
  guint status = soup_message_get_status (inv->message);
  g_autoptr(GBytes) raw = g_byte_array_free_to_bytes (g_steal_pointer (&inv->received));
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  read_rate_headers (self, inv->message);

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      finish_with_error (task, redirect_error (inv, status));
      return;
    }

  body = kanri_exo_response_decode (raw, self->max_response_size, &error);
  if (body == NULL)
    {
      finish_with_error (task, error);
      return;
    }

  if (status >= 200 && status < 300)
    {
      handle_page (task, body);
      return;
    }

  error = kanri_exo_error_from_response (status, body);

  if (status == 401)
    {
      if (inv->refreshed)
        {
          finish_with_error (task, error);
          return;
        }
      g_error_free (error);
      inv->refreshed = TRUE;
      inv->attempt--;
      inv->result->n_retries++;
      kanri_token_provider_get_token_async (self->tokens, TRUE,
                                            g_task_get_cancellable (task),
                                            on_token_refreshed, task);
      return;
    }

  if (status == 429)
    {
      guint64 seconds;

      if (!read_retry_after (inv->message, &seconds))
        retry_or_fail (task, error, backoff_ms (self, inv->attempt));
      else if (seconds > self->max_wait_s)
        {
          g_error_free (error);
          finish_with_error (task, throttled_too_long_error (inv, seconds));
        }
      else
        retry_or_fail (task, error, (guint)seconds * 1000);
      return;
    }

  /* A gateway timeout may come after the change was made. */
  if (status == 504 && !kanri_cmdlet_is_read_only (inv->cmdlet))
    {
      g_autofree char *message =
        g_strdup_printf (_("The service timed out (HTTP 504); %s may or may not have been applied"),
                         kanri_cmdlet_get_name (inv->cmdlet));

      g_error_free (error);
      finish_with_error (task, kanri_exo_error_new_full (KANRI_EXO_ERROR_OUTCOME_UNKNOWN,
                                                         504, NULL, NULL, message));
      return;
    }

  if (status == 503 || status == 504 ||
      kanri_exo_error_is_transient_type (kanri_exo_error_get_exception_type (error)))
    {
      retry_or_fail (task, error, backoff_ms (self, inv->attempt));
      return;
    }

  finish_with_error (task, error);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  KanriExoClient *self = g_task_get_source_object (task);
  Invocation *inv = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_clear_object (&inv->stream);
      handle_transport_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close (inv->stream, NULL, NULL);
      g_clear_object (&inv->stream);
      handle_reply (task);
      return;
    }

  if (inv->received->len + g_bytes_get_size (chunk) > self->max_response_size)
    {
      g_input_stream_close (inv->stream, NULL, NULL);
      g_clear_object (&inv->stream);
      finish_with_error (task, kanri_exo_error_new_too_large (self->max_response_size));
      return;
    }

  g_byte_array_append (inv->received, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (inv->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read, task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Invocation *inv = g_task_get_task_data (task);
  GError *error = NULL;

  inv->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (inv->stream == NULL)
    {
      handle_transport_error (task, error);
      return;
    }

  inv->received = g_byte_array_new ();
  g_input_stream_read_bytes_async (inv->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read, task);
}

static void
send_request (GTask *task)
{
  KanriExoClient *self = g_task_get_source_object (task);
  Invocation *inv = g_task_get_task_data (task);
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", inv->token);
  g_autofree char *prefer = g_strdup_printf ("odata.maxpagesize=%u", self->page_size);
  g_autofree char *client_application = g_strdup_printf ("Kanri/%s", PACKAGE_VERSION);
  g_autofree char *request_id = g_uuid_string_random ();
  SoupMessageHeaders *headers;

  inv->attempt++;
  g_clear_object (&inv->message);
  inv->message = soup_message_new (SOUP_METHOD_POST, inv->url);
  if (inv->message == NULL)
    {
      finish_with_error (task, kanri_exo_error_new_full (KANRI_EXO_ERROR_INSECURE, 0, NULL, NULL,
                                                         _("The service address is not a web address")));
      return;
    }

  /* The headers of the ExchangeOnlineManagement module (PRODUCT.md). */
  headers = soup_message_get_request_headers (inv->message);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "Accept-Encoding", "gzip");
  soup_message_headers_replace (headers, "X-AnchorMailbox", self->anchor_mailbox);
  soup_message_headers_replace (headers, "X-ResponseFormat", "json");
  soup_message_headers_replace (headers, "Prefer", prefer);
  soup_message_headers_replace (headers, "X-CmdletName", kanri_cmdlet_get_name (inv->cmdlet));
  soup_message_headers_replace (headers, "X-ClientApplication", client_application);
  soup_message_headers_replace (headers, "connection-id", self->connection_id);
  soup_message_headers_replace (headers, "client-request-id", request_id);
  soup_message_set_request_body_from_bytes (inv->message, "application/json", inv->body);

  /* libsoup would follow 301, 302 and 303 as a GET without the token:
   * a change would come back "done" from wherever it was sent. */
  soup_message_add_flags (inv->message, SOUP_MESSAGE_NO_REDIRECT);

  soup_session_send_async (self->session, inv->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), on_sent, task);
}

static void
on_token (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  Invocation *inv = g_task_get_task_data (task);
  GError *error = NULL;

  inv->token = kanri_token_provider_get_token_finish (KANRI_TOKEN_PROVIDER (object), result, &error);
  if (inv->token == NULL)
    {
      finish_with_error (task, error);
      return;
    }

  send_request (task);
}

static void
on_token_refreshed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Invocation *inv = g_task_get_task_data (task);

  g_clear_pointer (&inv->token, g_free);
  on_token (object, result, task);
}

/**
 * kanri_exo_client_invoke_async:
 * @cmdlet: what to run
 * @page_func: (nullable) (scope call): called for each page as it arrives;
 *   when given, the result does not keep the objects
 * @page_data: data for @page_func
 *
 * Runs @cmdlet through InvokeCommand and follows `@odata.nextLink` until
 * the last page. Throttling (429, after Retry-After), 503 and 504,
 * transient exceptions and dropped connections are retried with backoff,
 * up to the set number of attempts per page; a change whose reply was
 * lost is never sent twice (%KANRI_EXO_ERROR_OUTCOME_UNKNOWN). A refused
 * token is refreshed once.
 */
void
kanri_exo_client_invoke_async (KanriExoClient      *self,
                               KanriCmdlet         *cmdlet,
                               KanriExoPageFunc     page_func,
                               gpointer             page_data,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Invocation *inv;
  g_autoptr(JsonNode) body = NULL;
  char *text;

  g_return_if_fail (KANRI_IS_EXO_CLIENT (self));
  g_return_if_fail (KANRI_IS_CMDLET (cmdlet));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_exo_client_invoke_async);

  inv = g_new0 (Invocation, 1);
  inv->cmdlet = kanri_cmdlet_copy (cmdlet);
  inv->caller_cmdlet = g_object_ref (cmdlet);
  body = kanri_cmdlet_build_body (inv->cmdlet);
  text = json_to_string (body, FALSE);
  inv->body = g_bytes_new_take (text, strlen (text));
  inv->url = g_strdup (self->invoke_url);
  inv->page_func = page_func;
  inv->page_data = page_data;
  inv->result = g_new0 (KanriExoResult, 1);
  inv->result->values = json_array_new ();
  inv->result->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (inv->result->warnings, NULL);
  g_task_set_task_data (task, inv, (GDestroyNotify)invocation_free);

  kanri_token_provider_get_token_async (self->tokens, FALSE, cancellable, on_token, task);
}

/**
 * kanri_exo_client_invoke_finish:
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error
 *   set, in %KANRI_EXO_ERROR unless cancelled
 */
KanriExoResult *
kanri_exo_client_invoke_finish (KanriExoClient  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (KANRI_IS_EXO_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
