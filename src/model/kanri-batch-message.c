/* kanri-batch-message.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-batch-message"

#include "config.h"

#include "kanri-batch-message.h"

/* One row of batch_messages (migration 8), read only: what the Header
 * Analyzer found in one message of a batch. The text fields are an array
 * indexed by KanriBatchField, so that a table's columns and a search go
 * through one accessor. */

struct _KanriBatchMessage
{
  GObject   parent_instance;

  gint64    seq;
  gint64    offset;
  guint     number;
  gint64    date;
  int       scl;
  int       bcl;
  guint     has_date : 1;
  guint     has_scl : 1;
  guint     has_bcl : 1;
  guint     enhanced_filtering : 1;
  guint     cip_is_relay : 1;
  guint     duplicate : 1;
  char     *text[KANRI_BATCH_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (KanriBatchMessage, kanri_batch_message, G_TYPE_OBJECT)

/* The text columns of KANRI_BATCH_MESSAGE_COLUMNS start here, in the order
 * of KanriBatchField. */
#define FIRST_TEXT_COLUMN 9

static void
kanri_batch_message_finalize (GObject *object)
{
  KanriBatchMessage *self = KANRI_BATCH_MESSAGE (object);

  for (guint i = 0; i < KANRI_BATCH_N_FIELDS; i++)
    g_free (self->text[i]);

  G_OBJECT_CLASS (kanri_batch_message_parent_class)->finalize (object);
}

static void
kanri_batch_message_class_init (KanriBatchMessageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kanri_batch_message_finalize;
}

static void
kanri_batch_message_init (KanriBatchMessage *self)
{
  self->offset = -1;
}

/**
 * kanri_batch_message_new_from_row:
 * @stmt: a row of SELECT KANRI_BATCH_MESSAGE_COLUMNS FROM batch_messages
 */
KanriBatchMessage *
kanri_batch_message_new_from_row (sqlite3_stmt *stmt)
{
  KanriBatchMessage *self = g_object_new (KANRI_TYPE_BATCH_MESSAGE, NULL);

  self->seq = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    self->offset = sqlite3_column_int64 (stmt, 1);
  self->number = sqlite3_column_int (stmt, 2);
  self->has_date = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
  self->date = sqlite3_column_int64 (stmt, 3);
  self->has_scl = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  self->scl = sqlite3_column_int (stmt, 4);
  self->has_bcl = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  self->bcl = sqlite3_column_int (stmt, 5);
  self->enhanced_filtering = sqlite3_column_int (stmt, 6) != 0;
  self->cip_is_relay = sqlite3_column_int (stmt, 7) != 0;
  self->duplicate = sqlite3_column_int (stmt, 8) != 0;

  for (guint i = 0; i < KANRI_BATCH_N_FIELDS; i++)
    self->text[i] = g_strdup ((const char *)sqlite3_column_text (stmt, FIRST_TEXT_COLUMN + i));

  return self;
}

gint64
kanri_batch_message_get_seq (KanriBatchMessage *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE (self), 0);
  return self->seq;
}

/**
 * kanri_batch_message_get_offset:
 *
 * Returns: where the message's From_ line starts in its mbox, or -1 for a
 *   message file of its own
 */
gint64
kanri_batch_message_get_offset (KanriBatchMessage *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE (self), -1);
  return self->offset;
}

guint
kanri_batch_message_get_number (KanriBatchMessage *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE (self), 0);
  return self->number;
}

/**
 * kanri_batch_message_get_date:
 * @unix_date: (out): seconds since 1970, UTC
 *
 * Returns: whether the message has a date that could be read
 */
gboolean
kanri_batch_message_get_date (KanriBatchMessage *self,
                              gint64            *unix_date)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE (self), FALSE);
  *unix_date = self->date;
  return self->has_date;
}

gboolean
kanri_batch_message_get_scl (KanriBatchMessage *self,
                             int               *scl)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE (self), FALSE);
  *scl = self->scl;
  return self->has_scl;
}

gboolean
kanri_batch_message_get_bcl (KanriBatchMessage *self,
                             int               *bcl)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE (self), FALSE);
  *bcl = self->bcl;
  return self->has_bcl;
}

gboolean
kanri_batch_message_get_enhanced_filtering (KanriBatchMessage *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE (self), FALSE);
  return self->enhanced_filtering;
}

gboolean
kanri_batch_message_get_cip_is_relay (KanriBatchMessage *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE (self), FALSE);
  return self->cip_is_relay;
}

gboolean
kanri_batch_message_get_duplicate (KanriBatchMessage *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE (self), FALSE);
  return self->duplicate;
}

/**
 * kanri_batch_message_get_text:
 *
 * Returns: (nullable): the field, or %NULL if the message has none
 */
const char *
kanri_batch_message_get_text (KanriBatchMessage *self,
                              KanriBatchField    field)
{
  g_return_val_if_fail (KANRI_IS_BATCH_MESSAGE (self), NULL);
  g_return_val_if_fail (field < KANRI_BATCH_N_FIELDS, NULL);
  return self->text[field];
}
