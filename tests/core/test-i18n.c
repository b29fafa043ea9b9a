/* test-i18n.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kanri-dkim-tags.h"
#include "kanri-i18n.h"
#include "kanri-signature-check.h"

/* LANGUAGE chooses the language whatever LANG says, with no locale set too
 * (glibc's gettext alone ignores it in the C locales; ./dev.sh generates the
 * en_US.UTF-8 that kanri_i18n_init() then takes where glibc is 2.41 or
 * newer). Each case in a process of its own: the locale is process-wide. */

static void
clear_locale_environment (void)
{
  const char *const names[] = { "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "LANG", "LANGUAGE" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_unsetenv (names[i]);
}

static void
test_language_without_lang (void)
{
  if (g_test_subprocess ())
    {
      clear_locale_environment ();
      g_setenv ("LANGUAGE", "ja", TRUE);
      kanri_i18n_init ();
      g_assert_cmpstr (_("Overview"), ==, "概要");
      g_assert_true (g_get_charset (NULL));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_language_with_lang_c (void)
{
  if (g_test_subprocess ())
    {
      clear_locale_environment ();
      g_setenv ("LANG", "C", TRUE);
      g_setenv ("LANGUAGE", "ja", TRUE);
      kanri_i18n_init ();
      g_assert_cmpstr (_("Overview"), ==, "概要");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_no_language (void)
{
  if (g_test_subprocess ())
    {
      clear_locale_environment ();
      kanri_i18n_init ();
      g_assert_cmpstr (_("Overview"), ==, "Overview");
      /* Text is UTF-8 even so. */
      g_assert_true (g_get_charset (NULL));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A 64-bit number in a translated message goes through PRIu64, which
 * xgettext knows; with G_GUINT64_FORMAT or G_GSIZE_FORMAT it would cut the
 * msgid short and the message would stay in English. */
static void
test_number_formats_in_japanese (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) tags = NULL;

      clear_locale_environment ();
      g_setenv ("LANGUAGE", "ja", TRUE);
      kanri_i18n_init ();
      tags = kanri_dkim_tags_parse ("v=1; 1a=2", strlen ("v=1; 1a=2"), &error);
      g_assert_null (tags);
      g_assert_error (error, KANRI_DKIM_TAGS_ERROR, KANRI_DKIM_TAGS_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, "タグ名が英字で始まっていません (タグ リストのオフセット 5)");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Japanese sentences follow each other without the space English puts
 * between them. */
static void
test_verdict_sentences_in_japanese (void)
{
  if (g_test_subprocess ())
    {
      KanriDkimVerdict verdict = {
        .result = KANRI_DKIM_RESULT_PERMERROR,
        .reason = KANRI_DKIM_REASON_KEY_REVOKED,
        .body_hash = KANRI_DKIM_BODY_HASH_MATCH,
      };
      g_autofree char *text = NULL;

      clear_locale_environment ();
      g_setenv ("LANGUAGE", "ja", TRUE);
      kanri_i18n_init ();
      text = kanri_dkim_verdict_describe (&verdict);
      g_assert_cmpstr (text, ==, "署名ドメインが鍵を失効させています (レコードの p= が空です)。"
                                 "本文のハッシュは一致しています。本文は署名時のままです。");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_cli_in_japanese (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_subprocess_launcher_unsetenv (launcher, "LC_ALL");
  g_subprocess_launcher_unsetenv (launcher, "LANG");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "ja", TRUE);
  cli = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KANRI_CLI"), "--help", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (cli, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (cli));
  g_assert_true (g_str_has_prefix (out, "使い方: kanri-cli"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/i18n/language-without-lang", test_language_without_lang);
  g_test_add_func ("/i18n/language-with-lang-c", test_language_with_lang_c);
  g_test_add_func ("/i18n/no-language", test_no_language);
  g_test_add_func ("/i18n/number-formats-in-japanese", test_number_formats_in_japanese);
  g_test_add_func ("/i18n/verdict-sentences-in-japanese", test_verdict_sentences_in_japanese);
  g_test_add_func ("/i18n/cli-in-japanese", test_cli_in_japanese);

  return g_test_run ();
}
