/* kanri-spf-record.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-spf-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-spf-record.h"

/* The record parser of RFC 7208 §4.6.1 and §12 (the ABNF). Every syntax
 * error anywhere in the record makes it a permerror (§4.6), so the whole
 * record is checked before anything is evaluated. */

static const char *result_names[] = {
  "none", "neutral", "pass", "fail", "softfail", "temperror", "permerror",
};

const char *
kanri_spf_result_to_string (KanriSpfResult result)
{
  g_return_val_if_fail (result < G_N_ELEMENTS (result_names), "permerror");

  return result_names[result];
}

gboolean
kanri_spf_result_from_string (const char     *text,
                              KanriSpfResult *result)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (result_names); i++)
    {
      if (g_ascii_strcasecmp (text, result_names[i]) == 0)
        {
          if (result != NULL)
            *result = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * kanri_spf_record_is_spf:
 * @text: the text of a TXT record
 * @length: the length of @text, or -1 if it is nul-terminated
 *
 * Whether @text is an SPF record: "v=spf1" in any case, then a space or the
 * end (RFC 7208 §4.5). A TXT record may hold NUL octets, and "v=spf1"
 * followed by one is not an SPF record.
 */
gboolean
kanri_spf_record_is_spf (const char *text,
                         gssize      length)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (length < 0)
    length = strlen (text);
  return length >= 6 && g_ascii_strncasecmp (text, "v=spf1", 6) == 0 &&
         (length == 6 || text[6] == ' ');
}

/**
 * kanri_spf_text_shown:
 * @text: the text of a TXT record or of a term
 * @length: the length of @text, or -1 if it is nul-terminated
 *
 * Returns: (transfer full): @text as people can read it: valid UTF-8, with
 *   each NUL octet written "\0" rather than ending it
 */
char *
kanri_spf_text_shown (const char *text,
                      gssize      length)
{
  g_autoptr(GString) shown = NULL;
  const char *end;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);
  end = text + length;
  shown = g_string_sized_new (length);
  for (p = text; p < end; p++)
    {
      if (*p == '\0')
        g_string_append (shown, "\\0");
      else
        g_string_append_c (shown, *p);
    }
  return g_utf8_make_valid (shown->str, shown->len);
}

static void
term_free (KanriSpfTerm *term)
{
  g_free (term->text);
  g_free (term->domain_spec);
  g_free (term->modifier_name);
  g_free (term);
}

void
kanri_spf_record_free (KanriSpfRecord *record)
{
  if (record == NULL)
    return;

  g_ptr_array_unref (record->terms);
  g_free (record);
}

gboolean
kanri_spf_term_uses_dns (const KanriSpfTerm *term)
{
  g_return_val_if_fail (term != NULL, FALSE);

  /* RFC 7208 §4.6.4: the terms that count against the 10-lookup limit. */
  switch (term->kind)
    {
    case KANRI_SPF_TERM_INCLUDE:
    case KANRI_SPF_TERM_A:
    case KANRI_SPF_TERM_MX:
    case KANRI_SPF_TERM_PTR:
    case KANRI_SPF_TERM_EXISTS:
    case KANRI_SPF_TERM_REDIRECT:
      return TRUE;
    case KANRI_SPF_TERM_ALL:
    case KANRI_SPF_TERM_IP4:
    case KANRI_SPF_TERM_IP6:
    case KANRI_SPF_TERM_EXP:
    case KANRI_SPF_TERM_UNKNOWN_MODIFIER:
    default:
      return FALSE;
    }
}

static gboolean
toplabel_is_valid (const char *label,
                   gsize       length)
{
  gboolean alpha = FALSE;
  gboolean dash = FALSE;

  /* RFC 7208 §7.1: toplabel = ( *alphanum ALPHA *alphanum ) /
   * ( 1*alphanum "-" *( alphanum / "-" ) alphanum ). */
  if (length == 0 || !g_ascii_isalnum (label[0]) || !g_ascii_isalnum (label[length - 1]))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (label[i] == '-')
        dash = TRUE;
      else if (g_ascii_isalpha (label[i]))
        alpha = TRUE;
      else if (!g_ascii_isdigit (label[i]))
        return FALSE;
    }

  return alpha || dash;
}

/* Where the last macro-expand of @spec ends, or 0 if there is none. */
static gsize
last_macro_end (const char *spec,
                gsize       length)
{
  gsize end = 0;
  gsize i = 0;

  while (i < length)
    {
      if (spec[i] != '%' || i + 1 >= length)
        {
          i++;
          continue;
        }
      if (spec[i + 1] == '{')
        {
          const char *close = memchr (spec + i, '}', length - i);

          if (close == NULL)
            break;
          i = close - spec + 1;
          end = i;
          continue;
        }
      i += 2;
    }

  return end;
}

/**
 * kanri_spf_domain_spec_check:
 * @spec: a domain-spec
 * @error: return location for a %KANRI_SPF_ERROR_SYNTAX error
 *
 * Checks @spec against RFC 7208 §7.1: a valid macro-string that ends with a
 * macro or with a dot and a top-level label (a trailing dot is allowed).
 */
gboolean
kanri_spf_domain_spec_check (const char  *spec,
                             GError     **error)
{
  const char *dot;
  gsize length;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (*spec == '\0')
    {
      g_set_error_literal (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                           _("the domain is empty"));
      return FALSE;
    }

  if (!kanri_spf_macro_check (spec, -1, KANRI_SPF_MACRO_DOMAIN, error))
    return FALSE;

  length = strlen (spec);
  if (last_macro_end (spec, length) == length)
    return TRUE;
  if (spec[length - 1] == '.')
    length--;
  if (length > 0 && last_macro_end (spec, length) == length)
    return TRUE;

  dot = g_strrstr_len (spec, length, ".");
  if (dot == NULL || !toplabel_is_valid (dot + 1, spec + length - (dot + 1)))
    {
      g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                   _("“%s” does not end with a dot and a valid top-level label "
                     "(letters, digits and inner hyphens, not all digits)"), spec);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_cidr (const char  *digits,
            gsize        length,
            guint        max,
            guint       *value,
            GError     **error)
{
  guint64 number = 0;

  /* RFC 7208 §5.6: 1*DIGIT; leading zeros are refused as in ip4-network,
   * as the test suite's cidr4-032 expects. */
  if (length == 0 || length > 3 || (length > 1 && digits[0] == '0'))
    goto bad;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (digits[i]))
        goto bad;
      number = number * 10 + (digits[i] - '0');
    }
  if (number > max)
    goto bad;

  *value = number;
  return TRUE;

bad:
  {
    g_autofree char *text = g_strndup (digits, length);

    g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                 _("“/%s” is not a prefix length from 0 to %u"), text, max);
  }
  return FALSE;
}

static gboolean
all_digits (const char *text,
            gsize       length)
{
  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

/* Splits a trailing dual-cidr-length ("/24", "//64", "/24//64") off @arg
 * for a and mx; returns the length of what precedes it. */
static gboolean
split_dual_cidr (const char    *arg,
                 gsize         *domain_length,
                 KanriSpfTerm  *term,
                 GError       **error)
{
  gsize length = strlen (arg);
  const char *slash;

  slash = g_strrstr_len (arg, length, "/");
  if (slash != NULL && slash > arg && slash[-1] == '/' &&
      all_digits (slash + 1, arg + length - (slash + 1)))
    {
      if (!parse_cidr (slash + 1, arg + length - (slash + 1), 128, &term->cidr6, error))
        return FALSE;
      length = slash - 1 - arg;
    }

  slash = g_strrstr_len (arg, length, "/");
  if (slash != NULL && all_digits (slash + 1, arg + length - (slash + 1)))
    {
      if (!parse_cidr (slash + 1, arg + length - (slash + 1), 32, &term->cidr4, error))
        return FALSE;
      length = slash - arg;
    }

  *domain_length = length;
  return TRUE;
}

static gboolean
parse_ip4 (const char *text,
           gsize       length,
           guint8     *bytes)
{
  gsize i = 0;

  /* RFC 7208 §5.6: ip4-network is four qnum, each 0-255 with no leading
   * zero; abbreviated forms such as "1.2.3" are refused (§5.6/4). */
  for (guint octet = 0; octet < 4; octet++)
    {
      guint value = 0;
      gsize start = i;

      while (i < length && g_ascii_isdigit (text[i]) && i - start < 3)
        value = value * 10 + (text[i++] - '0');
      if (i == start || value > 255 || (i - start > 1 && text[start] == '0'))
        return FALSE;
      bytes[octet] = value;
      if (octet < 3)
        {
          if (i >= length || text[i] != '.')
            return FALSE;
          i++;
        }
    }

  return i == length;
}

static gboolean
parse_ip_mechanism (KanriSpfTerm  *term,
                    const char    *tail,
                    GError       **error)
{
  gboolean ip6 = term->kind == KANRI_SPF_TERM_IP6;
  gsize length;
  const char *slash;
  g_autofree char *address_text = NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (tail[0] != ':' || tail[1] == '\0')
    {
      g_set_error_literal (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                           ip6 ? _("ip6 needs an address, as in “ip6:2001:db8::/32”")
                               : _("ip4 needs an address, as in “ip4:192.0.2.0/24”"));
      return FALSE;
    }

  tail++;
  length = strlen (tail);
  slash = strrchr (tail, '/');
  if (slash != NULL)
    {
      if (!parse_cidr (slash + 1, strlen (slash + 1), ip6 ? 128 : 32,
                       ip6 ? &term->cidr6 : &term->cidr4, error))
        return FALSE;
      length = slash - tail;
    }

  address_text = g_strndup (tail, length);
  if (!ip6)
    {
      if (parse_ip4 (tail, length, term->network))
        return TRUE;
      g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                   _("“%s” is not an IPv4 address"), address_text);
      return FALSE;
    }

  if (strchr (address_text, '%') == NULL)
    address = g_inet_address_new_from_string (address_text);
  if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
    {
      g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                   _("“%s” is not an IPv6 address"), address_text);
      return FALSE;
    }

  memcpy (term->network, g_inet_address_to_bytes (address), 16);
  return TRUE;
}

static gboolean
parse_domain_mechanism (KanriSpfTerm  *term,
                        const char    *name,
                        const char    *tail,
                        gboolean       required,
                        gboolean       dual_cidr,
                        GError       **error)
{
  gsize length;

  if (tail[0] == ':')
    {
      tail++;
      length = strlen (tail);
      if (dual_cidr && !split_dual_cidr (tail, &length, term, error))
        return FALSE;
      term->domain_spec = g_strndup (tail, length);
      return kanri_spf_domain_spec_check (term->domain_spec, error);
    }

  if (required)
    {
      g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                   _("%s needs a domain, as in “%s:example.com”"), name, name);
      return FALSE;
    }

  if (tail[0] == '\0')
    return TRUE;

  if (dual_cidr && tail[0] == '/')
    {
      if (!split_dual_cidr (tail, &length, term, error))
        return FALSE;
      if (length == 0)
        return TRUE;
    }

  g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
               _("unexpected “%s” after %s"), tail, name);
  return FALSE;
}

static gboolean
parse_mechanism (KanriSpfTerm  *term,
                 const char    *name,
                 const char    *tail,
                 GError       **error)
{
  if (g_ascii_strcasecmp (name, "all") == 0)
    {
      term->kind = KANRI_SPF_TERM_ALL;
      if (*tail == '\0')
        return TRUE;
      g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                   _("unexpected “%s” after all"), tail);
      return FALSE;
    }
  if (g_ascii_strcasecmp (name, "include") == 0)
    {
      term->kind = KANRI_SPF_TERM_INCLUDE;
      return parse_domain_mechanism (term, "include", tail, TRUE, FALSE, error);
    }
  if (g_ascii_strcasecmp (name, "exists") == 0)
    {
      term->kind = KANRI_SPF_TERM_EXISTS;
      return parse_domain_mechanism (term, "exists", tail, TRUE, FALSE, error);
    }
  if (g_ascii_strcasecmp (name, "a") == 0)
    {
      term->kind = KANRI_SPF_TERM_A;
      return parse_domain_mechanism (term, "a", tail, FALSE, TRUE, error);
    }
  if (g_ascii_strcasecmp (name, "mx") == 0)
    {
      term->kind = KANRI_SPF_TERM_MX;
      return parse_domain_mechanism (term, "mx", tail, FALSE, TRUE, error);
    }
  if (g_ascii_strcasecmp (name, "ptr") == 0)
    {
      term->kind = KANRI_SPF_TERM_PTR;
      return parse_domain_mechanism (term, "ptr", tail, FALSE, FALSE, error);
    }
  if (g_ascii_strcasecmp (name, "ip4") == 0)
    {
      term->kind = KANRI_SPF_TERM_IP4;
      return parse_ip_mechanism (term, tail, error);
    }
  if (g_ascii_strcasecmp (name, "ip6") == 0)
    {
      term->kind = KANRI_SPF_TERM_IP6;
      return parse_ip_mechanism (term, tail, error);
    }

  g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
               _("“%s” is not a mechanism"), name);
  return FALSE;
}

static gboolean
modifier_name_is_valid (const char *name)
{
  /* RFC 7208 §12: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) */
  if (!g_ascii_isalpha (name[0]))
    return FALSE;
  for (const char *p = name + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("-_.", *p) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_modifier (KanriSpfRecord  *record,
                KanriSpfTerm    *term,
                const char      *name,
                const char      *value,
                gboolean         qualified,
                GError         **error)
{
  gboolean redirect = g_ascii_strcasecmp (name, "redirect") == 0;
  gboolean exp = g_ascii_strcasecmp (name, "exp") == 0;

  if (!modifier_name_is_valid (name))
    {
      g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                   _("“%s” is not a valid modifier name (a letter, then letters, digits, "
                     "“-”, “_” or “.”)"), name);
      return FALSE;
    }
  if (qualified)
    {
      g_set_error_literal (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                           _("a modifier cannot have a qualifier"));
      return FALSE;
    }

  if (!redirect && !exp)
    {
      term->kind = KANRI_SPF_TERM_UNKNOWN_MODIFIER;
      term->modifier_name = g_strdup (name);
      term->domain_spec = g_strdup (value);
      /* RFC 7208 §6: an unknown modifier is ignored, but its value is a
       * macro-string (§12), and c, r and t belong only in explanation text
       * (§7.2). Being a syntax error, that makes the whole record a
       * permerror before any term is evaluated (§4.6). */
      return kanri_spf_macro_check (value, -1, KANRI_SPF_MACRO_DOMAIN, error);
    }

  /* RFC 7208 §6: each of them at most once. */
  if ((redirect && record->redirect != NULL) || (exp && record->exp != NULL))
    {
      g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                   _("%s= appears more than once"), redirect ? "redirect" : "exp");
      return FALSE;
    }

  term->kind = redirect ? KANRI_SPF_TERM_REDIRECT : KANRI_SPF_TERM_EXP;
  term->domain_spec = g_strdup (value);
  if (redirect)
    record->redirect = term;
  else
    record->exp = term;

  return kanri_spf_domain_spec_check (value, error);
}

/* RFC 7208 §12: a term is visible ASCII; a NUL octet is refused here like
 * any other byte, before anything reads the term as a C string. */
static gboolean
check_characters (const char  *text,
                  gsize        length,
                  GError     **error)
{
  for (gsize i = 0; i < length; i++)
    {
      if ((guchar) text[i] < 0x21 || (guchar) text[i] > 0x7e)
        {
          g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                       _("byte 0x%02X is not allowed (only visible ASCII characters are)"),
                       (guchar) text[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_term (KanriSpfRecord  *record,
            KanriSpfTerm    *term,
            gsize            length,
            GError         **error)
{
  const char *text = term->text;
  g_autofree char *long_name = NULL;
  char short_name[16];
  const char *name;
  gsize name_length;
  gboolean qualified = FALSE;

  if (!check_characters (text, length, error))
    return FALSE;

  term->qualifier = KANRI_SPF_RESULT_PASS;
  switch (text[0])
    {
    case '+':
      qualified = TRUE;
      break;
    case '-':
      term->qualifier = KANRI_SPF_RESULT_FAIL;
      qualified = TRUE;
      break;
    case '~':
      term->qualifier = KANRI_SPF_RESULT_SOFTFAIL;
      qualified = TRUE;
      break;
    case '?':
      term->qualifier = KANRI_SPF_RESULT_NEUTRAL;
      qualified = TRUE;
      break;
    default:
      break;
    }
  if (qualified)
    text++;

  /* Names are short: most terms need no allocation for theirs. */
  name_length = strcspn (text, ":/=");
  if (name_length < sizeof short_name)
    {
      memcpy (short_name, text, name_length);
      short_name[name_length] = '\0';
      name = short_name;
    }
  else
    {
      name = long_name = g_strndup (text, name_length);
    }

  if (text[name_length] == '=')
    return parse_modifier (record, term, name, text + name_length + 1, qualified, error);

  return parse_mechanism (term, name, text + name_length, error);
}

/**
 * kanri_spf_record_parse:
 * @text: an SPF record ("v=spf1 …")
 * @length: the length of @text, or -1 if it is nul-terminated; a record
 *   from DNS may hold NUL octets, which make it invalid
 * @error: return location for a #KANRI_SPF_ERROR
 *
 * Parses and checks a whole record. The error message names the term at
 * fault and why.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with @error set
 */
KanriSpfRecord *
kanri_spf_record_parse (const char  *text,
                        gssize       length,
                        GError     **error)
{
  g_autoptr(KanriSpfRecord) record = NULL;
  const char *end;
  const char *p;
  guint index = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);
  if (length > KANRI_SPF_RECORD_MAX_LENGTH)
    {
      g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_TOO_LONG,
                   _("The record is longer than %d characters"), KANRI_SPF_RECORD_MAX_LENGTH);
      return NULL;
    }
  if (!kanri_spf_record_is_spf (text, length))
    {
      g_set_error_literal (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_SYNTAX,
                           _("The record does not begin with “v=spf1”"));
      return NULL;
    }

  record = g_new0 (KanriSpfRecord, 1);
  record->terms = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);

  /* RFC 7208 §4.6.1: terms are separated by one or more spaces, nothing
   * else; trailing spaces are allowed (§12, record = version terms *SP). */
  end = text + length;
  p = text + 6;
  for (;;)
    {
      g_autoptr(GError) term_error = NULL;
      const char *space;
      KanriSpfTerm *term;
      gsize term_length;

      while (p < end && *p == ' ')
        p++;
      if (p == end)
        break;

      space = memchr (p, ' ', end - p);
      term_length = (space != NULL ? space : end) - p;
      term = g_new0 (KanriSpfTerm, 1);
      term->text = g_malloc (term_length + 1);
      memcpy (term->text, p, term_length);
      term->text[term_length] = '\0';
      term->cidr4 = 32;
      term->cidr6 = 128;
      g_ptr_array_add (record->terms, term);
      index++;
      p += term_length;

      if (!parse_term (record, term, term_length, &term_error))
        {
          g_autofree char *shown = kanri_spf_text_shown (term->text, term_length);

          g_set_error (error, KANRI_SPF_ERROR, term_error->code,
                       _("Term %u “%s”: %s"), index, shown, term_error->message);
          return NULL;
        }

      if (term->kind == KANRI_SPF_TERM_ALL)
        record->has_all = TRUE;
    }

  return g_steal_pointer (&record);
}
