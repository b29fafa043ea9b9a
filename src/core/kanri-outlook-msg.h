/* kanri-outlook-msg.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The first eight bytes of every OLE compound file ([MS-CFB] §2.2). */
#define KANRI_OLE_SIGNATURE "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

gboolean kanri_outlook_msg_is_ole          (const char  *data,
                                            gsize        length);
gboolean kanri_outlook_msg_read            (const char  *data,
                                            gsize        length,
                                            char       **transport_headers,
                                            char       **subject,
                                            GError     **error);

G_END_DECLS
