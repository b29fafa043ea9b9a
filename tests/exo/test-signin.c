/* test-signin.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-account.h"
#include "kanri-emulator.h"
#include "kanri-exo-error.h"
#include "kanri-secrets.h"
#include "kanri-signin.h"

/* Sign-in end to end against the emulator's identity endpoints, and the
 * tokens in a real Secret Service (run-with-keyring.sh starts one), and
 * nowhere else. */

/* How long a second of the server's polling interval lasts here. */
#define SECOND_MS 20

static GString *logged;

static GLogWriterOutput
record_log (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        {
          g_string_append (logged, fields[i].value);
          g_string_append_c (logged, '\n');
        }
    }

  /* Debug messages are only recorded: on stdout they would break the TAP
   * stream. Anything louder still goes to the default writer (and is fatal). */
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (level, fields, n_fields, user_data);
}

typedef struct
{
  KanriEmulator *emulator;
  KanriSignin   *signin;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state = g_build_filename (g_get_user_data_dir (), "kanri", "demo-tenant.db", NULL);

  f->emulator = kanri_emulator_new_demo (state, &error);
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_start (f->emulator, 0, &error));
  kanri_emulator_set_device_code_timing (f->emulator, 1, 60);

  f->signin = kanri_signin_new (KANRI_CLOUD_WORLDWIDE);
  g_assert_true (kanri_signin_set_login_url (f->signin, kanri_emulator_get_base_url (f->emulator), &error));
  kanri_signin_set_second_length (f->signin, SECOND_MS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->signin);
  g_assert_finalize_object (f->emulator);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static KanriDeviceCode *
begin (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  KanriDeviceCode *code;

  kanri_signin_begin_async (f->signin, NULL, on_done, &result);
  code = kanri_signin_begin_finish (f->signin, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_nonnull (code);
  return code;
}

typedef struct
{
  KanriEmulator *emulator;
  const char    *action;
  guint          after_polls;
  guint          source;
} Approver;

/* Acts on the code once the client has polled enough times. */
static gboolean
approve_when_polled (gpointer user_data)
{
  Approver *approver = user_data;
  GPtrArray *requests = kanri_emulator_get_requests (approver->emulator);
  guint polls = 0;

  for (guint i = 0; i < requests->len; i++)
    polls += g_str_equal (((KanriEmulatorRequest *)g_ptr_array_index (requests, i))->cmdlet, "oauth:device_code");

  if (polls < approver->after_polls)
    return G_SOURCE_CONTINUE;

  if (g_str_equal (approver->action, "approve"))
    kanri_emulator_approve_device_code (approver->emulator, NULL);
  else if (g_str_equal (approver->action, "decline"))
    kanri_emulator_decline_device_code (approver->emulator, NULL);
  else
    kanri_emulator_expire_device_code (approver->emulator, NULL);

  approver->source = 0;
  return G_SOURCE_REMOVE;
}

static KanriTokens *
sign_in (Fixture     *f,
         const char  *action,
         guint        after_polls,
         GError     **error)
{
  g_autoptr(KanriDeviceCode) code = begin (f);
  GAsyncResult *result = NULL;
  Approver approver = { f->emulator, action, after_polls, 0 };
  KanriTokens *tokens;

  approver.source = g_timeout_add (5, approve_when_polled, &approver);
  kanri_signin_wait_async (f->signin, code, NULL, on_done, &result);
  tokens = kanri_signin_wait_finish (f->signin, wait_for (&result), error);
  g_object_unref (result);
  g_clear_handle_id (&approver.source, g_source_remove);

  return tokens;
}

static guint
count (KanriEmulator *emulator,
       const char    *what)
{
  GPtrArray *requests = kanri_emulator_get_requests (emulator);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    n += g_str_equal (((KanriEmulatorRequest *)g_ptr_array_index (requests, i))->cmdlet, what);

  return n;
}

static void
test_device_code (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KanriDeviceCode) code = begin (f);

  g_assert_cmpuint (strlen (code->user_code), ==, 9);
  g_assert_true (g_str_has_prefix (code->verification_uri, kanri_emulator_get_base_url (f->emulator)));
  g_assert_cmpuint (code->interval, ==, 1);
  g_assert_cmpuint (code->expires_in, ==, 60);
  g_assert_nonnull (strstr (code->message, code->user_code));

  /* The scope asked for is the cloud's. */
  {
    GPtrArray *requests = kanri_emulator_get_requests (f->emulator);
    KanriEmulatorRequest *request = g_ptr_array_index (requests, 0);

    g_assert_cmpstr (request->cmdlet, ==, "oauth:devicecode");
    g_assert_cmpstr (request->parameters, ==, "https://outlook.office365.com/.default offline_access");
  }
}

static void
test_pending_then_success (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriTokens) tokens = sign_in (f, "approve", 3, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tokens->tenant_id, ==, kanri_emulator_get_tenant_id (f->emulator));
  g_assert_cmpstr (tokens->upn, ==, kanri_emulator_get_admin_upn (f->emulator));
  g_assert_nonnull (tokens->refresh_token);
  g_assert_true (kanri_tokens_access_is_fresh (tokens));
  g_assert_cmpuint (count (f->emulator, "oauth:device_code"), ==, 4);
}

static void
test_declined (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriTokens) tokens = sign_in (f, "decline", 1, &error);

  g_assert_null (tokens);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_DECLINED);
}

static void
test_expired (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriTokens) tokens = sign_in (f, "expire", 1, &error);

  g_assert_null (tokens);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_EXPIRED);
}

/* The code runs out while the user does nothing: the client stops. */
static void
test_expired_locally (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriTokens) tokens = NULL;

  kanri_emulator_set_device_code_timing (f->emulator, 1, 5);
  tokens = sign_in (f, "approve", 1000, &error);
  g_assert_null (tokens);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_EXPIRED);
  g_assert_cmpuint (count (f->emulator, "oauth:device_code"), <=, 5);
}

static void
test_slow_down (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriTokens) tokens = NULL;
  GPtrArray *requests = kanri_emulator_get_requests (f->emulator);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));

  kanri_emulator_set_slow_down (f->emulator, 1);
  tokens = sign_in (f, "approve", 3, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < requests->len; i++)
    {
      KanriEmulatorRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->cmdlet, "oauth:device_code"))
        g_array_append_val (times, request->time);
    }

  /* interval 1 s, then 1 + 5 s after slow_down (RFC 8628 section 3.5). */
  g_assert_cmpuint (times->len, >=, 3);
  g_assert_cmpint (g_array_index (times, gint64, 1) - g_array_index (times, gint64, 0), >=,
                   6 * SECOND_MS * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (g_array_index (times, gint64, 2) - g_array_index (times, gint64, 1), >=,
                   6 * SECOND_MS * G_TIME_SPAN_MILLISECOND);
}

static void
test_bad_code (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KanriDeviceCode code = { .user_code = (char *)"X", .device_code = (char *)"emu-dc.forged",
                           .verification_uri = (char *)"x", .expires_in = 60, .interval = 1 };
  GAsyncResult *result = NULL;
  KanriTokens *tokens;

  kanri_signin_wait_async (f->signin, &code, NULL, on_done, &result);
  tokens = kanri_signin_wait_finish (f->signin, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_null (tokens);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_BAD_CODE);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(KanriDeviceCode) code = begin (f);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  KanriTokens *tokens;

  kanri_signin_wait_async (f->signin, code, cancellable, on_done, &result);
  g_cancellable_cancel (cancellable);
  tokens = kanri_signin_wait_finish (f->signin, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_null (tokens);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_unreachable (void)
{
  g_autoptr(KanriSignin) signin = kanri_signin_new (KANRI_CLOUD_GCC_HIGH);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  KanriDeviceCode *code;

  g_assert_false (kanri_signin_set_login_url (signin, "http://login.example.com", &error));
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_INSECURE);
  g_clear_error (&error);

  /* Nothing listens on port 9 of loopback. */
  g_assert_true (kanri_signin_set_login_url (signin, "http://127.0.0.1:9/", &error));
  kanri_signin_begin_async (signin, NULL, on_done, &result);
  code = kanri_signin_begin_finish (signin, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_null (code);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED);
}

static void
test_clouds (void)
{
  static const struct { const char *name; const char *exo; const char *login; } clouds[] = {
    { "worldwide", "outlook.office365.com", "login.microsoftonline.com" },
    { "gcc", "outlook.office365.com", "login.microsoftonline.com" },
    { "gcchigh", "outlook.office365.us", "login.microsoftonline.us" },
    { "dod", "outlook-dod.office365.us", "login.microsoftonline.us" },
    { "21vianet", "outlook.office365.cn", "login.chinacloudapi.cn" },
    { "CHINA", "outlook.office365.cn", "login.chinacloudapi.cn" },
  };
  KanriCloud cloud;

  for (guint i = 0; i < G_N_ELEMENTS (clouds); i++)
    {
      g_autofree char *scope = NULL;

      g_assert_true (kanri_cloud_from_string (clouds[i].name, &cloud));
      g_assert_cmpstr (kanri_cloud_get_exo_host (cloud), ==, clouds[i].exo);
      g_assert_cmpstr (kanri_cloud_get_login_host (cloud), ==, clouds[i].login);
      scope = kanri_cloud_dup_scope (cloud);
      g_assert_true (g_str_has_prefix (scope, "https://"));
      g_assert_nonnull (strstr (scope, clouds[i].exo));
      g_assert_true (g_str_has_suffix (scope, "/.default offline_access"));
    }

  g_assert_false (kanri_cloud_from_string ("germany", &cloud));
}

static void
test_jwt (void)
{
  static const char *const bad[] = {
    "", "abc", "a.b", "a.b.c.d", "a.!!!.c", "a.bm90IGpzb24.c",
    /* {"upn":"x"}: no tenant */
    "a.eyJ1cG4iOiJ4In0.",
    /* {"tid":"not-a-guid"} */
    "a.eyJ0aWQiOiJub3QtYS1ndWlkIn0.",
  };
  g_autofree char *tid = NULL;
  g_autofree char *upn = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) local_error = NULL;

      g_assert_false (kanri_jwt_read_claims (bad[i], NULL, NULL, &local_error));
      g_assert_error (local_error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_SIGNIN_FAILED);
    }

  /* {"tid":"3F2B8C1E-7D4A-4E9B-9A61-5C0D2E7F8A14","preferred_username":"a@b.c"} */
  g_assert_true (kanri_jwt_read_claims ("x.eyJ0aWQiOiIzRjJCOEMxRS03RDRBLTRFOUItOUE2MS01QzBEMkU3RjhBMTQiLCJwcmVm"
                                        "ZXJyZWRfdXNlcm5hbWUiOiJhQGIuYyJ9.sig", &tid, &upn, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tid, ==, "3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14");
  g_assert_cmpstr (upn, ==, "a@b.c");
  g_clear_pointer (&upn, g_free);

  /* {"tid":"3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14","unique_name":"live.com#a@b.c"}: a display name,
   * not a UPN. */
  g_assert_true (kanri_jwt_read_claims ("x.eyJ0aWQiOiIzZjJiOGMxZS03ZDRhLTRlOWItOWE2MS01YzBkMmU3ZjhhMTQiLCJ1bmlx"
                                        "dWVfbmFtZSI6ImxpdmUuY29tI2FAYi5jIn0.sig", NULL, &upn, &error));
  g_assert_no_error (error);
  g_assert_null (upn);
}

/* An account's requests are anchored on its UPN, or, when its token named
 * none, on the tenant's system mailbox: never on nothing. */
static void
test_account_anchor (void)
{
  g_autoptr(KanriSignin) signin = kanri_signin_new (KANRI_CLOUD_WORLDWIDE);
  KanriTokens tokens = {
    .cloud = KANRI_CLOUD_WORLDWIDE,
    .tenant_id = (char *)"3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14",
    .upn = (char *)"admin@contoso.com",
    .access_token = (char *)"access",
    .refresh_token = (char *)"refresh",
  };
  g_autoptr(KanriAccount) user = kanri_account_new (signin, &tokens);
  g_autoptr(KanriAccount) nameless = NULL;
  g_autofree char *user_anchor = kanri_account_dup_anchor_mailbox (user);
  g_autofree char *nameless_anchor = NULL;

  tokens.upn = NULL;
  nameless = kanri_account_new (signin, &tokens);
  nameless_anchor = kanri_account_dup_anchor_mailbox (nameless);

  g_assert_cmpstr (user_anchor, ==, "UPN:admin@contoso.com");
  g_assert_cmpstr (nameless_anchor, ==,
                   "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14");
}

/* The Secret Service ------------------------------------------------------ */

static gboolean
store (const KanriTokens *tokens)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gboolean ok;

  kanri_secrets_store_async (tokens, NULL, on_done, &result);
  ok = kanri_secrets_store_finish (wait_for (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return ok;
}

static GPtrArray *
list_tenants (void)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  GPtrArray *tenants;

  kanri_secrets_list_async (NULL, on_done, &result);
  tenants = kanri_secrets_list_finish (wait_for (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return tenants;
}

static KanriTokens *
lookup (const char  *tenant,
        GError     **error)
{
  GAsyncResult *result = NULL;
  KanriTokens *tokens;

  kanri_secrets_lookup_async (tenant, NULL, on_done, &result);
  tokens = kanri_secrets_lookup_finish (wait_for (&result), error);
  g_object_unref (result);
  return tokens;
}

static gboolean
clear (const char *tenant)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gboolean removed;

  kanri_secrets_clear_async (tenant, NULL, on_done, &result);
  removed = kanri_secrets_clear_finish (wait_for (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return removed;
}

static void
test_secrets (void)
{
  KanriTokens one = { KANRI_CLOUD_WORLDWIDE, (char *)"11111111-1111-4111-8111-111111111111",
                      (char *)"admin@contoso.com", (char *)"access-1", (char *)"refresh-1", 1893456000 };
  KanriTokens two = { KANRI_CLOUD_GCC_HIGH, (char *)"22222222-2222-4222-8222-222222222222",
                      (char *)"it@fabrikam.us", (char *)"access-2", (char *)"refresh-2", 1893456000 };
  g_autoptr(GPtrArray) tenants = NULL;
  g_autoptr(KanriTokens) read = NULL;
  g_autoptr(GError) error = NULL;
  KanriTokens *found;

  g_assert_true (store (&one));
  g_assert_true (store (&two));
  /* One item per tenant: storing again replaces. */
  one.access_token = (char *)"access-1b";
  g_assert_true (store (&one));

  tenants = list_tenants ();
  g_assert_cmpuint (tenants->len, ==, 2);

  found = kanri_secrets_find_tenant (tenants, "contoso.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->tenant_id, ==, one.tenant_id);
  g_assert_null (found->access_token);
  found = kanri_secrets_find_tenant (tenants, "IT@FABRIKAM.US", &error);
  g_assert_cmpint (found->cloud, ==, KANRI_CLOUD_GCC_HIGH);
  found = kanri_secrets_find_tenant (tenants, two.tenant_id, &error);
  g_assert_nonnull (found);
  g_assert_null (kanri_secrets_find_tenant (tenants, NULL, &error));
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  g_assert_null (kanri_secrets_find_tenant (tenants, "northwind.com", &error));
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);

  read = lookup (one.tenant_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->access_token, ==, "access-1b");
  g_assert_cmpstr (read->refresh_token, ==, "refresh-1");
  g_assert_cmpstr (read->upn, ==, "admin@contoso.com");
  g_assert_cmpint (read->expires_at, ==, 1893456000);

  /* Sign out. */
  g_assert_true (clear (one.tenant_id));
  g_assert_false (clear (one.tenant_id));
  g_clear_pointer (&read, kanri_tokens_free);
  read = lookup (one.tenant_id, &error);
  g_assert_null (read);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN);
  g_assert_true (clear (two.tenant_id));

  g_clear_pointer (&tenants, g_ptr_array_unref);
  tenants = list_tenants ();
  g_assert_cmpuint (tenants->len, ==, 0);
}

static KanriAccount *
load_account (const char  *name,
              GError     **error)
{
  GAsyncResult *result = NULL;
  KanriAccount *account;

  kanri_account_load_async (name, NULL, on_done, &result);
  account = kanri_account_load_finish (wait_for (&result), error);
  g_object_unref (result);
  return account;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;

  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static guint
scan_for (const char *dir,
          const char *needle,
          guint      *files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint hits = 0;

  if (handle == NULL)
    return 0;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        hits += scan_for (path, needle, files);
      else
        {
          (*files)++;
          hits += file_contains (path, needle);
        }
    }

  return hits;
}

/* Sign in, run a cmdlet, have the token refused and renewed: then the
 * tokens are in the keyring and nowhere else. */
static void
test_tokens_only_in_keyring (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriTokens) tokens = sign_in (f, "approve", 1, &error);
  g_autoptr(KanriAccount) account = NULL;
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Get-TransportConfig");
  g_autoptr(KanriTokens) stored = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.kanri.Kanri");
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  const char *home = g_getenv ("KANRI_TEST_KEYRING_HOME");
  GAsyncResult *result = NULL;
  KanriExoResult *invoked;
  const char *secrets[4];
  guint files = 0;

  g_assert_no_error (error);
  g_assert_true (store (tokens));

  account = load_account ("contoso.onmicrosoft.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kanri_account_get_tenant_id (account), ==, tokens->tenant_id);
  g_assert_true (kanri_signin_set_login_url (kanri_account_get_signin (account),
                                             kanri_emulator_get_base_url (f->emulator), &error));
  g_assert_true (kanri_account_set_exo_url (account, kanri_emulator_get_base_url (f->emulator), &error));

  client = kanri_account_create_client (account, &error);
  g_assert_no_error (error);

  /* The service refuses the access token: the account renews it with the
   * refresh token and keeps the new ones. */
  kanri_emulator_revoke_access_tokens (f->emulator);
  kanri_exo_client_invoke_async (client, cmdlet, NULL, NULL, NULL, on_done, &result);
  invoked = kanri_exo_client_invoke_finish (client, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  kanri_exo_result_free (invoked);
  g_assert_cmpuint (count (f->emulator, "oauth:refresh_token"), ==, 1);

  /* Let the renewed tokens reach the keyring. */
  {
    gint64 end = g_get_monotonic_time () + G_TIME_SPAN_SECOND;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }

  stored = lookup (tokens->tenant_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->access_token, !=, tokens->access_token);

  secrets[0] = tokens->access_token;
  secrets[1] = tokens->refresh_token;
  secrets[2] = stored->access_token;
  secrets[3] = stored->refresh_token;

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      /* The emulator's tenant file, this test's data folders, and the
       * home of the keyring daemon itself (its files are encrypted). */
      g_assert_cmpuint (scan_for (g_get_user_data_dir (), secrets[i], &files), ==, 0);
      g_assert_cmpuint (scan_for (g_get_user_config_dir (), secrets[i], &files), ==, 0);
      g_assert_cmpuint (scan_for (g_get_user_cache_dir (), secrets[i], &files), ==, 0);
      g_assert_nonnull (home);
      g_assert_cmpuint (scan_for (home, secrets[i], &files), ==, 0);

      g_assert_null (strstr (logged->str, secrets[i]));
    }
  /* The scan saw the databases and the keyring. */
  g_assert_cmpuint (files, >=, 3);

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      for (guint j = 0; j < G_N_ELEMENTS (secrets); j++)
        g_assert_null (strstr (text, secrets[j]));
    }

  g_assert_true (clear (tokens->tenant_id));
}

static void
test_account_not_signed_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriAccount) account = load_account ("nobody.example", &error);

  g_assert_null (account);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN);
}

int
main (int   argc,
      char *argv[])
{
  /* Debug messages too: the test checks that no log carries a token. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  logged = g_string_new (NULL);
  g_log_set_writer_func (record_log, NULL, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/signin/device-code", test_device_code);
  ADD ("/signin/pending-then-success", test_pending_then_success);
  ADD ("/signin/declined", test_declined);
  ADD ("/signin/expired", test_expired);
  ADD ("/signin/expired-locally", test_expired_locally);
  ADD ("/signin/slow-down", test_slow_down);
  ADD ("/signin/bad-code", test_bad_code);
  ADD ("/signin/cancel", test_cancel);
  ADD ("/signin/tokens-only-in-keyring", test_tokens_only_in_keyring);
#undef ADD
  g_test_add_func ("/signin/unreachable", test_unreachable);
  g_test_add_func ("/signin/clouds", test_clouds);
  g_test_add_func ("/signin/jwt", test_jwt);
  g_test_add_func ("/signin/account-anchor", test_account_anchor);
  g_test_add_func ("/signin/secrets", test_secrets);
  g_test_add_func ("/signin/account-not-signed-in", test_account_not_signed_in);

  return g_test_run ();
}
