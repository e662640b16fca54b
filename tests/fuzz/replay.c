/* SPDX-License-Identifier: MIT */
/*
 * Replays files (or every file of a directory) through the fuzz target, so
 * the corpus runs under gcc with ASan/UBSan where there is no libFuzzer.
 * Usage: replay FILE|DIR...   Exit 0 when every input passed.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Larger than the target reads, so a long input is still cut by the target. */
#define MAX_FILE (1 << 20)

static int run_file(const char *path)
{
	static uint8_t data[MAX_FILE];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		perror(path);
		return 1;
	}
	n = fread(data, 1, sizeof(data), f);
	if (ferror(f)) {
		perror(path);
		fclose(f);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data, n); /* aborts on a broken invariant */
	return 0;
}

static int run_dir(const char *dir, size_t *count)
{
	char path[4096];
	struct dirent *e;
	DIR *d = opendir(dir);
	int bad = 0;

	if (!d) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		bad |= run_file(path);
		++*count;
	}
	closedir(d);
	return bad;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	struct stat st;
	int i, bad = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			bad |= run_dir(argv[i], &count);
		} else {
			bad |= run_file(argv[i]);
			count++;
		}
	}
	printf("replay: %zu input(s), %s\n", count, bad ? "FAILED" : "ok");
	return bad;
}
