/* kanri-operations-page.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-page.h"

G_BEGIN_DECLS

#define KANRI_TYPE_OPERATIONS_PAGE (kanri_operations_page_get_type ())

G_DECLARE_FINAL_TYPE (KanriOperationsPage, kanri_operations_page, KANRI, OPERATIONS_PAGE, KanriPage)

G_END_DECLS
