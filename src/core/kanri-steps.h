/* kanri-steps.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One step of a Header Analyzer loop over lines, fields, hops, addresses or
 * findings, counted so that a test can check that no stage does more than a
 * few steps per part of its input (tests/core/test-analysis-steps.c). Only
 * that test's own copy of the analyzer is built with KANRI_COUNT_STEPS and
 * defines the counter; everywhere else a step costs nothing. */
#ifdef KANRI_COUNT_STEPS
extern guint64 kanri_steps;
/* Past this many steps the test fails at once, rather than wait for a
 * quadratic stage to finish. */
extern guint64 kanri_step_limit;
void kanri_steps_exceeded (void);
# define KANRI_STEP() G_STMT_START { if (++kanri_steps > kanri_step_limit) kanri_steps_exceeded (); } G_STMT_END
#else
# define KANRI_STEP() G_STMT_START { } G_STMT_END
#endif

G_END_DECLS
