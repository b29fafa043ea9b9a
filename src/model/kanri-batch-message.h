/* kanri-batch-message.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The text fields of a message of a batch analysis, as the table's columns
 * and the CLI's CSV name them. */
typedef enum
{
  KANRI_BATCH_FIELD_PATH,
  KANRI_BATCH_FIELD_SENDER,
  KANRI_BATCH_FIELD_SUBJECT,
  KANRI_BATCH_FIELD_MESSAGE_ID,
  KANRI_BATCH_FIELD_CIP,
  KANRI_BATCH_FIELD_CIP_CLASS,
  KANRI_BATCH_FIELD_ORIGINAL_IP,
  KANRI_BATCH_FIELD_SPF,
  KANRI_BATCH_FIELD_DKIM,
  KANRI_BATCH_FIELD_DMARC,
  KANRI_BATCH_FIELD_COMPAUTH,
  KANRI_BATCH_FIELD_SFV,
  KANRI_BATCH_FIELD_DIRECTION,
  KANRI_BATCH_FIELD_FINDINGS,
  KANRI_BATCH_FIELD_ERROR,
  KANRI_BATCH_N_FIELDS
} KanriBatchField;

#define KANRI_TYPE_BATCH_MESSAGE (kanri_batch_message_get_type ())

G_DECLARE_FINAL_TYPE (KanriBatchMessage, kanri_batch_message, KANRI, BATCH_MESSAGE, GObject)

/* The columns kanri_batch_message_new_from_row() reads, in its order. */
#define KANRI_BATCH_MESSAGE_COLUMNS \
  "seq, offset, number, date, scl, bcl, enhanced_filtering, cip_is_relay, duplicate, " \
  "path, sender, subject, message_id, cip, cip_class, original_ip, spf, dkim, dmarc, " \
  "compauth, sfv, direction, findings, error"

KanriBatchMessage *kanri_batch_message_new_from_row          (sqlite3_stmt      *stmt);
gint64             kanri_batch_message_get_seq               (KanriBatchMessage *self);
gint64             kanri_batch_message_get_offset            (KanriBatchMessage *self);
guint              kanri_batch_message_get_number            (KanriBatchMessage *self);
gboolean           kanri_batch_message_get_date              (KanriBatchMessage *self,
                                                              gint64            *unix_date);
gboolean           kanri_batch_message_get_scl               (KanriBatchMessage *self,
                                                              int               *scl);
gboolean           kanri_batch_message_get_bcl               (KanriBatchMessage *self,
                                                              int               *bcl);
gboolean           kanri_batch_message_get_enhanced_filtering (KanriBatchMessage *self);
gboolean           kanri_batch_message_get_cip_is_relay      (KanriBatchMessage *self);
gboolean           kanri_batch_message_get_duplicate         (KanriBatchMessage *self);
const char        *kanri_batch_message_get_text              (KanriBatchMessage *self,
                                                              KanriBatchField    field);

G_END_DECLS
