/* test-received.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-received.h"

typedef struct
{
  const char *name;
  const char *value;
  const char *from;
  const char *from_ip;
  const char *by;
  const char *by_ip;
  const char *with;
  const char *id;
  const char *recipient;
  const char *via;
  const char *utc;
} Stamp;

/* Shapes seen in the wild, written for these tests (documentation addresses
 * where the real ones would be public). */
static const Stamp stamps[] = {
  {
    "exchange-frontend",
    "from mail-tyzapc01on2112.outbound.protection.outlook.com (40.107.117.112) by "
    "TY1PEPF0000A123.mail.protection.outlook.com (10.167.240.5) with Microsoft SMTP Server "
    "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7544.11 via "
    "Frontend Transport; Mon, 6 May 2024 09:11:58 +0000",
    "mail-tyzapc01on2112.outbound.protection.outlook.com", "40.107.117.112",
    "TY1PEPF0000A123.mail.protection.outlook.com", "10.167.240.5",
    "Microsoft SMTP Server", "15.20.7544.11", NULL, "Frontend Transport",
    "2024-05-06T09:11:58Z",
  },
  {
    "exchange-ipv6-internal",
    "from TYCP286MB1234.JPNP286.PROD.OUTLOOK.COM (2603:1096:400:1a5::12) by "
    "OS3P286MB5678.JPNP286.PROD.OUTLOOK.COM (2603:1096:604:1c0::9) with Microsoft SMTP Server "
    "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7544.41; "
    "Mon, 6 May 2024 09:12:01 +0000",
    "TYCP286MB1234.JPNP286.PROD.OUTLOOK.COM", "2603:1096:400:1a5::12",
    "OS3P286MB5678.JPNP286.PROD.OUTLOOK.COM", "2603:1096:604:1c0::9",
    "Microsoft SMTP Server", "15.20.7544.41", NULL, NULL,
    "2024-05-06T09:12:01Z",
  },
  {
    "exchange-mapi-zone-index",
    "from TYXPR01MB1234.jpnprd01.prod.outlook.com ([fe80::1234:5678:9abc:def0]) by "
    "TYXPR01MB1234.jpnprd01.prod.outlook.com ([fe80::1234:5678:9abc:def0%5]) with mapi id "
    "15.20.7544.041; Mon, 6 May 2024 09:11:57 +0000",
    "TYXPR01MB1234.jpnprd01.prod.outlook.com", "fe80::1234:5678:9abc:def0",
    "TYXPR01MB1234.jpnprd01.prod.outlook.com", "fe80::1234:5678:9abc:def0",
    "mapi", "15.20.7544.041", NULL, NULL,
    "2024-05-06T09:11:57Z",
  },
  {
    "postfix",
    "from mail.example.com (mail.example.com [203.0.113.5])\t(using TLSv1.3 with cipher "
    "TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) "
    "server-digest SHA256)\t(No client certificate requested)\tby mx.example.org (Postfix) with "
    "ESMTPS id 4VXYZ1234\tfor <user@example.org>; Mon,  6 May 2024 18:11:58 +0900 (JST)",
    "mail.example.com", "203.0.113.5",
    "mx.example.org", NULL,
    "ESMTPS", "4VXYZ1234", "user@example.org", NULL,
    "2024-05-06T09:11:58Z",
  },
  {
    "postfix-ipv6-literal",
    "from mail.example.com (mail.example.com [IPv6:2001:db8::25]) by mx.example.org (Postfix) "
    "with ESMTP id 4VXYZ5678; Mon, 6 May 2024 09:11:58 +0000 (UTC)",
    "mail.example.com", "2001:db8::25",
    "mx.example.org", NULL,
    "ESMTP", "4VXYZ5678", NULL, NULL,
    "2024-05-06T09:11:58Z",
  },
  {
    "postfix-unknown-helo-literal",
    "from [192.168.1.5] (unknown [203.0.113.8]) by mx.example.org (Postfix) with ESMTPSA id "
    "4VX0001; Mon, 6 May 2024 09:11:58 +0000",
    "[192.168.1.5]", "203.0.113.8",
    "mx.example.org", NULL,
    "ESMTPSA", "4VX0001", NULL, NULL,
    "2024-05-06T09:11:58Z",
  },
  {
    "sendmail-nested-comment",
    "from mail.example.com (mail.example.com [203.0.113.5] (may be forged)) by mx.example.org "
    "(8.15.2/8.15.2) with ESMTPS id 446ABCD1234567 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 "
    "bits=256 verify=NOT) for <user@example.org>; Mon, 6 May 2024 18:11:58 +0900",
    "mail.example.com", "203.0.113.5",
    "mx.example.org", NULL,
    "ESMTPS", "446ABCD1234567", "user@example.org", NULL,
    "2024-05-06T09:11:58Z",
  },
  {
    "gmail",
    "from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com "
    "with SMTPS id a1sor123.2024.05.06.02.11.58 for <user@example.com> (Google Transport "
    "Security); Mon, 06 May 2024 02:11:58 -0700 (PDT)",
    "mail-sor-f41.google.com", "209.85.220.41",
    "mx.google.com", NULL,
    "SMTPS", "a1sor123.2024.05.06.02.11.58", "user@example.com", NULL,
    "2024-05-06T09:11:58Z",
  },
  {
    "gmail-by-ipv6-fraction",
    "by 2002:a05:6a10:1234:b0:5a1:2b3c:4d5e with SMTP id x12csp123456pxb; Mon, 6 May 2024 "
    "02:11:59.321 -0700 (PDT)",
    NULL, NULL,
    "2002:a05:6a10:1234:b0:5a1:2b3c:4d5e", "2002:a05:6a10:1234:b0:5a1:2b3c:4d5e",
    "SMTP", "x12csp123456pxb", NULL, NULL,
    "2024-05-06T09:11:59.321Z",
  },
  {
    "exim-port-literal",
    "from [203.0.113.77]:45678 (helo=mail.example.net) by mx.example.org with esmtps "
    "(TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <a@example.net>) id "
    "1s3xYz-000ABC-1Z for user@example.org; Mon, 06 May 2024 09:11:58 +0000",
    "[203.0.113.77]:45678", "203.0.113.77",
    "mx.example.org", NULL,
    "esmtps tls TLS_AES_256_GCM_SHA384", "1s3xYz-000ABC-1Z", "user@example.org", NULL,
    "2024-05-06T09:11:58Z",
  },
  {
    "qmail-invoked",
    "(qmail 12345 invoked by uid 89); 6 May 2024 09:11:58 -0000",
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    "2024-05-06T09:11:58Z",
  },
  {
    "qmail-helo",
    "from unknown (HELO mail.example.com) (203.0.113.5) by mx.example.net with SMTP; "
    "6 May 2024 09:11:58 -0000",
    "unknown", "203.0.113.5",
    "mx.example.net", NULL,
    "SMTP", NULL, NULL, NULL,
    "2024-05-06T09:11:58Z",
  },
  {
    "sendgrid-no-semicolon",
    "by filter0123p1mdw1.sendgrid.net with SMTP id filter0123p1mdw1-12345-5AB8F6D8-1A "
    "2018-03-26 13:35:36.270951634 +0000 UTC m=+555016.72",
    NULL, NULL,
    "filter0123p1mdw1.sendgrid.net", NULL,
    "SMTP", "filter0123p1mdw1-12345-5AB8F6D8-1A", NULL, NULL,
    "2018-03-26T13:35:36.270951634Z",
  },
  {
    "sendgrid-http-no-semicolon",
    "from OTA3MjY4 (unknown) by geopod-ismtpd-3-0 (SG) with HTTP id aBcDeFgHiJ "
    "Mon, 26 Mar 2018 13:35:36.215 +0000 (UTC)",
    "OTA3MjY4", NULL,
    "geopod-ismtpd-3-0", NULL,
    "HTTP", "aBcDeFgHiJ", NULL, NULL,
    "2018-03-26T13:35:36.215Z",
  },
  {
    "keywords-any-case",
    "FROM a.example.com ([198.51.100.9]) BY b.example.com WITH SMTP ID abc; Mon, 6 May 2024 "
    "09:11:58 EDT",
    "a.example.com", "198.51.100.9",
    "b.example.com", NULL,
    "SMTP", "abc", NULL, NULL,
    "2024-05-06T13:11:58Z",
  },
  {
    /* Words a letter longer than a keyword they start with; reading the
     * keyword table past "by" or "for" once overflowed (found by fuzz-received). */
    "keyword-prefixes-are-words",
    "from fort by byte with SMTP id idle; Mon, 6 May 2024 09:11:58 +0000",
    "fort", NULL,
    "byte", NULL,
    "SMTP", "idle", NULL, NULL,
    "2024-05-06T09:11:58Z",
  },
};

static void
assert_stamp (gconstpointer data)
{
  const Stamp *stamp = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriReceived) received = NULL;
  g_autofree char *utc = NULL;

  received = kanri_received_parse (stamp->value, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (received);

  g_assert_cmpstr (received->from, ==, stamp->from);
  g_assert_cmpstr (received->from_ip, ==, stamp->from_ip);
  g_assert_cmpstr (received->by, ==, stamp->by);
  g_assert_cmpstr (received->by_ip, ==, stamp->by_ip);
  g_assert_cmpstr (received->with, ==, stamp->with);
  g_assert_cmpstr (received->id, ==, stamp->id);
  g_assert_cmpstr (received->recipient, ==, stamp->recipient);
  g_assert_cmpstr (received->via, ==, stamp->via);

  g_assert_true (received->has_date);
  g_assert_null (received->date_error);
  utc = kanri_date_to_iso8601 (&received->date);
  g_assert_cmpstr (utc, ==, stamp->utc);
}

static void
test_detail_kept (void)
{
  g_autoptr(KanriReceived) received = NULL;

  received = kanri_received_parse ("from mail.example.com (mail.example.com [203.0.113.5]) "
                                   "by mx.example.org (Postfix) with ESMTP id X; "
                                   "Mon, 6 May 2024 09:11:58 +0000", -1, NULL);
  g_assert_cmpstr (received->from_detail, ==, "mail.example.com [203.0.113.5]");
  g_assert_cmpstr (received->by_detail, ==, "Postfix");
}

static void
test_bad_date_kept_with_reason (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriReceived) received = NULL;

  received = kanri_received_parse ("from a.example.com by b.example.com with SMTP; "
                                   "sometime last week", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (received->from, ==, "a.example.com");
  g_assert_false (received->has_date);
  g_assert_cmpstr (received->date_text, ==, "sometime last week");
  g_assert_nonnull (strstr (received->date_error, "sometime last week"));
}

static void
test_no_date (void)
{
  g_autoptr(KanriReceived) received = NULL;

  received = kanri_received_parse ("from a.example.com by b.example.com with SMTP", -1, NULL);
  g_assert_nonnull (received);
  g_assert_false (received->has_date);
  g_assert_null (received->date_text);
  g_assert_null (received->date_error);
  g_assert_cmpstr (received->with, ==, "SMTP");
}

static void
test_empty_is_an_error (void)
{
  const char *values[] = { "", "   ", "(just a comment)", ";", "; " };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriReceived) received = NULL;

      received = kanri_received_parse (values[i], -1, &error);
      g_assert_null (received);
      g_assert_error (error, KANRI_RECEIVED_ERROR, KANRI_RECEIVED_ERROR_EMPTY);
    }
}

static void
test_invalid_utf8_made_valid (void)
{
  g_autoptr(KanriReceived) received = NULL;

  received = kanri_received_parse ("from \xff\xfe.example.com by b.example.com; "
                                   "Mon, 6 May 2024 09:11:58 +0000", -1, NULL);
  g_assert_nonnull (received);
  g_assert_true (g_utf8_validate (received->from, -1, NULL));
  g_assert_true (received->has_date);
}

/* Without a ";", every word is tried as the start of the date: that must
 * stay linear, whatever the words. */
static void
test_unmarked_date_search_is_linear (void)
{
  GString *value = g_string_new ("from a by b with SMTP id x");
  g_autoptr(KanriReceived) received = NULL;
  gint64 start;

  for (guint i = 0; i < 50000; i++)
    g_string_append (value, " Mon");
  g_string_append (value, " Mon, 6 May 2024 09:11:58 +0000");

  start = g_get_monotonic_time ();
  received = kanri_received_parse (value->str, value->len, NULL);
  g_assert_nonnull (received);
  g_assert_true (received->has_date);
  g_assert_cmpstr (received->date_text, ==, "Mon, 6 May 2024 09:11:58 +0000");
  /* Quadratic would be minutes; allow slow machines and sanitizers. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_string_free (value, TRUE);
}

static void
test_unbalanced_comment (void)
{
  g_autoptr(KanriReceived) received = NULL;

  received = kanri_received_parse ("from a.example.com (unclosed [203.0.113.1] by b; x", -1, NULL);
  g_assert_nonnull (received);
  g_assert_cmpstr (received->from, ==, "a.example.com");
  g_assert_cmpstr (received->from_ip, ==, "203.0.113.1");
  g_assert_null (received->by);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (stamps); i++)
    {
      g_autofree char *path = g_strdup_printf ("/received/stamp/%s", stamps[i].name);

      g_test_add_data_func (path, &stamps[i], assert_stamp);
    }

  g_test_add_func ("/received/detail", test_detail_kept);
  g_test_add_func ("/received/bad-date", test_bad_date_kept_with_reason);
  g_test_add_func ("/received/no-date", test_no_date);
  g_test_add_func ("/received/empty", test_empty_is_an_error);
  g_test_add_func ("/received/invalid-utf8", test_invalid_utf8_made_valid);
  g_test_add_func ("/received/unbalanced-comment", test_unbalanced_comment);
  g_test_add_func ("/received/unmarked-date-linear", test_unmarked_date_search_is_linear);

  return g_test_run ();
}
