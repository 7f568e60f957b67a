#ifndef CADENCE_NCURSES_SHIM_H
#define CADENCE_NCURSES_SHIM_H

// SwiftPM drops pkg-config's compile flags, so the wide-character API is asked for here.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/ncurses.h>

// Macros and globals Swift cannot import (or, under strict concurrency, may not touch).
static inline attr_t cadence_attr_normal(void) { return A_NORMAL; }
static inline attr_t cadence_attr_bold(void) { return A_BOLD; }
static inline attr_t cadence_attr_reverse(void) { return A_REVERSE; }
static inline attr_t cadence_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t cadence_attr_dim(void) { return A_DIM; }
static inline WINDOW *cadence_stdscr(void) { return stdscr; }
static inline int cadence_lines(void) { return LINES; }
static inline int cadence_cols(void) { return COLS; }
static inline int cadence_colors(void) { return COLORS; }
static inline FILE *cadence_stdout(void) { return stdout; }
static inline FILE *cadence_stdin(void) { return stdin; }
static inline const char *cadence_codeset(void) { return nl_langinfo(CODESET); }

// Whether the terminal can put the cursor anywhere (TERM=dumb cannot): a planner needs it.
static inline int cadence_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

// Bracketed paste: the terminal wraps pasted text in ESC[200~ … ESC[201~, which curses then
// reports as two keys of Cadence's own, so that a paste is taken as text, never as commands.
static inline int cadence_key_paste_start(void) { return KEY_MAX + 1; }
static inline int cadence_key_paste_end(void) { return KEY_MAX + 2; }
static inline void cadence_bracketed_paste(int on) {
    if (on) {
        define_key("\033[200~", KEY_MAX + 1);
        define_key("\033[201~", KEY_MAX + 2);
    }
    fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
    fflush(stdout);
}

// Presses only: curses' own click detection waits for more events and can lose a key typed
// right after a click, so clicks and double clicks are told apart by Cadence.
static inline mmask_t cadence_mouse_events(void) {
    return BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int cadence_is_press(mmask_t s) { return (s & BUTTON1_PRESSED) != 0; }
static inline int cadence_is_wheel_up(mmask_t s) { return (s & BUTTON4_PRESSED) != 0; }
static inline int cadence_is_wheel_down(mmask_t s) { return (s & BUTTON5_PRESSED) != 0; }

#endif
