/* test-header-block.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-header-block.h"
#include "kanri-mime.h"

static KanriHeaderBlock *
parse (const char *text,
       gsize      *consumed)
{
  g_autoptr(GError) error = NULL;
  KanriHeaderBlock *block = kanri_header_block_parse (text, strlen (text), consumed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (block);
  return block;
}

static void
test_crlf_and_folding (void)
{
  g_autoptr(KanriHeaderBlock) block = NULL;
  gsize consumed = 0;
  const char *text =
    "Received: from a.example.com (a.example.com [192.0.2.1])\r\n"
    "\tby b.example.com with ESMTP id X;\r\n"
    " Mon, 6 May 2024 09:11:58 +0000\r\n"
    "Subject:   Hello   \r\n"
    "\r\n"
    "Body line\r\n";
  const KanriHeaderField *field;

  block = parse (text, &consumed);
  g_assert_cmpuint (kanri_header_block_get_n_fields (block), ==, 2);

  field = kanri_header_block_get_field (block, 0);
  g_assert_cmpstr (field->name, ==, "Received");
  g_assert_cmpstr (field->value, ==,
                   "from a.example.com (a.example.com [192.0.2.1])\tby b.example.com with ESMTP id X; "
                   "Mon, 6 May 2024 09:11:58 +0000");
  g_assert_cmpstr (field->raw_value, ==,
                   " from a.example.com (a.example.com [192.0.2.1])\n\tby b.example.com with ESMTP id X;\n"
                   " Mon, 6 May 2024 09:11:58 +0000");
  g_assert_cmpuint (field->line, ==, 1);

  field = kanri_header_block_get_field (block, 1);
  g_assert_cmpstr (field->value, ==, "Hello");
  g_assert_cmpuint (field->line, ==, 4);

  g_assert_cmpstr (text + consumed, ==, "Body line\r\n");
}

static void
test_lf_and_end_without_blank_line (void)
{
  g_autoptr(KanriHeaderBlock) block = NULL;
  gsize consumed = 0;
  const char *text = "From: a@example.com\nTo: b@example.com";

  block = parse (text, &consumed);
  g_assert_cmpuint (kanri_header_block_get_n_fields (block), ==, 2);
  g_assert_cmpstr (kanri_header_block_lookup (block, "to"), ==, "b@example.com");
  g_assert_cmpuint (consumed, ==, strlen (text));
}

static void
test_body_glued_to_headers (void)
{
  g_autoptr(KanriHeaderBlock) block = NULL;
  gsize consumed = 0;
  const char *text = "Subject: hi\nFrom: a@example.com\nDear team, the meeting is moved.\n";

  block = parse (text, &consumed);
  g_assert_cmpuint (kanri_header_block_get_n_fields (block), ==, 2);
  g_assert_cmpstr (text + consumed, ==, "Dear team, the meeting is moved.\n");
}

static void
test_exact_names (void)
{
  g_autoptr(KanriHeaderBlock) block = NULL;
  const char *text =
    "Received-SPF: Pass (protection.outlook.com: domain of example.com designates 192.0.2.1 as permitted sender)\n"
    "ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=pass\n"
    "Authentication-Results-Original: spf=fail\n"
    "X-Forefront-Antispam-Report-Untrusted: SFV:SPM;\n"
    "Received: from x by y; Mon, 6 May 2024 09:11:58 +0000\n"
    "RECEIVED: from z by w; Mon, 6 May 2024 09:11:57 +0000\n"
    "Authentication-Results: spf=pass\n"
    "Subject : obsolete form\n";

  block = parse (text, NULL);
  g_assert_cmpint (kanri_header_block_find (block, "Received", 0), ==, 4);
  g_assert_cmpint (kanri_header_block_find (block, "Received", 5), ==, 5);
  g_assert_cmpint (kanri_header_block_find (block, "Received", 6), ==, -1);
  g_assert_cmpuint (kanri_header_block_count (block, "received"), ==, 2);
  g_assert_cmpstr (kanri_header_block_lookup (block, "Authentication-Results"), ==, "spf=pass");
  g_assert_null (kanri_header_block_lookup (block, "X-Forefront-Antispam-Report"));
  g_assert_cmpstr (kanri_header_block_lookup (block, "Subject"), ==, "obsolete form");
}

typedef struct
{
  const char *text;
  int         code;
  const char *message_part;
} BadBlock;

static void
test_bad (void)
{
  static const BadBlock cases[] = {
    { "", KANRI_HEADER_BLOCK_ERROR_NO_HEADERS, "empty" },
    { "\n\nSubject: x\n", KANRI_HEADER_BLOCK_ERROR_NO_HEADERS, "empty" },
    { "Hello there\nSubject: x\n", KANRI_HEADER_BLOCK_ERROR_NO_HEADERS, "first line" },
    { "  Subject: indented\n", KANRI_HEADER_BLOCK_ERROR_NO_HEADERS, "indented line" },
    { ": no name\n", KANRI_HEADER_BLOCK_ERROR_NO_HEADERS, "first line" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriHeaderBlock) block = NULL;

      g_test_message ("“%s”", cases[i].text);
      block = kanri_header_block_parse (cases[i].text, strlen (cases[i].text), NULL, &error);
      g_assert_null (block);
      g_assert_error (error, KANRI_HEADER_BLOCK_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_nul_byte (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriHeaderBlock) block = NULL;
  const char text[] = "Subject: a\nFrom: b\0c\n";

  block = kanri_header_block_parse (text, sizeof text - 1, NULL, &error);
  g_assert_null (block);
  g_assert_error (error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "line 2"));
}

static void
test_nul_in_body_ignored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriHeaderBlock) block = NULL;
  const char text[] = "Subject: a\n\nbinary\0body";

  block = kanri_header_block_parse (text, sizeof text - 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kanri_header_block_get_n_fields (block), ==, 1);
}

/* A NUL many lines and kilobytes down is on its own line, and one in a
 * body after a long header section is no part of it. */
static void
test_nul_far_down (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriHeaderBlock) block = NULL;
  gsize header_length;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "X-Field-%u: a value long enough to fill the line\r\n", i);
  header_length = text->len;

  g_string_append_len (text, "Subject: b\0c\r\n", 15);
  block = kanri_header_block_parse (text->str, text->len, NULL, &error);
  g_assert_null (block);
  g_assert_error (error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "line 301"));
  g_clear_error (&error);

  g_string_truncate (text, header_length);
  g_string_append (text, "\r\nbody\r\n");
  for (guint i = 0; i < 100; i++)
    g_string_append_len (text, "binary\0body\r\n", 14);
  block = kanri_header_block_parse (text->str, text->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kanri_header_block_get_n_fields (block), ==, 300);
  g_clear_object (&block);

  g_string_truncate (text, header_length);
  g_string_append_len (text, "not a field \0\r\n", 16);
  block = kanri_header_block_parse (text->str, text->len, NULL, &error);
  g_assert_null (block);
  g_assert_error (error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "line 301"));
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriHeaderBlock) block = NULL;
  gsize size = KANRI_HEADER_BLOCK_MAX_SIZE + 100;
  g_autofree char *text = g_malloc (size);

  memcpy (text, "X-Big: ", 7);
  memset (text + 7, 'a', size - 7);
  block = kanri_header_block_parse (text, size, NULL, &error);
  g_assert_null (block);
  g_assert_error (error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "4 MB"));
}

static void
test_raw_8bit_is_decoded (void)
{
  g_autoptr(KanriHeaderBlock) block = NULL;
  /* "会議" in Shift_JIS, written raw as some Japanese mailers still do. */
  const char *text = "Subject: \x89\xef\x8b\x63\nX-Latin: caf\xe9\n";

  block = parse (text, NULL);
  g_assert_cmpstr (kanri_header_block_lookup (block, "Subject"), ==, "会議");
  g_assert_true (g_utf8_validate (kanri_header_block_lookup (block, "X-Latin"), -1, NULL));
}

typedef struct
{
  const char *encoded;
  const char *decoded;
} Words;

static void
test_decode_words (void)
{
  static const Words cases[] = {
    { "plain text", "plain text" },
    { "=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=", "テスト" },
    /* Microsoft's CP50220 characters in "ISO-2022-JP": NEC ①, IBM 髙. */
    { "=?iso-2022-jp?B?GyRCfGItIRsoQg==?=", "髙①" },
    /* An ISO-2022-JP run split across two words, the second without escape. */
    { "=?ISO-2022-JP?B?GyRCIVo9RU1X?=\r\n =?ISO-2022-JP?B?IVtAQTVhPXEbKEI=?=", "【重要】請求書" },
    { "=?iso-2022-jp?B?GyhJNkA2RRsoQg==?=", "ｶﾀｶﾅ" },
    { "=?Shift_JIS?B?ie+LY4LMgqiSbYLngrk=?=", "会議のお知らせ" },
    { "=?shift_jis?Q?=89=EF=8B=63?= agenda", "会議 agenda" },
    { "=?UTF-8?Q?=E3=83=86=E3=82=B9=E3=83=88?= =?UTF-8?Q?_x?=", "テスト x" },
    /* A UTF-8 character split across two words. */
    { "=?UTF-8?B?44OG4w==?= =?UTF-8?B?grnjg4g=?=", "テスト" },
    { "Re: =?utf-8?b?44OG44K544OI?= (fwd)", "Re: テスト (fwd)" },
    { "=?utf-8*ja?B?44OG44K544OI?=", "テスト" },
    { "=?UTF-8?B?broken", "=?UTF-8?B?broken" },
    { "=?UTF-8?X?abc?=", "=?UTF-8?X?abc?=" },
    { "=??B?abc?=", "=??B?abc?=" },
    { "a =?UTF-8?Q?b?= c", "a b c" },
    { "=?UTF-8?Q?bad=ZZescape?=", "bad=ZZescape" },
    { "=?x-unknown-charset?B?44OG44K544OI?=", "テスト" },
    /* Found by fuzz-header-block: an empty word in an unknown charset. */
    { "=?x-unknown?Q?\?= tail", " tail" },
    { "=?utf-8?B?\?= =?utf-8?Q?\?=", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *decoded = NULL;

      g_test_message ("%s", cases[i].encoded);
      decoded = kanri_mime_decode_words (cases[i].encoded);
      g_assert_cmpstr (decoded, ==, cases[i].decoded);
    }
}

static void
test_decode_invalid_bytes_replaced (void)
{
  g_autofree char *bad_utf8 = kanri_mime_decode_words ("=?UTF-8?B?/w==?=");
  g_autofree char *bad_sjis = kanri_mime_convert ("\x89\xef\x89", 3, "Shift_JIS");

  g_assert_cmpstr (bad_utf8, ==, "\xEF\xBF\xBD");
  g_assert_cmpstr (bad_sjis, ==, "会\xEF\xBF\xBD");
  g_assert_null (kanri_mime_convert ("abc", 3, "x-no-such-charset"));
}

static void
test_decode_value (void)
{
  g_autoptr(KanriHeaderBlock) block = NULL;
  g_autofree char *subject = NULL;

  block = parse ("Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\n", NULL);
  subject = kanri_header_block_decode_value (block, 0);
  g_assert_cmpstr (subject, ==, "テスト");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/header-block/crlf-and-folding", test_crlf_and_folding);
  g_test_add_func ("/header-block/lf-no-blank-line", test_lf_and_end_without_blank_line);
  g_test_add_func ("/header-block/body-glued", test_body_glued_to_headers);
  g_test_add_func ("/header-block/exact-names", test_exact_names);
  g_test_add_func ("/header-block/bad", test_bad);
  g_test_add_func ("/header-block/nul-byte", test_nul_byte);
  g_test_add_func ("/header-block/nul-in-body", test_nul_in_body_ignored);
  g_test_add_func ("/header-block/nul-far-down", test_nul_far_down);
  g_test_add_func ("/header-block/too-large", test_too_large);
  g_test_add_func ("/header-block/raw-8bit", test_raw_8bit_is_decoded);
  g_test_add_func ("/header-block/decode-value", test_decode_value);
  g_test_add_func ("/mime/decode-words", test_decode_words);
  g_test_add_func ("/mime/invalid-bytes", test_decode_invalid_bytes_replaced);

  return g_test_run ();
}
