#ifndef CADENCE_TERMINAL_GUARD_H
#define CADENCE_TERMINAL_GUARD_H

/// Remembers the terminal's settings and installs handlers: SIGTERM, SIGHUP and SIGINT are
/// recorded for the event loop to act on; a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT,
/// SIGTRAP) first puts the terminal back (settings, main screen, cursor, mouse off), then goes
/// on to whatever handled the signal before (the Swift runtime's backtrace, or the default).
void cadence_guard_install(void);

/// The last SIGTERM, SIGHUP or SIGINT received and not yet taken, or 0.
int cadence_guard_take_signal(void);

/// Puts the terminal settings saved by cadence_guard_install back (safe in any context).
void cadence_guard_restore(void);

#endif
