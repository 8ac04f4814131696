#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include "child_process_spawn.h"

int child_process_pipe_cloexec(int ends[2]) { return pipe2(ends, O_CLOEXEC); }

int child_process_add_chdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int child_process_add_closefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
