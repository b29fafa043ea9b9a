/* kanri-batch-sql.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The verdict classes of a row of batch_messages, as SQL conditions: the
 * batch view's filters (kanri-batch-message-list.c) and its charts
 * (kanri-batch-summary.c) count with the same words. */

/* SCL 5 or more: spam or high-confidence spam. */
#define KANRI_BATCH_SQL_SPAM "(scl >= 5)"
/* DMARC failed (fail, or Exchange's "fail (p=…)" forms) or composite
 * authentication failed. */
#define KANRI_BATCH_SQL_AUTH_FAILED "(dmarc LIKE 'fail%' OR compauth = 'fail')"
/* The CIP is a relay or gateway and enhanced filtering did not see past it. */
#define KANRI_BATCH_SQL_NO_ENHANCED_FILTERING "(cip_is_relay AND NOT enhanced_filtering)"
