// The event sets the engine does not use, kept for comparison: bench/bench_engine.cpp measures
// them against the engine's choice (sim/event_set.hpp) and tests/test_event_set.cpp checks their
// order against a reference. Same interface (the `EventSet` concept, sim/event_entry.hpp).
//
//   implementation    push            pop             memory per event     measured (hold model)
//   CalendarQueue     O(1) expected   O(1) expected   32 B + 16 B/bucket   2x std heap at 10^4,
//                                                                           1.1x at 10^6
//   RadixHeap         O(1)            O(1) amort.     24 B (+ spare cap.)  ~4x std heap at 10^6
//
// CalendarQueue (Brown 1988): resizes at 2x / 0.5x with a width from the front's spacing;
// O(n) worst case for thousands of exact ties at a few instants; O(n log n) per resize,
// amortised O(log n), rare in steady state. RadixHeap: each event moves down at most 64 buckets
// in its life, through contiguous arrays. The ladder queue beat both (sim/event_set.hpp).
//
// Both keep FIFO order among equal (time, tier) (`seq` is a global insertion counter, so keys
// are unique) and allocate nothing in steady state. Both require that no push has a time earlier
// than the last popped time (a discrete-event clock never goes back).
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "sim/event_entry.hpp"

namespace bench {

using sim::before;
using sim::EventEntry;

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

static_assert(sim::EventSet<CalendarQueue>);
static_assert(sim::EventSet<RadixHeap>);

}  // namespace bench
