/* test-connectors.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-connector.h"
#include "kanri-exo-error.h"
#include "kanri-test-tenant.h"

/* The Connectors page's changes as the model carries them: each journaled
 * once, applied once, and the connector list following the service. */

typedef KanriTestTenant Fixture;

typedef struct
{
  gint64    id;
  GError   *error;
  gboolean  done;
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

static GPtrArray *
journal (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *ops = kanri_journal_list (kanri_journal_get_for_store (fixture->store), "demo", 100, &error);

  g_assert_no_error (error);
  return ops;
}

static KanriConnector *
find_connector (Fixture    *fixture,
                const char *name)
{
  GListModel *connectors = kanri_tenant_get_connectors (fixture->tenant);

  for (guint i = 0; i < g_list_model_get_n_items (connectors); i++)
    {
      g_autoptr(KanriConnector) connector = g_list_model_get_item (connectors, i);

      if (g_strcmp0 (kanri_connector_get_name (connector), name) == 0)
        return g_steal_pointer (&connector);
    }

  return NULL;
}

/* The read back after a change arrives a little after the change. */
static KanriConnector *
wait_connector (Fixture    *fixture,
                const char *name)
{
  KanriConnector *connector;

  while ((connector = find_connector (fixture, name)) == NULL)
    g_main_context_iteration (NULL, TRUE);

  return connector;
}

static guint
count_named (JsonArray  *connectors,
             const char *name)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (connectors); i++)
    {
      JsonObject *object = json_array_get_object_element (connectors, i);

      if (g_strcmp0 (json_object_get_string_member (object, "Name"), name) == 0)
        n++;
    }

  return n;
}

typedef struct
{
  const char *cmdlet;
  guint       status;
  guint       count;
} Requests;

static void
count_requests_cb (KanriEmulator *emulator,
                   gpointer       user_data)
{
  Requests *requests = user_data;
  GPtrArray *log = kanri_emulator_get_requests (emulator);

  for (guint i = 0; i < log->len; i++)
    {
      KanriEmulatorRequest *request = g_ptr_array_index (log, i);

      if (g_strcmp0 (request->cmdlet, requests->cmdlet) == 0 && request->status == requests->status)
        requests->count++;
    }
}

/* How many @cmdlet requests the emulator answered with @status. */
static guint
count_requests (Fixture    *fixture,
                const char *cmdlet,
                guint       status)
{
  Requests requests = { cmdlet, status, 0 };

  kanri_demo_host_run (fixture->host, count_requests_cb, &requests);
  return requests.count;
}

#define CREATE "New-InboundConnector -Name \"Partner Gateway\" -ConnectorType Partner -SenderDomains * " \
               "-RestrictDomainsToIPAddresses $true -SenderIPAddresses 203.0.113.20,203.0.113.21 " \
               "-RequireTls $true"

static void
test_create_after_503 (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(JsonArray) connectors = NULL;
  g_autoptr(KanriConnector) connector = NULL;
  KanriOperation *op;
  Ran ran;

  kanri_test_tenant_sync (fixture);

  /* The service is unavailable once, then takes the request. */
  kanri_test_emulator_fault (fixture, "503,count=1,cmdlet=New-InboundConnector");
  ran = run (fixture, CREATE);
  g_assert_no_error (ran.error);
  g_assert_cmpint (ran.id, >, 0);

  /* One connector, one operation, done. */
  connectors = kanri_test_emulator_query (fixture, "Get-InboundConnector");
  g_assert_cmpuint (count_named (connectors, "Partner Gateway"), ==, 1);
  g_assert_cmpuint (kanri_test_emulator_applied (fixture, "New-InboundConnector", NULL), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "New-InboundConnector", 503), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "New-InboundConnector", 200), ==, 1);

  ops = journal (fixture);
  g_assert_cmpuint (ops->len, ==, 1);
  op = ops->pdata[0];
  g_assert_cmpint (kanri_operation_get_id (op), ==, ran.id);
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_DONE);
  g_assert_cmpstr (kanri_operation_get_powershell (op), ==, CREATE);

  /* The connector appears in the list, as the service has it. */
  connector = wait_connector (fixture, "Partner Gateway");
  g_assert_cmpstr (kanri_connector_get_connector_type (connector), ==, "Partner");
  g_assert_cmpstr (kanri_connector_get_sender_ip_addresses (connector), ==, "203.0.113.20,203.0.113.21");
  g_assert_true (kanri_connector_get_require_tls (connector));
  g_assert_true (kanri_connector_get_restrict_to_ip_addresses (connector));
  g_assert_true (kanri_connector_get_enabled (connector));
  g_assert_cmpint (kanri_connector_get_enhanced_filtering (connector), ==, KANRI_ENHANCED_FILTERING_OFF);
}

static void
test_service_refusal (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(JsonArray) connectors = NULL;
  KanriOperation *op;
  Ran ran;

  kanri_test_tenant_sync (fixture);

  /* What the wizard never sends, the service refuses: its reason is the
   * error, and the journal keeps it. */
  ran = run (fixture, "New-InboundConnector -Name \"IPv6 Gateway\" -SenderDomains * "
                      "-RestrictDomainsToIPAddresses $true -SenderIPAddresses 2001:db8::25");
  g_assert_error (ran.error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_CMDLET);
  g_assert_nonnull (strstr (ran.error->message, "IPv6"));
  g_assert_cmpint (ran.id, ==, 0);

  connectors = kanri_test_emulator_query (fixture, "Get-InboundConnector");
  g_assert_cmpuint (count_named (connectors, "IPv6 Gateway"), ==, 0);
  g_assert_null (find_connector (fixture, "IPv6 Gateway"));

  ops = journal (fixture);
  g_assert_cmpuint (ops->len, ==, 1);
  op = ops->pdata[0];
  g_assert_cmpint (kanri_operation_get_state (op), ==, KANRI_OPERATION_FAILED);
  g_assert_cmpstr (kanri_operation_get_error (op), ==, ran.error->message);
  g_clear_error (&ran.error);

  /* A name taken meanwhile, by someone else. */
  ran = run (fixture, "New-InboundConnector -Name \"Fabrikam Mail Gateway\" -SenderDomains *");
  g_assert_error (ran.error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_CMDLET);
  g_assert_cmpstr (ran.error->message, ==, "An inbound connector named 'Fabrikam Mail Gateway' already exists.");
  g_clear_error (&ran.error);
}

static void
test_enhanced_filtering_read_back (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(KanriConnector) before = NULL;
  KanriConnector *after = NULL;
  Ran ran;

  kanri_test_tenant_sync (fixture);
  before = find_connector (fixture, "Fabrikam Mail Gateway");
  g_assert_nonnull (before);
  g_assert_cmpint (kanri_connector_get_enhanced_filtering (before), ==, KANRI_ENHANCED_FILTERING_OFF);

  ran = run (fixture, "Set-InboundConnector -Identity \"Fabrikam Mail Gateway\" -EFSkipLastIP $true "
                      "-EFUsers $null");
  g_assert_no_error (ran.error);

  /* The row is read back from the service: a new object replaces it. */
  while (after == NULL || after == before)
    {
      g_clear_object (&after);
      g_main_context_iteration (NULL, TRUE);
      after = find_connector (fixture, "Fabrikam Mail Gateway");
    }
  g_assert_cmpint (kanri_connector_get_enhanced_filtering (after), ==, KANRI_ENHANCED_FILTERING_SKIP_LAST_IP);
  g_assert_cmpstr (kanri_connector_get_ef_users (after), ==, "");
  g_clear_object (&after);

  ran = run (fixture, "Set-InboundConnector -Identity \"Fabrikam Mail Gateway\" -EFSkipLastIP $false "
                      "-EFSkipIPs 203.0.113.10,198.51.100.0/24 -EFUsers taro.yamada@contoso.co.jp");
  g_assert_no_error (ran.error);
  for (;;)
    {
      after = find_connector (fixture, "Fabrikam Mail Gateway");
      if (kanri_connector_get_enhanced_filtering (after) == KANRI_ENHANCED_FILTERING_SKIP_IPS)
        break;
      g_clear_object (&after);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpstr (kanri_connector_get_ef_skip_ips (after), ==, "203.0.113.10,198.51.100.0/24");
  g_assert_cmpstr (kanri_connector_get_ef_users (after), ==, "taro.yamada@contoso.co.jp");
  g_clear_object (&after);
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonArray) connectors = NULL;
  Ran ran;

  kanri_test_tenant_sync (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (kanri_tenant_get_connectors (fixture->tenant)), ==, 2);

  ran = run (fixture, "Remove-InboundConnector -Identity \"Osaka Branch Relay\" -Confirm:$false");
  g_assert_no_error (ran.error);

  g_assert_cmpuint (g_list_model_get_n_items (kanri_tenant_get_connectors (fixture->tenant)), ==, 1);
  g_assert_null (find_connector (fixture, "Osaka Branch Relay"));
  connectors = kanri_test_emulator_query (fixture, "Get-InboundConnector");
  g_assert_cmpuint (count_named (connectors, "Osaka Branch Relay"), ==, 0);
}

/* Which connector mail from an IP can arrive through: an address of its
 * SenderIPAddresses or within a range of them (the batch view's Connector
 * column). */
static void
test_covers_ip (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KanriConnector) gateway = NULL;
  g_autoptr(KanriConnector) osaka = NULL;

  kanri_test_tenant_sync (fixture);
  gateway = find_connector (fixture, "Fabrikam Mail Gateway");
  osaka = find_connector (fixture, "Osaka Branch Relay");
  g_assert_nonnull (gateway);
  g_assert_nonnull (osaka);
  g_assert_true (kanri_connector_covers_ip (gateway, "203.0.113.10"));
  g_assert_true (kanri_connector_covers_ip (gateway, "198.51.100.77"));
  g_assert_false (kanri_connector_covers_ip (gateway, "203.0.113.12"));
  g_assert_false (kanri_connector_covers_ip (gateway, "2001:db8::1"));
  g_assert_false (kanri_connector_covers_ip (gateway, "not an address"));
  g_assert_false (kanri_connector_covers_ip (gateway, NULL));
  g_assert_true (kanri_connector_covers_ip (osaka, "192.0.2.25"));
  g_assert_false (kanri_connector_covers_ip (osaka, "203.0.113.10"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/connectors/" path, Fixture, NULL, kanri_test_tenant_open, func, kanri_test_tenant_close)

  ADD ("create-after-503", test_create_after_503);
  ADD ("service-refusal", test_service_refusal);
  ADD ("enhanced-filtering-read-back", test_enhanced_filtering_read_back);
  ADD ("remove", test_remove);
  ADD ("covers-ip", test_covers_ip);

#undef ADD

  return g_test_run ();
}
