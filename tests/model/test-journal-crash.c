/* test-journal-crash.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* No change lost, none applied twice (PRODUCT.md "Reliability"): a batch of
 * 500 Set-Mailbox changes runs in a child process that is killed with
 * SIGKILL at random moments and started again, resuming from the journal,
 * until the batch is done. The emulator (in this process, so it outlives
 * each child) then shows every mailbox changed, and each change applied
 * exactly once. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include <sqlite3.h>

#include "kanri-demo-host.h"
#include "kanri-exo-client.h"
#include "kanri-journal.h"
#include "kanri-static-token.h"

#define N_MAILBOXES 500
#define N_KILLS 6

typedef struct
{
  GHashTable *sent;
  guint       total;
  guint       with_search;
} Tally;

static void
generate (KanriEmulator *emulator,
          gpointer       user_data)
{
  g_autoptr(GError) error = NULL;

  /* Only generated mailboxes: the demo seed's are replaced. */
  g_assert_true (kanri_emulator_generate_mailboxes (emulator, N_MAILBOXES, &error));
  g_assert_no_error (error);
}

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

      /* Every request that reached the service counts, whether it changed
       * the mailbox or not: a change sent twice is a fault even when the
       * second time finds nothing left to do. */
      if (g_ascii_strcasecmp (request->cmdlet, "Set-Mailbox") != 0)
        continue;

      g_assert_true (json_parser_load_from_data (parser, request->parameters, -1, NULL));
      identity = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                "Identity");
      g_hash_table_insert (tally->sent, g_strdup (identity),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (tally->sent, identity)) + 1));
    }
}

static void
got_mailboxes_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriExoResult) answer = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object),
                                                                     result, &error);

  g_assert_no_error (error);
  *(JsonArray **)user_data = json_array_ref (kanri_exo_result_get_values (answer));
}

/* The tenant as the emulator has it, read through a client of our own. */
static JsonArray *
get_mailboxes (KanriDemoHost *host)
{
  g_autoptr(KanriStaticToken) token = kanri_static_token_new (kanri_demo_host_get_access_token (host));
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Get-Mailbox");
  g_autoptr(GError) error = NULL;
  JsonArray *values = NULL;

  client = kanri_exo_client_new (kanri_demo_host_get_invoke_url (host), KANRI_TOKEN_PROVIDER (token),
                                 NULL, &error);
  g_assert_no_error (error);
  kanri_cmdlet_set_string (cmdlet, "ResultSize", "Unlimited");
  kanri_exo_client_invoke_async (client, cmdlet, NULL, NULL, NULL, got_mailboxes_cb, &values);
  while (values == NULL)
    g_main_context_iteration (NULL, TRUE);

  return values;
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
  int *out = user_data;

  *out = status;
  g_spawn_close_pid (pid);
}

/* How many operations the child's journal has done, read without taking the
 * journal's lease. */
static int
count_done (const char *store_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int done = -1;

  if (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM operations WHERE state = 'done'", -1,
                          &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    done = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return done;
}

/* Runs the child until it exits, or kills it once its journal has @kill_at
 * operations done (0: never). Returns whether it finished by itself,
 * successfully. Killing by progress, not by time, lands the kills in the
 * middle of the batch however fast the machine (or a sanitizer build) is. */
static gboolean
run_child (char       **argv,
           const char  *store_path,
           int          kill_at)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int status = -1;
  GPid pid;

  /* A child killed half-way has nothing to say about leaks; in a sanitizer
   * build the report would only change its exit status. */
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
      g_test_message ("child killed with %d operations done", count_done (store_path));
      return FALSE;
    }

  return g_spawn_check_wait_status (status, NULL);
}

static void
test_crash_and_resume (void)
{
  g_autoptr(KanriDemoHost) host = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  g_autoptr(JsonArray) mailboxes = NULL;
  g_autofree char *demo_path = g_build_filename (g_get_user_data_dir (), "crash-tenant.db", NULL);
  g_autofree char *store_path = kanri_store_default_path ();
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "model", "crash-child", NULL);
  Tally tally = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  GHashTableIter iter;
  gpointer key, value;
  guint kills = 0;
  guint resumed = 0;
  guint runs = 0;
  char *argv[6];

  kanri_demo_host_start_async (demo_path, NULL, host_started_cb, &host);
  while (host == NULL)
    g_main_context_iteration (NULL, TRUE);
  kanri_demo_host_run (host, generate, NULL);

  argv[0] = child;
  argv[1] = store_path;
  argv[2] = (char *)kanri_demo_host_get_invoke_url (host);
  argv[3] = (char *)kanri_demo_host_get_access_token (host);
  argv[4] = (char *)kanri_demo_host_get_admin_upn (host);
  argv[5] = NULL;

  /* Killed at random points of the batch, each run a little further on. */
  while (kills < N_KILLS)
    {
      int done = MAX (count_done (store_path), 0);

      runs++;
      if (run_child (argv, store_path, done + g_test_rand_int_range (5, 80)))
        break;
      kills++;
    }

  /* Then left to finish, resuming what is left. */
  while (!run_child (argv, store_path, 0))
    g_assert_cmpuint (++runs, <, 20);

  g_test_message ("%u kills, %u runs", kills, runs);
  g_assert_cmpuint (kills, >=, 1);

  kanri_demo_host_run (host, tally_requests, &tally);

  /* No change sent twice. */
  g_assert_cmpuint (g_hash_table_size (tally.sent), >=, N_MAILBOXES);
  g_hash_table_iter_init (&iter, tally.sent);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (value) != 1)
        g_error ("Set-Mailbox sent %u times for %s", GPOINTER_TO_UINT (value), (char *)key);
    }

  /* Every mailbox ends right. */
  mailboxes = get_mailboxes (host);
  for (guint i = 0; i < json_array_get_length (mailboxes); i++)
    {
      JsonObject *mailbox = json_array_get_object_element (mailboxes, i);
      JsonArray *owner = json_object_get_array_member (mailbox, "AuditOwner");
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (owner); j++)
        found |= g_str_equal (json_array_get_string_element (owner, j), "SearchQueryInitiated");
      if (!found)
        g_error ("%s does not audit searches", json_object_get_string_member (mailbox, "UserPrincipalName"));
    }

  /* And the journal says so: the whole batch done, one operation each. */
  store = kanri_store_open (store_path, &error);
  g_assert_no_error (error);
  operations = kanri_journal_list (kanri_journal_get_for_store (store), NULL, 0, &error);
  g_assert_cmpuint (operations->len, ==, json_array_get_length (mailboxes));
  for (guint i = 0; i < operations->len; i++)
    {
      KanriOperation *op = g_ptr_array_index (operations, i);

      g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
      resumed += kanri_operation_get_attempts (op) > 1;
    }

  /* The kills did land in the middle of changes, which were resumed. */
  g_test_message ("%u operations interrupted and resumed", resumed);
  g_assert_cmpuint (resumed, >, 0);

  g_hash_table_unref (tally.sent);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/journal/crash-and-resume", test_crash_and_resume);

  return g_test_run ();
}
