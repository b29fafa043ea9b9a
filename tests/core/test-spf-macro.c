/* test-spf-macro.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-spf-macro.h"

static const char *
validated_name (gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
  return "mx.example.org";
}

static char *
expand (const char         *spec,
        const char         *ip,
        KanriSpfMacroMode   mode,
        guint              *p_calls)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (ip);
  g_autoptr(GError) error = NULL;
  KanriSpfMacroContext context = {
    .sender = "strong-bad@email.example.com",
    .local_part = "strong-bad",
    .sender_domain = "email.example.com",
    .domain = "email.example.com",
    .ip = g_inet_address_to_bytes (address),
    .ipv6 = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6,
    .helo = "mx.example.org",
    .timestamp = 1700000000,
    .validated_name = validated_name,
    .user_data = p_calls,
  };
  char *expanded = kanri_spf_macro_expand (spec, &context, mode, &error);

  g_assert_no_error (error);
  return expanded;
}

typedef struct
{
  const char *spec;
  const char *expected;
} Example;

/* RFC 7208 §7.4, with sender strong-bad@email.example.com. */
static void
test_rfc_examples (void)
{
  static const Example ipv4[] = {
    { "%{s}", "strong-bad@email.example.com" },
    { "%{o}", "email.example.com" },
    { "%{d}", "email.example.com" },
    { "%{d4}", "email.example.com" },
    { "%{d3}", "email.example.com" },
    { "%{d2}", "example.com" },
    { "%{d1}", "com" },
    { "%{dr}", "com.example.email" },
    { "%{d2r}", "example.email" },
    { "%{l}", "strong-bad" },
    { "%{l-}", "strong.bad" },
    { "%{lr}", "strong-bad" },
    { "%{lr-}", "bad.strong" },
    { "%{l1r-}", "strong" },
    { "%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com" },
    { "%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com" },
    { "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com" },
    { "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com" },
    { "%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ipv4); i++)
    {
      g_autofree char *expanded = expand (ipv4[i].spec, "192.0.2.3", KANRI_SPF_MACRO_DOMAIN, NULL);

      g_assert_cmpstr (expanded, ==, ipv4[i].expected);
    }
}

static void
test_ipv6 (void)
{
  g_autofree char *reverse = expand ("%{ir}.%{v}._spf.%{d2}", "2001:db8::cb01",
                                     KANRI_SPF_MACRO_DOMAIN, NULL);
  g_autofree char *readable = expand ("%{c}", "2001:db8::cb01", KANRI_SPF_MACRO_EXPLANATION, NULL);

  /* RFC 7208 §7.4 writes the nibbles in lower case, its test suite (and RFC
   * 4408) in upper case; DNS does not care, explanations follow the suite. */
  g_assert_cmpstr (reverse, ==,
                   "1.0.B.C.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6._spf.example.com");
  g_assert_cmpstr (readable, ==, "2001:db8::cb01");
}

static void
test_escapes_and_url (void)
{
  g_autofree char *escapes = expand ("a%%b%_c%-d", "192.0.2.3", KANRI_SPF_MACRO_DOMAIN, NULL);
  g_autofree char *upper = expand ("%{S}", "192.0.2.3", KANRI_SPF_MACRO_DOMAIN, NULL);
  g_autofree char *delimiters = expand ("%{l2r+-}", "192.0.2.3", KANRI_SPF_MACRO_DOMAIN, NULL);

  g_assert_cmpstr (escapes, ==, "a%b c%20d");
  /* RFC 7208 §7.3: upper case URL-escapes all but the unreserved characters. */
  g_assert_cmpstr (upper, ==, "strong-bad%40email.example.com");
  g_assert_cmpstr (delimiters, ==, "bad.strong");
}

static void
test_explanation_letters (void)
{
  guint calls = 0;
  g_autofree char *text = expand ("%{c} at %{t} to %{r}, from %{p} (%{h})", "192.0.2.3",
                                  KANRI_SPF_MACRO_EXPLANATION, &calls);
  g_autofree char *domain = expand ("%{d}", "192.0.2.3", KANRI_SPF_MACRO_DOMAIN, &calls);

  g_assert_cmpstr (text, ==, "192.0.2.3 at 1700000000 to unknown, from mx.example.org (mx.example.org)");
  /* %{p} costs DNS lookups: it is asked for only when used. */
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpstr (domain, ==, "email.example.com");
}

typedef struct
{
  const char        *spec;
  KanriSpfMacroMode  mode;
  const char        *message;
} Bad;

static void
test_errors (void)
{
  static const Bad cases[] = {
    { "%{x}", KANRI_SPF_MACRO_DOMAIN, "character 3: “x” is not a macro letter" },
    { "%{c}.example.com", KANRI_SPF_MACRO_DOMAIN, "allowed only in explanation text" },
    { "%{r}", KANRI_SPF_MACRO_DOMAIN, "allowed only in explanation text" },
    { "%{d0}", KANRI_SPF_MACRO_DOMAIN, "must not be zero" },
    { "%{d", KANRI_SPF_MACRO_DOMAIN, "is not closed" },
    { "%{d2!}", KANRI_SPF_MACRO_DOMAIN, "unexpected “!” in a macro" },
    { "foo%", KANRI_SPF_MACRO_DOMAIN, "character 4: a “%” must be followed" },
    { "%(ir)", KANRI_SPF_MACRO_DOMAIN, "character 1: a “%” must be followed" },
    { "a b", KANRI_SPF_MACRO_DOMAIN, "byte 0x20 is not allowed" },
    { "caf\xc3\xa9", KANRI_SPF_MACRO_EXPLANATION, "byte 0xC3 is not allowed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (kanri_spf_macro_check (cases[i].spec, -1, cases[i].mode, &error));
      g_assert_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].message);
    }

  /* Spaces are text in an explanation, and all letters are allowed there. */
  g_assert_true (kanri_spf_macro_check ("%{c} is %{r} %{t}", -1, KANRI_SPF_MACRO_EXPLANATION, NULL));
  /* An embedded NUL is a byte like any other. */
  g_assert_false (kanri_spf_macro_check ("%{\0}", 4, KANRI_SPF_MACRO_DOMAIN, NULL));
}

static void
test_output_limit (void)
{
  g_autoptr(GString) spec = g_string_new (NULL);
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("192.0.2.3");
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = NULL;
  KanriSpfMacroContext context = {
    .sender = "strong-bad@email.example.com",
    .local_part = "strong-bad",
    .sender_domain = "email.example.com",
    .domain = "email.example.com",
    .ip = g_inet_address_to_bytes (address),
  };

  for (guint i = 0; i < 1000; i++)
    g_string_append (spec, "%{S}");
  expanded = kanri_spf_macro_expand (spec->str, &context, KANRI_SPF_MACRO_DOMAIN, &error);
  g_assert_null (expanded);
  g_assert_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "8192"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/spf/macro/rfc-examples", test_rfc_examples);
  g_test_add_func ("/spf/macro/ipv6", test_ipv6);
  g_test_add_func ("/spf/macro/escapes-and-url", test_escapes_and_url);
  g_test_add_func ("/spf/macro/explanation-letters", test_explanation_letters);
  g_test_add_func ("/spf/macro/errors", test_errors);
  g_test_add_func ("/spf/macro/output-limit", test_output_limit);

  return g_test_run ();
}
