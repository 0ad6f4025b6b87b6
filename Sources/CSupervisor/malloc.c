#include "csupervisor.h"

#include <malloc.h>

int sv_map_large_blocks(size_t threshold) {
    return mallopt(M_MMAP_THRESHOLD, (int)threshold);
}
