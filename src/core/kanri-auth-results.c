/* kanri-auth-results.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-auth-results"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-auth-results.h"
#include "kanri-scan.h"
#include "kanri-utf8.h"

/* Authentication-Results (RFC 8601), ARC-Authentication-Results (RFC 8617
 * §4.1.1: an "i=" tag first) and Received-SPF (RFC 7208 §9.1), read as
 * leniently as Exchange Online writes them: without the authserv-id the RFC
 * requires, without a space after ";", with empty properties. */

G_DEFINE_QUARK (kanri-auth-results-error-quark, kanri_auth_results_error)

typedef enum
{
  ITEM_WORD,
  ITEM_PAIR,
  ITEM_COMMENT,
} ItemKind;

/* An item as a slice of the value: most become no string at all (the
 * authserv-id's version, "none"), the rest are copied once, into the
 * result that keeps them. Copying every name and value while tokenizing,
 * then again into the result, was most of the cost of a parse. */
typedef struct
{
  ItemKind    kind;
  const char *name;
  gsize       name_length;
  gboolean    name_quoted;
  const char *value;
  gsize       value_length;
  gboolean    value_quoted;
} Item;

/* A part has a handful of items; more grow on the heap. */
#define STACK_ITEMS 16

typedef struct
{
  Item  *items;
  guint  len;
  guint  capacity;
  Item   stack[STACK_ITEMS];
} Items;

static void
items_init (Items *items)
{
  items->items = items->stack;
  items->len = 0;
  items->capacity = STACK_ITEMS;
}

static void
items_clear (Items *items)
{
  if (items->items != items->stack)
    g_free (items->items);
  items->items = NULL;
}

static void
items_add (Items      *items,
           const Item *item)
{
  if (items->len == items->capacity)
    {
      Item *bigger = g_new (Item, items->capacity * 2);

      memcpy (bigger, items->items, items->len * sizeof (Item));
      if (items->items != items->stack)
        g_free (items->items);
      items->items = bigger;
      items->capacity *= 2;
    }

  items->items[items->len++] = *item;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static const char *
skip_quoted (const char *p,
             const char *end)
{
  p++;
  while ((p = kanri_scan_to (p, end, KANRI_BYTE_QUOTE | KANRI_BYTE_BACKSLASH)) < end && *p != '"')
    {
      if (p + 1 < end)
        p++;
      p++;
    }

  return p < end ? p + 1 : end;
}

static char *
unquote (const char *start,
         const char *end)
{
  GString *out = g_string_sized_new (end - start);

  for (const char *p = start + 1; p < end; p++)
    {
      if (*p == '"')
        break;
      if (*p == '\\' && p + 1 < end)
        p++;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Splits one ";"-separated part into words, name=value pairs and comments. */
static void
tokenize (const char *p,
          const char *end,
          Items      *items)
{
  items->len = 0;

  while (p < end)
    {
      Item item = { 0 };
      const char *start;
      const char *after;

      if (is_space (*p))
        {
          p++;
          continue;
        }

      if (*p == '(')
        {
          const char *close = kanri_scan_skip_comment (p, end);
          const char *content_end = (close > p + 1 && close[-1] == ')') ? close - 1 : close;
          const char *content = p + 1;

          /* As g_strstrip() would. */
          while (content < content_end && g_ascii_isspace (*content))
            content++;
          while (content_end > content && g_ascii_isspace (content_end[-1]))
            content_end--;

          item.kind = ITEM_COMMENT;
          item.value = content;
          item.value_length = content_end - content;
          items_add (items, &item);
          p = close;
          continue;
        }

      if (*p == '"')
        {
          const char *close = skip_quoted (p, end);

          item.kind = ITEM_WORD;
          item.name = p;
          item.name_length = close - p;
          item.name_quoted = TRUE;
          items_add (items, &item);
          p = close;
          continue;
        }

      start = p;
      p = kanri_scan_to (p, end, KANRI_BYTE_SPACE | KANRI_BYTE_OPEN | KANRI_BYTE_SEMICOLON |
                                 KANRI_BYTE_EQUALS | KANRI_BYTE_QUOTE);
      if (p == start)
        {
          /* A stray "=" with no name before it. */
          p++;
          continue;
        }

      after = p;
      while (after < end && is_space (*after))
        after++;

      item.name = start;
      item.name_length = p - start;
      if (after < end && *after == '=')
        {
          const char *value_start = after + 1;

          while (value_start < end && is_space (*value_start))
            value_start++;

          item.kind = ITEM_PAIR;
          if (value_start < end && *value_start == '"')
            {
              p = skip_quoted (value_start, end);
              item.value_quoted = TRUE;
            }
          else
            {
              p = kanri_scan_to (value_start, end, KANRI_BYTE_SPACE | KANRI_BYTE_OPEN | KANRI_BYTE_SEMICOLON);
            }
          item.value = value_start;
          item.value_length = p - value_start;
        }
      else
        item.kind = ITEM_WORD;

      items_add (items, &item);
    }
}

/* The end of the ";"-separated part that starts at @p, ignoring ";" inside
 * comments and quotes. */
static const char *
part_end (const char *p,
          const char *end)
{
  while ((p = kanri_scan_to (p, end, KANRI_BYTE_OPEN | KANRI_BYTE_QUOTE | KANRI_BYTE_SEMICOLON)) < end && *p != ';')
    {
      if (*p == '(')
        p = kanri_scan_skip_comment (p, end);
      else
        p = skip_quoted (p, end);
    }

  return p;
}

/* A word as text: unquoted when written in quotes. */
static char *
word_text (const char *text,
           gsize       length,
           gboolean    quoted)
{
  return quoted ? unquote (text, text + length) : g_strndup (text, length);
}

static char *
pair_value (const Item *item)
{
  return word_text (item->value, item->value_length, item->value_quoted);
}

static gboolean
name_equals (const Item *item,
             const char *lower)
{
  return !item->name_quoted && item->name_length == strlen (lower) &&
         g_ascii_strncasecmp (item->name, lower, item->name_length) == 0;
}

/* Whether a word reads @lower, in any case, quoted or not. */
static gboolean
word_is (const Item *item,
         const char *lower)
{
  g_autofree char *word = NULL;

  if (!item->name_quoted)
    return item->name_length == strlen (lower) && g_ascii_strncasecmp (item->name, lower, item->name_length) == 0;

  word = word_text (item->name, item->name_length, TRUE);
  return g_ascii_strcasecmp (word, lower) == 0;
}

static gboolean
pair_value_is_empty (const Item *item)
{
  g_autofree char *value = NULL;

  if (!item->value_quoted)
    return item->value_length == 0;

  value = pair_value (item);
  return value[0] == '\0';
}

/* The result, its properties and their strings are in the results' arena. */
static void
auth_result_free (gpointer data)
{
  KanriAuthResult *result = data;

  g_ptr_array_unref (result->properties);
}

void
kanri_auth_results_free (KanriAuthResults *results)
{
  if (results == NULL)
    return;

  g_ptr_array_unref (results->results);
  kanri_arena_clear (&results->arena);
  g_free (results);
}

/* A word as text in @arena, unquoted when written in quotes: a field has
 * a dozen words, which cost a malloc() and a free() each as copies of
 * their own. */
static char *
chunk_word (KanriArena *arena,
            const char *text,
            gsize       length,
            gboolean    quoted)
{
  g_autofree char *unquoted = NULL;

  if (!quoted)
    return kanri_arena_strndup (arena, text, length);

  unquoted = unquote (text, text + length);
  return kanri_arena_strndup (arena, unquoted, strlen (unquoted));
}

/* g_ascii_tolower() without the call, for every byte of every method,
 * result and property name. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static char *
chunk_down (char *text)
{
  for (char *p = text; *p != '\0'; p++)
    *p = ascii_lower (*p);

  return text;
}

/* Joins the comments of a result with single spaces in @comment. */
static void
append_comment (GString    *comment,
                const char *text,
                gsize       length,
                gboolean    quoted)
{
  g_autofree char *unquoted = NULL;

  if (quoted)
    {
      unquoted = unquote (text, text + length);
      text = unquoted;
      length = strlen (unquoted);
    }

  if (length == 0)
    return;

  if (comment->len > 0)
    g_string_append_c (comment, ' ');
  g_string_append_len (comment, text, length);
}

/* Writes the value of @item into @out, which has room for
 * @item->value_length + 1 bytes: unquoting only ever shortens it. */
static void
write_value (const Item *item,
             char       *out)
{
  if (item->value_quoted)
    {
      g_autofree char *unquoted = unquote (item->value, item->value + item->value_length);

      strcpy (out, unquoted);
      return;
    }

  memcpy (out, item->value, item->value_length);
  out[item->value_length] = '\0';
}

/* The property and its strings in @arena. */
static void
add_property (GPtrArray  *properties,
              const Item *item,
              KanriArena *arena)
{
  gsize size = sizeof (KanriAuthProperty) + item->name_length + 1 + item->value_length + 1;
  KanriAuthProperty *property = kanri_arena_alloc (arena, size);
  char *strings = (char *)(property + 1);

  for (gsize i = 0; i < item->name_length; i++)
    strings[i] = ascii_lower (item->name[i]);
  strings[item->name_length] = '\0';
  write_value (item, strings + item->name_length + 1);
  property->name = strings;
  property->value = strings + item->name_length + 1;
  g_ptr_array_add (properties, property);
}

/* "method[/version]=result" and what follows it, from item @first on, in
 * @arena; its comments are joined through @comment. */
static KanriAuthResult *
read_resinfo (const Items *items,
              guint        first,
              KanriArena  *arena,
              GString     *comment)
{
  const Item *head = &items->items[first];
  KanriAuthResult *result = kanri_arena_alloc (arena, sizeof *result);
  const char *slash = memchr (head->name, '/', head->name_length);

  result->method = chunk_down (kanri_arena_strndup (arena, head->name,
                                                    slash != NULL ? (gsize)(slash - head->name) : head->name_length));
  result->result = chunk_down (chunk_word (arena, head->value, head->value_length, head->value_quoted));
  result->properties = g_ptr_array_new ();

  g_string_truncate (comment, 0);
  for (guint i = first + 1; i < items->len; i++)
    {
      const Item *item = &items->items[i];

      if (item->kind == ITEM_COMMENT)
        append_comment (comment, item->value, item->value_length, FALSE);
      else if (item->kind == ITEM_WORD)
        append_comment (comment, item->name, item->name_length, item->name_quoted);
      else if (name_equals (item, "reason") && result->reason == NULL)
        result->reason = chunk_word (arena, item->value, item->value_length, item->value_quoted);
      else
        add_property (result->properties, item, arena);
    }
  if (comment->len > 0)
    result->comment = kanri_arena_strndup (arena, comment->str, comment->len);

  return result;
}

static gboolean
is_number (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isdigit (*text))
        return FALSE;
    }

  return TRUE;
}

static char *
shown_value (const char *value,
             gsize       length)
{
  g_autofree char *copy = g_strndup (value, MIN (length, 80));
  char *valid = g_utf8_make_valid (g_strstrip (copy), -1);

  if (length > 80)
    {
      char *longer = g_strconcat (valid, "…", NULL);

      g_free (valid);
      return longer;
    }

  return valid;
}

/**
 * kanri_auth_results_parse:
 * @value: the unfolded value of an Authentication-Results or
 *   ARC-Authentication-Results field
 * @length: its length, or -1 if NUL-terminated
 *
 * Returns: (transfer full): the parsed results, or %NULL with @error set when
 *   @value holds no "method=result" and does not say "none"
 */
KanriAuthResults *
kanri_auth_results_parse (const char  *value,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(KanriAuthResults) results = NULL;
  g_autoptr(GString) comment = NULL;
  g_autofree char *valid = NULL;
  Items items;
  gboolean said_none = FALSE;
  gboolean id_seen = FALSE;

  g_return_val_if_fail (value != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (value);

  if (!kanri_utf8_validate (value, length))
    {
      valid = g_utf8_make_valid (value, length);
      value = valid;
      length = strlen (valid);
    }

  results = g_new0 (KanriAuthResults, 1);
  results->results = g_ptr_array_new_with_free_func (auth_result_free);
  comment = g_string_sized_new (128);

  items_init (&items);
  for (const char *part = value, *end = value + length, *part_stop;; part = part_stop + 1)
    {
      guint first = 0;

      part_stop = part_end (part, end);
      tokenize (part, part_stop, &items);

      if (items.len > 0)
        {
          /* ARC's instance tag comes before the authserv-id. */
          if (results->results->len == 0 && !id_seen && results->instance == 0 && items.len == 1 &&
              items.items[0].kind == ITEM_PAIR && name_equals (&items.items[0], "i"))
            {
              g_autofree char *instance = pair_value (&items.items[0]);

              if (is_number (instance))
                {
                  results->instance = (guint)MIN (g_ascii_strtoull (instance, NULL, 10), G_MAXUINT);
                  first = items.len;
                }
            }

          /* The authserv-id, if any, leads the first part that is not a result:
           * a word, maybe followed by a version number. */
          if (first < items.len && !id_seen && results->results->len == 0)
            {
              id_seen = TRUE;
              if (items.items[0].kind == ITEM_WORD && !word_is (&items.items[0], "none"))
                {
                  results->authserv_id = chunk_word (&results->arena, items.items[0].name,
                                                     items.items[0].name_length, items.items[0].name_quoted);
                  first = 1;
                  if (first < items.len && items.items[first].kind == ITEM_WORD)
                    {
                      g_autofree char *version = word_text (items.items[first].name, items.items[first].name_length,
                                                            items.items[first].name_quoted);

                      if (is_number (version))
                        first++;
                    }
                }
            }

          while (first < items.len && items.items[first].kind == ITEM_COMMENT)
            first++;
          if (first < items.len)
            {
              const Item *head = &items.items[first];

              if (head->kind == ITEM_WORD && word_is (head, "none"))
                said_none = TRUE;
              else if (head->kind == ITEM_PAIR && !pair_value_is_empty (head))
                g_ptr_array_add (results->results, read_resinfo (&items, first, &results->arena, comment));
            }
        }

      if (part_stop >= end)
        break;
    }
  items_clear (&items);

  if (results->results->len == 0 && !said_none)
    {
      g_autofree char *shown = shown_value (value, length);

      g_set_error (error, KANRI_AUTH_RESULTS_ERROR, KANRI_AUTH_RESULTS_ERROR_INVALID,
                   _("“%s” holds no authentication result (such as “spf=pass”)"), shown);
      return NULL;
    }

  return g_steal_pointer (&results);
}

/* g_ascii_strcasecmp (@lower, @text) == 0 for a @lower already in lower
 * case, as the methods and property names are stored: inline, where the
 * call cost more than the lookups of a report's values. */
static gboolean
equals_lowered (const char *lower,
                const char *text)
{
  for (; *lower != '\0'; lower++, text++)
    {
      if (*lower != ascii_lower (*text))
        return FALSE;
    }

  return *text == '\0';
}

/**
 * kanri_auth_results_find:
 * @method: "spf", "dkim", …
 *
 * Returns: (transfer none) (nullable): the first result for @method
 */
const KanriAuthResult *
kanri_auth_results_find (const KanriAuthResults *results,
                         const char             *method)
{
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (method != NULL, NULL);

  for (guint i = 0; i < results->results->len; i++)
    {
      const KanriAuthResult *result = g_ptr_array_index (results->results, i);

      /* Methods are stored in lower case. */
      if (equals_lowered (result->method, method))
        return result;
    }

  return NULL;
}

static const char *
find_property (GPtrArray  *properties,
               const char *name)
{
  for (guint i = 0; i < properties->len; i++)
    {
      const KanriAuthProperty *property = g_ptr_array_index (properties, i);

      /* The names are stored in lower case. */
      if (equals_lowered (property->name, name))
        return property->value;
    }

  return NULL;
}

/**
 * kanri_auth_result_get:
 * @property: "smtp.mailfrom", "header.d", "action", …
 *
 * Returns: (nullable): the first value of @property
 */
const char *
kanri_auth_result_get (const KanriAuthResult *result,
                       const char            *property)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (property != NULL, NULL);

  return find_property (result->properties, property);
}

void
kanri_received_spf_free (KanriReceivedSpf *spf)
{
  if (spf == NULL)
    return;

  g_ptr_array_unref (spf->properties);
  kanri_arena_clear (&spf->arena);
  g_free (spf);
}

/**
 * kanri_received_spf_parse:
 * @value: the unfolded value of a Received-SPF field
 *
 * Returns: (transfer full): the result, comment and key=value pairs, or
 *   %NULL with @error set when @value does not start with a result
 */
KanriReceivedSpf *
kanri_received_spf_parse (const char  *value,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(KanriReceivedSpf) spf = NULL;
  g_autofree char *valid = NULL;
  g_autoptr(GString) comment = NULL;
  Items items;

  g_return_val_if_fail (value != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (value);

  if (!kanri_utf8_validate (value, length))
    {
      valid = g_utf8_make_valid (value, length);
      value = valid;
      length = strlen (valid);
    }

  spf = g_new0 (KanriReceivedSpf, 1);
  spf->properties = g_ptr_array_new ();
  /* The field's copies, a few hundred bytes, in one block. */
  spf->arena.block_size = MAX (256, MIN (2 * length + 64, 64 * 1024));

  items_init (&items);
  for (const char *part = value, *end = value + length, *part_stop;; part = part_stop + 1)
    {
      part_stop = part_end (part, end);
      tokenize (part, part_stop, &items);

      for (guint j = 0; j < items.len; j++)
        {
          const Item *item = &items.items[j];

          if (item->kind == ITEM_WORD && spf->result == NULL && part == value && j == 0)
            spf->result = chunk_down (chunk_word (&spf->arena, item->name, item->name_length, item->name_quoted));
          else if (item->kind == ITEM_COMMENT)
            {
              if (comment == NULL)
                comment = g_string_new (NULL);
              append_comment (comment, item->value, item->value_length, FALSE);
            }
          else if (item->kind == ITEM_PAIR)
            add_property (spf->properties, item, &spf->arena);
        }

      if (part_stop >= end)
        break;
    }
  items_clear (&items);
  if (comment != NULL && comment->len > 0)
    spf->comment = kanri_arena_strndup (&spf->arena, comment->str, comment->len);

  if (spf->result == NULL)
    {
      g_autofree char *shown = shown_value (value, length);

      g_set_error (error, KANRI_AUTH_RESULTS_ERROR, KANRI_AUTH_RESULTS_ERROR_INVALID,
                   _("“%s” does not start with an SPF result (such as “Pass”)"), shown);
      return NULL;
    }

  return g_steal_pointer (&spf);
}

/**
 * kanri_received_spf_get:
 * @property: "client-ip", "helo", "envelope-from", …
 *
 * Returns: (nullable): the first value of @property
 */
const char *
kanri_received_spf_get (const KanriReceivedSpf *spf,
                        const char             *property)
{
  g_return_val_if_fail (spf != NULL, NULL);
  g_return_val_if_fail (property != NULL, NULL);

  return find_property (spf->properties, property);
}

typedef struct
{
  const char *method;
  const char *result;
  const char *text;
} Explanation;

/* RFC 7208 §2.6 (SPF), RFC 6376 and RFC 8601 §2.7.1 (DKIM), RFC 7489 and
 * Microsoft Learn "Anti-spam message headers" (DMARC's bestguesspass,
 * compauth), RFC 8617 (ARC). */
static const Explanation explanations[] = {
  { "spf", "pass", N_("The sending IP address is authorized by the domain’s SPF record.") },
  { "spf", "fail", N_("The domain’s SPF record says the sending IP address is not authorized (-all).") },
  { "spf", "softfail", N_("The domain’s SPF record says the sending IP address is probably not authorized (~all).") },
  { "spf", "neutral", N_("The domain’s SPF record makes no statement about the sending IP address (?all).") },
  { "spf", "none", N_("The domain publishes no SPF record.") },
  { "spf", "temperror", N_("A temporary DNS error prevented the SPF check.") },
  { "spf", "permerror", N_("The domain’s SPF record is broken (a syntax error or too many DNS lookups).") },
  { "dkim", "pass", N_("A DKIM signature was verified.") },
  { "dkim", "fail", N_("A DKIM signature was present but did not verify: the message was changed on the way or the key does not match.") },
  { "dkim", "none", N_("The message is not DKIM-signed. This is not a failure.") },
  { "dkim", "neutral", N_("A DKIM signature was present but could not be checked (for example, a syntax error in it).") },
  { "dkim", "policy", N_("A DKIM signature verified, but the receiver does not accept it by its policy.") },
  { "dkim", "temperror", N_("A temporary error (such as a DNS timeout) prevented checking the DKIM signature.") },
  { "dkim", "permerror", N_("The DKIM signature cannot be checked: its public key is missing or invalid.") },
  { "dmarc", "pass", N_("SPF or DKIM passed for a domain aligned with the From domain.") },
  { "dmarc", "fail", N_("Neither SPF nor DKIM passed for a domain aligned with the From domain.") },
  { "dmarc", "bestguesspass", N_("The From domain publishes no DMARC record, but the message would have passed if it did.") },
  { "dmarc", "none", N_("The From domain publishes no DMARC record.") },
  { "dmarc", "temperror", N_("A temporary DNS error prevented the DMARC check.") },
  { "dmarc", "permerror", N_("The From domain’s DMARC record is broken.") },
  { "compauth", "pass", N_("Composite authentication passed: Microsoft 365 considers the sender genuine.") },
  { "compauth", "fail", N_("Composite authentication failed: Microsoft 365 considers the sender spoofed.") },
  { "compauth", "softpass", N_("Composite authentication soft-passed: the sender is probably genuine.") },
  { "compauth", "none", N_("Composite authentication was not evaluated or was bypassed.") },
  { "arc", "pass", N_("The ARC chain of the intermediaries that handled the message is intact.") },
  { "arc", "fail", N_("The ARC chain is broken: an intermediary’s seal does not verify.") },
  { "arc", "none", N_("The message carries no ARC chain.") },
};

/**
 * kanri_auth_explain_result:
 *
 * Returns: (nullable): a translated sentence saying what @result means for
 *   @method
 */
const char *
kanri_auth_explain_result (const char *method,
                           const char *result)
{
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (explanations); i++)
    {
      if (g_ascii_strcasecmp (explanations[i].method, method) == 0 &&
          g_ascii_strcasecmp (explanations[i].result, result) == 0)
        return _(explanations[i].text);
    }

  return NULL;
}

/**
 * kanri_auth_explain_compauth_reason:
 * @reason: the three-digit reason code of compauth
 *
 * Source: Microsoft Learn "Anti-spam message headers", the compauth reason
 * codes of the Authentication-results section.
 *
 * Returns: (nullable): a translated explanation, %NULL for a code that is not
 *   documented
 */
const char *
kanri_auth_explain_compauth_reason (const char *reason)
{
  g_return_val_if_fail (reason != NULL, NULL);

  if (strlen (reason) != 3 || !is_number (reason))
    return NULL;

  if (g_str_equal (reason, "000"))
    return _("Explicit authentication failed: for example, DMARC failed and the domain’s policy is quarantine or reject.");
  if (g_str_equal (reason, "001"))
    return _("Implicit authentication failed: the sending domain publishes no email authentication records, or only ones with a weak policy (SPF ~all or ?all, DMARC p=none).");
  if (g_str_equal (reason, "002"))
    return _("An admin has set a policy that forbids this sender and domain pair from sending spoofed mail.");
  if (g_str_equal (reason, "010"))
    return _("DMARC failed with a quarantine or reject policy, and the sending domain is one of your organization’s accepted domains (self-to-self or intra-organization spoofing).");

  switch (reason[0])
    {
    case '1':
    case '7':
      return _("The message passed composite authentication. The last two digits are internal Microsoft codes.");
    case '2':
      return _("The message soft-passed implicit authentication. The last two digits are internal Microsoft codes.");
    case '3':
      return _("The message was not checked for composite authentication.");
    case '4':
    case '9':
      return _("The message bypassed composite authentication. The last two digits are internal Microsoft codes.");
    case '6':
      return _("Implicit authentication failed, and the sending domain is one of your organization’s accepted domains (self-to-self or intra-organization spoofing).");
    default:
      return NULL;
    }
}

/**
 * kanri_auth_explain_dmarc_action:
 * @action: the "action=" of Exchange Online's dmarc result
 *
 * Source: Microsoft Learn "Anti-spam message headers", dmarc action values.
 *
 * Returns: (nullable): a translated explanation
 */
const char *
kanri_auth_explain_dmarc_action (const char *action)
{
  g_return_val_if_fail (action != NULL, NULL);

  if (g_ascii_strcasecmp (action, "none") == 0)
    return _("No DMARC action: the message passed, or the domain’s policy is p=none.");
  if (g_ascii_strcasecmp (action, "quarantine") == 0)
    return _("The domain’s DMARC policy p=quarantine was applied.");
  if (g_ascii_strcasecmp (action, "reject") == 0)
    return _("The domain’s DMARC policy p=reject was applied.");
  if (g_ascii_strcasecmp (action, "oreject") == 0 || g_ascii_strcasecmp (action, "o.reject") == 0)
    return _("Override reject: the domain’s policy is p=reject, but Microsoft 365 marked the message as spam instead of rejecting it.");
  if (g_ascii_strcasecmp (action, "pct.quarantine") == 0)
    /* xgettext:no-c-format */
    return _("The domain’s policy is quarantine for less than 100% of failing mail (pct), and this message was randomly left out of it.");
  if (g_ascii_strcasecmp (action, "pct.reject") == 0)
    /* xgettext:no-c-format */
    return _("The domain’s policy is reject for less than 100% of failing mail (pct), and this message was randomly left out of it.");

  return NULL;
}

/**
 * kanri_auth_explain_auth_as:
 * @auth_as: the value of X-MS-Exchange-Organization-AuthAs
 *
 * Returns: (nullable): a translated explanation
 */
const char *
kanri_auth_explain_auth_as (const char *auth_as)
{
  g_return_val_if_fail (auth_as != NULL, NULL);

  if (g_ascii_strcasecmp (auth_as, "Anonymous") == 0)
    return _("Exchange Online received the message from the internet without authentication.");
  if (g_ascii_strcasecmp (auth_as, "Internal") == 0)
    return _("Exchange Online treated the message as internal: sent by an authenticated user or a server of your own organization. Internal mail has no Authentication-Results.");
  if (g_ascii_strcasecmp (auth_as, "Partner") == 0)
    return _("Exchange Online received the message through a partner connector (secured by TLS or by IP address).");

  return NULL;
}
