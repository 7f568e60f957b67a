#include "TerminalGuard.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// Signal handlers can only talk to the program through state like this; it is the one place
// Cadence keeps any, and only async-signal-safe calls touch it.
static struct termios saved_termios;
static int have_termios = 0;
static volatile sig_atomic_t pending_signal = 0;
static struct sigaction previous[65];

static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
static const int quit_signals[] = { SIGTERM, SIGHUP, SIGINT };

void cadence_guard_restore(void) {
    // Leave the alternate screen, show the cursor, stop mouse reports, reset colours.
    static const char reset[] = "\033[?1000l\033[?1002l\033[?1006l\033[?1049l\033[?25h\033[0m\r\n";
    if (have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
}

static void on_crash(int sig) {
    cadence_guard_restore();
    sigaction(sig, &previous[sig], NULL);
    raise(sig);
}

static void on_quit(int sig) {
    pending_signal = sig;
}

void cadence_guard_install(void) {
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) have_termios = 1;
    // A parent may have left signals blocked (a thread pool that spawned us, say); the planner
    // needs these to reach it: resizes, and the ones that ask it to stop.
    sigset_t needed;
    sigemptyset(&needed);
    sigaddset(&needed, SIGWINCH);
    for (unsigned i = 0; i < sizeof quit_signals / sizeof quit_signals[0]; i++) sigaddset(&needed, quit_signals[i]);
    sigprocmask(SIG_UNBLOCK, &needed, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_crash;
    action.sa_flags = SA_RESETHAND;
    for (unsigned i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
        sigaction(crash_signals[i], &action, &previous[crash_signals[i]]);
    }
    action.sa_handler = on_quit;
    action.sa_flags = 0;  // no SA_RESTART: a blocked read returns, so the loop sees the signal
    for (unsigned i = 0; i < sizeof quit_signals / sizeof quit_signals[0]; i++) {
        sigaction(quit_signals[i], &action, &previous[quit_signals[i]]);
    }
}

int cadence_guard_take_signal(void) {
    int sig = pending_signal;
    pending_signal = 0;
    return sig;
}
