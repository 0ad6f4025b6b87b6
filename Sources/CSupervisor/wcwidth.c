#define _XOPEN_SOURCE 700
#include "csupervisor.h"

#include <wchar.h>

int sv_wcwidth(unsigned int scalar) {
    return wcwidth((wchar_t)scalar);
}
