/* kanri-batch-message-list.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-batch-message.h"
#include "kanri-store.h"

G_BEGIN_DECLS

typedef enum
{
  /* Every message, those not analysed (with their error) included, duplicates left out. */
  KANRI_BATCH_FILTER_ALL,
  /* SCL 5 or more: spam or high-confidence spam. */
  KANRI_BATCH_FILTER_SPAM,
  /* DMARC or composite authentication failed. */
  KANRI_BATCH_FILTER_AUTH_FAILED,
  /* The CIP is a relay or gateway, and enhanced filtering did not see past it. */
  KANRI_BATCH_FILTER_NO_ENHANCED_FILTERING,
  /* Not analysed: the error says why. */
  KANRI_BATCH_FILTER_ERRORS,
  /* Met before in the batch (same Message-ID and header section). */
  KANRI_BATCH_FILTER_DUPLICATES,
  KANRI_BATCH_N_FILTERS
} KanriBatchFilter;

typedef enum
{
  KANRI_BATCH_SORT_INPUT,
  KANRI_BATCH_SORT_DATE,
  KANRI_BATCH_SORT_SENDER,
  KANRI_BATCH_SORT_SUBJECT,
  KANRI_BATCH_SORT_CIP,
  KANRI_BATCH_SORT_ORIGINAL_IP,
  KANRI_BATCH_SORT_SPF,
  KANRI_BATCH_SORT_DKIM,
  KANRI_BATCH_SORT_DMARC,
  KANRI_BATCH_SORT_COMPAUTH,
  KANRI_BATCH_SORT_SCL,
  KANRI_BATCH_SORT_BCL,
  KANRI_BATCH_SORT_SFV,
  KANRI_BATCH_SORT_DIRECTION,
  KANRI_BATCH_N_SORTS
} KanriBatchSort;

#define KANRI_TYPE_BATCH_MESSAGE_LIST (kanri_batch_message_list_get_type ())

G_DECLARE_FINAL_TYPE (KanriBatchMessageList, kanri_batch_message_list, KANRI, BATCH_MESSAGE_LIST, GObject)

KanriBatchMessageList *kanri_batch_message_list_new        (KanriStore            *store,
                                                            gint64                 run_id);
gint64                 kanri_batch_message_list_get_run_id (KanriBatchMessageList *self);
void                   kanri_batch_message_list_set_filter (KanriBatchMessageList *self,
                                                            KanriBatchFilter       filter);
KanriBatchFilter       kanri_batch_message_list_get_filter (KanriBatchMessageList *self);
void                   kanri_batch_message_list_set_cip    (KanriBatchMessageList *self,
                                                            const char            *cip);
const char            *kanri_batch_message_list_get_cip    (KanriBatchMessageList *self);
void                   kanri_batch_message_list_set_search (KanriBatchMessageList *self,
                                                            const char            *search);
void                   kanri_batch_message_list_set_sort   (KanriBatchMessageList *self,
                                                            KanriBatchSort         sort,
                                                            gboolean               descending);
void                   kanri_batch_message_list_refresh    (KanriBatchMessageList *self);
gboolean               kanri_batch_message_list_get_loading (KanriBatchMessageList *self);
guint                  kanri_batch_message_list_count      (KanriBatchMessageList *self,
                                                            KanriBatchFilter       filter);
gint64                 kanri_batch_message_list_get_query_usec (KanriBatchMessageList *self);

G_END_DECLS
