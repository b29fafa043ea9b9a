/* kanri-mime.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-mime"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "kanri-mime.h"
#include "kanri-utf8.h"

/* GMime setup, charset conversion and RFC 2047 decoding of header text.
 *
 * The encoded words are decoded here rather than by GMime because Japanese
 * mail writes "ISO-2022-JP" for what is really Microsoft's CP50220: NEC
 * special characters (①, ㈱, №) and NEC-selected IBM extensions (髙, 﨑) in
 * rows glibc's ISO-2022-JP converter refuses. Reading the JIS rows through
 * CP932, as Windows and Outlook do, shows them as the sender wrote them. */

static GMimeParserOptions *parser_options;

/**
 * kanri_mime_init:
 *
 * Initializes GMime once, with the fallback charsets used for raw 8-bit
 * headers: UTF-8 first, then the Japanese encodings Kanri's users receive,
 * then Latin-1, which accepts any byte.
 */
void
kanri_mime_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      static const char *fallback[] = { "UTF-8", "CP932", "EUC-JP", "ISO-8859-1", NULL };

      g_mime_init ();
      parser_options = g_mime_parser_options_new ();
      g_mime_parser_options_set_fallback_charsets (parser_options, fallback);
      /* GMime 3.2.15 (Debian 13) added a GDestroyNotify for the user data. */
#if GMIME_CHECK_VERSION (3, 2, 15)
      g_mime_parser_options_set_warning_callback (parser_options, NULL, NULL, NULL);
#else
      g_mime_parser_options_set_warning_callback (parser_options, NULL, NULL);
#endif
      g_once_init_leave (&initialized, 1);
    }
}

GMimeParserOptions *
kanri_mime_get_parser_options (void)
{
  kanri_mime_init ();

  return parser_options;
}

typedef struct
{
  const char *label;
  const char *iconv_name;
} CharsetAlias;

/* Labels to the converters that read them as mail clients do: Shift_JIS and
 * EUC-JP with the Microsoft extensions, GB2312 as its superset GB18030,
 * Korean as CP949 (WHATWG Encoding Standard, "Legacy multi-byte"). */
static const CharsetAlias aliases[] = {
  { "shift_jis", "CP932" },
  { "shift-jis", "CP932" },
  { "sjis", "CP932" },
  { "x-sjis", "CP932" },
  { "ms_kanji", "CP932" },
  { "windows-31j", "CP932" },
  { "cp932", "CP932" },
  { "euc-jp", "EUC-JP-MS" },
  { "x-euc-jp", "EUC-JP-MS" },
  { "gb2312", "GB18030" },
  { "gbk", "GB18030" },
  { "x-gbk", "GB18030" },
  { "ks_c_5601-1987", "CP949" },
  { "euc-kr", "CP949" },
  { "big5", "BIG5-HKSCS" },
  { "us-ascii", "CP1252" },
  { "iso-8859-1", "CP1252" },
  { "latin1", "CP1252" },
};

static const char *
iconv_name_for (const char *charset)
{
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (g_ascii_strcasecmp (charset, aliases[i].label) == 0)
        return aliases[i].iconv_name;
    }

  return charset;
}

static gboolean
is_utf8_label (const char *charset)
{
  return g_ascii_strcasecmp (charset, "utf-8") == 0 || g_ascii_strcasecmp (charset, "utf8") == 0;
}

static gboolean
is_iso2022jp_label (const char *charset)
{
  return g_ascii_strncasecmp (charset, "iso-2022-jp", 11) == 0 ||
         g_ascii_strcasecmp (charset, "csISO2022JP") == 0;
}

/* Converts with a U+FFFD for every byte the converter refuses, so that one bad
 * byte does not lose the whole subject. */
static char *
convert_lossy (const char *bytes,
               gsize       length,
               const char *iconv_name)
{
  GIConv converter = g_iconv_open ("UTF-8", iconv_name);
  GString *out;
  char *in = (char *)bytes;
  gsize in_left = length;

  if (converter == (GIConv)-1)
    return NULL;

  out = g_string_sized_new (length * 2 + 4);

  while (in_left > 0)
    {
      char buffer[512];
      char *out_ptr = buffer;
      gsize out_left = sizeof buffer;
      gsize result = g_iconv (converter, &in, &in_left, &out_ptr, &out_left);

      g_string_append_len (out, buffer, out_ptr - buffer);

      if (result == (gsize)-1)
        {
          if (errno == E2BIG)
            continue;

          /* EILSEQ, or EINVAL for a truncated sequence at the end. */
          g_string_append (out, "\xEF\xBF\xBD");
          in++;
          in_left--;
          g_iconv (converter, NULL, NULL, NULL, NULL);
        }
    }

  {
    char buffer[64];
    char *out_ptr = buffer;
    gsize out_left = sizeof buffer;

    g_iconv (converter, NULL, NULL, &out_ptr, &out_left);
    g_string_append_len (out, buffer, out_ptr - buffer);
  }

  g_iconv_close (converter);
  return g_string_free (out, FALSE);
}

/* ISO-2022-JP (RFC 1468) to CP932 bytes: JIS X 0208 rows map to Shift_JIS
 * arithmetically (JIS X 0208:1997 Annex 1), which also carries rows 13 and
 * 89–92 to the Microsoft extensions; half-width katakana (ESC ( I, SO/SI)
 * become single bytes; JIS X 0212 has no CP932 form and becomes 〓. */
static GString *
iso2022jp_to_cp932 (const char *bytes,
                    gsize       length)
{
  enum { ASCII, KANJI, KATAKANA, JISX0212 } mode = ASCII;
  gboolean shifted = FALSE;
  GString *out = g_string_sized_new (length);
  const guint8 *p = (const guint8 *)bytes;
  const guint8 *end = p + length;

  while (p < end)
    {
      guint8 c = *p;

      if (c == 0x1b && end - p >= 3)
        {
          if (p[1] == '$' && (p[2] == 'B' || p[2] == '@'))
            {
              mode = KANJI;
              p += 3;
              continue;
            }
          if (p[1] == '(' && (p[2] == 'B' || p[2] == 'J'))
            {
              mode = ASCII;
              p += 3;
              continue;
            }
          if (p[1] == '(' && p[2] == 'I')
            {
              mode = KATAKANA;
              p += 3;
              continue;
            }
          if (end - p >= 4 && p[1] == '$' && p[2] == '(' && p[3] == 'D')
            {
              mode = JISX0212;
              p += 4;
              continue;
            }
        }

      if (c == 0x0e || c == 0x0f)
        {
          shifted = c == 0x0e;
          p++;
          continue;
        }

      if ((mode == KANJI || mode == JISX0212) && c >= 0x21 && c <= 0x7e &&
          p + 1 < end && p[1] >= 0x21 && p[1] <= 0x7e)
        {
          guint8 j1 = c, j2 = p[1];

          if (mode == JISX0212)
            g_string_append (out, "\x81\xac");
          else
            {
              g_string_append_c (out, (char)(((j1 + 1) >> 1) + (j1 <= 0x5e ? 0x70 : 0xb0)));
              g_string_append_c (out, (char)(j2 + ((j1 & 1) ? (j2 < 0x60 ? 0x1f : 0x20) : 0x7e)));
            }
          p += 2;
          continue;
        }

      if ((mode == KATAKANA || shifted) && c >= 0x21 && c <= 0x5f)
        {
          g_string_append_c (out, (char)(c | 0x80));
          p++;
          continue;
        }

      g_string_append_c (out, (char)c);
      p++;
    }

  return out;
}

/**
 * kanri_mime_convert:
 * @bytes: text in @charset
 * @charset: a MIME charset label
 *
 * Returns: (transfer full) (nullable): @bytes as UTF-8, with U+FFFD where a
 *   byte could not be read, or %NULL when @charset is unknown
 */
char *
kanri_mime_convert (const char *bytes,
                    gsize       length,
                    const char *charset)
{
  g_return_val_if_fail (bytes != NULL || length == 0, NULL);
  g_return_val_if_fail (charset != NULL, NULL);

  if (length == 0)
    return g_strdup ("");

  if (is_utf8_label (charset))
    return g_utf8_make_valid (bytes, length);

  if (is_iso2022jp_label (charset))
    {
      g_autoptr(GString) sjis = iso2022jp_to_cp932 (bytes, length);

      return convert_lossy (sjis->str, sjis->len, "CP932");
    }

  return convert_lossy (bytes, length, iconv_name_for (charset));
}

/**
 * kanri_mime_decode_8bit:
 *
 * Reads header bytes of unknown charset: valid UTF-8 as is, anything else
 * through GMime's guess among the fallback charsets.
 *
 * Returns: (transfer full): valid UTF-8
 */
char *
kanri_mime_decode_8bit (const char *bytes,
                        gsize       length)
{
  g_autofree char *guess = NULL;

  g_return_val_if_fail (bytes != NULL || length == 0, NULL);

  if (length == 0)
    return g_strdup ("");

  if (kanri_utf8_validate (bytes, length))
    return g_strndup (bytes, length);

  /* GMime stops at a NUL; none may survive into a C string anyway. */
  if (memchr (bytes, '\0', length) != NULL)
    return g_utf8_make_valid (bytes, length);

  guess = g_mime_utils_decode_8bit (kanri_mime_get_parser_options (), bytes, length);
  return g_utf8_make_valid (guess, -1);
}

typedef struct
{
  char       *charset;
  const char *text;
  gsize       text_length;
  char        encoding;
  const char *end;
} EncodedWord;

/* "=?charset[*lang]?B|Q?text?=" (RFC 2047 §2, RFC 2231 §5), at @p. */
static gboolean
parse_encoded_word (const char  *p,
                    EncodedWord *word)
{
  const char *charset_start;
  const char *q;
  const char *star;

  if (p[0] != '=' || p[1] != '?')
    return FALSE;

  charset_start = p + 2;
  q = charset_start;
  while (*q != '\0' && *q != '?' && *q != ' ' && *q != '\t' && q - charset_start < 64)
    q++;
  if (*q != '?' || q == charset_start)
    return FALSE;

  if ((q[1] != 'B' && q[1] != 'b' && q[1] != 'Q' && q[1] != 'q') || q[2] != '?')
    return FALSE;

  word->encoding = g_ascii_toupper (q[1]);
  word->text = q + 3;

  q = word->text;
  while (*q != '\0' && !(q[0] == '?' && q[1] == '=') && *q != ' ' && *q != '\t')
    q++;
  if (q[0] != '?' || q[1] != '=')
    return FALSE;

  word->text_length = q - word->text;
  word->end = q + 2;

  star = memchr (charset_start, '*', word->text - 3 - charset_start);
  word->charset = g_strndup (charset_start, (star != NULL ? star : word->text - 3) - charset_start);
  return TRUE;
}

static void
decode_payload (const EncodedWord *word,
                GByteArray        *out)
{
  if (word->encoding == 'B')
    {
      gsize start = out->len;
      int state = 0;
      guint save = 0;
      gsize written;

      g_byte_array_set_size (out, start + word->text_length * 3 / 4 + 3);
      written = g_base64_decode_step (word->text, word->text_length,
                                      out->data + start, &state, &save);
      g_byte_array_set_size (out, start + written);
      return;
    }

  for (gsize i = 0; i < word->text_length; i++)
    {
      char c = word->text[i];
      guint8 byte = (guint8)c;

      if (c == '_')
        byte = ' ';
      else if (c == '=' && i + 2 < word->text_length &&
               g_ascii_isxdigit (word->text[i + 1]) && g_ascii_isxdigit (word->text[i + 2]))
        {
          byte = (guint8)(g_ascii_xdigit_value (word->text[i + 1]) * 16 +
                          g_ascii_xdigit_value (word->text[i + 2]));
          i += 2;
        }

      g_byte_array_append (out, &byte, 1);
    }
}

static void
flush_pending (GString    *out,
               GByteArray *pending,
               char      **charset)
{
  g_autofree char *text = NULL;

  if (*charset == NULL)
    return;

  /* An empty encoded word ("=?utf-8?Q??=") stands for nothing. */
  text = kanri_mime_convert ((const char *)pending->data, pending->len, *charset);
  if (text == NULL)
    text = kanri_mime_decode_8bit ((const char *)pending->data, pending->len);

  g_string_append (out, text);
  g_byte_array_set_size (pending, 0);
  g_clear_pointer (charset, g_free);
}

static void
append_raw (GString    *out,
            const char *start,
            gsize       length)
{
  if (kanri_utf8_validate (start, length))
    g_string_append_len (out, start, length);
  else
    {
      g_autofree char *text = kanri_mime_decode_8bit (start, length);

      g_string_append (out, text);
    }
}

/**
 * kanri_mime_decode_words:
 * @text: an unfolded header value
 *
 * Decodes RFC 2047 encoded words anywhere in @text. Adjacent words of one
 * charset are decoded together, because encoders split multi-byte characters
 * (and ISO-2022-JP escape sequences) across words; the space between two
 * encoded words is dropped (RFC 2047 §6.2). Raw 8-bit text is read as
 * kanri_mime_decode_8bit() does.
 *
 * Returns: (transfer full): the text as valid UTF-8
 */
char *
kanri_mime_decode_words (const char *text)
{
  g_autoptr(GByteArray) pending = NULL;
  g_autofree char *pending_charset = NULL;
  GString *out;
  const char *p;
  const char *raw_start;

  g_return_val_if_fail (text != NULL, NULL);

  if (strstr (text, "=?") == NULL)
    return kanri_mime_decode_8bit (text, strlen (text));

  out = g_string_sized_new (strlen (text));
  pending = g_byte_array_new ();
  p = text;
  raw_start = p;

  while (*p != '\0')
    {
      EncodedWord word;
      const char *after;

      if (!parse_encoded_word (p, &word))
        {
          p++;
          continue;
        }

      append_raw (out, raw_start, p - raw_start);

      if (pending_charset != NULL && g_ascii_strcasecmp (pending_charset, word.charset) != 0)
        flush_pending (out, pending, &pending_charset);

      if (pending_charset == NULL)
        pending_charset = g_steal_pointer (&word.charset);
      else
        g_free (word.charset);

      decode_payload (&word, pending);
      p = word.end;

      /* Whitespace only between two encoded words is not text. */
      after = p;
      while (*after == ' ' || *after == '\t' || *after == '\r' || *after == '\n')
        after++;
      if (parse_encoded_word (after, &word))
        {
          g_free (word.charset);
          p = after;
        }
      else
        flush_pending (out, pending, &pending_charset);

      raw_start = p;
    }

  flush_pending (out, pending, &pending_charset);
  append_raw (out, raw_start, p - raw_start);

  return g_string_free (out, FALSE);
}
