/* kanri-finding.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  KANRI_FINDING_INFO,
  KANRI_FINDING_WARNING,
  KANRI_FINDING_ERROR,
} KanriFindingSeverity;

#define KANRI_TYPE_FINDING (kanri_finding_get_type ())

G_DECLARE_FINAL_TYPE (KanriFinding, kanri_finding, KANRI, FINDING, GObject)

KanriFinding         *kanri_finding_new          (const char           *id,
                                                  KanriFindingSeverity  severity,
                                                  const char           *title,
                                                  const char           *message,
                                                  const char           *page);
const char           *kanri_finding_get_id       (KanriFinding         *self);
KanriFindingSeverity  kanri_finding_get_severity (KanriFinding         *self);
const char           *kanri_finding_get_title    (KanriFinding         *self);
const char           *kanri_finding_get_message  (KanriFinding         *self);
const char           *kanri_finding_get_page     (KanriFinding         *self);
const char           *kanri_finding_get_source   (KanriFinding         *self);
void                  kanri_finding_set_source   (KanriFinding         *self,
                                                  const char           *source);

G_END_DECLS
