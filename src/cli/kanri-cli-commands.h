/* kanri-cli-commands.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses shared by every subcommand. */
#define KANRI_CLI_EXIT_OK     0
#define KANRI_CLI_EXIT_FAILED 1
#define KANRI_CLI_EXIT_USAGE  2

/* A subcommand gets its own name as argv[0]. */
typedef int (*KanriCliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char          *name;
  const char          *summary;
  KanriCliCommandFunc  run;
} KanriCliCommand;

int kanri_cli_invoke  (int argc, char **argv);
int kanri_cli_signin  (int argc, char **argv);
int kanri_cli_signout (int argc, char **argv);
int kanri_cli_spf   (int argc, char **argv);
int kanri_cli_dmarc (int argc, char **argv);
int kanri_cli_analyze (int argc, char **argv);
int kanri_cli_ndr     (int argc, char **argv);
int kanri_cli_verify  (int argc, char **argv);
int kanri_cli_trace   (int argc, char **argv);

G_END_DECLS
