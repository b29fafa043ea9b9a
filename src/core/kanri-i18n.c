/* kanri-i18n.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "kanri-i18n.h"
#include "kanri-translation-cache.h"

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX");
}

/* Whether glibc's gettext may ignore LANGUAGE in the locale @name: in C, and
 * from glibc 2.41 (Debian 13) in C.UTF-8 too, as POSIX asks of C locales. */
static gboolean
ignores_language (const char *name)
{
  return is_c_locale (name) ||
         g_ascii_strcasecmp (name, "C.UTF-8") == 0 ||
         g_ascii_strcasecmp (name, "C.utf8") == 0;
}

/* Sets the messages category to a locale where gettext reads LANGUAGE.
 * Which one does not matter, LANGUAGE picks the translations: one named
 * after a language in it (ja_JP.UTF-8 for LANGUAGE=ja_JP), else en_US.UTF-8,
 * the UTF-8 locale Debian systems generate (./dev.sh too), else C.UTF-8,
 * built into glibc, where glibc before 2.41 (Debian 12) reads LANGUAGE. */
static void
set_messages_locale_for (const char *language)
{
  g_auto(GStrv) languages = g_strsplit (language, ":", -1);

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *name = NULL;

      if (strchr (languages[i], '_') == NULL || strchr (languages[i], '.') != NULL)
        continue;
      name = g_strconcat (languages[i], ".UTF-8", NULL);
      if (setlocale (LC_MESSAGES, name) != NULL)
        return;
    }

  if (setlocale (LC_MESSAGES, "en_US.UTF-8") == NULL)
    setlocale (LC_MESSAGES, "C.UTF-8");
}

/**
 * kanri_i18n_init:
 *
 * Sets the locale from the environment and binds Kanri's translations (from
 * `$KANRI_LOCALEDIR` when set: a build tree, before anything is installed).
 *
 * `LANGUAGE` chooses the language whatever `LANG` says, as on a desktop
 * where only `LANGUAGE=ja` is set, or a container or fresh server in the C
 * locale: glibc's gettext ignores `LANGUAGE` in the C locales, so there the
 * messages come from a locale where it does not (set_messages_locale_for()),
 * and text is UTF-8 (C.UTF-8, built into glibc).
 */
void
kanri_i18n_init (void)
{
  const char *localedir = g_getenv ("KANRI_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");

  setlocale (LC_ALL, "");
  if (language != NULL && *language != '\0' && ignores_language (setlocale (LC_MESSAGES, NULL)))
    set_messages_locale_for (language);
  if (is_c_locale (setlocale (LC_CTYPE, NULL)))
    setlocale (LC_CTYPE, "C.UTF-8");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  kanri_translation_cache_invalidate ();
}
