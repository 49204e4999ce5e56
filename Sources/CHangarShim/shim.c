#define _GNU_SOURCE
#include "CHangarShim.h"

int hangar_shim_version(void) { return 1; }
