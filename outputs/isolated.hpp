// Reading an untrusted result file in a child process. HDF5 checks the checksums of the
// metadata we write, but not everything in a file has one: variable-length strings (every
// attribute we write) live in a global heap without checksums, and a damaged length there makes
// the library copy out of bounds (a crash in H5HG_read seen under MALLOC_PERTURB_). No check made
// through the library's API can see that damage before the library trips on it, so the readers
// run in a child: one that crashes or stops answering costs a clear message, not the caller.
#pragma once

#include <functional>
#include <string>

namespace outputs {

// Runs `work` in a forked child and returns the text it returned. What it throws comes back as
// std::runtime_error with the same message; a child killed by a signal or still running after
// `timeout_s` as std::runtime_error saying `path` is damaged (the child is killed). Throws
// sim::Cancelled, killing the child, when the caller's stop flag is set (sim/stop.hpp). `work`
// must not touch the Python interpreter: in the child only this thread exists.
std::string run_isolated(const std::string& path, const std::function<std::string()>& work,
                         int timeout_s = 600);

}  // namespace outputs
