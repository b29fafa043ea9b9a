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

#include "kanri-i18n.h"

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX");
}

/**
 * kanri_i18n_init:
 *
 * Sets the locale from the environment and binds Kanri's translations (from
 * `$KANRI_LOCALEDIR` when set: a build tree, before anything is installed).
 *
 * A machine without locales (a container, a fresh server, a desktop where
 * only `LANGUAGE=ja` is set) is in the C locale, where glibc's gettext
 * ignores `LANGUAGE`: there the messages and the character set come from
 * C.UTF-8, built into glibc, so that `LANGUAGE` chooses the language
 * whatever `LANG` says, and text is UTF-8.
 */
void
kanri_i18n_init (void)
{
  const char *localedir = g_getenv ("KANRI_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");

  setlocale (LC_ALL, "");
  if (language != NULL && *language != '\0' && is_c_locale (setlocale (LC_MESSAGES, NULL)))
    setlocale (LC_MESSAGES, "C.UTF-8");
  if (is_c_locale (setlocale (LC_CTYPE, NULL)))
    setlocale (LC_CTYPE, "C.UTF-8");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
