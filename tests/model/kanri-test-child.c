/* kanri-test-child.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "kanri-anchor-mailbox.h"
#include "kanri-static-token.h"
#include "kanri-test-child.h"

struct _KanriTestChild
{
  char **argv;
  char  *store_path;
};

/**
 * kanri_test_child_new:
 * @program: the child program's name in the model tests' build folder
 * @host: the demo tenant the child connects to
 *
 * The child runs on the test's own local model (kanri_store_default_path(),
 * inside the test's isolated folders), with the arguments
 * kanri_test_child_open_tenant() reads: STORE INVOKE-URL TOKEN ADMIN-UPN.
 */
KanriTestChild *
kanri_test_child_new (const char    *program,
                      KanriDemoHost *host)
{
  KanriTestChild *child = g_new0 (KanriTestChild, 1);

  child->store_path = kanri_store_default_path ();
  child->argv = g_new0 (char *, 6);
  child->argv[0] = g_test_build_filename (G_TEST_BUILT, "model", program, NULL);
  child->argv[1] = g_strdup (child->store_path);
  child->argv[2] = g_strdup (kanri_demo_host_get_invoke_url (host));
  child->argv[3] = g_strdup (kanri_demo_host_get_access_token (host));
  child->argv[4] = g_strdup (kanri_demo_host_get_admin_upn (host));

  return child;
}

void
kanri_test_child_free (KanriTestChild *child)
{
  g_strfreev (child->argv);
  g_free (child->store_path);
  g_free (child);
}

/**
 * kanri_test_child_count_done:
 *
 * Returns: how many operations the child's journal has done, or -1 before
 *   it has a journal; read without taking the journal's lease, which the
 *   running child holds
 */
int
kanri_test_child_count_done (KanriTestChild *child)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int done = -1;

  if (sqlite3_open_v2 (child->store_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM operations WHERE state = 'done'", -1,
                          &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    done = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return done;
}

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer user_data)
{
  *(int *)user_data = status;
  g_spawn_close_pid (pid);
}

/**
 * kanri_test_child_run:
 * @kill_at: kill the child with SIGKILL once its journal has this many
 *   operations done; 0: never
 *
 * Runs the child until it exits or is killed. Killing by progress, not by
 * time, lands the kill in the middle of the batch however fast the machine
 * (or a sanitizer build) is.
 *
 * Returns: whether the child finished by itself, successfully
 */
gboolean
kanri_test_child_run (KanriTestChild *child,
                      int             kill_at)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int status = -1;
  GPid pid;

  /* A child killed half-way has nothing to say about leaks; in a sanitizer
   * build the report would only change its exit status. */
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", "detect_leaks=0", TRUE);

  g_assert_true (g_spawn_async (NULL, child->argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited_cb, &status);

  while (status == -1)
    {
      if (kill_at > 0 && kanri_test_child_count_done (child) >= kill_at)
        {
          kill (pid, SIGKILL);
          kill_at = 0;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }

  if (WIFSIGNALED (status))
    {
      g_test_message ("child killed with %d operations done", kanri_test_child_count_done (child));
      return FALSE;
    }

  return g_spawn_check_wait_status (status, NULL);
}

/**
 * kanri_test_child_run_to_end:
 * @runs: the runs so far, counted on with each run that does not finish
 * @max_runs: fails the test when @runs reaches it
 *
 * Starts the child again, unkilled, until it finishes the batch: a bound,
 * so that a child that cannot resume fails the test instead of looping.
 */
void
kanri_test_child_run_to_end (KanriTestChild *child,
                             guint          *runs,
                             guint           max_runs)
{
  while (!kanri_test_child_run (child, 0))
    g_assert_cmpuint (++*runs, <, max_runs);
}

/**
 * kanri_test_child_check_journal:
 * @n_operations: how many operations the batch has
 *
 * Checks, once the child is gone, that its journal has the whole batch done,
 * one operation each.
 *
 * Returns: how many operations were interrupted by a kill and resumed
 */
guint
kanri_test_child_check_journal (KanriTestChild *child,
                                guint           n_operations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  guint resumed = 0;

  store = kanri_store_open (child->store_path, &error);
  g_assert_no_error (error);
  operations = kanri_journal_list (kanri_journal_get_for_store (store), NULL, 0, &error);
  g_assert_cmpuint (operations->len, ==, n_operations);
  for (guint i = 0; i < operations->len; i++)
    {
      KanriOperation *op = g_ptr_array_index (operations, i);

      g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
      resumed += kanri_operation_get_attempts (op) > 1;
    }

  return resumed;
}

typedef struct
{
  const char *cmdlet;
  GHashTable *sent;
  guint       throttled;
} Sent;

static void
tally_sent (KanriEmulator *emulator,
            gpointer       user_data)
{
  Sent *sent = user_data;
  GPtrArray *requests = kanri_emulator_get_requests (emulator);

  for (guint i = 0; i < requests->len; i++)
    {
      KanriEmulatorRequest *request = g_ptr_array_index (requests, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *identity;

      if (g_ascii_strcasecmp (request->cmdlet, sent->cmdlet) != 0)
        continue;
      sent->throttled += request->fault != NULL && request->status == 429;
      if (!request->ran)
        continue;

      g_assert_true (json_parser_load_from_data (parser, request->parameters, -1, NULL));
      identity = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                "Identity");
      g_hash_table_insert (sent->sent, g_strdup (identity),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (sent->sent, identity)) + 1));
    }
}

/**
 * kanri_test_child_check_sent_once:
 * @n_throttled: (out) (optional): how many @cmdlet requests an injected
 *   fault answered with 429
 *
 * Checks that no @cmdlet reached the service twice for one Identity across
 * all the children's runs. Every request the cmdlet ran counts, whether it
 * changed the mailbox or not: a change sent twice is a fault even when the
 * second time finds nothing left to do. So does one whose answer a fault
 * lost after the cmdlet ran (drop-after, truncate): sending it again is the
 * double apply this looks for. Requests an injected fault stopped before
 * the cmdlet do not count: resending those is the client's job.
 *
 * Returns: how many Identities @cmdlet was sent for
 */
guint
kanri_test_child_check_sent_once (KanriDemoHost *host,
                                  const char    *cmdlet,
                                  guint         *n_throttled)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Sent sent = { cmdlet, table, 0 };
  GHashTableIter iter;
  gpointer key, value;

  kanri_demo_host_run (host, tally_sent, &sent);

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (value) != 1)
        g_error ("%s reached the service %u times for %s", cmdlet, GPOINTER_TO_UINT (value), (char *)key);
    }

  if (n_throttled != NULL)
    *n_throttled = sent.throttled;
  return g_hash_table_size (table);
}

/**
 * kanri_test_child_open_tenant:
 *
 * The child program's start: its local model and the demo tenant from the
 * arguments kanri_test_child_new() gives it, connected as the app connects,
 * with 8 changes in flight so that a kill interrupts several at once.
 *
 * Returns: (transfer full) (nullable): the tenant, or %NULL after printing
 *   the usage when the arguments are wrong
 */
KanriTenant *
kanri_test_child_open_tenant (int    argc,
                              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autoptr(KanriTenant) tenant = NULL;
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriStaticToken) token = NULL;
  g_autofree char *anchor = NULL;

  if (argc != 5)
    {
      g_printerr ("usage: %s STORE INVOKE-URL TOKEN ADMIN-UPN\n", argv[0]);
      return NULL;
    }

  store = kanri_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("store: %s", error->message);

  tenant = kanri_tenant_new (store, "demo", "Demo", KANRI_TENANT_DEMO, "worldwide", argv[4], &error);
  token = kanri_static_token_new (argv[3]);
  anchor = kanri_anchor_mailbox_for_upn (argv[4]);
  client = kanri_exo_client_new (argv[2], KANRI_TOKEN_PROVIDER (token), anchor, &error);
  if (tenant == NULL || client == NULL)
    g_error ("tenant: %s", error->message);
  kanri_tenant_set_client (tenant, client);
  kanri_tenant_set_concurrency (tenant, 8);

  return g_steal_pointer (&tenant);
}

/* Whether a batch was ever created: one that has since finished leaves the
 * child nothing to do. */
gboolean
kanri_test_child_has_batch (KanriStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = kanri_store_prepare (store, "SELECT count(*) FROM batches", NULL);

  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
}

/**
 * kanri_test_child_finish_batch:
 *
 * Runs @batch until it finishes, or until the test kills the child.
 *
 * Returns: the child's exit status: 0 when every change succeeded
 */
int
kanri_test_child_finish_batch (KanriBatch *batch)
{
  kanri_batch_start (batch);
  while (!kanri_batch_get_finished (batch))
    g_main_context_iteration (NULL, TRUE);

  return kanri_batch_get_failed (batch) == 0 ? 0 : 1;
}
