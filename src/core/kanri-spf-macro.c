/* kanri-spf-macro.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-spf-macro"

#include "config.h"

#include <arpa/inet.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-spf-macro.h"

/* RFC 7208 §7.3: implementations must support at least 127 parts. */
#define MAX_PARTS 128

G_DEFINE_QUARK (kanri-spf-error-quark, kanri_spf_error)

typedef struct
{
  char     letter;
  gboolean url_escape;
  guint    keep;
  gboolean reverse;
  char     delimiters[8];
} Macro;

static gboolean
syntax_error (GError     **error,
              gsize        position,
              const char  *reason)
{
  /* Positions count from 1, as people read the record. */
  g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
               _("Macro error at character %u: %s"), (guint) MIN (position + 1, G_MAXUINT), reason);
  return FALSE;
}

static gboolean
letter_allowed (char              letter,
                KanriSpfMacroMode mode)
{
  /* RFC 7208 §7.1: c, r and t only in explanation text. */
  if (letter == '\0')
    return FALSE;
  if (strchr ("slodiphv", letter) != NULL)
    return TRUE;
  return mode == KANRI_SPF_MACRO_EXPLANATION && strchr ("crt", letter) != NULL;
}

/* Parses "%{" letter *DIGIT ["r"] *delimiter "}" starting at @spec[*i]. */
static gboolean
parse_macro (const char         *spec,
             gsize               length,
             gsize              *i,
             KanriSpfMacroMode   mode,
             Macro              *macro,
             GError            **error)
{
  gsize start = *i;
  gsize j = start + 2;
  guint n_delimiters = 0;
  gboolean digits = FALSE;
  guint64 keep = 0;
  char letter;

  memset (macro, 0, sizeof *macro);

  if (j >= length)
    return syntax_error (error, start, _("“%{” is not closed"));

  letter = g_ascii_tolower (spec[j]);
  if (!letter_allowed (letter, mode))
    {
      g_autofree char *reason = NULL;

      if (letter != '\0' && strchr ("crt", letter) != NULL)
        reason = g_strdup_printf (_("the macro letter “%c” is allowed only in explanation text"),
                                  spec[j]);
      else if (g_ascii_isprint (spec[j]))
        reason = g_strdup_printf (_("“%c” is not a macro letter"), spec[j]);
      else
        reason = g_strdup_printf (_("byte 0x%02X is not a macro letter"), (guint8) spec[j]);
      return syntax_error (error, j, reason);
    }
  macro->letter = letter;
  macro->url_escape = g_ascii_isupper (spec[j]);
  j++;

  while (j < length && g_ascii_isdigit (spec[j]))
    {
      digits = TRUE;
      keep = MIN (keep * 10 + (spec[j] - '0'), G_MAXUINT32);
      j++;
    }
  if (digits && keep == 0)
    return syntax_error (error, j - 1, _("the number of parts to keep must not be zero"));
  macro->keep = digits ? MIN (keep, MAX_PARTS) : 0;

  if (j < length && (spec[j] == 'r' || spec[j] == 'R'))
    {
      macro->reverse = TRUE;
      j++;
    }

  while (j < length && spec[j] != '\0' && strchr (".-+,/_=", spec[j]) != NULL)
    {
      if (n_delimiters < sizeof macro->delimiters - 1 &&
          strchr (macro->delimiters, spec[j]) == NULL)
        macro->delimiters[n_delimiters++] = spec[j];
      j++;
    }

  if (j >= length)
    return syntax_error (error, start, _("“%{” is not closed"));
  if (spec[j] != '}')
    {
      g_autofree char *reason = NULL;

      if (g_ascii_isprint (spec[j]))
        reason = g_strdup_printf (_("unexpected “%c” in a macro"), spec[j]);
      else
        reason = g_strdup_printf (_("unexpected byte 0x%02X in a macro"), (guint8) spec[j]);
      return syntax_error (error, j, reason);
    }

  *i = j + 1;
  return TRUE;
}

static char *
ip_dotted (const guint8 *bytes,
           gboolean      ipv6)
{
  static const char hex[] = "0123456789ABCDEF";
  char dotted[64];
  char *p = dotted;

  if (!ipv6)
    return g_strdup_printf ("%u.%u.%u.%u", bytes[0], bytes[1], bytes[2], bytes[3]);

  /* RFC 7208 §7.3: IPv6 as dot-separated nibbles; its examples write them
   * in upper case, as the test suite expects. */
  for (guint i = 0; i < 16; i++)
    {
      *p++ = hex[bytes[i] >> 4];
      *p++ = '.';
      *p++ = hex[bytes[i] & 0xf];
      *p++ = '.';
    }
  p[-1] = '\0';
  return g_strdup (dotted);
}

static char *
ip_readable (const guint8 *bytes,
             gboolean      ipv6)
{
  char text[INET6_ADDRSTRLEN];

  /* RFC 7208 §7.3: %{c} is the address as people write it (RFC 5952). */
  inet_ntop (ipv6 ? AF_INET6 : AF_INET, bytes, text, sizeof text);
  return g_strdup (text);
}

static char *
macro_value (char                        letter,
             const KanriSpfMacroContext *context)
{
  const char *value = NULL;

  switch (letter)
    {
    case 's':
      value = context->sender;
      break;
    case 'l':
      value = context->local_part;
      break;
    case 'o':
      value = context->sender_domain;
      break;
    case 'd':
      value = context->domain;
      break;
    case 'h':
      value = context->helo;
      break;
    case 'r':
      value = context->receiver != NULL ? context->receiver : "unknown";
      break;
    case 'p':
      if (context->validated_name != NULL)
        value = context->validated_name (context->user_data);
      if (value == NULL)
        value = "unknown";
      break;
    case 't':
      return g_strdup_printf ("%" G_GINT64_FORMAT, context->timestamp);
    case 'i':
      return context->ip != NULL ? ip_dotted (context->ip, context->ipv6) : g_strdup ("");
    case 'c':
      return context->ip != NULL ? ip_readable (context->ip, context->ipv6) : g_strdup ("");
    case 'v':
      return g_strdup (context->ip != NULL && context->ipv6 ? "ip6" : "in-addr");
    default:
      g_assert_not_reached ();
    }

  return g_strdup (value != NULL ? value : "");
}

typedef struct
{
  const char *start;
  gsize       length;
} Part;

static void
append_transformed (GString     *out,
                    const char  *value,
                    const Macro *macro)
{
  const char *delimiters = macro->delimiters[0] != '\0' ? macro->delimiters : ".";
  g_autoptr(GArray) parts = NULL;
  const char *p = value;
  guint first;
  guint count;

  if (macro->keep == 0 && !macro->reverse && g_str_equal (delimiters, "."))
    {
      g_string_append (out, value);
      return;
    }

  /* RFC 7208 §7.3: split on the delimiters, optionally reverse, keep the
   * right-most parts, join with dots. */
  parts = g_array_new (FALSE, FALSE, sizeof (Part));
  for (;;)
    {
      Part part = { p, strcspn (p, delimiters) };

      g_array_append_val (parts, part);
      if (p[part.length] == '\0')
        break;
      p += part.length + 1;
    }

  if (macro->reverse)
    {
      for (guint i = 0; i < parts->len / 2; i++)
        {
          Part part = g_array_index (parts, Part, i);

          g_array_index (parts, Part, i) = g_array_index (parts, Part, parts->len - 1 - i);
          g_array_index (parts, Part, parts->len - 1 - i) = part;
        }
    }

  count = macro->keep != 0 ? MIN (macro->keep, parts->len) : parts->len;
  first = parts->len - count;
  for (guint i = first; i < parts->len; i++)
    {
      const Part *part = &g_array_index (parts, Part, i);

      if (i > first)
        g_string_append_c (out, '.');
      g_string_append_len (out, part->start, part->length);
    }
}

static void
url_escape_tail (GString *out,
                 gsize    from)
{
  g_autofree char *tail = g_strdup (out->str + from);

  /* RFC 7208 §7.3: upper-case letters URL-escape all but the unreserved
   * characters of RFC 3986. */
  g_string_truncate (out, from);
  for (const char *p = tail; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~", *p) != NULL)
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", (guint8) *p);
    }
}

static gboolean
walk (const char                 *spec,
      gsize                       length,
      KanriSpfMacroMode           mode,
      const KanriSpfMacroContext *context,
      GString                    *out,
      GError                    **error)
{
  gsize i = 0;

  while (i < length)
    {
      guchar c = spec[i];
      Macro macro;

      if (c != '%')
        {
          if ((c < 0x21 || c > 0x7e) && !(c == ' ' && mode == KANRI_SPF_MACRO_EXPLANATION))
            {
              g_autofree char *reason =
                g_strdup_printf (_("byte 0x%02X is not allowed (only visible ASCII characters are)"), c);
              return syntax_error (error, i, reason);
            }
          if (out != NULL)
            g_string_append_c (out, c);
          i++;
        }
      else if (i + 1 >= length)
        {
          return syntax_error (error, i, _("a “%” must be followed by “{”, “%”, “_” or “-”"));
        }
      else if (spec[i + 1] == '{')
        {
          gsize from = out != NULL ? out->len : 0;

          if (!parse_macro (spec, length, &i, mode, &macro, error))
            return FALSE;
          if (out != NULL)
            {
              g_autofree char *value = macro_value (macro.letter, context);

              append_transformed (out, value, &macro);
              if (macro.url_escape)
                url_escape_tail (out, from);
            }
        }
      else
        {
          const char *replacement;

          switch (spec[i + 1])
            {
            case '%':
              replacement = "%";
              break;
            case '_':
              replacement = " ";
              break;
            case '-':
              replacement = "%20";
              break;
            default:
              return syntax_error (error, i, _("a “%” must be followed by “{”, “%”, “_” or “-”"));
            }
          if (out != NULL)
            g_string_append (out, replacement);
          i += 2;
        }

      if (out != NULL && out->len > KANRI_SPF_MACRO_MAX_OUTPUT)
        {
          g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_TOO_LONG,
                       _("The macro expansion is longer than %d characters"),
                       KANRI_SPF_MACRO_MAX_OUTPUT);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * kanri_spf_macro_check:
 * @spec: a macro-string (RFC 7208 §7.1)
 * @length: the length of @spec, or -1 if it is nul-terminated
 * @mode: where the string appears
 * @error: return location for a %KANRI_SPF_ERROR_SYNTAX error
 *
 * Checks the syntax of @spec without expanding it.
 *
 * Returns: whether @spec is valid
 */
gboolean
kanri_spf_macro_check (const char         *spec,
                       gssize              length,
                       KanriSpfMacroMode   mode,
                       GError            **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  return walk (spec, length < 0 ? strlen (spec) : (gsize) length, mode, NULL, NULL, error);
}

/**
 * kanri_spf_macro_expand:
 * @spec: a macro-string (RFC 7208 §7.1)
 * @context: the values of the macro letters
 * @mode: where the string appears
 * @error: return location for a #KANRI_SPF_ERROR
 *
 * Returns: (transfer full) (nullable): the expansion, or %NULL with @error set
 */
char *
kanri_spf_macro_expand (const char                 *spec,
                        const KanriSpfMacroContext *context,
                        KanriSpfMacroMode           mode,
                        GError                    **error)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);

  out = g_string_new (NULL);
  if (!walk (spec, strlen (spec), mode, context, out, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
