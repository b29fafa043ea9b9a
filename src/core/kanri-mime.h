/* kanri-mime.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gmime/gmime.h>

G_BEGIN_DECLS

void                kanri_mime_init               (void);
GMimeParserOptions *kanri_mime_get_parser_options (void);
char               *kanri_mime_convert            (const char *bytes,
                                                   gsize       length,
                                                   const char *charset);
char               *kanri_mime_decode_8bit        (const char *bytes,
                                                   gsize       length);
char               *kanri_mime_decode_words       (const char *text);

G_END_DECLS
