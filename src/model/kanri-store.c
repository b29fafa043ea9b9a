/* kanri-store.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kanri-migrations.h"
#include "kanri-store.h"

/* How long a writer waits for another connection (the app's, or one of its
 * worker threads') to finish before giving up with SQLITE_BUSY. */
#define BUSY_TIMEOUT_MS 5000

struct _KanriStore
{
  GObject   parent_instance;

  char     *path;
  sqlite3  *db;
  int       lease_fd;
  guint     interrupted;
};

G_DEFINE_FINAL_TYPE (KanriStore, kanri_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (kanri-store-error-quark, kanri_store_error)

static void
kanri_store_finalize (GObject *object)
{
  KanriStore *self = (KanriStore *)object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  if (self->lease_fd >= 0)
    close (self->lease_fd);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (kanri_store_parent_class)->finalize (object);
}

static void
kanri_store_class_init (KanriStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_store_finalize;
}

static void
kanri_store_init (KanriStore *self)
{
  self->lease_fd = -1;
}

/**
 * kanri_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/kanri/kanri.db`
 */
char *
kanri_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "kanri", "kanri.db", NULL);
}

gboolean
kanri_store_set_error (KanriStore  *self,
                       int          rc,
                       GError     **error)
{
  g_assert (KANRI_IS_STORE (self));

  g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
               _("Local database error: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
kanri_store_exec (KanriStore  *self,
                  const char  *sql,
                  GError     **error)
{
  int rc;

  g_return_val_if_fail (KANRI_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return kanri_store_set_error (self, rc, error);

  return TRUE;
}

/**
 * kanri_store_prepare:
 *
 * Returns: (transfer full) (nullable): a statement to finalize, or %NULL with
 *   @error set
 */
sqlite3_stmt *
kanri_store_prepare (KanriStore  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (KANRI_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      kanri_store_set_error (self, rc, error);
      return NULL;
    }

  return stmt;
}

static gboolean
ensure_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  /* Create it ourselves so it never exists with a wider mode, even for an
   * instant; SQLite then gives its -wal and -shm files the same mode. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not open the local database “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }

  /* An older file may have been made with a looser umask: tighten it. */
  if (fchmod (fd, 0600) != 0)
    g_warning ("Could not make %s private: %s", path, g_strerror (errno));
  close (fd);

  return TRUE;
}

static int
read_user_version (KanriStore  *self,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0);

  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_NOT_A_DATABASE,
                 _("“%s” is not a Kanri database, or it is damaged. Kanri left it untouched; "
                   "move it away to start with an empty one."),
                 self->path);
  else
    kanri_store_set_error (self, rc, error);

  return -1;
}

/* Only one process at a time may own the journal: it alone may decide that a
 * row left "running" belongs to nobody any more. The lease is an advisory
 * lock on a file beside the database; the kernel drops it when the owner
 * exits, however it exits (SIGKILL included). */
static void
take_journal_lease (KanriStore *self)
{
  g_autofree char *lease_path = g_strconcat (self->path, ".lease", NULL);
  int fd;

  fd = g_open (lease_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return;

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      return;
    }

  self->lease_fd = fd;
}

static gboolean
mark_interrupted (KanriStore  *self,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = kanri_store_prepare (self,
                              "UPDATE operations SET state = 'interrupted', updated_at = ?1 "
                              "WHERE state = 'running'",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return kanri_store_set_error (self, SQLITE_ERROR, error);

  self->interrupted = sqlite3_changes (self->db);
  if (self->interrupted > 0)
    g_message ("%u operation(s) were running when Kanri last stopped: now interrupted",
               self->interrupted);

  return TRUE;
}

/**
 * kanri_store_open:
 * @path: the database file, usually kanri_store_default_path()
 * @error: a location for a #GError
 *
 * Opens (creating it if needed, mode 0600) and migrates the local database.
 * A database written by a newer Kanri is refused with
 * %KANRI_STORE_ERROR_TOO_NEW before anything in it is changed.
 *
 * This does file I/O: call it from a worker thread (kanri_store_open_async())
 * when a main loop is running.
 *
 * Returns: (transfer full) (nullable): the store
 */
KanriStore *
kanri_store_open (const char  *path,
                  GError     **error)
{
  g_autoptr(KanriStore) self = NULL;
  int version;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!ensure_private_file (path, error))
    return NULL;

  self = g_object_new (KANRI_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
                   _("Could not open the local database “%s”: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Look at the version before any pragma that writes (journal_mode=WAL
   * rewrites the header): a newer Kanri's file must stay byte for byte. */
  version = read_user_version (self, error);
  if (version < 0)
    return NULL;

  if (version > kanri_migrations_latest ())
    {
      g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_TOO_NEW,
                   _("The local database “%s” was written by a newer version of Kanri "
                     "(schema %d; this version knows up to %d). Kanri did not change it: "
                     "update Kanri to open it."),
                   path, version, kanri_migrations_latest ());
      return NULL;
    }

  /* synchronous=NORMAL is durable in WAL mode except against power loss, and
   * keeps a commit from waiting on fsync. */
  if (!kanri_store_exec (self,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA foreign_keys = ON;",
                         error))
    return NULL;

  if (!kanri_migrations_migrate (self->db, kanri_migrations_latest (), error))
    return NULL;

  take_journal_lease (self);
  if (self->lease_fd >= 0 && !mark_interrupted (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  KanriStore *store;

  store = kanri_store_open (path, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
kanri_store_open_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

KanriStore *
kanri_store_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
kanri_store_get_path (KanriStore *self)
{
  g_return_val_if_fail (KANRI_IS_STORE (self), NULL);

  return self->path;
}

/**
 * kanri_store_get_db:
 *
 * For the model layer's own classes. The connection is opened in serialized
 * mode; a long query belongs on a connection of its own in a worker thread.
 */
sqlite3 *
kanri_store_get_db (KanriStore *self)
{
  g_return_val_if_fail (KANRI_IS_STORE (self), NULL);

  return self->db;
}

/**
 * kanri_store_open_reader:
 *
 * A read-only connection of its own, for a query in a worker thread: in WAL
 * mode it reads while the main connection writes, and blocks nobody.
 *
 * Returns: (transfer full) (nullable): a connection to sqlite3_close()
 */
sqlite3 *
kanri_store_open_reader (KanriStore  *self,
                         GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (KANRI_IS_STORE (self), NULL);

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
                   _("Could not open the local database “%s”: %s"),
                   self->path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  return db;
}

/**
 * kanri_store_open_writer:
 *
 * A connection of its own for a worker thread that writes (a sync's pages):
 * its transactions are its own, never mixed with the main connection's
 * statements (the journal's). WAL lets one write at a time; the busy timeout
 * makes the other wait.
 *
 * Returns: (transfer full) (nullable): a connection to sqlite3_close()
 */
sqlite3 *
kanri_store_open_writer (KanriStore  *self,
                         GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (KANRI_IS_STORE (self), NULL);

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KANRI_STORE_ERROR, KANRI_STORE_ERROR_FAILED,
                   _("Could not open the local database “%s”: %s"),
                   self->path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  return db;
}

int
kanri_store_get_schema_version (KanriStore *self)
{
  g_return_val_if_fail (KANRI_IS_STORE (self), -1);

  return read_user_version (self, NULL);
}

/**
 * kanri_store_owns_journal:
 *
 * Whether this store holds the journal lease: only its owner may run
 * operations and recover interrupted ones.
 */
gboolean
kanri_store_owns_journal (KanriStore *self)
{
  g_return_val_if_fail (KANRI_IS_STORE (self), FALSE);

  return self->lease_fd >= 0;
}

/**
 * kanri_store_get_interrupted:
 *
 * Returns: how many operations were found "running" at open and marked
 *   "interrupted"
 */
guint
kanri_store_get_interrupted (KanriStore *self)
{
  g_return_val_if_fail (KANRI_IS_STORE (self), 0);

  return self->interrupted;
}
