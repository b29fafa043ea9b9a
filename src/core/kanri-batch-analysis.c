/* kanri-batch-analysis.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-batch-analysis"

#include "config.h"

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kanri-batch-analysis.h"
#include "kanri-header-analyzer.h"
#include "kanri-mbox.h"

/* Many messages analysed on every core: the files given (message files, an
 * mbox, folders of either, a Maildir's cur/ and new/) are cut into chunks
 * of messages; worker threads analyse a chunk at a time; the calling
 * thread hands the results over in input order, counts each message once,
 * and keeps at most a few chunks per worker in memory, so a mailbox of any
 * size is read in constant space. An mbox is mapped, not read: a message's
 * bytes are a slice of the mapping. */

/* A chunk: up to this many messages or bytes. Small enough that the last
 * chunks spread over the workers, large enough that handing them over costs
 * nothing next to the analysis. */
#define CHUNK_MESSAGES 128
#define CHUNK_BYTES (4 * 1024 * 1024)
/* Chunks in flight per worker: one being analysed, others waiting. */
#define CHUNKS_PER_WORKER 3

typedef struct
{
  /* Into the chunk's mapping (an mbox), or NULL: the worker maps the file
   * at path itself. */
  const char        *data;
  gsize              length;
  goffset            offset;
  guint              number;
  char              *path;
  KanriHeaderReport *report;
  GError            *error;
  char              *key;
} Work;

typedef struct
{
  guint        index;
  GMappedFile *mapped;
  GArray      *works;
  gsize        bytes;
} Chunk;

typedef struct
{
  GMutex        mutex;
  GCond         cond;
  GHashTable   *done;
  GCancellable *cancellable;
} Shared;

static void
work_clear (Work *work)
{
  g_clear_pointer (&work->path, g_free);
  g_clear_object (&work->report);
  g_clear_error (&work->error);
  g_clear_pointer (&work->key, g_free);
}

static Chunk *
chunk_new (guint        index,
           GMappedFile *mapped)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->index = index;
  chunk->mapped = mapped != NULL ? g_mapped_file_ref (mapped) : NULL;
  chunk->works = g_array_new (FALSE, TRUE, sizeof (Work));
  g_array_set_clear_func (chunk->works, (GDestroyNotify)work_clear);

  return chunk;
}

/* An mbox's pages, once read, would stay in the process's resident set
 * (file pages mapped in count there): 1.5 GB for a 1.5 GB mbox. Its
 * messages handed over, the chunk gives its pages back; the kernel keeps
 * them in its page cache, and a neighbour that shares a page at the edge
 * reads it again from there. */
static void
chunk_release_pages (Chunk *chunk)
{
#ifdef MADV_DONTNEED
  static gsize page_size;
  const Work *first;
  const Work *last;
  guintptr start;
  guintptr end;

  if (chunk->mapped == NULL || chunk->works->len == 0)
    return;
  if (page_size == 0)
    page_size = sysconf (_SC_PAGESIZE);

  first = &g_array_index (chunk->works, Work, 0);
  last = &g_array_index (chunk->works, Work, chunk->works->len - 1);
  start = (guintptr)first->data & ~(guintptr)(page_size - 1);
  end = ((guintptr)last->data + last->length) & ~(guintptr)(page_size - 1);
  if (end > start)
    madvise ((void *)start, end - start, MADV_DONTNEED);
#endif
}

static void
chunk_free (Chunk *chunk)
{
  chunk_release_pages (chunk);
  g_array_unref (chunk->works);
  g_clear_pointer (&chunk->mapped, g_mapped_file_unref);
  g_free (chunk);
}

/* 64-bit FNV-1a: the same message met twice has the same bytes. */
static guint64
hash_bytes (const char *data,
            gsize       length)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);

  for (gsize i = 0; i < length; i++)
    {
      hash ^= (guchar)data[i];
      hash *= G_GUINT64_CONSTANT (1099511628211);
    }

  return hash;
}

/* What tells a message from another: its Message-ID and its header section
 * (the Received stamps differ between two copies that took two paths). An
 * Outlook .msg is binary: all of it. */
static char *
dedupe_key (const char        *data,
            gsize              length,
            KanriHeaderReport *report)
{
  const char *message_id = report != NULL ? kanri_header_report_get_message_id (report) : NULL;
  gsize header_length = length;
  const char *end;

  if (report == NULL || kanri_header_report_get_format (report) != KANRI_MESSAGE_FORMAT_MSG)
    {
      if ((end = memmem (data, length, "\n\n", 2)) != NULL ||
          (end = memmem (data, length, "\r\n\r\n", 4)) != NULL)
        header_length = end - data;
    }

  return g_strdup_printf ("%s\n%016" G_GINT64_MODIFIER "x",
                          message_id != NULL ? message_id : "",
                          hash_bytes (data, header_length));
}

static void
analyze_work (Work         *work,
              GCancellable *cancellable)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *display = NULL;
  const char *data = work->data;
  gsize length = work->length;

  if (data == NULL)
    {
      mapped = g_mapped_file_new (work->path, FALSE, &work->error);
      if (mapped == NULL)
        return;
      data = g_mapped_file_get_contents (mapped);
      length = g_mapped_file_get_length (mapped);
    }

  /* The analyzer refuses one over 25 MB, with the reason. */
  display = g_filename_display_name (work->path);
  work->report = kanri_header_analyzer_analyze (data != NULL ? data : "", length, display,
                                                KANRI_MESSAGE_FORMAT_AUTO, cancellable, &work->error);
  if (work->report != NULL)
    work->key = dedupe_key (data, length, work->report);
  if (work->data == NULL)
    work->length = length;
}

static void
analyze_chunk (gpointer data,
               gpointer user_data)
{
  Chunk *chunk = data;
  Shared *shared = user_data;

  for (guint i = 0; i < chunk->works->len; i++)
    {
      if (g_cancellable_is_cancelled (shared->cancellable))
        {
          g_array_set_size (chunk->works, i);
          break;
        }
      analyze_work (&g_array_index (chunk->works, Work, i), shared->cancellable);
    }

  g_mutex_lock (&shared->mutex);
  g_hash_table_insert (shared->done, GUINT_TO_POINTER (chunk->index), chunk);
  g_cond_signal (&shared->cond);
  g_mutex_unlock (&shared->mutex);
}

typedef struct
{
  GThreadPool       *pool;
  Shared             shared;
  guint              next_index;
  guint              next_to_deliver;
  guint              max_in_flight;
  Chunk             *filling;
  GHashTable        *seen;
  KanriBatchFunc     func;
  gpointer           user_data;
  KanriBatchStats    stats;
} Batch;

/* Hands over the chunks done, in order, for as long as the next one is;
 * with @wait, first waits until it is. */
static void
deliver (Batch    *batch,
         gboolean  wait)
{
  for (;;)
    {
      Chunk *chunk;

      g_mutex_lock (&batch->shared.mutex);
      while (wait &&
             !g_hash_table_contains (batch->shared.done, GUINT_TO_POINTER (batch->next_to_deliver)))
        g_cond_wait (&batch->shared.cond, &batch->shared.mutex);
      chunk = g_hash_table_lookup (batch->shared.done, GUINT_TO_POINTER (batch->next_to_deliver));
      if (chunk != NULL)
        g_hash_table_remove (batch->shared.done, GUINT_TO_POINTER (batch->next_to_deliver));
      g_mutex_unlock (&batch->shared.mutex);

      if (chunk == NULL)
        return;
      batch->next_to_deliver++;
      wait = FALSE;

      for (guint i = 0; i < chunk->works->len; i++)
        {
          Work *work = &g_array_index (chunk->works, Work, i);
          KanriBatchItem item = {
            .path = work->path,
            .offset = work->offset,
            .number = work->number,
            .size = work->length,
            .report = work->report,
            .error = work->error,
          };

          batch->stats.messages++;
          batch->stats.bytes += work->length;
          if (work->error != NULL)
            batch->stats.errors++;
          else if (work->key != NULL && !g_hash_table_add (batch->seen, g_steal_pointer (&work->key)))
            {
              item.duplicate = TRUE;
              item.report = NULL;
              batch->stats.duplicates++;
            }
          batch->func (&item, batch->user_data);
        }
      chunk_free (chunk);
    }
}

static void
submit (Batch *batch)
{
  Chunk *chunk = g_steal_pointer (&batch->filling);

  if (chunk == NULL)
    return;
  if (chunk->works->len == 0)
    {
      chunk_free (chunk);
      return;
    }

  /* Keep memory flat: wait for the oldest chunk before going on. */
  while (batch->next_index - batch->next_to_deliver >= batch->max_in_flight)
    deliver (batch, TRUE);

  chunk->index = batch->next_index++;
  g_thread_pool_push (batch->pool, chunk, NULL);
  deliver (batch, FALSE);
}

static void
add_work (Batch       *batch,
          GMappedFile *mapped,
          Work        *work)
{
  if (batch->filling != NULL && batch->filling->mapped != mapped)
    submit (batch);
  if (batch->filling == NULL)
    batch->filling = chunk_new (0, mapped);

  batch->filling->bytes += work->length;
  g_array_append_val (batch->filling->works, *work);
  if (batch->filling->works->len >= CHUNK_MESSAGES || batch->filling->bytes >= CHUNK_BYTES)
    submit (batch);
}

static void
add_mbox (Batch       *batch,
          const char  *path,
          GMappedFile *mapped)
{
  KanriMboxIter iter;
  const char *message;
  gsize length;
  goffset offset;
  guint number = 0;

  kanri_mbox_iter_init (&iter, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  while (kanri_mbox_iter_next (&iter, &message, &length, &offset))
    {
      Work work = { message, length, offset, number++, g_strdup (path) };

      if (g_cancellable_is_cancelled (batch->shared.cancellable))
        {
          g_free (work.path);
          return;
        }
      add_work (batch, mapped, &work);
    }
}

static gboolean
is_mbox_file (const char *path)
{
  char start[5];
  gsize got = 0;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);

  if (stream == NULL)
    return FALSE;
  g_input_stream_read_all (G_INPUT_STREAM (stream), start, sizeof start, &got, NULL, NULL);

  return kanri_mbox_looks_like (start, got);
}

static void
add_file (Batch      *batch,
          const char *path)
{
  batch->stats.files++;

  if (is_mbox_file (path))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);

      if (mapped != NULL)
        {
          add_mbox (batch, path, mapped);
          /* The mapping is the chunks' now: they hold a reference. */
          submit (batch);
          return;
        }
    }

  {
    /* Mapped by the worker: a folder of files is read on every core. */
    Work work = { NULL, 0, -1, 0, g_strdup (path) };

    add_work (batch, NULL, &work);
  }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/* Hidden names, and a Maildir's tmp/ (messages still being written). */
static gboolean
skipped_name (const char *name)
{
  return name[0] == '.' || g_str_equal (name, "tmp");
}

/* A folder's files and those of its folders, in name order; the skipped
 * names and links to folders (which can loop) left out. */
static void
add_folder (Batch      *batch,
            const char *path,
            GError    **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (skipped_name (name))
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);

      if (g_cancellable_is_cancelled (batch->shared.cancellable))
        return;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            add_folder (batch, child, NULL);
        }
      else if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
        add_file (batch, child);
    }
}

static guint64
measure (const char   *path,
         GCancellable *cancellable)
{
  g_autoptr(GDir) dir = NULL;
  GStatBuf buf;
  guint64 total = 0;
  const char *name;

  if (g_stat (path, &buf) != 0)
    return 0;
  if (!S_ISDIR (buf.st_mode))
    return S_ISREG (buf.st_mode) ? (guint64)buf.st_size : 0;

  if ((dir = g_dir_open (path, 0, NULL)) == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      g_autofree char *child = NULL;

      if (skipped_name (name))
        continue;
      child = g_build_filename (path, name, NULL);
      if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK) || !g_file_test (child, G_FILE_TEST_IS_DIR))
        total += measure (child, cancellable);
    }

  return total;
}

/**
 * kanri_batch_analysis_measure:
 *
 * Returns: the bytes kanri_batch_analysis_run() will read of @paths (the
 *   files it would take, found by the same rules), for a time left; a file
 *   that cannot be read counts 0
 */
guint64
kanri_batch_analysis_measure (const char *const *paths,
                              GCancellable      *cancellable)
{
  guint64 total = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    total += measure (paths[i], cancellable);

  return total;
}

/* The direction Exchange Online stamped: the DIR of
 * X-Forefront-Antispam-Report (INB, OUT, INT). */
static const char *
report_direction (KanriHeaderReport *report)
{
  GPtrArray *fields = kanri_header_report_get_antispam (report);

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const KanriAntispamField *field = fields->pdata[i];

      if (field->header == KANRI_ANTISPAM_HEADER_FOREFRONT && g_str_equal (field->field, "DIR"))
        return field->value;
    }

  return NULL;
}

static char *
report_findings (KanriHeaderReport *report)
{
  GPtrArray *findings = kanri_header_report_get_findings (report);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const KanriHeaderFinding *finding = findings->pdata[i];

      if (ids->len > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, finding->id);
    }

  return g_string_free (ids, FALSE);
}

/**
 * kanri_batch_row_init:
 * @report: (nullable): the message's report; none for a message that could
 *   not be analysed or a duplicate
 *
 * Fills @row from @report; the strings are @report's, but for findings.
 */
void
kanri_batch_row_init (KanriBatchRow     *row,
                      KanriHeaderReport *report)
{
  const KanriAuthSummary *auth;
  const KanriDate *date;

  memset (row, 0, sizeof *row);
  if (report == NULL)
    return;

  date = kanri_header_report_get_date (report);
  auth = kanri_header_report_get_auth (report);

  row->date_text = kanri_header_report_get_date_text (report);
  row->has_date = date != NULL;
  row->unix_date = date != NULL ? date->unix_seconds : 0;
  row->from = kanri_header_report_get_from (report);
  row->subject = kanri_header_report_get_subject (report);
  row->message_id = kanri_header_report_get_message_id (report);
  row->cip = kanri_header_report_get_cip (report);
  if (row->cip != NULL)
    row->cip_class = kanri_ip_class_to_string (kanri_header_report_get_cip_class (report));
  if (kanri_header_report_get_enhanced_filtering (report, &row->original_ip, NULL))
    row->enhanced_filtering = TRUE;
  else
    row->original_ip = NULL;
  if (auth != NULL)
    {
      row->spf = auth->spf;
      row->dkim = auth->dkim;
      row->dmarc = auth->dmarc;
      row->compauth = auth->compauth;
    }
  row->has_scl = kanri_header_report_get_scl (report, &row->scl);
  row->has_bcl = kanri_header_report_get_bcl (report, &row->bcl);
  row->sfv = kanri_header_report_get_sfv (report);
  row->direction = report_direction (report);
  row->cip_is_relay = kanri_header_report_find_finding (report, "cip-is-relay") != NULL;
  row->findings = report_findings (report);
}

void
kanri_batch_row_clear (KanriBatchRow *row)
{
  g_clear_pointer (&row->findings, g_free);
}

/**
 * kanri_batch_analysis_run:
 * @paths: (array zero-terminated=1): message files, mbox files and folders
 * @n_workers: threads to analyse on; 0 for one per core
 * @func: called on this thread for every message, in input order
 * @stats: (out) (optional): what was read, even when cancelled
 *
 * Analyses every message under @paths. A message that cannot be analysed is
 * handed over with its error and the batch goes on. Cancelled, it stops
 * reading; what was analysed is still handed over.
 *
 * Returns: %FALSE if a path given cannot be read or @cancellable was
 *   cancelled
 */
gboolean
kanri_batch_analysis_run (const char *const *paths,
                          guint              n_workers,
                          KanriBatchFunc     func,
                          gpointer           user_data,
                          KanriBatchStats   *stats,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  Batch batch = { 0 };

  g_return_val_if_fail (paths != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (n_workers == 0)
    n_workers = MAX (1, g_get_num_processors ());

  batch.func = func;
  batch.user_data = user_data;
  batch.max_in_flight = n_workers * CHUNKS_PER_WORKER;
  batch.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&batch.shared.mutex);
  g_cond_init (&batch.shared.cond);
  batch.shared.done = g_hash_table_new (NULL, NULL);
  batch.shared.cancellable = cancellable;
  batch.pool = g_thread_pool_new (analyze_chunk, &batch.shared, n_workers, FALSE, NULL);

  for (guint i = 0; paths[i] != NULL && local_error == NULL; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        add_folder (&batch, paths[i], &local_error);
      else if (g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        add_file (&batch, paths[i]);
      else
        {
          g_autofree char *display = g_filename_display_name (paths[i]);

          g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("%s is neither a file nor a folder"), display);
        }
    }
  submit (&batch);

  /* Everything submitted is analysed (or skipped, once cancelled) and
   * handed over before returning. */
  g_thread_pool_free (batch.pool, FALSE, TRUE);
  deliver (&batch, FALSE);
  g_assert (batch.next_to_deliver == batch.next_index);

  g_hash_table_unref (batch.shared.done);
  g_hash_table_unref (batch.seen);
  g_mutex_clear (&batch.shared.mutex);
  g_cond_clear (&batch.shared.cond);

  if (stats != NULL)
    *stats = batch.stats;

  if (local_error == NULL)
    g_cancellable_set_error_if_cancelled (cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
