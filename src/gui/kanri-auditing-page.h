/* kanri-auditing-page.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-page.h"

G_BEGIN_DECLS

#define KANRI_TYPE_AUDITING_PAGE (kanri_auditing_page_get_type ())

G_DECLARE_FINAL_TYPE (KanriAuditingPage, kanri_auditing_page, KANRI, AUDITING_PAGE, KanriPage)

G_END_DECLS
