/* kanri-cli-input.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *kanri_cli_read_message (const char  *argument,
                                GError     **error);

G_END_DECLS
