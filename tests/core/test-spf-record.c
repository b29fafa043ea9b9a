/* test-spf-record.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-spf-record.h"

static KanriSpfRecord *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  KanriSpfRecord *record = kanri_spf_record_parse (text, -1, &error);

  g_assert_no_error (error);
  return record;
}

static KanriSpfTerm *
term (KanriSpfRecord *record,
      guint           index)
{
  g_assert_cmpuint (index, <, record->terms->len);
  return g_ptr_array_index (record->terms, index);
}

static void
test_every_term (void)
{
  g_autoptr(KanriSpfRecord) record =
    parse ("V=SPF1 +all -include:_spf.example.com ~a ?a:mail.%{d2}/24//64 mx//96 "
           "ptr:example.com ip4:192.0.2.0/24 ip6:2001:DB8::/32 exists:%{ir}.bl.example.com "
           "redirect=_spf.example.com exp=why.example.com moo.cow-far_out=man:dog/cat  ");
  KanriSpfTerm *t;

  g_assert_cmpuint (record->terms->len, ==, 12);
  g_assert_true (record->has_all);

  t = term (record, 0);
  g_assert_cmpint (t->kind, ==, KANRI_SPF_TERM_ALL);
  g_assert_cmpint (t->qualifier, ==, KANRI_SPF_RESULT_PASS);

  t = term (record, 1);
  g_assert_cmpint (t->kind, ==, KANRI_SPF_TERM_INCLUDE);
  g_assert_cmpint (t->qualifier, ==, KANRI_SPF_RESULT_FAIL);
  g_assert_cmpstr (t->domain_spec, ==, "_spf.example.com");

  t = term (record, 2);
  g_assert_cmpint (t->kind, ==, KANRI_SPF_TERM_A);
  g_assert_cmpint (t->qualifier, ==, KANRI_SPF_RESULT_SOFTFAIL);
  g_assert_null (t->domain_spec);
  g_assert_cmpuint (t->cidr4, ==, 32);
  g_assert_cmpuint (t->cidr6, ==, 128);

  t = term (record, 3);
  g_assert_cmpint (t->qualifier, ==, KANRI_SPF_RESULT_NEUTRAL);
  g_assert_cmpstr (t->domain_spec, ==, "mail.%{d2}");
  g_assert_cmpuint (t->cidr4, ==, 24);
  g_assert_cmpuint (t->cidr6, ==, 64);

  t = term (record, 4);
  g_assert_cmpint (t->kind, ==, KANRI_SPF_TERM_MX);
  g_assert_cmpuint (t->cidr4, ==, 32);
  g_assert_cmpuint (t->cidr6, ==, 96);

  t = term (record, 5);
  g_assert_cmpint (t->kind, ==, KANRI_SPF_TERM_PTR);
  g_assert_cmpstr (t->domain_spec, ==, "example.com");

  t = term (record, 6);
  g_assert_cmpint (t->kind, ==, KANRI_SPF_TERM_IP4);
  g_assert_cmpuint (t->network[0], ==, 192);
  g_assert_cmpuint (t->network[3], ==, 0);
  g_assert_cmpuint (t->cidr4, ==, 24);

  t = term (record, 7);
  g_assert_cmpint (t->kind, ==, KANRI_SPF_TERM_IP6);
  g_assert_cmpuint (t->network[0], ==, 0x20);
  g_assert_cmpuint (t->network[3], ==, 0xb8);
  g_assert_cmpuint (t->cidr6, ==, 32);

  g_assert_cmpint (term (record, 8)->kind, ==, KANRI_SPF_TERM_EXISTS);
  g_assert_true (record->redirect == term (record, 9));
  g_assert_cmpstr (record->redirect->domain_spec, ==, "_spf.example.com");
  g_assert_true (record->exp == term (record, 10));

  t = term (record, 11);
  g_assert_cmpint (t->kind, ==, KANRI_SPF_TERM_UNKNOWN_MODIFIER);
  g_assert_cmpstr (t->modifier_name, ==, "moo.cow-far_out");
  g_assert_cmpstr (t->domain_spec, ==, "man:dog/cat");

  g_assert_cmpstr (term (record, 0)->text, ==, "+all");
  g_assert_false (kanri_spf_term_uses_dns (term (record, 0)));
  g_assert_true (kanri_spf_term_uses_dns (term (record, 9)));
}

static void
test_domain_with_slash (void)
{
  g_autoptr(KanriSpfRecord) record = parse ("v=spf1 a:foo:bar/baz.example.com mx:example.com/0");

  /* Only a trailing prefix length is a CIDR (the suite's a-colon-domain). */
  g_assert_cmpstr (term (record, 0)->domain_spec, ==, "foo:bar/baz.example.com");
  g_assert_cmpuint (term (record, 0)->cidr4, ==, 32);
  g_assert_cmpstr (term (record, 1)->domain_spec, ==, "example.com");
  g_assert_cmpuint (term (record, 1)->cidr4, ==, 0);
}

static void
test_is_spf (void)
{
  g_assert_true (kanri_spf_record_is_spf ("v=spf1", -1));
  g_assert_true (kanri_spf_record_is_spf ("v=SPF1 -all", -1));
  g_assert_false (kanri_spf_record_is_spf ("v=spf10", -1));
  g_assert_false (kanri_spf_record_is_spf ("v=spf1-all", -1));
  g_assert_false (kanri_spf_record_is_spf (" v=spf1 -all", -1));
  g_assert_false (kanri_spf_record_is_spf ("v=spf", -1));
  g_assert_true (kanri_spf_record_is_spf ("v=spf1 -all", 6));

  /* RFC 7208 §4.5: "v=spf1" then a space or the end; a NUL is neither. */
  g_assert_false (kanri_spf_record_is_spf ("v=spf1\0 -all", 12));
  g_assert_true (kanri_spf_record_is_spf ("v=spf1 -all\0", 12));
}

/* A TXT record may hold NUL octets (RFC 1035 §3.3.14), which no term may
 * (RFC 7208 §12): the suite's a-null and mx-null. The octets after one
 * must not be lost either. */
static void
test_nul (void)
{
  static const struct { const char *record; gsize length; const char *message; } cases[] = {
    { "v=spf1 a:foo.example.com\0", 25, "Term 1 “a:foo.example.com\\0”: byte 0x00 is not allowed" },
    { "v=spf1 mx:foo.example.com\0", 26, "Term 1 “mx:foo.example.com\\0”: byte 0x00" },
    { "v=spf1 -all \0", 13, "Term 2 “\\0”: byte 0x00 is not allowed" },
    { "v=spf1 -all\0 a", 14, "Term 1 “-all\\0”: byte 0x00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriSpfRecord) record = NULL;

      record = kanri_spf_record_parse (cases[i].record, cases[i].length, &error);
      g_assert_null (record);
      g_assert_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].message);
    }
}

typedef struct
{
  const char *record;
  const char *message;
} Bad;

static void
test_errors (void)
{
  static const Bad cases[] = {
    { "spf1 -all", "does not begin with “v=spf1”" },
    { "v=spf1 ip4:1.2.3.4 -all moo", "Term 3 “moo”: “moo” is not a mechanism" },
    { "v=spf1 -all.", "“all.” is not a mechanism" },
    { "v=spf1 -all:foo", "unexpected “:foo” after all" },
    { "v=spf1 a//129", "“/129” is not a prefix length from 0 to 128" },
    { "v=spf1 a/33", "“/33” is not a prefix length from 0 to 32" },
    { "v=spf1 a/24/64", "“/64” is not a prefix length from 0 to 32" },
    { "v=spf1 a/24/16", "unexpected “/24/16” after a" },
    { "v=spf1 ip4:1.2.3.4/032", "“/032” is not a prefix length" },
    { "v=spf1 ip4:1.2.3", "“1.2.3” is not an IPv4 address" },
    { "v=spf1 ip4:1.2.3.4:8080", "“1.2.3.4:8080” is not an IPv4 address" },
    { "v=spf1 ip4:01.2.3.4", "is not an IPv4 address" },
    { "v=spf1 ip4", "ip4 needs an address" },
    { "v=spf1 ip6::CAFE::BABE", "is not an IPv6 address" },
    { "v=spf1 ip6:::1.1.1.1//33", "is not an IPv6 address" },
    { "v=spf1 include", "include needs a domain" },
    { "v=spf1 include:", "the domain is empty" },
    { "v=spf1 include:example.com/24", "does not end with a dot and a valid top-level label" },
    { "v=spf1 exists", "exists needs a domain" },
    { "v=spf1 ptr/0", "unexpected “/0” after ptr" },
    { "v=spf1 a:museum", "does not end with a dot and a valid top-level label" },
    { "v=spf1 a:111.222.33.44", "does not end with a dot and a valid top-level label" },
    { "v=spf1 a:example.-com", "does not end with a dot" },
    { "v=spf1 a:%{a}.example.com", "“a” is not a macro letter" },
    { "v=spf1 exp=%{r}.example.com", "allowed only in explanation text" },
    { "v=spf1 redirect:example.com", "“redirect” is not a mechanism" },
    { "v=spf1 redirect=a.example.com redirect=b.example.com", "redirect= appears more than once" },
    { "v=spf1 exp=a.example.com exp=b.example.com", "exp= appears more than once" },
    { "v=spf1 exp=", "the domain is empty" },
    { "v=spf1 -redirect=example.com", "a modifier cannot have a qualifier" },
    { "v=spf1 1up=foo", "“1up” is not a valid modifier name" },
    { "v=spf1 =all", "“” is not a valid modifier name" },
    { "v=spf1 foo=%abc", "a “%” must be followed" },
    /* RFC 7208 §7.2: c, r and t only in explanation text, so not in the
     * value of an unknown modifier either. */
    { "v=spf1 -all foo=%{c}", "Term 2 “foo=%{c}”: Macro error at character 3: the macro letter “c”" },
    { "v=spf1 moo=%{r}.x", "allowed only in explanation text" },
    { "v=spf1 x=%{T}", "allowed only in explanation text" },
    { "v=spf1 a:ctrl.example.com\rptr", "byte 0x0D is not allowed" },
    { "v=spf1 \xc2\x80" "a -all", "byte 0xC2 is not allowed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriSpfRecord) record = kanri_spf_record_parse (cases[i].record, -1, &error);

      g_assert_null (record);
      g_assert_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].message);
    }
}

static void
test_length_limit (void)
{
  g_autoptr(GString) text = g_string_new ("v=spf1");
  g_autoptr(KanriSpfRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  while (text->len <= KANRI_SPF_RECORD_MAX_LENGTH)
    g_string_append (text, " ip4:192.0.2.1");
  record = kanri_spf_record_parse (text->str, text->len, &error);
  g_assert_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "65535"));
}

static void
test_results (void)
{
  KanriSpfResult result;

  for (KanriSpfResult r = KANRI_SPF_RESULT_NONE; r <= KANRI_SPF_RESULT_PERMERROR; r++)
    {
      g_assert_true (kanri_spf_result_from_string (kanri_spf_result_to_string (r), &result));
      g_assert_cmpint (result, ==, r);
    }
  g_assert_false (kanri_spf_result_from_string ("unknown", &result));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/spf/record/every-term", test_every_term);
  g_test_add_func ("/spf/record/domain-with-slash", test_domain_with_slash);
  g_test_add_func ("/spf/record/is-spf", test_is_spf);
  g_test_add_func ("/spf/record/nul", test_nul);
  g_test_add_func ("/spf/record/errors", test_errors);
  g_test_add_func ("/spf/record/length-limit", test_length_limit);
  g_test_add_func ("/spf/record/results", test_results);

  return g_test_run ();
}
