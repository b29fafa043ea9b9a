/* test-ip.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-ip-classifier.h"
#include "kanri-ip.h"

typedef struct
{
  const char *text;
  const char *canonical;
} GoodAddress;

static void
test_parse_good (void)
{
  static const GoodAddress cases[] = {
    { "0.0.0.0", "0.0.0.0" },
    { "203.0.113.5", "203.0.113.5" },
    { "255.255.255.255", "255.255.255.255" },
    { "2001:db8::1", "2001:db8::1" },
    { "2001:DB8:0:0:0:0:0:1", "2001:db8::1" },
    { "::", "::" },
    { "::1", "::1" },
    { "fe80::", "fe80::" },
    { "2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1" },
    /* RFC 5952 §4.2.2: a single zero group is not shortened. */
    { "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },
    /* §4.2.3: the first of two equally long runs. */
    { "2001:0:0:1:0:0:0:1", "2001:0:0:1::1" },
    { "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
    { "::ffff:192.0.2.1", "::ffff:192.0.2.1" },
    { "::ffff:c000:0201", "::ffff:192.0.2.1" },
    { "2603:1096:400:1a5::12", "2603:1096:400:1a5::12" },
    { "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0" },
    { "::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8" },
    { "64:ff9b::198.51.100.7", "64:ff9b::c633:6407" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      KanriIp ip;

      g_test_message ("%s", cases[i].text);
      g_assert_true (kanri_ip_parse (cases[i].text, &ip, &error));
      g_assert_no_error (error);
      text = kanri_ip_to_string (&ip);
      g_assert_cmpstr (text, ==, cases[i].canonical);
    }
}

typedef struct
{
  const char *text;
  const char *message_part;
} BadAddress;

static void
test_parse_bad (void)
{
  static const BadAddress cases[] = {
    { "", "not an IPv4 or IPv6 address" },
    { "mail.example.com", "not an IPv4 or IPv6 address" },
    { "1.2.3", "four numbers" },
    { "1.2.3.4.5", "four numbers" },
    { "1.2.3.", "four numbers" },
    { "256.1.1.1", "from 0 to 255" },
    { "1.2.3.1000", "from 0 to 255" },
    { "01.2.3.4", "leading zeros" },
    { " 1.2.3.4", "not an IPv4 or IPv6 address" },
    { "1.2.3.4 ", "four numbers" },
    { "1::2::3", "only once" },
    { "12345::1", "at most four" },
    { "1:2:3:4:5:6:7:8:9", "eight groups" },
    { "1:2:3:4:5:6:7", "eight groups" },
    { ":1::", "eight groups" },
    { "1:", "eight groups" },
    { "1:2:3:4:5:6:7:8::", "eight groups" },
    { "fe80::1%eth0", "zone index" },
    { "::ffff:1.2.3", "eight groups" },
    { "g::1", "eight groups" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      KanriIp ip;

      g_test_message ("“%s”", cases[i].text);
      g_assert_false (kanri_ip_parse (cases[i].text, &ip, &error));
      g_assert_error (error, KANRI_IP_ERROR, KANRI_IP_ERROR_INVALID_ADDRESS);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_parse_len_stops_at_length (void)
{
  KanriIp ip;
  KanriIp v4;
  g_autofree char *text = NULL;

  g_assert_true (kanri_ip_parse_len ("192.0.2.1]", 9, &ip));
  text = kanri_ip_to_string (&ip);
  g_assert_cmpstr (text, ==, "192.0.2.1");
  g_assert_false (kanri_ip_parse_len ("192.0.2.1]", 10, &ip));

  g_assert_true (kanri_ip_parse ("::ffff:203.0.113.9", &ip, NULL));
  g_assert_true (kanri_ip_unmap (&ip, &v4));
  g_assert_cmpint (v4.family, ==, KANRI_IP_FAMILY_V4);
  g_assert_false (kanri_ip_unmap (&v4, &ip));
}

static void
test_compare (void)
{
  KanriIp a, b, c;

  g_assert_true (kanri_ip_parse ("10.0.0.2", &a, NULL));
  g_assert_true (kanri_ip_parse ("10.0.0.10", &b, NULL));
  g_assert_true (kanri_ip_parse ("::1", &c, NULL));

  g_assert_cmpint (kanri_ip_compare (&a, &b), <, 0);
  g_assert_cmpint (kanri_ip_compare (&b, &c), <, 0);
  g_assert_true (kanri_ip_equal (&a, &a));
  g_assert_false (kanri_ip_equal (&a, &b));
}

typedef struct
{
  const char *text;
  const char *canonical;
  const char *inside;
  const char *outside;
} GoodRange;

static void
test_range_good (void)
{
  static const GoodRange cases[] = {
    { "203.0.113.0/24", "203.0.113.0/24", "203.0.113.255", "203.0.114.0" },
    { " 198.51.100.0/25 ", "198.51.100.0/25", "198.51.100.127", "198.51.100.128" },
    { "192.0.2.10", "192.0.2.10", "192.0.2.10", "192.0.2.11" },
    { "192.0.2.10/32", "192.0.2.10", "192.0.2.10", "192.0.2.9" },
    { "0.0.0.0/0", "0.0.0.0/0", "255.255.255.255", "::1" },
    { "192.0.2.1-192.0.2.50", "192.0.2.1-192.0.2.50", "192.0.2.50", "192.0.2.51" },
    { "192.0.2.1 - 192.0.2.1", "192.0.2.1-192.0.2.1", "192.0.2.1", "192.0.2.0" },
    { "2001:db8::/32", "2001:db8::/32", "2001:db8:ffff::1", "2001:db9::" },
    { "2a01:111:f403:8000::/51", "2a01:111:f403:8000::/51", "2a01:111:f403:9fff::1", "2a01:111:f403:a000::" },
    { "2001:db8::1-2001:db8::ff", "2001:db8::1-2001:db8::ff", "2001:db8::80", "2001:db8::100" },
    { "::/0", "::/0", "ffff::", "0.0.0.0" },
    /* An IPv4-mapped address is matched against IPv4 blocks. */
    { "203.0.113.0/24", "203.0.113.0/24", "::ffff:203.0.113.7", "::ffff:203.0.112.7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      KanriIpRange range;
      KanriIp inside, outside;

      g_test_message ("%s", cases[i].text);
      g_assert_true (kanri_ip_range_parse (cases[i].text, &range, &error));
      g_assert_no_error (error);
      text = kanri_ip_range_to_string (&range);
      g_assert_cmpstr (text, ==, cases[i].canonical);

      g_assert_true (kanri_ip_parse (cases[i].inside, &inside, NULL));
      g_assert_true (kanri_ip_parse (cases[i].outside, &outside, NULL));
      g_assert_true (kanri_ip_range_contains (&range, &inside));
      g_assert_false (kanri_ip_range_contains (&range, &outside));
    }
}

typedef struct
{
  const char *text;
  int         code;
  const char *message_part;
} BadRange;

static void
test_range_bad (void)
{
  static const BadRange cases[] = {
    { "203.0.113.1/24", KANRI_IP_ERROR_HOST_BITS_SET, "the network is 203.0.113.0/24" },
    { "2001:db8::1/32", KANRI_IP_ERROR_HOST_BITS_SET, "the network is 2001:db8::/32" },
    { "203.0.113.0/33", KANRI_IP_ERROR_INVALID_PREFIX, "/0 to /32" },
    { "2001:db8::/129", KANRI_IP_ERROR_INVALID_PREFIX, "/0 to /128" },
    { "203.0.113.0/", KANRI_IP_ERROR_INVALID_PREFIX, "/0 to /32" },
    { "203.0.113.0/024", KANRI_IP_ERROR_INVALID_PREFIX, "/0 to /32" },
    { "203.0.113.0/2x", KANRI_IP_ERROR_INVALID_PREFIX, "/0 to /32" },
    { "192.0.2.50-192.0.2.1", KANRI_IP_ERROR_INVALID_RANGE, "starts after it ends" },
    { "192.0.2.1-2001:db8::1", KANRI_IP_ERROR_INVALID_RANGE, "mixes an IPv4 and an IPv6" },
    { "192.0.2.0/24-192.0.2.9", KANRI_IP_ERROR_INVALID_RANGE, "mixes a prefix and a range" },
    { "300.0.0.0/8", KANRI_IP_ERROR_INVALID_ADDRESS, "from 0 to 255" },
    { "192.0.2.1-", KANRI_IP_ERROR_INVALID_ADDRESS, "not an IPv4 or IPv6" },
    { "contoso.com", KANRI_IP_ERROR_INVALID_ADDRESS, "not an IPv4 or IPv6" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      KanriIpRange range;

      g_test_message ("“%s”", cases[i].text);
      g_assert_false (kanri_ip_range_parse (cases[i].text, &range, &error));
      g_assert_error (error, KANRI_IP_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_range_relations (void)
{
  KanriIpRange wide, narrow, other, v6;

  g_assert_true (kanri_ip_range_parse ("52.100.0.0/14", &wide, NULL));
  g_assert_true (kanri_ip_range_parse ("52.102.0.0/16", &narrow, NULL));
  g_assert_true (kanri_ip_range_parse ("52.103.255.0-52.104.0.10", &other, NULL));
  g_assert_true (kanri_ip_range_parse ("2001:db8::/32", &v6, NULL));

  g_assert_true (kanri_ip_range_contains_range (&wide, &narrow));
  g_assert_false (kanri_ip_range_contains_range (&narrow, &wide));
  g_assert_false (kanri_ip_range_contains_range (&wide, &other));
  g_assert_true (kanri_ip_range_overlaps (&wide, &other));
  g_assert_false (kanri_ip_range_overlaps (&narrow, &other));
  g_assert_false (kanri_ip_range_overlaps (&wide, &v6));
}

static void
test_error_quotes_long_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (500, 'a');
  KanriIp ip;

  g_assert_false (kanri_ip_parse (long_text, &ip, &error));
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_assert_nonnull (strstr (error->message, "…"));
}

typedef struct
{
  const char   *ip;
  KanriIpClass  klass;
} Classification;

static void
test_classify_default (void)
{
  static const Classification cases[] = {
    { "40.107.117.112", KANRI_IP_CLASS_EOP_OUTBOUND },
    { "40.92.1.1", KANRI_IP_CLASS_EOP_OUTBOUND },
    { "40.93.255.255", KANRI_IP_CLASS_EOP_OUTBOUND },
    { "52.100.1.2", KANRI_IP_CLASS_EOP_OUTBOUND },
    { "52.101.255.1", KANRI_IP_CLASS_EOP_OUTBOUND },
    { "52.102.3.4", KANRI_IP_CLASS_EOP_OUTBOUND },
    { "52.103.127.1", KANRI_IP_CLASS_EOP_OUTBOUND },
    /* 52.100.0.0/14 was split: 52.103.128.0/17 is no longer in the SPF
     * record, but still in Exchange Online's published ranges. */
    { "52.103.128.1", KANRI_IP_CLASS_MICROSOFT_365 },
    { "104.47.127.9", KANRI_IP_CLASS_EOP_OUTBOUND },
    { "104.47.128.9", KANRI_IP_CLASS_PUBLIC },
    { "2a01:111:f403:c101::5", KANRI_IP_CLASS_EOP_OUTBOUND },
    { "2a01:111:f400:7e1b::10", KANRI_IP_CLASS_EOP_OUTBOUND },
    /* In 2a01:111:f403::/48, between the parts the SPF record lists. */
    { "2a01:111:f403:a000::1", KANRI_IP_CLASS_MICROSOFT_365 },
    { "2a01:111:f403:e00f::2", KANRI_IP_CLASS_MICROSOFT_365 },
    /* Exchange Online's own servers (Microsoft 365 URLs and IP address
     * ranges), IPv4 and IPv6: the hops inside Microsoft 365. */
    { "52.96.10.20", KANRI_IP_CLASS_MICROSOFT_365 },
    { "40.99.1.2", KANRI_IP_CLASS_MICROSOFT_365 },
    { "2603:1036:301:1e::5", KANRI_IP_CLASS_MICROSOFT_365 },
    { "2620:1ec:a92::153", KANRI_IP_CLASS_MICROSOFT_365 },
    { "2620:1ec:a92::154", KANRI_IP_CLASS_PUBLIC },
    { "2603:1096:403::1f", KANRI_IP_CLASS_MICROSOFT_365 },
    { "2603:1096:604:1c1::3", KANRI_IP_CLASS_MICROSOFT_365 },
    { "2603:1096:4:1af::9", KANRI_IP_CLASS_MICROSOFT_365 },
    { "2603:10a6:20b:1c7::12", KANRI_IP_CLASS_MICROSOFT_365 },
    /* The rest of Microsoft's 2603:1000::/24: Microsoft, maybe Azure. */
    { "2603:10b6:805:b0::12", KANRI_IP_CLASS_MICROSOFT },
    { "2603:1030:20e:3::23c", KANRI_IP_CLASS_MICROSOFT },
    { "2603:1100::1", KANRI_IP_CLASS_PUBLIC },
    { "::ffff:40.107.1.1", KANRI_IP_CLASS_EOP_OUTBOUND },
    /* The relay pool is neither EOP outbound nor the high-risk pool. */
    { "40.95.12.34", KANRI_IP_CLASS_RELAY_POOL },
    { "255.255.255.255", KANRI_IP_CLASS_CLIENT_SUBMITTED },
    { "10.1.2.3", KANRI_IP_CLASS_PRIVATE },
    { "172.31.255.255", KANRI_IP_CLASS_PRIVATE },
    { "172.32.0.1", KANRI_IP_CLASS_PUBLIC },
    { "192.168.10.5", KANRI_IP_CLASS_PRIVATE },
    { "127.0.0.1", KANRI_IP_CLASS_LOOPBACK },
    { "::1", KANRI_IP_CLASS_LOOPBACK },
    { "169.254.1.1", KANRI_IP_CLASS_LINK_LOCAL },
    { "fe80::1234:5678:9abc:def0", KANRI_IP_CLASS_LINK_LOCAL },
    { "100.64.0.1", KANRI_IP_CLASS_CGNAT },
    { "100.127.255.254", KANRI_IP_CLASS_CGNAT },
    { "100.128.0.1", KANRI_IP_CLASS_PUBLIC },
    { "192.0.2.44", KANRI_IP_CLASS_DOCUMENTATION },
    { "198.51.100.23", KANRI_IP_CLASS_DOCUMENTATION },
    { "203.0.113.10", KANRI_IP_CLASS_DOCUMENTATION },
    { "2001:db8:1::5", KANRI_IP_CLASS_DOCUMENTATION },
    { "fd12:3456:789a::1", KANRI_IP_CLASS_UNIQUE_LOCAL },
    { "0.0.0.0", KANRI_IP_CLASS_RESERVED },
    { "224.0.0.1", KANRI_IP_CLASS_RESERVED },
    { "209.85.220.41", KANRI_IP_CLASS_PUBLIC },
  };
  KanriIpClassifier *classifier = kanri_ip_classifier_get_default ();

  g_assert_cmpstr (kanri_ip_classifier_get_date (classifier), ==, "2025-10-26");
  g_assert_nonnull (strstr (kanri_ip_classifier_get_source (classifier), "spf.protection.outlook.com"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KanriIp ip;

      g_test_message ("%s", cases[i].ip);
      g_assert_true (kanri_ip_parse (cases[i].ip, &ip, NULL));
      g_assert_cmpstr (kanri_ip_class_to_string (kanri_ip_classifier_classify (classifier, &ip)), ==,
                       kanri_ip_class_to_string (cases[i].klass));
    }
}

static void
test_snapshot_file_matches_embedded (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "eop-ranges.json", NULL);
  g_autoptr(KanriIpClassifier) from_file = kanri_ip_classifier_new_from_file (path, &error);
  KanriIpClassifier *embedded = kanri_ip_classifier_get_default ();
  const KanriIpRange *a, *b;
  gsize n_a, n_b;

  g_assert_no_error (error);
  a = kanri_ip_classifier_get_eop_ranges (from_file, &n_a);
  b = kanri_ip_classifier_get_eop_ranges (embedded, &n_b);
  g_assert_cmpuint (n_a, ==, 11);
  g_assert_cmpuint (n_a, ==, n_b);
  g_assert_cmpmem (a, n_a * sizeof *a, b, n_b * sizeof *b);

  /* None of them may cover the relay pool. */
  for (gsize i = 0; i < n_a; i++)
    g_assert_false (kanri_ip_range_overlaps (&a[i], kanri_ip_classifier_get_relay_pool ()));
}

typedef struct
{
  const char *json;
  const char *message_part;
} BadSnapshot;

static void
test_snapshot_bad (void)
{
  static const BadSnapshot cases[] = {
    { "{", "not valid JSON" },
    { "", "not a JSON object" },
    { "[1,2]", "not a JSON object" },
    { "{\"ipv4\":[\"40.92.0.0/15\"]}", "no valid “date”" },
    { "{\"date\":\"2025-02-30\",\"ipv4\":[\"40.92.0.0/15\"]}", "no valid “date”" },
    { "{\"date\":\"2025-10-26\"}", "lists no ranges" },
    { "{\"date\":\"2025-10-26\",\"ipv4\":\"40.92.0.0/15\"}", "is not a list" },
    { "{\"date\":\"2025-10-26\",\"ipv4\":[15]}", "Entry 1 of the range snapshot’s “ipv4” list is not a string" },
    { "{\"date\":\"2025-10-26\",\"ipv4\":[\"40.92.0.1/15\"]}", "the network is 40.92.0.0/15" },
    { "{\"date\":\"2025-10-26\",\"ipv6\":[\"40.92.0.0/15\"]}", "wrong IP version" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriIpClassifier) classifier = NULL;

      g_test_message ("%s", cases[i].json);
      classifier = kanri_ip_classifier_new_from_data (cases[i].json, -1, &error);
      g_assert_null (classifier);
      g_assert_error (error, KANRI_IP_CLASSIFIER_ERROR, KANRI_IP_CLASSIFIER_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_snapshot_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriIpClassifier) classifier = NULL;

  classifier = kanri_ip_classifier_new_from_file ("/nonexistent/eop-ranges.json", &error);
  g_assert_null (classifier);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_classifier_from_ranges (void)
{
  g_autoptr(KanriIpClassifier) classifier = NULL;
  KanriIpRange range;
  KanriIp inside, outside;

  g_assert_true (kanri_ip_range_parse ("52.100.0.0/14", &range, NULL));
  classifier = kanri_ip_classifier_new_from_ranges (&range, 1, "2019-01-01", NULL);

  g_assert_true (kanri_ip_parse ("52.103.200.1", &inside, NULL));
  g_assert_true (kanri_ip_parse ("209.85.220.41", &outside, NULL));
  g_assert_cmpint (kanri_ip_classifier_classify (classifier, &inside), ==, KANRI_IP_CLASS_EOP_OUTBOUND);
  g_assert_cmpint (kanri_ip_classifier_classify (classifier, &outside), ==, KANRI_IP_CLASS_PUBLIC);

  /* Outside these EOP ranges, Exchange Online's published ones still say
   * Microsoft 365: they do not come from the SPF record. */
  g_assert_true (kanri_ip_parse ("40.107.1.1", &outside, NULL));
  g_assert_cmpint (kanri_ip_classifier_classify (classifier, &outside), ==, KANRI_IP_CLASS_MICROSOFT_365);
  g_assert_true (kanri_ip_parse ("2a01:111:f403:a000::1", &outside, NULL));
  g_assert_cmpint (kanri_ip_classifier_classify (classifier, &outside), ==, KANRI_IP_CLASS_MICROSOFT_365);
  g_assert_cmpstr (kanri_ip_classifier_get_date (classifier), ==, "2019-01-01");
}

static void
test_class_texts (void)
{
  for (KanriIpClass k = KANRI_IP_CLASS_PUBLIC; k <= KANRI_IP_CLASS_MICROSOFT; k++)
    {
      KanriIpClass read = -1;

      /* The id the local model keeps reads back as its class. */
      g_assert_true (kanri_ip_class_from_string (kanri_ip_class_to_string (k), &read));
      g_assert_cmpint (read, ==, k);
      g_assert_nonnull (kanri_ip_class_to_string (k));
      g_assert_nonnull (kanri_ip_class_get_label (k));
      g_assert_nonnull (kanri_ip_class_get_description (k));
    }

  g_assert_true (kanri_ip_class_is_internal (KANRI_IP_CLASS_PRIVATE));
  g_assert_true (kanri_ip_class_is_internal (KANRI_IP_CLASS_LOOPBACK));
  g_assert_false (kanri_ip_class_is_internal (KANRI_IP_CLASS_DOCUMENTATION));
  g_assert_false (kanri_ip_class_is_internal (KANRI_IP_CLASS_EOP_OUTBOUND));
  g_assert_false (kanri_ip_class_is_internal (KANRI_IP_CLASS_MICROSOFT_365));
  g_assert_false (kanri_ip_class_is_internal (KANRI_IP_CLASS_MICROSOFT));
  g_assert_cmpstr (kanri_ip_class_to_string (KANRI_IP_CLASS_MICROSOFT_365), ==, "microsoft-365");
  g_assert_cmpstr (kanri_ip_class_get_label (KANRI_IP_CLASS_MICROSOFT_365), ==, "Microsoft 365 (Exchange Online)");
  g_assert_cmpstr (kanri_ip_class_to_string (KANRI_IP_CLASS_MICROSOFT), ==, "microsoft");
  {
    KanriIpClass klass = KANRI_IP_CLASS_PUBLIC;

    g_assert_false (kanri_ip_class_from_string ("gateway", &klass));
    g_assert_false (kanri_ip_class_from_string (NULL, &klass));
    g_assert_cmpint (klass, ==, KANRI_IP_CLASS_PUBLIC);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ip/parse/good", test_parse_good);
  g_test_add_func ("/ip/parse/bad", test_parse_bad);
  g_test_add_func ("/ip/parse/length", test_parse_len_stops_at_length);
  g_test_add_func ("/ip/compare", test_compare);
  g_test_add_func ("/ip/range/good", test_range_good);
  g_test_add_func ("/ip/range/bad", test_range_bad);
  g_test_add_func ("/ip/range/relations", test_range_relations);
  g_test_add_func ("/ip/error-quotes-long-input", test_error_quotes_long_input);
  g_test_add_func ("/ip-classifier/default", test_classify_default);
  g_test_add_func ("/ip-classifier/file-matches-embedded", test_snapshot_file_matches_embedded);
  g_test_add_func ("/ip-classifier/bad-snapshot", test_snapshot_bad);
  g_test_add_func ("/ip-classifier/missing-file", test_snapshot_missing_file);
  g_test_add_func ("/ip-classifier/from-ranges", test_classifier_from_ranges);
  g_test_add_func ("/ip-classifier/class-texts", test_class_texts);

  return g_test_run ();
}
