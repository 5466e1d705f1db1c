// The border-crossing time a crossing direction announces, as route choice sees it: published
// every `every` seconds (at 0, every, 2 every, ...), the figure is the mean border-crossing time
// of the trucks that finished crossing in the `window` before the publication (or, if none did,
// of the last few that finished before it), and a truck sees a publication only `delay` after
// it. So a truck deciding at t uses the publication at p = floor((t - delay) / every) x every,
// made from completions at or before p: nothing later, ever. Before any completion, nothing is
// announced and the caller uses its free-flow estimate.
//
// Completions arrive in time order (the simulation's clock); each is kept as a running sum so a
// window's mean costs two binary searches. Memory: one entry per crossing truck still within
// reach of a query (older ones are dropped, keeping the last few for the fallback).
#pragma once

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>

namespace models {

class Announcer {
 public:
  // The last this many completions stand in when a window saw none (a closed night).
  static constexpr std::size_t kFallback = 10;

  // `reach`: the longest delay + window + every any query will use; older entries may be
  // dropped.
  explicit Announcer(double reach = 0) : reach_(reach) {}

  // Keeps entries within `reach` too (another user's longer delay + window + every).
  void widen(double reach) { reach_ = std::max(reach_, reach); }

  // A truck finished crossing at time `t` after `border_s` seconds at the border.
  void completed(double t, double border_s) {
    const double before = entries_.empty() ? dropped_ : entries_.back().cum;
    entries_.push_back(Entry{t, before + border_s});
    while (entries_.size() > kFallback && entries_.front().t < t - reach_) {
      dropped_ = entries_.front().cum;
      entries_.pop_front();
    }
  }

  // The announced border-crossing time seen at `now`, or nothing (no publication yet, or no
  // completion before it).
  std::optional<double> seen_at(double now, double every, double delay, double window) const {
    const double since = now - delay;
    if (since < 0) return std::nullopt;
    const double published = std::floor(since / every) * every;
    // The completions at or before the publication, and of those, the ones in its window.
    const auto end = std::partition_point(entries_.begin(), entries_.end(),
                                          [&](const Entry& e) { return e.t <= published; });
    if (end == entries_.begin()) return std::nullopt;
    auto begin = std::partition_point(entries_.begin(), end,
                                      [&](const Entry& e) { return e.t <= published - window; });
    if (begin == end) begin = end - std::min<std::ptrdiff_t>(kFallback, end - entries_.begin());
    const double below = begin == entries_.begin() ? dropped_ : (begin - 1)->cum;
    return ((end - 1)->cum - below) / static_cast<double>(end - begin);
  }

 private:
  struct Entry {
    double t;    // when the truck finished crossing
    double cum;  // border seconds summed over every completion up to and with this one
  };
  double reach_;
  double dropped_ = 0;  // the running sum of the entries dropped from the front
  std::deque<Entry> entries_;
};

}  // namespace models
