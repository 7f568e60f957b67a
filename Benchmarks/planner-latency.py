"""The planner's answer to a key right after an idle moment, in a real terminal (tmux).

After each edit the planner, once idle, keeps the unsaved work in calendar.json.recovery. This
adds a post, waits 0.6 s, presses ? and times until the help is on the screen.

    .build/release/cadence-bench --generate 100000 /tmp/big/calendar.json
    python3 Benchmarks/planner-latency.py .build/release/cadence /tmp/big
"""
import os
import subprocess
import sys
import time

binary, folder = sys.argv[1], sys.argv[2]
sock = "lat%d" % os.getpid()
def tmux(*a):
    return subprocess.run(["tmux", "-L", sock] + list(a), capture_output=True, text=True).stdout
env = f"TERM=tmux-256color LANG=C.UTF-8 TZ=Europe/Berlin HOME={folder} CADENCE_NOW=2026-06-10T10:00:00+02:00"
tmux("new-session", "-d", "-x", "120", "-y", "40", f"cd {folder} && env -i {env} {binary}; sleep 600")
def wait(text, timeout=60):
    t = time.time()
    while time.time() - t < timeout:
        if text in tmux("capture-pane", "-p"): return time.time() - t
        time.sleep(0.005)
    raise SystemExit("never saw " + text)
wait("[Week]")
results = []
for i in range(6):
    tmux("send-keys", "a"); wait("New post")
    tmux("send-keys", "-l", f"Lat{i}"); tmux("send-keys", "Enter"); wait(f"Added “Lat{i}”")
    time.sleep(0.6)   # idle: the planner writes its recovery file
    start = time.time()
    tmux("send-keys", "?")
    wait("Cadence keys")
    results.append(time.time() - start)
    tmux("send-keys", "Escape"); 
    while "Cadence keys" in tmux("capture-pane", "-p"): time.sleep(0.01)
print("key after an idle moment (s):", " ".join("%.3f" % r for r in results))
tmux("kill-server")
