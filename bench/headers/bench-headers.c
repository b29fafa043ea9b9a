/* bench-headers.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-headers"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "kanri-header-analyzer.h"

/* The Header Analyzer's speed: in-process time per ~10 KB Exchange Online
 * header block (target: under 100 µs), and `kanri-cli analyze --json` over
 * 10,000 files (target: under 5 s), with its peak memory, and with --files
 * DIR the time per file of every file in DIR, beside another build's with
 * --baseline. Prints figures;
 * never fails on a time. The header blocks are generated from a fixed seed,
 * so every run measures the same input. */

#define SEED 20240506

static const char *const tenants[] = { "contoso", "fabrikam", "northwind", "adatum", "litware", "tailspin" };
static const char *const regions[] = { "JPNP286", "APCP153", "NAMP221", "EURP195", "GBRP265" };
static const char *const subjects[] = {
  "Quarterly report",
  "=?ISO-2022-JP?B?GyRCIVo9RU1XIVtAQTVhPXEbKEI=?=",
  "=?UTF-8?B?5Lya6K2w44Gu44GK55+l44KJ44Gb?=",
  "Re: Contract draft (v3)",
  "=?shift_jis?B?ie+LY4LMgqiSbYLngrk=?=",
};

static double
now_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The machine is shared: time on the CPU, not on the wall clock, is what the
 * code costs. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
append_blob (GString *out,
             GRand   *rand,
             gsize    length)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && i % 76 == 0)
        g_string_append (out, "\r\n ");
      g_string_append_c (out, alphabet[g_rand_int_range (rand, 0, 64)]);
    }
}

static char *
server (GRand      *rand,
        const char *region)
{
  return g_strdup_printf ("%c%c%c%c%uMB%04u.%s.PROD.OUTLOOK.COM",
                          'A' + g_rand_int_range (rand, 0, 26), 'A' + g_rand_int_range (rand, 0, 26),
                          'A' + g_rand_int_range (rand, 0, 26), 'P' + g_rand_int_range (rand, 0, 4),
                          g_rand_int_range (rand, 1, 300), g_rand_int_range (rand, 0, 10000), region);
}

static void
append_received (GString    *out,
                 const char *from,
                 const char *from_ip,
                 const char *by,
                 const char *with,
                 gint64      when,
                 int         millis)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (when);
  g_autofree char *date = g_date_time_format (time, "%a, %e %b %Y %H:%M:%S");

  g_string_append_printf (out, "Received: from %s (%s) by\r\n %s with %s id\r\n 15.20.%d.%d; %s +0000\r\n",
                          from, from_ip, by, with, 7000 + millis % 900, millis % 60, date);
}

/* One realistic inbound message's headers as Exchange Online delivers them. */
static GString *
generate_headers (GRand *rand)
{
  GString *out = g_string_sized_new (12 * 1024);
  const char *region = regions[g_rand_int_range (rand, 0, G_N_ELEMENTS (regions))];
  const char *sender = tenants[g_rand_int_range (rand, 0, G_N_ELEMENTS (tenants))];
  const char *subject = subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))];
  gint64 when = 1714986718 + g_rand_int_range (rand, 0, 86400 * 365);
  gboolean relayed = g_rand_boolean (rand);
  g_autofree char *mailbox = server (rand, region);
  g_autofree char *transport = server (rand, region);
  g_autofree char *frontend = server (rand, region);
  g_autofree char *cip = g_strdup_printf ("%s.%d.%d", relayed ? "203.0.113" : "40.107",
                                          g_rand_int_range (rand, 1, 255), g_rand_int_range (rand, 1, 255));
  int hops = g_rand_int_range (rand, 6, 10);

  if (relayed)
    {
      char *dot = strrchr (cip, '.');

      *dot = '\0';
    }

  append_received (out, transport, "2603:1096:400:1a5::12", mailbox, "HTTPS", when + hops, 1);
  for (int i = hops - 1; i > 2; i--)
    {
      g_autofree char *a = server (rand, region);
      g_autofree char *b = server (rand, region);

      append_received (out, a, "2603:1096:604:1c0::9", b,
                       "Microsoft SMTP Server\r\n (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)",
                       when + i, g_rand_int_range (rand, 0, 1000));
    }

  g_string_append_printf (out,
                          "Authentication-Results: spf=%s (sender IP is %s)\r\n smtp.mailfrom=%s.example; dkim=pass (signature was verified)\r\n"
                          " header.d=%s.example;dmarc=%s action=none\r\n header.from=%s.example;compauth=pass reason=100\r\n",
                          relayed ? "softfail" : "pass", cip, sender, sender, relayed ? "bestguesspass" : "pass", sender);
  g_string_append_printf (out, "Received-SPF: Pass (protection.outlook.com: domain of %s.example\r\n designates %s as permitted sender)\r\n"
                          " receiver=protection.outlook.com; client-ip=%s;\r\n helo=mail.%s.example; pr=C\r\n",
                          sender, cip, cip, sender);
  append_received (out, relayed ? "gateway.contoso.example" : "JPN01-TYZ-obe.outbound.protection.outlook.com",
                   cip, frontend, "Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) via Frontend Transport",
                   when + 2, 11);
  if (relayed)
    g_string_append_printf (out, "Received: from mail.%s.example (mail.%s.example [198.51.100.%d])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n"
                            "\tby gateway.contoso.example (Postfix) with ESMTPS id 4VYa1B%04d\r\n\tfor <user@contoso.example>; Tue,  7 May 2024 10:02:05 +0900 (JST)\r\n",
                            sender, sender, g_rand_int_range (rand, 1, 255), g_rand_int_range (rand, 0, 10000));

  g_string_append (out, "ARC-Seal: i=1; a=rsa-sha256; s=arcselector9901; d=microsoft.com; cv=none;\r\n b=");
  append_blob (out, rand, 340);
  g_string_append (out, "\r\nARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com;\r\n s=arcselector9901;\r\n"
                        " h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-AntiSpam-MessageData-ChunkCount:X-MS-Exchange-AntiSpam-MessageData-0:X-MS-Exchange-AntiSpam-MessageData-1;\r\n"
                        " bh=dGVzdCBib2R5IGhhc2g=;\r\n b=");
  append_blob (out, rand, 340);
  g_string_append_printf (out, "\r\nARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=pass\r\n smtp.mailfrom=%s.example; dmarc=pass action=none\r\n"
                          " header.from=%s.example; dkim=pass header.d=%s.example; arc=none\r\n",
                          sender, sender, sender);
  g_string_append_printf (out, "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s.example;\r\n s=selector1;\r\n"
                          " h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-SenderADCheck;\r\n"
                          " bh=dGVzdCBib2R5IGhhc2g=;\r\n b=", sender);
  append_blob (out, rand, 340);
  for (int i = 2; i > 0; i--)
    {
      g_autofree char *a = server (rand, region);

      append_received (out, a, i == 1 ? "[fe80::1234:5678:9abc:def0]" : "2603:1096:604:1c0::9", mailbox,
                       i == 1 ? "mapi" : "Microsoft SMTP Server", when + i - 1, 7);
    }

  g_string_append_printf (out,
                          "From: =?UTF-8?B?5bGx55SwIOWkqumDjg==?= <taro@%s.example>\r\nTo: Hanako Suzuki <hanako@contoso.example>\r\n"
                          "Subject: %s\r\nThread-Topic: %s\r\nThread-Index: AdqfmQ2xM0Z0dGVzdHRlc3R0ZXN0dGVzdA==\r\n"
                          "Date: Mon, 6 May 2024 09:11:58 +0000\r\nMessage-ID: <%08x@%s.example>\r\n"
                          "Accept-Language: ja-JP, en-US\r\nContent-Language: ja-JP\r\nX-MS-Has-Attach:\r\nX-MS-TNEF-Correlator:\r\n",
                          sender, subject, subject, g_rand_int (rand), sender);
  g_string_append (out, "X-MS-PublicTrafficType: Email\r\nX-MS-TrafficTypeDiagnostic: OS0P286MB0001:EE_|TYZPR01MB2222:EE_\r\n"
                        "X-MS-Office365-Filtering-Correlation-Id: 4f1d2e3c-5b6a-4798-8a9b-0c1d2e3f4a5b\r\n"
                        "X-MS-Exchange-SenderADCheck: 1\r\nX-MS-Exchange-AntiSpam-Relay: 0\r\n"
                        "X-Microsoft-Antispam-Untrusted: BCL:0;ARA:13230031|1800799015|376005|366007;\r\n"
                        "X-Microsoft-Antispam-Message-Info-Original:\r\n ");
  append_blob (out, rand, 1500);
  g_string_append (out, "\r\nX-Forefront-Antispam-Report-Untrusted:\r\n CIP:255.255.255.255;CTRY:;LANG:ja;SCL:1;SRV:;IPV:NLI;SFV:NSPM;"
                        "H:OS0P286MB0001.JPNP286.PROD.OUTLOOK.COM;PTR:;CAT:NONE;SFS:(13230031)(1800799015)(376005)(366007)(38070700009);DIR:OUT;SFP:1101;\r\n"
                        "X-MS-Exchange-AntiSpam-MessageData-ChunkCount: 1\r\nX-MS-Exchange-AntiSpam-MessageData-0:\r\n ");
  append_blob (out, rand, 900);
  g_string_append (out, "\r\nMIME-Version: 1.0\r\nX-MS-Exchange-Transport-CrossTenantHeadersStamped: OS3P286MB5678\r\n"
                        "X-MS-Exchange-Organization-ExpirationStartTime: 06 May 2024 09:12:01.8765 (UTC)\r\n"
                        "X-MS-Exchange-Organization-ExpirationInterval: 1:00:00:00.0000000\r\nX-EOPAttributedMessage: 0\r\n"
                        "X-MS-Exchange-Organization-MessageDirectionality: Incoming\r\nX-MS-Exchange-Organization-AuthAs: Anonymous\r\n"
                        "X-MS-Exchange-Organization-AuthSource: TY1PEPF0000A123.JPNP286.PROD.OUTLOOK.COM\r\nX-MS-Exchange-Organization-SCL: 1\r\n");
  if (relayed)
    g_string_append (out, "X-MS-Exchange-ExternalOriginalInternetSender: ip=[198.51.100.23];domain=mail.fabrikam.example\r\n");
  g_string_append_printf (out, "X-Forefront-Antispam-Report:\r\n CIP:%s;CTRY:JP;LANG:ja;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail.%s.example;"
                          "PTR:mail.%s.example;CAT:NONE;SFS:(13230031)(4636009)(376005)(1800799015)(366007)(38070700009);DIR:INB;\r\n"
                          "X-Microsoft-Antispam: BCL:%d;ARA:13230031|376005|1800799015|366007;\r\nX-Microsoft-Antispam-Message-Info:\r\n ",
                          cip, sender, sender, g_rand_int_range (rand, 0, 10));
  append_blob (out, rand, 1700);
  g_string_append (out, "\r\nX-MS-Exchange-CrossTenant-OriginalArrivalTime: 06 May 2024 09:12:01.4321 (UTC)\r\n"
                        "X-MS-Exchange-Transport-EndToEndLatency: 00:00:02.0312345\r\n"
                        "X-Microsoft-Antispam-Mailbox-Delivery:\r\n ucf:0;jmr:0;auth:0;dest:I;ENG:(910001)(944506458)(944626604)(920097)(930097)(3100021)(140003)(1420103);\r\n"
                        "Content-Type: text/plain; charset=\"us-ascii\"\r\nContent-Transfer-Encoding: 7bit\r\n\r\nHello.\r\n");

  return out;
}

static void
free_block (gpointer data)
{
  g_string_free (data, TRUE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
bench_in_process (guint n_headers,
                  guint rounds)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (free_block);
  g_autoptr(GArray) analyze_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) json_times = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (SEED);
  gsize total_bytes = 0;
  double total_time = 0;

  for (guint i = 0; i < n_headers; i++)
    {
      GString *block = generate_headers (rand);

      total_bytes += block->len;
      g_ptr_array_add (blocks, block);
    }
  g_rand_free (rand);

  /* One warm-up pass: GMime, the classifier and gettext initialize once. */
  for (guint i = 0; i < n_headers; i++)
    {
      GString *block = g_ptr_array_index (blocks, i);
      g_autoptr(KanriHeaderReport) report = kanri_header_analyzer_analyze (block->str, block->len, "bench",
                                                                           KANRI_MESSAGE_FORMAT_AUTO, NULL, NULL);

      g_assert (report != NULL);
    }

  for (guint round = 0; round < rounds; round++)
    {
      for (guint i = 0; i < n_headers; i++)
        {
          GString *block = g_ptr_array_index (blocks, i);
          g_autoptr(KanriHeaderReport) report = NULL;
          g_autofree char *json = NULL;
          double start = cpu_seconds ();
          double middle, end, analyze_us, json_us;

          report = kanri_header_analyzer_analyze (block->str, block->len, "bench", KANRI_MESSAGE_FORMAT_AUTO, NULL, NULL);
          middle = cpu_seconds ();
          json = kanri_header_report_to_json (report, FALSE);
          end = cpu_seconds ();

          analyze_us = (middle - start) * 1e6;
          json_us = (end - middle) * 1e6;
          g_array_append_val (analyze_times, analyze_us);
          g_array_append_val (json_times, json_us);
          total_time += middle - start;
        }
    }

  g_array_sort (analyze_times, compare_doubles);
  g_array_sort (json_times, compare_doubles);

  printf ("Header blocks:        %u distinct, %.1f KB on average, %u rounds\n",
          n_headers, total_bytes / 1024.0 / n_headers, rounds);
  printf ("Analyze, median:      %.1f µs of CPU time per header block (target < 100 µs)\n",
          g_array_index (analyze_times, double, analyze_times->len / 2));
  printf ("Analyze, 95th pct.:   %.1f µs\n",
          g_array_index (analyze_times, double, analyze_times->len * 95 / 100));
  printf ("Analyze, throughput:  %.1f MB/s of CPU time\n", total_bytes * (double)rounds / total_time / 1e6);
  printf ("JSON output, median:  %.1f µs per report\n",
          g_array_index (json_times, double, json_times->len / 2));
}


/* One file's figures: CPU time per analysis, each repeat a batch of
 * analyses long enough for the clock to measure. */
typedef struct
{
  char   *name;
  gsize   bytes;
  double  median_us;
  double  min_us;
  double  max_us;
} FileFigures;

static void
file_figures_clear (gpointer data)
{
  FileFigures *figures = data;

  g_free (figures->name);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/* Every regular file in @path, by name: .eml, .msg, .txt, pasted headers. */
static GPtrArray *
list_files (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = g_build_filename (path, name, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_steal_pointer (&full));
    }
  g_ptr_array_sort (names, compare_strings);

  return names;
}

/* Analysis as the page and kanri-cli run it: the whole file in memory to a
 * report with every derived field (hops, delays, verdicts, findings). */
static gboolean
analyze_once (const char *data,
              gsize       length)
{
  g_autoptr(KanriHeaderReport) report = kanri_header_analyzer_analyze (data, length, "bench",
                                                                       KANRI_MESSAGE_FORMAT_AUTO, NULL, NULL);

  return report != NULL;
}

static void
measure_file (const char  *path,
              guint        repeats,
              FileFigures *figures)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *data = NULL;
  gsize length = 0;
  guint batch = 1;
  double start;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }

  figures->name = g_path_get_basename (path);
  figures->bytes = length;

  /* Warm up (GMime, the classifier and gettext initialize once), and find
   * a batch that takes at least a millisecond. */
  analyze_once (data, length);
  for (;;)
    {
      start = cpu_seconds ();
      for (guint i = 0; i < batch; i++)
        analyze_once (data, length);
      if (cpu_seconds () - start >= 1e-3 || batch >= 1u << 20)
        break;
      batch *= 2;
    }

  for (guint r = 0; r < repeats; r++)
    {
      double us;

      start = cpu_seconds ();
      for (guint i = 0; i < batch; i++)
        analyze_once (data, length);
      us = (cpu_seconds () - start) * 1e6 / batch;
      g_array_append_val (times, us);
    }

  g_array_sort (times, compare_doubles);
  figures->median_us = g_array_index (times, double, times->len / 2);
  figures->min_us = g_array_index (times, double, 0);
  figures->max_us = g_array_index (times, double, times->len - 1);
}

static GArray *
measure_files (const char *path,
               guint       repeats)
{
  g_autoptr(GPtrArray) names = list_files (path);
  GArray *all = g_array_new (FALSE, TRUE, sizeof (FileFigures));

  g_array_set_clear_func (all, file_figures_clear);
  for (guint i = 0; i < names->len; i++)
    {
      FileFigures figures = { 0 };

      measure_file (g_ptr_array_index (names, i), repeats, &figures);
      g_array_append_val (all, figures);
    }

  return all;
}

/* What --tsv prints and --baseline reads: name, bytes, median, min, max. */
static void
print_tsv (GArray *all)
{
  for (guint i = 0; i < all->len; i++)
    {
      const FileFigures *f = &g_array_index (all, FileFigures, i);

      printf ("%s\t%" G_GSIZE_FORMAT "\t%.3f\t%.3f\t%.3f\n", f->name, f->bytes, f->median_us, f->min_us, f->max_us);
    }
}

static GArray *
run_baseline (const char *baseline,
              const char *path,
              guint       repeats)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *repeats_arg = g_strdup_printf ("--repeats=%u", repeats);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { baseline, "--files", path, repeats_arg, "--tsv", NULL };
  GArray *all = g_array_new (FALSE, TRUE, sizeof (FileFigures));
  int status = 0;

  g_array_set_clear_func (all, file_figures_clear);
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s: %s\n", baseline, error->message);
      exit (2);
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);
      FileFigures figures = { 0 };

      if (g_strv_length (columns) != 5)
        continue;
      figures.name = g_strdup (columns[0]);
      figures.bytes = g_ascii_strtoull (columns[1], NULL, 10);
      figures.median_us = g_ascii_strtod (columns[2], NULL);
      figures.min_us = g_ascii_strtod (columns[3], NULL);
      figures.max_us = g_ascii_strtod (columns[4], NULL);
      g_array_append_val (all, figures);
    }

  return all;
}

static const FileFigures *
find_figures (GArray     *all,
              const char *name)
{
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      if (strcmp (g_array_index (all, FileFigures, i).name, name) == 0)
        return &g_array_index (all, FileFigures, i);
    }

  return NULL;
}

static int
compare_medians (gconstpointer a,
                 gconstpointer b)
{
  return compare_doubles (&((const FileFigures *)a)->median_us, &((const FileFigures *)b)->median_us);
}

/* The median over the files of each file's median, and the throughput of
 * one pass over them all. */
static void
summarize (GArray *all,
           double *median,
           double *mb_per_s)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (FileFigures), all->len);
  gsize bytes = 0;
  double us = 0;

  for (guint i = 0; i < all->len; i++)
    {
      const FileFigures *f = &g_array_index (all, FileFigures, i);

      g_array_append_vals (sorted, f, 1);
      bytes += f->bytes;
      us += f->median_us;
    }
  g_array_sort (sorted, compare_medians);

  *median = all->len > 0 ? g_array_index (sorted, FileFigures, sorted->len / 2).median_us : 0;
  *mb_per_s = us > 0 ? bytes / us : 0;
}

static void
bench_files (const char *path,
             guint       repeats,
             const char *baseline)
{
  g_autoptr(GArray) all = measure_files (path, repeats);
  g_autoptr(GArray) base = baseline != NULL ? run_baseline (baseline, path, repeats) : NULL;
  double median, mb_per_s;

  printf ("Files in %s: %u, %u repeats each; µs of CPU time per file, parse and every derived field\n",
          path, all->len, repeats);
  if (base != NULL)
    printf ("%-32s %7s  %8s %19s  %8s %19s  %7s\n", "file", "bytes", "baseline", "(range)", "this", "(range)", "speedup");
  else
    printf ("%-32s %7s  %8s %19s  %7s\n", "file", "bytes", "median", "(range)", "MB/s");

  for (guint i = 0; i < all->len; i++)
    {
      const FileFigures *f = &g_array_index (all, FileFigures, i);
      const FileFigures *b = find_figures (base, f->name);
      g_autofree char *range = g_strdup_printf ("(%.1f–%.1f)", f->min_us, f->max_us);

      if (base != NULL && b != NULL)
        {
          g_autofree char *base_range = g_strdup_printf ("(%.1f–%.1f)", b->min_us, b->max_us);

          printf ("%-32s %7" G_GSIZE_FORMAT "  %8.2f %19s  %8.2f %19s  %6.1f×\n", f->name, f->bytes,
                  b->median_us, base_range, f->median_us, range, b->median_us / f->median_us);
        }
      else
        printf ("%-32s %7" G_GSIZE_FORMAT "  %8.2f %19s  %7.1f\n", f->name, f->bytes,
                f->median_us, range, f->bytes / f->median_us);
    }

  summarize (all, &median, &mb_per_s);
  if (base != NULL)
    {
      double base_median, base_mb_per_s;

      summarize (base, &base_median, &base_mb_per_s);
      printf ("Median over the files:  baseline %.2f µs, this %.2f µs\n", base_median, median);
      printf ("Throughput:             baseline %.1f MB/s, this %.1f MB/s\n", base_mb_per_s, mb_per_s);
    }
  else
    {
      printf ("Median over the files:  %.2f µs\n", median);
      printf ("Throughput:             %.1f MB/s\n", mb_per_s);
    }
}

/* kanri-cli where meson builds it: src/cli beside bench/headers in the
 * same build tree, found from this program's own location. */
static char *
default_cli (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (self == NULL)
    return g_strdup ("kanri-cli");

  dir = g_path_get_dirname (self);
  path = g_build_filename (dir, KANRI_CLI_FROM_BENCH, NULL);
  return g_canonicalize_filename (path, NULL);
}

static gboolean
remove_tree (const char *path,
             GPtrArray  *names)
{
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      g_unlink (file);
    }

  return g_rmdir (path) == 0;
}

static void
bench_cli (const char *cli,
           guint       n_files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *directory = g_dir_make_tmp ("kanri-bench-XXXXXX", &error);
  GRand *rand = g_rand_new_with_seed (SEED + 1);
  struct rusage usage;
  gsize total_bytes = 0;
  double start, end;
  GPid pid;
  int status;

  g_assert_no_error (error);

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GString) block = generate_headers (rand);
      char *name = g_strdup_printf ("message-%05u.eml", i);
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (!g_file_set_contents (path, block->str, block->len, &error))
        g_error ("%s", error->message);
      total_bytes += block->len;
      g_ptr_array_add (names, name);
    }
  g_rand_free (rand);

  g_ptr_array_add (argv, g_strdup (cli));
  g_ptr_array_add (argv, g_strdup ("analyze"));
  g_ptr_array_add (argv, g_strdup ("--json"));
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (argv, g_build_filename (directory, g_ptr_array_index (names, i), NULL));
  g_ptr_array_add (argv, NULL);

  start = now_seconds ();
  if (!g_spawn_async (NULL, (char **)argv->pdata, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error))
    g_error ("%s", error->message);
  if (wait4 (pid, &status, 0, &usage) < 0)
    g_error ("wait4: %s", g_strerror (errno));
  end = now_seconds ();
  g_spawn_close_pid (pid);

  printf ("kanri-cli analyze:    %u files, %.1f MB, exit status %d\n",
          n_files, total_bytes / 1e6, WIFEXITED (status) ? WEXITSTATUS (status) : -1);
  printf ("  wall time:          %.2f s (target < 5 s), %.0f µs per file\n",
          end - start, (end - start) * 1e6 / n_files);
  printf ("  CPU time:           %.2f s user, %.2f s system\n",
          usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
          usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6);
  printf ("  peak RSS:           %.1f MB\n", usage.ru_maxrss / 1024.0);

  if (!remove_tree (directory, names))
    g_printerr ("Could not remove %s\n", directory);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  int headers = 1000;
  int rounds = 5;
  int cli_files = 10000;
  int repeats = 15;
  g_autofree char *cli = NULL;
  g_autofree char *files = NULL;
  g_autofree char *baseline = NULL;
  gboolean skip_cli = FALSE;
  gboolean tsv = FALSE;
  const GOptionEntry entries[] = {
    { "files", 0, 0, G_OPTION_ARG_FILENAME, &files, "Also measure every file in DIR (.eml, .msg, .txt, headers)", "DIR" },
    { "repeats", 0, 0, G_OPTION_ARG_INT, &repeats, "Timed repeats per file for --files", "N" },
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline, "Another build's bench-headers, run on the same --files and shown beside", "PATH" },
    { "tsv", 0, 0, G_OPTION_ARG_NONE, &tsv, "Only the --files figures, tab-separated: name, bytes, median, min, max", NULL },
    { "headers", 0, 0, G_OPTION_ARG_INT, &headers, "Distinct header blocks for the in-process figures", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Times each block is analyzed", "N" },
    { "cli-files", 0, 0, G_OPTION_ARG_INT, &cli_files, "Files for the kanri-cli figures", "N" },
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &cli, "The kanri-cli to run (default: the one of this build tree)", "PATH" },
    { "no-cli", 0, 0, G_OPTION_ARG_NONE, &skip_cli, "Only the in-process figures", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || headers < 1 || rounds < 1 || cli_files < 1 ||
      repeats < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Counts must be positive");
      return 2;
    }
  if (tsv && files == NULL)
    {
      g_printerr ("--tsv needs --files\n");
      return 2;
    }

  if (tsv)
    {
      g_autoptr(GArray) all = measure_files (files, repeats);

      print_tsv (all);
      return 0;
    }

  if (files != NULL)
    {
      bench_files (files, repeats, baseline);
      printf ("\n");
    }

  bench_in_process (headers, rounds);
  if (!skip_cli)
    {
      if (cli == NULL)
        cli = default_cli ();
      bench_cli (cli, cli_files);
    }

  return 0;
}
