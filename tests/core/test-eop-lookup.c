/* test-eop-lookup.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-eop-lookup.h"
#include "kanri-zone-resolver.h"

static KanriResolver *
zone (const char *text)
{
  g_autoptr(GError) error = NULL;
  KanriZoneResolver *resolver = kanri_zone_resolver_new_from_data (text, -1, &error);

  g_assert_no_error (error);
  return KANRI_RESOLVER (resolver);
}

static char *
join_ranges (GArray *ranges)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ranges->len; i++)
    {
      g_autofree char *range = kanri_ip_range_to_string (&g_array_index (ranges, KanriIpRange, i));

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", range);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_follows_includes (void)
{
  /* Includes and a redirect are followed once each, in order; a loop back
   * to the first record and a macro target (which names no fixed list) are
   * not; host bits in a network are cleared as SPF matches the block. */
  g_autoptr(KanriResolver) resolver =
    zone ("{\"spf.protection.outlook.com\":[{\"TXT\":\"google=1\"},"
          "   {\"TXT\":\"v=spf1 ip4:40.92.0.0/15 include:b.example include:%{d}.m.example -all\"}],"
          " \"b.example\":[{\"TXT\":\"v=spf1 ip6:2a01:111:f400::/48 include:spf.protection.outlook.com"
          "   include:b.example redirect=c.example\"}],"
          " \"c.example\":[{\"TXT\":\"v=spf1 ip4:52.100.1.2/15 ip4:40.107.0.1 -all\"}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranges = kanri_eop_lookup (resolver, NULL, NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = join_ranges (ranges);
  g_assert_cmpstr (text, ==, "40.92.0.0/15 2a01:111:f400::/48 52.100.0.0/15 40.107.0.1");
}

static void
test_failures (void)
{
  static const struct {
    const char *zone;
    GQuark      (*domain) (void);
    int         code;
    const char *message;
  } cases[] = {
    { "{\"other.example\":[{\"A\":\"192.0.2.1\"}]}", kanri_resolver_error_quark,
      KANRI_RESOLVER_ERROR_NXDOMAIN, "spf.protection.outlook.com does not exist (NXDOMAIN)" },
    { "{\"spf.protection.outlook.com\":[{\"A\":\"192.0.2.1\"}]}", kanri_eop_lookup_error_quark,
      KANRI_EOP_LOOKUP_ERROR_NO_RECORD, "spf.protection.outlook.com has no SPF record" },
    { "{\"spf.protection.outlook.com\":[\"TIMEOUT\"]}", kanri_resolver_error_quark,
      KANRI_RESOLVER_ERROR_TIMEOUT, "The TXT query for spf.protection.outlook.com timed out" },
    { "{\"spf.protection.outlook.com\":[{\"TXT\":\"v=spf1 -all\"},{\"TXT\":\"v=spf1 +all\"}]}",
      kanri_eop_lookup_error_quark, KANRI_EOP_LOOKUP_ERROR_INVALID_RECORD,
      "spf.protection.outlook.com has 2 SPF records; there must be only one" },
    { "{\"spf.protection.outlook.com\":[{\"TXT\":\"v=spf1 ip4:1.2.3.400 -all\"}]}",
      kanri_eop_lookup_error_quark, KANRI_EOP_LOOKUP_ERROR_INVALID_RECORD, NULL },
    { "{\"spf.protection.outlook.com\":[{\"TXT\":\"v=spf1 include:gone.example -all\"}]}",
      kanri_resolver_error_quark, KANRI_RESOLVER_ERROR_NXDOMAIN, "gone.example does not exist (NXDOMAIN)" },
    { "{\"spf.protection.outlook.com\":[{\"TXT\":\"v=spf1 -all\"}]}", kanri_eop_lookup_error_quark,
      KANRI_EOP_LOOKUP_ERROR_NO_RANGES, "The SPF record of spf.protection.outlook.com lists no IP ranges" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KanriResolver) resolver = zone (cases[i].zone);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ranges = kanri_eop_lookup (resolver, NULL, NULL, &error);

      g_assert_null (ranges);
      g_assert_error (error, cases[i].domain (), cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_too_many_records (void)
{
  g_autoptr(GString) text = g_string_new ("{");
  g_autoptr(KanriResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranges = NULL;

  /* A chain of includes longer than RFC 7208's limit. */
  for (guint i = 0; i <= KANRI_EOP_LOOKUP_MAX_RECORDS; i++)
    g_string_append_printf (text, "%s\"r%u.example\":[{\"TXT\":\"v=spf1 ip4:192.0.2.%u include:r%u.example\"}]",
                            i > 0 ? "," : "", i, i, i + 1);
  g_string_append (text, "}");
  resolver = zone (text->str);

  ranges = kanri_eop_lookup (resolver, "r0.example", NULL, &error);
  g_assert_null (ranges);
  g_assert_error (error, KANRI_EOP_LOOKUP_ERROR, KANRI_EOP_LOOKUP_ERROR_TOO_MANY_RECORDS);
  g_assert_cmpstr (error->message, ==, "r0.example leads to more than 10 SPF records");
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = kanri_eop_lookup_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(KanriResolver) resolver = zone ("{\"spf.protection.outlook.com\":[{\"TXT\":\"v=spf1 ip4:40.92.0.0/15 -all\"}]}");
  g_autoptr(GArray) ranges = NULL;
  g_autofree char *text = NULL;

  kanri_eop_lookup_async (resolver, NULL, NULL, lookup_done_cb, &ranges);
  while (ranges == NULL)
    g_main_context_iteration (NULL, TRUE);

  text = join_ranges (ranges);
  g_assert_cmpstr (text, ==, "40.92.0.0/15");
}

static void
test_cancelled (void)
{
  g_autoptr(KanriResolver) resolver = zone ("{\"spf.protection.outlook.com\":[{\"TXT\":\"v=spf1 ip4:40.92.0.0/15 -all\"}]}");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranges = NULL;

  g_cancellable_cancel (cancellable);
  ranges = kanri_eop_lookup (resolver, NULL, cancellable, &error);
  g_assert_null (ranges);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/eop-lookup/follows-includes", test_follows_includes);
  g_test_add_func ("/eop-lookup/failures", test_failures);
  g_test_add_func ("/eop-lookup/too-many-records", test_too_many_records);
  g_test_add_func ("/eop-lookup/async", test_async);
  g_test_add_func ("/eop-lookup/cancelled", test_cancelled);

  return g_test_run ();
}
