// The pending-event set: every scheduled resumption or action, ordered by (time, tier, seq).
//
// The engine's set and its two parts, which share one interface (the `EventSet` concept,
// sim/event_entry.hpp) with the alternatives kept in bench/event_sets.hpp (a calendar queue and a
// radix heap). Measured with bench/bench_engine.cpp's hold model on these machines (throughput
// against std::priority_queue with the same 24-byte entries):
//
//   implementation    push            pop             memory per event     best for
//   QuaternaryHeap    O(log4 n)       O(log4 n)       24 B                 < ~50 pending events
//   LadderQueue       O(1)            O(1) amort.     24 B + 24 B/bucket   ~50 and beyond
//   AdaptiveEventSet  the heap below 48 pending events, the ladder queue above (the default)
//
// LadderQueue (sim/ladder_queue.hpp): buckets sorted lazily a few at a time, each event spread
// at most a few times; about 3.5-4x the std heap at 10^4 and 4-5x at 10^6 pending events, where
// the calendar queue gave 2x and 1.1x and the radix heap about 4x at 10^6.
//
// Both keep FIFO order among equal (time, tier): `seq` is a global insertion counter, so keys
// are unique and the order is total. Neither allocates in steady state: storage grows
// geometrically and is reused. Benchmark on the model of interest (bench/bench_engine.cpp)
// before swapping the default.
//
// Invariant relied on by LadderQueue: no push has a time earlier than the last popped time (a
// discrete-event clock never goes back). The heap has no such requirement.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "sim/event_entry.hpp"
#include "sim/ladder_queue.hpp"

namespace sim {

// d-ary heap with d = 4: shallower than a binary heap and its four children share a cache line
// pair, which is what makes it faster than std::priority_queue on 24-byte entries. Its own
// buffer (size and capacity in members, not vector arithmetic) and an unrolled minimum of four
// full children: it carries every event of a small model.
class QuaternaryHeap {
 public:
  QuaternaryHeap() = default;
  QuaternaryHeap(const QuaternaryHeap&) = delete;
  QuaternaryHeap& operator=(const QuaternaryHeap&) = delete;
  ~QuaternaryHeap() { delete[] heap_; }

  void push(const EventEntry& e) {
    if (n_ == cap_) [[unlikely]]
      grow();
    std::size_t i = n_++;
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  const EventEntry& top() const { return heap_[0]; }

  EventEntry pop() {
    const EventEntry result = heap_[0];
    const std::size_t n = --n_;
    if (n == 0) return result;
    const EventEntry last = heap_[n];
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = 4 * i + 1;
      std::size_t best;
      if (first + 4 <= n) [[likely]] {  // four children: a tournament of three comparisons
        const std::size_t a = before(heap_[first + 1], heap_[first]) ? first + 1 : first;
        const std::size_t b = before(heap_[first + 3], heap_[first + 2]) ? first + 3 : first + 2;
        best = before(heap_[b], heap_[a]) ? b : a;
      } else {
        if (first >= n) break;
        best = first;
        for (std::size_t c = first + 1; c < n; ++c)
          if (before(heap_[c], heap_[best])) best = c;
      }
      if (!before(heap_[best], last)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
    return result;
  }

  bool empty() const { return n_ == 0; }
  std::size_t size() const { return n_; }
  void clear() { n_ = 0; }

 private:
  [[gnu::cold, gnu::noinline]] void grow() {
    const std::size_t cap = cap_ ? 2 * cap_ : 64;
    EventEntry* bigger = new EventEntry[cap];
    std::copy(heap_, heap_ + n_, bigger);
    delete[] heap_;
    heap_ = bigger;
    cap_ = cap;
  }

  EventEntry* heap_ = nullptr;
  std::size_t n_ = 0, cap_ = 0;
};

// The heap while few events are pending (a handful of servers: two levels, no bookkeeping), the
// ladder queue beyond (O(1) at any size: it beat the calendar queue from ~100 and the radix heap
// up to 10^6 pending events in bench/bench_engine.cpp's hold model on these machines). The switch
// has 4x hysteresis, so migrations (O(n)) are rare and absent in a steady state. Migration floors
// the new structure at the last popped time: any later push is >= it.
class AdaptiveEventSet {
 public:
  // The heap case comes first in every operation: it is the hot one in small models.
  void push(const EventEntry& e) {
    if (mode_ == Mode::Heap) [[likely]] {
      heap_.push(e);
      if (heap_.size() >= kHeapUp) [[unlikely]]
        to_ladder();
      return;
    }
    ladder_.push(e);
  }
  EventEntry pop() {
    if (mode_ == Mode::Heap) [[likely]] {
      const EventEntry e = heap_.pop();
      last_t_ = e.t;
      return e;
    }
    const EventEntry e = ladder_.pop();
    last_t_ = e.t;
    if (ladder_.size() < kHeapDown) [[unlikely]]
      to_heap();
    return e;
  }
  const EventEntry& top() {
    if (mode_ == Mode::Heap) [[likely]]
      return heap_.top();
    return ladder_.top();
  }
  bool empty() const { return size() == 0; }
  std::size_t size() const {
    if (mode_ == Mode::Heap) [[likely]]
      return heap_.size();
    return ladder_.size();
  }
  void clear() {
    heap_.clear();
    ladder_.clear();
    mode_ = Mode::Heap;
    last_t_ = 0;
  }
  bool using_ladder() const { return mode_ == Mode::Ladder; }

 private:
  enum class Mode { Heap, Ladder };
  static constexpr std::size_t kHeapUp = 48, kHeapDown = 12;

  // Rare and O(n): kept out of line so that push and pop stay small enough to inline.
  [[gnu::cold, gnu::noinline]] void to_ladder() {
    ladder_.clear_from(last_t_);
    while (!heap_.empty()) ladder_.push(heap_.pop());
    mode_ = Mode::Ladder;
  }
  [[gnu::cold, gnu::noinline]] void to_heap() {
    heap_.clear();
    while (!ladder_.empty()) heap_.push(ladder_.pop());
    ladder_.clear_from(last_t_);
    mode_ = Mode::Heap;
  }

  // Hot members first (one cache line); the large structures after.
  Mode mode_ = Mode::Heap;
  double last_t_ = 0;  // the last popped time: the floor for a migration
  QuaternaryHeap heap_;
  LadderQueue ladder_;
};

static_assert(EventSet<QuaternaryHeap>);
static_assert(EventSet<AdaptiveEventSet>);
static_assert(EventSet<LadderQueue>);

// The engine's choice; bench/bench_engine.cpp measures it against the alternatives
// (bench/event_sets.hpp).
using DefaultEventSet = AdaptiveEventSet;

}  // namespace sim
