/* test-tenant.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-accepted-domain.h"
#include "kanri-audit-bypass.h"
#include "kanri-batch.h"
#include "kanri-connector.h"
#include "kanri-exo-error.h"
#include "kanri-test-tenant.h"
#include "kanri-tenant-tables.h"

typedef KanriTestTenant Fixture;

static void
wait_list (KanriMailboxList *list)
{
  while (kanri_mailbox_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static char *
values_member (JsonObject *object,
               const char *member)
{
  return kanri_tenant_tables_join_list (object, member);
}

/* Every mailbox of the emulator, as the local model has it. */
static void
assert_model_matches_emulator (Fixture *fixture)
{
  g_autoptr(JsonArray) mailboxes = kanri_test_emulator_query (fixture, "Get-Mailbox -ResultSize Unlimited");
  g_autoptr(KanriMailboxList) list = kanri_tenant_create_mailbox_list (fixture->tenant);
  g_autoptr(GHashTable) by_guid = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);

  wait_list (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, json_array_get_length (mailboxes));
  g_assert_cmpuint (kanri_tenant_get_n_mailboxes (fixture->tenant), ==, json_array_get_length (mailboxes));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      KanriMailbox *mailbox = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_hash_table_insert (by_guid, (gpointer)kanri_mailbox_get_guid (mailbox), mailbox);
    }

  for (guint i = 0; i < json_array_get_length (mailboxes); i++)
    {
      JsonObject *object = json_array_get_object_element (mailboxes, i);
      KanriMailbox *mailbox = g_hash_table_lookup (by_guid, json_object_get_string_member (object, "ExternalDirectoryObjectId"));
      g_autofree char *defaults = values_member (object, "DefaultAuditSet");
      g_autofree char *admin = values_member (object, "AuditAdmin");
      g_autofree char *delegate = values_member (object, "AuditDelegate");
      g_autofree char *owner = values_member (object, "AuditOwner");

      g_assert_nonnull (mailbox);
      g_assert_cmpstr (kanri_mailbox_get_display_name (mailbox), ==, json_object_get_string_member (object, "DisplayName"));
      g_assert_cmpstr (kanri_mailbox_get_default_audit_set (mailbox), ==, defaults);
      g_assert_cmpstr (kanri_mailbox_get_audit_actions (mailbox, KANRI_AUDIT_ADMIN), ==, admin);
      g_assert_cmpstr (kanri_mailbox_get_audit_actions (mailbox, KANRI_AUDIT_DELEGATE), ==, delegate);
      g_assert_cmpstr (kanri_mailbox_get_audit_actions (mailbox, KANRI_AUDIT_OWNER), ==, owner);
      g_assert_cmpint (kanri_mailbox_get_audit_enabled (mailbox), ==,
                       json_object_get_boolean_member (object, "AuditEnabled"));
    }
}

/* The names of the accounts the local model says bypass auditing. */
static char *
bypass_names (KanriTenant *tenant)
{
  GListModel *accounts = kanri_tenant_get_audit_bypass (tenant);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(KanriAuditBypass) account = g_list_model_get_item (accounts, i);

      if (names->len > 0)
        g_string_append_c (names, ',');
      g_string_append (names, kanri_audit_bypass_get_name (account));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Where Exchange names who did something, the signed-in account may be its
 * UPN, its alias or its mailbox's display name: the last once synced. */
static void
test_account_names (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(GStrv) before = kanri_tenant_dup_account_names (fixture->tenant);
  g_auto(GStrv) after = NULL;
  g_autofree char *joined = NULL;

  g_assert_cmpstr (kanri_tenant_get_account (fixture->tenant), ==, "admin@contoso.onmicrosoft.com");
  joined = g_strjoinv ("|", before);
  g_assert_cmpstr (joined, ==, "admin@contoso.onmicrosoft.com|admin");

  kanri_test_tenant_sync (fixture);
  after = kanri_tenant_dup_account_names (fixture->tenant);
  g_clear_pointer (&joined, g_free);
  joined = g_strjoinv ("|", after);
  g_assert_cmpstr (joined, ==, "admin@contoso.onmicrosoft.com|admin|Administrator");
}

static void
test_sync (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KanriConnector) gateway = NULL;
  g_autoptr(KanriAcceptedDomain) domain = NULL;

  g_assert_null (kanri_tenant_get_last_sync (fixture->tenant));
  kanri_test_tenant_sync (fixture);

  g_assert_nonnull (kanri_tenant_get_last_sync (fixture->tenant));
  g_assert_false (kanri_tenant_get_syncing (fixture->tenant));
  g_assert_cmpuint (kanri_tenant_get_n_mailboxes (fixture->tenant), ==, 50);
  g_assert_cmpuint (g_list_model_get_n_items (kanri_tenant_get_connectors (fixture->tenant)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (kanri_tenant_get_accepted_domains (fixture->tenant)), ==, 3);
  g_assert_cmpstr (kanri_tenant_get_message_expiration (fixture->tenant), ==, "1.00:00:00");
  g_assert_false (kanri_tenant_get_audit_disabled (fixture->tenant));
  {
    g_autofree char *bypassed = bypass_names (fixture->tenant);

    g_autoptr(KanriAuditBypass) account = g_list_model_get_item (kanri_tenant_get_audit_bypass (fixture->tenant), 0);

    /* Of the demo's 50 accounts, the one whose bypass is on: named by its
     * mailbox (matched on the Guid), which the association does not do. */
    g_assert_cmpstr (bypassed, ==, "leeg");
    g_assert_cmpstr (kanri_audit_bypass_get_title (account), ==, "Lee Gu");
    g_assert_cmpstr (kanri_audit_bypass_get_subtitle (account), ==, "leeg@contoso.com");
    g_assert_null (kanri_tenant_get_audit_bypass_error (fixture->tenant));
  }

  gateway = g_list_model_get_item (kanri_tenant_get_connectors (fixture->tenant), 0);
  g_assert_cmpstr (kanri_connector_get_name (gateway), ==, "Fabrikam Mail Gateway");
  g_assert_cmpstr (kanri_connector_get_sender_ip_addresses (gateway), ==,
                   "203.0.113.10,203.0.113.11,198.51.100.0/24");
  g_assert_cmpint (kanri_connector_get_enhanced_filtering (gateway), ==, KANRI_ENHANCED_FILTERING_OFF);
  domain = g_list_model_get_item (kanri_tenant_get_accepted_domains (fixture->tenant), 0);
  g_assert_cmpstr (kanri_accepted_domain_get_name (domain), ==, "contoso.com");

  assert_model_matches_emulator (fixture);

  /* A second sync changes nothing and duplicates nothing. */
  kanri_test_tenant_sync (fixture);
  assert_model_matches_emulator (fixture);
}

static void
generate (KanriEmulator *emulator,
          gpointer       user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kanri_emulator_generate_mailboxes (emulator, GPOINTER_TO_UINT (user_data), &error));
  g_assert_no_error (error);
}

static void
test_sync_under_faults (Fixture       *fixture,
                        gconstpointer  data)
{
  kanri_demo_host_run (fixture->host, generate, GUINT_TO_POINTER (3500));

  /* A storm of 429s, a connection dropped in the middle of the pages, a
   * transient exception and a 503. */
  kanri_test_emulator_fault (fixture, "429,retry-after=0,count=3,cmdlet=Get-Mailbox");
  kanri_test_emulator_fault (fixture, "drop,nth=6,cmdlet=Get-Mailbox");
  kanri_test_emulator_fault (fixture, "transient,nth=8,cmdlet=Get-Mailbox");
  kanri_test_emulator_fault (fixture, "503,count=1,cmdlet=Get-InboundConnector");

  kanri_test_tenant_sync (fixture);
  kanri_test_emulator_clear_faults (fixture);

  assert_model_matches_emulator (fixture);
}

static void
sync_failed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (kanri_tenant_sync_finish (KANRI_TENANT (object), result, error));
  g_assert_nonnull (*error);
}

static void
test_sync_failure_keeps_rows (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  kanri_test_tenant_sync (fixture);
  g_assert_cmpuint (kanri_tenant_get_n_mailboxes (fixture->tenant), ==, 50);

  /* Connectors never come: the sync fails, and nothing is thrown away. */
  kanri_test_emulator_fault (fixture, "503,cmdlet=Get-InboundConnector");
  kanri_tenant_sync_async (fixture->tenant, NULL, sync_failed_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (kanri_tenant_get_syncing (fixture->tenant));
  g_assert_cmpuint (kanri_tenant_get_n_mailboxes (fixture->tenant), ==, 50);
  g_assert_cmpuint (g_list_model_get_n_items (kanri_tenant_get_connectors (fixture->tenant)), ==, 2);
}

/* The admin may lack the role that has Get-MailboxAuditBypassAssociation:
 * the rest of the sync lands, and the bypass list is unknown rather than
 * empty, until a sync can read it again. */
static void
test_sync_bypass_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KanriTenant) reopened = NULL;
  g_autoptr(GError) error = NULL;
  const char *why;

  kanri_test_tenant_sync (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (kanri_tenant_get_audit_bypass (fixture->tenant)), ==, 1);
  g_assert_null (kanri_tenant_get_audit_bypass_error (fixture->tenant));

  /* Something else changed meanwhile: the refused sync still brings it. */
  kanri_demo_host_run (fixture->host, generate, GUINT_TO_POINTER (60));
  kanri_test_emulator_fault (fixture, "403,cmdlet=Get-MailboxAuditBypassAssociation");
  kanri_test_tenant_sync (fixture);

  g_assert_false (kanri_tenant_get_syncing (fixture->tenant));
  assert_model_matches_emulator (fixture);
  g_assert_cmpuint (kanri_tenant_get_n_mailboxes (fixture->tenant), >, 50);
  g_assert_cmpuint (g_list_model_get_n_items (kanri_tenant_get_connectors (fixture->tenant)), ==, 2);
  g_assert_cmpstr (kanri_tenant_get_message_expiration (fixture->tenant), ==, "1.00:00:00");
  g_assert_cmpuint (g_list_model_get_n_items (kanri_tenant_get_audit_bypass (fixture->tenant)), ==, 0);
  why = kanri_tenant_get_audit_bypass_error (fixture->tenant);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "Get-MailboxAuditBypassAssociation"));

  /* Kept: opened again, the tenant still says the list is unknown. */
  reopened = kanri_tenant_new (fixture->store, "demo", "Demo", KANRI_TENANT_DEMO, "worldwide",
                               kanri_demo_host_get_admin_upn (fixture->host), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kanri_tenant_get_audit_bypass_error (reopened), ==, why);
  g_assert_cmpuint (g_list_model_get_n_items (kanri_tenant_get_audit_bypass (reopened)), ==, 0);

  /* A refusal of anything else still fails the sync. */
  kanri_test_emulator_clear_faults (fixture);
  kanri_test_emulator_fault (fixture, "403,cmdlet=Get-InboundConnector");
  kanri_tenant_sync_async (fixture->tenant, NULL, sync_failed_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_ACCESS_DENIED);
  g_clear_error (&error);

  /* Allowed again: the list is known, and the account back. */
  kanri_test_emulator_clear_faults (fixture);
  kanri_test_tenant_sync (fixture);
  g_assert_null (kanri_tenant_get_audit_bypass_error (fixture->tenant));
  {
    g_autofree char *bypassed = bypass_names (fixture->tenant);

    g_assert_cmpstr (bypassed, ==, "leeg");
  }
}

typedef struct
{
  gint64  id;
  GError *error;
  gboolean done;
} Ran;

static void
ran_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Ran *ran = user_data;

  ran->id = kanri_tenant_run_finish (KANRI_TENANT (object), result, &ran->error);
  ran->done = TRUE;
}

static Ran
run (Fixture    *fixture,
     const char *powershell)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_parse (powershell, &error);
  Ran ran = { 0 };

  g_assert_no_error (error);
  kanri_tenant_run_async (fixture->tenant, cmdlet, "test", NULL, ran_cb, &ran);
  kanri_test_wait (&ran.done);
  return ran;
}

static KanriOperation *
operation (Fixture *fixture,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  KanriOperation *op = kanri_journal_get (kanri_journal_get_for_store (fixture->store), id, &error);

  g_assert_no_error (error);
  return op;
}

static KanriMailbox *
first_needing_attention (Fixture *fixture)
{
  g_autoptr(KanriMailboxList) list = kanri_tenant_create_mailbox_list (fixture->tenant);

  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAG_MISSING_MAIL_ITEMS_ACCESSED);
  wait_list (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  return g_list_model_get_item (G_LIST_MODEL (list), 0);
}

static char *
option1 (KanriMailbox *mailbox)
{
  return g_strdup_printf ("Set-Mailbox -Identity \"%s\" -DefaultAuditSet Admin,Delegate,Owner",
                          kanri_mailbox_get_upn (mailbox));
}

static void
test_run_updates_model (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KanriMailbox) mailbox = NULL;
  g_autoptr(KanriMailboxList) list = NULL;
  g_autoptr(KanriOperation) op = NULL;
  g_autofree char *command = NULL;
  guint before;
  Ran ran;

  kanri_test_tenant_sync (fixture);
  mailbox = first_needing_attention (fixture);
  list = kanri_tenant_create_mailbox_list (fixture->tenant);
  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAGS_NEED_ATTENTION);
  wait_list (list);
  before = g_list_model_get_n_items (G_LIST_MODEL (list));

  command = option1 (mailbox);
  ran = run (fixture, command);
  g_assert_no_error (ran.error);

  op = operation (fixture, ran.id);
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
  g_assert_cmpuint (kanri_operation_get_attempts (op), ==, 1);
  g_assert_cmpstr (kanri_operation_get_powershell (op), ==, command);

  /* The row shows the fix at once (it leaves "needs attention")... */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, before - 1);
  /* ...and the local model agrees with the service. */
  assert_model_matches_emulator (fixture);
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-Mailbox", kanri_mailbox_get_upn (mailbox)), ==, 1);
}

typedef struct
{
  KanriTenant *tenant;
  const char  *name;
  const char  *comment;
} ConnectorWait;

static gboolean
connector_has_comment (gpointer data)
{
  ConnectorWait *wait = data;
  GListModel *connectors = kanri_tenant_get_connectors (wait->tenant);

  for (guint i = 0; i < g_list_model_get_n_items (connectors); i++)
    {
      g_autoptr(KanriConnector) connector = g_list_model_get_item (connectors, i);

      if (g_strcmp0 (kanri_connector_get_name (connector), wait->name) == 0)
        return g_strcmp0 (kanri_connector_get_comment (connector), wait->comment) == 0;
    }

  return FALSE;
}

/* PowerShell matches cmdlet names without regard to case, and so does the
 * local model: a change typed in lower case is read back like any other. */
static void
test_change_in_any_case_followed (Fixture       *fixture,
                                  gconstpointer  data)
{
  ConnectorWait wait = { fixture->tenant, "Fabrikam Mail Gateway", "typed in lower case" };
  Ran ran;

  kanri_test_tenant_sync (fixture);
  g_assert_false (connector_has_comment (&wait));

  ran = run (fixture, "set-inboundconnector -Identity \"Fabrikam Mail Gateway\" -Comment \"typed in lower case\"");
  g_assert_no_error (ran.error);
  /* The read-back is a second request: wait for its answer to land. */
  while (!connector_has_comment (&wait))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_service_refusal_fails (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KanriOperation) op = NULL;
  Ran ran;

  /* Outside 12–24 hours: the service refuses, the journal says why. */
  ran = run (fixture, "Set-TransportConfig -MessageExpiration \"2.00:00:00\"");
  g_assert_error (ran.error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_CMDLET);
  g_assert_cmpint (ran.id, ==, 0);

  op = operation (fixture, 1);
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_FAILED);
  g_assert_nonnull (kanri_operation_get_error (op));
  g_assert_cmpstr (kanri_operation_get_error (op), ==, ran.error->message);
  g_clear_error (&ran.error);
}

/* A redirect is never followed: the change did not reach the service, and
 * the journal says it failed, naming where the redirect pointed. */
static void
test_redirect_fails (Fixture       *fixture,
                     gconstpointer  data)
{
  static const guint codes[] = { 301, 302, 303, 307, 308 };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *spec = g_strdup_printf ("%u,count=1,cmdlet=Set-TransportConfig,"
                                               "location=https://elsewhere.example/adminapi", codes[i]);
      g_autofree char *status = g_strdup_printf ("HTTP %u", codes[i]);
      g_autoptr(KanriOperation) op = NULL;
      Ran ran;

      g_test_message ("%u", codes[i]);
      kanri_test_emulator_fault (fixture, spec);
      ran = run (fixture, "Set-TransportConfig -MessageExpiration \"0.12:00:00\"");
      g_assert_error (ran.error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_REDIRECTED);

      op = operation (fixture, i + 1);
      g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_FAILED);
      g_assert_cmpstr (kanri_operation_get_error (op), ==, ran.error->message);
      g_assert_nonnull (strstr (kanri_operation_get_error (op), "https://elsewhere.example/adminapi"));
      g_assert_nonnull (strstr (kanri_operation_get_error (op), status));
      g_clear_error (&ran.error);
    }

  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-TransportConfig", NULL), ==, 0);
}

static void
test_lost_reply_not_applied_twice (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(KanriMailbox) mailbox = NULL;
  g_autoptr(KanriOperation) op = NULL;
  g_autofree char *command = NULL;
  Ran ran;

  kanri_test_tenant_sync (fixture);
  mailbox = first_needing_attention (fixture);

  /* The service applies the change, then the connection drops before the
   * answer: Kanri must read back, see it done, and not send it again. */
  kanri_test_emulator_fault (fixture, "drop-after,count=1,cmdlet=Set-Mailbox");
  command = option1 (mailbox);
  ran = run (fixture, command);
  g_assert_no_error (ran.error);

  op = operation (fixture, ran.id);
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-Mailbox", kanri_mailbox_get_upn (mailbox)), ==, 1);
  assert_model_matches_emulator (fixture);
}

static void
test_lost_request_sent_once (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KanriMailbox) mailbox = NULL;
  g_autoptr(KanriOperation) op = NULL;
  g_autofree char *command = NULL;
  Ran ran;

  kanri_test_tenant_sync (fixture);
  mailbox = first_needing_attention (fixture);

  /* The connection drops before the service runs it: the read back finds
   * it not done, and it is sent (once). */
  kanri_test_emulator_fault (fixture, "drop,count=1,cmdlet=Set-Mailbox");
  command = option1 (mailbox);
  ran = run (fixture, command);
  g_assert_no_error (ran.error);

  op = operation (fixture, ran.id);
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-Mailbox", kanri_mailbox_get_upn (mailbox)), ==, 1);
}

static void
retried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Ran *ran = user_data;

  kanri_tenant_retry_finish (KANRI_TENANT (object), result, &ran->error);
  ran->done = TRUE;
}

static void
test_retry_checks_first (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KanriOperation) op = NULL;
  Ran ran, retry = { 0 };

  kanri_test_tenant_sync (fixture);

  /* Throttled past every retry: failed, with the service's reason. */
  kanri_test_emulator_fault (fixture, "429,retry-after=0,count=5,cmdlet=Set-TransportConfig");
  ran = run (fixture, "Set-TransportConfig -MessageExpiration \"0.12:00:00\"");
  g_assert_error (ran.error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_THROTTLED);
  g_clear_error (&ran.error);
  kanri_test_emulator_clear_faults (fixture);

  kanri_tenant_retry_async (fixture->tenant, 1, NULL, retried_cb, &retry);
  kanri_test_wait (&retry.done);
  g_assert_no_error (retry.error);

  op = operation (fixture, 1);
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
  g_assert_cmpuint (kanri_operation_get_attempts (op), ==, 2);
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-TransportConfig", NULL), ==, 1);

  /* Retrying what is done now changes nothing: the read back says so. */
  while (g_strcmp0 (kanri_tenant_get_message_expiration (fixture->tenant), "12:00:00") != 0 &&
         g_strcmp0 (kanri_tenant_get_message_expiration (fixture->tenant), "0.12:00:00") != 0)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  KanriJournal *journal;
  char         *note;
} Noted;

static void
journal_changed_cb (KanriJournal *journal,
                    gint64        id,
                    gpointer      user_data)
{
  Noted *noted = user_data;
  g_autoptr(KanriOperation) op = kanri_journal_get (journal, id, NULL);

  if (op != NULL && kanri_operation_get_state (op) == KANRI_OPERATION_RUNNING &&
      kanri_operation_get_error (op) != NULL)
    {
      g_free (noted->note);
      noted->note = g_strdup (kanri_operation_get_error (op));
    }
}

/* A throttled change says so on its row while it waits; a wait beyond the
 * cap fails it as throttled, and the user retries it when the service
 * said. */
static void
test_throttle_on_row (Fixture       *fixture,
                      gconstpointer  data)
{
  KanriJournal *journal = kanri_journal_get_for_store (fixture->store);
  g_autoptr(KanriOperation) op = NULL;
  g_autoptr(KanriOperation) failed = NULL;
  g_autoptr(KanriOperation) retried = NULL;
  Noted noted = { journal, NULL };
  gulong id = g_signal_connect (journal, "changed", G_CALLBACK (journal_changed_cb), &noted);
  Ran ran, retry = { 0 };

  kanri_test_tenant_sync (fixture);

  kanri_test_emulator_fault (fixture, "429,retry-after=1,count=1,cmdlet=Set-TransportConfig");
  ran = run (fixture, "Set-TransportConfig -MessageExpiration \"0.12:00:00\"");
  g_assert_no_error (ran.error);
  g_assert_cmpstr (noted.note, ==, "Throttled by the service: retrying in 1 s (attempt 2 of 5)");
  op = operation (fixture, ran.id);
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
  g_assert_null (kanri_operation_get_error (op));

  kanri_exo_client_set_max_wait (kanri_tenant_get_client (fixture->tenant), 30);
  kanri_test_emulator_fault (fixture, "429,retry-after=600,count=1,cmdlet=Set-TransportConfig");
  ran = run (fixture, "Set-TransportConfig -MessageExpiration \"0.13:00:00\"");
  g_assert_error (ran.error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_THROTTLED);
  g_clear_error (&ran.error);
  failed = operation (fixture, 2);
  g_assert_cmpint (kanri_operation_get_state (failed), ==, KANRI_OPERATION_FAILED);
  g_assert_nonnull (strstr (kanri_operation_get_error (failed), "600 s"));
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-TransportConfig", NULL), ==, 1);

  kanri_tenant_retry_async (fixture->tenant, 2, NULL, retried_cb, &retry);
  kanri_test_wait (&retry.done);
  g_assert_no_error (retry.error);
  retried = operation (fixture, 2);
  g_assert_cmpint (kanri_operation_get_state (retried), ==, KANRI_OPERATION_DONE);
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-TransportConfig", NULL), ==, 2);

  g_signal_handler_disconnect (journal, id);
  g_free (noted.note);
}

static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(KanriMailboxList) list = NULL;
  g_autoptr(GPtrArray) cmdlets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KanriBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  guint n;

  kanri_test_tenant_sync (fixture);
  list = kanri_tenant_create_mailbox_list (fixture->tenant);
  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAGS_NEED_ATTENTION);
  wait_list (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >=, 5);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KanriMailbox) mailbox = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *command = option1 (mailbox);

      g_ptr_array_add (cmdlets, kanri_cmdlet_parse (command, &error));
      g_ptr_array_add (summaries, g_strdup (kanri_mailbox_get_display_name (mailbox)));
    }

  kanri_test_emulator_fault (fixture, "429,retry-after=0,count=3,cmdlet=Set-Mailbox");
  batch = kanri_batch_new (fixture->tenant, "Reset auditing", cmdlets, summaries, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kanri_batch_get_total (batch), ==, n);

  /* Journaled before anything is sent: a crash here leaves all of it. */
  unfinished = kanri_batch_list_unfinished (fixture->tenant, &error);
  g_assert_cmpuint (unfinished->len, ==, 1);
  g_assert_cmpuint (((KanriBatchInfo *)unfinished->pdata[0])->unfinished, ==, n);
  g_assert_cmpstr (((KanriBatchInfo *)unfinished->pdata[0])->title, ==, "Reset auditing");

  kanri_batch_start (batch);
  while (!kanri_batch_get_finished (batch))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (kanri_batch_get_done (batch), ==, n);
  g_assert_cmpuint (kanri_batch_get_failed (batch), ==, 0);
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-Mailbox", NULL), ==, n);
  wait_list (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  assert_model_matches_emulator (fixture);

  g_clear_pointer (&unfinished, g_ptr_array_unref);
  unfinished = kanri_batch_list_unfinished (fixture->tenant, &error);
  g_assert_cmpuint (unfinished->len, ==, 0);
}

static void
test_batch_cancel_and_resume (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) cmdlets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KanriBatch) batch = NULL;
  g_autoptr(KanriBatch) resumed = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  g_autoptr(GError) error = NULL;
  guint cancelled = 0;

  kanri_test_tenant_sync (fixture);
  kanri_tenant_set_concurrency (fixture->tenant, 1);

  for (guint i = 0; i < 6; i++)
    {
      g_ptr_array_add (cmdlets, kanri_cmdlet_parse ("Set-TransportConfig -MessageExpiration \"0.18:00:00\"", &error));
      g_ptr_array_add (summaries, g_strdup_printf ("expiration %u", i));
    }

  batch = kanri_batch_new (fixture->tenant, "Expiration", cmdlets, summaries, &error);
  g_assert_no_error (error);
  kanri_batch_start (batch);
  kanri_batch_pause (batch);
  g_assert_true (kanri_batch_get_paused (batch));
  while (kanri_batch_get_done (batch) < 1)
    g_main_context_iteration (NULL, TRUE);
  /* Paused: the one in flight settled, nothing else went. */
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-TransportConfig", NULL), ==, 1);

  kanri_batch_cancel (batch);
  g_assert_true (kanri_batch_get_finished (batch));

  operations = kanri_journal_list_batch (kanri_journal_get_for_store (fixture->store),
                                         kanri_batch_get_id (batch), &error);
  for (guint i = 0; i < operations->len; i++)
    cancelled += kanri_operation_get_state (g_ptr_array_index (operations, i)) == KANRI_OPERATION_CANCELLED;
  g_assert_cmpuint (cancelled, ==, 5);

  /* Nothing left to resume. */
  resumed = kanri_batch_resume (fixture->tenant, kanri_batch_get_id (batch), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kanri_batch_get_done (resumed), ==, 1);
  kanri_batch_start (resumed);
  g_assert_true (kanri_batch_get_finished (resumed));
}

static void
test_resume_interrupted_without_resending (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GPtrArray) cmdlets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KanriBatch) batch = NULL;
  g_autoptr(KanriBatch) resumed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriMailbox) mailbox = NULL;
  g_autofree char *command = NULL;
  KanriJournal *journal = kanri_journal_get_for_store (fixture->store);
  Ran direct;

  kanri_test_tenant_sync (fixture);
  mailbox = first_needing_attention (fixture);
  command = option1 (mailbox);

  g_ptr_array_add (cmdlets, kanri_cmdlet_parse (command, &error));
  g_ptr_array_add (summaries, g_strdup ("fix"));
  batch = kanri_batch_new (fixture->tenant, "Fix", cmdlets, summaries, &error);
  g_assert_no_error (error);

  /* As in a crash after the request reached the service: the same change
   * went through (here by another run), while the batch's row was left
   * running, then interrupted at the next start. */
  direct = run (fixture, command);
  g_assert_no_error (direct.error);
  g_assert_true (kanri_journal_start (journal, 1, &error));
  g_assert_true (kanri_store_exec (fixture->store,
                                   "UPDATE operations SET state = 'interrupted' WHERE id = 1", &error));

  resumed = kanri_batch_resume (fixture->tenant, kanri_batch_get_id (batch), &error);
  g_assert_no_error (error);
  kanri_batch_start (resumed);
  while (!kanri_batch_get_finished (resumed))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (kanri_batch_get_done (resumed), ==, 1);
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-Mailbox", kanri_mailbox_get_upn (mailbox)), ==, 1);
}

static void
wait_audit_disabled (KanriTenant *tenant,
                     gboolean     disabled)
{
  while (kanri_tenant_get_audit_disabled (tenant) != disabled)
    g_main_context_iteration (NULL, TRUE);
}

/* Set-OrganizationConfig -AuditDisabled goes through the journal, and the
 * local model follows what the service then says. */
static void
test_audit_disabled_through_journal (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(KanriOperation) op = NULL;
  Ran ran;

  kanri_test_tenant_sync (fixture);
  g_assert_false (kanri_tenant_get_audit_disabled (fixture->tenant));

  ran = run (fixture, "Set-OrganizationConfig -AuditDisabled $true");
  g_assert_no_error (ran.error);
  wait_audit_disabled (fixture->tenant, TRUE);

  /* A sync reads it too. */
  kanri_test_tenant_sync (fixture);
  g_assert_true (kanri_tenant_get_audit_disabled (fixture->tenant));

  ran = run (fixture, "Set-OrganizationConfig -AuditDisabled $false");
  g_assert_no_error (ran.error);
  wait_audit_disabled (fixture->tenant, FALSE);

  op = operation (fixture, ran.id);
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
  g_assert_cmpstr (kanri_operation_get_powershell (op), ==, "Set-OrganizationConfig -AuditDisabled $false");
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-OrganizationConfig", NULL), ==, 2);
}

static void
test_audit_bypass_through_journal (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(KanriOperation) op = NULL;
  Ran ran;

  kanri_test_tenant_sync (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (kanri_tenant_get_audit_bypass (fixture->tenant)), ==, 1);

  ran = run (fixture, "Set-MailboxAuditBypassAssociation -Identity \"leeg\" -AuditBypassEnabled $false");
  g_assert_no_error (ran.error);
  /* The read-back is a second request: wait for its answer to land. */
  while (g_list_model_get_n_items (kanri_tenant_get_audit_bypass (fixture->tenant)) > 0)
    g_main_context_iteration (NULL, TRUE);

  op = operation (fixture, ran.id);
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "Set-MailboxAuditBypassAssociation", "leeg"), ==, 1);

  /* Turned on again (outside Kanri's fix, as an admin might): it is listed. */
  ran = run (fixture, "Set-MailboxAuditBypassAssociation -Identity \"ichiro.suzuki@contoso.co.jp\" "
                      "-AuditBypassEnabled $true");
  g_assert_no_error (ran.error);
  while (g_list_model_get_n_items (kanri_tenant_get_audit_bypass (fixture->tenant)) == 0)
    g_main_context_iteration (NULL, TRUE);

  /* And a sync agrees. */
  kanri_test_tenant_sync (fixture);
  {
    g_autofree char *bypassed = bypass_names (fixture->tenant);

    g_assert_cmpstr (bypassed, ==, "ichiro.suzuki");
  }
}

/* Set-Mailbox -AuditEnabled is written to the row without a read-back. */
static void
test_audit_enabled_followed (Fixture       *fixture,
                             gconstpointer  data)
{
  Ran ran;

  kanri_test_tenant_sync (fixture);
  ran = run (fixture, "Set-Mailbox -Identity \"tsuyoshi.ikeda@contoso.co.jp\" -AuditEnabled $true");
  g_assert_no_error (ran.error);
  assert_model_matches_emulator (fixture);
}

static void
test_findings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) connectors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) auditing = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  GListModel *findings = kanri_tenant_get_findings (fixture->tenant);

  g_ptr_array_add (connectors, kanri_finding_new ("mx", KANRI_FINDING_WARNING, "MX", "", "connectors"));
  g_ptr_array_add (auditing, kanri_finding_new ("audit", KANRI_FINDING_WARNING, "Audit", "", "auditing"));
  kanri_tenant_set_findings (fixture->tenant, "connectors", connectors);
  kanri_tenant_set_findings (fixture->tenant, "auditing", auditing);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 2);

  /* A page's new report replaces only its own. */
  kanri_tenant_set_findings (fixture->tenant, "connectors", none);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 1);
  {
    g_autoptr(KanriFinding) left = g_list_model_get_item (findings, 0);
    g_assert_cmpstr (kanri_finding_get_id (left), ==, "audit");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/tenant/" path, Fixture, NULL, kanri_test_tenant_open, func, kanri_test_tenant_close)

  ADD ("sync", test_sync);
  ADD ("account-names", test_account_names);
  ADD ("sync-under-faults", test_sync_under_faults);
  ADD ("sync-failure-keeps-rows", test_sync_failure_keeps_rows);
  ADD ("sync-bypass-refused", test_sync_bypass_refused);
  ADD ("run-updates-model", test_run_updates_model);
  ADD ("audit-disabled-through-journal", test_audit_disabled_through_journal);
  ADD ("audit-bypass-through-journal", test_audit_bypass_through_journal);
  ADD ("audit-enabled-followed", test_audit_enabled_followed);
  ADD ("change-in-any-case-followed", test_change_in_any_case_followed);
  ADD ("service-refusal-fails", test_service_refusal_fails);
  ADD ("redirect-fails", test_redirect_fails);
  ADD ("lost-reply-not-applied-twice", test_lost_reply_not_applied_twice);
  ADD ("lost-request-sent-once", test_lost_request_sent_once);
  ADD ("retry-checks-first", test_retry_checks_first);
  ADD ("throttle-on-row", test_throttle_on_row);
  ADD ("batch", test_batch);
  ADD ("batch-cancel-and-resume", test_batch_cancel_and_resume);
  ADD ("resume-interrupted", test_resume_interrupted_without_resending);
  ADD ("findings", test_findings);

#undef ADD

  return g_test_run ();
}
