/* kanri-date.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-date.h"

/* Reads the dates found in Received fields and Date headers:
 *
 *   RFC 5322 §3.3   Mon, 6 May 2024 09:11:58 +0000 (UTC)
 *   obsolete (§4.3) 6 May 24 09:11 EDT, full day names, -0000, letter zones
 *   fractions       Mon, 6 May 2024 09:11:58.123 +0900 (Exchange, Gmail)
 *   asctime         Mon May  6 09:11:58 2024, or with a zone before the year
 *   Go time.String  2018-03-26 13:35:36.270951634 +0000 UTC m=+555016.72
 *                   (SendGrid, without the ";" of RFC 5321 §4.4)
 *   ISO 8601        2024-05-06T09:11:58Z
 *
 * Named zones are honoured, not read as UTC. Anything after a complete date
 * (comments, "m=+…", stray words) is ignored. */

G_DEFINE_QUARK (kanri-date-error-quark, kanri_date_error)

typedef enum
{
  WHY_NONE,
  WHY_SHAPE,
  WHY_NO_TIME,
  WHY_NO_MONTH,
  WHY_NO_YEAR,
  WHY_FIELD_RANGE,
  WHY_DAY_RANGE,
  WHY_ZONE,
} Why;

typedef struct
{
  const char *p;
  const char *end;

  int         numbers[2];
  int         number_digits[2];
  guint       n_numbers;
  gboolean    has_weekday;

  int         year;
  int         month;
  int         day;
  gboolean    has_date;

  int         hour;
  int         minute;
  int         second;
  guint32     nanoseconds;
  guint8      fraction_digits;
  gboolean    has_time;

  int         offset;
  gboolean    has_zone;
  gboolean    zone_known;
  gboolean    zone_from_name;

  const char *bad_word;
  gsize       bad_word_length;
} Scan;

typedef struct
{
  const char *name;
  int         minutes;
} Zone;

/* RFC 5322 §4.3 names, plus zones common in Received fields of the regions
 * Kanri's users mail with. Ambiguous abbreviations (IST, BST, CST in China)
 * are left out on purpose: a wrong guess is worse than an error. */
static const Zone zones[] = {
  { "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
  { "est", -5 * 60 }, { "edt", -4 * 60 },
  { "cst", -6 * 60 }, { "cdt", -5 * 60 },
  { "mst", -7 * 60 }, { "mdt", -6 * 60 },
  { "pst", -8 * 60 }, { "pdt", -7 * 60 },
  { "akst", -9 * 60 }, { "akdt", -8 * 60 },
  { "hst", -10 * 60 },
  { "jst", 9 * 60 }, { "kst", 9 * 60 },
  { "hkt", 8 * 60 }, { "sgt", 8 * 60 }, { "awst", 8 * 60 },
  { "acst", 9 * 60 + 30 }, { "acdt", 10 * 60 + 30 },
  { "aest", 10 * 60 }, { "aedt", 11 * 60 },
  { "nzst", 12 * 60 }, { "nzdt", 13 * 60 },
  { "west", 60 }, { "cet", 60 }, { "met", 60 }, { "cest", 2 * 60 }, { "mest", 2 * 60 },
  { "eet", 2 * 60 }, { "eest", 3 * 60 }, { "msk", 3 * 60 },
};

static const char *const months[] = {
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
};

static const char *const weekdays[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* @c in lower case when it is an ASCII letter. The tables are in lower
 * case: their first letters rule out nearly every name without a call. */
static inline char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Whether the @length letters of @word, in any case, start @name, which is
 * in lower case: g_ascii_strncasecmp() and strlen() without the calls. */
static gboolean
starts_name (const char *word,
             gsize       length,
             const char *name)
{
  for (gsize i = 0; i < length; i++)
    {
      if (name[i] == '\0' || lower (word[i]) != name[i])
        return FALSE;
    }

  return TRUE;
}

/* Abbreviations of at least three letters: "Sep", "Sept", "Thurs". */
static int
match_name (const char        *word,
            gsize              length,
            const char *const *names,
            guint              n_names)
{
  char first;

  if (length < 3)
    return -1;

  first = lower (word[0]);
  for (guint i = 0; i < n_names; i++)
    {
      if (names[i][0] == first && starts_name (word, length, names[i]))
        return (int)i;
    }

  return -1;
}

static const Zone *
match_zone (const char *word,
            gsize       length)
{
  char first;

  if (length == 0)
    return NULL;

  first = lower (word[0]);
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      if (zones[i].name[0] == first && starts_name (word, length, zones[i].name) &&
          zones[i].name[length] == '\0')
        return &zones[i];
    }

  return NULL;
}

static void
skip_comment (Scan *s)
{
  int depth = 0;

  while (s->p < s->end)
    {
      char c = *s->p++;

      if (c == '\\' && s->p < s->end)
        s->p++;
      else if (c == '(')
        depth++;
      else if (c == ')' && --depth == 0)
        return;
    }
}

static void
skip_space (Scan *s)
{
  while (s->p < s->end)
    {
      char c = *s->p;

      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',')
        s->p++;
      else if (c == '(')
        skip_comment (s);
      else
        break;
    }
}

static int
read_digits (Scan  *s,
             guint  max_digits,
             guint *n_digits)
{
  int value = 0;
  guint n = 0;

  while (s->p < s->end && g_ascii_isdigit (*s->p) && n < max_digits)
    {
      value = value * 10 + (*s->p - '0');
      s->p++;
      n++;
    }

  *n_digits = n;
  return value;
}

static gboolean
at_digit (Scan *s)
{
  return s->p < s->end && g_ascii_isdigit (*s->p);
}

/* hh:mm[:ss[.fraction]], the hour already read. */
static Why
read_time (Scan *s,
           int   hour)
{
  guint n;

  if (s->has_time)
    return WHY_SHAPE;

  s->hour = hour;
  s->p++;
  s->minute = read_digits (s, 2, &n);
  if (n != 2)
    return WHY_SHAPE;

  s->second = 0;
  if (s->p < s->end && *s->p == ':')
    {
      s->p++;
      s->second = read_digits (s, 2, &n);
      if (n != 2)
        return WHY_SHAPE;

      if (s->p + 1 < s->end && (*s->p == '.' || *s->p == ',') && g_ascii_isdigit (s->p[1]))
        {
          guint32 scale = 100000000;

          s->p++;
          while (s->p < s->end && g_ascii_isdigit (*s->p))
            {
              /* Digits past the nanosecond are dropped, not rounded. */
              if (s->fraction_digits < 9)
                {
                  s->nanoseconds += (guint32)(*s->p - '0') * scale;
                  scale /= 10;
                  s->fraction_digits++;
                }
              s->p++;
            }
        }
    }

  s->has_time = TRUE;

  /* ISO 8601's "Z" right after the time. */
  if (s->p < s->end && (*s->p == 'Z' || *s->p == 'z') &&
      (s->p + 1 == s->end || !g_ascii_isalpha (s->p[1])))
    {
      s->p++;
      s->has_zone = TRUE;
      s->zone_known = TRUE;
      s->offset = 0;
    }

  return WHY_NONE;
}

/* YYYY-MM-DD[Thh:mm…], the year already read. */
static Why
read_iso_date (Scan *s,
               int   year)
{
  guint n;

  if (s->has_date || s->month != 0 || s->n_numbers > 0)
    return WHY_SHAPE;

  s->p++;
  s->month = read_digits (s, 2, &n);
  if (n != 2 || s->p >= s->end || *s->p != '-')
    return WHY_SHAPE;
  s->p++;
  s->day = read_digits (s, 2, &n);
  if (n != 2)
    return WHY_SHAPE;

  s->year = year;
  s->has_date = TRUE;

  if (s->p + 1 < s->end && (*s->p == 'T' || *s->p == 't') && g_ascii_isdigit (s->p[1]))
    {
      int hour;

      s->p++;
      hour = read_digits (s, 2, &n);
      if (s->p >= s->end || *s->p != ':')
        return WHY_SHAPE;
      return read_time (s, hour);
    }

  return WHY_NONE;
}

static Why
read_number (Scan *s)
{
  guint n;
  int value = read_digits (s, 9, &n);

  if (at_digit (s))
    return WHY_SHAPE;

  if (s->p < s->end && *s->p == ':')
    {
      if (n > 2)
        return WHY_SHAPE;
      return read_time (s, value);
    }

  if (n == 4 && s->p + 1 < s->end && *s->p == '-' && g_ascii_isdigit (s->p[1]))
    return read_iso_date (s, value);

  if (s->n_numbers == 2 || s->has_date)
    return WHY_SHAPE;

  s->numbers[s->n_numbers] = value;
  s->number_digits[s->n_numbers] = (int)n;
  s->n_numbers++;
  return WHY_NONE;
}

/* +hhmm, -hhmm, +hh:mm or +hh. */
static Why
read_offset (Scan *s)
{
  int sign = *s->p == '-' ? -1 : 1;
  int hours, minutes = 0;
  guint n;

  s->p++;
  hours = read_digits (s, 4, &n);
  if (n == 4)
    {
      minutes = hours % 100;
      hours /= 100;
    }
  else if (n == 2 && s->p < s->end && *s->p == ':')
    {
      s->p++;
      minutes = read_digits (s, 2, &n);
      if (n != 2)
        return WHY_SHAPE;
    }
  else if (n != 2)
    return WHY_SHAPE;

  if (at_digit (s))
    return WHY_SHAPE;
  if (hours > 23 || minutes > 59)
    return WHY_FIELD_RANGE;

  s->offset = sign * (hours * 60 + minutes);
  s->has_zone = TRUE;
  s->zone_from_name = FALSE;
  /* RFC 5322 §3.3: "-0000" says the local zone is unknown. */
  s->zone_known = !(sign < 0 && hours == 0 && minutes == 0);
  return WHY_NONE;
}

static gboolean
is_complete (Scan *s)
{
  return s->has_time && (s->has_date || (s->month != 0 && s->n_numbers == 2));
}

/* Returns TRUE to keep scanning. */
static gboolean
read_word (Scan *s,
           Why  *why)
{
  const char *word = s->p;
  gsize length;
  const Zone *zone;
  int index;

  while (s->p < s->end && g_ascii_isalpha (*s->p))
    s->p++;
  length = s->p - word;

  /* Go's monotonic clock reading ("m=+555016.72") ends the date. */
  if (s->p < s->end && *s->p == '=')
    return FALSE;

  if (s->p < s->end && *s->p == '.')
    s->p++;

  /* One day name at most: every part of a date appears once, which also
   * keeps the search for an unmarked date in a Received field linear. */
  if (!s->has_time && !s->has_weekday && match_name (word, length, weekdays, G_N_ELEMENTS (weekdays)) >= 0)
    {
      s->has_weekday = TRUE;
      return TRUE;
    }

  index = match_name (word, length, months, G_N_ELEMENTS (months));
  if (index >= 0 && s->month == 0 && !s->has_date)
    {
      s->month = index + 1;
      return TRUE;
    }

  zone = match_zone (word, length);
  if (zone != NULL && s->has_time)
    {
      /* A name after a numeric zone repeats it ("+0000 UTC"); the number wins.
       * "GMT+0900" is read by read_offset() right after. */
      if (!s->has_zone)
        {
          s->has_zone = TRUE;
          s->zone_from_name = TRUE;
          s->offset = zone->minutes;
          s->zone_known = TRUE;
        }
      return TRUE;
    }

  /* RFC 5322 §4.3: military zones other than "Z" were defined with the wrong
   * sign in RFC 822 and "SHOULD all be considered equivalent to -0000". */
  if (length == 1 && s->has_time && !s->has_zone && g_ascii_toupper (*word) != 'J')
    {
      s->has_zone = TRUE;
      s->offset = 0;
      s->zone_known = FALSE;
      return TRUE;
    }

  if (is_complete (s) && s->has_zone)
    return FALSE;

  if (s->has_time && !s->has_zone)
    {
      s->bad_word = word;
      s->bad_word_length = length;
      *why = WHY_ZONE;
    }
  else
    *why = is_complete (s) ? WHY_NONE : WHY_SHAPE;

  return FALSE;
}

static Why
scan (Scan *s)
{
  Why why = WHY_NONE;

  for (;;)
    {
      char c;

      skip_space (s);
      if (s->p >= s->end)
        break;

      c = *s->p;
      if (g_ascii_isdigit (c))
        why = read_number (s);
      else if ((c == '+' || c == '-') && s->p + 1 < s->end && g_ascii_isdigit (s->p[1]) &&
               s->has_time && (!s->has_zone || s->zone_from_name))
        why = read_offset (s);
      else if (g_ascii_isalpha (c))
        {
          if (!read_word (s, &why))
            break;
        }
      else if (is_complete (s) && s->has_zone)
        break;
      else
        why = WHY_SHAPE;

      if (why != WHY_NONE)
        {
          /* Trailing junk after a complete date is not an error. */
          if (is_complete (s) && s->has_zone && why == WHY_SHAPE)
            why = WHY_NONE;
          break;
        }
    }

  return why;
}

static gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return month == 2 && is_leap (year) ? 29 : days[month - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms", days_from_civil). */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  days,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;

  *year = (int)(yoe + era * 400 + (m <= 2));
  *month = (int)m;
  *day = (int)d;
}

/* Day and year from the two loose numbers; the year may come first. */
static Why
assign_day_and_year (Scan *s)
{
  int day_index = 0;
  int year_index = 1;
  int digits;

  if (s->has_date)
    return s->n_numbers == 0 ? WHY_NONE : WHY_SHAPE;

  if (s->month == 0)
    return WHY_NO_MONTH;
  if (s->n_numbers < 2)
    return WHY_NO_YEAR;

  if (s->number_digits[0] > 2 && s->number_digits[1] <= 2)
    {
      day_index = 1;
      year_index = 0;
    }

  if (s->number_digits[day_index] > 2)
    return WHY_SHAPE;

  s->day = s->numbers[day_index];
  s->year = s->numbers[year_index];
  digits = s->number_digits[year_index];

  /* RFC 5322 §4.3: two-digit years 00–49 are 2000–2049 and 50–99 are
   * 1950–1999; three-digit years are counted from 1900. */
  if (digits == 2)
    s->year += s->year < 50 ? 2000 : 1900;
  else if (digits == 3)
    s->year += 1900;
  else if (digits != 4)
    return WHY_SHAPE;

  return WHY_NONE;
}

static void
set_error (GError     **error,
           const char  *text,
           gsize        length,
           Why          why,
           Scan        *s)
{
  g_autofree char *copy = g_strndup (text, MIN (length, 80));
  g_autofree char *shown = g_utf8_make_valid (g_strstrip (copy), -1);

  if (length > 80)
    {
      char *longer = g_strconcat (shown, "…", NULL);

      g_free (shown);
      shown = longer;
    }

  switch (why)
    {
    case WHY_NO_TIME:
      g_set_error (error, KANRI_DATE_ERROR, KANRI_DATE_ERROR_INVALID,
                   _("“%s” is not a date: it has no time of day"), shown);
      break;

    case WHY_NO_MONTH:
      g_set_error (error, KANRI_DATE_ERROR, KANRI_DATE_ERROR_INVALID,
                   _("“%s” is not a date: it has no month"), shown);
      break;

    case WHY_NO_YEAR:
      g_set_error (error, KANRI_DATE_ERROR, KANRI_DATE_ERROR_INVALID,
                   _("“%s” is not a date: it has no year"), shown);
      break;

    case WHY_FIELD_RANGE:
      g_set_error (error, KANRI_DATE_ERROR, KANRI_DATE_ERROR_OUT_OF_RANGE,
                   _("“%s” is not a valid date: an hour, minute, second or zone offset is out of range"), shown);
      break;

    case WHY_DAY_RANGE:
      g_set_error (error, KANRI_DATE_ERROR, KANRI_DATE_ERROR_OUT_OF_RANGE,
                   _("“%s” is not a valid date: that day does not exist"), shown);
      break;

    case WHY_ZONE:
      {
        g_autofree char *zone = g_strndup (s->bad_word, MIN (s->bad_word_length, 16));

        g_set_error (error, KANRI_DATE_ERROR, KANRI_DATE_ERROR_UNKNOWN_ZONE,
                     _("“%s” has a time zone Kanri does not know (“%s”); it is not read as UTC, because that would shift the time"),
                     shown, zone);
      }
      break;

    case WHY_SHAPE:
    case WHY_NONE:
    default:
      g_set_error (error, KANRI_DATE_ERROR, KANRI_DATE_ERROR_INVALID,
                   _("“%s” is not a date in any form mail servers write"), shown);
      break;
    }
}

/* Spaces and tabs, as skip_space() would skip them between the parts. */
static const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  return p;
}

/* @count digits at @p, and no more; their value, or -1. */
static int
fixed_digits (const char *p,
              const char *end,
              guint       count)
{
  int value = 0;

  if ((gsize)(end - p) < count)
    return -1;
  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      value = value * 10 + (p[i] - '0');
    }
  if (p + count < end && g_ascii_isdigit (p[count]))
    return -1;

  return value;
}

/* Which of @names (lower case) the three letters at @p are, in any case. */
static int
three_letter_name (const char        *p,
                   const char        *end,
                   const char *const *names,
                   guint              n_names)
{
  if (end - p < 3 || (p + 3 < end && g_ascii_isalpha (p[3])))
    return -1;

  for (guint i = 0; i < n_names; i++)
    {
      if (lower (p[0]) == names[i][0] && lower (p[1]) == names[i][1] && lower (p[2]) == names[i][2])
        return (int)i;
    }

  return -1;
}

/* The form nearly every Received field and Date of Exchange Online holds,
 * "[Tue, ]7 May 2024 01:02:09 +0000", read straight, to the same date as
 * scan() gives it: once a date is complete and has a numeric zone, scan()
 * ignores whatever follows ("(JST)", "UTC", stray words), and so does
 * this. Anything else, or a part out of range, is left to scan(), which
 * also says what is wrong. */
static gboolean
parse_common_form (const char *p,
                   const char *end,
                   KanriDate  *date)
{
  int day, month, year, hour, minute, second, zone_hours, zone_minutes, offset;
  gboolean negative;

  p = skip_blanks (p, end);
  if (three_letter_name (p, end, weekdays, G_N_ELEMENTS (weekdays)) >= 0)
    {
      p += 3;
      if (p < end && *p == ',')
        p++;
      p = skip_blanks (p, end);
    }

  day = fixed_digits (p, end, 2);
  if (day >= 0)
    p += 2;
  else if ((day = fixed_digits (p, end, 1)) >= 0)
    p += 1;
  else
    return FALSE;
  if (p >= end || (*p != ' ' && *p != '\t'))
    return FALSE;
  p = skip_blanks (p, end);

  month = three_letter_name (p, end, months, G_N_ELEMENTS (months)) + 1;
  if (month == 0)
    return FALSE;
  p += 3;
  if (p >= end || (*p != ' ' && *p != '\t'))
    return FALSE;
  p = skip_blanks (p, end);

  year = fixed_digits (p, end, 4);
  if (year < 0)
    return FALSE;
  p += 4;
  if (p >= end || (*p != ' ' && *p != '\t'))
    return FALSE;
  p = skip_blanks (p, end);

  if (end - p < 8 || p[2] != ':' || p[5] != ':')
    return FALSE;
  hour = fixed_digits (p, end, 2);
  minute = fixed_digits (p + 3, end, 2);
  second = fixed_digits (p + 6, end, 2);
  if (hour < 0 || minute < 0 || second < 0)
    return FALSE;
  p += 8;
  if (p >= end || (*p != ' ' && *p != '\t'))
    return FALSE;
  p = skip_blanks (p, end);

  if (p >= end || (*p != '+' && *p != '-'))
    return FALSE;
  negative = *p == '-';
  p++;
  offset = fixed_digits (p, end, 4);
  if (offset < 0)
    return FALSE;
  zone_hours = offset / 100;
  zone_minutes = offset % 100;

  if (year < 1900 || day < 1 || day > days_in_month (year, month) ||
      hour > 23 || minute > 59 || second > 60 || zone_hours > 23 || zone_minutes > 59)
    return FALSE;

  offset = (negative ? -1 : 1) * (zone_hours * 60 + zone_minutes);
  date->unix_seconds = days_from_civil (year, month, day) * 86400 +
                       hour * 3600 + minute * 60 + second - (gint64)offset * 60;
  date->nanoseconds = 0;
  date->fraction_digits = 0;
  /* RFC 5322 §3.3: "-0000" says the local zone is unknown. */
  date->zone_known = !(negative && offset == 0);
  date->offset_minutes = (gint16)offset;

  return TRUE;
}

/**
 * kanri_date_parse:
 * @text: the date, as written in a header
 * @length: its length, or -1 if NUL-terminated
 * @date: (out): the parsed date
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
kanri_date_parse (const char  *text,
                  gssize       length,
                  KanriDate   *date,
                  GError     **error)
{
  Scan s = { 0 };
  Why why;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (length < 0)
    length = strlen (text);

  if (parse_common_form (text, text + length, date))
    return TRUE;

  s.p = text;
  s.end = text + length;

  why = scan (&s);
  if (why == WHY_NONE && !s.has_time)
    why = WHY_NO_TIME;
  if (why == WHY_NONE)
    why = assign_day_and_year (&s);

  if (why == WHY_NONE)
    {
      if (s.year < 1900 || s.year > 9999 || s.month < 1 || s.month > 12 ||
          s.day < 1 || s.day > days_in_month (s.year, s.month))
        why = WHY_DAY_RANGE;
      else if (s.hour > 23 || s.minute > 59 || s.second > 60)
        why = WHY_FIELD_RANGE;
    }

  /* The search for an unmarked date in a Received field tries every word
   * and wants no error: its message (a copy made valid UTF-8, a
   * translation) would cost more than the try. */
  if (why != WHY_NONE)
    {
      if (error != NULL)
        set_error (error, text, length, why, &s);
      return FALSE;
    }

  date->unix_seconds = days_from_civil (s.year, s.month, s.day) * 86400 +
                       s.hour * 3600 + s.minute * 60 + s.second -
                       (gint64)s.offset * 60;
  date->nanoseconds = s.nanoseconds;
  date->fraction_digits = s.fraction_digits;
  date->zone_known = s.has_zone && s.zone_known;
  date->offset_minutes = (gint16)(s.has_zone ? s.offset : 0);

  return TRUE;
}

/**
 * kanri_date_format_iso8601:
 *
 * Writes @date in UTC as ISO 8601, with as many fraction digits as were
 * written in the header ("2024-05-06T09:11:58Z", "…58.270951634Z").
 */
void
kanri_date_format_iso8601 (const KanriDate *date,
                           char             buffer[KANRI_DATE_ISO8601_MAX])
{
  gint64 days;
  gint64 seconds_of_day;
  int year, month, day;
  int length;

  g_return_if_fail (date != NULL);

  days = date->unix_seconds / 86400;
  seconds_of_day = date->unix_seconds % 86400;
  if (seconds_of_day < 0)
    {
      seconds_of_day += 86400;
      days--;
    }
  civil_from_days (days, &year, &month, &day);

  length = g_snprintf (buffer, KANRI_DATE_ISO8601_MAX, "%04d-%02d-%02dT%02d:%02d:%02d",
                       year, month, day,
                       (int)(seconds_of_day / 3600),
                       (int)(seconds_of_day / 60 % 60),
                       (int)(seconds_of_day % 60));

  if (date->fraction_digits > 0)
    {
      guint32 divisor = 1;

      for (int i = date->fraction_digits; i < 9; i++)
        divisor *= 10;
      length += g_snprintf (buffer + length, KANRI_DATE_ISO8601_MAX - length, ".%0*u",
                            date->fraction_digits, date->nanoseconds / divisor);
    }

  g_snprintf (buffer + length, KANRI_DATE_ISO8601_MAX - length, "Z");
}

char *
kanri_date_to_iso8601 (const KanriDate *date)
{
  char buffer[KANRI_DATE_ISO8601_MAX];

  g_return_val_if_fail (date != NULL, NULL);

  kanri_date_format_iso8601 (date, buffer);
  return g_strdup (buffer);
}

/**
 * kanri_date_difference:
 *
 * Returns: @later − @earlier in seconds; negative when @later is in fact
 *   earlier (as with clock skew between servers)
 */
double
kanri_date_difference (const KanriDate *later,
                       const KanriDate *earlier)
{
  g_return_val_if_fail (later != NULL && earlier != NULL, 0);

  return (double)(later->unix_seconds - earlier->unix_seconds) +
         ((double)later->nanoseconds - (double)earlier->nanoseconds) / 1e9;
}

/**
 * kanri_date_format_difference:
 *
 * Writes @later − @earlier exactly, as a decimal number of seconds with the
 * fraction digits of the more precise of the two dates, trailing zeros
 * dropped ("125", "-3", "0.321"). Binary floating point would print 0.321 as
 * 0.32100000000000001 in JSON.
 */
void
kanri_date_format_difference (const KanriDate *later,
                              const KanriDate *earlier,
                              char             buffer[KANRI_DATE_DIFFERENCE_MAX])
{
  gint64 seconds;
  gint64 nanoseconds;
  gboolean negative;
  guint digits;

  g_return_if_fail (later != NULL && earlier != NULL);

  seconds = later->unix_seconds - earlier->unix_seconds;
  nanoseconds = (gint64)later->nanoseconds - (gint64)earlier->nanoseconds;

  /* Give both parts the same sign. */
  if (seconds > 0 && nanoseconds < 0)
    {
      seconds--;
      nanoseconds += 1000000000;
    }
  else if (seconds < 0 && nanoseconds > 0)
    {
      seconds++;
      nanoseconds -= 1000000000;
    }

  negative = seconds < 0 || nanoseconds < 0;
  digits = MAX (later->fraction_digits, earlier->fraction_digits);

  /* Written by hand, digits backwards: every hop has one. */
  {
    guint64 whole = (guint64)(seconds < 0 ? -seconds : seconds);
    char reversed[24];
    int n = 0;
    char *p = buffer;

    do
      {
        reversed[n++] = (char)('0' + whole % 10);
        whole /= 10;
      }
    while (whole > 0);

    if (negative)
      *p++ = '-';
    while (n > 0)
      *p++ = reversed[--n];

    if (digits > 0 && nanoseconds != 0)
      {
        guint64 fraction = (guint64)(nanoseconds < 0 ? -nanoseconds : nanoseconds);
        char *last_nonzero;

        *p++ = '.';
        last_nonzero = p - 1;
        for (guint64 scale = 100000000; scale > 0 && digits > 0; scale /= 10, digits--)
          {
            *p = (char)('0' + fraction / scale % 10);
            if (*p != '0')
              last_nonzero = p;
            p++;
          }
        /* No trailing zeros, and no lone point. */
        p = last_nonzero + (*last_nonzero == '.' ? 0 : 1);
      }

    *p = '\0';
  }
}

/**
 * kanri_date_to_date_time:
 *
 * Returns: (transfer full): @date as a UTC #GDateTime, to the microsecond
 */
GDateTime *
kanri_date_to_date_time (const KanriDate *date)
{
  g_autoptr(GDateTime) whole = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  whole = g_date_time_new_from_unix_utc (date->unix_seconds);
  if (whole == NULL)
    return NULL;

  return g_date_time_add (whole, date->nanoseconds / 1000);
}
