#define _GNU_SOURCE
#include "csupervisor.h"

#include <fcntl.h>
#include <unistd.h>

int sv_grow_pipe(int fd, int size) {
    return fcntl(fd, F_SETPIPE_SZ, size);
}

ssize_t sv_splice_to_end(int source, int destination, size_t max) {
    // Where O_APPEND would write: splice(2) refuses a destination opened with it.
    if (lseek(destination, 0, SEEK_END) < 0) return -1;
    return splice(source, NULL, destination, NULL, max, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
}
