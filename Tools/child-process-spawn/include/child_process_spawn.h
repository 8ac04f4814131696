#ifndef CHILD_PROCESS_SPAWN_H
#define CHILD_PROCESS_SPAWN_H

#include <spawn.h>

// The GNU extensions ChildProcess needs, which Swift's Glibc module does not show (they need
// _GNU_SOURCE). Each returns what the wrapped call returns.

/// pipe2(ends, O_CLOEXEC): both ends close on exec, set atomically with their creation.
int child_process_pipe_cloexec(int ends[2]);

/// posix_spawn_file_actions_addchdir_np (glibc 2.29).
int child_process_add_chdir(posix_spawn_file_actions_t *actions, const char *path);

/// posix_spawn_file_actions_addclosefrom_np (glibc 2.34).
int child_process_add_closefrom(posix_spawn_file_actions_t *actions, int from);

#endif
