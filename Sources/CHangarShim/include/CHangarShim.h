#ifndef CHANGAR_SHIM_H
#define CHANGAR_SHIM_H
/* Linux calls that Swift cannot reach through Glibc without _GNU_SOURCE. */
int hangar_shim_version(void);
#endif
