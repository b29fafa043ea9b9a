/* test-resolver.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-zone-resolver.h"

static const char *zone_text =
  "{\"Example.COM\": [{\"TXT\": [\"v=spf1 \", \"a \", \"-all\"]}, {\"A\": \"192.0.2.1\"},"
  "                  {\"A\": \"192.0.2.2\"}, {\"AAAA\": \"2001:DB8::1\"},"
  "                  {\"MX\": [10, \"mx.example.com.\"]}],"
  " \"spf-only.example.com\": [{\"SPF\": \"v=spf1 -all\"}],"
  " \"spf-none.example.com\": [{\"SPF\": \"v=spf1 -all\"}, {\"TXT\": \"NONE\"}],"
  " \"slow.example.com\": [{\"A\": \"192.0.2.9\"}, \"TIMEOUT\"],"
  " \"alias.example.com\": [{\"CNAME\": \"example.com.\"}],"
  " \"loop1.example.com\": [{\"CNAME\": \"loop2.example.com\"}],"
  " \"loop2.example.com\": [{\"CNAME\": \"loop1.example.com\"}],"
  " \"1.2.0.192.in-addr.arpa\": [{\"PTR\": \"example.com\"}],"
  " \"empty.example.com\": []}";

static KanriResolver *
load_zone (void)
{
  g_autoptr(GError) error = NULL;
  KanriZoneResolver *zone = kanri_zone_resolver_new_from_data (zone_text, -1, &error);

  g_assert_no_error (error);
  return KANRI_RESOLVER (zone);
}

static GPtrArray *
lookup (KanriResolver  *resolver,
        const char     *name,
        KanriDnsType    type,
        GError        **error)
{
  return kanri_resolver_lookup (resolver, name, type, NULL, error);
}

static void
test_zone_answers (void)
{
  g_autoptr(KanriResolver) zone = load_zone ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) txt = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) aaaa = NULL;
  g_autoptr(GPtrArray) mx = NULL;
  g_autoptr(GPtrArray) ptr = NULL;
  const KanriDnsRecord *record;
  const guint8 expected_a[4] = { 192, 0, 2, 1 };

  /* Names are case-insensitive and a trailing dot is the same name. */
  txt = lookup (zone, "example.com.", KANRI_DNS_TYPE_TXT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (txt->len, ==, 1);
  record = g_ptr_array_index (txt, 0);
  g_assert_cmpstr (record->text, ==, "v=spf1 a -all");

  a = lookup (zone, "EXAMPLE.com", KANRI_DNS_TYPE_A, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, 2);
  record = g_ptr_array_index (a, 0);
  g_assert_cmpstr (record->text, ==, "192.0.2.1");
  g_assert_cmpmem (record->address, 4, expected_a, 4);

  aaaa = lookup (zone, "example.com", KANRI_DNS_TYPE_AAAA, &error);
  g_assert_no_error (error);
  record = g_ptr_array_index (aaaa, 0);
  g_assert_cmpstr (record->text, ==, "2001:db8::1");
  g_assert_cmpuint (record->address[15], ==, 1);

  mx = lookup (zone, "example.com", KANRI_DNS_TYPE_MX, &error);
  g_assert_no_error (error);
  record = g_ptr_array_index (mx, 0);
  g_assert_cmpuint (record->preference, ==, 10);
  g_assert_cmpstr (record->text, ==, "mx.example.com");

  ptr = lookup (zone, "1.2.0.192.in-addr.arpa", KANRI_DNS_TYPE_PTR, &error);
  g_assert_no_error (error);
  record = g_ptr_array_index (ptr, 0);
  g_assert_cmpstr (record->text, ==, "example.com");
}

static void
test_zone_suite_conventions (void)
{
  g_autoptr(KanriResolver) zone = load_zone ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) slow = NULL;
  g_autoptr(GError) error = NULL;

  /* An SPF record answers TXT queries when the name has no TXT entry... */
  records = lookup (zone, "spf-only.example.com", KANRI_DNS_TYPE_TXT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((KanriDnsRecord *) records->pdata[0])->text, ==, "v=spf1 -all");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* ...and "NONE" is a TXT entry that is no record. */
  records = lookup (zone, "spf-none.example.com", KANRI_DNS_TYPE_TXT, &error);
  g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_NO_RECORDS);
  g_assert_null (records);
  g_clear_error (&error);
  records = lookup (zone, "spf-none.example.com", KANRI_DNS_TYPE_SPF, &error);
  g_assert_no_error (error);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* TIMEOUT: the types the name has answer, the others time out. */
  slow = lookup (zone, "slow.example.com", KANRI_DNS_TYPE_A, &error);
  g_assert_no_error (error);
  records = lookup (zone, "slow.example.com", KANRI_DNS_TYPE_TXT, &error);
  g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_TIMEOUT);
  g_assert_false (kanri_resolver_error_is_void (error));
}

static void
test_zone_errors (void)
{
  g_autoptr(KanriResolver) zone = load_zone ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = lookup (zone, "nowhere.example.com", KANRI_DNS_TYPE_A, &error);
  g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_NXDOMAIN);
  g_assert_true (kanri_resolver_error_is_void (error));
  g_clear_error (&error);

  records = lookup (zone, "empty.example.com", KANRI_DNS_TYPE_A, &error);
  g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_NO_RECORDS);
  g_assert_true (kanri_resolver_error_is_void (error));
  g_clear_error (&error);

  records = lookup (zone, "a..example.com", KANRI_DNS_TYPE_A, &error);
  g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_INVALID_NAME);
  g_clear_error (&error);

  records = lookup (zone, "loop1.example.com", KANRI_DNS_TYPE_A, &error);
  g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "loop"));
}

static void
test_zone_cname (void)
{
  g_autoptr(KanriResolver) zone = load_zone ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = lookup (zone, "alias.example.com", KANRI_DNS_TYPE_A, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = kanri_resolver_lookup_finish (KANRI_RESOLVER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_zone_async (void)
{
  g_autoptr(KanriResolver) zone = load_zone ();
  g_autoptr(GPtrArray) records = NULL;

  kanri_resolver_lookup_async (zone, "example.com", KANRI_DNS_TYPE_MX, NULL, on_looked_up, &records);
  while (records == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (((KanriDnsRecord *) records->pdata[0])->text, ==, "mx.example.com");
}

static const KanriDnsRecord *
only_record (KanriResolver *zone,
             const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = lookup (zone, name, KANRI_DNS_TYPE_TXT, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  /* The zone keeps its own reference. */
  return records->pdata[0];
}

/* json-glib alone ends a string at "\u0000" (the suite's a-null). */
static void
test_zone_nul (void)
{
  static const char text[] =
    "{\"nul.example.com\": [{\"TXT\": \"v=spf1 a:foo.example.com\\u0000\"}],"
    " \"pieces.example.com\": [{\"TXT\": [\"v=spf1 \", \"\\u0000a\", \"\\u0000\"]}],"
    " \"spf.example.com\": [{\"SPF\": \"v=spf1\\u0000 -all\"}],"
    " \"backslash.example.com\": [{\"TXT\": \"a\\\\u0000b\"}],"
    " \"private.example.com\": [{\"TXT\": \"\\ue000\xee\x80\x81x\\u0000\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriZoneResolver) zone = kanri_zone_resolver_new_from_data (text, -1, &error);
  KanriResolver *resolver = KANRI_RESOLVER (zone);
  const KanriDnsRecord *record;

  g_assert_no_error (error);

  record = only_record (resolver, "nul.example.com");
  g_assert_cmpuint (record->length, ==, 25);
  g_assert_cmpmem (record->text, record->length + 1, "v=spf1 a:foo.example.com\0", 26);

  record = only_record (resolver, "pieces.example.com");
  g_assert_cmpmem (record->text, record->length, "v=spf1 \0a\0", 10);

  /* An SPF-type record answering TXT keeps its NUL too. */
  record = only_record (resolver, "spf.example.com");
  g_assert_cmpmem (record->text, record->length, "v=spf1\0 -all", 12);

  /* An escaped backslash before "u0000" is no NUL. */
  record = only_record (resolver, "backslash.example.com");
  g_assert_cmpstr (record->text, ==, "a\\u0000b");
  g_assert_cmpuint (record->length, ==, strlen ("a\\u0000b"));

  /* The private-use characters the zone holds are not taken for NUL. */
  record = only_record (resolver, "private.example.com");
  g_assert_cmpmem (record->text, record->length, "\xee\x80\x80\xee\x80\x81x\0", 8);
}

/* Masking "\u0000" keeps json-glib's positions: the same column is
 * reported with and without it. */
static void
test_zone_nul_positions (void)
{
  g_autoptr(KanriZoneResolver) nul = NULL;
  g_autoptr(KanriZoneResolver) other = NULL;
  g_autoptr(GError) nul_error = NULL;
  g_autoptr(GError) other_error = NULL;

  nul = kanri_zone_resolver_new_from_data ("{\"a.example\": [{\"TXT\": \"x\\u0000\"}] ]", -1,
                                           &nul_error);
  other = kanri_zone_resolver_new_from_data ("{\"a.example\": [{\"TXT\": \"x\\u0001\"}] ]", -1,
                                             &other_error);
  g_assert_error (nul_error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE);
  g_assert_error (other_error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE);
  g_assert_nonnull (strstr (nul_error->message, "line:column 1:"));
  g_assert_cmpstr (nul_error->message, ==, other_error->message);
}

/* A zone that holds every private-use character leaves nothing to stand
 * for a NUL; it is refused, not misread. */
static void
test_zone_nul_no_stand_in (void)
{
  g_autoptr(GString) text = g_string_new ("{\"a.example\": [{\"TXT\": \"\\u0000");
  g_autoptr(KanriZoneResolver) zone = NULL;
  g_autoptr(GError) error = NULL;

  for (gunichar c = 0xE000; c <= 0xF8FF; c++)
    g_string_append_unichar (text, c);
  g_string_append (text, "\"}]}");

  zone = kanri_zone_resolver_new_from_data (text->str, text->len, &error);
  g_assert_null (zone);
  g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE);
  g_assert_nonnull (strstr (error->message, "U+F8FF"));

  /* Without the NUL, the same characters load. */
  g_string_erase (text, strlen ("{\"a.example\": [{\"TXT\": \""), 6);
  g_clear_error (&error);
  zone = kanri_zone_resolver_new_from_data (text->str, text->len, &error);
  g_assert_no_error (error);
}

typedef struct
{
  const char *zone;
  const char *message;
} BadZone;

static void
test_bad_zones (void)
{
  static const BadZone cases[] = {
    { "{\"example.com\": [", "not valid JSON, at line:column 1:" },
    { "[1, 2]", "must be a JSON object" },
    { "{\"example.com\": {\"A\": \"192.0.2.1\"}}", "Zone entry “example.com”: expected a list" },
    { "{\"a..b\": []}", "Zone entry “a..b”: not a valid DNS name" },
    { "{\"example.com\": [{\"A\": \"192.0.2.1\"}, {\"A\": \"300.0.0.1\"}]}",
      "Zone entry “example.com”, record 2: the A value “300.0.0.1” is not an IPv4 address" },
    { "{\"example.com\": [{\"AAAA\": \"192.0.2.1\"}]}", "record 1: the AAAA value “192.0.2.1” is not an IPv6" },
    { "{\"example.com\": [{\"MX\": [70000, \"mx\"]}]}", "record 1: an MX value must be" },
    { "{\"example.com\": [{\"MX\": \"mx.example.com\"}]}", "record 1: an MX value must be" },
    { "{\"example.com\": [{\"TXT\": 5}]}", "a TXT or SPF value must be" },
    { "{\"example.com\": [{\"TXT\": [\"a\", 5]}]}", "a TXT or SPF value must be" },
    { "{\"example.com\": [{\"NS\": \"ns.example.com\"}]}", "unknown record type “NS”" },
    { "{\"example.com\": [{\"A\": \"192.0.2.1\", \"TXT\": \"x\"}]}", "an object with one member" },
    { "{\"example.com\": [\"SLOW\"]}", "expected \"TIMEOUT\"" },
    { "{\"example.com\": [{\"PTR\": 1}]}", "a PTR or CNAME value must be a host name" },
    /* No query can be made of a name holding a NUL: refused, not cut. */
    { "{\"a\\u0000b.example\": []}", "Zone entry “a\\u0000b.example”: a name cannot hold a NUL" },
    { "{\"example.com\": [{\"MX\": [10, \"mx.example\\u0000\"]}]}",
      "record 1: a host name cannot hold a NUL" },
    { "{\"example.com\": [{\"CNAME\": \"\\u0000\"}]}", "record 1: a host name cannot hold a NUL" },
    { "{\"example.com\": [{\"A\": \"192.0.2.1\\u0000\"}]}", "the A value “192.0.2.1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriZoneResolver) zone = NULL;

      zone = kanri_zone_resolver_new_from_data (cases[i].zone, -1, &error);
      g_assert_null (zone);
      g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].message);
    }
}

static void
test_zone_file (void)
{
  g_autofree char *good = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "zones", "contoso.json", NULL);
  g_autofree char *bad = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "zones", "bad-record.json", NULL);
  g_autoptr(KanriZoneResolver) zone = NULL;
  g_autoptr(GError) error = NULL;

  zone = kanri_zone_resolver_new_from_file (good, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kanri_zone_resolver_get_n_names (zone), >, 10);
  g_clear_object (&zone);

  /* The file name comes first, then the entry and the record. */
  zone = kanri_zone_resolver_new_from_file (bad, &error);
  g_assert_null (zone);
  g_assert_nonnull (strstr (error->message, "bad-record.json: Zone entry “example.com”, record 4"));
  g_clear_error (&error);

  zone = kanri_zone_resolver_new_from_file ("/nonexistent/zone.json", &error);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_zone_size_limit (void)
{
  g_autofree char *huge = g_strnfill (KANRI_ZONE_MAX_SIZE + 1, ' ');
  g_autoptr(KanriZoneResolver) zone = NULL;
  g_autoptr(GError) error = NULL;

  zone = kanri_zone_resolver_new_from_data (huge, -1, &error);
  g_assert_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_BAD_ZONE);
  g_assert_nonnull (strstr (error->message, "16 MiB"));
}

static void
test_names (void)
{
  g_autoptr(GInetAddress) v4 = g_inet_address_new_from_string ("192.0.2.3");
  g_autoptr(GInetAddress) v6 = g_inet_address_new_from_string ("2001:db8::cb01");
  g_autofree char *r4 = kanri_dns_reverse_name (g_inet_address_to_bytes (v4), FALSE);
  g_autofree char *r6 = kanri_dns_reverse_name (g_inet_address_to_bytes (v6), TRUE);
  g_autofree char *long_label = g_strnfill (64, 'a');
  g_autofree char *label63 = g_strnfill (63, 'a');
  g_autofree char *too_long = g_strjoin (".", label63, label63, label63, label63, NULL);

  g_assert_cmpstr (r4, ==, "3.2.0.192.in-addr.arpa");
  g_assert_cmpstr (r6, ==, "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");

  g_assert_true (kanri_dns_name_is_valid ("example.com"));
  g_assert_true (kanri_dns_name_is_valid ("example.com."));
  g_assert_true (kanri_dns_name_is_valid (label63));
  g_assert_false (kanri_dns_name_is_valid (long_label));
  g_assert_false (kanri_dns_name_is_valid (too_long));
  g_assert_false (kanri_dns_name_is_valid (""));
  g_assert_false (kanri_dns_name_is_valid ("."));
  g_assert_false (kanri_dns_name_is_valid (".example.com"));
  g_assert_false (kanri_dns_name_is_valid ("example..com"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/resolver/zone/answers", test_zone_answers);
  g_test_add_func ("/resolver/zone/suite-conventions", test_zone_suite_conventions);
  g_test_add_func ("/resolver/zone/errors", test_zone_errors);
  g_test_add_func ("/resolver/zone/cname", test_zone_cname);
  g_test_add_func ("/resolver/zone/async", test_zone_async);
  g_test_add_func ("/resolver/zone/nul", test_zone_nul);
  g_test_add_func ("/resolver/zone/nul-positions", test_zone_nul_positions);
  g_test_add_func ("/resolver/zone/nul-no-stand-in", test_zone_nul_no_stand_in);
  g_test_add_func ("/resolver/zone/bad-zones", test_bad_zones);
  g_test_add_func ("/resolver/zone/file", test_zone_file);
  g_test_add_func ("/resolver/zone/size-limit", test_zone_size_limit);
  g_test_add_func ("/resolver/names", test_names);

  return g_test_run ();
}
