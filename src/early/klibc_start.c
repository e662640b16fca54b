/* SPDX-License-Identifier: MIT */
/*
 * klibc's static start-up (__libc_init) sets up stdio: fdopen() for
 * stdin/stdout/stderr, which pulls in malloc, mmap and isatty; and its
 * exit() flushes stdio (fflush, fseek, lseek). This program never uses a
 * FILE: it writes with write(2) (kmsg.c, main.c's say()). Defining the two
 * entry points here keeps those archive members out of the link: measured
 * 1,312 bytes of the 36 KiB budget (make size). klibc 2.0's __libc_init()
 * calls __libc_init_stdio() and then exit(main(...)), both by name.
 * Only for klcc builds: glibc's start-up is not touched.
 */
#ifdef __KLIBC__
#include <stdlib.h>
#include <unistd.h>

void __libc_init_stdio(void);

void __libc_init_stdio(void)
{
}

/* Nothing is registered with atexit() and no stream needs flushing. */
void exit(int status)
{
	_exit(status);
}
#endif
