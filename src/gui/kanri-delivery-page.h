/* kanri-delivery-page.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-page.h"

G_BEGIN_DECLS

#define KANRI_TYPE_DELIVERY_PAGE (kanri_delivery_page_get_type ())

G_DECLARE_FINAL_TYPE (KanriDeliveryPage, kanri_delivery_page, KANRI, DELIVERY_PAGE, KanriPage)

G_END_DECLS
