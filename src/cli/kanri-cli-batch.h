/* kanri-cli-batch.h
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
  KANRI_CLI_BATCH_CSV,
  KANRI_CLI_BATCH_JSON,
} KanriCliBatchFormat;

int kanri_cli_analyze_batch (char              **paths,
                             KanriCliBatchFormat format);

G_END_DECLS
