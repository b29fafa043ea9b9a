/* test-mx-check.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-mx-check.h"
#include "kanri-zone-resolver.h"

/* A tenant whose main domains receive through a gateway, as the seed
 * describes, next to one that receives directly. */
static const char zone[] =
  "{"
  "\"contoso.com\":[{\"MX\":[20,\"mx2.gate.example.net\"]},{\"MX\":[10,\"MX1.gate.example.net\"]},"
  "                 {\"TXT\":\"v=spf1 -all\"}],"
  "\"contoso.co.jp\":[{\"MX\":[10,\"mx1.gate.example.net\"]}],"
  "\"contoso.onmicrosoft.com\":[{\"MX\":[0,\"contoso.mail.protection.outlook.com\"]}],"
  "\"tie.example\":[{\"MX\":[10,\"b.example.net\"]},{\"MX\":[10,\"a.example.net\"]}],"
  "\"nomx.example\":[{\"TXT\":\"hello\"}],"
  "\"slow.example\":[\"TIMEOUT\"],"
  "\"mx1.gate.example.net\":[{\"A\":\"203.0.113.10\"},{\"AAAA\":\"2001:db8::10\"}],"
  "\"mx2.gate.example.net\":[{\"A\":\"203.0.113.11\"}]"
  "}";

static void
test_exchange_online_hosts (void)
{
  const struct {
    const char *host;
    gboolean    exchange_online;
  } cases[] = {
    { "contoso-com.mail.protection.outlook.com", TRUE },
    { "CONTOSO-COM.MAIL.PROTECTION.OUTLOOK.COM.", TRUE },
    { "contoso-com.mail.protection.office365.us", TRUE },
    { "contoso-com.mail.protection.partner.outlook.cn", TRUE },
    { "contoso-com.o-v1.mx.microsoft", TRUE },
    { "mail.protection.outlook.com", FALSE },
    { ".mail.protection.outlook.com", FALSE },
    { "mx1.mailgate.fabrikam.net", FALSE },
    { "mail.protection.outlook.com.evil.example", FALSE },
    { "outlook.com", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].host);
      g_assert_cmpint (kanri_mx_is_exchange_online (cases[i].host), ==, cases[i].exchange_online);
    }
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **results = user_data;
  g_autoptr(GError) error = NULL;

  *results = kanri_mx_lookup_finish (result, &error);
  g_assert_no_error (error);
}

static GPtrArray *
look_up_in (const char        *zone_data,
            const char *const *domains)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriZoneResolver) resolver = kanri_zone_resolver_new_from_data (zone_data, -1, &error);
  GPtrArray *results = NULL;

  g_assert_no_error (error);
  kanri_mx_lookup_async (KANRI_RESOLVER (resolver), domains, NULL, looked_up_cb, &results);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);

  return results;
}

static GPtrArray *
look_up (const char *const *domains)
{
  return look_up_in (zone, domains);
}

static void
test_lookup (void)
{
  static const char *const domains[] = {
    "contoso.com", "contoso.onmicrosoft.com", "tie.example", "nomx.example", "missing.example",
    "slow.example", NULL
  };
  static const char *const gate_addresses[] = { "203.0.113.10", "2001:db8::10", NULL };
  static const char *const none[] = { NULL };
  g_autoptr(GPtrArray) results = look_up (domains);
  KanriMxResult *r;

  g_assert_cmpuint (results->len, ==, 6);

  /* The lowest preference wins, whatever the order of the records. */
  r = results->pdata[0];
  g_assert_cmpstr (r->domain, ==, "contoso.com");
  g_assert_cmpstr (r->exchange, ==, "mx1.gate.example.net");
  g_assert_false (r->exchange_online);
  g_assert_true (g_strv_equal ((const char *const *)r->addresses, gate_addresses));
  g_assert_no_error (r->error);

  r = results->pdata[1];
  g_assert_cmpstr (r->exchange, ==, "contoso.mail.protection.outlook.com");
  g_assert_true (r->exchange_online);
  g_assert_true (g_strv_equal ((const char *const *)r->addresses, none));

  r = results->pdata[2];
  g_assert_cmpstr (r->exchange, ==, "a.example.net");
  /* No address for it: the finding stands without a connector. */
  g_assert_true (g_strv_equal ((const char *const *)r->addresses, none));

  /* No MX, or no domain: nothing to say, and no error either. */
  for (guint i = 3; i <= 4; i++)
    {
      r = results->pdata[i];
      g_assert_null (r->exchange);
      g_assert_no_error (r->error);
    }

  r = results->pdata[5];
  g_assert_null (r->exchange);
  g_assert_error (r->error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_TIMEOUT);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = kanri_mx_lookup_finish (result, &error);

  g_assert_null (results);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *(gboolean *)user_data = TRUE;
}

static void
test_cancel (void)
{
  static const char *const domains[] = { "contoso.com", "contoso.co.jp", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriZoneResolver) resolver = kanri_zone_resolver_new_from_data (zone, -1, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;

  kanri_mx_lookup_async (KANRI_RESOLVER (resolver), domains, cancellable, cancelled_cb, &done);
  g_cancellable_cancel (cancellable);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_evaluate (void)
{
  static const char *const domains[] = {
    "contoso.com", "contoso.co.jp", "contoso.onmicrosoft.com", "tie.example", NULL
  };
  static const char *const gateway_ips[] = { "203.0.113.10", "203.0.113.11", "198.51.100.0/24", NULL };
  static const char *const other_ips[] = { "192.0.2.25", NULL };
  static const char *const both[] = { "contoso.com", "contoso.co.jp", NULL };
  static const char *const tie[] = { "tie.example", NULL };
  g_autoptr(GPtrArray) results = look_up (domains);
  KanriMxConnector connectors[] = {
    { "Osaka Relay", FALSE, TRUE, other_ips },
    { "Gateway (old)", FALSE, FALSE, gateway_ips },
    { "Gateway", TRUE, FALSE, gateway_ips },
  };
  g_autoptr(GPtrArray) findings = NULL;
  KanriMxFinding *f;

  /* A disabled connector's enhanced filtering does nothing. */
  findings = kanri_mx_evaluate (results, connectors, G_N_ELEMENTS (connectors));
  g_assert_cmpuint (findings->len, ==, 2);

  f = findings->pdata[0];
  g_assert_cmpstr (f->exchange, ==, "mx1.gate.example.net");
  g_assert_true (g_strv_equal ((const char *const *)f->domains, both));
  g_assert_cmpstr (f->addresses[0], ==, "203.0.113.10");
  /* The enabled connector the gateway's address matches, not the disabled
   * one listed first. */
  g_assert_cmpstr (f->connector, ==, "Gateway");

  f = findings->pdata[1];
  g_assert_cmpstr (f->exchange, ==, "a.example.net");
  g_assert_true (g_strv_equal ((const char *const *)f->domains, tie));
  g_assert_null (f->connector);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Enhanced filtering on an enabled connector: the finding goes. */
  connectors[2].enhanced_filtering = TRUE;
  findings = kanri_mx_evaluate (results, connectors, G_N_ELEMENTS (connectors));
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* No connector at all. */
  findings = kanri_mx_evaluate (results, NULL, 0);
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_null (((KanriMxFinding *)findings->pdata[0])->connector);
}

/* DNS that cannot be reached after a check that worked: the domains keep
 * what was known of their MX, and the finding stands; with nothing known,
 * none is raised. */
static void
test_keep_known (void)
{
  static const char *const domains[] = { "contoso.com", "nomx.example", "contoso.co.jp", NULL };
  static const char *const first[] = { "contoso.com", "nomx.example", NULL };
  static const char *const gate_addresses[] = { "203.0.113.10", "2001:db8::10", NULL };
  static const char unreachable[] =
    "{\"contoso.com\":[\"TIMEOUT\"],\"nomx.example\":[\"TIMEOUT\"],\"contoso.co.jp\":[\"TIMEOUT\"]}";
  g_autoptr(GPtrArray) before = look_up (first);
  g_autoptr(GPtrArray) now = look_up_in (unreachable, domains);
  g_autoptr(GPtrArray) findings = NULL;
  KanriMxResult *r;

  kanri_mx_results_keep_known (now, before);

  r = now->pdata[0];
  g_assert_error (r->error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_TIMEOUT);
  g_assert_cmpstr (r->exchange, ==, "mx1.gate.example.net");
  g_assert_false (r->exchange_online);
  g_assert_true (g_strv_equal ((const char *const *)r->addresses, gate_addresses));

  /* Known to have no MX, or never looked up: still nothing. */
  for (guint i = 1; i <= 2; i++)
    {
      r = now->pdata[i];
      g_assert_nonnull (r->error);
      g_assert_null (r->exchange);
      g_assert_cmpstr (r->addresses[0], ==, NULL);
    }

  findings = kanri_mx_evaluate (now, NULL, 0);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (((KanriMxFinding *)findings->pdata[0])->exchange, ==, "mx1.gate.example.net");
  g_assert_cmpstr (((KanriMxFinding *)findings->pdata[0])->domains[0], ==, "contoso.com");
  g_assert_cmpstr (((KanriMxFinding *)findings->pdata[0])->domains[1], ==, NULL);

  /* Without an earlier check, nothing is known and nothing raised. */
  g_clear_pointer (&now, g_ptr_array_unref);
  g_clear_pointer (&findings, g_ptr_array_unref);
  now = look_up_in (unreachable, domains);
  kanri_mx_results_keep_known (now, NULL);
  findings = kanri_mx_evaluate (now, NULL, 0);
  g_assert_cmpuint (findings->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mx-check/exchange-online-hosts", test_exchange_online_hosts);
  g_test_add_func ("/mx-check/lookup", test_lookup);
  g_test_add_func ("/mx-check/cancel", test_cancel);
  g_test_add_func ("/mx-check/evaluate", test_evaluate);
  g_test_add_func ("/mx-check/keep-known", test_keep_known);

  return g_test_run ();
}
