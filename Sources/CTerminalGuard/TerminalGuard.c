#include "TerminalGuard.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <errno.h>
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
    static const char reset[] = "\033[?2004l\033[?1000l\033[?1002l\033[?1006l\033[?1049l\033[?25h\033[0m\r\n";
    if (have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
}

// While curses owns the screen, standard error goes to an unlinked temporary file: a line
// written there (the Swift runtime's "Fatal error: ...", a library's warning) would otherwise
// land in the middle of the drawing and vanish with the alternate screen. It is shown once the
// terminal is back.
static int real_stderr = -1;
static int captured_stderr = -1;

int cadence_guard_capture_stderr(void) {
    if (captured_stderr >= 0) return 0;
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/cadence-stderr-XXXXXX", dir && *dir ? dir : "/tmp");
    int file = mkstemp(path);
    if (file < 0) return -1;
    unlink(path);
    int real = dup(STDERR_FILENO);
    if (real < 0 || dup2(file, STDERR_FILENO) < 0) {
        if (real >= 0) close(real);
        close(file);
        return -1;
    }
    real_stderr = real;
    captured_stderr = file;
    return 0;
}

void cadence_guard_pause_stderr(void) {
    if (real_stderr >= 0) dup2(real_stderr, STDERR_FILENO);
}

void cadence_guard_resume_stderr(void) {
    if (captured_stderr >= 0) dup2(captured_stderr, STDERR_FILENO);
}

void cadence_guard_release_stderr(void) {
    int file = captured_stderr;
    if (file < 0) return;
    captured_stderr = -1;
    dup2(real_stderr, STDERR_FILENO);
    close(real_stderr);
    real_stderr = -1;
    char buffer[4096];
    lseek(file, 0, SEEK_SET);
    for (ssize_t n; (n = read(file, buffer, sizeof buffer)) > 0;) {
        if (write(STDERR_FILENO, buffer, (size_t)n) < 0) break;
    }
    close(file);
}

static void on_crash(int sig) {
    cadence_guard_restore();
    cadence_guard_release_stderr();
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
    cadence_guard_catch_quit();
}

void cadence_guard_catch_quit(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_quit;
    action.sa_flags = 0;  // no SA_RESTART: a blocked read returns, so the loop sees the signal
    for (unsigned i = 0; i < sizeof quit_signals / sizeof quit_signals[0]; i++) {
        sigaction(quit_signals[i], &action, NULL);
    }
}

int cadence_guard_take_signal(void) {
    int sig = pending_signal;
    pending_signal = 0;
    return sig;
}

int cadence_flush_stdout(void) {
    errno = 0;
    // An error met by an earlier write leaves ferror set but no errno now: -1, reason unknown.
    if (fflush(stdout) != 0 || ferror(stdout)) return errno != 0 ? errno : -1;
    return 0;
}
