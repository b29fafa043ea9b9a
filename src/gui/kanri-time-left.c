/* kanri-time-left.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-time-left.h"

/**
 * kanri_format_time_left:
 * @seconds: the estimate, or a negative number for none
 *
 * The time a long job has left, rounded as people say it, for the bulk
 * fixes' and the batch analysis's progress. The plural form follows the
 * number written.
 *
 * Returns: (transfer full) (nullable): "about 3 minutes left", or %NULL
 */
char *
kanri_format_time_left (gint64 seconds)
{
  int n;

  if (seconds < 0)
    return NULL;
  if (seconds < 60)
    {
      n = (int)seconds;
      return g_strdup_printf (ngettext ("about %d second left", "about %d seconds left", n), n);
    }
  if (seconds < 3600 - 30)
    {
      n = (int)((seconds + 30) / 60);
      return g_strdup_printf (ngettext ("about %d minute left", "about %d minutes left", n), n);
    }

  n = (int)((seconds + 1800) / 3600);
  return g_strdup_printf (ngettext ("about %d hour left", "about %d hours left", n), n);
}
