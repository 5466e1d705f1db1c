#include "outputs/result_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "sim/stop.hpp"

namespace outputs {

namespace fs = std::filesystem;

namespace {

std::string reason() {
  return std::strerror(errno);
}

void fsync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) throw std::runtime_error("cannot open " + path + " to sync it: " + reason());
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  // A directory on a file system that cannot sync directories (EINVAL) is not a failure.
  if (rc != 0 && !(directory && (err == EINVAL || err == EROFS)))
    throw std::runtime_error("cannot sync " + path + ": " + std::strerror(err));
}

std::string parent_dir(const std::string& path) {
  const fs::path p = fs::path(path).parent_path();
  return p.empty() ? std::string(".") : p.string();
}

void make_parent(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) return;
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec)
    throw std::runtime_error("cannot create the directory " + parent.string() + ": " +
                             ec.message());
}

// Takes an exclusive flock on `path`, creating it. The file may be unlinked by the run that held
// it just before us: retry until the lock is on the file the path names now.
int take_lock(const std::string& path, const std::string& out) {
  for (int attempt = 0; attempt < 10; ++attempt) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot create the lock file " + path + ": " + reason());
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      ::close(fd);
      if (err == EWOULDBLOCK)
        throw OutputRefused("another bordersim run is writing " + out + " (" + path +
                            " is locked); wait for it to finish or choose another output with -o");
      errno = err;
      throw std::runtime_error("cannot lock " + path + ": " + reason());
    }
    struct stat held {
    }, named{};
    if (::fstat(fd, &held) == 0 && ::stat(path.c_str(), &named) == 0 &&
        held.st_ino == named.st_ino && held.st_dev == named.st_dev)
      return fd;
    ::close(fd);  // locked a file that was just unlinked: try the new one
  }
  throw std::runtime_error("cannot lock " + path + ": it keeps being replaced");
}

}  // namespace

void check_output_path(const std::string& path, bool force, const char* what) {
  if (path.empty()) throw OutputRefused(std::string(what) + ": the file name is empty");
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(path, ec);
  if (fs::is_directory(st))
    throw OutputRefused(std::string(what) + ": " + path + " is a directory; name a file");
  if (!fs::exists(st)) return;
  if (!force) throw OutputRefused(path + " exists; use --force to overwrite it");
  if (!fs::is_regular_file(st))
    throw OutputRefused(std::string(what) + ": " + path +
                        " exists and is not a regular file; --force replaces only "
                        "regular files");
}

ResultFile::ResultFile(std::string out, bool force)
    : out_(std::move(out)), partial_(out_ + ".partial"), lock_path_(out_ + ".lock") {
  check_output_path(out_, force, "result file");
  make_parent(out_);
  lock_fd_ = take_lock(lock_path_, out_);
  try {
    // Checked again under the lock: another run may have finished this output meanwhile.
    check_output_path(out_, force, "result file");
    file_ = h5::create_file(partial_);  // truncates a stale partial of a killed run
  } catch (...) {
    ::unlink(lock_path_.c_str());
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw;
  }
}

void ResultFile::commit() {
  h5::close_file(file_);
  fsync_path(partial_, false);
  sim::poll_stop();  // stopped while closing: the destructor removes the partial file
  if (::rename(partial_.c_str(), out_.c_str()) != 0)
    throw std::runtime_error("cannot rename " + partial_ + " to " + out_ + ": " + reason());
  committed_ = true;
  fsync_path(parent_dir(out_), true);
}

ResultFile::~ResultFile() {
  if (!committed_) {
    if (file_.get() >= 0) H5Fclose(file_.release());  // best effort: the file is discarded
    ::unlink(partial_.c_str());
  }
  if (lock_fd_ >= 0) {
    ::unlink(lock_path_.c_str());  // while still holding it: a waiting run re-checks the inode
    ::close(lock_fd_);
  }
}

void write_text_atomically(const std::string& path, const std::string& text) {
  make_parent(path);
  const std::string tmp = path + ".partial";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write " + tmp + ": " + reason());
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = reason();
      ::close(fd);
      ::unlink(tmp.c_str());
      throw std::runtime_error("cannot write " + tmp + ": " + why);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = reason();
    ::unlink(tmp.c_str());
    throw std::runtime_error("cannot write " + tmp + ": " + why);
  }
  if (sim::stop_requested()) {  // stopped meanwhile: the earlier file stays, nothing is left
    ::unlink(tmp.c_str());
    throw sim::Cancelled();
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = reason();
    ::unlink(tmp.c_str());
    throw std::runtime_error("cannot rename " + tmp + " to " + path + ": " + why);
  }
}

}  // namespace outputs
