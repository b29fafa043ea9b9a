/* kanri-delivery-status.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-delivery-status"

#include "config.h"

#include <string.h>

#include "kanri-delivery-status.h"
#include "kanri-mime.h"

/* Non-delivery reports are multipart/report messages (RFC 6522) with
 * report-type=delivery-status: a human-readable part, a
 * message/delivery-status part (RFC 3464 §2) and the returned message, whole
 * (message/rfc822) or headers only (text/rfc822-headers). RFC 6533 adds the
 * "global" variants for internationalized mail. */

/* Reports nest their parts one or two levels deep; deeper is not a report. */
#define MAX_DEPTH 8

void
kanri_delivery_status_free (KanriDeliveryStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->reporting_mta);
  g_free (status->recipient);
  g_free (status->original_recipient);
  g_free (status->action);
  g_free (status->status);
  g_free (status->diagnostic);
  g_free (status->remote_mta);
  g_clear_object (&status->original);
  g_free (status);
}

static gboolean
is_report_type (const char *report_type)
{
  return report_type != NULL &&
         (g_ascii_strcasecmp (report_type, "delivery-status") == 0 ||
          g_ascii_strcasecmp (report_type, "global-delivery-status") == 0);
}

/**
 * kanri_delivery_status_is_report:
 * @headers: the top-level header section of a message
 *
 * Returns: whether the message is a multipart/report of delivery status
 */
gboolean
kanri_delivery_status_is_report (KanriHeaderBlock *headers)
{
  GMimeContentType *type;
  const char *value;
  gboolean report;

  g_return_val_if_fail (KANRI_IS_HEADER_BLOCK (headers), FALSE);

  /* Cheap first: most messages are not reports, and GMime's parser is not. */
  value = kanri_header_block_lookup (headers, "Content-Type");
  if (value == NULL || strcasestr (value, "report") == NULL)
    return FALSE;

  /* GMime types have no g_autoptr() cleanup functions to rely on. */
  type = g_mime_content_type_parse (kanri_mime_get_parser_options (), value);
  if (type == NULL)
    return FALSE;

  report = g_mime_content_type_is_type (type, "multipart", "report") &&
           is_report_type (g_mime_content_type_get_parameter (type, "report-type"));
  g_object_unref (type);

  return report;
}

typedef struct
{
  GMimeObject *status_part;
  GMimeObject *original_part;
} Parts;

static gboolean
is_type (GMimeObject *object,
         const char  *type,
         const char  *subtype)
{
  GMimeContentType *content_type = g_mime_object_get_content_type (object);

  return content_type != NULL && g_mime_content_type_is_type (content_type, type, subtype);
}

static void
find_parts (GMimeObject *object,
            guint        depth,
            Parts       *parts)
{
  if (depth > MAX_DEPTH)
    return;

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int count = g_mime_multipart_get_count (multipart);

      for (int i = 0; i < count; i++)
        find_parts (g_mime_multipart_get_part (multipart, i), depth + 1, parts);
      return;
    }

  if (parts->status_part == NULL &&
      (is_type (object, "message", "delivery-status") ||
       is_type (object, "message", "global-delivery-status")))
    parts->status_part = object;
  else if (parts->original_part == NULL &&
           (GMIME_IS_MESSAGE_PART (object) ||
            is_type (object, "text", "rfc822-headers") ||
            is_type (object, "message", "global-headers")))
    parts->original_part = object;
}

/* The decoded content of a leaf part (base64 and quoted-printable undone). */
static GByteArray *
part_content (GMimeObject *object)
{
  GMimeStream *stream;
  GMimeDataWrapper *content;
  GByteArray *bytes = NULL;

  if (!GMIME_IS_PART (object))
    return NULL;

  content = g_mime_part_get_content (GMIME_PART (object));
  if (content == NULL)
    return NULL;

  /* The stream frees its buffer however it is referenced, unless told it
   * does not own it. */
  stream = g_mime_stream_mem_new ();
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  if (g_mime_data_wrapper_write_to_stream (content, stream) < 0)
    g_clear_pointer (&bytes, g_byte_array_unref);
  g_object_unref (stream);

  return bytes;
}

/* "rfc822; user@example.com" → "user@example.com" (RFC 3464 §2.3: every
 * such field starts with its type). */
static char *
without_type (const char *value)
{
  const char *semicolon;

  if (value == NULL)
    return NULL;

  semicolon = strchr (value, ';');
  if (semicolon != NULL)
    value = semicolon + 1;

  return g_strstrip (g_strdup (value));
}

static void
read_status_fields (KanriDeliveryStatus *status,
                    const char          *text,
                    gsize                length)
{
  const char *p = text;
  const char *end;
  gboolean first = TRUE;

  /* An empty part's content comes as NULL. */
  if (text == NULL)
    return;
  end = text + length;

  while (p < end)
    {
      g_autoptr(KanriHeaderBlock) block = NULL;
      gsize consumed = 0;

      while (p < end && (*p == '\r' || *p == '\n' || *p == ' ' || *p == '\t'))
        p++;
      if (p >= end)
        break;

      block = kanri_header_block_parse (p, end - p, &consumed, NULL);
      if (block == NULL || consumed == 0)
        break;
      p += consumed;

      /* The per-message fields come first (RFC 3464 §2.2). */
      if (first)
        {
          status->reporting_mta = without_type (kanri_header_block_lookup (block, "Reporting-MTA"));
          first = FALSE;
          if (kanri_header_block_lookup (block, "Status") == NULL)
            continue;
        }

      if (kanri_header_block_lookup (block, "Status") == NULL)
        continue;

      status->recipient = without_type (kanri_header_block_lookup (block, "Final-Recipient"));
      status->original_recipient = without_type (kanri_header_block_lookup (block, "Original-Recipient"));
      status->action = g_strdup (kanri_header_block_lookup (block, "Action"));
      status->status = g_strdup (kanri_header_block_lookup (block, "Status"));
      status->diagnostic = without_type (kanri_header_block_lookup (block, "Diagnostic-Code"));
      status->remote_mta = without_type (kanri_header_block_lookup (block, "Remote-MTA"));
      break;
    }
}

static KanriHeaderBlock *
read_original (GMimeObject *object,
               gboolean    *headers_only)
{
  g_autofree char *text = NULL;
  g_autoptr(GByteArray) bytes = NULL;

  if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *message = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      if (message == NULL)
        return NULL;

      *headers_only = FALSE;
      text = g_mime_header_list_to_string (g_mime_object_get_header_list (GMIME_OBJECT (message)), NULL);
      return text != NULL ? kanri_header_block_parse (text, strlen (text), NULL, NULL) : NULL;
    }

  bytes = part_content (object);
  if (bytes == NULL)
    return NULL;

  *headers_only = TRUE;
  return kanri_header_block_parse ((const char *)bytes->data, bytes->len, NULL, NULL);
}

static KanriDeliveryStatus *
read_report (GMimeMessage *message)
{
  g_autoptr(GByteArray) fields = NULL;
  KanriDeliveryStatus *status;
  Parts parts = { NULL, NULL };
  GMimeObject *body = g_mime_message_get_mime_part (message);

  if (body == NULL)
    return NULL;

  find_parts (body, 0, &parts);
  if (parts.status_part == NULL)
    return NULL;

  status = g_new0 (KanriDeliveryStatus, 1);

  fields = part_content (parts.status_part);
  if (fields != NULL)
    read_status_fields (status, (const char *)fields->data, fields->len);

  if (parts.original_part != NULL)
    status->original = read_original (parts.original_part, &status->original_is_headers_only);

  return status;
}

/**
 * kanri_delivery_status_parse:
 * @message: a whole multipart/report message
 *
 * Returns: (transfer full) (nullable): the report's fields and returned
 *   headers, or %NULL when @message has no delivery-status part
 */
KanriDeliveryStatus *
kanri_delivery_status_parse (const char *message,
                             gsize       length)
{
  KanriDeliveryStatus *status = NULL;
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *parsed;

  g_return_val_if_fail (message != NULL || length == 0, NULL);

  kanri_mime_init ();

  stream = g_mime_stream_mem_new_with_buffer (message, length);
  parser = g_mime_parser_new_with_stream (stream);
  parsed = g_mime_parser_construct_message (parser, kanri_mime_get_parser_options ());

  if (parsed != NULL)
    {
      status = read_report (parsed);
      g_object_unref (parsed);
    }

  g_object_unref (parser);
  g_object_unref (stream);

  return status;
}
