/* kanri-message-file.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-message-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-message-file.h"
#include "kanri-mime.h"
#include "kanri-outlook-msg.h"
#include "kanri-pasted-text.h"
#include "kanri-utf8.h"

/* What was dropped, opened or pasted, recognized by its content: an Outlook
 * .msg (an OLE compound file), a message as a mail server stores it (.eml),
 * or text holding headers somewhere. Only the top-level header section is
 * analyzed: headers quoted in a body or in an attachment are not the
 * message's. */
struct _KanriMessageFile
{
  GObject              parent_instance;

  KanriMessageFormat   format;
  KanriHeaderBlock    *headers;
  char                *msg_subject;
  KanriDeliveryStatus *delivery_status;
};

G_DEFINE_FINAL_TYPE (KanriMessageFile, kanri_message_file, G_TYPE_OBJECT)

G_DEFINE_QUARK (kanri-message-file-error-quark, kanri_message_file_error)

/* Binary files show a NUL within their first bytes; a message does not. */
#define BINARY_PROBE 1024

static void
kanri_message_file_finalize (GObject *object)
{
  KanriMessageFile *self = (KanriMessageFile *)object;

  g_clear_object (&self->headers);
  g_clear_pointer (&self->msg_subject, g_free);
  g_clear_pointer (&self->delivery_status, kanri_delivery_status_free);

  G_OBJECT_CLASS (kanri_message_file_parent_class)->finalize (object);
}

static void
kanri_message_file_class_init (KanriMessageFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_message_file_finalize;
}

static void
kanri_message_file_init (KanriMessageFile *self)
{
}

/**
 * kanri_message_format_to_string:
 *
 * Returns: "eml", "msg" or "text", as in the JSON report
 */
const char *
kanri_message_format_to_string (KanriMessageFormat format)
{
  switch (format)
    {
    case KANRI_MESSAGE_FORMAT_EML:
      return "eml";
    case KANRI_MESSAGE_FORMAT_MSG:
      return "msg";
    case KANRI_MESSAGE_FORMAT_TEXT:
      return "text";
    case KANRI_MESSAGE_FORMAT_AUTO:
    default:
      return NULL;
    }
}

/* Text saved by Notepad as "Unicode" is UTF-16 with a byte order mark;
 * returns it as UTF-8, or %NULL for any other text. */
static char *
utf16_to_utf8 (const char *data,
               gsize       length)
{
  const guint8 *bytes = (const guint8 *)data;
  gsize even;

  if (length < 2 || !((bytes[0] == 0xff && bytes[1] == 0xfe) || (bytes[0] == 0xfe && bytes[1] == 0xff)))
    return NULL;

  even = (length - 2) & ~(gsize)1;
  return kanri_mime_convert (data + 2, even, bytes[0] == 0xff ? "UTF-16LE" : "UTF-16BE");
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
        return FALSE;
    }

  return TRUE;
}

static gboolean
looks_binary (const char *data,
              gsize       length)
{
  return memchr (data, '\0', MIN (length, BINARY_PROBE)) != NULL;
}

/* An mbox "From " line before the message (RFC 4155). */
static gsize
skip_mbox_line (const char *text,
                gsize       length)
{
  const char *newline;

  if (length < 5 || memcmp (text, "From ", 5) != 0)
    return 0;

  newline = memchr (text, '\n', length);
  return newline != NULL ? (gsize)(newline - text + 1) : 0;
}

static void
set_no_headers (GError     **error,
                const char  *reason)
{
  g_set_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_NO_HEADERS,
               _("No message headers found: %s"), reason);
}

/* After the headers are known: a delivery-status report carries its status
 * and the returned headers in its body, which starts @consumed bytes into
 * @message. */
static void
read_report (KanriMessageFile *self,
             const char       *message,
             gsize             length,
             gsize             consumed)
{
  if (kanri_delivery_status_is_report (self->headers))
    self->delivery_status = kanri_delivery_status_parse (self->headers, message + consumed, length - consumed);
}

/* The header block's errors, as this file's: binary data and size keep
 * their reason, anything else means no headers. */
static void
set_error_from_block (GError      **error,
                      const GError *block_error)
{
  KanriMessageFileError code = KANRI_MESSAGE_FILE_ERROR_NO_HEADERS;

  if (g_error_matches (block_error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_BINARY))
    code = KANRI_MESSAGE_FILE_ERROR_BINARY;
  else if (g_error_matches (block_error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_TOO_LARGE))
    code = KANRI_MESSAGE_FILE_ERROR_TOO_LARGE;

  g_set_error_literal (error, KANRI_MESSAGE_FILE_ERROR, code, block_error->message);
}

static gboolean
load_message_text (KanriMessageFile    *self,
                   const char          *text,
                   gsize                length,
                   KanriMessageFormat   format,
                   GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean = NULL;
  gsize clean_length = 0;
  gsize consumed = 0;
  gsize mbox = skip_mbox_line (text, length);

  /* A file that starts right away with a header section as a server writes
   * it is a stored message. Text that only starts with a field (quoted,
   * indented below the first line, with lone CR line ends) is a paste: read
   * as it is, its later fields would be taken for folds of the first. */
  if (format != KANRI_MESSAGE_FORMAT_TEXT && kanri_pasted_text_is_as_written (text + mbox, length - mbox))
    {
      self->headers = kanri_header_block_parse (text + mbox, length - mbox, &consumed, &local_error);
      if (self->headers != NULL)
        {
          self->format = KANRI_MESSAGE_FORMAT_EML;
          read_report (self, text + mbox, length - mbox, consumed);
          return TRUE;
        }

      if (g_error_matches (local_error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_BINARY) ||
          g_error_matches (local_error, KANRI_HEADER_BLOCK_ERROR, KANRI_HEADER_BLOCK_ERROR_TOO_LARGE))
        {
          set_error_from_block (error, local_error);
          return FALSE;
        }
      g_clear_error (&local_error);
    }

  if (!kanri_utf8_validate (text, length))
    {
      g_autofree char *valid = kanri_mime_decode_8bit (text, length);

      clean = kanri_pasted_text_clean (valid, strlen (valid), &clean_length);
    }
  else
    clean = kanri_pasted_text_clean (text, length, &clean_length);

  if (clean == NULL)
    {
      set_no_headers (error, _("no line looks like a header field (“Name: value”)"));
      return FALSE;
    }

  self->headers = kanri_header_block_parse (clean, clean_length, &consumed, &local_error);
  if (self->headers == NULL)
    {
      set_error_from_block (error, local_error);
      return FALSE;
    }

  self->format = KANRI_MESSAGE_FORMAT_TEXT;
  read_report (self, clean, clean_length, consumed);
  return TRUE;
}

static gboolean
load_msg (KanriMessageFile  *self,
          const char        *data,
          gsize              length,
          GError           **error)
{
  g_autofree char *transport_headers = NULL;
  g_autofree char *clean = NULL;
  gsize clean_length = 0;

  if (!kanri_outlook_msg_read (data, length, &transport_headers, &self->msg_subject, error))
    return FALSE;

  /* Internal mail's headers start with "Microsoft Mail Internet Headers
   * Version 2.0", which is not a field: read them as pasted text. */
  clean = kanri_pasted_text_clean (transport_headers, strlen (transport_headers), &clean_length);
  if (clean != NULL)
    self->headers = kanri_header_block_parse (clean, clean_length, NULL, NULL);

  if (self->headers == NULL)
    {
      g_set_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_NO_TRANSPORT_HEADERS,
                   _("The Internet headers of this Outlook message (property 0x007D) hold no header fields"));
      return FALSE;
    }

  self->format = KANRI_MESSAGE_FORMAT_MSG;
  return TRUE;
}

/**
 * kanri_message_file_load:
 * @data: the bytes of a file, or pasted text
 * @length: their length
 * @format: %KANRI_MESSAGE_FORMAT_AUTO to recognize the format from the
 *   content, or the format the caller knows (pasted text is always
 *   %KANRI_MESSAGE_FORMAT_TEXT)
 *
 * Returns: (transfer full): the loaded message, or %NULL with @error set
 */
KanriMessageFile *
kanri_message_file_load (const char          *data,
                         gsize                length,
                         KanriMessageFormat   format,
                         GError             **error)
{
  g_autoptr(KanriMessageFile) self = NULL;
  g_autofree char *converted = NULL;
  const char *text;
  gsize text_length;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > KANRI_MESSAGE_FILE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);

      g_set_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_TOO_LARGE,
                   _("The input is %s; Kanri analyzes messages up to 25 MB, the largest Exchange Online accepts by default"),
                   size);
      return NULL;
    }

  self = g_object_new (KANRI_TYPE_MESSAGE_FILE, NULL);

  if (format == KANRI_MESSAGE_FORMAT_MSG ||
      (format == KANRI_MESSAGE_FORMAT_AUTO && kanri_outlook_msg_is_ole (data, length)))
    {
      if (!load_msg (self, data, length, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  /* The input is read in place unless it is UTF-16. */
  converted = utf16_to_utf8 (data, length);
  if (converted != NULL)
    {
      text = converted;
      text_length = strlen (converted);
    }
  else
    {
      text = data;
      text_length = length;
      if (text_length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
        {
          text += 3;
          text_length -= 3;
        }
    }

  if (looks_binary (text, text_length))
    {
      g_set_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_BINARY,
                   _("This is not a message or text: it contains binary data"));
      return NULL;
    }

  if (is_blank (text, text_length))
    {
      set_no_headers (error, _("the input is empty"));
      return NULL;
    }

  if (!load_message_text (self, text, text_length, format, error))
    return NULL;

  return g_steal_pointer (&self);
}

KanriMessageFormat
kanri_message_file_get_format (KanriMessageFile *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_FILE (self), KANRI_MESSAGE_FORMAT_AUTO);

  return self->format;
}

/**
 * kanri_message_file_get_headers:
 *
 * Returns: (transfer none): the top-level header section
 */
KanriHeaderBlock *
kanri_message_file_get_headers (KanriMessageFile *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_FILE (self), NULL);

  return self->headers;
}

/**
 * kanri_message_file_get_msg_subject:
 *
 * Returns: (nullable): PR_SUBJECT of an Outlook message
 */
const char *
kanri_message_file_get_msg_subject (KanriMessageFile *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_FILE (self), NULL);

  return self->msg_subject;
}

/**
 * kanri_message_file_get_delivery_status:
 *
 * Returns: (transfer none) (nullable): the report of a non-delivery report
 */
const KanriDeliveryStatus *
kanri_message_file_get_delivery_status (KanriMessageFile *self)
{
  g_return_val_if_fail (KANRI_IS_MESSAGE_FILE (self), NULL);

  return self->delivery_status;
}
