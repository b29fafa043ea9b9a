/* kanri-static-token.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-token-provider.h"

G_BEGIN_DECLS

#define KANRI_TYPE_STATIC_TOKEN (kanri_static_token_get_type ())

G_DECLARE_FINAL_TYPE (KanriStaticToken, kanri_static_token, KANRI, STATIC_TOKEN, GObject)

KanriStaticToken *kanri_static_token_new (const char *access_token);

G_END_DECLS
