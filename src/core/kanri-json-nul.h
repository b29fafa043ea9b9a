/* kanri-json-nul.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Room for the UTF-8 of a stand-in and its nul. */
#define KANRI_JSON_NUL_STAND_IN_SIZE 4

gboolean  kanri_json_nul_mask     (const char  *data,
                                   gsize        length,
                                   char       **masked,
                                   char         stand_in[KANRI_JSON_NUL_STAND_IN_SIZE],
                                   GError     **error);
gboolean  kanri_json_nul_holds    (const char  *stand_in,
                                   const char  *text);
char     *kanri_json_nul_restore  (const char  *stand_in,
                                   const char  *text,
                                   gsize       *length);

G_END_DECLS
