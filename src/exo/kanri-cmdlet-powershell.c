/* kanri-cmdlet-powershell.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-cmdlet"

#include "config.h"

#include <string.h>

#include "kanri-cmdlet-private.h"

/* A cmdlet as the PowerShell a user could paste: quoted so that Exchange
 * Online PowerShell reads back the same values. */

/* The PowerShell text -------------------------------------------------- */

/* PowerShell takes the typographic quotes as quotes too (its tokenizer
 * treats U+2018–U+201B and U+201C–U+201E like ' and "), so inside a
 * double-quoted string they are escaped like '"'. */
gboolean
_kanri_cmdlet_is_double_quote (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E;
}

gboolean
_kanri_cmdlet_is_single_quote (gunichar c)
{
  return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B;
}

gboolean
_kanri_cmdlet_is_dash (gunichar c)
{
  return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015;
}

static void
append_quoted (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '`':
        case '$':
          g_string_append_c (out, '`');
          g_string_append_c (out, (char)c);
          break;
        case '\n':
          g_string_append (out, "`n");
          break;
        case '\r':
          g_string_append (out, "`r");
          break;
        case '\t':
          g_string_append (out, "`t");
          break;
        case '\a':
          g_string_append (out, "`a");
          break;
        case '\b':
          g_string_append (out, "`b");
          break;
        case '\f':
          g_string_append (out, "`f");
          break;
        case '\v':
          g_string_append (out, "`v");
          break;
        default:
          if (_kanri_cmdlet_is_double_quote (c))
            g_string_append_c (out, '`');
          if (c < 0x20)
            g_string_append_printf (out, "`u{%X}", c);
          else
            g_string_append_unichar (out, c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* A word PowerShell reads back, in argument mode, as exactly this string:
 * no quoting, separator, variable or escape characters, nothing that
 * starts a parameter, and nothing that could be taken for a number
 * (`10KB` is 10240 to PowerShell); a leading digit is allowed only in
 * address-like words such as 198.51.100.0/24. */
static gboolean
is_bare_word (const char *value)
{
  gboolean leading_digit;
  guint dots = 0;

  if (value[0] == '\0' || strlen (value) > 255)
    return FALSE;

  leading_digit = g_ascii_isdigit (value[0]);
  if (!leading_digit && !g_ascii_isalpha (value[0]) && value[0] != '*' && value[0] != '_')
    return FALSE;

  for (const char *p = value; *p; p++)
    {
      if (*p == '.')
        dots++;
      else if (!g_ascii_isalnum (*p) && strchr ("*_/:@+-", *p) == NULL)
        return FALSE;
      if (leading_digit && g_ascii_isalpha (*p))
        return FALSE;
    }

  return !leading_digit || dots >= 2;
}

static void
append_item (GString    *out,
             const char *value)
{
  if (is_bare_word (value))
    g_string_append (out, value);
  else
    append_quoted (out, value);
}

static void
append_items (GString           *out,
              const char *const *values,
              gboolean           always_quote)
{
  if (values == NULL || values[0] == NULL)
    {
      g_string_append (out, "@()");
      return;
    }

  for (guint i = 0; values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (always_quote)
        append_quoted (out, values[i]);
      else
        append_item (out, values[i]);
    }
}

static void
append_parameter (GString         *out,
                  const Parameter *param)
{
  g_string_append_printf (out, " -%s", param->name);

  switch (param->type)
    {
    case KANRI_CMDLET_VALUE_STRING:
      g_string_append_c (out, ' ');
      if (_kanri_cmdlet_kind_of (param->name) == KIND_NAME || g_ascii_isdigit (param->string[0]))
        append_quoted (out, param->string);
      else
        append_item (out, param->string);
      break;

    case KANRI_CMDLET_VALUE_STRING_LIST:
      g_string_append_c (out, ' ');
      /* One item alone reads back as a list only where the parameter is
       * known to take one (-SenderDomains *); elsewhere it needs @(…). */
      if (param->list[0] != NULL && param->list[1] == NULL && _kanri_cmdlet_kind_of (param->name) != KIND_LIST)
        {
          g_string_append (out, "@(");
          append_items (out, (const char *const *)param->list, FALSE);
          g_string_append_c (out, ')');
        }
      else
        append_items (out, (const char *const *)param->list, FALSE);
      break;

    case KANRI_CMDLET_VALUE_BOOL:
      g_string_append (out, param->boolean ? " $true" : " $false");
      break;

    case KANRI_CMDLET_VALUE_SWITCH:
      if (!param->boolean)
        g_string_append (out, ":$false");
      break;

    case KANRI_CMDLET_VALUE_INT:
      g_string_append_printf (out, " %" G_GINT64_FORMAT, param->integer);
      break;

    case KANRI_CMDLET_VALUE_TIME_SPAN:
      {
        g_autofree char *text = kanri_time_span_to_string (param->span);

        g_string_append_c (out, ' ');
        append_quoted (out, text);
      }
      break;

    case KANRI_CMDLET_VALUE_HASHTABLE:
      g_string_append (out, " @{");
      if (param->add != NULL)
        {
          g_string_append (out, "Add=");
          append_items (out, (const char *const *)param->add, TRUE);
        }
      if (param->remove != NULL)
        {
          if (param->add != NULL)
            g_string_append (out, "; ");
          g_string_append (out, "Remove=");
          append_items (out, (const char *const *)param->remove, TRUE);
        }
      g_string_append_c (out, '}');
      break;

    case KANRI_CMDLET_VALUE_NULL:
    default:
      g_string_append (out, " $null");
      break;
    }
}

/**
 * kanri_cmdlet_to_powershell:
 *
 * Returns: (transfer full): the command a user could paste into Exchange
 *   Online PowerShell, e.g. `Set-Mailbox -Identity "a@contoso.com"
 *   -DefaultAuditSet Admin,Delegate,Owner`
 */
char *
kanri_cmdlet_to_powershell (KanriCmdlet *self)
{
  GString *out;

  g_return_val_if_fail (KANRI_IS_CMDLET (self), NULL);

  out = g_string_new (self->name);
  for (guint i = 0; i < self->parameters->len; i++)
    append_parameter (out, g_ptr_array_index (self->parameters, i));

  return g_string_free (out, FALSE);
}

