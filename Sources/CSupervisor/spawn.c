#include "csupervisor.h"
