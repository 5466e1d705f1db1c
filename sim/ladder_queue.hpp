// Ladder queue (after Tang, Goh & Thng, ACM TOMACS 15(3), 2005): an O(1) amortised event set
// that sorts lazily, a small bucket at a time, just before its events are needed.
//
//   top     unsorted events later than `top_bound_` (appends only);
//   rungs   up to kMaxRungs levels of buckets, each an unsorted vector; rung 0 spans the events
//           that left the top, a deeper rung the one bucket of the rung above that had too many
//           events to sort (more than kThres);
//   bottom  the earliest events, sorted ascending, popped from the front.
//
// Invariant (the order of levels): every bottom event < every event of the deepest rung < ... <
// every event of rung 0 < every top event, in (time, tier, seq) order. A bucket index is any
// monotone non-decreasing function of the time (an affine map, truncated and clamped), so equal
// times always share a bucket and no rounding can reorder events: a bucket is consumed only after
// every earlier bucket, and an event is pushed into a rung only if its bucket has not been
// consumed yet, else it goes deeper, in the end into the sorted bottom.
//
// Bucket width comes from how fast the previous epoch popped events (kTarget events a bucket at
// that rate), not from the span of the pending times: with memoryless holding times every bucket
// then holds about kTarget events by the time it is consumed, wherever it lies. Rung 0 spans at
// most kSpan * n / kTarget buckets; later events stay on top for the next epoch.
//
// Costs: push O(1) (one bucket append, rarely a sorted insert into the bottom); pop O(1)
// amortised (an insertion sort of about kTarget events every kTarget pops, each event spread at
// most kMaxRungs times in its life). Memory: 24 B per event plus 24 B per bucket, reused: no
// allocation in steady state. Requires pushes at times >= the last popped time (the clock's
// monotonicity). Infinite times stay on top until nothing finite is left.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/event_entry.hpp"

namespace sim {

class LadderQueue {
 public:
  void push(const EventEntry& e) {
    assert(e.t >= (head_ > 0 ? bottom_[head_ - 1].t : last_t_) && "event scheduled in the past");
    ++size_;
    if (e.t > top_bound_) {
      top_.push_back(e);
      if (e.t < top_min_) top_min_ = e.t;
      if (e.t > top_max_ && e.t < kInf) top_max_ = e.t;
      return;
    }
    for (std::size_t i = 0; i < nrungs_; ++i) {
      Rung& r = rungs_[i];
      const std::ptrdiff_t b = r.index(e.t);
      if (b >= static_cast<std::ptrdiff_t>(r.cur)) {
        r.buckets[static_cast<std::size_t>(b)].push_back(e);
        return;
      }
    }
    insert_bottom(e);
  }

  const EventEntry& top() {
    if (head_ == bottom_n_) refill();
    return bottom_[head_];
  }

  EventEntry pop() {
    if (head_ == bottom_n_) refill();
    --size_;
    return bottom_[head_++];
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void clear() { clear_from(0.0); }
  // Empties the queue; later pushes may be at any time >= t. Keeps its storage.
  void clear_from(double t) {
    top_.clear();
    bottom_.clear();
    head_ = bottom_n_ = 0;
    for (std::size_t i = 0; i < nrungs_; ++i) rungs_[i].clear();
    nrungs_ = 0;
    size_ = 0;
    pops_ = 0;
    last_t_ = epoch_t_ = t;
    top_bound_ = -kInf;
    reset_top_range();
  }

 private:
  static constexpr std::size_t kTarget = 16;  // events a bucket should hold when consumed
  static constexpr std::size_t kThres = 48;   // a larger bucket is spread over a new rung
  static constexpr std::size_t kSpan = 2;     // rung 0 has at most kSpan * n / kTarget buckets
  static constexpr std::size_t kMaxRungs = 8;
  static constexpr std::size_t kBottomMax = 256;  // a larger bottom is spread over a new rung
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  struct Rung {
    double start = 0, inv_width = 0;
    double last = -1;             // nb - 1, as a double: compared with on every push
    std::size_t nb = 0, cur = 0;  // buckets; the first not yet consumed
    std::vector<std::vector<EventEntry>> buckets;

    // Monotone non-decreasing in t: -1 below the rung, clamped to the last bucket above it.
    std::ptrdiff_t index(double t) const {
      double x = (t - start) * inv_width;
      if (x < 0) return -1;
      if (x > last) x = last;
      return static_cast<std::ptrdiff_t>(x);
    }
    void clear() {
      for (std::size_t b = cur; b < nb; ++b) buckets[b].clear();
      nb = cur = 0;
    }
    void open(double lo, double width, std::size_t n) {
      start = lo;
      inv_width = 1.0 / width;
      nb = n;
      last = static_cast<double>(n - 1);
      cur = 0;
      if (buckets.size() < n) buckets.resize(n);
    }
  };

  void reset_top_range() {
    top_min_ = kInf;
    top_max_ = -kInf;
  }

  // Ascending insertion sort: buckets hold about kTarget events, and runs pushed in order (ties
  // at one instant, FIFO by seq) are already sorted, costing one comparison each.
  static void sort_ascending(EventEntry* a, std::size_t n) {
    if (n > 4 * kTarget) {
      std::sort(a, a + n, [](const EventEntry& x, const EventEntry& y) { return before(x, y); });
      return;
    }
    for (std::size_t i = 1; i < n; ++i) {
      const EventEntry x = a[i];
      std::size_t j = i;
      while (j > 0 && before(x, a[j - 1])) {
        a[j] = a[j - 1];
        --j;
      }
      a[j] = x;
    }
  }

  void insert_bottom(const EventEntry& e) {
    if (bottom_n_ - head_ >= kBottomMax && spread_bottom()) {
      const Rung& r = rungs_[nrungs_ - 1];  // the bottom's events, now a rung of their own
      const std::ptrdiff_t b = r.index(e.t);
      if (b >= 0) {
        rungs_[nrungs_ - 1].buckets[static_cast<std::size_t>(b)].push_back(e);
        return;
      }
    }
    auto it =
        std::upper_bound(bottom_.begin() + static_cast<std::ptrdiff_t>(head_), bottom_.end(), e,
                         [](const EventEntry& x, const EventEntry& y) { return before(x, y); });
    bottom_.insert(it, e);
    ++bottom_n_;
  }

  // Makes `src` (all of it earlier than every rung event) the sorted bottom. The bottom is empty.
  void to_bottom(std::vector<EventEntry>& src) {
    bottom_.clear();
    bottom_.swap(src);
    head_ = 0;
    bottom_n_ = bottom_.size();
    sort_ascending(bottom_.data(), bottom_n_);
  }

  // The bottom's events before head_ were popped: counted for the epoch's rate.
  void retire_bottom() {
    pops_ += head_;
    if (head_ > 0) last_t_ = bottom_[head_ - 1].t;
  }

  // Spreads `src`, whose events lie in [lo, hi], over a new deepest rung of about n / kTarget
  // buckets, then empties it.
  void spread(std::vector<EventEntry>& src, double lo, double hi) {
    Rung& r = rungs_[nrungs_++];
    const std::size_t nb = std::max<std::size_t>(2, (src.size() + kTarget - 1) / kTarget);
    r.open(lo, (hi - lo) / static_cast<double>(nb), nb);
    for (const EventEntry& e : src) r.buckets[static_cast<std::size_t>(r.index(e.t))].push_back(e);
    src.clear();
  }

  // A bottom grown by inserts (many pushes into the bucket being served) becomes a new deepest
  // rung, unless it holds one instant only (inserts then mostly append). Returns whether it did.
  bool spread_bottom() {
    const double lo = bottom_[head_].t, hi = bottom_.back().t;
    if (!(hi > lo) || nrungs_ == kMaxRungs) return false;
    retire_bottom();
    scratch_.assign(bottom_.begin() + static_cast<std::ptrdiff_t>(head_), bottom_.end());
    bottom_.clear();
    head_ = bottom_n_ = 0;
    spread(scratch_, lo, hi);
    return true;
  }

  // Moves the top's events up to `bound` into `dest` (a new rung 0 when `rung`, else the bottom);
  // the later ones stay on top.
  void take_top(double bound, Rung* rung) {
    top_bound_ = bound;
    reset_top_range();
    std::size_t keep = 0;
    for (std::size_t i = 0; i < top_.size(); ++i) {
      const EventEntry& e = top_[i];
      if (e.t > bound) {
        if (e.t < top_min_) top_min_ = e.t;
        if (e.t > top_max_ && e.t < kInf) top_max_ = e.t;
        top_[keep++] = e;
      } else if (rung) {
        rung->buckets[static_cast<std::size_t>(rung->index(e.t))].push_back(e);
      } else {
        scratch_.push_back(e);
      }
    }
    top_.resize(keep);
  }

  // A new epoch: the top's events become rung 0 (or, when few, the bottom).
  void spawn_from_top() {
    const double lo = top_min_, hi = top_max_;
    const std::size_t n = top_.size();
    const double span = hi - lo;
    // The rate of the last epoch's pops gives the width; the span is the fallback.
    double spacing = span / static_cast<double>(n);
    if (pops_ >= 4 * kTarget && last_t_ > epoch_t_)
      spacing = (last_t_ - epoch_t_) / static_cast<double>(pops_);
    epoch_t_ = last_t_;
    pops_ = 0;
    if (n <= kThres || !(span > 0) || !(spacing > 0)) {
      scratch_.clear();
      take_top(hi > lo ? hi : lo, nullptr);  // lo == +inf: only infinite times are left
      to_bottom(scratch_);
      return;
    }
    double width = static_cast<double>(kTarget) * spacing;
    const std::size_t most = std::max<std::size_t>(2, kSpan * n / kTarget);
    std::size_t nb;
    double bound;
    if (span / width <= static_cast<double>(most)) {
      nb = std::max<std::size_t>(2, static_cast<std::size_t>(span / width) + 1);
      width = span / static_cast<double>(nb);
      bound = hi;
    } else {
      nb = most;
      bound = lo + width * static_cast<double>(nb);
    }
    Rung& r = rungs_[nrungs_++];
    r.open(lo, width, nb);
    take_top(bound, &r);
  }

  // Called with the bottom empty and size_ > 0: finds the next bucket and sorts it into the
  // bottom, spreading oversized buckets over deeper rungs on the way.
  void refill() {
    assert(size_ > 0);
    retire_bottom();
    bottom_.clear();
    head_ = bottom_n_ = 0;
    for (;;) {
      if (nrungs_ == 0) {
        spawn_from_top();
        if (head_ < bottom_n_) return;
        continue;
      }
      Rung& r = rungs_[nrungs_ - 1];
      while (r.cur < r.nb && r.buckets[r.cur].empty()) ++r.cur;
      if (r.cur == r.nb) {
        r.clear();
        --nrungs_;
        continue;
      }
      std::vector<EventEntry>& b = r.buckets[r.cur++];
      if (b.size() > kThres && nrungs_ < kMaxRungs) {
        double lo = b[0].t, hi = b[0].t;
        for (const EventEntry& e : b) {
          lo = std::min(lo, e.t);
          hi = std::max(hi, e.t);
        }
        if (hi > lo) {
          spread(b, lo, hi);
          continue;
        }
      }
      to_bottom(b);
      return;
    }
  }

  // Hot members first.
  std::vector<EventEntry> bottom_;
  std::size_t head_ = 0, bottom_n_ = 0;  // bottom_[head_, bottom_n_) are pending
  std::size_t size_ = 0;
  std::size_t nrungs_ = 0;
  double top_bound_ = -kInf;
  double top_min_ = kInf, top_max_ = -kInf;  // of the finite top times
  std::size_t pops_ = 0;                     // since the epoch began, up to the bottom's refill
  double last_t_ = 0, epoch_t_ = 0;          // the last popped time then; at the epoch's start
  std::vector<EventEntry> top_;
  std::vector<EventEntry> scratch_;
  Rung rungs_[kMaxRungs];
};

}  // namespace sim
