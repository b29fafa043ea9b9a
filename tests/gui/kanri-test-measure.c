/* kanri-test-measure.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "kanri-test-measure.h"
#include "kanri-text-cell.h"

/* What GTK's box layout takes for "no limit" when it looks for the size a
 * child needs (MAX_ALLOWED_SIZE in gtkboxlayout.c): a widget whose minimum
 * at this size is above its minimum for -1 makes GTK print "Expect
 * overlapping widgets", and a test with fatal warnings abort. */
#define UNLIMITED (1 << 20)

static void
append_widget_name (GString   *out,
                    GtkWidget *widget)
{
  const char *id = GTK_IS_BUILDABLE (widget)
                   ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

  g_string_append (out, G_OBJECT_TYPE_NAME (widget));
  if (id != NULL && !g_str_has_prefix (id, "___object_"))
    g_string_append_printf (out, "#%s", id);
  for (guint i = 0; classes[i] != NULL; i++)
    g_string_append_printf (out, ".%s", classes[i]);
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));
      g_autofree char *start = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 40));

      g_string_append_printf (out, " “%s”", start);
    }
}

/**
 * kanri_test_describe_widget:
 *
 * Returns: (transfer full): @widget's place in its window, from the top
 *   down, with types, template ids, style classes and a label's text
 */
char *
kanri_test_describe_widget (GtkWidget *widget)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (chain, 0, w);

  for (guint i = 0; i < chain->len; i++)
    {
      if (i > 0)
        g_string_append (out, " > ");
      append_widget_name (out, g_ptr_array_index (chain, i));
    }

  return g_string_free (out, FALSE);
}

static const char *
dimension (GtkOrientation orientation)
{
  return orientation == GTK_ORIENTATION_HORIZONTAL ? "width" : "height";
}

static int
margin_sum (GtkWidget      *widget,
            GtkOrientation  orientation)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    return gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
  return gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget);
}

/* The size its parent gave it, CSS margin, border and padding included, as
 * a measure counts them (the margin properties apart). */
static int
allocated_size (GtkWidget      *widget,
                GtkOrientation  orientation)
{
  GtkAllocation allocation;

  /* Deprecated in GTK 4.12 for gtk_widget_compute_bounds(), which Debian 12's
   * GTK 4.8 has but which leaves out the CSS margin. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_widget_get_allocation (widget, &allocation);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return orientation == GTK_ORIENTATION_HORIZONTAL ? allocation.width : allocation.height;
}

static GtkOrientation
opposite_of (GtkOrientation orientation)
{
  return orientation == GTK_ORIENTATION_HORIZONTAL ? GTK_ORIENTATION_VERTICAL
                                                   : GTK_ORIENTATION_HORIZONTAL;
}

/* GTK's rule: the minimum for -1 is not below the minimum for an unlimited
 * opposite size. */
static char *
check_unlimited (GtkWidget      *widget,
                 GtkOrientation  orientation)
{
  int minimum = 0, unlimited_minimum = 0;
  g_autofree char *where = NULL;

  gtk_widget_measure (widget, orientation, -1, &minimum, NULL, NULL, NULL);
  gtk_widget_measure (widget, orientation, UNLIMITED, &unlimited_minimum, NULL, NULL, NULL);
  if (unlimited_minimum <= minimum)
    return NULL;

  where = kanri_test_describe_widget (widget);
  return g_strdup_printf ("%s: minimum %s %d, but %d for a %s of %d",
                          where, dimension (orientation), minimum, unlimited_minimum,
                          dimension (opposite_of (orientation)), UNLIMITED);
}

/* Where GTK relies on the rule: a box shares its length among its children
 * by their minimums for a size, and takes a child that needs more at an
 * unlimited size than for -1 for a broken widget. Our own widgets keep it
 * in both directions; the parts of GTK's and libadwaita's own widgets are
 * left to them (an action row's column of title and subtitle, in its
 * horizontal header, breaks it for widths far below any it is given). */
static gboolean
is_kanri_widget (GtkWidget *widget)
{
  return g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Kanri");
}

/* Part of a GTK or libadwaita widget's own template (an action row's title
 * box): how it measures is the toolkit's, not ours to change. */
static gboolean
is_toolkit_part (GtkWidget *widget)
{
  const char *id = GTK_IS_BUILDABLE (widget)
                   ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;

  if (id == NULL)
    return FALSE;

  for (GtkWidget *owner = gtk_widget_get_parent (widget);
       owner != NULL && !is_kanri_widget (owner);
       owner = gtk_widget_get_parent (owner))
    {
      for (GType type = G_OBJECT_TYPE (owner); type != GTK_TYPE_WIDGET; type = g_type_parent (type))
        {
          if (gtk_widget_get_template_child (owner, type, id) == G_OBJECT (widget))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
rule_applies (GtkWidget      *widget,
              GtkOrientation  orientation)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkLayoutManager *layout = parent != NULL ? gtk_widget_get_layout_manager (parent) : NULL;

  if (is_kanri_widget (widget))
    return TRUE;

  return GTK_IS_BOX_LAYOUT (layout) &&
         gtk_orientable_get_orientation (GTK_ORIENTABLE (layout)) == orientation &&
         !is_toolkit_part (widget);
}

/* On screen, a widget has at least what it asked for at the size it got: less,
 * and its contents overlap or are cut (GTK checks this only in its own debug
 * builds). A widget that trades height for width is asked its width for -1
 * and its height for its width, and the other way round. A scrollable widget
 * is the exception: it shows part of what it measures, and scrolls. */
static char *
check_allocation (GtkWidget *widget)
{
  GtkSizeRequestMode mode = gtk_widget_get_request_mode (widget);
  GtkOrientation first = mode == GTK_SIZE_REQUEST_WIDTH_FOR_HEIGHT ? GTK_ORIENTATION_VERTICAL
                                                                   : GTK_ORIENTATION_HORIZONTAL;
  GtkOrientation second = opposite_of (first);
  int first_needed = 0, second_needed = 0;
  int first_given = allocated_size (widget, first) + margin_sum (widget, first);
  int second_given = allocated_size (widget, second) + margin_sum (widget, second);
  g_autofree char *where = NULL;

  if (!gtk_widget_get_mapped (widget) || GTK_IS_SCROLLABLE (widget))
    return NULL;

  gtk_widget_measure (widget, first, -1, &first_needed, NULL, NULL, NULL);
  gtk_widget_measure (widget, second, mode == GTK_SIZE_REQUEST_CONSTANT_SIZE ? -1 : first_given,
                      &second_needed, NULL, NULL, NULL);
  if (first_given >= first_needed && second_given >= second_needed)
    return NULL;

  where = kanri_test_describe_widget (widget);
  return g_strdup_printf ("%s: given %d × %d (margins included), but needs %d × %d", where,
                          first == GTK_ORIENTATION_HORIZONTAL ? first_given : second_given,
                          first == GTK_ORIENTATION_HORIZONTAL ? second_given : first_given,
                          first == GTK_ORIENTATION_HORIZONTAL ? first_needed : second_needed,
                          first == GTK_ORIENTATION_HORIZONTAL ? second_needed : first_needed);
}

static void
append_problem (GString *problems,
                char    *problem)
{
  if (problem != NULL)
    g_string_append_printf (problems, "\n  %s", problem);
  g_free (problem);
}

/* Children first: a widget that breaks a rule because a child does is not
 * listed, only the child, where the cause is. */
static gboolean
collect_bad_measures (GtkWidget *widget,
                      GString   *problems)
{
  gboolean found = FALSE;
  gsize before;

  if (!gtk_widget_get_visible (widget))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_NATIVE (child) && collect_bad_measures (child, problems))
        found = TRUE;
    }

  if (found)
    return TRUE;

  before = problems->len;
  for (guint i = 0; i < 2; i++)
    {
      GtkOrientation orientation = i == 0 ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

      if (rule_applies (widget, orientation))
        append_problem (problems, check_unlimited (widget, orientation));
    }
  append_problem (problems, check_allocation (widget));

  return problems->len > before;
}

/**
 * kanri_test_find_bad_measure:
 *
 * Checks every widget under @root that can be laid out (visible, its
 * ancestors visible; popovers and other surfaces apart) against GTK's rules
 * of measurement, which must hold whatever the font: where a box relies on
 * it (and for Kanri's own widgets, everywhere), the minimum for -1 is not
 * below the minimum for an unlimited opposite size; and a widget on screen
 * has at least the size it needs for the size it got.
 *
 * Returns: (transfer full) (nullable): every widget that breaks a rule while
 *   its children keep them, one per line, or %NULL
 */
char *
kanri_test_find_bad_measure (GtkWidget *root)
{
  GString *problems = g_string_new (NULL);

  collect_bad_measures (root, problems);
  if (problems->len == 0)
    {
      g_string_free (problems, TRUE);
      return NULL;
    }

  return g_string_free (problems, FALSE);
}

/**
 * kanri_test_describe_widest:
 *
 * Follows, from @root down, the child that asks for the most width, as far
 * as a widget that asks for @width or more: what keeps a window from being
 * that narrow.
 *
 * Returns: (transfer full): that widget's place and minimum width
 */
char *
kanri_test_describe_widest (GtkWidget *root,
                            int        width)
{
  GtkWidget *widest = root;
  int widest_minimum = 0;
  g_autofree char *where = NULL;

  gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, &widest_minimum, NULL, NULL, NULL);

  for (;;)
    {
      GtkWidget *next = NULL;
      int next_minimum = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widest);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int minimum = 0;

          if (!gtk_widget_get_visible (child) || GTK_IS_NATIVE (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
          if (minimum >= width && minimum > next_minimum)
            {
              next = child;
              next_minimum = minimum;
            }
        }

      if (next == NULL)
        break;
      widest = next;
      widest_minimum = next_minimum;
    }

  where = kanri_test_describe_widget (widest);
  return g_strdup_printf ("%s (minimum width %d)", where, widest_minimum);
}

/* A button that shows what the user chose (a tenant's, a mailbox's name,
 * which can be longer than any width) carries the style class "choice" and
 * may shorten it; a menu button's inner toggle is its part. */
static gboolean
shows_choice (GtkWidget *button)
{
  GtkWidget *parent = gtk_widget_get_parent (button);

  return gtk_widget_has_css_class (button, "choice") ||
         (GTK_IS_MENU_BUTTON (parent) && gtk_widget_has_css_class (parent, "choice"));
}

static void
collect_cut_buttons (GtkWidget *widget,
                     GString   *problems)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_BUTTON (widget) && !shows_choice (widget))
    {
      int natural = 0;
      int given = allocated_size (widget, GTK_ORIENTATION_HORIZONTAL) +
                  margin_sum (widget, GTK_ORIENTATION_HORIZONTAL);

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (given < natural)
        {
          g_autofree char *where = kanri_test_describe_widget (widget);

          g_string_append_printf (problems, "\n  %s: %d px wide, its label needs %d", where,
                                  given, natural);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_NATIVE (child))
        collect_cut_buttons (child, problems);
    }
}

/**
 * kanri_test_find_cut_buttons:
 *
 * Finds the buttons on screen under @root that are narrower than their
 * natural width: their label is cut ("Add Conn…"). A button that shows a
 * choice (style class "choice") may be.
 *
 * Returns: (transfer full) (nullable): every such button, one per line, or
 *   %NULL
 */
char *
kanri_test_find_cut_buttons (GtkWidget *root)
{
  GString *problems = g_string_new (NULL);

  collect_cut_buttons (root, problems);
  if (problems->len == 0)
    {
      g_string_free (problems, TRUE);
      return NULL;
    }

  return g_string_free (problems, FALSE);
}

/* A window's title, shortened where the header bar is narrow, as every
 * GNOME app's is. */
static gboolean
is_window_title (GtkWidget *label)
{
  return gtk_widget_get_ancestor (label, ADW_TYPE_WINDOW_TITLE) != NULL;
}

static gboolean
in_choice (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (gtk_widget_has_css_class (w, "choice"))
        return TRUE;
    }

  return FALSE;
}

static void
collect_cut_text (GtkWidget *widget,
                  GString   *problems)
{
  gboolean cut = FALSE;

  if (!gtk_widget_get_mapped (widget))
    return;

  if (KANRI_IS_TEXT_CELL (widget))
    cut = kanri_text_cell_get_cut (KANRI_TEXT_CELL (widget));
  else if (GTK_IS_LABEL (widget) && gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_NONE)
    cut = pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))) &&
          !is_window_title (widget) && !in_choice (widget) &&
          !GTK_IS_TEXT (gtk_widget_get_parent (widget));

  if (cut)
    {
      g_autofree char *where = kanri_test_describe_widget (widget);

      g_string_append_printf (problems, "\n  %s", where);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_NATIVE (child))
        collect_cut_text (child, problems);
    }
}

/**
 * kanri_test_find_cut_text:
 *
 * Finds the text on screen under @root drawn shortened with "…": a label
 * that ellipsizes (but a window's title, the name a "choice" button shows
 * and an entry's placeholder) or a table's text cell, as it was last
 * drawn.
 *
 * Returns: (transfer full) (nullable): each, one per line, or %NULL
 */
char *
kanri_test_find_cut_text (GtkWidget *root)
{
  GString *problems = g_string_new (NULL);

  collect_cut_text (root, problems);
  if (problems->len == 0)
    {
      g_string_free (problems, TRUE);
      return NULL;
    }

  return g_string_free (problems, FALSE);
}
