#include "csupervisor.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

enum { GZIP_CHUNK = 128 * 1024 };

/// The errno of a failed gzwrite/gzclose: zlib's own errors (out of memory) become EIO.
static int gzip_errno(int zlib_error, int saved_errno) {
    if (zlib_error == Z_ERRNO && saved_errno != 0) return saved_errno;
    return zlib_error == Z_MEM_ERROR ? ENOMEM : EIO;
}

int sv_gzip_file(int source, const char *destination) {
    int error = 0;
    struct stat info;
    char *buffer = malloc(GZIP_CHUNK);
    int out = -1, kept = -1;
    gzFile gz = NULL;
    if (buffer == NULL) { error = ENOMEM; goto done; }
    if (fstat(source, &info) != 0) { error = errno; goto done; }
    out = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) { error = errno; goto done; }
    // gzclose closes the descriptor it was given: the copy is what is fsynced afterwards.
    kept = dup(out);
    if (kept < 0) { error = errno; close(out); goto done; }
    gz = gzdopen(out, "wb");
    if (gz == NULL) { error = errno ? errno : ENOMEM; close(out); goto done; }
    for (;;) {
        ssize_t count = read(source, buffer, GZIP_CHUNK);
        if (count < 0 && errno == EINTR) continue;
        if (count < 0) { error = errno; break; }
        if (count == 0) break;
        errno = 0;
        if (gzwrite(gz, buffer, (unsigned)count) != (int)count) {
            int zlib_error;
            int saved = errno;
            gzerror(gz, &zlib_error);
            error = gzip_errno(zlib_error, saved);
            break;
        }
    }
    errno = 0;
    int closed = gzclose(gz);
    if (closed != Z_OK && error == 0) error = gzip_errno(closed, errno);
    if (error == 0) {
        struct timespec times[2] = { info.st_atim, info.st_mtim };
        // The times keep the file's age (maxage) what it was; the mode keeps who may read it.
        if (fchmod(kept, info.st_mode & 07777) != 0 || futimens(kept, times) != 0 || fsync(kept) != 0) error = errno;
    }
done:
    if (kept >= 0) close(kept);
    if (error != 0 && out >= 0) unlink(destination);
    close(source);
    free(buffer);
    return error;
}
