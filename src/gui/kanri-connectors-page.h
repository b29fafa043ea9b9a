/* kanri-connectors-page.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-page.h"
#include "kanri-resolver.h"

G_BEGIN_DECLS

#define KANRI_TYPE_CONNECTORS_PAGE (kanri_connectors_page_get_type ())

G_DECLARE_FINAL_TYPE (KanriConnectorsPage, kanri_connectors_page, KANRI, CONNECTORS_PAGE, KanriPage)

void       kanri_connectors_page_set_resolver (KanriConnectorsPage *self,
                                               KanriResolver       *resolver);
gboolean   kanri_connectors_page_get_checking (KanriConnectorsPage *self);
GtkWidget *kanri_connectors_page_get_dialog   (KanriConnectorsPage *self);

G_END_DECLS
