/* test-client.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "kanri-anchor-mailbox.h"
#include "kanri-emulator.h"
#include "kanri-exo-client.h"
#include "kanri-exo-error.h"
#include "kanri-static-token.h"

/* KanriExoClient against the emulator (and, for what the emulator cannot
 * get wrong on purpose, against a small server of the test's own). */

/* A token provider that hands out what the test says and counts the
 * refreshes asked for. */
#define TEST_TYPE_TOKENS (test_tokens_get_type ())
G_DECLARE_FINAL_TYPE (TestTokens, test_tokens, TEST, TOKENS, GObject)

struct _TestTokens
{
  GObject  parent_instance;
  char    *token;
  char    *refreshed;
  guint    refreshes;
};

static void test_tokens_iface_init (KanriTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestTokens, test_tokens, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KANRI_TYPE_TOKEN_PROVIDER, test_tokens_iface_init))

static void
test_tokens_finalize (GObject *object)
{
  TestTokens *self = TEST_TOKENS (object);

  g_free (self->token);
  g_free (self->refreshed);
  G_OBJECT_CLASS (test_tokens_parent_class)->finalize (object);
}

static void
test_tokens_class_init (TestTokensClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_tokens_finalize;
}

static void
test_tokens_init (TestTokens *self)
{
}

static void
tokens_get_async (KanriTokenProvider  *provider,
                  gboolean             refresh,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  TestTokens *self = TEST_TOKENS (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (refresh)
    {
      self->refreshes++;
      g_free (self->token);
      self->token = g_strdup (self->refreshed);
    }
  g_task_return_pointer (task, g_strdup (self->token), g_free);
}

static char *
tokens_get_finish (KanriTokenProvider  *provider,
                   GAsyncResult        *result,
                   GError             **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_tokens_iface_init (KanriTokenProviderInterface *iface)
{
  iface->get_token_async = tokens_get_async;
  iface->get_token_finish = tokens_get_finish;
}

typedef struct
{
  KanriEmulator  *emulator;
  KanriExoClient *client;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStaticToken) tokens = NULL;
  g_autofree char *url = NULL;
  g_autofree char *anchor = NULL;

  f->emulator = kanri_emulator_new_demo (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_start (f->emulator, 0, &error));

  url = kanri_emulator_dup_invoke_url (f->emulator);
  anchor = kanri_anchor_mailbox_for_upn (kanri_emulator_get_admin_upn (f->emulator));
  tokens = kanri_static_token_new (kanri_emulator_get_access_token (f->emulator));
  f->client = kanri_exo_client_new (url, KANRI_TOKEN_PROVIDER (tokens), anchor, &error);
  g_assert_no_error (error);

  /* Backoff in milliseconds, not seconds. */
  kanri_exo_client_set_retry_delay (f->client, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->emulator);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

typedef struct
{
  guint       pages;
  guint64     objects;
  GHashTable *seen;
} Pages;

static void
count_page (KanriExoClient *client,
            KanriExoPage   *page,
            gpointer        user_data)
{
  Pages *pages = user_data;
  JsonArray *values = kanri_exo_page_get_values (page);

  pages->pages++;
  pages->objects += json_array_get_length (values);
  for (guint i = 0; pages->seen && i < json_array_get_length (values); i++)
    g_hash_table_add (pages->seen,
                      g_strdup (json_object_get_string_member (json_array_get_object_element (values, i), "Guid")));
}

static KanriExoResult *
run_full (KanriExoClient    *client,
          const char        *line,
          KanriExoPageFunc   page_func,
          gpointer           page_data,
          GCancellable      *cancellable,
          GError           **error)
{
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_parse (line, NULL);
  GAsyncResult *result = NULL;
  KanriExoResult *ret;

  g_assert_nonnull (cmdlet);
  kanri_exo_client_invoke_async (client, cmdlet, page_func, page_data, cancellable, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  ret = kanri_exo_client_invoke_finish (client, result, error);
  g_object_unref (result);
  return ret;
}

static KanriExoResult *
run (Fixture    *f,
     const char *line)
{
  g_autoptr(GError) error = NULL;
  KanriExoResult *result = run_full (f->client, line, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static GError *
run_error (Fixture    *f,
           const char *line)
{
  GError *error = NULL;
  KanriExoResult *result = run_full (f->client, line, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_nonnull (error);
  return error;
}

static void
add_fault (Fixture    *f,
           const char *spec)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kanri_emulator_add_fault (f->emulator, spec, &error));
}

static void
test_get (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(KanriExoResult) result = run (f, "Get-Mailbox -Identity \"Doe, John\"");
  JsonArray *values = kanri_exo_result_get_values (result);
  JsonObject *mailbox;

  g_assert_cmpuint (json_array_get_length (values), ==, 1);
  mailbox = json_array_get_object_element (values, 0);
  g_assert_cmpstr (json_object_get_string_member (mailbox, "UserPrincipalName"), ==, "john.doe@contoso.com");
  g_assert_false (json_object_has_member (mailbox, "AuditOwner@odata.type"));
  g_assert_cmpuint (kanri_exo_result_get_n_pages (result), ==, 1);
  g_assert_cmpuint (kanri_exo_result_get_n_retries (result), ==, 0);
  g_assert_null (kanri_exo_result_get_warnings (result)[0]);
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoResult) result = NULL;
  g_autoptr(KanriExoResult) collected = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Pages pages = { 0, 0, seen };

  g_assert_true (kanri_emulator_generate_mailboxes (f->emulator, 3450, &error));

  /* Each page as it comes; the result keeps none of them. */
  result = run_full (f->client, "Get-Mailbox -ResultSize Unlimited", count_page, &pages, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages.pages, ==, 4);
  g_assert_cmpuint (pages.objects, ==, 3500);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 3500);
  g_assert_cmpuint (kanri_exo_result_get_n_objects (result), ==, 3500);
  g_assert_cmpuint (kanri_exo_result_get_n_pages (result), ==, 4);
  g_assert_cmpuint (json_array_get_length (kanri_exo_result_get_values (result)), ==, 0);

  /* Smaller pages, all kept. */
  kanri_exo_client_set_page_size (f->client, 500);
  collected = run (f, "Get-Mailbox -ResultSize Unlimited");
  g_assert_cmpuint (kanri_exo_result_get_n_pages (collected), ==, 7);
  g_assert_cmpuint (json_array_get_length (kanri_exo_result_get_values (collected)), ==, 3500);
}

static void
test_warnings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(KanriExoResult) first = run (f, "Set-Mailbox -Identity taro.yamada -DefaultAuditSet Admin,Delegate,Owner");
  const char *const *warnings = kanri_exo_result_get_warnings (first);

  g_assert_nonnull (warnings[0]);
  g_assert_nonnull (strstr (warnings[0], "no settings of 'taro.yamada' have been modified"));
  g_assert_null (warnings[1]);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) missing = run_error (f, "Get-Mailbox -Identity nobody@contoso.com");
  g_autoptr(GError) denied = run_error (f, "Get-RecoverableItems -Identity taro.yamada");
  g_autoptr(GError) invalid = run_error (f, "Set-TransportConfig -MessageExpiration 2.00:00:00");
  g_autoptr(GError) deprecated = run_error (f, "Set-Mailbox -Identity taro.yamada -AuditOwner @{Add=\"MessageBind\"}");

  g_assert_error (missing, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (missing->message,
                                   "The operation couldn't be performed because object 'nobody@contoso.com'"));
  g_assert_true (g_str_has_suffix (kanri_exo_error_get_exception_type (missing), "ManagementObjectNotFoundException"));
  g_assert_cmpuint (kanri_exo_error_get_http_status (missing), ==, 404);

  g_assert_error (denied, KANRI_EXO_ERROR, KANRI_EXO_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (denied->message, "Mailbox Import Export"));

  g_assert_error (invalid, KANRI_EXO_ERROR, KANRI_EXO_ERROR_CMDLET);
  g_assert_nonnull (strstr (invalid->message, "between 12 hours"));

  g_assert_error (deprecated, KANRI_EXO_ERROR, KANRI_EXO_ERROR_CMDLET);
  g_assert_cmpstr (deprecated->message, ==, "The MessageBind audit operation type is deprecated. Use MailItemsAccessed instead.");
}

static void
test_retried_faults (Fixture       *f,
                     gconstpointer  data)
{
  static const char *const faults[] = {
    "429,retry-after=0,count=2", "503,count=4", "504,count=2", "transient,count=2",
    "transient,type=Microsoft.Exchange.Data.Storage.StorageTransientException,count=1",
    "drop,count=2", "truncate,count=2", "malformed,count=1", "slow,ms=50,count=1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(KanriExoResult) result = NULL;

      g_test_message ("%s", faults[i]);
      kanri_emulator_clear_faults (f->emulator);
      add_fault (f, faults[i]);
      result = run (f, "Get-InboundConnector");
      g_assert_cmpuint (json_array_get_length (kanri_exo_result_get_values (result)), ==, 2);
    }
}

static void
test_retry_count (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KanriExoResult) result = NULL;
  g_autoptr(GError) error = NULL;

  add_fault (f, "503,count=4");
  result = run (f, "Get-AcceptedDomain");
  g_assert_cmpuint (kanri_exo_result_get_n_retries (result), ==, 4);
  g_assert_cmpuint (kanri_emulator_get_requests (f->emulator)->len, ==, 5);

  /* Five tries in all, then the error. */
  kanri_emulator_clear_requests (f->emulator);
  add_fault (f, "429,retry-after=0,count=5");
  error = run_error (f, "Get-AcceptedDomain");
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_THROTTLED);
  g_assert_cmpuint (kanri_emulator_get_requests (f->emulator)->len, ==, 5);
}

static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(KanriExoResult) result = NULL;
  gint64 start;

  /* 50 + 100 + 200 ms: base × 2ⁿ. */
  kanri_exo_client_set_retry_delay (f->client, 50);
  add_fault (f, "503,count=3");
  start = g_get_monotonic_time ();
  result = run (f, "Get-TransportConfig");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 350 * G_TIME_SPAN_MILLISECOND);
  g_clear_pointer (&result, kanri_exo_result_free);

  /* Retry-After wins over the backoff. */
  add_fault (f, "429,retry-after=1,count=1");
  start = g_get_monotonic_time ();
  result = run (f, "Get-TransportConfig");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_TIME_SPAN_SECOND);
}

/* A change whose reply is lost is never sent again. */
static void
test_changes_not_resent (Fixture       *f,
                         gconstpointer  data)
{
  static const struct { const char *fault; guint applied; } cases[] = {
    { "drop,count=1", 0 },
    { "drop-after,count=1", 1 },
    { "truncate,count=1", 1 },
    { "malformed,count=1", 1 },
    { "504,count=1", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_strdup_printf ("Set-Mailbox -Identity taro.yamada -AuditLogAgeLimit %u.00:00:00",
                                               100 + i);

      g_test_message ("%s", cases[i].fault);
      kanri_emulator_clear_requests (f->emulator);
      add_fault (f, cases[i].fault);
      error = run_error (f, line);
      g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_OUTCOME_UNKNOWN);
      g_assert_cmpuint (kanri_emulator_get_requests (f->emulator)->len, ==, 1);
      g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Set-Mailbox"), ==, cases[i].applied);
    }

  /* Throttling and 503 happen before anything runs: those are retried. */
  {
    g_autoptr(KanriExoResult) result = NULL;

    kanri_emulator_clear_requests (f->emulator);
    add_fault (f, "429,retry-after=0,count=1");
    add_fault (f, "503,count=1");
    result = run (f, "Set-Mailbox -Identity taro.yamada -AuditLogAgeLimit 120.00:00:00");
    g_assert_cmpuint (kanri_emulator_get_requests (f->emulator)->len, ==, 3);
    g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Set-Mailbox"), ==, 1);
  }
}

typedef struct
{
  guint  n;
  guint  attempts[8];
  guint  max_attempts;
  guint  delay_ms;
  GError *error;
} Retrying;

static void
on_retrying (KanriExoClient *client,
             KanriCmdlet    *cmdlet,
             const GError   *error,
             guint           attempt,
             guint           max_attempts,
             guint           delay_ms,
             gpointer        user_data)
{
  Retrying *retrying = user_data;

  g_assert_cmpstr (kanri_cmdlet_get_name (cmdlet), ==, "Get-TransportConfig");
  g_assert_cmpuint (retrying->n, <, G_N_ELEMENTS (retrying->attempts));
  retrying->attempts[retrying->n++] = attempt;
  retrying->max_attempts = max_attempts;
  retrying->delay_ms = delay_ms;
  g_clear_error (&retrying->error);
  retrying->error = g_error_copy (error);
}

/* Every wait between two attempts is announced, with why and how long. */
static void
test_retrying_signal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(KanriExoResult) result = NULL;
  Retrying retrying = { 0 };
  gulong id = g_signal_connect (f->client, "retrying", G_CALLBACK (on_retrying), &retrying);

  add_fault (f, "429,retry-after=0,count=2");
  add_fault (f, "503,count=1");
  result = run (f, "Get-TransportConfig");
  g_assert_cmpuint (retrying.n, ==, 3);
  g_assert_cmpuint (retrying.attempts[0], ==, 2);
  g_assert_cmpuint (retrying.attempts[1], ==, 3);
  g_assert_cmpuint (retrying.attempts[2], ==, 4);
  g_assert_cmpuint (retrying.max_attempts, ==, 5);
  g_assert_error (retrying.error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_UNAVAILABLE);

  g_signal_handler_disconnect (f->client, id);
  g_clear_error (&retrying.error);
}

/* Retry-After as an HTTP date (RFC 9110 section 10.2.3) is waited for
 * until that time, not replaced by the backoff (1 ms here). */
static void
test_retry_after_date (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(KanriExoResult) result = NULL;
  Retrying retrying = { 0 };
  gulong id = g_signal_connect (f->client, "retrying", G_CALLBACK (on_retrying), &retrying);
  gint64 start;

  add_fault (f, "429,retry-date=2,count=1");
  start = g_get_monotonic_time ();
  result = run (f, "Get-TransportConfig");
  g_assert_cmpuint (retrying.n, ==, 1);
  g_assert_error (retrying.error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_THROTTLED);
  /* The date has whole seconds: two from a time within the second. */
  g_assert_cmpuint (retrying.delay_ms, >=, 1000);
  g_assert_cmpuint (retrying.delay_ms, <=, 2000);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, retrying.delay_ms * G_TIME_SPAN_MILLISECOND);

  g_signal_handler_disconnect (f->client, id);
  g_clear_error (&retrying.error);
}

/* A Retry-After beyond the cap is not waited for: the request fails at
 * once as throttled, naming the wait and the time to retry. */
static void
test_throttled_beyond_cap (Fixture       *f,
                           gconstpointer  data)
{
  static const char *const faults[] = { "429,retry-after=600,count=1", "429,retry-date=600,count=1" };

  kanri_exo_client_set_max_wait (f->client, 30);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;
      Retrying retrying = { 0 };
      gulong id = g_signal_connect (f->client, "retrying", G_CALLBACK (on_retrying), &retrying);

      g_test_message ("%s", faults[i]);
      kanri_emulator_clear_requests (f->emulator);
      add_fault (f, faults[i]);
      error = run_error (f, "Get-TransportConfig");
      g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_THROTTLED);
      g_assert_true (strstr (error->message, " 600 s ") != NULL || strstr (error->message, " 599 s ") != NULL);
      g_assert_nonnull (strstr (error->message, "Retry after "));
      g_assert_cmpuint (retrying.n, ==, 0);
      g_assert_cmpuint (kanri_emulator_get_requests (f->emulator)->len, ==, 1);
      g_signal_handler_disconnect (f->client, id);
    }

  /* Within the cap, it is waited for. */
  {
    g_autoptr(KanriExoResult) result = NULL;

    add_fault (f, "429,retry-after=0,count=1");
    result = run (f, "Get-TransportConfig");
    g_assert_cmpuint (kanri_exo_result_get_n_retries (result), ==, 1);
  }
}

/* Every redirect is an error naming its target, never followed: a POST
 * turned into a GET elsewhere would report a change that never arrived. */
static void
test_redirect_not_followed (Fixture       *f,
                            gconstpointer  data)
{
  static const guint codes[] = { 301, 302, 303, 307, 308 };
  g_autofree char *moved = g_strconcat (kanri_emulator_get_base_url (f->emulator), "/moved", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *spec = g_strdup_printf ("redirect,status=%u,count=2", codes[i]);
      g_autofree char *status = g_strdup_printf ("HTTP %u", codes[i]);
      g_autoptr(GError) changed = NULL;
      g_autoptr(GError) read = NULL;
      GPtrArray *requests;

      g_test_message ("%u", codes[i]);
      kanri_emulator_clear_requests (f->emulator);
      add_fault (f, spec);

      changed = run_error (f, "Set-Mailbox -Identity taro.yamada -AuditLogAgeLimit 120.00:00:00");
      g_assert_error (changed, KANRI_EXO_ERROR, KANRI_EXO_ERROR_REDIRECTED);
      g_assert_cmpuint (kanri_exo_error_get_http_status (changed), ==, codes[i]);
      g_assert_nonnull (strstr (changed->message, moved));
      g_assert_nonnull (strstr (changed->message, status));
      g_assert_nonnull (strstr (changed->message, "Set-Mailbox"));

      /* A read is not retried elsewhere either. */
      read = run_error (f, "Get-AcceptedDomain");
      g_assert_error (read, KANRI_EXO_ERROR, KANRI_EXO_ERROR_REDIRECTED);

      /* Two requests, both to the service; nothing went to /moved. */
      requests = kanri_emulator_get_requests (f->emulator);
      g_assert_cmpuint (requests->len, ==, 2);
      for (guint j = 0; j < requests->len; j++)
        g_assert_cmpuint (((KanriEmulatorRequest *)g_ptr_array_index (requests, j))->status, ==, codes[i]);
      g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, NULL), ==, 0);
    }

  /* A relative Location is named as the address it resolves to. */
  {
    g_autoptr(GError) error = NULL;

    kanri_emulator_clear_faults (f->emulator);
    add_fault (f, "303,count=1,location=/adminapi/beta/elsewhere");
    error = run_error (f, "Get-AcceptedDomain");
    g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_REDIRECTED);
    g_assert_nonnull (strstr (error->message, "/adminapi/beta/elsewhere"));
    g_assert_true (strstr (error->message, "http://") != NULL);
  }
}

static void
test_gzip_lie (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_fault (f, "gzip-lie,count=1");
  error = run_error (f, "Get-InboundConnector -Identity \"No such connector\"");
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "'No such connector'"));
}

static void
on_rate_limit (KanriExoClient *client,
               gpointer        user_data)
{
  (*(guint *)user_data)++;
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  gint64 limit, remaining, reset;
  guint changes = 0;

  g_assert_false (kanri_exo_client_get_rate_limit (f->client, &limit, &remaining, &reset));
  g_assert_cmpint (limit, ==, -1);

  g_signal_connect (f->client, "rate-limit-changed", G_CALLBACK (on_rate_limit), &changes);
  add_fault (f, "rate,per-second=2");

  /* More than the limit allows in a second: the 429s are waited out. */
  for (guint i = 0; i < 4; i++)
    kanri_exo_result_free (run (f, "Get-TransportConfig"));

  g_assert_true (kanri_exo_client_get_rate_limit (f->client, &limit, &remaining, &reset));
  g_assert_cmpint (limit, ==, 2);
  g_assert_cmpint (remaining, >=, 0);
  g_assert_cmpint (remaining, <=, 2);
  g_assert_cmpint (reset, ==, 1);
  g_assert_cmpuint (changes, >=, 1);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  /* During a slow reply, and during a backoff wait. */
  static const char *const faults[] = { "slow,ms=5000,count=1", "503,count=1" };

  kanri_exo_client_set_retry_delay (f->client, 10000);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriExoResult) result = NULL;
      gint64 start = g_get_monotonic_time ();

      kanri_emulator_clear_faults (f->emulator);
      add_fault (f, faults[i]);
      g_timeout_add (100, cancel_later, cancellable);
      result = run_full (f->client, "Get-TransportConfig", NULL, NULL, cancellable, &error);
      g_assert_null (result);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_TIME_SPAN_SECOND);
    }
}

static void
test_refresh_on_401 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TestTokens) tokens = g_object_new (TEST_TYPE_TOKENS, NULL);
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriExoResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = kanri_emulator_dup_invoke_url (f->emulator);
  g_autofree char *anchor = kanri_anchor_mailbox_for_upn (kanri_emulator_get_admin_upn (f->emulator));

  tokens->token = g_strdup (kanri_emulator_get_access_token (f->emulator));
  client = kanri_exo_client_new (url, KANRI_TOKEN_PROVIDER (tokens), anchor, &error);
  g_assert_no_error (error);

  /* The token stops working; a refresh gives a good one. */
  kanri_emulator_revoke_access_tokens (f->emulator);
  tokens->refreshed = g_strdup (kanri_emulator_get_access_token (f->emulator));
  result = run_full (client, "Get-TransportConfig", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tokens->refreshes, ==, 1);
  g_clear_pointer (&result, kanri_exo_result_free);

  /* Refused again after the refresh: one refresh per call, then an error. */
  kanri_emulator_revoke_access_tokens (f->emulator);
  g_free (tokens->refreshed);
  tokens->refreshed = g_strdup ("still-bad");
  result = run_full (client, "Get-TransportConfig", NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (tokens->refreshes, ==, 2);
}

static void
test_static_token_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  kanri_emulator_revoke_access_tokens (f->emulator);
  error = run_error (f, "Get-TransportConfig");
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_UNAUTHORIZED);
}

static void
test_response_size (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  kanri_exo_client_set_max_response_size (f->client, 4096);
  error = run_error (f, "Get-Mailbox -ResultSize Unlimited");
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_RESPONSE_TOO_LARGE);
}

static void
test_urls (void)
{
  static const struct { const char *url; gboolean ok; } urls[] = {
    { "https://outlook.office365.com/adminapi/beta/t/InvokeCommand", TRUE },
    { "http://127.0.0.1:8080/adminapi/beta/t/InvokeCommand", TRUE },
    { "http://127.8.9.10/x", TRUE },
    { "http://[::1]:8080/x", TRUE },
    { "http://localhost/x", TRUE },
    { "http://outlook.office365.com/adminapi/beta/t/InvokeCommand", FALSE },
    { "http://192.168.1.10/x", FALSE },
    { "ftp://127.0.0.1/x", FALSE },
    { "outlook.office365.com", FALSE },
    { "https://", FALSE },
  };
  g_autoptr(KanriStaticToken) tokens = kanri_static_token_new ("t");
  g_autofree char *invoke = kanri_exo_invoke_url ("https://outlook.office365.us/", "contoso.onmicrosoft.com");

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriExoClient) client = kanri_exo_client_new (urls[i].url, KANRI_TOKEN_PROVIDER (tokens),
                                                               "UPN:admin@contoso.com", &error);

      g_test_message ("%s", urls[i].url);
      g_assert_true ((client != NULL) == urls[i].ok);
      if (!urls[i].ok)
        g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INSECURE);
    }

  g_assert_cmpstr (invoke, ==, "https://outlook.office365.us/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand");
}

/* A server of the test's own: records requests, answers what it is told. */
typedef struct
{
  SoupServer *server;
  char       *base;
  GPtrArray  *headers;
  GPtrArray  *bodies;
  GPtrArray  *replies;
  /* The status of each reply; 200 past the end. */
  GArray     *statuses;
} Recorder;

static void
on_record (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Recorder *recorder = user_data;
  SoupMessageHeaders *copy = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  const char *reply;
  guint status;
  guint n = recorder->headers->len;

  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (message));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (copy, name, value);
  g_ptr_array_add (recorder->headers, copy);
  g_ptr_array_add (recorder->bodies, g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));

  reply = n < recorder->replies->len ? g_ptr_array_index (recorder->replies, n) : "{\"value\":[]}";
  status = n < recorder->statuses->len ? g_array_index (recorder->statuses, guint, n) : 200;
  if (status == 429)
    soup_message_headers_replace (soup_server_message_get_response_headers (message), "Retry-After", "0");
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, reply, strlen (reply));
}

static void
recorder_start (Recorder *recorder)
{
  GSList *uris;

  recorder->server = soup_server_new (NULL, NULL);
  recorder->headers = g_ptr_array_new_with_free_func ((GDestroyNotify)soup_message_headers_unref);
  recorder->bodies = g_ptr_array_new_with_free_func (g_free);
  recorder->replies = g_ptr_array_new_with_free_func (g_free);
  recorder->statuses = g_array_new (FALSE, FALSE, sizeof (guint));
  soup_server_add_handler (recorder->server, NULL, on_record, recorder, NULL);
  g_assert_true (soup_server_listen_local (recorder->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (recorder->server);
  recorder->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
recorder_stop (Recorder *recorder)
{
  soup_server_disconnect (recorder->server);
  g_clear_object (&recorder->server);
  g_clear_pointer (&recorder->base, g_free);
  g_clear_pointer (&recorder->headers, g_ptr_array_unref);
  g_clear_pointer (&recorder->bodies, g_ptr_array_unref);
  g_clear_pointer (&recorder->replies, g_ptr_array_unref);
  g_clear_pointer (&recorder->statuses, g_array_unref);
}

static void
recorder_reply (Recorder   *recorder,
                guint       status,
                const char *body)
{
  g_array_append_val (recorder->statuses, status);
  g_ptr_array_add (recorder->replies, g_strdup (body));
}

static void
test_headers (void)
{
  Recorder recorder = { 0 };
  g_autoptr(KanriStaticToken) tokens = kanri_static_token_new ("secret-token");
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriExoResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected_app = g_strdup_printf ("Kanri/%s", PACKAGE_VERSION);
  SoupMessageHeaders *first, *second;

  recorder_start (&recorder);
  url = g_strdup_printf ("%s/adminapi/beta/tid/InvokeCommand", recorder.base);
  /* A relative next link is on the same host. */
  g_ptr_array_add (recorder.replies, g_strdup ("{\"value\":[{\"a\":1}],\"@odata.nextLink\":"
                                               "\"/adminapi/beta/tid/InvokeCommand?%24skiptoken=x\"}"));
  g_ptr_array_add (recorder.replies, g_strdup ("{\"value\":[{\"a\":2}]}"));

  client = kanri_exo_client_new (url, KANRI_TOKEN_PROVIDER (tokens), "UPN:admin@contoso.com", &error);
  kanri_exo_client_set_page_size (client, 250);
  result = run_full (client, "Get-Mailbox -ResultSize Unlimited", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (kanri_exo_result_get_values (result)), ==, 2);
  g_assert_cmpuint (recorder.headers->len, ==, 2);

  first = g_ptr_array_index (recorder.headers, 0);
  second = g_ptr_array_index (recorder.headers, 1);
  g_assert_cmpstr (soup_message_headers_get_one (first, "Authorization"), ==, "Bearer secret-token");
  g_assert_cmpstr (soup_message_headers_get_content_type (first, NULL), ==, "application/json");
  g_assert_cmpstr (soup_message_headers_get_one (first, "X-AnchorMailbox"), ==, "UPN:admin@contoso.com");
  g_assert_cmpstr (soup_message_headers_get_one (first, "X-ResponseFormat"), ==, "json");
  g_assert_cmpstr (soup_message_headers_get_one (first, "Prefer"), ==, "odata.maxpagesize=250");
  g_assert_cmpstr (soup_message_headers_get_one (first, "X-CmdletName"), ==, "Get-Mailbox");
  g_assert_cmpstr (soup_message_headers_get_one (first, "X-ClientApplication"), ==, expected_app);
  g_assert_true (g_uuid_string_is_valid (soup_message_headers_get_one (first, "connection-id")));
  g_assert_cmpstr (soup_message_headers_get_one (first, "connection-id"), ==,
                   soup_message_headers_get_one (second, "connection-id"));
  g_assert_true (g_uuid_string_is_valid (soup_message_headers_get_one (first, "client-request-id")));
  g_assert_cmpstr (soup_message_headers_get_one (first, "client-request-id"), !=,
                   soup_message_headers_get_one (second, "client-request-id"));

  /* The same body again for the next page. */
  g_assert_cmpstr (g_ptr_array_index (recorder.bodies, 0), ==,
                   "{\"CmdletInput\":{\"CmdletName\":\"Get-Mailbox\",\"Parameters\":{\"ResultSize\":\"Unlimited\"}}}");
  g_assert_cmpstr (g_ptr_array_index (recorder.bodies, 1), ==, g_ptr_array_index (recorder.bodies, 0));

  recorder_stop (&recorder);
}

static void
test_foreign_next_link (void)
{
  static const char *const links[] = {
    "https://evil.example.com/adminapi/beta/tid/InvokeCommand?%24skiptoken=x",
    "http://127.0.0.2:9/adminapi/beta/tid/InvokeCommand",
    "//evil.example.com/x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      Recorder recorder = { 0 };
      g_autoptr(KanriStaticToken) tokens = kanri_static_token_new ("secret-token");
      g_autoptr(KanriExoClient) client = NULL;
      g_autoptr(KanriExoResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *url = NULL;

      recorder_start (&recorder);
      url = g_strdup_printf ("%s/adminapi/beta/tid/InvokeCommand", recorder.base);
      g_ptr_array_add (recorder.replies, g_strdup_printf ("{\"value\":[{\"a\":1}],\"@odata.nextLink\":\"%s\"}", links[i]));

      client = kanri_exo_client_new (url, KANRI_TOKEN_PROVIDER (tokens), "UPN:admin@contoso.com", &error);
      result = run_full (client, "Get-Mailbox", NULL, NULL, NULL, &error);
      g_assert_null (result);
      g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_FOREIGN_LINK);
      g_assert_cmpuint (recorder.headers->len, ==, 1);

      recorder_stop (&recorder);
    }
}

/* X-AnchorMailbox on every request of an invocation: the first, its retry
 * after a 429, the next page, that page's retry after a 503, and the
 * request sent again with a renewed token after a 401. */
static void
test_anchor_every_request (void)
{
  Recorder recorder = { 0 };
  g_autoptr(TestTokens) tokens = g_object_new (TEST_TYPE_TOKENS, NULL);
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriExoResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  recorder_start (&recorder);
  url = g_strdup_printf ("%s/adminapi/beta/tid/InvokeCommand", recorder.base);
  recorder_reply (&recorder, 429, "{}");
  recorder_reply (&recorder, 200, "{\"value\":[{\"a\":1}],\"@odata.nextLink\":"
                                  "\"/adminapi/beta/tid/InvokeCommand?%24skiptoken=x\"}");
  recorder_reply (&recorder, 503, "{}");
  recorder_reply (&recorder, 401, "{}");
  recorder_reply (&recorder, 200, "{\"value\":[{\"a\":2}]}");

  tokens->token = g_strdup ("first-token");
  tokens->refreshed = g_strdup ("renewed-token");
  client = kanri_exo_client_new (url, KANRI_TOKEN_PROVIDER (tokens), "UPN:admin@contoso.com", &error);
  g_assert_no_error (error);
  kanri_exo_client_set_retry_delay (client, 1);

  result = run_full (client, "Get-Mailbox -ResultSize Unlimited", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (kanri_exo_result_get_values (result)), ==, 2);
  g_assert_cmpuint (kanri_exo_result_get_n_retries (result), ==, 3);
  g_assert_cmpuint (recorder.headers->len, ==, 5);

  for (guint i = 0; i < recorder.headers->len; i++)
    {
      SoupMessageHeaders *headers = g_ptr_array_index (recorder.headers, i);

      g_test_message ("request %u", i);
      g_assert_cmpstr (soup_message_headers_get_one (headers, "X-AnchorMailbox"), ==, "UPN:admin@contoso.com");
    }
  g_assert_cmpstr (soup_message_headers_get_one (g_ptr_array_index (recorder.headers, 4), "Authorization"), ==,
                   "Bearer renewed-token");

  recorder_stop (&recorder);
}

/* The emulator routes on the anchor: the retries after faults and the next
 * pages get through only if they carry it. */
static void
test_anchor_through_emulator (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoResult) paged = NULL;
  g_autoptr(KanriExoResult) retried = NULL;
  GPtrArray *requests;

  g_assert_true (kanri_emulator_generate_mailboxes (f->emulator, 1450, &error));
  kanri_exo_client_set_page_size (f->client, 500);
  add_fault (f, "429,retry-after=0,count=1");
  add_fault (f, "503,count=1");

  paged = run (f, "Get-Mailbox -ResultSize Unlimited");
  g_assert_cmpuint (kanri_exo_result_get_n_pages (paged), ==, 3);
  g_assert_cmpuint (kanri_exo_result_get_n_retries (paged), ==, 2);

  requests = kanri_emulator_get_requests (f->emulator);
  g_assert_cmpuint (requests->len, ==, 5);
  for (guint i = 2; i < requests->len; i++)
    g_assert_cmpuint (((KanriEmulatorRequest *)g_ptr_array_index (requests, i))->status, ==, 200);

  /* A change, retried after throttling. */
  add_fault (f, "429,retry-after=0,count=1");
  retried = run (f, "Set-Mailbox -Identity taro.yamada -AuditLogAgeLimit 120.00:00:00");
  g_assert_cmpuint (kanri_emulator_count_applied (f->emulator, "Set-Mailbox"), ==, 1);
}

/* The anchor is required and checked before any request: a malformed one
 * (KANRI_ANCHOR_MAILBOX is the user's to set) is refused with a reason. */
static void
test_anchor_required (void)
{
  static const char *const bad[] = {
    "", "admin@contoso.com", "UPN:", "UPN:admin", "UPN:@contoso.com", "UPN:admin@", "UPN:a@b@c.example",
    "UPN:ad min@contoso.com", "UPN:admin@contoso.com\r\nX-Evil: 1", "SMTP:admin@contoso.com",
    "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}", "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@",
    "APP:admin@contoso.com",
  };
  static const char *const good[] = {
    "UPN:admin@contoso.com", "upn:taro.yamada@contoso.co.jp",
    "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14",
  };
  g_autoptr(KanriStaticToken) tokens = kanri_static_token_new ("t");
  const char *url = "https://outlook.office365.com/adminapi/beta/t/InvokeCommand";

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriExoClient) client = kanri_exo_client_new (url, KANRI_TOKEN_PROVIDER (tokens), bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (client);
      g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "is not an anchor mailbox"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriExoClient) client = kanri_exo_client_new (url, KANRI_TOKEN_PROVIDER (tokens), good[i], &error);

      g_test_message ("%s", good[i]);
      g_assert_no_error (error);
      g_assert_nonnull (client);
    }
}

/* An unsigned JWT with @claims, as far as the client reads one. */
static char *
make_token (const char *claims)
{
  g_autofree char *payload = g_base64_encode ((const guchar *)claims, strlen (claims));

  g_strdelimit (payload, "+", '-');
  g_strdelimit (payload, "/", '_');
  g_strdelimit (payload, "=", '\0');
  return g_strdup_printf ("eyJhbGciOiJub25lIn0.%s.", payload);
}

/* Which claim gives the UPN, and the app-only anchor for a token that
 * names no user. */
static void
test_anchor_for_token (void)
{
  static const struct { const char *claims; const char *anchor; } cases[] = {
    { "{\"tid\":\"3F2B8C1E-7D4A-4E9B-9A61-5C0D2E7F8A14\",\"upn\":\"admin@contoso.com\","
      "\"unique_name\":\"other@contoso.com\",\"preferred_username\":\"third@contoso.com\"}",
      "UPN:admin@contoso.com" },
    { "{\"tid\":\"3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14\",\"preferred_username\":\"admin@contoso.com\"}",
      "UPN:admin@contoso.com" },
    /* A guest's display name is no mailbox of the tenant. */
    { "{\"tid\":\"3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14\",\"unique_name\":\"live.com#alice@example.com\"}",
      "APP:" KANRI_ANCHOR_APP_MAILBOX "@3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14" },
    /* An app's token. */
    { "{\"tid\":\"3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14\",\"roles\":[\"Exchange.ManageAsApp\"],\"upn\":\"\"}",
      "APP:" KANRI_ANCHOR_APP_MAILBOX "@3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *none = kanri_anchor_mailbox_for_token ("opaque-token", &error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *token = make_token (cases[i].claims);
      g_autofree char *anchor = kanri_anchor_mailbox_for_token (token, &local_error);

      g_test_message ("%s", cases[i].claims);
      g_assert_no_error (local_error);
      g_assert_cmpstr (anchor, ==, cases[i].anchor);
      g_assert_true (kanri_anchor_mailbox_check (anchor, NULL));
    }

  g_assert_null (none);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/client/get", test_get);
  ADD ("/client/paging", test_paging);
  ADD ("/client/warnings", test_warnings);
  ADD ("/client/errors", test_errors);
  ADD ("/client/retried-faults", test_retried_faults);
  ADD ("/client/retry-count", test_retry_count);
  ADD ("/client/backoff", test_backoff);
  ADD ("/client/changes-not-resent", test_changes_not_resent);
  ADD ("/client/retrying-signal", test_retrying_signal);
  ADD ("/client/retry-after-date", test_retry_after_date);
  ADD ("/client/throttled-beyond-cap", test_throttled_beyond_cap);
  ADD ("/client/redirect-not-followed", test_redirect_not_followed);
  ADD ("/client/gzip-lie", test_gzip_lie);
  ADD ("/client/rate-limit", test_rate_limit);
  ADD ("/client/cancel", test_cancel);
  ADD ("/client/refresh-on-401", test_refresh_on_401);
  ADD ("/client/static-token-refused", test_static_token_refused);
  ADD ("/client/response-size", test_response_size);
  ADD ("/client/anchor-through-emulator", test_anchor_through_emulator);
#undef ADD
  g_test_add_func ("/client/urls", test_urls);
  g_test_add_func ("/client/headers", test_headers);
  g_test_add_func ("/client/foreign-next-link", test_foreign_next_link);
  g_test_add_func ("/client/anchor-every-request", test_anchor_every_request);
  g_test_add_func ("/client/anchor-required", test_anchor_required);
  g_test_add_func ("/client/anchor-for-token", test_anchor_for_token);

  return g_test_run ();
}
