/* kanri-pasted-text.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *kanri_pasted_text_clean         (const char *text,
                                           gsize       length,
                                           gsize      *clean_length);
gboolean  kanri_pasted_text_is_as_written (const char *text,
                                           gsize       length);

G_END_DECLS
