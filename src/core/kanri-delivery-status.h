/* kanri-delivery-status.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-header-block.h"

G_BEGIN_DECLS

/* What a non-delivery report says (RFC 3464): the fields of its
 * message/delivery-status part, for the first recipient that has a Status,
 * without their type prefixes ("rfc822;", "smtp;", "dns;"), and the headers
 * of the returned original message when it is attached. */
typedef struct
{
  char             *reporting_mta;
  char             *recipient;
  char             *original_recipient;
  char             *action;
  char             *status;
  char             *diagnostic;
  char             *remote_mta;
  KanriHeaderBlock *original;
  gboolean          original_is_headers_only;
} KanriDeliveryStatus;

gboolean             kanri_delivery_status_is_report (KanriHeaderBlock          *headers);
KanriDeliveryStatus *kanri_delivery_status_parse     (KanriHeaderBlock          *headers,
                                                      const char                *body,
                                                      gsize                      length);
void                 kanri_delivery_status_free      (KanriDeliveryStatus       *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriDeliveryStatus, kanri_delivery_status_free)

G_END_DECLS
