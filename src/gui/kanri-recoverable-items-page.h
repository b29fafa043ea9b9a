/* kanri-recoverable-items-page.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-page.h"

G_BEGIN_DECLS

#define KANRI_TYPE_RECOVERABLE_ITEMS_PAGE (kanri_recoverable_items_page_get_type ())

G_DECLARE_FINAL_TYPE (KanriRecoverableItemsPage, kanri_recoverable_items_page, KANRI, RECOVERABLE_ITEMS_PAGE, KanriPage)

G_END_DECLS
