#include "csupervisor.h"

#include <malloc.h>

int sv_map_large_blocks(size_t threshold) {
    return mallopt(M_MMAP_THRESHOLD, (int)threshold);
}

void sv_release_free_memory(void) {
    malloc_trim(0);
}
