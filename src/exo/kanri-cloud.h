/* kanri-cloud.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KANRI_CLOUD_WORLDWIDE,
  KANRI_CLOUD_GCC_HIGH,
  KANRI_CLOUD_DOD,
  KANRI_CLOUD_CHINA,
} KanriCloud;

#define KANRI_CLOUD_LAST KANRI_CLOUD_CHINA

/* The public client id of the ExchangeOnlineManagement module
 * (PRODUCT.md "Exchange Online access — facts we checked"). */
#define KANRI_EXO_CLIENT_ID "fb78d390-0c51-40cd-8e17-fdbfab77341b"

gboolean    kanri_cloud_from_string     (const char *text,
                                         KanriCloud *cloud);
const char *kanri_cloud_to_string       (KanriCloud  cloud);
const char *kanri_cloud_get_label       (KanriCloud  cloud);
const char *kanri_cloud_get_exo_host    (KanriCloud  cloud);
const char *kanri_cloud_get_login_host  (KanriCloud  cloud);
char       *kanri_cloud_dup_exo_url     (KanriCloud  cloud);
char       *kanri_cloud_dup_login_url   (KanriCloud  cloud);
char       *kanri_cloud_dup_scope       (KanriCloud  cloud);

G_END_DECLS
