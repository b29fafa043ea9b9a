/* kanri-audit-bypass.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KANRI_TYPE_AUDIT_BYPASS (kanri_audit_bypass_get_type ())

G_DECLARE_FINAL_TYPE (KanriAuditBypass, kanri_audit_bypass, KANRI, AUDIT_BYPASS, GObject)

KanriAuditBypass *kanri_audit_bypass_new          (const char       *guid,
                                                   const char       *name,
                                                   const char       *identity,
                                                   const char       *display_name,
                                                   const char       *upn);
const char       *kanri_audit_bypass_get_guid     (KanriAuditBypass *self);
const char       *kanri_audit_bypass_get_name     (KanriAuditBypass *self);
const char       *kanri_audit_bypass_get_title    (KanriAuditBypass *self);
const char       *kanri_audit_bypass_get_subtitle (KanriAuditBypass *self);

G_END_DECLS
