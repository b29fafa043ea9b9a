/* test-connector-rules.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-connector-rules.h"

/* One entry typed into a list field: what is sent, or the exact refusal. */
typedef struct
{
  const char *text;
  const char *normalized;
  int         code;
  const char *message;
} EntryCase;

#define OK(text, normalized) { text, normalized, -1, NULL }
#define NO(text, code, message) { text, NULL, KANRI_CONNECTOR_RULES_ERROR_##code, message }

static void
run_entry_cases (KanriConnectorList  list,
                 const EntryCase    *cases,
                 gsize               n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;
      gboolean ok;

      g_test_message ("“%s”", cases[i].text);
      ok = kanri_connector_check_entry (list, cases[i].text, &normalized, &error);

      if (cases[i].normalized != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (normalized, ==, cases[i].normalized);
        }
      else
        {
          g_assert_false (ok);
          g_assert_null (normalized);
          g_assert_error (error, KANRI_CONNECTOR_RULES_ERROR, cases[i].code);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

static void
test_sender_ips (void)
{
  static const EntryCase cases[] = {
    OK ("203.0.113.10", "203.0.113.10"),
    OK ("  198.51.100.0/24  ", "198.51.100.0/24"),
    OK ("198.51.100.128/25", "198.51.100.128/25"),
    OK ("203.0.113.10/32", "203.0.113.10"),
    OK ("192.168.0.1/25", "192.168.0.1/25"),
    NO ("2001:db8::25", IPV6,
        "“2001:db8::25” is an IPv6 address. Exchange Online accepts only IPv4 sender IP addresses: "
        "a single address such as 203.0.113.10, or a CIDR range from /24 to /32 such as "
        "198.51.100.0/24."),
    NO ("2001:db8::/64", IPV6,
        "“2001:db8::/64” is an IPv6 address. Exchange Online accepts only IPv4 sender IP addresses: "
        "a single address such as 203.0.113.10, or a CIDR range from /24 to /32 such as "
        "198.51.100.0/24."),
    NO ("2001:db8::/200", IPV6,
        "“2001:db8::/200” is an IPv6 address. Exchange Online accepts only IPv4 sender IP addresses: "
        "a single address such as 203.0.113.10, or a CIDR range from /24 to /32 such as "
        "198.51.100.0/24."),
    NO ("203.0.113.10-203.0.113.20", RANGE,
        "“203.0.113.10-203.0.113.20” is a range. Sender IP addresses are single IPv4 addresses or "
        "CIDR ranges from /24 to /32: write a range as CIDR blocks, such as 203.0.113.0/27."),
    NO ("198.51.100.0/23", PREFIX,
        "“198.51.100.0/23” is wider than /24. Exchange Online accepts CIDR ranges from /24 (256 "
        "addresses) to /32 (one address) here: split the range into /24 blocks."),
    NO ("10.0.0.0/8", PREFIX,
        "“10.0.0.0/8” is wider than /24. Exchange Online accepts CIDR ranges from /24 (256 "
        "addresses) to /32 (one address) here: split the range into /24 blocks."),
    NO ("203.0.113.0/33", PREFIX,
        "“203.0.113.0/33” has no valid prefix length. Exchange Online accepts CIDR ranges from /24 "
        "to /32 here, such as 198.51.100.0/24."),
    NO ("203.0.113.0/", PREFIX,
        "“203.0.113.0/” has no valid prefix length. Exchange Online accepts CIDR ranges from /24 "
        "to /32 here, such as 198.51.100.0/24."),
    NO ("203.0.113.0/+24", PREFIX,
        "“203.0.113.0/+24” has no valid prefix length. Exchange Online accepts CIDR ranges from /24 "
        "to /32 here, such as 198.51.100.0/24."),
    NO ("203.0.113", INVALID,
        "“203.0.113” is not an IPv4 address. Type a single address such as 203.0.113.10, or a CIDR "
        "range from /24 to /32 such as 198.51.100.0/24."),
    NO ("203.0.113.256", INVALID,
        "“203.0.113.256” is not an IPv4 address. Type a single address such as 203.0.113.10, or a "
        "CIDR range from /24 to /32 such as 198.51.100.0/24."),
    NO ("gateway.contoso.com", INVALID,
        "“gateway.contoso.com” is not an IPv4 address. Type a single address such as 203.0.113.10, "
        "or a CIDR range from /24 to /32 such as 198.51.100.0/24."),
    NO ("a-b", INVALID,
        "“a-b” is not an IPv4 address. Type a single address such as 203.0.113.10, or a CIDR range "
        "from /24 to /32 such as 198.51.100.0/24."),
    NO ("   ", EMPTY, "The entry is empty."),
  };

  run_entry_cases (KANRI_CONNECTOR_LIST_SENDER_IPS, cases, G_N_ELEMENTS (cases));
}

static void
test_skip_ips (void)
{
  static const EntryCase cases[] = {
    OK ("203.0.113.10", "203.0.113.10"),
    OK ("2001:DB8::10", "2001:db8::10"),
    OK ("203.0.113.10 - 203.0.113.20", "203.0.113.10-203.0.113.20"),
    OK ("2001:db8::1-2001:db8::ff", "2001:db8::1-2001:db8::ff"),
    OK ("198.51.100.0/24", "198.51.100.0/24"),
    OK ("198.51.0.0/16", "198.51.0.0/16"),
    OK ("2001:db8::/32", "2001:db8::/32"),
    NO ("40.107.12.34", MICROSOFT365,
        "“40.107.12.34” is in 40.107.0.0/16, a range of Microsoft 365 itself. Skip only the "
        "addresses of the servers in front of Exchange Online, such as your gateway or relay."),
    NO ("40.95.3.4", MICROSOFT365,
        "“40.95.3.4” is in 40.95.0.0/16, a range of Microsoft 365 itself. Skip only the addresses "
        "of the servers in front of Exchange Online, such as your gateway or relay."),
    NO ("52.0.0.0/8", MICROSOFT365,
        "“52.0.0.0/8” is in 52.100.0.0/15, a range of Microsoft 365 itself. Skip only the addresses "
        "of the servers in front of Exchange Online, such as your gateway or relay."),
    NO ("2a01:111:f403:c000::25", MICROSOFT365,
        "“2a01:111:f403:c000::25” is in 2a01:111:f403:c000::/51, a range of Microsoft 365 itself. "
        "Skip only the addresses of the servers in front of Exchange Online, such as your gateway "
        "or relay."),
    NO ("104.46.255.0-104.47.0.10", MICROSOFT365,
        "“104.46.255.0-104.47.0.10” is in 104.47.0.0/17, a range of Microsoft 365 itself. Skip only "
        "the addresses of the servers in front of Exchange Online, such as your gateway or relay."),
    NO ("10.1.2.3", PRIVATE,
        "“10.1.2.3” is in 10.0.0.0/8, a private range (RFC 1918). Exchange Online skips private "
        "addresses by itself: list only public addresses."),
    NO ("172.31.0.0/16", PRIVATE,
        "“172.31.0.0/16” is in 172.16.0.0/12, a private range (RFC 1918). Exchange Online skips "
        "private addresses by itself: list only public addresses."),
    NO ("192.168.10.5", PRIVATE,
        "“192.168.10.5” is in 192.168.0.0/16, a private range (RFC 1918). Exchange Online skips "
        "private addresses by itself: list only public addresses."),
    NO ("203.0.113.20-203.0.113.10", RANGE,
        "“203.0.113.20-203.0.113.10” ends before it starts. Write a range lowest address first, "
        "such as 203.0.113.10-203.0.113.20."),
    NO ("203.0.113.10-2001:db8::1", INVALID,
        "“203.0.113.10-2001:db8::1” is not an IP address. Type an IPv4 or IPv6 address "
        "(203.0.113.10), a range (203.0.113.10-203.0.113.20) or a CIDR range (203.0.113.0/24)."),
    NO ("2001:db8::/129", PREFIX,
        "“2001:db8::/129” has no valid prefix length: up to /32 for IPv4, /128 for IPv6."),
    NO ("fe80::1%eth0", INVALID,
        "“fe80::1%eth0” is not an IP address. Type an IPv4 or IPv6 address (203.0.113.10), a range "
        "(203.0.113.10-203.0.113.20) or a CIDR range (203.0.113.0/24)."),
    NO ("relay", INVALID,
        "“relay” is not an IP address. Type an IPv4 or IPv6 address (203.0.113.10), a range "
        "(203.0.113.10-203.0.113.20) or a CIDR range (203.0.113.0/24)."),
    NO ("", EMPTY, "The entry is empty."),
  };

  run_entry_cases (KANRI_CONNECTOR_LIST_SKIP_IPS, cases, G_N_ELEMENTS (cases));
}

static void
test_sender_domains (void)
{
  static const EntryCase cases[] = {
    OK ("*", "*"),
    OK ("contoso.com", "contoso.com"),
    OK ("Contoso.COM", "contoso.com"),
    OK ("*.contoso.com", "*.contoso.com"),
    OK ("mail-1.fabrikam.co.jp", "mail-1.fabrikam.co.jp"),
    OK ("例え.jp", "xn--r8jz45g.jp"),
    NO ("domain.*.contoso.com", WILDCARD,
        "“domain.*.contoso.com” has a wildcard inside. A wildcard goes only at the start, as in "
        "*.contoso.com (contoso.com and all its subdomains), or alone: * (every domain)."),
    NO ("*contoso.com", WILDCARD,
        "“*contoso.com” has a wildcard inside. A wildcard goes only at the start, as in "
        "*.contoso.com (contoso.com and all its subdomains), or alone: * (every domain)."),
    NO ("*.*.contoso.com", WILDCARD,
        "“*.*.contoso.com” has a wildcard inside. A wildcard goes only at the start, as in "
        "*.contoso.com (contoso.com and all its subdomains), or alone: * (every domain)."),
    NO ("contoso", INVALID,
        "“contoso” is not a domain. Type a domain such as contoso.com, *.contoso.com for a domain "
        "and all its subdomains, or * for every domain."),
    NO ("contoso..com", INVALID,
        "“contoso..com” is not a domain. Type a domain such as contoso.com, *.contoso.com for a "
        "domain and all its subdomains, or * for every domain."),
    NO ("-contoso.com", INVALID,
        "“-contoso.com” is not a domain. Type a domain such as contoso.com, *.contoso.com for a "
        "domain and all its subdomains, or * for every domain."),
    NO ("contoso-.com", INVALID,
        "“contoso-.com” is not a domain. Type a domain such as contoso.com, *.contoso.com for a "
        "domain and all its subdomains, or * for every domain."),
    NO ("con_toso.com", INVALID,
        "“con_toso.com” is not a domain. Type a domain such as contoso.com, *.contoso.com for a "
        "domain and all its subdomains, or * for every domain."),
    NO ("contoso.com.", INVALID,
        "“contoso.com.” is not a domain. Type a domain such as contoso.com, *.contoso.com for a "
        "domain and all its subdomains, or * for every domain."),
    NO ("*.", INVALID,
        "“*.” is not a domain. Type a domain such as contoso.com, *.contoso.com for a domain and "
        "all its subdomains, or * for every domain."),
    NO ("user@contoso.com", INVALID,
        "“user@contoso.com” is not a domain. Type a domain such as contoso.com, *.contoso.com for a "
        "domain and all its subdomains, or * for every domain."),
  };

  run_entry_cases (KANRI_CONNECTOR_LIST_SENDER_DOMAINS, cases, G_N_ELEMENTS (cases));
}

static void
test_recipients (void)
{
  static const EntryCase cases[] = {
    OK ("taro.yamada@contoso.co.jp", "taro.yamada@contoso.co.jp"),
    OK (" Taro.Yamada@Contoso.CO.JP ", "Taro.Yamada@contoso.co.jp"),
    OK ("first+tag@sub.contoso.com", "first+tag@sub.contoso.com"),
    OK ("o'brien@contoso.com", "o'brien@contoso.com"),
    NO ("taro.yamada", INVALID,
        "“taro.yamada” is not an email address. Type a recipient’s address, such as "
        "user@contoso.com."),
    NO ("@contoso.com", INVALID,
        "“@contoso.com” is not an email address. Type a recipient’s address, such as "
        "user@contoso.com."),
    NO ("taro@contoso", INVALID,
        "“taro@contoso” is not an email address. Type a recipient’s address, such as "
        "user@contoso.com."),
    NO ("taro..yamada@contoso.com", INVALID,
        "“taro..yamada@contoso.com” is not an email address. Type a recipient’s address, such as "
        "user@contoso.com."),
    NO (".taro@contoso.com", INVALID,
        "“.taro@contoso.com” is not an email address. Type a recipient’s address, such as "
        "user@contoso.com."),
    NO ("taro yamada@contoso.com", INVALID,
        "“taro yamada@contoso.com” is not an email address. Type a recipient’s address, such as "
        "user@contoso.com."),
    NO ("*@contoso.com", INVALID,
        "“*@contoso.com” is not an email address. Type a recipient’s address, such as "
        "user@contoso.com."),
    NO ("taro@*.contoso.com", INVALID,
        "“taro@*.contoso.com” is not an email address. Type a recipient’s address, such as "
        "user@contoso.com."),
  };

  run_entry_cases (KANRI_CONNECTOR_LIST_RECIPIENTS, cases, G_N_ELEMENTS (cases));
}

static void
test_recipient_lengths (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *local64 = g_strnfill (64, 'a');
  g_autofree char *local65 = g_strnfill (65, 'a');
  g_autofree char *ok = g_strconcat (local64, "@contoso.com", NULL);
  g_autofree char *too_long = g_strconcat (local65, "@contoso.com", NULL);
  g_autofree char *normalized = NULL;

  /* RFC 5321 §4.5.3.1.1: 64 octets before the @. */
  g_assert_true (kanri_connector_check_entry (KANRI_CONNECTOR_LIST_RECIPIENTS, ok, &normalized, &error));
  g_assert_no_error (error);
  g_clear_pointer (&normalized, g_free);
  g_assert_false (kanri_connector_check_entry (KANRI_CONNECTOR_LIST_RECIPIENTS, too_long, &normalized, &error));
  g_assert_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_INVALID);
}

static void
test_certificate (void)
{
  static const EntryCase cases[] = {
    OK ("mail.contoso.com", "mail.contoso.com"),
    OK ("*.Contoso.com", "*.contoso.com"),
    NO ("*", INVALID,
        "“*” is not a domain. Type the domain of the sending server’s certificate, such as "
        "mail.contoso.com or *.contoso.com."),
    NO ("mail.*.contoso.com", WILDCARD,
        "“mail.*.contoso.com” has a wildcard inside. A wildcard goes only at the start, as in "
        "*.contoso.com."),
    NO ("CN=mail.contoso.com", INVALID,
        "“CN=mail.contoso.com” is not a domain. Type the domain of the sending server’s "
        "certificate, such as mail.contoso.com or *.contoso.com."),
    NO ("  ", EMPTY,
        "Type the domain of the sending server’s certificate, such as mail.contoso.com or "
        "*.contoso.com."),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;

      g_test_message ("“%s”", cases[i].text);
      if (cases[i].normalized != NULL)
        {
          g_assert_true (kanri_connector_check_certificate (cases[i].text, &normalized, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (normalized, ==, cases[i].normalized);
        }
      else
        {
          g_assert_false (kanri_connector_check_certificate (cases[i].text, &normalized, &error));
          g_assert_null (normalized);
          g_assert_error (error, KANRI_CONNECTOR_RULES_ERROR, cases[i].code);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

static void
test_names (void)
{
  static const char *const taken[] = { "Fabrikam Mail Gateway", "大阪 中継", NULL };
  g_autofree char *long_name = g_strnfill (KANRI_CONNECTOR_NAME_MAX + 1, 'x');
  g_autofree char *max_name = g_strnfill (KANRI_CONNECTOR_NAME_MAX, 'x');
  g_autofree char *long_japanese = NULL;
  const struct {
    const char *text;
    const char *trimmed;
    int         code;
    const char *message;
  } cases[] = {
    { "  Partner Gateway ", "Partner Gateway", -1, NULL },
    { "名古屋 ゲートウェイ", "名古屋 ゲートウェイ", -1, NULL },
    { max_name, max_name, -1, NULL },
    { "", NULL, KANRI_CONNECTOR_RULES_ERROR_EMPTY, "Type a name for the connector." },
    { " \t ", NULL, KANRI_CONNECTOR_RULES_ERROR_EMPTY, "Type a name for the connector." },
    { "fabrikam mail gateway", NULL, KANRI_CONNECTOR_RULES_ERROR_TAKEN,
      "This tenant already has a connector named “Fabrikam Mail Gateway”. Choose another name." },
    { " Fabrikam Mail Gateway", NULL, KANRI_CONNECTOR_RULES_ERROR_TAKEN,
      "This tenant already has a connector named “Fabrikam Mail Gateway”. Choose another name." },
    { "大阪 中継", NULL, KANRI_CONNECTOR_RULES_ERROR_TAKEN,
      "This tenant already has a connector named “大阪 中継”. Choose another name." },
    { long_name, NULL, KANRI_CONNECTOR_RULES_ERROR_TOO_LONG,
      "The name has 65 characters; a connector’s name can have at most 64." },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *trimmed = NULL;
      gboolean ok = kanri_connector_check_name (cases[i].text, taken, &trimmed, &error);

      g_test_message ("“%s”", cases[i].text);
      if (cases[i].trimmed != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (trimmed, ==, cases[i].trimmed);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, KANRI_CONNECTOR_RULES_ERROR, cases[i].code);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }

  /* Characters, not bytes: 64 kanji are a valid name. */
  {
    GString *text = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *trimmed = NULL;

    for (guint i = 0; i < KANRI_CONNECTOR_NAME_MAX; i++)
      g_string_append (text, "中");
    long_japanese = g_string_free (text, FALSE);
    g_assert_true (kanri_connector_check_name (long_japanese, NULL, &trimmed, &error));
    g_assert_no_error (error);
  }
}

static void
test_comment (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *too_long = g_strnfill (KANRI_CONNECTOR_COMMENT_MAX + 1, 'c');

  g_assert_true (kanri_connector_check_comment ("  ", &trimmed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trimmed, ==, "");
  g_clear_pointer (&trimmed, g_free);

  g_assert_true (kanri_connector_check_comment (" MX の前段 ", &trimmed, &error));
  g_assert_cmpstr (trimmed, ==, "MX の前段");
  g_clear_pointer (&trimmed, g_free);

  g_assert_false (kanri_connector_check_comment (too_long, &trimmed, &error));
  g_assert_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_TOO_LONG);
  g_assert_cmpstr (error->message, ==, "The description has 1025 characters; Kanri accepts at most 1024.");
}

/* A list as it is sent, and what was said about each entry. */
typedef struct
{
  const char               *value;
  KanriConnectorEntryLevel  level;
  const char               *note;
} ListEntry;

static void
assert_list (KanriConnectorList  list,
             const char *const  *entries,
             guint               merged,
             const ListEntry    *expected,
             gsize               n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checked = NULL;
  guint n_merged = G_MAXUINT;

  checked = kanri_connector_check_list (list, entries, &n_merged, &error);
  g_assert_no_error (error);
  g_assert_nonnull (checked);
  g_assert_cmpuint (n_merged, ==, merged);
  g_assert_cmpuint (checked->len, ==, n_expected);

  for (gsize i = 0; i < n_expected; i++)
    {
      KanriConnectorEntry *entry = checked->pdata[i];

      g_assert_cmpstr (entry->value, ==, expected[i].value);
      g_assert_cmpint (entry->level, ==, expected[i].level);
      g_assert_cmpstr (entry->note, ==, expected[i].note);
    }
}

static void
test_sender_ip_list (void)
{
  static const char *const entries[] = {
    "203.0.113.10", "198.51.100.0/24", " 203.0.113.10 ", "198.51.100.25", "192.168.1.25",
    "192.0.2.1/25", "192.0.2.0/25", "172.20.0.0/24", NULL
  };
  static const ListEntry expected[] = {
    { "203.0.113.10", KANRI_CONNECTOR_ENTRY_OK, NULL },
    { "198.51.100.0/24", KANRI_CONNECTOR_ENTRY_OK, NULL },
    { "198.51.100.25", KANRI_CONNECTOR_ENTRY_WARNING,
      "Already covered by 198.51.100.0/24: this entry adds nothing." },
    { "192.168.1.25", KANRI_CONNECTOR_ENTRY_WARNING,
      "A private address (in 192.168.0.0/16, RFC 1918). Mail from a partner reaches Exchange Online "
      "from a public address, so this entry is unlikely to match." },
    { "192.0.2.1/25", KANRI_CONNECTOR_ENTRY_NOTE,
      "The same as 192.0.2.0/25: the bits after the prefix are ignored." },
    { "172.20.0.0/24", KANRI_CONNECTOR_ENTRY_WARNING,
      "A private address (in 172.16.0.0/12, RFC 1918). Mail from a partner reaches Exchange Online "
      "from a public address, so this entry is unlikely to match." },
  };

  /* 203.0.113.10 twice, and 192.0.2.0/25 the same block as 192.0.2.1/25:
   * merged into the first. */
  assert_list (KANRI_CONNECTOR_LIST_SENDER_IPS, entries, 2, expected, G_N_ELEMENTS (expected));
}

static void
test_shared_with_another (void)
{
  static const char *const entries[] = { "203.0.113.10", "198.51.100.0/24", "192.0.2.1", NULL };
  static const char *const theirs[] = { "203.0.113.0/28", "198.51.100.200", NULL };
  static const char *const other_list[] = { "192.0.2.1", NULL };
  g_autoptr(GPtrArray) checked = kanri_connector_check_list (KANRI_CONNECTOR_LIST_SENDER_IPS, entries,
                                                             NULL, NULL);
  KanriConnectorEntry *entry;

  g_assert_nonnull (checked);

  /* An address inside one of theirs, a range holding one of theirs: both;
   * an address they do not have: not. */
  g_assert_cmpuint (kanri_connector_flag_shared (KANRI_CONNECTOR_LIST_SENDER_IPS, checked,
                                                 "Fabrikam Mail Gateway", theirs), ==, 2);
  entry = checked->pdata[0];
  g_assert_cmpint (entry->level, ==, KANRI_CONNECTOR_ENTRY_WARNING);
  g_assert_cmpstr (entry->note, ==,
                   "Already an address of the connector “Fabrikam Mail Gateway” (203.0.113.0/28): two "
                   "connectors for the same server give its mail two sets of rules. Change that "
                   "connector instead, or take the address out of it.");
  entry = checked->pdata[1];
  g_assert_cmpint (entry->level, ==, KANRI_CONNECTOR_ENTRY_WARNING);
  g_assert_nonnull (strstr (entry->note, "(198.51.100.200)"));
  entry = checked->pdata[2];
  g_assert_cmpint (entry->level, ==, KANRI_CONNECTOR_ENTRY_OK);
  g_assert_null (entry->note);

  /* Only sender addresses are compared. */
  g_assert_cmpuint (kanri_connector_flag_shared (KANRI_CONNECTOR_LIST_SKIP_IPS, checked,
                                                 "Osaka Branch Relay", other_list), ==, 0);
  g_assert_cmpuint (kanri_connector_flag_shared (KANRI_CONNECTOR_LIST_SENDER_IPS, checked,
                                                 "Osaka Branch Relay", NULL), ==, 0);
}

static void
test_skip_ip_list (void)
{
  static const char *const entries[] = {
    "203.0.113.0/24", "203.0.113.5-203.0.113.9", "2001:db8::1", "2001:DB8:0::1", "198.51.100.7", NULL
  };
  static const ListEntry expected[] = {
    { "203.0.113.0/24", KANRI_CONNECTOR_ENTRY_OK, NULL },
    { "203.0.113.5-203.0.113.9", KANRI_CONNECTOR_ENTRY_WARNING,
      "Already covered by 203.0.113.0/24: this entry adds nothing." },
    { "2001:db8::1", KANRI_CONNECTOR_ENTRY_OK, NULL },
    { "198.51.100.7", KANRI_CONNECTOR_ENTRY_OK, NULL },
  };

  assert_list (KANRI_CONNECTOR_LIST_SKIP_IPS, entries, 1, expected, G_N_ELEMENTS (expected));
}

static void
test_domain_list (void)
{
  static const char *const entries[] = {
    "*.contoso.com", "contoso.com", "Mail.Contoso.com", "fabrikam.com", "FABRIKAM.com",
    "*.sub.contoso.com", NULL
  };
  static const ListEntry expected[] = {
    { "*.contoso.com", KANRI_CONNECTOR_ENTRY_OK, NULL },
    { "contoso.com", KANRI_CONNECTOR_ENTRY_WARNING,
      "Already covered by *.contoso.com: this entry adds nothing." },
    { "mail.contoso.com", KANRI_CONNECTOR_ENTRY_WARNING,
      "Already covered by *.contoso.com: this entry adds nothing." },
    { "fabrikam.com", KANRI_CONNECTOR_ENTRY_OK, NULL },
    { "*.sub.contoso.com", KANRI_CONNECTOR_ENTRY_WARNING,
      "Already covered by *.contoso.com: this entry adds nothing." },
  };
  static const char *const with_any[] = { "*", "fabrikam.com", NULL };
  static const ListEntry expected_any[] = {
    { "*", KANRI_CONNECTOR_ENTRY_OK, NULL },
    { "fabrikam.com", KANRI_CONNECTOR_ENTRY_WARNING, "Already covered by *: this entry adds nothing." },
  };
  static const char *const lookalike[] = { "*.contoso.com", "notcontoso.com", NULL };
  static const ListEntry expected_lookalike[] = {
    { "*.contoso.com", KANRI_CONNECTOR_ENTRY_OK, NULL },
    { "notcontoso.com", KANRI_CONNECTOR_ENTRY_OK, NULL },
  };

  assert_list (KANRI_CONNECTOR_LIST_SENDER_DOMAINS, entries, 1, expected, G_N_ELEMENTS (expected));
  assert_list (KANRI_CONNECTOR_LIST_SENDER_DOMAINS, with_any, 0, expected_any, G_N_ELEMENTS (expected_any));
  assert_list (KANRI_CONNECTOR_LIST_SENDER_DOMAINS, lookalike, 0, expected_lookalike,
               G_N_ELEMENTS (expected_lookalike));
}

static void
test_recipient_list (void)
{
  static const char *const entries[] = {
    "taro@contoso.co.jp", "TARO@contoso.co.jp", "hanako@contoso.co.jp", NULL
  };
  static const ListEntry expected[] = {
    { "taro@contoso.co.jp", KANRI_CONNECTOR_ENTRY_OK, NULL },
    { "hanako@contoso.co.jp", KANRI_CONNECTOR_ENTRY_OK, NULL },
  };

  assert_list (KANRI_CONNECTOR_LIST_RECIPIENTS, entries, 1, expected, G_N_ELEMENTS (expected));
}

static void
test_list_refusals (void)
{
  static const char *const bad[] = { "203.0.113.10", "2001:db8::1", "198.51.100.0/16", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checked = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) many = NULL;

  /* The first refused entry is named. */
  checked = kanri_connector_check_list (KANRI_CONNECTOR_LIST_SENDER_IPS, bad, NULL, &error);
  g_assert_null (checked);
  g_assert_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_IPV6);
  g_clear_error (&error);

  for (guint i = 0; i <= KANRI_CONNECTOR_LIST_MAX; i++)
    {
      g_autofree char *address = g_strdup_printf ("203.0.%u.%u", i / 256, i % 256);

      g_strv_builder_add (builder, address);
    }
  many = g_strv_builder_end (builder);
  checked = kanri_connector_check_list (KANRI_CONNECTOR_LIST_SENDER_IPS, (const char *const *)many,
                                        NULL, &error);
  g_assert_null (checked);
  g_assert_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_TOO_MANY);
  g_assert_cmpstr (error->message, ==, "The list has 1001 entries; Kanri accepts at most 1000.");
}

static void
test_not_utf8 (void)
{
  static const char bad[] = "Gateway \xe3\x81";
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  /* Refused before a character is counted: a lead byte at the end. */
  g_assert_false (kanri_connector_check_name (bad, NULL, &out, &error));
  g_assert_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The text is not valid UTF-8.");
  g_clear_error (&error);
  g_assert_false (kanri_connector_check_comment (bad, &out, &error));
  g_assert_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kanri_connector_check_certificate (bad, &out, &error));
  g_assert_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kanri_connector_check_entry (KANRI_CONNECTOR_LIST_SENDER_DOMAINS, bad, &out, &error));
  g_assert_error (error, KANRI_CONNECTOR_RULES_ERROR, KANRI_CONNECTOR_RULES_ERROR_INVALID);
  g_assert_null (out);
}

static void
test_split (void)
{
  const struct {
    const char        *text;
    const char *const  entries[5];
  } cases[] = {
    { "203.0.113.10, 198.51.100.0/24", { "203.0.113.10", "198.51.100.0/24", NULL } },
    { " a;b\n c\t,,d ", { "a", "b", "c", "d", NULL } },
    { "  ", { NULL } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) entries = kanri_connector_split_entries (cases[i].text);

      g_assert_true (g_strv_equal ((const char *const *)entries, cases[i].entries));
    }
}

static void
test_entries_cover (void)
{
  static const char *const ips[] = { "203.0.113.10", " 198.51.100.0/24", "2001:db8::/32", NULL };

  g_assert_true (kanri_connector_entries_cover (ips, "203.0.113.10"));
  g_assert_true (kanri_connector_entries_cover (ips, "198.51.100.200"));
  g_assert_true (kanri_connector_entries_cover (ips, "2001:db8:1::5"));
  g_assert_false (kanri_connector_entries_cover (ips, "203.0.113.11"));
  g_assert_false (kanri_connector_entries_cover (ips, "198.51.101.1"));
  g_assert_false (kanri_connector_entries_cover (ips, "not an address"));
}

static void
test_stored (void)
{
  static const char *const values[] = { "203.0.113.10", "198.51.100.0/24", NULL };
  static const char *const none[] = { NULL };
  g_auto(GStrv) split = kanri_connector_split_stored ("203.0.113.10, 198.51.100.0/24,");
  g_auto(GStrv) empty = kanri_connector_split_stored ("");
  const struct {
    const char *value;
    const char *domain;
  } spaces[] = {
    { "smtp:*;1", "*" },
    { "SMTP:*.contoso.com;1", "*.contoso.com" },
    { "fabrikam.com", "fabrikam.com" },
    { "smtp:contoso.com", "contoso.com" },
  };

  g_assert_true (g_strv_equal ((const char *const *)split, values));
  g_assert_true (g_strv_equal ((const char *const *)empty, none));

  for (gsize i = 0; i < G_N_ELEMENTS (spaces); i++)
    {
      g_autofree char *domain = kanri_connector_address_space_domain (spaces[i].value);

      g_assert_cmpstr (domain, ==, spaces[i].domain);
    }
}

static void
test_entry_equal (void)
{
  g_assert_true (kanri_connector_entry_equal (KANRI_CONNECTOR_LIST_SENDER_IPS, "192.0.2.1/25", "192.0.2.0/25"));
  g_assert_false (kanri_connector_entry_equal (KANRI_CONNECTOR_LIST_SENDER_IPS, "192.0.2.0/25", "192.0.2.0/24"));
  g_assert_true (kanri_connector_entry_equal (KANRI_CONNECTOR_LIST_SKIP_IPS, "2001:db8::1", "2001:DB8:0::1"));
  g_assert_true (kanri_connector_entry_equal (KANRI_CONNECTOR_LIST_SENDER_DOMAINS, "Contoso.com", "contoso.COM"));
  g_assert_true (kanri_connector_entry_equal (KANRI_CONNECTOR_LIST_RECIPIENTS, "A@contoso.com", "a@contoso.com"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/connector-rules/sender-ips", test_sender_ips);
  g_test_add_func ("/connector-rules/skip-ips", test_skip_ips);
  g_test_add_func ("/connector-rules/sender-domains", test_sender_domains);
  g_test_add_func ("/connector-rules/recipients", test_recipients);
  g_test_add_func ("/connector-rules/recipient-lengths", test_recipient_lengths);
  g_test_add_func ("/connector-rules/certificate", test_certificate);
  g_test_add_func ("/connector-rules/names", test_names);
  g_test_add_func ("/connector-rules/comment", test_comment);
  g_test_add_func ("/connector-rules/sender-ip-list", test_sender_ip_list);
  g_test_add_func ("/connector-rules/shared-with-another", test_shared_with_another);
  g_test_add_func ("/connector-rules/skip-ip-list", test_skip_ip_list);
  g_test_add_func ("/connector-rules/domain-list", test_domain_list);
  g_test_add_func ("/connector-rules/recipient-list", test_recipient_list);
  g_test_add_func ("/connector-rules/list-refusals", test_list_refusals);
  g_test_add_func ("/connector-rules/not-utf8", test_not_utf8);
  g_test_add_func ("/connector-rules/split", test_split);
  g_test_add_func ("/connector-rules/entries-cover", test_entries_cover);
  g_test_add_func ("/connector-rules/entry-equal", test_entry_equal);
  g_test_add_func ("/connector-rules/stored", test_stored);

  return g_test_run ();
}
