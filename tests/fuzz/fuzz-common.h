/* fuzz-common.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

/* A warning or critical from GLib, GMime or libgsf is a bug to fix, like a
 * crash. GLib's own fatal warnings stop with SIGTRAP, which libFuzzer does
 * not catch; abort() gives it a crash to save and reproduce. */
static void
fuzz_log_handler (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      fprintf (stderr, "%s: %s\n", domain != NULL ? domain : "(none)", message);
      abort ();
    }
}

static inline void
fuzz_make_warnings_crash (void)
{
  g_log_set_default_handler (fuzz_log_handler, NULL);
}
