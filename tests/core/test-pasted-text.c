/* test-pasted-text.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-header-analyzer.h"
#include "kanri-pasted-text.h"

/* Headers pasted in the forms that copying out of Outlook, Outlook on the
 * web, a terminal or a quoted e-mail gives, each read to the same fields as
 * the stored message they came from. The sample folds
 * X-Forefront-Antispam-Report right after its colon, as Exchange Online does,
 * so that its continuation reads "CIP:…;" and looks like a field of its own
 * once the indentation is wrong. */

#define SAMPLE "enhanced-filtering.eml"

typedef struct
{
  const char *name;
  /* Lines before the headers. */
  const char *before;
  /* Put before the first line, and before every other line. */
  const char *first;
  const char *prefix;
  /* The empty line between the headers and the body. */
  const char *empty;
  /* Replaces the white space a fold starts with; NULL keeps it. */
  const char *fold;
  /* A whitespace-only line put after every third line of the headers. */
  const char *blank;
  const char *eol;
} PasteForm;

static const PasteForm forms[] = {
  /* The paste of issue 14: blank and whitespace-only lines, then the first
   * field indented more than the others. */
  { "leading-blank-lines", "\n   \n\t\n", "    ", "  ", "", NULL, NULL, "\n" },
  { "whitespace-only-lines", NULL, "  ", "  ", "", NULL, " \t ", "\n" },
  { "indented-first-line", NULL, "    ", "", "", NULL, NULL, "\n" },
  /* A selection that starts at the text of the first line, not at the
   * margin. */
  { "first-line-at-margin", NULL, "", "    ", "", NULL, NULL, "\n" },
  { "common-indentation", NULL, "      ", "    ", "    ", NULL, NULL, "\n" },
  /* A tab is eight columns, four spaces are four: the folds are deeper. */
  { "tabs-and-spaces", NULL, "\t", "    ", "", "\t", NULL, "\n" },
  { "quoted", "Alice wrote:\n", "> ", "> ", ">", NULL, NULL, "\n" },
  { "quoted-nested", "> Alice wrote:\n", "> > ", "> > ", "> >", NULL, NULL, "\n" },
  { "quoted-without-space", NULL, ">", ">", ">", NULL, NULL, "\n" },
  /* CRLF converted to CRLF once more, as some Windows clipboards hand it
   * over. */
  { "crlf-doubled", NULL, "", "", "", NULL, NULL, "\r\r\n" },
  { "lone-cr", NULL, "", "", "", NULL, NULL, "\r" },
  { "mixture", "\r\n  \r\n", "> \t", ">     ", ">", NULL, ">  \t", "\r\n" },
};

static char *
read_sample (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", SAMPLE, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
append_line (GString         *out,
             const PasteForm *form,
             const char      *line,
             gboolean         first)
{
  gboolean fold = line[0] == ' ' || line[0] == '\t';

  g_string_append (out, first ? form->first : form->prefix);
  if (fold && form->fold != NULL)
    {
      g_string_append (out, form->fold);
      line += strspn (line, " \t");
    }
  g_string_append (out, line);
  g_string_append (out, form->eol);
}

static char *
make_paste (const PasteForm *form)
{
  g_autofree char *sample = read_sample ();
  g_auto(GStrv) lines = g_strsplit (sample, "\n", -1);
  GString *out = g_string_new (form->before);
  gboolean in_body = FALSE;

  for (guint i = 0; lines[i] != NULL && (lines[i + 1] != NULL || *lines[i] != '\0'); i++)
    {
      if (*lines[i] == '\0')
        {
          g_string_append_printf (out, "%s%s", form->empty, form->eol);
          in_body = TRUE;
          continue;
        }

      append_line (out, form, lines[i], i == 0);
      if (form->blank != NULL && !in_body && i % 3 == 2)
        g_string_append_printf (out, "%s%s", form->blank, form->eol);
    }

  return g_string_free (out, FALSE);
}

static KanriHeaderReport *
analyze (const char         *text,
         KanriMessageFormat  format)
{
  g_autoptr(GError) error = NULL;
  KanriHeaderReport *report;

  report = kanri_header_analyzer_analyze (text, strlen (text), "clipboard", format, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static KanriHeaderReport *
analyze_stored_sample (void)
{
  g_autofree char *sample = read_sample ();

  return analyze (sample, KANRI_MESSAGE_FORMAT_AUTO);
}

/* Values compared with runs of white space as one space: the width of a
 * fold is the paste's, not the message's. */
static char *
collapse_spaces (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        {
          if (out->len == 0 || out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
assert_same_fields (KanriHeaderBlock *pasted,
                    KanriHeaderBlock *stored)
{
  g_assert_cmpuint (kanri_header_block_get_n_fields (pasted), ==, kanri_header_block_get_n_fields (stored));

  for (guint i = 0; i < kanri_header_block_get_n_fields (stored); i++)
    {
      const KanriHeaderField *a = kanri_header_block_get_field (pasted, i);
      const KanriHeaderField *b = kanri_header_block_get_field (stored, i);
      g_autofree char *a_value = collapse_spaces (a->value);
      g_autofree char *b_value = collapse_spaces (b->value);

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a_value, ==, b_value);
    }
}

static void
assert_like_stored (KanriHeaderReport *report,
                    KanriHeaderReport *stored)
{
  KanriHeaderBlock *headers = kanri_header_report_get_headers (report);
  const char *original_ip = NULL;
  int scl = -2;
  int bcl = -2;

  g_assert_cmpint (kanri_header_report_get_format (report), ==, KANRI_MESSAGE_FORMAT_TEXT);

  /* The anti-spam verdicts, from a field folded right after its colon. */
  g_assert_cmpstr (kanri_header_report_get_cip (report), ==, "203.0.113.10");
  g_assert_true (kanri_header_report_get_scl (report, &scl));
  g_assert_cmpint (scl, ==, 1);
  g_assert_cmpstr (kanri_header_report_get_sfv (report), ==, "NSPM");
  g_assert_true (kanri_header_report_get_bcl (report, &bcl));
  g_assert_cmpint (bcl, ==, 0);
  g_assert_true (kanri_header_report_get_enhanced_filtering (report, &original_ip, NULL));
  g_assert_cmpstr (original_ip, ==, "198.51.100.23");

  /* The fields near the end, and no line of the body. */
  g_assert_cmpstr (kanri_header_block_lookup (headers, "Content-Type"), ==, "text/plain; charset=us-ascii");
  g_assert_cmpstr (kanri_header_report_get_subject (report), ==, "Price list");
  g_assert_cmpuint (kanri_header_report_get_hops (report)->len, ==, kanri_header_report_get_hops (stored)->len);
  assert_same_fields (headers, kanri_header_report_get_headers (stored));
}

/* Each form, as the Header Analyzer page and `kanri-cli analyze -` read it
 * (the format recognized from the content) and as text. */
static void
test_form (gconstpointer data)
{
  const PasteForm *form = data;
  g_autofree char *paste = make_paste (form);
  g_autoptr(KanriHeaderReport) stored = analyze_stored_sample ();
  g_autoptr(KanriHeaderReport) as_dropped = analyze (paste, KANRI_MESSAGE_FORMAT_AUTO);
  g_autoptr(KanriHeaderReport) as_text = analyze (paste, KANRI_MESSAGE_FORMAT_TEXT);

  g_assert_cmpint (kanri_header_report_get_format (stored), ==, KANRI_MESSAGE_FORMAT_EML);
  assert_like_stored (as_dropped, stored);
  assert_like_stored (as_text, stored);
}

typedef struct
{
  const char *name;
  const char *text;
  const char *clean;
} CleanCase;

static void
test_clean (void)
{
  static const CleanCase cases[] = {
    /* A fold keeps the white space beyond the fields' indentation. */
    { "deeper-fold", "    Subject: one\n        two\n    From: a@example.com\n",
      "Subject: one\n    two\nFrom: a@example.com\n" },
    /* A tab that reaches past the fields' column stays whole. */
    { "tab-fold", "    X-Forefront-Antispam-Report:\n\tCIP:192.0.2.1;SFV:SPM;\n    Subject: s\n",
      "X-Forefront-Antispam-Report:\n\tCIP:192.0.2.1;SFV:SPM;\nSubject: s\n" },
    /* The fields' indentation comes from the fields, not from the first
     * line. */
    { "first-line-deeper", "      Received: from a\n   by b\n  Subject: s\n",
      "Received: from a\n by b\nSubject: s\n" },
    { "first-line-shallower", "Received: from a\n     by b\n    Subject: s\n",
      "Received: from a\n by b\nSubject: s\n" },
    { "fold-looking-like-a-field", "  Subject: s\n  X-Microsoft-Antispam:\n   BCL:0;\n",
      "Subject: s\nX-Microsoft-Antispam:\n BCL:0;\n" },
    /* Whitespace-only lines among fields go; before a body they end the
     * headers. */
    { "whitespace-only", "Subject: s\n \t \nFrom: a@example.com\n   \nHello\n",
      "Subject: s\nFrom: a@example.com\n\nHello\n" },
    { "whitespace-only-before-fold", "Subject: s\n   \n  more\n", "Subject: s\n  more\n" },
    /* Quote marks go, the quoted text's own indentation stays; the text
     * ends where the quoting does. */
    { "quoted", "> Subject: s\n>  fold\n>\n> Body\nMy reply\n", "Subject: s\n fold\n\nBody\n" },
    { "quoted-nested", "> > Subject: s\n> > \tfold\n> > From: a@example.com\n> Said\n",
      "Subject: s\n\tfold\nFrom: a@example.com\n" },
    { "quoted-tight", ">>Subject: s\n>> fold\n", "Subject: s\n fold\n" },
    { "crlf", "Subject: s\r\n fold\r\n\r\nBody\r\n", "Subject: s\n fold\n\nBody\n" },
    { "crcrlf", "Subject: s\r\r\nFrom: a@example.com\r\r\n", "Subject: s\nFrom: a@example.com\n" },
    { "lone-cr", "Subject: s\r fold\r\rBody\r", "Subject: s\n fold\n\nBody\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = NULL;
      gsize length = 0;

      g_test_message ("%s", cases[i].name);
      clean = kanri_pasted_text_clean (cases[i].text, strlen (cases[i].text), &length);
      g_assert_cmpstr (clean, ==, cases[i].clean);
      g_assert_cmpuint (length, ==, strlen (cases[i].clean));
    }
}

typedef struct
{
  const char *text;
  gboolean    as_written;
} AsWrittenCase;

static void
test_as_written (void)
{
  static const AsWrittenCase cases[] = {
    { "Subject: s\n fold\nFrom: a@example.com\n\nBody\n", TRUE },
    { "Subject: s\r\n\tfold\r\n\r\nBody\r", TRUE },
    /* A single folded field. */
    { "Received: from a\n by b\n", TRUE },
    { "Subject: s\rFrom: a@example.com\r", FALSE },
    { "Subject: s\r\r\nFrom: a@example.com\r\r\n", FALSE },
    { "Subject: s\n    From: a@example.com\n    To: b@example.com\n", FALSE },
    { "  Subject: s\nFrom: a@example.com\n", FALSE },
    { "> Subject: s\n", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (kanri_pasted_text_is_as_written (cases[i].text, strlen (cases[i].text)), ==, cases[i].as_written);
    }
}

/* Text with no header in it is refused with a reason, whatever its line ends,
 * quoting or indentation. */
static void
test_no_headers (void)
{
  static const char *const texts[] = {
    ">", "> > >\n>\n", ">>>>>>>>>>", "\r\r\r", "\r\n\r\n", "   \n\t\n", "\n\n\n",
    "> \t \n>   \n", "\t\t\t", "Hello there\r\n> how are you\r\n", ":", "> :", "\t: value",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriHeaderReport) report = NULL;
      g_autofree char *clean = NULL;
      gsize length = 0;

      g_test_message ("%s", texts[i]);
      clean = kanri_pasted_text_clean (texts[i], strlen (texts[i]), &length);
      g_assert_null (clean);

      report = kanri_header_analyzer_analyze (texts[i], strlen (texts[i]), "clipboard", KANRI_MESSAGE_FORMAT_AUTO, NULL, &error);
      g_assert_null (report);
      g_assert_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_NO_HEADERS);
      g_assert_nonnull (strstr (error->message, "No message headers found"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pasted-text/form/%s", forms[i].name);

      g_test_add_data_func (path, &forms[i], test_form);
    }
  g_test_add_func ("/pasted-text/clean", test_clean);
  g_test_add_func ("/pasted-text/as-written", test_as_written);
  g_test_add_func ("/pasted-text/no-headers", test_no_headers);

  return g_test_run ();
}
