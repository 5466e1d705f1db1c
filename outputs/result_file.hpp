// Writing a result file so that it is never lost, never half-written and never written twice at
// once:
//  - the result is written to `<out>.partial` and renamed over `<out>` only after every write was
//    checked, the file flushed, closed and fsync'd (then the directory is fsync'd): a crash, a
//    full disk or Ctrl-C leaves any earlier result at `<out>` byte for byte as it was;
//  - one writer per output: `<out>.lock` is held (flock) for the whole run, so a second run on
//    the same output is refused at once with a clear message; a run killed with -9 loses its lock
//    with its process, and the next run overwrites its stale `.partial`;
//  - an existing `<out>` is replaced only with `force`, and only if it is a regular file.
#pragma once

#include <hdf5.h>

#include <stdexcept>
#include <string>

#include "outputs/hdf5.hpp"

namespace outputs {

// The output cannot be written as asked (exists, not a regular file, locked by another run,
// empty name): a usage error, nothing was touched.
class OutputRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ResultFile {
 public:
  // Checks the target, takes the lock and creates `<out>.partial`. Throws OutputRefused, or
  // std::runtime_error with the system's reason when a directory or file cannot be made.
  ResultFile(std::string out, bool force);
  // Not committed (an exception, an interruption): the partial file is removed, the lock
  // released; `<out>` is untouched.
  ~ResultFile();
  ResultFile(const ResultFile&) = delete;
  ResultFile& operator=(const ResultFile&) = delete;

  hid_t file() const { return file_.get(); }
  const std::string& path() const { return out_; }
  // Makes the result final: flush and close (checked), fsync, rename over `<out>`, fsync the
  // directory. Throws with the reason on any failure, and then behaves as not committed.
  void commit();

 private:
  std::string out_, partial_, lock_path_;
  int lock_fd_ = -1;
  h5::Handle file_;
  bool committed_ = false;
};

// Refuses an output path before any work: empty, a directory, or (without force) an existing
// file; with force, an existing path that is not a regular file. Used for results and reports.
void check_output_path(const std::string& path, bool force, const char* what);

// Writes a text file the same way (a `.partial` beside it, fsync, rename): the earlier file, if
// any, stays whole until the new one is complete.
void write_text_atomically(const std::string& path, const std::string& text);

}  // namespace outputs
