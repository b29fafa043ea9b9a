/* kanri-test-child.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-batch.h"
#include "kanri-demo-host.h"

G_BEGIN_DECLS

/* The kill-and-resume harness of the crash tests: the test keeps the demo
 * tenant, as the service outlives a crashed Kanri, and runs the app's side
 * as a child program on the local model it names, killing it with SIGKILL
 * and starting it again until its batch is done. */
typedef struct _KanriTestChild KanriTestChild;

KanriTestChild *kanri_test_child_new             (const char     *program,
                                                  KanriDemoHost  *host);
void            kanri_test_child_free            (KanriTestChild *child);
int             kanri_test_child_count_done      (KanriTestChild *child);
gboolean        kanri_test_child_run             (KanriTestChild *child,
                                                  int             kill_at);
void            kanri_test_child_run_to_end      (KanriTestChild *child,
                                                  guint          *runs,
                                                  guint           max_runs);
guint           kanri_test_child_check_journal   (KanriTestChild *child,
                                                  guint           n_operations);
guint           kanri_test_child_check_sent_once (KanriDemoHost  *host,
                                                  const char     *cmdlet,
                                                  guint          *n_throttled);

/* The child program's side. */
KanriTenant    *kanri_test_child_open_tenant     (int             argc,
                                                  char          **argv);
gboolean        kanri_test_child_has_batch       (KanriStore     *store);
int             kanri_test_child_finish_batch    (KanriBatch     *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriTestChild, kanri_test_child_free)

G_END_DECLS
