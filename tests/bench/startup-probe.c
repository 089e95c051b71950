/* startup-probe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * An LD_PRELOAD shim that times a GTK 4 program from the inside, the same
 * way for every program, so Newsdesk, a minimal libadwaita window and
 * gnome-text-editor are measured with one method. Nothing in it knows
 * Newsdesk: it only listens to GDK and GTK signals through emission hooks.
 *
 * It is loaded by startup-launch (see there), which reads CLOCK_MONOTONIC
 * right before execve() and passes it in UI_PROBE_T0_NS, so "process start"
 * is the exec of the program: loading and relocating its libraries count.
 * Without UI_PROBE_T0_NS the start is the process's own start time from
 * /proc/self/stat (field 22, in clock ticks of CLOCK_BOOTTIME, so only to
 * 10 ms, and it is the fork, not the exec: a shell that runs anything before
 * exec'ing the program moves it earlier). Both are written so they can be
 * compared (stat_start_minus_t0_ms).
 *
 * Times are CLOCK_MONOTONIC (g_get_monotonic_time () is the same clock), so
 * they compare with ui-type.py's send times and ui-bench-autosave's log.
 *
 * Environment:
 *   UI_PROBE_OUT      file that results are appended to, "key value" lines
 *   UI_PROBE_MODE     "startup" (default): on the first paint of a toplevel,
 *                     write the times, wait UI_PROBE_SETTLE_MS (1000), write
 *                     the memory of the process and _exit(0).
 *                     "keys": stay running and write one "key" line for every
 *                     key press, with the time of the next frame painted
 *                     after a list's selection model changed (the updated
 *                     list).
 *                     "echo": as "keys", but each key press is answered by
 *                     the first frame painted after it (typing in an editor).
 *   UI_PROBE_WINDOW   a GType name (NdWindow): only the first paint of a
 *                     toplevel of that type counts; default any GtkWindow.
 *                     When another toplevel paints (an error dialog) and
 *                     none of that type follows within 10 s, the probe
 *                     writes "failed" and ends the program (exit status 3).
 *   UI_PROBE_T0_NS    CLOCK_MONOTONIC of the exec, in ns (set by startup-launch).
 *   UI_PROBE_TRACE    in "keys" and "echo" modes, also write every key press
 *                     ("press"), search-changed ("search") and selection
 *                     model change ("model"), as they happen.
 *   UI_PROBE_SMAPS    in "startup" mode, a file to copy /proc/self/smaps to
 *                     with the memory figures (to see where memory goes).
 *
 * The hooks are on GdkFrameClock::layout and ::after-paint (the first frame),
 * GdkDisplayManager::display-opened (when gtk_init opened the display),
 * GdkSurface::event (key presses, as GDK dispatches them; the X server's time
 * of the event is kept too: Xvfb stamps events with CLOCK_MONOTONIC in ms),
 * GListModel::items-changed on GtkSelectionModels (the list's model changed)
 * and GtkSearchEntry::search-changed (after the entry's search delay).
 */

#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <gtk/gtk.h>

typedef enum {
  MODE_STARTUP,
  MODE_KEYS,
  MODE_ECHO,
} ProbeMode;

typedef struct {
  gint64  dispatch_us;   /* CLOCK_MONOTONIC when GDK dispatched the press */
  guint32 server_ms;     /* the X server's timestamp of the event */
  guint   keyval;
  gint64  echo_paint_us;       /* first frame after the press (the entry) */
  gint64  search_changed_us;   /* the first search-changed after the press */
  gint64  model_us;            /* the first model change after that */
} PendingKey;

static struct {
  ProbeMode  mode;
  FILE      *out;
  char      *window_type;
  char      *smaps_path;
  guint      settle_ms;

  gint64     t0_us;           /* process start, CLOCK_MONOTONIC */
  gint64     t0_stat_us;      /* process start from /proc/self/stat */
  gint64     ctor_us;
  gint64     display_opened_us;
  gint64     first_layout_us;
  gint64     first_paint_us;
  gint64     list_rows_us;    /* first paint with rows in a GtkListView */
  gboolean   t0_from_exec;
  gboolean   trace;
  gboolean   done_first;
  gboolean   other_window;
  gboolean   hooks_for_keys;

  /* keys mode */
  GArray    *pending;         /* PendingKey */
  gint64     model_last_us;   /* last items-changed since the last paint */
  gint64     last_search_changed_us;
  guint      n_frames;
} probe;

static gint64
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The process's start (fork) from /proc/self/stat, on CLOCK_MONOTONIC. The
 * field is in clock ticks since boot on CLOCK_BOOTTIME; the two clocks differ
 * by the time the machine was suspended, which is read now. */
static gint64
stat_start_us (void)
{
  g_autofree char *contents = NULL;
  const char *p;
  unsigned long long start_ticks = 0;
  struct timespec boot, mono;
  long hz = sysconf (_SC_CLK_TCK);

  if (!g_file_get_contents ("/proc/self/stat", &contents, NULL, NULL))
    return 0;
  /* Field 2 is "(comm)" and may hold spaces: count from the last ')'. */
  p = strrchr (contents, ')');
  if (p == NULL)
    return 0;
  /* After ") " come fields 3, 4, …; starttime is field 22. */
  p += 2;
  for (int field = 3; field < 22 && p != NULL; field++)
    {
      p = strchr (p, ' ');
      if (p != NULL)
        p++;
    }
  if (p == NULL || sscanf (p, "%llu", &start_ticks) != 1)
    return 0;

  clock_gettime (CLOCK_BOOTTIME, &boot);
  clock_gettime (CLOCK_MONOTONIC, &mono);
  return (gint64) (start_ticks * G_USEC_PER_SEC / hz)
         - ((gint64) boot.tv_sec * G_USEC_PER_SEC + boot.tv_nsec / 1000)
         + ((gint64) mono.tv_sec * G_USEC_PER_SEC + mono.tv_nsec / 1000);
}

/* User and system time of all the threads so far: unlike the wall-clock
 * time, it hardly depends on what else the machine is doing. */
static double
cpu_ms (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static double
ms_since_start (gint64 t_us)
{
  return (t_us - probe.t0_us) / 1000.0;
}

static void
put (const char *key,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
put (const char *key,
     const char *format,
     ...)
{
  va_list args;

  if (probe.out == NULL)
    return;
  fprintf (probe.out, "%s ", key);
  va_start (args, format);
  vfprintf (probe.out, format, args);
  va_end (args);
  fputc ('\n', probe.out);
  fflush (probe.out);
}

/* Private_Clean + Private_Dirty is the unique set (USS): what the process
 * alone holds and would give back on exit. */
static void
put_memory (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 clean = 0, dirty = 0, rss = 0, pss = 0, anon = 0;

  if (!g_file_get_contents ("/proc/self/smaps_rollup", &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 kb;

      if (sscanf (lines[i], "Private_Clean: %" G_GUINT64_FORMAT, &kb) == 1)
        clean = kb;
      else if (sscanf (lines[i], "Private_Dirty: %" G_GUINT64_FORMAT, &kb) == 1)
        dirty = kb;
      else if (sscanf (lines[i], "Rss: %" G_GUINT64_FORMAT, &kb) == 1)
        rss = kb;
      else if (sscanf (lines[i], "Pss: %" G_GUINT64_FORMAT, &kb) == 1)
        pss = kb;
      else if (sscanf (lines[i], "Anonymous: %" G_GUINT64_FORMAT, &kb) == 1)
        anon = kb;
    }
  put ("uss_kb", "%" G_GUINT64_FORMAT, clean + dirty);
  {
    /* Where the heap goes: what malloc hands out and keeps free, and what
     * SQLite holds of it (when the program uses SQLite). */
    struct mallinfo2 info = mallinfo2 ();
    gint64 (*sqlite_memory_used) (void) = (gint64 (*) (void)) dlsym (RTLD_DEFAULT, "sqlite3_memory_used");

    put ("malloc_in_use_kb", "%zu", info.uordblks / 1024);
    put ("malloc_free_kb", "%zu", info.fordblks / 1024);
    put ("malloc_mmap_kb", "%zu", info.hblkhd / 1024);
    if (sqlite_memory_used != NULL)
      put ("sqlite_memory_kb", "%" G_GINT64_FORMAT, sqlite_memory_used () / 1024);
  }
  put ("private_clean_kb", "%" G_GUINT64_FORMAT, clean);
  put ("private_dirty_kb", "%" G_GUINT64_FORMAT, dirty);
  put ("rss_kb", "%" G_GUINT64_FORMAT, rss);
  put ("pss_kb", "%" G_GUINT64_FORMAT, pss);
  put ("anonymous_kb", "%" G_GUINT64_FORMAT, anon);
}

static guint
count_list_rows (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_get_mapped (widget))
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (gtk_widget_get_mapped (child) && gtk_widget_get_first_child (child) != NULL)
          n++;
      return n;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_list_rows (child);

  return n;
}

/* The mapped toplevel that paints with this frame clock and is of the
 * wanted type, if any. */
static GtkWindow *
window_of_clock (GdkFrameClock *clock)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GType wanted = G_TYPE_INVALID;

  if (probe.window_type != NULL)
    {
      wanted = g_type_from_name (probe.window_type);
      if (wanted == G_TYPE_INVALID)
        return NULL;
    }

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

      if (wanted != G_TYPE_INVALID && !g_type_is_a (G_OBJECT_TYPE (window), wanted))
        continue;
      if (surface == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
          !gdk_surface_get_mapped (surface) || gdk_surface_get_frame_clock (surface) != clock)
        continue;
      return window;
    }

  return NULL;
}

static gboolean
settle_done_cb (gpointer user_data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  guint rows = 0;

  for (GList *l = toplevels; l != NULL; l = l->next)
    rows += count_list_rows (l->data);
  put ("settle_list_rows", "%u", rows);
  if (probe.list_rows_us != 0)
    put ("list_rows_ms", "%.1f", ms_since_start (probe.list_rows_us));
  put ("frames_in_settle", "%u", probe.n_frames);
  put_memory ();
  if (probe.smaps_path != NULL)
    {
      g_autofree char *smaps = NULL;
      gsize length;

      if (g_file_get_contents ("/proc/self/smaps", &smaps, &length, NULL))
        g_file_set_contents (probe.smaps_path, smaps, length, NULL);
    }
  put ("done", "1");
  fclose (probe.out);
  _exit (0);
  return G_SOURCE_REMOVE;
}

static void install_key_hooks (void);

static void
first_paint (GtkWindow *window,
             gint64     t_us)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  probe.first_paint_us = t_us;
  probe.done_first = TRUE;

  put ("first_paint_ms", "%.1f", ms_since_start (t_us));
  put ("cpu_ms", "%.1f", cpu_ms ());
  put ("t0_source", "%s", probe.t0_from_exec ? "exec" : "proc-stat");
  put ("stat_start_minus_t0_ms", "%.1f", (probe.t0_stat_us - probe.t0_us) / 1000.0);
  put ("ctor_ms", "%.1f", ms_since_start (probe.ctor_us));
  if (probe.display_opened_us != 0)
    put ("display_opened_ms", "%.1f", ms_since_start (probe.display_opened_us));
  put ("first_layout_ms", "%.1f", ms_since_start (probe.first_layout_us));
  put ("window_type", "%s", G_OBJECT_TYPE_NAME (window));
  put ("window_size", "%dx%d", width, height);
  put ("renderer", "%s", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
  put ("first_paint_list_rows", "%u", count_list_rows (GTK_WIDGET (window)));

  if (probe.mode == MODE_STARTUP)
    g_timeout_add (probe.settle_ms, settle_done_cb, NULL);
  else
    install_key_hooks ();
}

static gboolean
layout_hook_cb (GSignalInvocationHint *hint,
                guint                  n_values,
                const GValue          *values,
                gpointer               user_data)
{
  if (probe.first_layout_us == 0)
    probe.first_layout_us = now_us ();
  return probe.first_layout_us == 0;   /* one is enough */
}

static gboolean
display_opened_hook_cb (GSignalInvocationHint *hint,
                        guint                  n_values,
                        const GValue          *values,
                        gpointer               user_data)
{
  if (probe.display_opened_us == 0)
    probe.display_opened_us = now_us ();
  return FALSE;
}

/* A key is answered by the first frame painted after the list's model
 * changed following the key's search (or, in "echo" mode, by the first frame
 * painted after the key). Keys typed while a search ran are answered by the
 * model change that follows their own search-changed, never by the end of
 * the search that was running when they came. */
static void
flush_keys (gint64 paint_us)
{
  guint kept = 0;

  for (guint i = 0; i < probe.pending->len; i++)
    {
      PendingKey *key = &g_array_index (probe.pending, PendingKey, i);

      if (probe.mode == MODE_ECHO)
        key->model_us = paint_us;
      if (key->model_us == 0)
        {
          g_array_index (probe.pending, PendingKey, kept++) = *key;
          continue;
        }

      /* keyval unicode server_ms dispatch_us echo_paint_us search_changed_us
       * model_us model_last_us paint_us */
      put ("key", "%u %u %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
           " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
           key->keyval, gdk_keyval_to_unicode (key->keyval), key->server_ms, key->dispatch_us,
           key->echo_paint_us, key->search_changed_us, key->model_us,
           MAX (probe.model_last_us, key->model_us), paint_us);
    }
  g_array_set_size (probe.pending, kept);
}

static gboolean
give_up_cb (gpointer user_data)
{
  if (!probe.done_first)
    {
      put ("failed", "no %s was painted", probe.window_type);
      fclose (probe.out);
      _exit (3);
    }
  return G_SOURCE_REMOVE;
}

/* Another toplevel than the wanted one painted: say which, and give the
 * wanted one a while to follow. */
static void
note_other_window (GdkFrameClock *clock)
{
  g_autoptr(GList) toplevels = NULL;

  if (probe.other_window || probe.window_type == NULL)
    return;

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (l->data));

      if (surface == NULL || gdk_surface_get_frame_clock (surface) != clock)
        continue;
      probe.other_window = TRUE;
      put ("other_window", "%s %s", G_OBJECT_TYPE_NAME (l->data),
           gtk_window_get_title (l->data) != NULL ? gtk_window_get_title (l->data) : "");
      g_timeout_add (10000, give_up_cb, NULL);
      return;
    }
}

static gboolean
after_paint_hook_cb (GSignalInvocationHint *hint,
                     guint                  n_values,
                     const GValue          *values,
                     gpointer               user_data)
{
  GdkFrameClock *clock = g_value_get_object (&values[0]);
  gint64 t_us = now_us ();

  if (!probe.done_first)
    {
      GtkWindow *window = window_of_clock (clock);

      if (window != NULL)
        first_paint (window, t_us);
      else
        note_other_window (clock);
      return TRUE;
    }

  probe.n_frames++;

  if (probe.mode == MODE_STARTUP)
    {
      if (probe.list_rows_us == 0)
        {
          GtkWindow *window = window_of_clock (clock);

          if (window != NULL && count_list_rows (GTK_WIDGET (window)) > 0)
            probe.list_rows_us = t_us;
        }
      return TRUE;
    }

  for (guint i = 0; i < probe.pending->len; i++)
    {
      PendingKey *key = &g_array_index (probe.pending, PendingKey, i);

      if (key->echo_paint_us == 0)
        key->echo_paint_us = t_us;
    }

  flush_keys (t_us);
  probe.model_last_us = 0;

  return TRUE;
}

static gboolean
surface_event_hook_cb (GSignalInvocationHint *hint,
                       guint                  n_values,
                       const GValue          *values,
                       gpointer               user_data)
{
  GdkEvent *event = g_value_peek_pointer (&values[1]);   /* a GdkEvent is no boxed type */
  PendingKey key = { 0 };

  if (event == NULL || gdk_event_get_event_type (event) != GDK_KEY_PRESS)
    return TRUE;

  key.dispatch_us = now_us ();
  key.server_ms = gdk_event_get_time (event);
  key.keyval = gdk_key_event_get_keyval (event);
  g_array_append_val (probe.pending, key);
  if (probe.trace)
    put ("press", "%u %u %" G_GINT64_FORMAT, key.keyval, key.server_ms, key.dispatch_us);

  return TRUE;
}

static gboolean
search_changed_hook_cb (GSignalInvocationHint *hint,
                        guint                  n_values,
                        const GValue          *values,
                        gpointer               user_data)
{
  gint64 t_us = now_us ();

  probe.last_search_changed_us = t_us;
  if (probe.trace)
    {
      GtkEditable *entry = g_value_get_object (&values[0]);

      put ("search", "%" G_GINT64_FORMAT " %s", t_us, gtk_editable_get_text (entry));
    }
  for (guint i = 0; i < probe.pending->len; i++)
    {
      PendingKey *key = &g_array_index (probe.pending, PendingKey, i);

      if (key->search_changed_us == 0)
        key->search_changed_us = t_us;
    }
  return TRUE;
}

static gboolean
items_changed_hook_cb (GSignalInvocationHint *hint,
                       guint                  n_values,
                       const GValue          *values,
                       gpointer               user_data)
{
  GObject *model = g_value_get_object (&values[0]);
  gint64 t_us;

  if (!GTK_IS_SELECTION_MODEL (model))
    return TRUE;

  t_us = now_us ();
  if (probe.trace)
    put ("model", "%" G_GINT64_FORMAT " %u %u %u", t_us, g_value_get_uint (&values[1]),
         g_value_get_uint (&values[2]), g_value_get_uint (&values[3]));
  probe.model_last_us = t_us;
  for (guint i = 0; i < probe.pending->len; i++)
    {
      PendingKey *key = &g_array_index (probe.pending, PendingKey, i);

      if (key->search_changed_us != 0 && key->model_us == 0)
        key->model_us = t_us;
    }
  return TRUE;
}

/* Installed once GTK is up: the widget classes are safe to touch then. */
static void
install_key_hooks (void)
{
  if (probe.hooks_for_keys)
    return;
  probe.hooks_for_keys = TRUE;

  /* The references are kept: the classes must outlive the hooks. */
  g_type_class_ref (GTK_TYPE_SEARCH_ENTRY);
  g_type_default_interface_ref (G_TYPE_LIST_MODEL);
  g_signal_add_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY), 0,
                              search_changed_hook_cb, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL), 0,
                              items_changed_hook_cb, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("event", GDK_TYPE_SURFACE), 0,
                              surface_event_hook_cb, NULL, NULL);
  put ("keys_ready", "%" G_GINT64_FORMAT, now_us ());
}

__attribute__((constructor)) static void
probe_init (void)
{
  const char *out = g_getenv ("UI_PROBE_OUT");
  const char *mode = g_getenv ("UI_PROBE_MODE");
  const char *t0 = g_getenv ("UI_PROBE_T0_NS");
  const char *settle = g_getenv ("UI_PROBE_SETTLE_MS");

  probe.ctor_us = now_us ();
  if (out == NULL)
    return;

  /* Children (gnome-text-editor's helpers, spawned tools) must not be
   * probed, nor inherit the start time. */
  probe.out = fopen (out, "a");
  if (probe.out == NULL)
    {
      g_printerr ("startup-probe: %s: %s\n", out, g_strerror (errno));
      return;
    }
  if (g_strcmp0 (mode, "keys") == 0)
    probe.mode = MODE_KEYS;
  else if (g_strcmp0 (mode, "echo") == 0)
    probe.mode = MODE_ECHO;
  else
    probe.mode = MODE_STARTUP;
  probe.window_type = g_strdup (g_getenv ("UI_PROBE_WINDOW"));
  probe.smaps_path = g_strdup (g_getenv ("UI_PROBE_SMAPS"));
  probe.trace = g_getenv ("UI_PROBE_TRACE") != NULL;
  probe.settle_ms = settle != NULL ? (guint) atoi (settle) : 1000;
  probe.pending = g_array_new (FALSE, TRUE, sizeof (PendingKey));
  probe.t0_stat_us = stat_start_us ();
  probe.t0_from_exec = t0 != NULL;
  probe.t0_us = t0 != NULL ? g_ascii_strtoll (t0, NULL, 10) / 1000 : probe.t0_stat_us;

  g_unsetenv ("LD_PRELOAD");
  g_unsetenv ("UI_PROBE_OUT");
  g_unsetenv ("UI_PROBE_T0_NS");

  /* These classes hold only signals and properties: creating them this
   * early changes nothing in the program. */
  g_type_class_ref (GDK_TYPE_FRAME_CLOCK);
  g_type_class_ref (GDK_TYPE_DISPLAY_MANAGER);
  g_type_class_ref (GDK_TYPE_SURFACE);
  g_signal_add_emission_hook (g_signal_lookup ("layout", GDK_TYPE_FRAME_CLOCK), 0,
                              layout_hook_cb, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("after-paint", GDK_TYPE_FRAME_CLOCK), 0,
                              after_paint_hook_cb, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("display-opened", GDK_TYPE_DISPLAY_MANAGER), 0,
                              display_opened_hook_cb, NULL, NULL);
}
