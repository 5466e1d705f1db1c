// What every command does with its stop flag (internal to app/): watch the caller's flag when
// the options name none, and turn a stop before anything was written into Interrupted.
#pragma once

#include <string>

#include "app/commands.hpp"
#include "sim/stop.hpp"

namespace app {

// The options watching the caller's stop flag when they name none (the command line's and the
// Python module's commands open a sim::StopScope), and this thread watching theirs: loading,
// grid building and merging poll it (sim::poll_stop) as the runs do.
inline RunOptions watching(RunOptions o) {
  if (!o.cancel) o.cancel = sim::stop_flag();
  return o;
}

// Runs `f`; a stop (sim::Cancelled) before it wrote anything becomes Interrupted saying `what`.
template <class F>
auto stoppable(const std::string& what, F f) -> decltype(f()) {
  try {
    return f();
  } catch (const sim::Cancelled&) {
    throw Interrupted("interrupted; " + what);
  }
}

}  // namespace app
