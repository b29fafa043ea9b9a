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

#include "kanri-anchor-mailbox.h"
#include "kanri-test-child.h"
#include "kanri-test-tenant.h"

#define N_MAILBOXES 500
#define N_KILLS 6

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
test_crash_and_resume (void)
{
  g_autoptr(KanriDemoHost) host = NULL;
  g_autoptr(KanriTestChild) child = NULL;
  g_autoptr(JsonArray) mailboxes = NULL;
  g_autofree char *demo_path = g_build_filename (g_get_user_data_dir (), "crash-tenant.db", NULL);
  guint kills = 0;
  guint resumed;
  guint runs = 0;

  host = kanri_test_demo_host_start (demo_path);
  kanri_demo_host_run (host, generate, NULL);
  child = kanri_test_child_new ("crash-child", host);

  /* Killed at random points of the batch, each run a little further on. */
  while (kills < N_KILLS)
    {
      int done = MAX (kanri_test_child_count_done (child), 0);

      runs++;
      if (kanri_test_child_run (child, done + g_test_rand_int_range (5, 80)))
        break;
      kills++;
    }

  /* Then left to finish, resuming what is left. */
  kanri_test_child_run_to_end (child, &runs, 20);

  g_test_message ("%u kills, %u runs", kills, runs);
  g_assert_cmpuint (kills, >=, 1);

  /* No change sent twice. */
  g_assert_cmpuint (kanri_test_child_check_sent_once (host, "Set-Mailbox", NULL), >=, N_MAILBOXES);

  /* Every mailbox ends right. */
  mailboxes = kanri_test_demo_host_get_mailboxes (host);
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
  resumed = kanri_test_child_check_journal (child, json_array_get_length (mailboxes));

  /* The kills did land in the middle of changes, which were resumed. */
  g_test_message ("%u operations interrupted and resumed", resumed);
  g_assert_cmpuint (resumed, >, 0);
}

static void
add_drop_after (KanriEmulator *emulator,
                gpointer       user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kanri_emulator_add_fault (emulator, "drop-after,count=1,cmdlet=Set-Mailbox", &error));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(KanriExoResult) answer = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object), result, NULL);

  *(gboolean *)user_data = TRUE;
}

/* The check itself: a change whose answer a drop-after fault lost, then
 * sent again, reached the service twice, and the check must say so. */
static void
test_sent_once_counts_faulted (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *demo_path = g_build_filename (g_get_user_data_dir (), "twice-tenant.db", NULL);
      g_autoptr(KanriDemoHost) host = kanri_test_demo_host_start (demo_path);
      g_autoptr(KanriStaticToken) token = kanri_static_token_new (kanri_demo_host_get_access_token (host));
      g_autofree char *anchor = kanri_anchor_mailbox_for_upn (kanri_demo_host_get_admin_upn (host));
      g_autoptr(KanriExoClient) client = NULL;
      g_autoptr(KanriCmdlet) cmdlet = NULL;
      g_autoptr(GError) error = NULL;

      client = kanri_exo_client_new (kanri_demo_host_get_invoke_url (host), KANRI_TOKEN_PROVIDER (token),
                                     anchor, &error);
      g_assert_no_error (error);
      cmdlet = kanri_cmdlet_parse ("Set-Mailbox -Identity taro.yamada -AuditLogAgeLimit 120.00:00:00", &error);
      g_assert_no_error (error);
      kanri_demo_host_run (host, add_drop_after, NULL);

      /* A client that resends a change whose answer was lost. */
      for (guint i = 0; i < 2; i++)
        {
          gboolean done = FALSE;

          kanri_exo_client_invoke_async (client, cmdlet, NULL, NULL, NULL, sent_cb, &done);
          kanri_test_wait (&done);
        }

      kanri_test_child_check_sent_once (host, "Set-Mailbox", NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Set-Mailbox reached the service 2 times for taro.yamada*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/journal/crash-and-resume", test_crash_and_resume);
  g_test_add_func ("/journal/sent-once-counts-faulted", test_sent_once_counts_faulted);

  return g_test_run ();
}
