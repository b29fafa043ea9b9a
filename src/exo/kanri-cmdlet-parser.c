/* kanri-cmdlet-parser.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-cmdlet"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-cmdlet-private.h"

/* Pasted PowerShell read into a cmdlet: the subset Kanri writes and the
 * cmdlet reference pages show, everything else refused with its place. */

/* A command line longer than this is not something a person pastes; the
 * limit keeps a hostile clipboard from costing much. */
#define MAX_LINE_LENGTH (1024 * 1024)

/* Parsing PowerShell ---------------------------------------------------- */

typedef struct
{
  const char  *text;
  const char  *p;
  gboolean     argv_mode;
} Scanner;

typedef struct
{
  KanriCmdletValueType  type;
  char                 *string;
  GPtrArray            *list;
  GPtrArray            *add;
  GPtrArray            *remove;
  gboolean              boolean;
  gint64                integer;
  gboolean              quoted;
} Value;

static void
value_clear (Value *value)
{
  g_clear_pointer (&value->string, g_free);
  g_clear_pointer (&value->list, g_ptr_array_unref);
  g_clear_pointer (&value->add, g_ptr_array_unref);
  g_clear_pointer (&value->remove, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Value, value_clear)

static gunichar
peek (Scanner *s)
{
  return *s->p ? g_utf8_get_char (s->p) : 0;
}

static void
advance (Scanner *s)
{
  if (*s->p)
    s->p = g_utf8_next_char (s->p);
}

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x3000;
}

static void
skip_space (Scanner *s)
{
  while (is_space (peek (s)))
    advance (s);
}

static gboolean
syntax_error (Scanner     *s,
              GError     **error,
              const char  *message)
{
  glong column = g_utf8_pointer_to_offset (s->text, s->p) + 1;

  g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_SYNTAX,
               _("%s (at character %ld)"), message, column);
  return FALSE;
}

static gboolean
unsupported (Scanner  *s,
             GError  **error)
{
  glong column = g_utf8_pointer_to_offset (s->text, s->p) + 1;

  g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_UNSUPPORTED,
               _("Only literal values are supported: quoted or plain text, numbers, "
                 "lists (a,b), $true, $false, $null and @{Add=…; Remove=…} "
                 "(at character %ld)"), column);
  return FALSE;
}

static gboolean
read_double_quoted (Scanner  *s,
                    GString  *out,
                    GError  **error)
{
  advance (s);
  for (;;)
    {
      gunichar c = peek (s);

      if (c == 0)
        return syntax_error (s, error, _("A quoted string is not closed"));

      if (_kanri_cmdlet_is_double_quote (c))
        {
          advance (s);
          /* "" inside a double-quoted string is one quote. */
          if (_kanri_cmdlet_is_double_quote (peek (s)))
            {
              g_string_append_unichar (out, peek (s));
              advance (s);
              continue;
            }
          return TRUE;
        }

      if (c == '$')
        {
          const char *next = s->p + 1;

          /* A lone $ before a space or the end stays literal; anything
           * else would be expanded by PowerShell. */
          if (*next != '\0' && !is_space (g_utf8_get_char (next)) && !_kanri_cmdlet_is_double_quote (g_utf8_get_char (next)))
            return unsupported (s, error);
          g_string_append_c (out, '$');
          advance (s);
          continue;
        }

      if (c == '`')
        {
          gunichar e;

          advance (s);
          e = peek (s);
          if (e == 0)
            return syntax_error (s, error, _("A quoted string is not closed"));
          advance (s);
          switch (e)
            {
            case '0':
              return syntax_error (s, error, _("A NUL character (`0) cannot be sent"));
            case 'a': g_string_append_c (out, '\a'); break;
            case 'b': g_string_append_c (out, '\b'); break;
            case 'e': g_string_append_c (out, '\033'); break;
            case 'f': g_string_append_c (out, '\f'); break;
            case 'n': g_string_append_c (out, '\n'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case 't': g_string_append_c (out, '\t'); break;
            case 'v': g_string_append_c (out, '\v'); break;
            case 'u':
              {
                char *end = NULL;
                guint64 code;

                if (*s->p != '{')
                  return syntax_error (s, error, _("`u must be followed by {hex digits}"));
                code = g_ascii_strtoull (s->p + 1, &end, 16);
                if (end == s->p + 1 || *end != '}' || end - (s->p + 1) > 6 ||
                    code == 0 || !g_unichar_validate ((gunichar)code))
                  return syntax_error (s, error, _("`u{…} does not name a valid character"));
                g_string_append_unichar (out, (gunichar)code);
                s->p = end + 1;
              }
              break;
            default:
              g_string_append_unichar (out, e);
              break;
            }
          continue;
        }

      g_string_append_unichar (out, c);
      advance (s);
    }
}

static gboolean
read_single_quoted (Scanner  *s,
                    GString  *out,
                    GError  **error)
{
  advance (s);
  for (;;)
    {
      gunichar c = peek (s);

      if (c == 0)
        return syntax_error (s, error, _("A quoted string is not closed"));

      advance (s);
      if (_kanri_cmdlet_is_single_quote (c))
        {
          /* '' inside a single-quoted string is one quote. */
          if (_kanri_cmdlet_is_single_quote (peek (s)))
            {
              g_string_append_unichar (out, peek (s));
              advance (s);
              continue;
            }
          return TRUE;
        }

      g_string_append_unichar (out, c);
    }
}

static gboolean
ends_bare_word (Scanner  *s,
                gunichar  c)
{
  if (c == 0 || c == ',' || c == ';' || c == '}' || c == ')')
    return TRUE;

  /* On a command line the shell has already split the words. */
  return !s->argv_mode && is_space (c);
}

static gboolean
read_bare_word (Scanner  *s,
                GString  *out,
                GError  **error)
{
  while (!ends_bare_word (s, peek (s)))
    {
      gunichar c = peek (s);

      if (c == '$' || c == '`' || c == '(' || c == '{' || c == '|' || c == '&' ||
          c == '<' || c == '>' || _kanri_cmdlet_is_double_quote (c) || _kanri_cmdlet_is_single_quote (c))
        return unsupported (s, error);

      g_string_append_unichar (out, c);
      advance (s);
    }

  return TRUE;
}

static gboolean
starts_with_ci (const char *p,
                const char *prefix)
{
  return g_ascii_strncasecmp (p, prefix, strlen (prefix)) == 0;
}

static gboolean
is_word_end (char c)
{
  return !g_ascii_isalnum (c) && c != '_';
}

/* One element: a string, a number or a $ constant. */
static gboolean
read_element (Scanner  *s,
              Value    *value,
              GError  **error)
{
  gunichar c = peek (s);
  g_autoptr(GString) text = g_string_new (NULL);

  if (c == '@' || c == '#')
    return unsupported (s, error);

  if (c == '$')
    {
      static const struct { const char *word; KanriCmdletValueType type; gboolean b; } constants[] = {
        { "$true", KANRI_CMDLET_VALUE_BOOL, TRUE },
        { "$false", KANRI_CMDLET_VALUE_BOOL, FALSE },
        { "$null", KANRI_CMDLET_VALUE_NULL, FALSE },
      };

      for (guint i = 0; i < G_N_ELEMENTS (constants); i++)
        {
          gsize len = strlen (constants[i].word);

          if (starts_with_ci (s->p, constants[i].word) && is_word_end (s->p[len]))
            {
              s->p += len;
              value->type = constants[i].type;
              value->boolean = constants[i].b;
              return TRUE;
            }
        }

      return unsupported (s, error);
    }

  if (_kanri_cmdlet_is_double_quote (c))
    {
      if (!read_double_quoted (s, text, error))
        return FALSE;
      value->quoted = TRUE;
    }
  else if (_kanri_cmdlet_is_single_quote (c))
    {
      if (!read_single_quoted (s, text, error))
        return FALSE;
      value->quoted = TRUE;
    }
  else if (c == 0 || ends_bare_word (s, c))
    return syntax_error (s, error, _("A value is missing"));
  else if (!read_bare_word (s, text, error))
    return FALSE;

  value->type = KANRI_CMDLET_VALUE_STRING;
  value->string = g_string_free (g_steal_pointer (&text), FALSE);

  if (!value->quoted)
    {
      const char *p = value->string;
      char *end = NULL;
      gint64 number;

      if (*p == '-' || *p == '+')
        p++;
      if (g_ascii_isdigit (*p))
        {
          errno = 0;
          number = g_ascii_strtoll (value->string, &end, 10);
          if (errno == 0 && end != NULL && *end == '\0')
            {
              value->type = KANRI_CMDLET_VALUE_INT;
              value->integer = number;
            }
        }
    }

  return TRUE;
}

static char *
element_as_string (Value *element)
{
  if (element->type == KANRI_CMDLET_VALUE_STRING)
    return g_steal_pointer (&element->string);
  if (element->type == KANRI_CMDLET_VALUE_INT)
    return g_steal_pointer (&element->string);

  return NULL;
}

/* a,b,"c d" — returns the elements, or one element alone. */
static gboolean
read_list (Scanner    *s,
           Value      *value,
           GError    **error)
{
  g_auto(Value) first = { 0 };

  if (!read_element (s, &first, error))
    return FALSE;

  skip_space (s);
  if (peek (s) != ',')
    {
      *value = first;
      memset (&first, 0, sizeof first);
      return TRUE;
    }

  value->type = KANRI_CMDLET_VALUE_STRING_LIST;
  value->list = g_ptr_array_new_with_free_func (g_free);

  {
    char *item = element_as_string (&first);

    if (item == NULL)
      return syntax_error (s, error, _("$true, $false and $null cannot be list items"));
    g_ptr_array_add (value->list, item);
  }

  while (peek (s) == ',')
    {
      g_auto(Value) element = { 0 };
      char *item;

      advance (s);
      skip_space (s);
      if (!read_element (s, &element, error))
        return FALSE;
      item = element_as_string (&element);
      if (item == NULL)
        return syntax_error (s, error, _("$true, $false and $null cannot be list items"));
      g_ptr_array_add (value->list, item);
      skip_space (s);
    }

  return TRUE;
}

static GPtrArray *
value_to_items (Value *value)
{
  GPtrArray *items;

  if (value->type == KANRI_CMDLET_VALUE_STRING_LIST)
    return g_steal_pointer (&value->list);

  items = g_ptr_array_new_with_free_func (g_free);
  if (value->type == KANRI_CMDLET_VALUE_STRING || value->type == KANRI_CMDLET_VALUE_INT)
    g_ptr_array_add (items, g_steal_pointer (&value->string));

  return items;
}

/* @(a,b) or @() */
static gboolean
read_array (Scanner  *s,
            Value    *value,
            GError  **error)
{
  g_auto(Value) inner = { 0 };

  s->p += 2;
  skip_space (s);
  value->type = KANRI_CMDLET_VALUE_STRING_LIST;

  if (peek (s) == ')')
    {
      advance (s);
      value->list = g_ptr_array_new_with_free_func (g_free);
      return TRUE;
    }

  if (!read_list (s, &inner, error))
    return FALSE;
  if (inner.type == KANRI_CMDLET_VALUE_BOOL || inner.type == KANRI_CMDLET_VALUE_NULL)
    return syntax_error (s, error, _("$true, $false and $null cannot be list items"));

  skip_space (s);
  if (peek (s) != ')')
    return syntax_error (s, error, _("“)” expected"));
  advance (s);

  value->list = value_to_items (&inner);
  return TRUE;
}

/* @{Add="a","b"; Remove="c"} */
static gboolean
read_hashtable (Scanner  *s,
                Value    *value,
                GError  **error)
{
  s->p += 2;
  value->type = KANRI_CMDLET_VALUE_HASHTABLE;

  for (;;)
    {
      g_auto(Value) inner = { 0 };
      GPtrArray **slot;

      while (is_space (peek (s)) || peek (s) == ';')
        advance (s);

      if (peek (s) == '}')
        {
          advance (s);
          break;
        }

      if (starts_with_ci (s->p, "Add") && is_word_end (s->p[3]))
        {
          slot = &value->add;
          s->p += 3;
        }
      else if (starts_with_ci (s->p, "Remove") && is_word_end (s->p[6]))
        {
          slot = &value->remove;
          s->p += 6;
        }
      else if (peek (s) == 0)
        return syntax_error (s, error, _("“}” expected"));
      else
        return syntax_error (s, error, _("Only the keys Add and Remove are supported in @{…}"));

      if (*slot != NULL)
        return syntax_error (s, error, _("A key appears twice in @{…}"));

      skip_space (s);
      if (peek (s) != '=')
        return syntax_error (s, error, _("“=” expected"));
      advance (s);
      skip_space (s);

      if (s->p[0] == '@' && s->p[1] == '(')
        {
          if (!read_array (s, &inner, error))
            return FALSE;
        }
      else if (!read_list (s, &inner, error))
        return FALSE;

      if (inner.type == KANRI_CMDLET_VALUE_BOOL || inner.type == KANRI_CMDLET_VALUE_NULL)
        return syntax_error (s, error, _("$true, $false and $null cannot be list items"));

      *slot = value_to_items (&inner);

      skip_space (s);
      if (peek (s) != ';' && peek (s) != '}' && !is_space (peek (s)))
        return syntax_error (s, error, _("“;” or “}” expected"));
    }

  if ((value->add == NULL || value->add->len == 0) &&
      (value->remove == NULL || value->remove->len == 0))
    return syntax_error (s, error, _("@{…} needs values to Add or Remove"));

  return TRUE;
}

static gboolean
read_value (Scanner  *s,
            Value    *value,
            GError  **error)
{
  if (s->p[0] == '@' && s->p[1] == '{')
    return read_hashtable (s, value, error);
  if (s->p[0] == '@' && s->p[1] == '(')
    return read_array (s, value, error);

  return read_list (s, value, error);
}

static char **
items_to_strv (GPtrArray *items)
{
  if (items == NULL || items->len == 0)
    return NULL;

  g_ptr_array_add (items, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&items), FALSE);
}

/* Gives the parsed value the type the service will read it as
 * (known_parameters), then stores it. */
static gboolean
store_value (KanriCmdlet  *self,
             const char   *parameter,
             Value        *value,
             GError      **error)
{
  ParameterKind kind = _kanri_cmdlet_kind_of (parameter);

  if (value->type == KANRI_CMDLET_VALUE_STRING_LIST)
    g_ptr_array_add (value->list, NULL);

  if (_kanri_cmdlet_is_identity (parameter))
    {
      if (value->type == KANRI_CMDLET_VALUE_NULL)
        {
          g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                       _("-Identity cannot be $null: the service would take it to mean every object"));
          return FALSE;
        }
      if ((value->type == KANRI_CMDLET_VALUE_STRING && value->string[0] == '\0') ||
          (value->type == KANRI_CMDLET_VALUE_STRING_LIST &&
           !_kanri_cmdlet_is_acceptable_identity ((const char *const *)value->list->pdata)))
        {
          g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                       _("-Identity cannot be empty: the service would take it to mean every object"));
          return FALSE;
        }
      if (value->type != KANRI_CMDLET_VALUE_STRING && value->type != KANRI_CMDLET_VALUE_STRING_LIST &&
          value->type != KANRI_CMDLET_VALUE_INT)
        {
          g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                       _("-Identity must name an object"));
          return FALSE;
        }
    }

  switch (value->type)
    {
    case KANRI_CMDLET_VALUE_STRING:
    case KANRI_CMDLET_VALUE_INT:
      if (kind == KIND_LIST)
        {
          const char *values[] = { value->string, NULL };

          kanri_cmdlet_set_string_list (self, parameter, values);
          return TRUE;
        }
      if (kind == KIND_TIME_SPAN)
        {
          GTimeSpan span;

          if (kanri_time_span_parse (value->string, &span))
            {
              kanri_cmdlet_set_time_span (self, parameter, span);
              return TRUE;
            }
        }
      if (value->type == KANRI_CMDLET_VALUE_INT && kind == KIND_ANY)
        kanri_cmdlet_set_int (self, parameter, value->integer);
      else
        kanri_cmdlet_set_string (self, parameter, value->string);
      return TRUE;

    case KANRI_CMDLET_VALUE_STRING_LIST:
      kanri_cmdlet_set_string_list (self, parameter, (const char *const *)value->list->pdata);
      return TRUE;

    case KANRI_CMDLET_VALUE_BOOL:
      kanri_cmdlet_set_bool (self, parameter, value->boolean);
      return TRUE;

    case KANRI_CMDLET_VALUE_HASHTABLE:
      {
        g_auto(GStrv) add = items_to_strv (g_steal_pointer (&value->add));
        g_auto(GStrv) remove = items_to_strv (g_steal_pointer (&value->remove));

        kanri_cmdlet_set_hashtable (self, parameter, (const char *const *)add,
                                    (const char *const *)remove);
      }
      return TRUE;

    case KANRI_CMDLET_VALUE_NULL:
      kanri_cmdlet_set_null (self, parameter);
      return TRUE;

    case KANRI_CMDLET_VALUE_SWITCH:
    case KANRI_CMDLET_VALUE_TIME_SPAN:
    default:
      g_assert_not_reached ();
    }
}

gboolean
_kanri_cmdlet_check_utf8 (const char  *text,
                          GError     **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_SYNTAX,
                   _("The command is not valid UTF-8 text"));
      return FALSE;
    }

  if (strlen (text) > MAX_LINE_LENGTH)
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_TOO_LARGE,
                   _("The command is longer than %d KiB"), MAX_LINE_LENGTH / 1024);
      return FALSE;
    }

  return TRUE;
}

/* -Name, –Name (PowerShell takes the en and em dashes that word processors
 * put in pasted text), -Name:value */
static gboolean
read_parameter_name (Scanner  *s,
                     char    **name,
                     GError  **error)
{
  const char *start;

  advance (s);
  start = s->p;
  while (g_ascii_isalnum (*s->p) || *s->p == '_')
    s->p++;

  if (s->p == start || !g_ascii_isalpha (*start))
    return syntax_error (s, error, _("A parameter name is expected after “-”"));

  *name = g_strndup (start, s->p - start);
  if (!_kanri_cmdlet_is_valid_parameter_name (*name))
    {
      g_clear_pointer (name, g_free);
      return syntax_error (s, error, _("A parameter name is expected after “-”"));
    }

  return TRUE;
}

static gboolean
is_parameter_start (Scanner *s)
{
  const char *next;

  if (!_kanri_cmdlet_is_dash (peek (s)))
    return FALSE;

  next = g_utf8_next_char (s->p);
  return g_ascii_isalpha (*next);
}

/* The parameter a value without a name binds to: position 1 is Name for
 * the New- cmdlets Kanri uses and Identity for the others. */
static const char *
positional_parameter (const char *cmdlet)
{
  return g_ascii_strncasecmp (cmdlet, "New-", 4) == 0 ? "Name" : "Identity";
}

static gboolean
check_duplicate (KanriCmdlet  *self,
                 const char   *name,
                 GError      **error)
{
  if (_kanri_cmdlet_find_parameter (self, name) != NULL)
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                   _("The parameter -%s is given more than once"), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_arguments (KanriCmdlet  *self,
                 Scanner      *s,
                 GError      **error)
{
  gboolean positional_used = FALSE;

  for (;;)
    {
      g_autofree char *name = NULL;
      g_auto(Value) value = { 0 };

      skip_space (s);
      if (peek (s) == 0)
        return TRUE;

      if (is_parameter_start (s))
        {
          if (!read_parameter_name (s, &name, error) || !check_duplicate (self, name, error))
            return FALSE;

          if (peek (s) == ':')
            {
              advance (s);
              if (!read_value (s, &value, error))
                return FALSE;
              /* -Switch:$true / -Switch:$false */
              if (value.type == KANRI_CMDLET_VALUE_BOOL)
                {
                  kanri_cmdlet_set_switch (self, name, value.boolean);
                  continue;
                }
              if (!store_value (self, name, &value, error))
                return FALSE;
              continue;
            }

          if (!is_space (peek (s)) && peek (s) != 0)
            return syntax_error (s, error, _("A space is expected after the parameter name"));

          skip_space (s);
          if (peek (s) == 0 || is_parameter_start (s))
            {
              if (_kanri_cmdlet_is_identity (name))
                {
                  g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                               _("-Identity needs a value"));
                  return FALSE;
                }
              kanri_cmdlet_set_switch (self, name, TRUE);
              continue;
            }
        }
      else
        {
          if (_kanri_cmdlet_is_dash (peek (s)) && !g_ascii_isdigit (*g_utf8_next_char (s->p)))
            return syntax_error (s, error, _("A parameter name is expected after “-”"));
          name = g_strdup (positional_parameter (self->name));
          if (positional_used || _kanri_cmdlet_find_parameter (self, name) != NULL)
            return syntax_error (s, error, _("This value has no parameter name"));
          positional_used = TRUE;
        }

      if (!read_value (s, &value, error) || !store_value (self, name, &value, error))
        return FALSE;

    }
}

/**
 * kanri_cmdlet_parse:
 * @line: one PowerShell command: `Set-Mailbox -Identity "a" -AuditOwner @{Add="Send"}`
 *
 * Reads the PowerShell that kanri_cmdlet_to_powershell() writes, and the
 * literal forms people type: single or double quotes (typographic ones
 * too), backtick escapes, lists, `$true`/`$false`/`$null`, `@()`,
 * `@{Add=…; Remove=…}`, `-Switch`, `-Switch:$false` and one positional
 * Identity (Name for New- cmdlets). Variables, subexpressions and
 * pipelines are refused: what runs must be what is shown.
 *
 * Returns: (transfer full) (nullable): the cmdlet, or %NULL with @error set
 */
KanriCmdlet *
kanri_cmdlet_parse (const char  *line,
                    GError     **error)
{
  g_autoptr(KanriCmdlet) self = NULL;
  Scanner s = { 0 };
  const char *start;
  g_autofree char *name = NULL;

  g_return_val_if_fail (line != NULL, NULL);

  if (!_kanri_cmdlet_check_utf8 (line, error))
    return NULL;

  s.text = s.p = line;
  skip_space (&s);
  start = s.p;
  while (*s.p && !is_space (g_utf8_get_char (s.p)))
    s.p = g_utf8_next_char (s.p);

  name = g_strndup (start, s.p - start);
  if (!_kanri_cmdlet_is_valid_cmdlet_name (name))
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_SYNTAX,
                   _("“%s” is not a cmdlet name (Verb-Noun)"), name);
      return NULL;
    }

  self = kanri_cmdlet_new (name);
  if (!parse_arguments (self, &s, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * kanri_cmdlet_parse_argv:
 * @name: the cmdlet name
 * @args: (array zero-terminated=1): the words after it on a command line,
 *   as the shell split them: `-Identity`, `Taro Yamada`, `-AuditOwner`,
 *   `@{Add="Send"}`
 *
 * Like kanri_cmdlet_parse(), but each word is one parameter name or one
 * value, so a value may contain spaces without quotes.
 *
 * Returns: (transfer full) (nullable): the cmdlet, or %NULL with @error set
 */
KanriCmdlet *
kanri_cmdlet_parse_argv (const char         *name,
                         const char *const  *args,
                         GError            **error)
{
  g_autoptr(KanriCmdlet) self = NULL;
  gboolean positional_used = FALSE;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (args != NULL, NULL);

  if (!_kanri_cmdlet_check_utf8 (name, error))
    return NULL;

  if (!_kanri_cmdlet_is_valid_cmdlet_name (name))
    {
      g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_SYNTAX,
                   _("“%s” is not a cmdlet name (Verb-Noun)"), name);
      return NULL;
    }

  self = kanri_cmdlet_new (name);

  for (guint i = 0; args[i] != NULL; i++)
    {
      Scanner s = { 0 };
      g_autofree char *param = NULL;
      g_auto(Value) value = { 0 };

      if (!_kanri_cmdlet_check_utf8 (args[i], error))
        return NULL;

      s.text = s.p = args[i];
      s.argv_mode = TRUE;

      if (is_parameter_start (&s))
        {
          if (!read_parameter_name (&s, &param, error) || !check_duplicate (self, param, error))
            return NULL;

          if (peek (&s) == ':')
            {
              advance (&s);
              if (!read_value (&s, &value, error))
                return NULL;
              if (peek (&s) != 0)
                {
                  unsupported (&s, error);
                  return NULL;
                }
              if (value.type == KANRI_CMDLET_VALUE_BOOL)
                kanri_cmdlet_set_switch (self, param, value.boolean);
              else if (!store_value (self, param, &value, error))
                return NULL;
              continue;
            }

          if (peek (&s) != 0)
            {
              syntax_error (&s, error, _("A parameter name is expected after “-”"));
              return NULL;
            }

          if (args[i + 1] == NULL || (_kanri_cmdlet_is_dash (g_utf8_get_char (args[i + 1])) &&
                                      g_ascii_isalpha (*g_utf8_next_char (args[i + 1]))))
            {
              if (_kanri_cmdlet_is_identity (param))
                {
                  g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID,
                               _("-Identity needs a value"));
                  return NULL;
                }
              kanri_cmdlet_set_switch (self, param, TRUE);
              continue;
            }

          i++;
          if (!_kanri_cmdlet_check_utf8 (args[i], error))
            return NULL;
          s.text = s.p = args[i];
        }
      else
        {
          param = g_strdup (positional_parameter (name));
          if (positional_used || _kanri_cmdlet_find_parameter (self, param) != NULL)
            {
              g_set_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_SYNTAX,
                           _("“%s” has no parameter name"), args[i]);
              return NULL;
            }
          positional_used = TRUE;
        }

      if (!read_value (&s, &value, error))
        return NULL;
      skip_space (&s);
      if (peek (&s) != 0)
        {
          unsupported (&s, error);
          return NULL;
        }
      if (!store_value (self, param, &value, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

