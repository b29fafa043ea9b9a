/* test-mbox.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-mbox.h"

/* Every message of @mbox, as "offset|text" lines. */
static char *
split (const char *mbox)
{
  GString *out = g_string_new (NULL);
  KanriMboxIter iter;
  const char *message;
  gsize length;
  goffset offset;

  kanri_mbox_iter_init (&iter, mbox, strlen (mbox));
  while (kanri_mbox_iter_next (&iter, &message, &length, &offset))
    g_string_append_printf (out, "%" G_GINT64_FORMAT "|%.*s#", (gint64)offset, (int)length, message);

  return g_string_free (out, FALSE);
}

static void
test_messages (void)
{
  g_autofree char *two = split ("From a@example.com Mon Dec  7 10:00:00 2026\n"
                                "Subject: one\n\nbody\n\n"
                                "From b@example.com Mon Dec  7 10:00:01 2026\n"
                                "Subject: two\n\nbody two\n");

  g_assert_cmpstr (two, ==, "0|Subject: one\n\nbody\n\n#64|Subject: two\n\nbody two\n#");
}

/* A body line "From " not after an empty line is not a separator (an
 * mboxo writer that did not quote it); one quoted as ">From " never is. */
static void
test_from_in_body (void)
{
  g_autofree char *one = split ("From a@example.com Mon Dec  7 10:00:00 2026\n"
                                "Subject: one\n\nline\nFrom here on\n>From quoted\n");

  g_assert_cmpstr (one, ==, "0|Subject: one\n\nline\nFrom here on\n>From quoted\n#");
}

static void
test_crlf (void)
{
  g_autofree char *two = split ("From a Mon Dec  7 10:00:00 2026\r\n"
                                "Subject: one\r\n\r\nbody\r\n\r\n"
                                "From b Mon Dec  7 10:00:01 2026\r\n"
                                "Subject: two\r\n");

  g_assert_cmpstr (two, ==, "0|Subject: one\r\n\r\nbody\r\n\r\n#57|Subject: two\r\n#");
}

/* What comes before the first From_ line is not a message; nothing at all
 * has none. */
static void
test_leading_junk_and_empty (void)
{
  g_autofree char *junk = split ("not an mbox line\n\nFrom a Mon Dec  7 10:00:00 2026\nSubject: x\n");
  g_autofree char *empty = split ("");
  g_autofree char *no_from = split ("Subject: just a message\n\nbody\n");
  g_autofree char *only_line = split ("From a Mon Dec  7 10:00:00 2026");

  g_assert_cmpstr (junk, ==, "18|Subject: x\n#");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (no_from, ==, "");
  g_assert_cmpstr (only_line, ==, "0|#");
  g_assert_true (kanri_mbox_looks_like ("From x", 6));
  g_assert_false (kanri_mbox_looks_like ("Subject: From x", 15));
  g_assert_false (kanri_mbox_looks_like ("From", 4));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mbox/messages", test_messages);
  g_test_add_func ("/mbox/from-in-body", test_from_in_body);
  g_test_add_func ("/mbox/crlf", test_crlf);
  g_test_add_func ("/mbox/leading-junk-and-empty", test_leading_junk_and_empty);

  return g_test_run ();
}
