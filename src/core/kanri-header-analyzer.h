/* kanri-header-analyzer.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-header-report.h"

G_BEGIN_DECLS

KanriHeaderReport *kanri_header_analyzer_analyze             (const char           *data,
                                                              gsize                 length,
                                                              const char           *source,
                                                              KanriMessageFormat    format,
                                                              GCancellable         *cancellable,
                                                              GError              **error);
KanriHeaderReport *kanri_header_analyzer_analyze_verified    (const char           *data,
                                                              gsize                 length,
                                                              const char           *source,
                                                              KanriMessageFormat    format,
                                                              KanriDkimVerifier    *verifier,
                                                              GCancellable         *cancellable,
                                                              GError              **error);
KanriHeaderReport *kanri_header_analyzer_analyze_headers     (KanriHeaderBlock     *headers,
                                                              const char           *source,
                                                              KanriMessageFormat    format,
                                                              GCancellable         *cancellable,
                                                              GError              **error);
KanriHeaderReport *kanri_header_analyzer_analyze_file        (GFile                *file,
                                                              GCancellable         *cancellable,
                                                              GError              **error);
KanriHeaderReport *kanri_header_analyzer_analyze_file_verified (GFile             *file,
                                                                KanriDkimVerifier *verifier,
                                                                GCancellable      *cancellable,
                                                                GError           **error);
void               kanri_header_analyzer_analyze_file_async  (GFile                *file,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
KanriHeaderReport *kanri_header_analyzer_analyze_file_finish (GAsyncResult         *result,
                                                              GError              **error);

G_END_DECLS
