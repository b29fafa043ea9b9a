/* test-audit-fix-crash.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Mailbox Auditing page's promise (PRODUCT.md "Reliability"): fix
 * option 2 on 2,000 mailboxes, with the service throttling now and then
 * (429 with Retry-After), and the app killed with SIGKILL half-way. After a
 * restart and Resume, all 2,000 are fixed, and no change reached the
 * service twice. The emulator lives in this process and outlives the app's
 * side (audit-fix-child), as the service outlives a crashed Kanri; the
 * pattern is test-journal-crash's. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>

#include "kanri-demo-host.h"
#include "kanri-exo-client.h"
#include "kanri-journal.h"
#include "kanri-static-token.h"

#define N_MAILBOXES 2000
#define KILL_AT     (N_MAILBOXES / 2)

/* A tenant whose mailboxes have all customised their owner's audit list
 * and lack MailItemsAccessed and Send there. */
static char *
write_seed (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char *path = g_build_filename (g_get_user_data_dir (), "audit-crash-seed.json", NULL);
  static const char *const owner[] = {
    "ApplyRecord", "HardDelete", "MoveToDeletedItems", "SoftDelete", "Update",
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Tenant");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Id");
  json_builder_add_string_value (builder, "3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14");
  json_builder_set_member_name (builder, "Organization");
  json_builder_add_string_value (builder, "contoso.onmicrosoft.com");
  json_builder_set_member_name (builder, "Admin");
  json_builder_add_string_value (builder, "admin@contoso.onmicrosoft.com");
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "Mailboxes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < N_MAILBOXES; i++)
    {
      g_autofree char *upn = g_strdup_printf ("user%04u@fabrikam.com", i);
      g_autofree char *name = g_strdup_printf ("利用者 %04u", i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "UserPrincipalName");
      json_builder_add_string_value (builder, upn);
      json_builder_set_member_name (builder, "DisplayName");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "DefaultAuditSet");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, "Admin");
      json_builder_add_string_value (builder, "Delegate");
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "AuditOwner");
      json_builder_begin_array (builder);
      for (guint j = 0; j < G_N_ELEMENTS (owner); j++)
        json_builder_add_string_value (builder, owner[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);

  return path;
}

/* The tenant's state file, seeded before the emulator serves it. */
static void
seed (const char *state_path,
      const char *seed_path)
{
  g_autoptr(KanriEmulator) emulator = NULL;
  g_autoptr(GError) error = NULL;

  emulator = kanri_emulator_new (state_path, &error);
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_seed (emulator, seed_path, &error));
  g_assert_no_error (error);
}

/* Throttled now and then, across the whole batch, kill or not. */
static void
add_faults (KanriEmulator *emulator,
            gpointer       user_data)
{
  static const guint nth[] = { 120, 480, 990, 1010, 1500, 1880 };

  for (guint i = 0; i < G_N_ELEMENTS (nth); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *spec = g_strdup_printf ("429,retry-after=1,cmdlet=Set-Mailbox,nth=%u", nth[i]);

      g_assert_true (kanri_emulator_add_fault (emulator, spec, &error));
      g_assert_no_error (error);
    }
}

typedef struct
{
  GHashTable *received;
  guint       throttled;
} Tally;

/* Every Set-Mailbox that reached the cmdlet, by mailbox: a change that
 * arrives twice is a fault even if the second time finds it done. */
static void
tally_requests (KanriEmulator *emulator,
                gpointer       user_data)
{
  Tally *tally = user_data;
  GPtrArray *requests = kanri_emulator_get_requests (emulator);

  for (guint i = 0; i < requests->len; i++)
    {
      KanriEmulatorRequest *request = g_ptr_array_index (requests, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *identity;

      if (g_ascii_strcasecmp (request->cmdlet, "Set-Mailbox") != 0)
        continue;
      if (request->fault != NULL)
        {
          tally->throttled += request->status == 429;
          continue;
        }

      g_assert_true (json_parser_load_from_data (parser, request->parameters, -1, NULL));
      identity = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "Identity");
      g_hash_table_insert (tally->received, g_strdup (identity),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (tally->received, identity)) + 1));
    }
}

static void
got_mailboxes_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoResult) answer = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object), result, &error);

  g_assert_no_error (error);
  *(JsonArray **)user_data = json_array_ref (kanri_exo_result_get_values (answer));
}

static JsonArray *
get_mailboxes (KanriDemoHost *host)
{
  g_autoptr(KanriStaticToken) token = kanri_static_token_new (kanri_demo_host_get_access_token (host));
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Get-Mailbox");
  g_autoptr(GError) error = NULL;
  JsonArray *values = NULL;

  client = kanri_exo_client_new (kanri_demo_host_get_invoke_url (host), KANRI_TOKEN_PROVIDER (token), NULL, &error);
  g_assert_no_error (error);
  kanri_cmdlet_set_string (cmdlet, "ResultSize", "Unlimited");
  kanri_exo_client_invoke_async (client, cmdlet, NULL, NULL, NULL, got_mailboxes_cb, &values);
  while (values == NULL)
    g_main_context_iteration (NULL, TRUE);

  return values;
}

static gboolean
list_contains (JsonObject *object,
               const char *member,
               const char *value)
{
  JsonArray *array = json_object_get_array_member (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      if (g_str_equal (json_array_get_string_element (array, i), value))
        return TRUE;
    }

  return FALSE;
}

static void
host_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(KanriDemoHost **)user_data = kanri_demo_host_start_finish (result, &error);
  g_assert_no_error (error);
}

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer user_data)
{
  *(int *)user_data = status;
  g_spawn_close_pid (pid);
}

static int
count_done (const char *store_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int done = -1;

  if (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM operations WHERE state = 'done'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    done = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return done;
}

/* Runs the child until it exits, or kills it once @kill_at changes are done
 * (0: never). Returns whether it finished by itself, successfully. */
static gboolean
run_child (char       **argv,
           const char  *store_path,
           int          kill_at)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int status = -1;
  GPid pid;

  envp = g_environ_setenv (envp, "ASAN_OPTIONS", "detect_leaks=0", TRUE);

  g_assert_true (g_spawn_async (NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited_cb, &status);

  while (status == -1)
    {
      if (kill_at > 0 && count_done (store_path) >= kill_at)
        {
          kill (pid, SIGKILL);
          kill_at = 0;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }

  if (WIFSIGNALED (status))
    {
      g_test_message ("app killed with %d changes done", count_done (store_path));
      return FALSE;
    }

  return g_spawn_check_wait_status (status, NULL);
}

static void
test_kill_and_resume (void)
{
  g_autoptr(KanriDemoHost) host = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  g_autoptr(JsonArray) mailboxes = NULL;
  g_autofree char *seed_path = write_seed ();
  g_autofree char *demo_path = g_build_filename (g_get_user_data_dir (), "audit-crash-tenant.db", NULL);
  g_autofree char *store_path = kanri_store_default_path ();
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "model", "audit-fix-child", NULL);
  Tally tally = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), 0 };
  GHashTableIter iter;
  gpointer key, value;
  guint resumed = 0;
  guint runs = 1;
  char *argv[6];

  seed (demo_path, seed_path);
  kanri_demo_host_start_async (demo_path, NULL, host_started_cb, &host);
  while (host == NULL)
    g_main_context_iteration (NULL, TRUE);
  kanri_demo_host_run (host, add_faults, NULL);

  argv[0] = child;
  argv[1] = store_path;
  argv[2] = (char *)kanri_demo_host_get_invoke_url (host);
  argv[3] = (char *)kanri_demo_host_get_access_token (host);
  argv[4] = (char *)kanri_demo_host_get_admin_upn (host);
  argv[5] = NULL;

  /* Killed once, half-way. */
  g_assert_false (run_child (argv, store_path, KILL_AT));

  /* Restarted: the unfinished fix is resumed and runs to its end. */
  while (!run_child (argv, store_path, 0))
    g_assert_cmpuint (++runs, <, 10);

  kanri_demo_host_run (host, tally_requests, &tally);
  g_test_message ("%u restarts, %u requests throttled", runs, tally.throttled);
  g_assert_cmpuint (tally.throttled, >, 0);

  /* No change reached the service twice. */
  g_assert_cmpuint (g_hash_table_size (tally.received), ==, N_MAILBOXES);
  g_hash_table_iter_init (&iter, tally.received);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (value) != 1)
        g_error ("Set-Mailbox reached the service %u times for %s", GPOINTER_TO_UINT (value), (char *)key);
    }

  /* All 2,000 fixed. */
  mailboxes = get_mailboxes (host);
  g_assert_cmpuint (json_array_get_length (mailboxes), ==, N_MAILBOXES);
  for (guint i = 0; i < json_array_get_length (mailboxes); i++)
    {
      JsonObject *mailbox = json_array_get_object_element (mailboxes, i);

      if (!list_contains (mailbox, "AuditOwner", "MailItemsAccessed") || !list_contains (mailbox, "AuditOwner", "Send"))
        g_error ("%s was not fixed", json_object_get_string_member (mailbox, "UserPrincipalName"));
    }

  /* And the journal says so: one operation each, all done. */
  store = kanri_store_open (store_path, &error);
  g_assert_no_error (error);
  operations = kanri_journal_list (kanri_journal_get_for_store (store), NULL, 0, &error);
  g_assert_cmpuint (operations->len, ==, N_MAILBOXES);
  for (guint i = 0; i < operations->len; i++)
    {
      KanriOperation *op = g_ptr_array_index (operations, i);

      g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
      resumed += kanri_operation_get_attempts (op) > 1;
    }
  g_test_message ("%u changes were in flight at the kill and resumed", resumed);

  g_hash_table_unref (tally.received);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/audit-fix/kill-and-resume", test_kill_and_resume);

  return g_test_run ();
}
