/* kanri-test-gui.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <pango/pangocairo.h>
#include <ftw.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "kanri-alert.h"
#include "kanri-analyzer-page.h"
#include "kanri-resources.h"
#include "kanri-test-gui.h"

static char *private_home;

static int
remove_entry (const char        *path,
              const struct stat *st,
              int                flag,
              struct FTW       *ftw)
{
  return remove (path);
}

static void
remove_private_home (void)
{
  if (private_home != NULL)
    nftw (private_home, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  g_clear_pointer (&private_home, g_free);
}

/* Every GUI test draws with the fonts of one pinned set (the private
 * fontconfig file that tests/run-headless.sh writes) and GTK settings of its
 * own, so that a developer's machine and a fresh one lay out the same: a
 * font this machine has and a new one lacks must not hide a layout bug. */
static void
pin_fonts (void)
{
  const char *font_name = g_getenv ("KANRI_TEST_FONT_NAME");
  const char *families = g_getenv ("KANRI_TEST_FONT_FAMILIES");
  static const char *const generic_families[] = { "Sans", "Serif", "Monospace", "System-ui", NULL };
  g_auto(GStrv) allowed = NULL;
  g_autofree PangoFontFamily **listed = NULL;
  PangoFontMap *font_map;
  int n_listed = 0;

  if (font_name == NULL || families == NULL)
    g_error ("GUI tests draw with a pinned font set: run them through tests/run-headless.sh "
             "(meson test does)");

  g_object_set (gtk_settings_get_default (),
                "gtk-font-name", font_name,
                "gtk-xft-dpi", 96 * 1024,
                "gtk-xft-antialias", 1,
                "gtk-xft-hinting", 1,
                "gtk-xft-hintstyle", "hintslight",
                "gtk-xft-rgba", "none",
                NULL);

  allowed = g_strsplit (families, ";", -1);
  font_map = pango_cairo_font_map_get_default ();
  pango_font_map_list_families (font_map, &listed, &n_listed);
  if (n_listed == 0)
    g_error ("The pinned font set has no fonts (FONTCONFIG_FILE=%s)", g_getenv ("FONTCONFIG_FILE"));
  for (int i = 0; i < n_listed; i++)
    {
      const char *family = pango_font_family_get_name (listed[i]);

      /* Pango lists the generic families beside the real ones. */
      if (!g_strv_contains (generic_families, family) &&
          !g_strv_contains ((const char *const *)allowed, family))
        g_error ("The font family “%s” is not in the pinned set (%s): fontconfig read more than "
                 "FONTCONFIG_FILE=%s", family, families, g_getenv ("FONTCONFIG_FILE"));
    }
}

void
kanri_test_gui_init (int    *argc,
                     char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *const subdirs[][2] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_STATE_HOME", "state" },
  };

  /* The user's folders are this process's own, so no test touches the real
   * ones. Not G_TEST_OPTION_ISOLATE_DIRS: it also replaces XDG_DATA_DIRS,
   * where the MIME database lives, and without it SVG icons fail to load. */
  private_home = g_dir_make_tmp ("kanri-gui-test-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (remove_private_home);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (private_home, subdirs[i][1], NULL);

      g_setenv (subdirs[i][0], dir, TRUE);
    }

  /* What gtk_test_init() does. */
  g_test_init (argc, argv, NULL);
  gtk_disable_setlocale ();
  gtk_init ();
  adw_init ();
  kanri_register_resource ();
  pin_fonts ();
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* A sanitizer build runs the same code several times slower, and more so
 * beside the other tests of a parallel run: the waits for a condition give
 * it that much longer (they end as soon as the condition holds). */
#if defined(__SANITIZE_ADDRESS__)
# define WAIT_SCALE 10
#else
# define WAIT_SCALE 1
#endif

/**
 * kanri_test_wait_for:
 *
 * Runs the main loop until @condition holds or @timeout_ms passes (longer in
 * a sanitizer build).
 *
 * Returns: whether the condition held
 */
gboolean
kanri_test_wait_for (gboolean (*condition) (gpointer data),
                     gpointer   data,
                     guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (timeout_ms * WAIT_SCALE, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);

  return condition (data);
}

/**
 * kanri_test_iterate:
 *
 * Lets the main loop run for @ms, for layout and idles to settle.
 */
void
kanri_test_iterate (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
count_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  guint *n_ticks = data;

  (*n_ticks)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
frames_passed (gpointer data)
{
  const guint *counts = data;

  return counts[0] >= counts[1];
}

/**
 * kanri_test_wait_frames:
 *
 * Lets @widget's window go through @n_frames frames (update, layout,
 * paint): a change made during one layout, such as a button shown from an
 * idle after an allocation, is laid out in the next.
 *
 * Returns: whether they passed within a few seconds
 */
gboolean
kanri_test_wait_frames (GtkWidget *widget,
                        guint      n_frames)
{
  guint counts[2] = { 0, n_frames };
  guint tick;
  gboolean passed;

  tick = gtk_widget_add_tick_callback (widget, count_tick_cb, &counts[0], NULL);
  passed = kanri_test_wait_for (frames_passed, counts, 5000);
  gtk_widget_remove_tick_callback (widget, tick);

  return passed;
}

#if ADW_CHECK_VERSION (1, 4, 0)
/* A navigation view (as a collapsed AdwNavigationSplitView has) draws both
 * pages while it slides from one to the other, and one once it is done. */
static gboolean
navigation_running (GtkWidget *view)
{
  guint n_mapped = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_NAVIGATION_PAGE (child) && gtk_widget_get_mapped (child))
        n_mapped++;
    }

  return n_mapped > 1;
}
#endif

static gboolean
any_transition_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
#if ADW_CHECK_VERSION (1, 4, 0)
  if (ADW_IS_NAVIGATION_VIEW (widget) && navigation_running (widget))
    return TRUE;
#endif
  if (GTK_IS_REVEALER (widget) &&
      gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) != gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (any_transition_running (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
transitions_over (gpointer data)
{
  return !any_transition_running (data);
}

/**
 * kanri_test_wait_settled:
 *
 * Waits until no stack, revealer or navigation view under @widget is in a
 * transition, then for the frames after it: what is on screen is where it
 * stays.
 *
 * Returns: whether it settled within a few seconds
 */
gboolean
kanri_test_wait_settled (GtkWidget *widget)
{
  return kanri_test_wait_for (transitions_over, widget, 5000) &&
         kanri_test_wait_frames (widget, 3);
}

/**
 * kanri_test_save_screenshot:
 *
 * Renders @widget to `$KANRI_SCREENSHOT_DIR/gui-@name.png`, an artifact of
 * the test run for people to look at.
 */
void
kanri_test_save_screenshot (GtkWidget  *widget,
                            const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("KANRI_SCREENSHOT_DIR");
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL || width <= 0 || height <= 0)
    return;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_mkdir_with_parents (dir, 0755);
  file_name = g_strdup_printf ("gui-%s.png", name);
  path = g_build_filename (dir, file_name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static gboolean
label_matches (GtkWidget  *widget,
               const char *label)
{
  if (label == NULL)
    return TRUE;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return TRUE;
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), label) == 0)
    return TRUE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0)
    return TRUE;
  if (GTK_IS_MENU_BUTTON (widget) &&
      (g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), label) == 0 ||
       g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0))
    return TRUE;
  if (ADW_IS_STATUS_PAGE (widget) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), label) == 0)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), label) == 0)
    return TRUE;
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), label) == 0)
    return TRUE;
  return FALSE;
}

/**
 * kanri_test_find_child:
 * @label: (nullable): a button's or label's text or icon name, or a row's,
 *   preferences group's or status page's title
 *
 * Returns: (transfer none) (nullable): the first descendant of @root of
 *   @type whose label is @label
 */
GtkWidget *
kanri_test_find_child (GtkWidget  *root,
                       GType       type,
                       const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && label_matches (child, label))
        return child;

      found = kanri_test_find_child (child, type, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * kanri_test_find_by_id:
 * @id: an id in a template (.ui file)
 *
 * Returns: (transfer none) (nullable): the descendant of @root with that id
 */
GtkWidget *
kanri_test_find_by_id (GtkWidget  *root,
                       const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUILDABLE (child) &&
          g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)), id) == 0)
        return child;

      found = kanri_test_find_by_id (child, id);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_alert_in (GtkWidget *root)
{
  if (kanri_alert_is_alert (root) && gtk_widget_get_visible (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_alert_in (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * kanri_test_find_alert:
 *
 * An AdwMessageDialog is a window of its own; an AdwAlertDialog (libadwaita
 * 1.5) sits inside the window it is about. This finds either.
 *
 * Returns: (transfer none) (nullable): the alert (kanri-alert.h) on screen
 */
GtkWidget *
kanri_test_find_alert (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWidget *found = find_alert_in (l->data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
analyses_finished (gpointer data)
{
  GListModel *inputs = kanri_analyzer_page_get_inputs (data);
  guint n = g_list_model_get_n_items (inputs);

  /* Files dropped are first told apart (a batch or inputs) in a thread. */
  if (kanri_analyzer_page_get_sorting (data))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KanriAnalysis) analysis = g_list_model_get_item (inputs, i);

      if (kanri_analysis_get_state (analysis) == KANRI_ANALYSIS_BUSY)
        return FALSE;
    }
  return n > 0;
}

/**
 * kanri_test_wait_for_analyses:
 * @page: (type KanriAnalyzerPage): a Header Analyzer page with inputs
 *
 * Waits until none of the page's analyses is still running, then lets it
 * show the report.
 */
void
kanri_test_wait_for_analyses (gpointer page)
{
  g_assert_true (kanri_test_wait_for (analyses_finished, page, 10000));
  kanri_test_iterate (100);
}
