/* kanri-default-resolver.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-resolver.h"

G_BEGIN_DECLS

/* A zone file that answers every DNS question instead of the network: the
 * test hook of the pages that look names up. */
#define KANRI_DNS_ZONE_ENV "KANRI_DNS_ZONE"

KanriResolver *kanri_default_resolver_open (char **notice);

G_END_DECLS
