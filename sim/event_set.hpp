// The pending-event set: every scheduled resumption or action, ordered by (time, tier, seq).
//
// Five implementations share one interface (the `EventSet` concept, sim/event_entry.hpp), so any
// can drive a Simulation, a benchmark or a test. Measured with bench/bench_engine.cpp's hold model
// on these machines (throughput against std::priority_queue with the same 24-byte entries):
//
//   implementation    push            pop             memory per event     best for
//   QuaternaryHeap    O(log4 n)       O(log4 n)       24 B                 < ~50 pending events
//   CalendarQueue     O(1) expected   O(1) expected   32 B + 16 B/bucket   (alternative)
//   RadixHeap         O(1)            O(1) amort.     24 B (+ spare cap.)  (alternative)
//   LadderQueue       O(1)            O(1) amort.     24 B + 24 B/bucket   ~50 and beyond
//   AdaptiveEventSet  the heap below 48 pending events, the ladder queue above (the default)
//
// CalendarQueue (Brown 1988): resizes at 2x / 0.5x with a width from the front's spacing;
// O(n) worst case for thousands of exact ties at a few instants; O(n log n) per resize,
// amortised O(log n), rare in steady state. RadixHeap: each event moves down at most 64 buckets
// in its life, through contiguous arrays. LadderQueue (sim/ladder_queue.hpp): buckets sorted
// lazily a few at a time, each event spread at most a few times; about 3.5-4x the std heap at
// 10^4 and 4-5x at 10^6 pending events, where the calendar queue gave 2x and 1.1x.
//
// All keep FIFO order among equal (time, tier): `seq` is a global insertion counter, so keys
// are unique and the order is total. None allocates in steady state: storage grows
// geometrically and is reused. Benchmark on the model of interest (bench/bench_engine.cpp)
// before swapping the default.
//
// Invariant relied on by CalendarQueue, RadixHeap and LadderQueue: no push has a time earlier
// than the last popped time (a discrete-event clock never goes back). The heap has no such
// requirement.
#pragma once

#include <algorithm>
#include <cassert>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

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

// Calendar queue (R. Brown, CACM 31(10), 1988). Buckets of width w cover one "year" of
// nbuckets*w seconds; an event lives in bucket floor(t/w) mod nbuckets, in a list sorted by key.
// Each bucket keeps a tail so that the common cases (later times, and FIFO runs of equal times)
// append in O(1). The virtual bucket number floor(t/w) is what pop compares, never an
// accumulated float "bucket top", so no rounding drift can reorder events.
class CalendarQueue {
 public:
  CalendarQueue() { rebuild(kMinBuckets, 1.0); }

  void push(const EventEntry& e) {
    assert(e.t >= last_t_ && "event scheduled in the past");
    std::uint32_t n = alloc_node(e);
    link(n);
    // top() may have advanced the scan past empty days; an earlier event pulls it back.
    const std::int64_t vb = vbucket(e.t);
    if (vb < cur_vb_) cur_vb_ = vb;
    ++size_;
    if (size_ > 2 * nbuckets()) resize(2 * nbuckets());
  }

  const EventEntry& top() {
    std::uint32_t b = locate();
    return nodes_[heads_[b].min_head(nodes_)].e;
  }

  EventEntry pop() {
    std::uint32_t b = locate();
    Bucket& bucket = heads_[b];
    List& list = bucket.list[bucket.min_list(nodes_)];
    std::uint32_t n = list.head;
    list.head = nodes_[n].next;
    if (list.head == kNil) list.tail = kNil;
    EventEntry e = nodes_[n].e;
    free_node(n);
    --size_;
    last_t_ = e.t;
    if (size_ < nbuckets() / 2 && nbuckets() > kMinBuckets) resize(nbuckets() / 2);
    return e;
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void clear() { clear_from(0.0); }
  // Empties the queue; later pushes may be at any time >= t. Keeps its storage.
  void clear_from(double t) {
    nodes_.clear();
    free_ = kNil;
    size_ = 0;
    last_t_ = t;
    rebuild(kMinBuckets, width_);
  }

  double bucket_width() const { return width_; }
  std::size_t nbuckets() const { return heads_.size(); }

 private:
  static constexpr std::uint32_t kNil = 0xFFFFFFFFu;
  static constexpr std::size_t kMinBuckets = 16;
  static constexpr std::size_t kSample = 25;

  struct Node {
    EventEntry e;
    std::uint32_t next;
  };
  struct List {
    std::uint32_t head = kNil;
    std::uint32_t tail = kNil;
  };
  // One sorted list per tier. Within a tier, seq grows with every push, so a run of equal times
  // (a hundred trucks released at 07:00) always appends in O(1); keeping the tiers apart means a
  // calendar event at a crowded instant does not walk past the ordinary ones.
  struct Bucket {
    List list[2];
    int min_list(const std::vector<Node>& nodes) const {
      if (list[0].head == kNil) return 1;
      if (list[1].head == kNil) return 0;
      return before(nodes[list[1].head].e, nodes[list[0].head].e) ? 1 : 0;
    }
    std::uint32_t min_head(const std::vector<Node>& nodes) const {
      return list[min_list(nodes)].head;
    }
    bool empty() const { return list[0].head == kNil && list[1].head == kNil; }
  };

  std::int64_t vbucket(double t) const {
    double v = t * inv_width_;
    return v < 4e18 ? static_cast<std::int64_t>(v) : std::int64_t{4000000000000000000};
  }

  std::uint32_t alloc_node(const EventEntry& e) {
    if (free_ != kNil) {
      std::uint32_t n = free_;
      free_ = nodes_[n].next;
      nodes_[n] = Node{e, kNil};
      return n;
    }
    nodes_.push_back(Node{e, kNil});
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  }
  void free_node(std::uint32_t n) {
    nodes_[n].next = free_;
    free_ = n;
  }

  void link(std::uint32_t n) {
    const EventEntry& e = nodes_[n].e;
    List& b =
        heads_[static_cast<std::size_t>(vbucket(e.t)) & mask_].list[static_cast<int>(e.tier()) & 1];
    nodes_[n].next = kNil;
    if (b.head == kNil) {
      b.head = b.tail = n;
      return;
    }
    if (!before(e, nodes_[b.tail].e)) {  // the usual case: append
      nodes_[b.tail].next = n;
      b.tail = n;
      return;
    }
    if (before(e, nodes_[b.head].e)) {
      nodes_[n].next = b.head;
      b.head = n;
      return;
    }
    std::uint32_t prev = b.head;
    while (!before(e, nodes_[nodes_[prev].next].e)) prev = nodes_[prev].next;
    nodes_[n].next = nodes_[prev].next;
    nodes_[prev].next = n;
  }

  // Finds the bucket whose head is the minimum, advancing cur_vb_ over empty days. At most one
  // pass over the year; if nothing falls in it, jump straight to the minimum head.
  std::uint32_t locate() {
    assert(size_ > 0);
    const std::size_t nb = nbuckets();
    for (std::size_t i = 0; i < nb; ++i) {
      std::uint32_t b = static_cast<std::uint32_t>(static_cast<std::size_t>(cur_vb_) & mask_);
      const Bucket& bucket = heads_[b];
      if (!bucket.empty() && vbucket(nodes_[bucket.min_head(nodes_)].e.t) <= cur_vb_) return b;
      ++cur_vb_;
    }
    std::uint32_t best = kNil;
    for (std::size_t b = 0; b < nb; ++b) {
      if (heads_[b].empty()) continue;
      if (best == kNil ||
          before(nodes_[heads_[b].min_head(nodes_)].e, nodes_[heads_[best].min_head(nodes_)].e))
        best = static_cast<std::uint32_t>(b);
    }
    cur_vb_ = vbucket(nodes_[heads_[best].min_head(nodes_)].e.t);
    return best;
  }

  void rebuild(std::size_t nb, double width) {
    heads_.assign(nb, Bucket{});
    mask_ = nb - 1;
    width_ = width;
    inv_width_ = 1.0 / width;
    cur_vb_ = vbucket(last_t_);
  }

  // New width = 3 x the mean spacing of the next events, ignoring gaps over twice the mean
  // (Brown's rule). All events are collected, sorted and relinked: O(n log n) per resize,
  // amortised over the n/2 operations the 2x hysteresis guarantees between resizes.
  void resize(std::size_t nb) {
    scratch_.clear();
    for (const Bucket& b : heads_)
      for (const List& l : b.list)
        for (std::uint32_t n = l.head; n != kNil; n = nodes_[n].next) scratch_.push_back(n);
    std::size_t k = std::min(kSample, scratch_.size());
    auto cmp = [this](std::uint32_t a, std::uint32_t b) {
      return before(nodes_[a].e, nodes_[b].e);
    };
    // A full sort makes every relink below an O(1) append, even for long runs of equal times.
    std::sort(scratch_.begin(), scratch_.end(), cmp);
    double width = width_;
    if (k >= 2) {
      double span = nodes_[scratch_[k - 1]].e.t - nodes_[scratch_[0]].e.t;
      double mean = span / static_cast<double>(k - 1);
      double sum = 0;
      std::size_t m = 0;
      for (std::size_t i = 1; i < k; ++i) {
        double gap = nodes_[scratch_[i]].e.t - nodes_[scratch_[i - 1]].e.t;
        if (gap <= 2 * mean) {
          sum += gap;
          ++m;
        }
      }
      double w = m > 0 ? 3.0 * sum / static_cast<double>(m) : 0.0;
      if (w > 1e-9) width = w;
    }
    rebuild(nb, width);
    for (std::uint32_t n : scratch_) link(n);
  }

  std::vector<Node> nodes_;
  std::vector<Bucket> heads_;
  std::vector<std::uint32_t> scratch_;
  std::uint32_t free_ = kNil;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  double width_ = 1.0;
  double inv_width_ = 1.0;
  double last_t_ = 0.0;
  std::int64_t cur_vb_ = 0;
};

// Radix heap (Ahuja, Mehlhorn, Orlin & Tarjan, JACM 37(2), 1990) on the bits of the time: a
// non-negative double's bit pattern orders like the double, so bucket i > 0 holds the events whose
// time first differs from the last popped time in bit i-1, and bucket 0 those at exactly that
// time (kept as a small binary heap on (tier, seq)). Popping from an empty bucket 0 moves the
// smallest non-empty bucket down around its minimum; every event moves down at most 64 times in
// its life, through contiguous arrays. top() finds the minimum without moving anything (cached
// until the next push or pop), so an event pushed after a peek but before the peeked time is
// still served first. Requires times >= the last popped time (the clock's monotonicity).
class RadixHeap {
 public:
  void push(const EventEntry& e) {
    const std::uint64_t k = key(e.t);
    assert(k >= last_ && "event scheduled in the past");
    const int b = bucket_of(k);
    if (b == 0) {
      b_[0].push_back(e);
      std::push_heap(b_[0].begin(), b_[0].end(), later);
    } else {
      b_[b].push_back(e);
      if (min_bucket_ >= 0) {
        if (b < min_bucket_) {
          min_bucket_ = b;  // that bucket was empty: the new event is its only one
          min_index_ = b_[b].size() - 1;
        } else if (b == min_bucket_ && before(e, b_[b][min_index_])) {
          min_index_ = b_[b].size() - 1;
        }
      }
    }
    ++size_;
  }

  const EventEntry& top() {
    if (!b_[0].empty()) return b_[0].front();
    locate_min();
    return b_[min_bucket_][min_index_];
  }

  EventEntry pop() {
    if (b_[0].empty()) {
      locate_min();
      std::vector<EventEntry>& src = b_[min_bucket_];
      last_ = key(src[min_index_].t);
      min_bucket_ = -1;
      scratch_.swap(src);  // keeps both vectors' capacity: no allocation in steady state
      for (const EventEntry& e : scratch_) {
        const int b = bucket_of(key(e.t));
        b_[b].push_back(e);
        if (b == 0) std::push_heap(b_[0].begin(), b_[0].end(), later);
      }
      scratch_.clear();
    }
    std::pop_heap(b_[0].begin(), b_[0].end(), later);
    EventEntry e = b_[0].back();
    b_[0].pop_back();
    --size_;
    return e;
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void clear() { clear_from(0.0); }
  // Empties the heap; later pushes may be at any time >= t.
  void clear_from(double t) {
    for (auto& v : b_) v.clear();
    size_ = 0;
    last_ = key(t);
    min_bucket_ = -1;
  }

 private:
  static std::uint64_t key(double t) {
    if (t == 0) return 0;  // -0.0 too
    std::uint64_t k;
    std::memcpy(&k, &t, sizeof k);
    return k;
  }
  int bucket_of(std::uint64_t k) const { return k == last_ ? 0 : 64 - __builtin_clzll(k ^ last_); }
  static bool later(const EventEntry& a, const EventEntry& b) { return before(b, a); }

  void locate_min() {
    if (min_bucket_ >= 0) return;
    int i = 1;
    while (b_[i].empty()) ++i;
    const std::vector<EventEntry>& v = b_[i];
    std::size_t best = 0;
    for (std::size_t j = 1; j < v.size(); ++j)
      if (before(v[j], v[best])) best = j;
    min_bucket_ = i;
    min_index_ = best;
  }

  std::vector<EventEntry> b_[65];
  std::vector<EventEntry> scratch_;
  std::uint64_t last_ = 0;
  std::size_t size_ = 0;
  int min_bucket_ = -1;  // cached location of the minimum while bucket 0 is empty; -1: unknown
  std::size_t min_index_ = 0;
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
static_assert(EventSet<CalendarQueue>);
static_assert(EventSet<AdaptiveEventSet>);
static_assert(EventSet<RadixHeap>);
static_assert(EventSet<LadderQueue>);

// The engine's choice; bench/bench_engine.cpp measures it against the alternatives.
using DefaultEventSet = AdaptiveEventSet;

}  // namespace sim
