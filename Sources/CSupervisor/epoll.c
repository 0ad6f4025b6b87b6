#define _GNU_SOURCE
#include "csupervisor.h"

#include <errno.h>
#include <sys/epoll.h>

// struct epoll_event is packed on x86-64; building it here keeps Swift away from that layout.

int sv_epoll_arm(int epfd, int fd, int add) {
    struct epoll_event event = { .events = EPOLLIN | EPOLLONESHOT, .data = { .fd = fd } };
    return epoll_ctl(epfd, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
}

int sv_epoll_ready(int epfd, int *fds, int max) {
    struct epoll_event events[64];
    if (max > 64) max = 64;
    int count;
    do {
        count = epoll_wait(epfd, events, max, -1);
    } while (count < 0 && errno == EINTR);
    for (int i = 0; i < count; i++) fds[i] = events[i].data.fd;
    return count;
}

int sv_epoll_create(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

int sv_epoll_forget(int epfd, int fd) {
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
}
