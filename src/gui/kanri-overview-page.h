/* kanri-overview-page.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-page.h"

G_BEGIN_DECLS

#define KANRI_TYPE_OVERVIEW_PAGE (kanri_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (KanriOverviewPage, kanri_overview_page, KANRI, OVERVIEW_PAGE, KanriPage)

G_END_DECLS
