/* test-dns-resolver.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-dmarc.h"
#include "kanri-dns-resolver.h"
#include "kanri-mx-check.h"
#include "kanri-spf.h"
#include "kanri-test-gresolver.h"

/* KanriDnsResolver without a network: GLib's default resolver is replaced
 * by one that fails every query in one of the ways GResolver reports, and
 * what Kanri makes of it is checked, from the lookup up to SPF, DMARC and
 * the MX check. A DNS that cannot be reached is a temporary error, never
 * "no record". */

typedef struct
{
  const char *what;
  GQuark      domain;
  int         code;
} Failure;

/* The ways DNS fails to be reached; the root zone answers in all of them,
 * but for the server that says "no such name" to every question. */
static const Failure *
failures (gsize *n_failures)
{
  static Failure all[6];

  all[0] = (Failure) { "temporary failure", G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE };
  all[1] = (Failure) { "internal error", G_RESOLVER_ERROR, G_RESOLVER_ERROR_INTERNAL };
  all[2] = (Failure) { "network unreachable", G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE };
  all[3] = (Failure) { "host unreachable", G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE };
  all[4] = (Failure) { "connection refused", G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED };
  all[5] = (Failure) { "no such name, not even the root", G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND };
  *n_failures = G_N_ELEMENTS (all);
  return all;
}

static KanriTestGResolver *
install (const Failure *failure)
{
  KanriTestGResolver *fake = kanri_test_gresolver_new (failure->domain, failure->code);

  if (failure->domain == G_RESOLVER_ERROR && failure->code == G_RESOLVER_ERROR_NOT_FOUND)
    kanri_test_gresolver_set_root_error (fake, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_resolver_set_default (G_RESOLVER (fake));
  return fake;
}

static void
test_unreachable (void)
{
  static const struct {
    const char   *name;
    KanriDnsType  type;
  } queries[] = {
    { "contoso.example", KANRI_DNS_TYPE_TXT },
    { "contoso.example", KANRI_DNS_TYPE_MX },
    { "mx1.contoso.example", KANRI_DNS_TYPE_A },
    { "mx1.contoso.example", KANRI_DNS_TYPE_AAAA },
    { "10.2.0.192.in-addr.arpa", KANRI_DNS_TYPE_PTR },
  };
  gsize n_failures;
  const Failure *all = failures (&n_failures);

  for (gsize i = 0; i < n_failures; i++)
    {
      g_autoptr(KanriTestGResolver) fake = install (&all[i]);
      g_autoptr(KanriDnsResolver) resolver = kanri_dns_resolver_new ();

      for (gsize j = 0; j < G_N_ELEMENTS (queries); j++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) records = NULL;

          g_test_message ("%s: %s %s", all[i].what, kanri_dns_type_to_string (queries[j].type),
                          queries[j].name);
          records = kanri_resolver_lookup (KANRI_RESOLVER (resolver), queries[j].name,
                                           queries[j].type, NULL, &error);
          g_assert_null (records);
          g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_UNREACHABLE);
          g_assert_false (kanri_resolver_error_is_void (error));
          g_assert_true (g_str_has_prefix (error->message, "DNS could not be reached: "));
          /* What GLib said is kept: it may name what failed. */
          g_assert_nonnull (strstr (error->message, "Test resolver: no answer for"));
        }
    }
}

/* "No such name" from a server that finds the root zone is an answer: a
 * void lookup. The root is asked once, not before every such answer. */
static void
test_not_found (void)
{
  g_autoptr(KanriTestGResolver) fake = kanri_test_gresolver_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_autoptr(KanriDnsResolver) resolver = NULL;

  g_resolver_set_default (G_RESOLVER (fake));
  resolver = kanri_dns_resolver_new ();

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = kanri_resolver_lookup (KANRI_RESOLVER (resolver), "nomx.example",
                                                            KANRI_DNS_TYPE_MX, NULL, &error);

      g_assert_null (records);
      g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_NO_RECORDS);
      g_assert_true (kanri_resolver_error_is_void (error));
      g_assert_cmpuint (kanri_test_gresolver_get_root_queries (fake), ==, 1);
    }
}

/* A server that says no name exists, the root zone included, is not
 * answering from DNS (a sandbox, a captive portal): nothing is "none". */
static void
test_not_found_without_root (void)
{
  g_autoptr(KanriTestGResolver) fake = kanri_test_gresolver_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_autoptr(KanriDnsResolver) resolver = NULL;

  kanri_test_gresolver_set_root_error (fake, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_resolver_set_default (G_RESOLVER (fake));
  resolver = kanri_dns_resolver_new ();

  /* Asked again each time: the root answering is what is remembered. */
  for (guint i = 1; i <= 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = kanri_resolver_lookup (KANRI_RESOLVER (resolver), "contoso.example",
                                                            KANRI_DNS_TYPE_TXT, NULL, &error);

      g_assert_null (records);
      g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_UNREACHABLE);
      g_assert_cmpstr (error->message, ==,
                       "DNS could not be reached: the system’s DNS server says that contoso.example "
                       "has no TXT record, but it cannot find the DNS root zone either (Test resolver: "
                       "no answer for “.”)");
      g_assert_cmpuint (kanri_test_gresolver_get_root_queries (fake), ==, i);
    }
}

static void
assert_unreachable_reason (const char *reason)
{
  g_assert_nonnull (reason);
  g_assert_true (g_str_has_prefix (reason, "DNS could not be reached: "));
}

static void
test_spf (void)
{
  gsize n_failures;
  const Failure *all = failures (&n_failures);
  KanriSpfQuery query = { .ip = "192.0.2.10", .domain = "contoso.example" };

  for (gsize i = 0; i < n_failures; i++)
    {
      g_autoptr(KanriTestGResolver) fake = install (&all[i]);
      g_autoptr(KanriDnsResolver) resolver = kanri_dns_resolver_new ();
      g_autoptr(KanriSpfReport) report = NULL;
      g_autoptr(GError) error = NULL;
      const KanriSpfStep *lookup;

      g_test_message ("%s", all[i].what);
      report = kanri_spf_check_host (KANRI_RESOLVER (resolver), &query, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (report->result, ==, KANRI_SPF_RESULT_TEMPERROR);
      g_assert_cmpuint (report->void_lookups, ==, 0);
      assert_unreachable_reason (report->reason);

      /* The trace says it too: the record's step and its TXT lookup. */
      g_assert_cmpint (report->trace->result, ==, KANRI_SPF_RESULT_TEMPERROR);
      g_assert_cmpuint (report->trace->children->len, ==, 1);
      lookup = g_ptr_array_index (report->trace->children, 0);
      g_assert_cmpint (lookup->kind, ==, KANRI_SPF_STEP_LOOKUP);
      g_assert_cmpstr (lookup->subject, ==, "TXT contoso.example");
      assert_unreachable_reason (lookup->detail);
    }
}

static void
test_dmarc (void)
{
  gsize n_failures;
  const Failure *all = failures (&n_failures);
  KanriDmarcQuery query = { .domain = "mail.contoso.example" };

  for (gsize i = 0; i < n_failures; i++)
    {
      g_autoptr(KanriTestGResolver) fake = install (&all[i]);
      g_autoptr(KanriDnsResolver) resolver = kanri_dns_resolver_new ();
      g_autoptr(KanriDmarcReport) report = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", all[i].what);
      report = kanri_dmarc_check (KANRI_RESOLVER (resolver), &query, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (report->status, ==, KANRI_DMARC_STATUS_TEMPERROR);
      assert_unreachable_reason (report->reason);
      /* Discovery stops there: the organizational domain is not asked. */
      g_assert_cmpuint (report->lookups->len, ==, 1);
    }
}

static void
mx_looked_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GPtrArray **results = user_data;
  g_autoptr(GError) error = NULL;

  *results = kanri_mx_lookup_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_mx (void)
{
  static const char *const domains[] = { "contoso.example", NULL };
  gsize n_failures;
  const Failure *all = failures (&n_failures);

  for (gsize i = 0; i < n_failures; i++)
    {
      g_autoptr(KanriTestGResolver) fake = install (&all[i]);
      g_autoptr(KanriDnsResolver) resolver = kanri_dns_resolver_new ();
      g_autoptr(GPtrArray) results = NULL;
      KanriMxResult *result;

      g_test_message ("%s", all[i].what);
      kanri_mx_lookup_async (KANRI_RESOLVER (resolver), domains, NULL, mx_looked_up_cb, &results);
      while (results == NULL)
        g_main_context_iteration (NULL, TRUE);

      /* Not "no MX": the check could not run for the domain. */
      g_assert_cmpuint (results->len, ==, 1);
      result = g_ptr_array_index (results, 0);
      g_assert_null (result->exchange);
      g_assert_error (result->error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_UNREACHABLE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dns-resolver/unreachable", test_unreachable);
  g_test_add_func ("/dns-resolver/not-found", test_not_found);
  g_test_add_func ("/dns-resolver/not-found-without-root", test_not_found_without_root);
  g_test_add_func ("/dns-resolver/spf", test_spf);
  g_test_add_func ("/dns-resolver/dmarc", test_dmarc);
  g_test_add_func ("/dns-resolver/mx", test_mx);

  return g_test_run ();
}
