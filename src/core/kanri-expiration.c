/* kanri-expiration.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-expiration"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-expiration.h"

G_DEFINE_QUARK (kanri-expiration-error-quark, kanri_expiration_error)

static gboolean
read_number (const char **p,
             guint        max_digits,
             guint64     *value)
{
  const char *start = *p;
  guint64 n = 0;

  while (g_ascii_isdigit (**p) && (guint)(*p - start) < max_digits)
    {
      n = n * 10 + (**p - '0');
      (*p)++;
    }

  *value = n;
  return *p > start;
}

static gboolean
syntax_error (GError     **error,
              const char  *text)
{
  g_set_error (error, KANRI_EXPIRATION_ERROR, KANRI_EXPIRATION_ERROR_SYNTAX,
               _("“%s” is not a time: write hours (12 to 24) or d.hh:mm:ss, "
                 "for example 0.12:00:00"),
               text);
  return FALSE;
}

/**
 * kanri_expiration_parse:
 * @text: hours ("12", "18.5") or a time span as Exchange writes it
 *   ("0.12:00:00", "1.00:00:00", "12:00:00")
 * @value: (out): the time span
 *
 * Reads a message expiration and checks it is one the service accepts: from
 * 12 hours to 1 day.
 */
gboolean
kanri_expiration_parse (const char  *text,
                        GTimeSpan   *value,
                        GError     **error)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  guint64 days = 0, hours = 0, minutes = 0, seconds = 0;
  GTimeSpan span;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;

  if (*p == '\0')
    return syntax_error (error, text);

  if (strchr (p, ':') == NULL)
    {
      /* Hours, perhaps with a fraction: 18 or 18.5 (not locale-dependent). */
      char *end = NULL;
      double h = g_ascii_strtod (p, &end);

      if (end == p || *end != '\0' || !(h >= 0) || h > 1000)
        return syntax_error (error, text);
      span = (GTimeSpan)(h * G_TIME_SPAN_HOUR + 0.5);
    }
  else
    {
      const char *dot = strchr (p, '.');
      const char *colon = strchr (p, ':');

      if (dot != NULL && dot < colon)
        {
          if (!read_number (&p, 2, &days) || *p++ != '.')
            return syntax_error (error, text);
        }
      if (!read_number (&p, 2, &hours) || *p++ != ':' ||
          !read_number (&p, 2, &minutes) || *p++ != ':' ||
          !read_number (&p, 2, &seconds) || *p != '\0' ||
          hours > 23 || minutes > 59 || seconds > 59)
        return syntax_error (error, text);

      span = (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * G_TIME_SPAN_SECOND;
    }

  if (span < KANRI_EXPIRATION_MIN || span > KANRI_EXPIRATION_MAX)
    {
      g_autofree char *given = kanri_expiration_format (span);

      g_set_error (error, KANRI_EXPIRATION_ERROR, KANRI_EXPIRATION_ERROR_RANGE,
                   _("%s is outside what Exchange Online accepts: from 12 hours (0.12:00:00) "
                     "to 1 day (1.00:00:00)"),
                   given);
      return FALSE;
    }

  *value = span;
  return TRUE;
}

/**
 * kanri_expiration_format:
 *
 * Returns: (transfer full): @value as d.hh:mm:ss, as Set-TransportConfig
 *   takes it
 */
char *
kanri_expiration_format (GTimeSpan value)
{
  gint64 total = MAX (value, 0) / G_TIME_SPAN_SECOND;

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d:%02d:%02d",
                          total / 86400, (int)(total / 3600 % 24),
                          (int)(total / 60 % 60), (int)(total % 60));
}

/**
 * kanri_retry_schedule:
 * @expiration: how long a message may wait in the delay queue
 *
 * An approximation of when Exchange Online tries a deferred message again:
 * the first retries come within 15 minutes, then the intervals grow, to at
 * most an hour, until the message expires and its sender gets an NDR. The
 * real schedule is dynamic (queue size, priority) and not published; this
 * follows what Microsoft Learn says of it ("Email non-delivery reports and
 * SMTP errors in Exchange Online", the delay queue) and the seed's notes.
 *
 * Returns: (transfer full) (element-type GTimeSpan): the retries, as time
 *   since the first attempt, in order; the last one is the expiration
 */
GArray *
kanri_retry_schedule (GTimeSpan expiration)
{
  GArray *retries = g_array_new (FALSE, FALSE, sizeof (GTimeSpan));
  GTimeSpan interval = 15 * G_TIME_SPAN_MINUTE;
  GTimeSpan at = 0;
  guint n = 0;

  for (;;)
    {
      /* Four retries 15 minutes apart, then 15 minutes more each time up to
       * the hour. */
      if (n >= 4 && interval < G_TIME_SPAN_HOUR)
        interval += 15 * G_TIME_SPAN_MINUTE;

      at += interval;
      if (at >= expiration)
        break;
      g_array_append_val (retries, at);
      n++;
    }

  g_array_append_val (retries, expiration);
  return retries;
}
