/* kanri-received.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-received"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-ip.h"
#include "kanri-received.h"
#include "kanri-scan.h"
#include "kanri-utf8.h"

/* RFC 5321 §4.4 defines the clauses "from", "by", "via", "with", "id" and
 * "for", then ";" and the date. Real stamps bend this in every way: multi-word
 * values ("with Microsoft SMTP Server"), several comments per clause, IP
 * literals inside comments, bare IPs in parentheses (Exchange), "[IPv6:…]"
 * (Postfix), "[…]:port" (Exim), and dates without the ";" (SendGrid). */

G_DEFINE_QUARK (kanri-received-error-quark, kanri_received_error)

typedef enum
{
  CLAUSE_NONE,
  CLAUSE_FROM,
  CLAUSE_BY,
  CLAUSE_VIA,
  CLAUSE_WITH,
  CLAUSE_ID,
  CLAUSE_FOR,
  N_CLAUSES
} Clause;

/* The longest keyword. */
#define KEYWORD_MAX 4

typedef struct
{
  const char *start;
  gsize       length;
  gboolean    comment;
  Clause      clause;
} Token;

/* Stamps rarely have more than a few dozen words and comments; those fit on
 * the stack, longer ones grow on the heap. */
#define STACK_TOKENS 48

typedef struct
{
  Token *items;
  guint  len;
  guint  capacity;
  Token  stack[STACK_TOKENS];
} Tokens;

static void
tokens_init (Tokens *tokens)
{
  tokens->items = tokens->stack;
  tokens->len = 0;
  tokens->capacity = STACK_TOKENS;
}

static void
tokens_clear (Tokens *tokens)
{
  if (tokens->items != tokens->stack)
    g_free (tokens->items);
  tokens->items = NULL;
}

static G_GNUC_NO_INLINE void
tokens_grow (Tokens *tokens)
{
  Token *bigger = g_new (Token, tokens->capacity * 2);

  memcpy (bigger, tokens->items, tokens->len * sizeof (Token));
  if (tokens->items != tokens->stack)
    g_free (tokens->items);
  tokens->items = bigger;
  tokens->capacity *= 2;
}

/* Inline, with the rare growth out of line: every word of every stamp is
 * added. */
static inline void
tokens_add (Tokens      *tokens,
            const Token *token)
{
  if (G_UNLIKELY (tokens->len == tokens->capacity))
    tokens_grow (tokens);

  tokens->items[tokens->len++] = *token;
}

/* The strings of a parse, written one after the other, each NUL-terminated,
 * and found by their offsets: they end up in the same allocation as the
 * struct. A stamp has a dozen strings; a malloc() and a free() for each
 * cost more than reading the stamp. */
#define STACK_STRINGS 512
#define NO_STRING ((gssize)-1)

typedef struct
{
  char  *data;
  gsize  len;
  gsize  capacity;
  char   stack[STACK_STRINGS];
} Strings;

static void
strings_init (Strings *strings)
{
  strings->data = strings->stack;
  strings->len = 0;
  strings->capacity = STACK_STRINGS;
}

static void
strings_clear (Strings *strings)
{
  if (strings->data != strings->stack)
    g_free (strings->data);
  strings->data = NULL;
}

/* Room for @length more bytes; returns where they go. */
static char *
strings_reserve (Strings *strings,
                 gsize    length)
{
  if (strings->len + length > strings->capacity)
    {
      gsize capacity = MAX (strings->capacity * 2, strings->len + length);
      char *bigger = g_malloc (capacity);

      memcpy (bigger, strings->data, strings->len);
      if (strings->data != strings->stack)
        g_free (strings->data);
      strings->data = bigger;
      strings->capacity = capacity;
    }

  return strings->data + strings->len;
}

static gssize
strings_add (Strings    *strings,
             const char *text,
             gsize       length)
{
  char *p = strings_reserve (strings, length + 1);
  gssize offset = strings->len;

  memcpy (p, text, length);
  p[length] = '\0';
  strings->len += length + 1;
  return offset;
}

static char *
strings_get (char   *block,
             gssize  offset)
{
  return offset == NO_STRING ? NULL : block + offset;
}

void
kanri_received_free (KanriReceived *received)
{
  if (received == NULL)
    return;

  /* Every string but the date error lives in the block of the struct. */
  g_free (received->date_error);
  g_free (received);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* @p points at a double quote. */
static const char *
skip_quoted (const char *p,
             const char *end)
{
  p++;
  while (p < end && *p != '"')
    {
      if (*p == '\\' && p + 1 < end)
        p++;
      p++;
    }

  return p < end ? p + 1 : end;
}

static const char *
word_end (const char *p,
          const char *end)
{
  while ((p = kanri_scan_to (p, end, KANRI_BYTE_SPACE | KANRI_BYTE_OPEN | KANRI_BYTE_SEMICOLON | KANRI_BYTE_QUOTE)) < end && *p == '"')
    p = skip_quoted (p, end);

  return p;
}

/* Without a ";", the date is the first word from which the rest reads as a
 * complete date (SendGrid: "… id filter0123p1 2018-03-26 13:35:36.27 +0000 UTC"). */
static const char *
find_unmarked_date (const char *p,
                    const char *end,
                    KanriDate  *date)
{
  while (p < end)
    {
      if (is_space (*p))
        p++;
      else if (*p == '(')
        p = kanri_scan_skip_comment (p, end);
      else
        {
          if (g_ascii_isalnum (*p) && kanri_date_parse (p, end - p, date, NULL))
            return p;
          p = word_end (p, end);
        }
    }

  return NULL;
}

/* A word of two to four bytes, each with its 0x20 bit set, big-endian
 * in a number: that bit lowers an ASCII letter, and turns no other byte
 * into a lower-case letter (a byte from 0x80 stays above them), so the
 * word is a keyword in any case exactly when it packs to the keyword. */
#define PACK2(a, b) (((guint32)(a) << 8) | (guint32)(b))
#define PACK3(a, b, c) ((PACK2 (a, b) << 8) | (guint32)(c))
#define PACK4(a, b, c, d) ((PACK3 (a, b, c) << 8) | (guint32)(d))

static Clause
keyword_clause (const char *word,
                gsize       length)
{
  guint32 packed = 0;

  /* Every word of every stamp comes here: look at the length first. */
  if (length < 2 || length > KEYWORD_MAX)
    return CLAUSE_NONE;

  for (gsize i = 0; i < length; i++)
    packed = (packed << 8) | (guchar)(word[i] | 0x20);

  switch (packed)
    {
    case PACK4 ('f', 'r', 'o', 'm'):
      return CLAUSE_FROM;
    case PACK2 ('b', 'y'):
      return CLAUSE_BY;
    case PACK3 ('v', 'i', 'a'):
      return CLAUSE_VIA;
    case PACK4 ('w', 'i', 't', 'h'):
      return CLAUSE_WITH;
    case PACK2 ('i', 'd'):
      return CLAUSE_ID;
    case PACK3 ('f', 'o', 'r'):
      return CLAUSE_FOR;
    default:
      return CLAUSE_NONE;
    }
}

/* Splits @p into words and comments, and sets @last_semicolon, if given,
 * to the last ";" outside comments and quotes, or %NULL. */
static void
tokenize (const char  *p,
          const char  *end,
          Tokens      *tokens,
          const char **last_semicolon)
{
  gboolean seen[N_CLAUSES] = { FALSE };
  Clause current = CLAUSE_NONE;

  if (last_semicolon != NULL)
    *last_semicolon = NULL;
  while (p < end)
    {
      Token token = { 0 };

      if (*p == ';' && last_semicolon != NULL)
        *last_semicolon = p;
      if (is_space (*p) || *p == ';')
        {
          p++;
          continue;
        }

      if (*p == '(')
        {
          const char *close = kanri_scan_skip_comment (p, end);

          token.start = p + 1;
          token.length = (close > p + 1 && close[-1] == ')') ? (gsize)(close - p - 2) : (gsize)(close - p - 1);
          token.comment = TRUE;
          token.clause = current;
          tokens_add (tokens, &token);
          p = close;
          continue;
        }

      token.start = p;
      p = word_end (p, end);
      token.length = p - token.start;

      {
        Clause keyword = keyword_clause (token.start, token.length);

        /* A keyword opens its clause once; a repeat is an ordinary word. */
        if (keyword != CLAUSE_NONE && !seen[keyword])
          {
            seen[keyword] = TRUE;
            current = keyword;
            continue;
          }
      }

      token.clause = current;
      tokens_add (tokens, &token);
    }
}

/* Which clauses keep their comments: "from" and "by" show them as details
 * of the server; the comments of the other clauses say nothing the report
 * shows. */
static gboolean
joins_comments (Clause clause)
{
  return clause == CLAUSE_FROM || clause == CLAUSE_BY;
}

/* The words, and for "from" and "by" the comments, of every clause, each
 * joined by single spaces, into @strings: @joined gets their offsets, or
 * NO_STRING for an empty one. One pass sizes them all and one writes them
 * all, rather than two passes over every token for each of the eight
 * strings. */
static void
join_tokens (const Tokens *tokens,
             Strings      *strings,
             gssize        joined[N_CLAUSES][2])
{
  gsize size[N_CLAUSES][2] = { { 0 } };
  gsize used[N_CLAUSES][2] = { { 0 } };
  gsize total = 0;
  char *base;

  for (guint i = 0; i < tokens->len; i++)
    {
      const Token *token = &tokens->items[i];

      if (token->length > 0)
        size[token->clause][token->comment] += token->length + 1;
    }

  for (int c = CLAUSE_NONE; c < N_CLAUSES; c++)
    {
      for (int k = 0; k < 2; k++)
        {
          gboolean wanted = c != CLAUSE_NONE && (k == 0 || joins_comments (c));

          joined[c][k] = wanted && size[c][k] > 0 ? (gssize)(strings->len + total) : NO_STRING;
          if (joined[c][k] != NO_STRING)
            total += size[c][k];
        }
    }

  if (total == 0)
    return;

  strings_reserve (strings, total);
  base = strings->data;
  for (guint i = 0; i < tokens->len; i++)
    {
      const Token *token = &tokens->items[i];
      gssize offset = joined[token->clause][token->comment];
      gsize *at = &used[token->clause][token->comment];

      if (offset == NO_STRING || token->length == 0)
        continue;
      if (*at > 0)
        base[offset + (*at)++] = ' ';
      memcpy (base + offset + *at, token->start, token->length);
      *at += token->length;
    }

  for (int c = CLAUSE_NONE; c < N_CLAUSES; c++)
    {
      for (int k = 0; k < 2; k++)
        {
          if (joined[c][k] != NO_STRING)
            base[joined[c][k] + used[c][k]] = '\0';
        }
    }
  strings->len += total;
}

/* "IPv6:2001:db8::1" (RFC 5321 §4.1.3) and "fe80::1%5" (Exchange) inside a
 * literal both name an address. */
static gboolean
parse_literal (const char *text,
               gsize       length,
               KanriIp    *ip)
{
  const char *percent;

  if (length > 5 && (text[0] | 0x20) == 'i' && g_ascii_strncasecmp (text, "IPv6:", 5) == 0)
    {
      text += 5;
      length -= 5;
    }

  percent = memchr (text, '%', length);
  if (percent != NULL)
    length = percent - text;

  return kanri_ip_parse_len (text, length, ip);
}

static gboolean
find_bracketed_ip (const char *text,
                   gsize       length,
                   KanriIp    *ip)
{
  const char *end = text + length;
  const char *p = text;

  while ((p = memchr (p, '[', end - p)) != NULL)
    {
      const char *close = memchr (p, ']', end - p);

      if (close == NULL)
        return FALSE;
      if (parse_literal (p + 1, close - p - 1, ip))
        return TRUE;
      p = close;
    }

  return FALSE;
}

/* The bytes that end a bare address in a comment: a lookup per byte of
 * every comment, where six comparisons and a call took one. */
static const guint8 separator_bytes[256] = {
  [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, [','] = 1, ['='] = 1, ['('] = 1, [')'] = 1, ['"'] = 1,
};

static inline gboolean
is_separator (char c)
{
  return separator_bytes[(guchar)c];
}

static gboolean
find_bare_ip (const char *text,
              gsize       length,
              KanriIp    *ip)
{
  const char *end = text + length;
  const char *p = text;

  while (p < end)
    {
      const char *start;

      while (p < end && is_separator (*p))
        p++;
      start = p;
      while (p < end && !is_separator (*p))
        p++;

      if (p > start && (g_ascii_isxdigit (*start) || *start == ':') &&
          parse_literal (start, p - start, ip))
        return TRUE;
    }

  return FALSE;
}

/* The address that connected: a bracketed literal in a comment is what the
 * receiving server saw ("(unknown [203.0.113.8])"); a bare address in a
 * comment is how Exchange writes it ("(40.107.117.112)"); the host word itself
 * may be a literal when the client gave no name ("from [203.0.113.5]"). */
static gssize
find_clause_ip (const Tokens *tokens,
                Clause        clause,
                Strings      *strings)
{
  KanriIp ip;

  for (int pass = 0; pass < 3; pass++)
    {
      for (guint i = 0; i < tokens->len; i++)
        {
          const Token *token = &tokens->items[i];
          gboolean found = FALSE;

          if (token->clause != clause)
            continue;

          if (pass == 0 && token->comment)
            found = find_bracketed_ip (token->start, token->length, &ip);
          else if (pass == 1 && token->comment)
            found = find_bare_ip (token->start, token->length, &ip);
          else if (pass == 2 && !token->comment)
            found = find_bracketed_ip (token->start, token->length, &ip) ||
                    parse_literal (token->start, token->length, &ip);

          if (found)
            {
              char text[KANRI_IP_STRING_MAX];

              kanri_ip_format (&ip, text);
              return strings_add (strings, text, strlen (text));
            }
        }
    }

  return NO_STRING;
}

static gssize
strip_angle_brackets (Strings *strings,
                      gssize   offset)
{
  char *address;
  gsize length;

  if (offset == NO_STRING)
    return NO_STRING;

  address = strings->data + offset;
  length = strlen (address);
  if (length >= 2 && address[0] == '<' && address[length - 1] == '>')
    {
      memmove (address, address + 1, length - 2);
      address[length - 2] = '\0';
    }

  return offset;
}

static gssize
trimmed_copy (const char *start,
              const char *end,
              Strings    *strings)
{
  while (start < end && is_space (*start))
    start++;
  while (end > start && is_space (end[-1]))
    end--;

  return strings_add (strings, start, end - start);
}

static KanriReceived *
parse (const char  *value,
       gssize       length,
       KanriArena  *arena,
       GError     **error)
{
  g_autofree char *valid = NULL;
  KanriReceived *received;
  KanriReceived parsed = { 0 };
  Strings strings;
  Tokens tokens;
  const char *end;
  const char *semicolon;
  gssize date_text = NO_STRING;
  gssize joined[N_CLAUSES][2];
  gssize from, from_detail, from_ip, by, by_detail, by_ip, via, with, id, recipient;

  g_return_val_if_fail (value != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (value);

  /* Everything below copies bytes into strings that reach the UI and JSON. */
  if (!kanri_utf8_validate (value, length))
    {
      valid = g_utf8_make_valid (value, length);
      value = valid;
      length = strlen (valid);
    }

  end = value + length;
  strings_init (&strings);

  /* The clauses end at the last ";", which the pass that splits them into
   * words finds: the words after it, the date's, are dropped. */
  tokens_init (&tokens);
  tokenize (value, end, &tokens, &semicolon);
  if (semicolon != NULL)
    {
      while (tokens.len > 0 && tokens.items[tokens.len - 1].start > semicolon)
        tokens.len--;
      date_text = trimmed_copy (semicolon + 1, end, &strings);
    }
  else
    {
      const char *date_start = find_unmarked_date (value, end, &parsed.date);

      /* Without a ";" (rare), the words are split again up to the date. */
      if (date_start != NULL)
        {
          tokens.len = 0;
          tokenize (value, date_start, &tokens, NULL);
          date_text = trimmed_copy (date_start, end, &strings);
          parsed.has_date = TRUE;
        }
    }

  join_tokens (&tokens, &strings, joined);
  from = joined[CLAUSE_FROM][FALSE];
  from_detail = joined[CLAUSE_FROM][TRUE];
  from_ip = find_clause_ip (&tokens, CLAUSE_FROM, &strings);
  by = joined[CLAUSE_BY][FALSE];
  by_detail = joined[CLAUSE_BY][TRUE];
  by_ip = find_clause_ip (&tokens, CLAUSE_BY, &strings);
  via = joined[CLAUSE_VIA][FALSE];
  with = joined[CLAUSE_WITH][FALSE];
  id = joined[CLAUSE_ID][FALSE];
  recipient = strip_angle_brackets (&strings, joined[CLAUSE_FOR][FALSE]);
  tokens_clear (&tokens);

  if (date_text != NO_STRING && strings.data[date_text] == '\0')
    date_text = NO_STRING;

  if (date_text != NO_STRING && !parsed.has_date)
    {
      g_autoptr(GError) date_error = NULL;

      parsed.has_date = kanri_date_parse (strings.data + date_text, -1, &parsed.date, &date_error);
      if (!parsed.has_date)
        parsed.date_error = arena != NULL ? kanri_arena_strndup (arena, date_error->message, strlen (date_error->message)) :
                                            g_strdup (date_error->message);
    }

  if (from == NO_STRING && by == NO_STRING && with == NO_STRING && id == NO_STRING &&
      via == NO_STRING && recipient == NO_STRING && date_text == NO_STRING)
    {
      strings_clear (&strings);
      if (arena == NULL)
        g_free (parsed.date_error);
      g_set_error (error, KANRI_RECEIVED_ERROR, KANRI_RECEIVED_ERROR_EMPTY,
                   _("The Received field names no server and has no date"));
      return NULL;
    }

  /* The struct and its strings in one allocation. */
  received = arena != NULL ? kanri_arena_alloc (arena, sizeof *received + strings.len) :
                             g_malloc (sizeof *received + strings.len);
  *received = parsed;
  {
    char *block = memcpy (received + 1, strings.data, strings.len);

    received->from = strings_get (block, from);
    received->from_detail = strings_get (block, from_detail);
    received->from_ip = strings_get (block, from_ip);
    received->by = strings_get (block, by);
    received->by_detail = strings_get (block, by_detail);
    received->by_ip = strings_get (block, by_ip);
    received->via = strings_get (block, via);
    received->with = strings_get (block, with);
    received->id = strings_get (block, id);
    received->recipient = strings_get (block, recipient);
    received->date_text = strings_get (block, date_text);
  }
  strings_clear (&strings);

  return received;
}

/**
 * kanri_received_parse:
 * @value: the unfolded value of a Received field
 * @length: its length, or -1 if NUL-terminated
 *
 * Parsing is lenient: whatever clauses are recognisable are filled in. A date
 * that cannot be read leaves @has_date %FALSE and says why in @date_error.
 *
 * Returns: (transfer full): the parsed field, or %NULL with @error set when
 *   @value names no server and has no date at all
 */
KanriReceived *
kanri_received_parse (const char  *value,
                      gssize       length,
                      GError     **error)
{
  return parse (value, length, NULL, error);
}

/**
 * kanri_received_parse_in:
 * @arena: where the parsed field goes
 *
 * Like kanri_received_parse(), with the parsed field, and all its strings,
 * in @arena: never kanri_received_free() it.
 *
 * Returns: (transfer none): the parsed field, or %NULL with @error set
 */
KanriReceived *
kanri_received_parse_in (const char  *value,
                         gssize       length,
                         KanriArena  *arena,
                         GError     **error)
{
  g_return_val_if_fail (arena != NULL, NULL);

  return parse (value, length, arena, error);
}
