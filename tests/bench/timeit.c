/* SPDX-License-Identifier: MIT */
/*
 * timeit: wall time of a program, measured from outside.
 *
 *   timeit [-n RUNS] [-w WARMUP] [-x STATUS] -- PROGRAM [ARG...]
 *
 * Runs PROGRAM WARMUP times untimed (default 2), then RUNS times (default
 * 31), each with posix_spawn and waitpid, timed with
 * clock_gettime(CLOCK_MONOTONIC) around the pair: fork/exec, the program's
 * own work and its exit. Its stdout and stderr go to /dev/null, stdin comes
 * from /dev/null. Every run must exit with STATUS (default 0): any other
 * exit, or a signal, is an error naming the run.
 *
 * Prints one line, "MEDIAN_US MIN_US" (microseconds, one decimal; the
 * median of an even count is the mean of the two middle runs). Exit 0, or 1
 * on a run that failed, 2 on a usage error.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_RUNS 100000

static void usage(void)
{
	fputs("usage: timeit [-n RUNS] [-w WARMUP] [-x STATUS] -- PROGRAM "
	      "[ARG...]\n", stderr);
	exit(2);
}

static long number(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "timeit: bad number '%s' (%ld-%ld)\n", s, min,
			max);
		exit(2);
	}
	return v;
}

static double now_us(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0) {
		perror("timeit: clock_gettime");
		exit(1);
	}
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/*
 * One run: spawn, wait, check the status. Returns its wall time in us.
 * index: 0.. for timed runs, -1.. for warm-up runs (for messages).
 */
static double run_once(char **argv, const posix_spawn_file_actions_t *fa,
		       int want, int index)
{
	double t0, t1;
	pid_t pid;
	int status, r;

	t0 = now_us();
	r = posix_spawn(&pid, argv[0], fa, NULL, argv, environ);
	if (r != 0) {
		fprintf(stderr, "timeit: cannot run %s: %s\n", argv[0],
			strerror(r));
		exit(1);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			perror("timeit: waitpid");
			exit(1);
		}
	}
	t1 = now_us();
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "timeit: %s %d of %s: killed by signal %d\n",
			index < 0 ? "warm-up run" : "run", index < 0 ? -index :
			index + 1, argv[0], WTERMSIG(status));
		exit(1);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != want) {
		fprintf(stderr, "timeit: %s %d of %s: exit status %d, "
			"want %d\n", index < 0 ? "warm-up run" : "run",
			index < 0 ? -index : index + 1, argv[0],
			WIFEXITED(status) ? WEXITSTATUS(status) : -1, want);
		exit(1);
	}
	return t1 - t0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	posix_spawn_file_actions_t fa;
	long runs = 31, warmup = 2, want = 0;
	double *t, median;
	int opt;

	while ((opt = getopt(argc, argv, "+n:w:x:")) != -1) {
		switch (opt) {
		case 'n':
			runs = number(optarg, 1, MAX_RUNS);
			break;
		case 'w':
			warmup = number(optarg, 0, MAX_RUNS);
			break;
		case 'x':
			want = number(optarg, 0, 255);
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	argv += optind;

	if (posix_spawn_file_actions_init(&fa) != 0 ||
	    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY,
					     0) != 0 ||
	    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY,
					     0) != 0 ||
	    posix_spawn_file_actions_adddup2(&fa, 1, 2) != 0) {
		fputs("timeit: cannot set up the file actions\n", stderr);
		return 1;
	}
	t = malloc((size_t)runs * sizeof(*t));
	if (!t) {
		perror("timeit: malloc");
		return 1;
	}
	for (long i = 0; i < warmup; i++)
		run_once(argv, &fa, (int)want, (int)(-1 - i));
	for (long i = 0; i < runs; i++)
		t[i] = run_once(argv, &fa, (int)want, (int)i);
	qsort(t, (size_t)runs, sizeof(*t), cmp_double);
	median = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
	printf("%.1f %.1f\n", median, t[0]);
	posix_spawn_file_actions_destroy(&fa);
	free(t);
	return 0;
}
