#ifndef CADENCE_TERMINAL_GUARD_H
#define CADENCE_TERMINAL_GUARD_H

/// Remembers the terminal's settings and installs handlers: SIGTERM, SIGHUP and SIGINT are
/// recorded for the event loop to act on; a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT,
/// SIGTRAP) first puts the terminal back (settings, main screen, cursor, mouse off), then goes
/// on to whatever handled the signal before (the Swift runtime's backtrace, or the default).
void cadence_guard_install(void);

/// Only records SIGTERM, SIGHUP and SIGINT, as cadence_guard_install does, so that a blocked
/// read (a question asked before the planner starts) returns and the caller can stop in order.
void cadence_guard_catch_quit(void);

/// The last SIGTERM, SIGHUP or SIGINT received and not yet taken, or 0.
int cadence_guard_take_signal(void);

/// Puts the terminal settings saved by cadence_guard_install back (safe in any context).
void cadence_guard_restore(void);

/// Sends standard error to a temporary file while curses owns the screen; 0 on success.
int cadence_guard_capture_stderr(void);

/// Standard error back to the terminal for a while (another program has the screen) ...
void cadence_guard_pause_stderr(void);

/// ... and to the temporary file again.
void cadence_guard_resume_stderr(void);

/// Standard error back to the terminal, then what was written meanwhile, in order. A crash
/// does this too, after restoring the terminal, so the runtime's message is seen.
void cadence_guard_release_stderr(void);

/// Flushes standard output; 0 when everything written to it got out, else the errno of the
/// failure (a full disk, a closed descriptor), or -1 when an earlier write failed and its
/// reason is gone.
int cadence_flush_stdout(void);

#endif
