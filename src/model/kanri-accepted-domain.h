/* kanri-accepted-domain.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KANRI_TYPE_ACCEPTED_DOMAIN (kanri_accepted_domain_get_type ())

G_DECLARE_FINAL_TYPE (KanriAcceptedDomain, kanri_accepted_domain, KANRI, ACCEPTED_DOMAIN, GObject)

KanriAcceptedDomain *kanri_accepted_domain_new             (const char          *name,
                                                            const char          *domain_type,
                                                            gboolean             is_default);
const char          *kanri_accepted_domain_get_name        (KanriAcceptedDomain *self);
const char          *kanri_accepted_domain_get_domain_type (KanriAcceptedDomain *self);
gboolean             kanri_accepted_domain_get_is_default  (KanriAcceptedDomain *self);

G_END_DECLS
