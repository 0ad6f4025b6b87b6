#ifndef CSUPERVISOR_H
#define CSUPERVISOR_H

#include <sys/types.h>
#include <poll.h>
#include <signal.h>

/// What a child needs between fork and exec. Every pointer stays valid for the call.
typedef struct {
    const char *path;          // resolved executable
    char *const *argv;
    char *const *envp;
    const char *directory;     // NULL: inherit the daemon's
    int umask;                 // -1: inherit
    int set_user;              // 0: keep the daemon's uid/gid
    uid_t uid;
    gid_t gid;
    const gid_t *groups;       // supplementary groups, used when set_user
    int ngroups;
    int stdin_fd;              // child ends of the pipes, -1 for /dev/null
    int stdout_fd;
    int stderr_fd;
    const char *fail_message;  // non-NULL: write it to stderr and fail as a setuid failure
    int cgroup_fd;             // -1: the daemon's cgroup; else a directory descriptor of the cgroup to start in
} sv_spawn_request;

/// Stages at which a child can fail before its program runs.
enum { SV_STAGE_NONE = 0, SV_STAGE_SETUID = 1, SV_STAGE_CHDIR = 2, SV_STAGE_EXEC = 3, SV_STAGE_CGROUP = 4 };

/// Starts a child and returns once it has exec'd (or failed before): the child's pid, or
/// -1 with errno when it could not be created. When the child failed before exec,
/// *failed_stage and *child_errno say where and why (reported over a close-on-exec pipe);
/// the child has then written the reason to its stderr and exited with 127. With a
/// `cgroup_fd`, a failure to start the child there is a -1 with errno too.
pid_t sv_spawn(const sv_spawn_request *request, int *failed_stage, int *child_errno);

/// Blocks `signals` in the calling thread (do it before starting threads) and returns
/// a non-blocking, close-on-exec signalfd delivering them, or -1 with errno.
int sv_signalfd(const int *signals, int count);

/// Reserves descriptors 3..6 for spawning (call first thing at startup, after
/// sv_mark_inherited_cloexec): spawns then cost the same however many descriptors the
/// daemon holds. Returns -1 when the kernel lacks close_range(CLOSE_RANGE_UNSHARE), and
/// spawning then copies the table as usual.
int sv_reserve_spawn_slots(void);

/// Marks every descriptor above stderr close-on-exec. Called once at startup, so that
/// descriptors the daemon inherited never leak into children.
void sv_mark_inherited_cloexec(void);

/// Makes this process a child subreaper, so orphaned descendants are re-parented to it.
int sv_set_child_subreaper(void);

/// Classic daemonization: fork (the parent exits 0), setsid. Returns 0 in the daemon,
/// -1 with errno on failure.
int sv_daemonize(void);

/// A close-on-exec pipe (pipe2 is not visible to Swift).
int sv_pipe_cloexec(int fds[2]);

/// ppoll(2) without a timeout: waits with `mask` as the signal mask (not visible to Swift).
int sv_ppoll(struct pollfd *fds, nfds_t count, const sigset_t *mask);

/// A close-on-exec epoll instance (epoll is not visible to Swift), or -1 with errno.
int sv_epoll_create(void);

/// Removes `fd` from the epoll set `epfd`.
int sv_epoll_forget(int epfd, int fd);

/// Arms `fd` in the epoll set `epfd` for one readability report (EPOLLIN | EPOLLONESHOT),
/// adding it when `add` is non-zero; after a report it stays quiet until armed again.
int sv_epoll_arm(int epfd, int fd, int add);

/// Waits (no timeout, retrying on EINTR) for ready descriptors of `epfd` and stores up to
/// `max` (at most 64) of them in `fds`. Returns how many, or -1 with errno.
int sv_epoll_ready(int epfd, int *fds, int max);

/// Serves allocations of `threshold` bytes and more with their own mappings, returned to
/// the system when freed (a fixed M_MMAP_THRESHOLD; malloc.h is not visible to Swift).
int sv_map_large_blocks(size_t threshold);

/// Gives the free memory inside the heap back to the system (malloc_trim): what a large
/// request's many small allocations leave behind when they are freed.
void sv_release_free_memory(void);

/// syslog(3) with a plain message (the variadic call is not available to Swift).
void sv_syslog(int priority, const char *message);

/// Symbolic errno name ("ENOENT"), or NULL when unknown.
const char *sv_errno_name(int err);

/// Symbolic signal abbreviation without the SIG prefix ("TERM"), or NULL when unknown.
const char *sv_signal_abbrev(int sig);

/// wcwidth(3) of a Unicode scalar in the current locale: columns, or -1 when unknown
/// (wchar.h's wcwidth is not visible to Swift).
int sv_wcwidth(unsigned int scalar);

/// Writes the gzip compression of everything readable from `source` to a new file at
/// `destination` (replacing one there), with the source's permissions and times, and
/// fsyncs it. Blocks: call it off the event loop. Closes `source`. Returns 0, or an errno
/// (the partial destination is then removed).
int sv_gzip_file(int source, const char *destination);

/// Moves at most `max` bytes from the pipe `source` to the end of the regular file
/// `destination` without copying them through user space (splice(2), which refuses a
/// destination opened with O_APPEND: clear it first). Returns the bytes moved, 0 when the
/// pipe is empty and its writers are gone, or -1 with errno (EAGAIN: the pipe is empty;
/// EINVAL: the file's filesystem cannot take spliced bytes).
ssize_t sv_splice_to_end(int source, int destination, size_t max);

/// Makes the pipe `fd` hold `size` bytes (F_SETPIPE_SZ): the new size, or -1 with errno
/// (EPERM: over the user's pipe allowance, /proc/sys/fs/pipe-user-pages-soft).
int sv_grow_pipe(int fd, int size);

/// How many of the first `count` bytes go into a JSON string as they are: printable ASCII
/// other than `"` and `\` (the rest is escaped, or is UTF-8 to check).
size_t sv_json_plain_length(const unsigned char *bytes, size_t count);

#endif
