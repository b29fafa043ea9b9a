/* kanri-received.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "kanri-arena.h"
#include "kanri-date.h"

G_BEGIN_DECLS

#define KANRI_RECEIVED_ERROR (kanri_received_error_quark ())

typedef enum
{
  KANRI_RECEIVED_ERROR_EMPTY,
} KanriReceivedError;

/* One Received field (RFC 5321 §4.4), read leniently. Every string is
 * UTF-8 or %NULL when the field did not have that part. @from_ip and @by_ip
 * are canonical addresses taken from the IP literals and comments around the
 * host names; @date_error says why @date_text could not be read. */
typedef struct
{
  char      *from;
  char      *from_detail;
  char      *from_ip;
  char      *by;
  char      *by_detail;
  char      *by_ip;
  char      *via;
  char      *with;
  char      *id;
  char      *recipient;
  char      *date_text;
  char      *date_error;
  gboolean   has_date;
  KanriDate  date;
} KanriReceived;

GQuark         kanri_received_error_quark (void);
KanriReceived *kanri_received_parse       (const char    *value,
                                           gssize         length,
                                           GError       **error);
KanriReceived *kanri_received_parse_in    (const char    *value,
                                           gssize         length,
                                           KanriArena    *arena,
                                           GError       **error);
void           kanri_received_free        (KanriReceived *received);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriReceived, kanri_received_free)

G_END_DECLS
