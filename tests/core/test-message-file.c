/* test-message-file.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gsf/gsf.h>
#include <string.h>

#include "kanri-message-file.h"

static const char transport_headers[] =
  "Received: from mail.fabrikam.example (198.51.100.23) by\r\n"
  " TY1PEPF0000A123.mail.protection.outlook.com (10.167.240.5) with Microsoft SMTP\r\n"
  " Server id 15.20.7544.11 via Frontend Transport; Mon, 6 May 2024 09:12:01 +0000\r\n"
  "Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\r\n"
  "From: taro@fabrikam.example\r\n"
  "X-Forefront-Antispam-Report: CIP:198.51.100.23;SCL:1;SFV:NSPM;\r\n"
  "\r\n";

static char *
sample_path (const char *name)
{
  return g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", name, NULL);
}

static KanriMessageFile *
load (const char         *data,
      gsize               length,
      KanriMessageFormat  format)
{
  g_autoptr(GError) error = NULL;
  KanriMessageFile *file = kanri_message_file_load (data, length, format, &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

static void
assert_load_error (const char *data,
                   gsize       length,
                   int         code,
                   const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriMessageFile) file = kanri_message_file_load (data, length, KANRI_MESSAGE_FORMAT_AUTO, &error);

  g_assert_null (file);
  g_assert_error (error, KANRI_MESSAGE_FILE_ERROR, code);
  if (message_part != NULL)
    g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_eml_detected (void)
{
  g_autofree char *path = sample_path ("plain-inbound.eml");
  g_autofree char *contents = NULL;
  g_autoptr(KanriMessageFile) file = NULL;
  gsize length;
  KanriHeaderBlock *headers;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  file = load (contents, length, KANRI_MESSAGE_FORMAT_AUTO);

  g_assert_cmpint (kanri_message_file_get_format (file), ==, KANRI_MESSAGE_FORMAT_EML);
  headers = kanri_message_file_get_headers (file);
  g_assert_cmpstr (kanri_header_block_lookup (headers, "Subject"), ==, "Quarterly report");
  g_assert_null (kanri_message_file_get_delivery_status (file));
  /* Only the top-level section, up to the empty line before the body. */
  g_assert_cmpstr (kanri_header_block_get_field (headers, kanri_header_block_get_n_fields (headers) - 1)->name, ==,
                   "Content-Transfer-Encoding");
}

static void
test_mbox_and_bom (void)
{
  g_autoptr(KanriMessageFile) mbox = NULL;
  g_autoptr(KanriMessageFile) bom = NULL;
  const char with_mbox[] = "From MAILER-DAEMON Mon May  6 09:11:58 2024\nSubject: mbox\nFrom: a@example.com\n\nbody\n";
  const char with_bom[] = "\xEF\xBB\xBFSubject: bom\nFrom: a@example.com\n";

  mbox = load (with_mbox, sizeof with_mbox - 1, KANRI_MESSAGE_FORMAT_AUTO);
  g_assert_cmpint (kanri_message_file_get_format (mbox), ==, KANRI_MESSAGE_FORMAT_EML);
  g_assert_cmpstr (kanri_header_block_lookup (kanri_message_file_get_headers (mbox), "Subject"), ==, "mbox");

  bom = load (with_bom, sizeof with_bom - 1, KANRI_MESSAGE_FORMAT_AUTO);
  g_assert_cmpstr (kanri_header_block_get_field (kanri_message_file_get_headers (bom), 0)->name, ==, "Subject");
}

static void
test_utf16_text (void)
{
  g_autoptr(KanriMessageFile) file = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *with_bom = NULL;
  glong written = 0;
  const char *text = "Subject: Unicode テスト\r\nFrom: a@example.com\r\n";

  /* Notepad's "Unicode": UTF-16LE with a byte order mark. */
  utf16 = (char *)g_utf8_to_utf16 (text, -1, NULL, &written, NULL);
  with_bom = g_malloc (2 + written * 2);
  with_bom[0] = '\xff';
  with_bom[1] = '\xfe';
  for (glong i = 0; i < written; i++)
    {
      guint16 unit = ((guint16 *)(gpointer)utf16)[i];

      with_bom[2 + 2 * i] = (char)(unit & 0xff);
      with_bom[3 + 2 * i] = (char)(unit >> 8);
    }

  file = load (with_bom, 2 + written * 2, KANRI_MESSAGE_FORMAT_AUTO);
  g_assert_cmpstr (kanri_header_block_lookup (kanri_message_file_get_headers (file), "Subject"), ==, "Unicode テスト");
}

static void
test_pasted_text_sample (void)
{
  g_autofree char *path = sample_path ("pasted-junk.txt");
  g_autofree char *contents = NULL;
  g_autoptr(KanriMessageFile) file = NULL;
  KanriHeaderBlock *headers;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  file = load (contents, length, KANRI_MESSAGE_FORMAT_AUTO);
  headers = kanri_message_file_get_headers (file);

  g_assert_cmpint (kanri_message_file_get_format (file), ==, KANRI_MESSAGE_FORMAT_TEXT);
  g_assert_cmpstr (kanri_header_block_get_field (headers, 0)->name, ==, "Received");
  g_assert_cmpuint (kanri_header_block_count (headers, "Received"), ==, 2);
  /* The folded DKIM signature stays one field; "h=from:to:…" is not a name. */
  g_assert_cmpint (kanri_header_block_find (headers, "h=from", 0), ==, -1);
  g_assert_nonnull (strstr (kanri_header_block_lookup (headers, "DKIM-Signature"), "h=from:to:subject"));
  g_assert_cmpstr (kanri_header_block_lookup (headers, "Subject"), ==, "Ticket #4471 updated");
  g_assert_cmpstr (kanri_header_block_lookup (headers, "X-Microsoft-Antispam"), ==, "BCL:0;");
  /* The body's "Subject:" line is after the empty line. */
  g_assert_cmpuint (kanri_header_block_count (headers, "Subject"), ==, 1);
}

typedef struct
{
  const char *name;
  const char *text;
  const char *first_field;
  guint       n_fields;
  const char *subject;
} Paste;

static void
test_pastes (void)
{
  static const Paste cases[] = {
    { "blank-lines-first", "\n\n   \n\tSubject: a\n\tFrom: b@example.com\n", "Subject", 2, "a" },
    { "prose-with-colon", "Note: the headers follow\n\nSubject: a\nFrom: b@example.com\n", "Subject", 2, "a" },
    { "lone-field", "Here you go\nReceived: from x by y; Mon, 6 May 2024 09:11:58 +0000\n", "Received", 1, NULL },
    { "flattened-continuation", "  Received: from x\n by y; Mon, 6 May 2024 09:11:58 +0000\n  Subject: s\n",
      "Received", 2, "s" },
    { "deeper-continuation", "    Subject: one\n        two\n    From: c@example.com\n", "Subject", 2, "one    two" },
    { "cr-only", "Junk line\rSubject: old mac\rFrom: d@example.com\r", "Subject", 2, "old mac" },
    { "glued-body", "Subject: a\nFrom: b@example.com\nHello there, no blank line\n", "Subject", 2, "a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KanriMessageFile) file = NULL;
      KanriHeaderBlock *headers;

      g_test_message ("%s", cases[i].name);
      file = load (cases[i].text, strlen (cases[i].text), KANRI_MESSAGE_FORMAT_TEXT);
      headers = kanri_message_file_get_headers (file);
      g_assert_cmpint (kanri_message_file_get_format (file), ==, KANRI_MESSAGE_FORMAT_TEXT);
      g_assert_cmpstr (kanri_header_block_get_field (headers, 0)->name, ==, cases[i].first_field);
      g_assert_cmpuint (kanri_header_block_get_n_fields (headers), ==, cases[i].n_fields);
      g_assert_cmpstr (kanri_header_block_lookup (headers, "Subject"), ==, cases[i].subject);
    }
}

static void
test_ndr_sample (void)
{
  g_autofree char *path = sample_path ("ndr-attached.eml");
  g_autofree char *contents = NULL;
  g_autoptr(KanriMessageFile) file = NULL;
  const KanriDeliveryStatus *status;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  file = load (contents, length, KANRI_MESSAGE_FORMAT_AUTO);
  status = kanri_message_file_get_delivery_status (file);

  g_assert_nonnull (status);
  g_assert_cmpstr (status->reporting_mta, ==, "OS3P286MB5678.JPNP286.PROD.OUTLOOK.COM");
  g_assert_cmpstr (status->recipient, ==, "user@fabrikam.example");
  g_assert_cmpstr (status->action, ==, "failed");
  g_assert_cmpstr (status->status, ==, "5.4.316");
  g_assert_cmpstr (status->diagnostic, ==, "550 5.4.316 Message expired, connection refused(Socket error code 10061)");
  g_assert_cmpstr (status->remote_mta, ==, "mx.fabrikam.example");
  g_assert_false (status->original_is_headers_only);
  g_assert_cmpstr (kanri_header_block_lookup (status->original, "Subject"), ==, "Contract draft");
  /* The returned message's headers are not the report's own. */
  g_assert_cmpstr (kanri_header_block_lookup (kanri_message_file_get_headers (file), "Subject"), ==,
                   "Undeliverable: Contract draft");
}

static void
test_ndr_headers_only_base64 (void)
{
  g_autofree char *path = sample_path ("ndr-rfc822-headers.eml");
  g_autofree char *contents = NULL;
  g_autoptr(KanriMessageFile) file = NULL;
  const KanriDeliveryStatus *status;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  file = load (contents, length, KANRI_MESSAGE_FORMAT_AUTO);
  status = kanri_message_file_get_delivery_status (file);

  g_assert_nonnull (status);
  g_assert_cmpstr (status->status, ==, "5.1.10");
  g_assert_cmpstr (status->original_recipient, ==, "nobody@contoso.example");
  g_assert_true (status->original_is_headers_only);
  g_assert_cmpstr (kanri_header_block_lookup (status->original, "Message-ID"), ==, "<hello-1@tailspin.example>");
}

static void
test_report_without_status_part (void)
{
  g_autoptr(KanriMessageFile) file = NULL;
  const char *text =
    "Subject: read receipt\n"
    "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"b\"\n"
    "\n--b\nContent-Type: text/plain\n\nRead.\n--b--\n";

  file = load (text, strlen (text), KANRI_MESSAGE_FORMAT_AUTO);
  g_assert_null (kanri_message_file_get_delivery_status (file));
}

/* Found by fuzz-analyze (undefined behaviour): a report whose parts are
 * empty. */
static void
test_report_with_empty_parts (void)
{
  g_autoptr(KanriMessageFile) file = NULL;
  const KanriDeliveryStatus *status;
  const char *text =
    "Subject: Undeliverable\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n"
    "\n--b\nContent-Type: message/delivery-status\n\n"
    "--b\nContent-Type: text/rfc822-headers\n\n"
    "--b--\n";

  file = load (text, strlen (text), KANRI_MESSAGE_FORMAT_AUTO);
  status = kanri_message_file_get_delivery_status (file);
  g_assert_nonnull (status);
  g_assert_null (status->status);
  g_assert_null (status->recipient);
  g_assert_null (status->original);
}

/* The parts are found by their delimiters, as RFC 2046 §5.1.1 writes them
 * and as mail servers bend them: CRLF line ends, transport padding after a
 * delimiter, a line that only starts like one, a preamble, a human-readable
 * part that is itself a multipart, a quoted-printable status, and a last
 * part without its closing delimiter. */
static void
test_report_delimiters (void)
{
  g_autoptr(KanriMessageFile) file = NULL;
  const KanriDeliveryStatus *status;
  const char *text =
    "Subject: Undeliverable\r\n"
    "Content-Type: multipart/report; report-type=delivery-status;\r\n"
    "\tboundary=\"outer:b\"\r\n"
    "\r\n"
    "This is a preamble.\r\n"
    "--outer:b \t\r\n"
    "Content-Type: multipart/alternative; boundary=inner\r\n"
    "\r\n"
    "--inner\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "--outer:bx is not a delimiter, and neither is this:\r\n"
    "Content-Type: message/delivery-status\r\n"
    "--inner\r\n"
    "Content-Type: text/html\r\n"
    "\r\n"
    "<p>Delivery failed</p>\r\n"
    "--inner--\r\n"
    "--outer:b\r\n"
    "Content-Type: message/delivery-status\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Reporting-MTA: dns; mx.tailspin.example\r\n"
    "\r\n"
    "Final-Recipient: rfc822; nobody@contoso.example\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1=\r\n"
    "0\r\n"
    "Diagnostic-Code: smtp; 550 5.1.10 =E2=80=9Cnobody=E2=80=9D not found\r\n"
    "\r\n"
    "--outer:b\r\n"
    "Content-Type: message/rfc822\r\n"
    "\r\n"
    "Subject: Hello\r\n"
    "Message-ID: <hello-2@tailspin.example>\r\n"
    "\r\n"
    "Subject: not a header of the returned message\r\n";

  file = load (text, strlen (text), KANRI_MESSAGE_FORMAT_AUTO);
  status = kanri_message_file_get_delivery_status (file);

  g_assert_nonnull (status);
  g_assert_cmpstr (status->reporting_mta, ==, "mx.tailspin.example");
  g_assert_cmpstr (status->recipient, ==, "nobody@contoso.example");
  g_assert_cmpstr (status->status, ==, "5.1.10");
  g_assert_cmpstr (status->diagnostic, ==, "550 5.1.10 “nobody” not found");
  g_assert_false (status->original_is_headers_only);
  g_assert_nonnull (status->original);
  g_assert_cmpuint (kanri_header_block_get_n_fields (status->original), ==, 2);
  g_assert_cmpstr (kanri_header_block_lookup (status->original, "Message-ID"), ==, "<hello-2@tailspin.example>");
}

/* A part without headers is text/plain; in a digest, a message. A report
 * without a boundary has no parts. */
static void
test_report_default_types (void)
{
  g_autoptr(KanriMessageFile) digest = NULL;
  g_autoptr(KanriMessageFile) unbounded = NULL;
  const KanriDeliveryStatus *status;
  const char *digest_text =
    "Subject: Undeliverable\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n"
    "\n--b\n\nDelivery failed.\n"
    "--b\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; a.example\n\nFinal-Recipient: rfc822; a@a.example\nAction: failed\nStatus: 5.4.316\n"
    "--b\nContent-Type: multipart/digest; boundary=d\n\n"
    "--d\n\nSubject: Returned\n\nBody.\n--d--\n"
    "--b--\n";
  const char *unbounded_text =
    "Subject: Undeliverable\n"
    "Content-Type: multipart/report; report-type=delivery-status\n"
    "\n--b\nContent-Type: message/delivery-status\n\nStatus: 5.4.316\n--b--\n";

  digest = load (digest_text, strlen (digest_text), KANRI_MESSAGE_FORMAT_AUTO);
  status = kanri_message_file_get_delivery_status (digest);
  g_assert_nonnull (status);
  g_assert_cmpstr (status->status, ==, "5.4.316");
  g_assert_nonnull (status->original);
  g_assert_false (status->original_is_headers_only);
  g_assert_cmpstr (kanri_header_block_lookup (status->original, "Subject"), ==, "Returned");

  unbounded = load (unbounded_text, strlen (unbounded_text), KANRI_MESSAGE_FORMAT_AUTO);
  g_assert_null (kanri_message_file_get_delivery_status (unbounded));
}

static void
test_bad_inputs (void)
{
  g_autofree char *path = sample_path ("bad-no-headers.txt");
  g_autofree char *contents = NULL;
  g_autofree char *huge = NULL;
  gsize length;
  const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  GRand *rand = g_rand_new_with_seed (42);
  char junk[4096];

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  assert_load_error (contents, length, KANRI_MESSAGE_FILE_ERROR_NO_HEADERS, "No message headers found");

  assert_load_error ("", 0, KANRI_MESSAGE_FILE_ERROR_NO_HEADERS, "empty");
  assert_load_error (" \r\n\t\n", 5, KANRI_MESSAGE_FILE_ERROR_NO_HEADERS, "empty");
  assert_load_error ((const char *)png, sizeof png, KANRI_MESSAGE_FILE_ERROR_BINARY, "binary");

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (char)g_rand_int_range (rand, 1, 256);
  assert_load_error (junk, sizeof junk, KANRI_MESSAGE_FILE_ERROR_NO_HEADERS, NULL);
  g_rand_free (rand);

  /* 50 MB: refused with the limit in the message, before any parsing. */
  length = 50 * 1024 * 1024;
  huge = g_malloc (length);
  memset (huge, 'a', length);
  memcpy (huge, "Subject: big\n\n", 14);
  assert_load_error (huge, length, KANRI_MESSAGE_FILE_ERROR_TOO_LARGE, "25 MB");
}

static void
test_binary_after_headers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriMessageFile) file = NULL;
  g_autofree char *text = g_malloc0 (3000);

  /* A NUL in the header section, after the first kilobyte. */
  memset (text, 'x', 2999);
  memcpy (text, "Subject: a\nX-Long: ", 19);
  text[2000] = '\0';
  memcpy (text + 2001, "\n\n", 2);

  file = kanri_message_file_load (text, 3000, KANRI_MESSAGE_FORMAT_AUTO, &error);
  g_assert_null (file);
  g_assert_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_BINARY);
}

/* Outlook .msg files, written with libgsf's own OLE writer. */

static void
add_stream (GsfOutfile   *ole,
            const char   *name,
            const guint8 *data,
            gsize         length)
{
  GsfOutput *child = gsf_outfile_new_child (ole, name, FALSE);

  g_assert_true (gsf_output_write (child, length, data));
  g_assert_true (gsf_output_close (child));
  g_object_unref (child);
}

static void
add_unicode (GsfOutfile *ole,
             const char *name,
             const char *text)
{
  glong written = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, &written, NULL);
  g_autofree guint8 *le = g_malloc ((written + 1) * 2);

  /* MAPI strings keep their terminating NUL. */
  for (glong i = 0; i <= written; i++)
    {
      gunichar2 unit = i < written ? utf16[i] : 0;

      le[2 * i] = unit & 0xff;
      le[2 * i + 1] = unit >> 8;
    }
  add_stream (ole, name, le, (written + 1) * 2);
}

static void
add_codepage (GsfOutfile *ole,
              guint32     codepage)
{
  guint8 properties[32 + 16] = { 0 };

  /* PR_MESSAGE_CODEPAGE (0x3FFD, PT_LONG), readable and writable. */
  properties[32] = 0x03;
  properties[33] = 0x00;
  properties[34] = 0xfd;
  properties[35] = 0x3f;
  properties[36] = 0x06;
  properties[40] = codepage & 0xff;
  properties[41] = (codepage >> 8) & 0xff;
  add_stream (ole, "__properties_version1.0", properties, sizeof properties);
}

typedef enum
{
  MSG_UNICODE,
  MSG_8BIT_CP932,
  MSG_NO_HEADERS,
  MSG_INTERNAL_PREFIX,
  MSG_LARGE,
} MsgKind;

static GBytes *
build_msg (MsgKind kind)
{
  GsfOutput *sink = gsf_output_memory_new ();
  GsfOutfile *ole = gsf_outfile_msole_new (sink);
  GBytes *bytes;

  switch (kind)
    {
    case MSG_UNICODE:
      add_unicode (ole, "__substg1.0_007D001F", transport_headers);
      add_unicode (ole, "__substg1.0_0037001F", "テスト");
      break;

    case MSG_8BIT_CP932:
      {
        const char headers[] = "Subject: \x89\xef\x8b\x63\r\nFrom: a@example.com\r\n\r\n";

        add_codepage (ole, 932);
        add_stream (ole, "__substg1.0_007D001E", (const guint8 *)headers, sizeof headers);
        add_stream (ole, "__substg1.0_0037001E", (const guint8 *)"\x89\xef\x8b\x63", 5);
      }
      break;

    case MSG_NO_HEADERS:
      add_unicode (ole, "__substg1.0_0037001F", "Draft");
      break;

    case MSG_INTERNAL_PREFIX:
      {
        g_autofree char *text = g_strconcat ("Microsoft Mail Internet Headers Version 2.0\r\n",
                                             transport_headers, NULL);

        add_unicode (ole, "__substg1.0_007D001F", text);
      }
      break;

    case MSG_LARGE:
      {
        GString *text = g_string_new (transport_headers);

        /* Past the 4 KB mini-stream cutoff: read from big sectors. */
        g_string_truncate (text, text->len - 2);
        for (guint i = 0; i < 200; i++)
          g_string_append_printf (text, "X-Padding-%u: %s\r\n", i, "0123456789abcdef0123456789abcdef");
        g_string_append (text, "\r\n");
        add_unicode (ole, "__substg1.0_007D001F", text->str);
        g_string_free (text, TRUE);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  g_assert_true (gsf_output_close (GSF_OUTPUT (ole)));
  g_object_unref (ole);
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (sink)), gsf_output_size (sink));
  g_object_unref (sink);

  return bytes;
}

static void
test_msg_unicode (void)
{
  g_autoptr(GBytes) msg = build_msg (MSG_UNICODE);
  g_autoptr(KanriMessageFile) file = NULL;
  KanriHeaderBlock *headers;

  file = load (g_bytes_get_data (msg, NULL), g_bytes_get_size (msg), KANRI_MESSAGE_FORMAT_AUTO);
  headers = kanri_message_file_get_headers (file);

  g_assert_cmpint (kanri_message_file_get_format (file), ==, KANRI_MESSAGE_FORMAT_MSG);
  g_assert_cmpstr (kanri_message_file_get_msg_subject (file), ==, "テスト");
  g_assert_cmpuint (kanri_header_block_get_n_fields (headers), ==, 4);
  g_assert_cmpstr (kanri_header_block_lookup (headers, "From"), ==, "taro@fabrikam.example");
  g_assert_cmpstr (kanri_header_block_lookup (headers, "X-Forefront-Antispam-Report"), ==,
                   "CIP:198.51.100.23;SCL:1;SFV:NSPM;");
}

static void
test_msg_8bit_codepage (void)
{
  g_autoptr(GBytes) msg = build_msg (MSG_8BIT_CP932);
  g_autoptr(KanriMessageFile) file = NULL;

  file = load (g_bytes_get_data (msg, NULL), g_bytes_get_size (msg), KANRI_MESSAGE_FORMAT_AUTO);
  g_assert_cmpstr (kanri_header_block_lookup (kanri_message_file_get_headers (file), "Subject"), ==, "会議");
  g_assert_cmpstr (kanri_message_file_get_msg_subject (file), ==, "会議");
}

static void
test_msg_internal_prefix (void)
{
  g_autoptr(GBytes) msg = build_msg (MSG_INTERNAL_PREFIX);
  g_autoptr(KanriMessageFile) file = NULL;

  file = load (g_bytes_get_data (msg, NULL), g_bytes_get_size (msg), KANRI_MESSAGE_FORMAT_AUTO);
  g_assert_cmpstr (kanri_header_block_get_field (kanri_message_file_get_headers (file), 0)->name, ==, "Received");
}

static void
test_msg_large_stream (void)
{
  g_autoptr(GBytes) msg = build_msg (MSG_LARGE);
  g_autoptr(KanriMessageFile) file = NULL;

  file = load (g_bytes_get_data (msg, NULL), g_bytes_get_size (msg), KANRI_MESSAGE_FORMAT_AUTO);
  g_assert_cmpuint (kanri_header_block_get_n_fields (kanri_message_file_get_headers (file)), ==, 4 + 200);
}

static void
test_msg_without_headers (void)
{
  g_autoptr(GBytes) msg = build_msg (MSG_NO_HEADERS);

  assert_load_error (g_bytes_get_data (msg, NULL), g_bytes_get_size (msg),
                     KANRI_MESSAGE_FILE_ERROR_NO_TRANSPORT_HEADERS, "0x007D");
}

/* Every truncation of a valid file ends in a clear error (or, cut after the
 * data that matters, in the same headers): never a crash or a libgsf
 * warning, which the test environment makes fatal. */
static void
test_msg_truncated (void)
{
  for (MsgKind kind = MSG_UNICODE; kind <= MSG_LARGE; kind++)
    {
      g_autoptr(GBytes) msg = build_msg (kind);
      const char *data = g_bytes_get_data (msg, NULL);
      gsize size = g_bytes_get_size (msg);

      for (gsize cut = 0; cut < size; cut += 61)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(KanriMessageFile) file = kanri_message_file_load (data, cut, KANRI_MESSAGE_FORMAT_AUTO, &error);

          if (file == NULL)
            g_assert_nonnull (error);
          else
            g_assert_cmpint (kanri_message_file_get_format (file), ==, KANRI_MESSAGE_FORMAT_MSG);
        }
    }
}

static void
test_msg_truncated_message (void)
{
  g_autoptr(GBytes) msg = build_msg (MSG_UNICODE);
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriMessageFile) file = NULL;

  file = kanri_message_file_load (g_bytes_get_data (msg, NULL), 700, KANRI_MESSAGE_FORMAT_AUTO, &error);
  g_assert_null (file);
  g_assert_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_DAMAGED_MSG);
  g_assert_nonnull (strstr (error->message, "damaged or truncated"));
}

/* Random damage to every byte position, deterministically seeded. */
static void
test_msg_corrupted (void)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (MsgKind kind = MSG_UNICODE; kind <= MSG_LARGE; kind++)
    {
      g_autoptr(GBytes) msg = build_msg (kind);
      gsize size = g_bytes_get_size (msg);
      g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (msg, NULL), size);

      for (guint round = 0; round < 400; round++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(KanriMessageFile) file = NULL;
          gsize offset = g_rand_int_range (rand, 8, (gint32)size);
          guint8 saved = copy[offset];

          copy[offset] = (guint8)g_rand_int_range (rand, 0, 256);
          file = kanri_message_file_load ((const char *)copy, size, KANRI_MESSAGE_FORMAT_AUTO, &error);
          g_assert_true (file != NULL || error != NULL);
          copy[offset] = saved;
        }
    }

  g_rand_free (rand);
}

/* Found by fuzz-msg: a mini FAT link in a file whose header counts no mini
 * FAT sectors made libgsf warn instead of failing cleanly. */
static void
test_msg_minifat_count_mismatch (void)
{
  g_autoptr(GBytes) msg = build_msg (MSG_UNICODE);
  gsize size = g_bytes_get_size (msg);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (msg, NULL), size);

  g_assert_cmpuint (copy[0x3c], !=, 0xfe);
  memset (copy + 0x40, 0, 4);
  assert_load_error ((const char *)copy, size, KANRI_MESSAGE_FILE_ERROR_DAMAGED_MSG, "allocation table");
}

static void
test_ole_but_not_msg_header (void)
{
  char header[1024] = { 0 };

  memcpy (header, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  assert_load_error (header, sizeof header, KANRI_MESSAGE_FILE_ERROR_DAMAGED_MSG, "header");

  /* Version 4 (4096-byte sectors) is named, not called damaged. */
  header[0x1a] = 4;
  header[0x1e] = 12;
  assert_load_error (header, sizeof header, KANRI_MESSAGE_FILE_ERROR_DAMAGED_MSG, "4096-byte sectors");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/message-file/eml", test_eml_detected);
  g_test_add_func ("/message-file/mbox-and-bom", test_mbox_and_bom);
  g_test_add_func ("/message-file/utf16", test_utf16_text);
  g_test_add_func ("/message-file/pasted-sample", test_pasted_text_sample);
  g_test_add_func ("/message-file/pastes", test_pastes);
  g_test_add_func ("/message-file/ndr", test_ndr_sample);
  g_test_add_func ("/message-file/ndr-headers-only", test_ndr_headers_only_base64);
  g_test_add_func ("/message-file/report-without-status", test_report_without_status_part);
  g_test_add_func ("/message-file/report-with-empty-parts", test_report_with_empty_parts);
  g_test_add_func ("/message-file/report-delimiters", test_report_delimiters);
  g_test_add_func ("/message-file/report-default-types", test_report_default_types);
  g_test_add_func ("/message-file/bad", test_bad_inputs);
  g_test_add_func ("/message-file/binary-after-headers", test_binary_after_headers);
  g_test_add_func ("/message-file/msg/unicode", test_msg_unicode);
  g_test_add_func ("/message-file/msg/8bit-codepage", test_msg_8bit_codepage);
  g_test_add_func ("/message-file/msg/internal-prefix", test_msg_internal_prefix);
  g_test_add_func ("/message-file/msg/large-stream", test_msg_large_stream);
  g_test_add_func ("/message-file/msg/no-headers", test_msg_without_headers);
  g_test_add_func ("/message-file/msg/truncated", test_msg_truncated);
  g_test_add_func ("/message-file/msg/truncated-message", test_msg_truncated_message);
  g_test_add_func ("/message-file/msg/corrupted", test_msg_corrupted);
  g_test_add_func ("/message-file/msg/minifat-count", test_msg_minifat_count_mismatch);
  g_test_add_func ("/message-file/msg/not-a-msg", test_ole_but_not_msg_header);

  return g_test_run ();
}
