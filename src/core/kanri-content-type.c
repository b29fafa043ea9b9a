/* kanri-content-type.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-content-type"

#include "config.h"

#include <string.h>

#include "kanri-content-type.h"
#include "kanri-mime.h"

/* Reading a delivery report looks at five or six Content-Type values, and
 * g_mime_content_type_parse() builds GObjects for each (7,000 instructions
 * apiece, an eighth of the analysis of a report). Nearly all of them are in
 * the plain form of RFC 2045 §5.1, "type/subtype" and "; name=value" with
 * token or quoted values; those are read in place. Anything else, comments,
 * RFC 2231 names ("name*0"), escapes, 8-bit text, encoded words, a name
 * given twice, goes to GMime, so that every value reads as GMime reads it. */

/* More parameters than this go to GMime: checking them for repeats costs
 * the square of their number. */
#define MAX_PLAIN_PARAMETERS 8

/* RFC 2045 §5.1: any US-ASCII but controls, space and tspecials
 * ("()<>@,;:\\\"/[]?="). A table: a strchr() per byte took most of the
 * reading of a delivery report's Content-Type values. */
static const guint8 token_bytes[256] = {
  ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['*'] = 1, ['+'] = 1,
  ['-'] = 1, ['.'] = 1, ['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1,
  ['a' ... 'z'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1,
};

static gboolean
is_token_char (char c)
{
  return token_bytes[(guchar)c];
}

static const char *
skip_wsp (const char *p,
          const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  return p;
}

static const char *
token_end (const char *p,
           const char *end)
{
  while (p < end && is_token_char (*p))
    p++;

  return p;
}

/* Whether "=?" is in the @length bytes at @text (which hold no NUL):
 * g_strstr_len() without its byte-by-byte comparisons. */
static gboolean
has_encoded_word_start (const char *text,
                        gsize       length)
{
  const char *end = text + length;

  for (const char *p = text; (p = memchr (p, '=', end - p)) != NULL && p + 1 < end; p++)
    {
      if (p[1] == '?')
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  const char *name;
  gsize       name_length;
  const char *value;
  gsize       value_length;
} Parameter;

/* Reads the parameter after the ";" at *@p. Returns FALSE at the end (an
 * optional last ";" and white space), and sets @plain to FALSE for
 * anything that is not in the plain form. */
static gboolean
next_parameter (const char **p,
                const char  *end,
                Parameter   *parameter,
                gboolean    *plain)
{
  const char *q = skip_wsp (*p, end);

  if (q == end)
    return FALSE;
  if (*q != ';')
    {
      *plain = FALSE;
      return FALSE;
    }
  q = skip_wsp (q + 1, end);
  if (q == end)
    return FALSE;

  parameter->name = q;
  q = token_end (q, end);
  parameter->name_length = q - parameter->name;
  if (parameter->name_length == 0 || memchr (parameter->name, '*', parameter->name_length) != NULL)
    {
      *plain = FALSE;
      return FALSE;
    }

  q = skip_wsp (q, end);
  if (q == end || *q != '=')
    {
      *plain = FALSE;
      return FALSE;
    }
  q = skip_wsp (q + 1, end);

  if (q < end && *q == '"')
    {
      parameter->value = ++q;
      while (q < end && *q != '"')
        {
          if (*q == '\\' || (guchar)*q >= 0x80 || (guchar)*q < ' ')
            {
              *plain = FALSE;
              return FALSE;
            }
          q++;
        }
      parameter->value_length = q - parameter->value;
      if (q == end || parameter->value_length == 0)
        {
          *plain = FALSE;
          return FALSE;
        }
      q++;
    }
  else
    {
      parameter->value = q;
      q = token_end (q, end);
      parameter->value_length = q - parameter->value;
      if (parameter->value_length == 0)
        {
          *plain = FALSE;
          return FALSE;
        }
    }

  /* GMime may decode encoded words in a value. */
  if (has_encoded_word_start (parameter->value, parameter->value_length))
    {
      *plain = FALSE;
      return FALSE;
    }

  *p = q;
  return TRUE;
}

static gboolean
names_equal (const char *a,
             gsize       a_length,
             const char *b,
             gsize       b_length)
{
  return a_length == b_length && g_ascii_strncasecmp (a, b, a_length) == 0;
}

/* Whether the parameters at @p are all in the plain form, each name once. */
static gboolean
parameters_are_plain (const char *p,
                      const char *end)
{
  Parameter seen[MAX_PLAIN_PARAMETERS];
  Parameter parameter;
  gboolean plain = TRUE;
  guint n = 0;

  while (next_parameter (&p, end, &parameter, &plain))
    {
      if (n == MAX_PLAIN_PARAMETERS)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          if (names_equal (seen[i].name, seen[i].name_length, parameter.name, parameter.name_length))
            return FALSE;
        }
      seen[n++] = parameter;
    }

  return plain;
}

static gboolean
read_plain (KanriContentType *type,
            const char       *value)
{
  const char *end = value + strlen (value);
  const char *p = skip_wsp (value, end);

  type->type = p;
  p = token_end (p, end);
  type->type_length = p - type->type;
  if (type->type_length == 0 || p == end || *p != '/')
    return FALSE;

  type->subtype = ++p;
  p = token_end (p, end);
  type->subtype_length = p - type->subtype;
  if (type->subtype_length == 0)
    return FALSE;

  type->parameters = p;
  type->end = end;
  return parameters_are_plain (p, end);
}

/**
 * kanri_content_type_read:
 * @value: a Content-Type value, which must outlive @type
 *
 * Returns: FALSE when GMime cannot read @value either
 */
gboolean
kanri_content_type_read (KanriContentType *type,
                         const char       *value)
{
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  memset (type, 0, sizeof *type);
  if (read_plain (type, value))
    return TRUE;

  memset (type, 0, sizeof *type);
  type->parsed = g_mime_content_type_parse (kanri_mime_get_parser_options (), value);
  return type->parsed != NULL;
}

void
kanri_content_type_clear (KanriContentType *type)
{
  g_clear_object (&type->parsed);
}

/* g_mime_content_type_is_type(): case-insensitive, "*" for any subtype. */
gboolean
kanri_content_type_is (const KanriContentType *type,
                       const char             *media_type,
                       const char             *subtype)
{
  if (type->parsed != NULL)
    return g_mime_content_type_is_type (type->parsed, media_type, subtype);

  return names_equal (type->type, type->type_length, media_type, strlen (media_type)) &&
         (strcmp (subtype, "*") == 0 ||
          names_equal (type->subtype, type->subtype_length, subtype, strlen (subtype)));
}

/**
 * kanri_content_type_dup_parameter:
 *
 * Returns: (transfer full) (nullable): the value of parameter @name,
 *   unquoted
 */
char *
kanri_content_type_dup_parameter (const KanriContentType *type,
                                  const char             *name)
{
  const char *p = type->parameters;
  Parameter parameter;
  gboolean plain = TRUE;

  if (type->parsed != NULL)
    return g_strdup (g_mime_content_type_get_parameter (type->parsed, name));

  while (next_parameter (&p, type->end, &parameter, &plain))
    {
      if (names_equal (parameter.name, parameter.name_length, name, strlen (name)))
        return g_strndup (parameter.value, parameter.value_length);
    }

  return NULL;
}
