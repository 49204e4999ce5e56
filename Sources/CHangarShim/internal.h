#ifndef CHANGAR_INTERNAL_H
#define CHANGAR_INTERNAL_H
#include <signal.h>

/* The signals the machine init waits for: every signal it forwards to the app, plus SIGCHLD.
   The launcher starts the init with these blocked, so no signal can reach it before it is ready. */
void hangar_init_signal_set(sigset_t *set);

/* 1 when the init forwards `signal` to the app. */
int hangar_init_forwards(int signal);
#endif
