/* kanri-message-file.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-delivery-status.h"
#include "kanri-header-block.h"

G_BEGIN_DECLS

#define KANRI_MESSAGE_FILE_ERROR (kanri_message_file_error_quark ())

typedef enum
{
  KANRI_MESSAGE_FILE_ERROR_TOO_LARGE,
  KANRI_MESSAGE_FILE_ERROR_BINARY,
  KANRI_MESSAGE_FILE_ERROR_NO_HEADERS,
  KANRI_MESSAGE_FILE_ERROR_DAMAGED_MSG,
  KANRI_MESSAGE_FILE_ERROR_NO_TRANSPORT_HEADERS,
} KanriMessageFileError;

typedef enum
{
  KANRI_MESSAGE_FORMAT_AUTO,
  KANRI_MESSAGE_FORMAT_EML,
  KANRI_MESSAGE_FORMAT_MSG,
  KANRI_MESSAGE_FORMAT_TEXT,
} KanriMessageFormat;

/* The largest input read: Exchange Online's default maximum message size
 * is 25 MB (Microsoft Learn "Exchange Online limits"). */
#define KANRI_MESSAGE_FILE_MAX_SIZE (25 * 1024 * 1024)

#define KANRI_TYPE_MESSAGE_FILE (kanri_message_file_get_type ())

G_DECLARE_FINAL_TYPE (KanriMessageFile, kanri_message_file, KANRI, MESSAGE_FILE, GObject)

GQuark                     kanri_message_file_error_quark          (void);
KanriMessageFile          *kanri_message_file_load                 (const char         *data,
                                                                    gsize               length,
                                                                    KanriMessageFormat  format,
                                                                    GError            **error);
KanriMessageFormat         kanri_message_file_get_format           (KanriMessageFile   *self);
KanriHeaderBlock          *kanri_message_file_get_headers          (KanriMessageFile   *self);
const char                *kanri_message_file_get_msg_subject      (KanriMessageFile   *self);
const KanriDeliveryStatus *kanri_message_file_get_delivery_status  (KanriMessageFile   *self);

const char                *kanri_message_format_to_string          (KanriMessageFormat  format);

G_END_DECLS
