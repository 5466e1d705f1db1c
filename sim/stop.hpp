// Stopping long work that is not an event loop: loading, route search, grid building, merging,
// writing, exporting. The command (or the Python call) that owns a cancel flag opens a StopScope
// on its thread; code far below it calls poll_stop() at a bounded interval of work and unwinds
// with Cancelled once the flag is set. Without a scope poll_stop() does nothing, so library code
// may poll freely.
#pragma once

#include <atomic>
#include <exception>

namespace sim {

// Thrown when a watched cancel flag is set (Ctrl-C, SIGTERM, KeyboardInterrupt): by run_until, by
// the replication runner and by poll_stop().
class Cancelled : public std::exception {
 public:
  const char* what() const noexcept override { return "run cancelled"; }
};

namespace detail {
inline thread_local const std::atomic<bool>* g_stop_flag = nullptr;
}

// Watches `flag` on this thread until destroyed (scopes nest; the innermost wins).
class StopScope {
 public:
  explicit StopScope(const std::atomic<bool>* flag) : saved_(detail::g_stop_flag) {
    if (flag) detail::g_stop_flag = flag;
  }
  ~StopScope() { detail::g_stop_flag = saved_; }
  StopScope(const StopScope&) = delete;
  StopScope& operator=(const StopScope&) = delete;

 private:
  const std::atomic<bool>* saved_;
};

// The flag this thread watches, or nullptr: handed to worker threads a computation starts.
inline const std::atomic<bool>* stop_flag() {
  return detail::g_stop_flag;
}

inline bool stop_requested() {
  const std::atomic<bool>* f = detail::g_stop_flag;
  return f && f->load(std::memory_order_relaxed);
}

// Throws Cancelled when this thread's flag is set. Cheap (a thread-local load): call it once per
// unit of work whose cost is bounded (a route extended, a grid point built, a chunk written).
inline void poll_stop() {
  if (stop_requested()) throw Cancelled();
}

}  // namespace sim
