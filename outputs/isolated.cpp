// Reading an untrusted result file in a child process (outputs/isolated.hpp).
#include "outputs/isolated.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <string>

#include "sim/stop.hpp"

namespace outputs {

namespace {

// Writes all of `text` to `fd`, retrying short writes.
void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::string run_isolated(const std::string& path, const std::function<std::string()>& work,
                         int timeout_s) {
  int fds[2];
  if (::pipe(fds) != 0)
    throw std::runtime_error(std::string("cannot start reading ") + path + ": " +
                             std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(std::string("cannot start reading ") + path + ": " +
                             std::strerror(errno));
  }
  if (pid == 0) {
    // The child: one status byte ('+' text, '-' error message), then the text. _exit skips
    // every exit handler the parent registered (and, in Python, the interpreter).
    ::close(fds[0]);
    try {
      write_all(fds[1], "+" + work());
      ::_exit(0);
    } catch (const std::exception& e) {
      write_all(fds[1], std::string("-") + e.what());
    } catch (...) {
      write_all(fds[1], "-unknown error");
    }
    ::_exit(1);
  }
  ::close(fds[1]);
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  bool timed_out = false, stopped = false;
  char buf[1 << 16];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    if (sim::stop_requested()) {  // Ctrl-C: the child goes with the caller
      stopped = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 100)));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (timed_out || stopped) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (stopped) throw sim::Cancelled();
  if (timed_out)
    throw std::runtime_error(path + ": reading it did not finish in " + std::to_string(timeout_s) +
                             " s; the file is damaged or not a bordersim result");
  if (WIFSIGNALED(status))
    throw std::runtime_error(path + ": the file is damaged (reading it crashed the HDF5 library: " +
                             ::strsignal(WTERMSIG(status)) + ")");
  if (out.empty()) throw std::runtime_error(path + ": reading it failed without a message");
  if (out[0] == '-') {  // the child's error, named by the file when it does not say which
    const std::string why = out.substr(1);
    throw std::runtime_error(why.rfind(path, 0) == 0 ? why : path + ": " + why);
  }
  return out.substr(1);
}

}  // namespace outputs
