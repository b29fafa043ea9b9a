/* kanri-header-block.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-header-block"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-arena.h"
#include "kanri-header-block.h"
#include "kanri-mime.h"
#include "kanri-utf8.h"
#include "kanri-steps.h"

/* A header section (RFC 5322 §2.2): fields in the order written, names
 * matched case-insensitively and exactly, so that "Received-SPF" is never
 * taken for "Received". */
struct _KanriHeaderBlock
{
  GObject       parent_instance;

  KanriArena        strings;
  /* In @strings too. */
  KanriHeaderField *fields;
  guint             n_fields;
};

G_DEFINE_FINAL_TYPE (KanriHeaderBlock, kanri_header_block, G_TYPE_OBJECT)

G_DEFINE_QUARK (kanri-header-block-error-quark, kanri_header_block_error)

static void
kanri_header_block_finalize (GObject *object)
{
  KanriHeaderBlock *self = (KanriHeaderBlock *)object;

  kanri_arena_clear (&self->strings);

  G_OBJECT_CLASS (kanri_header_block_parent_class)->finalize (object);
}

static void
kanri_header_block_class_init (KanriHeaderBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_header_block_finalize;
}

static void
kanri_header_block_init (KanriHeaderBlock *self)
{
}

/* The fields while the section is read: on the stack up to a typical
 * Exchange Online section's count, then on the heap; copied into the
 * block's arena at the end, at their exact size. A 2 KB array from
 * malloc() for every message cost more than reading a dozen fields. */
#define STACK_FIELDS 64

typedef struct
{
  KanriHeaderField *items;
  guint             len;
  guint             capacity;
  KanriHeaderField  stack[STACK_FIELDS];
} Fields;

static void
fields_init (Fields *fields)
{
  fields->items = fields->stack;
  fields->len = 0;
  fields->capacity = STACK_FIELDS;
}

static void
fields_clear (Fields *fields)
{
  if (fields->items != fields->stack)
    g_free (fields->items);
  fields->items = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fields, fields_clear)

static G_GNUC_NO_INLINE void
fields_grow (Fields *fields)
{
  KanriHeaderField *bigger = g_new (KanriHeaderField, fields->capacity * 2);

  memcpy (bigger, fields->items, fields->len * sizeof (KanriHeaderField));
  if (fields->items != fields->stack)
    g_free (fields->items);
  fields->items = bigger;
  fields->capacity *= 2;
}

static gboolean
is_wsp (char c)
{
  return c == ' ' || c == '\t';
}

/* The bytes of a field name: printable US-ASCII except ":" (RFC 5322
 * §3.6.8). A lookup per byte, where four comparisons took a third of the
 * time of reading a field. */
static const guint8 field_name_bytes[256] = {
  [33 ... ':' - 1] = 1,
  [':' + 1 ... 126] = 1,
};

/* Length of the field name at @line, or 0 if the line does not start a field:
 * a name, then optional white space (the obsolete form of §4.5), then ":". */
static gsize
field_name_length (const char *line,
                   const char *end,
                   const char **colon)
{
  const char *p = line;
  gsize length;

  while (p < end && field_name_bytes[(guchar)*p])
    p++;
  length = p - line;

  while (p < end && is_wsp (*p))
    p++;

  if (length == 0 || p >= end || *p != ':')
    return 0;

  *colon = p;
  return length;
}

static const char *
insert_decoded (KanriHeaderBlock *self,
                const char       *text,
                gsize             length)
{
  g_autofree char *decoded = kanri_mime_decode_8bit (text, length);

  return kanri_arena_strndup (&self->strings, decoded, strlen (decoded));
}

/* Where a value on several lines is copied, in both its forms: on the
 * stack up to a large Received field, then on the heap. */
#define STACK_SCRATCH 2048

typedef struct
{
  char  *data;
  gsize  capacity;
  char   stack[STACK_SCRATCH];
} Scratch;

static void
scratch_init (Scratch *scratch)
{
  scratch->data = scratch->stack;
  scratch->capacity = STACK_SCRATCH;
}

static void
scratch_clear (Scratch *scratch)
{
  if (scratch->data != scratch->stack)
    g_free (scratch->data);
  scratch->data = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scratch, scratch_clear)

/* Room for @size bytes; what was there is not kept. */
static char *
scratch_reserve (Scratch *scratch,
                 gsize    size)
{
  if (size > scratch->capacity)
    {
      if (scratch->data != scratch->stack)
        g_free (scratch->data);
      scratch->capacity = MAX (size, 2 * scratch->capacity);
      scratch->data = g_malloc (scratch->capacity);
    }

  return scratch->data;
}

/* Copies @value in both its forms into @out, a line at a time in one pass:
 * raw, without its CRs, at the start (@raw_length bytes), and unfolded,
 * without any line break, from @end - @value on (@unfolded_length bytes).
 * A value with no CR at all (LF line ends) is not searched for one line by
 * line. */
static void
copy_without_breaks (char       *out,
                     const char *value,
                     const char *end,
                     gsize      *raw_length,
                     gsize      *unfolded_length)
{
  const char *p = value;
  char *raw = out;
  char *unfolded = out + (end - value);
  gboolean has_cr = memchr (value, '\r', end - value) != NULL;

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line_end = newline != NULL ? newline : end;

      /* A CR is only ever part of a line break. */
      for (const char *cr; has_cr && p < line_end && (cr = memchr (p, '\r', line_end - p)) != NULL; p = cr + 1)
        {
          memcpy (raw, p, cr - p);
          memcpy (unfolded, p, cr - p);
          raw += cr - p;
          unfolded += cr - p;
        }
      memcpy (raw, p, line_end - p);
      memcpy (unfolded, p, line_end - p);
      raw += line_end - p;
      unfolded += line_end - p;

      if (newline == NULL)
        break;
      *raw++ = '\n';
      p = newline + 1;
    }

  *raw_length = raw - out;
  *unfolded_length = unfolded - (out + (end - value));
}

static const char *
insert (KanriHeaderBlock *self,
        gboolean          valid,
        const char       *text,
        gsize             length)
{
  return valid ? kanri_arena_strndup (&self->strings, text, length) : insert_decoded (self, text, length);
}

static void
add_field (KanriHeaderBlock *self,
           Fields           *fields,
           const char       *name,
           gsize             name_length,
           const char       *value,
           const char       *value_end,
           gboolean          continued,
           guint             line,
           Scratch          *scratch)
{
  KanriHeaderField field;
  const char *start = value;
  const char *end = value_end;
  gboolean one_line = FALSE;
  gboolean valid;

  field.name = kanri_arena_strndup (&self->strings, name, name_length);
  field.line = line;

  /* Dropping line breaks and edge spaces keeps valid UTF-8 valid, so one
   * check covers both forms. */
  valid = kanri_utf8_validate (value, value_end - value);

  /* A value without continuation lines has no LF; a lone CR in it still
   * needs the copy. */
  if (!continued && memchr (value, '\r', value_end - value) == NULL)
    {
      /* One line, the common case: both forms are slices of the input. */
      field.raw_value = insert (self, valid, value, value_end - value);
      one_line = TRUE;
    }
  else
    {
      char *copy = scratch_reserve (scratch, 2 * (value_end - value));
      gsize raw_length;
      gsize unfolded_length;

      /* Raw: as written, with "\n" line ends; unfolded (RFC 5322 §2.2.3: a
       * line break before white space is removed). */
      copy_without_breaks (copy, value, value_end, &raw_length, &unfolded_length);
      field.raw_value = insert (self, valid, copy, raw_length);
      start = copy + (value_end - value);
      end = start + unfolded_length;
    }

  while (start < end && is_wsp (*start))
    start++;
  while (end > start && is_wsp (end[-1]))
    end--;

  /* A one-line value that ends without white space is the raw value
   * without its leading space: it shares the raw value's copy. Valid UTF-8
   * only, since decoding changes the lengths. */
  if (one_line && valid && end == value_end)
    field.value = field.raw_value + (start - value);
  else
    field.value = insert (self, valid, start, end - start);

  if (G_UNLIKELY (fields->len == fields->capacity))
    fields_grow (fields);
  fields->items[fields->len++] = field;
}

/* How far ahead of the line at hand the parser looks for a NUL byte: one
 * memchr() per kilobyte rather than one per line, and little read past the
 * end of the header section. */
#define NUL_WINDOW 1024

/**
 * kanri_header_block_parse:
 * @text: a header section, starting with its first field
 * @length: the length of @text
 * @consumed: (out) (optional): how many bytes the header section took,
 *   including the empty line that ends it
 *
 * Reads fields until an empty line, the end of @text, or a line that is
 * neither a field nor a continuation (a body pasted right after the headers).
 * CRLF and LF line ends are both accepted.
 *
 * Returns: (transfer full): the header section, or %NULL with @error set when
 *   @text does not start with a field, holds binary data or is too large
 */
KanriHeaderBlock *
kanri_header_block_parse (const char  *text,
                          gsize        length,
                          gsize       *consumed,
                          GError     **error)
{
  g_autoptr(KanriHeaderBlock) self = NULL;
  g_auto(Scratch) scratch = { 0 };
  g_auto(Fields) fields = { 0 };
  const char *end;
  const char *p;
  const char *name = NULL;
  gsize name_length = 0;
  const char *value = NULL;
  const char *value_end = NULL;
  guint field_line = 0;
  guint line = 0;
  gboolean continued = FALSE;
  const char *no_nul_until;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  /* An empty buffer may come as NULL (an empty GByteArray's data). */
  if (text == NULL)
    text = "";
  end = text + length;
  p = text;
  /* [text, no_nul_until) holds no NUL; a NUL found ahead is at no_nul_until. */
  no_nul_until = text;

  self = g_object_new (KANRI_TYPE_HEADER_BLOCK, NULL);
  /* A value on several lines is kept raw and unfolded: twice its size. */
  self->strings.block_size = MAX (1024, MIN (2 * length, 64 * 1024));
  scratch_init (&scratch);
  fields_init (&fields);

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line_end = newline != NULL ? newline : end;
      const char *next = newline != NULL ? newline + 1 : end;
      const char *content_end = line_end;

      KANRI_STEP ();
      line++;
      if (content_end > p && content_end[-1] == '\r')
        content_end--;

      if ((gsize)(next - text) > KANRI_HEADER_BLOCK_MAX_SIZE)
        {
          g_set_error (error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_TOO_LARGE,
                       _("The header section is larger than %d MB; real mail headers are far smaller (Exchange Online accepts at most 256 KB)"),
                       KANRI_HEADER_BLOCK_MAX_SIZE / (1024 * 1024));
          return NULL;
        }

      if (line_end > no_nul_until)
        {
          const char *limit = (gsize)(end - line_end) > NUL_WINDOW ? line_end + NUL_WINDOW : end;
          const char *nul = memchr (no_nul_until, '\0', limit - no_nul_until);

          no_nul_until = nul != NULL ? nul : limit;
        }
      if (no_nul_until < line_end)
        {
          g_set_error (error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_BINARY,
                       _("The header section contains binary data (a NUL byte on line %u)"),
                       line);
          return NULL;
        }

      if (content_end == p)
        {
          p = next;
          break;
        }

      if (is_wsp (*p))
        {
          if (name == NULL)
            {
              g_set_error (error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_NO_HEADERS,
                           _("No message headers found: the text starts with an indented line, not with “Name: value”"));
              return NULL;
            }
          value_end = content_end;
          continued = TRUE;
        }
      else
        {
          const char *colon = NULL;
          gsize n = field_name_length (p, content_end, &colon);

          if (n == 0)
            {
              if (name == NULL)
                {
                  g_set_error (error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_NO_HEADERS,
                               _("No message headers found: the first line is not a header field (“Name: value”)"));
                  return NULL;
                }
              break;
            }

          if (name != NULL)
            add_field (self, &fields, name, name_length, value, value_end, continued, field_line, &scratch);

          name = p;
          name_length = n;
          value = colon + 1;
          value_end = content_end;
          continued = FALSE;
          field_line = line;
        }

      p = next;
    }

  if (name == NULL)
    {
      g_set_error (error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_NO_HEADERS,
                   _("No message headers found: the text is empty or starts with an empty line"));
      return NULL;
    }

  add_field (self, &fields, name, name_length, value, value_end, continued, field_line, &scratch);
  self->n_fields = fields.len;
  self->fields = (KanriHeaderField *)kanri_arena_take (&self->strings, fields.len * sizeof (KanriHeaderField),
                                                       KANRI_ARENA_ALIGNMENT);
  memcpy (self->fields, fields.items, fields.len * sizeof (KanriHeaderField));

  if (consumed != NULL)
    *consumed = p - text;

  return g_steal_pointer (&self);
}

guint
kanri_header_block_get_n_fields (KanriHeaderBlock *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_BLOCK (self), 0);

  return self->n_fields;
}

/**
 * kanri_header_block_get_field:
 *
 * Returns: (transfer none): field @index, counting from the top
 */
const KanriHeaderField *
kanri_header_block_get_field (KanriHeaderBlock *self,
                              guint             index)
{
  g_return_val_if_fail (KANRI_IS_HEADER_BLOCK (self), NULL);
  g_return_val_if_fail (index < self->n_fields, NULL);

  return &self->fields[index];
}

/**
 * kanri_header_block_find:
 * @name: a field name, matched case-insensitively and exactly
 * @start: the first index to look at
 *
 * Returns: the index of the first field named @name at or after @start, or -1
 */
int
kanri_header_block_find (KanriHeaderBlock *self,
                         const char       *name,
                         guint             start)
{
  g_return_val_if_fail (KANRI_IS_HEADER_BLOCK (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  /* Most names differ in their first byte: with the 0x20 bit set, two
   * bytes that differ in any case still differ, so that rules them out
   * without the call. */
  for (guint i = start; i < self->n_fields; i++)
    {
      if ((self->fields[i].name[0] | 0x20) == (name[0] | 0x20) &&
          g_ascii_strcasecmp (self->fields[i].name, name) == 0)
        return (int)i;
    }

  return -1;
}

/**
 * kanri_header_block_lookup:
 *
 * Returns: (nullable): the unfolded value of the topmost field named @name
 */
const char *
kanri_header_block_lookup (KanriHeaderBlock *self,
                           const char       *name)
{
  int index = kanri_header_block_find (self, name, 0);

  return index < 0 ? NULL : self->fields[index].value;
}

guint
kanri_header_block_count (KanriHeaderBlock *self,
                          const char       *name)
{
  guint count = 0;

  for (int i = kanri_header_block_find (self, name, 0); i >= 0;
       i = kanri_header_block_find (self, name, i + 1))
    count++;

  return count;
}

/**
 * kanri_header_block_decode_value:
 *
 * Returns: (transfer full): the value of field @index with RFC 2047 encoded
 *   words decoded, for display
 */
char *
kanri_header_block_decode_value (KanriHeaderBlock *self,
                                 guint             index)
{
  g_return_val_if_fail (KANRI_IS_HEADER_BLOCK (self), NULL);
  g_return_val_if_fail (index < self->n_fields, NULL);

  return kanri_mime_decode_words (self->fields[index].value);
}
