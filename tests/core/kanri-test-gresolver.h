/* kanri-test-gresolver.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KANRI_TYPE_TEST_GRESOLVER (kanri_test_gresolver_get_type ())

G_DECLARE_FINAL_TYPE (KanriTestGResolver, kanri_test_gresolver, KANRI, TEST_GRESOLVER, GResolver)

KanriTestGResolver *kanri_test_gresolver_new              (GQuark              domain,
                                                           int                 code);
void                kanri_test_gresolver_set_root_error   (KanriTestGResolver *self,
                                                           GQuark              domain,
                                                           int                 code);
guint               kanri_test_gresolver_get_root_queries (KanriTestGResolver *self);

G_END_DECLS
