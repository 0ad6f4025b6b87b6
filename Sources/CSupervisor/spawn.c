#define _GNU_SOURCE
#include "csupervisor.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/sched.h>
#include <signal.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <syslog.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

// Everything below until exec runs in the forked child: only async-signal-safe calls.

static size_t sv_strlen(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

static void sv_write_str(int fd, const char *s) {
    if (s) (void)!write(fd, s, sv_strlen(s));
}

static void sv_write_errno(int fd, int err) {
    const char *name = strerrorname_np(err);
    if (name) {
        sv_write_str(fd, name);
    } else {
        char digits[16];
        int i = (int)sizeof(digits);
        unsigned v = (unsigned)err;
        do { digits[--i] = (char)('0' + v % 10); v /= 10; } while (v && i > 0);
        (void)!write(fd, digits + i, sizeof(digits) - (size_t)i);
    }
}

static void sv_write_uint(int fd, unsigned long v) {
    char digits[24];
    int i = (int)sizeof(digits);
    do { digits[--i] = (char)('0' + v % 10); v /= 10; } while (v && i > 0);
    (void)!write(fd, digits + i, sizeof(digits) - (size_t)i);
}

struct sv_child_start {
    const sv_spawn_request *request;
    /// >= 0: the pipe the child reports a failure on (it has a copy of our memory, not ours).
    int report_fd;
    int shares_table;
    /// >= 0: the cgroup.procs the child writes itself into first (clone3 was refused).
    int cgroup_procs_fd;
    /// What failed and why, written by a child that shares our memory; we read it once
    /// CLONE_VFORK lets us go on, after its exec or exit (as glibc's posix_spawn does: no
    /// pipe to make, fill, read and close per spawn).
    int failed_stage;
    int failed_errno;
};

/// Reports a failure the way the reference's child does (on stderr, which the daemon
/// logs), tells the parent (in its memory, or over the report pipe), and exits with the
/// spawn-failure code.
static void sv_child_fail(struct sv_child_start *start, int stage, int err) {
    sv_write_str(2, "supervisor: child process was not spawned\n");
    start->failed_stage = stage;
    start->failed_errno = err;
    if (start->report_fd >= 0) {
        int message[2] = { stage, err };
        (void)!write(start->report_fd, message, sizeof(message));
    }
    _exit(127);
}

/// The signals whose disposition in the daemon is not the default (ignored, or caught by a
/// handler of the runtime), found at the first spawn: a child resets only these instead of
/// every signal, which took 62 system calls (~60 µs here) while the daemon waited for its
/// exec. SIGPIPE, which SwiftNIO ignores when it first makes a socket (possibly after the
/// first spawn), is always among them; the daemon changes no other disposition later.
static sigset_t sv_changed_dispositions;
static int sv_dispositions_known = 0;

static void sv_find_changed_dispositions(void) {
    sigemptyset(&sv_changed_dispositions);
    for (int sig = 1; sig < NSIG; sig++) {
        struct sigaction action;
        // glibc's own signals and SIGKILL/SIGSTOP cannot be changed (EINVAL), nor need to be.
        if (sig == SIGKILL || sig == SIGSTOP || sigaction(sig, NULL, &action) != 0) continue;
        if (action.sa_handler != SIG_DFL) sigaddset(&sv_changed_dispositions, sig);
    }
    sigaddset(&sv_changed_dispositions, SIGPIPE);
    sv_dispositions_known = 1;
}

/// `cgroup_err`: why the child could not write itself into its cgroup (0: it did, or had not to).
static void sv_child(struct sv_child_start *start, int cgroup_err) {
    const sv_spawn_request *r = start->request;
    // Start from a clean slate: the daemon blocks and ignores signals the child must not.
    // Every disposition is the default again: exec resets caught signals itself, but not
    // ignored ones, and until exec a handler would run on the daemon's memory.
    sigset_t all;
    sigemptyset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    for (int sig = 1; sig < NSIG; sig++) {
        if (sigismember(&sv_changed_dispositions, sig) == 1) signal(sig, SIG_DFL);
    }
    // Own process group: a Ctrl-C at the daemon's terminal must not reach the children,
    // and stopasgroup/killasgroup signal this group.
    setpgid(0, 0);

    int fds[3] = { r->stdin_fd, r->stdout_fd, r->stderr_fd };
    for (int i = 0; i < 3; i++) {
        int fd = fds[i];
        if (fd < 0) fd = open("/dev/null", O_RDWR);
        if (fd >= 0 && fd != i) dup2(fd, i);
    }
    for (int i = 0; i < 3; i++) {
        if (fds[i] > 2) fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    }
    // Every other descriptor is close-on-exec: the daemon opens them so, and marked the
    // ones it inherited at startup (sv_mark_inherited_cloexec). No per-spawn pass over them.

    if (cgroup_err) {
        sv_write_str(2, "supervisor: couldn't join its cgroup: ");
        sv_write_errno(2, cgroup_err);
        sv_write_str(2, "\n");
        sv_child_fail(start, SV_STAGE_CGROUP, cgroup_err);
    }

    if (r->fail_message) {
        sv_write_str(2, r->fail_message);
        sv_child_fail(start, SV_STAGE_SETUID, EPERM);
    }
    if (r->set_user) {
        // Raw syscalls: glibc's wrappers would try to synchronise other threads.
        if (syscall(SYS_setgroups, (size_t)r->ngroups, r->groups) != 0
            || syscall(SYS_setgid, r->gid) != 0
            || syscall(SYS_setuid, r->uid) != 0) {
            int err = errno;
            sv_write_str(2, "supervisor: couldn't setuid to ");
            sv_write_uint(2, r->uid);
            sv_write_str(2, ": ");
            sv_write_errno(2, err);
            sv_write_str(2, "\n");
            sv_child_fail(start, SV_STAGE_SETUID, err);
        }
    }
    if (r->directory && chdir(r->directory) != 0) {
        int err = errno;
        sv_write_str(2, "supervisor: couldn't chdir to ");
        sv_write_str(2, r->directory);
        sv_write_str(2, ": ");
        sv_write_errno(2, err);
        sv_write_str(2, "\n");
        sv_child_fail(start, SV_STAGE_CHDIR, err);
    }
    if (r->umask >= 0) umask((mode_t)r->umask);

    execve(r->path, r->argv, r->envp);
    int err = errno;
    sv_write_str(2, "supervisor: couldn't exec ");
    sv_write_str(2, r->argv[0]);
    sv_write_str(2, ": ");
    sv_write_errno(2, err);
    sv_write_str(2, "\n");
    sv_child_fail(start, SV_STAGE_EXEC, err);
}

// Descriptor slots 3..6 are reserved at startup (sv_reserve_spawn_slots). With them, a
// spawn costs the same whatever the number of descriptors the daemon holds: the child
// shares the daemon's table (no copy at clone) and immediately takes a private copy of
// just slots 0..6 (nothing to close at exec).
enum { SV_SLOT_STDIN = 3, SV_SLOT_STDOUT = 4, SV_SLOT_STDERR = 5, SV_SLOT_REPORT = 6, SV_SLOTS_END = 7 };
static int sv_slots_ready = 0;
static int sv_null_fd = -1;

static int sv_child_entry(void *argument) {
    struct sv_child_start *start = argument;
    // Into the cgroup before anything else (a write changes no descriptor); a failure is
    // reported once the child's stderr is in place.
    int cgroup_err = 0;
    if (start->cgroup_procs_fd >= 0 && write(start->cgroup_procs_fd, "0", 1) != 1) cgroup_err = errno;
    if (start->shares_table) {
        // First thing: stop sharing the table, keeping only 0..6. Nothing before this
        // may touch descriptors, or the daemon would see it.
        if (syscall(SYS_close_range, (unsigned)SV_SLOTS_END, ~0U, CLOSE_RANGE_UNSHARE) != 0) _exit(127);
        if (start->report_fd >= 0) fcntl(SV_SLOT_REPORT, F_SETFD, FD_CLOEXEC);
    }
    sv_child(start, cgroup_err);
    _exit(127);
}

int sv_reserve_spawn_slots(void) {
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null < 0) return -1;
    // Keep /dev/null itself above the slots, to reset them after each spawn.
    sv_null_fd = fcntl(null, F_DUPFD_CLOEXEC, SV_SLOTS_END);
    close(null);
    if (sv_null_fd < 0) return -1;
    for (int slot = SV_SLOT_STDIN; slot < SV_SLOTS_END; slot++) {
        if (dup3(sv_null_fd, slot, O_CLOEXEC) < 0) return -1;
    }
    // The kernel must support close_range(CLOSE_RANGE_UNSHARE) (Linux 5.9); probe it on
    // a range that holds nothing (it unshares this process's table, which changes nothing).
    if (syscall(SYS_close_range, ~0U - 1, ~0U, CLOSE_RANGE_UNSHARE) != 0) return -1;
    sv_slots_ready = 1;
    return 0;
}

/// Puts the child's descriptors into the reserved slots (cleared of close-on-exec by dup2);
/// the report slot keeps /dev/null (close-on-exec) when there is no report pipe.
static void sv_fill_slots(const sv_spawn_request *r, int report_write) {
    dup2(r->stdin_fd >= 0 ? r->stdin_fd : sv_null_fd, SV_SLOT_STDIN);
    dup2(r->stdout_fd >= 0 ? r->stdout_fd : sv_null_fd, SV_SLOT_STDOUT);
    dup2(r->stderr_fd >= 0 ? r->stderr_fd : sv_null_fd, SV_SLOT_STDERR);
    if (report_write >= 0) dup2(report_write, SV_SLOT_REPORT);
}

/// Back to /dev/null, so the daemon holds no reference to the child's pipe ends.
static void sv_clear_slots(int report_write) {
    int end = report_write >= 0 ? SV_SLOTS_END : SV_SLOT_REPORT;
    for (int slot = SV_SLOT_STDIN; slot < end; slot++) dup3(sv_null_fd, slot, O_CLOEXEC);
}

/// The children's stack, made at a thread's first spawn and kept: CLONE_VFORK holds the
/// thread until its child has exec'd or exited, so one child at a time runs on it. (A new
/// mapping per spawn cost an mmap, a munmap and the page faults of a fresh stack each time.)
static __thread void *sv_child_stack = NULL;
enum { SV_CHILD_STACK_SIZE = 256 * 1024 };

/// Like posix_spawn: the child borrows our memory on a stack of its own until it execs
/// (CLONE_VFORK suspends us until then), so no page tables are copied and no
/// copy-on-write faults follow.
static pid_t sv_clone_sharing_memory(struct sv_child_start *start, int flags) {
    if (sv_child_stack == NULL) {
        void *stack = mmap(NULL, SV_CHILD_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
                           -1, 0);
        if (stack == MAP_FAILED) return -1;
        sv_child_stack = stack;
    }
    return clone(sv_child_entry, (char *)sv_child_stack + SV_CHILD_STACK_SIZE, flags | CLONE_VM | SIGCHLD, start);
}

/// The child starts in the cgroup `cgroup_fd` (cgroups=): clone3 with CLONE_INTO_CGROUP
/// makes it there, so not even its first instruction runs elsewhere. clone3 has no form
/// that runs a function on a new stack (that takes assembly), so this child gets a copy
/// of our memory, as after fork; CLONE_VFORK still holds us until it execs. Where a
/// seccomp filter refuses clone3 (container runtimes' default profiles answer ENOSYS),
/// the child is made as usual and writes itself into cgroup.procs before anything else.
static pid_t sv_clone_into_cgroup(struct sv_child_start *start, int flags, int cgroup_fd) {
    struct clone_args args;
    memset(&args, 0, sizeof(args));
    args.flags = (unsigned long long)flags | CLONE_INTO_CGROUP;
    args.exit_signal = SIGCHLD;
    args.cgroup = (unsigned long long)cgroup_fd;
    pid_t pid = (pid_t)syscall(SYS_clone3, &args, sizeof(args));
    if (pid == 0) {
        sv_child_entry(start);
        _exit(127);
    }
    if (pid > 0 || (errno != ENOSYS && errno != EPERM)) return pid;
    int procs = openat(cgroup_fd, "cgroup.procs", O_WRONLY | O_CLOEXEC);
    if (procs < 0) return -1;
    start->cgroup_procs_fd = procs;
    pid = sv_clone_sharing_memory(start, flags);
    int err = errno;
    close(procs);
    errno = err;
    return pid;
}

pid_t sv_spawn(const sv_spawn_request *request, int *failed_stage, int *child_errno) {
    *failed_stage = SV_STAGE_NONE;
    *child_errno = 0;
    if (!sv_dispositions_known) sv_find_changed_dispositions();
    // Only a child made by clone3 (into a cgroup) has a copy of our memory instead of ours:
    // it alone needs a pipe to report a failure.
    int report[2] = { -1, -1 };
    if (request->cgroup_fd >= 0 && pipe2(report, O_CLOEXEC) != 0) return -1;

    sv_spawn_request slotted;
    struct sv_child_start start = { request, report[1], 0, -1, SV_STAGE_NONE, 0 };
    int flags = CLONE_VFORK;
    if (sv_slots_ready) {
        sv_fill_slots(request, report[1]);
        slotted = *request;
        slotted.stdin_fd = SV_SLOT_STDIN;
        slotted.stdout_fd = SV_SLOT_STDOUT;
        slotted.stderr_fd = SV_SLOT_STDERR;
        start = (struct sv_child_start){ &slotted, report[1] >= 0 ? SV_SLOT_REPORT : -1, 1, -1, SV_STAGE_NONE, 0 };
        flags |= CLONE_FILES;
    }
    pid_t pid = request->cgroup_fd >= 0 ? sv_clone_into_cgroup(&start, flags, request->cgroup_fd)
                                        : sv_clone_sharing_memory(&start, flags);
    int err = errno;
    if (sv_slots_ready) sv_clear_slots(report[1]);
    if (report[1] >= 0) close(report[1]);
    if (pid < 0) {
        if (report[0] >= 0) close(report[0]);
        errno = err;
        return -1;
    }
    // The child has exec'd or exited: a child sharing our memory left its report in
    // `start`; over the pipe, end of file means it exec'd.
    *failed_stage = start.failed_stage;
    *child_errno = start.failed_errno;
    if (report[0] >= 0) {
        int message[2];
        ssize_t got;
        do {
            got = read(report[0], message, sizeof(message));
        } while (got < 0 && errno == EINTR);
        if (got == (ssize_t)sizeof(message)) {
            *failed_stage = message[0];
            *child_errno = message[1];
        }
        close(report[0]);
    }
    return pid;
}

int sv_signalfd(const int *signals, int count) {
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < count; i++) sigaddset(&set, signals[i]);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) return -1;
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

void sv_mark_inherited_cloexec(void) {
    if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
    long max = sysconf(_SC_OPEN_MAX);
    for (int fd = 3; fd < max && fd < 1048576; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
}

int sv_set_child_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

int sv_daemonize(void) {
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid > 0) _exit(0);
    if (setsid() < 0) return -1;
    return 0;
}

int sv_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int sv_ppoll(struct pollfd *fds, nfds_t count, const sigset_t *mask) {
    return ppoll(fds, count, NULL, mask);
}

void sv_syslog(int priority, const char *message) {
    syslog(priority, "%s", message);
}

const char *sv_errno_name(int err) {
    return strerrorname_np(err);
}

const char *sv_signal_abbrev(int sig) {
    return sigabbrev_np(sig);
}
