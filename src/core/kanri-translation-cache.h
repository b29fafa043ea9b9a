/* kanri-translation-cache.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KanriTranslationCache KanriTranslationCache;

KanriTranslationCache *kanri_translation_cache_get        (void);
const char            *kanri_translation_cache_lookup     (KanriTranslationCache *cache,
                                                           const char            *msgid) G_GNUC_FORMAT (2);
KanriTranslationCache *kanri_translation_cache_hold       (void);
void                   kanri_translation_cache_release    (KanriTranslationCache *cache);
void                   kanri_translation_cache_invalidate (void);

G_END_DECLS
